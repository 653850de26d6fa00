//! OpenAPI 3.1 documents, one per API. (Being built: issue 5.)

use super::{Artifact, ExportError, Format, Options};
use crate::model::Document;

/// Whether the OpenAPI exports are built.
pub const IS_BUILT: bool = false;

/// YAML or JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Yaml,
    Json,
}

/// One OpenAPI document per API (or only `options.only`).
pub fn export(
    doc: &Document,
    encoding: Encoding,
    options: &Options,
) -> Result<Vec<Artifact>, ExportError> {
    let _ = (doc, options);
    Err(ExportError::NotBuilt(match encoding {
        Encoding::Yaml => Format::Openapi,
        Encoding::Json => Format::OpenapiJson,
    }))
}
