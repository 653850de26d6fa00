//! Which changes break something, and why.
//!
//! - Data: a dropped table or column, a renamed table or column (queries
//!   by the old name fail), a type that does not widen, a column made NOT
//!   NULL, a NOT NULL column added with no default, an enum value removed.
//!   A column change names the endpoints whose responses carry the entity.
//! - APIs: a removed API or endpoint, a moved endpoint (method or path), a
//!   new or newly required parameter, a retyped parameter, a changed
//!   request body, a removed response, a changed security requirement or
//!   scheme, a moved base path.
//! - Events: a removed event type, a removed or retyped payload field, a
//!   changed key, channel or wire name.
//!
//! Everything else (what is added and optional, descriptions, elements,
//! relationships, views) is compatible.

use serde_json::Value;

use super::{Change, Diff, ItemChange, PropertyChange};
use crate::model::{Document, FieldType, ItemKind};

/// Sets the `breaking` reason of every change that breaks something.
pub(super) fn classify(old: &Document, _new: &Document, diff: &mut Diff) {
    for item in &mut diff.items {
        match item.change {
            Change::Added => {}
            Change::Removed => item.breaking = removed(item),
            Change::Changed => {
                let kind = item.kind;
                let returned = if kind == ItemKind::Entity {
                    returned_by(old, &item.id)
                } else {
                    Vec::new()
                };
                for p in &mut item.properties {
                    p.breaking = match kind {
                        ItemKind::Entity => entity(p).map(|why| with_responses(why, p, &returned)),
                        ItemKind::Enum => enum_type(p),
                        ItemKind::Api => api(p),
                        ItemKind::Event => event(p),
                        _ => None,
                    };
                }
            }
        }
    }
}

/// The endpoints (`operationId`, in the old model) whose responses carry
/// the entity.
fn returned_by(doc: &Document, entity: &str) -> Vec<String> {
    doc.apis
        .iter()
        .flat_map(|a| &a.endpoints)
        .filter(|e| {
            e.responses.iter().any(|r| {
                r.body
                    .as_ref()
                    .and_then(|b| b.entity())
                    .is_some_and(|x| x == entity)
            })
        })
        .map(|e| e.operation_id.clone())
        .collect()
}

/// A column's breaking change, and the API responses it reaches.
fn with_responses(why: String, p: &PropertyChange, returned: &[String]) -> String {
    let column = matches!(step(&p.path), ("fields", Some(_), _));
    if !column || returned.is_empty() {
        return why;
    }
    format!("{why}; the responses of {} carry it", returned.join(", "))
}

fn removed(item: &ItemChange) -> Option<String> {
    Some(match item.kind {
        ItemKind::Entity => "drops the table and its rows".into(),
        ItemKind::Enum => "drops the enum type, and the columns that use it fail".into(),
        ItemKind::Api => "removes the API: its clients' calls fail".into(),
        ItemKind::Event => "removes the event type: its consumers receive nothing".into(),
        _ => return None,
    })
}

/// A path's first step: `fields[email].type` → (`fields`, `email`, `type`).
fn step(path: &str) -> (&str, Option<&str>, &str) {
    let (head, rest) = match path.find(['.', '[']) {
        Some(i) if path[i..].starts_with('[') => {
            let close = path[i..].find(']').map_or(path.len(), |j| i + j);
            let key = &path[i + 1..close];
            let rest = path[close..].trim_start_matches(']');
            let rest = rest.strip_prefix('.').unwrap_or(rest);
            return (&path[..i], Some(key), rest);
        }
        Some(i) => (&path[..i], &path[i + 1..]),
        None => (path, ""),
    };
    (head, None, rest)
}

fn field_type(v: Option<&Value>) -> Option<FieldType> {
    serde_json::from_value(v?.clone()).ok()
}

/// Whether every value of `old` fits `new` unchanged.
fn widens(old: &FieldType, new: &FieldType) -> bool {
    use FieldType::*;
    match (old, new) {
        (Varchar(a), Varchar(b)) => b >= a,
        (Varchar(_), Text) => true,
        (SmallInt, Int | BigInt) | (Int, BigInt) | (Float, Double) => true,
        (Decimal(p, s), Decimal(p2, s2)) => {
            s2 >= s && p2.saturating_sub(*s2) >= p.saturating_sub(*s)
        }
        (SmallInt | Int, Decimal(p, s)) => {
            // Ten digits hold any Int; five any SmallInt.
            let digits = if matches!(old, SmallInt) { 5 } else { 10 };
            p.saturating_sub(*s) >= digits
        }
        (a, b) => a == b,
    }
}

fn is_true(v: Option<&Value>) -> bool {
    v.and_then(Value::as_bool).unwrap_or(false)
}

/// A column or payload field added or changed in a way that breaks.
fn field(what: &str, name: &str, rest: &str, p: &PropertyChange) -> Option<String> {
    match rest {
        "" if p.new.is_none() => Some(format!("drops {what} {name} and its data")),
        "" if p.old.is_none() => {
            let f = p.new.as_ref()?;
            let required = !is_true(f.get("nullable"))
                && f.get("default").is_none_or(Value::is_null)
                && !is_true(f.get("identity"));
            (required && what == "column").then(|| {
                format!("adds NOT NULL column {name} with no default: fails on a table with rows")
            })
        }
        "name" => {
            let was = p.old.as_ref().and_then(Value::as_str).unwrap_or("?");
            Some(format!(
                "renames {what} {was} to {name}: readers of the old name fail"
            ))
        }
        "type" => {
            let (a, b) = (field_type(p.old.as_ref()), field_type(p.new.as_ref()));
            match (a, b) {
                (Some(a), Some(b)) if widens(&a, &b) => None,
                _ => Some(format!(
                    "changes the type of {what} {name}: existing values may not convert"
                )),
            }
        }
        "nullable" if is_true(p.old.as_ref()) && !is_true(p.new.as_ref()) => Some(format!(
            "makes {what} {name} NOT NULL: fails on rows without a value"
        )),
        _ => None,
    }
}

fn entity(p: &PropertyChange) -> Option<String> {
    match step(&p.path) {
        ("fields", Some(name), rest) => field("column", name, rest, p),
        ("name", None, _) => Some("renames the table: queries by the old name fail".into()),
        _ => None,
    }
}

fn enum_type(p: &PropertyChange) -> Option<String> {
    match step(&p.path) {
        ("values", None, "") => {
            let list = |v: &Option<Value>| -> Vec<String> {
                v.as_ref()
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|x| x.as_str().map(str::to_owned))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (old, new) = (list(&p.old), list(&p.new));
            let gone: Vec<&String> = old.iter().filter(|v| !new.contains(v)).collect();
            (!gone.is_empty()).then(|| {
                let names: Vec<&str> = gone.iter().map(|s| s.as_str()).collect();
                format!(
                    "removes the value {}: rows holding it fail",
                    names.join(", ")
                )
            })
        }
        ("name", None, _) => {
            Some("renames the enum type: columns and casts by the old name fail".into())
        }
        _ => None,
    }
}

fn api(p: &PropertyChange) -> Option<String> {
    match step(&p.path) {
        ("endpoints", Some(op), rest) => endpoint(op, rest, p),
        ("base_path", None, _) => Some("moves every endpoint to another base path".into()),
        ("security_schemes", _, _) => Some("changes how clients authenticate".into()),
        _ => None,
    }
}

fn endpoint(op: &str, rest: &str, p: &PropertyChange) -> Option<String> {
    if rest.is_empty() {
        return p
            .new
            .is_none()
            .then(|| format!("removes the endpoint {op}: its calls fail"));
    }
    match step(rest) {
        ("method" | "path", None, _) => Some(format!(
            "moves the endpoint {op}: calls to the old method and path fail"
        )),
        ("parameters", Some(name), inner) => match inner {
            "" if p.old.is_none() => p
                .new
                .as_ref()
                .is_some_and(|v| {
                    is_true(v.get("required"))
                        || v.get("in").and_then(Value::as_str) == Some("Path")
                })
                .then(|| {
                    format!("adds the required parameter {name} to {op}: calls without it fail")
                }),
            "required" if !is_true(p.old.as_ref()) && is_true(p.new.as_ref()) => Some(format!(
                "makes the parameter {name} of {op} required: calls without it fail"
            )),
            "type" => {
                let (a, b) = (field_type(p.old.as_ref()), field_type(p.new.as_ref()));
                match (a, b) {
                    // A parameter is sent by the client: the new type must take every old value.
                    (Some(a), Some(b)) if widens(&a, &b) => None,
                    _ => Some(format!("changes the type of the parameter {name} of {op}")),
                }
            }
            "in" | "name" => Some(format!("moves the parameter {name} of {op}")),
            _ => None,
        },
        ("operation_id", None, _) => {
            let was = p.old.as_ref().and_then(Value::as_str).unwrap_or("?");
            Some(format!(
                "renames the operation {was} to {op}: generated clients' methods change"
            ))
        }
        ("request", _, _) => Some(format!("changes the request body of {op}")),
        ("responses", Some(status), "") if p.new.is_none() => {
            Some(format!("removes the response {status} of {op}"))
        }
        ("responses", Some(status), inner) if inner.starts_with("body") => {
            Some(format!("changes the body of the response {status} of {op}"))
        }
        ("security" | "public" | "roles", _, _) => Some(format!("changes who may call {op}")),
        ("paginated", None, _) => Some(format!(
            "changes the shape of what {op} returns (pagination)"
        )),
        _ => None,
    }
}

fn event(p: &PropertyChange) -> Option<String> {
    match step(&p.path) {
        ("payload", Some(name), rest) => match rest {
            "" if p.new.is_none() => Some(format!(
                "removes the payload field {name}: consumers that read it fail"
            )),
            "type" => Some(format!(
                "changes the type of the payload field {name}: consumers may not read it"
            )),
            "name" => Some(format!(
                "renames the payload field {name}: consumers read the old name"
            )),
            "nullable" if !is_true(p.old.as_ref()) && is_true(p.new.as_ref()) => Some(format!(
                "makes the payload field {name} optional: consumers that expect it may fail"
            )),
            _ => None,
        },
        ("key", None, _) => Some("changes the message key: ordering per key changes".into()),
        ("channel", None, _) => {
            Some("moves to another channel: consumers listen on the old one".into())
        }
        ("name", None, _) => Some("renames the event type on the wire".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_splits_at_its_first_step() {
        assert_eq!(
            step("fields[email].type"),
            ("fields", Some("email"), "type")
        );
        assert_eq!(step("fields[email]"), ("fields", Some("email"), ""));
        assert_eq!(step("technology"), ("technology", None, ""));
        assert_eq!(step("positions.a.x"), ("positions", None, "a.x"));
        assert_eq!(
            step("endpoints[getOrder].parameters[page].required"),
            ("endpoints", Some("getOrder"), "parameters[page].required")
        );
    }

    #[test]
    fn widening_keeps_every_old_value() {
        use FieldType::*;
        assert!(widens(&Varchar(20), &Varchar(40)));
        assert!(!widens(&Varchar(40), &Varchar(20)));
        assert!(widens(&Varchar(40), &Text));
        assert!(!widens(&Text, &Varchar(40)));
        assert!(widens(&Int, &BigInt));
        assert!(!widens(&BigInt, &Int));
        assert!(widens(&Decimal(10, 2), &Decimal(12, 2)));
        assert!(
            !widens(&Decimal(10, 2), &Decimal(10, 3)),
            "one digit less before the point"
        );
        assert!(widens(&Int, &Decimal(12, 2)));
        assert!(!widens(&Int, &Decimal(10, 2)));
        assert!(!widens(&Timestamp, &Date));
    }
}
