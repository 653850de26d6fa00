//! `archdesk merge` as git runs it: a merge driver set up with
//! .gitattributes and git config, two branches that changed one model.

mod common;

use std::path::Path;
use std::process::Command;

use common::{git, git_ok, root, stderr, stdout, temp_dir};

/// Replaces the first `from` in the model file with `to`.
fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).expect("read");
    assert!(text.contains(from), "{from}");
    std::fs::write(file, text.replacen(from, to, 1)).expect("write");
}

/// A repository with the shop model, the driver installed as README says.
fn repo(dir: &Path) -> std::path::PathBuf {
    git_ok(dir, &["init", "-q", "-b", "main"]);
    let bin = env!("CARGO_BIN_EXE_archdesk");
    std::fs::write(dir.join(".gitattributes"), "*.ron merge=archdesk\n").expect("attributes");
    git_ok(
        dir,
        &["config", "merge.archdesk.name", "archdesk model merge"],
    );
    git_ok(
        dir,
        &[
            "config",
            "merge.archdesk.driver",
            &format!("{bin} merge %O %A %B -o %A --report %P.conflicts.txt"),
        ],
    );
    let model = dir.join("shop.ron");
    std::fs::copy(root().join("samples/shop.ron"), &model).expect("copy");
    git_ok(dir, &["add", "."]);
    git_ok(dir, &["commit", "-q", "-m", "base"]);
    model
}

/// Their edit on a branch, ours on main, then `git merge theirs`.
fn branches(
    dir: &Path,
    model: &Path,
    theirs: (&str, &str),
    ours: (&str, &str),
) -> std::process::Output {
    git_ok(dir, &["checkout", "-q", "-b", "theirs"]);
    edit(model, theirs.0, theirs.1);
    git_ok(dir, &["commit", "-q", "-am", "theirs"]);
    git_ok(dir, &["checkout", "-q", "main"]);
    edit(model, ours.0, ours.1);
    git_ok(dir, &["commit", "-q", "-am", "ours"]);
    git(dir, &["merge", "-q", "--no-edit", "theirs"])
}

const REDIS: &str = "technology: \"Redis 7\"";

#[test]
fn git_merges_two_branches_that_changed_different_properties() {
    let dir = temp_dir();
    let model = repo(dir.path());
    // Their change: the session cache's technology, a line next to ours.
    let out = branches(
        dir.path(),
        &model,
        (REDIS, "technology: \"Valkey 8\""),
        ("name: \"Session cache\"", "name: \"Session store\""),
    );
    assert!(out.status.success(), "the merge succeeds: {}", stderr(&out));
    let merged = archdesk::store::load(&model).expect("a model");
    let cache = merged
        .containers
        .iter()
        .find(|c| c.id == "session-cache")
        .expect("cache");
    assert_eq!(
        (cache.name.as_str(), cache.technology.as_str()),
        ("Session store", "Valkey 8")
    );
    assert!(!dir.path().join("shop.ron.conflicts.txt").exists());
    let status = git(dir.path(), &["status", "--porcelain"]);
    assert_eq!(
        stdout(&status),
        "",
        "nothing left behind in the working tree"
    );
}

#[test]
fn the_same_property_changed_twice_is_a_conflict_that_keeps_ours() {
    let dir = temp_dir();
    let model = repo(dir.path());
    let out = branches(
        dir.path(),
        &model,
        (REDIS, "technology: \"Valkey 8\""),
        (REDIS, "technology: \"Dragonfly\""),
    );
    assert!(!out.status.success(), "git stops on the conflict");
    // Ours as committed on main: the merge left it as it was.
    let ours = git(dir.path(), &["show", "HEAD:shop.ron"]).stdout;
    assert_eq!(
        std::fs::read(&model).expect("kept"),
        ours,
        "ours, unchanged"
    );
    let report =
        std::fs::read_to_string(dir.path().join("shop.ron.conflicts.txt")).expect("a report");
    assert!(
        report.contains(
            "- session-cache technology: ours \"Dragonfly\", theirs \"Valkey 8\" (base \"Redis 7\")"
        ),
        "{report}"
    );
}

#[test]
fn without_output_the_merge_goes_to_stdout_and_bad_input_is_exit_2() {
    let dir = temp_dir();
    let shop = root().join("samples/shop.ron");
    let theirs = dir.path().join("theirs.ron");
    std::fs::copy(&shop, &theirs).expect("copy");
    edit(
        &theirs,
        "name: \"Session cache\"",
        "name: \"Session store\"",
    );
    let bin = env!("CARGO_BIN_EXE_archdesk");
    let out = Command::new(bin)
        .args(["merge"])
        .args([&shop, &shop, &theirs])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let merged = archdesk::store::parse(&stdout(&out), Path::new("-")).expect("a model");
    assert!(merged.containers.iter().any(|c| c.name == "Session store"));
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format: 1, name: ").expect("write");
    let out = Command::new(bin)
        .args(["merge"])
        .args([&shop, &bad, &theirs])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.ron:1:"), "{}", stderr(&out));
}

#[test]
fn a_merge_that_does_not_hold_together_is_a_conflict() {
    let dir = temp_dir();
    let base = archdesk::store::load(&root().join("samples/shop.ron")).expect("sample");
    // Ours removes the administrator; theirs gives them a new relationship.
    let mut ours = base.clone();
    ours.people.retain(|p| p.id != "admin");
    ours.relationships
        .retain(|r| r.from != "admin" && r.to != "admin");
    let mut theirs = base.clone();
    let mut r = archdesk::model::Relationship::new("admin-audit", "admin", "order-service");
    r.description = "Audits orders in".into();
    theirs.relationships.push(r);
    let path = |name: &str| dir.path().join(name);
    for (name, doc) in [
        ("base.ron", &base),
        ("ours.ron", &ours),
        ("theirs.ron", &theirs),
    ] {
        archdesk::store::save(&path(name), doc).expect("save");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_archdesk"))
        .arg("merge")
        .args([path("base.ron"), path("ours.ron"), path("theirs.ron")])
        .arg("-o")
        .arg(path("merged.ron"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = std::fs::read_to_string(path("merged.ron.conflicts.txt")).expect("report");
    assert!(
        report.contains("- the merged model does not hold together: "),
        "{report}"
    );
    assert!(report.contains("admin"), "{report}");
    assert_eq!(
        std::fs::read(path("merged.ron")).expect("out"),
        std::fs::read(path("ours.ron")).expect("ours"),
        "ours is kept in OUT"
    );
}
