//! `relgraph verify`: quotes checked against their sources' texts, on a
//! fixture of the project's own (`tests/fixtures/verify/`) and on the
//! bundled graph against the article in `../shared/sources/`.

use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::test::{Test, fixture, root};

/// The summary of the fixture as it is.
const ALL_EXACT: &str = "graph.json: 4 quotes verified against 1 source text (4 exact, 0 after normalising), 0 not found, 0 unchecked\n";

/// The fixture's folder: `graph.json` and the `text.txt` it quotes.
fn fixture_dir() -> PathBuf {
    fixture("verify")
}

/// The fixture copied into a fresh folder, its graph's text changed by
/// `edit` (so lines and columns stay as written); the folder holds `graph.json`.
fn edited(edit: impl FnOnce(String) -> String) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture_dir().join("graph.json")).unwrap();
    let changed = edit(text.clone());
    assert_ne!(changed, text, "the edit changed nothing");
    std::fs::write(dir.path().join("graph.json"), changed).unwrap();
    std::fs::copy(fixture_dir().join("text.txt"), dir.path().join("text.txt")).unwrap();
    dir
}

/// `relgraph --graph graph.json verify ARGS…` run in `dir`.
fn verify_in(dir: &Path, args: &[&str]) -> Test {
    Test::new()
        .current_dir(dir)
        .args(["--graph", "graph.json", "verify"])
        .args(args)
}

#[test]
fn every_quote_of_the_fixture_is_exact() {
    verify_in(&fixture_dir(), &[]).stdout(ALL_EXACT).run();
}

#[test]
fn a_straight_apostrophe_for_a_typographic_one_is_a_warning_naming_both() {
    let dir = edited(|g| g.replace("river’s mouth", "river's mouth"));
    verify_in(dir.path(), &[])
        .stdout("graph.json: 4 quotes verified against 1 source text (3 exact, 1 after normalising), 0 not found, 0 unchecked\n")
        .stderr_contains("warning: relations[0].evidence[0].quote: quote of relation 'ab-alliance' (evidence 0) matches the text of 'note' (line 4) only after normalising: the text has ’ (U+2019) where the quote has ' (U+0027) at character 39")
        .stderr_contains("graph.json:20:")
        .stderr_contains("graph.json: 0 errors, 1 warning")
        .run();
}

#[test]
fn a_space_for_a_line_break_is_a_warning_naming_both() {
    let dir = edited(|g| g.replace("the League\\nsanctioned", "the League sanctioned"));
    verify_in(dir.path(), &[])
        .stdout_contains("(3 exact, 1 after normalising), 0 not found")
        .stderr_contains("the text has a line break (U+000A) where the quote has a space (U+0020) at character 11")
        .run();
}

#[test]
fn a_doctored_quote_fails_with_the_closest_passage_and_its_line() {
    let dir = edited(|g| g.replace("sends grain to", "sends weapons to"));
    let output = verify_in(dir.path(), &[])
        .status(1)
        .stdout("")
        .stderr_contains("error: relations[1].evidence[0].quote: quote of relation 'ba-supply' (evidence 0) is not in the text of 'note': «Borduria sends weapons to Avalon every autumn»")
        .stderr_contains("graph.json:21:")
        .stderr_contains("hint: closest passage (line 7, ")
        .stderr_contains("alike): «Borduria sends grain to Avalon every autumn»")
        .run();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with("graph.json: 1 error, 0 warnings\ngraph.json: 3 quotes verified against 1 source text (3 exact, 0 after normalising), 1 not found, 0 unchecked\n"),
        "{stderr}"
    );
}

#[test]
fn a_missing_text_fails_naming_the_path_tried() {
    let dir = edited(|g| g.replace("\"text\": \"text.txt\"", "\"text\": \"gone/missing.txt\""));
    verify_in(dir.path(), &[])
        .status(1)
        .stderr_contains("error: sources[0].text: source 'note': cannot read 'gone/missing.txt': ")
        .stderr_contains("; 4 quotes not checked")
        .stderr_contains("give --sources-dir DIR")
        .stderr_contains("graph.json: 0 quotes verified against 0 source texts (0 exact, 0 after normalising), 0 not found, 4 unchecked")
        .run();
}

#[test]
fn sources_dir_finds_a_text_by_its_file_name_or_by_the_source_id() {
    let fixtures = fixture_dir();
    let fixtures = fixtures.to_str().unwrap();
    let elsewhere = edited(|g| {
        g.replace(
            "\"text\": \"text.txt\"",
            "\"text\": \"../elsewhere/text.txt\"",
        )
    });
    verify_in(elsewhere.path(), &["--sources-dir", fixtures])
        .stdout(ALL_EXACT)
        .run();

    let by_id = edited(|g| g.replace(", \"text\": \"text.txt\"", ""));
    let texts = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture_dir().join("text.txt"),
        texts.path().join("note.txt"),
    )
    .unwrap();
    verify_in(
        by_id.path(),
        &["--sources-dir", texts.path().to_str().unwrap()],
    )
    .stdout(ALL_EXACT)
    .run();

    let empty = tempfile::tempdir().unwrap();
    verify_in(
        &fixture_dir(),
        &["--sources-dir", empty.path().to_str().unwrap()],
    )
    .status(1)
    .stderr_contains(&format!(
        "cannot read '{}'",
        empty.path().join("text.txt").display()
    ))
    .stderr_contains("--sources-dir looks the text up by its file name, text.txt")
    .run();
}

#[test]
fn a_source_without_text_leaves_its_quotes_unchecked_with_one_warning() {
    let dir = edited(|g| g.replace(", \"text\": \"text.txt\"", ""));
    verify_in(dir.path(), &[])
        .stdout("graph.json: 0 quotes verified against 0 source texts (0 exact, 0 after normalising), 0 not found, 4 unchecked\n")
        .stderr_contains("warning: sources[0]: source 'note' names no text; 4 quotes not checked")
        .stderr_contains("add \"text\": \"FILE.txt\" to the source")
        .run();
}

#[test]
fn json_lists_every_check_as_data_and_counts_on_stderr() {
    let dir = edited(|g| g.replace("sends grain to", "sends weapons to"));
    let output = verify_in(dir.path(), &["--format", "json"])
        .status(1)
        .stderr_contains("graph.json: 1 error, 0 warnings")
        .run();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["summary"]["exact"], 3);
    assert_eq!(json["summary"]["not_found"], 1);
    assert_eq!(json["summary"]["texts"], serde_json::json!(["text.txt"]));
    assert_eq!(json["sources"][0]["status"], "read");
    let checks = json["checks"].as_array().unwrap();
    let statuses: Vec<&str> = checks
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["exact", "not_found", "exact", "exact"]);
    assert_eq!(checks[0]["line"], 4);
    assert_eq!(checks[2]["line"], 7);
    let missing = &checks[1];
    assert_eq!(missing["relation"], "ba-supply");
    assert_eq!(missing["evidence"], 0);
    assert_eq!(missing["path"], "relations[1].evidence[0].quote");
    assert_eq!(
        missing["closest"],
        "Borduria sends grain to Avalon every autumn"
    );
    assert_eq!(missing["line"], 7);
    assert!(
        missing["percent_alike"].as_u64().unwrap() >= 80,
        "{missing}"
    );
}

#[test]
fn csv_lists_every_check_under_a_header() {
    let dir = edited(|g| g.replace("river’s mouth", "river's mouth"));
    let csv = verify_in(dir.path(), &["--format", "csv"]).stdout_text();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("relation,evidence,source,status,detail,closest,percent_alike,line")
    );
    assert_eq!(
        lines.next(),
        Some(
            "ab-alliance,0,note,normalised,the text has ’ (U+2019) where the quote has ' (U+0027) at character 39,,,4"
        )
    );
    assert_eq!(lines.count(), 3);
}

#[test]
fn verify_refuses_as_of_and_a_sources_dir_that_is_no_folder() {
    verify_in(&fixture_dir(), &["--as-of", "2020"])
        .status(2)
        .stderr_contains("verify does not use --as-of: verify checks every quote of the file")
        .run();
    verify_in(&fixture_dir(), &["--sources-dir", "text.txt"])
        .status(2)
        .stderr_contains("--sources-dir 'text.txt' is not a folder")
        .run();
}

/// The article the bundled graph quotes, beside the checkout; CI always has it.
fn article() -> Option<PathBuf> {
    let path = root().join("../shared/sources/russia-north-korea.it.txt");
    match path.canonicalize() {
        Ok(path) => Some(path),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "{} not found: verify not checked on the bundled graph",
                path.display()
            );
            None
        }
        Err(err) => panic!("CI must have the article at {}: {err}", path.display()),
    }
}

/// The bundled graph.json copied into a fresh folder, its source's `text`
/// set to the article's absolute path, then changed by `edit`.
fn bundled_copy(article: &Path, edit: impl FnOnce(&mut Value)) -> TempDir {
    let mut graph: Value =
        serde_json::from_slice(&std::fs::read(root().join("graph.json")).unwrap()).unwrap();
    graph["sources"][0]["text"] = Value::from(article.to_str().unwrap());
    edit(&mut graph);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("graph.json"),
        serde_json::to_string_pretty(&graph).unwrap(),
    )
    .unwrap();
    dir
}

#[test]
fn every_quote_of_the_bundled_graph_is_in_the_article() {
    let Some(article) = article() else { return };
    let dir = bundled_copy(&article, |_| {});
    let output = verify_in(dir.path(), &["--format", "json"]).run();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["summary"]["not_found"], 0, "{}", json["summary"]);
    assert_eq!(json["summary"]["unchecked"], 0, "{}", json["summary"]);
    verify_in(dir.path(), &[])
        .stdout_contains("verified against 1 source text (")
        .stdout_contains(", 0 not found, 0 unchecked\n")
        .run();
}

#[test]
fn a_bundled_quote_changed_by_a_word_fails_with_the_closest_passage() {
    let Some(article) = article() else { return };
    let original = bundled_copy(&article, |_| {});
    let output = verify_in(original.path(), &["--format", "json"]).run();
    let checks: Value = serde_json::from_slice(&output.stdout).unwrap();
    let line = checks["checks"][0]["line"].clone();
    let mut quote = String::new();
    let dir = bundled_copy(&article, |graph| {
        let value = &mut graph["relations"][0]["evidence"][0]["quote"];
        quote = value.as_str().unwrap().to_owned();
        let mut words: Vec<&str> = quote.split(' ').collect();
        let middle = words.len() / 2;
        words[middle] = "parola";
        *value = Value::from(words.join(" "));
    });
    let relation = checks["checks"][0]["relation"].as_str().unwrap();
    verify_in(dir.path(), &[])
        .status(1)
        .stderr_contains(&format!(
            "quote of relation '{relation}' (evidence 0) is not in the text of 'martin-haut-risque'"
        ))
        .stderr_contains(&format!("hint: closest passage (line {line}, "))
        .stderr_contains(", 1 not found, 0 unchecked")
        .run();
    let output = verify_in(dir.path(), &["--format", "json"])
        .status(1)
        .stderr_contains("graph.json: 1 error, 0 warnings")
        .run();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["checks"][0]["status"], "not_found");
    assert_eq!(json["checks"][0]["closest"], Value::from(quote));
    assert_eq!(json["checks"][0]["line"], line);
}

/// README.md with the output of each ```text block that runs `relgraph
/// verify` replaced by what its commands print now, run in a folder holding
/// a copy of graph.json whose source's text is `article_dir` made absolute
/// (`sed -i 's/A/B/' graph.json` changes the copy as sed would).
fn refreshed_verify_examples(readme: &str, article_dir: &Path) -> String {
    let mut parts = readme.split("```text\n");
    let mut text = parts.next().unwrap_or_default().to_owned();
    for block in parts {
        text.push_str("```text\n");
        let end = block.find("```").expect("closed block");
        if !block[..end].contains("$ relgraph verify") {
            text.push_str(block);
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let graph = dir.path().join("graph.json");
        let original = std::fs::read_to_string(root().join("graph.json")).unwrap();
        let absolute = format!("\"text\": \"{}/", article_dir.display());
        std::fs::write(
            &graph,
            original.replace("\"text\": \"../shared/sources/", &absolute),
        )
        .unwrap();
        let mut output = String::new();
        for line in block[..end].lines().take_while(|l| l.starts_with("$ ")) {
            text.push_str(line);
            text.push('\n');
            output = run_example(line, dir.path());
        }
        text.push_str(&output);
        text.push_str(&block[end..]);
    }
    text
}

/// Runs one example command line in `dir`: `relgraph …` (words split on
/// spaces; stdout then stderr), or a `sed -i 's/A/B/' graph.json`.
fn run_example(line: &str, dir: &Path) -> String {
    if let Some(sed) = line.strip_prefix("$ sed -i 's/") {
        let (script, file) = sed.split_once("' ").expect("sed -i 's/A/B/' FILE");
        let [from, to, ""] = script.split('/').collect::<Vec<_>>()[..] else {
            panic!("only s/A/B/ is understood: {line}");
        };
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited: Vec<String> = text.split('\n').map(|l| l.replacen(from, to, 1)).collect();
        std::fs::write(&path, edited.join("\n")).unwrap();
        return String::new();
    }
    let words: Vec<&str> = line
        .strip_prefix("$ relgraph ")
        .expect("a relgraph command")
        .split(' ')
        .collect();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"))
        .args(&words)
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// Set `UPDATE_README=1` to rewrite the examples instead of checking them.
#[test]
fn the_verify_examples_are_real_output() {
    let Some(article) = article() else { return };
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let expected = refreshed_verify_examples(&readme, article.parent().unwrap());
    assert!(
        expected.contains("$ relgraph verify\n"),
        "no verify example in README.md"
    );
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, expected).unwrap();
    } else {
        assert!(
            readme == expected,
            "README's verify examples are out of date: run `UPDATE_README=1 cargo test the_verify_examples`"
        );
    }
}

#[test]
fn the_quotes_of_recorded_conflicts_are_verified_too() {
    let Some(article) = article() else { return };
    let dir = bundled_copy(&article, |graph| {
        graph["conflicts"][0]["evidence"][0]["quote"] =
            Value::from("Il 19 giugno 2022, i due paesi hanno firmato accordi");
    });
    verify_in(dir.path(), &[])
        .status(1)
        .stderr_contains("conflicts[0].evidence[0].quote: quote of conflicts[0] (evidence 0)")
        .stderr_contains("Il 19 giugno 2023, i due paesi hanno firmato accordi")
        .run();
}
