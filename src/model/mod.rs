//! The architecture model: plain data with serde derives and its invariants.
//!
//! One [`Document`] holds everything an architect draws: people, software
//! systems, containers and components (the C4 elements), the relationships
//! between them, the entities that database containers store, the APIs that
//! services offer, the events that flow through topics and queues, and the
//! views that show parts of it.
//!
//! Everything refers to everything else by [`Id`]: a stable, human-readable
//! slug such as `order-service`, unique across the whole document.
//!
//! This module does no I/O, no printing and no drawing. Every change to a
//! document goes through an [`Edit`] (see [`edit`]), which validates it and
//! returns its inverse; that is what undo and redo replay.

mod api;
pub mod c4;
mod crud;
mod data;
pub mod diff;
pub mod edit;
mod elements;
mod events;
pub mod history;
pub mod index;
pub mod literal;
mod replace;
mod review;
mod views;

pub use api::*;
pub use crud::*;
/// An index of an entity's table (`Index` names the id lookup of a document).
pub use data::Index as TableIndex;
pub use data::*;
pub use edit::{Edit, EditError, Item, ItemKind, ItemRef};
pub use elements::*;
pub use events::*;
pub use history::History;
pub use index::{ElementRef, Index};
pub use literal::{Literal, LiteralError};
pub use replace::replace_document;
pub use review::{ReviewConfig, RuleSetting};
pub use views::*;

use serde::{Deserialize, Serialize};

/// The version of the file format this program writes, and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// A stable, human-readable identifier such as `order-service`.
pub type Id = String;

/// Whether `id` is a well-formed id: 1 to 100 characters of lowercase ASCII
/// letters, digits, `-`, `_` and `.`, starting with a letter or digit.
///
/// Ids end up in file names (`VIEW-ID.svg`), URLs and command lines, so they
/// are kept to a safe alphabet; names and descriptions may contain anything.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// Turns any name into a valid id (`"Order Service"` → `order-service`,
/// `"OrderPlaced"` → `order-placed`). The result is not guaranteed unique;
/// see [`Document::unique_id`].
pub fn slugify(name: &str) -> Id {
    let mut out = String::new();
    let mut dash = false;
    let mut after_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            // A word starts at a capital after a small letter or digit.
            dash |= after_lower && c.is_ascii_uppercase();
            after_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
            after_lower = false;
        }
        if out.len() >= 60 {
            break;
        }
    }
    if out.is_empty() {
        out.push_str("element");
    }
    out
}

/// A whole architecture model: what one `.ron` file holds.
///
/// The collections are kept in the order they were written; edits insert at
/// a chosen index, so saving after loading writes them back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// File format version; see [`FORMAT_VERSION`].
    pub format: u32,
    /// The model's name, e.g. "Shop".
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// How the architecture review is tuned for this model: rules turned
    /// off or run at another severity.
    #[serde(default, skip_serializing_if = "ReviewConfig::is_empty")]
    pub review: ReviewConfig,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<SoftwareSystem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub containers: Vec<Container>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relationships: Vec<Relationship>,
    /// Named enumerations that entity fields and API parameters can use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<EnumType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<Entity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apis: Vec<Api>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
}

impl Document {
    /// An empty model with the given name, at the current format version.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format: FORMAT_VERSION,
            name: name.into(),
            ..Self::default()
        }
    }

    /// A lookup table from ids to items, built fresh from the document.
    pub fn index(&self) -> Index<'_> {
        Index::new(self)
    }

    /// `base` if no item has that id yet, else `base-2`, `base-3`, …
    pub fn unique_id(&self, base: &str) -> Id {
        let index = self.index();
        let base = if is_valid_id(base) {
            base.to_owned()
        } else {
            slugify(base)
        };
        if !index.contains(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !index.contains(candidate))
            .unwrap_or(base)
    }

    /// The entity with this id.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The container with this id.
    pub fn container(&self, id: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.id == id)
    }

    /// The enumeration with this id.
    pub fn enum_type(&self, id: &str) -> Option<&EnumType> {
        self.enums.iter().find(|e| e.id == id)
    }

    /// The view with this id.
    pub fn view(&self, id: &str) -> Option<&View> {
        self.views.iter().find(|v| v.id == id)
    }
}

/// A free-form tag list, written only when not empty.
pub type Tags = Vec<String>;

/// A rule of the review that the architects have accepted for one element,
/// with the reason; the finding is suppressed there and reported as accepted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Accepted {
    /// The rule id, e.g. `data/fk-without-index`.
    pub rule: String,
    /// Why the team accepts it here.
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_and_slugified() {
        assert!(is_valid_id("order-service"));
        assert!(is_valid_id("v1.orders_2"));
        assert!(!is_valid_id("Order"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert_eq!(slugify("Order Service"), "order-service");
        assert_eq!(slugify("OrderPlaced"), "order-placed");
        assert_eq!(slugify("new_table"), "new-table");
        assert_eq!(slugify("HTTPServer v2"), "httpserver-v2");
        assert_eq!(slugify("  ; DROP TABLE x; --"), "drop-table-x");
        assert_eq!(slugify("🦀"), "element");
        assert!(is_valid_id(&slugify(&"x".repeat(300))));
    }

    #[test]
    fn unique_id_counts_up() {
        let mut doc = Document::new("t");
        doc.people.push(Person::new("customer", "Customer"));
        assert_eq!(doc.unique_id("admin"), "admin");
        assert_eq!(doc.unique_id("customer"), "customer-2");
        assert_eq!(doc.unique_id("Big Customer"), "big-customer");
    }
}
