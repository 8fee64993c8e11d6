//! `relgraph balance`: structural balance of the signed partner graph.
//!
//! # Definition
//! A triangle of the signed partner graph (three entities with a non-zero
//! tie between each two) is *balanced* when the product of its three signs
//! is positive (`+++`: friends of friends; `+--`: a common enemy) and
//! *unbalanced* otherwise (`++-`, `---`). The balance ratio is the share of
//! balanced triangles (none when there are no triangles).
//!
//! # Arguments
//! The graph and the relation filter.
//!
//! # Returns
//! A [`BalanceReport`]: counts, ratio, and every unbalanced triangle with its
//! ties and the relations behind them.
//!
//! # Complexity
//! O(m^1.5) for m ties: each tie is oriented from the lower-degree end to the
//! higher one and triangles are found by intersecting sorted out-lists.
//!
//! # Example
//! ```
//! use relgraph::analysis::balance::triangles;
//!
//! // 0-1 friends, 1-2 friends, 0-2 enemies: unbalanced.
//! let found = triangles(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, -1.0)]);
//! assert_eq!(found, [[0, 1, 2]]);
//! ```

use std::io;

use rustc_hash::FxHashMap as HashMap;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::ties::{PartnerGraph, Tie};
use crate::graph::{Filter, RelGraph};
use crate::listing::{RowSink, Rows, Tabular, evidence_cell, has_evidence};

/// Every triangle `[a, b, c]` (a < b < c) of the graph with edges `ties`
/// (`(a, b, _)` with a < b), sorted.
pub fn triangles(n: usize, ties: &[(u32, u32, f64)]) -> Vec<[u32; 3]> {
    let mut degree = vec![0usize; n];
    for &(a, b, _) in ties {
        degree[a as usize] += 1;
        degree[b as usize] += 1;
    }
    let rank = |v: u32| (degree[v as usize], v);
    let mut forward: Vec<Vec<u32>> = vec![Vec::new(); n];
    for &(a, b, _) in ties {
        let (low, high) = if rank(a) < rank(b) { (a, b) } else { (b, a) };
        forward[low as usize].push(high);
    }
    for list in &mut forward {
        list.sort_unstable();
    }
    let mut found = Vec::new();
    for u in 0..n {
        for &v in &forward[u] {
            let (first, second) = (&forward[u], &forward[v as usize]);
            let (mut i, mut j) = (0, 0);
            while i < first.len() && j < second.len() {
                match first[i].cmp(&second[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let mut triangle = [u as u32, v, first[i]];
                        triangle.sort_unstable();
                        found.push(triangle);
                        i += 1;
                        j += 1;
                    }
                }
            }
        }
    }
    found.sort_unstable();
    found
}

/// A triangle: its signs and its ties, as places in [`BalanceReport::ties`],
/// where a tie shared by many triangles is kept once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Triangle {
    /// Signs of the ties a-b, a-c, b-c.
    pub signs: [i8; 3],
    /// The three ties, in the same order.
    ties: [u32; 3],
}

/// The answer to `balance`. In JSON each triangle is written whole: its
/// three entity ids, signs and ties.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceReport {
    /// Number of triangles.
    pub triangles: usize,
    /// Number of balanced triangles.
    pub balanced: usize,
    /// Number of unbalanced triangles.
    pub unbalanced_count: usize,
    /// Balanced share, or null without triangles.
    pub ratio: Option<f64>,
    /// Every unbalanced triangle, with the ties that make it so.
    pub unbalanced: Vec<Triangle>,
    /// Every balanced triangle.
    pub balanced_triangles: Vec<Triangle>,
    /// Every tie of a triangle, once.
    pub ties: Vec<Tie>,
}

impl BalanceReport {
    /// The ties of `triangle`: a-b, a-c and b-c.
    pub fn ties_of(&self, triangle: &Triangle) -> [&Tie; 3] {
        triangle.ties.map(|t| &self.ties[t as usize])
    }

    /// The entity ids of `triangle`, in index order.
    pub fn entities_of(&self, triangle: &Triangle) -> [&str; 3] {
        let [ab, ac, _] = self.ties_of(triangle);
        [ab.a.as_str(), ab.b.as_str(), ac.b.as_str()]
    }

    /// The triangles with their status, unbalanced ones first.
    pub fn labelled(&self) -> impl Iterator<Item = (&'static str, &Triangle)> {
        let unbalanced = self.unbalanced.iter().map(|t| ("unbalanced", t));
        unbalanced.chain(self.balanced_triangles.iter().map(|t| ("balanced", t)))
    }
}

/// Counts balanced and unbalanced triangles of the signed partner graph,
/// with the quotes behind each tie if `evidence`.
pub fn balance(graph: &RelGraph, filter: &Filter, evidence: bool) -> BalanceReport {
    let partners = PartnerGraph::build(graph, filter);
    let (ties, _) = partners.signed_ties();
    let all = triangles(partners.n, &ties);
    let mut kept: Vec<Tie> = Vec::new();
    let mut place: HashMap<usize, u32> = HashMap::default();
    let mut tie_at = |p: usize| {
        *place.entry(p).or_insert_with(|| {
            kept.push(Tie::of(graph, &partners, p, evidence));
            (kept.len() - 1) as u32
        })
    };
    let (mut unbalanced, mut balanced) = (Vec::new(), Vec::new());
    for &[a, b, c] in &all {
        let tie_pairs = [(a, b), (a, c), (b, c)].map(|(x, y)| partners.pair_of(x, y).unwrap_or(0));
        let signs = tie_pairs.map(|p| partners.pairs[p].sign());
        let triangle = Triangle {
            signs,
            ties: tie_pairs.map(&mut tie_at),
        };
        if signs.iter().map(|&s| s as i32).product::<i32>() < 0 {
            unbalanced.push(triangle);
        } else {
            balanced.push(triangle);
        }
    }
    BalanceReport {
        triangles: all.len(),
        balanced: balanced.len(),
        unbalanced_count: unbalanced.len(),
        ratio: (!all.is_empty()).then(|| balanced.len() as f64 / all.len() as f64),
        unbalanced,
        balanced_triangles: balanced,
        ties: kept,
    }
}

/// A triangle as JSON shows it: entity ids, signs and ties, written whole.
#[derive(Serialize)]
struct TriangleShown<'a> {
    entities: [&'a str; 3],
    signs: [i8; 3],
    ties: [&'a Tie; 3],
}

/// Triangles written one at a time.
struct TrianglesShown<'a>(&'a BalanceReport, &'a [Triangle]);

impl Serialize for TrianglesShown<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let TrianglesShown(report, triangles) = *self;
        serializer.collect_seq(triangles.iter().map(|t| TriangleShown {
            entities: report.entities_of(t),
            signs: t.signs,
            ties: report.ties_of(t),
        }))
    }
}

impl Serialize for BalanceReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut report = serializer.serialize_struct("BalanceReport", 6)?;
        report.serialize_field("triangles", &self.triangles)?;
        report.serialize_field("balanced", &self.balanced)?;
        report.serialize_field("unbalanced_count", &self.unbalanced_count)?;
        report.serialize_field("ratio", &self.ratio)?;
        report.serialize_field("unbalanced", &TrianglesShown(self, &self.unbalanced))?;
        let balanced = TrianglesShown(self, &self.balanced_triangles);
        report.serialize_field("balanced_triangles", &balanced)?;
        report.end()
    }
}

impl Tabular for BalanceReport {
    fn rows(&self) -> Rows {
        Rows::of(self)
    }

    /// Each row made as it is given.
    fn each_row(&self, sink: &mut dyn RowSink) -> io::Result<()> {
        let every_tie = || self.labelled().flat_map(|(_, t)| self.ties_of(t));
        let evidence = has_evidence(every_tie().map(|tie| &tie.evidence));
        let columns = ["triangle", "status", "tie", "sign", "value", "relations"];
        let mut columns = columns.to_vec();
        columns.extend(evidence.then_some("evidence"));
        sink.columns(&columns)?;
        for (status, triangle) in self.labelled() {
            let entities = self.entities_of(triangle).join(" ");
            for tie in self.ties_of(triangle) {
                let mut row = vec![
                    entities.clone(),
                    status.to_owned(),
                    format!("{} - {}", tie.a, tie.b),
                    sign_text(tie.sign).to_owned(),
                    tie.value.to_string(),
                    tie.relations.join(" "),
                ];
                row.extend(evidence.then(|| evidence_cell(&tie.evidence)));
                sink.row(row)?;
            }
        }
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.triangles == 0
    }
}

/// `+` or `-`.
pub fn sign_text(sign: i8) -> &'static str {
    if sign > 0 { "+" } else { "-" }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All triangles by checking every triple: the independent check.
    fn brute_force(n: usize, ties: &[(u32, u32, f64)]) -> Vec<[u32; 3]> {
        let linked = |x: u32, y: u32| ties.iter().any(|&(a, b, _)| (a, b) == (x.min(y), x.max(y)));
        let mut found = Vec::new();
        for a in 0..n as u32 {
            for b in a + 1..n as u32 {
                for c in b + 1..n as u32 {
                    if linked(a, b) && linked(a, c) && linked(b, c) {
                        found.push([a, b, c]);
                    }
                }
            }
        }
        found
    }

    #[test]
    fn finds_every_triangle_of_random_graphs() {
        let mut next = crate::graph::tests::numbers(7);
        for round in 0..200 {
            let n = 3 + round % 12;
            let density = 1 + next() % 9;
            let mut ties = Vec::new();
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    if next() % 10 < density {
                        ties.push((a, b, if next().is_multiple_of(2) { 1.0 } else { -1.0 }));
                    }
                }
            }
            assert_eq!(triangles(n, &ties), brute_force(n, &ties), "round {round}");
        }
    }

    #[test]
    fn classifies_triangles_by_sign_product() {
        // 0-1-2: + + - (unbalanced); 1-2-3: + - - (balanced: 3 is their common enemy).
        let ties = [
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, -2.0),
            (1, 3, -1.0),
            (2, 3, -1.0),
        ];
        let g = crate::graph::tests::signed(4, &ties);
        let report = balance(&g, &Filter::default(), false);
        assert_eq!(
            (report.triangles, report.balanced, report.unbalanced_count),
            (2, 1, 1)
        );
        assert_eq!(report.ratio, Some(0.5));
        let triangle = &report.unbalanced[0];
        assert_eq!(report.entities_of(triangle), ["E0", "E1", "E2"]);
        assert_eq!(triangle.signs, [1, -1, 1]);
        assert_eq!(report.ties_of(triangle)[1].relations, ["r2"]);
        let shared = report.ties_of(&report.balanced_triangles[0])[0];
        assert_eq!((shared.a.as_str(), shared.b.as_str()), ("E1", "E2"));
        assert_eq!(
            report.ties.len(),
            5,
            "the tie E1-E2 of both triangles is kept once"
        );
    }

    #[test]
    fn no_triangles_means_no_ratio() {
        let report = balance(&crate::graph::tests::small(), &Filter::default(), false);
        assert_eq!((report.triangles, report.ratio), (0, None));
    }
}
