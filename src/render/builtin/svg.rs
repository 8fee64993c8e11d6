//! Writes a laid-out [`Scene`] as SVG text.

use std::fmt::Write as _;

use super::{EDGE_FONT, JUNCTION_RADIUS, MARGIN, NODE_FONT, Placed, Point, text_width};
use crate::render::scene::{Dash, LegendRow, Scene, SceneEdge, SceneNode, Shape};

/// Font size of the title, in points.
const TITLE_FONT: f64 = 14.0;
/// Font size of legend rows, in points.
const LEGEND_FONT: f64 = 10.0;
/// Height of one legend row.
const LEGEND_ROW: f64 = 16.0;
/// Length of a legend's line sample.
const SAMPLE: f64 = 28.0;
/// Arrowhead length and half width.
const ARROW: (f64, f64) = (9.0, 3.5);
/// How far below a line's middle its baseline is, in font sizes (set
/// explicitly: not every SVG reader honours `dominant-baseline`).
const BASELINE: f64 = 0.35;
/// The fonts asked for, the same as the DOT output's.
const FONTS: &str = "Helvetica,Arial,sans-serif";

/// What the built-in renderer draws for a scene with no node.
pub fn empty() -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\" viewBox=\"0 0 16 16\"></svg>\n"
        .to_owned()
}

/// A rectangle: its top left corner and size.
#[derive(Debug, Clone, Copy)]
struct Frame {
    left: f64,
    top: f64,
    width: f64,
    height: f64,
}

/// An SVG picture being written.
pub struct Picture<'a> {
    scene: &'a Scene,
    placed: Vec<Placed>,
    bends: &'a [f64],
    labels: Vec<Point>,
    legend: Option<Frame>,
    width: f64,
    height: f64,
    out: String,
}

impl<'a> Picture<'a> {
    /// The picture of `scene` with its nodes at `placed` (centred on the
    /// origin or anywhere) and its edges bent by `bends`.
    pub fn new(scene: &'a Scene, placed: &[Placed], bends: &'a [f64]) -> Self {
        let (mut left, mut top, mut right, mut bottom) = extent(placed);
        let labels = label_places(scene, placed, bends);
        for (edge, &at) in scene.edges.iter().zip(&labels) {
            let label = label_box(&edge.label, at);
            left = left.min(label.left);
            top = top.min(label.top);
            right = right.max(label.left + label.width);
            bottom = bottom.max(label.top + label.height);
        }
        let title_height = if scene.title.is_empty() {
            0.0
        } else {
            TITLE_FONT * 2.0
        };
        let shift = Point {
            x: MARGIN - left,
            y: MARGIN + title_height - top,
        };
        let placed: Vec<Placed> = placed
            .iter()
            .map(|p| Placed {
                centre: Point {
                    x: p.centre.x + shift.x,
                    y: p.centre.y + shift.y,
                },
                ..*p
            })
            .collect();
        let labels = labels
            .iter()
            .map(|p| Point {
                x: p.x + shift.x,
                y: p.y + shift.y,
            })
            .collect();
        let drawing_width = right - left;
        let drawing_height = bottom - top;
        let legend = legend_size(&scene.legend).map(|(width, height)| Frame {
            left: MARGIN + drawing_width + MARGIN,
            top: MARGIN + title_height,
            width,
            height,
        });
        let legend_width = legend.map_or(0.0, |l| l.width + MARGIN);
        let legend_height = legend.map_or(0.0, |l| l.height);
        let title_width = text_width(&scene.title, TITLE_FONT);
        Picture {
            scene,
            placed,
            bends,
            labels,
            legend,
            width: (drawing_width + legend_width).max(title_width) + 2.0 * MARGIN,
            height: drawing_height.max(legend_height) + title_height + 2.0 * MARGIN,
            out: String::new(),
        }
    }

    /// The whole SVG text.
    pub fn finish(mut self) -> String {
        let (w, h) = (num(self.width), num(self.height));
        let _ = writeln!(
            self.out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
             width=\"{w}pt\" height=\"{h}pt\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONTS}\">"
        );
        let _ = writeln!(
            self.out,
            "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
        );
        self.title();
        let scene = self.scene;
        for (index, edge) in scene.edges.iter().enumerate() {
            self.edge(edge, self.bends[index]);
        }
        for (index, node) in scene.nodes.iter().enumerate() {
            self.node(node, self.placed[index]);
        }
        for (index, edge) in scene.edges.iter().enumerate() {
            self.edge_label(edge, self.labels[index]);
        }
        self.legend();
        self.out.push_str("</svg>\n");
        self.out
    }

    fn title(&mut self) {
        if self.scene.title.is_empty() {
            return;
        }
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{TITLE_FONT}\" font-weight=\"bold\">{}</text>",
            num(self.width / 2.0),
            num(MARGIN + TITLE_FONT),
            escape(&self.scene.title)
        );
    }

    fn edge(&mut self, edge: &SceneEdge, bend: f64) {
        let (from, to) = (
            line_end(self.scene, &self.placed, edge.from),
            line_end(self.scene, &self.placed, edge.to),
        );
        let curve = curve(from, to, bend);
        let _ = writeln!(self.out, "<g class=\"edge\">");
        self.tooltip(&edge.tooltip);
        let end = if edge.directed {
            curve.end.towards(curve.control, ARROW.0 * 0.8)
        } else {
            curve.end
        };
        let _ = writeln!(
            self.out,
            "<path d=\"M{} {} Q{} {} {} {}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>",
            num(curve.start.x),
            num(curve.start.y),
            num(curve.control.x),
            num(curve.control.y),
            num(end.x),
            num(end.y),
            color(&edge.color),
            num(edge.pen_width),
            dasharray(edge.dash)
        );
        if edge.directed {
            self.arrowhead(curve.end, curve.control, &edge.color);
        }
        self.out.push_str("</g>\n");
    }

    /// Drawn after the nodes, so that no node hides a label.
    fn edge_label(&mut self, edge: &SceneEdge, at: Point) {
        if edge.label.is_empty() {
            return;
        }
        self.out.push_str("<g class=\"edge-label\">");
        self.lines_of_text(
            &edge.label,
            at,
            EDGE_FONT,
            &format!(" fill=\"{}\" {HALO}", color(&edge.color)),
        );
        self.out.push_str("</g>\n");
    }

    fn arrowhead(&mut self, tip: Point, from: Point, fill: &str) {
        let base = tip.towards(from, ARROW.0);
        let (dx, dy) = unit(from, tip);
        let side = Point {
            x: -dy * ARROW.1,
            y: dx * ARROW.1,
        };
        let _ = writeln!(
            self.out,
            "<polygon points=\"{},{} {},{} {},{}\" fill=\"{}\"/>",
            num(tip.x),
            num(tip.y),
            num(base.x + side.x),
            num(base.y + side.y),
            num(base.x - side.x),
            num(base.y - side.y),
            color(fill)
        );
    }

    fn node(&mut self, node: &SceneNode, at: Placed) {
        let opening = match &node.link {
            Some(link) => format!("<a xlink:href=\"{0}\" href=\"{0}\">", escape(link)),
            None => String::new(),
        };
        let _ = writeln!(self.out, "<g class=\"node\">{opening}");
        self.tooltip(&node.tooltip);
        if node.shape == Shape::Junction {
            self.junction(node, at);
        } else {
            let style = format!(
                "fill=\"{}\" stroke=\"#000000\" stroke-width=\"{}\"",
                color(&node.fill),
                num(node.pen_width)
            );
            self.outline(node.shape, at, &style);
            self.lines_of_text(&node.label, at.centre, NODE_FONT, "");
        }
        if node.link.is_some() {
            self.out.push_str("</a>");
        }
        self.out.push_str("</g>\n");
    }

    /// A junction: a dot in its colour, its label above in the same colour.
    fn junction(&mut self, node: &SceneNode, at: Placed) {
        let fill = color(&node.fill);
        let _ = writeln!(
            self.out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{JUNCTION_RADIUS}\" fill=\"{fill}\"/>",
            num(at.centre.x),
            num(at.centre.y)
        );
        let lines = node.label.lines().count().max(1) as f64;
        let above = Point {
            x: at.centre.x,
            y: at.centre.y - JUNCTION_RADIUS - 2.0 - lines * EDGE_FONT * 1.2 / 2.0,
        };
        let attributes = format!(" fill=\"{fill}\" {HALO}");
        self.lines_of_text(&node.label, above, EDGE_FONT, &attributes);
    }

    fn outline(&mut self, shape: Shape, at: Placed, style: &str) {
        let Placed {
            centre: Point { x, y },
            half_width: hw,
            half_height: hh,
        } = at;
        let _ = match shape {
            Shape::RoundedBox => writeln!(
                self.out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" {style}/>",
                num(x - hw),
                num(y - hh),
                num(2.0 * hw),
                num(2.0 * hh)
            ),
            Shape::Junction => writeln!(
                self.out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{JUNCTION_RADIUS}\" {style}/>",
                num(x),
                num(y)
            ),
            Shape::Ellipse => writeln!(
                self.out,
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" {style}/>",
                num(x),
                num(y),
                num(hw),
                num(hh)
            ),
            Shape::Hexagon => {
                let inset = hh * 0.7;
                let points = [
                    (x - hw, y),
                    (x - hw + inset, y - hh),
                    (x + hw - inset, y - hh),
                    (x + hw, y),
                    (x + hw - inset, y + hh),
                    (x - hw + inset, y + hh),
                ];
                writeln!(
                    self.out,
                    "<polygon points=\"{}\" {style}/>",
                    polygon(&points)
                )
            }
            Shape::Component => {
                let tab = |top: f64| {
                    format!(
                        "<rect x=\"{}\" y=\"{}\" width=\"8\" height=\"5\" {style}/>",
                        num(x - hw - 4.0),
                        num(top)
                    )
                };
                writeln!(
                    self.out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {style}/>{}{}",
                    num(x - hw),
                    num(y - hh),
                    num(2.0 * hw),
                    num(2.0 * hh),
                    tab(y - hh + hh * 0.4),
                    tab(y + hh - hh * 0.4 - 5.0)
                )
            }
        };
    }

    fn legend(&mut self) {
        let Some(frame) = self.legend else {
            return;
        };
        let _ = writeln!(
            self.out,
            "<g class=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#999999\" stroke-width=\"0.5\"/>",
            num(frame.left),
            num(frame.top),
            num(frame.width),
            num(frame.height)
        );
        let scene = self.scene;
        for (index, row) in scene.legend.iter().enumerate() {
            let middle = frame.top + 6.0 + LEGEND_ROW * (index as f64 + 0.5);
            self.legend_row(row, frame.left + 8.0, middle);
        }
        self.out.push_str("</g>\n");
    }

    fn legend_row(&mut self, row: &LegendRow, left: f64, middle: f64) {
        let label = match row {
            LegendRow::Line {
                label,
                color: stroke,
                dash,
                directed,
            } => {
                let end = Point {
                    x: left + SAMPLE,
                    y: middle,
                };
                let line_end = if *directed {
                    end.towards(Point { x: left, y: middle }, ARROW.0 * 0.8)
                } else {
                    end
                };
                let _ = writeln!(
                    self.out,
                    "<path d=\"M{} {} L{} {}\" stroke=\"{}\" stroke-width=\"1.75\"{}/>",
                    num(left),
                    num(middle),
                    num(line_end.x),
                    num(middle),
                    color(stroke),
                    dasharray(*dash)
                );
                if *directed {
                    self.arrowhead(end, Point { x: left, y: middle }, stroke);
                }
                label
            }
            LegendRow::Node { label, shape, fill } => {
                let sample = Placed {
                    centre: Point {
                        x: left + SAMPLE / 2.0,
                        y: middle,
                    },
                    half_width: SAMPLE / 2.0 - 2.0,
                    half_height: 5.5,
                };
                let style = format!(
                    "fill=\"{}\" stroke=\"#000000\" stroke-width=\"0.75\"",
                    color(fill)
                );
                self.outline(*shape, sample, &style);
                label
            }
        };
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" font-size=\"{LEGEND_FONT}\">{}</text>",
            num(left + SAMPLE + 8.0),
            num(middle + LEGEND_FONT * BASELINE),
            escape(label)
        );
    }

    fn tooltip(&mut self, text: &str) {
        if !text.is_empty() {
            let _ = writeln!(self.out, "<title>{}</title>", escape(text));
        }
    }

    /// `text`, one `tspan` per line, centred on `at`.
    fn lines_of_text(&mut self, text: &str, at: Point, size: f64, attributes: &str) {
        if text.is_empty() {
            return;
        }
        let lines: Vec<&str> = text.lines().collect();
        let first = at.y - (lines.len() as f64 - 1.0) * size * 1.2 / 2.0 + size * BASELINE;
        let _ = write!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{size}\"{attributes}>",
            num(at.x),
            num(first)
        );
        for (index, line) in lines.iter().enumerate() {
            let dy = if index == 0 { 0.0 } else { size * 1.2 };
            let _ = write!(
                self.out,
                "<tspan x=\"{}\" dy=\"{}\">{}</tspan>",
                num(at.x),
                num(dy),
                escape(line)
            );
        }
        self.out.push_str("</text>\n");
    }
}

/// A white outline behind edge labels, so lines crossing them stay legible.
const HALO: &str = "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"";

/// A quadratic curve between two nodes, clipped at their outlines.
#[derive(Debug, Clone, Copy)]
pub(super) struct Curve {
    start: Point,
    control: Point,
    end: Point,
}

impl Curve {
    /// Where `label` is centred: on the middle of a straight edge; beside
    /// the middle of a bent one, on the outside of the bend, so that the
    /// labels of parallel edges do not cover each other.
    pub(super) fn label_at(&self, label: &str, t: f64) -> Point {
        let middle = self.point(t);
        let straight = Point {
            x: self.start.x + (self.end.x - self.start.x) * t,
            y: self.start.y + (self.end.y - self.start.y) * t,
        };
        let chord = straight;
        let (nx, ny) = unit(chord, middle);
        if middle.x == chord.x && middle.y == chord.y
            || (chord.x - middle.x).hypot(chord.y - middle.y) < 2.0
        {
            return middle;
        }
        let frame = label_box(label, middle);
        let reach = frame.width / 2.0 * nx.abs() + frame.height / 2.0 * ny.abs() + 3.0;
        Point {
            x: middle.x + nx * reach,
            y: middle.y + ny * reach,
        }
    }

    /// The curve's point at parameter `t` (0 at the start, 1 at the end).
    pub(super) fn point(&self, t: f64) -> Point {
        let (a, b, c) = ((1.0 - t) * (1.0 - t), 2.0 * t * (1.0 - t), t * t);
        Point {
            x: a * self.start.x + b * self.control.x + c * self.end.x,
            y: a * self.start.y + b * self.control.y + c * self.end.y,
        }
    }
}

/// The curve from `from` to `to` whose middle lies `bend` to the left of
/// the straight line; a loop above the node when both are one.
pub(super) fn curve(from: Placed, to: Placed, bend: f64) -> Curve {
    let (a, b) = (from.centre, to.centre);
    if a == b {
        let top = Point {
            x: a.x,
            y: a.y - from.half_height,
        };
        let lift = 3.0 * from.half_height + bend.abs();
        return Curve {
            start: Point {
                x: top.x - 8.0,
                y: top.y,
            },
            control: Point {
                x: top.x,
                y: top.y - lift,
            },
            end: Point {
                x: top.x + 8.0,
                y: top.y,
            },
        };
    }
    let (dx, dy) = unit(a, b);
    let mid = Point {
        x: (a.x + b.x) / 2.0,
        y: (a.y + b.y) / 2.0,
    };
    let control = Point {
        x: mid.x - dy * bend * 2.0,
        y: mid.y + dx * bend * 2.0,
    };
    Curve {
        start: leave(from, control),
        control,
        end: leave(to, control),
    }
}

/// Node `index` as the end of a line: its box, or a junction's dot.
fn line_end(scene: &Scene, placed: &[Placed], index: usize) -> Placed {
    let at = placed[index];
    if scene.nodes[index].shape == Shape::Junction {
        Placed {
            half_width: JUNCTION_RADIUS,
            half_height: JUNCTION_RADIUS,
            ..at
        }
    } else {
        at
    }
}

/// Where the line from `node`'s centre towards `towards` crosses its
/// bounding box.
fn leave(node: Placed, towards: Point) -> Point {
    let (dx, dy) = unit(node.centre, towards);
    let reach_x = if dx.abs() > 1e-9 {
        node.half_width / dx.abs()
    } else {
        f64::INFINITY
    };
    let reach_y = if dy.abs() > 1e-9 {
        node.half_height / dy.abs()
    } else {
        f64::INFINITY
    };
    let reach = reach_x.min(reach_y);
    Point {
        x: node.centre.x + dx * reach,
        y: node.centre.y + dy * reach,
    }
}

impl Point {
    /// The point `distance` from this one towards `other`.
    fn towards(self, other: Point, distance: f64) -> Point {
        let (dx, dy) = unit(self, other);
        Point {
            x: self.x + dx * distance,
            y: self.y + dy * distance,
        }
    }
}

/// The unit vector from `a` towards `b` (zero when they coincide).
fn unit(a: Point, b: Point) -> (f64, f64) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let length = dx.hypot(dy);
    if length < 1e-9 {
        (0.0, 0.0)
    } else {
        (dx / length, dy / length)
    }
}

/// The smallest box around every node: left, top, right, bottom.
fn extent(placed: &[Placed]) -> (f64, f64, f64, f64) {
    placed.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(l, t, r, b), p| {
            (
                l.min(p.centre.x - p.half_width - 6.0),
                t.min(p.centre.y - p.half_height - 6.0),
                r.max(p.centre.x + p.half_width + 6.0),
                b.max(p.centre.y + p.half_height + 6.0),
            )
        },
    )
}

/// Where along its edge to try a label, best first.
const LABEL_STOPS: [f64; 7] = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];

/// Where each edge's label goes: the first place along its edge where it
/// covers no node and no label placed before it, else its middle.
fn label_places(scene: &Scene, placed: &[Placed], bends: &[f64]) -> Vec<Point> {
    let nodes: Vec<Frame> = placed
        .iter()
        .map(|p| Frame {
            left: p.centre.x - p.half_width,
            top: p.centre.y - p.half_height,
            width: 2.0 * p.half_width,
            height: 2.0 * p.half_height,
        })
        .collect();
    let mut taken: Vec<Frame> = Vec::new();
    scene
        .edges
        .iter()
        .zip(bends)
        .map(|(edge, &bend)| {
            let curve = curve(
                line_end(scene, placed, edge.from),
                line_end(scene, placed, edge.to),
                bend,
            );
            if edge.label.is_empty() {
                return curve.point(0.5);
            }
            let free = LABEL_STOPS
                .iter()
                .map(|&t| curve.label_at(&edge.label, t))
                .find(|&at| {
                    let frame = label_box(&edge.label, at);
                    !nodes.iter().chain(&taken).any(|other| frame.meets(other))
                });
            let at = free.unwrap_or_else(|| curve.label_at(&edge.label, 0.5));
            taken.push(label_box(&edge.label, at));
            at
        })
        .collect()
}

impl Frame {
    /// Whether the two rectangles overlap.
    fn meets(&self, other: &Frame) -> bool {
        self.left < other.left + other.width
            && other.left < self.left + self.width
            && self.top < other.top + other.height
            && other.top < self.top + self.height
    }
}

/// The box an edge label centred on `at` takes.
fn label_box(label: &str, at: Point) -> Frame {
    let lines = label.lines().count() as f64;
    let (width, height) = (text_width(label, EDGE_FONT), lines * EDGE_FONT * 1.2);
    Frame {
        left: at.x - width / 2.0,
        top: at.y - height / 2.0,
        width,
        height,
    }
}

/// The legend box's width and height, if it has rows.
fn legend_size(rows: &[LegendRow]) -> Option<(f64, f64)> {
    let widest = rows
        .iter()
        .map(|row| match row {
            LegendRow::Line { label, .. } | LegendRow::Node { label, .. } => {
                text_width(label, LEGEND_FONT)
            }
        })
        .reduce(f64::max)?;
    Some((
        widest + SAMPLE + 24.0,
        rows.len() as f64 * LEGEND_ROW + 12.0,
    ))
}

fn dasharray(dash: Dash) -> &'static str {
    match dash {
        Dash::Solid => "",
        Dash::Dashed => " stroke-dasharray=\"6,4\"",
        Dash::Dotted => " stroke-dasharray=\"1.5,3\" stroke-linecap=\"round\"",
    }
}

fn polygon(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|&(x, y)| format!("{},{}", num(x), num(y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A coordinate with one decimal, never `-0`.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = format!("{:.1}", rounded + 0.0);
    match text.strip_suffix(".0") {
        Some("-0") => "0".to_owned(),
        Some(whole) => whole.to_owned(),
        None => text,
    }
}

/// A colour as given when it is `#rrggbb`, else black: a colour comes from
/// data and must not break out of its attribute.
fn color(value: &str) -> &str {
    let hex = value.len() == 7
        && value.starts_with('#')
        && value[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if hex { value } else { "#000000" }
}

/// `text` as XML character data or attribute value: markup characters as
/// entities, characters XML cannot hold as U+FFFD.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// Whether XML 1.0 allows `c` in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}
