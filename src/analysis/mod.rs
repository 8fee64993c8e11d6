//! Analyses of the graph, one module per question. Each is a pure function
//! from the graph (after the `--as-of`, `--type` and `--polarity` filters) to
//! a result that derives `Serialize`; printing is left to
//! the export layer.
//!
//! Shared definitions live in [`ties`]: the *partner graph* (two entities are
//! partners when they share at least one active relation) and the *signed
//! tie* of a pair (the sum over its relations of +weight for cooperative,
//! -weight for hostile and 0 for neutral ones).

pub mod balance;
pub mod blocs;
pub mod diff;
pub mod path;
pub mod rank;
pub mod stats;
pub mod ties;
pub mod timeline;
