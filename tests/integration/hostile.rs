//! Hostile names and values: control characters, noncharacters, ids that
//! differ only in case, ids too long for a file name, huge weights.

use serde_json::{Value, json};

use crate::test::Test;

/// A valid graph of two entities and one relation, as JSON to modify.
fn graph() -> Value {
    json!({
        "title": "hostile",
        "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p",
                     "published": "2024", "language": "en"}],
        "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative",
                            "directed": false}],
        "entities": [{"id": "AAA", "name": "Alpha", "kind": "country"},
                     {"id": "BBB", "name": "Beta", "kind": "country"}],
        "relations": [{"id": "r", "source": "AAA", "target": "BBB", "type": "ally",
                       "evidence": [{"source": "s", "quote": "q"}]}]
    })
}

/// Runs `validate --format json` on `graph`, expecting it to be refused;
/// returns the problems as `(path, message)`.
fn problems(graph: &Value) -> Vec<(String, String)> {
    let output = Test::new()
        .graph_text(&graph.to_string())
        .args(["validate", "--format", "json"])
        .status(1)
        .stderr_contains("error")
        .run();
    let value: Value = serde_json::from_slice(&output.stdout).unwrap();
    value["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap_or_default().to_owned(),
                p["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn control_characters_and_noncharacters_are_refused_where_they_are() {
    let mut g = graph();
    g["entities"][0]["name"] = json!("Al\u{0}pha");
    g["relation_types"][0]["label"] = json!("al\u{1b}[31mly");
    g["relations"][0]["evidence"][0]["quote"] = json!("q\u{ffff}");
    g["relations"][0]["id"] = json!("r\n2");
    let found = problems(&g);
    let expect = [
        (
            "relation_types[0].label",
            "holds the control character U+001B at character 3",
        ),
        (
            "entities[0].name",
            "holds the control character U+0000 at character 3",
        ),
        (
            "relations[0].id",
            "holds the control character U+000A at character 2",
        ),
        (
            "relations[0].evidence[0].quote",
            "holds the Unicode noncharacter U+FFFF at character 2",
        ),
    ];
    for (path, message) in expect {
        assert!(
            found.iter().any(|(p, m)| p == path && m == message),
            "{path}: {message} not in {found:?}"
        );
    }
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let mut g = graph();
    g["entities"][0]["name"] = json!("Al\u{1b}[2Jpha");
    let output = Test::new()
        .graph_text(&g.to_string())
        .arg("validate")
        .status(1)
        .stderr_contains("U+001B")
        .run();
    assert!(!output.stderr.contains(&0x1b), "raw ESC on stderr");
    let output = Test::new()
        .graph_text(&graph().to_string())
        .args(["partners", "\u{1b}[2J"])
        .status(1)
        .stderr_contains("unknown entity '\\u{1b}[2J'")
        .run();
    assert!(!output.stderr.contains(&0x1b), "raw ESC on stderr");
}

#[test]
fn ids_differing_only_in_case_are_refused_with_both_places() {
    let mut g = graph();
    g["entities"][1]["id"] = json!("aaa");
    g["relations"][0]["target"] = json!("aaa");
    let found = problems(&g);
    assert!(
        found.contains(&(
            "entities[1].id".to_owned(),
            "id 'aaa' differs from 'AAA' (entities[0].id) only in case".to_owned()
        )),
        "{found:?}"
    );
}

#[test]
fn weights_are_bounded() {
    let mut g = graph();
    g["relations"][0]["weight"] = json!(1.7e308);
    let found = problems(&g);
    assert_eq!(
        found,
        [(
            "relations[0].weight".to_owned(),
            "weight 1.7e308 is too large: weights go up to 1000000".to_owned()
        )]
    );
}

#[test]
fn ids_too_long_for_a_file_name_get_short_unique_file_names() {
    let mut g = graph();
    let long = "X".repeat(300);
    g["entities"][0]["id"] = json!(long.clone());
    g["relations"][0]["source"] = json!(long);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    Test::new()
        .graph_text(&g.to_string())
        .args(["report", "--out-dir", out.to_str().unwrap()])
        .stderr_any()
        .run();
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| n.len() <= 100), "{names:?}");
    assert_eq!(
        names.iter().filter(|n| n.starts_with("ego-XXXX")).count(),
        2,
        "{names:?}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted_and_other_encoding_slips_get_their_own_hints() {
    let text = graph().to_string();
    let dir = tempfile::tempdir().unwrap();
    let bom = dir.path().join("bom.json");
    std::fs::write(&bom, [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()).unwrap();
    Test::new()
        .graph(&bom)
        .arg("validate")
        .stdout_contains("valid (hostile)")
        .run();
    let duplicate = text.replacen(r#""id":"AAA","#, r#""id":"AAA","id":"AAA","#, 1);
    assert_ne!(duplicate, text);
    Test::new()
        .graph_text(&duplicate)
        .arg("validate")
        .status(1)
        .stderr_contains("this object has `id` twice: keep one of the two")
        .run();
    let latin1 = dir.path().join("latin1.json");
    let bytes = text.replacen("Alpha", "Alph\u{e0}", 1);
    let bytes: Vec<u8> = bytes.chars().map(|c| c as u32 as u8).collect();
    std::fs::write(&latin1, bytes).unwrap();
    let output = Test::new()
        .graph(&latin1)
        .arg("validate")
        .status(1)
        .stderr_contains("not valid UTF-8 here: save it as UTF-8")
        .run();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("missing or extra comma"));
}

#[test]
fn a_long_line_with_one_error_prints_a_short_window() {
    let mut g = graph();
    let filler: Vec<Value> = (0..20_000)
        .map(|i| json!({"id": format!("E{i}"), "name": format!("Entity {i}"), "kind": "country"}))
        .collect();
    g["entities"].as_array_mut().unwrap().extend(filler);
    g["relations"][0]["target"] = json!("NOPE");
    let text = g.to_string();
    assert!(text.len() > 1_000_000 && !text.contains('\n'));
    let output = Test::new()
        .graph_text(&text)
        .arg("validate")
        .status(1)
        .stderr_contains("relations[0].target: unknown entity 'NOPE'")
        .stderr_contains(":1:")
        .run();
    assert!(
        output.stderr.len() < 2_000,
        "{} bytes of stderr",
        output.stderr.len()
    );
}
