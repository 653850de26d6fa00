//! What the review rule tests share: [`base`], a small design that is
//! clean under every rule, the builders that change it, and the cases of
//! each rule family (one file each, named as in `src/check/`: [`data`],
//! [`api`], [`events`], [`arch`], [`tuning`]).
//!
//! Every review rule (and the structural rules the review issue lists)
//! fires on a small model built for it — with the element, part and message
//! asserted — and stays quiet on a near miss: the smallest change that makes
//! the design acceptable or puts it just outside the rule. All cases start
//! from [`base`], so a case's finding comes from its own change.
//!
//! Each family's cases run in its own test file (`tests/review_data.rs`,
//! `tests/review_api.rs`, `tests/review_events.rs`, `tests/review_arch.rs`,
//! `tests/review_tuning.rs`); `tests/review_rules.rs` gathers all of
//! [`FAMILIES`] for what holds across them. Included as
//! `#[path = "review/mod.rs"] mod review;`; each file uses a part of it,
//! hence the `dead_code` allowance.
#![allow(dead_code)]

use archdesk::check::{self, Finding};
use archdesk::model::*;

pub mod api;
pub mod arch;
pub mod data;
pub mod events;
pub mod tuning;

pub fn container(id: &str, system: &str, name: &str, kind: ContainerKind, tech: &str) -> Container {
    let mut c = Container::new(id, system, name, kind);
    c.technology = tech.into();
    c
}

pub fn rel(id: &str, from: &str, to: &str, description: &str) -> Relationship {
    let mut r = Relationship::new(id, from, to);
    r.description = description.into();
    r
}

pub fn field(name: &str, ty: FieldType) -> Field {
    Field::new(name, ty)
}

/// An index of an entity. `model::Index` names the id lookup table, which
/// shadows the entity index type in the public API, so it is built through
/// serde here.
pub fn index<T: serde::de::DeserializeOwned>(
    columns: &[&str],
    unique: bool,
    predicate: Option<&str>,
) -> T {
    serde_json::from_value(serde_json::json!({
        "columns": columns,
        "unique": unique,
        "predicate": predicate,
    }))
    .expect("an entity index")
}

pub fn path_param(name: &str) -> Parameter {
    Parameter {
        name: name.into(),
        location: ParamLocation::Path,
        ty: FieldType::Uuid,
        required: true,
        description: String::new(),
    }
}

pub fn bearer() -> Vec<Requirement> {
    vec![Requirement {
        scheme: "bearer".into(),
        scopes: vec![],
    }]
}

pub fn ok(body: Option<Body>) -> Vec<Response> {
    vec![Response {
        status: 200,
        description: "OK.".into(),
        body,
    }]
}

/// A customer uses an API service that stores customers and orders in its
/// database and offers a versioned, secured, paginated API. Clean.
pub fn base() -> Document {
    let mut d = Document::new("Test");
    d.people.push(Person::new("customer", "Customer"));
    d.systems.push(SoftwareSystem::new("shop", "Shop"));
    d.containers.push(container(
        "api",
        "shop",
        "API service",
        ContainerKind::Service,
        "Rust, axum",
    ));
    d.containers.push(container(
        "db",
        "shop",
        "Shop database",
        ContainerKind::Database,
        "PostgreSQL 16",
    ));
    d.relationships
        .push(rel("customer-api", "customer", "api", "Buys using"));
    d.relationships
        .push(rel("api-db", "api", "db", "Reads from and writes to"));

    let mut customers = Entity::new("customers", "db", "customers");
    customers.fields.push(field("id", FieldType::Uuid));
    let mut email = field("email", FieldType::Varchar(320));
    email.sensitivity = Sensitivity::Personal;
    customers.fields.push(email);
    customers.primary_key = vec!["id".into()];
    customers.retention = "Deleted with the account.".into();
    d.entities.push(customers);

    let mut orders = Entity::new("orders", "db", "orders");
    orders.fields.push(field("id", FieldType::Uuid));
    orders.fields.push(field("customer_id", FieldType::Uuid));
    orders.primary_key = vec!["id".into()];
    orders.foreign_keys.push(ForeignKey {
        name: None,
        columns: vec!["customer_id".into()],
        references: "customers".into(),
        to_columns: vec!["id".into()],
        on_delete: FkAction::Cascade,
        on_update: FkAction::NoAction,
    });
    orders.indexes.push(index(&["customer_id"], false, None));
    d.entities.push(orders);

    let mut api = Api::new("shop-api", "api", "Shop API");
    api.version = "1.0.0".into();
    api.base_path = "/v1".into();
    api.security_schemes.push(SecurityScheme {
        name: "bearer".into(),
        kind: SchemeKind::BearerJwt,
        description: String::new(),
    });
    let mut list = Endpoint::new(Method::Get, "/orders", "listOrders");
    list.responses = ok(Some(Body::List {
        entity: "orders".into(),
    }));
    list.paginated = true;
    list.security = bearer();
    api.endpoints.push(list);
    let mut get = Endpoint::new(Method::Get, "/orders/{order_id}", "getOrder");
    get.parameters.push(path_param("order_id"));
    get.responses = ok(Some(Body::Entity {
        entity: "orders".into(),
        shape: Shape::Read,
    }));
    get.security = bearer();
    api.endpoints.push(get);
    d.apis.push(api);
    d
}

pub fn entity<'a>(d: &'a mut Document, id: &str) -> &'a mut Entity {
    d.entities
        .iter_mut()
        .find(|e| e.id == id)
        .expect("entity of the base model")
}

pub fn endpoint<'a>(d: &'a mut Document, op: &str) -> &'a mut Endpoint {
    d.apis[0]
        .endpoints
        .iter_mut()
        .find(|e| e.operation_id == op)
        .expect("endpoint of the base model")
}

/// Gives entity `id` a `tenant_id` column and makes it tenant-scoped.
pub fn tenant_scoped(d: &mut Document, id: &str) {
    let e = entity(d, id);
    e.fields.push(field("tenant_id", FieldType::Uuid));
    e.tenant_column = Some("tenant_id".into());
}

pub fn container_mut<'a>(d: &'a mut Document, id: &str) -> &'a mut Container {
    d.containers
        .iter_mut()
        .find(|c| c.id == id)
        .expect("container of the base model")
}

pub fn relationship<'a>(d: &'a mut Document, id: &str) -> &'a mut Relationship {
    d.relationships
        .iter_mut()
        .find(|r| r.id == id)
        .expect("relationship of the base model")
}

pub fn add_endpoint(d: &mut Document, ep: Endpoint) {
    d.apis[0].endpoints.push(ep);
}

/// A topic, a second service that could consume, and one event type.
pub fn add_event(d: &mut Document, producers: &[&str], consumers: &[&str]) {
    d.containers.push(container(
        "events",
        "shop",
        "Order events",
        ContainerKind::Topic,
        "Kafka",
    ));
    d.containers.push(container(
        "mailer",
        "shop",
        "Mailer",
        ContainerKind::Service,
        "Go",
    ));
    let mut e = EventType::new("order-placed", "events", "OrderPlaced");
    e.payload.push(field("order_id", FieldType::Uuid));
    e.producers = producers.iter().map(|s| (*s).to_owned()).collect();
    e.consumers = consumers.iter().map(|s| (*s).to_owned()).collect();
    d.events.push(e);
}

/// An external payment provider the API service calls synchronously.
pub fn add_payment_call(d: &mut Document, technology: &str) {
    let mut psp = SoftwareSystem::new("psp", "Payment provider");
    psp.external = true;
    d.systems.push(psp);
    let mut r = rel("api-psp", "api", "psp", "Charges cards using");
    r.technology = technology.into();
    d.relationships.push(r);
}

/// A billing service that the API service calls, and that calls back.
pub fn add_billing(d: &mut Document, back: Interaction) {
    d.containers.push(container(
        "billing",
        "shop",
        "Billing",
        ContainerKind::Service,
        "Go",
    ));
    d.relationships
        .push(rel("api-billing", "api", "billing", "Bills orders with"));
    let mut r = rel("billing-api", "billing", "api", "Reads orders from");
    r.interaction = back;
    d.relationships.push(r);
}

pub fn add_views(d: &mut Document) {
    d.views.push(View::new("landscape", ViewKind::Landscape));
    d.views.push(View::new(
        "containers",
        ViewKind::Containers {
            system: "shop".into(),
        },
    ));
    d.components
        .push(Component::new("repository", "api", "Repository"));
}

pub fn accept(rule: &str, reason: &str) -> Accepted {
    Accepted {
        rule: rule.into(),
        reason: reason.into(),
    }
}

/// A change that makes `rule` fire once, with what the finding must say.
pub struct Fires {
    pub rule: &'static str,
    pub change: fn(&mut Document),
    pub element: &'static str,
    pub part: &'static str,
    pub message: &'static str,
}

/// A change that keeps the model just clear of `rule`.
pub struct Misses {
    pub rule: &'static str,
    pub why: &'static str,
    pub change: fn(&mut Document),
}

/// The cases of one rule family: its rules' ids start with `prefix`.
pub struct Family {
    pub prefix: &'static str,
    pub firing: fn() -> Vec<Fires>,
    pub near_misses: fn() -> Vec<Misses>,
}

pub const DATA: Family = Family {
    prefix: "data/",
    firing: data::firing,
    near_misses: data::near_misses,
};

pub const API: Family = Family {
    prefix: "api/",
    firing: api::firing,
    near_misses: api::near_misses,
};

pub const EVENTS: Family = Family {
    prefix: "event/",
    firing: events::firing,
    near_misses: events::near_misses,
};

pub const ARCH: Family = Family {
    prefix: "arch/",
    firing: arch::firing,
    near_misses: arch::near_misses,
};

pub const TUNING: Family = Family {
    prefix: "review/",
    firing: tuning::firing,
    near_misses: tuning::near_misses,
};

/// Every family, each run by its own test file.
pub const FAMILIES: [Family; 5] = [DATA, API, EVENTS, ARCH, TUNING];

/// The firing cases of every family.
pub fn firing() -> Vec<Fires> {
    FAMILIES.iter().flat_map(|f| (f.firing)()).collect()
}

/// The near misses of every family.
pub fn near_misses() -> Vec<Misses> {
    FAMILIES.iter().flat_map(|f| (f.near_misses)()).collect()
}

pub fn of_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// Each firing case of the family makes its rule fire once, with the
/// element, part and message it gives, at the rule's default severity.
pub fn assert_each_fires(family: &Family) {
    let cases = (family.firing)();
    assert!(!cases.is_empty(), "{}: no firing cases", family.prefix);
    for case in cases {
        assert!(
            case.rule.starts_with(family.prefix),
            "{} is filed under {}",
            case.rule,
            family.prefix
        );
        let mut d = base();
        (case.change)(&mut d);
        let findings = check::check(&d);
        let found = of_rule(&findings, case.rule);
        assert_eq!(
            found.len(),
            1,
            "{}: expected one finding, got {findings:#?}",
            case.rule
        );
        let f = found[0];
        assert_eq!(
            (f.element.as_str(), f.part.as_str(), f.message.as_str()),
            (case.element, case.part, case.message),
            "{}",
            case.rule
        );
        let rule = check::rule(case.rule).expect("registered rule");
        assert_eq!(f.severity, rule.severity, "{}: default severity", case.rule);
        assert!(f.accepted.is_none(), "{}", case.rule);
        assert!(!f.hint.is_empty() && !f.path.is_empty(), "{f:?}");
    }
}

/// Each near miss of the family keeps its rule quiet and the model valid.
pub fn assert_each_stays_quiet(family: &Family) {
    let cases = (family.near_misses)();
    assert!(!cases.is_empty(), "{}: no near misses", family.prefix);
    for case in cases {
        assert!(
            case.rule.starts_with(family.prefix),
            "{} is filed under {}",
            case.rule,
            family.prefix
        );
        let mut d = base();
        (case.change)(&mut d);
        let findings = check::check(&d);
        assert!(
            of_rule(&findings, case.rule).is_empty(),
            "{} must not fire when {}: {findings:#?}",
            case.rule,
            case.why
        );
        assert!(
            !check::has_errors(&findings),
            "{}: the near miss must be a valid model: {findings:#?}",
            case.rule
        );
    }
}
