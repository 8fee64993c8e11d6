//! How relations look in any diagram format: label, colour, polarity style,
//! width and tooltip of each edge, one relation or several merged. DOT and
//! Mermaid draw the same looks.

use crate::graph::RelGraph;
use crate::model::{Polarity, RelationIx, TypeIx};
use crate::query::diagram::DiagramEdge;

/// Colours for relation types that define none, by type position.
pub const PALETTE: [&str; 12] = [
    "#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#b2df8a",
    "#fb9a99", "#fdbf6f", "#cab2d6", "#8dd3c7",
];

/// How one edge is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeLook {
    /// Type label and year, or every label when merged.
    pub label: String,
    /// Type colour, or net-polarity colour when merged.
    pub color: String,
    /// Polarity (net polarity when merged): solid, dashed or dotted.
    pub polarity: Polarity,
    /// Weight (summed when merged): sets the pen width.
    pub weight: f64,
    /// The relation's label and evidence translations.
    pub tooltip: Option<String>,
    /// Whether the edge has an arrowhead.
    pub directed: bool,
}

impl EdgeLook {
    /// Pen width: 0.75 plus the weight, capped at 5.75, with two decimals.
    pub fn pen_width(&self) -> String {
        format!("{:.2}", 0.75 + self.weight.clamp(0.0, 5.0))
    }
}

/// The look of a diagram edge: one relation's, or with `merged`, all of
/// its relations' together, coloured by net polarity.
pub fn edge_look(graph: &RelGraph, edge: &DiagramEdge, merged: bool) -> EdgeLook {
    let look = if merged {
        merged_look(graph, &edge.relations)
    } else {
        single_look(graph, edge.relations[0])
    };
    EdgeLook {
        directed: edge.directed,
        ..look
    }
}

fn single_look(graph: &RelGraph, relation: RelationIx) -> EdgeLook {
    let data = &graph.data;
    let relation_type = data.relation_type(relation);
    let link = data.link(relation);
    let label = match link.since {
        Some(since) => format!("{} ({})", relation_type.label, since.year()),
        None => relation_type.label.clone(),
    };
    EdgeLook {
        label,
        color: type_color(graph, link.relation_type),
        polarity: relation_type.polarity,
        weight: link.weight,
        tooltip: Some(tooltip(graph, relation)),
        directed: relation_type.directed,
    }
}

fn merged_look(graph: &RelGraph, relations: &[RelationIx]) -> EdgeLook {
    let data = &graph.data;
    let labels: Vec<String> = relations
        .iter()
        .map(|&i| single_look(graph, i).label)
        .collect();
    let net: f64 = relations
        .iter()
        .map(|&i| data.relation_type(i).polarity.sign() * data.link(i).weight)
        .sum();
    let polarity = net_polarity(net);
    let tooltips: Vec<String> = relations.iter().map(|&i| tooltip(graph, i)).collect();
    EdgeLook {
        label: labels.join("\n"),
        color: net_color(polarity).to_owned(),
        polarity,
        weight: relations.iter().map(|&i| data.link(i).weight).sum(),
        tooltip: Some(tooltips.join("\n\n")),
        directed: true,
    }
}

fn tooltip(graph: &RelGraph, relation: RelationIx) -> String {
    let data = &graph.data;
    let record = data.relation(relation);
    let mut lines = vec![format!(
        "{} {} {}: {}",
        record.source,
        data.relation_type(relation).label,
        record.target,
        record.label.as_deref().unwrap_or(&record.id)
    )];
    lines.extend(
        record
            .evidence
            .iter()
            .map(|e| e.translation.clone().unwrap_or_else(|| e.quote.clone())),
    );
    lines.join("\n")
}

fn net_polarity(net: f64) -> Polarity {
    if net > 0.0 {
        Polarity::Cooperative
    } else if net < 0.0 {
        Polarity::Hostile
    } else {
        Polarity::Neutral
    }
}

/// The colour of an edge merged from relations of net `polarity`.
pub fn net_color(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Cooperative => "#2e7d32",
        Polarity::Hostile => "#c62828",
        Polarity::Neutral => "#757575",
    }
}

/// The colour of relation type `kind`: its own, or the palette's.
pub fn type_color(graph: &RelGraph, relation_type: TypeIx) -> String {
    graph
        .data
        .type_at(relation_type)
        .color
        .clone()
        .unwrap_or_else(|| PALETTE[relation_type.index() % PALETTE.len()].to_owned())
}
