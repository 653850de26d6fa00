//! The event rules (`event/…`) of `src/check/review_events.rs`.
//! Their firing cases and near misses; `tests/review_events.rs` runs them.

use super::*;

pub fn firing() -> Vec<Fires> {
    vec![
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
        Fires {
            rule: "event/unknown-key",
            change: |d| {
                add_event(d, &["api"], &["mailer"]);
                d.events[0].key = Some("customer_id".into());
            },
            element: "order-placed",
            part: "customer_id",
            message: "Event “OrderPlaced” is keyed by “customer_id”, which is not a field of its payload.",
        },
    ]
}

pub fn near_misses() -> Vec<Misses> {
    vec![
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
            rule: "event/unknown-key",
            why: "the key is a payload field",
            change: |d| {
                add_event(d, &["api"], &["mailer"]);
                d.events[0].key = Some("order_id".into());
            },
        },
    ]
}
