//! `relgraph import gdelt`: the real GDELT 1.0 and 2.0 samples in
//! `../shared/external/gdelt/raw/` (skipped with a note when absent, required
//! on CI), whose summary is checked against a count made here, directly;
//! the README's example; `--strict`, files that are not GDELT, gzip, and the
//! options' checks on small rows made here.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::test::{Test, fixture, root};

/// The sample `name`, when `../shared/` has it (CI must).
fn sample(name: &str) -> Option<PathBuf> {
    let path = root().join("../shared/external/gdelt/raw").join(name);
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have the GDELT sample at {}",
        path.display()
    );
    eprintln!(
        "{} not found: GDELT import not checked on it",
        path.display()
    );
    None
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// What the summary must say of a file, counted here row by row.
#[derive(Debug, Default)]
struct Counted {
    rows: usize,
    /// Rows of 57, 58 and 61 fields.
    versions: [usize; 3],
    malformed: usize,
    not_root: usize,
    no_country: usize,
    self_dyad: usize,
    duplicates: usize,
    kept: usize,
    relations: usize,
    entities: usize,
}

/// Counts `path` as the README says `import gdelt` reads it: rows of 57, 58
/// or 61 fields; root events only; both countries given and different;
/// each GLOBALEVENTID once; one relation per countries, root code and month
/// with at least one source (NumSources summed).
fn count(path: &Path) -> Counted {
    let text = std::fs::read_to_string(path).unwrap();
    let mut counted = Counted::default();
    let mut seen = HashSet::new();
    let mut sources: HashMap<(String, String, String, String), u64> = HashMap::new();
    for line in text.lines().filter(|line| !line.is_empty()) {
        counted.rows += 1;
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.len() {
            57 => counted.versions[0] += 1,
            58 => counted.versions[1] += 1,
            61 => counted.versions[2] += 1,
            _ => {
                counted.malformed += 1;
                continue;
            }
        }
        let (id, day, actor1, actor2) = (fields[0], fields[1], fields[7], fields[17]);
        if fields[25] != "1" {
            counted.not_root += 1;
        } else if actor1.is_empty() || actor2.is_empty() {
            counted.no_country += 1;
        } else if actor1 == actor2 {
            counted.self_dyad += 1;
        } else if !seen.insert(id) {
            counted.duplicates += 1;
        } else {
            counted.kept += 1;
            let key = (
                actor1.into(),
                actor2.into(),
                fields[28].into(),
                day[..6].into(),
            );
            *sources.entry(key).or_default() += fields[32].parse::<u64>().unwrap();
        }
    }
    let written: Vec<_> = sources.iter().filter(|(_, n)| **n >= 1).collect();
    counted.relations = written.len();
    let codes: HashSet<&String> = written.iter().flat_map(|((a, b, ..), _)| [a, b]).collect();
    counted.entities = codes.len();
    counted
}

/// The summary `import gdelt` must print for `counted`, up to the entity
/// kinds on the last line.
fn expected_summary(counted: &Counted, out: &str) -> String {
    let [old, v1, v2] = counted.versions;
    let mut text = format!("read:      {} rows from 1 file\n", counted.rows);
    if old + v1 > 0 {
        text += &format!(
            "           {} GDELT 1.0 ({old} of them without SOURCEURL)\n",
            old + v1
        );
    }
    if v2 > 0 {
        text += &format!("           {v2} GDELT 2.0\n");
    }
    text += &format!(
        "           {} malformed (skipped)\n\
         dropped:   {} not root events (--all-events keeps them)\n\
         \x20          {} without a country for both actors\n\
         \x20          {} between a country and itself\n\
         \x20          {} repeated GLOBALEVENTIDs (each event counts once)\n\
         kept:      {} events\n\
         \x20          0 of them in 0 relations with fewer than 1 source (--min-sources)\n\
         wrote:     {out}: {} relations ({} events), {} entities (",
        counted.malformed,
        counted.not_root,
        counted.no_country,
        counted.self_dyad,
        counted.duplicates,
        counted.kept,
        counted.relations,
        counted.kept,
        counted.entities,
    );
    text
}

fn imports_as_counted(name: &str) {
    let Some(path) = sample(name) else { return };
    let counted = count(&path);
    assert!(counted.kept > 50, "{counted:?}");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x/g.json");
    let stdout = Test::new()
        .args(["import", "gdelt", text(&path), "--out", text(&out)])
        .stdout_text();
    let expected = expected_summary(&counted, text(&out));
    assert!(
        stdout.starts_with(&expected),
        "expected\n{expected}\ngot\n{stdout}"
    );
    Test::new()
        .graph(&out)
        .arg("validate")
        .stdout_contains("valid (GDELT events between countries")
        .stdout_contains("warnings:  0")
        .run();
}

#[test]
fn the_gdelt_2_sample_imports_as_counted() {
    imports_as_counted("20150218230000.export.CSV");
}

#[test]
fn the_gdelt_1_sample_imports_as_counted() {
    imports_as_counted("gdelt1-sample-events.csv");
}

#[test]
fn the_imported_graph_answers_queries() {
    let Some(path) = sample("20150218230000.export.CSV") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json");
    Test::new()
        .args(["import", "gdelt", text(&path), "--out", text(&out)])
        .run();
    Test::new()
        .graph(&out)
        .args(["partners", "RUS", "--format", "csv"])
        .stdout_contains("UKR,Ukraine,RUS-UKR-cameo_19-2015-02,out,cameo_19,hostile,2015-02-18,2015-02-18,\"4 events, 14 mentions, 4 sources, 2015-02\"")
        .run();
    let graph: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let fight = graph["relation_types"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "cameo_19")
        .unwrap();
    assert_eq!(fight["label"], "Fight");
    assert_eq!(fight["polarity"], "hostile");
    let russia = &graph["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "RUS")
        .unwrap();
    assert_eq!(
        (&russia["name"], &russia["kind"]),
        (&"Russia".into(), &"country".into())
    );
}

/// The ```text block of README.md that starts with `$ command`: its output.
fn readme_output(command: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = format!("```text\n$ {command}\n");
    let at = readme
        .find(&start)
        .unwrap_or_else(|| panic!("README.md has no block for {command}"));
    let rest = &readme[at + start.len()..];
    rest[..rest.find("```").unwrap()].to_owned()
}

#[test]
fn the_readme_examples_are_real() {
    let json = "tests/fixtures/small.json";
    let refused = Test::new()
        .current_dir(&root())
        .args(["import", "gdelt", json])
        .status(1)
        .stderr_contains("is not a GDELT event export")
        .run();
    let stderr = String::from_utf8(refused.stderr).unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```text\n{stderr}```")),
        "README.md lacks {stderr}"
    );
    let Some(_) = sample("20150218230000.export.CSV") else {
        return;
    };
    let import = "relgraph import gdelt ../shared/external/gdelt/raw/20150218230000.export.CSV --out gdelt.json";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gdelt.json");
    let stdout = Test::new()
        .current_dir(&root())
        .args([
            "import",
            "gdelt",
            "../shared/external/gdelt/raw/20150218230000.export.CSV",
        ])
        .args(["--out", text(&out)])
        .stdout_text();
    assert_eq!(
        stdout.replace(text(&out), "gdelt.json"),
        readme_output(import)
    );
    let partners = "relgraph --graph gdelt.json partners Ukraine --polarity hostile --format csv";
    let stdout = Test::new()
        .current_dir(dir.path())
        .args(partners.split(' ').skip(1))
        .stdout_text();
    assert_eq!(stdout, readme_output(partners));
}

/// A GDELT 2.0 row: event `id` of RUS towards UKR (root code 19, fight)
/// on 2015-02-18.
fn row(id: u64) -> String {
    let mut fields = vec![String::new(); 61];
    for (index, value) in [
        (0, id.to_string()),
        (1, "20150218".into()),
        (7, "RUS".into()),
        (17, "UKR".into()),
        (25, "1".into()),
        (26, "190".into()),
        (28, "19".into()),
        (29, "4".into()),
        (30, "-10.0".into()),
        (31, "4".into()),
        (32, "1".into()),
        (59, "20150218230000".into()),
        (60, format!("http://example.com/{id}")),
    ] {
        fields[index] = value;
    }
    fields.join("\t")
}

/// Writes `lines` as `name` in a fresh folder.
fn written(name: &str, lines: &[String]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    (dir, path)
}

#[test]
fn strict_refuses_malformed_rows_and_writes_nothing() {
    let (dir, path) = written(
        "rows.CSV",
        &[row(1), row(2).replace("20150218\t", "2015-02-18\t"), row(3)],
    );
    let out = dir.path().join("g.json");
    let place = format!(
        "{}:2:2: error: SQLDATE '2015-02-18' is not a date written YYYYMMDD",
        text(&path)
    );
    Test::new()
        .args(["import", "gdelt", text(&path), "--out", text(&out), "--strict"])
        .status(1)
        .stdout_contains("1 malformed (skipped)")
        .stdout_contains("wrote:     nothing")
        .stderr_contains(&place)
        .stderr_contains("error: 1 malformed row (the first shown above): --strict refuses them, so nothing was written")
        .run();
    assert!(!out.exists());
    Test::new()
        .args(["import", "gdelt", text(&path), "--out", text(&out)])
        .stdout_contains("kept:      2 events")
        .stderr_contains(&place.replace(": error: ", ": warning: "))
        .run();
    assert!(out.exists());
}

#[test]
fn only_the_first_twenty_malformed_rows_are_shown() {
    let mut lines: Vec<String> = (1..=25).map(|n| format!("bad\t{n}")).collect();
    lines.insert(0, row(1));
    let (dir, path) = written("rows.CSV", &lines);
    let output = Test::new()
        .args([
            "import",
            "gdelt",
            text(&path),
            "--out",
            text(&dir.path().join("g.json")),
        ])
        .stdout_contains("25 malformed (skipped)")
        .stderr_contains("… and 5 more malformed rows (not shown)")
        .run();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr.matches(": warning: 2 tab-separated fields").count(),
        20
    );
    assert!(stderr.contains(&format!("{}:21: warning:", text(&path))));
    assert!(!stderr.contains(&format!("{}:22: warning:", text(&path))));
}

#[test]
fn files_that_are_not_gdelt_are_refused() {
    let json = fixture("small.json");
    Test::new()
        .args(["import", "gdelt", text(&json)])
        .status(1)
        .stderr_contains(&format!(
            "error: '{}' is not a GDELT event export: it looks like JSON",
            text(&json)
        ))
        .run();
    let (_dir, csv) = written(
        "relations.csv",
        &["source,target,type".into(), "RUS,PRK,arms".into()],
    );
    Test::new()
        .args(["import", "gdelt", text(&csv)])
        .status(1)
        .stderr_contains("it looks like comma-separated values: GDELT exports are tab-separated")
        .run();
}

#[test]
fn gzip_input_is_read() {
    let original = sample("20150218230000.export.CSV");
    let (dir, plain) = match &original {
        Some(path) => {
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join("export.CSV");
            std::fs::copy(path, &copy).unwrap();
            (dir, copy)
        }
        None => written("export.CSV", &(1..=100).map(row).collect::<Vec<_>>()),
    };
    let gz = dir.path().join("export.CSV.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&std::fs::read(&plain).unwrap()).unwrap();
    std::fs::write(&gz, encoder.finish().unwrap()).unwrap();
    let import = |input: &Path, out: &str| {
        Test::new()
            .args([
                "import",
                "gdelt",
                text(input),
                "--out",
                text(&dir.path().join(out)),
            ])
            .stdout_text()
    };
    let from_plain = import(&plain, "plain.json");
    let from_gzip = import(&gz, "gzip.json");
    assert_eq!(
        from_plain.replace("plain.json", "X"),
        from_gzip.replace("gzip.json", "X")
    );
    let graph = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.path().join(name)).unwrap()).unwrap()
    };
    let (plain, gzip) = (graph("plain.json"), graph("gzip.json"));
    // The same graph, but for the source entry named after the file.
    for list in ["relation_types", "entities"] {
        assert_eq!(plain[list], gzip[list], "{list}");
    }
    let relations =
        |graph: &serde_json::Value| graph["relations"].to_string().replace("_gz\"", "\"");
    assert!(
        relations(&plain) == relations(&gzip),
        "the relations differ"
    );
}

#[test]
fn filters_keep_what_they_name() {
    let mut lines: Vec<String> = (1..=3).map(row).collect();
    lines.push(row(4).replace("\tUKR\t", "\tUSA\t"));
    lines.push(row(5).replace("20150218\t", "20160101\t"));
    let (dir, path) = written("rows.CSV", &lines);
    let out = dir.path().join("g.json");
    Test::new()
        .args(["import", "gdelt", "--countries", "rus,Ukraine", "--to", "2015"])
        .args(["--root-codes", "19", "--root-codes", "20", text(&path), "--out", text(&out)])
        .stdout_contains("dropped:   0 not root events")
        .stdout_contains("           1 outside --countries\n           0 outside --root-codes\n           1 outside --from/--to\n")
        .stdout_contains("kept:      3 events")
        .run();
    Test::new()
        .args([
            "import",
            "gdelt",
            text(&path),
            "--out",
            text(&out),
            "--root-codes",
            "18",
        ])
        .status(1)
        .stdout_contains("5 outside --root-codes")
        .stderr_contains("error: no relation to write")
        .run();
}

#[test]
fn options_are_checked_before_reading() {
    let (dir, path) = written("rows.CSV", &[row(1)]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--countries", "Rusia"],
            "'Rusia' is not a CAMEO country code or name: did you mean RUS (Russia)?",
        ),
        (&["--root-codes", "21"], "'21' is not a CAMEO root code"),
        (
            &["--from", "2016", "--to", "2015"],
            "the dates are reversed",
        ),
        (&["--min-sources", "0"], "0 is not in 1.."),
        (&["--weight", "tone"], "invalid value 'tone'"),
        (&["--out", text(&path)], "one of the files to import"),
        (&["--out", text(dir.path())], "is a folder"),
    ];
    for (args, message) in cases {
        Test::new()
            .args(["import", "gdelt", text(&path)])
            .args(*args)
            .status(2)
            .stderr_contains(message)
            .run();
    }
    Test::new()
        .args(["--graph", "x.json", "import", "gdelt", text(&path)])
        .status(2)
        .stderr_contains("import gdelt does not use --graph")
        .run();
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing written"
    );
}

#[test]
fn goldstein_weights_are_absolute_means() {
    let (dir, path) = written(
        "rows.CSV",
        &[row(1), row(2).replace("\t-10.0\t", "\t-9.0\t")],
    );
    let out = dir.path().join("g.json");
    Test::new()
        .args([
            "import",
            "gdelt",
            text(&path),
            "--out",
            text(&out),
            "--weight",
            "goldstein",
            "--period",
            "year",
        ])
        .run();
    let graph: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let relation = &graph["relations"][0];
    assert_eq!(relation["id"], "RUS-UKR-cameo_19-2015");
    assert_eq!(relation["weight"], 9.5);
    assert_eq!(
        relation["label"],
        "2 events, mean Goldstein -9.50, 8 mentions, 2 sources, 2015"
    );
}
