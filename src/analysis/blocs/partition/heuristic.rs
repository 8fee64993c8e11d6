//! Heuristic: multi-start iterated local search.

use super::*;

/// splitmix64, enough for shuffles and restarts.
pub(super) struct SplitMix64(pub(super) u64);

impl SplitMix64 {
    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub(super) fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Where a moving entity goes.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Bloc(u32),
    New,
}

/// Iterated local search from several starts. Moves: one entity to another
/// bloc or to a new one, and merging two blocs. Perturbations move a few
/// random entities or merge two neighbouring blocs; the local search then
/// revisits only entities near a change, and a worse result is undone.
pub(super) struct Heuristic<'a> {
    pub(super) comp: &'a Component,
    pub(super) k: usize,
    pub(super) eps: f64,
    pub(super) rng: SplitMix64,
    pub(super) label: Vec<u32>,
    pub(super) size: Vec<u32>,
    /// Unused labels.
    pub(super) free: Vec<u32>,
    pub(super) blocs: usize,
    /// Frustration of `label`, kept up to date move by move.
    pub(super) cost: f64,
    /// Scratch: signed weight from the entity under study to each bloc.
    pub(super) affinity: Vec<f64>,
    pub(super) stamp: Vec<u32>,
    pub(super) now: u32,
    pub(super) touched: Vec<u32>,
    /// Entities to revisit.
    pub(super) queue: VecDeque<u32>,
    pub(super) queued: Vec<bool>,
    /// `(entity, previous label)` for every move since the last accepted
    /// state.
    pub(super) log: Vec<(u32, u32)>,
}

impl<'a> Heuristic<'a> {
    /// Runs the search and returns the best labels found and their cost.
    /// `light` asks for a short run, as the exact search follows.
    pub(super) fn run(comp: &'a Component, k: usize, eps: f64, light: bool) -> (Vec<u32>, f64) {
        let c = comp.len();
        let mut h = Heuristic {
            comp,
            k,
            eps,
            rng: SplitMix64(HEURISTIC_SEED),
            label: vec![0; c],
            size: vec![0; c],
            free: Vec::new(),
            blocs: 0,
            cost: 0.0,
            affinity: vec![0.0; c],
            stamp: vec![0; c],
            now: 0,
            touched: Vec::new(),
            queue: VecDeque::new(),
            queued: vec![false; c],
            log: Vec::new(),
        };
        let size = c + 2 * comp.edges.len();
        let steps = (HEURISTIC_STEP_WORK / size)
            .clamp(20, 20 * c)
            .min(HEURISTIC_STEPS);
        let (restarts, steps) = if light {
            (2, steps.min(4 * c))
        } else {
            (HEURISTIC_RESTARTS, steps)
        };
        let mut best: Option<(Vec<u32>, f64)> = None;
        let keep = |h: &Heuristic, best: &mut Option<(Vec<u32>, f64)>| {
            if best.as_ref().is_none_or(|b| h.cost < b.1 - eps) {
                *best = Some((h.label.clone(), h.cost));
            }
        };
        for r in 0..restarts {
            let start = match r {
                0 => h.greedy(&h.by_degree()),
                1 => h
                    .positive_groups()
                    .unwrap_or_else(|| h.greedy(&h.by_degree())),
                _ => {
                    let mut order: Vec<u32> = (0..c as u32).collect();
                    h.rng.shuffle(&mut order);
                    h.greedy(&order)
                }
            };
            h.set(&start);
            h.improve();
            keep(&h, &mut best);
            let mut accepted = h.cost;
            for _ in 0..steps {
                h.perturb();
                h.local_search();
                if h.cost < accepted + eps {
                    accepted = h.cost;
                    h.log.clear();
                    keep(&h, &mut best);
                } else {
                    h.undo();
                    h.cost = accepted;
                }
            }
            h.improve();
            keep(&h, &mut best);
        }
        let labels = best.map_or_else(|| vec![0; c], |b| b.0);
        let cost = comp.cost(&labels);
        (labels, cost)
    }

    pub(super) fn by_degree(&self) -> Vec<u32> {
        let degree: Vec<f64> = self
            .comp
            .adj
            .iter()
            .map(|l| l.iter().map(|e| e.1.abs()).sum())
            .collect();
        let mut order: Vec<u32> = (0..self.comp.len() as u32).collect();
        order.sort_by(|&a, &b| degree[b as usize].total_cmp(&degree[a as usize]));
        order
    }

    /// Groups of positive ties, when there are at most `k` of them.
    pub(super) fn positive_groups(&self) -> Option<Vec<u32>> {
        let c = self.comp.len();
        let mut uf = UnionFind::<usize>::new(c);
        for &(a, b, w) in &self.comp.edges {
            if w > 0.0 {
                uf.union(a as usize, b as usize);
            }
        }
        let labels = compact(&(0..c).map(|v| uf.find_mut(v) as u32).collect::<Vec<_>>());
        let count = labels.iter().max().map_or(0, |&l| l as usize + 1);
        (count <= self.k).then_some(labels)
    }

    /// Places entities one by one in `order`, each in its cheapest bloc
    /// against those already placed.
    pub(super) fn greedy(&mut self, order: &[u32]) -> Vec<u32> {
        const UNSET: u32 = u32::MAX;
        let c = self.comp.len();
        let mut labels = vec![UNSET; c];
        let mut blocs = 0u32;
        for &v in order {
            self.now += 1;
            self.touched.clear();
            for &(u, w) in &self.comp.adj[v as usize] {
                let l = labels[u as usize];
                if l != UNSET {
                    self.add_affinity(l, w);
                }
            }
            let mut best: Option<(f64, u32)> = None;
            for &l in &self.touched {
                let a = self.affinity[l as usize];
                if best.is_none_or(|b| a > b.0) {
                    best = Some((a, l));
                }
            }
            let untouched_exists = (blocs as usize) > self.touched.len();
            let choice = match best {
                Some((a, l)) if a > 0.0 => l,
                _ if (blocs as usize) < self.k => {
                    blocs += 1;
                    blocs - 1
                }
                Some((a, l)) if a >= 0.0 || !untouched_exists => l,
                _ => (0..blocs)
                    .find(|&l| self.stamp[l as usize] != self.now)
                    .unwrap_or(0),
            };
            labels[v as usize] = choice;
        }
        labels
    }

    pub(super) fn add_affinity(&mut self, l: u32, w: f64) {
        let i = l as usize;
        if self.stamp[i] != self.now {
            self.stamp[i] = self.now;
            self.affinity[i] = 0.0;
            self.touched.push(l);
        }
        self.affinity[i] += w;
    }

    /// Takes `labels` as the current state.
    pub(super) fn set(&mut self, labels: &[u32]) {
        self.label.copy_from_slice(labels);
        self.recount();
        self.cost = self.comp.cost(labels);
        self.log.clear();
    }

    /// Recomputes bloc sizes and free labels from `label`.
    pub(super) fn recount(&mut self) {
        let c = self.comp.len();
        self.size.fill(0);
        for &l in &self.label {
            self.size[l as usize] += 1;
        }
        self.free = (0..c as u32)
            .rev()
            .filter(|&l| self.size[l as usize] == 0)
            .collect();
        self.blocs = c - self.free.len();
    }

    /// Back to the last accepted state (the caller restores `cost`).
    pub(super) fn undo(&mut self) {
        for &(v, old) in self.log.iter().rev() {
            self.label[v as usize] = old;
        }
        self.log.clear();
        self.recount();
    }

    /// Affinities of `v` to the blocs of its neighbours; returns the one to
    /// its own bloc.
    pub(super) fn gather(&mut self, v: usize) -> f64 {
        self.now += 1;
        self.touched.clear();
        for i in 0..self.comp.adj[v].len() {
            let (u, w) = self.comp.adj[v][i];
            let l = self.label[u as usize];
            self.add_affinity(l, w);
        }
        let own = self.label[v] as usize;
        if self.stamp[own] == self.now {
            self.affinity[own]
        } else {
            0.0
        }
    }

    /// The best improving move of `v`, with its gain.
    pub(super) fn best_move(&mut self, v: usize) -> Option<(Target, f64)> {
        let own_affinity = self.gather(v);
        let own = self.label[v];
        let mut best: Option<(Target, f64)> = None;
        let mut best_gain = self.eps;
        for &l in &self.touched {
            let gain = self.affinity[l as usize] - own_affinity;
            if l != own && gain > best_gain {
                best_gain = gain;
                best = Some((Target::Bloc(l), gain));
            }
        }
        // Moving to a bloc with no tie to `v` gains -own_affinity.
        if -own_affinity > best_gain {
            if self.size[own as usize] > 1 && self.blocs < self.k {
                best = Some((Target::New, -own_affinity));
            } else if let Some(l) = (0..self.comp.len() as u32).find(|&l| {
                l != own && self.size[l as usize] > 0 && self.stamp[l as usize] != self.now
            }) {
                best = Some((Target::Bloc(l), -own_affinity));
            }
        }
        best
    }

    /// Moves `v`, logs the move and queues its neighbours.
    pub(super) fn move_to(&mut self, v: usize, target: Target) {
        let old = self.label[v];
        let new = match target {
            Target::Bloc(l) => l,
            Target::New => match self.free.pop() {
                Some(l) => {
                    self.blocs += 1;
                    l
                }
                None => return,
            },
        };
        if new == old {
            return;
        }
        self.size[old as usize] -= 1;
        if self.size[old as usize] == 0 {
            self.free.push(old);
            self.blocs -= 1;
        }
        self.size[new as usize] += 1;
        self.label[v] = new;
        self.log.push((v as u32, old));
        for i in 0..self.comp.adj[v].len() {
            let u = self.comp.adj[v][i].0;
            self.enqueue(u);
        }
    }

    pub(super) fn enqueue(&mut self, v: u32) {
        if !self.queued[v as usize] {
            self.queued[v as usize] = true;
            self.queue.push_back(v);
        }
    }

    /// Improving single-entity moves of queued entities until none is left.
    pub(super) fn local_search(&mut self) {
        while let Some(v) = self.queue.pop_front() {
            self.queued[v as usize] = false;
            if let Some((target, gain)) = self.best_move(v as usize) {
                self.move_to(v as usize, target);
                self.cost -= gain;
            }
        }
    }

    /// Merges disjoint pairs of blocs with net positive weight between them,
    /// best first; returns whether any merged.
    pub(super) fn merge_round(&mut self) -> bool {
        let mut between: Vec<(u32, u32, f64)> = self
            .comp
            .edges
            .iter()
            .filter_map(|&(a, b, w)| {
                let (la, lb) = (self.label[a as usize], self.label[b as usize]);
                (la != lb).then(|| (la.min(lb), la.max(lb), w))
            })
            .collect();
        between.sort_by_key(|x| (x.0, x.1));
        let mut sums: Vec<(f64, u32, u32)> = Vec::new();
        for &(a, b, w) in &between {
            match sums.last_mut() {
                Some(last) if (last.1, last.2) == (a, b) => last.0 += w,
                _ => sums.push((w, a, b)),
            }
        }
        sums.retain(|s| s.0 > self.eps);
        if sums.is_empty() {
            return false;
        }
        sums.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        let c = self.comp.len();
        let mut into: Vec<u32> = (0..c as u32).collect();
        let mut used = vec![false; c];
        for &(_, a, b) in &sums {
            if !used[a as usize] && !used[b as usize] {
                used[a as usize] = true;
                used[b as usize] = true;
                into[b as usize] = a;
            }
        }
        let labels: Vec<u32> = self.label.iter().map(|&l| into[l as usize]).collect();
        self.set(&labels);
        true
    }

    /// Single moves from every entity, then merges, until neither improves;
    /// then the exact cost.
    pub(super) fn improve(&mut self) {
        loop {
            let mut order: Vec<u32> = (0..self.comp.len() as u32).collect();
            self.rng.shuffle(&mut order);
            for v in order {
                self.enqueue(v);
            }
            self.local_search();
            if !self.merge_round() {
                break;
            }
        }
        self.cost = self.comp.cost(&self.label);
        self.log.clear();
    }

    /// Either merges the blocs of a random tie's ends, or moves a few random
    /// entities to the bloc of a random neighbour or to a new bloc.
    pub(super) fn perturb(&mut self) {
        let c = self.comp.len();
        if self.rng.below(4) == 0 {
            let v = self.rng.below(c);
            let adj = &self.comp.adj[v];
            if !adj.is_empty() {
                let u = adj[self.rng.below(adj.len())].0 as usize;
                let (into, from) = (self.label[v], self.label[u]);
                if into != from {
                    for x in 0..c {
                        if self.label[x] == from {
                            for &(y, w) in &self.comp.adj[x] {
                                if self.label[y as usize] == into {
                                    self.cost -= w;
                                }
                            }
                        }
                    }
                    for x in 0..c {
                        if self.label[x] == from {
                            self.move_to(x, Target::Bloc(into));
                            self.enqueue(x as u32);
                        }
                    }
                    return;
                }
            }
        }
        let count = 1 + self.rng.below((c / 20).clamp(2, 8));
        for _ in 0..count {
            let v = self.rng.below(c);
            let own_affinity = self.gather(v);
            let adj = &self.comp.adj[v];
            let own_size = self.size[self.label[v] as usize];
            let target = if adj.is_empty()
                || (self.rng.below(3) == 0 && self.blocs < self.k && own_size > 1)
            {
                Target::New
            } else {
                Target::Bloc(self.label[adj[self.rng.below(adj.len())].0 as usize])
            };
            let affinity = match target {
                Target::New => 0.0,
                Target::Bloc(l) if self.stamp[l as usize] == self.now => self.affinity[l as usize],
                Target::Bloc(_) => 0.0,
            };
            if matches!(target, Target::New) && (own_size == 1 || self.blocs >= self.k) {
                continue;
            }
            if matches!(target, Target::Bloc(l) if l == self.label[v]) {
                continue;
            }
            self.cost -= affinity - own_affinity;
            self.move_to(v, target);
            self.enqueue(v as u32);
        }
    }
}
