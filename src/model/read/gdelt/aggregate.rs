//! The one thing an import keeps in memory as it reads: per relation key
//! (actor-1 country, actor-2 country, root code, period), the counts of its
//! events and up to [`CITED`] of them as evidence; and the set of
//! `GLOBALEVENTID`s kept so far, so that each event counts once.

use rustc_hash::{FxHashMap, FxHashSet};

use super::chunk::Event;
use super::filter::Key;
use super::row::DayNumber;

/// How many events of a relation are cited as evidence, at most.
pub const CITED: usize = 5;

/// An event cited as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// `GLOBALEVENTID`.
    pub id: u64,
    /// The file it was read from (its position in the list).
    pub file: usize,
    /// `SOURCEURL`, when the row has one.
    pub url: Option<Box<str>>,
}

/// What is known of one relation so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// Events counted.
    pub events: u64,
    /// `NumMentions`, summed.
    pub mentions: u64,
    /// `NumSources`, summed.
    pub sources: u64,
    /// `GoldsteinScale`, summed.
    pub goldstein: f64,
    /// The earliest day.
    pub first: DayNumber,
    /// The latest day.
    pub last: DayNumber,
    /// The first events with distinct `SOURCEURL`s, in reading order.
    pub cited: Vec<Cited>,
}

impl Tie {
    fn new(day: DayNumber) -> Self {
        Tie {
            events: 0,
            mentions: 0,
            sources: 0,
            goldstein: 0.0,
            first: day,
            last: day,
            cited: Vec::new(),
        }
    }

    fn add(&mut self, event: &Event, url: Option<&str>, file: usize) {
        self.events += 1;
        self.mentions += u64::from(event.mentions);
        self.sources += u64::from(event.sources);
        self.goldstein += f64::from(event.goldstein);
        self.first = self.first.min(event.day);
        self.last = self.last.max(event.day);
        let new_url = || url.is_none() || self.cited.iter().all(|c| c.url.as_deref() != url);
        if self.cited.len() < CITED && new_url() {
            self.cited.push(Cited {
                id: event.id,
                file,
                url: url.map(Box::from),
            });
        }
    }

    /// The mean `GoldsteinScale` of its events.
    pub fn mean_goldstein(&self) -> f64 {
        self.goldstein / self.events.max(1) as f64
    }
}

/// Every relation seen so far, and every event kept.
#[derive(Debug, Default)]
pub struct Aggregate {
    /// The relations by key.
    pub ties: FxHashMap<Key, Tie>,
    /// `GLOBALEVENTID`s of the events kept.
    seen: FxHashSet<u64>,
}

impl Aggregate {
    /// Adds `event` of `file`, whose chunk is `bytes`, unless an event with
    /// its `GLOBALEVENTID` was kept before: then it returns `false`.
    pub fn add(&mut self, event: &Event, bytes: &[u8], file: usize) -> bool {
        if !self.seen.insert(event.id) {
            return false;
        }
        let url = event
            .url
            .clone()
            .and_then(|range| std::str::from_utf8(&bytes[range]).ok());
        self.ties
            .entry(event.key)
            .or_insert_with(|| Tie::new(event.day))
            .add(event, url, file);
        true
    }

    /// Forgets the kept `GLOBALEVENTID`s, once every file is read.
    pub fn forget_events(&mut self) {
        self.seen = FxHashSet::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::gdelt::filter::{Period, period_number};
    use crate::model::read::gdelt::row::Code;

    fn event(id: u64, day: DayNumber, url: Option<std::ops::Range<usize>>) -> Event {
        let code = |t: &str| Code::parse(t.as_bytes()).unwrap();
        Event {
            id,
            key: Key::new(
                code("RUS"),
                code("UKR"),
                15,
                period_number(day, Period::Month),
            ),
            day,
            goldstein: -7.0,
            mentions: 3,
            sources: 2,
            url,
        }
    }

    #[test]
    fn events_count_once_and_sum_up() {
        let bytes = b"http://a http://b";
        let mut aggregate = Aggregate::default();
        assert!(aggregate.add(&event(1, 20150210, Some(0..8)), bytes, 0));
        assert!(!aggregate.add(&event(1, 20150210, Some(0..8)), bytes, 1));
        assert!(aggregate.add(&event(2, 20150203, Some(0..8)), bytes, 0));
        assert!(aggregate.add(&event(3, 20150227, Some(9..17)), bytes, 1));
        assert_eq!(aggregate.ties.len(), 1);
        let tie = aggregate.ties.values().next().unwrap();
        assert_eq!((tie.events, tie.mentions, tie.sources), (3, 9, 6));
        assert_eq!((tie.first, tie.last), (20150203, 20150227));
        assert_eq!(tie.mean_goldstein(), -7.0);
        let cited: Vec<(u64, Option<&str>)> =
            tie.cited.iter().map(|c| (c.id, c.url.as_deref())).collect();
        assert_eq!(cited, [(1, Some("http://a")), (3, Some("http://b"))]);
    }

    #[test]
    fn at_most_five_events_are_cited() {
        let mut aggregate = Aggregate::default();
        for id in 0..10 {
            aggregate.add(&event(id, 20150210, None), b"", 0);
        }
        let tie = aggregate.ties.values().next().unwrap();
        assert_eq!(tie.cited.len(), CITED);
        assert_eq!(tie.events, 10);
    }

    #[test]
    fn months_make_separate_relations() {
        let mut aggregate = Aggregate::default();
        aggregate.add(&event(1, 20150131, None), b"", 0);
        aggregate.add(&event(2, 20150201, None), b"", 0);
        assert_eq!(aggregate.ties.len(), 2);
    }
}
