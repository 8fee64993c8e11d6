//! What every listing says about a relation: its facts, and the quotes behind it.

use serde::Serialize;

use super::cell;
use crate::graph::RelGraph;
use crate::model::{Evidence, Inferred, PartialDate, Polarity, RelationIx, shown_date};

/// What every listing says about a relation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationFacts {
    /// Relation id.
    pub id: String,
    /// Relation type id.
    #[serde(rename = "type")]
    pub relation_type: String,
    /// Polarity of the type.
    pub polarity: Polarity,
    /// Start.
    pub since: Option<PartialDate>,
    /// End.
    pub until: Option<PartialDate>,
    /// An event (one date) rather than a state (a period).
    pub event: bool,
    /// What the source says, in a few words.
    pub label: Option<String>,
    /// The facts the editor inferred, with notes (absent: all stated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Inferred>,
    /// Contradictions recorded about it, one sentence each (absent: none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<String>,
    /// The quotes behind it, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Vec<Quote>>,
}

impl RelationFacts {
    /// The facts of relation `index`, with its quotes if `evidence`.
    pub fn of(graph: &RelGraph, index: RelationIx, evidence: bool) -> Self {
        let data = &graph.data;
        let relation = data.relation(index);
        let link = data.link(index);
        let relation_type = data.relation_type(index);
        RelationFacts {
            id: relation.id.to_string(),
            relation_type: relation_type.id.to_string(),
            polarity: relation_type.polarity,
            since: link.since,
            until: link.until,
            event: link.event,
            label: relation.label.clone(),
            inferred: relation.inferred.as_deref().cloned(),
            conflicts: conflicts_of(graph, index),
            evidence: evidence.then(|| quotes(graph, index)),
        }
    }

    /// Whether the editor inferred the dates.
    pub fn date_inferred(&self) -> bool {
        self.inferred.as_ref().is_some_and(|i| i.date.is_some())
    }

    /// What a reader must know before trusting the relation: each inferred
    /// fact with its note, then each recorded conflict; empty when none.
    pub fn caveats(&self) -> String {
        let inferred = self.inferred.iter().flat_map(Inferred::facts);
        inferred
            .map(|(fact, note)| format!("{fact} inferred: {note}"))
            .chain(self.conflicts.iter().cloned())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Column names of [`RelationFacts::cells`].
    pub const COLUMNS: [&'static str; 5] = ["type", "polarity", "since", "until", "label"];

    /// Cells for type, polarity, since, until and label, in that order.
    pub fn cells(&self) -> [String; 5] {
        [
            self.relation_type.clone(),
            self.polarity.as_str().to_owned(),
            shown_date(self.since, self.date_inferred()),
            shown_date(self.until, self.date_inferred()),
            cell(&self.label),
        ]
    }
}

/// One sentence per conflict recorded about relation `index`: its kind
/// and the other relations it concerns.
pub fn conflicts_of(graph: &RelGraph, index: RelationIx) -> Vec<String> {
    let data = &graph.data;
    let id = data.relation(index).id.as_str();
    data.doc
        .conflicts
        .iter()
        .filter(|c| c.relations.iter().any(|r| r == id))
        .map(|c| {
            let others: Vec<&str> = c
                .relations
                .iter()
                .map(|r| r.as_str())
                .filter(|r| *r != id)
                .collect();
            format!("{} with {}", c.kind.describe(), others.join(", "))
        })
        .collect()
}

/// Whether a listing of relations with `facts` has a caveats column: when
/// evidence was asked for and any relation has a caveat (an inferred fact,
/// a recorded conflict).
pub fn has_caveats<'a>(facts: impl Iterator<Item = &'a RelationFacts> + Clone) -> bool {
    let asked = facts.clone().any(|f| f.evidence.is_some());
    asked && facts.map(RelationFacts::caveats).any(|c| !c.is_empty())
}

/// Appends the caveats column to `rows` when [`has_caveats`].
pub fn with_caveats_column<'a>(
    columns: &mut Vec<&'static str>,
    rows: &mut [Vec<String>],
    facts: impl Iterator<Item = &'a RelationFacts> + Clone,
) {
    if has_caveats(facts.clone()) {
        columns.push("caveats");
        for (row, facts) in rows.iter_mut().zip(facts) {
            row.push(facts.caveats());
        }
    }
}

/// Whether a listing of relations with `evidence` has an evidence column:
/// when any relation has evidence.
pub fn has_evidence<'a>(mut evidence: impl Iterator<Item = &'a Option<Vec<Quote>>>) -> bool {
    evidence.any(|e| e.is_some())
}

/// The evidence cell of a relation with `evidence`.
pub fn evidence_cell(evidence: &Option<Vec<Quote>>) -> String {
    evidence.as_deref().map(quotes_cell).unwrap_or_default()
}

/// Appends the evidence column to `rows` when any row has evidence.
pub fn with_evidence_column<'a>(
    columns: &mut Vec<&'static str>,
    rows: &mut [Vec<String>],
    evidence: impl Iterator<Item = &'a Option<Vec<Quote>>> + Clone,
) {
    if has_evidence(evidence.clone()) {
        columns.push("evidence");
        for (row, evidence) in rows.iter_mut().zip(evidence) {
            row.push(evidence_cell(evidence));
        }
    }
}

/// An evidence item as printed: the quote, its translation and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Source id.
    pub source: String,
    /// The passage, verbatim.
    pub quote: String,
    /// The English translation, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

impl From<&Evidence> for Quote {
    fn from(evidence: &Evidence) -> Self {
        Quote {
            source: evidence.source.to_string(),
            quote: evidence.quote.clone(),
            translation: evidence.translation.clone(),
        }
    }
}

/// The quotes behind relation `index`.
pub fn quotes(graph: &RelGraph, index: RelationIx) -> Vec<Quote> {
    graph
        .data
        .relation(index)
        .evidence
        .iter()
        .map(Quote::from)
        .collect()
}

/// Orders relations chronologically by `since`, undated ones last, then by file order.
pub fn chronological_key(
    since: Option<PartialDate>,
    index: RelationIx,
) -> (bool, Option<PartialDate>, RelationIx) {
    (since.is_none(), since, index)
}

/// Evidence as one cell: each quote, with its translation in brackets.
pub fn quotes_cell(quotes: &[Quote]) -> String {
    quotes
        .iter()
        .map(|q| match &q.translation {
            Some(translation) => format!("{} [{translation}]", q.quote),
            None => q.quote.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
