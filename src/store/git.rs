//! Models from git: an earlier version of a model file, read through the
//! `git` command (`git show REV:PATH`), and the commits that changed one.
//! Nothing here writes to the repository.

use std::path::Path;
use std::process::{Command, Stdio};

use super::{LoadError, parse_bytes};
use crate::model::Document;

/// Why a version could not be read.
#[derive(Debug)]
pub enum GitError {
    /// git could not be run, or refused: one sentence, what to do.
    Git(String),
    /// The version was read but is not a model.
    Load(LoadError),
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Git(s) => f.write_str(s),
            Self::Load(e) => e.fmt(f),
        }
    }
}

/// Runs git in `dir` and gives its output, or one sentence on failure.
fn git(dir: &Path, args: &[&str], what: &str) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            GitError::Git(format!(
                "cannot read {what}: git could not be run ({e}); is git installed?"
            ))
        })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        let why = why.lines().next().unwrap_or("").trim().to_owned();
        return Err(GitError::Git(format!(
            "cannot read {what}: git says “{why}”; check the revision and the path"
        )));
    }
    Ok(output.stdout)
}

/// The model at `rev:path`, as git names them, read in `dir`'s repository;
/// `label` names it in messages (`git:HEAD~1:model.ron`).
pub fn show(dir: &Path, rev: &str, path: &str, label: &str) -> Result<Document, GitError> {
    let bytes = git(dir, &["show", &format!("{rev}:{path}")], label)?;
    parse_bytes(&bytes, Path::new(label)).map_err(GitError::Load)
}

/// The model `file` was at commit `rev`.
pub fn show_file(file: &Path, rev: &str) -> Result<Document, GitError> {
    let (dir, name) = split(file);
    let label = format!("git:{rev}:{}", file.display());
    show(dir, rev, &format!("./{name}"), &label)
}

/// One commit that changed a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    /// The abbreviated hash.
    pub rev: String,
    /// When, as git shows a date (`2026-12-04`).
    pub date: String,
    pub subject: String,
}

/// The last `n` commits that changed `file`, newest first; none when the
/// file is not in a repository (or git is missing).
pub fn log(file: &Path, n: usize) -> Vec<Commit> {
    let (dir, name) = split(file);
    let count = format!("-n{n}");
    let Ok(out) = git(
        dir,
        &[
            "log",
            &count,
            "--format=%h%x09%ad%x09%s",
            "--date=short",
            "--",
            name,
        ],
        "the history",
    ) else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out)
        .lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            Some(Commit {
                rev: parts.next()?.to_owned(),
                date: parts.next()?.to_owned(),
                subject: parts.next().unwrap_or("").to_owned(),
            })
        })
        .collect()
}

/// A file's folder (to run git in) and its name.
fn split(file: &Path) -> (&Path, &str) {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    (dir, name)
}
