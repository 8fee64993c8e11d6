//! Output formats. Each format lives in its own file and turns data into
//! bytes behind the one [`Export`] trait; the caller decides whether the bytes
//! go to stdout or to a file.

pub mod csv;
pub mod cypher;
pub mod document;
pub mod dot;
pub mod gexf;
pub mod graph_csv;
pub mod graphml;
pub mod html;
pub mod json;
pub mod legend;
pub mod look;
pub mod markdown;
pub mod markdown_table;
pub mod mermaid;
pub mod scene;
pub mod summary;
pub mod table;
pub mod verify;

use std::io::{self, Write};

use crate::error::Error;
use crate::listing::Listing;
use crate::model::DocumentView;

/// An output format for data of type `T`.
pub trait Export<T: ?Sized> {
    /// The bytes of `data` in this format.
    fn export(&self, data: &T) -> Result<Vec<u8>, Error>;

    /// Writes `data` in this format to `out`. Formats of whole graphs, which
    /// can be large, write as they go and never hold the whole text; the
    /// others write the bytes of [`Export::export`].
    fn write_to(&self, data: &T, out: &mut dyn Write) -> io::Result<()> {
        let bytes = self.export(data).map_err(io::Error::other)?;
        out.write_all(&bytes)
    }
}

/// The bytes a streaming format's [`Export::write_to`] writes: its
/// [`Export::export`].
pub fn written(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    write(&mut bytes).map_err(|err| Error::Format {
        format: "output",
        reason: err.to_string(),
    })?;
    Ok(bytes)
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
    /// A GitHub-flavoured Markdown table.
    Markdown,
}

impl ListingFormat {
    /// The exporter for this format; tables fit `width` columns when given.
    pub fn exporter(self, width: Option<u16>) -> Box<dyn Export<dyn Listing>> {
        match self {
            ListingFormat::Table => Box::new(table::TableExport { width }),
            ListingFormat::Json => Box::new(json::JsonExport),
            ListingFormat::Csv => Box::new(csv::CsvExport),
            ListingFormat::Markdown => Box::new(markdown_table::MarkdownTableExport),
        }
    }
}

/// The formats of whole graphs written as one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// relgraph's own graph file.
    Json,
    /// GraphML.
    Graphml,
    /// GEXF 1.3.
    Gexf,
    /// A Cypher script.
    Cypher,
}

impl GraphFormat {
    /// The exporter for this format.
    pub fn exporter(self) -> Box<dyn for<'a> Export<DocumentView<'a>>> {
        match self {
            GraphFormat::Json => Box::new(json::GraphFileJson),
            GraphFormat::Graphml => Box::new(graphml::GraphmlExport),
            GraphFormat::Gexf => Box::new(gexf::GexfExport),
            GraphFormat::Cypher => Box::new(cypher::CypherExport),
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
    escape_into(&mut out, text, replace);
    out
}

/// Appends `text` to `out`, escaped as [`escape_chars`] does, copying the
/// runs between replaced characters whole: a text without any is one copy.
pub fn escape_into(out: &mut String, text: &str, replace: impl Fn(char) -> Option<&'static str>) {
    let mut copied = 0;
    for (at, c) in text.char_indices() {
        if let Some(replacement) = replace(c) {
            out.push_str(&text[copied..at]);
            out.push_str(replacement);
            copied = at + c.len_utf8();
        }
    }
    out.push_str(&text[copied..]);
}
