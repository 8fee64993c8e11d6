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

/// `(command line, expected output)` for each console block.
fn examples(readme: &str) -> Vec<(String, String)> {
    readme
        .split("```console\n")
        .skip(1)
        .map(|block| {
            let block = &block[..block.find("```").expect("closed block")];
            let (command, output) = block.split_once('\n').expect("command line");
            let command = command.strip_prefix("$ ").expect("`$ ` before the command");
            (command.to_owned(), output.to_owned())
        })
        .collect()
}

#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 6,
        "expected console examples in README.md"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("graph.json"), dir.path().join("graph.json")).unwrap();
    for (command, expected) in examples {
        let words = split(&command);
        assert_eq!(words[0], "relgraph", "{command}");
        let output = Command::new(env!("CARGO_BIN_EXE_relgraph"))
            .args(&words[1..])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let actual = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            actual, expected,
            "README example `{command}` is out of date"
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
