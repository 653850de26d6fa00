//! Helpers shared by the integration tests: where the repository and its
//! samples are, loading them, running the `archdesk` binary, temporary
//! folders, and whether tests that need a server or a tool may skip.
//!
//! Each test file that uses it says `mod common;`. Every test binary
//! compiles this module and uses a part of it, hence the `dead_code`
//! allowance. It must not hold what only one test file needs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use archdesk::model::Document;
use archdesk::store;

/// The repository root (the crate's manifest folder).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The samples folder.
pub fn samples_dir() -> PathBuf {
    root().join("samples")
}

/// The absolute path of a sample: `sample("shop")` is `<root>/samples/shop.ron`.
pub fn sample(name: &str) -> PathBuf {
    samples_dir().join(format!("{name}.ron"))
}

/// [`sample`] as a string, for command lines.
pub fn sample_arg(name: &str) -> String {
    sample(name)
        .to_str()
        .expect("the repository path is UTF-8")
        .to_owned()
}

/// A sample, loaded (with the integrity checks of `store::load`).
pub fn load_sample(name: &str) -> Document {
    load(&sample(name))
}

/// A model file, loaded; a load error fails the test with its sentence.
pub fn load(path: &Path) -> Document {
    store::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// Every sample: the `.ron` files of `samples/`, read from the folder so
/// that a new sample is picked up, sorted by path. Never empty.
pub fn sample_paths() -> Vec<PathBuf> {
    let dir = samples_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no samples in {}", dir.display());
    files
}

/// Every sample with its path, loaded, in the order of [`sample_paths`].
pub fn load_samples() -> Vec<(PathBuf, Document)> {
    sample_paths()
        .into_iter()
        .map(|p| {
            let doc = load(&p);
            (p, doc)
        })
        .collect()
}

/// Runs the `archdesk` binary in the repository root and waits for it.
pub fn archdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_archdesk"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run archdesk")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh temporary folder, removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Whether tests that need a server or an outside tool must fail instead
/// of skipping when it is missing: `ARCHDESK_REQUIRE_ENGINES=1`, as
/// scripts/test sets it.
pub fn require_engines() -> bool {
    std::env::var("ARCHDESK_REQUIRE_ENGINES").is_ok_and(|v| v == "1")
}

/// The first file called `name` in a folder of `PATH`, if any.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs git in `dir` with a fixed author, and gives its output.
pub fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git runs")
}

/// As [`git`], failing the test when git fails.
pub fn git_ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}
