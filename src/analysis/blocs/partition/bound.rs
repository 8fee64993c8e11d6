//! Lower bound for the heuristic: a packing of unbalanced triangles.

use super::*;

/// Every partition frustrates at least one tie of each triangle with one
/// negative and two positive ties. Greedily give each such triangle a load
/// no larger than what its ties have left of their weight; the loads add up
/// to a lower bound (a feasible dual of the covering problem), as every
/// frustrated tie carries at most its weight in loads.
pub(super) fn triangle_lower_bound(comp: &Component) -> f64 {
    let c = comp.len();
    let mut adj: Vec<Vec<(u32, usize)>> = vec![Vec::new(); c];
    for (i, &(a, b, _)) in comp.edges.iter().enumerate() {
        adj[a as usize].push((b, i));
        adj[b as usize].push((a, i));
    }
    for list in &mut adj {
        list.sort_unstable();
    }
    let mut left: Vec<f64> = comp.edges.iter().map(|e| e.2.abs()).collect();
    let mut bound = 0.0;
    let mut work = 0usize;
    for (e, &(a, b, w)) in comp.edges.iter().enumerate() {
        if w > 0.0 {
            continue;
        }
        let (la, lb) = (&adj[a as usize], &adj[b as usize]);
        work += la.len() + lb.len();
        if work > TRIANGLE_WORK {
            break;
        }
        let (mut i, mut j) = (0, 0);
        while i < la.len() && j < lb.len() && left[e] > 0.0 {
            match la[i].0.cmp(&lb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let (ea, eb) = (la[i].1, lb[j].1);
                    if comp.edges[ea].2 > 0.0 && comp.edges[eb].2 > 0.0 {
                        let load = left[e].min(left[ea]).min(left[eb]);
                        if load > 0.0 {
                            bound += load;
                            left[e] -= load;
                            left[ea] -= load;
                            left[eb] -= load;
                        }
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    bound
}
