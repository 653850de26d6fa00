//! Copy and paste as RON text, within a model and between models.
//!
//! Copying writes the selected items, the relationships among them and the
//! items that live inside them (a container's components, a database's
//! entities), with their positions in the current view. Pasting gives every
//! item a fresh id where its id is taken, rewrites references to match, and
//! attaches items whose parent is not in the target model to the parent the
//! current view is about (a pasted container goes into the view's system).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::index::references;
use crate::model::{Document, Edit, Id, Item, ItemRef, Point, ViewKind, c4};

/// What the clipboard holds.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    archdesk_clipboard: u32,
    items: Vec<Item>,
    /// Positions in the view they were copied from.
    positions: Vec<(Id, Point)>,
}

/// The RON text for the selection, with the places of its elements in
/// `view`: saved ones, else where they are drawn (`drawn`, the automatic
/// layout's), so that a paste beside them lands beside them.
pub fn copy(
    doc: &Document,
    selection: &BTreeSet<Id>,
    view: Option<&str>,
    drawn: &BTreeMap<Id, Point>,
) -> String {
    // What lives inside a selected item comes along, and the relationships
    // among all of it.
    let mut ids = c4::inside_closure(doc, selection);
    let among: Vec<Id> = doc
        .relationships
        .iter()
        .filter(|r| ids.contains(&r.from) && ids.contains(&r.to))
        .map(|r| r.id.clone())
        .collect();
    ids.extend(among);
    let items: Vec<Item> = doc
        .items()
        .filter(|i| ids.contains(i.id()))
        .filter(|i| !matches!(i, ItemRef::View(_)))
        .map(ItemRef::to_owned)
        .collect();
    let saved = view.and_then(|v| doc.view(v)).map(|v| &v.positions);
    let positions = ids
        .iter()
        .filter_map(|id| {
            let p = saved.and_then(|s| s.get(id)).or_else(|| drawn.get(id))?;
            Some((id.clone(), *p))
        })
        .collect();
    let payload = Payload {
        archdesk_clipboard: 1,
        items,
        positions,
    };
    ron::ser::to_string_pretty(&payload, ron::ser::PrettyConfig::new().depth_limit(3))
        .unwrap_or_default()
}

/// Why a paste did nothing.
#[derive(Debug, thiserror::Error)]
pub enum PasteError {
    #[error("the clipboard does not hold archdesk elements")]
    NotOurs,
    #[error("nothing on the clipboard fits into this model")]
    NothingFits,
}

/// An edit that adds the clipboard's items to the model (and positions to the
/// view, offset so they do not cover the originals), and the new ids.
pub fn paste(
    doc: &Document,
    text: &str,
    view: Option<&str>,
    at: Option<Point>,
) -> Result<(Edit, Vec<Id>), PasteError> {
    let payload: Payload = ron::from_str(text).map_err(|_| PasteError::NotOurs)?;
    let index = doc.index();
    let mut scratch_ids: BTreeSet<Id> = BTreeSet::new();
    let mut rename: HashMap<Id, Id> = HashMap::new();
    for item in &payload.items {
        let old = item.id().clone();
        let mut candidate = old.clone();
        let mut n = 2;
        while index.contains(&candidate) || scratch_ids.contains(&candidate) {
            candidate = format!("{old}-{n}");
            n += 1;
        }
        scratch_ids.insert(candidate.clone());
        rename.insert(old, candidate);
    }
    let view_kind = view.and_then(|v| doc.view(v)).map(|v| v.kind.clone());
    let fallback_system = match &view_kind {
        Some(ViewKind::Containers { system } | ViewKind::SystemContext { system }) => {
            Some(system.clone())
        }
        Some(ViewKind::Components { container }) => {
            doc.container(container).map(|c| c.system.clone())
        }
        _ => None,
    };
    let fallback_container = match &view_kind {
        Some(ViewKind::Components { container }) => Some(container.clone()),
        _ => None,
    };
    let fallback_database = match &view_kind {
        Some(ViewKind::Entities { database }) => Some(database.clone()),
        _ => None,
    };
    let mut items = Vec::new();
    for mut item in payload.items {
        if matches!(item, Item::View(_)) {
            continue;
        }
        let Some(id) = rename.get(item.id()).cloned() else {
            continue;
        };
        // A copy beside its original (the id was taken) is named as one.
        if id != *item.id() && item.kind().is_element() {
            let name = format!("{} (copy)", item.as_ref().name());
            item.set_name(&name);
        }
        *item.id_mut() = id;
        item.walk_refs_mut(&mut |_, id| {
            if let Some(new) = rename.get(id.as_str()) {
                new.clone_into(id);
            }
            true
        });
        // A parent that neither came along nor is here: the one the view is about.
        let adopt = |parent: &mut Id, fallback: &Option<Id>| {
            if !rename.values().any(|v| v == parent)
                && !index.contains(parent)
                && let Some(f) = fallback
            {
                f.clone_into(parent);
            }
        };
        match &mut item {
            Item::Container(x) => adopt(&mut x.system, &fallback_system),
            Item::Component(x) => adopt(&mut x.container, &fallback_container),
            Item::Entity(x) => adopt(&mut x.store, &fallback_database),
            _ => {}
        }
        items.push(item);
    }
    // Drop what still points outside the model (a relationship to an element
    // that was not copied and does not exist here); keep dropping until stable.
    loop {
        let known: BTreeSet<Id> = items.iter().map(|i| i.id().clone()).collect();
        let before = items.len();
        items.retain(|item| {
            references(item.as_ref())
                .iter()
                .all(|r| known.contains(r.id) || index.contains(r.id))
        });
        if items.len() == before {
            break;
        }
    }
    if items.is_empty() {
        return Err(PasteError::NothingFits);
    }
    // Parents first so that references resolve as items go in.
    items.sort_by_key(|i| match i {
        Item::Person(_) | Item::System(_) => 0,
        Item::Container(_) => 1,
        Item::Component(_) => 2,
        Item::Enum(_) => 3,
        Item::Entity(_) => 4,
        Item::Relationship(_) => 5,
        Item::Api(_) | Item::Event(_) => 6,
        Item::View(_) => 7,
    });
    let new_ids: Vec<Id> = items.iter().map(|i| i.id().clone()).collect();
    let elements: Vec<Id> = items
        .iter()
        .filter(|i| i.kind().is_element())
        .map(|i| i.id().clone())
        .collect();
    // Entities may reference each other: insert them without keys, then add keys.
    let mut keyed = Vec::new();
    let mut edits = Vec::new();
    let mut scratch = doc.clone();
    for mut item in items {
        if let Item::Entity(e) = &mut item
            && !e.foreign_keys.is_empty()
        {
            keyed.push(Item::Entity(e.clone()));
            e.foreign_keys.clear();
        }
        let edit = Edit::add(&scratch, item);
        let _ = edit.clone().apply(&mut scratch);
        edits.push(edit);
    }
    edits.extend(keyed.into_iter().map(|item| Edit::Replace { item }));
    if let Some(v) = view {
        // Beside the originals, or with the top-left corner at `at`.
        let (dx, dy) = match at {
            Some(at) => {
                let corner = payload
                    .positions
                    .iter()
                    .map(|(_, p)| p)
                    .fold(Point::new(f32::INFINITY, f32::INFINITY), |c, p| {
                        Point::new(c.x.min(p.x), c.y.min(p.y))
                    });
                if corner.is_usable() {
                    (at.x - corner.x, at.y - corner.y)
                } else {
                    (0.0, 0.0)
                }
            }
            None => (40.0, 40.0),
        };
        let mut positions: Vec<(Id, Option<Point>)> = payload
            .positions
            .iter()
            .filter_map(|(id, p)| {
                let new = rename.get(id)?;
                new_ids
                    .contains(new)
                    .then(|| (new.clone(), Some(Point::new(p.x + dx, p.y + dy))))
            })
            .collect();
        // Pasted here, the elements that had no place of their own go in
        // a row from the point.
        if let Some(at) = at {
            let placed: BTreeSet<&Id> = positions.iter().map(|(id, _)| id).collect();
            let unplaced: Vec<Id> = elements
                .iter()
                .filter(|id| !placed.contains(id))
                .cloned()
                .collect();
            for (i, id) in unplaced.into_iter().enumerate() {
                let x = at.x + 260.0 * i as f32;
                positions.push((id, Some(Point::new(x, at.y))));
            }
        }
        if !positions.is_empty() {
            edits.push(Edit::Move {
                view: v.to_owned(),
                positions,
            });
        }
    }
    Ok((Edit::Batch(edits), new_ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Container, ContainerKind, SoftwareSystem, View};

    fn shop() -> Document {
        crate::store::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/shop.ron"
        )))
        .expect("sample")
    }

    #[test]
    fn paste_in_the_same_model_gives_fresh_ids_and_keeps_relationships() {
        let mut doc = shop();
        let sel: BTreeSet<Id> = ["order-service".to_owned(), "order-db".to_owned()].into();
        let text = copy(&doc, &sel, Some("shop-containers"), &BTreeMap::new());
        let (edit, ids) = paste(&doc, &text, Some("shop-containers"), None).expect("paste");
        edit.apply(&mut doc).expect("applies");
        assert!(ids.contains(&"order-service-2".to_owned()));
        assert_eq!(
            doc.container("order-service-2").map(|c| c.name.as_str()),
            Some("Order service (copy)"),
            "a copy beside its original is named as one"
        );
        assert!(
            ids.contains(&"orders-2".to_owned()),
            "entities of the database come along: {ids:?}"
        );
        // The component's relationship to the copied database points at the copy.
        let r = doc
            .relationships
            .iter()
            .find(|r| r.id == "repository-db-2")
            .expect("copied relationship");
        assert_eq!(
            (r.from.as_str(), r.to.as_str()),
            ("order-repository-2", "order-db-2")
        );
        // Foreign keys among copied entities point at the copies.
        let items = doc.entity("order-items-2").expect("copied");
        assert_eq!(items.foreign_keys[0].references, "orders-2");
    }

    #[test]
    fn paste_into_another_model_attaches_to_the_view_system() {
        let shop = shop();
        let sel: BTreeSet<Id> =
            ["payment-service".to_owned(), "payment-provider".to_owned()].into();
        let text = copy(&shop, &sel, Some("shop-containers"), &BTreeMap::new());
        let mut other = Document::new("Other");
        other
            .systems
            .push(SoftwareSystem::new("billing", "Billing"));
        other.containers.push(Container::new(
            "ledger",
            "billing",
            "Ledger",
            ContainerKind::Service,
        ));
        other.views.push(View::new(
            "billing-containers",
            ViewKind::Containers {
                system: "billing".into(),
            },
        ));
        let (edit, ids) = paste(&other, &text, Some("billing-containers"), None).expect("paste");
        edit.apply(&mut other).expect("applies");
        assert_eq!(
            other.container("payment-service").expect("pasted").system,
            "billing"
        );
        assert!(
            ids.contains(&"payment-charges".to_owned()),
            "relationship between copied items: {ids:?}"
        );
        assert!(paste(&other, "not ron at all", None, None).is_err());
    }
}
