//! A fast writer of the model's file text: the same bytes as ron 0.12's
//! pretty serializer with the configuration `store::to_ron` uses (indentor
//! of four spaces, no struct names, depth limit 5, tuples on one line, no
//! array enumeration, escaped strings, no extensions), written straight
//! into a `String`.
//!
//! ron's generic serializer checks every identifier against Unicode tables,
//! escapes strings a character at a time and writes through `fmt::Write`;
//! for a large model that is most of the time a save takes. This writer
//! mirrors ron's layout code step by step (including its `is_empty` and
//! indentation state) so that the output is identical by construction.
//!
//! It must never write anything ron would write differently. Whatever it
//! has not been built and tested for — bytes, chars, `()`, unit and newtype
//! structs, 128-bit integers, identifiers that ron would write as `r#…` or
//! refuse, nesting deep enough to approach ron's recursion limit — is an
//! [`Unsupported`] error, and the caller then uses ron itself.

use std::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

use crate::model::Document;

/// ron's `PrettyConfig::depth_limit` as `to_ron` sets it: deeper than this,
/// items are separated by `", "` on one line with no indentation.
const DEPTH_LIMIT: usize = 5;

/// Indentation for every level up to the depth limit (four spaces a level).
const INDENTS: &str = "                    ";
/// A line break followed by [`INDENTS`].
const NEWLINE_INDENTS: &str = "\n                    ";
const INDENTOR_LEN: usize = 4;

/// ron refuses values nested more than 128 levels deep (`Options::default`).
/// Stopping well before that guarantees that whenever ron would fail, this
/// writer has failed first, so the caller's fallback reproduces ron exactly.
const MAX_NESTING: usize = 64;

/// Identifiers ron writes with an `r#` prefix even though they are plain.
/// (A `match` on literals compiles to a few fixed-size compares; a search
/// of a list of them called `memcmp` for every field name.)
fn is_ron_keyword(name: &str) -> bool {
    matches!(
        name,
        "true"
            | "false"
            | "Some"
            | "None"
            | "inf"
            | "inff32"
            | "inff64"
            | "NaN"
            | "NaNf32"
            | "NaNf64"
    )
}

/// Why the fast writer declined a value; the caller falls back to ron.
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not written by the fast RON writer: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

impl From<fmt::Error> for Unsupported {
    fn from(_: fmt::Error) -> Self {
        Self("formatting failed".into())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_owned()))
}

/// Writes `value` as pretty RON (without a final newline) into a string
/// with room for `capacity` bytes.
pub fn to_string_pretty<T>(value: &T, capacity: usize) -> Result<String, Unsupported>
where
    T: ?Sized + Serialize,
{
    let mut writer = Writer {
        out: String::with_capacity(capacity),
        indent: 0,
        is_empty: None,
        nesting: 0,
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// A guess at the length of the model's text, a little over rather than
/// under, so the output string is allocated once instead of doubling its
/// way up through a file of tens of MiB. The figures are the bytes each
/// item typically takes in the files archdesk writes (measured on
/// generated models); a wrong guess costs only a reallocation.
pub fn size_hint(doc: &Document) -> usize {
    let elements = doc.people.len()
        + doc.systems.len()
        + doc.containers.len()
        + doc.components.len()
        + doc.relationships.len();
    let table_fields: usize = doc.entities.iter().map(|e| e.fields.len()).sum();
    let endpoints: usize = doc.apis.iter().map(|a| a.endpoints.len()).sum();
    let event_fields: usize = doc.events.iter().map(|e| e.payload.len()).sum();
    let positions: usize = doc.views.iter().map(|v| v.positions.len()).sum();
    4096 + 260 * elements
        + 300 * doc.entities.len()
        + 180 * table_fields
        + 200 * doc.apis.len()
        + 650 * endpoints
        + 270 * doc.events.len()
        + 180 * event_fields
        + 200 * doc.enums.len()
        + 300 * doc.views.len()
        + 120 * positions
}

/// The serializer. Its state is ron's pretty state: the indentation level
/// and the `is_empty` flag that containers set (from their length) just
/// before opening and that closing a container clears.
struct Writer {
    out: String,
    indent: usize,
    is_empty: Option<bool>,
    /// How many values deep the current one is, as ron's recursion guard counts.
    nesting: usize,
}

impl Writer {
    /// ron's `start_indent`: one level deeper, and a line break unless the
    /// container is known to be empty or is beyond the depth limit.
    fn start_indent(&mut self) {
        self.indent += 1;
        if self.indent <= DEPTH_LIMIT && !self.is_empty.unwrap_or(false) {
            self.out.push('\n');
        }
    }

    /// ron's `indent`: the indentation of an item at the current level.
    fn write_indent(&mut self) {
        if self.indent <= DEPTH_LIMIT {
            self.out.push_str(&INDENTS[..self.indent * INDENTOR_LEN]);
        }
    }

    /// ron's `end_indent`: the indentation of the closing bracket, then one
    /// level up. Note that it tests the level before leaving it.
    fn end_indent(&mut self) {
        if self.indent <= DEPTH_LIMIT && !self.is_empty.unwrap_or(false) {
            self.out
                .push_str(&INDENTS[..(self.indent - 1) * INDENTOR_LEN]);
        }
        self.indent -= 1;
        self.is_empty = None;
    }

    /// What comes before an item of a sequence, map or struct: a separator
    /// after the first item, then the indentation.
    fn start_item(&mut self, first: &mut bool) {
        if *first {
            *first = false;
            self.write_indent();
        } else if self.indent <= DEPTH_LIMIT {
            // The comma, line break and indentation in one copy: most of
            // the file is these.
            self.out.push(',');
            self.out
                .push_str(&NEWLINE_INDENTS[..1 + self.indent * INDENTOR_LEN]);
        } else {
            self.out.push_str(", ");
        }
    }

    /// What closes a sequence, map or struct before its bracket: a trailing
    /// comma and line break when it had items and is within the depth limit.
    fn end_block(&mut self, first: bool) {
        if !first && self.indent <= DEPTH_LIMIT {
            self.out.push_str(",\n");
        }
        self.end_indent();
    }

    /// Serializes a value nested in the current one, counting the depth as
    /// ron's recursion guard does.
    fn nested<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        if self.nesting >= MAX_NESTING {
            return unsupported("values nested too deep");
        }
        self.nesting += 1;
        let result = value.serialize(&mut *self);
        self.nesting -= 1;
        result
    }

    /// A field or variant name, which ron writes bare only when it is a
    /// plain identifier and not one of its keywords.
    fn write_identifier(&mut self, name: &str) -> Result<(), Unsupported> {
        if !is_plain_identifier(name) || is_ron_keyword(name) {
            return unsupported("an identifier ron would write as a raw identifier");
        }
        self.out.push_str(name);
        Ok(())
    }

    /// A string in double quotes, escaped exactly as ron escapes it: every
    /// character through `char::escape_debug`. Runs of printable ASCII that
    /// `escape_debug` leaves alone are copied in one go; every other
    /// character goes through `escape_debug` itself, so the two agree by
    /// construction (on quotes, backslashes, controls, `\u{7f}`, unprintable
    /// and combining characters alike).
    fn write_escaped_str(&mut self, text: &str) {
        self.out.push('"');
        let bytes = text.as_bytes();
        let mut copied = 0;
        let mut at = 0;
        while at < bytes.len() {
            if is_unescaped_ascii(bytes[at]) {
                at += 1;
                continue;
            }
            // `at` is on a character boundary: only whole ASCII bytes and
            // whole characters are ever stepped over.
            self.out.push_str(&text[copied..at]);
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            self.out.extend(c.escape_debug());
            at += c.len_utf8();
            copied = at;
        }
        self.out.push_str(&text[copied..]);
        self.out.push('"');
    }

    fn write_float(
        &mut self,
        is_negative_nan: bool,
        debug: fmt::Arguments,
    ) -> Result<(), Unsupported> {
        // ron writes `{:?}`, which drops the sign of NaN, and adds it back.
        if is_negative_nan {
            self.out.push('-');
        }
        self.out.write_fmt(debug)?;
        Ok(())
    }
}

/// Printable ASCII that `char::escape_debug` returns unchanged.
fn is_unescaped_ascii(b: u8) -> bool {
    UNESCAPED[usize::from(b)]
}

/// [`is_unescaped_ascii`] as a table: one load a byte in the string loop.
const UNESCAPED: [bool; 256] = byte_table(b' ', b'~', b"\"'\\");

/// Letters, digits and `_`: the bytes of a plain identifier.
const IDENTIFIER: [bool; 256] = {
    let mut table = byte_table(b'0', b'9', b"");
    let mut b = b'A';
    while b <= b'Z' {
        table[b as usize] = true;
        table[(b + 32) as usize] = true;
        b += 1;
    }
    table[b'_' as usize] = true;
    table
};

/// A table that is true for the bytes `from..=to` except those in `but`.
const fn byte_table(from: u8, to: u8, but: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = from;
    while b <= to {
        table[b as usize] = true;
        b += 1;
    }
    let mut i = 0;
    while i < but.len() {
        table[but[i] as usize] = false;
        i += 1;
    }
    table
}

/// An ASCII identifier: a letter or `_`, then letters, digits or `_`. Such
/// a name passes ron's identifier validation and needs no `r#` (unless it
/// is a keyword). Anything else, even if ron would accept it, is left to ron.
fn is_plain_identifier(name: &str) -> bool {
    let bytes = name.as_bytes();
    bytes.first().is_some_and(|b| !b.is_ascii_digit())
        && bytes.iter().all(|&b| IDENTIFIER[usize::from(b)])
}

/// A struct or enum name, which ron validates but does not write.
fn check_type_name(name: &str) -> Result<(), Unsupported> {
    if is_plain_identifier(name) {
        Ok(())
    } else {
        unsupported("a type name ron might refuse")
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Block<'a>;
    type SerializeTuple = Tuple<'a>;
    type SerializeTupleStruct = Tuple<'a>;
    type SerializeTupleVariant = Tuple<'a>;
    type SerializeMap = Block<'a>;
    type SerializeStruct = Block<'a>;
    type SerializeStructVariant = Block<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        write!(self.out, "{v}")?;
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.serialize_u64(u64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        write!(self.out, "{v}")?;
        Ok(())
    }

    fn serialize_i128(self, _v: i128) -> Result<(), Unsupported> {
        unsupported("i128")
    }

    fn serialize_u128(self, _v: u128) -> Result<(), Unsupported> {
        unsupported("u128")
    }

    fn serialize_f32(self, v: f32) -> Result<(), Unsupported> {
        self.write_float(v.is_nan() && v.is_sign_negative(), format_args!("{v:?}"))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Unsupported> {
        self.write_float(v.is_nan() && v.is_sign_negative(), format_args!("{v:?}"))
    }

    fn serialize_char(self, _v: char) -> Result<(), Unsupported> {
        unsupported("char")
    }

    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.write_escaped_str(v);
        Ok(())
    }

    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }

    fn serialize_none(self) -> Result<(), Unsupported> {
        self.out.push_str("None");
        Ok(())
    }

    fn serialize_some<T>(self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.out.push_str("Some(");
        self.nested(value)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_unit(self) -> Result<(), Unsupported> {
        unsupported("unit")
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unsupported> {
        unsupported("unit struct")
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        check_type_name(name)?;
        self.write_identifier(variant)
    }

    fn serialize_newtype_struct<T>(self, _name: &'static str, _value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        // Also how ron's raw values (`ron::value::RawValue`) arrive.
        unsupported("newtype struct")
    }

    fn serialize_newtype_variant<T>(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        check_type_name(name)?;
        self.write_identifier(variant)?;
        self.out.push('(');
        self.nested(value)?;
        self.out.push(')');
        Ok(())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Block<'a>, Unsupported> {
        self.out.push('[');
        // Without a length ron keeps whatever `is_empty` was; so does this.
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.start_indent();
        Ok(Block::new(self, ']'))
    }

    fn serialize_tuple(self, _len: usize) -> Result<Tuple<'a>, Unsupported> {
        // Tuples stay on one line: no indentation state is touched.
        self.out.push('(');
        Ok(Tuple {
            writer: self,
            first: true,
        })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Tuple<'a>, Unsupported> {
        check_type_name(name)?;
        self.serialize_tuple(len)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Tuple<'a>, Unsupported> {
        check_type_name(name)?;
        self.write_identifier(variant)?;
        self.serialize_tuple(len)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Block<'a>, Unsupported> {
        self.out.push('{');
        if let Some(len) = len {
            self.is_empty = Some(len == 0);
        }
        self.start_indent();
        Ok(Block::new(self, '}'))
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Block<'a>, Unsupported> {
        check_type_name(name)?;
        // ron's compact range syntax is off in this configuration, so
        // `Range` and friends are ordinary structs here too.
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Block::new(self, ')'))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        _variant_index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Block<'a>, Unsupported> {
        check_type_name(name)?;
        self.write_identifier(variant)?;
        self.out.push('(');
        self.is_empty = Some(len == 0);
        self.start_indent();
        Ok(Block::new(self, ')'))
    }
}

/// A sequence, map or struct: one item a line up to the depth limit.
pub struct Block<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: char,
}

impl<'a> Block<'a> {
    fn new(writer: &'a mut Writer, close: char) -> Self {
        Self {
            writer,
            first: true,
            close,
        }
    }

    fn end(self) {
        self.writer.end_block(self.first);
        self.writer.out.push(self.close);
    }

    fn field<T>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.writer.start_item(&mut self.first);
        self.writer.write_identifier(key)?;
        self.writer.out.push_str(": ");
        self.writer.nested(value)
    }
}

impl ser::SerializeSeq for Block<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.writer.start_item(&mut self.first);
        self.writer.nested(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Block::end(self);
        Ok(())
    }
}

impl ser::SerializeMap for Block<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_key<T>(&mut self, key: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.writer.start_item(&mut self.first);
        self.writer.nested(key)
    }

    fn serialize_value<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.writer.out.push_str(": ");
        self.writer.nested(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Block::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Block<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Block::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Block<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T>(&mut self, key: &'static str, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Block::end(self);
        Ok(())
    }
}

/// A tuple, tuple struct or tuple variant: always on one line, `(a, b)`,
/// since `separate_tuple_members` is off.
pub struct Tuple<'a> {
    writer: &'a mut Writer,
    first: bool,
}

impl Tuple<'_> {
    fn element<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        if self.first {
            self.first = false;
        } else {
            self.writer.out.push_str(", ");
        }
        self.writer.nested(value)
    }

    fn end(self) {
        self.writer.out.push(')');
    }
}

impl ser::SerializeTuple for Tuple<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Tuple::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Tuple<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Tuple::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Tuple<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T>(&mut self, value: &T) -> Result<(), Unsupported>
    where
        T: ?Sized + Serialize,
    {
        self.element(value)
    }

    fn end(self) -> Result<(), Unsupported> {
        Tuple::end(self);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;
    use crate::generate;
    use crate::model::{Protection, Sensitivity};

    /// What ron writes, as `store::to_ron` configures it (without the final newline).
    fn ron_text<T: Serialize>(value: &T) -> String {
        super::super::ron_text(value).expect("ron writes it")
    }

    fn fast_text<T: Serialize>(value: &T) -> String {
        to_string_pretty(value, 0).expect("the fast writer writes it")
    }

    /// The differential tests of `to_ron` would pass even if every model fell
    /// back to ron; this makes sure the fast path is the one taken.
    #[test]
    fn generated_models_take_the_fast_path() {
        for doc in [
            generate::model(2024, 1000),
            generate::single_view(1, 300),
            Document::default(),
        ] {
            assert_eq!(fast_text(&doc), ron_text(&doc));
        }
    }

    #[test]
    fn samples_take_the_fast_path() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
        for name in ["shop.ron", "saas.ron", "legacy.ron"] {
            let path = dir.join(name);
            let text = std::fs::read_to_string(&path).expect("read sample");
            let doc = crate::store::parse(&text, &path).expect("sample loads");
            assert_eq!(format!("{}\n", fast_text(&doc)), text, "{name}");
        }
    }

    /// A fixed case of what the model nests only shallowly: items beyond the
    /// depth limit, plain tuples, options, empty and one-item sequences and
    /// maps at every depth, and enum variants of each kind deep inside.
    #[test]
    fn other_shapes_match_ron() {
        type SixDeep<T> = Vec<Vec<Vec<Vec<Vec<Vec<T>>>>>>;
        #[derive(Serialize)]
        struct Deep {
            a: SixDeep<Vec<u8>>,
            b: Vec<Option<Vec<(i8, f64, String)>>>,
            c: BTreeMap<String, Vec<BTreeMap<String, Vec<u64>>>>,
            t: (u16, (i32, i64), Vec<u8>),
            e: SixDeep<Nested>,
        }
        #[derive(Serialize)]
        enum Nested {
            Unit,
            Tuple(u8, Vec<u8>, Vec<Vec<u8>>),
            Struct { x: Vec<u8>, y: Vec<Vec<u8>> },
        }
        let deep = Deep {
            a: vec![vec![], vec![vec![vec![vec![vec![vec![], vec![1, 2]]]]]]],
            b: vec![None, Some(vec![]), Some(vec![(-1, -0.0, "x".into())])],
            c: BTreeMap::from([
                ("k".into(), vec![]),
                (
                    "l".into(),
                    vec![BTreeMap::new(), BTreeMap::from([("m".into(), vec![1])])],
                ),
            ]),
            t: (1, (-2, i64::MIN), vec![]),
            e: vec![vec![vec![vec![vec![
                vec![
                    Nested::Unit,
                    Nested::Tuple(1, vec![], vec![vec![2]]),
                    Nested::Struct {
                        x: vec![],
                        y: vec![vec![], vec![3]],
                    },
                ],
                vec![],
            ]]]]],
        };
        assert_eq!(fast_text(&deep), ron_text(&deep));
    }

    /// A value tree built from serde calls directly, to reach what derived
    /// impls never do: sequences and maps of unknown length (ron then keeps a
    /// stale `is_empty`), structs that announce the wrong number of fields,
    /// and any mix of nesting around the depth limit.
    #[derive(Clone, Debug)]
    enum Odd {
        Num(u8),
        Text(String),
        Seq(Option<usize>, Vec<Odd>),
        Map(Option<usize>, Vec<(Odd, Odd)>),
        Struct(usize, Vec<Odd>),
        StructVariant(usize, Vec<Odd>),
        Tuple(Vec<Odd>),
        TupleVariant(Vec<Odd>),
        Some(Box<Odd>),
        Newtype(Box<Odd>),
    }

    const KEYS: [&str; 4] = ["a", "b_2", "_c", "Dd"];

    impl Serialize for Odd {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::{
                SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant,
                SerializeTuple, SerializeTupleVariant,
            };
            match self {
                Odd::Num(n) => s.serialize_u8(*n),
                Odd::Text(t) => s.serialize_str(t),
                Odd::Seq(len, items) => {
                    let mut seq = s.serialize_seq(*len)?;
                    for item in items {
                        seq.serialize_element(item)?;
                    }
                    seq.end()
                }
                Odd::Map(len, entries) => {
                    let mut map = s.serialize_map(*len)?;
                    for (k, v) in entries {
                        map.serialize_entry(k, v)?;
                    }
                    map.end()
                }
                Odd::Struct(claimed, fields) => {
                    let mut st = s.serialize_struct("Odd", *claimed)?;
                    for (i, f) in fields.iter().enumerate() {
                        st.serialize_field(KEYS[i % KEYS.len()], f)?;
                    }
                    st.end()
                }
                Odd::StructVariant(claimed, fields) => {
                    let mut st = s.serialize_struct_variant("Odd", 1, "Sv", *claimed)?;
                    for (i, f) in fields.iter().enumerate() {
                        st.serialize_field(KEYS[i % KEYS.len()], f)?;
                    }
                    st.end()
                }
                Odd::Tuple(items) => {
                    let mut t = s.serialize_tuple(items.len())?;
                    for item in items {
                        t.serialize_element(item)?;
                    }
                    t.end()
                }
                Odd::TupleVariant(items) => {
                    let mut t = s.serialize_tuple_variant("Odd", 2, "Tv", items.len())?;
                    for item in items {
                        t.serialize_field(item)?;
                    }
                    t.end()
                }
                Odd::Some(inner) => s.serialize_some(inner),
                Odd::Newtype(inner) => s.serialize_newtype_variant("Odd", 3, "Nv", inner),
            }
        }
    }

    fn odd_tree() -> impl Strategy<Value = Odd> {
        let leaf = prop_oneof![
            any::<u8>().prop_map(Odd::Num),
            r#"[a\\"'\n\x00é#]{0,3}"#.prop_map(Odd::Text),
        ];
        leaf.prop_recursive(9, 64, 4, |inner| {
            let len = prop_oneof![Just(None), (0usize..4).prop_map(Some)];
            let items = prop::collection::vec(inner.clone(), 0..4);
            prop_oneof![
                (len.clone(), items.clone()).prop_map(|(l, v)| Odd::Seq(l, v)),
                (
                    len,
                    prop::collection::vec((inner.clone(), inner.clone()), 0..3)
                )
                    .prop_map(|(l, v)| Odd::Map(l, v)),
                (0usize..4, items.clone()).prop_map(|(c, v)| Odd::Struct(c, v)),
                (0usize..4, items.clone()).prop_map(|(c, v)| Odd::StructVariant(c, v)),
                items.clone().prop_map(Odd::Tuple),
                items.prop_map(Odd::TupleVariant),
                inner.clone().prop_map(|v| Odd::Some(Box::new(v))),
                inner.prop_map(|v| Odd::Newtype(Box::new(v))),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn any_shape_it_writes_matches_ron(tree in odd_tree()) {
            prop_assert_eq!(fast_text(&tree), ron_text(&tree));
        }
    }

    /// The byte tables say what they mean: a byte is copied as it is exactly
    /// when `escape_debug` leaves it alone, and identifiers are ASCII words.
    #[test]
    fn tables_agree_with_escape_debug() {
        for b in 0..=255u8 {
            let c = char::from(b);
            let unchanged = b.is_ascii() && c.escape_debug().eq([c]);
            assert_eq!(is_unescaped_ascii(b), unchanged, "{b:#x}");
            let word = b.is_ascii_alphanumeric() || b == b'_';
            assert_eq!(IDENTIFIER[usize::from(b)], word, "{b:#x}");
        }
        assert!(is_plain_identifier("_a9") && is_plain_identifier("Z"));
        assert!(!is_plain_identifier("9a") && !is_plain_identifier(""));
        assert!(!is_plain_identifier("a-b") && !is_plain_identifier("é"));
    }

    /// What the fast writer must leave to ron.
    #[test]
    fn declines_what_it_does_not_write_like_ron() {
        assert!(to_string_pretty(&Sensitivity::None, 0).is_err());
        assert!(to_string_pretty(&Protection::None, 0).is_err());
        assert!(to_string_pretty(&'x', 0).is_err());
        assert!(to_string_pretty(&(), 0).is_err());
        assert!(to_string_pretty(&1u128, 0).is_err());
        assert!(to_string_pretty(&serde_bytes_like(), 0).is_err());
        let mut deep = serde_json::json!(1);
        for _ in 0..=MAX_NESTING {
            deep = serde_json::json!([deep]);
        }
        assert!(to_string_pretty(&deep, 0).is_err());
    }

    fn serde_bytes_like() -> impl Serialize {
        struct Bytes;
        impl Serialize for Bytes {
            fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(b"ab")
            }
        }
        Bytes
    }
}
