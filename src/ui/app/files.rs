//! Files: opening, saving, autosave, the file dialogs and exports.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::{AUTOSAVE_EVERY, ArchdeskApp, Prompt, Then};
use crate::export::{self, Artifact, ExportError, Format, Options};
use crate::model::{Document, Id, SoftwareSystem, View, ViewKind, c4};
use crate::store;
use crate::text::plural;
use crate::ui::canvas::CanvasState;
use crate::ui::commands::{AppCommand, format_label};

/// What a typed path is for.
#[derive(Clone, Debug, PartialEq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// Export in a format; `file_name` for one file, `None` for a folder of several.
    Export {
        format: Format,
        only: Option<Id>,
        file_name: Option<String>,
    },
}

/// An export computed when it was asked for, waiting for its path.
pub(super) struct PreparedExport {
    format: Format,
    only: Option<Id>,
    /// The document generation it was computed from.
    generation: u64,
    artifacts: Vec<Artifact>,
}

/// A file dialog running on another thread.
pub(super) struct PendingDialog {
    purpose: PathPurpose,
    started: Instant,
    rx: Receiver<Option<PathBuf>>,
}

impl ArchdeskApp {
    /// Shows this document, as if opened from a file without a path
    /// (benchmarks; the editor opens files with [`Self::open_path`]).
    pub fn show_document(&mut self, doc: Document) {
        self.reset_document(doc, None);
    }

    pub(super) fn reset_document(&mut self, doc: Document, path: Option<PathBuf>) {
        let old = (
            std::mem::replace(&mut self.doc, doc),
            std::mem::take(&mut self.history),
        );
        // Freeing a 10,000-element model and its undo history takes tens of
        // milliseconds: done on another thread, so opening a file never
        // waits for it. (If no thread can be made, it is freed here.)
        let _ = std::thread::Builder::new()
            .name("free-document".into())
            .spawn(move || drop(old));
        self.path = path;
        self.saved_fields = crate::ui::inspector::saved_fields(&self.doc);
        self.changes = Default::default();
        self.generation += 1;
        self.checker.forget();
        self.selection.clear();
        self.canvas = CanvasState::default();
        self.current_view = c4::default_view(&self.doc).cloned();
        self.last_autosave = None;
    }

    /// Loads a file, or explains in a message why it cannot.
    pub fn open_path(&mut self, path: &Path) {
        match store::load(path) {
            Ok(doc) => {
                self.reset_document(doc, Some(path.to_owned()));
                self.settings.remember(path);
                self.store_settings();
                self.set_status(format!("Opened {}", path.display()));
                if let Some(Ok((from, doc))) = store::recovery::pending_recovery(Some(path)) {
                    self.prompt = Some(Prompt::Recover {
                        from,
                        doc: Box::new(doc),
                    });
                }
            }
            Err(err) => {
                self.prompt = Some(Prompt::Message {
                    title: "Cannot open the file".into(),
                    text: err.to_string(),
                });
            }
        }
    }

    /// Saves to `path`; on success the document is clean and `path` its file.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match store::save(path, &self.doc) {
            Ok(()) => {
                if self.persist {
                    store::recovery::remove_recovery(self.path.as_deref());
                }
                self.path = Some(path.to_owned());
                self.history.mark_saved();
                self.saved_fields = crate::ui::inspector::saved_fields(&self.doc);
                if self.settings.show_changes {
                    self.changes.saved_as(self.doc.clone());
                } else {
                    self.changes = Default::default();
                }
                self.settings.remember(path);
                self.store_settings();
                self.set_status(format!("Saved {}", path.display()));
                true
            }
            Err(err) => {
                self.prompt = Some(Prompt::Message {
                    title: "Cannot save".into(),
                    text: err.to_string(),
                });
                false
            }
        }
    }

    pub(super) fn store_settings(&self) {
        if self.persist
            && let Some(file) = &self.settings_file
        {
            self.settings.store(file);
        }
    }

    /// Saves to the current file; asks for one when there is none. Returns
    /// whether the document is saved now.
    pub(super) fn save_current(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => self.save_to(&p),
            None => {
                self.start_dialog(PathPurpose::SaveAs);
                false
            }
        }
    }

    /// The folder a dialog starts in: the model's, else the working one.
    fn start_dir(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_owned))
            .filter(|d| !d.as_os_str().is_empty())
            .or_else(|| std::env::current_dir().ok())
    }

    /// The model's file name, or one made from its name for a new model.
    fn model_file_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{}.ron", crate::model::slugify(&self.doc.name)))
    }

    /// What the typed-path prompt starts with: the folder, and the name
    /// the file would get (a folder named after the model and the format
    /// for an export of several files).
    fn suggested_path(&self, purpose: &PathPurpose) -> String {
        let dir = self.start_dir().unwrap_or_default();
        let path = match purpose {
            PathPurpose::Open => {
                let mut s = dir.display().to_string();
                if !s.ends_with(std::path::MAIN_SEPARATOR) {
                    s.push(std::path::MAIN_SEPARATOR);
                }
                return s;
            }
            PathPurpose::SaveAs => dir.join(self.model_file_name()),
            PathPurpose::Export {
                file_name: Some(name),
                ..
            } => dir.join(name),
            PathPurpose::Export { format, .. } => dir.join(format!(
                "{}-{}",
                crate::model::slugify(&self.doc.name),
                format.name()
            )),
        };
        path.display().to_string()
    }

    /// The typed-path prompt, filled in with the suggested path.
    fn path_prompt(&self, purpose: PathPurpose) -> Prompt {
        Prompt::Path {
            text: self.suggested_path(&purpose),
            purpose,
            fresh: true,
        }
    }

    pub(super) fn start_dialog(&mut self, purpose: PathPurpose) {
        if !self.native_dialogs {
            // Tests (and headless use) type paths.
            self.prompt = Some(self.path_prompt(purpose));
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let start_dir = self.start_dir();
        let file_name = self.model_file_name();
        let p = purpose.clone();
        std::thread::spawn(move || {
            let mut d = rfd::FileDialog::new();
            if let Some(dir) = start_dir {
                d = d.set_directory(dir);
            }
            let result = match p {
                PathPurpose::Open => d.add_filter("archdesk model", &["ron"]).pick_file(),
                PathPurpose::SaveAs => d
                    .add_filter("archdesk model", &["ron"])
                    .set_file_name(file_name)
                    .save_file(),
                PathPurpose::Export {
                    file_name: None, ..
                } => d.pick_folder(),
                PathPurpose::Export {
                    file_name: Some(name),
                    ..
                } => d.set_file_name(name).save_file(),
            };
            let _ = tx.send(result);
        });
        self.dialog = Some(PendingDialog {
            purpose,
            started: Instant::now(),
            rx,
        });
    }

    pub(super) fn poll_dialog(&mut self) {
        let Some(d) = &self.dialog else { return };
        match d.rx.try_recv() {
            Ok(Some(path)) => {
                let purpose = d.purpose.clone();
                self.dialog = None;
                self.queue.push(match purpose {
                    PathPurpose::Open => AppCommand::OpenPath(path),
                    PathPurpose::SaveAs => AppCommand::SaveTo(path),
                    PathPurpose::Export { format, only, .. } => {
                        AppCommand::ExportTo { format, only, path }
                    }
                });
            }
            Ok(None) | Err(TryRecvError::Disconnected) => {
                // An answer within a blink is no dialog at all (no portal on
                // this desktop): ask for the path in the app instead.
                let instant = d.started.elapsed() < Duration::from_millis(400);
                let purpose = d.purpose.clone();
                self.dialog = None;
                if instant {
                    self.prompt = Some(self.path_prompt(purpose));
                } else {
                    // Cancelled: an export computed for it is not kept.
                    self.prepared_export = None;
                }
            }
            Err(TryRecvError::Empty) => {}
        }
    }

    /// Writes the recovery copy every [`AUTOSAVE_EVERY`] while there are
    /// unsaved changes, and removes it once the document is back at its
    /// saved state (an undo, say): then there is nothing to recover.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let dirty = self.is_dirty();
        let cleaned = std::mem::replace(&mut self.was_dirty, dirty) && !dirty;
        if !self.persist {
            return;
        }
        if cleaned {
            store::recovery::remove_recovery(self.path.as_deref());
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = *self.last_autosave.get_or_insert(now);
        if !dirty {
            // The count starts at the first unsaved change.
            self.last_autosave = None;
            return;
        }
        let left = AUTOSAVE_EVERY.as_secs_f64() - (now - since);
        if left > 0.0 {
            // An idle editor draws no frames: wake it when the copy is due.
            ctx.request_repaint_after(Duration::from_secs_f64(left));
            return;
        }
        self.last_autosave = Some(now);
        match store::recovery::write_recovery(self.path.as_deref(), &self.doc) {
            Ok(_) => {}
            Err(e) => self.set_status(format!("Autosave failed: {e}")),
        }
    }

    pub(super) fn close_requests(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.prompt = Some(Prompt::Unsaved(Then::Quit));
        }
        if self.canvas.quit_requested {
            self.canvas.quit_requested = false;
            self.allow_close = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// Asks where to export: a file when the export is one file, a folder
    /// when it is several (one script per database, one SVG per view…).
    /// A model that cannot be exported is explained right away.
    pub(super) fn start_export(&mut self, format: Format, only: Option<Id>) {
        match export::export(&self.doc, format, &Options { only: only.clone() }) {
            Ok(artifacts) => {
                let file_name = match artifacts.as_slice() {
                    [one] => Some(one.file_name.clone()),
                    _ => None,
                };
                // Written as computed once the path is known, unless the
                // model changes in between.
                self.prepared_export = Some(PreparedExport {
                    format,
                    only: only.clone(),
                    generation: self.generation,
                    artifacts,
                });
                self.start_dialog(PathPurpose::Export {
                    format,
                    only,
                    file_name,
                });
            }
            Err(e) => self.export_refused(format, &e),
        }
    }

    fn export_refused(&mut self, format: Format, e: &ExportError) {
        self.prompt = Some(Prompt::Message {
            title: format!("Cannot export {}", format_label(format)),
            text: format!("{e}. The problems panel lists what to fix."),
        });
    }

    /// Writes the export of `format` to `path`: the files computed when it
    /// was asked for, or computed now if the model has changed since.
    pub(super) fn export_to(&mut self, format: Format, only: Option<Id>, path: &Path) {
        let prepared = self
            .prepared_export
            .take()
            .filter(|p| p.format == format && p.only == only && p.generation == self.generation);
        let artifacts = match prepared {
            Some(p) => p.artifacts,
            None => match export::export(&self.doc, format, &Options { only }) {
                Ok(artifacts) => artifacts,
                Err(e) => return self.export_refused(format, &e),
            },
        };
        let model = self.path.as_deref();
        let result: Result<usize, String> = if artifacts.len() == 1 && !path.is_dir() {
            store::write_export(path, &artifacts[0].text, model)
                .map(|()| 1)
                .map_err(|e| e.to_string())
        } else {
            std::fs::create_dir_all(path)
                .map_err(|e| format!("{}: the folder cannot be created ({e})", path.display()))
                .and_then(|()| {
                    artifacts.iter().try_fold(0, |n, a| {
                        store::write_export(&path.join(&a.file_name), &a.text, model)
                            .map(|()| n + 1)
                            .map_err(|e| e.to_string())
                    })
                })
        };
        match result {
            Ok(n) => self.set_status(format!(
                "Exported {} to {}",
                plural(n, "file"),
                path.display()
            )),
            Err(text) => {
                self.prompt = Some(Prompt::Message {
                    title: "Export failed".into(),
                    text,
                });
            }
        }
    }
}

/// A new model: one internal system and its views, ready to draw in.
pub fn new_model() -> Document {
    let mut doc = Document::new("Untitled");
    doc.systems
        .push(SoftwareSystem::new("system", "New system"));
    doc.views.push(View::new("landscape", ViewKind::Landscape));
    doc.views.push(View::new(
        "system-containers",
        ViewKind::Containers {
            system: "system".into(),
        },
    ));
    doc
}

/// Where the editor looks for the samples, first match wins: the folder
/// named by `ARCHDESK_SAMPLES`; `samples/` next to the executable; the
/// installed `../share/archdesk/samples`; and, run from a checkout
/// (`target/release/archdesk`), the checkout's `samples/`.
fn sample_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os("ARCHDESK_SAMPLES") {
        dirs.push(PathBuf::from(dir));
    }
    if let Some(bin) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_owned))
    {
        dirs.push(bin.join("samples"));
        dirs.push(bin.join("../share/archdesk/samples"));
        dirs.push(bin.join("../../samples"));
        // Test binaries sit one folder deeper, in target/debug/deps.
        dirs.push(bin.join("../../../samples"));
    }
    dirs
}

/// The samples shipped with archdesk, by file name, from the first of the
/// [`sample_dirs`] that has any.
pub(super) fn sample_files() -> Vec<(String, PathBuf)> {
    samples_in(&sample_dirs())
}

/// The `.ron` files of the first of `dirs` that has any, sorted by name.
fn samples_in(dirs: &[PathBuf]) -> Vec<(String, PathBuf)> {
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "ron"))
            .map(|p| {
                let name = p
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                (name, p)
            })
            .collect();
        if !files.is_empty() {
            files.sort();
            return files;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_come_from_the_first_folder_that_has_any() {
        let root = std::env::temp_dir().join(format!("archdesk-samples-{}", std::process::id()));
        let (empty, full, later) = (root.join("empty"), root.join("full"), root.join("later"));
        for d in [&empty, &full, &later] {
            std::fs::create_dir_all(d).expect("a folder");
        }
        std::fs::write(full.join("b.ron"), "()").expect("a file");
        std::fs::write(full.join("a.ron"), "()").expect("a file");
        std::fs::write(full.join("notes.txt"), "").expect("a file");
        std::fs::write(later.join("c.ron"), "()").expect("a file");
        let missing = root.join("missing");
        let found = samples_in(&[missing, empty, full.clone(), later]);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.ron", "b.ron"]);
        assert_eq!(found[0].1, full.join("a.ron"));
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn the_checkouts_samples_are_found_from_its_build_folder() {
        // This test binary runs from target/debug/deps of this checkout.
        let names: Vec<String> = sample_files().into_iter().map(|(n, _)| n).collect();
        assert!(names.iter().any(|n| n == "shop.ron"), "{names:?}");
    }
}
