//! One line of a GDELT export read into the fields relgraph uses, or the
//! reason it cannot be: the wrong number of fields, or a field that does
//! not hold what the codebook says (a bad date, a bad code).

use super::cameo;
use super::layout::{
    ACTOR1_COUNTRY, ACTOR2_COUNTRY, EVENT_ROOT_CODE, GLOBALEVENTID, GOLDSTEIN_SCALE, IS_ROOT_EVENT,
    Layout, NUM_MENTIONS, NUM_SOURCES, QUAD_CLASS, SQLDATE,
};
use crate::diagnostic::printable;
use crate::model::text::{describe, forbidden_char};

/// A CAMEO country code (three capital letters), packed in 15 bits; codes
/// order as their letters do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(u16);

impl Code {
    /// How many codes there can be (26³).
    pub const COUNT: usize = 26 * 26 * 26;

    /// The code written `bytes`, if it is three capital letters.
    ///
    /// ```
    /// use relgraph::model::read::gdelt::row::Code;
    /// assert_eq!(Code::parse(b"RUS").unwrap().to_string(), "RUS");
    /// assert!(Code::parse(b"rus").is_none() && Code::parse(b"RU").is_none());
    /// ```
    pub fn parse(bytes: &[u8]) -> Option<Code> {
        match bytes {
            [a, b, c] if bytes.iter().all(u8::is_ascii_uppercase) => {
                let digit = |x: &u8| u16::from(x - b'A');
                Some(Code((digit(a) * 26 + digit(b)) * 26 + digit(c)))
            }
            _ => None,
        }
    }

    /// The code as a number below [`Code::COUNT`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The code from its number (below [`Code::COUNT`]).
    pub fn from_index(index: usize) -> Code {
        Code(index as u16 % Code::COUNT as u16)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let letter = |n: u16| char::from(b'A' + (n % 26) as u8);
        let n = self.0;
        write!(f, "{}{}{}", letter(n / 676), letter(n / 26), letter(n))
    }
}

/// A day written as the number YYYYMMDD (`20150218`), which orders days.
pub type DayNumber = u32;

/// `2015-02-18` for the day number 20150218.
pub fn format_day(day: DayNumber) -> String {
    format!("{:04}-{:02}-{:02}", day / 10000, day / 100 % 100, day % 100)
}

/// The day YYYYMMDD at the start of `bytes`, if they start with a real one.
fn day_of(bytes: &[u8]) -> Option<DayNumber> {
    let digits = bytes.get(..8)?;
    let day = whole(digits)?;
    let (year, month, date) = (day / 10000, day / 100 % 100, day % 100);
    let real = year >= 1 && (1..=12).contains(&month) && date >= 1 && date <= days_in(year, month);
    real.then_some(day as DayNumber)
}

fn days_in(year: u64, month: u64) -> u64 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The whole number written `bytes` (digits only, at most 19 of them).
fn whole(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    bytes.iter().try_fold(0u64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// One event row: the fields relgraph uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// Which layout the row has.
    pub layout: Layout,
    /// `GLOBALEVENTID`.
    pub id: u64,
    /// `SQLDATE`.
    pub day: DayNumber,
    /// `Actor1CountryCode`, when given.
    pub actor1: Option<Code>,
    /// `Actor2CountryCode`, when given.
    pub actor2: Option<Code>,
    /// `IsRootEvent` is 1.
    pub root_event: bool,
    /// `EventRootCode`, 1 to 20 (its `QuadClass` agrees with it).
    pub root: u8,
    /// `GoldsteinScale`, -10 to 10.
    pub goldstein: f32,
    /// `NumMentions`.
    pub mentions: u32,
    /// `NumSources`.
    pub sources: u32,
    /// The day of `DATEADDED`, when it holds one (it is used only to date
    /// the file, so a bad one does not make the row malformed).
    pub date_added: Option<DayNumber>,
    /// `SOURCEURL`, when the row has one.
    pub url: Option<&'a str>,
}

/// Why a line is not a GDELT event row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// 1-based field at fault, when one is.
    pub field: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The likely cause.
    pub hint: Option<&'static str>,
}

/// Reads one line (without its line break; a final carriage return is
/// ignored).
///
/// ```
/// use relgraph::model::read::gdelt::row::parse;
/// let mut fields = vec![""; 61];
/// (fields[0], fields[1], fields[7], fields[17]) = ("1", "20150218", "RUS", "UKR");
/// (fields[25], fields[28], fields[29], fields[30]) = ("1", "15", "4", "-7.2");
/// (fields[31], fields[32], fields[60]) = ("10", "2", "http://example.com/a");
/// let line = fields.join("\t");
/// let row = parse(line.as_bytes()).unwrap();
/// assert_eq!((row.root, row.day, row.url), (15, 20150218, Some("http://example.com/a")));
/// assert!(parse(b"not\tgdelt").is_err());
/// ```
pub fn parse(line: &[u8]) -> Result<Row<'_>, Fault> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    // Counting tabs is a branch-free loop the compiler vectorises; only the
    // leading fields are then split one by one, and the last two found from
    // the end.
    let count = 1 + line.iter().filter(|&&b| b == b'\t').count();
    let layout = Layout::of(count).ok_or_else(|| field_count(count))?;
    let mut leading: Leading = [&[]; LEADING];
    let mut rest = line;
    for field in &mut leading {
        let end = rest.iter().position(|&b| b == b'\t').unwrap_or(rest.len());
        *field = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    let (before, last) = split_last(line);
    let (date_added, url) = match layout.source_url {
        Some(_) => (split_last(before).1, Some(last)),
        None => (last, None),
    };
    read_fields(layout, &leading, date_added, url)
}

/// How many fields from the start of a row are read: up to `NumSources`.
const LEADING: usize = NUM_SOURCES + 1;

/// The leading fields of a row.
type Leading<'a> = [&'a [u8]; LEADING];

/// The line before its last tab, and the field after it.
fn split_last(line: &[u8]) -> (&[u8], &[u8]) {
    match line.iter().rposition(|&b| b == b'\t') {
        Some(at) => (&line[..at], &line[at + 1..]),
        None => (&[], line),
    }
}

fn field_count(count: usize) -> Fault {
    Fault {
        field: None,
        message: format!(
            "{count} tab-separated field{}: a GDELT event row has 57 or 58 (GDELT 1.0) or 61 (GDELT 2.0)",
            if count == 1 { "" } else { "s" }
        ),
        hint: Some("the line may be cut short or joined to the next, or not be a GDELT event row"),
    }
}

fn read_fields<'a>(
    layout: Layout,
    fields: &Leading<'a>,
    date_added: &[u8],
    source_url: Option<&'a [u8]>,
) -> Result<Row<'a>, Fault> {
    let root = root_code(fields)?;
    Ok(Row {
        layout,
        id: whole(fields[GLOBALEVENTID]).ok_or_else(|| {
            bad(
                GLOBALEVENTID,
                "GLOBALEVENTID",
                fields,
                "is not a whole number",
            )
        })?,
        day: day_of(fields[SQLDATE])
            .filter(|_| fields[SQLDATE].len() == 8)
            .ok_or_else(|| bad(SQLDATE, "SQLDATE", fields, "is not a date written YYYYMMDD"))?,
        actor1: country(fields, ACTOR1_COUNTRY, "Actor1CountryCode")?,
        actor2: country(fields, ACTOR2_COUNTRY, "Actor2CountryCode")?,
        root_event: match fields[IS_ROOT_EVENT] {
            b"1" => true,
            b"0" => false,
            _ => {
                return Err(bad(
                    IS_ROOT_EVENT,
                    "IsRootEvent",
                    fields,
                    "is neither 0 nor 1",
                ));
            }
        },
        root,
        goldstein: goldstein(fields)?,
        mentions: count(fields, NUM_MENTIONS, "NumMentions")?,
        sources: count(fields, NUM_SOURCES, "NumSources")?,
        date_added: day_of(date_added),
        url: match (source_url, layout.source_url) {
            (Some(bytes), Some(index)) => url(bytes, index)?,
            _ => None,
        },
    })
}

/// The fault of field `index` (`name`), quoting its value.
fn bad(index: usize, name: &str, fields: &[&[u8]], what: &str) -> Fault {
    let value = String::from_utf8_lossy(fields[index]);
    let shown: String = value.chars().take(40).collect();
    let more = if shown.len() < value.len() { "…" } else { "" };
    Fault {
        field: Some(index + 1),
        message: format!("{name} '{}{more}' {what}", printable(&shown)),
        hint: None,
    }
}

fn country(fields: &[&[u8]], index: usize, name: &str) -> Result<Option<Code>, Fault> {
    match fields[index] {
        [] => Ok(None),
        bytes => Code::parse(bytes).map(Some).ok_or_else(|| {
            bad(
                index,
                name,
                fields,
                "is not a CAMEO country code (three capital letters, or empty)",
            )
        }),
    }
}

/// `EventRootCode`, checked against `QuadClass`.
fn root_code(fields: &[&[u8]]) -> Result<u8, Fault> {
    let root = whole(fields[EVENT_ROOT_CODE])
        .filter(|_| fields[EVENT_ROOT_CODE].len() <= 2)
        .and_then(|code| cameo::root(code as u8))
        .ok_or_else(|| {
            bad(
                EVENT_ROOT_CODE,
                "EventRootCode",
                fields,
                "is not a CAMEO root code (01 to 20)",
            )
        })?;
    let quad = match fields[QUAD_CLASS] {
        [digit @ b'1'..=b'4'] => digit - b'0',
        _ => return Err(bad(QUAD_CLASS, "QuadClass", fields, "is not 1, 2, 3 or 4")),
    };
    if quad != root.quad_class {
        let what = format!(
            "does not match EventRootCode {:02} ({}), which is QuadClass {} ({})",
            root.code,
            root.name,
            root.quad_class,
            cameo::quad_class_name(root.quad_class)
        );
        return Err(bad(QUAD_CLASS, "QuadClass", fields, &what));
    }
    Ok(root.code)
}

fn goldstein(fields: &[&[u8]]) -> Result<f32, Fault> {
    std::str::from_utf8(fields[GOLDSTEIN_SCALE])
        .ok()
        .and_then(|text| text.parse::<f32>().ok())
        .filter(|score| (-10.0..=10.0).contains(score))
        .ok_or_else(|| {
            bad(
                GOLDSTEIN_SCALE,
                "GoldsteinScale",
                fields,
                "is not a number from -10 to 10",
            )
        })
}

fn count(fields: &[&[u8]], index: usize, name: &str) -> Result<u32, Fault> {
    whole(fields[index])
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| bad(index, name, fields, "is not a count (a whole number)"))
}

/// `SOURCEURL` (field `index`): `None` when empty; text that a graph file
/// can hold.
fn url(bytes: &[u8], index: usize) -> Result<Option<&str>, Fault> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let fault = |message: String| Fault {
        field: Some(index + 1),
        message,
        hint: None,
    };
    let text =
        std::str::from_utf8(bytes).map_err(|_| fault("SOURCEURL is not valid UTF-8".to_owned()))?;
    if bytes.iter().all(|&b| (0x20..0x7f).contains(&b)) {
        return Ok(Some(text));
    }
    match forbidden_char(text, false) {
        Some((_, c)) => Err(fault(format!(
            "SOURCEURL holds the control character or noncharacter {}",
            describe(c)
        ))),
        None => Ok(Some(text)),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::read::gdelt::layout::Version;

    /// A GDELT 2.0 row (61 fields) with the given values at the given indexes.
    pub fn row_v2(values: &[(usize, &str)]) -> String {
        row_of(61, values)
    }

    /// A row of `fields` fields: an event of RUS towards UKR, root 15, on
    /// 2015-02-18, then `values` at their indexes.
    pub fn row_of(fields: usize, values: &[(usize, &str)]) -> String {
        let mut row = vec![String::new(); fields];
        let defaults = [
            (0, "1"),
            (1, "20150218"),
            (7, "RUS"),
            (17, "UKR"),
            (25, "1"),
            (26, "150"),
            (28, "15"),
            (29, "4"),
            (30, "-7.2"),
            (31, "10"),
            (32, "2"),
        ];
        for (index, value) in defaults {
            row[index] = value.to_owned();
        }
        if let Some(layout) = Layout::of(fields) {
            row[layout.date_added] = "20150218230000".to_owned();
            if let Some(url) = layout.source_url {
                row[url] = "http://example.com/a".to_owned();
            }
        }
        for (index, value) in values {
            row[*index] = (*value).to_owned();
        }
        row.join("\t")
    }

    #[test]
    fn the_version_follows_the_number_of_fields() {
        let v2 = row_v2(&[]);
        let row = parse(v2.as_bytes()).unwrap();
        assert_eq!(row.layout.version, Version::V2);
        assert_eq!(row.url, Some("http://example.com/a"));
        assert_eq!(row.date_added, Some(20150218));
        let v1 = row_of(58, &[]);
        assert_eq!(parse(v1.as_bytes()).unwrap().layout.version, Version::V1);
        let old = row_of(57, &[]);
        let row = parse(old.as_bytes()).unwrap();
        assert_eq!((row.layout.version, row.url), (Version::V1, None));
        for fields in [1, 56, 59, 60, 62, 80] {
            let line = vec!["1"; fields].join("\t");
            let fault = parse(line.as_bytes()).unwrap_err();
            assert!(
                fault
                    .message
                    .starts_with(&format!("{fields} tab-separated"))
            );
            assert_eq!(fault.field, None);
        }
    }

    #[test]
    fn a_carriage_return_at_the_end_is_ignored() {
        let line = row_v2(&[]) + "\r";
        assert_eq!(
            parse(line.as_bytes()).unwrap().url,
            Some("http://example.com/a")
        );
    }

    #[test]
    fn fields_are_read() {
        let line = row_v2(&[(0, "987654321012"), (7, ""), (25, "0"), (30, "3.4")]);
        let row = parse(line.as_bytes()).unwrap();
        assert_eq!(row.id, 987654321012);
        assert_eq!((row.actor1, row.actor2), (None, Code::parse(b"UKR")));
        assert!(!row.root_event);
        assert_eq!(
            (row.root, row.goldstein, row.mentions, row.sources),
            (15, 3.4, 10, 2)
        );
    }

    fn fault_of(values: &[(usize, &str)]) -> Fault {
        parse(row_v2(values).as_bytes()).unwrap_err()
    }

    #[test]
    fn bad_fields_are_named_with_their_place() {
        /// Values set, the field at fault, and the message's start.
        type Case<'a> = (&'a [(usize, &'a str)], usize, &'a str);
        let cases: &[Case] = &[
            (
                &[(0, "12a")],
                1,
                "GLOBALEVENTID '12a' is not a whole number",
            ),
            (&[(1, "20150230")], 2, "SQLDATE '20150230' is not a date"),
            (&[(1, "2015021")], 2, "SQLDATE '2015021' is not a date"),
            (&[(1, "201502181")], 2, "SQLDATE '201502181'"),
            (
                &[(7, "Rus")],
                8,
                "Actor1CountryCode 'Rus' is not a CAMEO country code",
            ),
            (&[(17, "UKRR")], 18, "Actor2CountryCode 'UKRR'"),
            (&[(25, "2")], 26, "IsRootEvent '2' is neither 0 nor 1"),
            (
                &[(28, "21")],
                29,
                "EventRootCode '21' is not a CAMEO root code",
            ),
            (&[(28, "--")], 29, "EventRootCode '--'"),
            (&[(29, "5")], 30, "QuadClass '5' is not 1, 2, 3 or 4"),
            (
                &[(29, "1")],
                30,
                "QuadClass '1' does not match EventRootCode 15",
            ),
            (
                &[(30, "-11")],
                31,
                "GoldsteinScale '-11' is not a number from -10 to 10",
            ),
            (&[(30, "")], 31, "GoldsteinScale ''"),
            (&[(31, "-1")], 32, "NumMentions '-1' is not a count"),
            (&[(32, "99999999999")], 33, "NumSources '99999999999'"),
            (
                &[(60, "http://a/\u{1b}[2J")],
                61,
                "SOURCEURL holds the control character or noncharacter U+001B",
            ),
        ];
        for (values, field, message) in cases {
            let fault = fault_of(values);
            assert_eq!(fault.field, Some(*field), "{fault:?}");
            assert!(fault.message.starts_with(message), "{fault:?}");
        }
    }

    #[test]
    fn leap_days_are_days() {
        assert_eq!(day_of(b"20160229"), Some(20160229));
        assert_eq!(day_of(b"21000229"), None);
        assert_eq!(day_of(b"20000229"), Some(20000229));
        assert_eq!(day_of(b"20151301"), None);
        assert_eq!(format_day(20150218), "2015-02-18");
    }

    #[test]
    fn a_bad_date_added_is_only_ignored() {
        let line = row_v2(&[(59, "soon")]);
        assert_eq!(parse(line.as_bytes()).unwrap().date_added, None);
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "x".repeat(100);
        let fault = fault_of(&[(7, &long)]);
        assert!(
            fault.message.contains(&format!("'{}…'", "x".repeat(40))),
            "{}",
            fault.message
        );
    }

    #[test]
    fn codes_round_trip_and_order_as_letters() {
        for text in ["AAA", "RUS", "ZZZ", "PRK"] {
            let code = Code::parse(text.as_bytes()).unwrap();
            assert_eq!(code.to_string(), text);
            assert_eq!(Code::from_index(code.index()), code);
        }
        assert!(Code::parse(b"ABC") < Code::parse(b"ABD"));
        assert!(Code::parse(b"AZZ") < Code::parse(b"BAA"));
    }
}
