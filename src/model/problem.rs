//! Problems found in a graph file, and their rendering as diagnostics that
//! point into the file (file, JSON path, line and column, hint).

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use super::locate::Locator;
use super::path::JsonPath;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but `validate --strict` rejects it.
    Warning,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A value, by its JSON path (the text is valid JSON).
    Path(JsonPath),
    /// A position the JSON parser reported (1-based line and column).
    Position {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
}

/// One thing wrong with a graph file.
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
    /// An error at a JSON path.
    pub fn error(path: JsonPath, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            place: Place::Path(path),
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at a JSON path.
    pub fn warning(path: JsonPath, message: impl Into<String>) -> Self {
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

/// Renders problems as diagnostics quoting the file, in file order,
/// followed by a one-line count.
pub fn render(file_name: &str, text: &[u8], problems: &[Problem]) -> String {
    let source = String::from_utf8_lossy(text);
    let file = SimpleFile::new(file_name, source.as_ref());
    let needs_locator = problems.iter().any(|p| matches!(p.place, Place::Path(_)));
    let locator = needs_locator.then(|| Locator::new(text));
    let mut located: Vec<(usize, std::ops::Range<usize>, &Problem)> = problems
        .iter()
        .enumerate()
        .map(|(order, problem)| {
            let range = byte_range(&source, locator.as_ref(), &problem.place);
            (order, range, problem)
        })
        .collect();
    located.sort_by_key(|(order, range, _)| (range.start, *order));
    let config = Config::default();
    let mut out = String::new();
    for (_, range, problem) in &located {
        let diagnostic = diagnostic(problem, range.clone());
        match term::emit_into_string(&config, &file, &diagnostic) {
            Ok(text) => out.push_str(&text),
            Err(_) => out.push_str(&format!("{file_name}: {}\n", problem.message)),
        }
    }
    out.push_str(&count_line(file_name, problems));
    out
}

fn count_line(file_name: &str, problems: &[Problem]) -> String {
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    format!(
        "{file_name}: {}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// `1 error`, `2 errors`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

fn diagnostic(problem: &Problem, range: std::ops::Range<usize>) -> Diagnostic<()> {
    let base = match problem.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
    };
    let message = match &problem.place {
        Place::Path(path) => format!("{path}: {}", problem.message),
        Place::Position { .. } => problem.message.clone(),
    };
    let notes = problem
        .hint
        .iter()
        .map(|hint| format!("hint: {hint}"))
        .collect();
    base.with_message(message)
        .with_labels(vec![Label::primary((), range)])
        .with_notes(notes)
}

/// The bytes to underline: the value at the place, cut to its first line,
/// and at least one character wide so the caret is visible.
fn byte_range(source: &str, locator: Option<&Locator>, place: &Place) -> std::ops::Range<usize> {
    let range = match (place, locator) {
        (Place::Path(path), Some(locator)) => locator.locate(path),
        (Place::Position { line, column }, _) => {
            let start = offset_of(source, *line, *column);
            start..start
        }
        (Place::Path(_), None) => 0..0,
    };
    let start = floor_char_boundary(source, range.start.min(source.len()));
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let end = range.end.clamp(start, line_end);
    if end > start {
        start..end
    } else {
        start..next_char_boundary(source, start, line_end)
    }
}

fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let line_start = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let line_text = source[line_start..].split('\n').next().unwrap_or("");
    // serde_json counts 1-based columns in bytes.
    let within = column.saturating_sub(1).min(line_text.len());
    floor_char_boundary(source, line_start + within)
}

fn floor_char_boundary(source: &str, mut at: usize) -> usize {
    while at > 0 && !source.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn next_char_boundary(source: &str, at: usize, limit: usize) -> usize {
    let mut end = at + 1;
    while end < limit && !source.is_char_boundary(end) {
        end += 1;
    }
    end.min(limit).max(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_path_line_column_and_hint() {
        let text = b"{\n  \"entities\": [\n    {\"id\": \"Rusia\"}\n  ]\n}\n";
        let problem = Problem::error(
            JsonPath::element("entities", 0).key("id"),
            "unknown entity 'Rusia'",
        )
        .with_hint("did you mean 'Russia' (RUS)?");
        let out = render("graph.json", text, &[problem]);
        assert!(
            out.contains("error: entities[0].id: unknown entity 'Rusia'"),
            "{out}"
        );
        assert!(out.contains("graph.json:3:12"), "{out}");
        assert!(out.contains("hint: did you mean 'Russia' (RUS)?"), "{out}");
        assert!(out.ends_with("graph.json: 1 error, 0 warnings\n"), "{out}");
    }

    #[test]
    fn positions_from_the_parser_are_kept() {
        let text = b"{\n  \"title\": \"x\",,\n}";
        let problem = Problem {
            severity: Severity::Error,
            place: Place::Position {
                line: 2,
                column: 16,
            },
            message: "malformed JSON".into(),
            hint: None,
        };
        let out = render("g.json", text, &[problem]);
        assert!(out.contains("g.json:2:16"), "{out}");
        assert!(out.contains(",,"), "{out}");
    }

    #[test]
    fn problems_come_out_in_file_order() {
        let text = b"{\"a\": 1, \"b\": 2}";
        let later = Problem::error(JsonPath::root().key("b"), "second");
        let earlier = Problem::error(JsonPath::root().key("a"), "first");
        let out = render("f.json", text, &[later, earlier]);
        assert!(
            out.find("first").unwrap() < out.find("second").unwrap(),
            "{out}"
        );
    }
}
