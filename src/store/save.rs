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
/// no backup: for exports, which can be made again from the model. An
/// existing file keeps its permissions and owner.
pub fn write_atomic(path: &Path, text: &str) -> Result<(), SaveError> {
    write_impl(path, text.as_bytes(), false, None, &mut |_| Ok(()))
}

/// Why an export was not written.
#[derive(Debug, Error)]
pub enum ExportWriteError {
    /// The path is a model, a backup or a recovery copy: an export never
    /// replaces one.
    #[error(
        "{}: not written, because it is {what} and an export never replaces one; choose another output path",
        target.display()
    )]
    Protected { target: PathBuf, what: &'static str },
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Writes one file of an export to `target` as [`write_atomic`] does,
/// unless `target` is the model the export is made from, another model
/// (`*.ron`), a backup (`*.bak`) or a recovery copy (`*.recovery`).
pub fn write_export(
    target: &Path,
    text: &str,
    model: Option<&Path>,
) -> Result<(), ExportWriteError> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let what = if model.is_some_and(|m| same_file(m, target)) {
        Some("the model being exported")
    } else if name.ends_with(".ron") {
        Some("a model (a .ron file)")
    } else if name.ends_with(".bak") {
        Some("a backup (a .bak file)")
    } else if name.ends_with(".recovery") {
        Some("a recovery copy (a .recovery file)")
    } else {
        None
    };
    if let Some(what) = what {
        return Err(ExportWriteError::Protected {
            target: target.to_owned(),
            what,
        });
    }
    Ok(write_atomic(target, text)?)
}

/// Whether two paths name the same file (through links, or `./` and
/// `../`); false when either does not exist.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (fs::metadata(a), fs::metadata(b)) {
            return (a.dev(), a.ino()) == (b.dev(), b.ino());
        }
        false
    }
    #[cfg(not(unix))]
    {
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
    }
}

/// As [`write_atomic`], with the permissions and owner of `like` (a
/// model's recovery copy takes the model's).
pub fn write_atomic_like(path: &Path, text: &str, like: &Path) -> Result<(), SaveError> {
    write_impl(path, text.as_bytes(), false, Some(like), &mut |_| Ok(()))
}

/// `PATH.bak` for `PATH`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `text` to `path` atomically. `hook` runs after the temporary
/// file is written and after the backup is made, and just before the
/// rename; an error from it aborts the save as a failure of that stage
/// would (tests use it to interrupt a save at a chosen point). A model file
/// that starts with a byte order mark keeps it.
pub fn save_text_with_hook(
    path: &Path,
    text: &str,
    hook: &mut dyn FnMut(SaveStage) -> io::Result<()>,
) -> Result<(), SaveError> {
    let bom = super::BOM.to_string();
    let keep_bom = starts_with(path, bom.as_bytes()) && !text.starts_with(super::BOM);
    if keep_bom {
        let mut bytes = bom.into_bytes();
        bytes.extend_from_slice(text.as_bytes());
        write_impl(path, &bytes, true, None, hook)
    } else {
        write_impl(path, text.as_bytes(), true, None, hook)
    }
}

/// Whether the file at `path` starts with `prefix`.
fn starts_with(path: &Path, prefix: &[u8]) -> bool {
    let mut head = vec![0; prefix.len()];
    File::open(path)
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && head == prefix
}

fn write_impl(
    path: &Path,
    bytes: &[u8],
    backup: bool,
    like: Option<&Path>,
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
    // The new file takes the permissions and owner of the one it replaces
    // (or of `like`) from its first byte.
    let like = fs::metadata(like.unwrap_or(&target)).ok();

    let (temp, file) = create_temp(&dir, &name, ".tmp", like.as_ref())
        .map_err(|e| fail(SaveStage::WriteTemp, e))?;
    let cleanup = |e: SaveError| {
        let _ = fs::remove_file(&temp);
        e
    };
    write_synced(file, bytes, like.as_ref())
        .and_then(|()| hook(SaveStage::WriteTemp))
        .map_err(|e| cleanup(fail(SaveStage::WriteTemp, e)))?;

    if backup && target.exists() {
        let bak = backup_path(&target);
        // The old file becomes the backup without a copy: a second name for
        // it, which keeps the old bytes once the rename below points the
        // file's name at the new ones (nothing ever writes into it). Where
        // the file system has no hard links, copy it.
        let linked = temp_name(&dir, &name, ".bak.tmp");
        let made = fs::hard_link(&target, &linked)
            .map(|()| linked)
            .or_else(|_| {
                let old = fs::read(&target)?;
                let (copy, file) = create_temp(&dir, &name, ".bak.tmp", like.as_ref())?;
                write_synced(file, &old, like.as_ref())
                    .map(|()| copy.clone())
                    .inspect_err(|_| {
                        let _ = fs::remove_file(&copy);
                    })
            });
        match made {
            Ok(bak_temp) => {
                let renamed = fs::rename(&bak_temp, &bak);
                // Gone once renamed; but where the backup already is a link
                // to this very file (an earlier save stopped before its
                // rename), the rename does nothing and leaves it.
                let _ = fs::remove_file(&bak_temp);
                renamed
                    .and_then(|()| hook(SaveStage::Backup))
                    .map_err(|e| cleanup(fail(SaveStage::Backup, e)))?;
            }
            Err(e) => return Err(cleanup(fail(SaveStage::Backup, e))),
        }
    }

    // The hook runs just before the rename: an error there is a rename
    // that failed (after it, the save is done).
    hook(SaveStage::Rename)
        .and_then(|()| fs::rename(&temp, &target))
        .map_err(|e| cleanup(fail(SaveStage::Rename, e)))?;
    // Make the rename itself durable; not every platform can sync a folder.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    remove_stale_temps(&dir, &name);
    Ok(())
}

/// This machine's name as it goes into temporary file names (letters,
/// digits and '-'), read where the system keeps it; `None` where it cannot
/// be read, and then no temporary file can be proven dead.
fn host() -> Option<String> {
    let name = fs::read_to_string("/proc/sys/kernel/hostname").ok()?;
    let name: String = name
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(32)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// A fresh temporary name beside the target `name` in `dir`:
/// `.NAME.HOST.PID.RANDOM` + `suffix`. The random part is from the
/// standard library's per-process random hash keys, so no other process can
/// guess it; host and process say whose it is, for [`remove_stale_temps`].
fn temp_name(dir: &Path, name: &str, suffix: &str) -> PathBuf {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    let host = host().unwrap_or_else(|| "local".into());
    dir.join(format!(
        ".{name}.{host}.{}.{:016x}{suffix}",
        std::process::id(),
        h.finish()
    ))
}

/// Creates a temporary file beside the target under a name that did not
/// exist, so a file or link planted there is never opened or followed. It
/// has the mode of `like` from the start (no wider: the umask can only
/// narrow it, and [`write_synced`] sets it exactly) and its owner where the
/// system allows; with no `like`, a new file's usual mode.
fn create_temp(
    dir: &Path,
    name: &str,
    suffix: &str,
    like: Option<&fs::Metadata>,
) -> io::Result<(PathBuf, File)> {
    let mut last = io::Error::new(io::ErrorKind::AlreadyExists, "no unused temporary name");
    for _ in 0..16 {
        let path = temp_name(dir, name, suffix);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(meta) = like {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(meta.permissions().mode() & 0o777);
        }
        match options.open(&path) {
            Ok(file) => {
                #[cfg(unix)]
                if let Some(meta) = like {
                    keep_owner(&file, meta);
                }
                return Ok((path, file));
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

/// Gives `file` the owner and group of `like` where the system allows it
/// (root can; others can at most pick one of their own groups).
#[cfg(unix)]
fn keep_owner(file: &File, like: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else { return };
    if (now.uid(), now.gid()) == (like.uid(), like.gid()) {
        return;
    }
    if std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(like.gid()));
    }
}

/// Removes the temporary files that saves of the same target left behind
/// when they were killed: those named for it, made on this machine by a
/// process that no longer runs. Where the system does not say which
/// processes run (no `/proc`), or the name is not one of ours, nothing is
/// removed.
fn remove_stale_temps(dir: &Path, name: &str) {
    let Some(host) = host() else { return };
    if !Path::new("/proc/self").exists() {
        return;
    }
    let prefix = format!(".{name}.{host}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(rest) = rest
            .strip_suffix(".bak.tmp")
            .or_else(|| rest.strip_suffix(".tmp"))
        else {
            continue;
        };
        let Some((pid, random)) = rest.split_once('.') else {
            continue;
        };
        let ours = random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit());
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if !ours || pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        if entry.file_type().is_ok_and(|t| !t.is_dir()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` into a new temporary file, gives it the permissions of
/// `like`, and syncs it to disk.
fn write_synced(mut file: File, bytes: &[u8], like: Option<&fs::Metadata>) -> io::Result<()> {
    file.write_all(bytes)?;
    if let Some(meta) = like {
        file.set_permissions(meta.permissions())?;
    }
    file.sync_all()
}
