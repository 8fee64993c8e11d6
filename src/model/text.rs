//! Which characters text in a graph file may hold.
//!
//! Control characters (NUL, BEL, ESC, DEL, the C1 range) and Unicode
//! noncharacters (U+FFFE, U+FFFF, U+FDD0 to U+FDEF …) are refused
//! everywhere: XML (hence SVG and the HTML report) cannot hold most of them,
//! Graphviz stops at NUL, and escape sequences would reach a terminal raw.
//! Line breaks and tabs are allowed in prose (names, labels, quotes,
//! descriptions), never in ids, which name files and anchors.

/// The first character of `text` that it may not hold, with its position
/// (0-based, in characters); `prose` allows line breaks and tabs.
///
/// ```
/// use relgraph::model::text::forbidden_char;
/// assert_eq!(forbidden_char("Korea\u{1b}[31m", true), Some((5, '\u{1b}')));
/// assert_eq!(forbidden_char("two\nlines", true), None);
/// assert_eq!(forbidden_char("two\nlines", false), Some((3, '\n')));
/// ```
pub fn forbidden_char(text: &str, prose: bool) -> Option<(usize, char)> {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    text.chars()
        .enumerate()
        .find(|&(_, c)| is_forbidden(c, prose))
}

fn is_forbidden(c: char, prose: bool) -> bool {
    match c {
        '\n' | '\t' => !prose,
        c if c.is_control() => true,
        c => is_noncharacter(c),
    }
}

/// Unicode noncharacters: U+FDD0 to U+FDEF, and the last two code points of
/// every plane.
fn is_noncharacter(c: char) -> bool {
    let code = c as u32;
    (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// How a forbidden character is named in messages: `U+001B`.
pub fn describe(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_noncharacters_are_refused() {
        for c in [
            '\0',
            '\u{7}',
            '\u{1b}',
            '\u{7f}',
            '\u{85}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{fdd0}',
            '\r',
        ] {
            let text = format!("a{c}b");
            assert_eq!(forbidden_char(&text, true), Some((1, c)), "{c:?}");
        }
        assert_eq!(forbidden_char("Пхеньян 조선 \u{fffd}", false), None);
        assert_eq!(forbidden_char("tab\there", false), Some((3, '\t')));
    }
}
