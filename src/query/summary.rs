//! What `relgraph validate` reports about a valid file: counts and date range.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::RelGraph;
use crate::model::{Kind, PartialDate};

/// Counts of what a graph file holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Where the data came from.
    pub origin: String,
    /// The file's title.
    pub title: String,
    /// Number of entities.
    pub entities: usize,
    /// Entities per kind.
    pub entities_by_kind: BTreeMap<Kind, usize>,
    /// Number of relations.
    pub relations: usize,
    /// Relations per type id, in the order the types are defined.
    pub relations_by_type: Vec<(String, usize)>,
    /// Number of sources.
    pub sources: usize,
    /// Earliest date of any relation.
    pub first_date: Option<PartialDate>,
    /// Latest date of any relation.
    pub last_date: Option<PartialDate>,
    /// Relations with neither `since` nor `until`.
    pub undated: usize,
    /// Relations that are events (one date) rather than states.
    pub events: usize,
    /// Relations with a fact the editor inferred, by fact (`parties`,
    /// `date`, `direction`).
    pub inferred: BTreeMap<&'static str, usize>,
    /// Recorded contradictions in the sources, by kind.
    pub conflicts: BTreeMap<&'static str, usize>,
    /// Number of warnings.
    pub warnings: usize,
}

/// Summarises the whole graph.
pub fn summary(graph: &RelGraph) -> Summary {
    let data = &graph.data;
    let mut entities_by_kind = BTreeMap::new();
    for entity in &data.doc.entities {
        *entities_by_kind.entry(entity.kind).or_insert(0) += 1;
    }
    let mut per_type = vec![0usize; data.doc.relation_types.len()];
    let (mut first, mut last, mut undated) = (None, None, 0);
    for link in &data.links {
        per_type[link.relation_type.index()] += 1;
        let dates = [link.since, link.until];
        if dates.iter().all(Option::is_none) {
            undated += 1;
        }
        for date in dates.into_iter().flatten() {
            first = Some(first.map_or(date, |f: PartialDate| f.min(date)));
            last = Some(last.map_or(
                date,
                |l: PartialDate| if date.end() > l.end() { date } else { l },
            ));
        }
    }
    let mut inferred = BTreeMap::new();
    for link in &data.links {
        let facts = link.inferred;
        for (fact, is_inferred) in [
            ("parties", facts.parties),
            ("date", facts.date),
            ("direction", facts.direction),
        ] {
            if is_inferred {
                *inferred.entry(fact).or_insert(0) += 1;
            }
        }
    }
    let mut conflicts = BTreeMap::new();
    for conflict in &data.doc.conflicts {
        *conflicts.entry(conflict.kind.describe()).or_insert(0) += 1;
    }
    Summary {
        origin: data.origin.clone(),
        title: data.doc.title.clone(),
        entities: data.doc.entities.len(),
        entities_by_kind,
        relations: data.links.len(),
        relations_by_type: data
            .doc
            .relation_types
            .iter()
            .zip(per_type)
            .map(|(t, n)| (t.id.to_string(), n))
            .collect(),
        sources: data.doc.sources.len(),
        first_date: first,
        last_date: last,
        undated,
        events: data.links.iter().filter(|l| l.event).count(),
        inferred,
        conflicts,
        warnings: data.warnings.problems.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn counts_and_date_range() {
        let s = summary(&small());
        assert_eq!(
            (s.entities, s.relations, s.sources, s.undated),
            (3, 3, 1, 1)
        );
        assert_eq!(s.first_date.unwrap().to_string(), "2020");
        assert_eq!(s.last_date.unwrap().to_string(), "2023");
        assert_eq!(
            s.relations_by_type,
            [
                ("ally".into(), 1),
                ("sanction".into(), 1),
                ("supply".into(), 1)
            ]
        );
        assert_eq!(s.entities_by_kind[&Kind::Group], 1);
    }
}
