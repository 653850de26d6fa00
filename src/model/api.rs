//! APIs: what a service offers over HTTP — its version, endpoints with
//! parameters, bodies and responses, security schemes and required scopes.

use serde::{Deserialize, Serialize};

use super::{Accepted, Field, FieldType, Id};

fn is_false(b: &bool) -> bool {
    !*b
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
    Head,
    Options,
}

impl Method {
    pub const ALL: [Self; 7] = [
        Self::Get,
        Self::Post,
        Self::Put,
        Self::Patch,
        Self::Delete,
        Self::Head,
        Self::Options,
    ];

    /// `GET`, `POST`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
        }
    }

    /// Changes state on the server.
    pub fn is_write(self) -> bool {
        matches!(self, Self::Post | Self::Put | Self::Patch | Self::Delete)
    }
}

/// Where a parameter travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

/// A path, query or header parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: ParamLocation,
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// Path parameters are always required.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Which shape of an entity a body carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Shape {
    /// As read back: every field but secrets, keys read-only.
    #[default]
    Read,
    /// As sent to create: no generated fields.
    Create,
    /// As sent to change: every field optional.
    Update,
}

/// The content of a request or response body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Body {
    /// One entity, in a shape.
    Entity { entity: Id, shape: Shape },
    /// A list of entities (a page of them when the endpoint is paginated).
    List { entity: Id },
    /// Fields written out here.
    Fields(Vec<Field>),
}

impl Body {
    /// The entity this body draws on, if any.
    pub fn entity(&self) -> Option<&Id> {
        match self {
            Self::Entity { entity, .. } | Self::List { entity } => Some(entity),
            Self::Fields(_) => None,
        }
    }
}

/// One documented response of an endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    pub status: u16,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
}

/// One scheme an endpoint requires, with the scopes it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The name of a [`SecurityScheme`] of the same API.
    pub scheme: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

/// One operation: a method on a path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endpoint {
    pub method: Method,
    /// Relative to the API's base path, e.g. `/orders/{order_id}`.
    pub path: String,
    /// Unique within the API, camelCase, e.g. `getOrder`.
    pub operation_id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Body>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// A list endpoint returning pages with a cursor.
    #[serde(default, skip_serializing_if = "is_false")]
    pub paginated: bool,
    /// Open to anonymous callers on purpose.
    #[serde(default, skip_serializing_if = "is_false")]
    pub public: bool,
    /// Alternatives: any one of these requirements grants access.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<Requirement>,
    /// Roles the caller must hold (checked by the service).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
    /// The operation id this endpoint had before a rename: `archdesk diff`
    /// reads it as that endpoint, renamed. The editor writes it when an
    /// endpoint of the saved file gets a new operation id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub was: Option<String>,
}

impl Endpoint {
    pub fn new(method: Method, path: impl Into<String>, operation_id: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            operation_id: operation_id.into(),
            summary: String::new(),
            description: String::new(),
            tags: Vec::new(),
            parameters: Vec::new(),
            request: None,
            responses: Vec::new(),
            paginated: false,
            public: false,
            security: Vec::new(),
            roles: Vec::new(),
            accepted: Vec::new(),
            was: None,
        }
    }

    /// The `{name}` placeholders of the path, in order.
    pub fn path_placeholders(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut rest = self.path.as_str();
        while let Some(start) = rest.find('{') {
            let after = &rest[start + 1..];
            let Some(end) = after.find('}') else { break };
            out.push(&after[..end]);
            rest = &after[end + 1..];
        }
        out
    }
}

/// Where an API key travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyLocation {
    Header,
    Query,
    Cookie,
}

/// An OAuth2 scope and what it allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// How callers prove who they are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SchemeKind {
    /// `Authorization: Bearer <JWT>`.
    BearerJwt,
    /// OAuth2 authorization code flow.
    OAuth2 {
        authorization_url: String,
        token_url: String,
        scopes: Vec<Scope>,
    },
    /// A key in a header, query parameter or cookie.
    ApiKey { location: KeyLocation, name: String },
}

/// A named security scheme of an API.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityScheme {
    /// Referred to by endpoints' requirements, e.g. `oauth`.
    pub name: String,
    pub kind: SchemeKind,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Who to ask about an API.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// An HTTP API offered by a service container.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Api {
    pub id: Id,
    /// The container that serves it.
    pub service: Id,
    pub name: String,
    /// E.g. `1.4.0`; empty means unversioned.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    /// E.g. `/v1`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub base_path: String,
    /// Where it is served, e.g. `https://api.shop.example`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security_schemes: Vec<SecurityScheme>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub endpoints: Vec<Endpoint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<Accepted>,
}

impl Api {
    pub fn new(id: impl Into<Id>, service: impl Into<Id>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            service: service.into(),
            name: name.into(),
            version: String::new(),
            base_path: String::new(),
            servers: Vec::new(),
            description: String::new(),
            contact: None,
            security_schemes: Vec::new(),
            endpoints: Vec::new(),
            accepted: Vec::new(),
        }
    }

    /// The security scheme with this name.
    pub fn scheme(&self, name: &str) -> Option<&SecurityScheme> {
        self.security_schemes.iter().find(|s| s.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_in_order() {
        let e = Endpoint::new(Method::Get, "/a/{x}/b/{y_id}", "op");
        assert_eq!(e.path_placeholders(), vec!["x", "y_id"]);
        let e = Endpoint::new(Method::Get, "/a/{broken", "op");
        assert!(e.path_placeholders().is_empty());
    }
}
