//! `relgraph partners`: who an entity deals with, how, since when, says who.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::{Direction, Filter, Incident, RelGraph};
use crate::listing::{RelationFacts, chronological_key, with_caveats_column, with_evidence_column};
use crate::listing::{Rows, Tabular};
use crate::model::EntityIx;

/// Which relations to keep, by their direction seen from the entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum DirectionFilter {
    /// Relations the entity is the target of, and undirected ones.
    In,
    /// Relations the entity is the source of, and undirected ones.
    Out,
    /// All relations.
    #[default]
    Both,
}

impl DirectionFilter {
    fn admits(self, direction: Direction) -> bool {
        match self {
            DirectionFilter::Both => true,
            DirectionFilter::In => direction != Direction::Out,
            DirectionFilter::Out => direction != Direction::In,
        }
    }
}

/// An entity's id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// One relation between the entity and a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerRelation {
    /// Id, type, polarity, dates, label and evidence.
    #[serde(flatten)]
    pub facts: RelationFacts,
    /// Direction seen from the entity.
    pub direction: Direction,
}

/// A partner and every relation the entity has with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partner {
    /// Partner id.
    pub id: String,
    /// Partner name.
    pub name: String,
    /// Relations, dated ones first in date order, then undated ones.
    pub relations: Vec<PartnerRelation>,
}

/// The answer to `partners ENTITY`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Partners {
    /// The entity asked about.
    pub entity: EntityRef,
    /// Its partners, by name.
    pub partners: Vec<Partner>,
}

/// Options of a partner query.
#[derive(Debug, Clone, Copy, Default)]
pub struct PartnerOptions {
    /// Keep relations in this direction.
    pub direction: DirectionFilter,
    /// Include the evidence quotes.
    pub evidence: bool,
}

/// Every partner of `entity` under `filter`, each once, with its relations.
pub fn partners(
    graph: &RelGraph,
    entity: EntityIx,
    filter: &Filter,
    options: PartnerOptions,
) -> Partners {
    let mut by_partner: BTreeMap<EntityIx, Vec<Incident>> = BTreeMap::new();
    for incident in graph.incident_by_scan(entity, filter) {
        if options.direction.admits(incident.direction) {
            by_partner.entry(incident.other).or_default().push(incident);
        }
    }
    let mut partners: Vec<Partner> = by_partner
        .into_iter()
        .map(|(other, incidents)| partner(graph, other, incidents, options))
        .collect();
    partners.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let subject = graph.data.entity(entity);
    Partners {
        entity: EntityRef {
            id: subject.id.to_string(),
            name: subject.name.to_string(),
        },
        partners,
    }
}

fn partner(
    graph: &RelGraph,
    other: EntityIx,
    mut incidents: Vec<Incident>,
    options: PartnerOptions,
) -> Partner {
    let data = &graph.data;
    incidents.sort_by_key(|i| chronological_key(data.link(i.relation).since, i.relation));
    let relations = incidents
        .iter()
        .map(|incident| PartnerRelation {
            facts: RelationFacts::of(graph, incident.relation, options.evidence),
            direction: incident.direction,
        })
        .collect();
    let entity = data.entity(other);
    Partner {
        id: entity.id.to_string(),
        name: entity.name.to_string(),
        relations,
    }
}

impl Tabular for Partners {
    fn rows(&self) -> Rows {
        let mut columns = [
            &["partner", "name", "relation", "direction"][..],
            &RelationFacts::COLUMNS,
        ]
        .concat();
        let relations = || {
            self.partners
                .iter()
                .flat_map(|p| p.relations.iter().map(move |r| (p, r)))
        };
        let mut rows: Vec<Vec<String>> = relations()
            .map(|(partner, r)| {
                let mut row = vec![
                    partner.id.clone(),
                    partner.name.clone(),
                    r.facts.id.clone(),
                    r.direction.as_str().to_owned(),
                ];
                row.extend(r.facts.cells());
                row
            })
            .collect();
        with_caveats_column(&mut columns, &mut rows, relations().map(|(_, r)| &r.facts));
        with_evidence_column(
            &mut columns,
            &mut rows,
            relations().map(|(_, r)| &r.facts.evidence),
        );
        Rows { columns, rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    fn summary(p: &Partners) -> Vec<(String, Vec<(String, Direction)>)> {
        p.partners
            .iter()
            .map(|p| {
                (
                    p.id.clone(),
                    p.relations
                        .iter()
                        .map(|r| (r.facts.id.clone(), r.direction))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn groups_relations_by_partner() {
        let p = partners(
            &small(),
            EntityIx(0),
            &Filter::default(),
            PartnerOptions::default(),
        );
        assert_eq!(p.entity.name, "Alpha");
        assert_eq!(
            summary(&p),
            [
                ("B".to_string(), vec![("ab".to_string(), Direction::Both)]),
                (
                    "C".to_string(),
                    vec![
                        ("ac".to_string(), Direction::Out),
                        ("ca".to_string(), Direction::In)
                    ]
                ),
            ]
        );
    }

    #[test]
    fn direction_filter_keeps_undirected_relations() {
        let options = PartnerOptions {
            direction: DirectionFilter::In,
            evidence: true,
        };
        let p = partners(&small(), EntityIx(0), &Filter::default(), options);
        let kept: Vec<&str> = p
            .partners
            .iter()
            .flat_map(|p| &p.relations)
            .map(|r| r.facts.id.as_str())
            .collect();
        assert_eq!(kept, ["ab", "ca"]);
        assert_eq!(
            p.partners[0].relations[0].facts.evidence.as_ref().unwrap()[0].quote,
            "q"
        );
    }
}
