//! The one command table: every command the editor offers, with its label,
//! tooltip and shortcut. The menu bar, the command palette, the keyboard
//! handling and the README's shortcut list are all generated from it, so no
//! shortcut is wired twice. [`AppCommand`] is what the panels ask the app
//! to do: they import this module and the model, never the app.

use std::collections::BTreeSet;
use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::export::Format;
use crate::model::{ContainerKind, Document, Edit, Id, ItemRef, Point, ViewKind};

/// What the UI asks the app to do; applied after the frame's UI.
#[derive(Clone, Debug)]
pub enum AppCommand {
    Run(Command),
    /// Apply an edit as one undo step.
    Edit {
        edit: Edit,
        label: String,
    },
    /// Apply an edit that merges with the previous one of the same key
    /// (typing in one field) until the gesture ends.
    EditMerge {
        edit: Edit,
        label: String,
        key: Option<String>,
    },
    /// Part of a drag: merges with the previous move of the same elements.
    Move {
        view: Id,
        positions: Vec<(Id, Option<Point>)>,
    },
    /// The drag is over: the next move is a new undo step.
    EndGesture,
    Select(Vec<Id>),
    ToggleSelect(Id),
    OpenView(Id),
    /// Double-click: open the view inside an element (containers of a system…).
    DrillInto(Id),
    /// Select an item and show it: switch to a view that has it and centre it.
    Reveal(Id),
    StartRename(Id),
    /// Create a relationship between two elements and edit its description.
    Connect {
        from: Id,
        to: Id,
    },
    /// Create an element of this kind at this place of the current view.
    CreateAt {
        what: Command,
        at: Point,
    },
    /// Put this text on the clipboard (an item's id).
    CopyText(String),
    /// Paste what was copied last with its top-left corner at this point
    /// of the current view.
    PasteAt(Point),
    OpenPath(PathBuf),
    SaveTo(PathBuf),
    ExportTo {
        format: Format,
        only: Option<Id>,
        path: PathBuf,
    },
    Status(String),
}

/// Where an Add command puts the new item: elements go into the current
/// view, the other items next to what they belong to.
#[derive(Clone, Debug, PartialEq)]
pub enum AddTarget {
    Person,
    System,
    Container(Id, ContainerKind),
    Component(Id),
    Entity(Id),
    /// An API of this service container.
    Api(Id),
    /// An event type carried by this topic or queue.
    Event(Id),
    Enum,
    View(ViewKind),
}

/// The kinds of view the Add menu offers; the scope comes from the
/// selection or the current view ([`add_target`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewChoice {
    Landscape,
    Context,
    Containers,
    Components,
    Entities,
}

impl ViewChoice {
    pub const ALL: [ViewChoice; 5] = [
        Self::Landscape,
        Self::Context,
        Self::Containers,
        Self::Components,
        Self::Entities,
    ];

    /// "System context view"…
    pub fn label(self) -> &'static str {
        match self {
            Self::Landscape => "Landscape view",
            Self::Context => "System context view",
            Self::Containers => "Containers view",
            Self::Components => "Components view",
            Self::Entities => "Entities view",
        }
    }

    /// What the view is of, for tooltips.
    fn scope_hint(self) -> &'static str {
        match self {
            Self::Landscape => "every person and software system",
            Self::Context | Self::Containers => "the selected software system (or this view's)",
            Self::Components => "the selected container (or this view's)",
            Self::Entities => "the selected database (or this view's)",
        }
    }
}

/// Whether (and where) an Add command can add, given the current view and
/// the selection.
pub fn add_target(
    doc: &Document,
    view: Option<&str>,
    selection: &BTreeSet<Id>,
    what: Command,
) -> Option<AddTarget> {
    let kind = view.and_then(|v| doc.view(v)).map(|v| &v.kind);
    let selected = match selection.len() {
        1 => selection.iter().next().and_then(|id| doc.item(id)),
        _ => None,
    };
    // The container the selection is or is in (an API's service, an event's
    // channel, an entity's store), else the container of this view.
    let container = || {
        let id = match selected {
            Some(ItemRef::Container(c)) => Some(&c.id),
            Some(ItemRef::Component(c)) => Some(&c.container),
            Some(ItemRef::Api(a)) => Some(&a.service),
            Some(ItemRef::Event(e)) => Some(&e.channel),
            Some(ItemRef::Entity(e)) => Some(&e.store),
            _ => match kind {
                Some(ViewKind::Components { container }) => Some(container),
                Some(ViewKind::Entities { database }) => Some(database),
                _ => None,
            },
        };
        id.and_then(|id| doc.container(id))
    };
    match (what, kind) {
        (Command::AddPerson | Command::AddSystem, Some(ViewKind::Entities { .. })) => None,
        (Command::AddPerson, _) => Some(AddTarget::Person),
        (Command::AddSystem, _) => Some(AddTarget::System),
        (Command::AddContainer(ck), Some(ViewKind::Containers { system })) => {
            Some(AddTarget::Container(system.clone(), ck))
        }
        (Command::AddContainer(ck), Some(ViewKind::Components { container })) => {
            let system = doc.container(container)?.system.clone();
            Some(AddTarget::Container(system, ck))
        }
        (Command::AddComponent, Some(ViewKind::Components { container })) => {
            Some(AddTarget::Component(container.clone()))
        }
        (Command::AddEntity, Some(ViewKind::Entities { database })) => {
            Some(AddTarget::Entity(database.clone()))
        }
        (Command::AddApi, _) => container()
            .filter(|c| c.kind.runs_code())
            .map(|c| AddTarget::Api(c.id.clone())),
        (Command::AddEvent, _) => container()
            .filter(|c| c.kind.is_channel())
            .map(|c| AddTarget::Event(c.id.clone())),
        (Command::AddEnum, _) => Some(AddTarget::Enum),
        (Command::AddView(choice), _) => {
            // The system the selection is or is in, else this view's.
            let system = || match selected {
                Some(ItemRef::System(s)) => Some(s.id.clone()),
                _ => container()
                    .map(|c| c.system.clone())
                    .or_else(|| match kind {
                        Some(
                            ViewKind::SystemContext { system } | ViewKind::Containers { system },
                        ) => Some(system.clone()),
                        _ => None,
                    })
                    .filter(|id| doc.systems.iter().any(|s| &s.id == id)),
            };
            let kind = match choice {
                ViewChoice::Landscape => ViewKind::Landscape,
                ViewChoice::Context => ViewKind::SystemContext { system: system()? },
                ViewChoice::Containers => ViewKind::Containers { system: system()? },
                ViewChoice::Components => ViewKind::Components {
                    container: container().filter(|c| !c.kind.is_data_store())?.id.clone(),
                },
                ViewChoice::Entities => ViewKind::Entities {
                    database: container().filter(|c| c.kind.is_data_store())?.id.clone(),
                },
            };
            Some(AddTarget::View(kind))
        }
        _ => None,
    }
}

/// Something the user can ask the editor to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Export(Format),
    ExportAllViewsSvg,
    Quit,
    Undo,
    Redo,
    RedoAlt,
    Cut,
    Copy,
    Paste,
    Duplicate,
    Delete,
    DeleteBackspace,
    SelectAll,
    Find,
    Rename,
    Cancel,
    ZoomIn,
    ZoomOut,
    ZoomFit,
    Zoom100,
    ToggleGrid,
    ToggleSnap,
    ToggleTheme,
    ToggleOutline,
    ToggleInspector,
    ToggleProblems,
    ToggleChanges,
    CommandPalette,
    CommandPaletteAlt,
    AutoArrange,
    ViewUp,
    NudgeLeft,
    NudgeRight,
    NudgeUp,
    NudgeDown,
    AddPerson,
    AddSystem,
    AddContainer(ContainerKind),
    AddComponent,
    AddEntity,
    AddApi,
    AddEvent,
    AddEnum,
    AddView(ViewChoice),
    Shortcuts,
    About,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl Command {
    /// Every command, in the order the palette lists them.
    pub fn all() -> Vec<Command> {
        let mut all = vec![Self::New, Self::Open, Self::Save, Self::SaveAs];
        all.extend(Format::ALL.into_iter().map(Self::Export));
        all.push(Self::ExportAllViewsSvg);
        all.extend([
            Self::Quit,
            Self::Undo,
            Self::Redo,
            Self::RedoAlt,
            Self::Cut,
            Self::Copy,
            Self::Paste,
            Self::Duplicate,
            Self::Delete,
            Self::DeleteBackspace,
            Self::SelectAll,
            Self::Find,
            Self::Rename,
            Self::Cancel,
            Self::ZoomIn,
            Self::ZoomOut,
            Self::ZoomFit,
            Self::Zoom100,
            Self::ToggleGrid,
            Self::ToggleSnap,
            Self::ToggleTheme,
            Self::ToggleOutline,
            Self::ToggleInspector,
            Self::ToggleProblems,
            Self::ToggleChanges,
            Self::CommandPalette,
            Self::CommandPaletteAlt,
            Self::AutoArrange,
            Self::ViewUp,
            Self::NudgeLeft,
            Self::NudgeRight,
            Self::NudgeUp,
            Self::NudgeDown,
            Self::AddPerson,
            Self::AddSystem,
        ]);
        all.extend(ContainerKind::ALL.into_iter().map(Self::AddContainer));
        all.extend([
            Self::AddComponent,
            Self::AddEntity,
            Self::AddApi,
            Self::AddEvent,
            Self::AddEnum,
        ]);
        all.extend(ViewChoice::ALL.into_iter().map(Self::AddView));
        all.extend([Self::Shortcuts, Self::About]);
        all
    }

    /// The words on the menu entry and in the palette.
    pub fn label(self) -> String {
        match self {
            Self::New => "New".into(),
            Self::Open => "Open…".into(),
            Self::Save => "Save".into(),
            Self::SaveAs => "Save As…".into(),
            Self::Export(f) => format!("Export {}…", format_label(f)),
            Self::ExportAllViewsSvg => "Export all views as SVG…".into(),
            Self::Quit => "Quit".into(),
            Self::Undo => "Undo".into(),
            Self::Redo | Self::RedoAlt => "Redo".into(),
            Self::Cut => "Cut".into(),
            Self::Copy => "Copy".into(),
            Self::Paste => "Paste".into(),
            Self::Duplicate => "Duplicate".into(),
            Self::Delete | Self::DeleteBackspace => "Delete".into(),
            Self::SelectAll => "Select all".into(),
            Self::Find => "Find…".into(),
            Self::Rename => "Rename".into(),
            Self::Cancel => "Cancel gesture".into(),
            Self::ZoomIn => "Zoom in".into(),
            Self::ZoomOut => "Zoom out".into(),
            Self::ZoomFit => "Zoom to fit".into(),
            Self::Zoom100 => "Zoom to 100 %".into(),
            Self::ToggleGrid => "Grid".into(),
            Self::ToggleSnap => "Snap to grid".into(),
            Self::ToggleTheme => "Dark theme".into(),
            Self::ToggleOutline => "Outline panel".into(),
            Self::ToggleInspector => "Inspector panel".into(),
            Self::ToggleProblems => "Problems panel".into(),
            Self::ToggleChanges => "Changes panel".into(),
            Self::CommandPalette | Self::CommandPaletteAlt => "Command palette…".into(),
            Self::AutoArrange => "Auto-arrange view".into(),
            Self::ViewUp => "Up to the enclosing view".into(),
            Self::NudgeLeft => "Nudge left".into(),
            Self::NudgeRight => "Nudge right".into(),
            Self::NudgeUp => "Nudge up".into(),
            Self::NudgeDown => "Nudge down".into(),
            Self::AddPerson => "Add person".into(),
            Self::AddSystem => "Add software system".into(),
            Self::AddContainer(kind) => format!("Add {}", kind.label().to_lowercase()),
            Self::AddComponent => "Add component".into(),
            Self::AddEntity => "Add entity".into(),
            Self::AddApi => "Add API".into(),
            Self::AddEvent => "Add event type".into(),
            Self::AddEnum => "Add enum".into(),
            Self::AddView(v) => format!("Add {}", v.label().to_lowercase()),
            Self::Shortcuts => "Keyboard shortcuts".into(),
            Self::About => "About archdesk".into(),
        }
    }

    /// A sentence for tooltips and the palette.
    pub fn tooltip(self) -> String {
        match self {
            Self::New => "Start a new, empty model".into(),
            Self::Open => "Open a model file (.ron)".into(),
            Self::Save => "Save the model to its file".into(),
            Self::SaveAs => "Save the model to another file".into(),
            Self::Export(f) => format!(
                "Write the model as {} (the same bytes as `archdesk export --to {}`)",
                format_label(f),
                f.name()
            ),
            Self::ExportAllViewsSvg => "Write every view as an SVG file into a folder".into(),
            Self::Quit => "Close the window".into(),
            Self::Undo => "Undo the last change".into(),
            Self::Redo | Self::RedoAlt => "Redo the last undone change".into(),
            Self::Cut => "Copy the selection to the clipboard and delete it".into(),
            Self::Copy => "Copy the selection to the clipboard as RON".into(),
            Self::Paste => "Paste elements copied from this or another model".into(),
            Self::Duplicate => "Copy the selection in place".into(),
            Self::Delete | Self::DeleteBackspace => {
                "Delete the selection and what depends on it".into()
            }
            Self::SelectAll => "Select everything in the view".into(),
            Self::Find => "Find an element, entity, API or view by name".into(),
            Self::Rename => "Rename the selected element in place".into(),
            Self::Cancel => "Cancel the current drag, connection, rename or dialog".into(),
            Self::ZoomIn => "Zoom in around the middle of the canvas".into(),
            Self::ZoomOut => "Zoom out around the middle of the canvas".into(),
            Self::ZoomFit => "Show the whole view".into(),
            Self::Zoom100 => "Show the view at its real size, around the selection".into(),
            Self::ToggleGrid => "Show or hide the grid".into(),
            Self::ToggleSnap => "Snap moved elements to the grid".into(),
            Self::ToggleTheme => "Switch between the light and the dark theme".into(),
            Self::ToggleOutline => "Show or hide the outline of the model".into(),
            Self::ToggleInspector => "Show or hide the inspector".into(),
            Self::ToggleProblems => "Show or hide the problems found in the model".into(),
            Self::ToggleChanges => {
                "Show or hide what the model changes against the saved file".into()
            }
            Self::CommandPalette | Self::CommandPaletteAlt => "Search every command by name".into(),
            Self::AutoArrange => {
                "Lay out every element of the view automatically (undoable)".into()
            }
            Self::ViewUp => "Go back to the view that encloses this one".into(),
            Self::NudgeLeft | Self::NudgeRight | Self::NudgeUp | Self::NudgeDown => {
                "Move the selection by one grid step (hold Shift: finer)".into()
            }
            Self::AddPerson => "Add a person to the model and the view".into(),
            Self::AddSystem => "Add a software system to the model and the view".into(),
            Self::AddContainer(kind) => format!(
                "Add a {} container to the system of this view",
                kind.label().to_lowercase()
            ),
            Self::AddComponent => "Add a component to the container of this view".into(),
            Self::AddEntity => "Add an entity (table) to the database of this view".into(),
            Self::AddApi => "Add an HTTP API to the selected service".into(),
            Self::AddEvent => "Add an event type to the selected topic or queue".into(),
            Self::AddEnum => "Add an enumeration that fields and parameters can use".into(),
            Self::AddView(v) => format!("Add a new view of {} and open it", v.scope_hint()),
            Self::Shortcuts => "List every keyboard shortcut".into(),
            Self::About => "Version and licence".into(),
        }
    }

    /// The keyboard shortcut, if the command has one.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            Self::New => ctrl(Key::N),
            Self::Open => ctrl(Key::O),
            Self::Save => ctrl(Key::S),
            Self::SaveAs => ctrl_shift(Key::S),
            Self::Quit => ctrl(Key::Q),
            Self::Undo => ctrl(Key::Z),
            Self::Redo => ctrl_shift(Key::Z),
            Self::RedoAlt => ctrl(Key::Y),
            Self::Cut => ctrl(Key::X),
            Self::Copy => ctrl(Key::C),
            Self::Paste => ctrl(Key::V),
            Self::Duplicate => ctrl(Key::D),
            Self::Delete => plain(Key::Delete),
            Self::DeleteBackspace => plain(Key::Backspace),
            Self::SelectAll => ctrl(Key::A),
            Self::Find => ctrl(Key::F),
            Self::Rename => plain(Key::F2),
            Self::Cancel => plain(Key::Escape),
            Self::ZoomIn => ctrl(Key::Equals),
            Self::ZoomOut => ctrl(Key::Minus),
            Self::ZoomFit => ctrl(Key::Num0),
            Self::Zoom100 => ctrl(Key::Num1),
            Self::ToggleGrid => ctrl(Key::G),
            Self::CommandPalette => ctrl_shift(Key::P),
            Self::CommandPaletteAlt => ctrl(Key::K),
            Self::AutoArrange => ctrl_shift(Key::L),
            Self::ViewUp => KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp),
            Self::NudgeLeft => plain(Key::ArrowLeft),
            Self::NudgeRight => plain(Key::ArrowRight),
            Self::NudgeUp => plain(Key::ArrowUp),
            Self::NudgeDown => plain(Key::ArrowDown),
            Self::Shortcuts => plain(Key::F1),
            _ => return None,
        })
    }

    /// Whether the command is a second binding of another one (kept out of menus).
    pub fn is_alias(self) -> bool {
        matches!(
            self,
            Self::RedoAlt | Self::DeleteBackspace | Self::CommandPaletteAlt
        )
    }

    /// Whether its shortcut should also fire while a text field has focus.
    pub fn works_while_typing(self) -> bool {
        matches!(
            self,
            Self::Save
                | Self::SaveAs
                | Self::Open
                | Self::New
                | Self::Quit
                | Self::CommandPalette
                | Self::CommandPaletteAlt
                | Self::Find
        )
    }
}

/// The human name of an export format.
pub fn format_label(f: Format) -> &'static str {
    match f {
        Format::Postgres => "PostgreSQL DDL",
        Format::Mysql => "MySQL / MariaDB DDL",
        Format::Sqlite => "SQLite DDL",
        Format::Openapi => "OpenAPI (YAML)",
        Format::OpenapiJson => "OpenAPI (JSON)",
        Format::Svg => "view as SVG",
    }
}

/// A shortcut as the README and menus show it, e.g. `Ctrl+Shift+S`.
pub fn shortcut_text(s: KeyboardShortcut) -> String {
    let mut parts = Vec::new();
    if s.modifiers.command || s.modifiers.ctrl {
        parts.push("Ctrl".to_owned());
    }
    if s.modifiers.alt {
        parts.push("Alt".to_owned());
    }
    if s.modifiers.shift {
        parts.push("Shift".to_owned());
    }
    parts.push(
        match s.logical_key {
            Key::Equals => "=",
            Key::Minus => "-",
            Key::Num0 => "0",
            Key::Num1 => "1",
            Key::ArrowLeft => "Left",
            Key::ArrowRight => "Right",
            Key::ArrowUp => "Up",
            Key::ArrowDown => "Down",
            Key::Escape => "Escape",
            Key::Delete => "Delete",
            Key::Backspace => "Backspace",
            other => other.name(),
        }
        .to_owned(),
    );
    parts.join("+")
}

/// The shortcut table as Markdown, one row per command with a shortcut;
/// aliases join their command's row. The README holds a copy (checked by a test).
pub fn shortcuts_markdown() -> String {
    let mut out = String::from("| Command | Shortcut |\n|---|---|\n");
    let all = Command::all();
    for c in &all {
        if c.is_alias() {
            continue;
        }
        let mut keys: Vec<String> = c.shortcut().map(shortcut_text).into_iter().collect();
        for alias in all
            .iter()
            .filter(|a| a.is_alias() && a.label() == c.label())
        {
            keys.extend(alias.shortcut().map(shortcut_text));
        }
        if keys.is_empty() {
            continue;
        }
        let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        out.push_str(&format!(
            "| {} | {} |\n",
            c.label().trim_end_matches('…'),
            keys.join(" or ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_shortcut_is_bound_twice() {
        let mut seen = std::collections::HashMap::new();
        for c in Command::all() {
            if let Some(s) = c.shortcut() {
                assert!(
                    seen.insert(shortcut_text(s), c).is_none(),
                    "{} is bound twice",
                    shortcut_text(s)
                );
            }
        }
    }

    #[test]
    fn the_readme_lists_every_shortcut() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
            .expect("README.md");
        let table = shortcuts_markdown();
        assert!(
            readme.contains(&table),
            "README.md must contain the shortcut table generated from the command table:\n{table}"
        );
    }
}
