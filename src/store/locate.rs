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

/// Every string literal of the text, as (byte offset of its start, its
/// value), in order. Comments are skipped; escapes are decoded, so a
/// value is found however the file spells it (`'` or `\'`, a character
/// or its `\u{..}`). Raw strings (`r"..."`, `r#"..."#`) count too.
fn string_literals(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                && !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_') =>
            {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let open = i + 1 + hashes;
                if bytes.get(open) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                match text[open + 1..].find(&close) {
                    Some(n) => {
                        out.push((i, text[open + 1..open + 1 + n].to_owned()));
                        i = open + 1 + n + close.len();
                    }
                    None => break,
                }
            }
            b'"' => {
                let (value, end) = decode_string(text, i + 1);
                out.push((i, value));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// The value of the string whose text starts at byte `start` (after its
/// opening quote), and the offset just past its closing quote. An escape
/// it cannot read stands for itself.
fn decode_string(text: &str, start: usize) -> (String, usize) {
    let mut value = String::new();
    let mut chars = text[start..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return (value, start + i + 1),
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, 'r')) => value.push('\r'),
                Some((_, '0')) => value.push('\0'),
                Some((_, 'b')) => value.push('\u{8}'),
                Some((_, 'f')) => value.push('\u{c}'),
                Some((_, 'x')) => {
                    let hex: String = chars.by_ref().take(2).map(|(_, c)| c).collect();
                    match u8::from_str_radix(&hex, 16) {
                        Ok(b) => value.push(char::from(b)),
                        Err(_) => value.push_str(&hex),
                    }
                }
                Some((_, 'u')) => {
                    let rest = &text[start + i + 2..];
                    let code = rest
                        .strip_prefix('{')
                        .and_then(|r| r.split_once('}'))
                        .and_then(|(hex, _)| u32::from_str_radix(hex, 16).ok().map(|n| (hex, n)));
                    if let Some((hex, n)) = code {
                        value.extend(char::from_u32(n));
                        // Past the braces and the digits.
                        for _ in 0..hex.len() + 2 {
                            chars.next();
                        }
                    }
                }
                Some((_, other)) => value.push(other),
                None => break,
            },
            c => value.push(c),
        }
    }
    (value, text.len())
}

/// Byte offsets of every string literal whose value is `value`.
fn occurrences<'a>(text: &'a str, value: &'a str) -> impl Iterator<Item = usize> + 'a {
    string_literals(text)
        .into_iter()
        .filter(move |(_, v)| v == value)
        .map(|(i, _)| i)
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
    occurrences(text, id)
        .filter(|&i| preceded_by_field(text, i, "id"))
        .nth(nth)
        .map(|i| TextPos::at(text, i))
}

/// The position of the first string `"TARGET"` after the definition of `owner`.
pub fn find_reference(text: &str, owner: &str, target: &str) -> Option<TextPos> {
    let literals = string_literals(text);
    let start = literals
        .iter()
        .find(|(i, v)| v == owner && preceded_by_field(text, *i, "id"))
        .map_or(0, |(i, _)| *i);
    literals
        .iter()
        .find(|(i, v)| *i >= start && v == target)
        .map(|(i, _)| TextPos::at(text, *i))
}

/// The position of the first `NAME:` field in the text.
pub fn find_field(text: &str, name: &str) -> Option<TextPos> {
    text.match_indices(name)
        .map(|(i, _)| i)
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
    fn ids_are_found_however_the_file_spells_them() {
        // Written raw, escaped, as a code point, or as a raw string; quotes
        // inside comments and other strings do not count.
        let text = "(\n  // an \"id\": \"b'c\" in a comment\n  a: (id: \"b'c\"),\n  b: (id: \"b\\'c\"),\n  c: (id: \"\\u{feff}x\", to: r#\"b'c\"#),\n)";
        assert_eq!(
            find_id(text, "b'c", 0),
            Some(TextPos {
                line: 3,
                column: 11
            })
        );
        assert_eq!(
            find_id(text, "b'c", 1),
            Some(TextPos {
                line: 4,
                column: 11
            })
        );
        assert_eq!(find_id(text, "b'c", 2), None);
        assert_eq!(
            find_id(text, "\u{feff}x", 0),
            Some(TextPos {
                line: 5,
                column: 11
            })
        );
        assert_eq!(
            find_reference(text, "\u{feff}x", "b'c"),
            Some(TextPos {
                line: 5,
                column: 28
            })
        );
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
