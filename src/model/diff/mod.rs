//! The difference between two documents: items matched by their stable
//! ids, compared property by property.
//!
//! An item is compared through its serialised form (the same fields the
//! file holds), so every property of every kind of item is covered, new
//! ones included, without a comparison written per type. Inside an item,
//! lists of named things (fields, indexes, endpoints, parameters,
//! responses…) are matched by their key, not their place: a new column
//! between two others is one added column, not a shift of every later
//! one. An item whose name changed under the same id is a rename.
//!
//! [`breaking`] says which changes break a client, a consumer or existing
//! rows, and why; `export::diff` writes a difference as text, Markdown or
//! JSON.

pub mod breaking;
pub mod merge;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::{Document, Id, ItemKind, ItemRef};

/// What changed between two documents.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    /// The model's own properties: name, description, review settings.
    pub model: Vec<PropertyChange>,
    /// The items added, removed or changed, grouped by kind in the file's
    /// order of kinds; within a kind, the new document's order, then what
    /// was removed in the old one's.
    pub items: Vec<ItemChange>,
}

/// One item's change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemChange {
    pub id: Id,
    #[serde(serialize_with = "kind_label")]
    pub kind: ItemKind,
    /// Its name in the new document (the old one's when removed).
    pub name: String,
    /// Its name in the old document, when it was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    pub change: Change,
    /// The property changes of a changed item (empty when added or removed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<PropertyChange>,
    /// Why this change breaks something, when it does (an added or
    /// removed item; a changed item's reasons are on its properties).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breaking: Option<String>,
}

fn kind_label<S: serde::Serializer>(kind: &ItemKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.label())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One property of an item, before and after. `path` names it as the
/// file does: `technology`, `fields[email].nullable`,
/// `endpoints[getOrder].parameters[page]`, `positions.order-service.x`.
/// An absent value (`None`) is the property's default: left out of the
/// file.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PropertyChange {
    pub path: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// Why this change breaks something, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breaking: Option<String>,
}

/// Where a kind of item belongs in a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Model,
    Elements,
    Relationships,
    Data,
    Apis,
    Events,
    Views,
}

impl Area {
    pub const ALL: [Area; 7] = [
        Area::Model,
        Area::Elements,
        Area::Relationships,
        Area::Data,
        Area::Apis,
        Area::Events,
        Area::Views,
    ];

    pub fn of(kind: ItemKind) -> Self {
        match kind {
            ItemKind::Person | ItemKind::System | ItemKind::Container | ItemKind::Component => {
                Self::Elements
            }
            ItemKind::Relationship => Self::Relationships,
            ItemKind::Entity | ItemKind::Enum => Self::Data,
            ItemKind::Api => Self::Apis,
            ItemKind::Event => Self::Events,
            ItemKind::View => Self::Views,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Model => "Model",
            Self::Elements => "Elements",
            Self::Relationships => "Relationships",
            Self::Data => "Data",
            Self::Apis => "APIs",
            Self::Events => "Events",
            Self::Views => "Views",
        }
    }
}

impl Diff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.model.is_empty() && self.items.is_empty()
    }

    /// Whether any change breaks something.
    pub fn is_breaking(&self) -> bool {
        self.model.iter().any(|p| p.breaking.is_some())
            || self.items.iter().any(ItemChange::is_breaking)
    }

    /// How many items were added, removed, changed and renamed.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for i in &self.items {
            match i.change {
                Change::Added => c.added += 1,
                Change::Removed => c.removed += 1,
                Change::Changed => c.changed += 1,
            }
            c.renamed += usize::from(i.renamed_from.is_some());
            c.breaking += usize::from(i.is_breaking());
        }
        c.breaking += self.model.iter().filter(|p| p.breaking.is_some()).count();
        c
    }
}

impl ItemChange {
    pub fn is_breaking(&self) -> bool {
        self.breaking.is_some() || self.properties.iter().any(|p| p.breaking.is_some())
    }
}

/// The numbers of a difference's summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub renamed: usize,
    /// Items (and model properties) with a breaking change.
    pub breaking: usize,
}

/// The difference from `old` to `new`, each change classified (see
/// [`breaking`]).
pub fn diff(old: &Document, new: &Document) -> Diff {
    let mut out = Diff::default();
    for (path, a, b) in [
        ("name", value(&old.name), value(&new.name)),
        (
            "description",
            value(&old.description),
            value(&new.description),
        ),
        ("review", value(&old.review), value(&new.review)),
    ] {
        compare(path, present(&a), present(&b), &mut out.model);
    }
    let before: HashMap<&str, ItemRef<'_>> = old.items().map(|i| (i.id().as_str(), i)).collect();
    let after: HashMap<&str, ItemRef<'_>> = new.items().map(|i| (i.id().as_str(), i)).collect();
    for kind in ItemKind::FILE_ORDER {
        for item in new.items().filter(|i| i.kind() == kind) {
            let id = item.id();
            match before.get(id.as_str()) {
                Some(was) if was.kind() == kind => {
                    if *was != item {
                        out.items.push(changed(old, *was, new, item));
                    }
                }
                _ => out.items.push(whole(new, item, Change::Added)),
            }
        }
        for item in old.items().filter(|i| i.kind() == kind) {
            let still = after
                .get(item.id().as_str())
                .is_some_and(|now| now.kind() == kind);
            if !still {
                out.items.push(whole(old, item, Change::Removed));
            }
        }
    }
    breaking::classify(old, new, &mut out);
    out
}

/// What an item is called in a report: its name, a view its title.
fn name_of(doc: &Document, item: ItemRef<'_>) -> String {
    match item {
        ItemRef::View(v) => super::c4::view_title(doc, v),
        i => i.label().to_owned(),
    }
}

fn whole(doc: &Document, item: ItemRef<'_>, change: Change) -> ItemChange {
    ItemChange {
        id: item.id().clone(),
        kind: item.kind(),
        name: name_of(doc, item),
        renamed_from: None,
        change,
        properties: Vec::new(),
        breaking: None,
    }
}

fn changed(
    old_doc: &Document,
    old: ItemRef<'_>,
    new_doc: &Document,
    new: ItemRef<'_>,
) -> ItemChange {
    let mut properties = Vec::new();
    let (a, b) = (item_value(old), item_value(new));
    compare("", Some(&a), Some(&b), &mut properties);
    let (was, now) = (name_of(old_doc, old), name_of(new_doc, new));
    // A view's title follows what it shows: only its own title renames it.
    let renamed = old.label() != new.label();
    let renamed_from = renamed.then_some(was);
    ItemChange {
        id: new.id().clone(),
        kind: new.kind(),
        name: now,
        renamed_from,
        change: Change::Changed,
        properties,
        breaking: None,
    }
}

/// An item as the file holds it.
pub(crate) fn item_value(item: ItemRef<'_>) -> Value {
    match item {
        ItemRef::Person(x) => value(x),
        ItemRef::System(x) => value(x),
        ItemRef::Container(x) => value(x),
        ItemRef::Component(x) => value(x),
        ItemRef::Relationship(x) => value(x),
        ItemRef::Enum(x) => value(x),
        ItemRef::Entity(x) => value(x),
        ItemRef::Api(x) => value(x),
        ItemRef::Event(x) => value(x),
        ItemRef::View(x) => value(x),
    }
}

fn value<T: Serialize + ?Sized>(x: &T) -> Value {
    // The model's types serialise to JSON without fail: string keys, no
    // non-finite numbers (the reader refuses them).
    serde_json::to_value(x).unwrap_or(Value::Null)
}

/// A value that is there: not absent, not `null`, not an empty string,
/// list or map (what the file leaves out is the default).
fn present(v: &Value) -> Option<&Value> {
    match v {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::Array(a) if a.is_empty() => None,
        Value::Object(o) if o.is_empty() => None,
        v => Some(v),
    }
}

/// Adds the changes from `old` to `new` at `path`.
fn compare(path: &str, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<PropertyChange>) {
    let (old, new) = (old.and_then(present), new.and_then(present));
    if old == new {
        return;
    }
    let empty = serde_json::Map::new();
    match (old, new) {
        // Maps and structs, property by property. One side may be absent
        // (a map left out of the file): a map of things (positions by id)
        // is then one change per thing, anything else one change.
        (oa, ob) if fields(oa, &empty).zip(fields(ob, &empty)).is_some() => {
            let (Some(a), Some(b)) = (fields(oa, &empty), fields(ob, &empty)) else {
                return;
            };
            let whole = oa.is_none() || ob.is_none();
            if whole && !a.values().chain(b.values()).all(Value::is_object) {
                out.push(change(path, oa.cloned(), ob.cloned()));
                return;
            }
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                if key == "was" {
                    continue;
                }
                let (x, y) = (a.get(key).and_then(present), b.get(key).and_then(present));
                if whole {
                    if x != y {
                        out.push(change(&join(path, key), x.cloned(), y.cloned()));
                    }
                } else {
                    compare(&join(path, key), x, y, out);
                }
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => match (keys_of(a), keys_of(b)) {
            (Some(ka), Some(kb)) => compare_keyed(path, a, &ka, b, &kb, out),
            _ => out.push(change(path, Some(old_value(a)), Some(old_value(b)))),
        },
        (a, b) => out.push(change(path, a.cloned(), b.cloned())),
    }
}

/// The properties of a map or struct; an absent one has none.
fn fields<'a>(
    v: Option<&'a Value>,
    empty: &'a serde_json::Map<String, Value>,
) -> Option<&'a serde_json::Map<String, Value>> {
    match v {
        Some(Value::Object(o)) if !is_variant(o) => Some(o),
        None => Some(empty),
        _ => None,
    }
}

fn old_value(a: &[Value]) -> Value {
    Value::Array(a.to_vec())
}

fn change(path: &str, old: Option<Value>, new: Option<Value>) -> PropertyChange {
    PropertyChange {
        path: path.to_owned(),
        old,
        new,
        breaking: None,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// An enum variant with data, as serde writes it: `{"Decimal": {…}}`.
/// It is compared as one value.
fn is_variant(o: &serde_json::Map<String, Value>) -> bool {
    o.len() == 1
        && o.keys()
            .next()
            .is_some_and(|k| k.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// The properties that name an element of a list, first found first.
const KEYS: [&str; 7] = [
    "id",
    "operation_id",
    "name",
    "status",
    "scheme",
    "rule",
    "columns",
];

/// The key of an element of a list of named things.
fn key_of(v: &Value) -> Option<String> {
    let o = v.as_object()?;
    KEYS.iter().find_map(|k| match o.get(*k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(cols) => Some(
            cols.iter()
                .map(|c| c.as_str().unwrap_or("?"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    })
}

/// The keys of a list's elements, when every element has one and no two
/// share it; else the list is compared as one value.
fn keys_of(list: &[Value]) -> Option<Vec<String>> {
    let keys: Vec<String> = list.iter().map(key_of).collect::<Option<_>>()?;
    let unique: BTreeSet<&String> = keys.iter().collect();
    (unique.len() == keys.len()).then_some(keys)
}

/// Two lists of named things, matched by key. A new element that says
/// `was: "old key"` is the old element of that key, renamed.
fn compare_keyed(
    path: &str,
    a: &[Value],
    ka: &[String],
    b: &[Value],
    kb: &[String],
    out: &mut Vec<PropertyChange>,
) {
    let at = |k: &str| ka.iter().position(|x| x == k);
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(b.len());
    for (v, k) in b.iter().zip(kb) {
        let was = v.get("was").and_then(Value::as_str);
        let old = at(k).or_else(|| was.and_then(|w| at(w).filter(|_| !kb.iter().any(|x| x == w))));
        matched.push(old);
    }
    let taken: BTreeSet<usize> = matched.iter().flatten().copied().collect();
    for ((v, k), old) in b.iter().zip(kb).zip(&matched) {
        let here = format!("{path}[{k}]");
        match old {
            Some(i) => compare(&here, Some(&a[*i]), Some(v), out),
            None => out.push(change(&here, None, Some(v.clone()))),
        }
    }
    for (i, (v, k)) in a.iter().zip(ka).enumerate() {
        if !taken.contains(&i) {
            out.push(change(&format!("{path}[{k}]"), Some(v.clone()), None));
        }
    }
    // The same elements in another order.
    let kept_old: Vec<&String> = ka
        .iter()
        .enumerate()
        .filter(|(i, _)| taken.contains(i))
        .map(|(_, k)| k)
        .collect();
    let kept_new: Vec<&String> = matched
        .iter()
        .zip(kb)
        .filter(|(m, _)| m.is_some())
        .map(|(m, _)| &ka[m.unwrap_or_default()])
        .collect();
    if kept_old != kept_new {
        let list = |keys: Vec<&String>| {
            Value::Array(keys.into_iter().map(|k| Value::String(k.clone())).collect())
        };
        out.push(change(
            &format!("{path} (order)"),
            Some(list(kept_old)),
            Some(list(kept_new)),
        ));
    }
}

#[cfg(test)]
mod tests;
