//! Quoting a problem's line without holding or printing more of the file
//! than it needs: lines are counted once, in file order, and a long line is
//! cut to a window of about [`CONTEXT`] characters on each side of the
//! problem, marked `…` where it is cut.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// Characters of context kept on each side of a problem in a long line.
pub const CONTEXT: usize = 100;

/// Bytes scanned at most for the end of a line: a window needs only its
/// start, so a huge line (or a file of NULs) is never scanned whole.
const MAX_SCAN: usize = 64 * 1024;

/// Counts lines through a text's bytes, for offsets that mostly grow; it
/// never copies the text.
pub struct Lines<'s> {
    source: &'s [u8],
    offset: usize,
    line: usize,
}

/// Whether byte `at` starts a character (or is the end).
pub fn is_boundary(bytes: &[u8], at: usize) -> bool {
    at == 0 || at >= bytes.len() || bytes[at] & 0xC0 != 0x80
}

/// How many characters `bytes` holds once decoded as `from_utf8_lossy`
/// decodes it: each invalid sequence counts as its one U+FFFD.
fn chars_in(bytes: &[u8]) -> usize {
    bytes
        .utf8_chunks()
        .map(|chunk| chunk.valid().chars().count() + usize::from(!chunk.invalid().is_empty()))
        .sum()
}

impl<'s> Lines<'s> {
    /// Counting from the start of `source`.
    pub fn new(source: &'s [u8]) -> Self {
        Lines {
            source,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        self.line += self.source[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        let start = self.line_start(offset);
        (self.line, chars_in(&self.source[start..offset]) + 1)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.source[..offset]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
    }

    /// The end of the line at `offset`, or where the scan for it stops.
    fn line_end(&self, offset: usize) -> usize {
        let limit = (offset + MAX_SCAN).min(self.source.len());
        self.source[offset..limit]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(limit, |i| offset + i)
    }

    /// The window quoting `range` (within one line), and the range in it.
    pub fn window<'n>(&mut self, name: &'n str, range: Range<usize>) -> (Window<'n>, Range<usize>) {
        let (line, column) = self.position(range.start);
        let at = range.start.min(self.source.len());
        let (line_start, line_end) = (self.line_start(at), self.line_end(at));
        let start = back(self.source, at, CONTEXT).max(line_start);
        let label_end = range.end.max(at).min(line_end);
        let label_end = forward(self.source, at, 2 * CONTEXT).min(label_end);
        let end = forward(self.source, label_end, CONTEXT).min(line_end);
        let text = |bytes: &[u8]| super::visible(&String::from_utf8_lossy(bytes)).into_owned();
        let (before, label, after) = (
            text(&self.source[start..at]),
            text(&self.source[at..label_end]),
            text(&self.source[label_end..end]),
        );
        let cut_before = if start > line_start { "…" } else { "" };
        let cut_after = if end < line_end { "…" } else { "" };
        let label_start = cut_before.len() + before.len();
        let label_range = label_start..label_start + label.len();
        let window = Window {
            name,
            snippet: format!("{cut_before}{before}{label}{after}{cut_after}"),
            line,
            first_column: column.saturating_sub(before.chars().count()).max(1),
            shift: cut_before.len(),
        };
        (window, label_range)
    }
}

/// The byte offset `chars` characters before `at` (or the start).
fn back(source: &[u8], at: usize, chars: usize) -> usize {
    let mut offset = at;
    let mut seen = 0;
    while offset > 0 && seen < chars {
        offset -= 1;
        if is_boundary(source, offset) {
            seen += 1;
        }
    }
    offset
}

/// The byte offset `chars` characters after `at` (or the end).
fn forward(source: &[u8], at: usize, chars: usize) -> usize {
    let mut offset = at;
    let mut seen = 0;
    while offset < source.len() && seen < chars {
        offset += 1;
        if is_boundary(source, offset) {
            seen += 1;
        }
    }
    offset
}

/// One line of a file, or a window on it, as codespan's one-line file whose
/// line and column numbers are those of the real file.
pub struct Window<'n> {
    name: &'n str,
    snippet: String,
    line: usize,
    first_column: usize,
    shift: usize,
}

impl<'a> Files<'a> for Window<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.snippet)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, Error> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _: usize) -> Result<usize, Error> {
        Ok(self.line)
    }

    fn column_number(&'a self, (): (), _: usize, byte_index: usize) -> Result<usize, Error> {
        let within = byte_index.clamp(self.shift, self.snippet.len());
        let chars = self
            .snippet
            .get(self.shift..within)
            .map_or(0, |s| s.chars().count());
        Ok(self.first_column + chars)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<Range<usize>, Error> {
        Ok(0..self.snippet.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nПхе\nxyz";
        let mut lines = Lines::new(text.as_bytes());
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(text.find('х').unwrap()), (2, 2));
        assert_eq!(lines.position(text.find('z').unwrap()), (3, 3));
        assert_eq!(lines.position(1), (1, 2));
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let text = format!("{}\"bad\"{}", "a".repeat(5000), "b".repeat(5000));
        let at = text.find('"').unwrap();
        let (window, label) = Lines::new(text.as_bytes()).window("f.json", at..at + 5);
        assert!(window.snippet.chars().count() <= 2 * CONTEXT + 10);
        assert!(window.snippet.starts_with('…') && window.snippet.ends_with('…'));
        assert_eq!(&window.snippet[label.clone()], "\"bad\"");
        assert_eq!(window.column_number((), 0, label.start).unwrap(), 5001);
        assert_eq!(window.line_number((), 0).unwrap(), 1);
    }

    #[test]
    fn a_file_of_nul_bytes_is_quoted_shortly_and_visibly() {
        let text = vec![0u8; 1 << 20];
        let (window, label) = Lines::new(&text).window("sparse.json", 0..0);
        assert!(
            window.snippet.len() < 4 * CONTEXT,
            "{}",
            window.snippet.len()
        );
        assert!(!window.snippet.contains('\0'));
        assert_eq!(label, 0..0);
    }

    #[test]
    fn invalid_utf8_and_control_characters_before_a_problem_keep_columns_true() {
        let text = b"ab\x90\x9a\xe2\x82\x1b\xc2\x85\"bad\"";
        let at = text.iter().position(|&b| b == b'"').unwrap();
        let mut lines = Lines::new(text);
        let (line, column) = lines.position(at);
        let (window, label) = lines.window("f.json", at..at + 5);
        assert_eq!((line, column), (1, 8));
        assert_eq!(window.column_number((), 0, label.start).unwrap(), column);
        assert_eq!(window.snippet, "ab\u{fffd}\u{fffd}\u{fffd}??\"bad\"");
    }
}
