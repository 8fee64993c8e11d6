//! Problems found in an input file, where each one is, and how they are shown.
//!
//! Validation finds problems at a [`DocPath`], a path into the format-neutral
//! document (`relations[12].target`); the reader that parsed the file turns
//! it into a [`Place`] in that file: a JSON path (located to a line and
//! column in the text), a CSV row and column, or a line of a tab-separated
//! file. [`Diagnostics`] holds every problem of one input and shows them all
//! at once, as text for people ([`Diagnostics::render`]) or as data
//! ([`Diagnostics::located`]).

mod cut_short;
pub mod locate;
pub mod path;
mod render;
mod window;

use std::sync::Arc;

use serde::Serialize;

pub use path::{DocPath, Segment};
pub use render::plural;

/// `text` safe to print on a terminal: control characters (but line breaks
/// and tabs) written as escapes such as `\u{1b}`, so no escape sequence from
/// data or the command line reaches the terminal raw.
///
/// ```
/// use relgraph::diagnostic::printable;
/// assert_eq!(printable("red\u{1b}[31m"), "red\\u{1b}[31m");
/// ```
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with every control character (but line breaks, tabs and carriage
/// returns) replaced by one `?`, so columns counted in characters stay
/// true: for quoting a file's lines on a terminal.
pub(crate) fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r');
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            out.push('?');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but `validate --strict` rejects it.
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A value of the document by its path; in a JSON file, its JSON path,
    /// located in the text when the problem is shown.
    Path(DocPath),
    /// A position the parser reported (1-based line and column).
    Position {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A cell of a table file (CSV): the value at `path`, found in `file` at
    /// a 1-based row (the header is row 1) and column.
    Cell {
        /// The file, when the input has several.
        file: String,
        /// What the cell holds, as a document path.
        path: DocPath,
        /// 1-based row, counting the header.
        row: usize,
        /// 1-based column.
        column: usize,
    },
    /// A line of a line-based file (tab-separated events), and the field on it.
    Line {
        /// The file, when the input has several.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based field, when one field is at fault.
        field: Option<usize>,
    },
}

impl Place {
    /// The document path, when the place names one.
    pub fn path(&self) -> Option<&DocPath> {
        match self {
            Place::Path(path) | Place::Cell { path, .. } => Some(path),
            Place::Position { .. } | Place::Line { .. } => None,
        }
    }
}

/// One thing wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub place: Place,
    /// What is wrong, and what was expected.
    pub message: String,
    /// The likely fix, if one can be guessed.
    pub hint: Option<String>,
}

impl Problem {
    /// An error at a document path.
    pub fn error(path: DocPath, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            place: Place::Path(path),
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a document path.
    pub fn warning(path: DocPath, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, message)
        }
    }

    /// The same problem with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem makes the file unusable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The text of an input, held to quote it: bytes in memory, or a file
/// mapped into memory, which the system reads as needed and never copies.
#[derive(Debug, Clone)]
pub struct SourceText {
    held: Held,
    /// Bytes at the start that are not text (a byte order mark).
    skip: usize,
}

#[derive(Debug, Clone)]
enum Held {
    Owned(Arc<[u8]>),
    Mapped(Arc<Mapped>),
}

/// A mapped file, registered to be named if it is cut short while mapped
/// ([`cut_short`]).
#[derive(Debug)]
struct Mapped {
    /// Withdrawn before the map is dropped.
    _guard: cut_short::Guard,
    map: memmap2::Mmap,
}

impl SourceText {
    /// Text held in memory.
    pub fn owned(bytes: Vec<u8>) -> Self {
        SourceText {
            held: Held::Owned(Arc::from(bytes)),
            skip: 0,
        }
    }

    /// The file at `path`, mapped into memory (an empty file is read).
    pub fn map(path: &std::path::Path) -> std::io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let metadata = file.metadata()?;
        if metadata.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::IsADirectory,
                "it is a folder: give the graph file in it",
            ));
        }
        if metadata.len() == 0 {
            return Ok(SourceText::owned(Vec::new()));
        }
        // SAFETY: the map is only read. A file changed while mapped is found
        // by the checks of what is read from it (`FileChanged`), or at worst
        // makes a quoted line wrong; one cut short is named, and relgraph
        // ends, by `cut_short`.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        let message = format!(
            "error: '{}' was cut short while relgraph was reading it: run the command again \
             once the file is saved (no output file was replaced)",
            printable(&path.display().to_string())
        );
        Ok(SourceText {
            held: Held::Mapped(Arc::new(Mapped {
                _guard: cut_short::guard(&map, &message),
                map,
            })),
            skip: 0,
        })
    }

    /// The same text without `prefix` at its start, if it has it.
    pub fn without_prefix(mut self, prefix: &[u8]) -> Self {
        if self.as_bytes().starts_with(prefix) {
            self.skip += prefix.len();
        }
        self
    }

    /// Every byte held, the skipped prefix included.
    pub fn whole(&self) -> &[u8] {
        match &self.held {
            Held::Owned(bytes) => bytes,
            Held::Mapped(mapped) => &mapped.map,
        }
    }

    /// The text's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        let all: &[u8] = match &self.held {
            Held::Owned(bytes) => bytes,
            Held::Mapped(mapped) => &mapped.map,
        };
        &all[self.skip..]
    }
}

impl PartialEq for SourceText {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for SourceText {}

/// Every problem found in one input, and the input's text to show them in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    /// The input's name in messages (`graph.json`).
    pub file: String,
    /// The problems, in the order they were found.
    pub problems: Vec<Problem>,
    /// The input's text, when problems can be shown in it.
    text: Option<SourceText>,
}

/// A problem as data: what `validate --format json|csv` lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocatedProblem {
    /// The file it is in.
    pub file: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The document path of the value at fault (`relations[3].target`), if any.
    pub path: Option<String>,
    /// 1-based line (the row, in a CSV file), if known.
    pub line: Option<usize>,
    /// 1-based column (the field, in a line-based file), if known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The likely fix.
    pub hint: Option<String>,
}

impl Diagnostics {
    /// The problems of input `file`, whose text is `text` when it can be shown.
    pub fn new(file: impl Into<String>, problems: Vec<Problem>, text: Option<SourceText>) -> Self {
        Diagnostics {
            file: file.into(),
            problems,
            text,
        }
    }

    /// No problems in input `file`.
    pub fn none(file: impl Into<String>) -> Self {
        Diagnostics::new(file, Vec::new(), None)
    }

    /// Whether there is no problem at all.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    /// How many problems are warnings.
    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// Every problem as a diagnostic quoting the file, in file order, then
    /// the count line.
    pub fn render(&self) -> String {
        render::render(
            &self.file,
            self.text.as_ref().map(SourceText::as_bytes),
            &self.problems,
        )
    }

    /// `graph.json: 2 errors, 1 warning`, with a newline.
    pub fn count_line(&self) -> String {
        render::count_line(&self.file, &self.problems)
    }

    /// Every problem as data with its line and column, in file order.
    pub fn located(&self) -> Vec<LocatedProblem> {
        render::located(
            &self.file,
            self.text.as_ref().map(SourceText::as_bytes),
            &self.problems,
        )
    }
}
