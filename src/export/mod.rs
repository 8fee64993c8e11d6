//! Output formats. Each format lives in its own file and turns data into
//! bytes behind the one [`Export`] trait; the caller decides whether the bytes
//! go to stdout or to a file.

pub mod csv;
pub mod document;
pub mod dot;
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

use crate::error::Error;
use crate::listing::Listing;

/// An output format for data of type `T`.
pub trait Export<T: ?Sized> {
    /// The bytes of `data` in this format.
    fn export(&self, data: &T) -> Result<Vec<u8>, Error>;
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
