//! The graph file as written: serde structs that mirror `graph.json` field by field.
//!
//! References between records are still strings here; [`super::validate`]
//! checks them and resolves them into indices.

use std::borrow::Cow;
use std::cell::Cell;

use compact_str::CompactString;
use serde::de::{Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::relation_list::RelationList;

/// A whole graph file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// What the graph is about.
    pub title: String,
    /// A longer description, shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The sources that evidence quotes come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The vocabulary of relation types.
    pub relation_types: Vec<RelationType>,
    /// The actors: countries, groups, organizations, people.
    pub entities: Vec<Entity>,
    /// Typed, dated relations between entities.
    #[serde(deserialize_with = "relations_with_capacity")]
    pub relations: Vec<Relation>,
    /// Where the sources contradict themselves or each other: relations
    /// that may record one event, or whose dates clash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A borrowed selection of a [`Document`]'s records, serialised exactly as
/// a document holding those records would be.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView<'a> {
    /// What the graph is about.
    pub title: &'a str,
    /// A longer description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    /// The sources cited.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<&'a Source>,
    /// The relation types used.
    pub relation_types: Vec<&'a RelationType>,
    /// The entities.
    pub entities: Vec<&'a Entity>,
    /// The relations: held, or read from the graph file as they are
    /// written.
    pub relations: RelationList<'a>,
    /// The conflicts among these relations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<&'a Conflict>,
    /// Every relation type of the file the view is of, used or not: what a
    /// type's colour is counted among, so that it is the same whatever
    /// the view holds. Not written.
    #[serde(skip)]
    pub all_types: &'a [RelationType],
}

impl Document {
    /// The whole document, borrowed.
    pub fn view(&self) -> DocumentView<'_> {
        DocumentView {
            title: &self.title,
            description: self.description.as_deref(),
            sources: self.sources.iter().collect(),
            relation_types: self.relation_types.iter().collect(),
            entities: self.entities.iter().collect(),
            relations: RelationList::Held(self.relations.iter().collect()),
            conflicts: self.conflicts.iter().collect(),
            all_types: &self.relation_types,
        }
    }
}

impl<'a> DocumentView<'a> {
    /// The relation types, by id.
    pub fn types_by_id(&self) -> rustc_hash::FxHashMap<&'a str, &'a RelationType> {
        self.relation_types
            .iter()
            .map(|t| (t.id.as_str(), *t))
            .collect()
    }
}

/// A weight as people write it: `2`, not `2.0`.
fn weight_as_written<S: serde::Serializer>(
    weight: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match *weight {
        Some(w) if w.fract() == 0.0 && w.abs() < 1e15 => serializer.serialize_i64(w as i64),
        Some(w) => serializer.serialize_f64(w),
        None => serializer.serialize_none(),
    }
}

thread_local! {
    static RELATIONS_CAPACITY: Cell<usize> = const { Cell::new(0) };
}

/// Runs `parse` with room reserved for `capacity` relations.
///
/// Reserving up front lets a large list be read without growing (and so
/// copying and re-touching) the vector; untouched capacity costs no memory.
pub fn with_relations_capacity<T>(capacity: usize, parse: impl FnOnce() -> T) -> T {
    RELATIONS_CAPACITY.with(|c| c.set(capacity));
    let parsed = parse();
    RELATIONS_CAPACITY.with(|c| c.set(0));
    parsed
}

fn relations_with_capacity<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Relation>, D::Error> {
    struct RelationsVisitor;

    impl<'de> Visitor<'de> for RelationsVisitor {
        type Value = Vec<Relation>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of relations")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut relations = Vec::with_capacity(RELATIONS_CAPACITY.with(Cell::get));
            while let Some(relation) = seq.next_element()? {
                relations.push(relation);
            }
            Ok(relations)
        }
    }

    deserializer.deserialize_seq(RelationsVisitor)
}

/// A document that evidence is quoted from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Identifier that evidence items refer to.
    pub id: CompactString,
    /// Title of the work.
    pub title: String,
    /// Author(s).
    pub author: String,
    /// Publisher or outlet.
    pub publisher: String,
    /// Publication date (partial ISO date).
    pub published: CompactString,
    /// Language of the text, as an ISO 639-1 code.
    pub language: CompactString,
    /// Where to read it, if it is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// A local plain-text copy of the source, relative to the graph file's
    /// folder, that `relgraph verify` checks the quotes against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// Whether a kind of relation brings its parties together or sets them apart.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Supply, alliance, purchase, support.
    Cooperative,
    /// Sanction, invasion, deterrence.
    Hostile,
    /// Neither.
    #[default]
    Neutral,
}

impl Polarity {
    /// The lowercase name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Cooperative => "cooperative",
            Polarity::Hostile => "hostile",
            Polarity::Neutral => "neutral",
        }
    }

    /// Every polarity, in order.
    pub const ALL: [Polarity; 3] = [Polarity::Cooperative, Polarity::Hostile, Polarity::Neutral];

    /// +1 for cooperative, -1 for hostile, 0 for neutral.
    pub fn sign(self) -> f64 {
        match self {
            Polarity::Cooperative => 1.0,
            Polarity::Hostile => -1.0,
            Polarity::Neutral => 0.0,
        }
    }
}

impl std::str::FromStr for Polarity {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Polarity::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                format!("'{text}' is not a polarity: use cooperative, hostile or neutral")
            })
    }
}

/// One kind of relation, defined by the data rather than by the program.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelationType {
    /// Identifier that relations refer to.
    pub id: CompactString,
    /// Human-readable name, used in diagrams and tables.
    pub label: String,
    /// Whether it is cooperative, hostile or neutral.
    pub polarity: Polarity,
    /// `false` when the relation runs both ways (an alliance, a summit).
    pub directed: bool,
    /// `true` when its relations are events (a summit, a signing, a visit):
    /// they happen on their `since` date, have no `until`, and are active
    /// only during that date's period. `false` (the default): states (a
    /// partnership, sanctions, a supply) that last from `since` to `until`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub event: bool,
    /// Graphviz colour for diagrams; a fixed palette is used when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// What the type means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A state; ids are ISO 3166-1 alpha-3 codes.
    Country,
    /// Several actors acting together, or an unnamed collective.
    Group,
    /// An institution or company.
    Organization,
    /// A named individual.
    Person,
}

impl Kind {
    /// The lowercase name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::Group => "group",
            Kind::Organization => "organization",
            Kind::Person => "person",
        }
    }
}

/// An actor.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Identifier that relations refer to (ISO alpha-3 for countries).
    pub id: CompactString,
    /// Display name.
    pub name: CompactString,
    /// What the entity is.
    pub kind: Kind,
    /// Other names it is known by, in any language.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub aliases: Box<[CompactString]>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Entity {
    /// Every name the entity answers to: id, name, then aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(CompactString::as_str))
    }
}

/// A typed, dated, evidenced relation from `source` to `target`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Unique identifier.
    pub id: CompactString,
    /// Entity id of the actor.
    pub source: CompactString,
    /// Entity id of the counterpart.
    pub target: CompactString,
    /// Relation type id.
    #[serde(rename = "type")]
    pub relation_type: CompactString,
    /// Strength of the relation; 1 when absent. Finite and positive.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "weight_as_written"
    )]
    pub weight: Option<f64>,
    /// When it began (partial ISO date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<CompactString>,
    /// When it ended (partial ISO date); ongoing when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<CompactString>,
    /// What the source says, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Whether this relation is an event or a state, when it differs from
    /// its type's `event`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<bool>,
    /// The facts the editor inferred rather than read in the quotes, each
    /// with a note saying from what (boxed: most relations have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred: Option<Box<Inferred>>,
    /// Quotes that state the relation (a boxed slice: no spare capacity per relation).
    #[serde(default)]
    pub evidence: Box<[Evidence]>,
}

/// Which facts of a relation the editor inferred rather than read in its
/// quotes; each present field is a note saying from what. A fact whose
/// field is absent is stated by the quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Inferred {
    /// Who the parties are (the quote names them vaguely, or not at all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parties: Option<String>,
    /// When (`since` and `until`): dated from context, not by the quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who acts on whom (`source` to `target`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
}

impl Inferred {
    /// The inferred facts with their notes, in a fixed order.
    pub fn facts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("parties", &self.parties),
            ("date", &self.date),
            ("direction", &self.direction),
        ]
        .into_iter()
        .filter_map(|(fact, note)| note.as_deref().map(|n| (fact, n)))
    }
}

/// What kind of contradiction a [`Conflict`] records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// The relations may record one and the same event.
    SameEvent,
    /// The sources date the same thing in ways that clash.
    DisputedDate,
}

impl ConflictKind {
    /// How the kind reads in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            ConflictKind::SameEvent => "may be the same event",
            ConflictKind::DisputedDate => "disputed date",
        }
    }
}

/// A contradiction the editor found in the sources, between relations.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The relations concerned (ids, two or more).
    pub relations: Vec<CompactString>,
    /// What kind of contradiction.
    pub kind: ConflictKind,
    /// What clashes, and how the data resolves it for now.
    pub note: String,
    /// The quotes that clash.
    #[serde(default)]
    pub evidence: Box<[Evidence]>,
}

/// A quote from a source that states a relation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Source id.
    pub source: CompactString,
    /// The passage, verbatim.
    pub quote: String,
    /// An English translation, when the source is in another language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

/// A string read from a file: borrowed from the file's text when it holds
/// no escape, copied otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                text: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

fn text(value: &str) -> Text<'_> {
    Text(Cow::Borrowed(value))
}

/// A [`Relation`] whose strings are borrowed: read straight from a file's
/// text without copying, or lent by a parsed [`Relation`]
/// ([`Relation::borrowed`]). Its fields, names and rules are
/// [`Relation`]'s: whatever parses as one parses as the other, and
/// validation checks relations in this form whichever way they were read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationRef<'a> {
    /// [`Relation::id`].
    #[serde(borrow)]
    pub id: Text<'a>,
    /// [`Relation::source`].
    #[serde(borrow)]
    pub source: Text<'a>,
    /// [`Relation::target`].
    #[serde(borrow)]
    pub target: Text<'a>,
    /// [`Relation::relation_type`].
    #[serde(rename = "type", borrow)]
    pub relation_type: Text<'a>,
    /// [`Relation::weight`].
    #[serde(default)]
    pub weight: Option<f64>,
    /// [`Relation::since`].
    #[serde(default, borrow)]
    pub since: Option<Text<'a>>,
    /// [`Relation::until`].
    #[serde(default, borrow)]
    pub until: Option<Text<'a>>,
    /// [`Relation::label`].
    #[serde(default, borrow)]
    pub label: Option<Text<'a>>,
    /// [`Relation::event`].
    #[serde(default)]
    pub event: Option<bool>,
    /// [`Relation::inferred`].
    #[serde(default, borrow)]
    pub inferred: Option<InferredRef<'a>>,
    /// [`Relation::evidence`].
    #[serde(default, borrow)]
    pub evidence: Vec<EvidenceRef<'a>>,
}

/// [`Inferred`] with borrowed notes.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InferredRef<'a> {
    /// [`Inferred::parties`].
    #[serde(default, borrow)]
    pub parties: Option<Text<'a>>,
    /// [`Inferred::date`].
    #[serde(default, borrow)]
    pub date: Option<Text<'a>>,
    /// [`Inferred::direction`].
    #[serde(default, borrow)]
    pub direction: Option<Text<'a>>,
}

impl InferredRef<'_> {
    /// The inferred facts with their notes, in [`Inferred::facts`]' order.
    pub fn facts(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("parties", &self.parties),
            ("date", &self.date),
            ("direction", &self.direction),
        ]
        .into_iter()
        .filter_map(|(fact, note)| note.as_deref().map(|n| (fact, n)))
    }
}

/// What commands show of a relation record beside its link (diagrams'
/// tooltips, `verify`): its id, label, what was inferred and its evidence,
/// borrowed. Parsed from a record already checked, it skips the other fields.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Shown<'a> {
    /// [`Relation::id`].
    #[serde(borrow)]
    pub id: Text<'a>,
    /// [`Relation::label`].
    #[serde(default, borrow)]
    pub label: Option<Text<'a>>,
    /// [`Relation::inferred`].
    #[serde(default, borrow)]
    pub inferred: Option<InferredRef<'a>>,
    /// [`Relation::evidence`].
    #[serde(default, borrow)]
    pub evidence: Vec<EvidenceRef<'a>>,
}

/// [`Evidence`] with borrowed text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRef<'a> {
    /// [`Evidence::source`].
    #[serde(borrow)]
    pub source: Text<'a>,
    /// [`Evidence::quote`].
    #[serde(borrow)]
    pub quote: Text<'a>,
    /// [`Evidence::translation`].
    #[serde(default, borrow)]
    pub translation: Option<Text<'a>>,
}

impl Inferred {
    /// The notes, borrowed.
    pub fn borrowed(&self) -> InferredRef<'_> {
        InferredRef {
            parties: self.parties.as_deref().map(text),
            date: self.date.as_deref().map(text),
            direction: self.direction.as_deref().map(text),
        }
    }
}

impl Evidence {
    /// The quote, borrowed.
    pub fn borrowed(&self) -> EvidenceRef<'_> {
        EvidenceRef {
            source: text(&self.source),
            quote: text(&self.quote),
            translation: self.translation.as_deref().map(text),
        }
    }
}

impl Relation {
    /// What commands show of it beside its link, borrowed.
    pub fn shown(&self) -> Shown<'_> {
        Shown {
            id: text(&self.id),
            label: self.label.as_deref().map(text),
            inferred: self.inferred.as_deref().map(Inferred::borrowed),
            evidence: self.evidence.iter().map(Evidence::borrowed).collect(),
        }
    }

    /// The relation, borrowed.
    pub fn borrowed(&self) -> RelationRef<'_> {
        RelationRef {
            id: text(&self.id),
            source: text(&self.source),
            target: text(&self.target),
            relation_type: text(&self.relation_type),
            weight: self.weight,
            since: self.since.as_deref().map(text),
            until: self.until.as_deref().map(text),
            label: self.label.as_deref().map(text),
            event: self.event,
            inferred: self.inferred.as_deref().map(Inferred::borrowed),
            evidence: self.evidence.iter().map(Evidence::borrowed).collect(),
        }
    }
}
