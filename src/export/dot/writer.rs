//! A thin wrapper over `dot-writer` that quotes and escapes every id and
//! attribute value, since `dot-writer` itself escapes nothing.
//!
//! Pretty printing stays on: turning it off would strip spaces inside quoted
//! strings.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};

use dot_writer::{Attributes, DotWriter, Scope};

/// `text` as a DOT quoted string: backslashes and double quotes escaped,
/// line breaks written as `\n` (a centred line break in Graphviz labels),
/// carriage returns dropped, and `&` written `&amp;`, since Graphviz decodes
/// HTML entities in strings (a name holding `&amp;` is then drawn as written).
///
/// ```
/// use relgraph::export::dot::writer::quote;
///
/// assert_eq!(quote("say \"hi\"\n\\"), r#""say \"hi\"\n\\""#);
/// ```
pub fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    quoted.push_str(&escape(text));
    quoted.push('"');
    quoted
}

/// The inside of a DOT quoted string, without the surrounding quotes;
/// borrowed when nothing needs escaping, as most names and values.
pub fn escape(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut special: Vec<usize> = memchr::memchr3_iter(b'\\', b'"', b'&', bytes)
        .chain(memchr::memchr2_iter(b'\n', b'\r', bytes))
        .collect();
    if special.is_empty() {
        return Cow::Borrowed(text);
    }
    special.sort_unstable();
    let mut escaped = String::with_capacity(text.len() + 4 * special.len());
    let mut copied = 0;
    for at in special {
        // Every byte replaced is ASCII, so `at` is on a character boundary.
        escaped.push_str(&text[copied..at]);
        escaped.push_str(replacement(bytes[at]));
        copied = at + 1;
    }
    escaped.push_str(&text[copied..]);
    Cow::Owned(escaped)
}

/// What DOT quoted strings hold in place of `byte`, one of those escaped.
fn replacement(byte: u8) -> &'static str {
    match byte {
        b'\\' => "\\\\",
        b'"' => "\\\"",
        b'\n' => "\\n",
        b'&' => "&amp;",
        _ => "", // `\r`, dropped
    }
}

/// Sets attribute `name` to `value`, quoted and escaped.
pub fn set<A: Attributes>(attributes: &mut A, name: &str, value: &str) {
    attributes.set(name, &escape(value), true);
}

/// Sets several attributes at once, in order.
pub fn set_all<A: Attributes>(attributes: &mut A, pairs: &[(&str, &str)]) {
    for (name, value) in pairs {
        set(attributes, name, value);
    }
}

/// A writer that never fails, for `dot-writer`, which panics on a failed
/// write: the first error is kept, later writes are skipped, and
/// [`Unfailing::finish`] returns it. Writes are buffered, as `dot-writer`
/// writes some text a byte at a time.
pub struct Unfailing<'a> {
    out: io::BufWriter<Kept<'a>>,
}

struct Kept<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl Write for Kept<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_none()
            && let Err(err) = self.out.write_all(buf)
        {
            self.error = Some(err);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> Unfailing<'a> {
    /// Writes to `out`.
    pub fn new(out: &'a mut dyn Write) -> Self {
        Unfailing {
            out: io::BufWriter::with_capacity(1 << 16, Kept { out, error: None }),
        }
    }

    /// The first error of the writes, if any.
    pub fn finish(self) -> io::Result<()> {
        let kept = self
            .out
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        kept.error.map_or(Ok(()), Err)
    }
}

impl Write for Unfailing<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The opening and closing lines `dot-writer` puts around a digraph.
const OPEN: &[u8] = b"digraph {\n";
const CLOSE: &[u8] = b"}\n";

/// The statements `write` makes, as `dot-writer` writes them at the top
/// level of a digraph (indented one step), without the digraph around them:
/// for statements written apart, on another core, then put in their place.
pub fn statements(write: impl FnOnce(&mut Scope)) -> Vec<u8> {
    let mut text = Vec::new();
    in_digraph(&mut text, write);
    debug_assert!(text.starts_with(OPEN) && text.ends_with(CLOSE));
    text.truncate(text.len() - CLOSE.len());
    text.drain(..OPEN.len());
    text
}

/// Writes into `out` the digraph whose statements `write` makes.
fn in_digraph(out: &mut Vec<u8>, write: impl FnOnce(&mut Scope)) {
    let mut writer = DotWriter::from(out);
    write(&mut writer.digraph());
}

/// A writer shared by `dot-writer` and code writing text it made apart
/// ([`statements`]) between its statements: each write borrows the
/// [`Unfailing`] writer for the time of the write.
pub struct Shared<'s, 'a>(pub &'s RefCell<Unfailing<'a>>);

impl Write for Shared<'_, '_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.borrow_mut().flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::Full;

    #[test]
    fn a_failed_write_is_returned_not_panicked() {
        let mut full = Full;
        let mut unfailing = Unfailing::new(&mut full);
        {
            let mut writer = dot_writer::DotWriter::from(&mut unfailing);
            let mut graph = writer.digraph();
            for n in 0..10_000 {
                graph.node_named(format!("n{n}"));
            }
        }
        let err = unfailing.finish().unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    }

    #[test]
    fn statements_written_apart_are_those_written_in_place() {
        let edge = |graph: &mut Scope| {
            let mut attributes = graph.edge("\"a\"", "\"b\"").attributes();
            set(&mut attributes, "label", "x");
        };
        let mut whole = Vec::new();
        in_digraph(&mut whole, edge);
        let apart = statements(edge);
        assert_eq!(apart, b"  \"a\" -> \"b\" [label=\"x\"];\n");
        assert_eq!(whole, [OPEN, &apart, CLOSE].concat());
    }

    #[test]
    fn plain_text_is_borrowed_not_copied() {
        assert!(matches!(escape("Russia"), Cow::Borrowed("Russia")));
        assert_eq!(escape("a&b"), "a&amp;b");
    }

    #[test]
    fn escapes_what_dot_strings_cannot_hold() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("line\r\nnext"), r#""line\nnext""#);
        assert_eq!(quote("<{Пхеньян}>"), "\"<{Пхеньян}>\"");
        assert_eq!(quote("R&amp;D & co"), "\"R&amp;amp;D &amp; co\"");
    }
}
