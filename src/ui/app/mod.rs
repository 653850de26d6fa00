//! The application: the open document, its history and file, the view state,
//! and the once-a-frame loop that draws the UI and then applies what the UI
//! asked for.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};

mod checker;
mod create;
mod files;
mod menus;
mod modals;

pub use files::{PathPurpose, new_model};
use files::{PendingDialog, PreparedExport};
pub use modals::{Prompt, Then};

use super::canvas::{self, CanvasState};
use super::clipboard;
use super::commands::{AppCommand, Command};
use super::settings::Settings;
use super::{palette, problems};
use crate::check::{self, Finding};
use crate::export::Format;
use crate::model::{Document, Edit, History, Id, ItemKind, ItemRef, Point, View, c4};
use crate::store;
use crate::text::plural;

/// Ctrl+wheel zooms by 1.1× per notch (a line, which egui counts as 40
/// points); egui's own speed is about 1.2× a notch, and more on wheels that
/// send several lines.
const ZOOM_PER_POINT: f32 = 0.095_310_18 / 40.0; // ln(1.1) per 40 points

/// How often unsaved changes are written to the recovery file.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(30);

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
    pub outline: crate::ui::outline::OutlineState,
    /// The field names of the saved file's entities and event types.
    saved_fields: crate::ui::inspector::SavedFields,
    /// The changes panel's comparison with the saved file.
    changes: crate::ui::changes::ChangesState,
    queue: Vec<AppCommand>,
    /// When the last recovery copy was written, on egui's clock (seconds);
    /// `None` restarts the count at the next frame.
    last_autosave: Option<f64>,
    /// Whether the document had unsaved changes last frame.
    was_dirty: bool,
    dialog: Option<PendingDialog>,
    /// The export being written once its path is chosen.
    prepared_export: Option<PreparedExport>,
    /// Write settings and recovery files (off in most tests).
    pub persist: bool,
    /// Where the settings are kept (`None`: nowhere).
    pub settings_file: Option<PathBuf>,
    /// Ask for paths in the system's file dialogs; off in tests, which
    /// type paths.
    pub native_dialogs: bool,
    /// The user confirmed closing with unsaved changes.
    allow_close: bool,
    /// The window title last sent.
    shown_title: Option<String>,
    /// The item just created, whose id follows its first name.
    fresh: Option<create::Fresh>,
    /// The item whose name the inspector focuses when it next shows it.
    inspector_focus: Option<Id>,
    /// The review, on its own thread.
    checker: checker::Checker,
}

impl ArchdeskApp {
    /// A new editor on an empty model.
    pub fn new(ctx: &egui::Context) -> Self {
        let file = Settings::default_path();
        let settings = file.as_deref().map(Settings::load).unwrap_or_default();
        let mut app = Self::with_settings(settings, true);
        app.settings_file = file;
        app.native_dialogs = true;
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
            outline: Default::default(),
            saved_fields: Default::default(),
            changes: Default::default(),
            queue: Vec::new(),
            last_autosave: None,
            was_dirty: false,
            dialog: None,
            prepared_export: None,
            persist,
            settings_file: None,
            native_dialogs: false,
            allow_close: false,
            shown_title: None,
            fresh: None,
            inspector_focus: None,
            checker: checker::Checker::new(),
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

    /// Shows `text` in the status bar for a while, made printable
    /// ([`crate::text::printable`]): it may quote names and paths.
    pub fn set_status(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.status = Some((crate::text::printable(&text).into_owned(), Instant::now()));
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

    /// The frame: UI first, then the queued commands.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        // Set once per context (a read each frame, no write).
        let ctx = ui.ctx();
        if ctx.options(|o| o.input_options.scroll_zoom_speed) != ZOOM_PER_POINT {
            ctx.options_mut(|o| o.input_options.scroll_zoom_speed = ZOOM_PER_POINT);
        }
        self.poll_dialog();
        self.refresh_findings();
        self.handle_shortcuts(ui.ctx());
        self.menu_bar_ui(ui);
        self.panels_ui(ui);
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
        self.autosave(ui.ctx());
        self.close_requests(ui.ctx());
        // Only when it changes: every viewport command asks for another frame.
        let title = self.title();
        if self.shown_title.as_deref() != Some(title.as_str()) {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    /// Takes the newest findings of the review thread (telling it first
    /// what changed); they may be a few frames behind the document. Without
    /// a thread, checks here.
    fn refresh_findings(&mut self) {
        self.update_findings(false);
    }

    /// Waits until the findings are those of the document as it is now:
    /// for tests and benchmarks, which step frames faster than a check runs.
    pub fn wait_for_findings(&mut self) {
        self.update_findings(true);
    }

    fn update_findings(&mut self, wait: bool) {
        let edits = self.history.take_applied();
        if self.checker.sync(&self.doc, self.generation, edits) {
            if let Some(c) = self.checker.latest(self.generation, wait) {
                self.findings = c.findings;
                self.finding_names = c.names;
                self.findings_generation = c.generation;
            }
        } else if self.findings_generation != self.generation {
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
                self.paste_text(&text, "Paste", None);
            }
        }
        // Shift+arrow nudges by one unit. Taken before the shortcuts: a
        // plain arrow's shortcut matches Shift+arrow too (egui ignores an
        // extra Shift, so that Shift+= is +).
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
        self.queue.extend(fired.into_iter().map(AppCommand::Run));
    }

    /// Applies an edit as an undo step; reports a refusal in the status bar.
    pub fn apply_edit(&mut self, edit: Edit, label: &str) -> bool {
        self.end_fresh_unless(&edit);
        // A new id for an item: what is selected or shown follows it.
        let renamed = match &edit {
            Edit::RenameId { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        };
        match self.history.apply(&mut self.doc, edit, label) {
            Ok(()) => {
                if let Some((from, to)) = renamed {
                    if self.selection.remove(&from) {
                        self.selection.insert(to.clone());
                    }
                    if self.current_view.as_deref() == Some(from.as_str()) {
                        self.current_view = Some(to);
                    }
                }
                self.after_change();
                true
            }
            Err(e) => {
                self.set_status(format!("{label}: {e}"));
                false
            }
        }
    }

    /// Any edit but one of the item just created ends its freshness.
    fn end_fresh_unless(&mut self, edit: &Edit) {
        let same = |f: &create::Fresh| matches!(edit, Edit::Replace { item } if *item.id() == f.id);
        if !self.fresh.as_ref().is_some_and(same) {
            self.fresh = None;
        }
    }

    fn after_change(&mut self) {
        self.generation += 1;
        // What is selected and gone is deselected: a few are looked up one
        // by one, many through an index.
        if self.selection.len() > 16 {
            let index = self.doc.index();
            self.selection.retain(|id| index.contains(id));
        } else {
            let doc = &self.doc;
            self.selection.retain(|id| doc.item(id).is_some());
        }
        if self
            .current_view
            .as_ref()
            .is_some_and(|v| self.doc.view(v).is_none())
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
                if self.apply_edit(edit, &label) {
                    // A new element named in place: its id follows.
                    self.follow_fresh_name();
                }
            }
            AppCommand::EditMerge { edit, label, key } => {
                self.end_fresh_unless(&edit);
                match self
                    .history
                    .apply_merging(&mut self.doc, edit, label.clone(), key)
                {
                    Ok(()) => self.after_change(),
                    Err(e) => self.set_status(format!("{label}: {e}")),
                }
            }
            AppCommand::Move { view, positions } => {
                self.fresh = None;
                let label = format!("Move {}", plural(positions.len(), "element"));
                match self
                    .history
                    .apply_move(&mut self.doc, Edit::Move { view, positions }, label)
                {
                    Ok(()) => self.after_change(),
                    Err(e) => self.set_status(format!("Move: {e}")),
                }
            }
            AppCommand::EndGesture => {
                self.follow_fresh_name();
                self.history.end_gesture();
            }
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
            AppCommand::CopyText(text) => {
                self.set_status(format!("Copied “{}”", crate::text::printable(&text)));
                ctx.copy_text(text);
            }
            AppCommand::PasteAt(at) => match self.canvas.last_copied.clone() {
                Some(text) => self.paste_text(&text, "Paste", Some(at)),
                None => self.set_status("Nothing to paste"),
            },
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
                self.fresh = None;
                if let Some(label) = self.history.undo(&mut self.doc) {
                    self.after_change();
                    self.set_status(format!("Undid {label}"));
                }
            }
            Command::Redo | Command::RedoAlt => {
                self.fresh = None;
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
                let text = self.clipboard_text();
                self.paste_text(&text, "Duplicate", None);
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
            Command::Zoom100 => {
                // At real size, around the selection when there is one.
                self.canvas
                    .request_center_on_all(self.selection.iter().cloned());
                self.canvas.zoom_to(1.0);
            }
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
            Command::ToggleChanges => {
                self.settings.show_changes = !self.settings.show_changes;
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
                let fine = std::mem::take(&mut self.canvas.fine_nudge);
                let step = if fine { 1.0 } else { canvas::GRID };
                let (dx, dy) = match command {
                    Command::NudgeLeft => (-step, 0.0),
                    Command::NudgeRight => (step, 0.0),
                    Command::NudgeUp => (0.0, -step),
                    _ => (0.0, step),
                };
                let view = self.current_view.as_deref().and_then(|v| self.doc.view(v));
                if let Some(view) = view
                    && let Some(positions) = self.canvas.nudged(
                        view,
                        &self.selection,
                        dx,
                        dy,
                        self.settings.snap && !fine,
                    )
                {
                    let view = view.id.clone();
                    self.apply_edit(Edit::Move { view, positions }, "Nudge");
                }
            }
            Command::AddPerson
            | Command::AddSystem
            | Command::AddContainer(_)
            | Command::AddComponent
            | Command::AddEntity
            | Command::AddApi
            | Command::AddEvent
            | Command::AddEnum
            | Command::AddView(_) => self.create(command, None),
            Command::Shortcuts => self.prompt = Some(Prompt::Shortcuts),
            Command::About => self.prompt = Some(Prompt::About),
        }
    }

    fn copy(&mut self, ctx: &egui::Context) {
        if self.selection.is_empty() {
            return;
        }
        let text = self.clipboard_text();
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
            Some(text) => self.paste_text(&text, "Paste", None),
            None => self.set_status("Nothing to paste"),
        }
    }

    /// The selection as clipboard text, with where it is drawn.
    fn clipboard_text(&self) -> String {
        let view = self.current_view.as_deref();
        let drawn = view
            .map(|v| self.canvas.drawn_places(v))
            .unwrap_or_default();
        clipboard::copy(&self.doc, &self.selection, view, &drawn)
    }

    /// Pastes clipboard text (RON of items) into the model and the view.
    /// Nothing already shown moves: the elements placed by the automatic
    /// layout keep their places, in the same step.
    pub fn paste_text(&mut self, text: &str, label: &str, at: Option<Point>) {
        match clipboard::paste(&self.doc, text, self.current_view.as_deref(), at) {
            Ok((edit, new_ids)) => {
                let view = self.current_view.as_deref().and_then(|v| self.doc.view(v));
                let kept = view
                    .map(|v| self.canvas.unsaved_places(v))
                    .unwrap_or_default();
                let edit = match (view, kept.is_empty()) {
                    (Some(v), false) => Edit::Batch(vec![
                        edit,
                        Edit::Move {
                            view: v.id.clone(),
                            positions: kept,
                        },
                    ]),
                    _ => edit,
                };
                if self.apply_edit(edit, label) {
                    self.canvas.request_in_sight_all(new_ids.iter().cloned());
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
        // What goes, in words: the selected items by name, then what goes
        // with them by kind ("Cart database, 2 entities, 1 relationship").
        let after = scratch.index();
        let mut named: Vec<String> = Vec::new();
        let mut others: std::collections::BTreeMap<ItemKind, usize> = Default::default();
        for item in self.doc.items().filter(|i| !after.contains(i.id())) {
            if ids.contains(item.id()) {
                named.push(item.label().to_owned());
            } else {
                *others.entry(item.kind()).or_default() += 1;
            }
        }
        named.extend(others.into_iter().map(|(kind, n)| match kind {
            ItemKind::Entity => crate::text::count(n, "entity", "entities"),
            ItemKind::Person => crate::text::count(n, "person", "people"),
            kind => plural(n, kind.label()),
        }));
        let what = named.join(", ");
        if self.apply_edit(Edit::Batch(edits), &format!("{label} {what}")) {
            self.selection.clear();
            self.set_status(format!("Deleted {what}"));
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
        let shows = |v: &View| crate::diagram::view_shows(&self.doc, v, &wanted);
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
}

impl eframe::App for ArchdeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }
}
