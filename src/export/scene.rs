//! A diagram as a [`Scene`]: the same looks as the DOT output (shapes by
//! kind, colours, line patterns, arrowheads only for directed relations,
//! junctions, the legend), for the built-in renderer to lay out and draw.

use super::document::anchor;
use super::legend::{LegendEntry, legend};
use super::look::{EdgeLook, NODE_FILL, edge_look, junction_look, node_look};
use crate::model::{Kind, Polarity};
use crate::query::diagram::DiagramOf;
use crate::render::scene::{Dash, LegendRow, Scene, SceneEdge, SceneNode, Shape};

/// The scene of `input` under `title`, nodes linking to `links_to#entity-ID`
/// when given, with a legend when `legend`.
pub fn scene(
    input: &DiagramOf<'_>,
    title: &str,
    links_to: Option<&str>,
    legend_wanted: bool,
) -> Scene {
    let (graph, diagram) = (input.graph, input.diagram);
    let mut nodes: Vec<SceneNode> = diagram
        .nodes
        .iter()
        .map(|&e| {
            let look = node_look(input, e);
            SceneNode {
                label: look.label,
                shape: shape(look.kind),
                fill: look.fill.to_owned(),
                pen_width: if look.ego { 2.0 } else { 1.0 },
                tooltip: look.tooltip,
                link: links_to
                    .map(|page| format!("{page}#{}", anchor("entity", &graph.data.entity(e).id))),
            }
        })
        .collect();
    let at = |e| diagram.nodes.iter().position(|&n| n == e).unwrap_or(0);
    let mut edges: Vec<SceneEdge> = diagram
        .edges
        .iter()
        .map(|edge| {
            line(
                at(edge.source),
                at(edge.target),
                &edge_look(graph, edge, diagram.merged),
            )
        })
        .collect();
    for junction in &diagram.junctions {
        let look = junction_look(graph, junction, diagram.merged);
        let hub = nodes.len();
        nodes.push(SceneNode {
            label: look.label.clone(),
            shape: Shape::Junction,
            fill: look.color.clone(),
            pen_width: 0.5,
            tooltip: look.tooltip.clone().unwrap_or_default(),
            link: None,
        });
        let bare = EdgeLook {
            label: String::new(),
            ..look
        };
        let inward = EdgeLook {
            directed: false,
            ..bare.clone()
        };
        edges.extend(junction.sources.iter().map(|&s| line(at(s), hub, &inward)));
        edges.extend(junction.targets.iter().map(|&t| line(hub, at(t), &bare)));
    }
    let legend = if legend_wanted {
        legend(input).iter().map(legend_row).collect()
    } else {
        Vec::new()
    };
    Scene {
        title: title.to_owned(),
        nodes,
        edges,
        legend,
    }
}

fn line(from: usize, to: usize, look: &EdgeLook) -> SceneEdge {
    SceneEdge {
        from,
        to,
        label: look.label.clone(),
        color: look.color.clone(),
        dash: dash(look.polarity),
        pen_width: look.width,
        directed: look.directed,
        tooltip: look.tooltip.clone().unwrap_or_default(),
    }
}

fn legend_row(entry: &LegendEntry) -> LegendRow {
    match entry {
        LegendEntry::Line(look) => LegendRow::Line {
            label: look.label.clone(),
            color: look.color.clone(),
            dash: dash(look.polarity),
            directed: look.directed,
        },
        LegendEntry::Width(text) => LegendRow::Line {
            label: (*text).to_owned(),
            color: "#777777".to_owned(),
            dash: Dash::Solid,
            directed: false,
        },
        LegendEntry::Kind(kind) => LegendRow::Node {
            label: kind.as_str().to_owned(),
            shape: shape(*kind),
            fill: NODE_FILL.to_owned(),
        },
        LegendEntry::Group { name, fill } => LegendRow::Node {
            label: name.clone(),
            shape: Shape::RoundedBox,
            fill: (*fill).to_owned(),
        },
    }
}

fn shape(kind: Kind) -> Shape {
    match kind {
        Kind::Country => Shape::RoundedBox,
        Kind::Group => Shape::Hexagon,
        Kind::Organization => Shape::Component,
        Kind::Person => Shape::Ellipse,
    }
}

fn dash(polarity: Polarity) -> Dash {
    match polarity {
        Polarity::Cooperative => Dash::Solid,
        Polarity::Hostile => Dash::Dashed,
        Polarity::Neutral => Dash::Dotted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Filter;
    use crate::graph::tests::fan;
    use crate::query::diagram::{DiagramSpec, diagram};

    #[test]
    fn junctions_become_a_node_with_lines_in_and_out() {
        let g = fan();
        let d = diagram(&g, &Filter::default(), DiagramSpec::default());
        let s = scene(
            &DiagramOf {
                graph: &g,
                diagram: &d,
            },
            "T",
            None,
            true,
        );
        assert_eq!(s.nodes.len(), 6);
        assert_eq!(s.nodes[5].label, "deter (2023)");
        assert_eq!(s.nodes[5].shape, Shape::Junction);
        let into_hub = s.edges.iter().filter(|e| e.to == 5 && !e.directed).count();
        let out_of_hub = s.edges.iter().filter(|e| e.from == 5 && e.directed).count();
        assert_eq!((into_hub, out_of_hub), (3, 2));
        assert!(!s.legend.is_empty());
    }
}
