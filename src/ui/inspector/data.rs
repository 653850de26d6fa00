//! Data: entities (fields, keys, foreign keys, indexes and checks) and the
//! enums their fields use.

use super::{
    Inspector, choice_ui, named, none_or_field, pick_sized_ui, pick_ui, row_ui, split_list, was_ui,
};
use crate::model::{
    Check, DefaultValue, Document, Entity, EnumType, Field, FieldType, FkAction, ForeignKey, Id,
    Protection, Sensitivity, TableIndex, UniqueKey,
};

impl Inspector<'_> {
    pub(super) fn enum_ui(&mut self, ui: &mut egui::Ui, x: &mut EnumType) {
        egui::Grid::new("enum").num_columns(2).show(ui, |ui| {
            self.text_row_ui(ui, "SQL name", &mut x.name, false);
            let mut values = x.values.join(", ");
            self.text_row_ui(ui, "Values", &mut values, true);
            x.values = split_list(&values);
            self.text_row_ui(ui, "Comment", &mut x.comment, false);
        });
    }

    pub(super) fn entity_ui(&mut self, ui: &mut egui::Ui, x: &mut Entity) {
        let databases: Vec<(Id, String)> = self.containers(|c| c.kind.is_data_store());
        egui::Grid::new("entity").num_columns(2).show(ui, |ui| {
            self.text_row_ui(ui, "Table", &mut x.name, false);
            self.text_row_ui(ui, "Comment", &mut x.comment, true);
            row_ui(ui, "Database", |ui, row| {
                pick_ui(ui, row, "store", &mut x.store, &databases);
            });
            self.text_row_ui(ui, "Retention", &mut x.retention, false);
            row_ui(ui, "Tenant column", |ui, row| {
                let columns = none_or_field(&x.fields);
                let r = choice_ui(ui, "tenant", None, &mut x.tenant_column, &columns, |c| {
                    c.clone().unwrap_or_else(|| "not tenant-scoped".into())
                });
                named(r, row, "tenant");
            });
        });
        ui.separator();
        ui.strong("Fields");
        let pk = x.primary_key.clone();
        let mut new_pk = pk.clone();
        fields_table_ui(
            self,
            ui,
            "entity-fields",
            &x.id,
            &mut x.fields,
            Some(&mut new_pk),
        );
        // Keep the key's order; append new key columns at the end.
        x.primary_key = new_pk;
        ui.separator();
        self.foreign_keys_ui(ui, x);
        ui.separator();
        self.keys_and_indexes_ui(ui, x);
    }

    pub(super) fn foreign_keys_ui(&mut self, ui: &mut egui::Ui, x: &mut Entity) {
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
                    row_ui(ui, "References", |ui, row| {
                        pick_ui(
                            ui,
                            row,
                            &format!("fk-target-{i}"),
                            &mut fk.references,
                            &entities,
                        );
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
                        row_ui(ui, if j == 0 { "Columns" } else { "" }, |ui, row| {
                            ui.horizontal(|ui| {
                                // Both pickers share the line.
                                let w = ((ui.available_width() - 40.0) / 2.0).clamp(60.0, 160.0);
                                let (col, to) =
                                    (format!("fk-{i}-col-{j}"), format!("fk-{i}-to-{j}"));
                                pick_sized_ui(ui, row, &col, c, &own, w);
                                ui.label("to");
                                pick_sized_ui(ui, row, &to, t, &target_fields, w);
                            });
                        });
                    }
                    row_ui(ui, "On delete", |ui, row| {
                        action_ui(ui, row, &format!("fk-del-{i}"), &mut fk.on_delete);
                    });
                    row_ui(ui, "On update", |ui, row| {
                        action_ui(ui, row, &format!("fk-upd-{i}"), &mut fk.on_update);
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

    pub(super) fn keys_and_indexes_ui(&mut self, ui: &mut egui::Ui, x: &mut Entity) {
        ui.strong("Unique keys, indexes and checks");
        egui::Grid::new("keys").num_columns(2).show(ui, |ui| {
            let mut remove_unique = None;
            for (i, u) in x.unique.iter_mut().enumerate() {
                let mut cols = u.columns.join(", ");
                row_ui(ui, "Unique", |ui, row| {
                    ui.horizontal(|ui| {
                        self.text_leaving_ui(ui, row, &mut cols, false, 30.0);
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
                row_ui(ui, "Index", |ui, row| {
                    ui.horizontal(|ui| {
                        self.text_leaving_ui(ui, row, &mut cols, false, 100.0);
                        ui.checkbox(&mut ix.unique, "unique");
                        if ui.small_button("×").on_hover_text("Remove").clicked() {
                            remove_index = Some(i);
                        }
                    });
                });
                ix.columns = split_list(&cols);
                let mut predicate = ix.predicate.clone().unwrap_or_default();
                self.text_row_ui(ui, "  where", &mut predicate, false);
                ix.predicate = (!predicate.trim().is_empty()).then_some(predicate);
            }
            if let Some(i) = remove_index {
                x.indexes.remove(i);
            }
            let mut remove_check = None;
            for (i, c) in x.checks.iter_mut().enumerate() {
                row_ui(ui, "Check", |ui, row| {
                    ui.horizontal(|ui| {
                        self.text_leaving_ui(ui, row, &mut c.expression, false, 30.0);
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
}

/// The editable table of fields: add, remove, reorder, type, flags, default,
/// sensitivity, comment; with `pk`, a primary-key column too.
pub(super) fn fields_table_ui(
    ins: &mut Inspector<'_>,
    ui: &mut egui::Ui,
    salt: &str,
    owner: &str,
    fields: &mut Vec<Field>,
    mut pk: Option<&mut Vec<String>>,
) {
    let mut remove = None;
    let mut swap = None;
    let count = fields.len();
    // One block per field, its lines wrapping in a narrow panel: the name
    // with its moves and removal, then the type and flags, then the
    // default and sensitivity.
    for (i, f) in fields.iter_mut().enumerate() {
        let fill = if i % 2 == 1 {
            ui.visuals().faint_bg_color
        } else {
            egui::Color32::TRANSPARENT
        };
        egui::Frame::new()
            .fill(fill)
            .inner_margin(egui::Margin::symmetric(2, 3))
            .show(ui, |ui| {
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
                    let old_name = f.name.clone();
                    let width = (ui.available_width() - 30.0).clamp(80.0, 240.0);
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut f.name).desired_width(width))
                        .accessible_name("Field name");
                    if r.lost_focus() {
                        ins.focus_lost = true;
                    }
                    ins.record_rename(owner, &old_name, &f.name, &mut f.was);
                    if let Some(pk) = pk.as_deref_mut()
                        && old_name != f.name
                    {
                        for c in pk.iter_mut().filter(|c| **c == old_name) {
                            c.clone_from(&f.name);
                        }
                    }
                    if ui.small_button("×").on_hover_text("Remove field").clicked() {
                        remove = Some(i);
                    }
                });
                was_ui(ui, &mut f.was);
                ui.horizontal_wrapped(|ui| {
                    type_picker_ui(ui, &format!("{salt}-ty-{i}"), &mut f.ty, ins.doc);
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
                ui.horizontal_wrapped(|ui| {
                    default_ui(ins, ui, f);
                    let levels = [
                        Sensitivity::None,
                        Sensitivity::Personal,
                        Sensitivity::Secret,
                    ];
                    let sens = format!("{salt}-sens-{i}");
                    choice_ui(ui, sens, Some(70.0), &mut f.sensitivity, &levels, |s| {
                        format!("{s:?}")
                    })
                    .accessible_name("choice");
                    if f.sensitivity == Sensitivity::Secret {
                        let ways = [Protection::None, Protection::Hashed, Protection::Encrypted];
                        let prot = format!("{salt}-prot-{i}");
                        choice_ui(ui, prot, Some(70.0), &mut f.protection, &ways, |p| {
                            format!("{p:?}")
                        })
                        .accessible_name("choice");
                    }
                });
            });
    }
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
/// A field's default as text: a literal, `now()`, `random uuid` or
/// `sql: …`.
fn default_ui(ins: &mut Inspector<'_>, ui: &mut egui::Ui, f: &mut Field) {
    let mut default = match &f.default {
        None => String::new(),
        Some(DefaultValue::Value(v)) => v.clone(),
        Some(DefaultValue::Now) => "now()".into(),
        Some(DefaultValue::RandomUuid) => "random uuid".into(),
        Some(DefaultValue::Sql(s)) => format!("sql: {s}"),
    };
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut default)
                .hint_text("default")
                .desired_width(90.0),
        )
        .accessible_name("Default");
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
}

/// A type picker: the scalar types, varchar/decimal with their numbers,
/// enums of the model, and arrays of a scalar.
pub(super) fn type_picker_ui(ui: &mut egui::Ui, salt: &str, ty: &mut FieldType, doc: &Document) {
    ui.horizontal(|ui| {
        let is_array = matches!(ty, FieldType::Array(_));
        let mut inner = match &*ty {
            FieldType::Array(i) => (**i).clone(),
            other => other.clone(),
        };
        egui::ComboBox::from_id_salt(salt)
            .selected_text(short_type(&inner, doc))
            .width(110.0)
            .show_ui(ui, |ui| {
                for choice in FieldType::picker_choices() {
                    let same_kind =
                        std::mem::discriminant(&choice) == std::mem::discriminant(&inner);
                    if ui
                        .selectable_label(same_kind, short_type(&choice, doc))
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
            .response
            .accessible_name("choice");
        match &mut inner {
            FieldType::Varchar(n) => {
                ui.add(egui::DragValue::new(n).range(1..=65_535))
                    .accessible_name("Length");
            }
            FieldType::Decimal(p, s) => {
                ui.add(egui::DragValue::new(p).range(1..=65))
                    .accessible_name("Precision");
                let max = *p;
                ui.add(egui::DragValue::new(s).range(0..=max))
                    .accessible_name("Scale");
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

/// A type as the picker shows it: its kind (`varchar`, not `varchar(50)`:
/// the numbers have their own fields), an enum by its name.
pub(super) fn short_type(ty: &FieldType, doc: &Document) -> String {
    match ty {
        FieldType::Varchar(_) => "varchar".into(),
        FieldType::Decimal(..) => "decimal".into(),
        FieldType::Enum(id) => match doc.enum_type(id) {
            Some(e) => format!("enum {}", e.name),
            None => format!("enum {id}"),
        },
        other => other.to_string(),
    }
}

pub(super) fn action_ui(ui: &mut egui::Ui, name: &str, salt: &str, value: &mut FkAction) {
    let actions = [
        FkAction::NoAction,
        FkAction::Restrict,
        FkAction::Cascade,
        FkAction::SetNull,
        FkAction::SetDefault,
    ];
    let r = choice_ui(ui, salt, None, value, &actions, |a| a.sql().into());
    named(r, name, "choice");
}
