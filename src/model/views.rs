//! Views: which part of the model a diagram shows. A view stores only what is
//! its own — its kind and scope, title, explicit includes and excludes, and
//! the positions the architect gave its elements. What it shows follows from
//! the model.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;

/// What a view shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ViewKind {
    /// Every person and software system.
    Landscape,
    /// One software system with the people and systems directly related to it.
    SystemContext { system: Id },
    /// The containers of one software system, with what is around it.
    Containers { system: Id },
    /// The components of one container, with what is around it.
    Components { container: Id },
    /// The entities (tables) of one database container and their foreign keys.
    Entities { database: Id },
}

impl ViewKind {
    /// The id of the element the view is about, if any.
    pub fn scope(&self) -> Option<&Id> {
        match self {
            Self::Landscape => None,
            Self::SystemContext { system } | Self::Containers { system } => Some(system),
            Self::Components { container } => Some(container),
            Self::Entities { database } => Some(database),
        }
    }

    /// The C4 name of the diagram type, e.g. "Container diagram".
    pub fn diagram_type(&self) -> &'static str {
        match self {
            Self::Landscape => "System landscape diagram",
            Self::SystemContext { .. } => "System context diagram",
            Self::Containers { .. } => "Container diagram",
            Self::Components { .. } => "Component diagram",
            Self::Entities { .. } => "Entity relationship diagram",
        }
    }
}

/// A position on a view's canvas, in scene units (1 unit = 1 px at 100 %).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// The largest coordinate a saved position may have, either way: far past
/// any drawing (ten thousand elements span a few hundred thousand units),
/// and small enough that positions and sizes still add up to the unit.
pub const MAX_COORDINATE: f32 = 1.0e7;

impl Point {
    pub fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }

    /// Whether both coordinates are numbers within ±[`MAX_COORDINATE`]:
    /// the only positions a model holds.
    pub fn is_usable(self) -> bool {
        [self.x, self.y]
            .iter()
            .all(|v| v.is_finite() && v.abs() <= MAX_COORDINATE)
    }
}

/// One diagram of the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub id: Id,
    pub kind: ViewKind,
    /// Shown above the diagram; when empty, one is made from the kind and scope.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// Elements shown in addition to the ones the kind implies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<Id>,
    /// Elements the kind implies that this view leaves out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclude: Vec<Id>,
    /// Top-left corners of the elements the architect placed, by element id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub positions: BTreeMap<Id, Point>,
}

impl View {
    pub fn new(id: impl Into<Id>, kind: ViewKind) -> Self {
        Self {
            id: id.into(),
            kind,
            title: String::new(),
            include: Vec::new(),
            exclude: Vec::new(),
            positions: BTreeMap::new(),
        }
    }
}
