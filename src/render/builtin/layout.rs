//! Stress layout: nodes placed so that their distances on the page match
//! their distances in the graph, each edge as long as its label needs
//! (Gansner, Koren and North, "Graph drawing by stress majorization", 2004,
//! with the localized update). Then overlapping nodes are pushed apart.
//!
//! Time: O(n³) for the distances and O(n²) per iteration, so it is used up
//! to [`STRESS_UP_TO`] nodes; larger diagrams stay on the circle.

use super::{EDGE_FONT, GAP, Placed, Point, text_width};
use crate::render::scene::Scene;

/// The most nodes laid out by stress; more stay on the circle.
pub(super) const STRESS_UP_TO: usize = 300;
/// Stress iterations.
const ITERATIONS: usize = 300;
/// Passes of overlap removal at most.
const OVERLAP_PASSES: usize = 500;

/// Moves `placed` (started on a circle) to a stress layout of `scene`.
pub(super) fn stress(scene: &Scene, placed: &mut [Placed]) {
    let n = placed.len();
    if !(2..=STRESS_UP_TO).contains(&n) {
        return;
    }
    let distance = distances(scene, placed);
    let mut at: Vec<Point> = placed.iter().map(|p| p.centre).collect();
    for _ in 0..ITERATIONS {
        for i in 0..n {
            at[i] = majorized(i, &at, &distance[i * n..(i + 1) * n]);
        }
    }
    for (p, centre) in placed.iter_mut().zip(at) {
        p.centre = centre;
    }
    remove_overlaps(placed);
}

/// Node `i`'s new place: the weighted mean of where each other node says
/// it should be, at its ideal distance `wanted[j]`.
fn majorized(i: usize, at: &[Point], wanted: &[f64]) -> Point {
    let (mut x, mut y, mut total) = (0.0, 0.0, 0.0);
    for (j, other) in at.iter().enumerate() {
        if j == i {
            continue;
        }
        let (dx, dy) = (at[i].x - other.x, at[i].y - other.y);
        let length = dx.hypot(dy).max(1e-6);
        let weight = 1.0 / (wanted[j] * wanted[j]);
        x += weight * (other.x + wanted[j] * dx / length);
        y += weight * (other.y + wanted[j] * dy / length);
        total += weight;
    }
    Point {
        x: x / total,
        y: y / total,
    }
}

/// Shortest-path distances between all nodes (row-major), each edge as
/// long as its two nodes and its label need; unconnected pairs a little
/// farther than the farthest connected ones.
fn distances(scene: &Scene, placed: &[Placed]) -> Vec<f64> {
    let n = placed.len();
    let mut d = vec![f64::INFINITY; n * n];
    for i in 0..n {
        d[i * n + i] = 0.0;
    }
    for edge in scene.edges.iter().filter(|e| e.from != e.to) {
        let (a, b) = (placed[edge.from], placed[edge.to]);
        let reach = |p: Placed| p.half_width.max(p.half_height);
        let label = text_width(&edge.label, EDGE_FONT).min(220.0);
        let length = reach(a) + reach(b) + label * 0.8 + GAP;
        for (i, j) in [(edge.from, edge.to), (edge.to, edge.from)] {
            let cell = &mut d[i * n + j];
            *cell = if cell.is_finite() {
                cell.max(length)
            } else {
                length
            };
        }
    }
    for k in 0..n {
        for i in 0..n {
            let through = d[i * n + k];
            if !through.is_finite() {
                continue;
            }
            for j in 0..n {
                let candidate = through + d[k * n + j];
                if candidate < d[i * n + j] {
                    d[i * n + j] = candidate;
                }
            }
        }
    }
    let farthest = d
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let apart = farthest.max(200.0) * 0.6 + 200.0;
    for value in &mut d {
        if !value.is_finite() {
            *value = apart;
        }
    }
    for i in 0..n {
        d[i * n + i] = 0.0;
    }
    d
}

/// Pushes overlapping nodes apart (keeping [`GAP`] / 2 between them) along
/// the axis where they overlap least, until none overlap.
fn remove_overlaps(placed: &mut [Placed]) {
    for _ in 0..OVERLAP_PASSES {
        let mut moved = false;
        for i in 0..placed.len() {
            for j in i + 1..placed.len() {
                moved |= separate(placed, i, j);
            }
        }
        if !moved {
            return;
        }
    }
}

fn separate(placed: &mut [Placed], i: usize, j: usize) -> bool {
    let (a, b) = (placed[i], placed[j]);
    let (dx, dy) = (b.centre.x - a.centre.x, b.centre.y - a.centre.y);
    let overlap_x = a.half_width + b.half_width + GAP / 2.0 - dx.abs();
    let overlap_y = a.half_height + b.half_height + GAP / 4.0 - dy.abs();
    if overlap_x <= 0.0 || overlap_y <= 0.0 {
        return false;
    }
    let sign = |v: f64, tie: usize| {
        if v > 0.0 || (v == 0.0 && tie.is_multiple_of(2)) {
            1.0
        } else {
            -1.0
        }
    };
    if overlap_x < overlap_y {
        let push = sign(dx, i + j) * (overlap_x / 2.0 + 0.5);
        placed[i].centre.x -= push;
        placed[j].centre.x += push;
    } else {
        let push = sign(dy, i + j) * (overlap_y / 2.0 + 0.5);
        placed[i].centre.y -= push;
        placed[j].centre.y += push;
    }
    true
}
