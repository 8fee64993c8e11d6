//! How relations look in any diagram format: label, colour, polarity style,
//! width and tooltip of each edge, one relation or several merged. DOT and
//! Mermaid draw the same looks.

use crate::graph::RelGraph;
use crate::model::{EntityIx, Kind, PartialDate, Polarity, RelationIx, RelationType, TypeIx};
use crate::query::diagram::{DiagramEdge, DiagramOf, EdgeRelations, Junction};

/// Colours for edges merged from relations of net cooperative, hostile and
/// neutral polarity: Paul Tol's "vibrant" blue, red and grey, told apart
/// with the common colour-vision deficiencies.
const NET_COLORS: [&str; 3] = ["#0077bb", "#cc3311", "#777777"];

/// Hues for relation types without a colour of their own, by polarity, from
/// Paul Tol's "muted" scheme (safe for the common colour-vision
/// deficiencies): cooperative cool, hostile warm, neutral grey; eight hues
/// in all, so no diagram shows more. Types beyond a family's hues reuse
/// them with a double, then triple line.
const COOPERATIVE_HUES: [&str; 4] = ["#332288", "#117733", "#44aa99", "#88ccee"];
const HOSTILE_HUES: [&str; 3] = ["#cc6677", "#882255", "#999933"];
const NEUTRAL_HUES: [&str; 1] = ["#777777"];

/// The most parallel strokes a line is drawn with.
const MAX_STROKES: usize = 3;

/// Light node fills for groups (blocs), by group index.
pub const GROUP_FILLS: [&str; 8] = [
    "#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99", "#8dd3c7", "#d9d9d9",
];

/// The fill of group `g`.
pub fn group_fill(g: u32) -> &'static str {
    GROUP_FILLS[g as usize % GROUP_FILLS.len()]
}

/// Fill of an entity outside any group.
pub const NODE_FILL: &str = "#f7f7f7";

/// Fill of the entity a diagram is centred on.
pub const EGO_FILL: &str = "#ffe08a";

/// How one entity is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeLook {
    /// Its name.
    pub label: String,
    /// Its kind, which sets the shape.
    pub kind: Kind,
    /// Fill colour: the ego's, its group's, or the plain one.
    pub fill: &'static str,
    /// Whether it is the entity the diagram is centred on (drawn thicker).
    pub ego: bool,
    /// Its name and description.
    pub tooltip: String,
}

/// The look of entity `index` in `input`.
pub fn node_look(input: &DiagramOf<'_>, index: EntityIx) -> NodeLook {
    let entity = input.graph.data.entity(index);
    let ego = input.diagram.ego == Some(index);
    let group = input.diagram.fills.as_ref().and_then(|f| f.group_of(index));
    let fill = match (ego, group) {
        (true, _) => EGO_FILL,
        (false, Some(g)) => group_fill(g),
        (false, None) => NODE_FILL,
    };
    let tooltip = match &entity.description {
        Some(description) => format!("{}: {description}", entity.name),
        None => format!("{}, {}", entity.name, entity.kind.as_str()),
    };
    NodeLook {
        label: wrapped_name(&entity.name),
        kind: entity.kind,
        fill,
        ego,
        tooltip,
    }
}

/// The most characters a node's name takes on one line.
pub const NAME_WIDTH: usize = 22;

/// `name` as a node's label: longer than [`NAME_WIDTH`] characters, it is
/// broken in two at the space nearest its middle, so long names such as
/// "Western sanctioning states (unnamed)" do not widen the drawing.
///
/// ```
/// use relgraph::export::look::wrapped_name;
///
/// assert_eq!(wrapped_name("North Korea"), "North Korea");
/// assert_eq!(
///     wrapped_name("Western sanctioning states (unnamed)"),
///     "Western sanctioning\nstates (unnamed)"
/// );
/// ```
pub fn wrapped_name(name: &str) -> String {
    let length = name.chars().count();
    if length <= NAME_WIDTH || name.contains('\n') {
        return name.to_owned();
    }
    let middle = length / 2;
    let split = name
        .char_indices()
        .enumerate()
        .filter(|(_, (_, c))| *c == ' ')
        .min_by_key(|(at, _)| at.abs_diff(middle));
    match split {
        Some((_, (byte, _))) => format!("{}\n{}", &name[..byte], &name[byte + 1..]),
        None => name.to_owned(),
    }
}

/// How one edge is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EdgeLook {
    /// Type label and year, or a compact list of the types when merged.
    pub label: String,
    /// Type colour, or net-polarity colour when merged.
    pub color: String,
    /// Parallel strokes (1 to 3): tells apart types sharing a hue.
    pub strokes: usize,
    /// Polarity (net polarity when merged): solid, dashed or dotted.
    pub polarity: Polarity,
    /// Line width in points: by weight, or by relation count when merged.
    pub width: f64,
    /// Who does what to whom, and the evidence, for each relation.
    pub tooltip: Option<String>,
    /// Whether the edge has an arrowhead.
    pub directed: bool,
}

impl EdgeLook {
    /// The line width, with two decimals.
    pub fn pen_width(&self) -> String {
        two_decimals(self.width)
    }

    /// The label's colour: the line's, darkened when too light to read.
    pub fn font_color(&self) -> String {
        readable_on_white(&self.color)
    }
}

/// `value` with two decimals, as `format!("{value:.2}")` writes it, without
/// its slow exact path when `value` is a whole number of hundredths (as
/// every width of merged edges is): such a value is nowhere near a point
/// where rounding could go either way.
fn two_decimals(value: f64) -> String {
    let hundredths = value * 100.0;
    if hundredths.fract() == 0.0 && (0.0..1e15).contains(&hundredths) {
        let whole = hundredths as u64;
        return format!("{}.{:02}", whole / 100, whole % 100);
    }
    format!("{value:.2}")
}

/// Line width for one relation of `weight`: 0.75 plus the weight, at most 5.75.
fn width_by_weight(weight: f64) -> f64 {
    0.75 + weight.clamp(0.0, 5.0)
}

/// Line width for `count` merged relations: 1.75 for one, growing with the
/// logarithm of the count, at most 5.75.
fn width_by_count(count: usize) -> f64 {
    (1.75 + 1.5 * (count.max(1) as f64).log2()).min(5.75)
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
    let link = graph.data.link(relation);
    let (color, strokes) = type_color(graph, link.relation_type);
    relation_look(
        graph,
        relation,
        color,
        strokes,
        width_by_weight(link.weight),
    )
}

/// The look of one relation drawn in `color` with `strokes`, `width` wide.
fn relation_look(
    graph: &RelGraph,
    relation: RelationIx,
    color: String,
    strokes: usize,
    width: f64,
) -> EdgeLook {
    let data = &graph.data;
    let relation_type = data.relation_type(relation);
    let link = data.link(relation);
    let label = match year_of(link.since, link.inferred.date) {
        Some(year) => format!("{} ({year})", relation_type.label),
        None => relation_type.label.clone(),
    };
    EdgeLook {
        label,
        color,
        strokes,
        polarity: relation_type.polarity,
        width,
        tooltip: Some(tooltip(graph, relation)),
        directed: relation_type.directed,
    }
}

/// The look of a junction's lines: its first relation's (in net colour
/// when `merged`), with every relation in the tooltip.
pub fn junction_look(graph: &RelGraph, junction: &Junction, merged: bool) -> EdgeLook {
    let first = DiagramEdge {
        source: junction.sources[0],
        target: junction.targets[0],
        directed: true,
        relations: EdgeRelations::one(junction.relations[0]),
    };
    EdgeLook {
        tooltip: Some(tooltips(graph, &junction.relations)),
        ..edge_look(graph, &first, merged)
    }
}

/// At most this many relations in a merged edge's tooltip; the rest are counted.
const MAX_LINES: usize = 12;

fn merged_look(graph: &RelGraph, relations: &[RelationIx]) -> EdgeLook {
    if let [only] = relations {
        let color = net_color(graph.data.relation_type(*only).polarity).to_owned();
        return relation_look(graph, *only, color, 1, width_by_count(1));
    }
    let polarity = merged_polarity(graph, relations);
    EdgeLook {
        label: compact_label(graph, relations),
        color: net_color(polarity).to_owned(),
        strokes: 1,
        polarity,
        width: width_by_count(relations.len()),
        tooltip: Some(tooltips(graph, relations)),
        directed: true,
    }
}

/// The polarity of an edge merged from `relations`: its one relation's
/// type's, else the sign of their weights summed, hostile ones negative.
pub fn merged_polarity(graph: &RelGraph, relations: &[RelationIx]) -> Polarity {
    let data = &graph.data;
    if let [only] = relations {
        return data.relation_type(*only).polarity;
    }
    let net: f64 = relations
        .iter()
        .map(|&i| data.relation_type(i).polarity.sign() * data.link(i).weight)
        .sum();
    net_polarity(net)
}

/// Each relation's tooltip, at most [`MAX_LINES`], then how many more.
fn tooltips(graph: &RelGraph, relations: &[RelationIx]) -> String {
    let mut lines: Vec<String> = relations
        .iter()
        .take(MAX_LINES)
        .map(|&i| tooltip(graph, i))
        .collect();
    if relations.len() > MAX_LINES {
        lines.push(format!(
            "… and {} more relations",
            relations.len() - MAX_LINES
        ));
    }
    lines.join("\n\n")
}

/// Type names listed in a merged edge's label before "N more".
const MAX_NAMES: usize = 3;

/// Characters per line of a merged edge's label, about.
const LINE_WIDTH: usize = 28;

/// A merged edge's label: its types, most frequent first (`×n` when one
/// comes n > 1 times), at most [`MAX_NAMES`] then "N more", wrapped, then
/// the years the relations start in.
fn compact_label(graph: &RelGraph, relations: &[RelationIx]) -> String {
    let data = &graph.data;
    let mut counted: Vec<(TypeIx, usize)> = Vec::new();
    for &i in relations {
        let kind = data.link(i).relation_type;
        match counted.iter_mut().find(|(seen, _)| *seen == kind) {
            Some((_, n)) => *n += 1,
            None => counted.push((kind, 1)),
        }
    }
    counted.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let mut names: Vec<String> = counted
        .iter()
        .take(MAX_NAMES)
        .enumerate()
        .map(|(at, &(kind, n))| {
            let name = short_name(&data.type_at(kind).label, at > 0);
            if n > 1 { format!("{name} ×{n}") } else { name }
        })
        .collect();
    if counted.len() > MAX_NAMES {
        names.push(format!("{} more", counted.len() - MAX_NAMES));
    }
    let mut lines = wrap(&names, LINE_WIDTH);
    let dated = || {
        relations
            .iter()
            .map(|&i| data.link(i))
            .filter(|l| l.since.is_some())
    };
    let first = dated().min_by_key(|l| l.since.map(|d| d.start()));
    let last = dated().max_by_key(|l| l.since.map(|d| d.start()));
    if let (Some(first), Some(last)) = (first, last) {
        let year = |l: &crate::model::Link| year_of(l.since, l.inferred.date).unwrap_or_default();
        let (first, last) = (year(first), year(last));
        lines.push(if first == last {
            format!("({first})")
        } else {
            format!("({first}–{last})")
        });
    }
    lines.join("\n")
}

/// The year a relation starts, as labels show it: `2022`, `2000s` for a
/// decade, with `?` when the editor inferred the date.
fn year_of(since: Option<PartialDate>, inferred: bool) -> Option<String> {
    let since = since?;
    let year = if since.is_decade() {
        since.to_string()
    } else {
        since.year().to_string()
    };
    Some(if inferred { format!("{year}?") } else { year })
}

/// A type label as a list item: up to its first " / " or " (", and, when
/// not `first`, its initial lower-cased unless it starts an acronym.
fn short_name(label: &str, lower: bool) -> String {
    let end = [" / ", " ("]
        .iter()
        .filter_map(|cut| label.find(cut))
        .min()
        .unwrap_or(label.len());
    let name = label[..end].trim();
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if lower && !second.is_uppercase() => first
            .to_lowercase()
            .chain(name[first.len_utf8()..].chars())
            .collect(),
        _ => name.to_owned(),
    }
}

/// `items` joined with ", ", a new line started before an item that would
/// pass `width` characters.
fn wrap(items: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (at, item) in items.iter().enumerate() {
        let piece = if at + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + piece.chars().count() <= width => {
                line.push(' ');
                line.push_str(&piece);
            }
            _ => lines.push(piece),
        }
    }
    lines
}

/// "Russia → North Korea, Arms supply: label" (– for undirected types),
/// then each quote's translation (or the quote).
fn tooltip(graph: &RelGraph, relation: RelationIx) -> String {
    let data = &graph.data;
    let link = data.link(relation);
    let relation_type = data.relation_type(relation);
    let arrow = if relation_type.directed { "→" } else { "–" };
    let mut head = String::with_capacity(256);
    for piece in [
        &data.entity(link.source).name,
        " ",
        arrow,
        " ",
        &data.entity(link.target).name,
        ", ",
        &relation_type.label,
    ] {
        head.push_str(piece);
    }
    data.read_relation(relation, |record| {
        if let Some(label) = &record.label {
            head.push_str(": ");
            head.push_str(label);
        }
        for (fact, note) in record.inferred.iter().flat_map(|i| i.facts()) {
            head.push_str(&format!("\n({fact} inferred: {note})"));
        }
        for evidence in &record.evidence {
            head.push('\n');
            head.push_str(evidence.translation.as_deref().unwrap_or(&evidence.quote));
        }
        head
    })
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
        Polarity::Cooperative => NET_COLORS[0],
        Polarity::Hostile => NET_COLORS[1],
        Polarity::Neutral => NET_COLORS[2],
    }
}

/// The colour of relation type `kind` and its strokes: its own colour with
/// one stroke, or its polarity's next hue, with more strokes once that
/// polarity's hues are used up (counting types in file order).
pub fn type_color(graph: &RelGraph, kind: TypeIx) -> (String, usize) {
    color_among(&graph.data.doc.relation_types, kind.index())
}

/// The colour and strokes of the type at position `at` among `types`, as
/// [`type_color`] gives them.
pub fn color_among<'a>(
    types: impl IntoIterator<Item = &'a RelationType>,
    at: usize,
) -> (String, usize) {
    let mut before = types.into_iter();
    let earlier: Vec<&RelationType> = before.by_ref().take(at).collect();
    let Some(relation_type) = before.next() else {
        return (NET_COLORS[2].to_owned(), 1);
    };
    if let Some(color) = &relation_type.color {
        return (color.clone(), 1);
    }
    let hues: &[&str] = match relation_type.polarity {
        Polarity::Cooperative => &COOPERATIVE_HUES,
        Polarity::Hostile => &HOSTILE_HUES,
        Polarity::Neutral => &NEUTRAL_HUES,
    };
    let rank = earlier
        .iter()
        .filter(|t| t.color.is_none() && t.polarity == relation_type.polarity)
        .count();
    let strokes = (rank / hues.len()) % MAX_STROKES + 1;
    (hues[rank % hues.len()].to_owned(), strokes)
}

/// `color` (`#rrggbb`), darkened until text in it reads on white.
fn readable_on_white(color: &str) -> String {
    let channel = |at: usize| u8::from_str_radix(color.get(at..at + 2)?, 16).ok();
    let (Some(r), Some(g), Some(b)) = (channel(1), channel(3), channel(5)) else {
        return color.to_owned();
    };
    let luminance = (0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b)) / 255.0;
    if luminance <= 0.55 {
        return color.to_owned();
    }
    let darken = |c: u8| (f64::from(c) * 0.55 / luminance) as u8;
    format!("#{:02x}{:02x}{:02x}", darken(r), darken(g), darken(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_have_two_decimals_as_format_writes_them() {
        let widths = [
            0.0,
            0.75,
            1.75,
            1.005,
            2.675,
            5.75,
            3.0,
            1.0 / 3.0,
            0.125,
            12.5,
        ];
        for width in widths
            .into_iter()
            .chain((0..2000).map(|n| f64::from(n) * 0.01))
        {
            assert_eq!(two_decimals(width), format!("{width:.2}"), "{width}");
        }
    }

    #[test]
    fn type_names_are_shortened_and_wrapped() {
        assert_eq!(short_name("Summit / high-level meeting", false), "Summit");
        assert_eq!(short_name("Arms supply (munitions)", true), "arms supply");
        assert_eq!(short_name("UN sanctions", true), "UN sanctions");
        let items =
            ["Arms supply", "data supply", "diplomatic support", "2 more"].map(String::from);
        assert_eq!(
            wrap(&items, 28),
            ["Arms supply, data supply,", "diplomatic support, 2 more"]
        );
    }

    #[test]
    fn widths_grow_with_count_and_weight_within_bounds() {
        assert_eq!(width_by_count(1), 1.75);
        assert!(width_by_count(2) > width_by_count(1));
        assert_eq!(width_by_count(1000), 5.75);
        assert_eq!(width_by_weight(1e6), 5.75);
    }

    #[test]
    fn light_colours_are_darkened_for_text() {
        assert_eq!(readable_on_white("#332288"), "#332288");
        let text = readable_on_white("#88ccee");
        assert_ne!(text, "#88ccee");
        assert_eq!(readable_on_white("#ffffff"), "#8c8c8c");
    }
}
