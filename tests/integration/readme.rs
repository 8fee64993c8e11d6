//! Every ```console example in README.md is real: running its command on the
//! bundled graph prints exactly what the README shows.

use std::process::Command;

use crate::test::root;

/// Splits a command line on spaces, honouring single and double quotes.
fn split(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ' ') => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            _ => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Runs `command` (starting with `relgraph`) in `dir`; stdout then stderr.
fn run(command: &str, dir: &std::path::Path) -> String {
    let words = split(command);
    assert_eq!(words[0], "relgraph", "{command}");
    let output = Command::new(env!("CARGO_BIN_EXE_relgraph"))
        .args(&words[1..])
        .current_dir(dir)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// README.md with the output of every ```console block replaced by what its
/// command prints now, and how many blocks there are.
fn refreshed(readme: &str, dir: &std::path::Path) -> (String, usize) {
    let mut parts = readme.split("```console\n");
    let mut text = parts.next().unwrap_or_default().to_owned();
    let mut blocks = 0;
    for block in parts {
        let end = block.find("```").expect("closed block");
        let (command_line, _) = block[..end].split_once('\n').expect("command line");
        let command = command_line
            .strip_prefix("$ ")
            .expect("`$ ` before the command");
        text.push_str("```console\n");
        text.push_str(command_line);
        text.push('\n');
        text.push_str(&run(command, dir));
        text.push_str(&block[end..]);
        blocks += 1;
    }
    (text, blocks)
}

/// Set `UPDATE_README=1` to rewrite the examples instead of checking them.
#[test]
fn readme_examples_are_real_output() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("graph.json"), dir.path().join("graph.json")).unwrap();
    let (expected, blocks) = refreshed(&readme, dir.path());
    assert!(blocks >= 6, "expected console examples in README.md");
    if std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, expected).unwrap();
    } else {
        assert!(
            readme == expected,
            "README examples are out of date: run `UPDATE_README=1 cargo test readme`"
        );
    }
}

#[test]
fn splitting_honours_quotes() {
    assert_eq!(
        split("relgraph partners 'Corea del Nord' --x"),
        ["relgraph", "partners", "Corea del Nord", "--x"]
    );
}
