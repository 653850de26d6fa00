//! The canvas: paints the scene of the current view (the same scene the SVG
//! export writes) and turns pointer gestures into app commands.
//!
//! Pan with the middle or right button, Space+drag, or the scroll wheel;
//! zoom around the pointer with Ctrl+wheel or a pinch. Click selects,
//! Shift/Ctrl+click adds, dragging on the background draws a selection
//! rectangle, dragging a selected element moves the whole selection (one
//! undo step), dragging from an element's handle to another element connects
//! them, double-clicking the background offers what can be created there,
//! double-clicking a system, container or database opens its inner view
//! (made the first time), F2 (or a double-click on anything without an
//! inner view) renames in place. A right-click (without
//! dragging) opens the context menu of what is under the pointer.
//!
//! Only what intersects the screen is painted; below 30 % zoom elements are
//! their shapes with their names, below 10 % plain boxes without text, and
//! edges lines without arrowheads or labels.
//! Layout of elements without saved positions runs on a worker thread.

//!
//! `camera` keeps each view's camera, `cache` the scene and the layout
//! worker, `paint` draws, `input` turns the pointer into commands, and
//! `overlays` holds the toolbar, menus and the rename box.

mod cache;
mod camera;
mod input;
mod overlays;
mod paint;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use egui::emath::TSTransform;
use egui::{Color32, FontId, Pos2, Rect, Sense, Shape, Vec2, pos2, vec2};

use super::actions::MenuTarget;
use super::commands::AppCommand;
use super::theme::CanvasColors;
use crate::check::Finding;
use crate::diagram::{self, Positions, Scene};
use crate::model::{Document, Id, ItemRef, Point, View};
use cache::{Cached, LayoutJob};
pub use overlays::toolbar_ui;

/// The grid step and nudge distance, in scene units.
pub const GRID: f32 = 20.0;

/// The least room between a new element and its neighbours: enough for
/// the arrow that will likely join them and the label it carries.
pub(super) const ROOM: Vec2 = vec2(160.0, 100.0);

/// What an empty view says, so that a new user knows where to start.
pub(super) const EMPTY_VIEW_HINT: &str =
    "This view is empty. Add an element with the + buttons above, or right-click here.";

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
    /// Changes when the findings do (they come from the review thread, a
    /// few frames after the document changes).
    pub findings_version: u64,
    pub grid: bool,
    pub snap: bool,
    pub dark: bool,
    /// What is added or changed since the version the changes panel
    /// compares with, when it is shown: those elements are tagged.
    pub changes: Option<&'a HashMap<Id, crate::model::diff::Change>>,
}

/// A gesture in progress.
#[derive(Clone, Debug, Default)]
enum Gesture {
    #[default]
    None,
    /// Moving the selection: where each id started, and the total delta;
    /// `frozen`, the other shown elements without a saved position, at
    /// their automatic ones (saved with the move, so nothing else moves).
    Moving {
        start: Vec<(Id, Point)>,
        delta: Vec2,
        frozen: Vec<(Id, Option<Point>)>,
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
    /// Elements to bring to the middle of the screen (their bounding box's
    /// centre).
    center_on: Vec<Id>,
    /// Only when `center_on` is out of sight, and then by the least pan
    /// that brings it in (a new element: its neighbour stays in sight).
    center_only_if_hidden: bool,
    arrange: Option<Id>,
    /// The open context menu: where on screen, and what it is about.
    menu: Option<(Pos2, MenuTarget)>,
    /// The nodes painted last frame (for Select all), by their place in
    /// the cached scene.
    visible: Vec<usize>,
    /// The canvas rectangle on screen last frame.
    screen: Option<Rect>,
    /// The canvas's size when the camera was last placed.
    screen_size: Option<Vec2>,
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
        self.center_on = vec![id.to_owned()];
        self.center_only_if_hidden = false;
    }

    /// Pans the least that brings the element wholly in sight, if it is not.
    pub fn request_in_sight(&mut self, id: &str) {
        self.request_in_sight_all([id.to_owned()]);
    }

    /// Pans the least that brings these elements wholly in sight, if they
    /// are not (and fit the screen; else centres them).
    pub fn request_in_sight_all(&mut self, ids: impl IntoIterator<Item = Id>) {
        self.center_on = ids.into_iter().collect();
        self.center_only_if_hidden = true;
    }

    /// Where the elements of `view` are drawn (their top-left corners), as
    /// of the last frame that drew it.
    pub fn drawn_places(&self, view: &str) -> BTreeMap<Id, Point> {
        self.cached
            .as_ref()
            .filter(|c| c.view == view)
            .map(|c| {
                c.scene
                    .nodes
                    .iter()
                    .map(|n| (n.id.clone(), Point::new(n.rect.x, n.rect.y)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Brings the middle of these elements to the middle of the screen.
    pub fn request_center_on_all(&mut self, ids: impl IntoIterator<Item = Id>) {
        self.center_on = ids.into_iter().collect();
        self.center_only_if_hidden = false;
    }

    /// The canvas on screen, last frame.
    #[cfg(test)]
    pub(super) fn screen(&self) -> Option<Rect> {
        self.screen
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
        let busy =
            !matches!(self.gesture, Gesture::None) || self.rename.is_some() || self.menu.is_some();
        self.gesture = Gesture::None;
        self.rename = None;
        self.menu = None;
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

    /// Where each selected element goes when nudged by (dx, dy), with the
    /// other shown elements of `view` that have no saved position kept
    /// where the layout put them ([`CanvasState::frozen`]).
    pub fn nudged(
        &self,
        view: &View,
        selection: &BTreeSet<Id>,
        dx: f32,
        dy: f32,
        snap: bool,
    ) -> Option<Vec<(Id, Option<Point>)>> {
        let scene = &self.cached.as_ref()?.scene;
        let mut moves: Vec<(Id, Option<Point>)> = scene
            .nodes
            .iter()
            .filter(|n| selection.contains(&n.id))
            .map(|n| {
                let p = Point::new(nudge(n.rect.x, dx, snap), nudge(n.rect.y, dy, snap));
                (n.id.clone(), Some(p))
            })
            .collect();
        if moves.is_empty() {
            return None;
        }
        moves.extend(self.frozen(view, |id| selection.contains(id)));
        Some(moves)
    }

    /// The shown elements of `view` that have no saved position and are not
    /// `moving`, at the positions the automatic layout gave them. A manual
    /// move saves them too, as part of the same step: the layout would
    /// otherwise run again around the moved element, and nothing may move
    /// that the user did not move.
    fn frozen(&self, view: &View, moving: impl Fn(&Id) -> bool) -> Vec<(Id, Option<Point>)> {
        match self.cached.as_ref().filter(|c| c.view == view.id) {
            Some(c) => frozen(&c.scene, view, moving),
            None => Vec::new(),
        }
    }

    /// A free place for a new element: near the first selected element
    /// of the view (else the middle of the screen), on the grid, on no box,
    /// and outside every boundary but `inside`'s (the new element's own
    /// system, container or database).
    pub fn free_spot(&self, selection: &BTreeSet<Id>, inside: Option<&str>) -> Point {
        let Some(c) = &self.cached else {
            return Point::new(0.0, 0.0);
        };
        let camera = self.cameras.get(&c.view).copied().unwrap_or_default();
        let middle =
            camera.inverse() * (self.screen.map_or(Vec2::ZERO, |s| s.size()) / 2.0).to_pos2();
        let near = c
            .scene
            .nodes
            .iter()
            .find(|n| selection.contains(&n.id))
            .map_or(middle, |n| to_rect(&n.rect).right_top() + vec2(ROOM.x, 0.0));
        let size = vec2(220.0, 140.0);
        let taken: Vec<Rect> = c
            .scene
            .nodes
            .iter()
            .map(|n| to_rect(&n.rect).expand2(ROOM))
            .chain(
                c.scene
                    .boundaries
                    .iter()
                    .filter(|b| Some(b.id.as_str()) != inside)
                    .map(|b| to_rect(&b.rect).expand2(ROOM)),
            )
            .collect();
        let free = |p: Pos2| {
            let probe = Rect::from_min_size(p, size);
            !taken.iter().any(|t| t.intersects(probe))
        };
        // Rings of grid steps around `near`, nearest first.
        let start = pos2(snap(near.x), snap(near.y));
        let step = 2.0 * GRID;
        for ring in 0..60_i32 {
            for dx in -ring..=ring {
                for dy in -ring..=ring {
                    if dx.abs().max(dy.abs()) != ring {
                        continue;
                    }
                    let p = start + vec2(dx as f32, dy as f32) * step;
                    if free(p) {
                        return Point::new(p.x, p.y);
                    }
                }
            }
        }
        Point::new(start.x, start.y)
    }

    /// The places of the shown elements of `view` without a saved one, as
    /// [`CanvasState::nudged`] keeps them, for an edit that places another.
    pub fn unsaved_places(&self, view: &View) -> Vec<(Id, Option<Point>)> {
        self.frozen(view, |_| false)
    }
}

/// Where a coordinate the user moved is saved: on the grid when snapping,
/// else on a whole unit (a fraction of a unit is no one's intent).
fn place(v: f32, snap_on: bool) -> f32 {
    if snap_on { snap(v) } else { v.round() }
}

/// A coordinate nudged by `d`: only along the arrow's axis, and with snap
/// on, to the next grid line that way (an element off the grid lands on
/// it, one on the grid moves one step).
fn nudge(v: f32, d: f32, snap_on: bool) -> f32 {
    if d == 0.0 {
        v.round()
    } else if !snap_on {
        (v + d).round()
    } else if d > 0.0 {
        ((v + 0.5) / GRID).floor() * GRID + GRID
    } else {
        ((v - 0.5) / GRID).ceil() * GRID - GRID
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

/// The nodes of `scene` (of `view`) that have no saved position and are not
/// `moving`, at the places the automatic layout gave them: see
/// [`CanvasState::nudged`].
fn frozen(scene: &Scene, view: &View, moving: impl Fn(&Id) -> bool) -> Vec<(Id, Option<Point>)> {
    scene
        .nodes
        .iter()
        .filter(|n| !view.positions.contains_key(&n.id) && !moving(&n.id))
        // On whole units: not moved to the eye, and no 358.94672 in the file.
        .map(|n| {
            (
                n.id.clone(),
                Some(Point::new(n.rect.x.round(), n.rect.y.round())),
            )
        })
        .collect()
}

/// Where the scene sits on screen this frame.
#[derive(Clone, Copy)]
struct Viewport {
    screen: Rect,
    to_screen: TSTransform,
    to_scene: TSTransform,
    zoom: f32,
    /// The part of the scene on screen.
    visible: Rect,
}

/// What every step of one canvas frame shares.
struct Frame<'a> {
    cx: &'a CanvasContext<'a>,
    view: &'a View,
    painter: egui::Painter,
    vp: Viewport,
    colors: CanvasColors,
    /// Space is held: a primary drag pans.
    space: bool,
    modifiers: egui::Modifiers,
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
    let colors = CanvasColors::new(cx.dark);
    let (screen, bg) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    st.screen = Some(screen);
    let painter = ui.painter_at(screen);
    painter.rect_filled(screen, 0.0, colors.background);

    cache::poll_layout(st, cx, out);
    let Some(drawn) = cache::scene_for(st, cx, view) else {
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Laying out…",
            FontId::proportional(16.0),
            colors.hint,
        );
        ui.ctx().request_repaint();
        return;
    };

    let space = ui.input(|i| i.key_down(egui::Key::Space));
    let vp = camera::camera_ui(ui, st, &view.id, &drawn.scene, screen, &bg, space);
    let f = Frame {
        cx,
        view,
        painter,
        vp,
        colors,
        space,
        modifiers: ui.input(|i| i.modifiers),
    };
    if cx.grid && vp.zoom > 0.25 {
        paint::grid(&f.painter, &vp, colors.grid);
    }
    // Boundaries, edges, the title and the legend, then nodes on top.
    paint::boundaries(&f.painter, &drawn.scene, &vp, colors.paper_text);
    edges_ui(ui, &f, st, &drawn, out);
    if vp.zoom > 0.1 {
        for line in &drawn.scene.title {
            paint::paper_text_line(&f.painter, vp.to_screen, line, vp.zoom, colors.paper_text);
        }
    }
    paint::legend(
        &f.painter,
        vp.to_screen,
        &drawn.scene.legend,
        vp.zoom,
        vp.visible,
        &colors,
    );
    if drawn.scene.nodes.is_empty() {
        let at = screen.center_bottom() - egui::vec2(0.0, screen.height() / 3.0);
        let hint = egui::RichText::new(EMPTY_VIEW_HINT)
            .size(15.0)
            .color(colors.hint);
        ui.put(
            Rect::from_center_size(at, egui::vec2(screen.width() - 40.0, 40.0)),
            egui::Label::new(hint).selectable(false),
        );
    }
    let hovered_node = nodes_ui(ui, &f, st, &drawn, out);

    input::gesture_ui(ui, &f, st, &drawn.scene, &bg, out);
    input::background_ui(&f, st, &bg, hovered_node.is_some(), out);
    overlays::context_menu_ui(ui, cx, view, st, out);
    overlays::rename_ui(ui, cx, &drawn.scene, vp.to_screen, st, out);
    overlays::layout_progress_ui(ui, &f.painter, st, &colors);
    st.cached = Some(drawn);
}

/// Paints the edges on screen and makes their labels clickable.
fn edges_ui(
    ui: &mut egui::Ui,
    f: &Frame<'_>,
    st: &mut CanvasState,
    drawn: &Cached,
    out: &mut Vec<AppCommand>,
) {
    // Solid lines thinner than a pixel (zoomed far out) go in one mesh,
    // drawn where this placeholder sits, exactly as egui would draw each.
    let feathering = ui.ctx().tessellation_options(|o| {
        if o.feathering {
            o.feathering_size_in_pixels
        } else {
            0.0
        }
    }) / ui.ctx().pixels_per_point();
    let lines_slot = f.painter.add(Shape::Noop);
    let mut lines = egui::epaint::Mesh::default();
    for (i, (e, bbox)) in drawn.scene.edges.iter().zip(&drawn.edge_boxes).enumerate() {
        if !bbox.intersects(f.vp.visible) {
            continue;
        }
        let selected = e.relationships.iter().any(|r| f.cx.selection.contains(r));
        let selection = selected.then_some(f.colors.selection);
        paint::edge(
            &f.painter, &mut lines, e, selection, &f.vp, feathering, &f.colors,
        );
        // Below 10 % the label is neither drawn nor clickable.
        if let Some(lr) = e.label_rect.as_ref().filter(|_| f.vp.zoom >= LOD_BOX_ZOOM) {
            input::edge_label_ui(ui, i, e, f.vp.to_screen * to_rect(lr), st, out);
        }
    }
    if !lines.is_empty() {
        f.painter.set(lines_slot, Shape::mesh(lines));
    }
}

/// Paints the nodes on screen and gives each a widget (with thousands on
/// screen, only those the pointer can reach); returns the one the pointer
/// is over.
fn nodes_ui(
    ui: &mut egui::Ui,
    f: &Frame<'_>,
    st: &mut CanvasState,
    drawn: &Cached,
    out: &mut Vec<AppCommand>,
) -> Option<Id> {
    // Below 10 % the nodes are plain boxes: all of them go in one mesh
    // (drawn where this placeholder sits, under badges and handles), which
    // costs a fraction of a shape each when there are thousands.
    let tiny = f.vp.zoom < LOD_BOX_ZOOM;
    let boxes_slot = f.painter.add(Shape::Noop);
    let mut boxes = egui::epaint::Mesh::default();
    let mut visible = Vec::new();
    let mut hovered_node: Option<Id> = None;
    // With thousands of nodes on screen (zoomed far out), a widget for each
    // costs more than drawing them all: then only the nodes under the
    // pointer (or where the press began) and the one being dragged get one,
    // which is all that can be clicked or dragged this frame.
    let every_node = st.visible.len() <= INTERACTIVE_NODES;
    let (hover, press) = ui.input(|i| (i.pointer.hover_pos(), i.pointer.press_origin()));
    let dragged = ui.ctx().dragged_id();
    for (i, (n, name)) in drawn.scene.nodes.iter().zip(&drawn.names).enumerate() {
        let r = to_rect(&n.rect);
        if !r.intersects(f.vp.visible) {
            continue;
        }
        visible.push(i);
        let sr = f.vp.to_screen * r;
        let selected = f.cx.selection.contains(&n.id);
        let selection = selected.then_some(f.colors.selection);
        if tiny {
            paint::tiny_node(&mut boxes, sr, n, selection);
        } else {
            paint::node(&f.painter, f.vp.to_screen, n, name, f.vp.zoom, selection);
        }
        if let Some(sev) = drawn.badges.get(i).copied().flatten() {
            paint::badge(&f.painter, sr.right_top(), sev, &f.colors);
        }
        let change = f.cx.changes.and_then(|m| m.get(&n.id)).copied();
        if let Some(c) = change.filter(|_| !tiny) {
            let added = c == crate::model::diff::Change::Added;
            paint::change_tag(&f.painter, sr.left_top() + vec2(6.0, 0.0), added, &f.colors);
        }
        // The box and its connection handle, which sits just outside it.
        let reach = sr.union(input::handle_of(sr).1);
        let near =
            || hover.is_some_and(|p| reach.contains(p)) || press.is_some_and(|p| reach.contains(p));
        if !every_node && dragged.is_none() && !near() {
            continue;
        }
        let id = ui.scope_id().with(("node", &n.id));
        if !every_node && dragged != Some(id) && !near() {
            continue;
        }
        let on_screen = input::NodeOnScreen {
            node: n,
            name,
            id,
            rect: sr,
            selected,
            change,
        };
        if input::node_ui(ui, f, st, &drawn.scene, &on_screen, out) {
            hovered_node = Some(n.id.clone());
        }
    }
    if !boxes.is_empty() {
        f.painter.set(boxes_slot, Shape::mesh(boxes));
    }
    st.visible = visible;
    hovered_node
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

#[cfg(test)]
mod tests;
