//! The vocabulary every answer shares for being listed: rows of cells under
//! named columns ([`Rows`], [`Tabular`]), the [`Listing`] that every listing
//! format prints, and what any listing says about a relation ([`relation`]).
//!
//! It sits below the query and analysis layers, which describe their results
//! with it, and above the graph; it knows no output format: the printers in
//! the export layer turn rows into tables, CSV or JSON.

pub mod relation;

use serde::Serialize;

pub use relation::{
    Quote, RelationFacts, chronological_key, quotes, quotes_cell, with_caveats_column,
    with_evidence_column,
};

/// Rows of text under named columns: what tables and CSV print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// Column headers.
    pub columns: Vec<&'static str>,
    /// One vector of cells per row, as many as there are columns.
    pub rows: Vec<Vec<String>>,
}

/// Data that can be shown as rows (table, CSV).
pub trait Tabular {
    /// The data as rows of text.
    fn rows(&self) -> Rows;

    /// Whether there is nothing to list.
    fn is_empty(&self) -> bool {
        self.rows().rows.is_empty()
    }
}

/// A result that every listing format can print: rows for tables and CSV,
/// its serde shape for JSON.
pub trait Listing: Tabular {
    /// The data as pretty-printed JSON, ending in a newline.
    fn json(&self) -> serde_json::Result<Vec<u8>>;
}

impl<T: Tabular + Serialize> Listing for T {
    fn json(&self) -> serde_json::Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// Rows given as they are, for tests of the printers.
#[cfg(test)]
pub(crate) struct FixedRows(pub Rows);

#[cfg(test)]
impl Serialize for FixedRows {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_unit()
    }
}

#[cfg(test)]
impl Tabular for FixedRows {
    fn rows(&self) -> Rows {
        self.0.clone()
    }
}

#[cfg(test)]
impl FixedRows {
    /// One table of `columns` and string `rows`.
    pub(crate) fn of(columns: &[&'static str], rows: &[&[&str]]) -> Self {
        FixedRows(Rows {
            columns: columns.to_vec(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|&cell| cell.to_owned()).collect())
                .collect(),
        })
    }
}

/// A cell for an optional value: its text, or empty.
pub fn cell<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}
