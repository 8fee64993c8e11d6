//! What a diagram's legend explains, in any format: the line looks, node
//! shapes and group fills that appear in that diagram, and nothing else.
//! A legend is drawn only when it explains something (two rows or more)
//! and would not outweigh the drawing: at least [`MIN_LINES`] lines, and
//! no fewer lines than legend rows.

use super::look::{EdgeLook, group_fill, merged_polarity, net_color};
use crate::graph::RelGraph;
use crate::model::{Kind, Polarity, TypeIx};
use crate::query::diagram::DiagramOf;

/// The fewest lines a diagram draws to get a legend.
pub const MIN_LINES: usize = 4;

/// One row of a legend.
#[derive(Debug, Clone, PartialEq)]
pub enum LegendEntry {
    /// A line sample drawn as `look`, named by its label.
    Line(EdgeLook),
    /// What thicker lines mean.
    Width(&'static str),
    /// A node shape.
    Kind(Kind),
    /// A group's fill and name.
    Group {
        /// The group's name.
        name: String,
        /// Its fill colour.
        fill: &'static str,
    },
}

/// The legend of `input`: empty when it would have fewer than two rows.
pub fn legend(input: &DiagramOf<'_>) -> Vec<LegendEntry> {
    let mut rows: Vec<LegendEntry> = line_looks(input)
        .into_iter()
        .map(LegendEntry::Line)
        .collect();
    if input.diagram.merged && input.diagram.edges.iter().any(|e| e.relations.len() > 1) {
        rows.push(LegendEntry::Width("thicker: more relations"));
    }
    let kinds = kinds(input);
    if kinds.len() > 1 {
        rows.extend(kinds.into_iter().map(LegendEntry::Kind));
    }
    if let Some(fills) = &input.diagram.fills {
        let mut groups: Vec<u32> = input
            .diagram
            .nodes
            .iter()
            .filter_map(|&e| fills.group_of(e))
            .collect();
        groups.sort_unstable();
        groups.dedup();
        rows.extend(groups.into_iter().map(|g| LegendEntry::Group {
            name: fills.names[g as usize].clone(),
            fill: group_fill(g),
        }));
    }
    let lines = input.diagram.line_count();
    if rows.len() < 2 || lines < MIN_LINES || lines < rows.len() {
        rows.clear();
    }
    rows
}

/// The distinct line looks of the diagram's edges, labelled by what they mean:
/// net polarities when merged, relation types otherwise.
fn line_looks(input: &DiagramOf<'_>) -> Vec<EdgeLook> {
    let (graph, diagram) = (input.graph, input.diagram);
    if diagram.merged {
        let mut polarities: Vec<Polarity> = diagram
            .edges
            .iter()
            .map(|e| &e.relations[..])
            .chain(diagram.junctions.iter().map(|j| &j.relations[..1]))
            .map(|relations| merged_polarity(graph, relations))
            .collect();
        polarities.sort_by_key(|p| Polarity::ALL.iter().position(|q| q == p));
        polarities.dedup();
        return polarities.into_iter().map(net_look).collect();
    }
    let mut kinds: Vec<TypeIx> = diagram
        .edges
        .iter()
        .flat_map(|e| &e.relations)
        .chain(diagram.junctions.iter().flat_map(|j| &j.relations))
        .map(|&i| graph.data.link(i).relation_type)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| type_look(graph, kind))
        .collect()
}

fn net_look(polarity: Polarity) -> EdgeLook {
    let label = match polarity {
        Polarity::Cooperative => "cooperative",
        Polarity::Hostile => "hostile",
        Polarity::Neutral => "neutral or balanced",
    };
    EdgeLook {
        label: label.to_owned(),
        color: net_color(polarity).to_owned(),
        strokes: 1,
        polarity,
        width: 1.5,
        tooltip: None,
        directed: true,
    }
}

fn type_look(graph: &RelGraph, kind: TypeIx) -> EdgeLook {
    let relation_type = graph.data.type_at(kind);
    let (color, strokes) = super::look::type_color(graph, kind);
    EdgeLook {
        label: relation_type.label.clone(),
        color,
        strokes,
        polarity: relation_type.polarity,
        width: 1.5,
        tooltip: None,
        directed: relation_type.directed,
    }
}

fn kinds(input: &DiagramOf<'_>) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = input
        .diagram
        .nodes
        .iter()
        .map(|&e| input.graph.data.entity(e).kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}
