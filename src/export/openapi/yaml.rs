//! YAML output: a [`Node`] tree written through libyaml's emitter
//! (`libyaml-safer`, a safe Rust port of libyaml), which does the escaping,
//! quoting and indentation. No YAML is assembled by hand here.
//!
//! Why not serde_norway / serde_yaml_ng: they decide on their own whether a
//! string may be written plain, and they only quote what a YAML 1.2 reader
//! would misread. Many OpenAPI tools read YAML 1.1 (PyYAML, which
//! openapi-spec-validator uses, and SnakeYAML), where a plain `yes`, `off`
//! or `2024-01-01` is not a string. The event API lets us ask for quotes on
//! exactly those scalars, so every reader gets the same value as the JSON.
//!
//! Styles: strings that a YAML 1.1 or 1.2 reader could take for something
//! else are single-quoted; strings with line breaks other than `\n` (which
//! readers may normalise) are double-quoted with escapes; other multi-line
//! strings are literal blocks; the rest is left to libyaml, which picks plain
//! style when that is safe and quotes otherwise (indicators, `: `, ` #`,
//! control characters…). Lines are never folded, so each value stays on one
//! line and a change to it is a one-line diff.

use libyaml_safer::{Emitter, Encoding, Event, MappingStyle, ScalarStyle, SequenceStyle};

use super::node::{Map, Node};

/// Writes the tree as one YAML document.
pub(crate) fn to_yaml(node: &Node) -> Result<String, String> {
    let mut out = Vec::new();
    {
        let mut emitter = Emitter::new();
        emitter.set_output_string(&mut out);
        emitter.set_unicode(true);
        emitter.set_width(-1);
        emitter.set_indent(2);
        let mut w = Writer {
            emitter: &mut emitter,
        };
        w.emit(Event::stream_start(Encoding::Utf8))?;
        w.emit(Event::document_start(None, &[], true))?;
        w.node(node)?;
        w.emit(Event::document_end(true))?;
        w.emit(Event::stream_end())?;
        emitter.flush().map_err(|e| e.to_string())?;
    }
    String::from_utf8(out).map_err(|e| e.to_string())
}

struct Writer<'a, 'w> {
    emitter: &'a mut Emitter<'w>,
}

impl Writer<'_, '_> {
    fn emit(&mut self, event: Event) -> Result<(), String> {
        self.emitter.emit(event).map_err(|e| e.to_string())
    }

    fn node(&mut self, node: &Node) -> Result<(), String> {
        match node {
            Node::Bool(b) => self.plain(if *b { "true" } else { "false" }),
            Node::Int(n) => self.plain(&n.to_string()),
            Node::Float(x) => self.plain(&float_text(*x)),
            Node::Str(s) => self.string(s),
            Node::List(items) => {
                self.emit(Event::sequence_start(
                    None,
                    None,
                    true,
                    SequenceStyle::Block,
                ))?;
                for item in items {
                    self.node(item)?;
                }
                self.emit(Event::sequence_end())
            }
            Node::Map(map) => self.map(map),
        }
    }

    fn map(&mut self, map: &Map) -> Result<(), String> {
        self.emit(Event::mapping_start(None, None, true, MappingStyle::Block))?;
        for (key, value) in map.iter() {
            self.string(key)?;
            self.node(value)?;
        }
        self.emit(Event::mapping_end())
    }

    /// A number, boolean or null, written plain so it is read as one.
    fn plain(&mut self, text: &str) -> Result<(), String> {
        self.emit(Event::scalar(
            None,
            None,
            text,
            true,
            true,
            ScalarStyle::Plain,
        ))
    }

    /// A string, in a style every YAML reader takes as that string.
    fn string(&mut self, s: &str) -> Result<(), String> {
        let (style, plain_ok) = string_style(s);
        self.emit(Event::scalar(None, None, s, plain_ok, true, style))
    }
}

/// The style to ask libyaml for, and whether plain style is acceptable.
fn string_style(s: &str) -> (ScalarStyle, bool) {
    if s.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        (ScalarStyle::DoubleQuoted, false)
    } else if s.contains('\n') {
        // libyaml falls back to double quotes where a block cannot hold it.
        (ScalarStyle::Literal, false)
    } else if looks_like_non_string(s) {
        (ScalarStyle::SingleQuoted, false)
    } else {
        (ScalarStyle::Any, true)
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
    if WORDS.contains(&s) {
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
        let text = to_yaml(&node).unwrap_or_else(|e| panic!("{s:?}: {e}"));
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
        let text =
            to_yaml(&Node::Map(Map::new().with("summary", "List products"))).expect("writes");
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
        let text = to_yaml(&node).expect("writes");
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
        let text = to_yaml(&Node::Map(Map::new().with("d", long))).expect("writes");
        assert_eq!(text.lines().count(), 1, "{text}");
    }
}
