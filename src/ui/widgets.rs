//! Small widget helpers the panels share.

/// Gives a text field the focus with all its text selected, so that what
/// is typed next replaces it (a new item's placeholder name).
pub fn focus_select_all(ui: &egui::Ui, field: &egui::Response, text: &str) {
    field.request_focus();
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), field.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ui.ctx(), field.id);
}

/// Gives a path field the focus with its file's name selected (not the
/// folder, not the extension), as file dialogs do: typing renames.
pub fn focus_select_file_name(ui: &egui::Ui, field: &egui::Response, path: &str) {
    let chars: Vec<char> = path.chars().collect();
    let start = chars
        .iter()
        .rposition(|c| std::path::is_separator(*c))
        .map_or(0, |i| i + 1);
    let end = chars[start..]
        .iter()
        .rposition(|c| *c == '.')
        .filter(|i| *i > 0)
        .map_or(chars.len(), |i| start + i);
    field.request_focus();
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), field.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::two(
            egui::text::CCursor::new(start),
            egui::text::CCursor::new(end),
        )));
    state.store(ui.ctx(), field.id);
}

/// A list of one-line rows that scrolls, laid out only where in sight (a
/// big model has tens of thousands): `row_ui` draws one row, left to right.
pub fn rows_ui<T>(ui: &mut egui::Ui, rows: &[T], mut row_ui: impl FnMut(&mut egui::Ui, &T)) {
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for row in &rows[range] {
                ui.horizontal(|ui| {
                    ui.set_height(row_height);
                    row_ui(ui, row);
                });
            }
        });
}
