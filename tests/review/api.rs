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
    ]
}
