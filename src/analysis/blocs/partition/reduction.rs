//! Reduction: entities with at most two ties are taken out before the search
//! and placed back after it, optimally given their neighbours' blocs.

use super::*;

/// An entity taken out by [`reduce`], with its ties at that moment.
#[derive(Debug, Clone, Copy)]
pub(super) enum Removed {
    /// No tie left: any bloc.
    Free(u32),
    /// One tie left, to `u`: always satisfiable (`k >= 2`).
    Pendant { v: u32, u: u32, w: f64 },
    /// Two ties left, to `u` and `x`: replaced by one tie between `u` and
    /// `x` whose cost is `v`'s least cost given whether `u` and `x` share a
    /// bloc.
    Series {
        v: u32,
        u: u32,
        wu: f64,
        x: u32,
        wx: f64,
    },
}

/// A component with its entities of at most two ties taken out, repeatedly.
/// Its least frustration is that of `core` plus `constant`.
pub(super) struct Reduced {
    /// What is left, every entity with at least three ties; its `vertices`
    /// are ids in the original component.
    pub(super) core: Component,
    /// In the order taken out.
    pub(super) removed: Vec<Removed>,
    pub(super) constant: f64,
}

pub(super) fn frustrated_apart(w: f64) -> f64 {
    w.max(0.0)
}

pub(super) fn frustrated_together(w: f64) -> f64 {
    (-w).max(0.0)
}

/// Takes out entities of at most two ties while there are any. `k >= 2` is
/// the bloc limit (the component size when there is none).
///
/// Why it is exact: an entity with one tie can always satisfy it (its
/// neighbour's bloc, or another bloc as `k >= 2`). An entity `v` with ties
/// to `u` and `x` and nothing else costs, at best, `together` when `u` and
/// `x` share a bloc (with them, or in another bloc) and `apart` otherwise
/// (with `u`, with `x`, or, if `k >= 3`, in a third bloc); that is a tie
/// between `u` and `x` of weight `apart - together` plus the constant
/// `min(apart, together)`. Every partition of what is left extends to `v` at
/// exactly that cost, and every partition of the whole pays at least it.
pub(super) fn reduce(comp: &Component, k: usize) -> Reduced {
    let c = comp.len();
    let mut adj = comp.adj.clone();
    let mut alive = vec![true; c];
    let mut stack: Vec<u32> = (0..c as u32)
        .rev()
        .filter(|&v| adj[v as usize].len() <= 2)
        .collect();
    let mut removed = Vec::new();
    let mut constant = 0.0;
    let detach = |adj: &mut [Vec<(u32, f64)>], a: u32, b: u32| -> f64 {
        let list = &mut adj[a as usize];
        match list.iter().position(|&(t, _)| t == b) {
            Some(i) => list.swap_remove(i).1,
            None => 0.0,
        }
    };
    while let Some(v) = stack.pop() {
        let vi = v as usize;
        if !alive[vi] || adj[vi].len() > 2 {
            continue;
        }
        alive[vi] = false;
        let ties = std::mem::take(&mut adj[vi]);
        for &(u, _) in &ties {
            detach(&mut adj, u, v);
        }
        if let [(u, wu), (x, wx)] = ties[..] {
            let together = f64::min(
                frustrated_together(wu) + frustrated_together(wx),
                frustrated_apart(wu) + frustrated_apart(wx),
            );
            let mut apart = f64::min(
                frustrated_together(wu) + frustrated_apart(wx),
                frustrated_apart(wu) + frustrated_together(wx),
            );
            if k >= 3 {
                apart = apart.min(frustrated_apart(wu) + frustrated_apart(wx));
            }
            let old = detach(&mut adj, u, x);
            detach(&mut adj, x, u);
            let apart = apart + frustrated_apart(old);
            let together = together + frustrated_together(old);
            constant += f64::min(apart, together);
            let w = apart - together;
            if w != 0.0 {
                adj[u as usize].push((x, w));
                adj[x as usize].push((u, w));
            }
            removed.push(Removed::Series { v, u, wu, x, wx });
        } else if let [(u, w)] = ties[..] {
            removed.push(Removed::Pendant { v, u, w });
        } else {
            removed.push(Removed::Free(v));
        }
        for &(u, _) in &ties {
            if alive[u as usize] && adj[u as usize].len() <= 2 {
                stack.push(u);
            }
        }
    }
    let mut core = Component::default();
    let mut new_id = vec![u32::MAX; c];
    for v in (0..c).filter(|&v| alive[v]) {
        new_id[v] = core.vertices.len() as u32;
        core.vertices.push(v as u32);
    }
    core.adj = vec![Vec::new(); core.vertices.len()];
    for (i, &v) in core.vertices.iter().enumerate() {
        for &(u, w) in &adj[v as usize] {
            let j = new_id[u as usize];
            core.adj[i].push((j, w));
            if (i as u32) < j {
                core.edges.push((i as u32, j, w));
            }
        }
        core.adj[i].sort_by_key(|&(u, _)| u);
    }
    core.edges.sort_by_key(|&(a, b, _)| (a, b));
    Reduced {
        core,
        removed,
        constant,
    }
}

impl Reduced {
    /// Labels for the whole component from labels of the core, placing the
    /// removed entities back in reverse order, each in its cheapest bloc.
    pub(super) fn expand(&self, c: usize, core_labels: &[u32], k: usize) -> Vec<u32> {
        const UNSET: u32 = u32::MAX;
        let mut labels = vec![UNSET; c];
        let mut used = vec![false; c + 1];
        let mut count = 0;
        for (i, &v) in self.core.vertices.iter().enumerate() {
            labels[v as usize] = core_labels[i];
            if !used[core_labels[i] as usize] {
                used[core_labels[i] as usize] = true;
                count += 1;
            }
        }
        for r in self.removed.iter().rev() {
            // A bloc other than `avoid`: a new one while under the limit,
            // else the first used one.
            let elsewhere = |avoid: &[u32], used: &[bool], count: usize| -> Option<u32> {
                if count < k {
                    used.iter().position(|&u| !u).map(|l| l as u32)
                } else {
                    (0..c as u32).find(|l| used[*l as usize] && !avoid.contains(l))
                }
            };
            let (v, label) = match *r {
                Removed::Free(v) => (v, elsewhere(&[], &used, count).unwrap_or(0)),
                Removed::Pendant { v, u, w } => {
                    let lu = labels[u as usize];
                    let label = if w < 0.0 {
                        elsewhere(&[lu], &used, count).unwrap_or(lu)
                    } else {
                        lu
                    };
                    (v, label)
                }
                Removed::Series { v, u, wu, x, wx } => {
                    let (lu, lx) = (labels[u as usize], labels[x as usize]);
                    let cost = |l: Option<u32>| {
                        let part = |t: u32, w: f64| {
                            if Some(labels[t as usize]) == l {
                                frustrated_together(w)
                            } else {
                                frustrated_apart(w)
                            }
                        };
                        part(u, wu) + part(x, wx)
                    };
                    let mut best = (cost(Some(lu)), lu);
                    if cost(Some(lx)) < best.0 {
                        best = (cost(Some(lx)), lx);
                    }
                    if let Some(l) = elsewhere(&[lu, lx], &used, count) {
                        let far = frustrated_apart(wu) + frustrated_apart(wx);
                        if far < best.0 {
                            best = (far, l);
                        }
                    }
                    (v, best.1)
                }
            };
            labels[v as usize] = label;
            if !used[label as usize] {
                used[label as usize] = true;
                count += 1;
            }
        }
        labels
    }
}
