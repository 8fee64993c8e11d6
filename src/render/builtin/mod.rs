//! The built-in renderer: draws a [`Scene`] as SVG without Graphviz.
//!
//! Nodes start on a circle in scene order, then move to a stress layout
//! (the `layout` module) so that linked nodes sit close, each edge as long
//! as its label needs, and no two nodes overlap; each edge is a quadratic
//! curve, parallel edges between one pair bent apart, clipped at the node
//! outlines, with an arrowhead only when
//! directed and its label beside its middle. The legend is a box to the
//! right of the drawing. Deterministic: one scene, one SVG. Drawing takes
//! time linear in nodes and edges.

mod layout;
mod svg;

use std::collections::HashMap;

use super::scene::{Scene, Shape};

/// Font size of node labels, in points.
const NODE_FONT: f64 = 12.0;
/// Font size of edge labels, in points.
const EDGE_FONT: f64 = 10.0;
/// Space between neighbouring nodes on the circle.
const GAP: f64 = 40.0;
/// Margin around the drawing.
const MARGIN: f64 = 20.0;
/// Radius of a junction's dot.
const JUNCTION_RADIUS: f64 = 3.5;
/// How far apart parallel edges bend.
const BEND: f64 = 28.0;

/// A point or a vector.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    x: f64,
    y: f64,
}

/// Where a node is and how big.
#[derive(Debug, Clone, Copy)]
struct Placed {
    centre: Point,
    half_width: f64,
    half_height: f64,
}

/// The width a text takes at `size`, estimated for Helvetica.
fn text_width(text: &str, size: f64) -> f64 {
    text.lines()
        .map(|line| line.chars().count() as f64 * size * 0.56)
        .fold(0.0, f64::max)
}

/// A node's width and height: its label plus padding, wider for hexagons,
/// whose slanted sides take room from the text.
fn node_size(label: &str, shape: Shape) -> (f64, f64) {
    let lines = label.lines().count().max(1) as f64;
    if shape == Shape::Junction {
        // The dot at the centre, the label above it, as much room below.
        let label_height = lines * EDGE_FONT * 1.2 + JUNCTION_RADIUS + 2.0;
        return (text_width(label, EDGE_FONT) + 8.0, 2.0 * label_height);
    }
    let height = lines * NODE_FONT * 1.2 + 14.0;
    let padding = match shape {
        Shape::Hexagon => 24.0 + 1.4 * height / 2.0,
        Shape::Ellipse => 36.0,
        Shape::RoundedBox | Shape::Component | Shape::Junction => 24.0,
    };
    (text_width(label, NODE_FONT) + padding, height)
}

/// Nodes on a circle whose circumference holds them all side by side.
fn place(scene: &Scene) -> Vec<Placed> {
    let sizes: Vec<(f64, f64)> = scene
        .nodes
        .iter()
        .map(|n| node_size(&n.label, n.shape))
        .collect();
    let n = sizes.len();
    if n == 1 {
        let (w, h) = sizes[0];
        return vec![Placed {
            centre: Point { x: 0.0, y: 0.0 },
            half_width: w / 2.0,
            half_height: h / 2.0,
        }];
    }
    let span: Vec<f64> = sizes.iter().map(|&(w, h)| w.max(h * 2.0) + GAP).collect();
    let circumference: f64 = span.iter().sum();
    let radius = (circumference / std::f64::consts::TAU).max(60.0);
    let mut angle = -std::f64::consts::FRAC_PI_2;
    sizes
        .iter()
        .zip(&span)
        .map(|(&(w, h), &s)| {
            let step = s / radius;
            angle += step / 2.0;
            let centre = Point {
                x: radius * angle.cos(),
                y: radius * angle.sin(),
            };
            angle += step / 2.0;
            Placed {
                centre,
                half_width: w / 2.0,
                half_height: h / 2.0,
            }
        })
        .collect()
}

/// How far each edge bends: parallel edges of one pair spread apart, and
/// edges of opposite directions bend to opposite sides.
fn bends(scene: &Scene) -> Vec<f64> {
    let mut count: HashMap<(usize, usize), usize> = HashMap::new();
    for edge in &scene.edges {
        *count
            .entry((edge.from.min(edge.to), edge.from.max(edge.to)))
            .or_default() += 1;
    }
    let mut seen: HashMap<(usize, usize), usize> = HashMap::new();
    scene
        .edges
        .iter()
        .map(|edge| {
            let pair = (edge.from.min(edge.to), edge.from.max(edge.to));
            let total = count[&pair];
            let k = seen.entry(pair).or_default();
            let offset = (*k as f64 - (total as f64 - 1.0) / 2.0) * BEND;
            *k += 1;
            if edge.from <= edge.to {
                offset
            } else {
                -offset
            }
        })
        .collect()
}

/// The SVG drawing of `scene`.
pub fn draw(scene: &Scene) -> String {
    if scene.nodes.is_empty() {
        return svg::empty();
    }
    let mut placed = place(scene);
    layout::stress(scene, &mut placed);
    svg::Picture::new(scene, &placed, &bends(scene)).finish()
}

#[cfg(test)]
mod tests;
