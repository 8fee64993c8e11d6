//! The fast way to load a clean `graph.json`: relations checked side by
//! side on every core, their records left in the file until asked for.
//!
//! A scanner ([`super::json_scan`]) walks the file and finds each relation's
//! text; batches of relations go to the other cores as they are found, are
//! parsed there with their strings borrowed from the file, and are checked
//! by [`validate`](crate::model::validate)'s own checks ([`RelationChecker`]).
//! Only what every command needs is kept: one [`Link`] per relation and
//! where its record is ([`Records::OnDemand`]), or, for commands that show
//! every record, the records parsed ([`Records::Batches`]).
//!
//! This path only ever proves a file clean. At the first problem of any
//! kind, error or warning, it gives up and the full reader
//! ([`super::json::JsonReader`]) reads the file again to find, place and
//! report every problem. So a command answers only from a file that
//! `relgraph validate` finds without a problem, or from one whose
//! problems are only warnings, read by the full reader.

use std::hash::{Hash, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Origins;
use super::json_scan::Scanner;
use crate::diagnostic::{Diagnostics, SourceText};
use crate::model::document::{
    Conflict, Document, Entity, Relation, RelationRef, RelationType, Source,
};
use crate::model::records::{BATCH, OnDemand, Records, Span};
use crate::model::validate::{RelationChecker, check_after_relations, check_before_relations};
use crate::model::{Dataset, EntityIx, InferredFacts, Link, NameIndex, TypeIx};
use rayon::prelude::*;
use rustc_hash::FxHasher;

/// Which relation records a command reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// A few (partners, rankings, paths): each record is parsed from the
    /// file when first asked for ([`Records::OnDemand`]).
    Few,
    /// Every one (diagrams, exports, reports): all are parsed while the
    /// file is read, on every core ([`Records::Batches`]).
    All,
}

/// What checking some of the relations yields.
struct Part {
    /// The index of its first relation.
    first: usize,
    links: Vec<Link>,
    spans: Vec<Span>,
    /// The records, parsed, when every record is wanted.
    records: Vec<Relation>,
    /// The hash of each relation's id, with the relation's index.
    ids: Vec<(u64, u32)>,
}

/// Loads the graph file `text`, called `origin`, if it has no problem at
/// all; `None` otherwise, or if it is too big for this path.
pub fn load_clean(origin: &str, text: &SourceText, wanted: Wanted) -> Option<Dataset> {
    let whole = text.as_bytes();
    let origins = Origins::default();
    let reader = FileReader {
        whole,
        origins: &origins,
        wanted,
    };
    let Read { doc, names, joined } = reader.read()?;
    let Joined {
        links,
        spans,
        mut ids,
        records,
        ..
    } = joined.finish()?;
    u32::try_from(links.len()).ok()?;
    ids.par_sort_unstable();
    if has_duplicate(&ids, &spans, whole) {
        return None;
    }
    let problems = check_after_relations(&doc, &origins, &|id| find(&ids, &spans, whole, id));
    if !problems.is_empty() {
        return None;
    }
    let records = match wanted {
        Wanted::Few => Records::OnDemand(OnDemand::new(text.clone(), spans)),
        Wanted::All => Records::Batches(records.into_iter().map(|(_, batch)| batch).collect()),
    };
    Some(Dataset {
        origin: origin.to_owned(),
        doc,
        records,
        links,
        names,
        warnings: Diagnostics::none(origin),
        sha256: None,
    })
}

/// A file read, its relations checked (their own problems only: uniqueness
/// of ids and conflicts are checked once all are read).
struct Read {
    /// The document without its relations.
    doc: Document,
    names: NameIndex,
    joined: Joined,
}

/// The fields read so far.
#[derive(Default)]
struct Fields<'a> {
    title: Option<String>,
    description: Option<Option<String>>,
    sources: Option<Vec<Source>>,
    relation_types: Option<Vec<RelationType>>,
    entities: Option<Vec<Entity>>,
    conflicts: Option<Vec<Conflict>>,
    /// Relations read before the types and entities they refer to, still raw.
    raw_relations: Option<Vec<&'a [u8]>>,
    /// Relations checked as they were read, and the name index made for it.
    checked: Option<(Joined, NameIndex)>,
}

/// Sets `field` to `value`, refusing a field given twice.
fn once<T>(field: &mut Option<T>, value: T) -> Option<()> {
    field.replace(value).is_none().then_some(())
}

/// The value `bytes` hold, parsed in full.
fn parse<'a, T: serde::Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    serde_json::from_slice(bytes).ok()
}

/// Reads a graph file: the top-level object's fields as [`Document`]'s,
/// relations checked as they are found.
struct FileReader<'a, 'o> {
    whole: &'a [u8],
    origins: &'o Origins,
    wanted: Wanted,
}

impl<'a> FileReader<'a, '_> {
    fn read(&self) -> Option<Read> {
        let mut scanner = Scanner::new(self.whole);
        scanner.eat(b'{').then_some(())?;
        let mut fields = Fields::default();
        if !scanner.eat(b'}') {
            loop {
                let key: String = parse(scanner.value()?)?;
                scanner.eat(b':').then_some(())?;
                self.field(&key, &mut fields, &mut scanner)?;
                if scanner.eat(b'}') {
                    break;
                }
                scanner.eat(b',').then_some(())?;
            }
        }
        scanner.at_end().then_some(())?;
        self.finish(fields)
    }

    /// Reads the value of the field `key`.
    fn field(&self, key: &str, fields: &mut Fields<'a>, scanner: &mut Scanner<'a>) -> Option<()> {
        let relations_read = fields.checked.is_some() || fields.raw_relations.is_some();
        match key {
            "title" => once(&mut fields.title, parse(scanner.value()?)?),
            "description" => once(&mut fields.description, parse(scanner.value()?)?),
            // Relations checked without the sources they cite would be wrong.
            "sources" if fields.checked.is_some() => None,
            "sources" => once(&mut fields.sources, parse(scanner.value()?)?),
            "relation_types" => once(&mut fields.relation_types, parse(scanner.value()?)?),
            "entities" => once(&mut fields.entities, parse(scanner.value()?)?),
            "conflicts" => once(&mut fields.conflicts, parse(scanner.value()?)?),
            "relations" if relations_read => None,
            "relations" if fields.relation_types.is_some() && fields.entities.is_some() => {
                fields.checked = Some(self.check_while_reading(fields, scanner)?);
                Some(())
            }
            "relations" => {
                let mut raw = Vec::new();
                list(scanner, |item| {
                    raw.push(item);
                    Some(())
                })?;
                fields.raw_relations = Some(raw);
                Some(())
            }
            _ => None,
        }
    }

    /// Reads the relations, handing each batch to another core to check
    /// while reading on.
    fn check_while_reading(
        &self,
        fields: &mut Fields<'a>,
        scanner: &mut Scanner<'a>,
    ) -> Option<(Joined, NameIndex)> {
        let known = Document {
            title: String::new(),
            description: None,
            sources: fields.sources.take().unwrap_or_default(),
            relation_types: fields.relation_types.take().unwrap_or_default(),
            entities: fields.entities.take().unwrap_or_default(),
            relations: Vec::new(),
            conflicts: Vec::new(),
        };
        let (checker, names) = check_before_relations(&known, self.origins);
        if !checker.problems().is_empty() {
            return None;
        }
        let joined = Mutex::new(Joined::default());
        let failed = AtomicBool::new(false);
        let (whole, wanted) = (self.whole, self.wanted);
        let read = rayon::in_place_scope(|scope| {
            let mut batch = Vec::with_capacity(BATCH);
            let mut first = 0;
            let (checker, joined, failed) = (&checker, &joined, &failed);
            let spawn = |first: usize, batch: Vec<&'a [u8]>| {
                scope.spawn(move |_| {
                    match check_part(checker.fork(), first, &batch, whole, wanted) {
                        Some(part) => joined.lock().expect("no check panics").take(part),
                        None => failed.store(true, Ordering::Relaxed),
                    }
                });
            };
            list(scanner, |item| {
                batch.push(item);
                if batch.len() == BATCH {
                    if failed.load(Ordering::Relaxed) {
                        return None;
                    }
                    if first == 0 {
                        let expected = expected_relations(whole, &batch);
                        joined.lock().expect("no check panics").reserve(expected);
                    }
                    spawn(
                        first,
                        std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                    );
                    first += BATCH;
                }
                Some(())
            })?;
            spawn(first, batch);
            Some(())
        });
        drop(checker);
        fields.sources = Some(known.sources);
        fields.relation_types = Some(known.relation_types);
        fields.entities = Some(known.entities);
        read?;
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        let joined = joined.into_inner().unwrap_or_default();
        Some((joined, names))
    }

    /// The document and its checked relations, if everything read is clean.
    fn finish(&self, fields: Fields<'_>) -> Option<Read> {
        let doc = Document {
            title: fields.title?,
            description: fields.description.flatten(),
            sources: fields.sources.unwrap_or_default(),
            relation_types: fields.relation_types?,
            entities: fields.entities?,
            relations: Vec::new(),
            conflicts: fields.conflicts.unwrap_or_default(),
        };
        let (joined, names) = match (fields.checked, fields.raw_relations) {
            (Some(checked), _) => checked,
            (None, Some(raw)) => {
                let (checker, names) = check_before_relations(&doc, self.origins);
                if !checker.problems().is_empty() {
                    return None;
                }
                let parts: Vec<Part> = raw
                    .par_chunks(BATCH)
                    .enumerate()
                    .map(|(n, batch)| {
                        check_part(checker.fork(), n * BATCH, batch, self.whole, self.wanted)
                    })
                    .collect::<Option<_>>()?;
                let mut joined = Joined::default();
                joined.reserve(raw.len());
                parts.into_iter().for_each(|part| joined.take(part));
                (joined, names)
            }
            (None, None) => return None,
        };
        Some(Read { doc, names, joined })
    }
}

/// Calls `each` with every item of the list that comes next; `None` if it
/// is not a list, or when `each` says so.
fn list<'a>(scanner: &mut Scanner<'a>, mut each: impl FnMut(&'a [u8]) -> Option<()>) -> Option<()> {
    scanner.eat(b'[').then_some(())?;
    if scanner.eat(b']') {
        return Some(());
    }
    loop {
        each(scanner.value()?)?;
        if scanner.eat(b']') {
            return Some(());
        }
        scanner.eat(b',').then_some(())?;
    }
}

/// Checks the relations of a batch, the first of which is relation `first`.
fn check_part(
    mut checker: RelationChecker<'_>,
    first: usize,
    relations: &[&[u8]],
    whole: &[u8],
    wanted: Wanted,
) -> Option<Part> {
    let mut part = Part {
        first,
        links: Vec::with_capacity(relations.len()),
        spans: Vec::with_capacity(relations.len()),
        records: Vec::with_capacity(if wanted == Wanted::All {
            relations.len()
        } else {
            0
        }),
        ids: Vec::with_capacity(relations.len()),
    };
    for (offset, raw) in relations.iter().enumerate() {
        let index = first + offset;
        // One check of the whole record is cheaper than one per string.
        let text = std::str::from_utf8(raw).ok()?;
        let id = match wanted {
            Wanted::Few => {
                let relation: RelationRef = serde_json::from_str(text).ok()?;
                part.links.push(checker.check(index, &relation));
                hash(&relation.id)
            }
            Wanted::All => {
                let relation: Relation = serde_json::from_str(text).ok()?;
                part.links.push(checker.check(index, &relation.borrowed()));
                let id = hash(&relation.id);
                part.records.push(relation);
                id
            }
        };
        if !checker.problems().is_empty() {
            return None;
        }
        part.spans.push(Span::within(whole, raw)?);
        part.ids.push((id, u32::try_from(index).ok()?));
    }
    Some(part)
}

/// The parts' results, end to end, put in place as each part is checked:
/// the part is then dropped, and its memory serves the next parts, instead
/// of every part being kept until all are joined (which took as much fresh
/// memory again, and fresh memory is slow to come by).
#[derive(Default)]
struct Joined {
    links: Vec<Link>,
    spans: Vec<Span>,
    ids: Vec<(u64, u32)>,
    /// The parts' records, a batch each, with the index of its first
    /// relation.
    records: Vec<(usize, Vec<Relation>)>,
    /// How many relations the parts taken so far cover.
    taken: usize,
}

/// What a place holds until its part is taken; every place is filled once
/// all parts are ([`Joined::finish`] checks it).
const UNSET_LINK: Link = Link {
    source: EntityIx(0),
    target: EntityIx(0),
    relation_type: TypeIx(0),
    weight: 0.0,
    since: None,
    until: None,
    event: false,
    inferred: InferredFacts {
        parties: false,
        date: false,
        direction: false,
    },
};

impl Joined {
    /// Makes room for about `relations` relations at once.
    fn reserve(&mut self, relations: usize) {
        self.links.reserve_exact(relations);
        self.spans.reserve_exact(relations);
        self.ids.reserve_exact(relations);
    }

    /// Puts `part` in its place.
    fn take(&mut self, part: Part) {
        let range = part.first..part.first + part.links.len();
        if self.links.len() < range.end {
            self.links.resize(range.end, UNSET_LINK);
            self.spans.resize(range.end, Span::EMPTY);
            self.ids.resize(range.end, (0, 0));
        }
        self.links[range.clone()].copy_from_slice(&part.links);
        self.spans[range.clone()].copy_from_slice(&part.spans);
        self.ids[range.clone()].copy_from_slice(&part.ids);
        self.records.push((part.first, part.records));
        self.taken += range.len();
    }

    /// Every relation's results, in file order, with the records in
    /// batches in order; `None` if some place was never filled.
    fn finish(mut self) -> Option<Joined> {
        (self.taken == self.links.len()).then_some(())?;
        self.records.sort_unstable_by_key(|&(first, _)| first);
        Some(self)
    }
}

/// How many relations to make room for: about how many the file holds,
/// from the size of the first `batch` of them and what is left of the file
/// after it, and an eighth more, as later relations may be shorter.
fn expected_relations(whole: &[u8], batch: &[&[u8]]) -> usize {
    let (Some(first), Some(last)) = (batch.first(), batch.last()) else {
        return 0;
    };
    let start = first.as_ptr() as usize - whole.as_ptr() as usize;
    let end = last.as_ptr() as usize + last.len() - whole.as_ptr() as usize;
    let per_relation = (end - start).div_ceil(batch.len()).max(1);
    let estimate = batch.len() + (whole.len() - end) / per_relation;
    // Room beyond the estimate costs nothing until used; too little room
    // costs a copy of everything.
    estimate + estimate / 8
}

fn hash(id: &str) -> u64 {
    let mut hasher = FxHasher::default();
    id.hash(&mut hasher);
    hasher.finish()
}

/// The id of the relation at `span`, read again from the file (only when
/// two ids hash alike).
fn id_at(whole: &[u8], span: Span) -> Option<String> {
    let relation: RelationRef = serde_json::from_slice(&whole[span.range()]).ok()?;
    Some(relation.id.0.into_owned())
}

/// Whether two relations share an id, given their ids' hashes sorted.
fn has_duplicate(ids: &[(u64, u32)], spans: &[Span], whole: &[u8]) -> bool {
    ids.par_chunk_by(|a, b| a.0 == b.0)
        .filter(|same_hash| same_hash.len() > 1)
        .any(|same_hash| {
            let mut texts: Vec<_> = same_hash
                .iter()
                .map(|&(_, i)| id_at(whole, spans[i as usize]))
                .collect();
            texts.sort_unstable();
            texts.windows(2).any(|w| w[0] == w[1])
        })
}

/// Whether a relation has the id `id`, given the ids' hashes sorted.
fn find(ids: &[(u64, u32)], spans: &[Span], whole: &[u8], id: &str) -> bool {
    let wanted = hash(id);
    let start = ids.partition_point(|&(h, _)| h < wanted);
    ids[start..]
        .iter()
        .take_while(|&&(h, _)| h == wanted)
        .any(|&(_, i)| id_at(whole, spans[i as usize]).as_deref() == Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(first: usize, len: usize) -> Part {
        let link = |n: usize| Link {
            source: EntityIx(n as u32),
            ..UNSET_LINK
        };
        Part {
            first,
            links: (first..first + len).map(link).collect(),
            spans: (first..first + len)
                .map(|n| Span::new(n as u64, 1).unwrap())
                .collect(),
            records: Vec::new(),
            ids: (first..first + len).map(|n| (n as u64, n as u32)).collect(),
        }
    }

    #[test]
    fn parts_taken_in_any_order_are_joined_in_file_order() {
        let mut joined = Joined::default();
        joined.reserve(3);
        for (first, len) in [(4, 3), (0, 2), (2, 2)] {
            joined.take(part(first, len));
        }
        let joined = joined.finish().unwrap();
        let sources: Vec<u32> = joined.links.iter().map(|l| l.source.0).collect();
        assert_eq!(sources, [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(joined.spans[5], Span::new(5, 1).unwrap());
        assert_eq!(joined.ids[6], (6, 6));
        let firsts: Vec<usize> = joined.records.iter().map(|&(first, _)| first).collect();
        assert_eq!(firsts, [0, 2, 4]);
    }

    #[test]
    fn a_part_never_taken_leaves_the_join_unfinished() {
        let mut joined = Joined::default();
        joined.take(part(0, 2));
        joined.take(part(4, 2));
        assert!(joined.finish().is_none());
    }

    #[test]
    fn the_relations_expected_follow_from_the_first_batch() {
        let whole = b"[\"ab\",\"cd\",\"ef\",\"gh\"]";
        let batch = [&whole[1..5], &whole[6..10]];
        assert_eq!(expected_relations(whole, &batch), 4);
        // Two relations of 20 bytes, then 98 of 18.
        let items: Vec<String> = (0..100)
            .map(|n| format!("\"{}\"", "x".repeat(if n < 2 { 18 } else { 16 })))
            .collect();
        let whole = format!("[{}]", items.join(","));
        let batch = [&whole.as_bytes()[1..21], &whole.as_bytes()[22..42]];
        assert!(expected_relations(whole.as_bytes(), &batch) >= 100);
    }
    use crate::model::load::{EMBEDDED, load_from};
    use crate::model::read::json::JsonReader;

    fn text(json: &str) -> SourceText {
        SourceText::owned(json.as_bytes().to_vec())
    }

    /// Loads `json` both ways; the fast way must find it clean.
    fn both_ways(json: &[u8]) -> (Dataset, Dataset) {
        let fast = load_clean("t.json", &SourceText::owned(json.to_vec()), Wanted::Few)
            .expect("a clean file is loaded the fast way");
        let full = load_from(&JsonReader::bytes("t.json", json)).unwrap();
        (fast, full)
    }

    fn same(fast: &Dataset, full: &Dataset) {
        assert_eq!(
            serde_json::to_string(&fast.view()).unwrap(),
            serde_json::to_string(&full.view()).unwrap()
        );
        assert_eq!(fast.links, full.links);
        assert_eq!(format!("{:?}", fast.names), format!("{:?}", full.names));
        assert!(matches!(fast.records, Records::OnDemand(_)));
        assert!(matches!(full.records, Records::Parsed(_)));
    }

    #[test]
    fn the_bundled_graph_loads_the_same_both_ways() {
        let (fast, full) = both_ways(EMBEDDED);
        same(&fast, &full);
    }

    #[test]
    fn escaped_strings_load_the_same_both_ways() {
        let json = r#"{"title": "t\u00e9", "sources": [{"id": "s", "title": "S", "author": "a",
              "publisher": "p", "published": "2024", "language": "en"}],
            "relation_types": [{"id": "t", "label": "t", "polarity": "hostile", "directed": true}],
            "entities": [{"id": "A", "name": "A", "kind": "country"}, {"id": "B", "name": "B", "kind": "group"}],
            "relations": [{"id": "r\"1", "source": "\u0041", "target": "B", "type": "t", "weight": 2.5,
              "since": "2022", "label": "a \"quoted\"\nlabel",
              "inferred": {"date": "from context"},
              "evidence": [{"source": "s", "quote": "q\\u", "translation": "\u00e8"}]},
              {"id": "r2", "source": "B", "target": "A", "type": "t", "event": true, "since": "2023-05",
               "evidence": [{"source": "s", "quote": "q"}]}],
            "conflicts": [{"relations": ["r\"1", "r2"], "kind": "same_event", "note": "n"}]}"#;
        let (fast, full) = both_ways(json.as_bytes());
        same(&fast, &full);
        assert_eq!(fast.records.get(0).id, "r\"1");
        assert_eq!(fast.records.get(0).evidence[0].quote, "q\\u");
    }

    const GOOD: &str = r#"{"title": "t",
        "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p", "published": "2024", "language": "en"}],
        "relation_types": [{"id": "t", "label": "t", "polarity": "hostile", "directed": true}],
        "entities": [{"id": "A", "name": "A", "kind": "country"}, {"id": "B", "name": "B", "kind": "group"}],
        "relations": [REL1, REL2]CONFLICTS}"#;

    const R1: &str = r#"{"id": "r1", "source": "A", "target": "B", "type": "t", "evidence": [{"source": "s", "quote": "q"}]}"#;
    const R2: &str = r#"{"id": "r2", "source": "B", "target": "A", "type": "t", "evidence": [{"source": "s", "quote": "q"}]}"#;

    fn file(r1: &str, r2: &str, conflicts: &str) -> String {
        GOOD.replace("REL1", r1)
            .replace("REL2", r2)
            .replace("CONFLICTS", conflicts)
    }

    #[test]
    fn a_clean_file_is_loaded_with_its_records_on_demand() {
        let dataset = load_clean("t.json", &text(&file(R1, R2, "")), Wanted::Few).unwrap();
        assert_eq!(dataset.links.len(), 2);
        assert_eq!(dataset.relation(crate::model::RelationIx::new(1)).id, "r2");
    }

    #[test]
    fn any_problem_sends_the_file_to_the_full_reader() {
        // The second relation with `from` written as `to`.
        let second = |from: &str, to: &str| file(R1, &R2.replace(from, to), "");
        let conflict = |ids: &str| {
            let conflicts = format!(
                r#", "conflicts": [{{"relations": [{ids}], "kind": "same_event", "note": "n"}}]"#
            );
            file(R1, R2, &conflicts)
        };
        let problems = [
            second("\"r2\"", "\" \""),
            file(R1, R1, ""),
            second("\"B\", \"target\"", "\"C\", \"target\""),
            second("\"t\", \"evidence\"", "\"u\", \"evidence\""),
            second(
                ", \"evidence\": [{\"source\": \"s\", \"quote\": \"q\"}]",
                "",
            ),
            second("\"quote\": \"q\"", "\"quote\": \" \""),
            second("\"source\": \"s\"", "\"source\": \"x\""),
            second("\"type\"", "\"since\": \"2024-13\", \"type\""),
            second("\"type\"", "\"weight\": 0, \"type\""),
            second("\"type\"", "\"colour\": 1, \"type\""),
            second("\"id\": \"r2\"", "\"id\": \"r\\u0001\""),
            second("\"target\": \"A\"", "\"target\": \"B\""),
            conflict(r#""r1", "r3""#),
            conflict(r#""r1""#),
            file(R1, R2, r#", "extra": 1"#),
            file(R1, R2, "").replace("\"name\": \"B\"", "\"name\": \"a\""),
            file(R1, R2, "")[..100].to_owned(),
        ];
        for json in &problems {
            assert!(
                load_clean("t.json", &text(json), Wanted::Few).is_none(),
                "{json}"
            );
            match load_from(&JsonReader::bytes("t.json", json.as_bytes())) {
                Err(_) => {}
                Ok(dataset) => assert!(!dataset.warnings.is_empty(), "{json}"),
            }
        }
        let clean = conflict(r#""r1", "r2""#);
        assert!(load_clean("t.json", &text(&clean), Wanted::Few).is_some());
    }

    #[test]
    fn every_record_is_kept_across_batches_when_all_are_wanted() {
        let relations: Vec<String> = (0..BATCH + 5)
            .map(|i| R1.replace("\"r1\"", &format!("\"r{i}\"")))
            .collect();
        let json = file(&relations.join(", "), R2.replace("r2", "last").as_str(), "");
        let all = load_clean("t.json", &text(&json), Wanted::All).unwrap();
        let few = load_clean("t.json", &text(&json), Wanted::Few).unwrap();
        assert!(matches!(all.records, Records::Batches(ref b) if b.len() == 2));
        assert_eq!(all.records.len(), BATCH + 6);
        for i in [0, BATCH - 1, BATCH, BATCH + 5] {
            let index = crate::model::RelationIx::new(i);
            assert_eq!(all.relation(index).id, few.relation(index).id);
        }
        assert_eq!(all.records.get(BATCH).id, format!("r{BATCH}"));
        assert_eq!(all.records.get(BATCH + 5).id, "last");
        assert_eq!(all.links, few.links);
    }

    #[test]
    fn relations_before_what_they_refer_to_are_checked_after_it() {
        let json = file(R1, R2, "");
        let relations = &json[json.find("\"relations\"").unwrap()..json.rfind('}').unwrap()];
        let first = json
            .replace(relations, "")
            .replacen("{", &format!("{{{relations},"), 1);
        let first = first.replace(",\n        }", "}");
        assert!(first.starts_with("{\"relations\""), "{first}");
        let (fast, full) = both_ways(first.as_bytes());
        same(&fast, &full);
    }

    #[test]
    fn sources_after_the_relations_send_the_file_to_the_full_reader() {
        let json = file(R1, R2, "");
        let sources =
            &json[json.find("\"sources\"").unwrap()..json.find("\"relation_types\"").unwrap()];
        let last = json.replace(sources, "");
        let last = format!(
            "{}, {}}}",
            &last[..last.rfind('}').unwrap()],
            sources.trim_end().trim_end_matches(',')
        );
        assert!(
            load_from(&JsonReader::bytes("t.json", last.as_bytes())).is_ok(),
            "{last}"
        );
        assert!(load_clean("t.json", &text(&last), Wanted::Few).is_none());
    }

    #[test]
    fn a_list_given_twice_sends_the_file_to_the_full_reader() {
        let json = file(R1, R2, "");
        let relations = &json[json.find("\"relations\"").unwrap()..json.rfind('}').unwrap()];
        let twice = json.replacen("{", &format!("{{{relations},"), 1);
        assert!(load_from(&JsonReader::bytes("t.json", twice.as_bytes())).is_err());
        assert!(load_clean("t.json", &text(&twice), Wanted::Few).is_none());
    }

    #[test]
    fn ids_that_hash_alike_are_told_apart_by_their_text() {
        let whole = br#"[{"id": "a", "source": "A", "target": "B", "type": "t"}, {"id": "b", "source": "A", "target": "B", "type": "t"}]"#;
        let mut spans = Vec::new();
        list(&mut Scanner::new(whole), |item| {
            spans.push(Span::within(whole, item)?);
            Some(())
        })
        .unwrap();
        let colliding = [(7, 0), (7, 1)];
        assert!(!has_duplicate(&colliding, &spans, whole));
        assert!(has_duplicate(&[(7, 0), (7, 0)], &spans, whole));
        let b = hash("b");
        assert!(find(&[(b, 0), (b, 1)], &spans, whole, "b"));
        assert!(!find(&[(b, 0)], &spans, whole, "b"));
        assert!(!find(&[(b, 1)], &spans, whole, "c"));
    }
}
