//! A three-way merge of two versions of a model that grew from one base:
//! what git asks of a merge driver. Items are matched by id and merged
//! property by property, named lists (fields, endpoints…) by key, as the
//! difference compares them. A property that both sides changed, to
//! different values, is a conflict; the merge then keeps ours there and
//! reports it. Collections keep ours' order, with theirs' additions after
//! the item that precedes them in theirs.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{item_value, join, keys_of, value};
use crate::model::{Document, Id, Item, ItemKind, ItemRef};

/// One property both sides changed differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    /// The item (`None`: the model's own properties).
    pub id: Option<Id>,
    /// The property, as [`super::PropertyChange::path`] names it; empty
    /// when the whole item is in question (one side removed it, the other
    /// changed it).
    pub path: String,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

/// The merge: the model (ours wherever a conflict is) and the conflicts.
#[derive(Debug)]
pub struct Merged {
    pub doc: Document,
    pub conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, both grown from `base`.
pub fn merge(base: &Document, ours: &Document, theirs: &Document) -> Merged {
    let mut conflicts = Vec::new();
    let mut doc = ours.clone();
    let model = |d: &Document| {
        serde_json::json!({
            "name": d.name,
            "description": d.description,
            "review": value(&d.review),
        })
    };
    let merged = merge_value(
        None,
        "",
        Some(&model(base)),
        Some(&model(ours)),
        Some(&model(theirs)),
        &mut conflicts,
    );
    if let Some(m) = merged {
        if let Some(name) = m.get("name").and_then(Value::as_str) {
            name.clone_into(&mut doc.name);
        }
        if let Some(d) = m.get("description").and_then(Value::as_str) {
            d.clone_into(&mut doc.description);
        }
        if let Some(r) = m
            .get("review")
            .and_then(|r| serde_json::from_value(r.clone()).ok())
        {
            doc.review = r;
        }
    }
    let index = |d: &Document| -> HashMap<Id, Value> {
        d.items().map(|i| (i.id().clone(), tagged(i))).collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    // Every item, in ours' order with theirs' additions placed after their
    // predecessor in theirs.
    let order = merged_order(
        &ours.items().map(|i| i.id().clone()).collect::<Vec<_>>(),
        &theirs.items().map(|i| i.id().clone()).collect::<Vec<_>>(),
    );
    let mut items: Vec<Item> = Vec::new();
    for id in order {
        let (bv, ov, tv) = (b.get(&id), o.get(&id), t.get(&id));
        let merged = match (bv, ov, tv) {
            // Removed on one side, unchanged on the other: removed.
            (Some(bv), None, Some(tv)) if bv == tv => None,
            (Some(bv), Some(ov), None) if bv == ov => None,
            // Removed on one side, changed on the other: keep ours.
            (Some(_), None, Some(_)) | (Some(_), Some(_), None) => {
                conflicts.push(Conflict {
                    id: Some(id.clone()),
                    path: String::new(),
                    base: bv.cloned(),
                    ours: ov.cloned(),
                    theirs: tv.cloned(),
                });
                ov.cloned()
            }
            _ => merge_value(Some(&id), "", bv, ov, tv, &mut conflicts),
        };
        if let Some(v) = merged.as_ref().and_then(untagged) {
            items.push(v);
        }
    }
    set_items(&mut doc, items);
    Merged { doc, conflicts }
}

/// An item as a value, with its kind, so that it can be read back.
fn tagged(item: ItemRef<'_>) -> Value {
    serde_json::json!({ "kind": kind_tag(item.kind()), "item": item_value(item) })
}

fn kind_tag(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Person => "person",
        ItemKind::System => "system",
        ItemKind::Container => "container",
        ItemKind::Component => "component",
        ItemKind::Relationship => "relationship",
        ItemKind::Enum => "enum",
        ItemKind::Entity => "entity",
        ItemKind::Api => "api",
        ItemKind::Event => "event",
        ItemKind::View => "view",
    }
}

fn read<T: DeserializeOwned>(v: &Value) -> Option<T> {
    serde_json::from_value(v.clone()).ok()
}

/// The item a tagged value holds.
fn untagged(v: &Value) -> Option<Item> {
    let item = v.get("item")?;
    Some(match v.get("kind")?.as_str()? {
        "person" => Item::Person(read(item)?),
        "system" => Item::System(read(item)?),
        "container" => Item::Container(read(item)?),
        "component" => Item::Component(read(item)?),
        "relationship" => Item::Relationship(read(item)?),
        "enum" => Item::Enum(read(item)?),
        "entity" => Item::Entity(read(item)?),
        "api" => Item::Api(read(item)?),
        "event" => Item::Event(read(item)?),
        "view" => Item::View(read(item)?),
        _ => return None,
    })
}

/// Puts the merged items in the document's collections, in their order.
fn set_items(doc: &mut Document, items: Vec<Item>) {
    doc.people.clear();
    doc.systems.clear();
    doc.containers.clear();
    doc.components.clear();
    doc.relationships.clear();
    doc.enums.clear();
    doc.entities.clear();
    doc.apis.clear();
    doc.events.clear();
    doc.views.clear();
    for item in items {
        match item {
            Item::Person(x) => doc.people.push(x),
            Item::System(x) => doc.systems.push(x),
            Item::Container(x) => doc.containers.push(x),
            Item::Component(x) => doc.components.push(x),
            Item::Relationship(x) => doc.relationships.push(x),
            Item::Enum(x) => doc.enums.push(x),
            Item::Entity(x) => doc.entities.push(x),
            Item::Api(x) => doc.apis.push(x),
            Item::Event(x) => doc.events.push(x),
            Item::View(x) => doc.views.push(x),
        }
    }
}

/// Ours' keys in order, with each of theirs' that ours lacks placed after
/// the nearest key before it in theirs that the list has (else first).
fn merged_order(ours: &[String], theirs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = ours.to_vec();
    let mut have: BTreeSet<String> = out.iter().cloned().collect();
    for (i, k) in theirs.iter().enumerate() {
        if have.contains(k) {
            continue;
        }
        let after = theirs[..i]
            .iter()
            .rev()
            .find_map(|p| out.iter().position(|x| x == p));
        let at = after.map_or(0, |p| p + 1);
        out.insert(at, k.clone());
        have.insert(k.clone());
    }
    out
}

/// The three-way merge of one value: what changed on one side only is
/// taken; what changed on both, differently, is a conflict (ours kept).
fn merge_value(
    id: Option<&Id>,
    path: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Value> {
    if ours == theirs {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    if theirs == base {
        return ours.cloned();
    }
    let empty = serde_json::Map::new();
    let object = |v: Option<&Value>| match v {
        Some(Value::Object(o)) if !super::is_variant(o) => Some(o.clone()),
        None => Some(empty.clone()),
        _ => None,
    };
    // Both changed: property by property, where both are maps or structs
    // (or lists of named things).
    if let (Some(Value::Object(_)), Some(Value::Object(_))) = (ours, theirs)
        && let (Some(b), Some(o), Some(t)) = (object(base), object(ours), object(theirs))
    {
        let mut keys: Vec<&String> = o.keys().collect();
        for k in t.keys() {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        let mut out = serde_json::Map::new();
        for k in keys {
            let at = if path.is_empty() && k == "item" {
                String::new()
            } else {
                join(path, k)
            };
            if let Some(v) = merge_value(id, &at, b.get(k), o.get(k), t.get(k), conflicts) {
                out.insert(k.clone(), v);
            }
        }
        return Some(Value::Object(out));
    }
    if let (Some(Value::Array(o)), Some(Value::Array(t))) = (ours, theirs) {
        let b: &[Value] = match base {
            Some(Value::Array(b)) => b,
            _ => &[],
        };
        if let (Some(kb), Some(ko), Some(kt)) = (keys_of(b), keys_of(o), keys_of(t)) {
            let find = |list: &[Value], keys: &[String], k: &str| {
                keys.iter().position(|x| x == k).map(|i| list[i].clone())
            };
            let mut out = Vec::new();
            for k in merged_order(&ko, &kt) {
                let (bv, ov, tv) = (find(b, &kb, &k), find(o, &ko, &k), find(t, &kt, &k));
                let here = format!("{path}[{k}]");
                let merged = match (&bv, &ov, &tv) {
                    (Some(bv), None, Some(tv)) if bv == tv => None,
                    (Some(bv), Some(ov), None) if bv == ov => None,
                    (Some(_), None, Some(_)) | (Some(_), Some(_), None) => {
                        conflicts.push(Conflict {
                            id: id.cloned(),
                            path: here,
                            base: bv.clone(),
                            ours: ov.clone(),
                            theirs: tv.clone(),
                        });
                        ov.clone()
                    }
                    _ => merge_value(id, &here, bv.as_ref(), ov.as_ref(), tv.as_ref(), conflicts),
                };
                out.extend(merged);
            }
            return Some(Value::Array(out));
        }
    }
    conflicts.push(Conflict {
        id: id.cloned(),
        path: path.to_owned(),
        base: base.cloned(),
        ours: ours.cloned(),
        theirs: theirs.cloned(),
    });
    ours.cloned()
}

#[cfg(test)]
mod tests {
    use super::super::tests::shop;
    use super::*;

    fn container<'a>(d: &'a mut Document, id: &str) -> &'a mut crate::model::Container {
        d.containers
            .iter_mut()
            .find(|c| c.id == id)
            .expect("container")
    }

    #[test]
    fn changes_to_different_items_and_properties_both_land() {
        let base = shop();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        container(&mut ours, "order-service").technology = "Rust".into();
        container(&mut theirs, "order-service").description = "Orders, and more.".into();
        container(&mut theirs, "cart-service").name = "Basket service".into();
        ours.people
            .push(crate::model::Person::new("auditor", "Auditor"));
        theirs.people.retain(|p| p.id != "admin");
        theirs
            .relationships
            .retain(|r| r.from != "admin" && r.to != "admin");
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty(), "{:#?}", m.conflicts);
        let mut expected = ours.clone();
        container(&mut expected, "order-service").description = "Orders, and more.".into();
        container(&mut expected, "cart-service").name = "Basket service".into();
        expected.people.retain(|p| p.id != "admin");
        expected
            .relationships
            .retain(|r| r.from != "admin" && r.to != "admin");
        assert_eq!(
            crate::store::to_ron(&m.doc).expect("text"),
            crate::store::to_ron(&expected).expect("text")
        );
    }

    #[test]
    fn the_same_property_changed_differently_is_a_conflict_and_ours_stays() {
        let base = shop();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        container(&mut ours, "order-service").technology = "Rust".into();
        container(&mut theirs, "order-service").technology = "Go".into();
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
        let c = &m.conflicts[0];
        assert_eq!(
            (c.id.as_deref(), c.path.as_str()),
            (Some("order-service"), "technology")
        );
        assert_eq!(c.ours, Some(Value::String("Rust".into())));
        assert_eq!(c.theirs, Some(Value::String("Go".into())));
        assert_eq!(
            container(&mut m.doc.clone(), "order-service").technology,
            "Rust"
        );
        // The same change on both sides is no conflict.
        container(&mut theirs, "order-service").technology = "Rust".into();
        assert!(merge(&base, &ours, &theirs).conflicts.is_empty());
    }

    #[test]
    fn removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
        let base = shop();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.people.retain(|p| p.id != "admin");
        theirs
            .people
            .iter_mut()
            .find(|p| p.id == "admin")
            .expect("admin")
            .description = "Staff.".into();
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.conflicts.len(), 1);
        assert_eq!(m.conflicts[0].path, "");
        assert!(m.conflicts[0].ours.is_none());
    }

    #[test]
    fn columns_added_on_both_sides_are_kept_in_order() {
        let base = shop();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        fn fields(d: &mut Document) -> &mut Vec<crate::model::Field> {
            &mut d
                .entities
                .iter_mut()
                .find(|e| e.id == "orders")
                .expect("orders")
                .fields
        }
        let mut a = crate::model::Field::new("note", crate::model::FieldType::Text);
        a.nullable = true;
        fields(&mut ours).insert(1, a);
        let mut b = crate::model::Field::new("channel", crate::model::FieldType::Text);
        b.nullable = true;
        fields(&mut theirs).insert(3, b);
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty(), "{:#?}", m.conflicts);
        let mut m = m;
        let names: Vec<String> = fields(&mut m.doc).iter().map(|f| f.name.clone()).collect();
        let mut expected: Vec<String> = fields(&mut ours).iter().map(|f| f.name.clone()).collect();
        // After the field that precedes it in theirs.
        let before = fields(&mut theirs)[2].name.clone();
        let at = expected.iter().position(|n| *n == before).expect("there") + 1;
        expected.insert(at, "channel".into());
        assert_eq!(names, expected);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Edits to disjoint items and properties on two branches merge to
        /// the model that applying both gives; edits to the same property,
        /// to different values, are always reported.
        #[test]
        fn disjoint_edits_merge_as_applying_both(
            ours_tech in proptest::collection::btree_set(0usize..23, 0..8),
            theirs_tech in proptest::collection::btree_set(0usize..23, 0..8),
            theirs_words in proptest::collection::btree_set(0usize..23, 0..8),
            ours_new in 0usize..3,
            theirs_new in 0usize..3,
        ) {
            let base = shop();
            let n = base.containers.len();
            let mut ours = base.clone();
            let mut theirs = base.clone();
            for &i in ours_tech.iter().filter(|i| **i < n) {
                ours.containers[i].technology = format!("ours {i}");
            }
            for &i in theirs_tech.iter().filter(|i| **i < n) {
                theirs.containers[i].technology = format!("theirs {i}");
            }
            for &i in theirs_words.iter().filter(|i| **i < n) {
                theirs.containers[i].description = format!("words {i}");
            }
            for k in 0..ours_new {
                ours.people.push(crate::model::Person::new(format!("ours-{k}"), "Ours"));
            }
            for k in 0..theirs_new {
                theirs.people.push(crate::model::Person::new(format!("theirs-{k}"), "Theirs"));
            }
            let m = merge(&base, &ours, &theirs);
            let both: Vec<usize> = ours_tech.intersection(&theirs_tech).copied().filter(|i| *i < n).collect();
            // Each property changed on both sides differently is reported, once.
            proptest::prop_assert_eq!(m.conflicts.len(), both.len(), "{:#?}", m.conflicts);
            for (c, i) in m.conflicts.iter().zip(&both) {
                proptest::prop_assert_eq!(c.id.as_ref(), Some(&base.containers[*i].id));
                proptest::prop_assert_eq!(c.path.as_str(), "technology");
            }
            // Applying both: theirs' changes over ours, but where both
            // changed a property (ours stays).
            let mut expected = ours.clone();
            for &i in theirs_tech.iter().filter(|i| **i < n && !ours_tech.contains(i)) {
                expected.containers[i].technology = format!("theirs {i}");
            }
            for &i in theirs_words.iter().filter(|i| **i < n) {
                expected.containers[i].description = format!("words {i}");
            }
            // Theirs' new people follow the last person they had from the base.
            let at = base.people.len();
            for k in (0..theirs_new).rev() {
                expected.people.insert(at, crate::model::Person::new(format!("theirs-{k}"), "Theirs"));
            }
            proptest::prop_assert_eq!(
                crate::store::to_ron(&m.doc).expect("text"),
                crate::store::to_ron(&expected).expect("text")
            );
        }
    }
}
