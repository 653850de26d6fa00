//! Every kind of item the file holds is created, edited, deleted and
//! undone through the editor's menus, palette and inspector (issue 14,
//! item 2), and the problems panel follows.

use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use super::{ArchdeskApp, ctrl, fit, harness, node, sample};
use crate::model::{SchemeKind, ViewKind};
use crate::store;

/// Clicks through a menu path: `["Add", "New view", "Add containers view"]`.
fn menu(h: &mut Harness<'_, ArchdeskApp>, path: &[&str]) {
    for label in path {
        h.get_by_label(label).click();
        h.run_steps(2);
    }
}

/// Types into the focused field and leaves it with Enter.
fn type_enter(h: &mut Harness<'_, ArchdeskApp>, text: &str) {
    h.event(egui::Event::Text(text.to_owned()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
}

/// Clicks the widget with this role whose accessible name is `label`,
/// scrolled into sight first (the inspector is taller than its panel).
fn click(h: &mut Harness<'_, ArchdeskApp>, role: Role, label: &str) {
    h.get_by_role_and_label(role, label).scroll_to_me();
    h.run_steps(8);
    h.get_by_role_and_label(role, label).click();
    h.run_steps(2);
}

/// Clicks the `n`th widget with this role and name.
fn click_nth(h: &mut Harness<'_, ArchdeskApp>, role: Role, label: &str, n: usize) {
    let there = "that many widgets";
    h.get_all_by_role_and_label(role, label)
        .nth(n)
        .expect(there)
        .scroll_to_me();
    h.run_steps(8);
    h.get_all_by_role_and_label(role, label)
        .nth(n)
        .expect(there)
        .click();
    h.run_steps(2);
}

fn sample_text() -> String {
    std::fs::read_to_string(sample("shop.ron")).expect("sample")
}

fn saved(h: &Harness<'_, ArchdeskApp>) -> String {
    store::to_ron(&h.state().doc).expect("text")
}

/// The rule ids the problems panel lists for one item.
fn findings_of(h: &Harness<'_, ArchdeskApp>, id: &str) -> Vec<&'static str> {
    h.state()
        .findings
        .iter()
        .filter(|f| f.element == id)
        .map(|f| f.rule)
        .collect()
}

#[test]
fn an_api_with_a_scheme_and_an_endpoint_is_made_in_the_ui_and_undone() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let before = h.state().doc.apis.len();
    // Select the service on the canvas, then Add › Add API.
    node(&h, "Cart service").click();
    h.run_steps(2);
    menu(&mut h, &["Add", "Add API"]);
    let doc = &h.state().doc;
    assert_eq!(doc.apis.len(), before + 1);
    let api = doc.apis.last().expect("added");
    assert_eq!(
        (api.service.as_str(), api.name.as_str()),
        ("cart-service", "Cart service API")
    );
    assert!(h.state().selection.contains(&api.id), "selected");
    // Its name has the focus with its text selected: typing names it, and
    // the new item's id follows the name.
    type_enter(&mut h, "Basket API");
    let api = h.state().doc.apis.last().expect("api").clone();
    assert_eq!(
        (api.id.as_str(), api.name.as_str()),
        ("basket-api", "Basket API")
    );
    assert!(h.state().selection.contains("basket-api"));

    // An endpoint: with no security the review objects.
    click(&mut h, Role::Button, "+ Endpoint");
    assert!(
        findings_of(&h, "basket-api").contains(&"api/no-security"),
        "the problems panel reacts: {:?}",
        findings_of(&h, "basket-api")
    );

    // A security scheme: OAuth2 with one scope.
    click(&mut h, Role::Button, "+ Scheme");
    h.get_by_label("bearer — bearer JWT").click();
    h.run_steps(2);
    click(&mut h, Role::ComboBox, "Scheme kind");
    h.get_by_label("OAuth2").click();
    h.run_steps(2);
    click(&mut h, Role::Button, "+ Scope");
    let doc = &h.state().doc;
    let scheme = &doc.apis.last().expect("api").security_schemes[0];
    let SchemeKind::OAuth2 { scopes, .. } = &scheme.kind else {
        panic!("OAuth2: {scheme:?}");
    };
    assert_eq!(
        (scheme.name.as_str(), scopes.len(), scopes[0].name.as_str()),
        ("bearer", 1, "scope1")
    );
    click(&mut h, Role::TextInput, "Token URL");
    type_enter(&mut h, "https://auth.example/token");

    // The endpoint requires it, with its scope.
    h.get_by_label("GET /resource1").click();
    h.run_steps(2);
    click(&mut h, Role::Button, "+ Requirement");
    click(&mut h, Role::CheckBox, "scope1");
    let api = h.state().doc.apis.last().expect("api").clone();
    let SchemeKind::OAuth2 { token_url, .. } = &api.security_schemes[0].kind else {
        panic!("still OAuth2");
    };
    assert_eq!(token_url, "https://auth.example/token");
    let ep = &api.endpoints[0];
    assert_eq!(
        (ep.security.len(), ep.security[0].scheme.as_str()),
        (1, "bearer")
    );
    assert_eq!(ep.security[0].scopes, vec!["scope1".to_owned()]);
    assert!(!findings_of(&h, "basket-api").contains(&"api/no-security"));

    // Renaming the scheme renames what refers to it.
    click(&mut h, Role::TextInput, "Scheme name");
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    type_enter(&mut h, "oauth");
    let api = h.state().doc.apis.last().expect("api").clone();
    assert_eq!(api.security_schemes[0].name, "oauth");
    assert_eq!(api.endpoints[0].security[0].scheme, "oauth");

    // Removing the scheme removes the requirement too.
    click(&mut h, Role::Button, "Remove scheme");
    let api = h.state().doc.apis.last().expect("api").clone();
    assert!(api.security_schemes.is_empty() && api.endpoints[0].security.is_empty());
    ctrl(&mut h, Key::Z);
    assert_eq!(
        h.state().doc.apis.last().expect("api").endpoints[0].security[0].scheme,
        "oauth"
    );

    // Delete from the inspector; undo brings it back; undo everything
    // and the file is as it was.
    click(&mut h, Role::Button, "Delete");
    assert!(h.state().doc.apis.iter().all(|a| a.id != "basket-api"));
    assert!(findings_of(&h, "basket-api").is_empty());
    ctrl(&mut h, Key::Z);
    assert!(h.state().doc.apis.iter().any(|a| a.id == "basket-api"));
    for _ in 0..20 {
        ctrl(&mut h, Key::Z);
    }
    assert_eq!(saved(&h), sample_text());
}

#[test]
fn an_event_type_with_producers_and_consumers_is_made_in_the_ui() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    // From the topic's inspector.
    node(&h, "orders.v1").click();
    h.run_steps(2);
    click(&mut h, Role::Button, "+ Event type");
    let event = h.state().doc.events.last().expect("added").clone();
    assert_eq!(
        (event.channel.as_str(), event.name.as_str()),
        ("order-events", "NewEvent")
    );
    type_enter(&mut h, "OrderRefunded");
    let event = h.state().doc.events.last().expect("event").clone();
    assert_eq!(
        (event.id.as_str(), event.name.as_str()),
        ("order-refunded", "OrderRefunded")
    );
    // A payload field, a producer and a consumer.
    click(&mut h, Role::Button, "+ Field");
    click_nth(&mut h, Role::CheckBox, "Order service", 0);
    // Each service is listed twice: producers, then consumers.
    click_nth(&mut h, Role::CheckBox, "Payment service", 1);
    let event = h
        .state()
        .doc
        .events
        .iter()
        .find(|e| e.id == "order-refunded")
        .expect("event")
        .clone();
    assert_eq!(event.payload.len(), 1);
    assert_eq!(event.producers, vec!["order-service".to_owned()]);
    assert_eq!(event.consumers, vec!["payment-service".to_owned()]);
    // Undo every step and the model is the sample again.
    for _ in 0..6 {
        ctrl(&mut h, Key::Z);
    }
    assert_eq!(saved(&h), sample_text());
    // The palette adds one too, with the topic selected.
    node(&h, "orders.v1").click();
    h.run_steps(2);
    ctrl(&mut h, Key::K);
    h.event(egui::Event::Text("add event type".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert_eq!(
        h.state().doc.events.len(),
        store::parse(&sample_text(), std::path::Path::new("shop.ron"))
            .expect("sample")
            .events
            .len()
            + 1
    );
}

#[test]
fn an_enum_is_made_named_and_given_values_in_the_ui() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    menu(&mut h, &["Add", "Add enum"]);
    let id = h.state().doc.enums.last().expect("added").id.clone();
    assert_eq!(id, "new-enum");
    // Until it has values the review says so.
    assert_eq!(findings_of(&h, &id), vec!["data/enum-values"]);
    type_enter(&mut h, "refund_reason");
    click(&mut h, Role::MultilineTextInput, "Values");
    h.event(egui::Event::Text("damaged, late, unwanted".into()));
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    let e = h
        .state()
        .doc
        .enum_type("refund-reason")
        .expect("id follows the name");
    assert_eq!(e.values, vec!["damaged", "late", "unwanted"]);
    assert!(findings_of(&h, "refund-reason").is_empty());
    click(&mut h, Role::Button, "Delete");
    assert!(h.state().doc.enum_type("refund-reason").is_none());
    ctrl(&mut h, Key::Z);
    assert!(h.state().doc.enum_type("refund-reason").is_some());
}

#[test]
fn a_view_of_each_kind_is_added_from_the_add_menu() {
    let mut h = harness(Some(&sample("shop.ron")));
    h.run_steps(6);
    // The whole view (it opens at a readable zoom on its main element).
    fit(&mut h);
    let views = |h: &Harness<'_, ArchdeskApp>| h.state().doc.views.len();
    let n = views(&h);
    // The scope comes from the selection.
    let cases = [
        ("Order service", "Add landscape view", ViewKind::Landscape),
        (
            "Order service",
            "Add system context view",
            ViewKind::SystemContext {
                system: "shop".into(),
            },
        ),
        (
            "Order service",
            "Add containers view",
            ViewKind::Containers {
                system: "shop".into(),
            },
        ),
        (
            "Order service",
            "Add components view",
            ViewKind::Components {
                container: "order-service".into(),
            },
        ),
        (
            "Order database",
            "Add entities view",
            ViewKind::Entities {
                database: "order-db".into(),
            },
        ),
    ];
    for (i, (select, command, kind)) in cases.into_iter().enumerate() {
        // Back to the containers view through the Views combo.
        click(&mut h, Role::ComboBox, "Views");
        let title = crate::model::c4::view_title_of(&h.state().doc, "shop-containers");
        // The last of that title: the combo's entry, not the breadcrumb.
        h.get_all_by_label(&title).last().expect("listed").click();
        h.run_steps(4);
        node(&h, select).click();
        h.run_steps(2);
        menu(&mut h, &["Add", "New view", command]);
        let doc = &h.state().doc;
        assert_eq!(doc.views.len(), n + i + 1, "{command}");
        let view = doc.views.last().expect("added");
        assert_eq!(view.kind, kind, "{command}");
        assert_eq!(
            h.state().current_view.as_deref(),
            Some(view.id.as_str()),
            "{command} opens it"
        );
    }
    // A view needs its scope: with nothing selected in the landscape,
    // the entities view is not offered.
    click(&mut h, Role::ComboBox, "Views");
    let title = crate::model::c4::view_title_of(&h.state().doc, "landscape");
    h.get_all_by_label(&title).last().expect("listed").click();
    h.run_steps(4);
    assert!(h.state().selection.is_empty());
    menu(&mut h, &["Add", "New view"]);
    assert!(
        h.get_by_label("Add entities view")
            .accesskit_node()
            .is_disabled(),
        "greyed out"
    );
    h.key_press(Key::Escape);
    h.run_steps(2);
    for _ in 0..5 {
        ctrl(&mut h, Key::Z);
    }
    assert_eq!(views(&h), n);
    assert_eq!(saved(&h), sample_text());
}
