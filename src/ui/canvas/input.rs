//! Pointer input on the canvas: clicks and double-clicks on elements, edge
//! labels and the background, and the gestures that follow a drag (moving
//! the selection, the selection rectangle, connecting two elements).
//! Everything becomes an [`AppCommand`]; nothing here edits the document.

use egui::{Rect, Response, Sense, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::{
    CanvasState, Frame, Gesture, diagram, drillable, edge_label, frozen, paint, place, snap,
    to_rect,
};
use crate::diagram::Scene;
use crate::model::{Id, Point};
use crate::ui::actions::MenuTarget;
use crate::ui::commands::AppCommand;

/// An edge label on screen at `r`: a click selects its relationships, a
/// double-click renames the first, a right-click opens their menu.
pub(super) fn edge_label_ui(
    ui: &mut egui::Ui,
    i: usize,
    e: &diagram::SceneEdge,
    r: Rect,
    st: &mut CanvasState,
    out: &mut Vec<AppCommand>,
) {
    // Foreign-key edges of an ER view have no relationships: the ends and
    // the place in the scene tell edges apart.
    let resp = ui.interact(
        r,
        ui.scope_id().with(("edge", i, &e.from, &e.to)),
        Sense::click(),
    );
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, edge_label(e)));
    if resp.clicked() {
        out.push(AppCommand::Select(e.relationships.clone()));
    }
    if resp.double_clicked()
        && let Some(r) = e.relationships.first()
    {
        out.push(AppCommand::StartRename(r.clone()));
    }
    if resp.secondary_clicked()
        && let Some(p) = resp.interact_pointer_pos()
    {
        out.push(AppCommand::Select(e.relationships.clone()));
        st.menu = Some((p, MenuTarget::Relationships(e.relationships.clone())));
    }
}

/// A node as drawn this frame.
pub(super) struct NodeOnScreen<'a> {
    pub node: &'a diagram::SceneNode,
    pub name: &'a str,
    /// Its widget.
    pub id: egui::Id,
    pub rect: Rect,
    pub selected: bool,
    /// Added or changed since the compared version (the changes panel).
    pub change: Option<crate::model::diff::Change>,
}

/// The widget of a node: click to select (Shift or Ctrl to add), double-click
/// to open its view (or rename what has none), drag to move the selection,
/// and its connection handle. True if the pointer is over it.
pub(super) fn node_ui(
    ui: &mut egui::Ui,
    f: &Frame<'_>,
    st: &mut CanvasState,
    scene: &Scene,
    on: &NodeOnScreen<'_>,
    out: &mut Vec<AppCommand>,
) -> bool {
    let (n, name, sr, selected) = (on.node, on.name, on.rect, on.selected);
    let resp = ui.interact(sr, on.id, Sense::click_and_drag());
    resp.widget_info(|| {
        let mut info = egui::WidgetInfo::selected(egui::Role::GraphicsObject, true, selected, name);
        // What its tag shows, for a screen reader (and the tests).
        info.current_text_value = on.change.map(|c| {
            match c {
                crate::model::diff::Change::Added => "new",
                _ => "changed",
            }
            .to_owned()
        });
        info
    });
    if resp.clicked() {
        if f.modifiers.shift || f.modifiers.command {
            out.push(AppCommand::ToggleSelect(n.id.clone()));
        } else {
            out.push(AppCommand::Select(vec![n.id.clone()]));
        }
    }
    if resp.secondary_clicked()
        && let Some(p) = resp.interact_pointer_pos()
    {
        // A right-click selects what it is on, unless that is already
        // part of the selection.
        if !selected {
            out.push(AppCommand::Select(vec![n.id.clone()]));
        }
        st.menu = Some((p, MenuTarget::Element(n.id.clone())));
    }
    // A double-click opens what has a view inside (a system, a container,
    // a database: made the first time), and renames the rest; F2 renames
    // anything.
    if resp.double_clicked() {
        if drillable(f.cx.doc, &n.id) {
            out.push(AppCommand::DrillInto(n.id.clone()));
        } else {
            out.push(AppCommand::StartRename(n.id.clone()));
        }
    }
    if resp.drag_started_by(egui::PointerButton::Primary) && !f.space {
        let ids: Vec<Id> = if selected {
            f.cx.selection.iter().cloned().collect()
        } else {
            out.push(AppCommand::Select(vec![n.id.clone()]));
            vec![n.id.clone()]
        };
        let start = scene
            .nodes
            .iter()
            .filter(|m| ids.contains(&m.id))
            .map(|m| (m.id.clone(), Point::new(m.rect.x, m.rect.y)))
            .collect();
        let frozen = frozen(scene, f.view, |id| ids.contains(id));
        st.gesture = Gesture::Moving {
            start,
            delta: Vec2::ZERO,
            frozen,
        };
    }
    // The connection handle: a dot on the right edge of the hovered or
    // selected element. It sits just outside the box, so it stays while the
    // pointer is on it (or pressed there), or it would vanish under the
    // pointer on its way from the box, and the drag would be the
    // background's.
    let (handle, hr) = handle_of(sr);
    let at_handle = ui.input(|i| {
        [i.pointer.hover_pos(), i.pointer.press_origin()]
            .into_iter()
            .flatten()
            .any(|p| hr.contains(p))
    });
    if f.vp.zoom > 0.3
        && (selected || resp.hovered() || at_handle)
        && matches!(st.gesture, Gesture::None)
    {
        let h = ui.interact(hr, ui.scope_id().with(("handle", &n.id)), Sense::drag());
        h.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Connect {name}"))
        });
        f.painter.circle(
            handle,
            5.0,
            f.colors.tool,
            Stroke::new(1.5, f.colors.handle_ring),
        );
        if h.drag_started() {
            st.gesture = Gesture::Connecting {
                from: n.id.clone(),
                to_scene: f.vp.to_scene * handle,
            };
        }
    }
    resp.hovered()
}

/// Where the connection handle of a box at `sr` (on screen) is: its centre
/// and the rectangle that takes the pointer.
pub(super) fn handle_of(sr: Rect) -> (egui::Pos2, Rect) {
    let handle = pos2(sr.right() + 8.0, sr.center().y);
    (handle, Rect::from_center_size(handle, vec2(14.0, 14.0)))
}

/// The gesture in progress, one frame on: moves the selection, draws the
/// selection rectangle or the line being connected, and ends the gesture
/// when its button comes up; with none, a background drag starts the
/// selection rectangle.
pub(super) fn gesture_ui(
    ui: &egui::Ui,
    f: &Frame<'_>,
    st: &mut CanvasState,
    scene: &Scene,
    bg: &Response,
    out: &mut Vec<AppCommand>,
) {
    let (to_screen, to_scene) = (f.vp.to_screen, f.vp.to_scene);
    let pointer = ui.input(|i| i.pointer.latest_pos());
    // A gesture ends when its button comes up, even if press and release
    // arrived in the same frame.
    let released = ui.input(|i| i.pointer.any_released() || !i.pointer.any_down());
    match &mut st.gesture {
        Gesture::Moving {
            start,
            delta,
            frozen,
        } => {
            *delta += ui.input(|i| i.pointer.delta()) / f.vp.zoom;
            let mut positions: Vec<(Id, Option<Point>)> = start
                .iter()
                .map(|(id, p)| {
                    let x = place(p.x + delta.x, f.cx.snap);
                    let y = place(p.y + delta.y, f.cx.snap);
                    (id.clone(), Some(Point::new(x, y)))
                })
                .collect();
            let moved = positions
                .iter()
                .zip(start.iter())
                .any(|((_, p), (_, s))| p.is_some_and(|p| p != *s));
            if moved {
                positions.extend(frozen.iter().cloned());
                out.push(AppCommand::Move {
                    view: f.view.id.clone(),
                    positions,
                });
            }
            if released {
                out.push(AppCommand::EndGesture);
                st.gesture = Gesture::None;
            }
        }
        Gesture::RubberBand { from, to, additive } => {
            if let Some(p) = pointer {
                *to = to_scene * p;
            }
            let band = Rect::from_two_pos(*from, *to);
            f.painter.rect(
                to_screen * band,
                0.0,
                f.colors.tool_fill,
                Stroke::new(1.0, f.colors.tool),
                StrokeKind::Inside,
            );
            if released {
                let mut ids: Vec<Id> = scene
                    .nodes
                    .iter()
                    .filter(|n| band.intersects(to_rect(&n.rect)))
                    .map(|n| n.id.clone())
                    .collect();
                if *additive {
                    ids.extend(f.cx.selection.iter().cloned());
                }
                out.push(AppCommand::Select(ids));
                st.gesture = Gesture::None;
            }
        }
        Gesture::Connecting {
            from,
            to_scene: target,
        } => {
            if let Some(p) = pointer {
                *target = to_scene * p;
            }
            if let Some(src) = scene.nodes.iter().find(|n| n.id == *from) {
                let a = to_screen * to_rect(&src.rect).center();
                let b = to_screen * *target;
                f.painter
                    .line_segment([a, b], Stroke::new(2.0, f.colors.tool));
                paint::arrow_head(&f.painter, a, b, f.colors.tool, 10.0);
            }
            if released {
                let hit = scene
                    .nodes
                    .iter()
                    .find(|n| to_rect(&n.rect).contains(*target) && n.id != *from);
                if let Some(to) = hit {
                    out.push(AppCommand::Connect {
                        from: from.clone(),
                        to: to.id.clone(),
                    });
                }
                st.gesture = Gesture::None;
            }
        }
        Gesture::None => {
            if bg.drag_started_by(egui::PointerButton::Primary)
                && !f.space
                && let Some(p) = bg.interact_pointer_pos()
            {
                let s = to_scene * p;
                st.gesture = Gesture::RubberBand {
                    from: s,
                    to: s,
                    additive: f.modifiers.shift || f.modifiers.command,
                };
            }
        }
    }
}

/// A click on the background clears the selection; a double-click or a
/// right-click there opens its menu (what can be added there, paste…).
pub(super) fn background_ui(
    f: &Frame<'_>,
    st: &mut CanvasState,
    bg: &Response,
    over_node: bool,
    out: &mut Vec<AppCommand>,
) {
    if bg.clicked() && !over_node {
        out.push(AppCommand::Select(Vec::new()));
        st.menu = None;
    }
    if (bg.double_clicked() || bg.secondary_clicked())
        && !over_node
        && let Some(p) = bg.interact_pointer_pos()
    {
        let at = f.vp.to_scene * p;
        st.menu = Some((
            p,
            MenuTarget::Background(Point::new(snap(at.x), snap(at.y))),
        ));
    }
}
