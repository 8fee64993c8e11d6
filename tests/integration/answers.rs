//! The answers on a generated graph stay what they are: a guard for work on
//! speed (loading, writing) that must not change a byte of any answer. Each
//! command's output, or its SHA-256 when long, is kept in one snapshot.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::export_graphml::{generate, python_with_networkx};
use crate::test::Test;

/// The output of `relgraph --graph GRAPH ARGS…`, as kept in the snapshot.
fn answer(graph: &Path, args: &[&str]) -> String {
    let text = Test::new().graph(graph).args(args).stdout_text();
    let shown = if text.len() > 2000 {
        let hash = Sha256::digest(text.as_bytes());
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        format!("{} bytes, sha256 {hex}", text.len())
    } else {
        text
    };
    format!("$ relgraph {}\n{shown}\n", args.join(" "))
}

#[test]
fn answers_on_a_generated_graph_are_unchanged() {
    // Only the generator's Python (standard library) is needed.
    let Some(python) = python_with_networkx() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let graph = generate(&python, dir.path(), 1000, 5000);
    let commands: [&[&str]; 13] = [
        &[
            "partners", "c0000001", "--type", "trade", "--type", "alliance", "--format", "json",
        ],
        &[
            "rank", "--metric", "pagerank", "--top", "10", "--format", "csv",
        ],
        &[
            "rank",
            "--metric",
            "betweenness",
            "--top",
            "10",
            "--format",
            "csv",
        ],
        &["relations", "--involving", "c0000007", "--format", "csv"],
        &["dot"],
        &["dot", "--ego", "c0000042"],
        &["export", "--format", "json"],
        &["export", "--format", "graphml"],
        &["export", "--format", "cypher"],
        &["timeline", "--format", "csv"],
        &["balance", "--format", "json"],
        &["diff", "2000", "2020", "--format", "csv"],
        &["verify", "--format", "csv"],
    ];
    let answers: String = commands.iter().map(|args| answer(&graph, args)).collect();
    insta::assert_snapshot!("generated_graph_answers", answers);
}
