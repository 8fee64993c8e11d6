//! A diagram as plain drawing instructions: what the built-in renderer
//! draws when Graphviz is not installed. It says what each node and edge
//! looks like, never how it is laid out.

/// One diagram to draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scene {
    /// Title drawn above the diagram (may be empty).
    pub title: String,
    /// Nodes, in drawing order.
    pub nodes: Vec<SceneNode>,
    /// Edges between nodes (indices into `nodes`), in drawing order.
    pub edges: Vec<SceneEdge>,
    /// Legend rows, top to bottom; no legend box when empty.
    pub legend: Vec<LegendRow>,
}

/// An entity.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneNode {
    /// Text inside the node (may hold `\n` for several lines).
    pub label: String,
    /// Outline shape.
    pub shape: Shape,
    /// Fill colour, `#rrggbb`.
    pub fill: String,
    /// Outline width in points (1 normally, 2 for the ego entity).
    pub pen_width: f64,
    /// Text shown on hover (an SVG `<title>`).
    pub tooltip: String,
    /// Where a click goes, if anywhere.
    pub link: Option<String>,
}

/// A node's outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A box with rounded corners (countries).
    RoundedBox,
    /// A hexagon (groups).
    Hexagon,
    /// A box with two small tabs on its left side (organisations).
    Component,
    /// An ellipse (people).
    Ellipse,
    /// A small dot in the node's fill colour with its label above: where a
    /// clause fans out from several entities to several others.
    Junction,
}

/// A relation, or several merged.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneEdge {
    /// Tail node index.
    pub from: usize,
    /// Head node index.
    pub to: usize,
    /// Text beside the edge's middle (may hold `\n`).
    pub label: String,
    /// Line colour, `#rrggbb`.
    pub color: String,
    /// Line pattern.
    pub dash: Dash,
    /// Line width in points.
    pub pen_width: f64,
    /// Whether an arrowhead is drawn at the head.
    pub directed: bool,
    /// Text shown on hover (an SVG `<title>`).
    pub tooltip: String,
}

/// A line's pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    /// Continuous.
    Solid,
    /// Long dashes.
    Dashed,
    /// Dots.
    Dotted,
}

/// One row of the legend.
#[derive(Debug, Clone, PartialEq)]
pub enum LegendRow {
    /// A short line sample drawn like an edge, then its name.
    Line {
        /// What the line means.
        label: String,
        /// Its colour.
        color: String,
        /// Its pattern.
        dash: Dash,
        /// Whether it carries an arrowhead.
        directed: bool,
    },
    /// A small node sample, then its name.
    Node {
        /// What the shape means.
        label: String,
        /// Its outline.
        shape: Shape,
        /// Its fill colour.
        fill: String,
    },
}
