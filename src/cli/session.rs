//! What every command shares: the global options, checked against the
//! command, and the graph they name, loaded once with the notes its user
//! should see.

use std::path::{Path, PathBuf};

use super::args::FilterArgs;
use crate::diagnostic::plural;
use crate::error::{Error, Usage};
use crate::graph::{Filter, RelGraph};
use crate::model::load::{Wanted, load_hashed, load_wanting};
use crate::model::{EntityIx, GraphInput, PartialDate};

/// The global options, before any graph is read.
#[derive(Debug, Clone)]
pub struct Globals {
    /// `--graph FILE`.
    pub graph: Option<PathBuf>,
    /// `--as-of DATE`.
    pub as_of: Option<PartialDate>,
}

impl Globals {
    /// Refuses `--as-of` for a command that does not use it, saying why.
    pub fn refuse_as_of(&self, command: &'static str, why: &str) -> Result<(), Error> {
        match self.as_of {
            Some(_) => Err(ignored("--as-of", command, why)),
            None => Ok(()),
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
    pub fn load_hashed(&self) -> Result<Session, Error> {
        self.load_graph(false, Wanted::All, true)
    }

    /// Loads the graph as [`Globals::load`] does, for a command that shows
    /// every relation record (a diagram, an export): they are all parsed
    /// while the file is read, on every core.
    pub fn load_every_record(&self) -> Result<Session, Error> {
        self.load_graph(false, Wanted::All, false)
    }

    fn load_graph(
        &self,
        quiet_warnings: bool,
        wanted: Wanted,
        hashed: bool,
    ) -> Result<Session, Error> {
        let input = self.input();
        let data = if hashed {
            load_hashed(&input)?
        } else {
            load_wanting(&input, wanted)?
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
            graph,
            as_of: self.as_of,
        })
    }
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
    /// The graph.
    pub graph: RelGraph,
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
