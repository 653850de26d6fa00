//! The inspector: every property of the selected item, edited through
//! `Edit::Replace` (or `Edit::SetInfo` for the model). The UI edits a copy;
//! when the copy differs from the document it sends the edit. Typing in one
//! field merges into one undo step until the field loses focus.
//!
//! One file per family of items (`elements`, `data`, `api`, `events`);
//! here the frame, the model and view, and the widgets they share. Every
//! widget in a labelled row is named after its label ([`row_ui`]), which
//! is how screen readers and the UI tests find it.

mod api;
mod data;
mod elements;
mod events;

use std::collections::BTreeSet;

use super::commands::{AppCommand, Command, ViewChoice};
use crate::model::{Container, Document, Edit, Field, Id, Item, ItemRef, View};
use crate::text::{count, plural};

/// The names of the parts that keep their identity by name, by the id of
/// the item that holds them, as the saved file has them: each entity's and
/// event type's fields, each API's operation ids.
pub type SavedFields = std::collections::HashMap<Id, std::collections::HashSet<String>>;

/// The [`SavedFields`] of `doc`.
pub fn saved_fields(doc: &Document) -> SavedFields {
    let names = |fields: &[crate::model::Field]| fields.iter().map(|f| f.name.clone()).collect();
    doc.entities
        .iter()
        .map(|e| (e.id.clone(), names(&e.fields)))
        .chain(doc.events.iter().map(|e| (e.id.clone(), names(&e.payload))))
        .chain(doc.apis.iter().map(|a| {
            let ops = a.endpoints.iter().map(|e| e.operation_id.clone()).collect();
            (a.id.clone(), ops)
        }))
        .collect()
}

/// Draws the inspector for the selection.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    saved_fields: &SavedFields,
    selection: &BTreeSet<Id>,
    current_view: Option<&str>,
    focus_name: bool,
    out: &mut Vec<AppCommand>,
) {
    // The panel keeps the width the user gave it: what is wider (a long
    // field table) scrolls sideways instead of widening the panel.
    let width = ui.available_width();
    egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
        ui.set_max_width(width);
        let mut ins = Inspector {
            doc,
            saved_fields,
            out,
            focus_lost: false,
            focus_name,
        };
        match selection.len() {
            0 => ins.model_ui(ui, current_view),
            1 => {
                let id = selection.iter().next().cloned().unwrap_or_default();
                match doc.item(&id) {
                    Some(item) => ins.item_ui(ui, item),
                    None => {
                        ui.weak("Nothing selected");
                    }
                }
            }
            n => {
                ui.heading(format!("{n} items selected"));
                ui.label("Drag to move them together; Delete removes them with what depends on them.");
                if ui.button("Delete selection").clicked() {
                    ins.out.push(AppCommand::Run(Command::Delete));
                }
            }
        }
        if ins.focus_lost {
            ins.out.push(AppCommand::EndGesture);
        }
    });
}

struct Inspector<'a> {
    doc: &'a Document,
    /// The field names of each entity and event type in the saved file: a
    /// rename of one of those records the name it had (`Field::was`).
    saved_fields: &'a SavedFields,
    out: &'a mut Vec<AppCommand>,
    /// A text field lost focus this frame: the typing step is complete.
    focus_lost: bool,
    /// Focus the item's name field, its text selected (a new item).
    focus_name: bool,
}

/// While a text field has focus, its changes merge into one undo step.
fn typing_key(ui: &egui::Ui, what: &str) -> Option<String> {
    ui.ctx()
        .memory(egui::Memory::focused)
        .map(|f| format!("inspect {what} {f:?}"))
}

impl Inspector<'_> {
    /// A part of `owner` renamed from `before` to `now`: when the saved
    /// file has it by its old name, `was` says that name (for diff and
    /// migrations); back to that name, no rename is left.
    fn record_rename(&self, owner: &str, before: &str, now: &str, was: &mut Option<String>) {
        if before == now {
            return;
        }
        let saved = self
            .saved_fields
            .get(owner)
            .is_some_and(|names| names.contains(before));
        if was.is_none() && saved {
            *was = Some(before.to_owned());
        }
        if was.as_deref() == Some(now) {
            *was = None;
        }
    }
}

/// The name a part had before a rename no migration has carried out yet
/// (`was`), and a button to forget it once the database or the clients
/// have followed.
fn was_ui(ui: &mut egui::Ui, was: &mut Option<String>) {
    let Some(name) = was.clone() else {
        return;
    };
    ui.horizontal(|ui| {
        ui.weak(format!("renamed from {}", crate::text::printable(&name)));
        if ui
            .small_button("Forget")
            .on_hover_text(
                "The rename has been carried out: diff and migrations no longer read it as one",
            )
            .clicked()
        {
            *was = None;
        }
    });
}

/// A labelled row of a two-column grid. `add` draws the second column and
/// is given the row's accessible name (its label, trimmed), which the
/// widgets there take as theirs.
fn row_ui(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui, &str)) {
    ui.label(label);
    add(ui, label.trim());
    ui.end_row();
}

/// Names a widget for screen readers (and for the tests that find it):
/// `name`, its row's, or `fallback` in a row without a label.
fn named(r: egui::Response, name: &str, fallback: &str) -> egui::Response {
    r.accessible_name(if name.is_empty() { fallback } else { name })
}

impl Inspector<'_> {
    /// The id, editable: the new one is taken when the field loses focus
    /// (Enter), with every reference to it, as one undo step; until then
    /// the typing is kept in the field only.
    fn id_ui(&mut self, ui: &mut egui::Ui, name: &str, id: &str) {
        let key = ui.scope_id().with(("inspector-id", id));
        let mut text = ui
            .data_mut(|d| d.get_temp::<String>(key))
            .unwrap_or_else(|| id.to_owned());
        let width = ui.available_width().clamp(120.0, 420.0);
        let r = named(
            ui.add(egui::TextEdit::singleline(&mut text).desired_width(width)),
            name,
            "Id",
        );
        if r.changed() {
            ui.data_mut(|d| d.insert_temp(key, text.clone()));
        }
        if r.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(key));
            let to = text.trim();
            if to != id {
                self.out.push(AppCommand::Edit {
                    edit: Edit::RenameId {
                        from: id.to_owned(),
                        to: to.to_owned(),
                    },
                    label: "Rename id".into(),
                });
            }
        }
    }

    /// A row that edits one text.
    fn text_row_ui(&mut self, ui: &mut egui::Ui, label: &str, value: &mut String, multiline: bool) {
        row_ui(ui, label, |ui, row| self.text_ui(ui, row, value, multiline));
    }

    /// The containers that `keep` lets through, as (id, name) for pickers.
    fn containers(&self, keep: impl Fn(&Container) -> bool) -> Vec<(Id, String)> {
        self.doc
            .containers
            .iter()
            .filter(|c| keep(c))
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    }

    fn text_ui(&mut self, ui: &mut egui::Ui, name: &str, value: &mut String, multiline: bool) {
        self.text_leaving_ui(ui, name, value, multiline, 0.0);
    }

    /// A text field that fills the column but `leave` points for what
    /// follows it on its line, without widening the panel.
    fn text_leaving_ui(
        &mut self,
        ui: &mut egui::Ui,
        name: &str,
        value: &mut String,
        multiline: bool,
        leave: f32,
    ) {
        let width = (ui.available_width() - leave).clamp(80.0, 420.0);
        let edit = if multiline {
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(width)
        } else {
            egui::TextEdit::singleline(value).desired_width(width)
        };
        let r = named(ui.add(edit), name, "Text");
        if self.focus_name && matches!(name, "Name" | "SQL name") {
            self.focus_name = false;
            crate::ui::widgets::focus_select_all(ui, &r, value);
        }
        if r.lost_focus() {
            self.focus_lost = true;
        }
    }

    fn commit(&mut self, ui: &egui::Ui, old: &Item, new: Item, label: &str) {
        if *old != new {
            let key = typing_key(ui, new.id());
            self.out.push(AppCommand::EditMerge {
                edit: Edit::Replace { item: new },
                label: label.to_owned(),
                key,
            });
        }
    }

    fn model_ui(&mut self, ui: &mut egui::Ui, current_view: Option<&str>) {
        ui.heading("Model");
        let mut name = self.doc.name.clone();
        let mut description = self.doc.description.clone();
        egui::Grid::new("model").num_columns(2).show(ui, |ui| {
            self.text_row_ui(ui, "Name", &mut name, false);
            self.text_row_ui(ui, "Description", &mut description, true);
        });
        if name != self.doc.name || description != self.doc.description {
            self.out.push(AppCommand::EditMerge {
                edit: Edit::SetInfo { name, description },
                label: "Edit model".into(),
                key: typing_key(ui, "model"),
            });
        }
        ui.separator();
        let d = self.doc;
        let counts = [
            count(d.people.len(), "person", "people"),
            plural(d.systems.len(), "system"),
            plural(d.containers.len(), "container"),
            plural(d.components.len(), "component"),
            plural(d.relationships.len(), "relationship"),
            count(d.entities.len(), "entity", "entities"),
            plural(d.apis.len(), "API"),
            plural(d.events.len(), "event type"),
            plural(d.views.len(), "view"),
        ];
        ui.label(counts.join(" · "));
        ui.horizontal_wrapped(|ui| {
            for (c, text) in [
                (Command::AddEnum, "+ Enum"),
                (Command::AddView(ViewChoice::Landscape), "+ Landscape view"),
            ] {
                if ui.button(text).on_hover_text(c.tooltip()).clicked() {
                    self.out.push(AppCommand::Run(c));
                }
            }
        });
        if let Some(view) = current_view.and_then(|v| self.doc.view(v)) {
            ui.separator();
            self.view_ui(ui, view);
        }
    }

    fn item_ui(&mut self, ui: &mut egui::Ui, item: ItemRef<'_>) {
        let old = item.to_owned();
        let mut new = old.clone();
        ui.heading(crate::text::capitalized(item.kind().label()));
        egui::Grid::new("item-id").num_columns(2).show(ui, |ui| {
            row_ui(ui, "Id", |ui, row| self.id_ui(ui, row, item.id()));
        });
        match &mut new {
            Item::Person(x) => self.person_ui(ui, x),
            Item::System(x) => self.system_ui(ui, x),
            Item::Container(x) => self.container_ui(ui, x),
            Item::Component(x) => self.component_ui(ui, x),
            Item::Relationship(x) => self.relationship_ui(ui, x),
            Item::Enum(x) => self.enum_ui(ui, x),
            Item::Entity(x) => self.entity_ui(ui, x),
            Item::Api(x) => self.api_ui(ui, x),
            Item::Event(x) => self.event_ui(ui, x),
            Item::View(x) => {
                let view = x.clone();
                self.view_ui(ui, &view);
            }
        }
        let label = format!("Edit {}", item.kind().label());
        self.commit(ui, &old, new, &label);
        if item.kind().is_element() {
            ui.separator();
            self.connect_to_ui(ui, item.id());
        }
        ui.separator();
        if ui
            .button("Delete")
            .on_hover_text("Delete with everything that depends on it (undoable)")
            .clicked()
        {
            self.out.push(AppCommand::Run(Command::Delete));
        }
    }

    fn connect_to_ui(&mut self, ui: &mut egui::Ui, from: &str) {
        ui.horizontal(|ui| {
            ui.label("Connect to");
            egui::ComboBox::from_id_salt("connect-to")
                .selected_text("choose an element…")
                .width(200.0)
                .show_ui(ui, |ui| {
                    for (id, name) in elements(self.doc).into_iter().filter(|(id, _)| id != from) {
                        if ui.selectable_label(false, name).clicked() {
                            self.out.push(AppCommand::Connect {
                                from: from.to_owned(),
                                to: id,
                            });
                        }
                    }
                })
                .response
                .accessible_name("connect to");
        });
    }

    fn common_ui(
        &mut self,
        ui: &mut egui::Ui,
        name: &mut String,
        description: &mut String,
        tags: &mut Vec<String>,
    ) {
        self.text_row_ui(ui, "Name", name, false);
        self.text_row_ui(ui, "Description", description, true);
        let mut t = tags.join(", ");
        self.text_row_ui(ui, "Tags", &mut t, false);
        *tags = split_list(&t);
    }

    fn view_ui(&mut self, ui: &mut egui::Ui, v: &View) {
        ui.strong("View");
        let mut title = v.title.clone();
        egui::Grid::new("view").num_columns(2).show(ui, |ui| {
            self.text_row_ui(ui, "Title", &mut title, false);
            row_ui(ui, "Shows", |ui, _| {
                ui.label(crate::model::c4::view_title(self.doc, v));
            });
            row_ui(ui, "Placed", |ui, _| {
                let n = v.positions.len();
                ui.label(format!(
                    "{} {} a saved position",
                    plural(n, "element"),
                    if n == 1 { "has" } else { "have" }
                ));
            });
        });
        let mut new = v.clone();
        new.title = title;
        for (list, what, hint) in [
            (
                &mut new.include,
                "Also shown",
                "Show it only as its kind implies",
            ),
            (&mut new.exclude, "Left out", "Show it again"),
        ] {
            if list.is_empty() {
                continue;
            }
            ui.label(what);
            let mut remove = None;
            for (i, id) in list.iter().enumerate() {
                ui.horizontal(|ui| {
                    let name = self.doc.item(id).map_or(id.as_str(), |i| i.label());
                    ui.label(name);
                    if ui.small_button("×").on_hover_text(hint).clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                list.remove(i);
            }
        }
        if new != *v {
            self.commit(ui, &Item::View(v.clone()), Item::View(new), "Edit view");
        }
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every C4 element as (id, name) for pickers.
fn elements(doc: &Document) -> Vec<(Id, String)> {
    doc.people
        .iter()
        .map(|x| (x.id.clone(), x.name.clone()))
        .chain(doc.systems.iter().map(|x| (x.id.clone(), x.name.clone())))
        .chain(
            doc.containers
                .iter()
                .map(|x| (x.id.clone(), x.name.clone())),
        )
        .chain(
            doc.components
                .iter()
                .map(|x| (x.id.clone(), x.name.clone())),
        )
        .collect()
}

/// A combo box choosing `value` among `all`, each shown as `label` says.
fn choice_ui<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    salt: impl egui::AsIdSalt,
    width: Option<f32>,
    value: &mut T,
    all: &[T],
    label: impl Fn(&T) -> String,
) -> egui::Response {
    let mut combo = egui::ComboBox::from_id_salt(salt).selected_text(label(value));
    if let Some(width) = width {
        combo = combo.width(width);
    }
    combo
        .show_ui(ui, |ui| {
            for v in all {
                ui.selectable_value(value, v.clone(), label(v));
            }
        })
        .response
}

/// No field, then each of `fields` by name: the choices of a column that
/// may be unset.
fn none_or_field(fields: &[Field]) -> Vec<Option<String>> {
    std::iter::once(None)
        .chain(fields.iter().map(|f| Some(f.name.clone())))
        .collect()
}

/// A combo box choosing one id among `options` (id, label), at most 180
/// points wide.
fn pick_ui(
    ui: &mut egui::Ui,
    name: &str,
    salt: &str,
    value: &mut String,
    options: &[(String, String)],
) {
    let width = ui.available_width().clamp(80.0, 180.0);
    pick_sized_ui(ui, name, salt, value, options, width);
}

/// [`pick_ui`] at a given width.
fn pick_sized_ui(
    ui: &mut egui::Ui,
    name: &str,
    salt: &str,
    value: &mut String,
    options: &[(String, String)],
    width: f32,
) {
    let shown = options
        .iter()
        .find(|(id, _)| id == value)
        .map_or_else(|| value.clone(), |(_, l)| l.clone());
    named(
        egui::ComboBox::from_id_salt(salt)
            .selected_text(shown)
            .width(width)
            .show_ui(ui, |ui| {
                for (id, label) in options {
                    ui.selectable_value(value, id.clone(), label);
                }
            })
            .response,
        name,
        "choice",
    );
}
