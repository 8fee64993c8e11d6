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

/// At most this many lines in a merged edge's label or tooltip; the rest are counted.
const MAX_LINES: usize = 12;

fn merged_look(graph: &RelGraph, relations: &[RelationIx]) -> EdgeLook {
    let data = &graph.data;
    let labels = counted_lines(relations.iter().map(|&i| single_look(graph, i).label));
    let net: f64 = relations
        .iter()
        .map(|&i| data.relation_type(i).polarity.sign() * data.link(i).weight)
        .sum();
    let polarity = net_polarity(net);
    let mut tooltips: Vec<String> = relations
        .iter()
        .take(MAX_LINES)
        .map(|&i| tooltip(graph, i))
        .collect();
    if relations.len() > MAX_LINES {
        tooltips.push(format!(
            "… and {} more relations",
            relations.len() - MAX_LINES
        ));
    }
    EdgeLook {
        label: labels.join("\n"),
        color: net_color(polarity).to_owned(),
        polarity,
        weight: relations.iter().map(|&i| data.link(i).weight).sum(),
        tooltip: Some(tooltips.join("\n\n")),
        directed: true,
    }
}

/// Each distinct line once, in order of first use, with `×n` when it comes
/// n > 1 times; at most [`MAX_LINES`] lines, then how many more.
fn counted_lines(lines: impl Iterator<Item = String>) -> Vec<String> {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for line in lines {
        match counted.iter_mut().find(|(seen, _)| *seen == line) {
            Some((_, n)) => *n += 1,
            None => counted.push((line, 1)),
        }
    }
    let more = counted.len().saturating_sub(MAX_LINES);
    let mut shown: Vec<String> = counted
        .into_iter()
        .take(MAX_LINES)
        .map(|(line, n)| if n > 1 { format!("{line} ×{n}") } else { line })
        .collect();
    if more > 0 {
        shown.push(format!("… and {more} more"));
    }
    shown
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_labels_are_counted_and_long_lists_cut() {
        let lines = ["Supply (2023)", "Supply (2023)", "Summit (2019)"].map(String::from);
        assert_eq!(
            counted_lines(lines.into_iter()),
            ["Supply (2023) ×2", "Summit (2019)"]
        );
        let many = (0..20).map(|i| format!("type {i}"));
        let shown = counted_lines(many);
        assert_eq!(shown.len(), MAX_LINES + 1);
        assert_eq!(shown[MAX_LINES], "… and 8 more");
    }
}
