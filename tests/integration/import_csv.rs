//! `relgraph import csv`: spreadsheets become a graph file that every
//! command reads; every problem is shown at its file, row and column, and
//! nothing is written unless the whole import is valid.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::test::{Test, fixture, root};

/// A folder holding a copy of every file of `tests/fixtures/csv/`.
fn fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    copy_folder(&fixture("csv"), dir.path());
    dir
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `relgraph import csv ARGS…`, run in `dir`.
fn import(dir: &Path, args: &[&str]) -> Test {
    Test::new()
        .current_dir(dir)
        .args(["import", "csv"])
        .args(args)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("the graph written")).expect("JSON")
}

/// The note `import csv` prints when it makes the article's source.
const SOURCE_NOTE: &str = "note: graph.json: source 'martin-haut-risque' has placeholder details";

#[test]
fn a_clean_import_validates_and_answers_queries() {
    let dir = fixtures();
    import(
        dir.path(),
        &[
            "relations.csv",
            "--entities",
            "entities.csv",
            "--types",
            "types.csv",
        ],
    )
    .stdout("wrote graph.json: 6 entities, 8 relations, 6 types\n")
    .stderr_contains(SOURCE_NOTE)
    .run();
    let graph = read_json(&dir.path().join("graph.json"));
    assert_eq!(graph["title"], "relations.csv");
    let source = &graph["sources"][0];
    assert_eq!(
        (&source["id"], &source["author"], &source["language"]),
        (
            &"martin-haut-risque".into(),
            &"unknown".into(),
            &"und".into()
        )
    );
    let ids: Vec<&str> = crate::test::ids_of(&graph["relations"]);
    assert_eq!(
        ids[3..5],
        [
            "PRK-RUS-military_cooperation",
            "PRK-RUS-military_cooperation-2"
        ]
    );
    Test::new()
        .current_dir(dir.path())
        .arg("validate")
        .stdout_contains(
            "graph.json: valid (relations.csv)\nentities:  6 (6 country)\nrelations: 8\n",
        )
        .run();
    Test::new()
        .current_dir(dir.path())
        .args(["partners", "North Korea", "--format", "csv"])
        .stdout_contains("RUS,Russia,PRK-RUS-military_cooperation-2,both,military_cooperation,cooperative,2023-09,,")
        .stdout_contains("RUS,Russia,PRK-RUS-realignment,out,realignment,cooperative,2024-07-04,,")
        .run();
}

#[test]
fn rows_that_share_an_id_are_one_relation_with_a_quote_each() {
    // quotes.csv holds two relations of the bundled graph, a row per quote:
    // rows of one relation apart, with empty cells for "as in the first
    // row", and with entities and type named instead of by id.
    let dir = fixtures();
    import(
        dir.path(),
        &[
            "quotes.csv",
            "--entities",
            "entities.csv",
            "--types",
            "types.csv",
        ],
    )
    .stdout("wrote graph.json: 6 entities, 2 relations, 6 types\n")
    .stderr_contains(SOURCE_NOTE)
    .run();
    let graph = read_json(&dir.path().join("graph.json"));
    let bundled = read_json(&root().join("graph.json"));
    let relations = graph["relations"].as_array().unwrap();
    assert_eq!(
        crate::test::ids_of(&graph["relations"]),
        ["prk-rus-ties-since-2000s", "prk-rus-satellite-switch-2024"]
    );
    for relation in relations {
        let original = bundled["relations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == relation["id"])
            .unwrap();
        assert_eq!(relation, original);
    }
    assert_eq!(relations[1]["event"], true);
    assert_eq!(relations[1]["evidence"].as_array().unwrap().len(), 3);
}

#[test]
fn rows_that_share_an_id_but_not_their_cells_are_errors_at_each_cell() {
    let dir = fixtures();
    let text = std::fs::read_to_string(dir.path().join("quotes.csv")).unwrap();
    let text = text
        .replacen(
            "prk-rus-ties-since-2000s,,,,,,,,",
            "prk-rus-ties-since-2000s,,,,2001,,,maybe,",
            1,
        )
        .replacen(
            "North Korea,Russia,Turn towards",
            "North Korea,China,Turn towards",
            1,
        )
        .replacen(",yes,", ",no,", 1);
    std::fs::write(dir.path().join("quotes.csv"), text).unwrap();
    let hint = "rows that share an id are one relation, a quote a row:";
    let expected = [
        format!(
            "quotes.csv:4:5: error: relations[0].since: since '2001' differs from row 2, the first \
             row of relation 'prk-rus-ties-since-2000s', whose since is '2000s'\n  = hint: {hint} \
             write '2000s' here as in row 2, or leave the cell empty; or give this row an id of \
             its own\n"
        ),
        "quotes.csv:4:8: error: relations[0].event: event 'maybe' is not true or false\n  = hint: \
         write true or false (yes or no, 1 or 0 also do), or leave the cell empty for the \
         relation type's `event`\n"
            .to_owned(),
        format!(
            "quotes.csv:6:3: error: relations[1].target: target 'China' differs from row 3, the \
             first row of relation 'prk-rus-satellite-switch-2024', whose target is 'RUS'\n  \
             = hint: {hint} write 'RUS' here as in row 3"
        ),
        "quotes.csv:6:8: error: relations[1].event: event 'no' differs from row 3, the first row \
         of relation 'prk-rus-satellite-switch-2024', whose event is 'true'\n"
            .to_owned(),
        "quotes.csv: 4 errors, 0 warnings\n".to_owned(),
    ];
    let mut run = import(
        dir.path(),
        &[
            "quotes.csv",
            "--entities",
            "entities.csv",
            "--types",
            "types.csv",
        ],
    )
    .status(1);
    for part in &expected {
        run = run.stderr_contains(part);
    }
    let output = run.run();
    assert!(output.stdout.is_empty());
    assert!(!dir.path().join("graph.json").exists());
}

#[test]
fn a_kumu_export_imports_with_map() {
    let dir = fixtures();
    let output = import(
        dir.path(),
        &[
            "kumu-connections.csv",
            "--entities",
            "kumu-elements.csv",
            "--types",
            "types.csv",
            "--map",
            "From=source",
            "--map",
            "To=target",
            "--map",
            "Label=name",
            "--map",
            "Type=kind",
            "--map",
            "Tags=ignore",
            "--title",
            "From Kumu",
        ],
    )
    .stdout("wrote graph.json: 4 entities, 4 relations, 6 types\n")
    .stderr_contains(
        "kumu-connections.csv:1: warning: column 'Description' (5) is not read: \
         it names no field of the relations file",
    )
    .stderr_contains("kumu-connections.csv:2:1: warning: relations[0].id: relation 'Russia-Ukraine-invasion' has no evidence")
    .run();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with("kumu-connections.csv: 0 errors, 5 warnings\n"),
        "{stderr}"
    );
    let graph = read_json(&dir.path().join("graph.json"));
    assert_eq!(graph["title"], "From Kumu");
    let relation = &graph["relations"][1];
    assert_eq!(
        (&relation["source"], &relation["target"], &relation["type"]),
        (
            &"North Korea".into(),
            &"Russia".into(),
            &"military_cooperation".into()
        )
    );
    assert_eq!(relation["label"], "Agreements of 19 June 2023");
    assert_eq!(graph["entities"][0]["description"], "Russian Federation");
    assert!(graph.get("sources").is_none());
}

#[test]
fn a_gephi_edge_table_imports_with_map() {
    let dir = fixtures();
    import(
        dir.path(),
        &[
            "gephi-edges.csv",
            "--entities",
            "gephi-nodes.csv",
            "--types",
            "types.csv",
            "--map",
            "Type=ignore",
            "--map",
            "Label=type",
            "--map",
            "Label=name",
        ],
    )
    .stdout("wrote graph.json: 4 entities, 5 relations, 6 types\n")
    .stderr_contains("gephi-edges.csv: 0 errors, 5 warnings\n")
    .run();
    let graph = read_json(&dir.path().join("graph.json"));
    let relation = &graph["relations"][3];
    assert_eq!(
        (&relation["id"], &relation["type"], &relation["weight"]),
        (&"3".into(), &"realignment".into(), &2.into())
    );
    assert_eq!(graph["entities"][1]["name"], "North Korea");
}

#[test]
fn every_broken_row_is_reported_and_nothing_is_written() {
    let dir = fixtures();
    let expected = [
        "broken.csv:3:4: error: relations[1].since: '2023-13' is not a date",
        "broken.csv:4:6: error: relations[2].weight: weight '1,5' is not a number\n  = hint: write decimals with a point: 1.5",
        "broken.csv:5:3: error: relations[3].type: unknown relation type 'militray_cooperation' (--strict creates none)\n  \
         = hint: did you mean 'military_cooperation'? add it to types.csv",
        "broken.csv: 3 errors, 0 warnings\n",
    ];
    let args = [
        "broken.csv",
        "--entities",
        "entities.csv",
        "--types",
        "types.csv",
        "--strict",
    ];
    let mut run = import(dir.path(), &args).status(1);
    for part in expected {
        run = run.stderr_contains(part);
    }
    let output = run.run();
    assert!(output.stdout.is_empty());
    assert!(!dir.path().join("graph.json").exists());
    // An earlier graph stays as it was.
    let earlier = b"{\"an\": \"earlier graph\"}\n";
    std::fs::write(dir.path().join("graph.json"), earlier).unwrap();
    import(dir.path(), &args)
        .status(1)
        .stderr_contains(expected[3])
        .run();
    assert_eq!(
        std::fs::read(dir.path().join("graph.json")).unwrap(),
        earlier
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".relgraph-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_placed_and_left_out() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("r.csv"),
        "source,target,type,quote\nA,B,ally,\"one, two\"\nA,B,ally,one, two\nA,B\n",
    )
    .unwrap();
    import(dir.path(), &["r.csv"])
        .status(1)
        .stderr_contains("r.csv:3:5: error: relations[1]: this row has 5 fields, the header 4: the row is not read\n  = hint: put double quotes around cells that hold the delimiter")
        .stderr_contains("r.csv:4:3: error: relations[2]: this row has 2 fields, the header 4")
        .stderr_contains("r.csv: 2 errors, 2 warnings\n")
        .run();
    assert!(!dir.path().join("graph.json").exists());
}

#[test]
fn unknown_entities_and_types_are_created_with_one_warning_each() {
    let dir = fixtures();
    let output = import(
        dir.path(),
        &[
            "relations.csv",
            "--types",
            "types.csv",
            "--default-kind",
            "GROUP",
        ],
    )
    .stdout("wrote graph.json: 6 entities (6 created), 8 relations, 6 types\n")
    .stderr_contains(
        "relations.csv:2:1: warning: relations[0].source: no --entities file: 6 entities created \
         from the relations, with name = id and kind group: RUS, UKR, PRK, CHN, JPN, KOR\n",
    )
    .stderr_contains("relations.csv: 0 errors, 1 warning\n")
    .run();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.matches("warning:").count(), 1, "{stderr}");
    let graph = read_json(&dir.path().join("graph.json"));
    assert_eq!(
        graph["entities"][1],
        serde_json::json!({"id": "UKR", "name": "UKR", "kind": "group"})
    );
    // With an entities file that lacks some, and no types file.
    std::fs::write(
        dir.path().join("few.csv"),
        "id,name\nRUS,Russia\nPRK,North Korea\n",
    )
    .unwrap();
    import(dir.path(), &["relations.csv", "--entities", "few.csv"])
        .stdout("wrote graph.json: 6 entities (4 created), 8 relations, 6 types (6 created)\n")
        .stderr_contains("relations.csv:2:2: warning: relations[0].target: 4 entities not in few.csv, created with name = id and kind country: UKR, CHN, JPN, KOR\n")
        .stderr_contains("relations.csv:2:3: warning: relations[0].type: no --types file: 6 relation types created from the relations, neutral and undirected with label = id: invasion, strategic_partnership, summit, military_cooperation, realignment, assessment\n")
        .run();
    let graph = read_json(&dir.path().join("graph.json"));
    let ids = crate::test::ids_of(&graph["entities"]);
    assert_eq!(ids, ["RUS", "PRK", "UKR", "CHN", "JPN", "KOR"]);
    assert_eq!(
        graph["relation_types"][0],
        serde_json::json!({"id": "invasion", "label": "invasion", "polarity": "neutral", "directed": false})
    );
}

#[test]
fn semicolons_and_tabs_read_the_same_relations() {
    let dir = fixtures();
    let mut graphs = Vec::new();
    for (folder, extension, delimiter) in [("semicolon", "csv", ";"), ("tab", "tsv", "tab")] {
        let file = |name: &str| format!("{folder}/{name}.{extension}");
        let out = format!("{folder}.json");
        import(
            dir.path(),
            &[
                &file("relations"),
                "--entities",
                &file("entities"),
                "--types",
                &file("types"),
                "--delimiter",
                delimiter,
                "--out",
                &out,
            ],
        )
        .stdout(&format!("wrote {out}: 6 entities, 8 relations, 6 types\n"))
        .stderr_contains("has placeholder details")
        .run();
        graphs.push(read_json(&dir.path().join(out)));
    }
    import(
        dir.path(),
        &[
            "relations.csv",
            "--entities",
            "entities.csv",
            "--types",
            "types.csv",
        ],
    )
    .stderr_contains(SOURCE_NOTE)
    .run();
    let comma = read_json(&dir.path().join("graph.json"));
    for graph in graphs {
        for list in ["relations", "entities", "relation_types", "sources"] {
            assert_eq!(graph[list], comma[list], "{list}");
        }
    }
    // The wrong delimiter finds no columns.
    import(dir.path(), &["semicolon/relations.csv"])
        .status(1)
        .stderr_contains("semicolon/relations.csv:1: error: no `source` column: the header has source;target;type;")
        .run();
}

#[test]
fn the_files_read_are_never_overwritten() {
    let dir = fixtures();
    let before = std::fs::read(dir.path().join("entities.csv")).unwrap();
    for out in ["relations.csv", "entities.csv", "./types.csv"] {
        import(
            dir.path(),
            &[
                "relations.csv",
                "--entities",
                "entities.csv",
                "--types",
                "types.csv",
                "--out",
                out,
            ],
        )
        .status(2)
        .stderr_contains(&format!(
            "error: refusing to overwrite '{out}', one of the files to import: choose another output path"
        ))
        .run();
    }
    assert_eq!(
        std::fs::read(dir.path().join("entities.csv")).unwrap(),
        before
    );
}

#[test]
fn options_that_cannot_apply_are_usage_errors() {
    let dir = fixtures();
    import(dir.path(), &["relations.csv", "--map", "From=sorce"])
        .status(2)
        .stderr_contains("unknown field 'sorce': the fields are source, target, type, since, until, weight, label, quote, translation, source_id, id, event (relations); id, name, kind, aliases, description (entities); id, label, polarity, directed, color, event, description (types); and ignore (leave the column out); did you mean 'source'?")
        .run();
    import(dir.path(), &["relations.csv", "--map", "Label=quote", "--map", "label=type"])
        .status(2)
        .stderr_contains("error: --map Label=quote and --map label=type both rename the column 'Label' of the relations file: keep one")
        .run();
    import(dir.path(), &["relations.csv", "--delimiter", "|"])
        .status(2)
        .stderr_contains("use , or ; or tab")
        .run();
    import(dir.path(), &["relations.csv", "--default-kind", "planet"])
        .status(2)
        .stderr_contains("'planet' is not a kind")
        .run();
    Test::new()
        .current_dir(dir.path())
        .args(["--as-of", "2020", "import", "csv", "relations.csv"])
        .status(2)
        .stderr_contains("import csv does not use --as-of")
        .run();
    Test::new()
        .current_dir(dir.path())
        .args(["--graph", "g.json", "import", "csv", "relations.csv"])
        .status(2)
        .stderr_contains("import csv does not use --graph")
        .run();
    import(dir.path(), &["missing.csv"])
        .status(1)
        .stderr_contains("error: cannot read 'missing.csv'")
        .run();
}

#[test]
fn strict_fails_on_warnings_too() {
    let dir = fixtures();
    import(dir.path(), &["relations.csv", "--types", "types.csv", "--strict"])
        .status(1)
        .stderr_contains("relations.csv:2:1: error: relations[0].source: unknown entity 'RUS' (--strict creates none)\n  = hint: list it in an entities file (--entities), or leave out --strict to create it")
        .stderr_contains("relations.csv: 16 errors, 0 warnings\n")
        .run();
    import(dir.path(), &["kumu-connections.csv", "--entities", "kumu-elements.csv", "--types", "types.csv", "--map", "From=source", "--map", "To=target", "--map", "Label=name", "--strict"])
        .status(1)
        .stderr_contains("kumu-connections.csv: 0 errors, 6 warnings\nvalidation failed: --strict treats warnings as errors")
        .run();
    assert!(!dir.path().join("graph.json").exists());
}

/// The bundled graph as CSV files with the default columns (and `id`): each
/// relation once, its quotes (and translations) joined by a line break.
fn bundled_graph_as_csv(dir: &Path) -> Value {
    let graph = read_json(&root().join("graph.json"));
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let mut relations = ::csv::Writer::from_path(dir.join("relations.csv")).unwrap();
    relations
        .write_record([
            "source",
            "target",
            "type",
            "since",
            "until",
            "weight",
            "label",
            "quote",
            "translation",
            "source_id",
            "id",
        ])
        .unwrap();
    for relation in graph["relations"].as_array().unwrap() {
        let evidence = relation["evidence"].as_array().unwrap();
        let joined = |field: &str| {
            let parts: Vec<String> = evidence.iter().map(|e| text(&e[field])).collect();
            parts.join("\n")
        };
        let weight = relation
            .get("weight")
            .map_or(String::new(), Value::to_string);
        relations
            .write_record([
                text(&relation["source"]),
                text(&relation["target"]),
                text(&relation["type"]),
                text(&relation["since"]),
                text(&relation["until"]),
                weight,
                text(&relation["label"]),
                joined("quote"),
                joined("translation"),
                text(&evidence[0]["source"]),
                text(&relation["id"]),
            ])
            .unwrap();
    }
    relations.flush().unwrap();
    let mut entities = ::csv::Writer::from_path(dir.join("entities.csv")).unwrap();
    entities
        .write_record(["id", "name", "kind", "aliases"])
        .unwrap();
    for entity in graph["entities"].as_array().unwrap() {
        let aliases: Vec<String> = entity["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .map(text)
            .collect();
        let record = [
            text(&entity["id"]),
            text(&entity["name"]),
            text(&entity["kind"]),
            aliases.join("; "),
        ];
        entities.write_record(record).unwrap();
    }
    entities.flush().unwrap();
    let mut types = ::csv::Writer::from_path(dir.join("types.csv")).unwrap();
    types
        .write_record(["id", "label", "polarity", "directed", "color"])
        .unwrap();
    for kind in graph["relation_types"].as_array().unwrap() {
        let record = [
            text(&kind["id"]),
            text(&kind["label"]),
            text(&kind["polarity"]),
            kind["directed"].to_string(),
            text(&kind["color"]),
        ];
        types.write_record(record).unwrap();
    }
    types.flush().unwrap();
    graph
}

#[test]
fn the_bundled_graph_round_trips_through_csv() {
    let dir = tempfile::tempdir().unwrap();
    let original = bundled_graph_as_csv(dir.path());
    import(
        dir.path(),
        &[
            "relations.csv",
            "--entities",
            "entities.csv",
            "--types",
            "types.csv",
            "--out",
            "back.json",
        ],
    )
    .stdout("wrote back.json: 9 entities, 38 relations, 22 types\n")
    .stderr_contains("note: back.json: source 'martin-haut-risque' has placeholder details")
    .run();
    let back = read_json(&dir.path().join("back.json"));
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let (before, after) = (
        original["relations"].as_array().unwrap(),
        back["relations"].as_array().unwrap(),
    );
    assert_eq!(before.len(), after.len());
    for (was, now) in before.iter().zip(after) {
        for field in ["id", "source", "target", "type", "since", "until", "label"] {
            assert_eq!(was.get(field), now.get(field), "{field} of {}", was["id"]);
        }
        assert_eq!(
            was["weight"].as_f64().unwrap_or(1.0),
            now["weight"].as_f64().unwrap_or(1.0),
            "weight of {}",
            was["id"]
        );
        let quotes: Vec<String> = was["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| text(&e["quote"]))
            .collect();
        assert_eq!(now["evidence"].as_array().unwrap().len(), 1);
        assert_eq!(
            now["evidence"][0]["quote"],
            quotes.join("\n"),
            "quote of {}",
            was["id"]
        );
        assert_eq!(now["evidence"][0]["source"], was["evidence"][0]["source"]);
    }
    for list in ["entities", "relation_types"] {
        let ids = |graph: &Value| crate::test::ids_of(&graph[list]).join(",");
        assert_eq!(ids(&original), ids(&back), "{list}");
    }
    assert_eq!(
        back["entities"][1]["aliases"],
        original["entities"][1]["aliases"]
    );
    assert_eq!(
        back["relation_types"][3]["polarity"],
        original["relation_types"][3]["polarity"]
    );
    Test::new()
        .current_dir(dir.path())
        .args(["validate", "--graph", "back.json"])
        .stdout_contains("relations: 38\n")
        .run();
}

/// The `$ ` commands of the ```text blocks under `### import csv` in
/// README.md, each block with what it shows.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("\n### import csv\n")
        .expect("an import csv section");
    let section = &readme[start + 1..];
    let end = section[4..].find("\n### ").map_or(section.len(), |i| i + 4);
    section[..end]
        .split("```text\n")
        .skip(1)
        .map(|block| block[..block.find("```").expect("a closed block")].to_owned())
        .collect()
}

/// Runs one command of a README example in `dir`: what it prints, stdout
/// and stderr interleaved as on a terminal.
fn run_example(command: &str, dir: &Path) -> String {
    let words: Vec<&str> = command.split(' ').collect();
    match words[0] {
        "cat" => std::fs::read_to_string(dir.join(words[1])).unwrap(),
        "relgraph" => {
            let (mut reader, writer) = std::io::pipe().unwrap();
            let mut child = Command::new(env!("CARGO_BIN_EXE_relgraph"))
                .args(words[1..].iter().map(|w| w.trim_matches('\'')))
                .current_dir(dir)
                .stdout(writer.try_clone().unwrap())
                .stderr(writer)
                .spawn()
                .unwrap();
            let mut out = String::new();
            std::io::Read::read_to_string(&mut reader, &mut out).unwrap();
            child.wait().unwrap();
            out
        }
        other => panic!("README example runs {other}"),
    }
}

/// The example with each command's output replaced by what it prints now.
fn refreshed(example: &str, dir: &Path) -> String {
    let mut text = String::new();
    for line in example.split_inclusive('\n') {
        if let Some(command) = line.strip_prefix("$ ") {
            text.push_str(line);
            text.push_str(&run_example(command.trim_end(), dir));
        }
    }
    text
}

#[test]
fn readme_examples_are_real_output() {
    let examples = readme_examples();
    assert!(examples.len() >= 2, "examples under ### import csv");
    for example in examples {
        let dir = fixtures();
        assert_eq!(
            example,
            refreshed(&example, dir.path()),
            "README's import csv example is out of date"
        );
    }
}
