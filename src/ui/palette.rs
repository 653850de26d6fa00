//! The command palette (every command by name, Ctrl+Shift+P or Ctrl+K) and
//! Find (every element, entity, API, event and view by name, Ctrl+F): a
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

/// Draws the palette; returns false when it should close.
pub fn palette_ui(
    ctx: &egui::Context,
    state: &mut PaletteState,
    doc: &Document,
    out: &mut Vec<AppCommand>,
) -> bool {
    let entries: Vec<(String, String, Entry)> = match state.mode {
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
            .filter(|(label, _, _)| matches(label, &state.query))
            .collect(),
        Mode::Find => doc
            .items()
            .filter(|i| !matches!(i, ItemRef::Relationship(_)))
            .filter_map(|i| {
                let name = i.label().to_owned();
                let id = i.id();
                (matches(&name, &state.query) || matches(id, &state.query))
                    .then(|| (name, i.kind().label().to_owned(), Entry::Item(id.clone())))
            })
            .take(200)
            .collect(),
    };
    let mut keep = true;
    let mut run: Option<usize> = None;
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
