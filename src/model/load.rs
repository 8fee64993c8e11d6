//! Reading a graph file: the fast typed path, and the lenient path that
//! collects every problem when the fast path fails.
//!
//! The fast path deserialises straight into [`Document`] and validates in one
//! pass. Only when something is wrong does loading re-read the text to find
//! every problem and where it lies.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::Dataset;
use super::document::{Document, with_relations_capacity};
use super::path::JsonPath;
use super::problem::{Place, Problem, Severity, render};
use super::suggest::closest;
use super::validate::{Origins, validate};
use crate::error::Error;

/// Fewer bytes than any relation takes in a file, to bound how many a file can hold.
const MIN_RELATION_BYTES: usize = 64;

/// The bundled graph file, embedded at build time.
pub const EMBEDDED: &[u8] = include_bytes!("../../graph.json");

/// Where the graph comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphInput {
    /// A file on disk.
    File(PathBuf),
    /// The copy of the bundled `graph.json` embedded in the binary.
    Embedded,
}

impl GraphInput {
    /// The file, when the graph comes from one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            GraphInput::File(path) => Some(path),
            GraphInput::Embedded => None,
        }
    }

    /// SHA-256 of the graph's bytes, in hex.
    pub fn sha256(&self) -> Result<String, Error> {
        match self {
            GraphInput::Embedded => Ok(crate::files::sha256_hex(EMBEDDED)),
            GraphInput::File(path) => std::fs::read(path)
                .map(|bytes| crate::files::sha256_hex(&bytes))
                .map_err(|source| Error::Read {
                    path: path.clone(),
                    source,
                }),
        }
    }

    /// The file's name without its folder, for documents that must not
    /// depend on where they were made.
    pub fn file_name(&self) -> String {
        match self {
            GraphInput::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            GraphInput::Embedded => "graph.json (embedded copy)".to_owned(),
        }
    }

    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            GraphInput::File(path) => path.display().to_string(),
            GraphInput::Embedded => "graph.json (embedded copy)".to_owned(),
        }
    }
}

/// Reads and validates a graph.
///
/// A file is parsed as a stream, never held in memory whole; its text is read
/// again only if something is wrong, to show where.
pub fn load(input: &GraphInput) -> Result<Dataset, Error> {
    let name = input.display_name();
    match input {
        GraphInput::Embedded => parse(&name, EMBEDDED),
        GraphInput::File(path) => {
            let read_error = |source| Error::Read {
                path: path.clone(),
                source,
            };
            let file = std::fs::File::open(path).map_err(read_error)?;
            let size = file.metadata().map_or(0, |m| m.len() as usize);
            let reader = std::io::BufReader::with_capacity(1 << 16, file);
            let parsed = with_relations_capacity(size / MIN_RELATION_BYTES, || {
                serde_json::from_reader::<_, Document>(reader)
            });
            if let Err(err) = &parsed
                && err.is_io()
            {
                return Err(read_error(std::io::Error::other(err.to_string())));
            }
            finish(&name, parsed, || std::fs::read(path).map_err(read_error))
        }
    }
}

/// Parses and validates the text of a graph file called `origin`.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Dataset, Error> {
    finish(origin, serde_json::from_slice(bytes), || Ok(bytes.to_vec()))
}

/// Validates the outcome of the fast typed parse; on any problem, gets the
/// text from `text` to find every problem and render them.
fn finish(
    origin: &str,
    parsed: serde_json::Result<Document>,
    text: impl Fn() -> Result<Vec<u8>, Error>,
) -> Result<Dataset, Error> {
    let (doc, origins, mut problems, bytes) = match parsed {
        Ok(doc) => (doc, Origins::default(), Vec::new(), None),
        // Re-read leniently even after a "syntax" error: serde_json reports
        // some type errors (a number where an enum belongs) as syntax errors.
        Err(err) => {
            let bytes = text()?;
            match lenient(&bytes) {
                Ok((doc, origins, mut problems)) => {
                    if problems.is_empty() {
                        problems.push(syntax_problem(&err));
                    }
                    (doc, origins, problems, Some(bytes))
                }
                Err(problem) => return Err(invalid(origin, &bytes, &[problem])),
            }
        }
    };
    let outcome = validate(&doc, &origins);
    problems.extend(outcome.problems);
    let report = if problems.is_empty() {
        String::new()
    } else {
        let bytes = match bytes {
            Some(bytes) => bytes,
            None => text()?,
        };
        render(origin, &bytes, &problems)
    };
    if problems.iter().any(Problem::is_error) {
        return Err(Error::InvalidData { report });
    }
    Ok(Dataset {
        origin: origin.to_owned(),
        doc,
        links: outcome.links,
        names: outcome.names,
        warnings: problems,
        warning_report: report,
    })
}

fn invalid(origin: &str, bytes: &[u8], problems: &[Problem]) -> Error {
    Error::InvalidData {
        report: render(origin, bytes, problems),
    }
}

fn syntax_problem(err: &serde_json::Error) -> Problem {
    let text = err.to_string();
    let reason = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(reason, _)| reason);
    let hint = if err.is_eof() {
        "the file ends too early: close every string, bracket and brace"
    } else {
        "look for a missing or extra comma, quote, bracket or brace just before this point"
    };
    Problem {
        severity: Severity::Error,
        place: Place::Position {
            line: err.line(),
            column: err.column(),
        },
        message: format!("malformed JSON: {reason}"),
        hint: Some(hint.to_owned()),
    }
}

type Parsed = (Document, Origins, Vec<Problem>);

/// The slow path: parses each part separately so that every problem is found.
fn lenient(bytes: &[u8]) -> Result<Parsed, Problem> {
    let value: Value = serde_json::from_slice(bytes).map_err(|err| syntax_problem(&err))?;
    let Value::Object(mut map) = value else {
        return Err(Problem::error(
            JsonPath::root(),
            "expected a JSON object with `title`, `relation_types`, `entities` and `relations`",
        ));
    };
    let mut parts = Parts::default();
    let doc = Document {
        title: parts.field(&mut map, "title", true).unwrap_or_default(),
        description: parts.field(&mut map, "description", false),
        sources: parts.list(&mut map, "sources", false),
        relation_types: parts.list(&mut map, "relation_types", true),
        entities: parts.list(&mut map, "entities", true),
        relations: parts.list(&mut map, "relations", true),
    };
    for key in map.keys() {
        parts.unknown_top_level_key(key);
    }
    Ok((doc, parts.origins, parts.problems))
}

const TOP_LEVEL_KEYS: [&str; 6] = [
    "title",
    "description",
    "sources",
    "relation_types",
    "entities",
    "relations",
];

#[derive(Default)]
struct Parts {
    origins: Origins,
    problems: Vec<Problem>,
}

impl Parts {
    fn field<T: DeserializeOwned>(
        &mut self,
        map: &mut Map<String, Value>,
        key: &'static str,
        required: bool,
    ) -> Option<T> {
        match map.remove(key) {
            Some(value) => self.deserialize(value, &JsonPath::root().key(key)),
            None => {
                if required {
                    self.missing(key);
                }
                None
            }
        }
    }

    fn list<T: DeserializeOwned>(
        &mut self,
        map: &mut Map<String, Value>,
        key: &'static str,
        required: bool,
    ) -> Vec<T> {
        let items = match map.remove(key) {
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.problems.push(Problem::error(
                    JsonPath::root().key(key),
                    format!("`{key}` must be an array"),
                ));
                return Vec::new();
            }
            None => {
                if required {
                    self.missing(key);
                }
                return Vec::new();
            }
        };
        let mut kept_items = Vec::with_capacity(items.len());
        let mut kept = Vec::with_capacity(items.len());
        let mut dropped = HashSet::new();
        for (i, item) in items.into_iter().enumerate() {
            let id = item.get("id").and_then(Value::as_str).map(str::to_owned);
            match self.deserialize(item, &JsonPath::element(key, i)) {
                Some(parsed) => {
                    kept_items.push(parsed);
                    kept.push(i);
                }
                None => dropped.extend(id),
            }
        }
        self.origins.kept.insert(key, kept);
        self.origins.dropped_ids.insert(key, dropped);
        kept_items
    }

    fn deserialize<T: DeserializeOwned>(&mut self, value: Value, path: &JsonPath) -> Option<T> {
        match serde_path_to_error::deserialize(value) {
            Ok(parsed) => Some(parsed),
            Err(err) => {
                let at = JsonPath::from_serde(path, err.path());
                let message = err.inner().to_string();
                let hint = type_hint(&message);
                let mut problem = Problem::error(at, message);
                problem.hint = hint;
                self.problems.push(problem);
                None
            }
        }
    }

    fn missing(&mut self, key: &str) {
        self.problems.push(
            Problem::error(JsonPath::root(), format!("missing field `{key}`"))
                .with_hint(format!("add `\"{key}\"` at the top level of the file")),
        );
    }

    fn unknown_top_level_key(&mut self, key: &str) {
        let mut problem = Problem::error(
            JsonPath::root().key(key),
            format!(
                "unknown field `{key}`, expected one of {}",
                TOP_LEVEL_KEYS.map(|k| format!("`{k}`")).join(", ")
            ),
        );
        if let Some(known) = closest(key, TOP_LEVEL_KEYS.map(|k| (k, k))) {
            problem = problem.with_hint(format!("did you mean `{known}`?"));
        }
        self.problems.push(problem);
    }
}

/// A hint for serde's messages about wrong or missing fields.
fn type_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Some(format!("add `\"{field}\"` to this object"));
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let mut quoted = rest.split('`').step_by(2);
        let field = quoted.next().unwrap_or(rest);
        let known: Vec<&str> = quoted.filter(|k| !k.is_empty()).collect();
        return Some(match closest(field, known.iter().map(|k| (*k, *k))) {
            Some(known) => format!("did you mean `{known}`?"),
            None => "check the field name against docs/FORMAT.md".to_owned(),
        });
    }
    if message.starts_with("unknown variant") {
        return Some("use one of the listed values, in lowercase".to_owned());
    }
    if message.starts_with("invalid type") {
        return Some("change the value to the expected type".to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> String {
        match parse("t.json", text.as_bytes()) {
            Err(Error::InvalidData { report }) => report,
            Err(other) => panic!("unexpected error {other}"),
            Ok(_) => panic!("expected problems in {text}"),
        }
    }

    const MINIMAL: &str =
        r#"{"title": "t", "relation_types": [], "entities": [], "relations": []}"#;

    #[test]
    fn an_empty_graph_is_valid() {
        let dataset = parse("t.json", MINIMAL.as_bytes()).unwrap();
        assert!(dataset.links.is_empty());
    }

    #[test]
    fn the_embedded_graph_is_valid() {
        let dataset = parse("graph.json", EMBEDDED).unwrap();
        assert!(dataset.doc.entities.len() >= 7);
        assert!(dataset.warnings.is_empty());
    }

    #[test]
    fn type_errors_in_several_elements_are_all_reported() {
        let text = r#"{"title": "t", "relation_types": [],
            "entities": [{"id": 1, "name": "A", "kind": "country"},
                         {"id": "B", "name": "B", "kind": "planet"}],
            "relations": [], "extra": 1}"#;
        let report = problems_of(text);
        assert!(
            report.contains("entities[0].id: invalid type: integer `1`"),
            "{report}"
        );
        assert!(
            report.contains("entities[1].kind: unknown variant `planet`"),
            "{report}"
        );
        assert!(report.contains("extra: unknown field `extra`"), "{report}");
        assert!(report.contains("3 errors"), "{report}");
    }

    #[test]
    fn references_to_unparseable_entities_are_not_reported_twice() {
        let text = r#"{"title": "t",
            "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
            "entities": [{"id": "A", "name": "A", "kind": "country", "aliases": "AA"},
                         {"id": "B", "name": "B", "kind": "country"}],
            "relations": [{"id": "r", "source": "A", "target": "B", "type": "ally",
                           "evidence": [{"source": "s", "quote": "q"}]}]}"#;
        let report = problems_of(text);
        assert!(!report.contains("unknown entity 'A'"), "{report}");
        assert!(report.contains("unknown source 's'"), "{report}");
        assert!(report.contains("2 errors"), "{report}");
    }
}
