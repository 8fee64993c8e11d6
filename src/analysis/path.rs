//! `relgraph path`: how two entities are connected.
//!
//! # Definition
//! A *path* from FROM to TO is a sequence of entities, each a partner of the
//! next (on the partner graph; with `directed`, each hop must follow the
//! direction of at least one relation, undirected relations going both ways).
//! A *shortest* path has the fewest hops. A *chronological* (time-respecting)
//! path also needs, hop after hop, relations whose `since` dates do not go
//! backwards ("the supply came before the summit"); undated relations cannot
//! be placed in time and are not used then. Partial dates compare by the
//! start of their period, coarser first (`2023` before `2023-06`).
//!
//! # Arguments
//! The graph, the relation filter, the two entities and [`PathOptions`].
//!
//! # Returns
//! A [`PathReport`]: the number of hops, the shortest paths (the first in
//! lexicographic order of entity indices, or all of them with `all`, at most
//! [`MAX_PATHS`]), and for each hop the relations behind it; or `None` when
//! there is no such path (within `max_hops`).
//!
//! # Complexity
//! O(n + m) to find the length (breadth-first search; with `chronological`,
//! a layered earliest-arrival search, O(k (n + m)) for k hops), then a
//! depth-first enumeration pruned by the distance to TO, which only explores
//! prefixes of shortest paths in the plain case.
//!
//! # Example
//! ```
//! use relgraph::analysis::path::{shortest_paths, PathOptions};
//! use relgraph::graph::{Filter, RelGraph};
//! use relgraph::model::load::parse;
//!
//! let text = r#"{"title": "t",
//!   "relation_types": [{"id": "ally", "label": "ally", "polarity": "cooperative", "directed": false}],
//!   "entities": [{"id": "A", "name": "A", "kind": "country"},
//!                {"id": "B", "name": "B", "kind": "country"},
//!                {"id": "C", "name": "C", "kind": "country"}],
//!   "relations": [{"id": "ab", "source": "A", "target": "B", "type": "ally"},
//!                 {"id": "bc", "source": "B", "target": "C", "type": "ally"}]}"#;
//! let graph = RelGraph::new(parse("t.json", text.as_bytes()).unwrap());
//! let (a, c) = (graph.resolve_entity("A").unwrap(), graph.resolve_entity("C").unwrap());
//! let report = shortest_paths(&graph, &Filter::default(), a, c, &PathOptions::default()).unwrap();
//! assert_eq!(report.hops, 2);
//! assert_eq!(report.paths, [["A", "B", "C"]]);
//! ```

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use crate::graph::{Direction, Filter, RelGraph};
use crate::listing::RelationFacts;
use crate::listing::{Rows, Tabular};
use crate::model::{EntityIx, PartialDate, RelationIx};

/// At most this many paths are listed with `all`.
pub const MAX_PATHS: usize = 1000;

/// How to look for paths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PathOptions {
    /// Follow relation direction (undirected relations go both ways).
    pub directed: bool,
    /// List every shortest path, not only the first.
    pub all: bool,
    /// Give up beyond this many hops.
    pub max_hops: Option<usize>,
    /// Only time-respecting paths.
    pub chronological: bool,
    /// Include the evidence quotes of each hop's relations.
    pub evidence: bool,
}

/// A relation behind a hop, with its direction seen from the hop's start.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HopRelation {
    /// Id, type, polarity, dates, label and evidence.
    #[serde(flatten)]
    pub facts: RelationFacts,
    /// `out` when it runs from the hop's start, `in` when it runs back, `both` when undirected.
    pub direction: Direction,
}

/// One hop of a path and the relations behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// Entity id where the hop starts.
    pub from: String,
    /// Entity id where the hop ends.
    pub to: String,
    /// The relations that make the hop: undated ones first, then by date.
    pub relations: Vec<HopRelation>,
}

/// The answer to `path FROM TO`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathReport {
    /// Id of FROM.
    pub from: String,
    /// Id of TO.
    pub to: String,
    /// Number of hops of the shortest paths.
    pub hops: usize,
    /// Each path as entity ids from FROM to TO.
    pub paths: Vec<Vec<String>>,
    /// Every hop of the listed paths, once, in order of first use.
    pub steps: Vec<Step>,
    /// Whether more than [`MAX_PATHS`] paths exist and only the first are listed.
    pub truncated: bool,
}

/// A usable hop from an entity: to `other` (an entity number, `EntityIx.0`)
/// through `relation`, dated `date`.
#[derive(Debug, Clone, Copy)]
struct Arc {
    other: u32,
    relation: RelationIx,
    date: Option<PartialDate>,
}

/// Arcs out of each entity, sorted by `(other, date, relation)`.
struct Arcs(Vec<Vec<Arc>>);

impl Arcs {
    fn build(graph: &RelGraph, filter: &Filter, options: &PathOptions, reverse: bool) -> Self {
        let data = &graph.data;
        let mut out = vec![Vec::new(); data.doc.entities.len()];
        for i in data.relation_indices() {
            let link = data.link(i);
            if !filter.admits(data, i) || (options.chronological && link.since.is_none()) {
                continue;
            }
            let both_ways = !options.directed || !data.relation_type(i).directed;
            let (from, to) = if reverse {
                (link.target.0, link.source.0)
            } else {
                (link.source.0, link.target.0)
            };
            let arc = |other| Arc {
                other,
                relation: i,
                date: link.since,
            };
            out[from as usize].push(arc(to));
            if both_ways {
                out[to as usize].push(arc(from));
            }
        }
        for arcs in &mut out {
            arcs.sort_unstable_by_key(|a| (a.other, a.date, a.relation));
        }
        Arcs(out)
    }

    fn of(&self, entity: u32) -> &[Arc] {
        &self.0[entity as usize]
    }
}

/// Hops from every entity to `target` (ignoring dates): a lower bound on the hops left.
fn hops_to(reverse: &Arcs, target: u32) -> Vec<Option<usize>> {
    let mut distance = vec![None; reverse.0.len()];
    distance[target as usize] = Some(0);
    let mut queue = VecDeque::from([target]);
    while let Some(u) = queue.pop_front() {
        let next = distance[u as usize].map_or(0, |d| d + 1);
        for arc in reverse.of(u) {
            if distance[arc.other as usize].is_none() {
                distance[arc.other as usize] = Some(next);
                queue.push_back(arc.other);
            }
        }
    }
    distance
}

/// The fewest hops of a time-respecting path, by layers of earliest arrival.
fn chronological_hops(arcs: &Arcs, from: u32, to: u32, limit: usize) -> Option<usize> {
    // Arrival "time" at an entity: the date of the last relation used (None: not yet).
    let mut best: Vec<Option<Option<PartialDate>>> = vec![None; arcs.0.len()];
    best[from as usize] = Some(None);
    let mut frontier: Vec<(u32, Option<PartialDate>)> = vec![(from, None)];
    for hops in 1..=limit {
        let mut next: BTreeMap<u32, Option<PartialDate>> = BTreeMap::new();
        for &(u, arrival) in &frontier {
            for arc in arcs.of(u).iter().filter(|a| a.date >= arrival) {
                let slot = next.entry(arc.other).or_insert(arc.date);
                *slot = (*slot).min(arc.date);
            }
        }
        if next.contains_key(&to) {
            return Some(hops);
        }
        frontier = next
            .into_iter()
            .filter(|&(v, arrival)| best[v as usize].is_none_or(|b| arrival < b))
            .collect();
        for &(v, arrival) in &frontier {
            best[v as usize] = Some(arrival);
        }
        if frontier.is_empty() {
            return None;
        }
    }
    None
}

struct Search<'a> {
    arcs: &'a Arcs,
    bound: &'a [Option<usize>],
    to: u32,
    chronological: bool,
    limit: usize,
    path: Vec<u32>,
    found: Vec<Vec<u32>>,
    truncated: bool,
}

impl Search<'_> {
    /// Extends the current path from `u`, arrived at `time`, with `left` hops to go.
    fn extend(&mut self, u: u32, time: Option<PartialDate>, left: usize) {
        if left == 0 {
            if u == self.to {
                if self.found.len() == self.limit {
                    self.truncated = true;
                } else {
                    self.found.push(self.path.clone());
                }
            }
            return;
        }
        let arcs = self.arcs.of(u);
        let mut i = 0;
        while i < arcs.len() && !self.truncated {
            let v = arcs[i].other;
            let group_end = arcs[i..]
                .iter()
                .position(|a| a.other != v)
                .map_or(arcs.len(), |p| i + p);
            // The earliest usable relation keeps the most options open.
            let usable = arcs[i..group_end]
                .iter()
                .find(|a| !self.chronological || a.date >= time);
            let reachable = self.bound[v as usize].is_some_and(|d| d < left);
            if let (Some(arc), true) = (usable, reachable)
                && !self.path.contains(&v)
            {
                self.path.push(v);
                self.extend(v, arc.date, left - 1);
                self.path.pop();
            }
            i = group_end;
        }
    }
}

/// The shortest paths from `from` to `to`, or `None` when there is none (within `max_hops`).
pub fn shortest_paths(
    graph: &RelGraph,
    filter: &Filter,
    from: EntityIx,
    to: EntityIx,
    options: &PathOptions,
) -> Option<PathReport> {
    let (from, to) = (from.0, to.0);
    let arcs = Arcs::build(graph, filter, options, false);
    let reverse = Arcs::build(graph, filter, options, true);
    let bound = hops_to(&reverse, to);
    let limit = options.max_hops.unwrap_or(usize::MAX);
    let hops = if options.chronological {
        chronological_hops(&arcs, from, to, limit.min(arcs.0.len()))?
    } else {
        bound[from as usize].filter(|&h| h <= limit)?
    };
    let mut search = Search {
        arcs: &arcs,
        bound: &bound,
        to,
        chronological: options.chronological,
        limit: if options.all { MAX_PATHS } else { 1 },
        path: vec![from],
        found: Vec::new(),
        truncated: false,
    };
    search.extend(from, None, hops);
    let truncated = options.all && search.truncated;
    Some(report(
        graph,
        &arcs,
        (from, to),
        &search.found,
        hops,
        truncated,
        options,
    ))
}

fn report(
    graph: &RelGraph,
    arcs: &Arcs,
    (from, to): (u32, u32),
    paths: &[Vec<u32>],
    hops: usize,
    truncated: bool,
    options: &PathOptions,
) -> PathReport {
    let id = |e: u32| graph.data.entity(EntityIx(e)).id.to_string();
    let mut seen = Vec::new();
    for path in paths {
        for hop in path.windows(2) {
            if !seen.contains(&(hop[0], hop[1])) {
                seen.push((hop[0], hop[1]));
            }
        }
    }
    let steps = seen
        .into_iter()
        .map(|(u, v)| Step {
            from: id(u),
            to: id(v),
            relations: arcs
                .of(u)
                .iter()
                .filter(|a| a.other == v)
                .map(|a| hop_relation(graph, a.relation, u, options.evidence))
                .collect(),
        })
        .collect();
    PathReport {
        from: id(from),
        to: id(to),
        hops,
        paths: paths
            .iter()
            .map(|p| p.iter().map(|&e| id(e)).collect())
            .collect(),
        steps,
        truncated,
    }
}

fn hop_relation(graph: &RelGraph, relation: RelationIx, start: u32, evidence: bool) -> HopRelation {
    let data = &graph.data;
    let direction = if !data.relation_type(relation).directed {
        Direction::Both
    } else if data.link(relation).source.0 == start {
        Direction::Out
    } else {
        Direction::In
    };
    HopRelation {
        facts: RelationFacts::of(graph, relation, evidence),
        direction,
    }
}

impl Tabular for PathReport {
    fn rows(&self) -> Rows {
        let mut rows = Vec::new();
        for (n, path) in self.paths.iter().enumerate() {
            for (h, hop) in path.windows(2).enumerate() {
                let step = self
                    .steps
                    .iter()
                    .find(|s| s.from == hop[0] && s.to == hop[1]);
                for r in step.map_or(&[][..], |s| &s.relations) {
                    let mut row = vec![
                        (n + 1).to_string(),
                        (h + 1).to_string(),
                        hop[0].clone(),
                        hop[1].clone(),
                        r.facts.id.clone(),
                        r.direction.as_str().to_owned(),
                    ];
                    row.extend(r.facts.cells());
                    rows.push(row);
                }
            }
        }
        Rows {
            columns: [
                &["path", "hop", "from", "to", "relation", "direction"][..],
                &RelationFacts::COLUMNS,
            ]
            .concat(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::parse;

    /// A -> B (2020), B -> C (2019), A - D (2018), D - C (2021), C - E undated.
    fn chain() -> RelGraph {
        let text = r#"{"title": "chain",
          "relation_types": [
            {"id": "supply", "label": "supply", "polarity": "cooperative", "directed": true},
            {"id": "talks", "label": "talks", "polarity": "neutral", "directed": false}],
          "entities": [
            {"id": "A", "name": "A", "kind": "country"}, {"id": "B", "name": "B", "kind": "country"},
            {"id": "C", "name": "C", "kind": "country"}, {"id": "D", "name": "D", "kind": "country"},
            {"id": "E", "name": "E", "kind": "country"}],
          "relations": [
            {"id": "ab", "source": "A", "target": "B", "type": "supply", "since": "2020"},
            {"id": "bc", "source": "B", "target": "C", "type": "supply", "since": "2019"},
            {"id": "ad", "source": "A", "target": "D", "type": "talks", "since": "2018"},
            {"id": "dc", "source": "D", "target": "C", "type": "talks", "since": "2021"},
            {"id": "ce", "source": "C", "target": "E", "type": "talks"}]}"#;
        RelGraph::new(parse("chain.json", text.as_bytes()).unwrap())
    }

    fn paths(from: u32, to: u32, options: PathOptions) -> Option<(usize, Vec<Vec<String>>)> {
        shortest_paths(
            &chain(),
            &Filter::default(),
            EntityIx(from),
            EntityIx(to),
            &options,
        )
        .map(|r| (r.hops, r.paths))
    }

    fn ids(path: &[&str]) -> Vec<String> {
        path.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_the_first_and_all_shortest_paths() {
        assert_eq!(
            paths(0, 2, PathOptions::default()),
            Some((2, vec![ids(&["A", "B", "C"])]))
        );
        let all = PathOptions {
            all: true,
            ..PathOptions::default()
        };
        assert_eq!(
            paths(0, 2, all),
            Some((2, vec![ids(&["A", "B", "C"]), ids(&["A", "D", "C"])]))
        );
    }

    #[test]
    fn directed_paths_follow_relation_direction() {
        let directed = PathOptions {
            directed: true,
            ..PathOptions::default()
        };
        assert_eq!(
            paths(2, 0, directed),
            Some((2, vec![ids(&["C", "D", "A"])]))
        );
        assert_eq!(
            paths(1, 0, directed),
            Some((3, vec![ids(&["B", "C", "D", "A"])]))
        );
    }

    #[test]
    fn chronological_paths_do_not_go_back_in_time() {
        let chronological = PathOptions {
            chronological: true,
            all: true,
            ..PathOptions::default()
        };
        // A-B (2020) then B-C (2019) goes back in time; A-D (2018) then D-C (2021) does not.
        assert_eq!(
            paths(0, 2, chronological),
            Some((2, vec![ids(&["A", "D", "C"])]))
        );
        // C-E is undated, so E cannot be reached in time order.
        assert_eq!(paths(0, 4, chronological), None);
        assert_eq!(paths(0, 4, PathOptions::default()).map(|p| p.0), Some(3));
    }

    #[test]
    fn max_hops_limits_the_search() {
        let short = PathOptions {
            max_hops: Some(2),
            ..PathOptions::default()
        };
        assert_eq!(paths(0, 4, short), None);
        assert!(paths(0, 2, short).is_some());
    }

    /// All simple paths from `from` to `to` by exhaustive search: the independent check.
    fn brute_force_paths(adj: &[Vec<u32>], from: u32, to: u32) -> Vec<Vec<u32>> {
        fn walk(adj: &[Vec<u32>], path: &mut Vec<u32>, to: u32, out: &mut Vec<Vec<u32>>) {
            let last = *path.last().unwrap();
            if last == to {
                out.push(path.clone());
                return;
            }
            for &next in &adj[last as usize] {
                if !path.contains(&next) {
                    path.push(next);
                    walk(adj, path, to, out);
                    path.pop();
                }
            }
        }
        let mut out = Vec::new();
        walk(adj, &mut vec![from], to, &mut out);
        out
    }

    #[test]
    fn shortest_paths_match_exhaustive_search_on_random_graphs() {
        let mut next = crate::graph::tests::numbers(11);
        for round in 0..150 {
            let n = 2 + round % 8;
            let mut ties = Vec::new();
            let mut adj = vec![Vec::new(); n];
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    if next().is_multiple_of(3) {
                        ties.push((a, b, 1.0));
                        adj[a as usize].push(b);
                        adj[b as usize].push(a);
                    }
                }
            }
            let graph = crate::graph::tests::signed(n, &ties);
            let all = PathOptions {
                all: true,
                ..PathOptions::default()
            };
            let (from, to) = (0, n as u32 - 1);
            let every = brute_force_paths(&adj, from, to);
            let found = shortest_paths(
                &graph,
                &Filter::default(),
                EntityIx(from),
                EntityIx(to),
                &all,
            );
            match every.iter().map(Vec::len).min() {
                None => assert!(found.is_none(), "round {round}"),
                Some(shortest) => {
                    let mut expected: Vec<Vec<String>> = every
                        .iter()
                        .filter(|p| p.len() == shortest)
                        .map(|p| p.iter().map(|e| format!("E{e}")).collect())
                        .collect();
                    expected.sort();
                    let report = found.expect("a path exists");
                    let mut got = report.paths.clone();
                    got.sort();
                    assert_eq!(report.hops, shortest - 1, "round {round}");
                    assert_eq!(got, expected, "round {round}");
                }
            }
        }
    }

    #[test]
    fn steps_list_the_relations_of_each_hop() {
        let options = PathOptions {
            all: true,
            ..PathOptions::default()
        };
        let report = shortest_paths(
            &chain(),
            &Filter::default(),
            EntityIx(2),
            EntityIx(0),
            &options,
        )
        .unwrap();
        let step = &report.steps[0];
        assert_eq!((step.from.as_str(), step.to.as_str()), ("C", "B"));
        assert_eq!(step.relations[0].facts.id, "bc");
        assert_eq!(step.relations[0].direction, Direction::In);
    }
}
