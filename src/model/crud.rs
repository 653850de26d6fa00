//! Generating endpoints: "CRUD endpoints for entity X on API Y" as one
//! [`Edit`], so the editor can offer it and undo it like any other change.
//!
//! Also the small naming helpers the generator and the OpenAPI export share
//! ([`pascal_case`], [`singular`]).

use super::{
    Api, Body, Document, Edit, EditError, Endpoint, Entity, Item, ItemKind, ItemRef, Method,
    ParamLocation, Parameter, Requirement, Response, Shape,
};

/// `order-items` → `OrderItems`: each run of ASCII letters and digits
/// capitalised, everything else dropped. `Item` when nothing is left.
pub fn pascal_case(id: &str) -> String {
    let mut out = String::new();
    for word in id.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() {
        out.push_str("Item");
    }
    out
}

/// The singular of an English plural, by the common rules, for names made
/// from ids: `categories` → `category`, `addresses` → `address`, `orders`
/// → `order`, `order-items` → `order-item`. Words it does not know stay as
/// they are (`status`, `news` → `new` is the price of simplicity).
pub fn singular(word: &str) -> String {
    let w = word;
    if let Some(stem) = w.strip_suffix("ies")
        && !stem.is_empty()
    {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] {
        if let Some(stem) = w.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return format!("{stem}{}", &suffix[..suffix.len() - 2]);
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        let stem = &w[..w.len() - 1];
        if !stem.is_empty() && !stem.ends_with(['-', '_', '.']) {
            return stem.to_owned();
        }
    }
    w.to_owned()
}

/// An edit that adds list (paginated), get, create, update (PATCH) and
/// delete endpoints for an entity to an API, as one [`Edit::Replace`] of
/// the API; applying it returns the edit that takes them out again.
///
/// - Paths: `/ENTITY-ID` and `/ENTITY-ID/{key}…`, one path parameter per
///   primary key column, typed as the column. An entity without a primary
///   key gets list and create only.
/// - Routes the API already has (same method and path, whatever the
///   placeholder names) are left as they are: the edit adds what is missing.
/// - Operation ids are `listOrderItems`, `getOrderItem`, …, with `2`, `3`…
///   appended when the API uses the name already.
/// - Security: the API's first scheme, no scopes; none when it has none.
pub fn crud_endpoints(doc: &Document, api_id: &str, entity_id: &str) -> Result<Edit, EditError> {
    let api = match doc.item(api_id) {
        Some(ItemRef::Api(api)) => api,
        Some(other) => {
            return Err(EditError::KindChanged {
                id: api_id.to_owned(),
                actual: other.kind().article_label(),
                expected: ItemKind::Api.article_label(),
            });
        }
        None => return Err(EditError::NotFound(api_id.to_owned())),
    };
    let entity = match doc.item(entity_id) {
        Some(ItemRef::Entity(e)) => e,
        Some(other) => {
            return Err(EditError::KindChanged {
                id: entity_id.to_owned(),
                actual: other.kind().article_label(),
                expected: ItemKind::Entity.article_label(),
            });
        }
        None => return Err(EditError::NotFound(entity_id.to_owned())),
    };
    let mut changed = api.clone();
    for ep in generated(api, entity) {
        let route = route_shape(ep.method, &ep.path);
        if changed
            .endpoints
            .iter()
            .any(|e| route_shape(e.method, &e.path) == route)
        {
            continue;
        }
        let mut ep = ep;
        ep.operation_id = unique_operation_id(&changed, &ep.operation_id);
        changed.endpoints.push(ep);
    }
    Ok(Edit::Replace {
        item: Item::Api(changed),
    })
}

/// The five endpoints, before clashes with the API are resolved.
fn generated(api: &Api, entity: &Entity) -> Vec<Endpoint> {
    let plural = pascal_case(&entity.id);
    let one = pascal_case(&singular(&entity.id));
    let words = entity.id.replace(['-', '_', '.'], " ");
    let one_words = singular(&entity.id).replace(['-', '_', '.'], " ");
    let article = if one_words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let collection = format!("/{}", entity.id);
    let tags = vec![entity.id.clone()];
    let security: Vec<Requirement> = api
        .security_schemes
        .first()
        .map(|s| Requirement {
            scheme: s.name.clone(),
            scopes: Vec::new(),
        })
        .into_iter()
        .collect();

    let key_params = key_parameters(entity);
    let item_path = if key_params.is_empty() {
        None
    } else {
        let mut p = collection.clone();
        for k in &key_params {
            p.push_str(&format!("/{{{}}}", k.name));
        }
        Some(p)
    };

    let endpoint = |method: Method, path: &str, op: String, summary: String| {
        let mut e = Endpoint::new(method, path, op);
        e.summary = summary;
        e.tags = tags.clone();
        e.security = security.clone();
        e
    };
    let response = |status: u16, description: &str, body: Option<Body>| Response {
        status,
        description: description.to_owned(),
        body,
    };
    let read = || {
        Some(Body::Entity {
            entity: entity.id.clone(),
            shape: Shape::Read,
        })
    };

    let mut out = Vec::new();
    let mut list = endpoint(
        Method::Get,
        &collection,
        format!("list{plural}"),
        format!("List {words}"),
    );
    list.paginated = true;
    list.responses = vec![response(
        200,
        &format!("A page of {words}."),
        Some(Body::List {
            entity: entity.id.clone(),
        }),
    )];
    out.push(list);

    let mut create = endpoint(
        Method::Post,
        &collection,
        format!("create{one}"),
        format!("Create {article} {one_words}"),
    );
    create.request = Some(Body::Entity {
        entity: entity.id.clone(),
        shape: Shape::Create,
    });
    create.responses = vec![response(201, &format!("The new {one_words}."), read())];
    out.push(create);

    if let Some(path) = item_path {
        let mut get = endpoint(
            Method::Get,
            &path,
            format!("get{one}"),
            format!("Get {article} {one_words}"),
        );
        get.parameters = key_params.clone();
        get.responses = vec![response(200, &format!("The {one_words}."), read())];
        out.push(get);

        let mut update = endpoint(
            Method::Patch,
            &path,
            format!("update{one}"),
            format!("Change {article} {one_words}"),
        );
        update.parameters = key_params.clone();
        update.request = Some(Body::Entity {
            entity: entity.id.clone(),
            shape: Shape::Update,
        });
        update.responses = vec![response(200, &format!("The changed {one_words}."), read())];
        out.push(update);

        let mut delete = endpoint(
            Method::Delete,
            &path,
            format!("delete{one}"),
            format!("Delete {article} {one_words}"),
        );
        delete.parameters = key_params;
        delete.responses = vec![response(204, "Deleted.", None)];
        out.push(delete);
    }
    out
}

/// One path parameter per primary key column, named after the column
/// (letters, digits and `_` only; `id` becomes `order_id` for `orders`).
fn key_parameters(entity: &Entity) -> Vec<Parameter> {
    let mut out: Vec<Parameter> = Vec::new();
    for column in &entity.primary_key {
        let Some(field) = entity.field(column) else {
            continue;
        };
        let mut name: String = column
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if name == "id" && entity.primary_key.len() == 1 {
            name = format!("{}_id", singular(&entity.id).replace(['-', '.'], "_"));
        }
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert_str(0, "key_");
        }
        let base = name.clone();
        let mut n = 2;
        while out.iter().any(|p| p.name == name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        out.push(Parameter {
            name,
            location: ParamLocation::Path,
            ty: field.ty.clone(),
            required: true,
            description: format!("The {} of the {}.", field.name, entity.name),
        });
    }
    out
}

/// `GET /a/{}`: a route with its placeholders' names taken out.
fn route_shape(method: Method, path: &str) -> String {
    let mut s = format!("{} ", method.as_str());
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

fn unique_operation_id(api: &Api, base: &str) -> String {
    let taken = |id: &str| api.endpoints.iter().any(|e| e.operation_id == id);
    if !taken(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Container, ContainerKind, FieldType, SchemeKind, SecurityScheme, SoftwareSystem,
    };

    #[test]
    fn names_from_ids() {
        assert_eq!(pascal_case("order-items"), "OrderItems");
        assert_eq!(pascal_case("v1.orders_2"), "V1Orders2");
        assert_eq!(pascal_case("--"), "Item");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("order-items"), "order-item");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("s"), "s");
        assert_eq!(singular("class"), "class");
    }

    fn sample() -> Document {
        let mut doc = Document::new("t");
        doc.systems.push(SoftwareSystem::new("sys", "System"));
        doc.containers.push(Container::new(
            "svc",
            "sys",
            "Service",
            ContainerKind::Service,
        ));
        doc.containers.push(Container::new(
            "db",
            "sys",
            "Database",
            ContainerKind::Database,
        ));
        let mut api = Api::new("api", "svc", "API");
        api.security_schemes.push(SecurityScheme {
            name: "jwt".into(),
            kind: SchemeKind::BearerJwt,
            description: String::new(),
        });
        let mut taken = Endpoint::new(Method::Get, "/elsewhere", "getWidget");
        taken.public = true;
        api.endpoints.push(taken);
        doc.apis.push(api);
        let mut e = Entity::new("widgets", "db", "widgets");
        e.fields
            .push(crate::model::Field::new("id", FieldType::BigInt));
        e.primary_key.push("id".into());
        doc.entities.push(e);
        doc
    }

    #[test]
    fn generates_five_endpoints_with_fresh_operation_ids() {
        let doc = sample();
        let Ok(Edit::Replace {
            item: Item::Api(api),
        }) = crud_endpoints(&doc, "api", "widgets")
        else {
            panic!("expected a Replace of the API");
        };
        let ops: Vec<(&str, &str, &str)> = api.endpoints[1..]
            .iter()
            .map(|e| (e.method.as_str(), e.path.as_str(), e.operation_id.as_str()))
            .collect();
        assert_eq!(
            ops,
            [
                ("GET", "/widgets", "listWidgets"),
                ("POST", "/widgets", "createWidget"),
                ("GET", "/widgets/{widget_id}", "getWidget2"),
                ("PATCH", "/widgets/{widget_id}", "updateWidget"),
                ("DELETE", "/widgets/{widget_id}", "deleteWidget"),
            ]
        );
        let get = &api.endpoints[3];
        assert_eq!(get.parameters[0].ty, FieldType::BigInt);
        assert_eq!(get.security[0].scheme, "jwt");
        assert!(api.endpoints[1].paginated);
    }

    #[test]
    fn refuses_unknown_or_wrong_ids() {
        let doc = sample();
        assert_eq!(
            crud_endpoints(&doc, "nope", "widgets"),
            Err(EditError::NotFound("nope".into()))
        );
        assert!(matches!(
            crud_endpoints(&doc, "widgets", "widgets"),
            Err(EditError::KindChanged { .. })
        ));
        assert!(matches!(
            crud_endpoints(&doc, "api", "api"),
            Err(EditError::KindChanged { .. })
        ));
    }

    #[test]
    fn on_the_shop_sample_it_checks_clean_and_undoes_exactly() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/shop.ron");
        let original = crate::store::load(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut doc = original.clone();
        let mut undo = Vec::new();
        // categories: listCategories exists, the other four are added;
        // cart-items: a composite key, two path parameters.
        for (api, entity) in [("catalog-api", "categories"), ("order-api", "cart-items")] {
            let before = doc
                .apis
                .iter()
                .find(|a| a.id == api)
                .map(|a| a.endpoints.len());
            let edit = crud_endpoints(&doc, api, entity).expect("edit");
            undo.push(edit.apply(&mut doc).expect("applies"));
            let after = doc
                .apis
                .iter()
                .find(|a| a.id == api)
                .map(|a| a.endpoints.len());
            assert_eq!(
                after.zip(before).map(|(a, b)| a - b),
                Some(if entity == "categories" { 4 } else { 5 })
            );
        }
        let errors: Vec<_> = crate::check::check(&doc)
            .into_iter()
            .filter(|f| f.severity == crate::check::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let order_api = doc.apis.iter().find(|a| a.id == "order-api").expect("api");
        let get = order_api
            .endpoints
            .iter()
            .find(|e| e.operation_id == "getCartItem")
            .expect("getCartItem");
        assert_eq!(get.path, "/cart-items/{cart_id}/{product_id}");
        assert_eq!(get.security[0].scheme, "oauth");
        for inverse in undo.into_iter().rev() {
            inverse.apply(&mut doc).expect("undo");
        }
        assert_eq!(doc, original);
    }

    #[test]
    fn existing_routes_are_kept_and_not_duplicated() {
        let mut doc = sample();
        let edit = crud_endpoints(&doc, "api", "widgets").expect("edit");
        edit.apply(&mut doc).expect("applies");
        let before = doc.clone();
        let again = crud_endpoints(&doc, "api", "widgets").expect("edit");
        let inverse = again.apply(&mut doc).expect("applies");
        assert_eq!(doc, before, "a second run adds nothing");
        inverse.apply(&mut doc).expect("undo");
        assert_eq!(doc, before);
    }
}
