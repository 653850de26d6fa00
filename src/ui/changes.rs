//! The changes panel: what the document changes against the saved file,
//! or against the file at a commit picked from its git history
//! (`model::diff`, as `archdesk diff` shows it), live as the model is
//! edited. Clicking a change selects and reveals the item.
//!
//! The comparison is made again once the editing pauses (a few tenths of a
//! second without a change), not on every keystroke: on a big model it
//! takes tens of milliseconds.

use super::commands::AppCommand;
use super::widgets::rows_ui;
use crate::export::diff::{list_change, list_words, show, summary};
use crate::model::diff::{Change, Diff};
use crate::model::{Document, Id};
use crate::store::git::{self, Commit};
use crate::text::printable;

/// How long the editing must pause before the comparison is made again.
const PAUSE: f64 = 0.3;

/// What the panel keeps between frames.
#[derive(Debug, Default)]
pub struct ChangesState {
    /// What the document is compared with: the saved file (`None`) or the
    /// file at a commit.
    against: Option<Commit>,
    /// That model, read when first needed, or why it could not be.
    base: Option<Result<Document, String>>,
    /// The commits that changed the file, read when the picker first opens.
    commits: Option<Vec<Commit>>,
    /// The comparison, and the document generation it is of.
    diff: Option<(u64, Diff)>,
    /// The rows of `diff`, one per item and one per property.
    rows: Vec<Row>,
    /// What is added or changed, by id, for the canvas's tags.
    marks: std::collections::HashMap<Id, Change>,
    /// When the document last changed (egui's clock), and to what generation.
    changed_at: Option<(u64, f64)>,
}

#[derive(Debug)]
enum Row {
    Item {
        id: Id,
        text: String,
        /// An item that is still in the document (not removed).
        present: bool,
    },
    Property(String),
    /// Why the change above breaks something.
    Breaking(String),
}

impl ChangesState {
    /// The file was saved: `saved` is the model as now saved. A comparison
    /// with a commit stays (the history may have grown).
    pub fn saved_as(&mut self, saved: Document) {
        if self.against.is_none() {
            self.base = Some(Ok(saved));
        }
        self.commits = None;
        self.diff = None;
    }

    /// The items added or changed (not removed) in the last comparison.
    pub fn marks(&self) -> &std::collections::HashMap<Id, Change> {
        &self.marks
    }

    fn compare_with(&mut self, against: Option<Commit>) {
        if self.against != against {
            self.against = against;
            self.base = None;
            self.diff = None;
        }
    }

    fn rows_of(diff: &Diff) -> Vec<Row> {
        let mut rows = Vec::new();
        let reason = |rows: &mut Vec<Row>, why: &Option<String>| {
            if let Some(why) = why {
                rows.push(Row::Breaking(one_line(&format!("breaking: {why}"))));
            }
        };
        for p in &diff.model {
            rows.push(Row::Property(property_text(p)));
            reason(&mut rows, &p.breaking);
        }
        for i in &diff.items {
            let sign = match i.change {
                Change::Added => "Added",
                Change::Removed => "Removed",
                Change::Changed if i.renamed_from.is_some() => "Renamed",
                Change::Changed => "Changed",
            };
            let mut text = format!("{sign} {} {}", i.kind.label(), i.name);
            if let Some(from) = &i.renamed_from {
                text.push_str(&format!(" (was {from})"));
            }
            rows.push(Row::Item {
                id: i.id.clone(),
                text: one_line(&text),
                present: i.change != Change::Removed,
            });
            reason(&mut rows, &i.breaking);
            for p in &i.properties {
                rows.push(Row::Property(property_text(p)));
                reason(&mut rows, &p.breaking);
            }
        }
        rows
    }
}

fn property_text(p: &crate::model::diff::PropertyChange) -> String {
    let path = p.path.as_str();
    match list_change(p) {
        Some((added, removed)) => one_line(&format!(
            "{path}: {}",
            list_words(&added, &removed, str::to_owned)
        )),
        None => one_line(&format!(
            "{path}: {} -> {}",
            show(path, p.old.as_ref()),
            show(path, p.new.as_ref())
        )),
    }
}

/// Text for a one-line row: printable, line breaks as spaces.
fn one_line(text: &str) -> String {
    printable(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// What the comparison is against, in words.
fn against_text(against: Option<&Commit>) -> String {
    match against {
        None => "the saved file".into(),
        Some(c) => one_line(&format!("{} {} {}", c.rev, c.date, c.subject)),
    }
}

/// Draws the panel for the document of `file` (`None`: never saved).
pub fn changes_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    generation: u64,
    file: Option<&std::path::Path>,
    state: &mut ChangesState,
    out: &mut Vec<AppCommand>,
) {
    let now = ui.input(|i| i.time);
    if state.changed_at.is_none_or(|(g, _)| g != generation) {
        state.changed_at = Some((generation, now));
    }
    let current = state.diff.as_ref().is_some_and(|(g, _)| *g == generation);
    let paused = state
        .changed_at
        .is_some_and(|(_, at)| now - at >= PAUSE || state.diff.is_none());
    if !current && paused {
        let against = state.against.clone();
        let base = state.base.get_or_insert_with(|| match (file, &against) {
            (Some(f), None) if f.exists() => crate::store::load(f).map_err(|e| e.to_string()),
            // A model never saved is new.
            (_, None) => Ok(Document::new(doc.name.clone())),
            (Some(f), Some(c)) => git::show_file(f, &c.rev).map_err(|e| e.to_string()),
            (None, Some(_)) => Err("this model has no file yet".into()),
        });
        if let Ok(base) = base {
            let diff = crate::model::diff::diff(base, doc);
            state.rows = ChangesState::rows_of(&diff);
            state.marks = diff
                .items
                .iter()
                .filter(|i| i.change != Change::Removed)
                .map(|i| (i.id.clone(), i.change))
                .collect();
            state.diff = Some((generation, diff));
        } else {
            state.rows.clear();
            state.marks.clear();
            state.diff = None;
        }
    } else if !current {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(PAUSE));
    }
    let mut pick = None;
    ui.horizontal(|ui| {
        ui.strong("Changes");
        ui.label("since");
        let combo = egui::ComboBox::from_id_salt("changes-against")
            .selected_text(against_text(state.against.as_ref()))
            .width(280.0)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(state.against.is_none(), against_text(None))
                    .clicked()
                {
                    pick = Some(None);
                }
                let commits = state
                    .commits
                    .get_or_insert_with(|| file.map(|f| git::log(f, 30)).unwrap_or_default());
                if commits.is_empty() {
                    ui.weak("No git history for this file");
                }
                for c in commits.iter() {
                    let on = state.against.as_ref() == Some(c);
                    if ui.selectable_label(on, against_text(Some(c))).clicked() {
                        pick = Some(Some(c.clone()));
                    }
                }
            });
        combo
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Compare with"));
        match (&state.diff, &state.base) {
            (_, Some(Err(e))) => ui.colored_label(ui.visuals().warn_fg_color, one_line(e)),
            (Some((_, d)), _) if d.is_empty() => ui.label("no changes"),
            (Some((_, d)), _) => ui.label(summary(d)),
            _ => ui.label("comparing…"),
        };
        if !current && state.diff.is_some() {
            ui.weak("(updating)");
        }
    });
    if let Some(against) = pick {
        state.compare_with(against);
        ui.ctx().request_repaint();
    }
    ui.separator();
    if state.rows.is_empty() {
        return;
    }
    let warn = ui.visuals().warn_fg_color;
    let indent = ui.spacing().indent;
    rows_ui(ui, &state.rows, |ui, row| match row {
        Row::Item { id, text, present } => {
            let r = ui.add_enabled(
                *present,
                egui::Button::selectable(false, text.as_str()).truncate(),
            );
            if r.clicked() {
                out.push(AppCommand::Reveal(id.clone()));
            }
        }
        Row::Property(text) => {
            ui.add_space(indent);
            ui.add(egui::Label::new(text.as_str()).truncate());
        }
        Row::Breaking(text) => {
            ui.add_space(2.0 * indent);
            ui.add(egui::Label::new(egui::RichText::new(text.as_str()).color(warn)).truncate());
        }
    });
}
