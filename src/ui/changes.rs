//! The changes panel: what the document changes against the saved file
//! (`model::diff`, as `archdesk diff` shows it), live as the model is
//! edited. Clicking a change selects and reveals the item.
//!
//! The comparison is made again once the editing pauses (a few tenths of a
//! second without a change), not on every keystroke: on a big model it
//! takes tens of milliseconds.

use super::commands::AppCommand;
use super::widgets::rows_ui;
use crate::export::diff::{show, summary};
use crate::model::diff::{Change, Diff};
use crate::model::{Document, Id};
use crate::text::printable;

/// How long the editing must pause before the comparison is made again.
const PAUSE: f64 = 0.3;

/// What the panel keeps between frames.
#[derive(Debug, Default)]
pub struct ChangesState {
    /// The saved file's model, read when first needed.
    saved: Option<Document>,
    /// The comparison, and the document generation it is of.
    diff: Option<(u64, Diff)>,
    /// The rows of `diff`, one per item and one per property.
    rows: Vec<Row>,
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
    /// Forgets the saved model: the file was saved or another one opened.
    /// `saved` is the model as now saved, when it is at hand.
    pub fn saved_as(&mut self, saved: Option<Document>) {
        self.saved = saved;
        self.diff = None;
    }

    fn rows_of(diff: &Diff) -> Vec<Row> {
        let mut rows = Vec::new();
        let reason = |rows: &mut Vec<Row>, why: &Option<String>| {
            if let Some(why) = why {
                rows.push(Row::Breaking(one_line(&format!("breaking: {why}"))));
            }
        };
        for p in &diff.model {
            rows.push(Row::Property(property_text(
                &p.path,
                p.old.as_ref(),
                p.new.as_ref(),
            )));
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
                rows.push(Row::Property(property_text(
                    &p.path,
                    p.old.as_ref(),
                    p.new.as_ref(),
                )));
                reason(&mut rows, &p.breaking);
            }
        }
        rows
    }
}

fn property_text(
    path: &str,
    old: Option<&serde_json::Value>,
    new: Option<&serde_json::Value>,
) -> String {
    one_line(&format!(
        "{path}: {} -> {}",
        show(path, old),
        show(path, new)
    ))
}

/// Text for a one-line row: printable, line breaks as spaces.
fn one_line(text: &str) -> String {
    printable(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// Draws the panel. `saved` reads the saved file's model (or gives an
/// empty one for a model never saved), when it is first needed.
pub fn changes_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    generation: u64,
    state: &mut ChangesState,
    saved: impl FnOnce() -> Document,
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
        let saved = state.saved.get_or_insert_with(saved);
        let diff = crate::model::diff::diff(saved, doc);
        state.rows = ChangesState::rows_of(&diff);
        state.diff = Some((generation, diff));
    } else if !current {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f64(PAUSE));
    }
    ui.horizontal(|ui| {
        ui.strong("Changes");
        match &state.diff {
            Some((_, d)) if d.is_empty() => ui.label("none since the saved file"),
            Some((_, d)) => ui.label(format!("since the saved file: {}", summary(d))),
            None => ui.label("comparing…"),
        };
        if !current && state.diff.is_some() {
            ui.weak("(updating)");
        }
    });
    ui.separator();
    if state.rows.is_empty() {
        ui.weak("The model is as the saved file has it.");
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
