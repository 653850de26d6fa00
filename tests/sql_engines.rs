//! The DDL runs on the real engines, and the engines end up with exactly the
//! schema the model describes.
//!
//! For every sample (`samples/*.ron`) and for a generated model of hostile
//! names, each database's script is executed on a real PostgreSQL server, a
//! real MariaDB server and SQLite (rusqlite's bundled build), each in a
//! fresh database. Then the engine's own catalog (pg_catalog,
//! information_schema, sqlite_master and pragmas) is read back and compared
//! with what the model says: every table, column, type, nullability,
//! default, identity, primary key, unique key, foreign key with its actions,
//! check, index (unique, partial), comment and tenant policy is there, and
//! nothing else is.
//!
//! The expectations below are written from the model and the documented
//! mapping of `archdesk::export::sql`, not from the exporter's code: the
//! name shortening rule (FNV-1a hash) and the type mapping are restated here
//! on purpose, as the contract.
//!
//! Servers: `ARCHDESK_PG_URL` (e.g. `postgresql://archdesk@127.0.0.1:55432/postgres`)
//! and `ARCHDESK_MYSQL_URL` (e.g. `mysql://archdesk:archdesk@127.0.0.1:53306`),
//! as `scripts/test` starts them (`scripts/test.d/sql.sh`). Without them a
//! test prints a note and passes, unless `ARCHDESK_REQUIRE_ENGINES=1`, when
//! it fails.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use archdesk::export::{self, Artifact, ExportError, Format, Options};
use archdesk::model::{Document, Entity, Field, FieldType, FkAction};
use archdesk::store;

#[path = "sql/hostile.rs"]
mod hostile;
use hostile::{checked, hostile};

// ---------------------------------------------------------------------------
// Engines

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Engine {
    Postgres,
    Mariadb,
    Sqlite,
}

impl Engine {
    fn format(self) -> Format {
        match self {
            Self::Postgres => Format::Postgres,
            Self::Mariadb => Format::Mysql,
            Self::Sqlite => Format::Sqlite,
        }
    }
}

fn require_engines() -> bool {
    std::env::var("ARCHDESK_REQUIRE_ENGINES").is_ok_and(|v| v == "1")
}

/// Fails when the engines are required (`ARCHDESK_REQUIRE_ENGINES=1`, as
/// scripts/test sets it); else prints a note, and the caller returns.
fn unavailable(why: &str) {
    assert!(
        !require_engines(),
        "{why}, and ARCHDESK_REQUIRE_ENGINES=1: run the tests through scripts/test, which installs and starts the engines"
    );
    #[allow(clippy::print_stderr)]
    {
        eprintln!("note: {why}; this test did not run (scripts/test runs it)");
    }
}

/// The engine's URL, or `None` when it is not configured.
fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            unavailable(&format!("{var} is not set"));
            None
        }
    }
}

/// A fresh database name for one script.
fn fresh_db_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "archdesk_t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn artifacts(doc: &Document, engine: Engine) -> Vec<Artifact> {
    export::export(doc, engine.format(), &Options::default())
        .unwrap_or_else(|e| panic!("{:?} export of “{}” failed: {e}", engine, doc.name))
}

/// The database id of an artifact (`order-db.sql` → `order-db`).
fn db_of(a: &Artifact) -> &str {
    a.file_name.strip_suffix(".sql").unwrap_or(&a.file_name)
}

/// How a script reaches the server: through the Rust driver as one
/// multi-statement query, or through the engine's command-line client, as
/// the team that receives it would run it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Via {
    Driver,
    Client,
}

/// The path of the first of these command-line clients that is installed,
/// or `None` (see [`unavailable`]).
fn client_program(names: &[&str]) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH").unwrap_or_default();
    let found = names.iter().find_map(|name| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        unavailable(&format!("no {} client is installed", names.join(" or ")));
    }
    found
}

/// Runs a client with the script on standard input; `Err` holds its output.
fn run_client(mut command: std::process::Command, script: &str) -> Result<(), String> {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(script.as_bytes())
            .map_err(|e| format!("writing the script: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("waiting for {command:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{command:?} exited with {}: {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

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
    let config: postgres::Config = url.parse().expect("ARCHDESK_PG_URL is a PostgreSQL URL");
    let mut admin = match config.connect(postgres::NoTls) {
        Ok(client) => client,
        Err(e) => {
            unavailable(&format!(
                "cannot connect to PostgreSQL at {url}: {}",
                pg_error(&e)
            ));
            return;
        }
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

fn run_sqlite(models: &[(String, Document)]) {
    for (label, doc) in models {
        for a in artifacts(doc, Engine::Sqlite) {
            let conn = rusqlite::Connection::open_in_memory().expect("open SQLite");
            if let Err(e) = conn.execute_batch(&a.text) {
                panic!(
                    "{label}: SQLite refused {}: {e}\n{}",
                    a.file_name,
                    numbered(&a.text)
                );
            }
            let actual = sqlite_catalog(&conn);
            compare(
                &format!("{label} {} on SQLite", a.file_name),
                &expected(doc, db_of(&a), Engine::Sqlite),
                &actual,
            );
            // Column comments are SQL comments that SQLite keeps with the table.
            for e in doc.entities.iter().filter(|e| e.store == db_of(&a)) {
                let sql: String = conn
                    .query_row(
                        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
                        [&e.name],
                        |r| r.get(0),
                    )
                    .expect("table sql");
                for f in e.fields.iter().filter(|f| !f.comment.is_empty()) {
                    let line: String = f
                        .comment
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    assert!(
                        sql.contains(&format!("-- {line}\n")),
                        "{label}: SQLite lost the comment of {}.{}:\n{sql}",
                        e.id,
                        f.name
                    );
                }
            }
        }
    }
}

fn numbered(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| format!("{:4} {l}\n", i + 1))
        .collect()
}

// ---------------------------------------------------------------------------
// The models

fn samples() -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no samples in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let doc = store::load(&p).unwrap_or_else(|e| panic!("{e}"));
            (format!("sample {}", p.display()), doc)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// What the catalog must hold

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Catalog {
    tables: BTreeMap<String, Table>,
    /// PostgreSQL enum types and their labels.
    enums: BTreeMap<String, Vec<String>>,
    /// Anything else the engine has (sequences not owned by an identity,
    /// views, other types…), by kind and name.
    extras: BTreeSet<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Table {
    columns: BTreeMap<String, Column>,
    primary_key: Vec<String>,
    uniques: Vec<Vec<String>>,
    foreign_keys: Vec<Fk>,
    indexes: Vec<Idx>,
    checks: usize,
    /// Constraint and index names the model gives, as the engine has them.
    names: BTreeSet<String>,
    comment: String,
    /// PostgreSQL: row-level security on, with one policy.
    tenant_policy: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Column {
    ty: String,
    nullable: bool,
    has_default: bool,
    identity: bool,
    comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fk {
    columns: Vec<String>,
    table: String,
    to: Vec<String>,
    on_delete: String,
    on_update: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Idx {
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

/// FNV-1a, folded to 32 bits: the documented hash of shortened names.
fn hash32(text: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    #[allow(clippy::cast_possible_truncation)]
    let folded = (h ^ (h >> 32)) as u32;
    folded
}

/// The name the engine has for a model name: as is when it fits, else its
/// longest head that leaves room for `_` and 8 hex digits of its hash.
fn ddl_name(engine: Engine, name: &str) -> String {
    let suffix = format!("_{:08x}", hash32(name));
    match engine {
        Engine::Sqlite => name.to_owned(),
        Engine::Postgres if name.len() <= 63 => name.to_owned(),
        Engine::Postgres => {
            let mut head = String::new();
            for c in name.chars() {
                if head.len() + c.len_utf8() > 63 - suffix.len() {
                    break;
                }
                head.push(c);
            }
            head + &suffix
        }
        Engine::Mariadb if name.chars().count() <= 64 => name.to_owned(),
        Engine::Mariadb => name.chars().take(64 - 9).collect::<String>() + &suffix,
    }
}

/// The type the engine reports for a logical type.
fn expected_type(engine: Engine, doc: &Document, ty: &FieldType) -> String {
    let enum_of = |id: &str| {
        doc.enum_type(id)
            .unwrap_or_else(|| panic!("enum {id}"))
            .clone()
    };
    match engine {
        Engine::Postgres => match ty {
            FieldType::Uuid => "uuid".into(),
            FieldType::Text => "text".into(),
            FieldType::Varchar(n) => format!("character varying({n})"),
            FieldType::SmallInt => "smallint".into(),
            FieldType::Int => "integer".into(),
            FieldType::BigInt => "bigint".into(),
            FieldType::Decimal(p, s) => format!("numeric({p},{s})"),
            FieldType::Float => "real".into(),
            FieldType::Double => "double precision".into(),
            FieldType::Bool => "boolean".into(),
            FieldType::Date => "date".into(),
            FieldType::Time => "time without time zone".into(),
            FieldType::Timestamp => "timestamp without time zone".into(),
            FieldType::TimestampTz => "timestamp with time zone".into(),
            FieldType::Json => "jsonb".into(),
            FieldType::Bytes => "bytea".into(),
            FieldType::Enum(id) => format!("enum {}", ddl_name(engine, &enum_of(id).name)),
            FieldType::Array(inner) => format!("{}[]", expected_type(engine, doc, inner)),
        },
        Engine::Mariadb => match ty {
            FieldType::Uuid => "char(36)".into(),
            FieldType::Text => "longtext".into(),
            FieldType::Varchar(n) => format!("varchar({n})"),
            FieldType::SmallInt => "smallint".into(),
            FieldType::Int => "int".into(),
            FieldType::BigInt => "bigint".into(),
            FieldType::Decimal(p, s) => format!("decimal({p},{s})"),
            FieldType::Float => "float".into(),
            FieldType::Double => "double".into(),
            FieldType::Bool => "tinyint(1)".into(),
            FieldType::Date => "date".into(),
            FieldType::Time => "time(6)".into(),
            FieldType::Timestamp | FieldType::TimestampTz => "datetime(6)".into(),
            FieldType::Json | FieldType::Array(_) => "json".into(),
            FieldType::Bytes => "longblob".into(),
            FieldType::Enum(id) => format!("enum{:?}", enum_of(id).values),
        },
        // SQLite: the declared type, and the affinity it must give.
        Engine::Sqlite => {
            let (declared, affinity) = match ty {
                FieldType::Enum(id) => {
                    return format!("TEXT (TEXT) enum{:?}", enum_of(id).values);
                }
                FieldType::Uuid | FieldType::Text | FieldType::Json => ("TEXT".to_owned(), "TEXT"),
                FieldType::Array(_) => ("TEXT".to_owned(), "TEXT"),
                FieldType::Varchar(n) => (format!("VARCHAR({n})"), "TEXT"),
                FieldType::SmallInt => ("SMALLINT".to_owned(), "INTEGER"),
                FieldType::Int => ("INT".to_owned(), "INTEGER"),
                FieldType::BigInt => ("BIGINT".to_owned(), "INTEGER"),
                FieldType::Decimal(p, s) => (format!("DECIMAL({p},{s})"), "NUMERIC"),
                FieldType::Float => ("FLOAT".to_owned(), "REAL"),
                FieldType::Double => ("DOUBLE".to_owned(), "REAL"),
                FieldType::Bool => ("BOOLEAN".to_owned(), "NUMERIC"),
                FieldType::Date => ("DATE".to_owned(), "NUMERIC"),
                FieldType::Time => ("TIME".to_owned(), "NUMERIC"),
                FieldType::Timestamp => ("TIMESTAMP".to_owned(), "NUMERIC"),
                FieldType::TimestampTz => ("TIMESTAMPTZ".to_owned(), "NUMERIC"),
                FieldType::Bytes => ("BLOB".to_owned(), "BLOB"),
            };
            format!("{declared} ({affinity})")
        }
    }
}

/// Whether an index or key starting with `key` serves a foreign key over
/// `fk`: its first columns are the same set (PostgreSQL) or the same list
/// (MySQL, which needs that order).
fn serves(engine: Engine, key: &[String], fk: &[String]) -> bool {
    key.len() >= fk.len()
        && if engine == Engine::Mariadb {
            key[..fk.len()] == *fk
        } else {
            fk.iter().all(|c| key[..fk.len()].contains(c))
        }
}

/// The catalog that the model says one database must have.
fn expected(doc: &Document, db: &str, engine: Engine) -> Catalog {
    let mut cat = Catalog::default();
    let entities: Vec<&Entity> = doc.entities.iter().filter(|e| e.store == db).collect();
    let name = |n: &str| ddl_name(engine, n);
    for e in &entities {
        let cols = |cs: &[String]| cs.iter().map(|c| name(c)).collect::<Vec<_>>();
        let mut t = Table::default();
        let sole_pk = |f: &Field| e.primary_key.len() == 1 && e.primary_key[0] == f.name;
        for f in &e.fields {
            let row_id = engine == Engine::Sqlite && f.identity && sole_pk(f);
            let ty = if row_id {
                "INTEGER (INTEGER)".to_owned()
            } else {
                expected_type(engine, doc, &f.ty)
            };
            t.columns.insert(
                name(&f.name),
                Column {
                    ty,
                    nullable: f.nullable,
                    has_default: f.default.is_some(),
                    identity: f.identity && (engine != Engine::Sqlite || row_id),
                    comment: if engine == Engine::Sqlite {
                        String::new()
                    } else {
                        f.comment.clone()
                    },
                },
            );
            if engine == Engine::Postgres {
                for id in enum_ids(&f.ty) {
                    if let Some(en) = doc.enum_type(id) {
                        cat.enums.insert(name(&en.name), en.values.clone());
                    }
                }
            }
        }
        t.primary_key = cols(&e.primary_key);
        let mut uniques: Vec<Vec<String>> = e
            .fields
            .iter()
            .filter(|f| f.unique)
            .map(|f| vec![name(&f.name)])
            .collect();
        uniques.extend(e.unique.iter().map(|u| cols(&u.columns)));
        let mut indexes = Vec::new();
        for ix in &e.indexes {
            let partial = ix.predicate.is_some();
            match engine {
                Engine::Mariadb if ix.unique && !partial => uniques.push(cols(&ix.columns)),
                // No partial indexes: the predicate goes, and so does
                // uniqueness that only held with it.
                Engine::Mariadb => indexes.push(Idx {
                    columns: cols(&ix.columns),
                    unique: false,
                    partial: false,
                }),
                _ => indexes.push(Idx {
                    columns: cols(&ix.columns),
                    unique: ix.unique,
                    partial,
                }),
            }
        }
        if engine != Engine::Sqlite {
            // An index for each foreign key that no key or index serves.
            for k in &e.foreign_keys {
                let fk_cols = cols(&k.columns);
                let served = serves(engine, &t.primary_key, &fk_cols)
                    || uniques.iter().any(|u| serves(engine, u, &fk_cols))
                    || indexes
                        .iter()
                        .any(|i| !i.partial && serves(engine, &i.columns, &fk_cols));
                if !served {
                    indexes.push(Idx {
                        columns: fk_cols,
                        unique: false,
                        partial: false,
                    });
                }
            }
        }
        uniques.sort();
        indexes.sort();
        t.uniques = uniques;
        t.indexes = indexes;
        for k in &e.foreign_keys {
            let target = doc.entity(&k.references).expect("fk target");
            t.foreign_keys.push(Fk {
                columns: cols(&k.columns),
                table: name(&target.name),
                to: cols(&k.to_columns),
                on_delete: k.on_delete.sql().to_owned(),
                on_update: k.on_update.sql().to_owned(),
            });
        }
        t.foreign_keys.sort();
        let enum_checks = if engine == Engine::Sqlite {
            e.fields
                .iter()
                .filter(|f| matches!(f.ty, FieldType::Enum(_)))
                .count()
        } else {
            0
        };
        t.checks = e.checks.len() + enum_checks;
        let mut names: Vec<&str> = e.checks.iter().filter_map(|c| c.name.as_deref()).collect();
        names.extend(e.indexes.iter().filter_map(|i| i.name.as_deref()));
        if engine != Engine::Sqlite {
            names.extend(e.foreign_keys.iter().filter_map(|k| k.name.as_deref()));
            names.extend(e.unique.iter().filter_map(|u| u.name.as_deref()));
        }
        t.names = names.into_iter().map(name).collect();
        t.comment = if engine == Engine::Sqlite {
            String::new()
        } else {
            e.comment.clone()
        };
        t.tenant_policy = engine == Engine::Postgres && e.tenant_column.is_some();
        cat.tables.insert(name(&e.name), t);
    }
    cat
}

fn enum_ids(ty: &FieldType) -> Vec<&str> {
    match ty {
        FieldType::Enum(id) => vec![id.as_str()],
        FieldType::Array(inner) => enum_ids(inner),
        _ => Vec::new(),
    }
}

/// Fails with every difference between the expected and actual catalogs.
fn compare(label: &str, expected: &Catalog, actual: &Catalog) {
    assert!(
        !expected.tables.is_empty(),
        "{label}: the model has no tables here"
    );
    let mut diffs = Vec::new();
    let names = |m: &BTreeMap<String, Table>| m.keys().cloned().collect::<BTreeSet<_>>();
    let (want, have) = (names(&expected.tables), names(&actual.tables));
    for missing in want.difference(&have) {
        diffs.push(format!("missing table {missing:?}"));
    }
    for extra in have.difference(&want) {
        diffs.push(format!("extra table {extra:?}"));
    }
    for (name, w) in &expected.tables {
        let Some(h) = actual.tables.get(name) else {
            continue;
        };
        let cols = |t: &Table| t.columns.keys().cloned().collect::<BTreeSet<_>>();
        for c in cols(w).symmetric_difference(&cols(h)) {
            diffs.push(format!(
                "table {name:?}: column {c:?} is {}",
                if w.columns.contains_key(c) {
                    "missing"
                } else {
                    "extra"
                }
            ));
        }
        for (c, wc) in &w.columns {
            if let Some(hc) = h.columns.get(c)
                && wc != hc
            {
                diffs.push(format!(
                    "table {name:?} column {c:?}: expected {wc:?}, found {hc:?}"
                ));
            }
        }
        let mut field = |what: &str, a: String, b: String| {
            if a != b {
                diffs.push(format!("table {name:?} {what}: expected {a}, found {b}"));
            }
        };
        field(
            "primary key",
            format!("{:?}", w.primary_key),
            format!("{:?}", h.primary_key),
        );
        field(
            "unique keys",
            format!("{:?}", w.uniques),
            format!("{:?}", h.uniques),
        );
        field(
            "foreign keys",
            format!("{:?}", w.foreign_keys),
            format!("{:?}", h.foreign_keys),
        );
        field(
            "indexes",
            format!("{:?}", w.indexes),
            format!("{:?}", h.indexes),
        );
        field("check count", w.checks.to_string(), h.checks.to_string());
        field(
            "comment",
            format!("{:?}", w.comment),
            format!("{:?}", h.comment),
        );
        field(
            "tenant policy",
            w.tenant_policy.to_string(),
            h.tenant_policy.to_string(),
        );
        for n in w.names.difference(&h.names) {
            diffs.push(format!(
                "table {name:?}: no constraint or index named {n:?} (found {:?})",
                h.names
            ));
        }
    }
    if expected.enums != actual.enums {
        diffs.push(format!(
            "enum types: expected {:?}, found {:?}",
            expected.enums, actual.enums
        ));
    }
    if expected.extras != actual.extras {
        diffs.push(format!(
            "other objects: expected {:?}, found {:?}",
            expected.extras, actual.extras
        ));
    }
    assert!(
        diffs.is_empty(),
        "{label}: the catalog differs from the model:\n  {}",
        diffs.join("\n  ")
    );
}

// ---------------------------------------------------------------------------
// Reading the catalogs

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
                    a.atthasdef, a.attidentity::text, coalesce(col_description(a.attrelid, a.attnum), ''),
                    t.typtype::text, t.typname::text, coalesce(e.typtype::text, ''), coalesce(e.typname::text, '')
             FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
             LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
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
                    has_default: c.get(4),
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
                    coalesce(c.confkey, '{}'), c.confrelid, c.confdeltype::text, c.confupdtype::text
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
                "c" => t.checks += 1,
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
            has_default: default.is_some_and(|d| d != "NULL"),
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

/// SQL text split into words (upper case), quoted names (`"name`), string
/// literals (`'text`) and punctuation; comments dropped. Enough to find
/// `CONSTRAINT "name" CHECK ("col" IN ('a', 'b'))` in `sqlite_master.sql`.
fn sql_tokens(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '-' if chars.peek() == Some(&'-') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '\'' | '"' | '`' => {
                let mut s = String::new();
                while let Some(n) = chars.next() {
                    if n == c {
                        if chars.peek() == Some(&c) {
                            chars.next();
                            s.push(c);
                        } else {
                            break;
                        }
                    } else {
                        s.push(n);
                    }
                }
                out.push(if c == '\'' {
                    format!("'{s}")
                } else {
                    format!("\"{s}")
                });
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut s = c.to_string();
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        s.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(s.to_uppercase());
            }
            c if c.is_whitespace() => {}
            c => out.push(c.to_string()),
        }
    }
    out
}

/// SQLite's affinity for a declared type (section 3.1 of its datatype page).
fn affinity(declared: &str) -> &'static str {
    let d = declared.to_uppercase();
    if d.contains("INT") {
        "INTEGER"
    } else if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") {
        "TEXT"
    } else if d.contains("BLOB") || d.is_empty() {
        "BLOB"
    } else if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") {
        "REAL"
    } else {
        "NUMERIC"
    }
}

fn sqlite_catalog(conn: &rusqlite::Connection) -> Catalog {
    let mut cat = Catalog::default();
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master")
        .expect("sqlite_master");
    let objects: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    for (kind, name, sql) in &objects {
        match kind.as_str() {
            "table" if name == "sqlite_sequence" => {}
            "table" => {
                let t = sqlite_table(conn, name, sql);
                cat.tables.insert(name.clone(), t);
            }
            "index" => {}
            _ => {
                cat.extras.insert(format!("{kind} {name}"));
            }
        }
    }
    cat
}

fn sqlite_table(conn: &rusqlite::Connection, name: &str, sql: &str) -> Table {
    let mut t = Table::default();
    let tokens = sql_tokens(sql);
    let autoincrement = tokens.iter().any(|t| t == "AUTOINCREMENT");
    let query = |q: &str| -> Vec<Vec<rusqlite::types::Value>> {
        let mut stmt = conn.prepare(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        let n = stmt.column_count();
        stmt.query_map([name], |r| {
            (0..n)
                .map(|i| r.get::<_, rusqlite::types::Value>(i))
                .collect()
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    use rusqlite::types::Value as V;
    let s = |v: &V| match v {
        V::Text(s) => s.clone(),
        V::Null => String::new(),
        other => format!("{other:?}"),
    };
    let i = |v: &V| match v {
        V::Integer(n) => *n,
        other => panic!("not an integer: {other:?}"),
    };
    let mut pk: Vec<(i64, String)> = Vec::new();
    let info = query("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1)");
    let single_pk = info.iter().filter(|r| i(&r[4]) > 0).count() == 1;
    for r in &info {
        let declared = s(&r[1]);
        let is_pk = i(&r[4]) > 0;
        if is_pk {
            pk.push((i(&r[4]), s(&r[0])));
        }
        t.columns.insert(
            s(&r[0]),
            Column {
                ty: format!("{declared} ({})", affinity(&declared)),
                nullable: i(&r[2]) == 0,
                has_default: !matches!(r[3], V::Null),
                identity: is_pk && single_pk && declared == "INTEGER" && autoincrement,
                comment: String::new(),
            },
        );
    }
    pk.sort();
    t.primary_key = pk.into_iter().map(|(_, c)| c).collect();
    let mut fks: BTreeMap<i64, Fk> = BTreeMap::new();
    for r in query(
        "SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    ) {
        let k = fks.entry(i(&r[0])).or_insert_with(|| Fk {
            columns: Vec::new(),
            table: s(&r[2]),
            to: Vec::new(),
            on_delete: s(&r[6]),
            on_update: s(&r[5]),
        });
        k.columns.push(s(&r[3]));
        k.to.push(s(&r[4]));
    }
    t.foreign_keys = fks.into_values().collect();
    t.foreign_keys.sort();
    for r in query("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)") {
        let iname = s(&r[0]);
        let mut stmt = conn
            .prepare("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
            .expect("index_info");
        let columns: Vec<String> = stmt
            .query_map([&iname], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        match s(&r[2]).as_str() {
            "pk" => {}
            "u" => t.uniques.push(columns),
            _ => {
                t.names.insert(iname);
                t.indexes.push(Idx {
                    columns,
                    unique: i(&r[1]) == 1,
                    partial: i(&r[3]) == 1,
                });
            }
        }
    }
    t.uniques.sort();
    t.indexes.sort();
    // Checks: `CHECK` tokens, named by a preceding `CONSTRAINT "name"`;
    // enums are `CHECK ("col" IN ('a', 'b'))`.
    for (k, tok) in tokens.iter().enumerate() {
        if tok != "CHECK" {
            continue;
        }
        t.checks += 1;
        if k >= 2 && tokens[k - 2] == "CONSTRAINT" {
            t.names
                .insert(tokens[k - 1].trim_start_matches('"').to_owned());
        }
        let rest = &tokens[k + 1..];
        if rest.len() > 4
            && rest[0] == "("
            && rest[1].starts_with('"')
            && rest[2] == "IN"
            && rest[3] == "("
        {
            let values: Vec<String> = rest[4..]
                .iter()
                .take_while(|t| *t != ")")
                .filter(|t| *t != ",")
                .map(|t| t.strip_prefix('\'').unwrap_or(t).to_owned())
                .collect();
            if let Some(c) = t.columns.get_mut(&rest[1][1..]) {
                c.ty = format!("{} enum{values:?}", c.ty);
            }
        }
    }
    t
}

// ---------------------------------------------------------------------------
// The tests

fn hostile_models() -> Vec<(String, Document)> {
    vec![("hostile names".to_owned(), checked(hostile(false)))]
}

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

#[test]
fn sqlite_runs_every_sample() {
    run_sqlite(&samples());
}

#[test]
fn sqlite_runs_hostile_names() {
    run_sqlite(&hostile_models());
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
