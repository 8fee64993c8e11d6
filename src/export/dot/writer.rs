//! A thin wrapper over `dot-writer` that quotes and escapes every id and
//! attribute value, since `dot-writer` itself escapes nothing.
//!
//! Pretty printing stays on: turning it off would strip spaces inside quoted
//! strings.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, Write};

use dot_writer::Attributes;

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
    if quote_like(bytes).is_none() && line_break(bytes).is_none() {
        return Cow::Borrowed(text);
    }
    let mut escaped = Vec::with_capacity(text.len() + 8);
    escape_into(&mut escaped, text);
    // Only ASCII bytes were replaced, by ASCII text: still UTF-8.
    Cow::Owned(String::from_utf8(escaped).expect("escaping keeps UTF-8"))
}

/// Appends `text` to `out` escaped as the inside of a DOT quoted string
/// ([`escape`]). The bytes to replace are found with `memchr`, two kinds
/// at a time, each search resumed only after the byte it found.
pub fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let after = |at: usize, find: fn(&[u8]) -> Option<usize>| {
        find(&bytes[at + 1..]).map(|found| at + 1 + found)
    };
    let (mut next_quote, mut next_break) = (quote_like(bytes), line_break(bytes));
    let mut copied = 0;
    while let Some(at) = next_quote.into_iter().chain(next_break).min() {
        out.extend_from_slice(&bytes[copied..at]);
        out.extend_from_slice(replacement(bytes[at]).as_bytes());
        copied = at + 1;
        if next_quote == Some(at) {
            next_quote = after(at, quote_like);
        } else {
            next_break = after(at, line_break);
        }
    }
    out.extend_from_slice(&bytes[copied..]);
}

/// Where the first `\\`, `"` or `&` of `bytes` is.
fn quote_like(bytes: &[u8]) -> Option<usize> {
    memchr::memchr3(b'\\', b'"', b'&', bytes)
}

/// Where the first line feed or carriage return of `bytes` is.
fn line_break(bytes: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', bytes)
}

/// What DOT quoted strings hold in place of `byte`, one of those
/// [`quote_like`] and [`line_break`] find.
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

/// Appends to `out` the statement `from -> to [attributes]` exactly as
/// `dot-writer` writes it at the top level of a digraph with [`set_all`]
/// (a unit test holds them equal), `from` and `to` already quoted: for the
/// edges of large diagrams, written apart on several cores, where going
/// through `dot-writer`'s writer for each piece of each of a million edges
/// costs more than the rest of the edge.
pub fn write_edge(out: &mut Vec<u8>, from: &str, to: &str, attributes: &[(&str, &str)]) {
    for piece in ["  ", from, " -> ", to] {
        out.extend_from_slice(piece.as_bytes());
    }
    for (n, (name, value)) in attributes.iter().enumerate() {
        out.extend_from_slice(if n == 0 { b" [" } else { b", " });
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"=\"");
        escape_into(out, value);
        out.push(b'"');
    }
    if !attributes.is_empty() {
        out.push(b']');
    }
    out.extend_from_slice(b";\n");
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

/// A writer shared by `dot-writer` and code writing text made apart
/// ([`write_edge`]) between its statements: each write borrows the
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
    use dot_writer::{DotWriter, Scope};

    /// The opening and closing lines `dot-writer` puts around a digraph.
    const OPEN: &[u8] = b"digraph {\n";
    const CLOSE: &[u8] = b"}\n";

    /// The statements `write` makes, as `dot-writer` writes them at the top
    /// level of a digraph (indented one step), without the digraph around them:
    /// what [`write_edge`] must write.
    fn statements(write: impl FnOnce(&mut Scope)) -> Vec<u8> {
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
    fn edges_written_directly_are_those_dot_writer_writes() {
        let tricky = [
            ("label", "a \"quoted\" \\ back\nslash & co\r"),
            ("tooltip", "Пхеньян → Москва\n\n… and 3 more"),
            ("color", "#0077bb:#ffffff:#0077bb"),
            ("dir", ""),
        ];
        for attributes in [&tricky[..], &tricky[..1], &[]] {
            let mut direct = Vec::new();
            write_edge(&mut direct, "\"a b\"", "\"c\"", attributes);
            let through_dot_writer = statements(|graph| {
                set_all(&mut graph.edge("\"a b\"", "\"c\"").attributes(), attributes);
            });
            assert_eq!(
                String::from_utf8(direct).unwrap(),
                String::from_utf8(through_dot_writer).unwrap()
            );
        }
    }

    #[test]
    fn escaping_finds_every_byte_to_replace_in_order() {
        let naive = |text: &str| {
            text.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('&', "&amp;")
                .replace('\n', "\\n")
                .replace('\r', "")
        };
        for text in ["", "a", "\n\n&\"\\\r", "x\ny&z\n\"", "é\r\n\\&&\n", "&\n"] {
            assert_eq!(escape(text), naive(text), "{text:?}");
        }
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
