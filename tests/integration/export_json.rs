//! `relgraph export --format json`: relgraph's own format, normalised, so
//! any valid graph exports to a file that validates and re-exports byte for
//! byte; filters keep only what they select.

use crate::test::{Test, fixture, root};

/// `export --format json` of `graph` with `args`.
fn exported(graph: &std::path::Path, args: &[&str]) -> String {
    Test::new()
        .graph(graph)
        .args(["export", "--format", "json"])
        .args(args)
        .stdout_text()
}

#[test]
fn the_bundled_graph_exports_as_it_is_written() {
    let text = exported(&root().join("graph.json"), &[]);
    let committed = std::fs::read_to_string(root().join("graph.json")).unwrap();
    assert!(
        text == committed,
        "graph.json is not in normal form:\n{text}"
    );
}

#[test]
fn every_fixture_exports_to_a_valid_file_that_re_exports_byte_for_byte() {
    for name in ["small.json", "tricky.json", "injection.json"] {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("first.json");
        std::fs::write(&first, exported(&fixture(name), &[])).unwrap();
        Test::new()
            .graph(&first)
            .arg("validate")
            .stdout_contains(": valid (")
            .stderr_any()
            .run();
        let again = exported(&first, &[]);
        assert_eq!(again, std::fs::read_to_string(&first).unwrap(), "{name}");
    }
}

#[test]
fn filters_keep_the_selection_and_what_it_needs() {
    let text = exported(&root().join("graph.json"), &["--type", "sanctions"]);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let ids = |list: &str| -> Vec<String> {
        value[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        ids("relations"),
        ["west-rus-sanctions-2022", "intl-prk-nuclear-sanctions"]
    );
    assert_eq!(ids("relation_types"), ["sanctions"]);
    assert_eq!(
        ids("entities"),
        ["RUS", "PRK", "WESTERN_SANCTIONERS", "INTL_SANCTIONERS"]
    );
    assert!(
        value.get("conflicts").is_none(),
        "no conflict concerns only sanctions"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sanctions.json");
    std::fs::write(&file, &text).unwrap();
    Test::new()
        .graph(&file)
        .args(["validate", "--strict"])
        .stdout_contains("relations: 2")
        .run();
    let summits = exported(
        &root().join("graph.json"),
        &[
            "--ego",
            "North Korea",
            "--type",
            "summit",
            "--type",
            "visit",
        ],
    );
    let value: serde_json::Value = serde_json::from_str(&summits).unwrap();
    assert_eq!(
        value["conflicts"].as_array().unwrap().len(),
        1,
        "the summit that may be the visit"
    );
}
