//! A small fluent helper for running the binary, after `just`'s tests:
//! `Test::new().arg("partners").arg("PRK").stdout_contains("Russia").run()`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The `"id"` of each object in a JSON array.
pub fn ids_of(array: &serde_json::Value) -> Vec<&str> {
    array
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|item| item["id"].as_str().expect("a string id"))
        .collect()
}

/// The ids of every relation of every partner in a `partners` JSON answer.
pub fn partner_relation_ids(answer: &serde_json::Value) -> Vec<&str> {
    answer["partners"]
        .as_array()
        .expect("a partners array")
        .iter()
        .flat_map(|p| ids_of(&p["relations"]))
        .collect()
}

/// One run of the binary and what it must produce.
pub struct Test {
    args: Vec<String>,
    dir: tempfile::TempDir,
    current_dir: Option<PathBuf>,
    status: i32,
    stdout: Option<String>,
    stdout_contains: Vec<String>,
    stderr_contains: Vec<String>,
    stderr_any: bool,
    env: Vec<(String, String)>,
}

/// The note relgraph prints when it reads the graph embedded in it.
pub const EMBEDDED_NOTE: &str = "note: no ./graph.json here: using the graph embedded in relgraph";

impl Test {
    /// A run in a fresh empty folder (so no `./graph.json` is found), expecting exit 0.
    pub fn new() -> Self {
        Test {
            args: Vec::new(),
            dir: tempfile::tempdir().expect("temporary folder"),
            current_dir: None,
            status: 0,
            stdout: None,
            stdout_contains: Vec::new(),
            stderr_contains: Vec::new(),
            stderr_any: false,
            env: Vec::new(),
        }
    }

    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<str>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// Adds several arguments.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, args: I) -> Self {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Reads the graph from `path`.
    pub fn graph(self, path: &Path) -> Self {
        self.arg("--graph").arg(path.to_str().expect("UTF-8 path"))
    }

    /// Writes `text` as `graph.json` in the run's folder and reads it.
    pub fn graph_text(self, text: &str) -> Self {
        let path = self.dir.path().join("graph.json");
        std::fs::write(&path, text).expect("write graph");
        self.graph(&path)
    }

    /// Runs in `dir` instead of the fresh folder.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.current_dir = Some(dir.to_owned());
        self
    }

    /// Sets an environment variable for the run.
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Expects this exit status.
    pub fn status(mut self, code: i32) -> Self {
        self.status = code;
        self
    }

    /// Expects exactly this on stdout.
    pub fn stdout(mut self, text: &str) -> Self {
        self.stdout = Some(text.to_owned());
        self
    }

    /// Expects stdout to contain this.
    pub fn stdout_contains(mut self, text: &str) -> Self {
        self.stdout_contains.push(text.to_owned());
        self
    }

    /// Expects stderr to contain this (stderr must otherwise be empty, but
    /// for the embedded-graph note).
    pub fn stderr_contains(mut self, text: &str) -> Self {
        self.stderr_contains.push(text.to_owned());
        self
    }

    /// Accepts whatever stderr holds: for runs whose notes depend on the
    /// machine (whether Graphviz is installed).
    pub fn stderr_any(mut self) -> Self {
        self.stderr_any = true;
        self
    }

    /// Whether the run reads the graph embedded in relgraph: no `--graph`,
    /// in the fresh folder, which holds no `graph.json`.
    fn reads_embedded_graph(&self) -> bool {
        !self.args.iter().any(|a| a == "--graph")
            && self.current_dir.is_none()
            && !self.dir.path().join("graph.json").exists()
    }

    /// Runs the binary, checks every expectation, and returns its output.
    ///
    /// Stderr must be empty unless the test expects something there; the
    /// embedded-graph note is allowed exactly when the run reads that graph.
    #[track_caller]
    pub fn run(self) -> Output {
        let dir = self
            .current_dir
            .clone()
            .unwrap_or_else(|| self.dir.path().to_owned());
        let output = Command::new(env!("CARGO_BIN_EXE_relgraph"))
            .args(&self.args)
            .current_dir(dir)
            .env_remove("RUST_BACKTRACE")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .output()
            .expect("run relgraph");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let context = format!(
            "relgraph {}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            self.args.join(" ")
        );
        assert_eq!(
            output.status.code(),
            Some(self.status),
            "exit status of {context}"
        );
        assert!(!stderr.contains("panicked"), "panic in {context}");
        if let Some(expected) = &self.stdout {
            assert_eq!(&stdout, expected, "stdout of {context}");
        }
        for part in &self.stdout_contains {
            assert!(
                stdout.contains(part.as_str()),
                "stdout lacks {part:?} in {context}"
            );
        }
        for part in &self.stderr_contains {
            assert!(
                stderr.contains(part.as_str()),
                "stderr lacks {part:?} in {context}"
            );
        }
        let rest = match stderr.split_once('\n') {
            Some((first, rest)) if first.starts_with(EMBEDDED_NOTE) => {
                assert!(
                    self.reads_embedded_graph(),
                    "embedded-graph note for a run that reads a file: {context}"
                );
                rest
            }
            _ => &stderr,
        };
        assert!(
            rest.is_empty() || self.stderr_any || !self.stderr_contains.is_empty(),
            "unexpected stderr in {context}"
        );
        output
    }

    /// Runs and returns stdout as text.
    #[track_caller]
    pub fn stdout_text(self) -> String {
        String::from_utf8(self.run().stdout).expect("UTF-8 stdout")
    }
}
