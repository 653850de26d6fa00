//! Atomic saving: temporary file, fsync, backup, rename.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::Document;

/// Why a save failed. The target file is unchanged when one is returned.
#[derive(Debug, Error)]
#[error(
    "{file}: could not be saved ({source}) while {stage}; the file on disk is unchanged — check the folder's permissions and free space, then save again"
)]
pub struct SaveError {
    pub file: PathBuf,
    pub stage: SaveStage,
    #[source]
    pub source: io::Error,
}

/// The steps of a save, named for errors and for tests that interrupt one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStage {
    /// Turning the model into the text of its file.
    Serialize,
    /// Writing and syncing the temporary file beside the target.
    WriteTemp,
    /// Keeping the previous version as `FILE.bak`.
    Backup,
    /// Renaming the temporary file over the target.
    Rename,
}

impl std::fmt::Display for SaveStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Serialize => "turning the model into text",
            Self::WriteTemp => "writing the temporary file",
            Self::Backup => "keeping the previous version as a backup",
            Self::Rename => "replacing the file",
        })
    }
}

/// Saves the model to `path` atomically, keeping the previous file as `PATH.bak`.
pub fn save(path: &Path, doc: &Document) -> Result<(), SaveError> {
    let text = model_text(path, doc)?;
    save_text_with_hook(path, &text, &mut |_| Ok(()))
}

/// The text of `doc` for saving it at `path`, or the error that stops the
/// save before anything is written.
pub(super) fn model_text(path: &Path, doc: &Document) -> Result<String, SaveError> {
    super::to_ron(doc).map_err(|e| SaveError {
        file: path.to_owned(),
        stage: SaveStage::Serialize,
        source: io::Error::other(e.to_string()),
    })
}

/// Writes `text` to `path` atomically (temporary file, fsync, rename), with
/// no backup: for exports, which can be made again from the model.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), SaveError> {
    write_impl(path, text, false, &mut |_| Ok(()))
}

/// `PATH.bak` for `PATH`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `text` to `path` atomically. `hook` runs after each stage has
/// finished; an error from it aborts the save as a failure of that stage
/// would (tests use it to interrupt a save at a chosen point).
pub fn save_text_with_hook(
    path: &Path,
    text: &str,
    hook: &mut dyn FnMut(SaveStage) -> io::Result<()>,
) -> Result<(), SaveError> {
    write_impl(path, text, true, hook)
}

fn write_impl(
    path: &Path,
    text: &str,
    backup: bool,
    hook: &mut dyn FnMut(SaveStage) -> io::Result<()>,
) -> Result<(), SaveError> {
    // Save through a symbolic link to the file it points at.
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let fail = |stage, source| SaveError {
        file: path.to_owned(),
        stage,
        source,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let cleanup = |e: SaveError| {
        let _ = fs::remove_file(&temp);
        e
    };

    write_synced(&temp, text.as_bytes(), fs::metadata(&target).ok().as_ref())
        .and_then(|()| hook(SaveStage::WriteTemp))
        .map_err(|e| cleanup(fail(SaveStage::WriteTemp, e)))?;

    if backup && target.exists() {
        let bak = backup_path(&target);
        let bak_temp = dir.join(format!(".{name}.{}.bak.tmp", std::process::id()));
        let _ = fs::remove_file(&bak_temp);
        // The old file becomes the backup without a copy: a second name for
        // it, which keeps the old bytes once the rename below points the
        // file's name at the new ones (nothing ever writes into it). Where
        // the file system has no hard links, copy it.
        fs::hard_link(&target, &bak_temp)
            .or_else(|_| fs::read(&target).and_then(|old| write_synced(&bak_temp, &old, None)))
            .and_then(|()| fs::rename(&bak_temp, &bak))
            .and_then(|()| hook(SaveStage::Backup))
            .map_err(|e| {
                let _ = fs::remove_file(&bak_temp);
                cleanup(fail(SaveStage::Backup, e))
            })?;
    }

    fs::rename(&temp, &target)
        .and_then(|()| hook(SaveStage::Rename))
        .map_err(|e| cleanup(fail(SaveStage::Rename, e)))?;
    // Make the rename itself durable; not every platform can sync a folder.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8], like: Option<&fs::Metadata>) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)?;
    file.write_all(bytes)?;
    if let Some(meta) = like {
        file.set_permissions(meta.permissions())?;
    }
    file.sync_all()
}
