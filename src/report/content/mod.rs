//! What the report says: its sections, built from the analyses as a
//! format-neutral [`Document`] that the Markdown and HTML exporters print.
//!
//! Sections: summary (sentences generated from the data), sources, the
//! whole graph, one subsection per entity with its partners, rankings,
//! blocs and frustrating ties, balance, timeline, relation types, and the
//! numbered evidence every table row refers to.

mod caveats;
mod entities;
mod findings;
mod summary;
mod types;

use std::collections::HashMap;

use super::analyses::Analyses;
use super::citations::{Citations, describe_source};
use crate::analysis::rank::scores::{AllScores, Ranking};
use crate::export::document::{Block, Document, Figure, Inline, Section, Text, anchor};
use crate::graph::{Direction, Filter, RelGraph};
use crate::model::{EntityIx, RelationIx, shown_date};
use crate::query::verify::EvidenceSummary;

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
    /// Diagram files that could not be drawn, with why.
    pub undrawn: std::collections::BTreeMap<String, String>,
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
    /// How the quotes fared against their sources' texts.
    pub verification: &'a EvidenceSummary,
}

/// The report of the relations `filter` admits, from their `analyses`.
pub fn document(
    graph: &RelGraph,
    filter: &Filter,
    setup: &Setup<'_>,
    analyses: &Analyses,
) -> Document {
    let composer = Composer {
        graph,
        filter,
        setup,
        analyses,
        citations: Citations::number(graph, analyses.admitted.iter().copied()),
        relation_index: graph
            .data
            .relation_indices()
            .map(|i| (graph.data.relation(i).id.as_str(), i))
            .collect(),
    };
    composer.document()
}

/// The analyses behind the report, and the citations its rows refer to.
struct Composer<'a> {
    graph: &'a RelGraph,
    filter: &'a Filter,
    setup: &'a Setup<'a>,
    analyses: &'a Analyses,
    citations: Citations,
    relation_index: HashMap<&'a str, RelationIx>,
}

/// Anchors of the top-level sections.
const SUMMARY: &str = "summary";
const SOURCES: &str = "sources";
const ENTITIES: &str = "entities";
const RANKINGS: &str = "rankings";
const BLOCS: &str = "blocs";
const BALANCE: &str = "balance";
const TIMELINE: &str = "timeline";
const CAVEATS: &str = "caveats";
const TYPES: &str = "relation-types";
const EVIDENCE: &str = "evidence";
const ABOUT: &str = "about";

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
    /// Every centrality of every entity, by PageRank.
    fn all_scores(&self) -> &[AllScores] {
        match &self.analyses.ranking {
            Ranking::All(rows) => rows,
            Ranking::One(_) => &[],
        }
    }

    fn document(&self) -> Document {
        let mut sections = vec![
            section(SUMMARY, "Main findings", self.summary()),
            section(ENTITIES, "Entities", self.entity_overview()),
        ];
        sections.extend(self.entity_sections());
        sections.push(section(RANKINGS, "Rankings", self.rankings()));
        sections.push(section(BLOCS, "Blocs", self.bloc_blocks()));
        sections.push(section(BALANCE, "Balance", self.balance_blocks()));
        sections.push(section(TIMELINE, "Timeline", self.timeline_blocks()));
        sections.push(section(CAVEATS, "Caveats", self.caveat_blocks()));
        sections.push(section(TYPES, "Relation types", self.type_overview()));
        sections.extend(self.type_sections());
        sections.push(section(SOURCES, "Sources", self.sources()));
        sections.push(section(
            EVIDENCE,
            "Evidence",
            vec![
                Block::Paragraph(Text::plain(format!(
                    "Every numbered reference in the tables above points to one of these quotes. {}",
                    verification_text(self.setup.verification)
                ))),
                Block::Citations(self.citations.list.clone()),
            ],
        ));
        sections.push(section(ABOUT, "About this report", self.about()));
        Document {
            title: self.setup.title.to_owned(),
            byline: self.byline(),
            contents: true,
            sections,
        }
    }

    fn byline(&self) -> Vec<Text> {
        let when = match self.filter.as_of {
            Some(date) if date.to_string().len() == 10 => {
                format!("Relations active on {date}")
            }
            Some(date) => format!("Relations active at some time in {date}"),
            None => "All relations, whatever their dates".to_owned(),
        };
        vec![Text::plain(format!(
            "{when}. Made with relgraph from {}.",
            self.setup.origin
        ))]
    }

    /// Where the report came from, exactly.
    fn about(&self) -> Vec<Block> {
        let setup = self.setup;
        vec![Block::Paragraph(Text::plain(format!(
            "Made by relgraph {} from {} (SHA-256 {}). manifest.json, beside this report, \
             lists every file with its SHA-256 and the renderer that drew the diagrams.",
            env!("CARGO_PKG_VERSION"),
            setup.origin,
            setup.input_sha256
        )))]
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

    /// An entity's name, by id (the id itself if none has it).
    fn name_of(&self, id: &str) -> String {
        self.graph.data.names.get(id).map_or_else(
            || id.to_owned(),
            |e| self.graph.data.entity(e).name.to_string(),
        )
    }

    /// Relations by id, as "who → whom, type" each with its citations.
    fn relations_cell(&self, ids: &[String]) -> Text {
        let mut cell = Text::default();
        let relations = ids
            .iter()
            .filter_map(|id| self.relation_index.get(id.as_str()));
        for (n, &i) in relations.enumerate() {
            if n > 0 {
                cell.push("; ");
            }
            cell.push(self.relation_text(i));
            let numbers = self.citations.of(i);
            if !numbers.is_empty() {
                cell.push(" ").add(Inline::Cite(numbers.to_vec()));
            }
        }
        cell
    }

    /// "Russia → North Korea, Arms supply" (– for undirected types).
    fn relation_text(&self, relation: RelationIx) -> String {
        let data = &self.graph.data;
        let link = data.link(relation);
        let kind = data.relation_type(relation);
        let arrow = if kind.directed { "→" } else { "–" };
        format!(
            "{} {arrow} {}, {}",
            data.entity(link.source).name,
            data.entity(link.target).name,
            kind.label
        )
    }

    fn type_label(&self, relation: RelationIx) -> String {
        self.graph.data.relation_type(relation).label.clone()
    }

    fn dates(&self, relation: RelationIx) -> [Text; 2] {
        let link = self.graph.data.link(relation);
        let show = |date| shown_date(date, link.inferred.date);
        let until = if link.event {
            "(event)".to_owned()
        } else {
            show(link.until)
        };
        [Text::plain(show(link.since)), Text::plain(until)]
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

    /// The diagram `file`, or where it could not be drawn, a paragraph saying
    /// why and where its Graphviz source is.
    fn figure(&self, file: &str, caption: String) -> Block {
        match self.setup.figures.undrawn.get(file) {
            Some(reason) => Block::Paragraph(Text::plain(format!(
                "The diagram “{caption}” could not be drawn ({reason}); its Graphviz source is {} \
                 in this folder.",
                file.replace(".svg", ".dot")
            ))),
            None => Block::Figure(Figure {
                file: file.to_owned(),
                caption,
            }),
        }
    }

    // Sections that need no analysis.

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
            self.figure(&self.setup.figures.graph, self.setup.title.to_owned()),
            Block::Paragraph(Text::plain(
                "Where two entities share more than three relations, they are drawn as one \
                 line per direction, listing their types and coloured by net polarity (blue \
                 cooperative, red hostile, grey neutral or balanced), thicker for more \
                 relations; hostile lines are dashed, neutral ones dotted, and undirected \
                 relations have no arrowhead. Hover a line for each relation and its quote; \
                 click a diagram to enlarge it.",
            )),
            Block::Mermaid(self.setup.mermaid.to_owned()),
        ]
    }
}

/// `n` followed by `one` or `many`.
/// What `relgraph verify` found, as a sentence or two for readers.
fn verification_text(summary: &EvidenceSummary) -> String {
    let quotes = summary.quotes();
    if quotes == 0 {
        return String::new();
    }
    if summary.texts.is_empty() {
        return format!(
            "The quotes were not checked against their sources: no source text was found{}.",
            missing_list(summary)
        );
    }
    let mut text = format!(
        "Each quote was checked against the text of its source ({}) with relgraph verify: {} verbatim",
        summary.texts.join(", "),
        counted(summary.exact, "quote", "quotes")
    );
    if summary.normalised > 0 {
        text.push_str(&format!(
            ", {} after normalising spaces and typographic marks",
            summary.normalised
        ));
    }
    text.push('.');
    if summary.not_found > 0 {
        text.push_str(&format!(
            " {} not found in it: run relgraph verify for the closest passages.",
            counted(summary.not_found, "quote was", "quotes were")
        ));
    }
    if summary.unchecked > 0 {
        text.push_str(&format!(
            " {} not checked: no text of their source{}.",
            counted(summary.unchecked, "quote was", "quotes were"),
            missing_list(summary)
        ));
    }
    text
}

/// ` (missing: a.txt, b.txt)`, or nothing.
fn missing_list(summary: &EvidenceSummary) -> String {
    if summary.missing.is_empty() {
        String::new()
    } else {
        format!(" (missing: {})", summary.missing.join(", "))
    }
}

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
    use crate::graph::tests::{signed, small};

    fn summary_of(graph: &RelGraph) -> Vec<String> {
        let figures = Figures::default();
        let verification = EvidenceSummary::default();
        let setup = Setup {
            title: "T",
            origin: "g.json",
            input_sha256: "ab",
            figures: &figures,
            mermaid: "",
            verification: &verification,
        };
        let filter = Filter::default();
        let doc = document(graph, &filter, &setup, &Analyses::compute(graph, &filter));
        let Some(Block::List(sentences)) = doc.sections[0].blocks.first() else {
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
    fn the_evidence_says_how_the_quotes_were_verified() {
        let texts = vec!["a.txt".to_owned()];
        let all = EvidenceSummary {
            exact: 3,
            normalised: 1,
            texts: texts.clone(),
            ..EvidenceSummary::default()
        };
        assert_eq!(
            verification_text(&all),
            "Each quote was checked against the text of its source (a.txt) with relgraph verify: \
             3 quotes verbatim, 1 after normalising spaces and typographic marks."
        );
        let some = EvidenceSummary {
            exact: 1,
            not_found: 1,
            unchecked: 2,
            texts,
            missing: vec!["b.txt".to_owned()],
            ..EvidenceSummary::default()
        };
        let text = verification_text(&some);
        assert!(text.contains("1 quote was not found in it"), "{text}");
        assert!(
            text.contains("2 quotes were not checked: no text of their source (missing: b.txt)."),
            "{text}"
        );
        let none = EvidenceSummary {
            unchecked: 2,
            ..EvidenceSummary::default()
        };
        assert!(verification_text(&none).starts_with("The quotes were not checked"));
        assert_eq!(verification_text(&EvidenceSummary::default()), "");
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(counted(1, "tie", "ties"), "1 tie");
        assert_eq!(counted(0, "tie", "ties"), "0 ties");
        assert_eq!(number(-0.0), "0.0000");
    }
}
