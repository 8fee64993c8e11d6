//! Which entities and relations a command takes from the graph: those the
//! filter admits, around an ego entity or across the whole graph.

use std::collections::{HashSet, VecDeque};

use crate::graph::{Filter, RelGraph};
use crate::model::document::DocumentView;
use crate::model::{Dataset, EntityIx, RelationIx};

/// Entities and relations chosen by a filter and an optional ego entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Entities, in file order: every entity when nothing is filtered,
    /// else those with a selected relation (and the ego).
    pub entities: Vec<EntityIx>,
    /// Relations the filter admits between selected entities, in file order.
    pub relations: Vec<RelationIx>,
}

/// Selects the relations `filter` admits, among entities at most `radius`
/// hops (relations taken both ways) from `ego` when given.
///
/// Without ego or filters every entity is selected, isolated ones included;
/// otherwise only entities with a selected relation, and the ego.
///
/// Complexity: O(E) for the relations, plus the ego's neighbourhood search.
pub fn select(
    graph: &RelGraph,
    filter: &Filter,
    ego: Option<EntityIx>,
    radius: usize,
) -> Selection {
    let data = &graph.data;
    let entity_count = data.doc.entities.len();
    let included: Option<Vec<bool>> = ego.map(|ego| within_radius(graph, filter, ego, radius));
    let relations: Vec<RelationIx> = data
        .relation_indices()
        .filter(|&i| {
            let link = data.link(i);
            let inside = included
                .as_ref()
                .is_none_or(|inc| inc[link.source.index()] && inc[link.target.index()]);
            inside && filter.admits(data, i)
        })
        .collect();
    let show_all = ego.is_none() && !filter.is_active();
    let entities = if show_all {
        data.entity_indices().collect()
    } else {
        let mut touched = vec![false; entity_count];
        for &i in &relations {
            touched[data.link(i).source.index()] = true;
            touched[data.link(i).target.index()] = true;
        }
        data.entity_indices()
            .filter(|&e| touched[e.index()] || ego == Some(e))
            .collect()
    };
    Selection {
        entities,
        relations,
    }
}

impl Selection {
    /// The graph file of this selection: its entities and relations (file
    /// order), only the types, sources and conflicts they need, the title
    /// and description. With nothing filtered out it is the whole document.
    pub fn document<'d>(&self, data: &'d Dataset) -> DocumentView<'d> {
        let doc = &data.doc;
        data.records.prefetch(&self.relations);
        let relations: Vec<_> = self.relations.iter().map(|&r| data.relation(r)).collect();
        let ids: HashSet<&str> = relations.iter().map(|r| r.id.as_str()).collect();
        let used_types: HashSet<&str> =
            relations.iter().map(|r| r.relation_type.as_str()).collect();
        let conflicts: Vec<_> = doc
            .conflicts
            .iter()
            .filter(|c| c.relations.iter().all(|r| ids.contains(r.as_str())))
            .collect();
        let cited: HashSet<&str> = relations
            .iter()
            .flat_map(|r| r.evidence.iter())
            .chain(conflicts.iter().flat_map(|c| c.evidence.iter()))
            .map(|e| e.source.as_str())
            .collect();
        DocumentView {
            title: &doc.title,
            description: doc.description.as_deref(),
            sources: doc
                .sources
                .iter()
                .filter(|s| cited.contains(s.id.as_str()))
                .collect(),
            relation_types: doc
                .relation_types
                .iter()
                .filter(|t| used_types.contains(t.id.as_str()))
                .collect(),
            entities: self.entities.iter().map(|&e| data.entity(e)).collect(),
            relations,
            conflicts,
            all_types: &doc.relation_types,
        }
    }
}

/// Entities at most `radius` hops from `ego`, relations taken both ways.
fn within_radius(graph: &RelGraph, filter: &Filter, ego: EntityIx, radius: usize) -> Vec<bool> {
    let mut distance: Vec<Option<usize>> = vec![None; graph.data.doc.entities.len()];
    distance[ego.index()] = Some(0);
    let mut queue = VecDeque::from([ego]);
    while let Some(entity) = queue.pop_front() {
        let d = distance[entity.index()].unwrap_or(0);
        if d == radius {
            continue;
        }
        for incident in graph.incident(entity, filter) {
            let other = incident.other.index();
            if distance[other].is_none() {
                distance[other] = Some(d + 1);
                queue.push_back(incident.other);
            }
        }
    }
    distance.iter().map(Option::is_some).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn nothing_filtered_selects_the_whole_document() {
        let graph = small();
        let selection = select(&graph, &Filter::default(), None, 1);
        let view = selection.document(&graph.data);
        let whole = graph.data.view();
        assert_eq!(
            serde_json::to_string(&view).unwrap(),
            serde_json::to_string(&whole).unwrap()
        );
        let ids: Vec<_> = whole.relations.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ab", "ac", "ca"]);
        assert_eq!(whole.entities.len(), graph.data.doc.entities.len());
    }
}
