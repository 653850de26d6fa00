//! JSON Schemas: logical field types, the read / create / update shapes of
//! entities, the page envelope, RFC 9457 problem details, and the registry
//! that names them in `components/schemas`.
//!
//! A schema is registered when the document first refers to it, so only the
//! schemas an API uses are written, each under a name that is unique in the
//! document; the registry then builds them (a page needs its read schema, a
//! field may need an enum) until nothing new is asked for.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::node::{Map, Node, strings};
use crate::export::ExportError;
use crate::model::{
    DefaultValue, Document, Entity, Field, FieldType, Literal, Sensitivity, pascal_case, singular,
};

/// The name of the RFC 9457 problem details schema.
pub(super) const PROBLEM: &str = "Problem";

/// Extension on properties that hold personal or secret data.
pub(super) const SENSITIVITY: &str = "x-archdesk-sensitivity";

/// Which schema of an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    /// As responses carry it: no secrets, keys read-only, every field present.
    Read,
    /// As sent to create it: no generated fields, `additionalProperties: false`.
    Create,
    /// As sent to change it (PATCH): no keys or generated fields, all optional.
    Update,
    /// A page of read schemas with the cursor of the next page.
    Page,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Self::Read => "",
            Self::Create => "Create",
            Self::Update => "Update",
            Self::Page => "Page",
        }
    }
}

/// What a component schema is made from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Entity(String, Kind),
    Enum(String),
    Problem,
}

/// Where a field's schema goes, which decides what it may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Direction {
    /// A request body: secrets are write-only, unknown properties refused.
    Request,
    /// A response body: secrets are left out.
    Response,
}

/// The component schemas of one OpenAPI document.
/// The entities by id (the first of an id, as [`Document::entity`] finds
/// it): made once per export and shared by every API's schemas, rather
/// than a search of all entities for every reference.
#[derive(Clone)]
pub(super) struct Entities<'a>(Rc<FxHashMap<&'a str, &'a Entity>>);

impl<'a> Entities<'a> {
    pub(super) fn new(doc: &'a Document) -> Self {
        let mut by_id = FxHashMap::default();
        for e in &doc.entities {
            by_id.entry(e.id.as_str()).or_insert(e);
        }
        Self(Rc::new(by_id))
    }
}

pub(super) struct Schemas<'a> {
    doc: &'a Document,
    entities: Entities<'a>,
    /// Every component name handed out.
    taken: BTreeSet<String>,
    entity_names: FxHashMap<String, String>,
    enum_names: FxHashMap<String, String>,
    /// Component name → what it is made from, for those asked for.
    wanted: BTreeMap<String, Source>,
}

/// A `$ref` to a component schema.
pub(super) fn schema_ref(name: &str) -> Node {
    Map::new()
        .with("$ref", format!("#/components/schemas/{name}"))
        .into()
}

impl<'a> Schemas<'a> {
    #[cfg(test)]
    pub(super) fn new(doc: &'a Document) -> Self {
        Self::sharing(doc, Entities::new(doc))
    }

    /// Schemas for one API, with the entities looked up once for all.
    pub(super) fn sharing(doc: &'a Document, entities: Entities<'a>) -> Self {
        Self {
            doc,
            entities,
            taken: BTreeSet::from([PROBLEM.to_owned()]),
            entity_names: FxHashMap::default(),
            enum_names: FxHashMap::default(),
            wanted: BTreeMap::new(),
        }
    }

    /// The first of `base`, `base2`, `base3`… for which every `base+suffix`
    /// is free; takes them all.
    fn allocate(&mut self, base: &str, suffixes: &[&str]) -> String {
        let mut n = 1_usize;
        loop {
            let candidate = if n == 1 {
                base.to_owned()
            } else {
                format!("{base}{n}")
            };
            if suffixes
                .iter()
                .all(|s| !self.taken.contains(&format!("{candidate}{s}")))
            {
                for s in suffixes {
                    self.taken.insert(format!("{candidate}{s}"));
                }
                return candidate;
            }
            n += 1;
        }
    }

    fn entity(&self, id: &str) -> Result<&'a Entity, ExportError> {
        self.entities.0.get(id).copied().ok_or_else(|| {
            ExportError::Unsupported(format!(
                "an API body refers to the entity “{id}”, which the model does not have"
            ))
        })
    }

    /// A `$ref` to a schema of an entity, registering it.
    pub(super) fn entity_ref(&mut self, id: &str, kind: Kind) -> Result<Node, ExportError> {
        let entity = self.entity(id)?;
        let base = match self.entity_names.get(&entity.id) {
            Some(base) => base.clone(),
            None => {
                let base = self.allocate(
                    &pascal_case(&singular(&entity.id)),
                    &["", "Create", "Update", "Page"],
                );
                self.entity_names.insert(entity.id.clone(), base.clone());
                base
            }
        };
        let name = format!("{base}{}", kind.suffix());
        self.wanted
            .insert(name.clone(), Source::Entity(entity.id.clone(), kind));
        Ok(schema_ref(&name))
    }

    /// A `$ref` to the schema of a named enum, registering it; a plain
    /// string when the model has no such enum.
    fn enum_ref(&mut self, id: &str) -> Node {
        if self.doc.enum_type(id).is_none() {
            return Map::new().with("type", "string").into();
        }
        let name = match self.enum_names.get(id) {
            Some(name) => name.clone(),
            None => {
                let name = self.allocate(&pascal_case(id), &[""]);
                self.enum_names.insert(id.to_owned(), name.clone());
                name
            }
        };
        self.wanted
            .insert(name.clone(), Source::Enum(id.to_owned()));
        schema_ref(&name)
    }

    /// A `$ref` to the problem details schema, registering it.
    pub(super) fn problem_ref(&mut self) -> Node {
        self.wanted.insert(PROBLEM.to_owned(), Source::Problem);
        schema_ref(PROBLEM)
    }

    /// The schema of a logical type, without nullability.
    pub(super) fn type_schema(&mut self, ty: &FieldType) -> Node {
        let string = || Map::new().with("type", "string");
        let integer = |format: &str| Map::new().with("type", "integer").with("format", format);
        let m = match ty {
            FieldType::Uuid => string().with("format", "uuid"),
            FieldType::Text => string(),
            FieldType::Varchar(n) => string().with("maxLength", *n),
            FieldType::SmallInt => integer("int32")
                .with("minimum", i64::from(i16::MIN))
                .with("maximum", i64::from(i16::MAX)),
            FieldType::Int => integer("int32"),
            FieldType::BigInt => integer("int64"),
            FieldType::Decimal(p, s) => string()
                .with("format", "decimal")
                .with("pattern", decimal_pattern(*p, *s)),
            FieldType::Float => Map::new().with("type", "number").with("format", "float"),
            FieldType::Double => Map::new().with("type", "number").with("format", "double"),
            FieldType::Bool => Map::new().with("type", "boolean"),
            FieldType::Date => string().with("format", "date"),
            FieldType::Time => string().with("pattern", TIME_PATTERN),
            FieldType::Timestamp => string().with("pattern", TIMESTAMP_PATTERN),
            FieldType::TimestampTz => string().with("format", "date-time"),
            FieldType::Json => Map::new(),
            FieldType::Bytes => string().with("contentEncoding", "base64"),
            FieldType::Enum(id) => return self.enum_ref(id),
            FieldType::Array(inner) => Map::new()
                .with("type", "array")
                .with("items", self.type_schema(inner)),
        };
        m.into()
    }

    /// The schema of a field as a property: type, nullability, description,
    /// and what its role in this shape adds (read-only keys, write-only
    /// secrets, defaults on creation, the sensitivity extension).
    fn property(&mut self, entity: Option<&Entity>, f: &Field, shape: Shape) -> Node {
        let schema = nullable(self.type_schema(&f.ty), f.nullable);
        let mut m = match schema {
            Node::Map(m) => m,
            other => Map::new().with("allOf", vec![other]),
        };
        if !f.comment.is_empty() {
            m.set("description", f.comment.as_str());
        }
        let is_key = entity.is_some_and(|e| e.in_primary_key(&f.name));
        match shape {
            Shape::Read => {
                if is_key || is_generated(f) {
                    m.set("readOnly", true);
                }
            }
            Shape::Create => {
                if let Some(d) = default_value(self.doc, f) {
                    m.set("default", d);
                }
            }
            Shape::Update => {}
        }
        if f.sensitivity == Sensitivity::Secret && shape != Shape::Read {
            m.set("writeOnly", true);
        }
        match f.sensitivity {
            Sensitivity::None => {}
            Sensitivity::Personal => m.set(SENSITIVITY, "personal"),
            Sensitivity::Secret => m.set(SENSITIVITY, "secret"),
        }
        m.into()
    }

    /// An object schema of fields written out in an endpoint.
    pub(super) fn fields_schema(&mut self, fields: &[Field], direction: Direction) -> Node {
        match direction {
            Direction::Request => self.object(None, fields.iter(), Shape::Create, |f| {
                !f.nullable && f.default.is_none()
            }),
            Direction::Response => self.object(
                None,
                fields
                    .iter()
                    .filter(|f| f.sensitivity != Sensitivity::Secret),
                Shape::Read,
                |_| true,
            ),
        }
    }

    fn object<'f>(
        &mut self,
        entity: Option<&Entity>,
        fields: impl Iterator<Item = &'f Field>,
        shape: Shape,
        required: impl Fn(&Field) -> bool,
    ) -> Node {
        let mut properties = Map::new();
        let mut names = Vec::new();
        for f in fields {
            if required(f) {
                names.push(f.name.clone());
            }
            properties.set(f.name.as_str(), self.property(entity, f, shape));
        }
        let mut m = Map::new().with("type", "object");
        if let Some(e) = entity {
            m = m
                .with_text("description", &e.comment)
                .with("x-archdesk-entity", e.id.as_str());
        }
        m = m
            .with_list("required", names.into_iter().map(Node::Str).collect())
            .with("properties", properties);
        if shape != Shape::Read {
            m.set("additionalProperties", false);
        }
        m.into()
    }

    fn entity_schema(&mut self, id: &str, kind: Kind) -> Result<Node, ExportError> {
        let e = self.entity(id)?;
        Ok(match kind {
            Kind::Read => self.object(
                Some(e),
                e.fields
                    .iter()
                    .filter(|f| f.sensitivity != Sensitivity::Secret),
                Shape::Read,
                |_| true,
            ),
            Kind::Create => self.object(
                Some(e),
                e.fields.iter().filter(|f| !is_generated(f)),
                Shape::Create,
                |f| !f.nullable && f.default.is_none(),
            ),
            Kind::Update => self.object(
                Some(e),
                e.fields
                    .iter()
                    .filter(|f| !is_generated(f) && !e.in_primary_key(&f.name)),
                Shape::Update,
                |_| false,
            ),
            Kind::Page => {
                let items = self.entity_ref(id, Kind::Read)?;
                Map::new()
                    .with("type", "object")
                    .with(
                        "description",
                        format!("A page of {}, in a stable order.", e.name),
                    )
                    .with("required", strings(["items", "next_cursor"]))
                    .with(
                        "properties",
                        Map::new()
                            .with(
                                "items",
                                Map::new().with("type", "array").with("items", items),
                            )
                            .with(
                                "next_cursor",
                                Map::new().with("type", strings(["string", "null"])).with(
                                    "description",
                                    "Pass as `cursor` to get the next page; null on the last page.",
                                ),
                            ),
                    )
                    .into()
            }
        })
    }

    fn enum_schema(&self, id: &str) -> Node {
        let Some(e) = self.doc.enum_type(id) else {
            return Map::new().with("type", "string").into();
        };
        Map::new()
            .with("type", "string")
            .with_text("description", &e.comment)
            .with("enum", strings(e.values.iter().map(String::as_str)))
            .into()
    }

    /// Builds every schema asked for, and those they ask for in turn; in
    /// name order.
    pub(super) fn finish(mut self) -> Result<Map, ExportError> {
        let mut built: BTreeMap<String, Node> = BTreeMap::new();
        loop {
            let todo: Vec<(String, Source)> = self
                .wanted
                .iter()
                .filter(|(name, _)| !built.contains_key(*name))
                .map(|(n, s)| (n.clone(), s.clone()))
                .collect();
            if todo.is_empty() {
                break;
            }
            for (name, source) in todo {
                let schema = match &source {
                    Source::Entity(id, kind) => self.entity_schema(id, *kind)?,
                    Source::Enum(id) => self.enum_schema(id),
                    Source::Problem => problem_schema(),
                };
                built.insert(name, schema);
            }
        }
        let mut out = Map::new();
        for (name, schema) in built {
            out.set(name, schema);
        }
        Ok(out)
    }
}

/// Which shape a property is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Read,
    Create,
    Update,
}

/// Values the database makes: identity columns, `now()` and random UUIDs.
fn is_generated(f: &Field) -> bool {
    f.identity
        || matches!(
            f.default,
            Some(DefaultValue::Now | DefaultValue::RandomUuid)
        )
}

/// Makes a schema accept null as well: `type: [T, "null"]` where it has a
/// type, `anyOf` with null around a `$ref`; a schema without a type (JSON)
/// accepts null already.
pub(super) fn nullable(schema: Node, nullable: bool) -> Node {
    if !nullable {
        return schema;
    }
    let Node::Map(mut m) = schema else {
        return schema;
    };
    match m.get("type").cloned() {
        Some(Node::Str(t)) => {
            m.set("type", strings([t, "null".to_owned()]));
            m.into()
        }
        Some(_) => m.into(),
        None if m.contains_key("$ref") => Map::new()
            .with(
                "anyOf",
                vec![m.into(), Map::new().with("type", "null").into()],
            )
            .into(),
        None => m.into(),
    }
}

/// `HH:MM:SS[.ffffff]`, without a time zone (SQL `time`).
const TIME_PATTERN: &str = r"^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$";

/// `YYYY-MM-DDTHH:MM:SS[.ffffff]`, without a time zone (SQL `timestamp`).
const TIMESTAMP_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$";

/// A decimal(p, s) as text: an optional minus, at most p − s significant
/// integer digits (leading zeros allowed), and at most s decimals.
fn decimal_pattern(precision: u8, scale: u8) -> String {
    let whole = precision.saturating_sub(scale);
    let int = if whole == 0 {
        "0+".to_owned()
    } else {
        format!(r"0*\d{{1,{whole}}}")
    };
    let frac = if scale == 0 {
        String::new()
    } else {
        format!(r"(\.\d{{1,{scale}}})?")
    };
    format!("^-?{int}{frac}$")
}

/// The default of a field as a JSON value of its schema, when it is a
/// literal ([`FieldType::parse_literal`]). Expressions (`now()`, SQL) are
/// the server's business and are left out. A literal that does not parse
/// never gets here: the checker reports it, and the export refuses a model
/// with errors.
fn default_value(doc: &Document, f: &Field) -> Option<Node> {
    let Some(DefaultValue::Value(v)) = &f.default else {
        return None;
    };
    Some(match f.ty.parse_literal(v, doc).ok()? {
        Literal::Integer(n) => Node::Int(n),
        Literal::Float(x) => Node::Float(x),
        Literal::Bool(b) => Node::Bool(b),
        Literal::Decimal(s) | Literal::Text(s) => Node::from(s),
    })
}

/// RFC 9457 problem details.
fn problem_schema() -> Node {
    let uri_ref = |description: &str| {
        Map::new()
            .with("type", "string")
            .with("format", "uri-reference")
            .with("description", description)
    };
    Map::new()
        .with("type", "object")
        .with(
            "description",
            "Problem details for HTTP APIs (RFC 9457). Further members may extend it.",
        )
        .with(
            "properties",
            Map::new()
                .with(
                    "type",
                    uri_ref("Identifies the problem type.").with("default", "about:blank"),
                )
                .with(
                    "title",
                    Map::new()
                        .with("type", "string")
                        .with("description", "A short summary of the problem type."),
                )
                .with(
                    "status",
                    Map::new()
                        .with("type", "integer")
                        .with("minimum", 100_i64)
                        .with("maximum", 599_i64)
                        .with("description", "The HTTP status code."),
                )
                .with(
                    "detail",
                    Map::new()
                        .with("type", "string")
                        .with("description", "What happened, for this occurrence."),
                )
                .with(
                    "instance",
                    uri_ref("Identifies this occurrence of the problem."),
                ),
        )
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::literal::decimal_fits;

    #[test]
    fn decimal_patterns_and_the_values_they_take() {
        assert_eq!(decimal_pattern(12, 2), r"^-?0*\d{1,10}(\.\d{1,2})?$");
        assert_eq!(decimal_pattern(5, 0), r"^-?0*\d{1,5}$");
        assert_eq!(decimal_pattern(2, 2), r"^-?0+(\.\d{1,2})?$");
        assert!(decimal_fits("12.50", 12, 2));
        assert!(decimal_fits("-0.5", 2, 2));
        assert!(decimal_fits("007", 3, 0));
        assert!(!decimal_fits("1.234", 12, 2));
        assert!(!decimal_fits("1.", 12, 2));
        assert!(!decimal_fits("", 12, 2));
        assert!(!decimal_fits("1e5", 12, 2));
        assert!(!decimal_fits("1.5", 5, 0));
    }

    #[test]
    fn nullable_turns_types_into_lists_and_refs_into_any_of() {
        let t = nullable(Map::new().with("type", "string").into(), true);
        assert_eq!(
            serde_json::to_value(&t).expect("json"),
            serde_json::json!({"type": ["string", "null"]})
        );
        let r = nullable(schema_ref("Status"), true);
        assert_eq!(
            serde_json::to_value(&r).expect("json"),
            serde_json::json!({"anyOf": [{"$ref": "#/components/schemas/Status"}, {"type": "null"}]})
        );
        let any = nullable(Map::new().into(), true);
        assert_eq!(
            serde_json::to_value(&any).expect("json"),
            serde_json::json!({})
        );
    }

    #[test]
    fn names_are_unique_even_when_ids_collide() {
        let mut doc = Document::new("t");
        for id in ["order", "orders", "order-create"] {
            let mut e = Entity::new(id, "db", id);
            e.fields.push(Field::new("id", FieldType::Int));
            doc.entities.push(e);
        }
        let mut s = Schemas::new(&doc);
        let names: Vec<String> = ["order", "orders", "order-create"]
            .iter()
            .map(|id| {
                let r = s.entity_ref(id, Kind::Create).expect("entity");
                let r = r
                    .as_map()
                    .and_then(|m| m.get("$ref"))
                    .and_then(Node::as_str);
                r.unwrap_or_default().to_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "#/components/schemas/OrderCreate",
                "#/components/schemas/Order2Create",
                "#/components/schemas/OrderCreate2Create"
            ]
        );
    }
}
