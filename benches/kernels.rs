//! In-process kernels on a generated graph: parsing and validating, building
//! the graph, partners, PageRank, betweenness and DOT writing.
//!
//! `cargo bench` generates the graph once with `scripts/gen_graph.py`
//! (seed 1) into `target/bench/`; `RELGRAPH_BENCH_SIZE=ENTITIES/RELATIONS`
//! picks another size than 10,000 / 50,000. Whole-process timings beside
//! igraph are `scripts/compare.sh`'s job.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use relgraph::analysis::rank::betweenness;
use relgraph::analysis::rank::pagerank::pagerank;
use relgraph::analysis::ties::{PartnerGraph, weighted_arcs};
use relgraph::export::Export;
use relgraph::export::dot::DotExport;
use relgraph::graph::{Filter, RelGraph};
use relgraph::model::EntityIx;
use relgraph::model::load::parse;
use relgraph::query::diagram::{DiagramOf, DiagramSpec, diagram};
use relgraph::query::partners::{PartnerOptions, partners};

fn main() {
    divan::main();
}

/// The generated graph file's text.
fn text() -> &'static [u8] {
    static TEXT: OnceLock<Vec<u8>> = OnceLock::new();
    TEXT.get_or_init(|| {
        let size = std::env::var("RELGRAPH_BENCH_SIZE").unwrap_or_else(|_| "10000/50000".into());
        let (entities, relations) = size.split_once('/').expect("ENTITIES/RELATIONS");
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let path = root.join(format!("target/bench/graph-{entities}-{relations}.json"));
        if !path.exists() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let made = Command::new("python3")
                .arg(root.join("scripts/gen_graph.py"))
                .args([
                    "--entities",
                    entities,
                    "--relations",
                    relations,
                    "--seed",
                    "1",
                ])
                .arg("--out")
                .arg(&path)
                .status()
                .expect("python3 runs scripts/gen_graph.py");
            assert!(made.success(), "scripts/gen_graph.py failed");
        }
        std::fs::read(&path).unwrap()
    })
}

fn graph() -> &'static RelGraph {
    static GRAPH: OnceLock<RelGraph> = OnceLock::new();
    GRAPH.get_or_init(|| RelGraph::new(parse("bench.json", text()).unwrap()))
}

/// The entity with the most relations.
fn hub() -> EntityIx {
    let graph = graph();
    let mut degree = vec![0usize; graph.data.doc.entities.len()];
    for link in &graph.data.links {
        degree[link.source.index()] += 1;
        degree[link.target.index()] += 1;
    }
    let most = (0..degree.len()).max_by_key(|&e| (degree[e], std::cmp::Reverse(e)));
    EntityIx::new(most.unwrap())
}

#[divan::bench(sample_count = 10)]
fn parse_and_validate() -> usize {
    parse("bench.json", divan::black_box(text()))
        .unwrap()
        .links
        .len()
}

#[divan::bench(sample_count = 10)]
fn build_graph(bencher: divan::Bencher) {
    bencher
        .with_inputs(|| parse("bench.json", text()).unwrap())
        .bench_values(|data| {
            let graph = RelGraph::new(data);
            graph.petgraph();
            graph
        });
}

#[divan::bench]
fn partners_of_the_hub(bencher: divan::Bencher) {
    let (graph, hub) = (graph(), hub());
    bencher.bench(|| partners(graph, hub, &Filter::default(), PartnerOptions::default()));
}

#[divan::bench(sample_count = 20)]
fn pagerank_whole_graph() -> Vec<f64> {
    let graph = graph();
    let arcs = weighted_arcs(graph, &Filter::default());
    pagerank(graph.data.doc.entities.len(), &arcs)
}

#[divan::bench(sample_count = 3)]
fn betweenness_exact() -> Vec<f64> {
    let adjacency = PartnerGraph::build(graph(), &Filter::default()).adjacency();
    betweenness(&adjacency)
}

#[divan::bench(sample_count = 10)]
fn dot_whole_graph() -> usize {
    let graph = graph();
    let selection = diagram(graph, &Filter::default(), DiagramSpec::default());
    let exporter = DotExport {
        title: "bench".into(),
        legend: true,
        ..DotExport::default()
    };
    let mut sink = std::io::sink();
    exporter
        .write_to(
            &DiagramOf {
                graph,
                diagram: &selection,
            },
            &mut sink,
        )
        .unwrap();
    selection.edges.len()
}
