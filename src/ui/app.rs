//! The application: the open document, its history and file, the view state,
//! and the once-a-frame loop that draws the UI and then applies what the UI
//! asked for.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};

use super::canvas::{self, CanvasState};
use super::clipboard;
use super::commands::{Command, format_label, shortcut_text};
use super::settings::Settings;
use super::{inspector, outline, palette, problems};
use crate::check::{self, Finding};
use crate::export::{self, Format, Options};
use crate::model::{
    Component, Container, ContainerKind, Document, Edit, Entity, Field, FieldType, History, Id,
    Item, ItemKind, ItemRef, Person, Point, Relationship, SoftwareSystem, View, ViewKind, c4,
};
use crate::store;

/// How often unsaved changes are written to the recovery file.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

/// What the UI asks the app to do; applied after the frame's UI.
#[derive(Clone, Debug)]
pub enum AppCommand {
    Run(Command),
    /// Apply an edit as one undo step.
    Edit {
        edit: Edit,
        label: String,
    },
    /// Apply an edit that merges with the previous one of the same key
    /// (typing in one field) until the gesture ends.
    EditMerge {
        edit: Edit,
        label: String,
        key: Option<String>,
    },
    /// Part of a drag: merges with the previous move of the same elements.
    Move {
        view: Id,
        positions: Vec<(Id, Option<Point>)>,
    },
    /// The drag is over: the next move is a new undo step.
    EndGesture,
    Select(Vec<Id>),
    ToggleSelect(Id),
    OpenView(Id),
    /// Double-click: open the view inside an element (containers of a system…).
    DrillInto(Id),
    /// Select an item and show it: switch to a view that has it and centre it.
    Reveal(Id),
    StartRename(Id),
    /// Create a relationship between two elements and edit its description.
    Connect {
        from: Id,
        to: Id,
    },
    /// Create an element of this kind at this place of the current view.
    CreateAt {
        what: Command,
        at: Point,
    },
    OpenPath(PathBuf),
    SaveTo(PathBuf),
    ExportTo {
        format: Format,
        only: Option<Id>,
        path: PathBuf,
    },
    Status(String),
}

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
    },
    /// An error or information to acknowledge.
    Message {
        title: String,
        text: String,
    },
    Shortcuts,
    About,
}

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

/// A file dialog running on another thread.
struct PendingDialog {
    purpose: PathPurpose,
    started: Instant,
    rx: Receiver<Option<PathBuf>>,
}

/// The editor.
pub struct ArchdeskApp {
    pub doc: Document,
    pub history: History,
    pub path: Option<PathBuf>,
    /// Bumped on every change of the document; caches key on it.
    pub generation: u64,
    pub findings: Vec<Finding>,
    findings_generation: u64,
    /// The element name shown for each finding (`problems::finding_names`).
    finding_names: Vec<String>,
    pub current_view: Option<Id>,
    pub selection: BTreeSet<Id>,
    pub canvas: CanvasState,
    pub settings: Settings,
    pub prompt: Option<Prompt>,
    pub status: Option<(String, Instant)>,
    pub palette: Option<palette::PaletteState>,
    pub outline_filter: String,
    queue: Vec<AppCommand>,
    last_autosave: Instant,
    dialog: Option<PendingDialog>,
    /// Write settings and recovery files (off in tests).
    pub persist: bool,
    /// The user confirmed closing with unsaved changes.
    allow_close: bool,
    /// The window title last sent.
    shown_title: Option<String>,
}

impl ArchdeskApp {
    /// A new editor on an empty model.
    pub fn new(ctx: &egui::Context) -> Self {
        let settings = Settings::load();
        let app = Self::with_settings(settings, true);
        app.apply_theme(ctx);
        app
    }

    /// An editor with these settings; `persist` off keeps it from writing
    /// settings and recovery files (tests).
    pub fn with_settings(settings: Settings, persist: bool) -> Self {
        let mut app = Self {
            doc: Document::new("Untitled"),
            history: History::default(),
            path: None,
            generation: 0,
            findings: Vec::new(),
            findings_generation: u64::MAX,
            finding_names: Vec::new(),
            current_view: None,
            selection: BTreeSet::new(),
            canvas: CanvasState::default(),
            settings,
            prompt: None,
            status: None,
            palette: None,
            outline_filter: String::new(),
            queue: Vec::new(),
            last_autosave: Instant::now(),
            dialog: None,
            persist,
            allow_close: false,
            shown_title: None,
        };
        app.reset_document(new_model(), None);
        app
    }

    /// Opens `file` if given (reporting errors in a message), else a new model.
    pub fn open_at_start(&mut self, file: Option<PathBuf>) {
        if let Some(file) = file {
            if file.exists() {
                self.open_path(&file);
            } else {
                // A new model that will be saved under this name.
                self.reset_document(new_model(), Some(file.clone()));
                self.set_status(format!(
                    "{} does not exist yet: it will be created when you save",
                    file.display()
                ));
            }
        } else if self.persist
            && let Some(Ok((from, doc))) = store::recovery::pending_recovery(None)
        {
            // An untitled model was being edited when archdesk last stopped.
            self.prompt = Some(Prompt::Recover {
                from,
                doc: Box::new(doc),
            });
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), Instant::now()));
    }

    /// Queues a command, as the UI does.
    pub fn push(&mut self, command: AppCommand) {
        self.queue.push(command);
    }

    /// Whether the document has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The window title: file name, dirty marker, app name.
    pub fn title(&self) -> String {
        let name = self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!(
            "{}{name} — archdesk",
            if self.is_dirty() { "● " } else { "" }
        )
    }

    fn reset_document(&mut self, doc: Document, path: Option<PathBuf>) {
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
        self.generation += 1;
        self.selection.clear();
        self.canvas = CanvasState::default();
        self.current_view = c4::default_view(&self.doc).cloned();
        self.last_autosave = Instant::now();
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

    fn store_settings(&self) {
        if self.persist {
            self.settings.store();
        }
    }

    /// The frame: UI first, then the queued commands.
    pub fn ui_frame(&mut self, ui: &mut egui::Ui) {
        self.poll_dialog();
        self.refresh_findings();
        self.handle_shortcuts(ui.ctx());
        self.menu_bar(ui);
        self.panels(ui);
        self.modals(ui.ctx());
        if let Some(state) = &mut self.palette {
            let mut out = Vec::new();
            let keep = palette::palette_ui(ui.ctx(), state, &self.doc, &mut out);
            self.queue.extend(out);
            if !keep {
                self.palette = None;
            }
        }
        self.apply_queue(ui.ctx());
        self.autosave();
        self.close_requests(ui.ctx());
        // Only when it changes: every viewport command asks for another frame.
        let title = self.title();
        if self.shown_title.as_deref() != Some(title.as_str()) {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    fn refresh_findings(&mut self) {
        if self.findings_generation != self.generation {
            self.findings = check::check(&self.doc);
            self.finding_names = problems::finding_names(&self.doc, &self.findings);
            self.findings_generation = self.generation;
        }
    }

    fn typing(ctx: &egui::Context) -> bool {
        ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input()
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.prompt.is_some() {
            return;
        }
        let typing = Self::typing(ctx);
        let mut fired = Vec::new();
        if !typing {
            // On desktops egui turns Ctrl+C/X/V into clipboard events rather
            // than key presses: take them as the canvas's copy, cut and paste.
            let mut pasted = None;
            ctx.input_mut(|i| {
                i.events.retain(|e| match e {
                    egui::Event::Copy => {
                        fired.push(Command::Copy);
                        false
                    }
                    egui::Event::Cut => {
                        fired.push(Command::Cut);
                        false
                    }
                    egui::Event::Paste(text) => {
                        pasted = Some(text.clone());
                        false
                    }
                    _ => true,
                });
            });
            if let Some(text) = pasted {
                self.paste_text(&text, "Paste");
            }
        }
        ctx.input_mut(|i| {
            // Longest modifier sets first, so Ctrl+Shift+Z is not taken for Ctrl+Z.
            let mut commands = Command::all();
            commands.sort_by_key(|c| {
                std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                    u8::from(s.modifiers.shift)
                        + u8::from(s.modifiers.command)
                        + u8::from(s.modifiers.alt)
                }))
            });
            for c in commands {
                let Some(s) = c.shortcut() else { continue };
                if typing && !c.works_while_typing() {
                    continue;
                }
                if i.consume_shortcut(&s) {
                    fired.push(c);
                }
            }
        });
        // Shift+arrow nudges by one unit.
        if !typing && self.palette.is_none() {
            ctx.input_mut(|i| {
                for (key, c) in [
                    (Key::ArrowLeft, Command::NudgeLeft),
                    (Key::ArrowRight, Command::NudgeRight),
                    (Key::ArrowUp, Command::NudgeUp),
                    (Key::ArrowDown, Command::NudgeDown),
                ] {
                    if i.consume_key(Modifiers::SHIFT, key) {
                        self.canvas.fine_nudge = true;
                        fired.push(c);
                    }
                }
            });
        }
        self.queue.extend(fired.into_iter().map(AppCommand::Run));
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let mut out = Vec::new();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    for c in [Command::New, Command::Open] {
                        command_button(ui, c, true, &mut out);
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
                    command_button(ui, Command::Save, true, &mut out);
                    command_button(ui, Command::SaveAs, true, &mut out);
                    ui.menu_button("Export", |ui| {
                        let mut any = false;
                        for f in Format::ALL.into_iter().filter(|f| f.is_built()) {
                            any = true;
                            command_button(ui, Command::Export(f), true, &mut out);
                        }
                        if Format::Svg.is_built() {
                            command_button(ui, Command::ExportAllViewsSvg, true, &mut out);
                        }
                        if !any {
                            ui.label("No export formats in this version");
                        }
                    });
                    ui.separator();
                    command_button(ui, Command::Quit, true, &mut out);
                });
                ui.menu_button("Edit", |ui| {
                    let undo = self.history.undo_label().map(|l| format!("Undo {l}"));
                    let redo = self.history.redo_label().map(|l| format!("Redo {l}"));
                    labelled_command_button(
                        ui,
                        Command::Undo,
                        undo,
                        self.history.can_undo(),
                        &mut out,
                    );
                    labelled_command_button(
                        ui,
                        Command::Redo,
                        redo,
                        self.history.can_redo(),
                        &mut out,
                    );
                    ui.separator();
                    let some = !self.selection.is_empty();
                    command_button(ui, Command::Cut, some, &mut out);
                    command_button(ui, Command::Copy, some, &mut out);
                    command_button(ui, Command::Paste, true, &mut out);
                    command_button(ui, Command::Duplicate, some, &mut out);
                    command_button(ui, Command::Delete, some, &mut out);
                    ui.separator();
                    command_button(ui, Command::SelectAll, true, &mut out);
                    command_button(ui, Command::Rename, self.selection.len() == 1, &mut out);
                    command_button(ui, Command::Find, true, &mut out);
                    command_button(ui, Command::CommandPalette, true, &mut out);
                });
                ui.menu_button("Add", |ui| {
                    let enabled = |c: Command| {
                        add_target(&self.doc, self.current_view.as_deref(), c).is_some()
                    };
                    for c in [Command::AddPerson, Command::AddSystem] {
                        command_button(ui, c, enabled(c), &mut out);
                    }
                    ui.menu_button("Container", |ui| {
                        for kind in ContainerKind::ALL {
                            let c = Command::AddContainer(kind);
                            command_button(ui, c, enabled(c), &mut out);
                        }
                    });
                    for c in [Command::AddComponent, Command::AddEntity] {
                        command_button(ui, c, enabled(c), &mut out);
                    }
                });
                ui.menu_button("View", |ui| {
                    for c in [
                        Command::ZoomIn,
                        Command::ZoomOut,
                        Command::ZoomFit,
                        Command::Zoom100,
                    ] {
                        command_button(ui, c, true, &mut out);
                    }
                    ui.separator();
                    command_button(
                        ui,
                        Command::AutoArrange,
                        self.current_view.is_some(),
                        &mut out,
                    );
                    command_button(ui, Command::ViewUp, true, &mut out);
                    ui.separator();
                    toggle(ui, Command::ToggleGrid, self.settings.grid, &mut out);
                    toggle(ui, Command::ToggleSnap, self.settings.snap, &mut out);
                    toggle(ui, Command::ToggleTheme, self.settings.dark, &mut out);
                    ui.separator();
                    toggle(
                        ui,
                        Command::ToggleOutline,
                        self.settings.show_outline,
                        &mut out,
                    );
                    toggle(
                        ui,
                        Command::ToggleInspector,
                        self.settings.show_inspector,
                        &mut out,
                    );
                    toggle(
                        ui,
                        Command::ToggleProblems,
                        self.settings.show_problems,
                        &mut out,
                    );
                });
                ui.menu_button("Help", |ui| {
                    command_button(ui, Command::Shortcuts, true, &mut out);
                    command_button(ui, Command::About, true, &mut out);
                });
            });
        });
        self.queue.extend(out);
    }

    fn panels(&mut self, ui: &mut egui::Ui) {
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
                ui.label(format!("{errors} errors, {warnings} warnings"));
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
        if self.settings.show_problems {
            egui::Panel::bottom("problems")
                .resizable(true)
                .default_size(150.0)
                .size_range(60.0..=500.0)
                .show(ui, |ui| {
                    problems::problems_ui(
                        ui,
                        &self.doc,
                        &self.findings,
                        &self.finding_names,
                        &mut out,
                    );
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
                        &self.selection,
                        self.current_view.as_deref(),
                        &mut self.outline_filter,
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
                        &self.selection,
                        self.current_view.as_deref(),
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
                grid: self.settings.grid,
                snap: self.settings.snap,
                dark: self.settings.dark,
            };
            canvas::canvas_ui(ui, &ctx, &mut self.canvas, &mut out);
        });
        self.queue.extend(out);
    }

    fn modals(&mut self, ctx: &egui::Context) {
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
                Prompt::Path { purpose, text } => {
                    let heading = match purpose {
                        PathPurpose::Open => "Open a model".to_owned(),
                        PathPurpose::SaveAs => "Save the model as".to_owned(),
                        PathPurpose::Export { format, .. } => format!("Export {}", format_label(*format)),
                    };
                    ui.heading(heading);
                    ui.label("No file chooser is available on this desktop; type the path:");
                    let mut t = text.clone();
                    let r = ui.add(egui::TextEdit::singleline(&mut t).desired_width(420.0).hint_text("/path/to/model.ron"));
                    r.request_focus();
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
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
                        }
                    });
                    if !close {
                        self.prompt = Some(Prompt::Path { purpose: purpose.clone(), text: t });
                    }
                }
                Prompt::Message { title, text } => {
                    ui.heading(title);
                    ui.label(text);
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

    /// Saves to the current file; asks for one when there is none. Returns
    /// whether the document is saved now.
    fn save_current(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => self.save_to(&p),
            None => {
                self.start_dialog(PathPurpose::SaveAs);
                false
            }
        }
    }

    fn continue_with(&mut self, then: Then, out: &mut Vec<AppCommand>) {
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
    fn guard(&mut self, then: Then) {
        if self.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(then));
        } else {
            let mut out = Vec::new();
            self.continue_with(then, &mut out);
            self.queue.extend(out);
        }
    }

    fn start_dialog(&mut self, purpose: PathPurpose) {
        if !self.persist {
            // Tests (and headless use) type paths.
            self.prompt = Some(Prompt::Path {
                purpose,
                text: String::new(),
            });
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let start_dir = self
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_owned));
        let file_name = self
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
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
                    .set_file_name(file_name.unwrap_or_else(|| "model.ron".into()))
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

    fn poll_dialog(&mut self) {
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
                    self.prompt = Some(Prompt::Path {
                        purpose,
                        text: String::new(),
                    });
                }
            }
            Err(TryRecvError::Empty) => {}
        }
    }

    fn autosave(&mut self) {
        if !self.persist || !self.is_dirty() || self.last_autosave.elapsed() < AUTOSAVE_EVERY {
            return;
        }
        self.last_autosave = Instant::now();
        match store::recovery::write_recovery(self.path.as_deref(), &self.doc) {
            Ok(_) => {}
            Err(e) => self.set_status(format!("Autosave failed: {e}")),
        }
    }

    fn close_requests(&mut self, ctx: &egui::Context) {
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

    /// Applies an edit as an undo step; reports a refusal in the status bar.
    pub fn apply_edit(&mut self, edit: Edit, label: &str) -> bool {
        match self.history.apply(&mut self.doc, edit, label) {
            Ok(()) => {
                self.after_change();
                true
            }
            Err(e) => {
                self.set_status(format!("{label}: {e}"));
                false
            }
        }
    }

    fn after_change(&mut self) {
        self.generation += 1;
        let index = self.doc.index();
        self.selection.retain(|id| index.contains(id));
        if self
            .current_view
            .as_ref()
            .is_some_and(|v| !index.contains(v))
        {
            self.current_view = c4::default_view(&self.doc).cloned();
        }
    }

    /// Applies every queued command (the UI's requests of this frame).
    pub fn apply_queue(&mut self, ctx: &egui::Context) {
        let queue = std::mem::take(&mut self.queue);
        if !queue.is_empty() {
            // What was drawn this frame is now out of date: draw again.
            ctx.request_repaint();
        }
        for c in queue {
            self.apply_command(ctx, c);
        }
        // Commands may queue more (e.g. a prompt's continuation).
        if !self.queue.is_empty() {
            let queue = std::mem::take(&mut self.queue);
            for c in queue {
                self.apply_command(ctx, c);
            }
        }
    }

    fn apply_command(&mut self, ctx: &egui::Context, c: AppCommand) {
        match c {
            AppCommand::Run(command) => self.run(ctx, command),
            AppCommand::Edit { edit, label } => {
                self.apply_edit(edit, &label);
            }
            AppCommand::EditMerge { edit, label, key } => {
                match self
                    .history
                    .apply_merging(&mut self.doc, edit, label.clone(), key)
                {
                    Ok(()) => self.after_change(),
                    Err(e) => self.set_status(format!("{label}: {e}")),
                }
            }
            AppCommand::Move { view, positions } => {
                let label = format!("Move {}", plural(positions.len(), "element"));
                match self
                    .history
                    .apply_move(&mut self.doc, Edit::Move { view, positions }, label)
                {
                    Ok(()) => self.after_change(),
                    Err(e) => self.set_status(format!("Move: {e}")),
                }
            }
            AppCommand::EndGesture => self.history.end_gesture(),
            AppCommand::Select(ids) => self.selection = ids.into_iter().collect(),
            AppCommand::ToggleSelect(id) => {
                if !self.selection.remove(&id) {
                    self.selection.insert(id);
                }
            }
            AppCommand::OpenView(id) => {
                if self.doc.view(&id).is_some() {
                    self.current_view = Some(id);
                    self.selection.clear();
                    self.canvas.cancel();
                }
            }
            AppCommand::DrillInto(id) => self.drill_into(&id),
            AppCommand::Reveal(id) => self.reveal(&id),
            AppCommand::StartRename(id) => self.canvas.start_rename(&self.doc, &id),
            AppCommand::Connect { from, to } => self.connect(&from, &to),
            AppCommand::CreateAt { what, at } => self.create(what, Some(at)),
            AppCommand::OpenPath(p) => {
                if self.is_dirty() {
                    self.prompt = Some(Prompt::Unsaved(Then::OpenPath(p)));
                } else {
                    self.open_path(&p);
                }
            }
            AppCommand::SaveTo(p) => {
                self.save_to(&p);
            }
            AppCommand::ExportTo { format, only, path } => self.export_to(format, only, &path),
            AppCommand::Status(s) => self.set_status(s),
        }
    }

    fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.guard(Then::New),
            Command::Open => self.guard(Then::Open),
            Command::Save => {
                self.save_current();
            }
            Command::SaveAs => self.start_dialog(PathPurpose::SaveAs),
            Command::Export(format) => {
                let only = match format {
                    Format::Svg => self.current_view.clone(),
                    _ => None,
                };
                self.start_export(format, only);
            }
            Command::ExportAllViewsSvg => self.start_export(Format::Svg, None),
            Command::Quit => self.guard(Then::Quit),
            Command::Undo => {
                if let Some(label) = self.history.undo(&mut self.doc) {
                    self.after_change();
                    self.set_status(format!("Undid {label}"));
                }
            }
            Command::Redo | Command::RedoAlt => {
                if let Some(label) = self.history.redo(&mut self.doc) {
                    self.after_change();
                    self.set_status(format!("Redid {label}"));
                }
            }
            Command::Copy => self.copy(ctx),
            Command::Cut => {
                self.copy(ctx);
                self.delete_selection("Cut");
            }
            Command::Paste => self.paste_request(ctx),
            Command::Duplicate => {
                let text =
                    clipboard::copy(&self.doc, &self.selection, self.current_view.as_deref());
                self.paste_text(&text, "Duplicate");
            }
            Command::Delete | Command::DeleteBackspace => self.delete_selection("Delete"),
            Command::SelectAll => {
                self.selection = self.canvas.visible_ids().into_iter().collect();
            }
            Command::Find => self.palette = Some(palette::PaletteState::find()),
            Command::CommandPalette | Command::CommandPaletteAlt => {
                self.palette = Some(palette::PaletteState::commands());
            }
            Command::Rename => {
                if let Some(id) = self.selection.iter().next().cloned()
                    && self.selection.len() == 1
                {
                    self.canvas.start_rename(&self.doc, &id);
                }
            }
            Command::Cancel => {
                if self.palette.is_some() {
                    self.palette = None;
                } else if !self.canvas.cancel() {
                    self.selection.clear();
                }
            }
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomFit => self.canvas.request_fit(),
            Command::Zoom100 => self.canvas.zoom_to(1.0),
            Command::ToggleGrid => {
                self.settings.grid = !self.settings.grid;
                self.store_settings();
            }
            Command::ToggleSnap => {
                self.settings.snap = !self.settings.snap;
                self.store_settings();
            }
            Command::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                self.apply_theme(ctx);
                self.store_settings();
            }
            Command::ToggleOutline => {
                self.settings.show_outline = !self.settings.show_outline;
                self.store_settings();
            }
            Command::ToggleInspector => {
                self.settings.show_inspector = !self.settings.show_inspector;
                self.store_settings();
            }
            Command::ToggleProblems => {
                self.settings.show_problems = !self.settings.show_problems;
                self.store_settings();
            }
            Command::AutoArrange => {
                if let Some(view) = self.current_view.clone() {
                    self.canvas.request_auto_arrange(&view);
                }
            }
            Command::ViewUp => {
                if let Some(up) = self
                    .current_view
                    .as_deref()
                    .and_then(|v| c4::parent_view(&self.doc, v).cloned())
                {
                    self.current_view = Some(up);
                    self.selection.clear();
                }
            }
            Command::NudgeLeft | Command::NudgeRight | Command::NudgeUp | Command::NudgeDown => {
                let step = if std::mem::take(&mut self.canvas.fine_nudge) {
                    1.0
                } else {
                    canvas::GRID
                };
                let (dx, dy) = match command {
                    Command::NudgeLeft => (-step, 0.0),
                    Command::NudgeRight => (step, 0.0),
                    Command::NudgeUp => (0.0, -step),
                    _ => (0.0, step),
                };
                if let (Some(view), Some(positions)) = (
                    self.current_view.clone(),
                    self.canvas.nudged(&self.selection, dx, dy),
                ) {
                    self.apply_edit(Edit::Move { view, positions }, "Nudge");
                }
            }
            Command::AddPerson
            | Command::AddSystem
            | Command::AddContainer(_)
            | Command::AddComponent
            | Command::AddEntity => self.create(command, None),
            Command::Shortcuts => self.prompt = Some(Prompt::Shortcuts),
            Command::About => self.prompt = Some(Prompt::About),
        }
    }

    /// Asks where to export: a file when the export is one file, a folder
    /// when it is several (one script per database, one SVG per view…).
    /// A model that cannot be exported is explained right away.
    fn start_export(&mut self, format: Format, only: Option<Id>) {
        match export::export(&self.doc, format, &Options { only: only.clone() }) {
            Ok(artifacts) => {
                let file_name = match artifacts.as_slice() {
                    [one] => Some(one.file_name.clone()),
                    _ => None,
                };
                self.start_dialog(PathPurpose::Export {
                    format,
                    only,
                    file_name,
                });
            }
            Err(e) => {
                self.prompt = Some(Prompt::Message {
                    title: format!("Cannot export {}", format_label(format)),
                    text: format!("{e}. The problems panel lists what to fix."),
                });
            }
        }
    }

    fn export_to(&mut self, format: Format, only: Option<Id>, path: &Path) {
        match export::export(&self.doc, format, &Options { only }) {
            Ok(artifacts) => {
                let result: Result<usize, String> = if artifacts.len() == 1 && !path.is_dir() {
                    store::write_atomic(path, &artifacts[0].text)
                        .map(|()| 1)
                        .map_err(|e| e.to_string())
                } else {
                    std::fs::create_dir_all(path)
                        .map_err(|e| {
                            format!("{}: the folder cannot be created ({e})", path.display())
                        })
                        .and_then(|()| {
                            artifacts.iter().try_fold(0, |n, a| {
                                store::write_atomic(&path.join(&a.file_name), &a.text)
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
            Err(e) => {
                self.prompt = Some(Prompt::Message {
                    title: format!("Cannot export {}", format_label(format)),
                    text: format!("{e}. The problems panel lists what to fix."),
                });
            }
        }
    }

    fn copy(&mut self, ctx: &egui::Context) {
        if self.selection.is_empty() {
            return;
        }
        let text = clipboard::copy(&self.doc, &self.selection, self.current_view.as_deref());
        ctx.copy_text(text.clone());
        self.canvas.last_copied = Some(text);
        self.set_status(format!("Copied {}", plural(self.selection.len(), "item")));
    }

    fn paste_request(&mut self, ctx: &egui::Context) {
        // Ctrl+V arrives as a Paste event with the system clipboard's text
        // (handled with the shortcuts); the menu entry and a bare key press
        // paste what this window copied last.
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(text) => Some(text.clone()),
                _ => None,
            })
        });
        match pasted.or_else(|| self.canvas.last_copied.clone()) {
            Some(text) => self.paste_text(&text, "Paste"),
            None => self.set_status("Nothing to paste"),
        }
    }

    /// Pastes clipboard text (RON of items) into the model and the view.
    pub fn paste_text(&mut self, text: &str, label: &str) {
        match clipboard::paste(&self.doc, text, self.current_view.as_deref()) {
            Ok((edit, new_ids)) => {
                if self.apply_edit(edit, label) {
                    self.selection = new_ids.into_iter().collect();
                }
            }
            Err(e) => self.set_status(format!("{label}: {e}")),
        }
    }

    fn delete_selection(&mut self, label: &str) {
        let ids: Vec<Id> = self.selection.iter().cloned().collect();
        if ids.is_empty() {
            return;
        }
        // One cascade per item, composed into one step; items already gone
        // with an earlier one are skipped.
        let mut scratch = self.doc.clone();
        let mut edits = Vec::new();
        for id in &ids {
            if scratch.item(id).is_none() {
                continue;
            }
            match Edit::remove_cascade(&scratch, id) {
                Ok(edit) => match edit.clone().apply(&mut scratch) {
                    Ok(_) => edits.push(edit),
                    Err(e) => {
                        self.set_status(format!("{label}: {e}"));
                        return;
                    }
                },
                Err(e) => {
                    self.set_status(format!("{label}: {e}"));
                    return;
                }
            }
        }
        let n = ids.len();
        if self.apply_edit(
            Edit::Batch(edits),
            &format!("{label} {}", plural(n, "item")),
        ) {
            self.selection.clear();
        }
    }

    fn drill_into(&mut self, id: &str) {
        let kind = match self.doc.item(id) {
            Some(ItemRef::System(s)) if !s.external => ViewKind::Containers {
                system: id.to_owned(),
            },
            Some(ItemRef::Container(c)) if c.kind.is_data_store() => ViewKind::Entities {
                database: id.to_owned(),
            },
            Some(ItemRef::Container(_)) => ViewKind::Components {
                container: id.to_owned(),
            },
            _ => return,
        };
        self.open_or_create_view(kind);
    }

    fn open_or_create_view(&mut self, kind: ViewKind) {
        if let Some(v) = self.doc.views.iter().find(|v| v.kind == kind) {
            self.current_view = Some(v.id.clone());
            self.selection.clear();
            return;
        }
        let scope = kind.scope().cloned().unwrap_or_else(|| "landscape".into());
        let suffix = match kind {
            ViewKind::Landscape => "landscape",
            ViewKind::SystemContext { .. } => "context",
            ViewKind::Containers { .. } => "containers",
            ViewKind::Components { .. } => "components",
            ViewKind::Entities { .. } => "entities",
        };
        let id = self.doc.unique_id(&format!("{scope}-{suffix}"));
        let view = View::new(id.clone(), kind);
        if self.apply_edit(Edit::add(&self.doc, Item::View(view)), "Add view") {
            self.current_view = Some(id);
            self.selection.clear();
        }
    }

    fn reveal(&mut self, id: &str) {
        let Some(item) = self.doc.item(id) else {
            return;
        };
        let wanted = match item {
            ItemRef::View(_) => {
                self.current_view = Some(id.to_owned());
                self.selection.clear();
                return;
            }
            ItemRef::Relationship(r) => r.from.clone(),
            ItemRef::Api(a) => a.service.clone(),
            ItemRef::Event(e) => e.channel.clone(),
            ItemRef::Enum(_) => {
                self.selection = [id.to_owned()].into();
                return;
            }
            _ => id.to_owned(),
        };
        // Stay on the current view if it shows the element; else the best view that does.
        let shows = |v: &View| canvas::view_shows(&self.doc, v, &wanted);
        let current_shows = self
            .current_view
            .as_deref()
            .and_then(|v| self.doc.view(v))
            .is_some_and(shows);
        if !current_shows && let Some(v) = self.doc.views.iter().find(|v| shows(v)) {
            self.current_view = Some(v.id.clone());
        }
        self.selection = [id.to_owned()].into();
        self.canvas.request_center_on(&wanted);
    }

    fn connect(&mut self, from: &str, to: &str) {
        let id = self.doc.unique_id(&format!("{from}-{to}"));
        let mut r = Relationship::new(id.clone(), from, to);
        r.description = "Uses".into();
        if self.apply_edit(Edit::add(&self.doc, Item::Relationship(r)), "Connect") {
            self.selection = [id.clone()].into();
            self.canvas.start_rename(&self.doc, &id);
        }
    }

    /// Creates a new element for an Add command, in the current view's scope,
    /// at `at` or in the middle of the screen, selected and being renamed.
    fn create(&mut self, what: Command, at: Option<Point>) {
        let Some(target) = add_target(&self.doc, self.current_view.as_deref(), what) else {
            self.set_status(format!("{}: not possible in this view", what.label()));
            return;
        };
        let (id, item) = match target {
            AddTarget::Person => {
                let id = self.doc.unique_id("person");
                (id.clone(), Item::Person(Person::new(id, "New person")))
            }
            AddTarget::System => {
                let id = self.doc.unique_id("system");
                (
                    id.clone(),
                    Item::System(SoftwareSystem::new(id, "New system")),
                )
            }
            AddTarget::Container(system, kind) => {
                let id = self.doc.unique_id(&slug_for(kind.label()));
                let name = format!("New {}", kind.label().to_lowercase());
                (
                    id.clone(),
                    Item::Container(Container::new(id, system, name, kind)),
                )
            }
            AddTarget::Component(container) => {
                let id = self.doc.unique_id("component");
                (
                    id.clone(),
                    Item::Component(Component::new(id, container, "New component")),
                )
            }
            AddTarget::Entity(database) => {
                let id = self.doc.unique_id("entity");
                let mut e = Entity::new(id.clone(), database, "new_table");
                let mut key = Field::new("id", FieldType::Uuid);
                key.default = Some(crate::model::DefaultValue::RandomUuid);
                e.fields.push(key);
                e.primary_key = vec!["id".into()];
                (id.clone(), Item::Entity(e))
            }
        };
        let mut edits = vec![Edit::add(&self.doc, item)];
        if let Some(view) = self.current_view.clone() {
            let at = at.unwrap_or_else(|| self.canvas.free_spot());
            edits.push(Edit::Move {
                view,
                positions: vec![(id.clone(), Some(at))],
            });
        }
        if self.apply_edit(Edit::Batch(edits), &what.label()) {
            self.selection = [id.clone()].into();
            self.canvas.start_rename(&self.doc, &id);
        }
    }
}

impl eframe::App for ArchdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_frame(ui);
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn slug_for(label: &str) -> String {
    crate::model::slugify(label)
}

/// A menu entry for a command, with its shortcut.
pub(crate) fn command_button(
    ui: &mut egui::Ui,
    c: Command,
    enabled: bool,
    out: &mut Vec<AppCommand>,
) {
    labelled_command_button(ui, c, None, enabled, out);
}

fn labelled_command_button(
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

fn toggle(ui: &mut egui::Ui, c: Command, on: bool, out: &mut Vec<AppCommand>) {
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

/// Where an Add command puts the new item in the current view.
#[derive(Clone, Debug, PartialEq)]
pub enum AddTarget {
    Person,
    System,
    Container(Id, ContainerKind),
    Component(Id),
    Entity(Id),
}

/// Whether (and where) an Add command can add in this view.
pub fn add_target(doc: &Document, view: Option<&str>, what: Command) -> Option<AddTarget> {
    let kind = view.and_then(|v| doc.view(v)).map(|v| &v.kind);
    match (what, kind) {
        (Command::AddPerson, Some(k)) if !matches!(k, ViewKind::Entities { .. }) => {
            Some(AddTarget::Person)
        }
        (Command::AddPerson, None) => Some(AddTarget::Person),
        (Command::AddSystem, Some(k)) if !matches!(k, ViewKind::Entities { .. }) => {
            Some(AddTarget::System)
        }
        (Command::AddSystem, None) => Some(AddTarget::System),
        (Command::AddContainer(ck), Some(ViewKind::Containers { system })) => {
            Some(AddTarget::Container(system.clone(), ck))
        }
        (Command::AddContainer(ck), Some(ViewKind::Components { container })) => {
            let system = doc.container(container)?.system.clone();
            Some(AddTarget::Container(system, ck))
        }
        (Command::AddComponent, Some(ViewKind::Components { container })) => {
            Some(AddTarget::Component(container.clone()))
        }
        (Command::AddEntity, Some(ViewKind::Entities { database })) => {
            Some(AddTarget::Entity(database.clone()))
        }
        _ => None,
    }
}

/// Edits that turn `doc` into `target` (recovering an autosaved copy as one undo step).
fn replace_document(doc: &Document, target: &Document) -> Vec<Edit> {
    let mut edits = Vec::new();
    // Remove everything (dependants first), then insert the target's items in order.
    let kinds_in_removal_order = [
        ItemKind::View,
        ItemKind::Relationship,
        ItemKind::Event,
        ItemKind::Api,
        ItemKind::Entity,
        ItemKind::Enum,
        ItemKind::Component,
        ItemKind::Container,
        ItemKind::System,
        ItemKind::Person,
    ];
    let items: Vec<Item> = doc.items().map(ItemRef::to_owned).collect();
    // Entities may reference each other: cut their keys first.
    for item in &items {
        if let Item::Entity(e) = item
            && !e.foreign_keys.is_empty()
        {
            let mut cut = e.clone();
            cut.foreign_keys.clear();
            edits.push(Edit::Replace {
                item: Item::Entity(cut),
            });
        }
    }
    for kind in kinds_in_removal_order {
        for item in items.iter().rev().filter(|i| i.kind() == kind) {
            edits.push(Edit::Remove {
                id: item.id().clone(),
            });
        }
    }
    edits.push(Edit::SetInfo {
        name: target.name.clone(),
        description: target.description.clone(),
    });
    let mut inserts: Vec<Item> = target.items().map(ItemRef::to_owned).collect();
    // Insert entities without keys first, then put the keys back.
    let mut keyed = Vec::new();
    for item in &mut inserts {
        if let Item::Entity(e) = item
            && !e.foreign_keys.is_empty()
        {
            keyed.push(Item::Entity(e.clone()));
            e.foreign_keys.clear();
        }
    }
    let order = [
        ItemKind::Person,
        ItemKind::System,
        ItemKind::Container,
        ItemKind::Component,
        ItemKind::Relationship,
        ItemKind::Enum,
        ItemKind::Entity,
        ItemKind::Api,
        ItemKind::Event,
        ItemKind::View,
    ];
    let mut counts = std::collections::HashMap::new();
    for kind in order {
        for item in inserts.iter().filter(|i| i.kind() == kind) {
            let at = counts.entry(kind).or_insert(0usize);
            edits.push(Edit::Insert {
                at: *at,
                item: item.clone(),
            });
            *at += 1;
        }
    }
    edits.extend(keyed.into_iter().map(|item| Edit::Replace { item }));
    edits
}

/// The samples shipped with archdesk, when run from its folder.
fn sample_files() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .map(|p| {
                    (
                        p.file_name()
                            .unwrap_or_default()
                            .to_string_lossy()
                            .into_owned(),
                        p,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}
