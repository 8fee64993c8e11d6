//! Quoting a problem's line without holding or printing more of the file
//! than it needs: lines are counted once, in file order, and a long line is
//! cut to a window of about [`CONTEXT`] characters on each side of the
//! problem, marked `…` where it is cut.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// Characters of context kept on each side of a problem in a long line.
pub const CONTEXT: usize = 100;

/// Counts lines through a text, for offsets that mostly grow.
pub struct Lines<'s> {
    source: &'s str,
    offset: usize,
    line: usize,
}

impl<'s> Lines<'s> {
    /// Counting from the start of `source`.
    pub fn new(source: &'s str) -> Self {
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
        self.line += self.source.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        let start = self.line_start(offset);
        (self.line, self.source[start..offset].chars().count() + 1)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.source[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end(&self, offset: usize) -> usize {
        self.source[offset..]
            .find('\n')
            .map_or(self.source.len(), |i| offset + i)
    }

    /// The window quoting `range` (within one line), and the range in it.
    pub fn window<'n>(&mut self, name: &'n str, range: Range<usize>) -> (Window<'n>, Range<usize>) {
        let (line, column) = self.position(range.start);
        let (line_start, line_end) = (self.line_start(range.start), self.line_end(range.start));
        let start = back(self.source, range.start, CONTEXT).max(line_start);
        let label_end = range.end.max(range.start).min(line_end);
        let label_end = forward(self.source, range.start, 2 * CONTEXT).min(label_end);
        let end = forward(self.source, label_end, CONTEXT).min(line_end);
        let cut_before = if start > line_start { "…" } else { "" };
        let cut_after = if end < line_end { "…" } else { "" };
        let snippet = format!("{cut_before}{}{cut_after}", &self.source[start..end]);
        let shift = cut_before.len();
        let first_column = column - self.source[start..range.start].chars().count();
        let window = Window {
            name,
            snippet,
            line,
            first_column,
            shift,
        };
        let label = (range.start - start + shift)..(label_end - start + shift);
        (window, label)
    }
}

/// The byte offset `chars` characters before `at` (or the start).
fn back(source: &str, at: usize, chars: usize) -> usize {
    source[..at]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `chars` characters after `at` (or the end).
fn forward(source: &str, at: usize, chars: usize) -> usize {
    source[at..]
        .char_indices()
        .nth(chars)
        .map_or(source.len(), |(i, _)| at + i)
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
        let mut lines = Lines::new(text);
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position(text.find('х').unwrap()), (2, 2));
        assert_eq!(lines.position(text.find('z').unwrap()), (3, 3));
        assert_eq!(lines.position(1), (1, 2));
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let text = format!("{}\"bad\"{}", "a".repeat(5000), "b".repeat(5000));
        let at = text.find('"').unwrap();
        let (window, label) = Lines::new(&text).window("f.json", at..at + 5);
        assert!(window.snippet.chars().count() <= 2 * CONTEXT + 10);
        assert!(window.snippet.starts_with('…') && window.snippet.ends_with('…'));
        assert_eq!(&window.snippet[label.clone()], "\"bad\"");
        assert_eq!(window.column_number((), 0, label.start).unwrap(), 5001);
        assert_eq!(window.line_number((), 0).unwrap(), 1);
    }
}
