//! `relgraph import csv`: a graph file from relations (and entities and
//! relation types) kept in CSV files.
//!
//! The CSV reader ([`CsvReader`]) yields the format-neutral document and
//! [`load_from`] validates it, so every problem is shown at its file, row and
//! column; only a valid graph is written, atomically, and nothing at all when
//! there is an error.

use std::path::{Path, PathBuf};

use crate::cli::args::ImportCsvArgs;
use crate::cli::output::print;
use crate::cli::session::Globals;
use crate::diagnostic::plural;
use crate::error::{Error, Usage};
use crate::export::Export;
use crate::export::json::GraphFileJson;
use crate::files::{ensure_not_input, write_atomic_with};
use crate::model::DocumentView;
use crate::model::Source;
use crate::model::load::load_from;
use crate::model::read::csv::{ColumnMap, Created, CsvOptions, CsvReader};

/// What `import csv` was asked.
#[derive(Debug, Clone)]
pub struct Config {
    /// What to read and how.
    pub options: CsvOptions,
    /// The graph file to write.
    pub out: PathBuf,
}

impl Config {
    /// Checks the options of `import csv`.
    pub fn new(globals: &Globals, args: ImportCsvArgs) -> Result<Self, Error> {
        globals.refuse_as_of(
            "import csv",
            "import reads every row, whatever its dates; filter the graph it writes instead",
        )?;
        let why = "import reads the CSV files it is given and writes --out";
        globals.refuse_graph("import csv", why)?;
        globals.refuse_cache("import csv", why)?;
        refuse_clashing_maps(&args.maps)?;
        let options = CsvOptions {
            relations: args.relations,
            entities: args.entities,
            types: args.types,
            delimiter: args.delimiter,
            maps: args.maps,
            title: args.title,
            default_kind: args.default_kind,
            strict: args.strict,
        };
        for input in options.inputs() {
            refuse_overwrite(&args.out, input)?;
        }
        Ok(Config {
            options,
            out: args.out,
        })
    }
}

/// Refuses two `--map` options that read one column of a file as two fields.
fn refuse_clashing_maps(maps: &[ColumnMap]) -> Result<(), Error> {
    for (i, first) in maps.iter().enumerate() {
        for second in &maps[i + 1..] {
            if let Some(table) = first.clashes_with(second) {
                return Err(Usage::ConflictingMaps {
                    column: first.column.clone(),
                    first: first.to_string(),
                    second: second.to_string(),
                    table: table.noun(),
                }
                .into());
            }
        }
    }
    Ok(())
}

/// Refuses to write the graph over `input`.
fn refuse_overwrite(out: &Path, input: &Path) -> Result<(), Error> {
    ensure_not_input(out, Some(input)).map_err(|_| Usage::OutIsAnInput(out.to_owned()).into())
}

/// Runs `import csv`.
pub fn run(globals: &Globals, args: ImportCsvArgs) -> Result<(), Error> {
    let config = Config::new(globals, args)?;
    let reader = CsvReader::new(config.options.clone());
    let dataset = load_from(&reader)?;
    let warnings = &dataset.warnings;
    if config.options.strict && !warnings.is_empty() {
        return Err(Error::StrictWarnings(Box::new(warnings.clone())));
    }
    if !warnings.is_empty() {
        crate::stderr_text!("{}", warnings.render());
    }
    let doc = dataset.view();
    write_atomic_with(&config.out, |out| GraphFileJson.write_to(&doc, out))?;
    let out = config.out.display().to_string();
    if !dataset.doc.sources.is_empty() {
        crate::stderr_line!("{}", sources_note(&out, &dataset.doc.sources));
    }
    print(summary(&out, &doc, reader.created()).as_bytes())
}

/// `wrote graph.json: 9 entities (2 created), 38 relations, 22 types (3 created)`.
pub fn summary(out: &str, doc: &DocumentView<'_>, created: Created) -> String {
    let with_created = |n: usize, one: &str, many: &str, made: usize| {
        let noun = if n == 1 { one } else { many };
        match made {
            0 => format!("{n} {noun}"),
            made => format!("{n} {noun} ({made} created)"),
        }
    };
    format!(
        "wrote {out}: {}, {}, {}\n",
        with_created(doc.entities.len(), "entity", "entities", created.entities),
        plural(doc.relations.len(), "relation"),
        with_created(doc.relation_types.len(), "type", "types", created.types),
    )
}

/// The note that the sources made for the quotes have placeholder details.
fn sources_note(out: &str, sources: &[Source]) -> String {
    let ids: Vec<String> = sources.iter().map(|s| format!("'{}'", s.id)).collect();
    let (noun, have) = if sources.len() == 1 {
        ("source", "has")
    } else {
        ("sources", "have")
    };
    format!(
        "note: {out}: {noun} {} {have} placeholder details (\"unknown\" author and publisher, \
         language \"und\", published = the relations file's date): correct them there",
        ids.join(", ")
    )
}
