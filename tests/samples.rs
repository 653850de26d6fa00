//! Every sample loads, passes `check` with no errors, and is stored in the
//! canonical form that saving writes, so save → load → save is byte-identical.
//!
//! `UPDATE_SAMPLES=1 cargo test --test samples` rewrites samples into their
//! canonical form (review the diff).

use std::path::PathBuf;

use archdesk::{check, store};

mod common;

fn samples() -> Vec<PathBuf> {
    let files = common::sample_paths();
    assert!(
        files.len() >= 2,
        "expected the shop and saas samples, found {files:?}"
    );
    files
}

#[test]
fn samples_are_canonical_and_round_trip_byte_for_byte() {
    for path in samples() {
        let text = std::fs::read_to_string(&path).expect("read sample");
        let doc = store::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        let saved = store::to_ron(&doc).expect("the model turns into text");
        let again = store::parse(&saved, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            doc,
            again,
            "{}: load(save(doc)) differs from doc",
            path.display()
        );
        assert_eq!(
            saved,
            store::to_ron(&again).expect("the model turns into text"),
            "{}: save → load → save is not byte-identical",
            path.display()
        );
        if std::env::var_os("UPDATE_SAMPLES").is_some() {
            std::fs::write(&path, &saved).expect("rewrite sample");
        } else {
            assert!(
                text == saved,
                "{} is not in canonical form; run UPDATE_SAMPLES=1 cargo test --test samples and review the diff",
                path.display()
            );
        }
    }
}

#[test]
fn samples_have_no_errors() {
    for path in samples() {
        let doc = store::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let findings = check::check(&doc);
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == check::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}
