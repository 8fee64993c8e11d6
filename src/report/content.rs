//! What the report says: its sections, built from the analyses as a
//! format-neutral [`Document`] that the Markdown and HTML exporters print.
//!
//! Sections: summary (sentences generated from the data), sources, the
//! whole graph, one subsection per entity with its partners, rankings,
//! blocs and frustrating ties, balance, timeline, relation types, and the
//! numbered evidence every table row refers to.

use std::collections::HashMap;

use super::citations::{Citations, describe_source};
use crate::analysis::balance::{BalanceReport, balance, sign_text};
use crate::analysis::blocs::BlocReport;
use crate::analysis::rank::scores::{AllScores, Metric, Ranking, rank};
use crate::analysis::timeline::{Entry, Timeline, timeline};
use crate::diagnostic::plural;
use crate::export::document::{Block, Document, Figure, Inline, Section, Table, Text, anchor};
use crate::graph::{Direction, Filter, Incident, RelGraph};
use crate::listing::chronological_key;
use crate::model::{EntityIx, PartialDate, RelationIx};

/// The report's diagram files, by what they show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// The whole graph.
    pub graph: String,
    /// The graph clustered by bloc.
    pub blocs: String,
    /// Each entity with its partners, by entity index.
    pub ego: Vec<String>,
    /// The relations of each type, by type index; `None` for unused types.
    pub types: Vec<Option<String>>,
}

/// What the report is about and where its pieces are.
#[derive(Debug, Clone, Copy)]
pub struct Setup<'a> {
    /// The report's title.
    pub title: &'a str,
    /// The input graph's name, as shown to readers.
    pub origin: &'a str,
    /// SHA-256 of the input graph, in hex.
    pub input_sha256: &'a str,
    /// The diagram files.
    pub figures: &'a Figures,
    /// The whole graph as Mermaid text.
    pub mermaid: &'a str,
}

/// The report of the relations `filter` admits, whose blocs are `blocs`.
pub fn document(
    graph: &RelGraph,
    filter: &Filter,
    setup: &Setup<'_>,
    blocs: BlocReport,
) -> Document {
    let admitted: Vec<RelationIx> = graph
        .data
        .relation_indices()
        .filter(|&i| filter.admits(&graph.data, i))
        .collect();
    let composer = Composer {
        graph,
        setup,
        citations: Citations::number(graph, admitted.iter().copied()),
        relation_index: graph
            .data
            .relation_indices()
            .map(|i| (graph.data.relation(i).id.as_str(), i))
            .collect(),
        incidents: graph
            .data
            .entity_indices()
            .map(|e| graph.incident(e, filter))
            .collect(),
        ranking: all_scores(graph, filter),
        blocs,
        balance: balance(graph, filter, false),
        timeline: timeline(graph, filter, None, None),
        filter,
        admitted,
    };
    composer.document()
}

fn all_scores(graph: &RelGraph, filter: &Filter) -> Vec<AllScores> {
    match rank(graph, filter, Metric::All, None) {
        Ranking::All(rows) => rows,
        Ranking::One(_) => Vec::new(),
    }
}

/// The analyses behind the report, and the citations its rows refer to.
struct Composer<'a> {
    graph: &'a RelGraph,
    filter: &'a Filter,
    setup: &'a Setup<'a>,
    admitted: Vec<RelationIx>,
    citations: Citations,
    relation_index: HashMap<&'a str, RelationIx>,
    /// Each entity's relations, by entity index.
    incidents: Vec<Vec<Incident>>,
    ranking: Vec<AllScores>,
    blocs: BlocReport,
    balance: BalanceReport,
    timeline: Timeline,
}

/// Anchors of the top-level sections.
const SUMMARY: &str = "summary";
const SOURCES: &str = "sources";
const GRAPH: &str = "graph";
const ENTITIES: &str = "entities";
const RANKINGS: &str = "rankings";
const BLOCS: &str = "blocs";
const BALANCE: &str = "balance";
const TIMELINE: &str = "timeline";
const TYPES: &str = "relation-types";
const EVIDENCE: &str = "evidence";

fn section(anchor: &str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        anchor: anchor.to_owned(),
        heading: heading.to_owned(),
        level: 2,
        blocks,
    }
}

/// A number as reports print it: four decimals, never `-0.0000`.
fn number(value: f64) -> String {
    format!("{:.4}", value + 0.0)
}

impl Composer<'_> {
    fn document(&self) -> Document {
        let mut sections = vec![
            section(SUMMARY, "Summary", self.summary()),
            section(SOURCES, "Sources", self.sources()),
            section(GRAPH, "The whole graph", self.whole_graph()),
            section(ENTITIES, "Entities", self.entity_overview()),
        ];
        sections.extend(self.entity_sections());
        sections.push(section(RANKINGS, "Rankings", self.rankings()));
        sections.push(section(BLOCS, "Blocs", self.bloc_blocks()));
        sections.push(section(BALANCE, "Balance", self.balance_blocks()));
        sections.push(section(TIMELINE, "Timeline", self.timeline_blocks()));
        sections.push(section(TYPES, "Relation types", self.type_overview()));
        sections.extend(self.type_sections());
        sections.push(section(
            EVIDENCE,
            "Evidence",
            vec![
                Block::Paragraph(Text::plain(
                    "Every numbered reference in the tables above points to one of these quotes.",
                )),
                Block::Citations(self.citations.list.clone()),
            ],
        ));
        Document {
            title: self.setup.title.to_owned(),
            byline: self.byline(),
            contents: true,
            sections,
        }
    }

    fn byline(&self) -> Vec<Text> {
        let setup = self.setup;
        let sha = &setup.input_sha256[..setup.input_sha256.len().min(16)];
        let made = format!(
            "Made by relgraph {} from {} (SHA-256 {sha}…; manifest.json has the full checksums).",
            env!("CARGO_PKG_VERSION"),
            setup.origin
        );
        let when = match self.filter.as_of {
            Some(date) => format!("Relations as they stood on {date}."),
            None => "All relations, whatever their dates.".to_owned(),
        };
        vec![Text::plain(made), Text::plain(when)]
    }

    // Links and cells.

    fn entity_link(&self, index: EntityIx) -> Inline {
        let entity = self.graph.data.entity(index);
        Inline::Link {
            text: entity.name.to_string(),
            anchor: anchor("entity", &entity.id),
        }
    }

    fn entity_link_by_id(&self, id: &str) -> Inline {
        match self.graph.data.names.get(id) {
            Some(index) => self.entity_link(index),
            None => Inline::Plain(id.to_owned()),
        }
    }

    fn entity_cell(&self, index: EntityIx) -> Text {
        Text(vec![self.entity_link(index)])
    }

    fn evidence_cell(&self, relation: RelationIx) -> Text {
        match self.citations.of(relation) {
            [] => Text::plain("none"),
            numbers => Text(vec![Inline::Cite(numbers.to_vec())]),
        }
    }

    fn relations_cell(&self, ids: &[String]) -> Text {
        let mut numbers: Vec<usize> = ids
            .iter()
            .filter_map(|id| self.relation_index.get(id.as_str()))
            .flat_map(|&i| self.citations.of(i).iter().copied())
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let mut cell = Text::plain(ids.join(", "));
        if !numbers.is_empty() {
            cell.push(" ").add(Inline::Cite(numbers));
        }
        cell
    }

    fn type_label(&self, relation: RelationIx) -> String {
        self.graph.data.relation_type(relation).label.clone()
    }

    fn dates(&self, relation: RelationIx) -> [Text; 2] {
        let link = self.graph.data.link(relation);
        let show = |date: Option<PartialDate>| date.map_or_else(String::new, |d| d.to_string());
        [Text::plain(show(link.since)), Text::plain(show(link.until))]
    }

    fn label(&self, relation: RelationIx) -> Text {
        Text::plain(
            self.graph
                .data
                .relation(relation)
                .label
                .clone()
                .unwrap_or_default(),
        )
    }

    fn figure(file: &str, caption: String) -> Block {
        Block::Figure(Figure {
            file: file.to_owned(),
            caption,
        })
    }

    // Sections.

    fn summary(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        if let Some(description) = &self.graph.data.doc.description {
            blocks.push(Block::Paragraph(Text::plain(description.clone())));
        }
        let sentences = [
            Some(self.size_sentence()),
            self.centrality_sentence(),
            Some(self.bloc_sentence()),
            Some(self.balance_sentence()),
            self.latest_sentence(),
        ];
        blocks.push(Block::List(sentences.into_iter().flatten().collect()));
        blocks
    }

    fn size_sentence(&self) -> Text {
        let doc = &self.graph.data.doc;
        let types_used = self.type_counts().iter().filter(|&&n| n > 0).count();
        let dates: Vec<PartialDate> = self
            .admitted
            .iter()
            .filter_map(|&i| self.graph.data.link(i).since)
            .collect();
        let mut sentence = format!(
            "The report covers {} and {} of {}",
            counted(doc.entities.len(), "entity", "entities"),
            plural(self.admitted.len(), "relation"),
            plural(types_used, "type")
        );
        if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
            sentence.push_str(&format!(", dated from {first} to {last}"));
        }
        sentence.push('.');
        Text::plain(sentence)
    }

    fn centrality_sentence(&self) -> Option<Text> {
        let top = self.ranking.first()?;
        let index = self.graph.data.names.get(&top.id)?;
        let mut text = Text::default();
        text.add(self.entity_link(index)).push(format!(
            " is the most central entity: first by PageRank ({}), with {} partners",
            number(top.pagerank),
            top.degree
        ));
        let broker = self.ranking.iter().max_by(|a, b| {
            a.betweenness
                .total_cmp(&b.betweenness)
                .then(b.id.cmp(&a.id))
        })?;
        if broker.id != top.id && broker.betweenness > 0.0 {
            text.push("; ")
                .add(self.entity_link_by_id(&broker.id))
                .push(format!(
                    " is the main go-between (highest betweenness, {})",
                    number(broker.betweenness)
                ));
        }
        text.push(".");
        Some(text)
    }

    fn bloc_sentence(&self) -> Text {
        let report = &self.blocs;
        let mut text = Text::plain(format!(
            "Signed ties split the entities into {}",
            plural(report.blocs.len(), "bloc")
        ));
        let groups: Vec<&Vec<String>> = report.blocs.iter().filter(|b| b.len() > 1).collect();
        for (g, bloc) in groups.iter().enumerate() {
            text.push(if g == 0 { ": " } else { "; " });
            self.push_names(&mut text, bloc);
        }
        let alone = report.blocs.len() - groups.len();
        if alone > 0 && !groups.is_empty() {
            text.push(format!(
                "; {} alone",
                counted(alone, "entity stands", "entities stand")
            ));
        }
        let proof = if report.optimal {
            "proven optimal"
        } else {
            "best found, not proven optimal"
        };
        match report.frustrating.len() {
            0 => text.push(format!(". No tie contradicts this split ({proof}).")),
            n => text.push(format!(
                ". {} it (frustration {}; {proof}).",
                counted(n, "tie contradicts", "ties contradict"),
                number(report.frustration)
            )),
        };
        text
    }

    /// Appends entity links separated by commas and a final "and".
    fn push_names(&self, text: &mut Text, ids: &[String]) {
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                text.push(if i + 1 == ids.len() { " and " } else { ", " });
            }
            text.add(self.entity_link_by_id(id));
        }
    }

    fn balance_sentence(&self) -> Text {
        let report = &self.balance;
        if report.triangles == 0 {
            return Text::plain(
                "No three entities are all partners of one another, so structural balance does not apply.",
            );
        }
        let verb = if report.unbalanced_count == 1 {
            "is"
        } else {
            "are"
        };
        let mut text = Text::plain(format!(
            "Of {} of partners, {} {verb} unbalanced",
            plural(report.triangles, "triangle"),
            report.unbalanced_count
        ));
        for (t, triangle) in report.unbalanced.iter().take(3).enumerate() {
            text.push(if t == 0 { ": " } else { "; " });
            self.push_names(&mut text, &triangle.entities);
        }
        if report.unbalanced_count > 3 {
            text.push("; …");
        }
        text.push(".");
        text
    }

    fn latest_sentence(&self) -> Option<Text> {
        let latest: Vec<&Entry> = self.timeline.dated.iter().rev().take(3).collect();
        if latest.is_empty() {
            return None;
        }
        let mut text = Text::plain("The latest relations: ");
        for (n, entry) in latest.iter().enumerate() {
            if n > 0 {
                text.push("; ");
            }
            let index = self.relation_index.get(entry.facts.id.as_str()).copied();
            let since = entry.facts.since.map(|d| d.to_string()).unwrap_or_default();
            text.push(format!("{since}, "))
                .add(self.entity_link_by_id(&entry.source))
                .push(format!(
                    " – {} – ",
                    index.map(|i| self.type_label(i)).unwrap_or_default()
                ))
                .add(self.entity_link_by_id(&entry.target));
            if let Some(i) = index.filter(|&i| !self.citations.of(i).is_empty()) {
                text.push(" ")
                    .add(Inline::Cite(self.citations.of(i).to_vec()));
            }
        }
        text.push(".");
        Some(text)
    }

    fn sources(&self) -> Vec<Block> {
        let sources = &self.graph.data.doc.sources;
        if sources.is_empty() {
            return vec![Block::Paragraph(Text::plain("The graph names no sources."))];
        }
        let items = sources
            .iter()
            .map(|source| {
                let mut item = Text::plain(describe_source(sources, &source.id));
                item.push(format!(
                    " (language: {}; id: {})",
                    source.language, source.id
                ));
                if let Some(url) = &source.url {
                    item.push(" ").add(Inline::Web {
                        text: url.clone(),
                        url: url.clone(),
                    });
                }
                item
            })
            .collect();
        vec![Block::List(items)]
    }

    fn whole_graph(&self) -> Vec<Block> {
        vec![
            Block::Paragraph(Text::plain(
                "Edges are coloured by relation type: solid for cooperative, dashed for hostile, \
                 dotted for neutral relations, without arrowheads for undirected types, and as \
                 thick as their weight. The legend inside the diagram lists the types.",
            )),
            Self::figure(&self.setup.figures.graph, self.setup.title.to_owned()),
            Block::Mermaid(self.setup.mermaid.to_owned()),
        ]
    }

    fn entity_overview(&self) -> Vec<Block> {
        let rows = self
            .graph
            .data
            .entity_indices()
            .map(|e| {
                let incidents = &self.incidents[e.index()];
                let mut partners: Vec<EntityIx> = incidents.iter().map(|i| i.other).collect();
                partners.sort_unstable();
                partners.dedup();
                let entity = self.graph.data.entity(e);
                vec![
                    self.entity_cell(e),
                    Text::plain(entity.id.to_string()),
                    Text::plain(entity.kind.as_str()),
                    Text::plain(partners.len().to_string()),
                    Text::plain(incidents.len().to_string()),
                ]
            })
            .collect();
        vec![Block::Table(Table {
            columns: columns(&["Entity", "Id", "Kind", "Partners", "Relations"]),
            rows,
        })]
    }

    fn entity_sections(&self) -> Vec<Section> {
        self.graph
            .data
            .entity_indices()
            .map(|e| {
                let entity = self.graph.data.entity(e);
                let mut about =
                    format!("{} ({}), {}", entity.name, entity.id, entity.kind.as_str());
                if !entity.aliases.is_empty() {
                    let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.as_str()).collect();
                    about.push_str(&format!(", also called {}", aliases.join(", ")));
                }
                about.push('.');
                if let Some(description) = &entity.description {
                    about.push_str(&format!(" {description}"));
                }
                let mut blocks = vec![Block::Paragraph(Text::plain(about))];
                blocks.extend(self.partner_blocks(e));
                Section {
                    anchor: anchor("entity", &entity.id),
                    heading: format!("{} ({})", entity.name, entity.id),
                    level: 3,
                    blocks,
                }
            })
            .collect()
    }

    fn partner_blocks(&self, e: EntityIx) -> Vec<Block> {
        let mut incidents = self.incidents[e.index()].clone();
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
            .map(|file| Self::figure(file, format!("{} and its partners", entity.name)));
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

    fn rankings(&self) -> Vec<Block> {
        let rows = self
            .ranking
            .iter()
            .map(|r| {
                let mut row = vec![Text(vec![self.entity_link_by_id(&r.id)])];
                row.push(Text::plain(format!("{}", r.degree)));
                row.extend(
                    [
                        r.strength,
                        r.betweenness,
                        r.closeness,
                        r.pagerank,
                        r.eigenvector,
                    ]
                    .map(|v| Text::plain(number(v))),
                );
                row
            })
            .collect();
        vec![
            Block::Paragraph(Text::plain(
                "Centrality on the partner graph (one link per pair of entities with a \
                 relation); PageRank follows relation direction and weight. Rows are by \
                 PageRank; click a column header in the HTML report to sort by it. \
                 The README's rank section defines each measure.",
            )),
            Block::Table(Table {
                columns: columns(&[
                    "Entity",
                    "Partners",
                    "Strength",
                    "Betweenness",
                    "Closeness",
                    "PageRank",
                    "Eigenvector",
                ]),
                rows,
            }),
        ]
    }

    fn bloc_blocks(&self) -> Vec<Block> {
        let report = &self.blocs;
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
            Self::figure(
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

    fn balance_blocks(&self) -> Vec<Block> {
        let report = &self.balance;
        let mut blocks = vec![Block::Paragraph(Text::plain(format!(
            "A triangle of three partner entities is balanced when the product of its three \
             tie signs is positive (the friend of a friend is a friend, the enemy of an enemy \
             is a friend). {}: {} balanced, {} unbalanced.",
            plural(report.triangles, "triangle"),
            report.balanced,
            report.unbalanced_count
        )))];
        let labelled = report
            .unbalanced
            .iter()
            .map(|t| ("unbalanced", t))
            .chain(report.balanced_triangles.iter().map(|t| ("balanced", t)));
        let rows: Vec<Vec<Text>> = labelled
            .map(|(status, triangle)| {
                let mut members = Text::default();
                self.push_names(&mut members, &triangle.entities);
                let ties: Vec<String> = triangle
                    .ties
                    .iter()
                    .map(|t| format!("{}–{} {}", t.a, t.b, sign_text(t.sign)))
                    .collect();
                let relations: Vec<String> = triangle
                    .ties
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

    fn timeline_blocks(&self) -> Vec<Block> {
        let entries = self.timeline.dated.iter().chain(&self.timeline.undated);
        let rows: Vec<Vec<Text>> = entries
            .filter_map(|entry| self.relation_index.get(entry.facts.id.as_str()))
            .map(|&i| {
                let link = self.graph.data.link(i);
                let [since, until] = self.dates(i);
                vec![
                    since,
                    until,
                    self.entity_cell(link.source),
                    Text::plain(self.type_label(i)),
                    self.entity_cell(link.target),
                    self.label(i),
                    self.evidence_cell(i),
                ]
            })
            .collect();
        if rows.is_empty() {
            return vec![Block::Paragraph(Text::plain("No relations."))];
        }
        vec![
            Block::Paragraph(Text::plain(
                "Every relation, earliest first; relations without a start date come last, \
                 in file order.",
            )),
            Block::Table(Table {
                columns: columns(&[
                    "Since",
                    "Until",
                    "From",
                    "Relation",
                    "To",
                    "What the source says",
                    "Evidence",
                ]),
                rows,
            }),
        ]
    }

    fn type_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.graph.data.doc.relation_types.len()];
        for &i in &self.admitted {
            counts[self.graph.data.link(i).relation_type.index()] += 1;
        }
        counts
    }

    fn type_overview(&self) -> Vec<Block> {
        let counts = self.type_counts();
        let rows = self
            .graph
            .data
            .doc
            .relation_types
            .iter()
            .zip(counts)
            .map(|(relation_type, count)| {
                let name = if count > 0 {
                    Text(vec![Inline::Link {
                        text: relation_type.label.clone(),
                        anchor: anchor("type", &relation_type.id),
                    }])
                } else {
                    Text::plain(relation_type.label.clone())
                };
                vec![
                    name,
                    Text::plain(relation_type.id.to_string()),
                    Text::plain(relation_type.polarity.as_str()),
                    Text::plain(if relation_type.directed { "yes" } else { "no" }),
                    Text::plain(count.to_string()),
                    Text::plain(relation_type.description.clone().unwrap_or_default()),
                ]
            })
            .collect();
        vec![Block::Table(Table {
            columns: columns(&["Type", "Id", "Polarity", "Directed", "Relations", "Meaning"]),
            rows,
        })]
    }

    fn type_sections(&self) -> Vec<Section> {
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
                    blocks: vec![Self::figure(
                        file,
                        format!("Relations of type {}", relation_type.label),
                    )],
                })
            })
            .collect()
    }
}

/// `n` followed by `one` or `many`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|&n| n.to_owned()).collect()
}

/// The direction of a relation seen from an entity, in words.
fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::Out => "outgoing",
        Direction::In => "incoming",
        Direction::Both => "mutual",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::blocs::blocs;
    use crate::graph::tests::{signed, small};

    fn summary_of(graph: &RelGraph) -> Vec<String> {
        let figures = Figures::default();
        let setup = Setup {
            title: "T",
            origin: "g.json",
            input_sha256: "ab",
            figures: &figures,
            mermaid: "",
        };
        let filter = Filter::default();
        let doc = document(graph, &filter, &setup, blocs(graph, &filter, None, false));
        let Some(Block::List(sentences)) = doc.sections[0].blocks.last() else {
            panic!("the summary ends with its sentences");
        };
        sentences
            .iter()
            .map(|sentence| {
                sentence
                    .0
                    .iter()
                    .map(|piece| match piece {
                        Inline::Plain(s) | Inline::Strong(s) => s.clone(),
                        Inline::Link { text, .. } | Inline::Web { text, .. } => text.clone(),
                        Inline::Cite(numbers) => format!("{numbers:?}"),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_frustrated_triangle_is_summarised() {
        let graph = signed(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, -1.0)]);
        let summary = summary_of(&graph);
        assert_eq!(
            summary[0],
            "The report covers 3 entities and 3 relations of 2 types."
        );
        assert!(
            summary[2].ends_with(". 1 tie contradicts it (frustration 1.0000; proven optimal)."),
            "{summary:?}"
        );
        assert_eq!(
            summary[3],
            "Of 1 triangle of partners, 1 is unbalanced: Entity 0, Entity 1 and Entity 2."
        );
    }

    #[test]
    fn the_small_graph_is_summarised() {
        let summary = summary_of(&small());
        assert_eq!(
            summary,
            [
                "The report covers 3 entities and 3 relations of 3 types, dated from 2020 to 2022-02.",
                "Alpha is the most central entity: first by PageRank (0.4865), with 2 partners.",
                "Signed ties split the entities into 2 blocs: Alpha and Beta; 1 entity stands alone. No tie contradicts this split (proven optimal).",
                "No three entities are all partners of one another, so structural balance does not apply.",
                "The latest relations: 2022-02, Alpha – sanction – Gamma [1]; 2020, Alpha – alliance – Beta [1].",
            ]
        );
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(1, "tie", "ties"), "1 tie");
        assert_eq!(counted(0, "tie", "ties"), "0 ties");
        assert_eq!(number(-0.0), "0.0000");
    }
}
