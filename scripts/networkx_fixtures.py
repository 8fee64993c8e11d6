#!/usr/bin/env python3
"""Write tests/fixtures/networkx/centrality.json: NetworkX's centrality values
on small seeded graphs, the reference that tests/integration/rank_fixtures.rs checks the
Rust implementations in src/analysis/rank/ against (to 1e-6).

Needs python3 with networkx 3.x, numpy and scipy
(`pip install networkx numpy scipy`). Run from anywhere:

    python3 scripts/networkx_fixtures.py

The output is deterministic (fixed seeds, nodes 0..n-1, sorted edges and
arcs, sorted keys), so re-running it changes nothing unless NetworkX itself
changes its answers. The versions used are recorded in the file.

What is recorded, per undirected graph (nodes 0..n-1, `edges` as pairs u < v):
- `betweenness`: nx.betweenness_centrality(G, normalized=True);
- `closeness`:   nx.closeness_centrality(G) (wf_improved=True);
- `eigenvector`: only where the principal eigenvector is unique, i.e. the
  largest eigenvalue of the adjacency matrix is simple; otherwise null.
  The values recorded are those of numpy.linalg.eigh on the dense adjacency
  matrix (unit norm, positive sum), because nx.eigenvector_centrality_numpy
  calls SciPy's ARPACK with an unseeded random start vector, so its last
  digits change from run to run. Where NetworkX gives an answer (connected,
  n >= 3) the script asserts that it agrees with eigh to 1e-9, and
  `eigenvector_source` says so; elsewhere (disconnected graphs, on which
  NetworkX raises AmbiguousSolution, and n < 3, which SciPy's sparse solver
  refuses) only eigh is used.

Per weighted digraph (nodes 0..n-1, `arcs` as [u, v, weight]):
- `pagerank`: nx.pagerank(D, alpha=0.85, weight="weight", tol=1e-12,
  max_iter=10000). The tight tol matters: NetworkX stops when the L1 change
  of one power-iteration step is below n * tol, and with the default
  tol=1e-6 the result can sit about 5.7e-6 * n (in L1) from the true fixed
  point, more than the 1e-6 the tests allow. The Rust side iterates to the
  fixed point (L1 change < 1e-13), so both must be close to it.
"""

import json
import random
import re
import sys
from pathlib import Path

import networkx as nx
import numpy as np
import scipy

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "networkx" / "centrality.json"

# Largest eigenvalue counts as simple when the next one is further than this.
SIMPLE_GAP = 1e-8


def plain(n, edges):
    """A Graph on exactly the nodes 0..n-1 (isolated ones included)."""
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return g


def relabel_union(*graphs):
    """Disjoint union with nodes renumbered 0..n-1 in order."""
    edges, offset = [], 0
    for g in graphs:
        edges += [(u + offset, v + offset) for u, v in g.edges()]
        offset += g.number_of_nodes()
    return plain(offset, edges)


def undirected_graphs():
    """(name, graph) pairs of varied shapes, nodes 0..n-1."""
    gnp = nx.gnp_random_graph
    with_isolated = gnp(15, 0.25, seed=7)
    with_isolated.add_nodes_from(range(15, 19))
    yield "gnp_2_edge", plain(2, [(0, 1)])
    yield "gnp_5_p0.6", gnp(5, 0.6, seed=1)
    yield "gnp_10_p0.3", gnp(10, 0.3, seed=2)
    yield "gnp_20_p0.2", gnp(20, 0.2, seed=3)
    yield "gnp_30_p0.15", gnp(30, 0.15, seed=4)
    yield "gnp_40_p0.1", gnp(40, 0.1, seed=5)
    yield "gnp_40_p0.3", gnp(40, 0.3, seed=6)
    yield "path_12", nx.path_graph(12)
    yield "star_9", nx.star_graph(8)
    yield "cycle_9", nx.cycle_graph(9)
    yield "complete_7", nx.complete_graph(7)
    yield "bipartite_random_6_8", nx.bipartite.random_graph(6, 8, 0.4, seed=8)
    yield "complete_bipartite_3_4", nx.complete_bipartite_graph(3, 4)
    yield "lollipop_5_4", nx.lollipop_graph(5, 4)
    yield "karate_club", plain(34, nx.karate_club_graph().edges())
    yield "disconnected_unequal", relabel_union(gnp(9, 0.5, seed=9), nx.path_graph(5))
    yield "with_isolated_nodes", plain(19, with_isolated.edges())
    yield "two_equal_triangles", relabel_union(nx.complete_graph(3), nx.complete_graph(3))
    yield "edgeless_4", plain(4, [])
    yield "single_node", plain(1, [])


def principal_eigenvector(g):
    """(vector, source) for the principal eigenvector, or (None, reason)."""
    n = g.number_of_nodes()
    if g.number_of_edges() == 0:
        return None, "no edges: every vector is an eigenvector"
    a = nx.to_numpy_array(g, nodelist=range(n), weight=None)
    values, vectors = np.linalg.eigh(a)
    if n > 1 and values[-1] - values[-2] < SIMPLE_GAP:
        return None, "largest eigenvalue not simple: eigenvector not unique"
    dense = vectors[:, -1]
    dense = dense / (np.sign(dense.sum()) * np.linalg.norm(dense))
    if nx.is_connected(g) and n >= 3:
        c = nx.eigenvector_centrality_numpy(g)
        theirs = [c[v] for v in range(n)]
        assert np.allclose(theirs, dense, rtol=0, atol=1e-9), "numpy and networkx disagree"
        return dense.tolist(), "numpy.linalg.eigh, equal to networkx.eigenvector_centrality_numpy"
    return dense.tolist(), "numpy.linalg.eigh (networkx refuses this graph)"


def undirected_record(name, g):
    n = g.number_of_nodes()
    assert sorted(g.nodes()) == list(range(n))
    g = plain(n, g.edges())  # drop any attributes (karate_club has weights)
    b = nx.betweenness_centrality(g, normalized=True)
    c = nx.closeness_centrality(g)
    eig, source = principal_eigenvector(g)
    return {
        "name": name,
        "n": n,
        "edges": sorted([min(u, v), max(u, v)] for u, v in g.edges()),
        "betweenness": [b[v] for v in range(n)],
        "closeness": [c[v] for v in range(n)],
        "eigenvector": eig,
        "eigenvector_source": source,
    }


def random_digraph(n, p, seed, dangling=(), integer_weights=False):
    """G(n, p) digraph with random weights; nodes in `dangling` lose their
    out-arcs."""
    rng = random.Random(seed)
    d = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    arcs = []
    for u, v in sorted(d.edges()):
        if u in dangling:
            continue
        w = float(rng.randint(1, 9)) if integer_weights else rng.uniform(0.1, 5.0)
        arcs.append((u, v, w))
    return n, arcs


def digraphs():
    """(name, n, arcs) for weighted digraphs, several with dangling nodes."""
    yield "single_node", 1, []
    yield "no_arcs_5", 5, []
    yield "two_cycle", 2, [(0, 1, 1.0), (1, 0, 2.5)]
    yield "chain_to_dangling_4", 4, [(0, 1, 1.0), (1, 2, 2.0), (2, 3, 0.5)]
    yield "in_star_dangling_centre", 6, [(v, 0, float(v)) for v in range(1, 6)]
    yield ("gnp_8_p0.3", *random_digraph(8, 0.3, seed=11))
    yield ("gnp_15_p0.2_dangling", *random_digraph(15, 0.2, seed=12, dangling={0, 7, 14}))
    yield ("gnp_25_p0.1_dangling", *random_digraph(25, 0.1, seed=13, dangling={3, 4, 20}))
    yield ("gnp_40_p0.08_int", *random_digraph(40, 0.08, seed=14, integer_weights=True))
    yield ("gnp_40_p0.25_dangling", *random_digraph(40, 0.25, seed=15, dangling={1, 2, 30}))


def digraph_record(name, n, arcs):
    d = nx.DiGraph()
    d.add_nodes_from(range(n))
    d.add_weighted_edges_from(arcs)
    pr = nx.pagerank(d, alpha=0.85, weight="weight", tol=1e-12, max_iter=10000)
    return {
        "name": name,
        "n": n,
        "arcs": [[u, v, w] for u, v, w in sorted(arcs)],
        "pagerank": [pr[v] for v in range(n)],
    }


def main():
    data = {
        "generator": "scripts/networkx_fixtures.py",
        "versions": {
            "networkx": nx.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
        },
        "graphs": [undirected_record(name, g) for name, g in undirected_graphs()],
        "digraphs": [digraph_record(*args) for args in digraphs()],
    }
    text = json.dumps(data, indent=1, sort_keys=True)
    # One line per list of numbers (edges, arcs, values) instead of one per number.
    text = re.sub(
        r"\[[-+0-9.eE,\s]*\]",
        lambda m: re.sub(r"\s+", " ", m.group(0)).replace("[ ", "[").replace(" ]", "]"),
        text,
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n")
    print(f"wrote {OUT} ({len(data['graphs'])} graphs, {len(data['digraphs'])} digraphs)", file=sys.stderr)


if __name__ == "__main__":
    main()
