//! Edits: the only way a document changes.
//!
//! An [`Edit`] is a value. [`Edit::apply`] checks it against the document's
//! invariants — ids well-formed and unique, every reference pointing at an
//! item of the right kind, nothing removed while something refers to it —
//! and, when it holds, changes the document and returns the inverse edit.
//! A rejected edit leaves the document exactly as it was.
//!
//! Removing an element together with everything that depends on it is
//! [`Edit::remove_cascade`], which builds one [`Edit::Batch`] of the removals
//! in a safe order.

use std::collections::BTreeSet;

use thiserror::Error;

use super::index::{Expect, Hold, RefProblem, references};
use super::{
    Api, Component, Container, Document, EnumType, EventType, Id, Person, Point, Relationship,
    SoftwareSystem, View, ViewKind, is_valid_id,
};
use super::{Body, Entity};

/// Which collection an item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Person,
    System,
    Container,
    Component,
    Relationship,
    Enum,
    Entity,
    Api,
    Event,
    View,
}

impl ItemKind {
    /// Every kind, in the order the file lists its collections (parents
    /// before what lives in them; what refers to items after them).
    pub const FILE_ORDER: [ItemKind; 10] = [
        ItemKind::Person,
        ItemKind::System,
        ItemKind::Container,
        ItemKind::Component,
        ItemKind::Relationship,
        ItemKind::Enum,
        ItemKind::Entity,
        ItemKind::Api,
        ItemKind::Event,
        ItemKind::View,
    ];

    /// A person, software system, container or component (a C4 element).
    pub fn is_element(self) -> bool {
        matches!(
            self,
            Self::Person | Self::System | Self::Container | Self::Component
        )
    }

    /// "container", "software system", …
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::System => "software system",
            Self::Container => "container",
            Self::Component => "component",
            Self::Relationship => "relationship",
            Self::Enum => "enum",
            Self::Entity => "entity",
            Self::Api => "API",
            Self::Event => "event type",
            Self::View => "view",
        }
    }

    /// "a container", "an entity", …
    pub fn article_label(self) -> &'static str {
        match self {
            Self::Person => "a person",
            Self::System => "a software system",
            Self::Container => "a container",
            Self::Component => "a component",
            Self::Relationship => "a relationship",
            Self::Enum => "an enum",
            Self::Entity => "an entity",
            Self::Api => "an API",
            Self::Event => "an event type",
            Self::View => "a view",
        }
    }
}

/// One item of any collection, owned. Serializes as `Container((…))`, which
/// is what the clipboard carries between files.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Item {
    Person(Person),
    System(SoftwareSystem),
    Container(Container),
    Component(Component),
    Relationship(Relationship),
    Enum(EnumType),
    Entity(Entity),
    Api(Api),
    Event(EventType),
    View(View),
}

/// One item of any collection, borrowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ItemRef<'a> {
    Person(&'a Person),
    System(&'a SoftwareSystem),
    Container(&'a Container),
    Component(&'a Component),
    Relationship(&'a Relationship),
    Enum(&'a EnumType),
    Entity(&'a Entity),
    Api(&'a Api),
    Event(&'a EventType),
    View(&'a View),
}

/// Calls `$body` with `$x` bound to the inner value of an `Item`/`ItemRef`.
macro_rules! each_item {
    ($item:expr, $x:ident => $body:expr) => {
        match $item {
            Item::Person($x) => $body,
            Item::System($x) => $body,
            Item::Container($x) => $body,
            Item::Component($x) => $body,
            Item::Relationship($x) => $body,
            Item::Enum($x) => $body,
            Item::Entity($x) => $body,
            Item::Api($x) => $body,
            Item::Event($x) => $body,
            Item::View($x) => $body,
        }
    };
}

impl Item {
    pub fn id(&self) -> &Id {
        each_item!(self, x => &x.id)
    }

    /// The item's own id, to change (references to it are not followed).
    pub fn id_mut(&mut self) -> &mut Id {
        each_item!(self, x => &mut x.id)
    }

    /// Sets what [`ItemRef::name`] reads (a relationship's description, a
    /// view's title, every other item's name); whether it changed.
    pub fn set_name(&mut self, text: &str) -> bool {
        let field = match self {
            Self::Relationship(x) => &mut x.description,
            Self::View(x) => &mut x.title,
            Self::Person(x) => &mut x.name,
            Self::System(x) => &mut x.name,
            Self::Container(x) => &mut x.name,
            Self::Component(x) => &mut x.name,
            Self::Enum(x) => &mut x.name,
            Self::Entity(x) => &mut x.name,
            Self::Api(x) => &mut x.name,
            Self::Event(x) => &mut x.name,
        };
        if field == text {
            return false;
        }
        text.clone_into(field);
        true
    }

    pub fn kind(&self) -> ItemKind {
        self.as_ref().kind()
    }

    /// The review findings accepted on the item; none for the kinds that
    /// take no marks (enums, views).
    pub fn accepted_mut(&mut self) -> Option<&mut Vec<super::Accepted>> {
        Some(match self {
            Self::Person(x) => &mut x.accepted,
            Self::System(x) => &mut x.accepted,
            Self::Container(x) => &mut x.accepted,
            Self::Component(x) => &mut x.accepted,
            Self::Relationship(x) => &mut x.accepted,
            Self::Entity(x) => &mut x.accepted,
            Self::Api(x) => &mut x.accepted,
            Self::Event(x) => &mut x.accepted,
            Self::Enum(_) | Self::View(_) => return None,
        })
    }

    pub fn as_ref(&self) -> ItemRef<'_> {
        match self {
            Self::Person(x) => ItemRef::Person(x),
            Self::System(x) => ItemRef::System(x),
            Self::Container(x) => ItemRef::Container(x),
            Self::Component(x) => ItemRef::Component(x),
            Self::Relationship(x) => ItemRef::Relationship(x),
            Self::Enum(x) => ItemRef::Enum(x),
            Self::Entity(x) => ItemRef::Entity(x),
            Self::Api(x) => ItemRef::Api(x),
            Self::Event(x) => ItemRef::Event(x),
            Self::View(x) => ItemRef::View(x),
        }
    }
}

impl<'a> ItemRef<'a> {
    /// What names the item for a person: a relationship's description, a
    /// view's title, every other item's name. May be empty.
    pub fn name(self) -> &'a str {
        match self {
            Self::Relationship(x) => &x.description,
            Self::View(x) => &x.title,
            Self::Person(x) => &x.name,
            Self::System(x) => &x.name,
            Self::Container(x) => &x.name,
            Self::Component(x) => &x.name,
            Self::Enum(x) => &x.name,
            Self::Entity(x) => &x.name,
            Self::Api(x) => &x.name,
            Self::Event(x) => &x.name,
        }
    }

    /// [`Self::name`], or the id where the name is empty: what lists,
    /// badges and the palette show.
    pub fn label(self) -> &'a str {
        let name = self.name();
        if name.is_empty() { self.id() } else { name }
    }

    /// The item's id, without cloning the item.
    pub fn id(self) -> &'a Id {
        match self {
            Self::Person(x) => &x.id,
            Self::System(x) => &x.id,
            Self::Container(x) => &x.id,
            Self::Component(x) => &x.id,
            Self::Relationship(x) => &x.id,
            Self::Enum(x) => &x.id,
            Self::Entity(x) => &x.id,
            Self::Api(x) => &x.id,
            Self::Event(x) => &x.id,
            Self::View(x) => &x.id,
        }
    }

    pub fn kind(self) -> ItemKind {
        match self {
            Self::Person(_) => ItemKind::Person,
            Self::System(_) => ItemKind::System,
            Self::Container(_) => ItemKind::Container,
            Self::Component(_) => ItemKind::Component,
            Self::Relationship(_) => ItemKind::Relationship,
            Self::Enum(_) => ItemKind::Enum,
            Self::Entity(_) => ItemKind::Entity,
            Self::Api(_) => ItemKind::Api,
            Self::Event(_) => ItemKind::Event,
            Self::View(_) => ItemKind::View,
        }
    }

    pub fn to_owned(self) -> Item {
        match self {
            Self::Person(x) => Item::Person(x.clone()),
            Self::System(x) => Item::System(x.clone()),
            Self::Container(x) => Item::Container(x.clone()),
            Self::Component(x) => Item::Component(x.clone()),
            Self::Relationship(x) => Item::Relationship(x.clone()),
            Self::Enum(x) => Item::Enum(x.clone()),
            Self::Entity(x) => Item::Entity(x.clone()),
            Self::Api(x) => Item::Api(x.clone()),
            Self::Event(x) => Item::Event(x.clone()),
            Self::View(x) => Item::View(x.clone()),
        }
    }
}

/// Calls `$body` with `$v` bound to the `Vec` that holds `$item`'s kind and
/// `$x` to `$item`'s inner value.
macro_rules! with_item_collection {
    ($doc:expr, $item:expr, |$v:ident, $x:ident| $body:expr) => {
        match $item {
            Item::Person($x) => {
                let $v = &mut $doc.people;
                $body
            }
            Item::System($x) => {
                let $v = &mut $doc.systems;
                $body
            }
            Item::Container($x) => {
                let $v = &mut $doc.containers;
                $body
            }
            Item::Component($x) => {
                let $v = &mut $doc.components;
                $body
            }
            Item::Relationship($x) => {
                let $v = &mut $doc.relationships;
                $body
            }
            Item::Enum($x) => {
                let $v = &mut $doc.enums;
                $body
            }
            Item::Entity($x) => {
                let $v = &mut $doc.entities;
                $body
            }
            Item::Api($x) => {
                let $v = &mut $doc.apis;
                $body
            }
            Item::Event($x) => {
                let $v = &mut $doc.events;
                $body
            }
            Item::View($x) => {
                let $v = &mut $doc.views;
                $body
            }
        }
    };
}

/// Calls `$body` with `$v` bound to the `Vec` of the collection `$kind` names.
macro_rules! with_collection {
    ($doc:expr, $kind:expr, |$v:ident| $body:expr) => {
        match $kind {
            ItemKind::Person => {
                let $v = &mut $doc.people;
                $body
            }
            ItemKind::System => {
                let $v = &mut $doc.systems;
                $body
            }
            ItemKind::Container => {
                let $v = &mut $doc.containers;
                $body
            }
            ItemKind::Component => {
                let $v = &mut $doc.components;
                $body
            }
            ItemKind::Relationship => {
                let $v = &mut $doc.relationships;
                $body
            }
            ItemKind::Enum => {
                let $v = &mut $doc.enums;
                $body
            }
            ItemKind::Entity => {
                let $v = &mut $doc.entities;
                $body
            }
            ItemKind::Api => {
                let $v = &mut $doc.apis;
                $body
            }
            ItemKind::Event => {
                let $v = &mut $doc.events;
                $body
            }
            ItemKind::View => {
                let $v = &mut $doc.views;
                $body
            }
        }
    };
}

macro_rules! item_from {
    ($($variant:ident($ty:ty)),*) => {$(
        impl From<$ty> for Item {
            fn from(x: $ty) -> Self {
                Item::$variant(x)
            }
        }
    )*};
}
item_from!(
    Person(Person),
    System(SoftwareSystem),
    Container(Container),
    Component(Component),
    Relationship(Relationship),
    Enum(EnumType),
    Entity(Entity),
    Api(Api),
    Event(EventType),
    View(View)
);

impl Document {
    /// Every item of the document, collection by collection, in file order.
    pub fn items(&self) -> impl Iterator<Item = ItemRef<'_>> {
        let d = self;
        d.people
            .iter()
            .map(ItemRef::Person)
            .chain(d.systems.iter().map(ItemRef::System))
            .chain(d.containers.iter().map(ItemRef::Container))
            .chain(d.components.iter().map(ItemRef::Component))
            .chain(d.relationships.iter().map(ItemRef::Relationship))
            .chain(d.enums.iter().map(ItemRef::Enum))
            .chain(d.entities.iter().map(ItemRef::Entity))
            .chain(d.apis.iter().map(ItemRef::Api))
            .chain(d.events.iter().map(ItemRef::Event))
            .chain(d.views.iter().map(ItemRef::View))
    }

    /// The item with this id, by a scan of the document: for many lookups,
    /// build an index with [`Document::index`] and use
    /// [`super::Index::item`].
    pub fn item(&self, id: &str) -> Option<ItemRef<'_>> {
        let (kind, pos) = self.locate(id)?;
        let d = self;
        Some(match kind {
            ItemKind::Person => ItemRef::Person(&d.people[pos]),
            ItemKind::System => ItemRef::System(&d.systems[pos]),
            ItemKind::Container => ItemRef::Container(&d.containers[pos]),
            ItemKind::Component => ItemRef::Component(&d.components[pos]),
            ItemKind::Relationship => ItemRef::Relationship(&d.relationships[pos]),
            ItemKind::Enum => ItemRef::Enum(&d.enums[pos]),
            ItemKind::Entity => ItemRef::Entity(&d.entities[pos]),
            ItemKind::Api => ItemRef::Api(&d.apis[pos]),
            ItemKind::Event => ItemRef::Event(&d.events[pos]),
            ItemKind::View => ItemRef::View(&d.views[pos]),
        })
    }

    /// The kind and place of the item with this id: the last of that id,
    /// as an index resolves a duplicate. A scan compares ids and allocates
    /// nothing; on a 10,000-element model it costs a small part of
    /// building an index.
    fn locate(&self, id: &str) -> Option<(ItemKind, usize)> {
        fn last<T>(v: &[T], id: &str, of: impl Fn(&T) -> &str) -> Option<usize> {
            v.iter().rposition(|x| of(x) == id)
        }
        let d = self;
        last(&d.views, id, |x| &x.id)
            .map(|p| (ItemKind::View, p))
            .or_else(|| last(&d.events, id, |x| &x.id).map(|p| (ItemKind::Event, p)))
            .or_else(|| last(&d.apis, id, |x| &x.id).map(|p| (ItemKind::Api, p)))
            .or_else(|| last(&d.entities, id, |x| &x.id).map(|p| (ItemKind::Entity, p)))
            .or_else(|| last(&d.enums, id, |x| &x.id).map(|p| (ItemKind::Enum, p)))
            .or_else(|| last(&d.relationships, id, |x| &x.id).map(|p| (ItemKind::Relationship, p)))
            .or_else(|| last(&d.components, id, |x| &x.id).map(|p| (ItemKind::Component, p)))
            .or_else(|| last(&d.containers, id, |x| &x.id).map(|p| (ItemKind::Container, p)))
            .or_else(|| last(&d.systems, id, |x| &x.id).map(|p| (ItemKind::System, p)))
            .or_else(|| last(&d.people, id, |x| &x.id).map(|p| (ItemKind::Person, p)))
    }

    /// The number of items in the collection of this kind.
    pub fn collection_len(&mut self, kind: ItemKind) -> usize {
        with_collection!(self, kind, |v| v.len())
    }
}

/// Why an edit was refused. The document is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EditError {
    #[error(
        "“{0}” is not a valid id: use 1–100 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit"
    )]
    InvalidId(String),
    #[error("the id “{0}” is already taken")]
    DuplicateId(Id),
    #[error("nothing has the id “{0}”")]
    NotFound(Id),
    #[error("“{id}” is {actual}, not {expected}")]
    KindChanged {
        id: Id,
        actual: &'static str,
        expected: &'static str,
    },
    #[error("{owner}’s {field} refers to “{target}”, which does not exist")]
    DanglingReference {
        owner: Id,
        field: String,
        target: Id,
    },
    #[error("{owner}’s {field} refers to “{target}”, which is {actual}; it must be {expected}")]
    WrongReference {
        owner: Id,
        field: String,
        target: Id,
        actual: &'static str,
        expected: &'static str,
    },
    #[error("“{id}” cannot be removed: {user} still refers to it")]
    StillReferenced { id: Id, user: String },
    #[error("position {at} is past the end of the {kind} list")]
    OutOfRange { at: usize, kind: &'static str },
    #[error(
        "view “{view}” would place “{element}” at {at}; a position must be two numbers within ±10,000,000"
    )]
    BadPosition { view: Id, element: Id, at: String },
}

/// Refuses a position that is not a usable number ([`Point::is_usable`]).
fn check_position(view: &str, element: &str, p: Point) -> Result<(), EditError> {
    if p.is_usable() {
        Ok(())
    } else {
        Err(EditError::BadPosition {
            view: view.to_owned(),
            element: element.to_owned(),
            at: format!("({}, {})", p.x, p.y),
        })
    }
}

/// Refuses a view holding a position that is not usable.
fn check_positions(item: &Item) -> Result<(), EditError> {
    if let Item::View(v) = item {
        for (id, p) in &v.positions {
            check_position(&v.id, id, *p)?;
        }
    }
    Ok(())
}

/// One change to a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Put a new item at position `at` of its collection (`at` = length appends).
    Insert { at: usize, item: Item },
    /// Take out the item with this id. Refused while anything refers to it;
    /// see [`Edit::remove_cascade`].
    Remove { id: Id },
    /// Put this item in place of the one with the same id and kind.
    Replace { item: Item },
    /// Set the model's name and description.
    SetInfo { name: String, description: String },
    /// Set (`Some`) or clear (`None`) the saved positions of elements in a view.
    Move {
        view: Id,
        positions: Vec<(Id, Option<Point>)>,
    },
    /// Several edits applied in order as one step; all or nothing.
    Batch(Vec<Edit>),
    /// Give the item `from` the id `to`, and every reference to it (view
    /// positions, includes, keys of other items…) the new id too.
    RenameId { from: Id, to: Id },
}

impl Edit {
    /// Appends an item to the end of its collection.
    pub fn add(doc: &Document, item: Item) -> Self {
        let at = match item.kind() {
            ItemKind::Person => doc.people.len(),
            ItemKind::System => doc.systems.len(),
            ItemKind::Container => doc.containers.len(),
            ItemKind::Component => doc.components.len(),
            ItemKind::Relationship => doc.relationships.len(),
            ItemKind::Enum => doc.enums.len(),
            ItemKind::Entity => doc.entities.len(),
            ItemKind::Api => doc.apis.len(),
            ItemKind::Event => doc.events.len(),
            ItemKind::View => doc.views.len(),
        };
        Self::Insert { at, item }
    }

    /// Applies the edit and returns its inverse, or refuses it and leaves
    /// `doc` unchanged.
    pub fn apply(self, doc: &mut Document) -> Result<Edit, EditError> {
        match self {
            Self::Insert { at, item } => insert(doc, at, item),
            Self::Remove { id } => remove(doc, &id),
            Self::Replace { item } => replace(doc, item),
            Self::RenameId { from, to } => rename_id(doc, &from, &to),
            Self::SetInfo { name, description } => {
                let old_name = std::mem::replace(&mut doc.name, name);
                let old_description = std::mem::replace(&mut doc.description, description);
                Ok(Self::SetInfo {
                    name: old_name,
                    description: old_description,
                })
            }
            Self::Move { view, positions } => move_positions(doc, &view, positions),
            Self::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(doc) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(err) => {
                            for inverse in inverses.into_iter().rev() {
                                // Inverses of edits just applied always apply.
                                let _ = inverse.apply(doc);
                            }
                            return Err(err);
                        }
                    }
                }
                inverses.reverse();
                Ok(Self::Batch(inverses))
            }
        }
    }

    /// An edit that removes `id` and everything that depends on it:
    /// components of a container, entities of a database, APIs of a service,
    /// event types of a channel, relationships from or to any of these, views
    /// scoped to them, foreign keys to removed entities; and takes the
    /// removed ids out of views' includes, excludes and positions and out of
    /// event producers and consumers.
    ///
    /// Refuses when a kept item depends on it in a way that cannot be cut
    /// (a field typed with a removed enum, an API body drawing on a removed
    /// entity): the architect decides what to do there.
    pub fn remove_cascade(doc: &Document, id: &str) -> Result<Edit, EditError> {
        if !doc.index().contains(id) {
            return Err(EditError::NotFound(id.to_owned()));
        }
        // 1. Everything that goes: the item, what lives inside it, the
        //    relationships that touch any of that, the views about it.
        let mut gone = super::c4::inside_closure(doc, &BTreeSet::from([id.to_owned()]));
        let touching: Vec<Id> = doc
            .relationships
            .iter()
            .filter(|r| gone.contains(&r.from) || gone.contains(&r.to))
            .map(|r| r.id.clone())
            .collect();
        gone.extend(touching);
        let scoped: Vec<Id> = doc
            .views
            .iter()
            .filter(|v| v.kind.scope().is_some_and(|s| gone.contains(s)))
            .map(|v| v.id.clone())
            .collect();
        gone.extend(scoped);
        // 2. What stays but must let go of them, or refuses.
        let mut edits = Vec::new();
        for item in doc.items() {
            if gone.contains(item.id()) {
                continue;
            }
            let refs = references(item);
            if !refs.iter().any(|r| gone.contains(r.id)) {
                continue;
            }
            let owner = item.to_owned();
            let mut changed = owner.clone();
            changed.walk_refs_mut(&mut |hold, id| hold == Hold::Field || !gone.contains(id));
            if let Some(r) = references(changed.as_ref())
                .into_iter()
                .find(|r| gone.contains(r.id))
            {
                return Err(EditError::StillReferenced {
                    id: r.id.clone(),
                    user: format!("{} “{}” ({})", owner.kind().label(), owner.id(), r.field),
                });
            }
            edits.push(Edit::Replace { item: changed });
        }
        // Entities that go together may refer to each other: cut those keys
        // first, so the removals below can go in any order among entities.
        for e in &doc.entities {
            if gone.contains(&e.id)
                && e.foreign_keys
                    .iter()
                    .any(|fk| fk.references != e.id && gone.contains(&fk.references))
            {
                let mut cut = e.clone();
                cut.foreign_keys
                    .retain(|fk| fk.references == e.id || !gone.contains(&fk.references));
                edits.push(Edit::Replace {
                    item: Item::Entity(cut),
                });
            }
        }
        // 3. Removals, dependants first: relationships, views, events, APIs,
        //    entities, components, containers, then the rest.
        let order = |kind: ItemKind| match kind {
            ItemKind::Relationship => 0,
            ItemKind::View => 1,
            ItemKind::Event => 2,
            ItemKind::Api => 3,
            ItemKind::Entity => 4,
            ItemKind::Component => 5,
            ItemKind::Container => 6,
            _ => 7,
        };
        let index = doc.index();
        let mut removals: Vec<(u8, ItemKind, usize, Id)> = gone
            .iter()
            .filter_map(|g| {
                index
                    .get(g)
                    .map(|r| (order(r.kind), r.kind, r.pos, g.clone()))
            })
            .collect();
        // Later positions first within a collection keeps undo positions exact.
        removals.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.cmp(&a.2)));
        edits.extend(removals.into_iter().map(|(.., id)| Edit::Remove { id }));
        Ok(if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Batch(edits)
        })
    }
}

fn check_references(doc: &Document, item: &Item) -> Result<(), EditError> {
    let refs = references(item.as_ref());
    // A few references are looked up one by one; many, through an index.
    let index = (refs.len() > 8).then(|| doc.index());
    for r in refs {
        let problem = match &index {
            Some(index) => index.violation(&r),
            None => super::index::violation_of(
                r.expect,
                doc.item(r.id).map(|t| {
                    let container = match t {
                        ItemRef::Container(c) => Some(c.kind),
                        _ => None,
                    };
                    (t.kind(), container)
                }),
            ),
        };
        match problem {
            None => {}
            Some(RefProblem::Missing) => {
                return Err(EditError::DanglingReference {
                    owner: r.owner.to_owned(),
                    field: r.field,
                    target: r.id.clone(),
                });
            }
            Some(RefProblem::WrongKind(actual)) => {
                return Err(EditError::WrongReference {
                    owner: r.owner.to_owned(),
                    field: r.field,
                    target: r.id.clone(),
                    actual: actual.article_label(),
                    expected: r.expect.describe(),
                });
            }
        }
    }
    Ok(())
}

/// Whether some item other than `id` itself refers to `id`; names the first.
fn first_user(doc: &Document, id: &str) -> Option<String> {
    doc.items().find_map(|item| {
        if item.id() == id {
            // A self-reference (an FK to its own entity) goes with the item.
            return None;
        }
        references(item)
            .into_iter()
            .find(|r| r.id == id)
            .map(|r| format!("{} “{}” ({})", item.kind().label(), item.id(), r.field))
    })
}

fn insert(doc: &mut Document, at: usize, item: Item) -> Result<Edit, EditError> {
    let id = item.id().clone();
    if !is_valid_id(&id) {
        return Err(EditError::InvalidId(id));
    }
    if doc.index().contains(&id) {
        return Err(EditError::DuplicateId(id));
    }
    check_positions(&item)?;
    let kind = item.kind();
    let len = doc.collection_len(kind);
    if at > len {
        return Err(EditError::OutOfRange {
            at,
            kind: kind.label(),
        });
    }
    // Insert first so that self-references (an FK to its own entity) resolve.
    with_item_collection!(doc, item, |v, x| v.insert(at, x));
    let check = doc.item(&id).map(ItemRef::to_owned);
    if let Some(inserted) = check
        && let Err(err) = check_references(doc, &inserted)
    {
        let _ = remove_unchecked(doc, &id);
        return Err(err);
    }
    Ok(Edit::Remove { id })
}

/// Removes without checking who refers to the item; returns its position and value.
fn remove_unchecked(doc: &mut Document, id: &str) -> Option<(usize, Item)> {
    let r = doc.index().get(id)?;
    Some(with_collection!(doc, r.kind, |v| (
        r.pos,
        Item::from(v.remove(r.pos))
    )))
}

fn remove(doc: &mut Document, id: &str) -> Result<Edit, EditError> {
    if !doc.index().contains(id) {
        return Err(EditError::NotFound(id.to_owned()));
    }
    if let Some(user) = first_user(doc, id) {
        return Err(EditError::StillReferenced {
            id: id.to_owned(),
            user,
        });
    }
    let (at, item) = remove_unchecked(doc, id).ok_or_else(|| EditError::NotFound(id.to_owned()))?;
    Ok(Edit::Insert { at, item })
}

fn replace(doc: &mut Document, item: Item) -> Result<Edit, EditError> {
    let id = item.id().clone();
    let Some((kind, pos)) = doc.locate(&id) else {
        return Err(EditError::NotFound(id));
    };
    if kind != item.kind() {
        return Err(EditError::KindChanged {
            id,
            actual: kind.article_label(),
            expected: item.kind().article_label(),
        });
    }
    check_positions(&item)?;
    let old: Item =
        with_item_collection!(doc, item, |v, x| std::mem::replace(&mut v[pos], x).into());
    let current = doc.item(&id).map(ItemRef::to_owned);
    if let Some(current) = current
        && let Err(err) = check_references(doc, &current)
    {
        let _ = replace_unchecked(doc, old);
        return Err(err);
    }
    Ok(Edit::Replace { item: old })
}

fn rename_id(doc: &mut Document, from: &str, to: &str) -> Result<Edit, EditError> {
    if !is_valid_id(to) {
        return Err(EditError::InvalidId(to.to_owned()));
    }
    let index = doc.index();
    if !index.contains(from) {
        return Err(EditError::NotFound(from.to_owned()));
    }
    if from != to && index.contains(to) {
        return Err(EditError::DuplicateId(to.to_owned()));
    }
    // Every item that is it or refers to it, as it will be.
    let renamed: Vec<Item> = doc
        .items()
        .filter_map(|item| {
            let mut owned = item.to_owned();
            let mut touched = owned.id() == from;
            owned.walk_refs_mut(&mut |_, id| {
                if id == from {
                    to.clone_into(id);
                    touched = true;
                }
                true
            });
            touched.then_some(owned)
        })
        .collect();
    for mut item in renamed {
        if item.id() == from {
            // The item itself: in its place, under its new id.
            if let Some((at, _)) = remove_unchecked(doc, from) {
                to.clone_into(item.id_mut());
                with_item_collection!(doc, item, |v, x| v.insert(at, x));
            }
        } else {
            let _ = replace_unchecked(doc, item);
        }
    }
    Ok(Edit::RenameId {
        from: to.to_owned(),
        to: from.to_owned(),
    })
}

fn replace_unchecked(doc: &mut Document, item: Item) -> Option<()> {
    let (_, pos) = doc.locate(item.id())?;
    with_item_collection!(doc, item, |v, x| v[pos] = x);
    Some(())
}

fn move_positions(
    doc: &mut Document,
    view_id: &str,
    positions: Vec<(Id, Option<Point>)>,
) -> Result<Edit, EditError> {
    let index = doc.index();
    let Some(r) = index.get(view_id) else {
        return Err(EditError::NotFound(view_id.to_owned()));
    };
    if r.kind != super::ItemKind::View {
        return Err(EditError::KindChanged {
            id: view_id.to_owned(),
            actual: r.kind.article_label(),
            expected: "a view",
        });
    }
    for (id, pos) in &positions {
        let Some(pos) = pos else {
            continue;
        };
        check_position(view_id, id, *pos)?;
        let reference = super::index::Reference {
            owner: view_id,
            field: "positions".into(),
            id,
            expect: Expect::ViewMember,
        };
        match index.violation(&reference) {
            None => {}
            Some(RefProblem::Missing) => {
                return Err(EditError::DanglingReference {
                    owner: view_id.to_owned(),
                    field: "positions".into(),
                    target: id.clone(),
                });
            }
            Some(RefProblem::WrongKind(actual)) => {
                return Err(EditError::WrongReference {
                    owner: view_id.to_owned(),
                    field: "positions".into(),
                    target: id.clone(),
                    actual: actual.article_label(),
                    expected: Expect::ViewMember.describe(),
                });
            }
        }
    }
    let view = &mut doc.views[r.pos];
    let mut inverse = Vec::with_capacity(positions.len());
    for (id, pos) in positions {
        let old = match pos {
            Some(p) => view.positions.insert(id.clone(), p),
            None => view.positions.remove(&id),
        };
        inverse.push((id, old));
    }
    inverse.reverse();
    Ok(Edit::Move {
        view: view_id.to_owned(),
        positions: inverse,
    })
}

impl ViewKind {
    /// Whether an item of this kind can appear on such a view.
    pub fn shows(&self, kind: ItemKind) -> bool {
        match self {
            Self::Entities { .. } => kind == ItemKind::Entity,
            _ => kind.is_element(),
        }
    }
}

impl Body {
    /// Whether the body refers to the entity.
    pub fn uses_entity(&self, id: &str) -> bool {
        self.entity().is_some_and(|e| e == id)
    }
}
