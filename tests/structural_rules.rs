//! Structural API rules that guard what OpenAPI forbids: each fires on a
//! small model and stays quiet on its near miss.

use archdesk::check::{self, Finding};
use archdesk::model::{
    Api, Container, ContainerKind, Document, Endpoint, FieldType, Method, ParamLocation, Parameter,
    Response, SoftwareSystem,
};

fn model(endpoints: Vec<Endpoint>) -> Document {
    let mut doc = Document::new("t");
    doc.systems.push(SoftwareSystem::new("s", "S"));
    doc.containers
        .push(Container::new("svc", "s", "Svc", ContainerKind::Service));
    let mut api = Api::new("api", "svc", "API");
    api.version = "1.0.0".into();
    api.endpoints = endpoints;
    doc.apis.push(api);
    doc
}

fn endpoint(method: Method, path: &str, op: &str, params: &[&str]) -> Endpoint {
    let mut e = Endpoint::new(method, path, op);
    e.public = true;
    e.responses.push(Response {
        status: 200,
        description: "OK".into(),
        body: None,
    });
    for p in params {
        e.parameters.push(Parameter {
            name: (*p).into(),
            location: ParamLocation::Path,
            ty: FieldType::Uuid,
            required: true,
            description: String::new(),
        });
    }
    e
}

fn findings_of(doc: &Document, rule: &str) -> Vec<Finding> {
    check::check(doc)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

#[test]
fn paths_that_differ_only_in_placeholder_names_are_refused() {
    let doc = model(vec![
        endpoint(Method::Get, "/orders/{order_id}", "getOrder", &["order_id"]),
        endpoint(Method::Delete, "/orders/{id}", "deleteOrder", &["id"]),
    ]);
    let f = findings_of(&doc, "api/path-template");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].element, "api");
    assert_eq!(f[0].part, "deleteOrder");
    assert!(
        f[0].message.contains("\"/orders/{order_id}\" of getOrder"),
        "{}",
        f[0].message
    );
    // Near miss: the same names in both.
    let ok = model(vec![
        endpoint(Method::Get, "/orders/{order_id}", "getOrder", &["order_id"]),
        endpoint(
            Method::Delete,
            "/orders/{order_id}",
            "deleteOrder",
            &["order_id"],
        ),
    ]);
    assert!(findings_of(&ok, "api/path-template").is_empty());
}

#[test]
fn trailing_slashes_and_query_strings_in_paths_are_refused() {
    for path in ["/orders/", "/orders?status=paid"] {
        let doc = model(vec![endpoint(Method::Get, path, "listOrders", &[])]);
        assert_eq!(findings_of(&doc, "api/path-template").len(), 1, "{path}");
    }
    let ok = model(vec![endpoint(Method::Get, "/", "root", &[])]);
    assert!(
        findings_of(&ok, "api/path-template").is_empty(),
        "the root path is fine"
    );
}

#[test]
fn response_statuses_must_be_http_statuses_and_listed_once() {
    let mut bad = endpoint(Method::Get, "/a", "getA", &[]);
    bad.responses.push(Response {
        status: 700,
        description: "?".into(),
        body: None,
    });
    bad.responses.push(Response {
        status: 200,
        description: "again".into(),
        body: None,
    });
    let f = findings_of(&model(vec![bad]), "api/response-status");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().any(|x| x.message.contains("700")));
    assert!(f.iter().any(|x| x.message.contains("200 twice")));
    let mut ok = endpoint(Method::Get, "/a", "getA", &[]);
    ok.responses.push(Response {
        status: 404,
        description: "Not found".into(),
        body: None,
    });
    assert!(findings_of(&model(vec![ok]), "api/response-status").is_empty());
}
