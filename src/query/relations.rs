//! `relgraph relations`: the relations that pass the filters, optionally only
//! those involving one entity.

use std::io;

use serde::Serialize;

use crate::graph::{Filter, RelGraph};
use crate::listing::{RelationFacts, RowSink, evidence_cell, has_caveats, has_evidence};
use crate::listing::{Rows, Tabular};
use crate::model::{EntityIx, RelationIx};

/// One relation in the listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationRow {
    /// Id, type, polarity, dates, label and evidence.
    #[serde(flatten)]
    pub facts: RelationFacts,
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// Whether the type is directed.
    pub directed: bool,
    /// Weight.
    pub weight: f64,
}

/// The relation listing, in file order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct RelationList(pub Vec<RelationRow>);

/// Lists the relations `filter` admits, only those touching `involving` if given.
pub fn relations(
    graph: &RelGraph,
    filter: &Filter,
    involving: Option<EntityIx>,
    evidence: bool,
) -> RelationList {
    let data = &graph.data;
    let listed: Vec<RelationIx> = data
        .relation_indices()
        .filter(|&i| {
            let link = data.link(i);
            involving.is_none_or(|e| link.source == e || link.target == e)
        })
        .filter(|&i| filter.admits(data, i))
        .collect();
    data.records.prefetch(&listed);
    let rows = listed
        .into_iter()
        .map(|i| {
            let (relation, link) = (data.relation(i), data.link(i));
            RelationRow {
                facts: RelationFacts::of(graph, i, evidence),
                source: relation.source.to_string(),
                target: relation.target.to_string(),
                directed: data.relation_type(i).directed,
                weight: link.weight,
            }
        })
        .collect();
    RelationList(rows)
}

impl Tabular for RelationList {
    fn rows(&self) -> Rows {
        Rows::of(self)
    }

    /// Each row made as it is given.
    fn each_row(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let facts = self.0.iter().map(|r| &r.facts);
        let caveats = has_caveats(facts.clone());
        let evidence = has_evidence(facts.map(|f| &f.evidence));
        let mut columns = [
            &["id", "source", "target"][..],
            &RelationFacts::COLUMNS,
            &["directed", "weight"],
        ]
        .concat();
        columns.extend(caveats.then_some("caveats"));
        columns.extend(evidence.then_some("evidence"));
        sink.columns(&columns)?;
        for r in &self.0 {
            let mut row = vec![r.facts.id.clone(), r.source.clone(), r.target.clone()];
            row.extend(r.facts.cells());
            row.extend([r.directed.to_string(), r.weight.to_string()]);
            row.extend(caveats.then(|| r.facts.caveats()));
            row.extend(evidence.then(|| evidence_cell(&r.facts.evidence)));
            sink.row(row)?;
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;
    use crate::model::Polarity;

    #[test]
    fn keeps_only_relations_involving_the_entity() {
        let g = small();
        let ids = |list: RelationList| list.0.into_iter().map(|r| r.facts.id).collect::<Vec<_>>();
        assert_eq!(
            ids(relations(&g, &Filter::default(), None, false)),
            ["ab", "ac", "ca"]
        );
        assert_eq!(
            ids(relations(&g, &Filter::default(), Some(EntityIx(1)), false)),
            ["ab"]
        );
        let hostile = Filter {
            polarity: Some(Polarity::Hostile),
            ..Filter::default()
        };
        assert_eq!(
            ids(relations(&g, &hostile, Some(EntityIx(2)), false)),
            ["ac"]
        );
    }
}
