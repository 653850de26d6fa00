//! `archdesk check` on the review: grouping, `--json`, `--deny warnings`,
//! exit codes, and `archdesk rules`.

mod common;
use common::{archdesk, sample_arg, stderr, stdout, temp_dir};

fn legacy() -> String {
    sample_arg("legacy")
}

#[test]
fn warnings_pass_unless_denied() {
    let out = archdesk(&["check", &legacy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = archdesk(&["check", &legacy(), "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = archdesk(&["check", "--json", "--deny", "warnings", &legacy()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A clean model passes even when warnings are denied.
    let out = archdesk(&["check", &sample_arg("shop"), "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn accepted_warnings_do_not_fail_a_denied_check() {
    let dir = temp_dir();
    let path = dir.path().join("accepted.ron");
    std::fs::write(
        &path,
        r#"(
    format: 1,
    name: "Accepted",
    systems: [(id: "sys", name: "System")],
    containers: [
        (id: "svc", system: "sys", name: "Service", kind: Service, accepted: [(rule: "arch/no-technology", reason: "Chosen next sprint.")]),
    ],
)"#,
    )
    .expect("write");
    let file = path.to_str().expect("utf8");
    let out = archdesk(&["check", file, "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report = stdout(&out);
    assert!(
        report.contains("0 errors, 0 warnings, 0 notes (1 accepted)"),
        "{report}"
    );
    assert!(report.contains("accepted: Chosen next sprint."), "{report}");
}

#[test]
fn the_report_is_grouped_by_severity_with_paths() {
    let out = archdesk(&["check", &legacy()]);
    let report = stdout(&out);
    let at = |s: &str| report.find(s).unwrap_or_else(|| panic!("{s} in {report}"));
    assert!(at("\nWarnings (") < at("\nNotes ("));
    assert!(at("\nNotes (") < at("\nAccepted ("));
    assert!(report.contains(
        "warning[data/fk-without-index] Legacy shop › Main database › orders.customer_id"
    ));
}

#[test]
fn json_is_a_stable_array_of_findings() {
    let out = archdesk(&["check", "--json", &legacy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let items = value.as_array().expect("array");
    assert!(!items.is_empty());
    for item in items {
        let obj = item.as_object().expect("object");
        for key in ["rule", "severity", "element", "path", "message", "hint"] {
            assert!(
                obj.get(key).is_some_and(serde_json::Value::is_string),
                "{key} in {item}"
            );
        }
        for key in obj.keys() {
            assert!(
                [
                    "rule", "severity", "element", "part", "path", "message", "hint", "accepted"
                ]
                .contains(&key.as_str()),
                "unexpected {key}"
            );
        }
    }
    assert_eq!(
        items.iter().filter(|i| i.get("accepted").is_some()).count(),
        1
    );
    // Same input, same bytes.
    assert_eq!(archdesk(&["check", "--json", &legacy()]).stdout, out.stdout);
}

#[test]
fn bad_input_and_bad_flags_exit_2() {
    let out = archdesk(&["check", "/no/such/model.ron", "--deny", "warnings"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/model.ron"),
        "{}",
        stderr(&out)
    );
    let out = archdesk(&["check", &legacy(), "--deny", "everything"]);
    assert_eq!(out.status.code(), Some(2));
    let dir = temp_dir();
    let path = dir.path().join("bad.ron");
    std::fs::write(
        &path,
        "(format: 1, name: \"x\", review: (rules: {\"api/unversioned\": Loud}))",
    )
    .expect("write");
    let out = archdesk(&["check", path.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("bad.ron:1:"), "{}", stderr(&out));
}

#[test]
fn rules_lists_every_rule_and_prints_the_docs() {
    let out = archdesk(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for r in archdesk::check::RULES {
        assert!(text.contains(r.id), "{}", r.id);
    }
    let out = archdesk(&["rules", "--markdown"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), archdesk::check::rules_markdown());
    let out = archdesk(&["rules", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        value.as_array().map(Vec::len),
        Some(archdesk::check::RULES.len())
    );
}
