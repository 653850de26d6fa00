//! The problems panel: the findings of `check`, live as the model changes.
//! Clicking one selects and reveals the element it is about; a finding
//! with an obvious fix has a button for it, and a review finding can be
//! accepted with a reason (each one undo step).

use super::commands::AppCommand;
use crate::check::{Finding, Severity, fixes};
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
                .num_columns(5)
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
                        ui.horizontal(|ui| fixes_ui(ui, doc, f, out));
                        ui.end_row();
                    }
                });
        });
}

/// The quick fix of a finding, if it has one, and "Accept…" for a review
/// finding not yet accepted.
fn fixes_ui(ui: &mut egui::Ui, doc: &Document, f: &Finding, out: &mut Vec<AppCommand>) {
    if let Some(label) = fixes::fix_label(f.rule)
        && ui
            .small_button(label)
            .on_hover_text(format!("Fix it: {}", f.hint))
            .clicked()
        && let Some(fix) = fixes::quick_fix(doc, f)
    {
        out.push(AppCommand::Edit {
            edit: fix.edit,
            label: fix.label.to_owned(),
        });
        if let Some(id) = fix.then_rename {
            out.extend([AppCommand::Reveal(id.clone()), AppCommand::StartRename(id)]);
        }
    }
    let acceptable =
        f.accepted.is_none() && crate::check::rule(f.rule).is_some_and(|r| !r.is_structural());
    if !acceptable {
        return;
    }
    let button = ui
        .small_button("Accept…")
        .on_hover_text("Accept it here, with the reason, so the review stops reporting it");
    egui::Popup::from_toggle_button_response(&button)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show(|ui| {
            let key = button.id.with("reason");
            let mut reason: String = ui.data_mut(|d| d.get_temp(key)).unwrap_or_default();
            ui.label(format!("Why is {} acceptable here?", f.rule));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut reason)
                        .hint_text("The reason, for the next reviewer")
                        .desired_width(320.0),
                )
                .accessible_name("Reason");
            if !field.has_focus() && reason.is_empty() {
                field.request_focus();
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let ok = ui
                .add_enabled(!reason.trim().is_empty(), egui::Button::new("Accept"))
                .clicked();
            if (ok || enter)
                && let Some(edit) = fixes::accept(doc, f, &reason)
            {
                out.push(AppCommand::Edit {
                    edit,
                    label: "Accept finding".into(),
                });
                reason.clear();
                ui.close();
            }
            ui.data_mut(|d| d.insert_temp(key, reason));
        });
}
