//! Loading a graph: where it comes from ([`GraphInput`]), reading it with a
//! [`Reader`], and validating what the reader yields into a [`Dataset`].

use std::path::{Path, PathBuf};

use super::Dataset;
use super::cache;
use super::read::json::JsonReader;
pub use super::read::json_fast::Wanted;
use super::read::{Parsed, Reader};
use super::records::Records;
use super::validate::validate;
use crate::diagnostic::{Diagnostics, Place, Problem, SourceText};
use crate::error::Error;
use crate::files::write_atomic;

/// The bundled graph file, embedded at build time.
pub const EMBEDDED: &[u8] = include_bytes!("../../graph.json");

/// Where the graph comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphInput {
    /// A file on disk.
    File(PathBuf),
    /// The copy of the bundled `graph.json` embedded in the binary.
    Embedded,
}

impl GraphInput {
    /// The file, when the graph comes from one.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            GraphInput::File(path) => Some(path),
            GraphInput::Embedded => None,
        }
    }

    /// The file's name without its folder, for documents that must not
    /// depend on where they were made.
    pub fn file_name(&self) -> String {
        match self {
            GraphInput::File(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            GraphInput::Embedded => "relgraph's bundled graph.json".to_owned(),
        }
    }

    /// The name used in messages.
    pub fn display_name(&self) -> String {
        match self {
            GraphInput::File(path) => path.display().to_string(),
            GraphInput::Embedded => "relgraph's bundled graph.json".to_owned(),
        }
    }
}

/// Reads and validates a graph.
///
/// A file is mapped into memory, not read. A clean file is loaded the fast
/// way ([`json_fast`](super::read::json_fast)), its records left in the
/// file until asked for; a file with any problem is read again by the full
/// reader, which finds and places every problem.
pub fn load(input: &GraphInput) -> Result<Dataset, Error> {
    load_wanting(input, Wanted::Few)
}

/// Reads and validates a graph as [`load`] does, parsing the records
/// `wanted` while the file is read.
pub fn load_wanting(input: &GraphInput, wanted: Wanted) -> Result<Dataset, Error> {
    load_json(&reader_of(input), wanted)
}

/// Reads and validates a graph, every record parsed, hashing its bytes
/// ([`Dataset::sha256`]): the hash is of exactly what was loaded.
pub fn load_hashed(input: &GraphInput) -> Result<Dataset, Error> {
    load_json(&reader_of(input).hashing(), Wanted::All)
}

/// What became of the cache when a graph was loaded with [`load_cached`].
#[derive(Debug)]
pub enum CacheUse {
    /// The cache was up to date and used.
    Used,
    /// The file was loaded and its cache written.
    Written,
    /// The file has problems (warnings): it is not cached.
    NotCached,
    /// The cache could not be written, for this reason.
    Failed(Error),
}

/// Loads the graph file at `path` as [`load`] does, through its cache in
/// `folder` ([`super::cache`]): the cache is used while the file is
/// unchanged, and (re)written otherwise.
pub fn load_cached(path: &Path, folder: &Path) -> Result<(Dataset, CacheUse), Error> {
    let input = GraphInput::File(path.to_owned());
    let reader = reader_of(&input);
    let text = reader.source_text()?;
    let key = cache::Key::of(path, text).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let at = cache::path_for(folder, path);
    let name = input.display_name();
    // Mapped, not read: the cache is in the page cache, and memory the
    // process would have to be given costs more than reading it there.
    if let Some(dataset) = SourceText::map(&at)
        .ok()
        .and_then(|cached| cache::decode(cached.as_bytes(), key, &name, text))
    {
        return Ok((dataset, CacheUse::Used));
    }
    let dataset = load_json(&reader, Wanted::Few)?;
    let Some(bytes) = cache::encode(&dataset, key) else {
        return Ok((dataset, CacheUse::NotCached));
    };
    let written = std::fs::create_dir_all(folder)
        .map_err(|source| Error::Write {
            path: folder.to_owned(),
            source,
        })
        .and_then(|()| write_atomic(&at, &bytes));
    let used = match written {
        Ok(()) => CacheUse::Written,
        Err(err) => CacheUse::Failed(err),
    };
    Ok((dataset, used))
}

fn load_json(reader: &JsonReader, wanted: Wanted) -> Result<Dataset, Error> {
    match reader.read_clean(wanted)? {
        Some(dataset) => Ok(dataset),
        None => load_from(reader),
    }
}

fn reader_of(input: &GraphInput) -> JsonReader<'_> {
    let name = input.display_name();
    match input {
        GraphInput::Embedded => JsonReader::bytes(name, EMBEDDED),
        GraphInput::File(path) => JsonReader::file(name, path),
    }
}

/// Parses and validates the JSON text of a graph file called `origin`.
pub fn parse(origin: &str, bytes: &[u8]) -> Result<Dataset, Error> {
    load_json(&JsonReader::bytes(origin, bytes), Wanted::Few)
}

/// Validates what `reader` reads: every problem, whatever the input format,
/// is found at once and placed in the input by the reader.
pub fn load_from(reader: &dyn Reader) -> Result<Dataset, Error> {
    let Parsed {
        mut doc,
        origins,
        mut problems,
    } = reader.read()?;
    let outcome = validate(&doc, &origins);
    problems.extend(outcome.problems.into_iter().map(|problem| Problem {
        place: match problem.place {
            Place::Path(path) => reader.place(path),
            other => other,
        },
        ..problem
    }));
    let diagnostics = if problems.is_empty() {
        Diagnostics::none(reader.name())
    } else {
        Diagnostics::new(reader.name(), problems, reader.text()?)
    };
    if diagnostics.has_errors() {
        return Err(Error::Invalid(Box::new(diagnostics)));
    }
    let records = Records::Parsed(std::mem::take(&mut doc.relations));
    Ok(Dataset {
        origin: reader.name(),
        doc,
        records,
        links: outcome.links,
        names: outcome.names,
        warnings: diagnostics,
        sha256: reader.sha256(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> String {
        match parse("t.json", text.as_bytes()) {
            Err(Error::Invalid(diagnostics)) => diagnostics.render(),
            Err(other) => panic!("unexpected error {other}"),
            Ok(_) => panic!("expected problems in {text}"),
        }
    }

    const MINIMAL: &str =
        r#"{"title": "t", "relation_types": [], "entities": [], "relations": []}"#;

    #[test]
    fn an_empty_graph_is_valid() {
        let dataset = parse("t.json", MINIMAL.as_bytes()).unwrap();
        assert!(dataset.links.is_empty());
    }

    #[test]
    fn the_embedded_graph_is_valid() {
        let dataset = parse("graph.json", EMBEDDED).unwrap();
        assert!(dataset.doc.entities.len() >= 7);
        assert!(dataset.warnings.is_empty());
    }

    #[test]
    fn type_errors_in_several_elements_are_all_reported() {
        let text = r#"{"title": "t", "relation_types": [],
            "entities": [{"id": 1, "name": "A", "kind": "country"},
                         {"id": "B", "name": "B", "kind": "planet"}],
            "relations": [], "extra": 1}"#;
        let report = problems_of(text);
        assert!(
            report.contains("entities[0].id: invalid type: integer `1`"),
            "{report}"
        );
        assert!(
            report.contains("entities[1].kind: unknown variant `planet`"),
            "{report}"
        );
        assert!(report.contains("extra: unknown field `extra`"), "{report}");
        assert!(report.contains("3 errors"), "{report}");
    }

    #[test]
    fn references_to_unparseable_entities_are_not_reported_twice() {
        let text = r#"{"title": "t",
            "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
            "entities": [{"id": "A", "name": "A", "kind": "country", "aliases": "AA"},
                         {"id": "B", "name": "B", "kind": "country"}],
            "relations": [{"id": "r", "source": "A", "target": "B", "type": "ally",
                           "evidence": [{"source": "s", "quote": "q"}]}]}"#;
        let report = problems_of(text);
        assert!(!report.contains("unknown entity 'A'"), "{report}");
        assert!(report.contains("unknown source 's'"), "{report}");
        assert!(report.contains("2 errors"), "{report}");
    }
}
