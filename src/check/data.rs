//! Structural rules on entities, fields, keys and enums: what must hold for
//! the DDL to be valid.

use std::borrow::Cow;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Finding, Rule, Severity};
use crate::model::{DefaultValue, Document, Entity, FieldType, FkAction, LiteralError};

pub const NO_PRIMARY_KEY: Rule = Rule {
    id: "data/no-primary-key",
    severity: Severity::Error,
    summary: "An entity has no primary key.",
};
pub const DUPLICATE_FIELD: Rule = Rule {
    id: "data/duplicate-name",
    severity: Severity::Error,
    summary: "Two fields of an entity, or two entities of a database, share a name (ignoring case, as MySQL does).",
};
pub const UNKNOWN_COLUMN: Rule = Rule {
    id: "data/unknown-column",
    severity: Severity::Error,
    summary: "A key, index, foreign key or tenant column names a field the entity does not have.",
};
pub const FK_ARITY: Rule = Rule {
    id: "data/fk-arity",
    severity: Severity::Error,
    summary: "A foreign key has no columns, or a different number of columns than the key it references.",
};
pub const FK_NOT_A_KEY: Rule = Rule {
    id: "data/fk-not-a-key",
    severity: Severity::Error,
    summary: "A foreign key references columns that are neither the primary key nor a unique key.",
};
pub const FK_TYPE_MISMATCH: Rule = Rule {
    id: "data/fk-type-mismatch",
    severity: Severity::Error,
    summary: "A foreign key column's type differs from the column it references, or SET NULL is asked of a column that cannot be null.",
};
pub const FK_OTHER_DATABASE: Rule = Rule {
    id: "data/fk-other-database",
    severity: Severity::Error,
    summary: "A foreign key references an entity stored in another database.",
};
pub const NO_FIELDS: Rule = Rule {
    id: "data/no-fields",
    severity: Severity::Error,
    summary: "An entity has no fields.",
};
pub const BAD_TYPE: Rule = Rule {
    id: "data/bad-type",
    severity: Severity::Error,
    summary: "A type is impossible: varchar(0), a decimal whose scale exceeds its precision or with more than 65 digits, an array of arrays, or a nullable primary key column.",
};
pub const IDENTITY_NOT_INTEGER: Rule = Rule {
    id: "data/identity-not-integer",
    severity: Severity::Error,
    summary: "An identity (auto-increment) field is not a non-null integer without a default.",
};
pub const ENUM_VALUES: Rule = Rule {
    id: "data/enum-values",
    severity: Severity::Error,
    summary: "An enum has no values, an empty value or the same value twice.",
};
pub const BAD_DEFAULT: Rule = Rule {
    id: "data/bad-default",
    severity: Severity::Error,
    summary: "A default value does not fit its field's type.",
};

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    super::sql::check(doc, out);
    for e in &doc.enums {
        let mut seen = FxHashSet::default();
        if e.values.is_empty() {
            out.push(finding(
                &ENUM_VALUES,
                &e.id,
                "",
                format!("Enum “{}” has no values.", e.name),
                "Add the values it can take.",
            ));
        }
        for v in &e.values {
            if v.is_empty() || !seen.insert(v.as_str()) {
                out.push(finding(
                    &ENUM_VALUES,
                    &e.id,
                    "",
                    format!("Enum “{}” has the value {v:?} twice or empty.", e.name),
                    "Keep each value once and none empty.",
                ));
            }
        }
    }
    let n = doc.entities.len();
    let mut tables: FxHashMap<(&str, Cow<'_, str>), &str> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    // Entities by id (the first of an id, as `Document::entity` finds it):
    // one lookup per foreign key, not a search.
    let mut by_id: FxHashMap<&str, &Entity> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    for e in &doc.entities {
        by_id.entry(e.id.as_str()).or_insert(e);
    }
    for e in &doc.entities {
        if let Some(first) = tables.insert((e.store.as_str(), lowercase(&e.name)), &e.id) {
            out.push(finding(
                &DUPLICATE_FIELD,
                &e.id,
                "",
                format!(
                    "Entity “{}” has the same table name as “{first}” in database “{}”.",
                    e.name, e.store
                ),
                "Rename one of the two tables.",
            ));
        }
        entity(doc, &by_id, e, out);
    }
}

/// `s.to_lowercase()`, borrowed when that is `s` itself (the usual
/// lower-case ASCII name), sparing an allocation per name.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn finding(rule: &Rule, element: &str, part: &str, message: String, hint: &str) -> Finding {
    Finding::new(rule.id, rule.severity, element, part, message, hint)
}

fn entity(doc: &Document, by_id: &FxHashMap<&str, &Entity>, e: &Entity, out: &mut Vec<Finding>) {
    if e.fields.is_empty() {
        out.push(finding(
            &NO_FIELDS,
            &e.id,
            "",
            format!("Entity “{}” has no fields.", e.name),
            "Add its columns.",
        ));
    }
    if e.primary_key.is_empty() {
        out.push(finding(
            &NO_PRIMARY_KEY,
            &e.id,
            "",
            format!("Entity “{}” has no primary key.", e.name),
            "Choose the column or columns that identify a row; add an `id` column if none does.",
        ));
    }
    let mut names = FxHashSet::with_capacity_and_hasher(e.fields.len(), Default::default());
    for f in &e.fields {
        if !names.insert(lowercase(&f.name)) {
            out.push(finding(
                &DUPLICATE_FIELD,
                &e.id,
                &f.name,
                format!("Entity “{}” has two fields named “{}”.", e.name, f.name),
                "Rename or remove one of them.",
            ));
        }
        field_type(&e.id, &f.name, &f.ty, out);
        if f.identity && (!f.ty.is_integer() || f.nullable || f.default.is_some()) {
            out.push(finding(
                &IDENTITY_NOT_INTEGER,
                &e.id,
                &f.name,
                format!("Field “{}.{}” is an identity but is {}.", e.name, f.name, if f.ty.is_integer() { "nullable or has a default" } else { "not an integer" }),
                "Make it a non-null smallint, int or bigint without a default, or turn identity off.",
            ));
        }
        if let Some(default) = &f.default
            && let Some(problem) = default_problem(doc, &f.ty, default)
        {
            out.push(finding(
                &BAD_DEFAULT,
                &e.id,
                &f.name,
                format!("The default of “{}.{}” {problem}.", e.name, f.name),
                "Write a value of the field's type, or use Sql(..) for an expression.",
            ));
        }
    }
    let mut need = |what: &str, columns: &[String]| {
        for c in columns {
            if e.field(c).is_none() {
                out.push(finding(
                    &UNKNOWN_COLUMN,
                    &e.id,
                    c,
                    format!(
                        "The {what} of entity “{}” names column “{c}”, which it does not have.",
                        e.name
                    ),
                    "Fix the column name or add the field.",
                ));
            }
        }
    };
    need("primary key", &e.primary_key);
    for u in &e.unique {
        need("unique key", &u.columns);
    }
    for i in &e.indexes {
        need("index", &i.columns);
    }
    if let Some(t) = &e.tenant_column {
        need("tenant column", std::slice::from_ref(t));
    }
    for fk in &e.foreign_keys {
        need("foreign key", &fk.columns);
    }
    for c in &e.primary_key {
        if e.field(c).is_some_and(|f| f.nullable) {
            out.push(finding(
                &BAD_TYPE,
                &e.id,
                c,
                format!("Primary key column “{}.{c}” is nullable.", e.name),
                "Primary key columns cannot be null: clear `nullable`.",
            ));
        }
    }
    for u in e
        .unique
        .iter()
        .map(|u| &u.columns)
        .chain(e.indexes.iter().map(|i| &i.columns))
    {
        if u.is_empty() {
            out.push(finding(
                &UNKNOWN_COLUMN,
                &e.id,
                "",
                format!("Entity “{}” has a key or index with no columns.", e.name),
                "Name its columns or remove it.",
            ));
        }
    }
    for fk in &e.foreign_keys {
        foreign_key(by_id, e, fk, out);
    }
}

fn foreign_key(
    by_id: &FxHashMap<&str, &Entity>,
    e: &Entity,
    fk: &crate::model::ForeignKey,
    out: &mut Vec<Finding>,
) {
    let part = fk.columns.join(",");
    let Some(&target) = by_id.get(fk.references.as_str()) else {
        return; // A dangling reference cannot be loaded; edits refuse it.
    };
    if target.store != e.store {
        out.push(finding(
            &FK_OTHER_DATABASE,
            &e.id,
            &part,
            format!("Entity “{}” has a foreign key to “{}”, which lives in database “{}”, not “{}”.", e.name, target.name, target.store, e.store),
            "Keep the id column without a foreign key (another service owns that data), or move the entity.",
        ));
        return;
    }
    if fk.columns.is_empty() || fk.columns.len() != fk.to_columns.len() {
        out.push(finding(
            &FK_ARITY,
            &e.id,
            &part,
            format!("The foreign key ({}) of “{}” has {} column(s) but references {} column(s) of “{}”.", part, e.name, fk.columns.len(), fk.to_columns.len(), target.name),
            "Give it as many columns as the referenced key, in the same order.",
        ));
        return;
    }
    for c in &fk.to_columns {
        if target.field(c).is_none() {
            out.push(finding(&UNKNOWN_COLUMN, &e.id, &part, format!("The foreign key ({part}) of “{}” references column “{c}”, which “{}” does not have.", e.name, target.name), "Reference the primary key or a unique key of the target."));
            return;
        }
    }
    if !target.is_key(&fk.to_columns) {
        out.push(finding(
            &FK_NOT_A_KEY,
            &e.id,
            &part,
            format!("The foreign key ({part}) of “{}” references ({}) of “{}”, which is neither its primary key nor a unique key.", e.name, fk.to_columns.join(", "), target.name),
            "Reference the primary key, or make the referenced columns unique.",
        ));
    }
    for (c, t) in fk.columns.iter().zip(&fk.to_columns) {
        let (Some(cf), Some(tf)) = (e.field(c), target.field(t)) else {
            continue;
        };
        if !cf.ty.compatible_with(&tf.ty) {
            out.push(finding(
                &FK_TYPE_MISMATCH,
                &e.id,
                c,
                format!(
                    "Column “{}.{c}” is {} but references “{}.{t}”, which is {}.",
                    e.name, cf.ty, target.name, tf.ty
                ),
                "Give both columns the same type.",
            ));
        }
        let sets_null = fk.on_delete == FkAction::SetNull || fk.on_update == FkAction::SetNull;
        if sets_null && !cf.nullable {
            out.push(finding(
                &FK_TYPE_MISMATCH,
                &e.id,
                c,
                format!("The foreign key ({part}) of “{}” sets “{c}” to NULL, but the column cannot be null.", e.name),
                "Make the column nullable or choose another action.",
            ));
        }
    }
}

fn field_type(owner: &str, field: &str, ty: &FieldType, out: &mut Vec<Finding>) {
    let problem = match ty {
        FieldType::Varchar(0) => Some("is varchar(0)".to_owned()),
        FieldType::Decimal(p, s) if *p == 0 || s > p || *p > 65 => Some(format!(
            "is decimal({p},{s}): precision must be 1–65 and the scale at most the precision"
        )),
        FieldType::Array(inner) if matches!(**inner, FieldType::Array(_)) => {
            Some("is an array of arrays".to_owned())
        }
        FieldType::Array(inner) => {
            field_type(owner, field, inner, out);
            None
        }
        _ => None,
    };
    if let Some(problem) = problem {
        out.push(finding(
            &BAD_TYPE,
            owner,
            field,
            format!("Field “{field}” {problem}."),
            "Choose a type that can exist.",
        ));
    }
}

/// What is wrong with a default value for a type, if anything.
fn default_problem(doc: &Document, ty: &FieldType, default: &DefaultValue) -> Option<String> {
    match default {
        DefaultValue::Sql(s) if s.trim().is_empty() => Some("is an empty SQL expression".into()),
        DefaultValue::Sql(_) => None,
        DefaultValue::Now => (!matches!(
            ty,
            FieldType::Timestamp | FieldType::TimestampTz | FieldType::Date | FieldType::Time
        ))
        .then(|| format!("is Now but the field is {ty}")),
        DefaultValue::RandomUuid => {
            (*ty != FieldType::Uuid).then(|| format!("is RandomUuid but the field is {ty}"))
        }
        DefaultValue::Value(v) => literal_problem(doc, ty, v),
    }
}

/// What is wrong with a literal for its type ([`FieldType::parse_literal`]).
/// An enum type that does not exist is reported on its own.
fn literal_problem(doc: &Document, ty: &FieldType, v: &str) -> Option<String> {
    match ty.parse_literal(v, doc) {
        Ok(_) | Err(LiteralError::UnknownEnum) => None,
        Err(e) => Some(e.to_string()),
    }
}
