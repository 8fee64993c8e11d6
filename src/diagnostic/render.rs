//! Showing problems: as diagnostics that quote the file (file, path, line
//! and column, hint), and as located data. The one place problems are
//! turned into text.

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::term::{self, Config};

use super::locate::Locator;
use super::window::{Lines, is_boundary};
use super::{LocatedProblem, Place, Problem, Severity};

/// Renders problems as diagnostics quoting `text` (when given), in file
/// order, followed by a one-line count.
pub(super) fn render(file_name: &str, text: Option<&[u8]>, problems: &[Problem]) -> String {
    let source = text.unwrap_or_default();
    let locator = locator_for(text, problems);
    let mut lines = Lines::new(source);
    let config = Config::default();
    let mut out = String::new();
    for (range, problem) in in_file_order(source, locator.as_ref(), problems) {
        match (text, range) {
            (Some(_), Some(range)) => {
                let (window, label) = lines.window(file_name, range);
                let diagnostic = diagnostic(problem, label);
                match term::emit_into_string(&config, &window, &diagnostic) {
                    Ok(text) => out.push_str(&text),
                    Err(_) => out.push_str(&plain(file_name, problem)),
                }
            }
            _ => out.push_str(&plain(file_name, problem)),
        }
    }
    out.push_str(&count_line(file_name, problems));
    out
}

/// A locator of JSON paths in `text`, when a problem names one (the text is
/// then well-formed JSON: problems of malformed text have only a position).
fn locator_for<'t>(text: Option<&'t [u8]>, problems: &[Problem]) -> Option<Locator<'t>> {
    let needs = problems.iter().any(|p| matches!(p.place, Place::Path(_)));
    text.filter(|_| needs).map(Locator::new)
}

/// Each problem with the bytes it points at in the text (when it points into
/// the text), sorted by where it is.
fn in_file_order<'p>(
    source: &[u8],
    locator: Option<&Locator>,
    problems: &'p [Problem],
) -> Vec<(Option<std::ops::Range<usize>>, &'p Problem)> {
    let mut located: Vec<(usize, Option<std::ops::Range<usize>>, &Problem)> = problems
        .iter()
        .enumerate()
        .map(|(order, problem)| (order, byte_range(source, locator, &problem.place), problem))
        .collect();
    located.sort_by_key(|(order, range, problem)| {
        let start = range.as_ref().map(|r| r.start);
        (start, table_position(&problem.place), *order)
    });
    located
        .into_iter()
        .map(|(_, range, problem)| (range, problem))
        .collect()
}

/// Row and column (or line and field) of a place outside a text, for ordering.
fn table_position(place: &Place) -> Option<(&str, usize, usize)> {
    match place {
        Place::Cell {
            file, row, column, ..
        } => Some((file, *row, *column)),
        Place::Line { file, line, field } => Some((file, *line, field.unwrap_or(0))),
        Place::Path(_) | Place::Position { .. } => None,
    }
}

/// A problem without the file's text: `file:row:column: error: path: message`
/// and its hint.
fn plain(file_name: &str, problem: &Problem) -> String {
    let (file, line, column) = match &problem.place {
        Place::Cell {
            file, row, column, ..
        } => (file.as_str(), Some(*row), Some(*column)),
        Place::Line { file, line, field } => (file.as_str(), Some(*line), *field),
        Place::Position { line, column } => (file_name, Some(*line), Some(*column)),
        Place::Path(_) => (file_name, None, None),
    };
    let mut at = file.to_owned();
    for number in [line, column].into_iter().flatten() {
        at.push_str(&format!(":{number}"));
    }
    let mut out = format!(
        "{at}: {}: {}\n",
        problem.severity.as_str(),
        message_with_path(problem)
    );
    if let Some(hint) = &problem.hint {
        out.push_str(&format!("  = hint: {}\n", super::printable(hint)));
    }
    out
}

/// The problems as data: each with its line and column, in file order.
pub(super) fn located(
    file_name: &str,
    text: Option<&[u8]>,
    problems: &[Problem],
) -> Vec<LocatedProblem> {
    let source = text.unwrap_or_default();
    let locator = locator_for(text, problems);
    let mut lines = Lines::new(source);
    in_file_order(source, locator.as_ref(), problems)
        .into_iter()
        .map(|(range, problem)| {
            let (file, line, column) = match (&problem.place, range) {
                (
                    Place::Cell {
                        file, row, column, ..
                    },
                    _,
                ) => (file.clone(), Some(*row), Some(*column)),
                (Place::Line { file, line, field }, _) => (file.clone(), Some(*line), *field),
                (_, Some(range)) => {
                    let (line, column) = lines.position(range.start);
                    (file_name.to_owned(), Some(line), Some(column))
                }
                (_, None) => (file_name.to_owned(), None, None),
            };
            LocatedProblem {
                file,
                severity: problem.severity,
                path: problem.place.path().map(ToString::to_string),
                line,
                column,
                message: problem.message.clone(),
                hint: problem.hint.clone(),
            }
        })
        .collect()
}

/// `file: 2 errors, 1 warning`, with a newline.
pub(super) fn count_line(file_name: &str, problems: &[Problem]) -> String {
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

/// `path: message`, or the message alone when the place has no path.
fn message_with_path(problem: &Problem) -> String {
    let message = super::printable(&problem.message);
    match problem.place.path() {
        Some(path) => format!("{path}: {message}"),
        None => message,
    }
}

fn diagnostic(problem: &Problem, range: std::ops::Range<usize>) -> Diagnostic<()> {
    let base = match problem.severity {
        Severity::Error => Diagnostic::error(),
        Severity::Warning => Diagnostic::warning(),
    };
    let message = message_with_path(problem);
    let notes = problem
        .hint
        .iter()
        .map(|hint| format!("hint: {}", super::printable(hint)))
        .collect();
    base.with_message(message)
        .with_labels(vec![Label::primary((), range)])
        .with_notes(notes)
}

/// The bytes to underline: the value at the place, cut to its first line,
/// and at least one character wide so the caret is visible; `None` for a
/// place outside the text (a CSV cell) or when there is no text.
fn byte_range(
    source: &[u8],
    locator: Option<&Locator>,
    place: &Place,
) -> Option<std::ops::Range<usize>> {
    let range = match (place, locator, source.is_empty()) {
        (Place::Path(path), Some(locator), _) => locator.locate(path),
        (Place::Position { line, column }, _, false) => {
            let start = offset_of(source, *line, *column);
            start..start
        }
        _ => return None,
    };
    let start = floor_boundary(source, range.start.min(source.len()));
    let line_end = source[start..]
        .iter()
        .take(range.end.saturating_sub(start).max(1))
        .position(|&b| b == b'\n')
        .map_or(source.len(), |i| start + i);
    let end = range.end.clamp(start, line_end);
    Some(if end > start {
        start..end
    } else {
        start..next_boundary(source, start, line_end)
    })
}

/// The byte offset of a 1-based line and (byte) column, as serde_json reports them.
fn offset_of(source: &[u8], line: usize, column: usize) -> usize {
    let mut line_start = 0;
    for _ in 1..line {
        match source[line_start..].iter().position(|&b| b == b'\n') {
            Some(i) => line_start += i + 1,
            None => break,
        }
    }
    let within = source[line_start..]
        .iter()
        .take(column.saturating_sub(1))
        .take_while(|&&b| b != b'\n')
        .count();
    floor_boundary(source, line_start + within)
}

fn floor_boundary(source: &[u8], mut at: usize) -> usize {
    while at > 0 && !is_boundary(source, at) {
        at -= 1;
    }
    at
}

fn next_boundary(source: &[u8], at: usize, limit: usize) -> usize {
    let mut end = at + 1;
    while end < limit && !is_boundary(source, end) {
        end += 1;
    }
    end.min(limit).max(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::DocPath;

    #[test]
    fn renders_file_path_line_column_and_hint() {
        let text = b"{\n  \"entities\": [\n    {\"id\": \"Rusia\"}\n  ]\n}\n";
        let problem = Problem::error(
            DocPath::element("entities", 0).key("id"),
            "unknown entity 'Rusia'",
        )
        .with_hint("did you mean 'Russia' (RUS)?");
        let out = render("graph.json", Some(text), &[problem]);
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
        let out = render("g.json", Some(text), &[problem]);
        assert!(out.contains("g.json:2:16"), "{out}");
        assert!(out.contains(",,"), "{out}");
    }

    #[test]
    fn problems_come_out_in_file_order() {
        let text = b"{\"a\": 1, \"b\": 2}";
        let later = Problem::error(DocPath::root().key("b"), "second");
        let earlier = Problem::error(DocPath::root().key("a"), "first");
        let out = render("f.json", Some(text), &[later, earlier]);
        assert!(
            out.find("first").unwrap() < out.find("second").unwrap(),
            "{out}"
        );
    }

    #[test]
    fn located_problems_carry_line_and_column() {
        let text = b"{\n  \"entities\": [\n    {\"id\": \"Rusia\"}\n  ]\n}\n";
        let problem = Problem::error(DocPath::element("entities", 0).key("id"), "unknown")
            .with_hint("fix it");
        let rows = located("graph.json", Some(text), &[problem]);
        assert_eq!(
            (rows[0].line, rows[0].column, rows[0].path.as_deref()),
            (Some(3), Some(12), Some("entities[0].id"))
        );
        assert_eq!(rows[0].hint.as_deref(), Some("fix it"));
    }

    #[test]
    fn cells_and_lines_render_without_the_text() {
        let cell = Problem {
            severity: Severity::Error,
            place: Place::Cell {
                file: "relations.csv".into(),
                path: DocPath::element("relations", 12).key("since"),
                row: 14,
                column: 5,
            },
            message: "since '2023-13' is not a date".into(),
            hint: Some("write YYYY, YYYY-MM or YYYY-MM-DD".into()),
        };
        let line = Problem {
            severity: Severity::Warning,
            place: Place::Line {
                file: "events.tsv".into(),
                line: 3,
                field: Some(27),
            },
            message: "unknown root code".into(),
            hint: None,
        };
        let out = render("import", None, &[line.clone(), cell.clone()]);
        assert!(
            out.contains(
                "relations.csv:14:5: error: relations[12].since: since '2023-13' is not a date\n  = hint: write YYYY"
            ),
            "{out}"
        );
        assert!(
            out.contains("events.tsv:3:27: warning: unknown root code\n"),
            "{out}"
        );
        assert!(out.ends_with("import: 1 error, 1 warning\n"), "{out}");
        let rows = located("import", None, &[cell, line]);
        assert_eq!(rows[0].file, "events.tsv");
        assert_eq!((rows[1].line, rows[1].column), (Some(14), Some(5)));
        assert_eq!(rows[1].path.as_deref(), Some("relations[12].since"));
    }
}
