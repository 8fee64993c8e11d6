//! `--cache`: answers through the cache are the answers; the cache is used
//! while the file is unchanged and rebuilt, silently, when the file changed
//! (even keeping its size and time) or the cache is damaged.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::test::{Test, root};

/// A copy of the bundled graph and an empty cache folder.
struct Setup {
    _dir: tempfile::TempDir,
    graph: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("graph.json");
    fs::copy(root().join("graph.json"), &graph).unwrap();
    let cache = dir.path().join("cache");
    Setup {
        _dir: dir,
        graph,
        cache,
    }
}

impl Setup {
    fn run(&self, args: &[&str]) -> Test {
        Test::new()
            .graph(&self.graph)
            .arg("--cache")
            .args(args)
            .env("RELGRAPH_CACHE_DIR", self.cache.to_str().unwrap())
    }

    fn answer(&self, args: &[&str]) -> String {
        self.run(args).stdout_text()
    }

    /// The one cache file, with its inode (a rewrite makes a new one).
    fn cache_file(&self) -> (PathBuf, u64) {
        let files: Vec<_> = fs::read_dir(&self.cache)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let inode = fs::metadata(&files[0]).unwrap().ino();
        (files[0].clone(), inode)
    }
}

const QUESTIONS: [&[&str]; 11] = [
    &["partners", "PRK", "--format", "json"],
    &["rank", "--metric", "pagerank", "--top", "5"],
    &["path", "JPN", "RUS"],
    &["stats"],
    &["validate"],
    &["relations", "--type", "arms_supply", "--format", "csv"],
    &["dot", "--ego", "PRK"],
    &["export", "--format", "json"],
    &["export", "--format", "graphml", "--ego", "PRK"],
    &["export", "--format", "gexf"],
    &["export", "--format", "cypher", "--type", "sanctions"],
];

fn plain_answer(graph: &Path, args: &[&str]) -> String {
    Test::new().graph(graph).args(args).stdout_text()
}

#[test]
fn answers_through_the_cache_are_the_answers() {
    let setup = setup();
    for args in QUESTIONS {
        let plain = plain_answer(&setup.graph, args);
        assert_eq!(setup.answer(args), plain, "{args:?}, cache written");
        assert_eq!(setup.answer(args), plain, "{args:?}, cache read");
    }
    setup.cache_file();
}

#[test]
fn verify_through_the_cache_is_verify() {
    let setup = setup();
    let sources = root().join("../shared/sources");
    let args = [
        "verify",
        "--format",
        "csv",
        "--sources-dir",
        sources.to_str().unwrap(),
    ];
    let plain = plain_answer(&setup.graph, &args);
    assert!(plain.lines().count() > 10, "{plain}");
    assert_eq!(setup.answer(&args), plain, "cache written");
    assert_eq!(setup.answer(&args), plain, "cache read");
}

#[test]
fn the_cache_is_used_while_the_file_is_unchanged() {
    let setup = setup();
    setup.answer(&["stats"]);
    let (_, written) = setup.cache_file();
    setup.answer(&["partners", "PRK"]);
    assert_eq!(
        setup.cache_file().1,
        written,
        "an up-to-date cache is not rewritten"
    );
}

#[test]
fn a_file_changed_to_the_same_size_and_time_is_read_again() {
    let setup = setup();
    let question = ["partners", "PRK", "--format", "json"];
    setup.answer(&question);
    let (_, written) = setup.cache_file();
    let modified = fs::metadata(&setup.graph).unwrap().modified().unwrap();
    let text = fs::read_to_string(&setup.graph).unwrap();
    let old = "North Korea used the Chinese satellite";
    let new = "North Korea used the Chinese SATELLITE";
    assert!(text.contains(old));
    fs::write(&setup.graph, text.replace(old, new)).unwrap();
    let file = fs::File::options().write(true).open(&setup.graph).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let answer = setup.answer(&question);
    assert!(answer.contains(new) && !answer.contains(old), "{answer}");
    assert_eq!(answer, plain_answer(&setup.graph, &question));
    assert_ne!(setup.cache_file().1, written, "the cache is rewritten");
}

#[test]
fn a_damaged_cache_is_rebuilt_without_an_error() {
    let setup = setup();
    let question = ["rank", "--metric", "degree", "--top", "5"];
    let plain = setup.answer(&question);
    let (path, _) = setup.cache_file();
    let mut bytes = fs::read(&path).unwrap();
    for cut in [bytes.len() / 2, 7] {
        let middle = bytes.len() / 3;
        bytes[middle] ^= 0x55;
        fs::write(&path, &bytes).unwrap();
        assert_eq!(setup.answer(&question), plain, "damaged cache");
        fs::write(&path, &bytes[..cut]).unwrap();
        assert_eq!(setup.answer(&question), plain, "cut cache");
        bytes = fs::read(&path).unwrap();
    }
}

#[test]
fn a_cache_that_cannot_be_written_is_a_warning_only() {
    let setup = setup();
    fs::write(&setup.cache, "a file where the cache folder should be").unwrap();
    let answer = setup
        .run(&["partners", "PRK"])
        .stderr_contains("warning: --cache: the cache could not be written")
        .stdout_text();
    assert_eq!(answer, plain_answer(&setup.graph, &["partners", "PRK"]));
}

#[test]
fn a_file_with_warnings_is_answered_but_not_cached() {
    let setup = setup();
    let text = fs::read_to_string(&setup.graph).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut doc = doc;
    doc["relations"][0]["evidence"] = serde_json::json!([]);
    fs::write(&setup.graph, serde_json::to_string(&doc).unwrap()).unwrap();
    setup
        .run(&["stats"])
        .stderr_contains("has warnings, so it is not cached")
        .stderr_contains("warning:")
        .run();
    assert!(!setup.cache.exists() || fs::read_dir(&setup.cache).unwrap().next().is_none());
}

#[test]
fn commands_that_show_every_record_refuse_the_cache() {
    let setup = setup();
    for args in [
        &["render", "--out", "d.svg"][..],
        &["report", "--out-dir", "r"],
    ] {
        setup
            .run(args)
            .status(2)
            .stderr_contains("--cache")
            .stderr_contains("the cache speeds up questions")
            .run();
    }
    assert!(!setup.cache.exists());
}
