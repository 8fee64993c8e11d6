//! Closeness: how few steps a node needs to reach the others.
//!
//! # Definition
//! Let `r(u)` be the number of nodes reachable from `u` (counting `u`) and
//! `D(u)` the sum of the shortest-path distances (in edges) from `u` to
//! them. Then
//!
//! ```text
//! c(u) = (r(u) - 1) / D(u) * (r(u) - 1) / (n - 1)
//! ```
//!
//! and `c(u) = 0` when `u` reaches no other node (or `n = 1`). The first
//! factor is the inverse of the mean distance to the reachable nodes; the
//! second (Wasserman and Faust's improvement) scales it by the fraction of
//! the graph that is reachable, so that a node of a small component does not
//! look central. This is exactly NetworkX's `closeness_centrality(G)`
//! (`wf_improved=True`, unweighted), computed with the same operations in
//! the same order, so values agree to the last bit.
//!
//! # Arguments
//! * `adj`: adjacency lists of an undirected simple graph on nodes
//!   `0..adj.len()` (symmetric, no self-loops, no duplicates).
//!
//! # Returns
//! One value per node, in node order, between `0` and `1` (`1` for a node
//! adjacent to all others).
//!
//! # Complexity
//! O(n·(n + m)) time (one breadth-first search per node, run in parallel
//! with rayon), O(n) memory per worker. Each value depends on its own search
//! only, so the result does not depend on the number of threads.
//!
//! # Example
//! ```
//! use relgraph::analysis::rank::closeness;
//!
//! // A path 0 - 1 - 2: the middle is 1 step from both ends.
//! let adj = vec![vec![1], vec![0, 2], vec![1]];
//! let c = closeness(&adj);
//! assert_eq!(c, vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
//! ```

use rayon::prelude::*;

use super::{Csr, LOOKAHEAD};

/// Closeness (Wasserman–Faust improved) of each node of the partner graph
/// `adj`.
///
/// See the [module documentation](self) for the definition and complexity.
///
/// # Panics
/// If a neighbour index is `>= adj.len()` (the input breaks its contract).
pub fn closeness(adj: &[Vec<u32>]) -> Vec<f64> {
    let n = adj.len();
    if n <= 1 {
        return vec![0.0; n];
    }
    let csr = Csr::from_adjacency(adj);
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u64; n.div_ceil(64)], vec![0; n + 1]),
            |(seen, order), u| {
                let (reached, total) = bfs_distances(&csr, u, seen, order);
                if total == 0 {
                    return 0.0;
                }
                let others = (reached - 1) as f64;
                let mean_inverse = others / total as f64;
                mean_inverse * (others / (n - 1) as f64)
            },
        )
        .collect()
}

/// Breadth-first search from `u`, level by level: returns how many nodes it
/// reaches (counting `u`) and the sum of their distances. `seen` is a bit
/// set of the nodes reached (all clear on entry and on exit), `order`
/// (length `n + 1`) scratch space for the queue.
///
/// The bit set keeps the random accesses of the inner loop in L1 cache, and
/// the loop has no data-dependent branch: every neighbour is written at the
/// end of the queue, which only grows when the neighbour was unseen.
fn bfs_distances(csr: &Csr, u: usize, seen: &mut [u64], order: &mut [u32]) -> (usize, u64) {
    order[0] = u as u32;
    seen[u / 64] |= 1 << (u % 64);
    let mut len = 1;
    let mut total = 0u64;
    let mut level_start = 0;
    let mut depth = 0u64;
    let mut touch = 0;
    while level_start < len {
        let level_end = len;
        total += depth * (level_end - level_start) as u64;
        for i in level_start..level_end {
            if i + LOOKAHEAD < level_end {
                touch ^= csr.first_neighbour(order[i + LOOKAHEAD] as usize);
            }
            for &w in csr.neighbours(order[i] as usize) {
                let (word, bit) = (w as usize / 64, 1u64 << (w % 64));
                let unseen = seen[word] & bit == 0;
                // len <= n - 1 here when w is unseen, <= n otherwise.
                order[len] = w;
                len += usize::from(unseen);
                seen[word] |= bit;
            }
        }
        level_start = level_end;
        depth += 1;
    }
    for &w in &order[..len] {
        seen[w as usize / 64] = 0;
    }
    std::hint::black_box(touch);
    (len, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_graphs() {
        assert!(closeness(&[]).is_empty());
        assert_eq!(closeness(&[vec![]]), vec![0.0]);
        assert_eq!(closeness(&[vec![1], vec![0]]), vec![1.0, 1.0]);
        assert_eq!(closeness(&[vec![], vec![]]), vec![0.0, 0.0]);
    }

    #[test]
    fn star() {
        // Centre: 3 at distance 1. Leaf: 1 + 2 + 2 = 5 for 3 others.
        let adj = vec![vec![1, 2, 3], vec![0], vec![0], vec![0]];
        assert_eq!(closeness(&adj), vec![1.0, 0.6, 0.6, 0.6]);
    }

    #[test]
    fn small_component_is_scaled_down() {
        // Edge 0-1 plus isolated nodes 2 and 3: (1/1) * (1/3).
        let adj = vec![vec![1], vec![0], vec![], vec![]];
        assert_eq!(closeness(&adj), vec![1.0 / 3.0, 1.0 / 3.0, 0.0, 0.0]);
    }
}
