//! `relgraph diff`: what changed between two dates.
//!
//! # Definition
//! Two snapshots of the graph are taken with `--as-of DATE1` and `--as-of
//! DATE2` (plus the other filters). Between them:
//! - a relation *began* when it is active in the second snapshot and not the
//!   first, and *ended* in the opposite case;
//! - an entity *gained* (*lost*) a partner when the two are partners in the
//!   second (first) snapshot only;
//! - ranks *moved* when an entity's PageRank position or degree differs;
//! - blocs *moved* when an entity's bloc-mates differ (blocs as in
//!   [`blocs`](super::blocs)).
//!
//! # Arguments
//! The graph, the base filter (types, polarity) and the two dates.
//!
//! # Returns
//! A [`Diff`] listing each kind of change, in a stable order.
//!
//! # Complexity
//! Two PageRank runs, two partner graphs and two bloc partitions: see those.
//!
//! # Example
//! ```
//! use relgraph::analysis::diff::diff;
//! use relgraph::graph::{Filter, RelGraph};
//! use relgraph::model::load::parse;
//!
//! let text = r#"{"title": "t",
//!   "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
//!   "entities": [{"id": "A", "name": "A", "kind": "country"}, {"id": "B", "name": "B", "kind": "country"}],
//!   "relations": [{"id": "ab", "source": "A", "target": "B", "type": "ally", "since": "2023"}]}"#;
//! let graph = RelGraph::new(parse("t.json", text.as_bytes()).unwrap());
//! let d = diff(&graph, &Filter::default(), "2022".parse().unwrap(), "2024".parse().unwrap(), false);
//! assert_eq!(d.began[0].facts.id, "ab");
//! assert_eq!(d.partners[0].gained, ["B"]);
//! ```

use std::io;

use rustc_hash::FxHashMap as HashMap;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::blocs::partition::partition;
use super::rank::scores::{Metric, order, scores};
use super::ties::PartnerGraph;
use crate::graph::{Filter, RelGraph};
use crate::listing::RelationFacts;
use crate::listing::{RowSink, Rows, Tabular};
use crate::model::{EntityIx, PartialDate, RelationIx};

/// A relation that began or ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationChange {
    /// Id, type, polarity, dates, label.
    #[serde(flatten)]
    pub facts: RelationFacts,
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
}

/// Partners an entity gained and lost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerChange {
    /// Entity id.
    pub entity: String,
    /// Partners in the second snapshot only.
    pub gained: Vec<String>,
    /// Partners in the first snapshot only.
    pub lost: Vec<String>,
}

/// How an entity's rank moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankMove {
    /// Entity id.
    pub entity: String,
    /// PageRank at each date.
    pub pagerank: [f64; 2],
    /// Position by PageRank at each date (1 = most central).
    pub pagerank_position: [usize; 2],
    /// Number of partners at each date.
    pub degree: [usize; 2],
}

/// How an entity's bloc changed: its bloc at each date, as places in
/// [`Diff::blocs_before`] and [`Diff::blocs_after`]; its bloc-mates are
/// the others of those blocs ([`Diff::mates`]), written out only when printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlocMove {
    /// Entity id.
    pub entity: String,
    /// Its bloc at the first date.
    pub before: usize,
    /// Its bloc at the second date.
    pub after: usize,
}

/// The answer to `diff DATE1 DATE2`. In JSON each bloc move lists the
/// entity's bloc-mates at each date.
#[derive(Debug, Clone, PartialEq)]
pub struct Diff {
    /// The first date.
    pub from: PartialDate,
    /// The second date.
    pub to: PartialDate,
    /// Relations active at the second date only.
    pub began: Vec<RelationChange>,
    /// Relations active at the first date only.
    pub ended: Vec<RelationChange>,
    /// Entities whose partners changed.
    pub partners: Vec<PartnerChange>,
    /// Entities whose PageRank position or degree changed.
    pub ranks: Vec<RankMove>,
    /// Blocs at the first date.
    pub blocs_before: Vec<Vec<String>>,
    /// Blocs at the second date.
    pub blocs_after: Vec<Vec<String>>,
    /// Entities whose bloc-mates changed.
    pub bloc_moves: Vec<BlocMove>,
}

impl Diff {
    /// The bloc-mates of `moved` before and after, in index order.
    pub fn mates<'a>(&'a self, moved: &'a BlocMove) -> [Vec<&'a str>; 2] {
        let others = |bloc: &'a [String]| {
            let others = bloc.iter().filter(|&id| *id != moved.entity);
            others.map(String::as_str).collect()
        };
        [
            others(&self.blocs_before[moved.before]),
            others(&self.blocs_after[moved.after]),
        ]
    }
}

/// A bloc move as JSON shows it: the entity and its bloc-mates at each date.
#[derive(Serialize)]
struct BlocMoveShown<'a> {
    entity: &'a str,
    before: Vec<&'a str>,
    after: Vec<&'a str>,
}

/// Bloc moves written one at a time.
struct BlocMovesShown<'a>(&'a Diff);

impl Serialize for BlocMovesShown<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let diff = self.0;
        serializer.collect_seq(diff.bloc_moves.iter().map(|moved| {
            let [before, after] = diff.mates(moved);
            BlocMoveShown {
                entity: &moved.entity,
                before,
                after,
            }
        }))
    }
}

impl Serialize for Diff {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut diff = serializer.serialize_struct("Diff", 9)?;
        diff.serialize_field("from", &self.from)?;
        diff.serialize_field("to", &self.to)?;
        diff.serialize_field("began", &self.began)?;
        diff.serialize_field("ended", &self.ended)?;
        diff.serialize_field("partners", &self.partners)?;
        diff.serialize_field("ranks", &self.ranks)?;
        diff.serialize_field("blocs_before", &self.blocs_before)?;
        diff.serialize_field("blocs_after", &self.blocs_after)?;
        diff.serialize_field("bloc_moves", &BlocMovesShown(self))?;
        diff.end()
    }
}

/// One snapshot: what the comparison needs.
struct Snapshot {
    active: Vec<bool>,
    partners: Vec<Vec<u32>>,
    pagerank: Vec<f64>,
    position: Vec<usize>,
    blocs: Vec<Vec<u32>>,
    bloc_of: Vec<u32>,
}

impl Snapshot {
    fn take(graph: &RelGraph, base: &Filter, date: PartialDate) -> Self {
        let filter = Filter {
            as_of: Some(date),
            ..base.clone()
        };
        let data = &graph.data;
        let active = data
            .relation_indices()
            .map(|i| filter.admits(data, i))
            .collect();
        let partner_graph = PartnerGraph::build(graph, &filter);
        let (ties, _) = partner_graph.signed_ties();
        let found = partition(partner_graph.n, &ties, None);
        let pagerank = scores(graph, &filter, &[Metric::Pagerank]).pagerank;
        let mut position = vec![0; pagerank.len()];
        for (p, e) in order(graph, &pagerank).into_iter().enumerate() {
            position[e.index()] = p + 1;
        }
        Snapshot {
            active,
            partners: partner_graph.adjacency(),
            pagerank,
            position,
            bloc_of: found.bloc_of(),
            blocs: found.blocs,
        }
    }

    /// The bloc of entity `e`.
    fn bloc(&self, e: usize) -> usize {
        self.bloc_of[e] as usize
    }
}

/// Compares the snapshots of the graph at `from` and at `to`; relations
/// that began or ended carry their quotes if `evidence`.
pub fn diff(
    graph: &RelGraph,
    base: &Filter,
    from: PartialDate,
    to: PartialDate,
    evidence: bool,
) -> Diff {
    let (before, after) = (
        Snapshot::take(graph, base, from),
        Snapshot::take(graph, base, to),
    );
    let data = &graph.data;
    let id = |e: u32| data.entity(EntityIx(e)).id.to_string();
    let ids = |list: &[u32]| list.iter().map(|&e| id(e)).collect::<Vec<_>>();
    let change = |i: RelationIx| RelationChange {
        facts: RelationFacts::of(graph, i, evidence),
        source: data.relation(i).source.to_string(),
        target: data.relation(i).target.to_string(),
    };
    let relations = |(x, y): (&Snapshot, &Snapshot)| -> Vec<RelationChange> {
        data.relation_indices()
            .filter(|&i| y.active[i.index()] && !x.active[i.index()])
            .map(change)
            .collect()
    };
    let mut partners = Vec::new();
    let mut ranks = Vec::new();
    let mut bloc_moves = Vec::new();
    let mut same_members: HashMap<(usize, usize), bool> = HashMap::default();
    for e in 0..data.doc.entities.len() {
        let (old, new) = (&before.partners[e], &after.partners[e]);
        let gained: Vec<u32> = new.iter().copied().filter(|p| !old.contains(p)).collect();
        let lost: Vec<u32> = old.iter().copied().filter(|p| !new.contains(p)).collect();
        if !gained.is_empty() || !lost.is_empty() {
            partners.push(PartnerChange {
                entity: id(e as u32),
                gained: ids(&gained),
                lost: ids(&lost),
            });
        }
        let position = [before.position[e], after.position[e]];
        let degree = [old.len(), new.len()];
        if position[0] != position[1] || degree[0] != degree[1] {
            ranks.push(RankMove {
                entity: id(e as u32),
                pagerank: [before.pagerank[e], after.pagerank[e]],
                pagerank_position: position,
                degree,
            });
        }
        let blocs = (before.bloc(e), after.bloc(e));
        // Both blocs hold `e` and are sorted: the mates differ when the blocs do.
        let moved = *same_members
            .entry(blocs)
            .or_insert_with(|| before.blocs[blocs.0] != after.blocs[blocs.1]);
        if moved {
            bloc_moves.push(BlocMove {
                entity: id(e as u32),
                before: blocs.0,
                after: blocs.1,
            });
        }
    }
    let bloc_ids = |s: &Snapshot| s.blocs.iter().map(|b| ids(b)).collect();
    Diff {
        from,
        to,
        began: relations((&before, &after)),
        ended: relations((&after, &before)),
        partners,
        ranks,
        blocs_before: bloc_ids(&before),
        blocs_after: bloc_ids(&after),
        bloc_moves,
    }
}

fn list<S: std::borrow::Borrow<str>>(items: &[S]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(" ")
    }
}

impl Tabular for Diff {
    fn rows(&self) -> Rows {
        Rows::of(self)
    }

    /// Each row made as it is given: a bloc move's row lists every mate.
    fn each_row(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        sink.columns(&["change", "subject", "detail"])?;
        for (kind, changes) in [("began", &self.began), ("ended", &self.ended)] {
            for c in changes {
                let detail = format!("{} {} {}", c.source, c.facts.relation_type, c.target);
                sink.row(vec![kind.to_owned(), c.facts.id.clone(), detail])?;
            }
        }
        for p in &self.partners {
            if !p.gained.is_empty() {
                sink.row(vec![
                    "partners gained".to_owned(),
                    p.entity.clone(),
                    list(&p.gained),
                ])?;
            }
            if !p.lost.is_empty() {
                sink.row(vec![
                    "partners lost".to_owned(),
                    p.entity.clone(),
                    list(&p.lost),
                ])?;
            }
        }
        for r in &self.ranks {
            sink.row(vec![
                "rank".to_owned(),
                r.entity.clone(),
                format!(
                    "pagerank #{} -> #{} ({:.6} -> {:.6}), degree {} -> {}",
                    r.pagerank_position[0],
                    r.pagerank_position[1],
                    r.pagerank[0],
                    r.pagerank[1],
                    r.degree[0],
                    r.degree[1]
                ),
            ])?;
        }
        for m in &self.bloc_moves {
            let [before, after] = self.mates(m);
            sink.row(vec![
                "bloc".to_owned(),
                m.entity.clone(),
                format!("with {} -> with {}", list(&before), list(&after)),
            ])?;
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        // A partner change has a partner gained or lost: a row.
        self.began.is_empty()
            && self.ended.is_empty()
            && self.partners.is_empty()
            && self.ranks.is_empty()
            && self.bloc_moves.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    /// The diff of the small graph between `from` and `to`, without evidence.
    fn between(from: &str, to: &str) -> Diff {
        diff(&small(), &Filter::default(), date(from), date(to), false)
    }

    #[test]
    fn relations_begin_and_end_between_snapshots() {
        // ab since 2020; ac from 2022-02 until 2023; ca undated (always active).
        let d = between("2021", "2024");
        let ids = |c: &[RelationChange]| c.iter().map(|c| c.facts.id.clone()).collect::<Vec<_>>();
        assert!(d.began.is_empty());
        assert!(d.ended.is_empty());
        let d = between("2019", "2022-06");
        assert_eq!(ids(&d.began), ["ab", "ac"]);
        assert!(d.ended.is_empty());
        assert_eq!(
            d.partners[0],
            PartnerChange {
                entity: "A".into(),
                gained: vec!["B".into()],
                lost: vec![]
            }
        );
        let d = between("2022-06", "2024");
        assert_eq!(ids(&d.ended), ["ac"]);
    }

    #[test]
    fn a_diff_is_empty_exactly_when_it_has_no_row() {
        for (from, to) in [("2021", "2021"), ("2019", "2022-06"), ("2021", "2024")] {
            let d = between(from, to);
            assert_eq!(d.is_empty(), d.rows().rows.is_empty(), "{from} {to}");
        }
        let same = between("2021", "2021");
        assert!(same.is_empty());
    }

    #[test]
    fn rank_and_bloc_moves_are_reported() {
        let d = between("2019", "2022-06");
        let degree_of_a = d.ranks.iter().find(|r| r.entity == "A").map(|r| r.degree);
        assert_eq!(degree_of_a, Some([1, 2]));
        // In 2019 only C->A supply: A and C together; in 2022 the sanction outweighs it.
        let a = d
            .bloc_moves
            .iter()
            .find(|m| m.entity == "A")
            .expect("A moved");
        assert_eq!(d.mates(a), [vec!["C"], vec!["B"]]);
    }
}
