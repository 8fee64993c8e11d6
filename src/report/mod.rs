//! `relgraph report`: a folder that holds a complete analyst's report.
//!
//! - `graph.dot` + `graph.svg`: the whole graph, legend included;
//! - `blocs.dot` + `.svg`: the same, clustered and coloured by bloc;
//! - `ego-<id>.dot` + `.svg`: each entity with its partners (radius 1);
//! - `type-<id>.dot` + `.svg`: the relations of each type in use;
//! - `report.md` and `report.html`: the findings (see [`content`]), the
//!   HTML self-contained with the SVGs inline;
//! - `manifest.json`: every file with its SHA-256, the input graph's
//!   SHA-256, the relgraph version and the renderer.
//!
//! Diagram nodes link to their entity's section of `report.html`. File names
//! are made safe from ids. Files are built in memory, then written by
//! [`folder`]: locked, built beside the old report and swapped in at once,
//! removing only files relgraph provably wrote.

pub mod analyses;
pub mod citations;
pub mod content;
pub mod earlier;
pub mod folder;
pub mod manifest;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use self::analyses::Analyses;
use self::content::{Figures, Setup};
use self::earlier::Earlier;
use self::manifest::Drawn;
use crate::error::Error;
use crate::export::Export;
use crate::export::dot::DotExport;
use crate::export::html::{HtmlDocument, HtmlExport, REPORT_PAGE};
use crate::export::markdown::MarkdownExport;
use crate::export::mermaid::MermaidExport;
use crate::export::scene::scene;
use crate::files::{safe_stem, sha256_hex};
use crate::graph::Grouping;
use crate::graph::{Filter, RelGraph};
use crate::query::diagram::{Diagram, DiagramSpec, diagram};
use crate::query::diagram::{DiagramOf, RankDir};
use crate::query::verify::EvidenceSummary;
use crate::render::{ImageFormat, RenderNote, RenderOptions, Rendered, SFDP_ABOVE_EDGES, render};
pub use folder::{Written, write};
pub use manifest::MANIFEST;

/// The files a reader opens first, in that order: the page, the Markdown
/// report and the whole graph.
pub const MAIN_FILES: [&str; 3] = [REPORT_PAGE, "report.md", "graph.svg"];

/// The fewest relations of a type that get a diagram of their own: fewer
/// are as clear in the tables.
pub const MIN_TYPE_RELATIONS: usize = 3;

/// A file of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFile {
    /// File name inside the report folder.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// What to put in a report, and how to draw it.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// Title of the report and its diagrams; the graph's title when absent.
    pub title: Option<String>,
    /// The input graph's name, as shown to readers.
    pub origin: String,
    /// SHA-256 of the input graph, in hex.
    pub input_sha256: String,
    /// How to render the SVGs.
    pub render: RenderOptions,
    /// Fail when a diagram cannot be drawn, instead of leaving it out.
    pub strict: bool,
    /// The drawings already in the report folder, kept where their DOT is
    /// unchanged (see [`earlier`]); empty to draw everything.
    pub earlier: Earlier,
    /// How the graph's quotes fared against their sources' texts
    /// (`relgraph verify`), for the Evidence section.
    pub verification: EvidenceSummary,
}

/// A drawing of the report: made now, or kept from the earlier report.
struct Image {
    rendered: Rendered,
    renderer: String,
    kept: bool,
}

/// A built report: its files in order, the manifest last, and notes for
/// the user (how the SVGs were drawn).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The files.
    pub files: Vec<ReportFile>,
    /// Notes for stderr, each once.
    pub notes: Vec<String>,
    /// Diagrams that could not be drawn (their DOT is written, their SVG
    /// left out, the report says so), each as `file: why`.
    pub undrawn: Vec<String>,
}

/// One diagram of the report.
struct Drawing {
    stem: String,
    title: String,
    selection: Diagram,
    rankdir: RankDir,
}

/// Builds every file of the report of the relations `filter` admits.
pub fn build(graph: &RelGraph, filter: &Filter, config: &ReportConfig) -> Result<Report, Error> {
    let title = config
        .title
        .clone()
        .unwrap_or_else(|| graph.data.doc.title.clone());
    let analyses = Analyses::compute(graph, filter);
    let (drawings, figures) = drawings(graph, filter, &title, &analyses.blocs.grouping(graph));
    let dots = drawings
        .iter()
        .map(|d| dot_of(graph, d))
        .collect::<Result<Vec<_>, _>>()?;
    let dot_hashes: Vec<String> = dots.iter().map(|dot| sha256_hex(dot)).collect();
    let current = crate::render::renderer_name(&config.render.program);
    // In report order, so that the first failure reported is the first diagram's.
    let rendered: Vec<Result<Image, Error>> = drawings
        .par_iter()
        .zip(&dots)
        .zip(&dot_hashes)
        .map(|((d, dot), hash)| image(graph, d, dot, hash, config, &current))
        .collect();
    let notes = notes(&rendered);
    let mut figures = figures;
    let mut files = Vec::new();
    let mut images = BTreeMap::new();
    let mut drawn = BTreeMap::new();
    let mut undrawn = Vec::new();
    let drawn_from = dots.into_iter().zip(dot_hashes);
    for ((drawing, (dot, dot_sha256)), image) in drawings.iter().zip(drawn_from).zip(rendered) {
        let name = format!("{}.svg", drawing.stem);
        files.push(ReportFile {
            name: format!("{}.dot", drawing.stem),
            bytes: dot,
        });
        match image {
            Ok(image) => {
                drawn.insert(
                    name.clone(),
                    Drawn {
                        dot_sha256,
                        renderer: image.renderer,
                    },
                );
                images.insert(name.clone(), image.rendered.bytes.clone());
                files.push(ReportFile {
                    name,
                    bytes: image.rendered.bytes,
                });
            }
            Err(err) if config.strict => return Err(err),
            Err(err) => {
                let reason = match &err {
                    Error::Drawing { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                figures.undrawn.insert(name, reason);
                undrawn.push(err.to_string());
            }
        }
    }
    let mermaid = MermaidExport {
        title: title.clone(),
        rankdir: RankDir::Lr,
    }
    .export(&DiagramOf {
        graph,
        diagram: &drawings[0].selection,
    })?;
    let setup = Setup {
        title: &title,
        origin: &config.origin,
        input_sha256: &config.input_sha256,
        figures: &figures,
        mermaid: &String::from_utf8_lossy(&mermaid),
        verification: &config.verification,
    };
    let document = content::document(graph, filter, &setup, &analyses);
    files.push(ReportFile {
        name: "report.md".into(),
        bytes: MarkdownExport.export(&document)?,
    });
    files.push(ReportFile {
        name: REPORT_PAGE.into(),
        bytes: HtmlExport.export(&HtmlDocument {
            document: &document,
            images: &images,
        })?,
    });
    let manifest = manifest::build(&files, &config.input_sha256, &drawn, &current)?;
    files.push(manifest);
    Ok(Report {
        files,
        notes,
        undrawn,
    })
}

/// The drawing of `d`, whose DOT text is `dot` (SHA-256 `dot_sha256`):
/// kept from the earlier report when that holds it drawn from the same DOT,
/// else drawn now by `current`.
fn image(
    graph: &RelGraph,
    d: &Drawing,
    dot: &[u8],
    dot_sha256: &str,
    config: &ReportConfig,
    current: &str,
) -> Result<Image, Error> {
    let name = format!("{}.svg", d.stem);
    if let Some(kept) = config.earlier.reusable(&name, dot_sha256, current) {
        return Ok(Image {
            rendered: Rendered {
                bytes: kept.bytes,
                notes: Vec::new(),
            },
            renderer: kept.renderer,
            kept: true,
        });
    }
    let scene = scene(
        &DiagramOf {
            graph,
            diagram: &d.selection,
        },
        &d.title,
        Some(REPORT_PAGE),
        true,
    );
    let rendered = render(
        &String::from_utf8_lossy(dot),
        d.selection.line_count(),
        Some(&scene),
        &svg(config),
    )
    .map_err(|err| Error::Drawing {
        file: name,
        source: Box::new(err),
    })?;
    Ok(Image {
        rendered,
        renderer: current.to_owned(),
        kept: false,
    })
}

/// What the user should know about how the drawings were made: the
/// renderers' notes, then how many drawings were kept and who drew them.
fn notes(images: &[Result<Image, Error>]) -> Vec<String> {
    let made = images.iter().flatten();
    let mut lines = summarise_notes(made.clone().flat_map(|i| &i.rendered.notes));
    let kept: BTreeSet<&str> = made
        .clone()
        .filter(|i| i.kept)
        .map(|i| match i.renderer.as_str() {
            "built-in" => "the built-in renderer",
            graphviz => graphviz,
        })
        .collect();
    let count = made.filter(|i| i.kept).count();
    if count > 0 {
        lines.push(format!(
            "kept {} of the earlier report, drawn by {}: their DOT is unchanged \
             (--redraw draws them again)",
            crate::diagnostic::plural(count, "drawing"),
            kept.into_iter().collect::<Vec<_>>().join(" and ")
        ));
    }
    lines
}

/// The renderers' notes on all diagrams as a few lines: the built-in
/// renderer once, the diagrams laid out with `sfdp` counted.
fn summarise_notes<'a>(notes: impl Iterator<Item = &'a RenderNote>) -> Vec<String> {
    let mut built_in = BTreeSet::new();
    let mut sfdp = 0;
    for note in notes {
        match note {
            RenderNote::Sfdp { .. } => sfdp += 1,
            RenderNote::BuiltIn { .. } => {
                built_in.insert(note.to_string());
            }
        }
    }
    let mut lines: Vec<String> = built_in.into_iter().collect();
    if sfdp > 0 {
        lines.push(format!(
            "{sfdp} of the diagrams have more than {SFDP_ABOVE_EDGES} edges: laid out with sfdp"
        ));
    }
    lines
}

fn svg(config: &ReportConfig) -> RenderOptions {
    RenderOptions {
        format: ImageFormat::Svg,
        ..config.render.clone()
    }
}

/// Every diagram of the report, with unique file stems, and the figure
/// names the report's text refers to.
fn drawings(
    graph: &RelGraph,
    filter: &Filter,
    title: &str,
    bloc_groups: &Grouping,
) -> (Vec<Drawing>, Figures) {
    let doc = &graph.data.doc;
    let mut used = HashSet::new();
    let mut stem = |base: String| unique_stem(&mut used, &base);
    let mut drawings = vec![
        Drawing {
            stem: stem("graph".into()),
            title: title.to_owned(),
            selection: diagram(graph, filter, DiagramSpec::default()),
            rankdir: RankDir::Tb,
        },
        Drawing {
            stem: stem("blocs".into()),
            title: "Blocs: who sides with whom".to_owned(),
            selection: bloc_diagram(graph, filter, bloc_groups),
            rankdir: RankDir::Tb,
        },
    ];
    let mut figures = Figures {
        graph: format!("{}.svg", drawings[0].stem),
        blocs: format!("{}.svg", drawings[1].stem),
        ..Figures::default()
    };
    for (index, entity) in graph.data.entity_indices().zip(doc.entities.iter()) {
        let spec = DiagramSpec {
            ego: Some(index),
            radius: 1,
            ..DiagramSpec::default()
        };
        let drawing = Drawing {
            stem: stem(format!("ego-{}", safe_stem(&entity.id))),
            title: format!("{} and its partners", entity.name),
            selection: diagram(graph, filter, spec),
            rankdir: RankDir::Tb,
        };
        figures.ego.push(format!("{}.svg", drawing.stem));
        drawings.push(drawing);
    }
    for (index, relation_type) in graph.data.type_indices().zip(doc.relation_types.iter()) {
        let only = Filter {
            types: vec![index],
            ..filter.clone()
        };
        let selection = diagram(graph, &only, DiagramSpec::default());
        if selection.relation_count() < MIN_TYPE_RELATIONS {
            figures.types.push(None);
            continue;
        }
        let drawing = Drawing {
            stem: stem(format!("type-{}", safe_stem(&relation_type.id))),
            title: format!("{} relations", relation_type.label),
            selection,
            rankdir: RankDir::Tb,
        };
        figures.types.push(Some(format!("{}.svg", drawing.stem)));
        drawings.push(drawing);
    }
    (drawings, figures)
}

fn dot_of(graph: &RelGraph, drawing: &Drawing) -> Result<Vec<u8>, Error> {
    let style = DotExport {
        title: drawing.title.clone(),
        rankdir: drawing.rankdir,
        legend: true,
        links_to: Some(REPORT_PAGE.to_owned()),
    };
    style.export(&DiagramOf {
        graph,
        diagram: &drawing.selection,
    })
}

/// The whole graph clustered and coloured by the blocs `groups`.
fn bloc_diagram(graph: &RelGraph, filter: &Filter, groups: &Grouping) -> Diagram {
    diagram(graph, filter, DiagramSpec::default())
        .grouped(Some(groups.clone()), Some(groups.clone()))
}

/// `stem`, or `stem-2`, `stem-3` … if an earlier file took the name (names
/// that differ only in case clash too, for case-insensitive file systems).
fn unique_stem(used: &mut HashSet<String>, stem: &str) -> String {
    let mut name = stem.to_owned();
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{stem}-{n}");
        n += 1;
    }
    name
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::tests::small;

    /// A report of `graph` drawn by the built-in renderer (no Graphviz).
    pub(crate) fn built(graph: &RelGraph) -> Report {
        let config = ReportConfig {
            title: None,
            origin: "small.json".into(),
            input_sha256: "00".repeat(32),
            render: RenderOptions {
                program: "relgraph-test-no-such-graphviz".into(),
                ..RenderOptions::default()
            },
            strict: false,
            earlier: Earlier::default(),
            verification: EvidenceSummary::default(),
        };
        build(graph, &Filter::default(), &config).unwrap()
    }

    #[test]
    fn every_diagram_comes_as_dot_and_svg_then_the_reports_and_manifest() {
        let report = built(&small());
        let names: Vec<&str> = report.files.iter().map(|f| f.name.as_str()).collect();
        let diagrams = ["graph", "blocs", "ego-A", "ego-B", "ego-C"];
        // Each type has fewer than MIN_TYPE_RELATIONS relations: no type diagram.
        let mut expected: Vec<String> = diagrams
            .iter()
            .flat_map(|d| [format!("{d}.dot"), format!("{d}.svg")])
            .collect();
        expected.extend(["report.md", "report.html", "manifest.json"].map(String::from));
        assert_eq!(names, expected);
        assert!(
            report.notes[0].contains("built-in renderer"),
            "{:?}",
            report.notes
        );
    }

    #[test]
    fn sfdp_layouts_are_counted_and_the_built_in_renderer_said_once() {
        let built_in = RenderNote::BuiltIn {
            program: "dot".into(),
        };
        let notes = [
            RenderNote::Sfdp { edges: 300 },
            built_in.clone(),
            RenderNote::Sfdp { edges: 400 },
            built_in.clone(),
        ];
        assert_eq!(
            summarise_notes(notes.iter()),
            [
                built_in.to_string(),
                format!(
                    "2 of the diagrams have more than {SFDP_ABOVE_EDGES} edges: laid out with sfdp"
                )
            ]
        );
    }

    #[test]
    fn diagram_nodes_link_to_entity_sections() {
        let report = built(&small());
        let dot = String::from_utf8(report.files[0].bytes.clone()).unwrap();
        assert!(dot.contains("URL=\"report.html#entity-A\""), "{dot}");
        let md = String::from_utf8(report.files[report.files.len() - 3].bytes.clone()).unwrap();
        assert!(md.contains("<a id=\"entity-A\"></a>\n### Alpha\n"), "{md}");
    }

    #[test]
    fn clashing_names_get_a_suffix() {
        let mut used = HashSet::new();
        assert_eq!(unique_stem(&mut used, "ego-a_b"), "ego-a_b");
        assert_eq!(unique_stem(&mut used, "ego-A_B"), "ego-A_B-2");
    }
}
