//! The command-line rules every command follows: options a command does not
//! use are refused, empty answers exit 1, names and values are forgiving,
//! files are written with the right mode, and `validate` lists problems as data.

use std::path::Path;

use serde_json::Value;

use crate::test::{EMBEDDED_NOTE, Test, fixture, root};

/// A graph with three problems: an unknown entity, an impossible date and
/// an empty name.
const BROKEN: &str = r#"{
  "title": "broken",
  "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
  "entities": [
    {"id": "A", "name": "Alpha", "kind": "country"},
    {"id": "B", "name": "", "kind": "country"}
  ],
  "relations": [
    {"id": "r1", "source": "A", "target": "Betta", "type": "ally", "since": "2023-13"}
  ]
}"#;

#[test]
fn validate_lists_every_problem_as_json_data() {
    let output = Test::new()
        .graph_text(BROKEN)
        .args(["validate", "--format", "json"])
        .status(1)
        .stderr_contains("graph.json: 3 errors, 1 warning\n")
        .run();
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert_eq!(value["valid"], false);
    assert_eq!(
        (value["errors"].as_u64(), value["warnings"].as_u64()),
        (Some(3), Some(1))
    );
    let problems = value["problems"].as_array().unwrap();
    let found: Vec<(&str, u64, u64)> = problems
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap(),
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("entities[1].name", 6, 25),
            ("relations[0].id", 9, 12),
            ("relations[0].target", 9, 43),
            ("relations[0].since", 9, 77),
        ]
    );
    let target = &problems[2];
    assert_eq!(target["severity"], "error");
    assert_eq!(target["message"], "unknown entity 'Betta'");
    assert!(problems[3]["hint"].as_str().unwrap().contains("YYYY-MM-DD"));
    let file = |p: &Value| p["file"].as_str().unwrap().to_owned();
    assert!(problems.iter().all(|p| file(p).ends_with("graph.json")));
}

#[test]
fn validate_lists_problems_as_csv_rows() {
    let text = Test::new()
        .graph_text(BROKEN)
        .args(["validate", "--format", "CSV"])
        .status(1)
        .stderr_contains("3 errors")
        .stdout_text();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("file,severity,path,line,column,message,hint")
    );
    assert!(
        text.contains("graph.json,error,relations[0].since,9,77,'2023-13' is not a date: month 13 does not exist"),
        "{text}"
    );
    assert_eq!(lines.count(), 4);
}

#[test]
fn validate_as_json_of_a_valid_file_gives_its_summary() {
    let text = Test::new()
        .current_dir(&root())
        .args(["validate", "--format", "json", "--strict"])
        .stdout_text();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["valid"], true);
    assert_eq!(value["summary"]["relations"], 38);
    assert_eq!(value["summary"]["events"], 4);
    assert_eq!(value["summary"]["inferred"]["date"], 11);
    assert_eq!(value["summary"]["conflicts"]["disputed date"], 1);
    assert_eq!(value["problems"], Value::Array(Vec::new()));
}

#[test]
fn options_a_command_does_not_use_are_usage_errors() {
    Test::new()
        .args(["--as-of", "2020", "validate"])
        .status(2)
        .stderr_contains("validate does not use --as-of")
        .run();
    let dot = write_dot();
    Test::new()
        .args(["render", "--in", dot.as_str(), "--ego", "RUS"])
        .status(2)
        .stderr_contains("render --in does not use --ego")
        .run();
    Test::new()
        .args(["--graph", "nowhere.json", "render", "--in", dot.as_str()])
        .status(2)
        .stderr_contains("render --in does not use --graph")
        .run();
}

/// A small DOT file in a folder of its own, kept for the test run.
fn write_dot() -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    let path = dir.join("chart.dot");
    std::fs::write(&path, "digraph { a -> b [label=\"x -> y\"]; }\n").unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn render_in_needs_no_graph_file() {
    let dot = write_dot();
    // The fresh folder has no graph.json, and no graph is read: no note.
    let output = Test::new()
        .args(["render", "--in", dot.as_str()])
        .stderr_any()
        .run();
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
    assert!(!String::from_utf8_lossy(&output.stderr).contains(EMBEDDED_NOTE));
}

#[test]
fn image_formats_come_from_known_extensions_only() {
    for name in ["chart.jpg", "chart"] {
        Test::new()
            .args(["render", "--out", name])
            .status(2)
            .stderr_contains("cannot tell the image format")
            .stderr_contains(".svg, .png or .pdf")
            .run();
    }
    Test::new()
        .args(["render", "--out", "chart", "--format", "svg"])
        .stderr_any()
        .run();
}

#[test]
fn empty_answers_exit_1_saying_what_matched_nothing() {
    Test::new()
        .args(["partners", "Japan", "--type", "arms_supply"])
        .status(1)
        .stderr_contains("Japan (JPN) has no partners matching these filters")
        .run();
    Test::new()
        .args(["dot", "--ego", "Ukraine", "--type", "summit"])
        .status(1)
        .stderr_contains("Ukraine (UKR) has no relations matching these filters: nothing to draw")
        .run();
    Test::new()
        .args(["timeline", "--type", "invasion", "--from", "2030"])
        .status(1)
        .stderr_contains("no relations match these filters and dates")
        .run();
    Test::new()
        .args(["path", "Russia", "Russia"])
        .status(2)
        .stderr_contains("both ends of the path are Russia (RUS)")
        .run();
}

#[test]
fn reversed_dates_are_usage_errors() {
    Test::new()
        .args(["diff", "2024", "2021"])
        .status(2)
        .stderr_contains("the dates are reversed: 2021 is before 2024")
        .run();
    Test::new()
        .args(["timeline", "--from", "2024", "--to", "2020"])
        .status(2)
        .stderr_contains("the dates are reversed")
        .run();
}

#[test]
fn dates_written_other_ways_say_what_was_meant() {
    for (text, meant) in [
        ("2023/06/19", "did you mean 2023-06-19?"),
        ("13/06/2023", "did you mean 2023-06-13?"),
        ("June 2023", "did you mean 2023-06?"),
    ] {
        Test::new()
            .args(["--as-of", text, "stats"])
            .status(2)
            .stderr_contains("write dates as YYYY, YYYY-MM or YYYY-MM-DD")
            .stderr_contains(meant)
            .run();
    }
}

#[test]
fn names_with_spaces_work_unquoted_or_get_a_hint() {
    let quoted = Test::new().args(["partners", "North Korea"]).stdout_text();
    let unquoted = Test::new()
        .args(["partners", "North", "Korea"])
        .stdout_text();
    assert_eq!(quoted, unquoted);
    Test::new()
        .args(["path", "North", "Korea", "Russia"])
        .status(2)
        .stderr_contains("quote the whole name")
        .run();
}

#[test]
fn suggestions_offer_every_entity_the_word_names() {
    Test::new()
        .args(["partners", "Korea"])
        .status(1)
        .stderr_contains("did you mean 'North Korea' (PRK) or 'South Korea' (KOR)?")
        .run();
    Test::new()
        .args(["partners", "America"])
        .status(1)
        .stderr_contains("did you mean 'United States' (USA)?")
        .run();
}

#[test]
fn values_are_accepted_in_any_case() {
    let lower = Test::new()
        .args(["rank", "--format", "json", "--metric", "pagerank"])
        .stdout_text();
    let upper = Test::new()
        .args(["rank", "--format", "JSON", "--metric", "PageRank"])
        .stdout_text();
    assert_eq!(lower, upper);
    Test::new()
        .args(["relations", "--polarity", "Hostile", "--format", "Csv"])
        .stdout_contains("hostile")
        .run();
}

#[test]
fn entities_take_the_relation_filters() {
    let text = Test::new()
        .args(["entities", "--type", "sanctions", "--format", "csv"])
        .stdout_text();
    let ids: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["RUS", "PRK", "WESTERN_SANCTIONERS", "INTL_SANCTIONERS"]
    );
}

#[test]
fn the_report_folder_must_be_a_folder_and_takes_filters() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("README.md");
    std::fs::write(&file, "mine").unwrap();
    Test::new()
        .args(["report", "--out-dir", file.to_str().unwrap()])
        .status(2)
        .stderr_contains("is a file, not a folder")
        .run();
    let out = dir.path().join("sanctions");
    let report = Test::new()
        .args([
            "report",
            "--type",
            "sanctions",
            "--out-dir",
            out.to_str().unwrap(),
        ])
        .stderr_any()
        .stdout_text();
    assert!(report.contains("report.html"), "{report}");
    let page = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(page.contains("Sanctions after the invasion"));
    assert!(!page.contains("Offered technological support"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn the_embedded_graph_is_named_only_when_used() {
    Test::new()
        .arg("stats")
        .stderr_contains(EMBEDDED_NOTE)
        .run();
    let output = Test::new().current_dir(&root()).arg("stats").run();
    assert!(output.stderr.is_empty());
}

#[cfg(unix)]
#[test]
fn written_files_get_the_umask_mode_and_keep_an_existing_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let run = |umask: &str, out: &Path| {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" --graph \"$1\" dot --out \"$2\""
            ))
            .arg(env!("CARGO_BIN_EXE_relgraph"))
            .arg(fixture("small.json"))
            .arg(out)
            .status()
            .unwrap();
        assert!(status.success());
    };
    let fresh = dir.path().join("fresh.dot");
    run("027", &fresh);
    assert_eq!(mode(&fresh), 0o640);
    let kept = dir.path().join("kept.dot");
    std::fs::write(&kept, "old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o644)).unwrap();
    run("077", &kept);
    assert_eq!(mode(&kept), 0o644);
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .starts_with("digraph")
    );
}

#[test]
fn listings_print_as_markdown_tables() {
    let text = Test::new()
        .graph(&fixture("small.json"))
        .args(["partners", "Avalonia", "--format", "markdown"])
        .stdout_text();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("| partner | name | relation |")
    );
    assert!(lines.next().unwrap().starts_with("| --- | --- |"));
    assert!(
        lines.all(|l| l.starts_with("| ") && l.ends_with(" |")),
        "{text}"
    );
    let ranking = Test::new()
        .current_dir(&root())
        .args(["rank", "--metric", "all", "--format", "markdown"])
        .stdout_text();
    assert!(
        ranking
            .contains("| 1 | RUS | Russia | 4 | 28 | 0.464286 | 0.666667 | 0.382468 | 0.242716 |"),
        "{ranking}"
    );
}

#[cfg(unix)]
#[test]
fn out_writes_through_to_a_character_device_and_refuses_its_own_input() {
    use std::os::unix::fs::FileTypeExt;
    // A null device of our own (as root; CI runs as root), never the system's.
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    let made = rustix::fs::mknodat(
        rustix::fs::CWD,
        &null,
        rustix::fs::FileType::CharacterDevice,
        rustix::fs::Mode::from_raw_mode(0o666),
        rustix::fs::makedev(1, 3),
    );
    if made.is_ok() {
        Test::new()
            .graph(&fixture("small.json"))
            .args(["dot", "--out", null.to_str().unwrap()])
            .run();
        let kind = std::fs::metadata(&null).unwrap().file_type();
        assert!(kind.is_char_device(), "--out replaced a device with a file");
    } else {
        eprintln!("not root: the character-device case is left to CI");
    }
    let dot = write_dot();
    let before = std::fs::read(&dot).unwrap();
    Test::new()
        .args([
            "render",
            "--in",
            dot.as_str(),
            "--out",
            dot.as_str(),
            "--format",
            "svg",
        ])
        .status(2)
        .stderr_contains("is the DOT file given with --in")
        .run();
    assert_eq!(std::fs::read(&dot).unwrap(), before);
}
