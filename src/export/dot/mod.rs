//! Graphviz DOT diagrams of a [`Diagram`] selection.
//!
//! Nodes are labelled with entity names and shaped by kind. Edges are
//! coloured by relation type, styled by polarity (cooperative solid, hostile
//! dashed, neutral dotted), drawn without arrowheads for undirected types,
//! as thick as their weight, labelled with the type (and year), and carry the
//! evidence translation as a tooltip. A legend cluster explains it all.
//! Output is deterministic: the same input gives the same bytes.

pub mod writer;

use dot_writer::{DotWriter, Scope};

use self::writer::{quote, set, set_all};
use super::Export;
use super::document::anchor;
use super::look::{EdgeLook, edge_look, net_color, type_color};
use crate::error::Error;
use crate::graph::RelGraph;
use crate::model::{EntityIx, Kind, Polarity, TypeIx};
use crate::query::diagram::{Diagram, DiagramEdge, DiagramOf, RankDir};

/// Light node fills for groups (blocs), by group index.
pub const GROUP_FILLS: [&str; 8] = [
    "#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99", "#8dd3c7", "#d9d9d9",
];

const FONT: &str = "Helvetica";

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
        let mut bytes = Vec::new();
        {
            let mut writer = DotWriter::from(&mut bytes);
            let mut graph = writer.digraph();
            self.header(&mut graph);
            let painter = Painter {
                graph: input.graph,
                diagram: input.diagram,
                links_to: self.links_to.as_deref(),
            };
            painter.nodes(&mut graph);
            for edge in &input.diagram.edges {
                painter.edge(&mut graph, edge);
            }
            if self.legend && !input.diagram.nodes.is_empty() {
                painter.legend(&mut graph);
            }
        }
        Ok(bytes)
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
                ("labelloc", "t"),
                ("fontname", FONT),
                ("fontsize", "16"),
                ("rankdir", rankdir),
                ("nodesep", "0.4"),
                ("ranksep", "0.9"),
            ],
        );
        set_all(
            &mut graph.node_attributes(),
            &[
                ("fontname", FONT),
                ("fontsize", "11"),
                ("style", "filled"),
                ("fillcolor", "#f7f7f7"),
            ],
        );
        set_all(
            &mut graph.edge_attributes(),
            &[("fontname", FONT), ("fontsize", "9")],
        );
    }
}

/// Draws nodes and edges of one diagram.
struct Painter<'a> {
    graph: &'a RelGraph,
    diagram: &'a Diagram,
    links_to: Option<&'a str>,
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
        let is_ego = self.diagram.ego == Some(index);
        let entity = self.graph.data.entity(index);
        let tooltip = match &entity.description {
            Some(description) => format!("{} ({}): {description}", entity.name, entity.id),
            None => format!("{} ({}), {}", entity.name, entity.id, entity.kind.as_str()),
        };
        let mut node = scope.node_named(quote(&entity.id));
        let (shape, style) = kind_shape(entity.kind);
        set_all(
            &mut *node,
            &[
                ("label", &entity.name),
                ("shape", shape),
                ("style", style),
                ("tooltip", &tooltip),
            ],
        );
        if let Some(page) = self.links_to {
            set(
                &mut *node,
                "URL",
                &format!("{page}#{}", anchor("entity", &entity.id)),
            );
        }
        if let Some(fill) = self.fill(index) {
            set(&mut *node, "fillcolor", fill);
        }
        if is_ego {
            set_all(&mut *node, &[("fillcolor", "#ffe08a"), ("penwidth", "2")]);
        }
    }

    /// The fill colour of an entity's group, when nodes are coloured by group.
    fn fill(&self, index: EntityIx) -> Option<&'static str> {
        let fills = self.diagram.fills.as_ref()?;
        let group = fills.group_of(index)?;
        Some(GROUP_FILLS[group as usize % GROUP_FILLS.len()])
    }

    fn edge(&self, scope: &mut Scope, edge: &DiagramEdge) {
        let data = &self.graph.data;
        let look = edge_look(self.graph, edge, self.diagram.merged);
        draw_edge(
            scope,
            quote(&data.entity(edge.source).id),
            quote(&data.entity(edge.target).id),
            &look,
        );
    }

    fn legend(&self, scope: &mut Scope) {
        let diagram = self.diagram;
        let prefix = legend_prefix(self.graph);
        let mut cluster = scope.cluster();
        set_all(
            &mut cluster,
            &[
                ("label", "Legend"),
                ("fontsize", "11"),
                ("style", "rounded"),
                ("color", "#bbbbbb"),
            ],
        );
        for (n, look) in self.legend_entries(diagram).iter().enumerate() {
            legend_edge(&mut cluster, &format!("{prefix}{n}"), look);
        }
        if let Some(fills) = &diagram.fills {
            for (g, name) in fills.names.iter().enumerate() {
                let mut node = cluster.node_named(quote(&format!("{prefix}group {g}")));
                let fill = GROUP_FILLS[g % GROUP_FILLS.len()];
                set_all(
                    &mut *node,
                    &[
                        ("label", name),
                        ("shape", "box"),
                        ("style", "filled"),
                        ("fillcolor", fill),
                    ],
                );
            }
        }
        // Kinds come after the edges so that they sit below them, not beside.
        let mut kinds: Vec<Kind> = diagram
            .nodes
            .iter()
            .map(|&e| self.graph.data.entity(e).kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        for kind in kinds {
            let (shape, style) = kind_shape(kind);
            let mut node = cluster.node_named(quote(&format!("{prefix}kind {}", kind.as_str())));
            set_all(
                &mut *node,
                &[("label", kind.as_str()), ("shape", shape), ("style", style)],
            );
        }
    }

    fn legend_entries(&self, diagram: &Diagram) -> Vec<EdgeLook> {
        if diagram.merged {
            return Polarity::ALL
                .into_iter()
                .map(|polarity| EdgeLook {
                    label: format!("net {}", polarity.as_str()),
                    color: net_color(polarity).to_owned(),
                    polarity,
                    weight: 1.0,
                    tooltip: None,
                    directed: true,
                })
                .collect();
        }
        let data = &self.graph.data;
        let mut kinds: Vec<TypeIx> = diagram
            .edges
            .iter()
            .flat_map(|e| e.relations.iter().map(|&i| data.link(i).relation_type))
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
            .into_iter()
            .map(|kind| {
                let relation_type = data.type_at(kind);
                EdgeLook {
                    label: format!(
                        "{} ({})",
                        relation_type.label,
                        relation_type.polarity.as_str()
                    ),
                    color: type_color(self.graph, kind),
                    polarity: relation_type.polarity,
                    weight: 1.0,
                    tooltip: None,
                    directed: relation_type.directed,
                }
            })
            .collect()
    }
}

fn draw_edge(scope: &mut Scope, from: String, to: String, look: &EdgeLook) {
    let mut attributes = scope.edge(from, to).attributes();
    set_all(
        &mut attributes,
        &[
            ("label", &look.label),
            ("color", &look.color),
            ("fontcolor", &look.color),
            ("style", polarity_style(look.polarity)),
            ("penwidth", &look.pen_width()),
        ],
    );
    if let Some(tooltip) = &look.tooltip {
        set(&mut attributes, "tooltip", tooltip);
    }
    if !look.directed {
        set(&mut attributes, "dir", "none");
    }
}

/// A legend entry: an edge between two small points, drawn like `look`.
fn legend_edge(scope: &mut Scope, id: &str, look: &EdgeLook) {
    let (tail, head) = (quote(&format!("{id} tail")), quote(&format!("{id} head")));
    for node_id in [&tail, &head] {
        let mut node = scope.node_named(node_id.clone());
        set_all(
            &mut *node,
            &[
                ("shape", "point"),
                ("style", "invis"),
                ("width", "0.01"),
                ("label", ""),
            ],
        );
    }
    draw_edge(scope, tail, head, look);
}

/// A prefix for legend node ids that no entity id starts with.
fn legend_prefix(graph: &RelGraph) -> String {
    let mut prefix = String::from("legend:");
    while graph
        .data
        .doc
        .entities
        .iter()
        .any(|e| e.id.starts_with(&prefix))
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
        let text = dot(DiagramSpec::default());
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
        assert!(text.contains(r#"label="Legend""#), "{text}");
    }

    #[test]
    fn merged_edges_are_coloured_by_net_polarity() {
        let text = dot(DiagramSpec {
            merge: true,
            ..DiagramSpec::default()
        });
        assert!(text.contains(r#"label="net hostile""#), "{text}");
    }

    #[test]
    fn pen_width_grows_with_weight() {
        let look = |weight| EdgeLook {
            weight,
            ..EdgeLook::default()
        };
        assert_eq!(look(1.0).pen_width(), "1.75");
        assert_eq!(look(100.0).pen_width(), "5.75");
    }
}
