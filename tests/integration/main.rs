//! Integration tests: each runs the real `relgraph` binary.

mod analysis;
mod answers;
mod browser;
mod cache;
mod config;
mod data;
mod diagrams;
mod errors;
mod export_csv;
mod export_cypher;
mod export_gexf;
mod export_graphml;
mod export_json;
mod hostile;
mod import_csv;
mod import_gdelt;
mod listings;
mod properties;
mod rank_fixtures;
mod readme;
mod render;
mod report;
mod report_page;
mod robustness;
mod test;
mod verify;
