//! `relgraph import`: graph files built from other formats.

pub mod csv;
pub mod gdelt;
