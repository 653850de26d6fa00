//! Structural rules on APIs: what must hold for the OpenAPI document to be valid.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Finding, Rule, Severity};
use crate::model::{Api, Document, ParamLocation, SchemeKind};

pub const DUPLICATE_OPERATION_ID: Rule = Rule {
    id: "api/operation-id",
    severity: Severity::Error,
    summary: "An operation id is empty, not a plain identifier, or used twice in one API.",
};
pub const DUPLICATE_ROUTE: Rule = Rule {
    id: "api/duplicate-route",
    severity: Severity::Error,
    summary: "Two endpoints of one API share a method and path, or a path does not start with '/'.",
};
pub const UNDECLARED_PATH_PARAMETER: Rule = Rule {
    id: "api/path-parameter",
    severity: Severity::Error,
    summary: "A `{placeholder}` of a path has no path parameter, or a path parameter has no placeholder.",
};
pub const UNKNOWN_SCHEME: Rule = Rule {
    id: "api/unknown-scheme",
    severity: Severity::Error,
    summary: "An endpoint requires a security scheme its API does not declare.",
};
pub const UNKNOWN_SCOPE: Rule = Rule {
    id: "api/unknown-scope",
    severity: Severity::Error,
    summary: "An endpoint requires an OAuth2 scope its scheme does not declare.",
};
pub const NOT_A_SERVICE: Rule = Rule {
    id: "api/not-a-service",
    severity: Severity::Error,
    summary: "An API is offered by a container that runs no code (a database, cache, queue…).",
};

pub const PATH_TEMPLATE: Rule = Rule {
    id: "api/path-template",
    severity: Severity::Error,
    summary: "A path ends with '/', holds a query string, or differs from another path of the API only in its placeholder names (OpenAPI forbids both).",
};
pub const RESPONSE_STATUS: Rule = Rule {
    id: "api/response-status",
    severity: Severity::Error,
    summary: "A response status is not from 100 to 599, or one endpoint lists a status twice.",
};

/// A path with its placeholder names blanked: `/a/{}/b`.
fn path_shape(path: &str) -> String {
    let mut s = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                s.push_str("{}");
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ => s.push(c),
        }
    }
    s
}

fn finding(rule: &Rule, element: &str, part: &str, message: String, hint: &str) -> Finding {
    Finding::new(rule.id, rule.severity, element, part, message, hint)
}

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for api in &doc.apis {
        if let Some(c) = doc.container(&api.service)
            && !c.kind.runs_code()
        {
            out.push(finding(
                &NOT_A_SERVICE,
                &api.id,
                "",
                format!(
                    "API “{}” is offered by “{}”, a {} container.",
                    api.name,
                    c.name,
                    c.kind.label().to_lowercase()
                ),
                "Attach the API to the service that serves it.",
            ));
        }
        endpoints(api, out);
    }
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn endpoints(api: &Api, out: &mut Vec<Finding>) {
    // Looked up for every endpoint: FxHash, not SipHash.
    let mut ops = FxHashSet::default();
    let mut routes = FxHashSet::default();
    let mut templates: FxHashMap<String, (String, String)> = FxHashMap::default();
    for ep in &api.endpoints {
        let op = ep.operation_id.as_str();
        let route = format!("{} {}", ep.method.as_str(), ep.path);
        if !is_identifier(op) {
            out.push(finding(&DUPLICATE_OPERATION_ID, &api.id, &route, format!("Endpoint {route} of “{}” has the operation id {op:?}, which is not a plain identifier.", api.name), "Use a camelCase name such as getOrder."));
        } else if !ops.insert(op) {
            out.push(finding(
                &DUPLICATE_OPERATION_ID,
                &api.id,
                op,
                format!("Operation id “{op}” is used twice in “{}”.", api.name),
                "Give each endpoint its own operation id.",
            ));
        }
        if !ep.path.starts_with('/') {
            out.push(finding(
                &DUPLICATE_ROUTE,
                &api.id,
                op,
                format!("The path {:?} of {op} does not start with '/'.", ep.path),
                "Write paths as /resources/{id}.",
            ));
        }
        // `/a/{x}` and `/a/{y}` are the same route.
        let template = path_shape(&ep.path);
        let shape = format!("{} {template}", ep.method.as_str());
        match templates.get(template.as_str()) {
            Some((other, first_op)) if *other != ep.path => out.push(finding(
                &PATH_TEMPLATE,
                &api.id,
                op,
                format!(
                    "The path {:?} of {op} differs from {other:?} of {first_op} only in the names of its placeholders.",
                    ep.path
                ),
                "Name the placeholders of the same path the same way in every endpoint.",
            )),
            Some(_) => {}
            None => {
                templates.insert(template, (ep.path.clone(), op.to_owned()));
            }
        }
        if ep.path.len() > 1 && ep.path.ends_with('/')
            || ep.path.contains('?')
            || ep.path.contains('#')
        {
            out.push(finding(
                &PATH_TEMPLATE,
                &api.id,
                op,
                format!(
                    "The path {:?} of {op} ends with '/' or holds a query or fragment.",
                    ep.path
                ),
                "Write the path without a trailing slash; declare query parameters as parameters.",
            ));
        }
        let mut statuses = FxHashSet::default();
        for r in &ep.responses {
            if !(100..=599).contains(&r.status) {
                out.push(finding(
                    &RESPONSE_STATUS,
                    &api.id,
                    op,
                    format!(
                        "{op} has a response with status {}, which is not an HTTP status.",
                        r.status
                    ),
                    "Use a status from 100 to 599.",
                ));
            } else if !statuses.insert(r.status) {
                out.push(finding(
                    &RESPONSE_STATUS,
                    &api.id,
                    op,
                    format!("{op} lists the response {} twice.", r.status),
                    "Keep one response per status.",
                ));
            }
        }
        if !routes.insert(shape) {
            out.push(finding(
                &DUPLICATE_ROUTE,
                &api.id,
                op,
                format!("{route} of “{}” is declared twice.", api.name),
                "Merge the two endpoints or change one's path.",
            ));
        }
        let placeholders = ep.path_placeholders();
        for p in &placeholders {
            if !ep
                .parameters
                .iter()
                .any(|x| x.location == ParamLocation::Path && x.name == *p)
            {
                out.push(finding(
                    &UNDECLARED_PATH_PARAMETER,
                    &api.id,
                    op,
                    format!(
                        "The path of {op} has {{{p}}}, but no path parameter “{p}” is declared."
                    ),
                    "Add the path parameter with its type.",
                ));
            }
        }
        for x in ep
            .parameters
            .iter()
            .filter(|x| x.location == ParamLocation::Path)
        {
            if !placeholders.contains(&x.name.as_str()) {
                out.push(finding(
                    &UNDECLARED_PATH_PARAMETER,
                    &api.id,
                    op,
                    format!(
                        "Path parameter “{}” of {op} does not appear in its path {:?}.",
                        x.name, ep.path
                    ),
                    "Add {name} to the path or make it a query parameter.",
                ));
            }
        }
        for req in &ep.security {
            let Some(scheme) = api.scheme(&req.scheme) else {
                out.push(finding(
                    &UNKNOWN_SCHEME,
                    &api.id,
                    op,
                    format!(
                        "{op} requires security scheme “{}”, which “{}” does not declare.",
                        req.scheme, api.name
                    ),
                    "Declare the scheme on the API or fix the name.",
                ));
                continue;
            };
            if let SchemeKind::OAuth2 { scopes, .. } = &scheme.kind {
                for s in &req.scopes {
                    if !scopes.iter().any(|x| x.name == *s) {
                        out.push(finding(
                            &UNKNOWN_SCOPE,
                            &api.id,
                            op,
                            format!(
                                "{op} requires scope “{s}”, which scheme “{}” does not declare.",
                                scheme.name
                            ),
                            "Declare the scope on the scheme or fix the name.",
                        ));
                    }
                }
            }
        }
    }
}
