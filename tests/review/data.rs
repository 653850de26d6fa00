//! The data rules (`data/…`): the review rules of `src/check/review_data.rs`
//! and the structural rules of `src/check/data.rs` that the review issue lists.
//! Their firing cases and near misses; `tests/review_data.rs` runs them.

use super::*;

pub fn firing() -> Vec<Fires> {
    vec![
        Fires {
            rule: "data/no-primary-key",
            change: |d| entity(d, "orders").primary_key.clear(),
            element: "orders",
            part: "",
            message: "Entity “orders” has no primary key.",
        },
        Fires {
            rule: "data/fk-type-mismatch",
            change: |d| entity(d, "orders").fields[1].ty = FieldType::BigInt,
            element: "orders",
            part: "customer_id",
            message: "Column “orders.customer_id” is bigint but references “customers.id”, which is uuid.",
        },
        Fires {
            rule: "data/fk-without-index",
            change: |d| entity(d, "orders").indexes.clear(),
            element: "orders",
            part: "customer_id",
            message: "The foreign key (customer_id) of “orders” has no index that starts with its columns.",
        },
        Fires {
            rule: "data/fk-without-index",
            change: |d| {
                // A partial index does not serve every row of the join.
                entity(d, "orders").indexes[0].predicate = Some("customer_id IS NOT NULL".into());
            },
            element: "orders",
            part: "customer_id",
            message: "The foreign key (customer_id) of “orders” has no index that starts with its columns.",
        },
        Fires {
            rule: "data/plaintext-secret",
            change: |d| {
                let mut f = field("password", FieldType::Varchar(100));
                f.sensitivity = Sensitivity::Secret;
                entity(d, "customers").fields.push(f);
            },
            element: "customers",
            part: "password",
            message: "Field “customers.password” is marked secret but is stored in plain text.",
        },
        Fires {
            rule: "data/plaintext-secret",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("refresh_token", FieldType::Text));
            },
            element: "customers",
            part: "refresh_token",
            message: "Field “customers.refresh_token” looks like a token and is stored in plain text.",
        },
        Fires {
            rule: "data/personal-without-retention",
            change: |d| entity(d, "customers").retention.clear(),
            element: "customers",
            part: "",
            message: "Entity “customers” holds personal data (email) but has no retention note.",
        },
        Fires {
            rule: "data/unmarked-personal",
            change: |d| entity(d, "customers").fields[1].sensitivity = Sensitivity::None,
            element: "customers",
            part: "email",
            message: "Field “customers.email” looks like an e-mail address but is not marked as personal data.",
        },
        Fires {
            rule: "data/tenant-leak",
            change: |d| {
                let c = entity(d, "customers");
                c.fields.push(field("tenant_id", FieldType::Uuid));
                c.tenant_column = Some("tenant_id".into());
            },
            element: "orders",
            part: "customer_id",
            message: "Entity “orders” references “customers”, which is scoped by tenant (tenant_id), but is not tenant-scoped itself.",
        },
        Fires {
            rule: "data/nullable-unique",
            change: |d| {
                let o = entity(d, "orders");
                let mut f = field("external_ref", FieldType::Varchar(50));
                f.nullable = true;
                o.fields.push(f);
                o.unique.push(UniqueKey {
                    name: None,
                    columns: vec!["customer_id".into(), "external_ref".into()],
                });
            },
            element: "orders",
            part: "customer_id,external_ref",
            message: "The unique key (customer_id, external_ref) of “orders” includes nullable “external_ref”: rows where it is NULL are never duplicates.",
        },
    ]
}

pub fn near_misses() -> Vec<Misses> {
    vec![
        Misses {
            rule: "data/no-primary-key",
            why: "a composite primary key is a primary key",
            change: |d| entity(d, "orders").primary_key = vec!["id".into(), "customer_id".into()],
        },
        Misses {
            rule: "data/fk-type-mismatch",
            why: "both columns changed to the same type",
            change: |d| {
                entity(d, "orders").fields[1].ty = FieldType::BigInt;
                entity(d, "customers").fields[0].ty = FieldType::BigInt;
            },
        },
        Misses {
            rule: "data/fk-type-mismatch",
            why: "varchar and text are the same logical type",
            change: |d| {
                entity(d, "orders").fields[1].ty = FieldType::Text;
                entity(d, "customers").fields[0].ty = FieldType::Varchar(36);
            },
        },
        Misses {
            rule: "data/fk-without-index",
            why: "a composite index that starts with the foreign key column covers it",
            change: |d| {
                entity(d, "orders").indexes[0].columns = vec!["customer_id".into(), "id".into()];
            },
        },
        Misses {
            rule: "data/fk-without-index",
            why: "a primary key that starts with the column covers it",
            change: |d| {
                let o = entity(d, "orders");
                o.indexes.clear();
                o.primary_key = vec!["customer_id".into(), "id".into()];
            },
        },
        Misses {
            rule: "data/plaintext-secret",
            why: "the secret is hashed",
            change: |d| {
                let mut f = field("password", FieldType::Varchar(100));
                f.sensitivity = Sensitivity::Secret;
                f.protection = Protection::Hashed;
                entity(d, "customers").fields.push(f);
            },
        },
        Misses {
            rule: "data/plaintext-secret",
            why: "a hash, an expiry time and a flag are not the secret itself",
            change: |d| {
                let c = entity(d, "customers");
                c.fields.push(field("password_hash", FieldType::Text));
                c.fields
                    .push(field("token_expires_at", FieldType::TimestampTz));
                c.fields
                    .push(field("password_reset_required", FieldType::Bool));
            },
        },
        Misses {
            rule: "data/personal-without-retention",
            why: "an entity without personal data needs no retention note",
            change: |d| {
                let c = entity(d, "customers");
                c.retention.clear();
                c.fields[1] = field("nickname", FieldType::Varchar(50));
            },
        },
        Misses {
            rule: "data/unmarked-personal",
            why: "a timestamp about the e-mail is not the e-mail",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("email_verified_at", FieldType::TimestampTz));
            },
        },
        Misses {
            rule: "data/tenant-leak",
            why: "the referencing entity is tenant-scoped too",
            change: |d| {
                for id in ["customers", "orders"] {
                    let e = entity(d, id);
                    e.fields.push(field("tenant_id", FieldType::Uuid));
                    e.tenant_column = Some("tenant_id".into());
                }
            },
        },
        Misses {
            rule: "data/nullable-unique",
            why: "a single nullable unique column means unique when present",
            change: |d| {
                let mut f = field("external_ref", FieldType::Varchar(50));
                f.nullable = true;
                f.unique = true;
                entity(d, "orders").fields.push(f);
            },
        },
        Misses {
            rule: "data/nullable-unique",
            why: "a partial unique index over the non-null rows holds",
            change: |d| {
                let o = entity(d, "orders");
                let mut f = field("external_ref", FieldType::Varchar(50));
                f.nullable = true;
                o.fields.push(f);
                o.indexes.push(index(
                    &["customer_id", "external_ref"],
                    true,
                    Some("external_ref IS NOT NULL"),
                ));
            },
        },
    ]
}
