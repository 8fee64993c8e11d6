//! `relgraph export`: the selected graph in a format another tool reads,
//! to a file, stdout, or (CSV) a folder.

use std::path::PathBuf;

use crate::cli::args::{CsvFlavor, ExportArgs, ExportFormat};
use crate::cli::commands::diagram::DiagramConfig;
use crate::cli::output::{emit, emit_with};
use crate::cli::session::{Globals, Session};
use crate::error::{Error, Usage};
use crate::export::graph_csv::CsvTables;
use crate::export::mermaid::MermaidExport;
use crate::export::{Export, GraphFormat};
use crate::files::{FolderFile, write_folder_atomic};
use crate::query::diagram::DiagramOf;
use crate::query::selection::{Selection, select};

/// What `export` was asked.
pub enum ExportConfig {
    /// A Mermaid flowchart of a diagram.
    Mermaid(Box<DiagramConfig>),
    /// A graph file in a format of other tools, to a file or stdout.
    Graph {
        /// What to export.
        selection: Selection,
        /// The format.
        format: GraphFormat,
        /// The file to write, or stdout.
        out: Option<PathBuf>,
    },
    /// A folder of CSV files.
    Csv {
        /// What to export.
        selection: Selection,
        /// Whose column names.
        flavor: CsvFlavor,
        /// The folder to write.
        out: PathBuf,
    },
}

impl ExportConfig {
    /// Checks the options of `export` against its format and selects what to write.
    pub fn new(session: &Session, args: &ExportArgs) -> Result<Self, Error> {
        if args.flavor.is_some() && args.format != ExportFormat::Csv {
            return Err(ignored(
                "--flavor",
                args.format,
                "it chooses CSV column names",
            ));
        }
        if args.format == ExportFormat::Mermaid {
            let diagram = DiagramConfig::new(session, &args.diagram)?;
            return Ok(ExportConfig::Mermaid(Box::new(diagram)));
        }
        refuse_drawing_options(args)?;
        let out = args.diagram.out.clone();
        session.ensure_not_input(out.as_deref())?;
        let selection = selection(session, args)?;
        match graph_format(args.format) {
            Some(format) => Ok(ExportConfig::Graph {
                selection,
                format,
                out,
            }),
            None => Ok(ExportConfig::Csv {
                selection,
                flavor: args.flavor.unwrap_or_default(),
                out: out.ok_or(Usage::FolderNeedsOut)?,
            }),
        }
    }
}

/// The one-file format `format` writes, if it writes one file of a graph.
fn graph_format(format: ExportFormat) -> Option<GraphFormat> {
    match format {
        ExportFormat::Json => Some(GraphFormat::Json),
        ExportFormat::Graphml => Some(GraphFormat::Graphml),
        ExportFormat::Gexf => Some(GraphFormat::Gexf),
        ExportFormat::Cypher => Some(GraphFormat::Cypher),
        ExportFormat::Mermaid | ExportFormat::Csv => None,
    }
}

/// The entities and relations the filters and `--ego` choose; none is an error.
fn selection(session: &Session, args: &ExportArgs) -> Result<Selection, Error> {
    let diagram = &args.diagram;
    let filter = session.filter(&diagram.filter)?;
    let ego = diagram
        .ego
        .as_deref()
        .map(|name| session.entity(name))
        .transpose()?;
    let selection = select(&session.graph, &filter, ego, diagram.radius);
    if selection.relations.is_empty() && (ego.is_some() || filter.is_active()) {
        let whose = match ego {
            Some(e) => format!("{} has no relations", session.describe(e)),
            None => "no relations".to_owned(),
        };
        return Err(Error::NothingMatches {
            what: format!("{whose} matching these filters: nothing to export"),
        });
    }
    Ok(selection)
}

/// Refuses the options that only shape a drawing.
fn refuse_drawing_options(args: &ExportArgs) -> Result<(), Error> {
    let diagram = &args.diagram;
    let given = [
        ("--merge", diagram.merge),
        ("--expand", diagram.expand),
        ("--rankdir", diagram.rankdir.is_some()),
        ("--title", diagram.title.is_some()),
    ];
    match given.iter().find(|(_, given)| *given) {
        Some((option, _)) => Err(ignored(option, args.format, "it shapes drawings (mermaid)")),
        None => Ok(()),
    }
}

fn ignored(option: &'static str, format: ExportFormat, why: &str) -> Error {
    let command = match format {
        ExportFormat::Mermaid => "export --format mermaid",
        ExportFormat::Json => "export --format json",
        ExportFormat::Graphml => "export --format graphml",
        ExportFormat::Gexf => "export --format gexf",
        ExportFormat::Csv => "export --format csv",
        ExportFormat::Cypher => "export --format cypher",
    };
    Usage::IgnoredOption {
        option,
        command,
        why: Some(why.to_owned()),
    }
    .into()
}

/// Runs `export`.
pub fn run_export(globals: &Globals, args: ExportArgs) -> Result<(), Error> {
    let session = globals.load(false)?;
    let data = &session.graph.data;
    match ExportConfig::new(&session, &args)? {
        ExportConfig::Mermaid(config) => {
            let bytes = MermaidExport {
                title: config.title.clone(),
                rankdir: config.rankdir,
            }
            .export(&DiagramOf {
                graph: &session.graph,
                diagram: &config.selection,
            })?;
            emit(&bytes, config.out.as_deref())
        }
        ExportConfig::Graph {
            selection,
            format,
            out,
        } => {
            let doc = selection.document(data);
            emit_with(out.as_deref(), |w| format.exporter().write_to(&doc, w))
        }
        ExportConfig::Csv {
            selection,
            flavor,
            out,
        } => {
            let doc = selection.document(data);
            let tables = CsvTables { flavor }.tables();
            let writers: Vec<_> = tables
                .iter()
                .map(|&(name, write)| {
                    let doc = &doc;
                    (name, move |w: &mut dyn std::io::Write| {
                        write(flavor, doc, w)
                    })
                })
                .collect();
            let files: Vec<FolderFile<'_>> = writers
                .iter()
                .map(|(name, write)| (*name, write as &dyn Fn(&mut dyn std::io::Write) -> _))
                .collect();
            write_folder_atomic(&out, &files)
        }
    }
}
