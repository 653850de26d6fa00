//! Tuning the review per model: rules turned off or run at another
//! severity (the `review` section of the file), findings accepted on one
//! element with a reason (`accepted` marks), and how accepted findings show
//! and count. Also the file format of both, and the JSON shape of a finding.
//!
//! The rules about the settings and marks themselves (`review/…`, of
//! `src/check/tuning.rs`) fire on a small model built for each and stay
//! quiet on a near miss; their cases are in `tests/review/tuning.rs`.

use std::path::Path;

use archdesk::check::{self, Finding, Severity};
use archdesk::export::{self, ExportError, Format, Options};
use archdesk::model::*;
use archdesk::store;

mod common;
#[path = "review/mod.rs"]
mod review;
use review::accept;

/// An API with two endpoints that require no security, and an entity whose
/// foreign key has no index.
fn model() -> Document {
    let mut d = Document::new("Tuning");
    d.systems.push(SoftwareSystem::new("sys", "System"));
    let mut svc = Container::new("svc", "sys", "Service", ContainerKind::Service);
    svc.technology = "Rust".into();
    d.containers.push(svc);
    let mut db = Container::new("db", "sys", "Database", ContainerKind::Database);
    db.technology = "PostgreSQL".into();
    d.containers.push(db);

    let mut a = Entity::new("a", "db", "a");
    a.fields.push(Field::new("id", FieldType::Uuid));
    a.primary_key = vec!["id".into()];
    d.entities.push(a);
    let mut b = Entity::new("b", "db", "b");
    b.fields.push(Field::new("id", FieldType::Uuid));
    b.fields.push(Field::new("a_id", FieldType::Uuid));
    b.primary_key = vec!["id".into()];
    b.foreign_keys.push(ForeignKey {
        name: None,
        columns: vec!["a_id".into()],
        references: "a".into(),
        to_columns: vec!["id".into()],
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    });
    d.entities.push(b);

    let mut api = Api::new("api", "svc", "API");
    api.version = "1.0.0".into();
    api.endpoints
        .push(Endpoint::new(Method::Get, "/health", "getHealth"));
    api.endpoints
        .push(Endpoint::new(Method::Get, "/metrics", "getMetrics"));
    d.apis.push(api);
    d
}

fn rules(findings: &[Finding]) -> Vec<(&str, &str, Severity, bool)> {
    findings
        .iter()
        .map(|f| (f.rule, f.part.as_str(), f.severity, f.accepted.is_some()))
        .collect()
}

#[test]
fn each_tuning_rule_fires_on_its_model_with_element_and_message() {
    review::assert_each_fires(&review::TUNING);
}

#[test]
fn each_tuning_rule_stays_quiet_on_its_near_miss() {
    review::assert_each_stays_quiet(&review::TUNING);
}

#[test]
fn untuned_model_has_the_default_findings() {
    let findings = check::check(&model());
    assert_eq!(
        rules(&findings),
        [
            ("api/no-security", "getHealth", Severity::Warning, false),
            ("api/no-security", "getMetrics", Severity::Warning, false),
            ("data/fk-without-index", "a_id", Severity::Warning, false),
        ]
    );
    assert!(!check::has_errors(&findings));
    assert!(check::has_warnings(&findings));
}

#[test]
fn a_rule_turned_off_finds_nothing() {
    let mut d = model();
    d.review
        .rules
        .insert("api/no-security".into(), RuleSetting::Off);
    assert_eq!(
        rules(&check::check(&d)),
        [("data/fk-without-index", "a_id", Severity::Warning, false)]
    );
}

#[test]
fn severities_can_be_lowered_and_raised_and_errors_stop_exports() {
    let mut d = model();
    d.review
        .rules
        .insert("api/no-security".into(), RuleSetting::Info);
    d.review
        .rules
        .insert("data/fk-without-index".into(), RuleSetting::Error);
    let findings = check::check(&d);
    assert_eq!(
        rules(&findings),
        [
            ("data/fk-without-index", "a_id", Severity::Error, false),
            ("api/no-security", "getHealth", Severity::Info, false),
            ("api/no-security", "getMetrics", Severity::Info, false),
        ]
    );
    assert!(check::has_errors(&findings));
    let refused = export::export(&d, Format::Postgres, &Options::default());
    assert!(
        matches!(&refused, Err(ExportError::Invalid(f)) if f.len() == 1 && f[0].rule == "data/fk-without-index"),
        "{refused:?}"
    );
}

#[test]
fn a_mark_on_an_endpoint_accepts_only_that_endpoint() {
    let mut d = model();
    d.apis[0].endpoints[0]
        .accepted
        .push(accept("api/no-security", "Load balancer health check."));
    let findings = check::check(&d);
    assert_eq!(
        rules(&findings),
        [
            ("api/no-security", "getHealth", Severity::Warning, true),
            ("api/no-security", "getMetrics", Severity::Warning, false),
            ("data/fk-without-index", "a_id", Severity::Warning, false),
        ]
    );
    assert_eq!(
        findings[0].accepted.as_deref(),
        Some("Load balancer health check.")
    );
}

#[test]
fn a_mark_on_an_item_covers_its_parts_and_accepted_findings_count_for_nothing() {
    let mut d = model();
    d.apis[0]
        .accepted
        .push(accept("api/no-security", "Internal API: mTLS at the mesh."));
    d.entities[1]
        .accepted
        .push(accept("data/fk-without-index", "Ten rows; never joined."));
    let findings = check::check(&d);
    assert_eq!(
        rules(&findings),
        [
            ("api/no-security", "getHealth", Severity::Warning, true),
            ("api/no-security", "getMetrics", Severity::Warning, true),
            ("data/fk-without-index", "a_id", Severity::Warning, true),
        ]
    );
    assert!(!check::has_warnings(&findings));
    assert!(!check::has_errors(&findings));
}

#[test]
fn structural_rules_cannot_be_turned_off_lowered_or_accepted() {
    let mut d = model();
    d.entities[0].primary_key.clear();
    d.entities[0]
        .accepted
        .push(accept("data/no-primary-key", "Log table."));
    d.review
        .rules
        .insert("data/no-primary-key".into(), RuleSetting::Info);
    let findings = check::check(&d);
    let pk: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "data/no-primary-key")
        .collect();
    assert_eq!(pk.len(), 1);
    assert_eq!(pk[0].severity, Severity::Error);
    assert!(pk[0].accepted.is_none());
    assert!(check::has_errors(&findings));
    let not_tunable: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.rule == "review/not-tunable")
        .map(|f| (f.element.as_str(), f.part.as_str()))
        .collect();
    assert_eq!(not_tunable, [("", "data/no-primary-key"), ("a", "")]);
}

#[test]
fn review_findings_can_be_tuned_too() {
    let mut d = model();
    d.review
        .rules
        .insert("data/no-such-rule".into(), RuleSetting::Off);
    d.review
        .rules
        .insert("review/unknown-rule".into(), RuleSetting::Info);
    let findings = check::check(&d);
    let unknown: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "review/unknown-rule")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].severity, Severity::Info);
    assert_eq!(unknown[0].path, "Tuning › review › data/no-such-rule");
}

const TUNED: &str = r#"(
    format: 1,
    name: "Tuned",
    review: (
        rules: {
            "api/no-security": Info,
            "arch/not-in-view": Off,
        },
    ),
    systems: [
        (
            id: "sys",
            name: "System",
        ),
    ],
    containers: [
        (
            id: "svc",
            system: "sys",
            name: "Service",
            kind: Service,
            technology: "Rust",
            accepted: [
                (
                    rule: "arch/no-description",
                    reason: "Nothing to describe.",
                ),
            ],
        ),
    ],
)
"#;

#[test]
fn the_review_section_reads_and_writes_back_unchanged() {
    let doc = store::parse(TUNED, Path::new("tuned.ron")).expect("loads");
    assert_eq!(
        doc.review.setting("api/no-security"),
        Some(RuleSetting::Info)
    );
    assert_eq!(
        doc.review.setting("arch/not-in-view"),
        Some(RuleSetting::Off)
    );
    assert_eq!(
        store::to_ron(&doc).expect("the model turns into text"),
        TUNED
    );
    // An untuned model writes no review section at all.
    assert!(
        !store::to_ron(&Document::new("x"))
            .expect("the model turns into text")
            .contains("review")
    );
}

#[test]
fn a_bad_setting_is_a_load_error_and_an_unknown_rule_a_finding() {
    let bad = TUNED.replace("\"api/no-security\": Info", "\"api/no-security\": Loud");
    let err = store::parse(&bad, Path::new("tuned.ron")).expect_err("Loud is no setting");
    assert_eq!(err.kind, store::LoadErrorKind::Structure, "{err}");
    assert!(err.line > 0, "{err}");

    let unknown = TUNED.replace("\"api/no-security\"", "\"api/no-securty\"");
    let doc = store::parse(&unknown, Path::new("tuned.ron")).expect("loads");
    let findings = check::check(&doc);
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "review/unknown-rule" && f.part == "api/no-securty"),
        "{findings:#?}"
    );
    // The container's mark finds nothing to accept.
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "review/unused-acceptance" && f.element == "svc"),
        "{findings:#?}"
    );
}

#[test]
fn a_finding_serializes_to_a_stable_object() {
    let mut d = model();
    d.apis[0].endpoints[0]
        .accepted
        .push(accept("api/no-security", "Health check."));
    let findings = check::check(&d);
    let json = serde_json::to_string(&findings[..2]).expect("json");
    assert_eq!(
        json,
        concat!(
            r#"[{"rule":"api/no-security","severity":"warning","element":"api","part":"getHealth","#,
            r#""path":"System › Service › API › GET /health","#,
            r#""message":"GET /health (getHealth) requires no security scheme and is not marked public.","#,
            r#""hint":"Require a scheme (bearer token, OAuth2 scopes or API key), or set `public: true` if anonymous callers are meant to use it.","#,
            r#""accepted":"Health check."},"#,
            r#"{"rule":"api/no-security","severity":"warning","element":"api","part":"getMetrics","#,
            r#""path":"System › Service › API › GET /metrics","#,
            r#""message":"GET /metrics (getMetrics) requires no security scheme and is not marked public.","#,
            r#""hint":"Require a scheme (bearer token, OAuth2 scopes or API key), or set `public: true` if anonymous callers are meant to use it."}]"#
        )
    );
}

/// `check::errors` (what exports ask) skips the review rules when no
/// setting raises one to error; it must give exactly the errors of a full
/// check, in the same order, on every kind of model.
#[test]
fn errors_alone_are_the_errors_of_a_full_check() {
    let full = |d: &Document| -> Vec<Finding> {
        check::check(d)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    };
    let mut docs: Vec<(String, Document)> = Vec::new();
    for name in ["shop", "saas", "legacy"] {
        docs.push((name.into(), common::load_sample(name)));
    }
    docs.push(("generated".into(), archdesk::generate::model(5, 300)));
    docs.push(("tuning".into(), model()));
    // Structural errors of several kinds, with review findings around them.
    let mut broken = model();
    broken.entities[1].foreign_keys[0].references = "missing".into();
    broken.entities[0]
        .fields
        .push(Field::new("ID", FieldType::Uuid));
    broken.entities[0].primary_key.clear();
    broken.apis[0].endpoints[1].operation_id = "getHealth".into();
    docs.push(("broken".into(), broken.clone()));
    // A review rule raised to error, one accepted, a structural one "lowered".
    let mut raised = broken.clone();
    raised
        .review
        .rules
        .insert("data/fk-without-index".into(), RuleSetting::Error);
    raised
        .review
        .rules
        .insert("api/no-security".into(), RuleSetting::Error);
    raised.apis[0].endpoints[0]
        .accepted
        .push(accept("api/no-security", "health checks are public"));
    raised
        .review
        .rules
        .insert("data/no-primary-key".into(), RuleSetting::Info);
    docs.push(("raised".into(), raised));
    // A structural rule set to Error changes nothing and takes the short way.
    let mut noop = broken;
    noop.review
        .rules
        .insert("data/no-primary-key".into(), RuleSetting::Error);
    docs.push(("structural-setting".into(), noop));

    let mut with_errors = 0;
    for (name, d) in &docs {
        let expected = full(d);
        with_errors += usize::from(!expected.is_empty());
        assert_eq!(check::errors(d), expected, "{name}");
    }
    assert_eq!(with_errors, 3, "the broken models have errors to compare");
}
