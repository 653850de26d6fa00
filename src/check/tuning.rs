//! The model's tuning of the review, applied to what the rules found: its
//! `review` settings (a rule off, or at another severity) and the
//! `accepted` marks on its elements (one rule accepted on one element, with
//! a reason).
//!
//! Structural rules are not tunable: settings and marks that try to weaken
//! them have no effect and are reported. So are settings and marks that name
//! a rule this version does not know, marks without a reason, and marks that
//! no longer suppress anything.

use super::{Finding, Rule, Severity, paths, rule};
use crate::model::{Accepted, Document, Index, RuleSetting};

pub const UNKNOWN_RULE: Rule = Rule {
    id: "review/unknown-rule",
    severity: Severity::Warning,
    summary: "The review settings or an accepted mark name a rule this version does not know.",
};
pub const NOT_TUNABLE: Rule = Rule {
    id: "review/not-tunable",
    severity: Severity::Warning,
    summary: "The review settings or an accepted mark try to turn off, lower or accept a structural rule; it has no effect.",
};
pub const NO_REASON: Rule = Rule {
    id: "review/no-reason",
    severity: Severity::Warning,
    summary: "An accepted mark gives no reason.",
};
pub const UNUSED_ACCEPTANCE: Rule = Rule {
    id: "review/unused-acceptance",
    severity: Severity::Info,
    summary: "An accepted mark is for a rule that finds nothing on its element (any more).",
};

/// One `accepted` mark and where it sits.
struct Mark<'a> {
    /// The item that carries it.
    element: &'a str,
    /// The operation id, for a mark on an endpoint.
    endpoint: Option<&'a str>,
    mark: &'a Accepted,
    used: bool,
}

impl Mark<'_> {
    fn covers(&self, f: &Finding) -> bool {
        self.mark.rule == f.rule
            && self.element == f.element
            && self.endpoint.is_none_or(|op| op == f.part)
    }
}

/// Every accepted mark of the document, in file order.
fn marks(doc: &Document) -> Vec<Mark<'_>> {
    let mut out = Vec::new();
    let items: Vec<(&str, &[Accepted])> = doc
        .people
        .iter()
        .map(|x| (x.id.as_str(), x.accepted.as_slice()))
        .chain(
            doc.systems
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .chain(
            doc.containers
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .chain(
            doc.components
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .chain(
            doc.relationships
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .chain(
            doc.entities
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .chain(
            doc.apis
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .chain(
            doc.events
                .iter()
                .map(|x| (x.id.as_str(), x.accepted.as_slice())),
        )
        .collect();
    for (element, list) in items {
        out.extend(list.iter().map(|mark| Mark {
            element,
            endpoint: None,
            mark,
            used: false,
        }));
    }
    for api in &doc.apis {
        for ep in &api.endpoints {
            out.extend(ep.accepted.iter().map(|mark| Mark {
                element: &api.id,
                endpoint: Some(&ep.operation_id),
                mark,
                used: false,
            }));
        }
    }
    out
}

fn severity_of(setting: RuleSetting) -> Option<Severity> {
    match setting {
        RuleSetting::Off => None,
        RuleSetting::Error => Some(Severity::Error),
        RuleSetting::Warning => Some(Severity::Warning),
        RuleSetting::Info => Some(Severity::Info),
    }
}

/// The severity a model gives a finding of `id`: `None` when it turned the
/// rule off. Structural rules keep theirs.
fn tuned(doc: &Document, id: &str, default: Severity) -> Option<Severity> {
    match (rule(id), doc.review.setting(id)) {
        (Some(r), _) if r.is_structural() => Some(default),
        (_, Some(setting)) => severity_of(setting),
        (_, None) => Some(default),
    }
}

/// Applies the model's settings and accepted marks to `findings`, and adds
/// the findings about the settings and marks themselves.
pub(super) fn apply(doc: &Document, index: &Index<'_>, findings: &mut Vec<Finding>) {
    findings.retain_mut(|f| match tuned(doc, f.rule, f.severity) {
        Some(severity) => {
            f.severity = severity;
            true
        }
        None => false,
    });

    let mut marks = marks(doc);
    for f in findings.iter_mut() {
        if rule(f.rule).is_some_and(Rule::is_structural) {
            continue;
        }
        // A mark on the endpoint itself wins over one on its API.
        let best = marks
            .iter()
            .position(|m| m.endpoint.is_some() && m.covers(f))
            .or_else(|| marks.iter().position(|m| m.covers(f)));
        if let Some(i) = best {
            marks[i].used = true;
            f.accepted = Some(marks[i].mark.reason.trim().to_owned());
        }
    }

    let mut extra = Vec::new();
    settings_findings(doc, &mut extra);
    mark_findings(doc, index, &marks, &mut extra);
    extra.retain_mut(|f| match tuned(doc, f.rule, f.severity) {
        Some(severity) => {
            f.severity = severity;
            true
        }
        None => false,
    });
    findings.extend(extra);
}

fn settings_findings(doc: &Document, out: &mut Vec<Finding>) {
    for (id, setting) in &doc.review.rules {
        match rule(id) {
            None => out.push(Finding::of(
                &UNKNOWN_RULE,
                "",
                id.clone(),
                format!("The review settings name “{id}”, which is not a rule of this version."),
                "Fix the rule id (`archdesk rules` lists them) or remove the setting.",
            )),
            Some(r) if r.is_structural() && *setting != RuleSetting::Error => {
                out.push(Finding::of(
                    &NOT_TUNABLE,
                    "",
                    id.clone(),
                    format!(
                        "The review settings set structural rule “{id}” to {}, which has no effect: it stays an error.",
                        setting.label()
                    ),
                    "Remove the setting and fix what the rule finds: exports rely on structural rules.",
                ));
            }
            Some(_) => {}
        }
    }
}

fn mark_findings(doc: &Document, index: &Index<'_>, marks: &[Mark<'_>], out: &mut Vec<Finding>) {
    for m in marks {
        let part = m.endpoint.unwrap_or_default();
        let owner = match m.endpoint {
            Some(op) => op,
            None => paths::item_name(index, m.element),
        };
        let id = m.mark.rule.as_str();
        match rule(id) {
            None => out.push(Finding::of(
                &UNKNOWN_RULE,
                m.element,
                part,
                format!("“{owner}” accepts “{id}”, which is not a rule of this version."),
                "Fix the rule id (`archdesk rules` lists them) or remove the mark.",
            )),
            Some(r) if r.is_structural() => out.push(Finding::of(
                &NOT_TUNABLE,
                m.element,
                part,
                format!(
                    "“{owner}” accepts structural rule “{id}”, which cannot be accepted: it stays an error."
                ),
                "Remove the mark and fix what the rule finds: exports rely on structural rules.",
            )),
            Some(_) if doc.review.setting(id) == Some(RuleSetting::Off) => {}
            Some(_) if !m.used => out.push(Finding::of(
                &UNUSED_ACCEPTANCE,
                m.element,
                part,
                format!("“{owner}” accepts “{id}”, which finds nothing there."),
                "Remove the mark: it no longer suppresses anything.",
            )),
            Some(_) => {}
        }
        if m.mark.reason.trim().is_empty() {
            out.push(Finding::of(
                &NO_REASON,
                m.element,
                part,
                format!("“{owner}” accepts “{id}” without a reason."),
                "Write why the team accepts it here, so the next review need not ask again.",
            ));
        }
    }
}
