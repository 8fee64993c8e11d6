#!/usr/bin/env python3
"""Consistency check for graph.json against its source article.

Usage: python3 scripts/check_quotes.py [GRAPH_JSON] [ARTICLE_TXT]

Defaults: graph.json next to this script's parent directory, and
/work/shared/sources/russia-north-korea.it.txt.

Reports:
  - evidence quotes that are not exact substrings of the article (or too long)
  - references to unknown entities, relation types or sources
  - duplicate ids (per section) and alias clashes
  - a few format problems (bad dates, weights, colours, polarity, unused types)
Exits 1 if any problem is found, 0 otherwise.
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GRAPH = ROOT / "graph.json"
DEFAULT_ARTICLE = Path("/work/shared/sources/russia-north-korea.it.txt")

MAX_QUOTE = 300
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
KEBAB_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SNAKE_RE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
ENTITY_ID_RE = re.compile(r"^[A-Z0-9_]+$")
POLARITIES = {"cooperative", "hostile", "neutral"}
KINDS = {"country", "group", "organization", "person"}


def main(argv):
    graph_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_GRAPH
    article_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_ARTICLE
    problems = []

    def problem(msg):
        problems.append(msg)

    try:
        graph = json.loads(graph_path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"cannot load {graph_path}: {e}")
        return 1
    try:
        article = article_path.read_text(encoding="utf-8")
    except OSError as e:
        print(f"cannot read article {article_path}: {e}")
        return 1

    def dup_ids(section):
        seen = set()
        ids = []
        for i, item in enumerate(graph.get(section, [])):
            ident = item.get("id")
            if not isinstance(ident, str) or not ident:
                problem(f"{section}[{i}]: missing id")
                continue
            if ident in seen:
                problem(f"{section}: duplicate id {ident!r}")
            seen.add(ident)
            ids.append(ident)
        return seen

    source_ids = dup_ids("sources")
    type_ids = dup_ids("relation_types")
    entity_ids = dup_ids("entities")
    dup_ids("relations")

    # relation types
    types = {}
    for t in graph.get("relation_types", []):
        tid = t.get("id", "?")
        types[tid] = t
        if not SNAKE_RE.match(tid):
            problem(f"relation type {tid!r}: id is not snake_case")
        if t.get("polarity") not in POLARITIES:
            problem(f"relation type {tid!r}: bad polarity {t.get('polarity')!r}")
        if not isinstance(t.get("directed"), bool):
            problem(f"relation type {tid!r}: 'directed' must be a boolean")
        if "color" in t and not COLOR_RE.match(str(t["color"])):
            problem(f"relation type {tid!r}: bad colour {t['color']!r}")
    colours = [t.get("color", "").lower() for t in graph.get("relation_types", []) if t.get("color")]
    for c in sorted({c for c in colours if colours.count(c) > 1}):
        problem(f"relation types: colour {c} used more than once")

    # entities and aliases
    names = {}  # lowercased id/name/alias -> set of entity ids using it
    for e in graph.get("entities", []):
        eid = e.get("id", "?")
        if not ENTITY_ID_RE.match(eid):
            problem(f"entity {eid!r}: id must use A-Z, 0-9 and underscore")
        if e.get("kind") not in KINDS:
            problem(f"entity {eid!r}: bad kind {e.get('kind')!r}")
        own = {eid.lower(), str(e.get("name", "")).lower()}
        aliases = e.get("aliases", [])
        seen_alias = set()
        for a in aliases:
            la = a.lower()
            if la in own:
                problem(f"entity {eid!r}: alias {a!r} repeats its own id or name")
            if la in seen_alias:
                problem(f"entity {eid!r}: alias {a!r} listed twice")
            seen_alias.add(la)
        for key in own | seen_alias:
            names.setdefault(key, set()).add(eid)
    for key, owners in sorted(names.items()):
        if len(owners) > 1:
            problem(f"alias clash: {key!r} is used by entities {sorted(owners)}")

    # relations
    used_types = set()
    for r in graph.get("relations", []):
        rid = r.get("id", "?")
        if not KEBAB_RE.match(rid):
            problem(f"relation {rid!r}: id is not kebab-case")
        for end in ("source", "target"):
            if r.get(end) not in entity_ids:
                problem(f"relation {rid!r}: unknown {end} entity {r.get(end)!r}")
        if r.get("source") == r.get("target"):
            problem(f"relation {rid!r}: source equals target")
        rtype = r.get("type")
        if rtype not in type_ids:
            problem(f"relation {rid!r}: unknown relation type {rtype!r}")
        else:
            used_types.add(rtype)
            if not types[rtype].get("directed") and str(r.get("source")) > str(r.get("target")):
                problem(f"relation {rid!r}: undirected type, put the smaller id first")
        w = r.get("weight", 1)
        if not isinstance(w, (int, float)) or isinstance(w, bool) or w <= 0:
            problem(f"relation {rid!r}: weight must be a number > 0")
        for key in ("since", "until"):
            if key in r and not DATE_RE.match(str(r[key])):
                problem(f"relation {rid!r}: bad {key} date {r[key]!r}")
        if "since" in r and "until" in r and str(r["until"]) < str(r["since"])[:len(str(r["until"]))]:
            problem(f"relation {rid!r}: until before since")
        if not r.get("label"):
            problem(f"relation {rid!r}: missing label")
        evidence = r.get("evidence") or []
        if not evidence:
            problem(f"relation {rid!r}: no evidence")
        for i, ev in enumerate(evidence):
            if ev.get("source") not in source_ids:
                problem(f"relation {rid!r} evidence {i}: unknown source {ev.get('source')!r}")
            quote = ev.get("quote", "")
            if not quote:
                problem(f"relation {rid!r} evidence {i}: empty quote")
            elif quote not in article:
                problem(f"relation {rid!r} evidence {i}: quote not found verbatim in article: {quote!r}")
            if len(quote) > MAX_QUOTE:
                problem(f"relation {rid!r} evidence {i}: quote longer than {MAX_QUOTE} chars ({len(quote)})")
            if not ev.get("translation"):
                problem(f"relation {rid!r} evidence {i}: missing translation")

    for tid in sorted(type_ids - used_types):
        problem(f"relation type {tid!r} is defined but never used")

    for p in problems:
        print(p)
    n_rel = len(graph.get("relations", []))
    if problems:
        print(f"FAILED: {len(problems)} problem(s) in {graph_path}")
        return 1
    print(f"OK: {n_rel} relations, {len(entity_ids)} entities, {len(type_ids)} relation types; "
          f"all quotes found verbatim in {article_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
