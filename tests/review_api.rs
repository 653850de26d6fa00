//! The API rules (`api/…`) fire on a small model built for each, with the
//! element, part and message asserted, and stay quiet on a near miss (the
//! cases are in `tests/review/api.rs`).

#[path = "review/mod.rs"]
mod review;

#[test]
fn each_api_rule_fires_on_its_model_with_element_and_message() {
    review::assert_each_fires(&review::API);
}

#[test]
fn each_api_rule_stays_quiet_on_its_near_miss() {
    review::assert_each_stays_quiet(&review::API);
}
