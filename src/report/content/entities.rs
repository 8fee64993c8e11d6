//! The entities: an overview table, then one section per entity with its
//! diagram and its relations.

use super::{Composer, columns, direction_text};
use crate::export::document::{Block, Section, Table, Text, anchor};
use crate::listing::chronological_key;
use crate::model::EntityIx;

impl Composer<'_> {
    pub(super) fn entity_overview(&self) -> Vec<Block> {
        let rows = self
            .graph
            .data
            .entity_indices()
            .map(|e| {
                let incidents = &self.analyses.incidents[e.index()];
                let mut partners: Vec<EntityIx> = incidents.iter().map(|i| i.other).collect();
                partners.sort_unstable();
                partners.dedup();
                let entity = self.graph.data.entity(e);
                vec![
                    self.entity_cell(e),
                    Text::plain(entity.kind.as_str()),
                    Text::plain(partners.len().to_string()),
                    Text::plain(incidents.len().to_string()),
                ]
            })
            .collect();
        vec![Block::Table(Table {
            columns: columns(&["Entity", "Kind", "Partners", "Relations"]),
            rows,
        })]
    }

    pub(super) fn entity_sections(&self) -> Vec<Section> {
        self.graph
            .data
            .entity_indices()
            .map(|e| {
                let entity = self.graph.data.entity(e);
                let mut about = match &entity.description {
                    Some(description) => description.to_string(),
                    None => format!("{}, a {}.", entity.name, entity.kind.as_str()),
                };
                if !entity.aliases.is_empty() {
                    let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.as_str()).collect();
                    about.push_str(&format!(" Also called {}.", aliases.join(", ")));
                }
                let mut blocks = vec![Block::Paragraph(Text::plain(about))];
                blocks.extend(self.partner_blocks(e));
                Section {
                    anchor: anchor("entity", &entity.id),
                    heading: entity.name.to_string(),
                    level: 3,
                    blocks,
                }
            })
            .collect()
    }

    pub(super) fn partner_blocks(&self, e: EntityIx) -> Vec<Block> {
        let mut incidents = self.analyses.incidents[e.index()].clone();
        if incidents.is_empty() {
            return vec![Block::Paragraph(Text::plain(
                "No relations in this report involve it.",
            ))];
        }
        let data = &self.graph.data;
        incidents.sort_by_cached_key(|incident| {
            let since = data.link(incident.relation).since;
            (
                data.entity(incident.other).name.clone(),
                incident.other,
                chronological_key(since, incident.relation),
            )
        });
        let rows = incidents
            .iter()
            .map(|incident| {
                let [since, until] = self.dates(incident.relation);
                vec![
                    self.entity_cell(incident.other),
                    Text::plain(self.type_label(incident.relation)),
                    Text::plain(direction_text(incident.direction)),
                    since,
                    until,
                    self.label(incident.relation),
                    self.evidence_cell(incident.relation),
                ]
            })
            .collect();
        let entity = self.graph.data.entity(e);
        let figure = self
            .setup
            .figures
            .ego
            .get(e.index())
            .map(|file| self.figure(file, format!("{} and its partners", entity.name)));
        let table = Block::Table(Table {
            columns: columns(&[
                "Partner",
                "Relation",
                "Direction",
                "Since",
                "Until",
                "What the source says",
                "Evidence",
            ]),
            rows,
        });
        figure.into_iter().chain([table]).collect()
    }
}
