//! The smaller things of issue 14, item 11: double-click on a database,
//! menus that close when a dialog opens, saved positions on the grid.

use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{ArchdeskApp, ctrl, drag, fit, harness, node, node_center, sample};
use crate::model::ViewKind;

fn double_click(h: &mut Harness<'_, ArchdeskApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run_steps(1);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos,
                button: PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            h.run_steps(1);
        }
    }
    h.run_steps(3);
}

#[test]
fn double_click_on_a_database_opens_its_entities_view_made_the_first_time() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let entities = ViewKind::Entities {
        database: "cart-db".into(),
    };
    assert!(!h.state().doc.views.iter().any(|v| v.kind == entities));
    // Right on its name, which used to rename it.
    let at = node_center(&h, "Cart database");
    double_click(&mut h, at);
    let view = h.state().current_view.clone().expect("a view");
    assert_eq!(
        h.state().doc.view(&view).map(|v| &v.kind),
        Some(&entities),
        "its entities view, made and opened"
    );
    assert!(h.state().canvas.rename.is_none(), "not renaming");
    assert!(node(&h, "carts").rect().width() > 0.0, "its tables drawn");
    // Something without an inner view is renamed by a double-click.
    ctrl(&mut h, Key::Z);
    h.run_steps(4);
    let at = node_center(&h, "Customer");
    double_click(&mut h, at);
    assert_eq!(
        h.state().canvas.rename.as_ref().map(|r| r.id.as_str()),
        Some("customer")
    );
}

#[test]
fn the_help_menu_closes_when_its_dialog_opens() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(4);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    h.get_by_role_and_label(Role::Button, "Help").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("About archdesk").is_some(),
        "the menu is open"
    );
    h.get(egui_kittest::kittest::by().label_contains("Keyboard shortcuts"))
        .click();
    h.run_steps(3);
    assert!(
        h.query_by_label("About archdesk").is_none(),
        "the menu closed"
    );
    assert!(
        h.query_by_label("Close").is_some(),
        "the shortcuts dialog is open"
    );
}

/// The saved positions of the containers view.
fn saved(h: &Harness<'_, ArchdeskApp>) -> Vec<(String, f32, f32)> {
    h.state()
        .doc
        .view("shop-containers")
        .expect("view")
        .positions
        .iter()
        .map(|(id, p)| (id.clone(), p.x, p.y))
        .collect()
}

#[test]
fn saved_positions_sit_on_the_grid_with_snap_and_on_whole_units_without() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    assert!(h.state().settings.snap, "snap is on by default");
    let from = node_center(&h, "Order service");
    drag(&mut h, from, from + egui::vec2(37.0, 23.0));
    let placed = saved(&h);
    assert!(placed.len() > 10, "the first move keeps every place");
    let grid = super::GRID;
    let (_, x, y) = placed
        .iter()
        .find(|(id, ..)| id == "order-service")
        .cloned()
        .expect("moved");
    assert!(
        x % grid == 0.0 && y % grid == 0.0,
        "on the grid: ({x}, {y})"
    );
    for (id, x, y) in &placed {
        assert!(x.fract() == 0.0 && y.fract() == 0.0, "{id} at ({x}, {y})");
    }
    // Snap off (View menu): the next move lands on whole units.
    h.get_by_role_and_label(Role::Button, "View").click();
    h.run_steps(2);
    h.get(
        egui_kittest::kittest::by()
            .role(Role::CheckBox)
            .label_contains("Snap to grid"),
    )
    .click();
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().settings.snap);
    let from = node_center(&h, "Order service");
    drag(&mut h, from, from + egui::vec2(13.0, 7.0));
    let (_, x2, y2) = saved(&h)
        .into_iter()
        .find(|(id, ..)| id == "order-service")
        .expect("moved");
    assert!((x2, y2) != (x, y), "it moved");
    assert!(x2.fract() == 0.0 && y2.fract() == 0.0, "({x2}, {y2})");
    assert!(
        x2 % grid != 0.0 || y2 % grid != 0.0,
        "off the grid: ({x2}, {y2})"
    );
}

#[test]
fn the_review_thread_stays_in_step_with_the_document() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(Some(&super::fixes::slipped_shop(dir.path())));
    h.run_steps(6);
    fit(&mut h);
    assert!(h.state().findings.len() >= 5, "a model with findings");
    let in_step = |h: &Harness<'_, ArchdeskApp>, after: &str| {
        let app = h.state();
        assert_eq!(
            app.findings,
            crate::check::check(&app.doc),
            "after {after}, the findings are those of the document"
        );
    };
    // Delete, move, rename through the UI; undo and redo; each time the
    // thread's copy of the document must be the editor's.
    h.get_by_role_and_label(Role::Button, "Paginate").click();
    h.run_steps(3);
    in_step(&h, "a quick fix");
    node(&h, "Session cache").click();
    h.run_steps(2);
    h.key_press(Key::Delete);
    h.run_steps(3);
    in_step(&h, "a delete");
    let from = node_center(&h, "Order service");
    drag(&mut h, from, from + egui::vec2(60.0, 0.0));
    in_step(&h, "a drag");
    h.key_press(Key::F2);
    h.run_steps(2);
    super::type_and_enter(&mut h, "Orders");
    in_step(&h, "a rename");
    for _ in 0..4 {
        ctrl(&mut h, Key::Z);
        in_step(&h, "an undo");
    }
    ctrl(&mut h, Key::Y);
    in_step(&h, "a redo");
}
