//! What every command shares: the global options, checked against the
//! command, and the graph they name, loaded once with the notes its user
//! should see.

use std::mem::ManuallyDrop;
use std::path::{Path, PathBuf};

use super::args::FilterArgs;
use crate::diagnostic::plural;
use crate::error::{Error, Usage};
use crate::graph::{Filter, RelGraph};
use crate::model::load::{CacheUse, Wanted, load_cached, load_hashed, load_wanting};
use crate::model::{Dataset, EntityIx, GraphInput, PartialDate, load};

/// The global options, before any graph is read.
#[derive(Debug, Clone)]
pub struct Globals {
    /// `--graph FILE`.
    pub graph: Option<PathBuf>,
    /// `--as-of DATE`.
    pub as_of: Option<PartialDate>,
    /// `--cache`.
    pub cache: bool,
}

impl Globals {
    /// Refuses `--as-of` for a command that does not use it, saying why.
    pub fn refuse_as_of(&self, command: &'static str, why: &str) -> Result<(), Error> {
        match self.as_of {
            Some(_) => Err(ignored("--as-of", command, why)),
            None => Ok(()),
        }
    }

    /// Refuses `--cache` for a command that would not use it, saying why.
    pub fn refuse_cache(&self, command: &'static str, why: &str) -> Result<(), Error> {
        match self.cache {
            true => Err(ignored("--cache", command, why)),
            false => Ok(()),
        }
    }

    /// Refuses `--graph` for a command that reads no graph, saying why.
    pub fn refuse_graph(&self, command: &'static str, why: &str) -> Result<(), Error> {
        match self.graph {
            Some(_) => Err(ignored("--graph", command, why)),
            None => Ok(()),
        }
    }

    /// `--graph FILE`, else `./graph.json` if it exists, else the embedded copy.
    pub fn input(&self) -> GraphInput {
        match &self.graph {
            Some(path) => GraphInput::File(path.clone()),
            None if Path::new("graph.json").is_file() => GraphInput::File("graph.json".into()),
            None => GraphInput::Embedded,
        }
    }

    /// Loads the graph, telling the user (on stderr) when it is the copy
    /// embedded in relgraph and, unless `quiet_warnings`, how many warnings it has.
    pub fn load(&self, quiet_warnings: bool) -> Result<Session, Error> {
        self.load_graph(quiet_warnings, Wanted::Few, false)
    }

    /// Loads the graph as [`Globals::load`] does, hashing its bytes as they are
    /// read (`Dataset::sha256`).
    pub fn load_hashed(&self, command: &'static str) -> Result<Session, Error> {
        self.refuse_cache(command, EVERY_RECORD)?;
        self.load_graph(false, Wanted::All, true)
    }

    /// Loads the graph as [`Globals::load`] does, for a command that shows
    /// every relation record more than once (a rendered diagram): they are all parsed
    /// while the file is read, on every core.
    pub fn load_every_record(&self, command: &'static str) -> Result<Session, Error> {
        self.refuse_cache(command, EVERY_RECORD)?;
        self.load_graph(false, Wanted::All, false)
    }

    /// Loads the graph for a listing that shows the records it lists: as
    /// [`Globals::load_every_record`] when it lists `every` relation (and
    /// `--cache` is not given), else as [`Globals::load`].
    pub fn load_for_listing(&self, every: bool, command: &'static str) -> Result<Session, Error> {
        if every && !self.cache {
            self.load_every_record(command)
        } else {
            self.load(false)
        }
    }

    fn load_graph(
        &self,
        quiet_warnings: bool,
        wanted: Wanted,
        hashed: bool,
    ) -> Result<Session, Error> {
        let input = self.input();
        let data = match &input {
            _ if hashed => load_hashed(&input)?,
            GraphInput::File(path) if self.cache => load_through_cache(path)?,
            _ => load_wanting(&input, wanted)?,
        };
        let graph = RelGraph::new(data);
        if input == GraphInput::Embedded {
            crate::stderr_line!(
                "note: no ./graph.json here: using the graph embedded in relgraph ({}); \
                 --graph FILE reads another",
                graph.data.doc.title
            );
        }
        let warnings = graph.data.warnings.warnings();
        if !quiet_warnings && warnings > 0 {
            crate::stderr_line!(
                "warning: {}: {}; `relgraph validate` shows them",
                graph.data.origin,
                plural(warnings, "warning")
            );
        }
        Ok(Session {
            input,
            graph: ManuallyDrop::new(graph),
            as_of: self.as_of,
        })
    }
}

/// Why `--cache` is refused by commands that show every relation record.
const EVERY_RECORD: &str = "it shows every relation's record, which the cache does not hold: \
     the cache speeds up questions that show a few (partners, rank, path, stats, validate), \
     diagrams (dot), exports and verify";

/// Loads the graph file at `path` through its cache, saying on stderr when
/// no cache could be used or written.
fn load_through_cache(path: &Path) -> Result<Dataset, Error> {
    let Some(folder) = cache_folder() else {
        crate::stderr_line!(
            "warning: --cache: no cache folder (set RELGRAPH_CACHE_DIR or HOME): reading {} without it",
            path.display()
        );
        return load(&GraphInput::File(path.to_owned()));
    };
    let (dataset, used) = load_cached(path, &folder)?;
    match used {
        CacheUse::Used | CacheUse::Written => {}
        CacheUse::NotCached => crate::stderr_line!(
            "note: --cache: {} has warnings, so it is not cached (`relgraph validate` shows them)",
            path.display()
        ),
        CacheUse::Failed(err) => crate::stderr_line!(
            "warning: --cache: the cache could not be written ({err}); the answer is not affected"
        ),
    }
    Ok(dataset)
}

/// Where `--cache` keeps caches: `$RELGRAPH_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/relgraph`, else `$HOME/.cache/relgraph`.
fn cache_folder() -> Option<PathBuf> {
    let set = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    set("RELGRAPH_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| set("XDG_CACHE_HOME").map(|dir| PathBuf::from(dir).join("relgraph")))
        .or_else(|| set("HOME").map(|home| PathBuf::from(home).join(".cache/relgraph")))
}

fn ignored(option: &'static str, command: &'static str, why: &str) -> Error {
    Usage::IgnoredOption {
        option,
        command,
        why: Some(why.to_owned()),
    }
    .into()
}

/// A loaded graph and the options every query applies to it.
pub struct Session {
    /// Where the graph came from.
    pub input: GraphInput,
    /// The graph. Never freed: a command loads it once, then the process
    /// ends and the system takes all its memory back at once, where freeing
    /// it piece by piece costs time for nothing (measured at 1,000,000
    /// relations: `rank --metric pagerank` 0.70 s without this, 0.66 s with).
    pub graph: ManuallyDrop<RelGraph>,
    /// `--as-of`, for the filters.
    pub as_of: Option<PartialDate>,
}

impl Session {
    /// The relation filter that `args` and `--as-of` describe.
    pub fn filter(&self, args: &FilterArgs) -> Result<Filter, Error> {
        let types = args
            .types
            .iter()
            .map(|t| self.graph.resolve_type(t))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Filter {
            types,
            polarity: args.polarity,
            as_of: self.as_of,
        })
    }

    /// The entity `name` names.
    pub fn entity(&self, name: &str) -> Result<EntityIx, Error> {
        self.graph.resolve_entity(name)
    }

    /// `Name (ID)` of an entity, for messages.
    pub fn describe(&self, entity: EntityIx) -> String {
        let entity = self.graph.data.entity(entity);
        format!("{} ({})", entity.name, entity.id)
    }

    /// Refuses to write to `out` when it is the graph being read.
    pub fn ensure_not_input(&self, out: Option<&Path>) -> Result<(), Error> {
        match out {
            Some(out) => crate::files::ensure_not_input(out, self.input.path()),
            None => Ok(()),
        }
    }
}
