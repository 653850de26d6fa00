//! What a view shows: its nodes, its edges (relationships lifted to the
//! elements shown and merged per pair) and its boundaries. Owned data with
//! no geometry, so it can travel to a layout thread.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{ContainerKind, Document, Id, Interaction, View, ViewKind};

use super::DiagramError;

/// What kind of thing a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    Person,
    SoftwareSystem,
    Container(ContainerKind),
    Component,
    /// An entity (table) of a database, drawn as a table of its fields.
    Entity,
}

impl NodeKind {
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

/// One field of an entity node, as an ER table row shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRow {
    pub name: String,
    /// The logical type, e.g. `varchar(320)`.
    pub ty: String,
    pub primary_key: bool,
    pub foreign_key: bool,
    pub unique: bool,
    pub nullable: bool,
}

/// One element (or entity) a view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentNode {
    pub id: Id,
    pub kind: NodeKind,
    /// Outside the organisation (people), bought in (systems), or part of
    /// such a system (its containers and components).
    pub external: bool,
    pub name: String,
    pub technology: String,
    pub description: String,
    /// The fields, for entities; empty otherwise.
    pub fields: Vec<FieldRow>,
}

/// A foreign key shown by an edge: the entity holding it and its position
/// in that entity's list of foreign keys.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ForeignKeyRef {
    pub entity: Id,
    pub index: usize,
}

/// One arrow: every relationship (or foreign key) from `from` to `to` once
/// lifted to the elements the view shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentEdge {
    pub from: Id,
    pub to: Id,
    /// The relationships it stands for, in document order.
    pub relationships: Vec<Id>,
    /// The foreign keys it stands for (entity views).
    pub foreign_keys: Vec<ForeignKeyRef>,
    /// The distinct descriptions, summarised ("a; b; and 2 more").
    pub description: String,
    /// The distinct technologies, joined with ", ".
    pub technology: String,
    /// Sync if any relationship it stands for is sync.
    pub interaction: Interaction,
}

/// What a boundary stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoundaryKind {
    SoftwareSystem,
    Container,
}

/// A dashed boundary around the containers of a system or the components of
/// a container.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentBoundary {
    /// The id of the system or container.
    pub id: Id,
    pub kind: BoundaryKind,
    pub name: String,
    pub external: bool,
    /// The nodes inside, in the order of [`ViewContents::nodes`].
    pub members: Vec<Id>,
}

/// Everything a view shows, without geometry.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewContents {
    pub view_id: Id,
    pub kind: ViewKind,
    /// Nodes in document order: people, systems, containers, components, entities.
    pub nodes: Vec<ContentNode>,
    pub edges: Vec<ContentEdge>,
    pub boundaries: Vec<ContentBoundary>,
}

/// Where an element sits in the C4 hierarchy.
#[derive(Clone, Copy)]
struct Place<'a> {
    kind: NodeKind,
    parent: Option<&'a str>,
    /// A number of its own among the known ids (0, 1, 2… in the order
    /// first met), so that a view can mark what it shows in a plain list.
    index: usize,
}

struct Lookup<'a> {
    doc: &'a Document,
    // FxHash: looked up for every element of every view; SipHash showed in profiles.
    places: FxHashMap<&'a str, Place<'a>>,
    /// The ids of the external software systems.
    external_systems: FxHashSet<&'a str>,
    /// Where the two ends of each relationship sit, in document order;
    /// worked out once, on first use, for every view that asks.
    ends: std::sync::OnceLock<Vec<[End<'a>; 2]>>,
    /// The known chain (the element and its ancestors, each with its
    /// [`Place::index`]) of the two ends of each relationship, in document
    /// order: what every view lifts along.
    lift_chains: std::sync::OnceLock<Vec<[Chain<'a>; 2]>>,
}

/// Known ids from an element up, each with its [`Place::index`].
type Chain<'a> = Vec<(&'a str, usize)>;

/// One end of a relationship, as the rules for what views imply see it.
#[derive(Clone, Copy)]
struct End<'a> {
    kind: Option<NodeKind>,
    parent: Option<&'a str>,
    /// The person or software system at the top of its chain.
    top: &'a str,
    /// The software system it is, or belongs to.
    system: Option<&'a str>,
    /// The container it is, or belongs to.
    container: Option<&'a str>,
}

impl<'a> Lookup<'a> {
    fn new(doc: &'a Document) -> Self {
        let mut places: FxHashMap<&str, Place<'_>> = FxHashMap::default();
        // A later element of the same id takes its place (its index stays).
        let mut put = |id: &'a str, kind, parent| {
            let index = places.len();
            let place = places.entry(id).or_insert(Place {
                kind,
                parent,
                index,
            });
            place.kind = kind;
            place.parent = parent;
        };
        for p in &doc.people {
            put(p.id.as_str(), NodeKind::Person, None);
        }
        for s in &doc.systems {
            put(s.id.as_str(), NodeKind::SoftwareSystem, None);
        }
        for c in &doc.containers {
            put(
                c.id.as_str(),
                NodeKind::Container(c.kind),
                Some(c.system.as_str()),
            );
        }
        for c in &doc.components {
            put(
                c.id.as_str(),
                NodeKind::Component,
                Some(c.container.as_str()),
            );
        }
        for e in &doc.entities {
            let index = places.len();
            places.entry(e.id.as_str()).or_insert(Place {
                kind: NodeKind::Entity,
                parent: None,
                index,
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
            ends: std::sync::OnceLock::new(),
            lift_chains: std::sync::OnceLock::new(),
        }
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

    fn kind(&self, id: &str) -> Option<NodeKind> {
        self.places.get(id).map(|p| p.kind)
    }

    fn parent(&self, id: &str) -> Option<&'a str> {
        self.places.get(id).and_then(|p| p.parent)
    }

    /// The element itself and its ancestors, nearest first (at most 3).
    fn chain(&self, id: &'a str) -> impl Iterator<Item = &'a str> + '_ {
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

    /// The person or software system at the top of the chain.
    fn top(&self, id: &'a str) -> &'a str {
        self.chain(id).last().unwrap_or(id)
    }

    /// The software system a container or component belongs to.
    fn system_of(&self, id: &'a str) -> Option<&'a str> {
        self.chain(id)
            .find(|x| self.kind(x) == Some(NodeKind::SoftwareSystem))
    }

    /// The container a container or component is, or belongs to.
    fn container_of(&self, id: &'a str) -> Option<&'a str> {
        self.chain(id)
            .find(|x| matches!(self.kind(x), Some(NodeKind::Container(_))))
    }
}

fn scope_error(view: &View, id: &str, expected: &'static str) -> DiagramError {
    DiagramError::BadScope {
        view: view.id.clone(),
        id: id.to_owned(),
        expected,
    }
}

impl ViewContents {
    /// What `view` shows of `doc`. Pure; fails only when the view's scope is
    /// missing or of the wrong kind.
    pub fn of<'a>(doc: &'a Document, view: &'a View) -> Result<Self, DiagramError> {
        ContentsLookup::new(doc).contents(view)
    }
}

/// The document looked up once for the contents of many of its views:
/// [`ViewContents::of`] for each view, without redoing the work every view
/// shares (where each element sits, where each relationship's ends sit).
pub struct ContentsLookup<'a> {
    lookup: Lookup<'a>,
}

impl<'a> ContentsLookup<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self {
            lookup: Lookup::new(doc),
        }
    }

    /// The document looked up.
    pub fn doc(&self) -> &'a Document {
        self.lookup.doc
    }

    /// What `view` shows: the same as [`ViewContents::of`].
    pub fn contents(&self, view: &'a View) -> Result<ViewContents, DiagramError> {
        let (doc, lookup) = (self.lookup.doc, &self.lookup);
        let shown = shown_set(doc, lookup, view)?;
        let nodes = collect_nodes(doc, lookup, &shown);
        let mut edges = lift_relationships(doc, lookup, &shown);
        edges.extend(foreign_key_edges(doc, &shown));
        let boundaries = group_boundaries(doc, &view.kind, lookup, &nodes, &shown);
        Ok(ViewContents {
            view_id: view.id.clone(),
            kind: view.kind.clone(),
            nodes,
            edges,
            boundaries,
        })
    }
}

/// Every element that some view of `doc` shows, as a node or as a
/// boundary: the ids of the nodes and boundaries [`ViewContents::of`] gives
/// each view, found by the same rules without building any view's
/// contents (one lookup for all views, no edges). A view whose scope is
/// broken shows nothing.
pub fn shown_in_views(doc: &Document) -> FxHashSet<&str> {
    let lookup = Lookup::new(doc);
    let mut all = FxHashSet::default();
    for view in &doc.views {
        let Ok(shown) = shown_set(doc, &lookup, view) else {
            continue;
        };
        let grouped = |k: NodeKind| match view.kind {
            ViewKind::Containers { .. } => matches!(k, NodeKind::Container(_)),
            ViewKind::Components { .. } => k == NodeKind::Component,
            _ => false,
        };
        for &id in &shown {
            let Some(kind) = lookup.kind(id) else {
                continue;
            };
            all.insert(id);
            // A grouped node's parent, when not shown itself, is its boundary.
            if grouped(kind)
                && let Some(parent) = lookup.parent(id)
                && !shown.contains(parent)
                && matches!(
                    lookup.kind(parent),
                    Some(NodeKind::SoftwareSystem | NodeKind::Container(_))
                )
            {
                all.insert(parent);
            }
        }
    }
    all
}

/// The ids a view shows (as nodes: the scope drawn as a boundary is not
/// among them): what its kind implies, less its excludes, plus its includes.
/// Fails when the view's scope is missing or of the wrong kind.
fn shown_set<'a>(
    doc: &'a Document,
    lookup: &Lookup<'a>,
    view: &'a View,
) -> Result<FxHashSet<&'a str>, DiagramError> {
    let mut implied: FxHashSet<&str> = FxHashSet::default();
    // The element drawn as a boundary rather than a node, if any.
    let mut scope_boundary: Option<&str> = None;
    match &view.kind {
        ViewKind::Landscape => {
            implied.extend(doc.people.iter().map(|p| p.id.as_str()));
            implied.extend(doc.systems.iter().map(|s| s.id.as_str()));
        }
        ViewKind::SystemContext { system } => {
            if lookup.kind(system) != Some(NodeKind::SoftwareSystem) {
                return Err(scope_error(view, system, "a software system"));
            }
            implied.insert(system.as_str());
            for [from, to] in lookup.ends() {
                let (a, b) = (from.top, to.top);
                if a == system && b != system {
                    implied.insert(b);
                } else if b == system && a != system {
                    implied.insert(a);
                }
            }
        }
        ViewKind::Containers { system } => {
            if lookup.kind(system) != Some(NodeKind::SoftwareSystem) {
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
            for [from, to] in lookup.ends() {
                let (from_in, to_in) = (inside(from), inside(to));
                if from_in && from.container.is_some() && !to_in {
                    implied.insert(to.top);
                } else if to_in && to.container.is_some() && !from_in {
                    implied.insert(from.top);
                }
            }
        }
        ViewKind::Components { container } => {
            if !matches!(lookup.kind(container), Some(NodeKind::Container(_))) {
                return Err(scope_error(view, container, "a container"));
            }
            scope_boundary = Some(container.as_str());
            let system = lookup.system_of(container);
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
                x.kind == Some(NodeKind::Component) && x.parent == Some(container.as_str())
            };
            for [from, to] in lookup.ends() {
                if is_component(from) {
                    implied.extend(level(to));
                } else if is_component(to) {
                    implied.extend(level(from));
                }
            }
        }
        ViewKind::Entities { database } => {
            if !matches!(
                lookup.kind(database),
                Some(NodeKind::Container(ContainerKind::Database))
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
        if lookup.kind(id).is_some() {
            implied.insert(id.as_str());
        }
    }
    if let Some(scope) = scope_boundary {
        implied.remove(scope);
    }
    Ok(implied)
}

impl ViewContents {
    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&ContentNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The boundary a node lies in, if any.
    pub fn boundary_of(&self, id: &str) -> Option<&ContentBoundary> {
        self.boundaries
            .iter()
            .find(|b| b.members.iter().any(|m| m == id))
    }
}

fn collect_nodes(doc: &Document, lookup: &Lookup<'_>, shown: &FxHashSet<&str>) -> Vec<ContentNode> {
    let in_external = |id: &str| lookup.chain_external(id);
    let mut nodes = Vec::new();
    // `external` is asked only of the nodes shown: most elements are not.
    let mut add = |id: &str,
                   kind,
                   external: &dyn Fn() -> bool,
                   name: &str,
                   technology: &str,
                   description: &str| {
        if shown.contains(id) {
            nodes.push(ContentNode {
                id: id.to_owned(),
                kind,
                external: external(),
                name: name.to_owned(),
                technology: technology.to_owned(),
                description: description.to_owned(),
                fields: Vec::new(),
            });
        }
    };
    for p in &doc.people {
        add(
            &p.id,
            NodeKind::Person,
            &|| p.external,
            &p.name,
            "",
            &p.description,
        );
    }
    for s in &doc.systems {
        add(
            &s.id,
            NodeKind::SoftwareSystem,
            &|| s.external,
            &s.name,
            "",
            &s.description,
        );
    }
    for c in &doc.containers {
        add(
            &c.id,
            NodeKind::Container(c.kind),
            &|| in_external(&c.id),
            &c.name,
            &c.technology,
            &c.description,
        );
    }
    for c in &doc.components {
        add(
            &c.id,
            NodeKind::Component,
            &|| in_external(&c.id),
            &c.name,
            &c.technology,
            &c.description,
        );
    }
    for e in &doc.entities {
        if !shown.contains(e.id.as_str()) || lookup.kind(&e.id) != Some(NodeKind::Entity) {
            continue;
        }
        let fields = e
            .fields
            .iter()
            .map(|f| FieldRow {
                name: f.name.clone(),
                ty: f.ty.to_string(),
                primary_key: e.in_primary_key(&f.name),
                foreign_key: e.in_foreign_key(&f.name),
                unique: f.unique
                    || e.unique
                        .iter()
                        .any(|u| u.columns.len() == 1 && u.columns[0] == f.name),
                nullable: f.nullable,
            })
            .collect();
        nodes.push(ContentNode {
            id: e.id.clone(),
            kind: NodeKind::Entity,
            external: false,
            name: e.name.clone(),
            technology: String::new(),
            description: e.comment.clone(),
            fields,
        });
    }
    nodes
}

impl Lookup<'_> {
    fn chain_external(&self, id: &str) -> bool {
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
}

/// Collects edges keyed by (from, to), in first-seen order. Borrows from
/// the document until `finish`, which makes the owned edges.
#[derive(Default)]
struct EdgeBuilder<'a> {
    order: Vec<(&'a str, &'a str)>,
    parts: FxHashMap<(&'a str, &'a str), Parts<'a>>,
}

#[derive(Default)]
struct Parts<'a> {
    relationships: Vec<Id>,
    foreign_keys: Vec<ForeignKeyRef>,
    descriptions: Vec<Cow<'a, str>>,
    technologies: Vec<&'a str>,
    any_sync: bool,
}

impl<'a> EdgeBuilder<'a> {
    fn part(&mut self, from: &'a str, to: &'a str) -> &mut Parts<'a> {
        match self.parts.entry((from, to)) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(v) => {
                self.order.push((from, to));
                v.insert(Parts::default())
            }
        }
    }

    fn finish(mut self) -> Vec<ContentEdge> {
        self.order
            .into_iter()
            .filter_map(|key| {
                let parts = self.parts.remove(&key)?;
                let (from, to) = key;
                Some(ContentEdge {
                    from: from.to_owned(),
                    to: to.to_owned(),
                    relationships: parts.relationships,
                    foreign_keys: parts.foreign_keys,
                    description: summarise(&parts.descriptions),
                    technology: distinct(&parts.technologies).join(", "),
                    interaction: if parts.any_sync {
                        Interaction::Sync
                    } else {
                        Interaction::Async
                    },
                })
            })
            .collect()
    }
}

fn distinct<S: AsRef<str>>(items: &[S]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for s in items {
        let s = s.as_ref().trim();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// "a", "a; b", "a; b; and 3 more".
fn summarise<S: AsRef<str>>(descriptions: &[S]) -> String {
    let d = distinct(descriptions);
    match d.len() {
        0 => String::new(),
        1 | 2 => d.join("; "),
        n => format!("{}; {}; and {} more", d[0], d[1], n - 2),
    }
}

fn lift_relationships<'a>(
    doc: &'a Document,
    lookup: &Lookup<'a>,
    shown: &FxHashSet<&str>,
) -> Vec<ContentEdge> {
    // What the view shows, marked by index: a look-up per step of every
    // relationship's chains, cheaper in a list than in a hash set.
    let mut marked = vec![false; lookup.places.len()];
    for id in shown {
        if let Some(p) = lookup.places.get(id) {
            marked[p.index] = true;
        }
    }
    // The element itself or its nearest ancestor that the view shows
    // (known elements only, at most four steps up).
    let lift = |chain: &[(&'a str, usize)]| {
        chain
            .iter()
            .find(|&&(_, i)| marked.get(i).copied().unwrap_or(false))
            .map(|&(x, _)| x)
    };
    let mut builder = EdgeBuilder::default();
    for (r, [from, to]) in doc.relationships.iter().zip(lookup.lift_chains()) {
        let (Some(from), Some(to)) = (lift(from), lift(to)) else {
            continue;
        };
        if from == to {
            continue;
        }
        let part = builder.part(from, to);
        part.relationships.push(r.id.clone());
        part.descriptions.push(Cow::Borrowed(&r.description));
        part.technologies.push(&r.technology);
        part.any_sync |= r.interaction == Interaction::Sync;
    }
    builder.finish()
}

fn foreign_key_edges(doc: &Document, shown: &FxHashSet<&str>) -> Vec<ContentEdge> {
    let mut builder = EdgeBuilder::default();
    for e in &doc.entities {
        if !shown.contains(e.id.as_str()) {
            continue;
        }
        for (index, fk) in e.foreign_keys.iter().enumerate() {
            if !shown.contains(fk.references.as_str()) {
                continue;
            }
            let part = builder.part(&e.id, &fk.references);
            part.foreign_keys.push(ForeignKeyRef {
                entity: e.id.clone(),
                index,
            });
            part.descriptions.push(Cow::Owned(fk.columns.join(", ")));
            part.any_sync = true;
        }
    }
    builder.finish()
}

fn group_boundaries(
    doc: &Document,
    kind: &ViewKind,
    lookup: &Lookup<'_>,
    nodes: &[ContentNode],
    shown: &FxHashSet<&str>,
) -> Vec<ContentBoundary> {
    let mut out: Vec<ContentBoundary> = Vec::new();
    let grouped_kind = |k: NodeKind| match kind {
        ViewKind::Containers { .. } => matches!(k, NodeKind::Container(_)),
        ViewKind::Components { .. } => k == NodeKind::Component,
        _ => false,
    };
    for n in nodes {
        if !grouped_kind(n.kind) {
            continue;
        }
        let Some(parent) = lookup.parent(&n.id) else {
            continue;
        };
        if shown.contains(parent) {
            continue;
        }
        if let Some(b) = out.iter_mut().find(|b| b.id == parent) {
            b.members.push(n.id.clone());
            continue;
        }
        let (bkind, name, external) = if let Some(s) = doc.systems.iter().find(|s| s.id == parent) {
            (BoundaryKind::SoftwareSystem, s.name.clone(), s.external)
        } else if let Some(c) = doc.container(parent) {
            (BoundaryKind::Container, c.name.clone(), n.external)
        } else {
            continue;
        };
        out.push(ContentBoundary {
            id: parent.to_owned(),
            kind: bkind,
            name,
            external,
            members: vec![n.id.clone()],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::{Container, Person, Relationship, SoftwareSystem};

    fn doc() -> Document {
        let mut d = Document::new("t");
        d.people.push(Person::new("user", "User"));
        d.systems.push(SoftwareSystem::new("app", "App"));
        let mut ext = SoftwareSystem::new("pay", "Pay");
        ext.external = true;
        d.systems.push(ext);
        d.containers
            .push(Container::new("web", "app", "Web", ContainerKind::WebApp));
        d.containers
            .push(Container::new("db", "app", "DB", ContainerKind::Database));
        let mut r = Relationship::new("r1", "user", "web");
        r.description = "Uses".into();
        d.relationships.push(r);
        let mut r = Relationship::new("r2", "web", "db");
        r.description = "Reads".into();
        d.relationships.push(r);
        let mut r = Relationship::new("r3", "web", "pay");
        r.interaction = Interaction::Async;
        r.description = "Pays".into();
        d.relationships.push(r);
        let mut r = Relationship::new("r4", "db", "pay");
        r.interaction = Interaction::Sync;
        r.description = "Backs up".into();
        d.relationships.push(r);
        d
    }

    #[test]
    fn context_lifts_and_merges() {
        let d = doc();
        let v = View::new(
            "v",
            ViewKind::SystemContext {
                system: "app".into(),
            },
        );
        let c = ViewContents::of(&d, &v).expect("contents");
        let ids: Vec<&str> = c.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["user", "app", "pay"]);
        assert_eq!(c.edges.len(), 2);
        let pay = &c.edges[1];
        assert_eq!(pay.relationships, ["r3", "r4"]);
        assert_eq!(pay.interaction, Interaction::Sync);
        assert_eq!(pay.description, "Pays; Backs up");
        assert!(c.boundaries.is_empty());
    }

    #[test]
    fn containers_view_has_a_boundary_and_honours_exclude() {
        let d = doc();
        let mut v = View::new(
            "v",
            ViewKind::Containers {
                system: "app".into(),
            },
        );
        v.exclude.push("db".into());
        let c = ViewContents::of(&d, &v).expect("contents");
        let ids: Vec<&str> = c.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["user", "pay", "web"]);
        assert_eq!(c.boundaries.len(), 1);
        assert_eq!(c.boundaries[0].members, ["web"]);
        assert!(c.edges.iter().all(|e| e.relationships != ["r4"]));
    }

    #[test]
    fn shown_in_views_is_what_the_contents_of_every_view_show() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        let mut docs: Vec<Document> = ["shop.ron", "saas.ron", "legacy.ron"]
            .iter()
            .map(|f| crate::store::load(&dir.join(f)).expect("sample"))
            .collect();
        docs.push(doc());
        let mut spec = crate::generate::Spec::elements(300);
        spec.positions = false;
        docs.push(crate::generate::model_with(3, &spec));
        for d in &docs {
            let mut expected: HashSet<String> = HashSet::new();
            let mut views = d.views.clone();
            // A view with a broken scope shows nothing.
            views.push(View::new(
                "broken",
                ViewKind::Components {
                    container: "nope".into(),
                },
            ));
            for v in &d.views {
                let Ok(c) = ViewContents::of(d, v) else {
                    continue;
                };
                expected.extend(c.nodes.into_iter().map(|n| n.id));
                expected.extend(c.boundaries.into_iter().map(|b| b.id));
            }
            let mut with_broken = d.clone();
            with_broken.views = views;
            let shown: HashSet<String> = shown_in_views(&with_broken)
                .into_iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(shown, expected, "{}", d.name);
        }
    }

    #[test]
    fn a_missing_scope_is_an_error() {
        let d = doc();
        let v = View::new(
            "v",
            ViewKind::Components {
                container: "nope".into(),
            },
        );
        assert!(ViewContents::of(&d, &v).is_err());
    }
}
