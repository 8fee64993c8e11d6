//! A thin wrapper over `dot-writer` that quotes and escapes every id and
//! attribute value, since `dot-writer` itself escapes nothing.
//!
//! Pretty printing stays on: turning it off would strip spaces inside quoted
//! strings.

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

/// The inside of a DOT quoted string, without the surrounding quotes.
pub fn escape(text: &str) -> String {
    escape_chars(text, |c| match c {
        '\\' => Some("\\\\"),
        '"' => Some("\\\""),
        '\n' => Some("\\n"),
        '\r' => Some(""),
        '&' => Some("&amp;"),
        _ => None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_dot_strings_cannot_hold() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(quote("line\r\nnext"), r#""line\nnext""#);
        assert_eq!(quote("<{Пхеньян}>"), "\"<{Пхеньян}>\"");
        assert_eq!(quote("R&amp;D & co"), "\"R&amp;amp;D &amp; co\"");
    }
}
