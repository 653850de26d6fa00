//! The one factory for UI test harnesses: every test builds the editor the
//! same way (size, theme, no settings or recovery files written), so tests
//! drive the real app by its labels and keys.

use std::path::Path;

use egui_kittest::Harness;

use super::app::ArchdeskApp;
use super::settings::Settings;

/// The editor on a model file (or a new model), in a 1400×900 window, light
/// theme. Each frame first waits for a layout on the worker thread to end,
/// and for the findings of the document as it is, so what a test sees
/// after N frames does not depend on the machine's load.
pub fn harness(file: Option<&Path>) -> Harness<'static, ArchdeskApp> {
    let app = ArchdeskApp::with_settings(Settings::default(), false);
    build(app, file)
}

/// The editor as a user runs it, but for the system's file dialogs: it
/// keeps its settings in `settings_file` (read at start) and writes
/// recovery copies beside `file`.
pub fn harness_keeping(file: &Path, settings_file: &Path) -> Harness<'static, ArchdeskApp> {
    let mut app = ArchdeskApp::with_settings(Settings::load(settings_file), true);
    app.settings_file = Some(settings_file.to_owned());
    build(app, Some(file))
}

fn build(mut app: ArchdeskApp, file: Option<&Path>) -> Harness<'static, ArchdeskApp> {
    app.open_at_start(file.map(Path::to_owned));
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_theme(egui::Theme::Light)
        .with_max_steps(24)
        // Frames 1/30 s apart, so two clicks a few frames apart are a double-click.
        .with_step_dt(1.0 / 30.0)
        .build_ui_state(
            |ui, app: &mut ArchdeskApp| {
                app.canvas.finish_layout();
                app.wait_for_findings();
                app.frame_ui(ui);
            },
            app,
        )
}
