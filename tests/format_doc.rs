//! docs/FORMAT.md documents every property the file format accepts: for
//! each item and part of one, the properties are read from serde itself
//! (the field list its derived `Deserialize` hands the reader), and each
//! must be named in the paragraph of FORMAT.md that describes the item.
//! A field added to the model without its line in FORMAT.md fails here.

use serde::de::{self, Deserialize, Deserializer, Visitor};

use archdesk::model::{
    Accepted, Api, Check, Component, Contact, Container, Document, Endpoint, Entity, EnumType,
    EventType, Field, ForeignKey, Parameter, Person, Point, Relationship, Requirement, Response,
    ReviewConfig, Scope, SecurityScheme, SoftwareSystem, TableIndex, UniqueKey, View,
};

mod common;

/// A deserializer that only records the field list of the struct asked
/// for, then stops.
struct Tracer<'a>(&'a mut Option<(&'static str, &'static [&'static str])>);

impl<'de> Deserializer<'de> for Tracer<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some((name, fields));
        Err(de::Error::custom("traced"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// The properties serde accepts for `T`.
fn fields<'de, T: Deserialize<'de>>() -> (&'static str, &'static [&'static str]) {
    let mut seen = None;
    let _ = T::deserialize(Tracer(&mut seen));
    seen.expect("a struct with named fields")
}

/// The text FORMAT.md gives the item that `start` begins: a heading's
/// section (to the next heading), a table row, or a paragraph (to the next
/// blank line).
fn described<'a>(doc: &'a str, start: &str) -> &'a str {
    let at = doc
        .find(start)
        .unwrap_or_else(|| panic!("docs/FORMAT.md has no “{start}”"));
    let rest = &doc[at..];
    let end = if start.starts_with('#') {
        rest[start.len()..]
            .find("\n#")
            .map_or(rest.len(), |i| i + start.len())
    } else if start.starts_with('|') {
        rest.find('\n').unwrap_or(rest.len())
    } else {
        rest.find("\n\n").unwrap_or(rest.len())
    };
    &rest[..end]
}

#[test]
fn format_md_names_every_property_the_format_accepts() {
    let doc = std::fs::read_to_string(common::root().join("docs/FORMAT.md")).expect("FORMAT.md");
    let items = [
        (fields::<Document>(), "## The document"),
        (fields::<Person>(), "| Person |"),
        (fields::<SoftwareSystem>(), "| SoftwareSystem |"),
        (fields::<Container>(), "| Container |"),
        (fields::<Component>(), "| Component |"),
        (fields::<Relationship>(), "| Relationship |"),
        (fields::<Accepted>(), "`accepted` lists"),
        (fields::<Entity>(), "An `Entity`"),
        (fields::<Field>(), "A `Field`"),
        (fields::<ForeignKey>(), "A foreign key"),
        (fields::<UniqueKey>(), "A unique key"),
        (fields::<Check>(), "A check"),
        (fields::<TableIndex>(), "An index"),
        (fields::<EnumType>(), "An `EnumType`"),
        (fields::<Api>(), "An `Api`"),
        (fields::<Contact>(), "An `Api`"),
        (fields::<SecurityScheme>(), "A security scheme"),
        (fields::<Scope>(), "A security scheme"),
        (fields::<Endpoint>(), "An `Endpoint`"),
        (fields::<Parameter>(), "An `Endpoint`"),
        (fields::<Response>(), "An `Endpoint`"),
        (fields::<Requirement>(), "An `Endpoint`"),
        (fields::<EventType>(), "An `EventType`"),
        (fields::<View>(), "A `View`"),
        (fields::<Point>(), "A `View`"),
        (fields::<ReviewConfig>(), "### Review settings"),
    ];
    let mut missing = Vec::new();
    for ((name, props), start) in items {
        let text = described(&doc, start);
        for p in props {
            let named = text.contains(&format!("`{p}`")) || text.contains(&format!("{p}:"));
            if !named {
                missing.push(format!("{name}.{p} (looked in “{start}”)"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "docs/FORMAT.md does not document: {}",
        missing.join(", ")
    );
}

#[test]
fn the_tracer_sees_a_field_the_doc_lacks() {
    // The check itself: a property left out of a paragraph is found.
    let (_, props) = fields::<ForeignKey>();
    assert!(props.contains(&"on_update"), "{props:?}");
    let text = described("A foreign key: `columns`.\n\nNext.", "A foreign key");
    assert_eq!(text, "A foreign key: `columns`.");
    assert!(!text.contains("`on_update`"));
}
