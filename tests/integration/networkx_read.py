"""Reads a GraphML or GEXF file with NetworkX and prints what it holds as
JSON: the graph's attributes, nodes with their attributes, edges with their
key and attributes.

    networkx_read.py FILE [graphml|gexf]    (graphml when not given)

Used by tests/integration/export_graphml.rs and export_gexf.rs."""
import json
import sys

import networkx as nx

path = sys.argv[1]
file_format = sys.argv[2] if len(sys.argv) > 2 else "graphml"
readers = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}
if file_format not in readers:
    sys.exit(f"unknown format {file_format!r}: use graphml or gexf")
graph = readers[file_format](path)
edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
    (u, v, None, d) for u, v, d in graph.edges(data=True))
json.dump({
    "directed": graph.is_directed(),
    "graph": graph.graph,
    "nodes": {n: d for n, d in graph.nodes(data=True)},
    "edges": [{"source": u, "target": v, "key": k, "data": d} for u, v, k, d in edges],
}, sys.stdout, ensure_ascii=False)
