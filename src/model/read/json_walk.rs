//! Reading what a diagram or `verify` shows of a relation record
//! ([`Shown`]) straight from its JSON text, by walking its keys with the
//! [`Scanner`] instead of serde's general machinery: only the shown values
//! are decoded, the others skipped.
//!
//! The record must be one the loader has checked. The walk handles the
//! usual form (plain keys, each once; an `inferred` object and escaped
//! strings left to serde_json) and declines anything else; the caller then
//! parses the record with serde, which gives the same [`Shown`]. A property
//! test holds the walk to serde's reading on records of every shape.
//!
//! (Walking whole records this way when the loader checks them, instead of
//! serde, was measured too: no faster, so the loader keeps serde.)

use std::borrow::Cow;

use super::json_scan::Scanner;
use crate::model::document::{EvidenceRef, Shown, Text};

/// The [`Shown`] fields of `record`, a checked relation record, or `None`
/// when the record is not in the form this walk reads.
pub fn shown(record: &[u8]) -> Option<Shown<'_>> {
    let mut shown = Shown {
        id: Text(Cow::Borrowed("")),
        label: None,
        inferred: None,
        evidence: Vec::new(),
    };
    let mut has_id = false;
    let mut scanner = Scanner::new(record);
    object(&mut scanner, |key, scanner| {
        match key {
            b"id" => {
                shown.id = string(scanner.value()?)?;
                has_id = true;
            }
            b"label" => shown.label = optional(scanner.value()?, string)?,
            b"inferred" => shown.inferred = by_serde(scanner.value()?)?,
            b"evidence" => shown.evidence = evidence(scanner)?,
            _ => {
                scanner.value()?;
            }
        }
        Some(())
    })?;
    (has_id && scanner.at_end()).then_some(shown)
}

/// Sets `field` to `value`, declining a field read before.
fn once<T>(field: &mut Option<T>, value: T) -> Option<()> {
    field.replace(value).is_none().then_some(())
}

/// `value` parsed by serde_json, for the values whose rules are its own
/// (escaped strings, the `inferred` object).
fn by_serde<'a, T: serde::Deserialize<'a>>(value: &'a [u8]) -> Option<T> {
    serde_json::from_slice(value).ok()
}

/// Walks the object `scanner` is at, handing each plain key (without its
/// quotes) to `each`, which moves the scanner past its value. `None` when
/// the text is not an object, a key holds an escape, or `each` declines.
fn object<'a>(
    scanner: &mut Scanner<'a>,
    mut each: impl FnMut(&'a [u8], &mut Scanner<'a>) -> Option<()>,
) -> Option<()> {
    if !scanner.eat(b'{') {
        return None;
    }
    if scanner.eat(b'}') {
        return Some(());
    }
    loop {
        let key = plain_string(scanner.value()?)?;
        if !scanner.eat(b':') {
            return None;
        }
        each(key, scanner)?;
        if scanner.eat(b'}') {
            return Some(());
        }
        if !scanner.eat(b',') {
            return None;
        }
    }
}

/// The inside of the string `value` when it holds no escape and no
/// control character (which JSON strings must escape).
fn plain_string(value: &[u8]) -> Option<&[u8]> {
    let inside = value.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    // A fold, not `any`: it does not stop early, and so is vectorised.
    let special = inside
        .iter()
        .fold(false, |found, &b| found | (b == b'\\') | (b < 0x20));
    (!special).then_some(inside)
}

/// The string `value`: borrowed when plain, decoded by serde_json
/// otherwise.
fn string(value: &[u8]) -> Option<Text<'_>> {
    match plain_string(value) {
        Some(inside) => std::str::from_utf8(inside)
            .ok()
            .map(|text| Text(Cow::Borrowed(text))),
        None => by_serde(value),
    }
}

/// `None` for `null`, otherwise what `read` makes of `value` (`None`
/// overall when it declines).
fn optional<'a, T>(value: &'a [u8], read: impl FnOnce(&'a [u8]) -> Option<T>) -> Option<Option<T>> {
    if value == b"null" {
        Some(None)
    } else {
        read(value).map(Some)
    }
}

/// The evidence list `scanner` is at.
fn evidence<'a>(scanner: &mut Scanner<'a>) -> Option<Vec<EvidenceRef<'a>>> {
    let mut found = Vec::with_capacity(1);
    if !scanner.eat(b'[') {
        return None;
    }
    if scanner.eat(b']') {
        return Some(found);
    }
    loop {
        found.push(one_evidence(scanner)?);
        if scanner.eat(b']') {
            return Some(found);
        }
        if !scanner.eat(b',') {
            return None;
        }
    }
}

/// The evidence object `scanner` is at.
fn one_evidence<'a>(scanner: &mut Scanner<'a>) -> Option<EvidenceRef<'a>> {
    let (mut source, mut quote, mut translation) = (None, None, None);
    object(scanner, |key, scanner| {
        let value = scanner.value()?;
        match key {
            b"source" => once(&mut source, string(value)?),
            b"quote" => once(&mut quote, string(value)?),
            b"translation" => once(&mut translation, optional(value, string)?),
            _ => None,
        }
    })?;
    Some(EvidenceRef {
        source: source?,
        quote: quote?,
        translation: translation.flatten(),
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    use super::*;

    fn by_serde(record: &str) -> Shown<'_> {
        serde_json::from_str(record).unwrap()
    }

    fn same_as_serde(record: &str) {
        let fast = shown(record.as_bytes()).unwrap_or_else(|| panic!("declined {record}"));
        assert_eq!(fast, by_serde(record), "{record}");
    }

    #[test]
    fn reads_what_serde_reads() {
        for record in [
            r#"{"id":"r1","source":"a","target":"b","type":"t","weight":0.5,"since":"2020","until":null,"evidence":[{"source":"s","quote":"Q."}]}"#,
            r#" { "id" : "r\"2\"" , "label" : "a \\ b\n" , "evidence" : [ { "source" : "s" , "quote" : "é \u00e9" , "translation" : null } , {"quote":"x","source":"t","translation":"y"} ] } "#,
            r#"{"label":null,"evidence":[],"id":"r3","extra":{"k":[1,"}"]}}"#,
            r#"{"id":"r4","inferred":{"date":"from the text","parties":null}}"#,
            r#"{"id":"r5","inferred":null,"label":"Пхеньян"}"#,
        ] {
            same_as_serde(record);
        }
    }

    #[test]
    fn declines_what_it_does_not_read() {
        for record in [
            r#"{"i\u0064":"r1"}"#,
            r#"{"label":"x"}"#,
            r#"{"id":"r1","evidence":[{"source":"s","quote":"q","note":"n"}]}"#,
            r#"{"id":"r1","evidence":{}}"#,
            r#"{"id":"r1"} x"#,
            r#"{"id":"r1""#,
            r#"["id"]"#,
        ] {
            assert_eq!(shown(record.as_bytes()), None, "{record}");
        }
    }

    /// The text of each relation record of the bundled graph, as written.
    fn bundled_records() -> Vec<&'static str> {
        let mut records = Vec::new();
        object(
            &mut Scanner::new(crate::model::load::EMBEDDED),
            |key, scanner| {
                if key != b"relations" {
                    return scanner.value().map(drop);
                }
                assert!(scanner.eat(b'['));
                while !scanner.eat(b']') {
                    records.push(std::str::from_utf8(scanner.value()?).unwrap());
                    scanner.eat(b',');
                }
                Some(())
            },
        )
        .unwrap();
        records
    }

    #[test]
    fn reads_the_bundled_graph_as_serde_does() {
        let records = bundled_records();
        assert!(records.len() > 20);
        for record in records {
            same_as_serde(record);
            let value: serde_json::Value = serde_json::from_str(record).unwrap();
            same_as_serde(&serde_json::to_string_pretty(&value).unwrap());
        }
    }

    const KEYS: &[&str] = &[
        "id", "source", "target", "type", "weight", "since", "until", "label", "event", "inferred",
        "evidence", "extra", "i\\u0064", "",
    ];

    const VALUES: &[&str] = &[
        r#""a""#,
        r#""r1""#,
        r#""é""#,
        r#""a\nb""#,
        r#""a\"b""#,
        r#""\u00e9""#,
        "\"tab\there\"",
        r#""\x""#,
        r#""""#,
        "0.5",
        "1",
        "-1",
        "01",
        "1.",
        "1e5",
        "1E+2",
        ".5",
        "-0",
        "1.5e-3",
        "NaN",
        "null",
        "true",
        "false",
        "nul",
        "{}",
        r#"{"date":"d"}"#,
        r#"{"date":"d","x":1}"#,
        r#"{"parties":null}"#,
        "[]",
        r#"[{"source":"s","quote":"q"}]"#,
        r#"[{"source":"s","quote":"q","translation":null}]"#,
        r#"[{"source":"s"}]"#,
        r#"[{"source":"s","quote":"q","source":"t"}]"#,
        r#"[{"quote":"q","source":"s","note":1}]"#,
        "[1]",
        r#"[{"source":"s","quote":"q"},{"source":"t","quote":"\u00e9","translation":"x"}]"#,
    ];

    /// A record of the four fields every relation needs, then `pairs`
    /// (indices into [`KEYS`] and [`VALUES`]), spaced by `space`.
    fn record(pairs: &[(usize, usize)], space: &str) -> String {
        let mut fields = vec![
            r#""id":"r1""#.to_owned(),
            r#""source":"a""#.to_owned(),
            r#""target":"b""#.to_owned(),
            r#""type":"t""#.to_owned(),
        ];
        for &(key, value) in pairs {
            fields.push(format!(
                "{space}\"{}\"{space}:{space}{}",
                KEYS[key], VALUES[value]
            ));
        }
        format!("{space}{{{}}}{space}", fields.join(&format!(",{space}")))
    }

    /// If `record` is a valid relation (serde reads it as a
    /// [`RelationRef`](crate::model::document::RelationRef)), the walk
    /// reads it as serde reads a [`Shown`] or declines; whether it walked.
    fn walk_agrees_with_serde(record: &str) -> bool {
        let valid = serde_json::from_str::<crate::model::document::RelationRef>(record).is_ok();
        match shown(record.as_bytes()) {
            Some(walked) if valid => {
                assert_eq!(walked, by_serde(record), "{record}");
                true
            }
            _ => false,
        }
    }

    #[test]
    fn every_field_and_value_alone_is_read_as_serde_reads_it() {
        let mut walked = 0;
        for key in 0..KEYS.len() {
            for value in 0..VALUES.len() {
                for space in ["", " \n\t"] {
                    walked += usize::from(walk_agrees_with_serde(&record(&[(key, value)], space)));
                }
            }
        }
        assert!(walked > 50, "only {walked} records walked");
        assert!(!walk_agrees_with_serde(&record(&[(0, 1)], "")), "id twice");
    }

    proptest! {
        #![proptest_config(Config {
            cases: 2000,
            rng_seed: RngSeed::Fixed(20261207),
            failure_persistence: None,
            ..Config::default()
        })]

        #[test]
        fn records_of_many_fields_are_read_as_serde_reads_them(
            pairs in proptest::collection::vec((0..KEYS.len(), 0..VALUES.len()), 0..6),
            spaced in any::<bool>(),
        ) {
            walk_agrees_with_serde(&record(&pairs, if spaced { " " } else { "" }));
        }
    }
}
