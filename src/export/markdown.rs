//! Markdown (GitHub-flavoured) for a [`Document`].
//!
//! Data text is escaped so that it is shown, never interpreted: `<`, `>` and
//! `&` become HTML entities, Markdown punctuation is backslash-escaped, line
//! breaks become `<br>`. Anchors are `<a id>` tags before headings and
//! citations, links point at them. Figures are images of the report folder;
//! Mermaid blocks are fenced with more backticks than they contain.

use super::document::{
    Block, Citation, Document, Figure, Inline, Section, Table, Text, cite_anchor, is_web_address,
};
use super::{Export, escape_chars};
use crate::error::Error;

/// Writes a [`Document`] as Markdown.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownExport;

impl Export<Document> for MarkdownExport {
    fn export(&self, doc: &Document) -> Result<Vec<u8>, Error> {
        let mut out = format!("# {}\n\n", escape(&doc.title));
        for line in &doc.byline {
            out.push_str(&format!("{}\\\n", text(line)));
        }
        if !doc.byline.is_empty() {
            out.truncate(out.len() - 2);
            out.push_str("\n\n");
        }
        if doc.contents {
            write_contents(&mut out, doc);
            out.push('\n');
        }
        for section in &doc.sections {
            write_section(&mut out, section);
        }
        Ok(out.into_bytes())
    }
}

fn write_section(out: &mut String, section: &Section) {
    let hashes = "#".repeat(section.level.clamp(2, 6) as usize);
    out.push_str(&format!(
        "<a id=\"{}\"></a>\n{hashes} {}\n\n",
        section.anchor,
        escape(&section.heading)
    ));
    for block in &section.blocks {
        write_block(out, block);
        out.push('\n');
    }
}

fn write_block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(line) => out.push_str(&format!("{}\n", text(line))),
        Block::List(items) => {
            for item in items {
                out.push_str(&format!("- {}\n", text(item)));
            }
        }
        Block::Table(table) => write_table(out, table),
        Block::Figure(figure) => write_figure(out, figure),
        Block::Mermaid(source) => {
            let fence = "`".repeat(longest_backtick_run(source).max(2) + 1);
            out.push_str("The same diagram as Mermaid, for sites that draw it from text:\n\n");
            out.push_str(&format!("{fence}mermaid\n{source}"));
            if !source.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("{fence}\n"));
        }
        Block::Citations(citations) => {
            for citation in citations {
                write_citation(out, citation);
            }
        }
    }
}

fn write_contents(out: &mut String, doc: &Document) {
    for section in doc.sections.iter().filter(|s| s.level <= 3) {
        let indent = "  ".repeat(section.level.saturating_sub(2) as usize);
        out.push_str(&format!(
            "{indent}- [{}](#{})\n",
            escape(&section.heading),
            section.anchor
        ));
    }
}

/// Appends `table` as a GitHub-flavoured Markdown table.
pub fn write_table(out: &mut String, table: &Table) {
    let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    out.push_str(&row(table.columns.iter().map(|c| escape(c)).collect()));
    out.push_str(&row(table
        .columns
        .iter()
        .map(|_| "---".to_owned())
        .collect()));
    for cells in &table.rows {
        out.push_str(&row(cells.iter().map(text).collect()));
    }
}

fn write_figure(out: &mut String, figure: &Figure) {
    out.push_str(&format!(
        "![{}](<{}>)\n",
        escape(&figure.caption),
        figure.file.replace(['<', '>'], "_")
    ));
}

fn write_citation(out: &mut String, citation: &Citation) {
    out.push_str(&format!(
        "<a id=\"{}\"></a>**\\[{}\\]** “{}”",
        cite_anchor(citation.number),
        citation.number,
        escape(&citation.quote)
    ));
    if let Some(translation) = &citation.translation {
        out.push_str(&format!(" (translation: “{}”)", escape(translation)));
    }
    out.push_str(&format!(": {}\n\n", escape(&citation.source)));
}

/// Inline pieces as Markdown.
fn text(line: &Text) -> String {
    line.0.iter().map(inline).collect()
}

fn inline(piece: &Inline) -> String {
    match piece {
        Inline::Plain(s) => escape(s),
        Inline::Strong(s) => format!("**{}**", escape(s)),
        Inline::Link { text, anchor } => format!("[{}](#{anchor})", escape(text)),
        Inline::Web { text, url } if is_web_address(url) => {
            format!("[{}](<{}>)", escape(text), url.replace(['<', '>'], ""))
        }
        Inline::Web { text, url } => format!("{} ({})", escape(text), escape(url)),
        Inline::Cite(numbers) => {
            let links: Vec<String> = numbers
                .iter()
                .map(|n| format!("[{n}](#{})", cite_anchor(*n)))
                .collect();
            format!("\\[{}\\]", links.join(", "))
        }
    }
}

/// Data text made inert: HTML-significant characters as entities, Markdown
/// punctuation backslash-escaped, line breaks as `<br>`.
///
/// ```
/// use relgraph::export::markdown::escape;
/// assert_eq!(escape("<b>*x*</b> | y"), "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| y");
/// ```
pub fn escape(text: &str) -> String {
    escape_chars(text, |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\n' => Some("<br>"),
        '\r' => Some(""),
        '\\' => Some("\\\\"),
        '`' => Some("\\`"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '|' => Some("\\|"),
        '~' => Some("\\~"),
        '#' => Some("\\#"),
        '$' => Some("\\$"),
        _ => None,
    })
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::document::Section;

    fn one_block(block: Block) -> String {
        let doc = Document {
            title: "T".into(),
            byline: vec![],
            contents: true,
            sections: vec![Section {
                anchor: "s".into(),
                heading: "S".into(),
                level: 2,
                blocks: vec![block],
            }],
        };
        String::from_utf8(MarkdownExport.export(&doc).unwrap()).unwrap()
    }

    #[test]
    fn tables_escape_pipes_and_line_breaks() {
        let table = Table {
            columns: vec!["a|b".into()],
            rows: vec![vec![Text::plain("x\ny | <script>")]],
        };
        let md = one_block(Block::Table(table));
        assert!(
            md.contains("| a\\|b |\n| --- |\n| x<br>y \\| &lt;script&gt; |\n"),
            "{md}"
        );
    }

    #[test]
    fn mermaid_fence_outgrows_backticks_inside() {
        let md = one_block(Block::Mermaid("flowchart LR\n  A[\"```\"]\n".into()));
        assert!(md.contains("````mermaid\n"), "{md}");
        assert!(md.contains("\n````\n"), "{md}");
    }

    #[test]
    fn only_web_addresses_become_links() {
        let web = |url: &str| {
            inline(&Inline::Web {
                text: "site".into(),
                url: url.into(),
            })
        };
        assert_eq!(web("https://example.org"), "[site](<https://example.org>)");
        assert_eq!(web("javascript:alert(1)"), "site (javascript:alert(1))");
    }

    #[test]
    fn contents_link_every_section() {
        let md = one_block(Block::List(vec![]));
        assert!(md.contains("- [S](#s)\n"), "{md}");
    }

    #[test]
    fn citations_have_anchors() {
        let md = one_block(Block::Citations(vec![Citation {
            number: 2,
            quote: "q".into(),
            translation: Some("t".into()),
            source: "src".into(),
        }]));
        assert!(
            md.contains("<a id=\"cite-2\"></a>**\\[2\\]** “q” (translation: “t”): src"),
            "{md}"
        );
        assert_eq!(
            inline(&Inline::Cite(vec![1, 2])),
            "\\[[1](#cite-1), [2](#cite-2)\\]"
        );
    }
}
