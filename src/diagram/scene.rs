//! The scene of a view: every shape, text line, arrow, boundary and legend
//! entry with its place in scene units. Built from the view's contents and
//! the node positions; painted by the canvas and written by `export::svg`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::arrange::Positions;
use super::card::{
    self, Align, Card, Shape, ShapeKind, TextLine, boundary_frame, element_card, metrics::*,
};
use super::contents::{ContentEdge, ForeignKeyRef, NodeKind, ViewContents};
use super::text::{self, Weight};
use super::theme::{Color, Palette, Theme};
use crate::geom::{Point, Rect, Size};
use crate::layout::route::{self, RouteRequest};
use crate::model::{Document, Id, Interaction, View, ViewKind};

/// What kind of element a style is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Person,
    SoftwareSystem,
    Container,
    Component,
    Entity,
}

/// One element style: what the legend lists for elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementStyle {
    pub category: Category,
    pub shape: ShapeKind,
    pub external: bool,
}

impl ElementStyle {
    /// The style a node is drawn in.
    pub fn of(kind: NodeKind, external: bool) -> Self {
        let category = match kind {
            NodeKind::Person => Category::Person,
            NodeKind::SoftwareSystem => Category::SoftwareSystem,
            NodeKind::Container(_) => Category::Container,
            NodeKind::Component => Category::Component,
            NodeKind::Entity => Category::Entity,
        };
        Self {
            category,
            shape: card::shape_kind(kind),
            external: external && kind != NodeKind::Entity,
        }
    }

    /// The legend's words for it, e.g. "External software system".
    pub fn label(self) -> String {
        let base = match (self.category, self.shape) {
            (Category::Person, _) => "person",
            (Category::SoftwareSystem, _) => "software system",
            (Category::Container, ShapeKind::Cylinder) => "container: database",
            (Category::Container, ShapeKind::Pipe) => "container: queue or topic",
            (Category::Container, _) => "container",
            (Category::Component, _) => "component",
            (Category::Entity, _) => "entity (table)",
        };
        if self.external {
            format!("External {base}")
        } else {
            let mut c = base.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// How an edge is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineStyle {
    /// A synchronous relationship: solid.
    Sync,
    /// An asynchronous relationship: dashed.
    Async,
    /// A foreign key between entities: solid.
    ForeignKey,
}

impl LineStyle {
    pub fn dashed(self) -> bool {
        self == Self::Async
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Sync => "Synchronous relationship",
            Self::Async => "Asynchronous relationship",
            Self::ForeignKey => "Foreign key",
        }
    }
}

/// What a legend entry stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LegendKey {
    Element(ElementStyle),
    Line(LineStyle),
    Boundary,
}

/// A drawn element (or entity).
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    pub id: Id,
    pub kind: NodeKind,
    pub style: ElementStyle,
    pub colors: Palette,
    /// The bounding box of the whole shape.
    pub rect: Rect,
    pub shape: Shape,
    /// Where the text lines may go; every line lies inside it.
    pub text_area: Rect,
    pub lines: Vec<TextLine>,
    /// Row separators of tables.
    pub dividers: Vec<[Point; 2]>,
}

/// A drawn arrow standing for one or more relationships (or foreign keys).
#[derive(Clone, Debug, PartialEq)]
pub struct SceneEdge {
    pub from: Id,
    pub to: Id,
    pub relationships: Vec<Id>,
    pub foreign_keys: Vec<ForeignKeyRef>,
    pub style: LineStyle,
    pub color: Color,
    /// From the border of `from` to the tip of the arrowhead on the border of `to`.
    pub points: Vec<Point>,
    /// The arrowhead: tip, then the two back corners.
    pub arrow_head: [Point; 3],
    /// The description lines, then the `[technology]` lines.
    pub label: Vec<TextLine>,
    /// The label's background box (empty when there is no label).
    pub label_rect: Option<Rect>,
    pub label_background: Color,
}

/// A dashed boundary around the containers of a system or the components of a container.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneBoundary {
    pub id: Id,
    pub rect: Rect,
    pub lines: Vec<TextLine>,
    pub members: Vec<Id>,
    pub stroke: Color,
}

/// One legend entry: a sample of the style and its words.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub key: LegendKey,
    /// Where the sample goes.
    pub swatch: Rect,
    /// For elements: the sample shape and its colours.
    pub shape: Option<(Shape, Palette)>,
    pub label: TextLine,
}

/// The key listing exactly the styles the diagram uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub rect: Rect,
    pub title: TextLine,
    pub entries: Vec<LegendEntry>,
    pub stroke: Color,
    pub line_color: Color,
    pub boundary_color: Color,
}

/// Everything drawn for one view, in scene units.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub view_id: Id,
    /// E.g. "Container diagram for Shop".
    pub title_text: String,
    /// The title lines as drawn.
    pub title: Vec<TextLine>,
    /// A sentence for screen readers (the SVG's `<desc>`).
    pub description: String,
    pub background: Color,
    pub boundaries: Vec<SceneBoundary>,
    pub nodes: Vec<SceneNode>,
    pub edges: Vec<SceneEdge>,
    pub legend: Legend,
    /// Everything drawn, with a margin: the SVG's `viewBox`.
    pub bounds: Rect,
}

/// The size of every node of a view, for the layout. Same text, same sizes.
pub fn sizes(contents: &ViewContents) -> BTreeMap<Id, Size> {
    sizes_of(contents, &cards(contents, &Theme::C4))
}

/// The card of every node, in the order of the contents' nodes.
pub(super) fn cards(contents: &ViewContents, theme: &Theme) -> Vec<Card> {
    contents
        .nodes
        .iter()
        .map(|n| element_card(n, theme))
        .collect()
}

/// [`sizes`] from cards made already.
pub(super) fn sizes_of(contents: &ViewContents, cards: &[Card]) -> BTreeMap<Id, Size> {
    contents
        .nodes
        .iter()
        .zip(cards)
        .map(|(n, card)| (n.id.clone(), card.size))
        .collect()
}

const ARROW_LEN: f32 = 10.0;
const ARROW_HALF_W: f32 = 4.5;

impl Scene {
    /// The scene of `view` in the C4 theme. `positions` are the nodes'
    /// top-left corners (from [`super::layout`]); a node without one
    /// is put to the right of the others.
    pub fn build(
        doc: &Document,
        view: &View,
        contents: &ViewContents,
        positions: &Positions,
    ) -> Self {
        Self::build_with(doc, view, contents, positions, &Theme::C4)
    }

    /// [`Self::build`] with another theme.
    pub fn build_with(
        doc: &Document,
        view: &View,
        contents: &ViewContents,
        positions: &Positions,
        theme: &Theme,
    ) -> Self {
        Self::build_from_cards(
            doc,
            view,
            contents,
            positions,
            theme,
            cards(contents, theme),
        )
    }

    /// [`Self::build_with`] with the nodes' cards made already (for
    /// [`sizes`]), so that no card is measured twice.
    pub(super) fn build_from_cards(
        doc: &Document,
        view: &View,
        contents: &ViewContents,
        positions: &Positions,
        theme: &Theme,
        cards: Vec<Card>,
    ) -> Self {
        let nodes = place_nodes(contents, cards, positions, theme);
        let index: HashMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let boundaries = place_boundaries(contents, &nodes, &index, theme);
        let edges = route_edges(contents, &nodes, &index, &boundaries, theme);

        let mut content = nodes
            .iter()
            .map(|n| n.rect)
            .chain(boundaries.iter().map(|b| b.rect))
            .chain(edges.iter().filter_map(|e| e.label_rect))
            .chain(
                edges
                    .iter()
                    .flat_map(|e| e.points.iter().map(|p| Rect::new(p.x, p.y, 0.0, 0.0))),
            )
            .reduce(|a, b| a.union(&b))
            .unwrap_or(Rect::new(0.0, 0.0, 400.0, 200.0));
        if content.w < 1.0 && content.h < 1.0 {
            content = Rect::new(content.x, content.y, 400.0, 200.0);
        }

        let title_text = crate::model::c4::view_title(doc, view);
        let title_w = content.w.max(500.0);
        let mut title = Vec::new();
        let title_lines = text::wrap_at_most(&title_text, title_w, TITLE_PX, Weight::Bold, 3);
        let title_h = title_lines.len() as f32 * TITLE_PX * LINE_HEIGHT;
        let mut y = content.y - 28.0 - title_h;
        for s in title_lines {
            title.push(TextLine::new(
                s,
                Point::new(content.x, y),
                Align::Start,
                TITLE_PX,
                true,
                theme.title,
            ));
            y += TITLE_PX * LINE_HEIGHT;
        }

        let legend = build_legend(&nodes, &edges, &boundaries, content, theme);
        let mut bounds = content.union(&legend.rect);
        for t in &title {
            bounds = bounds.union(&t.rect());
        }
        let bounds = bounds.inflate(24.0);
        let bounds = Rect::new(
            bounds.x.floor(),
            bounds.y.floor(),
            bounds.w.ceil() + 1.0,
            bounds.h.ceil() + 1.0,
        );
        let description = describe(&title_text, &nodes, &edges, contents);
        Self {
            view_id: view.id.clone(),
            title_text,
            title,
            description,
            background: theme.background,
            boundaries,
            nodes,
            edges,
            legend,
            bounds,
        }
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&SceneNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The legend keys of the styles the nodes, edges and boundaries use.
    pub fn styles_used(&self) -> BTreeSet<LegendKey> {
        let mut used: BTreeSet<LegendKey> = self
            .nodes
            .iter()
            .map(|n| LegendKey::Element(n.style))
            .collect();
        used.extend(self.edges.iter().map(|e| LegendKey::Line(e.style)));
        if !self.boundaries.is_empty() {
            used.insert(LegendKey::Boundary);
        }
        used
    }
}

fn place_nodes(
    contents: &ViewContents,
    cards: Vec<Card>,
    positions: &Positions,
    theme: &Theme,
) -> Vec<SceneNode> {
    // Nodes the layout did not place go in a row to the right of the rest.
    let mut spare_x = positions
        .nodes
        .values()
        .map(|p| p.x)
        .fold(0.0_f32, f32::max)
        + 400.0;
    contents
        .nodes
        .iter()
        .zip(cards)
        .map(|(n, card)| {
            let at = if let Some(p) = positions.nodes.get(&n.id) {
                *p
            } else {
                let p = Point::new(spare_x, 0.0);
                spare_x += card.size.w + 60.0;
                p
            };
            let (rect, shape, lines, dividers, text_area) = card.place(at);
            SceneNode {
                id: n.id.clone(),
                kind: n.kind,
                style: ElementStyle::of(n.kind, n.external),
                colors: card::palette(theme, n),
                rect,
                shape,
                text_area,
                lines,
                dividers,
            }
        })
        .collect()
}

fn place_boundaries(
    contents: &ViewContents,
    nodes: &[SceneNode],
    index: &HashMap<&str, usize>,
    theme: &Theme,
) -> Vec<SceneBoundary> {
    contents
        .boundaries
        .iter()
        .filter_map(|b| {
            let inner = b
                .members
                .iter()
                .filter_map(|m| index.get(m.as_str()).map(|&i| nodes[i].rect))
                .reduce(|a, r| a.union(&r))?;
            let frame = boundary_frame(b, theme);
            let w = (inner.w + frame.left + frame.right).max(frame.min_width);
            let rect = Rect::new(
                inner.x - frame.left,
                inner.y - frame.top,
                w,
                inner.h + frame.top + frame.bottom,
            );
            let lines = frame
                .lines
                .into_iter()
                .map(|l| l.translate(rect.x, rect.y))
                .collect();
            Some(SceneBoundary {
                id: b.id.clone(),
                rect,
                lines,
                members: b.members.clone(),
                stroke: theme.boundary_stroke,
            })
        })
        .collect()
}

fn line_style(edge: &ContentEdge) -> LineStyle {
    if !edge.foreign_keys.is_empty() && edge.relationships.is_empty() {
        LineStyle::ForeignKey
    } else if edge.interaction == Interaction::Async {
        LineStyle::Async
    } else {
        LineStyle::Sync
    }
}

fn route_edges(
    contents: &ViewContents,
    nodes: &[SceneNode],
    index: &HashMap<&str, usize>,
    boundaries: &[SceneBoundary],
    theme: &Theme,
) -> Vec<SceneEdge> {
    let mut requests = Vec::new();
    let mut labels = Vec::new();
    let mut kept = Vec::new();
    for e in &contents.edges {
        let (Some(&from), Some(&to)) = (index.get(e.from.as_str()), index.get(e.to.as_str()))
        else {
            continue;
        };
        let (lines, size) = card::edge_label(&e.description, &e.technology, theme);
        requests.push(RouteRequest {
            from,
            to,
            label: size,
        });
        labels.push(lines);
        kept.push(e);
    }
    let rects: Vec<Rect> = nodes.iter().map(|n| n.rect).collect();
    let keep_clear: Vec<Rect> = boundaries
        .iter()
        .flat_map(|b| b.lines.iter().map(TextLine::rect))
        .collect();
    let routes = route::route_edges(&rects, &requests, &keep_clear);
    kept.into_iter()
        .zip(routes)
        .zip(labels)
        .zip(requests)
        .map(|(((e, r), lines), req)| {
            let style = line_style(e);
            let mut points = r.points;
            let arrow_head = arrow_head(&mut points);
            let (label, label_rect) = match r.label_center {
                Some(c) if !lines.is_empty() => {
                    let rect = Rect::new(
                        c.x - req.label.w / 2.0,
                        c.y - req.label.h / 2.0,
                        req.label.w,
                        req.label.h,
                    );
                    let lines = lines
                        .into_iter()
                        .map(|l| l.translate(c.x, rect.y))
                        .collect();
                    (lines, Some(rect))
                }
                _ => (Vec::new(), None),
            };
            SceneEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                relationships: e.relationships.clone(),
                foreign_keys: e.foreign_keys.clone(),
                style,
                color: theme.edge,
                points,
                arrow_head,
                label,
                label_rect,
                label_background: theme.edge_label_background,
            }
        })
        .collect()
}

/// The arrowhead at the end of `points`; the line is shortened to its base.
fn arrow_head(points: &mut [Point]) -> [Point; 3] {
    let n = points.len();
    if n < 2 {
        let p = points.first().copied().unwrap_or_default();
        return [p, p, p];
    }
    let tip = points[n - 1];
    let prev = points[n - 2];
    let (dx, dy) = (tip.x - prev.x, tip.y - prev.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-3);
    let (ux, uy) = (dx / len, dy / len);
    let back = ARROW_LEN.min(len);
    let base = Point::new(tip.x - ux * back, tip.y - uy * back);
    points[n - 1] = base;
    [
        tip,
        Point::new(base.x - uy * ARROW_HALF_W, base.y + ux * ARROW_HALF_W),
        Point::new(base.x + uy * ARROW_HALF_W, base.y - ux * ARROW_HALF_W),
    ]
}

fn build_legend(
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    boundaries: &[SceneBoundary],
    content: Rect,
    theme: &Theme,
) -> Legend {
    let mut keys: BTreeMap<LegendKey, Option<Palette>> = BTreeMap::new();
    for n in nodes {
        keys.entry(LegendKey::Element(n.style))
            .or_insert(Some(n.colors));
    }
    for e in edges {
        keys.entry(LegendKey::Line(e.style)).or_insert(None);
    }
    if !boundaries.is_empty() {
        keys.insert(LegendKey::Boundary, None);
    }
    const SW: f32 = 40.0;
    const SH: f32 = 26.0;
    const GAP: f32 = 8.0;
    const COL_GAP: f32 = 28.0;
    const PAD: f32 = 12.0;
    let line_h = SH.max(LEGEND_PX * LINE_HEIGHT);
    let x0 = content.x;
    let y0 = content.bottom() + 40.0;
    let max_w = content.w.max(560.0);
    let title = TextLine::new(
        "Legend",
        Point::new(x0 + PAD, y0 + PAD),
        Align::Start,
        LEGEND_PX + 1.0,
        true,
        theme.legend_text,
    );
    let mut x = x0 + PAD;
    let mut y = y0 + PAD + title.height() + 6.0;
    let mut right = title.rect().right();
    let mut entries = Vec::new();
    for (key, colors) in keys {
        let words = match key {
            LegendKey::Element(s) => s.label(),
            LegendKey::Line(l) => l.label().to_owned(),
            LegendKey::Boundary => "Boundary".to_owned(),
        };
        let label_w = text::width(&words, LEGEND_PX, Weight::Regular);
        let entry_w = SW + GAP + label_w;
        if x > x0 + PAD && x + entry_w > x0 + max_w - PAD {
            x = x0 + PAD;
            y += line_h + 8.0;
        }
        let swatch = Rect::new(x, y, SW, SH);
        let shape = match (key, colors) {
            (LegendKey::Element(s), Some(p)) => {
                let r = if s.shape == ShapeKind::Person {
                    Rect::new(x + 8.0, y - 4.0, SW - 16.0, SH + 4.0)
                } else {
                    swatch
                };
                Some((Shape::fitted(s.shape, r), p))
            }
            _ => None,
        };
        let label = TextLine::new(
            words,
            Point::new(x + SW + GAP, y + (SH - LEGEND_PX * LINE_HEIGHT) / 2.0),
            Align::Start,
            LEGEND_PX,
            false,
            theme.legend_text,
        );
        right = right.max(label.rect().right());
        entries.push(LegendEntry {
            key,
            swatch: if shape.is_some()
                && matches!(key, LegendKey::Element(s) if s.shape == ShapeKind::Person)
            {
                Rect::new(x + 8.0, y - 4.0, SW - 16.0, SH + 4.0)
            } else {
                swatch
            },
            shape,
            label,
        });
        x += entry_w + COL_GAP;
    }
    let rect = Rect::new(x0, y0, right - x0 + PAD, y + line_h + PAD - y0);
    Legend {
        rect,
        title,
        entries,
        stroke: theme.legend_stroke,
        line_color: theme.edge,
        boundary_color: theme.boundary_stroke,
    }
}

fn describe(
    title: &str,
    nodes: &[SceneNode],
    edges: &[SceneEdge],
    contents: &ViewContents,
) -> String {
    let names: Vec<String> = contents
        .nodes
        .iter()
        .map(|n| n.name.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let what = if matches!(contents.kind, ViewKind::Entities { .. }) {
        ("entities", "foreign keys")
    } else {
        ("elements", "relationships")
    };
    let mut s = format!(
        "{title}: {} {}, {} {}.",
        nodes.len(),
        what.0,
        edges.len(),
        what.1
    );
    if !names.is_empty() {
        s.push_str(" Shows ");
        s.push_str(&names.join(", "));
        s.push('.');
    }
    s
}
