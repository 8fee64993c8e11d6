//! The relation types: an overview table, then one section per type in use.

use super::{Composer, columns};
use crate::export::document::{Block, Inline, Section, Table, Text, anchor};

impl Composer<'_> {
    pub(super) fn type_overview(&self) -> Vec<Block> {
        let counts = self.analyses.type_counts.iter().copied();
        let rows = self
            .graph
            .data
            .doc
            .relation_types
            .iter()
            .zip(counts)
            .zip(&self.setup.figures.types)
            .map(|((relation_type, count), figure)| {
                let name = if figure.is_some() {
                    Text(vec![Inline::Link {
                        text: relation_type.label.clone(),
                        anchor: anchor("type", &relation_type.id),
                    }])
                } else {
                    Text::plain(relation_type.label.clone())
                };
                vec![
                    name,
                    Text::plain(relation_type.polarity.as_str()),
                    Text::plain(if relation_type.directed { "yes" } else { "no" }),
                    Text::plain(count.to_string()),
                    Text::plain(relation_type.description.clone().unwrap_or_default()),
                ]
            })
            .collect();
        vec![Block::Table(Table {
            columns: columns(&["Type", "Polarity", "Directed", "Relations", "Meaning"]),
            rows,
        })]
    }

    pub(super) fn type_sections(&self) -> Vec<Section> {
        let types = &self.graph.data.doc.relation_types;
        types
            .iter()
            .zip(&self.setup.figures.types)
            .filter_map(|(relation_type, file)| {
                let file = file.as_deref()?;
                Some(Section {
                    anchor: anchor("type", &relation_type.id),
                    heading: relation_type.label.clone(),
                    level: 3,
                    blocks: vec![
                        self.figure(file, format!("Relations of type {}", relation_type.label)),
                    ],
                })
            })
            .collect()
    }
}
