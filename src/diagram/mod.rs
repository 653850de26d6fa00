//! The scene of a view in C4 notation, shared by the canvas and the SVG
//! export: what is seen is what is exported.
//!
//! Three steps turn a view into something to draw:
//!
//! 1. [`ViewContents::of`] decides what the view shows: its nodes, its edges
//!    (relationships lifted to the elements shown, merged per pair) and its
//!    boundaries. [`sizes`] measures each node from its text.
//! 2. [`LayoutInput`] turns them into the graph [`crate::layout`] places
//!    (saved positions win). It is owned data, so the editor can run it on
//!    a background thread.
//! 3. [`Scene::build`] puts it together: shapes, wrapped text lines, routed
//!    arrows with labels, boundaries, a legend and a title, in scene units.
//!
//! Text is measured by [`text`] from a built-in table, never from system
//! fonts or egui, so the command line and every machine agree.
//!
//! This module does not paint, write files or depend on egui: the canvas
//! (`ui/`) paints a [`Scene`] with egui and `export::svg` writes it as SVG.
//! Colours come only from a [`Theme`].

mod arrange;
mod card;
mod contents;
mod scene;
pub mod text;
mod theme;

use thiserror::Error;

pub use crate::geom::{Point, Rect, Size};
pub use arrange::{LayoutInput, Positions, layout};
pub use card::{
    Align, BoundaryFrame, Shape, ShapeKind, TextLine, boundary_frame, metrics, palette, shape_kind,
    type_line,
};
pub use contents::{
    BoundaryKind, ContentBoundary, ContentEdge, ContentNode, ContentsLookup, FieldRow,
    ForeignKeyRef, NodeKind, ViewContents, view_shows,
};
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
    let draft = Draft::new(lookup, view)?;
    let positions = draft.layout_input(&view.positions).run();
    Ok(draft.scene(lookup.doc(), view, &positions))
}

/// A view on its way to a scene: what it shows, with each node's card
/// measured once, for the layout and the scene both. The SVG export and
/// the canvas both go through it, so they draw the same scene.
pub struct Draft {
    pub contents: ViewContents,
    cards: Vec<card::Card>,
    theme: Theme,
}

impl Draft {
    /// What `view` shows, measured in the C4 theme.
    pub fn new<'a>(
        lookup: &ContentsLookup<'a>,
        view: &'a crate::model::View,
    ) -> Result<Self, DiagramError> {
        let contents = lookup.contents(view)?;
        let theme = Theme::C4;
        let cards = scene::cards(&contents, &theme);
        Ok(Self {
            contents,
            cards,
            theme,
        })
    }

    /// The size of every node.
    pub fn sizes(&self) -> std::collections::BTreeMap<crate::model::Id, Size> {
        scene::sizes_of(&self.contents, &self.cards)
    }

    /// The layout of the view with these positions saved.
    pub fn layout_input(
        &self,
        saved: &std::collections::BTreeMap<crate::model::Id, Point>,
    ) -> LayoutInput {
        LayoutInput::new(&self.contents, &self.sizes(), saved)
    }

    /// The scene with the nodes at `positions`.
    pub fn scene(
        self,
        doc: &crate::model::Document,
        view: &crate::model::View,
        positions: &Positions,
    ) -> Scene {
        Scene::build_from_cards(
            doc,
            view,
            &self.contents,
            positions,
            &self.theme,
            self.cards,
        )
    }
}
