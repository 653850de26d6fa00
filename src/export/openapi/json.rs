//! JSON output: serde_json's pretty printer, with one addition. JSON allows
//! most control characters raw inside strings, but many OpenAPI tools read
//! JSON with a YAML parser (JSON being YAML), and YAML refuses raw C1
//! controls, DEL and the non-characters U+FFFE/U+FFFF. Those, and the
//! line and paragraph separators and the byte order mark, are written as
//! `\uXXXX` escapes, which every JSON reader decodes to the same string.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::node::Node;

/// Writes the tree as indented JSON with a final newline.
pub(crate) fn to_json(node: &Node) -> Result<String, String> {
    // About one API's document, so the text is rarely copied as it grows.
    let mut out = Vec::with_capacity(32 * 1024);
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, YamlSafe(PrettyFormatter::new()));
    node.serialize(&mut serializer).map_err(|e| e.to_string())?;
    out.push(b'\n');
    String::from_utf8(out).map_err(|e| e.to_string())
}

/// Characters to escape although JSON would take them raw.
fn needs_escape(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// The pretty formatter, escaping what YAML readers refuse.
struct YamlSafe(PrettyFormatter<'static>);

impl Formatter for YamlSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every character to escape is DEL or beyond ASCII: most text has none.
        if fragment.bytes().all(|b| b < 0x7f) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::openapi::node::Map;

    #[test]
    fn control_and_separator_characters_are_escaped() {
        let s = "a\u{80}b\u{2028}c\u{feff}d 🦀 é\t\"";
        let text = to_json(&Node::Map(Map::new().with(s, s))).expect("writes");
        assert!(!text.contains(['\u{80}', '\u{2028}', '\u{feff}']), "{text}");
        assert!(
            text.contains(r#"a\u0080b\u2028c\ufeffd 🦀 é\t\""#),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, serde_json::json!({ s: s }));
        let as_yaml: serde_json::Value = serde_norway::from_str(&text).expect("YAML reads it");
        assert_eq!(as_yaml, back);
    }

    #[test]
    fn output_matches_plain_pretty_printing_otherwise() {
        let node = Node::Map(
            Map::new()
                .with("a", vec![Node::from("x"), Node::Int(1)])
                .with("b", Map::new())
                .with("c", Vec::new()),
        );
        let ours = to_json(&node).expect("writes");
        let plain = serde_json::to_string_pretty(&node).expect("writes") + "\n";
        assert_eq!(ours, plain);
    }
}
