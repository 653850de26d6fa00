//! The command-line contract of DESIGN.md: commands, exit codes and one-sentence errors.

mod common;
use common::{archdesk, sample, sample_arg, stderr, temp_dir};

#[test]
fn check_passes_the_samples() {
    for s in ["shop", "saas"] {
        let out = archdesk(&["check", &sample_arg(s)]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{s}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors"));
    }
}

#[test]
fn check_json_is_an_array() {
    let out = archdesk(&["check", "--json", &sample_arg("shop")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(value.is_array());
}

#[test]
fn a_dangling_id_is_an_invalid_file_named_with_its_line() {
    let dir = temp_dir();
    let path = dir.path().join("broken.ron");
    let text = std::fs::read_to_string(sample("shop")).expect("read");
    // The first relationship's target, on its own line in the canonical file.
    let broken = text.replacen("to: \"web-shop\"", "to: \"web-shopp\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).expect("write");
    let line = broken
        .lines()
        .position(|l| l.contains("web-shopp"))
        .expect("line")
        + 1;
    let out = archdesk(&["check", path.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("broken.ron:{line}:")), "{err}");
    assert!(err.contains("web-shopp"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        broken,
        "file untouched"
    );
}

#[test]
fn a_model_with_errors_exits_1_and_lists_them() {
    let dir = temp_dir();
    let path = dir.path().join("nopk.ron");
    let text = std::fs::read_to_string(sample("shop")).expect("read");
    // Take the primary key off the first entity (users).
    let broken = text.replacen(
        "            primary_key: [\n                \"id\",\n            ],\n",
        "",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).expect("write");
    let out = archdesk(&["check", path.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("error[data/no-primary-key] Shop › User database › users"),
        "{report}"
    );

    let out = archdesk(&["export", path.to_str().expect("utf8"), "--to", "postgres"]);
    assert_eq!(
        out.status.code(),
        Some(if archdesk::export::Format::Postgres.is_built() {
            1
        } else {
            2
        }),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        archdesk(&["export", &sample_arg("shop"), "--to", "pdf"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(archdesk(&["check"]).status.code(), Some(2));
    assert_eq!(archdesk(&["frobnicate", "x", "y"]).status.code(), Some(2));
    let out = archdesk(&["check", "/no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/file.ron: cannot be read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exports_that_are_not_built_say_so() {
    for f in archdesk::export::Format::ALL {
        if f.is_built() {
            continue;
        }
        let out = archdesk(&["export", &sample_arg("shop"), "--to", f.name()]);
        assert_eq!(out.status.code(), Some(2), "{f}");
        assert!(
            stderr(&out).contains("not part of this version"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn help_lists_the_commands_and_exit_codes() {
    let out = archdesk(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for word in ["check", "export", "Exit codes"] {
        assert!(help.contains(word), "{help}");
    }
    let out = archdesk(&["export", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for f in archdesk::export::Format::ALL {
        assert!(help.contains(f.name()), "{help}");
    }
}
