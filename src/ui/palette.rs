//! The command palette (every command by name, Ctrl+Shift+P or Ctrl+K) and
//! Find (every item by name or id, Ctrl+F; a relationship also by what it
//! joins): a
//! search box over a list; Enter runs or reveals the highlighted entry,
//! arrows move, Escape closes.

use egui::Key;

use super::commands::AppCommand;
use super::commands::{Command, shortcut_text};
use crate::model::{Document, Id, ItemRef};

/// Which list the palette searches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Commands,
    Find,
}

/// The open palette.
#[derive(Clone, Debug)]
pub struct PaletteState {
    pub mode: Mode,
    pub query: String,
    pub highlighted: usize,
}

impl PaletteState {
    pub fn commands() -> Self {
        Self {
            mode: Mode::Commands,
            query: String::new(),
            highlighted: 0,
        }
    }

    pub fn find() -> Self {
        Self {
            mode: Mode::Find,
            query: String::new(),
            highlighted: 0,
        }
    }
}

enum Entry {
    Command(Command),
    Item(Id),
}

/// Fuzzy-ish match: every word of the query occurs in the text.
fn matches(text: &str, query: &str) -> bool {
    let text = text.to_lowercase();
    query
        .split_whitespace()
        .all(|w| text.contains(&w.to_lowercase()))
}

/// The entries of the list for this query, best first.
fn entries(mode: Mode, query: &str, doc: &Document) -> Vec<(String, String, Entry)> {
    match mode {
        Mode::Commands => Command::all()
            .into_iter()
            .filter(|c| !c.is_alias())
            .map(|c| {
                (
                    c.label(),
                    c.shortcut().map(shortcut_text).unwrap_or_default(),
                    Entry::Command(c),
                )
            })
            .filter(|(label, _, _)| matches(label, query))
            .collect(),
        Mode::Find => {
            let index = doc.index();
            let name_of = |id: &str| index.item(id).map_or(id, |i| i.label()).to_owned();
            let mut found: Vec<(String, String, Entry)> = doc
                .items()
                .filter_map(|i| {
                    let id = i.id();
                    // A relationship is found by what it says and what it joins.
                    let name = match i {
                        ItemRef::Relationship(r) => format!(
                            "{} (from {} to {})",
                            r.description,
                            name_of(&r.from),
                            name_of(&r.to)
                        ),
                        _ => i.label().to_owned(),
                    };
                    (matches(&name, query) || matches(id, query))
                        .then(|| (name, i.kind().label().to_owned(), Entry::Item(id.clone())))
                })
                .take(200)
                .collect();
            // What is named or identified exactly so comes first.
            let query = query.trim().to_lowercase();
            found.sort_by_key(|(name, _, entry)| {
                let exact = name.to_lowercase() == query
                    || matches!(entry, Entry::Item(id) if *id == query);
                !exact
            });
            found
        }
    }
}

/// Draws the palette; returns false when it should close.
pub fn palette_ui(
    ctx: &egui::Context,
    state: &mut PaletteState,
    doc: &Document,
    out: &mut Vec<AppCommand>,
) -> bool {
    let mut entries = entries(state.mode, &state.query, doc);
    let mut keep = true;
    let mut run: Option<usize> = None;
    let mut changed = false;
    let (up, down, enter, escape) = ctx.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, Key::Enter),
            i.consume_key(egui::Modifiers::NONE, Key::Escape),
        )
    });
    if escape {
        return false;
    }
    if down {
        state.highlighted = (state.highlighted + 1).min(entries.len().saturating_sub(1));
    }
    if up {
        state.highlighted = state.highlighted.saturating_sub(1);
    }
    if enter && !entries.is_empty() {
        run = Some(state.highlighted.min(entries.len() - 1));
    }
    let title = match state.mode {
        Mode::Commands => "Command palette",
        Mode::Find => "Find",
    };
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .title_bar(false)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .fixed_size([480.0, 360.0])
        .show(ctx, |ui| {
            let hint = match state.mode {
                Mode::Commands => "Type a command…",
                Mode::Find => "Find an element, entity, API, event or view…",
            };
            let r = ui.add(
                egui::TextEdit::singleline(&mut state.query)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            );
            r.request_focus();
            if r.changed() {
                state.highlighted = 0;
                changed = true;
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    if entries.is_empty() {
                        ui.weak("Nothing matches");
                    }
                    for (i, (label, detail, _)) in entries.iter().enumerate() {
                        ui.horizontal(|ui| {
                            let r = ui.selectable_label(i == state.highlighted, label);
                            if i == state.highlighted {
                                r.scroll_to_me(None);
                            }
                            if r.clicked() {
                                run = Some(i);
                            }
                            ui.with_layout(
                                egui::Layout::right_to_left(egui::Align::Center),
                                |ui| {
                                    ui.weak(detail);
                                },
                            );
                        });
                    }
                });
        });
    // Typed and Enter in one frame (a quick typist, a paste): the list
    // was made before the typing; Enter takes the best of the new one.
    if changed && enter {
        entries = self::entries(state.mode, &state.query, doc);
        run = (!entries.is_empty()).then_some(0);
    }
    if let Some(i) = run
        && let Some((_, _, entry)) = entries.into_iter().nth(i)
    {
        keep = false;
        out.push(match entry {
            Entry::Command(c) => AppCommand::Run(c),
            Entry::Item(id) => AppCommand::Reveal(id),
        });
    }
    keep
}
