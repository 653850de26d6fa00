use serde_json::json;

use super::*;
use crate::export::diff as report;
use crate::model::{Field, FieldType, ParamLocation, Parameter};

pub(super) fn shop() -> Document {
    crate::store::load(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/shop.ron"
    )))
    .expect("the sample loads")
}

fn one(d: &Diff) -> &ItemChange {
    assert_eq!(d.items.len(), 1, "{:#?}", d.items);
    &d.items[0]
}

fn paths(i: &ItemChange) -> Vec<&str> {
    i.properties.iter().map(|p| p.path.as_str()).collect()
}

fn container<'a>(doc: &'a mut Document, id: &str) -> &'a mut crate::model::Container {
    doc.containers
        .iter_mut()
        .find(|c| c.id == id)
        .expect("container")
}

/// An endpoint of the catalog API, by operation id.
/// The catalog API.
fn catalog(doc: &mut Document) -> &mut crate::model::Api {
    doc.apis
        .iter_mut()
        .find(|a| a.id == "catalog-api")
        .expect("catalog API")
}

fn endpoint<'a>(doc: &'a mut Document, op: &str) -> &'a mut crate::model::Endpoint {
    catalog(doc)
        .endpoints
        .iter_mut()
        .find(|e| e.operation_id == op)
        .expect("endpoint")
}

fn entity<'a>(doc: &'a mut Document, id: &str) -> &'a mut crate::model::Entity {
    doc.entities
        .iter_mut()
        .find(|e| e.id == id)
        .expect("entity")
}

#[test]
fn a_model_against_itself_has_no_changes() {
    let d = diff(&shop(), &shop());
    assert!(d.is_empty(), "{d:#?}");
    assert!(!d.is_breaking());
    assert_eq!(report::summary(&d), "No changes");
}

#[test]
fn a_new_name_under_the_same_id_is_a_rename() {
    let old = shop();
    let mut new = old.clone();
    let c = container(&mut new, "order-service");
    c.name = "Orders".into();
    c.technology = "Rust, axum".into();
    let d = diff(&old, &new);
    let i = one(&d);
    assert_eq!(
        (i.id.as_str(), i.change),
        ("order-service", Change::Changed)
    );
    assert_eq!(i.renamed_from.as_deref(), Some("Order service"));
    assert_eq!(i.name, "Orders");
    assert_eq!(paths(i), ["name", "technology"]);
    assert_eq!(i.properties[1].new, Some(json!("Rust, axum")));
    assert!(!d.is_breaking(), "an element's name breaks nothing");
    assert_eq!(d.counts().renamed, 1);
}

#[test]
fn added_and_removed_items_are_listed_by_kind() {
    let old = shop();
    let mut new = old.clone();
    new.people.retain(|p| p.id != "admin");
    new.relationships
        .retain(|r| r.from != "admin" && r.to != "admin");
    new.people
        .push(crate::model::Person::new("auditor", "Auditor"));
    let d = diff(&old, &new);
    let first = &d.items[0];
    assert_eq!(
        (first.id.as_str(), first.change),
        ("auditor", Change::Added)
    );
    assert_eq!(d.items[1].id, "admin");
    assert_eq!(d.items[1].change, Change::Removed);
    assert!(
        d.items[2..]
            .iter()
            .all(|i| i.kind == ItemKind::Relationship && i.change == Change::Removed),
        "then the relationships that went with it"
    );
    assert!(
        !d.is_breaking(),
        "elements and relationships break no client"
    );
}

#[test]
fn a_column_added_in_the_middle_is_one_change_not_a_shift() {
    let old = shop();
    let mut new = old.clone();
    let mut note = Field::new("note", FieldType::Text);
    note.nullable = true;
    entity(&mut new, "orders").fields.insert(2, note);
    let d = diff(&old, &new);
    let i = one(&d);
    assert_eq!(paths(i), ["fields[note]"]);
    assert_eq!(i.properties[0].old, None);
    assert!(!d.is_breaking(), "a nullable column is compatible");
}

#[test]
fn data_changes_that_break_say_why() {
    let old = shop();
    type Case = (
        &'static str,
        Box<dyn Fn(&mut Document)>,
        Option<&'static str>,
    );
    let cases: Vec<Case> = vec![
        (
            "fields[currency]",
            Box::new(|d| entity(d, "orders").fields.retain(|f| f.name != "currency")),
            Some("drops column currency"),
        ),
        (
            "fields[region]",
            Box::new(|d| {
                entity(d, "orders")
                    .fields
                    .push(Field::new("region", FieldType::Text));
            }),
            Some("adds NOT NULL column region with no default"),
        ),
        (
            "fields[order_number].type",
            Box::new(|d| {
                let f = entity(d, "orders")
                    .fields
                    .iter_mut()
                    .find(|f| f.name == "order_number");
                f.expect("field").ty = FieldType::Int;
            }),
            Some("changes the type of column order_number"),
        ),
        (
            "fields[currency].type",
            Box::new(|d| {
                let f = entity(d, "orders")
                    .fields
                    .iter_mut()
                    .find(|f| f.name == "currency");
                f.expect("field").ty = FieldType::Varchar(10);
            }),
            None,
        ),
        (
            "name",
            Box::new(|d| entity(d, "orders").name = "purchase_orders".into()),
            Some("renames the table"),
        ),
    ];
    for (path, edit, why) in cases {
        let mut new = old.clone();
        edit(&mut new);
        let d = diff(&old, &new);
        let p = &one(&d).properties;
        assert_eq!(p.len(), 1, "{path}: {p:#?}");
        assert_eq!(p[0].path, path);
        match why {
            Some(w) => assert!(
                p[0].breaking.as_deref().is_some_and(|b| b.starts_with(w)),
                "{path}: {:?}",
                p[0].breaking
            ),
            None => assert_eq!(p[0].breaking, None, "{path} widens"),
        }
        assert_eq!(d.is_breaking(), why.is_some());
    }
    // A column made NOT NULL, and a dropped table.
    let mut new = old.clone();
    let f = entity(&mut new, "addresses")
        .fields
        .iter_mut()
        .find(|f| f.nullable);
    let name = {
        let f = f.expect("a nullable column");
        f.nullable = false;
        f.name.clone()
    };
    let d = diff(&old, &new);
    let p = &one(&d).properties[0];
    assert_eq!(p.path, format!("fields[{name}].nullable"));
    assert!(
        p.breaking
            .as_deref()
            .is_some_and(|b| b.contains("NOT NULL"))
    );
    let mut new = old.clone();
    new.entities.retain(|e| e.id != "refunds");
    let d = diff(&old, &new);
    assert_eq!(one(&d).change, Change::Removed);
    assert!(one(&d).breaking.is_some(), "dropping a table breaks");
}

#[test]
fn enum_values_removed_break_and_added_do_not() {
    let old = shop();
    let mut new = old.clone();
    let e = new
        .enums
        .iter_mut()
        .find(|e| e.id == "order-status")
        .expect("enum");
    e.values.push("refunded".into());
    assert!(!diff(&old, &new).is_breaking());
    let e = new
        .enums
        .iter_mut()
        .find(|e| e.id == "order-status")
        .expect("enum");
    let gone = e.values.remove(0);
    let d = diff(&old, &new);
    let why = one(&d).properties[0].breaking.clone().expect("breaking");
    assert!(why.contains(&gone), "{why}");
}

#[test]
fn api_changes_that_break_say_why() {
    let old = shop();
    // A removed endpoint.
    let mut new = old.clone();
    catalog(&mut new)
        .endpoints
        .retain(|e| e.operation_id != "deleteProduct");
    let d = diff(&old, &new);
    let p = &one(&d).properties[0];
    assert_eq!(p.path, "endpoints[deleteProduct]");
    assert!(p.breaking.is_some());
    // An optional parameter is compatible, a required one is not.
    for (required, breaks) in [(false, false), (true, true)] {
        let mut new = old.clone();
        let ep = endpoint(&mut new, "listProducts");
        ep.parameters.push(Parameter {
            name: "tag".into(),
            location: ParamLocation::Query,
            ty: FieldType::Text,
            required,
            description: String::new(),
        });
        let d = diff(&old, &new);
        let p = &one(&d).properties[0];
        assert_eq!(p.path, "endpoints[listProducts].parameters[tag]");
        assert_eq!(p.breaking.is_some(), breaks, "required: {required}");
    }
    // A moved endpoint and a changed security requirement.
    let mut new = old.clone();
    let ep = endpoint(&mut new, "createProduct");
    ep.path = "/items".into();
    ep.security.clear();
    ep.public = true;
    let d = diff(&old, &new);
    let i = one(&d);
    assert!(
        i.properties.iter().all(|p| p.breaking.is_some()),
        "{:#?}",
        i.properties
    );
    assert!(paths(i).contains(&"endpoints[createProduct].path"));
}

#[test]
fn event_changes_that_break_say_why() {
    let old = shop();
    fn ev(d: &mut Document) -> &mut crate::model::EventType {
        d.events
            .iter_mut()
            .find(|e| e.id == "order-placed")
            .expect("event")
    }
    let mut new = old.clone();
    ev(&mut new).payload.retain(|f| f.name != "currency");
    ev(&mut new).key = Some("customer_id".into());
    ev(&mut new).description = "Changed words.".into();
    let d = diff(&old, &new);
    let i = one(&d);
    let breaking: Vec<&str> = i
        .properties
        .iter()
        .filter(|p| p.breaking.is_some())
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(breaking, ["key", "payload[currency]"]);
    assert_eq!(paths(i).len(), 3, "the description changed, compatibly");
}

#[test]
fn a_moved_box_is_a_position_change_of_its_view() {
    let old = shop();
    let mut new = old.clone();
    let v = new
        .views
        .iter_mut()
        .find(|v| v.id == "shop-containers")
        .expect("view");
    v.positions.insert(
        "order-service".into(),
        crate::model::Point::new(100.0, 40.0),
    );
    let d = diff(&old, &new);
    let i = one(&d);
    assert_eq!(i.kind, ItemKind::View);
    assert_eq!(paths(i), ["positions.order-service"]);
    // Another box placed, one moved: one change each, the moved one by axis.
    let mut newer = new.clone();
    let v = newer
        .views
        .iter_mut()
        .find(|v| v.id == "shop-containers")
        .expect("view");
    v.positions
        .insert("order-db".into(), crate::model::Point::new(100.0, 300.0));
    v.positions.insert(
        "order-service".into(),
        crate::model::Point::new(120.0, 40.0),
    );
    let d = diff(&new, &newer);
    assert_eq!(
        paths(one(&d)),
        ["positions.order-db", "positions.order-service.x"]
    );
    assert_eq!(
        report::show("positions.order-db", one(&d).properties[0].new.as_ref()),
        "(x: 100.0, y: 300.0)"
    );
}

#[test]
fn reordered_fields_are_one_order_change() {
    let old = shop();
    let mut new = old.clone();
    entity(&mut new, "orders").fields.swap(1, 2);
    let d = diff(&old, &new);
    let i = one(&d);
    assert_eq!(paths(i), ["fields (order)"]);
}

#[test]
fn an_element_that_says_what_it_was_is_matched_to_it() {
    let old = json!([{"name": "email", "type": "Text"}, {"name": "id", "type": "Uuid"}]);
    let new = json!([{"name": "email_address", "was": "email", "type": "Text"}, {"name": "id", "type": "Uuid"}]);
    let mut out = Vec::new();
    compare("fields", Some(&old), Some(&new), &mut out);
    assert_eq!(out.len(), 1, "{out:#?}");
    assert_eq!(out[0].path, "fields[email_address].name");
    assert_eq!(out[0].old, Some(json!("email")));
    assert_eq!(out[0].new, Some(json!("email_address")));
}

#[test]
fn reports_are_deterministic_and_escape_names() {
    let old = shop();
    let mut new = old.clone();
    let c = container(&mut new, "order-service");
    c.name = "Orders `x` **bold**\n\u{1b}[31mred".into();
    entity(&mut new, "orders")
        .fields
        .retain(|f| f.name != "currency");
    let d = diff(&old, &new);
    let md = report::markdown(&d);
    assert_eq!(md, report::markdown(&diff(&old, &new)));
    assert!(
        md.starts_with("## Model changes\n\n**2 changed (1 renamed); 1 breaking**\n"),
        "{md}"
    );
    assert!(
        md.contains("### Elements") && md.contains("### Data"),
        "{md}"
    );
    assert!(!md.contains('\u{1b}'), "no raw control character");
    assert!(
        md.contains("``Orders `x` **bold** \\u{1b}[31mred``"),
        "{md}"
    );
    let text = report::text(&d);
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("fields[currency]: "), "{text}");
    let json = report::json(&d);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["summary"]["breaking"], 1);
    assert_eq!(v["items"][0]["kind"], "container");
    assert_eq!(v["items"][0]["renamed_from"], "Order service");
}

#[test]
fn a_renamed_column_that_says_what_it_was_is_a_rename() {
    let old = shop();
    let mut new = old.clone();
    let f = entity(&mut new, "orders")
        .fields
        .iter_mut()
        .find(|f| f.name == "order_number")
        .expect("field");
    f.name = "public_number".into();
    // Without `was`: one column dropped, one added.
    let d = diff(&old, &new);
    assert_eq!(
        paths(one(&d)),
        ["fields[public_number]", "fields[order_number]"]
    );
    // With it: one rename, in place.
    let f = entity(&mut new, "orders")
        .fields
        .iter_mut()
        .find(|f| f.name == "public_number")
        .expect("field");
    f.was = Some("order_number".into());
    let d = diff(&old, &new);
    let p = &one(&d).properties;
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].path, "fields[public_number].name");
    assert_eq!(
        p[0].breaking.as_deref(),
        Some(
            "renames column order_number to public_number: readers of the old name fail; \
             the responses of listOrders, placeOrder, getOrder, cancelOrder carry it"
        )
    );
}

/// A week's pull request on the shop: one change of each area, some breaking.
fn a_weeks_changes() -> (Document, Document) {
    let old = shop();
    let mut new = old.clone();
    let c = container(&mut new, "order-service");
    c.name = "Orders".into();
    new.people
        .push(crate::model::Person::new("auditor", "Auditor"));
    new.relationships.retain(|r| r.id != "email-customer");
    let e = new
        .enums
        .iter_mut()
        .find(|e| e.id == "order-status")
        .expect("enum");
    e.values.push("refunded".into());
    let orders = entity(&mut new, "orders");
    orders.fields.retain(|f| f.name != "currency");
    let f = orders
        .fields
        .iter_mut()
        .find(|f| f.name == "order_number")
        .expect("field");
    f.name = "public_number".into();
    f.was = Some("order_number".into());
    let ep = endpoint(&mut new, "listProducts");
    ep.parameters.push(Parameter {
        name: "region".into(),
        location: ParamLocation::Query,
        ty: FieldType::Varchar(8),
        required: true,
        description: String::new(),
    });
    let ev = new
        .events
        .iter_mut()
        .find(|e| e.id == "order-placed")
        .expect("event");
    ev.key = Some("customer_id".into());
    let v = new
        .views
        .iter_mut()
        .find(|v| v.id == "shop-containers")
        .expect("view");
    v.positions.insert(
        "order-service".into(),
        crate::model::Point::new(400.0, 240.0),
    );
    (old, new)
}

#[test]
fn a_weeks_changes_as_markdown_text_and_json() {
    let (old, new) = a_weeks_changes();
    let d = diff(&old, &new);
    insta::assert_snapshot!("shop-week-markdown", report::markdown(&d));
    insta::assert_snapshot!("shop-week-text", report::text(&d));
    insta::assert_snapshot!("shop-week-json", report::json(&d));
}

#[test]
fn a_dropped_column_names_the_responses_it_leaves() {
    let old = shop();
    let mut new = old.clone();
    entity(&mut new, "products")
        .fields
        .retain(|f| f.name != "description");
    let d = diff(&old, &new);
    let why = one(&d).properties[0].breaking.clone().expect("breaking");
    assert!(why.starts_with("drops column description"), "{why}");
    assert!(
        why.contains("the responses of ") && why.contains("getProduct"),
        "{why}"
    );
}

#[test]
fn a_renamed_operation_that_says_what_it_was_is_one_rename() {
    let old = shop();
    let mut new = old.clone();
    let ep = endpoint(&mut new, "getProduct");
    ep.operation_id = "readProduct".into();
    ep.was = Some("getProduct".into());
    let d = diff(&old, &new);
    let p = &one(&d).properties;
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(p[0].path, "endpoints[readProduct].operation_id");
    assert_eq!(
        p[0].breaking.as_deref(),
        Some("renames the operation getProduct to readProduct: generated clients' methods change")
    );
}
