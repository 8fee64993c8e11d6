//! Mermaid flowcharts of a [`Diagram`](crate::query::diagram::Diagram) selection, so Markdown reports can
//! carry the diagram as text (code-hosting sites render it).
//!
//! Same look as the DOT output where Mermaid allows it: node shapes by kind
//! (country: rounded box, group: hexagon, organization: subroutine, person:
//! stadium), edges coloured by relation type (or by net polarity when
//! merged), solid for cooperative, dashed for hostile, dotted for neutral,
//! without arrowheads for undirected types, as thick as their weight. Text is
//! quoted and written with Mermaid's entity codes, so names and labels are
//! shown as typed, never interpreted.

use std::fmt::Write;

use super::look::{EdgeLook, edge_look, junction_look};
use super::{Export, escape_chars};
use crate::error::Error;
use crate::model::{Kind, Polarity};
use crate::query::diagram::{DiagramOf, RankDir};

/// A Mermaid flowchart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MermaidExport {
    /// Title, written as front matter.
    pub title: String,
    /// Layout direction.
    pub rankdir: RankDir,
}

impl Export<DiagramOf<'_>> for MermaidExport {
    fn export(&self, input: &DiagramOf<'_>) -> Result<Vec<u8>, Error> {
        let data = &input.graph.data;
        let mut out = String::new();
        let direction = match self.rankdir {
            RankDir::Lr => "LR",
            RankDir::Tb => "TB",
        };
        let _ = writeln!(
            out,
            "---\ntitle: \"{}\"\n---",
            yaml_escape(&text(&self.title))
        );
        let _ = writeln!(out, "flowchart {direction}");
        for &e in &input.diagram.nodes {
            let entity = data.entity(e);
            let (open, close) = shape(entity.kind);
            let _ = writeln!(out, "  n{e}{open}\"{}\"{close}", text(&entity.name));
        }
        let mut links = Links::default();
        for edge in &input.diagram.edges {
            let look = edge_look(input.graph, edge, input.diagram.merged);
            let (from, to) = (format!("n{}", edge.source), format!("n{}", edge.target));
            links.add(&mut out, &from, &to, &look);
        }
        for (n, junction) in input.diagram.junctions.iter().enumerate() {
            let look = junction_look(input.graph, junction, input.diagram.merged);
            let id = format!("j{n}");
            let _ = writeln!(out, "  {id}([\"{}\"])", text(&look.label));
            let line = EdgeLook {
                label: String::new(),
                ..look
            };
            let inward = EdgeLook {
                directed: false,
                ..line.clone()
            };
            for source in &junction.sources {
                links.add(&mut out, &format!("n{source}"), &id, &inward);
            }
            for target in &junction.targets {
                links.add(&mut out, &id, &format!("n{target}"), &line);
            }
        }
        out.push_str(&links.styles);
        Ok(out.into_bytes())
    }
}

/// Links written so far, and their styles, written after them all.
#[derive(Default)]
struct Links {
    count: usize,
    styles: String,
}

impl Links {
    fn add(&mut self, out: &mut String, from: &str, to: &str, look: &EdgeLook) {
        let arrow = if look.directed { "-->" } else { "---" };
        let label = if look.label.is_empty() {
            String::new()
        } else {
            format!("|\"{}\"|", text(&look.label))
        };
        let _ = writeln!(out, "  {from} {arrow}{label} {to}");
        let _ = writeln!(
            self.styles,
            "  linkStyle {n} stroke:{color},stroke-width:{width}px{dash},color:{font}",
            n = self.count,
            color = safe_color(&look.color),
            width = look.pen_width(),
            dash = dash(look.polarity),
            font = safe_color(&look.font_color()),
        );
        self.count += 1;
    }
}

fn shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Country => ("(", ")"),
        Kind::Group => ("{{", "}}"),
        Kind::Organization => ("[[", "]]"),
        Kind::Person => ("([", "])"),
    }
}

fn dash(polarity: Polarity) -> &'static str {
    match polarity {
        Polarity::Cooperative => "",
        Polarity::Hostile => ",stroke-dasharray:6 4",
        Polarity::Neutral => ",stroke-dasharray:2 3",
    }
}

/// Label text inside double quotes: quotes, `#`, `<`, `>`, `&` and
/// backslashes as Mermaid entity codes, line breaks as `<br/>`.
fn text(label: &str) -> String {
    escape_chars(label, |c| match c {
        '"' => Some("#quot;"),
        '#' => Some("#35;"),
        '<' => Some("#lt;"),
        '>' => Some("#gt;"),
        '&' => Some("#amp;"),
        '\\' => Some("#92;"),
        '\n' => Some("<br/>"),
        '\r' => Some(""),
        _ => None,
    })
}

fn yaml_escape(title: &str) -> String {
    title
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

/// A colour safe inside `linkStyle`: `#` and hex digits, or a plain colour name.
fn safe_color(color: &str) -> &str {
    let hex = color.len() > 1
        && color.len() <= 9
        && color.starts_with('#')
        && color[1..].bytes().all(|b| b.is_ascii_hexdigit());
    let name = !color.is_empty() && color.bytes().all(|b| b.is_ascii_alphabetic());
    if hex || name { color } else { "#666666" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Filter;
    use crate::graph::tests::small;
    use crate::query::diagram::{DiagramSpec, diagram};

    #[test]
    fn draws_nodes_edges_and_styles() {
        let g = small();
        let spec = DiagramSpec {
            detail: crate::query::diagram::Detail::Expand,
            ..DiagramSpec::default()
        };
        let d = diagram(&g, &Filter::default(), spec);
        let style = MermaidExport {
            title: "T \"q\"".into(),
            rankdir: RankDir::Lr,
        };
        let text = String::from_utf8(
            style
                .export(&DiagramOf {
                    graph: &g,
                    diagram: &d,
                })
                .unwrap(),
        )
        .unwrap();
        assert!(
            text.starts_with("---\ntitle: \"T #quot;q#quot;\"\n---\nflowchart LR\n"),
            "{text}"
        );
        assert!(text.contains("  n0(\"Alpha\")\n"), "{text}");
        assert!(text.contains("  n2{{\"Gamma\"}}\n"), "{text}");
        assert!(
            text.contains("  n0 ---|\"alliance (2020)\"| n1\n"),
            "{text}"
        );
        assert!(
            text.contains("  n0 -->|\"sanction (2022)\"| n2\n"),
            "{text}"
        );
        assert!(
            text.contains("linkStyle 1 stroke:#cc6677,stroke-width:2.75px,stroke-dasharray:6 4"),
            "{text}"
        );
    }

    #[test]
    fn text_is_never_interpreted() {
        assert_eq!(
            text("<script>\"a\" & #1</script>\nx"),
            "#lt;script#gt;#quot;a#quot; #amp; #35;1#lt;/script#gt;<br/>x"
        );
        assert_eq!(safe_color("red;stroke:0"), "#666666");
        assert_eq!(safe_color("#AbC123"), "#AbC123");
    }
}
