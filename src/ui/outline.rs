//! The outline: the whole model as a tree (views; people; systems →
//! containers → components; databases → entities; APIs; event channels →
//! event types; enums), with a filter box. Selecting an item there selects
//! it and reveals it on the canvas.

use std::collections::BTreeSet;

use super::app::AppCommand;
use crate::model::{ContainerKind, Document, Id};

/// Draws the outline; pushes Reveal/OpenView commands.
pub fn outline_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &BTreeSet<Id>,
    current_view: Option<&str>,
    filter: &mut String,
    out: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        ui.strong(&doc.name);
    });
    ui.add(
        egui::TextEdit::singleline(filter)
            .hint_text("Filter the outline")
            .desired_width(f32::INFINITY),
    );
    ui.separator();
    let needle = filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if needle.is_empty() {
                tree(ui, doc, selection, current_view, out);
            } else {
                filtered(ui, doc, selection, &needle, out);
            }
        });
}

fn item(
    ui: &mut egui::Ui,
    selection: &BTreeSet<Id>,
    id: &str,
    text: String,
    out: &mut Vec<AppCommand>,
) {
    let r = ui.selectable_label(selection.contains(id), text);
    if r.clicked() {
        out.push(AppCommand::Reveal(id.to_owned()));
    }
    if r.double_clicked() {
        out.push(AppCommand::DrillInto(id.to_owned()));
    }
}

fn tree(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &BTreeSet<Id>,
    current_view: Option<&str>,
    out: &mut Vec<AppCommand>,
) {
    egui::CollapsingHeader::new(format!("Views ({})", doc.views.len()))
        .default_open(true)
        .show(ui, |ui| {
            for v in &doc.views {
                let title = view_title(doc, &v.id);
                if ui
                    .selectable_label(current_view == Some(v.id.as_str()), title)
                    .clicked()
                {
                    out.push(AppCommand::OpenView(v.id.clone()));
                }
            }
        });
    egui::CollapsingHeader::new(format!("People ({})", doc.people.len()))
        .default_open(true)
        .show(ui, |ui| {
            for p in &doc.people {
                item(ui, selection, &p.id, p.name.clone(), out);
            }
        });
    egui::CollapsingHeader::new(format!("Software systems ({})", doc.systems.len()))
        .default_open(true)
        .show(ui, |ui| {
            for s in &doc.systems {
                let containers: Vec<_> =
                    doc.containers.iter().filter(|c| c.system == s.id).collect();
                let label = format!("{}{}", s.name, if s.external { " (external)" } else { "" });
                if containers.is_empty() {
                    item(ui, selection, &s.id, label, out);
                    continue;
                }
                let header = egui::CollapsingHeader::new(label)
                    .id_salt(("system", &s.id))
                    .default_open(true)
                    .show(ui, |ui| {
                        for c in containers {
                            let components: Vec<_> = doc
                                .components
                                .iter()
                                .filter(|x| x.container == c.id)
                                .collect();
                            let label = format!("{}  ·  {}", c.name, c.kind.label().to_lowercase());
                            if components.is_empty() {
                                item(ui, selection, &c.id, label, out);
                                continue;
                            }
                            let inner = egui::CollapsingHeader::new(label)
                                .id_salt(("container", &c.id))
                                .show(ui, |ui| {
                                    for x in components {
                                        item(ui, selection, &x.id, x.name.clone(), out);
                                    }
                                });
                            if inner.header_response.clicked() {
                                out.push(AppCommand::Reveal(c.id.clone()));
                            }
                        }
                    });
                if header.header_response.clicked() {
                    out.push(AppCommand::Reveal(s.id.clone()));
                }
            }
        });
    let databases: Vec<_> = doc
        .containers
        .iter()
        .filter(|c| c.kind == ContainerKind::Database)
        .collect();
    egui::CollapsingHeader::new(format!("Data ({} entities)", doc.entities.len()))
        .default_open(false)
        .show(ui, |ui| {
            for db in databases {
                egui::CollapsingHeader::new(db.name.clone())
                    .id_salt(("db", &db.id))
                    .show(ui, |ui| {
                        for e in doc.entities.iter().filter(|e| e.store == db.id) {
                            item(ui, selection, &e.id, e.name.clone(), out);
                        }
                    });
            }
            if !doc.enums.is_empty() {
                egui::CollapsingHeader::new(format!("Enums ({})", doc.enums.len()))
                    .id_salt("enums")
                    .show(ui, |ui| {
                        for e in &doc.enums {
                            item(ui, selection, &e.id, e.name.clone(), out);
                        }
                    });
            }
        });
    egui::CollapsingHeader::new(format!("APIs ({})", doc.apis.len()))
        .default_open(false)
        .show(ui, |ui| {
            for a in &doc.apis {
                item(
                    ui,
                    selection,
                    &a.id,
                    format!("{} {}", a.name, a.version),
                    out,
                );
            }
        });
    egui::CollapsingHeader::new(format!("Events ({})", doc.events.len()))
        .default_open(false)
        .show(ui, |ui| {
            for e in &doc.events {
                let channel = doc.container(&e.channel).map_or("?", |c| c.name.as_str());
                item(
                    ui,
                    selection,
                    &e.id,
                    format!("{} on {channel}", e.name),
                    out,
                );
            }
        });
}

fn filtered(
    ui: &mut egui::Ui,
    doc: &Document,
    selection: &BTreeSet<Id>,
    needle: &str,
    out: &mut Vec<AppCommand>,
) {
    let matches =
        |name: &str, id: &str| name.to_lowercase().contains(needle) || id.contains(needle);
    let mut any = false;
    let mut row = |ui: &mut egui::Ui, id: &str, text: String| {
        any = true;
        item(ui, selection, id, text, out);
    };
    for p in doc.people.iter().filter(|p| matches(&p.name, &p.id)) {
        row(ui, &p.id, p.name.clone());
    }
    for s in doc.systems.iter().filter(|s| matches(&s.name, &s.id)) {
        row(ui, &s.id, format!("System {}", s.name));
    }
    for c in doc.containers.iter().filter(|c| matches(&c.name, &c.id)) {
        row(
            ui,
            &c.id,
            format!("{}  ·  {}", c.name, c.kind.label().to_lowercase()),
        );
    }
    for c in doc.components.iter().filter(|c| matches(&c.name, &c.id)) {
        row(ui, &c.id, format!("{}  ·  component", c.name));
    }
    for e in doc.entities.iter().filter(|e| {
        matches(&e.name, &e.id)
            || e.fields
                .iter()
                .any(|f| f.name.to_lowercase().contains(needle))
    }) {
        row(ui, &e.id, e.name.clone());
    }
    for a in doc.apis.iter().filter(|a| matches(&a.name, &a.id)) {
        row(ui, &a.id, format!("API {}", a.name));
    }
    for e in doc.events.iter().filter(|e| matches(&e.name, &e.id)) {
        row(ui, &e.id, format!("Event {}", e.name));
    }
    if !any {
        ui.weak("Nothing matches");
    }
}

/// A view's title: its own, or one made from its kind and scope.
pub fn view_title(doc: &Document, view: &str) -> String {
    let Some(v) = doc.view(view) else {
        return view.to_owned();
    };
    if !v.title.is_empty() {
        return v.title.clone();
    }
    let scope = v.kind.scope().and_then(|s| doc.item(s)).map(|i| match i {
        crate::model::ItemRef::System(s) => s.name.clone(),
        crate::model::ItemRef::Container(c) => c.name.clone(),
        other => other.id().clone(),
    });
    match scope {
        Some(name) => format!("{} for {name}", v.kind.diagram_type()),
        None => v.kind.diagram_type().to_owned(),
    }
}
