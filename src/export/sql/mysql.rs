//! MySQL (8.0.16 and later) and MariaDB (10.5 and later): backtick-quoted
//! names of at most 64 characters, inline `ENUM`, `COMMENT` clauses,
//! `AUTO_INCREMENT`, InnoDB tables in utf8mb4, and the limits of both
//! engines written out as errors (see the parent module for the list).
//!
//! Only what both engines accept is written: `CHAR(36)` UUIDs with
//! `DEFAULT (uuid())`, `DATETIME(6)` times, expression defaults in
//! parentheses for `text`, `json` and `bytes` columns.

use super::{
    ColumnContext, CommentStyle, EnumStyle, Identity, IdentityContext, NameKind, NameLimit,
    SqlDialect, common_name_problem, plain_number,
};
use crate::model::{DefaultValue, FieldType, FkAction};

/// The MySQL 8 / MariaDB dialect.
pub(crate) struct Mysql;

/// The longest `VARCHAR` in utf8mb4 (65,535 bytes a row, 4 bytes a character).
const MAX_VARCHAR: u32 = 16_383;
/// The largest `DECIMAL` scale.
const MAX_SCALE: u8 = 30;

/// The longest table file name (with its extension) the engines can make.
const MAX_FILE_NAME: usize = 250;

/// An upper bound on the length of the file name MySQL and MariaDB give a
/// table: ASCII letters, digits and `_` stay as they are; other characters
/// are written `@` and two or four more characters (an estimate that errs
/// long: three for the Latin, Greek, Cyrillic, Armenian and Hebrew letters,
/// five for the rest), plus the extension.
fn file_name_bytes(name: &str) -> usize {
    name.chars()
        .map(|c| match u32::from(c) {
            _ if c.is_ascii_alphanumeric() || c == '_' => 1,
            0xC0..=0x5FF => 3,
            _ => 5,
        })
        .sum::<usize>()
        + ".ibd".len()
}

impl SqlDialect for Mysql {
    fn title(&self) -> &'static str {
        "MySQL"
    }

    fn quote_char(&self) -> char {
        '`'
    }

    fn name_limit(&self) -> Option<NameLimit> {
        Some(NameLimit::Chars(64))
    }

    fn name_problem(&self, kind: NameKind, name: &str) -> Option<&'static str> {
        if let Some(p) = common_name_problem(name) {
            Some(p)
        } else if name.chars().any(|c| u32::from(c) > 0xFFFF) {
            Some(
                "contains a character outside the Basic Multilingual Plane (such as an emoji), which MySQL names cannot hold",
            )
        } else if name.contains('\r') {
            Some(
                "contains a carriage return, which the mysql and mariadb command-line clients drop",
            )
        } else if name.ends_with(' ') {
            Some("ends with a space, which MySQL names cannot")
        } else if kind == NameKind::Table && file_name_bytes(name) > MAX_FILE_NAME {
            Some(
                "has so many characters other than ASCII letters, digits and “_” that the file MySQL keeps the table in would need a name longer than file systems allow",
            )
        } else {
            None
        }
    }

    fn text_problem(&self, text: &str) -> Option<&'static str> {
        if text.contains('\0') {
            Some("contains a NUL character, which no SQL engine keeps")
        } else if text.chars().any(|c| u32::from(c) > 0xFFFF) {
            Some(
                "contains a character outside the Basic Multilingual Plane (such as an emoji), which MySQL and MariaDB turn into “?” in table definitions",
            )
        } else {
            None
        }
    }

    fn reserved_names(&self) -> &'static [&'static str] {
        // The name MySQL gives every primary key index.
        &["PRIMARY"]
    }

    /// Quotes doubled, backslashes doubled, line breaks and Ctrl-Z written
    /// as backslash escapes: safe with and without `NO_BACKSLASH_ESCAPES`
    /// (with it, the escapes stay as written in the text, but can never end
    /// the literal).
    fn string_literal(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('\'');
        for c in text.chars() {
            match c {
                '\'' => out.push_str("''"),
                '\\' => out.push_str("\\\\"),
                // Line breaks and Ctrl-Z as escapes: the mysql and mariadb
                // clients drop a carriage return before a line feed.
                '\r' => out.push_str("\\r"),
                '\n' => out.push_str("\\n"),
                '\u{1a}' => out.push_str("\\Z"),
                c => out.push(c),
            }
        }
        out.push('\'');
        out
    }

    fn transactional_ddl(&self) -> bool {
        false
    }

    fn preamble(&self) -> &'static [&'static str] {
        &["SET NAMES utf8mb4;"]
    }

    fn header_notes(&self) -> &'static [&'static str] {
        &[
            "For MySQL 8.0.16 or later and MariaDB 10.5 or later. MySQL commits each DDL statement, so this script is not one",
            "transaction: run it on an empty database, and drop that database if it stops half-way.",
            "timestamp and timestamptz columns are DATETIME(6) (MySQL's TIMESTAMP ends in 2038): write UTC into",
            "timestamptz columns. uuid columns are CHAR(36); arrays are JSON arrays.",
        ]
    }

    fn enum_style(&self) -> EnumStyle {
        EnumStyle::Inline
    }

    fn enum_value_problem(&self, value: &str) -> Option<String> {
        if value.ends_with(' ') {
            Some("ends with a space, which MySQL strips from ENUM values".to_owned())
        } else if value.chars().count() > 255 {
            Some("is longer than the 255 characters of a MySQL ENUM value".to_owned())
        } else {
            None
        }
    }

    fn inline_foreign_keys(&self) -> bool {
        false
    }

    fn partial_indexes(&self) -> bool {
        false
    }

    fn index_foreign_keys(&self) -> bool {
        true
    }

    fn fk_index_needs_same_order(&self) -> bool {
        true
    }

    fn comment_style(&self) -> CommentStyle {
        CommentStyle::Inline
    }

    fn comment_problem(&self, text: &str, on_table: bool) -> Option<String> {
        let max = if on_table { 2048 } else { 1024 };
        if text.chars().count() > max {
            Some(format!("is longer than the {max} characters MySQL keeps"))
        } else {
            None
        }
    }

    fn row_level_security(&self) -> bool {
        false
    }

    fn names_primary_key(&self) -> bool {
        false
    }

    fn column_type(&self, ty: &FieldType, cx: &ColumnContext<'_>) -> Result<String, String> {
        Ok(match ty {
            FieldType::Uuid => "CHAR(36)".to_owned(),
            FieldType::Text => "LONGTEXT".to_owned(),
            FieldType::Varchar(n) if *n > MAX_VARCHAR => {
                return Err(format!(
                    "is varchar({n}), longer than the {MAX_VARCHAR} characters of a MySQL utf8mb4 VARCHAR; make it text"
                ));
            }
            FieldType::Varchar(n) => format!("VARCHAR({n})"),
            FieldType::SmallInt => "SMALLINT".to_owned(),
            FieldType::Int => "INT".to_owned(),
            FieldType::BigInt => "BIGINT".to_owned(),
            FieldType::Decimal(_, s) if *s > MAX_SCALE => {
                return Err(format!(
                    "is {ty}, whose scale is above the {MAX_SCALE} digits MySQL allows; lower the scale"
                ));
            }
            FieldType::Decimal(p, s) => format!("DECIMAL({p},{s})"),
            FieldType::Float => "FLOAT".to_owned(),
            FieldType::Double => "DOUBLE".to_owned(),
            FieldType::Bool => "BOOLEAN".to_owned(),
            FieldType::Date => "DATE".to_owned(),
            FieldType::Time => "TIME(6)".to_owned(),
            FieldType::Timestamp | FieldType::TimestampTz => "DATETIME(6)".to_owned(),
            FieldType::Json | FieldType::Array(_) => "JSON".to_owned(),
            FieldType::Bytes => "LONGBLOB".to_owned(),
            FieldType::Enum(id) => match cx.doc.enum_type(id) {
                Some(en) => {
                    let values: Vec<String> =
                        en.values.iter().map(|v| self.string_literal(v)).collect();
                    format!("ENUM({})", values.join(", "))
                }
                None => {
                    return Err(format!(
                        "uses enum “{id}”, which the model does not have; add it or change the type"
                    ));
                }
            },
        })
    }

    fn is_json_fallback(&self, ty: &FieldType) -> bool {
        matches!(ty, FieldType::Array(_))
    }

    fn key_type_problem(&self, ty: &FieldType) -> Option<&'static str> {
        matches!(
            ty,
            FieldType::Text | FieldType::Json | FieldType::Bytes | FieldType::Array(_)
        )
        .then_some("MySQL cannot index such a column without a prefix length; give it a varchar(n) type, or leave it out of keys and indexes")
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
                FieldType::Bool if v == "true" => "TRUE".to_owned(),
                FieldType::Bool if v == "false" => "FALSE".to_owned(),
                // MySQL takes only expression defaults on these types.
                FieldType::Text | FieldType::Json | FieldType::Bytes | FieldType::Array(_) => {
                    format!("({})", self.string_literal(v))
                }
                _ => self.string_literal(v),
            },
            DefaultValue::Now => match ty {
                FieldType::Date => "(CURRENT_DATE)",
                FieldType::Time => "(CURRENT_TIME(6))",
                _ => "CURRENT_TIMESTAMP(6)",
            }
            .to_owned(),
            DefaultValue::RandomUuid => "(uuid())".to_owned(),
            DefaultValue::Sql(sql) => format!("({sql})"),
        }
    }

    fn identity(&self, cx: &IdentityContext) -> Result<Identity, String> {
        if cx.identities_in_table > 1 {
            Err(
                "is one of several identity columns of its table, and MySQL allows one; keep one"
                    .to_owned(),
            )
        } else if !cx.leads_a_key {
            Err("is an identity column that no key or index starts with, which MySQL requires; make it the primary key or unique, or index it".to_owned())
        } else {
            Ok(Identity::Clause("AUTO_INCREMENT".to_owned()))
        }
    }

    fn unique_constraint(&self, name: &str, columns: &str) -> String {
        format!("UNIQUE KEY {name} ({columns})")
    }

    fn table_options(&self) -> &'static str {
        " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
    }

    fn fk_action(&self, action: FkAction) -> Result<&'static str, &'static str> {
        if action == FkAction::SetDefault {
            Err("InnoDB refuses; choose another action")
        } else {
            Ok(action.sql())
        }
    }
}
