//! The data model: what a graph file holds, how it is read, and how it is checked.
//!
//! [`load()`](load::load) reads a file into a [`Dataset`]: the [`Document`] as written plus
//! one resolved [`Link`] per relation and a [`NameIndex`] for lookups. Each
//! input format has a reader in [`read`]; validation ([`validate`]) is the same
//! for all of them.

pub mod cache;
pub mod date;
pub mod document;
pub mod index;
pub mod load;
pub mod read;
pub mod records;
pub mod relation_list;
pub mod suggest;
pub mod text;
pub mod validate;

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use crate::diagnostic::Diagnostics;

pub use date::PartialDate;
pub use document::{
    Conflict, ConflictKind, Document, DocumentView, Entity, Evidence, Inferred, Kind, Polarity,
    Relation, RelationType, Shown, Source,
};
pub use index::{EntityIx, RelationIx, TypeIx};
pub use load::{GraphInput, load};

/// A relation with its references resolved to indices into the [`Document`]'s lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Link {
    /// The source entity.
    pub source: EntityIx,
    /// The target entity.
    pub target: EntityIx,
    /// The relation's type.
    pub relation_type: TypeIx,
    /// Weight (1 when the file gives none).
    pub weight: f64,
    /// Start, if known.
    pub since: Option<PartialDate>,
    /// End, if known.
    pub until: Option<PartialDate>,
    /// An event (one date) rather than a state (a period).
    pub event: bool,
    /// Which of its facts the editor inferred.
    pub inferred: InferredFacts,
}

impl Link {
    /// The end of the relation's period: its `until`, or for an event the
    /// end of its date's period (an event without a date has no end).
    pub fn period_end(&self) -> Option<PartialDate> {
        if self.event { self.since } else { self.until }
    }
}

/// Which facts of a relation were inferred by the editor, as flags (the
/// notes stay in the relation's [`document::Inferred`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InferredFacts {
    /// Who the parties are.
    pub parties: bool,
    /// When: `since` and `until`.
    pub date: bool,
    /// Who acts on whom.
    pub direction: bool,
}

impl InferredFacts {
    /// The flags of `inferred`.
    pub fn of(inferred: Option<&document::InferredRef<'_>>) -> Self {
        inferred.map_or_else(Self::default, |i| InferredFacts {
            parties: i.parties.is_some(),
            date: i.date.is_some(),
            direction: i.direction.is_some(),
        })
    }

    /// Whether any fact was inferred.
    pub fn any(self) -> bool {
        self.parties || self.date || self.direction
    }
}

/// A relation's date as shown to readers: `2022?` when the editor inferred
/// it, empty when there is none.
pub fn shown_date(date: Option<PartialDate>, inferred: bool) -> String {
    match date {
        Some(date) if inferred => format!("{date}?"),
        Some(date) => date.to_string(),
        None => String::new(),
    }
}

/// Case-insensitive lookup of entities by id, name or alias.
#[derive(Debug, Clone)]
pub struct NameIndex(Names);

#[derive(Debug, Clone)]
enum Names {
    /// Made while a file is checked, one name claimed at a time.
    Hashed(FxHashMap<CompactString, EntityIx>),
    /// Read back from a cache: sorted by name, searched by halves, so that
    /// nothing is hashed to load it.
    Sorted(Vec<(CompactString, EntityIx)>),
}

impl Default for NameIndex {
    fn default() -> Self {
        NameIndex::with_capacity(0)
    }
}

impl NameIndex {
    /// An empty index with room for `names` names.
    pub fn with_capacity(names: usize) -> Self {
        NameIndex(Names::Hashed(FxHashMap::with_capacity_and_hasher(
            names,
            Default::default(),
        )))
    }

    /// The index of `entries`, each a lowercase name and the entity it
    /// names, if they are sorted by name with no name twice.
    pub fn from_sorted(entries: Vec<(CompactString, EntityIx)>) -> Option<Self> {
        let sorted = entries.windows(2).all(|pair| pair[0].0 < pair[1].0);
        let lowercase = entries.iter().all(|(name, _)| *lowercase(name) == **name);
        (sorted && lowercase).then_some(NameIndex(Names::Sorted(entries)))
    }

    /// The entity that `name` names, if any.
    pub fn get(&self, name: &str) -> Option<EntityIx> {
        let name = lowercase(name);
        match &self.0 {
            Names::Hashed(map) => map.get(&*name).copied(),
            Names::Sorted(entries) => entries
                .binary_search_by(|(entry, _)| entry.as_str().cmp(&name))
                .ok()
                .map(|at| entries[at].1),
        }
    }

    /// Every name (lowercase) with the entity it names, sorted by name.
    pub fn sorted_entries(&self) -> Vec<(&str, EntityIx)> {
        let mut entries: Vec<(&str, EntityIx)> = match &self.0 {
            Names::Hashed(map) => map.iter().map(|(name, &e)| (name.as_str(), e)).collect(),
            Names::Sorted(entries) => entries
                .iter()
                .map(|(name, e)| (name.as_str(), *e))
                .collect(),
        };
        entries.sort_unstable();
        entries
    }

    /// Records that `name` names `entity` unless another entity claimed it
    /// first; returns the entity it names.
    pub fn claim(&mut self, name: &str, entity: EntityIx) -> EntityIx {
        let name = lowercase(name);
        match &mut self.0 {
            Names::Hashed(map) => *map.entry(name.into()).or_insert(entity),
            Names::Sorted(entries) => {
                match entries.binary_search_by(|(entry, _)| entry.as_str().cmp(&name)) {
                    Ok(at) => entries[at].1,
                    Err(at) => {
                        entries.insert(at, (name.into(), entity));
                        entity
                    }
                }
            }
        }
    }
}

/// `name` in lowercase, borrowed when it is already (ids mostly are).
fn lowercase(name: &str) -> std::borrow::Cow<'_, str> {
    if name
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(name)
    } else {
        std::borrow::Cow::Owned(name.to_lowercase())
    }
}

/// A loaded, valid graph file.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Where it came from, for messages (`graph.json`, or the embedded copy).
    pub origin: String,
    /// The file's content but its relations, which are in `records`: its
    /// `relations` list is always empty.
    pub doc: Document,
    /// The relations as written ([`Dataset::relation`]).
    pub records: records::Records,
    /// One resolved link per relation, in file order.
    pub links: Vec<Link>,
    /// Entity lookup by id, name or alias.
    pub names: NameIndex,
    /// Warnings found while loading (the file is usable).
    pub warnings: Diagnostics,
    /// SHA-256 (hex) of the bytes read, when loading was asked to hash them.
    pub sha256: Option<String>,
}

impl Dataset {
    /// The entity at `index`.
    pub fn entity(&self, index: EntityIx) -> &Entity {
        &self.doc.entities[index.index()]
    }

    /// The relation at `index`, as written.
    pub fn relation(&self, index: RelationIx) -> &Relation {
        self.records.get(index.index())
    }

    /// What diagrams show of the relation at `index` (label, inferred
    /// facts, evidence), given to `read` borrowed and not kept
    /// ([`records::Records::read`]): for commands that read every relation once.
    pub fn read_relation<R>(&self, index: RelationIx, read: impl FnOnce(&Shown<'_>) -> R) -> R {
        self.records.read(index.index(), read)
    }

    /// Every relation as written, in file order.
    pub fn relations(&self) -> impl ExactSizeIterator<Item = &Relation> {
        self.records.prefetch_all();
        self.relation_indices().map(|i| self.relation(i))
    }

    /// The whole file, borrowed.
    pub fn view(&self) -> DocumentView<'_> {
        DocumentView {
            relations: relation_list::RelationList::Held(self.relations().collect()),
            ..self.doc.view()
        }
    }

    /// The resolved link of relation `index`.
    pub fn link(&self, index: RelationIx) -> &Link {
        &self.links[index.index()]
    }

    /// The type of relation `index`.
    pub fn relation_type(&self, index: RelationIx) -> &RelationType {
        self.type_at(self.link(index).relation_type)
    }

    /// The relation type at `index`.
    pub fn type_at(&self, index: TypeIx) -> &RelationType {
        &self.doc.relation_types[index.index()]
    }

    /// Every entity index, in file order.
    pub fn entity_indices(&self) -> impl DoubleEndedIterator<Item = EntityIx> + ExactSizeIterator {
        EntityIx::all(self.doc.entities.len())
    }

    /// Every relation index, in file order.
    pub fn relation_indices(
        &self,
    ) -> impl DoubleEndedIterator<Item = RelationIx> + ExactSizeIterator {
        RelationIx::all(self.links.len())
    }

    /// Every relation type index, in file order.
    pub fn type_indices(&self) -> impl DoubleEndedIterator<Item = TypeIx> + ExactSizeIterator {
        TypeIx::all(self.doc.relation_types.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_in_any_case() {
        let mut names = NameIndex::with_capacity(4);
        for (n, name) in ["prk", "Türkiye", "ΕΛΛΆΔΑ", "Côte d'Ivoire"]
            .iter()
            .enumerate()
        {
            names.claim(name, EntityIx::new(n));
        }
        for (n, asked) in ["PRK", "TÜRKIYE", "ελλάδα", "CÔTE D'IVOIRE"]
            .iter()
            .enumerate()
        {
            assert_eq!(names.get(asked), Some(EntityIx::new(n)), "{asked}");
        }
        assert_eq!(names.claim("Prk", EntityIx(9)), EntityIx(0));
        assert_eq!(names.claim("kor", EntityIx(9)), EntityIx(9));
        let entries = names
            .sorted_entries()
            .into_iter()
            .map(|(name, e)| (name.into(), e))
            .collect::<Vec<_>>();
        let mut sorted = NameIndex::from_sorted(entries.clone()).unwrap();
        for asked in [
            "PRK",
            "TÜRKIYE",
            "ελλάδα",
            "CÔTE D'IVOIRE",
            "Kor",
            "nowhere",
        ] {
            assert_eq!(sorted.get(asked), names.get(asked), "{asked}");
        }
        assert_eq!(sorted.claim("KOR", EntityIx(3)), EntityIx(9));
        assert_eq!(sorted.claim("Chile", EntityIx(5)), EntityIx(5));
        assert_eq!(sorted.get("chile"), Some(EntityIx(5)));
        let mut unsorted = entries.clone();
        unsorted.swap(0, 1);
        assert!(NameIndex::from_sorted(unsorted).is_none());
        let mut twice = entries.clone();
        twice.push(entries[entries.len() - 1].clone());
        assert!(NameIndex::from_sorted(twice).is_none());
        let upper = vec![(CompactString::from("PRK"), EntityIx(0))];
        assert!(NameIndex::from_sorted(upper).is_none());
    }
}
