//! `relgraph relations`: the relations that pass the filters, optionally only
//! those involving one entity.

use serde::Serialize;

use super::{Quote, quotes, quotes_cell};
use crate::export::{Rows, Tabular, cell};
use crate::graph::{Filter, RelGraph};
use crate::model::{PartialDate, Polarity};

/// One relation in the listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationRow {
    /// Relation id.
    pub id: String,
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// Relation type id.
    #[serde(rename = "type")]
    pub relation_type: String,
    /// Polarity of the type.
    pub polarity: Polarity,
    /// Whether the type is directed.
    pub directed: bool,
    /// Weight.
    pub weight: f64,
    /// Start.
    pub since: Option<PartialDate>,
    /// End.
    pub until: Option<PartialDate>,
    /// What the source says, in a few words.
    pub label: Option<String>,
    /// The quotes behind it, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<Quote>>,
}

/// The relation listing, in file order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct RelationList(pub Vec<RelationRow>);

/// Lists the relations `filter` admits, only those touching `involving` if given.
pub fn relations(
    graph: &RelGraph,
    filter: &Filter,
    involving: Option<u32>,
    evidence: bool,
) -> RelationList {
    let data = &graph.data;
    let rows = data
        .links
        .iter()
        .enumerate()
        .filter(|(_, link)| involving.is_none_or(|e| link.source == e || link.target == e))
        .filter(|(i, _)| filter.admits(data, *i))
        .map(|(i, link)| {
            let relation = &data.doc.relations[i];
            let relation_type = data.relation_type(i);
            RelationRow {
                id: relation.id.to_string(),
                source: relation.source.to_string(),
                target: relation.target.to_string(),
                relation_type: relation_type.id.to_string(),
                polarity: relation_type.polarity,
                directed: relation_type.directed,
                weight: link.weight,
                since: link.since,
                until: link.until,
                label: relation.label.clone(),
                evidence: evidence.then(|| quotes(graph, i)),
            }
        })
        .collect();
    RelationList(rows)
}

impl Tabular for RelationList {
    fn rows(&self) -> Rows {
        let with_evidence = self.0.iter().any(|r| r.evidence.is_some());
        let mut columns = vec![
            "id", "source", "target", "type", "polarity", "directed", "weight", "since", "until",
            "label",
        ];
        if with_evidence {
            columns.push("evidence");
        }
        let rows = self
            .0
            .iter()
            .map(|r| {
                let mut row = vec![
                    r.id.clone(),
                    r.source.clone(),
                    r.target.clone(),
                    r.relation_type.clone(),
                    r.polarity.as_str().to_owned(),
                    r.directed.to_string(),
                    r.weight.to_string(),
                    cell(&r.since),
                    cell(&r.until),
                    cell(&r.label),
                ];
                if let Some(quotes) = &r.evidence {
                    row.push(quotes_cell(quotes));
                }
                row
            })
            .collect();
        Rows { columns, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn keeps_only_relations_involving_the_entity() {
        let g = small();
        let ids = |list: RelationList| list.0.into_iter().map(|r| r.id).collect::<Vec<_>>();
        assert_eq!(
            ids(relations(&g, &Filter::default(), None, false)),
            ["ab", "ac", "ca"]
        );
        assert_eq!(
            ids(relations(&g, &Filter::default(), Some(1), false)),
            ["ab"]
        );
        let hostile = Filter {
            polarity: Some(Polarity::Hostile),
            ..Filter::default()
        };
        assert_eq!(ids(relations(&g, &hostile, Some(2), false)), ["ac"]);
    }
}
