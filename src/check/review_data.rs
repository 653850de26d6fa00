//! Review rules on data: what a database reviewer looks for beyond what the
//! DDL needs — foreign keys without an index, secrets in plain text,
//! personal data without a retention note, tenant isolation leaks and
//! nullable columns in unique keys.
//!
//! Entities without a primary key and foreign keys whose types differ are
//! structural (`data.rs`): the DDL would be wrong.

use rustc_hash::FxHashMap;

use super::{Finding, Rule, Severity};
use crate::model::{Document, Entity, FieldType, ForeignKey, Protection, Sensitivity};

pub const FK_WITHOUT_INDEX: Rule = Rule {
    id: "data/fk-without-index",
    severity: Severity::Warning,
    summary: "The columns of a foreign key are not the leading columns of any index, primary key or unique key (PostgreSQL does not create one), so joins and deletes of the referenced row scan the table.",
};
pub const PLAINTEXT_SECRET: Rule = Rule {
    id: "data/plaintext-secret",
    severity: Severity::Warning,
    summary: "A field marked secret, or a text field named like one (password, token, secret, API or private key), is neither hashed nor encrypted.",
};
pub const PERSONAL_WITHOUT_RETENTION: Rule = Rule {
    id: "data/personal-without-retention",
    severity: Severity::Warning,
    summary: "An entity holds personal data but has no retention note saying how long rows are kept and why.",
};
pub const UNMARKED_PERSONAL: Rule = Rule {
    id: "data/unmarked-personal",
    severity: Severity::Info,
    summary: "A field is named like personal data (e-mail, phone, name, address, birth date…) but is not marked personal.",
};
pub const TENANT_LEAK: Rule = Rule {
    id: "data/tenant-leak",
    severity: Severity::Warning,
    summary: "An entity references a tenant-scoped entity but is not tenant-scoped itself, so its rows escape tenant isolation.",
};
pub const TENANT_WITHOUT_RLS: Rule = Rule {
    id: "data/tenant-without-rls",
    severity: Severity::Warning,
    summary: "A database holds tenant-scoped entities but runs on MySQL, MariaDB or SQLite (by its technology), which have no row-level security: only the application keeps tenants apart.",
};
pub const NULLABLE_UNIQUE: Rule = Rule {
    id: "data/nullable-unique",
    severity: Severity::Warning,
    summary: "A multi-column unique key includes a nullable column: rows with NULL there are never duplicates, so the key does not hold for them. (A single nullable unique column — unique when present — is fine.)",
};

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    // Entities by id (the first of an id, as `Document::entity` finds it).
    let mut by_id: FxHashMap<&str, &Entity> =
        FxHashMap::with_capacity_and_hasher(doc.entities.len(), Default::default());
    for e in &doc.entities {
        by_id.entry(e.id.as_str()).or_insert(e);
    }
    tenant_without_rls(doc, out);
    for e in &doc.entities {
        for fk in &e.foreign_keys {
            fk_index(e, fk, out);
            tenant_leak(&by_id, e, fk, out);
        }
        secrets(e, out);
        personal(e, out);
        nullable_unique(e, out);
    }
}

/// Whether `columns` are, in some order, the first columns of `key`.
fn leads(key: &[String], columns: &[String]) -> bool {
    key.len() >= columns.len()
        && key[..columns.len()]
            .iter()
            .all(|k| columns.iter().any(|c| c == k))
}

fn fk_index(e: &Entity, fk: &ForeignKey, out: &mut Vec<Finding>) {
    if fk.columns.is_empty() || fk.columns.iter().any(|c| e.field(c).is_none()) {
        return; // Structural rules report it.
    }
    let covered = leads(&e.primary_key, &fk.columns)
        || e.unique.iter().any(|u| leads(&u.columns, &fk.columns))
        || e.indexes
            .iter()
            .any(|i| i.predicate.is_none() && leads(&i.columns, &fk.columns))
        || (fk.columns.len() == 1 && e.field(&fk.columns[0]).is_some_and(|f| f.unique));
    if covered {
        return;
    }
    let cols = fk.columns.join(", ");
    out.push(Finding::of(
        &FK_WITHOUT_INDEX,
        &e.id,
        fk.columns.join(","),
        format!(
            "The foreign key ({cols}) of “{}” has no index that starts with its columns.",
            e.name
        ),
        &format!(
            "Add an index on ({cols}): PostgreSQL does not create one, so joins on it and deletes of referenced rows scan the whole table."
        ),
    ));
}

/// The words of a field name: `apiKey`, `api_key` and `api-key` are `api`, `key`.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        // ASCII first: the same letter, without the Unicode case tables.
        if c.is_ascii() {
            cur.push(c.to_ascii_lowercase());
        } else {
            cur.extend(c.to_lowercase());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn has_pair(words: &[String], first: &str, second: &[&str]) -> bool {
    words
        .windows(2)
        .any(|w| w[0] == first && second.contains(&w[1].as_str()))
}

/// What a field name says it holds, if it names a secret.
fn secret_kind(name: &str) -> Option<&'static str> {
    let w = words(name);
    // Not the secret itself: a hash, a ciphertext, a timestamp, a flag, a reference.
    let derived = [
        "hash",
        "hashed",
        "digest",
        "encrypted",
        "enc",
        "cipher",
        "ciphertext",
        "salt",
        "id",
        "at",
        "expires",
        "expiry",
        "type",
        "count",
        "hint",
        "length",
        "last4",
        "prefix",
    ];
    if w.iter().any(|x| derived.contains(&x.as_str())) {
        return None;
    }
    let has = |x: &str| w.iter().any(|y| y == x);
    if has("password") || has("passwd") || has("pwd") {
        Some("a password")
    } else if has("token") {
        Some("a token")
    } else if has("apikey") || has_pair(&w, "api", &["key"]) {
        Some("an API key")
    } else if has_pair(&w, "private", &["key"])
        || has_pair(&w, "secret", &["key"])
        || has_pair(&w, "signing", &["key"])
        || has_pair(&w, "access", &["key"])
    {
        Some("a key")
    } else if has("secret") {
        Some("a secret")
    } else {
        None
    }
}

fn is_textual(ty: &FieldType) -> bool {
    matches!(
        ty,
        FieldType::Text | FieldType::Varchar(_) | FieldType::Bytes
    )
}

fn secrets(e: &Entity, out: &mut Vec<Finding>) {
    for f in &e.fields {
        if f.protection != Protection::None {
            continue;
        }
        let what = if f.sensitivity == Sensitivity::Secret {
            "is marked secret"
        } else if is_textual(&f.ty)
            && let Some(kind) = secret_kind(&f.name)
        {
            kind
        } else {
            continue;
        };
        let message = if f.sensitivity == Sensitivity::Secret {
            format!(
                "Field “{}.{}” {what} but is stored in plain text.",
                e.name, f.name
            )
        } else {
            format!(
                "Field “{}.{}” looks like {what} and is stored in plain text.",
                e.name, f.name
            )
        };
        out.push(Finding::of(
            &PLAINTEXT_SECRET,
            &e.id,
            f.name.clone(),
            message,
            "Store a one-way hash of passwords (argon2id, bcrypt) and encrypt tokens and keys; then set `protection` (Hashed or Encrypted) and `sensitivity: Secret`.",
        ));
    }
}

/// What a field name says it holds, if it names personal data.
fn personal_kind(name: &str) -> Option<&'static str> {
    let w = words(name);
    let not_the_data = [
        "id",
        "at",
        "verified",
        "count",
        "type",
        "hash",
        "confirmed",
        "opt",
        "optin",
        "status",
    ];
    if w.iter().any(|x| not_the_data.contains(&x.as_str())) {
        return None;
    }
    let has = |x: &str| w.iter().any(|y| y == x);
    if has("email") || has_pair(&w, "e", &["mail"]) {
        Some("an e-mail address")
    } else if has("phone") || has("mobile") || has("msisdn") {
        Some("a phone number")
    } else if has_pair(&w, "first", &["name"])
        || has_pair(&w, "last", &["name"])
        || has_pair(&w, "full", &["name"])
        || has_pair(&w, "given", &["name"])
        || has_pair(&w, "family", &["name"])
        || has("firstname")
        || has("lastname")
        || has("surname")
        || has("fullname")
    {
        Some("a person's name")
    } else if has("birthday")
        || has("birthdate")
        || has("dob")
        || has_pair(&w, "birth", &["date", "day"])
        || has_pair(&w, "of", &["birth"])
    {
        Some("a birth date")
    } else if has("address") || has("street") || has("postcode") || has("zip") {
        Some("an address")
    } else if has("ssn")
        || has("passport")
        || has("iban")
        || has_pair(&w, "national", &["id", "number"])
        || has_pair(&w, "tax", &["number"])
    {
        Some("an identity or bank number")
    } else {
        None
    }
}

fn personal(e: &Entity, out: &mut Vec<Finding>) {
    let personal: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.sensitivity == Sensitivity::Personal)
        .map(|f| f.name.as_str())
        .collect();
    if !personal.is_empty() && e.retention.trim().is_empty() {
        out.push(Finding::of(
            &PERSONAL_WITHOUT_RETENTION,
            &e.id,
            "",
            format!(
                "Entity “{}” holds personal data ({}) but has no retention note.",
                e.name,
                personal.join(", ")
            ),
            "Say in `retention` how long rows are kept and why (e.g. deleted 30 days after the account is closed).",
        ));
    }
    for f in &e.fields {
        if f.sensitivity != Sensitivity::None
            || matches!(
                f.ty,
                FieldType::Bool
                    | FieldType::SmallInt
                    | FieldType::Int
                    | FieldType::BigInt
                    | FieldType::Float
                    | FieldType::Double
                    | FieldType::Decimal(..)
                    | FieldType::Uuid
                    | FieldType::Enum(_)
            )
        {
            continue;
        }
        if let Some(kind) = personal_kind(&f.name) {
            out.push(Finding::of(
                &UNMARKED_PERSONAL,
                &e.id,
                f.name.clone(),
                format!(
                    "Field “{}.{}” looks like {kind} but is not marked as personal data.",
                    e.name, f.name
                ),
                "Set `sensitivity: Personal` so exports, retention and access reviews know it is personal data.",
            ));
        }
    }
}

fn tenant_leak(
    by_id: &FxHashMap<&str, &Entity>,
    e: &Entity,
    fk: &ForeignKey,
    out: &mut Vec<Finding>,
) {
    if e.is_tenant_scoped() || fk.references == e.id {
        return;
    }
    let Some(&target) = by_id.get(fk.references.as_str()) else {
        return;
    };
    let Some(tenant) = &target.tenant_column else {
        return;
    };
    out.push(Finding::of(
        &TENANT_LEAK,
        &e.id,
        fk.columns.join(","),
        format!(
            "Entity “{}” references “{}”, which is scoped by tenant ({tenant}), but is not tenant-scoped itself.",
            e.name, target.name
        ),
        &format!(
            "Add the tenant column to “{}”, set its `tenant_column` and include it in the foreign key, so its rows are isolated by tenant like those of “{}”.",
            e.name, target.name
        ),
    ));
}

/// Databases whose technology names only engines without row-level
/// security (MySQL, MariaDB, SQLite) but that hold tenant-scoped entities:
/// there the DDL cannot isolate tenants (PostgreSQL's does).
fn tenant_without_rls(doc: &Document, out: &mut Vec<Finding>) {
    for db in doc.containers.iter().filter(|c| c.kind.is_data_store()) {
        let tech = db.technology.to_lowercase();
        let without = ["mysql", "mariadb", "sqlite"]
            .iter()
            .any(|engine| tech.contains(engine));
        if !without || tech.contains("postgres") {
            continue;
        }
        let scoped: Vec<&str> = doc
            .entities
            .iter()
            .filter(|e| e.store == db.id && e.is_tenant_scoped())
            .map(|e| e.name.as_str())
            .collect();
        if scoped.is_empty() {
            continue;
        }
        out.push(Finding::of(
            &TENANT_WITHOUT_RLS,
            &db.id,
            "",
            format!(
                "Database “{}” ({}) holds tenant-scoped entities ({}), but its engine has no row-level security, so its DDL cannot keep tenants apart.",
                db.name,
                db.technology,
                scoped.join(", ")
            ),
            "Filter every query on those tables by the tenant column in the application (and test it), or run this database on PostgreSQL, whose DDL forces row-level security.",
        ));
    }
}

fn nullable_unique(e: &Entity, out: &mut Vec<Finding>) {
    let keys = e.unique.iter().map(|u| (&u.columns, None)).chain(
        e.indexes
            .iter()
            .filter(|i| i.unique)
            .map(|i| (&i.columns, i.predicate.as_deref())),
    );
    for (columns, predicate) in keys {
        if columns.len() < 2 {
            continue;
        }
        let predicate = predicate.unwrap_or_default().to_lowercase();
        for c in columns {
            let Some(f) = e.field(c) else { continue };
            if !f.nullable || predicate.contains(&format!("{} is not null", c.to_lowercase())) {
                continue;
            }
            let cols = columns.join(", ");
            out.push(Finding::of(
                &NULLABLE_UNIQUE,
                &e.id,
                columns.join(","),
                format!(
                    "The unique key ({cols}) of “{}” includes nullable “{c}”: rows where it is NULL are never duplicates.",
                    e.name
                ),
                &format!(
                    "Make “{c}” NOT NULL, add a unique index with the predicate `{c} IS NOT NULL` and another for the NULL rows, or use NULLS NOT DISTINCT (PostgreSQL 15+)."
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("apiKey"), ["api", "key"]);
        assert_eq!(words("API_KEY"), ["api", "key"]);
        assert_eq!(words("refresh-token"), ["refresh", "token"]);
        assert_eq!(words("card_last4"), ["card", "last4"]);
    }

    #[test]
    fn secret_names_are_recognised_and_derived_ones_are_not() {
        assert_eq!(secret_kind("password"), Some("a password"));
        assert_eq!(secret_kind("apiKey"), Some("an API key"));
        assert_eq!(secret_kind("refresh_token"), Some("a token"));
        assert_eq!(secret_kind("client_secret"), Some("a secret"));
        assert_eq!(secret_kind("password_hash"), None);
        assert_eq!(secret_kind("token_expires_at"), None);
        assert_eq!(secret_kind("idempotency_key"), None);
        assert_eq!(secret_kind("monkey"), None);
    }

    #[test]
    fn personal_names_are_recognised() {
        assert_eq!(personal_kind("email"), Some("an e-mail address"));
        assert_eq!(personal_kind("e_mail"), Some("an e-mail address"));
        assert_eq!(personal_kind("lastName"), Some("a person's name"));
        assert_eq!(personal_kind("date_of_birth"), Some("a birth date"));
        assert_eq!(personal_kind("email_verified_at"), None);
        assert_eq!(personal_kind("name"), None);
        assert_eq!(personal_kind("ip_address_id"), None);
    }
}
