//! Partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), decades (`2000s`),
//! and the periods they denote.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A calendar date known to a decade, a year, a month or a day.
///
/// A partial date stands for a period: `2000s` is the decade 2000 to 2009,
/// `2023` the whole year, `2023-06` the whole month. Ordering compares the
/// start of the period first, so partial dates sort at the start of their
/// period.
///
/// ```
/// use relgraph::model::PartialDate;
///
/// let june: PartialDate = "2023-06".parse().unwrap();
/// assert_eq!(june.start(), (2023, 6, 1));
/// assert_eq!(june.end(), (2023, 6, 30));
/// let noughties: PartialDate = "2000s".parse().unwrap();
/// assert_eq!((noughties.start(), noughties.end()), ((2000, 1, 1), (2009, 12, 31)));
/// assert!("2023-02-30".parse::<PartialDate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i16,
    month: Option<u8>,
    day: Option<u8>,
    /// Known to the decade only: the ten years from `year`.
    decade: bool,
}

/// A day, as `(year, month, day)`, ordered chronologically.
pub type Day = (i16, u8, u8);

impl PartialDate {
    /// The year.
    pub fn year(&self) -> i16 {
        self.year
    }

    /// Whether the date is known to the decade only (`2000s`).
    pub fn is_decade(&self) -> bool {
        self.decade
    }

    /// The first day of the period.
    pub fn start(&self) -> Day {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day of the period.
    pub fn end(&self) -> Day {
        if self.decade {
            return (self.year + 9, 12, 31);
        }
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }
}

impl PartialDate {
    /// The date as a number, for binary files; [`PartialDate::from_code`]
    /// reads it back.
    pub fn code(self) -> u32 {
        u32::from(self.year as u16)
            | u32::from(self.month.unwrap_or(0)) << 16
            | u32::from(self.day.unwrap_or(0)) << 20
            | u32::from(self.decade) << 25
    }

    /// The date whose [`PartialDate::code`] is `code`, if `code` is one.
    pub fn from_code(code: u32) -> Option<Self> {
        let year = (code & 0xFFFF) as u16 as i16;
        let month = ((code >> 16) & 0xF) as u8;
        let day = ((code >> 20) & 0x1F) as u8;
        let decade = code >> 25 == 1;
        if !(1..=9999).contains(&year) {
            return None;
        }
        let date = PartialDate {
            year,
            month: (month > 0).then_some(month),
            day: (day > 0).then_some(day),
            decade,
        };
        let valid = match (date.month, date.day) {
            _ if decade => month == 0 && day == 0 && year % 10 == 0 && year >= 10,
            (None, None) => true,
            (Some(m), None) => m <= 12,
            (Some(m), Some(d)) => m <= 12 && d <= days_in_month(year, m),
            (None, Some(_)) => false,
        };
        valid.then_some(date)
    }
}

fn days_in_month(year: i16, month: u8) -> u8 {
    jiff::civil::date(year, month as i8, 1).days_in_month() as u8
}

/// Why a text is not a partial date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

const EXPECTED: &str = "expected YYYY, YYYY-MM, YYYY-MM-DD or a decade such as 2000s";

fn number(part: &str, width: usize, what: &str, text: &str) -> Result<i32, DateError> {
    if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!(
            "'{text}' is not a date: the {what} must have {width} digits ({EXPECTED})"
        )));
    }
    part.parse()
        .map_err(|_| DateError(format!("'{text}' is not a date ({EXPECTED})")))
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match plain_iso(text) {
            Some(date) => Ok(date),
            None => read_fully(text),
        }
    }
}

/// `text` read the quick way when it is exactly `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` naming a date that exists, as nearly every date of a large
/// file is (two per relation); `None` for anything else, which
/// [`read_fully`] then reads or explains.
fn plain_iso(text: &str) -> Option<PartialDate> {
    let bytes = text.as_bytes();
    let number = |at: usize, width: usize| -> Option<u32> {
        bytes.get(at..at + width)?.iter().try_fold(0, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let dash = |at: usize| (bytes.get(at) == Some(&b'-')).then_some(());
    let year = number(0, 4)?;
    let (month, day) = match bytes.len() {
        4 => (0, 0),
        7 => {
            dash(4)?;
            (number(5, 2)?, 0)
        }
        10 => {
            dash(4)?;
            dash(7)?;
            (number(5, 2)?, number(8, 2)?)
        }
        _ => return None,
    };
    // Zero stands for "none" in a date's code: a written 00 is not plain.
    let month_ok = bytes.len() == 4 || (1..=12).contains(&month);
    let day_ok = bytes.len() < 10 || (1..=31).contains(&day);
    (month_ok && day_ok)
        .then(|| PartialDate::from_code(year | month << 16 | day << 20))
        .flatten()
}

/// `text` read as a partial date by every rule, with the reason when it
/// is not one.
fn read_fully(text: &str) -> Result<PartialDate, DateError> {
    if let Some(decade) = text.strip_suffix('s')
        && !decade.is_empty()
        && decade.bytes().all(|b| b.is_ascii_digit())
    {
        return decade_of(text, decade);
    }
    let written_otherwise =
        text.contains(['/', '.', ' ', ',']) || text.bytes().any(|b| b.is_ascii_alphabetic());
    if !written_otherwise {
        return strict(text);
    }
    Err(DateError(match probable_meaning(text) {
        Some(guess) => format!(
            "'{text}' is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD; did you mean {guess}?"
        ),
        None => format!(
            "'{text}' is not a date: write dates as YYYY, YYYY-MM or YYYY-MM-DD (for example 2023-06-19)"
        ),
    }))
}

/// What a date written another common way means, as YYYY, YYYY-MM or
/// YYYY-MM-DD, when that is unambiguous: `2023/06/19`, `19.06.2023`,
/// `13/06/2023` (day first, as it cannot be a month), `06/2023`,
/// `June 2023`, `19 June 2023`.
fn probable_meaning(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(['/', '.', ' ', '-', ','])
        .filter(|w| !w.is_empty())
        .collect();
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let small = |w: &str| {
        (1..=2)
            .contains(&w.len())
            .then(|| w.parse::<u8>().ok())
            .flatten()
    };
    let guess = match words.as_slice() {
        [y, m, d] if is_year(y) => Some(format!("{y}-{:02}-{:02}", small(m)?, small(d)?)),
        [d, m, y] if is_year(y) => {
            let (d, m) = match (small(d), small(m), month_named(m)) {
                (Some(d), _, Some(m)) => (d, m),
                (Some(d), Some(m), None) if d > 12 => (d, m),
                _ => return None,
            };
            Some(format!("{y}-{m:02}-{d:02}"))
        }
        [m, y] if is_year(y) => {
            let m = month_named(m).or_else(|| small(m))?;
            Some(format!("{y}-{m:02}"))
        }
        [y, m] if is_year(y) => Some(format!("{y}-{:02}", month_named(m).or_else(|| small(m))?)),
        _ => None,
    }?;
    (guess != text && strict(&guess).is_ok()).then_some(guess)
}

/// The month an English or Italian month name (or its first three letters) names.
fn month_named(word: &str) -> Option<u8> {
    const MONTHS: [[&str; 2]; 12] = [
        ["january", "gennaio"],
        ["february", "febbraio"],
        ["march", "marzo"],
        ["april", "aprile"],
        ["may", "maggio"],
        ["june", "giugno"],
        ["july", "luglio"],
        ["august", "agosto"],
        ["september", "settembre"],
        ["october", "ottobre"],
        ["november", "novembre"],
        ["december", "dicembre"],
    ];
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|names| names.iter().any(|name| name.starts_with(&word)))
        .map(|m| m as u8 + 1)
}

/// Parses the decade `YYY0s` (written `text`; `decade` without its `s`).
fn decade_of(text: &str, decade: &str) -> Result<PartialDate, DateError> {
    let year = number(decade, 4, "decade", text)?;
    if year % 10 != 0 || year < 10 {
        return Err(DateError(format!(
            "'{text}' is not a decade: write its first year, ending in 0, then s (2000s, 1990s)"
        )));
    }
    Ok(PartialDate {
        year: year as i16,
        month: None,
        day: None,
        decade: true,
    })
}

/// Parses exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn strict(text: &str) -> Result<PartialDate, DateError> {
    {
        let mut parts = text.splitn(4, '-');
        let year = number(parts.next().unwrap_or(""), 4, "year", text)?;
        let month = parts
            .next()
            .map(|p| number(p, 2, "month", text))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| number(p, 2, "day", text))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError(format!("'{text}' is not a date ({EXPECTED})")));
        }
        if year < 1 {
            return Err(DateError(format!(
                "'{text}' is not a date: year 0000 does not exist"
            )));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError(format!(
                "'{text}' is not a date: month {m:02} does not exist (months run 01 to 12)"
            )));
        }
        if let (Some(m), Some(d)) = (month, day) {
            jiff::civil::Date::new(year as i16, m as i8, d as i8).map_err(|_| {
                DateError(format!(
                    "'{text}' is not a date: {year:04}-{m:02} has no day {d:02} (it has {})",
                    days_in_month(year as i16, m as u8)
                ))
            })?;
        }
        Ok(PartialDate {
            year: year as i16,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
            decade: false,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if self.decade {
            return write!(f, "s");
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_are_read_the_quick_way_as_by_every_rule() {
        let mut quick = 0;
        let years = [
            "0000", "0001", "1900", "2000", "2023", "2024", "9999", "2o23", "-202",
        ];
        for year in years {
            let mut texts = vec![year.to_owned(), format!("{year}-"), format!("{year}/06")];
            for month in 0..=13 {
                texts.push(format!("{year}-{month:02}"));
                texts.push(format!("{year}-{month}"));
                for day in [0, 1, 9, 28, 29, 30, 31, 32] {
                    texts.push(format!("{year}-{month:02}-{day:02}"));
                    texts.push(format!("{year}-{month:02}-{day}"));
                    texts.push(format!("{year}-{month:02}/{day:02}"));
                }
            }
            for text in texts {
                let fully = read_fully(&text);
                let plain_form = matches!(text.len(), 4 | 7 | 10)
                    && text.bytes().enumerate().all(|(at, b)| {
                        if at == 4 || at == 7 {
                            b == b'-'
                        } else {
                            b.is_ascii_digit()
                        }
                    });
                assert_eq!(
                    plain_iso(&text).is_some(),
                    plain_form && fully.is_ok(),
                    "{text}"
                );
                if let Some(date) = plain_iso(&text) {
                    assert_eq!(Ok(date), fully, "{text}");
                    quick += 1;
                } else if text.len() >= 4 && text.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
                    // Whatever the full reading accepts, plain text or not,
                    // must come out the same through `from_str`.
                    assert_eq!(text.parse::<PartialDate>(), fully, "{text}");
                }
            }
        }
        assert!(quick > 500, "only {quick} dates read the quick way");
        assert_eq!(
            plain_iso("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        assert_eq!(plain_iso("2023-02-29"), None);
        assert_eq!(plain_iso("1990s"), None);
    }

    fn date(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_every_precision() {
        for text in [
            "2022",
            "2023-06",
            "2023-06-19",
            "0001-01-01",
            "2000s",
            "1990s",
        ] {
            assert_eq!(date(text).to_string(), text);
        }
    }

    #[test]
    fn rejects_impossible_dates_with_reasons() {
        let cases = [
            ("2023-13", "month 13 does not exist"),
            ("2023-02-30", "2023-02 has no day 30 (it has 28)"),
            ("2023-00", "month 00 does not exist"),
            ("23", "the year must have 4 digits"),
            ("2023-6", "the month must have 2 digits"),
            ("2023-06-19-01", "expected YYYY"),
            ("", "the year must have 4 digits"),
            ("0000", "year 0000 does not exist"),
            ("２０２３", "the year must have 4 digits"),
            ("2005s", "write its first year, ending in 0"),
            ("200s", "the decade must have 4 digits"),
            ("0000s", "write its first year"),
        ];
        for (text, reason) in cases {
            let err = text.parse::<PartialDate>().unwrap_err().to_string();
            assert!(err.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn dates_written_other_ways_suggest_what_was_meant() {
        let cases = [
            ("2023/06/19", Some("2023-06-19")),
            ("13/06/2023", Some("2023-06-13")),
            ("19.06.2023", Some("2023-06-19")),
            ("June 2023", Some("2023-06")),
            ("19 giugno 2023", Some("2023-06-19")),
            ("06/2023", Some("2023-06")),
            ("05/06/2023", None),
            ("2023/13/01", None),
            ("yesterday", None),
        ];
        for (text, meant) in cases {
            let err = text.parse::<PartialDate>().unwrap_err().to_string();
            assert!(
                err.contains("write dates as YYYY, YYYY-MM or YYYY-MM-DD"),
                "{text}: {err}"
            );
            match meant {
                Some(meant) => assert!(err.ends_with(&format!("did you mean {meant}?")), "{err}"),
                None => assert!(!err.contains("did you mean"), "{text}: {err}"),
            }
        }
    }

    #[test]
    fn leap_days_follow_the_calendar() {
        assert!("2024-02-29".parse::<PartialDate>().is_ok());
        assert!("2023-02-29".parse::<PartialDate>().is_err());
        assert!("1900-02-29".parse::<PartialDate>().is_err());
    }

    #[test]
    fn periods_cover_their_whole_span() {
        assert_eq!(date("2024").start(), (2024, 1, 1));
        assert_eq!(date("2024").end(), (2024, 12, 31));
        assert_eq!(date("2024-02").end(), (2024, 2, 29));
        assert_eq!(date("2023-06-19").end(), (2023, 6, 19));
        assert_eq!(date("1990s").end(), (1999, 12, 31));
    }

    #[test]
    fn partial_dates_sort_at_the_start_of_their_period() {
        let mut dates = [
            date("2023-06-19"),
            date("2023"),
            date("2023-06"),
            date("2022-12-31"),
        ];
        dates.sort();
        let sorted: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(sorted, ["2022-12-31", "2023", "2023-06", "2023-06-19"]);
    }
}
