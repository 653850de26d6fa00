//! A lookup table from ids to the items of a document, and the reference
//! rules that say what each id field may point at.

use rustc_hash::FxHashMap;

use super::{Body, ContainerKind, Document, FieldType, Id, ItemKind, ItemRef, ViewKind};

/// Where an item with a given id lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ElementRef {
    pub kind: ItemKind,
    /// Position in its collection.
    pub pos: usize,
}

/// Ids → items, built from a document in one pass.
pub struct Index<'a> {
    doc: &'a Document,
    /// FxHash: ids are short and this is looked up on every reference of a
    /// load and many per frame; with SipHash a 10,000-element load took 17 %
    /// longer.
    map: FxHashMap<&'a str, ElementRef>,
    /// Ids that occur more than once, with the later occurrence.
    pub duplicates: Vec<(&'a str, ElementRef)>,
}

impl<'a> Index<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut map = FxHashMap::default();
        let mut duplicates = Vec::new();
        let mut add = |id: &'a str, kind: ItemKind, pos: usize| {
            let r = ElementRef { kind, pos };
            if map.insert(id, r).is_some() {
                duplicates.push((id, r));
            }
        };
        for (i, x) in doc.people.iter().enumerate() {
            add(&x.id, ItemKind::Person, i);
        }
        for (i, x) in doc.systems.iter().enumerate() {
            add(&x.id, ItemKind::System, i);
        }
        for (i, x) in doc.containers.iter().enumerate() {
            add(&x.id, ItemKind::Container, i);
        }
        for (i, x) in doc.components.iter().enumerate() {
            add(&x.id, ItemKind::Component, i);
        }
        for (i, x) in doc.relationships.iter().enumerate() {
            add(&x.id, ItemKind::Relationship, i);
        }
        for (i, x) in doc.enums.iter().enumerate() {
            add(&x.id, ItemKind::Enum, i);
        }
        for (i, x) in doc.entities.iter().enumerate() {
            add(&x.id, ItemKind::Entity, i);
        }
        for (i, x) in doc.apis.iter().enumerate() {
            add(&x.id, ItemKind::Api, i);
        }
        for (i, x) in doc.events.iter().enumerate() {
            add(&x.id, ItemKind::Event, i);
        }
        for (i, x) in doc.views.iter().enumerate() {
            add(&x.id, ItemKind::View, i);
        }
        Self {
            doc,
            map,
            duplicates,
        }
    }

    /// Whether any item has this id.
    pub fn contains(&self, id: &str) -> bool {
        self.map.contains_key(id)
    }

    /// Where the item with this id lives.
    pub fn get(&self, id: &str) -> Option<ElementRef> {
        self.map.get(id).copied()
    }

    /// The item with this id: one lookup, where [`Document::item`] builds
    /// a whole index first (use this for many lookups).
    pub fn item(&self, id: &str) -> Option<ItemRef<'a>> {
        let r = self.get(id)?;
        let d = self.doc;
        Some(match r.kind {
            ItemKind::Person => ItemRef::Person(d.people.get(r.pos)?),
            ItemKind::System => ItemRef::System(d.systems.get(r.pos)?),
            ItemKind::Container => ItemRef::Container(d.containers.get(r.pos)?),
            ItemKind::Component => ItemRef::Component(d.components.get(r.pos)?),
            ItemKind::Relationship => ItemRef::Relationship(d.relationships.get(r.pos)?),
            ItemKind::Enum => ItemRef::Enum(d.enums.get(r.pos)?),
            ItemKind::Entity => ItemRef::Entity(d.entities.get(r.pos)?),
            ItemKind::Api => ItemRef::Api(d.apis.get(r.pos)?),
            ItemKind::Event => ItemRef::Event(d.events.get(r.pos)?),
            ItemKind::View => ItemRef::View(d.views.get(r.pos)?),
        })
    }

    /// The kind of container this id names, if it names a container.
    pub fn container_kind(&self, id: &str) -> Option<ContainerKind> {
        match self.get(id)? {
            ElementRef {
                kind: ItemKind::Container,
                pos,
            } => self.doc.containers.get(pos).map(|c| c.kind),
            _ => None,
        }
    }

    /// Checks one reference against its rule; `None` when it holds.
    pub fn violation(&self, r: &Reference<'_>) -> Option<RefProblem> {
        let target = self.get(r.id).map(|t| (t.kind, self.container_kind(r.id)));
        violation_of(r.expect, target)
    }
}

/// What is wrong with a reference that expects `expect` and finds
/// `target` (its kind, and a container's kind), if anything.
pub fn violation_of(
    expect: Expect,
    target: Option<(ItemKind, Option<ContainerKind>)>,
) -> Option<RefProblem> {
    let Some((kind, container)) = target else {
        return Some(RefProblem::Missing);
    };
    let ok = match expect {
        Expect::Element => kind.is_element(),
        Expect::Kind(k) => kind == k,
        Expect::Database => container == Some(ContainerKind::Database),
        Expect::Channel => container.is_some_and(ContainerKind::is_channel),
        Expect::CodeUnit => matches!(kind, ItemKind::Container | ItemKind::Component),
        Expect::ViewMember => kind.is_element() || kind == ItemKind::Entity,
    };
    (!ok).then_some(RefProblem::WrongKind(kind))
}

/// What a reference must point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A person, software system, container or component.
    Element,
    /// An item of exactly this kind.
    Kind(ItemKind),
    /// A container of kind database.
    Database,
    /// A container of kind queue or topic.
    Channel,
    /// A container or a component (something that runs code).
    CodeUnit,
    /// Something a view can show: an element or an entity.
    ViewMember,
}

impl Expect {
    /// Words for messages: "a software system".
    pub fn describe(self) -> &'static str {
        match self {
            Self::Element => "a person, software system, container or component",
            Self::Kind(k) => k.article_label(),
            Self::Database => "a database container",
            Self::Channel => "a queue or topic container",
            Self::CodeUnit => "a container or component",
            Self::ViewMember => "an element or entity",
        }
    }
}

/// Why a reference does not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefProblem {
    /// No item has the id.
    Missing,
    /// The id names an item of another kind.
    WrongKind(ItemKind),
}

/// One id field of an item, and what it must point at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference<'a> {
    /// The id of the item holding the reference.
    pub owner: &'a str,
    /// Which field holds it, for messages: "system", "foreign key orders_customer_fk".
    pub field: String,
    pub id: &'a Id,
    pub expect: Expect,
}

fn type_refs<'a>(owner: &'a str, field: String, ty: &'a FieldType, out: &mut Vec<Reference<'a>>) {
    match ty {
        FieldType::Enum(id) => out.push(Reference {
            owner,
            field,
            id,
            expect: Expect::Kind(ItemKind::Enum),
        }),
        FieldType::Array(inner) => type_refs(owner, field, inner, out),
        _ => {}
    }
}

fn body_refs<'a>(owner: &'a str, field: String, body: &'a Body, out: &mut Vec<Reference<'a>>) {
    match body {
        Body::Entity { entity, .. } | Body::List { entity } => out.push(Reference {
            owner,
            field,
            id: entity,
            expect: Expect::Kind(ItemKind::Entity),
        }),
        Body::Fields(fields) => {
            for f in fields {
                type_refs(owner, format!("{field} field {}", f.name), &f.ty, out);
            }
        }
    }
}

/// Every reference an item makes, in the order they appear in the file.
pub fn references(item: super::ItemRef<'_>) -> Vec<Reference<'_>> {
    use super::ItemRef as I;
    let mut out = Vec::new();
    match item {
        I::Person(_) | I::System(_) | I::Enum(_) => {}
        I::Container(c) => out.push(Reference {
            owner: &c.id,
            field: "system".into(),
            id: &c.system,
            expect: Expect::Kind(ItemKind::System),
        }),
        I::Component(c) => out.push(Reference {
            owner: &c.id,
            field: "container".into(),
            id: &c.container,
            expect: Expect::Kind(ItemKind::Container),
        }),
        I::Relationship(r) => {
            out.push(Reference {
                owner: &r.id,
                field: "from".into(),
                id: &r.from,
                expect: Expect::Element,
            });
            out.push(Reference {
                owner: &r.id,
                field: "to".into(),
                id: &r.to,
                expect: Expect::Element,
            });
        }
        I::Entity(e) => {
            out.push(Reference {
                owner: &e.id,
                field: "store".into(),
                id: &e.store,
                expect: Expect::Database,
            });
            for f in &e.fields {
                type_refs(&e.id, format!("field {}", f.name), &f.ty, &mut out);
            }
            for fk in &e.foreign_keys {
                out.push(Reference {
                    owner: &e.id,
                    field: format!("foreign key ({})", fk.columns.join(", ")),
                    id: &fk.references,
                    expect: Expect::Kind(ItemKind::Entity),
                });
            }
        }
        I::Api(a) => {
            out.push(Reference {
                owner: &a.id,
                field: "service".into(),
                id: &a.service,
                expect: Expect::Kind(ItemKind::Container),
            });
            for ep in &a.endpoints {
                let name = &ep.operation_id;
                for p in &ep.parameters {
                    type_refs(
                        &a.id,
                        format!("{name} parameter {}", p.name),
                        &p.ty,
                        &mut out,
                    );
                }
                if let Some(body) = &ep.request {
                    body_refs(&a.id, format!("{name} request"), body, &mut out);
                }
                for r in &ep.responses {
                    if let Some(body) = &r.body {
                        body_refs(
                            &a.id,
                            format!("{name} response {}", r.status),
                            body,
                            &mut out,
                        );
                    }
                }
            }
        }
        I::Event(e) => {
            out.push(Reference {
                owner: &e.id,
                field: "channel".into(),
                id: &e.channel,
                expect: Expect::Channel,
            });
            for f in &e.payload {
                type_refs(&e.id, format!("payload field {}", f.name), &f.ty, &mut out);
            }
            for p in &e.producers {
                out.push(Reference {
                    owner: &e.id,
                    field: "producers".into(),
                    id: p,
                    expect: Expect::CodeUnit,
                });
            }
            for c in &e.consumers {
                out.push(Reference {
                    owner: &e.id,
                    field: "consumers".into(),
                    id: c,
                    expect: Expect::CodeUnit,
                });
            }
        }
        I::View(v) => {
            let (field, expect) = match &v.kind {
                ViewKind::Landscape => ("", Expect::Element),
                ViewKind::SystemContext { .. } | ViewKind::Containers { .. } => {
                    ("kind", Expect::Kind(ItemKind::System))
                }
                ViewKind::Components { .. } => ("kind", Expect::Kind(ItemKind::Container)),
                ViewKind::Entities { .. } => ("kind", Expect::Database),
            };
            if let Some(scope) = v.kind.scope() {
                out.push(Reference {
                    owner: &v.id,
                    field: field.into(),
                    id: scope,
                    expect,
                });
            }
            for id in &v.include {
                out.push(Reference {
                    owner: &v.id,
                    field: "include".into(),
                    id,
                    expect: Expect::ViewMember,
                });
            }
            for id in &v.exclude {
                out.push(Reference {
                    owner: &v.id,
                    field: "exclude".into(),
                    id,
                    expect: Expect::ViewMember,
                });
            }
            for id in v.positions.keys() {
                out.push(Reference {
                    owner: &v.id,
                    field: "positions".into(),
                    id,
                    expect: Expect::ViewMember,
                });
            }
        }
    }
    out
}

/// How an item holds a reference, for [`Item::walk_refs_mut`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// A field the item cannot do without: a container's system, a
    /// relationship's ends, a field's enum, an API body's entity.
    Field,
    /// One entry of a list, which the item can let go of: a foreign key,
    /// a producer or consumer, a view's include, exclude or position.
    Entry,
}

fn walk_type(ty: &mut FieldType, f: &mut dyn FnMut(Hold, &mut Id) -> bool) {
    match ty {
        FieldType::Enum(id) => {
            f(Hold::Field, id);
        }
        FieldType::Array(inner) => walk_type(inner, f),
        _ => {}
    }
}

fn walk_body(body: &mut Body, f: &mut dyn FnMut(Hold, &mut Id) -> bool) {
    match body {
        Body::Entity { entity, .. } | Body::List { entity } => {
            f(Hold::Field, entity);
        }
        Body::Fields(fields) => fields.iter_mut().for_each(|x| walk_type(&mut x.ty, f)),
    }
}

/// Keeps the entries of `list` for which `f` says so, letting `f` change them.
fn walk_entries<T>(
    list: &mut Vec<T>,
    id: impl Fn(&mut T) -> &mut Id,
    f: &mut dyn FnMut(Hold, &mut Id) -> bool,
) {
    list.retain_mut(|x| f(Hold::Entry, id(x)));
}

impl super::Item {
    /// Calls `f` on every id this item refers to, in the order
    /// [`references`] lists them: the one walker over reference fields,
    /// for the delete cascade, paste and id renaming. `f` may change the
    /// id; returning `false` lets go of an [`Hold::Entry`] (the foreign
    /// key, producer, include or position goes); for a [`Hold::Field`] the
    /// answer is ignored.
    pub fn walk_refs_mut(&mut self, f: &mut dyn FnMut(Hold, &mut Id) -> bool) {
        use super::Item as I;
        match self {
            I::Person(_) | I::System(_) | I::Enum(_) => {}
            I::Container(c) => {
                f(Hold::Field, &mut c.system);
            }
            I::Component(c) => {
                f(Hold::Field, &mut c.container);
            }
            I::Relationship(r) => {
                f(Hold::Field, &mut r.from);
                f(Hold::Field, &mut r.to);
            }
            I::Entity(e) => {
                f(Hold::Field, &mut e.store);
                e.fields.iter_mut().for_each(|x| walk_type(&mut x.ty, f));
                walk_entries(&mut e.foreign_keys, |fk| &mut fk.references, f);
            }
            I::Api(a) => {
                f(Hold::Field, &mut a.service);
                for ep in &mut a.endpoints {
                    ep.parameters
                        .iter_mut()
                        .for_each(|p| walk_type(&mut p.ty, f));
                    if let Some(body) = &mut ep.request {
                        walk_body(body, f);
                    }
                    for r in &mut ep.responses {
                        if let Some(body) = &mut r.body {
                            walk_body(body, f);
                        }
                    }
                }
            }
            I::Event(e) => {
                f(Hold::Field, &mut e.channel);
                e.payload.iter_mut().for_each(|x| walk_type(&mut x.ty, f));
                walk_entries(&mut e.producers, |p| p, f);
                walk_entries(&mut e.consumers, |c| c, f);
            }
            I::View(v) => {
                match &mut v.kind {
                    ViewKind::Landscape => {}
                    ViewKind::SystemContext { system: scope }
                    | ViewKind::Containers { system: scope }
                    | ViewKind::Components { container: scope }
                    | ViewKind::Entities { database: scope } => {
                        f(Hold::Field, scope);
                    }
                }
                walk_entries(&mut v.include, |i| i, f);
                walk_entries(&mut v.exclude, |i| i, f);
                let positions = std::mem::take(&mut v.positions);
                for (mut id, p) in positions {
                    if f(Hold::Entry, &mut id) {
                        v.positions.insert(id, p);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod walker_tests {
    use super::*;

    /// The walker and [`references`] list the same ids in the same order,
    /// for every item of the samples and of a generated model: the two
    /// descriptions of the reference fields cannot drift apart.
    #[test]
    fn the_walker_visits_what_references_lists() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut docs: Vec<Document> = ["shop.ron", "saas.ron", "legacy.ron"]
            .iter()
            .map(|f| crate::store::load(&dir.join(f)).expect("sample"))
            .collect();
        docs.push(crate::generate::model(3, 300));
        let mut visited = 0;
        for doc in &docs {
            for item in doc.items() {
                let listed: Vec<&Id> = references(item).into_iter().map(|r| r.id).collect();
                let mut owned = item.to_owned();
                let mut walked: Vec<Id> = Vec::new();
                owned.walk_refs_mut(&mut |_, id| {
                    walked.push(id.clone());
                    true
                });
                assert_eq!(listed, walked.iter().collect::<Vec<_>>(), "{}", item.id());
                assert_eq!(owned, item.to_owned(), "walking changes nothing");
                visited += walked.len();
            }
        }
        assert!(visited > 1000, "the models have references: {visited}");
    }

    #[test]
    fn entries_can_be_let_go_and_ids_changed() {
        use crate::model::{Item, View};
        let mut v = View::new(
            "v",
            ViewKind::Containers {
                system: "app".into(),
            },
        );
        v.include = vec!["a".into(), "b".into()];
        v.positions
            .insert("a".into(), crate::model::Point::new(1.0, 2.0));
        v.positions
            .insert("c".into(), crate::model::Point::new(3.0, 4.0));
        let mut item = Item::View(v);
        item.walk_refs_mut(&mut |hold, id| {
            if id == "app" {
                *id = "shop".into();
            }
            hold == Hold::Field || id != "a"
        });
        let Item::View(v) = item else { unreachable!() };
        assert_eq!(v.kind.scope().map(String::as_str), Some("shop"));
        assert_eq!(v.include, ["b"]);
        assert_eq!(v.positions.keys().collect::<Vec<_>>(), ["c"]);
    }
}
