//! The architecture rules (`arch/…`) of `src/check/architecture.rs`.
//! Their firing cases and near misses; `tests/review_arch.rs` runs them.

use super::*;

pub fn firing() -> Vec<Fires> {
    vec![
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
    ]
}

pub fn near_misses() -> Vec<Misses> {
    vec![
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
    ]
}
