//! The relationship graph: a petgraph directed multigraph built from a
//! [`Dataset`], with entities as nodes and relations as edges.
//!
//! Node `i` is entity `i` and each edge's weight is the index of its relation,
//! so every lookup goes straight back to the data. An undirected relation type
//! is still stored as one edge; [`RelGraph::incident`] reports it both ways.
//! The petgraph graph is built when first walked ([`RelGraph::petgraph`]):
//! what reads only the links (rankings, whole-graph diagrams) never builds it.

pub mod filter;
pub mod grouping;

use petgraph::Direction as PgDirection;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::sync::OnceLock;

use crate::error::Error;
use crate::model::suggest::{candidates, closest};
use crate::model::{Dataset, EntityIx, RelationIx, TypeIx};
pub use filter::Filter;
pub use grouping::Grouping;

/// Which way a relation runs, seen from one of its entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The entity is the relation's source.
    Out,
    /// The entity is the relation's target.
    In,
    /// The relation type is undirected.
    Both,
}

impl Direction {
    /// `out`, `in` or `both`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
            Direction::Both => "both",
        }
    }
}

/// A relation seen from one of its entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Incident {
    /// The relation.
    pub relation: RelationIx,
    /// The entity at the other end.
    pub other: EntityIx,
    /// Which way the relation runs, seen from the entity.
    pub direction: Direction,
}

/// A dataset and the graph built from it.
#[derive(Debug, Clone)]
pub struct RelGraph {
    /// The data behind the graph.
    pub data: Dataset,
    /// Entities as nodes, relations as edges, built when first walked.
    graph: OnceLock<DiGraph<EntityIx, RelationIx>>,
}

impl RelGraph {
    /// The graph of `data`, which must be valid.
    pub fn new(data: Dataset) -> Self {
        RelGraph {
            data,
            graph: OnceLock::new(),
        }
    }

    /// Entities as nodes, relations as edges; node `i` is entity `i`. Built
    /// on first use: commands that only read the links (rankings, whole
    /// diagrams, validation) never pay for it.
    pub fn petgraph(&self) -> &DiGraph<EntityIx, RelationIx> {
        self.graph.get_or_init(|| {
            let data = &self.data;
            let mut graph = DiGraph::with_capacity(data.doc.entities.len(), data.links.len());
            for entity in data.entity_indices() {
                graph.add_node(entity);
            }
            for relation in data.relation_indices() {
                let link = data.link(relation);
                graph.add_edge(node(link.source), node(link.target), relation);
            }
            graph
        })
    }

    /// Every relation of `entity` that `filter` admits, each once, in file
    /// order: from the petgraph graph, for commands that walk from entity
    /// to entity.
    pub fn incident(&self, entity: EntityIx, filter: &Filter) -> Vec<Incident> {
        let graph = self.petgraph();
        let mut found: Vec<Incident> = [PgDirection::Outgoing, PgDirection::Incoming]
            .into_iter()
            .flat_map(|direction| graph.edges_directed(node(entity), direction))
            .filter_map(|edge| self.incident_at(entity, *edge.weight(), filter))
            .collect();
        found.sort_by_key(|incident| incident.relation);
        found
    }

    /// The same as [`RelGraph::incident`], found in one pass over the links
    /// instead: quicker than building the graph when a command asks about
    /// one entity only (`partners`).
    pub fn incident_by_scan(&self, entity: EntityIx, filter: &Filter) -> Vec<Incident> {
        self.data
            .relation_indices()
            .filter_map(|relation| self.incident_at(entity, relation, filter))
            .collect()
    }

    /// `relation` as seen from `entity`, if it joins `entity` and `filter` admits it.
    fn incident_at(
        &self,
        entity: EntityIx,
        relation: RelationIx,
        filter: &Filter,
    ) -> Option<Incident> {
        let link = self.data.link(relation);
        let (other, direction) = if link.source == entity {
            (link.target, Direction::Out)
        } else if link.target == entity {
            (link.source, Direction::In)
        } else {
            return None;
        };
        if !filter.admits(&self.data, relation) {
            return None;
        }
        let directed = self.data.type_at(link.relation_type).directed;
        Some(Incident {
            relation,
            other,
            direction: if directed { direction } else { Direction::Both },
        })
    }

    /// The entity that `name` names (id, name or alias, case-insensitively).
    ///
    /// An unknown name is an error that suggests the closest known one.
    pub fn resolve_entity(&self, name: &str) -> Result<EntityIx, Error> {
        if let Some(index) = self.data.names.get(name) {
            return Ok(index);
        }
        let entities = &self.data.doc.entities;
        let names: Vec<(&str, usize)> = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names().map(move |name| (name, i)))
            .collect();
        Err(Error::UnknownEntity {
            name: name.to_owned(),
            origin: self.data.origin.clone(),
            suggestions: candidates(name, names.iter().copied())
                .into_iter()
                .map(|i| format!("'{}' ({})", entities[i].name, entities[i].id))
                .collect(),
        })
    }

    /// The index of relation type `id` (exact id, or case-insensitive id or label).
    pub fn resolve_type(&self, id: &str) -> Result<TypeIx, Error> {
        let types = &self.data.doc.relation_types;
        let exact = types.iter().position(|t| t.id == id);
        let loose = || {
            types
                .iter()
                .position(|t| t.id.eq_ignore_ascii_case(id) || t.label.eq_ignore_ascii_case(id))
        };
        if let Some(index) = exact.or_else(loose) {
            return Ok(TypeIx::new(index));
        }
        let names = types.iter().flat_map(|t| {
            [
                (t.id.as_str(), t.id.as_str()),
                (t.label.as_str(), t.id.as_str()),
            ]
        });
        let suggestion = closest(id, names).map(str::to_owned);
        Err(Error::UnknownType {
            name: id.to_owned(),
            origin: self.data.origin.clone(),
            known: match suggestion {
                Some(_) => Vec::new(),
                None => types.iter().map(|t| t.id.to_string()).collect(),
            },
            suggestion,
        })
    }
}

/// The graph node of `entity`.
fn node(entity: EntityIx) -> NodeIndex {
    NodeIndex::new(entity.index())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::load::parse;

    /// A small graph: A allies with B (undirected), A sanctions C, C supplies A.
    pub(crate) fn small() -> RelGraph {
        let text = r#"{"title": "small",
          "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p", "published": "2024", "language": "en"}],
          "relation_types": [
            {"id": "ally", "label": "alliance", "polarity": "cooperative", "directed": false},
            {"id": "sanction", "label": "sanction", "polarity": "hostile", "directed": true},
            {"id": "supply", "label": "supply", "polarity": "cooperative", "directed": true}],
          "entities": [
            {"id": "A", "name": "Alpha", "kind": "country", "aliases": ["Alfa"]},
            {"id": "B", "name": "Beta", "kind": "country"},
            {"id": "C", "name": "Gamma", "kind": "group"}],
          "relations": [
            {"id": "ab", "source": "A", "target": "B", "type": "ally", "since": "2020", "evidence": [{"source": "s", "quote": "q"}]},
            {"id": "ac", "source": "A", "target": "C", "type": "sanction", "since": "2022-02", "until": "2023", "weight": 2, "evidence": [{"source": "s", "quote": "q"}]},
            {"id": "ca", "source": "C", "target": "A", "type": "supply", "evidence": [{"source": "s", "quote": "q"}]}]}"#;
        RelGraph::new(parse("small.json", text.as_bytes()).unwrap())
    }

    /// Three entities A, B, C deterring X and Y in one clause (six
    /// relations with one quote), and A allied with B.
    pub(crate) fn fan() -> RelGraph {
        fan_quoted(|_| "A, B and C deter X and Y", &[])
    }

    /// [`fan`], with the quote `quote_of` gives for each relation id, and
    /// `extra` deter relations (id, source, target) of the same year.
    pub(crate) fn fan_quoted(
        quote_of: impl Fn(&str) -> &'static str,
        extra: &[(&'static str, &'static str, &'static str)],
    ) -> RelGraph {
        let relation = |(id, source, target): (&str, &str, &str)| {
            let quote = quote_of(id);
            format!(
                r#"{{"id": "{id}", "source": "{source}", "target": "{target}", "type": "deter", "since": "2023",
                 "evidence": [{{"source": "s", "quote": "{quote}"}}]}}"#
            )
        };
        let fanned: Vec<String> = [
            ("ax", "A", "X"),
            ("ay", "A", "Y"),
            ("bx", "B", "X"),
            ("by", "B", "Y"),
            ("cx", "C", "X"),
            ("cy", "C", "Y"),
        ]
        .into_iter()
        .chain(extra.iter().copied())
        .map(relation)
        .collect();
        let mut ids = vec!["A", "B", "C", "X", "Y"];
        for &(_, source, target) in extra {
            for id in [source, target] {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        let entities: Vec<String> = ids
            .iter()
            .map(|id| format!(r#"{{"id": "{id}", "name": "{id}", "kind": "country"}}"#))
            .collect();
        let text = format!(
            r#"{{"title": "fan",
              "sources": [{{"id": "s", "title": "S", "author": "a", "publisher": "p", "published": "2024", "language": "en"}}],
              "relation_types": [
                {{"id": "deter", "label": "deter", "polarity": "hostile", "directed": true}},
                {{"id": "ally", "label": "alliance", "polarity": "cooperative", "directed": false}}],
              "entities": [{}],
              "relations": [{}, {{"id": "ab", "source": "A", "target": "B", "type": "ally", "evidence": [{{"source": "s", "quote": "q"}}]}}]}}"#,
            entities.join(","),
            fanned.join(",")
        );
        RelGraph::new(parse("fan.json", text.as_bytes()).unwrap())
    }

    /// A seeded pseudo-random source of `u32`s for generated test graphs.
    pub(crate) fn numbers(seed: u64) -> impl FnMut() -> u32 {
        let mut state = seed;
        move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u32
        }
    }

    /// A graph of `n` countries `E0`, `E1`, … with one undirected relation per
    /// tie: cooperative for a positive value, hostile for a negative one,
    /// weighing the value's absolute value.
    pub(crate) fn signed(n: usize, ties: &[(u32, u32, f64)]) -> RelGraph {
        let entities: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "E{i}", "name": "Entity {i}", "kind": "country"}}"#))
            .collect();
        let relations: Vec<String> = ties
            .iter()
            .enumerate()
            .map(|(i, &(a, b, w))| {
                let kind = if w > 0.0 { "coop" } else { "host" };
                format!(
                    r#"{{"id": "r{i}", "source": "E{a}", "target": "E{b}", "type": "{kind}", "weight": {}, "evidence": [{{"source": "s", "quote": "q"}}]}}"#,
                    w.abs()
                )
            })
            .collect();
        let types = r#"{"id": "coop", "label": "coop", "polarity": "cooperative", "directed": false},
            {"id": "host", "label": "host", "polarity": "hostile", "directed": false}"#;
        clean_graph("signed", types, &entities, &relations)
    }

    /// The graph of a clean file titled `title` whose relation types,
    /// entities and relations are the JSON objects given, citing one
    /// source, `s`.
    pub(crate) fn clean_graph(
        title: &str,
        types: &str,
        entities: &[String],
        relations: &[String],
    ) -> RelGraph {
        let text = format!(
            r#"{{"title": "{title}",
              "sources": [{{"id": "s", "title": "S", "author": "a", "publisher": "p", "published": "2024", "language": "en"}}],
              "relation_types": [{types}],
              "entities": [{}], "relations": [{}]}}"#,
            entities.join(","),
            relations.join(",")
        );
        RelGraph::new(parse(&format!("{title}.json"), text.as_bytes()).unwrap())
    }

    #[test]
    fn a_scan_of_the_links_finds_what_the_graph_does() {
        let filters = [
            Filter::default(),
            Filter {
                types: vec![TypeIx(1)],
                ..Filter::default()
            },
        ];
        for g in [
            small(),
            fan(),
            signed(4, &[(0, 1, 1.0), (1, 2, -2.0), (2, 0, 1.0), (0, 1, -1.0)]),
        ] {
            for entity in g.data.entity_indices() {
                for filter in &filters {
                    let scanned = g.incident_by_scan(entity, filter);
                    let walked = g.incident(entity, filter);
                    assert_eq!(format!("{scanned:?}"), format!("{walked:?}"), "{entity:?}");
                }
            }
        }
    }

    #[test]
    fn incident_relations_carry_their_direction() {
        let g = small();
        let found = g.incident(EntityIx(0), &Filter::default());
        let seen: Vec<(u32, u32, Direction)> = found
            .iter()
            .map(|i| (i.relation.0, i.other.0, i.direction))
            .collect();
        assert_eq!(
            seen,
            [
                (0, 1, Direction::Both),
                (1, 2, Direction::Out),
                (2, 2, Direction::In)
            ]
        );
        assert_eq!(
            g.incident(EntityIx(1), &Filter::default())[0].direction,
            Direction::Both
        );
    }

    #[test]
    fn entities_resolve_by_id_name_or_alias() {
        let g = small();
        for name in ["A", "alpha", "ALFA", "a"] {
            assert_eq!(g.resolve_entity(name).unwrap(), EntityIx(0), "{name}");
        }
        let err = g.resolve_entity("Alpah").unwrap_err().to_string();
        assert!(err.contains("did you mean 'Alpha' (A)?"), "{err}");
    }

    #[test]
    fn types_resolve_by_id_or_label() {
        let g = small();
        assert_eq!(g.resolve_type("ally").unwrap(), TypeIx(0));
        assert_eq!(g.resolve_type("Alliance").unwrap(), TypeIx(0));
        let err = g.resolve_type("sanctoin").unwrap_err().to_string();
        assert!(err.contains("did you mean 'sanction'?"), "{err}");
    }
}
