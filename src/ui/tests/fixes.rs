//! The problems panel's quick fixes (issue 14, item 12): a model with one
//! finding of each fixable kind is opened, each fix is clicked in the
//! panel, and the document (and the panel) change as one undo step each.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use super::{ArchdeskApp, ctrl, harness, sample, type_and_enter};
use crate::model::{Document, Sensitivity};
use crate::store;

/// The shop with five slips: an API without a version, a list without
/// pagination, a foreign key without its index, an e-mail not marked
/// personal, and a relationship without a description.
pub(super) fn slipped_shop(dir: &std::path::Path) -> std::path::PathBuf {
    let mut doc: Document = store::load(&sample("shop.ron")).expect("sample");
    let api = doc
        .apis
        .iter_mut()
        .find(|a| a.endpoints.iter().any(|e| e.operation_id == "listProducts"))
        .expect("catalog API");
    api.version.clear();
    api.endpoints
        .iter_mut()
        .find(|e| e.operation_id == "listProducts")
        .expect("endpoint")
        .paginated = false;
    let categories = doc
        .entities
        .iter_mut()
        .find(|e| e.id == "categories")
        .expect("categories");
    categories.indexes.clear();
    let users = doc
        .entities
        .iter_mut()
        .find(|e| e.id == "users")
        .expect("users");
    users
        .fields
        .iter_mut()
        .find(|f| f.name == "email")
        .expect("email")
        .sensitivity = Sensitivity::None;
    doc.relationships
        .iter_mut()
        .find(|r| r.id == "gateway-orders")
        .expect("relationship")
        .description
        .clear();
    let path = dir.join("slipped.ron");
    std::fs::write(&path, store::to_ron(&doc).expect("text")).expect("write");
    path
}

fn rules(h: &Harness<'_, ArchdeskApp>) -> Vec<&'static str> {
    h.state().findings.iter().map(|f| f.rule).collect()
}

/// Clicks the button, scrolled into the panel's sight first.
fn click(h: &mut Harness<'_, ArchdeskApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    h.run_steps(8);
    h.get_by_role_and_label(Role::Button, label).click();
    h.run_steps(3);
}

#[test]
fn each_quick_fix_in_the_problems_panel_fixes_its_finding_in_one_step() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(Some(&slipped_shop(dir.path())));
    h.run_steps(6);
    let before = rules(&h);
    for rule in [
        "api/unversioned",
        "api/unpaginated-list",
        "data/fk-without-index",
        "data/unmarked-personal",
        "arch/no-description",
    ] {
        assert!(before.contains(&rule), "{rule} in {before:?}");
    }
    let fixes = [
        ("Version 1.0.0", "api/unversioned"),
        ("Paginate", "api/unpaginated-list"),
        ("Add the index", "data/fk-without-index"),
        ("Mark personal", "data/unmarked-personal"),
    ];
    for (button, rule) in fixes {
        let steps = h.state().history.undo_label().map(str::to_owned);
        click(&mut h, button);
        assert!(!rules(&h).contains(&rule), "{button} fixes {rule}");
        assert_eq!(
            h.state().history.undo_label(),
            Some(button),
            "one step, named after the fix (was {steps:?})"
        );
    }
    let doc = &h.state().doc;
    let categories = doc.entity("categories").expect("categories");
    assert_eq!(categories.indexes[0].columns, vec!["parent_id".to_owned()]);
    let email = doc
        .entity("users")
        .and_then(|e| e.field("email"))
        .expect("email");
    assert_eq!(email.sensitivity, Sensitivity::Personal);
    // The description fix writes a placeholder and starts editing it.
    click(&mut h, "Describe it");
    type_and_enter(&mut h, "Routes order requests to");
    let r = h
        .state()
        .doc
        .relationships
        .iter()
        .find(|r| r.id == "gateway-orders")
        .expect("relationship")
        .clone();
    assert_eq!(r.description, "Routes order requests to");
    assert!(!rules(&h).contains(&"arch/no-description"));
    // Every fix undoes: back to the slipped model's findings.
    for _ in 0..6 {
        ctrl(&mut h, Key::Z);
    }
    assert_eq!(rules(&h), before);
}

#[test]
fn a_finding_is_accepted_with_a_reason_from_the_panel() {
    let dir = tempfile::tempdir().expect("dir");
    let mut h = harness(Some(&slipped_shop(dir.path())));
    h.run_steps(6);
    // The only review finding left after the API is versioned and the
    // others are fixed would be accepted; here, accept the pagination one.
    let row = h
        .state()
        .findings
        .iter()
        .position(|f| f.rule == "api/unpaginated-list")
        .expect("found");
    let accept = h.get_all_by_role_and_label(Role::Button, "Accept…").count();
    assert!(accept >= 1, "review findings can be accepted");
    // The Accept… button on the same row as the Paginate button.
    let paginate = h.get_by_role_and_label(Role::Button, "Paginate").rect();
    let button = h
        .get_all_by_role_and_label(Role::Button, "Accept…")
        .map(|n| n.rect())
        .find(|r| (r.center().y - paginate.center().y).abs() < 4.0)
        .unwrap_or_else(|| panic!("row {row} has an Accept… button"));
    h.hover_at(button.center());
    h.run_steps(1);
    h.get_all_by_role_and_label(Role::Button, "Accept…")
        .find(|n| n.rect() == button)
        .expect("there")
        .click();
    h.run_steps(3);
    // The reason field has the focus.
    h.event(egui::Event::Text(
        "The catalog has 40 products; a page would be all of them.".into(),
    ));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(3);
    let f = h
        .state()
        .findings
        .iter()
        .find(|f| f.rule == "api/unpaginated-list")
        .expect("still listed, as accepted")
        .clone();
    assert!(f.accepted.is_some(), "{f:?}");
    let api = h
        .state()
        .doc
        .apis
        .iter()
        .find(|a| a.id == f.element)
        .expect("api")
        .clone();
    let ep = api
        .endpoints
        .iter()
        .find(|e| e.operation_id == "listProducts")
        .expect("endpoint");
    assert_eq!(ep.accepted.len(), 1, "on the endpoint it is about");
    assert_eq!(ep.accepted[0].rule, "api/unpaginated-list");
    assert_eq!(h.state().history.undo_label(), Some("Accept finding"));
}
