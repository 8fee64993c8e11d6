//! The whole pipeline on arbitrary bytes: whatever loads goes through every
//! query, every analysis and every export without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use relgraph::analysis::balance::balance;
use relgraph::analysis::blocs::blocs;
use relgraph::analysis::diff::diff;
use relgraph::analysis::path::{PathOptions, shortest_paths};
use relgraph::analysis::rank::scores::{Metric, rank};
use relgraph::analysis::stats::stats;
use relgraph::analysis::timeline::timeline;
use relgraph::export::dot::DotExport;
use relgraph::export::mermaid::MermaidExport;
use relgraph::export::{Export, ListingFormat};
use relgraph::graph::{Filter, RelGraph};
use relgraph::listing::Listing;
use relgraph::model::load::parse;
use relgraph::query::diagram::{Detail, DiagramOf, DiagramSpec, diagram};
use relgraph::query::entities::entities;
use relgraph::query::partners::{PartnerOptions, partners};
use relgraph::query::relations::relations;

/// Prints `listing` in every listing format.
fn print_all(listing: &(dyn Listing + 'static)) {
    for format in [
        ListingFormat::Table,
        ListingFormat::Json,
        ListingFormat::Csv,
        ListingFormat::Markdown,
    ] {
        let _ = format.exporter(Some(80)).export(listing);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(dataset) = parse("fuzz.json", data) else { return };
    let graph = RelGraph::new(dataset);
    let data = &graph.data;
    let filter = Filter::default();
    print_all(&entities(&graph, &filter));
    print_all(&relations(&graph, &filter, None, true));
    let everyone: Vec<_> = data.entity_indices().collect();
    if let (Some(&first), Some(&last)) = (everyone.first(), everyone.last()) {
        print_all(&partners(&graph, first, &filter, PartnerOptions::default()));
        for options in [
            PathOptions::default(),
            PathOptions {
                directed: true,
                all: true,
                chronological: true,
                evidence: true,
                max_hops: Some(3),
            },
        ] {
            if let Some(found) = shortest_paths(&graph, &filter, first, last, &options) {
                print_all(&found);
            }
        }
    }
    print_all(&rank(&graph, &filter, Metric::All, None));
    print_all(&blocs(&graph, &filter, Some(2), true));
    print_all(&balance(&graph, &filter, true));
    print_all(&timeline(&graph, &filter, None, None));
    print_all(&stats(&graph, &filter));
    if let (Ok(from), Ok(to)) = ("2000".parse(), "2024".parse()) {
        print_all(&diff(&graph, &filter, from, to, true));
    }
    for detail in [Detail::Auto, Detail::Merge, Detail::Expand] {
        let selection = diagram(&graph, &filter, DiagramSpec { detail, ..DiagramSpec::default() });
        let drawn = DiagramOf {
            graph: &graph,
            diagram: &selection,
        };
        let _ = DotExport {
            legend: true,
            ..DotExport::default()
        }
        .export(&drawn);
        let _ = MermaidExport {
            title: data.doc.title.clone(),
            rankdir: Default::default(),
        }
        .export(&drawn);
    }
});
