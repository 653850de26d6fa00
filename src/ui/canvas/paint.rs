//! Painting the scene: the same shapes, lines and text the SVG export
//! writes, at any zoom, with levels of detail far out, and the finding
//! badges. Nothing here handles input.

use egui::emath::TSTransform;
use egui::{
    Color32, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};

use super::{GRID, LOD_BOX_ZOOM, Viewport, color, to_pos, to_rect};
use crate::check::Severity;
use crate::diagram::{self, Scene, Shape as NodeShape};
use crate::ui::theme::CanvasColors;

/// The boundaries on screen: dashed frames, with their titles unless far out.
pub(super) fn boundaries(
    painter: &egui::Painter,
    scene: &Scene,
    vp: &Viewport,
    paper_text: Option<Color32>,
) {
    for b in &scene.boundaries {
        let r = to_rect(&b.rect);
        if !r.intersects(vp.visible) {
            continue;
        }
        let sr = vp.to_screen * r;
        dashed_rect(painter, sr, Stroke::new(1.5, color(b.stroke)), 8.0);
        if vp.zoom > 0.1 {
            for line in &b.lines {
                paper_text_line(painter, vp.to_screen, line, vp.zoom, paper_text);
            }
        }
    }
}

/// One edge on screen: its line (into `thin` when thinner than the `feathering`),
/// arrowhead and label, in the `selection` colour when selected.
pub(super) fn edge(
    painter: &egui::Painter,
    thin: &mut egui::epaint::Mesh,
    e: &diagram::SceneEdge,
    selection: Option<Color32>,
    vp: &Viewport,
    feathering: f32,
    colors: &CanvasColors,
) {
    let (to_screen, zoom) = (vp.to_screen, vp.zoom);
    let c = selection.unwrap_or_else(|| color(e.color));
    let width = if selection.is_some() { 2.5 } else { 1.3 };
    let stroke = Stroke::new(width * zoom.clamp(0.6, 1.5), c);
    let pts: Vec<Pos2> = e.points.iter().map(|p| to_screen * to_pos(*p)).collect();
    if e.style.dashed() {
        painter.extend(Shape::dashed_line(
            &pts,
            stroke,
            7.0 * zoom.max(0.5),
            5.0 * zoom.max(0.5),
        ));
    } else if stroke.width <= 0.9 * feathering {
        thin_line(thin, &pts, stroke, feathering);
    } else {
        painter.add(Shape::line(pts, stroke));
    }
    // Below 10 % an edge is its line: the arrowhead would be a pixel.
    if zoom >= LOD_BOX_ZOOM {
        let head: Vec<Pos2> = e
            .arrow_head
            .iter()
            .map(|p| to_screen * to_pos(*p))
            .collect();
        painter.add(Shape::convex_polygon(head, c, Stroke::NONE));
    }
    if label_readable(e, zoom) {
        // The label sits on the paper: in the dark theme, dark with light text.
        let background = match colors.paper_text {
            Some(_) => colors.legend_background,
            None => color(e.label_background),
        };
        if let Some(lr) = &e.label_rect {
            painter.rect_filled(to_screen * to_rect(lr), 2.0, background);
        }
        for line in &e.label {
            paper_text_line(painter, to_screen, line, zoom, colors.paper_text);
        }
    }
}

/// The smallest text, in pixels on screen, that an edge label is drawn
/// at: below it the label would be a white box with a smudge in it.
pub(super) const MIN_LABEL_PX: f32 = 7.0;

/// Whether an edge's label is drawn at `zoom`: only where all of its text
/// is readable, so no label is ever an empty box.
pub(super) fn label_readable(e: &diagram::SceneEdge, zoom: f32) -> bool {
    !e.label.is_empty() && e.label.iter().all(|l| l.size_px * zoom >= MIN_LABEL_PX)
}

/// The grid lines on screen, every grid step (five far out).
pub(super) fn grid(painter: &egui::Painter, vp: &Viewport, c: Color32) {
    let (screen, to_screen, r) = (vp.screen, vp.to_screen, vp.visible);
    let step = if vp.zoom < 0.6 { GRID * 5.0 } else { GRID };
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

/// A rectangle outlined with dashes of length `dash`.
pub(super) fn dashed_rect(painter: &egui::Painter, r: Rect, stroke: Stroke, dash: f32) {
    let pts = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&pts, stroke, dash, dash * 0.6));
}

/// A filled arrowhead of `size` at `to`, pointing away from `from`.
pub(super) fn arrow_head(painter: &egui::Painter, from: Pos2, to: Pos2, color: Color32, size: f32) {
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

/// One line of scene text at `zoom`; too small to read (under 4 px), nothing.
pub(super) fn text_line(
    painter: &egui::Painter,
    to_screen: TSTransform,
    line: &diagram::TextLine,
    zoom: f32,
) {
    paper_text_line(painter, to_screen, line, zoom, None);
}

/// A line of text, in `over`'s colour when given (text on the paper in the
/// dark theme, [`CanvasColors::paper_text`]).
pub(super) fn paper_text_line(
    painter: &egui::Painter,
    to_screen: TSTransform,
    line: &diagram::TextLine,
    zoom: f32,
    over: Option<Color32>,
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
    let c = over.unwrap_or_else(|| color(line.color));
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

/// An element's outline shape over `rect` (in scene units).
pub(super) fn shape(
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

/// An axis-aligned ellipse.
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
pub(super) fn thin_line(
    mesh: &mut egui::epaint::Mesh,
    points: &[Pos2],
    stroke: Stroke,
    feathering: f32,
) {
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

/// The fill and outline of a node, and its outline's width, as drawn
/// (outlined in the `selection` colour when selected).
pub(super) fn node_colors(n: &diagram::SceneNode, selection: Option<Color32>) -> (Color32, Stroke) {
    let outline = if matches!(n.shape, NodeShape::Table { .. }) {
        n.colors.accent
    } else {
        n.colors.stroke
    };
    let stroke = match selection {
        Some(c) => Stroke::new(3.0, c),
        None => Stroke::new(1.2, color(outline)),
    };
    (color(n.colors.fill), stroke)
}

/// A node below 10 % zoom, into `mesh`: the box with its outline inside it
/// (square corners: the rounding is under a pixel there), as
/// [`node`] draws it, without its per-shape cost.
pub(super) fn tiny_node(
    mesh: &mut egui::epaint::Mesh,
    on_screen: Rect,
    n: &diagram::SceneNode,
    selection: Option<Color32>,
) {
    let (fill, stroke) = node_colors(n, selection);
    mesh.add_colored_rect(on_screen, stroke.color);
    let inner = on_screen.shrink(stroke.width);
    if inner.is_positive() {
        mesh.add_colored_rect(inner, fill);
    }
}

/// A node at `zoom`: its shape, dividers and text; far out its shape and
/// name; below 10 % a plain box.
pub(super) fn node(
    painter: &egui::Painter,
    to_screen: TSTransform,
    n: &diagram::SceneNode,
    name: &str,
    zoom: f32,
    selection: Option<Color32>,
) {
    let r = to_screen * to_rect(&n.rect);
    let (fill, stroke) = node_colors(n, selection);
    if zoom < 0.3 {
        // Level of detail: the shape and the name only; below 10 % (a box
        // of a couple of dozen pixels, where a cylinder cannot be told
        // from a box) a plain box and no text.
        let far = if zoom < LOD_BOX_ZOOM {
            NodeShape::Box {
                corner: diagram::metrics::CORNER,
            }
        } else {
            n.shape
        };
        shape(
            painter,
            to_screen,
            &far,
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
    let shape_stroke = if matches!(n.shape, NodeShape::Table { .. }) && selection.is_none() {
        Stroke::new(1.2, color(n.colors.accent))
    } else {
        stroke
    };
    shape(
        painter,
        to_screen,
        &n.shape,
        to_rect(&n.rect),
        fill,
        shape_stroke,
        zoom,
    );
    if selection.is_some() && matches!(n.shape, NodeShape::Table { .. }) {
        painter.rect_stroke(r, 4.0, stroke, StrokeKind::Outside);
    }
    for d in &n.dividers {
        painter.line_segment(
            [to_screen * to_pos(d[0]), to_screen * to_pos(d[1])],
            Stroke::new(0.6, color(n.colors.stroke).gamma_multiply(0.5)),
        );
    }
    for line in &n.lines {
        text_line(painter, to_screen, line, zoom);
    }
}

/// The legend, on its own `background`, when it is on screen.
pub(super) fn legend(
    painter: &egui::Painter,
    to_screen: TSTransform,
    legend: &diagram::Legend,
    zoom: f32,
    visible: Rect,
    colors: &CanvasColors,
) {
    let (background, text) = (colors.legend_background, colors.paper_text);
    if legend.entries.is_empty() || !to_rect(&legend.rect).intersects(visible) || zoom < 0.1 {
        return;
    }
    let r = to_screen * to_rect(&legend.rect);
    painter.rect(
        r,
        4.0 * zoom,
        background,
        Stroke::new(1.0, color(legend.stroke)),
        StrokeKind::Inside,
    );
    paper_text_line(painter, to_screen, &legend.title, zoom, text);
    for e in &legend.entries {
        let sw = to_rect(&e.swatch);
        match (&e.shape, e.key) {
            (Some((sample, palette)), _) => {
                shape(
                    painter,
                    to_screen,
                    sample,
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
        paper_text_line(painter, to_screen, &e.label, zoom, text);
    }
}

/// The badge of a node's worst finding, centred at `at`.
pub(super) fn badge(painter: &egui::Painter, at: Pos2, severity: Severity, colors: &CanvasColors) {
    let (c, t) = match severity {
        Severity::Error => (colors.error, "!"),
        Severity::Warning => (colors.warning, "!"),
        Severity::Info => (colors.info, "i"),
    };
    painter.circle_filled(at, 8.0, c);
    painter.text(
        at,
        egui::Align2::CENTER_CENTER,
        t,
        FontId::proportional(11.0),
        colors.badge_text,
    );
}

/// The tag of an element added or changed since the compared version
/// (the changes panel's), its left end at `at`.
pub(super) fn change_tag(painter: &egui::Painter, at: Pos2, added: bool, colors: &CanvasColors) {
    let (fill, text) = if added {
        (colors.added, "new")
    } else {
        (colors.changed, "changed")
    };
    let galley = painter.layout_no_wrap(text.into(), FontId::proportional(10.0), colors.badge_text);
    let rect = egui::Rect::from_min_size(
        at - egui::vec2(0.0, galley.size().y / 2.0 + 2.0),
        galley.size() + egui::vec2(8.0, 4.0),
    );
    painter.rect_filled(rect, 3.0, fill);
    painter.galley(rect.min + egui::vec2(4.0, 2.0), galley, colors.badge_text);
}
