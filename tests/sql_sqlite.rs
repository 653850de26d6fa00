//! The SQLite DDL runs on SQLite (rusqlite's bundled build, so it always
//! runs), and the database ends up with exactly the schema the model
//! describes (see `tests/sql/common.rs` for what is compared); column
//! comments stay in the table's SQL.

use std::collections::BTreeMap;

use archdesk::model::Document;

mod common;
#[path = "sql/common.rs"]
mod sql;
use sql::{
    Catalog, Column, Engine, Fk, Idx, Table, artifacts, compare, db_of, expected, hostile_models,
    norm_default, norm_sql, numbered, samples,
};

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

// ---------------------------------------------------------------------------
// Reading the catalog

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
                default: match &r[3] {
                    V::Null => None,
                    other => Some(norm_default(Engine::Sqlite, &s(other))),
                },
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
        } else if rest.first().is_some_and(|t| t == "(") {
            // A check of the model's: its text, to the parenthesis that closes it.
            let mut depth = 0;
            let mut clause = String::new();
            for tok in rest {
                depth += match tok.as_str() {
                    "(" => 1,
                    ")" => -1,
                    _ => 0,
                };
                if depth == 0 {
                    break;
                }
                clause.push_str(tok);
                if tok.starts_with('\'') {
                    clause.push('\'');
                }
            }
            t.check_texts.push(norm_sql(&clause));
        }
    }
    t
}

// ---------------------------------------------------------------------------
// The tests

#[test]
fn sqlite_runs_every_sample() {
    run_sqlite(&samples());
}

#[test]
fn sqlite_runs_hostile_names() {
    run_sqlite(&hostile_models());
}

#[test]
fn an_integer_primary_key_is_the_rowid_and_an_insert_may_leave_it_out() {
    use archdesk::model::{Container, ContainerKind, Entity, Field, FieldType, SoftwareSystem};
    // Chinook's Genre: an INT key that the database does not generate.
    let mut doc = Document::new("Chinook");
    doc.systems.push(SoftwareSystem::new("music", "Music"));
    doc.containers.push(Container::new(
        "db",
        "music",
        "Chinook",
        ContainerKind::Database,
    ));
    let mut genre = Entity::new("genre", "db", "Genre");
    genre.fields.push(Field::new("GenreId", FieldType::Int));
    let mut name = Field::new("Name", FieldType::Varchar(120));
    name.nullable = true;
    genre.fields.push(name);
    genre.primary_key = vec!["GenreId".into()];
    doc.entities.push(genre);
    let [script] = artifacts(&doc, Engine::Sqlite)
        .try_into()
        .expect("one script");
    let conn = rusqlite::Connection::open_in_memory().expect("open SQLite");
    conn.execute_batch(&script.text)
        .unwrap_or_else(|e| panic!("SQLite refused it: {e}\n{}", numbered(&script.text)));
    conn.execute("INSERT INTO \"Genre\" (\"Name\") VALUES ('Rock')", [])
        .expect("an insert without the key gets one");
    conn.execute("INSERT INTO \"Genre\" (\"Name\") VALUES ('Jazz')", [])
        .expect("and the next");
    let ids: Vec<(i64, i64)> = conn
        .prepare("SELECT \"GenreId\", rowid FROM \"Genre\" ORDER BY rowid")
        .expect("select")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("ids");
    assert_eq!(ids, vec![(1, 1), (2, 2)], "the key is the rowid");
    let indexes: i64 = conn
        .query_row("SELECT count(*) FROM pragma_index_list('Genre')", [], |r| {
            r.get(0)
        })
        .expect("index list");
    assert_eq!(indexes, 0, "no second index keeps the key");
}
