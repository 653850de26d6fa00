//! The PostgreSQL DDL runs on a real PostgreSQL server, through the driver
//! and through `psql`, and the server ends up with exactly the schema the
//! model describes (see `tests/sql/common.rs` for what is compared and how
//! the server is found: `ARCHDESK_PG_URL`).

use std::collections::BTreeMap;

use archdesk::model::Document;

mod common;
#[path = "sql/common.rs"]
mod sql;
use sql::{
    Catalog, Column, Engine, Fk, Idx, Table, Via, artifacts, client_program, compare, db_of,
    expected, fresh_db_name, hostile_models, norm_default, norm_sql, numbered, run_client, samples,
    server_url, unavailable,
};

/// The message, code and position PostgreSQL gave, not just "db error".
fn pg_error(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!(
            "{} (SQLSTATE {}, position {:?})",
            db.message(),
            db.code().code(),
            db.position()
        ),
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text.push_str(&format!(": {s}"));
                source = s.source();
            }
            text
        }
    }
}

/// A `postgresql://user@host:port/db` URL with another database.
fn pg_url_with_db(url: &str, db: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, ""), |(b, q)| (b, q));
    let head = base.rsplit_once('/').map_or(base, |(h, _)| h);
    if query.is_empty() {
        format!("{head}/{db}")
    } else {
        format!("{head}/{db}?{query}")
    }
}

/// The server's configuration and a connection to it, or `None` (after
/// [`unavailable`]) when it cannot be reached.
fn connect_admin(url: &str) -> Option<(postgres::Config, postgres::Client)> {
    let config: postgres::Config = url.parse().expect("ARCHDESK_PG_URL is a PostgreSQL URL");
    match config.connect(postgres::NoTls) {
        Ok(client) => Some((config, client)),
        Err(e) => {
            unavailable(&format!(
                "cannot connect to PostgreSQL at {url}: {}",
                pg_error(&e)
            ));
            None
        }
    }
}

fn run_postgres(models: &[(String, Document)], via: Via) {
    let Some(url) = server_url("ARCHDESK_PG_URL") else {
        return;
    };
    let psql = match via {
        Via::Driver => None,
        Via::Client => match client_program(&["psql"]) {
            Some(p) => Some(p),
            None => return,
        },
    };
    let Some((config, mut admin)) = connect_admin(&url) else {
        return;
    };
    for (label, doc) in models {
        for a in artifacts(doc, Engine::Postgres) {
            let db = fresh_db_name();
            admin
                .batch_execute(&format!("CREATE DATABASE {db}"))
                .expect("create database");
            let mut cfg = config.clone();
            cfg.dbname(&db);
            let mut client = cfg
                .connect(postgres::NoTls)
                .expect("connect to new database");
            let outcome = match &psql {
                None => client.batch_execute(&a.text).map_err(|e| pg_error(&e)),
                Some(psql) => {
                    let mut command = std::process::Command::new(psql);
                    command.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d"]);
                    command.arg(pg_url_with_db(&url, &db));
                    run_client(command, &a.text)
                }
            };
            if let Err(e) = outcome {
                panic!(
                    "{label}: PostgreSQL ({via:?}) refused {}: {e}\n{}",
                    a.file_name,
                    numbered(&a.text)
                );
            }
            let actual = pg_catalog(&mut client);
            drop(client);
            admin
                .batch_execute(&format!("DROP DATABASE {db} WITH (FORCE)"))
                .expect("drop database");
            compare(
                &format!("{label} {} on PostgreSQL", a.file_name),
                &expected(doc, db_of(&a), Engine::Postgres),
                &actual,
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Reading the catalog

fn pg_catalog(client: &mut postgres::Client) -> Catalog {
    let q = |client: &mut postgres::Client,
             sql: &str,
             params: &[&(dyn postgres::types::ToSql + Sync)]| {
        client
            .query(sql, params)
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    let mut cat = Catalog::default();
    let tables = q(
        client,
        "SELECT c.oid, c.relname::text, c.relrowsecurity, coalesce(obj_description(c.oid, 'pg_class'), '')
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')",
        &[],
    );
    for row in tables {
        let oid: u32 = row.get(0);
        let tname: String = row.get(1);
        let rls: bool = row.get(2);
        let mut t = Table {
            comment: row.get(3),
            ..Table::default()
        };
        let mut by_num: BTreeMap<i16, String> = BTreeMap::new();
        for c in q(
            client,
            "SELECT a.attnum, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                    coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text, coalesce(col_description(a.attrelid, a.attnum), ''),
                    t.typtype::text, t.typname::text, coalesce(e.typtype::text, ''), coalesce(e.typname::text, '')
             FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped",
            &[&oid],
        ) {
            let num: i16 = c.get(0);
            let name: String = c.get(1);
            let mut ty: String = c.get(2);
            let (typtype, typname, elemtype, elemname): (String, String, String, String) =
                (c.get(7), c.get(8), c.get(9), c.get(10));
            if typtype == "e" {
                ty = format!("enum {typname}");
            } else if elemtype == "e" {
                ty = format!("enum {elemname}[]");
            }
            let identity: String = c.get(5);
            t.columns.insert(
                name.clone(),
                Column {
                    ty,
                    nullable: !c.get::<_, bool>(3),
                    // An identity's sequence is its own, not a default.
                    default: Some(c.get::<_, String>(4))
                        .filter(|d| !d.is_empty() && identity.is_empty())
                        .map(|d| norm_default(Engine::Postgres, &d)),
                    identity: identity == "d" || identity == "a",
                    comment: c.get(6),
                },
            );
            by_num.insert(num, name);
        }
        let names_of = |nums: &[i16]| {
            nums.iter()
                .map(|n| by_num.get(n).cloned().unwrap_or_else(|| format!("#{n}")))
                .collect::<Vec<_>>()
        };
        for k in q(
            client,
            "SELECT c.conname::text, c.contype::text, c.conkey, coalesce(r.relname::text, ''),
                    coalesce(c.confkey, '{}'), c.confrelid, c.confdeltype::text, c.confupdtype::text,
                    pg_get_constraintdef(c.oid)
             FROM pg_constraint c LEFT JOIN pg_class r ON r.oid = c.confrelid
             WHERE c.conrelid = $1",
            &[&oid],
        ) {
            let cname: String = k.get(0);
            let kind: String = k.get(1);
            let keys: Vec<i16> = k.get(2);
            t.names.insert(cname);
            match kind.as_str() {
                "p" => t.primary_key = names_of(&keys),
                "u" => t.uniques.push(names_of(&keys)),
                "c" => {
                    t.checks += 1;
                    let def: String = k.get(8);
                    let clause = def.strip_prefix("CHECK ").unwrap_or(&def);
                    t.check_texts.push(norm_sql(clause));
                }
                "f" => {
                    let ref_oid: u32 = k.get(5);
                    let ref_keys: Vec<i16> = k.get(4);
                    let ref_cols: Vec<String> = ref_keys
                        .iter()
                        .map(|n| {
                            client
                                .query_one(
                                    "SELECT attname::text FROM pg_attribute WHERE attrelid = $1 AND attnum = $2",
                                    &[&ref_oid, n],
                                )
                                .map(|r| r.get::<_, String>(0))
                                .unwrap_or_else(|e| panic!("referenced column: {e}"))
                        })
                        .collect();
                    let action = |c: String| {
                        match c.as_str() {
                            "a" => "NO ACTION",
                            "r" => "RESTRICT",
                            "c" => "CASCADE",
                            "n" => "SET NULL",
                            "d" => "SET DEFAULT",
                            other => panic!("action {other}"),
                        }
                        .to_owned()
                    };
                    t.foreign_keys.push(Fk {
                        columns: names_of(&keys),
                        table: k.get(3),
                        to: ref_cols,
                        on_delete: action(k.get(6)),
                        on_update: action(k.get(7)),
                    });
                }
                other => panic!("constraint kind {other}"),
            }
        }
        for i in q(
            client,
            "SELECT ic.relname::text, i.indisunique, i.indkey::int2[], i.indpred IS NOT NULL,
                    EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indrelid = $1",
            &[&oid],
        ) {
            let backs_constraint: bool = i.get(4);
            if backs_constraint {
                continue;
            }
            t.names.insert(i.get(0));
            let keys: Vec<i16> = i.get(2);
            t.indexes.push(Idx {
                columns: names_of(&keys),
                unique: i.get(1),
                partial: i.get(3),
            });
        }
        let policies: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_policy WHERE polrelid = $1",
                &[&oid],
            )
            .map(|r| r.get(0))
            .unwrap_or(0);
        t.tenant_policy = rls && policies == 1;
        if rls != (policies == 1) {
            cat.extras.insert(format!(
                "{tname}: row security {rls} with {policies} policies"
            ));
        }
        t.uniques.sort();
        t.indexes.sort();
        t.foreign_keys.sort();
        cat.tables.insert(tname, t);
    }
    for e in q(
        client,
        "SELECT t.typname::text, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' GROUP BY t.typname",
        &[],
    ) {
        cat.enums.insert(e.get(0), e.get(1));
    }
    // Nothing else: every other relation is an index, or an identity's sequence.
    for r in q(
        client,
        "SELECT c.relkind::text, c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind NOT IN ('r', 'p', 'i')
           AND NOT (c.relkind = 'S' AND EXISTS (
               SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i'))",
        &[],
    ) {
        cat.extras
            .insert(format!("{} {}", r.get::<_, String>(0), r.get::<_, String>(1)));
    }
    for r in q(
        client,
        "SELECT t.typtype::text, t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typtype NOT IN ('e', 'c') AND t.typcategory <> 'A'",
        &[],
    ) {
        cat.extras.insert(format!(
            "type {} {}",
            r.get::<_, String>(0),
            r.get::<_, String>(1)
        ));
    }
    cat
}

// ---------------------------------------------------------------------------
// The tests

#[test]
fn postgres_runs_every_sample() {
    run_postgres(&samples(), Via::Driver);
}

#[test]
fn postgres_runs_hostile_names() {
    run_postgres(&hostile_models(), Via::Driver);
}

#[test]
fn psql_runs_every_script() {
    let mut models = samples();
    models.extend(hostile_models());
    run_postgres(&models, Via::Client);
}

/// A model with one tenant-scoped table, `notes`, in one database.
fn tenant_model() -> Document {
    use archdesk::model::{Container, ContainerKind, Entity, Field, FieldType, SoftwareSystem};
    let mut doc = Document::new("Tenants");
    doc.systems.push(SoftwareSystem::new("app", "App"));
    doc.containers.push(Container::new(
        "db",
        "app",
        "App database",
        ContainerKind::Database,
    ));
    let mut notes = Entity::new("notes", "db", "notes");
    notes.fields.push(Field::new("id", FieldType::BigInt));
    notes.fields.push(Field::new("tenant_id", FieldType::Text));
    notes.fields.push(Field::new("body", FieldType::Text));
    notes.primary_key = vec!["id".into()];
    notes.tenant_column = Some("tenant_id".into());
    doc.entities.push(notes);
    doc
}

#[test]
fn tenant_isolation_holds_for_the_tables_owner_and_for_other_roles() {
    let Some(url) = server_url("ARCHDESK_PG_URL") else {
        return;
    };
    let Some((config, mut admin)) = connect_admin(&url) else {
        return;
    };
    let doc = tenant_model();
    let [script] = artifacts(&doc, Engine::Postgres)
        .try_into()
        .expect("one script");
    let db = fresh_db_name();
    let (owner, other) = (format!("{db}_owner"), format!("{db}_app"));
    // One statement each: CREATE DATABASE cannot share a transaction.
    for statement in [
        format!("CREATE DATABASE {db}"),
        format!("CREATE ROLE {owner} NOSUPERUSER NOBYPASSRLS"),
        format!("CREATE ROLE {other} NOSUPERUSER NOBYPASSRLS"),
    ] {
        admin.batch_execute(&statement).expect("database and roles");
    }
    let mut cfg = config.clone();
    cfg.dbname(&db);
    let mut client = cfg
        .connect(postgres::NoTls)
        .expect("connect to the new database");
    client.batch_execute(&script.text).unwrap_or_else(|e| {
        panic!(
            "the script runs: {}\n{}",
            pg_error(&e),
            numbered(&script.text)
        )
    });
    // Rows of two tenants, written by the superuser (which RLS never binds),
    // then the table handed to its owner, and the other role let in.
    client
        .batch_execute(&format!(
            "INSERT INTO notes (id, tenant_id, body) VALUES (1, 'a', 'A''s'), (2, 'b', 'B''s'), (3, 'b', 'B''s too');
             ALTER TABLE notes OWNER TO {owner};
             GRANT SELECT, INSERT ON notes TO {other};"
        ))
        .expect("rows, owner and grants");
    for role in [&owner, &other] {
        for (tenant, rows) in [("a", 1_i64), ("b", 2)] {
            let mut tx = client.transaction().expect("transaction");
            tx.batch_execute(&format!(
                "SET LOCAL ROLE {role}; SET LOCAL app.tenant_id = '{tenant}';"
            ))
            .expect("role and tenant");
            let seen: i64 = tx
                .query_one("SELECT count(*) FROM notes", &[])
                .expect("select")
                .get(0);
            assert_eq!(seen, rows, "{role} as tenant {tenant} sees only its rows");
            let foreign = if tenant == "a" { "b" } else { "a" };
            let insert = tx.batch_execute(&format!(
                "INSERT INTO notes (id, tenant_id, body) VALUES (10, '{foreign}', 'planted')"
            ));
            let refused = insert.expect_err("a row of another tenant is refused");
            assert!(
                pg_error(&refused).contains("row-level security"),
                "{role} as tenant {tenant}: {}",
                pg_error(&refused)
            );
            tx.rollback().expect("rollback");
        }
    }
    drop(client);
    for statement in [
        format!("DROP DATABASE {db} WITH (FORCE)"),
        format!("DROP ROLE {owner}"),
        format!("DROP ROLE {other}"),
    ] {
        admin.batch_execute(&statement).expect("clean up");
    }
}
