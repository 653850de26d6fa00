//! The problems panel: the findings of `check`, live as the model changes.
//! Clicking one selects and reveals the element it is about.

use super::commands::AppCommand;
use crate::check::{Finding, Severity};
use crate::model::Document;
use crate::text::plural;

/// The name of the element of each finding, as the list shows it: made
/// once when the findings change ([`finding_names`]), not every frame.
pub fn finding_names(doc: &Document, findings: &[Finding]) -> Vec<String> {
    let index = doc.index();
    findings
        .iter()
        .map(|f| {
            index
                .item(&f.element)
                .map_or_else(|| f.element.clone(), |i| i.label().to_owned())
        })
        .collect()
}

/// Draws the findings list; `names` are the [`finding_names`] of
/// `findings` (made here when they do not match).
pub fn problems_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    findings: &[Finding],
    names: &[String],
    out: &mut Vec<AppCommand>,
) {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    ui.horizontal(|ui| {
        ui.strong("Problems");
        ui.label(format!(
            "{} · {} · {}",
            plural(count(Severity::Error), "error"),
            plural(count(Severity::Warning), "warning"),
            plural(count(Severity::Info), "note")
        ));
    });
    ui.separator();
    if findings.is_empty() {
        ui.weak("No problems found in this model.");
        return;
    }
    let made;
    let names = if names.len() == findings.len() {
        names
    } else {
        made = finding_names(doc, findings);
        &made
    };
    // Only the rows in sight are laid out: a big model has thousands of
    // findings. Every row is one line high.
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body));
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, findings.len(), |ui, rows| {
            egui::Grid::new("findings")
                .striped(true)
                .num_columns(4)
                .min_row_height(row_height)
                .start_row(rows.start)
                .show(ui, |ui| {
                    let shown = findings.get(rows.clone()).unwrap_or_default();
                    for (f, name) in shown
                        .iter()
                        .zip(names.get(rows.start..).unwrap_or_default())
                    {
                        let color = match f.severity {
                            Severity::Error => ui.visuals().error_fg_color,
                            Severity::Warning => ui.visuals().warn_fg_color,
                            Severity::Info => ui.visuals().weak_text_color(),
                        };
                        let label = if f.accepted.is_some() {
                            "accepted"
                        } else {
                            f.severity.label()
                        };
                        ui.colored_label(color, label);
                        let place = if f.part.is_empty() {
                            name.clone()
                        } else {
                            format!("{name} · {}", f.part)
                        };
                        if ui.link(place).on_hover_text(&f.hint).clicked() {
                            out.push(AppCommand::Reveal(f.element.clone()));
                        }
                        if ui.label(&f.message).on_hover_text(&f.hint).clicked() {
                            out.push(AppCommand::Reveal(f.element.clone()));
                        }
                        ui.weak(f.rule);
                        ui.end_row();
                    }
                });
        });
}
