//! The graph document an import writes: one relation per key of the
//! aggregate that has enough sources, the entities and types they name,
//! one source entry per file read; everything sorted, so the same input
//! always gives the same file.

use std::collections::BTreeSet;

use compact_str::{CompactString, format_compact};

use super::aggregate::{Cited, Tie};
use super::cameo::{self, quad_class_name};
use super::countries::{AreaKind, area};
use super::filter::{Key, Period};
use super::row::{Code, DayNumber, format_day};
use super::{Options, Weighting};
use crate::diagnostic::plural;
use crate::files::safe_stem;
use crate::model::document::{Document, Entity, Evidence, Kind, Relation, RelationType, Source};
use crate::model::validate::MAX_WEIGHT;

/// What was read from one file, for its source entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileInfo {
    /// The file's name, without its folder.
    pub name: String,
    /// Rows by number of fields: 57, 58, 61, other (malformed).
    pub rows: [u64; 4],
    /// The latest `DATEADDED` day of its rows.
    pub date_added: Option<DayNumber>,
    /// The latest `SQLDATE` of its rows.
    pub last_day: Option<DayNumber>,
}

impl FileInfo {
    /// `GDELT 1.0`, `GDELT 2.0`, or both, by the rows it holds.
    fn versions(&self) -> &'static str {
        match (self.rows[0] + self.rows[1] > 0, self.rows[2] > 0) {
            (true, true) => "GDELT 1.0 and 2.0",
            (true, false) => "GDELT 1.0",
            _ => "GDELT 2.0",
        }
    }
}

/// What the document holds, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Entities of kind `country`.
    pub countries: usize,
    /// Entities of kind `group` (CAMEO regions).
    pub groups: usize,
    /// Relations.
    pub relations: usize,
    /// Relation types.
    pub types: usize,
    /// Source entries (one per file with rows).
    pub sources: usize,
    /// Relations left out by `--min-sources`.
    pub thin_relations: u64,
    /// Their events.
    pub thin_events: u64,
    /// Events in the relations written.
    pub events: u64,
}

/// The document of the relations in `ties` that have at least
/// `options.min_sources` sources, read from `files`.
pub fn document(
    ties: impl IntoIterator<Item = (Key, Tie)>,
    files: &[FileInfo],
    options: &Options,
) -> (Document, Written) {
    let mut written = Written::default();
    let mut kept: Vec<(Key, Tie)> = Vec::new();
    for (key, tie) in ties {
        if tie.sources < options.min_sources {
            written.thin_relations += 1;
            written.thin_events += tie.events;
        } else {
            written.events += tie.events;
            kept.push((key, tie));
        }
    }
    kept.sort_unstable_by_key(|(key, _)| *key);
    let source_ids = source_ids(files);
    let sources = sources(files, &source_ids);
    let codes: BTreeSet<Code> = kept
        .iter()
        .flat_map(|(key, _)| [key.actor1(), key.actor2()])
        .collect();
    let roots: BTreeSet<u8> = kept.iter().map(|(key, _)| key.root()).collect();
    let entities: Vec<Entity> = codes.into_iter().map(entity).collect();
    let relations: Vec<Relation> = kept
        .iter()
        .map(|(key, tie)| relation(*key, tie, options, &source_ids))
        .collect();
    written.countries = entities.iter().filter(|e| e.kind == Kind::Country).count();
    written.groups = entities.len() - written.countries;
    written.relations = relations.len();
    written.types = roots.len();
    written.sources = sources.len();
    let doc = Document {
        title: title(&kept),
        description: Some(description(files, options)),
        sources,
        relation_types: roots.into_iter().map(relation_type).collect(),
        entities,
        relations,
        conflicts: Vec::new(),
    };
    (doc, written)
}

/// `GDELT events between countries, 2015-02-01 to 2015-02-18`.
fn title(kept: &[(Key, Tie)]) -> String {
    let first = kept.iter().map(|(_, tie)| tie.first).min();
    let last = kept.iter().map(|(_, tie)| tie.last).max();
    match (first, last) {
        (Some(first), Some(last)) => format!(
            "GDELT events between countries, {} to {}",
            format_day(first),
            format_day(last)
        ),
        _ => "GDELT events between countries".to_owned(),
    }
}

/// What the import did, in sentences, for the document's description.
fn description(files: &[FileInfo], options: &Options) -> String {
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    let shown = match names.len() {
        0..=3 => names.join(", "),
        more => format!("{} and {} more", names[..3].join(", "), more - 3),
    };
    let period = match options.period {
        Period::Month => "month",
        Period::Year => "year",
    };
    let weight = match options.weight {
        Weighting::Count => "the number of events (at most 1,000,000)",
        Weighting::Goldstein => {
            "the absolute mean Goldstein score of its events (at least 0.01; the type's \
             polarity, from QuadClass, gives the direction)"
        }
    };
    let mut text = format!(
        "Imported by relgraph import gdelt from {} ({shown}). One relation per actor-1 \
         country, actor-2 country, CAMEO root code and {period}, from the first to the last \
         day of its events; weight: {weight}. Each GLOBALEVENTID counted once; events of a \
         country with itself, or without both countries, left out; {}; relations with fewer \
         than {} (NumSources summed) left out.",
        plural(files.len(), "GDELT export file"),
        if options.all_events {
            "all events, root or not"
        } else {
            "root events only (IsRootEvent 1)"
        },
        plural(options.min_sources as usize, "source"),
    );
    for filter in filters(options) {
        text.push_str(&format!(" Only {filter}."));
    }
    text
}

/// The filters asked for, as phrases.
pub fn filters(options: &Options) -> Vec<String> {
    let mut phrases = Vec::new();
    if let Some(codes) = &options.countries {
        let codes: Vec<String> = codes.iter().map(Code::to_string).collect();
        phrases.push(format!("events between {}", codes.join(", ")));
    }
    if let Some(roots) = &options.root_codes {
        let roots: Vec<String> = roots.iter().map(|r| format!("{r:02}")).collect();
        phrases.push(format!("root codes {}", roots.join(", ")));
    }
    match (options.from, options.to) {
        (Some(from), Some(to)) => phrases.push(format!("events from {from} to {to}")),
        (Some(from), None) => phrases.push(format!("events from {from}")),
        (None, Some(to)) => phrases.push(format!("events to {to}")),
        (None, None) => {}
    }
    phrases
}

/// The source id of each file: `gdelt-` and its name made safe, unique.
fn source_ids(files: &[FileInfo]) -> Vec<CompactString> {
    let mut ids: Vec<CompactString> = Vec::with_capacity(files.len());
    for file in files {
        let base = format!("gdelt-{}", safe_stem(&file.name));
        let mut id = CompactString::from(base.as_str());
        let mut n = 2;
        while ids.contains(&id) {
            id = format_compact!("{base}-{n}");
            n += 1;
        }
        ids.push(id);
    }
    ids
}

/// One source entry per file with well-formed rows, dated by its latest
/// `DATEADDED` (else its latest event).
fn sources(files: &[FileInfo], ids: &[CompactString]) -> Vec<Source> {
    files
        .iter()
        .zip(ids)
        .filter_map(|(file, id)| {
            let published = file.date_added.or(file.last_day)?;
            Some(Source {
                id: id.clone(),
                title: format!("{} event export {}", file.versions(), file.name),
                author: "The GDELT Project".to_owned(),
                publisher: "The GDELT Project (gdeltproject.org)".to_owned(),
                published: format_day(published).into(),
                language: "en".into(),
                url: None,
                text: None,
            })
        })
        .collect()
}

fn entity(code: Code) -> Entity {
    let id = CompactString::from(code.to_string());
    let (name, kind, description) = match area(&id) {
        Some(area) if area.kind == AreaKind::Region => (
            CompactString::from(area.name),
            area.entity_kind(),
            format!("CAMEO code {id}: a region, not one state"),
        ),
        Some(area) => (
            CompactString::from(area.name),
            area.entity_kind(),
            format!("CAMEO country code {id}"),
        ),
        None => (
            format_compact!("{id} (unknown CAMEO code)"),
            Kind::Country,
            format!("CAMEO country code {id}, which relgraph's table of CAMEO codes does not name"),
        ),
    };
    Entity {
        id,
        name,
        kind,
        aliases: Box::default(),
        description: Some(description),
    }
}

fn relation_type(code: u8) -> RelationType {
    let root = cameo::root(code).unwrap_or(&cameo::ROOTS[0]);
    RelationType {
        id: root.type_id().into(),
        label: root.label(),
        polarity: root.polarity(),
        directed: true,
        event: false,
        color: None,
        description: Some(format!(
            "CAMEO root code {:02}, {}: {} (QuadClass {}). Each relation counts the GDELT \
             events of its source towards its target in one period.",
            root.code,
            root.name,
            quad_class_name(root.quad_class),
            root.quad_class
        )),
    }
}

fn relation(key: Key, tie: &Tie, options: &Options, source_ids: &[CompactString]) -> Relation {
    let (actor1, actor2) = (key.actor1().to_string(), key.actor2().to_string());
    let period = key.period();
    let type_id = format!("cameo_{:02}", key.root());
    Relation {
        id: format_compact!("{actor1}-{actor2}-{type_id}-{period}"),
        source: actor1.into(),
        target: actor2.into(),
        relation_type: type_id.into(),
        weight: Some(weight(tie, options.weight)),
        since: Some(format_day(tie.first).into()),
        until: Some(format_day(tie.last).into()),
        label: Some(label(tie, options.weight, &period)),
        event: None,
        inferred: None,
        evidence: tie
            .cited
            .iter()
            .map(|cited| evidence(cited, source_ids))
            .collect(),
    }
}

/// The weight: the number of events (at most [`MAX_WEIGHT`]), or the
/// absolute mean Goldstein score rounded to hundredths, at least 0.01 (a
/// weight must be above 0; the label keeps the signed mean).
pub fn weight(tie: &Tie, weighting: Weighting) -> f64 {
    match weighting {
        Weighting::Count => (tie.events as f64).min(MAX_WEIGHT),
        Weighting::Goldstein => ((tie.mean_goldstein().abs() * 100.0).round() / 100.0).max(0.01),
    }
}

/// `37 events, 112 mentions, 45 sources, 2015-02`, with the signed mean
/// Goldstein score under `--weight goldstein`.
fn label(tie: &Tie, weighting: Weighting, period: &str) -> String {
    let goldstein = match weighting {
        Weighting::Count => String::new(),
        Weighting::Goldstein => format!("mean Goldstein {:.2}, ", tie.mean_goldstein()),
    };
    format!(
        "{}, {goldstein}{}, {}, {period}",
        plural(tie.events as usize, "event"),
        plural(tie.mentions as usize, "mention"),
        plural(tie.sources as usize, "source"),
    )
}

fn evidence(cited: &Cited, source_ids: &[CompactString]) -> Evidence {
    let quote = match &cited.url {
        Some(url) => format!("{url} (GLOBALEVENTID {})", cited.id),
        None => format!("GLOBALEVENTID {} (the row has no SOURCEURL)", cited.id),
    };
    Evidence {
        source: source_ids[cited.file].clone(),
        quote,
        translation: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::Origins;
    use crate::model::read::gdelt::filter::period_number;
    use crate::model::validate::validate;

    fn code(text: &str) -> Code {
        Code::parse(text.as_bytes()).unwrap()
    }

    fn tie(events: u64, goldstein: f64, sources: u64) -> Tie {
        Tie {
            events,
            mentions: events * 3,
            sources,
            goldstein: goldstein * events as f64,
            first: 20150203,
            last: 20150227,
            cited: vec![
                Cited {
                    id: 7,
                    file: 0,
                    url: Some("http://example.com/a".into()),
                },
                Cited {
                    id: 8,
                    file: 1,
                    url: None,
                },
            ],
        }
    }

    fn files() -> Vec<FileInfo> {
        vec![
            FileInfo {
                name: "a.CSV".into(),
                rows: [0, 0, 10, 0],
                date_added: Some(20150218),
                last_day: Some(20150217),
            },
            FileInfo {
                name: "a.CSV".into(),
                rows: [5, 5, 0, 1],
                date_added: None,
                last_day: Some(20130101),
            },
        ]
    }

    fn key(a: &str, b: &str, root: u8) -> Key {
        Key::new(
            code(a),
            code(b),
            root,
            period_number(20150203, Period::Month),
        )
    }

    #[test]
    fn the_document_is_valid_and_sorted() {
        let ties = vec![
            (key("UKR", "RUS", 18), tie(2, -9.0, 4)),
            (key("RUS", "UKR", 15), tie(37, -7.2, 45)),
            (key("RUS", "WST", 4), tie(1, 1.0, 0)),
            (key("SSD", "XYZ", 4), tie(1, 0.0, 1)),
        ];
        let (doc, written) = document(ties, &files(), &Options::default());
        let outcome = validate(&doc, &Origins::default());
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        let ids: Vec<&str> = doc.relations.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "RUS-UKR-cameo_15-2015-02",
                "SSD-XYZ-cameo_04-2015-02",
                "UKR-RUS-cameo_18-2015-02"
            ]
        );
        let names: Vec<&str> = doc.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Russia",
                "South Sudan",
                "Ukraine",
                "XYZ (unknown CAMEO code)"
            ]
        );
        let types: Vec<&str> = doc.relation_types.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(types, ["cameo_04", "cameo_15", "cameo_18"]);
        assert_eq!((written.thin_relations, written.thin_events), (1, 1));
        assert_eq!(
            (written.relations, written.types, written.countries),
            (3, 3, 4)
        );
        let first = &doc.relations[0];
        assert_eq!(
            first.label.as_deref(),
            Some("37 events, 111 mentions, 45 sources, 2015-02")
        );
        assert_eq!(
            (first.since.as_deref(), first.until.as_deref()),
            (Some("2015-02-03"), Some("2015-02-27"))
        );
        assert_eq!(first.weight, Some(37.0));
        assert_eq!(
            first.evidence[0].quote,
            "http://example.com/a (GLOBALEVENTID 7)"
        );
        assert_eq!(first.evidence[1].source, "gdelt-a_CSV-2");
        let published: Vec<&str> = doc.sources.iter().map(|s| s.published.as_str()).collect();
        assert_eq!(published, ["2015-02-18", "2013-01-01"]);
        assert_eq!(doc.sources[1].title, "GDELT 1.0 event export a.CSV");
        assert_eq!(
            doc.title,
            "GDELT events between countries, 2015-02-03 to 2015-02-27"
        );
    }

    #[test]
    fn goldstein_weights_are_absolute_means_above_zero() {
        assert_eq!(weight(&tie(3, -7.2, 1), Weighting::Goldstein), 7.2);
        assert_eq!(weight(&tie(3, 2.345, 1), Weighting::Goldstein), 2.35);
        assert_eq!(weight(&tie(3, 0.0, 1), Weighting::Goldstein), 0.01);
        assert_eq!(weight(&tie(2_000_000, 1.0, 1), Weighting::Count), 1e6);
        assert_eq!(
            label(&tie(3, -7.2, 4), Weighting::Goldstein, "2015"),
            "3 events, mean Goldstein -7.20, 9 mentions, 4 sources, 2015"
        );
    }

    #[test]
    fn every_area_makes_a_valid_entity() {
        let codes = super::super::countries::AREAS.iter().map(|a| code(a.code));
        let doc = Document {
            title: "t".into(),
            description: None,
            sources: Vec::new(),
            relation_types: Vec::new(),
            entities: codes.map(entity).collect(),
            relations: Vec::new(),
            conflicts: Vec::new(),
        };
        let outcome = validate(&doc, &Origins::default());
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    }
}
