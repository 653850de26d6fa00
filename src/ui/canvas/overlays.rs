//! What sits over or above the canvas: the toolbar, the context menu, the
//! in-place rename box and the layout progress.

use egui::emath::TSTransform;
use egui::{FontId, Pos2, Rect, pos2, vec2};

use super::{CanvasContext, CanvasState, name_rect, to_rect};
use crate::diagram::Scene;
use crate::model::{ContainerKind, Document, View, c4};
use crate::ui::actions::{self, MenuTarget};
use crate::ui::commands::{AppCommand, Command, add_target};
use crate::ui::theme::CanvasColors;

/// The row above the canvas: breadcrumbs of views, the view switcher, and
/// buttons that add elements. One row of a fixed height whatever the
/// view: the buttons keep their place on the right, and long breadcrumbs
/// are cut at the left of them, so the canvas never moves.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    view: Option<&str>,
    out: &mut Vec<AppCommand>,
) {
    let height = ui.spacing().interact_size.y + 4.0;
    let size = vec2(ui.available_width(), height);
    let layout = egui::Layout::right_to_left(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_size(size);
        // Only what this view can take (the Add menu lists the rest).
        let mut add = |ui: &mut egui::Ui, c: Command, text: &str| {
            if add_target(doc, view, &Default::default(), c).is_some()
                && ui.button(text).on_hover_text(c.tooltip()).clicked()
            {
                out.push(AppCommand::Run(c));
            }
        };
        // Right to left: the last button first.
        add(ui, Command::AddEntity, "+ Entity");
        add(ui, Command::AddComponent, "+ Component");
        add(ui, Command::AddContainer(ContainerKind::Topic), "+ Topic");
        add(
            ui,
            Command::AddContainer(ContainerKind::Database),
            "+ Database",
        );
        add(
            ui,
            Command::AddContainer(ContainerKind::Service),
            "+ Service",
        );
        add(ui, Command::AddSystem, "+ System");
        add(ui, Command::AddPerson, "+ Person");
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
        // The breadcrumbs in what is left, cut where the buttons begin.
        let rest = ui.available_rect_before_wrap();
        ui.scope_builder(
            egui::UiBuilder::new()
                .max_rect(rest)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
            |ui| {
                ui.set_clip_rect(rest.intersect(ui.clip_rect()));
                if let Some(v) = view {
                    let chain = c4::breadcrumbs(doc, v);
                    for (i, id) in chain.iter().enumerate() {
                        if i > 0 {
                            ui.weak("›");
                        }
                        // Cut with "…" where the row ends, never wider.
                        let Some(crumb) = doc.view(id) else { continue };
                        let title = c4::view_short_title(doc, crumb);
                        if id == v {
                            ui.add(
                                egui::Label::new(egui::RichText::new(title).strong()).truncate(),
                            );
                        } else {
                            let link =
                                egui::RichText::new(&title).color(ui.visuals().hyperlink_color);
                            let r = ui
                                .add(
                                    egui::Label::new(link)
                                        .sense(egui::Sense::click())
                                        .truncate(),
                                )
                                .on_hover_cursor(egui::CursorIcon::PointingHand);
                            r.widget_info(|| {
                                egui::WidgetInfo::labeled(egui::Role::Link, true, &title)
                            });
                            if r.clicked() {
                                out.push(AppCommand::OpenView(id.clone()));
                            }
                        }
                    }
                }
            },
        );
    });
    ui.separator();
}

/// The open context menu (a right-click on an element, an edge label or
/// the background; a double-click on the background). It closes when an
/// entry is chosen, on Escape, or on a press outside it.
pub(super) fn context_menu_ui(
    ui: &mut egui::Ui,
    cx: &CanvasContext<'_>,
    view: &View,
    st: &mut CanvasState,
    out: &mut Vec<AppCommand>,
) {
    let Some((at, target)) = st.menu.clone() else {
        return;
    };
    let can_paste = st.last_copied.is_some();
    let id = ui.scope_id().with("context-menu");
    let layer = egui::LayerId::new(egui::Order::Foreground, id);
    // A menu like egui's own (frameless entries, submenus on hover), with
    // its open state kept here.
    let shown = egui::Popup::new(id, ui.ctx().clone(), egui::PopupAnchor::Position(at), layer)
        .kind(egui::PopupKind::Menu)
        .layout(egui::Layout::top_down_justified(egui::Align::Min))
        .style(egui::containers::menu::menu_style)
        .open(true)
        .show(|ui| {
            ui.set_max_width(260.0);
            match &target {
                MenuTarget::Element(id) => {
                    actions::element_menu_ui(ui, cx.doc, Some(view), id, out)
                }
                MenuTarget::Relationships(ids) => {
                    actions::relationship_menu_ui(ui, cx.doc, ids, out)
                }
                MenuTarget::Background(p) => {
                    actions::background_menu_ui(ui, cx.doc, view, *p, can_paste, out)
                }
            }
        });
    let Some(shown) = shown else {
        return;
    };
    // A press anywhere but on the menu or its submenus closes it; not the
    // press that opened it (a double-click's second).
    let press = ui.input(|i| i.pointer.press_origin().filter(|_| i.pointer.any_pressed()));
    let pressed_outside = press.is_some_and(|p| {
        !shown.response.rect.contains(p)
            && ui
                .ctx()
                .layer_id_at(p)
                .is_none_or(|l| l.order == egui::Order::Background)
    });
    if shown.inner || pressed_outside {
        st.menu = None;
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
