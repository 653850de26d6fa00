//! The editor driven as a person would: by labels, clicks, drags and keys,
//! with egui_kittest, asserting the document after each step.

use std::path::Path;

use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};

use super::app::{ArchdeskApp, Prompt};
use super::canvas::GRID;
use super::testing::harness;
use crate::model::{ContainerKind, Interaction, ItemRef};
use crate::store;

mod authoring;
mod basics;
mod details;
mod fixes;
mod menus;

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn ctrl(h: &mut Harness<'_, ArchdeskApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run_steps(2);
}

fn type_and_enter(h: &mut Harness<'_, ArchdeskApp>, text: &str) {
    // The rename field has focus: select all, type, confirm.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
}

/// Zoom to fit (Ctrl+0): the whole view on screen.
fn fit(h: &mut Harness<'_, ArchdeskApp>) {
    ctrl(h, Key::Num0);
    h.run_steps(1);
}

/// One notch of the wheel, away from the user, with Ctrl (zoom in).
fn ctrl_wheel_notch(h: &mut Harness<'_, ArchdeskApp>) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, 1.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: Modifiers::COMMAND,
    });
}

/// Presses (or lets go of) the primary button at a screen point.
fn button(h: &mut Harness<'_, ArchdeskApp>, pos: egui::Pos2, pressed: bool) {
    h.hover_at(pos);
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(if pressed { 1 } else { 2 });
}

/// Drags with the primary button from one screen point to another.
fn drag(h: &mut Harness<'_, ArchdeskApp>, from: egui::Pos2, to: egui::Pos2) {
    button(h, from, true);
    for i in 1..=5 {
        let t = i as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    button(h, to, false);
}

/// An element on the canvas (not its namesakes in the outline or inspector).
fn node<'h>(h: &'h Harness<'_, ArchdeskApp>, label: &'h str) -> egui_kittest::Node<'h> {
    h.get_by_role_and_label(egui::accesskit::Role::GraphicsObject, label)
}

fn node_center(h: &Harness<'_, ArchdeskApp>, label: &str) -> egui::Pos2 {
    node(h, label).rect().center()
}

/// The id of the first container of this kind.
fn first_of_kind(h: &Harness<'_, ArchdeskApp>, kind: ContainerKind) -> String {
    let doc = &h.state().doc;
    doc.containers
        .iter()
        .find(|c| c.kind == kind)
        .map(|c| c.id.clone())
        .expect("created")
}

#[test]
fn create_rename_connect_undo_redo() {
    let mut h = harness(None);
    h.run_steps(4);
    assert_eq!(h.state().current_view.as_deref(), Some("system-containers"));
    // An empty view says where to start, until it holds something.
    let hint = crate::ui::canvas::EMPTY_VIEW_HINT;
    assert!(
        h.query_by_label(hint).is_some(),
        "the empty view says what to do"
    );

    h.get_by_label("+ Service").click();
    h.run_steps(2);
    assert!(h.query_by_label(hint).is_none(), "the hint goes");
    assert_eq!(first_of_kind(&h, ContainerKind::Service), "new-service");
    // A new element starts being renamed, and its id follows the name.
    type_and_enter(&mut h, "Billing service");
    let service = first_of_kind(&h, ContainerKind::Service);
    assert_eq!(service, "billing-service");
    assert_eq!(
        h.state().doc.container(&service).expect("exists").name,
        "Billing service"
    );
    assert!(
        h.state().selection.contains("billing-service")
            && h.state()
                .doc
                .view("system-containers")
                .is_some_and(|v| v.positions.contains_key("billing-service")),
        "still selected, and its place follows"
    );

    h.get_by_label("+ Database").click();
    h.run_steps(2);
    type_and_enter(&mut h, "Billing database");
    let db = first_of_kind(&h, ContainerKind::Database);
    assert_eq!(
        h.state().doc.container(&db).expect("exists").name,
        "Billing database"
    );

    // Connect by dragging from the service's handle onto the database.
    node(&h, "Billing service").click();
    h.run_steps(2);
    let handle = h.get_by_label("Connect Billing service").rect().center();
    let target = node_center(&h, "Billing database");
    drag(&mut h, handle, target);
    let rel = h
        .state()
        .doc
        .relationships
        .first()
        .cloned()
        .expect("relationship created");
    assert_eq!(
        (rel.from.as_str(), rel.to.as_str()),
        (service.as_str(), db.as_str())
    );
    // Its description is edited in place right away.
    type_and_enter(&mut h, "Reads from and writes to");
    assert_eq!(
        h.state().doc.relationships[0].description,
        "Reads from and writes to"
    );
    assert_eq!(
        h.state().doc.relationships[0].interaction,
        Interaction::Sync
    );

    // Undo the description, the connection, the database's name; redo them.
    ctrl(&mut h, Key::Z);
    assert_eq!(h.state().doc.relationships[0].description, "Uses");
    ctrl(&mut h, Key::Z);
    assert!(h.state().doc.relationships.is_empty());
    // The name and the id it gave are one step.
    ctrl(&mut h, Key::Z);
    assert_eq!(db, "billing-database");
    assert_eq!(
        h.state()
            .doc
            .container("new-database")
            .expect("exists")
            .name,
        "New database"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.container(&db).expect("exists").name,
        "Billing database"
    );
    ctrl(&mut h, Key::Y);
    assert_eq!(h.state().doc.relationships.len(), 1);
    assert!(h.state().is_dirty());
}

#[test]
fn moving_a_multi_selection_is_one_undo_step() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    assert_eq!(h.state().current_view.as_deref(), Some("shop-containers"));
    let before = h
        .state()
        .doc
        .view("shop-containers")
        .expect("view")
        .positions
        .clone();
    node(&h, "Order service").click();
    h.run_steps(1);
    h.get_by_label("Order database")
        .click_modifiers(Modifiers::SHIFT);
    h.run_steps(2);
    assert_eq!(h.state().selection.len(), 2);
    let shown = screen_rects(&h);
    assert!(shown.len() > 10, "the view shows its elements");
    let from = node_center(&h, "Order service");
    drag(&mut h, from, from + egui::vec2(120.0, 60.0));
    // The two moved by the drag (to the grid), and nothing else moved.
    let now = screen_rects(&h);
    let zoom = h.state().canvas.zoom();
    for (id, before) in &shown {
        let after = now[id];
        let moved = after.min - before.min;
        if id == "order-service" || id == "order-db" {
            let off = moved - egui::vec2(120.0, 60.0);
            assert!(
                off.x.abs() <= GRID * zoom && off.y.abs() <= GRID * zoom,
                "{id} moved by the drag: {moved:?}"
            );
        } else {
            assert!(moved.length() < 0.01, "{id} stayed put: {moved:?}");
        }
    }
    let after = h
        .state()
        .doc
        .view("shop-containers")
        .expect("view")
        .positions
        .clone();
    assert!(
        after.contains_key("order-service") && after.contains_key("order-db"),
        "both moved: {after:?}"
    );
    let moved = |id: &str| after.get(id).copied();
    assert!(moved("order-service").is_some() && moved("order-db").is_some());
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state()
            .doc
            .view("shop-containers")
            .expect("view")
            .positions,
        before,
        "one undo puts both back"
    );
}

/// Where every element of the shown view is on screen, by id.
/// Opens a view by its title in the Views combo.
fn open_view(h: &mut Harness<'_, ArchdeskApp>, id: &str) {
    let title = crate::model::c4::view_title_of(&h.state().doc, id);
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Views")
        .click();
    h.run_steps(2);
    // The last of that title: the combo's entry, not the breadcrumb.
    h.get_all_by_label(&title).last().expect("listed").click();
    h.run_steps(4);
    assert_eq!(
        h.state().current_view.as_deref(),
        Some(id),
        "{title} opened"
    );
}

/// The first selected item.
fn selected(h: &Harness<'_, ArchdeskApp>) -> Option<String> {
    h.state().selection.iter().next().cloned()
}

fn screen_rects(h: &Harness<'_, ArchdeskApp>) -> std::collections::BTreeMap<String, egui::Rect> {
    let canvas = &h.state().canvas;
    canvas
        .visible_ids()
        .into_iter()
        .filter_map(|id| canvas.screen_rect_of(&id).map(|r| (id, r)))
        .collect()
}

#[test]
fn dragging_one_box_in_an_unplaced_view_moves_it_alone() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let view = h.state().current_view.clone().expect("a view");
    let saved =
        |h: &Harness<'_, ArchdeskApp>| h.state().doc.view(&view).expect("view").positions.len();
    assert_eq!(saved(&h), 0, "no element of the view has a saved position");
    let shown = screen_rects(&h);
    let from = node_center(&h, "Payment service");
    drag(&mut h, from, from + egui::vec2(-90.0, 140.0));
    let now = screen_rects(&h);
    let moved: Vec<&String> = shown
        .iter()
        .filter(|(id, r)| (now[*id].min - r.min).length() > 0.01)
        .map(|(id, _)| id)
        .collect();
    assert_eq!(moved, ["payment-service"], "only the dragged box moved");
    // Every shown element now has its place saved, in one undo step.
    assert_eq!(
        saved(&h),
        shown.len(),
        "the first move keeps the automatic places of the others"
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(saved(&h), 0);
    assert_eq!(
        screen_rects(&h),
        shown,
        "undo puts the diagram back as it was"
    );
}

#[test]
fn the_id_is_edited_in_the_inspector_with_every_reference() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    node(&h, "Order database").click();
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Id")
        .click();
    h.run_steps(1);
    type_and_enter(&mut h, "orders-store");
    let doc = &h.state().doc;
    assert!(doc.container("order-db").is_none() && doc.container("orders-store").is_some());
    assert!(
        doc.entities.iter().any(|e| e.store == "orders-store")
            && doc.relationships.iter().any(|r| r.to == "orders-store"),
        "its entities and relationships follow it"
    );
    assert!(
        h.state().selection.contains("orders-store"),
        "still selected"
    );
    // A taken id is refused with a sentence, and nothing changes.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Id")
        .click();
    h.run_steps(1);
    type_and_enter(&mut h, "order-service");
    assert!(h.state().doc.container("orders-store").is_some());
    let status = h.state().status.clone().map(|(s, _)| s).unwrap_or_default();
    assert!(status.contains("already taken"), "{status}");
    // One undo brings the old id back everywhere.
    h.key_press(Key::Escape);
    h.run_steps(1);
    ctrl(&mut h, Key::Z);
    let text = store::to_ron(&h.state().doc).expect("text");
    assert_eq!(
        text,
        std::fs::read_to_string(sample("shop.ron")).expect("sample")
    );
}

#[test]
fn a_wheel_notch_with_ctrl_zooms_by_a_tenth_around_the_pointer() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let before = h.state().canvas.zoom();
    let at = node_center(&h, "Order service");
    let rect = node(&h, "Order service").rect();
    h.hover_at(at);
    h.run_steps(1);
    ctrl_wheel_notch(&mut h);
    h.run_steps(20);
    let ratio = h.state().canvas.zoom() / before;
    assert!((ratio - 1.1).abs() < 0.01, "one notch: ×{ratio}");
    // Around the pointer: the box under it stays under it.
    let after = node(&h, "Order service").rect();
    assert!(after.contains(at), "{rect:?} → {after:?}");
    assert!(after.width() > rect.width(), "bigger");
}

#[test]
fn a_new_element_lands_in_view_on_free_ground_and_nothing_moves() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let shown = screen_rects(&h);
    h.get_by_label("+ Person").click();
    h.run_steps(6);
    let person = selected(&h).expect("the new person is selected");
    let now = screen_rects(&h);
    let placed = now
        .get(&person)
        .copied()
        .expect("the new person is drawn in this view");
    for (id, r) in &now {
        if *id != person {
            assert!(!r.intersects(placed), "{id} is under the new person");
        }
    }
    assert!(
        h.state().canvas.screen_rect_of(&person).is_some(),
        "visible on the canvas"
    );
    // The view was scrolled to the new person: compare the others by
    // their offsets from one another, which the scroll does not change.
    let (a, b) = ("order-service", "order-db");
    let gap = |m: &std::collections::BTreeMap<String, egui::Rect>| m[a].min - m[b].min;
    assert!(
        (gap(&now) - gap(&shown)).length() < 0.01,
        "nothing else moved"
    );
    assert!(h.state().canvas.rename.is_some(), "renaming it has begun");
}

#[test]
fn a_new_neighbour_leaves_room_for_an_arrow_and_both_stay_in_sight() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    fit(&mut h);
    node(&h, "Order service").click();
    h.run_steps(2);
    let next_to = "order-service";
    assert!(
        h.state().selection.contains(next_to),
        "Order service is selected"
    );
    h.get_by_label("+ Service").click();
    h.run_steps(6);
    let new = selected(&h).expect("the new service is selected");
    assert_ne!(new, next_to);
    let rects = screen_rects(&h);
    let zoom = h.state().canvas.zoom();
    let placed = rects[&new];
    for (id, r) in &rects {
        if *id == new {
            continue;
        }
        // The room an arrow and its label need, in scene units.
        let dx = (placed.min.x - r.max.x).max(r.min.x - placed.max.x) / zoom;
        let dy = (placed.min.y - r.max.y).max(r.min.y - placed.max.y) / zoom;
        assert!(
            dx >= crate::ui::canvas::ROOM.x - 0.5 || dy >= crate::ui::canvas::ROOM.y - 0.5,
            "{id} is {dx:.0} by {dy:.0} from the new service"
        );
    }
    let screen = h.state().canvas.screen().expect("the canvas is shown");
    for id in [new.as_str(), next_to] {
        assert!(
            screen.contains_rect(rects[id]),
            "{id} is wholly in sight: {:?} in {screen:?}",
            rects[id]
        );
    }
}

/// Hovers a box so its connection handle shows, and says where the
/// handle is.
fn handle_of(h: &mut Harness<'_, ArchdeskApp>, label: &str) -> egui::Pos2 {
    let center = node_center(h, label);
    h.hover_at(center);
    h.run_steps(2);
    h.get_by_label(&format!("Connect {label}")).rect().center()
}

#[test]
fn dragging_the_handle_of_an_unselected_box_connects_and_escape_cancels() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    assert!(h.state().selection.is_empty(), "nothing is selected");
    // Zoomed in to where boxes show their details (and handles): four
    // Ctrl+wheel notches over the box.
    h.hover_at(node_center(&h, "Session cache"));
    h.run_steps(1);
    for _ in 0..4 {
        ctrl_wheel_notch(&mut h);
        h.run_steps(6);
    }
    assert!(h.state().canvas.zoom() > 0.3, "{}", h.state().canvas.zoom());
    let before = h.state().doc.relationships.len();
    // Escape half-way: nothing is connected.
    let from = handle_of(&mut h, "Session cache");
    let to = node_center(&h, "Payment service");
    button(&mut h, from, true);
    h.hover_at(from + (to - from) * 0.5);
    h.run_steps(1);
    h.key_press(Key::Escape);
    h.run_steps(1);
    button(&mut h, to, false);
    assert_eq!(h.state().doc.relationships.len(), before, "cancelled");
    // The same drag, to the end: a relationship, and no rubber band.
    let from = handle_of(&mut h, "Session cache");
    drag(&mut h, from, to);
    let doc = &h.state().doc;
    assert_eq!(doc.relationships.len(), before + 1, "connected");
    let r = doc.relationships.last().expect("relationship");
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("session-cache", "payment-service")
    );
}

#[test]
fn ctrl_1_shows_the_selection_at_real_size_in_the_middle() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    node(&h, "Cart service").click();
    h.run_steps(1);
    ctrl(&mut h, Key::Num1);
    h.run_steps(2);
    assert!((h.state().canvas.zoom() - 1.0).abs() < 1e-4, "100 %");
    let middle = h.state().canvas.screen().expect("drawn").center();
    let at = node(&h, "Cart service").rect().center();
    assert!(
        (at - middle).length() < 1.0,
        "{at:?} is the middle {middle:?}"
    );
}

#[test]
fn delete_takes_dependents_and_undo_brings_them_back() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let original = store::to_ron(&h.state().doc).expect("the model turns into text");
    node(&h, "Payment service").click();
    h.run_steps(1);
    h.key_press(Key::Delete);
    h.run_steps(2);
    let status =
        |h: &Harness<'_, ArchdeskApp>| h.state().status.clone().map(|(s, _)| s).unwrap_or_default();
    // What went with it, counted from the model as it was.
    let touching = store::parse(&original, Path::new("shop.ron"))
        .expect("parse")
        .relationships
        .iter()
        .filter(|r| r.from == "payment-service" || r.to == "payment-service")
        .count();
    assert_eq!(
        status(&h),
        format!("Deleted Payment service, {touching} relationships")
    );
    let doc = &h.state().doc;
    assert!(doc.container("payment-service").is_none());
    assert!(
        doc.relationships
            .iter()
            .all(|r| r.from != "payment-service" && r.to != "payment-service")
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        store::to_ron(&h.state().doc).expect("the model turns into text"),
        original
    );
    assert_eq!(
        status(&h),
        format!("Undid Delete Payment service, {touching} relationships"),
        "undo says what came back"
    );
}

#[test]
fn double_click_opens_the_inner_view_and_breadcrumbs_go_back() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(4);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    h.state_mut().current_view = Some("landscape".into());
    h.run_steps(6);
    // Double-click away from the name (which would rename): near the bottom.
    let shop = node_center(&h, "Shop") + egui::vec2(0.0, node(&h, "Shop").rect().height() * 0.4);
    h.hover_at(shop);
    h.run_steps(1);
    for _ in 0..2 {
        h.event(egui::Event::PointerButton {
            pos: shop,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
        h.event(egui::Event::PointerButton {
            pos: shop,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
    assert_eq!(h.state().current_view.as_deref(), Some("shop-containers"));
    h.get_by_role_and_label(egui::accesskit::Role::Link, "Shop landscape")
        .click();
    h.run_steps(2);
    assert_eq!(h.state().current_view.as_deref(), Some("landscape"));
}

#[test]
fn editing_an_entity_field_in_the_inspector() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(4);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    h.state_mut().current_view = Some("order-db-entities".into());
    h.run_steps(6);
    node(&h, "orders").click();
    h.run_steps(3);
    // The status field's type shows its enum by name, not by id.
    assert!(
        h.query(
            by().role(egui::accesskit::Role::ComboBox)
                .value("enum order_status")
        )
        .is_some(),
        "the enum's name in the type picker"
    );
    assert!(
        h.query(by().value("enum order-status")).is_none(),
        "not its id"
    );
    let field = h.get(
        by().role(egui::accesskit::Role::TextInput)
            .value("order_number"),
    );
    field.focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("public_number".into()));
    h.run_steps(2);
    // Leave the field (Escape), as clicking elsewhere would.
    h.key_press(Key::Escape);
    h.run_steps(2);
    let orders = h.state().doc.entity("orders").expect("entity");
    assert!(
        orders.field("public_number").is_some(),
        "{:?}",
        orders.fields.iter().map(|f| &f.name).collect::<Vec<_>>()
    );
    assert!(orders.field("order_number").is_none());
    // A column of the saved file, renamed, says what it was, and the
    // inspector shows it, with a way to forget it.
    assert_eq!(
        orders.field("public_number").and_then(|f| f.was.as_deref()),
        Some("order_number")
    );
    node(&h, "orders").click();
    h.run_steps(3);
    assert!(h.query_by_label("renamed from order_number").is_some());
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Forget")
        .click();
    h.run_steps(3);
    let orders = h.state().doc.entity("orders").expect("entity");
    assert_eq!(
        orders.field("public_number").and_then(|f| f.was.as_deref()),
        None,
        "forgotten"
    );
    ctrl(&mut h, Key::Z);
    let orders = h.state().doc.entity("orders").expect("entity");
    assert_eq!(
        orders.field("public_number").and_then(|f| f.was.as_deref()),
        Some("order_number"),
        "forgetting is one undo step"
    );
    // All that typing is one undo step.
    ctrl(&mut h, Key::Z);
    assert!(
        h.state()
            .doc
            .entity("orders")
            .expect("entity")
            .field("order_number")
            .is_some()
    );
    // A field that is not in the saved file is only named, not renamed.
    node(&h, "orders").click();
    h.run_steps(3);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "+ Field")
        .scroll_to_me();
    h.run_steps(4);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "+ Field")
        .click();
    h.run_steps(3);
    let new = h
        .state()
        .doc
        .entity("orders")
        .and_then(|e| e.fields.last())
        .map(|f| f.name.clone())
        .expect("a new field");
    h.get(by().role(egui::accesskit::Role::TextInput).value(&new))
        .focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text("refund_reason".into()));
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(2);
    let orders = h.state().doc.entity("orders").expect("entity");
    let f = orders.field("refund_reason").expect("renamed");
    assert_eq!(f.was, None, "no migration has a column {new} to rename");
}

#[test]
fn save_reopen_and_the_unsaved_changes_prompt() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("billing.ron");
    let mut h = harness(Some(&path));
    h.run_steps(4);
    h.get_by_label("+ Service").click();
    h.run_steps(2);
    type_and_enter(&mut h, "Billing service");
    assert!(h.state().title().starts_with("● billing.ron"));
    ctrl(&mut h, Key::S);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().title(), "billing.ron — archdesk");
    let saved = std::fs::read_to_string(&path).expect("saved");
    let expected_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/billing.ron");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &saved).expect("write expectation");
    }
    let expected = std::fs::read_to_string(&expected_path).expect("expectation");
    assert_eq!(
        saved, expected,
        "the saved file differs from tests/expected/billing.ron"
    );

    // Reopen in a fresh editor: the same model.
    let again = harness(Some(&path));
    assert_eq!(
        store::to_ron(&again.state().doc).expect("the model turns into text"),
        saved
    );

    // A change, then New: the prompt asks; Discard starts a new model.
    h.get_by_label("+ Database").click();
    h.run_steps(2);
    h.key_press(Key::Escape);
    h.run_steps(1);
    ctrl(&mut h, Key::N);
    assert!(matches!(h.state().prompt, Some(Prompt::Unsaved(_))));
    h.get_by_label("Save changes?");
    h.get_by_label("Discard").click();
    h.run_steps(3);
    assert!(h.state().prompt.is_none());
    assert!(h.state().path.is_none());
    assert!(!h.state().doc.containers.iter().any(|c| matches!(h.state().doc.item(&c.id), Some(ItemRef::Container(x)) if x.name == "Billing service")));
    assert_eq!(
        std::fs::read_to_string(&path).expect("file"),
        saved,
        "discarding leaves the file alone"
    );
}

#[test]
fn copy_and_paste_through_the_clipboard_events() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    node(&h, "Order service").click();
    h.run_steps(2);
    // What the desktop sends for Ctrl+C: a Copy event; the app puts RON on the clipboard.
    h.event(egui::Event::Copy);
    h.run_steps(2);
    let copied = h.state().canvas.last_copied.clone().expect("copied");
    assert!(
        copied.contains("order-service") && copied.contains("Container("),
        "{copied}"
    );
    // Ctrl+V: a Paste event carrying the clipboard's text.
    h.event(egui::Event::Paste(copied));
    h.run_steps(3);
    let doc = &h.state().doc;
    let pasted = doc.container("order-service-2").expect("pasted copy");
    assert_eq!(
        pasted.name, "Order service (copy)",
        "named apart from its original"
    );
    assert!(
        doc.components
            .iter()
            .any(|c| c.container == "order-service-2"),
        "its components come along"
    );
    assert!(
        h.state().selection.contains("order-service-2"),
        "the pasted items are selected"
    );
    ctrl(&mut h, Key::Z);
    assert!(
        h.state().doc.container("order-service-2").is_none(),
        "one undo removes the paste"
    );
}

#[test]
fn the_editor_never_exports_over_the_model() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.ron");
    std::fs::copy(sample("shop.ron"), &path).expect("copy");
    let before = std::fs::read(&path).expect("read");
    let mut h = harness(Some(&path));
    h.run_steps(4);
    h.state_mut().push(super::commands::AppCommand::Run(
        super::commands::Command::Export(crate::export::Format::Svg),
    ));
    h.run_steps(2);
    // The prompt's path field has the focus: the model's own path.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(path.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(3);
    match &h.state().prompt {
        Some(Prompt::Message { title, text }) => {
            assert_eq!(title, "Export failed");
            assert!(text.contains("not written"), "{text}");
        }
        _ => panic!("the refusal is shown"),
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "the model is intact"
    );
}

/// File › Export › the format, clicked.
fn file_export(h: &mut Harness<'_, ArchdeskApp>, format: crate::export::Format) {
    let entry = super::commands::Command::Export(format).label();
    for label in ["File", "Export", entry.as_str()] {
        h.get_by_role_and_label(egui::accesskit::Role::Button, label)
            .click();
        h.run_steps(2);
    }
    h.run_steps(1);
}

#[test]
fn export_from_the_menu_writes_what_the_command_line_writes() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(4);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    // The current view as SVG: one file.
    file_export(&mut h, crate::export::Format::Svg);
    assert!(
        matches!(h.state().prompt, Some(Prompt::Path { .. })),
        "no file chooser in tests: a path prompt"
    );
    let target = dir.path().join("containers.svg");
    // The prompt's path field has the focus.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(target.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(3);
    let written = std::fs::read_to_string(&target).expect("exported");
    let options = crate::export::Options {
        only: Some("shop-containers".into()),
    };
    let expected = crate::export::export(&h.state().doc, crate::export::Format::Svg, &options)
        .expect("export");
    assert_eq!(written, expected[0].text);

    // PostgreSQL: one script per database, into a folder.
    file_export(&mut h, crate::export::Format::Postgres);
    let folder = dir.path().join("ddl");
    // The prompt's path field has the focus.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(egui::Event::Text(folder.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(3);
    let all = crate::export::export(
        &h.state().doc,
        crate::export::Format::Postgres,
        &crate::export::Options::default(),
    )
    .expect("export");
    assert!(all.len() > 1);
    for a in all {
        assert_eq!(
            std::fs::read_to_string(folder.join(&a.file_name)).expect("file"),
            a.text,
            "{}",
            a.file_name
        );
    }
}

#[test]
fn a_newer_autosaved_copy_is_offered_and_recovered_as_one_undo_step() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.ron");
    let original = std::fs::read_to_string(sample("shop.ron")).expect("sample");
    std::fs::write(&path, &original).expect("write");
    let mut unsaved = store::parse(&original, &path).expect("parse");
    unsaved.name = "Shop (unsaved work)".into();
    unsaved.containers.retain(|c| c.id != "session-cache");
    unsaved.relationships.retain(|r| r.to != "session-cache");
    // Written after the model (or in the same tick of a coarse clock,
    // which counts as newer).
    let recovery = store::recovery::write_recovery(Some(&path), &unsaved).expect("autosave");

    let mut h = harness(Some(&path));
    h.run_steps(3);
    assert!(
        matches!(h.state().prompt, Some(Prompt::Recover { .. })),
        "{:?}",
        h.state().prompt.is_some()
    );
    h.get_by_label("Recover").click();
    h.run_steps(3);
    assert_eq!(
        store::to_ron(&h.state().doc).expect("the model turns into text"),
        store::to_ron(&unsaved).expect("the model turns into text")
    );
    assert!(
        h.state().is_dirty(),
        "recovered work is unsaved until saved"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("file"),
        original,
        "the file is untouched"
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        store::to_ron(&h.state().doc).expect("the model turns into text"),
        original,
        "one undo returns to the file's model"
    );
    assert!(recovery.exists());
}

#[test]
fn undoing_back_to_the_saved_model_removes_the_recovery_copy() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shop.ron");
    std::fs::copy(sample("shop.ron"), &path).expect("copy");
    let mut h = harness(Some(&path));
    h.run_steps(3);
    // As the real editor: recovery files on (no dialogs are opened here).
    h.state_mut().persist = true;
    let mut moved = h.state().doc.clone();
    moved.name = "Shop, moved".into();
    h.state_mut().push(super::commands::AppCommand::Edit {
        edit: crate::model::Edit::SetInfo {
            name: moved.name.clone(),
            description: moved.description.clone(),
        },
        label: "Rename model".into(),
    });
    h.run_steps(2);
    assert!(h.state().is_dirty());
    // The autosave of that change, as the 30-second timer would write it.
    let recovery = store::recovery::write_recovery(Some(&path), &h.state().doc).expect("autosave");
    ctrl(&mut h, Key::Z);
    h.run_steps(2);
    assert!(!h.state().is_dirty(), "back at the saved model");
    assert!(!recovery.exists(), "nothing left to recover");
    assert!(
        store::recovery::pending_recovery(Some(&path)).is_none(),
        "the next open offers nothing"
    );
}

#[test]
fn every_inspector_is_accessible_and_the_ui_settles() {
    // `run` checks that every widget has an accessible name and that the
    // UI stops asking for frames when nothing happens.
    let mut h = harness(Some(&sample("shop.ron")));
    h.run();
    for id in [
        "orders",
        "order-api",
        "order-placed",
        "order-status",
        "customer-web",
        "order-service",
        "customer",
        "shop-containers",
    ] {
        h.state_mut()
            .push(super::commands::AppCommand::Reveal(id.into()));
        h.run();
        assert!(
            h.state().selection.contains(id) || h.state().current_view.as_deref() == Some(id),
            "{id}"
        );
    }
    // The API inspector with every endpoint open.
    h.state_mut()
        .push(super::commands::AppCommand::Reveal("order-api".into()));
    h.run();
    for header in ["GET /orders", "POST /orders"] {
        h.get_by_label(header).click();
        h.run();
    }
}

#[test]
fn thousands_of_nodes_zoomed_out_still_click_and_drag() {
    // Enough nodes that, fitted to the window, only those under the pointer
    // get a widget (canvas::INTERACTIVE_NODES).
    let doc = crate::generate::single_view(5, 2_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    std::fs::write(
        &path,
        store::to_ron(&doc).expect("the model turns into text"),
    )
    .expect("write");
    let mut h = harness(Some(&path));
    h.run_steps(4);
    fit(&mut h);
    assert!(h.state().canvas.zoom() < 0.2, "fitted far out");
    assert!(h.state().canvas.visible_ids().len() > 1_500);
    let id = doc.views[0]
        .positions
        .keys()
        .nth(700)
        .cloned()
        .expect("a placed node");
    let rect = h.state().canvas.screen_rect_of(&id).expect("drawn");
    h.hover_at(rect.center());
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(1);
    h.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(2);
    assert_eq!(
        h.state().selection.iter().collect::<Vec<_>>(),
        vec![&id],
        "the click selected the node under the pointer"
    );
    let before = h.state().doc.views[0].positions[&id];
    drag(
        &mut h,
        rect.center(),
        rect.center() + egui::vec2(60.0, 40.0),
    );
    let after = h.state().doc.views[0].positions[&id];
    assert!(
        after.x > before.x + 100.0 && after.y > before.y + 100.0,
        "dragged in scene units at this zoom: {before:?} -> {after:?}"
    );
}

#[test]
fn selecting_any_item_never_resizes_the_panels() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let canvas = |h: &Harness<'_, ArchdeskApp>| h.state().canvas.screen().expect("drawn");
    let first = canvas(&h);
    let window_right = 1400.0;
    // Every item of the model in turn, found by its id with Find, as a
    // user would.
    let ids: Vec<String> = h.state().doc.items().map(|i| i.id().clone()).collect();
    let mut problems = std::collections::BTreeSet::new();
    for id in &ids {
        ctrl(&mut h, Key::F);
        h.event(egui::Event::Text(id.clone()));
        h.run_steps(1);
        h.key_press(Key::Enter);
        h.run_steps(3);
        assert!(
            h.state().selection.contains(id) || h.state().current_view.as_ref() == Some(id),
            "Find reveals {id}"
        );
        let now = canvas(&h);
        if now != first {
            problems.insert(format!("{id}: the canvas is now {now:?}"));
        }
        // Nothing in the inspector reaches past the window's edge.
        let wide: Vec<String> = h
            .get_all(by().predicate(|_| true))
            .filter(|n| {
                // A text field's text scrolls inside it.
                n.accesskit_node().role() != egui::accesskit::Role::TextRun
                    && n.accesskit_node().bounding_box().is_some_and(|r| {
                        r.x0 as f32 > now.right() && r.x1 as f32 > window_right + 0.5
                    })
            })
            .map(|n| {
                format!(
                    "{:?} {:?}",
                    n.accesskit_node().role(),
                    n.accesskit_node().label()
                )
            })
            .collect();
        if !wide.is_empty() {
            problems.insert(format!("{id}: past the edge: {wide:?}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn zoom_to_fit_keeps_a_margin_on_every_side() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    // Every view of the shop, opened from the Views combo, then Ctrl+0.
    let views: Vec<String> = h.state().doc.views.iter().map(|v| v.id.clone()).collect();
    for id in views {
        open_view(&mut h, &id);
        // Pan away, then fit.
        ctrl(&mut h, Key::Equals);
        ctrl(&mut h, Key::Num0);
        h.run_steps(2);
        let canvas = h.state().canvas.screen().expect("drawn");
        let all = screen_rects(&h)
            .into_values()
            .reduce(egui::Rect::union)
            .expect("something drawn");
        for (side, gap) in [
            ("left", all.left() - canvas.left()),
            ("right", canvas.right() - all.right()),
            ("top", all.top() - canvas.top()),
            ("bottom", canvas.bottom() - all.bottom()),
        ] {
            assert!(
                gap >= 20.0,
                "{id}: {gap:.1} px to the {side} of {all:?} in {canvas:?}"
            );
        }
    }
}

#[test]
fn resizing_the_window_keeps_the_middle_of_the_view_in_the_middle() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let middle = |h: &Harness<'_, ArchdeskApp>| {
        let all = screen_rects(h)
            .into_values()
            .reduce(egui::Rect::union)
            .expect("drawn");
        all.center() - h.state().canvas.screen().expect("drawn").center()
    };
    let before = middle(&h);
    h.set_size(egui::vec2(1340.0, 860.0));
    h.run_steps(4);
    let after = middle(&h);
    assert!(
        (after - before).length() < 2.0,
        "the view's middle moved from {before:?} to {after:?} off the canvas's middle"
    );
}

#[test]
fn the_typed_path_prompt_suggests_a_path_and_keeps_every_letter() {
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("shop.ron");
    std::fs::copy(sample("shop.ron"), &model).expect("copy");
    let mut h = harness(Some(&model));
    h.run_steps(4);
    // Save As: the model's folder and name, selected.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.run_steps(3);
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path");
    assert_eq!(
        field.value().as_deref(),
        Some(model.to_str().expect("utf-8"))
    );
    // The file's name is selected: typing renames it, a letter a frame,
    // the last one in the frame of Enter.
    let target = dir.path().join("renamed.ron");
    let (head, last) = "renamed".split_at(6);
    for c in head.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run_steps(1);
    }
    h.event(egui::Event::Text(last.to_owned()));
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(
        h.state().prompt.is_none(),
        "Enter confirms: {:?}",
        h.state().prompt
    );
    assert!(target.exists(), "saved as {}", target.display());
    assert_eq!(h.state().path.as_deref(), Some(target.as_path()));

    // An export of several files asks for a folder, and says so.
    file_export(&mut h, crate::export::Format::Postgres);
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Path");
    let suggested = dir.path().join("shop-postgres");
    assert_eq!(field.value().as_deref(), suggested.to_str());
    assert!(
        h.query_by_label_contains("give a folder").is_some(),
        "the folder hint"
    );
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(suggested.is_dir(), "the suggested folder was made");
}

#[test]
fn a_big_view_opens_readable_on_its_main_element_and_ctrl_0_shows_it_all() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The containers view does not fit at a readable size: it opens with
    // the boxes' smallest text at 9 px or more, centred on the element with
    // the most arrows.
    let zoom = h.state().canvas.zoom();
    let doc = &h.state().doc;
    let view = doc.view("shop-containers").expect("view");
    let scene = crate::diagram::scene_of(doc, view).expect("scene");
    let smallest = scene
        .nodes
        .iter()
        .flat_map(|n| &n.lines)
        .map(|l| l.size_px)
        .fold(f32::INFINITY, f32::min);
    assert!(zoom * smallest >= 9.0 - 1e-3, "{zoom} × {smallest} px");
    let mut arrows: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in &scene.edges {
        *arrows.entry(e.from.as_str()).or_default() += 1;
        *arrows.entry(e.to.as_str()).or_default() += 1;
    }
    let most = arrows.values().max().copied().unwrap_or_default();
    let main = scene
        .nodes
        .iter()
        .find(|n| arrows.get(n.id.as_str()) == Some(&most))
        .expect("a main element");
    let canvas = h.state().canvas.screen().expect("drawn");
    let at = h
        .state()
        .canvas
        .screen_rect_of(&main.id)
        .expect("on screen");
    assert!(
        (at.center() - canvas.center()).length() < 2.0,
        "{} in the middle: {at:?} in {canvas:?}",
        main.id
    );
    // Labels are drawn at this zoom.
    let labels = h
        .get_all(
            by().role(egui::accesskit::Role::Button)
                .label_contains("Routes"),
        )
        .count();
    assert!(labels > 0, "relationship labels are shown");
    // Ctrl+0 shows the whole view, smaller.
    fit(&mut h);
    assert!(h.state().canvas.zoom() < zoom);
    assert_eq!(
        screen_rects(&h).len(),
        scene.nodes.len(),
        "every element on screen"
    );
}
