//! What `relgraph verify` answers: every evidence quote checked against the
//! plain text of its source ([`verify`]), as one [`Check`] per quote, how
//! each source's text was found ([`SourceCheck`]), and the counts
//! ([`EvidenceSummary`], also what the report says with
//! [`evidence_summary`]). How a quote is looked up in a text is
//! [`matching`]'s.
//!
//! A source names its text in `text`, a path relative to the graph file's
//! folder; [`TextLookup::sources_dir`] looks it up in another folder instead,
//! by its file name (`<source id>.txt` for a source without `text`).

pub mod matching;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{DocPath, Problem};
use crate::listing::{RowSink, Rows, Tabular, cell};
use crate::model::document::EvidenceRef;
use crate::model::{Dataset, Evidence, GraphInput, Source};
use matching::{Difference, Found, Haystack, Passage};

/// Characters a quote or passage is shortened to in messages.
const SHOWN_CHARS: usize = 120;
/// Differences named at most in one warning.
const SHOWN_DIFFERENCES: usize = 3;

/// Where to look for the source texts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextLookup {
    /// The graph file's folder, which `text` paths are relative to (empty:
    /// the current folder).
    pub base: PathBuf,
    /// `--sources-dir`: the folder to look the texts up in instead, by file name.
    pub sources_dir: Option<PathBuf>,
}

impl TextLookup {
    /// Texts beside the graph `input` (the current folder for the embedded
    /// copy), or in `sources_dir` when given.
    pub fn for_graph(input: &GraphInput, sources_dir: Option<PathBuf>) -> Self {
        let base = input
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .unwrap_or_default();
        TextLookup { base, sources_dir }
    }

    /// The file that holds `source`'s text, if it names one or a sources
    /// folder is given.
    pub fn path_of(&self, source: &Source) -> Option<PathBuf> {
        let by_id = || format!("{}.txt", source.id);
        match (&self.sources_dir, &source.text) {
            (Some(dir), Some(text)) => Some(
                dir.join(
                    Path::new(text)
                        .file_name()
                        .map_or_else(|| by_id().into(), ToOwned::to_owned),
                ),
            ),
            (Some(dir), None) => Some(dir.join(by_id())),
            (None, Some(text)) => Some(self.base.join(text)),
            (None, None) => None,
        }
    }
}

/// How a source's text was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    /// Read: its quotes were checked.
    Read,
    /// Named, but missing or unreadable: an error.
    Missing,
    /// No text named and no sources folder given: its quotes are unchecked.
    NoText,
}

/// One source and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCheck {
    /// The source's id.
    pub source: String,
    /// The file tried, as a path from the current folder.
    pub path: Option<String>,
    /// Whether it was read.
    pub status: SourceStatus,
    /// Why it could not be read.
    pub detail: Option<String>,
    /// How many quotes cite it.
    pub quotes: usize,
    /// Its position in the file's `sources`.
    #[serde(skip)]
    pub index: usize,
    /// Whether the source has a `text` field.
    #[serde(skip)]
    pub names_text: bool,
}

/// How one quote compares with its source's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Verbatim in the text.
    Exact,
    /// In the text once whitespace and typographic variants are normalised: a warning.
    Normalised,
    /// Not in the text: an error.
    NotFound,
    /// Not checked: its source has no text, or the text cannot be read.
    Unchecked,
}

impl Status {
    /// `exact`, `normalised`, `not_found` or `unchecked`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Exact => "exact",
            Status::Normalised => "normalised",
            Status::NotFound => "not_found",
            Status::Unchecked => "unchecked",
        }
    }
}

/// One evidence quote, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// The id of the relation the quote backs, or for a recorded conflict
    /// its place (`conflicts[0]`).
    pub relation: String,
    /// The quote's index in the relation's `evidence`.
    pub evidence: usize,
    /// Where the quote is in the file: `relations[12].evidence[0].quote`.
    pub path: QuotePath,
    /// The source's id.
    pub source: String,
    /// The outcome.
    pub status: Status,
    /// The quote.
    pub quote: String,
    /// What differs (normalised), or why it was not checked (unchecked).
    pub detail: Option<String>,
    /// The 1-based line of the text where the quote (or, when not found,
    /// the closest passage) starts.
    pub line: Option<usize>,
    /// The passage of the text most like a quote not found.
    pub closest: Option<String>,
    /// How alike that passage is, in percent.
    pub percent_alike: Option<u8>,
    /// The list that holds the quote's item: `relations` or `conflicts`.
    #[serde(skip)]
    pub list: &'static str,
    /// The item's position in that list.
    #[serde(skip)]
    pub relation_index: usize,
}

/// The outcome in numbers: what the report's Evidence section says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EvidenceSummary {
    /// Quotes found verbatim.
    pub exact: usize,
    /// Quotes found only after normalising.
    pub normalised: usize,
    /// Quotes not in their source's text.
    pub not_found: usize,
    /// Quotes whose source has no readable text.
    pub unchecked: usize,
    /// The file names of the source texts read.
    pub texts: Vec<String>,
    /// The file names of the source texts named but not readable.
    pub missing: Vec<String>,
}

impl EvidenceSummary {
    /// Quotes found, verbatim or after normalising.
    pub fn verified(&self) -> usize {
        self.exact + self.normalised
    }

    /// Every quote.
    pub fn quotes(&self) -> usize {
        self.verified() + self.not_found + self.unchecked
    }
}

/// Every quote of a graph file checked against its source's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The graph file.
    pub file: String,
    /// Whether there is no error: every text read, no quote missing from it.
    pub ok: bool,
    /// Quotes not found plus texts not readable.
    pub errors: usize,
    /// Quotes found only after normalising plus sources without text.
    pub warnings: usize,
    /// The counts.
    pub summary: EvidenceSummary,
    /// Every source, in file order.
    pub sources: Vec<SourceCheck>,
    /// Every quote, in file order.
    pub checks: Vec<Check>,
    /// Whether the texts were looked up in a sources folder.
    #[serde(skip)]
    pub in_sources_dir: bool,
}

/// Checks every evidence quote of `data` against the text of its source,
/// found by `lookup`: verbatim, else after normalising, else not found with
/// the closest passage (see [`matching`]). Each text is read once.
pub fn verify(data: &Dataset, lookup: &TextLookup) -> Verification {
    let read: Vec<(SourceCheck, Option<String>)> = data
        .doc
        .sources
        .iter()
        .enumerate()
        .map(|(index, source)| read_source(index, source, lookup))
        .collect();
    let haystacks: HashMap<&str, (&SourceCheck, Option<Haystack>)> = data
        .doc
        .sources
        .iter()
        .zip(&read)
        .map(|(source, (check, text))| {
            (
                source.id.as_str(),
                (check, text.as_deref().map(Haystack::new)),
            )
        })
        .collect();
    let mut checks = Vec::new();
    let mut check_all = |list, r, name: &str, evidence: &[EvidenceRef<'_>]| {
        for (e, evidence) in evidence.iter().enumerate() {
            checks.push(check_quote(&haystacks, list, r, name, e, evidence));
        }
    };
    // Each record is read from the file when it is checked, and not kept.
    for i in data.relation_indices() {
        data.read_relation(i, |r| check_all("relations", i.index(), &r.id, &r.evidence));
    }
    for (c, conflict) in data.doc.conflicts.iter().enumerate() {
        let evidence: Vec<EvidenceRef<'_>> =
            conflict.evidence.iter().map(Evidence::borrowed).collect();
        check_all("conflicts", c, &format!("conflicts[{c}]"), &evidence);
    }
    drop(haystacks);
    let mut quotes_of: HashMap<&str, usize> = HashMap::new();
    for check in &checks {
        *quotes_of.entry(check.source.as_str()).or_default() += 1;
    }
    let sources = read
        .into_iter()
        .map(|(source, _)| SourceCheck {
            quotes: quotes_of.get(source.source.as_str()).copied().unwrap_or(0),
            ..source
        })
        .collect();
    Verification::new(data.origin.clone(), sources, checks, lookup)
}

/// Quote `e` of item `r` of `list` (named `name`), checked against the
/// text of its source in `haystacks`.
fn check_quote(
    haystacks: &HashMap<&str, (&SourceCheck, Option<Haystack>)>,
    list: &'static str,
    r: usize,
    name: &str,
    e: usize,
    evidence: &EvidenceRef<'_>,
) -> Check {
    let mut check = Check {
        relation: name.to_owned(),
        evidence: e,
        path: QuotePath {
            list,
            item: r,
            evidence: e,
        },
        source: evidence.source.to_string(),
        status: Status::Unchecked,
        quote: evidence.quote.to_string(),
        detail: None,
        line: None,
        closest: None,
        percent_alike: None,
        list,
        relation_index: r,
    };
    match haystacks.get(&*evidence.source) {
        Some((_, Some(text))) => record(&mut check, text.find(&evidence.quote)),
        Some((source, None)) => check.detail = source.detail.clone(),
        None => check.detail = Some(format!("unknown source '{}'", &*evidence.source)),
    }
    check
}

/// Checks every quote of `data` against the texts its sources name, relative
/// to `base` (the graph file's folder), and counts the outcomes.
pub fn evidence_summary(data: &Dataset, base: &Path) -> EvidenceSummary {
    let lookup = TextLookup {
        base: base.to_owned(),
        sources_dir: None,
    };
    verify(data, &lookup).summary
}

/// Where a quote is in the graph file, written as a document path:
/// `relations[12].evidence[0].quote`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotePath {
    /// `relations` or `conflicts`.
    pub list: &'static str,
    /// The item's position in the list.
    pub item: usize,
    /// The quote's position in the item's `evidence`.
    pub evidence: usize,
}

impl std::fmt::Display for QuotePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        quote_path(self.list, self.item, self.evidence).fmt(f)
    }
}

impl Serialize for QuotePath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `relations[r].evidence[e].quote` (or `conflicts[r]…`).
fn quote_path(list: &'static str, item: usize, evidence: usize) -> DocPath {
    DocPath::element(list, item)
        .key("evidence")
        .index(evidence)
        .key("quote")
}

/// Reads the text of `source` (the `index`th); its quotes are counted later.
fn read_source(
    index: usize,
    source: &Source,
    lookup: &TextLookup,
) -> (SourceCheck, Option<String>) {
    let path = lookup.path_of(source);
    let mut check = SourceCheck {
        source: source.id.to_string(),
        path: path.as_ref().map(|p| p.display().to_string()),
        status: SourceStatus::NoText,
        detail: Some(format!("source '{}' names no text", source.id)),
        quotes: 0,
        index,
        names_text: source.text.is_some(),
    };
    let Some(path) = path else {
        return (check, None);
    };
    match read_text(&path) {
        Ok(text) => {
            check.status = SourceStatus::Read;
            check.detail = None;
            (check, Some(text))
        }
        Err(reason) => {
            check.status = SourceStatus::Missing;
            check.detail = Some(format!("cannot read '{}': {reason}", path.display()));
            (check, None)
        }
    }
}

/// The UTF-8 text of the file at `path` (without a byte order mark), or why not.
fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|err| err.to_string())?;
    let mut text = String::from_utf8(bytes).map_err(|err| {
        format!(
            "not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    Ok(text)
}

/// Fills `check` with what the lookup `found`.
fn record(check: &mut Check, found: Found) {
    match found {
        Found::Exact { line } => {
            check.status = Status::Exact;
            check.line = Some(line);
        }
        Found::Normalised { line, differences } => {
            check.status = Status::Normalised;
            check.line = Some(line);
            check.detail = Some(describe_differences(&differences));
        }
        Found::NotFound { closest } => {
            check.status = Status::NotFound;
            check.detail = Some("no passage of the text matches, even after normalising".into());
            if let Some(Passage {
                line,
                text,
                percent_alike,
                ..
            }) = closest
            {
                check.line = Some(line);
                check.closest = Some(text);
                check.percent_alike = Some(percent_alike);
            }
        }
    }
}

/// The first few differences in a sentence, and how many more there are.
fn describe_differences(differences: &[Difference]) -> String {
    let shown: Vec<String> = differences
        .iter()
        .take(SHOWN_DIFFERENCES)
        .map(Difference::describe)
        .collect();
    let mut text = shown.join("; ");
    let more = differences.len().saturating_sub(SHOWN_DIFFERENCES);
    if more > 0 {
        text.push_str(&format!(
            "; and {}",
            crate::diagnostic::plural(more, "more difference")
        ));
    }
    text
}

/// `text` on one line (whitespace runs made one space), cut to about
/// `max` characters with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

impl Verification {
    fn new(
        file: String,
        sources: Vec<SourceCheck>,
        checks: Vec<Check>,
        lookup: &TextLookup,
    ) -> Self {
        let count = |status| checks.iter().filter(|c| c.status == status).count();
        let file_names = |status| -> Vec<String> {
            sources
                .iter()
                .filter(|s| s.status == status)
                .filter_map(|s| s.path.as_deref())
                .map(|path| {
                    Path::new(path)
                        .file_name()
                        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
                })
                .collect()
        };
        let summary = EvidenceSummary {
            exact: count(Status::Exact),
            normalised: count(Status::Normalised),
            not_found: count(Status::NotFound),
            unchecked: count(Status::Unchecked),
            texts: file_names(SourceStatus::Read),
            missing: file_names(SourceStatus::Missing),
        };
        let no_text = sources
            .iter()
            .filter(|s| s.status == SourceStatus::NoText && s.quotes > 0)
            .count();
        let errors = summary.not_found + summary.missing.len();
        let warnings = summary.normalised + no_text;
        Verification {
            file,
            ok: errors == 0,
            errors,
            warnings,
            summary,
            sources,
            checks,
            in_sources_dir: lookup.sources_dir.is_some(),
        }
    }

    /// Every problem, placed at its document path: a text that cannot be
    /// read and a quote not found are errors; a source without text (cited
    /// by quotes) and a quote found only after normalising are warnings.
    pub fn problems(&self) -> Vec<Problem> {
        let sources = self.sources.iter().filter_map(|s| self.source_problem(s));
        let quotes = self.checks.iter().filter_map(quote_problem);
        sources.chain(quotes).collect()
    }

    fn source_problem(&self, source: &SourceCheck) -> Option<Problem> {
        let at = DocPath::element("sources", source.index);
        let unchecked = match source.quotes {
            0 => String::new(),
            n => format!("; {} not checked", crate::diagnostic::plural(n, "quote")),
        };
        match source.status {
            SourceStatus::Read => None,
            SourceStatus::NoText if source.quotes == 0 => None,
            SourceStatus::NoText => Some(
                Problem::warning(
                    at,
                    format!("source '{}' names no text{unchecked}", source.source),
                )
                .with_hint(format!(
                    "add \"text\": \"FILE.txt\" to the source (a path relative to the graph \
                     file's folder), or give --sources-dir DIR holding {}.txt",
                    source.source
                )),
            ),
            SourceStatus::Missing => {
                let at = if source.names_text {
                    at.key("text")
                } else {
                    at
                };
                let reason = source.detail.clone().unwrap_or_default();
                Some(
                    Problem::error(
                        at,
                        format!("source '{}': {reason}{unchecked}", source.source),
                    )
                    .with_hint(self.missing_hint(source)),
                )
            }
        }
    }

    /// What to do about a text that cannot be read.
    fn missing_hint(&self, source: &SourceCheck) -> String {
        let file = source
            .path
            .as_deref()
            .and_then(|p| Path::new(p).file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match (self.in_sources_dir, source.names_text) {
            (false, _) => format!(
                "correct \"text\" (a path relative to the graph file's folder), or give \
                 --sources-dir DIR for a folder holding {file}"
            ),
            (true, true) => format!(
                "--sources-dir looks the text up by its file name, {file}: put a copy there, \
                 or leave out --sources-dir to read \"text\" as written"
            ),
            (true, false) => format!(
                "put the source's text there as {file}, or add \"text\": \"FILE.txt\" to the \
                 source (a path relative to the graph file's folder)"
            ),
        }
    }
}

/// The warning or error of a quote found only after normalising, or not at all.
fn quote_problem(check: &Check) -> Option<Problem> {
    let at = quote_path(check.list, check.relation_index, check.evidence);
    let whose = match check.list {
        "relations" => format!(
            "quote of relation '{}' (evidence {})",
            check.relation, check.evidence
        ),
        _ => format!("quote of {} (evidence {})", check.relation, check.evidence),
    };
    match check.status {
        Status::Exact | Status::Unchecked => None,
        Status::Normalised => Some(
            Problem::warning(
                at,
                format!(
                    "{whose} matches the text of '{}' (line {}) only after normalising: {}",
                    check.source,
                    cell(&check.line),
                    check.detail.as_deref().unwrap_or_default()
                ),
            )
            .with_hint("copy the passage from the text as it is, character for character"),
        ),
        Status::NotFound => {
            let hint = match (&check.closest, check.line, check.percent_alike) {
                (Some(passage), Some(line), Some(alike)) => format!(
                    "closest passage (line {line}, {alike}% alike): «{}»",
                    shorten(passage, SHOWN_CHARS)
                ),
                _ => format!("the text of '{}' is empty", check.source),
            };
            Some(
                Problem::error(
                    at,
                    format!(
                        "{whose} is not in the text of '{}': «{}»",
                        check.source,
                        shorten(&check.quote, SHOWN_CHARS)
                    ),
                )
                .with_hint(hint),
            )
        }
    }
}

impl Tabular for Verification {
    fn rows(&self) -> Rows {
        Rows::of(self)
    }

    /// Each check's row made as it is given.
    fn each_row(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        sink.columns(&[
            "relation",
            "evidence",
            "source",
            "status",
            "detail",
            "closest",
            "percent_alike",
            "line",
        ])?;
        for c in &self.checks {
            sink.row(vec![
                c.relation.clone(),
                c.evidence.to_string(),
                c.source.clone(),
                c.status.as_str().to_owned(),
                cell(&c.detail),
                cell(&c.closest),
                cell(&c.percent_alike),
                cell(&c.line),
            ])?;
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.checks.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::parse;

    const TEXT: &str = "The Accord\n\nAvalon and Borduria signed it,\nafter the river’s floods.\n";

    /// A graph whose one source has `text` (a JSON value) and whose
    /// relations quote `quotes`.
    fn graph(text: &str, quotes: &[&str]) -> Dataset {
        let relations: Vec<String> = quotes
            .iter()
            .enumerate()
            .map(|(i, quote)| {
                format!(
                    r#"{{"id": "r{i}", "source": "A", "target": "B", "type": "ally",
                        "evidence": [{{"source": "s", "quote": {}}}]}}"#,
                    serde_json::to_string(quote).unwrap()
                )
            })
            .collect();
        let json = format!(
            r#"{{"title": "t",
                "sources": [{{"id": "s", "title": "S", "author": "a", "publisher": "p",
                              "published": "2024", "language": "en", "text": {text}}}],
                "relation_types": [{{"id": "ally", "label": "Ally", "polarity": "cooperative", "directed": false}}],
                "entities": [{{"id": "A", "name": "A", "kind": "country"}}, {{"id": "B", "name": "B", "kind": "country"}}],
                "relations": [{}]}}"#,
            relations.join(",")
        );
        parse("graph.json", json.as_bytes()).unwrap()
    }

    fn folder_with_text() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.txt"), TEXT).unwrap();
        dir
    }

    #[test]
    fn each_quote_gets_its_status_and_the_counts_add_up() {
        let dir = folder_with_text();
        let data = graph(
            "\"s.txt\"",
            &[
                "Avalon and Borduria signed it,",
                "signed it, after the river's floods.",
                "Avalon and Carpathia signed it",
            ],
        );
        let verification = verify(
            &data,
            &TextLookup::for_graph(&GraphInput::File(dir.path().join("graph.json")), None),
        );
        let statuses: Vec<Status> = verification.checks.iter().map(|c| c.status).collect();
        assert_eq!(
            statuses,
            [Status::Exact, Status::Normalised, Status::NotFound]
        );
        assert_eq!(verification.checks[0].line, Some(3));
        assert_eq!(verification.checks[2].line, Some(3));
        assert_eq!(
            verification.checks[2].closest.as_deref(),
            Some("Avalon and Borduria signed it")
        );
        assert_eq!(
            (verification.errors, verification.warnings, verification.ok),
            (1, 1, false)
        );
        let summary = &verification.summary;
        assert_eq!(
            (
                summary.exact,
                summary.normalised,
                summary.not_found,
                summary.unchecked
            ),
            (1, 1, 1, 0)
        );
        assert_eq!(summary.texts, ["s.txt"]);
        let problems = verification.problems();
        assert_eq!(problems.len(), 2);
        assert!(
            problems[0]
                .message
                .contains("line break (U+000A) where the quote has a space"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0]
                .message
                .contains("’ (U+2019) where the quote has ' (U+0027)"),
            "{}",
            problems[0].message
        );
        assert_eq!(
            problems[1].place,
            crate::diagnostic::Place::Path(quote_path("relations", 2, 0))
        );
        assert!(
            problems[1].message.contains("'r2' (evidence 0)"),
            "{}",
            problems[1].message
        );
        assert_eq!(
            problems[1].hint.as_deref(),
            Some("closest passage (line 3, 80% alike): «Avalon and Borduria signed it»")
        );
    }

    #[test]
    fn a_missing_text_is_one_error_and_its_quotes_are_unchecked() {
        let dir = tempfile::tempdir().unwrap();
        let data = graph("\"nowhere/s.txt\"", &["one", "two"]);
        let lookup = TextLookup::for_graph(&GraphInput::File(dir.path().join("graph.json")), None);
        let verification = verify(&data, &lookup);
        assert_eq!(verification.summary.unchecked, 2);
        assert_eq!(verification.summary.missing, ["s.txt"]);
        let problems = verification.problems();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].is_error());
        assert!(
            problems[0].message.contains("nowhere/s.txt"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0].message.ends_with("; 2 quotes not checked"),
            "{}",
            problems[0].message
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("--sources-dir")
        );
    }

    #[test]
    fn a_source_without_text_is_one_warning() {
        let data = graph("null", &["one", "two"]);
        let verification = verify(&data, &TextLookup::default());
        assert!(verification.ok);
        assert_eq!((verification.errors, verification.warnings), (0, 1));
        assert_eq!(verification.summary.unchecked, 2);
        let problems = verification.problems();
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].is_error());
        assert_eq!(
            problems[0].place,
            crate::diagnostic::Place::Path(DocPath::element("sources", 0))
        );
    }

    #[test]
    fn a_sources_folder_is_searched_by_file_name_or_source_id() {
        let dir = folder_with_text();
        let lookup = TextLookup {
            base: "elsewhere".into(),
            sources_dir: Some(dir.path().to_owned()),
        };
        for text in ["\"../far/away/s.txt\"", "null"] {
            let data = graph(text, &["Avalon and Borduria"]);
            let verification = verify(&data, &lookup);
            assert_eq!(verification.checks[0].status, Status::Exact, "{text}");
        }
        assert_eq!(
            evidence_summary(&graph("\"s.txt\"", &["Avalon"]), dir.path()).exact,
            1
        );
    }

    #[test]
    fn quotes_are_shortened_on_one_line() {
        assert_eq!(shorten("a\n  b", 120), "a b");
        let long = "word ".repeat(40);
        let short = shorten(&long, 20);
        assert_eq!(short.chars().count(), 20);
        assert!(short.ends_with("word…"), "{short}");
    }
}
