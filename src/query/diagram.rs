//! What a diagram shows: which entities and relations, around an ego entity
//! or across the whole graph, one edge per relation or merged per pair.

use std::collections::{HashMap, VecDeque};

use crate::graph::{Filter, Grouping, RelGraph};
use crate::model::{EntityIx, RelationIx};

/// What to select.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiagramSpec {
    /// Centre the diagram on this entity.
    pub ego: Option<EntityIx>,
    /// With `ego`: how many hops out from it.
    pub radius: usize,
    /// Draw one edge per pair and direction instead of one per relation.
    pub merge: bool,
}

/// Layout direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RankDir {
    /// Top to bottom.
    #[value(name = "TB")]
    Tb,
    /// Left to right.
    #[default]
    #[value(name = "LR")]
    Lr,
}

/// A selection together with the graph it was taken from.
pub struct DiagramOf<'a> {
    /// The graph.
    pub graph: &'a RelGraph,
    /// What to draw.
    pub diagram: &'a Diagram,
}

/// An edge of the diagram: one relation, or several merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramEdge {
    /// Tail entity.
    pub source: EntityIx,
    /// Head entity.
    pub target: EntityIx,
    /// Whether the edge has a direction.
    pub directed: bool,
    /// The relations it stands for, in file order.
    pub relations: Vec<RelationIx>,
}

/// The selection: entities in file order, edges in order of their first relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// Entities to draw.
    pub nodes: Vec<EntityIx>,
    /// Edges to draw.
    pub edges: Vec<DiagramEdge>,
    /// The ego entity, if any.
    pub ego: Option<EntityIx>,
    /// Whether edges are merged per pair and direction.
    pub merged: bool,
    /// Groups drawn as clusters.
    pub clusters: Option<Grouping>,
    /// Groups shown by node colour.
    pub fills: Option<Grouping>,
}

impl Diagram {
    /// The same diagram with entities filled by `fills` and clustered by `clusters`.
    pub fn grouped(self, fills: Option<Grouping>, clusters: Option<Grouping>) -> Self {
        Diagram {
            fills,
            clusters,
            ..self
        }
    }
}

/// Selects the entities and relations to draw.
///
/// Without ego or filters, every entity is drawn, isolated ones included;
/// otherwise only entities with a drawn relation (and the ego).
pub fn diagram(graph: &RelGraph, filter: &Filter, spec: DiagramSpec) -> Diagram {
    let data = &graph.data;
    let entity_count = data.doc.entities.len();
    let included: Vec<bool> = match spec.ego {
        Some(ego) => within_radius(graph, filter, ego, spec.radius),
        None => vec![true; entity_count],
    };
    let relations: Vec<RelationIx> = data
        .relation_indices()
        .filter(|&i| {
            let link = data.link(i);
            included[link.source.index()] && included[link.target.index()] && filter.admits(data, i)
        })
        .collect();
    let mut touched = vec![false; entity_count];
    for &i in &relations {
        touched[data.link(i).source.index()] = true;
        touched[data.link(i).target.index()] = true;
    }
    let show_all = spec.ego.is_none() && !filter.is_active();
    let nodes = data
        .entity_indices()
        .filter(|&e| show_all || touched[e.index()] || spec.ego == Some(e))
        .collect();
    let edges = if spec.merge {
        merged_edges(graph, &relations)
    } else {
        relations.iter().map(|&i| single_edge(graph, i)).collect()
    };
    Diagram {
        nodes,
        edges,
        ego: spec.ego,
        merged: spec.merge,
        clusters: None,
        fills: None,
    }
}

fn single_edge(graph: &RelGraph, relation: RelationIx) -> DiagramEdge {
    let link = graph.data.link(relation);
    DiagramEdge {
        source: link.source,
        target: link.target,
        directed: graph.data.relation_type(relation).directed,
        relations: vec![relation],
    }
}

/// One edge per ordered pair for directed relations, per unordered pair for undirected ones.
fn merged_edges(graph: &RelGraph, relations: &[RelationIx]) -> Vec<DiagramEdge> {
    let mut edges: Vec<DiagramEdge> = Vec::new();
    let mut position: HashMap<(EntityIx, EntityIx, bool), usize> = HashMap::new();
    for &i in relations {
        let edge = single_edge(graph, i);
        let key = if edge.directed {
            (edge.source, edge.target, true)
        } else {
            (
                edge.source.min(edge.target),
                edge.source.max(edge.target),
                false,
            )
        };
        match position.get(&key) {
            Some(&at) => edges[at].relations.push(i),
            None => {
                position.insert(key, edges.len());
                edges.push(DiagramEdge {
                    source: key.0,
                    target: key.1,
                    ..edge
                });
            }
        }
    }
    edges
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
    use crate::model::TypeIx;

    fn numbers<T: Copy>(indices: &[T], number: fn(T) -> u32) -> Vec<u32> {
        indices.iter().map(|&i| number(i)).collect()
    }

    fn entities(indices: &[EntityIx]) -> Vec<u32> {
        numbers(indices, |e| e.0)
    }

    #[test]
    fn whole_graph_keeps_every_entity() {
        let d = diagram(&small(), &Filter::default(), DiagramSpec::default());
        assert_eq!(entities(&d.nodes), [0, 1, 2]);
        assert_eq!(d.edges.len(), 3);
    }

    #[test]
    fn ego_radius_limits_the_entities() {
        let g = small();
        let spec = DiagramSpec {
            ego: Some(EntityIx(1)),
            radius: 1,
            merge: false,
        };
        let d = diagram(&g, &Filter::default(), spec);
        assert_eq!(entities(&d.nodes), [0, 1]);
        let spec = DiagramSpec { radius: 2, ..spec };
        assert_eq!(
            entities(&diagram(&g, &Filter::default(), spec).nodes),
            [0, 1, 2]
        );
    }

    #[test]
    fn merging_keeps_directions_apart() {
        let d = diagram(
            &small(),
            &Filter::default(),
            DiagramSpec {
                merge: true,
                ..DiagramSpec::default()
            },
        );
        let edges: Vec<(u32, u32, Vec<u32>)> = d
            .edges
            .iter()
            .map(|e| (e.source.0, e.target.0, numbers(&e.relations, |r| r.0)))
            .collect();
        assert_eq!(edges, [(0, 1, vec![0]), (0, 2, vec![1]), (2, 0, vec![2])]);
    }

    #[test]
    fn filters_drop_untouched_entities() {
        let filter = Filter {
            types: vec![TypeIx(0)],
            ..Filter::default()
        };
        let d = diagram(&small(), &filter, DiagramSpec::default());
        assert_eq!(entities(&d.nodes), [0, 1]);
    }
}
