//! Questions asked of the graph. Each query is a function from the graph and
//! a [`Filter`](crate::graph::Filter) to a plain result that derives
//! `Serialize` and describes itself as rows; printing is left to
//! [`export`](crate::export).

pub mod diagram;
pub mod entities;
pub mod partners;
pub mod relations;
pub mod summary;

use serde::Serialize;

use crate::graph::RelGraph;
use crate::model::{Evidence, PartialDate};

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
pub fn quotes(graph: &RelGraph, index: usize) -> Vec<Quote> {
    graph.data.doc.relations[index]
        .evidence
        .iter()
        .map(Quote::from)
        .collect()
}

/// Orders relations chronologically by `since`, undated ones last, then by file order.
pub fn chronological_key(
    since: Option<PartialDate>,
    index: usize,
) -> (bool, Option<PartialDate>, usize) {
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
