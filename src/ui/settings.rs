//! Editor preferences kept between runs (recent files, theme, panels) in
//! `$XDG_CONFIG_HOME/archdesk/settings.ron`. Never part of a model.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What the editor remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub grid: bool,
    pub snap: bool,
    pub show_outline: bool,
    pub show_inspector: bool,
    pub show_problems: bool,
    pub show_changes: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            dark: false,
            grid: true,
            snap: true,
            show_outline: true,
            show_inspector: true,
            show_problems: true,
            show_changes: false,
        }
    }
}

/// At most this many recent files are listed.
const MAX_RECENT: usize = 10;

impl Settings {
    /// `$XDG_CONFIG_HOME/archdesk/settings.ron`, or under `~/.config`.
    pub fn default_path() -> Option<PathBuf> {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
        Some(base.join("archdesk").join("settings.ron"))
    }

    /// The settings saved in `path`, or the defaults when there are none or
    /// they do not parse.
    pub fn load(path: &Path) -> Self {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| ron::from_str(&text).ok())
            .unwrap_or_default()
    }

    /// Writes the settings; failures are not worth bothering the user with.
    pub fn store(&self, path: &Path) {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Ok(text) = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()) {
            let _ = crate::store::write_atomic(path, &text);
        }
    }

    /// Puts a file first in the recent list.
    pub fn remember(&mut self, file: &Path) {
        let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_owned());
        self.recent.retain(|p| *p != file);
        self.recent.insert(0, file);
        self.recent.truncate(MAX_RECENT);
    }
}
