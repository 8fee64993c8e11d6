//! relgraph: evidence-backed relationship graphs between countries and other
//! actors, queried from the command line and drawn as Graphviz diagrams.
//!
//! Layers, from data to output:
//! - [`model`]: the graph file format, loading and validation;
//! - [`graph`]: the petgraph multigraph built from a dataset, and filters;
//! - [`query`]: questions asked of the graph, answered as plain data;
//! - [`export`]: output formats (table, JSON, CSV, DOT), each turning data into bytes;
//! - [`report`]: the report folder;
//! - [`cli`]: command-line arguments wired to the layers above.

#![warn(missing_docs)]

pub mod error;
pub mod model;

pub use error::Error;
pub mod analysis;
pub mod cli;
pub mod export;
pub mod files;
pub mod graph;
pub mod query;
pub mod render;
pub mod report;
