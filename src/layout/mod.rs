//! Automatic layout of a view's nodes, and edge routing ([`route`]).
//!
//! [`layout`] places every node that has no saved position. Saved positions
//! always win. The rest is a layered (Sugiyama) layout, the way Graphviz's
//! `dot` does it: boundaries are laid out as compound nodes (each
//! boundary's inside first, then the boundary as one node among the
//! others), cycles are broken with petgraph, nodes are ranked by network
//! simplex ([`rank`]; also by longest path, and the ranking that crosses
//! less wins), each rank is ordered and placed by [`order`], and ranks are
//! spaced so edge labels fit between them.
//!
//! This used to be layout-rs's work. Its crossing reduction is cubic in the
//! width of a rank (3 s for 200 nodes, minutes for 1,000) and, with its
//! longest-path ranking, drew about 1.6–1.9× the crossings of `dot`; both
//! phases are now here (see docs/PERFORMANCE.md).
//!
//! Inputs and outputs are owned `Send` data, so the editor can run a layout
//! on a background thread. This module must not draw, read files or touch a
//! document; it must never panic (should the layered layout fail, the boxes
//! go in a grid).

mod order;
mod rank;
pub mod route;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};

use petgraph::graphmap::DiGraphMap;
use petgraph::visit::{Control, DfsEvent, depth_first_search};

use crate::diagram::{
    ContentBoundary, NodeKind, Point, Rect, Size, Theme, ViewContents, boundary_frame,
};
use crate::model::Id;

/// The top-left corner of every node of a view, in scene units.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Positions {
    pub nodes: BTreeMap<Id, Point>,
}

/// Vertical space between ranks: room for an edge label of three lines.
const RANK_GAP: f32 = 96.0;
/// Horizontal space between unrelated components of a graph and grid cells.
const GAP: f32 = 60.0;

/// Places the nodes of `contents`: `saved` positions where given, the rest
/// by a layered layout that keeps each boundary's members together.
/// `sizes` are the node sizes ([`crate::diagram::sizes`]); a node without a
/// size counts as 200 × 120.
pub fn layout(
    contents: &ViewContents,
    sizes: &BTreeMap<Id, Size>,
    saved: &BTreeMap<Id, Point>,
) -> Positions {
    let size_of = |id: &str| sizes.get(id).copied().unwrap_or(Size::new(200.0, 120.0));
    let all_saved = contents.nodes.iter().all(|n| saved.contains_key(&n.id));
    let mut out = Positions::default();
    if all_saved {
        for n in &contents.nodes {
            if let Some(p) = saved.get(&n.id) {
                out.nodes.insert(n.id.clone(), *p);
            }
        }
        return out;
    }
    let auto = compound_layout(contents, &size_of);
    if saved.is_empty() {
        out.nodes = auto;
        return out;
    }
    merge_saved(contents, &size_of, &auto, saved)
}

/// Which way an edge points for ranking: edges into a person are turned
/// round, so people stay at the top as C4 diagrams draw them.
fn orient(contents: &ViewContents, from: &str, to: &str) -> bool {
    let person = |id: &str| {
        contents
            .node(id)
            .is_some_and(|n| n.kind == NodeKind::Person)
    };
    person(to) && !person(from)
}

/// Lays out each boundary's inside, then places everything else around it.
fn compound_layout(contents: &ViewContents, size_of: &dyn Fn(&str) -> Size) -> BTreeMap<Id, Point> {
    // Boundaries with members that exist, each node in one boundary at most.
    let mut taken: HashSet<&str> = HashSet::new();
    let mut boundaries: Vec<(&ContentBoundary, Vec<&str>)> = Vec::new();
    for b in &contents.boundaries {
        let members: Vec<&str> = b
            .members
            .iter()
            .map(String::as_str)
            .filter(|m| contents.node(m).is_some() && taken.insert(m))
            .collect();
        if !members.is_empty() {
            boundaries.push((b, members));
        }
    }
    match boundaries.len() {
        0 => flat_layout(contents, size_of),
        1 => {
            let (b, members) = &boundaries[0];
            single_boundary_layout(contents, size_of, b, members)
        }
        _ => blocks_layout(contents, size_of, &boundaries),
    }
}

/// Every node in one layered layout.
fn flat_layout(contents: &ViewContents, size_of: &dyn Fn(&str) -> Size) -> BTreeMap<Id, Point> {
    let index: HashMap<&str, usize> = contents
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let sizes: Vec<Size> = contents.nodes.iter().map(|n| size_of(&n.id)).collect();
    let edges: Vec<(usize, usize)> = contents
        .edges
        .iter()
        .filter_map(|e| {
            let (a, b) = (*index.get(e.from.as_str())?, *index.get(e.to.as_str())?);
            Some(if orient(contents, &e.from, &e.to) {
                (b, a)
            } else {
                (a, b)
            })
        })
        .collect();
    let pos = layered(&sizes, &edges);
    contents
        .nodes
        .iter()
        .zip(pos)
        .map(|(n, p)| (n.id.clone(), p))
        .collect()
}

/// One boundary (a containers or components view): its inside is laid out
/// with stand-ins for the nodes outside it, so that what talks to those
/// nodes sits near them; then the users and callers go in a row above the
/// boundary and what it calls in a row below, each over its stand-in.
fn single_boundary_layout(
    contents: &ViewContents,
    size_of: &dyn Fn(&str) -> Size,
    boundary: &ContentBoundary,
    members: &[&str],
) -> BTreeMap<Id, Point> {
    let inside: HashMap<&str, usize> = members.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let outside: Vec<&str> = contents
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .filter(|id| !inside.contains_key(id))
        .collect();
    // Above or below: people, and whoever mostly calls in, go above.
    let mut above: HashMap<&str, bool> = HashMap::new();
    for o in &outside {
        let calls_in = contents
            .edges
            .iter()
            .filter(|e| e.from == *o && inside.contains_key(e.to.as_str()))
            .count();
        let called = contents
            .edges
            .iter()
            .filter(|e| e.to == *o && inside.contains_key(e.from.as_str()))
            .count();
        let person = contents.node(o).is_some_and(|n| n.kind == NodeKind::Person);
        above.insert(o, person || calls_in > called);
    }
    // The inside, with a stand-in for each outside node it talks to.
    let mut sizes: Vec<Size> = members.iter().map(|m| size_of(m)).collect();
    let mut proxy_of: HashMap<&str, usize> = HashMap::new();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for e in &contents.edges {
        let (f, t) = (e.from.as_str(), e.to.as_str());
        let pair = match (inside.get(f), inside.get(t)) {
            (Some(&a), Some(&b)) => (a, b),
            (Some(&a), None) | (None, Some(&a)) => {
                let other = if inside.contains_key(f) { t } else { f };
                if contents.node(other).is_none() {
                    continue;
                }
                let proxy = *proxy_of.entry(other).or_insert_with(|| {
                    sizes.push(Size::new(size_of(other).w, 24.0));
                    sizes.len() - 1
                });
                if above.get(other).copied().unwrap_or(false) {
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
    let frame = boundary_frame(boundary, &Theme::C4);
    let block_w = (inner.w + frame.left + frame.right).max(frame.min_width);
    let block_h = inner.h + frame.top + frame.bottom;
    let dx = frame.left - inner.x;
    let dy = frame.top - inner.y;

    // The rows above and below, each node over its stand-in.
    let row = |want_above: bool| -> Vec<(&str, Size, Option<f32>)> {
        outside
            .iter()
            .filter(|o| above.get(*o).copied().unwrap_or(false) == want_above)
            .map(|o| {
                let size = size_of(o);
                let desired = proxy_of.get(o).map(|&p| pos[p].x + dx + sizes[p].w / 2.0);
                (*o, size, desired)
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

    let mut out = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        out.insert(
            (*m).to_owned(),
            Point::new(pos[i].x + dx, block_y + pos[i].y + dy),
        );
    }
    for (items, y0, h) in [(top, 0.0, top_h), (bottom, bottom_y, bottom_h)] {
        for (id, x, size) in place_row(items, block_w) {
            out.insert(id.to_owned(), Point::new(x, y0 + (h - size.h) / 2.0));
        }
    }
    out
}

/// Places boxes left to right, each as near its desired centre as the
/// order allows; a row without wishes is centred on `span`.
fn place_row(mut items: Vec<(&str, Size, Option<f32>)>, span: f32) -> Vec<(&str, f32, Size)> {
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

/// Several boundaries: each laid out inside, then placed as one block
/// among the other nodes.
fn blocks_layout(
    contents: &ViewContents,
    size_of: &dyn Fn(&str) -> Size,
    boundaries: &[(&ContentBoundary, Vec<&str>)],
) -> BTreeMap<Id, Point> {
    let theme = Theme::C4;
    let mut unit_of: HashMap<&str, usize> = HashMap::new();
    let mut units: Vec<Size> = Vec::new();
    // For each boundary unit: its members' offsets inside the block.
    let mut blocks: Vec<(usize, Vec<(&str, Point)>)> = Vec::new();
    for (b, members) in boundaries {
        let local: HashMap<&str, usize> =
            members.iter().enumerate().map(|(i, m)| (*m, i)).collect();
        let edges: Vec<(usize, usize)> = contents
            .edges
            .iter()
            .filter_map(|e| Some((*local.get(e.from.as_str())?, *local.get(e.to.as_str())?)))
            .collect();
        let sizes: Vec<Size> = members.iter().map(|m| size_of(m)).collect();
        let pos = layered(&sizes, &edges);
        let frame = boundary_frame(b, &theme);
        let inner = bbox(&pos, &sizes);
        let w = (inner.w + frame.left + frame.right).max(frame.min_width);
        let h = inner.h + frame.top + frame.bottom;
        let unit = units.len();
        units.push(Size::new(w, h));
        let offsets = members
            .iter()
            .zip(&pos)
            .map(|(m, p)| {
                (
                    *m,
                    Point::new(p.x - inner.x + frame.left, p.y - inner.y + frame.top),
                )
            })
            .collect();
        for m in members {
            unit_of.insert(m, unit);
        }
        blocks.push((unit, offsets));
    }
    let mut free: Vec<(&str, usize)> = Vec::new();
    for n in &contents.nodes {
        if !unit_of.contains_key(n.id.as_str()) {
            let unit = units.len();
            units.push(size_of(&n.id));
            unit_of.insert(n.id.as_str(), unit);
            free.push((n.id.as_str(), unit));
        }
    }
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for e in &contents.edges {
        let (Some(&a), Some(&b)) = (unit_of.get(e.from.as_str()), unit_of.get(e.to.as_str()))
        else {
            continue;
        };
        let pair = if orient(contents, &e.from, &e.to) {
            (b, a)
        } else {
            (a, b)
        };
        if a != b && !edges.contains(&pair) {
            edges.push(pair);
        }
    }
    let pos = layered(&units, &edges);
    let mut out = BTreeMap::new();
    for (id, unit) in free {
        out.insert(id.to_owned(), pos[unit]);
    }
    for (unit, offsets) in blocks {
        let origin = pos[unit];
        for (id, off) in offsets {
            out.insert(
                id.to_owned(),
                Point::new(origin.x + off.x, origin.y + off.y),
            );
        }
    }
    out
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

/// Saved positions win; the other nodes keep their place relative to the
/// saved ones (the automatic layout moved onto the saved frame) and move to
/// the nearest free spot if they would overlap a box already placed.
fn merge_saved(
    contents: &ViewContents,
    size_of: &dyn Fn(&str) -> Size,
    auto: &BTreeMap<Id, Point>,
    saved: &BTreeMap<Id, Point>,
) -> Positions {
    let mut shift = (0.0_f32, 0.0_f32);
    let mut count = 0.0_f32;
    for (id, p) in saved {
        if let Some(a) = auto.get(id) {
            shift.0 += p.x - a.x;
            shift.1 += p.y - a.y;
            count += 1.0;
        }
    }
    if count > 0.0 {
        shift = (shift.0 / count, shift.1 / count);
    }
    let mut out = Positions::default();
    let mut placed: Vec<Rect> = Vec::new();
    for n in &contents.nodes {
        if let Some(p) = saved.get(&n.id) {
            out.nodes.insert(n.id.clone(), *p);
            placed.push(Rect::at(*p, size_of(&n.id)));
        }
    }
    for n in &contents.nodes {
        if saved.contains_key(&n.id) {
            continue;
        }
        let size = size_of(&n.id);
        let start = auto.get(&n.id).map_or(Point::new(0.0, 0.0), |a| {
            Point::new(a.x + shift.0, a.y + shift.1)
        });
        let p = free_spot(start, size, &placed);
        placed.push(Rect::at(p, size));
        out.nodes.insert(n.id.clone(), p);
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
}
