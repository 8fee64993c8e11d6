//! The diagram commands: `dot` and `render` (SVG, PNG,
//! PDF), which share what to draw ([`DiagramConfig`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::analysis::blocs::bloc_grouping;
use crate::cli::args::{ClusterBy, ColorBy, DiagramArgs, DotArgs, RenderArgs};
use crate::cli::output::{emit, emit_with};
use crate::cli::session::{Globals, Session};
use crate::error::{Error, Usage};
use crate::export::Export;
use crate::export::dot::DotExport;
use crate::export::scene::scene;
use crate::graph::{Filter, Grouping};
use crate::query::diagram::{Detail, Diagram, DiagramOf, DiagramSpec, RankDir, diagram};
use crate::render::scene::Scene;
use crate::render::{ImageFormat, RenderOptions, count_edges, render};

/// What a diagram shows, under which title, and where it goes.
pub struct DiagramConfig {
    /// The entities and relations to draw.
    pub selection: Diagram,
    /// The relations drawn.
    pub filter: Filter,
    /// Title above the diagram.
    pub title: String,
    /// Layout direction.
    pub rankdir: RankDir,
    /// The file to write, or stdout.
    pub out: Option<PathBuf>,
}

impl DiagramConfig {
    /// Selects what `args` ask to draw; nothing to draw is an error.
    pub fn new(session: &Session, args: &DiagramArgs) -> Result<Self, Error> {
        session.ensure_not_input(args.out.as_deref())?;
        let filter = session.filter(&args.filter)?;
        let ego = args
            .ego
            .as_deref()
            .map(|name| session.entity(name))
            .transpose()?;
        let spec = DiagramSpec {
            ego,
            radius: args.radius,
            detail: match (args.merge, args.expand) {
                (true, _) => Detail::Merge,
                (_, true) => Detail::Expand,
                _ => Detail::Auto,
            },
        };
        let selection = diagram(&session.graph, &filter, spec);
        if selection.has_no_relation() {
            let whose = match ego {
                Some(e) => format!("{} has no relations", session.describe(e)),
                None => "no relations".to_owned(),
            };
            return Err(Error::NothingMatches {
                what: format!("{whose} matching these filters: nothing to draw"),
            });
        }
        let data = &session.graph.data;
        let title = args.title.clone().unwrap_or_else(|| match ego {
            Some(e) => format!("{} and its partners", data.entity(e).name),
            None => data.doc.title.clone(),
        });
        Ok(DiagramConfig {
            selection,
            filter,
            title,
            rankdir: args.rankdir.unwrap_or_default(),
            out: args.out.clone(),
        })
    }
}

/// What `dot` was asked: the diagram and how to paint it.
pub struct DotConfig {
    /// What to draw.
    pub diagram: DiagramConfig,
    /// Whether to draw the legend.
    pub legend: bool,
}

impl DotConfig {
    /// Checks the options of `dot`, grouping entities as asked.
    pub fn new(session: &Session, args: &DotArgs) -> Result<Self, Error> {
        let mut config = DiagramConfig::new(session, &args.diagram)?;
        let graph = &session.graph;
        let blocs = || bloc_grouping(graph, &config.filter);
        let fills = args.color_by.map(|ColorBy::Bloc| blocs());
        let clusters = args.cluster_by.map(|by| match by {
            ClusterBy::Bloc => blocs(),
            ClusterBy::Kind => Grouping::by_kind(graph),
        });
        config.selection = config.selection.grouped(fills, clusters);
        Ok(DotConfig {
            diagram: config,
            legend: !args.no_legend,
        })
    }

    /// The same diagram for the built-in renderer.
    fn scene(&self, session: &Session) -> Scene {
        scene(
            &DiagramOf {
                graph: &session.graph,
                diagram: &self.diagram.selection,
            },
            &self.diagram.title,
            None,
            self.legend,
        )
    }

    /// The DOT exporter.
    fn exporter(&self) -> DotExport {
        DotExport {
            title: self.diagram.title.clone(),
            rankdir: self.diagram.rankdir,
            legend: self.legend,
            links_to: None,
        }
    }

    /// The DOT text.
    fn text(&self, session: &Session) -> Result<Vec<u8>, Error> {
        self.exporter().export(&DiagramOf {
            graph: &session.graph,
            diagram: &self.diagram.selection,
        })
    }
}

/// Runs `dot`.
pub fn run_dot(globals: &Globals, args: DotArgs) -> Result<(), Error> {
    let session = globals.load(false)?;
    let config = DotConfig::new(&session, &args)?;
    let diagram = DiagramOf {
        graph: &session.graph,
        diagram: &config.diagram.selection,
    };
    let exporter = config.exporter();
    emit_with(config.diagram.out.as_deref(), |out| {
        exporter.write_to(&diagram, out)
    })
}

/// What `render` was asked: which DOT, drawn how, written where.
pub struct RenderConfig {
    /// A DOT file to render instead of drawing the graph.
    pub input: Option<PathBuf>,
    /// Format, layout and time limit.
    pub options: RenderOptions,
    /// The file to write, or stdout.
    pub out: Option<PathBuf>,
}

impl RenderConfig {
    /// Checks the options of `render`: the format comes from `--format`, else
    /// from the `--out` extension, else SVG; with `--in`, no option that
    /// chooses what to draw applies.
    pub fn new(globals: &Globals, args: &RenderArgs) -> Result<Self, Error> {
        let out = args.dot.diagram.out.clone();
        if let Some(input) = &args.input {
            refuse_drawing_options(globals, &args.dot)?;
            if let Some(out) = &out
                && same_file(input, out)
            {
                return Err(Usage::OutIsTheDotInput(out.clone()).into());
            }
        }
        let format = match (args.format, &out) {
            (Some(format), _) => format,
            (None, Some(out)) => ImageFormat::from_extension(out)
                .ok_or_else(|| Usage::UnknownImageExtension(out.clone()))?,
            (None, None) => ImageFormat::Svg,
        };
        Ok(RenderConfig {
            input: args.input.clone(),
            options: RenderOptions {
                format,
                layout: args.layout,
                timeout: Duration::from_secs(args.timeout),
                ..RenderOptions::default()
            },
            out,
        })
    }
}

/// With `--in FILE.dot` nothing is drawn from a graph: options that say what
/// to draw would be ignored, so they are refused.
fn refuse_drawing_options(globals: &Globals, args: &DotArgs) -> Result<(), Error> {
    let why = "it renders the DOT file given with --in and reads no graph";
    globals.refuse_graph("render --in", why)?;
    globals.refuse_as_of("render --in", why)?;
    globals.refuse_cache("render --in", why)?;
    let diagram = &args.diagram;
    let given = [
        ("--ego", diagram.ego.is_some()),
        ("--type", !diagram.filter.types.is_empty()),
        ("--polarity", diagram.filter.polarity.is_some()),
        ("--merge", diagram.merge),
        ("--expand", diagram.expand),
        ("--rankdir", diagram.rankdir.is_some()),
        ("--title", diagram.title.is_some()),
        ("--no-legend", args.no_legend),
        ("--color-by", args.color_by.is_some()),
        ("--cluster-by", args.cluster_by.is_some()),
    ];
    match given.iter().find(|(_, given)| *given) {
        Some((option, _)) => Err(Usage::IgnoredOption {
            option,
            command: "render --in",
            why: Some(why.to_owned()),
        }
        .into()),
        None => Ok(()),
    }
}

/// Whether two paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Runs `render`.
pub fn run_render(globals: &Globals, args: RenderArgs) -> Result<(), Error> {
    let config = RenderConfig::new(globals, &args)?;
    let (text, edges, scene) = match &config.input {
        Some(path) => {
            let (text, edges) = dot_file(path)?;
            (text, edges, None)
        }
        None => {
            let session = globals.load_every_record("render")?;
            let dot = DotConfig::new(&session, &args.dot)?;
            let edges = dot.diagram.selection.line_count();
            let text = String::from_utf8_lossy(&dot.text(&session)?).into_owned();
            (text, edges, Some(dot.scene(&session)))
        }
    };
    let rendered = render(&text, edges, scene.as_ref(), &config.options)?;
    for note in &rendered.notes {
        crate::stderr_line!("note: {note}");
    }
    emit(&rendered.bytes, config.out.as_deref())
}

/// The text of a DOT file and how many edges it draws.
fn dot_file(path: &Path) -> Result<(String, usize), Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let edges = count_edges(&text);
    Ok((text, edges))
}
