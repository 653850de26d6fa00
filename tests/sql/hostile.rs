//! A generated model of hostile names, shared by the SQL tests.
//!
//! Included with `#[path]` from `tests/sql/common.rs` (the engine tests
//! `tests/sql_postgres.rs`, `tests/sql_mariadb.rs`, `tests/sql_sqlite.rs`)
//! and from `tests/sql_snapshots.rs`.

use std::path::Path;

use archdesk::model::{
    Check, Container, ContainerKind, DefaultValue, Document, Entity, EnumType, Field, FieldType,
    FkAction, ForeignKey, SoftwareSystem, UniqueKey,
};
use archdesk::{check, store};

fn field(name: &str, ty: FieldType) -> Field {
    Field::new(name, ty)
}

fn nullable(name: &str, ty: FieldType) -> Field {
    Field {
        nullable: true,
        ..Field::new(name, ty)
    }
}

fn with_default(name: &str, ty: FieldType, default: DefaultValue) -> Field {
    Field {
        default: Some(default),
        ..Field::new(name, ty)
    }
}

fn fk(columns: &[&str], references: &str, to: &[&str], on_delete: FkAction) -> ForeignKey {
    ForeignKey {
        name: None,
        columns: columns.iter().map(|s| (*s).to_owned()).collect(),
        references: references.to_owned(),
        to_columns: to.iter().map(|s| (*s).to_owned()).collect(),
        on_delete,
        on_update: FkAction::NoAction,
    }
}

/// Adds an index. (`archdesk::model::Index` names the id lookup table, so
/// the entity index type is made through serde, which infers it.)
fn add_index(
    e: &mut Entity,
    name: Option<&str>,
    columns: &[&str],
    unique: bool,
    predicate: Option<&str>,
) {
    let index = serde_json::from_value(serde_json::json!({
        "name": name,
        "columns": columns,
        "unique": unique,
        "predicate": predicate,
    }))
    .expect("an index");
    e.indexes.push(index);
}

pub const DROP: &str = "; DROP TABLE x; --";

/// A model whose names try everything: quotes of every kind, backticks,
/// backslashes, SQL injection, reserved words, line breaks, unicode, names
/// of 100 bytes, names that are the same for their first 63 or 64 bytes,
/// names that the engines would otherwise generate, a cycle and a
/// self-reference, every foreign key action, and comments and defaults
/// full of quotes.
///
/// `for_mysql` leaves out what MySQL cannot take (emoji anywhere, a
/// carriage return in a name, `SET DEFAULT`); the full model must be
/// refused there with a clear error.
pub fn hostile(for_mysql: bool) -> Document {
    let mut doc = Document::new(format!(
        "Hostile \"model\" 'name' `x`{DROP}\nDROP TABLE y; */"
    ));
    doc.systems.push(SoftwareSystem::new("sys", "System"));
    doc.containers.push(Container::new(
        "hostile-db",
        "sys",
        "DB \"quoted\"\n-- not a comment */",
        ContainerKind::Database,
    ));
    let mut mood_values: Vec<String> = [
        "it's",
        "say \"hi\"",
        "back`tick",
        DROP,
        "back\\slash",
        "ünïcödé 名前",
        "a'';--",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    if !for_mysql {
        mood_values.push("crab 🦀".to_owned());
    }
    doc.enums.push(EnumType {
        id: "mood".into(),
        name: "mood \"enum\" 'type' `x`".into(),
        values: mood_values,
        comment: format!("it's a \\ comment\n-- with a line{DROP} */"),
    });
    doc.enums.push(EnumType {
        id: "user".into(),
        name: "user".into(),
        values: vec!["a".into(), "b".into()],
        comment: String::new(),
    });
    let db = "hostile-db";

    // Reserved words as table and column names; checks and predicates on a
    // plain column, as the model keeps SQL as written.
    let mut order = Entity::new("order-t", db, "order");
    order.comment = format!("The \"order\" table: it's `quoted`{DROP}\r\nnext line \\ */");
    order.fields = vec![
        Field {
            identity: true,
            ..field("id", FieldType::BigInt)
        },
        with_default(
            "user",
            FieldType::Enum("user".into()),
            DefaultValue::Value("a".into()),
        ),
        nullable("group", FieldType::Varchar(20)),
        with_default("select", FieldType::Int, DefaultValue::Value("-7".into())),
        with_default(
            "from",
            FieldType::Text,
            DefaultValue::Value(format!("it's \\ \"x\"{DROP}")),
        ),
        with_default(
            "mood",
            FieldType::Enum("mood".into()),
            DefaultValue::Value("it's".into()),
        ),
        field("qty", FieldType::Int),
        nullable(
            "moods",
            FieldType::Array(Box::new(FieldType::Enum("mood".into()))),
        ),
        nullable("tags", FieldType::Array(Box::new(FieldType::Text))),
        with_default(
            "where",
            FieldType::Varchar(40),
            DefaultValue::Value(String::new()),
        ),
    ];
    order.fields[6].comment = "How many; it's > 0 \\ 'quoted' \"twice\"".into();
    order.primary_key = vec!["id".into()];
    order.checks = vec![
        Check {
            name: Some("chk \"q\" 'x' `y`".into()),
            expression: "qty > 0".into(),
        },
        Check {
            name: None,
            expression: "qty < 1000000".into(),
        },
    ];
    add_index(&mut order, None, &["group"], false, None);
    add_index(
        &mut order,
        Some("partial \"uniq\" 'ix' `b`"),
        &["qty"],
        true,
        Some("qty > 10"),
    );
    add_index(&mut order, None, &["select", "qty"], true, None);
    add_index(&mut order, None, &["group"], false, Some("qty > 5"));

    // Quotes and injection in table and column names; a tenant column.
    let mut bobby = Entity::new("bobby", db, "Robert'); DROP TABLE students;--");
    bobby.fields = vec![
        with_default("a\"b", FieldType::Uuid, DefaultValue::RandomUuid),
        Field {
            unique: true,
            comment: format!("c'd: {DROP}"),
            ..field("c'd", FieldType::Varchar(50))
        },
        nullable("e`f", FieldType::Int),
        with_default("g\\h", FieldType::Bool, DefaultValue::Value("true".into())),
        with_default(
            DROP,
            FieldType::Date,
            DefaultValue::Value("2024-02-29".into()),
        ),
        with_default(
            "tab\tand\nnewline",
            FieldType::TimestampTz,
            DefaultValue::Now,
        ),
        nullable("order_id", FieldType::BigInt),
        field("tenant \"id\"", FieldType::Uuid),
        nullable(
            if for_mysql {
                "lf\nlf\u{1a}"
            } else {
                "cr\r\nlf\u{1a}"
            },
            FieldType::Text,
        ),
    ];
    bobby.primary_key = vec!["a\"b".into()];
    bobby.foreign_keys = vec![ForeignKey {
        name: Some("fk \"quoted\" 'name' `x`".into()),
        on_update: FkAction::Cascade,
        ..fk(&["order_id"], "order-t", &["id"], FkAction::SetNull)
    }];
    bobby.unique = vec![UniqueKey {
        name: Some("uq \"e`f\" 'g'".into()),
        columns: vec!["e`f".into(), "g\\h".into()],
    }];
    bobby.tenant_column = Some("tenant \"id\"".into());

    // Unicode, and every other type.
    let mut unicode = Entity::new("unicode", db, "Größe 表 ñ");
    unicode.comment = "Ünïcödé: 表 — “quotes” ‘single’".into();
    unicode.fields = vec![
        field("id", FieldType::Int),
        field("naïve café", FieldType::Decimal(12, 2)),
        nullable("日本語", FieldType::Text),
        with_default("ß", FieldType::Float, DefaultValue::Value("1.5e3".into())),
        field("Ω", FieldType::Double),
        with_default("time", FieldType::Time, DefaultValue::Now),
        with_default("ts", FieldType::Timestamp, DefaultValue::Now),
        nullable("blob", FieldType::Bytes),
        nullable("doc", FieldType::Json),
        with_default("day", FieldType::Date, DefaultValue::Now),
        field("small", FieldType::SmallInt),
        with_default(
            "price",
            FieldType::Decimal(6, 3),
            DefaultValue::Value("-0.5".into()),
        ),
    ];
    unicode.fields[1].comment = "ünïcödé comment 表".into();
    unicode.primary_key = vec!["id".into()];

    // Long names: 100 bytes, the same for their first 90; 50 two-byte
    // characters (fits MySQL's 64 characters, not PostgreSQL's 63 bytes).
    let long = |tail: &str| format!("{}{tail}", "long_name_".repeat(9));
    let long_col = |tail: &str| format!("{}{tail}", "c".repeat(94));
    let mut long_a = Entity::new("long-a", db, long("_table_one"));
    long_a.fields = vec![
        field("id", FieldType::Int),
        Field {
            unique: true,
            ..field(&long_col("_first"), FieldType::Int)
        },
        nullable(&long_col("_other"), FieldType::Int),
    ];
    long_a.primary_key = vec!["id".into()];
    add_index(
        &mut long_a,
        Some(&format!("idx_{}_1", "x".repeat(90))),
        &[&long_col("_other")],
        false,
        None,
    );
    add_index(
        &mut long_a,
        Some(&format!("idx_{}_2", "x".repeat(90))),
        &[&long_col("_other"), "id"],
        false,
        None,
    );
    let mut long_b = Entity::new("long-b", db, long("_table_two"));
    long_b.fields = vec![
        field("id", FieldType::Int),
        field(&long_col("_first"), FieldType::Int),
        nullable(&long_col("_other"), FieldType::Int),
    ];
    long_b.primary_key = vec!["id".into()];
    long_b.foreign_keys = vec![
        fk(
            &[&long_col("_first")],
            "long-a",
            &[&long_col("_first")],
            FkAction::Restrict,
        ),
        fk(&[&long_col("_other")], "long-a", &["id"], FkAction::Cascade),
    ];
    let mut accents = Entity::new("accents", db, "é".repeat(50));
    accents.fields = vec![
        field("id", FieldType::Int),
        nullable(&"ü".repeat(32), FieldType::Varchar(10)),
        nullable(&format!("{}1", "ü".repeat(32)), FieldType::Varchar(10)),
    ];
    accents.primary_key = vec!["id".into()];
    let (u1, u2) = ("ü".repeat(32), format!("{}1", "ü".repeat(32)));
    add_index(&mut accents, None, &[&u1, &u2], true, None);

    // A cycle and a self-reference, with every action.
    let mut cycle_a = Entity::new("cycle-a", db, "cycle a");
    cycle_a.fields = vec![
        field("id", FieldType::Uuid),
        nullable("b_id", FieldType::Uuid),
        nullable("parent", FieldType::Uuid),
    ];
    cycle_a.primary_key = vec!["id".into()];
    cycle_a.foreign_keys = vec![
        fk(&["b_id"], "cycle-b", &["id"], FkAction::NoAction),
        ForeignKey {
            on_update: if for_mysql {
                FkAction::Restrict
            } else {
                FkAction::SetDefault
            },
            ..fk(&["parent"], "cycle-a", &["id"], FkAction::SetNull)
        },
    ];
    let mut cycle_b = Entity::new("cycle-b", db, "cycle b");
    cycle_b.fields = vec![
        field("id", FieldType::Uuid),
        nullable("a_id", FieldType::Uuid),
    ];
    cycle_b.primary_key = vec!["id".into()];
    cycle_b.foreign_keys = vec![fk(&["a_id"], "cycle-a", &["id"], FkAction::Cascade)];

    // Names the engines would give their own objects.
    let mut acct = Entity::new("acct", db, "acct");
    acct.fields = vec![
        Field {
            identity: true,
            ..field("id", FieldType::Int)
        },
        field("n", FieldType::Int),
    ];
    acct.primary_key = vec!["id".into()];
    let mut acct_pkey = Entity::new("acct-pkey", db, "acct_pkey");
    acct_pkey.fields = vec![field("id", FieldType::Int)];
    acct_pkey.primary_key = vec!["id".into()];
    let mut acct_seq = Entity::new("acct-id-seq", db, "acct_id_seq");
    acct_seq.fields = vec![field("id", FieldType::Int)];
    acct_seq.primary_key = vec!["id".into()];

    // Backslashes, dots and slashes in a table name (file names in MySQL).
    let mut paths = Entity::new("paths", db, "a/b.c\\d");
    paths.fields = vec![field("x", FieldType::Varchar(5))];
    paths.primary_key = vec!["x".into()];

    // A plain ASCII name of 300 letters, table and column: every engine
    // takes it shortened to its limit (MySQL once refused it as too long
    // for a file name, measured before shortening).
    let long = "abcdefghij".repeat(30);
    let mut ascii_300 = Entity::new("ascii-300", db, long.as_str());
    ascii_300.fields = vec![
        field("id", FieldType::BigInt),
        field(&long, FieldType::Text),
    ];
    ascii_300.primary_key = vec!["id".into()];

    doc.entities = vec![
        bobby, order, unicode, long_b, long_a, accents, cycle_a, cycle_b, acct, acct_pkey,
        acct_seq, paths, ascii_300,
    ];
    if !for_mysql {
        let mut emoji = Entity::new("emoji", db, "🦀 crabs 🎉");
        emoji.comment = "🦀".into();
        emoji.fields = vec![field("🎉", FieldType::Int)];
        emoji.primary_key = vec!["🎉".into()];
        doc.entities.push(emoji);
    }
    doc
}

/// The hostile model is a valid model: it loads back from its file and has
/// no errors, so the engines see names, not a broken model.
pub fn checked(doc: Document) -> Document {
    let text = store::to_ron(&doc).expect("the model turns into text");
    let again = store::parse(&text, Path::new("hostile.ron")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, doc);
    let errors: Vec<_> = check::check(&doc)
        .into_iter()
        .filter(|f| f.severity == check::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    doc
}
