//! Per-model tuning of the architecture review: which rules are off and
//! which run at another severity than their default.
//!
//! In the file it reads:
//!
//! ```ron
//! review: (
//!     rules: {
//!         "arch/not-in-view": Off,
//!         "data/fk-without-index": Error,
//!     },
//! ),
//! ```
//!
//! This is plain data: the model does not know which rules exist. The
//! checker (`crate::check`) reads it, applies it, and reports settings that
//! name unknown rules or try to weaken a structural rule.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a model asks of one review rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleSetting {
    /// The rule does not run on this model.
    Off,
    /// Its findings are errors: `archdesk check` fails and exports refuse the model.
    Error,
    /// Its findings are warnings.
    Warning,
    /// Its findings are notes.
    Info,
}

impl RuleSetting {
    /// Every setting, in the order pickers list them.
    pub const ALL: [Self; 4] = [Self::Off, Self::Error, Self::Warning, Self::Info];

    /// A lowercase label: `off`, `error`, `warning`, `info`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Off => "off",
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// How the review is tuned for one model.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    /// Rule id (e.g. `data/fk-without-index`) → what to do with it. Rules not
    /// named here run at their default severity.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleSetting>,
}

impl ReviewConfig {
    /// Whether nothing is tuned (the section is then left out of the file).
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The setting for a rule, if the model names it.
    pub fn setting(&self, rule: &str) -> Option<RuleSetting> {
        self.rules.get(rule).copied()
    }
}
