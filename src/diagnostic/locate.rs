//! Finding where a JSON path lies in the text of a graph file.
//!
//! Used on the error path only, after the text has parsed: the fast path
//! never tracks positions. Top-level array elements are indexed in one scan,
//! so locating many problems in a large file stays linear.

use std::collections::HashMap;
use std::ops::Range;

use super::path::{DocPath, Segment};

/// Locates JSON paths in a text that is known to be valid JSON.
pub struct Locator<'t> {
    text: &'t [u8],
    /// Byte offsets of the elements of each top-level array.
    elements: HashMap<String, Vec<usize>>,
}

impl<'t> Locator<'t> {
    /// Indexes `text`, which must be valid JSON.
    pub fn new(text: &'t [u8]) -> Self {
        let mut locator = Locator {
            text,
            elements: HashMap::new(),
        };
        locator.index_top_level_arrays();
        locator
    }

    /// The byte range of the value at `path`, or of its nearest existing ancestor.
    pub fn locate(&self, path: &DocPath) -> Range<usize> {
        let mut segments = path.0.as_slice();
        let mut pos = self.skip_ws(0);
        if let [Segment::Key(key), Segment::Index(index), rest @ ..] = segments
            && let Some(&start) = self.elements.get(key).and_then(|e| e.get(*index))
        {
            pos = start;
            segments = rest;
        }
        for segment in segments {
            match self.child(pos, segment) {
                Some(child) => pos = child,
                None => break,
            }
        }
        pos..self.value_end(pos)
    }

    fn index_top_level_arrays(&mut self) {
        let root = self.skip_ws(0);
        let mut arrays = HashMap::new();
        for (key, value) in self.members(root) {
            if self.text.get(value) == Some(&b'[') {
                arrays.insert(key, self.items(value));
            }
        }
        self.elements = arrays;
    }

    fn child(&self, pos: usize, segment: &Segment) -> Option<usize> {
        match segment {
            Segment::Key(key) => self
                .members(pos)
                .into_iter()
                .find(|(k, _)| k == key)
                .map(|(_, value)| value),
            Segment::Index(index) => self.items(pos).get(*index).copied(),
        }
    }

    /// Keys and value offsets of the object at `pos` (empty if not an object).
    fn members(&self, pos: usize) -> Vec<(String, usize)> {
        let mut members = Vec::new();
        if self.text.get(pos) != Some(&b'{') {
            return members;
        }
        let mut at = self.skip_ws(pos + 1);
        while self.text.get(at) == Some(&b'"') {
            let key_end = self.string_end(at);
            let inside = self
                .text
                .get(at + 1..key_end.saturating_sub(1))
                .unwrap_or_default();
            let key = String::from_utf8_lossy(inside).into_owned();
            let colon = self.skip_ws(key_end);
            let value = self.skip_ws(colon + 1);
            members.push((key, value));
            let next = self.after_separator(self.value_end(value));
            if next <= at {
                break;
            }
            at = next;
        }
        members
    }

    /// Offsets of the elements of the array at `pos` (empty if not an array).
    fn items(&self, pos: usize) -> Vec<usize> {
        let mut items = Vec::new();
        if self.text.get(pos) != Some(&b'[') {
            return items;
        }
        let mut at = self.skip_ws(pos + 1);
        while at < self.text.len() && self.text[at] != b']' {
            items.push(at);
            let next = self.after_separator(self.value_end(at));
            // Text that is not JSON (`[1}`) must not stop the scan in place.
            if next <= at {
                break;
            }
            at = next;
        }
        items
    }

    fn after_separator(&self, pos: usize) -> usize {
        let at = self.skip_ws(pos);
        if self.text.get(at) == Some(&b',') {
            self.skip_ws(at + 1)
        } else {
            at
        }
    }

    fn skip_ws(&self, mut pos: usize) -> usize {
        while pos < self.text.len() && self.text[pos].is_ascii_whitespace() {
            pos += 1;
        }
        pos
    }

    /// The offset just past the string that starts at `pos`.
    fn string_end(&self, pos: usize) -> usize {
        let mut at = pos + 1;
        while at < self.text.len() {
            match self.text[at] {
                b'\\' => at += 2,
                b'"' => return at + 1,
                _ => at += 1,
            }
        }
        self.text.len()
    }

    /// The offset just past the value that starts at `pos`.
    fn value_end(&self, pos: usize) -> usize {
        match self.text.get(pos) {
            Some(b'"') => self.string_end(pos),
            Some(b'{' | b'[') => self.container_end(pos),
            Some(_) => {
                let mut at = pos;
                while at < self.text.len()
                    && !matches!(self.text[at], b',' | b'}' | b']')
                    && !self.text[at].is_ascii_whitespace()
                {
                    at += 1;
                }
                at
            }
            None => pos,
        }
    }

    fn container_end(&self, pos: usize) -> usize {
        let mut depth = 0usize;
        let mut at = pos;
        while at < self.text.len() {
            match self.text[at] {
                b'"' => {
                    at = self.string_end(at);
                    continue;
                }
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return at + 1;
                    }
                }
                _ => {}
            }
            at += 1;
        }
        self.text.len()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_that_is_not_json_ends_the_scan() {
        // Found by the `load` fuzz target: `}` inside an array looped forever.
        let text = br#"{"relations": [1}, "entities": [{"id": ]}"#;
        let locator = super::Locator::new(text);
        let path = crate::diagnostic::DocPath::element("relations", 3);
        let _ = locator.locate(&path);
    }

    use super::*;

    const TEXT: &str = r#"{
  "title": "t",
  "entities": [
    {"id": "RUS", "name": "Russia \"RU\" [x]", "aliases": ["Mosca", "Moscow"]},
    {"id": "PRK", "name": "North Korea"}
  ],
  "relations": [ {"id": "r1", "evidence": [{"quote": "q}"}]} ]
}"#;

    fn at(path: DocPath) -> &'static str {
        let range = Locator::new(TEXT.as_bytes()).locate(&path);
        &TEXT[range]
    }

    #[test]
    fn finds_values_by_path() {
        assert_eq!(at(DocPath::root().key("title")), "\"t\"");
        assert_eq!(at(DocPath::element("entities", 1).key("id")), "\"PRK\"");
        assert_eq!(
            at(DocPath::element("entities", 0).key("aliases").index(1)),
            "\"Moscow\""
        );
        assert_eq!(
            at(DocPath::element("relations", 0)
                .key("evidence")
                .index(0)
                .key("quote")),
            "\"q}\""
        );
    }

    #[test]
    fn skips_brackets_and_quotes_inside_strings() {
        assert_eq!(
            at(DocPath::element("entities", 0).key("name")),
            r#""Russia \"RU\" [x]""#
        );
        assert_eq!(
            at(DocPath::element("entities", 1)),
            r#"{"id": "PRK", "name": "North Korea"}"#
        );
    }

    #[test]
    fn a_missing_field_points_at_its_object() {
        assert_eq!(
            at(DocPath::element("entities", 1).key("kind")),
            r#"{"id": "PRK", "name": "North Korea"}"#
        );
    }
}
