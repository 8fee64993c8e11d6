//! `relgraph dot`: snapshots of the DOT text, checked by a real DOT parser and
//! rendered by Graphviz where it is installed (CI installs it).

use std::io::Write;
use std::process::{Command, Stdio};

use graphviz_rust::dot_structures::{EdgeTy, Graph, Stmt, Subgraph};

use crate::test::{Test, fixture, root};

fn dot_of(graph: &str, args: &[&str]) -> String {
    Test::new()
        .graph(&fixture(graph))
        .arg("dot")
        .args(args)
        .stdout_text()
}

fn edge_count(stmts: &[Stmt]) -> usize {
    stmts
        .iter()
        .map(|stmt| match stmt {
            Stmt::Edge(_) => 1,
            Stmt::Subgraph(Subgraph { stmts, .. }) => edge_count(stmts),
            _ => 0,
        })
        .sum()
}

/// Every edge's two ends, as the DOT names them.
fn edge_ends(stmts: &[Stmt]) -> Vec<(String, String)> {
    stmts
        .iter()
        .flat_map(|stmt| match stmt {
            Stmt::Edge(edge) => match &edge.ty {
                EdgeTy::Pair(a, b) => vec![(format!("{a:?}"), format!("{b:?}"))],
                EdgeTy::Chain(chain) => chain
                    .windows(2)
                    .map(|w| (format!("{:?}", w[0]), format!("{:?}", w[1])))
                    .collect(),
            },
            Stmt::Subgraph(Subgraph { stmts, .. }) => edge_ends(stmts),
            _ => Vec::new(),
        })
        .collect()
}

/// How many edges join the most connected ordered pair of nodes in `text`.
fn most_edges_between_one_pair(text: &str) -> usize {
    let Ok(Graph::DiGraph { stmts, .. }) = graphviz_rust::parse(text) else {
        panic!("DOT does not parse:\n{text}");
    };
    let mut count = std::collections::BTreeMap::new();
    for ends in edge_ends(&stmts) {
        *count.entry(ends).or_insert(0) += 1;
    }
    count.into_values().max().unwrap_or(0)
}

/// Parses `text` as DOT and returns how many edges it has, legend included.
fn parsed_edges(text: &str) -> usize {
    match graphviz_rust::parse(text) {
        Ok(Graph::DiGraph { stmts, .. }) => edge_count(&stmts),
        Ok(Graph::Graph { .. }) => panic!("expected a digraph"),
        Err(err) => panic!("DOT does not parse: {err}\n{text}"),
    }
}

/// Renders `text` with Graphviz when it is installed (CI must have it) and
/// returns the SVG.
pub fn renders(text: &str) -> Option<String> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("Graphviz not installed: rendering not checked");
            return None;
        }
        Err(err) => panic!("CI must install Graphviz: {err}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot -Tsvg failed: {stderr}");
    assert!(stderr.trim().is_empty(), "dot -Tsvg warned: {stderr}");
    let svg = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(svg.contains("<svg"));
    Some(svg)
}

#[test]
fn graphviz_draws_ampersands_and_entities_as_written() {
    let text = dot_of("tricky.json", &[]);
    let Some(svg) = renders(&text) else { return };
    // The name "<table>{record|fields}</table> & co", XML-escaped in the SVG.
    assert!(
        svg.contains("&lt;table&gt;{record|fields}&lt;/table&gt; &amp; co"),
        "{svg}"
    );
    // The quote ending in the text "&amp;" stays "&amp;", not "&".
    assert!(svg.contains("]]&gt; &amp;amp;"), "{svg}");
}

fn check(text: &str, edges: usize) {
    assert_eq!(parsed_edges(text), edges);
    renders(text);
}

#[test]
fn bundled_graph_diagram() {
    let text = Test::new().current_dir(&root()).arg("dot").stdout_text();
    // Merged by default: 13 ordered pairs (undirected relations once per
    // pair), and the deterrence clause fanned out from three entities to two
    // drawn through one junction (3 edges in, 2 out); the legend draws none.
    check(&text, 13 + 5);
    assert_eq!(most_edges_between_one_pair(&text), 1, "{text}");
    insta::assert_snapshot!("bundled_graph", text);
}

/// The share of the drawing's area that the legend node takes, as Graphviz
/// lays out `text` (`dot -Tjson`); `None` without Graphviz.
fn legend_share(text: &str) -> Option<f64> {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let layout: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let numbers = |v: &serde_json::Value| -> Vec<f64> {
        v.as_str()
            .unwrap()
            .split(',')
            .map(|n| n.parse().unwrap())
            .collect()
    };
    let bb = numbers(&layout["bb"]);
    let legend = layout["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "legend")
        .expect("a legend node");
    let inches = |key: &str| legend[key].as_str().unwrap().parse::<f64>().unwrap() * 72.0;
    Some(inches("width") * inches("height") / ((bb[2] - bb[0]) * (bb[3] - bb[1])))
}

#[test]
fn the_legend_takes_at_most_15_percent_of_the_drawing() {
    for args in [&[][..], &["--color-by", "bloc", "--cluster-by", "bloc"][..]] {
        let text = Test::new()
            .current_dir(&root())
            .arg("dot")
            .args(args)
            .stdout_text();
        let Some(share) = legend_share(&text) else {
            assert!(std::env::var_os("CI").is_none(), "CI must install Graphviz");
            return;
        };
        assert!(
            share <= 0.15,
            "legend takes {:.1}% of {args:?}",
            share * 100.0
        );
    }
}

#[test]
fn small_graph_diagram() {
    let text = dot_of("small.json", &[]);
    // Four relations between distinct pairs; too few lines for a legend.
    check(&text, 4);
    insta::assert_snapshot!("small_graph", text);
}

#[test]
fn merged_diagram_has_one_edge_per_pair_and_direction() {
    let text = Test::new()
        .current_dir(&root())
        .args(["dot", "--merge"])
        .stdout_text();
    // What the default draws for the bundled graph (see bundled_graph_diagram).
    check(&text, 13 + 5);
    assert_eq!(most_edges_between_one_pair(&text), 1, "{text}");
    let expanded = Test::new()
        .current_dir(&root())
        .args(["dot", "--expand"])
        .stdout_text();
    // --expand draws every relation: 18 between Russia and North Korea alone
    // (35 in all, the fanned-out clause's six through its junction).
    let (rus, prk) = ("\"RUS\"", "\"PRK\"");
    let between = expanded
        .lines()
        .filter(|l| {
            l.contains(&format!("{rus} -> {prk}")) || l.contains(&format!("{prk} -> {rus}"))
        })
        .count();
    assert_eq!(between, 18, "{expanded}");
    insta::assert_snapshot!("bundled_graph_merged", text);
}

#[test]
fn ego_diagram_with_options() {
    let text = dot_of(
        "small.json",
        &[
            "--ego",
            "Avalonia",
            "--radius",
            "1",
            "--rankdir",
            "TB",
            "--no-legend",
            "--title",
            "Avalon's ties",
        ],
    );
    check(&text, 3);
    assert!(text.contains(r#"label="Avalon's ties""#));
    assert!(text.contains(r#"rankdir="TB""#));
    assert!(
        !text.contains("LEAGUE"),
        "radius 1 leaves out the League:\n{text}"
    );
    insta::assert_snapshot!("small_ego", text);
}

#[test]
fn filters_apply_to_diagrams() {
    let text = dot_of("small.json", &["--polarity", "hostile", "--as-of", "2022"]);
    check(&text, 1);
    assert!(!text.contains("\"AAA\""), "{text}");
    Test::new()
        .graph(&fixture("small.json"))
        .args(["dot", "--type", "sanction", "--as-of", "2024"])
        .status(1)
        .stderr_contains("nothing to draw")
        .run();
}

#[test]
fn names_and_labels_are_escaped() {
    let text = dot_of("tricky.json", &[]);
    check(&text, 3);
    insta::assert_snapshot!("tricky_graph", text);
}

#[test]
fn out_writes_the_same_bytes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deep/er/graph.dot");
    Test::new()
        .graph(&fixture("small.json"))
        .args(["dot", "--out", out.to_str().unwrap()])
        .stdout("")
        .run();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        dot_of("small.json", &[])
    );
}

#[test]
fn diagrams_are_byte_identical_across_runs() {
    assert_eq!(
        dot_of("tricky.json", &["--merge"]),
        dot_of("tricky.json", &["--merge"])
    );
}

#[test]
fn the_input_graph_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("graph.dot");
    std::fs::copy(fixture("small.json"), &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    Test::new()
        .graph(&input)
        .args(["dot", "--out", input.to_str().unwrap()])
        .status(2)
        .stderr_contains("refusing to overwrite the input graph")
        .run();
    Test::new()
        .graph(&input)
        .args(["report", "--out-dir", dir.path().to_str().unwrap()])
        .status(2)
        .stderr_contains("refusing to overwrite the input graph")
        .run();
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn mermaid_export_of_the_bundled_graph() {
    let text = Test::new()
        .current_dir(&root())
        .args(["export", "--format", "mermaid"])
        .stdout_text();
    assert!(
        text.starts_with("---\ntitle: \"Russia and North Korea"),
        "{text}"
    );
    // Merged as in DOT: 13 labelled pair edges, and the fanned-out clause
    // through one junction (3 lines in, 2 out), each line styled.
    assert_eq!(
        text.matches(" -->|").count() + text.matches(" ---|").count(),
        13
    );
    assert_eq!(
        text.matches(" --- j0\n").count() + text.matches("j0 --> ").count(),
        5
    );
    assert_eq!(text.matches("linkStyle ").count(), 18);
    insta::assert_snapshot!("bundled_graph_mermaid", text);
}

#[test]
fn mermaid_text_is_shown_never_interpreted() {
    let text = dot_of_mermaid("tricky.json");
    for raw in ["<table>", "<script>", "\"One\"", "<b>"] {
        assert!(!text.contains(raw), "{raw} left raw in:\n{text}");
    }
    assert!(
        text.contains("#lt;table#gt;{record|fields}#lt;/table#gt; #amp; co"),
        "{text}"
    );
    assert!(text.contains("Quote #quot;One#quot;"), "{text}");
    insta::assert_snapshot!("tricky_graph_mermaid", text);
}

#[test]
fn mermaid_export_writes_files_and_takes_diagram_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d/graph.mmd");
    Test::new()
        .graph(&fixture("small.json"))
        .args([
            "export",
            "--format",
            "mermaid",
            "--merge",
            "--rankdir",
            "TB",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout("")
        .run();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("flowchart TB"), "{text}");
    assert!(
        text.contains("stroke:#0077bb"),
        "merged edges use net colours:\n{text}"
    );
    Test::new()
        .args(["export", "--format", "svg"])
        .status(2)
        .stderr_contains("possible values: mermaid")
        .run();
}

fn dot_of_mermaid(graph: &str) -> String {
    Test::new()
        .graph(&fixture(graph))
        .args(["export", "--format", "mermaid"])
        .stdout_text()
}
