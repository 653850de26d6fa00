//! archdesk: one model of a backend architecture — people, systems,
//! containers, components, the data they store, the APIs they offer and the
//! events they exchange — edited on a canvas, saved as RON, and exported as
//! SQL DDL, OpenAPI and C4 diagrams.
//!
//! The crate is laid out as `../shared/DESIGN.md` describes:
//! - [`model`]: the document, plain data, changed only through [`model::Edit`]s;
//! - [`store`]: the RON file, its versions, atomic saving and load errors;
//! - [`check`]: findings about a model, shared by the editor and the CLI;
//! - [`diagram`]: the scene of a view (C4 shapes, text, arrows, legend),
//!   painted by the editor and written by `export::svg`;
//! - [`geom`]: points, sizes and rectangles in scene units;
//! - [`layout`]: automatic layout and edge routing of plain graphs;
//! - [`export`]: pure functions from a model to text;
//! - [`cli`]: the command line;
//! - [`text`]: messages made safe for a terminal or a dialog;
//! - `generate` (feature `generate`, for benchmarks, examples and tests):
//!   made-up large models from a seed;
//! - `ui` (feature `gui`, on by default): the desktop editor.

pub mod check;
pub mod cli;
pub mod diagram;
pub mod export;
#[cfg(feature = "generate")]
pub mod generate;
pub mod geom;
pub mod layout;
pub mod model;
pub mod store;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;

pub use model::Document;
