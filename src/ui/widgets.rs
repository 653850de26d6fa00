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
