//! CSV tables of a graph: `entities.csv`, `relations.csv` and `types.csv`,
//! written row by row, with the column names of one of three flavours.
//!
//! - **plain**: the columns `relgraph import csv` reads, named as its reader
//!   names its fields (the header is built from [`ImportTable::fields`], so
//!   the two cannot drift apart): `import csv relations.csv --entities
//!   entities.csv --types types.csv` reads the folder back. A relation is one
//!   row per quote (one row when it has none), each repeating its other
//!   columns and its id, which is how the reader knows the rows for one
//!   relation; `event` is the relation's own, empty when it follows its
//!   type's. Aliases are joined by `; `. What the files cannot carry is
//!   listed in the README.
//! - **neo4j**: the headers of `neo4j-admin database import full` (Neo4j 5):
//!   nodes with `id:ID`, `:LABEL` (`Entity;Country`) and typed properties
//!   (`aliases:string[]`, `;` between items, Neo4j's default array
//!   delimiter), relationships with `:START_ID`, `:END_ID`, `:TYPE` (the
//!   relation type's id) and the properties the GraphML export gives edges
//!   (evidence and inferred facts as JSON text, the number of quotes).
//!   Absent values are empty cells, which Neo4j leaves unset.
//! - **kumu**: Kumu's columns (elements `ID`, `Label`, `Type`, `Description`;
//!   connections `ID`, `From`, `To`, `Type`, `Direction`, `Label`,
//!   `Description`, `Tags`), with the other fields as Kumu custom fields
//!   named as `import csv` reads them (`Since`, `Weight`, `Quote`, `Source
//!   ID`…), so the README's Kumu recipe reads the folder back. `From` and
//!   `To` are element ids, as Kumu requires once elements have an `ID`.
//!
//! Every flavour writes the same three file names, so a folder can be
//! exported again in another flavour; `types.csv` is the plain types table
//! in each (Neo4j and Kumu do not read it; the plain and Kumu read-backs do).
//! Files are in document order, UTF-8 without a byte order mark, `\n` line
//! ends, cells quoted only when they must be (RFC 4180: `"` doubled).
//!
//! No cell is altered, in any flavour: a value starting with `=`, `+`, `-` or
//! `@` is written as it is, since the plain files must read back exactly and
//! Neo4j and Kumu read cells as text. A spreadsheet opening such a file may
//! take those cells for formulas: open files from untrusted graphs with the
//! spreadsheet's text import (every column as Text), not by double-clicking.

use std::fmt::Write as _;
use std::io::{self, Write};

use rustc_hash::FxHashMap;

use super::graphml::bool_text;
use crate::model::read::csv::{Field, Table as ImportTable};
use crate::model::{DocumentView, Evidence, Kind, Relation, RelationType};

/// Whose column names the CSV files have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvFlavor {
    /// relgraph's own, read back by `relgraph import csv`
    #[default]
    Plain,
    /// `neo4j-admin database import` headers (:ID, :START_ID, :END_ID, :TYPE, typed properties)
    Neo4j,
    /// Kumu's elements and connections (From, To, Type, Label, Tags)
    Kumu,
}

/// The CSV files of a graph in one flavour.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvTables {
    /// Whose column names to write.
    pub flavor: CsvFlavor,
}

/// One file of the folder: its name and what writes it.
pub type Table = (
    &'static str,
    fn(CsvFlavor, &DocumentView<'_>, &mut dyn Write) -> io::Result<()>,
);

/// The entities file (Neo4j's nodes, Kumu's elements).
pub const ENTITIES_FILE: &str = "entities.csv";
/// The relations file (Neo4j's relationships, Kumu's connections).
pub const RELATIONS_FILE: &str = "relations.csv";
/// The relation types file.
pub const TYPES_FILE: &str = "types.csv";

/// The nodes header of the Neo4j flavour.
pub const NEO4J_ENTITY_HEADER: [&str; 6] = [
    "id:ID",
    ":LABEL",
    "name",
    "kind",
    "aliases:string[]",
    "description",
];

/// The relationships header of the Neo4j flavour.
pub const NEO4J_RELATION_HEADER: [&str; 15] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "id",
    "type_label",
    "polarity",
    "directed:boolean",
    "event:boolean",
    "since",
    "until",
    "weight:double",
    "label",
    "inferred",
    "evidence",
    "quotes:int",
];

/// The elements header of the Kumu flavour.
pub const KUMU_ENTITY_HEADER: [&str; 5] = ["ID", "Label", "Type", "Description", "Aliases"];

/// The connections header of the Kumu flavour.
pub const KUMU_RELATION_HEADER: [&str; 14] = [
    "ID",
    "From",
    "To",
    "Type",
    "Direction",
    "Label",
    "Description",
    "Tags",
    "Since",
    "Until",
    "Weight",
    "Quote",
    "Translation",
    "Source ID",
];

impl CsvTables {
    /// The files this flavour writes, in order.
    pub fn tables(&self) -> Vec<Table> {
        vec![
            (ENTITIES_FILE, write_entities),
            (RELATIONS_FILE, write_relations),
            (TYPES_FILE, write_types),
        ]
    }
}

impl CsvFlavor {
    /// The header of `entities.csv`.
    pub fn entity_header(self) -> Vec<&'static str> {
        match self {
            CsvFlavor::Plain => names(ImportTable::Entities),
            CsvFlavor::Neo4j => NEO4J_ENTITY_HEADER.to_vec(),
            CsvFlavor::Kumu => KUMU_ENTITY_HEADER.to_vec(),
        }
    }

    /// The header of `relations.csv`.
    pub fn relation_header(self) -> Vec<&'static str> {
        match self {
            CsvFlavor::Plain => names(ImportTable::Relations),
            CsvFlavor::Neo4j => NEO4J_RELATION_HEADER.to_vec(),
            CsvFlavor::Kumu => KUMU_RELATION_HEADER.to_vec(),
        }
    }

    /// The header of `types.csv`: the plain one in every flavour.
    pub fn type_header(self) -> Vec<&'static str> {
        names(ImportTable::Types)
    }
}

/// The names of every field `import csv` reads in a file of `table`: its
/// default columns, then the optional ones.
fn names(table: ImportTable) -> Vec<&'static str> {
    table.fields().iter().map(|field| field.name()).collect()
}

/// A CSV writer over `out`, which is already buffered.
fn writer(out: &mut dyn Write) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new()
        .buffer_capacity(64 * 1024)
        .from_writer(out)
}

fn write_entities(
    flavor: CsvFlavor,
    doc: &DocumentView<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record(flavor.entity_header())?;
    let mut aliases = String::new();
    for entity in &doc.entities {
        let description = entity.description.as_deref().unwrap_or("");
        match flavor {
            CsvFlavor::Plain => {
                join_into(&mut aliases, &entity.aliases, "; ");
                let fields = ImportTable::Entities.fields();
                csv.write_record(fields.iter().map(|&field| match field {
                    Field::Id => entity.id.as_str(),
                    Field::Name => entity.name.as_str(),
                    Field::Kind => entity.kind.as_str(),
                    Field::Aliases => aliases.as_str(),
                    Field::Description => description,
                    _ => "",
                }))?;
            }
            CsvFlavor::Neo4j => {
                join_into(&mut aliases, &entity.aliases, ";");
                csv.write_record([
                    entity.id.as_str(),
                    neo4j_labels(entity.kind),
                    entity.name.as_str(),
                    entity.kind.as_str(),
                    aliases.as_str(),
                    description,
                ])?;
            }
            CsvFlavor::Kumu => {
                join_into(&mut aliases, &entity.aliases, "; ");
                csv.write_record([
                    entity.id.as_str(),
                    entity.name.as_str(),
                    kumu_kind(entity.kind),
                    description,
                    aliases.as_str(),
                ])?;
            }
        }
    }
    csv.flush()
}

fn write_relations(
    flavor: CsvFlavor,
    doc: &DocumentView<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record(flavor.relation_header())?;
    match flavor {
        CsvFlavor::Plain => plain_relations(&mut csv, doc)?,
        CsvFlavor::Neo4j => neo4j_relations(&mut csv, doc)?,
        CsvFlavor::Kumu => kumu_relations(&mut csv, doc)?,
    }
    csv.flush()
}

type CsvWriter<'w> = ::csv::Writer<&'w mut dyn Write>;

/// One row per quote of each relation (one row for a relation without
/// any), repeating the relation's other columns and its id: `import csv`
/// reads rows that share an id as one relation, a quote a row.
fn plain_relations(csv: &mut CsvWriter<'_>, doc: &DocumentView<'_>) -> io::Result<()> {
    let fields = ImportTable::Relations.fields();
    let mut weight = String::new();
    doc.relations.try_windows(|window| {
        for &relation in window {
            weight_into(&mut weight, relation.weight);
            for i in 0..relation.evidence.len().max(1) {
                let quote = relation.evidence.get(i);
                csv.write_record(fields.iter().map(|&field| match field {
                    Field::Source => relation.source.as_str(),
                    Field::Target => relation.target.as_str(),
                    Field::Type => relation.relation_type.as_str(),
                    Field::Since => optional(&relation.since),
                    Field::Until => optional(&relation.until),
                    Field::Weight => weight.as_str(),
                    Field::Label => relation.label.as_deref().unwrap_or(""),
                    Field::Quote => quote.map_or("", |e| e.quote.as_str()),
                    Field::Translation => {
                        quote.and_then(|e| e.translation.as_deref()).unwrap_or("")
                    }
                    Field::SourceId => quote.map_or("", |e| e.source.as_str()),
                    Field::Id => relation.id.as_str(),
                    Field::Event => relation.event.map_or("", bool_text),
                    _ => "",
                }))?;
            }
        }
        io::Result::Ok(())
    })
}

/// One relationship per relation: every quote as JSON text.
fn neo4j_relations(csv: &mut CsvWriter<'_>, doc: &DocumentView<'_>) -> io::Result<()> {
    let types = doc.types_by_id();
    let (mut weight, mut quotes) = (String::new(), String::new());
    let (mut evidence, mut inferred) = (Vec::new(), Vec::new());
    doc.relations.try_windows(|window| {
        for &relation in window {
            let kind = types.get(relation.relation_type.as_str()).copied();
            weight_into(&mut weight, Some(relation.weight.unwrap_or(1.0)));
            quotes.clear();
            let _ = write!(quotes, "{}", relation.evidence.len());
            evidence.clear();
            serde_json::to_writer(&mut evidence, &relation.evidence)?;
            inferred.clear();
            if let Some(facts) = &relation.inferred {
                serde_json::to_writer(&mut inferred, facts)?;
            }
            csv.write_record([
                relation.source.as_bytes(),
                relation.target.as_bytes(),
                relation.relation_type.as_bytes(),
                relation.id.as_bytes(),
                kind.map_or("", |k| k.label.as_str()).as_bytes(),
                kind.map_or("", |k| k.polarity.as_str()).as_bytes(),
                kind.map_or("", |k| bool_text(k.directed)).as_bytes(),
                event_of(relation, kind).map_or("", bool_text).as_bytes(),
                optional(&relation.since).as_bytes(),
                optional(&relation.until).as_bytes(),
                weight.as_bytes(),
                relation.label.as_deref().unwrap_or("").as_bytes(),
                inferred.as_slice(),
                evidence.as_slice(),
                quotes.as_bytes(),
            ])?;
        }
        io::Result::Ok(())
    })
}

/// One connection per relation: its first quote in the columns `import csv`
/// reads, every quote in `Description`.
fn kumu_relations(csv: &mut CsvWriter<'_>, doc: &DocumentView<'_>) -> io::Result<()> {
    let types = doc.types_by_id();
    let type_names = kumu_type_names(&doc.relation_types);
    let (mut weight, mut description, mut tags) = (String::new(), String::new(), String::new());
    doc.relations.try_windows(|window| {
        for &relation in window {
            let id = relation.relation_type.as_str();
            let kind = types.get(id).copied();
            weight_into(&mut weight, relation.weight);
            evidence_text(&mut description, &relation.evidence);
            kumu_tags(&mut tags, relation, kind);
            let first = relation.evidence.first();
            csv.write_record([
                relation.id.as_str(),
                relation.source.as_str(),
                relation.target.as_str(),
                type_names.get(id).copied().unwrap_or(id),
                kind.map_or("", |k| if k.directed { "directed" } else { "undirected" }),
                relation.label.as_deref().unwrap_or(""),
                description.as_str(),
                tags.as_str(),
                optional(&relation.since),
                optional(&relation.until),
                weight.as_str(),
                first.map_or("", |e| e.quote.as_str()),
                first.and_then(|e| e.translation.as_deref()).unwrap_or(""),
                first.map_or("", |e| e.source.as_str()),
            ])?;
        }
        io::Result::Ok(())
    })
}

fn write_types(flavor: CsvFlavor, doc: &DocumentView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = writer(out);
    csv.write_record(flavor.type_header())?;
    let fields = ImportTable::Types.fields();
    for kind in &doc.relation_types {
        csv.write_record(fields.iter().map(|&field| match field {
            Field::Id => kind.id.as_str(),
            Field::Label => kind.label.as_str(),
            Field::Polarity => kind.polarity.as_str(),
            Field::Directed => bool_text(kind.directed),
            Field::Color => kind.color.as_deref().unwrap_or(""),
            Field::Event => bool_text(kind.event),
            Field::Description => kind.description.as_deref().unwrap_or(""),
            _ => "",
        }))?;
    }
    csv.flush()
}

/// Whether the relation is an event: its own `event`, else its type's.
fn event_of(relation: &Relation, kind: Option<&RelationType>) -> Option<bool> {
    relation.event.or(kind.map(|k| k.event))
}

/// `items` joined by `separator`, into `out`.
fn join_into(out: &mut String, items: &[compact_str::CompactString], separator: &str) {
    out.clear();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
}

/// The weight as written (`2`, `0.5`; the shortest text that reads back as
/// the same number), or nothing.
fn weight_into(out: &mut String, weight: Option<f64>) {
    out.clear();
    if let Some(weight) = weight {
        let _ = write!(out, "{weight}");
    }
}

fn optional(value: &Option<compact_str::CompactString>) -> &str {
    value.as_deref().unwrap_or("")
}

/// A node's labels: `Entity` and its kind.
fn neo4j_labels(kind: Kind) -> &'static str {
    match kind {
        Kind::Country => "Entity;Country",
        Kind::Group => "Entity;Group",
        Kind::Organization => "Entity;Organization",
        Kind::Person => "Entity;Person",
    }
}

/// An element's Kumu type: its kind, capitalised as Kumu types are.
fn kumu_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Country => "Country",
        Kind::Group => "Group",
        Kind::Organization => "Organization",
        Kind::Person => "Person",
    }
}

/// Every quote, one paragraph each: the quote, its translation, its source.
fn evidence_text(out: &mut String, evidence: &[Evidence]) {
    out.clear();
    for (i, item) in evidence.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        out.push_str(&item.quote);
        if let Some(translation) = &item.translation {
            out.push_str("\nTranslation: ");
            out.push_str(translation);
        }
        out.push_str("\nSource: ");
        out.push_str(&item.source);
    }
}

/// A connection's Kumu tags, `|` between them: its polarity, `event` for an
/// event, and `inferred-FACT` for each fact the editor inferred.
fn kumu_tags(out: &mut String, relation: &Relation, kind: Option<&RelationType>) {
    out.clear();
    let mut tag = |text: &str| {
        if !out.is_empty() {
            out.push('|');
        }
        out.push_str(text);
    };
    if let Some(kind) = kind {
        tag(kind.polarity.as_str());
    }
    if event_of(relation, kind) == Some(true) {
        tag("event");
    }
    for (fact, _) in relation.inferred.iter().flat_map(|i| i.facts()) {
        tag(&format!("inferred-{fact}"));
    }
}

/// What the Kumu `Type` of each relation type's connections says: its label
/// when `import csv` reads that label back as this type, else its id. The
/// reader takes a type by its exact id, else by id or label in any case,
/// the first type listed winning, with cells trimmed.
fn kumu_type_names<'a>(types: &[&'a RelationType]) -> FxHashMap<&'a str, &'a str> {
    let mut exact: FxHashMap<&str, usize> = FxHashMap::default();
    let mut folded: FxHashMap<String, usize> = FxHashMap::default();
    for (i, kind) in types.iter().enumerate() {
        exact.entry(kind.id.trim()).or_insert(i);
        for name in [kind.id.as_str(), kind.label.as_str()] {
            folded.entry(name.trim().to_lowercase()).or_insert(i);
        }
    }
    types
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let label = kind.label.trim();
            let reads_back = !label.is_empty()
                && exact.get(label).is_none_or(|&j| j == i)
                && folded.get(&label.to_lowercase()) == Some(&i);
            let name = if reads_back {
                &kind.label
            } else {
                kind.id.as_str()
            };
            (kind.id.as_str(), name)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Inferred, Polarity};

    #[test]
    fn plain_headers_are_the_columns_import_csv_reads() {
        let plain = CsvFlavor::Plain;
        assert_eq!(
            plain.relation_header().join(","),
            "source,target,type,since,until,weight,label,quote,translation,source_id,id,event"
        );
        assert_eq!(
            plain.entity_header().join(","),
            "id,name,kind,aliases,description"
        );
        assert_eq!(
            plain.type_header().join(","),
            "id,label,polarity,directed,color,event,description"
        );
        for (header, table) in [
            (plain.relation_header(), ImportTable::Relations),
            (plain.entity_header(), ImportTable::Entities),
            (plain.type_header(), ImportTable::Types),
        ] {
            let fields: Vec<Option<Field>> = header.iter().map(|h| Field::named(h)).collect();
            let expected: Vec<Option<Field>> = table.fields().iter().copied().map(Some).collect();
            assert_eq!(fields, expected, "{header:?}");
        }
    }

    #[test]
    fn neo4j_headers_follow_the_import_tool() {
        let neo4j = CsvFlavor::Neo4j;
        assert_eq!(
            neo4j.entity_header().join(","),
            "id:ID,:LABEL,name,kind,aliases:string[],description"
        );
        assert_eq!(
            neo4j.relation_header().join(","),
            ":START_ID,:END_ID,:TYPE,id,type_label,polarity,directed:boolean,event:boolean,\
             since,until,weight:double,label,inferred,evidence,quotes:int"
        );
        assert_eq!(neo4j.type_header(), CsvFlavor::Plain.type_header());
    }

    #[test]
    fn kumu_headers_are_kumu_columns_then_fields_import_csv_reads() {
        let kumu = CsvFlavor::Kumu;
        assert_eq!(
            kumu.entity_header().join(","),
            "ID,Label,Type,Description,Aliases"
        );
        assert_eq!(
            kumu.relation_header().join(","),
            "ID,From,To,Type,Direction,Label,Description,Tags,Since,Until,Weight,\
             Quote,Translation,Source ID"
        );
        // Past Kumu's own columns, each is read by `import csv` as its field.
        for column in &KUMU_RELATION_HEADER[8..] {
            let field = Field::named(column).expect("a field of import csv");
            assert!(ImportTable::Relations.fields().contains(&field), "{column}");
        }
        assert_eq!(Field::named("Aliases"), Some(Field::Aliases));
        assert_eq!(kumu.type_header(), CsvFlavor::Plain.type_header());
    }

    #[test]
    fn every_flavour_writes_the_same_three_files() {
        for flavor in [CsvFlavor::Plain, CsvFlavor::Neo4j, CsvFlavor::Kumu] {
            let names: Vec<&str> = CsvTables { flavor }.tables().iter().map(|t| t.0).collect();
            assert_eq!(names, ["entities.csv", "relations.csv", "types.csv"]);
        }
    }

    fn kind(id: &str, label: &str) -> RelationType {
        RelationType {
            id: id.into(),
            label: label.to_owned(),
            polarity: Polarity::Hostile,
            directed: true,
            event: false,
            color: None,
            description: None,
        }
    }

    #[test]
    fn kumu_types_are_labels_unless_import_would_read_another_type() {
        let types = [
            kind("war", "War"),
            kind("ally", "war"),
            kind("b", "a"),
            kind("a", "Sanction"),
            kind("x", " "),
        ];
        let refs: Vec<&RelationType> = types.iter().collect();
        let names = kumu_type_names(&refs);
        // `war`'s label is its own; `ally`'s would read as `war`, `b`'s as the
        // type whose id is `a`; blank labels are never used.
        assert_eq!(names["war"], "War");
        assert_eq!(names["ally"], "ally");
        assert_eq!(names["b"], "b");
        assert_eq!(names["a"], "Sanction");
        assert_eq!(names["x"], "x");
    }

    fn written(flavor: CsvFlavor, doc: &Document, file: &str) -> String {
        let (_, write) = CsvTables { flavor }
            .tables()
            .into_iter()
            .find(|t| t.0 == file)
            .unwrap();
        let mut bytes = Vec::new();
        write(flavor, &doc.view(), &mut bytes).unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn document() -> Document {
        let text = r#"{
          "title": "t",
          "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p",
                       "published": "2024", "language": "en"}],
          "relation_types": [{"id": "war", "label": "War", "polarity": "hostile",
                              "directed": true, "event": true, "color": "red"}],
          "entities": [
            {"id": "A", "name": "=A, \"the\"\nfirst", "kind": "country", "aliases": ["x", "y"]},
            {"id": "B", "name": "B", "kind": "person", "description": "+1"}
          ],
          "relations": [
            {"id": "r1", "source": "A", "target": "B", "type": "war", "weight": 2.5,
             "since": "2022", "inferred": {"date": "from context"},
             "evidence": [{"source": "s", "quote": "q, \"1\"", "translation": "t1"},
                          {"source": "s", "quote": "q2"}]},
            {"id": "r2", "source": "B", "target": "A", "type": "war", "event": false,
             "until": "2023", "label": "@l", "evidence": []}
          ]
        }"#;
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn plain_rows_carry_every_column_unaltered() {
        let doc = document();
        assert_eq!(
            written(CsvFlavor::Plain, &doc, "entities.csv"),
            "id,name,kind,aliases,description\n\
             A,\"=A, \"\"the\"\"\nfirst\",country,x; y,\n\
             B,B,person,,+1\n"
        );
        assert_eq!(
            written(CsvFlavor::Plain, &doc, "relations.csv"),
            "source,target,type,since,until,weight,label,quote,translation,source_id,id,event\n\
             A,B,war,2022,,2.5,,\"q, \"\"1\"\"\",t1,s,r1,\n\
             A,B,war,2022,,2.5,,q2,,s,r1,\n\
             B,A,war,,2023,,@l,,,,r2,false\n"
        );
        assert_eq!(
            written(CsvFlavor::Plain, &doc, "types.csv"),
            "id,label,polarity,directed,color,event,description\n\
             war,War,hostile,true,red,true,\n"
        );
    }

    #[test]
    fn neo4j_rows_have_typed_values_and_every_quote() {
        let doc = document();
        let nodes = written(CsvFlavor::Neo4j, &doc, "entities.csv");
        assert!(
            nodes.contains("\nA,Entity;Country,\"=A, \"\"the\"\"\nfirst\",country,x;y,\n"),
            "{nodes}"
        );
        assert!(
            nodes.ends_with("\nB,Entity;Person,B,person,,+1\n"),
            "{nodes}"
        );
        let edges = written(CsvFlavor::Neo4j, &doc, "relations.csv");
        let lines: Vec<&str> = edges.lines().collect();
        assert_eq!(
            lines[1],
            "A,B,war,r1,War,hostile,true,true,2022,,2.5,,\"{\"\"date\"\":\"\"from context\"\"}\",\
             \"[{\"\"source\"\":\"\"s\"\",\"\"quote\"\":\"\"q, \\\"\"1\\\"\"\"\",\"\"translation\"\":\"\"t1\"\"},\
             {\"\"source\"\":\"\"s\"\",\"\"quote\"\":\"\"q2\"\"}]\",2"
        );
        assert_eq!(
            lines[2],
            "B,A,war,r2,War,hostile,true,false,,2023,1,@l,,[],0"
        );
    }

    #[test]
    fn kumu_rows_name_elements_by_id_and_tag_connections() {
        let mut doc = document();
        doc.relations[1].inferred = Some(Box::new(Inferred {
            parties: Some("p".into()),
            date: None,
            direction: Some("d".into()),
        }));
        let elements = written(CsvFlavor::Kumu, &doc, "entities.csv");
        assert!(elements.ends_with("\nB,B,Person,+1,\n"), "{elements}");
        let connections = written(CsvFlavor::Kumu, &doc, "relations.csv");
        let lines: Vec<&str> = connections.split_inclusive('\n').collect();
        assert_eq!(
            lines[1..].concat(),
            "r1,A,B,War,directed,,\"q, \"\"1\"\"\nTranslation: t1\nSource: s\n\nq2\nSource: s\",\
             hostile|event|inferred-date,2022,,2.5,\"q, \"\"1\"\"\",t1,s\n\
             r2,B,A,War,directed,@l,,hostile|inferred-parties|inferred-direction,,2023,,,,\n"
        );
    }
}
