//! Names in a script: shortening names past a dialect's limit with a stable
//! hash, and keeping generated names unique within a database.
//!
//! Nothing here quotes; the dialects do. The hash is FNV-1a, written out
//! here so that it never changes with the Rust version or platform.

use std::collections::BTreeMap;

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

/// What kind of thing a name is given to, for error messages.
pub(crate) type What = String;

/// The names taken in one scope (a database, or the columns of a table),
/// compared ignoring case.
#[derive(Debug, Default)]
pub(crate) struct Scope {
    limit: Option<NameLimit>,
    taken: BTreeMap<String, What>,
}

impl Scope {
    pub(crate) fn new(limit: Option<NameLimit>, reserved: &[&str]) -> Self {
        let mut scope = Self {
            limit,
            taken: BTreeMap::new(),
        };
        for r in reserved {
            scope
                .taken
                .insert(r.to_lowercase(), format!("the engine's own name “{r}”"));
        }
        scope
    }

    /// Takes a name the model gives (shortened if needed). `Err` holds the
    /// description of what already has it.
    pub(crate) fn claim(&mut self, name: &str, what: What) -> Result<String, What> {
        let fitted = fit(name, self.limit);
        let key = fitted.to_lowercase();
        if let Some(first) = self.taken.get(&key) {
            return Err(first.clone());
        }
        self.taken.insert(key, what);
        Ok(fitted)
    }

    /// A generated name: `base` (shortened if needed), or `base1`, `base2`…
    /// when that is taken.
    pub(crate) fn generate(&mut self, base: &str, what: What) -> String {
        let mut n = 0u32;
        loop {
            let candidate = if n == 0 {
                base.to_owned()
            } else {
                format!("{base}{n}")
            };
            let fitted = fit(&candidate, self.limit);
            if let std::collections::btree_map::Entry::Vacant(slot) =
                self.taken.entry(fitted.to_lowercase())
            {
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
        let mut s = Scope::new(None, &["PRIMARY"]);
        assert_eq!(s.claim("t", "table t".into()), Ok("t".into()));
        assert_eq!(s.claim("T", "table T".into()), Err("table t".into()));
        assert!(s.claim("primary", "index".into()).is_err());
        assert_eq!(s.generate("t", "x".into()), "t1");
        assert_eq!(s.generate("t", "x".into()), "t2");
        assert_eq!(s.generate("u", "x".into()), "u");
    }
}
