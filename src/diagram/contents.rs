//! What a view shows: its nodes, its edges (relationships lifted to the
//! elements shown and merged per pair) and its boundaries. Owned data with
//! no geometry, so it can travel to a layout thread.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::c4::Hierarchy;
pub use crate::model::c4::Kind as NodeKind;
use crate::model::{Document, Id, Interaction, View, ViewKind};

use super::DiagramError;

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

impl ViewContents {
    /// What `view` shows of `doc`. Pure; fails only when the view's scope is
    /// missing or of the wrong kind.
    pub fn of<'a>(doc: &'a Document, view: &'a View) -> Result<Self, DiagramError> {
        ContentsLookup::new(doc).contents(view)
    }
}

/// Whether a view shows an element (as a box of its own).
pub fn view_shows(doc: &Document, view: &View, id: &str) -> bool {
    ViewContents::of(doc, view).is_ok_and(|c| c.node(id).is_some())
}

/// The document looked up once for the contents of many of its views:
/// [`ViewContents::of`] for each view, without redoing the work every view
/// shares (where each element sits, where each relationship's ends sit).
pub struct ContentsLookup<'a> {
    hierarchy: Hierarchy<'a>,
}

impl<'a> ContentsLookup<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Self {
            hierarchy: Hierarchy::new(doc),
        }
    }

    /// The document looked up.
    pub fn doc(&self) -> &'a Document {
        self.hierarchy.doc()
    }

    /// What `view` shows: the same as [`ViewContents::of`].
    pub fn contents(&self, view: &'a View) -> Result<ViewContents, DiagramError> {
        let (doc, h) = (self.hierarchy.doc(), &self.hierarchy);
        let shown = h.shown(view)?;
        let nodes = collect_nodes(doc, h, &shown);
        let mut edges = lift_relationships(h, &shown);
        edges.extend(foreign_key_edges(doc, &shown));
        let boundaries = group_boundaries(doc, &view.kind, h, &nodes, &shown);
        Ok(ViewContents {
            view_id: view.id.clone(),
            kind: view.kind.clone(),
            nodes,
            edges,
            boundaries,
        })
    }
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

fn collect_nodes(
    doc: &Document,
    lookup: &Hierarchy<'_>,
    shown: &FxHashSet<&str>,
) -> Vec<ContentNode> {
    let in_external = |id: &str| lookup.in_external(id);
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

fn lift_relationships(h: &Hierarchy<'_>, shown: &FxHashSet<&str>) -> Vec<ContentEdge> {
    let mut builder = EdgeBuilder::default();
    for l in h.drawn(shown) {
        let r = l.relationship;
        let part = builder.part(l.from, l.to);
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
    h: &Hierarchy<'_>,
    nodes: &[ContentNode],
    shown: &FxHashSet<&str>,
) -> Vec<ContentBoundary> {
    let mut out: Vec<ContentBoundary> = Vec::new();
    for n in nodes {
        let Some(parent) = h.boundary_of(kind, &n.id, shown) else {
            continue;
        };
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
    use crate::model::Relationship;

    fn doc() -> Document {
        let mut d = crate::model::c4::fixture();
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
    fn an_explicit_relationship_stands_alone_where_lifted_ones_meet_it() {
        let mut d = doc();
        let mut r = Relationship::new("r5", "app", "pay");
        r.description = "Settles payments with".into();
        r.interaction = Interaction::Async;
        d.relationships.push(r);
        let v = View::new(
            "v",
            ViewKind::SystemContext {
                system: "app".into(),
            },
        );
        let c = ViewContents::of(&d, &v).expect("contents");
        let pay = c
            .edges
            .iter()
            .find(|e| (e.from.as_str(), e.to.as_str()) == ("app", "pay"))
            .expect("app → pay");
        assert_eq!(pay.relationships, ["r5"], "r3 and r4 are lifted onto it");
        assert_eq!(pay.description, "Settles payments with");
        assert_eq!(pay.interaction, Interaction::Async);
        // user → web lifts to user → app, where nothing explicit is drawn.
        let user = c
            .edges
            .iter()
            .find(|e| e.from == "user")
            .expect("user → app");
        assert_eq!(user.relationships, ["r1"]);
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
            let shown: HashSet<String> = Hierarchy::new(&with_broken)
                .shown_in_views()
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
