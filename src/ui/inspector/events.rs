//! Event types: channel, key, payload, producers and consumers.

use super::data::fields_table_ui;
use super::{Inspector, choice_ui, named, none_or_field, pick_ui, row_ui};
use crate::model::{EventType, Id};

impl Inspector<'_> {
    pub(super) fn event_ui(&mut self, ui: &mut egui::Ui, x: &mut EventType) {
        let channels: Vec<(Id, String)> = self.containers(|c| c.kind.is_channel());
        egui::Grid::new("event").num_columns(2).show(ui, |ui| {
            self.text_row_ui(ui, "Name", &mut x.name, false);
            self.text_row_ui(ui, "Description", &mut x.description, true);
            row_ui(ui, "Channel", |ui, row| {
                pick_ui(ui, row, "channel", &mut x.channel, &channels);
            });
            row_ui(ui, "Key", |ui, row| {
                let keys = none_or_field(&x.payload);
                let r = choice_ui(ui, "event-key", None, &mut x.key, &keys, |k| {
                    k.clone().unwrap_or_else(|| "none".into())
                });
                named(r, row, "event key");
            });
        });
        ui.strong("Payload");
        fields_table_ui(self, ui, "payload", &x.id, &mut x.payload, None);
        let units: Vec<(Id, String)> = self
            .doc
            .containers
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .chain(
                self.doc
                    .components
                    .iter()
                    .map(|c| (c.id.clone(), c.name.clone())),
            )
            .collect();
        ui.strong("Producers");
        membership_ui(ui, "producers", &mut x.producers, &units);
        ui.strong("Consumers");
        membership_ui(ui, "consumers", &mut x.consumers, &units);
    }
}

pub(super) fn membership_ui(
    ui: &mut egui::Ui,
    salt: &str,
    list: &mut Vec<Id>,
    options: &[(Id, String)],
) {
    egui::ScrollArea::vertical()
        .id_salt(salt)
        .max_height(140.0)
        .show(ui, |ui| {
            for (id, name) in options {
                let mut on = list.contains(id);
                if ui.checkbox(&mut on, name).changed() {
                    if on {
                        list.push(id.clone());
                    } else {
                        list.retain(|x| x != id);
                    }
                }
            }
        });
}
