//! `archdesk diff` as a pull request's pipeline runs it: files and git
//! revisions, the three formats, and diff(1)'s exit codes.

mod common;

use std::path::Path;
use std::process::Command;

use common::{archdesk, git_ok, root, stderr, stdout, temp_dir};

/// The shop sample with its order service renamed and a column dropped.
fn changed_shop(dir: &Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("samples/shop.ron")).expect("sample");
    let text = text.replacen("name: \"Order service\"", "name: \"Orders\"", 1);
    let mut doc = archdesk::store::parse(&text, Path::new("shop.ron")).expect("parses");
    let orders = doc
        .entities
        .iter_mut()
        .find(|e| e.id == "orders")
        .expect("orders");
    orders.fields.retain(|f| f.name != "currency");
    let path = dir.join("shop-v2.ron");
    archdesk::store::save(&path, &doc).expect("save");
    path
}

#[test]
fn the_same_model_is_exit_0_and_a_changed_one_exit_1() {
    let shop = root().join("samples/shop.ron");
    let shop = shop.to_str().expect("utf-8 path");
    let out = archdesk(&["diff", shop, shop]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No changes\n");

    let dir = temp_dir();
    let v2 = changed_shop(dir.path());
    let v2 = v2.to_str().expect("utf-8 path");
    let out = archdesk(&["diff", shop, v2]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("~ container order-service \"Orders\" (renamed from \"Order service\")"),
        "{text}"
    );
    assert!(text.contains("fields[currency]: "), "{text}");
    assert!(text.contains("breaking: drops column currency"), "{text}");
    assert!(
        text.ends_with("2 changed (1 renamed); 1 breaking\n"),
        "{text}"
    );

    // --breaking: 1 only for a breaking change.
    let out = archdesk(&["diff", shop, v2, "--breaking"]);
    assert_eq!(out.status.code(), Some(1));
    let renamed = dir.path().join("renamed.ron");
    let text = std::fs::read_to_string(root().join("samples/shop.ron")).expect("sample");
    std::fs::write(
        &renamed,
        text.replacen("name: \"Order service\"", "name: \"Orders\"", 1),
    )
    .expect("write");
    let out = archdesk(&["diff", shop, renamed.to_str().expect("utf-8"), "--breaking"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a rename of an element breaks nothing"
    );
    assert!(stdout(&out).ends_with("1 changed (1 renamed); nothing breaking\n"));
}

#[test]
fn markdown_and_json_are_for_a_pull_request_and_a_program() {
    let dir = temp_dir();
    let v2 = changed_shop(dir.path());
    let shop = root().join("samples/shop.ron");
    let args = |format: &'static str| {
        vec![
            "diff".to_owned(),
            shop.display().to_string(),
            v2.display().to_string(),
            "--format".to_owned(),
            format.to_owned(),
        ]
    };
    let run = |format| {
        let a = args(format);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        archdesk(&a)
    };
    let md = stdout(&run("markdown"));
    assert_eq!(md, stdout(&run("markdown")), "the same bytes every time");
    assert!(
        md.starts_with("## Model changes\n\n**2 changed (1 renamed); 1 breaking**\n"),
        "{md}"
    );
    let elements = md.find("### Elements").expect("elements section");
    let data = md.find("### Data").expect("data section");
    assert!(elements < data, "areas in order");
    assert!(
        md.contains("- **Renamed** container `order-service` `Orders` (was `Order service`)"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&run("json"))).expect("JSON");
    assert_eq!(json["summary"]["changed"], 2);
    assert_eq!(json["items"][1]["id"], "orders");
    assert_eq!(
        json["items"][1]["properties"][0]["path"],
        "fields[currency]"
    );
    assert_eq!(
        json["items"][1]["properties"][0]["new"],
        serde_json::Value::Null
    );
}

#[test]
fn git_revisions_are_read_from_the_repository_here() {
    let dir = temp_dir();
    let repo = dir.path();
    git_ok(repo, &["init", "-q"]);
    std::fs::copy(root().join("samples/shop.ron"), repo.join("model.ron")).expect("copy");
    git_ok(repo, &["add", "model.ron"]);
    git_ok(repo, &["commit", "-q", "-m", "v1"]);
    let v2 = changed_shop(repo);
    std::fs::rename(&v2, repo.join("model.ron")).expect("move");
    git_ok(repo, &["commit", "-q", "-am", "v2"]);

    let bin = env!("CARGO_BIN_EXE_archdesk");
    let run = |args: &[&str]| {
        Command::new(bin)
            .args(args)
            .current_dir(repo)
            .output()
            .expect("run archdesk")
    };
    let out = run(&["diff", "git:HEAD~1:model.ron", "git:HEAD:model.ron"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("renamed from \"Order service\""));
    // A revision against the working file.
    let out = run(&["diff", "git:HEAD:model.ron", "model.ron"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A revision that is not there: one sentence, exit 2.
    let out = run(&["diff", "git:no-such-rev:model.ron", "model.ron"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("archdesk: cannot read git:no-such-rev:model.ron: git says"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let out = run(&["diff", "git:HEAD", "model.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("write it as git:REV:PATH"));
}

#[test]
fn a_malformed_model_is_exit_2_with_its_place() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.ron");
    std::fs::write(
        &bad,
        "(\n  format: 1,\n  name: \"x\",\n  people: [oops],\n)\n",
    )
    .expect("write");
    let shop = root().join("samples/shop.ron");
    let out = archdesk(&[
        "diff",
        shop.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("bad.ron:4:"), "{err}");
    assert!(stdout(&out).is_empty(), "nothing on stdout");
    // The files are untouched.
    assert!(
        std::fs::read_to_string(&bad)
            .expect("read")
            .contains("oops")
    );
}
