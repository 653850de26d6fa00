//! C4 diagrams as SVG: every view of every sample renders in resvg; the
//! scene shows every element and relationship of the view once, with no
//! overlapping boxes, text inside its boxes (measured and as resvg draws
//! it), boundaries around their members and a legend of exactly the styles
//! used; hostile names stay text; the shop container view is snapshotted.
//!
//! PNGs of every view are written to `target/tmp/svg/` for looking at;
//! `UPDATE_DOCS=1 cargo test --test svg` rewrites `docs/shop-context.png`
//! and `docs/shop-containers.png` (then `optipng -o2 docs/shop-*.png` keeps
//! them small; look at them before committing).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use archdesk::diagram::{self, LegendKey, Rect, Scene, ViewContents, text};
use archdesk::export::{Options, svg};
use archdesk::model::{
    Component, Container, ContainerKind, Document, Entity, Field, FieldType, ForeignKey,
    Interaction, Person, Relationship, SoftwareSystem, View, ViewKind,
};

mod common;
use common::{load_sample, load_samples, root};

/// The system's fonts, DejaVu Sans as the sans-serif. Where the suite
/// must run in full (`ARCHDESK_REQUIRE_ENGINES=1`), DejaVu Sans must be
/// there: without it every text would be measured against another face.
fn fontdb() -> Arc<resvg::usvg::fontdb::Database> {
    let mut db = resvg::usvg::fontdb::Database::new();
    db.load_system_fonts();
    db.set_sans_serif_family("DejaVu Sans");
    let dejavu = db
        .faces()
        .any(|f| f.families.iter().any(|(name, _)| name == "DejaVu Sans"));
    assert!(
        dejavu || !common::require_engines(),
        "DejaVu Sans is not installed (apt-get install fonts-dejavu-core), and ARCHDESK_REQUIRE_ENGINES=1"
    );
    Arc::new(db)
}

fn options(db: &Arc<resvg::usvg::fontdb::Database>) -> resvg::usvg::Options<'static> {
    resvg::usvg::Options {
        fontdb: db.clone(),
        ..resvg::usvg::Options::default()
    }
}

/// Renders an SVG to PNG bytes at `scale`.
fn render_png(svg_text: &str, db: &Arc<resvg::usvg::fontdb::Database>, scale: f32) -> Vec<u8> {
    let tree = resvg::usvg::Tree::from_str(svg_text, &options(db)).expect("resvg parses the SVG");
    let size = tree.size().to_int_size().scale_by(scale).expect("size");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let drawn = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 200 || p.green() < 200 || p.blue() < 200)
        .count();
    assert!(drawn > 100, "the rendering is (almost) blank");
    pixmap.encode_png().expect("png")
}

/// Relationships a view must show, decided independently of the diagram
/// module: both ends have a nearest shown ancestor-or-self, and those differ.
fn expected_relationships<'a>(doc: &'a Document, shown: &HashSet<&str>) -> BTreeSet<String> {
    let parent: HashMap<&'a str, &'a str> = doc
        .containers
        .iter()
        .map(|c| (c.id.as_str(), c.system.as_str()))
        .chain(
            doc.components
                .iter()
                .map(|c| (c.id.as_str(), c.container.as_str())),
        )
        .collect();
    let lift = |mut id: &'a str| -> Option<String> {
        loop {
            if shown.contains(id) {
                return Some(id.to_owned());
            }
            id = parent.get(id)?;
        }
    };
    doc.relationships
        .iter()
        .filter_map(|r| {
            let (a, b) = (lift(&r.from)?, lift(&r.to)?);
            (a != b).then(|| r.id.clone())
        })
        .collect()
}

/// The geometric promises of a scene.
fn check_scene(
    doc: &Document,
    view: &View,
    contents: &ViewContents,
    scene: &Scene,
    strict_labels: bool,
) {
    let ctx = format!("view {}", view.id);
    // Every element of the view exactly once.
    let mut seen = HashSet::new();
    for n in &scene.nodes {
        assert!(seen.insert(n.id.as_str()), "{ctx}: {} drawn twice", n.id);
    }
    for n in &contents.nodes {
        assert!(seen.contains(n.id.as_str()), "{ctx}: {} not drawn", n.id);
    }
    assert_eq!(seen.len(), contents.nodes.len(), "{ctx}: extra nodes");
    // Every relationship of the view exactly once.
    let mut rels: Vec<&str> = scene
        .edges
        .iter()
        .flat_map(|e| e.relationships.iter().map(String::as_str))
        .collect();
    let count = rels.len();
    rels.sort_unstable();
    rels.dedup();
    assert_eq!(count, rels.len(), "{ctx}: a relationship is drawn twice");
    let shown: HashSet<&str> = scene.nodes.iter().map(|n| n.id.as_str()).collect();
    let expected = expected_relationships(doc, &shown);
    let got: BTreeSet<String> = rels.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(got, expected, "{ctx}: relationships shown");
    // Foreign keys between shown entities, once each.
    let mut fks = BTreeSet::new();
    for e in &scene.edges {
        for fk in &e.foreign_keys {
            assert!(fks.insert(fk.clone()), "{ctx}: foreign key drawn twice");
        }
    }
    let expected_fks = doc
        .entities
        .iter()
        .filter(|e| shown.contains(e.id.as_str()))
        .flat_map(|e| {
            e.foreign_keys
                .iter()
                .enumerate()
                .filter(|(_, fk)| shown.contains(fk.references.as_str()))
                .map(|(i, _)| (e.id.clone(), i))
        })
        .count();
    assert_eq!(fks.len(), expected_fks, "{ctx}: foreign keys shown");

    // No two element boxes overlap.
    for (i, a) in scene.nodes.iter().enumerate() {
        for b in &scene.nodes[i + 1..] {
            assert!(
                !a.rect.intersects(&b.rect),
                "{ctx}: {} overlaps {}",
                a.id,
                b.id
            );
        }
    }
    // Every text line fits inside its box, by the measure the canvas uses too.
    for n in &scene.nodes {
        assert!(
            n.rect.contains_rect(&n.text_area),
            "{ctx}: {} text area",
            n.id
        );
        for l in &n.lines {
            let weight = if l.bold {
                text::Weight::Bold
            } else {
                text::Weight::Regular
            };
            let w = text::width(&l.text, l.size_px, weight);
            assert!(
                w <= n.text_area.w + 0.01,
                "{ctx}: “{}” is {w} wide in {} ({})",
                l.text,
                n.id,
                n.text_area.w
            );
            assert!(
                n.text_area.contains_rect(&l.rect()),
                "{ctx}: “{}” sticks out of {}",
                l.text,
                n.id
            );
        }
    }
    for e in &scene.edges {
        assert!(e.points.len() >= 2);
        if let Some(r) = e.label_rect {
            for l in &e.label {
                assert!(
                    r.contains_rect(&l.rect()),
                    "{ctx}: label “{}” sticks out",
                    l.text
                );
            }
            if strict_labels {
                for n in &scene.nodes {
                    assert!(
                        !r.intersects(&n.rect),
                        "{ctx}: the label of {}→{} sits on {}",
                        e.from,
                        e.to,
                        n.id
                    );
                }
            }
        }
    }
    // Every member of a boundary lies inside it; the label fits.
    for b in &scene.boundaries {
        for m in &b.members {
            let node = scene.node(m).expect("member drawn");
            assert!(
                b.rect.contains_rect(&node.rect),
                "{ctx}: {m} outside boundary {}",
                b.id
            );
        }
        for l in &b.lines {
            assert!(
                b.rect.contains_rect(&l.rect()),
                "{ctx}: boundary label sticks out"
            );
            for m in &b.members {
                let node = scene.node(m).expect("member drawn");
                assert!(
                    !l.rect().intersects(&node.rect),
                    "{ctx}: boundary label on {m}"
                );
            }
        }
    }
    // The legend lists exactly the styles used, each once.
    let listed: Vec<LegendKey> = scene.legend.entries.iter().map(|e| e.key).collect();
    let listed_set: BTreeSet<LegendKey> = listed.iter().copied().collect();
    assert_eq!(
        listed.len(),
        listed_set.len(),
        "{ctx}: a legend entry twice"
    );
    let mut used: BTreeSet<LegendKey> = contents
        .nodes
        .iter()
        .map(|n| LegendKey::Element(diagram::ElementStyle::of(n.kind, n.external)))
        .collect();
    for e in &scene.edges {
        used.insert(LegendKey::Line(e.style));
    }
    if !scene.boundaries.is_empty() {
        used.insert(LegendKey::Boundary);
    }
    assert_eq!(listed_set, used, "{ctx}: legend");
    assert_eq!(scene.styles_used(), used);
    for entry in &scene.legend.entries {
        assert!(
            scene.legend.rect.contains_rect(&entry.label.rect()),
            "{ctx}: legend text"
        );
    }
    // Everything lies within the bounds.
    for n in &scene.nodes {
        assert!(scene.bounds.contains_rect(&n.rect));
    }
    assert!(scene.bounds.contains_rect(&scene.legend.rect));
}

fn png_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("svg");
    std::fs::create_dir_all(&dir).expect("png folder");
    dir
}

#[test]
fn every_view_of_every_sample_renders_and_keeps_its_promises() {
    let db = fontdb();
    let mut views = 0;
    for (path, doc) in load_samples() {
        let artifacts = svg::export(&doc, &Options::default()).expect("svg export");
        assert_eq!(artifacts.len(), doc.views.len());
        for (view, artifact) in doc.views.iter().zip(&artifacts) {
            assert_eq!(artifact.file_name, format!("{}.svg", view.id));
            let contents = ViewContents::of(&doc, view).expect("contents");
            let scene = diagram::scene_of(&doc, view).expect("scene");
            check_scene(&doc, view, &contents, &scene, true);
            let png = render_png(&artifact.text, &db, 1.0);
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("sample");
            std::fs::write(png_dir().join(format!("{stem}-{}.png", view.id)), png)
                .expect("write png");
            views += 1;
        }
    }
    assert!(views >= 7, "only {views} views");
}

/// Marks every `<text>` with an id, in document order.
fn number_texts(svg_text: &str) -> String {
    let mut out = String::with_capacity(svg_text.len() + 4096);
    for (i, part) in svg_text.split("<text ").enumerate() {
        if i > 0 {
            out.push_str(&format!("<text id=\"t{i}\" "));
        }
        out.push_str(part);
    }
    out
}

fn collect_texts(group: &resvg::usvg::Group, out: &mut HashMap<String, resvg::usvg::Rect>) {
    for node in group.children() {
        match node {
            resvg::usvg::Node::Group(g) => collect_texts(g, out),
            resvg::usvg::Node::Text(t) => {
                out.insert(t.id().to_owned(), t.abs_bounding_box());
            }
            _ => {}
        }
    }
}

#[test]
fn text_stays_inside_its_box_as_resvg_draws_it() {
    let db = fontdb();
    let doc = load_sample("shop");
    for view in &doc.views {
        let scene = diagram::scene_of(&doc, view).expect("scene");
        let numbered = number_texts(&svg::render(&scene));
        let tree = resvg::usvg::Tree::from_str(&numbered, &options(&db)).expect("parse");
        let mut drawn = HashMap::new();
        collect_texts(tree.root(), &mut drawn);
        assert!(
            !drawn.is_empty(),
            "{}: no text was laid out (no fonts?)",
            view.id
        );
        // Which box each numbered text belongs to, from the SVG's structure.
        let xml = roxmltree::Document::parse(&numbered).expect("xml");
        for t in xml.descendants().filter(|n| n.has_tag_name("text")) {
            let id = t.attribute("id").expect("numbered");
            let Some(bbox) = drawn.get(id) else { continue };
            let Some(g) = t.ancestors().find(|a| a.has_tag_name("g")) else {
                continue;
            };
            let data_id = g.attribute("data-id").unwrap_or_default();
            let container: Option<Rect> = match g.attribute("class") {
                Some("node") => scene.node(data_id).map(|n| n.rect),
                Some("boundary") => scene
                    .boundaries
                    .iter()
                    .find(|b| b.id == data_id)
                    .map(|b| b.rect),
                Some("edge-label") => scene
                    .edges
                    .iter()
                    .find(|e| format!("{}->{}", e.from, e.to) == data_id)
                    .and_then(|e| e.label_rect),
                Some("legend") => Some(scene.legend.rect),
                _ => None,
            };
            let Some(c) = container else { continue };
            // usvg reports positions on the canvas, whose origin is the viewBox's.
            let r = Rect::new(
                bbox.x() + scene.bounds.x,
                bbox.y() + scene.bounds.y,
                bbox.width(),
                bbox.height(),
            );
            assert!(
                c.inflate(0.5).contains_rect(&r),
                "{}: “{}” drawn at {r:?} leaves its box {c:?}",
                view.id,
                t.text().unwrap_or_default()
            );
        }
    }
}

#[test]
fn shop_container_view_svg_snapshot() {
    let doc = load_sample("shop");
    let only = Options {
        only: Some("shop-containers".into()),
    };
    let artifacts = svg::export(&doc, &only).expect("export");
    assert_eq!(artifacts.len(), 1);
    insta::assert_snapshot!("shop-containers.svg", artifacts[0].text);
}

#[test]
fn export_is_deterministic_and_refuses_unknown_views() {
    let doc = load_sample("shop");
    let a = svg::export(&doc, &Options::default()).expect("export");
    let b = svg::export(&doc, &Options::default()).expect("export");
    assert_eq!(a, b);
    let err = svg::export(
        &doc,
        &Options {
            only: Some("nope".into()),
        },
    )
    .expect_err("unknown view");
    assert!(err.to_string().contains("shop-containers"), "{err}");
}

#[test]
fn docs_pngs_of_the_shop_sample() {
    let doc = load_sample("shop");
    let db = fontdb();
    for (view, file) in [
        ("shop-context", "shop-context.png"),
        ("shop-containers", "shop-containers.png"),
    ] {
        let only = Options {
            only: Some(view.into()),
        };
        let artifacts = svg::export(&doc, &only).expect("export");
        let png = render_png(&artifacts[0].text, &db, 1.0);
        std::fs::write(png_dir().join(file), &png).expect("write");
        if std::env::var_os("UPDATE_DOCS").is_some() {
            let docs = root().join("docs").join(file);
            std::fs::write(docs, &png).expect("write docs png");
        }
    }
}

const HOSTILE: &str = "</text><script>alert(1)</script>";

/// A model whose every name, description and technology is hostile.
fn hostile_model() -> Document {
    let nasty = [
        HOSTILE,
        "\"quoted\" & 'apostrophes' <b>bold</b>",
        "]]><!-- comment --><![CDATA[x]]>",
        "ctrl\u{0}\u{1b}[31m\u{7}chars\u{FFFE}",
        "<?xml-stylesheet href=\"http://evil.example/x.css\"?>",
        "<svg onload=\"alert(1)\"><foreignObject><iframe src=\"javascript:alert(1)\"/></foreignObject>",
        "&lt;already&gt; &amp; escaped &#x3C;",
        "🦀 漢字 עברית \u{202E}reversed\u{202C}",
        &"W".repeat(300),
    ];
    let pick = |i: usize| nasty[i % nasty.len()].to_owned();
    let mut doc = Document::new(pick(0));
    doc.description = pick(1);
    let mut p = Person::new("evil-person", pick(0));
    p.description = pick(1);
    doc.people.push(p);
    let mut p = Person::new("other-person", pick(8));
    p.description = pick(7);
    p.external = true;
    doc.people.push(p);
    let mut s = SoftwareSystem::new("evil-system", pick(2));
    s.description = pick(3);
    doc.systems.push(s);
    let mut s = SoftwareSystem::new("evil-external", pick(4));
    s.description = pick(5);
    s.external = true;
    doc.systems.push(s);
    for (i, kind) in [
        ContainerKind::Service,
        ContainerKind::Database,
        ContainerKind::Topic,
        ContainerKind::WebApp,
    ]
    .into_iter()
    .enumerate()
    {
        let mut c = Container::new(format!("c{i}"), "evil-system", pick(i + 3), kind);
        c.technology = pick(i + 5);
        c.description = pick(i + 6);
        doc.containers.push(c);
    }
    let mut comp = Component::new("comp", "c0", pick(5));
    comp.technology = pick(6);
    comp.description = pick(0);
    doc.components.push(comp);
    let rel = |id: &str, from: &str, to: &str, i: usize, async_: bool| {
        let mut r = Relationship::new(id, from, to);
        r.description = pick(i);
        r.technology = pick(i + 1);
        if async_ {
            r.interaction = Interaction::Async;
        }
        r
    };
    doc.relationships
        .push(rel("r1", "evil-person", "c3", 0, false));
    doc.relationships.push(rel("r2", "c3", "c0", 2, false));
    doc.relationships.push(rel("r3", "comp", "c1", 4, false));
    doc.relationships.push(rel("r4", "c0", "c2", 5, true));
    doc.relationships
        .push(rel("r5", "c0", "evil-external", 6, false));
    doc.relationships
        .push(rel("r6", "evil-external", "other-person", 7, true));
    let mut users = Entity::new("users", "c1", pick(0));
    users.fields.push(Field::new(pick(0), FieldType::Uuid));
    users
        .fields
        .push(Field::new(pick(1), FieldType::Varchar(20)));
    users.primary_key = vec![pick(0)];
    users.comment = pick(2);
    doc.entities.push(users);
    let mut orders = Entity::new("orders", "c1", pick(5));
    orders.fields.push(Field::new("id", FieldType::BigInt));
    let mut f = Field::new(pick(3), FieldType::Uuid);
    f.nullable = true;
    orders.fields.push(f);
    orders.primary_key = vec!["id".into()];
    orders.foreign_keys.push(ForeignKey {
        name: Some(pick(4)),
        columns: vec![pick(3)],
        references: "users".into(),
        to_columns: vec![pick(0)],
        on_delete: Default::default(),
        on_update: Default::default(),
    });
    doc.entities.push(orders);
    let mut v = View::new("landscape", ViewKind::Landscape);
    v.title = pick(0);
    doc.views.push(v);
    doc.views.push(View::new(
        "context",
        ViewKind::SystemContext {
            system: "evil-system".into(),
        },
    ));
    doc.views.push(View::new(
        "containers",
        ViewKind::Containers {
            system: "evil-system".into(),
        },
    ));
    doc.views.push(View::new(
        "components",
        ViewKind::Components {
            container: "c0".into(),
        },
    ));
    doc.views.push(View::new(
        "entities",
        ViewKind::Entities {
            database: "c1".into(),
        },
    ));
    doc
}

#[test]
fn hostile_names_stay_text() {
    let doc = hostile_model();
    let db = fontdb();
    let artifacts = svg::export(&doc, &Options::default()).expect("export");
    assert_eq!(artifacts.len(), 5);
    let allowed_elements: HashSet<&str> = svg::ELEMENTS.into_iter().collect();
    let allowed_attributes: HashSet<&str> = svg::ATTRIBUTES.into_iter().collect();
    let mut found_hostile_text = false;
    for a in &artifacts {
        let xml = roxmltree::Document::parse(&a.text)
            .unwrap_or_else(|e| panic!("{}: not well-formed XML: {e}", a.file_name));
        for node in xml.descendants() {
            match node.node_type() {
                roxmltree::NodeType::Element => {
                    let tag = node.tag_name();
                    assert_eq!(
                        tag.namespace(),
                        Some("http://www.w3.org/2000/svg"),
                        "{}: foreign element",
                        a.file_name
                    );
                    assert!(
                        allowed_elements.contains(tag.name()),
                        "{}: unexpected element <{}>",
                        a.file_name,
                        tag.name()
                    );
                    for at in node.attributes() {
                        assert!(
                            at.namespace().is_none(),
                            "{}: namespaced attribute",
                            a.file_name
                        );
                        assert!(
                            allowed_attributes.contains(at.name()),
                            "{}: unexpected attribute {}",
                            a.file_name,
                            at.name()
                        );
                        assert!(
                            !at.name().starts_with("on") && !at.value().contains("javascript:"),
                            "{}: {}",
                            a.file_name,
                            at.name()
                        );
                    }
                    if node.has_tag_name("text") || node.has_tag_name("title") {
                        let children: Vec<_> = node.children().collect();
                        assert!(children.iter().all(roxmltree::Node::is_text));
                        if node.text().is_some_and(|t| t.contains(HOSTILE)) {
                            found_hostile_text = true;
                        }
                    }
                }
                roxmltree::NodeType::PI | roxmltree::NodeType::Comment => {
                    panic!("{}: a processing instruction or comment", a.file_name)
                }
                _ => {}
            }
        }
        assert!(!a.text.contains("<script"), "{}", a.file_name);
        assert!(!a.text.contains("<![CDATA["), "{}", a.file_name);
        render_png(&a.text, &db, 0.5);
    }
    assert!(found_hostile_text, "the hostile name is shown as text");
    // The scenes keep their promises too (labels may crowd in so small a model).
    for view in &doc.views {
        let contents = ViewContents::of(&doc, view).expect("contents");
        let scene = diagram::scene_of(&doc, view).expect("scene");
        check_scene(&doc, view, &contents, &scene, false);
    }
}

#[test]
fn a_big_view_builds_whole() {
    // 5,000 elements and 2,500 relationships in one landscape.
    let mut doc = Document::new("big");
    for i in 0..2500 {
        doc.people
            .push(Person::new(format!("p{i}"), format!("Person {i}")));
        let mut s = SoftwareSystem::new(format!("s{i}"), format!("System number {i}"));
        s.description = "Does something important for somebody somewhere.".into();
        doc.systems.push(s);
        doc.relationships.push(Relationship::new(
            format!("r{i}"),
            format!("p{i}"),
            format!("s{i}"),
        ));
    }
    let view = View::new("all", ViewKind::Landscape);
    let contents = ViewContents::of(&doc, &view).expect("contents");
    let sizes = diagram::sizes(&contents);
    // Positions on a grid (the layout is benchmarked separately).
    let positions = archdesk::diagram::Positions {
        nodes: contents
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let (col, row) = ((i % 100) as f32, (i / 100) as f32);
                (n.id.clone(), diagram::Point::new(col * 400.0, row * 400.0))
            })
            .collect::<BTreeMap<_, _>>(),
    };
    let scene = Scene::build(&doc, &view, &contents, &positions);
    // Speed is measured by the benchmarks (docs/PERFORMANCE.md), never by
    // timed assertions on a noisy machine; this checks that a big view
    // builds at all, whole.
    assert_eq!(scene.nodes.len(), 5000);
    assert_eq!(sizes.len(), 5000);
    assert_eq!(scene.edges.len(), 2500);
}

#[test]
fn hostile_titles_come_back_exactly_where_xml_can_hold_them() {
    // What XML 1.0 holds comes back as it was; what it cannot (C0 controls
    // other than tab and line breaks, U+FFFE, U+FFFF) comes back as U+FFFD.
    let xml_text = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => c,
                c if (c as u32) < 0x20 => '\u{FFFD}',
                '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
                c => c,
            })
            .collect()
    };
    let doc = hostile_model();
    let mut markup = 0;
    for view in &doc.views {
        let scene = diagram::scene_of(&doc, view).expect("scene");
        markup += usize::from(scene.title_text.contains('<') || scene.description.contains('<'));
        let text = svg::render(&scene);
        let xml = roxmltree::Document::parse(&text).expect("well-formed");
        let element = |name: &str| {
            xml.descendants()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!(element("title"), xml_text(&scene.title_text), "{}", view.id);
        assert_eq!(element("desc"), xml_text(&scene.description), "{}", view.id);
    }
    assert!(
        markup > 0,
        "some title or description holds markup to escape"
    );
}
