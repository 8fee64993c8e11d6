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
    let mut scanner = Scanner::new(record);
    object(&mut scanner, |key, scanner| {
        match key {
            b"id" => {
                shown.id = string(scanner.value()?)?;
                has_id = true;
            }
            b"label" => shown.label = optional(scanner.value()?, string)?,
            b"inferred" => {
                shown.inferred = optional(scanner.value()?, |v| serde_json::from_slice(v).ok())?;
            }
            b"evidence" => shown.evidence = evidence(scanner)?,
            _ => {
                scanner.value()?;
            }
        }
        Some(())
    })?;
    (has_id && scanner.at_end()).then_some(shown)
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
}
