//! The desktop editor (eframe/egui).
//!
//! The UI reads the document and emits [`commands::AppCommand`]s — edits, selection
//! changes, navigation — which the app applies once per frame, after the UI
//! has been drawn. Nothing here changes the document except through
//! [`crate::model::Edit`]s, so every change is undoable. Selection, zoom, pan,
//! open panels and automatic positions are view state and never saved in the
//! model; saved positions are model data, changed through `Edit::Move`.

mod actions;
pub mod app;
mod canvas;
mod changes;
mod clipboard;
pub mod commands;
mod inspector;
pub(crate) mod outline;
mod palette;
mod problems;
mod settings;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
mod theme;
mod widgets;

use std::path::PathBuf;
use std::process::ExitCode;

pub use app::ArchdeskApp;

/// Opens the editor window on a file (or a new model) and runs until it closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("archdesk")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_app_id("archdesk"),
        ..Default::default()
    };
    let result = eframe::run_native(
        "archdesk",
        options,
        Box::new(move |cc| {
            let mut app = ArchdeskApp::new(&cc.egui_ctx);
            app.open_at_start(file);
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!(
                    "archdesk: the editor window could not be opened ({err}); the command line still works: see `archdesk --help`"
                );
            }
            ExitCode::from(1)
        }
    }
}
