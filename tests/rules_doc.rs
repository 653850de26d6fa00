//! docs/RULES.md is generated from the rules themselves and must match the
//! code; the registry is well-formed.
//!
//! `UPDATE_DOCS=1 cargo test --test rules_doc` rewrites the file (review the diff).

use std::collections::HashSet;
use std::path::Path;

use archdesk::check::{self, RULES, Severity};

#[test]
fn rules_md_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/RULES.md");
    let generated = check::rules_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/RULES.md");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/RULES.md is out of date; run UPDATE_DOCS=1 cargo test --test rules_doc and review the diff"
    );
    for r in RULES {
        assert!(on_disk.contains(&format!("`{}`", r.id)), "{}", r.id);
    }
}

#[test]
fn rule_ids_are_unique_stable_slugs_with_a_sentence_each() {
    let mut seen = HashSet::new();
    for r in RULES {
        assert!(seen.insert(r.id), "{} is registered twice", r.id);
        let (family, name) = r.id.split_once('/').expect("family/name");
        assert!(
            ["data", "api", "event", "arch", "review"].contains(&family),
            "{}",
            r.id
        );
        assert!(
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{}",
            r.id
        );
        assert!(
            r.summary.ends_with('.') || r.summary.ends_with(".)"),
            "{}: {}",
            r.id,
            r.summary
        );
        assert_eq!(check::rule(r.id).map(|x| x.id), Some(r.id));
    }
    // Review rules are judgement calls: never errors by default.
    for r in RULES
        .iter()
        .filter(|r| ["arch", "review"].contains(&r.family()))
    {
        assert_ne!(r.severity, Severity::Error, "{}", r.id);
    }
}
