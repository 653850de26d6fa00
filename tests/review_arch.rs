//! The architecture rules (`arch/…`) fire on a small model built for each, with the
//! element, part and message asserted, and stay quiet on a near miss (the
//! cases are in `tests/review/arch.rs`).

use archdesk::check;
use archdesk::model::ContainerKind;

#[path = "review/mod.rs"]
mod review;
use review::{base, container, of_rule, rel};

#[test]
fn each_arch_rule_fires_on_its_model_with_element_and_message() {
    review::assert_each_fires(&review::ARCH);
}

#[test]
fn each_arch_rule_stays_quiet_on_its_near_miss() {
    review::assert_each_stays_quiet(&review::ARCH);
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
