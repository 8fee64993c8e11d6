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

/// Items formatted at a time by one core in [`write_blocks`].
const BLOCK: usize = 256;

/// Blocks formatted before they are written, in [`write_blocks`].
const WINDOW: usize = 64;

/// Writes every item of `items`, in order, as `format` writes it into a
/// text (with `S` as scratch space it may reuse): blocks of items are
/// formatted on all cores, a window of them at a time, so memory holds a
/// few megabytes of text, never the whole.
pub fn write_in_blocks<T: Sync, S: Default>(
    out: &mut dyn Write,
    items: &[T],
    format: impl Fn(&mut String, &mut S, &T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    write_blocks(out, items, |block| {
        let mut text = String::with_capacity(block.len() * 512);
        let mut scratch = S::default();
        for item in block {
            format(&mut text, &mut scratch, item)?;
        }
        Ok(text.into_bytes())
    })
}

/// Writes the text `format` makes of each block of `items`, in order:
/// blocks are formatted on all cores, a window of them at a time, the next
/// window while the last one is written.
pub fn write_blocks<T: Sync>(
    out: &mut dyn Write,
    items: &[T],
    format: impl Fn(&[T]) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    let format_window = |window: &[T]| -> Vec<io::Result<Vec<u8>>> {
        window.par_chunks(BLOCK).map(&format).collect()
    };
    let mut windows = items.chunks(BLOCK * WINDOW);
    let mut formatted = windows.next().map(format_window).unwrap_or_default();
    for window in windows {
        let mut next = Vec::new();
        let written = rayon::in_place_scope(|scope| {
            scope.spawn(|_| next = format_window(window));
            write_texts(out, formatted)
        });
        written?;
        formatted = next;
    }
    write_texts(out, formatted)
}

fn write_texts(out: &mut dyn Write, texts: Vec<io::Result<Vec<u8>>>) -> io::Result<()> {
    for text in texts {
        out.write_all(&text?)?;
    }
    Ok(())
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

#[cfg(test)]
pub(crate) mod tests {
    use std::io::{self, Write};

    /// A writer whose disk is full.
    pub(crate) struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
}
