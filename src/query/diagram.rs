//! What a diagram shows: which entities and relations, around an ego entity
//! or across the whole graph, one edge per relation or merged per pair.
//!
//! By default ([`Detail::Auto`]) a diagram draws every relation only while
//! that stays readable: at most [`MAX_PARALLEL`] relations between any two
//! entities and at most [`MAX_EXPANDED`] relations in all. Otherwise
//! relations are merged into one edge per ordered pair.

use rustc_hash::FxHashMap as HashMap;

use super::selection::{Selection, select};

use crate::graph::{Filter, Grouping, RelGraph};
use crate::model::{EntityIx, Link, PartialDate, RelationIx, TypeIx};

/// What to select.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiagramSpec {
    /// Centre the diagram on this entity.
    pub ego: Option<EntityIx>,
    /// With `ego`: how many hops out from it.
    pub radius: usize,
    /// One edge per relation, one per pair, or decided by readability.
    pub detail: Detail,
}

/// How many relations one edge stands for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// Every relation while [`readable_expanded`], else merged.
    #[default]
    Auto,
    /// One edge per pair and direction.
    Merge,
    /// One edge per relation.
    Expand,
}

/// The most relations between two entities that are still drawn one by one.
pub const MAX_PARALLEL: usize = 3;

/// The most relations a diagram draws one by one.
pub const MAX_EXPANDED: usize = 24;

/// Layout direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum RankDir {
    /// Top to bottom.
    #[value(name = "TB")]
    Tb,
    /// Left to right.
    #[default]
    #[value(name = "LR")]
    Lr,
}

/// A selection together with the graph it was taken from.
pub struct DiagramOf<'a> {
    /// The graph.
    pub graph: &'a RelGraph,
    /// What to draw.
    pub diagram: &'a Diagram,
}

/// An edge of the diagram: one relation, or several merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramEdge {
    /// Tail entity.
    pub source: EntityIx,
    /// Head entity.
    pub target: EntityIx,
    /// Whether the edge has a direction.
    pub directed: bool,
    /// The relations it stands for, in file order.
    pub relations: EdgeRelations,
}

/// The relations an edge stands for, in file order: most edges stand for
/// one, kept in place, so that a diagram of a million edges makes no
/// allocation for each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeRelations(Held);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Held {
    One(RelationIx),
    Many(Box<[RelationIx]>),
}

impl EdgeRelations {
    /// Just `relation`.
    pub fn one(relation: RelationIx) -> Self {
        EdgeRelations(Held::One(relation))
    }
}

impl From<Vec<RelationIx>> for EdgeRelations {
    fn from(relations: Vec<RelationIx>) -> Self {
        match relations[..] {
            [relation] => EdgeRelations::one(relation),
            _ => EdgeRelations(Held::Many(relations.into_boxed_slice())),
        }
    }
}

impl std::ops::Deref for EdgeRelations {
    type Target = [RelationIx];

    fn deref(&self) -> &[RelationIx] {
        match &self.0 {
            Held::One(relation) => std::slice::from_ref(relation),
            Held::Many(relations) => relations,
        }
    }
}

impl<'a> IntoIterator for &'a EdgeRelations {
    type Item = &'a RelationIx;
    type IntoIter = std::slice::Iter<'a, RelationIx>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// Relations stated by one clause between every source and every target
/// (same type, dates and quote): drawn as one labelled junction that the
/// sources point to and that points to the targets, not as |sources| ×
/// |targets| edges with the same label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Junction {
    /// Entities the relations come from, in file order.
    pub sources: Vec<EntityIx>,
    /// Entities they go to, in file order.
    pub targets: Vec<EntityIx>,
    /// The relations, in file order.
    pub relations: Vec<RelationIx>,
}

/// The fewest relations that a clause fans out to before they are drawn
/// through a [`Junction`].
pub const MIN_FAN: usize = 3;

/// The selection: entities in file order, edges in order of their first relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagram {
    /// Entities to draw.
    pub nodes: Vec<EntityIx>,
    /// Edges to draw.
    pub edges: Vec<DiagramEdge>,
    /// Clauses fanned out to several pairs, drawn through a junction each.
    pub junctions: Vec<Junction>,
    /// The ego entity, if any.
    pub ego: Option<EntityIx>,
    /// Whether edges are merged per pair and direction.
    pub merged: bool,
    /// Groups drawn as clusters.
    pub clusters: Option<Grouping>,
    /// Groups shown by node colour.
    pub fills: Option<Grouping>,
}

impl Diagram {
    /// Whether nothing would be drawn but entities.
    pub fn has_no_relation(&self) -> bool {
        self.edges.is_empty() && self.junctions.is_empty()
    }

    /// How many relations the diagram shows.
    pub fn relation_count(&self) -> usize {
        let fanned: usize = self.junctions.iter().map(|j| j.relations.len()).sum();
        self.edges.iter().map(|e| e.relations.len()).sum::<usize>() + fanned
    }

    /// How many lines the diagram draws: its edges, and each junction's
    /// lines in and out.
    pub fn line_count(&self) -> usize {
        let fans: usize = self
            .junctions
            .iter()
            .map(|j| j.sources.len() + j.targets.len())
            .sum();
        self.edges.len() + fans
    }

    /// The same diagram with entities filled by `fills` and clustered by `clusters`.
    pub fn grouped(self, fills: Option<Grouping>, clusters: Option<Grouping>) -> Self {
        Diagram {
            fills,
            clusters,
            ..self
        }
    }
}

/// Selects the entities and relations to draw.
///
/// Without ego or filters, every entity is drawn, isolated ones included;
/// otherwise only entities with a drawn relation (and the ego).
pub fn diagram(graph: &RelGraph, filter: &Filter, spec: DiagramSpec) -> Diagram {
    let Selection {
        entities: nodes,
        relations,
    } = select(graph, filter, spec.ego, spec.radius);
    let merge = match spec.detail {
        Detail::Merge => true,
        Detail::Expand => false,
        Detail::Auto => !readable_expanded(graph, &relations),
    };
    let edges = if merge {
        merged_edges(graph, &relations)
    } else {
        relations.iter().map(|&i| single_edge(graph, i)).collect()
    };
    let (edges, junctions) = gather_fans(graph, edges);
    Diagram {
        nodes,
        edges,
        junctions,
        ego: spec.ego,
        merged: merge,
        clusters: None,
        fills: None,
    }
}

fn single_edge(graph: &RelGraph, relation: RelationIx) -> DiagramEdge {
    let link = graph.data.link(relation);
    DiagramEdge {
        source: link.source,
        target: link.target,
        directed: graph.data.relation_type(relation).directed,
        relations: EdgeRelations::one(relation),
    }
}

/// Whether drawing `relations` one edge each stays readable: at most
/// [`MAX_EXPANDED`] of them, at most [`MAX_PARALLEL`] between two entities.
pub fn readable_expanded(graph: &RelGraph, relations: &[RelationIx]) -> bool {
    if relations.len() > MAX_EXPANDED {
        return false;
    }
    let mut per_pair: HashMap<(EntityIx, EntityIx), usize> = HashMap::default();
    for &i in relations {
        let link = graph.data.link(i);
        let pair = (link.source.min(link.target), link.source.max(link.target));
        *per_pair.entry(pair).or_default() += 1;
    }
    per_pair.values().all(|&n| n <= MAX_PARALLEL)
}

/// One edge per ordered pair: directed relations from their source to
/// their target, undirected ones written from the entity first in the file,
/// so that they join the directed relations going that way, if any. An
/// edge is directed when any of its relations is.
fn merged_edges(graph: &RelGraph, relations: &[RelationIx]) -> Vec<DiagramEdge> {
    let (mut first, pairs) = first_of_pair(graph, relations);
    let mut edges: Vec<DiagramEdge> = Vec::with_capacity(pairs);
    // Each relation after its edge's first, with the edge's position, in file order.
    let mut more: Vec<(u32, RelationIx)> = Vec::new();
    for (at, &i) in relations.iter().enumerate() {
        let single = single_edge(graph, i);
        let earliest = first[at] as usize;
        if earliest == at {
            // From here on, the first relation's place holds where its edge is.
            first[at] = edges.len() as u32;
            let (source, target) = pair(&single);
            edges.push(DiagramEdge {
                source,
                target,
                ..single
            });
        } else {
            let merged = first[earliest];
            more.push((merged, i));
            edges[merged as usize].directed |= single.directed;
        }
    }
    more.sort_by_key(|&(at, _)| at);
    for same_edge in more.chunk_by(|a, b| a.0 == b.0) {
        let edge = &mut edges[same_edge[0].0 as usize];
        let all: Vec<RelationIx> = edge
            .relations
            .iter()
            .copied()
            .chain(same_edge.iter().map(|&(_, i)| i))
            .collect();
        edge.relations = all.into();
    }
    edges
}

/// The ordered pair an edge of one relation is merged into: its ends as
/// they are when directed, else in file order.
fn pair(edge: &DiagramEdge) -> (EntityIx, EntityIx) {
    if edge.directed {
        (edge.source, edge.target)
    } else {
        (edge.source.min(edge.target), edge.source.max(edge.target))
    }
}

/// For each of `relations`, the position of the first of them merged into
/// the same pair, and how many pairs there are: found by sorting them by
/// pair on every core, which takes less memory than a hash map of every pair.
fn first_of_pair(graph: &RelGraph, relations: &[RelationIx]) -> (Vec<u32>, usize) {
    use rayon::prelude::*;
    let mut by_pair: Vec<(u64, u32)> = relations
        .par_iter()
        .enumerate()
        .map(|(at, &i)| {
            let (source, target) = pair(&single_edge(graph, i));
            (u64::from(source.0) << 32 | u64::from(target.0), at as u32)
        })
        .collect();
    by_pair.par_sort_unstable();
    let mut first = vec![0; relations.len()];
    let mut pairs = 0;
    for same_pair in by_pair.chunk_by(|a, b| a.0 == b.0) {
        let earliest = same_pair[0].1;
        same_pair
            .iter()
            .for_each(|&(_, at)| first[at as usize] = earliest);
        pairs += 1;
    }
    (first, pairs)
}

/// Edges of one relation each that share a clause (type, dates, first
/// quote) and join every one of its sources to every one of its targets,
/// at least [`MIN_FAN`] of them, become a [`Junction`]; other edges stay.
fn gather_fans(graph: &RelGraph, edges: Vec<DiagramEdge>) -> (Vec<DiagramEdge>, Vec<Junction>) {
    let mut fans: Vec<Vec<usize>> = same_clause(graph, &edges)
        .into_iter()
        .filter(|members| is_complete_fan(&edges, members))
        .collect();
    fans.sort_unstable();
    let mut in_fan = vec![false; edges.len()];
    let junctions = fans
        .iter()
        .map(|members| {
            members.iter().for_each(|&at| in_fan[at] = true);
            junction(&edges, members)
        })
        .collect();
    let mut rest = edges;
    let mut fanned = in_fan.into_iter();
    rest.retain(|_| fanned.next() == Some(false));
    rest.shrink_to_fit();
    (rest, junctions)
}

/// An edge of one relation, by what relations stated by one clause share
/// but their quote (dates and type), packed to sort quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Single {
    /// [`PartialDate::code`] of `since` and of `until` (0 for none: no code is 0).
    dates: u64,
    relation_type: TypeIx,
    /// The edge's position.
    at: u32,
}

impl Single {
    fn new(link: &Link, at: usize) -> Self {
        let code = |date: Option<PartialDate>| u64::from(date.map_or(0, PartialDate::code));
        Single {
            dates: code(link.since) | code(link.until) << 32,
            relation_type: link.relation_type,
            at: at as u32,
        }
    }

    fn same_clause(&self, other: &Single) -> bool {
        (self.dates, self.relation_type) == (other.dates, other.relation_type)
    }
}

/// The edges of one relation each that may belong to a fan, grouped by
/// clause (type, dates and first quote). Types and dates come first, from
/// the links; only edges whose source or target has another edge of the
/// same type and dates can be in a fan of [`MIN_FAN`] or more, so only
/// their records are read for the quote, on every core. A group large
/// enough to be a fan then takes in the other edges of its clause, whose
/// records are read too: with any of them it is no fan.
fn same_clause(graph: &RelGraph, edges: &[DiagramEdge]) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let data = &graph.data;
    let first_quote = |at: usize| {
        data.read_relation(edges[at].relations[0], |r| {
            r.evidence.first().map(|e| e.quote.to_string())
        })
    };
    let mut singles: Vec<Single> = Vec::with_capacity(edges.len());
    singles.extend(edges.iter().enumerate().filter_map(|(at, edge)| {
        let [relation] = edge.relations[..] else {
            return None;
        };
        Some(Single::new(data.link(relation), at))
    }));
    singles.par_sort_unstable();
    let clauses: Vec<&[Single]> = singles
        .chunk_by(|a, b| a.same_clause(b))
        .filter(|members| members.len() >= MIN_FAN)
        .collect();
    let mut candidate = vec![false; edges.len()];
    let candidates: Vec<(usize, usize)> = clauses
        .par_iter()
        .enumerate()
        .flat_map_iter(|(c, members)| fan_candidates(edges, members).map(move |at| (c, at)))
        .collect();
    candidates.iter().for_each(|&(_, at)| candidate[at] = true);
    let quotes: Vec<Option<String>> = candidates
        .par_iter()
        .map(|&(_, at)| first_quote(at))
        .collect();
    let mut groups: HashMap<(usize, Option<String>), Vec<usize>> = HashMap::default();
    for ((c, at), quote) in candidates.into_iter().zip(quotes) {
        groups.entry((c, quote)).or_default().push(at);
    }
    let mut to_complete: Vec<usize> = groups
        .iter()
        .filter(|(_, members)| members.len() >= MIN_FAN)
        .map(|(&(c, _), _)| c)
        .collect();
    to_complete.sort_unstable();
    to_complete.dedup();
    for c in to_complete {
        for at in clauses[c].iter().map(|single| single.at as usize) {
            if candidate[at] {
                continue;
            }
            if let Some(members) = groups.get_mut(&(c, first_quote(at))) {
                members.push(at);
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups
        .iter_mut()
        .for_each(|members| members.sort_unstable());
    groups
}

/// The edges of `members` (one clause's type and dates) whose source or
/// target has another edge among them: a fan joining sources to targets
/// has two or more of one or the other.
fn fan_candidates(edges: &[DiagramEdge], members: &[Single]) -> impl Iterator<Item = usize> {
    let mut sources: HashMap<EntityIx, u32> = HashMap::default();
    let mut targets: HashMap<EntityIx, u32> = HashMap::default();
    for &Single { at, .. } in members {
        *sources.entry(edges[at as usize].source).or_default() += 1;
        *targets.entry(edges[at as usize].target).or_default() += 1;
    }
    members
        .iter()
        .map(|single| single.at as usize)
        .filter(move |&at| sources[&edges[at].source] > 1 || targets[&edges[at].target] > 1)
}

fn ends(edges: &[DiagramEdge], members: &[usize]) -> (Vec<EntityIx>, Vec<EntityIx>) {
    let mut sources: Vec<EntityIx> = members.iter().map(|&at| edges[at].source).collect();
    let mut targets: Vec<EntityIx> = members.iter().map(|&at| edges[at].target).collect();
    sources.sort_unstable();
    sources.dedup();
    targets.sort_unstable();
    targets.dedup();
    (sources, targets)
}

/// Whether the edges `members` are directed and join each source to each target once.
fn is_complete_fan(edges: &[DiagramEdge], members: &[usize]) -> bool {
    let (sources, targets) = ends(edges, members);
    let mut pairs: Vec<(EntityIx, EntityIx)> = members
        .iter()
        .map(|&at| (edges[at].source, edges[at].target))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    members.len() >= MIN_FAN
        && pairs.len() == members.len()
        && members.iter().all(|&at| edges[at].directed)
        && members.len() == sources.len() * targets.len()
        && !sources.iter().any(|s| targets.contains(s))
}

fn junction(edges: &[DiagramEdge], members: &[usize]) -> Junction {
    let (sources, targets) = ends(edges, members);
    Junction {
        sources,
        targets,
        relations: members.iter().map(|&at| edges[at].relations[0]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::small;
    use crate::model::TypeIx;

    fn numbers<T: Copy>(indices: &[T], number: fn(T) -> u32) -> Vec<u32> {
        indices.iter().map(|&i| number(i)).collect()
    }

    fn entities(indices: &[EntityIx]) -> Vec<u32> {
        numbers(indices, |e| e.0)
    }

    #[test]
    fn whole_graph_keeps_every_entity() {
        let d = diagram(&small(), &Filter::default(), DiagramSpec::default());
        assert_eq!(entities(&d.nodes), [0, 1, 2]);
        assert_eq!(d.edges.len(), 3);
    }

    #[test]
    fn ego_radius_limits_the_entities() {
        let g = small();
        let spec = DiagramSpec {
            ego: Some(EntityIx(1)),
            radius: 1,
            detail: Detail::Expand,
        };
        let d = diagram(&g, &Filter::default(), spec);
        assert_eq!(entities(&d.nodes), [0, 1]);
        let spec = DiagramSpec { radius: 2, ..spec };
        assert_eq!(
            entities(&diagram(&g, &Filter::default(), spec).nodes),
            [0, 1, 2]
        );
    }

    #[test]
    fn merging_keeps_directions_apart() {
        let d = diagram(
            &small(),
            &Filter::default(),
            DiagramSpec {
                detail: Detail::Merge,
                ..DiagramSpec::default()
            },
        );
        let edges: Vec<(u32, u32, Vec<u32>)> = d
            .edges
            .iter()
            .map(|e| (e.source.0, e.target.0, numbers(&e.relations, |r| r.0)))
            .collect();
        assert_eq!(edges, [(0, 1, vec![0]), (0, 2, vec![1]), (2, 0, vec![2])]);
    }

    /// `n` relations among five entities, directed or not, drawn from `seed`.
    fn mixed(seed: u64, n: usize) -> RelGraph {
        let mut next = crate::graph::tests::numbers(seed);
        let relations: Vec<String> = (0..n)
            .map(|i| {
                let a = next() % 5;
                let b = (a + 1 + next() % 4) % 5;
                let kind = ["d", "u"][next() as usize % 2];
                format!(
                    r#"{{"id": "r{i}", "source": "E{a}", "target": "E{b}", "type": "{kind}", "evidence": [{{"source": "s", "quote": "q"}}]}}"#
                )
            })
            .collect();
        let entities: Vec<String> = (0..5)
            .map(|i| format!(r#"{{"id": "E{i}", "name": "E{i}", "kind": "country"}}"#))
            .collect();
        let types = r#"{"id": "d", "label": "d", "polarity": "hostile", "directed": true},
            {"id": "u", "label": "u", "polarity": "cooperative", "directed": false}"#;
        crate::graph::tests::clean_graph("mixed", types, &entities, &relations)
    }

    /// Merging as the rule says, one relation at a time.
    fn merged_by_rule(graph: &RelGraph) -> Vec<(u32, u32, bool, Vec<u32>)> {
        let mut edges: Vec<(u32, u32, bool, Vec<u32>)> = Vec::new();
        for i in RelationIx::all(graph.data.links.len()) {
            let link = graph.data.link(i);
            let directed = graph.data.relation_type(i).directed;
            let (s, t) = (link.source.0, link.target.0);
            let key = if directed {
                (s, t)
            } else {
                (s.min(t), s.max(t))
            };
            match edges.iter_mut().find(|e| (e.0, e.1) == key) {
                Some(edge) => {
                    edge.2 |= directed;
                    edge.3.push(i.0);
                }
                None => edges.push((key.0, key.1, directed, vec![i.0])),
            }
        }
        edges
    }

    #[test]
    fn merged_edges_follow_the_rule() {
        for seed in 0..20 {
            let g = mixed(seed, 40);
            let every = RelationIx::all(g.data.links.len()).collect::<Vec<_>>();
            let edges: Vec<(u32, u32, bool, Vec<u32>)> = merged_edges(&g, &every)
                .iter()
                .map(|e| {
                    (
                        e.source.0,
                        e.target.0,
                        e.directed,
                        numbers(&e.relations, |r| r.0),
                    )
                })
                .collect();
            assert_eq!(edges, merged_by_rule(&g), "seed {seed}");
            assert!(edges.iter().any(|e| e.3.len() > 2), "seed {seed}");
        }
    }

    #[test]
    fn an_edge_of_one_relation_allocates_nothing() {
        assert!(std::mem::size_of::<DiagramEdge>() <= 32);
        let one = EdgeRelations::one(RelationIx(7));
        assert_eq!(
            (&one[..], EdgeRelations::from(vec![RelationIx(7)])),
            (&[RelationIx(7)][..], one.clone())
        );
        assert_eq!(
            &EdgeRelations::from(vec![RelationIx(1), RelationIx(2)])[..],
            [RelationIx(1), RelationIx(2)]
        );
    }

    #[test]
    fn a_fan_is_the_edges_of_one_clause_quote_included() {
        let whole = diagram(
            &crate::graph::tests::fan(),
            &Filter::default(),
            DiagramSpec::default(),
        );
        assert_eq!(whole.junctions.len(), 1);
        assert_eq!(whole.junctions[0].relations.len(), 6);
        let other = |id: &str| match id {
            "cy" => "C deters Y",
            _ => "A, B and C deter X and Y",
        };
        let g = crate::graph::tests::fan_quoted(other, &[]);
        let d = diagram(&g, &Filter::default(), DiagramSpec::default());
        assert!(d.junctions.is_empty(), "{d:?}");
        let mut groups = same_clause(&g, &d.edges);
        groups.sort();
        assert_eq!(groups, [vec![0, 1, 2, 3, 4], vec![5]]);
    }

    #[test]
    fn a_relation_of_the_clause_outside_the_fan_undoes_it() {
        // D deters Z in the same words: seven relations of one clause, which
        // do not join every source to every target.
        let same = |_: &str| "A, B and C deter X and Y";
        let g = crate::graph::tests::fan_quoted(same, &[("dz", "D", "Z")]);
        let d = diagram(&g, &Filter::default(), DiagramSpec::default());
        assert!(d.junctions.is_empty(), "{d:?}");
        let groups = same_clause(&g, &d.edges);
        assert_eq!(groups.iter().map(Vec::len).max(), Some(7), "{groups:?}");
    }

    #[test]
    fn only_edges_with_an_end_in_common_may_fan() {
        let g = small();
        let d = diagram(&g, &Filter::default(), DiagramSpec::default());
        let members: Vec<Single> = (0..d.edges.len() as u32)
            .map(|at| Single {
                dates: 0,
                relation_type: TypeIx(0),
                at,
            })
            .collect();
        let candidates: Vec<usize> = fan_candidates(&d.edges, &members).collect();
        let shared_end = |at: usize| {
            let edge = &d.edges[at];
            d.edges.iter().enumerate().any(|(other, e)| {
                other != at && (e.source == edge.source || e.target == edge.target)
            })
        };
        let expected: Vec<usize> = (0..d.edges.len()).filter(|&at| shared_end(at)).collect();
        assert_eq!(candidates, expected);
        assert!(
            !candidates.is_empty() && candidates.len() < d.edges.len(),
            "{d:?}"
        );
    }

    #[test]
    fn filters_drop_untouched_entities() {
        let filter = Filter {
            types: vec![TypeIx(0)],
            ..Filter::default()
        };
        let d = diagram(&small(), &filter, DiagramSpec::default());
        assert_eq!(entities(&d.nodes), [0, 1]);
    }
}
