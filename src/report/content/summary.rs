//! The summary: sentences generated from the analyses, and the byline.

use super::{Composer, counted, number};
use crate::analysis::timeline::Entry;
use crate::diagnostic::plural;
use crate::export::document::{Block, Inline, Text};
use crate::model::{PartialDate, shown_date};

impl Composer<'_> {
    pub(super) fn summary(&self) -> Vec<Block> {
        let mut blocks = Vec::new();
        let sentences = [
            Some(self.size_sentence()),
            self.centrality_sentence(),
            Some(self.bloc_sentence()),
            Some(self.balance_sentence()),
            self.latest_sentence(),
        ];
        blocks.push(Block::List(sentences.into_iter().flatten().collect()));
        blocks.extend(self.whole_graph());
        if let Some(description) = &self.graph.data.doc.description {
            blocks.push(Block::Paragraph(Text::plain(description.clone())));
        }
        blocks
    }

    pub(super) fn size_sentence(&self) -> Text {
        let doc = &self.graph.data.doc;
        let types_used = self.analyses.type_counts.iter().filter(|&&n| n > 0).count();
        let dates: Vec<PartialDate> = self
            .analyses
            .admitted
            .iter()
            .filter_map(|&i| self.graph.data.link(i).since)
            .collect();
        let mut sentence = format!(
            "The report covers {} and {} of {}",
            counted(doc.entities.len(), "entity", "entities"),
            plural(self.analyses.admitted.len(), "relation"),
            plural(types_used, "type")
        );
        if let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) {
            let the = if first.is_decade() { "the " } else { "" };
            sentence.push_str(&format!(", dated from {the}{first} to {last}"));
        }
        sentence.push('.');
        Text::plain(sentence)
    }

    pub(super) fn centrality_sentence(&self) -> Option<Text> {
        let top = self.all_scores().first()?;
        let index = self.graph.data.names.get(&top.id)?;
        let mut text = Text::default();
        text.add(self.entity_link(index)).push(format!(
            " is the most central entity: first by PageRank ({}), with {} partners",
            number(top.pagerank),
            top.degree
        ));
        let broker = self.all_scores().iter().max_by(|a, b| {
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

    pub(super) fn bloc_sentence(&self) -> Text {
        let report = &self.analyses.blocs;
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
    pub(super) fn push_names(&self, text: &mut Text, ids: &[impl AsRef<str>]) {
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                text.push(if i + 1 == ids.len() { " and " } else { ", " });
            }
            text.add(self.entity_link_by_id(id.as_ref()));
        }
    }

    pub(super) fn balance_sentence(&self) -> Text {
        let report = &self.analyses.balance;
        if report.triangles == 0 {
            return Text::plain(
                "No three entities are all partners of one another, so structural balance does not apply.",
            );
        }
        if report.unbalanced_count == 0 {
            return Text::plain(format!(
                "{} of partners {} balanced: no friend of a friend is an enemy.",
                plural(report.triangles, "triangle"),
                if report.triangles == 1 {
                    "is"
                } else {
                    "are all"
                }
            ));
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
            self.push_names(&mut text, &report.entities_of(triangle));
        }
        if report.unbalanced_count > 3 {
            text.push("; …");
        }
        text.push(".");
        text
    }

    pub(super) fn latest_sentence(&self) -> Option<Text> {
        let latest: Vec<&Entry> = self.analyses.timeline.dated.iter().rev().take(3).collect();
        if latest.is_empty() {
            return None;
        }
        let mut text = Text::plain("The latest relations: ");
        for (n, entry) in latest.iter().enumerate() {
            if n > 0 {
                text.push("; ");
            }
            let index = self.relation_index.get(entry.facts.id.as_str()).copied();
            let since = shown_date(entry.facts.since, entry.facts.date_inferred());
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
}
