//! Analysis commands on the bundled article graph: answers an analyst can
//! check against the article, JSON shapes, and errors.

use serde_json::Value;

use crate::diagrams::renders;
use crate::test::{Test, ids_of, partner_relation_ids, root};

fn json(args: &[&str]) -> Value {
    let text = Test::new()
        .current_dir(&root())
        .args(args)
        .args(["--format", "json"])
        .stdout_text();
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{err}: {text}"))
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn japan_reaches_russia_through_north_korea_or_china() {
    let value = json(&["path", "Japan", "Mosca", "--all"]);
    assert_eq!(value["from"], "JPN");
    assert_eq!(value["to"], "RUS");
    assert_eq!(value["hops"], 2);
    let paths: Vec<Vec<String>> = value["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(strings)
        .collect();
    assert_eq!(paths, [["JPN", "PRK", "RUS"], ["JPN", "CHN", "RUS"]]);
    let first_hop = &value["steps"][0];
    assert_eq!(
        (first_hop["from"].as_str(), first_hop["to"].as_str()),
        (Some("JPN"), Some("PRK"))
    );
    assert_eq!(
        first_hop["relations"][0]["id"],
        "jpn-prk-trilateral-response-2023"
    );
}

#[test]
fn no_path_is_a_clear_error() {
    Test::new()
        .current_dir(&root())
        .args(["path", "USA", "UKR", "--chronological"])
        .status(1)
        .stderr_contains("no connection from United States (USA) to Ukraine (UKR) through relations in date order")
        .run();
    Test::new()
        .current_dir(&root())
        .args(["path", "Japan", "Russia", "--max-hops", "1"])
        .status(1)
        .stderr_contains("within 1 hop under these filters")
        .run();
}

#[test]
fn pagerank_is_a_distribution_sorted_by_score() {
    let value = json(&["rank", "--metric", "pagerank"]);
    let scores: Vec<f64> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert_eq!(scores.len(), 9);
    assert!((scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(value[0]["id"], "RUS");
}

#[test]
fn north_korea_has_the_most_partners() {
    // PRK: RUS, CHN, USA, JPN, KOR, INTL_SANCTIONERS; CHN: RUS, PRK, USA, JPN, KOR.
    let value = json(&["rank", "--metric", "degree", "--top", "2"]);
    let ids = ids_of(&value);
    assert_eq!(ids, ["PRK", "CHN"]);
    assert_eq!(value[0]["score"], 6.0);
}

#[test]
fn all_metrics_come_in_one_object_per_entity() {
    let value = json(&["rank", "--metric", "all"]);
    let first = value[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "betweenness",
            "closeness",
            "degree",
            "eigenvector",
            "id",
            "name",
            "pagerank",
            "strength"
        ]
    );
}

#[test]
fn blocs_split_the_article_into_two_camps() {
    let value = json(&["blocs"]);
    let blocs: Vec<Vec<String>> = value["blocs"]
        .as_array()
        .unwrap()
        .iter()
        .map(strings)
        .collect();
    let bloc_of = |id: &str| {
        blocs
            .iter()
            .position(|b| b.iter().any(|e| e == id))
            .unwrap()
    };
    assert_eq!(bloc_of("RUS"), bloc_of("PRK"));
    assert_eq!(bloc_of("USA"), bloc_of("JPN"));
    assert_eq!(bloc_of("USA"), bloc_of("KOR"));
    assert_ne!(bloc_of("USA"), bloc_of("PRK"));
    assert_eq!(value["optimal"], true);
    assert!(value["frustration"].is_number());
    assert!(value["frustrating"].is_array());
}

#[test]
fn balance_counts_triangles() {
    let value = json(&["balance"]);
    assert_eq!(value["triangles"], 11);
    assert_eq!(value["balanced"], 11);
    assert_eq!(value["unbalanced_count"], 0);
    assert_eq!(value["ratio"], 1.0);
}

#[test]
fn timeline_orders_dated_relations_and_keeps_undated_apart() {
    let value = json(&["timeline", "--from", "2022", "--to", "2022"]);
    let dated = ids_of(&value["dated"]);
    assert_eq!(
        dated,
        [
            "west-rus-sanctions-2022",
            "chn-rus-oil-gas-purchases-2022",
            "rus-prk-turn-to-asia",
            "prk-rus-ballistic-missiles",
            "prk-rus-munitions",
            "rus-prk-food-support",
            "rus-prk-energy-support",
            "rus-prk-industrial-support",
            "prk-rus-backs-ukraine-intervention",
            "rus-ukr-invasion-2022",
            "ukr-rus-resistance-2022"
        ]
    );
    // The relations tied to the war in Ukraine are dated 2022, inferred.
    assert_eq!(
        value["dated"][2]["inferred"]["date"]
            .as_str()
            .map(|n| n.starts_with("from context")),
        Some(true)
    );
    assert_eq!(value["undated"].as_array().unwrap().len(), 10);
    assert!(value["dated"][0]["evidence"][0]["translation"].is_string());
}

#[test]
fn diff_shows_what_changed_since_2022() {
    let value = json(&["diff", "2021", "2024"]);
    let began = ids_of(&value["began"]);
    assert!(began.contains(&"rus-ukr-invasion-2022"), "{began:?}");
    assert!(
        began.contains(&"prk-rus-satellite-switch-2024"),
        "{began:?}"
    );
    assert!(value["ended"].as_array().unwrap().is_empty());
    let ukraine = value["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["entity"] == "UKR")
        .unwrap();
    assert_eq!(strings(&ukraine["gained"]), ["RUS"]);
}

#[test]
fn stats_describe_the_graph() {
    let value = json(&["stats"]);
    assert_eq!(value["entities"], 9);
    assert_eq!(value["relations"], 38);
    assert_eq!(value["components"], 1);
    assert_eq!(
        value["dated"].as_u64().unwrap() + value["undated"].as_u64().unwrap(),
        38
    );
}

#[test]
fn diagrams_can_be_coloured_and_clustered_by_bloc() {
    let text = Test::new()
        .current_dir(&root())
        .args(["dot", "--color-by", "bloc", "--cluster-by", "bloc"])
        .stdout_text();
    // Blocs are named after their members, never "bloc 1".
    assert!(
        text.contains(r#"label="Russia, North Korea, China""#),
        "{text}"
    );
    assert!(!text.contains("bloc 1"), "{text}");
    assert!(graphviz_rust::parse(&text).is_ok());
    renders(&text);
    let text = Test::new()
        .current_dir(&root())
        .args(["dot", "--cluster-by", "kind"])
        .stdout_text();
    assert!(text.contains(r#"label="group""#), "{text}");
    assert!(graphviz_rust::parse(&text).is_ok());
    renders(&text);
}

#[test]
fn analysis_arguments_are_checked() {
    Test::new()
        .args(["rank", "--metric", "fame"])
        .status(2)
        .stderr_contains("possible values")
        .run();
    Test::new()
        .args(["blocs", "--max-blocs", "0"])
        .status(2)
        .stderr_contains("0 is not in 1..")
        .run();
    Test::new()
        .args(["path", "Japan", "Atlantis"])
        .status(1)
        .stderr_contains("unknown entity 'Atlantis'")
        .run();
    Test::new()
        .args(["--as-of", "2022", "diff", "2021", "2024"])
        .status(2)
        .stderr_contains("leave out --as-of")
        .run();
    Test::new()
        .args(["diff", "2021", "2023-02-30"])
        .status(2)
        .stderr_contains("has no day 30")
        .run();
}

#[test]
fn evidence_explains_ties_and_changes() {
    let value = json(&["balance", "--evidence"]);
    let tie = &value["balanced_triangles"][0]["ties"][0];
    assert!(
        tie["evidence"][0]["quote"]
            .as_str()
            .unwrap()
            .starts_with("Isolata più che mai"),
        "{tie}"
    );
    let value = json(&["diff", "2021", "2024", "--evidence"]);
    assert!(value["began"][0]["evidence"][0]["translation"].is_string());
    let value = json(&["blocs"]);
    assert!(value["frustrating"].as_array().unwrap().is_empty());
}

#[test]
fn the_war_relations_are_not_active_before_2022() {
    let value = json(&["--as-of", "2021", "partners", "North Korea"]);
    let relations: Vec<&str> = partner_relation_ids(&value);
    for war in [
        "prk-rus-munitions",
        "prk-rus-ballistic-missiles",
        "rus-prk-food-support",
        "prk-rus-backs-ukraine-intervention",
        "rus-prk-turn-to-asia",
    ] {
        assert!(!relations.contains(&war), "{war} in 2021: {relations:?}");
    }
    assert!(
        relations.contains(&"prk-rus-ties-since-2000s"),
        "{relations:?}"
    );
}

#[test]
fn events_are_active_only_in_their_period_and_the_timeline_keeps_them() {
    Test::new()
        .current_dir(&root())
        .args(["--as-of", "2025", "relations", "--type", "summit"])
        .status(1)
        .stderr_contains("no relations match")
        .run();
    let in_2019 = json(&["--as-of", "2019-06", "relations", "--type", "summit"]);
    assert_eq!(ids_of(&in_2019), ["prk-rus-vladivostok-summit-2019"]);
    let timeline = Test::new()
        .current_dir(&root())
        .args(["timeline", "--format", "csv"])
        .stdout_text();
    assert!(
        timeline.contains("\n2019,(event),prk-rus-vladivostok-summit-2019,"),
        "{timeline}"
    );
    assert!(
        timeline.contains("\n2022?,,prk-rus-munitions,"),
        "{timeline}"
    );
    assert!(
        timeline.contains("\n2000s,,prk-rus-ties-since-2000s,"),
        "{timeline}"
    );
}

/// A graph file of `n` entities on a ring, with a chord from each entity to
/// the one `7i + 3` places on: enough entities and shortest paths for
/// sampled betweenness to differ from seed to seed.
fn ring_with_chords(n: usize) -> String {
    let entities: Vec<Value> = (0..n)
        .map(|i| serde_json::json!({"id": format!("E{i:02}"), "name": format!("Entity {i}"), "kind": "country"}))
        .collect();
    let relations: Vec<Value> = (0..n)
        .flat_map(|i| [(i, (i + 1) % n), (i, (7 * i + 3) % n)])
        .filter(|(a, b)| a != b)
        .enumerate()
        .map(|(r, (a, b))| {
            serde_json::json!({"id": format!("r{r}"), "source": format!("E{a:02}"),
                               "target": format!("E{b:02}"), "type": "ally",
                               "evidence": [{"source": "s", "quote": "q"}]})
        })
        .collect();
    serde_json::json!({
        "title": "ring",
        "sources": [{"id": "s", "title": "S", "author": "a", "publisher": "p",
                     "published": "2024", "language": "en"}],
        "relation_types": [
            {"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
        "entities": entities,
        "relations": relations,
    })
    .to_string()
}

#[test]
fn rank_samples_and_seed_go_with_betweenness_only() {
    for metric in ["pagerank", "degree", "closeness", "all"] {
        Test::new()
            .args(["rank", "--metric", metric, "--samples", "5"])
            .status(2)
            .stderr_contains(&format!("rank --metric {metric} does not use --samples"))
            .stderr_contains("give --metric betweenness")
            .run();
    }
    // PageRank is the default metric.
    Test::new()
        .args(["rank", "--samples", "5", "--seed", "1"])
        .status(2)
        .stderr_contains("rank --metric pagerank does not use --samples")
        .run();
    Test::new()
        .args(["rank", "--metric", "eigenvector", "--seed", "1"])
        .status(2)
        .stderr_contains("does not use --seed")
        .run();
    Test::new()
        .args(["rank", "--metric", "betweenness", "--seed", "1"])
        .status(2)
        .stderr_contains("give --samples K too")
        .run();
    Test::new()
        .args(["rank", "--metric", "betweenness", "--samples", "0"])
        .status(2)
        .stderr_contains("0 is not in 1..")
        .run();
}

#[test]
fn rank_sampled_betweenness_depends_only_on_the_seed() {
    let graph = ring_with_chords(60);
    let rank = |extra: &[&str]| {
        Test::new()
            .graph_text(&graph)
            .args(["rank", "--metric", "betweenness", "--format", "json"])
            .args(extra)
            .stdout_text()
    };
    let first = rank(&["--samples", "12", "--seed", "7"]);
    assert_eq!(first, rank(&["--samples", "12", "--seed", "7"]));
    assert_ne!(first, rank(&["--samples", "12", "--seed", "8"]));
    let value: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(ids_of(&value).len(), 60);
    // Without --seed, the documented default seed 0.
    assert_eq!(
        rank(&["--samples", "12"]),
        rank(&["--samples", "12", "--seed", "0"])
    );
    // As many samples as entities (or more) is the exact answer.
    let exact = rank(&[]);
    assert_eq!(rank(&["--samples", "60", "--seed", "3"]), exact);
    assert_eq!(rank(&["--samples", "1000"]), exact);
}
