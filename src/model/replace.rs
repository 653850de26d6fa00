//! Turning one document into another by edits.

use super::{Document, Edit, Item, ItemKind, ItemRef};

/// Edits that turn `doc` into `target`, applied in order: everything
/// removed (dependants first), then the target's items inserted. The editor
/// recovers an autosaved copy with them as one undo step.
pub fn replace_document(doc: &Document, target: &Document) -> Vec<Edit> {
    let mut edits = Vec::new();
    // Remove everything (dependants first), then insert the target's items in order.
    let kinds_in_removal_order = [
        ItemKind::View,
        ItemKind::Relationship,
        ItemKind::Event,
        ItemKind::Api,
        ItemKind::Entity,
        ItemKind::Enum,
        ItemKind::Component,
        ItemKind::Container,
        ItemKind::System,
        ItemKind::Person,
    ];
    let items: Vec<Item> = doc.items().map(ItemRef::to_owned).collect();
    // Entities may reference each other: cut their keys first.
    for item in &items {
        if let Item::Entity(e) = item
            && !e.foreign_keys.is_empty()
        {
            let mut cut = e.clone();
            cut.foreign_keys.clear();
            edits.push(Edit::Replace {
                item: Item::Entity(cut),
            });
        }
    }
    for kind in kinds_in_removal_order {
        for item in items.iter().rev().filter(|i| i.kind() == kind) {
            edits.push(Edit::Remove {
                id: item.id().clone(),
            });
        }
    }
    edits.push(Edit::SetInfo {
        name: target.name.clone(),
        description: target.description.clone(),
    });
    let mut inserts: Vec<Item> = target.items().map(ItemRef::to_owned).collect();
    // Insert entities without keys first, then put the keys back.
    let mut keyed = Vec::new();
    for item in &mut inserts {
        if let Item::Entity(e) = item
            && !e.foreign_keys.is_empty()
        {
            keyed.push(Item::Entity(e.clone()));
            e.foreign_keys.clear();
        }
    }
    let mut counts = std::collections::HashMap::new();
    for kind in ItemKind::FILE_ORDER {
        for item in inserts.iter().filter(|i| i.kind() == kind) {
            let at = counts.entry(kind).or_insert(0usize);
            edits.push(Edit::Insert {
                at: *at,
                item: item.clone(),
            });
            *at += 1;
        }
    }
    edits.extend(keyed.into_iter().map(|item| Edit::Replace { item }));
    edits
}
