//! The rules about the review settings and accepted marks (`review/…`) of
//! `src/check/tuning.rs`.
//! Their firing cases and near misses; `tests/review_tuning.rs` runs them.

use super::*;

pub fn firing() -> Vec<Fires> {
    vec![
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

pub fn near_misses() -> Vec<Misses> {
    vec![
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
