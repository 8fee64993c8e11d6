//! `relgraph entities`: every entity, with how many relations it has.

use serde::Serialize;

use crate::graph::{Filter, RelGraph};
use crate::listing::{Rows, Tabular};
use crate::model::Kind;

/// One entity in the listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityRow {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: Kind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Number of relations that pass the filter.
    pub relations: usize,
}

/// The entity listing, in file order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct EntityList(pub Vec<EntityRow>);

/// Lists every entity with its number of relations that `filter` admits;
/// when the filter is active, only entities with at least one such relation.
pub fn entities(graph: &RelGraph, filter: &Filter) -> EntityList {
    let mut counts = vec![0usize; graph.data.doc.entities.len()];
    for relation in filter.admitted(&graph.data) {
        let link = graph.data.link(relation);
        counts[link.source.index()] += 1;
        counts[link.target.index()] += 1;
    }
    let rows = graph
        .data
        .doc
        .entities
        .iter()
        .zip(counts)
        .filter(|&(_, relations)| relations > 0 || !filter.is_active())
        .map(|(entity, relations)| EntityRow {
            id: entity.id.to_string(),
            name: entity.name.to_string(),
            kind: entity.kind,
            aliases: entity.aliases.iter().map(ToString::to_string).collect(),
            relations,
        })
        .collect();
    EntityList(rows)
}

impl Tabular for EntityList {
    fn rows(&self) -> Rows {
        Rows {
            columns: vec!["id", "name", "kind", "relations", "aliases"],
            rows: self
                .0
                .iter()
                .map(|e| {
                    vec![
                        e.id.clone(),
                        e.name.clone(),
                        e.kind.as_str().to_owned(),
                        e.relations.to_string(),
                        e.aliases.join("; "),
                    ]
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn counts_relations_per_entity() {
        let list = entities(&small(), &Filter::default());
        let counts: Vec<(&str, usize)> = list
            .0
            .iter()
            .map(|e| (e.id.as_str(), e.relations))
            .collect();
        assert_eq!(counts, [("A", 3), ("B", 1), ("C", 2)]);
    }
}
