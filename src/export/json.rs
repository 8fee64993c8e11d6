//! JSON: the serde shape of a result, pretty-printed.

use std::io::{self, Write};

use super::{Export, Listing, written};
use crate::error::Error;
use crate::model::DocumentView;

/// Pretty-printed JSON.
pub struct JsonExport;

impl Export<dyn Listing> for JsonExport {
    fn export(&self, data: &(dyn Listing + 'static)) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(data, out))
    }

    fn write_to(&self, data: &dyn Listing, out: &mut dyn Write) -> io::Result<()> {
        data.write_json(out)
    }
}

/// A graph file: pretty JSON (2-space indent), fields in the order
/// docs/FORMAT.md lists them, absent values left out, whole weights
/// written as integers, and a final newline.
pub struct GraphFileJson;

impl Export<DocumentView<'_>> for GraphFileJson {
    fn export(&self, doc: &DocumentView<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(doc, out))
    }

    fn write_to(&self, doc: &DocumentView<'_>, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, doc)?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_graph_is_written_back_as_it_is() {
        let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/graph.json")).unwrap();
        let dataset = crate::model::load::parse("graph.json", &text).unwrap();
        let written = GraphFileJson.export(&dataset.view()).unwrap();
        assert!(written == text, "{}", String::from_utf8_lossy(&written));
    }
}
