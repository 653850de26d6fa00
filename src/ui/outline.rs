//! The outline: the whole model as a tree (views; people; systems →
//! containers → components; databases → entities; APIs; event channels →
//! event types; enums), with a filter box. Selecting an item there selects
//! it and reveals it on the canvas.
//!
//! A model can have tens of thousands of items, so the tree is a flat list
//! of rows (each with its depth), made once per change of the document, of
//! the filter or of what is open, and only the rows in sight are drawn. A
//! row refers to its item by its place in the document's lists, so making
//! the list formats no text: a row's text is made when it is drawn.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::actions;
use super::commands::AppCommand;
use super::widgets::rows_ui;
use crate::model::{ContainerKind, Document, Id, View, c4};

/// What the outline keeps between frames.
#[derive(Debug, Default)]
pub struct OutlineState {
    /// The filter box's text.
    pub filter: String,
    /// The groups the user opened or closed, against how they start.
    toggled: HashSet<Group>,
    /// The rows, and what they were made from.
    rows: Vec<Row>,
    made_for: Option<(u64, String)>,
}

/// The top-level sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Section {
    Views,
    People,
    Systems,
    Data,
    Apis,
    Events,
}

/// A row that can be opened and closed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Group {
    Section(Section),
    System(Id),
    Container(Id),
    Database(Id),
    Enums,
}

impl Group {
    fn open_at_first(&self) -> bool {
        matches!(
            self,
            Self::Section(Section::Views | Section::People | Section::Systems) | Self::System(_)
        )
    }
}

/// An item, by its place in the document's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Item {
    View(usize),
    Person(usize),
    System(usize),
    Container(usize),
    /// A database as the header of its entities: its name alone.
    Store(usize),
    Component(usize),
    Entity(usize),
    Enum(usize),
    Api(usize),
    /// An event type, and its channel's place among the containers.
    Event(usize, Option<usize>),
}

#[derive(Clone, Debug)]
enum RowKind {
    /// A group's header; `item` is what clicking its name reveals.
    Group {
        group: Group,
        open: bool,
        item: Option<Item>,
    },
    Item(Item),
    /// "Nothing matches".
    Nothing,
}

#[derive(Clone, Debug)]
struct Row {
    depth: u8,
    kind: RowKind,
    /// In the filtered list, the item's kind goes with its name.
    filtered: bool,
}

/// Draws the outline; pushes Reveal/OpenView commands. `generation` is
/// the document's: the rows are made again when it changes.
pub fn outline_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    generation: u64,
    selection: &BTreeSet<Id>,
    current_view: Option<&str>,
    state: &mut OutlineState,
    out: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        ui.strong(&doc.name);
    });
    ui.add(
        egui::TextEdit::singleline(&mut state.filter)
            .hint_text("Filter the outline")
            .desired_width(f32::INFINITY),
    )
    .accessible_name("Filter the outline");
    ui.separator();
    let needle = state.filter.trim().to_lowercase();
    let key = (generation, needle.clone());
    if state.made_for.as_ref() != Some(&key) {
        state.rows = if needle.is_empty() {
            tree_rows(doc, &state.toggled)
        } else {
            filtered_rows(doc, &needle)
        };
        state.made_for = Some(key);
    }
    let view = current_view.and_then(|v| doc.view(v));
    let indent = ui.spacing().icon_width;
    let mut toggle = None;
    rows_ui(ui, &state.rows, |ui, row| {
        ui.add_space(f32::from(row.depth) * indent);
        let cx = Cx {
            doc,
            view,
            current_view,
            selection,
        };
        if let Some(group) = row_ui(ui, &cx, row, out) {
            toggle = Some(group);
        }
    });
    if let Some(group) = toggle {
        if !state.toggled.remove(&group) {
            state.toggled.insert(group);
        }
        state.made_for = None;
        ui.ctx().request_repaint();
    }
}

/// What a row needs to be drawn.
struct Cx<'a> {
    doc: &'a Document,
    view: Option<&'a View>,
    current_view: Option<&'a str>,
    selection: &'a BTreeSet<Id>,
}

/// Draws one row; returns the group whose arrow was clicked.
fn row_ui(ui: &mut egui::Ui, cx: &Cx<'_>, row: &Row, out: &mut Vec<AppCommand>) -> Option<Group> {
    match &row.kind {
        RowKind::Nothing => {
            ui.weak("Nothing matches");
            None
        }
        RowKind::Item(item) => {
            // In the tree, where a group's arrow would be: names at one
            // depth line up.
            if !row.filtered {
                ui.add_space(ui.spacing().icon_width + ui.spacing().item_spacing.x);
            }
            item_ui(ui, cx, *item, row.filtered, out);
            None
        }
        RowKind::Group { group, open, item } => {
            let size = egui::Vec2::splat(ui.spacing().icon_width);
            let (_, arrow) = ui.allocate_exact_size(size, egui::Sense::click());
            let verb = if *open { "Close" } else { "Open" };
            let name = match (group, item) {
                (Group::Section(s), _) => section_text(cx.doc, *s),
                (Group::Enums, _) => format!("Enums ({})", cx.doc.enums.len()),
                (_, Some(item)) => item_text(cx.doc, *item, false),
                (_, None) => String::new(),
            };
            let arrow = arrow.on_hover_text(format!("{verb} {name}"));
            arrow.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{verb} {name}"))
            });
            egui::collapsing_header::paint_default_icon(ui, f32::from(u8::from(*open)), &arrow);
            let mut toggled = arrow.clicked();
            match item {
                Some(item) => item_ui(ui, cx, *item, false, out),
                None => {
                    // A section's name opens and closes it, as its arrow does.
                    let r = ui.add(
                        egui::Label::new(egui::RichText::new(name).strong())
                            .sense(egui::Sense::click()),
                    );
                    toggled |= r.clicked();
                }
            }
            toggled.then(|| group.clone())
        }
    }
}

/// The text of a section's header, with its count.
fn section_text(doc: &Document, s: Section) -> String {
    match s {
        Section::Views => format!("Views ({})", doc.views.len()),
        Section::People => format!("People ({})", doc.people.len()),
        Section::Systems => format!("Software systems ({})", doc.systems.len()),
        Section::Data => format!("Data ({} entities)", doc.entities.len()),
        Section::Apis => format!("APIs ({})", doc.apis.len()),
        Section::Events => format!("Events ({})", doc.events.len()),
    }
}

/// The id of an item.
fn item_id(doc: &Document, item: Item) -> &Id {
    match item {
        Item::View(i) => &doc.views[i].id,
        Item::Person(i) => &doc.people[i].id,
        Item::System(i) => &doc.systems[i].id,
        Item::Container(i) | Item::Store(i) => &doc.containers[i].id,
        Item::Component(i) => &doc.components[i].id,
        Item::Entity(i) => &doc.entities[i].id,
        Item::Enum(i) => &doc.enums[i].id,
        Item::Api(i) => &doc.apis[i].id,
        Item::Event(i, _) => &doc.events[i].id,
    }
}

/// A row's text, on one line. In the filtered list an item says its kind.
fn item_text(doc: &Document, item: Item, filtered: bool) -> String {
    let text = match item {
        Item::View(i) => c4::view_title(doc, &doc.views[i]),
        Item::Person(i) => doc.people[i].name.clone(),
        Item::System(i) => {
            let s = &doc.systems[i];
            match (filtered, s.external) {
                (true, _) => format!("System {}", s.name),
                (false, true) => format!("{} (external)", s.name),
                (false, false) => s.name.clone(),
            }
        }
        Item::Container(i) => {
            let c = &doc.containers[i];
            format!("{}  ·  {}", c.name, c.kind.label().to_lowercase())
        }
        Item::Store(i) => doc.containers[i].name.clone(),
        Item::Component(i) => {
            let c = &doc.components[i];
            if filtered {
                format!("{}  ·  component", c.name)
            } else {
                c.name.clone()
            }
        }
        Item::Entity(i) => doc.entities[i].name.clone(),
        Item::Enum(i) => {
            let e = &doc.enums[i];
            if filtered {
                format!("Enum {}", e.name)
            } else {
                e.name.clone()
            }
        }
        Item::Api(i) => {
            let a = &doc.apis[i];
            if filtered {
                format!("API {}", a.name)
            } else {
                format!("{} {}", a.name, a.version)
            }
        }
        Item::Event(i, channel) => {
            let e = &doc.events[i];
            if filtered {
                format!("Event {}", e.name)
            } else {
                let channel = channel.map_or("?", |c| doc.containers[c].name.as_str());
                format!("{} on {channel}", e.name)
            }
        }
    };
    // Rows are one line high.
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r'])
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text
    }
}

/// An item's row: selectable, revealing it when clicked (a view opens),
/// drilling into it on a double-click, with the item's menu.
fn item_ui(ui: &mut egui::Ui, cx: &Cx<'_>, item: Item, filtered: bool, out: &mut Vec<AppCommand>) {
    let id = item_id(cx.doc, item);
    let text = item_text(cx.doc, item, filtered);
    if let Item::View(_) = item {
        let r =
            ui.add(egui::Button::selectable(cx.current_view == Some(id.as_str()), text).truncate());
        if r.clicked() {
            out.push(AppCommand::OpenView(id.clone()));
        }
        r.context_menu(|ui| {
            if actions::item_menu_ui(ui, cx.doc, None, id, out) {
                ui.close();
            }
        });
        return;
    }
    let r = ui.add(egui::Button::selectable(cx.selection.contains(id), text).truncate());
    if r.clicked() {
        out.push(AppCommand::Reveal(id.clone()));
    }
    if r.double_clicked() {
        out.push(AppCommand::DrillInto(id.clone()));
    }
    r.context_menu(|ui| {
        if actions::item_menu_ui(ui, cx.doc, cx.view, id, out) {
            ui.close();
        }
    });
}

/// The rows of the whole tree, with the groups open or closed as they
/// start but for those in `toggled`.
fn tree_rows(doc: &Document, toggled: &HashSet<Group>) -> Vec<Row> {
    let mut rows = Vec::new();
    let open = |g: &Group| g.open_at_first() != toggled.contains(g);
    let item = |depth: u8, item: Item| Row {
        depth,
        kind: RowKind::Item(item),
        filtered: false,
    };
    // Pushes a group's header; says whether it is open.
    let header = |rows: &mut Vec<Row>, depth: u8, group: Group, item: Option<Item>| {
        let is_open = open(&group);
        rows.push(Row {
            depth,
            kind: RowKind::Group {
                group,
                open: is_open,
                item,
            },
            filtered: false,
        });
        is_open
    };
    if header(&mut rows, 0, Group::Section(Section::Views), None) {
        rows.extend((0..doc.views.len()).map(|i| item(1, Item::View(i))));
    }
    if header(&mut rows, 0, Group::Section(Section::People), None) {
        rows.extend((0..doc.people.len()).map(|i| item(1, Item::Person(i))));
    }
    if header(&mut rows, 0, Group::Section(Section::Systems), None) {
        // Children by parent, in document order.
        let mut containers_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in doc.containers.iter().enumerate() {
            containers_of.entry(c.system.as_str()).or_default().push(i);
        }
        let mut components_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, x) in doc.components.iter().enumerate() {
            components_of
                .entry(x.container.as_str())
                .or_default()
                .push(i);
        }
        for (si, s) in doc.systems.iter().enumerate() {
            let Some(containers) = containers_of.get(s.id.as_str()) else {
                rows.push(item(1, Item::System(si)));
                continue;
            };
            let system = Group::System(s.id.clone());
            if !header(&mut rows, 1, system, Some(Item::System(si))) {
                continue;
            }
            for &ci in containers {
                let c = &doc.containers[ci];
                let Some(components) = components_of.get(c.id.as_str()) else {
                    rows.push(item(2, Item::Container(ci)));
                    continue;
                };
                let container = Group::Container(c.id.clone());
                if header(&mut rows, 2, container, Some(Item::Container(ci))) {
                    rows.extend(components.iter().map(|&x| item(3, Item::Component(x))));
                }
            }
        }
    }
    if header(&mut rows, 0, Group::Section(Section::Data), None) {
        let mut entities_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, e) in doc.entities.iter().enumerate() {
            entities_of.entry(e.store.as_str()).or_default().push(i);
        }
        for (di, db) in doc.containers.iter().enumerate() {
            if db.kind != ContainerKind::Database {
                continue;
            }
            let group = Group::Database(db.id.clone());
            if header(&mut rows, 1, group, Some(Item::Store(di))) {
                let entities = entities_of
                    .get(db.id.as_str())
                    .map_or(&[][..], Vec::as_slice);
                rows.extend(entities.iter().map(|&e| item(2, Item::Entity(e))));
            }
        }
        if !doc.enums.is_empty() && header(&mut rows, 1, Group::Enums, None) {
            rows.extend((0..doc.enums.len()).map(|i| item(2, Item::Enum(i))));
        }
    }
    if header(&mut rows, 0, Group::Section(Section::Apis), None) {
        rows.extend((0..doc.apis.len()).map(|i| item(1, Item::Api(i))));
    }
    if header(&mut rows, 0, Group::Section(Section::Events), None) {
        let place: HashMap<&str, usize> = doc
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        rows.extend(doc.events.iter().enumerate().map(|(i, e)| {
            let channel = place.get(e.channel.as_str()).copied();
            item(1, Item::Event(i, channel))
        }));
    }
    rows
}

/// The items whose name or id has `needle` in it (an entity also by its
/// fields' names), a flat list.
fn filtered_rows(doc: &Document, needle: &str) -> Vec<Row> {
    let matches =
        |name: &str, id: &str| name.to_lowercase().contains(needle) || id.contains(needle);
    let mut found: Vec<Item> = Vec::new();
    let mut add = |hits: &mut dyn Iterator<Item = usize>, make: fn(usize) -> Item| {
        found.extend(hits.map(make));
    };
    add(
        &mut (0..doc.people.len()).filter(|&i| matches(&doc.people[i].name, &doc.people[i].id)),
        Item::Person,
    );
    add(
        &mut (0..doc.systems.len()).filter(|&i| matches(&doc.systems[i].name, &doc.systems[i].id)),
        Item::System,
    );
    add(
        &mut (0..doc.containers.len())
            .filter(|&i| matches(&doc.containers[i].name, &doc.containers[i].id)),
        Item::Container,
    );
    add(
        &mut (0..doc.components.len())
            .filter(|&i| matches(&doc.components[i].name, &doc.components[i].id)),
        Item::Component,
    );
    add(
        &mut (0..doc.entities.len()).filter(|&i| {
            let e = &doc.entities[i];
            matches(&e.name, &e.id)
                || e.fields
                    .iter()
                    .any(|f| f.name.to_lowercase().contains(needle))
        }),
        Item::Entity,
    );
    add(
        &mut (0..doc.apis.len()).filter(|&i| matches(&doc.apis[i].name, &doc.apis[i].id)),
        Item::Api,
    );
    add(
        &mut (0..doc.events.len()).filter(|&i| matches(&doc.events[i].name, &doc.events[i].id)),
        |i| Item::Event(i, None),
    );
    add(
        &mut (0..doc.enums.len()).filter(|&i| matches(&doc.enums[i].name, &doc.enums[i].id)),
        Item::Enum,
    );
    if found.is_empty() {
        return vec![Row {
            depth: 0,
            kind: RowKind::Nothing,
            filtered: true,
        }];
    }
    found
        .into_iter()
        .map(|item| Row {
            depth: 0,
            kind: RowKind::Item(item),
            filtered: true,
        })
        .collect()
}
