//! The canvas against the SVG export, and its meshes against egui's.

use std::collections::BTreeSet;

use egui::{Color32, Rect, Shape, Stroke, pos2, vec2};

use super::cache::{poll_layout, scene_for};
use super::overlays::renamed;
use super::paint::{MIN_LABEL_PX, label_readable, node_colors, thin_line, tiny_node};
use super::{CanvasContext, CanvasState};
use crate::diagram::{self, Scene, ViewContents};
use crate::model::{Document, Point, View};
use egui::epaint::{Mesh, TessellationOptions, Tessellator};

#[test]
fn thin_lines_are_the_triangles_egui_would_make() {
    // A polyline with a gentle bend and a corner sharper than a right angle.
    let points = vec![
        pos2(10.0, 10.0),
        pos2(60.0, 12.0),
        pos2(80.0, 40.0),
        pos2(20.0, 45.0),
    ];
    let stroke = Stroke::new(0.78, Color32::from_rgb(112, 112, 112));
    let mut tessellator = Tessellator::new(
        1.0,
        TessellationOptions::default(),
        [1024, 1024],
        Vec::new(),
    );
    let mut expected = Mesh::default();
    tessellator.tessellate_shape(Shape::line(points.clone(), stroke), &mut expected);
    let mut ours = Mesh::default();
    thin_line(&mut ours, &points, stroke, 1.0);
    assert_eq!(ours.indices, expected.indices);
    assert_eq!(ours.vertices.len(), expected.vertices.len());
    for (a, b) in ours.vertices.iter().zip(&expected.vertices) {
        assert!((a.pos - b.pos).length() < 1e-4, "{a:?} {b:?}");
        assert_eq!(a.color, b.color);
        assert_eq!(a.uv, b.uv);
    }
}

#[test]
fn tiny_nodes_are_their_outline_then_their_fill() {
    let mut mesh = Mesh::default();
    let mut doc = Document::new("t");
    doc.systems
        .push(crate::model::SoftwareSystem::new("s", "S"));
    doc.views
        .push(View::new("v", crate::model::ViewKind::Landscape));
    let scene = diagram::scene_of(&doc, &doc.views[0]).expect("scene");
    let r = Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 6.0));
    tiny_node(&mut mesh, r, &scene.nodes[0], None);
    let (fill, stroke) = node_colors(&scene.nodes[0], None);
    assert_eq!(mesh.vertices.len(), 8);
    assert_eq!(mesh.vertices[0].color, stroke.color);
    assert_eq!(mesh.vertices[4].color, fill);
    assert!((mesh.vertices[4].pos.x - stroke.width).abs() < 1e-6);
}

/// The scene the canvas shows for `view` once its layout is done.
fn canvas_scene(doc: &Document, view: &View, generation: u64, st: &mut CanvasState) -> Scene {
    let selection = BTreeSet::new();
    let cx = CanvasContext {
        doc,
        generation,
        view: Some(&view.id),
        selection: &selection,
        findings: &[],
        findings_version: 0,
        grid: false,
        snap: false,
        dark: false,
        changes: None,
    };
    let mut out = Vec::new();
    // At most: a first frame that starts the layout, and one that shows it.
    for _ in 0..3 {
        poll_layout(st, &cx, &mut out);
        if let Some(c) = scene_for(st, &cx, view)
            && st.job.is_none()
        {
            st.cached = Some(c);
            return st.cached.as_ref().map(|c| c.scene.clone()).expect("cached");
        }
        st.finish_layout();
    }
    panic!("the canvas never showed view {}", view.id);
}

fn samples() -> Vec<(String, Document)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut out: Vec<(String, Document)> = std::fs::read_dir(&dir)
        .expect("the samples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let doc = crate::store::load(&p).expect("a sample loads");
            (p.display().to_string(), doc)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 3, "the samples are there: {out:?}");
    out
}

#[test]
fn the_canvas_shows_the_scene_the_svg_export_writes() {
    for (file, mut doc) in samples() {
        // Each view once with no saved positions, once with one pinned.
        let views = doc.views.len();
        for i in 0..views {
            let mut pinned = doc.views[i].clone();
            pinned.id = format!("{}-pinned", pinned.id);
            let first = ViewContents::of(&doc, &pinned).expect("contents").nodes[0]
                .id
                .clone();
            pinned.positions.insert(first, Point::new(-333.5, 1200.25));
            doc.views.push(pinned);
        }
        for view in &doc.views {
            let mut st = CanvasState::default();
            let shown = canvas_scene(&doc, view, 0, &mut st);
            let written = diagram::scene_of(&doc, view).expect("scene");
            assert!(
                shown == written,
                "{file}, view {}: the canvas and the SVG differ",
                view.id
            );
        }
    }
}

#[test]
fn a_rename_that_resizes_a_box_lays_the_view_out_again() {
    let (_, mut doc) = samples()
        .into_iter()
        .find(|(f, _)| f.ends_with("shop.ron"))
        .expect("the shop sample");
    let view = doc.view("landscape").expect("landscape").clone();
    let mut st = CanvasState::default();
    let before = canvas_scene(&doc, &view, 0, &mut st);
    let id = before.nodes[0].id.clone();
    let long = "A name long enough to wrap onto several lines of the box";
    let edit = renamed(&doc, &id, long).expect("an edit");
    edit.apply(&mut doc).expect("the rename applies");
    let after = canvas_scene(&doc, &view, 1, &mut st);
    let (old, new) = (
        before.node(&id).expect("before").rect,
        after.node(&id).expect("after").rect,
    );
    assert!(
        new.w * new.h > old.w * old.h,
        "the box grew: {old:?} → {new:?}"
    );
    // Laid out afresh for the bigger box, exactly as the export does it.
    assert!(after == diagram::scene_of(&doc, &view).expect("scene"));
}

#[test]
fn edge_labels_are_drawn_only_where_their_text_is_readable() {
    let (_, doc) = samples()
        .into_iter()
        .find(|(f, _)| f.ends_with("shop.ron"))
        .expect("the shop sample");
    let view = doc.view("shop-containers").expect("view");
    let scene = diagram::scene_of(&doc, view).expect("scene");
    let labelled: Vec<_> = scene.edges.iter().filter(|e| !e.label.is_empty()).collect();
    assert!(!labelled.is_empty());
    for e in labelled {
        let px = e
            .label
            .iter()
            .map(|l| l.size_px)
            .fold(f32::INFINITY, f32::min);
        // At 31 % the labels' text is about 3 px: no label, not an empty box.
        assert!(!label_readable(e, 0.31), "{px} px at 31 %");
        assert!(label_readable(e, 1.0), "{px} px at 100 %");
        assert!(label_readable(e, MIN_LABEL_PX / px));
        assert!(!label_readable(e, MIN_LABEL_PX / px * 0.99));
    }
}
