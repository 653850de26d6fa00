//! One API of the model as an OpenAPI 3.1 document (a [`Node`] tree):
//! info, servers, top-level security, tags, paths with their operations,
//! and the components they refer to.

use std::collections::BTreeSet;

use super::node::{Map, Node, strings};
use super::schema::{Direction, Entities, Kind, Schemas};
use crate::export::ExportError;
use crate::model::{
    Api, Body, Document, Endpoint, KeyLocation, Method, ParamLocation, Parameter, SchemeKind,
};

/// The JSON media type of bodies.
const JSON: &str = "application/json";
/// RFC 9457's media type.
const PROBLEM_JSON: &str = "application/problem+json";

/// The largest page a client may ask for, and the page size it gets when it
/// does not say.
pub(super) const MAX_LIMIT: i64 = 100;
const DEFAULT_LIMIT: i64 = 20;

/// The shared error responses: status, component name, description.
const ERRORS: &[(u16, &str, &str)] = &[
    (400, "BadRequest", "The request is malformed."),
    (401, "Unauthorized", "The request has no valid credentials."),
    (
        403,
        "Forbidden",
        "The credentials do not grant this operation.",
    ),
    (404, "NotFound", "Nothing exists at this path."),
    (
        409,
        "Conflict",
        "The request conflicts with the current state of the resource.",
    ),
    (
        422,
        "UnprocessableContent",
        "The body is well-formed but its content is not acceptable.",
    ),
    (
        500,
        "InternalServerError",
        "The server failed unexpectedly.",
    ),
];

/// Everything one document collects while its operations are written.
struct Builder<'a> {
    api: &'a Api,
    schemas: Schemas<'a>,
    /// Scheme name in the model → key in `components/securitySchemes`.
    scheme_keys: Vec<(&'a str, String)>,
    /// Statuses of shared error responses referred to.
    errors_used: BTreeSet<u16>,
    paginated: bool,
}

/// The OpenAPI document of one API.
pub(super) fn build<'a>(
    doc: &'a Document,
    entities: Entities<'a>,
    api: &'a Api,
) -> Result<Node, ExportError> {
    let mut b = Builder {
        api,
        schemas: Schemas::sharing(doc, entities),
        scheme_keys: scheme_keys(api),
        errors_used: BTreeSet::new(),
        paginated: false,
    };
    check_paths(api)?;
    let paths = b.paths()?;
    let mut out = Map::new()
        .with("openapi", "3.1.0")
        .with("info", info(api))
        .with("servers", servers(api));
    // By default any one of the API's schemes will do; operations that
    // require particular scopes say so, and public ones clear it.
    out = out.with_list(
        "security",
        b.scheme_keys
            .iter()
            .map(|(_, key)| Map::new().with(key.as_str(), Vec::new()).into())
            .collect(),
    );
    out = out.with_list("tags", tags(api));
    out.set("paths", paths);
    let components = b.components()?;
    Ok(out.with_map("components", components).into())
}

fn info(api: &Api) -> Map {
    let title = if api.name.trim().is_empty() {
        api.id.as_str()
    } else {
        api.name.as_str()
    };
    let version = if api.version.is_empty() {
        "unversioned"
    } else {
        api.version.as_str()
    };
    let contact = api.contact.as_ref().map_or_else(Map::new, |c| {
        Map::new()
            .with_text("name", &c.name)
            .with_text("url", &c.url)
            .with_text("email", &c.email)
    });
    Map::new()
        .with("title", title)
        .with("version", version)
        .with_text("description", &api.description)
        .with_map("contact", contact)
}

/// Each server with the base path (which carries the major version) appended;
/// the base path alone when the model names no server.
fn servers(api: &Api) -> Vec<Node> {
    let base = api.base_path.trim_end_matches('/');
    let url = |server: &str| {
        let joined = format!("{}{base}", server.trim_end_matches('/'));
        if joined.is_empty() {
            "/".to_owned()
        } else {
            joined
        }
    };
    if api.servers.is_empty() {
        vec![Map::new().with("url", url("")).into()]
    } else {
        api.servers
            .iter()
            .map(|s| Map::new().with("url", url(s)).into())
            .collect()
    }
}

/// Tags in the order endpoints first use them.
fn tags(api: &Api) -> Vec<Node> {
    let mut seen = BTreeSet::new();
    api.endpoints
        .iter()
        .flat_map(|e| &e.tags)
        .filter(|t| seen.insert(t.as_str()))
        .map(|t| Map::new().with("name", t.as_str()).into())
        .collect()
}

/// Component keys for the API's schemes. OpenAPI keys may only hold
/// `A-Z a-z 0-9 . - _`; other characters become `_`, and a key made equal
/// to an earlier one gets `-2`, `-3`…
fn scheme_keys(api: &Api) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for s in &api.security_schemes {
        if out.iter().any(|(name, _)| *name == s.name) {
            continue;
        }
        let mut base: String = s
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if base.is_empty() {
            base.push_str("scheme");
        }
        let mut key = base.clone();
        let mut n = 2;
        while out.iter().any(|(_, k)| *k == key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        out.push((&s.name, key));
    }
    out
}

/// Refuses what would make the document invalid and that the checker does
/// not look for: templated paths that differ only in placeholder names
/// (OpenAPI forbids them) and response statuses that are not HTTP statuses.
fn check_paths(api: &Api) -> Result<(), ExportError> {
    let mut shapes: Vec<(String, &str)> = Vec::new();
    for ep in &api.endpoints {
        let shape = template_shape(&ep.path);
        if let Some((_, other)) = shapes
            .iter()
            .find(|(s, path)| *s == shape && *path != ep.path)
        {
            return Err(ExportError::Unsupported(format!(
                "API “{}” has the paths {other} and {}, which OpenAPI treats as the same path; use the same placeholder names in both",
                api.id, ep.path
            )));
        }
        shapes.push((shape, &ep.path));
        if let Some(r) = ep
            .responses
            .iter()
            .find(|r| !(100..=599).contains(&r.status))
        {
            return Err(ExportError::Unsupported(format!(
                "{} of API “{}” has a response with status {}, which is not an HTTP status (100–599)",
                ep.operation_id, api.id, r.status
            )));
        }
    }
    Ok(())
}

/// The path with its placeholders' names taken out: `/a/{x}` → `/a/{}`.
fn template_shape(path: &str) -> String {
    let mut s = String::new();
    let mut depth = 0_usize;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                s.push_str("{}");
            }
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ => s.push(c),
        }
    }
    s
}

fn method_key(m: Method) -> &'static str {
    match m {
        Method::Get => "get",
        Method::Post => "post",
        Method::Put => "put",
        Method::Patch => "patch",
        Method::Delete => "delete",
        Method::Head => "head",
        Method::Options => "options",
    }
}

/// The standard reason phrase, for responses the model leaves undescribed.
fn reason(status: u16) -> &'static str {
    let exact = match status {
        200 => Some("OK"),
        201 => Some("Created"),
        202 => Some("Accepted"),
        204 => Some("No Content"),
        301 => Some("Moved Permanently"),
        302 => Some("Found"),
        303 => Some("See Other"),
        304 => Some("Not Modified"),
        400 => Some("Bad Request"),
        401 => Some("Unauthorized"),
        403 => Some("Forbidden"),
        404 => Some("Not Found"),
        405 => Some("Method Not Allowed"),
        409 => Some("Conflict"),
        410 => Some("Gone"),
        412 => Some("Precondition Failed"),
        415 => Some("Unsupported Media Type"),
        422 => Some("Unprocessable Content"),
        429 => Some("Too Many Requests"),
        500 => Some("Internal Server Error"),
        502 => Some("Bad Gateway"),
        503 => Some("Service Unavailable"),
        504 => Some("Gateway Timeout"),
        _ => None,
    };
    exact.unwrap_or(match status / 100 {
        1 => "Informational",
        2 => "Success",
        3 => "Redirection",
        4 => "Client error",
        _ => "Server error",
    })
}

impl<'a> Builder<'a> {
    /// Paths in the order the model first uses them; operations of a path
    /// in the order of [`Method::ALL`].
    fn paths(&mut self) -> Result<Map, ExportError> {
        let api = self.api;
        let mut order: Vec<&str> = Vec::new();
        for ep in &api.endpoints {
            if !order.contains(&ep.path.as_str()) {
                order.push(&ep.path);
            }
        }
        let mut paths = Map::new();
        for path in order {
            let mut item = Map::new();
            for method in Method::ALL {
                if let Some(ep) = api
                    .endpoints
                    .iter()
                    .find(|e| e.path == path && e.method == method)
                {
                    item.set(method_key(method), self.operation(ep)?);
                }
            }
            paths.set(path, item);
        }
        Ok(paths)
    }

    fn scheme_key(&self, name: &str) -> String {
        self.scheme_keys
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| name.to_owned(), |(_, k)| k.clone())
    }

    fn operation(&mut self, ep: &Endpoint) -> Result<Map, ExportError> {
        let summary = if ep.summary.trim().is_empty() {
            format!("{} {}", ep.method.as_str(), ep.path)
        } else {
            ep.summary.clone()
        };
        let mut op = Map::new()
            .with_list("tags", ep.tags.iter().map(Node::from).collect())
            .with("summary", summary)
            .with_text("description", &ep.description)
            .with("operationId", ep.operation_id.as_str());

        let mut parameters: Vec<Node> = Vec::new();
        for p in &ep.parameters {
            parameters.push(self.parameter(p));
        }
        if ep.paginated {
            self.paginated = true;
            for (name, component) in [("cursor", "Cursor"), ("limit", "Limit")] {
                let declared = ep
                    .parameters
                    .iter()
                    .any(|p| p.location == ParamLocation::Query && p.name == name);
                if !declared {
                    parameters.push(
                        Map::new()
                            .with("$ref", format!("#/components/parameters/{component}"))
                            .into(),
                    );
                }
            }
        }
        op = op.with_list("parameters", parameters);

        if let Some(body) = &ep.request {
            let schema = self.body_schema(body, Direction::Request, false)?;
            op.set(
                "requestBody",
                Map::new()
                    .with("required", true)
                    .with("content", content(JSON, schema)),
            );
        }

        op.set("responses", self.responses(ep)?);

        if ep.public {
            op.set("security", Vec::new());
        } else if !ep.security.is_empty() {
            let alternatives: Vec<Node> = ep
                .security
                .iter()
                .map(|r| {
                    Map::new()
                        .with(self.scheme_key(&r.scheme), strings(&r.scopes))
                        .into()
                })
                .collect();
            op.set("security", alternatives);
        }
        if !ep.roles.is_empty() {
            op.set("x-archdesk-roles", strings(&ep.roles));
        }
        Ok(op)
    }

    fn parameter(&mut self, p: &Parameter) -> Node {
        let location = match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
        };
        Map::new()
            .with("name", p.name.as_str())
            .with("in", location)
            .with_text("description", &p.description)
            .with("required", p.required || p.location == ParamLocation::Path)
            .with("schema", self.schemas.type_schema(&p.ty))
            .into()
    }

    fn body_schema(
        &mut self,
        body: &Body,
        direction: Direction,
        paginated: bool,
    ) -> Result<Node, ExportError> {
        Ok(match (body, direction) {
            // A response carries what is read back, whatever shape the
            // model names, so a secret can never travel in one.
            (Body::Entity { entity, .. }, Direction::Response) => {
                self.schemas.entity_ref(entity, Kind::Read)?
            }
            (Body::Entity { entity, shape }, Direction::Request) => {
                let kind = match shape {
                    crate::model::Shape::Read => Kind::Read,
                    crate::model::Shape::Create => Kind::Create,
                    crate::model::Shape::Update => Kind::Update,
                };
                self.schemas.entity_ref(entity, kind)?
            }
            (Body::List { entity }, Direction::Response) if paginated => {
                self.schemas.entity_ref(entity, Kind::Page)?
            }
            (Body::List { entity }, _) => {
                let kind = match direction {
                    Direction::Response => Kind::Read,
                    Direction::Request => Kind::Create,
                };
                Map::new()
                    .with("type", "array")
                    .with("items", self.schemas.entity_ref(entity, kind)?)
                    .into()
            }
            (Body::Fields(fields), _) => self.schemas.fields_schema(fields, direction),
        })
    }

    /// The model's responses, and the shared error responses that fit the
    /// operation and that it does not describe itself; in status order.
    fn responses(&mut self, ep: &Endpoint) -> Result<Map, ExportError> {
        let mut errors: BTreeSet<u16> = BTreeSet::from([500]);
        if !ep.parameters.is_empty() || ep.request.is_some() || ep.paginated {
            errors.insert(400);
        }
        let secured = !ep.public && !self.scheme_keys.is_empty();
        if secured {
            errors.insert(401);
            if !ep.roles.is_empty() || ep.security.iter().any(|r| !r.scopes.is_empty()) {
                errors.insert(403);
            }
        }
        if !ep.path_placeholders().is_empty() {
            errors.insert(404);
        }
        if ep.request.is_some() {
            if matches!(ep.method, Method::Post | Method::Put | Method::Patch) {
                errors.insert(409);
            }
            errors.insert(422);
        }
        let mut all: Vec<(u16, Node)> = Vec::new();
        for r in &ep.responses {
            if all.iter().any(|(s, _)| *s == r.status) {
                continue;
            }
            errors.remove(&r.status);
            let description = if r.description.is_empty() {
                reason(r.status).to_owned()
            } else {
                r.description.clone()
            };
            let mut m = Map::new().with("description", description);
            if let Some(body) = &r.body {
                let schema = self.body_schema(body, Direction::Response, ep.paginated)?;
                m.set("content", content(JSON, schema));
            } else if r.status >= 400 {
                let problem = self.schemas.problem_ref();
                m.set("content", content(PROBLEM_JSON, problem));
            }
            all.push((r.status, m.into()));
        }
        for status in errors {
            if let Some((_, name, _)) = ERRORS.iter().find(|(s, ..)| *s == status) {
                self.errors_used.insert(status);
                all.push((
                    status,
                    Map::new()
                        .with("$ref", format!("#/components/responses/{name}"))
                        .into(),
                ));
            }
        }
        all.sort_by_key(|(s, _)| *s);
        let mut out = Map::new();
        for (status, node) in all {
            out.set(status.to_string(), node);
        }
        Ok(out)
    }

    fn components(mut self) -> Result<Map, ExportError> {
        let mut responses = Map::new();
        for (status, name, description) in ERRORS {
            if self.errors_used.contains(status) {
                let problem = self.schemas.problem_ref();
                responses.set(
                    *name,
                    Map::new()
                        .with("description", *description)
                        .with("content", content(PROBLEM_JSON, problem)),
                );
            }
        }
        let mut parameters = Map::new();
        if self.paginated {
            parameters.set(
                "Cursor",
                Map::new()
                    .with("name", "cursor")
                    .with("in", "query")
                    .with(
                        "description",
                        "Where the page starts: the `next_cursor` of the previous page. Leave it out for the first page.",
                    )
                    .with("required", false)
                    .with("schema", Map::new().with("type", "string")),
            );
            parameters.set(
                "Limit",
                Map::new()
                    .with("name", "limit")
                    .with("in", "query")
                    .with("description", "The most items the page may hold.")
                    .with("required", false)
                    .with(
                        "schema",
                        Map::new()
                            .with("type", "integer")
                            .with("format", "int32")
                            .with("minimum", 1_i64)
                            .with("maximum", MAX_LIMIT)
                            .with("default", DEFAULT_LIMIT),
                    ),
            );
        }
        let mut security = Map::new();
        for s in &self.api.security_schemes {
            let Some((_, key)) = self.scheme_keys.iter().find(|(n, _)| *n == s.name) else {
                continue;
            };
            if security.contains_key(key) {
                continue;
            }
            security.set(key.as_str(), security_scheme(&s.kind, &s.description));
        }
        let schemas = self.schemas.finish()?;
        Ok(Map::new()
            .with_map("schemas", schemas)
            .with_map("responses", responses)
            .with_map("parameters", parameters)
            .with_map("securitySchemes", security))
    }
}

fn content(media_type: &str, schema: Node) -> Map {
    Map::new().with(media_type, Map::new().with("schema", schema))
}

fn security_scheme(kind: &SchemeKind, description: &str) -> Map {
    match kind {
        SchemeKind::BearerJwt => Map::new()
            .with("type", "http")
            .with_text("description", description)
            .with("scheme", "bearer")
            .with("bearerFormat", "JWT"),
        SchemeKind::OAuth2 {
            authorization_url,
            token_url,
            scopes,
        } => {
            let mut s = Map::new();
            for scope in scopes {
                s.set(scope.name.as_str(), scope.description.as_str());
            }
            Map::new()
                .with("type", "oauth2")
                .with_text("description", description)
                .with(
                    "flows",
                    Map::new().with(
                        "authorizationCode",
                        Map::new()
                            .with("authorizationUrl", authorization_url.as_str())
                            .with("tokenUrl", token_url.as_str())
                            .with("scopes", s),
                    ),
                )
        }
        SchemeKind::ApiKey { location, name } => Map::new()
            .with("type", "apiKey")
            .with_text("description", description)
            .with("name", name.as_str())
            .with(
                "in",
                match location {
                    KeyLocation::Header => "header",
                    KeyLocation::Query => "query",
                    KeyLocation::Cookie => "cookie",
                },
            ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_shapes_ignore_placeholder_names() {
        assert_eq!(template_shape("/a/{x}/b/{y}"), "/a/{}/b/{}");
        assert_eq!(template_shape("/a/{x"), "/a/{}");
        assert_eq!(template_shape("/a}b"), "/ab");
    }

    #[test]
    fn scheme_keys_are_valid_component_names_and_unique() {
        let mut api = Api::new("a", "s", "A");
        for name in ["o auth", "o_auth", "", "ok"] {
            api.security_schemes.push(crate::model::SecurityScheme {
                name: name.to_owned(),
                kind: SchemeKind::BearerJwt,
                description: String::new(),
            });
        }
        let keys: Vec<String> = scheme_keys(&api).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, ["o_auth", "o_auth-2", "scheme", "ok"]);
    }
}
