//! Structure of the exported documents, on the shop sample and on small
//! models made here: operation ids, `$ref`s, secrets, pagination, errors,
//! security, determinism, and YAML ⇄ JSON agreement. Snapshots of the shop
//! sample's documents are in `snapshots/`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};

use super::{Encoding, export};
use crate::export::{ExportError, Options};
use crate::model::{
    Api, Body, DefaultValue, Document, Endpoint, Entity, EnumType, Field, FieldType, Method,
    ParamLocation, Parameter, Requirement, Response, SchemeKind, Scope, SecurityScheme,
    Sensitivity, Shape,
};

fn shop() -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/shop.ron");
    crate::store::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// Every API's document as JSON values, with the API id.
fn documents(doc: &Document) -> Vec<(String, Value)> {
    export(doc, Encoding::Json, &Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|a| {
            let v = serde_json::from_str(&a.text).unwrap_or_else(|e| panic!("{e}"));
            (a.file_name, v)
        })
        .collect()
}

fn operations(d: &Value) -> Vec<(&str, &str, &Value)> {
    let mut out = Vec::new();
    for (path, item) in d["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            out.push((path.as_str(), method.as_str(), op));
        }
    }
    out
}

/// Follows a local `$ref` (JSON pointer) to its target.
fn resolve<'a>(d: &'a Value, reference: &str) -> Option<&'a Value> {
    d.pointer(reference.strip_prefix('#')?)
}

/// Follows `$ref`s until a value that is not one.
fn deref<'a>(d: &'a Value, v: &'a Value) -> &'a Value {
    let mut v = v;
    for _ in 0..16 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) => match resolve(d, r) {
                Some(target) => v = target,
                None => return v,
            },
            None => return v,
        }
    }
    v
}

fn refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "$ref"
                    && let Some(s) = x.as_str()
                {
                    out.push(s.to_owned());
                }
                refs(x, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

/// Every property reachable from a schema, through refs, items and anyOf.
fn reachable_properties<'a>(
    d: &'a Value,
    schema: &'a Value,
    seen: &mut BTreeSet<String>,
    out: &mut Vec<(String, &'a Value)>,
) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        if !seen.insert(r.to_owned()) {
            return;
        }
        if let Some(target) = resolve(d, r) {
            reachable_properties(d, target, seen, out);
        }
    }
    for (name, p) in schema["properties"].as_object().into_iter().flatten() {
        out.push((name.clone(), p));
        reachable_properties(d, p, seen, out);
    }
    if let Some(items) = schema.get("items") {
        reachable_properties(d, items, seen, out);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        for s in schema[key].as_array().into_iter().flatten() {
            reachable_properties(d, s, seen, out);
        }
    }
}

#[test]
fn shop_documents_are_openapi_3_1_with_info_servers_and_tags() {
    let docs = documents(&shop());
    let names: Vec<&str> = docs.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["catalog-api.json", "order-api.json", "user-api.json"]
    );
    let (_, order) = &docs[1];
    assert_eq!(order["openapi"], "3.1.0");
    assert_eq!(order["info"]["title"], "Order API");
    assert_eq!(order["info"]["version"], "2.1.0");
    assert_eq!(
        order["info"]["contact"]["email"],
        "checkout-team@shop.example"
    );
    assert_eq!(
        order["servers"],
        json!([{"url": "https://api.shop.example/v2"}])
    );
    assert_eq!(order["tags"], json!([{"name": "orders"}]));
}

#[test]
fn operation_ids_are_unique_and_every_operation_has_one() {
    for (name, d) in documents(&shop()) {
        let mut seen = BTreeSet::new();
        for (path, method, op) in operations(&d) {
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "{name}: {method} {path} has no operationId");
            assert!(seen.insert(id.to_owned()), "{name}: {id} twice");
            assert!(op["summary"].as_str().is_some_and(|s| !s.is_empty()));
        }
        assert!(!seen.is_empty());
    }
}

#[test]
fn every_ref_resolves_and_every_component_is_used() {
    for (name, d) in documents(&shop()) {
        let mut all = Vec::new();
        refs(&d, &mut all);
        assert!(!all.is_empty());
        for r in &all {
            assert!(
                r.starts_with("#/components/") && resolve(&d, r).is_some(),
                "{name}: {r} does not resolve"
            );
        }
        for (section, entries) in d["components"].as_object().into_iter().flatten() {
            if section == "securitySchemes" {
                continue;
            }
            for key in entries.as_object().into_iter().flatten().map(|(k, _)| k) {
                let r = format!("#/components/{section}/{key}");
                assert!(all.contains(&r), "{name}: {r} is never used");
            }
        }
    }
}

#[test]
fn secret_fields_never_appear_in_responses() {
    let docs = documents(&shop());
    let (_, user) = docs
        .iter()
        .find(|(n, _)| n == "user-api.json")
        .expect("user api");
    let read = &user["components"]["schemas"]["User"];
    assert!(read["properties"].get("password_hash").is_none());
    assert!(read["properties"].get("email").is_some());
    for (name, d) in &docs {
        for (path, method, op) in operations(d) {
            for (status, response) in op["responses"].as_object().into_iter().flatten() {
                let response = deref(d, response);
                for (_, media) in response["content"].as_object().into_iter().flatten() {
                    let mut props = Vec::new();
                    reachable_properties(d, &media["schema"], &mut BTreeSet::new(), &mut props);
                    for (prop, schema) in props {
                        assert_ne!(
                            schema["x-archdesk-sensitivity"], "secret",
                            "{name}: {method} {path} {status} has secret {prop}"
                        );
                        assert_ne!(schema["writeOnly"], true, "{name}: {prop}");
                        assert_ne!(prop, "password_hash");
                    }
                }
            }
        }
    }
}

#[test]
fn personal_fields_are_marked() {
    let docs = documents(&shop());
    let (_, user) = docs
        .iter()
        .find(|(n, _)| n == "user-api.json")
        .expect("user api");
    let email = &user["components"]["schemas"]["User"]["properties"]["email"];
    assert_eq!(email["x-archdesk-sensitivity"], "personal");
    assert_eq!(email["maxLength"], 320);
    let phone = &user["components"]["schemas"]["User"]["properties"]["phone"];
    assert_eq!(phone["type"], json!(["string", "null"]));
}

#[test]
fn paginated_operations_take_cursor_and_limit_and_return_a_page() {
    let mut paginated = 0;
    for (name, d) in documents(&shop()) {
        for (path, method, op) in operations(&d) {
            let params: Vec<&Value> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| deref(&d, p))
                .collect();
            let cursor = params.iter().find(|p| p["name"] == "cursor");
            let limit = params.iter().find(|p| p["name"] == "limit");
            let schema =
                deref(&d, &op["responses"]["200"])["content"]["application/json"]["schema"].clone();
            let page = deref(&d, &schema);
            let is_page = page["properties"].get("next_cursor").is_some();
            if cursor.is_none() {
                assert!(limit.is_none() && !is_page, "{name}: {method} {path}");
                continue;
            }
            paginated += 1;
            let (Some(cursor), Some(limit)) = (cursor, limit) else {
                panic!("{name}: {method} {path} has a cursor but no limit");
            };
            assert_eq!(cursor["in"], "query");
            assert_eq!(cursor["schema"]["type"], "string");
            assert_eq!(limit["in"], "query");
            assert_eq!(limit["schema"]["type"], "integer");
            assert_eq!(limit["schema"]["minimum"], 1);
            assert_eq!(limit["schema"]["maximum"], super::document::MAX_LIMIT);
            assert_eq!(page["type"], "object");
            assert_eq!(page["required"], json!(["items", "next_cursor"]));
            assert_eq!(page["properties"]["items"]["type"], "array");
            assert!(page["properties"]["items"]["items"]["$ref"].is_string());
            assert_eq!(
                page["properties"]["next_cursor"]["type"],
                json!(["string", "null"])
            );
        }
    }
    assert_eq!(
        paginated, 5,
        "listProducts, listCategories, listOrders, listOrderItems, listAddresses"
    );
}

#[test]
fn errors_are_problem_details_through_shared_responses() {
    let docs = documents(&shop());
    let (_, order) = &docs[1];
    let responses = &order["components"]["responses"];
    for (name, r) in responses.as_object().into_iter().flatten() {
        assert_eq!(
            r["content"]["application/problem+json"]["schema"]["$ref"],
            "#/components/schemas/Problem",
            "{name}"
        );
    }
    let place = &order["paths"]["/orders"]["post"]["responses"];
    let keys: Vec<&str> = place
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys, ["201", "400", "401", "403", "409", "422", "500"]);
    // The model's own 409 keeps its description and gets problem details.
    assert_eq!(
        place["409"]["description"],
        "The cart changed or stock ran out."
    );
    assert_eq!(
        place["409"]["content"]["application/problem+json"]["schema"]["$ref"],
        "#/components/schemas/Problem"
    );
    assert_eq!(place["400"]["$ref"], "#/components/responses/BadRequest");
    let get = &order["paths"]["/orders/{order_id}"]["get"]["responses"];
    assert_eq!(get["404"]["$ref"], "#/components/responses/NotFound");
    let problem = &order["components"]["schemas"]["Problem"];
    for member in ["type", "title", "status", "detail", "instance"] {
        assert!(problem["properties"].get(member).is_some(), "{member}");
    }
}

#[test]
fn security_schemes_scopes_and_public_endpoints() {
    let docs = documents(&shop());
    let (_, catalog) = &docs[0];
    let oauth = &catalog["components"]["securitySchemes"]["oauth"];
    assert_eq!(oauth["type"], "oauth2");
    assert_eq!(
        oauth["flows"]["authorizationCode"]["scopes"],
        json!({"catalog:write": "Create and change products"})
    );
    assert_eq!(catalog["paths"]["/products"]["get"]["security"], json!([]));
    assert_eq!(
        catalog["paths"]["/products"]["post"]["security"],
        json!([{"oauth": ["catalog:write"]}])
    );
    assert_eq!(
        catalog["paths"]["/products"]["post"]["x-archdesk-roles"],
        json!(["catalog-manager"])
    );
    // Public operations have no 401.
    assert!(
        catalog["paths"]["/products"]["get"]["responses"]
            .get("401")
            .is_none()
    );
    let (_, order) = &docs[1];
    let bearer = &order["components"]["securitySchemes"]["bearer"];
    assert_eq!(bearer["scheme"], "bearer");
    assert_eq!(bearer["bearerFormat"], "JWT");
    assert_eq!(
        order["paths"]["/orders"]["get"]["security"],
        json!([{"oauth": ["orders:read"]}, {"bearer": []}])
    );
    assert_eq!(order["security"], json!([{"oauth": []}, {"bearer": []}]));
}

#[test]
fn entity_shapes_read_create_update() {
    let docs = documents(&shop());
    let (_, catalog) = &docs[0];
    let schemas = &catalog["components"]["schemas"];
    let read = &schemas["Product"];
    assert_eq!(read["properties"]["id"]["readOnly"], true);
    assert_eq!(read["properties"]["id"]["format"], "uuid");
    assert!(read.get("additionalProperties").is_none());
    let price = &read["properties"]["price"];
    assert_eq!(price["type"], "string");
    assert_eq!(price["pattern"], r"^-?0*\d{1,10}(\.\d{1,2})?$");
    let create = &schemas["ProductCreate"];
    assert_eq!(create["additionalProperties"], false);
    assert!(create["properties"].get("id").is_none(), "generated");
    assert!(
        create["properties"].get("created_at").is_none(),
        "generated"
    );
    assert_eq!(create["properties"]["currency"]["default"], "EUR");
    assert_eq!(create["properties"]["active"]["default"], true);
    assert_eq!(
        create["required"],
        json!(["sku", "name", "price", "category_id"])
    );
    let update = &schemas["ProductUpdate"];
    assert_eq!(update["additionalProperties"], false);
    assert!(update.get("required").is_none());
    assert!(update["properties"].get("id").is_none());
    assert_eq!(
        update["properties"]["attributes"],
        json!({}),
        "json is any value"
    );
}

#[test]
fn enums_are_components_and_nullable_refs_use_any_of() {
    let docs = documents(&shop());
    let (_, order) = &docs[1];
    let status = &order["components"]["schemas"]["OrderStatus"];
    assert_eq!(status["type"], "string");
    assert_eq!(
        status["enum"],
        json!(["pending", "paid", "shipped", "delivered", "cancelled"])
    );
    let param = &order["paths"]["/orders"]["get"]["parameters"][0];
    assert_eq!(param["schema"]["$ref"], "#/components/schemas/OrderStatus");

    let mut doc = tiny();
    doc.entities[0].fields.push(Field {
        nullable: true,
        ..Field::new("mood", FieldType::Enum("mood".into()))
    });
    let d = &documents(&doc)[0].1;
    assert_eq!(
        d["components"]["schemas"]["Thing"]["properties"]["mood"],
        json!({"anyOf": [{"$ref": "#/components/schemas/Mood"}, {"type": "null"}]})
    );
}

/// One service API over one entity, with a secret and an enum.
fn tiny() -> Document {
    let mut doc = Document::new("Tiny");
    doc.containers.push(crate::model::Container::new(
        "svc",
        "sys",
        "Service",
        crate::model::ContainerKind::Service,
    ));
    doc.enums.push(EnumType {
        id: "mood".into(),
        name: "mood".into(),
        values: vec!["yes".into(), "no".into()],
        comment: String::new(),
    });
    let mut e = Entity::new("things", "db", "things");
    e.fields.push(Field {
        identity: true,
        ..Field::new("id", FieldType::BigInt)
    });
    e.fields.push(Field {
        sensitivity: Sensitivity::Secret,
        ..Field::new("token", FieldType::Text)
    });
    e.primary_key.push("id".into());
    doc.entities.push(e);
    let mut api = Api::new("tiny-api", "svc", "Tiny API");
    let mut get = Endpoint::new(Method::Get, "/things/{id}", "getThing");
    get.public = true;
    get.parameters.push(Parameter {
        name: "id".into(),
        location: ParamLocation::Path,
        ty: FieldType::BigInt,
        required: true,
        description: String::new(),
    });
    get.responses.push(Response {
        status: 200,
        description: String::new(),
        body: Some(Body::Entity {
            entity: "things".into(),
            shape: Shape::Read,
        }),
    });
    api.endpoints.push(get);
    doc.apis.push(api);
    doc
}

#[test]
fn secrets_stay_out_of_responses_whatever_shape_the_model_names() {
    let mut doc = tiny();
    let api = &mut doc.apis[0];
    let mut post = Endpoint::new(Method::Post, "/things", "createThing");
    post.public = true;
    post.request = Some(Body::Entity {
        entity: "things".into(),
        shape: Shape::Create,
    });
    post.responses.push(Response {
        status: 201,
        description: String::new(),
        // A mistake in the model: the create shape in a response.
        body: Some(Body::Entity {
            entity: "things".into(),
            shape: Shape::Create,
        }),
    });
    post.responses.push(Response {
        status: 202,
        description: String::new(),
        body: Some(Body::Fields(vec![
            Field::new("ok", FieldType::Bool),
            Field {
                sensitivity: Sensitivity::Secret,
                ..Field::new("api_key", FieldType::Text)
            },
        ])),
    });
    api.endpoints.push(post);
    let d = &documents(&doc)[0].1;
    let post = &d["paths"]["/things"]["post"];
    assert_eq!(
        post["responses"]["201"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Thing"
    );
    let fields = &post["responses"]["202"]["content"]["application/json"]["schema"];
    assert_eq!(
        fields["properties"].as_object().map(serde_json::Map::len),
        Some(1)
    );
    assert_eq!(fields["required"], json!(["ok"]));
    // In the request the secret is there, write-only.
    let create = &d["components"]["schemas"]["ThingCreate"];
    assert_eq!(create["properties"]["token"]["writeOnly"], true);
    assert_eq!(
        create["properties"]["token"]["x-archdesk-sensitivity"],
        "secret"
    );
    assert!(create["properties"].get("id").is_none(), "identity");
    assert!(
        d["components"]["schemas"]["Thing"]["properties"]
            .get("token")
            .is_none()
    );
}

#[test]
fn apis_without_schemes_or_servers() {
    let d = &documents(&tiny())[0].1;
    assert_eq!(d["servers"], json!([{"url": "/"}]));
    assert_eq!(d["info"]["version"], "unversioned");
    assert!(d.get("security").is_none());
    assert!(d.get("tags").is_none());
    assert_eq!(
        d["paths"]["/things/{id}"]["get"]["summary"],
        "GET /things/{id}"
    );
    assert_eq!(
        d["paths"]["/things/{id}"]["get"]["responses"]["200"]["description"],
        "OK"
    );
}

#[test]
fn oauth_and_api_key_schemes() {
    let mut doc = tiny();
    let api = &mut doc.apis[0];
    api.security_schemes.push(SecurityScheme {
        name: "key".into(),
        kind: SchemeKind::ApiKey {
            location: crate::model::KeyLocation::Header,
            name: "X-Api-Key".into(),
        },
        description: "Issued per partner.".into(),
    });
    api.security_schemes.push(SecurityScheme {
        name: "oauth".into(),
        kind: SchemeKind::OAuth2 {
            authorization_url: "https://auth.example/authorize".into(),
            token_url: "https://auth.example/token".into(),
            scopes: vec![Scope {
                name: "things:read".into(),
                description: String::new(),
            }],
        },
        description: String::new(),
    });
    api.endpoints[0].public = false;
    api.endpoints[0].security = vec![Requirement {
        scheme: "oauth".into(),
        scopes: vec!["things:read".into()],
    }];
    let d = &documents(&doc)[0].1;
    assert_eq!(
        d["components"]["securitySchemes"]["key"],
        json!({"type": "apiKey", "description": "Issued per partner.", "name": "X-Api-Key", "in": "header"})
    );
    let get = &d["paths"]["/things/{id}"]["get"];
    assert_eq!(get["security"], json!([{"oauth": ["things:read"]}]));
    let keys: Vec<&str> = get["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(keys, ["200", "400", "401", "403", "404", "500"]);
}

#[test]
fn defaults_are_the_literals_that_parse_and_the_checker_reports_the_rest() {
    let mut doc = tiny();
    let e = &mut doc.entities[0];
    let with_default = |name: &str, ty: FieldType, v: &str| Field {
        default: Some(DefaultValue::Value(v.into())),
        ..Field::new(name, ty)
    };
    e.fields.push(with_default("n", FieldType::SmallInt, "7"));
    e.fields
        .push(with_default("big", FieldType::SmallInt, "70000"));
    e.fields
        .push(with_default("ratio", FieldType::Double, "0.25"));
    e.fields
        .push(with_default("price", FieldType::Decimal(4, 2), "12.50"));
    e.fields
        .push(with_default("bad_price", FieldType::Decimal(4, 2), "123.5"));
    e.fields
        .push(with_default("code", FieldType::Varchar(2), "abc"));
    e.fields
        .push(with_default("day", FieldType::Date, "2024-02-30"));
    e.fields
        .push(with_default("month", FieldType::Date, "2024-13-01"));
    e.fields
        .push(with_default("leap", FieldType::Date, "2024-02-29"));
    e.fields
        .push(with_default("opens", FieldType::Time, "08:30:00"));
    e.fields
        .push(with_default("closes", FieldType::Time, "25:00:00"));
    e.fields.push(with_default(
        "since",
        FieldType::Timestamp,
        "2024-05-01 08:30:00",
    ));
    e.fields.push(with_default(
        "at",
        FieldType::TimestampTz,
        "2024-05-01T08:30:00+02:00",
    ));
    e.fields.push(Field {
        default: Some(DefaultValue::Sql("now() + interval '1 day'".into())),
        ..Field::new("due", FieldType::TimestampTz)
    });
    let api = &mut doc.apis[0];
    let mut post = Endpoint::new(Method::Post, "/things", "createThing");
    post.public = true;
    post.request = Some(Body::Entity {
        entity: "things".into(),
        shape: Shape::Create,
    });
    api.endpoints.push(post);
    let d = &documents(&doc)[0].1;
    let p = &d["components"]["schemas"]["ThingCreate"]["properties"];
    assert_eq!(p["n"]["default"], 7);
    assert_eq!(p["ratio"]["default"], 0.25);
    assert_eq!(p["price"]["default"], "12.50");
    assert_eq!(p["leap"]["default"], "2024-02-29");
    assert_eq!(p["opens"]["default"], "08:30:00");
    // In the form the schema's pattern takes.
    assert_eq!(p["since"]["default"], "2024-05-01T08:30:00");
    assert_eq!(p["at"]["default"], "2024-05-01T08:30:00+02:00");
    assert!(
        p["due"].get("default").is_none(),
        "an expression is the server's"
    );
    // Every literal left out is an error of the checker, never a silent drop.
    let findings = crate::check::check(&doc);
    for absent in ["big", "bad_price", "code", "day", "month", "closes"] {
        assert!(p[absent].get("default").is_none(), "{absent}");
        assert!(
            findings
                .iter()
                .any(|f| f.severity == crate::check::Severity::Error
                    && f.rule == "data/bad-default"
                    && f.part == absent),
            "{absent}: {findings:#?}"
        );
    }
}

#[test]
fn only_one_api_unknown_ids_and_models_without_apis() {
    let doc = shop();
    let only = |id: &str| Options {
        only: Some(id.to_owned()),
    };
    let one = export(&doc, Encoding::Yaml, &only("order-api")).expect("exports");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].file_name, "order-api.yaml");
    assert_eq!(
        export(&doc, Encoding::Yaml, &only("nope")),
        Err(ExportError::UnknownTarget {
            what: "API",
            id: "nope".into(),
            available: "catalog-api, order-api, user-api".into(),
        })
    );
    assert_eq!(
        export(&Document::new("empty"), Encoding::Json, &Options::default()),
        Err(ExportError::Nothing { what: "APIs" })
    );
}

#[test]
fn identical_templated_paths_and_bad_statuses_are_refused() {
    let mut doc = tiny();
    let mut delete = Endpoint::new(Method::Delete, "/things/{thing}", "deleteThing");
    delete.public = true;
    delete.parameters.push(Parameter {
        name: "thing".into(),
        location: ParamLocation::Path,
        ty: FieldType::BigInt,
        required: true,
        description: String::new(),
    });
    doc.apis[0].endpoints.push(delete);
    let err = export(&doc, Encoding::Json, &Options::default()).expect_err("refused");
    assert!(err.to_string().contains("/things/{id}"), "{err}");

    let mut doc = tiny();
    doc.apis[0].endpoints[0].responses[0].status = 42;
    let err = export(&doc, Encoding::Json, &Options::default()).expect_err("refused");
    assert!(err.to_string().contains("42"), "{err}");
}

#[test]
fn the_same_model_gives_the_same_bytes() {
    let doc = shop();
    for encoding in [Encoding::Yaml, Encoding::Json] {
        let a = export(&doc, encoding, &Options::default()).expect("exports");
        let b = export(&doc.clone(), encoding, &Options::default()).expect("exports");
        assert_eq!(a, b);
    }
}

/// YAML and JSON hold the same value with the same key order: both parse
/// (JSON is YAML) into order-keeping YAML values, which serialize to the
/// same text.
#[test]
fn yaml_and_json_parse_back_to_the_same_value_in_the_same_order() {
    let doc = shop();
    let yaml = export(&doc, Encoding::Yaml, &Options::default()).expect("yaml");
    let json = export(&doc, Encoding::Json, &Options::default()).expect("json");
    for (y, j) in yaml.iter().zip(&json) {
        let from_yaml: Value = serde_norway::from_str(&y.text).expect("yaml parses");
        let from_json: Value = serde_json::from_str(&j.text).expect("json parses");
        assert_eq!(from_yaml, from_json, "{}", y.file_name);
        let ordered_yaml: serde_norway::Value = serde_norway::from_str(&y.text).expect("parses");
        let ordered_json: serde_norway::Value = serde_norway::from_str(&j.text).expect("parses");
        assert_eq!(
            serde_norway::to_string(&ordered_yaml).expect("writes"),
            serde_norway::to_string(&ordered_json).expect("writes"),
            "{}: key order differs",
            y.file_name
        );
    }
}

#[test]
fn shop_documents_snapshot() {
    let doc = shop();
    for a in export(&doc, Encoding::Yaml, &Options::default()).expect("exports") {
        let name = format!("shop-{}", a.file_name.replace('.', "-"));
        insta::assert_snapshot!(name, a.text);
    }
}
