//! The data model: what a graph file holds, how it is read, and how it is checked.
//!
//! [`load()`](load::load) reads a file into a [`Dataset`]: the [`Document`] as written plus
//! one resolved [`Link`] per relation and a [`NameIndex`] for lookups.

pub mod date;
pub mod document;
pub mod load;
pub mod locate;
pub mod path;
pub mod problem;
pub mod suggest;
pub mod validate;

use rustc_hash::FxHashMap;

pub use date::PartialDate;
pub use document::{Document, Entity, Evidence, Kind, Polarity, Relation, RelationType, Source};
pub use load::{GraphInput, load};
pub use problem::Problem;

/// A relation with its references resolved to indices into the [`Document`]'s lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// Index of the source entity.
    pub source: u32,
    /// Index of the target entity.
    pub target: u32,
    /// Index of the relation type.
    pub kind: u32,
    /// Weight (1 when the file gives none).
    pub weight: f64,
    /// Start, if known.
    pub since: Option<PartialDate>,
    /// End, if known.
    pub until: Option<PartialDate>,
}

/// Case-insensitive lookup of entities by id, name or alias.
#[derive(Debug, Default, Clone)]
pub struct NameIndex(FxHashMap<String, u32>);

impl NameIndex {
    /// The entity that `name` names, if any.
    pub fn get(&self, name: &str) -> Option<u32> {
        self.0.get(&name.to_lowercase()).copied()
    }

    /// Records that `name` names `entity`; the first entity to claim a name keeps it.
    pub fn insert(&mut self, name: &str, entity: u32) {
        self.0.entry(name.to_lowercase()).or_insert(entity);
    }
}

/// A loaded, valid graph file.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Where it came from, for messages (`graph.json`, or the embedded copy).
    pub origin: String,
    /// The file's content.
    pub doc: Document,
    /// One resolved link per relation, in file order.
    pub links: Vec<Link>,
    /// Entity lookup by id, name or alias.
    pub names: NameIndex,
    /// Warnings found while loading (the file is usable).
    pub warnings: Vec<Problem>,
    /// The warnings rendered as diagnostics (empty when there are none).
    pub warning_report: String,
}

impl Dataset {
    /// The type of relation `index`.
    pub fn relation_type(&self, index: usize) -> &RelationType {
        &self.doc.relation_types[self.links[index].kind as usize]
    }

    /// The entity at `index`.
    pub fn entity(&self, index: u32) -> &Entity {
        &self.doc.entities[index as usize]
    }
}
