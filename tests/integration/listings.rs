//! Listing commands on the bundled graph and the small fixture: content,
//! formats, filters and the JSON shapes scripts rely on.

use serde_json::Value;

use crate::test::{Test, fixture, ids_of, partner_relation_ids, root};

fn json(args: &[&str]) -> Value {
    let text = Test::new()
        .graph(&fixture("small.json"))
        .args(args)
        .args(["--format", "json"])
        .stdout_text();
    serde_json::from_str(&text).expect("valid JSON")
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn partners_json_has_the_documented_shape() {
    let value = json(&["partners", "Avalonia"]);
    assert_eq!(keys(&value), ["entity", "partners"]);
    assert_eq!(
        value["entity"],
        serde_json::json!({"id": "AAA", "name": "Avalon"})
    );
    let partners = value["partners"].as_array().unwrap();
    let ids = ids_of(&value["partners"]);
    assert_eq!(ids, ["BBB", "CCC"]);
    assert_eq!(keys(&partners[0]), ["id", "name", "relations"]);
    let relation = &partners[0]["relations"][0];
    assert_eq!(
        keys(relation),
        [
            "direction",
            "event",
            "id",
            "label",
            "polarity",
            "since",
            "type",
            "until"
        ]
    );
    let directions: Vec<&str> = partners[0]["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["direction"].as_str().unwrap())
        .collect();
    assert_eq!(directions, ["both", "in"]);
}

#[test]
fn partners_with_evidence_carry_the_quotes() {
    let value = json(&["partners", "BBB", "--evidence"]);
    let evidence = &value["partners"][0]["relations"][0]["evidence"][0];
    assert_eq!(evidence["quote"], "A and B allied.");
    assert_eq!(evidence["source"], "note");
}

#[test]
fn partner_filters_narrow_the_answer() {
    let out = json(&["partners", "AAA", "--direction", "out"]);
    let ids: Vec<&str> = partner_relation_ids(&out);
    assert_eq!(ids, ["ab-alliance", "ac-talks"]);
    let neutral = json(&["partners", "AAA", "--polarity", "neutral"]);
    assert_eq!(neutral["partners"].as_array().unwrap().len(), 1);
    Test::new()
        .graph(&fixture("small.json"))
        .args(["partners", "LONER"])
        .status(1)
        .stderr_contains("Loner (LONER) has no partners matching these filters")
        .run();
}

#[test]
fn as_of_keeps_relations_active_during_the_period() {
    let ids = |date: &str| -> Vec<String> {
        let text = Test::new()
            .graph(&fixture("small.json"))
            .args(["--as-of", date, "relations", "--format", "json"])
            .stdout_text();
        let value: Value = serde_json::from_str(&text).unwrap();
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("2020"), ["ab-alliance", "ac-talks"]);
    assert_eq!(
        ids("2022"),
        ["ab-alliance", "ba-supply", "league-c-sanction", "ac-talks"]
    );
    assert_eq!(ids("2024-01"), ["ab-alliance", "ba-supply", "ac-talks"]);
}

#[test]
fn relations_filter_by_type_polarity_and_entity() {
    Test::new()
        .graph(&fixture("small.json"))
        .args(["relations", "--type", "Sanction", "--format", "csv"])
        .stdout("id,source,target,type,polarity,since,until,label,directed,weight\nleague-c-sanction,LEAGUE,CCC,sanction,hostile,2022-02-24,2023,,true,1\n")
        .run();
    let value = json(&[
        "relations",
        "--involving",
        "Carpathia",
        "--polarity",
        "hostile",
    ]);
    let ids = ids_of(&value);
    assert_eq!(ids, ["league-c-sanction"]);
}

#[test]
fn no_matching_relations_is_an_error() {
    Test::new()
        .graph(&fixture("small.json"))
        .args([
            "relations",
            "--involving",
            "CCC",
            "--polarity",
            "cooperative",
        ])
        .status(1)
        .stderr_contains("no relations match these filters")
        .run();
}

#[test]
fn entities_table_lists_every_entity() {
    Test::new()
        .graph(&fixture("small.json"))
        .arg("entities")
        .stdout_contains("│ AAA    ┆ Avalon     ┆ country      ┆ 3         ┆ Avalonia │")
        .stdout_contains("LONER")
        .run();
}

#[test]
fn the_bundled_graph_answers_who_north_korea_deals_with() {
    let text = Test::new()
        .current_dir(&root())
        .args(["partners", "Corea del Nord", "--format", "json"])
        .stdout_text();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["entity"]["id"], "PRK");
    let ids = ids_of(&value["partners"]);
    for expected in ["RUS", "CHN", "USA", "JPN", "KOR", "INTL_SANCTIONERS"] {
        assert!(ids.contains(&expected), "{expected} missing from {ids:?}");
    }
}

#[test]
fn the_embedded_copy_is_used_outside_the_project() {
    Test::new()
        .arg("validate")
        .stdout_contains("relgraph's bundled graph.json: valid")
        .run();
}

#[test]
fn output_is_identical_across_runs() {
    let run = || {
        Test::new()
            .current_dir(&root())
            .args(["relations", "--evidence", "--format", "csv"])
            .stdout_text()
    };
    assert_eq!(run(), run());
}
