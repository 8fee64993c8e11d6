//! Integration tests: each runs the real `relgraph` binary.

mod analysis;
mod data;
mod diagrams;
mod errors;
mod listings;
mod readme;
mod render;
mod report;
mod report_page;
mod robustness;
mod test;
