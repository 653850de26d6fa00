//! Layout of each view of the shop sample (target: under 50 ms each), the
//! scene of a 5,000-element view (target: a few ms), and the layered layout
//! of 50 to 1,000 nodes side by side with Graphviz `dot` on the same graph
//! in the same run: time, and the edge crossings of each drawing (target:
//! not slower than dot at 200 and 1,000 nodes, at most 1.1× its crossings).
//!
//! Without `dot` on the PATH the comparison is skipped, with a message.
//!
//! The same graphs also go through layout-rs 0.1.3, the layered layout
//! archdesk used before, driven as it was (cycles broken, edges in
//! topological order, its exponential validation off): the "before" of
//! docs/PERFORMANCE.md, timed as the median of three runs (one run from
//! 500 nodes: it takes about 17 s there and 90 s at 1,000).

mod support;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use archdesk::diagram::{
    self, ContentEdge, ContentNode, NodeKind, Point, Positions, Scene, Size, ViewContents,
};
use archdesk::generate;
use archdesk::model::{
    Document, Id, Interaction, Person, Relationship, SoftwareSystem, View, ViewKind,
};
use archdesk::store;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn shop_views(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/shop.ron");
    let doc = store::load(&path).expect("shop sample");
    let mut group = c.benchmark_group("layout");
    for view in &doc.views {
        let contents = ViewContents::of(&doc, view).expect("contents");
        let sizes = diagram::sizes(&contents);
        let none = BTreeMap::new();
        group.bench_function(view.id.as_str(), |b| {
            b.iter(|| diagram::layout(black_box(&contents), black_box(&sizes), &none));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("scene");
    for view in &doc.views {
        let contents = ViewContents::of(&doc, view).expect("contents");
        let sizes = diagram::sizes(&contents);
        let positions = diagram::layout(&contents, &sizes, &BTreeMap::new());
        group.bench_function(view.id.as_str(), |b| {
            b.iter(|| Scene::build(&doc, view, black_box(&contents), black_box(&positions)));
        });
    }
    group.finish();
}

fn big_view(c: &mut Criterion) {
    let mut doc = Document::new("big");
    for i in 0..2500 {
        doc.people
            .push(Person::new(format!("p{i}"), format!("Person {i}")));
        let mut s = SoftwareSystem::new(format!("s{i}"), format!("System number {i}"));
        s.description = "Does something important for somebody somewhere.".into();
        doc.systems.push(s);
        let mut r = Relationship::new(format!("r{i}"), format!("p{i}"), format!("s{i}"));
        r.description = "Uses".into();
        doc.relationships.push(r);
    }
    let view = View::new("all", ViewKind::Landscape);
    let contents = ViewContents::of(&doc, &view).expect("contents");
    // Each person above its system, on a grid.
    let positions = Positions {
        nodes: (0..2500)
            .flat_map(|i| {
                let (col, row) = ((i % 50) as f32, (i / 50) as f32);
                [
                    (format!("p{i}"), Point::new(col * 400.0, row * 600.0)),
                    (
                        format!("s{i}"),
                        Point::new(col * 400.0, row * 600.0 + 280.0),
                    ),
                ]
            })
            .collect(),
    };
    let mut group = c.benchmark_group("big");
    group.sample_size(10);
    group.bench_function("contents-5000", |b| {
        b.iter(|| ViewContents::of(black_box(&doc), &view));
    });
    group.bench_function("scene-5000", |b| {
        b.iter(|| Scene::build(&doc, &view, black_box(&contents), black_box(&positions)));
    });
    group.finish();
}

/// A landscape of the graph's nodes (software systems, so none is turned
/// round the way people are) and its edges, with the graph's box sizes:
/// what `diagram::layout` gets from the editor.
fn contents_of(g: &generate::Graph) -> (ViewContents, BTreeMap<Id, Size>) {
    let id = |i: usize| format!("n{i}");
    let nodes = (0..g.sizes.len())
        .map(|i| ContentNode {
            id: id(i),
            kind: NodeKind::SoftwareSystem,
            external: false,
            name: id(i),
            technology: String::new(),
            description: String::new(),
            fields: Vec::new(),
        })
        .collect();
    let edges = g
        .edges
        .iter()
        .map(|&(a, b)| ContentEdge {
            from: id(a),
            to: id(b),
            relationships: Vec::new(),
            foreign_keys: Vec::new(),
            description: String::new(),
            technology: String::new(),
            interaction: Interaction::Sync,
        })
        .collect();
    let contents = ViewContents {
        view_id: "graph".into(),
        kind: ViewKind::Landscape,
        nodes,
        edges,
        boundaries: Vec::new(),
    };
    let sizes = g
        .sizes
        .iter()
        .enumerate()
        .map(|(i, s)| (id(i), *s))
        .collect();
    (contents, sizes)
}

/// The same graph for Graphviz: boxes of the same size (in inches), the
/// same gaps between ranks and boxes, straight edges (neither side routes
/// edges in this measurement).
fn dot_text(g: &generate::Graph) -> String {
    let mut s = String::from(
        "digraph G {\n  graph [rankdir=TB, nodesep=0.78, ranksep=1.33, splines=line];\n  node [shape=box, fixedsize=true, label=\"\"];\n",
    );
    for (i, size) in g.sizes.iter().enumerate() {
        s.push_str(&format!(
            "  n{i} [width={:.3}, height={:.3}];\n",
            size.w / 72.0,
            size.h / 72.0
        ));
    }
    for (a, b) in &g.edges {
        s.push_str(&format!("  n{a} -> n{b};\n"));
    }
    s.push_str("}\n");
    s
}

/// Runs `dot -Tplain` on `text`; the node centres, in points, by node number.
fn run_dot(text: &str, nodes: usize) -> Option<Vec<(f64, f64)>> {
    let mut child = Command::new("dot")
        .arg("-Tplain")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        return None;
    }
    let mut centres = vec![(0.0, 0.0); nodes];
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let mut w = line.split_whitespace();
        if w.next() != Some("node") {
            continue;
        }
        let (Some(name), Some(x), Some(y)) = (w.next(), w.next(), w.next()) else {
            continue;
        };
        let (Some(i), Ok(x), Ok(y)) = (
            name.trim_start_matches('n').parse::<usize>().ok(),
            x.parse::<f64>(),
            y.parse::<f64>(),
        ) else {
            continue;
        };
        if let Some(c) = centres.get_mut(i) {
            *c = (x * 72.0, y * 72.0);
        }
    }
    Some(centres)
}

fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The centre of each node of the graph as `diagram::layout` placed it.
fn centres_of(placed: &Positions, g: &generate::Graph) -> Vec<(f64, f64)> {
    g.sizes
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let p = placed
                .nodes
                .get(&format!("n{i}"))
                .copied()
                .unwrap_or_default();
            (f64::from(p.x + s.w / 2.0), f64::from(p.y + s.h / 2.0))
        })
        .collect()
}

/// Pairs of edges whose straight segments, centre to centre, cross (edges
/// that share an end are not counted).
fn crossings(centres: &[(f64, f64)], edges: &[(usize, usize)]) -> usize {
    fn orient(a: (f64, f64), b: (f64, f64), c: (f64, f64)) -> f64 {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    }
    type Segment = ((f64, f64), (f64, f64), usize, usize);
    let segs: Vec<Segment> = edges
        .iter()
        .map(|&(a, b)| (centres[a], centres[b], a, b))
        .collect();
    let mut count = 0;
    for (i, &(p1, p2, a1, b1)) in segs.iter().enumerate() {
        for &(q1, q2, a2, b2) in &segs[i + 1..] {
            if a1 == a2 || a1 == b2 || b1 == a2 || b1 == b2 {
                continue;
            }
            if p1.0.max(p2.0) < q1.0.min(q2.0)
                || q1.0.max(q2.0) < p1.0.min(p2.0)
                || p1.1.max(p2.1) < q1.1.min(q2.1)
                || q1.1.max(q2.1) < p1.1.min(p2.1)
            {
                continue;
            }
            let d1 = orient(p1, p2, q1);
            let d2 = orient(p1, p2, q2);
            let d3 = orient(q1, q2, p1);
            let d4 = orient(q1, q2, p2);
            if d1 * d2 < 0.0 && d3 * d4 < 0.0 {
                count += 1;
            }
        }
    }
    count
}

/// The seed of every generated graph and model of the benchmarks.
const SEED: u64 = 2024;

#[allow(clippy::print_stdout)]
fn versus_dot(c: &mut Criterion) {
    let dot = dot_available();
    if !dot {
        println!(
            "layout-vs-dot: Graphviz `dot` is not installed, so the comparison with it is skipped (Debian: apt-get install graphviz)"
        );
    }
    let sizes: &[usize] = if support::measuring() {
        &[50, 200, 500, 1000]
    } else {
        &[50, 200]
    };
    let mut group = c.benchmark_group("layout-vs-dot");
    group.sample_size(10);
    if dot {
        let empty = "digraph G {}\n";
        group.bench_function("dot-startup", |b| b.iter(|| run_dot(empty, 0)));
    }
    for &n in sizes {
        let g = generate::graph(SEED, n);
        let (contents, node_sizes) = contents_of(&g);
        let none = BTreeMap::new();
        let started = Instant::now();
        let placed = diagram::layout(&contents, &node_sizes, &none);
        let once = started.elapsed();
        let centres = centres_of(&placed, &g);
        let ours = crossings(&centres, &g.edges);
        support::record(&format!("layout-crossings-archdesk-{n}"), &ours.to_string());
        println!(
            "layout-vs-dot/{n}: {} edges; archdesk {:.1} ms once, {ours} crossings",
            g.edges.len(),
            once.as_secs_f64() * 1000.0
        );
        group.bench_with_input(BenchmarkId::new("archdesk", n), &n, |b, _| {
            b.iter(|| diagram::layout(black_box(&contents), black_box(&node_sizes), &none));
        });
        if !dot {
            continue;
        }
        let text = dot_text(&g);
        let started = Instant::now();
        let Some(theirs) = run_dot(&text, n) else {
            println!("layout-vs-dot/{n}: dot failed on the graph; skipped");
            continue;
        };
        let once = started.elapsed();
        let theirs = crossings(&theirs, &g.edges);
        support::record(&format!("layout-crossings-dot-{n}"), &theirs.to_string());
        println!(
            "layout-vs-dot/{n}: dot {:.1} ms once, {theirs} crossings; crossings ratio {:.2}",
            once.as_secs_f64() * 1000.0,
            ours as f64 / theirs.max(1) as f64
        );
        group.bench_with_input(BenchmarkId::new("dot", n), &n, |b, _| {
            b.iter(|| run_dot(black_box(&text), n));
        });
    }
    group.finish();
    if dot && support::measuring() {
        crossings_over_seeds(200, 10);
    }
}

/// The crossings of both layouts summed over `seeds` graphs of `n` nodes:
/// one graph can flatter either side.
#[allow(clippy::print_stdout)]
fn crossings_over_seeds(n: usize, seeds: u64) {
    let (mut ours, mut theirs) = (0, 0);
    for seed in 1..=seeds {
        let g = generate::graph(seed, n);
        let (contents, sizes) = contents_of(&g);
        let placed = diagram::layout(&contents, &sizes, &BTreeMap::new());
        let centres = centres_of(&placed, &g);
        let Some(dot_centres) = run_dot(&dot_text(&g), n) else {
            return;
        };
        ours += crossings(&centres, &g.edges);
        theirs += crossings(&dot_centres, &g.edges);
    }
    support::record(
        &format!("layout-crossings-archdesk-{n}-seeds-1-{seeds}"),
        &ours.to_string(),
    );
    support::record(
        &format!("layout-crossings-dot-{n}-seeds-1-{seeds}"),
        &theirs.to_string(),
    );
    println!(
        "layout-vs-dot: {n} nodes, seeds 1–{seeds}: archdesk {ours} crossings, dot {theirs}; ratio {:.2}",
        ours as f64 / theirs.max(1) as f64
    );
}

/// The layout-rs drawing of an acyclic graph whose edges are in
/// topological order: each node's centre. Never reaches layout-rs with an
/// empty graph (it panics on one).
mod before {
    use layout::core::base::Orientation;
    use layout::core::format::{ClipHandle, RenderBackend};
    use layout::core::geometry::Point as LPoint;
    use layout::core::style::StyleAttr;
    use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
    use layout::topo::layout::VisualGraph;
    use petgraph::graphmap::DiGraphMap;
    use petgraph::visit::{Control, DfsEvent, depth_first_search};

    use archdesk::diagram::Size;

    /// A render backend that draws nothing: layout-rs wants one.
    struct NoRender;

    impl RenderBackend for NoRender {
        fn draw_rect(
            &mut self,
            _: LPoint,
            _: LPoint,
            _: &StyleAttr,
            _: Option<String>,
            _: Option<ClipHandle>,
        ) {
        }
        fn draw_line(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}
        fn draw_circle(&mut self, _: LPoint, _: LPoint, _: &StyleAttr, _: Option<String>) {}
        fn draw_text(&mut self, _: LPoint, _: &str, _: &StyleAttr) {}
        fn draw_arrow(
            &mut self,
            _: &[(LPoint, LPoint)],
            _: bool,
            _: (bool, bool),
            _: &StyleAttr,
            _: Option<String>,
            _: &str,
        ) {
        }
        fn create_clip(&mut self, _: LPoint, _: LPoint, _: usize) -> ClipHandle {
            0
        }
    }

    /// The back edges of a depth-first search turned round, duplicates
    /// dropped, sorted by the topological order of their ends.
    fn acyclic(n: usize, edges: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut g: DiGraphMap<usize, ()> = DiGraphMap::new();
        for i in 0..n {
            g.add_node(i);
        }
        for &(a, b) in edges {
            g.add_edge(a, b, ());
        }
        let mut back = std::collections::HashSet::new();
        depth_first_search(&g, 0..n, |event| {
            if let DfsEvent::BackEdge(a, b) = event {
                back.insert((a, b));
            }
            Control::<()>::Continue
        });
        let mut dag: DiGraphMap<usize, ()> = DiGraphMap::new();
        for i in 0..n {
            dag.add_node(i);
        }
        for (a, b, ()) in g.all_edges() {
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
        let mut rank = vec![0; n];
        for (i, &v) in order.iter().enumerate() {
            rank[v] = i;
        }
        let mut out: Vec<(usize, usize)> = dag.all_edges().map(|(a, b, ())| (a, b)).collect();
        out.sort_by_key(|&(a, b)| (rank[a], rank[b]));
        out
    }

    pub fn centres(sizes: &[Size], edges: &[(usize, usize)]) -> Vec<(f64, f64)> {
        if sizes.is_empty() {
            return Vec::new();
        }
        let mut vg = VisualGraph::new(Orientation::TopToBottom);
        vg.dag.set_validate(false);
        let handles: Vec<_> = sizes
            .iter()
            .map(|s| {
                vg.add_node(Element::create(
                    ShapeKind::new_box(""),
                    StyleAttr::simple(),
                    Orientation::TopToBottom,
                    LPoint::new(f64::from(s.w), f64::from(s.h)),
                ))
            })
            .collect();
        for (a, b) in acyclic(sizes.len(), edges) {
            vg.add_edge(Arrow::simple(""), handles[a], handles[b]);
        }
        vg.do_it(false, false, false, &mut NoRender);
        handles
            .iter()
            .map(|h| {
                let (top_left, bottom_right) = vg.pos(*h).bbox(false);
                (
                    (top_left.x + bottom_right.x) / 2.0,
                    (top_left.y + bottom_right.y) / 2.0,
                )
            })
            .collect()
    }
}

/// layout-rs, as archdesk drove it before, on the graphs of
/// [`versus_dot`]: the median of three runs (one from 500 nodes, where a
/// run takes a quarter of a minute or more) and the crossings.
#[allow(clippy::print_stdout)]
fn versus_before(_: &mut Criterion) {
    let sizes: &[usize] = if support::measuring() {
        &[50, 200, 500, 1000]
    } else {
        &[50]
    };
    for &n in sizes {
        let g = generate::graph(SEED, n);
        let mut times = Vec::new();
        let mut centres = Vec::new();
        let runs = if n < 500 { 3 } else { 1 };
        for _ in 0..runs {
            let started = Instant::now();
            centres = before::centres(black_box(&g.sizes), black_box(&g.edges));
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let crossings = crossings(&centres, &g.edges);
        support::record(&format!("layout-rs-ms-{n}"), &format!("{median:.1}"));
        support::record(
            &format!("layout-crossings-layout-rs-{n}"),
            &crossings.to_string(),
        );
        println!("layout-rs/{n}: {median:.1} ms (median of {runs}), {crossings} crossings");
    }
}

criterion_group!(benches, shop_views, big_view, versus_dot, versus_before);
criterion_main!(benches);
