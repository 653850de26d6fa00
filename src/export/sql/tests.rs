//! Unit tests of the SQL export: order, names, quoting, and what each
//! dialect refuses or falls back on. The engines themselves run the DDL in
//! `tests/sql_engines.rs`.

use super::*;
use crate::model::{
    Container, ContainerKind, DefaultValue, Document, Entity, EnumType, Field, FieldType, FkAction,
    ForeignKey, SoftwareSystem,
};

fn doc_with(entities: Vec<Entity>) -> Document {
    let mut doc = Document::new("T");
    doc.systems.push(SoftwareSystem::new("sys", "S"));
    doc.containers
        .push(Container::new("db", "sys", "DB", ContainerKind::Database));
    doc.entities = entities;
    doc
}

fn table(id: &str, name: &str, fields: Vec<Field>, pk: &[&str]) -> Entity {
    let mut e = Entity::new(id, "db", name);
    e.fields = fields;
    e.primary_key = pk.iter().map(|s| (*s).to_owned()).collect();
    e
}

fn fk(columns: &[&str], references: &str, to: &[&str]) -> ForeignKey {
    ForeignKey {
        name: None,
        columns: columns.iter().map(|s| (*s).to_owned()).collect(),
        references: references.to_owned(),
        to_columns: to.iter().map(|s| (*s).to_owned()).collect(),
        on_delete: FkAction::NoAction,
        on_update: FkAction::NoAction,
    }
}

fn ddl(doc: &Document, dialect: Dialect) -> String {
    match export(doc, dialect, &Options::default()) {
        Ok(a) => a.into_iter().map(|a| a.text).collect(),
        Err(e) => panic!("{dialect:?}: {e}"),
    }
}

fn refused(doc: &Document, dialect: Dialect) -> String {
    match export(doc, dialect, &Options::default()) {
        Err(ExportError::Unsupported(m)) => m,
        other => panic!("{dialect:?}: expected Unsupported, got {other:?}"),
    }
}

fn id_field(name: &str) -> Field {
    Field::new(name, FieldType::Int)
}

#[test]
fn referenced_tables_come_first_and_cycles_stay_in_model_order() {
    let mut child = table(
        "child",
        "child",
        vec![id_field("id"), id_field("p")],
        &["id"],
    );
    child.foreign_keys.push(fk(&["p"], "parent", &["id"]));
    let parent = table("parent", "parent", vec![id_field("id")], &["id"]);
    let mut a = table("a", "a", vec![id_field("id"), id_field("b")], &["id"]);
    a.foreign_keys.push(fk(&["b"], "b", &["id"]));
    a.foreign_keys.push(fk(&["id"], "a", &["id"])); // self-reference
    let mut b = table("b", "b", vec![id_field("id"), id_field("a")], &["id"]);
    b.foreign_keys.push(fk(&["a"], "a", &["id"]));
    let lone = table("lone", "lone", vec![id_field("id")], &["id"]);
    let entities = [&child, &parent, &a, &b, &lone];
    // child needs parent; a and b form a cycle (model order inside); lone is free.
    assert_eq!(
        generate::dependency_order(&entities),
        vec![1, 0, 2, 3, 4],
        "parent, child, a, b, lone"
    );
}

#[test]
fn names_are_quoted_with_the_quote_doubled() {
    assert_eq!(quote_with('"', r#"a"b"#), r#""a""b""#);
    assert_eq!(quote_with('`', "a`b\"c"), "`a``b\"c`");
    let q = Dialect::Mysql.rules();
    assert_eq!(q.quote("order"), "`order`");
}

#[test]
fn string_literals_survive_every_dialect() {
    let text = "it's \\ a\r\nb";
    assert_eq!(
        Dialect::Postgres.rules().string_literal(text),
        r"E'it''s \\ a\r\nb'"
    );
    assert_eq!(Dialect::Postgres.rules().string_literal("it's"), "'it''s'");
    assert_eq!(
        Dialect::Mysql.rules().string_literal(text),
        r"'it''s \\ a\r\nb'"
    );
    assert_eq!(
        Dialect::Sqlite.rules().string_literal(text),
        "'it''s \\ a\r\nb'"
    );
}

#[test]
fn numbers_in_defaults_must_look_like_numbers() {
    assert!(plain_number("-7"));
    assert!(plain_number("1.5e3"));
    assert!(!plain_number("1; DROP TABLE x"));
    assert!(!plain_number("inf"));
    assert!(!plain_number(""));
    // A numeric default that is not a number is written as a string literal,
    // which the engine then refuses: never as SQL.
    let mut t = table("t", "t", vec![id_field("id")], &["id"]);
    t.fields.push(Field {
        default: Some(DefaultValue::Value("0); DROP TABLE x; --".into())),
        ..id_field("n")
    });
    let sql = ddl(&doc_with(vec![t]), Dialect::Postgres);
    assert!(sql.contains("DEFAULT '0); DROP TABLE x; --'"), "{sql}");
}

#[test]
fn long_names_are_cut_with_a_hash_and_generated_names_step_aside() {
    let long = format!("{}x", "t".repeat(70));
    let other = format!("{}y", "t".repeat(70));
    let a = table("a", &long, vec![id_field("id")], &["id"]);
    let b = table("b", &other, vec![id_field("id")], &["id"]);
    // A table named like the primary key PostgreSQL would give `c`.
    let c = table("c", "c", vec![id_field("id")], &["id"]);
    let c_pkey = table("c-pkey", "c_pkey", vec![id_field("id")], &["id"]);
    let sql = ddl(&doc_with(vec![a, b, c, c_pkey]), Dialect::Postgres);
    let cut_a = names::fit(&long, Some(NameLimit::Bytes(63)));
    let cut_b = names::fit(&other, Some(NameLimit::Bytes(63)));
    assert_ne!(cut_a, cut_b);
    assert!(sql.contains(&format!("CREATE TABLE \"{cut_a}\"")), "{sql}");
    assert!(sql.contains(&format!("CREATE TABLE \"{cut_b}\"")), "{sql}");
    assert!(sql.contains("CONSTRAINT \"c_pkey1\" PRIMARY KEY"), "{sql}");
}

#[test]
fn clashing_names_from_the_model_are_refused() {
    let mut a = table("a", "a", vec![id_field("id"), id_field("n")], &["id"]);
    a.checks.push(crate::model::Check {
        name: Some("positive".into()),
        expression: "n > 0".into(),
    });
    let mut b = a.clone();
    b.id = "b".into();
    b.name = "b".into();
    let m = refused(&doc_with(vec![a, b]), Dialect::Mysql);
    assert!(
        m.contains("the check “positive” of entity “b” has the same name as the check “positive” of entity “a”"),
        "{m}"
    );
}

#[test]
fn clash_messages_name_both_holders() {
    // Tables that differ only in case; a column clash; an engine's own name.
    let a = table("a", "Orders", vec![id_field("id")], &["id"]);
    let b = table("b", "orders", vec![id_field("id")], &["id"]);
    let m = refused(&doc_with(vec![a, b]), Dialect::Postgres);
    assert!(
        m.contains("entity “b” has the same name as entity “a” (ignoring case"),
        "{m}"
    );
    let c = table("c", "c", vec![id_field("Id"), id_field("iD")], &["Id"]);
    let m = refused(&doc_with(vec![c]), Dialect::Sqlite);
    assert!(
        m.contains("field “c.iD” has the same name as field “c.Id”"),
        "{m}"
    );
}

#[test]
fn postgres_indexes_foreign_keys_that_no_index_serves() {
    let parent = table("p", "p", vec![id_field("id")], &["id"]);
    let mut served = table(
        "s",
        "s",
        vec![id_field("id"), id_field("p"), id_field("q")],
        &["p", "id"],
    );
    served.foreign_keys.push(fk(&["p"], "p", &["id"]));
    let mut bare = table("b", "b", vec![id_field("id"), id_field("p")], &["id"]);
    bare.foreign_keys.push(fk(&["p"], "p", &["id"]));
    let sql = ddl(&doc_with(vec![parent, served, bare]), Dialect::Postgres);
    assert!(
        sql.contains("CREATE INDEX \"b_p_idx\" ON \"b\" (\"p\");"),
        "{sql}"
    );
    assert!(!sql.contains("\"s_p_idx\""), "{sql}");
}

#[test]
fn mysql_drops_predicates_and_uniqueness_that_needs_them() {
    let mut t = table("t", "t", vec![id_field("id"), id_field("n")], &["id"]);
    let partial_unique = serde_json::json!({
        "columns": ["n"], "unique": true, "predicate": "n > 0"
    });
    t.indexes
        .push(serde_json::from_value(partial_unique).expect("index"));
    let doc = doc_with(vec![t]);
    let my = ddl(&doc, Dialect::Mysql);
    assert!(my.contains("the predicate WHERE n > 0 was dropped"), "{my}");
    assert!(my.contains("CREATE INDEX `t_n_idx` ON `t` (`n`);"), "{my}");
    let pg = ddl(&doc, Dialect::Postgres);
    assert!(
        pg.contains("CREATE UNIQUE INDEX \"t_n_idx\" ON \"t\" (\"n\") WHERE n > 0;"),
        "{pg}"
    );
}

#[test]
fn mysql_refuses_what_it_cannot_store() {
    let text_key = table(
        "t",
        "t",
        vec![Field::new("code", FieldType::Text)],
        &["code"],
    );
    let m = refused(&doc_with(vec![text_key]), Dialect::Mysql);
    assert!(m.contains("“t.code”") && m.contains("varchar"), "{m}");

    let two = table(
        "t",
        "t",
        vec![
            Field {
                identity: true,
                ..id_field("a")
            },
            Field {
                identity: true,
                unique: true,
                ..id_field("b")
            },
        ],
        &["a"],
    );
    let m = refused(&doc_with(vec![two]), Dialect::Mysql);
    assert!(m.contains("several identity columns"), "{m}");

    let unkeyed = table(
        "t",
        "t",
        vec![
            id_field("id"),
            Field {
                identity: true,
                ..id_field("n")
            },
        ],
        &["id"],
    );
    let m = refused(&doc_with(vec![unkeyed]), Dialect::Mysql);
    assert!(m.contains("“t.n”") && m.contains("no key"), "{m}");

    let wide = table(
        "t",
        "t",
        vec![id_field("id"), Field::new("d", FieldType::Decimal(40, 35))],
        &["id"],
    );
    assert!(refused(&doc_with(vec![wide]), Dialect::Mysql).contains("scale"));

    let quotes = "'\"".repeat(32);
    let file = table("q", &quotes, vec![id_field("id")], &["id"]);
    let m = refused(&doc_with(vec![file]), Dialect::Mysql);
    assert!(m.contains("file"), "{m}");
}

#[test]
fn sqlite_makes_only_a_sole_integer_key_an_identity() {
    let t = table(
        "t",
        "t",
        vec![
            Field {
                identity: true,
                ..Field::new("id", FieldType::BigInt)
            },
            Field {
                identity: true,
                unique: true,
                ..id_field("n")
            },
        ],
        &["id"],
    );
    let sql = ddl(&doc_with(vec![t]), Dialect::Sqlite);
    assert!(
        sql.contains("\"id\" INTEGER NOT NULL CONSTRAINT \"t_pkey\" PRIMARY KEY AUTOINCREMENT"),
        "{sql}"
    );
    assert!(sql.contains("the application must supply"), "{sql}");
    assert!(!sql.contains("PRIMARY KEY (\"id\")"), "{sql}");
}

#[test]
fn arrays_fall_back_to_json_outside_postgres() {
    let t = table(
        "t",
        "t",
        vec![
            id_field("id"),
            Field::new("tags", FieldType::Array(Box::new(FieldType::Text))),
        ],
        &["id"],
    );
    let doc = doc_with(vec![t]);
    assert!(ddl(&doc, Dialect::Postgres).contains("\"tags\" text[] NOT NULL"));
    let my = ddl(&doc, Dialect::Mysql);
    assert!(
        my.contains("`tags` JSON NOT NULL") && my.contains("JSON array"),
        "{my}"
    );
    let lite = ddl(&doc, Dialect::Sqlite);
    assert!(
        lite.contains("\"tags\" TEXT NOT NULL") && lite.contains("JSON array"),
        "{lite}"
    );
}

#[test]
fn enums_per_dialect() {
    let mut doc = doc_with(vec![table(
        "t",
        "t",
        vec![
            id_field("id"),
            Field::new("s", FieldType::Enum("st".into())),
        ],
        &["id"],
    )]);
    doc.enums.push(EnumType {
        id: "st".into(),
        name: "st".into(),
        values: vec!["a".into(), "it's".into()],
        comment: String::new(),
    });
    assert!(ddl(&doc, Dialect::Postgres).contains("CREATE TYPE \"st\" AS ENUM ('a', 'it''s');"));
    assert!(ddl(&doc, Dialect::Mysql).contains("`s` ENUM('a', 'it''s') NOT NULL"));
    assert!(
        ddl(&doc, Dialect::Sqlite)
            .contains("CONSTRAINT \"t_s_check\" CHECK (\"s\" IN ('a', 'it''s'))")
    );
    doc.enums[0].values.push("x".repeat(64));
    assert!(refused(&doc, Dialect::Postgres).contains("63 bytes"));
}

#[test]
fn comments_cannot_end_a_comment_line() {
    let mut t = table("t", "t", vec![id_field("id")], &["id"]);
    t.comment = "first\nDROP TABLE x; --".into();
    let sql = ddl(&doc_with(vec![t]), Dialect::Sqlite);
    assert!(sql.contains("-- first DROP TABLE x; --\n"), "{sql}");
    assert!(!sql.lines().any(|l| l.starts_with("DROP")), "{sql}");
}
