//! Modal questions: unsaved changes, recovery, typed paths, messages,
//! the shortcut list and About.

use std::path::PathBuf;

use egui::Key;

use super::{ArchdeskApp, PathPurpose, new_model};
use crate::model::{Document, Edit, replace_document};
use crate::store;
use crate::ui::commands::{AppCommand, Command, format_label, shortcut_text};

/// What waits for the answer to "save your changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    New,
    Open,
    OpenPath(PathBuf),
    Quit,
}

/// A modal question.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Save / Discard / Cancel before doing `Then`.
    Unsaved(Then),
    /// A newer autosaved copy exists: recover it?
    Recover {
        from: PathBuf,
        doc: Box<Document>,
    },
    /// No native file dialog here: type a path.
    Path {
        purpose: PathPurpose,
        text: String,
        /// Just opened: the field takes the focus with its text selected.
        fresh: bool,
    },
    /// An error or information to acknowledge.
    Message {
        title: String,
        text: String,
    },
    Shortcuts,
    About,
}

impl ArchdeskApp {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let mut close = false;
        let mut out = Vec::new();
        let modal = egui::Modal::new(egui::Id::unique("prompt")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            match &prompt {
                Prompt::Unsaved(then) => {
                    ui.heading("Save changes?");
                    let name = self.path.as_ref().map_or_else(|| "The new model".to_owned(), |p| p.display().to_string());
                    ui.label(format!("{name} has changes that are not saved. Save them first?"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            if self.save_current() {
                                self.continue_with(then.clone(), &mut out);
                            }
                        }
                        if ui.button("Discard").clicked() {
                            close = true;
                            if self.persist {
                                store::recovery::remove_recovery(self.path.as_deref());
                            }
                            self.history.mark_saved();
                            self.continue_with(then.clone(), &mut out);
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                }
                Prompt::Recover { from, doc } => {
                    ui.heading("Recover unsaved changes?");
                    ui.label(format!(
                        "archdesk kept a copy of unsaved changes to this model in {} — newer than the file. Recover them? The file itself stays as it is until you save.",
                        from.display()
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Recover").clicked() {
                            close = true;
                            let edit = Edit::Batch(replace_document(&self.doc, doc));
                            out.push(AppCommand::Edit { edit, label: "Recover unsaved changes".into() });
                        }
                        if ui.button("Discard the copy").clicked() {
                            close = true;
                            let _ = std::fs::remove_file(from);
                        }
                    });
                }
                Prompt::Path { purpose, text, fresh } => {
                    let (heading, hint) = match purpose {
                        PathPurpose::Open => ("Open a model".to_owned(), "/path/to/model.ron".to_owned()),
                        PathPurpose::SaveAs => ("Save the model as".to_owned(), "/path/to/model.ron".to_owned()),
                        PathPurpose::Export { format, file_name: Some(name), .. } => {
                            (format!("Export {}", format_label(*format)), format!("/path/to/{name}"))
                        }
                        PathPurpose::Export { format, file_name: None, .. } => {
                            (format!("Export {}", format_label(*format)), "/path/to/folder".to_owned())
                        }
                    };
                    ui.heading(heading);
                    ui.label("No file chooser is available on this desktop; type the path:");
                    if let PathPurpose::Export { file_name: None, .. } = purpose {
                        ui.weak("This export writes several files (one per database or view): give a folder. It is made if it does not exist.");
                    }
                    let mut t = text.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut t).desired_width(420.0).hint_text(hint)).accessible_name("Path");
                    if *fresh {
                        crate::ui::widgets::focus_select_file_name(ui, &r, &t);
                    } else if !r.has_focus() {
                        r.request_focus();
                    }
                    // Enter in the field, even in the frame of its last letter.
                    let enter = (r.has_focus() || r.lost_focus()) && ui.input(|i| i.key_pressed(Key::Enter));
                    ui.horizontal(|ui| {
                        if (ui.button("OK").clicked() || enter) && !t.trim().is_empty() {
                            close = true;
                            let path = PathBuf::from(t.trim());
                            out.push(match purpose {
                                PathPurpose::Open => AppCommand::OpenPath(path),
                                PathPurpose::SaveAs => AppCommand::SaveTo(path),
                                PathPurpose::Export { format, only, .. } => AppCommand::ExportTo { format: *format, only: only.clone(), path },
                            });
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                            // An export asked for and cancelled is not kept.
                            self.prepared_export = None;
                        }
                    });
                    if !close {
                        self.prompt = Some(Prompt::Path { purpose: purpose.clone(), text: t, fresh: false });
                    }
                }
                Prompt::Message { title, text } => {
                    // Messages quote the model's names and paths: shown
                    // printable, as on the command line.
                    ui.heading(crate::text::printable(title).as_ref());
                    ui.label(crate::text::printable(text).as_ref());
                    if ui.button("OK").clicked() {
                        close = true;
                    }
                }
                Prompt::Shortcuts => {
                    ui.heading("Keyboard shortcuts");
                    egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                        egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                            for c in Command::all() {
                                if let Some(s) = c.shortcut() {
                                    ui.label(c.label());
                                    ui.monospace(shortcut_text(s));
                                    ui.end_row();
                                }
                            }
                        });
                    });
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
                Prompt::About => {
                    ui.heading("archdesk");
                    ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
                    ui.label("One model of a backend architecture — systems, data, APIs and events — exported as SQL DDL, OpenAPI and C4 diagrams.");
                    ui.label("Licensed under MIT or Apache-2.0.");
                    if ui.button("Close").clicked() {
                        close = true;
                    }
                }
            }
        });
        if modal.should_close() && !matches!(prompt, Prompt::Unsaved(_) | Prompt::Recover { .. }) {
            close = true;
        }
        if close
            && self
                .prompt
                .as_ref()
                .is_some_and(|p| *p == prompt || matches!(p, Prompt::Path { .. }))
        {
            self.prompt = None;
        }
        self.queue.extend(out);
    }

    pub(super) fn continue_with(&mut self, then: Then, out: &mut Vec<AppCommand>) {
        match then {
            Then::New => {
                if self.persist {
                    store::recovery::remove_recovery(self.path.as_deref());
                }
                self.reset_document(new_model(), None);
                self.set_status("New model");
            }
            Then::Open => self.start_dialog(PathPurpose::Open),
            Then::OpenPath(p) => out.push(AppCommand::OpenPath(p)),
            Then::Quit => {
                self.allow_close = true;
                self.canvas.quit_requested = true;
            }
        }
    }

    /// Asks before `then` when there are unsaved changes.
    pub(super) fn guard(&mut self, then: Then) {
        if self.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(then));
        } else {
            let mut out = Vec::new();
            self.continue_with(then, &mut out);
            self.queue.extend(out);
        }
    }
}
