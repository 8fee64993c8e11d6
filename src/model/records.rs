//! A dataset's relation records: parsed with the document, or read from
//! their place in the file the first time they are asked for.
//!
//! A question about a million relations reads few of their labels and
//! quotes; the fast JSON loader ([`super::read::json_fast`]) therefore keeps
//! each relation's place in the mapped file and parses the record only
//! when a command shows it.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::RelationIx;
use super::document::{Relation, Shown};
use super::read::json_walk;
use crate::diagnostic::SourceText;

/// What a thread panics with when a record read from the graph file no
/// longer parses, although the loader checked it: the file was changed
/// while relgraph ran. Reading a record has no error to return, so the
/// command line catches this panic and reports the change as an error
/// ([`crate::error::Error::GraphChanged`]); outputs being written are
/// dropped on the way, unfinished, and leave earlier ones as they were.
#[derive(Debug)]
pub struct FileChanged;

/// Every relation record of a dataset, in file order.
#[derive(Clone)]
pub enum Records {
    /// Parsed with the document.
    Parsed(Vec<Relation>),
    /// Parsed while the file was read, in batches of [`BATCH`] (the last
    /// one shorter), so that nothing is copied to put them end to end.
    Batches(Vec<Vec<Relation>>),
    /// Parsed from the file on demand.
    OnDemand(OnDemand),
}

/// How many records a [`Records::Batches`] batch holds, and how many
/// relations the fast loader checks together: enough to make handing them
/// to another core worth it, few enough to keep both cores busy.
pub const BATCH: usize = 16 * 1024;

/// Records still in the file's text, each parsed once, when first asked for.
#[derive(Clone)]
pub struct OnDemand {
    text: SourceText,
    /// Where each record is in `text`.
    spans: Vec<Span>,
    /// Records parsed one by one.
    parsed: Box<[OnceLock<Box<Relation>>]>,
    /// Batches of [`BATCH`] records parsed together, when many of a batch
    /// were asked for at once ([`Records::prefetch`]): one allocation for
    /// the batch instead of one per record.
    batches: Box<[OnceLock<Vec<Relation>>]>,
}

/// A batch is parsed whole when at least one in this many of its records
/// are asked for at once.
const DENSE: usize = 4;

/// Where a record is in the text: start and length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u64,
    len: u32,
}

impl Span {
    /// The span of no bytes at the start.
    pub const EMPTY: Span = Span { start: 0, len: 0 };

    /// The span of `part`, a slice of `whole`.
    ///
    /// Returns `None` when `part` is not inside `whole` or is 4 GiB or longer.
    pub fn within(whole: &[u8], part: &[u8]) -> Option<Span> {
        let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
        let end = start.checked_add(part.len())?;
        (end <= whole.len()).then_some(())?;
        Some(Span {
            start: start as u64,
            len: u32::try_from(part.len()).ok()?,
        })
    }

    /// The span starting at byte `start`, `len` bytes long, if its end is
    /// a position in memory.
    pub fn new(start: u64, len: u32) -> Option<Span> {
        let end = start.checked_add(u64::from(len))?;
        usize::try_from(end).ok()?;
        Some(Span { start, len })
    }

    /// Where it starts.
    pub fn start(self) -> u64 {
        self.start
    }

    /// How many bytes it covers.
    pub fn byte_len(self) -> u32 {
        self.len
    }

    /// The span as a range of byte positions.
    pub fn range(self) -> Range<usize> {
        let start = self.start as usize;
        start..start + self.len as usize
    }
}

impl OnDemand {
    /// Records at `spans` of `text`, each of which must parse as a
    /// [`Relation`] (the loader has parsed and checked every one).
    pub fn new(text: SourceText, spans: Vec<Span>) -> Self {
        let parsed = (0..spans.len()).map(|_| OnceLock::new()).collect();
        let batches = (0..spans.len().div_ceil(BATCH))
            .map(|_| OnceLock::new())
            .collect();
        OnDemand {
            text,
            spans,
            parsed,
            batches,
        }
    }

    /// Where each record is in the text.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    fn get(&self, index: usize) -> &Relation {
        // A record parsed alone stays the one lent out, even once its batch
        // is parsed too.
        if let Some(record) = self.parsed[index].get() {
            return record;
        }
        if let Some(batch) = self.batches[index / BATCH].get() {
            return &batch[index % BATCH];
        }
        self.parsed[index].get_or_init(|| Box::new(self.parse(index)))
    }

    /// Parses batch `n` whole, unless it is parsed already.
    fn parse_batch(&self, n: usize) {
        self.batches[n].get_or_init(|| {
            let end = self.spans.len().min((n + 1) * BATCH);
            (n * BATCH..end).map(|i| self.parse(i)).collect()
        });
    }

    /// Parses, on every core, the records of `indices` (in increasing
    /// order): whole batches where many of a batch are asked for, else one
    /// by one.
    fn prefetch(&self, indices: &[RelationIx]) {
        let mut dense = Vec::new();
        let mut sparse = Vec::new();
        for chunk in indices.chunk_by(|a, b| a.index() / BATCH == b.index() / BATCH) {
            if chunk.len() * DENSE >= BATCH {
                dense.push(chunk[0].index() / BATCH);
            } else {
                sparse.extend_from_slice(chunk);
            }
        }
        dense.par_iter().for_each(|&n| self.parse_batch(n));
        sparse.par_iter().with_min_len(1024).for_each(|&i| {
            self.get(i.index());
        });
    }

    fn parse(&self, index: usize) -> Relation {
        self.parse_as(index)
    }

    /// What record `index` shows, given to `read`: from the record kept if
    /// it was parsed and kept, else parsed from the text, borrowing its
    /// strings, and dropped.
    fn read<R>(&self, index: usize, read: impl FnOnce(&Shown<'_>) -> R) -> R {
        if let Some(record) = self.parsed[index].get() {
            return read(&record.shown());
        }
        if let Some(batch) = self.batches[index / BATCH].get() {
            return read(&batch[index % BATCH].shown());
        }
        let record = &self.text.as_bytes()[self.spans[index].range()];
        match json_walk::shown(record) {
            Some(shown) => read(&shown),
            None => read(&self.parse_as::<Shown<'_>>(index)),
        }
    }

    fn transient(&self, index: usize) -> Cow<'_, Relation> {
        if let Some(record) = self.parsed[index].get() {
            return Cow::Borrowed(record);
        }
        if let Some(batch) = self.batches[index / BATCH].get() {
            return Cow::Borrowed(&batch[index % BATCH]);
        }
        Cow::Owned(self.parse(index))
    }

    fn parse_as<'a, T: serde::Deserialize<'a>>(&'a self, index: usize) -> T {
        let bytes = &self.text.as_bytes()[self.spans[index].range()];
        // The loader parsed this very text as a `RelationRef`, whose fields
        // and rules are `Relation`'s (or the cache vouches, by the file's
        // hash, that it did): only a file changed on disk since can fail.
        serde_json::from_slice(bytes).unwrap_or_else(|_| std::panic::panic_any(FileChanged))
    }
}

impl Records {
    /// How many records there are.
    pub fn len(&self) -> usize {
        match self {
            Records::Parsed(records) => records.len(),
            Records::Batches(batches) => batches.iter().map(Vec::len).sum(),
            Records::OnDemand(on_demand) => on_demand.spans.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Record `index`.
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn get(&self, index: usize) -> &Relation {
        match self {
            Records::Parsed(records) => &records[index],
            Records::Batches(batches) => &batches[index / BATCH][index % BATCH],
            Records::OnDemand(on_demand) => on_demand.get(index),
        }
    }

    /// What record `index` shows, given to `read`, borrowed; a record still
    /// in the file is parsed for the call (only the fields it shows) and not
    /// kept, so that a command reading every record once (as `dot` does)
    /// holds only the ones it is reading.
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn read<R>(&self, index: usize, read: impl FnOnce(&Shown<'_>) -> R) -> R {
        match self {
            Records::Parsed(records) => read(&records[index].shown()),
            Records::Batches(batches) => read(&batches[index / BATCH][index % BATCH].shown()),
            Records::OnDemand(on_demand) => on_demand.read(index, read),
        }
    }

    /// Record `index`, whole: borrowed if it is kept, else parsed from the
    /// text for the caller, who drops it (nothing is kept), so that a
    /// command writing every record once (an export) holds only the ones it
    /// is writing.
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn transient(&self, index: usize) -> Cow<'_, Relation> {
        match self {
            Records::OnDemand(on_demand) => on_demand.transient(index),
            Records::Parsed(_) | Records::Batches(_) => Cow::Borrowed(self.get(index)),
        }
    }

    /// The text of the graph file the records are read from, when they are
    /// read from it on demand.
    pub fn source_text(&self) -> Option<&SourceText> {
        match self {
            Records::OnDemand(on_demand) => Some(&on_demand.text),
            Records::Parsed(_) | Records::Batches(_) => None,
        }
    }

    /// Parses, on every core, the records of `indices` not parsed yet: for
    /// commands about to show many of them.
    pub fn prefetch(&self, indices: &[RelationIx]) {
        if let Records::OnDemand(on_demand) = self {
            on_demand.prefetch(indices);
        }
    }

    /// Parses every record not parsed yet, on every core.
    pub fn prefetch_all(&self) {
        if let Records::OnDemand(on_demand) = self {
            (0..on_demand.batches.len())
                .into_par_iter()
                .for_each(|n| on_demand.parse_batch(n));
        }
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match self {
            Records::Parsed(_) | Records::Batches(_) => "parsed",
            Records::OnDemand(_) => "on demand",
        };
        write!(f, "{} records, {how}", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::json_scan::Scanner;

    #[test]
    fn a_record_that_no_longer_parses_is_a_changed_file() {
        let text = br#"{"id":"r1","source":"a"}"#.to_vec();
        let span = Span::within(&text, &text).unwrap();
        let mut changed = text.clone();
        changed[1] = b'!';
        let records = Records::OnDemand(OnDemand::new(SourceText::owned(changed), vec![span]));
        let panic = std::panic::catch_unwind(|| records.read(0, |shown| shown.id.len()))
            .expect_err("a record that no longer parses cannot be read");
        assert!(panic.is::<FileChanged>());
    }

    const TEXT: &str = r#"[{"id": "r1", "source": "A", "target": "B", "type": "t"},
        {"id": "r\u0032", "source": "B", "target": "A", "type": "t", "label": "x"}]"#;

    fn on_demand() -> Records {
        let text = SourceText::owned(TEXT.as_bytes().to_vec());
        let whole = text.as_bytes();
        let mut scanner = Scanner::new(whole);
        assert!(scanner.eat(b'['));
        let mut spans = vec![Span::within(whole, scanner.value().unwrap()).unwrap()];
        assert!(scanner.eat(b','));
        spans.push(Span::within(whole, scanner.value().unwrap()).unwrap());
        Records::OnDemand(OnDemand::new(text, spans))
    }

    #[test]
    fn records_on_demand_are_parsed_from_their_place() {
        let records = on_demand();
        assert_eq!(records.len(), 2);
        assert_eq!(records.get(1).id, "r2");
        assert_eq!(records.get(1).label.as_deref(), Some("x"));
        assert_eq!(records.get(0).target, "B");
    }

    #[test]
    fn records_parsed_for_the_caller_are_not_kept() {
        let records = on_demand();
        let record = records.transient(1);
        assert!(matches!(record, Cow::Owned(_)), "parsed for the call");
        assert_eq!(record.label.as_deref(), Some("x"));
        let Records::OnDemand(held) = &records else {
            unreachable!("built on demand")
        };
        assert!(held.parsed[1].get().is_none(), "not kept");
        records.get(1);
        assert!(
            matches!(records.transient(1), Cow::Borrowed(_)),
            "kept once asked for"
        );
        let parsed = Records::Parsed(vec![records.get(0).clone()]);
        assert!(matches!(parsed.transient(0), Cow::Borrowed(r) if r.id == "r1"));
    }

    #[test]
    fn records_read_without_keeping_them_show_what_they_say() {
        let records = on_demand();
        let label = records.read(1, |r| {
            (r.id.to_string(), r.label.as_deref().map(str::to_owned))
        });
        assert_eq!(label, ("r2".to_owned(), Some("x".to_owned())));
        let Records::OnDemand(held) = &records else {
            unreachable!("built on demand")
        };
        assert!(held.parsed[1].get().is_none(), "read, not kept");
        let text = records.source_text().expect("read from the text");
        assert!(text.as_bytes().starts_with(b"["), "the records' own text");
        let parsed = Records::Parsed(vec![records.get(1).clone()]);
        assert_eq!(parsed.read(0, |r| r.id.to_string()), "r2");
        assert!(parsed.source_text().is_none());
    }

    #[test]
    fn a_record_is_parsed_once() {
        let records = on_demand();
        let first: *const Relation = records.get(0);
        records.prefetch_all();
        assert!(std::ptr::eq(first, records.get(0)));
    }

    #[test]
    fn records_asked_for_together_are_parsed_by_the_batch() {
        let record =
            |i: usize| format!(r#"{{"id": "r{i}", "source": "A", "target": "B", "type": "t"}}"#);
        let items: Vec<String> = (0..BATCH + 3).map(record).collect();
        let text = SourceText::owned(format!("[{}]", items.join(",")).into_bytes());
        let whole = text.as_bytes();
        let mut scanner = Scanner::new(whole);
        assert!(scanner.eat(b'['));
        let mut spans = Vec::new();
        loop {
            spans.push(Span::within(whole, scanner.value().unwrap()).unwrap());
            if !scanner.eat(b',') {
                break;
            }
        }
        let on_demand = OnDemand::new(text.clone(), spans);
        let alone: *const Relation = on_demand.get(1);
        let every_other: Vec<_> = (0..BATCH + 3).step_by(2).map(RelationIx::new).collect();
        on_demand.prefetch(&every_other);
        assert!(
            on_demand.batches[0].get().is_some(),
            "half of the first batch"
        );
        assert!(on_demand.batches[1].get().is_none(), "two of three are few");
        assert!(on_demand.parsed[BATCH + 2].get().is_some());
        assert!(std::ptr::eq(alone, on_demand.get(1)));
        for i in [0, 2, BATCH - 1, BATCH, BATCH + 2] {
            assert_eq!(on_demand.get(i).id, format!("r{i}"));
        }
    }

    #[test]
    fn a_span_is_inside_its_text() {
        let whole = b"abcdef";
        assert_eq!(
            Span::within(whole, &whole[2..4]),
            Some(Span { start: 2, len: 2 })
        );
        assert_eq!(Span::within(&whole[..3], &whole[2..5]), None);
        assert_eq!(Span::within(&whole[2..], &whole[..1]), None);
    }
}
