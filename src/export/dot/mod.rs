//! Graphviz DOT diagrams of a [`Diagram`] selection.
//!
//! Nodes are labelled with entity names and shaped by kind. Edges are
//! coloured by relation type (by net polarity when merged), styled by
//! polarity (cooperative solid, hostile dashed, neutral dotted), drawn
//! without arrowheads for undirected types, as thick as their weight (or
//! relation count), labelled with the type and year (a compact list when
//! merged), and carry who does what to whom with the evidence as a tooltip.
//! A compact legend node beside the graph explains what this diagram shows.
//! Every element has a tooltip, so no Graphviz internal name is shown.
//! Output is deterministic: the same input gives the same bytes.

pub mod legend;
pub mod writer;

use dot_writer::{DotWriter, Scope};

use std::cell::RefCell;
use std::io::{self, Write};

use self::writer::{Shared, Unfailing, quote, set, set_all, write_edge};
use super::document::anchor;
use super::legend::legend;
use super::look::{EdgeLook, NODE_FILL, edge_look, junction_look, node_look};
use super::{Export, write_blocks, written};
use crate::error::Error;
use crate::graph::RelGraph;
use crate::model::{EntityIx, Kind, Polarity};
use crate::query::diagram::{Diagram, DiagramEdge, DiagramOf, Junction, RankDir};

const FONT: &str = "Helvetica";

/// About how many bytes an edge statement takes, to size a block's text
/// once (a merged edge with a long tooltip takes more; the text then grows).
const EDGE_BYTES: usize = 320;

/// How to draw a diagram.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DotExport {
    /// Title shown above the diagram.
    pub title: String,
    /// Layout direction.
    pub rankdir: RankDir,
    /// Whether to draw the legend.
    pub legend: bool,
    /// A page with a section per entity: nodes link to `page#entity-ID`
    /// (see [`anchor`]), so SVG renderings are clickable.
    pub links_to: Option<String>,
}

impl Export<DiagramOf<'_>> for DotExport {
    fn export(&self, input: &DiagramOf<'_>) -> Result<Vec<u8>, Error> {
        written(|out| self.write_to(input, out))
    }

    /// Writes each element as it is made; edges are made on every core, a
    /// block at a time, and written in order between the nodes and the
    /// junctions.
    fn write_to(&self, input: &DiagramOf<'_>, out: &mut dyn Write) -> io::Result<()> {
        let sink = RefCell::new(Unfailing::new(out));
        {
            let mut shared = Shared(&sink);
            let mut writer = DotWriter::from(&mut shared);
            let mut graph = writer.digraph();
            self.header(&mut graph);
            let painter = Painter {
                graph: input.graph,
                diagram: input.diagram,
                links_to: self.links_to.as_deref(),
                ids: quoted_ids(input),
            };
            painter.nodes(&mut graph);
            write_blocks(&mut *sink.borrow_mut(), &input.diagram.edges, |edges| {
                let mut text = Vec::with_capacity(edges.len() * EDGE_BYTES);
                edges.iter().for_each(|edge| painter.edge(&mut text, edge));
                Ok(text)
            })?;
            for (n, junction) in input.diagram.junctions.iter().enumerate() {
                painter.junction(&mut graph, n, junction);
            }
            if self.legend {
                painter.legend(&mut graph, input);
            }
        }
        sink.into_inner().finish()
    }
}

impl DotExport {
    fn header(&self, graph: &mut Scope) {
        let rankdir = match self.rankdir {
            RankDir::Tb => "TB",
            RankDir::Lr => "LR",
        };
        set_all(
            &mut graph.graph_attributes(),
            &[
                ("label", &self.title),
                ("tooltip", &self.title),
                ("labelloc", "t"),
                ("fontname", FONT),
                ("fontsize", "16"),
                ("rankdir", rankdir),
                ("nodesep", "0.15"),
                ("ranksep", "0.4"),
            ],
        );
        set_all(
            &mut graph.node_attributes(),
            &[
                ("fontname", FONT),
                ("fontsize", "12"),
                ("style", "filled"),
                ("fillcolor", NODE_FILL),
            ],
        );
        set_all(
            &mut graph.edge_attributes(),
            &[("fontname", FONT), ("fontsize", "10")],
        );
    }
}

/// Draws nodes and edges of one diagram.
struct Painter<'a> {
    graph: &'a RelGraph,
    diagram: &'a Diagram,
    links_to: Option<&'a str>,
    /// The DOT id of each entity, by entity index.
    ids: Vec<String>,
}

/// The quoted DOT id of each entity of `input`'s graph, by entity index:
/// made once for the many edges that name them.
fn quoted_ids(input: &DiagramOf<'_>) -> Vec<String> {
    let entities = &input.graph.data.doc.entities;
    entities.iter().map(|entity| quote(&entity.id)).collect()
}

impl Painter<'_> {
    /// Every node, inside its cluster when the diagram has clusters.
    fn nodes(&self, scope: &mut Scope) {
        let nodes = &self.diagram.nodes;
        let Some(clusters) = &self.diagram.clusters else {
            nodes.iter().for_each(|&e| self.node(scope, e));
            return;
        };
        for (g, name) in clusters.names.iter().enumerate() {
            let members: Vec<EntityIx> = nodes
                .iter()
                .copied()
                .filter(|&e| clusters.group_of(e) == Some(g as u32))
                .collect();
            if members.is_empty() {
                continue;
            }
            let mut cluster = scope.cluster();
            set_all(
                &mut cluster,
                &[
                    ("label", name),
                    ("tooltip", name),
                    ("style", "rounded,dashed"),
                    ("color", "#999999"),
                ],
            );
            members.iter().for_each(|&e| self.node(&mut cluster, e));
        }
        nodes
            .iter()
            .filter(|&&e| clusters.group_of(e).is_none())
            .for_each(|&e| self.node(scope, e));
    }

    fn node(&self, scope: &mut Scope, index: EntityIx) {
        let look = node_look(
            &DiagramOf {
                graph: self.graph,
                diagram: self.diagram,
            },
            index,
        );
        let entity = self.graph.data.entity(index);
        let mut node = scope.node_named(self.ids[index.index()].as_str());
        let (shape, style) = kind_shape(look.kind);
        set_all(
            &mut *node,
            &[
                ("label", &look.label),
                ("shape", shape),
                ("style", style),
                ("tooltip", &look.tooltip),
            ],
        );
        if let Some(page) = self.links_to {
            set(
                &mut *node,
                "URL",
                &format!("{page}#{}", anchor("entity", &entity.id)),
            );
        }
        if look.fill != NODE_FILL {
            set(&mut *node, "fillcolor", look.fill);
        }
        if look.ego {
            set(&mut *node, "penwidth", "2");
        }
    }

    /// Appends `edge`'s statement to `text` ([`write_edge`]).
    fn edge(&self, text: &mut Vec<u8>, edge: &DiagramEdge) {
        let look = edge_look(self.graph, edge, self.diagram.merged);
        with_edge_attributes(&look, |attributes| {
            write_edge(
                text,
                &self.ids[edge.source.index()],
                &self.ids[edge.target.index()],
                attributes,
            );
        });
    }

    /// A junction: a small dot labelled once, the sources' lines into it
    /// (no arrowhead), its lines out to the targets.
    fn junction(&self, scope: &mut Scope, n: usize, junction: &Junction) {
        let look = junction_look(self.graph, junction, self.diagram.merged);
        let id = quote(&format!("{}{n}", junction_prefix(self.graph)));
        {
            let mut node = scope.node_named(id.clone());
            let tooltip = look.tooltip.clone().unwrap_or_default();
            set_all(
                &mut *node,
                &[
                    ("shape", "point"),
                    ("width", "0.08"),
                    ("color", &look.color),
                    ("xlabel", &look.label),
                    ("fontcolor", &look.font_color()),
                    ("fontsize", "10"),
                    ("tooltip", &tooltip),
                ],
            );
        }
        let inward = EdgeLook {
            label: String::new(),
            directed: false,
            ..look.clone()
        };
        let outward = EdgeLook {
            label: String::new(),
            ..look
        };
        for &source in &junction.sources {
            draw_edge(scope, &self.ids[source.index()], &id, &inward);
        }
        for &target in &junction.targets {
            draw_edge(scope, &id, &self.ids[target.index()], &outward);
        }
    }

    /// The legend node, on the last rank (beside the graph, left to right).
    fn legend(&self, scope: &mut Scope, input: &DiagramOf<'_>) {
        let rows = legend(input);
        if rows.is_empty() {
            return;
        }
        let mut rank = scope.subgraph();
        set(&mut rank, "rank", "sink");
        let mut node = rank.node_named(quote(&legend_id(self.graph)));
        dot_writer::Attributes::set(
            &mut *node,
            "label",
            &format!("<{}>", legend::table(&rows)),
            false,
        );
        set_all(&mut *node, &[("shape", "plain"), ("tooltip", "Legend")]);
    }
}

fn draw_edge(scope: &mut Scope, from: &str, to: &str, look: &EdgeLook) {
    with_edge_attributes(look, |attributes| {
        set_all(&mut scope.edge(from, to).attributes(), attributes);
    });
}

/// Hands `write` the attributes of an edge drawn with `look`, in order.
fn with_edge_attributes<R>(look: &EdgeLook, write: impl FnOnce(&[(&str, &str)]) -> R) -> R {
    let (color, font_color, pen_width) = (strokes(look), look.font_color(), look.pen_width());
    // On the stack, with room for the two optional ones: this runs for
    // each of a million edges.
    let mut attributes = [
        ("label", look.label.as_str()),
        ("color", color.as_str()),
        ("fontcolor", font_color.as_str()),
        ("style", polarity_style(look.polarity)),
        ("penwidth", pen_width.as_str()),
        ("", ""),
        ("", ""),
    ];
    let mut count = 5;
    if let Some(tooltip) = &look.tooltip {
        attributes[count] = ("tooltip", tooltip);
        count += 1;
    }
    if !look.directed {
        attributes[count] = ("dir", "none");
        count += 1;
    }
    write(&attributes[..count])
}

/// The edge colour, repeated with white between for double or triple lines.
fn strokes(look: &EdgeLook) -> String {
    match look.strokes {
        0 | 1 => look.color.clone(),
        n => vec![look.color.as_str(); n].join(":#ffffff:"),
    }
}

/// An id for the legend node that no entity has.
fn legend_id(graph: &RelGraph) -> String {
    unused_prefix(graph, "legend", |id, prefix| id == prefix)
}

/// A prefix for junction ids (`junction:0`, …) that no entity id starts with.
fn junction_prefix(graph: &RelGraph) -> String {
    unused_prefix(graph, "junction:", |id, prefix| id.starts_with(prefix))
}

/// `base`, with `_` put before it until no entity id `clashes` with it.
fn unused_prefix(graph: &RelGraph, base: &str, clashes: impl Fn(&str, &str) -> bool) -> String {
    let mut prefix = base.to_owned();
    while graph
        .data
        .doc
        .entities
        .iter()
        .any(|e| clashes(&e.id, &prefix))
    {
        prefix.insert(0, '_');
    }
    prefix
}

fn kind_shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Country => ("box", "rounded,filled"),
        Kind::Group => ("hexagon", "filled"),
        Kind::Organization => ("component", "filled"),
        Kind::Person => ("ellipse", "filled"),
    }
}

fn polarity_style(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Cooperative => "solid",
        Polarity::Hostile => "dashed",
        Polarity::Neutral => "dotted",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Filter;
    use crate::graph::tests::small;
    use crate::query::diagram::{DiagramSpec, diagram};

    fn dot(spec: DiagramSpec) -> String {
        let g = small();
        let d = diagram(&g, &Filter::default(), spec);
        let style = DotExport {
            title: "T".into(),
            rankdir: RankDir::Lr,
            legend: true,
            links_to: None,
        };
        String::from_utf8(
            style
                .export(&DiagramOf {
                    graph: &g,
                    diagram: &d,
                })
                .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn edges_carry_type_style_and_direction() {
        let text = dot(DiagramSpec {
            detail: crate::query::diagram::Detail::Expand,
            ..DiagramSpec::default()
        });
        assert!(
            text.contains(r#""A" -> "B" [label="alliance (2020)""#),
            "{text}"
        );
        assert!(
            text.contains(r#"style="dashed", penwidth="2.75""#),
            "{text}"
        );
        assert!(text.contains(r#"dir="none""#), "{text}");
        assert!(
            text.contains(r#""A" [label="Alpha", shape="box""#),
            "{text}"
        );
        // Three lines, each labelled with its type: a legend would only repeat them.
        assert!(!text.contains("Legend"), "{text}");
    }

    #[test]
    fn merged_edges_are_coloured_by_net_polarity() {
        let text = dot(DiagramSpec {
            detail: crate::query::diagram::Detail::Merge,
            ..DiagramSpec::default()
        });
        assert!(
            text.contains(r##""A" -> "C" [label="sanction (2022)", color="#cc3311""##),
            "{text}"
        );
        assert!(
            text.contains(r##""C" -> "A" [label="supply", color="#0077bb""##),
            "{text}"
        );
    }

    #[test]
    fn a_clause_fanned_out_is_drawn_through_one_labelled_junction() {
        let g = crate::graph::tests::fan();
        let d = diagram(&g, &Filter::default(), DiagramSpec::default());
        let text = String::from_utf8(
            DotExport::default()
                .export(&DiagramOf {
                    graph: &g,
                    diagram: &d,
                })
                .unwrap(),
        )
        .unwrap();
        assert_eq!(text.matches("deter (2023)").count(), 1, "{text}");
        assert!(text.contains(r#""A" -> "junction:0""#), "{text}");
        assert!(text.contains(r#""junction:0" -> "Y""#), "{text}");
    }
}
