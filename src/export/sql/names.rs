//! Names in a script: shortening names past a dialect's limit with a stable
//! hash, and keeping generated names unique within a database.
//!
//! Nothing here quotes; the dialects do. The hash is FNV-1a, written out
//! here so that it never changes with the Rust version or platform.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::fmt;

use rustc_hash::FxHashMap;

use super::NameLimit;

/// FNV-1a over the bytes, folded to 32 bits.
pub(crate) fn hash32(text: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // Truncation is the point: the two halves are folded into one.
    #[allow(clippy::cast_possible_truncation)]
    let folded = (h ^ (h >> 32)) as u32;
    folded
}

/// The name itself when it fits the limit; else its longest beginning that
/// leaves room for `_` and eight hex digits of its hash, followed by those.
pub(crate) fn fit(name: &str, limit: Option<NameLimit>) -> String {
    // Made only for names that are cut: most names fit.
    let suffix = || format!("_{:08x}", hash32(name));
    match limit {
        None => name.to_owned(),
        Some(NameLimit::Bytes(max)) => {
            if name.len() <= max {
                return name.to_owned();
            }
            let suffix = suffix();
            let room = max.saturating_sub(suffix.len());
            let mut end = 0;
            for (i, c) in name.char_indices() {
                if i + c.len_utf8() > room {
                    break;
                }
                end = i + c.len_utf8();
            }
            format!("{}{suffix}", &name[..end])
        }
        Some(NameLimit::Chars(max)) => {
            if name.chars().count() <= max {
                return name.to_owned();
            }
            let suffix = suffix();
            let room = max.saturating_sub(suffix.chars().count());
            let head: String = name.chars().take(room).collect();
            format!("{head}{suffix}")
        }
    }
}

/// What a name is given to, for error messages. Kept as references and put
/// into words only when a clash is reported: a script claims thousands of
/// names and almost never reports one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum What<'a> {
    /// A name the engine keeps for itself.
    Reserved(&'a str),
    /// The table of an entity, by entity id.
    Entity(&'a str),
    /// A column: entity id, field name.
    Field(&'a str, &'a str),
    /// An enum type, by enum id.
    Enum(&'a str),
    /// A constraint or index the model names: its kind, its name, the entity id.
    Named {
        kind: &'static str,
        name: &'a str,
        entity: &'a str,
    },
    /// A generated name: its kind and the entity id.
    Of { kind: &'static str, entity: &'a str },
}

impl fmt::Display for What<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Reserved(r) => write!(f, "the engine's own name “{r}”"),
            Self::Entity(id) => write!(f, "entity “{id}”"),
            Self::Field(entity, field) => write!(f, "field “{entity}.{field}”"),
            Self::Enum(id) => write!(f, "enum “{id}”"),
            Self::Named { kind, name, entity } => {
                write!(f, "the {kind} “{name}” of entity “{entity}”")
            }
            Self::Of { kind, entity } => write!(f, "the {kind} of entity “{entity}”"),
        }
    }
}

/// The key a name is compared by: lower case.
fn key(name: &str) -> String {
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else {
        name.to_lowercase()
    }
}

/// The names taken in one scope (a database, or the columns of a table),
/// compared ignoring case.
#[derive(Debug, Default)]
pub(crate) struct Scope<'a> {
    limit: Option<NameLimit>,
    taken: FxHashMap<String, What<'a>>,
}

impl<'a> Scope<'a> {
    /// A scope for about `expected` names, the engine's own names taken.
    pub(crate) fn new(limit: Option<NameLimit>, reserved: &[&'a str], expected: usize) -> Self {
        let mut taken = FxHashMap::default();
        taken.reserve(expected + reserved.len());
        let mut scope = Self { limit, taken };
        for r in reserved {
            scope.taken.insert(key(r), What::Reserved(r));
        }
        scope
    }

    /// Takes a name the model gives (shortened if needed). `Err` holds
    /// what already has it.
    pub(crate) fn claim(&mut self, name: &str, what: What<'a>) -> Result<String, What<'a>> {
        let fitted = fit(name, self.limit);
        match self.taken.entry(key(&fitted)) {
            Entry::Occupied(first) => Err(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(what);
                Ok(fitted)
            }
        }
    }

    /// A generated name: `base` (shortened if needed), or `base1`, `base2`…
    /// when that is taken.
    pub(crate) fn generate(&mut self, base: &str, what: What<'a>) -> String {
        let mut n = 0u32;
        loop {
            let candidate: Cow<'_, str> = if n == 0 {
                Cow::Borrowed(base)
            } else {
                Cow::Owned(format!("{base}{n}"))
            };
            let fitted = fit(&candidate, self.limit);
            if let Entry::Vacant(slot) = self.taken.entry(key(&fitted)) {
                slot.insert(what);
                return fitted;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept() {
        assert_eq!(fit("orders", Some(NameLimit::Bytes(63))), "orders");
        assert_eq!(fit(&"x".repeat(63), Some(NameLimit::Bytes(63))).len(), 63);
        assert_eq!(
            fit(&"é".repeat(64), Some(NameLimit::Chars(64))),
            "é".repeat(64)
        );
        assert_eq!(fit(&"x".repeat(500), None), "x".repeat(500));
    }

    #[test]
    fn long_names_are_cut_on_a_char_boundary_with_a_hash() {
        let a = format!("{}a", "€".repeat(40));
        let b = format!("{}b", "€".repeat(40));
        let fa = fit(&a, Some(NameLimit::Bytes(63)));
        let fb = fit(&b, Some(NameLimit::Bytes(63)));
        assert!(fa.len() <= 63 && fb.len() <= 63, "{fa} {fb}");
        assert_ne!(fa, fb);
        assert!(fa.starts_with("€€€"));
        assert_eq!(fa, fit(&a, Some(NameLimit::Bytes(63))), "deterministic");
        let c = fit(&"🦀".repeat(70), Some(NameLimit::Chars(64)));
        assert_eq!(c.chars().count(), 64);
    }

    #[test]
    fn the_hash_is_stable() {
        // Pinned: a change here renames every shortened name in users' DDL.
        assert_eq!(hash32(""), 0x4fd0_bfc1);
        assert_eq!(format!("{:08x}", hash32("orders")), "50acd6de");
    }

    #[test]
    fn scopes_refuse_clashes_and_number_generated_names() {
        let mut s = Scope::new(None, &["PRIMARY"], 8);
        assert_eq!(s.claim("t", What::Entity("a")), Ok("t".into()));
        assert_eq!(s.claim("T", What::Entity("b")), Err(What::Entity("a")));
        assert_eq!(
            s.claim("primary", What::Entity("c"))
                .map_err(|w| w.to_string()),
            Err("the engine's own name “PRIMARY”".to_owned())
        );
        let x = What::Of {
            kind: "index",
            entity: "a",
        };
        assert_eq!(s.generate("t", x), "t1");
        assert_eq!(s.generate("t", x), "t2");
        assert_eq!(s.generate("u", x), "u");
        assert_eq!(x.to_string(), "the index of entity “a”");
        // Case folding beyond ASCII, as before.
        assert!(s.claim("É", What::Entity("d")).is_ok());
        assert_eq!(s.claim("é", What::Entity("e")), Err(What::Entity("d")));
    }
}
