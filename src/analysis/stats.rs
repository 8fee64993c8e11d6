//! `relgraph stats`: the shape of the graph in numbers.
//!
//! # Definition
//! Over the relations the filter admits:
//! - counts per relation type and per polarity, dated (with `since` or
//!   `until`) versus undated;
//! - *density* of the partner graph: partner pairs / (n (n - 1) / 2) for n
//!   entities;
//! - *connected components* of the partner graph (isolated entities count
//!   as components of one) and their sizes;
//! - *reciprocity* of directed relations: among ordered pairs (u, v) joined
//!   by a directed relation u->v, the share whose reverse v->u exists too
//!   (NetworkX's `reciprocity` on that digraph); none without directed relations.
//!
//! # Arguments
//! The graph and the relation filter.
//!
//! # Returns
//! A [`Stats`] record.
//!
//! # Complexity
//! O(m log m + n) for m relations and n entities.
//!
//! # Example
//! ```
//! use relgraph::analysis::stats::components;
//!
//! // 0-1 and 2 alone: two components, sizes 2 and 1.
//! assert_eq!(components(3, &[(0, 1)]), [2, 1]);
//! ```

use serde::Serialize;

use super::ties::PartnerGraph;
use crate::graph::{Filter, RelGraph};
use crate::listing::{Rows, Tabular};
use crate::model::{Polarity, RelationIx};

/// A count under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// What is counted.
    pub name: String,
    /// How many.
    pub count: usize,
}

/// The answer to `stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Number of entities.
    pub entities: usize,
    /// Number of relations the filter admits.
    pub relations: usize,
    /// Relations per type, in the order types are defined.
    pub by_type: Vec<Count>,
    /// Relations per polarity.
    pub by_polarity: Vec<Count>,
    /// Relations with a `since` or `until` date.
    pub dated: usize,
    /// Relations with neither.
    pub undated: usize,
    /// Pairs of partners.
    pub partner_pairs: usize,
    /// Partner pairs over possible pairs.
    pub density: f64,
    /// Number of connected components of the partner graph.
    pub components: usize,
    /// Their sizes, largest first.
    pub component_sizes: Vec<usize>,
    /// Share of directed arcs whose reverse exists; none without directed relations.
    pub reciprocity: Option<f64>,
}

/// Sizes of the connected components of a graph on `n` nodes, largest first.
pub fn components(n: usize, edges: &[(u32, u32)]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut v: usize) -> usize {
        while parent[v] != v {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        v
    }
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a as usize), root(&mut parent, b as usize));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut sizes = vec![0usize; n];
    for v in 0..n {
        sizes[root(&mut parent, v)] += 1;
    }
    let mut sizes: Vec<usize> = sizes.into_iter().filter(|&s| s > 0).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    sizes
}

/// Computes the statistics of the relations `filter` admits.
pub fn stats(graph: &RelGraph, filter: &Filter) -> Stats {
    let data = &graph.data;
    let admitted: Vec<RelationIx> = filter.admitted(data).collect();
    let mut per_type = vec![0usize; data.doc.relation_types.len()];
    let mut per_polarity = [0usize; 3];
    let mut arcs = Vec::new();
    for &i in &admitted {
        let link = data.link(i);
        per_type[link.relation_type.index()] += 1;
        let relation_type = data.relation_type(i);
        let slot = Polarity::ALL
            .iter()
            .position(|&p| p == relation_type.polarity)
            .unwrap_or(0);
        per_polarity[slot] += 1;
        if relation_type.directed {
            arcs.push((link.source.0, link.target.0));
        }
    }
    let dated = admitted
        .iter()
        .filter(|&&i| data.link(i).since.is_some() || data.link(i).until.is_some())
        .count();
    let partners = PartnerGraph::build(graph, filter);
    let n = partners.n;
    let edges: Vec<(u32, u32)> = partners.pairs.iter().map(|p| (p.a, p.b)).collect();
    let sizes = components(n, &edges);
    let possible = n * n.saturating_sub(1) / 2;
    Stats {
        entities: n,
        relations: admitted.len(),
        by_type: data
            .doc
            .relation_types
            .iter()
            .zip(per_type)
            .map(|(t, count)| Count {
                name: t.id.to_string(),
                count,
            })
            .collect(),
        by_polarity: Polarity::ALL
            .iter()
            .zip(per_polarity)
            .map(|(p, count)| Count {
                name: p.as_str().to_owned(),
                count,
            })
            .collect(),
        dated,
        undated: admitted.len() - dated,
        partner_pairs: edges.len(),
        density: if possible == 0 {
            0.0
        } else {
            edges.len() as f64 / possible as f64
        },
        components: sizes.len(),
        component_sizes: sizes,
        reciprocity: reciprocity(arcs),
    }
}

fn reciprocity(mut arcs: Vec<(u32, u32)>) -> Option<f64> {
    arcs.sort_unstable();
    arcs.dedup();
    if arcs.is_empty() {
        return None;
    }
    let reciprocated = arcs
        .iter()
        .filter(|&&(u, v)| arcs.binary_search(&(v, u)).is_ok())
        .count();
    Some(reciprocated as f64 / arcs.len() as f64)
}

impl Tabular for Stats {
    fn rows(&self) -> Rows {
        let mut rows = vec![
            vec!["entities".to_owned(), self.entities.to_string()],
            vec!["relations".to_owned(), self.relations.to_string()],
        ];
        rows.extend(
            self.by_polarity
                .iter()
                .map(|c| vec![format!("polarity {}", c.name), c.count.to_string()]),
        );
        rows.extend(
            self.by_type
                .iter()
                .map(|c| vec![format!("type {}", c.name), c.count.to_string()]),
        );
        let sizes: Vec<String> = self
            .component_sizes
            .iter()
            .map(ToString::to_string)
            .collect();
        rows.extend([
            vec!["dated".to_owned(), self.dated.to_string()],
            vec!["undated".to_owned(), self.undated.to_string()],
            vec!["partner pairs".to_owned(), self.partner_pairs.to_string()],
            vec!["density".to_owned(), format!("{:.6}", self.density)],
            vec!["components".to_owned(), self.components.to_string()],
            vec!["component sizes".to_owned(), sizes.join(" ")],
            vec![
                "reciprocity".to_owned(),
                self.reciprocity
                    .map_or(String::new(), |r| format!("{r:.6}")),
            ],
        ]);
        Rows {
            columns: vec!["measure", "value"],
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;

    #[test]
    fn counts_and_shape_of_the_small_graph() {
        let s = stats(&small(), &Filter::default());
        assert_eq!((s.entities, s.relations, s.dated, s.undated), (3, 3, 2, 1));
        assert_eq!(
            s.by_polarity[0],
            Count {
                name: "cooperative".into(),
                count: 2
            }
        );
        assert_eq!(s.partner_pairs, 2);
        assert!((s.density - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((s.components, s.component_sizes.clone()), (1, vec![3]));
        // A->C and C->A are directed and reciprocate each other.
        assert_eq!(s.reciprocity, Some(1.0));
    }

    #[test]
    fn components_count_isolated_entities() {
        assert_eq!(components(5, &[(0, 1), (3, 4), (1, 0)]), [2, 2, 1]);
        assert_eq!(components(0, &[]), Vec::<usize>::new());
    }

    #[test]
    fn reciprocity_counts_reversed_arcs() {
        assert_eq!(reciprocity(vec![(0, 1), (1, 0), (1, 2)]), Some(2.0 / 3.0));
        assert_eq!(reciprocity(Vec::new()), None);
    }
}
