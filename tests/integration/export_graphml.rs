//! `relgraph export --format graphml`, read back by NetworkX (where Python
//! with NetworkX is installed; CI installs it): every node and edge, with
//! every attribute, equal to the graph file's. The helpers here serve the
//! GEXF tests too (export_gexf.rs).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::test::{Test, fixture, root};

/// The Python that has NetworkX: `RELGRAPH_PYTHON`, else `python3`; `None`
/// (with a note) when there is none, which CI does not allow.
pub fn python_with_networkx() -> Option<PathBuf> {
    let python =
        std::env::var_os("RELGRAPH_PYTHON").map_or_else(|| PathBuf::from("python3"), PathBuf::from);
    let found = Command::new(&python)
        .args(["-c", "import networkx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(python);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have Python with NetworkX (RELGRAPH_PYTHON, set by .ci/run)"
    );
    eprintln!("Python with NetworkX not found: exported graphs not read back");
    None
}

/// A graph of `entities` and `relations` made in `dir` by the project's
/// seeded generator (`scripts/gen_graph.py`, seed 1): the same file every time.
pub fn generate(python: &Path, dir: &Path, entities: usize, relations: usize) -> PathBuf {
    let out = dir.join(format!("generated-{entities}-{relations}.json"));
    let output = Command::new(python)
        .arg(root().join("scripts/gen_graph.py"))
        .args(["--entities", &entities.to_string()])
        .args(["--relations", &relations.to_string(), "--seed", "1"])
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

/// Exports `graph_file` as `format` (with `args`, filters) into `dir`.
pub fn export(graph_file: &Path, format: &str, args: &[&str], dir: &Path) -> PathBuf {
    let out = dir.join(format!("graph.{format}"));
    Test::new()
        .graph(graph_file)
        .args(["export", "--format", format, "--out", out.to_str().unwrap()])
        .args(args)
        .stderr_any()
        .run();
    out
}

/// What NetworkX reads in `file`, a `format` file (see networkx_read.py).
pub fn read_by_networkx(python: &Path, file: &Path, format: &str) -> Value {
    let script = root().join("tests/integration/networkx_read.py");
    let output = Command::new(python)
        .arg(script)
        .arg(file)
        .arg(format)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The graph file at `path`.
pub fn graph_file(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The attributes relgraph writes for a relation, from the graph file.
pub fn expected_edge(relation: &Value, types: &[Value]) -> Value {
    let kind = types.iter().find(|t| t["id"] == relation["type"]).unwrap();
    let mut data = serde_json::json!({
        "id": relation["id"],
        "type": relation["type"],
        "type_label": kind["label"],
        "polarity": kind["polarity"],
        "directed": kind["directed"],
        "event": relation.get("event").unwrap_or(kind.get("event").unwrap_or(&Value::Bool(false))),
        "weight": relation["weight"].as_f64().unwrap_or(1.0),
        "evidence": relation["evidence"],
        "quotes": relation["evidence"].as_array().unwrap().len(),
    });
    // A null (as the generator writes) is no value.
    for field in ["since", "until", "label", "inferred"] {
        if let Some(value) = relation.get(field).filter(|v| !v.is_null()) {
            data[field] = value.clone();
        }
    }
    data
}

/// Checks the nodes NetworkX read (`read`) against the entities of `graph`:
/// one per entity, with every attribute. Returns the nodes.
pub fn check_nodes<'r>(read: &'r Value, graph: &Value) -> &'r serde_json::Map<String, Value> {
    let nodes = read["nodes"].as_object().unwrap();
    let entities = graph["entities"].as_array().unwrap();
    assert_eq!(nodes.len(), entities.len(), "one node per entity");
    for entity in entities {
        let id = entity["id"].as_str().unwrap();
        let node = nodes.get(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(node["name"], entity["name"], "{id}");
        assert_eq!(node["kind"], entity["kind"], "{id}");
        assert_eq!(node.get("description"), entity.get("description"), "{id}");
        let aliases: Vec<&str> = entity["aliases"].as_array().map_or_else(Vec::new, |a| {
            a.iter().map(|v| v.as_str().unwrap()).collect()
        });
        assert_eq!(
            node.get("aliases")
                .and_then(Value::as_str)
                .map(str::to_owned),
            (!aliases.is_empty()).then(|| aliases.join("; ")),
            "{id}"
        );
    }
    nodes
}

/// The edges NetworkX read, by relation id (their `id` attribute), each
/// once; evidence and inferred facts, JSON text, parsed.
pub fn edges_by_id(read: &Value) -> HashMap<String, Value> {
    let edges = read["edges"].as_array().unwrap();
    let mut by_id = HashMap::with_capacity(edges.len());
    for edge in edges {
        let mut edge = edge.clone();
        for field in ["evidence", "inferred"] {
            if let Some(text) = edge["data"].get(field).and_then(Value::as_str) {
                edge["data"][field] = serde_json::from_str(text).unwrap();
            }
        }
        let id = edge["data"]["id"].as_str().unwrap().to_owned();
        assert!(by_id.insert(id.clone(), edge).is_none(), "{id} read twice");
    }
    by_id
}

fn check(graph_file_path: &Path, python: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = export(graph_file_path, "graphml", &[], dir.path());
    let read = read_by_networkx(python, &out, "graphml");
    let graph = graph_file(graph_file_path);
    check_nodes(&read, &graph);
    check_edges(&read, &graph, expected_edge);
}

/// Checks that `read` (what NetworkX read) has one edge per relation of
/// `graph`, between its ends, with the attributes `expected` gives.
pub fn check_edges(read: &Value, graph: &Value, expected: fn(&Value, &[Value]) -> Value) {
    let relations = graph["relations"].as_array().unwrap();
    let types = graph["relation_types"].as_array().unwrap();
    let edges = edges_by_id(read);
    assert_eq!(
        edges.len(),
        relations.len(),
        "one edge per relation, parallel ones kept"
    );
    for relation in relations {
        let id = relation["id"].as_str().unwrap();
        let edge = &edges[id];
        assert_eq!(edge["source"], relation["source"], "{id}");
        assert_eq!(edge["target"], relation["target"], "{id}");
        assert_eq!(edge["data"], expected(relation, types), "{id}");
    }
}

/// The graph files every reader test reads back: the bundled graph and
/// the fixtures full of characters to escape.
pub fn graphs_to_read_back() -> Vec<PathBuf> {
    vec![
        root().join("graph.json"),
        fixture("tricky.json"),
        fixture("injection.json"),
        fixture("hostile.json"),
        fixture("small.json"),
    ]
}

/// Runs `check` on a generated 10,000-relation graph, when it can be made.
pub fn check_generated(python: &Path, check: impl Fn(&Path, &Path)) {
    let dir = tempfile::tempdir().unwrap();
    check(&generate(python, dir.path(), 2000, 10_000), python);
}

#[test]
fn networkx_reads_every_attribute_of_the_bundled_and_hostile_graphs() {
    if let Some(python) = python_with_networkx() {
        graphs_to_read_back()
            .iter()
            .for_each(|graph| check(graph, &python));
    }
}

#[test]
fn networkx_reads_every_attribute_of_a_generated_10000_relation_graph() {
    if let Some(python) = python_with_networkx() {
        check_generated(&python, check);
    }
}
