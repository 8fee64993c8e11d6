//! The relations of a [`super::DocumentView`]: records held in memory, or
//! records of a loaded dataset read from the graph file as they are written.
//!
//! An export of a million relations writes each record once; reading each
//! from the mapped file when it is written, and dropping it after, holds a
//! window of records instead of all of them (about 350 MiB at 1,000,000
//! relations).

use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;
use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::{Dataset, Relation, RelationIx};

/// How many records [`RelationList::try_windows`] reads at a time (few in
/// unit tests, so that small graphs span several windows).
pub const WINDOW: usize = if cfg!(test) { 64 } else { 16 * 1024 };

/// The relations of a view, in order.
#[derive(Clone)]
pub enum RelationList<'a> {
    /// Records held in memory.
    Held(Vec<&'a Relation>),
    /// The records of `data` at `indices`, each read when it is asked for
    /// and not kept ([`super::records::Records::transient`]).
    Read {
        /// The dataset the records are of.
        data: &'a Dataset,
        /// Which of its relations, in order.
        indices: Vec<RelationIx>,
    },
}

impl<'a> RelationList<'a> {
    /// How many relations it holds.
    pub fn len(&self) -> usize {
        match self {
            RelationList::Held(records) => records.len(),
            RelationList::Read { indices, .. } => indices.len(),
        }
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The type id of relation `n`, without reading its record.
    ///
    /// # Panics
    /// When `n` is out of range.
    pub fn type_id(&self, n: usize) -> &'a str {
        match self {
            RelationList::Held(records) => records[n].relation_type.as_str(),
            RelationList::Read { data, indices } => data.relation_type(indices[n]).id.as_str(),
        }
    }

    /// The relations at `positions`, in that order, read on this thread.
    ///
    /// # Panics
    /// When a position is out of range.
    pub fn records(&self, positions: Range<usize>) -> Vec<Cow<'a, Relation>> {
        positions.map(|n| self.record(n)).collect()
    }

    /// Calls `each` with every relation, in order, a window of at most
    /// [`WINDOW`] at a time, the window's records read on every core.
    /// Stops at the first error `each` returns.
    pub fn try_windows<E>(&self, each: impl FnMut(&[&Relation]) -> Result<(), E>) -> Result<(), E> {
        self.try_windows_in(0..self.len(), each)
    }

    /// Calls `each` with the relations at `positions`, in that order, as
    /// [`RelationList::try_windows`] does; the next window is read while
    /// `each` has the last.
    ///
    /// # Panics
    /// When a position is out of range.
    pub fn try_windows_in<E>(
        &self,
        positions: impl IntoIterator<Item = usize>,
        mut each: impl FnMut(&[&Relation]) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut positions = positions.into_iter();
        let mut next_window = || -> Vec<usize> { positions.by_ref().take(WINDOW).collect() };
        let mut current = self.read_window(&next_window());
        while !current.is_empty() {
            let window = next_window();
            let mut next = Vec::new();
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| next = self.read_window(&window));
                let borrowed: Vec<&Relation> = current.iter().map(AsRef::as_ref).collect();
                each(&borrowed)
            })?;
            current = next;
        }
        Ok(())
    }

    /// The relations at `positions`, read on every core.
    fn read_window(&self, positions: &[usize]) -> Vec<Cow<'a, Relation>> {
        match self {
            RelationList::Held(_) => positions.iter().map(|&n| self.record(n)).collect(),
            RelationList::Read { .. } => positions
                .par_iter()
                .with_min_len(256)
                .map(|&n| self.record(n))
                .collect(),
        }
    }

    fn record(&self, n: usize) -> Cow<'a, Relation> {
        match self {
            RelationList::Held(records) => Cow::Borrowed(records[n]),
            RelationList::Read { data, indices } => data.records.transient(indices[n].index()),
        }
    }
}

impl std::fmt::Debug for RelationList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let how = match self {
            RelationList::Held(_) => "held",
            RelationList::Read { .. } => "read from the file",
        };
        write!(f, "{} relations, {how}", self.len())
    }
}

/// Serialised as the list of records, read a window at a time.
impl Serialize for RelationList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        self.try_windows(|window| {
            window
                .iter()
                .try_for_each(|relation| seq.serialize_element(relation))
        })?;
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::parse;

    const GRAPH: &str = r#"{"title": "t",
      "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p", "published": "2024", "language": "en"}],
      "relation_types": [{"id": "ally", "label": "Ally", "polarity": "cooperative", "directed": false},
        {"id": "trade", "label": "Trade", "polarity": "neutral", "directed": true}],
      "entities": [{"id": "a", "name": "A", "kind": "country"}, {"id": "b", "name": "B", "kind": "country"}],
      "relations": [
        {"id": "r1", "source": "a", "target": "b", "type": "ally", "label": "one", "evidence": [{"source": "s", "quote": "q1"}]},
        {"id": "r2", "source": "b", "target": "a", "type": "trade", "evidence": [{"source": "s", "quote": "q2"}]},
        {"id": "r3", "source": "a", "target": "b", "type": "trade", "label": "three", "evidence": [{"source": "s", "quote": "q3"}]}]}"#;

    fn read_from_file(data: &Dataset) -> RelationList<'_> {
        RelationList::Read {
            data,
            indices: vec![RelationIx(2), RelationIx(0)],
        }
    }

    /// The records at 2 and 0 of `data`, parsed and kept.
    fn held(data: &Dataset) -> RelationList<'_> {
        RelationList::Held(vec![
            data.relation(RelationIx(2)),
            data.relation(RelationIx(0)),
        ])
    }

    #[test]
    fn relations_read_from_the_file_are_those_held() {
        let data = parse("t.json", GRAPH.as_bytes()).unwrap();
        assert!(
            data.records.source_text().is_some(),
            "records read from the file"
        );
        let read = read_from_file(&data);
        assert_eq!(read.len(), 2);
        assert_eq!(read.type_id(0), "trade");
        let written = serde_json::to_string(&read).unwrap();
        let ids: Vec<_> = read.records(0..2).iter().map(|r| r.id.clone()).collect();
        assert!(
            read.records(0..1)
                .iter()
                .all(|r| matches!(r, Cow::Owned(_)))
        );
        let held = held(&data);
        assert_eq!(held.type_id(1), "ally");
        assert_eq!(written, serde_json::to_string(&held).unwrap());
        assert_eq!(ids, ["r3", "r1"]);
    }

    #[test]
    fn windows_follow_the_positions_given() {
        let data = parse("t.json", GRAPH.as_bytes()).unwrap();
        let positions = (0..3 * WINDOW + 5).map(|n| n * n % 7 % 2);
        let expected: Vec<_> = positions.clone().map(|n| ["r3", "r1"][n]).collect();
        let in_windows = |list: &RelationList<'_>| {
            let mut seen = Vec::new();
            list.try_windows_in(positions.clone(), |window| {
                assert!(window.len() <= WINDOW);
                seen.extend(window.iter().map(|r| r.id.clone()));
                Ok::<_, ()>(())
            })
            .unwrap();
            seen
        };
        let read = read_from_file(&data);
        assert_eq!(in_windows(&read), expected, "read from the file");
        assert_eq!(in_windows(&held(&data)), expected, "held");
        let stopped = read.try_windows(|_| Err("full"));
        assert_eq!(stopped, Err("full"));
    }
}
