//! The noise guards and filters every well-formed row goes through, in
//! order, and the key of the relation a kept row adds to.

use super::Options;
use super::row::{Code, DayNumber, Row};
use crate::model::PartialDate;

/// Why a well-formed row is not kept; each row is counted under the first
/// guard that drops it, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// `IsRootEvent` is 0 (without `--all-events`).
    NotRoot,
    /// An actor has no country code.
    NoCountry,
    /// Both actors have the same country code.
    SelfDyad,
    /// An actor is not among `--countries`.
    Countries,
    /// The root code is not among `--root-codes`.
    RootCodes,
    /// The day is outside `--from` and `--to`.
    Dates,
}

impl Guard {
    /// Every guard, in the order rows meet them.
    pub const ALL: [Guard; 6] = [
        Guard::NotRoot,
        Guard::NoCountry,
        Guard::SelfDyad,
        Guard::Countries,
        Guard::RootCodes,
        Guard::Dates,
    ];

    /// Its position in [`Guard::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How relations are bucketed in time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Period {
    /// One relation per calendar month (`2015-02`).
    #[default]
    Month,
    /// One relation per calendar year (`2015`).
    Year,
}

/// A relation's identity: actor-1 country, actor-2 country, root code and
/// period, packed so that keys sort in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(u64);

impl Key {
    /// The key of events of `actor1` towards `actor2` with root code `root`
    /// in `period` (a [`period_number`]).
    pub fn new(actor1: Code, actor2: Code, root: u8, period: u32) -> Key {
        let code = |c: Code| c.index() as u64;
        Key(code(actor1) << 40 | code(actor2) << 25 | u64::from(root) << 20 | u64::from(period))
    }

    /// The actor-1 country.
    pub fn actor1(self) -> Code {
        Code::from_index((self.0 >> 40) as usize)
    }

    /// The actor-2 country.
    pub fn actor2(self) -> Code {
        Code::from_index((self.0 >> 25 & 0x7fff) as usize)
    }

    /// The root code.
    pub fn root(self) -> u8 {
        (self.0 >> 20 & 0x1f) as u8
    }

    /// The period as written in the graph: `2015-02` or `2015`.
    pub fn period(self) -> String {
        let number = (self.0 & 0xfffff) as u32;
        match number % 13 {
            0 => format!("{:04}", number / 13),
            month => format!("{:04}-{month:02}", number / 13),
        }
    }
}

/// The period of `day` as a number: year × 13 + month, or year × 13 for
/// whole years (below 2²⁰ for every four-digit year).
pub fn period_number(day: DayNumber, period: Period) -> u32 {
    let (year, month) = (day / 10000, day / 100 % 100);
    match period {
        Period::Month => year * 13 + month,
        Period::Year => year * 13,
    }
}

/// The options every row is judged by, prepared for speed.
#[derive(Debug, Clone)]
pub struct Filters {
    all_events: bool,
    /// Per code, whether `--countries` lists it; `None` keeps every code.
    countries: Option<Vec<bool>>,
    /// Per root code, whether `--root-codes` lists it; `None` keeps all.
    roots: Option<[bool; 21]>,
    from: DayNumber,
    to: DayNumber,
    period: Period,
}

fn day_number((year, month, day): (i16, u8, u8)) -> DayNumber {
    (year.max(0) as u32) * 10000 + u32::from(month) * 100 + u32::from(day)
}

impl Filters {
    /// The filters `options` ask for.
    pub fn new(options: &Options) -> Self {
        let countries = options.countries.as_ref().map(|codes| {
            let mut listed = vec![false; Code::COUNT];
            for code in codes {
                listed[code.index()] = true;
            }
            listed
        });
        let roots = options.root_codes.as_ref().map(|codes| {
            let mut listed = [false; 21];
            for &code in codes {
                listed[usize::from(code).min(20)] = true;
            }
            listed
        });
        Filters {
            all_events: options.all_events,
            countries,
            roots,
            from: options
                .from
                .map_or(0, |d: PartialDate| day_number(d.start())),
            to: options.to.map_or(DayNumber::MAX, |d| day_number(d.end())),
            period: options.period,
        }
    }

    /// The key of the relation `row` adds to, or the first guard it fails.
    pub fn judge(&self, row: &Row) -> Result<Key, Guard> {
        if !row.root_event && !self.all_events {
            return Err(Guard::NotRoot);
        }
        let (Some(actor1), Some(actor2)) = (row.actor1, row.actor2) else {
            return Err(Guard::NoCountry);
        };
        if actor1 == actor2 {
            return Err(Guard::SelfDyad);
        }
        if let Some(listed) = &self.countries
            && !(listed[actor1.index()] && listed[actor2.index()])
        {
            return Err(Guard::Countries);
        }
        if let Some(listed) = &self.roots
            && !listed[usize::from(row.root)]
        {
            return Err(Guard::RootCodes);
        }
        if row.day < self.from || row.day > self.to {
            return Err(Guard::Dates);
        }
        let period = period_number(row.day, self.period);
        Ok(Key::new(actor1, actor2, row.root, period))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::gdelt::row::parse;
    use crate::model::read::gdelt::row::tests::row_v2;

    fn judged(options: &Options, values: &[(usize, &str)]) -> Result<Key, Guard> {
        let line = row_v2(values);
        Filters::new(options).judge(&parse(line.as_bytes()).unwrap())
    }

    fn code(text: &str) -> Code {
        Code::parse(text.as_bytes()).unwrap()
    }

    #[test]
    fn keys_hold_their_parts() {
        let key = Key::new(
            code("ZZZ"),
            code("AAB"),
            20,
            period_number(99991231, Period::Month),
        );
        assert_eq!(
            (key.actor1(), key.actor2(), key.root()),
            (code("ZZZ"), code("AAB"), 20)
        );
        assert_eq!(key.period(), "9999-12");
        let year = Key::new(
            code("RUS"),
            code("UKR"),
            1,
            period_number(20150218, Period::Year),
        );
        assert_eq!(year.period(), "2015");
        assert!(
            Key::new(code("AAA"), code("ZZZ"), 20, 0) < Key::new(code("AAB"), code("AAA"), 1, 0)
        );
    }

    #[test]
    fn periods_bucket_days_by_month_or_year() {
        let key = judged(&Options::default(), &[(1, "20150228")]).unwrap();
        assert_eq!(key.period(), "2015-02");
        let yearly = Options {
            period: Period::Year,
            ..Options::default()
        };
        assert_eq!(
            judged(&yearly, &[(1, "20151231")]).unwrap().period(),
            "2015"
        );
    }

    #[test]
    fn each_guard_drops_its_rows() {
        let all = Options::default();
        assert!(judged(&all, &[]).is_ok());
        assert_eq!(judged(&all, &[(25, "0")]), Err(Guard::NotRoot));
        let all_events = Options {
            all_events: true,
            ..Options::default()
        };
        assert!(judged(&all_events, &[(25, "0")]).is_ok());
        assert_eq!(judged(&all, &[(7, "")]), Err(Guard::NoCountry));
        assert_eq!(judged(&all, &[(17, "")]), Err(Guard::NoCountry));
        assert_eq!(judged(&all, &[(17, "RUS")]), Err(Guard::SelfDyad));
        // A non-root event is counted as such before its missing country.
        assert_eq!(judged(&all, &[(25, "0"), (7, "")]), Err(Guard::NotRoot));
    }

    #[test]
    fn filters_keep_only_what_they_list() {
        let countries = Options {
            countries: Some(vec![code("RUS"), code("UKR")]),
            ..Options::default()
        };
        assert!(judged(&countries, &[]).is_ok());
        assert_eq!(judged(&countries, &[(17, "USA")]), Err(Guard::Countries));
        let roots = Options {
            root_codes: Some(vec![18, 19]),
            ..Options::default()
        };
        assert_eq!(judged(&roots, &[]), Err(Guard::RootCodes));
        assert!(judged(&roots, &[(28, "19")]).is_ok());
        let dates = Options {
            from: Some("2015-02".parse().unwrap()),
            to: Some("2015".parse().unwrap()),
            ..Options::default()
        };
        assert!(judged(&dates, &[(1, "20150201")]).is_ok());
        assert!(judged(&dates, &[(1, "20151231")]).is_ok());
        assert_eq!(judged(&dates, &[(1, "20150131")]), Err(Guard::Dates));
        assert_eq!(judged(&dates, &[(1, "20160101")]), Err(Guard::Dates));
    }
}
