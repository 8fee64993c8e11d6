//! `relgraph export --format cypher`, loaded into a real openCypher engine
//! by cypher_load.py: FalkorDB, embedded by the falkordblite package
//! (Python 3.12), in a fresh database per load.
//!
//! Why FalkorDB: like Neo4j it is schema-less (labels and relationship
//! types come into being when used, nodes may have several labels), so it
//! runs every `UNWIND … MERGE` statement of the script exactly as written;
//! only Neo4j 5's `CREATE CONSTRAINT` syntax is replaced by the loader with
//! FalkorDB's equivalent. Kùzu, the other embedded engine on PyPI, is
//! schema-first: it would need tables declared first and one label per
//! node, so the statements themselves would have to be rewritten.
//!
//! The Python comes from `RELGRAPH_CYPHER_PYTHON` (.ci/run sets it to a
//! virtualenv with falkordblite); without it the tests that load skip with
//! a note, except under CI, where they fail.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use relgraph::export::cypher::relationship_type;
use serde_json::{Value, json};

use crate::test::{Test, fixture, partner_relation_ids, root};

/// The Python with falkordblite: `RELGRAPH_CYPHER_PYTHON`; `None` (with a
/// note) when it is not set, which CI does not allow.
fn python_with_falkordb() -> Option<PathBuf> {
    let Some(python) = std::env::var_os("RELGRAPH_CYPHER_PYTHON").map(PathBuf::from) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have Python with falkordblite (RELGRAPH_CYPHER_PYTHON, set by .ci/run)"
        );
        eprintln!(
            "RELGRAPH_CYPHER_PYTHON not set: Cypher scripts not loaded into FalkorDB \
             (see .ci/run for how to install it)"
        );
        return None;
    };
    let output = Command::new(&python)
        .args(["-c", "import redislite.falkordb_client"])
        .output()
        .unwrap_or_else(|err| panic!("RELGRAPH_CYPHER_PYTHON={}: {err}", python.display()));
    assert!(
        output.status.success(),
        "RELGRAPH_CYPHER_PYTHON={} has no falkordblite: {}",
        python.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(python)
}

/// The script `relgraph export --format cypher` writes for `graph_file`,
/// with `extra` arguments (filters).
fn export(graph_file: &Path, extra: &[&str], out: &Path) -> String {
    Test::new()
        .graph(graph_file)
        .args([
            "export",
            "--format",
            "cypher",
            "--out",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .run();
    std::fs::read_to_string(out).unwrap()
}

/// What FalkorDB holds once `script` is loaded `runs` times (see
/// cypher_load.py).
fn load(python: &Path, script: &Path, runs: u32) -> Value {
    let loader = root().join("tests/integration/cypher_load.py");
    let output = Command::new(python)
        .arg(loader)
        .arg(script)
        .args(["--runs", &runs.to_string()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "loading {}: {}",
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The properties relgraph stores for an entity, from the graph file.
fn expected_node(entity: &Value) -> Value {
    let mut props = json!({
        "id": entity["id"],
        "name": entity["name"],
        "kind": entity["kind"],
    });
    if entity["aliases"].as_array().is_some_and(|a| !a.is_empty()) {
        props["aliases"] = entity["aliases"].clone();
    }
    if let Some(description) = entity.get("description") {
        props["description"] = description.clone();
    }
    props
}

/// The properties relgraph stores for a relation, from the graph file;
/// evidence and inferred facts as JSON values (the database has JSON text).
fn expected_relationship(relation: &Value, types: &[Value]) -> Value {
    let kind = types.iter().find(|t| t["id"] == relation["type"]).unwrap();
    let mut props = json!({
        "id": relation["id"],
        "type": relation["type"],
        "type_label": kind["label"],
        "polarity": kind["polarity"],
        "directed": kind["directed"],
        "event": relation.get("event").or(kind.get("event")).unwrap_or(&json!(false)),
        "weight": relation["weight"].as_f64().unwrap_or(1.0),
        "evidence": relation["evidence"],
        "quotes": relation["evidence"].as_array().unwrap().len(),
    });
    for field in ["since", "until", "label", "inferred"] {
        if let Some(value) = relation.get(field) {
            props[field] = value.clone();
        }
    }
    props
}

/// The label of an entity kind in the script.
fn kind_label(kind: &str) -> String {
    let mut label = kind.to_owned();
    label[..1].make_ascii_uppercase();
    label
}

/// Exports `graph_file`, loads it into FalkorDB and compares every node,
/// relationship and partners answer with the graph file and relgraph's own.
fn check(python: &Path, graph_file: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("graph.cypher");
    export(graph_file, &[], &script);
    let db = load(python, &script, 1);
    let graph: Value = serde_json::from_slice(&std::fs::read(graph_file).unwrap()).unwrap();
    let what = graph_file.display();
    let entities = graph["entities"].as_array().unwrap();
    let relations = graph["relations"].as_array().unwrap();
    let types = graph["relation_types"].as_array().unwrap();

    assert_eq!(db["replaced"], 1, "{what}: only the constraint is replaced");
    assert_eq!(
        db["constraints"],
        json!([["UNIQUE", "Entity", ["id"], "OPERATIONAL"]]),
        "{what}"
    );

    // Nodes: one per entity, every property byte for byte.
    let nodes = db["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), entities.len(), "{what}: node count");
    let by_id: BTreeMap<&str, &Value> = nodes
        .iter()
        .map(|n| (n["properties"]["id"].as_str().unwrap(), n))
        .collect();
    for entity in entities {
        let id = entity["id"].as_str().unwrap();
        let node = by_id
            .get(id)
            .unwrap_or_else(|| panic!("{what}: no node {id:?}"));
        assert_eq!(node["properties"], expected_node(entity), "{what}: {id:?}");
        let kind = kind_label(entity["kind"].as_str().unwrap());
        assert_eq!(node["labels"], json!(["Entity", kind]), "{what}: {id:?}");
    }

    // Relationships: one per relation, every property, the type's name.
    let stored = db["relationships"].as_array().unwrap();
    assert_eq!(stored.len(), relations.len(), "{what}: relationship count");
    for relation in relations {
        let id = &relation["id"];
        let found: Vec<&Value> = stored
            .iter()
            .filter(|r| r["properties"]["id"] == *id)
            .collect();
        assert_eq!(found.len(), 1, "{what}: relationships with id {id}");
        let edge = found[0];
        assert_eq!(edge["source"], relation["source"], "{what}: {id}");
        assert_eq!(edge["target"], relation["target"], "{what}: {id}");
        let type_id = relation["type"].as_str().unwrap();
        assert_eq!(edge["type"], *relationship_type(type_id), "{what}: {id}");
        let mut props = edge["properties"].clone();
        for field in ["evidence", "inferred"] {
            if let Some(text) = props.get(field).and_then(Value::as_str) {
                props[field] = serde_json::from_str(text).unwrap();
            }
        }
        assert_eq!(
            props,
            expected_relationship(relation, types),
            "{what}: {id}"
        );
    }

    // `relgraph partners ID` and its Cypher equivalent: the same relations.
    for entity in entities {
        let id = entity["id"].as_str().unwrap();
        let answer: Value = serde_json::from_str(
            &Test::new()
                .graph(graph_file)
                .args(["partners", id, "--format", "json"])
                .stdout_text(),
        )
        .unwrap();
        let mut expected = partner_relation_ids(&answer);
        expected.sort_unstable();
        let mut cypher: Vec<&str> = db["partners"][id]
            .as_array()
            .unwrap_or_else(|| panic!("{what}: no partners answer for {id:?}"))
            .iter()
            .map(|r| r.as_str().unwrap())
            .collect();
        cypher.sort_unstable();
        assert_eq!(cypher, expected, "{what}: partners of {id:?}");
    }
}

#[test]
fn falkordb_holds_the_bundled_and_hostile_graphs_as_relgraph_reads_them() {
    let Some(python) = python_with_falkordb() else {
        return;
    };
    for graph in [
        root().join("graph.json"),
        fixture("hostile.json"),
        fixture("injection.json"),
        fixture("tricky.json"),
    ] {
        check(&python, &graph);
    }
}

#[test]
fn loading_the_script_again_changes_nothing() {
    let Some(python) = python_with_falkordb() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("graph.cypher");
    for graph in [root().join("graph.json"), fixture("hostile.json")] {
        export(&graph, &[], &script);
        let once = load(&python, &script, 1);
        let twice = load(&python, &script, 2);
        for part in ["nodes", "relationships", "partners"] {
            assert_eq!(once[part], twice[part], "{}: {part}", graph.display());
        }
    }
}

#[test]
fn a_filtered_export_loads_only_the_selection() {
    let Some(python) = python_with_falkordb() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("graph.cypher");
    let graph = fixture("hostile.json");
    export(&graph, &["--type", "sale 2"], &script);
    let db = load(&python, &script, 1);
    let ids: Vec<&Value> = db["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["properties"]["id"])
        .collect();
    assert_eq!(ids, [&json!("r2'\"`"), &json!("r5'\"`")]);
    let nodes: Vec<&Value> = db["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["properties"]["id"])
        .collect();
    assert_eq!(
        nodes,
        [
            &json!("$p"),
            &json!("=cmd"),
            &json!("Line Break"),
            &json!("Q'")
        ]
    );
}

/// A graph of `relations` relations of two types between three entities of
/// two kinds.
fn generated(relations: usize) -> String {
    let relations: Vec<Value> = (0..relations)
        .map(|i| {
            json!({
                "id": format!("r{i}"),
                "source": if i % 2 == 0 { "A" } else { "B" },
                "target": "C",
                "type": if i % 3 == 0 { "t2" } else { "t1" },
                "evidence": [{"source": "s", "quote": format!("quote {i}")}],
            })
        })
        .collect();
    json!({
        "title": "generated",
        "sources": [{"id": "s", "title": "S", "author": "A", "publisher": "P",
                     "published": "2024", "language": "en"}],
        "relation_types": [
            {"id": "t1", "label": "T1", "polarity": "cooperative", "directed": true},
            {"id": "t2", "label": "T2", "polarity": "hostile", "directed": false},
        ],
        "entities": [
            {"id": "A", "name": "A", "kind": "country"},
            {"id": "B", "name": "B", "kind": "group"},
            {"id": "C", "name": "C", "kind": "country"},
        ],
        "relations": relations,
    })
    .to_string()
}

/// The statements of a script as a loader splits it: each ends with the
/// line that ends with `;`; `//` lines outside statements are comments.
fn statements(script: &str) -> Vec<String> {
    let mut all = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in script.lines() {
        if current.is_empty() && (line.trim().is_empty() || line.starts_with("//")) {
            continue;
        }
        current.push(line);
        if line.ends_with(';') {
            all.push(current.join("\n"));
            current.clear();
        }
    }
    assert!(current.is_empty(), "unterminated statement: {current:?}");
    all
}

#[test]
fn statements_are_batched_by_kind_and_type_and_the_script_is_deterministic() {
    let text = generated(2500);
    let run = || {
        Test::new()
            .graph_text(&text)
            .args(["export", "--format", "cypher"])
            .stdout_text()
    };
    let script = run();
    assert_eq!(script, run(), "the same script every time");
    let statements = statements(&script);
    assert!(statements[0].starts_with("CREATE CONSTRAINT relgraph_entity_id IF NOT EXISTS"));
    // Entities: countries A and C, then group B; relations: 1666 of t1 in
    // two statements, then 834 of t2 in one.
    let rows = |s: &str| s.lines().filter(|l| l.starts_with("  {")).count();
    let shape: Vec<(usize, &str)> = statements[1..]
        .iter()
        .map(|s| {
            let last = s.lines().rev().nth(1).unwrap();
            (rows(s), last)
        })
        .collect();
    assert_eq!(
        shape,
        [
            (2, "SET n = row, n:Country"),
            (1, "SET n = row, n:Group"),
            (1000, "MERGE (a)-[r:`t1` {id: row.props.id}]->(b)"),
            (666, "MERGE (a)-[r:`t1` {id: row.props.id}]->(b)"),
            (834, "MERGE (a)-[r:`t2` {id: row.props.id}]->(b)"),
        ]
    );
    // Within a type, file order.
    assert!(statements[3].contains("{source: 'B', target: 'C', props: {id: 'r1', "));
    assert!(statements[5].starts_with("UNWIND [\n  {source: 'A', target: 'C', props: {id: 'r0', "));
}

#[test]
fn hostile_text_stays_inside_string_literals() {
    let script = Test::new()
        .graph(&fixture("hostile.json"))
        .args(["export", "--format", "cypher"])
        .stdout_text();
    let statements = statements(&script);
    assert_eq!(statements.len(), 5, "{script}");
    for statement in &statements {
        // Every statement is the fixed text with its string literals removed.
        let code = without_literals(statement);
        assert!(
            !code.contains("DETACH") && !code.contains("RETURN") && !code.contains("//"),
            "{code}"
        );
        assert!(
            code.ends_with(';') && code.matches(';').count() == 1,
            "{code}"
        );
    }
    assert!(script.contains(r"name: 'x\'}) MATCH (n) DETACH DELETE n //'"));
    assert!(script.contains(r"name: 'Two\nlines\tand tab'"));
    assert!(script.contains(r#"name: 'O\'Brien "the" `back` \\ slash'"#));
    assert!(!script.chars().any(|c| c.is_control() && c != '\n'));
}

/// `statement` with each single-quoted literal's content removed, reading
/// escapes as Cypher does.
fn without_literals(statement: &str) -> String {
    let mut code = String::new();
    let mut chars = statement.chars();
    while let Some(c) = chars.next() {
        code.push(c);
        if c == '\'' {
            loop {
                match chars.next().expect("unterminated literal") {
                    '\\' => {
                        chars.next();
                    }
                    '\'' => break,
                    _ => {}
                }
            }
            code.push('\'');
        }
    }
    code
}
