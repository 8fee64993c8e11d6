//! The partner graph and signed ties that every analysis shares.
//!
//! - The **partner graph** is the simple undirected graph joining two
//!   entities that share at least one active relation (after filters).
//! - The **signed tie** of a pair is the sum over its active relations of
//!   +weight (cooperative), -weight (hostile) and 0 (neutral). Its sign is the
//!   tie's sign and its absolute value the tie's weight; a pair whose sum is 0
//!   has no tie and is left out of the **signed partner graph**.
//!
//! Built in O(m log m) for m active relations: relations are sorted by pair
//! and grouped, so pairs and adjacency are compact arrays (no hashing).

use serde::Serialize;

use crate::graph::{Filter, RelGraph};
use crate::listing::{Quote, quotes};
use crate::model::{EntityIx, RelationIx};

/// Sums smaller than this (in absolute value) count as zero: no tie.
pub const EPSILON: f64 = 1e-9;

/// Two partners and what binds them.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// The entity with the smaller index.
    pub a: u32,
    /// The entity with the larger index.
    pub b: u32,
    /// Signed tie: +weight per cooperative relation, -weight per hostile one.
    pub signed: f64,
    /// Sum of the weights of its relations, whatever their polarity.
    pub strength: f64,
    first: u32,
    count: u32,
}

impl Pair {
    /// The tie's sign: +1, -1, or 0 when the pair has no tie.
    pub fn sign(&self) -> i8 {
        if self.signed > EPSILON {
            1
        } else if self.signed < -EPSILON {
            -1
        } else {
            0
        }
    }
}

/// A signed tie as reported: its entities, sign, value and relations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tie {
    /// One entity id.
    pub a: String,
    /// The other entity id.
    pub b: String,
    /// +1 or -1.
    pub sign: i8,
    /// The signed tie's value.
    pub value: f64,
    /// Ids of the relations behind it.
    pub relations: Vec<String>,
    /// Their quotes, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<Quote>>,
}

impl Tie {
    /// Pair `p` of `partners` as a tie, with the quotes behind it if `evidence`.
    pub fn of(graph: &RelGraph, partners: &PartnerGraph, p: usize, evidence: bool) -> Self {
        let pair = &partners.pairs[p];
        let id = |e: u32| graph.data.entity(EntityIx(e)).id.to_string();
        Tie {
            a: id(pair.a),
            b: id(pair.b),
            sign: pair.sign(),
            value: pair.signed,
            relations: partners
                .relations_of(p)
                .map(|r| graph.data.relation(r).id.to_string())
                .collect(),
            evidence: evidence.then(|| {
                partners
                    .relations_of(p)
                    .flat_map(|r| quotes(graph, r))
                    .collect()
            }),
        }
    }
}

/// The partner graph of a filtered relationship graph.
///
/// Entities are numbered as in the dataset (`EntityIx.0`): the algorithms
/// that read this graph work on dense `u32` numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerGraph {
    /// Number of entities (nodes), partners or not.
    pub n: usize,
    /// Every partner pair, sorted by `(a, b)`.
    pub pairs: Vec<Pair>,
    /// Relations of all pairs, pair after pair, each pair's ascending.
    relations: Vec<RelationIx>,
    /// For each entity, `(partner, pair index)` sorted by partner.
    neighbours: Vec<Vec<(u32, u32)>>,
}

impl PartnerGraph {
    /// Builds the partner graph of the relations `filter` admits.
    pub fn build(graph: &RelGraph, filter: &Filter) -> Self {
        let data = &graph.data;
        let mut triples: Vec<(u32, u32, RelationIx)> = filter
            .admitted(data)
            .map(|i| {
                let link = data.link(i);
                let (a, b) = (link.source.min(link.target), link.source.max(link.target));
                (a.0, b.0, i)
            })
            .collect();
        triples.sort_unstable();
        let n = data.doc.entities.len();
        let mut pairs: Vec<Pair> = Vec::new();
        let mut relations = Vec::with_capacity(triples.len());
        for (a, b, relation) in triples {
            let weight = data.link(relation).weight;
            let signed = data.relation_type(relation).polarity.sign() * weight;
            match pairs.last_mut() {
                Some(pair) if pair.a == a && pair.b == b => {
                    pair.signed += signed;
                    pair.strength += weight;
                    pair.count += 1;
                }
                _ => pairs.push(Pair {
                    a,
                    b,
                    signed,
                    strength: weight,
                    first: relations.len() as u32,
                    count: 1,
                }),
            }
            relations.push(relation);
        }
        let mut neighbours = vec![Vec::new(); n];
        for (p, pair) in pairs.iter().enumerate() {
            neighbours[pair.a as usize].push((pair.b, p as u32));
            neighbours[pair.b as usize].push((pair.a, p as u32));
        }
        for list in &mut neighbours {
            list.sort_unstable();
        }
        PartnerGraph {
            n,
            pairs,
            relations,
            neighbours,
        }
    }

    /// The relations behind pair `p`, in file order.
    pub fn relations_of(&self, p: usize) -> impl Iterator<Item = RelationIx> + '_ {
        let pair = &self.pairs[p];
        let range = pair.first as usize..(pair.first + pair.count) as usize;
        self.relations[range].iter().copied()
    }

    /// `(partner, pair index)` of entity `e`, by partner.
    pub fn neighbours(&self, e: u32) -> &[(u32, u32)] {
        &self.neighbours[e as usize]
    }

    /// The pair index of `a` and `b`, if they are partners.
    pub fn pair_of(&self, a: u32, b: u32) -> Option<usize> {
        let list = &self.neighbours[a as usize];
        list.binary_search_by_key(&b, |&(other, _)| other)
            .ok()
            .map(|i| list[i].1 as usize)
    }

    /// Partners of each entity, sorted: the adjacency lists of the partner graph.
    pub fn adjacency(&self) -> Vec<Vec<u32>> {
        self.neighbours
            .iter()
            .map(|list| list.iter().map(|&(other, _)| other).collect())
            .collect()
    }

    /// The signed partner graph as `(a, b, signed tie)` with `a < b`, zero ties left out,
    /// together with the pair index of each.
    pub fn signed_ties(&self) -> (Vec<(u32, u32, f64)>, Vec<usize>) {
        self.pairs
            .iter()
            .enumerate()
            .filter(|(_, pair)| pair.sign() != 0)
            .map(|(p, pair)| ((pair.a, pair.b, pair.signed), p))
            .unzip()
    }

    /// Sum of the weights of each entity's active relations.
    pub fn strengths(&self) -> Vec<f64> {
        let mut strength = vec![0.0; self.n];
        for pair in &self.pairs {
            strength[pair.a as usize] += pair.strength;
            strength[pair.b as usize] += pair.strength;
        }
        strength
    }
}

/// The weighted digraph of active relations: arc u->v weighs the sum of the
/// weights of relations u->v, undirected relations counting both ways.
/// Sorted by `(u, v)`, one arc per ordered pair.
pub fn weighted_arcs(graph: &RelGraph, filter: &Filter) -> Vec<(u32, u32, f64)> {
    let data = &graph.data;
    let mut arcs: Vec<(u32, u32, f64)> = Vec::with_capacity(data.links.len());
    for i in filter.admitted(data) {
        let link = data.link(i);
        let (source, target) = (link.source.0, link.target.0);
        arcs.push((source, target, link.weight));
        if !data.relation_type(i).directed {
            arcs.push((target, source, link.weight));
        }
    }
    arcs.sort_unstable_by_key(|&(u, v, _)| (u, v));
    let mut merged: Vec<(u32, u32, f64)> = Vec::with_capacity(arcs.len());
    for (u, v, w) in arcs {
        match merged.last_mut() {
            Some(last) if last.0 == u && last.1 == v => last.2 += w,
            _ => merged.push((u, v, w)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn pairs_sum_signed_weights() {
        // A-B ally (+1), A-C sanction (weight 2, -2) and C->A supply (+1).
        let g = PartnerGraph::build(&small(), &Filter::default());
        let pairs: Vec<(u32, u32, f64, f64)> = g
            .pairs
            .iter()
            .map(|p| (p.a, p.b, p.signed, p.strength))
            .collect();
        assert_eq!(pairs, [(0, 1, 1.0, 1.0), (0, 2, -1.0, 3.0)]);
        assert_eq!(
            g.relations_of(1).collect::<Vec<_>>(),
            [RelationIx(1), RelationIx(2)]
        );
        assert_eq!(g.adjacency(), [vec![1, 2], vec![0], vec![0]]);
        assert_eq!(g.pair_of(2, 0), Some(1));
        assert_eq!(g.pair_of(1, 2), None);
        assert_eq!(g.strengths(), [4.0, 1.0, 3.0]);
    }

    #[test]
    fn zero_sums_are_no_tie() {
        let g = PartnerGraph::build(&small(), &Filter::default());
        let (ties, pairs) = g.signed_ties();
        assert_eq!(ties, [(0, 1, 1.0), (0, 2, -1.0)]);
        assert_eq!(pairs, [0, 1]);
    }

    #[test]
    fn arcs_count_undirected_relations_both_ways() {
        let arcs = weighted_arcs(&small(), &Filter::default());
        assert_eq!(arcs, [(0, 1, 1.0), (0, 2, 2.0), (1, 0, 1.0), (2, 0, 1.0)]);
    }
}
