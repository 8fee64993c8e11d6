//! No input makes relgraph panic: damaged copies of real files and random
//! JSON-like text all end in a value or an error.

use proptest::prelude::*;
use relgraph::model::load::parse;

use crate::test::root;

fn bundled() -> Vec<u8> {
    std::fs::read(root().join("graph.json")).unwrap()
}

#[test]
fn every_truncation_of_the_bundled_graph_is_an_error_not_a_panic() {
    let bytes = bundled();
    for end in (0..bytes.len()).step_by(97) {
        assert!(
            parse("cut.json", &bytes[..end]).is_err(),
            "prefix of {end} bytes parsed"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn damaged_bytes_never_panic(at in 0usize..30_000, byte in any::<u8>(), count in 1usize..4) {
        let mut bytes = bundled();
        let at = at % bytes.len();
        for offset in 0..count {
            if let Some(b) = bytes.get_mut(at + offset) {
                *b = byte;
            }
        }
        let _ = parse("damaged.json", &bytes);
    }

    #[test]
    fn json_like_text_never_panics(text in r#"[\{\}\[\]",:0-9a-z\\ \n]{0,200}"#) {
        let _ = parse("random.json", text.as_bytes());
    }

    #[test]
    fn any_string_values_never_panic(id in "\\PC{0,12}", date in "\\PC{0,12}", weight in any::<f64>()) {
        let doc = serde_json::json!({
            "title": "t",
            "relation_types": [{"id": "t", "label": "T", "polarity": "neutral", "directed": false}],
            "entities": [{"id": id, "name": id, "kind": "country"}, {"id": "B", "name": "B", "kind": "group"}],
            "relations": [{"id": "r", "source": id, "target": "B", "type": "t", "since": date,
                           "weight": if weight.is_finite() { serde_json::json!(weight) } else { serde_json::json!(null) },
                           "evidence": [{"source": "s", "quote": date}]}],
        });
        let _ = parse("generated.json", doc.to_string().as_bytes());
    }
}
