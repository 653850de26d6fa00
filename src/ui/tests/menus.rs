//! The context menus (issue 14, item 4): a right-click on an element, a
//! relationship's label, the empty canvas or an outline row, and each
//! entry, asserting what the document or the screen then holds.

use egui::accesskit::Role;
use egui::{Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable as _, by};

use super::{
    ArchdeskApp, ctrl, fit, harness, node, node_center, sample, screen_rects, type_and_enter,
};
use crate::model::{Interaction, ItemRef};

/// Hovers a point, then presses and releases a button there, a frame
/// apart (the release's frame is the last one run).
fn press_release(h: &mut Harness<'_, ArchdeskApp>, pos: Pos2, button: PointerButton) {
    h.hover_at(pos);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
}

/// A right-click (press and release without moving) at a screen point.
fn right_click(h: &mut Harness<'_, ArchdeskApp>, pos: Pos2) {
    press_release(h, pos, PointerButton::Secondary);
    h.run_steps(1);
    LAST_RIGHT_CLICK.set(Some(pos));
}

thread_local! {
    /// Where the last menu was opened (each test runs on its own thread).
    static LAST_RIGHT_CLICK: std::cell::Cell<Option<Pos2>> = const { std::cell::Cell::new(None) };
}

/// Of the buttons with that name, the one nearest the right-click (the
/// inspector may have a namesake).
fn entry_at(h: &Harness<'_, ArchdeskApp>, label: &str) -> Pos2 {
    let at = LAST_RIGHT_CLICK.get().expect("a menu was opened");
    h.get_all_by_role_and_label(Role::Button, label)
        .map(|n| n.rect().center())
        .min_by(|a, b| a.distance(at).total_cmp(&b.distance(at)))
        .unwrap_or_else(|| panic!("no menu entry “{label}”"))
}

/// Clicks a menu entry.
fn entry(h: &mut Harness<'_, ArchdeskApp>, label: &str) {
    let centre = entry_at(h, label);
    press_release(h, centre, PointerButton::Primary);
    h.run_steps(1);
}

/// Opens an element's menu on the canvas and clicks one entry (through
/// submenus: `["Add inside", "Component"]`).
fn element_menu(h: &mut Harness<'_, ArchdeskApp>, element: &str, path: &[&str]) {
    let at = node_center(h, element);
    right_click(h, at);
    for label in path {
        entry(h, label);
    }
}

/// The point of an edge's label on screen.
fn label_of(h: &Harness<'_, ArchdeskApp>, text: &str) -> Pos2 {
    h.get(by().role(Role::Button).label_contains(text))
        .rect()
        .center()
}

/// A canvas point well away from every box.
pub(super) fn empty_spot(h: &Harness<'_, ArchdeskApp>) -> Pos2 {
    let screen = h.state().canvas.screen().expect("drawn");
    let boxes = screen_rects(h);
    let step = 20.0;
    let mut y = screen.top() + 60.0;
    while y < screen.bottom() - 60.0 {
        let mut x = screen.left() + 60.0;
        while x < screen.right() - 60.0 {
            let p = egui::pos2(x, y);
            if boxes
                .values()
                .all(|r| r.expand(60.0).contains(p).then_some(()).is_none())
            {
                return p;
            }
            x += step;
        }
        y += step;
    }
    panic!("no empty spot on the canvas")
}

/// Types into the outline's filter box (replacing what it held).
pub(super) fn filter_outline(h: &mut Harness<'_, ArchdeskApp>, text: &str) {
    h.get_by_role_and_label(Role::TextInput, "Filter the outline")
        .click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.key_press(egui::Key::Backspace);
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(2);
}

/// The centre of the outline row with this text.
fn outline_row(h: &Harness<'_, ArchdeskApp>, text: &str) -> Pos2 {
    h.get(by().role(Role::Button).label(text)).rect().center()
}

fn shop() -> Harness<'static, ArchdeskApp> {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    h
}

#[test]
fn the_element_menu_renames_opens_adds_inside_and_deletes() {
    let mut h = shop();
    // Rename: the box over its name takes the typing.
    element_menu(&mut h, "Order service", &["Rename"]);
    assert!(h.state().selection.contains("order-service"), "selected");
    type_and_enter(&mut h, "Orders");
    assert_eq!(
        h.state()
            .doc
            .container("order-service")
            .expect("there")
            .name,
        "Orders",
        "renamed; an existing element keeps its id"
    );
    ctrl(&mut h, egui::Key::Z);

    // Open its view.
    element_menu(&mut h, "Order service", &["Open components view"]);
    assert_eq!(
        h.state().current_view.as_deref(),
        Some("order-service-components")
    );
    h.key_press_modifiers(Modifiers::ALT, egui::Key::ArrowUp);
    h.run_steps(4);

    // Add inside: the inner view opens and the new component lands there.
    element_menu(&mut h, "Payment service", &["Add inside", "Component"]);
    let doc = &h.state().doc;
    let component = doc.components.last().expect("added");
    assert_eq!(component.container, "payment-service");
    let view = h.state().current_view.clone().expect("a view");
    assert!(
        matches!(&doc.view(&view).expect("view").kind,
            crate::model::ViewKind::Components { container } if container == "payment-service"),
        "the payment service's components view, made for it"
    );
    type_and_enter(&mut h, "Refund handler");
    assert!(
        h.state()
            .doc
            .components
            .iter()
            .any(|c| c.id == "refund-handler"),
        "named, with the id from the name"
    );
    for _ in 0..3 {
        ctrl(&mut h, egui::Key::Z);
    }
    assert!(h.state().doc.view(&view).is_none(), "all undone");

    // With its view gone, the editor is back on the containers view.
    assert_eq!(h.state().current_view.as_deref(), Some("shop-containers"));
    h.run_steps(4);
    // Delete.
    element_menu(&mut h, "Session cache", &["Delete"]);
    assert!(h.state().doc.container("session-cache").is_none());
    let status = h.state().status.clone().map(|(s, _)| s).unwrap_or_default();
    assert!(status.starts_with("Deleted Session cache"), "{status}");
    ctrl(&mut h, egui::Key::Z);
    assert!(h.state().doc.container("session-cache").is_some());
}

#[test]
fn the_element_menu_connects_hides_and_copies_the_id() {
    let mut h = shop();
    let before = h.state().doc.relationships.len();
    element_menu(&mut h, "Order service", &["Connect to"]);
    // The filter has the focus.
    h.event(egui::Event::Text("payment s".into()));
    h.run_steps(2);
    entry(&mut h, "Payment service");
    let doc = &h.state().doc;
    assert_eq!(doc.relationships.len(), before + 1);
    let r = doc.relationships.last().expect("added");
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("order-service", "payment-service")
    );
    // Its description is being edited in place.
    type_and_enter(&mut h, "Charges through");
    assert_eq!(
        h.state().doc.relationships.last().expect("r").description,
        "Charges through"
    );

    // Remove from this view: the box goes, and the view says so.
    element_menu(&mut h, "Session cache", &["Remove from this view"]);
    let view = h.state().doc.view("shop-containers").expect("view");
    assert!(view.exclude.contains(&"session-cache".to_owned()));
    assert!(
        h.query_by_role_and_label(Role::GraphicsObject, "Session cache")
            .is_none(),
        "no longer drawn"
    );
    ctrl(&mut h, egui::Key::Z);
    assert!(node(&h, "Session cache").rect().width() > 0.0);

    // Copy id: the clipboard gets the id.
    let at = node_center(&h, "Cart service");
    right_click(&mut h, at);
    let copy = entry_at(&h, "Copy id");
    press_release(&mut h, copy, PointerButton::Primary);
    let copied = h
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, egui::OutputCommand::CopyText(t) if t == "cart-service"));
    assert!(copied, "{:?}", h.output().platform_output.commands);
    h.run_steps(2);
    assert!(
        h.query_by_role_and_label(Role::Button, "Copy id").is_none(),
        "the menu closed"
    );
}

#[test]
fn the_relationship_menu_edits_reverses_switches_and_deletes() {
    let mut h = shop();
    let rel = |h: &Harness<'_, ArchdeskApp>| {
        h.state()
            .doc
            .relationships
            .iter()
            .find(|r| r.id == "gateway-orders")
            .cloned()
    };
    let menu = |h: &mut Harness<'_, ArchdeskApp>, label: &str| {
        let at = label_of(h, "Routes order requests to");
        right_click(h, at);
        self::entry(h, label);
    };
    menu(&mut h, "Make asynchronous");
    assert_eq!(rel(&h).expect("there").interaction, Interaction::Async);
    menu(&mut h, "Make synchronous");
    assert_eq!(rel(&h).expect("there").interaction, Interaction::Sync);
    menu(&mut h, "Reverse");
    let r = rel(&h).expect("there");
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("order-service", "api-gateway")
    );
    ctrl(&mut h, egui::Key::Z);
    menu(&mut h, "Edit description");
    type_and_enter(&mut h, "Routes every order call to");
    assert_eq!(
        rel(&h).expect("there").description,
        "Routes every order call to"
    );
    ctrl(&mut h, egui::Key::Z);
    menu(&mut h, "Delete");
    assert!(rel(&h).is_none());
    ctrl(&mut h, egui::Key::Z);
    assert_eq!(
        crate::store::to_ron(&h.state().doc).expect("text"),
        std::fs::read_to_string(sample("shop.ron")).expect("sample"),
        "every step undone"
    );
}

#[test]
fn the_canvas_menu_adds_here_pastes_here_and_arranges() {
    let mut h = shop();
    let spot = empty_spot(&h);
    right_click(&mut h, spot);
    entry(&mut h, "Person");
    let doc = &h.state().doc;
    let person = doc.people.last().expect("added").id.clone();
    assert_eq!(person, "new-person");
    // Where the menu was opened (snapped to the grid).
    let r = h.state().canvas.screen_rect_of(&person).expect("drawn");
    assert!(
        (r.left() - spot.x).abs() <= 20.0 && (r.top() - spot.y).abs() <= 20.0,
        "{r:?} at {spot:?}"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(2);

    // Copy the cache, then paste it at another empty spot.
    node(&h, "Session cache").click();
    h.run_steps(2);
    ctrl(&mut h, egui::Key::C);
    let spot = empty_spot(&h);
    right_click(&mut h, spot);
    entry(&mut h, "Paste here");
    let copy = h
        .state()
        .doc
        .containers
        .iter()
        .find(|c| c.name == "Session cache (copy)")
        .map(|c| c.id.clone())
        .expect("pasted");
    let r = h.state().canvas.screen_rect_of(&copy).expect("drawn");
    assert!(
        (r.left() - spot.x).abs() <= 20.0 && (r.top() - spot.y).abs() <= 20.0,
        "{r:?} at {spot:?}"
    );

    // Select all, then auto-arrange: everything is laid out afresh (the
    // copy leaves the spot it was pasted at), as one step.
    let spot = empty_spot(&h);
    right_click(&mut h, spot);
    entry(&mut h, "Select all");
    assert!(h.state().selection.len() > 10);
    let pasted_at = h
        .state()
        .doc
        .view("shop-containers")
        .expect("view")
        .positions[&copy];
    let spot = empty_spot(&h);
    right_click(&mut h, spot);
    entry(&mut h, "Auto-arrange view");
    h.run_steps(6);
    let view = h.state().doc.view("shop-containers").expect("view");
    assert_ne!(view.positions.get(&copy), Some(&pasted_at));
    assert_eq!(h.state().history.undo_label(), Some("Auto-arrange"));
}

#[test]
fn outline_rows_have_the_same_menu() {
    let mut h = shop();
    // A component is not drawn in the containers view: find it in the
    // outline and add it there.
    filter_outline(&mut h, "order controller");
    let row = outline_row(&h, "Order controller  ·  component");
    right_click(&mut h, row);
    entry(&mut h, "Add to this view");
    let view = h.state().doc.view("shop-containers").expect("view");
    assert!(view.include.contains(&"order-controller".to_owned()));
    assert!(node(&h, "Order controller").rect().width() > 0.0, "drawn");
    // And remove it again from its row.
    let row = outline_row(&h, "Order controller  ·  component");
    right_click(&mut h, row);
    entry(&mut h, "Remove from this view");
    let view = h.state().doc.view("shop-containers").expect("view");
    assert!(!view.include.contains(&"order-controller".to_owned()));
    // A view row opens its view; an enum row shows and deletes it.
    filter_outline(&mut h, "");
    let title = crate::model::c4::view_title_of(&h.state().doc, "landscape");
    let row = h
        .get_by_role_and_label(Role::Button, &title)
        .rect()
        .center();
    right_click(&mut h, row);
    entry(&mut h, "Open");
    assert_eq!(h.state().current_view.as_deref(), Some("landscape"));
    let name = match h.state().doc.item("order-status") {
        Some(ItemRef::Enum(e)) => e.name.clone(),
        _ => panic!("the sample has the enum"),
    };
    filter_outline(&mut h, &name);
    let row = outline_row(&h, &format!("Enum {name}"));
    right_click(&mut h, row);
    entry(&mut h, "Delete");
    let status = h.state().status.clone().map(|(s, _)| s).unwrap_or_default();
    assert!(
        h.state().doc.enum_type("order-status").is_some() && status.contains("still refers"),
        "an enum in use is kept, with the reason: {status}"
    );
}
