//! The second half of the layered layout, done here rather than by
//! layout-rs, whose crossing reduction compares every pair of boxes of a
//! rank with every box of the next (minutes for a few hundred boxes) and
//! still drew about twice the crossings of Graphviz. Given the ranks, this
//! orders each rank to reduce crossings as Graphviz's `dot` does (Gansner
//! et al., "A technique for drawing directed graphs", 1993, section 3): an
//! initial order by a breadth-first walk, then weighted-median sweeps
//! alternately down and up, each followed by swaps of neighbours while that
//! removes crossings, keeping the best order seen. It does that from the
//! sources, from the sinks and from a few shuffled starts (as many as the
//! size of the graph allows, a fixed number for a given graph, so the
//! result is deterministic), keeps the best, and finishes by moving single
//! nodes to their best place in their rank (sifting). Then it places the
//! boxes so that edges run as straight as the order allows (each box pulled
//! towards its neighbours, edge points harder, rank by rank, never
//! overlapping).
//!
//! Each pass is linear or near-linear in the number of boxes and edge
//! points: a thousand-node graph takes a fraction of what `dot` takes.

use std::collections::VecDeque;

use crate::geom::Size;

/// Space between neighbouring boxes of a rank.
const SEP: f32 = 56.0;
/// Width reserved for an edge passing through a rank.
const DUMMY_W: f32 = 16.0;
/// Median sweeps per start, at most…
const MAX_SWEEPS: usize = 24;
/// …stopping after this many that found nothing better.
const GIVE_UP_AFTER: usize = 6;
/// Passes of neighbour swaps after a sweep, at most.
const TRANSPOSE_PASSES: usize = 12;
/// Starts (initial orders) at most, and how much work (boxes, edge points
/// and edges between them) all starts together may take, about.
const MAX_STARTS: usize = 12;
const START_BUDGET: usize = 60_000;
/// Rounds of sifting at the end, at most.
const SIFT_ROUNDS: usize = 4;
/// How hard an edge pulls its ends together when placing, by what it joins:
/// edge points of long edges pull hardest, so those run straight.
const PULL_REAL: f32 = 1.0;
const PULL_MIXED: f32 = 2.0;
const PULL_POINTS: f32 = 8.0;

/// Ranks with edge points: real nodes first, then one dummy node for every
/// rank an edge passes through.
struct Layered {
    /// Per node: its width.
    widths: Vec<f32>,
    /// Per rank: node ids in order.
    ranks: Vec<Vec<usize>>,
    /// Neighbours in the rank above / below.
    up: Vec<Vec<usize>>,
    down: Vec<Vec<usize>>,
    rank_of: Vec<usize>,
    /// Per node: its index in its rank.
    pos: Vec<usize>,
    /// The number of real nodes (the rest are edge points).
    real: usize,
    /// For the nodes of the rank being reordered: the positions of their
    /// neighbours above and below, sorted ([`Self::prepare_rank`]).
    sorted_up: Vec<Vec<usize>>,
    sorted_down: Vec<Vec<usize>>,
}

/// Left x of each real node, and the crossings of the order found (edges
/// drawn through their edge points). `levels` are the ranks; `edges` point
/// from a lower to a higher rank (others are ignored); nodes come in the
/// order they are given where nothing else decides. `share` divides the
/// effort: 2 when the caller tries two rankings.
pub(crate) fn arrange(
    levels: &[usize],
    sizes: &[Size],
    edges: &[(usize, usize)],
    share: usize,
) -> (Vec<f32>, usize) {
    let n = sizes.len();
    if n == 0 {
        return (Vec::new(), 0);
    }
    let mut g = Layered::new(levels, sizes, edges);
    let work = g.widths.len() + g.down.iter().map(Vec::len).sum::<usize>();
    let share = share.max(1);
    let starts = (START_BUDGET / share / work.max(1)).clamp(2, (MAX_STARTS / share).max(2));
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    let mut found = 0;
    for start in 0..starts {
        let from_sources = start % 2 == 0;
        g.initial_order(from_sources, start as u64);
        let crossings = g.reduce_crossings(from_sources);
        if best.as_ref().is_none_or(|(c, _)| crossings < *c) {
            best = Some((crossings, g.ranks.clone()));
        }
        if crossings == 0 {
            break;
        }
    }
    if let Some((crossings, ranks)) = best {
        g.set_ranks(ranks);
        found = crossings;
        if crossings > 0 {
            for _ in 0..SIFT_ROUNDS {
                if !g.sift() {
                    break;
                }
            }
            g.transpose(false);
            found = g.total_crossings();
        }
    }
    let xs = g.place(16);
    let min_x = (0..n)
        .map(|v| xs[v] - g.widths[v] / 2.0)
        .fold(f32::INFINITY, f32::min);
    let lefts = (0..n).map(|v| xs[v] - g.widths[v] / 2.0 - min_x).collect();
    (lefts, found)
}

impl Layered {
    fn new(levels: &[usize], sizes: &[Size], edges: &[(usize, usize)]) -> Self {
        let n = sizes.len();
        let rank_count = levels.iter().copied().max().unwrap_or(0) + 1;
        let mut g = Self {
            widths: sizes.iter().map(|s| s.w).collect(),
            ranks: vec![Vec::new(); rank_count],
            up: vec![Vec::new(); n],
            down: vec![Vec::new(); n],
            rank_of: levels.to_vec(),
            pos: Vec::new(),
            real: n,
            sorted_up: Vec::new(),
            sorted_down: Vec::new(),
        };
        for &(a, b) in edges {
            let (Some(&la), Some(&lb)) = (levels.get(a), levels.get(b)) else {
                continue;
            };
            if la >= lb {
                continue;
            }
            let mut prev = a;
            for l in la + 1..lb {
                let d = g.widths.len();
                g.widths.push(DUMMY_W);
                g.up.push(Vec::new());
                g.down.push(Vec::new());
                g.rank_of.push(l);
                g.down[prev].push(d);
                g.up[d].push(prev);
                prev = d;
            }
            g.down[prev].push(b);
            g.up[b].push(prev);
        }
        g.pos = vec![0; g.widths.len()];
        g.sorted_up = vec![Vec::new(); g.widths.len()];
        g.sorted_down = vec![Vec::new(); g.widths.len()];
        for v in 0..g.widths.len() {
            g.ranks[g.rank_of[v]].push(v);
        }
        g.refresh_positions();
        g
    }

    fn refresh_positions(&mut self) {
        for rank in &self.ranks {
            for (i, &v) in rank.iter().enumerate() {
                self.pos[v] = i;
            }
        }
    }

    fn set_ranks(&mut self, ranks: Vec<Vec<usize>>) {
        self.ranks = ranks;
        self.refresh_positions();
    }

    /// Each rank in the order a breadth-first walk over the edges (both
    /// ways) reaches its nodes, starting from the sources (or the sinks):
    /// connected nodes start out near each other. Start 0 and 1 take the
    /// nodes in their given order; later starts in an order shuffled by
    /// their number.
    fn initial_order(&mut self, from_sources: bool, start: u64) {
        let total = self.widths.len();
        let mut order: Vec<usize> = (0..total).collect();
        if start >= 2 {
            // xorshift64, seeded by the start: the same shuffle every time.
            let mut x = start.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
            for i in (1..total).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                order.swap(i, (x % (i as u64 + 1)) as usize);
            }
        }
        let mut seen = vec![false; total];
        let mut queue = VecDeque::new();
        for rank in &mut self.ranks {
            rank.clear();
        }
        let first = order.iter().copied().filter(|&v| {
            if from_sources {
                self.up[v].is_empty()
            } else {
                self.down[v].is_empty()
            }
        });
        let starts: Vec<usize> = first.chain(order.iter().copied()).collect();
        for s in starts {
            if seen[s] {
                continue;
            }
            seen[s] = true;
            queue.push_back(s);
            while let Some(v) = queue.pop_front() {
                self.ranks[self.rank_of[v]].push(v);
                let (ahead, behind) = if from_sources {
                    (&self.down[v], &self.up[v])
                } else {
                    (&self.up[v], &self.down[v])
                };
                for &w in ahead.iter().chain(behind) {
                    if !seen[w] {
                        seen[w] = true;
                        queue.push_back(w);
                    }
                }
            }
        }
        self.refresh_positions();
    }

    /// Median sweeps with neighbour swaps; leaves the best order found and
    /// returns its crossings.
    fn reduce_crossings(&mut self, start_down: bool) -> usize {
        self.transpose(false);
        let mut best = self.ranks.clone();
        let mut best_count = self.total_crossings();
        let mut stale = 0;
        for sweep in 0..MAX_SWEEPS {
            if best_count == 0 || stale >= GIVE_UP_AFTER {
                break;
            }
            let downward = (sweep % 2 == 0) == start_down;
            // Two sweeps in four reverse nodes of equal medians, the other
            // two swap neighbours of equal crossings: out of plateaus.
            self.median_sweep(downward, sweep % 4 < 2);
            self.transpose(sweep % 4 >= 2);
            let count = self.total_crossings();
            if count < best_count {
                best_count = count;
                best.clone_from(&self.ranks);
                stale = 0;
            } else {
                stale += 1;
            }
        }
        self.set_ranks(best);
        best_count
    }

    /// Moves each node, rank by rank, to the place in its rank where its
    /// edges cross the fewest others; true if anything got better.
    fn sift(&mut self) -> bool {
        let mut improved = false;
        for r in 0..self.ranks.len() {
            self.prepare_rank(r);
            let nodes = self.ranks[r].clone();
            for u in nodes {
                let i = self.pos[u];
                let len = self.ranks[r].len();
                // Gain of moving u to each place: cumulative changes.
                let mut best = (0_i64, i);
                let mut acc = 0_i64;
                for j in i + 1..len {
                    let w = self.ranks[r][j];
                    acc += self.pair_crossings(w, u) as i64 - self.pair_crossings(u, w) as i64;
                    if acc < best.0 {
                        best = (acc, j);
                    }
                }
                acc = 0;
                for j in (0..i).rev() {
                    let w = self.ranks[r][j];
                    acc += self.pair_crossings(u, w) as i64 - self.pair_crossings(w, u) as i64;
                    if acc < best.0 {
                        best = (acc, j);
                    }
                }
                if best.1 != i {
                    let v = self.ranks[r].remove(i);
                    self.ranks[r].insert(best.1, v);
                    let (lo, hi) = (i.min(best.1), i.max(best.1));
                    for k in lo..=hi {
                        let x = self.ranks[r][k];
                        self.pos[x] = k;
                    }
                    improved = true;
                }
            }
        }
        improved
    }

    /// Orders each rank by the weighted median of its neighbours' positions
    /// in the rank before it (above when going down); nodes without such
    /// neighbours keep their places; with `reverse`, nodes of equal median
    /// change places.
    fn median_sweep(&mut self, downward: bool, reverse: bool) {
        let order: Vec<usize> = if downward {
            (1..self.ranks.len()).collect()
        } else {
            (0..self.ranks.len().saturating_sub(1)).rev().collect()
        };
        let mut around: Vec<usize> = Vec::new();
        for r in order {
            let mut keyed: Vec<(f32, usize, usize)> = Vec::with_capacity(self.ranks[r].len());
            let mut fixed: Vec<bool> = Vec::with_capacity(self.ranks[r].len());
            for &v in &self.ranks[r] {
                let nbrs = if downward { &self.up[v] } else { &self.down[v] };
                around.clear();
                around.extend(nbrs.iter().map(|&u| self.pos[u]));
                match median(&mut around) {
                    Some(m) => {
                        keyed.push((m, self.pos[v], v));
                        fixed.push(false);
                    }
                    None => fixed.push(true),
                }
            }
            keyed.sort_by(|a, b| {
                let by_place = if reverse {
                    b.1.cmp(&a.1)
                } else {
                    a.1.cmp(&b.1)
                };
                a.0.total_cmp(&b.0).then(by_place)
            });
            let mut moving = keyed.into_iter().map(|(_, _, v)| v);
            let old = std::mem::take(&mut self.ranks[r]);
            let new: Vec<usize> = old
                .iter()
                .zip(&fixed)
                .map(|(&v, &stays)| if stays { v } else { moving.next().unwrap_or(v) })
                .collect();
            for (i, &v) in new.iter().enumerate() {
                self.pos[v] = i;
            }
            self.ranks[r] = new;
        }
    }

    /// Sorts the neighbour positions of the nodes of rank `r`, for
    /// [`Self::pair_crossings`] while `r` is reordered (its neighbours, in
    /// the ranks around it, stay where they are meanwhile).
    fn prepare_rank(&mut self, r: usize) {
        for &u in &self.ranks[r] {
            for (list, nbrs) in [
                (&mut self.sorted_up[u], &self.up[u]),
                (&mut self.sorted_down[u], &self.down[u]),
            ] {
                list.clear();
                list.extend(nbrs.iter().map(|&a| self.pos[a]));
                list.sort_unstable();
            }
        }
    }

    /// Crossings between the edges of `u` and of `v` (to the ranks above
    /// and below) when `u` is left of `v`: pairs of their neighbours in the
    /// wrong order, counted by merging the sorted positions. `u` and `v`
    /// are in the rank last prepared.
    fn pair_crossings(&self, u: usize, v: usize) -> usize {
        inversions(&self.sorted_up[u], &self.sorted_up[v])
            + inversions(&self.sorted_down[u], &self.sorted_down[v])
    }

    /// Swaps neighbours within a rank while that removes crossings (with
    /// `equal`, also where it changes nothing, once per pair and pass).
    fn transpose(&mut self, equal: bool) {
        let mut dirty = vec![true; self.ranks.len()];
        for _ in 0..TRANSPOSE_PASSES {
            let mut improved = false;
            for r in 0..self.ranks.len() {
                if !dirty[r] {
                    continue;
                }
                dirty[r] = false;
                self.prepare_rank(r);
                for i in 0..self.ranks[r].len().saturating_sub(1) {
                    let (u, v) = (self.ranks[r][i], self.ranks[r][i + 1]);
                    let before = self.pair_crossings(u, v);
                    if before == 0 {
                        continue;
                    }
                    let after = self.pair_crossings(v, u);
                    if after < before || (equal && after == before) {
                        self.ranks[r].swap(i, i + 1);
                        self.pos[u] = i + 1;
                        self.pos[v] = i;
                        if after < before {
                            improved = true;
                            dirty[r] = true;
                            if r > 0 {
                                dirty[r - 1] = true;
                            }
                            if r + 1 < dirty.len() {
                                dirty[r + 1] = true;
                            }
                        }
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Crossings between rank `r` and `r + 1`: inversions of the lower
    /// ends once the edges are sorted by their upper ends (a Fenwick tree).
    fn crossings_between(&self, r: usize, tree: &mut Vec<usize>) -> usize {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for &u in &self.ranks[r] {
            for &v in &self.down[u] {
                pairs.push((self.pos[u], self.pos[v]));
            }
        }
        pairs.sort_unstable();
        let size = self.ranks.get(r + 1).map_or(0, Vec::len) + 1;
        tree.clear();
        tree.resize(size + 1, 0);
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

    fn total_crossings(&self) -> usize {
        let mut tree = Vec::new();
        (0..self.ranks.len().saturating_sub(1))
            .map(|r| self.crossings_between(r, &mut tree))
            .sum()
    }

    /// Centre x of every node: packed left to right, then pulled towards
    /// the mean of its neighbours, rank by rank, alternately from above and
    /// below (both for the last two rounds).
    fn place(&self, iterations: usize) -> Vec<f32> {
        let mut x = vec![0.0_f32; self.widths.len()];
        for rank in &self.ranks {
            let mut next = 0.0;
            for &v in rank {
                x[v] = next + self.widths[v] / 2.0;
                next += self.widths[v] + SEP;
            }
        }
        let mut desired: Vec<f32> = Vec::new();
        for it in 0..iterations {
            let downward = it % 2 == 0;
            let both = it + 2 >= iterations;
            let order: Vec<usize> = if downward {
                (0..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len()).rev().collect()
            };
            for r in order {
                let rank = &self.ranks[r];
                desired.clear();
                let real = self.real;
                let w = |a: usize, b: usize| match (a < real, b < real) {
                    (true, true) => PULL_REAL,
                    (false, false) => PULL_POINTS,
                    _ => PULL_MIXED,
                };
                desired.extend(rank.iter().map(|&v| {
                    let (up, down): (&[usize], &[usize]) = match (both, downward) {
                        (true, _) => (&self.up[v], &self.down[v]),
                        (false, true) => (&self.up[v], &[]),
                        (false, false) => (&[], &self.down[v]),
                    };
                    let (sum, weight) = up
                        .iter()
                        .chain(down)
                        .fold((0.0, 0.0), |(s, t), &u| (s + w(v, u) * x[u], t + w(v, u)));
                    if weight == 0.0 { x[v] } else { sum / weight }
                }));
                let placed = project(rank, &self.widths, &desired);
                for (&v, p) in rank.iter().zip(placed) {
                    x[v] = p;
                }
            }
        }
        x
    }
}

/// The pairs (x of `a`, y of `b`) with x > y, for sorted `a` and `b`.
fn inversions(a: &[usize], b: &[usize]) -> usize {
    let mut count = 0;
    let mut below = 0;
    for &x in a {
        while below < b.len() && b[below] < x {
            below += 1;
        }
        count += below;
    }
    count
}

/// The weighted median of positions, as `dot` takes it: the middle one,
/// or between the two middle ones, leaning towards the side where the
/// positions bunch up. `None` without positions.
fn median(p: &mut [usize]) -> Option<f32> {
    p.sort_unstable();
    let n = p.len();
    let m = n / 2;
    match n {
        0 => None,
        1 => Some(p[0] as f32),
        2 => Some((p[0] + p[1]) as f32 / 2.0),
        _ if n % 2 == 1 => Some(p[m] as f32),
        _ => {
            let left = (p[m - 1] - p[0]) as f32;
            let right = (p[n - 1] - p[m]) as f32;
            if left + right > 0.0 {
                Some((p[m - 1] as f32 * right + p[m] as f32 * left) / (left + right))
            } else {
                Some((p[m - 1] + p[m]) as f32 / 2.0)
            }
        }
    }
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
        // 0 → 3, 1 → 2: drawn without a crossing.
        let sizes = vec![Size::new(50.0, 20.0); 4];
        let (xs, crossings) = arrange(&[0, 0, 1, 1], &sizes, &[(0, 3), (1, 2)], 1);
        assert_eq!(crossings, 0);
        assert!((xs[0] < xs[1]) == (xs[3] < xs[2]), "{xs:?}");
    }

    #[test]
    fn pair_crossings_count_the_pairs_in_the_wrong_order() {
        assert_eq!(inversions(&[], &[1, 2]), 0);
        assert_eq!(inversions(&[3], &[1, 2, 3, 4]), 2);
        assert_eq!(inversions(&[1, 5, 5], &[0, 2, 5]), 1 + 2 + 2);
        // Against counting every pair, on a small layered graph.
        let levels = [0, 0, 0, 1, 1, 1, 2, 2];
        let sizes = vec![Size::new(40.0, 20.0); 8];
        let edges = [
            (0, 4),
            (0, 5),
            (1, 3),
            (2, 3),
            (2, 5),
            (3, 7),
            (4, 6),
            (5, 6),
            (5, 7),
        ];
        let mut g = Layered::new(&levels, &sizes, &edges);
        g.prepare_rank(1);
        let naive = |g: &Layered, u: usize, v: usize| {
            let mut c = 0;
            for (nu, nv) in [(&g.up[u], &g.up[v]), (&g.down[u], &g.down[v])] {
                for &a in nu {
                    for &b in nv {
                        c += usize::from(g.pos[a] > g.pos[b]);
                    }
                }
            }
            c
        };
        for &u in &g.ranks[1] {
            for &v in &g.ranks[1] {
                assert_eq!(g.pair_crossings(u, v), naive(&g, u, v), "{u} {v}");
            }
        }
    }

    #[test]
    fn projection_keeps_order_and_gaps() {
        let p = project(&[0, 1, 2], &[10.0, 10.0, 10.0], &[5.0, 5.0, 5.0]);
        assert!(p[1] - p[0] >= 10.0 + SEP - 1e-3 && p[2] - p[1] >= 10.0 + SEP - 1e-3);
    }

    #[test]
    fn medians_lean_towards_the_bunched_side() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [4]), Some(4.0));
        assert_eq!(median(&mut [1, 3]), Some(2.0));
        assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
        // 0 1 | 2 9: the left pair is tight, so the median leans left of 1.5.
        let m = median(&mut [0, 1, 2, 9]).unwrap_or_default();
        assert!(m > 1.0 && m < 1.5, "{m}");
    }

    #[test]
    fn a_grid_of_parallel_chains_has_no_crossings() {
        // Three chains of four, given in a scrambled order.
        let levels = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3];
        let sizes = vec![Size::new(40.0, 20.0); 12];
        let edges = [
            (0, 5),
            (5, 2),
            (2, 7),
            (4, 9),
            (9, 6),
            (6, 11),
            (8, 1),
            (1, 10),
            (10, 3),
        ];
        let g = {
            let mut g = Layered::new(&levels, &sizes, &edges);
            g.initial_order(true, 0);
            g.reduce_crossings(true);
            g
        };
        assert_eq!(g.total_crossings(), 0);
    }
}
