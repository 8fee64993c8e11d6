//! `relgraph rank`: entities ranked by a centrality metric.
//!
//! Metrics, on the relations the filter admits (see each function's module
//! for its definition and complexity):
//! - `degree`: number of partners;
//! - `strength`: sum of the weights of the entity's relations;
//! - `betweenness`: normalised betweenness on the partner graph;
//! - `closeness`: closeness on the partner graph (Wasserman-Faust for
//!   disconnected graphs);
//! - `pagerank`: PageRank (alpha 0.85) on the weighted digraph of relations,
//!   arc u->v weighing the sum of the weights of relations u->v, undirected
//!   relations counting both ways;
//! - `eigenvector`: eigenvector centrality of the partner graph.
//!
//! Only the metrics asked for are computed.

use serde::Serialize;

use super::{betweenness, closeness, degree, eigenvector, pagerank};
use crate::analysis::ties::{PartnerGraph, weighted_arcs};
use crate::graph::{Filter, RelGraph};
use crate::listing::{Rows, Tabular};
use crate::model::EntityIx;

/// A centrality metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Metric {
    /// Number of partners.
    Degree,
    /// Sum of the weights of the entity's relations.
    Strength,
    /// Share of shortest paths between others that pass through the entity.
    Betweenness,
    /// Inverse mean distance to the others it reaches (Wasserman-Faust).
    Closeness,
    /// PageRank on the weighted digraph of relations.
    Pagerank,
    /// Eigenvector centrality of the partner graph.
    Eigenvector,
    /// Every metric, one row per entity.
    All,
}

/// Every metric of every entity (a metric not computed is empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Number of partners.
    pub degree: Vec<f64>,
    /// Sum of relation weights.
    pub strength: Vec<f64>,
    /// Normalised betweenness.
    pub betweenness: Vec<f64>,
    /// Closeness.
    pub closeness: Vec<f64>,
    /// PageRank.
    pub pagerank: Vec<f64>,
    /// Eigenvector centrality.
    pub eigenvector: Vec<f64>,
}

/// Computes `metrics` (all of them for [`Metric::All`]).
pub fn scores(graph: &RelGraph, filter: &Filter, metrics: &[Metric]) -> Scores {
    let wants = |m: Metric| metrics.contains(&m) || metrics.contains(&Metric::All);
    let mut scores = Scores::default();
    if wants(Metric::Pagerank) {
        scores.pagerank = pagerank(graph.data.doc.entities.len(), &weighted_arcs(graph, filter));
    }
    let needs_partners = [
        Metric::Degree,
        Metric::Strength,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Eigenvector,
    ]
    .into_iter()
    .any(wants);
    if !needs_partners {
        return scores;
    }
    let partners = PartnerGraph::build(graph, filter);
    let adjacency = partners.adjacency();
    if wants(Metric::Degree) {
        scores.degree = degree(&adjacency).into_iter().map(|d| d as f64).collect();
    }
    if wants(Metric::Strength) {
        scores.strength = partners.strengths();
    }
    if wants(Metric::Betweenness) {
        scores.betweenness = betweenness(&adjacency);
    }
    if wants(Metric::Closeness) {
        scores.closeness = closeness(&adjacency);
    }
    if wants(Metric::Eigenvector) {
        scores.eigenvector = eigenvector(&adjacency);
    }
    scores
}

impl Scores {
    /// The values of one metric (not [`Metric::All`]).
    pub fn of(&self, metric: Metric) -> &[f64] {
        match metric {
            Metric::Degree => &self.degree,
            Metric::Strength => &self.strength,
            Metric::Betweenness => &self.betweenness,
            Metric::Closeness => &self.closeness,
            Metric::Pagerank | Metric::All => &self.pagerank,
            Metric::Eigenvector => &self.eigenvector,
        }
    }
}

/// Entities by `values` (one per entity) descending, ties by id.
pub fn order(graph: &RelGraph, values: &[f64]) -> Vec<EntityIx> {
    let mut order: Vec<EntityIx> = EntityIx::all(values.len()).collect();
    order.sort_by(|&a, &b| {
        values[b.index()]
            .total_cmp(&values[a.index()])
            .then_with(|| graph.data.entity(a).id.cmp(&graph.data.entity(b).id))
    });
    order
}

/// One entity's score in one metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// Entity id.
    pub id: String,
    /// Entity name.
    pub name: String,
    /// The metric's value.
    pub score: f64,
}

/// One entity's scores in every metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AllScores {
    /// Entity id.
    pub id: String,
    /// Entity name.
    pub name: String,
    /// Number of partners.
    pub degree: f64,
    /// Sum of relation weights.
    pub strength: f64,
    /// Normalised betweenness.
    pub betweenness: f64,
    /// Closeness.
    pub closeness: f64,
    /// PageRank.
    pub pagerank: f64,
    /// Eigenvector centrality.
    pub eigenvector: f64,
}

/// The answer to `rank`: one metric, or all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Ranking {
    /// Entities by one metric, highest first, ties by id.
    One(Vec<Ranked>),
    /// Entities with every metric, by PageRank, ties by id.
    All(Vec<AllScores>),
}

/// Ranks entities by `metric`, keeping the `top` first if given.
pub fn rank(graph: &RelGraph, filter: &Filter, metric: Metric, top: Option<usize>) -> Ranking {
    let scores = scores(graph, filter, &[metric]);
    if metric != Metric::All {
        return Ranking::One(ranked(graph, scores.of(metric), top));
    }
    let order = order(graph, scores.of(metric));
    let keep = top.unwrap_or(order.len());
    let entity = |e: EntityIx| graph.data.entity(e);
    let at = |values: &[f64], e: EntityIx| values[e.index()];
    Ranking::All(
        order
            .into_iter()
            .take(keep)
            .map(|e| AllScores {
                id: entity(e).id.to_string(),
                name: entity(e).name.to_string(),
                degree: at(&scores.degree, e),
                strength: at(&scores.strength, e),
                betweenness: at(&scores.betweenness, e),
                closeness: at(&scores.closeness, e),
                pagerank: at(&scores.pagerank, e),
                eigenvector: at(&scores.eigenvector, e),
            })
            .collect(),
    )
}

/// The entities by `values`, highest first (ties by id), the first `top` of them.
pub fn ranked(graph: &RelGraph, values: &[f64], top: Option<usize>) -> Vec<Ranked> {
    let order = order(graph, values);
    let keep = top.unwrap_or(order.len());
    order
        .into_iter()
        .take(keep)
        .map(|e| {
            let entity = graph.data.entity(e);
            Ranked {
                id: entity.id.to_string(),
                name: entity.name.to_string(),
                score: values[e.index()],
            }
        })
        .collect()
}

/// A score as table text: rounded to six decimals, without trailing zeros
/// (`0.5625`, `3.5`, `4`, and `0` for what rounds to nothing).
fn score_cell(value: f64) -> String {
    let text = format!("{value:.6}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        text => text.to_owned(),
    }
}

impl Tabular for Ranking {
    fn rows(&self) -> Rows {
        match self {
            Ranking::One(list) => Rows {
                columns: vec!["rank", "id", "name", "score"],
                rows: list
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        vec![
                            (i + 1).to_string(),
                            r.id.clone(),
                            r.name.clone(),
                            score_cell(r.score),
                        ]
                    })
                    .collect(),
            },
            Ranking::All(list) => Rows {
                columns: vec![
                    "rank",
                    "id",
                    "name",
                    "degree",
                    "strength",
                    "betweenness",
                    "closeness",
                    "pagerank",
                    "eigenvector",
                ],
                rows: list
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut row = vec![(i + 1).to_string(), r.id.clone(), r.name.clone()];
                        row.extend(
                            [
                                r.degree,
                                r.strength,
                                r.betweenness,
                                r.closeness,
                                r.pagerank,
                                r.eigenvector,
                            ]
                            .map(score_cell),
                        );
                        row
                    })
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn scores_print_without_trailing_zeros() {
        let cells: Vec<String> = [4.0, 3.5, 0.5625, 0.4457831, 1e-17, -1e-9, 0.0]
            .map(score_cell)
            .into();
        assert_eq!(cells, ["4", "3.5", "0.5625", "0.445783", "0", "0", "0"]);
    }

    #[test]
    fn ranks_by_the_metric_with_ties_by_id() {
        let Ranking::One(list) = rank(&small(), &Filter::default(), Metric::Degree, None) else {
            panic!("one metric")
        };
        let got: Vec<(&str, f64)> = list.iter().map(|r| (r.id.as_str(), r.score)).collect();
        assert_eq!(got, [("A", 2.0), ("B", 1.0), ("C", 1.0)]);
    }

    #[test]
    fn top_keeps_the_first() {
        let Ranking::One(list) = rank(&small(), &Filter::default(), Metric::Strength, Some(1))
        else {
            panic!("one metric")
        };
        assert_eq!(
            (list.len(), list[0].id.as_str(), list[0].score),
            (1, "A", 4.0)
        );
    }

    #[test]
    fn all_metrics_come_together() {
        let Ranking::All(list) = rank(&small(), &Filter::default(), Metric::All, None) else {
            panic!("all metrics")
        };
        assert_eq!(list.len(), 3);
        let total: f64 = list.iter().map(|r| r.pagerank).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert_eq!(
            list.iter().find(|r| r.id == "A").map(|r| r.betweenness),
            Some(1.0)
        );
    }
}
