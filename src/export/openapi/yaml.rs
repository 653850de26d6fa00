//! YAML output: a [`Node`] tree written straight into one `String`.
//!
//! The bytes are those libyaml's emitter (as ported by `libyaml-safer`)
//! writes for the same tree with indent 2, unicode on and no line folding;
//! this file used to send the tree through it as events, and the tests
//! still do, as the reference this writer must match byte for byte for any
//! tree (`yaml/reference.rs`). Writing directly halves the time: no event
//! per scalar, no copy of every string, no queue.
//!
//! Why not serde_norway / serde_yaml_ng: they decide on their own whether a
//! string may be written plain, and they only quote what a YAML 1.2 reader
//! would misread. Many OpenAPI tools read YAML 1.1 (PyYAML, which
//! openapi-spec-validator uses, and SnakeYAML), where a plain `yes`, `off`
//! or `2024-01-01` is not a string. Here we quote exactly those scalars, so
//! every reader gets the same value as the JSON.
//!
//! Styles, ours: strings that a YAML 1.1 or 1.2 reader could take for
//! something else are single-quoted; strings with line breaks other than
//! `\n` (which readers may normalise) are double-quoted with escapes; other
//! multi-line strings are literal blocks; the rest is plain when that is
//! safe. Styles, libyaml's (kept so the output does not change): a string
//! is quoted where plain style would misread (indicators, `: `, ` #`,
//! leading or trailing spaces…), double-quoted where single quotes cannot
//! hold it (control characters, tabs, U+FEFF…), and a literal block falls
//! back to double quotes when it has trailing spaces or such characters. A
//! key longer than 128 bytes, or with a line break, is written as a complex
//! key (`? key` then `: value`). Empty maps and lists are `{}` and `[]`.
//! Lines are never folded, so each value stays on one line and a change to
//! it is a one-line diff.

use std::fmt::Write as _;

use super::node::{Map, Node};

#[cfg(test)]
mod reference;

#[cfg(test)]
mod matches_libyaml;

/// Writes the tree as one YAML document.
pub(crate) fn to_yaml(node: &Node) -> String {
    let mut w = Writer {
        out: String::with_capacity(16 * 1024),
        line_start: 0,
        whitespace: true,
        indention: true,
        open_ended: false,
    };
    w.node(node, None, false);
    // The implicit document end: finish the last line, and mark the end
    // after a block scalar that keeps its trailing line breaks (`|+`).
    w.indent(0);
    if w.open_ended {
        w.indicator("...", true, false, false);
        w.indent(0);
    }
    w.out
}

/// The indentation step.
const STEP: usize = 2;

/// A key longer than this many bytes is written as a complex key.
const SIMPLE_KEY_MAX: usize = 128;

/// The output and the little state libyaml's emitter keeps about it; the
/// flags have the emitter's meaning.
struct Writer {
    out: String,
    /// Byte offset in `out` where the current line starts.
    line_start: usize,
    /// Whether the last thing written was whitespace (no space needed before
    /// an indicator or scalar).
    whitespace: bool,
    /// Whether the current line holds only indentation and the indicators
    /// `-`, `?` and `:`. Such a line is all ASCII, so its byte length is its
    /// column.
    indention: bool,
    /// Whether the last block scalar ended with `|+`: the document then needs
    /// its end marker.
    open_ended: bool,
}

/// The style a scalar is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

impl Writer {
    fn newline(&mut self) {
        self.out.push('\n');
        self.line_start = self.out.len();
    }

    fn spaces(&mut self, n: usize) {
        const SPACES: &str = "                                ";
        let mut n = n;
        while n > SPACES.len() {
            self.out.push_str(SPACES);
            n -= SPACES.len();
        }
        self.out.push_str(&SPACES[..n]);
    }

    /// Goes to column `indent`, on a new line unless the current line holds
    /// only indentation short of it.
    fn indent(&mut self, indent: usize) {
        let mut column = self.out.len() - self.line_start;
        if !self.indention || column > indent || (column == indent && !self.whitespace) {
            self.newline();
            column = 0;
        }
        self.spaces(indent.saturating_sub(column));
        self.whitespace = true;
        self.indention = true;
    }

    fn indicator(
        &mut self,
        text: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    /// Writes a node whose parent is indented by `parent` (`None` for the
    /// document root); `in_mapping` when it is a key or value of a mapping.
    fn node(&mut self, node: &Node, parent: Option<usize>, in_mapping: bool) {
        match node {
            Node::Bool(b) => self.plain(if *b { "true" } else { "false" }),
            Node::Int(n) => {
                self.space_before_plain();
                // Writing into a String cannot fail.
                let _ = write!(self.out, "{n}");
                self.after_plain();
            }
            Node::Float(x) => self.plain(&float_text(*x)),
            Node::Str(s) => self.string(s, parent.map_or(STEP, |p| p + STEP)),
            Node::List(items) if items.is_empty() => self.empty("[]"),
            Node::List(items) => {
                // A list that is a mapping value on the key's line is not
                // indented (`key:\n- item`); elsewhere it is.
                let indentless = in_mapping && !self.indention;
                let indent = match parent {
                    None => 0,
                    Some(p) if indentless => p,
                    Some(p) => p + STEP,
                };
                for item in items {
                    self.indent(indent);
                    self.indicator("-", true, false, true);
                    self.node(item, Some(indent), false);
                }
            }
            Node::Map(map) if map.is_empty() => self.empty("{}"),
            Node::Map(map) => self.map(map, parent.map_or(0, |p| p + STEP)),
        }
    }

    fn map(&mut self, map: &Map, indent: usize) {
        for (key, value) in map.iter() {
            self.indent(indent);
            if key.len() <= SIMPLE_KEY_MAX && !key.contains(is_break) {
                self.string(key, indent + STEP);
                self.indicator(":", false, false, false);
            } else {
                self.indicator("?", true, false, true);
                self.string(key, indent + STEP);
                self.indent(indent);
                self.indicator(":", true, false, true);
            }
            self.node(value, Some(indent), true);
        }
    }

    /// An empty map or list, in flow style.
    fn empty(&mut self, text: &str) {
        self.indicator(text, true, false, false);
    }

    fn space_before_plain(&mut self) {
        if !self.whitespace {
            self.out.push(' ');
        }
    }

    fn after_plain(&mut self) {
        self.whitespace = false;
        self.indention = false;
    }

    /// A number or boolean, or a string that is safe plain: never empty, no
    /// line breaks, no leading or trailing space.
    fn plain(&mut self, text: &str) {
        self.space_before_plain();
        self.out.push_str(text);
        self.after_plain();
    }

    /// A string, in a style every YAML reader takes as that string; a
    /// literal block's lines are indented by `indent`.
    fn string(&mut self, s: &str, indent: usize) {
        match scalar_style(s) {
            Style::Plain => self.plain(s),
            Style::SingleQuoted => self.single_quoted(s),
            Style::DoubleQuoted => self.double_quoted(s),
            Style::Literal => self.literal(s, indent),
        }
    }

    /// Single quotes, with `'` doubled. Only ever given strings without
    /// line breaks, so there are no folded lines to write.
    fn single_quoted(&mut self, s: &str) {
        debug_assert!(!s.contains(is_break));
        self.indicator("'", true, false, false);
        let mut rest = s;
        while let Some(at) = rest.find('\'') {
            self.out.push_str(&rest[..=at]);
            self.out.push('\'');
            rest = &rest[at + 1..];
        }
        self.out.push_str(rest);
        self.indicator("'", false, false, false);
    }

    /// Double quotes with libyaml's escapes, on one line.
    fn double_quoted(&mut self, s: &str) {
        self.indicator("\"", true, false, false);
        let mut start = 0;
        for (at, c) in s.char_indices() {
            let escape = match c {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\0' => "\\0",
                '\u{7}' => "\\a",
                '\u{8}' => "\\b",
                '\t' => "\\t",
                '\n' => "\\n",
                '\u{b}' => "\\v",
                '\u{c}' => "\\f",
                '\r' => "\\r",
                '\u{1b}' => "\\e",
                '\u{85}' => "\\N",
                '\u{2028}' => "\\L",
                '\u{2029}' => "\\P",
                // libyaml-safer's byte order mark test looks for U+7EFF (a
                // typo for U+FEFF, which is escaped as unprintable anyway).
                c if !is_printable(c) || c == '\u{7eff}' => "",
                _ => continue,
            };
            self.out.push_str(&s[start..at]);
            start = at + c.len_utf8();
            if escape.is_empty() {
                let code = u32::from(c);
                let _ = if code <= 0xff {
                    write!(self.out, "\\x{code:02X}")
                } else if code <= 0xffff {
                    write!(self.out, "\\u{code:04X}")
                } else {
                    write!(self.out, "\\U{code:08X}")
                };
            } else {
                self.out.push_str(escape);
            }
        }
        self.out.push_str(&s[start..]);
        self.indicator("\"", false, false, false);
    }

    /// A literal block (`|`): an indentation indicator when the text starts
    /// with a space or a line break, a chomping indicator for how it ends
    /// (`-` no final line break, none for one, `+` for more), then each
    /// line at `indent`, empty lines without spaces. Only ever given
    /// strings whose only line breaks are `\n`.
    fn literal(&mut self, s: &str, indent: usize) {
        debug_assert!(!s.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']));
        self.indicator("|", true, false, false);
        if s.starts_with([' ', '\n']) {
            self.out.push(char::from(b'0' + STEP as u8));
        }
        self.open_ended = false;
        if !s.ends_with('\n') {
            self.out.push('-');
        } else if s.len() == 1 || s[..s.len() - 1].ends_with('\n') {
            self.out.push('+');
            self.open_ended = true;
        }
        self.whitespace = false;
        self.indention = false;
        self.newline();
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                self.newline();
            }
            if !line.is_empty() {
                self.spaces(indent);
                self.out.push_str(line);
            }
        }
        self.whitespace = true;
        self.indention = s.ends_with('\n');
    }
}

/// The style a string is written in: ours ([`string_style`]), and where
/// libyaml would not write it so, the style it falls back to.
fn scalar_style(s: &str) -> Style {
    if is_plain_word(s) {
        return Style::Plain;
    }
    let can = Analysis::of(s);
    match string_style(s) {
        Requested::DoubleQuoted => Style::DoubleQuoted,
        Requested::Literal if can.literal => Style::Literal,
        Requested::SingleQuoted if can.single_quoted => Style::SingleQuoted,
        Requested::Any if can.plain => Style::Plain,
        Requested::Any if can.single_quoted => Style::SingleQuoted,
        Requested::Literal | Requested::SingleQuoted | Requested::Any => Style::DoubleQuoted,
    }
}

/// The common case, decided in one pass over the bytes: printable ASCII
/// without `:` or `#`, starting with a letter, digit, `/`, `_` or `$` (no
/// indicator, no `---`) and not ending in a space, and not a value other
/// than a string. Such a string is written plain by libyaml and by us; any
/// other string takes the full analysis.
fn is_plain_word(s: &str) -> bool {
    let bytes = s.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    (first.is_ascii_alphanumeric() || matches!(first, b'/' | b'_' | b'$'))
        && last != b' '
        && bytes
            .iter()
            .all(|&b| (0x20..=0x7e).contains(&b) && b != b':' && b != b'#')
        && !looks_like_non_string(s)
}

/// Which styles can hold a string: libyaml's scalar analysis, for block
/// context.
struct Analysis {
    plain: bool,
    single_quoted: bool,
    literal: bool,
}

impl Analysis {
    fn of(s: &str) -> Self {
        let Some(first) = s.chars().next() else {
            return Self {
                plain: true,
                single_quoted: true,
                literal: false,
            };
        };
        let last = s.chars().next_back().unwrap_or(first);
        // Indicators that make plain style misread the string.
        let mut indicators = s.starts_with("---") || s.starts_with("...");
        let mut special = false;
        let mut line_breaks = false;
        let mut space_then_break = false;
        let mut break_then_space = false;
        let mut previous: Option<char> = None;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let followed_by_blank = is_blankz(chars.peek().copied());
            indicators |= match previous {
                None => match c {
                    '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\''
                    | '"' | '%' | '@' | '`' => true,
                    '?' | ':' | '-' => followed_by_blank,
                    _ => false,
                },
                Some(p) => match c {
                    ':' => followed_by_blank,
                    '#' => is_blankz(Some(p)),
                    _ => false,
                },
            };
            if !is_printable(c) {
                special = true;
            }
            if is_break(c) {
                line_breaks = true;
                space_then_break |= previous == Some(' ');
            } else if c == ' ' {
                break_then_space |= previous.is_some_and(is_break);
            }
            previous = Some(c);
        }
        let edge_space = first == ' ' || last == ' ';
        Self {
            plain: !(edge_space
                || line_breaks
                || special
                || indicators
                || space_then_break
                || break_then_space),
            single_quoted: !(special || space_then_break || break_then_space),
            literal: !(last == ' ' || special || space_then_break),
        }
    }
}

/// A line break as YAML (and libyaml) counts them.
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A space, tab, line break or the end of the text.
fn is_blankz(c: Option<char>) -> bool {
    c.is_none_or(|c| c == ' ' || c == '\t' || is_break(c))
}

/// libyaml's printable characters: the YAML character set without tab and
/// the line breaks other than `\n`, and without the byte order mark.
fn is_printable(c: char) -> bool {
    matches!(c,
        '\n'
        | '\u{20}'..='\u{7e}'
        | '\u{a0}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fffd}'
        | '\u{10000}'..='\u{10ffff}')
        && c != '\u{feff}'
}

/// The style asked for a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Requested {
    DoubleQuoted,
    Literal,
    SingleQuoted,
    /// Plain where that is safe.
    Any,
}

/// The style to ask for.
fn string_style(s: &str) -> Requested {
    if s.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        Requested::DoubleQuoted
    } else if s.contains('\n') {
        // Falls back to double quotes where a block cannot hold it.
        Requested::Literal
    } else if looks_like_non_string(s) {
        Requested::SingleQuoted
    } else {
        Requested::Any
    }
}

/// Whether a plain scalar with this text could be read as something other
/// than a string by a YAML 1.1 or 1.2 reader: null, a boolean (`yes`, `off`
/// in 1.1), a number (`1_000`, `0x1f`, `1:30`, `.inf`), a timestamp
/// (`2024-01-01`), or the 1.1 merge and value keys (`<<`, `=`).
///
/// Anything starting with a digit or a dot (after an optional sign) is
/// quoted: that over-quotes `1.3.0` but never misses a number or a date.
fn looks_like_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
        "<<", "=",
    ];
    const LONGEST: usize = 5;
    const _: () = {
        let mut i = 0;
        while i < WORDS.len() {
            assert!(WORDS[i].len() <= LONGEST);
            i += 1;
        }
    };
    if s.len() <= LONGEST && WORDS.contains(&s) {
        return true;
    }
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// A finite float that YAML 1.1 and 1.2 readers both take as a float: it
/// always has a fraction part and a signed exponent when it has one
/// (`1.0e+21`, never `1e21`, which YAML 1.1 reads as a string).
fn float_text(x: f64) -> String {
    let debug = format!("{x:?}");
    let (mantissa, exponent) = match debug.split_once('e') {
        Some((m, e)) => (m.to_owned(), Some(e.to_owned())),
        None => (debug, None),
    };
    let mantissa = if mantissa.contains('.') {
        mantissa
    } else {
        format!("{mantissa}.0")
    };
    match exponent {
        Some(e) if e.starts_with('-') => format!("{mantissa}e{e}"),
        Some(e) => format!("{mantissa}e+{e}"),
        None => mantissa,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings that break naive YAML writers.
    const HOSTILE: &[&str] = &[
        "yes",
        "No",
        "off",
        "y",
        "null",
        "~",
        "",
        " leading and trailing ",
        "true",
        "1.0",
        "1.3.0",
        "007",
        "0x1F",
        "1_000",
        "1:30",
        "+.inf",
        ".nan",
        "2024-01-01",
        "2024-01-01T10:00:00Z",
        "<<",
        "=",
        ": ",
        "a: b",
        "- item",
        "-",
        "# not a comment",
        "a #b",
        "*alias",
        "&anchor",
        "!tag",
        "%directive",
        "@at",
        "`tick",
        "|",
        ">",
        "? key",
        "[flow]",
        "{flow}",
        "'single'",
        "\"double\"",
        "back\\slash",
        "line\nbreak",
        "trailing newline\n",
        "\n\nleading newlines",
        "  indented\nblock",
        "spaces at end of line   \nnext",
        "carriage\r\nreturn",
        "tab\there",
        "bell\u{7}",
        "nul\u{0}",
        "c1\u{80}control",
        "next\u{85}line",
        "line\u{2028}separator",
        "para\u{2029}separator",
        "\u{feff}bom",
        "emoji 🦀🚀 and ünïcödé",
        "</text><script>alert(1)</script>",
        "'; DROP TABLE users; --",
        "---",
        "...",
    ];

    fn roundtrip(s: &str) -> String {
        let node = Node::Map(Map::new().with(s, s).with("list", vec![Node::from(s)]));
        let text = to_yaml(&node);
        let back: serde_json::Value =
            serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{s:?}: {e}\n{text}"));
        let expected = serde_json::json!({ s: s, "list": [s] });
        assert_eq!(back, expected, "{s:?} came back different from\n{text}");
        text
    }

    #[test]
    fn hostile_strings_come_back_unchanged() {
        for s in HOSTILE {
            roundtrip(s);
        }
        roundtrip(&"x".repeat(300));
        roundtrip(&"é".repeat(200));
    }

    #[test]
    fn yaml_1_1_words_and_dates_are_quoted() {
        for s in [
            "yes",
            "No",
            "off",
            "y",
            "2024-01-01",
            "1_000",
            "1:30",
            "=",
            "<<",
        ] {
            let text = roundtrip(s);
            assert!(
                text.contains(&format!("'{s}'")),
                "{s:?} is not quoted in\n{text}"
            );
        }
    }

    #[test]
    fn ordinary_strings_stay_plain() {
        let text = to_yaml(&Node::Map(Map::new().with("summary", "List products")));
        assert_eq!(text, "summary: List products\n");
    }

    #[test]
    fn numbers_booleans_and_null_are_typed() {
        let node = Node::Map(
            Map::new()
                .with("i", -5_i64)
                .with("f", Node::Float(1.5))
                .with("big", Node::Float(1e21))
                .with("small", Node::Float(1e-7))
                .with("whole", Node::Float(3.0))
                .with("b", true),
        );
        let text = to_yaml(&node);
        let back: serde_json::Value = serde_norway::from_str(&text).expect("parses");
        let json: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&node).expect("json")).expect("parses");
        assert_eq!(back, json, "{text}");
        assert!(text.contains("big: 1.0e+21"), "{text}");
        assert!(text.contains("small: 1.0e-7"), "{text}");
    }

    #[test]
    fn long_lines_are_not_folded() {
        let long = "word ".repeat(100);
        let long = long.trim_end();
        let text = to_yaml(&Node::Map(Map::new().with("d", long)));
        assert_eq!(text.lines().count(), 1, "{text}");
    }
}
