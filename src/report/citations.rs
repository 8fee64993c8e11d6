//! Numbered evidence for a report: every distinct quote of the relations in
//! the report gets a number, in file order, and each relation knows the
//! numbers of its quotes.

use std::collections::{HashMap, HashSet};

use crate::export::document::Citation;
use crate::graph::RelGraph;
use crate::model::{Evidence, RelationIx, Source};

/// The report's citations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    /// Every citation, numbered from 1.
    pub list: Vec<Citation>,
    /// Citation numbers of each relation, by relation index.
    by_relation: Vec<Vec<usize>>,
    /// The numbers of each recorded conflict's quotes, in document order.
    by_conflict: Vec<Vec<usize>>,
}

impl Citations {
    /// Numbers the quotes of `relations` (relation indices, in report
    /// order), then those of the recorded conflicts that concern them; a
    /// quote that backs several relations is numbered once.
    pub fn number(graph: &RelGraph, relations: impl IntoIterator<Item = RelationIx>) -> Self {
        let doc = &graph.data.doc;
        let mut citations = Citations {
            list: Vec::new(),
            by_relation: vec![Vec::new(); graph.data.records.len()],
            by_conflict: vec![Vec::new(); doc.conflicts.len()],
        };
        let mut seen: HashMap<(&str, &str, Option<&str>), usize> = HashMap::new();
        let mut ids = HashSet::new();
        for index in relations {
            let relation = graph.data.relation(index);
            ids.insert(relation.id.as_str());
            for evidence in relation.evidence.iter() {
                let number = citations.cite(&mut seen, &doc.sources, evidence);
                if !citations.by_relation[index.index()].contains(&number) {
                    citations.by_relation[index.index()].push(number);
                }
            }
        }
        for (at, conflict) in doc.conflicts.iter().enumerate() {
            if !conflict.relations.iter().any(|r| ids.contains(r.as_str())) {
                continue;
            }
            for evidence in conflict.evidence.iter() {
                let number = citations.cite(&mut seen, &doc.sources, evidence);
                if !citations.by_conflict[at].contains(&number) {
                    citations.by_conflict[at].push(number);
                }
            }
        }
        citations
    }

    /// The number of `evidence`, given it if it is new.
    fn cite<'d>(
        &mut self,
        seen: &mut HashMap<(&'d str, &'d str, Option<&'d str>), usize>,
        sources: &[Source],
        evidence: &'d Evidence,
    ) -> usize {
        let key = (
            evidence.source.as_str(),
            evidence.quote.as_str(),
            evidence.translation.as_deref(),
        );
        *seen.entry(key).or_insert_with(|| {
            let number = self.list.len() + 1;
            self.list.push(Citation {
                number,
                quote: evidence.quote.clone(),
                translation: evidence.translation.clone(),
                source: short_source(sources, &evidence.source),
            });
            number
        })
    }

    /// The numbers of the quotes of conflict `at` (in the document's
    /// `conflicts`); none when it concerns no relation of the report.
    pub fn of_conflict(&self, at: usize) -> &[usize] {
        self.by_conflict.get(at).map_or(&[], Vec::as_slice)
    }

    /// The numbers of relation `index`'s quotes.
    pub fn of(&self, index: RelationIx) -> &[usize] {
        self.by_relation
            .get(index.index())
            .map_or(&[], Vec::as_slice)
    }
}

/// "Author (date)" for source `id`: the Sources section describes it whole.
/// The id itself when the graph does not describe it.
pub fn short_source(sources: &[Source], id: &str) -> String {
    match sources.iter().find(|s| s.id == id) {
        Some(s) => format!("{} ({})", s.author, s.published),
        None => format!("source '{id}'"),
    }
}

/// "Author, “Title”, Publisher, date" for source `id`, or the id itself
/// when the graph does not describe it.
pub fn describe_source(sources: &[Source], id: &str) -> String {
    match sources.iter().find(|s| s.id == id) {
        Some(s) => format!(
            "{}, “{}”, {}, {}",
            s.author, s.title, s.publisher, s.published
        ),
        None => format!("source '{id}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn a_quote_shared_by_relations_is_cited_once() {
        let citations = Citations::number(&small(), RelationIx::all(3));
        assert_eq!(citations.list.len(), 1);
        assert_eq!(citations.list[0].source, "a (2024)");
        assert_eq!(citations.of(RelationIx(0)), [1]);
        assert_eq!(citations.of(RelationIx(2)), [1]);
        assert!(citations.of(RelationIx(u32::MAX)).is_empty());
    }

    #[test]
    fn relations_left_out_get_no_numbers() {
        let citations = Citations::number(&small(), [RelationIx(1)]);
        assert_eq!(citations.of(RelationIx(1)), [1]);
        assert!(citations.of(RelationIx(0)).is_empty());
    }

    #[test]
    fn unknown_sources_are_named_by_id() {
        assert_eq!(describe_source(&[], "x"), "source 'x'");
    }
}
