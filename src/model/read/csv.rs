//! The CSV reader: relations kept in a spreadsheet, with an optional file of
//! entities and one of relation types, read into the format-neutral
//! [`Document`].
//!
//! Each file starts with a header row naming its columns, each read as a
//! [`Field`] (in any case, with spaces around trimmed and a space or `-`
//! taken for `_`: `Source ID` is `source_id`), unless `--map` renames it
//! ([`ColumnMap`]). Entities and relation types that the relations name but
//! no file lists are created, with one warning each (or refused, one error
//! per cell, under `--strict`); a source is made for the quotes, and ids for
//! the relations without one.
//!
//! A row of the relations file is a relation with at most one quote (its
//! `quote`, `translation` and `source_id`). Rows that share a non-empty `id`,
//! next to each other or not, are one relation with one quote a row, in row
//! order, placed where its first row is: each later row must agree with the
//! first on every other column (`source`, `target`, `type`, `since`, `until`,
//! `weight`, `label`, `event`), an empty cell meaning "as in the first row";
//! a cell that says otherwise is an error at that cell, naming the first row.
//! Entities and types agree when they are the same, however named (`RUS` and
//! `Russia`), numbers and yes-or-no cells when their values are. Rows without
//! an `id` are one relation each, with an id made up. A relation's optional
//! `event` (true or false) overrides its type's `event`; empty, it follows
//! the type.
//!
//! Problems are placed at their file, row and column ([`Place::Cell`]): rows
//! are counted as a spreadsheet shows them, the header being row 1, a blank
//! line a row, and a cell holding line breaks one row. Problems of a
//! relation type or entity the reader created are placed where a relation
//! first names it.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use compact_str::CompactString;

use super::{Origins, Parsed, Reader};
use crate::diagnostic::{Diagnostics, DocPath, Place, Problem, Segment, Severity, SourceText};
use crate::error::Error;
use crate::model::document::{
    Document, Entity, Evidence, Kind, Polarity, Relation, RelationType, Source,
};
use crate::model::suggest::closest;

/// The UTF-8 byte order mark some spreadsheets put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Placeholder for the author and publisher of the sources an import makes.
pub const UNKNOWN: &str = "unknown";

/// Placeholder language of the sources an import makes: the code for an
/// undetermined language (ISO 639-2, BCP 47).
pub const UNDETERMINED_LANGUAGE: &str = "und";

/// How many names a warning lists before saying how many more there are.
const LISTED_NAMES: usize = 12;

/// A field a column can be read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// The id of a relation, entity or relation type.
    Id,
    /// A relation's actor: an entity.
    Source,
    /// A relation's counterpart: an entity.
    Target,
    /// A relation's type.
    Type,
    /// When a relation began.
    Since,
    /// When a relation ended.
    Until,
    /// A relation's weight.
    Weight,
    /// A relation's or relation type's label.
    Label,
    /// The quote that states a relation.
    Quote,
    /// The quote's English translation.
    Translation,
    /// The id of the source the quote comes from.
    SourceId,
    /// An entity's display name.
    Name,
    /// An entity's kind.
    Kind,
    /// An entity's other names, separated by `;`.
    Aliases,
    /// An entity's or relation type's description.
    Description,
    /// A relation type's polarity.
    Polarity,
    /// Whether a relation type is directed.
    Directed,
    /// Whether a relation is an event (relations; empty: as its type says),
    /// or a relation type's relations are (types).
    Event,
    /// A relation type's colour.
    Color,
    /// Not read: `--map Notes=ignore` leaves a column out.
    Ignore,
}

/// How many fields there are.
const FIELDS: usize = 20;

impl Field {
    /// Every field.
    pub const ALL: [Field; FIELDS] = [
        Field::Id,
        Field::Source,
        Field::Target,
        Field::Type,
        Field::Since,
        Field::Until,
        Field::Weight,
        Field::Label,
        Field::Quote,
        Field::Translation,
        Field::SourceId,
        Field::Name,
        Field::Kind,
        Field::Aliases,
        Field::Description,
        Field::Polarity,
        Field::Directed,
        Field::Event,
        Field::Color,
        Field::Ignore,
    ];

    /// The name headers and `--map` use.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Source => "source",
            Field::Target => "target",
            Field::Type => "type",
            Field::Since => "since",
            Field::Until => "until",
            Field::Weight => "weight",
            Field::Label => "label",
            Field::Quote => "quote",
            Field::Translation => "translation",
            Field::SourceId => "source_id",
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Aliases => "aliases",
            Field::Description => "description",
            Field::Polarity => "polarity",
            Field::Directed => "directed",
            Field::Event => "event",
            Field::Color => "color",
            Field::Ignore => "ignore",
        }
    }

    /// The field `text` names (a header cell or the field of a `--map`), if any.
    ///
    /// ```
    /// use relgraph::model::read::csv::Field;
    /// assert_eq!(Field::named(" Source ID "), Some(Field::SourceId));
    /// assert_eq!(Field::named("From"), None);
    /// ```
    pub fn named(text: &str) -> Option<Field> {
        let wanted = normalise(text);
        Field::ALL.into_iter().find(|field| field.name() == wanted)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A header cell as compared with field names and `--map` columns: trimmed,
/// lowercase, with spaces and `-` taken for `_`.
fn normalise(header: &str) -> String {
    header
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect()
}

/// One of the files an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Relations, one per row.
    Relations,
    /// Entities (`--entities`).
    Entities,
    /// Relation types (`--types`).
    Types,
}

impl Table {
    /// Every table, in the order their fields are listed.
    pub const ALL: [Table; 3] = [Table::Relations, Table::Entities, Table::Types];

    /// The fields its columns can be read as, in the order of its default
    /// columns, optional ones last.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Table::Relations => &[
                Field::Source,
                Field::Target,
                Field::Type,
                Field::Since,
                Field::Until,
                Field::Weight,
                Field::Label,
                Field::Quote,
                Field::Translation,
                Field::SourceId,
                Field::Id,
                Field::Event,
            ],
            Table::Entities => &[
                Field::Id,
                Field::Name,
                Field::Kind,
                Field::Aliases,
                Field::Description,
            ],
            Table::Types => &[
                Field::Id,
                Field::Label,
                Field::Polarity,
                Field::Directed,
                Field::Color,
                Field::Event,
                Field::Description,
            ],
        }
    }

    /// Its default columns, in order: the header a file of this table has
    /// when nothing needs renaming (the optional fields come after them in
    /// [`Table::fields`]).
    pub fn defaults(self) -> &'static [Field] {
        let fields = self.fields();
        let optional = match self {
            Table::Entities => 1,
            Table::Relations | Table::Types => 2,
        };
        &fields[..fields.len() - optional]
    }

    /// What its file is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Table::Relations => "relations",
            Table::Entities => "entities",
            Table::Types => "types",
        }
    }

    /// The document list its rows become.
    fn collection(self) -> &'static str {
        match self {
            Table::Relations => "relations",
            Table::Entities => "entities",
            Table::Types => "relation_types",
        }
    }

    /// The columns a file of this table must have: one field of each group.
    fn required(self) -> &'static [&'static [Field]] {
        match self {
            Table::Relations => &[&[Field::Source], &[Field::Target], &[Field::Type]],
            Table::Entities => &[&[Field::Id, Field::Name]],
            Table::Types => &[&[Field::Id], &[Field::Polarity], &[Field::Directed]],
        }
    }

    /// The columns that show a problem of `field` when the file has no
    /// column for it, best first.
    fn stand_ins(self, field: Field) -> &'static [Field] {
        match (self, field) {
            (Table::Relations, Field::Id) => &[Field::Quote, Field::Source],
            (Table::Relations, Field::SourceId) => &[Field::Quote, Field::Id, Field::Source],
            (Table::Relations, _) => &[Field::Id, Field::Source],
            (Table::Entities, _) => &[Field::Id, Field::Name],
            (Table::Types, _) => &[Field::Id],
        }
    }

    /// Whether `field` may be a column of this table's file.
    fn has(self, field: Field) -> bool {
        field == Field::Ignore || self.fields().contains(&field)
    }
}

/// `--map COLUMN=FIELD`: read the column called COLUMN as FIELD, in every
/// file of which FIELD is a field (`--map Label=name` renames the entities
/// file's `Label` column, not the relations file's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    /// The column's name, as given.
    pub column: String,
    /// The field it is read as.
    pub field: Field,
}

impl ColumnMap {
    /// Whether the map renames a column of `table`'s file.
    pub fn applies_to(&self, table: Table) -> bool {
        table.has(self.field)
    }

    /// Whether `header` is the column this map renames.
    fn renames(&self, header: &str) -> bool {
        normalise(&self.column) == normalise(header)
    }

    /// The table whose file both maps would rename one column of, if any.
    pub fn clashes_with(&self, other: &ColumnMap) -> Option<Table> {
        if self.field == other.field || normalise(&self.column) != normalise(&other.column) {
            return None;
        }
        Table::ALL
            .into_iter()
            .find(|&table| self.applies_to(table) && other.applies_to(table))
    }
}

impl fmt::Display for ColumnMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.column, self.field)
    }
}

impl FromStr for ColumnMap {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let Some((column, field)) = text.rsplit_once('=') else {
            return Err("write COLUMN=FIELD, as in --map From=source".to_owned());
        };
        if column.trim().is_empty() {
            return Err("the column name before `=` is empty".to_owned());
        }
        let field = Field::named(field).ok_or_else(|| unknown_field(field))?;
        Ok(ColumnMap {
            column: column.trim().to_owned(),
            field,
        })
    }
}

/// The message for a `--map` to a field that does not exist: every field, by file.
fn unknown_field(field: &str) -> String {
    let lists: Vec<String> = Table::ALL
        .into_iter()
        .map(|table| {
            let names: Vec<&str> = table.fields().iter().map(|f| f.name()).collect();
            format!("{} ({})", names.join(", "), table.noun())
        })
        .collect();
    let mut message = format!(
        "unknown field '{}': the fields are {}; and ignore (leave the column out)",
        field.trim(),
        lists.join("; ")
    );
    let names = Field::ALL.map(|f| (f.name(), f.name()));
    if let Some(close) = closest(field.trim(), names) {
        message.push_str(&format!("; did you mean '{close}'?"));
    }
    message
}

/// `--delimiter`: the byte between fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delimiter(pub u8);

impl Default for Delimiter {
    fn default() -> Self {
        Delimiter(b',')
    }
}

impl FromStr for Delimiter {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "," => Ok(Delimiter(b',')),
            ";" => Ok(Delimiter(b';')),
            "\t" => Ok(Delimiter(b'\t')),
            _ if text.eq_ignore_ascii_case("tab") => Ok(Delimiter(b'\t')),
            _ => Err("use , or ; or tab".to_owned()),
        }
    }
}

/// The entity kind `text` names, in any case.
///
/// ```
/// use relgraph::model::Kind;
/// use relgraph::model::read::csv::parse_kind;
/// assert_eq!(parse_kind("Person"), Ok(Kind::Person));
/// assert!(parse_kind("company").is_err());
/// ```
pub fn parse_kind(text: &str) -> Result<Kind, String> {
    [Kind::Country, Kind::Group, Kind::Organization, Kind::Person]
        .into_iter()
        .find(|kind| kind.as_str().eq_ignore_ascii_case(text.trim()))
        .ok_or_else(|| {
            format!("'{text}' is not a kind: use country, group, organization or person")
        })
}

/// What to read and how.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// The relations file.
    pub relations: PathBuf,
    /// The entities file, if any.
    pub entities: Option<PathBuf>,
    /// The relation types file, if any.
    pub types: Option<PathBuf>,
    /// The byte between fields.
    pub delimiter: Delimiter,
    /// Columns read as other fields.
    pub maps: Vec<ColumnMap>,
    /// The graph's title; the relations file's name when absent.
    pub title: Option<String>,
    /// The kind of entities created, and of entities without one.
    pub default_kind: Kind,
    /// Refuse entities and types that no file lists, instead of creating them.
    pub strict: bool,
}

impl CsvOptions {
    /// The files read, relations first.
    pub fn inputs(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.relations.as_path())
            .chain(self.entities.as_deref())
            .chain(self.types.as_deref())
    }
}

/// What an import made up rather than read, for its summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Created {
    /// Entities that the relations name but no file lists.
    pub entities: usize,
    /// Relation types likewise.
    pub types: usize,
}

/// Relations (and entities and relation types) in CSV files.
pub struct CsvReader {
    options: CsvOptions,
    layout: OnceCell<Layout>,
    created: OnceCell<Created>,
}

impl CsvReader {
    /// A reader of the files `options` names.
    pub fn new(options: CsvOptions) -> Self {
        CsvReader {
            options,
            layout: OnceCell::new(),
            created: OnceCell::new(),
        }
    }

    /// What the last [`Reader::read`] created.
    pub fn created(&self) -> Created {
        self.created.get().copied().unwrap_or_default()
    }

    /// Reads every file's rows and header; fatal problems (a missing
    /// column, an empty file) are an [`Error::Invalid`].
    fn sheets(&self) -> Result<Sheets, Error> {
        let mut problems = Vec::new();
        let mut used = vec![false; self.options.maps.len()];
        let mut read = |table| match self.path_of(table) {
            Some(path) => self.sheet(table, path, &mut used, &mut problems),
            None => Ok(None),
        };
        let relations = read(Table::Relations)?;
        let entities = read(Table::Entities)?;
        let types = read(Table::Types)?;
        self.unused_maps(&used, &mut problems);
        match relations {
            Some(relations) if !problems.iter().any(Problem::is_error) => Ok(Sheets {
                relations,
                entities,
                types,
                problems,
            }),
            _ => Err(Error::Invalid(Box::new(Diagnostics::new(
                self.name(),
                problems,
                None,
            )))),
        }
    }

    /// Reads one file: `None` when it cannot be read as a table.
    fn sheet(
        &self,
        table: Table,
        path: &Path,
        used: &mut [bool],
        problems: &mut Vec<Problem>,
    ) -> Result<Option<Sheet>, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_owned(),
            source,
        })?;
        let name = path.display().to_string();
        let sheet = Sheet::read(table, name, &bytes, &self.options, used, problems);
        Ok(sheet)
    }

    /// A warning for each `--map` that renamed no column.
    fn unused_maps(&self, used: &[bool], problems: &mut Vec<Problem>) {
        for (map, _) in self
            .options
            .maps
            .iter()
            .zip(used)
            .filter(|(_, used)| !**used)
        {
            let files: Vec<String> = Table::ALL
                .into_iter()
                .filter(|&table| map.applies_to(table))
                .filter_map(|table| self.path_of(table))
                .map(|path| path.display().to_string())
                .collect();
            problems.push(Problem {
                severity: Severity::Warning,
                place: Place::Line {
                    file: self.name(),
                    line: 1,
                    field: None,
                },
                message: format!(
                    "--map {map}: no column '{}' in {}",
                    map.column,
                    or_list(&files)
                ),
                hint: Some("check the column's name against the header row".to_owned()),
            });
        }
    }

    fn path_of(&self, table: Table) -> Option<&Path> {
        match table {
            Table::Relations => Some(&self.options.relations),
            Table::Entities => self.options.entities.as_deref(),
            Table::Types => self.options.types.as_deref(),
        }
    }
}

impl Reader for CsvReader {
    fn name(&self) -> String {
        self.options.relations.display().to_string()
    }

    fn read(&self) -> Result<Parsed, Error> {
        let mut sheets = self.sheets()?;
        let mut builder = Builder::new(&self.options, std::mem::take(&mut sheets.problems));
        if let Some(types) = &sheets.types {
            builder.types(types);
        }
        if let Some(entities) = &sheets.entities {
            builder.entities(entities);
        }
        let quotes = builder.relations(&sheets.relations);
        builder.creation_warnings(&sheets);
        let _ = self.created.set(builder.created());
        let (parsed, created) = builder.finish();
        let _ = self.layout.set(Layout {
            relations: sheets.relations.shape,
            entities: sheets.entities.map(|s| s.shape),
            types: sheets.types.map(|s| s.shape),
            created,
            quotes,
        });
        Ok(parsed)
    }

    fn place(&self, path: DocPath) -> Place {
        match self.layout.get().and_then(|layout| layout.place(&path)) {
            Some((file, row, column)) => Place::Cell {
                file,
                path,
                row,
                column,
            },
            None => Place::Path(path),
        }
    }

    fn text(&self) -> Result<Option<SourceText>, Error> {
        Ok(None)
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// The files read.
struct Sheets {
    relations: Sheet,
    entities: Option<Sheet>,
    types: Option<Sheet>,
    /// Problems found in the headers (warnings only).
    problems: Vec<Problem>,
}

/// What is needed to place a problem in a file: its name, columns and rows.
#[derive(Debug)]
struct Shape {
    table: Table,
    name: String,
    /// The 0-based column of each field, by [`Field::index`].
    columns: [Option<usize>; FIELDS],
    /// The spreadsheet row of each data row.
    rows: Vec<usize>,
}

impl Shape {
    /// The 1-based column that shows `field`: its own, or a stand-in.
    fn column(&self, field: Field) -> usize {
        std::iter::once(&field)
            .chain(self.table.stand_ins(field))
            .find_map(|f| self.columns[f.index()])
            .map_or(1, |c| c + 1)
    }

    /// Whether the file has a column for `field`.
    fn has(&self, field: Field) -> bool {
        self.columns[field.index()].is_some()
    }
}

/// A file read: its shape, header width and data rows.
struct Sheet {
    shape: Shape,
    /// How many fields the header has.
    width: usize,
    /// The field each column is read as, if any.
    fields: Vec<Option<Field>>,
    records: Vec<Record>,
}

/// A data row: its cells (trimmed, line breaks as `\n`) and the columns
/// that were not valid UTF-8.
struct Record {
    cells: Vec<String>,
    not_utf8: Vec<usize>,
}

impl Sheet {
    /// Reads `bytes` as a table; problems with the header go to `problems`,
    /// and `None` comes back when there is no usable header.
    fn read(
        table: Table,
        name: String,
        bytes: &[u8],
        options: &CsvOptions,
        used: &mut [bool],
        problems: &mut Vec<Problem>,
    ) -> Option<Sheet> {
        let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let mut rows = rows(bytes, options.delimiter.0).into_iter();
        let Some((header_row, header)) = rows.next() else {
            problems.push(line_problem(
                &name,
                1,
                None,
                "the file is empty: expected a header row naming the columns",
                &format!("start with the header row: {}", default_header(table)),
            ));
            return None;
        };
        let file = name.clone();
        let header_at = move |field| Place::Line {
            file: file.clone(),
            line: header_row,
            field,
        };
        let mut header_problems = HeaderProblems {
            at: &header_at,
            problems: &mut *problems,
        };
        let fields = header_fields(
            table,
            &header.cells,
            &options.maps,
            used,
            &mut header_problems,
        );
        let (rows, records): (Vec<usize>, Vec<Record>) = rows.unzip();
        let mut shape = Shape {
            table,
            name,
            columns: [None; FIELDS],
            rows,
        };
        for (column, field) in fields.iter().enumerate() {
            if let Some(field) = field {
                shape.columns[field.index()] = Some(column);
            }
        }
        missing_columns(&shape, &header.cells, &mut header_problems);
        if table == Table::Relations && records.is_empty() {
            header_problems.push(
                Severity::Error,
                None,
                "no relations: the file has a header row but no rows after it".to_owned(),
                "add one row per relation below the header".to_owned(),
            );
        }
        Some(Sheet {
            shape,
            width: header.cells.len(),
            fields,
            records,
        })
    }

    /// The cell of `field` in data row `index`, trimmed; empty when the file
    /// has no such column or the row no such cell.
    fn cell(&self, index: usize, field: Field) -> &str {
        self.shape.columns[field.index()]
            .and_then(|column| self.records[index].cells.get(column))
            .map_or("", String::as_str)
    }

    /// The place of `field` in data row `index`.
    fn place(&self, index: usize, field: Option<Field>, column: Option<usize>) -> Place {
        match field {
            Some(field) => self.place_part(Part::alone(index), field, column),
            None => self.cell_place(
                index,
                DocPath::element(self.shape.table.collection(), index),
                column.unwrap_or(1),
            ),
        }
    }

    /// The place of `field` in the row of `part`, with the document path of
    /// the relation that row is part of.
    fn place_part(&self, part: Part, field: Field, column: Option<usize>) -> Place {
        let path = field_path(self.shape.table, part, field);
        let column = column.unwrap_or_else(|| self.shape.column(field));
        self.cell_place(part.record, path, column)
    }

    /// The place of the cell at `column` (1-based) of data row `index`.
    fn cell_place(&self, index: usize, path: DocPath, column: usize) -> Place {
        Place::Cell {
            file: self.shape.name.clone(),
            path,
            row: self.shape.rows[index],
            column,
        }
    }
}

/// A data row as part of an item: the row, the item's first row (its index
/// as numbered in the input) and the index the row's quote has, or would
/// have, in the item's evidence. Rows of the relations file that share an id
/// are parts of one relation; any other row is an item alone.
#[derive(Debug, Clone, Copy)]
struct Part {
    record: usize,
    item: usize,
    quote: usize,
}

impl Part {
    /// Row `record`, an item of its own.
    fn alone(record: usize) -> Self {
        Part {
            record,
            item: record,
            quote: 0,
        }
    }
}

/// The header row that a file of `table` has by default.
fn default_header(table: Table) -> String {
    let names: Vec<&str> = table.defaults().iter().map(|f| f.name()).collect();
    names.join(",")
}

/// The document path of `field` of the row of `part`, a row of `table`.
fn field_path(table: Table, part: Part, field: Field) -> DocPath {
    let item = DocPath::element(table.collection(), part.item);
    let evidence = || item.key("evidence").index(part.quote);
    match (table, field) {
        (Table::Relations, Field::Quote) => evidence().key("quote"),
        (Table::Relations, Field::Translation) => evidence().key("translation"),
        (Table::Relations, Field::SourceId) => evidence().key("source"),
        _ => item.key(field.name()),
    }
}

/// A problem in a file's header, at a line and (when one column is at
/// fault) a field.
fn line_problem(
    file: &str,
    line: usize,
    field: Option<usize>,
    message: &str,
    hint: &str,
) -> Problem {
    Problem {
        severity: Severity::Error,
        place: Place::Line {
            file: file.to_owned(),
            line,
            field,
        },
        message: message.to_owned(),
        hint: Some(hint.to_owned()),
    }
}

/// Where problems with one header go.
struct HeaderProblems<'a> {
    at: &'a dyn Fn(Option<usize>) -> Place,
    problems: &'a mut Vec<Problem>,
}

impl HeaderProblems<'_> {
    fn push(&mut self, severity: Severity, column: Option<usize>, message: String, hint: String) {
        self.problems.push(Problem {
            severity,
            place: (self.at)(column),
            message,
            hint: Some(hint),
        });
    }
}

/// The field each header cell is read as: by `--map`, else by its name;
/// `None` for columns that are left out. Columns that give a field twice are
/// errors, columns that name no field a warning.
fn header_fields(
    table: Table,
    header: &[String],
    maps: &[ColumnMap],
    used: &mut [bool],
    problems: &mut HeaderProblems,
) -> Vec<Option<Field>> {
    let mut seen: [Option<usize>; FIELDS] = [None; FIELDS];
    let mut unknown = Vec::new();
    let mut fields = Vec::with_capacity(header.len());
    for (column, name) in header.iter().enumerate() {
        let mapped = maps
            .iter()
            .position(|map| map.applies_to(table) && map.renames(name));
        let field = match mapped {
            Some(at) => {
                used[at] = true;
                Some(maps[at].field)
            }
            None => Field::named(name).filter(|&f| table.has(f) && f != Field::Ignore),
        };
        let field = match field {
            Some(Field::Ignore) => None,
            Some(field) => match seen[field.index()] {
                Some(first) => {
                    problems.push(
                        Severity::Error,
                        Some(column + 1),
                        format!(
                            "column {} ('{}') and column {} ('{name}') are both read as `{field}`",
                            first + 1,
                            header[first],
                            column + 1
                        ),
                        format!("rename one of them, or leave one out with --map '{name}=ignore'"),
                    );
                    None
                }
                None => {
                    seen[field.index()] = Some(column);
                    Some(field)
                }
            },
            None => {
                unknown.push(describe_column(column, name));
                None
            }
        };
        fields.push(field);
    }
    if !unknown.is_empty() {
        warn_unknown_columns(table, &unknown, problems);
    }
    fields
}

/// `'Tags' (5)`, or `5 (no name)`: a column that is not read.
fn describe_column(column: usize, name: &str) -> String {
    if name.trim().is_empty() {
        format!("{} (no name)", column + 1)
    } else {
        format!("'{}' ({})", name.trim(), column + 1)
    }
}

/// One warning for the columns of a file that are not read.
fn warn_unknown_columns(table: Table, unknown: &[String], problems: &mut HeaderProblems) {
    let (columns, are, they) = match unknown.len() {
        1 => ("column", "is", "it names"),
        _ => ("columns", "are", "they name"),
    };
    let names: Vec<&str> = table.fields().iter().map(|f| f.name()).collect();
    problems.push(
        Severity::Warning,
        None,
        format!(
            "{columns} {} {are} not read: {they} no field of the {} file",
            unknown.join(", "),
            table.noun()
        ),
        format!(
            "the fields are {}: rename the column, or read it as one with --map COLUMN=FIELD \
             (--map COLUMN=ignore leaves it out without this warning)",
            names.join(", ")
        ),
    );
}

/// Errors for the columns a file must have and lacks.
fn missing_columns(shape: &Shape, header: &[String], problems: &mut HeaderProblems) {
    for group in shape.table.required() {
        if group.iter().any(|&field| shape.has(field)) {
            continue;
        }
        let wanted: Vec<String> = group.iter().map(|f| format!("`{f}`")).collect();
        let named: Vec<&str> = header.iter().map(|h| h.trim()).collect();
        problems.push(
            Severity::Error,
            None,
            format!(
                "no {} column: the header has {}",
                or_list(&wanted),
                named.join(", ")
            ),
            format!(
                "name a column {}, or read one as it with --map COLUMN={}",
                group[0], group[0]
            ),
        );
    }
}

/// Every record of `bytes` with its spreadsheet row: the line it starts on,
/// less the line breaks inside quoted cells before it.
fn rows(bytes: &[u8], delimiter: u8) -> Vec<(usize, Record)> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = ::csv::ByteRecord::new();
    let mut rows = Vec::new();
    let mut breaks_inside = 0;
    // Reading from memory with `flexible` cannot fail: any error ends the table.
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let line = record.position().map_or(1, |p| {
            // The position is where the reader began, before the blank lines it skipped.
            let skipped = bytes[(p.byte() as usize).min(bytes.len())..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .filter(|&&b| b == b'\n')
                .count();
            p.line() as usize + skipped
        });
        rows.push((
            line.saturating_sub(breaks_inside).max(1),
            Record::of(&record),
        ));
        breaks_inside += record
            .iter()
            .map(|cell| cell.iter().filter(|&&b| b == b'\n').count())
            .sum::<usize>();
    }
    rows
}

impl Record {
    fn of(record: &::csv::ByteRecord) -> Self {
        let mut not_utf8 = Vec::new();
        let cells = record
            .iter()
            .enumerate()
            .map(|(column, bytes)| {
                let text = match std::str::from_utf8(bytes) {
                    Ok(text) => std::borrow::Cow::Borrowed(text),
                    Err(_) => {
                        not_utf8.push(column);
                        String::from_utf8_lossy(bytes)
                    }
                };
                text.trim().replace("\r\n", "\n").replace('\r', "\n")
            })
            .collect();
        Record { cells, not_utf8 }
    }
}

/// Where an item the reader created is first named: a data row of the
/// relations file, and the field there.
#[derive(Debug, Clone, Copy)]
struct Use {
    record: usize,
    field: Field,
}

/// The items the reader made up, by list, where each is first named.
#[derive(Debug, Default)]
struct CreatedAt {
    entities: Vec<Use>,
    types: Vec<Use>,
    sources: Vec<Use>,
}

/// What [`CsvReader::place`] needs: every file's shape, and where created
/// items are first named.
#[derive(Debug)]
struct Layout {
    relations: Shape,
    entities: Option<Shape>,
    types: Option<Shape>,
    created: CreatedAt,
    /// The data row of each quote of the relations made of several rows,
    /// by the relation's first row.
    quotes: HashMap<usize, Vec<usize>>,
}

impl Layout {
    /// The file, row and column of the value at `path`, if it is in a file.
    fn place(&self, path: &DocPath) -> Option<(String, usize, usize)> {
        let [Segment::Key(collection), Segment::Index(index), rest @ ..] = path.0.as_slice() else {
            return None;
        };
        let (table, shape, created) = match collection.as_str() {
            "relations" => (Table::Relations, Some(&self.relations), &[][..]),
            "entities" => (
                Table::Entities,
                self.entities.as_ref(),
                &self.created.entities[..],
            ),
            "relation_types" => (Table::Types, self.types.as_ref(), &self.created.types[..]),
            "sources" => (Table::Relations, None, &self.created.sources[..]),
            _ => return None,
        };
        let in_file = shape.map_or(0, |s| s.rows.len());
        match shape {
            Some(shape) if *index < in_file => {
                let field = field_of(table, rest).unwrap_or(Field::Id);
                let record = match rest {
                    [Segment::Key(evidence), Segment::Index(quote), ..]
                        if table == Table::Relations && evidence == "evidence" =>
                    {
                        self.quotes
                            .get(index)
                            .and_then(|rows| rows.get(*quote))
                            .copied()
                            .unwrap_or(*index)
                    }
                    _ => *index,
                };
                Some((shape.name.clone(), shape.rows[record], shape.column(field)))
            }
            _ => {
                let first = created.get(index - in_file)?;
                let row = *self.relations.rows.get(first.record)?;
                Some((
                    self.relations.name.clone(),
                    row,
                    self.relations.column(first.field),
                ))
            }
        }
    }
}

/// The field that the rest of a path (after `relations[3]`) is in.
fn field_of(table: Table, rest: &[Segment]) -> Option<Field> {
    match rest {
        [Segment::Key(evidence), _, Segment::Key(key), ..] if evidence == "evidence" => {
            Some(match key.as_str() {
                "translation" => Field::Translation,
                "source" => Field::SourceId,
                _ => Field::Quote,
            })
        }
        [Segment::Key(evidence), ..] if evidence == "evidence" => Some(Field::Quote),
        [Segment::Key(key), ..] => table
            .fields()
            .iter()
            .copied()
            .find(|field| field.name() == key),
        _ => None,
    }
}

/// Builds the document from the files, row by row.
struct Builder<'o> {
    options: &'o CsvOptions,
    doc: Document,
    origins: Origins,
    problems: Vec<Problem>,
    /// Entity ids, exactly as written, and their index.
    entity_ids: HashMap<CompactString, usize>,
    /// Entity ids, names and aliases, lowercase, and their entity's index.
    entity_names: HashMap<String, usize>,
    /// Type ids, exactly as written, and their index.
    type_ids: HashMap<CompactString, usize>,
    /// Type ids and labels, lowercase, and their type's index.
    type_names: HashMap<String, usize>,
    /// Source ids and their index.
    source_ids: HashMap<CompactString, usize>,
    /// How many entities and types came from their files.
    from_files: (usize, usize),
    created: CreatedAt,
    /// The id and title of the source of quotes without a `source_id`.
    default_source: (CompactString, String),
    /// The date the sources made get as `published`.
    published: CompactString,
    /// Ids of entities and types whose row could not be read, by list.
    unread: HashSet<(&'static str, String)>,
}

impl<'o> Builder<'o> {
    fn new(options: &'o CsvOptions, problems: Vec<Problem>) -> Self {
        let path = &options.relations;
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let stem = path
            .file_stem()
            .map_or_else(|| file_name.clone(), |s| s.to_string_lossy().into_owned());
        Builder {
            options,
            doc: Document {
                title: options.title.clone().unwrap_or_else(|| file_name.clone()),
                description: None,
                sources: Vec::new(),
                relation_types: Vec::new(),
                entities: Vec::new(),
                relations: Vec::new(),
                conflicts: Vec::new(),
            },
            origins: Origins::default(),
            problems,
            entity_ids: HashMap::new(),
            entity_names: HashMap::new(),
            type_ids: HashMap::new(),
            type_names: HashMap::new(),
            source_ids: HashMap::new(),
            from_files: (0, 0),
            created: CreatedAt::default(),
            default_source: (stem.into(), file_name),
            published: last_modified(path).into(),
            unread: HashSet::new(),
        }
    }

    /// What was created.
    fn created(&self) -> Created {
        Created {
            entities: self.created.entities.len(),
            types: self.created.types.len(),
        }
    }

    /// The document, where its items came from, and every problem.
    fn finish(mut self) -> (Parsed, CreatedAt) {
        for (collection, from_file, created) in [
            ("entities", self.from_files.0, self.created.entities.len()),
            (
                "relation_types",
                self.from_files.1,
                self.created.types.len(),
            ),
        ] {
            let kept = self.origins.kept.entry(collection).or_default();
            kept.extend(from_file..from_file + created);
        }
        let parsed = Parsed {
            doc: self.doc,
            origins: self.origins,
            problems: self.problems,
        };
        (parsed, self.created)
    }

    fn error(&mut self, sheet: &Sheet, index: usize, field: Field, message: String, hint: String) {
        self.push(
            Severity::Error,
            sheet.place(index, Some(field), None),
            message,
            hint,
        );
    }

    fn push(&mut self, severity: Severity, place: Place, message: String, hint: String) {
        self.problems.push(Problem {
            severity,
            place,
            message,
            hint: Some(hint),
        });
    }

    /// Marks `id` of `collection` as left out, so that validation does not
    /// report references to it again.
    fn drop_id(&mut self, collection: &'static str, id: &str) {
        self.origins
            .dropped_ids
            .entry(collection)
            .or_default()
            .insert(id.to_owned());
    }

    /// Marks `id` of `collection` as the id of a row that could not be read.
    fn unread(&mut self, collection: &'static str, id: String) {
        self.drop_id(collection, &id);
        self.unread.insert((collection, id));
    }

    /// Whether `id` of `collection` is the id of a row that could not be read.
    fn is_unread(&self, collection: &'static str, id: &str) -> bool {
        self.unread.contains(&(collection, id.to_owned()))
    }

    /// Whether row `index` has as many fields as the header (reported if not),
    /// and reports cells that are not UTF-8.
    fn whole(&mut self, sheet: &Sheet, index: usize) -> bool {
        let record = &sheet.records[index];
        for &column in &record.not_utf8 {
            let field = sheet.fields.get(column).copied().flatten();
            self.push(
                Severity::Error,
                sheet.place(index, field, Some(column + 1)),
                "this cell is not valid UTF-8 text".to_owned(),
                "save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in LibreOffice: \
                 character set \"Unicode (UTF-8)\")"
                    .to_owned(),
            );
        }
        let (len, width) = (record.cells.len(), sheet.width);
        if len == width {
            return true;
        }
        let (column, hint) = if len < width {
            (
                len + 1,
                "fill in the missing cells (an empty cell is two delimiters in a row), \
                 or check that quotes around cells are closed",
            )
        } else {
            (
                width + 1,
                "put double quotes around cells that hold the delimiter (\"a, b\"), \
                 or name the extra column in the header",
            )
        };
        self.push(
            Severity::Error,
            sheet.place(index, None, Some(column)),
            format!("this row has {len} fields, the header {width}: the row is not read"),
            hint.to_owned(),
        );
        false
    }

    /// Reads the relation types file.
    fn types(&mut self, sheet: &Sheet) {
        let mut kept = Vec::new();
        for index in 0..sheet.records.len() {
            if !self.whole(sheet, index) {
                self.unread("relation_types", sheet.cell(index, Field::Id).to_owned());
                continue;
            }
            if let Some(relation_type) = self.relation_type(sheet, index) {
                self.add_type(relation_type);
                kept.push(index);
            }
        }
        self.from_files.1 = sheet.records.len();
        self.origins.kept.insert("relation_types", kept);
    }

    fn relation_type(&mut self, sheet: &Sheet, index: usize) -> Option<RelationType> {
        let id = sheet.cell(index, Field::Id);
        if id.is_empty() {
            self.error(
                sheet,
                index,
                Field::Id,
                "empty `id`: the type is not read".to_owned(),
                "give the type an id, which relations name it by".to_owned(),
            );
            return None;
        }
        let label = sheet.cell(index, Field::Label);
        Some(RelationType {
            id: id.into(),
            label: if label.is_empty() { id } else { label }.to_owned(),
            polarity: self.polarity(sheet, index),
            directed: self.boolean(sheet, index, Field::Directed, true),
            event: self.boolean(sheet, index, Field::Event, false),
            color: optional(sheet.cell(index, Field::Color)),
            description: optional(sheet.cell(index, Field::Description)),
        })
    }

    fn add_type(&mut self, relation_type: RelationType) {
        let index = self.doc.relation_types.len();
        self.type_ids
            .entry(relation_type.id.clone())
            .or_insert(index);
        for name in [relation_type.id.as_str(), &relation_type.label] {
            self.type_names.entry(name.to_lowercase()).or_insert(index);
        }
        self.doc.relation_types.push(relation_type);
    }

    fn polarity(&mut self, sheet: &Sheet, index: usize) -> Polarity {
        let text = sheet.cell(index, Field::Polarity);
        let problem = match text.parse::<Polarity>() {
            Ok(polarity) => return polarity,
            Err(_) if text.is_empty() => "empty `polarity`".to_owned(),
            Err(message) => message,
        };
        self.error(
            sheet,
            index,
            Field::Polarity,
            problem,
            "write cooperative, hostile or neutral".to_owned(),
        );
        Polarity::Neutral
    }

    /// The yes-or-no cell of `field`: false when empty, unless `required`.
    fn boolean(&mut self, sheet: &Sheet, index: usize, field: Field, required: bool) -> bool {
        let text = sheet.cell(index, field);
        if text.is_empty() && !required {
            return false;
        }
        if let Some(value) = parse_bool(text, field) {
            return value;
        }
        let place = sheet.place(index, Some(field), None);
        self.not_boolean(place, sheet.shape.table, field, text);
        false
    }

    /// The error for a yes-or-no cell that says neither.
    fn not_boolean(&mut self, place: Place, table: Table, field: Field, text: &str) {
        let message = if text.is_empty() {
            format!("empty `{field}`")
        } else {
            format!("{field} '{text}' is not true or false")
        };
        let extra = if field == Field::Directed {
            ", directed or undirected"
        } else {
            ""
        };
        let empty = if table == Table::Relations {
            ", or leave the cell empty for the relation type's `event`"
        } else {
            ""
        };
        self.push(
            Severity::Error,
            place,
            message,
            format!("write true or false (yes or no, 1 or 0{extra} also do){empty}"),
        );
    }

    /// Reads the entities file.
    fn entities(&mut self, sheet: &Sheet) {
        let mut kept = Vec::new();
        for index in 0..sheet.records.len() {
            if !self.whole(sheet, index) {
                for field in [Field::Id, Field::Name] {
                    self.unread("entities", sheet.cell(index, field).to_owned());
                }
                continue;
            }
            if let Some(entity) = self.entity(sheet, index) {
                self.add_entity(entity);
                kept.push(index);
            }
        }
        self.from_files.0 = sheet.records.len();
        self.origins.kept.insert("entities", kept);
    }

    fn entity(&mut self, sheet: &Sheet, index: usize) -> Option<Entity> {
        let (id, name) = (sheet.cell(index, Field::Id), sheet.cell(index, Field::Name));
        if id.is_empty() && name.is_empty() {
            let field = if sheet.shape.has(Field::Id) {
                Field::Id
            } else {
                Field::Name
            };
            self.error(
                sheet,
                index,
                field,
                "no id and no name: the entity is not read".to_owned(),
                "give the entity an id (relations name it by id, name or alias)".to_owned(),
            );
            return None;
        }
        let id = if id.is_empty() { name } else { id };
        let aliases = sheet
            .cell(index, Field::Aliases)
            .split(';')
            .map(str::trim)
            .filter(|alias| !alias.is_empty())
            .map(CompactString::from)
            .collect();
        Some(Entity {
            id: id.into(),
            name: if name.is_empty() { id } else { name }.into(),
            kind: self.kind(sheet, index),
            aliases,
            description: optional(sheet.cell(index, Field::Description)),
        })
    }

    fn kind(&mut self, sheet: &Sheet, index: usize) -> Kind {
        let text = sheet.cell(index, Field::Kind);
        if text.is_empty() {
            return self.options.default_kind;
        }
        parse_kind(text).unwrap_or_else(|message| {
            self.error(
                sheet,
                index,
                Field::Kind,
                message,
                "write one of the four kinds, or leave the cell empty for --default-kind"
                    .to_owned(),
            );
            self.options.default_kind
        })
    }

    fn add_entity(&mut self, entity: Entity) {
        let index = self.doc.entities.len();
        self.entity_ids.entry(entity.id.clone()).or_insert(index);
        for name in entity.names() {
            self.entity_names
                .entry(name.to_lowercase())
                .or_insert(index);
        }
        self.doc.entities.push(entity);
    }

    /// Reads the relations file: a relation a row, but rows that share an
    /// id are one relation, a quote a row. Returns, for each relation made
    /// of several rows (by its first row), the row of each of its quotes.
    fn relations(&mut self, sheet: &Sheet) -> HashMap<usize, Vec<usize>> {
        let mut ids = RelationIds::new(
            (0..sheet.records.len())
                .filter(|&i| sheet.records[i].cells.len() == sheet.width)
                .map(|i| sheet.cell(i, Field::Id))
                .filter(|id| !id.is_empty()),
        );
        let mut kept = Vec::with_capacity(sheet.records.len());
        // The relation (its index in the document) of each id given so far.
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        let mut more = MoreQuotes::default();
        self.doc.relations.reserve(sheet.records.len());
        for index in 0..sheet.records.len() {
            if !self.whole(sheet, index) {
                continue;
            }
            let id = sheet.cell(index, Field::Id);
            if let Some(&at) = by_id.get(id) {
                self.another_quote(sheet, index, at, kept[at], &mut more);
                continue;
            }
            let relation = self.relation(sheet, index, &mut ids);
            if !id.is_empty() {
                by_id.insert(id, self.doc.relations.len());
            }
            self.doc.relations.push(relation);
            kept.push(index);
        }
        for (at, evidence) in more.evidence {
            let relation = &mut self.doc.relations[at];
            let mut all = std::mem::take(&mut relation.evidence).into_vec();
            all.extend(evidence);
            relation.evidence = all.into_boxed_slice();
        }
        self.origins.kept.insert("relations", kept);
        more.rows
    }

    /// Reads row `index` as one more quote of relation `at` (its index in
    /// the document), whose first row is `first`: the row's other cells must
    /// agree with that row's.
    fn another_quote(
        &mut self,
        sheet: &Sheet,
        index: usize,
        at: usize,
        first: usize,
        more: &mut MoreQuotes,
    ) {
        self.same_as_first(sheet, index, at, first);
        let had = self.doc.relations[at].evidence.len();
        let added = more.evidence.get(&at).map_or(0, Vec::len);
        let part = Part {
            record: index,
            item: first,
            quote: had + added,
        };
        let Some(item) = self.evidence(sheet, part) else {
            let (translation, source) = (
                sheet.cell(index, Field::Translation),
                sheet.cell(index, Field::SourceId),
            );
            if translation.is_empty() && source.is_empty() {
                let path = DocPath::element("relations", first);
                let column = sheet.shape.column(Field::Quote);
                self.push(
                    Severity::Warning,
                    sheet.cell_place(index, path, column),
                    format!(
                        "this row has no quote: it adds nothing to relation '{}' of row {}",
                        sheet.cell(index, Field::Id),
                        sheet.shape.rows[first]
                    ),
                    "rows that share an id are one relation, a quote a row: put a quote in \
                     the `quote` column, or delete the row"
                        .to_owned(),
                );
            }
            return;
        };
        let rows = more
            .rows
            .entry(first)
            .or_insert_with(|| if had == 0 { Vec::new() } else { vec![first] });
        rows.push(index);
        more.evidence.entry(at).or_default().push(item);
    }

    /// Reports each cell of row `index` that is neither empty nor the same
    /// as in `first`, the first row of relation `at`, whose id it shares.
    fn same_as_first(&mut self, sheet: &Sheet, index: usize, at: usize, first: usize) {
        let part = Part {
            record: index,
            item: first,
            quote: 0,
        };
        for field in [
            Field::Source,
            Field::Target,
            Field::Type,
            Field::Since,
            Field::Until,
            Field::Weight,
            Field::Label,
            Field::Event,
        ] {
            let (text, was) = (sheet.cell(index, field), sheet.cell(first, field));
            if text.is_empty() || text == was {
                continue;
            }
            let place = sheet.place_part(part, field, None);
            let relation = &self.doc.relations[at];
            // A weight or event that the first row has but could not be read
            // is reported there, and not compared.
            let unread = !was.is_empty();
            let same = match field {
                Field::Source => self.entity_named(text) == Some(&relation.source),
                Field::Target => self.entity_named(text) == Some(&relation.target),
                Field::Type => self.type_named(text) == Some(&relation.relation_type),
                Field::Weight => match parse_weight(text) {
                    Ok(weight) => relation.weight.map_or(unread, |w| w == weight),
                    Err(hint) => {
                        self.push(Severity::Error, place, not_a_number(text), hint);
                        continue;
                    }
                },
                Field::Event => match parse_bool(text, field) {
                    Some(event) => relation.event.map_or(unread, |e| e == event),
                    None => {
                        self.not_boolean(place, Table::Relations, field, text);
                        continue;
                    }
                },
                _ => false,
            };
            if same {
                continue;
            }
            let row = sheet.shape.rows[first];
            let id = sheet.cell(index, Field::Id);
            let (was_text, hint) = if was.is_empty() {
                (
                    "empty".to_owned(),
                    format!("empty this cell (or fill in row {row}'s)"),
                )
            } else {
                (
                    format!("'{was}'"),
                    format!("write '{was}' here as in row {row}, or leave the cell empty"),
                )
            };
            self.push(
                Severity::Error,
                place,
                format!(
                    "{field} '{text}' differs from row {row}, the first row of relation \
                     '{id}', whose {field} is {was_text}"
                ),
                format!(
                    "rows that share an id are one relation, a quote a row: {hint}; \
                     or give this row an id of its own"
                ),
            );
        }
    }

    fn relation(&mut self, sheet: &Sheet, index: usize, ids: &mut RelationIds) -> Relation {
        let source = self.entity_ref(sheet, index, Field::Source);
        let target = self.entity_ref(sheet, index, Field::Target);
        let relation_type = self.type_ref(sheet, index);
        let id = match sheet.cell(index, Field::Id) {
            "" => ids.generate(&format!("{source}-{target}-{relation_type}")),
            id => id.into(),
        };
        Relation {
            id,
            source,
            target,
            relation_type,
            weight: self.weight(sheet, index),
            since: optional(sheet.cell(index, Field::Since)),
            until: optional(sheet.cell(index, Field::Until)),
            label: optional(sheet.cell(index, Field::Label)),
            event: self.event(sheet, index),
            inferred: None,
            evidence: self
                .evidence(sheet, Part::alone(index))
                .into_iter()
                .collect(),
        }
    }

    /// A relation's own `event`: `None` when the cell is empty (its type's
    /// applies) or says neither true nor false (reported).
    fn event(&mut self, sheet: &Sheet, index: usize) -> Option<bool> {
        let text = sheet.cell(index, Field::Event);
        if text.is_empty() {
            return None;
        }
        let event = parse_bool(text, Field::Event);
        if event.is_none() {
            let place = sheet.place(index, Some(Field::Event), None);
            self.not_boolean(place, Table::Relations, Field::Event, text);
        }
        event
    }

    /// The id of the entity `name` names, by id, else by id, name or alias
    /// in any case, if any.
    fn entity_named(&self, name: &str) -> Option<&CompactString> {
        self.entity_ids
            .get(name)
            .or_else(|| self.entity_names.get(&name.to_lowercase()))
            .map(|&known| &self.doc.entities[known].id)
    }

    /// The id of the relation type `name` names, by id, else by id or label
    /// in any case, if any.
    fn type_named(&self, name: &str) -> Option<&CompactString> {
        self.type_ids
            .get(name)
            .or_else(|| self.type_names.get(&name.to_lowercase()))
            .map(|&known| &self.doc.relation_types[known].id)
    }

    /// The entity id that the cell of `field` names: by id, else by id, name
    /// or alias in any case; an entity no file lists is created (or, under
    /// `--strict`, refused).
    fn entity_ref(&mut self, sheet: &Sheet, index: usize, field: Field) -> CompactString {
        let name = sheet.cell(index, field);
        if let Some(id) = self.entity_named(name) {
            return id.clone();
        }
        if name.is_empty() {
            self.error(
                sheet,
                index,
                field,
                format!("empty `{field}`"),
                "name an entity by its id, name or alias".to_owned(),
            );
            self.drop_id("entities", name);
        } else if self.is_unread("entities", name) {
            // A row of the entities file that could not be read: reported there.
        } else if self.options.strict {
            self.unknown_entity(sheet, index, field, name);
        } else {
            self.created.entities.push(Use {
                record: index,
                field,
            });
            self.add_entity(Entity {
                id: name.into(),
                name: name.into(),
                kind: self.options.default_kind,
                aliases: Box::default(),
                description: None,
            });
        }
        name.into()
    }

    fn unknown_entity(&mut self, sheet: &Sheet, index: usize, field: Field, name: &str) {
        let entities = &self.doc.entities;
        let candidates = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names().map(move |n| (n, i)));
        let guess = closest(name, candidates).map(|i| {
            let entity = &entities[i];
            format!("did you mean '{}' ({})? ", entity.name, entity.id)
        });
        let listed_in = match &self.options.entities {
            Some(path) => format!("add it to {}", path.display()),
            None => "list it in an entities file (--entities)".to_owned(),
        };
        self.error(
            sheet,
            index,
            field,
            format!("unknown entity '{name}' (--strict creates none)"),
            format!(
                "{}{listed_in}, or leave out --strict to create it",
                guess.unwrap_or_default()
            ),
        );
        self.drop_id("entities", name);
    }

    /// The relation type id that the `type` cell names: by id, else by id or
    /// label in any case; a type no file lists is created (or, under
    /// `--strict`, refused).
    fn type_ref(&mut self, sheet: &Sheet, index: usize) -> CompactString {
        let name = sheet.cell(index, Field::Type);
        if let Some(id) = self.type_named(name) {
            return id.clone();
        }
        if name.is_empty() {
            self.error(
                sheet,
                index,
                Field::Type,
                "empty `type`".to_owned(),
                "name the relation's type by its id or label".to_owned(),
            );
            self.drop_id("relation_types", name);
        } else if self.is_unread("relation_types", name) {
            // A row of the types file that could not be read: reported there.
        } else if self.options.strict {
            self.unknown_type(sheet, index, name);
        } else {
            self.created.types.push(Use {
                record: index,
                field: Field::Type,
            });
            self.add_type(RelationType {
                id: name.into(),
                label: name.to_owned(),
                polarity: Polarity::Neutral,
                directed: false,
                event: false,
                color: None,
                description: None,
            });
        }
        name.into()
    }

    fn unknown_type(&mut self, sheet: &Sheet, index: usize, name: &str) {
        let known = self
            .doc
            .relation_types
            .iter()
            .map(|t| (t.id.as_str(), t.id.as_str()));
        let guess = closest(name, known).map(|id| format!("did you mean '{id}'? "));
        let listed_in = match &self.options.types {
            Some(path) => format!("add it to {}", path.display()),
            None => "define it in a types file (--types)".to_owned(),
        };
        self.error(
            sheet,
            index,
            Field::Type,
            format!("unknown relation type '{name}' (--strict creates none)"),
            format!(
                "{}{listed_in}, or leave out --strict to create it",
                guess.unwrap_or_default()
            ),
        );
        self.drop_id("relation_types", name);
    }

    fn weight(&mut self, sheet: &Sheet, index: usize) -> Option<f64> {
        let text = sheet.cell(index, Field::Weight);
        if text.is_empty() {
            return None;
        }
        match parse_weight(text) {
            Ok(weight) => Some(weight),
            Err(hint) => {
                self.error(sheet, index, Field::Weight, not_a_number(text), hint);
                None
            }
        }
    }

    /// The quote of the row of `part`, if it has one.
    fn evidence(&mut self, sheet: &Sheet, part: Part) -> Option<Evidence> {
        let index = part.record;
        let quote = sheet.cell(index, Field::Quote);
        let translation = sheet.cell(index, Field::Translation);
        let source = sheet.cell(index, Field::SourceId);
        if quote.is_empty() {
            self.without_quote(sheet, part, translation, source);
            return None;
        }
        let id = match source {
            "" => self.default_source(index),
            id => self.named_source(id, index),
        };
        Some(Evidence {
            source: id,
            quote: quote.to_owned(),
            translation: optional(translation),
        })
    }

    fn without_quote(&mut self, sheet: &Sheet, part: Part, translation: &str, source: &str) {
        if !translation.is_empty() {
            self.push(
                Severity::Error,
                sheet.place_part(part, Field::Translation, None),
                "a translation without a quote".to_owned(),
                "put the quote it translates in the `quote` column, or empty this cell".to_owned(),
            );
        }
        if !source.is_empty() {
            self.push(
                Severity::Warning,
                sheet.place_part(part, Field::SourceId, None),
                format!("source '{source}' is named, but the row has no quote: not recorded"),
                "put the passage that states the relation in the `quote` column".to_owned(),
            );
        }
    }

    /// The source of quotes without a `source_id`: the relations file.
    fn default_source(&mut self, index: usize) -> CompactString {
        let (id, title) = self.default_source.clone();
        self.source(
            &id,
            title,
            Use {
                record: index,
                field: Field::Quote,
            },
        )
    }

    /// A source named in the `source_id` column.
    fn named_source(&mut self, id: &str, index: usize) -> CompactString {
        self.source(
            id,
            id.to_owned(),
            Use {
                record: index,
                field: Field::SourceId,
            },
        )
    }

    /// The source `id`, made with placeholder details on first use.
    fn source(&mut self, id: &str, title: String, first: Use) -> CompactString {
        if !self.source_ids.contains_key(id) {
            self.source_ids.insert(id.into(), self.doc.sources.len());
            self.created.sources.push(first);
            self.doc.sources.push(Source {
                id: id.into(),
                title,
                author: UNKNOWN.to_owned(),
                publisher: UNKNOWN.to_owned(),
                published: self.published.clone(),
                language: UNDETERMINED_LANGUAGE.into(),
                url: None,
                text: None,
            });
        }
        id.into()
    }

    /// One warning for the entities created, one for the types, each at the
    /// first cell that names one.
    fn creation_warnings(&mut self, sheets: &Sheets) {
        let relations = &sheets.relations;
        let kind = self.options.default_kind.as_str();
        let entities = &self.doc.entities[self.doc.entities.len() - self.created.entities.len()..];
        if let Some(&first) = self.created.entities.first() {
            let names = listed(entities.iter().map(|e| e.id.as_str()));
            let n = entities.len();
            let message = match &sheets.entities {
                Some(file) => format!(
                    "{} not in {}, created with name = id and kind {kind}: {names}",
                    count(n, "entity", "entities"),
                    file.shape.name
                ),
                None => format!(
                    "no --entities file: {} created from the relations, with name = id and \
                     kind {kind}: {names}",
                    count(n, "entity", "entities")
                ),
            };
            let place = relations.place(first.record, Some(first.field), None);
            self.push(
                Severity::Warning,
                place,
                message,
                "list them in an entities file (--entities) to give them names and kinds; \
                 --default-kind sets the kind, --strict refuses them"
                    .to_owned(),
            );
        }
        let types =
            &self.doc.relation_types[self.doc.relation_types.len() - self.created.types.len()..];
        if let Some(&first) = self.created.types.first() {
            let names = listed(types.iter().map(|t| t.id.as_str()));
            let n = types.len();
            let message = match &sheets.types {
                Some(file) => format!(
                    "{} not in {}, created neutral and undirected with label = id: {names}",
                    count(n, "relation type", "relation types"),
                    file.shape.name
                ),
                None => format!(
                    "no --types file: {} created from the relations, neutral and undirected \
                     with label = id: {names}",
                    count(n, "relation type", "relation types")
                ),
            };
            let place = relations.place(first.record, Some(first.field), None);
            self.push(
                Severity::Warning,
                place,
                message,
                "define them in a types file (--types) to give them a polarity and a \
                 direction; --strict refuses them"
                    .to_owned(),
            );
        }
    }
}

/// The quotes of relations made of several rows, beyond their first row's.
#[derive(Default)]
struct MoreQuotes {
    /// The quotes of later rows, by the relation's index in the document.
    evidence: HashMap<usize, Vec<Evidence>>,
    /// The data row of each quote, by the relation's first row.
    rows: HashMap<usize, Vec<usize>>,
}

/// `1 entity`, `3 entities`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Names joined by commas, the first few only.
fn listed<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = names.len();
    let shown: Vec<&str> = names.take(LISTED_NAMES).collect();
    match total - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// `None` for an empty cell.
fn optional<T: for<'a> From<&'a str>>(text: &str) -> Option<T> {
    (!text.is_empty()).then(|| T::from(text))
}

/// A weight cell's number; the hint for one that is not a number.
fn parse_weight(text: &str) -> Result<f64, String> {
    if let Ok(weight) = text.parse::<f64>() {
        return Ok(weight);
    }
    Err(match text.replace(',', ".").parse::<f64>() {
        Ok(_) => format!("write decimals with a point: {}", text.replace(',', ".")),
        Err(_) => {
            "write a number greater than 0 (1, 2, 0.5), or leave the cell empty for 1".to_owned()
        }
    })
}

/// The message for a weight cell that is not a number.
fn not_a_number(text: &str) -> String {
    format!("weight '{text}' is not a number")
}

/// `true` or `false`, as written in a yes-or-no cell (in any case):
/// true/false, yes/no, 1/0, and for `directed`, directed/undirected.
fn parse_bool(text: &str, field: Field) -> Option<bool> {
    let text = text.to_lowercase();
    match text.as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        "directed" if field == Field::Directed => Some(true),
        "undirected" if field == Field::Directed => Some(false),
        _ => None,
    }
}

/// Makes an id for each relation without one: `source-target-type`, then
/// `-2`, `-3`… for repeats, never an id another row has.
struct RelationIds {
    taken: HashSet<CompactString>,
    next: HashMap<CompactString, usize>,
}

impl RelationIds {
    fn new<'a>(given: impl Iterator<Item = &'a str>) -> Self {
        RelationIds {
            taken: given.map(CompactString::from).collect(),
            next: HashMap::new(),
        }
    }

    fn generate(&mut self, base: &str) -> CompactString {
        if self.taken.insert(base.into()) {
            return base.into();
        }
        let next = self.next.entry(base.into()).or_insert(1);
        loop {
            *next += 1;
            let id = CompactString::from(format!("{base}-{next}"));
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The day `path` was last changed (UTC), as `YYYY-MM-DD`: the `published`
/// date of the sources an import makes, since the quotes were copied before
/// then. Today, when the system cannot tell.
fn last_modified(path: &Path) -> String {
    let modified = std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
        .and_then(|time| jiff::Timestamp::try_from(time).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    modified
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .strftime("%Y-%m-%d")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dataset;
    use crate::model::load::load_from;

    /// Files written into a temporary folder, and the options to read them.
    struct Files {
        dir: tempfile::TempDir,
        options: CsvOptions,
    }

    impl Files {
        /// A relations file holding `text`.
        fn relations(text: &str) -> Self {
            let dir = tempfile::tempdir().unwrap();
            let relations = dir.path().join("rel.csv");
            std::fs::write(&relations, text).unwrap();
            let options = CsvOptions {
                relations,
                entities: None,
                types: None,
                delimiter: Delimiter::default(),
                maps: Vec::new(),
                title: None,
                default_kind: Kind::Country,
                strict: false,
            };
            Files { dir, options }
        }

        fn entities(mut self, text: &str) -> Self {
            let path = self.dir.path().join("ent.csv");
            std::fs::write(&path, text).unwrap();
            self.options.entities = Some(path);
            self
        }

        fn types(mut self, text: &str) -> Self {
            let path = self.dir.path().join("types.csv");
            std::fs::write(&path, text).unwrap();
            self.options.types = Some(path);
            self
        }

        fn map(mut self, map: &str) -> Self {
            self.options.maps.push(map.parse().unwrap());
            self
        }

        fn delimiter(mut self, delimiter: &str) -> Self {
            self.options.delimiter = delimiter.parse().unwrap();
            self
        }

        fn strict(mut self) -> Self {
            self.options.strict = true;
            self
        }

        /// Reads and validates the files.
        fn load(&self) -> Result<Dataset, Error> {
            load_from(&CsvReader::new(self.options.clone()))
        }

        /// The graph, which must load.
        fn graph(&self) -> Dataset {
            match self.load() {
                Ok(dataset) => dataset,
                Err(err) => panic!("expected a graph, got {err}"),
            }
        }

        /// The problems as `file:row:column: severity: message` lines, with
        /// the folder left out; the files must not load.
        fn problems(&self) -> Vec<String> {
            match self.load() {
                Err(Error::Invalid(diagnostics)) => self.lines(&diagnostics),
                Err(other) => panic!("unexpected error {other}"),
                Ok(_) => panic!("expected problems"),
            }
        }

        /// The warnings of files that load.
        fn warnings(&self) -> Vec<String> {
            self.lines(&self.graph().warnings)
        }

        fn lines(&self, diagnostics: &Diagnostics) -> Vec<String> {
            let folder = format!("{}/", self.dir.path().display());
            diagnostics
                .located()
                .into_iter()
                .map(|p| {
                    let message = p.message.replace(&folder, "");
                    let at: Vec<String> = [p.line, p.column]
                        .into_iter()
                        .flatten()
                        .map(|n| n.to_string())
                        .collect();
                    let path = p.path.map(|path| format!("{path}: ")).unwrap_or_default();
                    format!(
                        "{}:{}: {}: {path}{}",
                        p.file.replace(&folder, ""),
                        at.join(":"),
                        p.severity.as_str(),
                        message
                    )
                })
                .collect()
        }
    }

    const TYPES: &str = "id,label,polarity,directed\nally,Alliance,cooperative,false\n";
    const ENTITIES: &str =
        "id,name,kind,aliases\nRUS,Russia,country,Moscow; Mosca\nPRK,North Korea,country,DPRK\n";

    fn ids(dataset: &Dataset) -> Vec<&str> {
        dataset.relations().map(|r| r.id.as_str()).collect()
    }

    #[test]
    fn headers_match_in_any_case_with_spaces_trimmed() {
        let files = Files::relations(
            " SOURCE , Target,TYPE ,Source ID,Quote\nRUS,PRK,ally,art,\"They are allies.\"\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        let dataset = files.graph();
        let relation = &dataset.records.get(0);
        assert_eq!(
            (relation.source.as_str(), relation.target.as_str()),
            ("RUS", "PRK")
        );
        assert_eq!(relation.evidence[0].source, "art");
        assert_eq!(relation.evidence[0].quote, "They are allies.");
        assert_eq!(dataset.doc.sources[0].author, UNKNOWN);
        assert!(dataset.warnings.is_empty(), "{}", dataset.warnings.render());
    }

    #[test]
    fn maps_rename_columns_only_in_files_that_have_the_field() {
        let files = Files::relations(
            "From,To,Type,Label,Notes,Quote\nRussia,north KOREA,ally,old friends,x,q\n",
        )
        .entities("Label,Type\nRussia,Country\nNorth Korea,Country\n")
        .types(TYPES)
        .map("from=source")
        .map("TO=target")
        .map("Label=name")
        .map("Type=kind")
        .map("notes=ignore");
        let dataset = files.graph();
        let relation = &dataset.records.get(0);
        assert_eq!(relation.label.as_deref(), Some("old friends"));
        assert_eq!(relation.relation_type, "ally");
        // Entities without an id column take their name as id; relations
        // name them by id, name or alias, in any case.
        assert_eq!(
            (relation.source.as_str(), relation.target.as_str()),
            ("Russia", "North Korea")
        );
        assert_eq!(dataset.doc.entities.len(), 2);
        assert!(dataset.warnings.is_empty(), "{}", dataset.warnings.render());
    }

    #[test]
    fn the_default_columns_are_the_ones_export_writes() {
        let header = |table| default_header(table);
        assert_eq!(
            header(Table::Relations),
            "source,target,type,since,until,weight,label,quote,translation,source_id"
        );
        assert_eq!(header(Table::Entities), "id,name,kind,aliases");
        assert_eq!(header(Table::Types), "id,label,polarity,directed,color");
        for table in Table::ALL {
            for field in table.fields() {
                assert_eq!(Field::named(field.name()), Some(*field));
            }
        }
    }

    #[test]
    fn a_map_to_an_unknown_field_lists_every_field() {
        let err = "From=sorce".parse::<ColumnMap>().unwrap_err();
        assert!(
            err.starts_with("unknown field 'sorce': the fields are source, target, type,"),
            "{err}"
        );
        assert!(
            err.contains("id, name, kind, aliases, description (entities)"),
            "{err}"
        );
        assert!(err.contains("ignore (leave the column out)"), "{err}");
        assert!(err.ends_with("did you mean 'source'?"), "{err}");
        assert!("nothing".parse::<ColumnMap>().is_err());
        assert!("=source".parse::<ColumnMap>().is_err());
        let map: ColumnMap = "a=b=Source ID".parse().unwrap();
        assert_eq!((map.column.as_str(), map.field), ("a=b", Field::SourceId));
    }

    #[test]
    fn maps_clash_only_within_one_file() {
        let map = |text: &str| text.parse::<ColumnMap>().unwrap();
        assert_eq!(map("Label=type").clashes_with(&map("label=name")), None);
        assert_eq!(
            map("Label=type").clashes_with(&map("label=quote")),
            Some(Table::Relations)
        );
        assert_eq!(
            map("Type=ignore").clashes_with(&map("type=kind")),
            Some(Table::Entities)
        );
        assert_eq!(map("Type=kind").clashes_with(&map("Type=kind")), None);
    }

    #[test]
    fn unused_maps_and_unknown_columns_are_warned() {
        let files = Files::relations("source,target,type,Tags,\nRUS,PRK,ally,a|b,\n")
            .entities(ENTITIES)
            .types(TYPES)
            .map("Frm=source");
        assert_eq!(
            files.warnings(),
            [
                "rel.csv:1: warning: columns 'Tags' (4), 5 (no name) are not read: \
                 they name no field of the relations file",
                "rel.csv:1: warning: --map Frm=source: no column 'Frm' in rel.csv",
                "rel.csv:2:1: warning: relations[0].id: relation 'RUS-PRK-ally' has no evidence",
            ]
        );
    }

    #[test]
    fn semicolons_tabs_and_a_byte_order_mark_are_read() {
        let semicolons = Files::relations(
            "\u{feff}source;target;type;weight;label;quote\nRUS;PRK;ally;0.5;\"a; b\";q\n",
        )
        .entities("id;name;aliases\nRUS;Russia;\"Moscow; Mosca\"\nPRK;North Korea;DPRK\n")
        .types("\u{feff}id;polarity;directed\nally;cooperative;false\n")
        .delimiter(";");
        let dataset = semicolons.graph();
        assert_eq!(dataset.records.get(0).weight, Some(0.5));
        assert_eq!(dataset.records.get(0).label.as_deref(), Some("a; b"));
        assert_eq!(dataset.doc.entities[0].aliases.len(), 2);
        let tabs =
            Files::relations("source\ttarget\ttype\tlabel\tquote\nRUS\tPRK\tally\ta, b\tq\n")
                .entities("id\tname\nRUS\tRussia\nPRK\tNorth Korea\n")
                .types("id\tpolarity\tdirected\nally\tcooperative\tno\n")
                .delimiter("tab");
        assert_eq!(tabs.graph().records.get(0).label.as_deref(), Some("a, b"));
        assert_eq!("\t".parse::<Delimiter>(), Ok(Delimiter(b'\t')));
        assert!("|".parse::<Delimiter>().is_err());
    }

    #[test]
    fn quoted_cells_keep_commas_quotes_and_line_breaks() {
        let files = Files::relations(
            "source,target,type,quote,until\r\n\
             RUS,PRK,ally,\"one, \"\"two\"\"\r\nthree\",2023-13\r\n\
             \r\n\
             PRK,RUS,ally,q,2024-13\r\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        let problems = files.problems();
        // The quoted line break stays in row 2; the blank line is row 3.
        assert_eq!(
            problems,
            [
                "rel.csv:2:5: error: relations[0].until: '2023-13' is not a date: month 13 does not exist (months run 01 to 12)",
                "rel.csv:4:5: error: relations[1].until: '2024-13' is not a date: month 13 does not exist (months run 01 to 12)",
            ]
        );
        let fixed = Files::relations(
            "source,target,type,quote\nRUS,PRK,ally,\"one, \"\"two\"\"\r\nthree\"\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        assert_eq!(
            fixed.graph().records.get(0).evidence[0].quote,
            "one, \"two\"\nthree"
        );
    }

    #[test]
    fn every_problem_is_placed_at_its_file_row_and_column() {
        let files = Files::relations(
            "source,target,type,since,weight,quote,translation\n\
             RUS,PRK,ally,2023,2,q,\n\
             RUS,PRK,ally,2023,heavy,q,\n\
             RUS,PRK,ally,2023\n\
             RUS,RUS,ally,,,,t\n",
        )
        .entities("id,name,kind,aliases\nRUS,Russia,planet,\nPRK,North Korea,country,Russia\n")
        .types("id,label,polarity,directed\nally,Alliance,friendly,maybe\n");
        assert_eq!(
            files.problems(),
            [
                "ent.csv:2:3: error: entities[0].kind: 'planet' is not a kind: use country, group, organization or person",
                "ent.csv:3:4: error: entities[1].aliases[0]: 'Russia' already names entity RUS (Russia)",
                "rel.csv:3:5: error: relations[1].weight: weight 'heavy' is not a number",
                "rel.csv:4:5: error: relations[2]: this row has 4 fields, the header 7: the row is not read",
                "rel.csv:5:2: error: relations[3].target: relation joins 'RUS' to itself",
                "rel.csv:5:6: warning: relations[3].id: relation 'RUS-RUS-ally' has no evidence",
                "rel.csv:5:7: error: relations[3].evidence[0].translation: a translation without a quote",
                "types.csv:2:3: error: relation_types[0].polarity: 'friendly' is not a polarity: use cooperative, hostile or neutral",
                "types.csv:2:4: error: relation_types[0].directed: directed 'maybe' is not true or false",
            ]
        );
    }

    #[test]
    fn problems_of_created_items_are_placed_where_they_are_first_named() {
        let files =
            Files::relations("source,target,type,quote\nRUS,PRK,ally,q\nRUS,ESC\u{1b},ally,q\n")
                .entities(ENTITIES)
                .types(TYPES);
        let problems = files.problems();
        assert_eq!(
            problems[1],
            "rel.csv:3:2: error: entities[2].id: holds the control character U+001B at character 4"
        );
        assert!(
            problems[0].starts_with("rel.csv:3:2: warning: relations[1].target: 1 entity not in"),
            "{problems:?}"
        );
    }

    #[test]
    fn ids_are_made_for_rows_without_one_and_never_repeat() {
        let files = Files::relations(
            "id,source,target,type,quote\n\
             ,RUS,PRK,ally,q\n\
             ,RUS,PRK,ally,q\n\
             RUS-PRK-ally-3,RUS,PRK,ally,q\n\
             ,russia,Moscow,ALLIANCE,q\n\
             ,RUS,PRK,ally,q\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        let dataset = files.load();
        let problems = match dataset {
            Err(Error::Invalid(d)) => files.lines(&d),
            _ => panic!("a relation of Russia with itself"),
        };
        assert_eq!(
            problems,
            ["rel.csv:5:3: error: relations[3].target: relation joins 'RUS' to itself"]
        );
        let files = Files::relations(
            "id,source,target,type,quote\n,RUS,PRK,ally,q\n,RUS,PRK,ally,q\nRUS-PRK-ally-3,RUS,PRK,ally,q\n,PRK,Mosca,Alliance,q\n,RUS,PRK,ally,q\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        assert_eq!(
            ids(&files.graph()),
            [
                "RUS-PRK-ally",
                "RUS-PRK-ally-2",
                "RUS-PRK-ally-3",
                "PRK-RUS-ally",
                "RUS-PRK-ally-4"
            ]
        );
    }

    #[test]
    fn rows_that_share_an_id_are_one_relation_with_a_quote_each() {
        let files = Files::relations(
            "id,source,target,type,weight,quote,translation,source_id,event\n\
             r1,RUS,PRK,ally,2,q1,t1,art,true\n\
             ,RUS,PRK,ally,,q0,,,\n\
             r1,Russia,Korea,Alliance,2.0,q2,,,yes\n\
             r2,PRK,RUS,ally,,,,,\n\
             r1,,,,,q3,,other,\n\
             r2,,,,,q4,,,\n\
             r2,,,,,,,,\n",
        )
        .entities(ENTITIES.replace("DPRK", "DPRK; Korea").as_str())
        .types(TYPES);
        let dataset = files.graph();
        assert_eq!(ids(&dataset), ["r1", "RUS-PRK-ally", "r2"]);
        let quotes = |i: usize| -> Vec<(&str, &str, Option<&str>)> {
            dataset
                .records
                .get(i)
                .evidence
                .iter()
                .map(|e| {
                    (
                        e.quote.as_str(),
                        e.source.as_str(),
                        e.translation.as_deref(),
                    )
                })
                .collect()
        };
        assert_eq!(
            quotes(0),
            [
                ("q1", "art", Some("t1")),
                ("q2", "rel", None),
                ("q3", "other", None)
            ]
        );
        assert_eq!(quotes(1), [("q0", "rel", None)]);
        assert_eq!(quotes(2), [("q4", "rel", None)]);
        let r1 = &dataset.records.get(0);
        assert_eq!((r1.weight, r1.event), (Some(2.0), Some(true)));
        assert_eq!(dataset.records.get(1).event, None);
        let sources: Vec<&str> = dataset.doc.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sources, ["art", "rel", "other"]);
        assert_eq!(
            files.lines(&dataset.warnings),
            [
                "rel.csv:8:6: warning: relations[3]: this row has no quote: it adds nothing to \
              relation 'r2' of row 5"
            ]
        );
    }

    #[test]
    fn a_repeated_id_whose_cells_differ_is_an_error_at_each_cell() {
        let files = Files::relations(
            "id,source,target,type,since,weight,label,quote,event\n\
             r1,RUS,PRK,ally,2023,2,old friends,q1,\n\
             r1,PRK,Moscow,ally,2024,3,,q2,true\n\
             r1,RUS,PRK,ALLIANCE,2023,2.0,old friends,q3,maybe\n\
             r1,,,,,heavy,,q4\u{1b},\n\
             r2,PRK,RUS,ally,,,new,,\n\
             r2,,,,,,New,q\u{1b},\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        assert_eq!(
            files.problems(),
            [
                "rel.csv:3:2: error: relations[0].source: source 'PRK' differs from row 2, the first \
                 row of relation 'r1', whose source is 'RUS'",
                "rel.csv:3:3: error: relations[0].target: target 'Moscow' differs from row 2, the \
                 first row of relation 'r1', whose target is 'PRK'",
                "rel.csv:3:5: error: relations[0].since: since '2024' differs from row 2, the first \
                 row of relation 'r1', whose since is '2023'",
                "rel.csv:3:6: error: relations[0].weight: weight '3' differs from row 2, the first \
                 row of relation 'r1', whose weight is '2'",
                "rel.csv:3:9: error: relations[0].event: event 'true' differs from row 2, the first \
                 row of relation 'r1', whose event is empty",
                "rel.csv:4:9: error: relations[0].event: event 'maybe' is not true or false",
                "rel.csv:5:6: error: relations[0].weight: weight 'heavy' is not a number",
                "rel.csv:5:8: error: relations[0].evidence[3].quote: holds the control character \
                 U+001B at character 3",
                "rel.csv:7:7: error: relations[4].label: label 'New' differs from row 6, the first \
                 row of relation 'r2', whose label is 'new'",
                "rel.csv:7:8: error: relations[4].evidence[0].quote: holds the control character \
                 U+001B at character 2",
            ]
        );
        let Err(Error::Invalid(diagnostics)) = files.load() else {
            panic!("expected problems");
        };
        let hints: Vec<String> = diagnostics
            .located()
            .into_iter()
            .filter_map(|p| p.hint)
            .collect();
        assert!(
            hints.iter().any(|h| h
                == "rows that share an id are one relation, a quote a row: write 'RUS' here as in \
                    row 2, or leave the cell empty; or give this row an id of its own"),
            "{hints:?}"
        );
        assert!(
            hints.iter().any(|h| h
                == "rows that share an id are one relation, a quote a row: empty this cell (or fill \
                    in row 2's); or give this row an id of its own"),
            "{hints:?}"
        );
    }

    #[test]
    fn a_relation_event_overrides_its_type_and_must_be_true_or_false() {
        let files = Files::relations(
            "source,target,type,quote,event\nRUS,PRK,ally,q,yes\nPRK,RUS,ally,q,No\n\
             RUS,PRK,ally,q,\n",
        )
        .entities(ENTITIES)
        .types(TYPES);
        let events: Vec<Option<bool>> = files.graph().relations().map(|r| r.event).collect();
        assert_eq!(events, [Some(true), Some(false), None]);
        let files = Files::relations("source,target,type,quote,Event\nRUS,PRK,ally,q,maybe\n")
            .entities(ENTITIES)
            .types(TYPES);
        assert_eq!(
            files.problems(),
            ["rel.csv:2:5: error: relations[0].event: event 'maybe' is not true or false"]
        );
    }

    #[test]
    fn unknown_entities_and_types_are_created_with_one_warning_each() {
        let files = Files::relations(
            "source,target,type,quote\nRUS,UKR,invasion,q\nUKR,RUS,resistance,q\nRUS,PRK,war,q\n",
        )
        .entities(ENTITIES);
        let dataset = files.graph();
        let warnings = files.lines(&dataset.warnings);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].starts_with("rel.csv:2:2: warning: relations[0].target: 1 entity not in"),
            "{warnings:?}"
        );
        assert!(
            warnings[0].ends_with("created with name = id and kind country: UKR"),
            "{warnings:?}"
        );
        assert!(warnings[1].ends_with(
            "rel.csv:2:3: warning: relations[0].type: no --types file: 3 relation types created from the relations, \
             neutral and undirected with label = id: invasion, resistance, war"
        ), "{warnings:?}");
        let names: Vec<&str> = dataset.doc.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(names, ["RUS", "PRK", "UKR"]);
        let war = &dataset.doc.relation_types[2];
        assert_eq!(
            (war.label.as_str(), war.polarity, war.directed),
            ("war", Polarity::Neutral, false)
        );
        assert_eq!(dataset.doc.sources[0].id, "rel");
        assert_eq!(dataset.doc.sources[0].title, "rel.csv");
        assert_eq!(dataset.doc.sources[0].language, UNDETERMINED_LANGUAGE);
        assert!(
            dataset.doc.sources[0]
                .published
                .parse::<crate::model::PartialDate>()
                .is_ok()
        );
    }

    #[test]
    fn strict_refuses_every_cell_that_names_an_unknown_entity_or_type() {
        let files = Files::relations(
            "source,target,type,quote\nRUS,PRK,aly,q\nRUS,Rusia,ally,q\nRUS,PRK,aly,q\n",
        )
        .entities(ENTITIES)
        .types(TYPES)
        .strict();
        assert_eq!(
            files.problems(),
            [
                "rel.csv:2:3: error: relations[0].type: unknown relation type 'aly' (--strict creates none)",
                "rel.csv:3:2: error: relations[1].target: unknown entity 'Rusia' (--strict creates none)",
                "rel.csv:4:3: error: relations[2].type: unknown relation type 'aly' (--strict creates none)",
            ]
        );
    }

    #[test]
    fn missing_columns_and_empty_files_stop_the_import() {
        let files = Files::relations("From,To,type\nRUS,PRK,ally\n").types("id,label\n");
        assert_eq!(
            files.problems()[1..],
            [
                "rel.csv:1: error: no `source` column: the header has From, To, type",
                "rel.csv:1: error: no `target` column: the header has From, To, type",
                "types.csv:1: error: no `polarity` column: the header has id, label",
                "types.csv:1: error: no `directed` column: the header has id, label",
            ]
        );
        assert_eq!(
            Files::relations("").problems(),
            ["rel.csv:1: error: the file is empty: expected a header row naming the columns"]
        );
        assert_eq!(
            Files::relations("source,target,type\n").problems(),
            ["rel.csv:1: error: no relations: the file has a header row but no rows after it"]
        );
        assert_eq!(
            Files::relations("source,target,type,Source\nA,B,c,d\n").problems(),
            [
                "rel.csv:1:4: error: column 1 ('source') and column 4 ('Source') are both read as `source`"
            ]
        );
    }

    #[test]
    fn cells_that_are_not_utf8_are_errors() {
        let files = Files::relations("").entities(ENTITIES).types(TYPES);
        let text = b"source,target,type,label,quote\nRUS,PRK,ally,caf\xe9,q\n";
        std::fs::write(&files.options.relations, text).unwrap();
        assert_eq!(
            files.problems(),
            ["rel.csv:2:4: error: relations[0].label: this cell is not valid UTF-8 text"]
        );
    }
}
