//! The API rules (`api/…`): the review rules of `src/check/review_api.rs` and
//! the structural rules of `src/check/api.rs` that the review issue lists.
//! Their firing cases and near misses; `tests/review_api.rs` runs them.

use super::*;

pub fn firing() -> Vec<Fires> {
    vec![
        Fires {
            rule: "api/unversioned",
            change: |d| d.apis[0].version.clear(),
            element: "shop-api",
            part: "",
            message: "API “Shop API” has no version.",
        },
        Fires {
            rule: "api/unpaginated-list",
            change: |d| endpoint(d, "listOrders").paginated = false,
            element: "shop-api",
            part: "listOrders",
            message: "GET /orders (listOrders) returns a list without pagination.",
        },
        Fires {
            rule: "api/no-security",
            change: |d| endpoint(d, "getOrder").security.clear(),
            element: "shop-api",
            part: "getOrder",
            message: "GET /orders/{order_id} (getOrder) requires no security scheme and is not marked public.",
        },
        Fires {
            rule: "api/public-write",
            change: |d| {
                let mut ep = Endpoint::new(Method::Post, "/orders", "createOrder");
                ep.public = true;
                add_endpoint(d, ep);
            },
            element: "shop-api",
            part: "createOrder",
            message: "POST /orders (createOrder) is public: anyone can call it without signing in.",
        },
        Fires {
            rule: "api/body-on-get",
            change: |d| {
                let mut ep = Endpoint::new(Method::Delete, "/orders/{order_id}", "cancelOrder");
                ep.parameters.push(path_param("order_id"));
                ep.request = Some(Body::Fields(vec![field("reason", FieldType::Text)]));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
            element: "shop-api",
            part: "cancelOrder",
            message: "DELETE /orders/{order_id} (cancelOrder) has a request body.",
        },
        Fires {
            rule: "api/duplicate-route",
            change: |d| {
                let mut ep = Endpoint::new(Method::Get, "/orders/{id}", "getOrderById");
                ep.parameters.push(path_param("id"));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
            element: "shop-api",
            part: "getOrderById",
            message: "GET /orders/{id} of “Shop API” is declared twice.",
        },
        Fires {
            rule: "api/path-parameter",
            change: |d| endpoint(d, "getOrder").parameters.clear(),
            element: "shop-api",
            part: "getOrder",
            message: "The path of getOrder has {order_id}, but no path parameter “order_id” is declared.",
        },
        Fires {
            rule: "api/not-a-service",
            change: |d| d.apis[0].service = "db".into(),
            element: "shop-api",
            part: "",
            message: "API “Shop API” is offered by “Shop database”, a database container.",
        },
        Fires {
            rule: "api/operation-id",
            change: |d| endpoint(d, "getOrder").operation_id = "listOrders".into(),
            element: "shop-api",
            part: "listOrders",
            message: "Operation id “listOrders” is used twice in “Shop API”.",
        },
        Fires {
            rule: "api/unknown-scheme",
            change: |d| endpoint(d, "getOrder").security[0].scheme = "oauth".into(),
            element: "shop-api",
            part: "getOrder",
            message: "getOrder requires security scheme “oauth”, which “Shop API” does not declare.",
        },
        Fires {
            rule: "api/unknown-scope",
            change: |d| {
                add_oauth(d);
                endpoint(d, "getOrder").security = vec![Requirement {
                    scheme: "oauth".into(),
                    scopes: vec!["orders:write".into()],
                }];
            },
            element: "shop-api",
            part: "getOrder",
            message: "getOrder requires scope “orders:write”, which scheme “oauth” does not declare.",
        },
        Fires {
            rule: "api/path-template",
            change: |d| endpoint(d, "getOrder").path = "/orders/{order_id}/".into(),
            element: "shop-api",
            part: "getOrder",
            message: "The path \"/orders/{order_id}/\" of getOrder ends with '/' or holds a query or fragment.",
        },
        Fires {
            rule: "api/response-status",
            change: |d| endpoint(d, "getOrder").responses[0].status = 700,
            element: "shop-api",
            part: "getOrder",
            message: "getOrder has a response with status 700, which is not an HTTP status.",
        },
    ]
}

pub fn near_misses() -> Vec<Misses> {
    vec![
        Misses {
            rule: "api/unversioned",
            why: "any version will do",
            change: |d| d.apis[0].version = "0.1.0".into(),
        },
        Misses {
            rule: "api/unpaginated-list",
            why: "a POST that answers with a list is not a list endpoint",
            change: |d| {
                let mut ep = Endpoint::new(Method::Post, "/orders/bulk", "createOrders");
                ep.responses = ok(Some(Body::List {
                    entity: "orders".into(),
                }));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
        },
        Misses {
            rule: "api/no-security",
            why: "marked public on purpose",
            change: |d| {
                let ep = endpoint(d, "getOrder");
                ep.security.clear();
                ep.public = true;
            },
        },
        Misses {
            rule: "api/public-write",
            why: "a public GET changes nothing",
            change: |d| {
                let ep = endpoint(d, "getOrder");
                ep.security.clear();
                ep.public = true;
            },
        },
        Misses {
            rule: "api/body-on-get",
            why: "POST may carry a body",
            change: |d| {
                let mut ep =
                    Endpoint::new(Method::Post, "/orders/{order_id}/cancel", "cancelOrder");
                ep.parameters.push(path_param("order_id"));
                ep.request = Some(Body::Fields(vec![field("reason", FieldType::Text)]));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
        },
        Misses {
            rule: "api/duplicate-route",
            why: "same path, another method",
            change: |d| {
                let mut ep = Endpoint::new(Method::Put, "/orders/{order_id}", "replaceOrder");
                ep.parameters.push(path_param("order_id"));
                ep.security = bearer();
                add_endpoint(d, ep);
            },
        },
        Misses {
            rule: "api/path-parameter",
            why: "the placeholder is declared, beside a query parameter",
            change: |d| {
                endpoint(d, "getOrder").parameters.push(Parameter {
                    name: "expand".into(),
                    location: ParamLocation::Query,
                    ty: FieldType::Text,
                    required: false,
                    description: String::new(),
                });
            },
        },
        Misses {
            rule: "api/not-a-service",
            why: "offered by the API service",
            change: |d| d.apis[0].service = "api".into(),
        },
        Misses {
            rule: "api/operation-id",
            why: "a new camelCase id of its own",
            change: |d| endpoint(d, "getOrder").operation_id = "getOrderById".into(),
        },
        Misses {
            rule: "api/unknown-scheme",
            why: "a scheme the API declares",
            change: |d| {
                add_oauth(d);
                endpoint(d, "getOrder").security[0].scheme = "oauth".into();
            },
        },
        Misses {
            rule: "api/unknown-scope",
            why: "a scope the scheme declares",
            change: |d| {
                add_oauth(d);
                endpoint(d, "getOrder").security = vec![Requirement {
                    scheme: "oauth".into(),
                    scopes: vec!["orders:read".into()],
                }];
            },
        },
        Misses {
            rule: "api/path-template",
            why: "a nested path without a trailing slash",
            change: |d| endpoint(d, "getOrder").path = "/orders/{order_id}/items".into(),
        },
        Misses {
            rule: "api/response-status",
            why: "a second, different status",
            change: |d| {
                endpoint(d, "getOrder").responses.push(Response {
                    status: 404,
                    description: "No such order.".into(),
                    body: None,
                });
            },
        },
    ]
}

/// An OAuth2 scheme `oauth` with the one scope `orders:read`.
fn add_oauth(d: &mut Document) {
    d.apis[0].security_schemes.push(SecurityScheme {
        name: "oauth".into(),
        kind: SchemeKind::OAuth2 {
            authorization_url: "https://auth.example.com/authorize".into(),
            token_url: "https://auth.example.com/token".into(),
            scopes: vec![Scope {
                name: "orders:read".into(),
                description: "Read orders.".into(),
            }],
        },
        description: String::new(),
    });
}
