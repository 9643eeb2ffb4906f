#!/usr/bin/env python3
"""Converts PETRARCH2's CAMEO verb dictionary and the CAMEO -> PLOVER table into entente's
own lexicon files (data/lexicon/cameo_*.tsv). Reproducible: the output is a pure function of
the two inputs (sorted, no dates).

    python3 scripts/build_cameo.py [SHARED_DATA_DIR]   (default ../shared/data)

Inputs (see data/README.md for origin and licence):
  petrarch2/CAMEO.2.0.txt         verb blocks, forms, patterns, synonym sets (MIT)
  plover/CAMEO2PLOVER-2021.txt    CAMEO code -> PLOVER type, mode, context (CC BY-SA 4.0)

Outputs:
  data/lexicon/cameo_verbs.tsv     form, lemma, block, default code (or -), source line
  data/lexicon/cameo_patterns.tsv  block, object, particle, preposition, prepositional object,
                                   code, source line  (one row per pattern of the dictionary
                                   read as a dependency condition; see the file's header)
  data/lexicon/cameo_synsets.tsv   set name, member lemma
  data/lexicon/cameo_plover.tsv    CAMEO code, PLOVER type, mode, context
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARTICLES = {"UP", "OUT", "OFF", "DOWN", "BACK", "AWAY", "FORWARD", "OVER", "ASIDE", "IN", "ON"}
PREPOSITIONS = {
    "TO", "FROM", "WITH", "AGAINST", "BETWEEN", "AMONG", "ON", "IN", "INTO", "FOR", "OF", "AT", "BY",
    "OVER", "UNDER", "BEHIND", "BEFORE", "AFTER", "ABOUT", "ALONG", "ACROSS", "THROUGH", "UNTIL",
    "TOWARD", "TOWARDS", "WITHIN", "WITHOUT", "AROUND", "NEAR", "UPON", "ONTO", "OUT", "UP", "OFF",
    "DOWN", "ASIDE", "AS", "AWAY", "BACK", "FORWARD", "DESPITE", "AMID", "BEYOND", "INSIDE",
}
# CAMEO 01 (public statements) codes no relation; 02 (appeals) is a request in PLOVER's sense
# ("asks X for aid"), which the 2021 table leaves out because it starts at 03.
APPEAL = "REQUEST"
# The modes the PLOVER manual (PLOVER_MANUAL.tex, 2021: the tables "CONSULT modes" ... "ASSAULT
# modes") defines for each type; AGREE, SUPPORT, CONCEDE, COOPERATE and AID have none. A mode of
# the CAMEO -> PLOVER table that is not among them (RETREAT "ease" and "return", which the manual
# dropped; ASSAULT "cleansing" and "massacre", commented out there; a context such as
# "pro_autocracy" written in the mode's column) is left out: the row keeps its type.
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"},
}
# Modes of the table that the manual names otherwise, by its definitions: assassinations and
# "deliberate mass killings of defenseless actors" are ASSAULT "targeted"; a ban on parties or
# politicians is COERCE (and THREATEN) "restrict"; 1712 "destroy property" is ASSAULT "destroy".
RENAMED_MODES = {
    ("ASSAULT", "assassinate"): "targeted",
    ("ASSAULT", "massacre"): "targeted",
    ("ASSAULT", "seize"): "destroy",
    ("COERCE", "ban"): "restrict",
    ("THREATEN", "ban"): "restrict",
    ("THREATEN", "political"): "restrict",
}
# Rows of the CAMEO -> PLOVER table that the manual's own text codes otherwise: code -> (type,
# mode), each with the manual's words. 055 "apologize": "Expressions of regret or remorse for an
# action or situation should be coded as CONCEDE" (CONCEDE and RETREAT, "Potential
# ambiguities"), not SUPPORT. 0874 "retreat or surrender militarily": RETREAT "withdraw" is
# "Retreat from territory or withdraw forces from an area"; "disarm" is giving up weapons.
# 195 "employ aerial weapons": ASSAULT "aerial" is "Manned aerial vehicles, e.g. aircraft";
# "heavy-weapons" is "Artillery, rocket launchers, armored vehicles, tanks"; and 1952 (CAMEO's
# "employ remotely piloted aerial munitions", which the table leaves to 195's row) is "drone":
# "Unmanned aerial vehicles (UAVs), drones".
PLOVER_CORRECTIONS = {
    "055": ("CONCEDE", "-"),
    "0874": ("RETREAT", "withdraw"),
    "195": ("ASSAULT", "aerial"),
    "1952": ("ASSAULT", "drone"),
}
# Words before the verb in a pattern that are not its subject. Auxiliaries ("- WILL *" under
# HOST, "- + BEEN * BY" under CHARGE) say nothing of the actors: the word is dropped. A verb that
# governs the dictionary word as a noun ("- LIFT *" under VETO is "lift the veto", "- TEST *"
# under FIRE is "test-fire", "- $ AGREE * + INSPECT" is "agree to allow inspections") is no
# condition the parse coding checks on the verb: the pattern is left out.
AUXILIARIES = {"WILL", "WOULD", "SHALL", "BE", "BEEN", "BEING", "IS", "ARE", "WAS", "WERE", "HAS", "HAVE",
               "HAD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "SHOULD", "TO", "NOT"}
GOVERNING_VERBS = {"AGREE", "LIFT", "TEST", "BOOST", "RESTRICTING"}
# Slips in CAMEO.2.0.txt, mended here so that the lexicon stays a pure function of its inputs:
# (block, verb) -> the code it gets (None: it codes only by its block's patterns), each with why.
CORRECTIONS = {
    # "COMPENSATE [114]" under PURCHASE: to compensate is to pay compensation, which the
    # dictionary's own "PAY * COMPENSATION" and "PAID * COMPENSATION" code 0842 (return
    # property); 114 (complain officially) would make "agreed to compensate Y" an accusation.
    ("PURCHASE", "COMPENSATE"): "0842",
    # "EXPRESS [110]" under EXPLAIN_VERBAL: a verb of saying is coded by what is expressed (the
    # block's 80 patterns: support, gratitude, anger ...); as a default, 110 (disapprove) made
    # "expressed hope for", "expressed condolences to" a disapproval. The use it stood for,
    # "expressed concern over", is the pattern added below.
    ("EXPLAIN_VERBAL", "EXPRESS"): None,
    # Polysemous verbs whose block's default code names a sense that is rare between states;
    # each codes only by its block's patterns ("take hostage", "leave for", "consider a plan").
    # "take" is English's commonest light verb ("take part", "take on Japan", "take advantage
    # of"): not a seizure (171). Leaving a place ("leave the EU", "troops leave Syria") is not
    # consulting it (040). "consider" is a verb of judging ("considers the US biased"), not a
    # consultation (040). Between states, "beat" is a win in sport or at the polls ("Russia beat
    # Croatia 2-1"), not the use of force (190).
    ("APPREHEND", "TAKE"): None,
    ("GO_SOMEWHERE", "LEAVE"): None,
    ("CONSIDER", "CONSIDER"): None,
    ("DESTROY", "BEAT"): None,
}
# Blocks whose default code is no event for the verbs that have none of their own: they code
# only by their patterns. OVERSEE_MANAGE [060] (material cooperation) holds the verbs of
# governing ("control", "govern", "rule", "lead", "head", "command", "manage"): "China controls
# Hong Kong", "led the coalition" are no cooperation between the two.
BLOCK_CORRECTIONS = {"OVERSEE_MANAGE"}
# Patterns added with the corrections: (block, subject, object, particle, preposition,
# prepositional object, code, the CAMEO line they complete).
EXTRA_PATTERNS = [
    ("explain_verbal", "-", "concern", "-", "-", "-", "110"),
]


def word(w):
    """A dictionary word as a lemma: lower case, '_' for spaces, no trailing '_'."""
    return w.strip("_").replace("_", " ").lower()


def first_code(code):
    """'[042:043]' -> '042'; '[:173]' -> '173'; '[---]' -> None."""
    code = code.strip("[] ")
    parts = [p for p in code.split(":") if p and p != "---"]
    if not parts or not re.fullmatch(r"\d{2,4}", parts[0]):
        return None
    return parts[0]


def read_plover(path):
    table = {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        plover = fields[0]
        mode = fields[1] if len(fields) > 1 else ""
        context = fields[2] if len(fields) > 2 else ""
        mode = mode.replace(" ", "")
        mode = RENAMED_MODES.get((plover, mode), mode)
        if mode not in MODES.get(plover, ()):
            mode = ""
        table.setdefault(m.group(1), (plover, mode or "-", context.replace(" ", "") or "-"))
    for code, (plover, mode) in PLOVER_CORRECTIONS.items():
        table[code] = (plover, mode, table[code[:3]][2])
    return table


def plover_of(code, table):
    """The PLOVER row of a code, by its longest listed prefix; 02x is an appeal."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    if code.startswith("02"):
        # CAMEO's appeals (02) and demands (10) share their subcategories by design (0231
        # "appeal for economic aid", 1031 "demand economic aid"): an appeal takes the mode and
        # context of the demand of its kind.
        demand = table.get("10" + code[2:])
        return (APPEAL, demand[1], demand[2]) if demand else (APPEAL, "-", "-")
    return None


def tokens(text):
    """Pattern text to items: words, {phrases}, (groups), markers."""
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", text)


def phrase_head(item):
    """'{ARMS SHIPMENT}' -> ('arms shipment', 'shipment'); 'AID' -> ('aid', 'aid')."""
    words = [w for w in item.strip("{}").split() if w not in ("+", "$", "^", "%")]
    if not words:
        return None
    norm = [w.rstrip("_") if w.startswith("&") else word(w) for w in words]
    return " ".join(norm), norm[-1]


def read_cameo(path, plover):
    verbs, patterns, synsets = [], [], []
    lines = open(path, encoding="utf-8").read().split("\n")
    section = None
    block, block_code, current_set = None, None, None
    express_line = None
    for n, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### SYNONYM"):
            section = "syn"
            continue
        if raw.startswith("####### VERB"):
            section = "verb"
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not line.strip():
            continue
        if section == "syn":
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
            elif line.startswith("+") and current_set:
                synsets.append((current_set, word(line[1:].strip())))
            continue
        if section != "verb":
            continue
        m = re.match(r"^---\s+(\S+)\s+(\[[^\]]*\])\s+---", line)
        if m:
            block = m.group(1).lower()
            block_code = first_code(m.group(2))
            continue
        if block is None:
            continue
        if line.startswith("-"):
            row = pattern_row(block, line, n, plover)
            if row:
                patterns.append(row)
            continue
        # A verb line: FORM [{IRREGULAR FORMS}] [CODE]
        vm = re.match(r"^(\+?)(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not vm:
            continue
        lemma = word(vm.group(2))
        code = first_code(vm.group(4)) if vm.group(4) else block_code
        key = (block.upper(), vm.group(2).strip("_"))
        if not vm.group(4) and block.upper() in BLOCK_CORRECTIONS:
            code = None
        if key in CORRECTIONS:
            code = CORRECTIONS[key]
            if key == ("EXPLAIN_VERBAL", "EXPRESS"):
                express_line = n
        if code is not None and plover_of(code, plover) is None:
            code = None
        forms = {lemma}
        if vm.group(3):
            for f in vm.group(3).strip("{}").replace(",", " ").split():
                forms.add(word(f.lstrip("+")))
        elif " " not in lemma:
            forms |= regular_forms(lemma)
        for f in sorted(forms):
            verbs.append((f, lemma, block, code or "-", n))
    for row in EXTRA_PATTERNS:
        patterns.append(row + (express_line or 0, False))
    return verbs, patterns, synsets


def pattern_row(block, line, n, plover):
    """A pattern line ("- * {ARMS SHIPMENT} (TO &COUNTRY) [072]") as a dependency condition:
    (block, subject, object, particle, preposition, prepositional object, code, line), or None."""
    body = line[1:].strip()
    cm = re.search(r"\[([^\]]*)\]\s*$", body)
    if not cm:
        return None
    code = first_code(cm.group(1))
    if code is None or plover_of(code, plover) is None:
        return None
    body = body[: cm.start()].strip()
    if "*" not in body:
        return None
    pre, post = body.split("*", 1)
    subject = "-"
    pre_items = [i for i in tokens(pre) if i not in ("+", "$", "^", "%") and i not in AUXILIARIES]
    if any(i in GOVERNING_VERBS for i in pre_items):
        return None
    if pre_items:
        # Words before the verb: its subject's head (&MILITARY, PROSECUTOR); an adverb
        # ("ILLEGALLY *") is a manner the parse does not give as a role: skipped.
        head = pre_items[-1]
        if head.startswith("&"):
            subject = head.rstrip("_")
        elif len(pre_items) == 1 and not head.endswith("LY"):
            subject = phrase_head(head)[1]
        else:
            return None
    obj, particle, prep, pobj = "-", "-", "-", "-"
    bare = False
    items = [i for i in tokens(post) if i not in ("+", "$", "^", "%")]
    bare_prep = False
    for item in items:
        word_only = not item.startswith(("{", "&", "("))
        if bare_prep:
            # A bare preposition's object is the word after it ("- * IN &DETENTION").
            bare_prep = False
            if item.startswith("&"):
                pobj = item.rstrip("_")
            elif word_only and item not in PREPOSITIONS:
                pobj = word(item)
            continue
        if item.startswith("("):
            if prep != "-":
                continue  # a second group refines the first: kept as one condition
            inner = [w for w in item.strip("()").split() if w not in ("+", "$", "^", "%")]
            if not inner:
                continue
            prep = word(inner[0])
            if len(inner) > 1:
                last = inner[-1]
                pobj = last.rstrip("_") if last.startswith("&") else phrase_head("{" + " ".join(inner[1:]) + "}")[0]
            continue
        if prep != "-":
            continue  # words after a preposition's phrase: not a condition the parse gives
        if word_only and item in PREPOSITIONS and item not in PARTICLES:
            # "- * FROM [0841]" under RELEASE: "released ... from", the case of an oblique, not
            # an object (PETRARCH matches the word after the verb; the parse gives it as a case).
            # A word that is also a particle ("CALL OFF TALKS", "STEP UP") stays a particle.
            prep = word(item)
            bare_prep = bare = True
            continue
        if obj == "-" and particle == "-" and word_only and item in PARTICLES:
            particle = word(item)
            continue
        if obj == "-":
            if item.startswith("&"):
                obj = item.rstrip("_")
            else:
                ph = phrase_head(item)
                if ph:
                    obj = ph[0]
    if (subject, obj, particle, prep) == ("-", "-", "-", "-"):
        return None  # only an auxiliary before the verb ("- WILL * [036]"): no condition left
    return (block, subject, obj, particle, prep, pobj, code, n, bare)


def regular_forms(lemma):
    """The regular inflections of a verb (PETRARCH generates them the same way)."""
    if lemma.endswith("e"):
        return {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return {lemma + "es", lemma + "ed", lemma + "ing"}
    return {lemma + "s", lemma + "ed", lemma + "ing"}


HEADER = """# Converted by scripts/build_cameo.py from PETRARCH2's CAMEO.2.0.txt (MIT, Open Event Data
# Alliance; see data/README.md) and CAMEO2PLOVER-2021.txt (CC BY-SA 4.0). Do not edit by hand:
# rerun the script. The last column is the line of CAMEO.2.0.txt the row comes from.
"""


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
    plover = read_plover(os.path.join(shared, "plover", "CAMEO2PLOVER-2021.txt"))
    verbs, patterns, synsets = read_cameo(os.path.join(shared, "petrarch2", "CAMEO.2.0.txt"), plover)
    out = os.path.join(ROOT, "data", "lexicon")
    with open(os.path.join(out, "cameo_verbs.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("# form\tlemma\tblock\tcode (- : only its patterns code)\tline\n")
        seen = set()
        for row in sorted(set(verbs), key=lambda r: (r[0], r[1], r[2], r[4])):
            if (row[0], row[2]) in seen:
                continue
            seen.add((row[0], row[2]))
            f.write("\t".join(map(str, row)) + "\n")
    with open(os.path.join(out, "cameo_patterns.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write(
            "# block\tsubject\tobject\tparticle\tpreposition\tprepositional object\tcode\tline\n"
            "# subject/object: the head lemma of nsubj / obj (a phrase: its words, the last is the head),\n"
            "# &SET a member of a synonym set, - any or none; particle: compound:prt; preposition:\n"
            "# the case of an obl/nmod of the verb, with its object's lemma or set.\n"
        )
        seen = set()
        # A bare preposition read as a case can make a pattern the same condition as one the
        # dictionary writes as a group with another code ("- * TO [030]" and "- * (TO) [042]"
        # under OVERSEE_MANAGE, both "head to"): the group, the dictionary's explicit reading of
        # a prepositional phrase, is kept.
        grouped = {r[:6] for r in patterns if not r[8]}
        patterns = [r[:8] for r in patterns if not (r[8] and r[:6] in grouped)]
        for row in sorted(patterns, key=lambda r: (r[0], r[7])):
            key = row[:7]
            if key in seen:
                continue
            seen.add(key)
            f.write("\t".join(map(str, row)) + "\n")
    with open(os.path.join(out, "cameo_synsets.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER.replace("The last column is the line of CAMEO.2.0.txt the row comes from.", ""))
        f.write("# set\tmember\n")
        for row in sorted(set(synsets)):
            f.write("\t".join(row) + "\n")
    with open(os.path.join(out, "cameo_plover.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER.replace("The last column is the line of CAMEO.2.0.txt the row comes from.", ""))
        f.write("# CAMEO code\tPLOVER type\tmode\tcontext (02x, appeals, are REQUEST: the table starts at 03)\n")
        codes = sorted(set(plover) | {p[6] for p in patterns} | {v[3] for v in verbs if v[3] != "-"})
        for code in codes:
            p = plover_of(code, plover)
            if p:
                f.write("\t".join((code,) + p) + "\n")
    types = {plover_of(c, plover)[0] for c in {p[6] for p in patterns} | {v[3] for v in verbs if v[3] != "-"}}
    print(f"{len(verbs)} verb forms, {len(patterns)} patterns, {len(synsets)} set members; "
          f"PLOVER types reached: {len(types)} {sorted(types)}")


if __name__ == "__main__":
    main()
