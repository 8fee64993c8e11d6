//! A diagram's legend as one Graphviz node holding an HTML-like table: a
//! small sample and a name per row, so it stays compact and is laid out
//! beside the graph like any node.

use crate::export::escape_chars;
use crate::export::legend::LegendEntry;
use crate::export::look::EdgeLook;
use crate::model::{Kind, Polarity};

/// Width of a line sample, in points.
const SAMPLE: u32 = 30;

/// The legend table, as the inside of a DOT `<…>` label.
pub fn table(rows: &[LegendEntry]) -> String {
    let mut html = String::from(
        "<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"0\" \
         CELLPADDING=\"3\" BGCOLOR=\"#ffffff\">\
         <TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>",
    );
    for row in rows {
        let (sample, label) = match row {
            LegendEntry::Line(look) => (line_sample(look), look.label.as_str()),
            LegendEntry::Width(text) => (width_sample(), *text),
            LegendEntry::Kind(kind) => (kind_sample(*kind), kind.as_str()),
            LegendEntry::Group { name, fill } => (fill_sample(fill), name.as_str()),
        };
        html.push_str(&format!(
            "<TR><TD ALIGN=\"LEFT\">{sample}</TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
            escape_html(label)
        ));
    }
    html.push_str("</TABLE>");
    html
}

/// Text escaped for an HTML-like label.
pub fn escape_html(text: &str) -> String {
    escape_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\n' => Some("<BR/>"),
        '\r' => Some(""),
        _ => None,
    })
}

/// Dash pattern of a polarity's lines: lengths drawn and skipped, in points.
fn dashes(polarity: Polarity) -> &'static [(u32, u32)] {
    match polarity {
        Polarity::Cooperative => &[(SAMPLE, 0)],
        Polarity::Hostile => &[(6, 3), (6, 3), (6, 3), (3, 0)],
        Polarity::Neutral => &[(2, 2); 8],
    }
}

/// A line sample: one row of cells per stroke (dashes as coloured cells),
/// then an arrowhead when the look is directed.
fn line_sample(look: &EdgeLook) -> String {
    let mut stroke = String::new();
    for &(on, off) in dashes(look.polarity) {
        stroke.push_str(&format!(
            "<TD WIDTH=\"{on}\" HEIGHT=\"2\" FIXEDSIZE=\"TRUE\" BGCOLOR=\"{}\"></TD>",
            look.color
        ));
        if off > 0 {
            stroke.push_str(&format!(
                "<TD WIDTH=\"{off}\" HEIGHT=\"2\" FIXEDSIZE=\"TRUE\"></TD>"
            ));
        }
    }
    let cells = dashes(look.polarity)
        .iter()
        .map(|&(_, off)| 1 + usize::from(off > 0))
        .sum::<usize>();
    let width: u32 = dashes(look.polarity)
        .iter()
        .map(|&(on, off)| on + off)
        .sum();
    let gap = format!(
        "<TR><TD COLSPAN=\"{cells}\" WIDTH=\"{width}\" HEIGHT=\"1\" FIXEDSIZE=\"TRUE\"></TD></TR>"
    );
    let strokes: Vec<String> = (0..look.strokes.max(1))
        .map(|_| format!("<TR>{stroke}</TR>"))
        .collect();
    let arrow = if look.directed {
        format!(
            "<FONT COLOR=\"{}\" POINT-SIZE=\"9\">&#9654;</FONT>",
            look.color
        )
    } else {
        String::new()
    };
    format!(
        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>\
         <TD><TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">{}</TABLE></TD>\
         <TD WIDTH=\"10\">{arrow}</TD></TR></TABLE>",
        strokes.join(&gap)
    )
}

/// Two lines, thin and thick.
fn width_sample() -> String {
    let bar = |height: u32| {
        format!(
            "<TR><TD WIDTH=\"{SAMPLE}\" HEIGHT=\"{height}\" FIXEDSIZE=\"TRUE\" BGCOLOR=\"#777777\"></TD></TR>"
        )
    };
    format!(
        "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">{}{}</TABLE>",
        bar(1),
        bar(5)
    )
}

/// A shape's glyph.
fn kind_sample(kind: Kind) -> String {
    let glyph = match kind {
        Kind::Country => "&#9634;",
        Kind::Group => "&#11041;",
        Kind::Organization => "&#9707;",
        Kind::Person => "&#9711;",
    };
    format!("<FONT POINT-SIZE=\"14\">{glyph}</FONT>")
}

/// A small filled box.
fn fill_sample(fill: &str) -> String {
    format!(
        "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" COLOR=\"#777777\"><TR>\
         <TD WIDTH=\"{SAMPLE}\" HEIGHT=\"10\" FIXEDSIZE=\"TRUE\" BGCOLOR=\"{fill}\"></TD></TR></TABLE>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_samples_follow_the_look() {
        let look = EdgeLook {
            label: "<b>&\"x\"".into(),
            color: "#332288".into(),
            strokes: 2,
            polarity: Polarity::Hostile,
            directed: false,
            ..EdgeLook::default()
        };
        let html = table(&[LegendEntry::Line(look)]);
        assert!(html.contains("&lt;b&gt;&amp;&quot;x&quot;"), "{html}");
        assert_eq!(html.matches("BGCOLOR=\"#332288\"").count(), 8, "{html}");
        assert!(
            !html.contains("&#9654;"),
            "undirected: no arrowhead\n{html}"
        );
    }
}
