//! The centrality measures of `relgraph::analysis::rank` against NetworkX.
//!
//! The fixture `tests/fixtures/networkx/centrality.json` is written by
//! `scripts/networkx_fixtures.py` (see its docstring for what each value is
//! and how NetworkX was called); every value must agree within `1e-6`.
//! Property tests then check the same functions on random graphs against
//! textbook definitions.

use std::path::Path;

use proptest::prelude::*;
use relgraph::analysis::rank::{betweenness, closeness, degree, eigenvector, pagerank};
use serde::Deserialize;

const TOLERANCE: f64 = 1e-6;

#[derive(Deserialize)]
struct Fixture {
    graphs: Vec<Undirected>,
    digraphs: Vec<Directed>,
}

#[derive(Deserialize)]
struct Undirected {
    name: String,
    n: usize,
    edges: Vec<(u32, u32)>,
    betweenness: Vec<f64>,
    closeness: Vec<f64>,
    eigenvector: Option<Vec<f64>>,
}

#[derive(Deserialize)]
struct Directed {
    name: String,
    n: usize,
    arcs: Vec<(u32, u32, f64)>,
    pagerank: Vec<f64>,
}

fn fixture() -> Fixture {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/networkx/centrality.json");
    let text = std::fs::read_to_string(&path).expect("read the NetworkX fixture");
    serde_json::from_str(&text).expect("parse the NetworkX fixture")
}

/// Symmetric, sorted adjacency lists from undirected edges.
fn adjacency(n: usize, edges: &[(u32, u32)]) -> Vec<Vec<u32>> {
    let mut adj = vec![Vec::new(); n];
    for &(u, v) in edges {
        adj[u as usize].push(v);
        adj[v as usize].push(u);
    }
    for list in &mut adj {
        list.sort_unstable();
    }
    adj
}

fn assert_close(graph: &str, measure: &str, ours: &[f64], theirs: &[f64]) {
    assert_eq!(ours.len(), theirs.len(), "{graph}: {measure}: length");
    for (v, (a, b)) in ours.iter().zip(theirs).enumerate() {
        assert!(
            (a - b).abs() <= TOLERANCE,
            "{graph}: {measure} of node {v}: ours {a}, NetworkX {b}"
        );
    }
}

#[test]
fn fixture_covers_the_planned_shapes() {
    let f = fixture();
    assert!(f.graphs.len() >= 12, "too few undirected graphs");
    assert!(f.digraphs.len() >= 8, "too few digraphs");
    assert!(f.graphs.iter().any(|g| g.eigenvector.is_none()));
    assert!(f.graphs.iter().filter(|g| g.eigenvector.is_some()).count() >= 12);
}

#[test]
fn degree_counts_edge_ends() {
    for g in fixture().graphs {
        let d = degree(&adjacency(g.n, &g.edges));
        assert_eq!(d.iter().sum::<usize>(), 2 * g.edges.len(), "{}", g.name);
    }
}

#[test]
fn betweenness_matches_networkx() {
    for g in fixture().graphs {
        let ours = betweenness(&adjacency(g.n, &g.edges));
        assert_close(&g.name, "betweenness", &ours, &g.betweenness);
    }
}

#[test]
fn sampled_betweenness_with_every_source_matches_networkx() {
    for g in fixture().graphs {
        let adj = adjacency(g.n, &g.edges);
        let ours = relgraph::analysis::rank::betweenness_sampled(&adj, g.n.max(1), 5);
        assert_close(&g.name, "sampled betweenness", &ours, &g.betweenness);
    }
}

#[test]
fn closeness_matches_networkx() {
    for g in fixture().graphs {
        let ours = closeness(&adjacency(g.n, &g.edges));
        assert_close(&g.name, "closeness", &ours, &g.closeness);
    }
}

#[test]
fn eigenvector_matches_networkx_where_unique() {
    for g in fixture().graphs {
        let ours = eigenvector(&adjacency(g.n, &g.edges));
        let norm: f64 = ours.iter().map(|x| x * x).sum::<f64>().sqrt();
        assert!((norm - 1.0).abs() < 1e-9, "{}: norm {norm}", g.name);
        assert!(ours.iter().all(|&x| x >= 0.0), "{}: negative entry", g.name);
        if let Some(theirs) = &g.eigenvector {
            assert_close(&g.name, "eigenvector", &ours, theirs);
        }
    }
}

#[test]
fn pagerank_matches_networkx() {
    for d in fixture().digraphs {
        let ours = pagerank(d.n, &d.arcs);
        assert_close(&d.name, "pagerank", &ours, &d.pagerank);
        let total: f64 = ours.iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "{}: sum {total}", d.name);
    }
}

// Beyond the fixtures: random graphs against textbook definitions, which
// exercise the optimised traversals (depth tags, branch-free queues) on
// many more shapes.

/// Undirected simple graph on up to 60 nodes, as sorted adjacency lists.
fn graph() -> impl Strategy<Value = Vec<Vec<u32>>> {
    (1usize..60).prop_flat_map(|n| {
        proptest::collection::vec((0..n as u32, 0..n as u32), 0..3 * n).prop_map(move |pairs| {
            let mut edges: Vec<(u32, u32)> = pairs
                .into_iter()
                .filter(|(u, v)| u != v)
                .map(|(u, v)| (u.min(v), u.max(v)))
                .collect();
            edges.sort_unstable();
            edges.dedup();
            adjacency(n, &edges)
        })
    })
}

/// Breadth-first distances from `s` (`None` when unreachable).
fn distances(adj: &[Vec<u32>], s: usize) -> Vec<Option<usize>> {
    let mut dist = vec![None; adj.len()];
    dist[s] = Some(0);
    let mut queue = std::collections::VecDeque::from([s]);
    while let Some(v) = queue.pop_front() {
        for &w in &adj[v] {
            if dist[w as usize].is_none() {
                dist[w as usize] = Some(dist[v].unwrap() + 1);
                queue.push_back(w as usize);
            }
        }
    }
    dist
}

/// Betweenness straight from the definition: for every ordered pair
/// (s, t), the share of shortest paths through v, counted with path counts
/// from both ends (sigma(s, v) * sigma(v, t) / sigma(s, t)).
fn betweenness_by_definition(adj: &[Vec<u32>]) -> Vec<f64> {
    let n = adj.len();
    let dist: Vec<Vec<Option<usize>>> = (0..n).map(|s| distances(adj, s)).collect();
    let sigma: Vec<Vec<f64>> = (0..n)
        .map(|s| {
            let mut order: Vec<usize> = (0..n).filter(|&v| dist[s][v].is_some()).collect();
            order.sort_by_key(|&v| dist[s][v]);
            let mut count = vec![0.0; n];
            count[s] = 1.0;
            for &v in &order {
                for &u in &adj[v] {
                    if dist[s][u as usize].map(|d| d + 1) == dist[s][v] {
                        count[v] += count[u as usize];
                    }
                }
            }
            count
        })
        .collect();
    let mut b = vec![0.0; n];
    if n <= 2 {
        return b;
    }
    for s in 0..n {
        for t in 0..n {
            let Some(st) = dist[s][t] else { continue };
            if s == t {
                continue;
            }
            for (v, bv) in b.iter_mut().enumerate() {
                if v == s || v == t {
                    continue;
                }
                if let (Some(sv), Some(vt)) = (dist[s][v], dist[v][t])
                    && sv + vt == st
                {
                    *bv += sigma[s][v] * sigma[v][t] / sigma[s][t];
                }
            }
        }
    }
    let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
    b.iter().map(|x| x * scale).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn betweenness_follows_its_definition(adj in graph()) {
        let ours = betweenness(&adj);
        let reference = betweenness_by_definition(&adj);
        for (a, b) in ours.iter().zip(&reference) {
            prop_assert!((a - b).abs() < 1e-9, "{ours:?} != {reference:?}");
        }
    }

    #[test]
    fn closeness_follows_its_definition(adj in graph()) {
        let n = adj.len();
        let ours = closeness(&adj);
        for (u, &c) in ours.iter().enumerate() {
            let reached: Vec<usize> = distances(&adj, u).into_iter().flatten().collect();
            let total: usize = reached.iter().sum();
            let expected = if total == 0 {
                0.0
            } else {
                let others = (reached.len() - 1) as f64;
                others / total as f64 * others / (n - 1) as f64
            };
            prop_assert!((c - expected).abs() < 1e-12, "node {u}: {c} != {expected}");
        }
    }

    #[test]
    fn eigenvector_is_an_eigenvector(adj in graph()) {
        let x = eigenvector(&adj);
        let ax: Vec<f64> = adj
            .iter()
            .map(|list| list.iter().map(|&w| x[w as usize]).sum())
            .collect();
        let lambda: f64 = x.iter().zip(&ax).map(|(a, b)| a * b).sum();
        for (v, (&xv, &axv)) in x.iter().zip(&ax).enumerate() {
            prop_assert!(xv >= 0.0);
            prop_assert!((axv - lambda * xv).abs() < 1e-6, "node {v}: residual");
        }
        // A necessary sign of the principal eigenvalue: at least the average
        // degree (the Rayleigh quotient of the all-ones vector).
        let degrees = degree(&adj);
        let average = degrees.iter().sum::<usize>() as f64 / adj.len() as f64;
        prop_assert!(lambda >= average - 1e-9);
    }

    #[test]
    fn pagerank_is_the_fixed_point(
        n in 1usize..40,
        raw in proptest::collection::vec((0u32..40, 0u32..40, 0.1f64..10.0), 0..120),
    ) {
        let mut arcs: Vec<(u32, u32, f64)> = raw
            .into_iter()
            .filter(|&(u, v, _)| (u as usize) < n && (v as usize) < n && u != v)
            .collect();
        arcs.sort_by_key(|&(u, v, _)| (u, v));
        arcs.dedup_by_key(|a| (a.0, a.1));
        let x = pagerank(n, &arcs);
        let mut out = vec![0.0; n];
        for &(u, _, w) in &arcs {
            out[u as usize] += w;
        }
        let dangling: f64 = (0..n).filter(|&u| out[u] == 0.0).map(|u| x[u]).sum();
        let mut next = vec![0.85 * dangling / n as f64 + 0.15 / n as f64; n];
        for &(u, v, w) in &arcs {
            next[v as usize] += 0.85 * x[u as usize] * w / out[u as usize];
        }
        prop_assert!((x.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        for (a, b) in x.iter().zip(&next) {
            prop_assert!((a - b).abs() < 1e-12, "{x:?} is not a fixed point");
        }
    }
}
