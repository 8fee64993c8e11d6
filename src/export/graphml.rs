//! GraphML: the graph for NetworkX, igraph, yEd and Gephi, with every
//! entity and relation attribute declared as a `<key>`, parallel relations
//! kept (each edge has its relation's id). The graph is directed; whether a
//! relation runs both ways is its `directed` attribute, not GraphML's edge
//! attribute of that name, which NetworkX refuses to mix in one graph.
//!
//! Entities are nodes (id; name, kind, aliases joined by "; ",
//! description); relations are edges (id, type, type label, polarity,
//! directed, event, since, until, weight, label, the inferred facts and the
//! evidence as JSON text, the number of quotes). Absent values are left out.

use std::fmt::Write as _;

use super::Export;
use super::escape_chars;
use crate::error::Error;
use crate::model::{Document, Relation, RelationType};

/// Writes a [`Document`] as GraphML.
#[derive(Debug, Clone, Copy, Default)]
pub struct GraphmlExport;

/// The attributes declared: (key id, for, name, GraphML type).
const KEYS: [(&str, &str, &str, &str); 17] = [
    ("n_name", "node", "name", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_description", "node", "description", "string"),
    ("e_id", "edge", "id", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_type_label", "edge", "type_label", "string"),
    ("e_polarity", "edge", "polarity", "string"),
    ("e_directed", "edge", "directed", "boolean"),
    ("e_event", "edge", "event", "boolean"),
    ("e_since", "edge", "since", "string"),
    ("e_until", "edge", "until", "string"),
    ("e_weight", "edge", "weight", "double"),
    ("e_label", "edge", "label", "string"),
    ("e_inferred", "edge", "inferred", "string"),
    ("e_evidence", "edge", "evidence", "string"),
    ("e_quotes", "edge", "quotes", "int"),
];

impl Export<Document> for GraphmlExport {
    fn export(&self, doc: &Document) -> Result<Vec<u8>, Error> {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
             http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        );
        for (id, target, name, kind) in KEYS {
            let _ = writeln!(
                out,
                "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
            );
        }
        let _ = writeln!(out, "  <graph id=\"G\" edgedefault=\"directed\">");
        for entity in &doc.entities {
            let _ = writeln!(out, "    <node id=\"{}\">", xml(&entity.id));
            data(&mut out, "n_name", &entity.name);
            data(&mut out, "n_kind", entity.kind.as_str());
            let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.as_str()).collect();
            if !aliases.is_empty() {
                data(&mut out, "n_aliases", &aliases.join("; "));
            }
            if let Some(description) = &entity.description {
                data(&mut out, "n_description", description);
            }
            out.push_str("    </node>\n");
        }
        for relation in &doc.relations {
            let Some(kind) = doc
                .relation_types
                .iter()
                .find(|t| t.id == relation.relation_type)
            else {
                continue;
            };
            edge(&mut out, relation, kind)?;
        }
        out.push_str("  </graph>\n</graphml>\n");
        Ok(out.into_bytes())
    }
}

/// One relation as an edge.
fn edge(out: &mut String, relation: &Relation, kind: &RelationType) -> Result<(), Error> {
    let _ = writeln!(
        out,
        "    <edge id=\"{}\" source=\"{}\" target=\"{}\">",
        xml(&relation.id),
        xml(&relation.source),
        xml(&relation.target),
    );
    data(out, "e_id", &relation.id);
    data(out, "e_type", &relation.relation_type);
    data(out, "e_type_label", &kind.label);
    data(out, "e_polarity", kind.polarity.as_str());
    data(out, "e_directed", &kind.directed.to_string());
    data(
        out,
        "e_event",
        &relation.event.unwrap_or(kind.event).to_string(),
    );
    for (key, value) in [("e_since", &relation.since), ("e_until", &relation.until)] {
        if let Some(value) = value {
            data(out, key, value);
        }
    }
    data(out, "e_weight", &relation.weight.unwrap_or(1.0).to_string());
    if let Some(label) = &relation.label {
        data(out, "e_label", label);
    }
    if let Some(inferred) = &relation.inferred {
        data(out, "e_inferred", &json(inferred)?);
    }
    data(out, "e_evidence", &json(&relation.evidence)?);
    data(out, "e_quotes", &relation.evidence.len().to_string());
    out.push_str("    </edge>\n");
    Ok(())
}

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml(value));
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|err| Error::Format {
        format: "JSON",
        reason: err.to_string(),
    })
}

/// `text` escaped for XML text and attribute values; line breaks and tabs
/// as character references, so attribute values keep them too.
fn xml(text: &str) -> String {
    escape_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        '\t' => Some("&#9;"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(xml("a<b>&\"c'\n"), "a&lt;b&gt;&amp;&quot;c&apos;&#10;");
    }
}
