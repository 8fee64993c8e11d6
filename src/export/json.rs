//! JSON: the serde shape of a result, pretty-printed.

use std::collections::HashSet;

use super::{Export, Listing};
use crate::error::Error;
use crate::model::{Document, RelationIx};
use crate::query::diagram::DiagramOf;

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
    /// Writes into a buffer of exactly the text's size, measured first, so
    /// that a large graph is not copied while its buffer grows.
    fn export(&self, doc: &Document) -> Result<Vec<u8>, Error> {
        let failed = |err: serde_json::Error| Error::Format {
            format: "JSON",
            reason: err.to_string(),
        };
        let mut counter = Counter(0);
        serde_json::to_writer_pretty(&mut counter, doc).map_err(failed)?;
        let mut bytes = Vec::with_capacity(counter.0 + 1);
        serde_json::to_writer_pretty(&mut bytes, doc).map_err(failed)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// A writer that only counts the bytes written to it.
struct Counter(usize);

impl std::io::Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The graph file of what `input` selects: its entities (file order), the
/// relations of its edges and junctions (file order), and only the types,
/// sources and conflicts those need; the title and description are kept.
/// With nothing filtered out it is the whole document, normalised.
pub fn selected_document(input: &DiagramOf<'_>) -> Document {
    let (data, diagram) = (&input.graph.data, input.diagram);
    let mut relations: Vec<RelationIx> = diagram
        .edges
        .iter()
        .flat_map(|e| e.relations.iter().copied())
        .chain(
            diagram
                .junctions
                .iter()
                .flat_map(|j| j.relations.iter().copied()),
        )
        .collect();
    relations.sort_unstable();
    relations.dedup();
    let mut entities = diagram.nodes.clone();
    entities.sort_unstable();
    let doc = &data.doc;
    let kept: Vec<_> = relations.iter().map(|&r| data.relation(r)).collect();
    let ids: HashSet<&str> = kept.iter().map(|r| r.id.as_str()).collect();
    let used_types: HashSet<&str> = kept.iter().map(|r| r.relation_type.as_str()).collect();
    let used_type = |id: &str| used_types.contains(id);
    let conflicts: Vec<_> = doc
        .conflicts
        .iter()
        .filter(|c| c.relations.iter().all(|r| ids.contains(r.as_str())))
        .cloned()
        .collect();
    let cited_sources: HashSet<&str> = kept
        .iter()
        .flat_map(|r| r.evidence.iter())
        .chain(conflicts.iter().flat_map(|c| c.evidence.iter()))
        .map(|e| e.source.as_str())
        .collect();
    let cited = |id: &str| cited_sources.contains(id);
    Document {
        title: doc.title.clone(),
        description: doc.description.clone(),
        sources: doc
            .sources
            .iter()
            .filter(|s| cited(&s.id))
            .cloned()
            .collect(),
        relation_types: doc
            .relation_types
            .iter()
            .filter(|t| used_type(&t.id))
            .cloned()
            .collect(),
        entities: entities.iter().map(|&e| data.entity(e).clone()).collect(),
        relations: kept.into_iter().cloned().collect(),
        conflicts,
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
