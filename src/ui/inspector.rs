//! The inspector: every property of the selected item, edited through
//! `Edit::Replace` (or `Edit::SetInfo` for the model). The UI edits a copy;
//! when the copy differs from the document it sends the edit. Typing in one
//! field merges into one undo step until the field loses focus.

use std::collections::BTreeSet;

use super::commands::AppCommand;
use crate::model::{
    Api, Body, Check, Component, Container, ContainerKind, DefaultValue, Document, Edit, Endpoint,
    Entity, EnumType, EventType, Field, FieldType, FkAction, ForeignKey, Id, Interaction, Item,
    ItemRef, KeyLocation, Method, ParamLocation, Parameter, Person, Protection, Relationship,
    Requirement, Response, SchemeKind, Sensitivity, Shape, SoftwareSystem, TableIndex, UniqueKey,
    View,
};

/// Draws the inspector for the selection.
pub fn inspector_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &BTreeSet<Id>,
    current_view: Option<&str>,
    out: &mut Vec<AppCommand>,
) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let mut ins = Inspector { doc, out, focus_lost: false };
        match selection.len() {
            0 => ins.model(ui, current_view),
            1 => {
                let id = selection.iter().next().cloned().unwrap_or_default();
                match doc.item(&id) {
                    Some(item) => ins.item(ui, item),
                    None => {
                        ui.weak("Nothing selected");
                    }
                }
            }
            n => {
                ui.heading(format!("{n} items selected"));
                ui.label("Drag to move them together; Delete removes them with what depends on them.");
                if ui.button("Delete selection").clicked() {
                    ins.out.push(AppCommand::Run(super::commands::Command::Delete));
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
    out: &'a mut Vec<AppCommand>,
    /// A text field lost focus this frame: the typing step is complete.
    focus_lost: bool,
}

/// While a text field has focus, its changes merge into one undo step.
fn typing_key(ui: &egui::Ui, what: &str) -> Option<String> {
    ui.ctx()
        .memory(egui::Memory::focused)
        .map(|f| format!("inspect {what} {f:?}"))
}

thread_local! {
    /// The label of the grid row being drawn, which names its widgets for
    /// screen readers (and for tests that find them).
    static ROW_LABEL: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// A labelled row in a two-column grid.
fn row(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.label(label);
    ROW_LABEL.with(|l| label.trim().clone_into(&mut l.borrow_mut()));
    add(ui);
    ROW_LABEL.with(|l| l.borrow_mut().clear());
    ui.end_row();
}

/// Gives a widget an accessible name: its row's label, else `fallback`.
fn a11y(r: egui::Response, fallback: &str) -> egui::Response {
    let name = ROW_LABEL.with(|l| l.borrow().clone());
    r.accessible_name(if name.is_empty() {
        fallback.to_owned()
    } else {
        name
    })
}

impl Inspector<'_> {
    fn text(&mut self, ui: &mut egui::Ui, value: &mut String, multiline: bool) {
        // Fill the column without widening the panel.
        let width = ui.available_width().clamp(120.0, 420.0);
        let edit = if multiline {
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(width)
        } else {
            egui::TextEdit::singleline(value).desired_width(width)
        };
        let r = a11y(ui.add(edit), "Text");
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

    fn model(&mut self, ui: &mut egui::Ui, current_view: Option<&str>) {
        ui.heading("Model");
        let mut name = self.doc.name.clone();
        let mut description = self.doc.description.clone();
        egui::Grid::new("model").num_columns(2).show(ui, |ui| {
            row(ui, "Name", |ui| self.text(ui, &mut name, false));
            row(ui, "Description", |ui| {
                self.text(ui, &mut description, true);
            });
        });
        if name != self.doc.name || description != self.doc.description {
            self.out.push(AppCommand::EditMerge {
                edit: Edit::SetInfo { name, description },
                label: "Edit model".into(),
                key: typing_key(ui, "model"),
            });
        }
        ui.separator();
        ui.label(format!(
            "{} people · {} systems · {} containers · {} components · {} relationships · {} entities · {} APIs · {} event types · {} views",
            self.doc.people.len(),
            self.doc.systems.len(),
            self.doc.containers.len(),
            self.doc.components.len(),
            self.doc.relationships.len(),
            self.doc.entities.len(),
            self.doc.apis.len(),
            self.doc.events.len(),
            self.doc.views.len()
        ));
        if let Some(view) = current_view.and_then(|v| self.doc.view(v)) {
            ui.separator();
            self.view(ui, view);
        }
    }

    fn item(&mut self, ui: &mut egui::Ui, item: ItemRef<'_>) {
        let old = item.to_owned();
        let mut new = old.clone();
        ui.horizontal(|ui| {
            ui.heading(item.kind().label().to_string());
            ui.weak(item.id());
        });
        match &mut new {
            Item::Person(x) => self.person(ui, x),
            Item::System(x) => self.system(ui, x),
            Item::Container(x) => self.container(ui, x),
            Item::Component(x) => self.component(ui, x),
            Item::Relationship(x) => self.relationship(ui, x),
            Item::Enum(x) => self.enumeration(ui, x),
            Item::Entity(x) => self.entity(ui, x),
            Item::Api(x) => self.api(ui, x),
            Item::Event(x) => self.event(ui, x),
            Item::View(x) => {
                let view = x.clone();
                self.view(ui, &view);
            }
        }
        let label = format!("Edit {}", item.kind().label());
        self.commit(ui, &old, new, &label);
        if item.kind().is_element() {
            ui.separator();
            self.connect_to(ui, item.id());
        }
        ui.separator();
        if ui
            .button("Delete")
            .on_hover_text("Delete with everything that depends on it (undoable)")
            .clicked()
        {
            self.out
                .push(AppCommand::Run(super::commands::Command::Delete));
        }
    }

    fn connect_to(&mut self, ui: &mut egui::Ui, from: &str) {
        ui.horizontal(|ui| {
            ui.label("Connect to");
            a11y(
                egui::ComboBox::from_id_salt("connect-to")
                    .selected_text("choose an element…")
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for (id, name) in
                            elements(self.doc).into_iter().filter(|(id, _)| id != from)
                        {
                            if ui.selectable_label(false, name).clicked() {
                                self.out.push(AppCommand::Connect {
                                    from: from.to_owned(),
                                    to: id,
                                });
                            }
                        }
                    })
                    .response,
                "connect to",
            );
        });
    }

    fn common(
        &mut self,
        ui: &mut egui::Ui,
        name: &mut String,
        description: &mut String,
        tags: &mut Vec<String>,
    ) {
        row(ui, "Name", |ui| {
            self.text(ui, name, false);
        });
        row(ui, "Description", |ui| {
            self.text(ui, description, true);
        });
        let mut t = tags.join(", ");
        row(ui, "Tags", |ui| {
            self.text(ui, &mut t, false);
        });
        *tags = split_list(&t);
    }

    fn person(&mut self, ui: &mut egui::Ui, x: &mut Person) {
        egui::Grid::new("person").num_columns(2).show(ui, |ui| {
            self.common(ui, &mut x.name, &mut x.description, &mut x.tags);
            row(ui, "External", |ui| {
                ui.checkbox(&mut x.external, "outside the organisation");
            });
        });
    }

    fn system(&mut self, ui: &mut egui::Ui, x: &mut SoftwareSystem) {
        egui::Grid::new("system").num_columns(2).show(ui, |ui| {
            self.common(ui, &mut x.name, &mut x.description, &mut x.tags);
            row(ui, "External", |ui| {
                ui.checkbox(&mut x.external, "not built by us");
            });
        });
        if !x.external && ui.button("Open containers view").clicked() {
            self.out.push(AppCommand::DrillInto(x.id.clone()));
        }
    }

    fn container(&mut self, ui: &mut egui::Ui, x: &mut Container) {
        let systems: Vec<(Id, String)> = self
            .doc
            .systems
            .iter()
            .map(|s| (s.id.clone(), s.name.clone()))
            .collect();
        egui::Grid::new("container").num_columns(2).show(ui, |ui| {
            self.common(ui, &mut x.name, &mut x.description, &mut x.tags);
            row(ui, "Kind", |ui| {
                a11y(
                    egui::ComboBox::from_id_salt("kind")
                        .selected_text(x.kind.label())
                        .show_ui(ui, |ui| {
                            for k in ContainerKind::ALL {
                                ui.selectable_value(&mut x.kind, k, k.label());
                            }
                        })
                        .response,
                    "kind",
                );
            });
            row(ui, "Technology", |ui| {
                self.text(ui, &mut x.technology, false);
            });
            row(ui, "System", |ui| {
                pick(ui, "system", &mut x.system, &systems);
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
    }

    fn component(&mut self, ui: &mut egui::Ui, x: &mut Component) {
        let containers: Vec<(Id, String)> = self
            .doc
            .containers
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        egui::Grid::new("component").num_columns(2).show(ui, |ui| {
            self.common(ui, &mut x.name, &mut x.description, &mut x.tags);
            row(ui, "Technology", |ui| {
                self.text(ui, &mut x.technology, false);
            });
            row(ui, "Container", |ui| {
                pick(ui, "container", &mut x.container, &containers);
            });
        });
    }

    fn relationship(&mut self, ui: &mut egui::Ui, x: &mut Relationship) {
        let all = elements(self.doc);
        egui::Grid::new("relationship")
            .num_columns(2)
            .show(ui, |ui| {
                row(ui, "Description", |ui| {
                    self.text(ui, &mut x.description, false);
                });
                row(ui, "Technology", |ui| {
                    self.text(ui, &mut x.technology, false);
                });
                row(ui, "Interaction", |ui| {
                    ui.radio_value(&mut x.interaction, Interaction::Sync, "Sync");
                    ui.radio_value(&mut x.interaction, Interaction::Async, "Async");
                });
                row(ui, "From", |ui| pick(ui, "from", &mut x.from, &all));
                row(ui, "To", |ui| pick(ui, "to", &mut x.to, &all));
            });
    }

    fn enumeration(&mut self, ui: &mut egui::Ui, x: &mut EnumType) {
        egui::Grid::new("enum").num_columns(2).show(ui, |ui| {
            row(ui, "SQL name", |ui| {
                self.text(ui, &mut x.name, false);
            });
            let mut values = x.values.join(", ");
            row(ui, "Values", |ui| {
                self.text(ui, &mut values, true);
            });
            x.values = split_list(&values);
            row(ui, "Comment", |ui| {
                self.text(ui, &mut x.comment, false);
            });
        });
    }

    fn entity(&mut self, ui: &mut egui::Ui, x: &mut Entity) {
        let databases: Vec<(Id, String)> = self
            .doc
            .containers
            .iter()
            .filter(|c| c.kind.is_data_store())
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        egui::Grid::new("entity").num_columns(2).show(ui, |ui| {
            row(ui, "Table", |ui| {
                self.text(ui, &mut x.name, false);
            });
            row(ui, "Comment", |ui| {
                self.text(ui, &mut x.comment, true);
            });
            row(ui, "Database", |ui| {
                pick(ui, "store", &mut x.store, &databases);
            });
            row(ui, "Retention", |ui| {
                self.text(ui, &mut x.retention, false);
            });
            row(ui, "Tenant column", |ui| {
                let shown = x
                    .tenant_column
                    .clone()
                    .unwrap_or_else(|| "not tenant-scoped".into());
                a11y(
                    egui::ComboBox::from_id_salt("tenant")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut x.tenant_column, None, "not tenant-scoped");
                            for f in &x.fields {
                                ui.selectable_value(
                                    &mut x.tenant_column,
                                    Some(f.name.clone()),
                                    &f.name,
                                );
                            }
                        })
                        .response,
                    "tenant",
                );
            });
        });
        ui.separator();
        ui.strong("Fields");
        let pk = x.primary_key.clone();
        let mut new_pk = pk.clone();
        fields_table(self, ui, "entity-fields", &mut x.fields, Some(&mut new_pk));
        // Keep the key's order; append new key columns at the end.
        x.primary_key = new_pk;
        ui.separator();
        self.foreign_keys(ui, x);
        ui.separator();
        self.keys_and_indexes(ui, x);
    }

    fn foreign_keys(&mut self, ui: &mut egui::Ui, x: &mut Entity) {
        ui.strong("Foreign keys");
        let entities: Vec<(Id, String)> = self
            .doc
            .entities
            .iter()
            .filter(|e| e.store == x.store)
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        let own: Vec<(String, String)> = x
            .fields
            .iter()
            .map(|f| (f.name.clone(), f.name.clone()))
            .collect();
        let mut remove = None;
        for (i, fk) in x.foreign_keys.iter_mut().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new(("fk", i)).num_columns(2).show(ui, |ui| {
                    row(ui, "References", |ui| {
                        pick(ui, &format!("fk-target-{i}"), &mut fk.references, &entities);
                    });
                    let target_fields: Vec<(String, String)> = self
                        .doc
                        .entity(&fk.references)
                        .map(|t| {
                            t.fields
                                .iter()
                                .map(|f| (f.name.clone(), f.name.clone()))
                                .collect()
                        })
                        .unwrap_or_default();
                    for (j, (c, t)) in fk
                        .columns
                        .iter_mut()
                        .zip(fk.to_columns.iter_mut())
                        .enumerate()
                    {
                        row(ui, if j == 0 { "Columns" } else { "" }, |ui| {
                            ui.horizontal(|ui| {
                                pick(ui, &format!("fk-{i}-col-{j}"), c, &own);
                                ui.label("to");
                                pick(ui, &format!("fk-{i}-to-{j}"), t, &target_fields);
                            });
                        });
                    }
                    row(ui, "On delete", |ui| {
                        action(ui, &format!("fk-del-{i}"), &mut fk.on_delete);
                    });
                    row(ui, "On update", |ui| {
                        action(ui, &format!("fk-upd-{i}"), &mut fk.on_update);
                    });
                });
                ui.horizontal(|ui| {
                    if ui.small_button("+ column pair").clicked() {
                        fk.columns
                            .push(own.first().map(|o| o.0.clone()).unwrap_or_default());
                        fk.to_columns.push(String::new());
                    }
                    if fk.columns.len() > 1 && ui.small_button("− last pair").clicked() {
                        fk.columns.pop();
                        fk.to_columns.pop();
                    }
                    if ui.small_button("Remove foreign key").clicked() {
                        remove = Some(i);
                    }
                });
            });
        }
        if let Some(i) = remove {
            x.foreign_keys.remove(i);
        }
        if ui.button("+ Foreign key").clicked() {
            let target = entities
                .iter()
                .find(|(id, _)| *id != x.id)
                .or(entities.first())
                .map(|(id, _)| id.clone());
            if let Some(target) = target {
                let to = self
                    .doc
                    .entity(&target)
                    .and_then(|t| t.primary_key.first().cloned())
                    .unwrap_or_default();
                let column = x
                    .fields
                    .iter()
                    .find(|f| !x.primary_key.contains(&f.name))
                    .map(|f| f.name.clone())
                    .unwrap_or_default();
                x.foreign_keys.push(ForeignKey {
                    name: None,
                    columns: vec![column],
                    references: target,
                    to_columns: vec![to],
                    on_delete: FkAction::NoAction,
                    on_update: FkAction::NoAction,
                });
            }
        }
    }

    fn keys_and_indexes(&mut self, ui: &mut egui::Ui, x: &mut Entity) {
        ui.strong("Unique keys, indexes and checks");
        egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
            let mut remove_unique = None;
            for (i, u) in x.unique.iter_mut().enumerate() {
                let mut cols = u.columns.join(", ");
                row(ui, "Unique", |ui| {
                    ui.horizontal(|ui| {
                        self.text(ui, &mut cols, false);
                        if ui.small_button("×").on_hover_text("Remove").clicked() {
                            remove_unique = Some(i);
                        }
                    });
                });
                u.columns = split_list(&cols);
            }
            if let Some(i) = remove_unique {
                x.unique.remove(i);
            }
            let mut remove_index = None;
            for (i, ix) in x.indexes.iter_mut().enumerate() {
                let mut cols = ix.columns.join(", ");
                row(ui, "Index", |ui| {
                    ui.horizontal(|ui| {
                        self.text(ui, &mut cols, false);
                        ui.checkbox(&mut ix.unique, "unique");
                        if ui.small_button("×").on_hover_text("Remove").clicked() {
                            remove_index = Some(i);
                        }
                    });
                });
                ix.columns = split_list(&cols);
                let mut predicate = ix.predicate.clone().unwrap_or_default();
                row(ui, "  where", |ui| {
                    self.text(ui, &mut predicate, false);
                });
                ix.predicate = (!predicate.trim().is_empty()).then_some(predicate);
            }
            if let Some(i) = remove_index {
                x.indexes.remove(i);
            }
            let mut remove_check = None;
            for (i, c) in x.checks.iter_mut().enumerate() {
                row(ui, "Check", |ui| {
                    ui.horizontal(|ui| {
                        self.text(ui, &mut c.expression, false);
                        if ui.small_button("×").on_hover_text("Remove").clicked() {
                            remove_check = Some(i);
                        }
                    });
                });
            }
            if let Some(i) = remove_check {
                x.checks.remove(i);
            }
        });
        ui.horizontal(|ui| {
            let first = x.fields.first().map(|f| f.name.clone()).unwrap_or_default();
            if ui.button("+ Unique key").clicked() {
                x.unique.push(UniqueKey {
                    name: None,
                    columns: vec![first.clone()],
                });
            }
            if ui.button("+ Index").clicked() {
                x.indexes.push(TableIndex {
                    name: None,
                    columns: vec![first],
                    unique: false,
                    predicate: None,
                });
            }
            if ui.button("+ Check").clicked() {
                x.checks.push(Check {
                    name: None,
                    expression: "true".into(),
                });
            }
        });
    }

    fn api(&mut self, ui: &mut egui::Ui, x: &mut Api) {
        let services: Vec<(Id, String)> = self
            .doc
            .containers
            .iter()
            .filter(|c| c.kind.runs_code())
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        egui::Grid::new("api").num_columns(2).show(ui, |ui| {
            row(ui, "Name", |ui| {
                self.text(ui, &mut x.name, false);
            });
            row(ui, "Version", |ui| {
                self.text(ui, &mut x.version, false);
            });
            row(ui, "Base path", |ui| {
                self.text(ui, &mut x.base_path, false);
            });
            let mut servers = x.servers.join(", ");
            row(ui, "Servers", |ui| {
                self.text(ui, &mut servers, false);
            });
            x.servers = split_list(&servers);
            row(ui, "Description", |ui| {
                self.text(ui, &mut x.description, true);
            });
            row(ui, "Service", |ui| {
                pick(ui, "service", &mut x.service, &services);
            });
        });
        ui.separator();
        ui.strong("Security schemes");
        for s in &x.security_schemes {
            let kind = match &s.kind {
                SchemeKind::BearerJwt => "bearer JWT".to_owned(),
                SchemeKind::OAuth2 { scopes, .. } => format!("OAuth2, {} scopes", scopes.len()),
                SchemeKind::ApiKey { location, name } => format!(
                    "API key {name} in {}",
                    match location {
                        KeyLocation::Header => "header",
                        KeyLocation::Query => "query",
                        KeyLocation::Cookie => "cookie",
                    }
                ),
            };
            ui.label(format!("{} — {kind}", s.name));
        }
        ui.separator();
        ui.strong(format!("Endpoints ({})", x.endpoints.len()));
        let schemes: Vec<String> = x.security_schemes.iter().map(|s| s.name.clone()).collect();
        let mut remove = None;
        for (i, ep) in x.endpoints.iter_mut().enumerate() {
            let header = format!("{} {}", ep.method.as_str(), ep.path);
            egui::CollapsingHeader::new(header)
                .id_salt(("ep", i))
                .show(ui, |ui| {
                    self.endpoint(ui, i, ep, &schemes);
                    if ui.small_button("Remove endpoint").clicked() {
                        remove = Some(i);
                    }
                });
        }
        if let Some(i) = remove {
            x.endpoints.remove(i);
        }
        if ui.button("+ Endpoint").clicked() {
            let mut n = x.endpoints.len() + 1;
            let mut op = format!("operation{n}");
            while x.endpoints.iter().any(|e| e.operation_id == op) {
                n += 1;
                op = format!("operation{n}");
            }
            let mut ep = Endpoint::new(Method::Get, format!("/resource{n}"), op);
            ep.responses.push(Response {
                status: 200,
                description: "OK".into(),
                body: None,
            });
            if let Some(s) = schemes.first() {
                ep.security.push(Requirement {
                    scheme: s.clone(),
                    scopes: Vec::new(),
                });
            }
            x.endpoints.push(ep);
        }
    }

    fn endpoint(&mut self, ui: &mut egui::Ui, i: usize, ep: &mut Endpoint, schemes: &[String]) {
        let entities: Vec<(Id, String)> = self
            .doc
            .entities
            .iter()
            .map(|e| (e.id.clone(), e.name.clone()))
            .collect();
        egui::Grid::new(("endpoint", i))
            .num_columns(2)
            .show(ui, |ui| {
                row(ui, "Method", |ui| {
                    a11y(
                        egui::ComboBox::from_id_salt(("method", i))
                            .selected_text(ep.method.as_str())
                            .show_ui(ui, |ui| {
                                for m in Method::ALL {
                                    ui.selectable_value(&mut ep.method, m, m.as_str());
                                }
                            })
                            .response,
                        "choice",
                    );
                });
                row(ui, "Path", |ui| {
                    self.text(ui, &mut ep.path, false);
                });
                row(ui, "Operation id", |ui| {
                    self.text(ui, &mut ep.operation_id, false);
                });
                row(ui, "Summary", |ui| {
                    self.text(ui, &mut ep.summary, false);
                });
                row(ui, "Options", |ui| {
                    ui.horizontal(|ui| {
                        ui.checkbox(&mut ep.paginated, "paginated");
                        ui.checkbox(&mut ep.public, "public");
                    });
                });
                let mut scopes = ep
                    .security
                    .iter()
                    .map(|r| {
                        if r.scopes.is_empty() {
                            r.scheme.clone()
                        } else {
                            format!("{}: {}", r.scheme, r.scopes.join(" "))
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                row(ui, "Security", |ui| {
                    self.text(ui, &mut scopes, false);
                });
                ep.security = scopes
                    .split(';')
                    .filter_map(|alt| {
                        let alt = alt.trim();
                        if alt.is_empty() {
                            return None;
                        }
                        let (scheme, scopes) = alt.split_once(':').unwrap_or((alt, ""));
                        Some(Requirement {
                            scheme: scheme.trim().to_owned(),
                            scopes: scopes.split_whitespace().map(str::to_owned).collect(),
                        })
                    })
                    .collect();
                if !schemes.is_empty() {
                    row(ui, "", |ui| {
                        ui.weak(format!(
                            "schemes: {} — write `scheme: scope scope; other`",
                            schemes.join(", ")
                        ));
                    });
                }
                let mut roles = ep.roles.join(", ");
                row(ui, "Roles", |ui| {
                    self.text(ui, &mut roles, false);
                });
                ep.roles = split_list(&roles);
                row(ui, "Request", |ui| {
                    body_picker(ui, &format!("req-{i}"), &mut ep.request, &entities);
                });
            });
        ui.label("Parameters");
        let mut remove = None;
        for (j, p) in ep.parameters.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let r = a11y(
                    ui.add(egui::TextEdit::singleline(&mut p.name).desired_width(110.0)),
                    "Parameter name",
                );
                if r.lost_focus() {
                    self.focus_lost = true;
                }
                a11y(
                    egui::ComboBox::from_id_salt(("param-in", i, j))
                        .width(70.0)
                        .selected_text(format!("{:?}", p.location))
                        .show_ui(ui, |ui| {
                            for l in [
                                ParamLocation::Path,
                                ParamLocation::Query,
                                ParamLocation::Header,
                            ] {
                                ui.selectable_value(&mut p.location, l, format!("{l:?}"));
                            }
                        })
                        .response,
                    "choice",
                );
                type_picker(ui, &format!("param-ty-{i}-{j}"), &mut p.ty, self.doc);
                ui.checkbox(&mut p.required, "req.");
                if ui.small_button("×").clicked() {
                    remove = Some(j);
                }
            });
        }
        if let Some(j) = remove {
            ep.parameters.remove(j);
        }
        if ui.small_button("+ Parameter").clicked() {
            ep.parameters.push(Parameter {
                name: format!("param{}", ep.parameters.len() + 1),
                location: ParamLocation::Query,
                ty: FieldType::Text,
                required: false,
                description: String::new(),
            });
        }
        ui.label("Responses");
        let mut remove = None;
        for (j, r) in ep.responses.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                a11y(
                    ui.add(egui::DragValue::new(&mut r.status).range(100..=599)),
                    "Status",
                );
                let t = a11y(
                    ui.add(egui::TextEdit::singleline(&mut r.description).desired_width(120.0)),
                    "Response description",
                );
                if t.lost_focus() {
                    self.focus_lost = true;
                }
                body_picker(ui, &format!("resp-{i}-{j}"), &mut r.body, &entities);
                if ui.small_button("×").clicked() {
                    remove = Some(j);
                }
            });
        }
        if let Some(j) = remove {
            ep.responses.remove(j);
        }
        if ui.small_button("+ Response").clicked() {
            ep.responses.push(Response {
                status: 400,
                description: "Bad request".into(),
                body: None,
            });
        }
    }

    fn event(&mut self, ui: &mut egui::Ui, x: &mut EventType) {
        let channels: Vec<(Id, String)> = self
            .doc
            .containers
            .iter()
            .filter(|c| c.kind.is_channel())
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        egui::Grid::new("event").num_columns(2).show(ui, |ui| {
            row(ui, "Name", |ui| {
                self.text(ui, &mut x.name, false);
            });
            row(ui, "Description", |ui| {
                self.text(ui, &mut x.description, true);
            });
            row(ui, "Channel", |ui| {
                pick(ui, "channel", &mut x.channel, &channels);
            });
            row(ui, "Key", |ui| {
                let shown = x.key.clone().unwrap_or_else(|| "none".into());
                a11y(
                    egui::ComboBox::from_id_salt("event-key")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut x.key, None, "none");
                            for f in &x.payload {
                                ui.selectable_value(&mut x.key, Some(f.name.clone()), &f.name);
                            }
                        })
                        .response,
                    "event key",
                );
            });
        });
        ui.strong("Payload");
        fields_table(self, ui, "payload", &mut x.payload, None);
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
        ui.columns(2, |cols| {
            cols[0].strong("Producers");
            membership(&mut cols[0], "producers", &mut x.producers, &units);
            cols[1].strong("Consumers");
            membership(&mut cols[1], "consumers", &mut x.consumers, &units);
        });
    }

    fn view(&mut self, ui: &mut egui::Ui, v: &View) {
        ui.strong("View");
        let mut title = v.title.clone();
        egui::Grid::new("view").num_columns(2).show(ui, |ui| {
            row(ui, "Title", |ui| {
                self.text(ui, &mut title, false);
            });
            row(ui, "Shows", |ui| {
                ui.label(crate::model::c4::view_title(self.doc, v));
            });
            row(ui, "Placed", |ui| {
                ui.label(format!(
                    "{} elements have saved positions",
                    v.positions.len()
                ));
            });
        });
        if title != v.title {
            let mut new = v.clone();
            new.title = title;
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

/// A combo box choosing one id among `options` (id, label).
fn pick(ui: &mut egui::Ui, salt: &str, value: &mut String, options: &[(String, String)]) {
    let shown = options
        .iter()
        .find(|(id, _)| id == value)
        .map_or_else(|| value.clone(), |(_, l)| l.clone());
    a11y(
        egui::ComboBox::from_id_salt(salt)
            .selected_text(shown)
            .width(180.0)
            .show_ui(ui, |ui| {
                for (id, label) in options {
                    ui.selectable_value(value, id.clone(), label);
                }
            })
            .response,
        "choice",
    );
}

fn membership(ui: &mut egui::Ui, salt: &str, list: &mut Vec<Id>, options: &[(Id, String)]) {
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

fn action(ui: &mut egui::Ui, salt: &str, value: &mut FkAction) {
    a11y(
        egui::ComboBox::from_id_salt(salt)
            .selected_text(value.sql())
            .show_ui(ui, |ui| {
                for a in [
                    FkAction::NoAction,
                    FkAction::Restrict,
                    FkAction::Cascade,
                    FkAction::SetNull,
                    FkAction::SetDefault,
                ] {
                    ui.selectable_value(value, a, a.sql());
                }
            })
            .response,
        "choice",
    );
}

fn body_picker(ui: &mut egui::Ui, salt: &str, body: &mut Option<Body>, entities: &[(Id, String)]) {
    let text = match body {
        None => "no body".to_owned(),
        Some(Body::Entity { entity, shape }) => format!("{entity} ({shape:?})"),
        Some(Body::List { entity }) => format!("list of {entity}"),
        Some(Body::Fields(f)) => format!("{} fields", f.len()),
    };
    a11y(
        egui::ComboBox::from_id_salt(salt)
            .selected_text(text)
            .width(160.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(body.is_none(), "no body").clicked() {
                    *body = None;
                }
                for (id, name) in entities {
                    for shape in [Shape::Read, Shape::Create, Shape::Update] {
                        let b = Body::Entity {
                            entity: id.clone(),
                            shape,
                        };
                        if ui
                            .selectable_label(
                                body.as_ref() == Some(&b),
                                format!("{name} ({shape:?})"),
                            )
                            .clicked()
                        {
                            *body = Some(b);
                        }
                    }
                    let b = Body::List { entity: id.clone() };
                    if ui
                        .selectable_label(body.as_ref() == Some(&b), format!("list of {name}"))
                        .clicked()
                    {
                        *body = Some(b);
                    }
                }
            })
            .response,
        "choice",
    );
}

/// A type picker: the scalar types, varchar/decimal with their numbers,
/// enums of the model, and arrays of a scalar.
fn type_picker(ui: &mut egui::Ui, salt: &str, ty: &mut FieldType, doc: &Document) {
    ui.horizontal(|ui| {
        let is_array = matches!(ty, FieldType::Array(_));
        let mut inner = match &*ty {
            FieldType::Array(i) => (**i).clone(),
            other => other.clone(),
        };
        a11y(
            egui::ComboBox::from_id_salt(salt)
                .selected_text(short_type(&inner))
                .width(110.0)
                .show_ui(ui, |ui| {
                    for choice in FieldType::picker_choices() {
                        let same_kind =
                            std::mem::discriminant(&choice) == std::mem::discriminant(&inner);
                        if ui
                            .selectable_label(same_kind, short_type(&choice))
                            .clicked()
                            && !same_kind
                        {
                            inner = choice;
                        }
                    }
                    for e in &doc.enums {
                        let choice = FieldType::Enum(e.id.clone());
                        if ui
                            .selectable_label(inner == choice, format!("enum {}", e.name))
                            .clicked()
                        {
                            inner = choice;
                        }
                    }
                })
                .response,
            "choice",
        );
        match &mut inner {
            FieldType::Varchar(n) => {
                a11y(ui.add(egui::DragValue::new(n).range(1..=65_535)), "Length");
            }
            FieldType::Decimal(p, s) => {
                a11y(ui.add(egui::DragValue::new(p).range(1..=65)), "Precision");
                let max = *p;
                a11y(ui.add(egui::DragValue::new(s).range(0..=max)), "Scale");
            }
            _ => {}
        }
        let mut array = is_array;
        ui.checkbox(&mut array, "[]")
            .on_hover_text("An array of this type");
        *ty = if array {
            FieldType::Array(Box::new(inner))
        } else {
            inner
        };
    });
}

fn short_type(ty: &FieldType) -> String {
    match ty {
        FieldType::Varchar(_) => "varchar".into(),
        FieldType::Decimal(..) => "decimal".into(),
        other => other.to_string(),
    }
}

/// The editable table of fields: add, remove, reorder, type, flags, default,
/// sensitivity, comment; with `pk`, a primary-key column too.
fn fields_table(
    ins: &mut Inspector<'_>,
    ui: &mut egui::Ui,
    salt: &str,
    fields: &mut Vec<Field>,
    mut pk: Option<&mut Vec<String>>,
) {
    let mut remove = None;
    let mut swap = None;
    let count = fields.len();
    egui::Grid::new(salt)
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for (i, f) in fields.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(i > 0, egui::Button::new("up").small())
                        .on_hover_text("Move up")
                        .clicked()
                    {
                        swap = Some((i - 1, i));
                    }
                    if ui
                        .add_enabled(i + 1 < count, egui::Button::new("down").small())
                        .on_hover_text("Move down")
                        .clicked()
                    {
                        swap = Some((i, i + 1));
                    }
                });
                let old_name = f.name.clone();
                let r = a11y(
                    ui.add(egui::TextEdit::singleline(&mut f.name).desired_width(120.0)),
                    "Field name",
                );
                if r.lost_focus() {
                    ins.focus_lost = true;
                }
                if let Some(pk) = pk.as_deref_mut()
                    && old_name != f.name
                {
                    for c in pk.iter_mut().filter(|c| **c == old_name) {
                        c.clone_from(&f.name);
                    }
                }
                type_picker(ui, &format!("{salt}-ty-{i}"), &mut f.ty, ins.doc);
                if ui.small_button("×").on_hover_text("Remove field").clicked() {
                    remove = Some(i);
                }
                ui.end_row();

                ui.label("");
                ui.horizontal(|ui| {
                    if let Some(pk) = pk.as_deref_mut() {
                        let mut on = pk.contains(&f.name);
                        if ui
                            .checkbox(&mut on, "PK")
                            .on_hover_text("Part of the primary key")
                            .changed()
                        {
                            if on {
                                pk.push(f.name.clone());
                            } else {
                                pk.retain(|c| *c != f.name);
                            }
                        }
                    }
                    ui.checkbox(&mut f.nullable, "null")
                        .on_hover_text("Nullable");
                    ui.checkbox(&mut f.unique, "uniq").on_hover_text("Unique");
                    if f.ty.is_integer() {
                        ui.checkbox(&mut f.identity, "ident")
                            .on_hover_text("Generated by the database");
                    }
                });
                ui.horizontal(|ui| {
                    let mut default = match &f.default {
                        None => String::new(),
                        Some(DefaultValue::Value(v)) => v.clone(),
                        Some(DefaultValue::Now) => "now()".into(),
                        Some(DefaultValue::RandomUuid) => "random uuid".into(),
                        Some(DefaultValue::Sql(s)) => format!("sql: {s}"),
                    };
                    let r = a11y(
                        ui.add(
                            egui::TextEdit::singleline(&mut default)
                                .hint_text("default")
                                .desired_width(90.0),
                        ),
                        "Default",
                    );
                    if r.lost_focus() {
                        ins.focus_lost = true;
                    }
                    f.default = match default.trim() {
                        "" => None,
                        "now()" => Some(DefaultValue::Now),
                        "random uuid" => Some(DefaultValue::RandomUuid),
                        other => match other.strip_prefix("sql:") {
                            Some(sql) => Some(DefaultValue::Sql(sql.trim().to_owned())),
                            None => Some(DefaultValue::Value(default.clone())),
                        },
                    };
                    a11y(
                        egui::ComboBox::from_id_salt(format!("{salt}-sens-{i}"))
                            .width(70.0)
                            .selected_text(format!("{:?}", f.sensitivity))
                            .show_ui(ui, |ui| {
                                for s in [
                                    Sensitivity::None,
                                    Sensitivity::Personal,
                                    Sensitivity::Secret,
                                ] {
                                    ui.selectable_value(&mut f.sensitivity, s, format!("{s:?}"));
                                }
                            })
                            .response,
                        "choice",
                    );
                    if f.sensitivity == Sensitivity::Secret {
                        a11y(
                            egui::ComboBox::from_id_salt(format!("{salt}-prot-{i}"))
                                .width(70.0)
                                .selected_text(format!("{:?}", f.protection))
                                .show_ui(ui, |ui| {
                                    for p in [
                                        Protection::None,
                                        Protection::Hashed,
                                        Protection::Encrypted,
                                    ] {
                                        ui.selectable_value(&mut f.protection, p, format!("{p:?}"));
                                    }
                                })
                                .response,
                            "choice",
                        );
                    }
                });
                ui.label("");
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        let name = fields.remove(i).name;
        if let Some(pk) = pk {
            pk.retain(|c| *c != name);
        }
    }
    if let Some((a, b)) = swap {
        fields.swap(a, b);
    }
    if ui.button("+ Field").clicked() {
        let mut n = fields.len() + 1;
        let mut name = format!("field_{n}");
        while fields.iter().any(|f| f.name == name) {
            n += 1;
            name = format!("field_{n}");
        }
        fields.push(Field::new(name, FieldType::Text));
    }
}
