//! Which entities and relations a command takes from the graph: those the
//! filter admits, around an ego entity or across the whole graph.

use std::collections::{HashMap, HashSet, VecDeque};

use rayon::prelude::*;

use crate::graph::{Filter, RelGraph};
use crate::model::document::{Document, DocumentView};
use crate::model::relation_list::RelationList;
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
    /// The relations' records are read from the file as the view is
    /// written ([`RelationList::Read`]), not kept.
    pub fn document<'d>(&self, data: &'d Dataset) -> DocumentView<'d> {
        let doc = &data.doc;
        let mut used_types = vec![false; doc.relation_types.len()];
        for &r in &self.relations {
            used_types[data.link(r).relation_type.index()] = true;
        }
        let source_at = source_positions(doc);
        let Cited { mut sources, named } = self.cited(data, &source_at);
        let conflicts: Vec<_> = doc
            .conflicts
            .iter()
            .filter(|c| c.relations.iter().all(|r| named.contains(r.as_str())))
            .collect();
        for evidence in conflicts.iter().flat_map(|c| c.evidence.iter()) {
            if let Some(&s) = source_at.get(evidence.source.as_str()) {
                sources[s] = true;
            }
        }
        DocumentView {
            title: &doc.title,
            description: doc.description.as_deref(),
            sources: doc
                .sources
                .iter()
                .zip(&sources)
                .filter_map(|(source, &cited)| cited.then_some(source))
                .collect(),
            relation_types: doc
                .relation_types
                .iter()
                .zip(&used_types)
                .filter_map(|(kind, &used)| used.then_some(kind))
                .collect(),
            entities: self.entities.iter().map(|&e| data.entity(e)).collect(),
            relations: RelationList::Read {
                data,
                indices: self.relations.clone(),
            },
            conflicts,
            all_types: &doc.relation_types,
        }
    }

    /// The sources the selected relations cite (by their position in
    /// `source_at`) and the relation ids conflicts name that are selected,
    /// read from each record's evidence and id on every core.
    fn cited<'d>(&self, data: &'d Dataset, source_at: &HashMap<&str, usize>) -> Cited<'d> {
        let doc = &data.doc;
        let names: HashSet<&str> = doc
            .conflicts
            .iter()
            .flat_map(|c| c.relations.iter().map(|id| id.as_str()))
            .collect();
        let empty = || Cited {
            sources: vec![false; doc.sources.len()],
            named: HashSet::new(),
        };
        if doc.sources.is_empty() && names.is_empty() {
            return empty();
        }
        self.relations
            .par_iter()
            .fold(empty, |mut cited, &r| {
                data.read_relation(r, |shown| {
                    for evidence in &shown.evidence {
                        if let Some(&s) = source_at.get(&*evidence.source) {
                            cited.sources[s] = true;
                        }
                    }
                    if let Some(&name) = names.get(&*shown.id) {
                        cited.named.insert(name);
                    }
                });
                cited
            })
            .reduce(empty, Cited::join)
    }
}

/// What the selected relations' records refer to ([`Selection::cited`]).
struct Cited<'d> {
    /// Whether each source of the document is cited.
    sources: Vec<bool>,
    /// The ids conflicts name that are of selected relations.
    named: HashSet<&'d str>,
}

impl Cited<'_> {
    fn join(mut self, other: Self) -> Self {
        for (cited, other) in self.sources.iter_mut().zip(other.sources) {
            *cited |= other;
        }
        self.named.extend(other.named);
        self
    }
}

/// Each source's position in the document, by id.
fn source_positions(doc: &Document) -> HashMap<&str, usize> {
    doc.sources
        .iter()
        .enumerate()
        .map(|(n, source)| (source.id.as_str(), n))
        .collect()
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
        let records = whole.relations.records(0..whole.relations.len());
        let ids: Vec<_> = records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ab", "ac", "ca"]);
        assert_eq!(whole.entities.len(), graph.data.doc.entities.len());
    }
}
