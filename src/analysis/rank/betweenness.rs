//! Betweenness: how often a node lies on the shortest paths between others.
//!
//! # Definition
//! For a node `v`,
//!
//! ```text
//! b(v) = scale * Σ_{s ≠ v ≠ t} σ(s, t | v) / σ(s, t)
//! ```
//!
//! where `σ(s, t)` is the number of shortest `s`–`t` paths and `σ(s, t | v)`
//! the number of those passing through `v`. The sum runs over *ordered*
//! pairs, so on an undirected graph every unordered pair is counted twice,
//! and `scale = 1 / ((n - 1)(n - 2))`: exactly NetworkX's
//! `betweenness_centrality(G, normalized=True)` for an undirected `G` (which
//! also normalises the doubled count). With `n <= 2` every value is `0`.
//! Pairs with no path between them contribute nothing. Computed with
//! Brandes' algorithm (one breadth-first search per source, then a backward
//! accumulation of dependencies).
//!
//! # Arguments
//! * `adj`: adjacency lists of an undirected simple graph on nodes
//!   `0..adj.len()` (symmetric, no self-loops, no duplicates).
//!
//! # Returns
//! One value per node, in node order, between `0` and `1` (the centre of a
//! star scores `1`).
//!
//! # Complexity
//! O(n·m) time for `n` nodes and `m` edges; O(n + m) memory per worker,
//! plus one O(n) vector per source chunk (at most 32). Sources are split
//! into a fixed number of chunks that depends only on `n`, run in parallel
//! with rayon, and summed in chunk order, so the result is bit-for-bit the
//! same whatever the number of threads. Each search records the
//! shortest-path children of every node, so the backward pass reads only
//! those instead of scanning all neighbours again.
//!
//! # Example
//! ```
//! use relgraph::analysis::rank::betweenness;
//!
//! // A path 0 - 1 - 2: every path between the ends goes through 1.
//! let adj = vec![vec![1], vec![0, 2], vec![1]];
//! assert_eq!(betweenness(&adj), vec![0.0, 1.0, 0.0]);
//! ```

use rayon::prelude::*;

use super::{Csr, LOOKAHEAD};

/// Normalised betweenness of each node of the partner graph `adj`.
///
/// See the [module documentation](self) for the definition and complexity.
///
/// # Panics
/// If a neighbour index is `>= adj.len()` (the input breaks its contract).
pub fn betweenness(adj: &[Vec<u32>]) -> Vec<f64> {
    let n = adj.len();
    if n <= 2 {
        return vec![0.0; n];
    }
    let csr = Csr::from_adjacency(adj);
    // Chunk c takes the sources s with s % chunks == c (interleaved, so that
    // expensive and cheap sources mix). The chunk count depends on n only.
    let chunks = (n / 128).clamp(1, 32);
    let partials: Vec<Vec<f64>> = (0..chunks)
        .into_par_iter()
        .map(|c| {
            let mut work = Workspace::new(&csr);
            let mut acc = vec![0.0; n];
            for s in (c..n).step_by(chunks) {
                work.add_dependencies(&csr, s, &mut acc);
            }
            acc
        })
        .collect();
    let mut total = vec![0.0; n];
    for part in &partials {
        for (t, p) in total.iter_mut().zip(part) {
            *t += p;
        }
    }
    let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64);
    for t in &mut total {
        *t *= scale;
    }
    total
}

/// Per-worker buffers for one single-source pass, reset after each source
/// by walking only the nodes that source reached.
///
/// Instead of a distance per node the search keeps the depth modulo 4 (a
/// neighbour of a node at depth `d` is at depth `d - 1`, `d` or `d + 1`, so
/// that is enough to tell them apart) in one byte, so that the random
/// accesses of the inner loop stay in the fastest cache for graphs of tens
/// of thousands of nodes. Whether a neighbour is a child is unpredictable,
/// so the child list is written unconditionally and only grows when it is;
/// the first visit of a node (at most `n` of the `2m` neighbour checks) is
/// an ordinary branch.
struct Workspace {
    /// Depth modulo 4 of each reached node, [`UNSEEN`] otherwise.
    tag: Vec<u8>,
    /// Number of shortest paths from the source (0 for unreached nodes).
    sigma: Vec<f64>,
    /// `(1 + delta[v]) / sigma[v]`, set during the backward pass.
    coeff: Vec<f64>,
    /// Nodes in breadth-first order (length `n`).
    order: Vec<u32>,
    /// The children of `order[i]` (neighbours one level deeper) are
    /// `children[child_end[i - 1]..child_end[i]]` (from 0 for `i = 0`).
    child_end: Vec<usize>,
    /// Children lists, concatenated (length: arcs + 1, one spare slot).
    children: Vec<u32>,
}

/// Tag of a node not reached yet by the current search.
const UNSEEN: u8 = u8::MAX;

impl Workspace {
    fn new(csr: &Csr) -> Self {
        let n = csr.offsets.len() - 1;
        Workspace {
            tag: vec![UNSEEN; n],
            sigma: vec![0.0; n],
            coeff: vec![0.0; n],
            order: vec![0; n],
            child_end: vec![0; n],
            children: vec![0; csr.targets.len() + 1],
        }
    }

    /// Adds to `acc[v]` the dependency of source `s` on every `v != s`.
    fn add_dependencies(&mut self, csr: &Csr, s: usize, acc: &mut [f64]) {
        let Workspace {
            tag,
            sigma,
            coeff,
            order,
            child_end,
            children,
        } = self;
        // Forward: breadth-first search counting shortest paths.
        order[0] = s as u32;
        tag[s] = 0;
        sigma[s] = 1.0;
        let (mut len, mut child_len) = (1, 0);
        let mut level_start = 0;
        let mut level_tag = 0u8;
        let mut touch = 0;
        while level_start < len {
            let level_end = len;
            let next_tag = (level_tag + 1) & 3;
            for i in level_start..level_end {
                if i + LOOKAHEAD < level_end {
                    touch ^= csr.first_neighbour(order[i + LOOKAHEAD] as usize);
                }
                let v = order[i] as usize;
                let first_child = child_len;
                for &w in csr.neighbours(v) {
                    let t = tag[w as usize];
                    if t == UNSEEN {
                        tag[w as usize] = next_tag;
                        order[len] = w;
                        len += 1;
                    }
                    children[child_len] = w;
                    child_len += usize::from((t == UNSEEN) | (t == next_tag));
                }
                child_end[i] = child_len;
                let sigma_v = sigma[v];
                for &c in &children[first_child..child_len] {
                    sigma[c as usize] += sigma_v;
                }
            }
            level_start = level_end;
            level_tag = next_tag;
        }
        // Backward, deepest first: delta[v] = sigma[v] * Σ_children (1 +
        // delta[c]) / sigma[c], Brandes' recurrence.
        for i in (0..len).rev() {
            let v = order[i] as usize;
            let first_child = if i == 0 { 0 } else { child_end[i - 1] };
            let mut sum = 0.0;
            for &c in &children[first_child..child_end[i]] {
                sum += coeff[c as usize];
            }
            let sigma_v = sigma[v];
            let delta = sigma_v * sum;
            coeff[v] = (1.0 + delta) / sigma_v;
            if i != 0 {
                acc[v] += delta;
            }
        }
        for &w in &order[..len] {
            tag[w as usize] = UNSEEN;
            sigma[w as usize] = 0.0;
        }
        std::hint::black_box(touch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        crate::analysis::rank::assert_close(a, b, 1e-12);
    }

    #[test]
    fn tiny_graphs_are_all_zero() {
        assert!(betweenness(&[]).is_empty());
        assert_eq!(betweenness(&[vec![]]), vec![0.0]);
        assert_eq!(betweenness(&[vec![1], vec![0]]), vec![0.0, 0.0]);
        assert_eq!(betweenness(&[vec![], vec![], vec![]]), vec![0.0; 3]);
    }

    #[test]
    fn star_centre_is_one() {
        let adj = vec![vec![1, 2, 3, 4], vec![0], vec![0], vec![0], vec![0]];
        close(&betweenness(&adj), &[1.0, 0.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn path_of_four() {
        // Node 1 lies on 0-2 and 0-3: 2 unordered pairs, 4 ordered, / (3*2).
        let adj = vec![vec![1], vec![0, 2], vec![1, 3], vec![2]];
        close(&betweenness(&adj), &[0.0, 4.0 / 6.0, 4.0 / 6.0, 0.0]);
    }

    #[test]
    fn square_splits_paths_in_two() {
        // Cycle 0-1-2-3-0: each opposite pair has two shortest paths.
        let adj = vec![vec![1, 3], vec![0, 2], vec![1, 3], vec![0, 2]];
        close(&betweenness(&adj), &[1.0 / 6.0; 4]);
    }

    #[test]
    fn disconnected_pairs_count_nothing() {
        // Path 0-1-2 plus an isolated node 3: n = 4 in the scale.
        let adj = vec![vec![1], vec![0, 2], vec![1], vec![]];
        close(&betweenness(&adj), &[0.0, 2.0 / 6.0, 0.0, 0.0]);
    }

    #[test]
    fn parallel_chunks_match_a_long_path() {
        // A path long enough to use several chunks: node i lies between
        // i * (n - 1 - i) unordered pairs.
        let n = 1000;
        let adj: Vec<Vec<u32>> = (0..n)
            .map(|i| {
                let mut v = Vec::new();
                if i > 0 {
                    v.push(i as u32 - 1);
                }
                if i + 1 < n {
                    v.push(i as u32 + 1);
                }
                v
            })
            .collect();
        let scale = 2.0 / ((n - 1) as f64 * (n - 2) as f64);
        let expected: Vec<f64> = (0..n).map(|i| (i * (n - 1 - i)) as f64 * scale).collect();
        close(&betweenness(&adj), &expected);
    }
}
