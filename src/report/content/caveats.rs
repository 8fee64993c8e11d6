//! Caveats: where the source contradicts itself, and which facts the
//! editor inferred rather than read in it.

use super::{Composer, columns};
use crate::export::document::{Block, Inline, Table, Text};

impl Composer<'_> {
    pub(super) fn caveat_blocks(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Paragraph(Text::plain(
            "Read the data with these in mind: where the sources contradict themselves, \
             and which facts the editor inferred rather than read in a quote (their \
             dates show as 2022? in every table and diagram).",
        ))];
        blocks.extend(self.conflict_blocks());
        blocks.extend(self.inferred_blocks());
        blocks
    }

    /// The recorded contradictions that concern the report's relations.
    fn conflict_blocks(&self) -> Vec<Block> {
        let doc = &self.graph.data.doc;
        let rows: Vec<Vec<Text>> = doc
            .conflicts
            .iter()
            .enumerate()
            .filter(|(at, _)| self.concerns_report(*at))
            .map(|(at, conflict)| {
                let ids: Vec<String> = conflict.relations.iter().map(|r| r.to_string()).collect();
                let mut note = Text::plain(conflict.note.clone());
                let numbers = self.citations.of_conflict(at);
                if !numbers.is_empty() {
                    note.push(" ").add(Inline::Cite(numbers.to_vec()));
                }
                vec![
                    Text::plain(sentence_case(conflict.kind.describe())),
                    self.relations_cell(&ids),
                    note,
                ]
            })
            .collect();
        if rows.is_empty() {
            return vec![Block::Paragraph(Text::plain(
                "No contradiction in the sources is recorded for these relations.",
            ))];
        }
        vec![
            Block::Paragraph(Text::plain("Contradictions in the sources:")),
            Block::Table(Table {
                columns: columns(&["Contradiction", "Relations", "What clashes"]),
                rows,
            }),
        ]
    }

    /// Whether conflict `at` concerns a relation the report covers.
    fn concerns_report(&self, at: usize) -> bool {
        self.graph.data.doc.conflicts[at]
            .relations
            .iter()
            .filter_map(|id| self.relation_index.get(id.as_str()))
            .any(|i| self.analyses.admitted.contains(i))
    }

    /// Every inferred fact of the report's relations, with its note.
    fn inferred_blocks(&self) -> Vec<Block> {
        let data = &self.graph.data;
        let rows: Vec<Vec<Text>> = self
            .analyses
            .admitted
            .iter()
            .flat_map(|&i| {
                let inferred = data.relation(i).inferred.as_deref();
                inferred
                    .into_iter()
                    .flat_map(|inferred| inferred.facts())
                    .map(move |(fact, note)| {
                        vec![
                            Text::plain(self.relation_text(i)),
                            Text::plain(fact),
                            Text::plain(note),
                            self.evidence_cell(i),
                        ]
                    })
            })
            .collect();
        if rows.is_empty() {
            return vec![Block::Paragraph(Text::plain(
                "Every party, date and direction is stated by the quotes.",
            ))];
        }
        vec![
            Block::Paragraph(Text::plain(format!(
                "Facts the editor inferred ({} of them):",
                rows.len()
            ))),
            Block::Table(Table {
                columns: columns(&["Relation", "Inferred", "From what", "Evidence"]),
                rows,
            }),
        ]
    }
}

/// `text` with its first letter upper-cased.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
