//! The C4 facts of a document, in one place: where each element sits in the
//! hierarchy (person or software system ▸ container ▸ component, and the
//! entities a database holds), what lives inside an item, which elements a
//! view shows, how relationships are lifted to the elements a view shows,
//! and how views are titled and nested.
//!
//! The diagrams, the review rules, the clipboard, the delete cascade and the
//! editor's navigation all ask this module, so they cannot disagree.
//!
//! [`Hierarchy`] is built once per document and answers for many views; it
//! borrows the document and makes no copies of it.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use thiserror::Error;

use super::{Container, ContainerKind, Document, Id, Relationship, View, ViewKind};

/// What kind of C4 element (or entity) an id names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Person,
    SoftwareSystem,
    Container(ContainerKind),
    Component,
    /// An entity (table) of a database.
    Entity,
}

impl Kind {
    /// The C4 type word: "Person", "Software System", "Container"…
    pub fn type_name(self) -> &'static str {
        match self {
            Self::Person => "Person",
            Self::SoftwareSystem => "Software System",
            Self::Container(_) => "Container",
            Self::Component => "Component",
            Self::Entity => "Entity",
        }
    }
}

/// Why a view shows nothing: its scope is missing or of the wrong kind.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("view “{view}” is about “{id}”, which is not {expected} in this model")]
pub struct ScopeError {
    pub view: String,
    pub id: String,
    pub expected: &'static str,
}

/// Where an element sits in the C4 hierarchy.
#[derive(Clone, Copy)]
struct Place<'a> {
    kind: Kind,
    parent: Option<&'a str>,
    /// A number of its own among the known ids (0, 1, 2… in the order
    /// first met), so that a view can mark what it shows in a plain list.
    index: usize,
    /// Its position in its collection (the later one of a duplicated id).
    pos: usize,
}

/// One end of a relationship, as the rules for what views imply see it.
#[derive(Clone, Copy)]
struct End<'a> {
    kind: Option<Kind>,
    parent: Option<&'a str>,
    /// The person or software system at the top of its chain.
    top: &'a str,
    /// The software system it is, or belongs to.
    system: Option<&'a str>,
    /// The container it is, or belongs to.
    container: Option<&'a str>,
}

/// Known ids from an element up, each with its [`Place::index`].
type Chain<'a> = Vec<(&'a str, usize)>;

/// The hierarchy of a document, looked up once for many questions.
pub struct Hierarchy<'a> {
    doc: &'a Document,
    // FxHash: looked up for every element of every view; SipHash showed in profiles.
    places: FxHashMap<&'a str, Place<'a>>,
    /// The ids of the external software systems.
    external_systems: FxHashSet<&'a str>,
    /// Where the two ends of each relationship sit, in document order;
    /// worked out once, on first use, for every view that asks.
    ends: OnceLock<Vec<[End<'a>; 2]>>,
    /// The known chain (the element and its ancestors, each with its
    /// [`Place::index`]) of the two ends of each relationship, in document
    /// order: what every view lifts along.
    lift_chains: OnceLock<Vec<[Chain<'a>; 2]>>,
}

/// A relationship lifted to the elements a view shows.
#[derive(Clone, Copy, Debug)]
pub struct Lifted<'a> {
    pub relationship: &'a Relationship,
    /// The shown element standing for the relationship's source.
    pub from: &'a str,
    /// The shown element standing for its target.
    pub to: &'a str,
}

impl Lifted<'_> {
    /// Whether the relationship is drawn between its own elements, not
    /// lifted from elements inside them.
    pub fn is_explicit(&self) -> bool {
        self.relationship.from == self.from && self.relationship.to == self.to
    }
}

impl<'a> Hierarchy<'a> {
    pub fn new(doc: &'a Document) -> Self {
        let mut places: FxHashMap<&str, Place<'_>> = FxHashMap::default();
        // A later element of the same id takes its place (its index stays).
        let mut put = |id: &'a str, kind, parent, pos| {
            let index = places.len();
            let place = places.entry(id).or_insert(Place {
                kind,
                parent,
                index,
                pos,
            });
            place.kind = kind;
            place.parent = parent;
            place.pos = pos;
        };
        for (i, p) in doc.people.iter().enumerate() {
            put(p.id.as_str(), Kind::Person, None, i);
        }
        for (i, s) in doc.systems.iter().enumerate() {
            put(s.id.as_str(), Kind::SoftwareSystem, None, i);
        }
        for (i, c) in doc.containers.iter().enumerate() {
            put(
                c.id.as_str(),
                Kind::Container(c.kind),
                Some(c.system.as_str()),
                i,
            );
        }
        for (i, c) in doc.components.iter().enumerate() {
            put(
                c.id.as_str(),
                Kind::Component,
                Some(c.container.as_str()),
                i,
            );
        }
        for (i, e) in doc.entities.iter().enumerate() {
            let index = places.len();
            places.entry(e.id.as_str()).or_insert(Place {
                kind: Kind::Entity,
                parent: None,
                index,
                pos: i,
            });
        }
        Self {
            doc,
            places,
            external_systems: doc
                .systems
                .iter()
                .filter(|s| s.external)
                .map(|s| s.id.as_str())
                .collect(),
            ends: OnceLock::new(),
            lift_chains: OnceLock::new(),
        }
    }

    /// The document looked up.
    pub fn doc(&self) -> &'a Document {
        self.doc
    }

    /// What kind of element (or entity) the id names.
    pub fn kind(&self, id: &str) -> Option<Kind> {
        self.places.get(id).map(|p| p.kind)
    }

    /// The system of a container, the container of a component.
    pub fn parent(&self, id: &str) -> Option<&'a str> {
        self.places.get(id).and_then(|p| p.parent)
    }

    /// The element itself and its ancestors, nearest first (at most 4 ids,
    /// so a broken model with a cycle of parents still ends).
    pub fn chain(&self, id: &'a str) -> impl Iterator<Item = &'a str> + '_ {
        let mut next = Some(id);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let current = next?;
            steps += 1;
            next = if steps < 4 {
                self.parent(current)
            } else {
                None
            };
            Some(current)
        })
    }

    /// The ancestors of an element, nearest first.
    pub fn ancestors(&self, id: &'a str) -> impl Iterator<Item = &'a str> + '_ {
        self.chain(id).skip(1)
    }

    /// The person or software system at the top of the chain.
    pub fn top(&self, id: &'a str) -> &'a str {
        self.chain(id).last().unwrap_or(id)
    }

    /// The software system a container or component belongs to (a system
    /// is its own).
    pub fn system_of(&self, id: &'a str) -> Option<&'a str> {
        self.chain(id)
            .find(|x| self.kind(x) == Some(Kind::SoftwareSystem))
    }

    /// The container a container or component is, or belongs to.
    pub fn container_of(&self, id: &'a str) -> Option<&'a str> {
        self.chain(id)
            .find(|x| matches!(self.kind(x), Some(Kind::Container(_))))
    }

    /// The container an element counts for, as data: itself, or a
    /// component's container; `None` for people and software systems.
    pub fn container_item(&self, id: &'a str) -> Option<&'a Container> {
        let c = self.container_of(id)?;
        self.doc.containers.get(self.places.get(c)?.pos)
    }

    /// Whether the element is an external system or lies inside one.
    pub fn in_external(&self, id: &str) -> bool {
        let mut current = Some(id);
        for _ in 0..4 {
            let Some(c) = current else { break };
            if self.external_systems.contains(c) {
                return true;
            }
            current = self.parent(c);
        }
        false
    }

    /// Where the ends of every relationship sit.
    fn ends(&self) -> &[[End<'a>; 2]] {
        self.ends.get_or_init(|| {
            let end = |id: &'a str| End {
                kind: self.kind(id),
                parent: self.parent(id),
                top: self.top(id),
                system: self.system_of(id),
                container: self.container_of(id),
            };
            self.doc
                .relationships
                .iter()
                .map(|r| [end(&r.from), end(&r.to)])
                .collect()
        })
    }

    /// The ends of every relationship with their ancestors, as far as
    /// they are known elements (at most four steps up).
    fn lift_chains(&self) -> &[[Chain<'a>; 2]] {
        self.lift_chains.get_or_init(|| {
            let known = |id: &'a str| -> Chain<'a> {
                self.chain(id)
                    .map_while(|x| self.places.get(x).map(|p| (x, p.index)))
                    .collect()
            };
            self.doc
                .relationships
                .iter()
                .map(|r| [known(&r.from), known(&r.to)])
                .collect()
        })
    }

    /// The ids a view shows as nodes (the scope drawn as a boundary is not
    /// among them): what its kind implies, less its excludes, plus its
    /// includes. Fails when the view's scope is missing or of the wrong kind.
    pub fn shown(&self, view: &'a View) -> Result<FxHashSet<&'a str>, ScopeError> {
        let doc = self.doc;
        let mut implied: FxHashSet<&str> = FxHashSet::default();
        // The element drawn as a boundary rather than a node, if any.
        let mut scope_boundary: Option<&str> = None;
        match &view.kind {
            ViewKind::Landscape => {
                implied.extend(doc.people.iter().map(|p| p.id.as_str()));
                implied.extend(doc.systems.iter().map(|s| s.id.as_str()));
            }
            ViewKind::SystemContext { system } => {
                if self.kind(system) != Some(Kind::SoftwareSystem) {
                    return Err(scope_error(view, system, "a software system"));
                }
                implied.insert(system.as_str());
                for [from, to] in self.ends() {
                    let (a, b) = (from.top, to.top);
                    if a == system && b != system {
                        implied.insert(b);
                    } else if b == system && a != system {
                        implied.insert(a);
                    }
                }
            }
            ViewKind::Containers { system } => {
                if self.kind(system) != Some(Kind::SoftwareSystem) {
                    return Err(scope_error(view, system, "a software system"));
                }
                scope_boundary = Some(system.as_str());
                implied.extend(
                    doc.containers
                        .iter()
                        .filter(|c| c.system == *system)
                        .map(|c| c.id.as_str()),
                );
                let inside = |x: &End<'_>| x.system == Some(system.as_str());
                for [from, to] in self.ends() {
                    let (from_in, to_in) = (inside(from), inside(to));
                    if from_in && from.container.is_some() && !to_in {
                        implied.insert(to.top);
                    } else if to_in && to.container.is_some() && !from_in {
                        implied.insert(from.top);
                    }
                }
            }
            ViewKind::Components { container } => {
                if !matches!(self.kind(container), Some(Kind::Container(_))) {
                    return Err(scope_error(view, container, "a container"));
                }
                scope_boundary = Some(container.as_str());
                let system = self.system_of(container);
                implied.extend(
                    doc.components
                        .iter()
                        .filter(|c| c.container == *container)
                        .map(|c| c.id.as_str()),
                );
                // Other elements at the level they are seen from the container:
                // sibling containers, else people and systems.
                let level = |x: &End<'a>| -> Option<&'a str> {
                    if x.container == Some(container.as_str()) {
                        return None;
                    }
                    if system.is_some() && x.system == system {
                        return x.container;
                    }
                    Some(x.top)
                };
                let is_component = |x: &End<'_>| {
                    x.kind == Some(Kind::Component) && x.parent == Some(container.as_str())
                };
                for [from, to] in self.ends() {
                    if is_component(from) {
                        implied.extend(level(to));
                    } else if is_component(to) {
                        implied.extend(level(from));
                    }
                }
            }
            ViewKind::Entities { database } => {
                if !matches!(
                    self.kind(database),
                    Some(Kind::Container(ContainerKind::Database))
                ) {
                    return Err(scope_error(view, database, "a database container"));
                }
                implied.extend(
                    doc.entities
                        .iter()
                        .filter(|e| e.store == *database)
                        .map(|e| e.id.as_str()),
                );
            }
        }
        for id in &view.exclude {
            implied.remove(id.as_str());
        }
        for id in &view.include {
            if self.kind(id).is_some() {
                implied.insert(id.as_str());
            }
        }
        if let Some(scope) = scope_boundary {
            implied.remove(scope);
        }
        Ok(implied)
    }

    /// The boundary a shown node is drawn in on a view of this kind: on a
    /// containers view a container's system, on a components view a
    /// component's container, when that parent is not shown as a node
    /// itself and is a system or container.
    pub fn boundary_of(
        &self,
        view: &ViewKind,
        id: &str,
        shown: &FxHashSet<&str>,
    ) -> Option<&'a str> {
        let kind = self.kind(id)?;
        let grouped = match view {
            ViewKind::Containers { .. } => matches!(kind, Kind::Container(_)),
            ViewKind::Components { .. } => kind == Kind::Component,
            _ => false,
        };
        if !grouped {
            return None;
        }
        let parent = self.parent(id)?;
        (!shown.contains(parent)
            && matches!(
                self.kind(parent),
                Some(Kind::SoftwareSystem | Kind::Container(_))
            ))
        .then_some(parent)
    }

    /// Every relationship lifted to the elements `shown`: each end becomes
    /// the element itself or its nearest ancestor that is shown (known
    /// elements only, at most four steps up). Relationships with an end
    /// that is not shown, or whose ends lift to one element, are left out.
    /// In document order.
    pub fn lifted<'s>(&'s self, shown: &FxHashSet<&str>) -> impl Iterator<Item = Lifted<'a>> + 's {
        // What the view shows, marked by index: a look-up per step of every
        // relationship's chains, cheaper in a list than in a hash set.
        let mut marked = vec![false; self.places.len()];
        for id in shown {
            if let Some(p) = self.places.get(id) {
                marked[p.index] = true;
            }
        }
        let lift = move |chain: &[(&'a str, usize)]| {
            chain
                .iter()
                .find(|&&(_, i)| marked.get(i).copied().unwrap_or(false))
                .map(|&(x, _)| x)
        };
        self.doc
            .relationships
            .iter()
            .zip(self.lift_chains())
            .filter_map(move |(relationship, [from, to])| {
                let (from, to) = (lift(from)?, lift(to)?);
                (from != to).then_some(Lifted {
                    relationship,
                    from,
                    to,
                })
            })
    }

    /// The relationships a view with `shown` draws, lifted: between two
    /// shown elements, the explicit relationships between them when there
    /// are any (as Structurizr does: the architect said what that line
    /// means), else every relationship lifted onto that pair. In document
    /// order.
    pub fn drawn(&self, shown: &FxHashSet<&str>) -> Vec<Lifted<'a>> {
        let lifted: Vec<Lifted<'a>> = self.lifted(shown).collect();
        let explicit: FxHashSet<(&str, &str)> = lifted
            .iter()
            .filter(|l| l.is_explicit())
            .map(|l| (l.from, l.to))
            .collect();
        if explicit.is_empty() {
            return lifted;
        }
        lifted
            .into_iter()
            .filter(|l| l.is_explicit() || !explicit.contains(&(l.from, l.to)))
            .collect()
    }

    /// Every element that some view shows, as a node or as a boundary. A
    /// view whose scope is broken shows nothing.
    pub fn shown_in_views(&self) -> FxHashSet<&'a str> {
        let mut all = FxHashSet::default();
        for view in &self.doc.views {
            let Ok(shown) = self.shown(view) else {
                continue;
            };
            for &id in &shown {
                if self.kind(id).is_none() {
                    continue;
                }
                all.insert(id);
                all.extend(self.boundary_of(&view.kind, id, &shown));
            }
        }
        all
    }
}

fn scope_error(view: &View, id: &str, expected: &'static str) -> ScopeError {
    ScopeError {
        view: view.id.clone(),
        id: id.to_owned(),
        expected,
    }
}

/// `roots` and everything that lives inside them, at any depth: a system's
/// containers, a container's components, APIs and events (the APIs a
/// service offers, the events a queue or topic carries), a database's
/// entities.
pub fn inside_closure(doc: &Document, roots: &BTreeSet<Id>) -> BTreeSet<Id> {
    let mut ids = roots.clone();
    loop {
        let before = ids.len();
        let children = doc
            .containers
            .iter()
            .map(|c| (&c.system, &c.id))
            .chain(doc.components.iter().map(|c| (&c.container, &c.id)))
            .chain(doc.entities.iter().map(|e| (&e.store, &e.id)))
            .chain(doc.apis.iter().map(|a| (&a.service, &a.id)))
            .chain(doc.events.iter().map(|e| (&e.channel, &e.id)));
        let mut new = Vec::new();
        for (parent, child) in children {
            if ids.contains(parent) && !ids.contains(child) {
                new.push(child.clone());
            }
        }
        ids.extend(new);
        if ids.len() == before {
            return ids;
        }
    }
}

/// The title of a view: its own, or "Container diagram for Shop" from its
/// kind and the name of its scope (the model's name for a landscape).
pub fn view_title(doc: &Document, view: &View) -> String {
    if !view.title.trim().is_empty() {
        return view.title.trim().to_owned();
    }
    let scope_name = match view.kind.scope() {
        None => Some(doc.name.as_str()),
        Some(id) => doc
            .systems
            .iter()
            .find(|s| s.id == *id)
            .map(|s| s.name.as_str())
            .or_else(|| doc.container(id).map(|c| c.name.as_str())),
    };
    match scope_name {
        Some(name) if !name.trim().is_empty() => {
            format!("{} for {}", view.kind.diagram_type(), name.trim())
        }
        _ => view.kind.diagram_type().to_owned(),
    }
}

/// A short title for breadcrumbs: the view's own title, else its scope's
/// name and what it shows ("Shop containers", "Order database entities").
pub fn view_short_title(doc: &Document, view: &View) -> String {
    if !view.title.trim().is_empty() {
        return view.title.trim().to_owned();
    }
    let name = |id: &str| {
        doc.systems
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.trim())
            .or_else(|| doc.container(id).map(|c| c.name.trim()))
            .filter(|n| !n.is_empty())
            .unwrap_or(id)
            .to_owned()
    };
    match &view.kind {
        ViewKind::Landscape => "Landscape".to_owned(),
        ViewKind::SystemContext { system } => format!("{} context", name(system)),
        ViewKind::Containers { system } => format!("{} containers", name(system)),
        ViewKind::Components { container } => format!("{} components", name(container)),
        ViewKind::Entities { database } => format!("{} entities", name(database)),
    }
}

/// [`view_title`] of the view with this id; the id itself when there is no
/// such view.
pub fn view_title_of(doc: &Document, view: &str) -> String {
    doc.view(view)
        .map_or_else(|| view.to_owned(), |v| view_title(doc, v))
}

/// The view a model opens on: its first containers view, else its first view.
pub fn default_view(doc: &Document) -> Option<&Id> {
    doc.views
        .iter()
        .find(|v| matches!(v.kind, ViewKind::Containers { .. }))
        .or_else(|| doc.views.first())
        .map(|v| &v.id)
}

/// The view one level up: components or entities → containers (else the
/// system context) → system context (else the landscape) → landscape.
pub fn parent_view<'d>(doc: &'d Document, view: &str) -> Option<&'d Id> {
    let v = doc.view(view)?;
    let wanted: Vec<ViewKind> = match &v.kind {
        ViewKind::Components { container }
        | ViewKind::Entities {
            database: container,
        } => {
            let system = doc.container(container)?.system.clone();
            vec![
                ViewKind::Containers {
                    system: system.clone(),
                },
                ViewKind::SystemContext { system },
            ]
        }
        ViewKind::Containers { system } => vec![
            ViewKind::SystemContext {
                system: system.clone(),
            },
            ViewKind::Landscape,
        ],
        ViewKind::SystemContext { .. } => vec![ViewKind::Landscape],
        ViewKind::Landscape => vec![],
    };
    wanted
        .iter()
        .find_map(|k| doc.views.iter().find(|v| v.kind == *k))
        .map(|v| &v.id)
}

/// The chain of views from the top down to `view`, for breadcrumbs.
pub fn breadcrumbs(doc: &Document, view: &str) -> Vec<Id> {
    let mut chain = vec![view.to_owned()];
    let mut current = view.to_owned();
    while let Some(up) = parent_view(doc, &current) {
        if chain.contains(up) {
            break;
        }
        chain.push(up.clone());
        current = up.clone();
    }
    chain.reverse();
    chain
}

/// The small landscape the C4 tests of several modules start from: a user, the
/// system `app` with the containers `web` and `db`, and the external system `pay`.
#[cfg(test)]
pub(crate) fn fixture() -> Document {
    use crate::model::{Person, SoftwareSystem};
    let mut d = Document::new("Shop");
    d.people.push(Person::new("user", "User"));
    d.systems.push(SoftwareSystem::new("app", "App"));
    let mut ext = SoftwareSystem::new("pay", "Pay");
    ext.external = true;
    d.systems.push(ext);
    d.containers
        .push(Container::new("web", "app", "Web", ContainerKind::WebApp));
    d.containers
        .push(Container::new("db", "app", "DB", ContainerKind::Database));
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Api, Component, EventType};

    fn doc() -> Document {
        let mut d = fixture();
        d.containers
            .push(Container::new("bus", "app", "Bus", ContainerKind::Topic));
        d.containers.push(Container::new(
            "gw",
            "pay",
            "Gateway",
            ContainerKind::Service,
        ));
        d.components
            .push(Component::new("ctl", "web", "Controller"));
        d.apis.push(Api::new("web-api", "web", "Web API"));
        d.events
            .push(EventType::new("placed", "bus", "OrderPlaced"));
        d.relationships.push(Relationship::new("r1", "ctl", "gw"));
        d
    }

    #[test]
    fn the_hierarchy_walks_up_to_the_top() {
        let d = doc();
        let h = Hierarchy::new(&d);
        assert_eq!(h.chain("ctl").collect::<Vec<_>>(), ["ctl", "web", "app"]);
        assert_eq!(h.ancestors("ctl").collect::<Vec<_>>(), ["web", "app"]);
        assert_eq!(h.top("ctl"), "app");
        assert_eq!(h.system_of("ctl"), Some("app"));
        assert_eq!(h.container_of("ctl"), Some("web"));
        assert_eq!(h.container_of("app"), None);
        assert_eq!(
            h.container_item("ctl").map(|c| c.name.as_str()),
            Some("Web")
        );
        assert!(h.in_external("gw"));
        assert!(!h.in_external("ctl"));
        assert_eq!(h.kind("user"), Some(Kind::Person));
        assert_eq!(h.kind("nope"), None);
    }

    #[test]
    fn relationships_lift_to_the_nearest_shown_ancestor() {
        let d = doc();
        let h = Hierarchy::new(&d);
        let shown: FxHashSet<&str> = ["web", "pay"].into_iter().collect();
        let lifted: Vec<(&str, &str)> = h.lifted(&shown).map(|l| (l.from, l.to)).collect();
        assert_eq!(lifted, [("web", "pay")]);
        let shown: FxHashSet<&str> = ["app"].into_iter().collect();
        assert_eq!(h.lifted(&shown).count(), 0, "both ends lift to one element");
    }

    #[test]
    fn what_lives_inside_comes_along() {
        let d = doc();
        let roots: BTreeSet<Id> = ["app".to_owned()].into();
        let inside = inside_closure(&d, &roots);
        let want: BTreeSet<Id> = ["app", "web", "db", "bus", "ctl", "web-api", "placed"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(inside, want);
    }

    #[test]
    fn views_are_titled_and_nested() {
        let mut d = doc();
        d.views.push(View::new("landscape", ViewKind::Landscape));
        d.views.push(View::new(
            "app-containers",
            ViewKind::Containers {
                system: "app".into(),
            },
        ));
        d.views.push(View::new(
            "web-components",
            ViewKind::Components {
                container: "web".into(),
            },
        ));
        assert_eq!(
            view_title(&d, &d.views[0]),
            "System landscape diagram for Shop"
        );
        assert_eq!(view_title(&d, &d.views[1]), "Container diagram for App");
        assert_eq!(default_view(&d).map(String::as_str), Some("app-containers"));
        assert_eq!(
            parent_view(&d, "web-components").map(String::as_str),
            Some("app-containers")
        );
        assert_eq!(
            breadcrumbs(&d, "web-components"),
            ["landscape", "app-containers", "web-components"]
        );
        let mut titled = d.views[2].clone();
        titled.title = "  Inside the web app ".into();
        assert_eq!(view_title(&d, &titled), "Inside the web app");
    }
}
