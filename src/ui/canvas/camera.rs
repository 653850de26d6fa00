//! The camera of each view: fitted the first time a view is shown or when
//! asked, centred on an element, zoomed around the middle or the pointer,
//! panned by the wheel and by dragging the background.

use egui::emath::TSTransform;
use egui::{Pos2, Rect, Response, Vec2, vec2};

use super::{CanvasState, MAX_ZOOM, MIN_ZOOM, Viewport, to_rect};
use crate::diagram::Scene;
use crate::model::Id;

/// Applies this frame's camera requests and the pan and zoom input to the
/// camera of `view`, and says where the scene sits on screen.
pub(super) fn camera_ui(
    ui: &egui::Ui,
    st: &mut CanvasState,
    view: &Id,
    scene: &Scene,
    screen: Rect,
    bg: &Response,
    space: bool,
) -> Viewport {
    let bounds = to_rect(&scene.bounds);
    let first = !st.cameras.contains_key(view);
    let camera = st
        .cameras
        .entry(view.clone())
        .or_insert_with(|| opening(scene, screen.size()));
    if std::mem::take(&mut st.fit_requested) {
        *camera = fit(bounds, screen.size());
    } else if first {
        *camera = opening(scene, screen.size());
    } else if let Some(before) = st.screen_size.filter(|s| *s != screen.size()) {
        // The window or a panel was resized: what was in the middle stays
        // in the middle, so nothing slides out at one side.
        camera.translation += (screen.size() - before) / 2.0;
    }
    st.screen_size = Some(screen.size());
    let wanted = std::mem::take(&mut st.center_on);
    let around = scene
        .nodes
        .iter()
        .filter(|n| wanted.contains(&n.id))
        .map(|n| to_rect(&n.rect))
        .reduce(Rect::union);
    if let Some(r) = around {
        let on_screen = (*camera * r).expand(SIGHT_MARGIN);
        let view = Rect::from_min_size(Pos2::ZERO, screen.size());
        if !st.center_only_if_hidden
            || on_screen.width() > view.width()
            || on_screen.height() > view.height()
        {
            camera.translation = screen.size() / 2.0 - r.center().to_vec2() * camera.scaling;
        } else {
            camera.translation += in_sight(on_screen, view);
        }
    }
    let center_local = (screen.size() / 2.0).to_pos2();
    if let Some(f) = st.zoom_request.take() {
        zoom_around(camera, center_local, f);
    }
    if let Some(z) = st.zoom_to_request.take() {
        let f = z / camera.scaling;
        zoom_around(camera, center_local, f);
    }

    // The wheel and pinches over the canvas (its background or an element
    // on it), and drags of the background with the middle or right button
    // or with Space held.
    let pointer_local = ui
        .input(|i| i.pointer.hover_pos())
        .map(|p| p - screen.min.to_vec2());
    if bg.hovered() || (!st.visible.is_empty() && ui.rect_contains_pointer(screen)) {
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
    let to_screen = TSTransform::from_translation(screen.min.to_vec2()) * *camera;
    let to_scene = to_screen.inverse();
    Viewport {
        screen,
        to_screen,
        to_scene,
        zoom: camera.scaling,
        visible: to_scene * screen,
    }
}

/// Text smaller than this on screen is hard to read.
const READABLE_PX: f32 = 9.0;

/// The camera a view opens with: the whole view when its text is readable
/// so, else the zoom that makes the boxes' smallest text readable, centred
/// on the view's main element (the one with the most arrows). Ctrl+0 then
/// shows it all.
fn opening(scene: &Scene, size: Vec2) -> TSTransform {
    let fitted = fit(to_rect(&scene.bounds), size);
    let smallest = scene
        .nodes
        .iter()
        .flat_map(|n| &n.lines)
        .map(|l| l.size_px)
        .fold(f32::INFINITY, f32::min);
    if !smallest.is_finite() || fitted.scaling * smallest >= READABLE_PX {
        return fitted;
    }
    let mut arrows = vec![0_usize; scene.nodes.len()];
    let place: std::collections::HashMap<&str, usize> = scene
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    for e in &scene.edges {
        for end in [&e.from, &e.to] {
            if let Some(&i) = place.get(end.as_str()) {
                arrows[i] += 1;
            }
        }
    }
    // The first of the most connected, so the same view opens the same way.
    let Some(main) = (0..scene.nodes.len()).max_by_key(|&i| (arrows[i], std::cmp::Reverse(i)))
    else {
        return fitted;
    };
    let zoom = (READABLE_PX / smallest).clamp(fitted.scaling, 1.0);
    let centre = to_rect(&scene.nodes[main].rect).center();
    TSTransform::new(size / 2.0 - centre.to_vec2() * zoom, zoom)
}

/// The camera that shows all of `bounds` in a canvas of `size`, with a margin.
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

/// The room kept between an element brought in sight and the screen's edge.
const SIGHT_MARGIN: f32 = 24.0;

/// The least pan that moves `r` inside `view` (`r` fits in it).
fn in_sight(r: Rect, view: Rect) -> Vec2 {
    let axis = |lo: f32, hi: f32, min: f32, max: f32| {
        if lo < min {
            min - lo
        } else if hi > max {
            max - hi
        } else {
            0.0
        }
    };
    vec2(
        axis(r.min.x, r.max.x, view.min.x, view.max.x),
        axis(r.min.y, r.max.y, view.min.y, view.max.y),
    )
}
