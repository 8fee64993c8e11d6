//! The opt-in binary cache (`--cache`): a clean graph file's checked form,
//! kept in the user's cache folder and used while the file is unchanged.
//!
//! A cache holds what the fast loader ([`super::read::json_fast`]) makes
//! of a file: the document without its relations, the name index, one
//! [`Link`] per relation and where each relation's record is in the file.
//! Loading it costs a read of a few bytes per relation instead of a parse
//! of the whole file; records are still parsed from the file on demand.
//!
//! A cache is used only when the file has the size, modification time and
//! content hash (XXH3-128 of its 8 MiB pieces' XXH3-128s, `content_hash`)
//! recorded in it, by the same relgraph version, and its own checksum is
//! right. Anything else (a changed file, another
//! version, a truncated or damaged cache) is not an error: the file is
//! loaded again and the cache rewritten. Only files without a problem are
//! cached.
//!
//! Layout, little-endian: magic and version line; the file's size (u64),
//! modification time (i64 seconds, u32 nanoseconds) and hash (16 bytes);
//! the number of relations (u64) and the head's length (u64); the head
//! (JSON: document and names, sorted); 32 bytes per link; 12 bytes per
//! span; the `content_hash` of everything before it.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_128;

use super::document::Document;
use super::records::{OnDemand, Records, Span};
use super::{Dataset, EntityIx, InferredFacts, Link, NameIndex, PartialDate, TypeIx};
use crate::diagnostic::{Diagnostics, SourceText};

/// The first bytes of every cache: what it is, its layout's version and
/// the relgraph version that wrote it.
const MAGIC: &str = concat!("relgraph cache 2 ", env!("CARGO_PKG_VERSION"), "\n");

const LINK_BYTES: usize = 32;
const SPAN_BYTES: usize = 12;
const HASH_BYTES: usize = 16;

/// What identifies a file's content: its size, modification time and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    size: u64,
    seconds: i64,
    nanos: u32,
    hash: u128,
}

impl Key {
    /// The key of the file at `path` whose text is `text`.
    pub fn of(path: &Path, text: &SourceText) -> std::io::Result<Key> {
        let modified = std::fs::metadata(path)?.modified()?;
        let (seconds, nanos) = match modified.duration_since(UNIX_EPOCH) {
            Ok(after) => (after.as_secs() as i64, after.subsec_nanos()),
            Err(before) => (-(before.duration().as_secs() as i64), 0),
        };
        Ok(Key {
            size: text.whole().len() as u64,
            seconds,
            nanos,
            hash: content_hash(text.whole()),
        })
    }
}

/// Bytes hashed apart, on every core, by [`content_hash`].
const HASHED_PIECE: usize = 8 << 20;

/// The hash of `bytes`: the XXH3-128 of the XXH3-128s of its pieces of
/// [`HASHED_PIECE`] bytes, hashed on every core.
fn content_hash(bytes: &[u8]) -> u128 {
    use rayon::prelude::*;
    let pieces: Vec<u8> = bytes
        .par_chunks(HASHED_PIECE)
        .flat_map_iter(|piece| xxh3_128(piece).to_le_bytes())
        .collect();
    xxh3_128(&pieces)
}

/// The cache of the file at `input`, in `folder`: named after a hash of
/// the file's absolute path, so that no name from the data reaches the
/// file system.
pub fn path_for(folder: &Path, input: &Path) -> PathBuf {
    let absolute = std::path::absolute(input).unwrap_or_else(|_| input.to_owned());
    let name = xxh3_128(absolute.as_os_str().as_encoded_bytes());
    folder.join(format!("{name:032x}.relgraph-cache"))
}

/// The head of a cache: what is not one record per relation.
#[derive(Serialize, Deserialize)]
struct Head<D> {
    doc: D,
    /// The name index's entries, sorted.
    names: Vec<(CompactString, u32)>,
}

/// The bytes of the cache of `dataset`, loaded the fast way from the file
/// whose key is `key`; `None` if its records are not on demand (it was not
/// loaded the fast way).
pub fn encode(dataset: &Dataset, key: Key) -> Option<Vec<u8>> {
    let Records::OnDemand(on_demand) = &dataset.records else {
        return None;
    };
    let names: Vec<(CompactString, u32)> = dataset
        .names
        .sorted_entries()
        .into_iter()
        .map(|(name, entity)| (name.into(), entity.0))
        .collect();
    let head = serde_json::to_vec(&Head {
        doc: &dataset.doc,
        names,
    })
    .ok()?;
    let links = &dataset.links;
    let mut out = Vec::with_capacity(
        head.len() + links.len() * (LINK_BYTES + SPAN_BYTES) + MAGIC.len() + 100,
    );
    out.extend_from_slice(MAGIC.as_bytes());
    out.extend_from_slice(&key.size.to_le_bytes());
    out.extend_from_slice(&key.seconds.to_le_bytes());
    out.extend_from_slice(&key.nanos.to_le_bytes());
    out.extend_from_slice(&key.hash.to_le_bytes());
    out.extend_from_slice(&(links.len() as u64).to_le_bytes());
    out.extend_from_slice(&(head.len() as u64).to_le_bytes());
    out.extend_from_slice(&head);
    for link in links {
        out.extend_from_slice(&link_bytes(link));
    }
    for span in on_demand.spans() {
        out.extend_from_slice(&span.start().to_le_bytes());
        out.extend_from_slice(&span.byte_len().to_le_bytes());
    }
    let checksum = content_hash(&out);
    out.extend_from_slice(&checksum.to_le_bytes());
    Some(out)
}

/// The dataset a cache holds, if `bytes` are a whole, unchanged cache of
/// the file whose key is `key` and whose text is `text`.
pub fn decode(bytes: &[u8], key: Key, origin: &str, text: &SourceText) -> Option<Dataset> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(HASH_BYTES)?)?;
    if content_hash(body) != u128::from_le_bytes(checksum.try_into().ok()?) {
        return None;
    }
    let mut reader = Bytes(body.strip_prefix(MAGIC.as_bytes())?);
    let written = Key {
        size: u64::from_le_bytes(reader.array()?),
        seconds: i64::from_le_bytes(reader.array()?),
        nanos: u32::from_le_bytes(reader.array()?),
        hash: u128::from_le_bytes(reader.array()?),
    };
    if written != key {
        return None;
    }
    let count = usize::try_from(u64::from_le_bytes(reader.array()?)).ok()?;
    let head_len = usize::try_from(u64::from_le_bytes(reader.array()?)).ok()?;
    let head: Head<Document> = serde_json::from_slice(reader.take(head_len)?).ok()?;
    let links = each_of(
        reader.take(count.checked_mul(LINK_BYTES)?)?,
        LINK_BYTES,
        |bytes| link_from(bytes, &head.doc),
    )?;
    let spans = each_of(
        reader.take(count.checked_mul(SPAN_BYTES)?)?,
        SPAN_BYTES,
        |bytes| span_from(bytes, text),
    )?;
    if !reader.0.is_empty() {
        return None;
    }
    let entities = head.doc.entities.len();
    let names = head
        .names
        .into_iter()
        .map(|(name, entity)| ((entity as usize) < entities).then_some((name, EntityIx(entity))))
        .collect::<Option<Vec<_>>>()
        .and_then(NameIndex::from_sorted)?;
    Some(Dataset {
        origin: origin.to_owned(),
        doc: head.doc,
        records: Records::OnDemand(OnDemand::new(text.clone(), spans)),
        links,
        names,
        warnings: Diagnostics::none(origin),
        sha256: None,
    })
}

/// What `read` makes of each `size`-byte piece of `bytes`, in a vector
/// allocated once (collecting `Option`s would grow it step by step, and
/// fresh memory is slow to come by), or `None` if it fails on one.
fn each_of<T>(bytes: &[u8], size: usize, read: impl Fn(&[u8]) -> Option<T>) -> Option<Vec<T>> {
    let mut items = Vec::with_capacity(bytes.len() / size);
    for piece in bytes.chunks_exact(size) {
        items.push(read(piece)?);
    }
    Some(items)
}

/// Bytes read from the front.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

fn link_bytes(link: &Link) -> [u8; LINK_BYTES] {
    let mut bytes = [0; LINK_BYTES];
    bytes[0..4].copy_from_slice(&link.source.0.to_le_bytes());
    bytes[4..8].copy_from_slice(&link.target.0.to_le_bytes());
    bytes[8..12].copy_from_slice(&link.relation_type.0.to_le_bytes());
    bytes[12..20].copy_from_slice(&link.weight.to_le_bytes());
    bytes[20..24].copy_from_slice(&link.since.map_or(0, PartialDate::code).to_le_bytes());
    bytes[24..28].copy_from_slice(&link.until.map_or(0, PartialDate::code).to_le_bytes());
    let facts = link.inferred;
    bytes[28] = u8::from(link.event)
        | u8::from(facts.parties) << 1
        | u8::from(facts.date) << 2
        | u8::from(facts.direction) << 3;
    bytes
}

/// The link `bytes` hold, if its indices are in range of `doc`'s lists.
fn link_from(bytes: &[u8], doc: &Document) -> Option<Link> {
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let index = |at: usize, count: usize| u32_at(at).filter(|&i| (i as usize) < count);
    let date = |at: usize| match u32_at(at)? {
        0 => Some(None),
        code => PartialDate::from_code(code).map(Some),
    };
    let flags = *bytes.get(28)?;
    Some(Link {
        source: EntityIx(index(0, doc.entities.len())?),
        target: EntityIx(index(4, doc.entities.len())?),
        relation_type: TypeIx(index(8, doc.relation_types.len())?),
        weight: f64::from_le_bytes(bytes.get(12..20)?.try_into().ok()?),
        since: date(20)?,
        until: date(24)?,
        event: flags & 1 != 0,
        inferred: InferredFacts {
            parties: flags & 2 != 0,
            date: flags & 4 != 0,
            direction: flags & 8 != 0,
        },
    })
}

/// The span `bytes` hold, if it lies inside `text`.
fn span_from(bytes: &[u8], text: &SourceText) -> Option<Span> {
    let start = u64::from_le_bytes(bytes.get(0..8)?.try_into().ok()?);
    let len = u32::from_le_bytes(bytes.get(8..12)?.try_into().ok()?);
    Span::new(start, len).filter(|span| span.range().end <= text.as_bytes().len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{EMBEDDED, parse};

    fn key() -> Key {
        Key {
            size: 1,
            seconds: 2,
            nanos: 3,
            hash: 4,
        }
    }

    fn bundled() -> (Dataset, SourceText) {
        (
            parse("graph.json", EMBEDDED).unwrap(),
            SourceText::owned(EMBEDDED.to_vec()),
        )
    }

    #[test]
    fn a_cache_gives_back_what_was_loaded() {
        let (dataset, text) = bundled();
        let bytes = encode(&dataset, key()).unwrap();
        let cached = decode(&bytes, key(), "graph.json", &text).unwrap();
        assert_eq!(cached.links, dataset.links);
        assert_eq!(
            serde_json::to_string(&cached.view()).unwrap(),
            serde_json::to_string(&dataset.view()).unwrap()
        );
        for entity in dataset.doc.entities.iter() {
            for name in entity.names() {
                assert_eq!(cached.names.get(name), dataset.names.get(name), "{name}");
            }
        }
    }

    #[test]
    fn a_cache_of_another_file_or_version_is_not_used() {
        let (dataset, text) = bundled();
        let bytes = encode(&dataset, key()).unwrap();
        let other = Key { hash: 5, ..key() };
        assert!(decode(&bytes, other, "graph.json", &text).is_none());
        let mut older = bytes[..bytes.len() - HASH_BYTES].to_vec();
        older[..MAGIC.len()].copy_from_slice(MAGIC.replace("cache 2", "cache 1").as_bytes());
        let checksum = content_hash(&older);
        older.extend_from_slice(&checksum.to_le_bytes());
        assert!(decode(&older, key(), "graph.json", &text).is_none());
        let mut same = bytes[..bytes.len() - HASH_BYTES].to_vec();
        same.extend_from_slice(&content_hash(&same).to_le_bytes());
        assert!(decode(&same, key(), "graph.json", &text).is_some());
    }

    #[test]
    fn the_content_hash_sees_every_piece() {
        let mut bytes = vec![7u8; 2 * HASHED_PIECE + 5];
        let whole = content_hash(&bytes);
        assert_ne!(whole, xxh3_128(&bytes));
        for at in [0, HASHED_PIECE - 1, HASHED_PIECE, 2 * HASHED_PIECE + 4] {
            bytes[at] ^= 1;
            assert_ne!(content_hash(&bytes), whole, "{at}");
            bytes[at] ^= 1;
        }
        assert_eq!(content_hash(&bytes), whole);
        assert_ne!(content_hash(&bytes[..2 * HASHED_PIECE]), whole);
    }

    #[test]
    fn a_damaged_or_cut_cache_is_not_used() {
        let (dataset, text) = bundled();
        let bytes = encode(&dataset, key()).unwrap();
        for at in [0, MAGIC.len() + 3, bytes.len() / 2, bytes.len() - 1] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            assert!(
                decode(&damaged, key(), "graph.json", &text).is_none(),
                "{at}"
            );
        }
        for len in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..len], key(), "graph.json", &text).is_none());
        }
    }

    #[test]
    fn dates_survive_their_code() {
        for text in [
            "2024",
            "2024-02",
            "2024-02-29",
            "2000s",
            "0001",
            "9999-12-31",
        ] {
            let date: PartialDate = text.parse().unwrap();
            assert_eq!(PartialDate::from_code(date.code()), Some(date), "{text}");
        }
        for code in [
            0,
            2023 | 13 << 16,
            2023 | 2 << 16 | 30 << 20,
            2023 | 1 << 25,
            0xFFFF,
        ] {
            assert_eq!(PartialDate::from_code(code), None, "{code:x}");
        }
    }

    #[test]
    fn the_cache_is_named_after_the_path_not_the_data() {
        let folder = Path::new("/cache");
        let a = path_for(folder, Path::new("/data/../etc/passwd"));
        assert_eq!(a.parent(), Some(folder));
        assert!(
            a.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .ends_with(".relgraph-cache")
        );
        assert_ne!(a, path_for(folder, Path::new("/data/other.json")));
    }
}
