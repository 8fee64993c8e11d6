//! One self-contained HTML page for a [`Document`]: styles and the small
//! table-sorting and diagram-zooming scripts are inline, SVG figures are
//! inlined (each with an "Enlarge" button that opens it full-window, with
//! pan and zoom), nothing is fetched from the network, and a print style
//! sheet keeps figures and rows whole on paper.
//!
//! All data text is HTML-escaped. Inline SVGs get their `id`s prefixed so
//! several can share a page, and links to `report.html#…` inside them become
//! links within the page.

use std::collections::BTreeMap;

use super::document::{
    Block, Citation, Document, Figure, Inline, Section, Table, Text, cite_anchor, is_web_address,
};
use super::{Export, escape_chars};
use crate::error::Error;

const STYLE: &str = include_str!("style.css");
const SORT_SCRIPT: &str = include_str!("sort.js");
const ZOOM_SCRIPT: &str = include_str!("zoom.js");

/// The page that inline SVGs link to for entity sections.
pub const REPORT_PAGE: &str = "report.html";

/// Writes a [`Document`] as one HTML page.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlExport;

/// A document with the images its figures show, by file name.
pub struct HtmlDocument<'a> {
    /// The content.
    pub document: &'a Document,
    /// SVG images by file name; figures without one show their caption only.
    pub images: &'a BTreeMap<String, Vec<u8>>,
}

impl Export<HtmlDocument<'_>> for HtmlExport {
    fn export(&self, input: &HtmlDocument<'_>) -> Result<Vec<u8>, Error> {
        let doc = input.document;
        let mut page = Page {
            out: String::new(),
            images: input.images,
            figures: 0,
        };
        page.head(doc);
        if doc.contents {
            page.contents(doc);
        }
        for section in &doc.sections {
            page.section(section);
        }
        page.out.push_str(&format!(
            "</main>\n<script>\n{SORT_SCRIPT}{ZOOM_SCRIPT}</script>\n</body>\n</html>\n"
        ));
        Ok(page.out.into_bytes())
    }
}

/// The page being written.
struct Page<'a> {
    out: String,
    images: &'a BTreeMap<String, Vec<u8>>,
    figures: usize,
}

impl Page<'_> {
    fn head(&mut self, doc: &Document) {
        let byline: Vec<String> = doc.byline.iter().map(text).collect();
        self.out.push_str(&format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
             <header>\n<h1>{}</h1>\n<p class=\"byline\">{}</p>\n</header>\n<main>\n",
            escape(&doc.title),
            escape_text(&doc.title),
            byline.join("<br>\n")
        ));
    }

    fn section(&mut self, section: &Section) {
        let level = section.level.clamp(2, 6);
        self.out.push_str(&format!(
            "<section id=\"{}\" class=\"level-{level}\">\n<h{level}>{}</h{level}>\n",
            escape(&section.anchor),
            escape_text(&section.heading)
        ));
        for block in &section.blocks {
            self.block(block);
        }
        self.out.push_str("</section>\n");
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Paragraph(line) => self.out.push_str(&format!("<p>{}</p>\n", text(line))),
            Block::List(items) => {
                self.out.push_str("<ul>\n");
                for item in items {
                    self.out.push_str(&format!("<li>{}</li>\n", text(item)));
                }
                self.out.push_str("</ul>\n");
            }
            Block::Table(table) => self.table(table),
            Block::Figure(figure) => self.figure(figure),
            Block::Mermaid(source) => self.out.push_str(&format!(
                "<details class=\"mermaid\">\n<summary>The same diagram as Mermaid text</summary>\n\
                 <pre><code>{}</code></pre>\n</details>\n",
                escape(source)
            )),
            Block::Citations(citations) => {
                self.out.push_str("<ol class=\"citations\">\n");
                citations.iter().for_each(|c| self.citation(c));
                self.out.push_str("</ol>\n");
            }
        }
    }

    fn contents(&mut self, doc: &Document) {
        let link = |section: &Section| {
            format!(
                "<a href=\"#{}\">{}</a>",
                escape(&section.anchor),
                escape_text(&section.heading)
            )
        };
        self.out.push_str(
            "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ul>\n",
        );
        for top in doc.sections.iter().filter(|s| s.level <= 2) {
            self.out.push_str(&format!("<li>{}</li>\n", link(top)));
        }
        self.out.push_str("</ul>\n</nav>\n");
    }

    fn table(&mut self, table: &Table) {
        self.out
            .push_str("<div class=\"table-wrap\">\n<table class=\"sortable\">\n<thead>\n<tr>");
        for column in &table.columns {
            // The label twice: Chromium prints no button in a header it repeats on
            // a new page, so print shows the data-label instead.
            self.out.push_str(&format!(
                "<th scope=\"col\" data-label=\"{}\"><button type=\"button\">{}</button></th>",
                escape(column),
                escape_text(column)
            ));
        }
        self.out.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &table.rows {
            let cells: String = row
                .iter()
                .map(|c| format!("<td>{}</td>", text(c)))
                .collect();
            self.out.push_str(&format!("<tr>{cells}</tr>\n"));
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn figure(&mut self, figure: &Figure) {
        self.figures += 1;
        let image = self
            .images
            .get(&figure.file)
            .and_then(|svg| inline_svg(&String::from_utf8_lossy(svg), self.figures));
        let body = match image {
            Some(svg) => format!(
                "<button type=\"button\" class=\"enlarge\" aria-label=\"Enlarge: {}\">\
                 Enlarge</button>\n{svg}",
                escape(&figure.caption)
            ),
            None => format!(
                "<p class=\"missing\">(diagram {} not drawn)</p>",
                escape(&figure.file)
            ),
        };
        let print = self
            .images
            .get(&figure.file)
            .map_or(Print::Flow, |svg| print_of(svg));
        let attributes = match print {
            Print::Flow => "class=\"diagram\"".to_owned(),
            Print::A4Landscape(width) => {
                format!("class=\"diagram a4-landscape\" style=\"--print-width: {width:.0}pt\"")
            }
            Print::A3Landscape(width) => {
                format!("class=\"diagram a3-landscape\" style=\"--print-width: {width:.0}pt\"")
            }
        };
        self.out.push_str(&format!(
            "<figure {attributes}>\n{body}\n<figcaption>{}</figcaption>\n</figure>\n",
            escape_text(&figure.caption)
        ));
    }

    fn citation(&mut self, citation: &Citation) {
        let mut item = format!(
            "<li id=\"{}\" value=\"{}\"><q>{}</q>",
            cite_anchor(citation.number),
            citation.number,
            escape_text(&citation.quote)
        );
        if let Some(translation) = &citation.translation {
            item.push_str(&format!(
                " <span class=\"translation\">(translation: <q>{}</q>)</span>",
                escape_text(translation)
            ));
        }
        item.push_str(&format!(
            " <span class=\"source\">{}</span></li>\n",
            escape_text(&citation.source)
        ));
        self.out.push_str(&item);
    }
}

/// Inline pieces as HTML.
fn text(line: &Text) -> String {
    line.0.iter().map(inline).collect()
}

fn inline(piece: &Inline) -> String {
    match piece {
        Inline::Plain(s) => escape_text(s),
        Inline::Strong(s) => format!("<strong>{}</strong>", escape_text(s)),
        Inline::Link { text, anchor } => {
            format!("<a href=\"#{}\">{}</a>", escape(anchor), escape_text(text))
        }
        Inline::Web { text, url } if is_web_address(url) => format!(
            "<a href=\"{}\" rel=\"noreferrer\">{}</a>",
            escape(url),
            escape_text(text)
        ),
        Inline::Web { text, url } => format!("{} ({})", escape_text(text), escape_text(url)),
        Inline::Cite(numbers) => {
            let links: Vec<String> = numbers
                .iter()
                .map(|n| format!("<a href=\"#{}\">{n}</a>", cite_anchor(*n)))
                .collect();
            format!("<sup class=\"cite\">[{}]</sup>", links.join(", "))
        }
    }
}

/// Text made safe in HTML content and attribute values, line breaks kept.
///
/// ```
/// use relgraph::export::html::escape;
/// assert_eq!(escape("<a href=\"x\">&'\n"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\n");
/// ```
pub fn escape(text: &str) -> String {
    escape_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        '\r' => Some(""),
        _ => None,
    })
}

/// Text made safe as element content, with line breaks shown as `<br>`.
///
/// ```
/// use relgraph::export::html::escape_text;
/// assert_eq!(escape_text("two\n<lines>"), "two<br>&lt;lines&gt;");
/// ```
pub fn escape_text(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

/// An SVG image ready to sit inside a page: the XML prolog, doctype and
/// comments before `<svg` dropped, `id`s and references to them prefixed
/// with `f<number>-`, and links to [`REPORT_PAGE`] turned into in-page links.
/// `None` when the text holds no `<svg` element.
fn inline_svg(svg: &str, number: usize) -> Option<String> {
    let start = svg.find("<svg")?;
    let tag_end = start + svg[start..].find('>')? + 1;
    let prefix = format!("f{number}-");
    let body = svg[tag_end..]
        .trim_end()
        .replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace("url(#", &format!("url(#{prefix}"))
        .replace("href=\"#", &format!("href=\"#{prefix}"))
        .replace(&format!("href=\"{REPORT_PAGE}#"), "href=\"#");
    Some(fluid_root(&svg[start..tag_end]) + &body)
}

/// How a drawing prints: in the flow of portrait pages when it keeps
/// [`FLOW_SCALE`] of its size there, else alone on a landscape page (A4,
/// or A3 when A4 would print its 10 pt labels under 7 pt), at this width in
/// points.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Print {
    Flow,
    A4Landscape(f64),
    A3Landscape(f64),
}

/// The smallest scale that prints 10 pt labels at 7 pt.
const LEGIBLE_SCALE: f64 = 0.7;
/// The smallest scale at which a drawing prints in the flow of the text.
const FLOW_SCALE: f64 = 0.85;

/// Where the drawing `svg` prints (see [`Print`]); the page areas are those
/// of the print style sheet's `@page` rules, less a line for the caption.
fn print_of(svg: &[u8]) -> Print {
    const PORTRAIT: (f64, f64) = (527.0, 700.0);
    const A4_LANDSCAPE: (f64, f64) = (802.0, 540.0);
    const A3_LANDSCAPE: (f64, f64) = (1151.0, 785.0);
    let Some((w, h)) = natural_size(&String::from_utf8_lossy(svg)) else {
        return Print::Flow;
    };
    let scale = |(pw, ph): (f64, f64)| (pw / w).min(ph / h).min(1.0);
    if scale(PORTRAIT) >= FLOW_SCALE {
        return Print::Flow;
    }
    if scale(A4_LANDSCAPE) >= LEGIBLE_SCALE {
        Print::A4Landscape(w * scale(A4_LANDSCAPE))
    } else {
        Print::A3Landscape(w * scale(A3_LANDSCAPE))
    }
}

/// The width and height, in points, an SVG's root tag gives (pixels count
/// three quarters of a point).
fn natural_size(svg: &str) -> Option<(f64, f64)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let points = |value: &str| -> Option<f64> {
        match value.strip_suffix("px") {
            Some(px) => px.parse::<f64>().ok().map(|v| v * 0.75),
            None => value.trim_end_matches("pt").parse().ok(),
        }
    };
    Some((
        points(attribute(tag, "width")?)?,
        points(attribute(tag, "height")?)?,
    ))
}

/// The root `<svg …>` tag made to shrink with the page: its fixed `width`
/// and `height` become a maximum width and an aspect ratio, so the drawing
/// keeps its natural size where there is room and never leaves empty space.
fn fluid_root(tag: &str) -> String {
    let (Some(width), Some(height)) = (attribute(tag, "width"), attribute(tag, "height")) else {
        return tag.to_owned();
    };
    let number = |value: &str| value.trim_end_matches("pt").parse::<f64>().ok();
    let (Some(w), Some(h)) = (number(width), number(height)) else {
        return tag.to_owned();
    };
    let unit = if width.ends_with("pt") { "pt" } else { "px" };
    let style = format!(
        " style=\"width: 100%; max-width: {w}{unit}; height: auto; aspect-ratio: {w} / {h}\""
    );
    let stripped = tag
        .replacen(&format!(" width=\"{width}\""), "", 1)
        .replacen(&format!(" height=\"{height}\""), "", 1);
    format!("<svg{style}{}", &stripped["<svg".len()..])
}

/// The value of attribute `name` in a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(&tag[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Section;

    fn page(blocks: Vec<Block>, images: &BTreeMap<String, Vec<u8>>) -> String {
        let document = Document {
            title: "T <&>".into(),
            byline: vec![Text::plain("by")],
            contents: true,
            sections: vec![
                Section {
                    anchor: "a".into(),
                    heading: "A".into(),
                    level: 2,
                    blocks,
                },
                Section {
                    anchor: "a-1".into(),
                    heading: "A.1".into(),
                    level: 3,
                    blocks: vec![],
                },
                Section {
                    anchor: "b".into(),
                    heading: "B".into(),
                    level: 2,
                    blocks: vec![],
                },
            ],
        };
        let input = HtmlDocument {
            document: &document,
            images,
        };
        String::from_utf8(HtmlExport.export(&input).unwrap()).unwrap()
    }

    #[test]
    fn contents_list_the_sections_only() {
        let html = page(vec![], &BTreeMap::new());
        assert!(
            html.contains(
                "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n\
                 <ul>\n<li><a href=\"#a\">A</a></li>\n<li><a href=\"#b\">B</a></li>\n</ul>\n</nav>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<h3 id=\"a-1\">A.1</h3>") || html.contains("id=\"a-1\""),
            "{html}"
        );
    }

    #[test]
    fn figures_inline_their_svg_with_prefixed_ids() {
        let svg = "<?xml version=\"1.0\"?>\n<!-- c -->\n<svg width=\"200pt\" height=\"100pt\" viewBox=\"0 0 200 100\"><g id=\"node1\"><a xlink:href=\"report.html#entity-RUS\">\
                   <path marker-end=\"url(#arrow)\" /></a><use href=\"#node1\"/></g></svg>\n";
        let images = BTreeMap::from([("g.svg".to_owned(), svg.as_bytes().to_vec())]);
        let figure = |file: &str| {
            Block::Figure(Figure {
                file: file.into(),
                caption: "cap".into(),
            })
        };
        let html = page(vec![figure("g.svg"), figure("missing.svg")], &images);
        assert!(!html.contains("<?xml"), "{html}");
        assert!(
            html.contains(
                "<svg style=\"width: 100%; max-width: 200pt; height: auto; aspect-ratio: 200 / 100\" viewBox=\"0 0 200 100\">"
            ),
            "{html}"
        );
        assert!(html.contains("<g id=\"f1-node1\">"), "{html}");
        assert!(html.contains("xlink:href=\"#entity-RUS\""), "{html}");
        assert!(html.contains("url(#f1-arrow)"), "{html}");
        assert!(html.contains("href=\"#f1-node1\""), "{html}");
        assert!(html.contains("(diagram missing.svg not drawn)"), "{html}");
    }

    #[test]
    fn title_is_escaped_and_script_is_inline() {
        let html = page(vec![], &BTreeMap::new());
        assert!(html.contains("<title>T &lt;&amp;&gt;</title>"), "{html}");
        assert!(html.contains("<script>\n// Sortable tables"), "{html}");
        assert!(!html.contains("src=\"http"), "{html}");
    }
}
