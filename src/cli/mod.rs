//! The command-line layer: turns parsed arguments into a validated
//! configuration, calls the query, export and report layers, and writes their
//! bytes to stdout or files. It holds no logic of its own.

pub mod args;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use args::Cli;
use args::{
    ClusterBy, ColorBy, Command, DiagramArgs, DiagramFormat, DotArgs, ExportArgs, FilterArgs,
    OutputArgs, QueryArgs, RenderArgs,
};

use crate::analysis::balance::balance;
use crate::analysis::blocs::{bloc_grouping, blocs};
use crate::analysis::diff::diff;
use crate::analysis::path::{PathOptions, PathReport, shortest_paths};
use crate::analysis::rank::scores::rank;
use crate::analysis::stats::stats;
use crate::analysis::timeline::timeline;
use crate::error::Error;
use crate::export::Export;
use crate::export::dot::DotExport;
use crate::export::mermaid::MermaidExport;
use crate::export::summary::SummaryText;
use crate::files::{ensure_not_input, write_atomic};
use crate::graph::Grouping;
use crate::graph::{Filter, RelGraph};
use crate::listing::Listing;
use crate::model::problem::plural;
use crate::model::{EntityIx, GraphInput, PartialDate, load};
use crate::query::diagram::DiagramOf;
use crate::query::diagram::{Diagram, DiagramSpec, diagram};
use crate::query::partners::{PartnerOptions, Partners, partners};
use crate::query::relations::RelationList;
use crate::query::{entities::entities, relations::relations, summary::summary};
use crate::render::{ImageFormat, RenderOptions, render};
use crate::report::{self, ReportConfig};

/// Runs one command line.
pub fn run(cli: Cli) -> Result<(), Error> {
    let input = graph_input(cli.graph);
    let graph = RelGraph::new(load(&input)?);
    if !matches!(cli.command, Command::Validate { .. }) {
        note_warnings(&graph);
    }
    let (g, as_of) = (&graph, cli.as_of);
    match cli.command {
        Command::Validate { strict } => validate(g, strict),
        Command::Entities { output } => {
            let filter = Filter {
                as_of,
                ..Filter::default()
            };
            print_listing(&entities(g, &filter), &output)
        }
        Command::Relations {
            query,
            involving,
            evidence,
        } => answer(g, &query, as_of, |f| {
            list_relations(g, f, involving.as_deref(), evidence)
        }),
        Command::Partners {
            entity,
            query,
            direction,
            evidence,
        } => answer(g, &query, as_of, |f| {
            let options = PartnerOptions {
                direction,
                evidence,
            };
            list_partners(g, f, &entity, options)
        }),
        Command::Path {
            from,
            to,
            directed,
            all,
            max_hops,
            chronological,
            evidence,
            query,
        } => answer(g, &query, as_of, |f| {
            let options = PathOptions {
                directed,
                all,
                max_hops,
                chronological,
                evidence,
            };
            find_path(g, f, &from, &to, &options)
        }),
        Command::Balance { evidence, query } => {
            answer(g, &query, as_of, |f| Ok(balance(g, f, evidence)))
        }
        Command::Timeline { from, to, query } => {
            answer(g, &query, as_of, |f| Ok(timeline(g, f, from, to)))
        }
        Command::Rank { metric, top, query } => {
            answer(g, &query, as_of, |f| Ok(rank(g, f, metric, top)))
        }
        Command::Blocs {
            evidence,
            max_blocs,
            query,
        } => answer(g, &query, as_of, |f| {
            Ok(blocs(g, f, max_blocs.map(|k| k as usize), evidence))
        }),
        Command::Diff {
            date1,
            date2,
            evidence,
            query,
        } => {
            if as_of.is_some() {
                return Err(Error::Usage(
                    "diff compares the two dates it is given: leave out --as-of".into(),
                ));
            }
            answer(g, &query, None, |f| Ok(diff(g, f, date1, date2, evidence)))
        }
        Command::Stats { query } => answer(g, &query, as_of, |f| Ok(stats(g, f))),
        Command::Dot(args) => {
            ensure_not_input_opt(args.diagram.out.as_deref(), input.path())?;
            dot(g, args, as_of)
        }
        Command::Export(args) => {
            ensure_not_input_opt(args.diagram.out.as_deref(), input.path())?;
            export(g, args, as_of)
        }
        Command::Render(args) => {
            ensure_not_input_opt(args.dot.diagram.out.as_deref(), input.path())?;
            render_image(g, args, as_of)
        }
        Command::Report {
            out_dir,
            title,
            timeout,
        } => {
            let render = RenderOptions {
                timeout: Duration::from_secs(timeout),
                ..RenderOptions::default()
            };
            write_report(g, &out_dir, title, as_of, render, &input)
        }
    }
}

/// Builds the filter `query` asks for, computes the answer with it, and
/// prints it in the format `query` asks for.
fn answer<L: Listing + 'static>(
    graph: &RelGraph,
    query: &QueryArgs,
    as_of: Option<PartialDate>,
    compute: impl FnOnce(&Filter) -> Result<L, Error>,
) -> Result<(), Error> {
    let filter = build_filter(graph, &query.filter, as_of)?;
    print_listing(&compute(&filter)?, &query.output)
}

fn list_relations(
    graph: &RelGraph,
    filter: &Filter,
    involving: Option<&str>,
    evidence: bool,
) -> Result<RelationList, Error> {
    let involving = involving
        .map(|name| graph.resolve_entity(name))
        .transpose()?;
    let list = relations(graph, filter, involving, evidence);
    if list.0.is_empty() {
        return Err(Error::NotFound("no relations match these filters".into()));
    }
    Ok(list)
}

fn list_partners(
    graph: &RelGraph,
    filter: &Filter,
    entity: &str,
    options: PartnerOptions,
) -> Result<Partners, Error> {
    let found = partners(graph, graph.resolve_entity(entity)?, filter, options);
    if found.partners.is_empty() {
        return Err(Error::NotFound(format!(
            "{} ({}) has no partners matching these filters",
            found.entity.name, found.entity.id
        )));
    }
    Ok(found)
}

fn find_path(
    graph: &RelGraph,
    filter: &Filter,
    from: &str,
    to: &str,
    options: &PathOptions,
) -> Result<PathReport, Error> {
    let (from, to) = (graph.resolve_entity(from)?, graph.resolve_entity(to)?);
    shortest_paths(graph, filter, from, to, options)
        .ok_or_else(|| Error::NotFound(no_path_message(graph, from, to, options)))
}

fn write_report(
    graph: &RelGraph,
    out_dir: &Path,
    title: Option<String>,
    as_of: Option<PartialDate>,
    render: RenderOptions,
    input: &GraphInput,
) -> Result<(), Error> {
    let filter = Filter {
        as_of,
        ..Filter::default()
    };
    let config = ReportConfig {
        title,
        origin: input.file_name(),
        input_sha256: input.sha256()?,
        render,
    };
    let report = report::build(graph, &filter, &config)?;
    for file in &report.files {
        ensure_not_input(&out_dir.join(&file.name), input.path())?;
    }
    for note in &report.notes {
        eprintln!("note: {note}");
    }
    let written = report::write(out_dir, &report.files)?;
    print(written_summary(out_dir, &written).as_bytes())
}

/// The report's main files, then how many others were written and where
/// they are listed.
fn written_summary(out_dir: &Path, written: &[PathBuf]) -> String {
    const MAIN: [&str; 3] = ["report.html", "report.md", "graph.svg"];
    let mut lines: String = MAIN
        .iter()
        .map(|name| out_dir.join(name))
        .filter(|path| written.contains(path))
        .map(|path| format!("wrote {}\n", path.display()))
        .collect();
    let others = written.len() - lines.lines().count();
    lines.push_str(&format!(
        "wrote {others} more files into {} (listed in {})\n",
        out_dir.display(),
        out_dir.join(report::MANIFEST).display()
    ));
    lines
}

fn ensure_not_input_opt(out: Option<&Path>, input: Option<&Path>) -> Result<(), Error> {
    match out {
        Some(out) => ensure_not_input(out, input),
        None => Ok(()),
    }
}

fn no_path_message(
    graph: &RelGraph,
    from: EntityIx,
    to: EntityIx,
    options: &PathOptions,
) -> String {
    let name = |e: EntityIx| {
        let entity = graph.data.entity(e);
        format!("{} ({})", entity.name, entity.id)
    };
    let mut message = format!("no connection from {} to {}", name(from), name(to));
    if options.directed {
        message.push_str(" following relation direction");
    }
    if options.chronological {
        message.push_str(" through relations in date order");
    }
    if let Some(hops) = options.max_hops {
        message.push_str(&format!(" within {hops} hops"));
    }
    message.push_str(" under these filters");
    message
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

/// The diagram `args` ask for, and its title.
fn select(
    graph: &RelGraph,
    args: &DiagramArgs,
    as_of: Option<PartialDate>,
) -> Result<(Diagram, Filter, String), Error> {
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
    let title = args.title.clone().unwrap_or_else(|| match ego {
        Some(e) => format!(
            "{}: {} and its partners",
            graph.data.doc.title,
            graph.data.entity(e).name
        ),
        None => graph.data.doc.title.clone(),
    });
    Ok((selection, filter, title))
}

/// The DOT text `args` ask for, and how many edges it draws.
fn dot_text(
    graph: &RelGraph,
    args: &DotArgs,
    as_of: Option<PartialDate>,
) -> Result<(Vec<u8>, usize), Error> {
    let (mut selection, filter, title) = select(graph, &args.diagram, as_of)?;
    if args.color_by.is_some() || args.cluster_by == Some(ClusterBy::Bloc) {
        let bloc_groups = bloc_grouping(graph, &filter);
        if args.color_by == Some(ColorBy::Bloc) {
            selection.fills = Some(bloc_groups.clone());
        }
        if args.cluster_by == Some(ClusterBy::Bloc) {
            selection.clusters = Some(bloc_groups);
        }
    }
    if args.cluster_by == Some(ClusterBy::Kind) {
        selection.clusters = Some(Grouping::by_kind(graph));
    }
    let style = DotExport {
        title,
        rankdir: args.diagram.rankdir,
        legend: !args.no_legend,
        links_to: None,
    };
    let bytes = style.export(&DiagramOf {
        graph,
        diagram: &selection,
    })?;
    Ok((bytes, selection.edges.len()))
}

fn dot(graph: &RelGraph, args: DotArgs, as_of: Option<PartialDate>) -> Result<(), Error> {
    let (bytes, _) = dot_text(graph, &args, as_of)?;
    emit(&bytes, args.diagram.out.as_deref())
}

fn render_image(
    graph: &RelGraph,
    args: RenderArgs,
    as_of: Option<PartialDate>,
) -> Result<(), Error> {
    let out = args.dot.diagram.out.as_deref();
    let (text, edges) = match &args.input {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            let edges = String::from_utf8_lossy(&bytes).matches("->").count();
            (bytes, edges)
        }
        None => dot_text(graph, &args.dot, as_of)?,
    };
    let options = RenderOptions {
        format: args
            .format
            .or_else(|| out.and_then(ImageFormat::from_extension))
            .unwrap_or(ImageFormat::Svg),
        layout: args.layout,
        timeout: Duration::from_secs(args.timeout),
        ..RenderOptions::default()
    };
    let rendered = render(&String::from_utf8_lossy(&text), edges, &options)?;
    for note in &rendered.notes {
        eprintln!("note: {note}");
    }
    emit(&rendered.bytes, out)
}

fn export(graph: &RelGraph, args: ExportArgs, as_of: Option<PartialDate>) -> Result<(), Error> {
    let (selection, _, title) = select(graph, &args.diagram, as_of)?;
    let bytes = match args.format {
        DiagramFormat::Mermaid => MermaidExport {
            title,
            rankdir: args.diagram.rankdir,
        }
        .export(&DiagramOf {
            graph,
            diagram: &selection,
        })?,
    };
    emit(&bytes, args.diagram.out.as_deref())
}

/// Writes `bytes` to `out` atomically, or to stdout.
fn emit(bytes: &[u8], out: Option<&Path>) -> Result<(), Error> {
    match out {
        Some(path) => write_atomic(path, bytes),
        None => print(bytes),
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
