//! Realistic large models, made up deterministically from a seed: for
//! benchmarks, scale tests and trying the editor on a big file.
//!
//! [`model`] builds a whole architecture of a given number of elements
//! (people, software systems, containers, components and entities): internal
//! systems of services, each service with its database of 5–30-field
//! entities and foreign keys, its API of CRUD endpoints, components, topics
//! with event types, calls between services, caches, web and mobile apps,
//! external systems, and the views an architect would draw (landscape,
//! context and containers per system, components per service, entities per
//! database), laid out and saved. Every model it makes loads back
//! ([`crate::store::parse`]) and has no errors ([`crate::check::check`]).
//!
//! [`single_view`] builds a model whose one view shows a given number of
//! elements with 1.5 times as many arrows, every element placed: what the
//! canvas benchmark paints. [`graph`] is a bare directed graph with box
//! sizes and a few cycles, for comparing layered layouts.
//!
//! Same seed and size, same model, byte for byte. No I/O and no clock here;
//! the pseudo-random numbers come from SplitMix64, so no dependency decides
//! what a seed means.

use std::collections::{BTreeMap, HashSet};

use crate::diagram::{self, Size, ViewContents};
use crate::model::{
    Api, Body, Check, Component, Container, ContainerKind, DefaultValue, Document, Endpoint,
    Entity, EnumType, EventType, Field, FieldType, FkAction, ForeignKey, Id, Interaction, Method,
    ParamLocation, Parameter, Person, Point, Protection, Relationship, Requirement, Response,
    SchemeKind, Scope, SecurityScheme, Sensitivity, Shape, SoftwareSystem, TableIndex, View,
    ViewKind,
};

/// A small, fast, well-mixed pseudo-random generator (SplitMix64).
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed ^ 0x5DEE_CE66_D1A4_F87B)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `total` split into `parts` counts of at least `min` each (when
    /// `total` allows), unevenly, as real systems are.
    fn split(&mut self, total: usize, parts: usize, min: usize) -> Vec<usize> {
        if parts == 0 {
            return Vec::new();
        }
        let min = if total >= parts * min { min } else { 0 };
        let mut counts = vec![min; parts];
        let weights: Vec<u64> = (0..parts).map(|_| 1 + self.next() % 4).collect();
        let sum: u64 = weights.iter().sum();
        let mut cumulative = Vec::with_capacity(parts);
        let mut acc = 0;
        for w in &weights {
            acc += w;
            cumulative.push(acc);
        }
        for _ in 0..total - min * parts {
            let x = self.next() % sum;
            let i = cumulative.partition_point(|&c| c <= x);
            counts[i.min(parts - 1)] += 1;
        }
        counts
    }
}

/// How many of each thing [`model_with`] makes.
///
/// Elements are what views draw as boxes: people, software systems
/// (internal and external), containers (services, databases, web and mobile
/// apps, caches, topics) and components, plus entities. Relationships,
/// endpoints and event types come on top.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spec {
    pub people: usize,
    /// Internal software systems; each gets services, and some a web or
    /// mobile app, a cache and a topic.
    pub systems: usize,
    pub external_systems: usize,
    /// Service containers, spread over the internal systems; each offers an API.
    pub services: usize,
    /// Database containers, each owned (read and written) by one service.
    pub databases: usize,
    /// Entities (tables), spread over the databases.
    pub tables: usize,
    /// Web and mobile apps, at most one per system.
    pub frontends: usize,
    /// Caches, at most one per system.
    pub caches: usize,
    /// Topics, at most one per system.
    pub topics: usize,
    /// Components, spread over the services.
    pub components: usize,
    /// API endpoints, spread over the services' APIs.
    pub endpoints: usize,
    /// Event types, spread over the topics.
    pub events: usize,
    /// Lay out every view and save the positions, as Auto-arrange would.
    pub positions: bool,
}

impl Spec {
    /// The mix of a model of about `elements` elements (exactly that many
    /// from 100 on): for 1,000, 5 people, 20 internal and 6 external
    /// systems, 83 services with 66 databases of 650 tables in all, 120
    /// components, 20 topics, about 650 endpoints and 60 event types.
    pub fn elements(elements: usize) -> Self {
        let n = elements;
        let systems = (n / 50).max(1);
        let services = (n / 12).max(1);
        let mut spec = Self {
            people: (n / 200).clamp(2, 40),
            systems,
            external_systems: (n / 150).clamp(1, 60),
            services,
            databases: (services * 4 / 5).max(1),
            tables: 0,
            frontends: systems,
            caches: systems / 2,
            topics: systems,
            components: n * 12 / 100,
            endpoints: 0,
            events: systems * 3,
            positions: true,
        };
        spec.tables = n.saturating_sub(spec.element_count()).max(spec.databases);
        spec.endpoints = spec.tables;
        spec
    }

    /// People, systems, containers, components and entities together.
    pub fn element_count(&self) -> usize {
        self.people
            + self.systems
            + self.external_systems
            + self.services
            + self.databases
            + self.frontends
            + self.caches
            + self.topics
            + self.components
            + self.tables
    }
}

/// The number of elements a document holds, counted as [`Spec`] counts
/// them: people, software systems, containers, components and entities.
pub fn element_count(doc: &Document) -> usize {
    doc.people.len()
        + doc.systems.len()
        + doc.containers.len()
        + doc.components.len()
        + doc.entities.len()
}

/// A model of `elements` elements in the mix of [`Spec::elements`].
pub fn model(seed: u64, elements: usize) -> Document {
    model_with(seed, &Spec::elements(elements))
}

// Words the models are made of.

const AREAS: &[&str] = &[
    "Commerce",
    "Fulfilment",
    "Finance",
    "Customer care",
    "Identity",
    "Analytics",
    "Logistics",
    "Marketing",
    "Partner",
    "Content",
    "Payments",
    "Supply",
    "Risk",
    "Workforce",
    "Billing",
    "Travel",
];

const DOMAINS: &[&str] = &[
    "Catalog",
    "Order",
    "Payment",
    "Shipping",
    "Inventory",
    "Billing",
    "Account",
    "Notification",
    "Search",
    "Review",
    "Pricing",
    "Loyalty",
    "Returns",
    "Fraud",
    "Profile",
    "Reporting",
    "Recommendation",
    "Checkout",
    "Cart",
    "Subscription",
    "Support",
    "Scheduling",
    "Fleet",
    "Telemetry",
    "Ledger",
    "Settlement",
    "Onboarding",
    "Document",
    "Media",
    "Audit",
    "Campaign",
    "Tax",
    "Warehouse",
    "Procurement",
    "Contract",
    "Routing",
    "Booking",
    "Forecast",
    "Consent",
    "Payout",
];

const NOUNS: &[(&str, &str)] = &[
    ("order", "orders"),
    ("order_line", "order_lines"),
    ("customer", "customers"),
    ("product", "products"),
    ("category", "categories"),
    ("invoice", "invoices"),
    ("payment", "payments"),
    ("refund", "refunds"),
    ("shipment", "shipments"),
    ("parcel", "parcels"),
    ("warehouse", "warehouses"),
    ("stock_item", "stock_items"),
    ("supplier", "suppliers"),
    ("purchase_order", "purchase_orders"),
    ("cart", "carts"),
    ("cart_item", "cart_items"),
    ("coupon", "coupons"),
    ("promotion", "promotions"),
    ("price_list", "price_lists"),
    ("review", "reviews"),
    ("account", "accounts"),
    ("subscription", "subscriptions"),
    ("plan", "plans"),
    ("ticket", "tickets"),
    ("comment", "comments"),
    ("message", "messages"),
    ("notification", "notifications"),
    ("template", "templates"),
    ("attachment", "attachments"),
    ("report", "reports"),
    ("schedule", "schedules"),
    ("booking", "bookings"),
    ("reservation", "reservations"),
    ("vehicle", "vehicles"),
    ("device", "devices"),
    ("sensor", "sensors"),
    ("reading", "readings"),
    ("alert", "alerts"),
    ("incident", "incidents"),
    ("task", "tasks"),
    ("project", "projects"),
    ("team", "teams"),
    ("member", "members"),
    ("role", "roles"),
    ("permission", "permissions"),
    ("audit_entry", "audit_entries"),
    ("webhook", "webhooks"),
    ("delivery", "deliveries"),
    ("batch", "batches"),
    ("job", "jobs"),
    ("contract", "contracts"),
    ("quote", "quotes"),
    ("lead", "leads"),
    ("campaign", "campaigns"),
    ("segment", "segments"),
    ("experiment", "experiments"),
    ("ledger_entry", "ledger_entries"),
    ("transfer", "transfers"),
    ("wallet", "wallets"),
    ("store", "stores"),
    ("region", "regions"),
    ("carrier", "carriers"),
];

const EXTERNALS: &[(&str, &str)] = &[
    (
        "Payment provider",
        "Authorizes and captures card payments (Stripe).",
    ),
    (
        "E-mail provider",
        "Delivers transactional e-mail (SendGrid).",
    ),
    ("SMS gateway", "Sends text messages to phones (Twilio)."),
    ("Tax engine", "Computes sales tax and VAT per jurisdiction."),
    (
        "Shipping carrier",
        "Collects and delivers parcels; tracks them.",
    ),
    ("Identity provider", "Signs people in with OpenID Connect."),
    ("Maps service", "Geocodes addresses and computes routes."),
    ("CRM", "Keeps the sales team's view of customers."),
    ("ERP", "Runs the books, purchasing and payroll."),
    (
        "Fraud scoring",
        "Scores transactions for the risk of fraud.",
    ),
];

const PEOPLE: &[(&str, &str, bool)] = &[
    ("Customer", "Buys and manages what the company sells.", true),
    (
        "Administrator",
        "Configures the platform and manages staff access.",
        false,
    ),
    (
        "Support agent",
        "Answers customers and fixes their problems.",
        false,
    ),
    (
        "Warehouse operator",
        "Picks, packs and ships orders.",
        false,
    ),
    (
        "Finance clerk",
        "Reconciles payments, invoices and payouts.",
        false,
    ),
    (
        "Partner",
        "Sells through the platform and follows their sales.",
        true,
    ),
    (
        "Data analyst",
        "Builds reports and dashboards from the data.",
        false,
    ),
    ("Driver", "Delivers parcels and confirms delivery.", true),
];

const COMPONENT_ROLES: &[(&str, &str)] = &[
    (
        "API handlers",
        "Parse requests, check access and call the domain logic.",
    ),
    ("Domain logic", "Applies the business rules."),
    (
        "Event publisher",
        "Publishes domain events after each committed change.",
    ),
    ("Scheduler", "Runs the periodic jobs."),
    ("Validator", "Checks input against the rules of the domain."),
    ("Repository", "Reads and writes the service's tables."),
];

const EVENT_VERBS: &[&str] = &[
    "Created",
    "Updated",
    "Cancelled",
    "Approved",
    "Rejected",
    "Completed",
    "Archived",
    "Expired",
    "Assigned",
    "Shipped",
];

const ACTIONS: &[&str] = &[
    "archive", "restore", "approve", "reject", "export", "assign", "close", "reopen",
];

/// Enums every database may use: (id, SQL name, values).
const ENUMS: &[(&str, &str, &[&str])] = &[
    (
        "record-status",
        "record_status",
        &["active", "inactive", "pending", "archived"],
    ),
    ("tier", "tier", &["standard", "premium", "internal"]),
    ("priority", "priority", &["low", "normal", "high", "urgent"]),
];

/// Ordinary columns: (name, type, nullable, default).
fn column_vocabulary() -> Vec<(&'static str, FieldType, bool, Option<DefaultValue>)> {
    use FieldType as T;
    let v = |s: &str| Some(DefaultValue::Value(s.to_owned()));
    vec![
        ("name", T::Varchar(200), false, None),
        ("title", T::Varchar(200), false, None),
        ("description", T::Text, true, None),
        (
            "status",
            T::Enum("record-status".into()),
            false,
            v("active"),
        ),
        ("quantity", T::Int, false, v("0")),
        ("amount", T::Decimal(12, 2), false, v("0.00")),
        ("currency", T::Varchar(3), false, v("EUR")),
        ("unit_price", T::Decimal(12, 2), true, None),
        ("total", T::Decimal(14, 2), false, v("0.00")),
        ("code", T::Varchar(40), false, None),
        ("is_active", T::Bool, false, v("true")),
        ("notes", T::Text, true, None),
        ("metadata", T::Json, true, None),
        ("position", T::Int, false, v("0")),
        ("weight_grams", T::Int, true, None),
        ("starts_on", T::Date, true, None),
        ("ends_on", T::Date, true, None),
        ("expires_at", T::TimestampTz, true, None),
        ("score", T::Double, true, None),
        ("rating", T::SmallInt, true, None),
        ("external_ref", T::Varchar(100), true, None),
        ("version", T::Int, false, v("1")),
        ("locale", T::Varchar(10), false, v("en")),
        ("country_code", T::Varchar(2), true, None),
        ("priority", T::Enum("priority".into()), false, v("normal")),
        ("payload", T::Json, true, None),
        ("checksum", T::Varchar(64), true, None),
        ("url", T::Text, true, None),
        ("attempts", T::Int, false, v("0")),
        ("deleted_at", T::TimestampTz, true, None),
        ("archived", T::Bool, false, v("false")),
        ("sort_order", T::Int, false, v("0")),
        ("color", T::Varchar(7), true, None),
        ("duration_seconds", T::Int, true, None),
        ("source", T::Varchar(40), false, v("web")),
        ("category_label", T::Varchar(80), true, None),
        ("tier", T::Enum("tier".into()), false, v("standard")),
        ("unit", T::Varchar(16), true, None),
        ("discount_percent", T::Decimal(5, 2), true, None),
        ("tax_rate", T::Decimal(5, 4), false, v("0.2000")),
        ("latitude", T::Double, true, None),
        ("longitude", T::Double, true, None),
        ("labels", T::Array(Box::new(T::Text)), true, None),
        ("processed_at", T::TimestampTz, true, None),
        ("reference_date", T::Date, true, None),
    ]
}

/// `order_lines` → `OrderLines`.
fn pascal(snake: &str) -> String {
    snake
        .split(['_', '-', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The singular of a table name the generator made: `order_lines` →
/// `order_line`, `categories_2` → `category_2`.
fn singular_of(table: &str) -> String {
    let (base, suffix) = match table.rsplit_once('_') {
        Some((b, n)) if n.bytes().all(|c| c.is_ascii_digit()) => (b, format!("_{n}")),
        _ => (table, String::new()),
    };
    let singular = NOUNS.iter().find(|(_, p)| *p == base).map_or_else(
        || base.trim_end_matches('s').to_owned(),
        |(s, _)| (*s).to_owned(),
    );
    singular + &suffix
}

/// `Customer care` → `customer-care`.
fn slug(name: &str) -> String {
    crate::model::slugify(name)
}

/// Hands out ids and names, numbering repeats: `order-service`,
/// `order-service-2`, …
#[derive(Default)]
struct Names {
    taken: HashSet<String>,
}

impl Names {
    /// A free id made from `base`, and the number it got (1 for none).
    fn id(&mut self, base: &str) -> (Id, usize) {
        let base = slug(base);
        let mut n = 1;
        loop {
            let id = if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            };
            if self.taken.insert(id.clone()) {
                return (id, n);
            }
            n += 1;
        }
    }
}

/// `name` or `name 2`, matching the number of the id.
fn numbered(name: &str, n: usize) -> String {
    if n == 1 {
        name.to_owned()
    } else {
        format!("{name} {n}")
    }
}

/// One service as the generator tracks it.
struct Service {
    id: Id,
    domain: String,
    system: usize,
    database: Option<Id>,
    /// Entities of its database, in order.
    entities: Vec<usize>,
    components: Vec<Id>,
}

/// The model of `spec`; see the module documentation.
pub fn model_with(seed: u64, spec: &Spec) -> Document {
    let mut rng = Rng::new(seed);
    let mut names = Names::default();
    let mut doc = Document::new("Generated platform");
    doc.description = format!(
        "A made-up platform of {} elements, generated from seed {seed} for benchmarks.",
        spec.element_count()
    );
    let mut rel = Relationships::default();

    for i in 0..spec.people {
        let (name, description, external) = PEOPLE[i % PEOPLE.len()];
        let (id, n) = names.id(name);
        let mut p = Person::new(id, numbered(name, n));
        p.description = description.to_owned();
        p.external = external;
        doc.people.push(p);
    }
    let systems = spec.systems.max(1);
    for i in 0..systems {
        let area = AREAS[i % AREAS.len()];
        let (id, n) = names.id(area);
        let mut s = SoftwareSystem::new(id, numbered(area, n));
        s.description = format!(
            "Runs {} for the business: its services, data and events.",
            area.to_lowercase()
        );
        doc.systems.push(s);
    }
    let mut externals = Vec::new();
    for i in 0..spec.external_systems {
        let (name, description) = EXTERNALS[i % EXTERNALS.len()];
        let (id, n) = names.id(name);
        let mut s = SoftwareSystem::new(id.clone(), numbered(name, n));
        s.description = description.to_owned();
        s.external = true;
        doc.systems.push(s);
        externals.push(id);
    }
    for (id, name, values) in ENUMS {
        names.taken.insert((*id).to_owned());
        doc.enums.push(EnumType {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            comment: String::new(),
        });
    }

    // Containers: per system its services (with databases), then its app,
    // cache and topic.
    let services_per_system = rng.split(spec.services, systems, 1);
    let mut services: Vec<Service> = Vec::new();
    let mut frontends: Vec<Option<Id>> = vec![None; systems];
    let mut caches: Vec<Option<Id>> = vec![None; systems];
    let mut topics: Vec<(usize, Id)> = Vec::new();
    let spread = |count: usize, i: usize| i * count / systems != (i + 1) * count / systems;
    for (s, &count) in services_per_system.iter().enumerate() {
        let system_id = doc.systems[s].id.clone();
        let system_name = doc.systems[s].name.clone();
        for _ in 0..count {
            let index = services.len();
            let domain = DOMAINS[rng.below(DOMAINS.len())];
            let (id, n) = names.id(&format!("{domain} service"));
            let mut c = Container::new(
                id.clone(),
                system_id.clone(),
                numbered(&format!("{domain} service"), n),
                ContainerKind::Service,
            );
            c.technology = rng
                .pick(&[
                    "Rust, axum",
                    "Java, Spring Boot",
                    "Go",
                    "Kotlin, Ktor",
                    "Python, FastAPI",
                ])
                .to_string();
            c.description = format!("Owns {} data and its rules.", domain.to_lowercase());
            doc.containers.push(c);
            let has_db = index * spec.databases / spec.services.max(1)
                != (index + 1) * spec.databases / spec.services.max(1);
            let database = has_db.then(|| {
                let (db, _) = names.id(&format!("{}-db", slug(&id)));
                let mut c = Container::new(
                    db.clone(),
                    system_id.clone(),
                    numbered(&format!("{domain} database"), n),
                    ContainerKind::Database,
                );
                c.technology = rng
                    .pick(&["PostgreSQL 16", "PostgreSQL 15", "MySQL 8"])
                    .to_string();
                c.description = format!("Holds the {} service's data.", domain.to_lowercase());
                doc.containers.push(c);
                db
            });
            services.push(Service {
                id,
                domain: domain.to_owned(),
                system: s,
                database,
                entities: Vec::new(),
                components: Vec::new(),
            });
        }
        if spread(spec.frontends, s) {
            let mobile = s % 3 == 2;
            let (label, kind, tech) = if mobile {
                ("mobile app", ContainerKind::MobileApp, "Kotlin, Swift")
            } else {
                ("web app", ContainerKind::WebApp, "TypeScript, React")
            };
            let (id, _) = names.id(&format!("{system_name} {label}"));
            let mut c = Container::new(
                id.clone(),
                system_id.clone(),
                format!("{system_name} {label}"),
                kind,
            );
            c.technology = tech.to_owned();
            c.description = format!(
                "What people use to work with {}.",
                system_name.to_lowercase()
            );
            doc.containers.push(c);
            frontends[s] = Some(id);
        }
        if spread(spec.caches, s) {
            let (id, _) = names.id(&format!("{system_name} cache"));
            let mut c = Container::new(
                id.clone(),
                system_id.clone(),
                format!("{system_name} cache"),
                ContainerKind::Cache,
            );
            c.technology = "Redis 7".to_owned();
            c.description = "Keeps hot lookups and sessions in memory.".to_owned();
            doc.containers.push(c);
            caches[s] = Some(id);
        }
        if spread(spec.topics, s) {
            let (id, _) = names.id(&format!("{system_name} events"));
            let mut c = Container::new(
                id.clone(),
                system_id.clone(),
                format!("{system_name} events"),
                ContainerKind::Topic,
            );
            c.technology = "Apache Kafka".to_owned();
            c.description = format!(
                "Carries the domain events of {}.",
                system_name.to_lowercase()
            );
            doc.containers.push(c);
            topics.push((s, id));
        }
    }

    // Entities, per database.
    let with_db: Vec<usize> = (0..services.len())
        .filter(|&i| services[i].database.is_some())
        .collect();
    let tables_per_db = rng.split(spec.tables, with_db.len(), 1);
    let vocabulary = column_vocabulary();
    for (&si, &count) in with_db.iter().zip(&tables_per_db) {
        let Some(db) = services[si].database.clone() else {
            continue;
        };
        let mut used_tables: HashSet<String> = HashSet::new();
        let first = doc.entities.len();
        for _ in 0..count {
            let (singular, plural) = *rng.pick(NOUNS);
            let mut k = 1;
            let (singular, plural) = loop {
                let (s, p) = if k == 1 {
                    (singular.to_owned(), plural.to_owned())
                } else {
                    (format!("{singular}_{k}"), format!("{plural}_{k}"))
                };
                if used_tables.insert(p.clone()) {
                    break (s, p);
                }
                k += 1;
            };
            let earlier = first..doc.entities.len();
            let entity = make_entity(
                &mut rng,
                &mut names,
                &db,
                &singular,
                &plural,
                &doc.entities[earlier],
                &vocabulary,
            );
            services[si].entities.push(doc.entities.len());
            doc.entities.push(entity);
        }
    }

    // Components, per service.
    let components_per_service = rng.split(spec.components, services.len(), 0);
    for (si, &count) in components_per_service.iter().enumerate() {
        let service = &services[si];
        let container_name = doc
            .container(&service.id)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let mut ids = Vec::new();
        for k in 0..count {
            let (role, description) = COMPONENT_ROLES[k % COMPONENT_ROLES.len()];
            let round = k / COMPONENT_ROLES.len();
            let role = numbered(role, round + 1);
            let (id, _) = names.id(&format!("{} {role}", service.id));
            let mut c = Component::new(
                id.clone(),
                service.id.clone(),
                format!("{container_name}: {role}"),
            );
            c.technology = doc
                .container(&service.id)
                .map(|c| c.technology.clone())
                .unwrap_or_default();
            c.description = description.to_owned();
            doc.components.push(c);
            ids.push(id);
        }
        services[si].components = ids;
    }

    // Relationships.
    for (pi, p) in doc.people.iter().enumerate() {
        let apps: Vec<&Id> = frontends.iter().flatten().collect();
        if apps.is_empty() {
            break;
        }
        for k in 0..rng.range(1, 3).min(apps.len()) {
            let app = apps[(pi * 7 + k * 3 + rng.below(2)) % apps.len()];
            rel.add(&p.id, app, "Uses", "HTTPS", Interaction::Sync);
        }
    }
    for (s, app) in frontends.iter().enumerate() {
        let Some(app) = app else { continue };
        let own: Vec<usize> = (0..services.len())
            .filter(|&i| services[i].system == s)
            .collect();
        for _ in 0..rng.range(1, 3).min(own.len()) {
            let target = &services[own[rng.below(own.len())]].id;
            rel.add(
                app,
                target,
                "Makes API calls to",
                "HTTPS/JSON",
                Interaction::Sync,
            );
        }
    }
    for i in 0..services.len() {
        let (id, system) = (services[i].id.clone(), services[i].system);
        if let Some(db) = &services[i].database {
            rel.add(
                &id,
                db,
                "Reads from and writes to",
                "SQL/TCP",
                Interaction::Sync,
            );
        }
        if let Some(cache) = &caches[system] {
            rel.add(&id, cache, "Caches lookups in", "RESP", Interaction::Sync);
        }
        // Calls only go to earlier services: no synchronous cycles.
        for _ in 0..rng.range(0, 2).min(i) {
            let same: Vec<usize> = (0..i).filter(|&j| services[j].system == system).collect();
            let j = if !same.is_empty() && rng.chance(70) {
                same[rng.below(same.len())]
            } else {
                rng.below(i)
            };
            let (target, domain) = (services[j].id.clone(), services[j].domain.to_lowercase());
            let (tech, interaction) = if rng.chance(80) {
                (*rng.pick(&["gRPC", "HTTPS/JSON"]), Interaction::Sync)
            } else {
                ("HTTPS, async callback", Interaction::Async)
            };
            rel.add(
                &id,
                &target,
                &format!("Asks for {domain} data"),
                tech,
                interaction,
            );
        }
        if !externals.is_empty() && rng.chance(12) {
            let target = externals[rng.below(externals.len())].clone();
            rel.add(
                &id,
                &target,
                "Calls",
                "HTTPS, 3 s timeout, circuit breaker",
                Interaction::Sync,
            );
        }
        // Inside the service: a chain of components, the last one at the database.
        let comps = services[i].components.clone();
        for w in comps.windows(2) {
            rel.add(&w[0], &w[1], "Calls", "in-process", Interaction::Sync);
        }
        if let (Some(last), Some(db)) = (comps.last(), &services[i].database) {
            rel.add(
                last,
                db,
                "Reads from and writes to",
                "SQL/TCP",
                Interaction::Sync,
            );
        }
    }

    // Event types, per topic: produced in the topic's system, consumed anywhere.
    let events_per_topic = rng.split(spec.events, topics.len(), 1);
    for ((system, topic), count) in topics.iter().zip(events_per_topic) {
        let producers: Vec<usize> = (0..services.len())
            .filter(|&i| services[i].system == *system)
            .collect();
        let mut names_used: HashSet<String> = HashSet::new();
        for _ in 0..count {
            if services.is_empty() {
                break;
            }
            let producer = if producers.is_empty() {
                rng.below(services.len())
            } else {
                producers[rng.below(producers.len())]
            };
            let (noun, _) = *rng.pick(NOUNS);
            let verb = *rng.pick(EVENT_VERBS);
            let mut name = format!("{}{verb}", pascal(noun));
            let mut k = 2;
            while !names_used.insert(name.clone()) {
                name = format!("{}{verb}V{k}", pascal(noun));
                k += 1;
            }
            let (id, _) = names.id(&format!("{topic}.{}", slug(&name)));
            let mut e = EventType::new(id, topic.clone(), name.clone());
            e.description = format!("A {} was {}.", noun.replace('_', " "), verb.to_lowercase());
            let key = format!("{noun}_id");
            e.payload = vec![
                Field::new(key.clone(), FieldType::Uuid),
                Field::new("occurred_at", FieldType::TimestampTz),
                Field::new("version", FieldType::Int),
            ];
            e.key = Some(key);
            let producer_id = services[producer].id.clone();
            e.producers.push(producer_id.clone());
            rel.add(
                &producer_id,
                topic,
                &format!("Publishes {name} to"),
                "Kafka",
                Interaction::Async,
            );
            for _ in 0..rng.range(1, 3) {
                let consumer = services[rng.below(services.len())].id.clone();
                if !e.consumers.contains(&consumer) {
                    rel.add(
                        &consumer,
                        topic,
                        &format!("Consumes {name} from"),
                        "Kafka",
                        Interaction::Async,
                    );
                    e.consumers.push(consumer);
                }
            }
            doc.events.push(e);
        }
    }
    doc.relationships = rel.finish(&mut names);

    // APIs, one per service, with CRUD endpoints for its entities.
    let endpoints_per_api = {
        let weights: Vec<usize> = services.iter().map(|s| 1 + s.entities.len()).collect();
        proportional(&mut rng, spec.endpoints, &weights)
    };
    for (si, count) in endpoints_per_api.into_iter().enumerate() {
        let api = make_api(&mut rng, &mut names, &services[si], &doc.entities, count);
        doc.apis.push(api);
    }

    // Views: the landscape; context and containers of every internal system;
    // components of every service that has some; entities of every database.
    doc.views.push(View::new("landscape", ViewKind::Landscape));
    for s in &doc.systems[..systems] {
        let system = s.id.clone();
        let (id, _) = names.id(&format!("{system}-context"));
        doc.views.push(View::new(
            id,
            ViewKind::SystemContext {
                system: system.clone(),
            },
        ));
        let (id, _) = names.id(&format!("{system}-containers"));
        doc.views
            .push(View::new(id, ViewKind::Containers { system }));
    }
    for s in &services {
        if !s.components.is_empty() {
            let (id, _) = names.id(&format!("{}-components", s.id));
            doc.views.push(View::new(
                id,
                ViewKind::Components {
                    container: s.id.clone(),
                },
            ));
        }
        if let Some(db) = &s.database
            && !s.entities.is_empty()
        {
            let (id, _) = names.id(&format!("{db}-entities"));
            doc.views.push(View::new(
                id,
                ViewKind::Entities {
                    database: db.clone(),
                },
            ));
        }
    }
    if spec.positions {
        place_views(&mut doc);
    }
    doc
}

/// `total` split over `weights` in proportion (largest remainders first,
/// ties by a coin), each getting at least one while `total` allows.
fn proportional(rng: &mut Rng, total: usize, weights: &[usize]) -> Vec<usize> {
    let sum: usize = weights.iter().sum();
    if weights.is_empty() || sum == 0 {
        return vec![0; weights.len()];
    }
    let mut counts: Vec<usize> = weights.iter().map(|w| total * w / sum).collect();
    let mut left = total - counts.iter().sum::<usize>();
    let mut order: Vec<(usize, u64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| ((total * w) % sum, rng.next(), i))
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, i) in order {
        if left == 0 {
            break;
        }
        counts[i] += 1;
        left -= 1;
    }
    counts
}

/// Relationships, one per (from, to) pair: a second use of a pair adds to
/// nothing (the first description stays), as architects merge them.
#[derive(Default)]
struct Relationships {
    seen: HashSet<(Id, Id)>,
    list: Vec<(Id, Id, String, String, Interaction)>,
}

impl Relationships {
    fn add(&mut self, from: &str, to: &str, description: &str, technology: &str, i: Interaction) {
        if from == to || !self.seen.insert((from.to_owned(), to.to_owned())) {
            return;
        }
        self.list.push((
            from.to_owned(),
            to.to_owned(),
            description.to_owned(),
            technology.to_owned(),
            i,
        ));
    }

    fn finish(self, names: &mut Names) -> Vec<Relationship> {
        self.list
            .into_iter()
            .map(|(from, to, description, technology, interaction)| {
                let (id, _) = names.id(&format!("{from}-to-{to}"));
                let mut r = Relationship::new(id, from, to);
                r.description = description;
                r.technology = technology;
                r.interaction = interaction;
                r
            })
            .collect()
    }
}

/// One table of 5–30 fields: a key, foreign keys to earlier tables of the
/// same database (each with its index), timestamps and ordinary columns;
/// now and then personal data with a retention note, or a hashed secret.
fn make_entity(
    rng: &mut Rng,
    names: &mut Names,
    db: &str,
    singular: &str,
    plural: &str,
    earlier: &[Entity],
    vocabulary: &[(&'static str, FieldType, bool, Option<DefaultValue>)],
) -> Entity {
    let (id, _) = names.id(&format!("{db}.{plural}"));
    let mut e = Entity::new(id, db, plural);
    e.comment = format!("One {} per row.", singular.replace('_', " "));
    let target_fields = rng.range(5, 30);
    let key_type = if rng.chance(70) {
        let mut f = Field::new("id", FieldType::Uuid);
        f.default = Some(DefaultValue::RandomUuid);
        f
    } else {
        let mut f = Field::new("id", FieldType::BigInt);
        f.identity = true;
        f
    };
    e.fields.push(key_type);
    e.primary_key = vec!["id".to_owned()];
    let mut used: HashSet<String> = HashSet::from(["id".to_owned()]);

    // Foreign keys to earlier tables (and now and then to itself).
    let fk_count = rng.range(0, 3).min(earlier.len());
    for _ in 0..fk_count {
        let target = &earlier[rng.below(earlier.len())];
        let Some(target_key) = target.field("id") else {
            continue;
        };
        let base = format!("{}_id", singular_of(&target.name));
        let mut column = base.clone();
        let mut k = 2;
        while !used.insert(column.clone()) {
            column = format!("{base}_{k}");
            k += 1;
        }
        let nullable = rng.chance(30);
        let mut f = Field::new(column.clone(), target_key.ty.clone());
        f.nullable = nullable;
        e.fields.push(f);
        let on_delete = if nullable {
            FkAction::SetNull
        } else {
            *rng.pick(&[FkAction::Cascade, FkAction::Restrict, FkAction::NoAction])
        };
        e.foreign_keys.push(ForeignKey {
            name: None,
            columns: vec![column.clone()],
            references: target.id.clone(),
            to_columns: vec!["id".to_owned()],
            on_delete,
            on_update: FkAction::NoAction,
        });
        e.indexes.push(TableIndex {
            name: None,
            columns: vec![column],
            unique: false,
            predicate: None,
        });
    }
    if rng.chance(5) && used.insert("parent_id".to_owned()) {
        let Some(key) = e.field("id").map(|f| f.ty.clone()) else {
            return e;
        };
        let mut f = Field::new("parent_id", key);
        f.nullable = true;
        e.fields.push(f);
        e.foreign_keys.push(ForeignKey {
            name: None,
            columns: vec!["parent_id".to_owned()],
            references: e.id.clone(),
            to_columns: vec!["id".to_owned()],
            on_delete: FkAction::SetNull,
            on_update: FkAction::NoAction,
        });
        e.indexes.push(TableIndex {
            name: None,
            columns: vec!["parent_id".to_owned()],
            unique: false,
            predicate: None,
        });
    }

    // Personal data, with a retention note; or a hashed secret.
    if rng.chance(12) {
        for (name, ty, unique) in [
            ("email", FieldType::Varchar(320), true),
            ("full_name", FieldType::Varchar(200), false),
            ("phone", FieldType::Varchar(32), false),
        ] {
            if used.insert(name.to_owned()) {
                let mut f = Field::new(name, ty);
                f.sensitivity = Sensitivity::Personal;
                f.unique = unique;
                f.nullable = name == "phone";
                e.fields.push(f);
            }
        }
        e.retention = "Deleted 30 days after the account is closed (GDPR art. 17).".to_owned();
    } else if rng.chance(5) && used.insert("password_hash".to_owned()) {
        let mut f = Field::new("password_hash", FieldType::Varchar(255));
        f.sensitivity = Sensitivity::Secret;
        f.protection = Protection::Hashed;
        e.fields.push(f);
    }

    // Ordinary columns up to the size chosen, then the timestamps.
    let wanted = target_fields.saturating_sub(2);
    let mut tries = 0;
    while e.fields.len() < wanted && tries < 200 {
        tries += 1;
        let (name, ty, nullable, default) = &vocabulary[rng.below(vocabulary.len())];
        if !used.insert((*name).to_owned()) {
            continue;
        }
        let mut f = Field::new(*name, ty.clone());
        f.nullable = *nullable;
        f.default = default.clone();
        if *name == "code" {
            f.unique = true;
        }
        e.fields.push(f);
        if *name == "quantity" {
            e.checks.push(Check {
                name: None,
                expression: "quantity >= 0".to_owned(),
            });
        }
    }
    for name in ["created_at", "updated_at"] {
        let mut f = Field::new(name, FieldType::TimestampTz);
        f.default = Some(DefaultValue::Now);
        e.fields.push(f);
    }
    if let Some(fk) = e.foreign_keys.first()
        && rng.chance(30)
    {
        // A composite index for "the latest rows of a parent".
        let columns = vec![fk.columns[0].clone(), "created_at".to_owned()];
        e.indexes.push(TableIndex {
            name: None,
            columns,
            unique: false,
            predicate: None,
        });
    }
    e
}

/// The API of a service: `count` endpoints, CRUD for each of its entities
/// in turn, then actions on them; plain status endpoints for a service
/// without tables.
fn make_api(
    rng: &mut Rng,
    names: &mut Names,
    service: &Service,
    entities: &[Entity],
    count: usize,
) -> Api {
    let (id, _) = names.id(&format!("{}-api", service.id));
    let title = pascal(&service.domain.to_lowercase());
    let mut api = Api::new(
        id.clone(),
        service.id.clone(),
        format!("{} API", service.domain),
    );
    api.version = format!("{}.{}.0", rng.range(1, 3), rng.range(0, 9));
    api.base_path = "/v1".to_owned();
    api.servers = vec![format!("https://api.example.com/{}", slug(&service.domain))];
    api.description = format!("Reads and changes {} data.", service.domain.to_lowercase());
    let oauth = rng.chance(30);
    let (scheme, read, write) = if oauth {
        let read = format!("{}:read", slug(&title));
        let write = format!("{}:write", slug(&title));
        api.security_schemes.push(SecurityScheme {
            name: "oauth".to_owned(),
            kind: SchemeKind::OAuth2 {
                authorization_url: "https://auth.example.com/oauth/authorize".to_owned(),
                token_url: "https://auth.example.com/oauth/token".to_owned(),
                scopes: vec![
                    Scope {
                        name: read.clone(),
                        description: "Read access".to_owned(),
                    },
                    Scope {
                        name: write.clone(),
                        description: "Write access".to_owned(),
                    },
                ],
            },
            description: String::new(),
        });
        ("oauth", vec![read], vec![write])
    } else {
        api.security_schemes.push(SecurityScheme {
            name: "bearer".to_owned(),
            kind: SchemeKind::BearerJwt,
            description: "A JWT from the identity provider.".to_owned(),
        });
        ("bearer", Vec::new(), Vec::new())
    };
    let requirement = |scopes: &Vec<String>| {
        vec![Requirement {
            scheme: scheme.to_owned(),
            scopes: scopes.clone(),
        }]
    };
    let tables: Vec<&Entity> = service
        .entities
        .iter()
        .filter_map(|&i| entities.get(i))
        .collect();
    let mut k = 0;
    while api.endpoints.len() < count {
        if tables.is_empty() {
            let mut ep = Endpoint::new(
                Method::Get,
                format!("/operations/op-{k}"),
                format!("getOperation{k}"),
            );
            ep.summary = format!("Status of operation {k}");
            ep.responses.push(Response {
                status: 200,
                description: "The status.".to_owned(),
                body: Some(Body::Fields(vec![
                    Field::new("state", FieldType::Varchar(20)),
                    Field::new("updated_at", FieldType::TimestampTz),
                ])),
            });
            ep.security = requirement(&read);
            api.endpoints.push(ep);
            k += 1;
            continue;
        }
        let round = k / (tables.len() * 5);
        let e = tables[(k / 5) % tables.len()];
        let op = k % 5;
        k += 1;
        let plural = pascal(&e.name);
        let singular = pascal(&singular_of(&e.name));
        let collection = format!("/{}", e.name.replace('_', "-"));
        let item = format!("{collection}/{{id}}");
        let key_type = e.field("id").map_or(FieldType::Uuid, |f| f.ty.clone());
        let id_param = Parameter {
            name: "id".to_owned(),
            location: ParamLocation::Path,
            ty: key_type,
            required: true,
            description: String::new(),
        };
        let not_found = Response {
            status: 404,
            description: "No such item.".to_owned(),
            body: None,
        };
        let read_one = |status: u16| Response {
            status,
            description: format!("The {}.", singular.to_lowercase()),
            body: Some(Body::Entity {
                entity: e.id.clone(),
                shape: Shape::Read,
            }),
        };
        let mut ep = if round == 0 {
            match op {
                0 => {
                    let mut ep =
                        Endpoint::new(Method::Get, collection.clone(), format!("list{plural}"));
                    ep.summary = format!("List {}", e.name.replace('_', " "));
                    ep.paginated = true;
                    ep.responses.push(Response {
                        status: 200,
                        description: "A page of them.".to_owned(),
                        body: Some(Body::List {
                            entity: e.id.clone(),
                        }),
                    });
                    ep.security = requirement(&read);
                    ep
                }
                1 => {
                    let mut ep = Endpoint::new(Method::Get, item.clone(), format!("get{singular}"));
                    ep.summary = format!("Get one of the {}", e.name.replace('_', " "));
                    ep.parameters.push(id_param);
                    ep.responses.push(read_one(200));
                    ep.responses.push(not_found);
                    ep.security = requirement(&read);
                    ep
                }
                2 => {
                    let mut ep = Endpoint::new(
                        Method::Post,
                        collection.clone(),
                        format!("create{singular}"),
                    );
                    ep.summary = format!("Create one of the {}", e.name.replace('_', " "));
                    ep.request = Some(Body::Entity {
                        entity: e.id.clone(),
                        shape: Shape::Create,
                    });
                    ep.responses.push(read_one(201));
                    ep.security = requirement(&write);
                    ep
                }
                3 => {
                    let mut ep =
                        Endpoint::new(Method::Patch, item.clone(), format!("update{singular}"));
                    ep.summary = format!("Change one of the {}", e.name.replace('_', " "));
                    ep.parameters.push(id_param);
                    ep.request = Some(Body::Entity {
                        entity: e.id.clone(),
                        shape: Shape::Update,
                    });
                    ep.responses.push(read_one(200));
                    ep.responses.push(not_found);
                    ep.security = requirement(&write);
                    ep
                }
                _ => {
                    let mut ep =
                        Endpoint::new(Method::Delete, item.clone(), format!("delete{singular}"));
                    ep.summary = format!("Delete one of the {}", e.name.replace('_', " "));
                    ep.parameters.push(id_param);
                    ep.responses.push(Response {
                        status: 204,
                        description: "Deleted.".to_owned(),
                        body: None,
                    });
                    ep.responses.push(not_found);
                    ep.security = requirement(&write);
                    ep.roles = vec!["admin".to_owned()];
                    ep
                }
            }
        } else {
            // Actions: POST /things/{id}/archive, …, then numbered ones.
            let n = (round - 1) * 5 + op;
            let action = if n < ACTIONS.len() {
                ACTIONS[n].to_owned()
            } else {
                format!("action-{n}")
            };
            let mut ep = Endpoint::new(
                Method::Post,
                format!("{item}/{action}"),
                format!("{}{singular}", pascal(&action).to_lowercase()),
            );
            ep.summary = format!(
                "{} one of the {}",
                pascal(&action),
                e.name.replace('_', " ")
            );
            ep.parameters.push(id_param);
            ep.responses.push(read_one(200));
            ep.responses.push(not_found);
            ep.security = requirement(&write);
            ep
        };
        ep.tags = vec![e.name.replace('_', "-")];
        api.endpoints.push(ep);
    }
    api
}

/// Lays out every view and saves the positions, as Auto-arrange does.
pub fn place_views(doc: &mut Document) {
    let mut placed = Vec::with_capacity(doc.views.len());
    for v in &doc.views {
        let Ok(contents) = ViewContents::of(doc, v) else {
            placed.push(BTreeMap::new());
            continue;
        };
        let sizes = diagram::sizes(&contents);
        placed.push(diagram::layout(&contents, &sizes, &BTreeMap::new()).nodes);
    }
    for (v, positions) in doc.views.iter_mut().zip(placed) {
        v.positions = positions
            .into_iter()
            .map(|(id, p)| (id, Point::new(p.x.round(), p.y.round())))
            .collect();
    }
}

/// A model whose one view, `platform-containers` (the containers of the
/// system `platform`), shows `nodes` elements — people above, external
/// systems below, containers of every kind in the boundary — joined by
/// about 1.5 × `nodes` labelled arrows, mostly between neighbours as a
/// layered layout leaves them. Every element has a saved position on a
/// grid, so nothing waits for a layout.
pub fn single_view(seed: u64, nodes: usize) -> Document {
    let mut rng = Rng::new(seed);
    let mut doc = Document::new("One big view");
    doc.description = format!("One view of {nodes} elements, generated from seed {seed}.");
    let people = (nodes / 100).clamp(1, 20).min(nodes);
    let externals = (nodes / 100).clamp(1, 20).min(nodes - people);
    let inside = nodes - people - externals;
    let mut platform = SoftwareSystem::new("platform", "Platform");
    platform.description = "Everything the company runs.".to_owned();
    doc.systems.push(platform);
    for i in 0..people {
        let (name, description, external) = PEOPLE[i % PEOPLE.len()];
        let mut p = Person::new(format!("person-{i}"), numbered(name, i / PEOPLE.len() + 1));
        p.description = description.to_owned();
        p.external = external;
        doc.people.push(p);
    }
    for i in 0..externals {
        let (name, description) = EXTERNALS[i % EXTERNALS.len()];
        let mut s = SoftwareSystem::new(
            format!("external-{i}"),
            numbered(name, i / EXTERNALS.len() + 1),
        );
        s.description = description.to_owned();
        s.external = true;
        doc.systems.push(s);
    }
    let kinds = [
        (ContainerKind::Service, "service", "Rust, axum", 45),
        (ContainerKind::Database, "database", "PostgreSQL 16", 20),
        (ContainerKind::Topic, "events", "Apache Kafka", 10),
        (ContainerKind::Cache, "cache", "Redis 7", 5),
        (ContainerKind::WebApp, "web app", "TypeScript, React", 10),
        (
            ContainerKind::Function,
            "function",
            "AWS Lambda, Node.js",
            5,
        ),
        (ContainerKind::Storage, "storage", "Amazon S3", 5),
    ];
    for i in 0..inside {
        let mut roll = rng.below(100) as u64;
        let &(kind, label, tech, _) = kinds
            .iter()
            .find(|k| {
                if roll < k.3 {
                    true
                } else {
                    roll -= k.3;
                    false
                }
            })
            .unwrap_or(&kinds[0]);
        let domain = DOMAINS[i % DOMAINS.len()];
        let mut c = Container::new(
            format!("c-{i}"),
            "platform",
            format!("{domain} {label} {}", i / DOMAINS.len() + 1),
            kind,
        );
        c.technology = tech.to_owned();
        c.description = format!(
            "Handles {} for the {} area; owned by team {}.",
            domain.to_lowercase(),
            AREAS[i % AREAS.len()].to_lowercase(),
            i % 37 + 1
        );
        doc.containers.push(c);
    }
    let mut view = View::new(
        "platform-containers",
        ViewKind::Containers {
            system: "platform".into(),
        },
    );
    // Where everything goes: containers in a grid in the boundary, people in
    // a row above it, external systems in a row below.
    let contents = ViewContents::of(&doc, &view).ok();
    let sizes = contents.as_ref().map(diagram::sizes).unwrap_or_default();
    let cell_w = sizes.values().map(|s| s.w).fold(200.0_f32, f32::max) + 80.0;
    let cell_h = sizes.values().map(|s| s.h).fold(120.0_f32, f32::max) + 110.0;
    let cols = ((inside as f32 * 1.8).sqrt().ceil() as usize).max(1);
    let rows = inside.div_ceil(cols);
    let at = |col: usize, row: usize| Point::new(col as f32 * cell_w, row as f32 * cell_h);
    for (i, p) in doc.people.iter().enumerate() {
        let col = (i * cols.max(1)) / people.max(1);
        view.positions.insert(p.id.clone(), at(col, 0));
    }
    for (i, s) in doc.systems[1..].iter().enumerate() {
        let col = (i * cols.max(1)) / externals.max(1);
        view.positions.insert(s.id.clone(), at(col, rows + 2));
    }
    for (i, c) in doc.containers.iter().enumerate() {
        view.positions
            .insert(c.id.clone(), at(i % cols, i / cols + 1));
    }
    doc.views.push(view);

    // Arrows: each container to one or two below it, near its column, or to
    // its right; people to the first row; the last row to external systems.
    let target = nodes * 3 / 2;
    let mut rel = Relationships::default();
    let container = |col: usize, row: usize| {
        (row * cols + col < inside).then(|| format!("c-{}", row * cols + col))
    };
    let kinds: Vec<ContainerKind> = doc.containers.iter().map(|c| c.kind).collect();
    let describe = |rng: &mut Rng, to: usize| -> (&'static str, &'static str, Interaction) {
        match kinds.get(to) {
            Some(ContainerKind::Database) => {
                ("Reads from and writes to", "SQL/TCP", Interaction::Sync)
            }
            Some(ContainerKind::Topic) => {
                ("Publishes order events to", "Kafka", Interaction::Async)
            }
            Some(ContainerKind::Cache) => ("Caches lookups in", "RESP", Interaction::Sync),
            Some(ContainerKind::Storage) => ("Stores documents in", "S3 API", Interaction::Sync),
            _ => *rng.pick(&[
                ("Makes API calls to", "HTTPS/JSON", Interaction::Sync),
                ("Asks for prices", "gRPC", Interaction::Sync),
                ("Sends jobs to", "AMQP", Interaction::Async),
            ]),
        }
    };
    for (i, p) in doc.people.iter().enumerate() {
        let col = (i * cols) / people.max(1);
        if let Some(to) = container(col, 0) {
            rel.add(&p.id, &to, "Uses", "HTTPS", Interaction::Sync);
        }
    }
    for (i, s) in doc.systems[1..].iter().enumerate() {
        let col = (i * cols) / externals.max(1);
        let from = container(col.min(cols - 1), rows.saturating_sub(1))
            .or_else(|| container(0, rows.saturating_sub(1)));
        if let Some(from) = from {
            rel.add(
                &from,
                &s.id,
                "Calls",
                "HTTPS, 3 s timeout, circuit breaker",
                Interaction::Sync,
            );
        }
    }
    let mut guard = 0;
    while rel.list.len() < target && guard < target * 20 {
        guard += 1;
        let i = rng.below(inside.max(1));
        let (col, row) = (i % cols, i / cols);
        let (dcol, drow) = if rng.chance(75) {
            (rng.range(0, 2) as isize - 1, 1)
        } else {
            (1, 0)
        };
        let (tc, tr) = (col as isize + dcol, row + drow);
        if tc < 0 || tc as usize >= cols {
            continue;
        }
        let (Some(from), Some(to)) = (container(col, row), container(tc as usize, tr)) else {
            continue;
        };
        let (d, t, interaction) = describe(&mut rng, tr * cols + tc as usize);
        rel.add(&from, &to, d, t, interaction);
    }
    let mut names = Names::default();
    doc.relationships = rel.finish(&mut names);
    doc
}

/// A directed graph for comparing layered layouts: `nodes` boxes the sizes
/// of C4 cards, and about 1.5 × `nodes` edges, mostly from one tier of an
/// architecture to the next (people → apps → services → stores), clustered
/// by domain, with about 4 % pointing back up, so it has cycles.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    pub sizes: Vec<Size>,
    pub edges: Vec<(usize, usize)>,
}

/// See [`Graph`].
pub fn graph(seed: u64, nodes: usize) -> Graph {
    let mut rng = Rng::new(seed);
    // Tiers of 5 %, 10 %, 50 % and 35 % of the nodes; domains of about 12.
    let tier_of = |i: usize| -> usize {
        match i * 100 / nodes.max(1) {
            0..5 => 0,
            5..15 => 1,
            15..65 => 2,
            _ => 3,
        }
    };
    let domains = (nodes / 12).max(1);
    let domain_of: Vec<usize> = (0..nodes).map(|_| rng.below(domains)).collect();
    let sizes: Vec<Size> = (0..nodes)
        .map(|i| match tier_of(i) {
            0 => Size::new(228.0, 180.0),
            3 => Size::new(228.0, 130.0 + 13.0 * rng.below(3) as f32),
            _ => Size::new(228.0, 120.0 + 16.0 * rng.below(4) as f32),
        })
        .collect();
    let by_tier: Vec<Vec<usize>> = (0..4)
        .map(|t| (0..nodes).filter(|&i| tier_of(i) == t).collect())
        .collect();
    let mut edges: HashSet<(usize, usize)> = HashSet::new();
    let mut list = Vec::new();
    let target = nodes * 3 / 2;
    let mut guard = 0;
    while list.len() < target && guard < target * 50 && nodes > 1 {
        guard += 1;
        let a = rng.below(nodes);
        let ta = tier_of(a);
        let back = rng.chance(4);
        let tb = if back {
            ta.saturating_sub(1)
        } else if ta == 2 && rng.chance(35) {
            2
        } else {
            (ta + 1).min(3)
        };
        let pool = &by_tier[tb];
        if pool.is_empty() {
            continue;
        }
        // Most edges stay inside a domain.
        let b = if rng.chance(75) {
            let same: Vec<usize> = pool
                .iter()
                .copied()
                .filter(|&b| domain_of[b] == domain_of[a])
                .collect();
            if same.is_empty() {
                *rng.pick(pool)
            } else {
                *rng.pick(&same)
            }
        } else {
            *rng.pick(pool)
        };
        if a != b && edges.insert((a, b)) && !edges.contains(&(b, a)) {
            list.push((a, b));
        }
    }
    Graph { sizes, edges: list }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{self, Severity};
    use crate::store;
    use std::path::Path;

    fn errors(doc: &Document) -> Vec<String> {
        check::check(doc)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {} {}: {}", f.rule, f.element, f.part, f.message))
            .collect()
    }

    #[test]
    fn generated_models_load_back_and_have_no_errors() {
        for n in [100, 1_000] {
            let doc = model(7, n);
            assert_eq!(element_count(&doc), n);
            let text = store::to_ron(&doc).expect("the model turns into text");
            let back = store::parse(&text, Path::new("generated.ron")).expect("loads back");
            assert_eq!(back, doc);
            assert_eq!(errors(&doc), Vec::<String>::new());
        }
    }

    #[test]
    fn ten_thousand_elements_load_back_and_have_no_errors() {
        // Without laying out its 1,600 views (seconds in a debug build; the
        // file benchmark makes and loads this size with them).
        let mut spec = Spec::elements(10_000);
        spec.positions = false;
        let doc = model_with(7, &spec);
        assert_eq!(element_count(&doc), 10_000);
        let text = store::to_ron(&doc).expect("the model turns into text");
        let back = store::parse(&text, Path::new("generated.ron")).expect("loads back");
        assert!(back == doc);
        assert_eq!(errors(&doc), Vec::<String>::new());
    }

    #[test]
    fn same_seed_same_model_other_seed_other_model() {
        assert_eq!(
            store::to_ron(&model(3, 300)).expect("the model turns into text"),
            store::to_ron(&model(3, 300)).expect("the model turns into text")
        );
        assert_ne!(
            store::to_ron(&model(3, 300)).expect("the model turns into text"),
            store::to_ron(&model(4, 300)).expect("the model turns into text")
        );
    }

    #[test]
    fn entities_have_5_to_30_fields_and_foreign_keys() {
        let doc = model(11, 1_000);
        assert!(
            doc.entities
                .iter()
                .all(|e| (5..=30).contains(&e.fields.len()))
        );
        assert!(doc.entities.iter().any(|e| e.fields.len() >= 25));
        let fks: usize = doc.entities.iter().map(|e| e.foreign_keys.len()).sum();
        assert!(fks > doc.entities.len() / 2, "{fks} foreign keys");
        assert!(!doc.apis.is_empty() && !doc.events.is_empty() && !doc.components.is_empty());
        assert!(doc.views.iter().all(|v| !v.positions.is_empty()));
    }

    #[test]
    fn a_spec_sets_tables_and_endpoints() {
        let mut spec = Spec::elements(300);
        spec.tables = 400;
        spec.endpoints = 250;
        spec.positions = false;
        let doc = model_with(1, &spec);
        assert_eq!(doc.entities.len(), 400);
        assert_eq!(
            doc.apis.iter().map(|a| a.endpoints.len()).sum::<usize>(),
            250
        );
        assert_eq!(errors(&doc), Vec::<String>::new());
    }

    #[test]
    fn a_single_view_shows_every_element_placed() {
        let doc = single_view(5, 200);
        let view = &doc.views[0];
        let contents = ViewContents::of(&doc, view).expect("contents");
        assert_eq!(contents.nodes.len(), 200);
        assert_eq!(contents.edges.len(), 300);
        assert!(
            contents
                .nodes
                .iter()
                .all(|n| view.positions.contains_key(&n.id))
        );
        assert_eq!(errors(&doc), Vec::<String>::new());
        let back = store::parse(
            &store::to_ron(&doc).expect("the model turns into text"),
            Path::new("v.ron"),
        )
        .expect("loads back");
        assert_eq!(back, doc);
    }

    #[test]
    fn graphs_have_the_size_asked_and_some_cycles() {
        let g = graph(1, 200);
        assert_eq!(g.sizes.len(), 200);
        assert!((280..=300).contains(&g.edges.len()), "{}", g.edges.len());
        let mut dg: petgraph::graphmap::DiGraphMap<usize, ()> = Default::default();
        for &(a, b) in &g.edges {
            dg.add_edge(a, b, ());
        }
        assert!(petgraph::algo::toposort(&dg, None).is_err(), "no cycle");
    }
}
