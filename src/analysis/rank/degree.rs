//! Degree: how many partners each node has.
//!
//! # Definition
//! The degree of `v` is the number of nodes adjacent to `v` in the partner
//! graph, `adj[v].len()`. It is NetworkX's `G.degree[v]` on a simple graph
//! (not `degree_centrality`, which divides by `n - 1`).
//!
//! # Arguments
//! * `adj`: adjacency lists of an undirected simple graph on nodes
//!   `0..adj.len()` (symmetric, no self-loops, no duplicates).
//!
//! # Returns
//! One count per node, in node order.
//!
//! # Complexity
//! O(n) time and space.
//!
//! # Example
//! ```
//! use relgraph::analysis::rank::degree;
//!
//! // A star: 0 is joined to 1, 2 and 3.
//! let adj = vec![vec![1, 2, 3], vec![0], vec![0], vec![0]];
//! assert_eq!(degree(&adj), vec![3, 1, 1, 1]);
//! ```

/// Number of neighbours of each node of the partner graph `adj`.
///
/// See the [module documentation](self) for the definition.
pub fn degree(adj: &[Vec<u32>]) -> Vec<usize> {
    adj.iter().map(Vec::len).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_isolated() {
        assert!(degree(&[]).is_empty());
        assert_eq!(degree(&[vec![], vec![]]), vec![0, 0]);
    }

    #[test]
    fn path_of_three() {
        assert_eq!(degree(&[vec![1], vec![0, 2], vec![1]]), vec![1, 2, 1]);
    }
}
