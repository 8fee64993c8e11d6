//! Exact search: branch and bound over canonical labellings, as a Russian-doll
//! search (the suffixes of the search order are solved first, shortest first,
//! and each one's optimum bounds the ties among the unassigned entities).

use super::*;

/// The search order: start from the entity of largest weighted degree, then
/// repeatedly take the entity most strongly tied to those already taken
/// (ties by weighted degree, then id).
pub(super) fn search_order(comp: &Component) -> Vec<usize> {
    let c = comp.len();
    let degree: Vec<f64> = comp
        .adj
        .iter()
        .map(|l| l.iter().map(|e| e.1.abs()).sum())
        .collect();
    let mut taken = vec![false; c];
    let mut link = vec![0.0f64; c];
    let mut order = Vec::with_capacity(c);
    for _ in 0..c {
        let mut best: Option<usize> = None;
        for v in (0..c).filter(|&v| !taken[v]) {
            best = match best {
                Some(b) if (link[b], degree[b]) >= (link[v], degree[v]) => Some(b),
                _ => Some(v),
            };
        }
        let Some(v) = best else { break };
        taken[v] = true;
        order.push(v);
        for &(u, w) in &comp.adj[v] {
            link[u as usize] += w.abs();
        }
    }
    order
}

pub(super) struct Search {
    pub(super) c: usize,
    pub(super) k: usize,
    pub(super) eps: f64,
    pub(super) budget: u64,
    pub(super) nodes: u64,
    pub(super) aborted: bool,
    /// For each position, its ties to later positions.
    pub(super) later: Vec<Vec<(usize, f64)>>,
    /// `opt[d]`: least frustration among positions `d..` (0 from `c - 1`).
    pub(super) opt: Vec<f64>,
    /// Bloc label of each assigned position.
    pub(super) label: Vec<u32>,
    /// `affinity[u * c + b]`: signed weight from position `u` to the
    /// assigned positions in bloc `b`.
    pub(super) affinity: Vec<f64>,
    /// Positive weight from each position to assigned positions.
    pub(super) positive: Vec<f64>,
    pub(super) best: f64,
    pub(super) best_label: Vec<u32>,
    /// `weight[u * c + v]`: the tie between positions `u` and `v`, or 0.
    pub(super) weight: Vec<f64>,
    /// Scratch for one node: best and second-best affinity of each
    /// unassigned position, and the bloc of the best.
    pub(super) best1: Vec<f64>,
    pub(super) best2: Vec<f64>,
    pub(super) arg1: Vec<u32>,
    /// Reusable buffers of branching options `(bound, cost, bloc)`, one per
    /// depth.
    pub(super) options: Vec<Vec<(f64, f64, u32)>>,
}

impl Search {
    pub(super) fn dfs(&mut self, d: usize, m: usize, cost: f64) {
        let c = self.c;
        if d == c {
            if cost < self.best - self.eps {
                self.best = cost;
                self.best_label.copy_from_slice(&self.label);
            }
            return;
        }
        self.nodes += 1;
        if self.nodes > self.budget {
            self.aborted = true;
            return;
        }
        // Best and second-best affinity of each unassigned position to the
        // current blocs, so that each branch's bound costs O(1) per position.
        for u in d + 1..c {
            let (mut best1, mut arg1, mut best2) = (f64::NEG_INFINITY, u32::MAX, f64::NEG_INFINITY);
            for (b, &a) in self.affinity[u * c..u * c + m].iter().enumerate() {
                if a > best1 {
                    best2 = best1;
                    best1 = a;
                    arg1 = b as u32;
                } else if a > best2 {
                    best2 = a;
                }
            }
            self.best1[u] = best1;
            self.arg1[u] = arg1;
            self.best2[u] = best2;
        }
        let mut options = std::mem::take(&mut self.options[d]);
        options.clear();
        let p = self.positive[d];
        let tail = self.opt[d + 1];
        let weights = &self.weight[d * c..(d + 1) * c];
        let limit = self.best - self.eps;
        let choices = if m < self.k { m + 1 } else { m };
        for b in 0..choices {
            // Cost of `d` in bloc `b` (bloc `m` is a new one).
            let inc = if b < m {
                p - self.affinity[d * c + b]
            } else {
                p
            };
            let floor = if m.max(b + 1) < self.k {
                0.0
            } else {
                f64::NEG_INFINITY
            };
            // Lower bound: ties among assigned positions (`cost + inc`),
            // ties among unassigned ones (`tail`, the optimum of the
            // suffix), and for each unassigned position its cheapest bloc
            // against the assigned ones. The three sets of ties are
            // disjoint, and each position's cost against the assigned ones
            // is the same whichever other positions share its bloc.
            let mut bound = cost + inc + tail;
            if bound >= limit {
                continue;
            }
            for (u, &w) in weights.iter().enumerate().skip(d + 1) {
                let others = if self.arg1[u] == b as u32 {
                    self.best2[u]
                } else {
                    self.best1[u]
                };
                let own = if b < m { self.affinity[u * c + b] } else { 0.0 } + w;
                let top = others.max(own).max(floor);
                bound += self.positive[u] + w.max(0.0) - top;
                if bound >= limit {
                    break;
                }
            }
            if bound < limit {
                options.push((bound, inc, b as u32));
            }
        }
        options.sort_by(|x, y| x.0.total_cmp(&y.0));
        for &(bound, inc, b) in &options {
            if bound >= self.best - self.eps {
                break;
            }
            self.label[d] = b;
            let bi = b as usize;
            for &(u, w) in &self.later[d] {
                self.affinity[u * c + bi] += w;
                if w > 0.0 {
                    self.positive[u] += w;
                }
            }
            self.dfs(d + 1, m.max(bi + 1), cost + inc);
            for &(u, w) in &self.later[d] {
                self.affinity[u * c + bi] -= w;
                if w > 0.0 {
                    self.positive[u] -= w;
                }
            }
            if self.aborted {
                break;
            }
        }
        self.options[d] = options;
    }

    /// Frustration of `labels` on positions `s..`.
    pub(super) fn suffix_cost(&self, s: usize, labels: &[u32]) -> f64 {
        let mut cost = 0.0;
        for i in s..self.c {
            for &(j, w) in &self.later[i] {
                if (labels[i] == labels[j]) == (w < 0.0) {
                    cost += w.abs();
                }
            }
        }
        cost
    }

    /// `optimal` (labels on positions `s + 1..`) extended by position `s`
    /// in its cheapest bloc.
    pub(super) fn extend(&self, s: usize, optimal: &[u32]) -> Vec<u32> {
        let mut labels = optimal.to_vec();
        let blocs = optimal[s + 1..]
            .iter()
            .map(|&l| l as usize + 1)
            .max()
            .unwrap_or(0);
        let mut affinity = vec![0.0; blocs + 1];
        for &(u, w) in &self.later[s] {
            affinity[labels[u] as usize] += w;
        }
        let mut best = blocs;
        if blocs >= self.k {
            best = 0;
        }
        for b in 0..blocs {
            if affinity[b] > affinity[best] {
                best = b;
            }
        }
        labels[s] = best as u32;
        labels
    }
}

/// Solves the component exactly. `Err` carries a lower bound when the node
/// budget runs out first. Also returns the number of search nodes.
pub(super) fn exact_search(
    comp: &Component,
    k: usize,
    start: &[u32],
    budget: u64,
    eps: f64,
) -> (Result<Vec<u32>, f64>, u64) {
    let c = comp.len();
    let order = search_order(comp);
    let mut position = vec![0usize; c];
    for (i, &v) in order.iter().enumerate() {
        position[v] = i;
    }
    let mut later = vec![Vec::new(); c];
    for &(a, b, w) in &comp.edges {
        let (pa, pb) = (position[a as usize], position[b as usize]);
        later[pa.min(pb)].push((pa.max(pb), w));
    }
    let mut weight = vec![0.0; c * c];
    for (i, list) in later.iter().enumerate() {
        for &(j, w) in list {
            weight[i * c + j] = w;
            weight[j * c + i] = w;
        }
    }
    let start: Vec<u32> = order.iter().map(|&v| start[v]).collect();
    let mut search = Search {
        c,
        k,
        eps,
        budget,
        nodes: 0,
        aborted: false,
        later,
        opt: vec![0.0; c + 1],
        label: vec![0; c],
        affinity: vec![0.0; c * c],
        positive: vec![0.0; c],
        best: 0.0,
        best_label: vec![0; c],
        weight,
        best1: vec![0.0; c],
        best2: vec![0.0; c],
        arg1: vec![0; c],
        options: vec![Vec::new(); c],
    };
    // `optimal` holds the optimum of the last doll solved, on its positions.
    let mut optimal = vec![0u32; c];
    for s in (0..c.saturating_sub(1)).rev() {
        let extended = search.extend(s, &optimal);
        let extended_cost = search.suffix_cost(s, &extended);
        let restricted_cost = search.suffix_cost(s, &start);
        let (incumbent, incumbent_cost) = if restricted_cost < extended_cost {
            (&start, restricted_cost)
        } else {
            (&extended, extended_cost)
        };
        search.best = incumbent_cost;
        search.best_label.copy_from_slice(incumbent);
        search.affinity[s * c..].fill(0.0);
        search.positive[s..].fill(0.0);
        search.dfs(s, 0, 0.0);
        if search.aborted {
            return (Err(search.opt[s + 1]), search.nodes);
        }
        search.opt[s] = search.best;
        optimal[s..].copy_from_slice(&search.best_label[s..]);
        let relabelled = compact(&optimal[s..]);
        optimal[s..].copy_from_slice(&relabelled);
    }
    let mut labels = vec![0u32; c];
    for (i, &v) in order.iter().enumerate() {
        labels[v] = optimal[i];
    }
    (Ok(labels), search.nodes)
}
