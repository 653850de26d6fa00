//! Findings about a model. The editor's problems panel, the command line and
//! the tests all read the same [`Finding`]s.
//!
//! Each finding names a rule id (`data/fk-type-mismatch`), a severity, the
//! element it is about, a one-sentence message and a hint. Rules live one
//! family to a file; this module runs them and sorts what they find. Rules
//! read the model and never change it, and exports do not repair what a rule
//! reports: they refuse or write what the model says.

mod api;
mod data;
mod events;

use serde::Serialize;

use crate::model::Document;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The model is wrong: exports may fail or produce something that breaks.
    Error,
    /// Likely a mistake or a risk worth a look in review.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// One thing a rule found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `data/fk-type-mismatch`.
    pub rule: &'static str,
    pub severity: Severity,
    /// The id of the item it is about.
    pub element: String,
    /// A part of the item, e.g. a field or operation name; empty for the whole item.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub part: String,
    /// One sentence: what is wrong.
    pub message: String,
    /// One sentence: what to do.
    pub hint: String,
}

impl Finding {
    fn new(
        rule: &'static str,
        severity: Severity,
        element: &str,
        part: impl Into<String>,
        message: String,
        hint: &str,
    ) -> Self {
        Self {
            rule,
            severity,
            element: element.to_owned(),
            part: part.into(),
            message,
            hint: hint.to_owned(),
        }
    }

    /// `element` or `element.part`.
    pub fn location(&self) -> String {
        if self.part.is_empty() {
            self.element.clone()
        } else {
            format!("{}.{}", self.element, self.part)
        }
    }
}

/// A rule: its id, severity and what it looks for. The list is the rules'
/// documentation as well as their registry.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

/// Every rule this version knows, in report order.
pub const RULES: &[Rule] = &[
    data::NO_PRIMARY_KEY,
    data::DUPLICATE_FIELD,
    data::UNKNOWN_COLUMN,
    data::FK_ARITY,
    data::FK_NOT_A_KEY,
    data::FK_TYPE_MISMATCH,
    data::FK_OTHER_DATABASE,
    data::NO_FIELDS,
    data::BAD_TYPE,
    data::IDENTITY_NOT_INTEGER,
    data::ENUM_VALUES,
    data::BAD_DEFAULT,
    api::DUPLICATE_OPERATION_ID,
    api::DUPLICATE_ROUTE,
    api::UNDECLARED_PATH_PARAMETER,
    api::UNKNOWN_SCHEME,
    api::UNKNOWN_SCOPE,
    api::NOT_A_SERVICE,
    events::UNKNOWN_KEY,
];

/// Runs every rule on the model. Findings come sorted: errors first, then by
/// element and rule, so output is stable.
pub fn check(doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    data::check(doc, &mut findings);
    api::check(doc, &mut findings);
    events::check(doc, &mut findings);
    findings.sort_by(|a, b| {
        (a.severity, &a.element, &a.part, a.rule).cmp(&(b.severity, &b.element, &b.part, b.rule))
    });
    findings.dedup();
    findings
}

/// Whether any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}
