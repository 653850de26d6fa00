//! Literal defaults are read by one parser (`FieldType::parse_literal`):
//! what it refuses, the checker reports as an error with its position in
//! the model, and the exports refuse the model; what it takes, the OpenAPI
//! export writes.

mod common;

use archdesk::check::{self, Severity};
use archdesk::export::{self, ExportError, Format, Options};
use archdesk::model::{DefaultValue, Document, Field, FieldType};

/// The shop sample with one field of `ty` defaulting to `v` on its
/// products, which the catalog API offers.
fn shop_with_default(ty: FieldType, v: &str) -> Document {
    let mut doc = common::load_sample("shop");
    let products = doc
        .entities
        .iter_mut()
        .find(|e| e.id == "products")
        .expect("the shop sells products");
    products.fields.push(Field {
        default: Some(DefaultValue::Value(v.into())),
        ..Field::new("probe", ty)
    });
    doc
}

fn bad_default_messages(doc: &Document) -> Vec<String> {
    check::check(doc)
        .into_iter()
        .filter(|f| f.rule == "data/bad-default" && f.part == "probe")
        .inspect(|f| assert_eq!(f.severity, Severity::Error, "{f:?}"))
        .map(|f| f.message)
        .collect()
}

#[test]
fn invalid_literals_are_errors_and_the_exports_refuse_them() {
    for (ty, v) in [
        // The checker once took these two.
        (FieldType::Date, "2024-13-45"),
        (FieldType::Uuid, "123e4567e-89b-12d3-a456-426614174000"),
        (FieldType::Date, "2023-02-29"),
        (FieldType::Time, "25:00:00"),
        (FieldType::Timestamp, "yesterday"),
        (FieldType::TimestampTz, "2024-05-01T08:30:00"),
        (FieldType::Decimal(4, 2), "1."),
    ] {
        let doc = shop_with_default(ty.clone(), v);
        assert_eq!(
            bad_default_messages(&doc),
            [format!(
                "The default of “products.probe” {v:?} is not a {ty}."
            )],
        );
        for format in [Format::Openapi, Format::Postgres] {
            assert!(
                matches!(
                    export::export(&doc, format, &Options::default()),
                    Err(ExportError::Invalid(_))
                ),
                "{format:?} exported a model whose default {v:?} is not a {ty}"
            );
        }
    }
}

#[test]
fn valid_literals_pass_the_check_and_reach_the_openapi_document() {
    for (ty, v, written) in [
        (FieldType::Date, "2024-02-29", "2024-02-29"),
        (FieldType::Time, "08:30:00.25", "08:30:00.25"),
        (
            FieldType::Timestamp,
            "2024-05-01 08:30:00",
            "2024-05-01T08:30:00",
        ),
        (
            FieldType::TimestampTz,
            "2024-05-01T08:30:00Z",
            "2024-05-01T08:30:00Z",
        ),
        (
            FieldType::Uuid,
            "123e4567-e89b-12d3-a456-426614174000",
            "123e4567-e89b-12d3-a456-426614174000",
        ),
    ] {
        let doc = shop_with_default(ty.clone(), v);
        assert!(bad_default_messages(&doc).is_empty(), "{ty} {v:?}");
        let files = export::export(&doc, Format::OpenapiJson, &Options::default())
            .unwrap_or_else(|e| panic!("{ty} {v:?}: {e}"));
        let needle = format!("\"default\": \"{written}\"");
        assert!(
            files.iter().any(|a| a.text.contains(&needle)),
            "{ty} {v:?}: no {needle} in the OpenAPI documents"
        );
    }
}
