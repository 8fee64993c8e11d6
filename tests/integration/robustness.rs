//! No input makes relgraph panic: damaged copies of real files and random
//! JSON-like text all end in a value or an error.

use proptest::prelude::*;
use relgraph::model::load::parse;

use crate::test::root;

fn bundled() -> Vec<u8> {
    std::fs::read(root().join("graph.json")).unwrap()
}

#[test]
fn every_truncation_of_the_bundled_graph_is_an_error_not_a_panic() {
    let bytes = bundled();
    for end in (0..bytes.len()).step_by(97) {
        assert!(
            parse("cut.json", &bytes[..end]).is_err(),
            "prefix of {end} bytes parsed"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn damaged_bytes_never_panic(at in 0usize..30_000, byte in any::<u8>(), count in 1usize..4) {
        let mut bytes = bundled();
        let at = at % bytes.len();
        for offset in 0..count {
            if let Some(b) = bytes.get_mut(at + offset) {
                *b = byte;
            }
        }
        let _ = parse("damaged.json", &bytes);
    }

    #[test]
    fn json_like_text_never_panics(text in r#"[\{\}\[\]",:0-9a-z\\ \n]{0,200}"#) {
        let _ = parse("random.json", text.as_bytes());
    }

    #[test]
    fn any_string_values_never_panic(id in "\\PC{0,12}", date in "\\PC{0,12}", weight in any::<f64>()) {
        let doc = serde_json::json!({
            "title": "t",
            "relation_types": [{"id": "t", "label": "T", "polarity": "neutral", "directed": false}],
            "entities": [{"id": id, "name": id, "kind": "country"}, {"id": "B", "name": "B", "kind": "group"}],
            "relations": [{"id": "r", "source": id, "target": "B", "type": "t", "since": date,
                           "weight": if weight.is_finite() { serde_json::json!(weight) } else { serde_json::json!(null) },
                           "evidence": [{"source": "s", "quote": date}]}],
        });
        let _ = parse("generated.json", doc.to_string().as_bytes());
    }
}

/// A seeded source of numbers below `n`.
fn dice(seed: u64) -> impl FnMut(u64) -> u64 {
    let mut state = seed;
    move |n| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % n.max(1)
    }
}

/// A random small graph: `entities` entities (named from several scripts),
/// up to three relations each, of three types, some dated.
fn random_graph(roll: &mut impl FnMut(u64) -> u64, entities: u64) -> serde_json::Value {
    const NAMES: [&str; 6] = ["Alpha", "Пхеньян", "조선", "<b>&amp;", "Ω \"q\"", "Beta\\n"];
    let kinds = ["country", "group", "organization", "person"];
    let types = ["ally", "sanction", "talk"];
    let ids: Vec<String> = (0..entities).map(|i| format!("E{i}")).collect();
    let entity_list: Vec<serde_json::Value> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| {
            serde_json::json!({"id": id, "name": format!("{} {i}", NAMES[roll(6) as usize]),
                               "kind": kinds[roll(4) as usize]})
        })
        .collect();
    let mut relations = Vec::new();
    if entities >= 2 {
        for r in 0..roll(entities * 3 + 1) {
            let (a, b) = (roll(entities) as usize, roll(entities) as usize);
            if a == b {
                continue;
            }
            let mut relation = serde_json::json!({"id": format!("r{r}"), "source": ids[a],
                "target": ids[b], "type": types[roll(3) as usize],
                "evidence": [{"source": "s", "quote": "q"}]});
            if roll(2) == 0 {
                relation["since"] = serde_json::json!(format!("{}", 2000 + roll(25)));
            }
            relations.push(relation);
        }
    }
    serde_json::json!({
        "title": "random",
        "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p",
                     "published": "2024", "language": "en"}],
        "relation_types": [
            {"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false},
            {"id": "sanction", "label": "sanction", "polarity": "hostile", "directed": true},
            {"id": "talk", "label": "talk", "polarity": "neutral", "directed": false}],
        "entities": entity_list,
        "relations": relations,
    })
}

#[test]
fn every_command_on_random_small_graphs_ends_in_0_1_or_2_without_a_panic() {
    let mut roll = dice(7);
    let dir = tempfile::tempdir().unwrap();
    let commands: [&[&str]; 21] = [
        &["validate"],
        &["validate", "--format", "json", "--strict"],
        &["verify"],
        &["entities"],
        &["relations", "--format", "csv", "--evidence"],
        &["partners", "E0", "--format", "markdown"],
        &["path", "E0", "E1", "--all", "--chronological"],
        &["rank", "--metric", "all"],
        &["blocs", "--max-blocs", "2", "--evidence"],
        &["balance", "--format", "json"],
        &["timeline"],
        &["diff", "2000", "2024"],
        &["stats"],
        &[
            "dot",
            "--merge",
            "--cluster-by",
            "bloc",
            "--color-by",
            "bloc",
        ],
        &["dot", "--ego", "E0", "--radius", "2"],
        &["export", "--format", "mermaid"],
        &["--as-of", "1900", "relations"],
        &["--as-of", "1990", "dot"],
        &["relations", "--type", "talk", "--polarity", "hostile"],
        &["render", "--format", "svg", "--timeout", "10"],
        &["report", "--out-dir", "report", "--timeout", "10"],
    ];
    for (g, entities) in [0, 1, 2, 3, 5, 8, 13, 2, 4, 6].into_iter().enumerate() {
        let path = dir.path().join(format!("g{g}.json"));
        std::fs::write(&path, random_graph(&mut roll, entities).to_string()).unwrap();
        for args in commands {
            for without_graphviz in [false, true] {
                let slow = matches!(args[0], "render" | "report");
                if without_graphviz && !slow {
                    continue;
                }
                let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"));
                command
                    .arg("--graph")
                    .arg(&path)
                    .args(args)
                    .current_dir(dir.path());
                if without_graphviz {
                    command.env("PATH", "/nonexistent");
                }
                let output = command.output().unwrap();
                let stderr = String::from_utf8_lossy(&output.stderr);
                let code = output.status.code();
                assert!(
                    matches!(code, Some(0..=2)),
                    "relgraph {args:?} on {} ended with {code:?}: {stderr}",
                    path.display()
                );
                assert!(!stderr.contains("panicked"), "relgraph {args:?}: {stderr}");
            }
        }
    }
}

/// Inputs the fuzzers found trouble with, each once a bug.
#[test]
fn inputs_found_by_fuzzing_end_in_an_error() {
    // `load`, 2026-11-25: malformed JSON made the JSON-path locator loop,
    // allocating without end, while the syntax error was shown.
    crate::test::Test::new()
        .graph(&crate::test::fixture("fuzz-locator-loop.json"))
        .arg("validate")
        .status(1)
        .stderr_contains("malformed JSON")
        .run();
    // `load`, 2026-11-25: invalid UTF-8 before a problem made its column
    // underflow (a panic) while the line was quoted.
    crate::test::Test::new()
        .graph(&crate::test::fixture("fuzz-invalid-utf8-column.json"))
        .arg("validate")
        .status(1)
        .stderr_contains("not valid UTF-8")
        .run();
}

#[test]
fn closed_output_streams_end_in_the_usual_exit_code_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    let text = std::fs::read_to_string(root().join("tests/fixtures/small.json")).unwrap();
    std::fs::write(
        &bad,
        text.replacen("\"kind\": \"country\"", "\"kind\": \"planet\"", 1),
    )
    .unwrap();
    let out_dir = dir.path().join("r");
    let cases: [(&[&str], i32); 3] = [
        (&["--graph", bad.to_str().unwrap(), "validate"], 1),
        (&["entities"], 0),
        (&["report", "--out-dir", out_dir.to_str().unwrap()], 0),
    ];
    for (args, code) in cases {
        let (stdout_reader, stdout_writer) = std::io::pipe().unwrap();
        let (stderr_reader, stderr_writer) = std::io::pipe().unwrap();
        drop((stdout_reader, stderr_reader));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"))
            .current_dir(root())
            .args(args)
            .env("PATH", crate::render::NO_GRAPHVIZ)
            .stdout(stdout_writer)
            .stderr(stderr_writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}
