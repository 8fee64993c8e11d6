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
use std::ops::Range;

use crate::error::Error;
use crate::listing::Listing;
use crate::model::relation_list::RelationList;
use crate::model::{DocumentView, Relation};

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

/// Writes every relation of `relations`, in order, as `format` writes it
/// into a text (with `S` as scratch space it may reuse): blocks of
/// relations are read and formatted on all cores, a window of them at a
/// time, so memory holds a few megabytes of text and a few thousand
/// records, never all. Each block's records are read by the core that
/// formats them, and dropped with the block.
pub fn write_relations_in_blocks<S: Default>(
    out: &mut dyn Write,
    relations: &RelationList<'_>,
    format: impl Fn(&mut String, &mut S, &Relation) -> io::Result<()> + Sync,
) -> io::Result<()> {
    write_ranges(out, relations.len(), |range| {
        let mut text = String::with_capacity(range.len() * 512);
        let mut scratch = S::default();
        for relation in relations.records(range) {
            format(&mut text, &mut scratch, &relation)?;
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
    write_ranges(out, items.len(), |range| format(&items[range]))
}

/// Writes the text `format` makes of each block of the positions
/// `0..len`, as [`write_blocks`] does.
fn write_ranges(
    out: &mut dyn Write,
    len: usize,
    format: impl Fn(Range<usize>) -> io::Result<Vec<u8>> + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    let format_window = |window: Range<usize>| -> Vec<io::Result<Vec<u8>>> {
        let blocks = window.len().div_ceil(BLOCK);
        (0..blocks)
            .into_par_iter()
            .map(|b| {
                let start = window.start + b * BLOCK;
                format(start..window.end.min(start + BLOCK))
            })
            .collect()
    };
    let mut windows = (0..len)
        .step_by(BLOCK * WINDOW)
        .map(|start| start..len.min(start + BLOCK * WINDOW));
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

    use serde_json::{Value, json};

    use super::GraphFormat;
    use super::graph_csv::{CsvFlavor, CsvTables};
    use crate::graph::{Filter, RelGraph};
    use crate::model::DocumentView;
    use crate::model::load::parse;
    use crate::model::relation_list::RelationList;
    use crate::query::selection::select;

    /// A clean graph of `relations` relations of two types, quoting two of
    /// three sources (the second only in relations of type `t2`), with a
    /// conflict between relations of different types.
    fn generated(relations: usize) -> String {
        let relations: Vec<Value> = (0..relations)
            .map(|i| {
                let (kind, source) = if i % 3 == 0 {
                    ("t2", "s2")
                } else {
                    ("t1", "s1")
                };
                let (from, to) = (["A", "B", "C"][i % 3], ["B", "C", "A", "C"][i % 4]);
                json!({
                    "id": format!("r{i}"),
                    "source": from,
                    "target": to,
                    "type": kind,
                    "label": format!("label <{i}> \"&\""),
                    "evidence": [{"source": source, "quote": format!("quote {i}")}],
                })
            })
            .filter(|r| r["source"] != r["target"])
            .collect();
        let source = |id: &str| {
            json!({"id": id, "title": id, "author": "A", "publisher": "P",
                                       "published": "2024", "language": "en"})
        };
        let types = json!([
            {"id": "t1", "label": "T1", "polarity": "cooperative", "directed": true},
            {"id": "t2", "label": "T2", "polarity": "hostile", "directed": false},
        ]);
        let entities = json!([
            {"id": "A", "name": "A", "kind": "country"},
            {"id": "B", "name": "B", "kind": "group"},
            {"id": "C", "name": "C", "kind": "country"},
        ]);
        let conflicts = json!([{"relations": ["r1", "r3"], "kind": "same_event", "note": "n",
                                "evidence": [{"source": "s3", "quote": "q"}]}]);
        // In the order the fast loader reads (a `Value` would sort the keys).
        format!(
            r#"{{"title": "generated", "sources": {}, "relation_types": {types},
                "entities": {entities}, "relations": {}, "conflicts": {conflicts}}}"#,
            json!([source("s1"), source("s2"), source("s3")]),
            Value::from(relations),
        )
    }

    /// Every graph format's bytes and every CSV table of `doc`.
    fn every_format(doc: &DocumentView<'_>) -> Vec<Vec<u8>> {
        let formats = [
            GraphFormat::Json,
            GraphFormat::Graphml,
            GraphFormat::Gexf,
            GraphFormat::Cypher,
        ];
        let mut all: Vec<Vec<u8>> = formats
            .iter()
            .map(|f| f.exporter().export(doc).unwrap())
            .collect();
        for flavor in [CsvFlavor::Plain, CsvFlavor::Neo4j, CsvFlavor::Kumu] {
            for (_, write) in (CsvTables { flavor }).tables() {
                let mut bytes = Vec::new();
                write(flavor, doc, &mut bytes).unwrap();
                all.push(bytes);
            }
        }
        all
    }

    #[test]
    fn records_read_as_they_are_written_write_what_held_records_do() {
        let text = generated(2500);
        let read = RelGraph::new(parse("g.json", text.as_bytes()).unwrap());
        let held = parse("g.json", text.as_bytes()).unwrap();
        assert!(
            read.data.records.source_text().is_some(),
            "{:?}",
            read.data.warnings
        );
        let t2 = Filter {
            types: vec![crate::model::TypeIx::new(1)],
            ..Filter::default()
        };
        for filter in [Filter::default(), t2] {
            let selection = select(&read, &filter, None, 1);
            assert!(selection.relations.len() > 3 * crate::model::relation_list::WINDOW);
            let doc = selection.document(&read.data);
            assert!(matches!(doc.relations, RelationList::Read { .. }));
            let written = every_format(&doc);
            let records = selection
                .relations
                .iter()
                .map(|&r| held.relation(r))
                .collect();
            let held_doc = DocumentView {
                relations: RelationList::Held(records),
                ..doc.clone()
            };
            assert!(written == every_format(&held_doc), "{filter:?}");
        }
        let whole = select(&read, &Filter::default(), None, 1).document(&read.data);
        let cited: Vec<_> = whole.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(cited, ["s1", "s2", "s3"], "s3 by the conflict only");
        assert_eq!(whole.conflicts.len(), 1);
        let only_t2 = Filter {
            types: vec![crate::model::TypeIx::new(1)],
            ..Filter::default()
        };
        let t2 = select(&read, &only_t2, None, 1).document(&read.data);
        let cited: Vec<_> = t2.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(cited, ["s2"], "the t2 relations' source only");
        assert!(t2.conflicts.is_empty(), "r1 is of type t1");
        let types: Vec<_> = t2.relation_types.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(types, ["t2"]);
    }

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
