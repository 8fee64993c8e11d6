//! Entities sorted into named groups (blocs, kinds), for clusters or colours.

use super::RelGraph;
use crate::model::{EntityIx, Kind};

/// Entities sorted into named groups (blocs, kinds) for clusters or colours.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    /// Group names, by group index.
    pub names: Vec<String>,
    /// The group of each entity, by entity index.
    pub of: Vec<Option<u32>>,
}

impl Grouping {
    /// One group per entity kind, in the order kinds are declared.
    pub fn by_kind(graph: &RelGraph) -> Self {
        let mut kinds: Vec<Kind> = graph.data.doc.entities.iter().map(|e| e.kind).collect();
        kinds.sort();
        kinds.dedup();
        Grouping {
            names: kinds.iter().map(|k| k.as_str().to_owned()).collect(),
            of: graph
                .data
                .doc
                .entities
                .iter()
                .map(|e| kinds.iter().position(|&k| k == e.kind).map(|g| g as u32))
                .collect(),
        }
    }

    /// The group of `entity`, if it has one.
    pub fn group_of(&self, entity: EntityIx) -> Option<u32> {
        self.of.get(entity.index()).copied().flatten()
    }

    /// One group per bloc (lists of entity numbers), named after its members.
    pub fn by_bloc(graph: &RelGraph, blocs: &[Vec<u32>]) -> Self {
        let mut of = vec![None; graph.data.doc.entities.len()];
        for (b, bloc) in blocs.iter().enumerate() {
            for &e in bloc {
                of[e as usize] = Some(b as u32);
            }
        }
        Grouping {
            names: blocs.iter().map(|bloc| bloc_name(graph, bloc)).collect(),
            of,
        }
    }
}

/// Members named in a bloc's name before "and N more".
const NAMED_MEMBERS: usize = 3;

/// A bloc's name: its first members' names, then how many more
/// ("Russia, North Korea, China and 2 more").
pub fn bloc_name(graph: &RelGraph, members: &[u32]) -> String {
    let names: Vec<&str> = members
        .iter()
        .take(NAMED_MEMBERS)
        .map(|&e| graph.data.entity(EntityIx(e)).name.as_str())
        .collect();
    match members.len().saturating_sub(NAMED_MEMBERS) {
        0 => names.join(", "),
        more => format!("{} and {more} more", names.join(", ")),
    }
}
