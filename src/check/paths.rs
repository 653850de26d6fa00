//! The human path of a finding's element: `Shop › Order database ›
//! orders.customer_id`, `Shop › Order service › Order API › GET /orders`.
//! Paths use names, as diagrams do; the JSON output has the ids as well.

use super::Finding;
use crate::model::{Document, Index, ItemRef};

const SEP: &str = " › ";

/// Fills in the `path` of every finding.
pub(super) fn fill(doc: &Document, index: &Index<'_>, findings: &mut [Finding]) {
    for f in findings {
        f.path = path(doc, index, &f.element, &f.part);
    }
}

fn path(doc: &Document, index: &Index<'_>, element: &str, part: &str) -> String {
    let with_part = |base: String| {
        if part.is_empty() {
            base
        } else if part.contains(',') {
            // Key columns: `order_lines (order_id, sku)`.
            format!("{base} ({})", part.replace(',', ", "))
        } else {
            format!("{base}.{part}")
        }
    };
    if element.is_empty() {
        // The model itself: its review settings.
        let mut p = format!("{}{SEP}review", doc.name);
        if !part.is_empty() {
            p.push_str(SEP);
            p.push_str(part);
        }
        return p;
    }
    let Some(found) = index.item(element) else {
        return with_part(element.to_owned());
    };
    let name = |id: &str| element_name(index, id).to_owned();
    let cpath = |id: &str| container_path(index, id);
    match found {
        ItemRef::Person(p) => with_part(p.name.clone()),
        ItemRef::System(s) => with_part(s.name.clone()),
        ItemRef::Container(c) => with_part(cpath(&c.id)),
        ItemRef::Component(c) => with_part(format!("{}{SEP}{}", cpath(&c.container), c.name)),
        // `Shop › Order service → Payment provider`: where the call starts.
        ItemRef::Relationship(r) => {
            let from = match index.item(&r.from) {
                Some(ItemRef::Container(c)) => cpath(&c.id),
                Some(ItemRef::Component(c)) => format!("{}{SEP}{}", cpath(&c.container), c.name),
                _ => name(&r.from),
            };
            with_part(format!("{from} → {}", name(&r.to)))
        }
        ItemRef::Enum(e) => with_part(e.name.clone()),
        ItemRef::Entity(e) => with_part(format!("{}{SEP}{}", cpath(&e.store), e.name)),
        ItemRef::Api(a) => {
            let base = format!("{}{SEP}{}", cpath(&a.service), a.name);
            match a.endpoints.iter().find(|ep| ep.operation_id == part) {
                Some(ep) => format!("{base}{SEP}{} {}", ep.method.as_str(), ep.path),
                None if part.is_empty() => base,
                None => format!("{base}{SEP}{part}"),
            }
        }
        ItemRef::Event(e) => with_part(format!("{}{SEP}{}", cpath(&e.channel), e.name)),
        ItemRef::View(v) => with_part(if v.title.is_empty() {
            format!("view {}", v.id)
        } else {
            format!("view “{}”", v.title)
        }),
    }
}

/// `System › Container`.
fn container_path(index: &Index<'_>, id: &str) -> String {
    match index.item(id) {
        Some(ItemRef::Container(c)) => {
            format!("{}{SEP}{}", element_name(index, &c.system), c.name)
        }
        _ => id.to_owned(),
    }
}

/// The name of a person, system, container or component; the id otherwise.
pub(super) fn element_name<'a>(index: &Index<'a>, id: &'a str) -> &'a str {
    match index.item(id) {
        Some(ItemRef::Person(p)) => &p.name,
        Some(ItemRef::System(s)) => &s.name,
        Some(ItemRef::Container(c)) => &c.name,
        Some(ItemRef::Component(c)) => &c.name,
        _ => id,
    }
}

/// The name of any item (an entity's table name, an API's name…); the id
/// when nothing has it.
pub(super) fn item_name<'a>(index: &Index<'a>, id: &'a str) -> &'a str {
    match index.item(id) {
        Some(ItemRef::Person(x)) => &x.name,
        Some(ItemRef::System(x)) => &x.name,
        Some(ItemRef::Container(x)) => &x.name,
        Some(ItemRef::Component(x)) => &x.name,
        Some(ItemRef::Enum(x)) => &x.name,
        Some(ItemRef::Entity(x)) => &x.name,
        Some(ItemRef::Api(x)) => &x.name,
        Some(ItemRef::Event(x)) => &x.name,
        Some(ItemRef::Relationship(_) | ItemRef::View(_)) | None => id,
    }
}
