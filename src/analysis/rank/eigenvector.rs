//! Eigenvector centrality: a node is central when its partners are.
//!
//! # Definition
//! The eigenvector centrality `x` is the eigenvector of the adjacency
//! matrix `A` for its largest eigenvalue `λ` (`A·x = λ·x`), scaled to unit
//! Euclidean norm and signed so that its sum is positive; by Perron–Frobenius
//! every entry is then `>= 0`. On a connected graph this is exactly
//! NetworkX's `eigenvector_centrality_numpy(G)` (`weight=None`).
//!
//! It is computed by power iteration on `A + I`, which has the same
//! eigenvectors with eigenvalues shifted by 1; the shift keeps the iteration
//! from oscillating on bipartite graphs (where `-λ` is an eigenvalue too).
//! Starting from the uniform vector, each step multiplies by `A + I` and
//! rescales to unit norm; iteration stops once no entry moves by more than
//! `1e-13`, at most 100,000 steps. The error shrinks by the ratio of the
//! two largest eigenvalues of `A + I` per step, so graphs whose second
//! largest eigenvalue is very close to the largest (long paths, barely
//! connected clusters) take many steps; if the limit is reached, the last
//! iterate is returned.
//!
//! Cases where NetworkX gives no answer, and what this function returns:
//! - **Disconnected graphs**: NetworkX raises `AmbiguousSolution`. When one
//!   component has a strictly larger eigenvalue than the others the
//!   eigenvector is still unique (zero outside that component, so isolated
//!   nodes get 0) and this function returns it. When the largest eigenvalue
//!   is not simple (say, two identical components) any mix of the
//!   components' eigenvectors qualifies; this function returns the
//!   projection of the uniform vector onto that eigenspace, normalised,
//!   which treats equal components equally. A numerical solver may return
//!   another mix.
//! - **No edges**: every vector is an eigenvector; the uniform one, every
//!   entry `1/sqrt(n)`, is returned. NetworkX's numpy version raises for
//!   `n >= 2` (disconnected) and fails inside SciPy for `n = 1` and `n = 2`
//!   (its sparse solver needs `n >= 3`), while NetworkX's power-iteration
//!   `eigenvector_centrality` returns this same uniform vector.
//! - **No nodes**: an empty vector (NetworkX raises
//!   `NetworkXPointlessConcept`).
//!
//! # Arguments
//! * `adj`: adjacency lists of an undirected simple graph on nodes
//!   `0..adj.len()` (symmetric, no self-loops, no duplicates).
//!
//! # Returns
//! One value per node, in node order, each in `[0, 1]`, with unit Euclidean
//! norm.
//!
//! # Complexity
//! O(n + m) time per step for `n` nodes and `m` edges, times the number of
//! steps (see above: a few hundred for well-connected graphs); O(n + m)
//! memory.
//!
//! # Example
//! ```
//! use relgraph::analysis::rank::eigenvector;
//!
//! // A star with 4 leaves: λ = 2, centre 1/√2, leaves 1/(2√2).
//! let adj = vec![vec![1, 2, 3, 4], vec![0], vec![0], vec![0], vec![0]];
//! let x = eigenvector(&adj);
//! assert!((x[0] - 0.5f64.sqrt()).abs() < 1e-12);
//! assert!((x[1] - 0.125f64.sqrt()).abs() < 1e-12);
//! ```

use super::Csr;

/// Stop once no entry moves by more than this in one step.
const TOLERANCE: f64 = 1e-13;
/// Upper bound on the number of steps.
const MAX_STEPS: usize = 100_000;

/// Eigenvector centrality of each node of the partner graph `adj`: the
/// principal eigenvector of its adjacency matrix, unit norm, non-negative.
///
/// See the [module documentation](self) for the definition, the cases
/// NetworkX refuses (disconnected or edgeless graphs) and the complexity.
///
/// # Panics
/// If a neighbour index is `>= adj.len()` (the input breaks its contract).
pub fn eigenvector(adj: &[Vec<u32>]) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let csr = Csr::from_adjacency(adj);
    let mut x = vec![1.0 / (n as f64).sqrt(); n];
    if csr.targets.is_empty() {
        return x;
    }
    let mut next = vec![0.0; n];
    for _ in 0..MAX_STEPS {
        for (v, slot) in next.iter_mut().enumerate() {
            let mut sum = x[v];
            for &w in csr.neighbours(v) {
                sum += x[w as usize];
            }
            *slot = sum;
        }
        // Entries stay >= 0 and at least one is > 0, so the norm is > 0.
        let norm = next.iter().map(|y| y * y).sum::<f64>().sqrt();
        let mut change: f64 = 0.0;
        for (y, old) in next.iter_mut().zip(&x) {
            *y /= norm;
            change = change.max((*y - old).abs());
        }
        std::mem::swap(&mut x, &mut next);
        if change < TOLERANCE {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f64], b: &[f64]) {
        crate::analysis::rank::assert_close(a, b, 1e-10);
    }

    #[test]
    fn empty_and_edgeless() {
        assert!(eigenvector(&[]).is_empty());
        close(&eigenvector(&[vec![]]), &[1.0]);
        close(&eigenvector(&[vec![], vec![], vec![], vec![]]), &[0.5; 4]);
    }

    #[test]
    fn single_edge_and_triangle() {
        let h = 0.5f64.sqrt();
        close(&eigenvector(&[vec![1], vec![0]]), &[h, h]);
        let t = (1.0f64 / 3.0).sqrt();
        close(&eigenvector(&[vec![1, 2], vec![0, 2], vec![0, 1]]), &[t; 3]);
    }

    #[test]
    fn path_of_three_is_bipartite_but_converges() {
        // λ = √2, x = (1, √2, 1) / 2.
        let adj = vec![vec![1], vec![0, 2], vec![1]];
        close(&eigenvector(&adj), &[0.5, 0.5f64.sqrt(), 0.5]);
    }

    #[test]
    fn isolated_nodes_get_zero() {
        // Triangle plus an isolated node: λ = 2 is simple.
        let t = (1.0f64 / 3.0).sqrt();
        let adj = vec![vec![1, 2], vec![0, 2], vec![0, 1], vec![]];
        close(&eigenvector(&adj), &[t, t, t, 0.0]);
    }

    #[test]
    fn equal_components_share_equally() {
        // Two disjoint edges: λ = 1 is double; uniform projection.
        let adj = vec![vec![1], vec![0], vec![3], vec![2]];
        close(&eigenvector(&adj), &[0.5; 4]);
    }
}
