//! Every analysis the report shows, computed once from the graph and the
//! report's filter, and shared by its diagrams and its text.

use crate::analysis::balance::{BalanceReport, balance};
use crate::analysis::blocs::{BlocReport, blocs};
use crate::analysis::rank::scores::{Metric, Ranking, rank};
use crate::analysis::timeline::{Timeline, timeline};
use crate::graph::{Filter, Incident, RelGraph};
use crate::model::RelationIx;

/// What the report is built from.
#[derive(Debug, Clone)]
pub struct Analyses {
    /// The relations the filter admits, in file order.
    pub admitted: Vec<RelationIx>,
    /// Each entity's admitted relations, by entity index.
    pub incidents: Vec<Vec<Incident>>,
    /// Admitted relations per type, by type index.
    pub type_counts: Vec<usize>,
    /// Every centrality of every entity, by PageRank.
    pub ranking: Ranking,
    /// The blocs that minimise frustration.
    pub blocs: BlocReport,
    /// The triangles of the signed partner graph.
    pub balance: BalanceReport,
    /// The admitted relations in date order.
    pub timeline: Timeline,
}

impl Analyses {
    /// Runs every analysis on the relations `filter` admits.
    pub fn compute(graph: &RelGraph, filter: &Filter) -> Self {
        let data = &graph.data;
        let admitted: Vec<RelationIx> = filter.admitted(data).collect();
        let mut type_counts = vec![0; data.doc.relation_types.len()];
        for &i in &admitted {
            type_counts[data.link(i).relation_type.index()] += 1;
        }
        Analyses {
            incidents: data
                .entity_indices()
                .map(|e| graph.incident(e, filter))
                .collect(),
            type_counts,
            ranking: rank(graph, filter, Metric::All, None),
            blocs: blocs(graph, filter, None, false),
            balance: balance(graph, filter, false),
            timeline: timeline(graph, filter, None, None),
            admitted,
        }
    }
}
