//! The `archdesk` binary: parses the command line and hands over to the
//! library's command line or editor.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: the reader and the exports make
/// hundreds of thousands of small strings (docs/PERFORMANCE.md has the
/// numbers). The library leaves the choice to the program that uses it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = archdesk::cli::Cli::parse();
    archdesk::cli::run(cli, open_editor)
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<PathBuf>) -> ExitCode {
    archdesk::ui::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_editor(file: Option<PathBuf>) -> ExitCode {
    let what = file.map_or_else(|| "a new model".to_owned(), |f| f.display().to_string());
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "archdesk: cannot open {what}: this build has no editor (it was built without the `gui` feature); use `archdesk check FILE` or `archdesk export FILE --to FORMAT` (see `archdesk --help`)"
        );
    }
    ExitCode::from(2)
}
