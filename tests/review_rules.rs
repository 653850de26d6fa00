//! Every review rule (and the structural rules the review issue lists)
//! fires on a small model built for it — with the element, part and message
//! asserted — and stays quiet on a near miss: the smallest change that makes
//! the design acceptable or puts it just outside the rule.
//!
//! All cases start from [`base`], a small design that is clean under every
//! rule, so a case's finding comes from its own change.

use archdesk::check::{self, Finding, RULES, Severity};
use archdesk::model::*;

fn container(id: &str, system: &str, name: &str, kind: ContainerKind, tech: &str) -> Container {
    let mut c = Container::new(id, system, name, kind);
    c.technology = tech.into();
    c
}

fn rel(id: &str, from: &str, to: &str, description: &str) -> Relationship {
    let mut r = Relationship::new(id, from, to);
    r.description = description.into();
    r
}

fn field(name: &str, ty: FieldType) -> Field {
    Field::new(name, ty)
}

/// An index of an entity. `model::Index` names the id lookup table, which
/// shadows the entity index type in the public API, so it is built through
/// serde here.
fn index<T: serde::de::DeserializeOwned>(
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

fn path_param(name: &str) -> Parameter {
    Parameter {
        name: name.into(),
        location: ParamLocation::Path,
        ty: FieldType::Uuid,
        required: true,
        description: String::new(),
    }
}

fn bearer() -> Vec<Requirement> {
    vec![Requirement {
        scheme: "bearer".into(),
        scopes: vec![],
    }]
}

fn ok(body: Option<Body>) -> Vec<Response> {
    vec![Response {
        status: 200,
        description: "OK.".into(),
        body,
    }]
}

/// A customer uses an API service that stores customers and orders in its
/// database and offers a versioned, secured, paginated API. Clean.
fn base() -> Document {
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

fn entity<'a>(d: &'a mut Document, id: &str) -> &'a mut Entity {
    d.entities
        .iter_mut()
        .find(|e| e.id == id)
        .expect("entity of the base model")
}

fn endpoint<'a>(d: &'a mut Document, op: &str) -> &'a mut Endpoint {
    d.apis[0]
        .endpoints
        .iter_mut()
        .find(|e| e.operation_id == op)
        .expect("endpoint of the base model")
}

fn container_mut<'a>(d: &'a mut Document, id: &str) -> &'a mut Container {
    d.containers
        .iter_mut()
        .find(|c| c.id == id)
        .expect("container of the base model")
}

fn relationship<'a>(d: &'a mut Document, id: &str) -> &'a mut Relationship {
    d.relationships
        .iter_mut()
        .find(|r| r.id == id)
        .expect("relationship of the base model")
}

fn add_endpoint(d: &mut Document, ep: Endpoint) {
    d.apis[0].endpoints.push(ep);
}

/// A topic, a second service that could consume, and one event type.
fn add_event(d: &mut Document, producers: &[&str], consumers: &[&str]) {
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
fn add_payment_call(d: &mut Document, technology: &str) {
    let mut psp = SoftwareSystem::new("psp", "Payment provider");
    psp.external = true;
    d.systems.push(psp);
    let mut r = rel("api-psp", "api", "psp", "Charges cards using");
    r.technology = technology.into();
    d.relationships.push(r);
}

/// A billing service that the API service calls, and that calls back.
fn add_billing(d: &mut Document, back: Interaction) {
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

fn add_views(d: &mut Document) {
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

fn accept(rule: &str, reason: &str) -> Accepted {
    Accepted {
        rule: rule.into(),
        reason: reason.into(),
    }
}

/// A change that makes `rule` fire once, with what the finding must say.
struct Fires {
    rule: &'static str,
    change: fn(&mut Document),
    element: &'static str,
    part: &'static str,
    message: &'static str,
}

/// A change that keeps the model just clear of `rule`.
struct Misses {
    rule: &'static str,
    why: &'static str,
    change: fn(&mut Document),
}

fn firing() -> Vec<Fires> {
    vec![
        // ---- data ----
        Fires {
            rule: "data/no-primary-key",
            change: |d| entity(d, "orders").primary_key.clear(),
            element: "orders",
            part: "",
            message: "Entity “orders” has no primary key.",
        },
        Fires {
            rule: "data/fk-type-mismatch",
            change: |d| entity(d, "orders").fields[1].ty = FieldType::BigInt,
            element: "orders",
            part: "customer_id",
            message: "Column “orders.customer_id” is bigint but references “customers.id”, which is uuid.",
        },
        Fires {
            rule: "data/fk-without-index",
            change: |d| entity(d, "orders").indexes.clear(),
            element: "orders",
            part: "customer_id",
            message: "The foreign key (customer_id) of “orders” has no index that starts with its columns.",
        },
        Fires {
            rule: "data/fk-without-index",
            change: |d| {
                // A partial index does not serve every row of the join.
                entity(d, "orders").indexes[0].predicate = Some("customer_id IS NOT NULL".into());
            },
            element: "orders",
            part: "customer_id",
            message: "The foreign key (customer_id) of “orders” has no index that starts with its columns.",
        },
        Fires {
            rule: "data/plaintext-secret",
            change: |d| {
                let mut f = field("password", FieldType::Varchar(100));
                f.sensitivity = Sensitivity::Secret;
                entity(d, "customers").fields.push(f);
            },
            element: "customers",
            part: "password",
            message: "Field “customers.password” is marked secret but is stored in plain text.",
        },
        Fires {
            rule: "data/plaintext-secret",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("refresh_token", FieldType::Text));
            },
            element: "customers",
            part: "refresh_token",
            message: "Field “customers.refresh_token” looks like a token and is stored in plain text.",
        },
        Fires {
            rule: "data/personal-without-retention",
            change: |d| entity(d, "customers").retention.clear(),
            element: "customers",
            part: "",
            message: "Entity “customers” holds personal data (email) but has no retention note.",
        },
        Fires {
            rule: "data/unmarked-personal",
            change: |d| entity(d, "customers").fields[1].sensitivity = Sensitivity::None,
            element: "customers",
            part: "email",
            message: "Field “customers.email” looks like an e-mail address but is not marked as personal data.",
        },
        Fires {
            rule: "data/tenant-leak",
            change: |d| {
                let c = entity(d, "customers");
                c.fields.push(field("tenant_id", FieldType::Uuid));
                c.tenant_column = Some("tenant_id".into());
            },
            element: "orders",
            part: "customer_id",
            message: "Entity “orders” references “customers”, which is scoped by tenant (tenant_id), but is not tenant-scoped itself.",
        },
        Fires {
            rule: "data/nullable-unique",
            change: |d| {
                let o = entity(d, "orders");
                let mut f = field("external_ref", FieldType::Varchar(50));
                f.nullable = true;
                o.fields.push(f);
                o.unique.push(UniqueKey {
                    name: None,
                    columns: vec!["customer_id".into(), "external_ref".into()],
                });
            },
            element: "orders",
            part: "customer_id,external_ref",
            message: "The unique key (customer_id, external_ref) of “orders” includes nullable “external_ref”: rows where it is NULL are never duplicates.",
        },
        // ---- api ----
        Fires {
            rule: "api/unversioned",
            change: |d| d.apis[0].version.clear(),
            element: "shop-api",
            part: "",
            message: "API “Shop API” has no version.",
        },
        Fires {
            rule: "api/unpaginated-list",
            change: |d| endpoint(d, "listOrders").paginated = false,
            element: "shop-api",
            part: "listOrders",
            message: "GET /orders (listOrders) returns a list without pagination.",
        },
        Fires {
            rule: "api/no-security",
            change: |d| endpoint(d, "getOrder").security.clear(),
            element: "shop-api",
            part: "getOrder",
            message: "GET /orders/{order_id} (getOrder) requires no security scheme and is not marked public.",
        },
        Fires {
            rule: "api/public-write",
            change: |d| {
                let mut ep = Endpoint::new(Method::Post, "/orders", "createOrder");
                ep.public = true;
                add_endpoint(d, ep);
            },
            element: "shop-api",
            part: "createOrder",
            message: "POST /orders (createOrder) is public: anyone can call it without signing in.",
        },
        Fires {
            rule: "api/body-on-get",
            change: |d| {
                let mut ep = Endpoint::new(Method::Delete, "/orders/{order_id}", "cancelOrder");
                ep.parameters.push(path_param("order_id"));
                ep.request = Some(Body::Fields(vec![field("reason", FieldType::Text)]));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
            element: "shop-api",
            part: "cancelOrder",
            message: "DELETE /orders/{order_id} (cancelOrder) has a request body.",
        },
        Fires {
            rule: "api/duplicate-route",
            change: |d| {
                let mut ep = Endpoint::new(Method::Get, "/orders/{id}", "getOrderById");
                ep.parameters.push(path_param("id"));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
            element: "shop-api",
            part: "getOrderById",
            message: "GET /orders/{id} of “Shop API” is declared twice.",
        },
        Fires {
            rule: "api/path-parameter",
            change: |d| endpoint(d, "getOrder").parameters.clear(),
            element: "shop-api",
            part: "getOrder",
            message: "The path of getOrder has {order_id}, but no path parameter “order_id” is declared.",
        },
        // ---- events ----
        Fires {
            rule: "event/no-consumers",
            change: |d| add_event(d, &["api"], &[]),
            element: "order-placed",
            part: "",
            message: "Event “OrderPlaced” on “Order events” is produced by “API service” but nothing consumes it.",
        },
        Fires {
            rule: "event/no-producers",
            change: |d| add_event(d, &[], &["mailer"]),
            element: "order-placed",
            part: "",
            message: "Event “OrderPlaced” on “Order events” is consumed by “Mailer” but nothing produces it.",
        },
        // ---- architecture ----
        Fires {
            rule: "arch/shared-database",
            change: |d| {
                d.containers.push(container(
                    "reports",
                    "shop",
                    "Reports",
                    ContainerKind::Service,
                    "Go",
                ));
                d.relationships.push(rel(
                    "reports-db",
                    "reports",
                    "db",
                    "Reads from and writes to",
                ));
            },
            element: "db",
            part: "",
            message: "Database “Shop database” is written to by 2 services: “API service”, “Reports”.",
        },
        Fires {
            rule: "arch/shared-database",
            change: |d| {
                // A component's relationship counts for its container.
                d.containers.push(container(
                    "reports",
                    "shop",
                    "Reports",
                    ContainerKind::Service,
                    "Go",
                ));
                d.components
                    .push(Component::new("exporter", "reports", "Exporter"));
                d.relationships.push(rel(
                    "exporter-db",
                    "exporter",
                    "db",
                    "Stores export jobs in",
                ));
            },
            element: "db",
            part: "",
            message: "Database “Shop database” is written to by 2 services: “API service”, “Reports”.",
        },
        Fires {
            rule: "arch/sync-cycle",
            change: |d| add_billing(d, Interaction::Sync),
            element: "api",
            part: "",
            message: "2 containers call each other synchronously in a cycle: API service → Billing → API service.",
        },
        Fires {
            rule: "arch/sync-external",
            change: |d| add_payment_call(d, "HTTPS/JSON"),
            element: "api-psp",
            part: "",
            message: "“API service” calls the external “Payment provider” synchronously while its own callers wait, and no timeout is noted.",
        },
        Fires {
            rule: "arch/no-technology",
            change: |d| container_mut(d, "api").technology.clear(),
            element: "api",
            part: "",
            message: "Container “API service” has no technology.",
        },
        Fires {
            rule: "arch/no-description",
            change: |d| relationship(d, "api-db").description.clear(),
            element: "api-db",
            part: "",
            message: "The relationship from “API service” to “Shop database” has no description.",
        },
        Fires {
            rule: "arch/not-in-view",
            change: add_views,
            element: "repository",
            part: "",
            message: "Component “Repository” appears in no view.",
        },
        // ---- review settings and accepted marks ----
        Fires {
            rule: "review/unknown-rule",
            change: |d| {
                d.review
                    .rules
                    .insert("data/no-such-rule".into(), RuleSetting::Off);
            },
            element: "",
            part: "data/no-such-rule",
            message: "The review settings name “data/no-such-rule”, which is not a rule of this version.",
        },
        Fires {
            rule: "review/unknown-rule",
            change: |d| {
                container_mut(d, "api")
                    .accepted
                    .push(accept("arch/no-such-rule", "Because."));
            },
            element: "api",
            part: "",
            message: "“API service” accepts “arch/no-such-rule”, which is not a rule of this version.",
        },
        Fires {
            rule: "review/not-tunable",
            change: |d| {
                d.review
                    .rules
                    .insert("data/no-primary-key".into(), RuleSetting::Off);
            },
            element: "",
            part: "data/no-primary-key",
            message: "The review settings set structural rule “data/no-primary-key” to off, which has no effect: it stays an error.",
        },
        Fires {
            rule: "review/not-tunable",
            change: |d| {
                entity(d, "orders").primary_key.clear();
                entity(d, "orders")
                    .accepted
                    .push(accept("data/no-primary-key", "Append-only log."));
            },
            element: "orders",
            part: "",
            message: "“orders” accepts structural rule “data/no-primary-key”, which cannot be accepted: it stays an error.",
        },
        Fires {
            rule: "review/no-reason",
            change: |d| {
                relationship(d, "api-db").description.clear();
                relationship(d, "api-db")
                    .accepted
                    .push(accept("arch/no-description", "  "));
            },
            element: "api-db",
            part: "",
            message: "“api-db” accepts “arch/no-description” without a reason.",
        },
        Fires {
            rule: "review/unused-acceptance",
            change: |d| {
                container_mut(d, "db")
                    .accepted
                    .push(accept("arch/shared-database", "Reports read it."));
            },
            element: "db",
            part: "",
            message: "“Shop database” accepts “arch/shared-database”, which finds nothing there.",
        },
    ]
}

fn near_misses() -> Vec<Misses> {
    vec![
        Misses {
            rule: "data/no-primary-key",
            why: "a composite primary key is a primary key",
            change: |d| entity(d, "orders").primary_key = vec!["id".into(), "customer_id".into()],
        },
        Misses {
            rule: "data/fk-type-mismatch",
            why: "both columns changed to the same type",
            change: |d| {
                entity(d, "orders").fields[1].ty = FieldType::BigInt;
                entity(d, "customers").fields[0].ty = FieldType::BigInt;
            },
        },
        Misses {
            rule: "data/fk-type-mismatch",
            why: "varchar and text are the same logical type",
            change: |d| {
                entity(d, "orders").fields[1].ty = FieldType::Text;
                entity(d, "customers").fields[0].ty = FieldType::Varchar(36);
            },
        },
        Misses {
            rule: "data/fk-without-index",
            why: "a composite index that starts with the foreign key column covers it",
            change: |d| {
                entity(d, "orders").indexes[0].columns = vec!["customer_id".into(), "id".into()];
            },
        },
        Misses {
            rule: "data/fk-without-index",
            why: "a primary key that starts with the column covers it",
            change: |d| {
                let o = entity(d, "orders");
                o.indexes.clear();
                o.primary_key = vec!["customer_id".into(), "id".into()];
            },
        },
        Misses {
            rule: "data/plaintext-secret",
            why: "the secret is hashed",
            change: |d| {
                let mut f = field("password", FieldType::Varchar(100));
                f.sensitivity = Sensitivity::Secret;
                f.protection = Protection::Hashed;
                entity(d, "customers").fields.push(f);
            },
        },
        Misses {
            rule: "data/plaintext-secret",
            why: "a hash, an expiry time and a flag are not the secret itself",
            change: |d| {
                let c = entity(d, "customers");
                c.fields.push(field("password_hash", FieldType::Text));
                c.fields
                    .push(field("token_expires_at", FieldType::TimestampTz));
                c.fields
                    .push(field("password_reset_required", FieldType::Bool));
            },
        },
        Misses {
            rule: "data/personal-without-retention",
            why: "an entity without personal data needs no retention note",
            change: |d| {
                let c = entity(d, "customers");
                c.retention.clear();
                c.fields[1] = field("nickname", FieldType::Varchar(50));
            },
        },
        Misses {
            rule: "data/unmarked-personal",
            why: "a timestamp about the e-mail is not the e-mail",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("email_verified_at", FieldType::TimestampTz));
            },
        },
        Misses {
            rule: "data/tenant-leak",
            why: "the referencing entity is tenant-scoped too",
            change: |d| {
                for id in ["customers", "orders"] {
                    let e = entity(d, id);
                    e.fields.push(field("tenant_id", FieldType::Uuid));
                    e.tenant_column = Some("tenant_id".into());
                }
            },
        },
        Misses {
            rule: "data/nullable-unique",
            why: "a single nullable unique column means unique when present",
            change: |d| {
                let mut f = field("external_ref", FieldType::Varchar(50));
                f.nullable = true;
                f.unique = true;
                entity(d, "orders").fields.push(f);
            },
        },
        Misses {
            rule: "data/nullable-unique",
            why: "a partial unique index over the non-null rows holds",
            change: |d| {
                let o = entity(d, "orders");
                let mut f = field("external_ref", FieldType::Varchar(50));
                f.nullable = true;
                o.fields.push(f);
                o.indexes.push(index(
                    &["customer_id", "external_ref"],
                    true,
                    Some("external_ref IS NOT NULL"),
                ));
            },
        },
        Misses {
            rule: "api/unversioned",
            why: "any version will do",
            change: |d| d.apis[0].version = "0.1.0".into(),
        },
        Misses {
            rule: "api/unpaginated-list",
            why: "a POST that answers with a list is not a list endpoint",
            change: |d| {
                let mut ep = Endpoint::new(Method::Post, "/orders/bulk", "createOrders");
                ep.responses = ok(Some(Body::List {
                    entity: "orders".into(),
                }));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
        },
        Misses {
            rule: "api/no-security",
            why: "marked public on purpose",
            change: |d| {
                let ep = endpoint(d, "getOrder");
                ep.security.clear();
                ep.public = true;
            },
        },
        Misses {
            rule: "api/public-write",
            why: "a public GET changes nothing",
            change: |d| {
                let ep = endpoint(d, "getOrder");
                ep.security.clear();
                ep.public = true;
            },
        },
        Misses {
            rule: "api/body-on-get",
            why: "POST may carry a body",
            change: |d| {
                let mut ep =
                    Endpoint::new(Method::Post, "/orders/{order_id}/cancel", "cancelOrder");
                ep.parameters.push(path_param("order_id"));
                ep.request = Some(Body::Fields(vec![field("reason", FieldType::Text)]));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
        },
        Misses {
            rule: "api/duplicate-route",
            why: "same path, another method",
            change: |d| {
                let mut ep = Endpoint::new(Method::Put, "/orders/{order_id}", "replaceOrder");
                ep.parameters.push(path_param("order_id"));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
        },
        Misses {
            rule: "api/path-parameter",
            why: "the placeholder is declared, beside a query parameter",
            change: |d| {
                endpoint(d, "getOrder").parameters.push(Parameter {
                    name: "expand".into(),
                    location: ParamLocation::Query,
                    ty: FieldType::Text,
                    required: false,
                    description: String::new(),
                });
            },
        },
        Misses {
            rule: "event/no-consumers",
            why: "produced and consumed",
            change: |d| add_event(d, &["api"], &["mailer"]),
        },
        Misses {
            rule: "event/no-producers",
            why: "produced and consumed",
            change: |d| add_event(d, &["api"], &["mailer"]),
        },
        Misses {
            rule: "arch/shared-database",
            why: "the second service only reads",
            change: |d| {
                d.containers.push(container(
                    "reports",
                    "shop",
                    "Reports",
                    ContainerKind::Service,
                    "Go",
                ));
                d.relationships.push(rel(
                    "reports-db",
                    "reports",
                    "db",
                    "Reads orders from (read replica)",
                ));
            },
        },
        Misses {
            rule: "arch/shared-database",
            why: "two components of one service are one owner",
            change: |d| {
                d.components
                    .push(Component::new("repo", "api", "Repository"));
                d.components
                    .push(Component::new("relay", "api", "Outbox relay"));
                d.relationships
                    .push(rel("repo-db", "repo", "db", "Reads from and writes to"));
                d.relationships
                    .push(rel("relay-db", "relay", "db", "Updates the outbox in"));
            },
        },
        Misses {
            rule: "arch/sync-cycle",
            why: "the way back is asynchronous",
            change: |d| add_billing(d, Interaction::Async),
        },
        Misses {
            rule: "arch/sync-cycle",
            why: "components calling each other inside one container",
            change: |d| {
                d.components.push(Component::new("a", "api", "A"));
                d.components.push(Component::new("b", "api", "B"));
                d.relationships.push(rel("a-b", "a", "b", "Uses"));
                d.relationships.push(rel("b-a", "b", "a", "Uses"));
            },
        },
        Misses {
            rule: "arch/sync-external",
            why: "the timeout is noted",
            change: |d| add_payment_call(d, "HTTPS/JSON, 5 s timeout"),
        },
        Misses {
            rule: "arch/sync-external",
            why: "nobody waits on the caller synchronously",
            change: |d| {
                add_payment_call(d, "HTTPS/JSON");
                relationship(d, "customer-api").interaction = Interaction::Async;
            },
        },
        Misses {
            rule: "arch/sync-external",
            why: "there is an asynchronous way to the same system",
            change: |d| {
                add_payment_call(d, "HTTPS/JSON");
                let mut r = rel("api-psp-events", "api", "psp", "Sends payouts through");
                r.interaction = Interaction::Async;
                d.relationships.push(r);
            },
        },
        Misses {
            rule: "arch/no-technology",
            why: "containers of external systems are not ours to describe",
            change: |d| {
                let mut psp = SoftwareSystem::new("psp", "Payment provider");
                psp.external = true;
                d.systems.push(psp);
                d.containers.push(Container::new(
                    "psp-api",
                    "psp",
                    "Payments API",
                    ContainerKind::Service,
                ));
            },
        },
        Misses {
            rule: "arch/no-description",
            why: "a description without a technology is enough",
            change: |d| relationship(d, "api-db").technology.clear(),
        },
        Misses {
            rule: "arch/not-in-view",
            why: "the container's components view shows the component",
            change: |d| {
                add_views(d);
                d.views.push(View::new(
                    "api-components",
                    ViewKind::Components {
                        container: "api".into(),
                    },
                ));
            },
        },
        Misses {
            rule: "arch/not-in-view",
            why: "a model with no views yet",
            change: |d| {
                d.components
                    .push(Component::new("repository", "api", "Repository"));
            },
        },
        Misses {
            rule: "review/unknown-rule",
            why: "settings and marks that name real rules",
            change: |d| {
                d.review
                    .rules
                    .insert("arch/not-in-view".into(), RuleSetting::Off);
                container_mut(d, "api").technology.clear();
                container_mut(d, "api")
                    .accepted
                    .push(accept("arch/no-technology", "Being chosen."));
            },
        },
        Misses {
            rule: "review/not-tunable",
            why: "setting a structural rule to error changes nothing and is allowed",
            change: |d| {
                d.review
                    .rules
                    .insert("data/no-primary-key".into(), RuleSetting::Error);
            },
        },
        Misses {
            rule: "review/no-reason",
            why: "the mark has a reason",
            change: |d| {
                relationship(d, "api-db").description.clear();
                relationship(d, "api-db")
                    .accepted
                    .push(accept("arch/no-description", "Obvious from the arrow."));
            },
        },
        Misses {
            rule: "review/unused-acceptance",
            why: "the mark suppresses a finding",
            change: |d| {
                container_mut(d, "api").technology.clear();
                container_mut(d, "api")
                    .accepted
                    .push(accept("arch/no-technology", "Being chosen."));
            },
        },
        Misses {
            rule: "review/unused-acceptance",
            why: "the rule is off for the model, so the mark has nothing to do",
            change: |d| {
                d.review
                    .rules
                    .insert("arch/no-technology".into(), RuleSetting::Off);
                container_mut(d, "api")
                    .accepted
                    .push(accept("arch/no-technology", "Being chosen."));
            },
        },
    ]
}

fn of_rule<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

#[test]
fn the_base_model_is_clean() {
    let findings = check::check(&base());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn each_rule_fires_on_its_model_with_element_and_message() {
    for case in firing() {
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

#[test]
fn each_rule_stays_quiet_on_its_near_miss() {
    for case in near_misses() {
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

/// The structural rules the review issue names; the other structural rules
/// predate it.
const ISSUE_STRUCTURAL: [&str; 4] = [
    "data/no-primary-key",
    "data/fk-type-mismatch",
    "api/duplicate-route",
    "api/path-parameter",
];

#[test]
fn every_review_rule_has_a_firing_case_and_a_near_miss() {
    let fires: Vec<&str> = firing().iter().map(|c| c.rule).collect();
    let misses: Vec<&str> = near_misses().iter().map(|c| c.rule).collect();
    for r in RULES {
        if r.is_structural() && !ISSUE_STRUCTURAL.contains(&r.id) {
            continue;
        }
        assert!(fires.contains(&r.id), "{} has no firing case", r.id);
        assert!(misses.contains(&r.id), "{} has no near miss", r.id);
    }
    for id in fires.iter().chain(&misses) {
        assert!(check::rule(id).is_some(), "{id} is not a registered rule");
    }
}

#[test]
fn review_rules_are_never_errors_by_default() {
    for case in firing() {
        let rule = check::rule(case.rule).expect("registered");
        if !ISSUE_STRUCTURAL.contains(&rule.id) {
            assert_ne!(rule.severity, Severity::Error, "{}", rule.id);
        }
    }
}

#[test]
fn a_sync_cycle_is_reported_once_with_its_shortest_path_from_its_first_container() {
    let mut d = base();
    for (id, name) in [("b-svc", "B"), ("c-svc", "C"), ("d-svc", "D")] {
        d.containers
            .push(container(id, "shop", name, ContainerKind::Service, "Go"));
    }
    // api → b → c → api, and a longer way round through d: one cycle
    // component, reported once, along the shortest path from "api".
    d.relationships.push(rel("api-b", "api", "b-svc", "Uses"));
    d.relationships.push(rel("b-c", "b-svc", "c-svc", "Uses"));
    d.relationships.push(rel("c-api", "c-svc", "api", "Uses"));
    d.relationships.push(rel("b-d", "b-svc", "d-svc", "Uses"));
    d.relationships.push(rel("d-c", "d-svc", "c-svc", "Uses"));
    let findings = check::check(&d);
    let cycles = of_rule(&findings, "arch/sync-cycle");
    assert_eq!(cycles.len(), 1, "{findings:#?}");
    assert_eq!(
        cycles[0].message,
        "3 containers call each other synchronously in a cycle: API service → B → C → API service."
    );
    assert_eq!(cycles[0].element, "api");
}

#[test]
fn findings_carry_the_elements_path() {
    let mut d = base();
    entity(&mut d, "orders").indexes.clear();
    endpoint(&mut d, "listOrders").paginated = false;
    relationship(&mut d, "api-db").description.clear();
    let findings = check::check(&d);
    let path = |rule: &str| of_rule(&findings, rule)[0].path.clone();
    assert_eq!(
        path("data/fk-without-index"),
        "Shop › Shop database › orders.customer_id"
    );
    assert_eq!(
        path("api/unpaginated-list"),
        "Shop › API service › Shop API › GET /orders"
    );
    assert_eq!(
        path("arch/no-description"),
        "Shop › API service → Shop database"
    );
}
