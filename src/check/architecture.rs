//! Review rules on the architecture as a whole: shared databases, cycles of
//! synchronous calls, unguarded synchronous calls to external systems, and
//! the C4 review checklist (technology on containers, descriptions on
//! relationships, every element on some view).
//!
//! Relationships of components count for their container, as on the
//! containers view: a component of the order service calling the payment
//! service makes the order service call it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use rustc_hash::{FxHashMap, FxHashSet};

use petgraph::algo::tarjan_scc;
use petgraph::graphmap::DiGraphMap;

use super::{Finding, Rule, Severity};
use crate::model::c4::Hierarchy;
use crate::model::{Container, ContainerKind, Document, Index, Interaction, Relationship};

pub const SHARED_DATABASE: Rule = Rule {
    id: "arch/shared-database",
    severity: Severity::Warning,
    summary: "Two or more services write to the same database container, so no service owns the data and a schema change in one breaks the others. A relationship counts as writing unless it says it only reads (a read replica for reports, say).",
};
pub const SYNC_CYCLE: Rule = Rule {
    id: "arch/sync-cycle",
    severity: Severity::Warning,
    summary: "Containers call each other synchronously in a cycle (a distributed monolith); the finding gives the cycle's path and sits on its first container.",
};
pub const SYNC_EXTERNAL: Rule = Rule {
    id: "arch/sync-external",
    severity: Severity::Warning,
    summary: "A service or gateway that synchronous callers wait on calls an external system synchronously, and the relationship notes no timeout, circuit breaker, fallback or cache, and no asynchronous alternative.",
};
pub const NO_TECHNOLOGY: Rule = Rule {
    id: "arch/no-technology",
    severity: Severity::Warning,
    summary: "A container of an internal system does not say what technology it is built with (C4 review checklist).",
};
pub const NO_DESCRIPTION: Rule = Rule {
    id: "arch/no-description",
    severity: Severity::Warning,
    summary: "A relationship has no description, so the arrow does not say what the source does with the target (C4 review checklist).",
};
pub const NOT_IN_VIEW: Rule = Rule {
    id: "arch/not-in-view",
    severity: Severity::Info,
    summary: "In a model with views, a person, software system, container or component appears in none of them.",
};

pub(super) fn check(doc: &Document, index: &Index<'_>, out: &mut Vec<Finding>) {
    let lift = Lift::new(doc);
    shared_databases(doc, &lift, out);
    sync_cycles(doc, &lift, out);
    sync_external(doc, index, &lift, out);
    checklist(doc, index, out);
    not_in_view(doc, out);
}

/// Where elements sit, as the rules count them: a component counts for
/// its container (the C4 hierarchy of `model::c4`).
struct Lift<'a> {
    hierarchy: Hierarchy<'a>,
    containers: FxHashMap<&'a str, &'a Container>,
}

impl<'a> Lift<'a> {
    fn new(doc: &'a Document) -> Self {
        Self {
            hierarchy: Hierarchy::new(doc),
            containers: doc.containers.iter().map(|c| (c.id.as_str(), c)).collect(),
        }
    }

    /// The container an element counts for: itself, or a component's
    /// container; `None` for people and software systems.
    fn container(&self, id: &'a str) -> Option<&'a Container> {
        self.hierarchy.container_item(id)
    }

    /// The software system an element belongs to (a person is its own).
    fn system(&self, id: &'a str) -> &'a str {
        self.container(id).map_or(id, |c| c.system.as_str())
    }

    fn is_external(&self, id: &'a str) -> bool {
        self.hierarchy.in_external(self.system(id))
    }
}

/// Containers that hold data or carry messages rather than run logic.
fn is_infrastructure(kind: ContainerKind) -> bool {
    matches!(
        kind,
        ContainerKind::Database
            | ContainerKind::Cache
            | ContainerKind::Queue
            | ContainerKind::Topic
            | ContainerKind::Storage
    )
}

fn quoted<'x>(names: impl IntoIterator<Item = &'x str>) -> String {
    names
        .into_iter()
        .map(|n| format!("“{n}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a relationship only reads: its words say “read” and nothing
/// that changes data.
fn only_reads(r: &Relationship) -> bool {
    const CHANGES: [&str; 8] = [
        "writ", "updat", "stor", "delet", "insert", "modif", "chang", "sav",
    ];
    let text = format!("{} {}", r.description, r.technology).to_lowercase();
    text.contains("read") && !CHANGES.iter().any(|w| text.contains(w))
}

fn shared_databases<'a>(doc: &'a Document, lift: &Lift<'a>, out: &mut Vec<Finding>) {
    // Database id → the services that write to it, by id.
    let mut writers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &doc.relationships {
        let (Some(from), Some(to)) = (lift.container(&r.from), lift.container(&r.to)) else {
            continue;
        };
        if to.kind == ContainerKind::Database
            && from.id != to.id
            && !is_infrastructure(from.kind)
            && !only_reads(r)
        {
            writers.entry(&to.id).or_default().insert(&from.id);
        }
    }
    for (db, services) in writers {
        if services.len() < 2 {
            continue;
        }
        let Some(database) = lift.containers.get(db) else {
            continue;
        };
        let names = services
            .iter()
            .filter_map(|id| lift.containers.get(id).map(|c| c.name.as_str()));
        out.push(Finding::of(
            &SHARED_DATABASE,
            db,
            "",
            format!(
                "Database “{}” is written to by {} services: {}.",
                database.name,
                services.len(),
                quoted(names)
            ),
            "Give the data one owner: the other services go through its API or its events; if the sharing is deliberate (a module of one deployment, say), accept the rule here with the reason.",
        ));
    }
}

fn sync_cycles<'a>(doc: &'a Document, lift: &Lift<'a>, out: &mut Vec<Finding>) {
    let mut graph: DiGraphMap<&str, ()> = DiGraphMap::new();
    for r in doc
        .relationships
        .iter()
        .filter(|r| r.interaction == Interaction::Sync)
    {
        let (Some(from), Some(to)) = (lift.container(&r.from), lift.container(&r.to)) else {
            continue;
        };
        if from.id != to.id {
            graph.add_edge(&from.id, &to.id, ());
        }
    }
    let mut cycles = Vec::new();
    for scc in tarjan_scc(&graph) {
        if scc.len() < 2 {
            continue;
        }
        let members: FxHashSet<&str> = scc.iter().copied().collect();
        let Some(&start) = scc.iter().min() else {
            continue;
        };
        if let Some(path) = shortest_cycle(&graph, &members, start) {
            cycles.push(path);
        }
    }
    cycles.sort();
    for path in cycles {
        let names: Vec<&str> = path
            .iter()
            .map(|id| lift.containers.get(id).map_or(*id, |c| c.name.as_str()))
            .collect();
        out.push(Finding::of(
            &SYNC_CYCLE,
            path[0],
            "",
            format!(
                "{} containers call each other synchronously in a cycle: {}.",
                path.len() - 1,
                names.join(" → ")
            ),
            "Break the cycle: turn one call into an event, or move the logic one side needs into the other; otherwise they can only be deployed, scaled and fail together.",
        ));
    }
}

/// The shortest path `start → … → start` inside `members`, neighbours
/// taken in id order so the result does not depend on file order.
fn shortest_cycle<'a>(
    graph: &DiGraphMap<&'a str, ()>,
    members: &FxHashSet<&'a str>,
    start: &'a str,
) -> Option<Vec<&'a str>> {
    let mut previous: FxHashMap<&str, &str> = FxHashMap::default();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        let mut next: Vec<&str> = graph
            .neighbors(node)
            .filter(|n| members.contains(n))
            .collect();
        next.sort_unstable();
        for n in next {
            if n == start {
                // Walk back from `node` to `start`, then turn it around.
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = *previous.get(at)?;
                    path.push(at);
                }
                path.reverse();
                path.push(start);
                return Some(path);
            }
            if !previous.contains_key(n) && n != start {
                previous.insert(n, node);
                queue.push_back(n);
            }
        }
    }
    None
}

const GUARD_WORDS: [&str; 8] = [
    "timeout",
    "cache",
    "time-out",
    "time out",
    "deadline",
    "circuit breaker",
    "circuit-breaker",
    "fallback",
];

fn notes_a_guard(r: &Relationship) -> bool {
    let text = format!("{} {}", r.description, r.technology).to_lowercase();
    GUARD_WORDS.iter().any(|w| text.contains(w))
}

fn sync_external<'a>(
    doc: &'a Document,
    index: &Index<'_>,
    lift: &Lift<'a>,
    out: &mut Vec<Finding>,
) {
    let sync = |r: &&Relationship| r.interaction == Interaction::Sync;
    // Containers that synchronous callers (people, systems, other containers) wait on.
    let waited_on: FxHashSet<&str> = doc
        .relationships
        .iter()
        .filter(sync)
        .filter_map(|r| {
            let to = lift.container(&r.to)?;
            let from = lift.container(&r.from);
            (from.map(|f| f.id.as_str()) != Some(to.id.as_str())).then_some(to.id.as_str())
        })
        .collect();
    for r in doc.relationships.iter().filter(sync) {
        let Some(source) = lift.container(&r.from) else {
            continue;
        };
        if !matches!(source.kind, ContainerKind::Service | ContainerKind::Gateway)
            || lift.is_external(&source.id)
            || !lift.is_external(&r.to)
            || !waited_on.contains(source.id.as_str())
            || notes_a_guard(r)
        {
            continue;
        }
        let target_system = lift.system(&r.to);
        let has_async = doc.relationships.iter().any(|other| {
            other.interaction == Interaction::Async
                && lift
                    .container(&other.from)
                    .is_some_and(|c| c.id == source.id)
                && lift.system(&other.to) == target_system
        });
        if has_async {
            continue;
        }
        let target = super::paths::element_name(index, &r.to).to_owned();
        out.push(Finding::of(
            &SYNC_EXTERNAL,
            &r.id,
            "",
            format!(
                "“{}” calls the external “{target}” synchronously while its own callers wait, and no timeout is noted.",
                source.name
            ),
            "Note the timeout and retry policy in the relationship's technology (e.g. “HTTPS, 3 s timeout, 2 retries”), add a circuit breaker, or make the call asynchronous through a queue.",
        ));
    }
}

fn checklist(doc: &Document, index: &Index<'_>, out: &mut Vec<Finding>) {
    let external: FxHashSet<&str> = doc
        .systems
        .iter()
        .filter(|s| s.external)
        .map(|s| s.id.as_str())
        .collect();
    for c in &doc.containers {
        if c.technology.trim().is_empty() && !external.contains(c.system.as_str()) {
            out.push(Finding::of(
                &NO_TECHNOLOGY,
                &c.id,
                "",
                format!("Container “{}” has no technology.", c.name),
                "Name what it is built with or runs on (e.g. “Rust, axum” or “PostgreSQL 16”); the containers view shows it.",
            ));
        }
    }
    for r in &doc.relationships {
        if r.description.trim().is_empty() {
            out.push(Finding::of(
                &NO_DESCRIPTION,
                &r.id,
                "",
                format!(
                    "The relationship from “{}” to “{}” has no description.",
                    super::paths::element_name(index, &r.from),
                    super::paths::element_name(index, &r.to)
                ),
                "Say what the source does with the target, e.g. “Reads orders from” or “Publishes OrderPlaced to”.",
            ));
        }
    }
}

fn not_in_view(doc: &Document, out: &mut Vec<Finding>) {
    if doc.views.is_empty() {
        return; // Nothing is drawn yet; every element would be reported.
    }
    // The same contents the diagrams draw (`model::c4`), so the rule and
    // the canvas agree.
    let shown = Hierarchy::new(doc).shown_in_views();
    let elements = doc
        .people
        .iter()
        .map(|p| ("Person", &p.id, &p.name))
        .chain(
            doc.systems
                .iter()
                .map(|s| ("Software system", &s.id, &s.name)),
        )
        .chain(doc.containers.iter().map(|c| ("Container", &c.id, &c.name)))
        .chain(doc.components.iter().map(|c| ("Component", &c.id, &c.name)));
    for (kind, id, name) in elements {
        if !shown.contains(id.as_str()) {
            out.push(Finding::of(
                &NOT_IN_VIEW,
                id,
                "",
                format!("{kind} “{name}” appears in no view."),
                "Show it on a view (add the view its kind needs, or include it in one), or remove it if it is no longer part of the design.",
            ));
        }
    }
}
