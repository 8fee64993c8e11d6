//! Properties on random graphs, with fixed seeds: diagrams draw every name
//! exactly as written, whatever its characters, and analyses do not depend
//! on the order of entities and relations in the file.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use relgraph::analysis::balance::balance;
use relgraph::analysis::blocs::blocs;
use relgraph::analysis::rank::scores::{Metric, Ranking, rank};
use relgraph::export::Export;
use relgraph::export::dot::DotExport;
use relgraph::graph::{Filter, RelGraph};
use relgraph::model::load::parse;
use relgraph::query::diagram::{DiagramOf, DiagramSpec, diagram};
use serde_json::{Value, json};

use crate::diagrams::renders;

fn config() -> Config {
    Config {
        cases: 256,
        rng_seed: RngSeed::Fixed(20261125),
        failure_persistence: None,
        ..Config::default()
    }
}

/// A graph file of `names.len()` entities and the `ties` between them.
fn graph_file(names: &[String], ties: &[(usize, usize, bool)]) -> Value {
    let n = names.len();
    let entities: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| json!({"id": format!("E{i}"), "name": name, "kind": "country"}))
        .collect();
    let relations: Vec<Value> = ties
        .iter()
        .enumerate()
        .filter(|(_, (a, b, _))| a % n != b % n)
        .map(|(r, &(a, b, friendly))| {
            json!({"id": format!("r{r}"), "source": format!("E{}", a % n),
                   "target": format!("E{}", b % n), "type": if friendly { "ally" } else { "foe" },
                   "evidence": [{"source": "s", "quote": "q"}]})
        })
        .collect();
    json!({
        "title": "property",
        "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p",
                     "published": "2024", "language": "en"}],
        "relation_types": [
            {"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false},
            {"id": "foe", "label": "foe", "polarity": "hostile", "directed": true}],
        "entities": entities,
        "relations": relations,
    })
}

fn load(file: &Value) -> RelGraph {
    RelGraph::new(parse("property.json", file.to_string().as_bytes()).expect("valid graph"))
}

/// The text of every `<text>` element of an SVG, entities decoded.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| {
            let inside = part.split_once('>')?.1;
            Some(unescape_xml(inside.split_once("</text>")?.0))
        })
        .collect()
}

fn unescape_xml(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let Some(end) = rest[at..].find(';') else {
            break;
        };
        let entity = &rest[at + 1..at + end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&rest[at..=at + end]),
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Names drawn from all of Unicode but what graph files refuse (control
/// characters, noncharacters) and blank names.
fn name() -> impl Strategy<Value = String> {
    "\\PC{1,10}".prop_filter("a name", |name| {
        !name.trim().is_empty()
            && relgraph::model::text::forbidden_char(name, false).is_none()
            && name.trim() == name
    })
}

#[test]
fn diagrams_draw_every_name_as_written() {
    let names = proptest::collection::vec(name(), 2..6).prop_filter("distinct names", |names| {
        let mut folded: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        folded.sort();
        folded.dedup();
        let is_id = |n: &String| {
            n.strip_prefix('e')
                .is_some_and(|d| d.parse::<u32>().is_ok())
        };
        folded.len() == names.len() && !folded.iter().any(is_id)
    });
    let strategy = (
        names,
        proptest::collection::vec((0usize..6, 0usize..6, any::<bool>()), 1..8),
    );
    proptest!(config(), |((names, ties) in strategy)| {
        let graph = load(&graph_file(&names, &ties));
        let selection = diagram(&graph, &Filter::default(), DiagramSpec::default());
        let dot = DotExport { legend: false, ..DotExport::default() }
            .export(&DiagramOf { graph: &graph, diagram: &selection })
            .unwrap();
        let dot = String::from_utf8(dot).unwrap();
        prop_assert!(graphviz_rust::parse(&dot).is_ok(), "DOT does not parse:\n{}", dot);
        if let Some(svg) = renders(&dot) {
            let texts = svg_texts(&svg);
            for name in &names {
                prop_assert!(
                    texts.iter().any(|t| t == name),
                    "{:?} not drawn as written; texts: {:?}", name, texts
                );
            }
        }
    });
}

/// Every score of every entity by id, the least frustration, the triangles.
type Analysed = (Vec<(String, [f64; 6])>, f64, Vec<[String; 3]>);

/// Scores by entity id, the least frustration, and the triangles, of `graph`.
/// (Which of several equally good bloc splits is returned may depend on the
/// order of the file: only the frustration is compared.)
fn analyses_of(graph: &RelGraph) -> Analysed {
    let filter = Filter::default();
    let Ranking::All(rows) = rank(graph, &filter, Metric::All, None) else {
        panic!("all metrics")
    };
    let mut scores: Vec<(String, [f64; 6])> = rows
        .into_iter()
        .map(|r| {
            let values = [
                r.degree,
                r.strength,
                r.betweenness,
                r.closeness,
                r.pagerank,
                r.eigenvector,
            ];
            (r.id, values)
        })
        .collect();
    scores.sort_by(|a, b| a.0.cmp(&b.0));
    let found = blocs(graph, &filter, None, false);
    let report = balance(graph, &filter, false);
    let mut triangles: Vec<[String; 3]> = report
        .labelled()
        .map(|(_, t)| {
            let mut members = report.entities_of(t).map(str::to_owned);
            members.sort();
            members
        })
        .collect();
    triangles.sort();
    (scores, found.frustration, triangles)
}

#[test]
fn analyses_do_not_depend_on_the_order_of_the_file() {
    let strategy = (
        2usize..9,
        proptest::collection::vec((0usize..9, 0usize..9, any::<bool>()), 1..20),
        any::<u64>(),
    );
    proptest!(config(), |((n, ties, seed) in strategy)| {
        let names: Vec<String> = (0..n).map(|i| format!("Entity {i}")).collect();
        let file = graph_file(&names, &ties);
        let mut shuffled = file.clone();
        for list in ["entities", "relations"] {
            let items = shuffled[list].as_array_mut().unwrap();
            let mut state = seed;
            for i in (1..items.len()).rev() {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                items.swap(i, (state >> 33) as usize % (i + 1));
            }
        }
        let (a, b) = (analyses_of(&load(&file)), analyses_of(&load(&shuffled)));
        prop_assert_eq!(&a.2, &b.2, "triangles differ");
        prop_assert!((a.1 - b.1).abs() < 1e-9, "frustration differs: {} {}", a.1, b.1);
        for ((id, x), (id2, y)) in a.0.iter().zip(&b.0) {
            prop_assert_eq!(id, id2);
            for (u, v) in x.iter().zip(y) {
                prop_assert!((u - v).abs() < 1e-9, "{}: {:?} against {:?}", id, x, y);
            }
        }
    });
}
