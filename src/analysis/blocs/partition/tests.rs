//! Tests of the bloc partition: hand-checked cases, brute force over all
//! set partitions, and the heuristic path.

use super::*;
use proptest::prelude::*;

const EPS: f64 = 1e-9;

type Ties = Vec<(u32, u32, f64)>;

/// Forces the heuristic on every component that is not a special case.
const HEURISTIC_ONLY: Config = Config {
    exact_always_up_to: 0,
    exact_max_entities: 0,
    node_budget: 0,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPS * (1.0 + a.abs().max(b.abs()))
}

/// Checks everything a partition promises, whatever its method.
fn check_valid(n: usize, ties: &[(u32, u32, f64)], k: Option<usize>, p: &Partition) {
    let mut seen = vec![false; n];
    for bloc in &p.blocs {
        assert!(!bloc.is_empty(), "empty bloc in {p:?}");
        assert!(
            bloc.windows(2).all(|w| w[0] < w[1]),
            "unsorted bloc {bloc:?}"
        );
        for &e in bloc {
            assert!(!seen[e as usize], "entity {e} twice in {p:?}");
            seen[e as usize] = true;
        }
    }
    assert!(seen.iter().all(|&s| s), "an entity is missing from {p:?}");
    assert!(
        p.blocs
            .windows(2)
            .all(|w| (Reverse(w[0].len()), w[0][0]) < (Reverse(w[1].len()), w[1][0])),
        "blocs out of order: {:?}",
        p.blocs
    );
    let bloc_of = p.bloc_of();
    assert_eq!(bloc_of.len(), n);
    assert_eq!(p.frustration, frustration(ties, &bloc_of));
    let mut tied = vec![false; n];
    for &(a, b, w) in ties {
        if a != b && w.is_finite() && w != 0.0 {
            tied[a as usize] = true;
            tied[b as usize] = true;
        }
    }
    for bloc in &p.blocs {
        if bloc.iter().any(|&e| !tied[e as usize]) {
            assert_eq!(bloc.len(), 1, "isolated entity in a bloc: {bloc:?}");
        }
    }
    if let Some(k) = k {
        let tied_blocs = p.blocs.iter().filter(|b| tied[b[0] as usize]).count();
        assert!(
            tied_blocs <= k.max(1),
            "{tied_blocs} blocs over the limit {k}"
        );
    }
    if p.optimal {
        assert_eq!(p.lower_bound, None);
        assert_ne!(p.method, METHOD_HEURISTIC);
    } else {
        let lb = p.lower_bound.expect("a heuristic result carries a bound");
        assert!(lb <= p.frustration, "bound {lb} above {}", p.frustration);
        assert_eq!(p.method, METHOD_HEURISTIC);
    }
}

/// Least frustration over all set partitions of `0..n` (restricted
/// growth strings): without a limit, with at most 2 and at most 3 blocs.
fn brute_force(n: usize, ties: &[(u32, u32, f64)]) -> [f64; 3] {
    fn walk(
        i: usize,
        blocs: u32,
        rgs: &mut Vec<u32>,
        ties: &[(u32, u32, f64)],
        best: &mut [f64; 3],
    ) {
        if i == rgs.len() {
            let f = frustration(ties, rgs);
            best[0] = best[0].min(f);
            if blocs <= 2 {
                best[1] = best[1].min(f);
            }
            if blocs <= 3 {
                best[2] = best[2].min(f);
            }
            return;
        }
        for l in 0..=blocs {
            rgs[i] = l;
            walk(i + 1, blocs.max(l + 1), rgs, ties, best);
        }
    }
    let mut best = [f64::INFINITY; 3];
    let mut rgs = vec![0; n];
    walk(0, 0, &mut rgs, ties, &mut best);
    if n == 0 {
        best = [0.0; 3];
    }
    best
}

/// A random signed graph: random density, share of negative ties, and
/// weights (continuous, or small integers to create ties in cost).
fn random_ties(rng: &mut SplitMix64, n: usize) -> Ties {
    let density = 0.1 + 0.9 * unit(rng);
    let negative = 0.15 + 0.7 * unit(rng);
    let integer = rng.below(2) == 0;
    let mut ties = Vec::new();
    for a in 0..n as u32 {
        for b in a + 1..n as u32 {
            if unit(rng) < density {
                let weight = if integer {
                    1.0 + rng.below(3) as f64
                } else {
                    0.1 + 9.9 * unit(rng)
                };
                let sign = if unit(rng) < negative { -1.0 } else { 1.0 };
                ties.push((a, b, sign * weight));
            }
        }
    }
    ties
}

fn unit(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// `c` entities in `groups` planted blocs, each pair tied with
/// probability `density`, with the sign flipped with probability `noise`.
fn planted(rng: &mut SplitMix64, c: usize, groups: usize, density: f64, noise: f64) -> Ties {
    let mut ties = Vec::new();
    for a in 0..c as u32 {
        for b in a + 1..c as u32 {
            if unit(rng) < density {
                let same = a as usize % groups == b as usize % groups;
                let mut sign = if same { 1.0 } else { -1.0 };
                if unit(rng) < noise {
                    sign = -sign;
                }
                ties.push((a, b, sign * (0.5 + unit(rng))));
            }
        }
    }
    ties
}

#[test]
fn positive_triangle_is_one_bloc() {
    let ties = [(0, 1, 1.0), (1, 2, 2.0), (0, 2, 0.5)];
    let p = partition(3, &ties, None);
    check_valid(3, &ties, None, &p);
    assert_eq!(p.blocs, vec![vec![0, 1, 2]]);
    assert_eq!(p.frustration, 0.0);
    assert!(p.optimal);
    assert_eq!(p.method, METHOD_EXACT);
}

#[test]
fn two_positive_cliques_hostile_across_are_two_blocs() {
    let mut ties = Vec::new();
    for (a, b) in [(0, 1), (0, 2), (1, 2), (3, 4), (3, 5), (4, 5)] {
        ties.push((a, b, 1.0));
    }
    for (a, b) in [(0, 3), (1, 4), (2, 5), (0, 5)] {
        ties.push((a, b, -2.0));
    }
    let p = partition(6, &ties, None);
    check_valid(6, &ties, None, &p);
    assert_eq!(p.blocs, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    assert_eq!(p.frustration, 0.0);
    assert!(p.optimal);
    // One frustrated positive tie is cheaper than splitting a clique.
    ties.push((2, 3, 0.5));
    let p = partition(6, &ties, None);
    assert_eq!(p.blocs, vec![vec![0, 1, 2], vec![3, 4, 5]]);
    assert_eq!(p.frustration, 0.5);
    assert_eq!(frustrating_ties(&ties, &p.bloc_of()), vec![ties.len() - 1]);
}

#[test]
fn unbalanced_triangle_costs_its_lightest_tie() {
    for (ties, least, blocs) in [
        (
            [(0, 1, 3.0), (1, 2, 2.0), (0, 2, -1.5)],
            1.5,
            vec![vec![0, 1, 2]],
        ),
        (
            [(0, 1, 3.0), (1, 2, 1.0), (0, 2, -5.0)],
            1.0,
            vec![vec![0, 1], vec![2]],
        ),
        (
            [(0, 1, 0.25), (1, 2, 4.0), (0, 2, -5.0)],
            0.25,
            vec![vec![1, 2], vec![0]],
        ),
    ] {
        let p = partition(3, &ties, None);
        check_valid(3, &ties, None, &p);
        assert_eq!(p.frustration, least);
        assert_eq!(p.blocs, blocs);
        assert!(p.optimal);
    }
}

#[test]
fn isolated_entities_are_singletons_and_free_of_the_limit() {
    let ties = [(1, 3, 1.0), (3, 4, -1.0)];
    let p = partition(6, &ties, None);
    check_valid(6, &ties, None, &p);
    assert_eq!(
        p.blocs,
        vec![vec![1, 3], vec![0], vec![2], vec![4], vec![5]]
    );
    let p = partition(6, &ties, Some(2));
    check_valid(6, &ties, Some(2), &p);
    assert_eq!(
        p.blocs,
        vec![vec![1, 3], vec![0], vec![2], vec![4], vec![5]]
    );
    assert_eq!(p.frustration, 0.0);
    let p = partition(4, &[], None);
    assert_eq!(p.blocs, vec![vec![0], vec![1], vec![2], vec![3]]);
    assert!(p.optimal);
    let p = partition(0, &[], Some(3));
    assert!(p.blocs.is_empty());
    assert_eq!(p.frustration, 0.0);
}

#[test]
fn one_bloc_limit_joins_everything_tied() {
    let ties = [(0, 1, -1.0), (1, 2, -2.0), (0, 2, 1.0), (4, 5, -3.0)];
    let p = partition(7, &ties, Some(1));
    check_valid(7, &ties, Some(1), &p);
    assert_eq!(p.blocs, vec![vec![0, 1, 2, 4, 5], vec![3], vec![6]]);
    assert_eq!(p.frustration, 6.0);
    assert!(p.optimal);
    // Some(0) reads as Some(1).
    assert_eq!(partition(7, &ties, Some(0)), p);
}

#[test]
fn limit_merges_component_blocs_and_no_limit_keeps_them_apart() {
    // Two copies of "two friendly pairs, hostile across".
    let ties = [
        (0, 1, 1.0),
        (2, 3, 1.0),
        (0, 2, -1.0),
        (4, 5, 1.0),
        (5, 6, 1.0),
        (7, 8, 1.0),
        (6, 7, -1.0),
    ];
    let p = partition(9, &ties, None);
    check_valid(9, &ties, None, &p);
    assert_eq!(
        p.blocs,
        vec![vec![4, 5, 6], vec![0, 1], vec![2, 3], vec![7, 8]]
    );
    let p = partition(9, &ties, Some(2));
    check_valid(9, &ties, Some(2), &p);
    assert_eq!(p.blocs, vec![vec![0, 1, 4, 5, 6], vec![2, 3, 7, 8]]);
    assert_eq!(p.frustration, 0.0);
    assert!(p.optimal);
}

#[test]
fn without_limit_blocs_are_held_together_by_ties() {
    // A hostile chain: joining 0 and 2 would cost nothing, but nothing
    // ties them either.
    let ties = [(0, 1, -1.0), (1, 2, -1.0)];
    let p = partition(3, &ties, None);
    assert_eq!(p.blocs, vec![vec![0], vec![1], vec![2]]);
    let p = partition(3, &ties, Some(2));
    assert_eq!(p.blocs, vec![vec![0, 2], vec![1]]);
    assert!(p.optimal);
}

#[test]
fn two_camps_found_without_search_when_bipartite() {
    // Four friendly pairs in a hostile even cycle: two camps, any size.
    let mut ties = Vec::new();
    let groups = 40u32;
    for g in 0..groups {
        ties.push((2 * g, 2 * g + 1, 1.0));
        ties.push((2 * g + 1, (2 * g + 2) % (2 * groups), -1.0));
    }
    let n = 2 * groups as usize;
    let p = partition(n, &ties, Some(2));
    check_valid(n, &ties, Some(2), &p);
    assert_eq!(p.blocs.len(), 2);
    assert_eq!(p.frustration, 0.0);
    assert!(p.optimal);
    let p = partition(n, &ties, None);
    assert_eq!(p.blocs.len(), groups as usize);
    assert!(p.optimal);
}

#[test]
fn matches_brute_force_on_random_graphs() {
    let mut rng = SplitMix64(7);
    let mut cases = 0;
    for _ in 0..400 {
        let n = 1 + rng.below(9);
        let ties = random_ties(&mut rng, n);
        let best = brute_force(n, &ties);
        for (k, least) in [(None, best[0]), (Some(2), best[1]), (Some(3), best[2])] {
            let p = partition(n, &ties, k);
            check_valid(n, &ties, k, &p);
            assert!(p.optimal, "not optimal: {ties:?} {k:?}");
            assert!(
                close(p.frustration, least),
                "{ties:?} limit {k:?}: found {} but the least is {least}",
                p.frustration
            );
            cases += 1;
        }
    }
    assert_eq!(cases, 1200);
}

#[test]
fn exact_search_alone_matches_brute_force() {
    // Without the heuristic's head start, and without special cases.
    let mut rng = SplitMix64(11);
    for _ in 0..300 {
        let n = 2 + rng.below(8);
        let ties = random_ties(&mut rng, n);
        let best = brute_force(n, &ties);
        let net = NetGraph::new(n, &ties);
        let comps = net.components();
        for (ki, k) in [n, 2, 3].into_iter().enumerate() {
            let mut total = 0.0;
            for comp in &comps {
                let c = comp.len();
                let start = vec![0; c];
                let eps = REL_EPS * comp.total_weight();
                let (found, _) = exact_search(comp, k.min(c), &start, u64::MAX, eps);
                let labels = found.expect("no budget");
                assert!(labels.iter().all(|&l| (l as usize) < k));
                total += comp.cost(&labels);
            }
            assert!(
                close(total, best[ki]),
                "{ties:?} k {k}: {total} vs {}",
                best[ki]
            );
        }
    }
}

#[test]
fn reduction_preserves_the_optimum() {
    // Entities with at most two ties are taken out and put back: the
    // result must still be optimal, for every limit, on sparse graphs
    // where the reduction does most of the work.
    let mut rng = SplitMix64(19);
    let mut reduced_some = 0;
    for _ in 0..300 {
        let n = 3 + rng.below(7);
        let ties: Ties = random_ties(&mut rng, n)
            .into_iter()
            .filter(|_| rng.below(2) == 0)
            .collect();
        for comp in NetGraph::new(n, &ties).components() {
            let c = comp.len();
            let best = brute_force(c, &comp.edges);
            for (ki, k) in [c, 2, 3].into_iter().enumerate() {
                let k = k.min(c);
                if k < 2 {
                    continue;
                }
                let reduced = reduce(&comp, k);
                let core = &reduced.core;
                reduced_some += usize::from(core.len() < c);
                let core_labels = if core.len() == 0 {
                    Vec::new()
                } else {
                    let eps = REL_EPS * core.total_weight();
                    let start = vec![0; core.len()];
                    let (found, _) = exact_search(core, k.min(core.len()), &start, u64::MAX, eps);
                    found.expect("no budget")
                };
                let core_cost = core.cost(&core_labels);
                let labels = reduced.expand(c, &core_labels, k);
                let mut distinct = labels.clone();
                distinct.sort_unstable();
                distinct.dedup();
                assert!(distinct.len() <= k, "{} blocs over {k}", distinct.len());
                let least = best[ki];
                assert!(close(comp.cost(&labels), least), "{:?} k {k}", comp.edges);
                assert!(close(core_cost + reduced.constant, least));
            }
        }
    }
    assert!(reduced_some > 200, "only {reduced_some} reductions");
}

#[test]
fn long_cycles_are_solved_by_the_reduction() {
    let c = 200u32;
    let mut ties: Ties = (0..c - 1).map(|a| (a, a + 1, 2.0)).collect();
    ties.push((0, c - 1, -0.75));
    for k in [None, Some(2), Some(3)] {
        let p = partition(c as usize, &ties, k);
        check_valid(c as usize, &ties, k, &p);
        assert!(p.optimal);
        assert_eq!(p.method, METHOD_EXACT);
        assert_eq!(p.frustration, 0.75);
    }
    // An odd hostile cycle: free without a limit, one tie with two blocs.
    let odd: Ties = (0..101u32)
        .map(|a| (a.min((a + 1) % 101), a.max((a + 1) % 101), -1.0))
        .collect();
    let p = partition(101, &odd, None);
    assert_eq!((p.frustration, p.blocs.len()), (0.0, 101));
    let p = partition(101, &odd, Some(2));
    check_valid(101, &odd, Some(2), &p);
    assert!(p.optimal);
    assert_eq!(p.frustration, 1.0);
    let p = partition(101, &odd, Some(3));
    assert!(p.optimal);
    assert_eq!(p.frustration, 0.0);
}

#[test]
fn heuristic_is_valid_and_never_below_the_optimum() {
    let mut rng = SplitMix64(3);
    let mut heuristic_runs = 0;
    for _ in 0..300 {
        let n = 2 + rng.below(8);
        let ties = random_ties(&mut rng, n);
        let best = brute_force(n, &ties);
        for (k, least) in [(None, best[0]), (Some(2), best[1]), (Some(3), best[2])] {
            let p = partition_with(n, &ties, k, &HEURISTIC_ONLY);
            check_valid(n, &ties, k, &p);
            assert!(p.frustration >= least - EPS);
            if let Some(lb) = p.lower_bound {
                assert!(lb <= least + EPS, "bound {lb} above the optimum {least}");
            }
            if p.optimal {
                assert!(close(p.frustration, least));
            } else {
                heuristic_runs += 1;
            }
            // On graphs this small the local search finds the optimum.
            assert!(close(p.frustration, least), "{ties:?} {k:?}");
        }
    }
    assert!(heuristic_runs > 150, "only {heuristic_runs} heuristic runs");
}

#[test]
fn heuristic_on_a_large_noisy_graph() {
    let mut rng = SplitMix64(5);
    let c = 100;
    let ties = planted(&mut rng, c, 4, 0.25, 0.05);
    let planted_labels: Vec<u32> = (0..c as u32).map(|v| v % 4).collect();
    let planted_cost = frustration(&ties, &planted_labels);
    for k in [None, Some(4), Some(3)] {
        let p = partition(c, &ties, k);
        check_valid(c, &ties, k, &p);
        assert!(!p.optimal);
        assert_eq!(p.method, METHOD_HEURISTIC);
        let lb = p.lower_bound.expect("bound");
        assert!(lb > 0.0);
        if k != Some(3) {
            assert!(p.frustration <= planted_cost + EPS);
        }
        if k.is_none() {
            assert_eq!(partition(c, &ties, k), p, "not deterministic");
        }
    }
}

#[test]
fn node_budget_falls_back_to_the_heuristic_with_a_bound() {
    let mut rng = SplitMix64(9);
    let ties = random_ties_dense(&mut rng, 14);
    let exact = partition(14, &ties, None);
    assert!(exact.optimal);
    let config = Config {
        exact_always_up_to: 0,
        exact_max_entities: 48,
        node_budget: 50,
    };
    let p = partition_with(14, &ties, None, &config);
    check_valid(14, &ties, None, &p);
    assert!(!p.optimal);
    let lb = p.lower_bound.expect("bound");
    assert!(lb > 0.0 && lb <= exact.frustration + EPS);
    assert!(p.frustration >= exact.frustration - EPS);
}

fn random_ties_dense(rng: &mut SplitMix64, n: usize) -> Ties {
    let mut ties = Vec::new();
    for a in 0..n as u32 {
        for b in a + 1..n as u32 {
            let w = 0.1 + 9.9 * unit(rng);
            ties.push((a, b, if rng.below(2) == 0 { w } else { -w }));
        }
    }
    ties
}

#[test]
fn mid_size_sparse_component_is_exact_within_the_budget() {
    // A ring of 36 entities with random chords and signs: one component
    // above EXACT_ALWAYS_UP_TO that the budgeted search still proves.
    let mut rng = SplitMix64(23);
    let c = 36u32;
    let mut ties: Ties = (0..c)
        .map(|a| {
            let (x, y) = (a.min((a + 1) % c), a.max((a + 1) % c));
            (
                x,
                y,
                if rng.below(3) == 0 { -1.0 } else { 1.0 } * (0.5 + unit(&mut rng)),
            )
        })
        .collect();
    for _ in 0..30 {
        let (a, b) = (rng.below(c as usize) as u32, rng.below(c as usize) as u32);
        if a != b && !ties.iter().any(|t| (t.0, t.1) == (a.min(b), a.max(b))) {
            ties.push((
                a.min(b),
                a.max(b),
                if rng.below(2) == 0 { -1.0 } else { 1.0 },
            ));
        }
    }
    for k in [None, Some(3)] {
        let p = partition(c as usize, &ties, k);
        check_valid(c as usize, &ties, k, &p);
        assert!(p.optimal, "{k:?}");
        assert_eq!(p.method, METHOD_EXACT);
        assert!(p.frustration > 0.0);
        let h = partition_with(c as usize, &ties, k, &HEURISTIC_ONLY);
        check_valid(c as usize, &ties, k, &h);
        assert!(h.frustration >= p.frustration - EPS);
        if let Some(lb) = h.lower_bound {
            assert!(lb <= p.frustration + EPS);
        }
    }
}

#[test]
fn certified_when_the_heuristic_meets_its_bound() {
    // K4 with one light hostile tie: nothing to reduce, and its two
    // unbalanced triangles prove the heuristic's answer (one bloc,
    // frustration 1) optimal.
    let mut ties = vec![(0, 1, -1.0)];
    for (a, b) in [(0, 2), (0, 3), (1, 2), (1, 3), (2, 3)] {
        ties.push((a, b, 5.0));
    }
    let p = partition_with(4, &ties, None, &HEURISTIC_ONLY);
    check_valid(4, &ties, None, &p);
    assert!(p.optimal);
    assert_eq!(p.method, METHOD_CERTIFIED);
    assert_eq!(p.frustration, 1.0);
    assert_eq!(p.blocs, vec![vec![0, 1, 2, 3]]);
}

#[test]
fn lenient_ties_match_brute_force() {
    let mut rng = SplitMix64(13);
    for _ in 0..200 {
        let n = 2 + rng.below(6);
        let mut ties = random_ties(&mut rng, n);
        // Reverse some pairs, repeat some with another value, add
        // self-ties, zeros and non-finite values.
        for t in ties.clone() {
            match rng.below(6) {
                0 => ties.push((t.1, t.0, -t.2 * unit(&mut rng) * 2.0)),
                1 => ties.push((t.1, t.0, t.2)),
                2 => ties.push((t.0, t.0, -1.0)),
                3 => ties.push((t.1, t.1, 2.0)),
                4 => ties.push((t.0, t.1, if unit(&mut rng) < 0.5 { 0.0 } else { f64::NAN })),
                _ => ties.push((t.0, t.1, f64::INFINITY)),
            }
        }
        let best = brute_force(n, &ties);
        for (k, least) in [(None, best[0]), (Some(2), best[1])] {
            let p = partition(n, &ties, k);
            check_valid(n, &ties, k, &p);
            assert!(close(p.frustration, least), "{ties:?} {k:?}");
            let h = partition_with(n, &ties, k, &HEURISTIC_ONLY);
            check_valid(n, &ties, k, &h);
            if let Some(lb) = h.lower_bound {
                assert!(lb <= least + EPS, "bound {lb} above {least}: {ties:?}");
            }
        }
    }
}

#[test]
fn tie_order_does_not_matter() {
    let mut rng = SplitMix64(17);
    for n in [6, 12, 30, 60] {
        let ties = planted(&mut rng, n, 3, 0.5, 0.15);
        let p = partition(n, &ties, None);
        let mut shuffled = ties.clone();
        rng.shuffle(&mut shuffled);
        let q = partition(n, &shuffled, None);
        assert_eq!(p.blocs, q.blocs);
        assert!(close(p.frustration, q.frustration));
        assert_eq!(p.optimal, q.optimal);
    }
}

#[test]
fn frustration_and_frustrating_ties() {
    let ties = [
        (0, 1, 1.0),
        (1, 2, -2.0),
        (0, 2, 4.0),
        (2, 3, -8.0),
        (3, 3, -16.0),
        (0, 3, 0.0),
        (1, 3, f64::NAN),
    ];
    let bloc_of = [0, 0, 1, 1];
    assert_eq!(frustrating_ties(&ties, &bloc_of), vec![2, 3, 4]);
    assert_eq!(frustration(&ties, &bloc_of), 28.0);
    assert_eq!(frustration(&[], &bloc_of), 0.0);
    let p = partition(4, &ties, None);
    assert_eq!(p.frustration, frustration(&ties, &p.bloc_of()));
}

#[test]
#[should_panic(expected = "outside 0..3")]
fn tie_outside_the_entities_panics() {
    partition(3, &[(0, 3, 1.0)], None);
}

#[test]
fn serializes_as_plain_data() {
    let p = partition(3, &[(0, 1, 1.0), (1, 2, -1.0)], None);
    let json = serde_json::to_value(&p).expect("serializable");
    assert_eq!(
        json,
        serde_json::json!({
            "blocs": [[0, 1], [2]],
            "frustration": 0.0,
            "optimal": true,
            "lower_bound": null,
            "method": "exact branch and bound",
        })
    );
    assert!(METHOD_HEURISTIC.contains(&format!("(seed {HEURISTIC_SEED})")));
}

#[test]
fn sixteen_dense_entities_are_solved_exactly() {
    let mut rng = SplitMix64(21);
    let ties = random_ties_dense(&mut rng, 16);
    let p = partition(16, &ties, None);
    check_valid(16, &ties, None, &p);
    assert!(p.optimal);
    let h = partition_with(16, &ties, None, &HEURISTIC_ONLY);
    assert!(h.frustration >= p.frustration - EPS);
    assert!(h.lower_bound.is_some_and(|lb| lb <= p.frustration + EPS));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn proptest_optimal_on_small_graphs(
        n in 1usize..8,
        raw in proptest::collection::vec((0u32..8, 0u32..8, -5i32..=5), 0..24),
        k in proptest::option::of(1usize..4),
    ) {
        let ties: Ties = raw
            .into_iter()
            .filter(|&(a, b, w)| (a as usize) < n && (b as usize) < n && a < b && w != 0)
            .map(|(a, b, w)| (a, b, w as f64))
            .collect();
        let p = partition(n, &ties, k);
        check_valid(n, &ties, k, &p);
        prop_assert!(p.optimal);
        let best = brute_force(n, &ties);
        let least = match k {
            None => best[0],
            Some(1) => ties.iter().filter(|t| t.2 < 0.0).map(|t| -t.2).sum(),
            Some(2) => best[1],
            _ => best[2],
        };
        prop_assert!(close(p.frustration, least));
    }
}

/// Timing, not a test: `cargo test --release --lib analysis::blocs --
/// --ignored --nocapture`.
#[test]
#[ignore]
fn timing_exact_search() {
    type Family = fn(&mut SplitMix64, usize) -> Ties;
    let families: [(&str, Family); 4] = [
        ("dense, random signs", random_ties_dense),
        ("dense, 3 planted blocs, 30% noise", |rng, c| {
            planted(rng, c, 3, 1.0, 0.3)
        }),
        ("dense, unit weights", |rng, c| {
            random_ties_dense(rng, c)
                .into_iter()
                .map(|(a, b, w)| (a, b, w.signum()))
                .collect()
        }),
        ("half density, random signs", |rng, c| {
            random_ties_dense(rng, c)
                .into_iter()
                .filter(|_| rng.below(2) == 0)
                .collect()
        }),
    ];
    for (name, family) in families {
        for c in [15usize, 16, 20, 22, 25] {
            for k in [None, Some(3)] {
                let (mut worst, mut total, mut most_nodes) = (0f64, 0f64, 0);
                let seeds = 10;
                for seed in 0..seeds {
                    let mut rng = SplitMix64(1000 + seed);
                    let ties = family(&mut rng, c);
                    let t = std::time::Instant::now();
                    let p = partition_with(
                        c,
                        &ties,
                        k,
                        &Config {
                            exact_always_up_to: usize::MAX,
                            ..Config::DEFAULT
                        },
                    );
                    let secs = t.elapsed().as_secs_f64();
                    assert!(p.optimal);
                    worst = worst.max(secs);
                    total += secs;
                    let comps = NetGraph::new(c, &ties).components();
                    for comp in &comps {
                        let kk = k.unwrap_or(comp.len()).min(comp.len());
                        let eps = REL_EPS * comp.total_weight();
                        let start = vec![0; comp.len()];
                        let (_, nodes) = exact_search(comp, kk, &start, u64::MAX, eps);
                        most_nodes = most_nodes.max(nodes);
                    }
                }
                println!(
                    "{name}: {c} entities, limit {k:?}: mean {:.4}s, worst {:.4}s, \
                     most nodes {most_nodes}",
                    total / seeds as f64,
                    worst
                );
            }
        }
    }
    // Sparse components above EXACT_ALWAYS_UP_TO, default settings.
    for c in [30usize, 40, 48] {
        let (mut worst, mut total, mut proven) = (0f64, 0f64, 0);
        let seeds = 10;
        for seed in 0..seeds {
            let mut rng = SplitMix64(2000 + seed);
            let mut ties: Ties = (0..c as u32 - 1)
                .map(|a| (a, a + 1, if rng.below(3) == 0 { -1.0 } else { 1.0 }))
                .collect();
            while ties.len() < 2 * c {
                let (a, b) = (rng.below(c) as u32, rng.below(c) as u32);
                if a != b && !ties.iter().any(|t| (t.0, t.1) == (a.min(b), a.max(b))) {
                    let w = 0.5 + unit(&mut rng);
                    ties.push((a.min(b), a.max(b), if rng.below(2) == 0 { -w } else { w }));
                }
            }
            let t = std::time::Instant::now();
            let p = partition(c, &ties, None);
            let secs = t.elapsed().as_secs_f64();
            worst = worst.max(secs);
            total += secs;
            proven += usize::from(p.optimal);
        }
        println!(
            "sparse (average degree 4): {c} entities: {proven}/{seeds} proven, \
             mean {:.4}s, worst {:.4}s",
            total / seeds as f64,
            worst
        );
    }
    // A run that exhausts the node budget on the largest exact size.
    let mut rng = SplitMix64(77);
    let c = EXACT_MAX_ENTITIES;
    let ties = planted(&mut rng, c, 4, 1.0, 0.3);
    let t = std::time::Instant::now();
    let p = partition(c, &ties, None);
    println!(
        "{c} entities: optimal {} in {:.3}s",
        p.optimal,
        t.elapsed().as_secs_f64()
    );
}
