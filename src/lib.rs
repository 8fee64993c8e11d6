//! relgraph: evidence-backed relationship graphs between countries and other
//! actors, queried from the command line and drawn as Graphviz diagrams.
//!
//! Layers, from data to output; each module imports only from the ones above it:
//! - [`diagnostic`], [`error`] and [`files`]: problems found in inputs and how
//!   they are shown, the typed errors, and safe file writing, used by all;
//! - [`model`]: the graph file format, its readers, and validation;
//! - [`graph`]: the petgraph multigraph built from a dataset, filters, entity groups;
//! - [`listing`]: rows under named columns and relation facts, the vocabulary
//!   that answers describe themselves with (no output format);
//! - [`query`]: questions asked of the graph (entities, relations, partners,
//!   diagram selections), answered as plain data;
//! - [`analysis`]: one algorithm per module (paths, centrality, blocs,
//!   balance, timeline, diff, stats), answered as plain data;
//! - [`export`]: output formats, one file each behind one `Export` trait;
//! - [`render`]: diagrams drawn to SVG, PNG or PDF (Graphviz, or built in);
//! - [`report`]: the report folder, built from analyses and export formats;
//! - [`cli`]: command-line arguments turned into one validated config per
//!   command, and a short dispatch to the layers above.
//!
//! Where new code goes: a new analysis is a module under [`analysis`]; a new
//! output format is a file under [`export`]; a new input format is a reader
//! under [`model`].

#![warn(missing_docs)]

/// Writes a line to stderr, never panicking: a closed stderr (`2>&1 | head`)
/// must not turn an answer or an error into a crash with another exit code.
#[macro_export]
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Writes to stderr without a line break, never panicking (see [`stderr_line`]).
#[macro_export]
macro_rules! stderr_text {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

pub mod analysis;
pub mod cli;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod files;
pub mod graph;
pub mod listing;
pub mod model;
pub mod query;
pub mod render;
pub mod report;

pub use error::Error;
