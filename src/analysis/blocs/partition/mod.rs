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

use petgraph::unionfind::UnionFind;
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
        let mut uf = UnionFind::<usize>::new(self.n);
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
            let r = uf.find_mut(v);
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
            let comp = &mut comps[comp_of_root[uf.find_mut(a as usize)] as usize];
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
        let mut uf = UnionFind::<usize>::new(self.len());
        for &(a, b, _) in &self.edges {
            if labels[a as usize] == labels[b as usize] {
                uf.union(a as usize, b as usize);
            }
        }
        (0..self.len()).map(|v| uf.find_mut(v) as u32).collect()
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
    let mut uf = UnionFind::<usize>::new(c);
    for &(a, b, w) in &comp.edges {
        if w > 0.0 {
            uf.union(a as usize, b as usize);
        }
    }
    let groups: Vec<usize> = (0..c).map(|v| uf.find_mut(v)).collect();
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

mod bound;
mod exact;
mod heuristic;
mod reduction;
#[cfg(test)]
mod tests;

use bound::*;
use exact::*;
use heuristic::*;
use reduction::*;
