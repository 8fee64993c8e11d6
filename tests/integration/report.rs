//! `relgraph report`: the committed `output/` is exactly what the command
//! writes for the bundled graph.json; file names are safe whatever the ids.

use std::collections::BTreeMap;
use std::path::Path;

use crate::test::{Test, fixture, root};

/// Every file in `dir` (not recursive) with its bytes.
pub fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", dir.display()))
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect()
}

/// The renderer a report's manifest names.
fn renderer_of(files: &BTreeMap<String, Vec<u8>>) -> String {
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    manifest["renderer"].as_str().unwrap_or_default().to_owned()
}

/// Files whose bytes do not depend on the renderer: compared everywhere.
fn renderer_independent(name: &str) -> bool {
    name.ends_with(".dot") || name.ends_with(".md")
}

#[test]
fn committed_output_is_up_to_date() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    Test::new()
        .current_dir(&root())
        .args(["report", "--out-dir", out.to_str().unwrap()])
        .stdout_contains("report.html")
        .run();
    let fresh = files_in(&out);
    let committed = files_in(&root().join("output"));
    assert_eq!(
        committed.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "output/ is stale: run `cargo run --release -- report` and commit output/"
    );
    let same_renderer = renderer_of(&fresh) == renderer_of(&committed);
    assert!(
        same_renderer || std::env::var_os("CI").is_none(),
        "CI must draw with the renderer output/ was made with ({}), not {}",
        renderer_of(&committed),
        renderer_of(&fresh)
    );
    if !same_renderer {
        eprintln!(
            "output/ was drawn by {}, this machine has {}: SVG, HTML and manifest not compared",
            renderer_of(&committed),
            renderer_of(&fresh)
        );
    }
    for (name, bytes) in &fresh {
        if same_renderer || renderer_independent(name) {
            assert!(
                committed[name] == *bytes,
                "output/{name} is stale: run `cargo run --release -- report`"
            );
        }
    }
}

#[test]
fn without_graphviz_the_committed_report_is_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    std::fs::create_dir(&out).unwrap();
    let committed = files_in(&root().join("output"));
    for (name, bytes) in &committed {
        std::fs::write(out.join(name), bytes).unwrap();
    }
    Test::new()
        .current_dir(&root())
        .env("PATH", crate::render::NO_GRAPHVIZ)
        .args(["report", "--out-dir", out.to_str().unwrap()])
        .stdout_contains("report.html")
        .stderr_contains("drawn by Graphviz")
        .stderr_contains("their DOT is unchanged (--redraw draws them again)")
        .run();
    assert!(
        files_in(&out) == committed,
        "a report without Graphviz changed the committed drawings"
    );
}

#[test]
fn redraw_draws_every_diagram_again() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let report = |extra: &[&str]| {
        Test::new()
            .graph(&fixture("small.json"))
            .env("PATH", crate::render::NO_GRAPHVIZ)
            .args(["report", "--out-dir", out.to_str().unwrap()])
            .args(extra)
            .stdout_contains("report.html")
    };
    report(&[]).stderr_contains("built-in renderer").run();
    std::fs::write(out.join("graph.svg"), b"<svg/>").unwrap();
    report(&["--force"])
        .stderr_contains("kept 6 drawings of the earlier report, drawn by the built-in renderer")
        .run();
    assert_ne!(std::fs::read(out.join("graph.svg")).unwrap(), b"<svg/>");
    report(&["--redraw"])
        .stderr_contains("built-in renderer")
        .run();
}

#[test]
fn report_names_files_safely_from_ids() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/report");
    Test::new()
        .graph(&fixture("tricky.json"))
        .args(["report", "--out-dir", out.to_str().unwrap()])
        .run();
    let names: Vec<String> = files_in(&out).into_keys().collect();
    // No type has MIN_TYPE_RELATIONS relations here, so no type diagram.
    assert_eq!(
        names,
        [
            "blocs.dot",
            "blocs.svg",
            "ego-Q_1.dot",
            "ego-Q_1.svg",
            "ego-____.dot",
            "ego-____.svg",
            "ego-_html_.dot",
            "ego-_html_.svg",
            "ego-back_slash.dot",
            "ego-back_slash.svg",
            "ego-legend_kind_country.dot",
            "ego-legend_kind_country.svg",
            "ego-line.dot",
            "ego-line.svg",
            "graph.dot",
            "graph.svg",
            "manifest.json",
            "report.html",
            "report.md",
        ]
    );
}

#[test]
fn report_fails_cleanly_when_the_folder_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "not a folder").unwrap();
    Test::new()
        .graph(&fixture("small.json"))
        .args(["report", "--out-dir", blocker.join("out").to_str().unwrap()])
        .status(1)
        .stderr_contains("error: cannot write")
        .run();
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "not a folder");
}

#[test]
fn the_manifest_lists_every_file_with_its_checksum() {
    let dir = tempfile::tempdir().unwrap();
    Test::new()
        .graph(&fixture("small.json"))
        .args(["report", "--out-dir", dir.path().to_str().unwrap()])
        .run();
    let files = files_in(dir.path());
    let manifest: serde_json::Value = serde_json::from_slice(&files["manifest.json"]).unwrap();
    let input = std::fs::read(fixture("small.json")).unwrap();
    assert_eq!(
        manifest["input_sha256"],
        relgraph::files::sha256_hex(&input)
    );
    assert_eq!(manifest["relgraph_version"], env!("CARGO_PKG_VERSION"));
    let listed = manifest["files"].as_array().unwrap();
    assert_eq!(listed.len(), files.len() - 1);
    for entry in listed {
        let name = entry["name"].as_str().unwrap();
        assert_eq!(
            entry["sha256"],
            relgraph::files::sha256_hex(&files[name]),
            "{name}"
        );
    }
}

/// Every file the manifest in `dir` lists, with the size and SHA-256 it gives.
fn manifest_matches(dir: &std::path::Path) -> bool {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    manifest["files"].as_array().unwrap().iter().all(|entry| {
        let bytes = std::fs::read(dir.join(entry["name"].as_str().unwrap())).unwrap();
        bytes.len() as u64 == entry["bytes"].as_u64().unwrap()
            && relgraph::files::sha256_hex(&bytes) == entry["sha256"].as_str().unwrap()
    })
}

#[test]
fn a_forged_manifest_never_gets_a_users_file_deleted() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("u");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("thesis.docx"), "years of work").unwrap();
    let forged = r#"{"generator": "relgraph", "relgraph_version": "0.1.0", "input_sha256": "00",
        "renderer": "x", "files": [{"name": "thesis.docx", "bytes": 13, "sha256": "00"}]}"#;
    std::fs::write(dir.join("manifest.json"), forged).unwrap();
    let out = dir.to_str().unwrap();
    Test::new()
        .args(["report", "--out-dir", out, "--force"])
        .stderr_contains("kept 1 file in")
        .stderr_contains("thesis.docx")
        .stderr_any()
        .run();
    assert_eq!(
        std::fs::read_to_string(dir.join("thesis.docx")).unwrap(),
        "years of work"
    );
    assert!(manifest_matches(&dir));
}

#[test]
fn a_folder_of_the_users_files_is_refused_without_force() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("mine");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("report.md"), "my own notes").unwrap();
    Test::new()
        .args(["report", "--out-dir", dir.to_str().unwrap()])
        .status(2)
        .stderr_contains("holds files but no report relgraph wrote")
        .stderr_contains("--force")
        .run();
    assert_eq!(
        std::fs::read_to_string(dir.join("report.md")).unwrap(),
        "my own notes"
    );
    assert_eq!(std::fs::read_dir(parent.path()).unwrap().count(), 1);
}

/// `relgraph report --title TITLE --out-dir DIR` started in `parent`, quiet.
fn start_report(
    parent: &std::path::Path,
    dir: &std::path::Path,
    title: &str,
) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"))
        .args([
            "report",
            "--title",
            title,
            "--out-dir",
            dir.to_str().unwrap(),
        ])
        .current_dir(parent)
        .stderr(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn two_reports_into_one_folder_at_once_leave_one_whole_report() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("out");
    let (mut first, mut second) = (
        start_report(parent.path(), &dir, "First"),
        start_report(parent.path(), &dir, "Second"),
    );
    assert!(first.wait().unwrap().success() && second.wait().unwrap().success());
    assert!(manifest_matches(&dir));
    let page = std::fs::read_to_string(dir.join("report.md")).unwrap();
    let svg = std::fs::read_to_string(dir.join("graph.dot")).unwrap();
    let title = if page.starts_with("# First") {
        "First"
    } else {
        "Second"
    };
    assert!(
        svg.contains(title),
        "report.md and graph.dot come from different runs"
    );
    let beside: Vec<_> = std::fs::read_dir(parent.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "nothing but the folder is left beside it");
}

#[test]
fn a_report_killed_at_any_moment_leaves_the_old_or_the_new_report_whole() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("out");
    let report = |title: &str| start_report(parent.path(), &dir, title);
    assert!(report("Old").wait().unwrap().success());
    for delay_ms in [5, 40, 120, 250, 400, 700] {
        let mut run = report("New");
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = run.kill();
        let _ = run.wait();
        let page = std::fs::read_to_string(dir.join("report.md")).unwrap();
        assert!(
            page.starts_with("# Old") || page.starts_with("# New"),
            "{delay_ms} ms"
        );
        assert!(
            manifest_matches(&dir),
            "killed after {delay_ms} ms: a half-written report"
        );
        assert!(report("Old").wait().unwrap().success());
        let beside: Vec<_> = std::fs::read_dir(parent.path()).unwrap().collect();
        assert_eq!(
            beside.len(),
            1,
            "leftovers of a killed run were not cleaned"
        );
    }
}
