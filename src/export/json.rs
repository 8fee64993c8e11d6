//! JSON: the serde shape of a result, pretty-printed.

use super::{Export, Listing};
use crate::error::Error;
use crate::model::Document;

/// Pretty-printed JSON.
pub struct JsonExport;

impl Export<dyn Listing> for JsonExport {
    fn export(&self, data: &dyn Listing) -> Result<Vec<u8>, Error> {
        data.json().map_err(|err| Error::Format {
            format: "JSON",
            reason: err.to_string(),
        })
    }
}

/// A graph file: pretty JSON (2-space indent), fields in the order
/// docs/FORMAT.md lists them, absent values left out, whole weights
/// written as integers, and a final newline.
pub struct GraphFileJson;

impl Export<Document> for GraphFileJson {
    fn export(&self, doc: &Document) -> Result<Vec<u8>, Error> {
        let mut bytes = serde_json::to_vec_pretty(doc).map_err(|err| Error::Format {
            format: "JSON",
            reason: err.to_string(),
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_graph_is_written_back_as_it_is() {
        let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/graph.json")).unwrap();
        let dataset = crate::model::load::parse("graph.json", &text).unwrap();
        let written = GraphFileJson.export(&dataset.doc).unwrap();
        assert!(written == text, "{}", String::from_utf8_lossy(&written));
    }
}
