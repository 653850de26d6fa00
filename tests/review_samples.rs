//! The review on the samples: `legacy.ron` is a deliberately flawed design
//! whose findings are a reviewed snapshot; `shop.ron` is a design the review
//! has nothing to say about.

use std::path::Path;

use archdesk::check::{self, Finding};
use archdesk::cli::human_report;

mod common;
use common::load_sample;

fn open<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule && f.is_open())
        .collect()
}

#[test]
fn legacy_findings_are_the_snapshot() {
    let findings = check::check(&load_sample("legacy"));
    insta::assert_json_snapshot!("legacy_findings", findings);
    // The report names the file as the command line was given it, relative
    // to the repository root: a label in the snapshot, not a path opened.
    insta::assert_snapshot!(
        "legacy_report",
        human_report(Path::new("samples/legacy.ron"), &findings)
    );
}

#[test]
fn legacy_shows_each_anti_pattern_it_was_built_for() {
    let findings = check::check(&load_sample("legacy"));
    assert!(!check::has_errors(&findings), "loadable and exportable");
    assert!(check::has_warnings(&findings));
    for (rule, element) in [
        ("arch/shared-database", "main-db"),
        ("arch/sync-cycle", "billing-service"),
        ("arch/sync-external", "billing-payments"),
        ("api/unpaginated-list", "order-api"),
        ("api/unversioned", "order-api"),
        ("api/no-security", "order-api"),
        ("api/public-write", "order-api"),
        ("api/body-on-get", "order-api"),
        ("data/plaintext-secret", "customers"),
        ("data/plaintext-secret", "partners"),
        ("data/fk-without-index", "orders"),
        ("data/tenant-leak", "order-lines"),
        ("data/nullable-unique", "order-lines"),
        ("data/personal-without-retention", "customers"),
        ("event/no-consumers", "order-created"),
        ("event/no-producers", "stock-adjusted"),
        ("arch/no-technology", "backoffice"),
        ("arch/no-description", "backoffice-customers"),
        ("arch/not-in-view", "pricing-engine"),
    ] {
        assert!(
            open(&findings, rule).iter().any(|f| f.element == element),
            "{rule} on {element}: {findings:#?}"
        );
    }
    let cycle = open(&findings, "arch/sync-cycle");
    assert_eq!(
        cycle[0].message,
        "3 containers call each other synchronously in a cycle: Billing service → Order service → Customer service → Billing service."
    );
    // Tuned in the file: unmarked personal data is a warning there.
    assert_eq!(
        open(&findings, "data/unmarked-personal")[0].severity,
        check::Severity::Warning
    );
    // Guest checkout is accepted, with its reason, and shows as such.
    let accepted: Vec<(&str, &str)> = findings
        .iter()
        .filter_map(|f| Some((f.part.as_str(), f.accepted.as_deref()?)))
        .collect();
    assert_eq!(
        accepted,
        [(
            "createOrder",
            "Guest checkout: customers order without an account; the load balancer rate-limits it."
        )]
    );
}

#[test]
fn shop_has_nothing_for_the_review() {
    let findings = check::check(&load_sample("shop"));
    assert!(findings.is_empty(), "{findings:#?}");
}
