//! What sits over or above the canvas: the toolbar, the "Create here"
//! menu, the in-place rename box and the layout progress.

use egui::emath::TSTransform;
use egui::{FontId, Pos2, Rect, pos2, vec2};

use super::{CanvasContext, CanvasState, name_rect, snap, to_rect};
use crate::diagram::Scene;
use crate::model::{ContainerKind, Document, Point, View, c4};
use crate::ui::commands::{AppCommand, Command, add_target};
use crate::ui::theme::CanvasColors;

/// The row above the canvas: breadcrumbs of views, the view switcher, and
/// buttons that add elements.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    view: Option<&str>,
    out: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        if let Some(v) = view {
            let chain = c4::breadcrumbs(doc, v);
            for (i, id) in chain.iter().enumerate() {
                if i > 0 {
                    ui.weak("›");
                }
                let title = c4::view_title_of(doc, id);
                if id == v {
                    ui.strong(title);
                } else if ui.link(title).clicked() {
                    out.push(AppCommand::OpenView(id.clone()));
                }
            }
        }
        ui.separator();
        egui::ComboBox::from_id_salt("view-switcher")
            .selected_text("Views")
            .show_ui(ui, |ui| {
                for v in &doc.views {
                    if ui
                        .selectable_label(Some(v.id.as_str()) == view, c4::view_title(doc, v))
                        .clicked()
                    {
                        out.push(AppCommand::OpenView(v.id.clone()));
                    }
                }
            })
            .response
            .accessible_name("Views");
        ui.separator();
        let mut add = |ui: &mut egui::Ui, c: Command, text: &str| {
            let enabled = add_target(doc, view, &Default::default(), c).is_some();
            if ui
                .add_enabled(enabled, egui::Button::new(text))
                .on_hover_text(c.tooltip())
                .clicked()
            {
                out.push(AppCommand::Run(c));
            }
        };
        add(ui, Command::AddPerson, "+ Person");
        add(ui, Command::AddSystem, "+ System");
        add(
            ui,
            Command::AddContainer(ContainerKind::Service),
            "+ Service",
        );
        add(
            ui,
            Command::AddContainer(ContainerKind::Database),
            "+ Database",
        );
        add(ui, Command::AddContainer(ContainerKind::Topic), "+ Topic");
        add(ui, Command::AddComponent, "+ Component");
        add(ui, Command::AddEntity, "+ Entity");
    });
    ui.separator();
}

/// The menu a double-click on the background opens: what can be created
/// there.
pub(super) fn create_menu_ui(
    ui: &mut egui::Ui,
    cx: &CanvasContext<'_>,
    view: &View,
    st: &mut CanvasState,
    out: &mut Vec<AppCommand>,
) {
    let Some((screen_pos, scene_pos)) = st.create_menu else {
        return;
    };
    let mut close = false;
    egui::Area::new(ui.scope_id().with("create-menu"))
        .fixed_pos(screen_pos)
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            egui::Frame::menu(ui.style()).show(ui, |ui| {
                ui.label("Create here");
                let mut commands = vec![Command::AddPerson, Command::AddSystem];
                commands.extend(ContainerKind::ALL.into_iter().map(Command::AddContainer));
                commands.extend([Command::AddComponent, Command::AddEntity]);
                for c in commands {
                    if add_target(cx.doc, Some(&view.id), &Default::default(), c).is_some()
                        && ui
                            .button(c.label().trim_start_matches("Add ").to_owned())
                            .clicked()
                    {
                        let at = Point::new(snap(scene_pos.x), snap(scene_pos.y));
                        out.push(AppCommand::CreateAt { what: c, at });
                        close = true;
                    }
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    if close {
        st.create_menu = None;
    }
}

/// The box that renames an element (a relationship: its description) in
/// place, over its name.
pub(super) fn rename_ui(
    ui: &mut egui::Ui,
    cx: &CanvasContext<'_>,
    scene: &Scene,
    to_screen: TSTransform,
    st: &mut CanvasState,
    out: &mut Vec<AppCommand>,
) {
    let Some(rename) = &mut st.rename else { return };
    // Where: over the element's name, or an edge's label.
    let at = scene
        .nodes
        .iter()
        .find(|n| n.id == rename.id)
        .map(|n| to_screen * name_rect(n).unwrap_or_else(|| to_rect(&n.rect)))
        .or_else(|| {
            scene
                .edges
                .iter()
                .find(|e| e.relationships.contains(&rename.id))
                .and_then(|e| e.label_rect.as_ref())
                .map(|r| to_screen * to_rect(r))
        })
        .unwrap_or_else(|| {
            Rect::from_center_size(
                st.screen.map_or(Pos2::ZERO, |s| s.center()),
                vec2(240.0, 24.0),
            )
        });
    let width = at.width().max(180.0);
    let mut done = false;
    let mut cancel = false;
    egui::Area::new(ui.scope_id().with("rename"))
        .fixed_pos(pos2(at.center().x - width / 2.0, at.center().y - 12.0))
        .order(egui::Order::Foreground)
        .show(ui.ctx(), |ui| {
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut rename.text)
                        .desired_width(width)
                        .id_salt("rename-text"),
                )
                .accessible_name("New name");
            if rename.focus {
                crate::ui::widgets::focus_select_all(ui, &r, &rename.text);
                rename.focus = false;
            }
            if r.lost_focus() {
                if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                } else {
                    done = true;
                }
            }
        });
    if cancel {
        st.rename = None;
        return;
    }
    if done {
        let text = rename.text.trim().to_owned();
        let id = rename.id.clone();
        st.rename = None;
        if let Some(edit) = renamed(cx.doc, &id, &text) {
            out.push(AppCommand::Edit {
                edit,
                label: "Rename".into(),
            });
        }
    }
}

/// The edit that gives an item a new name (a relationship a new description).
pub(super) fn renamed(doc: &Document, id: &str, text: &str) -> Option<crate::model::Edit> {
    let mut item = doc.item(id)?.to_owned();
    (!text.is_empty() && item.set_name(text)).then_some(crate::model::Edit::Replace { item })
}

/// "Laying out…" in the corner while the worker has run for a moment.
pub(super) fn layout_progress_ui(
    ui: &egui::Ui,
    painter: &egui::Painter,
    st: &CanvasState,
    colors: &CanvasColors,
) {
    let Some(running) = st.layout_running() else {
        return;
    };
    let secs = running.as_secs_f32();
    if secs > 0.3
        && let Some(screen) = st.screen
    {
        painter.text(
            screen.left_bottom() + vec2(10.0, -10.0),
            egui::Align2::LEFT_BOTTOM,
            format!("Laying out… {secs:.1} s"),
            FontId::proportional(13.0),
            colors.hint,
        );
    }
    ui.ctx().request_repaint();
}
