//! The scene of a view in C4 notation, shared by the canvas and the SVG
//! export: what is seen is what is exported.
//!
//! Three steps turn a view into something to draw:
//!
//! 1. [`ViewContents::of`] decides what the view shows: its nodes, its edges
//!    (relationships lifted to the elements shown, merged per pair) and its
//!    boundaries. [`sizes`] measures each node from its text.
//! 2. [`crate::layout::layout`] places the nodes (saved positions win). It
//!    takes and returns owned data, so it can run on a background thread.
//! 3. [`Scene::build`] puts it together: shapes, wrapped text lines, routed
//!    arrows with labels, boundaries, a legend and a title, in scene units.
//!
//! Text is measured by [`text`] from a built-in table, never from system
//! fonts or egui, so the command line and every machine agree.
//!
//! This module does not paint, write files or depend on egui: the canvas
//! (`ui/`) paints a [`Scene`] with egui and `export::svg` writes it as SVG.
//! Colours come only from a [`Theme`].

mod card;
mod contents;
pub mod geom;
mod scene;
pub mod text;
mod theme;

use thiserror::Error;

pub use card::{
    Align, BoundaryFrame, Shape, ShapeKind, TextLine, boundary_frame, metrics, palette, shape_kind,
    type_line,
};
pub use contents::{
    BoundaryKind, ContentBoundary, ContentEdge, ContentNode, ContentsLookup, FieldRow,
    ForeignKeyRef, NodeKind, ViewContents,
};
pub use geom::{Point, Rect, Size};
pub use scene::{
    Category, ElementStyle, Legend, LegendEntry, LegendKey, LineStyle, Scene, SceneBoundary,
    SceneEdge, SceneNode, sizes,
};
pub use theme::{Color, Palette, Theme};

/// Why a view cannot be drawn.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DiagramError {
    /// Its scope is missing or of the wrong kind.
    #[error(transparent)]
    BadScope(#[from] crate::model::c4::ScopeError),
}

/// Contents, layout and scene of a view in one call: what the SVG export
/// does. The editor runs the steps itself so the layout can run off the UI
/// thread.
pub fn scene_of(
    doc: &crate::model::Document,
    view: &crate::model::View,
) -> Result<Scene, DiagramError> {
    scene_with(&ContentsLookup::new(doc), view)
}

/// [`scene_of`] for one of many views of a document, sharing `lookup`.
pub fn scene_with<'a>(
    lookup: &ContentsLookup<'a>,
    view: &'a crate::model::View,
) -> Result<Scene, DiagramError> {
    let contents = lookup.contents(view)?;
    // Each card is measured once, for the layout and the scene both.
    let theme = Theme::C4;
    let cards = scene::cards(&contents, &theme);
    let sizes = scene::sizes_of(&contents, &cards);
    let positions = crate::layout::layout(&contents, &sizes, &view.positions);
    Ok(Scene::build_from_cards(
        lookup.doc(),
        view,
        &contents,
        &positions,
        &theme,
        cards,
    ))
}
