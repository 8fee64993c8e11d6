//! Bad input: every problem gets a message naming the file, the JSON path,
//! the line and column, what was expected, and a hint; exit status 1.

use crate::test::Test;

/// A valid graph, one record per line, that each case breaks in one place.
const BASE: &str = r#"{
  "title": "Base",
  "sources": [
    {"id": "src", "title": "Source", "author": "A", "publisher": "P", "published": "2024", "language": "it"}
  ],
  "relation_types": [
    {"id": "alliance", "label": "Alliance", "polarity": "cooperative", "directed": false},
    {"id": "sanction", "label": "Sanction", "polarity": "hostile", "directed": true}
  ],
  "entities": [
    {"id": "RUS", "name": "Russia", "kind": "country", "aliases": ["Mosca"]},
    {"id": "PRK", "name": "North Korea", "kind": "country", "aliases": ["Pyongyang"]},
    {"id": "WEST", "name": "Western states", "kind": "group"}
  ],
  "relations": [
    {"id": "r1", "source": "RUS", "target": "PRK", "type": "alliance", "since": "2023-06-19", "evidence": [{"source": "src", "quote": "q1"}]},
    {"id": "r2", "source": "WEST", "target": "RUS", "type": "sanction", "since": "2022", "weight": 2, "evidence": [{"source": "src", "quote": "q2"}]}
  ]
}
"#;

/// BASE with `from` replaced by `to` (which must occur exactly once).
fn broken(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "{from:?} must occur once in BASE"
    );
    BASE.replacen(from, to, 1)
}

/// Runs `validate` on `text`, expects exit 1 and every fragment on stderr.
fn rejects(text: &str, fragments: &[&str]) {
    let mut test = Test::new().graph_text(text).arg("validate").status(1);
    for fragment in fragments {
        test = test.stderr_contains(fragment);
    }
    test.run();
}

#[test]
fn the_base_is_valid() {
    Test::new()
        .graph_text(BASE)
        .arg("validate")
        .stdout_contains("valid (Base)")
        .run();
}

#[test]
fn malformed_json_shows_a_snippet() {
    rejects(
        &broken(r#""type": "alliance","#, r#""type": "alliance",,"#),
        &[
            "error: malformed JSON: key must be a string",
            "graph.json:16:71",
            "│",
            "hint: look for a missing or extra comma",
        ],
    );
}

#[test]
fn a_truncated_file_says_it_ends_early() {
    rejects(
        &BASE[..BASE.len() / 2],
        &[
            "malformed JSON: EOF while parsing",
            "hint: the file ends too early",
        ],
    );
}

#[test]
fn wrong_field_types_name_the_path() {
    rejects(
        &broken(r#""weight": 2"#, r#""weight": "heavy""#),
        &[
            "relations[1].weight: invalid type: string \"heavy\", expected f64",
            "graph.json:17:",
        ],
    );
}

#[test]
fn unknown_enum_values_list_the_allowed_ones() {
    rejects(
        &broken(r#""kind": "group""#, r#""kind": "bloc""#),
        &[
            "entities[2].kind: unknown variant `bloc`, expected one of `country`, `group`",
            "graph.json:13:",
        ],
    );
}

#[test]
fn missing_required_fields_are_named() {
    rejects(
        &broken(r#""name": "Western states", "#, ""),
        &[
            "entities[2]: missing field `name`",
            "graph.json:13:5",
            "hint: add `\"name\"` to this object",
        ],
    );
}

#[test]
fn misspelt_fields_are_reported() {
    rejects(
        &broken(r#""since": "2022""#, r#""sicne": "2022""#),
        &[
            "relations[1].sicne: unknown field `sicne`, expected one of",
            "graph.json:17:82",
            "hint: did you mean `since`?",
        ],
    );
}

#[test]
fn duplicate_ids_point_at_both() {
    rejects(
        &broken(r#""id": "WEST""#, r#""id": "PRK""#),
        &[
            "entities[2].id: duplicate id 'PRK': entities[1] has it already",
            "graph.json:13:",
        ],
    );
    rejects(
        &broken(r#""id": "r2""#, r#""id": "r1""#),
        &[
            "relations[1].id: duplicate id 'r1': relations[0] has it already",
            "graph.json:17:",
        ],
    );
    rejects(
        &broken(r#""id": "sanction""#, r#""id": "alliance""#),
        &[
            "relation_types[1].id: duplicate id 'alliance'",
            "graph.json:8:",
        ],
    );
}

#[test]
fn an_alias_naming_two_entities_is_rejected() {
    rejects(
        &broken(
            r#""aliases": ["Pyongyang"]"#,
            r#""aliases": ["Pyongyang", "mosca"]"#,
        ),
        &[
            "entities[1].aliases[1]: 'mosca' already names entity RUS (Russia)",
            "graph.json:12:",
            "hint: a name or alias must name one entity only",
        ],
    );
}

#[test]
fn unknown_entities_suggest_the_closest() {
    rejects(
        &broken(r#""source": "RUS""#, r#""source": "Rusia""#),
        &[
            "relations[0].source: unknown entity 'Rusia'",
            "graph.json:16:28",
            "hint: did you mean 'Russia' (RUS)? relations name entities by id: write \"RUS\"",
        ],
    );
}

#[test]
fn unknown_types_and_sources_suggest_the_closest() {
    rejects(
        &broken(r#""type": "sanction""#, r#""type": "sanctoin""#),
        &[
            "relations[1].type: unknown relation type 'sanctoin'",
            "graph.json:17:61",
            "hint: did you mean 'sanction'?",
        ],
    );
    rejects(
        &broken(
            r#""quote": "q2""#,
            r#""quote": "q2"}, {"source": "scr", "quote": "q3""#,
        ),
        &[
            "relations[1].evidence[1].source: unknown source 'scr'",
            "graph.json:17:161",
            "hint: did you mean 'src'?",
        ],
    );
}

#[test]
fn impossible_dates_say_why() {
    rejects(
        &broken(r#""since": "2022""#, r#""since": "2023-13""#),
        &[
            "relations[1].since: '2023-13' is not a date: month 13 does not exist",
            "graph.json:17:",
        ],
    );
    rejects(
        &broken(r#""since": "2023-06-19""#, r#""since": "2023-02-30""#),
        &[
            "relations[0].since: '2023-02-30' is not a date: 2023-02 has no day 30 (it has 28)",
            "graph.json:16:81",
        ],
    );
    rejects(
        &broken(r#""published": "2024""#, r#""published": "24""#),
        &[
            "sources[0].published: '24' is not a date: the year must have 4 digits",
            "graph.json:4:",
        ],
    );
}

#[test]
fn since_after_until_is_rejected() {
    rejects(
        &broken(
            r#""since": "2022""#,
            r#""since": "2022", "until": "2021-12""#,
        ),
        &[
            "relations[1].until: `until` (2021-12) is before `since` (2022)",
            "graph.json:17:",
            "hint: swap the two dates",
        ],
    );
}

#[test]
fn weights_must_be_positive_and_finite() {
    rejects(
        &broken(r#""weight": 2"#, r#""weight": 0"#),
        &[
            "relations[1].weight: weight 0 is not a positive number",
            "graph.json:17:",
        ],
    );
    rejects(
        &broken(r#""weight": 2"#, r#""weight": -1.5"#),
        &["weight -1.5 is not a positive number", "graph.json:17:"],
    );
    rejects(
        &broken(r#""weight": 2"#, r#""weight": 1e999"#),
        &["malformed JSON: number out of range", "graph.json:17:"],
    );
}

#[test]
fn empty_names_and_quotes_are_rejected() {
    rejects(
        &broken(r#""name": "Russia""#, r#""name": " ""#),
        &["entities[0].name: `name` is empty", "graph.json:11:"],
    );
    rejects(
        &broken(r#""quote": "q1""#, r#""quote": """#),
        &[
            "relations[0].evidence[0].quote: `quote` is empty",
            "graph.json:16:",
        ],
    );
}

#[test]
fn a_relation_of_an_entity_with_itself_is_rejected() {
    rejects(
        &broken(r#""target": "PRK""#, r#""target": "RUS""#),
        &[
            "relations[0].target: relation joins 'RUS' to itself",
            "graph.json:16:",
        ],
    );
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let text = broken(r#""source": "RUS""#, r#""source": "Rusia""#)
        .replace(r#""since": "2022""#, r#""since": "2022-13""#)
        .replace(r#""kind": "group""#, r#""kind": 7"#);
    let output = Test::new()
        .graph_text(&text)
        .arg("validate")
        .status(1)
        .stderr_contains("graph.json: 3 errors, 0 warnings")
        .run();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let kind = stderr
        .find("entities[2].kind: invalid type: integer `7`")
        .expect("kind error");
    let source = stderr.find("relations[0].source").expect("source error");
    let date = stderr.find("relations[1].since").expect("date error");
    assert!(kind < source && source < date, "{stderr}");
    assert!(stderr.contains("3 errors, 0 warnings"), "{stderr}");
}

#[test]
fn relations_without_evidence_warn_and_fail_strict() {
    let text = broken(r#", "evidence": [{"source": "src", "quote": "q2"}]"#, "");
    Test::new()
        .graph_text(&text)
        .arg("validate")
        .stdout_contains("warnings:  1")
        .stderr_contains("warning: relations[1].id: relation 'r2' has no evidence")
        .stderr_contains("graph.json:17:")
        .run();
    Test::new()
        .graph_text(&text)
        .args(["validate", "--strict"])
        .status(1)
        .stderr_contains("relation 'r2' has no evidence")
        .stderr_contains("--strict treats warnings as errors")
        .run();
    Test::new()
        .graph_text(&text)
        .arg("entities")
        .stderr_contains("1 warning; `relgraph validate` shows them")
        .run();
}

#[test]
fn a_top_level_that_is_not_an_object_is_rejected() {
    rejects(
        "[1, 2]\n",
        &["(root): expected a JSON object", "graph.json:1:1"],
    );
}

#[test]
fn a_missing_file_is_named() {
    Test::new()
        .args(["--graph", "nowhere.json", "validate"])
        .status(1)
        .stderr_contains("error: cannot read 'nowhere.json': No such file")
        .run();
}

#[test]
fn a_folder_given_as_the_graph_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap();
    Test::new()
        .args(["--graph", folder, "partners", "PRK"])
        .status(1)
        .stderr_contains(&format!(
            "error: cannot read '{folder}': it is a folder: give the graph file in it"
        ))
        .run();
}

#[test]
fn unknown_names_on_the_command_line_suggest_the_closest() {
    Test::new()
        .graph_text(BASE)
        .args(["partners", "Rusia"])
        .status(1)
        .stderr_contains("unknown entity 'Rusia'")
        .stderr_contains("did you mean 'Russia' (RUS)?")
        .run();
    Test::new()
        .graph_text(BASE)
        .args(["relations", "--type", "sanctions"])
        .status(1)
        .stderr_contains("unknown relation type 'sanctions'")
        .stderr_contains("did you mean 'sanction'?")
        .run();
}

#[test]
fn usage_errors_exit_2() {
    Test::new()
        .arg("frobnicate")
        .status(2)
        .stderr_contains("unrecognized subcommand")
        .run();
    Test::new()
        .args(["--as-of", "2023-13", "entities"])
        .status(2)
        .stderr_contains("month 13 does not exist")
        .run();
    Test::new()
        .args(["relations", "--polarity", "friendly"])
        .status(2)
        .stderr_contains("'friendly' is not a polarity")
        .run();
    Test::new()
        .args(["dot", "--radius", "2"])
        .status(2)
        .stderr_contains("--ego")
        .run();
    Test::new()
        .args(["entities", "--format", "xml"])
        .status(2)
        .stderr_contains("possible values: table, json, csv")
        .run();
}

#[test]
fn an_event_has_no_until() {
    let text = broken(
        r#"{"id": "alliance", "label": "Alliance", "polarity": "cooperative", "directed": false}"#,
        r#"{"id": "alliance", "label": "Alliance", "polarity": "cooperative", "directed": false, "event": true}"#,
    )
    .replace(r#""since": "2023-06-19","#, r#""since": "2023-06-19", "until": "2024","#);
    rejects(
        &text,
        &[
            "relations[0].until: an event has one date, its `since`: it has no `until`",
            "graph.json:",
            "write \"event\": false on the relation if it lasted",
        ],
    );
}

#[test]
fn inferred_facts_need_notes_and_an_inferred_date_needs_a_date() {
    rejects(
        &broken(
            r#""weight": 2, "evidence""#,
            r#""weight": 2, "inferred": {"parties": " "}, "evidence""#,
        ),
        &["relations[1].inferred.parties: the note on the inferred parties is empty"],
    );
    rejects(
        &broken(
            r#""since": "2022", "weight": 2,"#,
            r#""weight": 2, "inferred": {"date": "from context"},"#,
        ),
        &["relations[1].inferred.date: the date is marked inferred, but the relation has none"],
    );
    rejects(
        &broken(
            r#""weight": 2, "evidence""#,
            r#""weight": 2, "inferred": {}, "evidence""#,
        ),
        &["relations[1].inferred: `inferred` names no fact"],
    );
    rejects(
        &broken(
            r#""weight": 2, "evidence""#,
            r#""weight": 2, "inferred": {"when": "x"}, "evidence""#,
        ),
        &["relations[1].inferred", "when"],
    );
}

#[test]
fn a_label_that_says_inferred_without_inferred_is_warned() {
    let text = broken(
        r#""weight": 2, "evidence""#,
        r#""weight": 2, "label": "Sanctions (year inferred from context)", "evidence""#,
    );
    Test::new()
        .graph_text(&text)
        .arg("validate")
        .stdout_contains("warnings:  1")
        .stderr_contains(
            "relations[1].label: the label says 'inferred', but `inferred` does not say which fact",
        )
        .run();
    Test::new()
        .graph_text(&text)
        .args(["validate", "--strict"])
        .status(1)
        .stderr_any()
        .run();
}

#[test]
fn conflicts_name_two_known_relations_or_more() {
    let conflicts = |body: &str| {
        BASE.replacen(
            "\n  ]\n}\n",
            &format!("\n  ],\n  \"conflicts\": [{body}]\n}}\n"),
            1,
        )
    };
    rejects(
        &conflicts(r#"{"relations": ["r1", "r3"], "kind": "same_event", "note": "n"}"#),
        &[
            "conflicts[0].relations[1]: unknown relation 'r3'",
            "did you mean 'r1'?",
        ],
    );
    rejects(
        &conflicts(r#"{"relations": ["r1"], "kind": "disputed_date", "note": "n"}"#),
        &["conflicts[0].relations: a conflict is between two relations or more"],
    );
    rejects(
        &conflicts(r#"{"relations": ["r1", "r1", "r2"], "kind": "same_event", "note": ""}"#),
        &[
            "conflicts[0].relations[1]: relation 'r1' is listed twice",
            "conflicts[0].note: `note` is empty",
        ],
    );
    rejects(
        &conflicts(r#"{"relations": ["r1", "r2"], "kind": "contradiction", "note": "n"}"#),
        &["conflicts[0].kind", "same_event", "disputed_date"],
    );
    Test::new()
        .graph_text(&conflicts(
            r#"{"relations": ["r1", "r2"], "kind": "same_event", "note": "n", "evidence": [{"source": "src", "quote": "q1"}]}"#,
        ))
        .arg("validate")
        .stdout_contains("conflicts: may be the same event: 1")
        .run();
}

#[test]
fn decades_are_dates_and_misspelt_ones_are_explained() {
    Test::new()
        .graph_text(&broken(r#""since": "2022","#, r#""since": "2000s","#))
        .arg("validate")
        .stdout_contains("dates:     2000s to 2023-06-19")
        .run();
    rejects(
        &broken(r#""since": "2022","#, r#""since": "2005s","#),
        &["'2005s' is not a decade: write its first year, ending in 0, then s"],
    );
}
