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
use std::io::{self, Write};

use super::{Export, write_relations_in_blocks, written};
use crate::error::Error;
use crate::model::{DocumentView, Entity, Relation, RelationType};

/// Writes a [`DocumentView`] as GraphML.
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

impl Export<DocumentView<'_>> for GraphmlExport {
    fn export(&self, doc: &DocumentView<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(doc, out))
    }

    /// Writes one node or edge at a time.
    fn write_to(&self, doc: &DocumentView<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut text = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
             xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
             xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
             http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
        );
        for (id, target, name, kind) in KEYS {
            let _ = writeln!(
                text,
                "  <key id=\"{id}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>"
            );
        }
        text.push_str("  <graph id=\"G\" edgedefault=\"directed\">\n");
        out.write_all(text.as_bytes())?;
        for entity in &doc.entities {
            text.clear();
            node(&mut text, entity);
            out.write_all(text.as_bytes())?;
        }
        let types = doc.types_by_id();
        write_relations_in_blocks(out, &doc.relations, |text, (), relation| {
            match types.get(relation.relation_type.as_str()) {
                Some(kind) => edge(text, relation, kind),
                None => Ok(()),
            }
        })?;
        out.write_all(b"  </graph>\n</graphml>\n")
    }
}

/// One entity as a node.
fn node(out: &mut String, entity: &Entity) {
    out.push_str("    <node id=\"");
    xml_into(out, &entity.id);
    out.push_str("\">\n");
    data(out, "n_name", &entity.name);
    data(out, "n_kind", entity.kind.as_str());
    if !entity.aliases.is_empty() {
        let aliases: Vec<&str> = entity.aliases.iter().map(|a| a.as_str()).collect();
        data(out, "n_aliases", &aliases.join("; "));
    }
    if let Some(description) = &entity.description {
        data(out, "n_description", description);
    }
    out.push_str("    </node>\n");
}

/// One relation as an edge.
fn edge(out: &mut String, relation: &Relation, kind: &RelationType) -> io::Result<()> {
    edge_opening(out, "    ", relation);
    out.push_str(">\n");
    data(out, "e_id", &relation.id);
    data(out, "e_type", &relation.relation_type);
    data(out, "e_type_label", &kind.label);
    data(out, "e_polarity", kind.polarity.as_str());
    data(out, "e_directed", bool_text(kind.directed));
    data(
        out,
        "e_event",
        bool_text(relation.event.unwrap_or(kind.event)),
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
        data(out, "e_inferred", &serde_json::to_string(inferred)?);
    }
    data(
        out,
        "e_evidence",
        &serde_json::to_string(&relation.evidence)?,
    );
    data(out, "e_quotes", &relation.evidence.len().to_string());
    out.push_str("    </edge>\n");
    Ok(())
}

/// `<edge id="…" source="…" target="…"` of `relation` after `indent`,
/// the tag left open for more attributes.
pub fn edge_opening(out: &mut String, indent: &str, relation: &Relation) {
    out.push_str(indent);
    out.push_str("<edge id=\"");
    xml_into(out, &relation.id);
    out.push_str("\" source=\"");
    xml_into(out, &relation.source);
    out.push_str("\" target=\"");
    xml_into(out, &relation.target);
    out.push('"');
}

/// `true` or `false`, as XML Schema writes booleans.
pub fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

fn data(out: &mut String, key: &str, value: &str) {
    out.push_str("      <data key=\"");
    out.push_str(key);
    out.push_str("\">");
    xml_text_into(out, value);
    out.push_str("</data>\n");
}

/// `text` escaped for XML attribute values: markup characters, both
/// quotes, and line breaks and tabs as character references (a parser
/// would turn them into spaces).
pub fn xml_into(out: &mut String, text: &str) {
    escape_ascii_into(out, text, |byte| match byte {
        b'"' => Some("&quot;"),
        b'\'' => Some("&apos;"),
        b'\n' => Some("&#10;"),
        b'\t' => Some("&#9;"),
        other => text_escape(other),
    });
}

/// `text` escaped for XML element content: markup characters, and a
/// carriage return (which a parser would turn into a line feed); quotes,
/// line feeds and tabs stay as they are.
pub fn xml_text_into(out: &mut String, text: &str) {
    escape_ascii_into(out, text, text_escape);
}

fn text_escape(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\r' => Some("&#13;"),
        _ => None,
    }
}

/// Appends `text` with the ASCII bytes `replace` maps replaced: bytes are
/// scanned, not characters, as no byte of a multi-byte character is ASCII.
fn escape_ascii_into(out: &mut String, text: &str, replace: impl Fn(u8) -> Option<&'static str>) {
    let mut copied = 0;
    for (at, byte) in text.bytes().enumerate() {
        if let Some(replacement) = replace(byte) {
            out.push_str(&text[copied..at]);
            out.push_str(replacement);
            copied = at + 1;
        }
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_text_keeps_quotes_and_line_feeds() {
        let mut escaped = String::new();
        xml_text_into(&mut escaped, "a<b>&\"c'\n\r\té");
        assert_eq!(escaped, "a&lt;b&gt;&amp;\"c'\n&#13;\té");
    }

    #[test]
    fn markup_in_names_is_escaped() {
        let mut escaped = String::new();
        xml_into(&mut escaped, "a<b>&\"c'\n");
        assert_eq!(escaped, "a&lt;b&gt;&amp;&quot;c&apos;&#10;");
    }
}
