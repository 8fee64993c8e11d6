//! The bundled graph.json against its source: every quote verbatim in the
//! article, every relation evidenced and translated, the actors and aliases
//! the article names.

use std::collections::HashSet;

use serde_json::Value;

use crate::test::root;

fn graph() -> Value {
    serde_json::from_slice(&std::fs::read(root().join("graph.json")).unwrap()).unwrap()
}

fn list<'a>(graph: &'a Value, key: &str) -> &'a Vec<Value> {
    graph[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` is not an array"))
}

/// The article, from `shared/` beside the checkout; CI always has it.
fn article() -> Option<String> {
    let path = root().join("../shared/sources/russia-north-korea.it.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) if std::env::var_os("CI").is_none() => {
            eprintln!("{} not found: quotes not checked", path.display());
            None
        }
        Err(err) => panic!("CI must have the article at {}: {err}", path.display()),
    }
}

#[test]
fn every_quote_is_verbatim_in_the_article() {
    let Some(article) = article() else { return };
    let graph = graph();
    let mut missing = Vec::new();
    for relation in list(&graph, "relations") {
        for evidence in relation["evidence"].as_array().unwrap() {
            let quote = evidence["quote"].as_str().unwrap();
            if !article.contains(quote) {
                missing.push(format!("{}: {quote}", relation["id"]));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "quotes not in the article:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_relation_has_translated_evidence_from_a_known_source() {
    let graph = graph();
    let sources: HashSet<&str> = list(&graph, "sources")
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for relation in list(&graph, "relations") {
        let evidence = relation["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{} has no evidence", relation["id"]);
        for item in evidence {
            assert!(
                sources.contains(item["source"].as_str().unwrap()),
                "{}",
                relation["id"]
            );
            let translation = item["translation"].as_str().unwrap_or("");
            assert!(
                !translation.trim().is_empty(),
                "{} lacks a translation",
                relation["id"]
            );
        }
    }
}

#[test]
fn the_source_is_the_article() {
    let graph = graph();
    let source = &list(&graph, "sources")[0];
    assert_eq!(source["author"], "Antoine Martin");
    assert_eq!(source["language"], "it");
    assert!(
        source["publisher"]
            .as_str()
            .unwrap()
            .contains("Haut Risque")
    );
    assert!(
        source["title"]
            .as_str()
            .unwrap()
            .starts_with("Russia e Nord Corea")
    );
}

#[test]
fn the_actors_have_iso_ids_and_the_articles_names() {
    let graph = graph();
    let entities = list(&graph, "entities");
    let names_of = |id: &str| -> Vec<String> {
        let entity = entities
            .iter()
            .find(|e| e["id"] == id)
            .unwrap_or_else(|| panic!("no entity {id}"));
        let mut names = vec![entity["name"].as_str().unwrap().to_owned()];
        names.extend(
            entity["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_owned()),
        );
        names
    };
    let expected = [
        ("RUS", "Russia", "Mosca"),
        ("PRK", "North Korea", "Corea del Nord"),
        ("CHN", "China", "Pechino"),
        ("USA", "United States", "Stati Uniti"),
        ("JPN", "Japan", "Giappone"),
        ("KOR", "South Korea", "Corea del Sud"),
        ("UKR", "Ukraine", "Ucraina"),
    ];
    for (id, name, italian) in expected {
        let names = names_of(id);
        assert!(names.contains(&name.to_owned()), "{id}: {names:?}");
        assert!(names.contains(&italian.to_owned()), "{id}: {names:?}");
    }
    assert!(names_of("PRK").contains(&"Pyongyang".to_owned()));
    assert!(names_of("PRK").contains(&"DPRK".to_owned()));
}

#[test]
fn unnamed_sanctioning_sides_say_so() {
    let graph = graph();
    for relation in list(&graph, "relations")
        .iter()
        .filter(|r| r["type"] == "sanctions")
    {
        let label = relation["label"].as_str().unwrap();
        assert!(label.contains("no sanctioning country named"), "{label}");
    }
}

#[test]
fn the_relations_the_article_states_are_there() {
    let graph = graph();
    let has = |source: &str, type_id: &str, target: &str| {
        list(&graph, "relations").iter().any(|r| {
            r["type"] == type_id
                && ((r["source"] == source && r["target"] == target)
                    || (r["source"] == target && r["target"] == source))
        })
    };
    let expected = [
        ("RUS", "invasion", "UKR"),
        ("WESTERN_SANCTIONERS", "sanctions", "RUS"),
        ("INTL_SANCTIONERS", "sanctions", "PRK"),
        ("CHN", "oil_gas_purchase", "RUS"),
        ("PRK", "arms_supply", "RUS"),
        ("PRK", "data_supply", "RUS"),
        ("RUS", "food_supply", "PRK"),
        ("RUS", "energy_supply", "PRK"),
        ("RUS", "technology_support", "PRK"),
        ("PRK", "summit", "RUS"),
        ("PRK", "military_cooperation", "RUS"),
        ("PRK", "diplomatic_support", "RUS"),
        ("PRK", "realignment", "RUS"),
        ("PRK", "disengagement", "CHN"),
        ("USA", "military_cooperation", "JPN"),
        ("KOR", "deterrence", "PRK"),
        ("JPN", "deterrence", "CHN"),
    ];
    for (source, type_id, target) in expected {
        assert!(
            has(source, type_id, target),
            "missing {source} {type_id} {target}"
        );
    }
}
