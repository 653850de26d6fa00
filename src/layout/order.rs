//! The second half of the layered layout, done here because layout-rs draws
//! about 2.5× the crossings of Graphviz: given the ranks layout-rs chose,
//! reorder each rank to reduce crossings (barycentre sweeps, then adjacent
//! swaps) and place the boxes so edges run as straight as the order allows
//! (each box pulled towards its neighbours, rank by rank, never overlapping).

use crate::diagram::Size;

/// Space between neighbouring boxes of a rank.
const SEP: f32 = 56.0;
/// Width reserved for an edge passing through a rank.
const DUMMY_W: f32 = 16.0;
/// Above this many boxes and edge points, only cheap passes run.
const BIG: usize = 1500;

struct Layered {
    /// Per node (real nodes first, then dummies): its width.
    widths: Vec<f32>,
    /// Per rank: node ids in order.
    ranks: Vec<Vec<usize>>,
    /// Neighbours in the rank above / below.
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    rank_of: Vec<usize>,
}

/// Left x of each real node. `levels` are the ranks, `edges` point from a
/// lower to a higher rank (others are ignored), `initial_x` gives the
/// starting order within each rank.
pub(crate) fn arrange(
    levels: &[usize],
    sizes: &[Size],
    edges: &[(usize, usize)],
    initial_x: &[f32],
) -> Vec<f32> {
    let n = sizes.len();
    let rank_count = levels.iter().copied().max().unwrap_or(0) + 1;
    let mut g = Layered {
        widths: sizes.iter().map(|s| s.w).collect(),
        ranks: vec![Vec::new(); rank_count],
        up: vec![Vec::new(); n],
        down: vec![Vec::new(); n],
        rank_of: levels.to_vec(),
    };
    let mut key: Vec<f32> = initial_x
        .iter()
        .zip(sizes)
        .map(|(x, s)| x + s.w / 2.0)
        .collect();
    for &(a, b) in edges {
        let (la, lb) = (levels[a], levels[b]);
        if la >= lb {
            continue;
        }
        let (xa, xb) = (key[a], key[b]);
        let mut prev = a;
        for l in la + 1..lb {
            let d = g.widths.len();
            g.widths.push(DUMMY_W);
            g.up.push(Vec::new());
            g.down.push(Vec::new());
            g.rank_of.push(l);
            let t = (l - la) as f32 / (lb - la) as f32;
            key.push(xa + (xb - xa) * t);
            g.down[prev].push(d);
            g.up[d].push(prev);
            prev = d;
        }
        g.down[prev].push(b);
        g.up[b].push(prev);
    }
    for v in 0..g.widths.len() {
        g.ranks[g.rank_of[v]].push(v);
    }
    for rank in &mut g.ranks {
        rank.sort_by(|a, b| key[*a].total_cmp(&key[*b]));
    }
    let total = g.widths.len();
    let sweeps = if total > BIG { 2 } else { 12 };
    reduce_crossings(&mut g, sweeps);
    if total <= BIG {
        transpose(&mut g);
    }
    let xs = place(&g, if total > BIG { 4 } else { 16 });
    let min_x = (0..n)
        .map(|v| xs[v] - g.widths[v] / 2.0)
        .fold(f32::INFINITY, f32::min);
    (0..n).map(|v| xs[v] - g.widths[v] / 2.0 - min_x).collect()
}

fn positions(g: &Layered) -> Vec<usize> {
    let mut pos = vec![0; g.widths.len()];
    for rank in &g.ranks {
        for (i, &v) in rank.iter().enumerate() {
            pos[v] = i;
        }
    }
    pos
}

/// Crossings between rank `r` and `r + 1`.
fn crossings_between(g: &Layered, pos: &[usize], r: usize) -> usize {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for &u in &g.ranks[r] {
        for &v in &g.down[u] {
            pairs.push((pos[u], pos[v]));
        }
    }
    pairs.sort_unstable();
    // Count inversions of the lower ends with a Fenwick tree.
    let size = g.ranks.get(r + 1).map_or(0, Vec::len) + 1;
    let mut tree = vec![0usize; size + 1];
    let mut count = 0;
    for (seen, &(_, b)) in pairs.iter().enumerate() {
        // How many earlier pairs end right of b.
        let mut i = b + 1;
        let mut le = 0;
        while i > 0 {
            le += tree[i];
            i -= i & i.wrapping_neg();
        }
        count += seen - le;
        let mut i = b + 1;
        while i <= size {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    count
}

fn total_crossings(g: &Layered) -> usize {
    let pos = positions(g);
    (0..g.ranks.len().saturating_sub(1))
        .map(|r| crossings_between(g, &pos, r))
        .sum()
}

/// Barycentre sweeps down and up; keeps the best order seen.
fn reduce_crossings(g: &mut Layered, sweeps: usize) {
    let mut best = g.ranks.clone();
    let mut best_count = total_crossings(g);
    for sweep in 0..sweeps {
        let downward = sweep % 2 == 0;
        let order: Vec<usize> = if downward {
            (1..g.ranks.len()).collect()
        } else {
            (0..g.ranks.len().saturating_sub(1)).rev().collect()
        };
        for r in order {
            let pos = positions(g);
            let rank = &g.ranks[r];
            let mut keyed: Vec<(f32, usize)> = rank
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let nbrs = if downward { &g.up[v] } else { &g.down[v] };
                    let k = if nbrs.is_empty() {
                        i as f32
                    } else {
                        nbrs.iter().map(|&u| pos[u] as f32).sum::<f32>() / nbrs.len() as f32
                    };
                    (k, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            g.ranks[r] = keyed.into_iter().map(|(_, v)| v).collect();
        }
        let count = total_crossings(g);
        if count < best_count {
            best_count = count;
            best = g.ranks.clone();
        }
        if best_count == 0 {
            break;
        }
    }
    g.ranks = best;
}

/// Swaps neighbours within a rank while that removes crossings.
fn transpose(g: &mut Layered) {
    for _ in 0..6 {
        let mut improved = false;
        for r in 0..g.ranks.len() {
            for i in 0..g.ranks[r].len().saturating_sub(1) {
                let pos = positions(g);
                let before = local_crossings(g, &pos, r);
                g.ranks[r].swap(i, i + 1);
                let pos = positions(g);
                let after = local_crossings(g, &pos, r);
                if after < before {
                    improved = true;
                } else {
                    g.ranks[r].swap(i, i + 1);
                }
            }
        }
        if !improved {
            break;
        }
    }
}

fn local_crossings(g: &Layered, pos: &[usize], r: usize) -> usize {
    let mut c = crossings_between(g, pos, r);
    if r > 0 {
        c += crossings_between(g, pos, r - 1);
    }
    c
}

/// Centre x of every node: packed left to right, then pulled towards the
/// mean of its neighbours, rank by rank, alternately from above and below.
fn place(g: &Layered, iterations: usize) -> Vec<f32> {
    let mut x = vec![0.0_f32; g.widths.len()];
    for rank in &g.ranks {
        let mut next = 0.0;
        for &v in rank {
            x[v] = next + g.widths[v] / 2.0;
            next += g.widths[v] + SEP;
        }
    }
    for it in 0..iterations {
        let downward = it % 2 == 0;
        let order: Vec<usize> = if downward {
            (0..g.ranks.len()).collect()
        } else {
            (0..g.ranks.len()).rev().collect()
        };
        for r in order {
            let rank = &g.ranks[r];
            let desired: Vec<f32> = rank
                .iter()
                .map(|&v| {
                    let nbrs: Vec<usize> = if it + 2 >= iterations {
                        g.up[v].iter().chain(&g.down[v]).copied().collect()
                    } else if downward {
                        g.up[v].clone()
                    } else {
                        g.down[v].clone()
                    };
                    if nbrs.is_empty() {
                        x[v]
                    } else {
                        nbrs.iter().map(|&u| x[u]).sum::<f32>() / nbrs.len() as f32
                    }
                })
                .collect();
            let placed = project(rank, &g.widths, &desired);
            for (&v, p) in rank.iter().zip(placed) {
                x[v] = p;
            }
        }
    }
    x
}

/// Centres as near `desired` as possible (least squares) while keeping the
/// order and at least `SEP` between boxes: isotonic regression by pooling
/// adjacent violators.
fn project(rank: &[usize], widths: &[f32], desired: &[f32]) -> Vec<f32> {
    // offset[i]: how far right of the first centre the i-th must at least be.
    let mut offset = Vec::with_capacity(rank.len());
    let mut acc = 0.0_f32;
    for (i, &v) in rank.iter().enumerate() {
        if i > 0 {
            acc += widths[rank[i - 1]] / 2.0 + SEP + widths[v] / 2.0;
        }
        offset.push(acc);
    }
    // Blocks of (mean, count).
    let mut blocks: Vec<(f32, usize)> = Vec::new();
    for (i, d) in desired.iter().enumerate() {
        blocks.push((d - offset[i], 1));
        while blocks.len() > 1 {
            let (m2, c2) = blocks[blocks.len() - 1];
            let (m1, c1) = blocks[blocks.len() - 2];
            if m1 <= m2 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (
                (m1 * c1 as f32 + m2 * c2 as f32) / (c1 + c2) as f32,
                c1 + c2,
            );
        }
    }
    let mut out = Vec::with_capacity(rank.len());
    for (m, c) in blocks {
        for _ in 0..c {
            let i = out.len();
            out.push(m + offset[i]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crossing_is_undone() {
        // 0 → 3, 1 → 2 with 0 left of 1 and 2 left of 3: one crossing.
        let sizes = vec![Size::new(50.0, 20.0); 4];
        let xs = arrange(
            &[0, 0, 1, 1],
            &sizes,
            &[(0, 3), (1, 2)],
            &[0.0, 100.0, 0.0, 100.0],
        );
        assert!((xs[0] < xs[1]) == (xs[3] < xs[2]), "{xs:?}");
    }

    #[test]
    fn projection_keeps_order_and_gaps() {
        let p = project(&[0, 1, 2], &[10.0, 10.0, 10.0], &[5.0, 5.0, 5.0]);
        assert!(p[1] - p[0] >= 10.0 + SEP - 1e-3 && p[2] - p[1] >= 10.0 + SEP - 1e-3);
    }
}
