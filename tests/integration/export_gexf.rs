//! `relgraph export --format gexf`, read back by NetworkX (where Python
//! with NetworkX is installed; CI installs it): every node and edge, with
//! every attribute, equal to the graph file's; each relation's dates as
//! its edge's start and end; colours as in the DOT diagrams; filters.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde_json::{Value, json};

use crate::export_graphml::{
    check_edges, check_generated, check_nodes, edges_by_id, expected_edge, export, graph_file,
    graphs_to_read_back, python_with_networkx, read_by_networkx,
};
use crate::test::{Test, root};

const VIZ: &str = "http://gexf.net/1.3/viz";

/// `date` (YYYY, YYYY-MM, YYYY-MM-DD or a decade, YYY0s) as the first or,
/// when `last`, the last day of its period, YYYY-MM-DD.
fn widened(date: &str, last: bool) -> String {
    if let Some(decade) = date.strip_suffix('s') {
        let year: u32 = decade.parse().unwrap();
        return if last {
            format!("{:04}-12-31", year + 9)
        } else {
            format!("{year:04}-01-01")
        };
    }
    let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let (year, month, day) = match (parts.as_slice(), last) {
        ([y], false) => (*y, 1, 1),
        ([y], true) => (*y, 12, 31),
        ([y, m], false) => (*y, *m, 1),
        ([y, m], true) => (*y, *m, days_in_month(*y, *m)),
        ([y, m, d], _) => (*y, *m, *d),
        _ => panic!("not a date: {date}"),
    };
    format!("{year:04}-{month:02}-{day:02}")
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The first and last day of `relation` (an event when `event`): its
/// `since` and `until` widened; an event's, its `since`'s period.
fn expected_spell(relation: &Value, event: bool) -> (Option<String>, Option<String>) {
    let date = |field: &str| relation.get(field).and_then(Value::as_str);
    let since = date("since");
    let until = if event { since } else { date("until") };
    (
        since.map(|d| widened(d, false)),
        until.map(|d| widened(d, true)),
    )
}

/// What NetworkX reads for `relation`'s edge: the GraphML attributes, and
/// its start and end.
fn expected_gexf_edge(relation: &Value, types: &[Value]) -> Value {
    let mut data = expected_edge(relation, types);
    let (start, end) = expected_spell(relation, data["event"].as_bool().unwrap());
    for (field, day) in [("start", start), ("end", end)] {
        if let Some(day) = day {
            data[field] = json!(day);
        }
    }
    data
}

/// Each edge's `viz:color`, by edge id, as `#rrggbb`.
fn edge_colors(gexf: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(gexf).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|edge| {
            let color = edge
                .children()
                .find(|c| c.has_tag_name((VIZ, "color")))
                .unwrap_or_else(|| panic!("no viz:color in {edge:?}"));
            let channel = |name| color.attribute(name).unwrap().parse::<u8>().unwrap();
            let hex = format!(
                "#{:02x}{:02x}{:02x}",
                channel("r"),
                channel("g"),
                channel("b")
            );
            (edge.attribute("id").unwrap().to_owned(), hex)
        })
        .collect()
}

/// Exports `graph_path` as GEXF and checks everything NetworkX reads in it
/// against the graph file: nodes (labels too), edges with every attribute
/// and their start and end, one colour per type, its own when it has one.
fn check(graph_path: &Path, python: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = export(graph_path, "gexf", &[], dir.path());
    let read = read_by_networkx(python, &out, "gexf");
    let graph = graph_file(graph_path);
    assert_eq!(read["directed"], true);
    assert_eq!(
        read["graph"]["mode"], "dynamic",
        "Gephi's timeline needs it"
    );
    for (id, node) in check_nodes(&read, &graph) {
        assert_eq!(node["label"], node["name"], "{id}: the label is the name");
    }
    check_edges(&read, &graph, expected_gexf_edge);
    let relations = graph["relations"].as_array().unwrap();
    let types = graph["relation_types"].as_array().unwrap();
    let colors = edge_colors(&out);
    let mut color_of_type: HashMap<&str, &str> = HashMap::new();
    for relation in relations {
        let kind = relation["type"].as_str().unwrap();
        let color = colors[relation["id"].as_str().unwrap()].as_str();
        let first = *color_of_type.entry(kind).or_insert(color);
        assert_eq!(color, first, "one colour for every relation of {kind}");
    }
    for kind in types {
        if let (Some(own), Some(color)) = (
            kind["color"].as_str(),
            color_of_type.get(kind["id"].as_str().unwrap()),
        ) {
            assert_eq!(own.to_lowercase(), *color, "{}", kind["id"]);
        }
    }
}

#[test]
fn networkx_reads_every_attribute_of_the_bundled_and_hostile_graphs() {
    if let Some(python) = python_with_networkx() {
        graphs_to_read_back()
            .iter()
            .for_each(|graph| check(graph, &python));
    }
}

#[test]
fn networkx_reads_every_attribute_of_a_generated_10000_relation_graph() {
    if let Some(python) = python_with_networkx() {
        check_generated(&python, check);
    }
}

/// A graph with every shape of date: partial, decade, open ends, events.
const DATED: &str = r#"{
  "title": "Dates",
  "relation_types": [
    {"id": "state", "label": "State", "polarity": "cooperative", "directed": true},
    {"id": "meet", "label": "Meeting", "polarity": "neutral", "directed": false, "event": true}
  ],
  "entities": [
    {"id": "A", "name": "Aland", "kind": "country"},
    {"id": "B", "name": "Bland", "kind": "country"},
    {"id": "C", "name": "Cland", "kind": "country"}
  ],
  "relations": [
    {"id": "year-month", "source": "A", "target": "B", "type": "state", "since": "2022", "until": "2023-05"},
    {"id": "parallel", "source": "A", "target": "B", "type": "state", "since": "2022", "until": "2023-05"},
    {"id": "day-event", "source": "A", "target": "C", "type": "meet", "since": "2024-07-04"},
    {"id": "month-event", "source": "B", "target": "C", "type": "meet", "since": "2023-09"},
    {"id": "leap-event", "source": "C", "target": "A", "type": "state", "since": "2024-02", "event": true},
    {"id": "decade", "source": "C", "target": "B", "type": "state", "since": "2010s", "until": "2010s"},
    {"id": "open-start", "source": "B", "target": "A", "type": "state", "until": "2022"},
    {"id": "undated", "source": "C", "target": "A", "type": "state"}
  ]
}"#;

#[test]
fn dates_become_spells_widened_to_their_periods_and_events_last_a_day() {
    let Some(python) = python_with_networkx() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("dated.json");
    std::fs::write(&graph, DATED).unwrap();
    let out = export(&graph, "gexf", &[], dir.path());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("mode=\"dynamic\" timeformat=\"date\""),
        "{text}"
    );
    let edges = edges_by_id(&read_by_networkx(&python, &out, "gexf"));
    let spell = |id: &str| {
        let data = &edges[id]["data"];
        (data.get("start").cloned(), data.get("end").cloned())
    };
    let days = |start: &str, end: &str| (Some(json!(start)), Some(json!(end)));
    assert_eq!(spell("year-month"), days("2022-01-01", "2023-05-31"));
    assert_eq!(spell("parallel"), days("2022-01-01", "2023-05-31"));
    assert_eq!(spell("day-event"), days("2024-07-04", "2024-07-04"));
    assert_eq!(spell("month-event"), days("2023-09-01", "2023-09-30"));
    assert_eq!(spell("leap-event"), days("2024-02-01", "2024-02-29"));
    assert_eq!(spell("decade"), days("2010-01-01", "2019-12-31"));
    assert_eq!(spell("open-start"), (None, Some(json!("2022-12-31"))));
    assert_eq!(spell("undated"), (None, None));
    assert_eq!(edges["day-event"]["data"]["directed"], false);
    assert_eq!(edges["day-event"]["data"]["event"], true);
}

/// The relation ids in a GEXF export of the bundled graph with `args`.
fn exported_ids(python: &Path, args: &[&str]) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let out = export(&root().join("graph.json"), "gexf", args, dir.path());
    edges_by_id(&read_by_networkx(python, &out, "gexf"))
        .into_keys()
        .collect()
}

/// The relation ids `relgraph relations` lists with `args`.
fn listed_ids(args: &[&str]) -> BTreeSet<String> {
    let text = Test::new()
        .graph(&root().join("graph.json"))
        .args(["relations", "--format", "json"])
        .args(args)
        .stdout_text();
    let listed: Value = serde_json::from_str(&text).unwrap();
    crate::test::ids_of(&listed)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[test]
fn type_and_as_of_filters_choose_the_exported_relations() {
    let Some(python) = python_with_networkx() else {
        return;
    };
    let graph = graph_file(&root().join("graph.json"));
    let relations = graph["relations"].as_array().unwrap();
    let types = graph["relation_types"].as_array().unwrap();

    let summits = exported_ids(&python, &["--type", "summit"]);
    let expected: BTreeSet<String> = relations
        .iter()
        .filter(|r| r["type"] == "summit")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(summits, expected);

    for period in ["2022", "2023-06", "2024-07-04"] {
        let exported = exported_ids(&python, &["--as-of", period]);
        assert_eq!(exported, listed_ids(&["--as-of", period]), "{period}");
        // The same relations as those whose spell overlaps the period.
        let (first, last) = (widened(period, false), widened(period, true));
        let overlapping: BTreeSet<String> = relations
            .iter()
            .filter(|r| {
                let data = expected_gexf_edge(r, types);
                data.get("start")
                    .is_none_or(|s| s.as_str().unwrap() <= &*last)
                    && data
                        .get("end")
                        .is_none_or(|e| e.as_str().unwrap() >= &*first)
            })
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(exported, overlapping, "{period}");
        assert!(exported.len() < relations.len(), "{period} filters nothing");
    }
}

/// The value of DOT attribute `name` in `line`, quoted without escapes.
fn dot_attribute<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let (_, rest) = [" ", "["]
        .iter()
        .find_map(|before| line.split_once(&format!("{before}{name}=\"")))?;
    Some(rest.split_once('"')?.0)
}

#[test]
fn edge_colours_are_the_dot_diagrams_type_colours() {
    // Filtered, each type keeps the colour it has in the whole graph's
    // diagrams (its hue counted among all the file's types).
    let filters: [&[&str]; 3] = [&[], &["--type", "sanctions"], &["--type", "visit"]];
    for filter in filters {
        let compared = compare_colours_with_dot(filter);
        let enough = if filter.is_empty() { 10 } else { 1 };
        assert!(
            compared.len() >= enough,
            "too few types compared with DOT ({filter:?}): {compared:?}"
        );
    }
}

/// The type labels whose GEXF colour (exported with `filter`) was found
/// equal to their colour in `dot --expand` with the same filter.
fn compare_colours_with_dot(filter: &[&str]) -> BTreeSet<String> {
    let graph_path = root().join("graph.json");
    let graph = graph_file(&graph_path);
    let dir = tempfile::tempdir().unwrap();
    let colors = edge_colors(&export(&graph_path, "gexf", filter, dir.path()));
    let types = graph["relation_types"].as_array().unwrap();
    let mut gexf_color: HashMap<&str, &str> = HashMap::new();
    for relation in graph["relations"].as_array().unwrap() {
        let Some(color) = colors.get(relation["id"].as_str().unwrap()) else {
            continue;
        };
        let kind = types.iter().find(|t| t["id"] == relation["type"]).unwrap();
        gexf_color.insert(kind["label"].as_str().unwrap(), color);
    }
    // Each DOT edge drawn for one relation: label "Type label (year)",
    // colour "#hue" or, with parallel strokes, "#hue:#ffffff:#hue".
    let dot = Test::new()
        .graph(&graph_path)
        .args(["dot", "--expand", "--no-legend"])
        .args(filter)
        .stdout_text();
    let mut compared = BTreeSet::new();
    for line in dot.lines().filter(|l| l.contains(" -> ")) {
        let (Some(label), Some(color)) =
            (dot_attribute(line, "label"), dot_attribute(line, "color"))
        else {
            continue;
        };
        let hue = color.split(':').next().unwrap();
        let Some((&type_label, &gexf)) = gexf_color
            .iter()
            .find(|(t, _)| label == **t || label.starts_with(&format!("{t} (")))
        else {
            continue;
        };
        assert_eq!(gexf, hue, "{type_label} ({filter:?})");
        compared.insert(type_label.to_owned());
    }
    compared
}
