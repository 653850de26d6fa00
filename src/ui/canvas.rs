//! The canvas: paints the scene of the current view (the same scene the SVG
//! export writes) and turns pointer gestures into app commands.
//!
//! Pan with the middle or right button, Space+drag, or the scroll wheel;
//! zoom around the pointer with Ctrl+wheel or a pinch. Click selects,
//! Shift/Ctrl+click adds, dragging on the background draws a selection
//! rectangle, dragging a selected element moves the whole selection (one
//! undo step), dragging from an element's handle to another element connects
//! them, double-clicking the background offers what can be created there,
//! double-clicking a system or container opens its inner view, F2 or a
//! double-click on the name renames in place.
//!
//! Only what intersects the screen is painted; below 30 % zoom elements are
//! their shapes with their names, below 10 % plain boxes without text, and
//! edges lines without arrowheads or labels.
//! Layout of elements without saved positions runs on a worker thread.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::mpsc::Receiver;
use std::time::Instant;

use egui::emath::TSTransform;
use egui::{
    Color32, CornerRadius, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::commands::{AppCommand, Command, add_target};
use crate::check::{Finding, Severity};
use crate::diagram::{
    self, ContentsLookup, Draft, LayoutInput, Positions, Scene, Shape as NodeShape, ViewContents,
};
use crate::model::{ContainerKind, Document, Id, ItemRef, Point, View, c4};

/// The grid step and nudge distance, in scene units.
pub const GRID: f32 = 20.0;

/// Zoom limits.
const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 4.0;
/// Below this zoom, elements are plain boxes without text and edges plain
/// lines.
const LOD_BOX_ZOOM: f32 = 0.1;
/// Above this many nodes on screen, only those under the pointer get a
/// widget of their own (see `canvas_ui`).
const INTERACTIVE_NODES: usize = 1500;

/// What everything on the canvas is drawn from, borrowed for a frame.
pub struct CanvasContext<'a> {
    pub doc: &'a Document,
    pub generation: u64,
    pub view: Option<&'a str>,
    pub selection: &'a BTreeSet<Id>,
    pub findings: &'a [Finding],
    pub grid: bool,
    pub snap: bool,
    pub dark: bool,
}

/// A gesture in progress.
#[derive(Clone, Debug, Default)]
enum Gesture {
    #[default]
    None,
    /// Moving the selection: where each id started, and the total delta.
    Moving {
        start: Vec<(Id, Point)>,
        delta: Vec2,
    },
    /// Drawing a selection rectangle from this scene point.
    RubberBand {
        from: Pos2,
        to: Pos2,
        additive: bool,
    },
    /// Dragging a new relationship from this element.
    Connecting { from: Id, to_scene: Pos2 },
}

/// Renaming an element (or a relationship's description) in place.
#[derive(Clone, Debug)]
pub struct Rename {
    pub id: Id,
    pub text: String,
    focus: bool,
}

/// A layout job on the worker thread.
struct LayoutJob {
    view: Id,
    key: u64,
    /// Save the result in the model (Auto-arrange) rather than just show it.
    commit: bool,
    rx: Receiver<Positions>,
    started: Instant,
}

/// The cached scene of the current view, with what painting it needs from
/// the document, so that a frame does not look anything up there.
struct Cached {
    view: Id,
    generation: u64,
    auto_version: u64,
    scene: Scene,
    /// The name shown for each node of the scene, in scene order.
    names: Vec<String>,
    /// Each edge's bounding box in the scene, grown by 40 (its label and
    /// arrowhead stay inside), in scene order.
    edge_boxes: Vec<Rect>,
    /// The badge of each node (its worst finding), in scene order: findings
    /// change with the document, as the scene does.
    badges: Vec<Option<Severity>>,
}

/// The canvas's state between frames (view state, never saved in the model).
#[derive(Default)]
pub struct CanvasState {
    /// Scene → screen (relative to the canvas's top-left) per view.
    cameras: HashMap<Id, TSTransform>,
    gesture: Gesture,
    pub rename: Option<Rename>,
    /// Positions computed by auto layout for elements without saved ones, per view.
    auto: HashMap<Id, (u64, Positions)>,
    job: Option<LayoutJob>,
    cached: Option<Cached>,
    fit_requested: bool,
    center_on: Option<Id>,
    arrange: Option<Id>,
    /// A pending "create here" menu at this scene point.
    create_menu: Option<(Pos2, Pos2)>,
    /// The nodes painted last frame (for Select all), by their place in
    /// the cached scene.
    visible: Vec<usize>,
    /// The canvas rectangle on screen last frame.
    screen: Option<Rect>,
    pub fine_nudge: bool,
    pub quit_requested: bool,
    pub last_copied: Option<String>,
    zoom_request: Option<f32>,
    zoom_to_request: Option<f32>,
    /// Bumped whenever an automatic layout arrives.
    auto_version: u64,
}

impl CanvasState {
    /// Where a node of the shown view was drawn last frame, on screen.
    #[cfg(test)]
    pub(super) fn screen_rect_of(&self, id: &str) -> Option<Rect> {
        let c = self.cached.as_ref()?;
        let camera = self.cameras.get(&c.view)?;
        let screen = self.screen?;
        let node = c.scene.nodes.iter().find(|n| n.id == id)?;
        Some(TSTransform::from_translation(screen.min.to_vec2()) * *camera * to_rect(&node.rect))
    }

    /// Waits for the layout running on the worker thread, if any, and
    /// leaves its result for the next frame to take, as it would once the
    /// worker is done: UI tests step frames far faster than a busy machine
    /// lays out.
    #[cfg(test)]
    pub(super) fn finish_layout(&mut self) {
        if let Some(job) = &mut self.job
            && let Ok(positions) = job.rx.recv_timeout(std::time::Duration::from_secs(120))
        {
            let (tx, rx) = std::sync::mpsc::channel();
            let _ = tx.send(positions);
            job.rx = rx;
        }
    }

    /// The zoom of the current camera (1.0 = 100 %).
    pub fn zoom(&self) -> f32 {
        self.cached
            .as_ref()
            .and_then(|c| self.cameras.get(&c.view))
            .map_or(1.0, |t| t.scaling)
    }

    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_request = Some(factor);
    }

    pub fn zoom_to(&mut self, zoom: f32) {
        self.zoom_to_request = Some(zoom);
    }

    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    pub fn request_center_on(&mut self, id: &str) {
        self.center_on = Some(id.to_owned());
    }

    pub fn request_auto_arrange(&mut self, view: &str) {
        self.arrange = Some(view.to_owned());
    }

    /// The ids shown in the current view.
    pub fn visible_ids(&self) -> Vec<Id> {
        let Some(c) = &self.cached else {
            return Vec::new();
        };
        self.visible
            .iter()
            .filter_map(|&i| c.scene.nodes.get(i).map(|n| n.id.clone()))
            .collect()
    }

    /// Cancels the gesture, rename or menu in progress; false if there was none.
    pub fn cancel(&mut self) -> bool {
        let busy = !matches!(self.gesture, Gesture::None)
            || self.rename.is_some()
            || self.create_menu.is_some();
        self.gesture = Gesture::None;
        self.rename = None;
        self.create_menu = None;
        busy
    }

    /// Starts renaming an element in place (a relationship: its description).
    pub fn start_rename(&mut self, doc: &Document, id: &str) {
        let Some(text) = doc.item(id).map(|i| i.name().to_owned()) else {
            return;
        };
        self.rename = Some(Rename {
            id: id.to_owned(),
            text,
            focus: true,
        });
    }

    /// Where each selected element goes when nudged by (dx, dy).
    pub fn nudged(
        &self,
        selection: &BTreeSet<Id>,
        dx: f32,
        dy: f32,
    ) -> Option<Vec<(Id, Option<Point>)>> {
        let scene = &self.cached.as_ref()?.scene;
        let moves: Vec<(Id, Option<Point>)> = scene
            .nodes
            .iter()
            .filter(|n| selection.contains(&n.id))
            .map(|n| (n.id.clone(), Some(Point::new(n.rect.x + dx, n.rect.y + dy))))
            .collect();
        (!moves.is_empty()).then_some(moves)
    }

    /// A free place for a new element: the middle of the screen, right of what is there.
    pub fn free_spot(&self) -> Point {
        let Some(c) = &self.cached else {
            return Point::new(0.0, 0.0);
        };
        let camera = self.cameras.get(&c.view).copied().unwrap_or_default();
        let middle =
            camera.inverse() * (self.screen.map_or(Vec2::ZERO, |s| s.size()) / 2.0).to_pos2();
        let mut spot = pos2(snap(middle.x), snap(middle.y));
        // Step right until the new box does not cover another.
        for _ in 0..50 {
            let probe = Rect::from_min_size(spot, vec2(220.0, 140.0));
            if !c
                .scene
                .nodes
                .iter()
                .any(|n| to_rect(&n.rect).intersects(probe))
            {
                break;
            }
            spot.x += 260.0;
        }
        Point::new(spot.x, spot.y)
    }
}

fn snap(v: f32) -> f32 {
    (v / GRID).round() * GRID
}

fn to_rect(r: &diagram::Rect) -> Rect {
    Rect::from_min_size(pos2(r.x, r.y), vec2(r.w, r.h))
}

fn to_pos(p: diagram::Point) -> Pos2 {
    pos2(p.x, p.y)
}

fn color(c: diagram::Color) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

/// Whether a view shows an element (for Reveal).
pub fn view_shows(doc: &Document, view: &View, id: &str) -> bool {
    ViewContents::of(doc, view).is_ok_and(|c| c.node(id).is_some())
}

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
            let enabled = add_target(doc, view, c).is_some();
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

/// Draws the canvas and handles its gestures.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    cx: &CanvasContext<'_>,
    st: &mut CanvasState,
    out: &mut Vec<AppCommand>,
) {
    let Some(view) = cx.view.and_then(|v| cx.doc.view(v)) else {
        ui.centered_and_justified(|ui| {
            ui.label("This model has no views yet. Add a software system, then double-click it to open its containers view.");
        });
        return;
    };
    let (screen, bg) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    st.screen = Some(screen);
    let painter = ui.painter_at(screen);
    let dark = cx.dark;
    painter.rect_filled(
        screen,
        0.0,
        if dark {
            Color32::from_gray(24)
        } else {
            Color32::from_gray(250)
        },
    );

    poll_layout(st, cx, out);
    let Some(drawn) = scene_for(st, cx, view) else {
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Laying out…",
            FontId::proportional(16.0),
            Color32::GRAY,
        );
        ui.ctx().request_repaint();
        return;
    };

    let scene = &drawn.scene;
    // Camera: fit the first time a view is shown, or when asked.
    let bounds = to_rect(&scene.bounds);
    let first = !st.cameras.contains_key(&view.id);
    let camera = st
        .cameras
        .entry(view.id.clone())
        .or_insert_with(|| fit(bounds, screen.size()));
    if std::mem::take(&mut st.fit_requested) || first {
        *camera = fit(bounds, screen.size());
    }
    if let Some(id) = st.center_on.take()
        && let Some(n) = scene.nodes.iter().find(|n| n.id == id)
    {
        let c = to_rect(&n.rect).center();
        camera.translation = screen.size() / 2.0 - c.to_vec2() * camera.scaling;
    }
    let center_local = (screen.size() / 2.0).to_pos2();
    if let Some(f) = st.zoom_request.take() {
        zoom_around(camera, center_local, f);
    }
    if let Some(z) = st.zoom_to_request.take() {
        let f = z / camera.scaling;
        zoom_around(camera, center_local, f);
    }

    // Pan and zoom input.
    let space = ui.input(|i| i.key_down(egui::Key::Space));
    let pointer_local = ui
        .input(|i| i.pointer.hover_pos())
        .map(|p| p - screen.min.to_vec2());
    if bg.hovered() || st.visible.iter().any(|_| ui.rect_contains_pointer(screen)) {
        let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
        if let Some(p) = pointer_local.filter(|_| ui.rect_contains_pointer(screen)) {
            if zoom != 1.0 {
                zoom_around(camera, p, zoom);
            } else if scroll != Vec2::ZERO {
                camera.translation += scroll;
            }
        }
    }
    if bg.dragged_by(egui::PointerButton::Middle)
        || bg.dragged_by(egui::PointerButton::Secondary)
        || (space && bg.dragged_by(egui::PointerButton::Primary))
    {
        camera.translation += bg.drag_delta();
    }
    let camera = *camera;
    let to_screen = TSTransform::from_translation(screen.min.to_vec2()) * camera;
    let to_scene = to_screen.inverse();
    let zoom = camera.scaling;

    if cx.grid && zoom > 0.25 {
        paint_grid(&painter, screen, to_screen, dark);
    }

    let visible_scene = to_scene * screen;

    // Boundaries, edges, then nodes on top.
    for b in &scene.boundaries {
        let r = to_rect(&b.rect);
        if !r.intersects(visible_scene) {
            continue;
        }
        let sr = to_screen * r;
        dashed_rect(&painter, sr, Stroke::new(1.5, color(b.stroke)), 8.0);
        if zoom > 0.1 {
            for line in &b.lines {
                paint_line(&painter, to_screen, line, zoom);
            }
        }
    }
    // Solid lines thinner than a pixel (zoomed far out) go in one mesh,
    // drawn where this placeholder sits, exactly as egui would draw each.
    let feathering = ui.ctx().tessellation_options(|o| {
        if o.feathering {
            o.feathering_size_in_pixels
        } else {
            0.0
        }
    }) / ui.ctx().pixels_per_point();
    let lines_slot = painter.add(Shape::Noop);
    let mut lines = egui::epaint::Mesh::default();
    for (e, bbox) in scene.edges.iter().zip(&drawn.edge_boxes) {
        if !bbox.intersects(visible_scene) {
            continue;
        }
        let selected = e.relationships.iter().any(|r| cx.selection.contains(r));
        let c = if selected {
            Color32::from_rgb(230, 120, 0)
        } else {
            color(e.color)
        };
        let stroke = Stroke::new(if selected { 2.5 } else { 1.3 } * zoom.clamp(0.6, 1.5), c);
        let pts: Vec<Pos2> = e.points.iter().map(|p| to_screen * to_pos(*p)).collect();
        if e.style.dashed() {
            painter.extend(Shape::dashed_line(
                &pts,
                stroke,
                7.0 * zoom.max(0.5),
                5.0 * zoom.max(0.5),
            ));
        } else if stroke.width <= 0.9 * feathering {
            thin_line(&mut lines, &pts, stroke, feathering);
        } else {
            painter.add(Shape::line(pts, stroke));
        }
        // Below 10 % an edge is its line: the arrowhead would be a pixel and
        // the label is neither drawn nor clickable.
        let tiny = zoom < LOD_BOX_ZOOM;
        if !tiny {
            let head: Vec<Pos2> = e
                .arrow_head
                .iter()
                .map(|p| to_screen * to_pos(*p))
                .collect();
            painter.add(Shape::convex_polygon(head, c, Stroke::NONE));
        }
        if zoom > 0.3 && !e.label.is_empty() {
            if let Some(lr) = &e.label_rect {
                painter.rect_filled(to_screen * to_rect(lr), 2.0, color(e.label_background));
            }
            for line in &e.label {
                paint_line(&painter, to_screen, line, zoom);
            }
        }
        // Clicking an edge label selects its relationships.
        if let Some(lr) = e.label_rect.as_ref().filter(|_| !tiny) {
            let r = to_screen * to_rect(lr);
            let resp = ui.interact(
                r,
                ui.scope_id().with(("edge", &e.relationships)),
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
        }
    }
    if zoom > 0.1 {
        for line in &scene.title {
            paint_line(&painter, to_screen, line, zoom);
        }
    }
    paint_legend(&painter, to_screen, &scene.legend, zoom, visible_scene);

    if !lines.is_empty() {
        painter.set(lines_slot, Shape::mesh(lines));
    }
    // Below 10 % the nodes are plain boxes: all of them go in one mesh
    // (drawn where this placeholder sits, under badges and handles), which
    // costs a fraction of a shape each when there are thousands.
    let tiny = zoom < LOD_BOX_ZOOM;
    let boxes_slot = painter.add(Shape::Noop);
    let mut boxes = egui::epaint::Mesh::default();
    let mut visible = Vec::new();
    let modifiers = ui.input(|i| i.modifiers);
    let mut hovered_node: Option<Id> = None;
    // With thousands of nodes on screen (zoomed far out), a widget for each
    // costs more than drawing them all: then only the nodes under the
    // pointer (or where the press began) and the one being dragged get one,
    // which is all that can be clicked or dragged this frame.
    let every_node = st.visible.len() <= INTERACTIVE_NODES;
    let (hover, press) = ui.input(|i| (i.pointer.hover_pos(), i.pointer.press_origin()));
    let dragged = ui.ctx().dragged_id();
    for (i, (n, name)) in scene.nodes.iter().zip(&drawn.names).enumerate() {
        let r = to_rect(&n.rect);
        if !r.intersects(visible_scene) {
            continue;
        }
        visible.push(i);
        let sr = to_screen * r;
        let selected = cx.selection.contains(&n.id);
        if tiny {
            tiny_node(&mut boxes, sr, n, selected);
        } else {
            paint_node(&painter, to_screen, n, name, zoom, selected);
        }
        if let Some(sev) = drawn.badges.get(i).copied().flatten() {
            badge(&painter, sr.right_top(), sev);
        }
        let near =
            || hover.is_some_and(|p| sr.contains(p)) || press.is_some_and(|p| sr.contains(p));
        if !every_node && dragged.is_none() && !near() {
            continue;
        }
        let id = ui.scope_id().with(("node", &n.id));
        if !every_node && dragged != Some(id) && !near() {
            continue;
        }
        let resp = ui.interact(sr, id, Sense::click_and_drag());
        resp.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::GraphicsObject, true, selected, name)
        });
        if resp.hovered() {
            hovered_node = Some(n.id.clone());
        }
        if resp.clicked() {
            if modifiers.shift || modifiers.command {
                out.push(AppCommand::ToggleSelect(n.id.clone()));
            } else {
                out.push(AppCommand::Select(vec![n.id.clone()]));
            }
        }
        if resp.double_clicked() {
            let on_name = name_rect(n).is_some_and(|nr| {
                resp.interact_pointer_pos()
                    .is_some_and(|p| (to_screen * nr).expand(2.0).contains(p))
            });
            if !on_name && drillable(cx.doc, &n.id) {
                out.push(AppCommand::DrillInto(n.id.clone()));
            } else {
                out.push(AppCommand::StartRename(n.id.clone()));
            }
        }
        if resp.drag_started_by(egui::PointerButton::Primary) && !space {
            let ids: Vec<Id> = if selected {
                cx.selection.iter().cloned().collect()
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
            st.gesture = Gesture::Moving {
                start,
                delta: Vec2::ZERO,
            };
        }
        // The connection handle: a dot on the right edge of the hovered or selected element.
        if zoom > 0.3 && (selected || resp.hovered()) && matches!(st.gesture, Gesture::None) {
            let handle = pos2(sr.right() + 8.0, sr.center().y);
            let hr = Rect::from_center_size(handle, vec2(14.0, 14.0));
            let h = ui.interact(hr, ui.scope_id().with(("handle", &n.id)), Sense::drag());
            h.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Connect {name}"))
            });
            painter.circle(
                handle,
                5.0,
                Color32::from_rgb(0, 120, 215),
                Stroke::new(1.5, Color32::WHITE),
            );
            if h.drag_started() {
                st.gesture = Gesture::Connecting {
                    from: n.id.clone(),
                    to_scene: to_scene * handle,
                };
            }
        }
    }
    if !boxes.is_empty() {
        painter.set(boxes_slot, Shape::mesh(boxes));
    }
    st.visible = visible;

    // Gestures.
    let pointer = ui.input(|i| i.pointer.latest_pos());
    // A gesture ends when its button comes up, even if press and release
    // arrived in the same frame.
    let released = ui.input(|i| i.pointer.any_released() || !i.pointer.any_down());
    match &mut st.gesture {
        Gesture::Moving { start, delta } => {
            *delta += ui.input(|i| i.pointer.delta()) / zoom;
            let positions: Vec<(Id, Option<Point>)> = start
                .iter()
                .map(|(id, p)| {
                    let (mut x, mut y) = (p.x + delta.x, p.y + delta.y);
                    if cx.snap {
                        x = snap(x);
                        y = snap(y);
                    }
                    (id.clone(), Some(Point::new(x, y)))
                })
                .collect();
            let moved = positions
                .iter()
                .zip(start.iter())
                .any(|((_, p), (_, s))| p.is_some_and(|p| p != *s));
            if moved {
                out.push(AppCommand::Move {
                    view: view.id.clone(),
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
            painter.rect(
                to_screen * band,
                0.0,
                Color32::from_rgba_unmultiplied(0, 120, 215, 30),
                Stroke::new(1.0, Color32::from_rgb(0, 120, 215)),
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
                    ids.extend(cx.selection.iter().cloned());
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
                painter.line_segment([a, b], Stroke::new(2.0, Color32::from_rgb(0, 120, 215)));
                arrow_head(&painter, a, b, Color32::from_rgb(0, 120, 215), 10.0);
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
                && !space
                && let Some(p) = bg.interact_pointer_pos()
            {
                let s = to_scene * p;
                st.gesture = Gesture::RubberBand {
                    from: s,
                    to: s,
                    additive: modifiers.shift || modifiers.command,
                };
            }
        }
    }
    if bg.clicked() && hovered_node.is_none() {
        out.push(AppCommand::Select(Vec::new()));
        st.create_menu = None;
    }
    if bg.double_clicked()
        && hovered_node.is_none()
        && let Some(p) = bg.interact_pointer_pos()
    {
        st.create_menu = Some((p, to_scene * p));
    }
    create_menu(ui, cx, view, st, out);
    rename_overlay(ui, cx, scene, to_screen, st, out);

    if let Some(job) = &st.job {
        let secs = job.started.elapsed().as_secs_f32();
        if secs > 0.3 {
            painter.text(
                screen.left_bottom() + vec2(10.0, -10.0),
                egui::Align2::LEFT_BOTTOM,
                format!("Laying out… {secs:.1} s"),
                FontId::proportional(13.0),
                Color32::GRAY,
            );
        }
        ui.ctx().request_repaint();
    }
    st.cached = Some(drawn);
}

fn drillable(doc: &Document, id: &str) -> bool {
    matches!(doc.item(id), Some(ItemRef::System(s)) if !s.external)
        || matches!(doc.item(id), Some(ItemRef::Container(_)))
}

/// The box of a node's name (its first, bold line).
fn name_rect(n: &diagram::SceneNode) -> Option<Rect> {
    n.lines.iter().find(|l| l.bold).map(|l| to_rect(&l.rect()))
}

fn edge_label(e: &diagram::SceneEdge) -> String {
    e.label
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The scene for the view: cached per document generation; starts layout
/// for elements without positions on the worker thread.
fn scene_for(st: &mut CanvasState, cx: &CanvasContext<'_>, view: &View) -> Option<Cached> {
    // The scene only changes with the document or a new automatic layout.
    if let Some(c) = st.cached.take()
        && c.view == view.id
        && c.generation == cx.generation
        && c.auto_version == st.auto_version
    {
        return Some(c);
    }
    // The same steps as the SVG export ([`diagram::scene_with`]), with the
    // layout on the worker thread when something has no saved position.
    let lookup = ContentsLookup::new(cx.doc);
    let draft = Draft::new(&lookup, view).ok()?;
    let input = draft.layout_input(&view.positions);
    let positions = if input.all_saved() {
        input.run()
    } else {
        let key = input.key();
        match st.auto.get(&view.id) {
            Some((k, p)) if *k == key => p.clone(),
            other => {
                let previous = other.map(|(_, p)| p.clone());
                start_layout(st, &view.id, input, key, false);
                // While the worker runs, show the last layout with the saved
                // positions on top (a drag moves at once).
                let mut p = previous?;
                for (id, at) in &view.positions {
                    p.nodes.insert(id.clone(), *at);
                }
                p
            }
        }
    };
    let scene = draft.scene(cx.doc, view, &positions);
    let index = cx.doc.index();
    let names = scene
        .nodes
        .iter()
        .map(|n| {
            index
                .item(&n.id)
                .map_or_else(|| n.id.clone(), |i| i.label().to_owned())
        })
        .collect();
    let mut worst: HashMap<&str, Severity> = HashMap::new();
    for f in cx.findings {
        let e = worst.entry(f.element.as_str()).or_insert(f.severity);
        if f.severity < *e {
            *e = f.severity;
        }
    }
    let badges = scene
        .nodes
        .iter()
        .map(|n| worst.get(n.id.as_str()).copied())
        .collect();
    let edge_boxes = scene
        .edges
        .iter()
        .map(|e| {
            Rect::from_points(&e.points.iter().map(|p| pos2(p.x, p.y)).collect::<Vec<_>>())
                .expand(40.0)
        })
        .collect();
    Some(Cached {
        view: view.id.clone(),
        generation: cx.generation,
        auto_version: st.auto_version,
        scene,
        names,
        edge_boxes,
        badges,
    })
}

/// Runs `input` on the worker thread, unless that job is running already.
fn start_layout(st: &mut CanvasState, view: &Id, input: LayoutInput, key: u64, commit: bool) {
    if st
        .job
        .as_ref()
        .is_some_and(|j| j.view == *view && j.key == key && j.commit == commit)
    {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("archdesk-layout".into())
        .spawn(move || {
            let _ = tx.send(input.run());
        });
    if spawned.is_err() {
        // No thread to be had: the view keeps its last layout until the
        // next change asks again.
        return;
    }
    st.job = Some(LayoutJob {
        view: view.clone(),
        key,
        commit,
        rx,
        started: Instant::now(),
    });
}

fn poll_layout(st: &mut CanvasState, cx: &CanvasContext<'_>, out: &mut Vec<AppCommand>) {
    if let Some(view) = st.arrange.take()
        && let Some(v) = cx.doc.view(&view)
    {
        // Auto-arrange: everything laid out afresh, nothing pinned.
        let lookup = ContentsLookup::new(cx.doc);
        if let Ok(draft) = Draft::new(&lookup, v) {
            let input = draft.layout_input(&BTreeMap::new());
            let key = input.key();
            start_layout(st, &view, input, key, true);
        }
    }
    let Some(job) = &st.job else { return };
    match job.rx.try_recv() {
        Ok(positions) => {
            let job = st.job.take();
            let Some(job) = job else { return };
            if job.commit {
                let moves: Vec<(Id, Option<Point>)> = positions
                    .nodes
                    .iter()
                    .map(|(id, p)| (id.clone(), Some(*p)))
                    .collect();
                out.push(AppCommand::Edit {
                    edit: crate::model::Edit::Move {
                        view: job.view.clone(),
                        positions: moves,
                    },
                    label: "Auto-arrange".into(),
                });
                st.fit_requested = true;
            } else {
                st.auto.insert(job.view, (job.key, positions));
                st.auto_version += 1;
            }
        }
        Err(std::sync::mpsc::TryRecvError::Empty) => {}
        Err(std::sync::mpsc::TryRecvError::Disconnected) => st.job = None,
    }
}

fn fit(bounds: Rect, size: Vec2) -> TSTransform {
    if !bounds.is_positive() || size.x <= 0.0 || size.y <= 0.0 {
        return TSTransform::default();
    }
    let margin = 40.0;
    let scale = ((size.x - 2.0 * margin) / bounds.width())
        .min((size.y - 2.0 * margin) / bounds.height())
        .clamp(MIN_ZOOM, 1.5);
    let translation = size / 2.0 - bounds.center().to_vec2() * scale;
    TSTransform::new(translation, scale)
}

fn zoom_around(camera: &mut TSTransform, at_local: Pos2, factor: f32) {
    let factor = (camera.scaling * factor).clamp(MIN_ZOOM, MAX_ZOOM) / camera.scaling;
    let scene_point = camera.inverse() * at_local;
    camera.scaling *= factor;
    camera.translation = at_local.to_vec2() - scene_point.to_vec2() * camera.scaling;
}

fn paint_grid(painter: &egui::Painter, screen: Rect, to_screen: TSTransform, dark: bool) {
    let to_scene = to_screen.inverse();
    let r = to_scene * screen;
    let step = if to_screen.scaling < 0.6 {
        GRID * 5.0
    } else {
        GRID
    };
    let c = if dark {
        Color32::from_gray(40)
    } else {
        Color32::from_gray(228)
    };
    let mut x = (r.left() / step).floor() * step;
    while x < r.right() {
        let a = to_screen * pos2(x, r.top());
        painter.line_segment([a, pos2(a.x, screen.bottom())], Stroke::new(0.5, c));
        x += step;
    }
    let mut y = (r.top() / step).floor() * step;
    while y < r.bottom() {
        let a = to_screen * pos2(r.left(), y);
        painter.line_segment([a, pos2(screen.right(), a.y)], Stroke::new(0.5, c));
        y += step;
    }
}

fn dashed_rect(painter: &egui::Painter, r: Rect, stroke: Stroke, dash: f32) {
    let pts = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&pts, stroke, dash, dash * 0.6));
}

fn arrow_head(painter: &egui::Painter, from: Pos2, to: Pos2, color: Color32, size: f32) {
    let dir = (to - from).normalized();
    if !dir.is_finite() {
        return;
    }
    let normal = vec2(-dir.y, dir.x);
    let base = to - dir * size;
    painter.add(Shape::convex_polygon(
        vec![to, base + normal * size * 0.5, base - normal * size * 0.5],
        color,
        Stroke::NONE,
    ));
}

fn paint_line(
    painter: &egui::Painter,
    to_screen: TSTransform,
    line: &diagram::TextLine,
    zoom: f32,
) {
    let size = line.size_px * zoom;
    if size < 4.0 {
        return;
    }
    // The scene gives the top of the line box; egui's text sits in a box of
    // about 1.2 em: centre it vertically in the scene's line box.
    let top = to_screen * to_pos(line.pos);
    let mid_y = top.y + line.height() * zoom / 2.0;
    let (align, x) = match line.align {
        diagram::Align::Start => (egui::Align2::LEFT_CENTER, top.x),
        diagram::Align::Middle => (egui::Align2::CENTER_CENTER, top.x),
        diagram::Align::End => (egui::Align2::RIGHT_CENTER, top.x),
    };
    let pos = pos2(x, mid_y);
    let c = color(line.color);
    let font = FontId::proportional(size);
    painter.text(pos, align, &line.text, font.clone(), c);
    if line.bold {
        // Faux bold: the default font has no bold face.
        painter.text(
            pos + vec2(0.5 * zoom.min(1.5), 0.0),
            align,
            &line.text,
            font,
            c,
        );
    }
}

fn paint_shape(
    painter: &egui::Painter,
    to_screen: TSTransform,
    shape: &NodeShape,
    rect: Rect,
    fill: Color32,
    stroke: Stroke,
    zoom: f32,
) {
    let r = to_screen * rect;
    let radius = |c: f32| CornerRadius::same((c * zoom).clamp(0.0, 60.0) as u8);
    match *shape {
        NodeShape::Box { corner } => {
            painter.rect(r, radius(corner), fill, stroke, StrokeKind::Inside);
        }
        NodeShape::Person {
            head_center,
            head_radius,
            body,
            corner,
        } => {
            painter.rect(
                to_screen * to_rect(&body),
                radius(corner),
                fill,
                stroke,
                StrokeKind::Inside,
            );
            painter.circle(
                to_screen * to_pos(head_center),
                head_radius * zoom,
                fill,
                stroke,
            );
        }
        NodeShape::Cylinder { cap_ry } => {
            let ry = cap_ry * zoom;
            let body = Rect::from_min_max(
                pos2(r.left(), r.top() + ry),
                pos2(r.right(), r.bottom() - ry),
            );
            ellipse(
                painter,
                pos2(r.center().x, r.bottom() - ry),
                vec2(r.width() / 2.0, ry),
                fill,
                stroke,
            );
            painter.rect_filled(body, 0.0, fill);
            painter.line_segment([body.left_top(), body.left_bottom()], stroke);
            painter.line_segment([body.right_top(), body.right_bottom()], stroke);
            ellipse(
                painter,
                pos2(r.center().x, r.top() + ry),
                vec2(r.width() / 2.0, ry),
                fill,
                stroke,
            );
        }
        NodeShape::Pipe { cap_rx } => {
            let rx = cap_rx * zoom;
            let body = Rect::from_min_max(
                pos2(r.left() + rx, r.top()),
                pos2(r.right() - rx, r.bottom()),
            );
            ellipse(
                painter,
                pos2(r.left() + rx, r.center().y),
                vec2(rx, r.height() / 2.0),
                fill,
                stroke,
            );
            painter.rect_filled(body, 0.0, fill);
            painter.line_segment([body.left_top(), body.right_top()], stroke);
            painter.line_segment([body.left_bottom(), body.right_bottom()], stroke);
            ellipse(
                painter,
                pos2(r.right() - rx, r.center().y),
                vec2(rx, r.height() / 2.0),
                fill,
                stroke,
            );
        }
        NodeShape::Table { header_h } => {
            painter.rect(r, radius(4.0), fill, stroke, StrokeKind::Inside);
            let hr = Rect::from_min_size(r.min, vec2(r.width(), header_h * zoom));
            painter.rect_filled(
                hr,
                CornerRadius {
                    nw: (4.0 * zoom) as u8,
                    ne: (4.0 * zoom) as u8,
                    sw: 0,
                    se: 0,
                },
                stroke.color,
            );
        }
    }
}

fn ellipse(painter: &egui::Painter, center: Pos2, radius: Vec2, fill: Color32, stroke: Stroke) {
    painter.add(egui::epaint::EllipseShape {
        center,
        radius,
        fill,
        stroke,
        angle: 0.0,
    });
}

/// An open polyline thinner than the feathering (a pixel) into `mesh`, the
/// way egui's tessellator draws one: a ridge two feathers wide whose middle
/// has the stroke's colour at the opacity of its width, joined with miters
/// (sharper corners cut), no caps. One mesh for thousands of edges costs a
/// fraction of as many shapes.
fn thin_line(mesh: &mut egui::epaint::Mesh, points: &[Pos2], stroke: Stroke, feathering: f32) {
    let mut pts: Vec<Pos2> = Vec::with_capacity(points.len());
    for &p in points {
        if pts.last() != Some(&p) {
            pts.push(p);
        }
    }
    if pts.len() < 2 || feathering <= 0.0 {
        return;
    }
    let direction = |a: Pos2, b: Pos2| (b - a).normalized().rot90();
    // Each point with its normal (a corner sharper than a right angle gets two).
    let mut path: Vec<(Pos2, Vec2)> = Vec::with_capacity(pts.len() + 2);
    let mut n0 = direction(pts[0], pts[1]);
    path.push((pts[0], n0));
    for i in 1..pts.len() - 1 {
        let n1 = direction(pts[i], pts[i + 1]);
        let normal = (n0 + n1) / 2.0;
        let length_sq = normal.length_sq();
        if length_sq < 0.5 {
            let center = normal.normalized();
            let n0c = (n0 + center) / 2.0;
            let n1c = (n1 + center) / 2.0;
            path.push((pts[i], n0c / n0c.length_sq()));
            path.push((pts[i], n1c / n1c.length_sq()));
        } else {
            path.push((pts[i], normal / length_sq));
        }
        n0 = n1;
    }
    path.push((pts[pts.len() - 1], n0));
    let middle = stroke.color.gamma_multiply(stroke.width / feathering);
    let idx = mesh.vertices.len() as u32;
    mesh.reserve_vertices(3 * path.len());
    mesh.reserve_triangles(4 * path.len());
    for (i, &(p, n)) in path.iter().enumerate() {
        mesh.colored_vertex(p + n * feathering, Color32::TRANSPARENT);
        mesh.colored_vertex(p, middle);
        mesh.colored_vertex(p - n * feathering, Color32::TRANSPARENT);
        if i > 0 {
            let (i0, i1) = (idx + 3 * (i as u32 - 1), idx + 3 * i as u32);
            mesh.add_triangle(i0, i0 + 1, i1);
            mesh.add_triangle(i0 + 1, i1, i1 + 1);
            mesh.add_triangle(i0 + 1, i0 + 2, i1 + 1);
            mesh.add_triangle(i0 + 2, i1 + 1, i1 + 2);
        }
    }
}

/// The fill and outline of a node, and its outline's width, as drawn.
fn node_colors(n: &diagram::SceneNode, selected: bool) -> (Color32, Stroke) {
    let outline = if matches!(n.shape, NodeShape::Table { .. }) {
        n.colors.accent
    } else {
        n.colors.stroke
    };
    let stroke = if selected {
        Stroke::new(3.0, Color32::from_rgb(230, 120, 0))
    } else {
        Stroke::new(1.2, color(outline))
    };
    (color(n.colors.fill), stroke)
}

/// A node below 10 % zoom, into `mesh`: the box with its outline inside it
/// (square corners: the rounding is under a pixel there), as
/// [`paint_node`] draws it, without its per-shape cost.
fn tiny_node(
    mesh: &mut egui::epaint::Mesh,
    on_screen: Rect,
    n: &diagram::SceneNode,
    selected: bool,
) {
    let (fill, stroke) = node_colors(n, selected);
    mesh.add_colored_rect(on_screen, stroke.color);
    let inner = on_screen.shrink(stroke.width);
    if inner.is_positive() {
        mesh.add_colored_rect(inner, fill);
    }
}

fn paint_node(
    painter: &egui::Painter,
    to_screen: TSTransform,
    n: &diagram::SceneNode,
    name: &str,
    zoom: f32,
    selected: bool,
) {
    let r = to_screen * to_rect(&n.rect);
    let (fill, stroke) = node_colors(n, selected);
    if zoom < 0.3 {
        // Level of detail: the shape and the name only; below 10 % (a box
        // of a couple of dozen pixels, where a cylinder cannot be told
        // from a box) a plain box and no text.
        let shape = if zoom < LOD_BOX_ZOOM {
            NodeShape::Box {
                corner: diagram::metrics::CORNER,
            }
        } else {
            n.shape
        };
        paint_shape(
            painter,
            to_screen,
            &shape,
            to_rect(&n.rect),
            fill,
            stroke,
            zoom,
        );
        if zoom > LOD_BOX_ZOOM {
            let size = (15.0 * zoom * 1.6).clamp(5.0, 12.0);
            let galley = painter.layout(
                name.to_owned(),
                FontId::proportional(size),
                color(n.colors.text),
                r.width() - 4.0,
            );
            painter.galley(
                r.center() - galley.size() / 2.0,
                galley,
                color(n.colors.text),
            );
        }
        return;
    }
    let shape_stroke = if matches!(n.shape, NodeShape::Table { .. }) && !selected {
        Stroke::new(1.2, color(n.colors.accent))
    } else {
        stroke
    };
    paint_shape(
        painter,
        to_screen,
        &n.shape,
        to_rect(&n.rect),
        fill,
        shape_stroke,
        zoom,
    );
    if selected && matches!(n.shape, NodeShape::Table { .. }) {
        painter.rect_stroke(r, 4.0, stroke, StrokeKind::Outside);
    }
    for d in &n.dividers {
        painter.line_segment(
            [to_screen * to_pos(d[0]), to_screen * to_pos(d[1])],
            Stroke::new(0.6, color(n.colors.stroke).gamma_multiply(0.5)),
        );
    }
    for line in &n.lines {
        paint_line(painter, to_screen, line, zoom);
    }
}

fn paint_legend(
    painter: &egui::Painter,
    to_screen: TSTransform,
    legend: &diagram::Legend,
    zoom: f32,
    visible: Rect,
) {
    if legend.entries.is_empty() || !to_rect(&legend.rect).intersects(visible) || zoom < 0.1 {
        return;
    }
    let r = to_screen * to_rect(&legend.rect);
    painter.rect(
        r,
        4.0 * zoom,
        Color32::WHITE,
        Stroke::new(1.0, color(legend.stroke)),
        StrokeKind::Inside,
    );
    paint_line(painter, to_screen, &legend.title, zoom);
    for e in &legend.entries {
        let sw = to_rect(&e.swatch);
        match (&e.shape, e.key) {
            (Some((shape, palette)), _) => {
                paint_shape(
                    painter,
                    to_screen,
                    shape,
                    sw,
                    color(palette.fill),
                    Stroke::new(1.0, color(palette.stroke)),
                    zoom,
                );
            }
            (None, diagram::LegendKey::Line(style)) => {
                let s = to_screen * sw;
                let pts = [pos2(s.left(), s.center().y), pos2(s.right(), s.center().y)];
                let stroke = Stroke::new(1.3, color(legend.line_color));
                if style.dashed() {
                    painter.extend(Shape::dashed_line(&pts, stroke, 5.0 * zoom, 3.0 * zoom));
                } else {
                    painter.line_segment(pts, stroke);
                }
            }
            (None, _) => dashed_rect(
                painter,
                to_screen * sw,
                Stroke::new(1.2, color(legend.boundary_color)),
                5.0 * zoom,
            ),
        }
        paint_line(painter, to_screen, &e.label, zoom);
    }
}

fn badge(painter: &egui::Painter, at: Pos2, severity: Severity) {
    let (c, t) = match severity {
        Severity::Error => (Color32::from_rgb(200, 30, 30), "!"),
        Severity::Warning => (Color32::from_rgb(220, 150, 0), "!"),
        Severity::Info => (Color32::from_rgb(60, 120, 200), "i"),
    };
    painter.circle_filled(at, 8.0, c);
    painter.text(
        at,
        egui::Align2::CENTER_CENTER,
        t,
        FontId::proportional(11.0),
        Color32::WHITE,
    );
}

fn create_menu(
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
                    if add_target(cx.doc, Some(&view.id), c).is_some()
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

fn rename_overlay(
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
                r.request_focus();
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
fn renamed(doc: &Document, id: &str, text: &str) -> Option<crate::model::Edit> {
    let mut item = doc.item(id)?.to_owned();
    (!text.is_empty() && item.set_name(text)).then_some(crate::model::Edit::Replace { item })
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::epaint::{Mesh, TessellationOptions, Tessellator};

    #[test]
    fn thin_lines_are_the_triangles_egui_would_make() {
        // A polyline with a gentle bend and a corner sharper than a right angle.
        let points = vec![
            pos2(10.0, 10.0),
            pos2(60.0, 12.0),
            pos2(80.0, 40.0),
            pos2(20.0, 45.0),
        ];
        let stroke = Stroke::new(0.78, Color32::from_rgb(112, 112, 112));
        let mut tessellator = Tessellator::new(
            1.0,
            TessellationOptions::default(),
            [1024, 1024],
            Vec::new(),
        );
        let mut expected = Mesh::default();
        tessellator.tessellate_shape(Shape::line(points.clone(), stroke), &mut expected);
        let mut ours = Mesh::default();
        thin_line(&mut ours, &points, stroke, 1.0);
        assert_eq!(ours.indices, expected.indices);
        assert_eq!(ours.vertices.len(), expected.vertices.len());
        for (a, b) in ours.vertices.iter().zip(&expected.vertices) {
            assert!((a.pos - b.pos).length() < 1e-4, "{a:?} {b:?}");
            assert_eq!(a.color, b.color);
            assert_eq!(a.uv, b.uv);
        }
    }

    #[test]
    fn tiny_nodes_are_their_outline_then_their_fill() {
        let mut mesh = Mesh::default();
        let mut doc = Document::new("t");
        doc.systems
            .push(crate::model::SoftwareSystem::new("s", "S"));
        doc.views
            .push(View::new("v", crate::model::ViewKind::Landscape));
        let scene = diagram::scene_of(&doc, &doc.views[0]).expect("scene");
        let r = Rect::from_min_size(pos2(0.0, 0.0), vec2(10.0, 6.0));
        tiny_node(&mut mesh, r, &scene.nodes[0], false);
        let (fill, stroke) = node_colors(&scene.nodes[0], false);
        assert_eq!(mesh.vertices.len(), 8);
        assert_eq!(mesh.vertices[0].color, stroke.color);
        assert_eq!(mesh.vertices[4].color, fill);
        assert!((mesh.vertices[4].pos.x - stroke.width).abs() < 1e-6);
    }

    /// The scene the canvas shows for `view` once its layout is done.
    fn canvas_scene(doc: &Document, view: &View, generation: u64, st: &mut CanvasState) -> Scene {
        let selection = BTreeSet::new();
        let cx = CanvasContext {
            doc,
            generation,
            view: Some(&view.id),
            selection: &selection,
            findings: &[],
            grid: false,
            snap: false,
            dark: false,
        };
        let mut out = Vec::new();
        // At most: a first frame that starts the layout, and one that shows it.
        for _ in 0..3 {
            poll_layout(st, &cx, &mut out);
            if let Some(c) = scene_for(st, &cx, view)
                && st.job.is_none()
            {
                st.cached = Some(c);
                return st.cached.as_ref().map(|c| c.scene.clone()).expect("cached");
            }
            st.finish_layout();
        }
        panic!("the canvas never showed view {}", view.id);
    }

    fn samples() -> Vec<(String, Document)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut out: Vec<(String, Document)> = std::fs::read_dir(&dir)
            .expect("the samples folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .map(|p| {
                let doc = crate::store::load(&p).expect("a sample loads");
                (p.display().to_string(), doc)
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(out.len() >= 3, "the samples are there: {out:?}");
        out
    }

    #[test]
    fn the_canvas_shows_the_scene_the_svg_export_writes() {
        for (file, mut doc) in samples() {
            // Each view once with no saved positions, once with one pinned.
            let views = doc.views.len();
            for i in 0..views {
                let mut pinned = doc.views[i].clone();
                pinned.id = format!("{}-pinned", pinned.id);
                let first = ViewContents::of(&doc, &pinned).expect("contents").nodes[0]
                    .id
                    .clone();
                pinned.positions.insert(first, Point::new(-333.5, 1200.25));
                doc.views.push(pinned);
            }
            for view in &doc.views {
                let mut st = CanvasState::default();
                let shown = canvas_scene(&doc, view, 0, &mut st);
                let written = diagram::scene_of(&doc, view).expect("scene");
                assert!(
                    shown == written,
                    "{file}, view {}: the canvas and the SVG differ",
                    view.id
                );
            }
        }
    }

    #[test]
    fn a_rename_that_resizes_a_box_lays_the_view_out_again() {
        let (_, mut doc) = samples()
            .into_iter()
            .find(|(f, _)| f.ends_with("shop.ron"))
            .expect("the shop sample");
        let view = doc.view("landscape").expect("landscape").clone();
        let mut st = CanvasState::default();
        let before = canvas_scene(&doc, &view, 0, &mut st);
        let id = before.nodes[0].id.clone();
        let long = "A name long enough to wrap onto several lines of the box";
        let edit = renamed(&doc, &id, long).expect("an edit");
        edit.apply(&mut doc).expect("the rename applies");
        let after = canvas_scene(&doc, &view, 1, &mut st);
        let (old, new) = (
            before.node(&id).expect("before").rect,
            after.node(&id).expect("after").rect,
        );
        assert!(
            new.w * new.h > old.w * old.h,
            "the box grew: {old:?} → {new:?}"
        );
        // Laid out afresh for the bigger box, exactly as the export does it.
        assert!(after == diagram::scene_of(&doc, &view).expect("scene"));
    }
}
