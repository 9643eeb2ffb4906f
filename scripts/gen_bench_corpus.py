#!/usr/bin/env python3
"""Writes a synthetic news corpus for the ingest benchmark, as JSON Lines, streamed.

    scripts/gen_bench_corpus.py OUT_DIR N [--per-file 10000] [--bytes 5000] [--seed 1]

Every document is about `--bytes` long (5 KB by default). About one paragraph in three opens
with a relation sentence made from templates ("Israel agreed to sell Azerbaijan $5 billion
worth of arms in 2016.") over many countries, sectors, verbs, modalities, amounts and years;
the rest is neutral prose, as news has. Deterministic for a given seed; nothing is held in memory but the current line.
Standard library only.
"""

import argparse
import json
import os
import random

COUNTRIES = [
    ("Israel", "Israeli"), ("Azerbaijan", "Azerbaijani"), ("Kazakhstan", "Kazakh"),
    ("Iran", "Iranian"), ("Russia", "Russian"), ("China", "Chinese"), ("Turkey", "Turkish"),
    ("Georgia", "Georgian"), ("Armenia", "Armenian"), ("India", "Indian"),
    ("Pakistan", "Pakistani"), ("France", "French"), ("Germany", "German"),
    ("the United States", "American"), ("the United Kingdom", "British"), ("Japan", "Japanese"),
    ("South Korea", "South Korean"), ("Brazil", "Brazilian"), ("Mexico", "Mexican"),
    ("Egypt", "Egyptian"), ("Saudi Arabia", "Saudi"), ("Qatar", "Qatari"),
    ("the United Arab Emirates", "Emirati"), ("Iraq", "Iraqi"), ("Syria", "Syrian"),
    ("Jordan", "Jordanian"), ("Ukraine", "Ukrainian"), ("Poland", "Polish"),
    ("Italy", "Italian"), ("Spain", "Spanish"), ("Greece", "Greek"), ("Cyprus", "Cypriot"),
    ("Uzbekistan", "Uzbek"), ("Turkmenistan", "Turkmen"), ("Kyrgyzstan", "Kyrgyz"),
    ("Tajikistan", "Tajik"), ("Mongolia", "Mongolian"), ("Vietnam", "Vietnamese"),
    ("Indonesia", "Indonesian"), ("Australia", "Australian"), ("Canada", "Canadian"),
    ("Nigeria", "Nigerian"), ("Ethiopia", "Ethiopian"), ("Kenya", "Kenyan"),
    ("South Africa", "South African"), ("Argentina", "Argentine"), ("Chile", "Chilean"),
    ("Norway", "Norwegian"), ("Sweden", "Swedish"), ("Finland", "Finnish"),
]

# (sector, template); {a} and {b} are countries, {adj} is {a}'s adjective.
TEMPLATES = [
    ("arms", "{a} {agreed} sell {b} {amount} worth of arms and missile defense technology{when}."),
    ("arms", "{a} {agreed} supply {b} with drones and radar systems worth {amount}{when}."),
    ("arms", "{b} {agreed} buy {count} tanks from {a}{when}."),
    ("energy", "{a} supplies about {pct} percent of {b}'s oil imports{when}."),
    ("energy", "{a} and {b} {agreed} build a gas pipeline worth {amount}{when}."),
    ("energy", "The {adj} state energy company will invest {amount} in {b}'s oil fields{when}."),
    ("trade", "Trade between {a} and {b} reached {amount}{when}."),
    ("trade", "{a} and {b} {agreed} sign a free-trade agreement{when}."),
    ("economy", "{a} {agreed} lend {b} {amount} to support its budget{when}."),
    ("technology", "{a} and {b} {agreed} cooperate on satellites and telecommunications{when}."),
    ("cyber", "{a} accused {b} of a cyber attack on its banks{when}."),
    ("agriculture", "{adj} firms will help {b} with irrigation and water management{when}."),
    ("military", "{a} and {b} held joint military exercises with {count} troops{when}."),
    ("military", "{a} threatened to strike {b}'s nuclear facilities{when}."),
    ("security", "{a} and {b} {agreed} share intelligence on terrorism{when}."),
    ("diplomacy", "The {adj} prime minister visited {b} for talks on regional security{when}."),
    ("diplomacy", "{a} recalled its ambassador from {b} in protest{when}."),
    ("sanctions", "{a} imposed sanctions on {b}'s banks and oil exports{when}."),
]

AGREED = ["agreed to", "plans to", "is poised to", "hopes to", "did not", "has no plans to",
          "signed a deal to", "is expected to"]

FILLER = [
    "Officials declined to give further details of the talks, which lasted two days.",
    "Analysts said the announcement reflected a broader shift in the region's alliances.",
    "The ministry said in a statement that more meetings would follow in the coming months.",
    "Markets reacted calmly, and the national currency closed little changed on the day.",
    "The opposition criticised the government for failing to consult parliament first.",
    "Observers noted that relations had been strained for much of the previous decade.",
    "A spokesman said the details would be published once both sides had approved them.",
    "Local newspapers reported the visit on their front pages the following morning.",
    "Weather delayed the arrival of the delegation by several hours, officials said.",
    "The agreement still needs to be ratified by the legislatures of both countries.",
    "Several hundred people gathered outside the building as the meeting went on.",
    "The talks were held behind closed doors, and no journalists were admitted.",
    "Economists expect growth to slow next year as exports weaken and prices rise.",
    "The capital's airport was briefly closed because of fog on Tuesday morning.",
    "A senior diplomat, speaking on condition of anonymity, called the meeting useful.",
    "Parliament is expected to debate the budget before the end of the session.",
    "The central bank left interest rates unchanged at its meeting this week.",
    "Television footage showed the two leaders shaking hands before the cameras.",
    "Critics said the plan lacked detail and would take years to carry out.",
    "The foreign ministry did not respond to a request for comment on Wednesday.",
]


def amount(rng):
    n = rng.choice([1, 2, 3, 5, 7, 10, 15, 20, 40, 100, 250, 500])
    unit = rng.choice(["million", "billion"])
    return f"${n} {unit}"


def sentence(rng):
    sector, t = rng.choice(TEMPLATES)
    (a, adj), (b, _) = rng.sample(COUNTRIES, 2)
    year = rng.randint(1992, 2024)
    when = rng.choice(["", f" in {year}", f" in {rng.choice(['January', 'March', 'June', 'November'])} {year}",
                       f" since {year}", " last year"])
    s = t.format(a=a, b=b, adj=adj, agreed=rng.choice(AGREED), amount=amount(rng),
                 count=rng.choice([12, 40, 300, 1500, 20000]), pct=rng.randint(5, 60), when=when)
    return s[0].upper() + s[1:]


def document(rng, i, size):
    paragraphs, length = [], 0
    while length < size:
        # About one paragraph in three states a relation, as in news of this length.
        para = ([sentence(rng)] if rng.random() < 0.35 else []) + rng.sample(FILLER, 3)
        text = " ".join(para)
        paragraphs.append(text)
        length += len(text) + 2
    year = rng.randint(1992, 2024)
    return {
        "id": f"bench-{i:07d}",
        "url": f"https://bench.example/{year}/{i}",
        "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "title": sentence(rng).rstrip("."),
        "text": "\n\n".join(paragraphs),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--per-file", type=int, default=10000)
    ap.add_argument("--bytes", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    out = None
    for i in range(args.n):
        if i % args.per_file == 0:
            if out:
                out.close()
            out = open(os.path.join(args.out_dir, f"part-{i // args.per_file:05d}.jsonl"), "w")
        out.write(json.dumps(document(rng, i, args.bytes)) + "\n")
    if out:
        out.close()


if __name__ == "__main__":
    main()
