//! Layout of each view of the shop sample (target: under 50 ms each), and
//! the scene of a 5,000-element view (target: a few ms).

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use archdesk::diagram::{self, Point, Scene, ViewContents};
use archdesk::layout::{self, Positions};
use archdesk::model::{Document, Person, Relationship, SoftwareSystem, View, ViewKind};
use archdesk::store;
use criterion::{Criterion, criterion_group, criterion_main};

fn shop_views(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/shop.ron");
    let doc = store::load(&path).expect("shop sample");
    let mut group = c.benchmark_group("layout");
    for view in &doc.views {
        let contents = ViewContents::of(&doc, view).expect("contents");
        let sizes = diagram::sizes(&contents);
        let none = BTreeMap::new();
        group.bench_function(view.id.as_str(), |b| {
            b.iter(|| layout::layout(black_box(&contents), black_box(&sizes), &none));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("scene");
    for view in &doc.views {
        let contents = ViewContents::of(&doc, view).expect("contents");
        let sizes = diagram::sizes(&contents);
        let positions = layout::layout(&contents, &sizes, &BTreeMap::new());
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

criterion_group!(benches, shop_views, big_view);
criterion_main!(benches);
