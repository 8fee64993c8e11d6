//! Finding where JSON values begin and end without parsing them, to hand
//! each relation of a large file to another core as soon as it is found.
//!
//! The scan checks the structure it walks (the top-level object, the
//! relations list) but not the values it skips: every value it returns is
//! then parsed in full by serde_json, which refuses a value that is not
//! exactly one well-formed JSON value. A scan that goes wrong on malformed
//! text therefore only ever makes that parse fail.

use memchr::memchr2;

/// A position in JSON text, moving forward.
pub struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> Scanner<'a> {
    /// A scanner at the start of `text`.
    pub fn new(text: &'a [u8]) -> Self {
        Scanner { text, at: 0 }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.text.get(self.at) {
            self.at += 1;
        }
    }

    /// Moves past `byte` if it comes next (after whitespace).
    pub fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.text.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    /// Whether only whitespace is left.
    pub fn at_end(&mut self) -> bool {
        self.skip_whitespace();
        self.at == self.text.len()
    }

    /// The next value (after whitespace), moving past it.
    pub fn value(&mut self) -> Option<&'a [u8]> {
        self.skip_whitespace();
        let start = self.at;
        let end = value_end(self.text, start)?;
        self.at = end;
        Some(&self.text[start..end])
    }
}

/// Where the value starting at `start` ends (one past its last byte).
fn value_end(text: &[u8], start: usize) -> Option<usize> {
    match text.get(start)? {
        b'"' => string_end(text, start + 1),
        b'{' | b'[' => nested_end(text, start),
        _ => scalar_end(text, start),
    }
}

/// Where the string whose text starts at `from` (after its opening
/// quote) ends, its closing quote included.
fn string_end(text: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let found = from + memchr2(b'"', b'\\', text.get(from..)?)?;
        if text[found] == b'"' {
            return Some(found + 1);
        }
        // An escape: the byte after the backslash is never the end.
        from = found + 2;
    }
}

/// Where the object or list starting at `start` ends.
fn nested_end(text: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut at = start;
    loop {
        match text.get(at)? {
            b'"' => at = string_end(text, at + 1)?,
            b'{' | b'[' => {
                depth += 1;
                at += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                at += 1;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => at += 1,
        }
    }
}

/// Where the number, `true`, `false` or `null` starting at `start` ends.
fn scalar_end(text: &[u8], start: usize) -> Option<usize> {
    let len = text[start..]
        .iter()
        .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t'))
        .unwrap_or(text.len() - start);
    (len > 0).then_some(start + len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<&str>> {
        let mut scanner = Scanner::new(text.as_bytes());
        let mut found = Vec::new();
        if !scanner.eat(b'[') {
            return None;
        }
        if !scanner.eat(b']') {
            loop {
                found.push(std::str::from_utf8(scanner.value()?).unwrap());
                if scanner.eat(b']') {
                    break;
                }
                if !scanner.eat(b',') {
                    return None;
                }
            }
        }
        scanner.at_end().then_some(found)
    }

    #[test]
    fn values_end_where_json_says() {
        let text = r#" [ {"a": "}]\"{", "b": [1, {"c": null}]}, "x\\", -1.5e3 ,true,
            [], {}, "" ] "#;
        assert_eq!(
            values(text).unwrap(),
            [
                r#"{"a": "}]\"{", "b": [1, {"c": null}]}"#,
                r#""x\\""#,
                "-1.5e3",
                "true",
                "[]",
                "{}",
                r#""""#
            ]
        );
        assert_eq!(values("[]").unwrap(), Vec::<&str>::new());
    }

    #[test]
    fn unfinished_text_has_no_value() {
        for text in [
            r#"[{"a": "b}]"#,
            r#"[{"a": 1"#,
            r#"["\"#,
            "[1,",
            "[1 2]",
            "[}]",
            "[1] x",
        ] {
            assert_eq!(values(text), None, "{text}");
        }
    }
}
