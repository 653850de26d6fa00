//! Exports: pure functions from a model to text.
//!
//! Each format is a module with a function `(&Document, &Options) ->
//! Result<Vec<Artifact>, ExportError>`. Same model, same options: the same
//! bytes. No I/O here; the command line and the editor write the artifacts.
//! A model with errors is refused, never silently repaired.

use std::fmt;

use thiserror::Error;

pub mod diff;
pub mod openapi;
pub mod sql;
pub mod svg;

use crate::check::{self, Finding};
use crate::model::Document;

/// The formats of `archdesk export --to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// PostgreSQL DDL.
    Postgres,
    /// MySQL 8 / MariaDB DDL.
    Mysql,
    /// SQLite DDL.
    Sqlite,
    /// OpenAPI 3.1 as YAML.
    Openapi,
    /// OpenAPI 3.1 as JSON.
    OpenapiJson,
    /// C4 diagrams as SVG.
    Svg,
}

impl Format {
    pub const ALL: [Self; 6] = [
        Self::Postgres,
        Self::Mysql,
        Self::Sqlite,
        Self::Openapi,
        Self::OpenapiJson,
        Self::Svg,
    ];

    /// The name on the command line, e.g. `openapi-json`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Postgres => "postgres",
            Self::Mysql => "mysql",
            Self::Sqlite => "sqlite",
            Self::Openapi => "openapi",
            Self::OpenapiJson => "openapi-json",
            Self::Svg => "svg",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What to export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Only this view, API or database (by id); `None` exports every one.
    pub only: Option<String>,
}

/// One exported file: a suggested file name and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// E.g. `order-db.sql`, `catalog-api.yaml`, `shop-containers.svg`.
    pub file_name: String,
    pub text: String,
}

/// Why an export was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error("the model has {} error(s), so it cannot be exported; run `archdesk check` to see them", .0.len())]
    Invalid(Vec<Finding>),
    #[error("there is no {what} with the id “{id}”; the ones there are: {available}")]
    UnknownTarget {
        what: &'static str,
        id: String,
        available: String,
    },
    #[error("the model has no {what} to export")]
    Nothing { what: &'static str },
    #[error("{0}")]
    Unsupported(String),
}

/// Exports the model in a format. Refuses a model that has errors.
pub fn export(
    doc: &Document,
    format: Format,
    options: &Options,
) -> Result<Vec<Artifact>, ExportError> {
    let errors = check::errors(doc);
    if check::has_errors(&errors) {
        return Err(ExportError::Invalid(errors));
    }
    match format {
        Format::Postgres => sql::export(doc, sql::Dialect::Postgres, options),
        Format::Mysql => sql::export(doc, sql::Dialect::Mysql, options),
        Format::Sqlite => sql::export(doc, sql::Dialect::Sqlite, options),
        Format::Openapi => openapi::export(doc, openapi::Encoding::Yaml, options),
        Format::OpenapiJson => openapi::export(doc, openapi::Encoding::Json, options),
        Format::Svg => svg::export(doc, options),
    }
}
