//! Readers: one per input format. A reader turns its input into the
//! format-neutral [`Document`], says which items it kept ([`Origins`]), and
//! places problems in its input ([`Reader::place`]), so that validation and
//! its messages work the same whatever the format.
//!
//! A new input format is a new reader here; [`load_from`](super::load::load_from)
//! validates what any reader yields.

pub mod csv;
pub mod gdelt;
pub mod json;
pub mod json_fast;
pub mod json_scan;
pub mod json_walk;

use std::collections::{HashMap, HashSet};

use super::document::Document;
use crate::diagnostic::{DocPath, Place, Problem, SourceText};
use crate::error::Error;

/// What a reader yields: the document, where its items came from, and the
/// problems found while reading (already placed).
#[derive(Debug)]
pub struct Parsed {
    /// The document; items that could not be read are left out.
    pub doc: Document,
    /// Which items of the input each item of `doc` is.
    pub origins: Origins,
    /// Problems found while reading.
    pub problems: Vec<Problem>,
}

/// An input format.
pub trait Reader {
    /// The input's name in messages (`graph.json`).
    fn name(&self) -> String;

    /// Reads the input. Problems that leave no usable document are an
    /// [`Error::Invalid`]; others come back in [`Parsed::problems`].
    fn read(&self) -> Result<Parsed, Error>;

    /// Where the value at `path` (numbered as in the input) is in the input.
    fn place(&self, path: DocPath) -> Place;

    /// The input's text, to show problems in; `None` when it has none to show.
    /// Called only when there are problems.
    fn text(&self) -> Result<Option<SourceText>, Error>;

    /// SHA-256 (hex) of the bytes [`Reader::read`] read, when the reader was
    /// asked to hash them: what was read, hashed once.
    fn sha256(&self) -> Option<String> {
        None
    }
}

/// Maps item positions in a parsed [`Document`] back to their index in the
/// input, for documents from which unreadable items were left out.
#[derive(Debug, Default)]
pub struct Origins {
    /// Per list name, the input index of each kept item; absent means identity.
    pub kept: HashMap<&'static str, Vec<usize>>,
    /// Ids of items left out, per list: references to them are not reported again.
    pub dropped_ids: HashMap<&'static str, HashSet<String>>,
}

impl Origins {
    /// The path of item `index` of list `collection`, numbered as in the input.
    pub fn path(&self, collection: &'static str, index: usize) -> DocPath {
        let original = self
            .kept
            .get(collection)
            .and_then(|kept| kept.get(index))
            .copied()
            .unwrap_or(index);
        DocPath::element(collection, original)
    }

    /// Whether an item of `collection` with id `id` was left out.
    pub fn was_dropped(&self, collection: &'static str, id: &str) -> bool {
        self.dropped_ids
            .get(collection)
            .is_some_and(|ids| ids.contains(id))
    }
}
