//! The dialect-independent part of the DDL: which entities and enums a
//! database script holds, in which order, under which names, and the text
//! of each statement, asking the [`SqlDialect`] for every spelling.
//!
//! It validates only what a dialect cannot express; the model's own
//! structure has been checked by `check` before an export runs. It still
//! never panics on a model that skipped the check: a reference it cannot
//! follow becomes an error.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;

use petgraph::graphmap::DiGraphMap;

use super::names::{Scope, What};
use super::{
    ColumnContext, CommentStyle, EnumStyle, Identity, IdentityContext, NameKind, Quoted, SqlDialect,
};
use crate::export::ExportError;
use crate::model::{DefaultValue, Document, Entity, EnumType, FieldType, ForeignKey};

/// The whole script for one database container.
pub(super) fn script(doc: &Document, db: &str, d: &dyn SqlDialect) -> Result<String, ExportError> {
    let entities: Vec<&Entity> = doc.entities.iter().filter(|e| e.store == db).collect();
    let plan = Plan::new(doc, db, d, &entities)?;
    Ok(plan.write())
}

/// One sentence for an [`ExportError::Unsupported`].
fn refuse(d: &dyn SqlDialect, db: &str, subject: &str, why: &str) -> ExportError {
    ExportError::Unsupported(format!(
        "cannot write {} DDL for database “{db}”: {subject} {why}.",
        d.title()
    ))
}

/// Text for a `-- ` comment line: control characters (line breaks above
/// all, which would end the comment) become spaces.
pub(super) fn comment_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// An index to create.
struct IndexPlan<'a> {
    name: String,
    columns: Vec<&'a str>,
    unique: bool,
    predicate: Option<&'a str>,
    /// Comment lines above the statement.
    notes: Vec<String>,
}

/// One entity with every name it needs.
struct Table<'a> {
    e: &'a Entity,
    name: String,
    /// Column names, parallel to `e.fields`.
    columns: Vec<String>,
    /// `None` when the dialect does not name primary keys.
    pk_name: Option<String>,
    uniques: Vec<(String, Vec<&'a str>)>,
    checks: Vec<(String, String)>,
    indexes: Vec<IndexPlan<'a>>,
    fks: Vec<(String, &'a ForeignKey)>,
    /// How each field is generated, parallel to `e.fields` (`None`: not an identity).
    identities: Vec<Option<Identity>>,
    /// Whether the primary key is written on its rowid column (SQLite).
    row_id: bool,
    policy: Option<String>,
}

impl Table<'_> {
    /// The DDL name of a column, by its model name.
    fn col<'s>(&'s self, model_name: &'s str) -> &'s str {
        self.e
            .fields
            .iter()
            .position(|f| f.name == model_name)
            .and_then(|i| self.columns.get(i))
            .map_or(model_name, String::as_str)
    }
}

struct Plan<'a> {
    doc: &'a Document,
    db: &'a str,
    d: &'a dyn SqlDialect,
    /// Tables in dependency order.
    tables: Vec<Table<'a>>,
    /// Position in `tables` by entity id.
    by_id: HashMap<&'a str, usize>,
    /// Enums used by the tables, in model order.
    enums: Vec<&'a EnumType>,
    /// Type names of enums (PostgreSQL), by enum id.
    enum_names: BTreeMap<String, String>,
    /// The comment lines and definition of every column, parallel to
    /// `tables` and their fields: worked out once, when they are checked.
    columns: Vec<Vec<ColumnText>>,
}

/// The comment lines above a column, and its definition.
type ColumnText = (Vec<String>, String);

impl<'a> Plan<'a> {
    fn new(
        doc: &'a Document,
        db: &'a str,
        d: &'a dyn SqlDialect,
        entities: &[&'a Entity],
    ) -> Result<Self, ExportError> {
        let order = dependency_order(entities);
        // Tables, enums, and a few constraints and indexes per table.
        let expected = entities
            .iter()
            .map(|e| 2 + e.foreign_keys.len() * 2 + e.indexes.len() + e.unique.len())
            .sum();
        let mut scope = Scope::new(d.name_limit(), d.reserved_names(), expected);
        let claim = |scope: &mut Scope<'a>, kind: NameKind, name: &str, what: What<'a>| {
            let fitted = scope.claim(name, what).map_err(|first| {
                refuse(
                    d,
                    db,
                    &what.to_string(),
                    &format!("has the same name as {first} (ignoring case, after shortening to the engine's limit); names of tables, types, constraints and indexes must differ within a database"),
                )
            })?;
            // Judged as the engine gets it: shortened to its limit.
            if let Some(problem) = d.name_problem(kind, &fitted) {
                return Err(refuse(
                    d,
                    db,
                    &what.to_string(),
                    &format!("has a name that {problem}; rename it"),
                ));
            }
            Ok(fitted)
        };

        let enums = used_enums(doc, db, d, entities)?;

        // Names the model gives: tables, then enum types, then constraints
        // and indexes. Generated names come after, so they step aside.
        let mut tables: Vec<Table<'a>> = Vec::with_capacity(entities.len());
        for e in entities {
            let name = claim(&mut scope, NameKind::Table, &e.name, What::Entity(&e.id))?;
            let mut col_scope = Scope::new(d.name_limit(), &[], e.fields.len());
            let mut columns = Vec::with_capacity(e.fields.len());
            for f in &e.fields {
                columns.push(claim(
                    &mut col_scope,
                    NameKind::Column,
                    &f.name,
                    What::Field(&e.id, &f.name),
                )?);
            }
            tables.push(Table {
                e,
                name,
                columns,
                pk_name: None,
                uniques: Vec::new(),
                checks: Vec::new(),
                indexes: Vec::new(),
                fks: Vec::new(),
                identities: vec![None; e.fields.len()],
                row_id: false,
                policy: None,
            });
        }
        let mut enum_names = BTreeMap::new();
        if d.enum_style() == EnumStyle::CreateType {
            for en in &enums {
                let name = claim(&mut scope, NameKind::Type, &en.name, What::Enum(&en.id))?;
                enum_names.insert(en.id.clone(), name);
            }
        }
        // Explicit constraint and index names, as the model gives them.
        let mut explicit: Vec<BTreeMap<&str, String>> = Vec::new();
        for (t, e) in tables.iter().zip(entities) {
            let mut mine = BTreeMap::new();
            let named = e
                .unique
                .iter()
                .filter_map(|u| u.name.as_deref().map(|n| (n, "unique key")))
                .chain(
                    e.foreign_keys
                        .iter()
                        .filter_map(|k| k.name.as_deref().map(|n| (n, "foreign key"))),
                )
                .chain(
                    e.checks
                        .iter()
                        .filter_map(|c| c.name.as_deref().map(|n| (n, "check"))),
                )
                .chain(
                    e.indexes
                        .iter()
                        .filter_map(|i| i.name.as_deref().map(|n| (n, "index"))),
                );
            for (n, what) in named {
                let kind = if what == "index" {
                    NameKind::Index
                } else {
                    NameKind::Constraint
                };
                let fitted = claim(
                    &mut scope,
                    kind,
                    n,
                    What::Named {
                        kind: what,
                        name: n,
                        entity: &t.e.id,
                    },
                )?;
                mine.insert(n, fitted);
            }
            explicit.push(mine);
        }

        let by_model_id: HashMap<&str, usize> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();

        // Everything else per table, in model order so numbering is stable.
        for (t, given) in tables.iter_mut().zip(&explicit) {
            plan_table(doc, db, d, &mut scope, given, &by_model_id, t)?;
            check_key_types(d, db, t)?;
            check_texts(d, db, t.e)?;
        }
        let mut ordered: Vec<Table<'a>> = Vec::with_capacity(tables.len());
        let mut slots: Vec<Option<Table<'a>>> = tables.into_iter().map(Some).collect();
        for i in order {
            if let Some(t) = slots.get_mut(i).and_then(Option::take) {
                ordered.push(t);
            }
        }
        let by_id = ordered
            .iter()
            .enumerate()
            .map(|(i, t)| (t.e.id.as_str(), i))
            .collect();
        let mut plan = Self {
            doc,
            db,
            d,
            tables: ordered,
            by_id,
            enums,
            enum_names,
            columns: Vec::new(),
        };
        plan.columns = plan.check_columns()?;
        Ok(plan)
    }

    /// Types, identities and defaults every column can be written with,
    /// and what is written for each.
    fn check_columns(&self) -> Result<Vec<Vec<ColumnText>>, ExportError> {
        self.tables
            .iter()
            .map(|t| (0..t.e.fields.len()).map(|k| self.column(t, k)).collect())
            .collect()
    }

    fn quote<'n>(&self, name: &'n str) -> Quoted<'n> {
        Quoted {
            q: self.d.quote_char(),
            name,
        }
    }

    /// The column definition and the comment lines above it.
    fn column(&self, t: &Table<'_>, k: usize) -> Result<ColumnText, ExportError> {
        let d = self.d;
        let e = t.e;
        let f = &e.fields[k];
        let cx = ColumnContext {
            doc: self.doc,
            enum_names: &self.enum_names,
            sole_primary_key: e.primary_key.len() == 1 && e.primary_key[0] == f.name,
        };
        let ty = d
            .column_type(&f.ty, &cx)
            .map_err(|why| refuse(d, self.db, &format!("field “{}.{}”", e.id, f.name), &why))?;
        let mut notes = Vec::new();
        if d.is_json_fallback(&f.ty) {
            notes.push(format!(
                "{} holds a JSON array of {}: {} has no array types.",
                comment_text(&f.name),
                match &f.ty {
                    FieldType::Array(inner) => inner.to_string(),
                    other => other.to_string(),
                },
                d.title()
            ));
        }
        if d.comment_style() == CommentStyle::SqlComments && !f.comment.is_empty() {
            notes.push(comment_text(&f.comment));
        }
        // Room for the usual clauses, so the line is not copied as it grows.
        let mut line = String::with_capacity(t.columns[k].len() + ty.len() + 64);
        let _ = write!(line, "{} {ty}", self.quote(&t.columns[k]));
        let mut row_id = false;
        let mut identity_clause = None;
        match &t.identities[k] {
            Some(Identity::Clause(c)) => identity_clause = Some(c.as_str()),
            Some(Identity::RowId) => row_id = true,
            Some(Identity::ByApplication(why)) => notes.push((*why).to_owned()),
            None => {}
        }
        if row_id {
            // SQLite: the rowid alias carries the primary key itself.
            line = format!("{} INTEGER NOT NULL", self.quote(&t.columns[k]));
            if let Some(pk) = &t.pk_name {
                let _ = write!(line, " CONSTRAINT {}", self.quote(pk));
            }
            line.push_str(" PRIMARY KEY AUTOINCREMENT");
        } else if !f.nullable {
            line.push_str(" NOT NULL");
        }
        if let Some(default) = &f.default {
            let _ = write!(line, " DEFAULT {}", d.default_value(&f.ty, default));
        }
        if let Some(c) = identity_clause {
            line.push(' ');
            line.push_str(c);
        }
        if d.comment_style() == CommentStyle::Inline && !f.comment.is_empty() {
            let _ = write!(line, " COMMENT {}", d.string_literal(&f.comment));
        }
        Ok((notes, line))
    }

    fn columns_list(&self, t: &Table<'_>, columns: &[&str]) -> String {
        self.quoted_list(columns.iter().map(|c| t.col(c)))
    }

    /// Quoted names, separated by commas.
    fn quoted_list<'n>(&self, names: impl Iterator<Item = &'n str>) -> String {
        let mut out = String::new();
        for (i, name) in names.enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}", self.quote(name));
        }
        out
    }

    fn fk_clause(&self, t: &Table<'_>, name: &str, fk: &ForeignKey) -> String {
        let target = self
            .by_id
            .get(fk.references.as_str())
            .map(|&i| &self.tables[i]);
        let (target_name, target_cols) = match target {
            Some(tt) => (
                tt.name.as_str(),
                self.quoted_list(fk.to_columns.iter().map(|c| tt.col(c))),
            ),
            None => (fk.references.as_str(), String::new()),
        };
        let cols: Vec<&str> = fk.columns.iter().map(String::as_str).collect();
        let mut s = format!(
            "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
            self.quote(name),
            self.columns_list(t, &cols),
            self.quote(target_name),
            target_cols
        );
        for (word, action) in [("DELETE", fk.on_delete), ("UPDATE", fk.on_update)] {
            // Written even when it is the default: reviewers see every action,
            // and MySQL's catalog shows RESTRICT for an action left out.
            let _ = write!(
                s,
                " ON {word} {}",
                self.d.fk_action(action).unwrap_or("NO ACTION")
            );
        }
        s
    }

    fn write(&self) -> String {
        let d = self.d;
        // About what a table takes, so the text is rarely copied as it grows.
        let mut out = String::with_capacity(
            1024 + self
                .tables
                .iter()
                .map(|t| 256 + 96 * t.e.fields.len())
                .sum::<usize>(),
        );
        self.header(&mut out);
        for stmt in d.preamble() {
            out.push_str(stmt);
            out.push('\n');
        }
        if d.transactional_ddl() {
            out.push_str("BEGIN;\n");
        }

        if d.enum_style() == EnumStyle::CreateType && !self.enums.is_empty() {
            out.push_str("\n-- Enumerations\n");
            for en in &self.enums {
                let name = self
                    .enum_names
                    .get(&en.id)
                    .map_or(en.name.as_str(), String::as_str);
                let values: Vec<String> = en.values.iter().map(|v| d.string_literal(v)).collect();
                let _ = writeln!(
                    out,
                    "\nCREATE TYPE {} AS ENUM ({});",
                    self.quote(name),
                    values.join(", ")
                );
                if !en.comment.is_empty() {
                    let _ = writeln!(
                        out,
                        "COMMENT ON TYPE {} IS {};",
                        self.quote(name),
                        d.string_literal(&en.comment)
                    );
                }
            }
        }

        out.push_str("\n-- Tables\n");
        for (t, columns) in self.tables.iter().zip(&self.columns) {
            self.create_table(&mut out, t, columns);
        }

        if self.tables.iter().any(|t| !t.indexes.is_empty()) {
            out.push_str("\n-- Indexes\n\n");
            for t in &self.tables {
                for ix in &t.indexes {
                    for note in &ix.notes {
                        let _ = writeln!(out, "-- {note}");
                    }
                    let _ = write!(
                        out,
                        "CREATE {}INDEX {} ON {} ({})",
                        if ix.unique { "UNIQUE " } else { "" },
                        self.quote(&ix.name),
                        self.quote(&t.name),
                        self.columns_list(t, &ix.columns)
                    );
                    if let Some(p) = ix.predicate {
                        let _ = write!(out, " WHERE {p}");
                    }
                    out.push_str(";\n");
                }
            }
        }

        if !d.inline_foreign_keys() && self.tables.iter().any(|t| !t.fks.is_empty()) {
            out.push_str("\n-- Foreign keys\n\n");
            for t in &self.tables {
                for (name, fk) in &t.fks {
                    let _ = writeln!(
                        out,
                        "ALTER TABLE {} ADD {};",
                        self.quote(&t.name),
                        self.fk_clause(t, name, fk)
                    );
                }
            }
        }

        if self.tables.iter().any(|t| t.policy.is_some()) {
            out.push_str("\n-- Tenant isolation\n");
            for t in &self.tables {
                let (Some(policy), Some(tenant)) = (&t.policy, &t.e.tenant_column) else {
                    continue;
                };
                let ty =
                    t.e.field(tenant)
                        .and_then(|f| {
                            d.column_type(
                                &f.ty,
                                &ColumnContext {
                                    doc: self.doc,
                                    enum_names: &self.enum_names,
                                    sole_primary_key: false,
                                },
                            )
                            .ok()
                        })
                        .unwrap_or_else(|| "text".to_owned());
                let test = format!(
                    "{} = CAST(current_setting('app.tenant_id') AS {ty})",
                    self.quote(t.col(tenant))
                );
                let _ = writeln!(
                    out,
                    "\nALTER TABLE {table} ENABLE ROW LEVEL SECURITY;\nALTER TABLE {table} FORCE ROW LEVEL SECURITY;\nCREATE POLICY {policy} ON {table}\n    USING ({test})\n    WITH CHECK ({test});",
                    table = self.quote(&t.name),
                    policy = self.quote(policy),
                );
            }
        }

        if d.transactional_ddl() {
            out.push_str("\nCOMMIT;\n");
        }
        out
    }

    fn header(&self, out: &mut String) {
        let d = self.d;
        let db_name = self
            .doc
            .container(self.db)
            .map_or(self.db, |c| c.name.as_str());
        let _ = writeln!(
            out,
            "-- {} DDL for the database “{}” ({}) of the model “{}”.",
            d.title(),
            comment_text(db_name),
            comment_text(self.db),
            comment_text(&self.doc.name)
        );
        out.push_str(
            "-- Written by archdesk from the model; the same model gives the same text.\n",
        );
        out.push_str("-- Tables come referenced first; check expressions, index predicates and SQL defaults are the model's SQL, as written.\n");
        for note in d.header_notes() {
            let _ = writeln!(out, "-- {note}");
        }
        if self.tables.iter().any(|t| t.policy.is_some()) {
            out.push_str(
                "-- Tenant-scoped tables have row-level security: a session sees and writes only the rows whose\n\
                 -- tenant column equals current_setting('app.tenant_id'), so set it first, e.g.\n\
                 -- SET app.tenant_id = '…' or SELECT set_config('app.tenant_id', '…', false). Without it,\n\
                 -- queries on those tables fail. It is forced, so the tables' owner is restricted too; only\n\
                 -- superusers and roles with BYPASSRLS are not.\n",
            );
        }
        let tenant_scoped: Vec<&str> = self
            .tables
            .iter()
            .filter(|t| t.e.tenant_column.is_some())
            .map(|t| t.e.name.as_str())
            .collect();
        if !d.row_level_security() && !tenant_scoped.is_empty() {
            let _ = writeln!(
                out,
                "-- Tenant isolation is the application's job: {} has no row-level security, so every query on a\n\
                 -- tenant-scoped table ({}) must filter by its tenant column.",
                d.title(),
                comment_text(&tenant_scoped.join(", "))
            );
        }
        out.push('\n');
    }

    fn create_table(&self, out: &mut String, t: &Table<'_>, columns: &[ColumnText]) {
        let d = self.d;
        let e = t.e;
        out.push('\n');
        if d.comment_style() == CommentStyle::SqlComments && !e.comment.is_empty() {
            let _ = writeln!(out, "-- {}", comment_text(&e.comment));
        }
        // Column texts are borrowed from the plan; the constraints are made here.
        let mut items: Vec<(&[String], Cow<'_, str>)> = columns
            .iter()
            .map(|(notes, line)| (notes.as_slice(), Cow::Borrowed(line.as_str())))
            .collect();
        let mut constraint = |body: String| items.push((&[], Cow::Owned(body)));
        if !e.primary_key.is_empty() && !t.row_id {
            let cols: Vec<&str> = e.primary_key.iter().map(String::as_str).collect();
            let named = t
                .pk_name
                .as_ref()
                .map(|n| format!("CONSTRAINT {} ", self.quote(n)))
                .unwrap_or_default();
            constraint(format!(
                "{named}PRIMARY KEY ({})",
                self.columns_list(t, &cols)
            ));
        }
        for (name, cols) in &t.uniques {
            constraint(
                d.unique_constraint(&self.quote(name).to_string(), &self.columns_list(t, cols)),
            );
        }
        for (name, expr) in &t.checks {
            constraint(format!("CONSTRAINT {} CHECK ({expr})", self.quote(name)));
        }
        if d.inline_foreign_keys() {
            for (name, fk) in &t.fks {
                constraint(self.fk_clause(t, name, fk));
            }
        }
        let _ = writeln!(out, "CREATE TABLE {} (", self.quote(&t.name));
        let last = items.len().saturating_sub(1);
        for (i, (notes, body)) in items.iter().enumerate() {
            for note in *notes {
                let _ = writeln!(out, "    -- {note}");
            }
            let _ = writeln!(out, "    {body}{}", if i == last { "" } else { "," });
        }
        out.push(')');
        out.push_str(d.table_options());
        if d.comment_style() == CommentStyle::Inline && !e.comment.is_empty() {
            let _ = write!(out, " COMMENT={}", d.string_literal(&e.comment));
        }
        out.push_str(";\n");
        if d.comment_style() == CommentStyle::Statements {
            if !e.comment.is_empty() {
                let _ = writeln!(
                    out,
                    "COMMENT ON TABLE {} IS {};",
                    self.quote(&t.name),
                    d.string_literal(&e.comment)
                );
            }
            for (f, col) in e.fields.iter().zip(&t.columns) {
                if !f.comment.is_empty() {
                    let _ = writeln!(
                        out,
                        "COMMENT ON COLUMN {}.{} IS {};",
                        self.quote(&t.name),
                        self.quote(col),
                        d.string_literal(&f.comment)
                    );
                }
            }
        }
    }
}

/// Generates the names a table needs (constraints, indexes, sequences,
/// policy) and decides its indexes and identities.
fn plan_table<'a>(
    doc: &'a Document,
    db: &str,
    d: &dyn SqlDialect,
    scope: &mut Scope<'a>,
    given: &BTreeMap<&str, String>,
    in_db: &HashMap<&str, usize>,
    t: &mut Table<'a>,
) -> Result<(), ExportError> {
    let e = t.e;
    let subject = |field: &str| format!("field “{}.{field}”", e.id);
    let base = |cols: &[String], suffix: &str| {
        let mut s = e.name.clone();
        for c in cols {
            s.push('_');
            s.push_str(c);
        }
        s.push('_');
        s.push_str(suffix);
        s
    };
    let what = |kind: &'static str| What::Of {
        kind,
        entity: &e.id,
    };

    if d.names_primary_key() {
        t.pk_name = Some(scope.generate(&format!("{}_pkey", e.name), what("primary key")));
    }
    for f in e.fields.iter().filter(|f| f.unique) {
        let name = scope.generate(
            &base(std::slice::from_ref(&f.name), "key"),
            what("unique key"),
        );
        t.uniques.push((name, vec![f.name.as_str()]));
    }
    for u in &e.unique {
        let name = match u.name.as_deref().and_then(|n| given.get(n)) {
            Some(n) => n.clone(),
            None => scope.generate(&base(&u.columns, "key"), what("unique key")),
        };
        t.uniques
            .push((name, u.columns.iter().map(String::as_str).collect()));
    }
    for c in &e.checks {
        let name = match c.name.as_deref().and_then(|n| given.get(n)) {
            Some(n) => n.clone(),
            None => scope.generate(&format!("{}_check", e.name), what("check")),
        };
        t.checks.push((name, c.expression.clone()));
    }
    if d.enum_style() == EnumStyle::Check {
        for (f, col) in e.fields.iter().zip(&t.columns) {
            let FieldType::Enum(id) = &f.ty else { continue };
            let Some(en) = doc.enum_type(id) else {
                continue;
            };
            let values: Vec<String> = en.values.iter().map(|v| d.string_literal(v)).collect();
            let name = scope.generate(
                &base(std::slice::from_ref(&f.name), "check"),
                what("enum check"),
            );
            t.checks
                .push((name, format!("{} IN ({})", d.quote(col), values.join(", "))));
        }
    }
    for ix in &e.indexes {
        let name = match ix.name.as_deref().and_then(|n| given.get(n)) {
            Some(n) => n.clone(),
            None => scope.generate(&base(&ix.columns, "idx"), what("index")),
        };
        let mut plan = IndexPlan {
            name,
            columns: ix.columns.iter().map(String::as_str).collect(),
            unique: ix.unique,
            predicate: ix.predicate.as_deref(),
            notes: Vec::new(),
        };
        if let Some(p) = plan.predicate
            && !d.partial_indexes()
        {
            plan.notes.push(format!(
                "{} has no partial indexes: the predicate WHERE {} was dropped.",
                d.title(),
                comment_text(p)
            ));
            if plan.unique {
                plan.notes.push(
                    "The index is not unique here, because a unique index without its predicate would refuse rows the model allows; the application must keep those rows unique.".to_owned(),
                );
                plan.unique = false;
            }
            plan.predicate = None;
        }
        t.indexes.push(plan);
    }
    for fk in &e.foreign_keys {
        let name = match fk.name.as_deref().and_then(|n| given.get(n)) {
            Some(n) => n.clone(),
            None => scope.generate(&base(&fk.columns, "fkey"), what("foreign key")),
        };
        if !in_db.contains_key(fk.references.as_str()) {
            return Err(refuse(
                d,
                db,
                &format!("the foreign key “{name}” of entity “{}”", e.id),
                &format!(
                    "references “{}”, which is not an entity of this database; point it at one that is",
                    fk.references
                ),
            ));
        }
        for action in [fk.on_delete, fk.on_update] {
            if let Err(why) = d.fk_action(action) {
                return Err(refuse(
                    d,
                    db,
                    &format!(
                        "the foreign key ({}) of entity “{}”",
                        fk.columns.join(", "),
                        e.id
                    ),
                    &format!("uses {}, which {why}", action.sql()),
                ));
            }
        }
        t.fks.push((name, fk));
    }
    if d.index_foreign_keys() {
        for (fk_name, fk) in &t.fks {
            if covered(d, e, &t.indexes, &fk.columns) {
                continue;
            }
            let name = scope.generate(&base(&fk.columns, "idx"), what("index"));
            t.indexes.push(IndexPlan {
                name,
                columns: fk.columns.iter().map(String::as_str).collect(),
                unique: false,
                predicate: None,
                notes: vec![format!(
                    "Index for the foreign key {}: no key or index starts with its columns.",
                    comment_text(&d.quote(fk_name))
                )],
            });
        }
    }
    let identities = e.fields.iter().filter(|f| f.identity).count();
    for (k, f) in e.fields.iter().enumerate() {
        if !f.identity {
            continue;
        }
        let sequence = d.names_identity_sequences().then(|| {
            d.quote(&scope.generate(
                &base(std::slice::from_ref(&f.name), "seq"),
                what("identity sequence"),
            ))
        });
        let cx = IdentityContext {
            sequence,
            sole_primary_key: e.primary_key.len() == 1 && e.primary_key[0] == f.name,
            leads_a_key: e.primary_key.first() == Some(&f.name)
                || f.unique
                || e.unique.iter().any(|u| u.columns.first() == Some(&f.name))
                || e.indexes.iter().any(|i| i.columns.first() == Some(&f.name)),
            identities_in_table: identities,
        };
        let identity = d
            .identity(&cx)
            .map_err(|why| refuse(d, db, &subject(&f.name), &why))?;
        t.row_id |= identity == Identity::RowId;
        t.identities[k] = Some(identity);
    }
    if d.row_level_security() && e.tenant_column.is_some() {
        t.policy = Some(scope.generate(
            &format!("{}_tenant_isolation", e.name),
            what("tenant policy"),
        ));
    }

    Ok(())
}

/// Refuses a column in a key, index or foreign key that the dialect
/// cannot index.
fn check_key_types(d: &dyn SqlDialect, db: &str, t: &Table<'_>) -> Result<(), ExportError> {
    let e = t.e;
    // What the dialect cannot store.
    let mut keyed: Vec<&str> = e.primary_key.iter().map(String::as_str).collect();
    keyed.extend(t.uniques.iter().flat_map(|(_, c)| c.iter().copied()));
    keyed.extend(t.indexes.iter().flat_map(|ix| ix.columns.iter().copied()));
    keyed.extend(
        e.foreign_keys
            .iter()
            .flat_map(|k| k.columns.iter().map(String::as_str)),
    );
    for c in keyed {
        if let Some(f) = e.field(c)
            && let Some(problem) = d.key_type_problem(&f.ty)
        {
            return Err(refuse(
                d,
                db,
                &format!("field “{}.{c}”", e.id),
                &format!("is {} and in a key, index or foreign key; {problem}", f.ty),
            ));
        }
    }
    Ok(())
}

/// Refuses comments, defaults and SQL of an entity that the dialect cannot
/// keep as written.
fn check_texts(d: &dyn SqlDialect, db: &str, e: &Entity) -> Result<(), ExportError> {
    /// Which text it is; put into words only for an error, as most texts pass.
    enum Text<'e> {
        EntityComment,
        FieldComment(&'e str),
        FieldDefault(&'e str),
        Check,
        IndexPredicate,
    }
    let describe = |what: Text<'_>| match what {
        Text::EntityComment => format!("the comment of entity “{}”", e.id),
        Text::FieldComment(field) => format!("the comment of field “{}.{field}”", e.id),
        Text::FieldDefault(field) => format!("the default of field “{}.{field}”", e.id),
        Text::Check => format!("a check of entity “{}”", e.id),
        Text::IndexPredicate => format!("an index predicate of entity “{}”", e.id),
    };
    let texts = std::iter::once((Text::EntityComment, e.comment.as_str(), Some(true)))
        .chain(e.fields.iter().flat_map(|f| {
            let default = match &f.default {
                Some(DefaultValue::Value(v) | DefaultValue::Sql(v)) => {
                    Some((Text::FieldDefault(&f.name), v.as_str(), None))
                }
                _ => None,
            };
            std::iter::once((Text::FieldComment(&f.name), f.comment.as_str(), Some(false)))
                .chain(default)
        }))
        .chain(
            e.checks
                .iter()
                .map(|c| (Text::Check, c.expression.as_str(), None)),
        )
        .chain(
            e.indexes
                .iter()
                .filter_map(|i| i.predicate.as_deref())
                .map(|p| (Text::IndexPredicate, p, None)),
        );
    for (what, text, comment_on_table) in texts {
        let problem = d
            .text_problem(text)
            .map(str::to_owned)
            .or_else(|| comment_on_table.and_then(|on_table| d.comment_problem(text, on_table)));
        if let Some(problem) = problem {
            return Err(refuse(
                d,
                db,
                &describe(what),
                &format!("{problem}; change it"),
            ));
        }
    }
    Ok(())
}

/// The enums the entities use, in model order, each checked for values the
/// dialect cannot take.
fn used_enums<'a>(
    doc: &'a Document,
    db: &str,
    d: &dyn SqlDialect,
    entities: &[&Entity],
) -> Result<Vec<&'a EnumType>, ExportError> {
    let mut used = BTreeSet::new();
    for e in entities {
        for f in &e.fields {
            let mut ty = &f.ty;
            if let FieldType::Array(inner) = ty {
                ty = inner;
            }
            if let FieldType::Enum(id) = ty {
                if doc.enum_type(id).is_none() {
                    return Err(refuse(
                        d,
                        db,
                        &format!("field “{}.{}”", e.id, f.name),
                        &format!(
                            "uses enum “{id}”, which the model does not have; add it or change the type"
                        ),
                    ));
                }
                used.insert(id.as_str());
            }
        }
    }
    let enums: Vec<&EnumType> = doc
        .enums
        .iter()
        .filter(|en| used.contains(en.id.as_str()))
        .collect();
    for en in &enums {
        if d.enum_style() == EnumStyle::CreateType
            && let Some(problem) = d.text_problem(&en.comment)
        {
            return Err(refuse(
                d,
                db,
                &format!("the comment of enum “{}”", en.id),
                &format!("{problem}; change it"),
            ));
        }
        for v in &en.values {
            if let Some(problem) = super::common_name_problem(v)
                .or_else(|| d.text_problem(v))
                .map(str::to_owned)
                .or_else(|| d.enum_value_problem(v))
            {
                return Err(refuse(
                    d,
                    db,
                    &format!("enum “{}”", en.id),
                    &format!("has the value {v:?}, which {problem}; change the value"),
                ));
            }
        }
    }

    Ok(enums)
}

/// Whether an index or key the table will have starts with these columns
/// (any order, or the same order where the dialect needs it).
fn covered(d: &dyn SqlDialect, e: &Entity, indexes: &[IndexPlan<'_>], fk: &[String]) -> bool {
    let starts = |key: &[&str]| {
        key.len() >= fk.len()
            && if d.fk_index_needs_same_order() {
                key.iter().zip(fk).all(|(a, b)| *a == b)
            } else {
                fk.iter().all(|c| key[..fk.len()].contains(&c.as_str()))
            }
    };
    let pk: Vec<&str> = e.primary_key.iter().map(String::as_str).collect();
    starts(&pk)
        || e.fields
            .iter()
            .any(|f| f.unique && starts(&[f.name.as_str()]))
        || e.unique.iter().any(|u| {
            let cols: Vec<&str> = u.columns.iter().map(String::as_str).collect();
            starts(&cols)
        })
        || indexes
            .iter()
            .any(|ix| ix.predicate.is_none() && starts(&ix.columns))
}

/// Entities in foreign-key dependency order: a referenced entity before the
/// ones that reference it, ties (and the members of a cycle) in model order.
/// Returns positions in `entities`.
pub(super) fn dependency_order(entities: &[&Entity]) -> Vec<usize> {
    let pos: HashMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut graph = DiGraphMap::<usize, ()>::new();
    for i in 0..entities.len() {
        graph.add_node(i);
    }
    for (i, e) in entities.iter().enumerate() {
        for fk in &e.foreign_keys {
            if let Some(&j) = pos.get(fk.references.as_str())
                && j != i
            {
                graph.add_edge(j, i, ());
            }
        }
    }
    // Cycles become one node each; then a topological order of those nodes
    // that always takes the ready one holding the earliest entity.
    let mut sccs = petgraph::algo::tarjan_scc(&graph);
    for scc in &mut sccs {
        scc.sort_unstable();
    }
    let mut scc_of = vec![0usize; entities.len()];
    for (s, scc) in sccs.iter().enumerate() {
        for &i in scc {
            scc_of[i] = s;
        }
    }
    let mut succ: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); sccs.len()];
    for (a, b, ()) in graph.all_edges() {
        let (sa, sb) = (scc_of[a], scc_of[b]);
        if sa != sb {
            succ[sa].insert(sb);
        }
    }
    let mut indegree = vec![0usize; sccs.len()];
    for s in &succ {
        for &b in s {
            indegree[b] += 1;
        }
    }
    let mut ready: BinaryHeap<Reverse<(usize, usize)>> = sccs
        .iter()
        .enumerate()
        .filter(|(s, _)| indegree[*s] == 0)
        .map(|(s, scc)| Reverse((scc[0], s)))
        .collect();
    let mut order = Vec::with_capacity(entities.len());
    while let Some(Reverse((_, s))) = ready.pop() {
        order.extend(sccs[s].iter().copied());
        for &b in &succ[s] {
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.push(Reverse((sccs[b][0], b)));
            }
        }
    }
    order
}
