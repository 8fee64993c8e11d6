"""Reads a GraphML file with NetworkX and prints what it holds as JSON:
nodes with their attributes, edges with their key and attributes.
Used by tests/integration/export_graphml.rs."""
import json
import sys

import networkx as nx

graph = nx.read_graphml(sys.argv[1])
edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
    (u, v, None, d) for u, v, d in graph.edges(data=True))
json.dump({
    "directed": graph.is_directed(),
    "nodes": {n: d for n, d in graph.nodes(data=True)},
    "edges": [{"source": u, "target": v, "key": k, "data": d} for u, v, k, d in edges],
}, sys.stdout, ensure_ascii=False)
