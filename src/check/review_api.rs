//! Review rules on APIs: versioning, pagination of lists, security of
//! endpoints and request bodies where HTTP has none.
//!
//! Duplicate routes and undeclared path parameters are structural
//! (`api.rs`): the OpenAPI document would be invalid.

use super::{Finding, Rule, Severity};
use crate::model::{Api, Body, Document, Endpoint, Method};

pub const UNVERSIONED: Rule = Rule {
    id: "api/unversioned",
    severity: Severity::Warning,
    summary: "An API has no version, so clients cannot tell a breaking change from a fix or pin the one they were built against.",
};
pub const UNPAGINATED_LIST: Rule = Rule {
    id: "api/unpaginated-list",
    severity: Severity::Warning,
    summary: "A GET endpoint answers with a list of entities but is not paginated, so one response can grow with the table.",
};
pub const NO_SECURITY: Rule = Rule {
    id: "api/no-security",
    severity: Severity::Warning,
    summary: "An endpoint requires no security scheme and is not marked public: anonymous access by omission.",
};
pub const PUBLIC_WRITE: Rule = Rule {
    id: "api/public-write",
    severity: Severity::Warning,
    summary: "A POST, PUT, PATCH or DELETE endpoint is public: anyone can change data without signing in.",
};
pub const BODY_ON_GET: Rule = Rule {
    id: "api/body-on-get",
    severity: Severity::Warning,
    summary: "A GET, HEAD or DELETE endpoint has a request body, which HTTP gives no meaning and clients, proxies and caches may drop.",
};

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for api in &doc.apis {
        if api.version.trim().is_empty() {
            out.push(Finding::of(
                &UNVERSIONED,
                &api.id,
                "",
                format!("API “{}” has no version.", api.name),
                "Set `version` (e.g. 1.0.0) and put the major version in the base path (/v1), so a breaking change becomes /v2 beside it.",
            ));
        }
        for ep in &api.endpoints {
            endpoint(api, ep, out);
        }
    }
}

/// `GET /orders (listOrders)`, as messages name an endpoint.
fn name(ep: &Endpoint) -> String {
    format!("{} {} ({})", ep.method.as_str(), ep.path, ep.operation_id)
}

fn endpoint(api: &Api, ep: &Endpoint, out: &mut Vec<Finding>) {
    let op = ep.operation_id.as_str();
    let returns_list = ep
        .responses
        .iter()
        .any(|r| (200..300).contains(&r.status) && matches!(r.body, Some(Body::List { .. })));
    if ep.method == Method::Get && returns_list && !ep.paginated {
        out.push(Finding::of(
            &UNPAGINATED_LIST,
            &api.id,
            op,
            format!("{} returns a list without pagination.", name(ep)),
            "Set `paginated` and return pages (a limit and a cursor to the next page), so the response stays small as the data grows.",
        ));
    }
    if ep.security.is_empty() && !ep.public {
        out.push(Finding::of(
            &NO_SECURITY,
            &api.id,
            op,
            format!(
                "{} requires no security scheme and is not marked public.",
                name(ep)
            ),
            "Require a scheme (bearer token, OAuth2 scopes or API key), or set `public: true` if anonymous callers are meant to use it.",
        ));
    }
    if ep.public && ep.method.is_write() {
        out.push(Finding::of(
            &PUBLIC_WRITE,
            &api.id,
            op,
            format!("{} is public: anyone can call it without signing in.", name(ep)),
            "Require a security scheme; if anonymous writes are intended (sign-up, contact form), accept the rule on this endpoint with the reason and rate-limit it.",
        ));
    }
    if ep.request.is_some() && matches!(ep.method, Method::Get | Method::Head | Method::Delete) {
        out.push(Finding::of(
            &BODY_ON_GET,
            &api.id,
            op,
            format!("{} has a request body.", name(ep)),
            "Pass the input as path or query parameters, or use POST for an operation that needs a body (such as a complex search).",
        ));
    }
}
