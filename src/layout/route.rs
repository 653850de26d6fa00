//! Edge routing: a polyline from border to border for each edge that goes
//! around the boxes in its way, and a place for its label where it covers
//! no box and no other label.
//!
//! Fast enough to run on every scene rebuild (a straight line when nothing
//! is in the way; a shortest path over the corners of the few boxes near the
//! edge otherwise). Pure: no drawing, no document.

use std::ops::RangeInclusive;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::geom::segment_crosses_box;
use crate::geom::{Point, Rect, Size};

/// One edge to route: indices into the node rectangles, and the size of its label.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RouteRequest {
    pub from: usize,
    pub to: usize,
    /// The label's size; zero when it has none.
    pub label: Size,
}

/// A routed edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// From the border of `from` to the border of `to`; at least two points.
    pub points: Vec<Point>,
    /// The centre of the label, when it has one.
    pub label_center: Option<Point>,
}

/// Clearance kept between a line and the boxes it passes.
const CLEARANCE: f32 = 14.0;
/// Most boxes considered around one edge; fewer in big diagrams, so that
/// routing stays fast.
const MAX_OBSTACLES: usize = 24;
const MAX_OBSTACLES_BIG: usize = 8;
/// Diagrams with more edges than this are big.
const BIG: usize = 300;
/// Cost of a bend, in scene units of length.
const BEND_COST: f32 = 30.0;
/// Gap between two opposite edges of the same pair.
const PARALLEL_GAP: f32 = 10.0;

/// Routes every request. `keep_clear` are rectangles labels should avoid
/// (such as boundary titles). Out-of-range indices give a degenerate route.
pub fn route_edges(nodes: &[Rect], requests: &[RouteRequest], keep_clear: &[Rect]) -> Vec<Route> {
    let node_grid = Grid::new(nodes.to_vec());
    let pairs: FxHashSet<(usize, usize)> = requests.iter().map(|r| (r.from, r.to)).collect();
    let mut routes: Vec<Vec<Point>> = requests
        .iter()
        .map(|r| {
            let limit = if requests.len() > BIG {
                MAX_OBSTACLES_BIG
            } else {
                MAX_OBSTACLES
            };
            route_one(nodes, &node_grid, &pairs, r, limit)
        })
        .collect();
    for pts in &mut routes {
        if pts.len() < 2 {
            let p = pts.first().copied().unwrap_or_default();
            *pts = vec![p, p];
        }
    }
    // Every segment of every route, for labels to keep off other lines.
    let mut segments = Vec::new();
    let mut segment_rects = Vec::new();
    for (i, pts) in routes.iter().enumerate() {
        for w in pts.windows(2) {
            segments.push((i, w[0], w[1]));
            segment_rects.push(Rect::from_corners(w[0], w[1]));
        }
    }
    let context = LabelContext {
        nodes: &node_grid,
        segments: &segments,
        segment_grid: Grid::new(segment_rects),
        keep_clear: Grid::new(keep_clear.to_vec()),
    };
    // Labels go near the lines and boxes, so the same area is kept dense.
    let mut placed = Grid::over(
        context
            .nodes
            .rects
            .iter()
            .chain(&context.segment_grid.rects)
            .copied()
            .reduce(|a, b| a.union(&b)),
    );
    let mut found = Vec::new();
    requests
        .iter()
        .zip(routes)
        .enumerate()
        .map(|(i, (r, points))| {
            let label_center = if r.label.w > 0.0 && r.label.h > 0.0 {
                let c = place_label(&context, &points, i, r.label, &placed, &mut found);
                placed.insert(centered(c, r.label));
                Some(c)
            } else {
                None
            };
            Route {
                points,
                label_center,
            }
        })
        .collect()
}

/// A uniform grid of buckets over rectangles, so that "what is near this
/// rectangle" costs the few cells it covers, not every rectangle there is.
struct Grid {
    /// The cells of the area the grid was made for, row by row, found by
    /// arithmetic: hashing cell keys was a fifth of routing time.
    dense: Vec<Vec<usize>>,
    /// The first column and row of `dense`, and its size in cells.
    origin: (i32, i32),
    cols: i32,
    rows: i32,
    /// Cells outside that area (few: labels placed beyond it).
    sparse: FxHashMap<(i32, i32), Vec<usize>>,
    rects: Vec<Rect>,
}

impl Grid {
    const CELL: f32 = 256.0;
    /// The most cells kept dense per side; a bigger area spills into `sparse`.
    const MAX_DENSE: i32 = 512;

    /// A grid of `rects`, dense over the area they cover.
    fn new(rects: Vec<Rect>) -> Self {
        let area = rects.iter().copied().reduce(|a, b| a.union(&b));
        let mut g = Self::over(area);
        g.rects.reserve(rects.len());
        for r in rects {
            g.insert(r);
        }
        g
    }

    /// An empty grid, dense over `area`.
    fn over(area: Option<Rect>) -> Self {
        let (origin, cols, rows) = match area {
            Some(area) => {
                let (xs, ys) = Self::cells(&area);
                // Never negative, whatever the rectangles hold.
                let cols = (xs.end() - xs.start() + 1).clamp(0, Self::MAX_DENSE);
                let rows = (ys.end() - ys.start() + 1).clamp(0, Self::MAX_DENSE);
                ((*xs.start(), *ys.start()), cols, rows)
            }
            None => ((0, 0), 0, 0),
        };
        Self {
            dense: vec![Vec::new(); (cols * rows) as usize],
            origin,
            cols,
            rows,
            sparse: FxHashMap::default(),
            rects: Vec::new(),
        }
    }

    /// The columns and rows of the cells `r` covers.
    fn cells(r: &Rect) -> (RangeInclusive<i32>, RangeInclusive<i32>) {
        let clamp = |v: f32| floor_clamped(v / Self::CELL);
        let (x0, x1) = (clamp(r.x), clamp(r.right()));
        let (y0, y1) = (clamp(r.y), clamp(r.bottom()));
        // Huge rectangles are capped, so a query never walks millions of cells.
        (x0..=x1.min(x0 + 400), y0..=y1.min(y0 + 400))
    }

    /// Where cell (x, y) is in `dense`, if it is there.
    fn dense_index(&self, x: i32, y: i32) -> Option<usize> {
        let (dx, dy) = (x - self.origin.0, y - self.origin.1);
        if (0..self.cols).contains(&dx) && (0..self.rows).contains(&dy) {
            Some((dy * self.cols + dx) as usize)
        } else {
            None
        }
    }

    fn bucket(&self, x: i32, y: i32) -> Option<&Vec<usize>> {
        match self.dense_index(x, y) {
            Some(i) => self.dense.get(i),
            None => self.sparse.get(&(x, y)),
        }
    }

    fn insert(&mut self, r: Rect) -> usize {
        let i = self.rects.len();
        self.rects.push(r);
        let (xs, ys) = Self::cells(&r);
        for x in xs {
            for y in ys.clone() {
                match self.dense_index(x, y) {
                    Some(d) => self.dense[d].push(i),
                    None => self.sparse.entry((x, y)).or_default().push(i),
                }
            }
        }
        i
    }

    /// Indices of the rectangles that may intersect `r`, each once, in
    /// order, into `out` (a buffer the caller reuses, to spare an allocation
    /// per query).
    fn query_into(&self, r: &Rect, out: &mut Vec<usize>) {
        out.clear();
        let near = r.inflate(1.0);
        let (xs, ys) = Self::cells(r);
        let mut buckets_hit = 0;
        for x in xs {
            for y in ys.clone() {
                if let Some(b) = self.bucket(x, y).filter(|b| !b.is_empty()) {
                    buckets_hit += 1;
                    out.extend(
                        b.iter()
                            .copied()
                            .filter(|&i| self.rects[i].intersects(&near)),
                    );
                }
            }
        }
        // One bucket is already in order and without repeats; only a
        // rectangle spanning several buckets can be found twice.
        if buckets_hit > 1 {
            out.sort_unstable();
            out.dedup();
        }
    }
}

/// `v.floor().clamp(-1.0e6, 1.0e6) as i32`, without a call to the C
/// library's `floorf` (queries were spending a tenth of their time there).
fn floor_clamped(v: f32) -> i32 {
    // The bounds are whole, so clamping first floors to the same cell; in
    // that range a float truncates exactly, and NaN becomes 0 either way.
    let v = v.clamp(-1.0e6, 1.0e6);
    let t = v as i32;
    if t as f32 > v { t - 1 } else { t }
}

fn centered(c: Point, s: Size) -> Rect {
    Rect::new(c.x - s.w / 2.0, c.y - s.h / 2.0, s.w, s.h)
}

fn route_one(
    nodes: &[Rect],
    grid: &Grid,
    pairs: &FxHashSet<(usize, usize)>,
    r: &RouteRequest,
    limit: usize,
) -> Vec<Point> {
    let (Some(a), Some(b)) = (nodes.get(r.from), nodes.get(r.to)) else {
        return Vec::new();
    };
    if r.from == r.to {
        return self_loop(*a);
    }
    // Two edges between the same pair, one each way: keep them apart.
    let opposite = pairs.contains(&(r.to, r.from));
    let (ca, cb) = (a.center(), b.center());
    let (ca, cb) = if opposite {
        let (dx, dy) = (cb.x - ca.x, cb.y - ca.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-3);
        let (nx, ny) = (
            -dy / len * PARALLEL_GAP / 2.0,
            dx / len * PARALLEL_GAP / 2.0,
        );
        (
            Point::new(ca.x + nx, ca.y + ny),
            Point::new(cb.x + nx, cb.y + ny),
        )
    } else {
        (ca, cb)
    };
    let obstacles = obstacles_near(grid, r.from, r.to, ca, cb, limit);
    // Grown once here rather than on every visibility test of the search.
    let walls: Vec<Wall> = obstacles
        .iter()
        .map(|o| Wall::new(o.inflate(CLEARANCE - 4.0)))
        .collect();
    let mut path = if blocked(&walls, ca, cb) {
        shortest_path(ca, cb, &obstacles, &walls).unwrap_or_else(|| vec![ca, cb])
    } else {
        vec![ca, cb]
    };
    // Clip the ends to the borders of the two boxes.
    let n = path.len();
    let start = clip_from(*a, path[0], path[1]);
    let end = clip_from(*b, path[n - 1], path[n - 2]);
    path[0] = start;
    path[n - 1] = end;
    path
}

/// An obstacle of the path search: a box grown by the clearance, its right
/// and bottom summed once (the sums [`Rect::right`] and [`Rect::bottom`]
/// make), as visibility tests read them tens of thousands of times.
#[derive(Clone, Copy, Debug)]
struct Wall {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

impl Wall {
    fn new(r: Rect) -> Self {
        Self {
            x0: r.x,
            y0: r.y,
            x1: r.right(),
            y1: r.bottom(),
        }
    }

    /// Whether the segment passes through the interior: the same answer
    /// as [`Rect::intersects_segment`] (the same Liang–Barsky clipping), but
    /// a segment whose extent lies beyond one side is turned away first.
    fn crosses(&self, s: &Segment) -> bool {
        // With finite deltas (so no NaN or infinite end), the clipping
        // below finds a segment wholly beyond a side missing too.
        if s.finite
            && (s.max.x < self.x0 || s.min.x > self.x1 || s.max.y < self.y0 || s.min.y > self.y1)
        {
            return false;
        }
        segment_crosses_box(s.a, (s.dx, s.dy), [self.x0, self.y0, self.x1, self.y1])
    }
}

/// A segment to test against many walls, with what every test needs.
struct Segment {
    a: Point,
    dx: f32,
    dy: f32,
    /// The corners of its bounding box.
    min: Point,
    max: Point,
    /// Whether `dx` and `dy` are finite.
    finite: bool,
}

impl Segment {
    fn new(a: Point, b: Point) -> Self {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        Self {
            a,
            dx,
            dy,
            min: Point::new(a.x.min(b.x), a.y.min(b.y)),
            max: Point::new(a.x.max(b.x), a.y.max(b.y)),
            finite: dx.is_finite() && dy.is_finite(),
        }
    }
}

/// Whether a wall stands between `p` and `q`.
fn blocked(walls: &[Wall], p: Point, q: Point) -> bool {
    let s = Segment::new(p, q);
    walls.iter().any(|w| w.crosses(&s))
}

/// Where the segment from `inside` (in `rect`) towards `toward` leaves `rect`.
fn clip_from(rect: Rect, inside: Point, toward: Point) -> Point {
    let (dx, dy) = (toward.x - inside.x, toward.y - inside.y);
    let mut t = f32::INFINITY;
    if dx > 1e-6 {
        t = t.min((rect.right() - inside.x) / dx);
    } else if dx < -1e-6 {
        t = t.min((rect.left() - inside.x) / dx);
    }
    if dy > 1e-6 {
        t = t.min((rect.bottom() - inside.y) / dy);
    } else if dy < -1e-6 {
        t = t.min((rect.top() - inside.y) / dy);
    }
    if !t.is_finite() || t < 0.0 {
        return rect.border_point(toward);
    }
    let t = t.min(1.0);
    Point::new(inside.x + dx * t, inside.y + dy * t)
}

fn self_loop(r: Rect) -> Vec<Point> {
    let out = 28.0;
    let y0 = r.y + r.h * 0.3;
    let y1 = r.y + r.h * 0.7;
    vec![
        Point::new(r.right(), y0),
        Point::new(r.right() + out, y0),
        Point::new(r.right() + out, y1),
        Point::new(r.right(), y1),
    ]
}

fn obstacles_near(
    grid: &Grid,
    from: usize,
    to: usize,
    a: Point,
    b: Point,
    limit: usize,
) -> Vec<Rect> {
    let corridor = Rect::from_corners(a, b).inflate(240.0);
    let mut found = Vec::new();
    grid.query_into(&corridor, &mut found);
    let mut near: Vec<(f32, Rect)> = found
        .into_iter()
        .filter(|&i| i != from && i != to)
        .map(|i| grid.rects[i])
        .map(|r| (distance_to_segment(r.center(), a, b), r))
        .collect();
    near.sort_by(|x, y| x.0.total_cmp(&y.0));
    near.truncate(limit);
    near.into_iter().map(|(_, r)| r).collect()
}

fn distance_to_segment(p: Point, a: Point, b: Point) -> f32 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 < 1e-6 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (a.x + t * dx, a.y + t * dy);
    ((p.x - qx).powi(2) + (p.y - qy).powi(2)).sqrt()
}

fn dist(a: Point, b: Point) -> f32 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// Dijkstra over the corners of the obstacles (grown by the clearance),
/// from `a` to `b`; each bend costs a little extra.
/// `walls` are the obstacles grown a little less, that lines keep out of.
fn shortest_path(a: Point, b: Point, obstacles: &[Rect], walls: &[Wall]) -> Option<Vec<Point>> {
    // A corner inside another obstacle (less a little) is no way round.
    let inner: Vec<Rect> = obstacles
        .iter()
        .map(|q| q.inflate(CLEARANCE - 5.0))
        .collect();
    let mut verts = vec![a, b];
    for o in obstacles {
        let g = o.inflate(CLEARANCE);
        for p in [
            Point::new(g.x, g.y),
            Point::new(g.right(), g.y),
            Point::new(g.x, g.bottom()),
            Point::new(g.right(), g.bottom()),
        ] {
            if !inner.iter().any(|q| q.contains(p)) {
                verts.push(p);
            }
        }
    }
    let n = verts.len();
    let mut cost = vec![f32::INFINITY; n];
    let mut prev = vec![usize::MAX; n];
    // The vertices not settled yet, in index order: a settled one is
    // neither chosen nor relaxed again, so it is dropped from the scans.
    let mut open: Vec<usize> = (0..n).collect();
    cost[0] = 0.0;
    // Visibility is checked lazily, only from settled vertices.
    loop {
        // The cheapest open vertex; the first of equals, as a scan in
        // index order finds it.
        let mut at = usize::MAX;
        let mut best = f32::INFINITY;
        for (k, &i) in open.iter().enumerate() {
            if cost[i] < best {
                best = cost[i];
                at = k;
            }
        }
        if at == usize::MAX {
            break;
        }
        let u = open.remove(at);
        if u == 1 {
            break;
        }
        let bend = if u == 0 { 0.0 } else { BEND_COST };
        // No way through u costs less than this (the distance only adds),
        // so a vertex reached as cheaply already needs no distance or
        // visibility test.
        let floor = cost[u] + bend;
        for &v in &open {
            if floor >= cost[v] {
                continue;
            }
            let (p, q) = (verts[u], verts[v]);
            // `dist(p, q)` squared, as `dist` sums it.
            let d2 = (p.x - q.x).powi(2) + (p.y - q.y).powi(2);
            // Far beyond what could still lower the cost (by a margin that
            // dwarfs rounding): no need for the square root.
            let reach = (cost[v] - floor) + cost[v] * 1e-3 + 1e-3;
            if d2 > reach * reach {
                continue;
            }
            let c = cost[u] + d2.sqrt() + bend;
            if c < cost[v] && !blocked(walls, p, q) {
                cost[v] = c;
                prev[v] = u;
            }
        }
    }
    if !cost[1].is_finite() {
        return None;
    }
    let mut path = vec![b];
    let mut at = 1;
    while at != 0 {
        at = prev[at];
        if at == usize::MAX {
            return None;
        }
        path.push(verts[at]);
    }
    path.reverse();
    Some(path)
}

/// The length of each segment of a polyline, and their sum: what
/// [`point_at`] walks along, worked out once for all its fractions.
fn lengths(points: &[Point]) -> (Vec<f32>, f32) {
    let lengths: Vec<f32> = points.windows(2).map(|w| dist(w[0], w[1])).collect();
    let total = lengths.iter().copied().sum();
    (lengths, total)
}

/// The point at this fraction of the polyline's length (`lengths` and
/// `total` from [`lengths`]), with the direction of the segment there.
fn point_at(points: &[Point], lengths: &[f32], total: f32, t: f32) -> (Point, (f32, f32)) {
    let mut left = total * t;
    for (w, &d) in points.windows(2).zip(lengths) {
        if left <= d || d <= 0.0 {
            let f = if d > 0.0 { left / d } else { 0.0 };
            let dir = if d > 0.0 {
                ((w[1].x - w[0].x) / d, (w[1].y - w[0].y) / d)
            } else {
                (1.0, 0.0)
            };
            return (
                Point::new(
                    w[0].x + (w[1].x - w[0].x) * f,
                    w[0].y + (w[1].y - w[0].y) * f,
                ),
                dir,
            );
        }
        left -= d;
    }
    let last = points.last().copied().unwrap_or_default();
    (last, (1.0, 0.0))
}

/// What labels keep off: boxes, other lines, other labels, boundary titles.
struct LabelContext<'a> {
    nodes: &'a Grid,
    /// (route index, start, end) of every segment.
    segments: &'a [(usize, Point, Point)],
    segment_grid: Grid,
    keep_clear: Grid,
}

fn place_label(
    ctx: &LabelContext<'_>,
    points: &[Point],
    me: usize,
    size: Size,
    placed: &Grid,
    found: &mut Vec<usize>,
) -> Point {
    const FRACTIONS: [f32; 13] = [
        0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82, 0.12, 0.88, 0.06, 0.94,
    ];
    let mut best = (f32::INFINITY, points.first().copied().unwrap_or_default());
    let (lengths, total) = lengths(points);
    for (k, &t) in FRACTIONS.iter().enumerate() {
        let (p, (dx, dy)) = point_at(points, &lengths, total, t);
        // On the line first; then beside it.
        let side_x = size.w / 2.0 + 6.0;
        let side_y = size.h / 2.0 + 6.0;
        let beside = if dy.abs() > dx.abs() {
            [(side_x, 0.0), (-side_x, 0.0)]
        } else {
            [(0.0, side_y), (0.0, -side_y)]
        };
        for (j, (ox, oy)) in std::iter::once((0.0, 0.0)).chain(beside).enumerate() {
            let c = Point::new(p.x + ox, p.y + oy);
            let rect = centered(c, size);
            let base = k as f32 * 6.0 + j as f32 * 40.0;
            if let Some(score) = label_score(ctx, placed, rect, me, base, best.0, found) {
                best = (score, c);
            }
        }
        if best.0 < 1.0 {
            break;
        }
    }
    best.1
}

/// The score of a label at `rect` (lower is better): `base` plus what it
/// covers and crosses, or `None` once it reaches `bound`. The terms only
/// ever add, so a candidate that cannot beat the best so far is not scored
/// further (most candidates end after the first query, or before it).
fn label_score(
    ctx: &LabelContext<'_>,
    placed: &Grid,
    rect: Rect,
    me: usize,
    base: f32,
    bound: f32,
    found: &mut Vec<usize>,
) -> Option<f32> {
    let beaten = |score: f32| score >= bound;
    let mut score = base;
    if beaten(score) {
        return None;
    }
    let near = rect.inflate(6.0);
    ctx.nodes.query_into(&near, found);
    for &i in found.iter() {
        score += 1000.0 * rect.overlap_area(&ctx.nodes.rects[i].inflate(4.0)).sqrt();
    }
    if beaten(score) {
        return None;
    }
    placed.query_into(&near, found);
    for &i in found.iter() {
        score += 600.0 * rect.overlap_area(&placed.rects[i].inflate(3.0)).sqrt();
    }
    if beaten(score) {
        return None;
    }
    ctx.keep_clear.query_into(&near, found);
    for &i in found.iter() {
        score += 300.0
            * rect
                .overlap_area(&ctx.keep_clear.rects[i].inflate(3.0))
                .sqrt();
    }
    if beaten(score) {
        return None;
    }
    ctx.segment_grid.query_into(&rect, found);
    // Segments come in route order, so each other route crossed counts
    // once: when it differs from the last one counted.
    let mut crossed = 0;
    let mut last = None;
    for &s in found.iter() {
        let (route, a, b) = ctx.segments[s];
        if route != me && rect.intersects_segment(a, b) && last != Some(route) {
            crossed += 1;
            last = Some(route);
        }
    }
    score += 60.0 * crossed as f32;
    (score < bound).then_some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goes_around_a_box_in_the_way() {
        let nodes = [
            Rect::new(0.0, 0.0, 100.0, 60.0),
            Rect::new(0.0, 150.0, 100.0, 60.0),
            Rect::new(0.0, 300.0, 100.0, 60.0),
        ];
        let req = [RouteRequest {
            from: 0,
            to: 2,
            label: Size::new(60.0, 20.0),
        }];
        let routes = route_edges(&nodes, &req, &[]);
        let pts = &routes[0].points;
        assert!(pts.len() > 2, "{pts:?}");
        assert!(
            pts.windows(2)
                .all(|w| !nodes[1].intersects_segment(w[0], w[1]))
        );
        let label = centered(routes[0].label_center.expect("label"), req[0].label);
        assert!(nodes.iter().all(|n| !n.intersects(&label)));
    }

    #[test]
    fn walls_block_as_rectangles_do() {
        let mut x = 0x2545_f491_u32;
        let mut next = |scale: f32| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Whole and half units, so that ends often touch the edges.
            ((x % 2001) as f32 - 1000.0) * scale
        };
        for i in 0..200_000 {
            let scale = [0.5, 0.01, 37.3][i % 3];
            let r = Rect::new(
                next(scale),
                next(scale),
                next(scale).abs(),
                next(scale).abs(),
            );
            let a = Point::new(next(scale), next(scale));
            let b = match i % 5 {
                0 => Point::new(a.x, next(scale)),
                1 => Point::new(next(scale), a.y),
                _ => Point::new(next(scale), next(scale)),
            };
            let wall = Wall::new(r);
            assert_eq!(
                wall.crosses(&Segment::new(a, b)),
                r.intersects_segment(a, b),
                "{r:?} {a:?} {b:?}"
            );
        }
        let r = Rect::new(0.0, 0.0, 10.0, 10.0);
        for (a, b) in [
            (Point::new(-5.0, 0.0), Point::new(-1.0, 20.0)),
            (Point::new(10.0, 0.0), Point::new(10.0, 10.0)),
            (Point::new(-5.0, 5.0), Point::new(15.0, 5.0)),
            (Point::new(f32::NEG_INFINITY, 5.0), Point::new(-1.0, 5.0)),
            (Point::new(f32::NAN, 5.0), Point::new(-1.0, 5.0)),
            (Point::new(-3.0e38, 5.0), Point::new(3.0e38, 5.0)),
        ] {
            assert_eq!(
                Wall::new(r).crosses(&Segment::new(a, b)),
                r.intersects_segment(a, b),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn cells_floor_as_the_library_does() {
        for v in [
            0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 255.9, -255.9, 3.0e6, -3.0e6, 1.0e30, -1.0e30,
        ] {
            assert_eq!(
                floor_clamped(v),
                v.floor().clamp(-1.0e6, 1.0e6) as i32,
                "{v}"
            );
        }
        for v in [f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
            assert_eq!(
                floor_clamped(v),
                v.floor().clamp(-1.0e6, 1.0e6) as i32,
                "{v}"
            );
        }
        let mut x = 0x9e37_79b9_u32;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let v = (x as f32 / u32::MAX as f32 - 0.5) * 1.0e4;
            assert_eq!(
                floor_clamped(v),
                v.floor().clamp(-1.0e6, 1.0e6) as i32,
                "{v}"
            );
        }
    }

    #[test]
    fn degenerate_requests_do_not_panic() {
        let req = [RouteRequest {
            from: 5,
            to: 7,
            label: Size::default(),
        }];
        let routes = route_edges(&[], &req, &[]);
        assert_eq!(routes[0].points.len(), 2);
    }
}
