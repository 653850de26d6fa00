//! The C4 elements and relationships: people, software systems, containers,
//! components and the relationships between them.

use super::{Inspector, choice_ui, elements, named, pick_ui, row_ui};
use crate::model::{
    Component, Container, ContainerKind, Id, Interaction, Person, Relationship, SoftwareSystem,
};
use crate::ui::commands::{AppCommand, Command};

impl Inspector<'_> {
    pub(super) fn person_ui(&mut self, ui: &mut egui::Ui, x: &mut Person) {
        egui::Grid::new("person").num_columns(2).show(ui, |ui| {
            self.common_ui(ui, &mut x.name, &mut x.description, &mut x.tags);
            row_ui(ui, "External", |ui, _| {
                ui.checkbox(&mut x.external, "outside the organisation");
            });
        });
    }

    pub(super) fn system_ui(&mut self, ui: &mut egui::Ui, x: &mut SoftwareSystem) {
        egui::Grid::new("system").num_columns(2).show(ui, |ui| {
            self.common_ui(ui, &mut x.name, &mut x.description, &mut x.tags);
            row_ui(ui, "External", |ui, _| {
                ui.checkbox(&mut x.external, "not built by us");
            });
        });
        if !x.external && ui.button("Open containers view").clicked() {
            self.out.push(AppCommand::DrillInto(x.id.clone()));
        }
    }

    pub(super) fn container_ui(&mut self, ui: &mut egui::Ui, x: &mut Container) {
        let systems: Vec<(Id, String)> = self
            .doc
            .systems
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        egui::Grid::new("container").num_columns(2).show(ui, |ui| {
            self.common_ui(ui, &mut x.name, &mut x.description, &mut x.tags);
            row_ui(ui, "Kind", |ui, row| {
                let kinds = ContainerKind::ALL;
                let r = choice_ui(ui, "kind", None, &mut x.kind, &kinds, |k| k.label().into());
                named(r, row, "kind");
            });
            self.text_row_ui(ui, "Technology", &mut x.technology, false);
            row_ui(ui, "System", |ui, row| {
                pick_ui(ui, row, "system", &mut x.system, &systems);
            });
        });
        let label = if x.kind.is_data_store() {
            "Open entities view"
        } else {
            "Open components view"
        };
        if ui.button(label).clicked() {
            self.out.push(AppCommand::DrillInto(x.id.clone()));
        }
        if x.kind.runs_code() {
            ui.separator();
            let apis = self.doc.apis.iter().filter(|a| a.service == x.id);
            let apis = apis.map(|a| (&a.id, &a.name));
            self.owned_ui(ui, "APIs", apis, Command::AddApi, "+ API");
        }
        if x.kind.is_channel() {
            ui.separator();
            let events = self.doc.events.iter().filter(|e| e.channel == x.id);
            let events = events.map(|e| (&e.id, &e.name));
            self.owned_ui(ui, "Event types", events, Command::AddEvent, "+ Event type");
        }
    }

    /// The items that belong to an element (its APIs, its event types),
    /// each a link that selects it, and the button that adds one.
    fn owned_ui<'i>(
        &mut self,
        ui: &mut egui::Ui,
        title: &str,
        items: impl Iterator<Item = (&'i Id, &'i String)>,
        add: Command,
        add_text: &str,
    ) {
        ui.strong(title);
        let mut none = true;
        for (id, name) in items {
            none = false;
            if ui.link(name).clicked() {
                self.out.push(AppCommand::Select(vec![id.clone()]));
            }
        }
        if none {
            ui.weak("none yet");
        }
        if ui.button(add_text).on_hover_text(add.tooltip()).clicked() {
            self.out.push(AppCommand::Run(add));
        }
    }

    pub(super) fn component_ui(&mut self, ui: &mut egui::Ui, x: &mut Component) {
        let containers = self.containers(|_| true);
        egui::Grid::new("component").num_columns(2).show(ui, |ui| {
            self.common_ui(ui, &mut x.name, &mut x.description, &mut x.tags);
            self.text_row_ui(ui, "Technology", &mut x.technology, false);
            row_ui(ui, "Container", |ui, row| {
                pick_ui(ui, row, "container", &mut x.container, &containers);
            });
        });
    }

    pub(super) fn relationship_ui(&mut self, ui: &mut egui::Ui, x: &mut Relationship) {
        let all = elements(self.doc);
        egui::Grid::new("relationship")
            .num_columns(2)
            .show(ui, |ui| {
                self.text_row_ui(ui, "Description", &mut x.description, false);
                self.text_row_ui(ui, "Technology", &mut x.technology, false);
                row_ui(ui, "Interaction", |ui, _| {
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut x.interaction, Interaction::Sync, "Sync");
                        ui.radio_value(&mut x.interaction, Interaction::Async, "Async");
                    });
                });
                row_ui(ui, "From", |ui, row| {
                    pick_ui(ui, row, "from", &mut x.from, &all);
                });
                row_ui(ui, "To", |ui, row| pick_ui(ui, row, "to", &mut x.to, &all));
            });
    }
}
