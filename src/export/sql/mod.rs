//! SQL DDL for PostgreSQL, MySQL 8 / MariaDB and SQLite: one script per
//! database container, made of that database's entities.
//!
//! Shared generation lives in `generate`; each dialect is one file
//! (`postgres`, `mysql`, `sqlite`) implementing the small [`SqlDialect`]
//! trait of capability methods, in the manner of sqlparser-rs. Adding a
//! dialect touches one new file and the [`Dialect`] enum. Everything here is
//! a pure function of the model: no I/O, no clock, no hash map iteration
//! order, so the same model gives byte-identical scripts.
//!
//! # What a script holds, in order
//!
//! 1. A header comment: model, database, dialect, and the notes a reader of
//!    this dialect needs (no timestamp).
//! 2. `BEGIN;` where the dialect's DDL is transactional (PostgreSQL,
//!    SQLite); MySQL commits each DDL statement, so it gets none.
//! 3. Enumerations: PostgreSQL `CREATE TYPE … AS ENUM`; MySQL writes `ENUM(…)`
//!    inline in the column; SQLite a named `CHECK (col IN (…))` on the column.
//! 4. Tables in foreign-key dependency order (referenced tables first, ties in
//!    model order; computed with petgraph, cycles kept together in model
//!    order), with columns, primary key, unique and check constraints, and
//!    comments (`COMMENT ON` for PostgreSQL, `COMMENT '…'` for MySQL, SQL
//!    comments inside the `CREATE TABLE` for SQLite, where they are kept in
//!    `sqlite_master`).
//! 5. Indexes: the model's (composite, unique, partial), then — on
//!    PostgreSQL and MySQL — one index for every foreign key whose columns no
//!    index or key starts with. They come before the foreign keys so that
//!    MySQL uses them instead of creating indexes of its own.
//! 6. Foreign keys: `ALTER TABLE … ADD CONSTRAINT` on PostgreSQL and MySQL
//!    (so cycles and self-references work); inline in `CREATE TABLE` on
//!    SQLite, which checks them only when rows change.
//! 7. PostgreSQL only: row-level security for tenant-scoped entities.
//!
//! # Names
//!
//! Every identifier is quoted (`"…"`, MySQL `` `…` ``) with the quote
//! character doubled, so names are data, whatever they contain. String
//! literals are single-quoted with quotes doubled; PostgreSQL writes a text
//! with a backslash or control character as `E'…'` with escapes, MySQL
//! doubles backslashes and escapes line breaks (its command-line client
//! drops a carriage return otherwise). Text in `--` comments (model and
//! database names, comments, dropped predicates) has its control
//! characters replaced by spaces, so nothing can end a comment line. Names
//! longer than the dialect's limit (PostgreSQL 63 bytes, MySQL 64
//! characters) are cut and end in `_` and eight hex digits of a hash of the
//! whole name (FNV-1a, see `names`), so two long names that share a
//! beginning stay apart. Constraint, index, type, sequence and policy names
//! are generated when the model has none (PostgreSQL's conventions:
//! `t_pkey`, `t_col_key`, `t_col_fkey`, `t_check`, `t_col_idx`, `t_col_seq`)
//! and are kept unique, ignoring case, across the whole database, tables
//! included: the strictest scope of the three engines (MySQL foreign key and
//! check names, PostgreSQL index, sequence and type names). A generated name
//! that is taken gets a number (`t_pkey1`). Names the model gives that clash
//! in that scope are refused with an error that names both.
//!
//! # What a dialect cannot express
//!
//! - Arrays exist only in PostgreSQL. MySQL and SQLite store them as a JSON
//!   array (`JSON`, SQLite `TEXT`) — a documented fallback, noted in an SQL
//!   comment above the column; an array column in a key or index is refused
//!   on MySQL.
//! - MySQL has no partial indexes: the predicate is dropped and a comment
//!   says so. A unique partial index becomes a plain (non-unique) index
//!   there, because a unique index without its predicate would refuse rows
//!   the model allows; the application must enforce that uniqueness.
//! - MySQL and MariaDB refuse, each with an [`ExportError::Unsupported`]
//!   sentence naming the entity and field and what to do: `text`, `json`,
//!   `bytes` and array columns in a key, index or foreign key (they need a
//!   prefix length); an identity column that no key starts with, or a second
//!   one in a table; `SET DEFAULT` actions (InnoDB refuses them); characters
//!   outside the Basic Multilingual Plane (emoji) in names, comments, enum
//!   values, defaults or the architect's SQL (table definitions keep them as
//!   `?`); names that end in a space or hold a carriage return; table names
//!   whose file name would be too long; enum values that end in a space;
//!   comments longer than MySQL keeps; `varchar` over 16,383 characters and
//!   `decimal` scales over 30.
//! - MySQL stores `timestamp` and `timestamptz` as `DATETIME(6)`: MySQL's
//!   `TIMESTAMP` ends in 2038. Write UTC into `timestamptz` columns. `uuid`
//!   is `CHAR(36)` with `DEFAULT (uuid())`.
//! - SQLite generates values only for a single-column `INTEGER PRIMARY KEY`
//!   (written `INTEGER PRIMARY KEY AUTOINCREMENT`); other identity columns
//!   are written as plain integers with a comment saying the application
//!   must fill them. `uuid`, `json` and arrays are `TEXT`, so that no value
//!   gets NUMERIC affinity; `RandomUuid` is a version-4 UUID made from
//!   `randomblob`.
//! - PostgreSQL enum labels are at most 63 bytes. `json` is `jsonb`.
//!   Identity columns are `GENERATED BY DEFAULT AS IDENTITY` with a named
//!   sequence.
//! - No engine keeps a NUL character, and no engine takes an empty name.
//!
//! Check expressions, partial-index predicates and `Sql(..)` defaults are the
//! architect's SQL and are copied as written, unquoted: they must use the
//! column names as the DDL has them and SQL every target dialect understands
//! (`length(x)`, not `char_length(x)`, which SQLite lacks; no reserved words
//! such as `key` as bare column names, which MySQL refuses). The review
//! reads each as one expression in each dialect first (`check/sql.rs`), so a
//! fragment that would end the statement and start another never gets here.
//!
//! # Tenant isolation (PostgreSQL)
//!
//! A tenant-scoped entity gets `ENABLE ROW LEVEL SECURITY` and a policy
//! `USING (tenant_col = CAST(current_setting('app.tenant_id') AS type))`
//! with the same `WITH CHECK`: a session must set `app.tenant_id` before it
//! touches those tables, and sees and writes only its tenant's rows. The
//! security is `FORCE`d, so the tables' owner (often the role the
//! application connects as) is held to it too; only superusers and
//! `BYPASSRLS` roles are not. MySQL and SQLite have no row-level security:
//! their scripts' headers say that the application must filter by tenant.

mod generate;
mod mysql;
mod names;
mod postgres;
mod sqlite;

use super::{Artifact, ExportError, Options};
use crate::model::{ContainerKind, DefaultValue, Document, FieldType};

/// The SQL dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Mysql,
    Sqlite,
}

impl Dialect {
    fn rules(self) -> &'static dyn SqlDialect {
        match self {
            Self::Postgres => &postgres::Postgres,
            Self::Mysql => &mysql::Mysql,
            Self::Sqlite => &sqlite::Sqlite,
        }
    }
}

/// One DDL script per database container that stores entities (file name
/// `DB-ID.sql`), or only the database `options.only`.
pub fn export(
    doc: &Document,
    dialect: Dialect,
    options: &Options,
) -> Result<Vec<Artifact>, ExportError> {
    let databases: Vec<&str> = doc
        .containers
        .iter()
        .filter(|c| c.kind == ContainerKind::Database)
        .map(|c| c.id.as_str())
        .collect();
    let chosen: Vec<&str> = match &options.only {
        Some(id) => {
            if !databases.contains(&id.as_str()) {
                return Err(ExportError::UnknownTarget {
                    what: "database",
                    id: id.clone(),
                    available: if databases.is_empty() {
                        "none".to_owned()
                    } else {
                        databases.join(", ")
                    },
                });
            }
            if !doc.entities.iter().any(|e| e.store == *id) {
                return Err(ExportError::Nothing {
                    what: "entities in that database",
                });
            }
            vec![id.as_str()]
        }
        None => databases
            .into_iter()
            .filter(|db| doc.entities.iter().any(|e| e.store == *db))
            .collect(),
    };
    if chosen.is_empty() {
        return Err(ExportError::Nothing {
            what: "database with entities",
        });
    }
    chosen
        .into_iter()
        .map(|db| {
            Ok(Artifact {
                file_name: format!("{db}.sql"),
                text: generate::script(doc, db, dialect.rules())?,
            })
        })
        .collect()
}

/// How a dialect limits the length of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameLimit {
    /// At most this many bytes of UTF-8 (PostgreSQL's NAMEDATALEN - 1).
    Bytes(usize),
    /// At most this many characters (MySQL).
    Chars(usize),
}

/// How a dialect writes an enumeration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnumStyle {
    /// A named type made before the tables (`CREATE TYPE … AS ENUM`).
    CreateType,
    /// An inline column type (`ENUM('a', 'b')`).
    Inline,
    /// A text column with a named `CHECK (col IN ('a', 'b'))`.
    Check,
}

/// How a dialect keeps table and column comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CommentStyle {
    /// `COMMENT ON TABLE … IS '…'` statements after the table.
    Statements,
    /// `COMMENT '…'` clauses on the column and the table.
    Inline,
    /// `-- …` lines inside the `CREATE TABLE`.
    SqlComments,
}

/// What a dialect needs to know to write a column's type.
pub(crate) struct ColumnContext<'a> {
    pub doc: &'a Document,
    /// The enum type names this script gave (PostgreSQL), by enum id.
    pub enum_names: &'a std::collections::BTreeMap<String, String>,
    /// Whether the column alone is its table's primary key.
    pub sole_primary_key: bool,
}

/// What a dialect needs to know to make a column an identity.
pub(crate) struct IdentityContext {
    /// The quoted sequence name, when the dialect names sequences.
    pub sequence: Option<String>,
    /// Whether the column alone is the primary key.
    pub sole_primary_key: bool,
    /// Whether the column is the first column of the primary key, a unique
    /// key or an index.
    pub leads_a_key: bool,
    /// How many identity columns the table has.
    pub identities_in_table: usize,
}

/// What a name is given to, for the rules some engines have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameKind {
    Table,
    Column,
    Type,
    Constraint,
    Index,
}

/// The capabilities and spellings of one SQL dialect. Shared generation in
/// `generate` asks these questions and never matches on the dialect.
pub(crate) trait SqlDialect: Sync {
    /// The dialect's name in the header, e.g. "PostgreSQL".
    fn title(&self) -> &'static str;

    /// The identifier quote character.
    fn quote_char(&self) -> char;

    /// The longest name the engine keeps, if it has a limit.
    fn name_limit(&self) -> Option<NameLimit>;

    /// An identifier, quoted.
    fn quote(&self, name: &str) -> String {
        quote_with(self.quote_char(), name)
    }

    /// Why the engine cannot take this name at all (after quoting), if so,
    /// as the end of "a name that …". Names that are merely too long are
    /// shortened instead.
    fn name_problem(&self, kind: NameKind, name: &str) -> Option<&'static str> {
        let _ = kind;
        common_name_problem(name)
    }

    /// Names the engine keeps for itself (compared ignoring case).
    fn reserved_names(&self) -> &'static [&'static str] {
        &[]
    }

    /// A string literal.
    fn string_literal(&self, text: &str) -> String {
        quoted_literal(text)
    }

    /// Whether DDL runs inside `BEGIN; … COMMIT;`.
    fn transactional_ddl(&self) -> bool;

    /// Statements after the header and before `BEGIN`, e.g. `SET NAMES`.
    fn preamble(&self) -> &'static [&'static str] {
        &[]
    }

    /// Notes for the header, one line each.
    fn header_notes(&self) -> &'static [&'static str] {
        &[]
    }

    /// How enumerations are written.
    fn enum_style(&self) -> EnumStyle;

    /// Why the engine cannot take this enum value, if so.
    fn enum_value_problem(&self, value: &str) -> Option<String> {
        let _ = value;
        None
    }

    /// Whether foreign keys are written inside `CREATE TABLE` (else added
    /// with `ALTER TABLE` after all tables).
    fn inline_foreign_keys(&self) -> bool;

    /// Whether `CREATE INDEX … WHERE predicate` exists.
    fn partial_indexes(&self) -> bool;

    /// Whether every foreign key gets an index when no index or key starts
    /// with its columns.
    fn index_foreign_keys(&self) -> bool;

    /// Whether an index covers a foreign key only when its first columns are
    /// the key's columns in the same order (else: in any order).
    fn fk_index_needs_same_order(&self) -> bool {
        false
    }

    /// How table and column comments are written.
    fn comment_style(&self) -> CommentStyle;

    /// Why the engine cannot keep this text as written — a comment, an enum
    /// value, a default, or the architect's SQL — if so, as the end of
    /// "it …".
    fn text_problem(&self, text: &str) -> Option<&'static str> {
        text.contains('\0')
            .then_some("contains a NUL character, which no SQL engine keeps")
    }

    /// Why a table or column comment cannot be written, if so (beyond
    /// [`SqlDialect::text_problem`]).
    fn comment_problem(&self, text: &str, on_table: bool) -> Option<String> {
        let _ = (text, on_table);
        None
    }

    /// Whether tenant-scoped entities get row-level security.
    fn row_level_security(&self) -> bool;

    /// Whether the primary key constraint takes a name.
    fn names_primary_key(&self) -> bool {
        true
    }

    /// The column type. `Err` holds the end of a sentence saying why the
    /// dialect cannot store it ("cannot …; do …").
    fn column_type(&self, ty: &FieldType, cx: &ColumnContext<'_>) -> Result<String, String>;

    /// Whether the type is stored as a JSON fallback (arrays outside
    /// PostgreSQL), which gets a note in the DDL.
    fn is_json_fallback(&self, ty: &FieldType) -> bool {
        let _ = ty;
        false
    }

    /// Why a column of this type cannot be part of a key, index or foreign
    /// key, if so.
    fn key_type_problem(&self, ty: &FieldType) -> Option<&'static str> {
        let _ = ty;
        None
    }

    /// The `DEFAULT` expression (without the keyword).
    fn default_value(&self, ty: &FieldType, default: &DefaultValue) -> String;

    /// Whether identity columns name their sequence (PostgreSQL), so that
    /// the sequence cannot take a name a later table needs.
    fn names_identity_sequences(&self) -> bool {
        false
    }

    /// How an identity column is made; `Err` holds why it cannot be.
    fn identity(&self, cx: &IdentityContext) -> Result<Identity, String>;

    /// A named unique constraint inside `CREATE TABLE`; both arguments are
    /// quoted already.
    fn unique_constraint(&self, name: &str, columns: &str) -> String {
        format!("CONSTRAINT {name} UNIQUE ({columns})")
    }

    /// Table options after the closing parenthesis (MySQL's `ENGINE=…`).
    fn table_options(&self) -> &'static str {
        ""
    }

    /// A reference action, e.g. `SET NULL`; `Err` when the engine refuses it.
    fn fk_action(&self, action: crate::model::FkAction) -> Result<&'static str, &'static str> {
        Ok(action.sql())
    }
}

/// How a dialect makes an identity column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Identity {
    /// A clause written after the type and `NOT NULL`.
    Clause(String),
    /// The column is written as `INTEGER PRIMARY KEY AUTOINCREMENT` (SQLite),
    /// replacing the table's primary key constraint.
    RowId,
    /// The dialect cannot generate values here; a comment says so.
    ByApplication(&'static str),
}

/// Names (and enum values) no engine can take: empty, or holding a NUL
/// character.
pub(crate) fn common_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("is empty")
    } else if name.contains('\0') {
        Some("contains a NUL character")
    } else {
        None
    }
}

/// Whether a default literal can be written as a bare number: digits with an
/// optional sign, point and exponent, as `check` accepts for numeric types.
/// Anything else is written as a string literal, so a model that skipped
/// the check still cannot smuggle SQL through a default.
pub(crate) fn plain_number(v: &str) -> bool {
    !v.is_empty()
        && v.parse::<f64>().is_ok_and(f64::is_finite)
        && v.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
}

/// `"name"` with the quote character doubled.
/// An identifier in quotes, with the quote character doubled, written
/// straight into the output (no `String` of its own).
#[derive(Clone, Copy)]
pub(crate) struct Quoted<'n> {
    pub(crate) q: char,
    pub(crate) name: &'n str,
}

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write as _;
        f.write_char(self.q)?;
        // Every quote character is ASCII; most names hold none of it.
        if self.q.is_ascii() && !self.name.bytes().any(|b| u32::from(b) == u32::from(self.q)) {
            f.write_str(self.name)?;
            return f.write_char(self.q);
        }
        let mut parts = self.name.split(self.q);
        if let Some(first) = parts.next() {
            f.write_str(first)?;
        }
        for part in parts {
            f.write_char(self.q)?;
            f.write_char(self.q)?;
            f.write_str(part)?;
        }
        f.write_char(self.q)
    }
}

/// `'…'` with single quotes doubled.
pub(crate) fn quoted_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    let mut parts = text.split('\'');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str("''");
        out.push_str(part);
    }
    out.push('\'');
    out
}

pub(crate) fn quote_with(q: char, name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 2);
    out.push(q);
    for c in name.chars() {
        if c == q {
            out.push(q);
        }
        out.push(c);
    }
    out.push(q);
    out
}

#[cfg(test)]
mod tests;
