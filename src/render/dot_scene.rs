//! A DOT text as a [`Scene`], so that the built-in renderer draws a DOT
//! file (`render --in FILE.dot`) without Graphviz: nodes with their labels,
//! shapes, fills and links; edges with their labels, colours, line styles,
//! widths and directions. Invisible nodes and their edges are left out; an
//! HTML-like label is drawn as its text, one line per table row.

use std::collections::{BTreeMap, HashMap};

use graphviz_rust::dot_structures::{
    Attribute, EdgeTy, Graph, GraphAttributes, Id, NodeId, Stmt, Vertex,
};

use super::scene::{Dash, Scene, SceneEdge, SceneNode, Shape};

/// Attributes by name, their values unquoted.
type Attributes = BTreeMap<String, String>;

/// The scene `text` draws, or why it is not DOT.
pub fn scene_of(text: &str) -> Result<Scene, String> {
    let (directed, stmts) = match graphviz_rust::parse(text)? {
        Graph::DiGraph { stmts, .. } => (true, stmts),
        Graph::Graph { stmts, .. } => (false, stmts),
    };
    let mut reader = Reader {
        directed,
        ..Reader::default()
    };
    let mut title = Attributes::new();
    for stmt in &stmts {
        match stmt {
            Stmt::GAttribute(GraphAttributes::Graph(attributes)) => merge(&mut title, attributes),
            Stmt::Attribute(attribute) => merge(&mut title, std::slice::from_ref(attribute)),
            _ => {}
        }
    }
    reader.statements(&stmts, &Scope::default());
    Ok(reader.into_scene(title.remove("label").unwrap_or_default()))
}

/// The default node and edge attributes where a statement stands.
#[derive(Debug, Clone, Default)]
struct Scope {
    node: Attributes,
    edge: Attributes,
}

#[derive(Debug, Default)]
struct Reader {
    directed: bool,
    names: HashMap<String, usize>,
    nodes: Vec<(String, Attributes)>,
    edges: Vec<(usize, usize, Attributes)>,
}

impl Reader {
    fn statements(&mut self, stmts: &[Stmt], outer: &Scope) {
        let mut scope = outer.clone();
        for stmt in stmts {
            match stmt {
                Stmt::GAttribute(GraphAttributes::Node(a)) => merge(&mut scope.node, a),
                Stmt::GAttribute(GraphAttributes::Edge(a)) => merge(&mut scope.edge, a),
                Stmt::Node(node) => {
                    let at = self.node(&node.id, &scope);
                    merge(&mut self.nodes[at].1, &node.attributes);
                }
                Stmt::Edge(edge) => {
                    let ends: Vec<usize> = match &edge.ty {
                        EdgeTy::Pair(a, b) => self.ends(&[a.clone(), b.clone()], &scope),
                        EdgeTy::Chain(chain) => self.ends(chain, &scope),
                    };
                    let mut attributes = scope.edge.clone();
                    merge(&mut attributes, &edge.attributes);
                    for pair in ends.windows(2) {
                        self.edges.push((pair[0], pair[1], attributes.clone()));
                    }
                }
                Stmt::Subgraph(subgraph) => self.statements(&subgraph.stmts, &scope),
                Stmt::GAttribute(GraphAttributes::Graph(_)) | Stmt::Attribute(_) => {}
            }
        }
    }

    /// The nodes an edge statement joins (a subgraph as an end is drawn
    /// for its own statements, not joined).
    fn ends(&mut self, vertices: &[Vertex], scope: &Scope) -> Vec<usize> {
        vertices
            .iter()
            .filter_map(|vertex| match vertex {
                Vertex::N(id) => Some(self.node(id, scope)),
                Vertex::S(subgraph) => {
                    self.statements(&subgraph.stmts, scope);
                    None
                }
            })
            .collect()
    }

    fn node(&mut self, id: &NodeId, scope: &Scope) -> usize {
        let name = text(&id.0);
        if let Some(&at) = self.names.get(&name) {
            return at;
        }
        self.names.insert(name.clone(), self.nodes.len());
        self.nodes.push((name, scope.node.clone()));
        self.nodes.len() - 1
    }

    fn into_scene(self, title: String) -> Scene {
        let visible: Vec<bool> = self.nodes.iter().map(|(_, a)| !invisible(a)).collect();
        let mut number = vec![usize::MAX; self.nodes.len()];
        let mut nodes = Vec::new();
        for (at, (name, attributes)) in self.nodes.iter().enumerate() {
            if visible[at] {
                number[at] = nodes.len();
                nodes.push(scene_node(name, attributes));
            }
        }
        let edges = self
            .edges
            .iter()
            .filter(|(a, b, attributes)| visible[*a] && visible[*b] && !invisible(attributes))
            .map(|(a, b, attributes)| scene_edge(number[*a], number[*b], attributes, self.directed))
            .collect();
        Scene {
            title,
            nodes,
            edges,
            legend: Vec::new(),
        }
    }
}

/// A point (relgraph's junctions): a dot in its colour, its outside label
/// (`xlabel`) above it.
fn junction_node(attributes: &Attributes) -> SceneNode {
    let get = |key: &str| attributes.get(key).map(String::as_str);
    SceneNode {
        label: get("xlabel").unwrap_or("").to_owned(),
        shape: Shape::Junction,
        fill: match get("color") {
            Some(c) if is_hex(c) => c.to_owned(),
            _ => "#000000".to_owned(),
        },
        pen_width: 0.0,
        tooltip: get("tooltip").unwrap_or("").to_owned(),
        link: None,
    }
}

fn scene_node(name: &str, attributes: &Attributes) -> SceneNode {
    let get = |key: &str| attributes.get(key).map(String::as_str);
    if get("shape") == Some("point") {
        return junction_node(attributes);
    }
    let label = match get("label") {
        None | Some("\\N") => name.to_owned(),
        Some(label) => label.replace("\\N", name),
    };
    let style = get("style").unwrap_or("");
    let shape = match get("shape").unwrap_or("ellipse") {
        "hexagon" => Shape::Hexagon,
        "component" => Shape::Component,
        "ellipse" | "oval" | "circle" => Shape::Ellipse,
        _ if style.contains("rounded") => Shape::RoundedBox,
        _ => Shape::RoundedBox,
    };
    let filled = style.contains("filled");
    SceneNode {
        label,
        shape,
        fill: match get("fillcolor").or(get("color")) {
            Some(c) if filled && is_hex(c) => c.to_owned(),
            _ if filled => "#d3d3d3".to_owned(),
            _ => "#ffffff".to_owned(),
        },
        pen_width: number(get("penwidth"), 1.0),
        tooltip: get("tooltip").unwrap_or("").to_owned(),
        link: get("URL").or(get("href")).map(str::to_owned),
    }
}

fn scene_edge(from: usize, to: usize, attributes: &Attributes, directed: bool) -> SceneEdge {
    let get = |key: &str| attributes.get(key).map(String::as_str);
    let style = get("style").unwrap_or("");
    SceneEdge {
        from,
        to,
        label: get("label").unwrap_or("").to_owned(),
        color: get("color")
            .filter(|c| is_hex(c))
            .unwrap_or("#000000")
            .to_owned(),
        dash: if style.contains("dashed") {
            Dash::Dashed
        } else if style.contains("dotted") {
            Dash::Dotted
        } else {
            Dash::Solid
        },
        pen_width: number(get("penwidth"), 1.0),
        directed: directed && get("dir") != Some("none"),
        tooltip: get("tooltip").unwrap_or("").to_owned(),
    }
}

fn invisible(attributes: &Attributes) -> bool {
    attributes
        .get("style")
        .is_some_and(|style| style.contains("invis"))
}

fn merge(into: &mut Attributes, attributes: &[Attribute]) {
    for Attribute(key, value) in attributes {
        into.insert(text(key), text(value));
    }
}

fn number(value: Option<&str>, default: f64) -> f64 {
    value
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map_or(default, |v| v.min(20.0))
}

fn is_hex(color: &str) -> bool {
    color.len() == 7 && color.starts_with('#') && color[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// An identifier's text: quotes and escapes removed, an HTML-like label
/// reduced to its text.
fn text(id: &Id) -> String {
    match id {
        Id::Escaped(quoted) => unescape(quoted),
        Id::Plain(plain) => plain.clone(),
        Id::Html(html) => html_text(html),
        Id::Anonymous(_) => String::new(),
    }
}

/// A quoted DOT string's text: `\"` is a quote, `\\` a backslash, and
/// `\n`, `\l`, `\r` end a line.
fn unescape(quoted: &str) -> String {
    let inner = quoted
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(quoted);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('n' | 'l' | 'r')) => {
                chars.next();
                out.push('\n');
            }
            ('\\', Some(next @ ('"' | '\\'))) => {
                chars.next();
                out.push(next);
            }
            ('\\', Some('\n')) => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out.trim_end_matches('\n').to_owned()
}

/// The text of an HTML-like label: one line per row of its outermost
/// table, cells joined by spaces, entities decoded.
fn html_text(html: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut depth = 0usize;
    let mut rest = html
        .strip_prefix('<')
        .and_then(|h| h.strip_suffix('>'))
        .unwrap_or(html);
    while let Some(open) = rest.find('<') {
        line.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = rest[open + 1..open + close].to_ascii_uppercase();
        rest = &rest[open + close + 1..];
        match tag.split_whitespace().next().unwrap_or("") {
            "TABLE" => depth += 1,
            "/TABLE" => depth = depth.saturating_sub(1),
            "/TR" if depth <= 1 => lines.push(std::mem::take(&mut line)),
            "/TD" | "BR" | "BR/" => line.push(' '),
            _ => {}
        }
    }
    line.push_str(rest);
    lines.push(line);
    lines
        .iter()
        .map(|l| decode_entities(l.split_whitespace().collect::<Vec<_>>().join(" ").as_str()))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&rest[1..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let code = match name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_edges_and_their_looks_are_read() {
        let scene = scene_of(
            "digraph { graph [label=\"T \\\"q\\\"\"]; node [shape=box, style=\"rounded,filled\"];\n\
             \"A\" [label=\"Alpha\\nline\", fillcolor=\"#ffe08a\", URL=\"r.html#a\"];\n\
             \"G\" [shape=hexagon];\n\
             \"A\" -> \"G\" [label=\"x\", color=\"#cc3311\", style=\"dashed\", penwidth=\"2.5\"];\n\
             \"G\" -> \"A\" [dir=\"none\"];\n\
             \"hidden\" [style=invis]; \"A\" -> \"hidden\"; }",
        )
        .unwrap();
        assert_eq!(scene.title, "T \"q\"");
        assert_eq!(scene.nodes.len(), 2);
        assert_eq!(scene.nodes[0].label, "Alpha\nline");
        assert_eq!(scene.nodes[0].fill, "#ffe08a");
        assert_eq!(scene.nodes[0].link.as_deref(), Some("r.html#a"));
        assert_eq!(scene.nodes[1].shape, Shape::Hexagon);
        assert_eq!(scene.edges.len(), 2);
        let (first, second) = (&scene.edges[0], &scene.edges[1]);
        assert_eq!((first.dash, first.pen_width), (Dash::Dashed, 2.5));
        assert!(first.directed && !second.directed);
    }

    #[test]
    fn an_undirected_graph_draws_no_arrowheads() {
        let scene = scene_of("graph { a -- b -- c }").unwrap();
        assert_eq!(scene.edges.len(), 2);
        assert!(scene.edges.iter().all(|e| !e.directed));
    }

    #[test]
    fn an_html_label_is_drawn_as_its_rows() {
        let scene = scene_of(
            "digraph { l [label=<<TABLE><TR><TD><B>Legend</B></TD></TR>\
             <TR><TD><TABLE><TR><TD>&#9654;</TD></TR></TABLE></TD><TD>A &amp; B</TD></TR></TABLE>>] }",
        )
        .unwrap();
        assert_eq!(scene.nodes[0].label, "Legend\n\u{25b6} A & B");
    }

    #[test]
    fn text_that_is_not_dot_is_an_error() {
        assert!(scene_of("digraph { a -> }").is_err());
    }
}
