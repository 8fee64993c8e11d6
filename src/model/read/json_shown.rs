//! Reading what a diagram or `verify` shows of a relation record
//! ([`Shown`]) straight from its JSON text, without serde: the record's
//! keys are walked with the [`Scanner`] and only the shown values are
//! decoded, the others skipped.
//!
//! The record must be one the loader has checked. The walk handles the
//! usual form (plain keys; an `inferred` object, if any, left to serde);
//! for anything else it declines, and the caller parses the record with
//! serde instead, which gives the same [`Shown`].

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
    object(&mut Scanner::new(record), |key, value| {
        match key {
            b"id" => {
                shown.id = string(value)?;
                has_id = true;
            }
            b"label" => shown.label = optional(value, string)?,
            b"inferred" => shown.inferred = optional(value, |v| serde_json::from_slice(v).ok())?,
            b"evidence" => shown.evidence = evidence(value)?,
            _ => {}
        }
        Some(())
    })?;
    has_id.then_some(shown)
}

/// Walks the object `scanner` is at, handing each plain key (without its
/// quotes) and its value's text to `each`. `None` when the text is not an
/// object, a key holds an escape, or `each` declines.
fn object<'a>(
    scanner: &mut Scanner<'a>,
    mut each: impl FnMut(&'a [u8], &'a [u8]) -> Option<()>,
) -> Option<()> {
    if !scanner.eat(b'{') {
        return None;
    }
    if scanner.eat(b'}') {
        return scanner.at_end().then_some(());
    }
    loop {
        let key = plain_string(scanner.value()?)?;
        if !scanner.eat(b':') {
            return None;
        }
        each(key, scanner.value()?)?;
        if scanner.eat(b'}') {
            return scanner.at_end().then_some(());
        }
        if !scanner.eat(b',') {
            return None;
        }
    }
}

/// The inside of the string `value` when it holds no escape.
fn plain_string(value: &[u8]) -> Option<&[u8]> {
    let inside = value.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    (!inside.contains(&b'\\')).then_some(inside)
}

/// The string `value`: borrowed when it holds no escape, decoded by
/// serde_json otherwise.
fn string(value: &[u8]) -> Option<Text<'_>> {
    match plain_string(value) {
        Some(inside) => std::str::from_utf8(inside)
            .ok()
            .map(|text| Text(Cow::Borrowed(text))),
        None => serde_json::from_slice(value).ok(),
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

/// The evidence list `value`.
fn evidence(value: &[u8]) -> Option<Vec<EvidenceRef<'_>>> {
    let mut scanner = Scanner::new(value);
    let mut found = Vec::with_capacity(1);
    if !scanner.eat(b'[') {
        return None;
    }
    if scanner.eat(b']') {
        return scanner.at_end().then_some(found);
    }
    loop {
        found.push(one_evidence(scanner.value()?)?);
        if scanner.eat(b']') {
            return scanner.at_end().then_some(found);
        }
        if !scanner.eat(b',') {
            return None;
        }
    }
}

/// One evidence object.
fn one_evidence(value: &[u8]) -> Option<EvidenceRef<'_>> {
    let (mut source, mut quote, mut translation) = (None, None, None);
    object(&mut Scanner::new(value), |key, value| {
        match key {
            b"source" => source = Some(string(value)?),
            b"quote" => quote = Some(string(value)?),
            b"translation" => translation = optional(value, string)?,
            _ => return None,
        }
        Some(())
    })?;
    Some(EvidenceRef {
        source: source?,
        quote: quote?,
        translation,
    })
}

#[cfg(test)]
mod tests {
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
            |key, value| {
                if key == b"relations" {
                    let mut list = Scanner::new(value);
                    assert!(list.eat(b'['));
                    while !list.eat(b']') {
                        records.push(std::str::from_utf8(list.value()?).unwrap());
                        list.eat(b',');
                    }
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
}
