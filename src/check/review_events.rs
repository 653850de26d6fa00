//! Review rules on events: messages that are published and never read, or
//! read and never published.

use super::{Finding, Rule, Severity};
use crate::model::{Document, EventType};

pub const NO_CONSUMERS: Rule = Rule {
    id: "event/no-consumers",
    severity: Severity::Warning,
    summary: "An event type on a queue or topic has producers but no consumers: messages pile up or vanish unread.",
};
pub const NO_PRODUCERS: Rule = Rule {
    id: "event/no-producers",
    severity: Severity::Warning,
    summary: "An event type on a queue or topic has consumers but no producers: they wait for messages nothing sends.",
};

pub(super) fn check(doc: &Document, out: &mut Vec<Finding>) {
    for e in &doc.events {
        match (e.producers.is_empty(), e.consumers.is_empty()) {
            (false, true) => out.push(Finding::of(
                &NO_CONSUMERS,
                &e.id,
                "",
                format!(
                    "Event “{}” on “{}” is produced by {} but nothing consumes it.",
                    e.name,
                    channel_name(doc, e),
                    names(doc, &e.producers)
                ),
                "Add the containers or components that consume it, or stop publishing it if nothing needs it.",
            )),
            (true, false) => out.push(Finding::of(
                &NO_PRODUCERS,
                &e.id,
                "",
                format!(
                    "Event “{}” on “{}” is consumed by {} but nothing produces it.",
                    e.name,
                    channel_name(doc, e),
                    names(doc, &e.consumers)
                ),
                "Add the container or component that publishes it, or remove the consumers that wait for it.",
            )),
            _ => {}
        }
    }
}

fn channel_name<'a>(doc: &'a Document, e: &'a EventType) -> &'a str {
    doc.container(&e.channel).map_or(&e.channel, |c| &c.name)
}

/// “Order service” or “Order service, Billing service”.
fn names(doc: &Document, ids: &[String]) -> String {
    ids.iter()
        .map(|id| {
            let name = doc
                .container(id)
                .map(|c| c.name.as_str())
                .or_else(|| {
                    doc.components
                        .iter()
                        .find(|c| c.id == *id)
                        .map(|c| c.name.as_str())
                })
                .unwrap_or(id);
            format!("“{name}”")
        })
        .collect::<Vec<_>>()
        .join(", ")
}
