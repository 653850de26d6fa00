//! OpenAPI 3.1 documents, one per API of the model, as YAML or JSON.
//!
//! The document is built as an ordered value tree ([`node`]) by pure
//! functions and then written: JSON through serde_json ([`json`]), YAML by
//! a writer of our own that writes what libyaml's emitter would ([`yaml`]).
//! Both encodings hold the same value with the same key order, and the same
//! model always gives the same bytes. Nothing here does I/O, and nothing
//! repairs a model: [`crate::export::export`] refuses models with errors
//! before this runs, and the few things that would still make an invalid
//! document are refused with a sentence ([`ExportError::Unsupported`]).
//!
//! # What the model becomes
//!
//! - `info`: the API's name (its id when the name is blank), version
//!   (`unversioned` when empty), description and contact. `servers`: each
//!   server URL with the base path appended (`https://api.example/v1`), or
//!   the base path alone when the model names no server.
//! - `tags` in the order endpoints first use them; `paths` in the order the
//!   endpoints first use them, operations within a path in the order GET,
//!   POST, PUT, PATCH, DELETE, HEAD, OPTIONS. An operation without a summary
//!   gets `METHOD /path` (linters require one). Roles go into
//!   `x-archdesk-roles`.
//! - Bodies drawn from entities refer to `components/schemas`, named after
//!   the entity id in the singular and PascalCase (`order-items` →
//!   `OrderItem`, `OrderItemCreate`, `OrderItemUpdate`, `OrderItemPage`;
//!   `2`, `3`… appended on a clash). Only the schemas an API uses are
//!   written, in name order.
//!   - Read: every field except secrets, all `required` (a nullable field is
//!     present with `null`); primary key and database-generated fields
//!     (identity, `now()`, random UUID) are `readOnly`. Responses always
//!     carry the read schema, whatever shape the model names, so a secret
//!     field can never appear in a response.
//!   - Create: every field except generated ones; required unless nullable
//!     or defaulted; literal defaults as `default`;
//!     `additionalProperties: false`; secrets `writeOnly`.
//!   - Update (PATCH): like create without the primary key, nothing
//!     required.
//!   - Fields written out in an endpoint become an inline object by the
//!     same rules (request: create-like; response: read-like).
//!   - Personal and secret fields carry `x-archdesk-sensitivity`.
//! - Types: `uuid` → string/uuid; `varchar(n)` → string with `maxLength`;
//!   `smallint` → int32 with its range, `int` → int32, `bigint` → int64;
//!   `float`/`double` → number/float, number/double; `decimal(p,s)` →
//!   **a string** with `format: decimal` and a pattern allowing at most
//!   p − s integer and s fraction digits, because JSON numbers are read as
//!   binary floats by most clients and money must stay exact; `date` →
//!   string/date; `timestamptz` → string/date-time; `time` and `timestamp`
//!   (no zone) → strings with a pattern, as JSON Schema's `time` and
//!   `date-time` formats require an offset; `bytes` → base64 string
//!   (`contentEncoding`); `json` → `{}` (any value); enums → a
//!   `components/schemas` enum; arrays → `type: array`. Nullable fields use
//!   3.1's `type: [T, "null"]`, or `anyOf` with null around a `$ref`.
//! - Pagination: a paginated endpoint takes `cursor` (opaque string) and
//!   `limit` (1–100, default 20) through `components/parameters`, and its
//!   list response is a page envelope `{items, next_cursor}` whose
//!   `next_cursor` is null on the last page.
//! - Errors: RFC 9457 `application/problem+json` with a shared `Problem`
//!   schema, through `components/responses`: 500 always; 400 with
//!   parameters or a body; 401 when credentials are required, 403 when
//!   scopes or roles are; 404 with path parameters; 409 for POST, PUT and
//!   PATCH with a body; 422 with a body. A response the model describes
//!   itself takes precedence; one of 400+ without a body gets problem+json.
//! - Security: `components/securitySchemes` from the API's schemes (HTTP
//!   bearer JWT, OAuth2 authorization code with its scopes, API key). The
//!   document's default `security` is any one of the schemes; an endpoint
//!   with requirements lists them with their scopes; a public endpoint has
//!   `security: []`. Scheme names are made valid component keys (characters
//!   outside `A-Za-z0-9._-` become `_`).
//!
//! Refused, since the document would be invalid: two paths that differ only
//! in placeholder names (`/a/{x}` and `/a/{y}`), and response statuses
//! outside 100–599.

mod document;
mod json;
mod node;
mod schema;
mod yaml;

#[cfg(test)]
mod tests;

use super::{Artifact, ExportError, Options};
use crate::model::{Api, Document};

/// YAML or JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Yaml,
    Json,
}

impl Encoding {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Yaml => "yaml",
            Self::Json => "json",
        }
    }
}

/// One OpenAPI document per API (or only `options.only`), named
/// `API-ID.yaml` or `API-ID.json`.
pub fn export(
    doc: &Document,
    encoding: Encoding,
    options: &Options,
) -> Result<Vec<Artifact>, ExportError> {
    if doc.apis.is_empty() {
        return Err(ExportError::Nothing { what: "APIs" });
    }
    let apis: Vec<&Api> = match &options.only {
        None => doc.apis.iter().collect(),
        Some(id) => match doc.apis.iter().find(|a| a.id == *id) {
            Some(api) => vec![api],
            None => {
                return Err(ExportError::UnknownTarget {
                    what: "API",
                    id: id.clone(),
                    available: doc
                        .apis
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        },
    };
    let entities = schema::Entities::new(doc);
    apis.into_iter()
        .map(|api| {
            Ok(Artifact {
                file_name: format!("{}.{}", api.id, encoding.extension()),
                text: encode(&document::build(doc, entities.clone(), api)?, encoding)?,
            })
        })
        .collect()
}

fn encode(node: &node::Node, encoding: Encoding) -> Result<String, ExportError> {
    let failed = |e: String| {
        ExportError::Unsupported(format!("the OpenAPI document could not be written: {e}"))
    };
    match encoding {
        Encoding::Json => json::to_json(node).map_err(failed),
        Encoding::Yaml => Ok(yaml::to_yaml(node)),
    }
}
