//! Creating things: the Add commands (elements in the view, and APIs, event
//! types, enums and views next to what they belong to), connecting two
//! elements, opening or creating the view inside an element, and the id of
//! a new item following the name it is first given.

use super::ArchdeskApp;
use crate::model::{
    Api, Component, Container, DefaultValue, Edit, Entity, EnumType, EventType, Field, FieldType,
    Id, Item, ItemKind, ItemRef, Person, Point, Relationship, SoftwareSystem, View, ViewKind, c4,
    slugify,
};
use crate::ui::commands::{AddTarget, Command, add_target};

/// An item just created, until it is first named: its id then follows the
/// name ("New service" → "payment-service"), in the same undo step as the
/// name. Any other edit ends it.
#[derive(Clone, Debug)]
pub(super) struct Fresh {
    pub id: Id,
    /// The name it was created with.
    pub name: String,
}

impl ArchdeskApp {
    /// Double-click on an element: open the view inside it (a system's
    /// containers, a container's components, a database's entities),
    /// creating it the first time.
    pub(super) fn drill_into(&mut self, id: &str) {
        let kind = match self.doc.item(id) {
            Some(ItemRef::System(s)) if !s.external => ViewKind::Containers {
                system: id.to_owned(),
            },
            Some(ItemRef::Container(c)) if c.kind.is_data_store() => ViewKind::Entities {
                database: id.to_owned(),
            },
            Some(ItemRef::Container(_)) => ViewKind::Components {
                container: id.to_owned(),
            },
            _ => return,
        };
        self.open_or_create_view(kind);
    }

    /// Opens the first view of this kind, or adds one.
    pub(super) fn open_or_create_view(&mut self, kind: ViewKind) {
        if let Some(v) = self.doc.views.iter().find(|v| v.kind == kind) {
            self.current_view = Some(v.id.clone());
            self.selection.clear();
            return;
        }
        self.add_view(kind, "Add view");
    }

    /// Adds a view of this kind and opens it.
    fn add_view(&mut self, kind: ViewKind, label: &str) -> bool {
        let scope = kind.scope().cloned().unwrap_or_else(|| "landscape".into());
        let suffix = match kind {
            ViewKind::Landscape => "landscape",
            ViewKind::SystemContext { .. } => "context",
            ViewKind::Containers { .. } => "containers",
            ViewKind::Components { .. } => "components",
            ViewKind::Entities { .. } => "entities",
        };
        let id = self.doc.unique_id(&format!("{scope}-{suffix}"));
        let mut view = View::new(id.clone(), kind);
        // A second view of the same thing gets a title that tells them apart.
        let same = self
            .doc
            .views
            .iter()
            .filter(|v| v.kind == view.kind)
            .count();
        if same > 0 {
            view.title = format!("{} ({})", c4::view_title(&self.doc, &view), same + 1);
        }
        let added = self.apply_edit(Edit::add(&self.doc, Item::View(view)), label);
        if added {
            self.current_view = Some(id);
            self.selection.clear();
        }
        added
    }

    pub(super) fn connect(&mut self, from: &str, to: &str) {
        let id = self.doc.unique_id(&format!("{from}-{to}"));
        let mut r = Relationship::new(id.clone(), from, to);
        r.description = "Uses".into();
        if self.apply_edit(Edit::add(&self.doc, Item::Relationship(r)), "Connect") {
            self.selection = [id.clone()].into();
            self.canvas.start_rename(&self.doc, &id);
        }
    }

    /// Runs an Add command: an element lands in the current view (at `at`
    /// or on free ground near the selection), selected and being renamed;
    /// an API, event type or enum is selected in the inspector; a view is
    /// opened.
    pub(super) fn create(&mut self, what: Command, at: Option<Point>) {
        let Some(target) = add_target(
            &self.doc,
            self.current_view.as_deref(),
            &self.selection,
            what,
        ) else {
            let hint = match what {
                Command::AddApi => "select the service that offers it",
                Command::AddEvent => "select the topic or queue that carries it",
                Command::AddView(_) => "select what the view is of",
                _ => "not possible in this view",
            };
            self.set_status(format!("{}: {hint}", what.label()));
            return;
        };
        let label = what.label();
        let item = match target {
            AddTarget::View(kind) => {
                self.add_view(kind, &label);
                return;
            }
            AddTarget::Person => Item::Person(Person::new(self.new_id("New person"), "New person")),
            AddTarget::System => {
                Item::System(SoftwareSystem::new(self.new_id("New system"), "New system"))
            }
            AddTarget::Container(system, kind) => {
                let name = format!("New {}", kind.label().to_lowercase());
                Item::Container(Container::new(self.new_id(&name), system, name, kind))
            }
            AddTarget::Component(container) => Item::Component(Component::new(
                self.new_id("New component"),
                container,
                "New component",
            )),
            AddTarget::Entity(database) => {
                let mut e = Entity::new(self.new_id("new_table"), database, "new_table");
                let mut key = Field::new("id", FieldType::Uuid);
                key.default = Some(DefaultValue::RandomUuid);
                e.fields.push(key);
                e.primary_key = vec!["id".into()];
                Item::Entity(e)
            }
            AddTarget::Api(service) => {
                let of = self.doc.container(&service).map_or("", |c| c.name.as_str());
                let name = format!("{of} API").trim().to_owned();
                let mut api = Api::new(self.new_id(&name), service, name);
                api.version = "1.0.0".into();
                Item::Api(api)
            }
            AddTarget::Event(channel) => {
                Item::Event(EventType::new(self.new_id("NewEvent"), channel, "NewEvent"))
            }
            AddTarget::Enum => Item::Enum(EnumType {
                id: self.new_id("new_enum"),
                name: "new_enum".into(),
                values: Vec::new(),
                comment: String::new(),
            }),
        };
        let id = item.id().clone();
        let name = item.as_ref().name().to_owned();
        let kind = item.kind();
        let added = if kind.is_element() {
            self.add_element(item, at, &label)
        } else {
            self.apply_edit(Edit::add(&self.doc, item), &label)
        };
        if !added {
            return;
        }
        self.selection = [id.clone()].into();
        self.fresh = Some(Fresh {
            id: id.clone(),
            name,
        });
        if kind.is_element() {
            // Put where the user pointed, it is in sight already.
            if at.is_none() {
                self.canvas.request_in_sight(&id);
            }
            self.canvas.start_rename(&self.doc, &id);
        } else {
            self.inspector_focus = Some(id);
            let what = match kind {
                ItemKind::Enum => "name it and list its values",
                _ => "name it in the inspector",
            };
            self.set_status(format!("{label}: {what}"));
        }
    }

    /// A new id from a name, unique in the file.
    fn new_id(&self, name: &str) -> Id {
        self.doc.unique_id(&slugify(name))
    }

    /// Adds an element, shown in the current view (included when the view
    /// would not show it) on free ground, with nothing else moving.
    fn add_element(&mut self, item: Item, at: Option<Point>, label: &str) -> bool {
        let id = item.id().clone();
        let parent = match &item {
            Item::Container(c) => Some(c.system.clone()),
            Item::Component(c) => Some(c.container.clone()),
            Item::Entity(e) => Some(e.store.clone()),
            _ => None,
        };
        let add = Edit::add(&self.doc, item);
        let mut edits = vec![add.clone()];
        let view = self.current_view.as_deref().and_then(|v| self.doc.view(v));
        if let Some(view) = view {
            // A person in a containers view is shown once connected: until
            // then it is included.
            let mut scratch = self.doc.clone();
            if add.apply(&mut scratch).is_ok() && !crate::diagram::view_shows(&scratch, view, &id) {
                let mut shown = view.clone();
                shown.include.push(id.clone());
                edits.push(Edit::Replace {
                    item: Item::View(shown),
                });
            }
            let at =
                at.unwrap_or_else(|| self.canvas.free_spot(&self.selection, parent.as_deref()));
            let mut positions = vec![(id.clone(), Some(at))];
            positions.extend(self.canvas.unsaved_places(view));
            edits.push(Edit::Move {
                view: view.id.clone(),
                positions,
            });
        }
        self.apply_edit(Edit::Batch(edits), label)
    }

    /// Once a new item has been given a name, its id follows the name, as
    /// part of the step that named it. Called when a rename or a typing
    /// gesture ends.
    pub(super) fn follow_fresh_name(&mut self) {
        let Some(fresh) = self.fresh.take() else {
            return;
        };
        let Some(item) = self.doc.item(&fresh.id) else {
            return;
        };
        if item.name() == fresh.name
            || matches!(item.kind(), ItemKind::Relationship | ItemKind::View)
        {
            // Not named yet: wait for the name.
            self.fresh = Some(fresh);
            return;
        }
        let slug = slugify(item.name());
        if slug == fresh.id {
            return;
        }
        let to = self.doc.unique_id(&slug);
        let edit = Edit::RenameId {
            from: fresh.id.clone(),
            to: to.clone(),
        };
        match self
            .history
            .apply_into_last(&mut self.doc, edit, "Rename id")
        {
            Ok(()) => {
                if self.selection.remove(&fresh.id) {
                    self.selection.insert(to);
                }
                self.after_change();
            }
            Err(e) => self.set_status(format!("Rename id: {e}")),
        }
    }
}
