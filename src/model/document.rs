//! The graph file as written: serde structs that mirror `graph.json` field by field.
//!
//! References between records are still strings here; [`super::validate`]
//! checks them and resolves them into indices.

use serde::{Deserialize, Serialize};

/// A whole graph file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// What the graph is about.
    pub title: String,
    /// A longer description, shown in reports.
    #[serde(default)]
    pub description: Option<String>,
    /// The sources that evidence quotes come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The vocabulary of relation types.
    pub relation_types: Vec<RelationType>,
    /// The actors: countries, groups, organizations, people.
    pub entities: Vec<Entity>,
    /// Typed, dated relations between entities.
    pub relations: Vec<Relation>,
}

/// A document that evidence is quoted from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Identifier that evidence items refer to.
    pub id: String,
    /// Title of the work.
    pub title: String,
    /// Author(s).
    pub author: String,
    /// Publisher or outlet.
    pub publisher: String,
    /// Publication date (partial ISO date).
    pub published: String,
    /// Language of the text, as an ISO 639-1 code.
    pub language: String,
    /// Where to read it, if it is online.
    #[serde(default)]
    pub url: Option<String>,
}

/// Whether a kind of relation brings its parties together or sets them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Supply, alliance, purchase, support.
    Cooperative,
    /// Sanction, invasion, deterrence.
    Hostile,
    /// Neither.
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

    /// +1 for cooperative, -1 for hostile, 0 for neutral.
    pub fn sign(self) -> f64 {
        match self {
            Polarity::Cooperative => 1.0,
            Polarity::Hostile => -1.0,
            Polarity::Neutral => 0.0,
        }
    }
}

/// One kind of relation, defined by the data rather than by the program.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RelationType {
    /// Identifier that relations refer to.
    pub id: String,
    /// Human-readable name, used in diagrams and tables.
    pub label: String,
    /// Whether it is cooperative, hostile or neutral.
    pub polarity: Polarity,
    /// `false` when the relation runs both ways (an alliance, a summit).
    pub directed: bool,
    /// Graphviz colour for diagrams; a fixed palette is used when absent.
    #[serde(default)]
    pub color: Option<String>,
    /// What the type means.
    #[serde(default)]
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
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the entity is.
    pub kind: Kind,
    /// Other names it is known by, in any language.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A short description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A typed, dated, evidenced relation from `source` to `target`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Unique identifier.
    pub id: String,
    /// Entity id of the actor.
    pub source: String,
    /// Entity id of the counterpart.
    pub target: String,
    /// Relation type id.
    #[serde(rename = "type")]
    pub relation_type: String,
    /// Strength of the relation; 1 when absent. Finite and positive.
    #[serde(default)]
    pub weight: Option<f64>,
    /// When it began (partial ISO date).
    #[serde(default)]
    pub since: Option<String>,
    /// When it ended (partial ISO date); ongoing when absent.
    #[serde(default)]
    pub until: Option<String>,
    /// What the source says, in a few words.
    #[serde(default)]
    pub label: Option<String>,
    /// Quotes that state the relation.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A quote from a source that states a relation.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Source id.
    pub source: String,
    /// The passage, verbatim.
    pub quote: String,
    /// An English translation, when the source is in another language.
    #[serde(default)]
    pub translation: Option<String>,
}
