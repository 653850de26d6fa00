//! The context menus: what a right-click on an element, a relationship or
//! the canvas background offers. The canvas and the outline share the
//! element menu, so an action is the same wherever it is found. Each menu
//! pushes [`AppCommand`]s and returns true when an entry was chosen (the
//! caller then closes it).

use super::commands::{AppCommand, Command, add_target};
use crate::diagram::view_shows;
use crate::model::{
    ContainerKind, Document, Edit, Id, Interaction, Item, ItemRef, Point, View, ViewKind,
};

/// Where a context menu was opened.
#[derive(Clone, Debug, PartialEq)]
pub enum MenuTarget {
    /// An element, by id.
    Element(Id),
    /// The relationships behind one edge label.
    Relationships(Vec<Id>),
    /// The empty canvas, at this scene point.
    Background(Point),
}

/// A menu entry; true when it was clicked.
fn entry_ui(ui: &mut egui::Ui, text: &str, hint: &str) -> bool {
    ui.button(text).on_hover_text(hint).clicked()
}

/// The menu of an element: rename, open its view, add inside it, connect
/// it, show or hide it in the current view, copy its id, delete it.
pub fn element_menu_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    view: Option<&View>,
    id: &str,
    out: &mut Vec<AppCommand>,
) -> bool {
    let Some(item) = doc.item(id) else {
        return false;
    };
    let id = id.to_owned();
    let mut chosen = false;
    ui.strong(item.label());
    ui.separator();
    if entry_ui(ui, "Rename", "Rename it in place (F2)") {
        out.extend([
            AppCommand::Reveal(id.clone()),
            AppCommand::StartRename(id.clone()),
        ]);
        chosen = true;
    }
    if let Some(inner) = inner_view_label(item)
        && entry_ui(ui, inner, "Open the view inside it, made the first time")
    {
        out.push(AppCommand::DrillInto(id.clone()));
        chosen = true;
    }
    let children = children_of(item);
    if !children.is_empty() {
        ui.menu_button("Add inside", |ui| {
            for (text, what, open_inner) in children {
                if ui.button(text).on_hover_text(what.tooltip()).clicked() {
                    out.push(if open_inner {
                        AppCommand::DrillInto(id.clone())
                    } else {
                        AppCommand::Select(vec![id.clone()])
                    });
                    out.push(AppCommand::Run(what));
                    chosen = true;
                    ui.close();
                }
            }
        });
    }
    ui.menu_button("Connect to", |ui| {
        // A filter on top: a model can have thousands of elements.
        let key = ui.scope_id().with("connect-to-filter");
        let mut filter: String = ui.data_mut(|d| d.get_temp(key)).unwrap_or_default();
        let r = ui.add(
            egui::TextEdit::singleline(&mut filter)
                .hint_text("Filter elements")
                .desired_width(220.0),
        );
        let r = r.accessible_name("Filter elements");
        if !r.has_focus() && filter.is_empty() {
            r.request_focus();
        }
        ui.data_mut(|d| d.insert_temp(key, filter.clone()));
        let needle = filter.trim().to_lowercase();
        let others: Vec<(&Id, &str)> = doc
            .items()
            .filter(|i| i.kind().is_element() && i.id() != &id)
            .map(|i| (i.id(), i.label()))
            .filter(|(_, name)| needle.is_empty() || name.to_lowercase().contains(&needle))
            .collect();
        let row = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
        egui::ScrollArea::vertical().max_height(320.0).show_rows(
            ui,
            row,
            others.len(),
            |ui, rows| {
                for (to, name) in &others[rows] {
                    if ui.button(*name).clicked() {
                        out.push(AppCommand::Connect {
                            from: id.clone(),
                            to: (*to).clone(),
                        });
                        chosen = true;
                        ui.data_mut(|d| d.remove::<String>(key));
                        ui.close();
                    }
                }
            },
        );
    });
    if let Some(view) = view {
        let shown = view_shows(doc, view, &id);
        let (text, hint) = if shown {
            (
                "Remove from this view",
                "Leave it out of this view (undoable)",
            )
        } else {
            ("Add to this view", "Show it in this view too (undoable)")
        };
        if (shown || can_include(view)) && entry_ui(ui, text, hint) {
            out.push(AppCommand::Edit {
                edit: set_shown(view, &id, !shown),
                label: text.to_owned(),
            });
            chosen = true;
        }
    }
    chosen | copy_and_delete_ui(ui, std::slice::from_ref(&id), out)
}

/// The menu of any item in the outline: an element's own menu, and for the
/// rest, show or open it, copy its id, delete it.
pub fn item_menu_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    view: Option<&View>,
    id: &str,
    out: &mut Vec<AppCommand>,
) -> bool {
    let Some(item) = doc.item(id) else {
        return false;
    };
    if item.kind().is_element() {
        return element_menu_ui(ui, doc, view, id, out);
    }
    let id = id.to_owned();
    let mut chosen = false;
    ui.strong(item.label());
    ui.separator();
    let (text, hint, show) = match item {
        ItemRef::View(_) => ("Open", "Open the view", AppCommand::OpenView(id.clone())),
        ItemRef::Relationship(_) => (
            "Show",
            "Select it and show it on the canvas",
            AppCommand::Reveal(id.clone()),
        ),
        _ => (
            "Show",
            "Select it and show what it belongs to",
            AppCommand::Reveal(id.clone()),
        ),
    };
    if entry_ui(ui, text, hint) {
        out.push(show);
        chosen = true;
    }
    if matches!(item, ItemRef::Entity(_)) && entry_ui(ui, "Rename", "Rename it in place") {
        out.extend([
            AppCommand::Reveal(id.clone()),
            AppCommand::StartRename(id.clone()),
        ]);
        chosen = true;
    }
    chosen | copy_and_delete_ui(ui, std::slice::from_ref(&id), out)
}

/// The menu of an edge: edit the description, reverse, sync or async,
/// copy the id, delete.
pub fn relationship_menu_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    ids: &[Id],
    out: &mut Vec<AppCommand>,
) -> bool {
    let rels: Vec<_> = doc
        .relationships
        .iter()
        .filter(|r| ids.contains(&r.id))
        .collect();
    let Some(first) = rels.first() else {
        return false;
    };
    let mut chosen = false;
    ui.strong(if rels.len() == 1 {
        first.description.clone()
    } else {
        crate::text::plural(rels.len(), "relationship")
    });
    ui.separator();
    if entry_ui(ui, "Edit description", "Edit what it says, in place") {
        out.extend([
            AppCommand::Select(ids.to_vec()),
            AppCommand::StartRename(first.id.clone()),
        ]);
        chosen = true;
    }
    let each = |change: &dyn Fn(&mut crate::model::Relationship)| {
        Edit::Batch(
            rels.iter()
                .map(|r| {
                    let mut r = (*r).clone();
                    change(&mut r);
                    Edit::Replace {
                        item: Item::Relationship(r),
                    }
                })
                .collect(),
        )
    };
    if entry_ui(ui, "Reverse", "Swap where it starts and where it ends") {
        let edit = each(&|r| std::mem::swap(&mut r.from, &mut r.to));
        out.push(AppCommand::Edit {
            edit,
            label: "Reverse relationship".into(),
        });
        chosen = true;
    }
    let (text, to) = match first.interaction {
        Interaction::Sync => ("Make asynchronous", Interaction::Async),
        Interaction::Async => ("Make synchronous", Interaction::Sync),
    };
    if entry_ui(
        ui,
        text,
        "Sync calls wait for the answer; async messages do not",
    ) {
        let edit = each(&|r| r.interaction = to);
        out.push(AppCommand::Edit {
            edit,
            label: text.to_owned(),
        });
        chosen = true;
    }
    chosen | copy_and_delete_ui(ui, ids, out)
}

/// The menu of the empty canvas: add each kind that fits here, paste,
/// select all, auto-arrange.
pub fn background_menu_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    view: &View,
    at: Point,
    can_paste: bool,
    out: &mut Vec<AppCommand>,
) -> bool {
    let mut chosen = false;
    ui.strong("Add here");
    let fits = |c: Command| add_target(doc, Some(&view.id), &Default::default(), c).is_some();
    let mut add = |ui: &mut egui::Ui, c: Command| {
        if entry_ui(
            ui,
            &crate::text::capitalized(c.label().trim_start_matches("Add ")),
            &c.tooltip(),
        ) {
            out.push(AppCommand::CreateAt { what: c, at });
            chosen = true;
            ui.close();
        }
    };
    for c in [Command::AddPerson, Command::AddSystem] {
        if fits(c) {
            add(ui, c);
        }
    }
    if fits(Command::AddContainer(ContainerKind::Service)) {
        ui.menu_button("Container", |ui| {
            for kind in ContainerKind::ALL {
                add(ui, Command::AddContainer(kind));
            }
        });
    }
    for c in [Command::AddComponent, Command::AddEntity] {
        if fits(c) {
            add(ui, c);
        }
    }
    ui.separator();
    let paste = ui
        .add_enabled(can_paste, egui::Button::new("Paste here"))
        .on_hover_text("Paste what was copied last, with its top-left corner here")
        .on_disabled_hover_text("Copy something first");
    if paste.clicked() {
        out.push(AppCommand::PasteAt(at));
        chosen = true;
    }
    for c in [Command::SelectAll, Command::AutoArrange, Command::ZoomFit] {
        if entry_ui(ui, &c.label(), &c.tooltip()) {
            out.push(AppCommand::Run(c));
            chosen = true;
        }
    }
    chosen
}

/// The last entries of every menu: copy the (first) id, and delete.
fn copy_and_delete_ui(ui: &mut egui::Ui, ids: &[Id], out: &mut Vec<AppCommand>) -> bool {
    let mut chosen = false;
    if let Some(first) = ids.first()
        && entry_ui(ui, "Copy id", "Copy its id to the clipboard")
    {
        out.push(AppCommand::CopyText(first.clone()));
        chosen = true;
    }
    ui.separator();
    if entry_ui(ui, "Delete", "Delete it with what depends on it (undoable)") {
        out.extend([
            AppCommand::Select(ids.to_vec()),
            AppCommand::Run(Command::Delete),
        ]);
        chosen = true;
    }
    chosen
}

/// "Open containers view"…, for the elements that have a view inside.
fn inner_view_label(item: ItemRef<'_>) -> Option<&'static str> {
    match item {
        ItemRef::System(s) if !s.external => Some("Open containers view"),
        ItemRef::Container(c) if c.kind.is_data_store() => Some("Open entities view"),
        ItemRef::Container(_) => Some("Open components view"),
        _ => None,
    }
}

/// What can be added inside an element: (entry, command, whether the
/// inner view opens first so the new child lands in it).
fn children_of(item: ItemRef<'_>) -> Vec<(String, Command, bool)> {
    let mut out = Vec::new();
    match item {
        ItemRef::System(s) if !s.external => {
            for kind in ContainerKind::ALL {
                out.push((kind.label().to_owned(), Command::AddContainer(kind), true));
            }
        }
        ItemRef::Container(c) if c.kind.is_data_store() => {
            out.push(("Entity".to_owned(), Command::AddEntity, true));
        }
        ItemRef::Container(c) => {
            out.push(("Component".to_owned(), Command::AddComponent, true));
            if c.kind.runs_code() {
                out.push(("API".to_owned(), Command::AddApi, false));
            }
            if c.kind.is_channel() {
                out.push(("Event type".to_owned(), Command::AddEvent, false));
            }
        }
        _ => {}
    }
    out
}

/// Whether a view can show an element it does not imply: an entities
/// view shows only its database's entities.
fn can_include(view: &View) -> bool {
    !matches!(view.kind, ViewKind::Entities { .. })
}

/// The view with an element shown (`show`: included, or no longer left
/// out) or left out (no longer included, or excluded, and its place
/// forgotten), as one edit.
pub fn set_shown(view: &View, id: &str, show: bool) -> Edit {
    let mut new = view.clone();
    let listed = |list: &[Id]| list.iter().any(|x| x == id);
    if show {
        if !listed(&new.exclude) {
            new.include.push(id.to_owned());
        }
        new.exclude.retain(|x| x != id);
    } else {
        if !listed(&new.include) {
            new.exclude.push(id.to_owned());
        }
        new.include.retain(|x| x != id);
        new.positions.remove(id);
    }
    Edit::Replace {
        item: Item::View(new),
    }
}
