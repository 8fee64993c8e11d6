//! `relgraph export --format graphml`, read back by NetworkX (where Python
//! with NetworkX is installed; CI installs it): every node and edge, with
//! every attribute, equal to the graph file's.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::test::{Test, fixture, root};

/// The Python that has NetworkX: `RELGRAPH_PYTHON`, else `python3`; `None`
/// (with a note) when there is none, which CI does not allow.
fn python_with_networkx() -> Option<PathBuf> {
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
    eprintln!("Python with NetworkX not found: GraphML not read back");
    None
}

/// What NetworkX reads in `file` (see networkx_read.py).
fn read_by_networkx(python: &Path, file: &Path) -> Value {
    let script = root().join("tests/integration/networkx_read.py");
    let output = Command::new(python).arg(script).arg(file).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The attributes relgraph writes for a relation, from the graph file.
fn expected_edge(relation: &Value, types: &[Value]) -> Value {
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
    for field in ["since", "until", "label"] {
        if let Some(value) = relation.get(field) {
            data[field] = value.clone();
        }
    }
    if let Some(inferred) = relation.get("inferred") {
        data["inferred"] = inferred.clone();
    }
    data
}

fn check(graph_file: &Path, python: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph.graphml");
    Test::new()
        .graph(graph_file)
        .args([
            "export",
            "--format",
            "graphml",
            "--out",
            out.to_str().unwrap(),
        ])
        .stderr_any()
        .run();
    let read = read_by_networkx(python, &out);
    let graph: Value = serde_json::from_slice(&std::fs::read(graph_file).unwrap()).unwrap();
    // Only entities with relations are drawn, so only they are exported.
    let relations = graph["relations"].as_array().unwrap();
    let types = graph["relation_types"].as_array().unwrap();
    for entity in graph["entities"].as_array().unwrap() {
        let id = entity["id"].as_str().unwrap();
        let Some(node) = read["nodes"].get(id) else {
            assert!(
                relations
                    .iter()
                    .all(|r| r["source"] != id && r["target"] != id),
                "{id} missing"
            );
            continue;
        };
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
    let edges = read["edges"].as_array().unwrap();
    assert_eq!(
        edges.len(),
        relations.len(),
        "one edge per relation, parallel ones kept"
    );
    for relation in relations {
        let edge = edges
            .iter()
            .find(|e| e["data"]["id"] == relation["id"])
            .unwrap();
        assert_eq!(edge["source"], relation["source"]);
        assert_eq!(edge["target"], relation["target"]);
        // Evidence and inferred facts are JSON text: compared as JSON.
        let mut data = edge["data"].clone();
        for field in ["evidence", "inferred"] {
            if let Some(text) = data.get(field).and_then(Value::as_str) {
                data[field] = serde_json::from_str(text).unwrap();
            }
        }
        assert_eq!(data, expected_edge(relation, types), "{}", relation["id"]);
    }
}

#[test]
fn networkx_reads_every_attribute_of_the_bundled_and_hostile_graphs() {
    let Some(python) = python_with_networkx() else {
        return;
    };
    for graph in [
        root().join("graph.json"),
        fixture("tricky.json"),
        fixture("injection.json"),
        fixture("small.json"),
    ] {
        check(&graph, &python);
    }
}
