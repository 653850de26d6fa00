//! The MySQL DDL runs on a real MariaDB server, through the driver and
//! through the `mariadb` (or `mysql`) client, and the server ends up with
//! exactly the schema the model describes (see `tests/sql/common.rs` for
//! what is compared and how the server is found: `ARCHDESK_MYSQL_URL`).
//! What MySQL cannot take is refused with a clear error.

use std::collections::{BTreeMap, BTreeSet};

use archdesk::export::{self, ExportError, Format, Options};
use archdesk::model::{Document, FkAction};

mod common;
#[path = "sql/common.rs"]
mod sql;
use sql::hostile::{checked, hostile};
use sql::{
    Catalog, Column, Engine, Fk, Idx, Table, Via, artifacts, client_program, compare, db_of,
    expected, fresh_db_name, norm_default, norm_sql, numbered, run_client, samples, server_url,
    unavailable,
};

fn run_mariadb(models: &[(String, Document)], via: Via) {
    use mysql::prelude::Queryable;
    let Some(url) = server_url("ARCHDESK_MYSQL_URL") else {
        return;
    };
    let client = match via {
        Via::Driver => None,
        Via::Client => match client_program(&["mariadb", "mysql"]) {
            Some(p) => Some(p),
            None => return,
        },
    };
    let opts = mysql::Opts::from_url(&url).expect("ARCHDESK_MYSQL_URL is a MySQL URL");
    let mut admin = match mysql::Conn::new(opts.clone()) {
        Ok(conn) => conn,
        Err(e) => {
            unavailable(&format!("cannot connect to MariaDB at {url}: {e}"));
            return;
        }
    };
    for (label, doc) in models {
        for a in artifacts(doc, Engine::Mariadb) {
            let db = fresh_db_name();
            admin
                .query_drop(format!("CREATE DATABASE {db}"))
                .expect("create database");
            let mut conn =
                mysql::Conn::new(mysql::OptsBuilder::from_opts(opts.clone()).db_name(Some(&db)))
                    .expect("connect to new database");
            // The whole script as one multi-statement query; every result
            // set is read so that an error in any statement surfaces.
            let outcome = match &client {
                None => conn
                    .query_iter(&a.text)
                    .and_then(|mut result| {
                        while let Some(set) = result.iter() {
                            for row in set {
                                row?;
                            }
                        }
                        Ok(())
                    })
                    .map_err(|e| e.to_string()),
                Some(program) => {
                    let mut command = std::process::Command::new(program);
                    command
                        .arg("--no-defaults")
                        .arg(format!("--host={}", opts.get_ip_or_hostname()))
                        .arg(format!("--port={}", opts.get_tcp_port()))
                        .arg(format!("--user={}", opts.get_user().unwrap_or("root")))
                        .arg(format!("--password={}", opts.get_pass().unwrap_or("")))
                        .arg(&db);
                    run_client(command, &a.text)
                }
            };
            if let Err(e) = outcome {
                panic!(
                    "{label}: MariaDB ({via:?}) refused {}: {e}\n{}",
                    a.file_name,
                    numbered(&a.text)
                );
            }
            let actual = mysql_catalog(&mut conn, &db);
            drop(conn);
            admin
                .query_drop(format!("DROP DATABASE {db}"))
                .expect("drop database");
            compare(
                &format!("{label} {} on MariaDB", a.file_name),
                &expected(doc, db_of(&a), Engine::Mariadb),
                &actual,
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Reading the catalog

/// The values of a MySQL `enum('a','b')` column type.
fn mysql_enum_values(column_type: &str) -> Option<Vec<String>> {
    let inner = column_type.strip_prefix("enum(")?.strip_suffix(')')?;
    let mut values = Vec::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut v = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    v.push('\'');
                }
                '\'' => break,
                '\\' => {
                    if let Some(n) = chars.next() {
                        v.push(n);
                    }
                }
                _ => v.push(c),
            }
        }
        values.push(v);
    }
    Some(values)
}

fn mysql_catalog(conn: &mut mysql::Conn, schema: &str) -> Catalog {
    use mysql::prelude::Queryable;
    let mut cat = Catalog::default();
    let rows = |conn: &mut mysql::Conn, sql: &str| -> Vec<mysql::Row> {
        conn.exec(sql, (schema,))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    };
    let text = |row: &mysql::Row, i: usize| -> String {
        match row.get_opt::<Option<String>, usize>(i) {
            Some(Ok(v)) => v.unwrap_or_default(),
            other => panic!("column {i}: {other:?}"),
        }
    };
    let opt = |row: &mysql::Row, i: usize| -> Option<String> {
        match row.get_opt::<Option<String>, usize>(i) {
            Some(Ok(v)) => v,
            other => panic!("column {i}: {other:?}"),
        }
    };
    for r in rows(
        conn,
        "SELECT TABLE_NAME, TABLE_COMMENT, TABLE_TYPE, ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
    ) {
        if text(&r, 2) != "BASE TABLE" || text(&r, 3) != "InnoDB" {
            cat.extras
                .insert(format!("{} {} {}", text(&r, 2), text(&r, 3), text(&r, 0)));
        }
        cat.tables.insert(
            text(&r, 0),
            Table {
                comment: text(&r, 1),
                ..Table::default()
            },
        );
    }
    // Column-level checks: MariaDB's json_valid for JSON columns.
    let mut json_checks = BTreeSet::new();
    for r in rows(
        conn,
        "SELECT TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
    ) {
        let (tname, cname, level) = (text(&r, 0), text(&r, 1), text(&r, 2));
        if level == "Column" && text(&r, 3).starts_with("json_valid(") {
            json_checks.insert((tname, cname));
        } else if let Some(t) = cat.tables.get_mut(&tname) {
            t.checks += 1;
            t.check_texts.push(norm_sql(&text(&r, 3)));
            t.names.insert(cname);
        }
    }
    for r in rows(
        conn,
        "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?",
    ) {
        let (tname, cname) = (text(&r, 0), text(&r, 1));
        let mut ty = text(&r, 2);
        if let Some(values) = mysql_enum_values(&ty) {
            ty = format!("enum{values:?}");
        } else if ty == "longtext" && json_checks.contains(&(tname.clone(), cname.clone())) {
            ty = "json".into();
        } else if !ty.starts_with("tinyint(1)") {
            // Display widths (int(11)) say nothing about the type.
            if let Some(open) = ty.find('(')
                && ty[..open].ends_with("int")
            {
                ty.truncate(open);
            }
        }
        let default = opt(&r, 4);
        let column = Column {
            ty,
            nullable: text(&r, 3) == "YES",
            default: default
                .filter(|d| d != "NULL")
                .map(|d| norm_default(Engine::Mariadb, &d)),
            identity: text(&r, 5).contains("auto_increment"),
            comment: text(&r, 6),
        };
        cat.tables
            .entry(tname)
            .or_default()
            .columns
            .insert(cname, column);
    }
    // Constraints by kind.
    let mut kinds: BTreeMap<(String, String), String> = BTreeMap::new();
    for r in rows(
        conn,
        "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
    ) {
        kinds.insert((text(&r, 0), text(&r, 1)), text(&r, 2));
    }
    let mut indexes: BTreeMap<(String, String), (bool, Vec<String>)> = BTreeMap::new();
    for r in rows(
        conn,
        "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS
         WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX",
    ) {
        let non_unique: i64 = r.get(2).expect("NON_UNIQUE");
        let entry = indexes
            .entry((text(&r, 0), text(&r, 1)))
            .or_insert((non_unique == 0, Vec::new()));
        entry.1.push(text(&r, 3));
    }
    for ((tname, iname), (unique, columns)) in indexes {
        let kind = kinds.get(&(tname.clone(), iname.clone())).cloned();
        let Some(t) = cat.tables.get_mut(&tname) else {
            continue;
        };
        match kind.as_deref() {
            Some("PRIMARY KEY") => t.primary_key = columns,
            Some("UNIQUE") => {
                t.names.insert(iname);
                t.uniques.push(columns);
            }
            _ => {
                t.names.insert(iname);
                t.indexes.push(Idx {
                    columns,
                    unique,
                    partial: false,
                });
            }
        }
    }
    let mut fks: BTreeMap<(String, String), Fk> = BTreeMap::new();
    for r in rows(
        conn,
        "SELECT TABLE_NAME, CONSTRAINT_NAME, REFERENCED_TABLE_NAME, DELETE_RULE, UPDATE_RULE
         FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
    ) {
        fks.insert(
            (text(&r, 0), text(&r, 1)),
            Fk {
                columns: Vec::new(),
                table: text(&r, 2),
                to: Vec::new(),
                on_delete: text(&r, 3),
                on_update: text(&r, 4),
            },
        );
    }
    for r in rows(
        conn,
        "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_COLUMN_NAME
         FROM information_schema.KEY_COLUMN_USAGE
         WHERE CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL
         ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
    ) {
        if let Some(k) = fks.get_mut(&(text(&r, 0), text(&r, 1))) {
            k.columns.push(text(&r, 2));
            k.to.push(text(&r, 3));
        }
    }
    for ((tname, cname), k) in fks {
        if let Some(t) = cat.tables.get_mut(&tname) {
            t.names.insert(cname);
            t.foreign_keys.push(k);
        }
    }
    for t in cat.tables.values_mut() {
        t.uniques.sort();
        t.indexes.sort();
        t.foreign_keys.sort();
    }
    cat
}

// ---------------------------------------------------------------------------
// The tests

fn mysql_hostile_models() -> Vec<(String, Document)> {
    vec![(
        "hostile names (without emoji and SET DEFAULT)".to_owned(),
        checked(hostile(true)),
    )]
}

#[test]
fn mariadb_runs_every_sample() {
    run_mariadb(&samples(), Via::Driver);
}

#[test]
fn mariadb_runs_hostile_names() {
    run_mariadb(&mysql_hostile_models(), Via::Driver);
}

#[test]
fn mariadb_client_runs_every_script() {
    let mut models = samples();
    models.extend(mysql_hostile_models());
    run_mariadb(&models, Via::Client);
}

/// What MySQL cannot take is refused with a sentence naming it, not
/// written into DDL that breaks or silently changes.
#[test]
fn mysql_refuses_emoji_and_set_default_with_a_clear_error() {
    let full = checked(hostile(false));
    let Err(ExportError::Unsupported(message)) =
        export::export(&full, Format::Mysql, &Options::default())
    else {
        panic!("the full hostile model must be refused for MySQL");
    };
    assert!(message.contains("MySQL"), "{message}");
    assert!(message.contains("Basic Multilingual Plane"), "{message}");

    let mut set_default = checked(hostile(true));
    let cycle = set_default
        .entities
        .iter_mut()
        .find(|e| e.id == "cycle-a")
        .expect("cycle-a");
    cycle.foreign_keys[1].on_update = FkAction::SetDefault;
    let Err(ExportError::Unsupported(message)) =
        export::export(&set_default, Format::Mysql, &Options::default())
    else {
        panic!("SET DEFAULT must be refused for MySQL");
    };
    assert!(
        message.contains("cycle-a") && message.contains("SET DEFAULT"),
        "{message}"
    );
}
