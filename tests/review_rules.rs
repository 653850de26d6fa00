//! What holds across the review rule families: the base model is clean,
//! every rule, structural or not, has a firing case and a near miss (in
//! the cases of all families, `tests/review/`), and findings carry their
//! element's path. Each family's cases
//! run in its own file: `tests/review_data.rs`, `tests/review_api.rs`,
//! `tests/review_events.rs`, `tests/review_arch.rs`, `tests/review_tuning.rs`.

use archdesk::check::{self, RULES};

#[path = "review/mod.rs"]
mod review;
use review::{base, endpoint, entity, firing, near_misses, of_rule, relationship};

#[test]
fn the_base_model_is_clean() {
    let findings = check::check(&base());
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn every_rule_has_a_firing_case_and_a_near_miss() {
    let fires: Vec<&str> = firing().iter().map(|c| c.rule).collect();
    let misses: Vec<&str> = near_misses().iter().map(|c| c.rule).collect();
    // Structural rules too: they decide whether an export runs.
    for r in RULES {
        assert!(fires.contains(&r.id), "{} has no firing case", r.id);
        assert!(misses.contains(&r.id), "{} has no near miss", r.id);
    }
    for id in fires.iter().chain(&misses) {
        assert!(check::rule(id).is_some(), "{id} is not a registered rule");
    }
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
