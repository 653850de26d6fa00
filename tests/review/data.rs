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
                tenant_scoped(d, "customers");
            },
            element: "orders",
            part: "customer_id",
            message: "Entity “orders” references “customers”, which is scoped by tenant (tenant_id), but is not tenant-scoped itself.",
        },
        Fires {
            rule: "data/tenant-without-rls",
            change: |d| {
                container_mut(d, "db").technology = "MySQL 8.4".into();
                tenant_scoped(d, "customers");
            },
            element: "db",
            part: "",
            message: "Database “Shop database” (MySQL 8.4) holds tenant-scoped entities (customers), but its engine has no row-level security, so its DDL cannot keep tenants apart.",
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
        Fires {
            rule: "data/bad-default",
            change: |d| {
                let mut f = field("age", FieldType::Int);
                f.default = Some(DefaultValue::Value("twelve".into()));
                entity(d, "customers").fields.push(f);
            },
            element: "customers",
            part: "age",
            message: "The default of “customers.age” \"twelve\" is not an int.",
        },
        Fires {
            rule: "data/bad-type",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("code", FieldType::Varchar(0)));
            },
            element: "customers",
            part: "code",
            message: "Field “code” is varchar(0).",
        },
        Fires {
            rule: "data/duplicate-name",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("Email", FieldType::Text));
            },
            element: "customers",
            part: "Email",
            message: "Entity “customers” has two fields named “Email”.",
        },
        Fires {
            rule: "data/enum-values",
            change: |d| {
                d.enums.push(EnumType {
                    id: "status".into(),
                    name: "status".into(),
                    values: vec!["open".into(), "open".into()],
                    comment: String::new(),
                });
            },
            element: "status",
            part: "",
            message: "Enum “status” has the value \"open\" twice or empty.",
        },
        Fires {
            rule: "data/fk-arity",
            change: |d| {
                entity(d, "orders").foreign_keys[0]
                    .columns
                    .push("id".into());
            },
            element: "orders",
            part: "customer_id,id",
            message: "The foreign key (customer_id,id) of “orders” has 2 column(s) but references 1 column(s) of “customers”.",
        },
        Fires {
            rule: "data/fk-not-a-key",
            change: |d| {
                let o = entity(d, "orders");
                o.fields
                    .push(field("customer_email", FieldType::Varchar(320)));
                o.foreign_keys[0].columns = vec!["customer_email".into()];
                o.foreign_keys[0].to_columns = vec!["email".into()];
            },
            element: "orders",
            part: "customer_email",
            message: "The foreign key (customer_email) of “orders” references (email) of “customers”, which is neither its primary key nor a unique key.",
        },
        Fires {
            rule: "data/fk-other-database",
            change: |d| {
                d.containers.push(container(
                    "audit-db",
                    "shop",
                    "Audit database",
                    ContainerKind::Database,
                    "PostgreSQL 16",
                ));
                entity(d, "orders").store = "audit-db".into();
            },
            element: "orders",
            part: "customer_id",
            message: "Entity “orders” has a foreign key to “customers”, which lives in database “db”, not “audit-db”.",
        },
        Fires {
            rule: "data/identity-not-integer",
            change: |d| entity(d, "customers").fields[0].identity = true,
            element: "customers",
            part: "id",
            message: "Field “customers.id” is an identity but is not an integer.",
        },
        Fires {
            rule: "data/no-fields",
            change: |d| d.entities.push(Entity::new("empty", "db", "empty")),
            element: "empty",
            part: "",
            message: "Entity “empty” has no fields.",
        },
        Fires {
            rule: "data/unknown-column",
            change: |d| {
                entity(d, "customers")
                    .indexes
                    .push(index(&["emial"], false, None));
            },
            element: "customers",
            part: "emial",
            message: "The index of entity “customers” names column “emial”, which it does not have.",
        },
        Fires {
            rule: "data/sql-not-an-expression",
            change: |d| {
                entity(d, "orders").checks.push(Check {
                    name: None,
                    expression:
                        "true)); CREATE TABLE pwned (x int); CREATE TABLE z (y int, CHECK (true"
                            .into(),
                });
            },
            element: "orders",
            part: "check 1",
            message: "The check expression “true)); CREATE TABLE pwned (x int); CREATE TABLE z (y int, CHECK (true” of “orders” is not one SQL expression: one expression ends before “)” at line 1, column 5.",
        },
        Fires {
            rule: "data/sql-dialect-only",
            change: |d| {
                let o = entity(d, "orders");
                o.fields.push(field("extras", FieldType::Json));
                o.checks.push(Check {
                    name: Some("has_channel".into()),
                    expression: "extras ? 'channel'".into(),
                });
            },
            element: "orders",
            part: "has_channel",
            message: "The check expression “extras ? 'channel'” of “orders” does not read as SQL in MySQL or SQLite (MySQL: one expression ends before “?” at line 1, column 8), so the MySQL and SQLite DDL would fail.",
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
                tenant_scoped(d, "customers");
                tenant_scoped(d, "orders");
            },
        },
        Misses {
            rule: "data/tenant-without-rls",
            why: "on PostgreSQL the DDL forces row-level security",
            change: |d| {
                container_mut(d, "db").technology = "PostgreSQL 16, migrated from MySQL".into();
                tenant_scoped(d, "customers");
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
        Misses {
            rule: "data/bad-default",
            why: "a number that fits an int",
            change: |d| {
                let mut f = field("age", FieldType::Int);
                f.default = Some(DefaultValue::Value("12".into()));
                entity(d, "customers").fields.push(f);
            },
        },
        Misses {
            rule: "data/bad-type",
            why: "varchar(1) exists",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("code", FieldType::Varchar(1)));
            },
        },
        Misses {
            rule: "data/duplicate-name",
            why: "a name that only starts the same",
            change: |d| {
                entity(d, "customers")
                    .fields
                    .push(field("email_2", FieldType::Text));
            },
        },
        Misses {
            rule: "data/enum-values",
            why: "two different values",
            change: |d| {
                d.enums.push(EnumType {
                    id: "status".into(),
                    name: "status".into(),
                    values: vec!["open".into(), "Open".into()],
                    comment: String::new(),
                });
            },
        },
        Misses {
            rule: "data/fk-arity",
            why: "two columns to a unique key of two",
            change: |d| {
                let c = entity(d, "customers");
                c.fields.push(field("region", FieldType::Text));
                c.unique.push(UniqueKey {
                    name: None,
                    columns: vec!["id".into(), "region".into()],
                });
                let o = entity(d, "orders");
                o.fields.push(field("region", FieldType::Text));
                o.foreign_keys[0].columns.push("region".into());
                o.foreign_keys[0].to_columns.push("region".into());
            },
        },
        Misses {
            rule: "data/fk-not-a-key",
            why: "the referenced column is unique",
            change: |d| {
                entity(d, "customers").fields[1].unique = true;
                let o = entity(d, "orders");
                o.fields
                    .push(field("customer_email", FieldType::Varchar(320)));
                o.foreign_keys[0].columns = vec!["customer_email".into()];
                o.foreign_keys[0].to_columns = vec!["email".into()];
            },
        },
        Misses {
            rule: "data/fk-other-database",
            why: "both tables moved to the other database together",
            change: |d| {
                d.containers.push(container(
                    "audit-db",
                    "shop",
                    "Audit database",
                    ContainerKind::Database,
                    "PostgreSQL 16",
                ));
                for e in &mut d.entities {
                    e.store = "audit-db".into();
                }
            },
        },
        Misses {
            rule: "data/identity-not-integer",
            why: "a bigint identity",
            change: |d| {
                let o = entity(d, "orders");
                o.fields.push(Field {
                    identity: true,
                    ..field("number", FieldType::BigInt)
                });
            },
        },
        Misses {
            rule: "data/no-fields",
            why: "one field is enough",
            change: |d| {
                let mut e = Entity::new("single", "db", "single");
                e.fields.push(field("id", FieldType::Uuid));
                e.primary_key = vec!["id".into()];
                d.entities.push(e);
            },
        },
        Misses {
            rule: "data/unknown-column",
            why: "an index on a column the entity has",
            change: |d| {
                entity(d, "customers")
                    .indexes
                    .push(index(&["email"], false, None));
            },
        },
        Misses {
            rule: "data/sql-not-an-expression",
            why: "one condition, read alike by every engine",
            change: |d| {
                entity(d, "orders").checks.push(Check {
                    name: None,
                    expression: "length(customer_id) > 0 AND id <> customer_id".into(),
                });
            },
        },
        Misses {
            rule: "data/sql-dialect-only",
            why: "a standard cast",
            change: |d| {
                let o = entity(d, "orders");
                o.fields.push(field("total", FieldType::Decimal(10, 2)));
                o.checks.push(Check {
                    name: Some("positive_total".into()),
                    expression: "CAST(total AS DECIMAL(10, 2)) > 0".into(),
                });
            },
        },
    ]
}
