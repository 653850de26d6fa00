//! Findings about a model. The editor's problems panel, the command line and
//! the tests all read the same [`Finding`]s, from the one entry point [`check`].
//!
//! Each finding names a rule id (`data/fk-type-mismatch`), a severity, the
//! element it is about, a one-sentence message and a hint. Rules live one
//! family to a file; this module runs them and sorts what they find. Rules
//! read the model and never change it, and exports do not repair what a rule
//! reports: they refuse or write what the model says.
//!
//! There are two kinds of rules:
//! - **structural** rules (`data.rs`, `api.rs`, `events.rs`), whose default
//!   severity is error: the model is wrong and exports would fail or produce
//!   something that breaks. They cannot be turned off, lowered or accepted.
//! - **review** rules (`review_data.rs`, `review_api.rs`, `review_events.rs`,
//!   `architecture.rs`): the anti-patterns a design review looks for. They are
//!   warnings or notes by default; a model can turn them off or change their
//!   severity (its `review` section) and accept one on one element with a
//!   reason (the element's `accepted` marks). Accepted findings stay in the
//!   list, marked with the reason, and count for nothing (`tuning.rs`).
//!
//! [`RULES`] is the registry and the rules' documentation ([`rules_markdown`]
//! generates `docs/RULES.md`).

mod api;
mod architecture;
mod data;
mod events;
pub mod fixes;
mod paths;
mod review_api;
mod review_data;
mod review_events;
mod sql;
mod tuning;

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
    /// `error`, `warning` or `info`, as in reports and JSON.
    pub fn label(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// One thing a rule found.
///
/// Serialized (by `archdesk check --json`) as an object with the fields in
/// this order; `part` and `accepted` are left out when empty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `data/fk-type-mismatch`.
    pub rule: &'static str,
    /// The severity after the model's tuning.
    pub severity: Severity,
    /// The id of the item it is about; empty for the model itself (its
    /// `review` settings).
    pub element: String,
    /// A part of the item, e.g. a field, foreign key columns or an
    /// operation id; empty for the whole item.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub part: String,
    /// Where the element sits, for people:
    /// `Shop › Order database › orders.customer_id`.
    pub path: String,
    /// One sentence: what is wrong.
    pub message: String,
    /// One sentence: what to do.
    pub hint: String,
    /// The reason the architects gave for accepting it on this element, if
    /// they did. Accepted findings count for nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<String>,
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
            path: String::new(),
            message,
            hint: hint.to_owned(),
            accepted: None,
        }
    }

    /// A finding of `rule` at its default severity.
    fn of(
        rule: &Rule,
        element: &str,
        part: impl Into<String>,
        message: String,
        hint: &str,
    ) -> Self {
        Self::new(rule.id, rule.severity, element, part, message, hint)
    }

    /// `element` or `element.part`.
    pub fn location(&self) -> String {
        if self.part.is_empty() {
            self.element.clone()
        } else {
            format!("{}.{}", self.element, self.part)
        }
    }

    /// Whether it counts: not accepted on its element.
    pub fn is_open(&self) -> bool {
        self.accepted.is_none()
    }
}

/// A rule: its id, severity and what it looks for. The list is the rules'
/// documentation as well as their registry.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Rule {
    /// Stable id: `family/name`.
    pub id: &'static str,
    /// The default severity.
    pub severity: Severity,
    /// One or two sentences: what it finds.
    pub summary: &'static str,
}

impl Rule {
    /// Structural rules (default severity error) guard what exports rely
    /// on: a model cannot turn them off, lower them or accept them.
    pub fn is_structural(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The family: the part of the id before the `/`.
    pub fn family(&self) -> &'static str {
        self.id
            .split_once('/')
            .map_or(self.id, |(family, _)| family)
    }
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
    sql::NOT_AN_EXPRESSION,
    sql::DIALECT_ONLY,
    review_data::FK_WITHOUT_INDEX,
    review_data::PLAINTEXT_SECRET,
    review_data::PERSONAL_WITHOUT_RETENTION,
    review_data::UNMARKED_PERSONAL,
    review_data::TENANT_LEAK,
    review_data::TENANT_WITHOUT_RLS,
    review_data::NULLABLE_UNIQUE,
    api::DUPLICATE_OPERATION_ID,
    api::DUPLICATE_ROUTE,
    api::UNDECLARED_PATH_PARAMETER,
    api::UNKNOWN_SCHEME,
    api::UNKNOWN_SCOPE,
    api::NOT_A_SERVICE,
    api::PATH_TEMPLATE,
    api::RESPONSE_STATUS,
    review_api::UNVERSIONED,
    review_api::UNPAGINATED_LIST,
    review_api::NO_SECURITY,
    review_api::PUBLIC_WRITE,
    review_api::BODY_ON_GET,
    events::UNKNOWN_KEY,
    review_events::NO_CONSUMERS,
    review_events::NO_PRODUCERS,
    architecture::SHARED_DATABASE,
    architecture::SYNC_CYCLE,
    architecture::SYNC_EXTERNAL,
    architecture::NO_TECHNOLOGY,
    architecture::NO_DESCRIPTION,
    architecture::NOT_IN_VIEW,
    tuning::UNKNOWN_RULE,
    tuning::NOT_TUNABLE,
    tuning::NO_REASON,
    tuning::UNUSED_ACCEPTANCE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Runs every rule on the model, then applies its tuning: rules it turns
/// off are dropped, severities it changes are changed, findings it accepts
/// carry the reason. Findings come sorted: errors first, then by element,
/// part and rule, so output is stable.
pub fn check(doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    // One index of the ids for every rule that looks names up.
    let index = doc.index();
    data::check(doc, &mut findings);
    api::check(doc, &mut findings);
    events::check(doc, &mut findings);
    review_data::check(doc, &mut findings);
    review_api::check(doc, &mut findings);
    review_events::check(doc, &mut findings);
    architecture::check(doc, &index, &mut findings);
    tuning::apply(doc, &index, &mut findings);
    paths::fill(doc, &index, &mut findings);
    sort_and_dedup(&mut findings);
    findings
}

/// Report order: errors first, then by element, part and rule; each
/// finding once.
fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        (a.severity, &a.element, &a.part, a.rule).cmp(&(b.severity, &b.element, &b.part, b.rule))
    });
    findings.dedup();
}

/// The findings of severity error that [`check`] reports (accepted ones
/// too), in the same order: what an export refuses a model for.
///
/// Review rules are warnings or notes unless the model's review settings
/// raise one to error, and structural rules cannot be lowered or accepted.
/// So when no setting raises a review rule, only the structural rules run:
/// every export asks this first, and the review rules are most of a check.
pub fn errors(doc: &Document) -> Vec<Finding> {
    let raised = doc.review.rules.iter().any(|(id, setting)| {
        *setting == crate::model::RuleSetting::Error && !rule(id).is_some_and(Rule::is_structural)
    });
    let mut findings = if raised {
        check(doc)
    } else {
        let mut findings = Vec::new();
        data::check(doc, &mut findings);
        api::check(doc, &mut findings);
        events::check(doc, &mut findings);
        findings.retain(|f| f.severity == Severity::Error);
        paths::fill(doc, &doc.index(), &mut findings);
        sort_and_dedup(&mut findings);
        findings
    };
    findings.retain(|f| f.severity == Severity::Error);
    findings
}

/// Whether any finding is an error that is not accepted.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.is_open())
}

/// Whether any finding is a warning that is not accepted.
pub fn has_warnings(findings: &[Finding]) -> bool {
    findings
        .iter()
        .any(|f| f.severity == Severity::Warning && f.is_open())
}

/// The rules' documentation, as `docs/RULES.md` holds it: generated from
/// [`RULES`], so it cannot drift from the code (a test compares them).
pub fn rules_markdown() -> String {
    let mut out = String::from(RULES_INTRO);
    let mut family = "";
    for r in RULES {
        if r.family() != family {
            family = r.family();
            out.push_str(&format!(
                "\n## {}\n\n| Rule | Default | Tunable | What it finds |\n|---|---|---|---|\n",
                family_title(family)
            ));
        }
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.id,
            r.severity.label(),
            if r.is_structural() { "no" } else { "yes" },
            r.summary.replace('|', "\\|")
        ));
    }
    out.push_str(RULES_OUTRO);
    out
}

fn family_title(family: &str) -> &str {
    match family {
        "data" => "Data (`data/…`)",
        "api" => "APIs (`api/…`)",
        "event" => "Events (`event/…`)",
        "arch" => "Architecture (`arch/…`)",
        "review" => "Review settings (`review/…`)",
        other => other,
    }
}

const RULES_INTRO: &str = "# Review rules

<!-- Generated from src/check (RULES) by `archdesk rules --markdown`; a test
     compares this file with the code. Do not edit it by hand: run
     `UPDATE_DOCS=1 cargo test --test rules_doc` after changing a rule. -->

`archdesk check FILE` runs every rule below on a model; the editor's problems
panel shows the same findings. Each finding names its rule, a severity, the
element it is about with its path (`system › container › entity.field`), a
one-sentence message and a hint.

- **error**: the model is wrong; exports refuse it and `archdesk check` exits 1.
- **warning**: a likely mistake or a risk for review; `archdesk check --deny
  warnings` exits 1 on these.
- **info**: worth knowing.

Structural rules (default severity error, “Tunable: no”) guard what the
exports rely on; a model cannot turn them off, lower them or accept them.
Every other rule is a review rule that a model can tune (see the end of this
page).
";

const RULES_OUTRO: &str = r#"
## Tuning the review for one model

Turn a rule off or change its severity in the model's `review` section:

```ron
review: (
    rules: {
        "arch/not-in-view": Off,
        "data/fk-without-index": Error,
    },
),
```

The settings are `Off`, `Error`, `Warning` and `Info`. Raising a rule to
`Error` makes exports refuse models where it fires. A setting for a rule this
version does not know is reported as `review/unknown-rule`; one that tries to
weaken a structural rule as `review/not-tunable` (and has no effect).

## Accepting a finding on one element

When the team has looked at a finding and keeps the design, accept the rule
on that element with the reason:

```ron
(
    id: "reporting-service",
    // …
    accepted: [
        (rule: "arch/shared-database", reason: "Reads the read replica for nightly reports only."),
    ],
),
```

People, software systems, containers, components, relationships, entities,
APIs, endpoints and event types take `accepted` marks. A mark on an entity
covers its fields and keys; a mark on an API covers its endpoints; a mark on
an endpoint covers only that endpoint. A sync cycle is reported on, and
accepted at, the first container of its path.

Accepted findings stay in reports, marked with the reason (in `--json`: an
`accepted` field), and count for nothing: not for the exit code, not for
`--deny warnings`, not for exports. A mark without a reason is reported as
`review/no-reason`; a mark for a rule that finds nothing there as
`review/unused-acceptance`, so stale marks do not pile up.

## `archdesk check --json`

A JSON array of findings, sorted like the report (errors first, then by
element, part and rule). Each finding is an object with these fields, in
this order:

| Field | Type | |
|---|---|---|
| `rule` | string | the rule id |
| `severity` | `"error"` \| `"warning"` \| `"info"` | after the model's tuning |
| `element` | string | the id of the item; `""` for the model's review settings |
| `part` | string, optional | a field, key columns or operation id of the item |
| `path` | string | where the element sits, for people |
| `message` | string | what is wrong, one sentence |
| `hint` | string | what to do, one sentence |
| `accepted` | string, optional | the reason, when the finding is accepted |

Exit codes: 0 no open errors (and no open warnings with `--deny warnings`);
1 open errors, or open warnings with `--deny warnings`; 2 the file cannot be
read or is not a valid model.
"#;
