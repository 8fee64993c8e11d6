//! Cypher: a script that recreates the graph in Neo4j 5 or another
//! openCypher database, run as it is by `cypher-shell -f graph.cypher`.
//!
//! The script is a list of statements, each ending with `;` at the end of
//! its last line; no other line ends with `;` and no string holds a raw line
//! break, so a loader may split the script on lines that end with `;` (lines
//! starting with `//` are comments). In order:
//!
//! 1. `CREATE CONSTRAINT relgraph_entity_id IF NOT EXISTS FOR (n:Entity)
//!    REQUIRE n.id IS UNIQUE`: Neo4j 5's syntax; it also indexes the ids the
//!    other statements look up.
//! 2. The entities, by kind (country, group, organization, person) and in
//!    file order within a kind, [`BATCH`] a statement, as a literal list:
//!    `UNWIND [{id: …, name: …, kind: …, aliases: […], description: …}, …]
//!    AS row MERGE (n:Entity {id: row.id}) SET n = row, n:Country REMOVE
//!    n:Group:Organization:Person`. Labels cannot be parameters, so each
//!    statement holds entities of one kind.
//! 3. The relations, by type (in the order of the relation types) and in
//!    file order within a type, [`BATCH`] a statement: `UNWIND [{source: …,
//!    target: …, props: {id: …, event: …, …}}, …] AS row MATCH (a:Entity
//!    {id: row.source}) MATCH (b:Entity {id: row.target}) MERGE
//!    (a)-[r:TYPE {id: row.props.id}]->(b) SET r = row.props, r.type = …,
//!    r.type_label = …, r.polarity = …, r.directed = …`, with the
//!    backquoted relationship type for `TYPE`: one relationship type per
//!    statement, as for labels, so the properties of the type are written
//!    once per statement rather than once per row.
//!
//! Statements hold no parameters, so any client runs them; being `MERGE`s by
//! id that replace every property (`SET n = row`), running a newer script on
//! the same database updates the graph in place: changed values and kinds
//! replace the old ones, and absent values leave no stale property. What
//! the script does not mention stays: entities and relations since removed
//! from the file, and the old copy of a relation whose ends or type changed
//! (found by its id, type and ends). To mirror a file exactly, load it into
//! an empty database.
//!
//! Properties: of an entity, id, name, kind, aliases (a list of strings)
//! and description; of a relation, as in GraphML: id, type (the relation
//! type's id), type_label, polarity, directed, event, since, until, weight
//! (a float, 1.0 when the file has none), label, inferred and evidence (JSON
//! text), quotes (how many). Absent values are left out. A relationship
//! always runs from source to target; `directed: false` says it runs both
//! ways, and queries should then match it in either direction.
//!
//! Strings are single-quoted; `\` and `'` are escaped with a backslash, line
//! breaks, tabs, carriage returns, backspaces and form feeds as `\n`, `\t`,
//! `\r`, `\b`, `\f`, and other control characters as `\uXXXX` (Neo4j reads
//! those back; FalkorDB keeps them as written, but relgraph refuses such
//! characters in graph files). Nothing else needs escaping inside a literal:
//! no data can end one, so none can add a clause.
//!
//! Relationship types are the relation types' ids, backquoted
//! ([`relationship_type`]). An id holding a backtick, a backslash or a
//! control character is mapped to a safe name instead of doubling the
//! backtick, which FalkorDB's parser refuses, and the original id is always
//! the relationship's `type` property.
//!
//! The script is written one record at a time and is the same for the same
//! graph: deterministic, with no date or path in it.
//!
//! The tests (tests/integration/export_cypher.rs) load it into a real
//! engine, FalkorDB embedded (the falkordblite package on PyPI), and
//! compare what it holds with the graph file and `relgraph partners`.
//! FalkorDB because, like Neo4j, it is schema-less (labels and relationship
//! types come into being when first used; a node has several labels), so
//! it runs every `UNWIND … MERGE` statement exactly as written; only the
//! constraint is replaced by its FalkorDB equivalent. Kùzu, the other
//! embeddable engine, is schema-first (tables declared up front, one label
//! a node), so the statements themselves would have to be rewritten.

use std::borrow::Cow;
use std::io::{self, Write};

use super::graphml::bool_text;
use super::{Export, written};
use crate::error::Error;
use crate::model::{DocumentView, Entity, Kind, Relation, RelationType};

/// Writes a [`DocumentView`] as a Cypher script.
#[derive(Debug, Clone, Copy, Default)]
pub struct CypherExport;

/// Rows in one `UNWIND` statement: big enough that a million relations load
/// in about a thousand statements, small enough for one transaction each.
pub const BATCH: usize = 1000;

/// The entity kinds, in the order the script writes them, with their labels.
const KINDS: [(Kind, &str); 4] = [
    (Kind::Country, "Country"),
    (Kind::Group, "Group"),
    (Kind::Organization, "Organization"),
    (Kind::Person, "Person"),
];

/// The first statement: entity ids are unique (and indexed).
pub const CONSTRAINT: &str = "CREATE CONSTRAINT relgraph_entity_id IF NOT EXISTS \
                              FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n";

impl Export<DocumentView<'_>> for CypherExport {
    fn export(&self, doc: &DocumentView<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(doc, out))
    }

    /// Writes one row at a time; the only memory it takes besides is the
    /// order of the relations by type (8 bytes a relation while sorting,
    /// 4 after).
    fn write_to(&self, doc: &DocumentView<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut text = Vec::with_capacity(4096);
        write!(
            text,
            "// relgraph export --format cypher (entities: {}, relations: {})\n\
             // Neo4j 5: cypher-shell -f graph.cypher; running it again updates the graph.\n\n",
            doc.entities.len(),
            doc.relations.len()
        )?;
        text.extend_from_slice(CONSTRAINT.as_bytes());
        out.write_all(&text)?;
        write_entities(doc, &mut text, out)?;
        write_relations(doc, &mut text, out)
    }
}

/// What starts a statement's first row, and each other row.
const FIRST_ROW: &[u8] = b"\nUNWIND [\n  ";
const NEXT_ROW: &[u8] = b",\n  ";

/// The entities, kind by kind, in statements of at most [`BATCH`] rows.
fn write_entities(
    doc: &DocumentView<'_>,
    text: &mut Vec<u8>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for (kind, label) in KINDS {
        let others: Vec<&str> = KINDS
            .iter()
            .filter(|(k, _)| *k != kind)
            .map(|(_, l)| *l)
            .collect();
        let footer = format!(
            "\n] AS row\nMERGE (n:Entity {{id: row.id}})\nSET n = row, n:{label}\nREMOVE n:{};\n",
            others.join(":")
        );
        let mut rows = 0;
        for entity in doc.entities.iter().filter(|e| e.kind == kind) {
            text.clear();
            text.extend_from_slice(if rows == 0 { FIRST_ROW } else { NEXT_ROW });
            entity_row(text, entity);
            out.write_all(text)?;
            rows += 1;
            if rows == BATCH {
                out.write_all(footer.as_bytes())?;
                rows = 0;
            }
        }
        if rows > 0 {
            out.write_all(footer.as_bytes())?;
        }
    }
    Ok(())
}

/// The relations, type by type, in statements of at most [`BATCH`] rows.
/// Relations of a type the view does not hold are left out.
fn write_relations(
    doc: &DocumentView<'_>,
    text: &mut Vec<u8>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (order, starts) = relations_by_type(doc);
    let mut json = Vec::new();
    for (t, kind) in doc.relation_types.iter().enumerate() {
        let footer = relations_footer(kind);
        let positions = order[starts[t]..starts[t + 1]].iter().map(|&r| r as usize);
        let mut rows = 0;
        doc.relations.try_windows_in(positions, |window| {
            for relation in window {
                text.clear();
                text.extend_from_slice(if rows == 0 { FIRST_ROW } else { NEXT_ROW });
                relation_row(text, &mut json, relation, kind)?;
                out.write_all(text)?;
                rows += 1;
                if rows == BATCH {
                    out.write_all(&footer)?;
                    rows = 0;
                }
            }
            io::Result::Ok(())
        })?;
        if rows > 0 {
            out.write_all(&footer)?;
        }
    }
    Ok(())
}

/// The end of a statement of relations of type `kind`: the relationship
/// type, and the properties every relation of the type shares.
fn relations_footer(kind: &RelationType) -> Vec<u8> {
    let mut footer = Vec::new();
    footer.extend_from_slice(
        b"\n] AS row\nMATCH (a:Entity {id: row.source})\nMATCH (b:Entity {id: row.target})\nMERGE (a)-[r:`",
    );
    footer.extend_from_slice(relationship_type(&kind.id).as_bytes());
    footer.extend_from_slice(b"` {id: row.props.id}]->(b)\nSET r = row.props, r.type = ");
    string_into(&mut footer, &kind.id);
    footer.extend_from_slice(b", r.type_label = ");
    string_into(&mut footer, &kind.label);
    footer.extend_from_slice(b", r.polarity = ");
    string_into(&mut footer, kind.polarity.as_str());
    footer.extend_from_slice(b", r.directed = ");
    footer.extend_from_slice(bool_text(kind.directed).as_bytes());
    footer.extend_from_slice(b";\n");
    footer
}

/// The relations' indices sorted by type (stably, so in file order within
/// a type), and where each type's run starts: type `t` has
/// `order[starts[t]..starts[t + 1]]`. A counting sort: linear.
fn relations_by_type(doc: &DocumentView<'_>) -> (Vec<u32>, Vec<usize>) {
    let types = doc.relation_types.len();
    let by_id: rustc_hash::FxHashMap<&str, u32> = doc
        .relation_types
        .iter()
        .enumerate()
        .map(|(t, kind)| (kind.id.as_str(), t as u32))
        .collect();
    let unknown = types as u32;
    let type_of: Vec<u32> = (0..doc.relations.len())
        .map(|n| {
            by_id
                .get(doc.relations.type_id(n))
                .copied()
                .unwrap_or(unknown)
        })
        .collect();
    let mut starts = vec![0usize; types + 2];
    for &t in &type_of {
        starts[t as usize + 1] += 1;
    }
    for t in 0..=types {
        starts[t + 1] += starts[t];
    }
    let mut next = starts.clone();
    let mut order = vec![0u32; type_of.len()];
    for (r, &t) in type_of.iter().enumerate() {
        order[next[t as usize]] = r as u32;
        next[t as usize] += 1;
    }
    (order, starts)
}

/// One entity as a map of its properties.
fn entity_row(out: &mut Vec<u8>, entity: &Entity) {
    out.extend_from_slice(b"{id: ");
    string_into(out, &entity.id);
    out.extend_from_slice(b", name: ");
    string_into(out, &entity.name);
    out.extend_from_slice(b", kind: ");
    string_into(out, entity.kind.as_str());
    if !entity.aliases.is_empty() {
        out.extend_from_slice(b", aliases: [");
        for (i, alias) in entity.aliases.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b", ");
            }
            string_into(out, alias);
        }
        out.push(b']');
    }
    if let Some(description) = &entity.description {
        out.extend_from_slice(b", description: ");
        string_into(out, description);
    }
    out.push(b'}');
}

/// One relation: its ends and the map of its own properties (those of its
/// type are set by the statement). `json` is a buffer for the JSON texts.
fn relation_row(
    out: &mut Vec<u8>,
    json: &mut Vec<u8>,
    relation: &Relation,
    kind: &RelationType,
) -> io::Result<()> {
    out.extend_from_slice(b"{source: ");
    string_into(out, &relation.source);
    out.extend_from_slice(b", target: ");
    string_into(out, &relation.target);
    out.extend_from_slice(b", props: {id: ");
    string_into(out, &relation.id);
    out.extend_from_slice(b", event: ");
    out.extend_from_slice(bool_text(relation.event.unwrap_or(kind.event)).as_bytes());
    for (key, value) in [
        (&b", since: "[..], &relation.since),
        (&b", until: "[..], &relation.until),
    ] {
        if let Some(value) = value {
            out.extend_from_slice(key);
            string_into(out, value);
        }
    }
    out.extend_from_slice(b", weight: ");
    float_into(out, relation.weight.unwrap_or(1.0));
    if let Some(label) = &relation.label {
        out.extend_from_slice(b", label: ");
        string_into(out, label);
    }
    if let Some(inferred) = &relation.inferred {
        out.extend_from_slice(b", inferred: ");
        json_into(out, json, inferred)?;
    }
    out.extend_from_slice(b", evidence: ");
    json_into(out, json, &relation.evidence)?;
    write!(out, ", quotes: {}}}}}", relation.evidence.len())
}

/// `value` as JSON text in a Cypher string, serialised through `json`.
fn json_into(
    out: &mut Vec<u8>,
    json: &mut Vec<u8>,
    value: &impl serde::Serialize,
) -> io::Result<()> {
    json.clear();
    serde_json::to_writer(&mut *json, value)?;
    escape_bytes(out, json);
    Ok(())
}

/// `value` as a Cypher float literal: always with a `.` or an exponent
/// (`1.0`, `2.5`, `1e-7`), never an integer literal; the shortest text that
/// reads back as the same number. Finite values only.
pub fn float_into(out: &mut Vec<u8>, value: f64) {
    // serde_json writes floats as the shortest round trip, with `.0` or an
    // exponent; it writes non-finite ones as `null`, which never reach here.
    // openCypher's grammar allows `e-` but not `e+`: the `+` is dropped.
    let start = out.len();
    let _ = serde_json::to_writer(&mut *out, &value);
    if let Some(plus) = out[start..].iter().position(|&b| b == b'+') {
        out.remove(start + plus);
    }
}

/// Appends `text` as a single-quoted Cypher string literal: `\` and `'`
/// escaped with a backslash, line breaks, tabs, carriage returns,
/// backspaces and form feeds by name, other control characters (C0, DEL,
/// C1) as `\uXXXX`; everything else as it is.
///
/// ```
/// use relgraph::export::cypher::string_into;
/// let mut out = Vec::new();
/// string_into(&mut out, "O'Brien \\ \"x\"\n");
/// assert_eq!(out, br#"'O\'Brien \\ "x"\n'"#);
/// ```
pub fn string_into(out: &mut Vec<u8>, text: &str) {
    escape_bytes(out, text.as_bytes());
}

/// [`string_into`] for the UTF-8 bytes of a text.
fn escape_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'\'');
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // Every character to escape is ASCII but for C1 controls, which
        // UTF-8 writes as 0xC2 0x80..=0x9F; no other sequence holds 0xC2
        // followed by such a byte.
        let (len, code) = match b {
            b'\\' | b'\'' | 0x00..=0x1f | 0x7f => (1, b),
            0xc2 if bytes.get(at + 1).is_some_and(|n| (0x80..=0x9f).contains(n)) => {
                (2, bytes[at + 1])
            }
            _ => {
                at += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[copied..at]);
        match code {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(code >> 4)]);
                out.push(HEX[usize::from(code & 0xf)]);
            }
        }
        at += len;
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'\'');
}

/// The relationship type of relations of type `id`, to be backquoted: `id`
/// itself, unless it holds a backtick, a backslash or a control character.
/// Those are replaced by `_`, and `_` and the first 8 hex digits of the
/// id's SHA-256 are appended, so that distinct ids keep distinct names
/// (barring a clash of 32-bit hashes) and an id has the same name whatever
/// types the exported selection holds.
///
/// A backtick cannot be doubled, as Neo4j allows: FalkorDB refuses it; a
/// backslash could start a Unicode escape in some parsers.
///
/// ```
/// use relgraph::export::cypher::relationship_type;
/// assert_eq!(relationship_type("arms_supply"), "arms_supply");
/// assert_eq!(relationship_type("hit]->("), "hit]->(");
/// assert!(relationship_type("ally`x").starts_with("ally_x_"));
/// ```
pub fn relationship_type(id: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c == '`' || c == '\\' || c.is_control();
    if !id.contains(unsafe_char) {
        return Cow::Borrowed(id);
    }
    let mut name: String = id
        .chars()
        .map(|c| if unsafe_char(c) { '_' } else { c })
        .collect();
    name.push('_');
    name.push_str(&crate::files::sha256_hex(id.as_bytes())[..8]);
    Cow::Owned(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(text: &str) -> String {
        let mut out = Vec::new();
        string_into(&mut out, text);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(literal("O'Brien"), r"'O\'Brien'");
        assert_eq!(literal(r"back\slash\"), r"'back\\slash\\'");
        assert_eq!(literal(r"\'"), r"'\\\''");
        assert_eq!(literal(""), "''");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(literal("a\nb\tc\rd"), r"'a\nb\tc\rd'");
        assert_eq!(literal("\u{8}\u{c}"), r"'\b\f'");
        assert_eq!(
            literal("\0\u{1}\u{1b}[31m\u{7f}"),
            r"'\u0000\u0001\u001B[31m\u007F'"
        );
        assert_eq!(literal("x\u{85}y\u{9f}"), r"'x\u0085y\u009F'");
    }

    #[test]
    fn other_text_is_kept_as_it_is() {
        let text =
            "\"dq\" `tick` ; // /* */ {braces} $param ]->( Ünïcödé 北朝鮮 🚀 \u{a0}\u{2028}é";
        assert_eq!(literal(text), format!("'{text}'"));
    }

    #[test]
    fn injections_stay_inside_the_literal() {
        let hostile = "x'}) MATCH (n) DETACH DELETE n //";
        assert_eq!(literal(hostile), r"'x\'}) MATCH (n) DETACH DELETE n //'");
        // A backslash before the quote cannot swallow the escape.
        assert_eq!(literal(r"x\'}) RETURN 1 //"), r"'x\\\'}) RETURN 1 //'");
        for text in [hostile, "a\\", "\\\\'", "'\n;", "\u{c2}\u{85}'"] {
            assert_eq!(unquote(&literal(text)), text, "{text:?}");
        }
    }

    /// Reads a literal back as Cypher does, checking that only its last
    /// character is an unescaped quote.
    fn unquote(literal: &str) -> String {
        let inner = literal
            .strip_prefix('\'')
            .and_then(|l| l.strip_suffix('\''))
            .unwrap();
        let mut text = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            assert!(c != '\'' && c != '\n', "unescaped {c:?} in {literal}");
            if c != '\\' {
                text.push(c);
                continue;
            }
            match chars.next().unwrap() {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                'r' => text.push('\r'),
                'b' => text.push('\u{8}'),
                'f' => text.push('\u{c}'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    text.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                }
                other => text.push(other),
            }
        }
        text
    }

    #[test]
    fn any_text_reads_back() {
        let mut all = String::new();
        for code in (0..0x300).chain([0x2028, 0x1f680]) {
            all.extend(char::from_u32(code));
        }
        assert_eq!(unquote(&literal(&all)), all);
    }

    #[test]
    fn safe_type_ids_are_kept() {
        for id in [
            "arms_supply",
            "sale 2",
            "hit]->(",
            "поддержка",
            "a:b",
            "x'y\"z",
        ] {
            assert_eq!(relationship_type(id), id);
        }
    }

    #[test]
    fn unsafe_type_ids_are_mapped_to_distinct_safe_names() {
        let ids = [
            "ally`x",
            "ally_x",
            "ally\\x",
            "ally\nx",
            "`) MATCH (n) DETACH DELETE n //",
        ];
        let names: Vec<String> = ids
            .iter()
            .map(|id| relationship_type(id).into_owned())
            .collect();
        for name in &names {
            assert!(!name.contains(['`', '\\', '\n']), "{name}");
        }
        assert_eq!(names[1], "ally_x");
        assert!(names[0].starts_with("ally_x_") && names[0].len() == "ally_x_".len() + 8);
        let distinct: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(distinct.len(), names.len(), "{names:?}");
        // The same id, the same name: exports of different selections agree.
        assert_eq!(relationship_type("ally`x"), names[0]);
    }

    #[test]
    fn weights_are_float_literals() {
        for (value, text) in [
            (1.0, "1.0"),
            (2.5, "2.5"),
            (0.185, "0.185"),
            (123456789.0, "123456789.0"),
            (1e-7, "1e-7"),
            (1e20, "1e20"),
            (1.5e300, "1.5e300"),
        ] {
            let mut out = Vec::new();
            float_into(&mut out, value);
            assert_eq!(String::from_utf8(out).unwrap(), text);
        }
    }
}
