//! The inside of one node: its size from its text, where each text line
//! goes, and the geometry of its shape. Shared by [`super::sizes`] (what the
//! layout reserves) and [`super::Scene::build`] (what is drawn), so both
//! always agree.

use super::contents::{BoundaryKind, ContentBoundary, ContentNode, NodeKind};
use super::text::{self, Weight};
use super::theme::{Color, Palette, Theme};
use crate::geom::{Point, Rect, Size};
use crate::model::ContainerKind;

/// Font sizes and spacing, in scene units.
pub mod metrics {
    /// Line height as a multiple of the font size.
    pub const LINE_HEIGHT: f32 = 1.3;
    /// Element names (bold).
    pub const NAME_PX: f32 = 15.0;
    /// The `[Container: technology]` line.
    pub const TYPE_PX: f32 = 11.0;
    /// Descriptions.
    pub const DESC_PX: f32 = 12.0;
    /// Edge descriptions.
    pub const LABEL_PX: f32 = 11.0;
    /// Edge technologies.
    pub const LABEL_TECH_PX: f32 = 10.0;
    /// The diagram title (bold).
    pub const TITLE_PX: f32 = 20.0;
    /// Boundary names (bold) and their type.
    pub const BOUNDARY_PX: f32 = 13.0;
    pub const BOUNDARY_TYPE_PX: f32 = 11.0;
    /// Legend text.
    pub const LEGEND_PX: f32 = 11.0;
    /// Entity table rows.
    pub const ROW_PX: f32 = 12.0;
    pub const ROW_MARK_PX: f32 = 9.0;
    /// Padding inside boxes.
    pub const PAD_X: f32 = 14.0;
    pub const PAD_Y: f32 = 12.0;
    /// The narrowest and widest text column of an element box.
    pub const MIN_INNER_W: f32 = 200.0;
    pub const MAX_INNER_W: f32 = 270.0;
    /// The lowest element box.
    pub const MIN_BOX_H: f32 = 120.0;
    /// Description lines at most (the rest ends in "…").
    pub const DESC_MAX_LINES: usize = 6;
    /// Width edge labels wrap at.
    pub const LABEL_MAX_W: f32 = 170.0;
    /// Padding around an edge label's text.
    pub const LABEL_PAD: f32 = 3.0;
    /// Corner radius of boxes.
    pub const CORNER: f32 = 8.0;
    /// Space between a boundary and what it holds.
    pub const BOUNDARY_PAD: f32 = 24.0;
    /// The widest a boundary label line gets before wrapping.
    pub const BOUNDARY_LABEL_MAX_W: f32 = 420.0;
}

use metrics::*;

/// The basic form of an element, for legends and painters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShapeKind {
    /// A rounded rectangle.
    Box,
    /// A head and a body.
    Person,
    /// A database.
    Cylinder,
    /// A queue or topic: a cylinder lying on its side.
    Pipe,
    /// An entity: a header band and field rows.
    Table,
}

/// The shape of a node, with its geometry in scene units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// A rectangle with rounded corners of this radius.
    Box { corner: f32 },
    /// A circle (the head) over a rounded rectangle (the body).
    Person {
        head_center: Point,
        head_radius: f32,
        body: Rect,
        corner: f32,
    },
    /// A vertical cylinder; the caps are ellipses of this vertical radius.
    Cylinder { cap_ry: f32 },
    /// A horizontal cylinder; the caps are ellipses of this horizontal radius.
    Pipe { cap_rx: f32 },
    /// A table with a header band of this height at the top.
    Table { header_h: f32 },
}

impl Shape {
    pub fn kind(&self) -> ShapeKind {
        match self {
            Self::Box { .. } => ShapeKind::Box,
            Self::Person { .. } => ShapeKind::Person,
            Self::Cylinder { .. } => ShapeKind::Cylinder,
            Self::Pipe { .. } => ShapeKind::Pipe,
            Self::Table { .. } => ShapeKind::Table,
        }
    }

    /// The shape of `kind` filling `rect`.
    pub fn fitted(kind: ShapeKind, rect: Rect) -> Self {
        match kind {
            ShapeKind::Box => Self::Box {
                corner: CORNER.min(rect.h / 4.0),
            },
            ShapeKind::Person => {
                let head_radius = (rect.h * 0.22).min(rect.w * 0.2).min(26.0);
                let head_center = Point::new(rect.center().x, rect.y + head_radius);
                let body_top = rect.y + head_radius * 1.55;
                Self::Person {
                    head_center,
                    head_radius,
                    body: Rect::new(rect.x, body_top, rect.w, rect.bottom() - body_top),
                    corner: (CORNER * 1.5).min(rect.h / 5.0),
                }
            }
            ShapeKind::Cylinder => Self::Cylinder {
                cap_ry: (rect.h * 0.2).clamp(2.0, 11.0),
            },
            ShapeKind::Pipe => Self::Pipe {
                cap_rx: (rect.w * 0.15).clamp(2.0, 12.0),
            },
            ShapeKind::Table => Self::Table {
                header_h: (rect.h * 0.3).min(30.0),
            },
        }
    }

    fn translate(self, dx: f32, dy: f32) -> Self {
        match self {
            Self::Person {
                head_center,
                head_radius,
                body,
                corner,
            } => Self::Person {
                head_center: Point::new(head_center.x + dx, head_center.y + dy),
                head_radius,
                body: body.translate(dx, dy),
                corner,
            },
            other => other,
        }
    }
}

/// Where a text line's anchor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Align {
    /// `pos.x` is the left end.
    Start,
    /// `pos.x` is the middle.
    Middle,
    /// `pos.x` is the right end.
    End,
}

/// One line of text, already wrapped and measured.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub text: String,
    /// The anchor: x as [`Self::align`] says, y at the top of the line box.
    pub pos: Point,
    pub align: Align,
    pub size_px: f32,
    pub bold: bool,
    pub color: Color,
    /// [`text::width`] of the text: the most any font of the stack needs.
    pub width: f32,
}

impl TextLine {
    pub fn new(
        text: impl Into<String>,
        pos: Point,
        align: Align,
        size_px: f32,
        bold: bool,
        color: Color,
    ) -> Self {
        let text = text.into();
        let weight = if bold { Weight::Bold } else { Weight::Regular };
        let width = text::width(&text, size_px, weight);
        Self {
            text,
            pos,
            align,
            size_px,
            bold,
            color,
            width,
        }
    }

    /// The height of the line box.
    pub fn height(&self) -> f32 {
        self.size_px * LINE_HEIGHT
    }

    /// Where the baseline is: the glyphs sit centred in the line box.
    pub fn baseline_y(&self) -> f32 {
        self.pos.y + self.size_px * 0.96
    }

    /// The box the measured text occupies.
    pub fn rect(&self) -> Rect {
        let x = match self.align {
            Align::Start => self.pos.x,
            Align::Middle => self.pos.x - self.width / 2.0,
            Align::End => self.pos.x - self.width,
        };
        Rect::new(x, self.pos.y, self.width, self.height())
    }

    pub(crate) fn translate(mut self, dx: f32, dy: f32) -> Self {
        self.pos = Point::new(self.pos.x + dx, self.pos.y + dy);
        self
    }
}

/// A node's inside, relative to its top-left corner.
pub(crate) struct Card {
    pub size: Size,
    pub shape: ShapeKind,
    pub lines: Vec<TextLine>,
    /// Lines between table rows, as pairs of end points.
    pub dividers: Vec<[Point; 2]>,
    /// Where text may go: the text lines must lie inside it.
    pub text_area: Rect,
}

impl Card {
    /// Moves everything to a node whose top-left corner is `at`.
    pub fn place(self, at: Point) -> (Rect, Shape, Vec<TextLine>, Vec<[Point; 2]>, Rect) {
        let rect = Rect::at(at, self.size);
        let shape = Shape::fitted(self.shape, Rect::at(Point::new(0.0, 0.0), self.size))
            .translate(at.x, at.y);
        let lines = self
            .lines
            .into_iter()
            .map(|l| l.translate(at.x, at.y))
            .collect();
        let dividers = self
            .dividers
            .into_iter()
            .map(|[a, b]| {
                [
                    Point::new(a.x + at.x, a.y + at.y),
                    Point::new(b.x + at.x, b.y + at.y),
                ]
            })
            .collect();
        (
            rect,
            shape,
            lines,
            dividers,
            self.text_area.translate(at.x, at.y),
        )
    }
}

/// The shape a node is drawn with.
pub fn shape_kind(kind: NodeKind) -> ShapeKind {
    match kind {
        NodeKind::Person => ShapeKind::Person,
        NodeKind::Container(ContainerKind::Database) => ShapeKind::Cylinder,
        NodeKind::Container(ContainerKind::Queue | ContainerKind::Topic) => ShapeKind::Pipe,
        NodeKind::Entity => ShapeKind::Table,
        NodeKind::SoftwareSystem | NodeKind::Container(_) | NodeKind::Component => ShapeKind::Box,
    }
}

/// The colours of a node.
pub fn palette(theme: &Theme, node: &ContentNode) -> Palette {
    match (node.kind, node.external) {
        (NodeKind::Person, false) => theme.person,
        (NodeKind::Person, true) => theme.external_person,
        (NodeKind::SoftwareSystem, false) => theme.system,
        (NodeKind::SoftwareSystem, true) => theme.external_system,
        (NodeKind::Container(_), false) => theme.container,
        (NodeKind::Container(_), true) => theme.external_container,
        (NodeKind::Component, false) => theme.component,
        (NodeKind::Component, true) => theme.external_component,
        (NodeKind::Entity, _) => theme.entity,
    }
}

/// The `[Container: technology]` line of a node.
pub fn type_line(node: &ContentNode) -> String {
    if node.technology.trim().is_empty() {
        format!("[{}]", node.kind.type_name())
    } else {
        format!("[{}: {}]", node.kind.type_name(), node.technology.trim())
    }
}

/// Shortens `s` with "…" until it is at most `max_w` wide.
pub(crate) fn fit(s: &str, max_w: f32, size_px: f32, weight: Weight) -> String {
    if text::width(s, size_px, weight) <= max_w {
        return s.to_owned();
    }
    text::wrap_at_most(s, max_w, size_px, weight, 1)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Insets of the text area inside a shape of this size: (left, top, right, bottom).
fn insets(kind: ShapeKind, size: Size) -> (f32, f32, f32, f32) {
    match Shape::fitted(kind, Rect::at(Point::new(0.0, 0.0), size)) {
        Shape::Person { body, .. } => (PAD_X + 4.0, body.y + PAD_Y * 0.75, PAD_X + 4.0, PAD_Y),
        Shape::Cylinder { cap_ry } => (
            PAD_X,
            2.0 * cap_ry + PAD_Y * 0.6,
            PAD_X,
            cap_ry + PAD_Y * 0.6,
        ),
        Shape::Pipe { cap_rx } => (PAD_X + cap_rx, PAD_Y, PAD_X + 2.0 * cap_rx, PAD_Y),
        Shape::Box { .. } | Shape::Table { .. } => (PAD_X, PAD_Y, PAD_X, PAD_Y),
    }
}

/// Lays out the inside of an element node (anything but an entity).
pub(crate) fn element_card(node: &ContentNode, theme: &Theme) -> Card {
    if node.kind == NodeKind::Entity {
        return table_card(node, theme);
    }
    let colors = palette(theme, node);
    let kind = shape_kind(node.kind);
    let name = node.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let type_text = type_line(node);
    let natural = text::width(&name, NAME_PX, Weight::Bold).max(text::width(
        &type_text,
        TYPE_PX,
        Weight::Regular,
    ));
    let inner_w = natural.clamp(MIN_INNER_W, MAX_INNER_W).ceil();
    let name_lines = text::wrap_at_most(&name, inner_w, NAME_PX, Weight::Bold, 3);
    let type_lines = text::wrap_at_most(&type_text, inner_w, TYPE_PX, Weight::Regular, 2);
    let desc_lines = text::wrap_at_most(
        &node.description,
        inner_w,
        DESC_PX,
        Weight::Regular,
        DESC_MAX_LINES,
    );

    let lh = |px: f32| px * LINE_HEIGHT;
    let mut content_h =
        name_lines.len() as f32 * lh(NAME_PX) + type_lines.len() as f32 * lh(TYPE_PX);
    if !desc_lines.is_empty() {
        content_h += 8.0 + desc_lines.len() as f32 * lh(DESC_PX);
    }
    // The insets depend on the size (caps and heads scale), so settle it in two steps.
    let guess = Size::new(inner_w + 2.0 * PAD_X, content_h + 2.0 * PAD_Y);
    let (l, t, r, b) = insets(kind, Size::new(guess.w + 40.0, guess.h.max(MIN_BOX_H)));
    let min_h = if kind == ShapeKind::Person {
        MIN_BOX_H + 40.0
    } else {
        MIN_BOX_H
    };
    let size = Size::new(
        (inner_w + l + r).ceil(),
        (content_h + t + b).max(min_h).ceil(),
    );
    let (l, t, r, b) = insets(kind, size);
    let text_area = Rect::new(l, t, size.w - l - r, size.h - t - b);
    let cx = text_area.center().x;
    let mut y = text_area.y + ((text_area.h - content_h) / 2.0).max(0.0);
    let mut lines = Vec::new();
    for s in name_lines {
        lines.push(TextLine::new(
            s,
            Point::new(cx, y),
            Align::Middle,
            NAME_PX,
            true,
            colors.text,
        ));
        y += lh(NAME_PX);
    }
    for s in type_lines {
        lines.push(TextLine::new(
            s,
            Point::new(cx, y),
            Align::Middle,
            TYPE_PX,
            false,
            colors.text,
        ));
        y += lh(TYPE_PX);
    }
    if !desc_lines.is_empty() {
        y += 8.0;
    }
    for s in desc_lines {
        lines.push(TextLine::new(
            s,
            Point::new(cx, y),
            Align::Middle,
            DESC_PX,
            false,
            colors.text,
        ));
        y += lh(DESC_PX);
    }
    Card {
        size,
        shape: kind,
        lines,
        dividers: Vec::new(),
        text_area,
    }
}

/// The markers of an entity row: `PK FK UQ null`.
fn markers(row: &super::contents::FieldRow) -> String {
    let mut m: Vec<&str> = Vec::new();
    if row.primary_key {
        m.push("PK");
    }
    if row.foreign_key {
        m.push("FK");
    }
    if row.unique && !row.primary_key {
        m.push("UQ");
    }
    if row.nullable {
        m.push("NULL");
    }
    m.join(" ")
}

/// Lays out an entity as a table: a header with its name, then one row per field.
fn table_card(node: &ContentNode, theme: &Theme) -> Card {
    const ROW_H: f32 = 20.0;
    const GAP: f32 = 12.0;
    const COL_MAX: f32 = 200.0;
    let header_text = theme.background;
    let text_color = theme.entity.text;
    let muted = theme.entity_muted_text;
    let name = fit(node.name.trim(), 320.0, NAME_PX - 1.0, Weight::Bold);
    let rows: Vec<(String, String, String)> = node
        .fields
        .iter()
        .map(|f| {
            (
                fit(&f.name, COL_MAX, ROW_PX, Weight::Regular),
                fit(&f.ty, COL_MAX, ROW_PX - 1.0, Weight::Regular),
                markers(f),
            )
        })
        .collect();
    let widest = |texts: &mut dyn Iterator<Item = &String>, px: f32, weight: Weight| {
        texts
            .map(|t| text::width(t, px, weight))
            .fold(0.0_f32, f32::max)
    };
    let name_w = widest(&mut rows.iter().map(|r| &r.0), ROW_PX, Weight::Regular);
    let type_w = widest(
        &mut rows.iter().map(|r| &r.1),
        ROW_PX - 1.0,
        Weight::Regular,
    );
    let mark_w = widest(&mut rows.iter().map(|r| &r.2), ROW_MARK_PX, Weight::Bold);
    let header_h = (NAME_PX - 1.0) * LINE_HEIGHT + 2.0 * 7.0;
    let rows_w = name_w + GAP + type_w + if mark_w > 0.0 { GAP + mark_w } else { 0.0 };
    let title_w = text::width(&name, NAME_PX - 1.0, Weight::Bold);
    let inner_w = rows_w.max(title_w).max(150.0).ceil();
    let h = header_h + rows.len() as f32 * ROW_H + 8.0;
    let size = Size::new(inner_w + 2.0 * PAD_X, h.max(header_h + 20.0).ceil());
    let mut lines = vec![TextLine::new(
        name,
        Point::new(size.w / 2.0, 7.0),
        Align::Middle,
        NAME_PX - 1.0,
        true,
        header_text,
    )];
    let x_type = PAD_X + name_w + GAP;
    let x_right = size.w - PAD_X;
    let mut dividers = Vec::new();
    let mut y = header_h + 4.0;
    for (i, (n, t, m)) in rows.into_iter().enumerate() {
        let top = y + (ROW_H - ROW_PX * LINE_HEIGHT) / 2.0;
        lines.push(TextLine::new(
            n,
            Point::new(PAD_X, top),
            Align::Start,
            ROW_PX,
            false,
            text_color,
        ));
        lines.push(TextLine::new(
            t,
            Point::new(x_type, top + 0.5),
            Align::Start,
            ROW_PX - 1.0,
            false,
            muted,
        ));
        if !m.is_empty() {
            let mtop = y + (ROW_H - ROW_MARK_PX * LINE_HEIGHT) / 2.0;
            lines.push(TextLine::new(
                m,
                Point::new(x_right, mtop),
                Align::End,
                ROW_MARK_PX,
                true,
                muted,
            ));
        }
        if i > 0 {
            dividers.push([
                Point::new(PAD_X / 2.0, y),
                Point::new(size.w - PAD_X / 2.0, y),
            ]);
        }
        y += ROW_H;
    }
    Card {
        size,
        shape: ShapeKind::Table,
        lines,
        dividers,
        text_area: Rect::new(PAD_X / 2.0, 0.0, size.w - PAD_X, size.h),
    }
}

/// The space a boundary keeps around its members, and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryFrame {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    /// The boundary is at least this wide, so its label fits.
    pub min_width: f32,
    /// The label lines, relative to the boundary's top-left corner.
    pub lines: Vec<TextLine>,
}

/// `Shop [Software System]` / `Order service [Container]` and the insets.
pub fn boundary_frame(boundary: &ContentBoundary, theme: &Theme) -> BoundaryFrame {
    let type_text = match boundary.kind {
        BoundaryKind::SoftwareSystem => "[Software System]",
        BoundaryKind::Container => "[Container]",
    };
    let name = boundary
        .name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let name_lines = text::wrap_at_most(&name, BOUNDARY_LABEL_MAX_W, BOUNDARY_PX, Weight::Bold, 2);
    let x = BOUNDARY_PAD / 2.0;
    let mut y = BOUNDARY_PAD / 2.0;
    let mut lines = Vec::new();
    let mut last_w = 0.0;
    let count = name_lines.len();
    for (i, s) in name_lines.into_iter().enumerate() {
        let line = TextLine::new(
            s,
            Point::new(x, y),
            Align::Start,
            BOUNDARY_PX,
            true,
            theme.boundary_text,
        );
        last_w = line.width;
        lines.push(line);
        if i + 1 < count {
            y += BOUNDARY_PX * LINE_HEIGHT;
        }
    }
    let space = text::width(" ", BOUNDARY_PX, Weight::Regular);
    let type_w = text::width(type_text, BOUNDARY_TYPE_PX, Weight::Regular);
    let (tx, ty) = if count > 0 && last_w + space + type_w <= BOUNDARY_LABEL_MAX_W {
        (
            x + last_w + space,
            y + (BOUNDARY_PX - BOUNDARY_TYPE_PX) * 0.96,
        )
    } else {
        y += BOUNDARY_PX * LINE_HEIGHT;
        (x, y)
    };
    lines.push(TextLine::new(
        type_text,
        Point::new(tx, ty),
        Align::Start,
        BOUNDARY_TYPE_PX,
        false,
        theme.boundary_text,
    ));
    let label_w = lines
        .iter()
        .map(|l| l.rect().right())
        .fold(0.0_f32, f32::max);
    BoundaryFrame {
        left: BOUNDARY_PAD,
        top: y + BOUNDARY_PX * LINE_HEIGHT + BOUNDARY_PAD * 0.75,
        right: BOUNDARY_PAD,
        bottom: BOUNDARY_PAD,
        min_width: (label_w + BOUNDARY_PAD / 2.0).ceil(),
        lines,
    }
}

/// The text lines of an edge label: the description, then `[technology]`,
/// centred on (0, 0)'s column and starting at y = 0; and the label's size.
pub(crate) fn edge_label(
    description: &str,
    technology: &str,
    theme: &Theme,
) -> (Vec<TextLine>, Size) {
    let mut lines = Vec::new();
    let mut y = LABEL_PAD;
    for s in text::wrap_at_most(description, LABEL_MAX_W, LABEL_PX, Weight::Regular, 4) {
        lines.push(TextLine::new(
            s,
            Point::new(0.0, y),
            Align::Middle,
            LABEL_PX,
            false,
            theme.edge_label_text,
        ));
        y += LABEL_PX * LINE_HEIGHT;
    }
    if !technology.trim().is_empty() {
        let tech = format!("[{}]", technology.trim());
        for s in text::wrap_at_most(&tech, LABEL_MAX_W, LABEL_TECH_PX, Weight::Regular, 3) {
            lines.push(TextLine::new(
                s,
                Point::new(0.0, y),
                Align::Middle,
                LABEL_TECH_PX,
                false,
                theme.edge_label_text,
            ));
            y += LABEL_TECH_PX * LINE_HEIGHT;
        }
    }
    if lines.is_empty() {
        return (lines, Size::default());
    }
    let w = lines.iter().map(|l| l.width).fold(0.0_f32, f32::max) + 2.0 * LABEL_PAD;
    (lines, Size::new(w.ceil(), (y + LABEL_PAD).ceil()))
}
