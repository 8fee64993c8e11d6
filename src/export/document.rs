//! A format-neutral document: sections of paragraphs, tables, figures and
//! citations, with internal links. The report is built as one of these and
//! printed by the [`markdown`](super::markdown) and [`html`](super::html)
//! exporters, so both always say the same thing.
//!
//! All text here is plain data text; each exporter escapes it for its format.

use crate::listing::Rows;

/// A whole document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The title.
    pub title: String,
    /// Lines under the title (what made the document, from what).
    pub byline: Vec<Text>,
    /// Whether a table of contents (sections of level 2 and 3) follows the byline.
    pub contents: bool,
    /// The sections, in order.
    pub sections: Vec<Section>,
}

/// A section: a heading with an anchor, then blocks.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Anchor other parts link to (see [`anchor`]).
    pub anchor: String,
    /// The heading.
    pub heading: String,
    /// 2 for a top-level section, 3 for a subsection.
    pub level: u8,
    /// The content.
    pub blocks: Vec<Block>,
}

/// A piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Text),
    /// A bulleted list.
    List(Vec<Text>),
    /// A table.
    Table(Table),
    /// An image of the report folder.
    Figure(Figure),
    /// A diagram as Mermaid text, for sites that render it.
    Mermaid(String),
    /// The numbered list of evidence.
    Citations(Vec<Citation>),
}

/// A run of inline pieces.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text(pub Vec<Inline>);

impl Text {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Text(vec![Inline::Plain(text.into())])
    }

    /// Appends plain text.
    pub fn push(&mut self, text: impl Into<String>) -> &mut Self {
        self.0.push(Inline::Plain(text.into()));
        self
    }

    /// Appends any piece.
    pub fn add(&mut self, inline: Inline) -> &mut Self {
        self.0.push(inline);
        self
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::plain(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::plain(text)
    }
}

/// An inline piece of text.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Text as is.
    Plain(String),
    /// Emphasised text.
    Strong(String),
    /// A link to a section or citation of the document.
    Link {
        /// What is shown.
        text: String,
        /// The anchor linked to.
        anchor: String,
    },
    /// A link to a web page; exporters only link `http(s)` addresses and
    /// show anything else as text.
    Web {
        /// What is shown.
        text: String,
        /// The address.
        url: String,
    },
    /// References to numbered citations.
    Cite(Vec<usize>),
}

/// A table whose columns can be sorted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column headers.
    pub columns: Vec<String>,
    /// Rows of cells, as many as there are columns.
    pub rows: Vec<Vec<Text>>,
}

impl Table {
    /// The table of a listing's `rows`, every column kept, every cell plain text.
    pub fn plain(rows: &Rows) -> Self {
        let columns: Vec<(&str, &str)> = rows.columns.iter().map(|&c| (c, c)).collect();
        Table::from_rows(rows, &columns, |_, value| Text::plain(value))
    }

    /// The table of a listing's `rows`: the columns `pick` names, as
    /// `(column, header)`, each cell drawn by `cell(column, value)`, so a
    /// report can show an analysis's own rows with links and citations added.
    pub fn from_rows(
        rows: &Rows,
        pick: &[(&str, &str)],
        cell: impl Fn(&str, &str) -> Text,
    ) -> Self {
        let positions: Vec<(usize, &str)> = pick
            .iter()
            .filter_map(|&(column, _)| {
                let at = rows.columns.iter().position(|&c| c == column)?;
                Some((at, column))
            })
            .collect();
        Table {
            columns: pick
                .iter()
                .filter(|(column, _)| rows.columns.contains(column))
                .map(|&(_, header)| header.to_owned())
                .collect(),
            rows: rows
                .rows
                .iter()
                .map(|row| {
                    positions
                        .iter()
                        .map(|&(at, column)| cell(column, row.get(at).map_or("", String::as_str)))
                        .collect()
                })
                .collect(),
        }
    }
}

/// An image file of the report, shown with a caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// File name inside the report folder.
    pub file: String,
    /// Caption and alternative text.
    pub caption: String,
}

/// A numbered piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Its number, from 1.
    pub number: usize,
    /// The passage, verbatim.
    pub quote: String,
    /// The English translation, if any.
    pub translation: Option<String>,
    /// The source, described for a reader.
    pub source: String,
}

/// The anchor of a citation.
pub fn cite_anchor(number: usize) -> String {
    format!("cite-{number}")
}

/// An anchor made of `prefix`, `-` and `id`, safe in URLs, HTML ids and
/// Markdown: ASCII letters, digits, `_` and `-` are kept, every other byte
/// is written `.` and two hex digits, so different ids give different
/// anchors.
///
/// ```
/// use relgraph::export::document::anchor;
/// assert_eq!(anchor("entity", "RUS"), "entity-RUS");
/// assert_eq!(anchor("entity", "a b"), "entity-a.20b");
/// ```
pub fn anchor(prefix: &str, id: &str) -> String {
    let mut out = format!("{prefix}-");
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' {
            out.push(byte as char);
        } else {
            out.push_str(&format!(".{byte:02X}"));
        }
    }
    out
}

/// Whether an address may be linked: `http` or `https` only, so data can
/// never smuggle `javascript:` into a report.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_distinct_for_distinct_ids() {
        assert_ne!(anchor("e", "a.20b"), anchor("e", "a b"));
        assert_eq!(anchor("e", "a.b"), "e-a.2Eb");
        assert_eq!(anchor("e", "<x>"), "e-.3Cx.3E");
    }

    #[test]
    fn only_web_addresses_are_linked() {
        assert!(is_web_address("https://example.org/a?b=1"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("https://a b"));
        assert!(!is_web_address("data:text/html,x"));
    }
}
