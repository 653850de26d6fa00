//! The model's own SQL: check expressions, partial-index predicates and
//! `Sql(..)` defaults, which the DDL copies as written. Each must read as
//! exactly one expression (`sqlparser`, in the dialect of each engine the
//! DDL targets): one that is not — `true)); CREATE TABLE pwned (…` — would
//! run as statements of its own, so it is a structural error; one that only
//! some engines read is a warning naming the others.

use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Token, Tokenizer, Whitespace};

use super::{Finding, Rule, Severity};
use crate::model::{DefaultValue, Document, Entity};

pub const NOT_AN_EXPRESSION: Rule = Rule {
    id: "data/sql-not-an-expression",
    severity: Severity::Error,
    summary: "A check expression, index predicate or SQL default is not exactly one SQL expression in any engine the DDL targets, so the DDL would run what follows it as statements of its own.",
};
pub const DIALECT_ONLY: Rule = Rule {
    id: "data/sql-dialect-only",
    severity: Severity::Warning,
    summary: "A check expression, index predicate or SQL default reads as SQL in some of the engines the DDL targets (PostgreSQL, MySQL, SQLite) but not in others, whose scripts would fail.",
};

/// How deep a fragment may nest before it is refused (sqlparser's own
/// guard: no stack is at risk, whatever the text).
const NESTING: usize = 64;

/// The engines the DDL targets, by the names messages use.
fn engines() -> [(&'static str, Box<dyn Dialect>); 3] {
    [
        ("PostgreSQL", Box::new(PostgreSqlDialect {})),
        ("MySQL", Box::new(MySqlDialect {})),
        ("SQLite", Box::new(SQLiteDialect {})),
    ]
}

/// Reads `sql` as one expression in `dialect`; the error says where it
/// stops being one.
fn one_expression(sql: &str, dialect: &dyn Dialect) -> Result<(), String> {
    let describe = |e: ParserError| match e {
        ParserError::RecursionLimitExceeded => {
            format!("it nests more than {NESTING} levels deep")
        }
        ParserError::TokenizerError(m) | ParserError::ParserError(m) => m,
    };
    // A comment would hide the rest of the DDL's line (the closing
    // parenthesis of a CHECK, say), so none is allowed.
    let tokens = Tokenizer::new(dialect, sql)
        .tokenize_with_location()
        .map_err(|e| e.to_string())?;
    if tokens.iter().any(|t| {
        matches!(
            t.token,
            Token::Whitespace(
                Whitespace::SingleLineComment { .. } | Whitespace::MultiLineComment(_)
            )
        )
    }) {
        return Err("it holds an SQL comment, which would hide the rest of the DDL line".into());
    }
    let mut parser = Parser::new(dialect)
        .with_recursion_limit(NESTING)
        .with_tokens_with_locations(tokens);
    parser.parse_expr().map_err(describe)?;
    let next = parser.peek_token();
    if next.token == Token::EOF {
        Ok(())
    } else {
        Err(format!(
            "one expression ends before “{}” at line {}, column {}",
            next.token, next.span.start.line, next.span.start.column
        ))
    }
}

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    let engines = engines();
    // Models repeat their fragments (`amount >= 0` on many tables): each
    // text is read once.
    let mut read: rustc_hash::FxHashMap<&str, Vec<(&str, String)>> = Default::default();
    for e in &doc.entities {
        for (what, part, sql) in fragments(e) {
            let refused: &Vec<(&str, String)> = read.entry(sql).or_insert_with(|| {
                engines
                    .iter()
                    .filter_map(|(name, d)| {
                        one_expression(sql, d.as_ref())
                            .err()
                            .map(|why| (*name, why))
                    })
                    .collect()
            });
            if refused.is_empty() {
                continue;
            }
            let shown = crate::text::printable(sql);
            if refused.len() == engines.len() {
                let why = &refused[0].1;
                out.push(Finding::of(
                    &NOT_AN_EXPRESSION,
                    &e.id,
                    part.text(),
                    format!(
                        "The {what} “{shown}” of “{}” is not one SQL expression: {why}.",
                        e.name
                    ),
                    "Write a single condition or value there, such as `quantity > 0`: the DDL copies it as written, so whatever follows one expression would run as SQL of its own.",
                ));
            } else {
                let names: Vec<&str> = refused.iter().map(|(n, _)| *n).collect();
                let (first, why) = &refused[0];
                out.push(Finding::of(
                    &DIALECT_ONLY,
                    &e.id,
                    part.text(),
                    format!(
                        "The {what} “{shown}” of “{}” does not read as SQL in {} ({first}: {why}), so the {} DDL would fail.",
                        e.name,
                        names.join(" or "),
                        names.join(" and ")
                    ),
                    "Use SQL every engine reads (`length(x)` rather than `char_length(x)`, standard casts), or accept this finding if the database runs only on the others.",
                ));
            }
        }
    }
}

/// The part of an entity a fragment belongs to, put into words only for a
/// finding (most fragments have none).
enum Part<'a> {
    /// A check: its name, else its place among the checks.
    Check(Option<&'a str>, usize),
    /// An index: its name, else its columns.
    Index(Option<&'a str>, &'a [String]),
    Field(&'a str),
}

impl Part<'_> {
    fn text(&self) -> String {
        match self {
            Self::Check(Some(name), _) | Self::Index(Some(name), _) | Self::Field(name) => {
                (*name).to_owned()
            }
            Self::Check(None, i) => format!("check {}", i + 1),
            Self::Index(None, columns) => columns.join(","),
        }
    }
}

/// Every SQL fragment of an entity: what it is, the part it belongs to, and
/// its text.
fn fragments(e: &Entity) -> impl Iterator<Item = (&'static str, Part<'_>, &str)> {
    let checks = e.checks.iter().enumerate().map(|(i, c)| {
        let part = Part::Check(c.name.as_deref(), i);
        ("check expression", part, c.expression.as_str())
    });
    let predicates = e.indexes.iter().filter_map(|ix| {
        let part = Part::Index(ix.name.as_deref(), &ix.columns);
        ix.predicate
            .as_deref()
            .map(|p| ("index predicate", part, p))
    });
    // An empty SQL default is data/bad-default's.
    let defaults = e.fields.iter().filter_map(|f| match &f.default {
        Some(DefaultValue::Sql(sql)) if !sql.trim().is_empty() => {
            Some(("SQL default", Part::Field(&f.name), sql.as_str()))
        }
        _ => None,
    });
    checks.chain(predicates).chain(defaults)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(sql: &str) -> Vec<bool> {
        engines()
            .iter()
            .map(|(_, d)| one_expression(sql, d.as_ref()).is_ok())
            .collect()
    }

    #[test]
    fn one_expression_reads_and_anything_more_does_not() {
        for ok in [
            "quantity > 0",
            "status IN ('pending', 'paid')",
            "length(code) BETWEEN 2 AND 8",
            "price >= 0 AND (discount IS NULL OR discount < price)",
            "CURRENT_TIMESTAMP",
            "upper(code) = code",
        ] {
            assert_eq!(reads(ok), [true, true, true], "{ok}");
        }
        for bad in [
            "true)); CREATE TABLE pwned (x int); CREATE TABLE z (y int, CHECK (true",
            "x > 0; DROP TABLE orders",
            "x > 0 -- fine",
            "",
            "(((",
            "a b c",
        ] {
            let r = reads(bad);
            assert!(
                r != [true, true, true],
                "{bad:?} is refused somewhere: {r:?}"
            );
        }
        assert_eq!(
            reads("true)); CREATE TABLE pwned (x int); CREATE TABLE z (y int, CHECK (true"),
            [false, false, false]
        );
        // Deep nesting is refused, not a stack overflow.
        let deep = format!("{}1{}", "(".repeat(5_000), ")".repeat(5_000));
        assert_eq!(reads(&deep), [false, false, false]);
    }

    #[test]
    fn a_postgres_only_cast_is_read_there_only() {
        assert_eq!(reads("payload::jsonb ? 'id'")[1..], [false, false]);
    }
}
