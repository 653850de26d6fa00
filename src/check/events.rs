//! Structural rules on event types.

use super::{Finding, Rule, Severity};
use crate::model::Document;

pub const UNKNOWN_KEY: Rule = Rule {
    id: "event/unknown-key",
    severity: Severity::Error,
    summary: "An event's key names a field its payload does not have.",
};

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for e in &doc.events {
        if let Some(key) = &e.key
            && !e.payload.iter().any(|f| f.name == *key)
        {
            out.push(Finding::new(
                UNKNOWN_KEY.id,
                UNKNOWN_KEY.severity,
                &e.id,
                key.clone(),
                format!(
                    "Event “{}” is keyed by “{key}”, which is not a field of its payload.",
                    e.name
                ),
                "Add the field to the payload or key the event by one it has.",
            ));
        }
    }
}
