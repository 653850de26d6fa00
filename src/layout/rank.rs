//! Ranking: by network simplex, as Graphviz's `dot` ranks (Gansner et al.,
//! "A technique for drawing directed graphs", 1993, section 2): every edge
//! points at least one rank down and the total length of the edges is as
//! small as it can be, so long edges (and the crossings they bring) are
//! few.
//!
//! Start from the longest-path ranking, grow a spanning tree of tight
//! edges, then repeatedly swap a tree edge of negative cut value for the
//! non-tree edge of least slack that reconnects the tree; each component
//! of the graph on its own. Nothing recurses (deep graphs cannot overflow
//! a worker thread's stack), and an iteration limit keeps the time bounded;
//! every intermediate ranking is valid.
//!
//! Also the longest-path ranking with sources sunk ([`longest_path_sunk`],
//! what layout-rs did): longer edges, but on some graphs (a boundary with
//! stand-ins for the nodes around it) an order with fewer crossings.

/// The rank of every node of an acyclic graph (edges with an end out of
/// range are ignored), the smallest rank of each component being 0.
pub(crate) fn network_simplex(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();
    let mut out_edges = vec![Vec::new(); n];
    let mut in_edges = vec![Vec::new(); n];
    for (i, &(a, b)) in edges.iter().enumerate() {
        out_edges[a].push(i);
        in_edges[b].push(i);
    }
    let mut ranks = vec![0usize; n];
    let mut local = vec![0usize; n];
    for component in components(n, &out_edges, &in_edges, &edges) {
        if component.len() < 2 {
            continue;
        }
        for (i, &v) in component.iter().enumerate() {
            local[v] = i;
        }
        let local_edges: Vec<(usize, usize)> = component
            .iter()
            .flat_map(|&v| out_edges[v].iter().map(|&e| edges[e]))
            .map(|(a, b)| (local[a], local[b]))
            .collect();
        let mut s = Simplex::new(component.len(), local_edges);
        s.solve();
        let min = s.rank.iter().copied().min().unwrap_or(0);
        for (i, &v) in component.iter().enumerate() {
            ranks[v] = usize::try_from(s.rank[i] - min).unwrap_or(0);
        }
    }
    ranks
}

/// The longest-path ranking (every node one rank below its lowest
/// predecessor), then nodes sunk towards their successors where that
/// shortens edges without adding any (as layout-rs ranks).
pub(crate) fn longest_path_sunk(n: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a < n && b < n && a != b)
        .collect();
    let mut succ = vec![Vec::new(); n];
    let mut pred = vec![Vec::new(); n];
    for &(a, b) in &edges {
        succ[a].push(b);
        pred[b].push(a);
    }
    let mut rank = vec![0usize; n];
    let mut waiting: Vec<usize> = pred.iter().map(Vec::len).collect();
    let mut ready: Vec<usize> = (0..n).filter(|&v| waiting[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &succ[v] {
            rank[w] = rank[w].max(rank[v] + 1);
            waiting[w] -= 1;
            if waiting[w] == 0 {
                ready.push(w);
            }
        }
    }
    loop {
        let mut moved = false;
        for v in 0..n {
            if succ[v].is_empty() || pred[v].len() > succ[v].len() {
                continue;
            }
            let lowest = succ[v].iter().map(|&w| rank[w]).min().unwrap_or(0);
            if lowest > rank[v] + 1 {
                rank[v] = lowest - 1;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    rank
}

/// The weakly connected components, each in node order.
fn components(
    n: usize,
    out_edges: &[Vec<usize>],
    in_edges: &[Vec<usize>],
    edges: &[(usize, usize)],
) -> Vec<Vec<usize>> {
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut component = Vec::new();
        let mut stack = vec![start];
        while let Some(v) = stack.pop() {
            component.push(v);
            for &e in out_edges[v].iter().chain(&in_edges[v]) {
                let (a, b) = edges[e];
                let w = if a == v { b } else { a };
                if !seen[w] {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        component.sort_unstable();
        out.push(component);
    }
    out
}

/// A node being numbered: the node, the tree edge it was entered by, and
/// its tree edges (with the node at their other end) not yet visited.
type Visit = (usize, usize, Vec<(usize, usize)>);

/// The network simplex state for one connected graph.
struct Simplex {
    /// 0..n, for iterating.
    nodes: Vec<usize>,
    edges: Vec<(usize, usize)>,
    out_edges: Vec<Vec<usize>>,
    in_edges: Vec<Vec<usize>>,
    rank: Vec<i64>,
    in_tree: Vec<bool>,
    tree_edge: Vec<bool>,
    tree_out: Vec<Vec<usize>>,
    tree_in: Vec<Vec<usize>>,
    cut: Vec<i64>,
    /// Per node: the tree edge to its parent (`usize::MAX` at the root),
    /// and the post-order range of its subtree.
    parent: Vec<usize>,
    low: Vec<usize>,
    lim: Vec<usize>,
    /// Where the search for a leaving edge goes on from.
    cursor: usize,
}

const NONE: usize = usize::MAX;

impl Simplex {
    fn new(n: usize, edges: Vec<(usize, usize)>) -> Self {
        let mut out_edges = vec![Vec::new(); n];
        let mut in_edges = vec![Vec::new(); n];
        for (i, &(a, b)) in edges.iter().enumerate() {
            out_edges[a].push(i);
            in_edges[b].push(i);
        }
        let m = edges.len();
        Self {
            nodes: (0..n).collect(),
            edges,
            out_edges,
            in_edges,
            rank: vec![0; n],
            in_tree: vec![false; n],
            tree_edge: vec![false; m],
            tree_out: vec![Vec::new(); n],
            tree_in: vec![Vec::new(); n],
            cut: vec![0; m],
            parent: vec![NONE; n],
            low: vec![0; n],
            lim: vec![0; n],
            cursor: 0,
        }
    }

    fn slack(&self, e: usize) -> i64 {
        let (a, b) = self.edges[e];
        self.rank[b] - self.rank[a] - 1
    }

    fn solve(&mut self) {
        if self.nodes.len() < 2 {
            return;
        }
        self.longest_path();
        self.feasible_tree();
        self.ranges();
        self.cut_values();
        let limit = 20 * self.nodes.len() + 1000;
        for _ in 0..limit {
            let Some(leaving) = self.leave_edge() else {
                break;
            };
            let Some(entering) = self.enter_edge(leaving) else {
                break;
            };
            self.update(leaving, entering);
        }
    }

    /// Every node one rank below its lowest predecessor (a topological walk).
    fn longest_path(&mut self) {
        let mut waiting: Vec<usize> = self.in_edges.iter().map(Vec::len).collect();
        let mut ready: Vec<usize> = (0..waiting.len()).filter(|&v| waiting[v] == 0).collect();
        while let Some(v) = ready.pop() {
            for &e in &self.out_edges[v] {
                let w = self.edges[e].1;
                self.rank[w] = self.rank[w].max(self.rank[v] + 1);
                waiting[w] -= 1;
                if waiting[w] == 0 {
                    ready.push(w);
                }
            }
        }
    }

    fn add_tree_edge(&mut self, e: usize) {
        let (a, b) = self.edges[e];
        self.tree_edge[e] = true;
        self.tree_out[a].push(e);
        self.tree_in[b].push(e);
        self.in_tree[a] = true;
        self.in_tree[b] = true;
    }

    /// Grows the tree along tight edges from every tree node; returns its size.
    fn grow_tight(&mut self, size: &mut usize) {
        let mut stack: Vec<usize> = (0..self.nodes.len()).filter(|&v| self.in_tree[v]).collect();
        while let Some(v) = stack.pop() {
            for i in 0..self.out_edges[v].len() + self.in_edges[v].len() {
                let e = if i < self.out_edges[v].len() {
                    self.out_edges[v][i]
                } else {
                    self.in_edges[v][i - self.out_edges[v].len()]
                };
                let (a, b) = self.edges[e];
                let w = if a == v { b } else { a };
                if !self.in_tree[w] && self.slack(e) == 0 {
                    self.add_tree_edge(e);
                    *size += 1;
                    stack.push(w);
                }
            }
        }
    }

    /// A spanning tree of tight edges: grow one from the first node; while
    /// it spans less than the component, move the tree by the least slack
    /// of an edge leaving it, which makes that edge tight, and grow again.
    fn feasible_tree(&mut self) {
        let first = self.nodes[0];
        self.in_tree[first] = true;
        let mut size = 1;
        self.grow_tight(&mut size);
        while size < self.nodes.len() {
            let mut best: Option<(i64, usize)> = None;
            for v in 0..self.nodes.len() {
                if !self.in_tree[v] {
                    continue;
                }
                for &e in self.out_edges[v].iter().chain(&self.in_edges[v]) {
                    let (a, b) = self.edges[e];
                    if self.in_tree[a] != self.in_tree[b] {
                        let s = self.slack(e);
                        if best.is_none_or(|(bs, _)| s < bs) {
                            best = Some((s, e));
                        }
                    }
                }
            }
            let Some((slack, e)) = best else {
                return; // Not connected after all; the ranks stay valid.
            };
            let delta = if self.in_tree[self.edges[e].1] {
                -slack
            } else {
                slack
            };
            for v in 0..self.nodes.len() {
                if self.in_tree[v] {
                    self.rank[v] += delta;
                }
            }
            self.grow_tight(&mut size);
        }
    }

    /// The tree edges at `v`, with the node at their other end.
    fn tree_neighbours(&self, v: usize) -> Vec<(usize, usize)> {
        self.tree_out[v]
            .iter()
            .map(|&e| (e, self.edges[e].1))
            .chain(self.tree_in[v].iter().map(|&e| (e, self.edges[e].0)))
            .collect()
    }

    /// Parent edges and post-order ranges of the tree rooted at the first node.
    fn ranges(&mut self) {
        let root = self.nodes[0];
        self.range_from(root, NONE, 1);
    }

    /// Numbers the subtree of `root` (entered by `via`) in post-order from `low`.
    fn range_from(&mut self, root: usize, via: usize, low: usize) {
        let mut next = low;
        let mut stack: Vec<Visit> = Vec::new();
        self.parent[root] = via;
        self.low[root] = next;
        let children = self.tree_neighbours(root);
        stack.push((root, via, children));
        while let Some((v, entered_by, mut children)) = stack.pop() {
            let child = loop {
                match children.pop() {
                    Some((e, w)) if e != entered_by => break Some((e, w)),
                    Some(_) => {}
                    None => break None,
                }
            };
            match child {
                Some((e, w)) => {
                    stack.push((v, entered_by, children));
                    self.parent[w] = e;
                    self.low[w] = next;
                    let grandchildren = self.tree_neighbours(w);
                    stack.push((w, e, grandchildren));
                }
                None => {
                    self.lim[v] = next;
                    next += 1;
                }
            }
        }
    }

    /// Whether `w` lies in the subtree of `v`.
    fn below(&self, v: usize, w: usize) -> bool {
        self.low[v] <= self.lim[w] && self.lim[w] <= self.lim[v]
    }

    /// The cut value of every tree edge, children before parents.
    fn cut_values(&mut self) {
        let mut order: Vec<usize> = self.nodes.clone();
        order.sort_unstable_by_key(|&v| self.lim[v]);
        for v in order {
            let f = self.parent[v];
            if f != NONE {
                self.cut[f] = self.cut_value_at(v, f);
            }
        }
    }

    /// The cut value of `f`, the tree edge from `v` to its parent, from the
    /// edges at `v` and the cut values of the tree edges below it (`dot`'s
    /// `x_cutval`).
    fn cut_value_at(&self, v: usize, f: usize) -> i64 {
        let dir_tail = self.edges[f].0 == v;
        let mut sum = 0;
        for &e in self.out_edges[v].iter().chain(&self.in_edges[v]) {
            let (a, b) = self.edges[e];
            let other = if a == v { b } else { a };
            let (outside, mut value) = if self.below(v, other) {
                let inner = if self.tree_edge[e] { self.cut[e] } else { 0 };
                (false, inner - 1)
            } else {
                (true, 1)
            };
            let mut d = if dir_tail {
                if b == v { 1 } else { -1 }
            } else if a == v {
                1
            } else {
                -1
            };
            if outside {
                d = -d;
            }
            if d < 0 {
                value = -value;
            }
            sum += value;
        }
        sum
    }

    /// A tree edge with a negative cut value: the most negative of the next
    /// few found, searching on from where the last search stopped.
    fn leave_edge(&mut self) -> Option<usize> {
        const SEARCH: usize = 30;
        let m = self.edges.len();
        let mut best: Option<usize> = None;
        let mut found = 0;
        for k in 0..m {
            let e = (self.cursor + k) % m;
            if self.tree_edge[e] && self.cut[e] < 0 {
                if best.is_none_or(|b| self.cut[e] < self.cut[b]) {
                    best = Some(e);
                }
                found += 1;
                if found >= SEARCH {
                    self.cursor = (e + 1) % m;
                    return best;
                }
            }
        }
        if let Some(b) = best {
            self.cursor = (b + 1) % m;
        }
        best
    }

    /// The non-tree edge of least slack that goes from the head side of
    /// `leaving` to its tail side.
    fn enter_edge(&self, leaving: usize) -> Option<usize> {
        let (a, b) = self.edges[leaving];
        // The side below `leaving` in the tree; search the edges that leave it
        // (outwards when it is the head side).
        let (v, outwards) = if self.lim[a] < self.lim[b] {
            (a, false)
        } else {
            (b, true)
        };
        let mut best: Option<(i64, usize)> = None;
        let mut stack = vec![v];
        while let Some(w) = stack.pop() {
            if outwards {
                for &e in &self.out_edges[w] {
                    let head = self.edges[e].1;
                    if !self.tree_edge[e] && !self.below(v, head) {
                        let s = self.slack(e);
                        if best.is_none_or(|(bs, _)| s < bs) {
                            best = Some((s, e));
                        }
                    }
                }
            } else {
                for &e in &self.in_edges[w] {
                    let tail = self.edges[e].0;
                    if !self.tree_edge[e] && !self.below(v, tail) {
                        let s = self.slack(e);
                        if best.is_none_or(|(bs, _)| s < bs) {
                            best = Some((s, e));
                        }
                    }
                }
            }
            for (e, x) in self.tree_neighbours(w) {
                if e != self.parent[w] && self.lim[x] < self.lim[w] {
                    stack.push(x);
                }
            }
        }
        best.map(|(_, e)| e)
    }

    /// Moves the part of the tree on `v`'s side of the tree edge `cut_at`
    /// by `-delta` ranks.
    fn rerank(&mut self, v: usize, delta: i64, cut_at: usize) {
        let mut stack = vec![(v, cut_at)];
        while let Some((w, from)) = stack.pop() {
            self.rank[w] -= delta;
            for (e, x) in self.tree_neighbours(w) {
                if e != from {
                    stack.push((x, e));
                }
            }
        }
    }

    /// Swaps `leaving` out of the tree and `entering` in: ranks move to make
    /// `entering` tight, cut values change along the tree path between the
    /// ends of `entering`, and the post-order ranges are renumbered below
    /// their common ancestor (`dot`'s `update`).
    fn update(&mut self, leaving: usize, entering: usize) {
        let delta = self.slack(entering);
        let (ta, hb) = self.edges[leaving];
        if delta > 0 {
            let degree = |v: usize| self.tree_in[v].len() + self.tree_out[v].len();
            if degree(ta) == 1 {
                self.rerank(ta, delta, leaving);
            } else if degree(hb) == 1 {
                self.rerank(hb, -delta, leaving);
            } else if self.lim[ta] < self.lim[hb] {
                self.rerank(ta, delta, leaving);
            } else {
                self.rerank(hb, -delta, leaving);
            }
        }
        let cut = self.cut[leaving];
        let (fa, fb) = self.edges[entering];
        let lca = self.tree_update(fa, fb, cut, true);
        let lca2 = self.tree_update(fb, fa, cut, false);
        debug_assert_eq!(lca, lca2);
        self.cut[entering] = -cut;
        self.cut[leaving] = 0;
        // Exchange the edges.
        self.tree_edge[leaving] = false;
        self.tree_out[ta].retain(|&e| e != leaving);
        self.tree_in[hb].retain(|&e| e != leaving);
        self.tree_edge[entering] = true;
        self.tree_out[fa].push(entering);
        self.tree_in[fb].push(entering);
        let (via, low) = (self.parent[lca], self.low[lca]);
        self.range_from(lca, via, low);
    }

    /// Adds `cut` to (or takes it from) the cut values on the tree path from
    /// `v` up to the first node whose subtree holds `w`; returns that node.
    fn tree_update(&mut self, mut v: usize, w: usize, cut: i64, dir: bool) -> usize {
        while !self.below(v, w) {
            let e = self.parent[v];
            if e == NONE {
                break;
            }
            let (a, b) = self.edges[e];
            let d = if v == a { dir } else { !dir };
            if d {
                self.cut[e] += cut;
            } else {
                self.cut[e] -= cut;
            }
            v = if self.lim[a] > self.lim[b] { a } else { b };
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total_length(ranks: &[usize], edges: &[(usize, usize)]) -> usize {
        edges.iter().map(|&(a, b)| ranks[b] - ranks[a]).sum()
    }

    fn valid(ranks: &[usize], edges: &[(usize, usize)]) -> bool {
        edges.iter().all(|&(a, b)| ranks[b] > ranks[a])
    }

    #[test]
    fn a_source_is_pulled_down_to_its_only_successor() {
        // 0 → 1 → 2 → 3, and 4 → 3: longest path puts 4 at rank 0.
        let edges = [(0, 1), (1, 2), (2, 3), (4, 3)];
        let r = network_simplex(5, &edges);
        assert!(valid(&r, &edges));
        assert_eq!(r[4], 2);
        assert_eq!(total_length(&r, &edges), 4);
    }

    #[test]
    fn the_longest_path_ranking_sinks_sources() {
        let edges = [(0, 1), (1, 2), (2, 3), (4, 3), (5, 6), (6, 3)];
        let r = longest_path_sunk(7, &edges);
        assert!(valid(&r, &edges));
        // 4 has one successor and no predecessor: it sinks to just above 3;
        // so does 6, and then 5 above it.
        assert_eq!(r, [0, 1, 2, 3, 2, 1, 2]);
    }

    #[test]
    fn a_subtree_moves_as_a_whole() {
        // A chain 0 → 1 → 2 → 3 → 4 → 5, and a small tree 6 → 7, 6 → 8 that
        // feeds 5: the whole tree belongs just above 5, which no move of one
        // node finds (moving 6 alone breaks its edges).
        let edges = [
            (0, 1),
            (1, 2),
            (2, 3),
            (3, 4),
            (4, 5),
            (6, 7),
            (6, 8),
            (7, 5),
            (8, 5),
        ];
        let r = network_simplex(9, &edges);
        assert!(valid(&r, &edges));
        assert_eq!(total_length(&r, &edges), 5 + 4);
    }

    #[test]
    fn components_each_start_at_rank_zero_and_odd_input_is_survived() {
        let edges = [(0, 1), (2, 3), (3, 4), (9, 1), (5, 5)];
        let r = network_simplex(6, &edges);
        assert_eq!(r.len(), 6);
        assert_eq!((r[0], r[1]), (0, 1));
        assert_eq!((r[2], r[3], r[4]), (0, 1, 2));
        assert_eq!(r[5], 0);
        assert!(network_simplex(0, &[]).is_empty());
    }

    #[test]
    fn never_longer_than_the_longest_path_ranking() {
        // A layered random-ish DAG.
        let mut edges = Vec::new();
        let mut x = 12345_u64;
        for _ in 0..400 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let a = (x >> 33) as usize % 150;
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let b = (x >> 33) as usize % 150;
            if a < b {
                edges.push((a, b));
            }
        }
        let r = network_simplex(150, &edges);
        assert!(valid(&r, &edges));
        let mut longest = vec![0usize; 150];
        for v in 0..150 {
            for &(a, b) in &edges {
                if b == v {
                    longest[v] = longest[v].max(longest[a] + 1);
                }
            }
        }
        assert!(total_length(&r, &edges) <= total_length(&longest, &edges));
    }
}
