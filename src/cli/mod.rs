//! The command-line layer: turns parsed arguments into a validated
//! configuration, calls the query, export and report layers, and writes their
//! bytes to stdout or files. It holds no logic of its own.

pub mod args;

use std::io::Write;
use std::path::{Path, PathBuf};

pub use args::Cli;
use args::{Command, DotArgs, FilterArgs, OutputArgs};

use crate::error::Error;
use crate::export::dot::{DiagramOf, DotExport};
use crate::export::summary::SummaryText;
use crate::export::{Export, Listing};
use crate::files::{ensure_not_input, write_atomic};
use crate::graph::{Filter, RelGraph};
use crate::model::problem::plural;
use crate::model::{GraphInput, PartialDate, load};
use crate::query::diagram::{DiagramSpec, diagram};
use crate::query::partners::{PartnerOptions, partners};
use crate::query::{entities::entities, relations::relations, summary::summary};
use crate::report;

/// Runs one command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let input = graph_input(cli.graph);
    let input_path = input.path();
    let graph = RelGraph::new(load(&input)?);
    if !matches!(cli.command, Command::Validate { .. }) {
        note_warnings(&graph);
    }
    let as_of = cli.as_of;
    match cli.command {
        Command::Validate { strict } => validate(&graph, strict),
        Command::Entities { output } => {
            let filter = Filter {
                as_of,
                ..Filter::default()
            };
            print_listing(&entities(&graph, &filter), &output)
        }
        Command::Relations {
            filter,
            involving,
            evidence,
            output,
        } => {
            let filter = build_filter(&graph, &filter, as_of)?;
            let involving = involving
                .map(|name| graph.resolve_entity(&name))
                .transpose()?;
            let list = relations(&graph, &filter, involving, evidence);
            if list.0.is_empty() {
                return Err(Error::NotFound("no relations match these filters".into()));
            }
            print_listing(&list, &output)
        }
        Command::Partners {
            entity,
            filter,
            direction,
            evidence,
            output,
        } => {
            let filter = build_filter(&graph, &filter, as_of)?;
            let entity = graph.resolve_entity(&entity)?;
            let found = partners(
                &graph,
                entity,
                &filter,
                PartnerOptions {
                    direction,
                    evidence,
                },
            );
            if found.partners.is_empty() {
                return Err(Error::NotFound(format!(
                    "{} ({}) has no partners matching these filters",
                    found.entity.name, found.entity.id
                )));
            }
            print_listing(&found, &output)
        }
        Command::Dot(args) => {
            if let Some(out) = &args.out {
                ensure_not_input(out, input_path)?;
            }
            dot(&graph, args, as_of)
        }
        Command::Report { out_dir } => {
            let filter = Filter {
                as_of,
                ..Filter::default()
            };
            let files = report::build(&graph, &filter)?;
            for file in &files {
                ensure_not_input(&out_dir.join(&file.name), input_path)?;
            }
            let written = report::write(&out_dir, &files)?;
            let lines: String = written
                .iter()
                .map(|p| format!("wrote {}\n", p.display()))
                .collect();
            print(lines.as_bytes())
        }
    }
}

/// `--graph FILE`, else `./graph.json` if it exists, else the embedded copy.
fn graph_input(graph: Option<PathBuf>) -> GraphInput {
    match graph {
        Some(path) => GraphInput::File(path),
        None if Path::new("graph.json").is_file() => GraphInput::File("graph.json".into()),
        None => GraphInput::Embedded,
    }
}

fn note_warnings(graph: &RelGraph) {
    let count = graph.data.warnings.len();
    if count > 0 {
        eprintln!(
            "warning: {}: {}; `relgraph validate` shows them",
            graph.data.origin,
            plural(count, "warning")
        );
    }
}

fn validate(graph: &RelGraph, strict: bool) -> Result<(), Error> {
    if strict && !graph.data.warnings.is_empty() {
        return Err(Error::StrictWarnings {
            report: graph.data.warning_report.clone(),
        });
    }
    eprint!("{}", graph.data.warning_report);
    print(&SummaryText.export(&summary(graph))?)
}

fn build_filter(
    graph: &RelGraph,
    args: &FilterArgs,
    as_of: Option<PartialDate>,
) -> Result<Filter, Error> {
    let types = args
        .types
        .iter()
        .map(|t| graph.resolve_type(t))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Filter {
        types,
        polarity: args.polarity,
        as_of,
    })
}

fn dot(graph: &RelGraph, args: DotArgs, as_of: Option<PartialDate>) -> Result<(), Error> {
    let filter = build_filter(graph, &args.filter, as_of)?;
    let ego = args
        .ego
        .as_deref()
        .map(|name| graph.resolve_entity(name))
        .transpose()?;
    let spec = DiagramSpec {
        ego,
        radius: args.radius,
        merge: args.merge,
    };
    let selection = diagram(graph, &filter, spec);
    if selection.nodes.is_empty() {
        return Err(Error::NotFound(
            "no relations match these filters: nothing to draw".into(),
        ));
    }
    let title = args.title.unwrap_or_else(|| match ego {
        Some(e) => format!(
            "{}: {} and its partners",
            graph.data.doc.title,
            graph.data.entity(e).name
        ),
        None => graph.data.doc.title.clone(),
    });
    let style = DotExport {
        title,
        rankdir: args.rankdir,
        legend: !args.no_legend,
    };
    let bytes = style.export(&DiagramOf {
        graph,
        diagram: &selection,
    })?;
    match args.out {
        Some(path) => write_atomic(&path, &bytes),
        None => print(&bytes),
    }
}

fn print_listing(listing: &(dyn Listing + 'static), output: &OutputArgs) -> Result<(), Error> {
    print(&output.format.exporter().export(listing)?)
}

/// Writes `bytes` to stdout; a closed pipe (`relgraph … | head`) is not an error.
fn print(bytes: &[u8]) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: err,
        }),
        _ => Ok(()),
    }
}
