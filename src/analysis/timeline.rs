//! `relgraph timeline`: relations in date order.
//!
//! # Definition
//! Relations are ordered by `since`; a partial date sorts at the start of
//! its period, coarser first (`2023`, then `2023-01`, then `2023-01-05`),
//! and ties keep file order. Relations without `since` cannot be placed and
//! are listed apart. `from` and `to` keep dated relations whose `since`
//! falls within `[from, to]` (whole periods: `--to 2023` includes December).
//!
//! # Arguments
//! The graph, the relation filter and the optional bounds.
//!
//! # Returns
//! A [`Timeline`] of dated and undated entries, each with its evidence.
//!
//! # Complexity
//! O(m log m) for m relations.
//!
//! # Example
//! ```
//! use relgraph::analysis::timeline::timeline;
//! use relgraph::graph::{Filter, RelGraph};
//! use relgraph::model::load::parse;
//!
//! let text = r#"{"title": "t",
//!   "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
//!   "entities": [{"id": "A", "name": "A", "kind": "country"}, {"id": "B", "name": "B", "kind": "country"}],
//!   "relations": [{"id": "late", "source": "A", "target": "B", "type": "ally", "since": "2024-06"},
//!                 {"id": "early", "source": "A", "target": "B", "type": "ally", "since": "2019"},
//!                 {"id": "when", "source": "A", "target": "B", "type": "ally"}]}"#;
//! let graph = RelGraph::new(parse("t.json", text.as_bytes()).unwrap());
//! let t = timeline(&graph, &Filter::default(), None, None);
//! assert_eq!(t.dated.iter().map(|e| e.facts.id.as_str()).collect::<Vec<_>>(), ["early", "late"]);
//! assert_eq!(t.undated[0].facts.id, "when");
//! ```

use std::io;

use serde::Serialize;

use crate::graph::{Filter, RelGraph};
use crate::listing::RelationFacts;
use crate::listing::{RowSink, Rows, Tabular, cell};
use crate::model::{PartialDate, RelationIx, shown_date};

/// One relation on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Id, type, polarity, dates, label and evidence.
    #[serde(flatten)]
    pub facts: RelationFacts,
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
}

/// The answer to `timeline`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// Dated relations, earliest first.
    pub dated: Vec<Entry>,
    /// Relations without `since`, in file order.
    pub undated: Vec<Entry>,
}

/// The relations `filter` admits, in date order, dated ones within `[from, to]`.
pub fn timeline(
    graph: &RelGraph,
    filter: &Filter,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
) -> Timeline {
    let data = &graph.data;
    let entry = |i: RelationIx| Entry {
        facts: RelationFacts::of(graph, i, true),
        source: data.relation(i).source.to_string(),
        target: data.relation(i).target.to_string(),
    };
    let admitted = filter.admitted(data);
    let (dated, undated): (Vec<RelationIx>, Vec<RelationIx>) =
        admitted.partition(|&i| data.link(i).since.is_some());
    let mut dated: Vec<(PartialDate, RelationIx)> = dated
        .into_iter()
        .filter_map(|i| data.link(i).since.map(|since| (since, i)))
        .filter(|(since, _)| from.is_none_or(|f| since.start() >= f.start()))
        .filter(|(since, _)| to.is_none_or(|t| since.start() <= t.end()))
        .collect();
    dated.sort();
    let mut shown: Vec<RelationIx> = dated
        .iter()
        .map(|&(_, i)| i)
        .chain(undated.iter().copied())
        .collect();
    shown.sort_unstable();
    data.records.prefetch(&shown);
    Timeline {
        dated: dated.into_iter().map(|(_, i)| entry(i)).collect(),
        undated: undated.into_iter().map(entry).collect(),
    }
}

impl Tabular for Timeline {
    fn rows(&self) -> Rows {
        Rows::of(self)
    }

    /// Each row made as it is given.
    fn each_row(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        sink.columns(&[
            "since", "until", "relation", "source", "type", "target", "polarity", "label",
            "evidence",
        ])?;
        for e in self.dated.iter().chain(&self.undated) {
            let translations: Vec<_> = e
                .facts
                .evidence
                .iter()
                .flatten()
                .map(|q| q.translation.as_deref().unwrap_or(&q.quote))
                .collect();
            let inferred = e.facts.date_inferred();
            sink.row(vec![
                match e.facts.since {
                    Some(_) => shown_date(e.facts.since, inferred),
                    None => "undated".to_owned(),
                },
                if e.facts.event {
                    "(event)".to_owned()
                } else {
                    shown_date(e.facts.until, inferred)
                },
                e.facts.id.clone(),
                e.source.clone(),
                e.facts.relation_type.clone(),
                e.target.clone(),
                e.facts.polarity.as_str().to_owned(),
                cell(&e.facts.label),
                translations.join("\n"),
            ])?;
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.dated.is_empty() && self.undated.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    fn ids(t: &[Entry]) -> Vec<&str> {
        t.iter().map(|e| e.facts.id.as_str()).collect()
    }

    #[test]
    fn orders_dated_relations_and_lists_undated_apart() {
        let t = timeline(&small(), &Filter::default(), None, None);
        assert_eq!(ids(&t.dated), ["ab", "ac"]);
        assert_eq!(ids(&t.undated), ["ca"]);
    }

    #[test]
    fn bounds_cover_whole_periods() {
        let date = |s: &str| s.parse::<PartialDate>().ok();
        let t = timeline(&small(), &Filter::default(), date("2021"), date("2022"));
        assert_eq!(ids(&t.dated), ["ac"]);
        let t = timeline(&small(), &Filter::default(), None, date("2020"));
        assert_eq!(ids(&t.dated), ["ab"]);
    }
}
