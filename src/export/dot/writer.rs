//! A thin wrapper over `dot-writer` that quotes and escapes every id and
//! attribute value, since `dot-writer` itself escapes nothing.
//!
//! Pretty printing stays on: turning it off would strip spaces inside quoted
//! strings.

use std::borrow::Cow;
use std::io::{self, Write};

use dot_writer::Attributes;

use crate::export::escape_chars;

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
    let plain = !text
        .bytes()
        .any(|b| matches!(b, b'\\' | b'"' | b'\n' | b'\r' | b'&'));
    if plain {
        return Cow::Borrowed(text);
    }
    Cow::Owned(escape_chars(text, |c| match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        '\r' => Some(""),
        '&' => Some("&amp;"),
        _ => None,
    }))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose disk is full.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
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
