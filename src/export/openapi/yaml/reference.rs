//! The YAML writer as it was before [`super::to_yaml`]: the same tree and the
//! same style requests sent as events through libyaml's emitter
//! (`libyaml-safer`). Kept for the tests only, as the reference our own
//! writer must match byte for byte.

use libyaml_safer::{Emitter, Encoding, Event, MappingStyle, ScalarStyle, SequenceStyle};

use super::super::node::{Map, Node};
use super::{Requested, float_text, string_style};

/// Writes the tree as one YAML document through libyaml.
pub(super) fn to_yaml(node: &Node) -> Result<String, String> {
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

    /// A string, in the style [`string_style`] asks for.
    fn string(&mut self, s: &str) -> Result<(), String> {
        let (style, plain_ok) = match string_style(s) {
            Requested::DoubleQuoted => (ScalarStyle::DoubleQuoted, false),
            Requested::Literal => (ScalarStyle::Literal, false),
            Requested::SingleQuoted => (ScalarStyle::SingleQuoted, false),
            Requested::Any => (ScalarStyle::Any, true),
        };
        self.emit(Event::scalar(None, None, s, plain_ok, true, style))
    }
}
