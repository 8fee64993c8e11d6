//! A chunk of whole lines read at once, and what parsing it yields: the
//! kept events, what each guard dropped, the malformed rows. Chunks are
//! parsed in parallel; their outcomes are merged in file order.

use std::ops::Range;

use memchr::memchr_iter;

use super::filter::{Filters, Key};
use super::row::{DayNumber, Fault, parse};

/// How many malformed rows are described, in all; the rest are counted.
pub const SHOWN_FAULTS: usize = 20;

/// An event kept by every guard, to be counted once and added to its relation.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// `GLOBALEVENTID`.
    pub id: u64,
    /// The relation it adds to.
    pub key: Key,
    /// `SQLDATE`.
    pub day: DayNumber,
    /// `GoldsteinScale`.
    pub goldstein: f32,
    /// `NumMentions`.
    pub mentions: u32,
    /// `NumSources`.
    pub sources: u32,
    /// Where `SOURCEURL` is in the chunk, when the row has one.
    pub url: Option<Range<usize>>,
}

/// What parsing one chunk found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Lines in the chunk, empty ones included (for line numbers).
    pub lines: usize,
    /// Rows (non-empty lines) by number of fields: 57, 58, 61, other.
    pub rows: [u64; 4],
    /// The kept events, in order.
    pub events: Vec<Event>,
    /// Rows dropped by each guard (indexed as [`Guard::ALL`](super::filter::Guard::ALL)).
    pub dropped: [u64; 6],
    /// Malformed rows.
    pub malformed: u64,
    /// The first [`SHOWN_FAULTS`] malformed rows: 0-based line in the
    /// chunk, and why.
    pub faults: Vec<(usize, Fault)>,
    /// The latest `DATEADDED` day of its well-formed rows.
    pub date_added: Option<DayNumber>,
    /// The latest `SQLDATE` of its well-formed rows.
    pub last_day: Option<DayNumber>,
}

impl Outcome {
    /// Well-formed rows.
    pub fn well_formed(&self) -> u64 {
        self.rows[..3].iter().sum()
    }
}

/// Parses every line of `bytes` and judges each row by `filters`.
pub fn parse_chunk(bytes: &[u8], filters: &Filters) -> Outcome {
    let mut outcome = Outcome {
        events: Vec::with_capacity(bytes.len() / 2048),
        ..Outcome::default()
    };
    let mut start = 0;
    for end in memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len())) {
        let line = &bytes[start..end];
        if !(line.is_empty() || line == b"\r") {
            take(&mut outcome, bytes, line, filters);
        }
        outcome.lines += usize::from(end < bytes.len() || !line.is_empty());
        start = end + 1;
    }
    outcome
}

/// Adds the row on `line` (a line of `bytes`) to `outcome`.
fn take(outcome: &mut Outcome, bytes: &[u8], line: &[u8], filters: &Filters) {
    let row = match parse(line) {
        Ok(row) => row,
        Err(fault) => {
            outcome.rows[3] += 1;
            outcome.malformed += 1;
            if outcome.faults.len() < SHOWN_FAULTS {
                outcome.faults.push((outcome.lines, fault));
            }
            return;
        }
    };
    let layout = match row.layout.fields {
        57 => 0,
        58 => 1,
        _ => 2,
    };
    outcome.rows[layout] += 1;
    outcome.date_added = outcome.date_added.max(row.date_added);
    outcome.last_day = outcome.last_day.max(Some(row.day));
    match filters.judge(&row) {
        Ok(key) => outcome.events.push(Event {
            id: row.id,
            key,
            day: row.day,
            goldstein: row.goldstein,
            mentions: row.mentions,
            sources: row.sources,
            url: row.url.map(|url| {
                let offset = url.as_ptr() as usize - bytes.as_ptr() as usize;
                offset..offset + url.len()
            }),
        }),
        Err(guard) => outcome.dropped[guard.index()] += 1,
    }
}

/// Why the first lines of a file show it is not a GDELT export, or `None`
/// when one of its first five rows is a GDELT event row (or it has none).
pub fn not_gdelt(bytes: &[u8]) -> Option<String> {
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .filter(|line| !line.is_empty() && *line != b"\r")
        .take(5)
        .peekable();
    let first = *lines.peek()?;
    if lines.any(|line| parse(line).is_ok()) {
        return None;
    }
    Some(describe_first_line(first))
}

fn describe_first_line(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return "it looks like JSON (its first line starts with '{' or '['), not tab-separated GDELT events".to_owned();
    }
    if line.contains(&0) || std::str::from_utf8(line).is_err() {
        return "it looks like a binary file, not tab-separated text".to_owned();
    }
    if !line.contains(&b'\t') && line.contains(&b',') {
        return "it looks like comma-separated values: GDELT exports are tab-separated, \
                with 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0) fields a line"
            .to_owned();
    }
    match parse(line) {
        Err(fault) => format!("its first line is not a GDELT event row: {}", fault.message),
        Ok(_) => "its first lines are not GDELT event rows".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::gdelt::Options;
    use crate::model::read::gdelt::filter::Guard;
    use crate::model::read::gdelt::row::tests::row_v2;

    fn lines(rows: &[String]) -> Vec<u8> {
        rows.join("\n").into_bytes()
    }

    #[test]
    fn every_row_is_counted_once() {
        let bytes = lines(&[
            row_v2(&[]),
            row_v2(&[(25, "0")]),
            String::new(),
            "bad".to_owned(),
            row_v2(&[(7, "")]),
            row_v2(&[(1, "2015")]),
        ]);
        let outcome = parse_chunk(&bytes, &Filters::new(&Options::default()));
        assert_eq!(outcome.lines, 6);
        assert_eq!(outcome.rows, [0, 0, 3, 2]);
        assert_eq!(outcome.events.len(), 1);
        assert_eq!(outcome.dropped[Guard::NotRoot.index()], 1);
        assert_eq!(outcome.dropped[Guard::NoCountry.index()], 1);
        assert_eq!(outcome.malformed, 2);
        let at: Vec<usize> = outcome.faults.iter().map(|(line, _)| *line).collect();
        assert_eq!(at, [3, 5]);
        let url = outcome.events[0].url.clone().unwrap();
        assert_eq!(&bytes[url], b"http://example.com/a");
    }

    #[test]
    fn a_final_line_break_ends_the_last_line() {
        let filters = Filters::new(&Options::default());
        let with = lines(&[row_v2(&[]), String::new()]);
        let without = lines(&[row_v2(&[])]);
        assert_eq!(parse_chunk(&with, &filters).lines, 1);
        assert_eq!(parse_chunk(&without, &filters).lines, 1);
        assert_eq!(parse_chunk(b"", &filters).lines, 0);
        let crlf = format!("{}\r\n{}\r\n", row_v2(&[]), row_v2(&[]));
        let outcome = parse_chunk(crlf.as_bytes(), &filters);
        assert_eq!((outcome.lines, outcome.events.len()), (2, 2));
    }

    #[test]
    fn only_the_first_faults_are_kept() {
        let bytes = lines(&vec!["x".to_owned(); 50]);
        let outcome = parse_chunk(&bytes, &Filters::new(&Options::default()));
        assert_eq!(
            (outcome.malformed, outcome.faults.len()),
            (50, SHOWN_FAULTS)
        );
    }

    #[test]
    fn other_files_are_recognised_at_their_first_lines() {
        let json = not_gdelt(b"{\"title\": \"t\",\n \"entities\": []}").unwrap();
        assert!(json.contains("looks like JSON"), "{json}");
        let csv = not_gdelt(b"id,date,actor\n1,2015,RUS\n").unwrap();
        assert!(csv.contains("comma-separated"), "{csv}");
        let binary = not_gdelt(b"\x00\x01\x02\xff").unwrap();
        assert!(binary.contains("binary"), "{binary}");
        let tsv = not_gdelt(b"a\tb\tc\n").unwrap();
        assert!(tsv.contains("3 tab-separated fields"), "{tsv}");
        assert_eq!(not_gdelt(b""), None);
        let header_then_rows = format!("GLOBALEVENTID\tSQLDATE\n{}\n", row_v2(&[]));
        assert_eq!(not_gdelt(header_then_rows.as_bytes()), None);
    }
}
