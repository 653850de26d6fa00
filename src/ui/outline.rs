//! The outline: the whole model as a tree (views; people; systems →
//! containers → components; databases → entities; APIs; event channels →
//! event types; enums), with a filter box. Selecting an item there selects
//! it and reveals it on the canvas.
//!
//! A model can have thousands of elements: rows scrolled out of sight only
//! take their height (no text is formatted, no widget made), and children
//! are grouped under their parents in one pass, not searched for per parent.

use std::collections::{BTreeSet, HashMap};

use super::actions;
use super::commands::AppCommand;
use crate::model::{ContainerKind, Document, Id, View, c4};

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
    )
    .accessible_name("Filter the outline");
    ui.separator();
    let needle = filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let mut rows = Rows {
                doc,
                view: current_view.and_then(|v| doc.view(v)),
                selection,
                out,
                height: None,
            };
            if needle.is_empty() {
                tree_ui(ui, doc, current_view, &mut rows);
            } else {
                filtered_ui(ui, doc, &needle, &mut rows);
            }
        });
}

/// Emits the item rows of the outline.
struct Rows<'a> {
    doc: &'a Document,
    /// The current view, for "Add to / Remove from this view".
    view: Option<&'a View>,
    selection: &'a BTreeSet<Id>,
    out: &'a mut Vec<AppCommand>,
    /// The height of a one-line row, once one has been laid out.
    height: Option<f32>,
}

impl Rows<'_> {
    /// A row for an item. `text` is only made when the row can be seen;
    /// `one_line` says the text has no line break (the row then has the
    /// height of any other, and is skipped when out of sight).
    fn item_ui(
        &mut self,
        ui: &mut egui::Ui,
        id: &str,
        one_line: bool,
        text: impl FnOnce() -> String,
    ) {
        if let Some(h) = self.height.filter(|_| one_line) {
            let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(1.0, h));
            if !ui.is_rect_visible(rect) {
                ui.allocate_space(egui::vec2(0.0, h));
                return;
            }
        }
        let r = ui.selectable_label(self.selection.contains(id), text());
        if one_line {
            self.height = Some(r.rect.height());
        }
        if r.clicked() {
            self.out.push(AppCommand::Reveal(id.to_owned()));
        }
        if r.double_clicked() {
            self.out.push(AppCommand::DrillInto(id.to_owned()));
        }
        let (doc, view, out) = (self.doc, self.view, &mut *self.out);
        r.context_menu(|ui| {
            if actions::item_menu_ui(ui, doc, view, id, out) {
                ui.close();
            }
        });
    }
}

/// Whether none of these texts has a line break.
fn one_line(texts: &[&str]) -> bool {
    !texts.iter().any(|t| t.contains(['\n', '\r']))
}

fn tree_ui(ui: &mut egui::Ui, doc: &Document, current_view: Option<&str>, rows: &mut Rows<'_>) {
    egui::CollapsingHeader::new(format!("Views ({})", doc.views.len()))
        .default_open(true)
        .show(ui, |ui| {
            for v in &doc.views {
                let title = c4::view_title(doc, v);
                let r = ui.selectable_label(current_view == Some(v.id.as_str()), title);
                if r.clicked() {
                    rows.out.push(AppCommand::OpenView(v.id.clone()));
                }
                let out = &mut *rows.out;
                r.context_menu(|ui| {
                    if actions::item_menu_ui(ui, doc, None, &v.id, out) {
                        ui.close();
                    }
                });
            }
        });
    egui::CollapsingHeader::new(format!("People ({})", doc.people.len()))
        .default_open(true)
        .show(ui, |ui| {
            for p in &doc.people {
                rows.item_ui(ui, &p.id, one_line(&[&p.name]), || p.name.clone());
            }
        });
    // Children by parent, in document order.
    let mut containers_of: HashMap<&str, Vec<&crate::model::Container>> = HashMap::new();
    for c in &doc.containers {
        containers_of.entry(c.system.as_str()).or_default().push(c);
    }
    let mut components_of: HashMap<&str, Vec<&crate::model::Component>> = HashMap::new();
    for x in &doc.components {
        components_of
            .entry(x.container.as_str())
            .or_default()
            .push(x);
    }
    egui::CollapsingHeader::new(format!("Software systems ({})", doc.systems.len()))
        .default_open(true)
        .show(ui, |ui| {
            for s in &doc.systems {
                let containers = containers_of
                    .get(s.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                let label = || format!("{}{}", s.name, if s.external { " (external)" } else { "" });
                if containers.is_empty() {
                    rows.item_ui(ui, &s.id, one_line(&[&s.name]), label);
                    continue;
                }
                let header = egui::CollapsingHeader::new(label())
                    .id_salt(("system", &s.id))
                    .default_open(true)
                    .show(ui, |ui| {
                        for c in containers {
                            let components = components_of
                                .get(c.id.as_str())
                                .map_or(&[][..], Vec::as_slice);
                            let label =
                                || format!("{}  ·  {}", c.name, c.kind.label().to_lowercase());
                            if components.is_empty() {
                                rows.item_ui(ui, &c.id, one_line(&[&c.name]), label);
                                continue;
                            }
                            let inner = egui::CollapsingHeader::new(label())
                                .id_salt(("container", &c.id))
                                .show(ui, |ui| {
                                    for x in components {
                                        rows.item_ui(ui, &x.id, one_line(&[&x.name]), || {
                                            x.name.clone()
                                        });
                                    }
                                });
                            if inner.header_response.clicked() {
                                rows.out.push(AppCommand::Reveal(c.id.clone()));
                            }
                        }
                    });
                if header.header_response.clicked() {
                    rows.out.push(AppCommand::Reveal(s.id.clone()));
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
            let mut entities_of: HashMap<&str, Vec<&crate::model::Entity>> = HashMap::new();
            for e in &doc.entities {
                entities_of.entry(e.store.as_str()).or_default().push(e);
            }
            for db in databases {
                egui::CollapsingHeader::new(db.name.clone())
                    .id_salt(("db", &db.id))
                    .show(ui, |ui| {
                        let entities = entities_of
                            .get(db.id.as_str())
                            .map_or(&[][..], Vec::as_slice);
                        for e in entities {
                            rows.item_ui(ui, &e.id, one_line(&[&e.name]), || e.name.clone());
                        }
                    });
            }
            if !doc.enums.is_empty() {
                egui::CollapsingHeader::new(format!("Enums ({})", doc.enums.len()))
                    .id_salt("enums")
                    .show(ui, |ui| {
                        for e in &doc.enums {
                            rows.item_ui(ui, &e.id, one_line(&[&e.name]), || e.name.clone());
                        }
                    });
            }
        });
    egui::CollapsingHeader::new(format!("APIs ({})", doc.apis.len()))
        .default_open(false)
        .show(ui, |ui| {
            for a in &doc.apis {
                rows.item_ui(ui, &a.id, one_line(&[&a.name, &a.version]), || {
                    format!("{} {}", a.name, a.version)
                });
            }
        });
    egui::CollapsingHeader::new(format!("Events ({})", doc.events.len()))
        .default_open(false)
        .show(ui, |ui| {
            let names: HashMap<&str, &str> = doc
                .containers
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect();
            for e in &doc.events {
                let channel = names.get(e.channel.as_str()).copied().unwrap_or("?");
                rows.item_ui(ui, &e.id, one_line(&[&e.name, channel]), || {
                    format!("{} on {channel}", e.name)
                });
            }
        });
}

fn filtered_ui(ui: &mut egui::Ui, doc: &Document, needle: &str, rows: &mut Rows<'_>) {
    let matches =
        |name: &str, id: &str| name.to_lowercase().contains(needle) || id.contains(needle);
    let mut any = false;
    let mut row = |ui: &mut egui::Ui, id: &str, text: String| {
        any = true;
        let single = one_line(&[&text]);
        rows.item_ui(ui, id, single, || text);
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
    for e in doc.enums.iter().filter(|e| matches(&e.name, &e.id)) {
        row(ui, &e.id, format!("Enum {}", e.name));
    }
    if !any {
        ui.weak("Nothing matches");
    }
}
