//! Output formats. Each format lives in its own file and turns data into
//! bytes behind the one [`Export`] trait; the caller decides whether the bytes
//! go to stdout or to a file.

pub mod csv;
pub mod document;
pub mod dot;
pub mod html;
pub mod json;
pub mod look;
pub mod markdown;
pub mod mermaid;
pub mod summary;
pub mod table;

use serde::Serialize;

use crate::error::Error;

/// An output format for data of type `T`.
pub trait Export<T: ?Sized> {
    /// The bytes of `data` in this format.
    fn export(&self, data: &T) -> Result<Vec<u8>, Error>;
}

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

/// The formats of listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListingFormat {
    /// An aligned text table.
    Table,
    /// Pretty-printed JSON.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

impl ListingFormat {
    /// The exporter for this format.
    pub fn exporter(self) -> Box<dyn Export<dyn Listing>> {
        match self {
            ListingFormat::Table => Box::new(table::TableExport),
            ListingFormat::Json => Box::new(json::JsonExport),
            ListingFormat::Csv => Box::new(csv::CsvExport),
        }
    }
}

/// `text` with every character that `replace` maps to a string replaced by
/// it (an empty string drops the character): the one loop behind each
/// format's escaping.
///
/// ```
/// use relgraph::export::escape_chars;
/// let upper_vowels = |c| match c { 'a' => Some("A"), '\r' => Some(""), _ => None };
/// assert_eq!(escape_chars("banana\r", upper_vowels), "bAnAnA");
/// ```
pub fn escape_chars(text: &str, replace: impl Fn(char) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match replace(c) {
            Some(replacement) => out.push_str(replacement),
            None => out.push(c),
        }
    }
    out
}

/// A cell for an optional value: its text, or empty.
pub fn cell<T: ToString>(value: &Option<T>) -> String {
    value.as_ref().map(ToString::to_string).unwrap_or_default()
}
