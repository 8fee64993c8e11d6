//! The errors relgraph reports, and the exit status each one maps to.

use std::io;
use std::path::PathBuf;

/// Everything that can go wrong in a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read '{}': {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("cannot write '{}': {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The graph file has problems; the report lists them all.
    #[error("{report}")]
    InvalidData {
        /// Rendered diagnostics, one per problem, and a count.
        report: String,
    },
    /// `validate --strict` found warnings.
    #[error("{report}validation failed: --strict treats warnings as errors")]
    StrictWarnings {
        /// Rendered warnings.
        report: String,
    },
    /// Output could not be formatted.
    #[error("cannot format the output as {format}: {reason}")]
    Format {
        /// The output format.
        format: &'static str,
        /// Why.
        reason: String,
    },
    /// A diagram could not be rendered.
    #[error("{0}")]
    Render(String),
    /// A name given on the command line matches nothing in the data.
    #[error("{0}")]
    NotFound(String),
    /// The command line asks for something impossible.
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// The process exit status: 2 for usage errors, 1 for everything else.
    pub fn code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}
