//! The report's pages: report.html parsed as a browser would (every section,
//! table, inline SVG and link checked), report.md snapshots, data text that
//! looks like markup shown as text in both, and every diagram drawn by
//! Graphviz (where installed; CI installs it) and by the built-in renderer.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use scraper::{ElementRef, Html, Selector};

use crate::render::NO_GRAPHVIZ;
use crate::report::files_in;
use crate::test::{Test, fixture, root};

/// Runs `report` on `graph` into a fresh folder; returns its files.
fn report_of(graph: &Path, path_env: Option<&str>) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let mut test =
        Test::new()
            .graph(graph)
            .args(["report", "--out-dir", dir.path().to_str().unwrap()]);
    if let Some(path) = path_env {
        test = test
            .env("PATH", path)
            .stderr_contains("drawn with the built-in renderer");
    }
    test.run();
    files_in(dir.path())
}

fn text_of(files: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(files[name].clone()).unwrap()
}

fn select<'a>(page: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn all_text(element: &ElementRef) -> String {
    element.text().collect()
}

/// Every `id` in the page, each once.
fn ids(page: &Html) -> HashSet<String> {
    let mut seen = HashSet::new();
    for element in select(page, "[id]") {
        let id = element.value().attr("id").unwrap().to_owned();
        assert!(seen.insert(id.clone()), "duplicate id {id}");
    }
    seen
}

/// Every link target (`href` or `xlink:href`) in the page.
fn hrefs(page: &Html) -> Vec<String> {
    select(page, "*")
        .iter()
        .flat_map(|e| e.value().attrs())
        .filter(|(name, _)| name.ends_with("href"))
        .map(|(_, value)| value.to_owned())
        .collect()
}

#[test]
fn no_graphviz_internals_show_as_tooltips() {
    let page = Html::parse_document(&text_of(
        &report_of(&root().join("graph.json"), None),
        "report.html",
    ));
    let mut tooltips: Vec<String> = select(&page, "svg title").iter().map(all_text).collect();
    tooltips.extend(
        select(&page, "svg *")
            .iter()
            .flat_map(|e| e.value().attrs())
            .filter(|(name, _)| name.ends_with("title"))
            .map(|(_, value)| value.to_owned()),
    );
    assert!(!tooltips.is_empty());
    for tooltip in &tooltips {
        let internal = tooltip.starts_with('%')
            || tooltip.contains("->")
            || tooltip.contains("legend:")
            || tooltip.contains("junction:")
            || tooltip.starts_with("cluster_");
        assert!(!internal, "Graphviz internal name as a tooltip: {tooltip}");
    }
}

#[test]
fn tables_name_entities_types_and_relations_never_by_id() {
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("graph.json")).unwrap()).unwrap();
    let ids: Vec<&str> = ["entities", "relations", "relation_types"]
        .iter()
        .flat_map(|list| graph[list].as_array().unwrap())
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() > 40, "{ids:?}");
    let page = Html::parse_document(&text_of(
        &report_of(&root().join("graph.json"), None),
        "report.html",
    ));
    let cells = select(&page, "td");
    assert!(cells.len() > 100);
    for cell in cells {
        let text = all_text(&cell);
        assert!(!ids.contains(&text.trim()), "an id as a table cell: {text}");
        // Ids that no prose has: slugs, snake_case and upper-case codes.
        let machine =
            |w: &&str| w.contains(['_', '-']) || w.chars().all(|c| c.is_ascii_uppercase());
        for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-')) {
            let named_by_id = ids.iter().any(|id| machine(id) && *id == word);
            assert!(!named_by_id, "id {word} in a table cell: {text}");
        }
    }
}

#[test]
fn the_html_report_has_every_section_table_and_inline_svg() {
    let graph_file = root().join("graph.json");
    let files = report_of(&graph_file, None);
    let page = Html::parse_document(&text_of(&files, "report.html"));
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&graph_file).unwrap()).unwrap();

    let title = all_text(&select(&page, "h1")[0]);
    assert_eq!(title, graph["title"].as_str().unwrap());

    let ids = ids(&page);
    let mut expected = vec![
        "summary",
        "sources",
        "entities",
        "rankings",
        "blocs",
        "balance",
        "timeline",
        "caveats",
        "relation-types",
        "evidence",
        "about",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    for entity in graph["entities"].as_array().unwrap() {
        expected.push(format!("entity-{}", entity["id"].as_str().unwrap()));
    }
    let sections: HashSet<String> = select(&page, "section")
        .iter()
        .map(|s| s.value().attr("id").unwrap().to_owned())
        .collect();
    for id in &expected {
        assert!(sections.contains(id), "no section {id}");
    }
    let toc: Vec<String> = select(&page, "nav.toc a")
        .iter()
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap()
                .trim_start_matches('#')
                .to_owned()
        })
        .collect();
    let top_level: Vec<String> = select(&page, "section.level-2")
        .iter()
        .map(|s| s.value().attr("id").unwrap().to_owned())
        .collect();
    assert_eq!(
        toc, top_level,
        "the contents list every top-level section, in order"
    );
    for href in hrefs(&page) {
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("link {href} leaves the page: the report must work offline"));
        assert!(ids.contains(target), "link to missing #{target}");
    }

    let svg_files = files.keys().filter(|n| n.ends_with(".svg")).count();
    let figures = select(&page, "figure.diagram");
    assert_eq!(figures.len(), svg_files, "one figure per SVG file");
    for figure in &figures {
        assert_eq!(
            figure.select(&Selector::parse("svg").unwrap()).count(),
            1,
            "figure without inline SVG: {}",
            all_text(figure)
        );
    }
    let entity_links = hrefs(&page)
        .into_iter()
        .filter(|h| h.starts_with("#entity-"))
        .count();
    assert!(entity_links > 30, "diagram nodes link to entity sections");

    let relations = graph["relations"].as_array().unwrap().len();
    let tables = select(&page, "table.sortable");
    for table in &tables {
        let columns = table
            .select(&Selector::parse("thead th button").unwrap())
            .count();
        assert!(columns > 1);
        // Print shows each header's data-label (Chromium prints no button in
        // a header repeated on a new page): it must be the header's text.
        for header in table.select(&Selector::parse("thead th").unwrap()) {
            assert_eq!(
                header.value().attr("data-label"),
                Some(all_text(&header).as_str())
            );
        }
        for row in table.select(&Selector::parse("tbody tr").unwrap()) {
            let cells = row.select(&Selector::parse("td").unwrap()).count();
            assert_eq!(cells, columns, "row of the wrong width: {}", all_text(&row));
        }
    }
    let rows_under = |section: &str| select(&page, &format!("section#{section} tbody tr")).len();
    assert_eq!(rows_under("timeline"), relations);
    assert_eq!(
        rows_under("rankings"),
        graph["entities"].as_array().unwrap().len()
    );
    assert_eq!(
        rows_under("relation-types"),
        graph["relation_types"].as_array().unwrap().len()
    );
    assert!(rows_under("entity-RUS") > 10);

    let citations = select(&page, "ol.citations li");
    // The quotes of the relations, then those of the recorded conflicts.
    let quotes: HashSet<&str> = ["relations", "conflicts"]
        .iter()
        .flat_map(|list| graph[list].as_array().unwrap())
        .flat_map(|r| r["evidence"].as_array().unwrap())
        .map(|e| e["quote"].as_str().unwrap())
        .collect();
    assert_eq!(
        citations.len(),
        quotes.len(),
        "each distinct quote cited once"
    );
    // Every inferred fact is listed under Caveats, and every conflict.
    let inferred: usize = graph["relations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["inferred"].as_object())
        .map(|facts| facts.len())
        .sum();
    let conflicts = graph["conflicts"].as_array().unwrap().len();
    assert_eq!(rows_under("caveats"), inferred + conflicts);
    for citation in &citations {
        let text = all_text(citation);
        assert!(quotes.iter().any(|q| text.contains(q)), "{text}");
    }

    assert_eq!(select(&page, "script").len(), 1);
    assert!(select(&page, "[src], link, iframe, img").is_empty());
}

#[test]
fn the_markdown_report_matches_its_snapshot() {
    for name in ["small.json", "tricky.json"] {
        let files = report_of(&fixture(name), None);
        insta::assert_snapshot!(format!("report_md_{name}"), text_of(&files, "report.md"));
    }
}

#[test]
fn markup_in_the_data_is_shown_as_text() {
    let graph_file = fixture("injection.json");
    let graph: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&graph_file).unwrap()).unwrap();
    let files = report_of(&graph_file, None);
    let page = Html::parse_document(&text_of(&files, "report.html"));

    let scripts = select(&page, "script");
    assert_eq!(scripts.len(), 1, "only the page's own script");
    assert!(all_text(&scripts[0]).starts_with("\n// Sortable tables"));
    assert!(select(&page, "img, iframe, [src]").is_empty());
    for element in select(&page, "*") {
        for (name, value) in element.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}");
            let is_address = name.ends_with("href") || name == "src" || name == "action";
            assert!(
                !(is_address && value.to_ascii_lowercase().contains("javascript:")),
                "{name}={value}"
            );
        }
    }
    assert_eq!(
        all_text(&select(&page, "h1")[0]),
        graph["title"].as_str().unwrap()
    );
    let whole = all_text(&select(&page, "body")[0]);
    for text in [
        graph["entities"][0]["name"].as_str().unwrap(),
        graph["entities"][2]["name"].as_str().unwrap(),
        graph["relations"][0]["label"].as_str().unwrap(),
        graph["relations"][0]["evidence"][0]["quote"]
            .as_str()
            .unwrap(),
        graph["relation_types"][1]["label"].as_str().unwrap(),
        graph["sources"][0]["url"].as_str().unwrap(),
    ] {
        assert!(whole.contains(text), "not shown as text: {text}");
    }

    let markdown = text_of(&files, "report.md");
    for raw in ["<script", "<img", "<iframe", "<svg", "<!--", "<b>"] {
        assert!(!markdown.contains(raw), "report.md holds raw {raw}");
    }
    assert!(
        markdown
            .contains("Evil &lt;script&gt;alert('name')&lt;/script&gt; &amp; \"Co\" \\]\\]&gt;")
    );
    assert!(
        markdown
            .contains("Hit \\| pipe \\*star\\* \\_under\\_ \\[link\\](javascript:x) \\`tick\\`")
    );
    let fence = markdown.find("```mermaid").unwrap();
    let fence_end = fence + markdown[fence + 3..].find("```").unwrap() + 6;
    let outside_mermaid = [&markdown[..fence], &markdown[fence_end..]].concat();
    for (at, _) in outside_mermaid.match_indices("](javascript:") {
        assert_eq!(
            &outside_mermaid[at - 1..at],
            "\\",
            "a link to a script at byte {at}"
        );
    }
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".svg")) {
        let svg = String::from_utf8_lossy(bytes);
        assert!(!svg.contains("<script"), "{name} holds a script");
        assert!(
            svg.contains("&lt;script&gt;") || !name.contains("script"),
            "{name}"
        );
    }
}

#[test]
fn every_diagram_is_drawn_by_graphviz_and_by_the_built_in_renderer() {
    let graphviz = crate::render::has_graphviz();
    for name in ["graph.json", "tricky.json", "injection.json"] {
        let graph = if name == "graph.json" {
            root().join(name)
        } else {
            fixture(name)
        };
        let mut runs = vec![("built-in", report_of(&graph, Some(NO_GRAPHVIZ)))];
        if graphviz {
            runs.push(("Graphviz", report_of(&graph, None)));
        }
        for (renderer, files) in runs {
            let manifest: serde_json::Value =
                serde_json::from_slice(&files["manifest.json"]).unwrap();
            assert!(
                manifest["renderer"]
                    .as_str()
                    .unwrap()
                    .starts_with(if renderer == "Graphviz" {
                        "Graphviz"
                    } else {
                        "built-in"
                    }),
                "{manifest}"
            );
            let dots: Vec<&String> = files.keys().filter(|n| n.ends_with(".dot")).collect();
            for dot in dots {
                let svg = dot.replace(".dot", ".svg");
                let drawn = String::from_utf8_lossy(&files[&svg]);
                assert!(drawn.contains("<svg"), "{name}: {renderer} drew no {svg}");
            }
        }
    }
}

#[test]
fn without_graphviz_the_report_says_once_how_its_svgs_were_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let output = Test::new()
        .graph(&fixture("small.json"))
        .env("PATH", NO_GRAPHVIZ)
        .args(["report", "--out-dir", dir.path().to_str().unwrap()])
        .stderr_contains("built-in renderer")
        .run();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("built-in renderer").count(), 1, "{stderr}");
}

#[test]
fn report_takes_a_title_and_a_date() {
    let dir = tempfile::tempdir().unwrap();
    Test::new()
        .graph(&root().join("graph.json"))
        .args([
            "report",
            "--out-dir",
            dir.path().to_str().unwrap(),
            "--title",
            "Before the summit",
            "--as-of",
            "2023-12-31",
        ])
        .run();
    let markdown = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(markdown.starts_with("# Before the summit\n"), "{markdown}");
    assert!(
        markdown.contains("Relations active on 2023-12-31."),
        "{markdown}"
    );
    assert!(
        !markdown.contains("2024-06-19"),
        "a 2024 relation slipped in"
    );
    let dot = std::fs::read_to_string(dir.path().join("graph.dot")).unwrap();
    assert!(dot.contains("label=\"Before the summit\""), "{dot}");
}

#[test]
fn a_failed_strict_report_leaves_the_previous_one_intact() {
    if !crate::render::has_graphviz() {
        return;
    }
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("report");
    let out = dir.to_str().unwrap();
    let small = fixture("small.json");
    Test::new()
        .graph(&small)
        .args(["report", "--out-dir", out])
        .run();
    let before = files_in(&dir);
    Test::new()
        .graph(&root().join("graph.json"))
        .args(["report", "--out-dir", out, "--timeout", "0", "--strict"])
        .status(1)
        .stderr_contains("error: cannot draw graph.svg: Graphviz (dot) failed: no answer within 0 s (see --timeout)")
        .run();
    assert_eq!(files_in(&dir), before);
}

#[test]
fn diagrams_that_cannot_be_drawn_are_left_out_and_said_so() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("report");
    Test::new()
        .graph(&fixture("small.json"))
        .env("PATH", crate::render::NO_GRAPHVIZ)
        .args([
            "report",
            "--out-dir",
            dir.to_str().unwrap(),
            "--timeout",
            "0",
        ])
        .stderr_contains("warning: 7 diagrams could not be drawn and are left out of the report")
        .stderr_contains(
            "first: cannot draw graph.svg: the built-in renderer gave no answer within 0 s",
        )
        .stderr_any()
        .run();
    let files = files_in(&dir);
    assert!(files.contains_key("graph.dot") && !files.contains_key("graph.svg"));
    let md = text_of(&files, "report.md");
    assert!(
        md.contains("could not be drawn (the built-in renderer gave no answer within 0 s"),
        "{md}"
    );
    assert!(
        md.contains("its Graphviz source is graph.dot in this folder"),
        "{md}"
    );
}
