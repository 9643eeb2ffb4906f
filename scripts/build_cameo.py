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
        table.setdefault(m.group(1), (plover, mode or "-", context.replace(" ", "") or "-"))
    return table


def plover_of(code, table):
    """The PLOVER row of a code, by its longest listed prefix; 02x is an appeal."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    if code.startswith("02"):
        return (APPEAL, "-", "-")
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
            body = line[1:].strip()
            cm = re.search(r"\[([^\]]*)\]\s*$", body)
            if not cm:
                continue
            code = first_code(cm.group(1))
            if code is None or plover_of(code, plover) is None:
                continue
            body = body[: cm.start()].strip()
            if "*" not in body:
                continue
            pre, post = body.split("*", 1)
            subject = "-"
            pre_items = [i for i in tokens(pre) if i not in ("+", "$", "^", "%")]
            if pre_items:
                # Words before the verb: its subject's head (&MILITARY, PROSECUTOR); an adverb
                # ("ILLEGALLY *") is a manner the parse does not give as a role: skipped.
                head = pre_items[-1]
                if head.startswith("&"):
                    subject = head.rstrip("_")
                elif len(pre_items) == 1 and not head.endswith("LY"):
                    subject = phrase_head(head)[1]
                else:
                    continue
            obj, particle, prep, pobj = "-", "-", "-", "-"
            for item in tokens(post):
                if item in ("+", "$", "^", "%"):
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
                    continue  # words after a group: not a condition the parse gives
                if obj == "-" and particle == "-" and item in PARTICLES and not item.startswith("{"):
                    particle = word(item)
                    continue
                if obj == "-":
                    if item.startswith("&"):
                        obj = item.rstrip("_")
                    else:
                        ph = phrase_head(item)
                        if ph:
                            obj = ph[0]
            patterns.append((block, subject, obj, particle, prep, pobj, code, n))
            continue
        # A verb line: FORM [{IRREGULAR FORMS}] [CODE]
        vm = re.match(r"^(\+?)(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not vm:
            continue
        lemma = word(vm.group(2))
        code = first_code(vm.group(4)) if vm.group(4) else block_code
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
    return verbs, patterns, synsets


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
