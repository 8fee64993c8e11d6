#!/usr/bin/env python3
"""Deterministic generator of synthetic relationship graphs (JSON).

Degree distribution is heavy-tailed: entities arrive one after another and
each relation picks its endpoints by preferential attachment (probability
proportional to current degree + 3), with a small uniform share, so early
entities become hubs (Barabasi-Albert style).

    python3 gen_graph.py --entities 100000 --relations 1000000 --seed 1 --out /tmp/large.json

Sizes used for benchmarks: 1,000/5,000; 10,000/50,000; 100,000/1,000,000 (about 239 MB), seed 1.

Copied unchanged (apart from this line) from ../shared/tools/gen_graph.py, for scripts/compare.sh.
"""
import argparse
import json
import math
import random

RELATION_TYPES = [
    # id, polarity, share of relations (skewed)
    ("trade", "cooperative", 0.22),
    ("alliance", "cooperative", 0.06),
    ("aid", "cooperative", 0.08),
    ("treaty", "cooperative", 0.07),
    ("investment", "cooperative", 0.10),
    ("diplomatic_recognition", "neutral", 0.12),
    ("embassy", "neutral", 0.09),
    ("border", "neutral", 0.05),
    ("sanction", "hostile", 0.08),
    ("dispute", "hostile", 0.07),
    ("war", "hostile", 0.02),
    ("espionage", "hostile", 0.04),
]

SYLLABLES = ["ka", "lo", "ri", "ta", "men", "sor", "vi", "dal", "nor", "ba",
             "ze", "qua", "lin", "os", "tur", "ha", "el", "mar", "ju", "pe"]
PREFIXES = ["Republic of", "Kingdom of", "Federation of", "State of", "Union of"]
WORDS = ["signed", "agreed", "reported", "announced", "ratified", "denied",
         "confirmed", "expanded", "suspended", "renewed", "the", "a", "new",
         "deal", "talks", "ministers", "officials", "border", "tariffs", "pact"]


def make_name(rng, i):
    n = 2 + (i % 3)
    base = "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()
    return f"{base} {i}"  # suffix keeps names unique


def make_date(rng, lo=1950, hi=2024):
    y = rng.randint(lo, hi)
    r = rng.random()
    if r < 0.6:
        return f"{y:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", y
    if r < 0.85:
        return f"{y:04d}-{rng.randint(1, 12):02d}", y
    return f"{y:04d}", y


def generate(n_entities, n_relations, seed):
    rng = random.Random(seed)
    if n_entities < 2:
        raise SystemExit("need at least 2 entities")

    entities = []
    for i in range(n_entities):
        name = make_name(rng, i)
        aliases = []
        k = rng.choice((0, 1, 1, 2))
        if k >= 1:
            aliases.append(name.split()[0][:3].upper() + str(i))
        if k >= 2:
            aliases.append(f"{rng.choice(PREFIXES)} {name}")
        entities.append({"id": f"c{i:07d}", "name": name, "kind": "country",
                         "aliases": aliases})

    type_ids = [t[0] for t in RELATION_TYPES]
    cum = []
    acc = 0.0
    for t in RELATION_TYPES:
        acc += t[2]
        cum.append(acc)

    pool = []          # endpoint list: entity index appears deg+1 times
    active = 0
    relations = []
    uniform_share = 0.2   # share of endpoints picked uniformly
    attractiveness = 3    # a newcomer enters the pool this many times
    for k in range(n_relations):
        want = max(2, math.ceil(n_entities * (k + 1) / n_relations))
        newcomer = None
        while active < min(want, n_entities):
            pool.extend([active] * attractiveness)
            newcomer = active
            active += 1

        def pick():
            if rng.random() < uniform_share:
                return rng.randrange(active)
            return pool[rng.randrange(len(pool))]

        a = newcomer if newcomer is not None else pick()
        b = pick()
        while b == a:
            b = pick()
        if rng.random() < 0.5:
            a, b = b, a
        pool.append(a)
        pool.append(b)

        since, y = make_date(rng)
        until = None
        if rng.random() < 0.2:
            until, _ = make_date(rng, lo=y, hi=2025)
            # a partial date sorts by its start; keep until's period from ending before since's
            if until[:len(since)] < since[:len(until)]:
                until = None
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 12)))
        relations.append({
            "id": f"r{k:08d}",
            "source": entities[a]["id"],
            "target": entities[b]["id"],
            "type": rng.choices(type_ids, cum_weights=cum)[0],
            "weight": round(rng.uniform(0.05, 1.0), 3),
            "since": since,
            "until": until,
            "evidence": [{"source": "src1", "quote": quote.capitalize() + "."}],
        })

    return {
        "title": f"Synthetic graph N={n_entities} M={n_relations} seed={seed}",
        "sources": [{"id": "src1", "title": "Synthetic source", "author": "gen.py",
                     "publisher": "bench", "published": "2024", "language": "en"}],
        "relation_types": [{"id": t, "label": t.replace("_", " "), "polarity": p, "directed": True}
                           for t, p, _ in RELATION_TYPES],
        "entities": entities,
        "relations": relations,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, required=True)
    ap.add_argument("--relations", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    g = generate(args.entities, args.relations, args.seed)
    with open(args.out, "w") as f:
        json.dump(g, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
