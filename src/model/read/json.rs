//! The JSON reader: `graph.json` as docs/FORMAT.md describes it.
//!
//! The fast path deserialises the file as a stream straight into
//! [`Document`], never holding the text. Only when that fails is the text
//! read, and read again leniently, element by element, so that every problem
//! is found; problems are placed by their JSON path, which is located in the
//! text (line and column) when they are shown.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::json_fast::Wanted;
use super::{Origins, Parsed, Reader};
use crate::diagnostic::{Diagnostics, DocPath, Place, Problem, Severity, SourceText};
use crate::error::Error;
use crate::model::Dataset;
use crate::model::document::{Document, with_relations_capacity};
use crate::model::suggest::closest;

/// Fewer bytes than any relation takes in a file, to bound how many a file can hold.
const MIN_RELATION_BYTES: usize = 64;

/// A graph file in JSON.
pub struct JsonReader<'a> {
    name: String,
    source: Source<'a>,
    text: OnceCell<SourceText>,
    /// Whether to hash the bytes as they are read.
    hashing: bool,
    sha256: OnceCell<String>,
}

enum Source<'a> {
    File(&'a Path),
    Bytes(&'a [u8]),
}

impl<'a> JsonReader<'a> {
    /// Reads the file at `path`, called `name` in messages.
    pub fn file(name: impl Into<String>, path: &'a Path) -> Self {
        JsonReader::new(name, Source::File(path))
    }

    /// Reads `bytes`, called `name` in messages.
    pub fn bytes(name: impl Into<String>, bytes: &'a [u8]) -> Self {
        JsonReader::new(name, Source::Bytes(bytes))
    }

    fn new(name: impl Into<String>, source: Source<'a>) -> Self {
        JsonReader {
            name: name.into(),
            source,
            text: OnceCell::new(),
            hashing: false,
            sha256: OnceCell::new(),
        }
    }

    /// The same reader, hashing the bytes as it reads them (see [`Reader::sha256`]).
    pub fn hashing(mut self) -> Self {
        self.hashing = true;
        self
    }

    /// The graph, if the text is clean: loaded the fast way
    /// ([`super::json_fast`]), hashed when the reader hashes.
    pub fn read_clean(&self, wanted: Wanted) -> Result<Option<Dataset>, Error> {
        let text = self.source_text()?;
        self.hash_once(text.whole());
        Ok(
            super::json_fast::load_clean(&self.name, text, wanted).map(|dataset| Dataset {
                sha256: self.sha256.get().cloned(),
                ..dataset
            }),
        )
    }

    /// The fast typed parse.
    fn parse(&self) -> Result<serde_json::Result<Document>, Error> {
        match self.source {
            Source::Bytes(bytes) => {
                self.hash_once(bytes);
                Ok(serde_json::from_slice(without_bom(bytes)))
            }
            Source::File(_) => {
                // The file is mapped, not read through a buffer: parsing a
                // slice is a third faster, and the mapped pages are the
                // page cache's, so nothing is copied or zeroed.
                let text = self.source_text()?;
                self.hash_once(text.whole());
                let bytes = text.as_bytes();
                Ok(with_relations_capacity(
                    bytes.len() / MIN_RELATION_BYTES,
                    || serde_json::from_slice::<Document>(bytes),
                ))
            }
        }
    }

    /// Hashes `bytes`, all that is read, if the reader hashes and has not yet.
    fn hash_once(&self, bytes: &[u8]) {
        if self.hashing {
            self.sha256.get_or_init(|| crate::files::sha256_hex(bytes));
        }
    }

    /// The text without a byte order mark, mapped (or copied, for bytes) once.
    pub fn source_text(&self) -> Result<&SourceText, Error> {
        if let Some(text) = self.text.get() {
            return Ok(text);
        }
        let text = match self.source {
            Source::Bytes(bytes) => SourceText::owned(bytes.to_vec()),
            Source::File(path) => {
                SourceText::map(path).map_err(|source| read_error(path, source))?
            }
        };
        Ok(self.text.get_or_init(|| text.without_prefix(BOM)))
    }
}

fn read_error(path: &Path, source: std::io::Error) -> Error {
    Error::Read {
        path: path.to_owned(),
        source,
    }
}

impl Reader for JsonReader<'_> {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn read(&self) -> Result<Parsed, Error> {
        let err = match self.parse()? {
            Ok(doc) => {
                return Ok(Parsed {
                    doc,
                    origins: Origins::default(),
                    problems: Vec::new(),
                });
            }
            Err(err) => err,
        };
        // Re-read leniently even after a "syntax" error: serde_json reports
        // some type errors (a number where an enum belongs) as syntax errors.
        let text = self.source_text()?;
        match lenient(text.as_bytes()) {
            Ok((doc, origins, mut problems)) => {
                if problems.is_empty() {
                    problems.push(syntax_problem(&err));
                }
                Ok(Parsed {
                    doc,
                    origins,
                    problems,
                })
            }
            Err(problem) => Err(Error::Invalid(Box::new(Diagnostics::new(
                self.name.clone(),
                vec![problem],
                Some(text.clone()),
            )))),
        }
    }

    fn place(&self, path: DocPath) -> Place {
        Place::Path(path)
    }

    fn text(&self) -> Result<Option<SourceText>, Error> {
        self.source_text().map(|text| Some(text.clone()))
    }

    fn sha256(&self) -> Option<String> {
        self.sha256.get().cloned()
    }
}

fn syntax_problem(err: &serde_json::Error) -> Problem {
    let text = err.to_string();
    let reason = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(reason, _)| reason);
    let (message, hint) = match syntax_hint(reason, err.is_eof()) {
        Some(hint) => (format!("malformed JSON: {reason}"), hint),
        None => (
            format!("malformed JSON: {reason}"),
            MISSING_PUNCTUATION.to_owned(),
        ),
    };
    Problem {
        severity: Severity::Error,
        place: Place::Position {
            line: err.line(),
            column: err.column(),
        },
        message,
        hint: Some(hint),
    }
}

const MISSING_PUNCTUATION: &str =
    "look for a missing or extra comma, quote, bracket or brace just before this point";

/// A hint fitting serde_json's `reason` for a problem it met while reading.
fn syntax_hint(reason: &str, eof: bool) -> Option<String> {
    if eof {
        return Some("the file ends too early: close every string, bracket and brace".into());
    }
    if let Some(rest) = reason.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return Some(format!(
            "this object has `{field}` twice: keep one of the two"
        ));
    }
    if reason.starts_with("invalid unicode code point") || reason.contains("UTF-8") {
        return Some(
            "the file is not valid UTF-8 here: save it as UTF-8 (from Excel or Word, \
             choose \"UTF-8\" when saving)"
                .into(),
        );
    }
    if reason.starts_with("control character") {
        return Some(
            "a string holds a raw control character (a tab or line break typed inside \
             quotes): write it as \\t or \\n, or remove it"
                .into(),
        );
    }
    None
}

/// The UTF-8 byte order mark some editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading byte order mark.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

type Lenient = (Document, Origins, Vec<Problem>);

/// The slow path: parses each part separately so that every problem is found.
fn lenient(bytes: &[u8]) -> Result<Lenient, Problem> {
    let value: Value = serde_json::from_slice(bytes).map_err(|err| syntax_problem(&err))?;
    let Value::Object(mut map) = value else {
        return Err(Problem::error(
            DocPath::root(),
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
        conflicts: parts.list(&mut map, "conflicts", false),
    };
    for key in map.keys() {
        parts.unknown_top_level_key(key);
    }
    Ok((doc, parts.origins, parts.problems))
}

const TOP_LEVEL_KEYS: [&str; 7] = [
    "title",
    "description",
    "sources",
    "relation_types",
    "entities",
    "relations",
    "conflicts",
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
            Some(value) => self.deserialize(value, &DocPath::root().key(key)),
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
                    DocPath::root().key(key),
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
            match self.deserialize(item, &DocPath::element(key, i)) {
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

    fn deserialize<T: DeserializeOwned>(&mut self, value: Value, path: &DocPath) -> Option<T> {
        match serde_path_to_error::deserialize(value) {
            Ok(parsed) => Some(parsed),
            Err(err) => {
                let at = DocPath::from_serde(path, err.path());
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
            Problem::error(DocPath::root(), format!("missing field `{key}`"))
                .with_hint(format!("add `\"{key}\"` at the top level of the file")),
        );
    }

    fn unknown_top_level_key(&mut self, key: &str) {
        let mut problem = Problem::error(
            DocPath::root().key(key),
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

    #[test]
    fn a_hashing_reader_hashes_exactly_what_it_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.json");
        let text = b"\xEF\xBB\xBF{\"title\": \"t\", \"relation_types\": [], \"entities\": [], \"relations\": []}\n";
        std::fs::write(&path, text).unwrap();
        let reader = JsonReader::file("g.json", &path).hashing();
        reader.read().unwrap();
        assert_eq!(reader.sha256(), Some(crate::files::sha256_hex(text)));
        let plain = JsonReader::file("g.json", &path);
        plain.read().unwrap();
        assert_eq!(plain.sha256(), None);
    }
}
