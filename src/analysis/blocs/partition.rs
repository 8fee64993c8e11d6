//! `relgraph blocs`: split the entities into signed blocs with as little
//! frustration as possible (correlation clustering of the signed tie graph).
//!
//! # Definition
//! The input is `n` entities `0..n` and signed ties `(a, b, value)`: a
//! positive value is a net cooperative tie, a negative one a net hostile
//! tie, and `|value|` is the tie's weight. A *partition* puts every entity
//! in exactly one bloc. Its *frustration* is the total weight of the ties it
//! contradicts: positive ties between two different blocs plus negative
//! ties inside one bloc. [`partition`] finds a partition of least
//! frustration.
//!
//! - Without a bloc limit the number of blocs is whatever minimises
//!   frustration, and every bloc is held together by ties inside it (a bloc
//!   that falls apart into untied groups is split, which costs nothing).
//! - With `max_blocs: Some(k)` there are at most `k` blocs among the
//!   entities that have ties.
//! - Entities without ties to other entities (*isolated* entities) each
//!   form a singleton bloc and do not count against `max_blocs`.
//! - Components of the tie graph are solved independently. With a limit,
//!   bloc `j` of the result is the union of bloc `j` of every component
//!   (each component's blocs in the canonical order below), so the limit
//!   holds globally.
//!
//! Each component is first *reduced*: entities with at most two ties are
//! taken out one after another (an entity with one tie can always satisfy
//! it; one with two ties becomes a single equivalent tie between its two
//! neighbours) and put back optimally at the end, which is exact and
//! dissolves trees, cycles and other series-parallel parts entirely. What
//! is left is solved *exactly* (proven optimal, up to a relative tolerance
//! of 1e-9 of its total weight) when it has at most
//! [`EXACT_ALWAYS_UP_TO`] entities, or at most [`EXACT_MAX_ENTITIES`] and
//! the search finishes within [`EXACT_NODE_BUDGET`] search nodes. Otherwise
//! a seeded, deterministic local search ([`HEURISTIC_SEED`]) gives the best
//! partition it finds, together with a lower bound on the optimum.
//! `max_blocs: Some(1)` and components that can be split with no
//! frustration at all (structurally balanced, within the limit) are exact
//! for any size.
//!
//! The exact search is a branch and bound over canonical labellings (each
//! entity joins an existing bloc or opens the next one), in an order that
//! starts from the entity of largest weighted degree and then takes the
//! one most strongly tied to those already placed. It is a Russian-doll
//! search: the suffixes of that order are solved first, shortest first, so
//! that each node is bounded below by the frustration among placed
//! entities, plus, for each unplaced entity, the cost of its cheapest bloc
//! against the placed ones, plus the known optimum among the unplaced
//! ones. The heuristic's partition is the first upper bound.
//!
//! Ties are read leniently: a pair may be given either way round, several
//! ties on one pair count separately (as in [`frustration`]), a tie of an
//! entity with itself counts when negative (it is always frustrated), and
//! ties whose value is zero or not finite are ignored everywhere.
//!
//! # Arguments
//! * `n`: the number of entities; they are `0..n`.
//! * `ties`: `(a, b, value)` with `a`, `b < n`, normally `a < b`, each pair
//!   at most once and `value != 0`.
//! * `max_blocs`: `None`, or `Some(k)` for at most `k` blocs among entities
//!   with ties (`Some(0)` is read as `Some(1)`).
//!
//! # Returns
//! A [`Partition`]: the blocs (entities ascending inside a bloc; blocs by
//! size descending, then by smallest entity), their frustration, whether it
//! is proven optimal, a lower bound on the optimum when it is not, and the
//! method used. The output depends only on the input, never on timing or
//! thread scheduling. When several partitions reach the least frustration,
//! which one is returned is deterministic but unspecified.
//!
//! # Complexity
//! With `m` ties: O(m log m) to merge the ties per pair and find components,
//! and O(m·d) for the reduction with `d` the largest number of ties of an
//! entity. For what is left of a component, `c` entities and `m_c` ties:
//! - exact search: exponential in the worst case (at most the Bell number
//!   of `c` canonical partitions), in practice about a millisecond for 15
//!   dense entities and under a second for 25, in release builds; each
//!   search node costs O(c·b) with `b` blocs, and components over
//!   [`EXACT_ALWAYS_UP_TO`] entities stop after [`EXACT_NODE_BUDGET`] nodes;
//! - heuristic: 6 starts, each a greedy placement and passes of single
//!   moves in O(c + m_c) each, then at most 1,000 perturbations (fewer on
//!   large components), after each of which only entities next to a change
//!   are revisited;
//! - its lower bound: a greedy packing of unbalanced triangles, one pass
//!   over the negative ties intersecting the tie lists of their ends,
//!   capped for very large components.
//!
//! # Example
//! ```
//! use relgraph::analysis::blocs::partition::{frustrating_ties, frustration, partition};
//!
//! // {0, 1, 2} and {3, 4} are friendly inside, hostile across; 5 has no tie.
//! let ties = [
//!     (0, 1, 2.0),
//!     (0, 2, 1.0),
//!     (1, 2, 1.5),
//!     (3, 4, 1.0),
//!     (0, 3, -1.0),
//!     (2, 4, -2.0),
//! ];
//! let p = partition(6, &ties, None);
//! assert_eq!(p.blocs, vec![vec![0, 1, 2], vec![3, 4], vec![5]]);
//! assert_eq!(p.frustration, 0.0);
//! assert!(p.optimal);
//!
//! // At most one bloc: every hostile tie is now frustrated.
//! let one = partition(6, &ties, Some(1));
//! assert_eq!(one.blocs, vec![vec![0, 1, 2, 3, 4], vec![5]]);
//! assert_eq!(one.frustration, 3.0);
//! assert_eq!(frustrating_ties(&ties, &one.bloc_of()), vec![4, 5]);
//! assert_eq!(frustration(&ties, &one.bloc_of()), 3.0);
//! ```

use std::cmp::Reverse;
use std::collections::VecDeque;

use rayon::prelude::*;
use serde::Serialize;

/// Components with at most this many entities are always solved exactly,
/// with no node budget (a few milliseconds in release builds).
pub const EXACT_ALWAYS_UP_TO: usize = 16;

/// Components with more than [`EXACT_ALWAYS_UP_TO`] and at most this many
/// entities are searched exactly within [`EXACT_NODE_BUDGET`]; larger ones
/// go straight to the heuristic.
pub const EXACT_MAX_ENTITIES: usize = 48;

/// Search nodes allowed to the exact search on a component of more than
/// [`EXACT_ALWAYS_UP_TO`] entities (about a second in release builds);
/// past it the heuristic's partition is returned, not proven optimal.
pub const EXACT_NODE_BUDGET: u64 = 1_000_000;

/// The fixed seed of the heuristic's pseudo-random generator (splitmix64).
pub const HEURISTIC_SEED: u64 = 1;

const METHOD_EXACT: &str = "exact branch and bound";
const METHOD_HEURISTIC: &str = "heuristic local search (seed 1)";
const METHOD_CERTIFIED: &str = "heuristic local search (seed 1), proven optimal by its lower bound";

/// Relative tolerance when comparing sums of weights.
const REL_EPS: f64 = 1e-9;

/// Starts of the heuristic on one component.
const HEURISTIC_RESTARTS: usize = 6;

/// Most perturbation steps after each start.
const HEURISTIC_STEPS: usize = 1_000;

/// Perturbation steps after each start are fewer on large components: this
/// divided by the component's entities plus twice its ties.
const HEURISTIC_STEP_WORK: usize = 5_000_000;

/// Work allowed to the triangle lower bound on one component.
const TRIANGLE_WORK: usize = 50_000_000;

/// A partition of the entities into blocs, as returned by [`partition`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partition {
    /// The blocs; every entity is in exactly one. Entities ascend inside a
    /// bloc; blocs are ordered by size descending, then by smallest entity.
    pub blocs: Vec<Vec<u32>>,
    /// The partition's frustration: the weight of positive ties between
    /// blocs plus the weight of negative ties inside blocs.
    pub frustration: f64,
    /// Whether no partition has less frustration (proven, up to a relative
    /// tolerance of 1e-9).
    pub optimal: bool,
    /// When not proven optimal: a value the least possible frustration is
    /// known not to be below.
    pub lower_bound: Option<f64>,
    /// How the partition was found: `"exact branch and bound"`,
    /// `"heuristic local search (seed 1)"`, or
    /// `"heuristic local search (seed 1), proven optimal by its lower bound"`.
    pub method: &'static str,
}

impl Partition {
    /// The bloc of each entity: `bloc_of()[e]` is the index in
    /// [`blocs`](Self::blocs) of the bloc holding `e`, as [`frustration`]
    /// and [`frustrating_ties`] take it. An entity missing from every bloc
    /// (only possible in a hand-made `Partition`) gets `u32::MAX`.
    pub fn bloc_of(&self) -> Vec<u32> {
        let len = self
            .blocs
            .iter()
            .flatten()
            .map(|&e| e as usize + 1)
            .max()
            .unwrap_or(0);
        let mut out = vec![u32::MAX; len];
        for (i, bloc) in self.blocs.iter().enumerate() {
            for &e in bloc {
                out[e as usize] = i as u32;
            }
        }
        out
    }
}

/// The frustration of the partition `bloc_of` (entity -> bloc label): the
/// total `|value|` of positive ties between different blocs and of negative
/// ties inside one bloc. Ties whose value is zero or not finite count for
/// nothing.
///
/// # Panics
/// If a tie names an entity outside `bloc_of`.
pub fn frustration(ties: &[(u32, u32, f64)], bloc_of: &[u32]) -> f64 {
    ties.iter()
        .filter(|&&(a, b, w)| is_frustrated(a, b, w, bloc_of))
        .map(|&(_, _, w)| w.abs())
        .sum()
}

/// Indices into `ties` of the ties the partition `bloc_of` frustrates (see
/// [`frustration`]), ascending.
///
/// # Panics
/// If a tie names an entity outside `bloc_of`.
pub fn frustrating_ties(ties: &[(u32, u32, f64)], bloc_of: &[u32]) -> Vec<usize> {
    ties.iter()
        .enumerate()
        .filter(|&(_, &(a, b, w))| is_frustrated(a, b, w, bloc_of))
        .map(|(i, _)| i)
        .collect()
}

fn is_frustrated(a: u32, b: u32, w: f64, bloc_of: &[u32]) -> bool {
    if !w.is_finite() || w == 0.0 {
        return false;
    }
    let together = bloc_of[a as usize] == bloc_of[b as usize];
    if w > 0.0 { !together } else { together }
}

/// A partition of the `n` entities into blocs of least frustration under
/// the tie signs, with at most `max_blocs` blocs among entities with ties.
/// See the [module documentation](self) for the definition and the method.
///
/// # Panics
/// If a tie names an entity `>= n`, or `n` exceeds `u32::MAX + 1`.
pub fn partition(n: usize, ties: &[(u32, u32, f64)], max_blocs: Option<usize>) -> Partition {
    partition_with(n, ties, max_blocs, &Config::DEFAULT)
}

/// Limits of the exact search; tests shrink them to force the heuristic.
#[derive(Debug, Clone, Copy)]
struct Config {
    exact_always_up_to: usize,
    exact_max_entities: usize,
    node_budget: u64,
}

impl Config {
    const DEFAULT: Config = Config {
        exact_always_up_to: EXACT_ALWAYS_UP_TO,
        exact_max_entities: EXACT_MAX_ENTITIES,
        node_budget: EXACT_NODE_BUDGET,
    };
}

fn partition_with(
    n: usize,
    ties: &[(u32, u32, f64)],
    max_blocs: Option<usize>,
    config: &Config,
) -> Partition {
    assert!(
        n <= u32::MAX as usize + 1,
        "{n} entities do not fit in u32 ids"
    );
    let k = max_blocs.map(|k| k.max(1));
    let net = NetGraph::new(n, ties);
    let comps = net.components();
    let solved: Vec<CompSolution> = comps
        .par_iter()
        .map(|comp| solve_component(comp, k, config))
        .collect();

    let mut blocs: Vec<Vec<u32>> = Vec::new();
    let mut in_comp = vec![false; n];
    for (comp, sol) in comps.iter().zip(&solved) {
        for &v in &comp.vertices {
            in_comp[v as usize] = true;
        }
        let comp_blocs = if k.is_some() {
            comp.blocs(&sol.labels)
        } else {
            comp.blocs(&comp.split_untied(&sol.labels))
        };
        if k.is_some() {
            for (j, bloc) in comp_blocs.into_iter().enumerate() {
                if j < blocs.len() {
                    blocs[j].extend(bloc);
                } else {
                    blocs.push(bloc);
                }
            }
        } else {
            blocs.extend(comp_blocs);
        }
    }
    blocs.extend((0..n).filter(|&v| !in_comp[v]).map(|v| vec![v as u32]));
    sort_blocs(&mut blocs);

    let mut bloc_of = vec![0u32; n];
    for (i, bloc) in blocs.iter().enumerate() {
        for &e in bloc {
            bloc_of[e as usize] = i as u32;
        }
    }
    let frustration = frustration(ties, &bloc_of);
    let optimal = solved.iter().all(|s| s.outcome != Outcome::Heuristic);
    let method = if solved.iter().any(|s| s.outcome == Outcome::Heuristic) {
        METHOD_HEURISTIC
    } else if solved.iter().any(|s| s.outcome == Outcome::Certified) {
        METHOD_CERTIFIED
    } else {
        METHOD_EXACT
    };
    let lower_bound = (!optimal).then(|| {
        let lb = net.constant + solved.iter().map(|s| s.lower_bound).sum::<f64>();
        lb.min(frustration)
    });
    Partition {
        blocs,
        frustration,
        optimal,
        lower_bound,
        method,
    }
}

/// Sorts entities inside blocs, then blocs by size descending and smallest
/// entity.
fn sort_blocs(blocs: &mut [Vec<u32>]) {
    for bloc in blocs.iter_mut() {
        bloc.sort_unstable();
    }
    blocs.sort_by_key(|b| (Reverse(b.len()), b.first().copied()));
}

/// The ties reduced to one net signed weight per pair of distinct entities.
struct NetGraph {
    n: usize,
    /// `(a, b, w)` with `a < b`, sorted by pair; `w` is 0 only when the
    /// pair's ties cancel out.
    edges: Vec<(u32, u32, f64)>,
    /// Frustration every partition pays: negative self-ties, and the
    /// smaller side of a pair with both positive and negative ties.
    constant: f64,
}

impl NetGraph {
    fn new(n: usize, ties: &[(u32, u32, f64)]) -> NetGraph {
        let mut list = Vec::with_capacity(ties.len());
        let mut constant = 0.0;
        for &(a, b, w) in ties {
            assert!(
                (a as usize) < n && (b as usize) < n,
                "tie ({a}, {b}) names an entity outside 0..{n}"
            );
            if !w.is_finite() || w == 0.0 {
                continue;
            }
            if a == b {
                if w < 0.0 {
                    constant -= w;
                }
                continue;
            }
            list.push((a.min(b), a.max(b), w));
        }
        list.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(x.2.total_cmp(&y.2)));
        let mut edges = Vec::with_capacity(list.len());
        let mut i = 0;
        while i < list.len() {
            let (a, b, _) = list[i];
            let (mut pos, mut neg) = (0.0, 0.0);
            while i < list.len() && (list[i].0, list[i].1) == (a, b) {
                let w = list[i].2;
                if w > 0.0 {
                    pos += w;
                } else {
                    neg -= w;
                }
                i += 1;
            }
            if pos > 0.0 && neg > 0.0 {
                constant += f64::min(pos, neg);
            }
            // Kept even when the ties cancel out: the pair is still tied.
            edges.push((a, b, pos - neg));
        }
        NetGraph { n, edges, constant }
    }

    /// Connected components with at least one tie, by smallest entity.
    fn components(&self) -> Vec<Component> {
        let mut uf = UnionFind::new(self.n);
        let mut has_tie = vec![false; self.n];
        for &(a, b, _) in &self.edges {
            uf.union(a as usize, b as usize);
            has_tie[a as usize] = true;
            has_tie[b as usize] = true;
        }
        let mut comp_of_root = vec![u32::MAX; self.n];
        let mut local = vec![0u32; self.n];
        let mut comps: Vec<Component> = Vec::new();
        for v in 0..self.n {
            if !has_tie[v] {
                continue;
            }
            let r = uf.find(v);
            if comp_of_root[r] == u32::MAX {
                comp_of_root[r] = comps.len() as u32;
                comps.push(Component::default());
            }
            let comp = &mut comps[comp_of_root[r] as usize];
            local[v] = comp.vertices.len() as u32;
            comp.vertices.push(v as u32);
        }
        for comp in &mut comps {
            comp.adj = vec![Vec::new(); comp.vertices.len()];
        }
        for &(a, b, w) in &self.edges {
            let comp = &mut comps[comp_of_root[uf.find(a as usize)] as usize];
            let (la, lb) = (local[a as usize], local[b as usize]);
            comp.edges.push((la, lb, w));
            comp.adj[la as usize].push((lb, w));
            comp.adj[lb as usize].push((la, w));
        }
        for comp in &mut comps {
            for list in &mut comp.adj {
                list.sort_by_key(|&(u, _)| u);
            }
        }
        comps
    }
}

/// One connected component of the net tie graph, with local ids `0..c`.
#[derive(Default)]
struct Component {
    /// Global id of each local entity, ascending.
    vertices: Vec<u32>,
    /// Local adjacency `(neighbour, signed weight)`, sorted by neighbour.
    adj: Vec<Vec<(u32, f64)>>,
    /// Local ties `(a, b, w)`.
    edges: Vec<(u32, u32, f64)>,
}

impl Component {
    fn len(&self) -> usize {
        self.vertices.len()
    }

    fn total_weight(&self) -> f64 {
        self.edges.iter().map(|e| e.2.abs()).sum()
    }

    fn cost(&self, labels: &[u32]) -> f64 {
        self.edges
            .iter()
            .filter(|&&(a, b, w)| (labels[a as usize] == labels[b as usize]) == (w < 0.0))
            .map(|e| e.2.abs())
            .sum()
    }

    /// Blocs in global ids, canonically ordered.
    fn blocs(&self, labels: &[u32]) -> Vec<Vec<u32>> {
        let labels = compact(labels);
        let count = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
        let mut blocs = vec![Vec::new(); count];
        for (v, &l) in labels.iter().enumerate() {
            blocs[l as usize].push(self.vertices[v]);
        }
        sort_blocs(&mut blocs);
        blocs
    }

    /// Splits every bloc into the groups its inner ties connect; no tie
    /// crosses between such groups, so frustration does not change.
    fn split_untied(&self, labels: &[u32]) -> Vec<u32> {
        let mut uf = UnionFind::new(self.len());
        for &(a, b, _) in &self.edges {
            if labels[a as usize] == labels[b as usize] {
                uf.union(a as usize, b as usize);
            }
        }
        (0..self.len()).map(|v| uf.find(v) as u32).collect()
    }
}

/// Relabels to `0..count` in order of first appearance.
fn compact(labels: &[u32]) -> Vec<u32> {
    let len = labels.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
    let mut map = vec![u32::MAX; len];
    let mut count = 0;
    labels
        .iter()
        .map(|&l| {
            let slot = &mut map[l as usize];
            if *slot == u32::MAX {
                *slot = count;
                count += 1;
            }
            *slot
        })
        .collect()
}

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut v: usize) -> usize {
        while self.parent[v] != v {
            self.parent[v] = self.parent[self.parent[v]];
            v = self.parent[v];
        }
        v
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller root, so roots are deterministic.
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Proven optimal by exact search or a special case.
    Exact,
    /// Heuristic, proven optimal because it meets its lower bound.
    Certified,
    /// Heuristic, not proven optimal.
    Heuristic,
}

struct CompSolution {
    /// Local bloc label of each local entity.
    labels: Vec<u32>,
    outcome: Outcome,
    /// A lower bound on the component's least frustration.
    lower_bound: f64,
}

fn solve_component(comp: &Component, max_blocs: Option<usize>, config: &Config) -> CompSolution {
    let c = comp.len();
    let k = max_blocs.map_or(c, |k| k.min(c)).max(1);
    let exact = |labels: Vec<u32>| {
        let lower_bound = comp.cost(&labels);
        CompSolution {
            labels,
            outcome: Outcome::Exact,
            lower_bound,
        }
    };
    if k == 1 {
        return exact(vec![0; c]);
    }
    if let Some(labels) = balanced(comp, k) {
        return exact(labels);
    }
    let reduced = reduce(comp, k);
    let core = &reduced.core;
    let ck = k.min(core.len()).max(1);
    let expand = |core_labels: &[u32]| reduced.expand(c, core_labels, k);
    if core.len() == 0 {
        return exact(expand(&[]));
    }
    if let Some(labels) = balanced(core, ck) {
        return exact(expand(&labels));
    }
    let eps = REL_EPS * core.total_weight();
    let try_exact = core.len() <= config.exact_max_entities;
    let (labels, cost) = Heuristic::run(core, ck, eps, try_exact);
    let mut lower_bound = 0.0;
    if try_exact {
        let budget = if core.len() <= config.exact_always_up_to {
            u64::MAX
        } else {
            config.node_budget
        };
        match exact_search(core, ck, &labels, budget, eps).0 {
            Ok(labels) => return exact(expand(&labels)),
            Err(bound) => lower_bound = bound,
        }
    }
    lower_bound = f64::max(lower_bound, triangle_lower_bound(core));
    let outcome = if cost <= lower_bound + eps {
        Outcome::Certified
    } else {
        Outcome::Heuristic
    };
    CompSolution {
        labels: expand(&labels),
        outcome,
        lower_bound: lower_bound + reduced.constant,
    }
}

/// A partition with no frustration within `k` blocs, when there is an easy
/// one: the groups of positive ties, if no negative tie falls inside one and
/// they number at most `k`, or else two camps, if the negative ties between
/// the groups form a bipartite graph.
fn balanced(comp: &Component, k: usize) -> Option<Vec<u32>> {
    let c = comp.len();
    let mut uf = UnionFind::new(c);
    for &(a, b, w) in &comp.edges {
        if w > 0.0 {
            uf.union(a as usize, b as usize);
        }
    }
    let groups: Vec<usize> = (0..c).map(|v| uf.find(v)).collect();
    if comp
        .edges
        .iter()
        .any(|&(a, b, w)| w < 0.0 && groups[a as usize] == groups[b as usize])
    {
        return None;
    }
    let labels = compact(&groups.iter().map(|&g| g as u32).collect::<Vec<_>>());
    let count = labels.iter().max().map_or(0, |&l| l as usize + 1);
    if count <= k {
        return Some(labels);
    }
    // Two-colour the groups across negative ties.
    let mut neighbours = vec![Vec::new(); count];
    for &(a, b, w) in &comp.edges {
        if w < 0.0 {
            let (ga, gb) = (labels[a as usize] as usize, labels[b as usize] as usize);
            neighbours[ga].push(gb);
            neighbours[gb].push(ga);
        }
    }
    let mut colour = vec![u32::MAX; count];
    for first in 0..count {
        if colour[first] != u32::MAX {
            continue;
        }
        colour[first] = 0;
        let mut stack = vec![first];
        while let Some(g) = stack.pop() {
            for &h in &neighbours[g] {
                if colour[h] == u32::MAX {
                    colour[h] = 1 - colour[g];
                    stack.push(h);
                } else if colour[h] == colour[g] {
                    return None;
                }
            }
        }
    }
    Some(labels.iter().map(|&l| colour[l as usize]).collect())
}

// ---------------------------------------------------------------------------
// Reduction: entities with at most two ties are taken out before the search
// and placed back after it, optimally given their neighbours' blocs.
// ---------------------------------------------------------------------------

/// An entity taken out by [`reduce`], with its ties at that moment.
#[derive(Debug, Clone, Copy)]
enum Removed {
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
struct Reduced {
    /// What is left, every entity with at least three ties; its `vertices`
    /// are ids in the original component.
    core: Component,
    /// In the order taken out.
    removed: Vec<Removed>,
    constant: f64,
}

fn frustrated_apart(w: f64) -> f64 {
    w.max(0.0)
}

fn frustrated_together(w: f64) -> f64 {
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
fn reduce(comp: &Component, k: usize) -> Reduced {
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
    fn expand(&self, c: usize, core_labels: &[u32], k: usize) -> Vec<u32> {
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

// ---------------------------------------------------------------------------
// Exact search: branch and bound over canonical labellings, as a Russian-doll
// search (the suffixes of the search order are solved first, shortest first,
// and each one's optimum bounds the ties among the unassigned entities).
// ---------------------------------------------------------------------------

/// The search order: start from the entity of largest weighted degree, then
/// repeatedly take the entity most strongly tied to those already taken
/// (ties by weighted degree, then id).
fn search_order(comp: &Component) -> Vec<usize> {
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

struct Search {
    c: usize,
    k: usize,
    eps: f64,
    budget: u64,
    nodes: u64,
    aborted: bool,
    /// For each position, its ties to later positions.
    later: Vec<Vec<(usize, f64)>>,
    /// `opt[d]`: least frustration among positions `d..` (0 from `c - 1`).
    opt: Vec<f64>,
    /// Bloc label of each assigned position.
    label: Vec<u32>,
    /// `affinity[u * c + b]`: signed weight from position `u` to the
    /// assigned positions in bloc `b`.
    affinity: Vec<f64>,
    /// Positive weight from each position to assigned positions.
    positive: Vec<f64>,
    best: f64,
    best_label: Vec<u32>,
    /// `weight[u * c + v]`: the tie between positions `u` and `v`, or 0.
    weight: Vec<f64>,
    /// Scratch for one node: best and second-best affinity of each
    /// unassigned position, and the bloc of the best.
    best1: Vec<f64>,
    best2: Vec<f64>,
    arg1: Vec<u32>,
    /// Reusable buffers of branching options `(bound, cost, bloc)`, one per
    /// depth.
    options: Vec<Vec<(f64, f64, u32)>>,
}

impl Search {
    fn dfs(&mut self, d: usize, m: usize, cost: f64) {
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
    fn suffix_cost(&self, s: usize, labels: &[u32]) -> f64 {
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
    fn extend(&self, s: usize, optimal: &[u32]) -> Vec<u32> {
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
fn exact_search(
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

// ---------------------------------------------------------------------------
// Heuristic: multi-start iterated local search.
// ---------------------------------------------------------------------------

/// splitmix64, enough for shuffles and restarts.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// Where a moving entity goes.
#[derive(Clone, Copy)]
enum Target {
    Bloc(u32),
    New,
}

/// Iterated local search from several starts. Moves: one entity to another
/// bloc or to a new one, and merging two blocs. Perturbations move a few
/// random entities or merge two neighbouring blocs; the local search then
/// revisits only entities near a change, and a worse result is undone.
struct Heuristic<'a> {
    comp: &'a Component,
    k: usize,
    eps: f64,
    rng: SplitMix64,
    label: Vec<u32>,
    size: Vec<u32>,
    /// Unused labels.
    free: Vec<u32>,
    blocs: usize,
    /// Frustration of `label`, kept up to date move by move.
    cost: f64,
    /// Scratch: signed weight from the entity under study to each bloc.
    affinity: Vec<f64>,
    stamp: Vec<u32>,
    now: u32,
    touched: Vec<u32>,
    /// Entities to revisit.
    queue: VecDeque<u32>,
    queued: Vec<bool>,
    /// `(entity, previous label)` for every move since the last accepted
    /// state.
    log: Vec<(u32, u32)>,
}

impl<'a> Heuristic<'a> {
    /// Runs the search and returns the best labels found and their cost.
    /// `light` asks for a short run, as the exact search follows.
    fn run(comp: &'a Component, k: usize, eps: f64, light: bool) -> (Vec<u32>, f64) {
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

    fn by_degree(&self) -> Vec<u32> {
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
    fn positive_groups(&self) -> Option<Vec<u32>> {
        let c = self.comp.len();
        let mut uf = UnionFind::new(c);
        for &(a, b, w) in &self.comp.edges {
            if w > 0.0 {
                uf.union(a as usize, b as usize);
            }
        }
        let labels = compact(&(0..c).map(|v| uf.find(v) as u32).collect::<Vec<_>>());
        let count = labels.iter().max().map_or(0, |&l| l as usize + 1);
        (count <= self.k).then_some(labels)
    }

    /// Places entities one by one in `order`, each in its cheapest bloc
    /// against those already placed.
    fn greedy(&mut self, order: &[u32]) -> Vec<u32> {
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

    fn add_affinity(&mut self, l: u32, w: f64) {
        let i = l as usize;
        if self.stamp[i] != self.now {
            self.stamp[i] = self.now;
            self.affinity[i] = 0.0;
            self.touched.push(l);
        }
        self.affinity[i] += w;
    }

    /// Takes `labels` as the current state.
    fn set(&mut self, labels: &[u32]) {
        self.label.copy_from_slice(labels);
        self.recount();
        self.cost = self.comp.cost(labels);
        self.log.clear();
    }

    /// Recomputes bloc sizes and free labels from `label`.
    fn recount(&mut self) {
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
    fn undo(&mut self) {
        for &(v, old) in self.log.iter().rev() {
            self.label[v as usize] = old;
        }
        self.log.clear();
        self.recount();
    }

    /// Affinities of `v` to the blocs of its neighbours; returns the one to
    /// its own bloc.
    fn gather(&mut self, v: usize) -> f64 {
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
    fn best_move(&mut self, v: usize) -> Option<(Target, f64)> {
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
    fn move_to(&mut self, v: usize, target: Target) {
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

    fn enqueue(&mut self, v: u32) {
        if !self.queued[v as usize] {
            self.queued[v as usize] = true;
            self.queue.push_back(v);
        }
    }

    /// Improving single-entity moves of queued entities until none is left.
    fn local_search(&mut self) {
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
    fn merge_round(&mut self) -> bool {
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
    fn improve(&mut self) {
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
    fn perturb(&mut self) {
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

// ---------------------------------------------------------------------------
// Lower bound for the heuristic: a packing of unbalanced triangles.
// ---------------------------------------------------------------------------

/// Every partition frustrates at least one tie of each triangle with one
/// negative and two positive ties. Greedily give each such triangle a load
/// no larger than what its ties have left of their weight; the loads add up
/// to a lower bound (a feasible dual of the covering problem), as every
/// frustrated tie carries at most its weight in loads.
fn triangle_lower_bound(comp: &Component) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EPS: f64 = 1e-9;

    type Ties = Vec<(u32, u32, f64)>;

    /// Forces the heuristic on every component that is not a special case.
    const HEURISTIC_ONLY: Config = Config {
        exact_always_up_to: 0,
        exact_max_entities: 0,
        node_budget: 0,
    };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= EPS * (1.0 + a.abs().max(b.abs()))
    }

    /// Checks everything a partition promises, whatever its method.
    fn check_valid(n: usize, ties: &[(u32, u32, f64)], k: Option<usize>, p: &Partition) {
        let mut seen = vec![false; n];
        for bloc in &p.blocs {
            assert!(!bloc.is_empty(), "empty bloc in {p:?}");
            assert!(
                bloc.windows(2).all(|w| w[0] < w[1]),
                "unsorted bloc {bloc:?}"
            );
            for &e in bloc {
                assert!(!seen[e as usize], "entity {e} twice in {p:?}");
                seen[e as usize] = true;
            }
        }
        assert!(seen.iter().all(|&s| s), "an entity is missing from {p:?}");
        assert!(
            p.blocs
                .windows(2)
                .all(|w| (Reverse(w[0].len()), w[0][0]) < (Reverse(w[1].len()), w[1][0])),
            "blocs out of order: {:?}",
            p.blocs
        );
        let bloc_of = p.bloc_of();
        assert_eq!(bloc_of.len(), n);
        assert_eq!(p.frustration, frustration(ties, &bloc_of));
        let mut tied = vec![false; n];
        for &(a, b, w) in ties {
            if a != b && w.is_finite() && w != 0.0 {
                tied[a as usize] = true;
                tied[b as usize] = true;
            }
        }
        for bloc in &p.blocs {
            if bloc.iter().any(|&e| !tied[e as usize]) {
                assert_eq!(bloc.len(), 1, "isolated entity in a bloc: {bloc:?}");
            }
        }
        if let Some(k) = k {
            let tied_blocs = p.blocs.iter().filter(|b| tied[b[0] as usize]).count();
            assert!(
                tied_blocs <= k.max(1),
                "{tied_blocs} blocs over the limit {k}"
            );
        }
        if p.optimal {
            assert_eq!(p.lower_bound, None);
            assert_ne!(p.method, METHOD_HEURISTIC);
        } else {
            let lb = p.lower_bound.expect("a heuristic result carries a bound");
            assert!(lb <= p.frustration, "bound {lb} above {}", p.frustration);
            assert_eq!(p.method, METHOD_HEURISTIC);
        }
    }

    /// Least frustration over all set partitions of `0..n` (restricted
    /// growth strings): without a limit, with at most 2 and at most 3 blocs.
    fn brute_force(n: usize, ties: &[(u32, u32, f64)]) -> [f64; 3] {
        fn walk(
            i: usize,
            blocs: u32,
            rgs: &mut Vec<u32>,
            ties: &[(u32, u32, f64)],
            best: &mut [f64; 3],
        ) {
            if i == rgs.len() {
                let f = frustration(ties, rgs);
                best[0] = best[0].min(f);
                if blocs <= 2 {
                    best[1] = best[1].min(f);
                }
                if blocs <= 3 {
                    best[2] = best[2].min(f);
                }
                return;
            }
            for l in 0..=blocs {
                rgs[i] = l;
                walk(i + 1, blocs.max(l + 1), rgs, ties, best);
            }
        }
        let mut best = [f64::INFINITY; 3];
        let mut rgs = vec![0; n];
        walk(0, 0, &mut rgs, ties, &mut best);
        if n == 0 {
            best = [0.0; 3];
        }
        best
    }

    /// A random signed graph: random density, share of negative ties, and
    /// weights (continuous, or small integers to create ties in cost).
    fn random_ties(rng: &mut SplitMix64, n: usize) -> Ties {
        let density = 0.1 + 0.9 * unit(rng);
        let negative = 0.15 + 0.7 * unit(rng);
        let integer = rng.below(2) == 0;
        let mut ties = Vec::new();
        for a in 0..n as u32 {
            for b in a + 1..n as u32 {
                if unit(rng) < density {
                    let weight = if integer {
                        1.0 + rng.below(3) as f64
                    } else {
                        0.1 + 9.9 * unit(rng)
                    };
                    let sign = if unit(rng) < negative { -1.0 } else { 1.0 };
                    ties.push((a, b, sign * weight));
                }
            }
        }
        ties
    }

    fn unit(rng: &mut SplitMix64) -> f64 {
        (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `c` entities in `groups` planted blocs, each pair tied with
    /// probability `density`, with the sign flipped with probability `noise`.
    fn planted(rng: &mut SplitMix64, c: usize, groups: usize, density: f64, noise: f64) -> Ties {
        let mut ties = Vec::new();
        for a in 0..c as u32 {
            for b in a + 1..c as u32 {
                if unit(rng) < density {
                    let same = a as usize % groups == b as usize % groups;
                    let mut sign = if same { 1.0 } else { -1.0 };
                    if unit(rng) < noise {
                        sign = -sign;
                    }
                    ties.push((a, b, sign * (0.5 + unit(rng))));
                }
            }
        }
        ties
    }

    #[test]
    fn positive_triangle_is_one_bloc() {
        let ties = [(0, 1, 1.0), (1, 2, 2.0), (0, 2, 0.5)];
        let p = partition(3, &ties, None);
        check_valid(3, &ties, None, &p);
        assert_eq!(p.blocs, vec![vec![0, 1, 2]]);
        assert_eq!(p.frustration, 0.0);
        assert!(p.optimal);
        assert_eq!(p.method, METHOD_EXACT);
    }

    #[test]
    fn two_positive_cliques_hostile_across_are_two_blocs() {
        let mut ties = Vec::new();
        for (a, b) in [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)] {
            ties.push((a, b, 1.0));
        }
        for (a, b) in [(0, 3), (1, 4), (2, 5), (0, 5)] {
            ties.push((a, b, -2.0));
        }
        let p = partition(6, &ties, None);
        check_valid(6, &ties, None, &p);
        assert_eq!(p.blocs, vec![vec![0, 1, 2], vec![3, 4, 5]]);
        assert_eq!(p.frustration, 0.0);
        assert!(p.optimal);
        // One frustrated positive tie is cheaper than splitting a clique.
        ties.push((2, 3, 0.5));
        let p = partition(6, &ties, None);
        assert_eq!(p.blocs, vec![vec![0, 1, 2], vec![3, 4, 5]]);
        assert_eq!(p.frustration, 0.5);
        assert_eq!(frustrating_ties(&ties, &p.bloc_of()), vec![ties.len() - 1]);
    }

    #[test]
    fn unbalanced_triangle_costs_its_lightest_tie() {
        for (ties, least, blocs) in [
            (
                [(0, 1, 3.0), (1, 2, 2.0), (0, 2, -1.5)],
                1.5,
                vec![vec![0, 1, 2]],
            ),
            (
                [(0, 1, 3.0), (1, 2, 1.0), (0, 2, -5.0)],
                1.0,
                vec![vec![0, 1], vec![2]],
            ),
            (
                [(0, 1, 0.25), (1, 2, 4.0), (0, 2, -5.0)],
                0.25,
                vec![vec![1, 2], vec![0]],
            ),
        ] {
            let p = partition(3, &ties, None);
            check_valid(3, &ties, None, &p);
            assert_eq!(p.frustration, least);
            assert_eq!(p.blocs, blocs);
            assert!(p.optimal);
        }
    }

    #[test]
    fn isolated_entities_are_singletons_and_free_of_the_limit() {
        let ties = [(1, 3, 1.0), (3, 4, -1.0)];
        let p = partition(6, &ties, None);
        check_valid(6, &ties, None, &p);
        assert_eq!(
            p.blocs,
            vec![vec![1, 3], vec![0], vec![2], vec![4], vec![5]]
        );
        let p = partition(6, &ties, Some(2));
        check_valid(6, &ties, Some(2), &p);
        assert_eq!(
            p.blocs,
            vec![vec![1, 3], vec![0], vec![2], vec![4], vec![5]]
        );
        assert_eq!(p.frustration, 0.0);
        let p = partition(4, &[], None);
        assert_eq!(p.blocs, vec![vec![0], vec![1], vec![2], vec![3]]);
        assert!(p.optimal);
        let p = partition(0, &[], Some(3));
        assert!(p.blocs.is_empty());
        assert_eq!(p.frustration, 0.0);
    }

    #[test]
    fn one_bloc_limit_joins_everything_tied() {
        let ties = [(0, 1, -1.0), (1, 2, -2.0), (0, 2, 1.0), (4, 5, -3.0)];
        let p = partition(7, &ties, Some(1));
        check_valid(7, &ties, Some(1), &p);
        assert_eq!(p.blocs, vec![vec![0, 1, 2, 4, 5], vec![3], vec![6]]);
        assert_eq!(p.frustration, 6.0);
        assert!(p.optimal);
        // Some(0) reads as Some(1).
        assert_eq!(partition(7, &ties, Some(0)), p);
    }

    #[test]
    fn limit_merges_component_blocs_and_no_limit_keeps_them_apart() {
        // Two copies of "two friendly pairs, hostile across".
        let ties = [
            (0, 1, 1.0),
            (2, 3, 1.0),
            (0, 2, -1.0),
            (4, 5, 1.0),
            (5, 6, 1.0),
            (7, 8, 1.0),
            (6, 7, -1.0),
        ];
        let p = partition(9, &ties, None);
        check_valid(9, &ties, None, &p);
        assert_eq!(
            p.blocs,
            vec![vec![4, 5, 6], vec![0, 1], vec![2, 3], vec![7, 8]]
        );
        let p = partition(9, &ties, Some(2));
        check_valid(9, &ties, Some(2), &p);
        assert_eq!(p.blocs, vec![vec![0, 1, 4, 5, 6], vec![2, 3, 7, 8]]);
        assert_eq!(p.frustration, 0.0);
        assert!(p.optimal);
    }

    #[test]
    fn without_limit_blocs_are_held_together_by_ties() {
        // A hostile chain: joining 0 and 2 would cost nothing, but nothing
        // ties them either.
        let ties = [(0, 1, -1.0), (1, 2, -1.0)];
        let p = partition(3, &ties, None);
        assert_eq!(p.blocs, vec![vec![0], vec![1], vec![2]]);
        let p = partition(3, &ties, Some(2));
        assert_eq!(p.blocs, vec![vec![0, 2], vec![1]]);
        assert!(p.optimal);
    }

    #[test]
    fn two_camps_found_without_search_when_bipartite() {
        // Four friendly pairs in a hostile even cycle: two camps, any size.
        let mut ties = Vec::new();
        let groups = 40u32;
        for g in 0..groups {
            ties.push((2 * g, 2 * g + 1, 1.0));
            ties.push((2 * g + 1, (2 * g + 2) % (2 * groups), -1.0));
        }
        let n = 2 * groups as usize;
        let p = partition(n, &ties, Some(2));
        check_valid(n, &ties, Some(2), &p);
        assert_eq!(p.blocs.len(), 2);
        assert_eq!(p.frustration, 0.0);
        assert!(p.optimal);
        let p = partition(n, &ties, None);
        assert_eq!(p.blocs.len(), groups as usize);
        assert!(p.optimal);
    }

    #[test]
    fn matches_brute_force_on_random_graphs() {
        let mut rng = SplitMix64(7);
        let mut cases = 0;
        for _ in 0..400 {
            let n = 1 + rng.below(9);
            let ties = random_ties(&mut rng, n);
            let best = brute_force(n, &ties);
            for (k, least) in [(None, best[0]), (Some(2), best[1]), (Some(3), best[2])] {
                let p = partition(n, &ties, k);
                check_valid(n, &ties, k, &p);
                assert!(p.optimal, "not optimal: {ties:?} {k:?}");
                assert!(
                    close(p.frustration, least),
                    "{ties:?} limit {k:?}: found {} but the least is {least}",
                    p.frustration
                );
                cases += 1;
            }
        }
        assert_eq!(cases, 1200);
    }

    #[test]
    fn exact_search_alone_matches_brute_force() {
        // Without the heuristic's head start, and without special cases.
        let mut rng = SplitMix64(11);
        for _ in 0..300 {
            let n = 2 + rng.below(8);
            let ties = random_ties(&mut rng, n);
            let best = brute_force(n, &ties);
            let net = NetGraph::new(n, &ties);
            let comps = net.components();
            for (ki, k) in [n, 2, 3].into_iter().enumerate() {
                let mut total = 0.0;
                for comp in &comps {
                    let c = comp.len();
                    let start = vec![0; c];
                    let eps = REL_EPS * comp.total_weight();
                    let (found, _) = exact_search(comp, k.min(c), &start, u64::MAX, eps);
                    let labels = found.expect("no budget");
                    assert!(labels.iter().all(|&l| (l as usize) < k));
                    total += comp.cost(&labels);
                }
                assert!(
                    close(total, best[ki]),
                    "{ties:?} k {k}: {total} vs {}",
                    best[ki]
                );
            }
        }
    }

    #[test]
    fn reduction_preserves_the_optimum() {
        // Entities with at most two ties are taken out and put back: the
        // result must still be optimal, for every limit, on sparse graphs
        // where the reduction does most of the work.
        let mut rng = SplitMix64(19);
        let mut reduced_some = 0;
        for _ in 0..300 {
            let n = 3 + rng.below(7);
            let ties: Ties = random_ties(&mut rng, n)
                .into_iter()
                .filter(|_| rng.below(2) == 0)
                .collect();
            for comp in NetGraph::new(n, &ties).components() {
                let c = comp.len();
                let best = brute_force(c, &comp.edges);
                for (ki, k) in [c, 2, 3].into_iter().enumerate() {
                    let k = k.min(c);
                    if k < 2 {
                        continue;
                    }
                    let reduced = reduce(&comp, k);
                    let core = &reduced.core;
                    reduced_some += usize::from(core.len() < c);
                    let core_labels = if core.len() == 0 {
                        Vec::new()
                    } else {
                        let eps = REL_EPS * core.total_weight();
                        let start = vec![0; core.len()];
                        let (found, _) =
                            exact_search(core, k.min(core.len()), &start, u64::MAX, eps);
                        found.expect("no budget")
                    };
                    let core_cost = core.cost(&core_labels);
                    let labels = reduced.expand(c, &core_labels, k);
                    let mut distinct = labels.clone();
                    distinct.sort_unstable();
                    distinct.dedup();
                    assert!(distinct.len() <= k, "{} blocs over {k}", distinct.len());
                    let least = best[ki];
                    assert!(close(comp.cost(&labels), least), "{:?} k {k}", comp.edges);
                    assert!(close(core_cost + reduced.constant, least));
                }
            }
        }
        assert!(reduced_some > 200, "only {reduced_some} reductions");
    }

    #[test]
    fn long_cycles_are_solved_by_the_reduction() {
        let c = 200u32;
        let mut ties: Ties = (0..c - 1).map(|a| (a, a + 1, 2.0)).collect();
        ties.push((0, c - 1, -0.75));
        for k in [None, Some(2), Some(3)] {
            let p = partition(c as usize, &ties, k);
            check_valid(c as usize, &ties, k, &p);
            assert!(p.optimal);
            assert_eq!(p.method, METHOD_EXACT);
            assert_eq!(p.frustration, 0.75);
        }
        // An odd hostile cycle: free without a limit, one tie with two blocs.
        let odd: Ties = (0..101u32)
            .map(|a| (a.min((a + 1) % 101), a.max((a + 1) % 101), -1.0))
            .collect();
        let p = partition(101, &odd, None);
        assert_eq!((p.frustration, p.blocs.len()), (0.0, 101));
        let p = partition(101, &odd, Some(2));
        check_valid(101, &odd, Some(2), &p);
        assert!(p.optimal);
        assert_eq!(p.frustration, 1.0);
        let p = partition(101, &odd, Some(3));
        assert!(p.optimal);
        assert_eq!(p.frustration, 0.0);
    }

    #[test]
    fn heuristic_is_valid_and_never_below_the_optimum() {
        let mut rng = SplitMix64(3);
        let mut heuristic_runs = 0;
        for _ in 0..300 {
            let n = 2 + rng.below(8);
            let ties = random_ties(&mut rng, n);
            let best = brute_force(n, &ties);
            for (k, least) in [(None, best[0]), (Some(2), best[1]), (Some(3), best[2])] {
                let p = partition_with(n, &ties, k, &HEURISTIC_ONLY);
                check_valid(n, &ties, k, &p);
                assert!(p.frustration >= least - EPS);
                if let Some(lb) = p.lower_bound {
                    assert!(lb <= least + EPS, "bound {lb} above the optimum {least}");
                }
                if p.optimal {
                    assert!(close(p.frustration, least));
                } else {
                    heuristic_runs += 1;
                }
                // On graphs this small the local search finds the optimum.
                assert!(close(p.frustration, least), "{ties:?} {k:?}");
            }
        }
        assert!(heuristic_runs > 150, "only {heuristic_runs} heuristic runs");
    }

    #[test]
    fn heuristic_on_a_large_noisy_graph() {
        let mut rng = SplitMix64(5);
        let c = 100;
        let ties = planted(&mut rng, c, 4, 0.25, 0.05);
        let planted_labels: Vec<u32> = (0..c as u32).map(|v| v % 4).collect();
        let planted_cost = frustration(&ties, &planted_labels);
        for k in [None, Some(4), Some(3)] {
            let p = partition(c, &ties, k);
            check_valid(c, &ties, k, &p);
            assert!(!p.optimal);
            assert_eq!(p.method, METHOD_HEURISTIC);
            let lb = p.lower_bound.expect("bound");
            assert!(lb > 0.0);
            if k != Some(3) {
                assert!(p.frustration <= planted_cost + EPS);
            }
            if k.is_none() {
                assert_eq!(partition(c, &ties, k), p, "not deterministic");
            }
        }
    }

    #[test]
    fn node_budget_falls_back_to_the_heuristic_with_a_bound() {
        let mut rng = SplitMix64(9);
        let ties = random_ties_dense(&mut rng, 14);
        let exact = partition(14, &ties, None);
        assert!(exact.optimal);
        let config = Config {
            exact_always_up_to: 0,
            exact_max_entities: 48,
            node_budget: 50,
        };
        let p = partition_with(14, &ties, None, &config);
        check_valid(14, &ties, None, &p);
        assert!(!p.optimal);
        let lb = p.lower_bound.expect("bound");
        assert!(lb > 0.0 && lb <= exact.frustration + EPS);
        assert!(p.frustration >= exact.frustration - EPS);
    }

    fn random_ties_dense(rng: &mut SplitMix64, n: usize) -> Ties {
        let mut ties = Vec::new();
        for a in 0..n as u32 {
            for b in a + 1..n as u32 {
                let w = 0.1 + 9.9 * unit(rng);
                ties.push((a, b, if rng.below(2) == 0 { w } else { -w }));
            }
        }
        ties
    }

    #[test]
    fn mid_size_sparse_component_is_exact_within_the_budget() {
        // A ring of 36 entities with random chords and signs: one component
        // above EXACT_ALWAYS_UP_TO that the budgeted search still proves.
        let mut rng = SplitMix64(23);
        let c = 36u32;
        let mut ties: Ties = (0..c)
            .map(|a| {
                let (x, y) = (a.min((a + 1) % c), a.max((a + 1) % c));
                (
                    x,
                    y,
                    if rng.below(3) == 0 { -1.0 } else { 1.0 } * (0.5 + unit(&mut rng)),
                )
            })
            .collect();
        for _ in 0..30 {
            let (a, b) = (rng.below(c as usize) as u32, rng.below(c as usize) as u32);
            if a != b && !ties.iter().any(|t| (t.0, t.1) == (a.min(b), a.max(b))) {
                ties.push((
                    a.min(b),
                    a.max(b),
                    if rng.below(2) == 0 { -1.0 } else { 1.0 },
                ));
            }
        }
        for k in [None, Some(3)] {
            let p = partition(c as usize, &ties, k);
            check_valid(c as usize, &ties, k, &p);
            assert!(p.optimal, "{k:?}");
            assert_eq!(p.method, METHOD_EXACT);
            assert!(p.frustration > 0.0);
            let h = partition_with(c as usize, &ties, k, &HEURISTIC_ONLY);
            check_valid(c as usize, &ties, k, &h);
            assert!(h.frustration >= p.frustration - EPS);
            if let Some(lb) = h.lower_bound {
                assert!(lb <= p.frustration + EPS);
            }
        }
    }

    #[test]
    fn certified_when_the_heuristic_meets_its_bound() {
        // K4 with one light hostile tie: nothing to reduce, and its two
        // unbalanced triangles prove the heuristic's answer (one bloc,
        // frustration 1) optimal.
        let mut ties = vec![(0, 1, -1.0)];
        for (a, b) in [(0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] {
            ties.push((a, b, 5.0));
        }
        let p = partition_with(4, &ties, None, &HEURISTIC_ONLY);
        check_valid(4, &ties, None, &p);
        assert!(p.optimal);
        assert_eq!(p.method, METHOD_CERTIFIED);
        assert_eq!(p.frustration, 1.0);
        assert_eq!(p.blocs, vec![vec![0, 1, 2, 3]]);
    }

    #[test]
    fn lenient_ties_match_brute_force() {
        let mut rng = SplitMix64(13);
        for _ in 0..200 {
            let n = 2 + rng.below(6);
            let mut ties = random_ties(&mut rng, n);
            // Reverse some pairs, repeat some with another value, add
            // self-ties, zeros and non-finite values.
            for t in ties.clone() {
                match rng.below(6) {
                    0 => ties.push((t.1, t.0, -t.2 * unit(&mut rng) * 2.0)),
                    1 => ties.push((t.1, t.0, t.2)),
                    2 => ties.push((t.0, t.0, -1.0)),
                    3 => ties.push((t.1, t.1, 2.0)),
                    4 => ties.push((t.0, t.1, if unit(&mut rng) < 0.5 { 0.0 } else { f64::NAN })),
                    _ => ties.push((t.0, t.1, f64::INFINITY)),
                }
            }
            let best = brute_force(n, &ties);
            for (k, least) in [(None, best[0]), (Some(2), best[1])] {
                let p = partition(n, &ties, k);
                check_valid(n, &ties, k, &p);
                assert!(close(p.frustration, least), "{ties:?} {k:?}");
                let h = partition_with(n, &ties, k, &HEURISTIC_ONLY);
                check_valid(n, &ties, k, &h);
                if let Some(lb) = h.lower_bound {
                    assert!(lb <= least + EPS, "bound {lb} above {least}: {ties:?}");
                }
            }
        }
    }

    #[test]
    fn tie_order_does_not_matter() {
        let mut rng = SplitMix64(17);
        for n in [6, 12, 30, 60] {
            let ties = planted(&mut rng, n, 3, 0.5, 0.15);
            let p = partition(n, &ties, None);
            let mut shuffled = ties.clone();
            rng.shuffle(&mut shuffled);
            let q = partition(n, &shuffled, None);
            assert_eq!(p.blocs, q.blocs);
            assert!(close(p.frustration, q.frustration));
            assert_eq!(p.optimal, q.optimal);
        }
    }

    #[test]
    fn frustration_and_frustrating_ties() {
        let ties = [
            (0, 1, 1.0),
            (1, 2, -2.0),
            (0, 2, 4.0),
            (2, 3, -8.0),
            (3, 3, -16.0),
            (0, 3, 0.0),
            (1, 3, f64::NAN),
        ];
        let bloc_of = [0, 0, 1, 1];
        assert_eq!(frustrating_ties(&ties, &bloc_of), vec![2, 3, 4]);
        assert_eq!(frustration(&ties, &bloc_of), 28.0);
        assert_eq!(frustration(&[], &bloc_of), 0.0);
        let p = partition(4, &ties, None);
        assert_eq!(p.frustration, frustration(&ties, &p.bloc_of()));
    }

    #[test]
    #[should_panic(expected = "outside 0..3")]
    fn tie_outside_the_entities_panics() {
        partition(3, &[(0, 3, 1.0)], None);
    }

    #[test]
    fn serializes_as_plain_data() {
        let p = partition(3, &[(0, 1, 1.0), (1, 2, -1.0)], None);
        let json = serde_json::to_value(&p).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!({
                "blocs": [[0, 1], [2]],
                "frustration": 0.0,
                "optimal": true,
                "lower_bound": null,
                "method": "exact branch and bound",
            })
        );
        assert!(METHOD_HEURISTIC.contains(&format!("(seed {HEURISTIC_SEED})")));
    }

    #[test]
    fn sixteen_dense_entities_are_solved_exactly() {
        let mut rng = SplitMix64(21);
        let ties = random_ties_dense(&mut rng, 16);
        let p = partition(16, &ties, None);
        check_valid(16, &ties, None, &p);
        assert!(p.optimal);
        let h = partition_with(16, &ties, None, &HEURISTIC_ONLY);
        assert!(h.frustration >= p.frustration - EPS);
        assert!(h.lower_bound.is_some_and(|lb| lb <= p.frustration + EPS));
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 200,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn proptest_optimal_on_small_graphs(
            n in 1usize..8,
            raw in proptest::collection::vec((0u32..8, 0u32..8, -5i32..=5), 0..24),
            k in proptest::option::of(1usize..4),
        ) {
            let ties: Ties = raw
                .into_iter()
                .filter(|&(a, b, w)| (a as usize) < n && (b as usize) < n && a < b && w != 0)
                .map(|(a, b, w)| (a, b, w as f64))
                .collect();
            let p = partition(n, &ties, k);
            check_valid(n, &ties, k, &p);
            prop_assert!(p.optimal);
            let best = brute_force(n, &ties);
            let least = match k {
                None => best[0],
                Some(1) => ties.iter().filter(|t| t.2 < 0.0).map(|t| -t.2).sum(),
                Some(2) => best[1],
                _ => best[2],
            };
            prop_assert!(close(p.frustration, least));
        }
    }

    /// Timing, not a test: `cargo test --release --lib analysis::blocs --
    /// --ignored --nocapture`.
    #[test]
    #[ignore]
    fn timing_exact_search() {
        type Family = fn(&mut SplitMix64, usize) -> Ties;
        let families: [(&str, Family); 4] = [
            ("dense, random signs", random_ties_dense),
            ("dense, 3 planted blocs, 30% noise", |rng, c| {
                planted(rng, c, 3, 1.0, 0.3)
            }),
            ("dense, unit weights", |rng, c| {
                random_ties_dense(rng, c)
                    .into_iter()
                    .map(|(a, b, w)| (a, b, w.signum()))
                    .collect()
            }),
            ("half density, random signs", |rng, c| {
                random_ties_dense(rng, c)
                    .into_iter()
                    .filter(|_| rng.below(2) == 0)
                    .collect()
            }),
        ];
        for (name, family) in families {
            for c in [15usize, 16, 20, 22, 25] {
                for k in [None, Some(3)] {
                    let (mut worst, mut total, mut most_nodes) = (0f64, 0f64, 0);
                    let seeds = 10;
                    for seed in 0..seeds {
                        let mut rng = SplitMix64(1000 + seed);
                        let ties = family(&mut rng, c);
                        let t = std::time::Instant::now();
                        let p = partition_with(
                            c,
                            &ties,
                            k,
                            &Config {
                                exact_always_up_to: usize::MAX,
                                ..Config::DEFAULT
                            },
                        );
                        let secs = t.elapsed().as_secs_f64();
                        assert!(p.optimal);
                        worst = worst.max(secs);
                        total += secs;
                        let comps = NetGraph::new(c, &ties).components();
                        for comp in &comps {
                            let kk = k.unwrap_or(comp.len()).min(comp.len());
                            let eps = REL_EPS * comp.total_weight();
                            let start = vec![0; comp.len()];
                            let (_, nodes) = exact_search(comp, kk, &start, u64::MAX, eps);
                            most_nodes = most_nodes.max(nodes);
                        }
                    }
                    println!(
                        "{name}: {c} entities, limit {k:?}: mean {:.4}s, worst {:.4}s, \
                         most nodes {most_nodes}",
                        total / seeds as f64,
                        worst
                    );
                }
            }
        }
        // Sparse components above EXACT_ALWAYS_UP_TO, default settings.
        for c in [30usize, 40, 48] {
            let (mut worst, mut total, mut proven) = (0f64, 0f64, 0);
            let seeds = 10;
            for seed in 0..seeds {
                let mut rng = SplitMix64(2000 + seed);
                let mut ties: Ties = (0..c as u32 - 1)
                    .map(|a| (a, a + 1, if rng.below(3) == 0 { -1.0 } else { 1.0 }))
                    .collect();
                while ties.len() < 2 * c {
                    let (a, b) = (rng.below(c) as u32, rng.below(c) as u32);
                    if a != b && !ties.iter().any(|t| (t.0, t.1) == (a.min(b), a.max(b))) {
                        let w = 0.5 + unit(&mut rng);
                        ties.push((a.min(b), a.max(b), if rng.below(2) == 0 { -w } else { w }));
                    }
                }
                let t = std::time::Instant::now();
                let p = partition(c, &ties, None);
                let secs = t.elapsed().as_secs_f64();
                worst = worst.max(secs);
                total += secs;
                proven += usize::from(p.optimal);
            }
            println!(
                "sparse (average degree 4): {c} entities: {proven}/{seeds} proven, \
                 mean {:.4}s, worst {:.4}s",
                total / seeds as f64,
                worst
            );
        }
        // A run that exhausts the node budget on the largest exact size.
        let mut rng = SplitMix64(77);
        let c = EXACT_MAX_ENTITIES;
        let ties = planted(&mut rng, c, 4, 1.0, 0.3);
        let t = std::time::Instant::now();
        let p = partition(c, &ties, None);
        println!(
            "{c} entities: optimal {} in {:.3}s",
            p.optimal,
            t.elapsed().as_secs_f64()
        );
    }
}
