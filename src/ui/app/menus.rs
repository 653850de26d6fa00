//! The menu bar and the panels around the canvas.

use std::time::Duration;

use super::ArchdeskApp;
use super::files::sample_files;
use crate::check;
use crate::export::Format;
use crate::model::ContainerKind;
use crate::ui::canvas;
use crate::ui::commands::{AppCommand, Command, ViewChoice, add_target, shortcut_text};
use crate::ui::{changes, inspector, outline, problems};

impl ArchdeskApp {
    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        let mut out = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    for c in [Command::New, Command::Open] {
                        command_button_ui(ui, c, true, &mut out);
                    }
                    ui.menu_button("Open Recent", |ui| {
                        if self.settings.recent.is_empty() {
                            ui.label("No recent files");
                        }
                        for p in &self.settings.recent {
                            if ui.button(p.display().to_string()).clicked() {
                                out.push(AppCommand::OpenPath(p.clone()));
                                ui.close();
                            }
                        }
                    });
                    ui.menu_button("Samples", |ui| {
                        for (name, path) in sample_files() {
                            if ui.button(name).clicked() {
                                out.push(AppCommand::OpenPath(path));
                                ui.close();
                            }
                        }
                    });
                    ui.separator();
                    command_button_ui(ui, Command::Save, true, &mut out);
                    command_button_ui(ui, Command::SaveAs, true, &mut out);
                    ui.menu_button("Export", |ui| {
                        for f in Format::ALL {
                            command_button_ui(ui, Command::Export(f), true, &mut out);
                        }
                        command_button_ui(ui, Command::ExportAllViewsSvg, true, &mut out);
                    });
                    ui.separator();
                    command_button_ui(ui, Command::Quit, true, &mut out);
                });
                ui.menu_button("Edit", |ui| {
                    let undo = self.history.undo_label().map(|l| format!("Undo {l}"));
                    let redo = self.history.redo_label().map(|l| format!("Redo {l}"));
                    labelled_command_button_ui(
                        ui,
                        Command::Undo,
                        undo,
                        self.history.can_undo(),
                        &mut out,
                    );
                    labelled_command_button_ui(
                        ui,
                        Command::Redo,
                        redo,
                        self.history.can_redo(),
                        &mut out,
                    );
                    ui.separator();
                    let some = !self.selection.is_empty();
                    command_button_ui(ui, Command::Cut, some, &mut out);
                    command_button_ui(ui, Command::Copy, some, &mut out);
                    command_button_ui(ui, Command::Paste, true, &mut out);
                    command_button_ui(ui, Command::Duplicate, some, &mut out);
                    command_button_ui(ui, Command::Delete, some, &mut out);
                    ui.separator();
                    command_button_ui(ui, Command::SelectAll, true, &mut out);
                    command_button_ui(ui, Command::Rename, self.selection.len() == 1, &mut out);
                    command_button_ui(ui, Command::Find, true, &mut out);
                    command_button_ui(ui, Command::CommandPalette, true, &mut out);
                });
                ui.menu_button("Add", |ui| {
                    let enabled = |c: Command| {
                        add_target(&self.doc, self.current_view.as_deref(), &self.selection, c)
                            .is_some()
                    };
                    for c in [Command::AddPerson, Command::AddSystem] {
                        command_button_ui(ui, c, enabled(c), &mut out);
                    }
                    ui.menu_button("Container", |ui| {
                        for kind in ContainerKind::ALL {
                            let c = Command::AddContainer(kind);
                            command_button_ui(ui, c, enabled(c), &mut out);
                        }
                    });
                    for c in [Command::AddComponent, Command::AddEntity] {
                        command_button_ui(ui, c, enabled(c), &mut out);
                    }
                    ui.separator();
                    for c in [Command::AddApi, Command::AddEvent, Command::AddEnum] {
                        command_button_ui(ui, c, enabled(c), &mut out);
                    }
                    ui.menu_button("New view", |ui| {
                        for v in ViewChoice::ALL {
                            let c = Command::AddView(v);
                            command_button_ui(ui, c, enabled(c), &mut out);
                        }
                    });
                });
                ui.menu_button("View", |ui| {
                    for c in [
                        Command::ZoomIn,
                        Command::ZoomOut,
                        Command::ZoomFit,
                        Command::Zoom100,
                    ] {
                        command_button_ui(ui, c, true, &mut out);
                    }
                    ui.separator();
                    command_button_ui(
                        ui,
                        Command::AutoArrange,
                        self.current_view.is_some(),
                        &mut out,
                    );
                    command_button_ui(ui, Command::ViewUp, true, &mut out);
                    ui.separator();
                    toggle_ui(ui, Command::ToggleGrid, self.settings.grid, &mut out);
                    toggle_ui(ui, Command::ToggleSnap, self.settings.snap, &mut out);
                    toggle_ui(ui, Command::ToggleTheme, self.settings.dark, &mut out);
                    ui.separator();
                    toggle_ui(
                        ui,
                        Command::ToggleOutline,
                        self.settings.show_outline,
                        &mut out,
                    );
                    toggle_ui(
                        ui,
                        Command::ToggleInspector,
                        self.settings.show_inspector,
                        &mut out,
                    );
                    toggle_ui(
                        ui,
                        Command::ToggleProblems,
                        self.settings.show_problems,
                        &mut out,
                    );
                    toggle_ui(
                        ui,
                        Command::ToggleChanges,
                        self.settings.show_changes,
                        &mut out,
                    );
                });
                ui.menu_button("Help", |ui| {
                    command_button_ui(ui, Command::Shortcuts, true, &mut out);
                    command_button_ui(ui, Command::About, true, &mut out);
                });
            });
        });
        self.queue.extend(out);
    }

    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let mut out = Vec::new();
        // Status bar.
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let errors = self
                    .findings
                    .iter()
                    .filter(|f| f.severity == check::Severity::Error)
                    .count();
                let warnings = self
                    .findings
                    .iter()
                    .filter(|f| f.severity == check::Severity::Warning)
                    .count();
                ui.label(format!(
                    "{}, {}",
                    crate::text::plural(errors, "error"),
                    crate::text::plural(warnings, "warning")
                ));
                ui.separator();
                ui.label(format!("{} selected", self.selection.len()));
                ui.separator();
                ui.label(format!("{:.0} %", self.canvas.zoom() * 100.0));
                if let Some((text, at)) = &self.status
                    && at.elapsed() < Duration::from_secs(8)
                {
                    ui.separator();
                    ui.label(text);
                }
            });
        });
        if self.settings.show_changes {
            bottom_panel("changes").show(ui, |ui| {
                changes::changes_ui(
                    ui,
                    &self.doc,
                    self.generation,
                    self.path.as_deref(),
                    &mut self.changes,
                    &mut out,
                );
            });
        }
        if self.settings.show_problems {
            bottom_panel("problems").show(ui, |ui| {
                problems::problems_ui(ui, &self.doc, &self.findings, &self.finding_names, &mut out);
            });
        }
        if self.settings.show_outline {
            egui::Panel::left("outline")
                .resizable(true)
                .default_size(250.0)
                .size_range(160.0..=480.0)
                .show(ui, |ui| {
                    outline::outline_ui(
                        ui,
                        &self.doc,
                        self.generation,
                        &self.selection,
                        self.current_view.as_deref(),
                        &mut self.outline,
                        &mut out,
                    );
                });
        }
        if self.settings.show_inspector {
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(360.0)
                .size_range(260.0..=640.0)
                .show(ui, |ui| {
                    inspector::inspector_ui(
                        ui,
                        &self.doc,
                        &self.saved_fields,
                        &self.selection,
                        self.current_view.as_deref(),
                        self.inspector_focus
                            .take()
                            .is_some_and(|id| self.selection.contains(&id)),
                        &mut out,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            canvas::toolbar_ui(ui, &self.doc, self.current_view.as_deref(), &mut out);
            let ctx = canvas::CanvasContext {
                doc: &self.doc,
                generation: self.generation,
                view: self.current_view.as_deref(),
                selection: &self.selection,
                findings: &self.findings,
                findings_version: self.findings_generation,
                grid: self.settings.grid,
                snap: self.settings.snap,
                dark: self.settings.dark,
                changes: self.settings.show_changes.then(|| self.changes.marks()),
            };
            canvas::canvas_ui(ui, &ctx, &mut self.canvas, &mut out);
        });
        self.queue.extend(out);
    }
}

/// A menu entry for a command, with its shortcut.
pub(crate) fn command_button_ui(
    ui: &mut egui::Ui,
    c: Command,
    enabled: bool,
    out: &mut Vec<AppCommand>,
) {
    labelled_command_button_ui(ui, c, None, enabled, out);
}

fn labelled_command_button_ui(
    ui: &mut egui::Ui,
    c: Command,
    label: Option<String>,
    enabled: bool,
    out: &mut Vec<AppCommand>,
) {
    let mut button = egui::Button::new(label.unwrap_or_else(|| c.label()));
    if let Some(s) = c.shortcut() {
        button = button.shortcut_text(shortcut_text(s));
    }
    let r = ui.add_enabled(enabled, button).on_hover_text(c.tooltip());
    if r.clicked() {
        out.push(AppCommand::Run(c));
        ui.close();
    }
}

fn toggle_ui(ui: &mut egui::Ui, c: Command, on: bool, out: &mut Vec<AppCommand>) {
    let mut value = on;
    let mut text = c.label();
    if let Some(s) = c.shortcut() {
        text = format!("{text}    {}", shortcut_text(s));
    }
    if ui
        .checkbox(&mut value, text)
        .on_hover_text(c.tooltip())
        .clicked()
    {
        out.push(AppCommand::Run(c));
    }
}

/// A panel below the canvas (problems, changes), resizable by the user.
fn bottom_panel(id: &'static str) -> egui::Panel {
    egui::Panel::bottom(id)
        .resizable(true)
        .default_size(150.0)
        .size_range(60.0..=500.0)
}
