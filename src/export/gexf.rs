//! GEXF 1.3, for Gephi: every entity and relation attribute declared (the
//! ones GraphML writes), relations coloured by type, and dated so Gephi's
//! timeline plays them over time. NetworkX's `read_gexf` reads it.
//!
//! Entities are nodes: id, label (the name), and the attributes name, kind,
//! aliases (joined by "; ") and description. Relations are edges: id (the
//! relation's, so parallel relations stay apart), source, target, `kind`
//! (the relation type's id: GEXF 1.3's way of telling parallel edges
//! apart, which Gephi uses), `weight` (1 when the file gives none), `label`
//! (the relation's, when it has one), the attributes type, type label,
//! polarity, directed, event, since, until, the inferred facts and the
//! evidence as JSON text and the number of quotes, and a `viz:color`.
//! Absent values are left out. Each node and each edge is one line: easy
//! to grep, and a sixth smaller than indented elements on a large graph.
//!
//! **Direction.** The graph is directed and no edge has a `type`: an edge
//! `type="undirected"` in a directed graph makes NetworkX refuse the file
//! ("Undirected edge found in directed graph"), and `type="mutual"` makes
//! it read two edges for one relation. So, as in GraphML, whether a
//! relation runs both ways is its `directed` attribute; in Gephi, filter or
//! style on it (Gephi draws every edge with an arrow).
//!
//! **Colours.** Each edge has its relation type's colour in the DOT
//! diagrams ([`type_color`](super::look::type_color)): the type's own `#rrggbb` colour, else
//! the next hue of its polarity's palette, counting all the file's types
//! in file order, so a filtered export keeps the diagrams' colours. A type's colour that is not
//! `#rgb`/`#rrggbb` (a Graphviz colour name) falls back to its polarity's
//! net colour ([`net_color`]). DOT tells apart types that share a
//! hue with double and triple lines, which GEXF cannot draw: in Gephi,
//! colour by the `type` attribute (Appearance, Partition) to see each type
//! on its own.
//!
//! **Time.** The graph is `mode="dynamic"` with `timeformat="date"`, and
//! each dated relation's edge has a `start` and an `end` (GEXF 1.3's
//! inclusive interval: one spell) with its dates widened to the periods
//! they name: `since` "2022" starts on 2022-01-01, `until` "2022" ends on
//! 2022-12-31, "2010s" is 2010-01-01 to 2019-12-31. An event lasts its
//! date's period: one day when the day is known. A missing `since` or
//! `until` leaves that end open; an undated relation is always present.
//! The `start`/`end` attributes rather than a `<spells>` element because
//! NetworkX reads a spell's missing end as the text "None".

use std::fmt::Write as _;
use std::io::{self, Write};

use rustc_hash::FxHashMap;

use super::graphml::{bool_text, edge_opening, xml_into};
use super::look::{color_among, net_color};
use super::{Export, write_relations_in_blocks, written};
use crate::error::Error;
use crate::model::date::Day;
use crate::model::{DocumentView, Entity, PartialDate, Relation, RelationType};

/// Writes a [`DocumentView`] as GEXF 1.3.
#[derive(Debug, Clone, Copy, Default)]
pub struct GexfExport;

/// Node attributes declared: (id, title, GEXF type).
const NODE_ATTRIBUTES: [(&str, &str, &str); 4] = [
    ("n_name", "name", "string"),
    ("n_kind", "kind", "string"),
    ("n_aliases", "aliases", "string"),
    ("n_description", "description", "string"),
];

/// Edge attributes declared: (id, title, GEXF type). The id, weight and
/// label are the edge's own XML attributes.
const EDGE_ATTRIBUTES: [(&str, &str, &str); 10] = [
    ("e_type", "type", "string"),
    ("e_type_label", "type_label", "string"),
    ("e_polarity", "polarity", "string"),
    ("e_directed", "directed", "boolean"),
    ("e_event", "event", "boolean"),
    ("e_since", "since", "string"),
    ("e_until", "until", "string"),
    ("e_inferred", "inferred", "string"),
    ("e_evidence", "evidence", "string"),
    ("e_quotes", "quotes", "integer"),
];

/// A colour as red, green and blue.
type Rgb = (u8, u8, u8);

impl Export<DocumentView<'_>> for GexfExport {
    fn export(&self, doc: &DocumentView<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(doc, out))
    }

    /// Writes one node or edge at a time.
    fn write_to(&self, doc: &DocumentView<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut text = String::with_capacity(4096);
        header(&mut text, doc);
        out.write_all(text.as_bytes())?;
        for entity in &doc.entities {
            text.clear();
            node(&mut text, entity);
            out.write_all(text.as_bytes())?;
        }
        out.write_all(b"    </nodes>\n    <edges>\n")?;
        let types: FxHashMap<&str, TypeText> = doc
            .relation_types
            .iter()
            .zip(type_colors(doc))
            .map(|(kind, color)| (kind.id.as_str(), TypeText::new(kind, color)))
            .collect();
        write_relations_in_blocks(out, &doc.relations, |text, json: &mut Vec<u8>, relation| {
            match types.get(relation.relation_type.as_str()) {
                Some(kind) => edge(text, json, relation, kind),
                None => Ok(()),
            }
        })?;
        out.write_all(b"    </edges>\n  </graph>\n</gexf>\n")
    }
}

/// The XML declaration, the root, the meta data, the graph's opening and
/// its attribute declarations, up to the opening of `<nodes>`.
fn header(out: &mut String, doc: &DocumentView<'_>) {
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" \
         version=\"1.3\">\n  <meta>\n",
    );
    let _ = writeln!(
        out,
        "    <creator>relgraph {}</creator>",
        env!("CARGO_PKG_VERSION")
    );
    element(out, "    ", "title", doc.title);
    if let Some(description) = doc.description {
        element(out, "    ", "description", description);
    }
    out.push_str(
        "  </meta>\n  \
         <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n",
    );
    for (class, attributes) in [
        ("node", &NODE_ATTRIBUTES[..]),
        ("edge", &EDGE_ATTRIBUTES[..]),
    ] {
        let _ = writeln!(out, "    <attributes class=\"{class}\">");
        for (id, title, kind) in attributes {
            let _ = writeln!(
                out,
                "      <attribute id=\"{id}\" title=\"{title}\" type=\"{kind}\"/>"
            );
        }
        out.push_str("    </attributes>\n");
    }
    out.push_str("    <nodes>\n");
}

/// `<name>text</name>` on a line of its own.
fn element(out: &mut String, indent: &str, name: &str, text: &str) {
    let _ = write!(out, "{indent}<{name}>");
    xml_into(out, text);
    let _ = writeln!(out, "</{name}>");
}

/// One entity as a node.
fn node(out: &mut String, entity: &Entity) {
    out.push_str("      <node id=\"");
    xml_into(out, &entity.id);
    out.push_str("\" label=\"");
    xml_into(out, &entity.name);
    out.push_str("\"><attvalues>");
    attvalue(out, "n_name", &entity.name);
    attvalue(out, "n_kind", entity.kind.as_str());
    if let Some((first, rest)) = entity.aliases.split_first() {
        attvalue_start(out, "n_aliases");
        xml_into(out, first);
        for alias in rest {
            out.push_str("; ");
            xml_into(out, alias);
        }
        out.push_str("\"/>");
    }
    if let Some(description) = &entity.description {
        attvalue(out, "n_description", description);
    }
    out.push_str("</attvalues></node>\n");
}

/// What every edge of one relation type writes the same, escaped once.
struct TypeText<'a> {
    kind: &'a RelationType,
    /// The type's id, escaped for the edge's `kind`.
    id: String,
    /// The attribute values of the type: id, label, polarity, directed.
    attvalues: String,
    /// The edge's end: its `viz:color` and closing tag.
    end: String,
}

impl<'a> TypeText<'a> {
    fn new(kind: &'a RelationType, (r, g, b): Rgb) -> Self {
        let mut id = String::new();
        xml_into(&mut id, &kind.id);
        let mut attvalues = String::new();
        attvalue(&mut attvalues, "e_type", &kind.id);
        attvalue(&mut attvalues, "e_type_label", &kind.label);
        attvalue(&mut attvalues, "e_polarity", kind.polarity.as_str());
        attvalue(&mut attvalues, "e_directed", bool_text(kind.directed));
        let end = format!("</attvalues><viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/></edge>\n");
        TypeText {
            kind,
            id,
            attvalues,
            end,
        }
    }
}

/// One relation, of type `kind`, as an edge; `json` is a buffer for its
/// JSON texts.
fn edge(
    out: &mut String,
    json: &mut Vec<u8>,
    relation: &Relation,
    kind: &TypeText<'_>,
) -> io::Result<()> {
    edge_opening(out, "      ", relation);
    out.push_str(" kind=\"");
    out.push_str(&kind.id);
    match relation.weight {
        Some(weight) => {
            let _ = write!(out, "\" weight=\"{weight}\"");
        }
        None => out.push_str("\" weight=\"1\""),
    }
    if let Some(label) = &relation.label {
        out.push_str(" label=\"");
        xml_into(out, label);
        out.push('"');
    }
    let event = relation.event.unwrap_or(kind.kind.event);
    let (start, end) = spell(relation, event);
    if let Some(start) = start {
        day_attribute(out, "start", start);
    }
    if let Some(end) = end {
        day_attribute(out, "end", end);
    }
    out.push_str("><attvalues>");
    out.push_str(&kind.attvalues);
    attvalue(out, "e_event", bool_text(event));
    for (id, value) in [("e_since", &relation.since), ("e_until", &relation.until)] {
        if let Some(value) = value {
            attvalue(out, id, value);
        }
    }
    if let Some(inferred) = &relation.inferred {
        json.clear();
        serde_json::to_writer(&mut *json, inferred)?;
        attvalue(out, "e_inferred", json_text(json)?);
    }
    json.clear();
    serde_json::to_writer(&mut *json, &relation.evidence)?;
    attvalue(out, "e_evidence", json_text(json)?);
    attvalue_start(out, "e_quotes");
    push_padded(out, relation.evidence.len() as u32, 1);
    out.push_str("\"/>");
    out.push_str(&kind.end);
    Ok(())
}

fn json_text(json: &[u8]) -> io::Result<&str> {
    std::str::from_utf8(json).map_err(io::Error::other)
}

/// The first and last day of a relation: its `since` widened to the start
/// of its period and its `until` to the end of its; an event's, its
/// `since`'s period. `None` for an end left open (or not a date).
fn spell(relation: &Relation, event: bool) -> (Option<Day>, Option<Day>) {
    let date = |text: &Option<compact_str::CompactString>| {
        text.as_deref().and_then(|t| t.parse::<PartialDate>().ok())
    };
    let since = date(&relation.since);
    if event {
        return (since.map(|d| d.start()), since.map(|d| d.end()));
    }
    (
        since.map(|d| d.start()),
        date(&relation.until).map(|d| d.end()),
    )
}

/// ` name="YYYY-MM-DD"`.
fn day_attribute(out: &mut String, name: &str, (year, month, day): Day) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_padded(out, year.unsigned_abs().into(), 4);
    out.push('-');
    push_padded(out, month.into(), 2);
    out.push('-');
    push_padded(out, day.into(), 2);
    out.push('"');
}

/// `n` in decimal, with leading zeros to `width` digits: a million edges
/// format their dates and counts faster than through `write!`.
fn push_padded(out: &mut String, n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let first = at.min(digits.len() - width.min(digits.len()));
    for &digit in &digits[first..] {
        out.push(char::from(digit));
    }
}

/// `<attvalue for="id" value="` (the value and its end to follow).
fn attvalue_start(out: &mut String, id: &str) {
    out.push_str("<attvalue for=\"");
    out.push_str(id);
    out.push_str("\" value=\"");
}

fn attvalue(out: &mut String, id: &str, value: &str) {
    attvalue_start(out, id);
    xml_into(out, value);
    out.push_str("\"/>");
}

/// The colour of each of `doc`'s relation types, in its order: the DOT
/// diagrams' [`type_color`](super::look::type_color), counted among all the file's types.
fn type_colors(doc: &DocumentView<'_>) -> Vec<Rgb> {
    doc.relation_types
        .iter()
        .map(|kind| {
            let at = doc.all_types.iter().position(|t| t.id == kind.id);
            let color = at.map(|at| color_among(doc.all_types, at).0);
            color
                .as_deref()
                .and_then(rgb)
                .or_else(|| rgb(net_color(kind.polarity)))
                .unwrap_or((0x77, 0x77, 0x77))
        })
        .collect()
}

/// The red, green and blue of `#rrggbb` or `#rgb`; `None` for other texts
/// (Graphviz colour names).
fn rgb(color: &str) -> Option<Rgb> {
    let hex = color.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |text: &str| u8::from_str_radix(text, 16).ok();
    match hex.len() {
        6 => Some((
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        )),
        3 => {
            let short = |at: usize| channel(&hex[at..at + 1]).map(|c| c * 17);
            Some((short(0)?, short(1)?, short(2)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(since: Option<&str>, until: Option<&str>) -> Relation {
        serde_json::from_value(serde_json::json!({
            "id": "r", "source": "A", "target": "B", "type": "t",
            "since": since, "until": until,
        }))
        .unwrap()
    }

    fn days(relation: &Relation, event: bool) -> (Option<String>, Option<String>) {
        let text = |day: Option<Day>| {
            day.map(|d| {
                let mut out = String::new();
                day_attribute(&mut out, "x", d);
                out[4..out.len() - 1].to_owned()
            })
        };
        let (start, end) = spell(relation, event);
        (text(start), text(end))
    }

    fn pair(start: &str, end: &str) -> (Option<String>, Option<String>) {
        (Some(start.to_owned()), Some(end.to_owned()))
    }

    #[test]
    fn partial_dates_are_widened_to_their_periods() {
        let state = relation(Some("2022"), Some("2023-05"));
        assert_eq!(days(&state, false), pair("2022-01-01", "2023-05-31"));
        let leap = relation(Some("2024-02"), Some("2024-02"));
        assert_eq!(days(&leap, false), pair("2024-02-01", "2024-02-29"));
        let decade = relation(Some("2010s"), Some("2010s"));
        assert_eq!(days(&decade, false), pair("2010-01-01", "2019-12-31"));
        let open = relation(None, Some("2022"));
        assert_eq!(days(&open, false), (None, Some("2022-12-31".to_owned())));
        assert_eq!(days(&relation(None, None), false), (None, None));
        let old = relation(Some("0987-06-05"), None);
        assert_eq!(days(&old, false), (Some("0987-06-05".to_owned()), None));
    }

    #[test]
    fn events_last_their_dates_period() {
        let day = relation(Some("2024-07-04"), None);
        assert_eq!(days(&day, true), pair("2024-07-04", "2024-07-04"));
        let month = relation(Some("2023-09"), None);
        assert_eq!(days(&month, true), pair("2023-09-01", "2023-09-30"));
        assert_eq!(days(&relation(None, None), true), (None, None));
    }

    #[test]
    fn every_string_is_escaped_ids_too() {
        let entity: Entity = serde_json::from_value(serde_json::json!({
            "id": "a\"<&>'", "name": "Two\nlines\tand \"tab\"", "kind": "group",
            "aliases": ["x;y", "<z>"],
        }))
        .unwrap();
        let mut out = String::new();
        node(&mut out, &entity);
        assert!(out.contains("id=\"a&quot;&lt;&amp;&gt;&apos;\""), "{out}");
        assert!(out.contains("label=\"Two&#10;lines&#9;and &quot;tab&quot;\""));
        assert!(out.contains("value=\"x;y; &lt;z&gt;\""), "{out}");
        let parsed = roxmltree::Document::parse(&out).unwrap();
        let root = parsed.root_element();
        assert_eq!(root.attribute("id"), Some("a\"<&>'"));
        assert_eq!(root.attribute("label"), Some("Two\nlines\tand \"tab\""));
    }

    #[test]
    fn numbers_are_padded_to_their_width() {
        let padded = |n, width| {
            let mut out = String::new();
            push_padded(&mut out, n, width);
            out
        };
        assert_eq!(padded(7, 4), "0007");
        assert_eq!(padded(0, 1), "0");
        assert_eq!(padded(12345, 2), "12345");
        assert_eq!(padded(u32::MAX, 1), "4294967295");
    }

    #[test]
    fn colours_are_read_from_hex_only() {
        assert_eq!(rgb("#1b7837"), Some((0x1b, 0x78, 0x37)));
        assert_eq!(rgb("#fa0"), Some((0xff, 0xaa, 0x00)));
        assert_eq!(rgb("red"), None);
        assert_eq!(rgb("#12345"), None);
        assert_eq!(rgb("#ééé"), None);
    }
}
