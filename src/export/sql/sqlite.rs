//! SQLite (3.35 and later): declared types chosen for the right type
//! affinity, enums as named `CHECK (col IN (…))`, foreign keys inside
//! `CREATE TABLE`, comments as SQL comments (kept in `sqlite_master`), an
//! integer primary key of one column as the rowid (`INTEGER`), and
//! `INTEGER PRIMARY KEY AUTOINCREMENT` for an identity primary key.

use super::{
    ColumnContext, CommentStyle, EnumStyle, Identity, IdentityContext, NameKind, SqlDialect,
    common_name_problem, plain_number,
};
use crate::model::{DefaultValue, FieldType};

/// The SQLite dialect.
pub(crate) struct Sqlite;

/// A random version-4 UUID in its text form, built from `randomblob`.
const RANDOM_UUID: &str = "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || \
     substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || \
     substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))";

impl SqlDialect for Sqlite {
    fn title(&self) -> &'static str {
        "SQLite"
    }

    fn quote_char(&self) -> char {
        '"'
    }

    fn name_limit(&self) -> Option<super::NameLimit> {
        None
    }

    fn name_problem(&self, kind: NameKind, name: &str) -> Option<&'static str> {
        if let Some(p) = common_name_problem(name) {
            return Some(p);
        }
        let internal = name
            .get(..7)
            .is_some_and(|head| head.eq_ignore_ascii_case("sqlite_"));
        (internal && matches!(kind, NameKind::Table | NameKind::Index))
            .then_some("begins with “sqlite_”, which SQLite keeps for itself")
    }

    fn transactional_ddl(&self) -> bool {
        true
    }

    fn header_notes(&self) -> &'static [&'static str] {
        &[
            "SQLite enforces foreign keys only on connections that run PRAGMA foreign_keys = ON.",
            "uuid, json and array columns are TEXT (arrays as JSON arrays); enums are CHECK constraints.",
        ]
    }

    fn enum_style(&self) -> EnumStyle {
        EnumStyle::Check
    }

    fn inline_foreign_keys(&self) -> bool {
        true
    }

    fn partial_indexes(&self) -> bool {
        true
    }

    fn index_foreign_keys(&self) -> bool {
        false
    }

    fn comment_style(&self) -> CommentStyle {
        CommentStyle::SqlComments
    }

    fn row_level_security(&self) -> bool {
        false
    }

    /// Declared types whose affinity fits: no `UUID` or `JSON`, which
    /// SQLite would read as NUMERIC. An integer column that alone is the
    /// primary key is declared `INTEGER`, which makes it the rowid: SQLite
    /// keeps no second index for it and assigns it when an insert leaves it
    /// out. Other integer columns are `INT`, which never does.
    fn column_type(&self, ty: &FieldType, cx: &ColumnContext<'_>) -> Result<String, String> {
        if ty.is_integer() && cx.sole_primary_key {
            return Ok("INTEGER".to_owned());
        }
        Ok(match ty {
            FieldType::Uuid
            | FieldType::Text
            | FieldType::Json
            | FieldType::Enum(_)
            | FieldType::Array(_) => "TEXT".to_owned(),
            FieldType::Varchar(n) => format!("VARCHAR({n})"),
            FieldType::SmallInt => "SMALLINT".to_owned(),
            FieldType::Int => "INT".to_owned(),
            FieldType::BigInt => "BIGINT".to_owned(),
            FieldType::Decimal(p, s) => format!("DECIMAL({p},{s})"),
            FieldType::Float => "FLOAT".to_owned(),
            FieldType::Double => "DOUBLE".to_owned(),
            FieldType::Bool => "BOOLEAN".to_owned(),
            FieldType::Date => "DATE".to_owned(),
            FieldType::Time => "TIME".to_owned(),
            FieldType::Timestamp => "TIMESTAMP".to_owned(),
            FieldType::TimestampTz => "TIMESTAMPTZ".to_owned(),
            FieldType::Bytes => "BLOB".to_owned(),
        })
    }

    fn is_json_fallback(&self, ty: &FieldType) -> bool {
        matches!(ty, FieldType::Array(_))
    }

    fn default_value(&self, ty: &FieldType, default: &DefaultValue) -> String {
        match default {
            DefaultValue::Value(v) => match ty {
                FieldType::SmallInt
                | FieldType::Int
                | FieldType::BigInt
                | FieldType::Decimal(..)
                | FieldType::Float
                | FieldType::Double
                    if plain_number(v) =>
                {
                    v.clone()
                }
                FieldType::Bool if v == "true" => "1".to_owned(),
                FieldType::Bool if v == "false" => "0".to_owned(),
                _ => self.string_literal(v),
            },
            DefaultValue::Now => match ty {
                FieldType::Date => "CURRENT_DATE",
                FieldType::Time => "CURRENT_TIME",
                _ => "CURRENT_TIMESTAMP",
            }
            .to_owned(),
            DefaultValue::RandomUuid => RANDOM_UUID.to_owned(),
            DefaultValue::Sql(sql) => format!("({sql})"),
        }
    }

    fn identity(&self, cx: &IdentityContext) -> Result<Identity, String> {
        Ok(if cx.sole_primary_key {
            Identity::RowId
        } else {
            Identity::ByApplication(
                "Identity: SQLite generates values only for an INTEGER PRIMARY KEY, so the application must supply this column.",
            )
        })
    }
}
