//! Finding places in the text of a file, for error messages: serde does not
//! keep positions, so ids and references are looked up in the source.

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextPos {
    pub line: usize,
    pub column: usize,
}

impl TextPos {
    /// Line 1, column 1.
    pub const START: Self = Self { line: 1, column: 1 };

    /// The position of byte offset `offset` in `text`.
    pub fn at(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = text.get(..offset).unwrap_or(text);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

/// The byte offset of a 1-based line and column (in characters), clamped to the text.
pub fn offset_of(text: &str, pos: TextPos) -> usize {
    let mut offset = 0;
    for _ in 1..pos.line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    text[offset..]
        .char_indices()
        .nth(pos.column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| offset + i)
}

/// The first non-white-space position at or after `pos`, and whether the
/// text ends there.
pub fn skip_space(text: &str, pos: TextPos) -> (TextPos, bool) {
    let start = offset_of(text, pos);
    let rest = &text[start..];
    let skipped = rest.len() - rest.trim_start().len();
    let at = start + skipped;
    (TextPos::at(text, at), at >= text.len())
}

/// The RON string literal for `s`, as archdesk writes it.
fn quoted(s: &str) -> String {
    ron::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// Byte offsets of every occurrence of `needle` in `text`.
fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.match_indices(needle).map(|(i, _)| i)
}

/// Whether the text just before `offset` is `field:` (with any spaces).
fn preceded_by_field(text: &str, offset: usize, field: &str) -> bool {
    let before = text[..offset].trim_end();
    let Some(before) = before.strip_suffix(':') else {
        return false;
    };
    let before = before.trim_end();
    before.ends_with(field)
        && !before[..before.len() - field.len()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// The position of the `nth` (0-based) `id: "ID"` in the text.
pub fn find_id(text: &str, id: &str, nth: usize) -> Option<TextPos> {
    let needle = quoted(id);
    occurrences(text, &needle)
        .filter(|&i| preceded_by_field(text, i, "id"))
        .nth(nth)
        .map(|i| TextPos::at(text, i))
}

/// The position of the first `"TARGET"` after the definition of `owner`.
pub fn find_reference(text: &str, owner: &str, target: &str) -> Option<TextPos> {
    let owner_needle = quoted(owner);
    let start = occurrences(text, &owner_needle)
        .find(|&i| preceded_by_field(text, i, "id"))
        .unwrap_or(0);
    let needle = quoted(target);
    text[start..]
        .find(&needle)
        .map(|i| TextPos::at(text, start + i))
}

/// The position of the first `NAME:` field in the text.
pub fn find_field(text: &str, name: &str) -> Option<TextPos> {
    occurrences(text, name)
        .find(|&i| {
            let after = text[i + name.len()..].trim_start();
            let before_ok = !text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            before_ok && after.starts_with(':')
        })
        .map(|i| TextPos::at(text, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nçd\"x\"";
        assert_eq!(TextPos::at(text, 0), TextPos { line: 1, column: 1 });
        assert_eq!(TextPos::at(text, 3), TextPos { line: 2, column: 1 });
        // 'ç' is two bytes but one column.
        assert_eq!(TextPos::at(text, 6), TextPos { line: 2, column: 3 });
    }

    #[test]
    fn ids_and_references_are_found() {
        let text = "(\n  a: (id: \"x\", to: \"y\"),\n  b: (id :\"x\"),\n  c: (grid: \"x\"),\n)";
        assert_eq!(
            find_id(text, "x", 0),
            Some(TextPos {
                line: 2,
                column: 11
            })
        );
        assert_eq!(
            find_id(text, "x", 1),
            Some(TextPos {
                line: 3,
                column: 11
            })
        );
        assert_eq!(find_id(text, "x", 2), None);
        assert_eq!(
            find_reference(text, "x", "y"),
            Some(TextPos {
                line: 2,
                column: 20
            })
        );
        assert_eq!(
            find_field(text, "to"),
            Some(TextPos {
                line: 2,
                column: 16
            })
        );
    }
}
