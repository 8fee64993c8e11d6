#!/usr/bin/env python3
"""Reference side of scripts/compare.sh: the same tasks as relgraph, with python-igraph.

    compare_reference.py TASK GRAPH [ARGS]

    validate GRAPH                   parse, check ids and references, build the graph
    partners GRAPH ENTITY TYPE...    relations of ENTITY of these types, as JSON
    pagerank GRAPH TOP               PageRank top TOP (as `relgraph rank --metric pagerank`)
    betweenness GRAPH TOP            betweenness top TOP (as `relgraph rank --metric betweenness`)
    dot GRAPH OUT                    write the graph as Graphviz DOT to OUT
    hub GRAPH                        id of the entity with the most relations (ties: smallest id)
    networkx-betweenness GRAPH TOP   betweenness top TOP with NetworkX (cross-check of the
                                     reference, not timed; pure Python, so small graphs only)

Every task is one whole process, as relgraph is: start the interpreter, import,
read the JSON file with the standard library, check it, build an igraph Graph
(one vertex per entity, one directed edge per relation, with their ids, names,
types and weights), compute, print. Needs python-igraph (and networkx for the
cross-check) installed, which compare.sh does in a virtualenv.

The graphs are the ones relgraph builds (src/analysis/rank/, src/analysis/ties.rs):
- PageRank: directed, one arc per relation (both ways for an undirected
  relation type), weighted by the relation's weight (1 when absent), parallel
  arcs adding up (igraph's PRPACK sums them, as relgraph merges them),
  damping 0.85, every entity a node;
- betweenness: the undirected simple partner graph (one edge per pair of
  entities with at least one relation), normalised as NetworkX does for an
  undirected graph: 2 * igraph's value / ((n - 1)(n - 2)).
"""
import json
import sys

import igraph as ig


def fail(message):
    sys.exit(f"compare_reference.py: {message}")


def load(path):
    """Reads and checks the graph file; returns (document, igraph.Graph)."""
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    entities = doc["entities"]
    relations = doc["relations"]
    index = {}
    for i, entity in enumerate(entities):
        if index.setdefault(entity["id"], i) != i:
            fail(f"duplicate entity id {entity['id']!r}")
    types = {}
    for t in doc.get("relation_types", []):
        if t["id"] in types:
            fail(f"duplicate relation type id {t['id']!r}")
        types[t["id"]] = t
    sources = {s["id"] for s in doc.get("sources", [])}
    seen = set()
    edges = []
    for r in relations:
        if r["id"] in seen:
            fail(f"duplicate relation id {r['id']!r}")
        seen.add(r["id"])
        try:
            edges.append((index[r["source"]], index[r["target"]]))
        except KeyError as e:
            fail(f"relation {r['id']}: unknown entity {e.args[0]!r}")
        if r["type"] not in types:
            fail(f"relation {r['id']}: unknown type {r['type']!r}")
        for evidence in r.get("evidence", ()):
            if evidence["source"] not in sources:
                fail(f"relation {r['id']}: unknown source {evidence['source']!r}")
    g = ig.Graph(
        n=len(entities),
        edges=edges,
        directed=True,
        vertex_attrs={"id": list(index), "label": [e["name"] for e in entities]},
        edge_attrs={
            "id": [r["id"] for r in relations],
            "type": [r["type"] for r in relations],
            "weight": [r.get("weight") or 1.0 for r in relations],
        },
    )
    return doc, g


def top_table(doc, values, top):
    """Prints the TOP highest values as `rank id name score`, ties by id."""
    entities = doc["entities"]
    order = sorted(range(len(values)), key=lambda i: (-values[i], entities[i]["id"]))
    print("rank\tid\tname\tscore")
    for rank, i in enumerate(order[:top], start=1):
        print(f"{rank}\t{entities[i]['id']}\t{entities[i]['name']}\t{values[i]:.6f}")


def task_validate(path):
    doc, g = load(path)
    counts = {}
    for t in g.es["type"]:
        counts[t] = counts.get(t, 0) + 1
    print(f"{path}: valid ({doc.get('title', '')})")
    print(f"entities:  {g.vcount()}")
    print(f"relations: {g.ecount()}")
    for t in doc.get("relation_types", []):
        print(f"  {t['id']:<24}{counts.get(t['id'], 0)}")


def task_partners(path, entity, *wanted):
    doc, g = load(path)
    wanted = set(wanted)
    try:
        v = g.vs["id"].index(entity)
    except ValueError:
        fail(f"unknown entity {entity!r}")
    entities, relations = doc["entities"], doc["relations"]
    types = {t["id"]: t for t in doc["relation_types"]}
    by_partner = {}
    for e in g.incident(v, mode="all"):
        edge = g.es[e]
        if wanted and edge["type"] not in wanted:
            continue
        r = relations[e]
        rtype = types[r["type"]]
        if not rtype.get("directed", True):
            direction = "both"
        else:
            direction = "out" if edge.source == v else "in"
        other = edge.target if edge.source == v else edge.source
        by_partner.setdefault(other, []).append((e, r, rtype, direction))
    partners = []
    for other, found in by_partner.items():
        # dated relations first, by date, then undated ones; ties in file order
        found.sort(key=lambda x: (x[1].get("since") is None, x[1].get("since") or "", x[0]))
        partners.append({
            "id": entities[other]["id"],
            "name": entities[other]["name"],
            "relations": [{
                "id": r["id"],
                "type": r["type"],
                "polarity": rtype.get("polarity"),
                "since": r.get("since"),
                "until": r.get("until"),
                "event": r.get("event", False),
                "label": r.get("label"),
                "direction": direction,
            } for _, r, rtype, direction in found],
        })
    partners.sort(key=lambda p: (p["name"], p["id"]))
    subject = entities[v]
    answer = {"entity": {"id": subject["id"], "name": subject["name"]}, "partners": partners}
    print(json.dumps(answer, indent=2, ensure_ascii=False))


def pagerank_graph(doc, g):
    """The weighted digraph relgraph ranks: undirected relations count both ways."""
    undirected = {t["id"] for t in doc["relation_types"] if not t.get("directed", True)}
    if not undirected:
        return g
    back = [e.index for e in g.es if e["type"] in undirected]
    d = g.copy()
    d.add_edges([(g.es[e].target, g.es[e].source) for e in back],
                attributes={"weight": [g.es[e]["weight"] for e in back]})
    return d


def task_pagerank(path, top):
    doc, g = load(path)
    d = pagerank_graph(doc, g)
    values = d.pagerank(directed=True, damping=0.85, weights="weight")
    top_table(doc, values, int(top))


def task_betweenness(path, top):
    doc, g = load(path)
    u = g.as_undirected(mode="collapse")
    u.simplify()
    n = u.vcount()
    raw = u.betweenness(directed=False)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    top_table(doc, [b * scale for b in raw], int(top))


def task_dot(path, out):
    _, g = load(path)
    g.write_dot(out)
    print(f"wrote {out}")


def task_hub(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    count = {e["id"]: 0 for e in doc["entities"]}
    for r in doc["relations"]:
        count[r["source"]] += 1
        if r["target"] != r["source"]:
            count[r["target"]] += 1
    print(min(count, key=lambda i: (-count[i], i)))


def task_networkx_betweenness(path, top):
    import networkx as nx

    doc, g = load(path)
    G = nx.Graph()
    G.add_nodes_from(range(g.vcount()))
    G.add_edges_from((u, v) for u, v in g.get_edgelist() if u != v)
    x = nx.betweenness_centrality(G, normalized=True)
    top_table(doc, [x[i] for i in range(g.vcount())], int(top))


TASKS = {
    "validate": (task_validate, 0),
    "partners": (task_partners, 1),
    "pagerank": (task_pagerank, 1),
    "betweenness": (task_betweenness, 1),
    "dot": (task_dot, 1),
    "hub": (task_hub, 0),
    "networkx-betweenness": (task_networkx_betweenness, 1),
}


def main():
    usage = __doc__[__doc__.index("    compare_reference.py"):__doc__.index("Every task")]
    if len(sys.argv) < 3 or sys.argv[1] not in TASKS or len(sys.argv) - 3 < TASKS[sys.argv[1]][1]:
        sys.exit("usage:\n" + usage.rstrip())
    function, _ = TASKS[sys.argv[1]]
    function(sys.argv[2], *sys.argv[3:])


if __name__ == "__main__":
    main()
