//! The text that `relgraph validate` prints for a valid file.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::Export;
use crate::error::Error;
use crate::query::summary::Summary;

/// Plain text, one fact per line.
pub struct SummaryText;

impl Export<Summary> for SummaryText {
    fn export(&self, s: &Summary) -> Result<Vec<u8>, Error> {
        let mut out = String::new();
        let kinds: Vec<String> = s
            .entities_by_kind
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.as_str()))
            .collect();
        let _ = writeln!(out, "{}: valid ({})", s.origin, s.title);
        let _ = writeln!(out, "entities:  {} ({})", s.entities, kinds.join(", "));
        let _ = writeln!(out, "relations: {}", s.relations);
        let width = s
            .relations_by_type
            .iter()
            .map(|(t, _)| t.len())
            .max()
            .unwrap_or(0);
        for (type_id, n) in &s.relations_by_type {
            let _ = writeln!(out, "  {type_id:<width$}  {n}");
        }
        let _ = writeln!(out, "sources:   {}", s.sources);
        match (s.first_date, s.last_date) {
            (Some(first), Some(last)) => {
                let _ = writeln!(out, "dates:     {first} to {last} ({} undated)", s.undated);
            }
            _ => {
                let _ = writeln!(out, "dates:     none ({} undated)", s.undated);
            }
        }
        let _ = writeln!(
            out,
            "events:    {} (the other relations are states)",
            s.events
        );
        let _ = writeln!(
            out,
            "inferred:  {}",
            counts(&s.inferred, "of", " relations", "no fact")
        );
        let _ = writeln!(
            out,
            "conflicts: {}",
            counts(&s.conflicts, ":", "", "none recorded")
        );
        let _ = writeln!(out, "warnings:  {}", s.warnings);
        Ok(out.into_bytes())
    }
}

/// `date of 3, parties of 1 relations` (`joint` "of", `end` " relations"),
/// or `none` when there is nothing to count.
fn counts(counted: &BTreeMap<&'static str, usize>, joint: &str, end: &str, none: &str) -> String {
    if counted.is_empty() {
        return none.to_owned();
    }
    let listed: Vec<String> = counted
        .iter()
        .map(|(what, n)| format!("{what} {joint} {n}").replace(" :", ":"))
        .collect();
    format!("{}{end}", listed.join(", "))
}
