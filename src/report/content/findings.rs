//! The findings of the analyses: rankings, blocs, balance and the timeline.

use super::{Composer, columns, number};
use crate::analysis::balance::sign_text;
use crate::diagnostic::plural;
use crate::export::document::{Block, Table, Text};
use crate::listing::Tabular;

impl Composer<'_> {
    /// The ranking's own rows (`relgraph rank --metric all`), with each
    /// entity linked to its section.
    pub(super) fn rankings(&self) -> Vec<Block> {
        let columns = [
            ("rank", "Rank"),
            ("id", "Entity"),
            ("degree", "Partners"),
            ("strength", "Strength"),
            ("betweenness", "Betweenness"),
            ("closeness", "Closeness"),
            ("pagerank", "PageRank"),
            ("eigenvector", "Eigenvector"),
        ];
        let table =
            Table::from_rows(
                &self.analyses.ranking.rows(),
                &columns,
                |column, value| match column {
                    "id" => Text(vec![self.entity_link_by_id(value)]),
                    _ => Text::plain(value),
                },
            );
        vec![
            Block::Paragraph(Text::plain(
                "Centrality on the partner graph (one link per pair of entities with a \
                 relation); PageRank follows relation direction and weight. Rows are by \
                 PageRank; click a column header in the HTML report to sort by it. \
                 The README's rank section defines each measure.",
            )),
            Block::Table(table),
        ]
    }

    pub(super) fn bloc_blocks(&self) -> Vec<Block> {
        let report = &self.analyses.blocs;
        let rows = report
            .blocs
            .iter()
            .enumerate()
            .map(|(b, members)| {
                let mut cell = Text::default();
                self.push_names(&mut cell, members);
                vec![Text::plain(format!("bloc {}", b + 1)), cell]
            })
            .collect();
        let how = if report.optimal {
            "proven optimal".to_owned()
        } else {
            let bound = report.lower_bound.map(number).unwrap_or_default();
            format!("not proven optimal; lower bound {bound}")
        };
        let mut blocks = vec![
            Block::Paragraph(Text::plain(format!(
                "Blocs are the split of entities that leaves the fewest cooperative ties \
                 between blocs and hostile ties inside them (frustration {}, {how}, found by {}).",
                number(report.frustration),
                report.method
            ))),
            Block::Table(Table {
                columns: columns(&["Bloc", "Members"]),
                rows,
            }),
            self.figure(
                &self.setup.figures.blocs,
                "Entities clustered by bloc".into(),
            ),
        ];
        if report.frustrating.is_empty() {
            blocks.push(Block::Paragraph(Text::plain(
                "Frustrating ties: none. Every cooperative tie is inside a bloc and every \
                 hostile tie runs between blocs.",
            )));
        } else {
            let rows = report
                .frustrating
                .iter()
                .map(|tie| {
                    vec![
                        Text(vec![self.entity_link_by_id(&tie.a)]),
                        Text(vec![self.entity_link_by_id(&tie.b)]),
                        Text::plain(sign_text(tie.sign)),
                        Text::plain(number(tie.value)),
                        self.relations_cell(&tie.relations),
                    ]
                })
                .collect();
            blocks.push(Block::Paragraph(Text::plain(
                "Frustrating ties: the ties that contradict the blocs.",
            )));
            blocks.push(Block::Table(Table {
                columns: columns(&["Entity", "Entity", "Sign", "Tie", "Relations"]),
                rows,
            }));
        }
        blocks
    }

    pub(super) fn balance_blocks(&self) -> Vec<Block> {
        let report = &self.analyses.balance;
        let mut blocks = vec![Block::Paragraph(Text::plain(format!(
            "A triangle of three partner entities is balanced when the product of its three \
             tie signs is positive (the friend of a friend is a friend, the enemy of an enemy \
             is a friend). {}: {} balanced, {} unbalanced.",
            plural(report.triangles, "triangle"),
            report.balanced,
            report.unbalanced_count
        )))];
        let rows: Vec<Vec<Text>> = report
            .labelled()
            .map(|(status, triangle)| {
                let mut members = Text::default();
                self.push_names(&mut members, &report.entities_of(triangle));
                let ties: Vec<String> = report
                    .ties_of(triangle)
                    .iter()
                    .map(|t| {
                        format!(
                            "{} – {} {}",
                            self.name_of(&t.a),
                            self.name_of(&t.b),
                            sign_text(t.sign)
                        )
                    })
                    .collect();
                let relations: Vec<String> = report
                    .ties_of(triangle)
                    .iter()
                    .flat_map(|t| t.relations.iter().cloned())
                    .collect();
                vec![
                    members,
                    Text::plain(status),
                    Text::plain(ties.join(", ")),
                    self.relations_cell(&relations),
                ]
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Table(Table {
                columns: columns(&["Triangle", "Status", "Ties", "Relations"]),
                rows,
            }));
        }
        blocks
    }

    /// The timeline's own rows (`relgraph timeline`), with entities linked,
    /// types by label and the evidence as citations.
    pub(super) fn timeline_blocks(&self) -> Vec<Block> {
        let rows = self.analyses.timeline.rows();
        if rows.rows.is_empty() {
            return vec![Block::Paragraph(Text::plain("No relations."))];
        }
        let columns = [
            ("since", "Since"),
            ("until", "Until"),
            ("source", "From"),
            ("type", "Relation"),
            ("target", "To"),
            ("label", "What the source says"),
            ("relation", "Evidence"),
        ];
        let table = Table::from_rows(&rows, &columns, |column, value| match column {
            "source" | "target" => Text(vec![self.entity_link_by_id(value)]),
            "type" => Text::plain(self.type_label_of(value)),
            "relation" => match self.relation_index.get(value) {
                Some(&relation) => self.evidence_cell(relation),
                None => Text::plain("none"),
            },
            _ => Text::plain(value),
        });
        vec![
            Block::Paragraph(Text::plain(
                "Every relation, earliest first; relations without a start date come last, \
                 in file order.",
            )),
            Block::Table(table),
        ]
    }

    /// The label of the relation type `id`, or the id when there is no such type.
    fn type_label_of(&self, id: &str) -> String {
        let types = &self.graph.data.doc.relation_types;
        types
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_owned(), |t| t.label.clone())
    }
}
