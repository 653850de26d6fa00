//! What the SQL engine tests share: the engines, how a script reaches a
//! server, the models they run (every sample, the hostile names), and the
//! catalog that the model says a database must have, with the comparison
//! that fails on every difference.
//!
//! The engine tests are one file per dialect: `tests/sql_postgres.rs`,
//! `tests/sql_mariadb.rs` and `tests/sql_sqlite.rs`. Each runs every
//! database's script of every sample (`samples/*.ron`) and of a generated
//! model of hostile names on a real engine, each in a fresh database; then
//! reads the engine's own catalog back and compares it with [`expected`]:
//! every table, column, type, nullability, default, identity, primary key,
//! unique key, foreign key with its actions, check, index (unique,
//! partial), comment and tenant policy is there, and nothing else is.
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
//!
//! Included as `#[path = "sql/common.rs"] mod sql;` by each of those files,
//! which also say `mod common;` (for [`crate::common::require_engines`] and
//! the samples). Each uses a part of it, hence the `dead_code` allowance.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use archdesk::export::{self, Artifact, Format, Options};
use archdesk::model::{DefaultValue, Document, Entity, Field, FieldType};

use crate::common::{load_samples, on_path, require_engines};

#[path = "hostile.rs"]
pub mod hostile;
use hostile::{checked, hostile};

// ---------------------------------------------------------------------------
// Engines

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
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

/// Fails when the engines are required (`ARCHDESK_REQUIRE_ENGINES=1`, as
/// scripts/test sets it); else prints a note, and the caller returns.
pub fn unavailable(why: &str) {
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
pub fn server_url(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            unavailable(&format!("{var} is not set"));
            None
        }
    }
}

/// A fresh database name for one script.
pub fn fresh_db_name() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "archdesk_t{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

pub fn artifacts(doc: &Document, engine: Engine) -> Vec<Artifact> {
    export::export(doc, engine.format(), &Options::default())
        .unwrap_or_else(|e| panic!("{:?} export of “{}” failed: {e}", engine, doc.name))
}

/// The database id of an artifact (`order-db.sql` → `order-db`).
pub fn db_of(a: &Artifact) -> &str {
    a.file_name.strip_suffix(".sql").unwrap_or(&a.file_name)
}

/// How a script reaches the server: through the Rust driver as one
/// multi-statement query, or through the engine's command-line client, as
/// the team that receives it would run it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Driver,
    Client,
}

/// The path of the first of these command-line clients that is installed,
/// or `None` (see [`unavailable`]).
pub fn client_program(names: &[&str]) -> Option<PathBuf> {
    let found = names.iter().find_map(|name| on_path(name));
    if found.is_none() {
        unavailable(&format!("no {} client is installed", names.join(" or ")));
    }
    found
}

/// Runs a client with the script on standard input; `Err` holds its output.
pub fn run_client(mut command: std::process::Command, script: &str) -> Result<(), String> {
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

/// A script with line numbers, for the message when an engine refuses it.
pub fn numbered(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| format!("{:4} {l}\n", i + 1))
        .collect()
}

// ---------------------------------------------------------------------------
// The models

/// Every sample, labelled with its path.
pub fn samples() -> Vec<(String, Document)> {
    load_samples()
        .into_iter()
        .map(|(p, doc)| (format!("sample {}", p.display()), doc))
        .collect()
}

/// The hostile-names model, in full.
pub fn hostile_models() -> Vec<(String, Document)> {
    vec![("hostile names".to_owned(), checked(hostile(false)))]
}

// ---------------------------------------------------------------------------
// What the catalog must hold

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Catalog {
    pub tables: BTreeMap<String, Table>,
    /// PostgreSQL enum types and their labels.
    pub enums: BTreeMap<String, Vec<String>>,
    /// Anything else the engine has (sequences not owned by an identity,
    /// views, other types…), by kind and name.
    pub extras: BTreeSet<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: BTreeMap<String, Column>,
    pub primary_key: Vec<String>,
    pub uniques: Vec<Vec<String>>,
    pub foreign_keys: Vec<Fk>,
    pub indexes: Vec<Idx>,
    pub checks: usize,
    /// The model's check constraints as the engine keeps them, each as
    /// [`norm_sql`] reduces it, sorted (not the engine's own: SQLite's enum
    /// checks, MariaDB's `json_valid`).
    pub check_texts: Vec<String>,
    /// Constraint and index names the model gives, as the engine has them.
    pub names: BTreeSet<String>,
    pub comment: String,
    /// PostgreSQL: row-level security on, with one policy.
    pub tenant_policy: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Column {
    pub ty: String,
    pub nullable: bool,
    /// The default as [`norm_default`] reads it; `None` without one.
    pub default: Option<String>,
    pub identity: bool,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fk {
    pub columns: Vec<String>,
    pub table: String,
    pub to: Vec<String>,
    pub on_delete: String,
    pub on_update: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Idx {
    pub columns: Vec<String>,
    pub unique: bool,
    pub partial: bool,
}

/// FNV-1a, folded to 32 bits: the documented hash of shortened names.
pub fn hash32(text: &str) -> u32 {
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
pub fn ddl_name(engine: Engine, name: &str) -> String {
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
pub fn expected_type(engine: Engine, doc: &Document, ty: &FieldType) -> String {
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
pub fn serves(engine: Engine, key: &[String], fk: &[String]) -> bool {
    key.len() >= fk.len()
        && if engine == Engine::Mariadb {
            key[..fk.len()] == *fk
        } else {
            fk.iter().all(|c| key[..fk.len()].contains(c))
        }
}

/// The catalog that the model says one database must have.
pub fn expected(doc: &Document, db: &str, engine: Engine) -> Catalog {
    let mut cat = Catalog::default();
    let entities: Vec<&Entity> = doc.entities.iter().filter(|e| e.store == db).collect();
    let name = |n: &str| ddl_name(engine, n);
    for e in &entities {
        let cols = |cs: &[String]| cs.iter().map(|c| name(c)).collect::<Vec<_>>();
        let mut t = Table::default();
        let sole_pk = |f: &Field| e.primary_key.len() == 1 && e.primary_key[0] == f.name;
        for f in &e.fields {
            // SQLite: an integer column that alone is the key is the rowid.
            let row_id = engine == Engine::Sqlite && f.ty.is_integer() && sole_pk(f);
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
                    default: expected_default(engine, f),
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
        t.check_texts = e.checks.iter().map(|c| norm_sql(&c.expression)).collect();
        t.check_texts.sort();
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

pub fn enum_ids(ty: &FieldType) -> Vec<&str> {
    match ty {
        FieldType::Enum(id) => vec![id.as_str()],
        FieldType::Array(inner) => enum_ids(inner),
        _ => Vec::new(),
    }
}

/// SQL as an engine's catalog gives it back, reduced to what says the same
/// thing: lower case, no white space, quotes or parentheses, no
/// PostgreSQL casts (`(0)::numeric` is `0`), and MariaDB's `ucase`,
/// `lcase` and `octet_length` read as `upper`, `lower` and `length`. `(code)::text = upper((code)::text)`
/// and `code = upper(code)` both read `code=uppercode`.
pub fn norm_sql(sql: &str) -> String {
    let bare: Vec<char> = sql
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '`' | '(' | ')'))
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(bare.len());
    let mut i = 0;
    while i < bare.len() {
        if bare[i] == ':' && bare.get(i + 1) == Some(&':') {
            i += 2;
            while i < bare.len()
                && (bare[i].is_alphanumeric() || matches!(bare[i], '_' | '[' | ']'))
            {
                i += 1;
            }
            continue;
        }
        out.push(bare[i]);
        i += 1;
    }
    // MariaDB writes these functions by their other names (its `length`
    // counts bytes: it is `octet_length`).
    out.replace("ucase", "upper")
        .replace("lcase", "lower")
        .replace("octet_length", "length")
}

/// A column default as an engine's catalog gives it, read as what it
/// stands for: a string literal's text (quotes and escapes undone, a
/// PostgreSQL cast after it dropped), `now` for the current date or time,
/// `uuid` for a random UUID, else the expression as [`norm_sql`] has it.
pub fn norm_default(engine: Engine, raw: &str) -> String {
    number_as_value(read_default(engine, raw))
}

/// A number as its value (`0.00`, `0` and `0e0` are `0`; `1.5e3` is
/// `1500`): engines write a decimal's scale and a float's shortest form.
fn number_as_value(text: String) -> String {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && !text.trim().is_empty() => v.to_string(),
        _ => text,
    }
}

fn read_default(engine: Engine, raw: &str) -> String {
    let raw = raw.trim();
    if let Some(body) = raw.strip_prefix('\'') {
        let mut text = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\'' if chars.peek() == Some(&'\'') => {
                    chars.next();
                    text.push('\'');
                }
                '\'' => break,
                // MariaDB writes its string defaults with backslash escapes.
                '\\' if engine == Engine::Mariadb => match chars.next() {
                    Some('n') => text.push('\n'),
                    Some('r') => text.push('\r'),
                    Some('t') => text.push('\t'),
                    Some('0') => text.push('\0'),
                    Some('Z') => text.push('\u{1a}'),
                    Some(other) => text.push(other),
                    None => text.push('\\'),
                },
                c => text.push(c),
            }
        }
        return text;
    }
    let lower = raw.to_lowercase();
    let now = [
        "now()",
        "current_timestamp",
        "current_timestamp()",
        "current_timestamp(6)",
        "current_date",
        "curdate()",
        "current_time",
        "curtime(6)",
        "current_time(6)",
        "localtimestamp",
        "localtime",
    ];
    if now.contains(&lower.as_str()) {
        return "now".into();
    }
    if lower == "gen_random_uuid()"
        || lower == "uuid()"
        || lower
            .trim_start_matches('(')
            .starts_with("lower(hex(randomblob(")
    {
        return "uuid".into();
    }
    norm_sql(raw)
}

/// The default the model gives a field, as [`norm_default`] reads the
/// engine's.
fn expected_default(engine: Engine, f: &Field) -> Option<String> {
    Some(number_as_value(match f.default.as_ref()? {
        DefaultValue::Value(v) => match (&f.ty, engine) {
            (FieldType::Bool, Engine::Postgres) => v.clone(),
            (FieldType::Bool, _) => if v == "true" { "1" } else { "0" }.to_owned(),
            _ => v.clone(),
        },
        DefaultValue::Now => "now".into(),
        DefaultValue::RandomUuid => "uuid".into(),
        DefaultValue::Sql(sql) => norm_sql(sql),
    }))
}

/// Fails with every difference between the expected and actual catalogs.
pub fn compare(label: &str, expected: &Catalog, actual: &Catalog) {
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
        let sorted = |t: &Table| {
            let mut v = t.check_texts.clone();
            v.sort();
            format!("{v:?}")
        };
        field("checks", sorted(w), sorted(h));
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
