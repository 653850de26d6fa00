//! Text that reaches a person: a terminal, a dialog, a status line. Names
//! and ids in a model are the user's own strings and may hold anything; a
//! message that quotes them must not let them act on the terminal (escape
//! sequences), break its one line (line breaks), or reorder what is shown
//! around them (bidirectional controls).

use std::borrow::Cow;

/// `s`, safe to show on one line: every control character, line or
/// paragraph separator and bidirectional control becomes a visible escape
/// such as `\u{1b}`; everything else is kept as it is.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// "1 error", "2 errors": a count and its noun (one that takes an "s").
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "1 entity", "2 entities": a count and the noun's form for it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether `c` would act on a terminal, break a line, or reorder text.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// The text with its first letter in capitals: "software system" →
/// "Software system".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_right_form() {
        assert_eq!(plural(1, "note"), "1 note");
        assert_eq!(plural(0, "note"), "0 notes");
        assert_eq!(count(1, "entity", "entities"), "1 entity");
        assert_eq!(count(2, "person", "people"), "2 people");
    }

    #[test]
    fn controls_and_bidi_become_escapes_and_the_rest_stays() {
        assert!(matches!(
            printable("Order service — ünïcode ✓"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            printable("\u{1b}]0;owned\u{7}\u{1b}[2J"),
            "\\u{1b}]0;owned\\u{7}\\u{1b}[2J"
        );
        assert_eq!(printable("s\nFAKE: x\r\t"), "s\\u{a}FAKE: x\\u{d}\\u{9}");
        assert_eq!(
            printable("a\u{202e}cba\u{2066}\u{9b}"),
            "a\\u{202e}cba\\u{2066}\\u{9b}"
        );
    }
}
