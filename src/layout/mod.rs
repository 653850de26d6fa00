//! Automatic layout of boxes and edges, and edge routing ([`route`]):
//! graph algorithms over a plain [`Graph`], with no notion of C4.
//!
//! [`arrange`] places every node that is not pinned. Pinned nodes always
//! keep their place. The rest is a layered (Sugiyama) layout, the way
//! Graphviz's `dot` does it: groups are laid out as compound nodes (each
//! group's inside first, then the group as one node among the others),
//! cycles are broken with petgraph, nodes are ranked by network simplex
//! ([`rank`]; also by longest path, and the ranking that crosses less wins),
//! each rank is ordered and placed by [`order`], and ranks are spaced so
//! edge labels fit between them. Nodes marked [`Node::top`] are pulled to
//! the top: edges into them are turned round for ranking.
//!
//! This used to be layout-rs's work. Its crossing reduction is cubic in the
//! width of a rank (3 s for 200 nodes, minutes for 1,000) and, with its
//! longest-path ranking, drew about 1.6–1.9× the crossings of `dot`; both
//! phases are now here (see docs/PERFORMANCE.md).
//!
//! What a view's graph is (its boxes, people on top, boundaries as groups,
//! saved positions as pins) is decided by `diagram::arrange`. Inputs and
//! outputs are owned `Send` data, so the editor can run a layout on a
//! background thread. This module imports only [`crate::geom`]; it must not
//! draw, read files or touch a document, and it must never panic on any
//! input (should the layered layout fail, the boxes go in a grid).

mod order;
mod rank;
pub mod route;

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use petgraph::graphmap::DiGraphMap;
use petgraph::visit::{Control, DfsEvent, depth_first_search};

use crate::geom::{Point, Rect, Size};

/// Vertical space between ranks: room for an edge label of three lines.
const RANK_GAP: f32 = 96.0;
/// Horizontal space between unrelated components of a graph and grid cells.
const GAP: f32 = 60.0;

/// A box to place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    pub size: Size,
    /// Pulled to the top: edges into it from other nodes point up, and
    /// beside a single group it goes in the row above.
    pub top: bool,
}

/// The room a group's frame takes around its members.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Insets {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    /// The group is at least this wide.
    pub min_width: f32,
}

/// Nodes kept together inside a frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// Indexes into [`Graph::nodes`]. A node belongs to the first group that
    /// lists it; unknown indexes are ignored.
    pub members: Vec<usize>,
    pub insets: Insets,
}

/// What [`arrange`] lays out. Edges are pairs of indexes into `nodes`, in
/// the direction of the call; unknown indexes and loops are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<(usize, usize)>,
    pub groups: Vec<Group>,
    /// Nodes whose top-left corner is fixed. The others keep their place
    /// relative to these: the automatic layout is moved by the mean offset
    /// of the pinned nodes, summed in this order.
    pub pinned: Vec<(usize, Point)>,
}

impl Graph {
    /// Whether every node is pinned, so [`arrange`] has nothing to lay out.
    pub fn all_pinned(&self) -> bool {
        let mut pinned = vec![false; self.nodes.len()];
        for &(i, _) in &self.pinned {
            if let Some(p) = pinned.get_mut(i) {
                *p = true;
            }
        }
        pinned.into_iter().all(|p| p)
    }
}

/// The top-left corner of every node of `graph`, in the order of its nodes.
pub fn arrange(graph: &Graph) -> Vec<Point> {
    let n = graph.nodes.len();
    let mut pin: Vec<Option<Point>> = vec![None; n];
    // A pin that is not a usable number (infinite, NaN, absurdly far) is
    // no pin: the node is laid out as if it had none.
    for &(i, p) in &graph.pinned {
        if let Some(slot) = pin.get_mut(i)
            && p.is_usable()
        {
            *slot = Some(p);
        }
    }
    if pin.iter().all(Option::is_some) {
        return pin.into_iter().flatten().collect();
    }
    let g = Checked::new(graph);
    let auto = g.compound();
    if pin.iter().all(Option::is_none) {
        return auto;
    }
    merge_pinned(graph, &pin, &auto)
}

/// A graph with its edges and groups checked against its nodes.
struct Checked<'g> {
    nodes: &'g [Node],
    edges: Vec<(usize, usize)>,
    /// Groups with members, each node in one group at most.
    groups: Vec<(&'g Insets, Vec<usize>)>,
}

impl<'g> Checked<'g> {
    fn new(graph: &'g Graph) -> Self {
        let n = graph.nodes.len();
        let edges = graph
            .edges
            .iter()
            .copied()
            .filter(|&(a, b)| a < n && b < n)
            .collect();
        let mut taken: HashSet<usize> = HashSet::new();
        let mut groups = Vec::new();
        for g in &graph.groups {
            let members: Vec<usize> = g
                .members
                .iter()
                .copied()
                .filter(|&m| m < n && taken.insert(m))
                .collect();
            if !members.is_empty() {
                groups.push((&g.insets, members));
            }
        }
        Self {
            nodes: &graph.nodes,
            edges,
            groups,
        }
    }

    fn size(&self, i: usize) -> Size {
        self.nodes[i].size
    }

    /// Edges into a top node from another are turned round for ranking.
    fn oriented(&self, a: usize, b: usize) -> (usize, usize) {
        if self.nodes[b].top && !self.nodes[a].top {
            (b, a)
        } else {
            (a, b)
        }
    }

    /// Lays out each group's inside, then places everything else around it.
    fn compound(&self) -> Vec<Point> {
        match self.groups.len() {
            0 => self.flat(),
            1 => self.single_group(self.groups[0].0, &self.groups[0].1),
            _ => self.blocks(),
        }
    }

    /// Every node in one layered layout.
    fn flat(&self) -> Vec<Point> {
        let sizes: Vec<Size> = self.nodes.iter().map(|n| n.size).collect();
        let edges: Vec<(usize, usize)> = self
            .edges
            .iter()
            .map(|&(a, b)| self.oriented(a, b))
            .collect();
        layered(&sizes, &edges)
    }

    /// One group (a containers or components view): its inside is laid out
    /// with stand-ins for the nodes outside it, so that what talks to those
    /// nodes sits near them; then the top nodes and callers go in a row
    /// above the group and what it calls in a row below, each over its
    /// stand-in.
    fn single_group(&self, insets: &Insets, members: &[usize]) -> Vec<Point> {
        let inside: HashMap<usize, usize> =
            members.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let outside: Vec<usize> = (0..self.nodes.len())
            .filter(|id| !inside.contains_key(id))
            .collect();
        // Above or below: top nodes, and whoever mostly calls in, go above.
        let mut above: HashMap<usize, bool> = HashMap::new();
        for &o in &outside {
            let calls_in = self
                .edges
                .iter()
                .filter(|e| e.0 == o && inside.contains_key(&e.1))
                .count();
            let called = self
                .edges
                .iter()
                .filter(|e| e.1 == o && inside.contains_key(&e.0))
                .count();
            above.insert(o, self.nodes[o].top || calls_in > called);
        }
        // The inside, with a stand-in for each outside node it talks to.
        let mut sizes: Vec<Size> = members.iter().map(|&m| self.size(m)).collect();
        let mut proxy_of: HashMap<usize, usize> = HashMap::new();
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for &(f, t) in &self.edges {
            let pair = match (inside.get(&f), inside.get(&t)) {
                (Some(&a), Some(&b)) => (a, b),
                (Some(&a), None) | (None, Some(&a)) => {
                    let other = if inside.contains_key(&f) { t } else { f };
                    let proxy = *proxy_of.entry(other).or_insert_with(|| {
                        sizes.push(Size::new(self.size(other).w, 24.0));
                        sizes.len() - 1
                    });
                    if above.get(&other).copied().unwrap_or(false) {
                        (proxy, a)
                    } else {
                        (a, proxy)
                    }
                }
                (None, None) => continue,
            };
            if !edges.contains(&pair) {
                edges.push(pair);
            }
        }
        let pos = layered(&sizes, &edges);
        let member_sizes = &sizes[..members.len()];
        let inner = bbox(&pos[..members.len()], member_sizes);
        let block_w = (inner.w + insets.left + insets.right).max(insets.min_width);
        let block_h = inner.h + insets.top + insets.bottom;
        let dx = insets.left - inner.x;
        let dy = insets.top - inner.y;

        // The rows above and below, each node over its stand-in.
        let row = |want_above: bool| -> Vec<(usize, Size, Option<f32>)> {
            outside
                .iter()
                .filter(|o| above.get(*o).copied().unwrap_or(false) == want_above)
                .map(|&o| {
                    let size = self.size(o);
                    let desired = proxy_of.get(&o).map(|&p| pos[p].x + dx + sizes[p].w / 2.0);
                    (o, size, desired)
                })
                .collect()
        };
        let top = row(true);
        let bottom = row(false);
        let top_h = top.iter().map(|(_, s, _)| s.h).fold(0.0_f32, f32::max);
        let bottom_h = bottom.iter().map(|(_, s, _)| s.h).fold(0.0_f32, f32::max);
        let block_y = if top.is_empty() {
            0.0
        } else {
            top_h + RANK_GAP
        };
        let bottom_y = block_y + block_h + RANK_GAP;

        let mut out = vec![Point::new(0.0, 0.0); self.nodes.len()];
        for (i, &m) in members.iter().enumerate() {
            out[m] = Point::new(pos[i].x + dx, block_y + pos[i].y + dy);
        }
        for (items, y0, h) in [(top, 0.0, top_h), (bottom, bottom_y, bottom_h)] {
            for (id, x, size) in place_row(items, block_w) {
                out[id] = Point::new(x, y0 + (h - size.h) / 2.0);
            }
        }
        out
    }

    /// Several groups: each laid out inside, then placed as one block among
    /// the other nodes.
    fn blocks(&self) -> Vec<Point> {
        let mut unit_of: HashMap<usize, usize> = HashMap::new();
        let mut units: Vec<Size> = Vec::new();
        // For each group unit: its members' offsets inside the block.
        let mut blocks: Vec<(usize, Vec<(usize, Point)>)> = Vec::new();
        for (insets, members) in &self.groups {
            let local: HashMap<usize, usize> =
                members.iter().enumerate().map(|(i, m)| (*m, i)).collect();
            let edges: Vec<(usize, usize)> = self
                .edges
                .iter()
                .filter_map(|e| Some((*local.get(&e.0)?, *local.get(&e.1)?)))
                .collect();
            let sizes: Vec<Size> = members.iter().map(|&m| self.size(m)).collect();
            let pos = layered(&sizes, &edges);
            let inner = bbox(&pos, &sizes);
            let w = (inner.w + insets.left + insets.right).max(insets.min_width);
            let h = inner.h + insets.top + insets.bottom;
            let unit = units.len();
            units.push(Size::new(w, h));
            let offsets = members
                .iter()
                .zip(&pos)
                .map(|(&m, p)| {
                    (
                        m,
                        Point::new(p.x - inner.x + insets.left, p.y - inner.y + insets.top),
                    )
                })
                .collect();
            for &m in members {
                unit_of.insert(m, unit);
            }
            blocks.push((unit, offsets));
        }
        let mut free: Vec<(usize, usize)> = Vec::new();
        for i in 0..self.nodes.len() {
            if let std::collections::hash_map::Entry::Vacant(slot) = unit_of.entry(i) {
                let unit = units.len();
                units.push(self.size(i));
                slot.insert(unit);
                free.push((i, unit));
            }
        }
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for &(f, t) in &self.edges {
            let (Some(&a), Some(&b)) = (unit_of.get(&f), unit_of.get(&t)) else {
                continue;
            };
            let pair = if self.oriented(f, t) == (f, t) {
                (a, b)
            } else {
                (b, a)
            };
            if a != b && !edges.contains(&pair) {
                edges.push(pair);
            }
        }
        let pos = layered(&units, &edges);
        let mut out = vec![Point::new(0.0, 0.0); self.nodes.len()];
        for (id, unit) in free {
            out[id] = pos[unit];
        }
        for (unit, offsets) in blocks {
            let origin = pos[unit];
            for (id, off) in offsets {
                out[id] = Point::new(origin.x + off.x, origin.y + off.y);
            }
        }
        out
    }
}

/// Places boxes left to right, each as near its desired centre as the
/// order allows; a row without wishes is centred on `span`.
fn place_row(mut items: Vec<(usize, Size, Option<f32>)>, span: f32) -> Vec<(usize, f32, Size)> {
    items.sort_by(|a, b| {
        let ka = a.2.unwrap_or(f32::MAX);
        let kb = b.2.unwrap_or(f32::MAX);
        ka.total_cmp(&kb)
    });
    let mut out = Vec::with_capacity(items.len());
    let mut next = f32::NEG_INFINITY;
    for (id, size, desired) in &items {
        let want = desired.map_or(next, |c| c - size.w / 2.0);
        let x = if next.is_finite() {
            want.max(next)
        } else {
            want
        };
        let x = if x.is_finite() { x } else { 0.0 };
        out.push((*id, x, *size));
        next = x + size.w + GAP;
    }
    // Shift the row so that, on average, boxes sit over their wishes.
    let wished: Vec<f32> = items
        .iter()
        .zip(&out)
        .filter_map(|((_, s, d), (_, x, _))| d.map(|c| c - (x + s.w / 2.0)))
        .collect();
    let shift = if wished.is_empty() {
        let width = out.last().map_or(0.0, |(_, x, s)| x + s.w);
        (span - width) / 2.0
    } else {
        wished.iter().sum::<f32>() / wished.len() as f32
    };
    out.into_iter()
        .map(|(id, x, s)| (id, x + shift, s))
        .collect()
}

fn bbox(pos: &[Point], sizes: &[Size]) -> Rect {
    pos.iter()
        .zip(sizes)
        .map(|(p, s)| Rect::at(*p, *s))
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default()
}

/// A layered layout of boxes of these sizes; returns their top-left corners.
/// Never panics: an empty graph gives nothing, one node sits at the origin,
/// and should the layered layout fail, the boxes go in a grid.
pub fn layered(sizes: &[Size], edges: &[(usize, usize)]) -> Vec<Point> {
    match sizes.len() {
        0 => return Vec::new(),
        1 => return vec![Point::new(0.0, 0.0)],
        _ => {}
    }
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < sizes.len() && b < sizes.len())
        .collect();
    let acyclic = break_cycles(sizes.len(), &edges);
    let result = catch_unwind(AssertUnwindSafe(|| run_layered(sizes, &acyclic)));
    match result {
        Ok(Some(p)) => p,
        _ => grid(sizes),
    }
}

/// Reverses the back edges of a depth-first search (started from the nodes
/// nobody points at, in order), drops duplicates, and sorts the edges in
/// topological order of their sources.
fn break_cycles(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut g: DiGraphMap<usize, ()> = DiGraphMap::new();
    for i in 0..n {
        g.add_node(i);
    }
    for &(a, b) in edges {
        g.add_edge(a, b, ());
    }
    let mut indegree = vec![0usize; n];
    for &(_, b) in edges {
        indegree[b] += 1;
    }
    let starts: Vec<usize> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .chain((0..n).filter(|&i| indegree[i] != 0))
        .collect();
    let mut back: HashSet<(usize, usize)> = HashSet::new();
    depth_first_search(&g, starts, |event| {
        if let DfsEvent::BackEdge(a, b) = event {
            back.insert((a, b));
        }
        Control::<()>::Continue
    });
    let mut dag: DiGraphMap<usize, ()> = DiGraphMap::new();
    for i in 0..n {
        dag.add_node(i);
    }
    for (a, b) in g.all_edges().map(|(a, b, _)| (a, b)) {
        let (a, b) = if back.contains(&(a, b)) {
            (b, a)
        } else {
            (a, b)
        };
        if a != b {
            dag.add_edge(a, b, ());
        }
    }
    let order = petgraph::algo::toposort(&dag, None).unwrap_or_else(|_| (0..n).collect());
    let mut rank = vec![0usize; n];
    for (i, v) in order.iter().enumerate() {
        rank[*v] = i;
    }
    let mut out: Vec<(usize, usize)> = dag.all_edges().map(|(a, b, _)| (a, b)).collect();
    out.sort_by_key(|&(a, b)| (rank[a], rank[b]));
    out
}

/// Ranks ([`rank`]), order and x ([`order`]), and y from the ranks with
/// room for labels, for an acyclic graph.
fn run_layered(sizes: &[Size], edges: &[(usize, usize)]) -> Option<Vec<Point>> {
    // Two rankings: the shortest edges (network simplex), and the longest
    // path with sources sunk. Usually the first crosses less; when the
    // second does, it wins.
    let tight = rank::network_simplex(sizes.len(), edges);
    let deep = rank::longest_path_sunk(sizes.len(), edges);
    let (levels, xs) = if tight == deep {
        let (xs, _) = order::arrange(&tight, sizes, edges, 1);
        (tight, xs)
    } else {
        let (xs_tight, tight_crossings) = order::arrange(&tight, sizes, edges, 2);
        let (xs_deep, deep_crossings) = order::arrange(&deep, sizes, edges, 2);
        if deep_crossings < tight_crossings {
            (deep, xs_deep)
        } else {
            (tight, xs_tight)
        }
    };
    if xs.iter().any(|x| !x.is_finite()) {
        return None;
    }
    // Rows: the tallest box of each rank sets its height.
    let ranks = levels.iter().copied().max().unwrap_or(0) + 1;
    let mut row_h = vec![0.0_f32; ranks];
    for (l, s) in levels.iter().zip(sizes) {
        row_h[*l] = row_h[*l].max(s.h);
    }
    let mut row_y = vec![0.0_f32; ranks];
    let mut y = 0.0;
    for r in 0..ranks {
        row_y[r] = y;
        if row_h[r] > 0.0 {
            y += row_h[r] + RANK_GAP;
        }
    }
    let min_x = xs.iter().copied().fold(f32::INFINITY, f32::min);
    Some(
        xs.iter()
            .zip(&levels)
            .zip(sizes)
            .map(|((x, l), s)| Point::new(x - min_x, row_y[*l] + (row_h[*l] - s.h) / 2.0))
            .collect(),
    )
}

/// Boxes in rows of about the square root of their number.
fn grid(sizes: &[Size]) -> Vec<Point> {
    let per_row = (sizes.len() as f32).sqrt().ceil().max(1.0) as usize;
    let mut out = Vec::with_capacity(sizes.len());
    let (mut x, mut y, mut row_h) = (0.0_f32, 0.0_f32, 0.0_f32);
    for (i, s) in sizes.iter().enumerate() {
        if i > 0 && i % per_row == 0 {
            x = 0.0;
            y += row_h + RANK_GAP;
            row_h = 0.0;
        }
        out.push(Point::new(x, y));
        x += s.w + GAP;
        row_h = row_h.max(s.h);
    }
    out
}

/// Pinned nodes keep their place; the others keep the place the automatic
/// layout gives them, moving to the nearest free spot only if they would
/// overlap a box already placed. (They once followed the mean offset of the
/// pins from their automatic places, so a drag of one box moved them all.)
fn merge_pinned(graph: &Graph, pin: &[Option<Point>], auto: &[Point]) -> Vec<Point> {
    let mut out = vec![Point::new(0.0, 0.0); graph.nodes.len()];
    let mut placed: Vec<Rect> = Vec::new();
    for (i, node) in graph.nodes.iter().enumerate() {
        if let Some(p) = pin[i] {
            out[i] = p;
            placed.push(Rect::at(p, node.size));
        }
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        if pin[i].is_some() {
            continue;
        }
        let p = free_spot(auto[i], node.size, &placed);
        placed.push(Rect::at(p, node.size));
        out[i] = p;
    }
    out
}

/// The spot nearest `start` (on a 40-unit grid, ring by ring) where a box
/// of `size` overlaps nothing in `placed`, with a gap around it.
fn free_spot(start: Point, size: Size, placed: &[Rect]) -> Point {
    let free = |p: Point| {
        let r = Rect::at(p, size).inflate(GAP / 2.0);
        !placed.iter().any(|o| o.intersects(&r))
    };
    if free(start) {
        return start;
    }
    const STEP: f32 = 40.0;
    for ring in 1..60_i32 {
        for i in -ring..=ring {
            for (dx, dy) in [(i, -ring), (i, ring), (-ring, i), (ring, i)] {
                let p = Point::new(start.x + dx as f32 * STEP, start.y + dy as f32 * STEP);
                if free(p) {
                    return p;
                }
            }
        }
    }
    // Below everything.
    let bottom = placed.iter().map(Rect::bottom).fold(start.y, f32::max);
    Point::new(start.x, bottom + GAP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_single_and_cyclic_graphs_do_not_panic() {
        assert!(layered(&[], &[]).is_empty());
        assert_eq!(layered(&[Size::new(10.0, 10.0)], &[(0, 0)]).len(), 1);
        let sizes = vec![Size::new(100.0, 50.0); 4];
        let pos = layered(&sizes, &[(0, 1), (1, 2), (2, 0), (2, 3), (3, 3), (9, 1)]);
        assert_eq!(pos.len(), 4);
        for i in 0..4 {
            for j in i + 1..4 {
                let a = Rect::at(pos[i], sizes[i]);
                let b = Rect::at(pos[j], sizes[j]);
                assert!(!a.intersects(&b), "{i} and {j} overlap: {pos:?}");
            }
        }
    }

    #[test]
    fn cycles_are_broken_into_topological_order() {
        let e = break_cycles(3, &[(0, 1), (1, 2), (2, 0)]);
        assert_eq!(e.len(), 3);
        let mut g: DiGraphMap<usize, ()> = DiGraphMap::new();
        for &(a, b) in &e {
            g.add_edge(a, b, ());
        }
        let order = petgraph::algo::toposort(&g, None).expect("acyclic");
        let rank = |v: usize| order.iter().position(|&x| x == v).unwrap_or(0);
        // Edges come out ordered by their sources' topological order.
        assert!(e.windows(2).all(|w| rank(w[0].0) <= rank(w[1].0)));
    }

    #[test]
    fn a_saved_position_wins_and_others_do_not_overlap_it() {
        let placed = [Rect::new(0.0, 0.0, 100.0, 100.0)];
        let p = free_spot(Point::new(10.0, 10.0), Size::new(100.0, 100.0), &placed);
        assert!(!Rect::at(p, Size::new(100.0, 100.0)).intersects(&placed[0]));
    }

    fn boxes(n: usize) -> Vec<Node> {
        vec![
            Node {
                size: Size::new(120.0, 80.0),
                top: false,
            };
            n
        ]
    }

    fn no_overlaps(graph: &Graph, pos: &[Point]) {
        assert_eq!(pos.len(), graph.nodes.len());
        for i in 0..pos.len() {
            for j in i + 1..pos.len() {
                let a = Rect::at(pos[i], graph.nodes[i].size);
                let b = Rect::at(pos[j], graph.nodes[j].size);
                assert!(!a.intersects(&b), "{i} and {j} overlap: {pos:?}");
            }
        }
    }

    #[test]
    fn pinned_nodes_stay_and_the_rest_keep_clear_of_them() {
        let mut graph = Graph {
            nodes: boxes(5),
            edges: vec![(0, 1), (1, 2), (2, 3), (3, 4)],
            ..Graph::default()
        };
        let auto = arrange(&graph);
        no_overlaps(&graph, &auto);
        // Pinning a node where the layout put it changes nothing.
        graph.pinned = vec![(2, auto[2])];
        assert_eq!(arrange(&graph), auto);
        // Pinned far away, it sits there alone: every other node keeps the
        // place the layout gives it without pins.
        graph.pinned = vec![(2, Point::new(5000.0, 5000.0))];
        let alone = arrange(&graph);
        assert_eq!(alone[2], Point::new(5000.0, 5000.0));
        for i in [0, 1, 3, 4] {
            assert_eq!(alone[i], auto[i], "node {i} did not move");
        }
        // Pinned onto others, they step aside and keep clear of it.
        graph.pinned = vec![
            (2, Point::new(-1000.0, 500.0)),
            (4, Point::new(-1000.0, 500.0)),
        ];
        let moved = arrange(&graph);
        assert_eq!(moved[2], Point::new(-1000.0, 500.0));
        assert_eq!(moved[4], Point::new(-1000.0, 500.0));
        let others = [0, 1, 3];
        for &i in &others {
            let r = Rect::at(moved[i], graph.nodes[i].size);
            assert!(
                !r.intersects(&Rect::at(moved[2], graph.nodes[2].size)),
                "{moved:?}"
            );
        }
        // Every node pinned: exactly the pins.
        graph.pinned = (0..5).map(|i| (i, Point::new(i as f32, 0.0))).collect();
        assert!(graph.all_pinned());
        assert_eq!(
            arrange(&graph),
            (0..5)
                .map(|i| Point::new(i as f32, 0.0))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn unknown_indexes_and_shared_members_are_ignored() {
        let graph = Graph {
            nodes: boxes(4),
            edges: vec![(0, 1), (7, 1), (1, 9), (2, 2)],
            groups: vec![
                Group {
                    members: vec![0, 1, 42],
                    insets: Insets {
                        left: 10.0,
                        top: 30.0,
                        right: 10.0,
                        bottom: 10.0,
                        min_width: 400.0,
                    },
                },
                Group {
                    members: vec![1, 2],
                    insets: Insets::default(),
                },
            ],
            pinned: vec![(99, Point::new(5.0, 5.0))],
        };
        assert!(!graph.all_pinned());
        let pos = arrange(&graph);
        no_overlaps(&graph, &pos);
        // The pin of a node that does not exist moves nothing.
        let mut unpinned = graph.clone();
        unpinned.pinned.clear();
        assert_eq!(arrange(&unpinned), pos);
    }

    #[test]
    fn a_single_group_has_top_nodes_above_it_and_what_it_calls_below() {
        let mut nodes = boxes(4);
        nodes[0].top = true;
        // 0 (a person) calls 1; 1 and 2 are the group; 2 calls 3.
        let graph = Graph {
            nodes,
            edges: vec![(0, 1), (1, 2), (2, 3)],
            groups: vec![Group {
                members: vec![1, 2],
                insets: Insets {
                    left: 20.0,
                    top: 40.0,
                    right: 20.0,
                    bottom: 20.0,
                    min_width: 0.0,
                },
            }],
            pinned: Vec::new(),
        };
        let pos = arrange(&graph);
        no_overlaps(&graph, &pos);
        let group_top = pos[1].y.min(pos[2].y) - 40.0;
        let group_bottom = (pos[1].y + 80.0).max(pos[2].y + 80.0) + 20.0;
        assert!(pos[0].y + 80.0 <= group_top, "{pos:?}");
        assert!(pos[3].y >= group_bottom, "{pos:?}");
    }
}
