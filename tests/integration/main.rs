//! Integration tests: each runs the real `relgraph` binary.

mod data;
mod diagrams;
mod errors;
mod listings;
mod report;
mod robustness;
mod test;
