//! Autosave and crash recovery: while a model has unsaved changes the editor
//! writes it every 30 s to a recovery file beside it
//! (`.NAME.ron.recovery`); saving or discarding removes it. When a file is
//! opened and a recovery file newer than it exists, the editor offers to
//! recover. The model file itself is never touched by this.

use std::path::{Path, PathBuf};

use super::{LoadError, SaveError, parse_bytes, write_atomic, write_atomic_like};
use crate::model::Document;

/// The recovery file for a model file; for a model never saved, one in the
/// user's data folder.
pub fn recovery_path(model: Option<&Path>) -> PathBuf {
    match model {
        Some(path) => {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            path.with_file_name(format!(".{name}.recovery"))
        }
        None => data_dir().join("untitled.ron.recovery"),
    }
}

/// `$XDG_DATA_HOME/archdesk`, or `~/.local/share/archdesk`, or the temp folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("archdesk");
    }
    if let Some(home) = std::env::var_os("HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(home).join(".local/share/archdesk");
    }
    std::env::temp_dir().join("archdesk")
}

/// Writes the recovery copy of a model with unsaved changes.
pub fn write_recovery(model: Option<&Path>, doc: &Document) -> Result<PathBuf, SaveError> {
    let path = recovery_path(model);
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let text = super::save::model_text(&path, doc)?;
    // As private as the model: a recovery copy of a 0600 model is 0600.
    match model.filter(|m| m.exists()) {
        Some(model) => write_atomic_like(&path, &text, model)?,
        None => write_atomic(&path, &text)?,
    }
    Ok(path)
}

/// Removes the recovery copy (after a save, or when changes are discarded).
pub fn remove_recovery(model: Option<&Path>) {
    let _ = std::fs::remove_file(recovery_path(model));
}

/// A recovery copy worth offering: newer than the model file (or the model
/// does not exist) and different from it.
pub fn pending_recovery(model: Option<&Path>) -> Option<Result<(PathBuf, Document), LoadError>> {
    let path = recovery_path(model);
    let rec_meta = std::fs::metadata(&path).ok()?;
    if let Some(model) = model
        && let Ok(model_meta) = std::fs::metadata(model)
    {
        // At the same time as the model counts as newer: where file times
        // are coarse, an autosave and a save can share one; a copy that
        // differs is then worth offering rather than losing.
        let newer = match (rec_meta.modified(), model_meta.modified()) {
            (Ok(r), Ok(m)) => r >= m,
            _ => true,
        };
        let same = std::fs::read(&path).ok() == std::fs::read(model).ok();
        if !newer || same {
            return None;
        }
    }
    let bytes = std::fs::read(&path).ok()?;
    Some(parse_bytes(&bytes, &path).map(|doc| (path, doc)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_copy_is_offered_until_removed() {
        use std::time::{Duration, SystemTime};
        let dir = tempfile::tempdir().expect("dir");
        let model = dir.path().join("m.ron");
        std::fs::write(
            &model,
            super::super::to_ron(&Document::new("saved")).expect("text"),
        )
        .expect("write");
        assert!(pending_recovery(Some(&model)).is_none());
        write_recovery(Some(&model), &Document::new("unsaved")).expect("recovery");
        let path = recovery_path(Some(&model));
        let set_time = |p: &Path, t: SystemTime| {
            std::fs::File::options()
                .write(true)
                .open(p)
                .and_then(|f| f.set_modified(t))
                .expect("set the time");
        };
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        // Older than the model: the model was saved after it; not offered.
        set_time(&model, t);
        set_time(&path, t - Duration::from_secs(1));
        assert!(pending_recovery(Some(&model)).is_none(), "older");
        // The same time, and newer: offered.
        for when in [t, t + Duration::from_secs(1)] {
            set_time(&path, when);
            let (found, doc) = pending_recovery(Some(&model))
                .expect("offered")
                .expect("loads");
            assert_eq!(doc.name, "unsaved");
            assert_eq!(found, dir.path().join(".m.ron.recovery"));
        }
        remove_recovery(Some(&model));
        assert!(pending_recovery(Some(&model)).is_none());
    }
}
