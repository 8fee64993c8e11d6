//! `relgraph blocs`: the partition of entities into blocs that minimises
//! frustration on the signed partner graph.
//!
//! The algorithm lives in [`partition`] (definition, complexity, exactness);
//! this module runs it on the filtered graph and explains the answer with
//! the ties, and relations, that frustrate it.

pub mod partition;

use serde::Serialize;

use super::balance::sign_text;
use super::ties::{PartnerGraph, Tie};
use crate::graph::Grouping;
use crate::graph::{Filter, RelGraph};
use crate::listing::with_evidence_column;
use crate::listing::{Rows, Tabular};
use crate::model::EntityIx;
pub use partition::{Partition, frustrating_ties};

/// The answer to `blocs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlocReport {
    /// The blocs, as entity ids, largest first.
    pub blocs: Vec<Vec<String>>,
    /// Weighted sum of positive ties between blocs and negative ties inside blocs.
    pub frustration: f64,
    /// Whether the partition is proven optimal.
    pub optimal: bool,
    /// A lower bound on the optimum, when the partition is not proven optimal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lower_bound: Option<f64>,
    /// How the partition was found.
    pub method: String,
    /// Every tie that counts towards the frustration, with its relations.
    pub frustrating: Vec<Tie>,
}

impl BlocReport {
    /// The blocs as node groups for diagrams of `graph`, the graph they were
    /// computed on.
    pub fn grouping(&self, graph: &RelGraph) -> Grouping {
        let blocs: Vec<Vec<u32>> = self
            .blocs
            .iter()
            .map(|bloc| {
                bloc.iter()
                    .filter_map(|id| graph.data.names.get(id))
                    .map(|e| e.0)
                    .collect()
            })
            .collect();
        Grouping::by_bloc(graph, &blocs)
    }
}

/// The bloc partition of the signed partner graph of the relations `filter`
/// admits (no bloc limit), over every entity.
pub fn bloc_partition(graph: &RelGraph, filter: &Filter) -> Partition {
    let partners = PartnerGraph::build(graph, filter);
    let (ties, _) = partners.signed_ties();
    partition::partition(partners.n, &ties, None)
}

/// The blocs of the relations `filter` admits, as node groups for diagrams.
pub fn bloc_grouping(graph: &RelGraph, filter: &Filter) -> Grouping {
    Grouping::by_bloc(graph, &bloc_partition(graph, filter).blocs)
}

/// Partitions the signed partner graph of the relations `filter` admits;
/// frustrating ties carry their quotes if `evidence`.
pub fn blocs(
    graph: &RelGraph,
    filter: &Filter,
    max_blocs: Option<usize>,
    evidence: bool,
) -> BlocReport {
    let partners = PartnerGraph::build(graph, filter);
    let (ties, pairs) = partners.signed_ties();
    let found = partition::partition(partners.n, &ties, max_blocs);
    let membership = found.bloc_of();
    let id = |e: u32| graph.data.entity(EntityIx(e)).id.to_string();
    BlocReport {
        blocs: found
            .blocs
            .iter()
            .map(|bloc| bloc.iter().map(|&e| id(e)).collect())
            .collect(),
        // Adding 0.0 turns a -0.0 sum into 0.0.
        frustration: found.frustration + 0.0,
        optimal: found.optimal,
        lower_bound: found.lower_bound,
        method: found.method.to_owned(),
        frustrating: frustrating_ties(&ties, &membership)
            .into_iter()
            .map(|t| Tie::of(graph, &partners, pairs[t], evidence))
            .collect(),
    }
}

impl Tabular for BlocReport {
    fn rows(&self) -> Rows {
        let mut rows: Vec<Vec<String>> = self
            .blocs
            .iter()
            .enumerate()
            .map(|(b, bloc)| vec![format!("bloc {}", b + 1), bloc.join(" "), String::new()])
            .collect();
        for tie in &self.frustrating {
            rows.push(vec![
                format!("frustrating {}", sign_text(tie.sign)),
                format!("{} - {}", tie.a, tie.b),
                tie.relations.join(" "),
            ]);
        }
        let optimality = if self.optimal {
            "proven optimal"
        } else {
            "not proven optimal"
        };
        rows.push(vec![
            "frustration".to_owned(),
            self.frustration.to_string(),
            format!("{optimality} ({})", self.method),
        ]);
        let mut columns = vec!["what", "entities", "relations"];
        let none = None;
        let quotes = self
            .blocs
            .iter()
            .map(|_| &none)
            .chain(self.frustrating.iter().map(|t| &t.evidence))
            .chain(std::iter::once(&none));
        with_evidence_column(&mut columns, &mut rows, quotes);
        Rows { columns, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::signed;

    #[test]
    fn the_reports_grouping_is_the_partitions() {
        let graph = signed(5, &[(0, 1, 1.0), (2, 3, 1.0), (0, 2, -1.0)]);
        let filter = Filter::default();
        let report = blocs(&graph, &filter, None, false);
        assert_eq!(report.grouping(&graph), bloc_grouping(&graph, &filter));
        assert_eq!(report.grouping(&graph).of[0], report.grouping(&graph).of[1]);
    }

    #[test]
    fn two_camps_and_their_frustrating_tie() {
        // 0-1 friends, 2-3 friends, 0-2 and 1-3 enemies, and 1-2 friends (frustrating).
        let ties = [
            (0, 1, 2.0),
            (2, 3, 2.0),
            (0, 2, -2.0),
            (1, 3, -2.0),
            (1, 2, 0.5),
        ];
        let report = blocs(&signed(5, &ties), &Filter::default(), None, true);
        assert_eq!(
            report.blocs,
            [vec!["E0", "E1"], vec!["E2", "E3"], vec!["E4"]]
        );
        assert!(report.optimal);
        assert_eq!(report.frustration, 0.5);
        assert_eq!(report.frustrating.len(), 1);
        assert_eq!(report.frustrating[0].relations, ["r4"]);
        assert_eq!(
            report.frustrating[0].evidence.as_ref().map(Vec::len),
            Some(1)
        );
    }
}
