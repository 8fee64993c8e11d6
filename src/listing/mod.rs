//! The vocabulary every answer shares for being listed: rows of cells under
//! named columns ([`Rows`], [`Tabular`]), the [`Listing`] that every listing
//! format prints, and what any listing says about a relation ([`relation`]).
//!
//! It sits below the query and analysis layers, which describe their results
//! with it, and above the graph; it knows no output format: the printers in
//! the export layer turn rows into tables, CSV or JSON.

pub mod relation;

use std::io::{self, Write};

use serde::Serialize;

pub use relation::{
    Quote, RelationFacts, chronological_key, evidence_cell, has_caveats, has_evidence, quotes,
    quotes_cell, with_caveats_column, with_evidence_column,
};

/// Rows of text under named columns: what tables and CSV print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// Column headers.
    pub columns: Vec<&'static str>,
    /// One vector of cells per row, as many as there are columns.
    pub rows: Vec<Vec<String>>,
}

impl Rows {
    /// The rows `listing` gives one at a time ([`Tabular::each_row`]), held
    /// together: the [`Tabular::rows`] of a listing that makes its rows one
    /// at a time.
    pub fn of(listing: &(impl Tabular + ?Sized)) -> Rows {
        let mut rows = Rows::default();
        let Ok(()) = listing.each_row(&mut rows) else {
            unreachable!("rows held in memory are never refused")
        };
        rows
    }
}

/// Where a listing's rows go one at a time: printers that write each row
/// as it comes (CSV) need not hold them all.
pub trait RowSink {
    /// The column headers, given first.
    fn columns(&mut self, columns: &[&'static str]) -> io::Result<()>;

    /// One row, as many cells as there are columns.
    fn row(&mut self, cells: Vec<String>) -> io::Result<()>;
}

impl RowSink for Rows {
    fn columns(&mut self, columns: &[&'static str]) -> io::Result<()> {
        self.columns = columns.to_vec();
        Ok(())
    }

    fn row(&mut self, cells: Vec<String>) -> io::Result<()> {
        self.rows.push(cells);
        Ok(())
    }
}

/// Data that can be shown as rows (table, CSV).
pub trait Tabular {
    /// The data as rows of text.
    fn rows(&self) -> Rows;

    /// The columns, then each row, given to `sink` one at a time: by
    /// default those of [`Tabular::rows`]; listings that can be long make
    /// each row as they give it, and build [`Tabular::rows`] with [`Rows::of`].
    fn each_row(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let rows = self.rows();
        sink.columns(&rows.columns)?;
        rows.rows.into_iter().try_for_each(|row| sink.row(row))
    }

    /// Whether there is nothing to list.
    fn is_empty(&self) -> bool {
        self.rows().rows.is_empty()
    }
}

/// A result that every listing format can print: rows for tables and CSV,
/// its serde shape for JSON.
pub trait Listing: Tabular {
    /// Writes the data as pretty-printed JSON, ending in a newline, as it
    /// is serialised.
    fn write_json(&self, out: &mut dyn Write) -> io::Result<()>;
}

impl<T: Tabular + Serialize> Listing for T {
    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, self)?;
        out.write_all(b"\n")
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
