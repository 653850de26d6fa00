//! SQL DDL for PostgreSQL, MySQL 8 / MariaDB and SQLite. (Being built: issue 4.)

use super::{Artifact, ExportError, Format, Options};
use crate::model::Document;

/// Whether the SQL exports are built.
pub const IS_BUILT: bool = false;

/// The SQL dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

/// One DDL script per database container (or only `options.only`).
pub fn export(
    doc: &Document,
    dialect: Dialect,
    options: &Options,
) -> Result<Vec<Artifact>, ExportError> {
    let _ = (doc, options);
    Err(ExportError::NotBuilt(match dialect {
        Dialect::Postgres => Format::Postgres,
        Dialect::Mysql => Format::Mysql,
        Dialect::Sqlite => Format::Sqlite,
    }))
}
