//! Semantic checks of a parsed document, whatever its input format, done in
//! one pass that also resolves every reference into a compact index.
//! Problems are found at document paths (`relations[3].target`); the reader
//! places them in its input.
//!
//! Checks: duplicate ids, empty names and quotes, names and aliases that name
//! two entities, unknown entities, types and sources (with did-you-mean),
//! impossible dates, `since` after `until`, weights that are not finite and
//! positive, relations of an entity with itself, and (as warnings) relations
//! without evidence.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::date::PartialDate;
use super::document::{Document, Evidence, EvidenceRef, RelationRef};
use super::read::Origins;
use super::suggest::closest;
use super::text::{describe, forbidden_char};
use super::{EntityIx, InferredFacts, Link, NameIndex, TypeIx};
use crate::diagnostic::{DocPath, Problem};

/// How many distinct unknown entity names get a did-you-mean search; beyond
/// that (a file with thousands of broken references) the search would cost
/// more than it helps.
const MAX_SUGGESTED_NAMES: usize = 200;

/// The largest weight a relation may have: sums over a million relations of
/// this weight stay far from overflow, so no score is ever infinite or NaN.
pub const MAX_WEIGHT: f64 = 1e6;

/// An item of one of the document's lists, named cheaply; its [`DocPath`]
/// is built only when a problem needs it.
#[derive(Debug, Clone, Copy)]
struct At {
    collection: &'static str,
    index: usize,
}

/// The path of the item `at` names, numbered as in the input.
fn item_path(origins: &Origins, at: At) -> DocPath {
    origins.path(at.collection, at.index)
}

/// What validation produces: resolved relations, the name index, and the problems.
pub struct Outcome {
    /// One link per relation, in file order (meaningful only without errors).
    pub links: Vec<Link>,
    /// Entity lookup by id, name or alias.
    pub names: NameIndex,
    /// Everything wrong, errors and warnings.
    pub problems: Vec<Problem>,
}

/// Checks `doc` and resolves its references.
pub fn validate(doc: &Document, origins: &Origins) -> Outcome {
    let mut v = Validator::new(doc, origins);
    v.check_text();
    v.check_sources();
    v.check_types();
    let names = v.check_entities();
    let links = v.check_relations();
    let ids = std::mem::take(&mut v.relation_ids);
    v.check_conflicts(&|id| ids.contains_key(id));
    Outcome {
        links,
        names,
        problems: v.problems,
    }
}

/// Validation for a reader that parses the relations itself, in parts
/// checked side by side: [`check_before_relations`] checks what relations
/// refer to, each part checks its relations with a
/// [`RelationChecker::fork`], and [`check_after_relations`] the rest.
/// The checks are [`validate`]'s own.
#[derive(Clone)]
pub struct RelationChecker<'d> {
    v: Validator<'d>,
}

/// Checks what relations refer to in `doc` (its sources, relation types
/// and entities); returns the checker for the relations, with the problems
/// found so far, and the name index.
pub fn check_before_relations<'d>(
    doc: &'d Document,
    origins: &'d Origins,
) -> (RelationChecker<'d>, NameIndex) {
    let mut v = Validator::new(doc, origins);
    v.list_text();
    v.check_sources();
    v.check_types();
    let names = v.check_entities();
    (RelationChecker { v }, names)
}

/// Checks the rest of `doc` once its relations are checked: its title,
/// description and conflicts, `known` saying whether a relation id exists.
pub fn check_after_relations(
    doc: &Document,
    origins: &Origins,
    known: &dyn Fn(&str) -> bool,
) -> Vec<Problem> {
    let mut v = Validator::new(doc, origins);
    v.head_text();
    v.conflict_text();
    v.check_sources();
    v.check_conflicts(known);
    v.problems
}

impl<'d> RelationChecker<'d> {
    /// A checker for another part: the same known ids, no problems yet.
    pub fn fork(&self) -> Self {
        let mut fork = self.clone();
        fork.v.problems.clear();
        fork
    }

    /// Checks relation `index` (all but whether its id is unique) and
    /// resolves it.
    pub fn check(&mut self, index: usize, relation: &RelationRef<'_>) -> Link {
        let at = At {
            collection: "relations",
            index,
        };
        self.v.relation_text(index, relation);
        self.v.non_empty(at, "id", &relation.id);
        self.v.check_relation(at, relation)
    }

    /// The problems found so far.
    pub fn problems(&self) -> &[Problem] {
        &self.v.problems
    }
}

/// Ids and the positions of their items. Ids of up to 15 bytes are kept
/// in the table itself, packed into a number, so that looking one up (two
/// million times for a million relations) reads one place in memory
/// instead of two.
#[derive(Clone, Default)]
struct IdMap<'d> {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<&'d str, u32>,
}

impl<'d> IdMap<'d> {
    /// `id` as a number: its bytes, then its length in the last byte.
    fn pack(id: &str) -> Option<u128> {
        let bytes = id.as_bytes();
        let mut packed = [0; 16];
        packed.get_mut(..bytes.len())?.copy_from_slice(bytes);
        packed[15] = u8::try_from(bytes.len()).ok().filter(|&n| n < 16)?;
        Some(u128::from_le_bytes(packed))
    }

    fn get(&self, id: &str) -> Option<u32> {
        match Self::pack(id) {
            Some(packed) => self.short.get(&packed),
            None => self.long.get(id),
        }
        .copied()
    }

    fn reserve(&mut self, ids: usize) {
        self.short.reserve(ids);
    }

    fn insert(&mut self, id: &'d str, index: u32) {
        match Self::pack(id) {
            Some(packed) => self.short.insert(packed, index),
            None => self.long.insert(id, index),
        };
    }
}

#[derive(Clone)]
struct Validator<'d> {
    doc: &'d Document,
    origins: &'d Origins,
    problems: Vec<Problem>,
    /// Shared, so that a fork for another part of the relations costs nothing.
    entity_ids: Arc<IdMap<'d>>,
    type_ids: Arc<IdMap<'d>>,
    source_ids: Arc<IdMap<'d>>,
    relation_ids: FxHashMap<&'d str, usize>,
    suggestions: FxHashMap<String, Option<String>>,
}

impl<'d> Validator<'d> {
    fn new(doc: &'d Document, origins: &'d Origins) -> Self {
        Validator {
            doc,
            origins,
            problems: Vec::new(),
            entity_ids: Arc::default(),
            type_ids: Arc::default(),
            source_ids: Arc::default(),
            relation_ids: FxHashMap::default(),
            suggestions: FxHashMap::default(),
        }
    }

    fn error(&mut self, path: DocPath, message: String) {
        self.problems.push(Problem::error(path, message));
    }

    fn non_empty(&mut self, at: At, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.problems.push(
                Problem::error(
                    item_path(self.origins, at).key(field),
                    format!("`{field}` is empty"),
                )
                .with_hint(format!("give a non-empty `{field}`")),
            );
        }
    }

    /// Registers `id` in `ids`, reporting duplicates and empty ids.
    fn register(&mut self, collection: &'static str, index: usize, id: &'d str, ids: Ids) {
        let at = At { collection, index };
        self.non_empty(at, "id", id);
        let map = Arc::make_mut(match ids {
            Ids::Sources => &mut self.source_ids,
            Ids::Types => &mut self.type_ids,
            Ids::Entities => &mut self.entity_ids,
        });
        if let Some(first) = map.get(id) {
            let first_path = self.origins.path(collection, first as usize);
            self.problems.push(
                Problem::error(
                    item_path(self.origins, at).key("id"),
                    format!("duplicate id '{id}': {first_path} has it already"),
                )
                .with_hint("ids must be unique within their list; rename one of them"),
            );
        } else {
            map.insert(id, index as u32);
        }
    }

    /// Refuses control characters and noncharacters in every text of the file.
    fn check_text(&mut self) {
        self.head_text();
        self.list_text();
        let doc = self.doc;
        for (i, relation) in doc.relations.iter().enumerate() {
            self.relation_text(i, &relation.borrowed());
        }
        self.conflict_text();
    }

    /// Refuses forbidden characters in the title and description.
    fn head_text(&mut self) {
        let doc = self.doc;
        let root = DocPath::root();
        self.text(|| root.key("title"), &doc.title, true);
        if let Some(description) = &doc.description {
            self.text(|| root.key("description"), description, true);
        }
    }

    /// Refuses forbidden characters in the sources, types and entities.
    fn list_text(&mut self) {
        let doc = self.doc;
        for (i, source) in doc.sources.iter().enumerate() {
            let at = || self.origins.path("sources", i);
            self.text(|| at().key("id"), &source.id, false);
            for (field, value) in [
                ("title", &source.title),
                ("author", &source.author),
                ("publisher", &source.publisher),
            ] {
                self.text(|| at().key(field), value, true);
            }
            if let Some(url) = &source.url {
                self.text(|| at().key("url"), url, false);
            }
            if let Some(text) = &source.text {
                self.text(|| at().key("text"), text, false);
            }
        }
        for (i, relation_type) in doc.relation_types.iter().enumerate() {
            let at = || self.origins.path("relation_types", i);
            self.text(|| at().key("id"), &relation_type.id, false);
            self.text(|| at().key("label"), &relation_type.label, true);
            if let Some(color) = &relation_type.color {
                self.text(|| at().key("color"), color, false);
            }
            if let Some(description) = &relation_type.description {
                self.text(|| at().key("description"), description, true);
            }
        }
        for (i, entity) in doc.entities.iter().enumerate() {
            let at = || self.origins.path("entities", i);
            self.text(|| at().key("id"), &entity.id, false);
            self.text(|| at().key("name"), &entity.name, true);
            for (a, alias) in entity.aliases.iter().enumerate() {
                self.text(|| at().key("aliases").index(a), alias, true);
            }
            if let Some(description) = &entity.description {
                self.text(|| at().key("description"), description, true);
            }
        }
    }

    /// Refuses forbidden characters in the texts of relation `index`.
    fn relation_text(&mut self, index: usize, relation: &RelationRef<'_>) {
        let at = || self.origins.path("relations", index);
        self.text(|| at().key("id"), &relation.id, false);
        if let Some(label) = &relation.label {
            self.text(|| at().key("label"), label, true);
        }
        if let Some(inferred) = &relation.inferred {
            for (fact, note) in inferred.facts() {
                self.text(|| at().key("inferred").key(fact), note, true);
            }
        }
        self.evidence_text(&at, &relation.evidence);
    }

    fn conflict_text(&mut self) {
        let doc = self.doc;
        for (i, conflict) in doc.conflicts.iter().enumerate() {
            let at = || self.origins.path("conflicts", i);
            self.text(|| at().key("note"), &conflict.note, true);
            for (r, id) in conflict.relations.iter().enumerate() {
                self.text(|| at().key("relations").index(r), id, false);
            }
            let evidence: Vec<_> = conflict.evidence.iter().map(Evidence::borrowed).collect();
            self.evidence_text(&at, &evidence);
        }
    }

    /// Refuses forbidden characters in the quotes and translations of the
    /// item at `at()`.
    fn evidence_text(&mut self, at: &dyn Fn() -> DocPath, evidence: &[EvidenceRef<'_>]) {
        for (e, evidence) in evidence.iter().enumerate() {
            let item = || at().key("evidence").index(e);
            self.text(|| item().key("quote"), &evidence.quote, true);
            if let Some(translation) = &evidence.translation {
                self.text(|| item().key("translation"), translation, true);
            }
        }
    }

    /// Refuses a character `value` may not hold; `prose` allows line breaks
    /// and tabs. The path is built only for a problem.
    fn text(&mut self, path: impl Fn() -> DocPath, value: &str, prose: bool) {
        if let Some((position, c)) = forbidden_char(value, prose) {
            let what = if c.is_control() {
                "control character"
            } else {
                "Unicode noncharacter"
            };
            let allowed = if prose {
                "text may hold line breaks and tabs, but no other control character"
            } else {
                "ids and addresses hold no control character, line break or tab"
            };
            self.problems.push(
                Problem::error(
                    path(),
                    format!(
                        "holds the {what} {} at character {}",
                        describe(c),
                        position + 1
                    ),
                )
                .with_hint(format!("remove it: {allowed}")),
            );
        }
    }

    fn check_sources(&mut self) {
        for (i, source) in self.doc.sources.iter().enumerate() {
            self.register("sources", i, &source.id, Ids::Sources);
            let at = At {
                collection: "sources",
                index: i,
            };
            self.non_empty(at, "title", &source.title);
            self.date(at, "published", Some(&source.published));
        }
    }

    fn check_types(&mut self) {
        for (i, relation_type) in self.doc.relation_types.iter().enumerate() {
            self.register("relation_types", i, &relation_type.id, Ids::Types);
            let at = At {
                collection: "relation_types",
                index: i,
            };
            self.non_empty(at, "label", &relation_type.label);
        }
    }

    fn check_entities(&mut self) -> NameIndex {
        Arc::make_mut(&mut self.entity_ids).reserve(self.doc.entities.len());
        for (i, entity) in self.doc.entities.iter().enumerate() {
            self.register("entities", i, &entity.id, Ids::Entities);
            self.non_empty(
                At {
                    collection: "entities",
                    index: i,
                },
                "name",
                &entity.name,
            );
        }
        let every_name = self.doc.entities.iter().map(|e| 2 + e.aliases.len()).sum();
        let mut names = NameIndex::with_capacity(every_name);
        for (i, entity) in self.doc.entities.iter().enumerate() {
            let owner = names.claim(&entity.id, EntityIx::new(i));
            let first = &self.doc.entities[owner.index()].id;
            if *first != entity.id {
                let first_path = self.origins.path("entities", owner.index()).key("id");
                self.problems.push(
                    Problem::error(
                        self.origins.path("entities", i).key("id"),
                        format!(
                            "id '{}' differs from '{first}' ({first_path}) only in case",
                            entity.id
                        ),
                    )
                    .with_hint(
                        "entities are named in any case on the command line, so ids must \
                         differ by more than case: rename one of them",
                    ),
                );
            }
        }
        for (i, entity) in self.doc.entities.iter().enumerate() {
            self.claim_name(&mut names, i, None, &entity.name);
            for (a, alias) in entity.aliases.iter().enumerate() {
                self.claim_name(&mut names, i, Some(a), alias);
            }
        }
        names
    }

    /// Claims `name` for entity `index`: its name, or its alias `alias`.
    fn claim_name(
        &mut self,
        names: &mut NameIndex,
        index: usize,
        alias: Option<usize>,
        name: &str,
    ) {
        let path = || {
            let entity = self.origins.path("entities", index);
            match alias {
                Some(a) => entity.key("aliases").index(a),
                None => entity.key("name"),
            }
        };
        if name.trim().is_empty() {
            if alias.is_some() {
                self.error(path(), "empty alias".into());
            }
            return;
        }
        let owner = names.claim(name, EntityIx::new(index));
        if owner.index() != index {
            let other = &self.doc.entities[owner.index()];
            self.problems.push(
                Problem::error(
                    path(),
                    format!(
                        "'{name}' already names entity {} ({})",
                        other.id, other.name
                    ),
                )
                .with_hint(
                    "a name or alias must name one entity only; remove or change one of them",
                ),
            );
        }
    }

    fn check_relations(&mut self) -> Vec<Link> {
        let mut ids = std::mem::take(&mut self.relation_ids);
        ids.reserve(self.doc.relations.len());
        let mut links = Vec::with_capacity(self.doc.relations.len());
        for (i, relation) in self.doc.relations.iter().enumerate() {
            let at = At {
                collection: "relations",
                index: i,
            };
            self.non_empty(at, "id", &relation.id);
            if let Some(&first) = ids.get(relation.id.as_str()) {
                let first_path = self.origins.path("relations", first);
                self.problems.push(
                    Problem::error(
                        item_path(self.origins, at).key("id"),
                        format!(
                            "duplicate id '{}': {first_path} has it already",
                            relation.id
                        ),
                    )
                    .with_hint("relation ids must be unique; rename one of them"),
                );
            } else {
                ids.insert(&relation.id, i);
            }
            links.push(self.check_relation(at, &relation.borrowed()));
        }
        self.relation_ids = ids;
        links
    }

    fn check_relation(&mut self, at: At, relation: &RelationRef<'_>) -> Link {
        let source = self.entity_ref(at, "source", &relation.source);
        let target = self.entity_ref(at, "target", &relation.target);
        if source.is_some() && source == target {
            self.problems.push(
                Problem::error(
                    item_path(self.origins, at).key("target"),
                    format!("relation joins '{}' to itself", &*relation.target),
                )
                .with_hint("source and target must be two different entities"),
            );
        }
        let kind = self.type_ref(at, &relation.relation_type);
        let weight = self.weight(at, relation.weight);
        let since = self.date(at, "since", relation.since.as_deref());
        let until = self.date(at, "until", relation.until.as_deref());
        if let (Some(s), Some(u)) = (since, until)
            && s.start() > u.end()
        {
            self.problems.push(
                Problem::error(
                    item_path(self.origins, at).key("until"),
                    format!("`until` ({u}) is before `since` ({s})"),
                )
                .with_hint("swap the two dates, or correct the one that is wrong"),
            );
        }
        self.check_evidence(at, relation);
        let event = relation
            .event
            .unwrap_or_else(|| kind.is_some_and(|k| self.doc.relation_types[k as usize].event));
        if event && until.is_some() {
            self.problems.push(
                Problem::error(
                    item_path(self.origins, at).key("until"),
                    "an event has one date, its `since`: it has no `until`",
                )
                .with_hint("drop `until`, or write \"event\": false on the relation if it lasted"),
            );
        }
        self.check_inferred(at, relation, since.is_some() || until.is_some());
        Link {
            source: EntityIx(source.unwrap_or(0)),
            target: EntityIx(target.unwrap_or(0)),
            relation_type: TypeIx(kind.unwrap_or(0)),
            weight,
            since,
            until,
            event,
            inferred: InferredFacts::of(relation.inferred.as_ref()),
        }
    }

    /// Checks the notes of inferred facts, and warns when the label says
    /// that facts are inferred but `inferred` does not say which.
    fn check_inferred(&mut self, at: At, relation: &RelationRef<'_>, dated: bool) {
        let Some(inferred) = &relation.inferred else {
            if let Some(word) = relation.label.as_deref().and_then(inference_word) {
                self.problems.push(
                    Problem::warning(
                        item_path(self.origins, at).key("label"),
                        format!("the label says '{word}', but `inferred` does not say which fact"),
                    )
                    .with_hint(
                        "add \"inferred\": {\"date\": \"from what\"} (or \"parties\", \"direction\") \
                         so every output can mark it",
                    ),
                );
            }
            return;
        };
        let path = || item_path(self.origins, at).key("inferred");
        if inferred.facts().next().is_none() {
            self.problems.push(
                Problem::error(path(), "`inferred` names no fact").with_hint(
                    "give `parties`, `date` or `direction` with a note, or drop `inferred`",
                ),
            );
        }
        for (fact, note) in inferred.facts() {
            if note.trim().is_empty() {
                self.problems.push(
                    Problem::error(
                        path().key(fact),
                        format!("the note on the inferred {fact} is empty"),
                    )
                    .with_hint("say from what it was inferred (\"from context: …\")"),
                );
            }
        }
        if inferred.date.is_some() && !dated {
            self.problems.push(
                Problem::error(
                    path().key("date"),
                    "the date is marked inferred, but the relation has none",
                )
                .with_hint("give the inferred `since` (or `until`), or drop `inferred.date`"),
            );
        }
    }

    /// Checks every recorded conflict: two or more known, distinct
    /// relations, a note, and quotes from known sources.
    fn check_conflicts(&mut self, known: &dyn Fn(&str) -> bool) {
        for (i, conflict) in self.doc.conflicts.iter().enumerate() {
            let at = At {
                collection: "conflicts",
                index: i,
            };
            self.non_empty(at, "note", &conflict.note);
            let mut seen = FxHashMap::default();
            for (r, id) in conflict.relations.iter().enumerate() {
                let path = item_path(self.origins, at).key("relations").index(r);
                if seen.insert(id.as_str(), r).is_some() {
                    self.problems.push(
                        Problem::error(path, format!("relation '{id}' is listed twice"))
                            .with_hint("list each relation of the conflict once"),
                    );
                } else if !known(id) {
                    let known = self
                        .doc
                        .relations
                        .iter()
                        .map(|r| (r.id.as_str(), r.id.as_str()));
                    let problem = Problem::error(path, format!("unknown relation '{id}'"));
                    self.problems
                        .push(with_suggestion(problem, closest(id, known), "relations"));
                }
            }
            if conflict.relations.len() < 2 {
                self.problems.push(
                    Problem::error(
                        item_path(self.origins, at).key("relations"),
                        "a conflict is between two relations or more",
                    )
                    .with_hint("list every relation the contradiction concerns"),
                );
            }
            let evidence: Vec<_> = conflict.evidence.iter().map(Evidence::borrowed).collect();
            self.check_quotes(at, &evidence);
        }
    }

    fn check_evidence(&mut self, at: At, relation: &RelationRef<'_>) {
        if relation.evidence.is_empty() {
            self.problems.push(
                Problem::warning(
                    item_path(self.origins, at).key("id"),
                    format!("relation '{}' has no evidence", &*relation.id),
                )
                .with_hint("add an `evidence` item with the quote that states it"),
            );
        }
        self.check_quotes(at, &relation.evidence);
    }

    /// Checks the `evidence` of the item `at`: quotes not empty, sources known.
    fn check_quotes(&mut self, at: At, evidence: &[EvidenceRef<'_>]) {
        for (e, evidence) in evidence.iter().enumerate() {
            let item = || item_path(self.origins, at).key("evidence").index(e);
            if evidence.quote.trim().is_empty() {
                let problem = Problem::error(item().key("quote"), "`quote` is empty")
                    .with_hint("give the verbatim passage that states it");
                self.problems.push(problem);
            }
            if self.source_ids.get(&evidence.source).is_none()
                && !self.origins.was_dropped("sources", &evidence.source)
            {
                let problem = self.unknown_source(item().key("source"), &evidence.source);
                self.problems.push(problem);
            }
        }
    }

    fn weight(&mut self, at: At, weight: Option<f64>) -> f64 {
        let Some(weight) = weight else { return 1.0 };
        let problem = if !weight.is_finite() || weight <= 0.0 {
            Some(format!("weight {weight} is not a positive number"))
        } else if weight > MAX_WEIGHT {
            Some(format!(
                "weight {weight:e} is too large: weights go up to {MAX_WEIGHT}"
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            self.problems.push(
                Problem::error(item_path(self.origins, at).key("weight"), message).with_hint(
                    "use a number greater than 0 and at most 1000000, or leave `weight` out for 1",
                ),
            );
        }
        weight
    }

    fn date(&mut self, at: At, field: &str, text: Option<&str>) -> Option<PartialDate> {
        match text?.parse::<PartialDate>() {
            Ok(date) => Some(date),
            Err(err) => {
                self.problems.push(
                    Problem::error(item_path(self.origins, at).key(field), err.to_string())
                        .with_hint(
                            "write a real date as YYYY, YYYY-MM or YYYY-MM-DD, or a decade as 2000s",
                        ),
                );
                None
            }
        }
    }

    fn entity_ref(&mut self, at: At, field: &str, id: &str) -> Option<u32> {
        if let Some(index) = self.entity_ids.get(id) {
            return Some(index);
        }
        if !self.origins.was_dropped("entities", id) {
            let hint = self.entity_hint(id);
            let path = item_path(self.origins, at).key(field);
            let mut problem = Problem::error(path, format!("unknown entity '{id}'"));
            problem.hint = hint;
            self.problems.push(problem);
        }
        None
    }

    fn entity_hint(&mut self, id: &str) -> Option<String> {
        if let Some(hint) = self.suggestions.get(id) {
            return hint.clone();
        }
        if self.suggestions.len() >= MAX_SUGGESTED_NAMES {
            return None;
        }
        let entities = &self.doc.entities;
        let candidates = entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.names().map(move |name| (name, i)));
        let hint = closest(id, candidates).map(|i| {
            let entity = &entities[i];
            format!(
                "did you mean '{}' ({})? relations name entities by id: write \"{}\"",
                entity.name, entity.id, entity.id
            )
        });
        self.suggestions.insert(id.to_owned(), hint.clone());
        hint
    }

    fn type_ref(&mut self, at: At, id: &str) -> Option<u32> {
        if let Some(index) = self.type_ids.get(id) {
            return Some(index);
        }
        if !self.origins.was_dropped("relation_types", id) {
            let known = self
                .doc
                .relation_types
                .iter()
                .map(|t| (t.id.as_str(), t.id.as_str()));
            let path = item_path(self.origins, at).key("type");
            let problem = Problem::error(path, format!("unknown relation type '{id}'"));
            self.problems.push(with_suggestion(
                problem,
                closest(id, known),
                "relation_types",
            ));
        }
        None
    }

    fn unknown_source(&self, path: DocPath, id: &str) -> Problem {
        let known = self
            .doc
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.id.as_str()));
        let problem = Problem::error(path, format!("unknown source '{id}'"));
        with_suggestion(problem, closest(id, known), "sources")
    }
}

/// Words by which a label says that the editor inferred something.
const INFERENCE_WORDS: [&str; 5] = [
    "inferred",
    "implied",
    "from context",
    "presumably",
    "assumed",
];

/// The first of [`INFERENCE_WORDS`] that `label` holds, in any case.
fn inference_word(label: &str) -> Option<&'static str> {
    let lower = label.to_lowercase();
    INFERENCE_WORDS.into_iter().find(|w| lower.contains(w))
}

fn with_suggestion(problem: Problem, suggestion: Option<&str>, list: &str) -> Problem {
    match suggestion {
        Some(id) => problem.with_hint(format!("did you mean '{id}'?")),
        None => problem.with_hint(format!("define it in `{list}` first")),
    }
}

#[derive(Clone, Copy)]
enum Ids {
    Sources,
    Types,
    Entities,
}

#[cfg(test)]
mod tests {
    use super::IdMap;

    #[test]
    fn ids_short_and_long_are_told_apart() {
        let ids = [
            "",
            "a",
            "a\0",
            "ab",
            "fifteen bytes!!",
            "sixteen bytes!!!",
            "a much longer id than that",
            "é",
            "\0",
        ];
        let mut map = IdMap::default();
        for (i, id) in ids.iter().enumerate() {
            map.insert(id, i as u32);
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(map.get(id), Some(i as u32), "{id:?}");
        }
        assert_eq!(map.get("b"), None);
        assert_eq!(map.get("sixteen bytes!!?"), None);
        assert_eq!(map.short.len(), 7);
    }
}
