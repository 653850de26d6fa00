//! A fast reader for the plain RON that archdesk itself writes.
//!
//! ron's own parser is general: comments, raw strings, extensions, struct
//! names, unicode whitespace, number suffixes… and it checks for all of
//! them at every token, which makes loading a large model slow. This module
//! is a serde `Deserializer` for a strict subset of RON, read byte by byte
//! with a cursor:
//!
//! - whitespace is only space, tab, `\n` and `\r`;
//! - structs are `( field: value, … )` without a struct name, sequences
//!   `[ … ]`, maps `{ key: value, … }`, tuples `( a, b )`, all with optional
//!   trailing commas;
//! - `Some(…)` / `None`, enum variants as plain ASCII identifiers with an
//!   optional `( … )` payload;
//! - booleans, decimal integers, floats written as `-1.5e-7`, and
//!   double-quoted strings with the escapes ron writes (`\" \\ \n \r \t \0 \'
//!   \u{…}`).
//!
//! It must never give a different result from ron. Anything outside the
//! subset, and any error at all (including a model that is well-formed RON
//! but not a valid `Document`), is [`NotPlain`]: the caller then runs ron,
//! which produces the value or the error message with its line and column.
//! So this module has no error messages of its own, and where it is not
//! sure that ron reads a construct the same way it declines rather than
//! guess. The grammar below follows ron 0.12's `de/mod.rs` and `parse.rs`
//! step by step; comments name the ron function each part mirrors.
//!
//! It must not be used for anything but [`Document`] files read through
//! `store::parse` (and the differential tests).
//!
//! `store::parse` calls it first; it reads a 10,000-element model (30 MiB)
//! about 2.5× faster than ron (see docs/PERFORMANCE.md).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Visitor};

use crate::model::Document;

/// The fast reader gave up: the text is outside the plain subset, or it is
/// not a valid model. Carries no detail on purpose: ron reports the error.
#[derive(Debug)]
pub struct NotPlain;

impl fmt::Display for NotPlain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not plain RON; ron must read this text")
    }
}

impl std::error::Error for NotPlain {}

impl de::Error for NotPlain {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        NotPlain
    }
}

type Result<T> = std::result::Result<T, NotPlain>;

/// How deeply brackets may nest before the reader declines. ron refuses
/// more than 128 nested serde calls, and each bracket level costs it at most
/// three (e.g. enum, tuple, element), so 32 levels stay well inside ron's
/// limit; real models nest about 7 deep.
const MAX_DEPTH: usize = 32;

/// The model in `text` if it is plain RON that reads as a [`Document`];
/// `None` when ron must read it (which may then succeed or fail).
#[doc(hidden)]
pub fn parse_plain(text: &str) -> Option<Document> {
    from_str(text).ok()
}

/// Mirrors `ron::Options::from_str`: the value, then only whitespace.
fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.skip_ws();
    if reader.pos == reader.bytes.len() {
        Ok(value)
    } else {
        Err(NotPlain)
    }
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    depth: usize,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// ASCII letters, digits and `_`: ron's `is_xid_continue` restricted to
/// ASCII. Non-ASCII identifier characters are declined.
fn is_ident_byte(b: u8) -> bool {
    IDENT_BYTES[usize::from(b)]
}

/// [`is_ident_byte`] as a table: one load per byte of the ~1 million
/// identifiers in a large model, instead of three range checks.
static IDENT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// What may follow an identifier or a number in the subset. Everything else
/// could change how ron reads the token: `.`, `+` and `-` make a raw
/// identifier (ron refuses it), `#`, `"` and `'` start raw, byte or char
/// literals after `r`/`b`, letters are number suffixes, `_` is a digit
/// separator, `/` a comment, non-ASCII bytes may be identifier characters
/// or unicode whitespace.
fn ends_token(b: Option<u8>) -> bool {
    match b {
        None => true,
        Some(b) => is_ws(b) || matches!(b, b':' | b',' | b'(' | b')' | b'[' | b']' | b'{' | b'}'),
    }
}

impl<'de> Reader<'de> {
    /// ron's `skip_ws` without comments or unicode whitespace: those are
    /// not plain, and the token after them then fails to read.
    fn skip_ws(&mut self) {
        // More than half of a pretty file is indentation: skip the spaces
        // among the next eight bytes at once. In the little-endian word,
        // bytes that are spaces are zero in `diff`, so its trailing zero
        // bits count the spaces before the first other byte.
        const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
        let bytes = self.bytes;
        let mut pos = self.pos;
        loop {
            if let Some(chunk) = bytes.get(pos..pos + 8)
                && let Ok(chunk) = <[u8; 8]>::try_from(chunk)
            {
                let diff = u64::from_le_bytes(chunk) ^ SPACES;
                let spaces = (diff.trailing_zeros() / 8) as usize;
                pos += spaces;
                if spaces == 8 {
                    continue;
                }
            }
            match bytes.get(pos) {
                Some(&b) if is_ws(b) => pos += 1,
                _ => break,
            }
        }
        self.pos = pos;
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    /// Consumes `b` after whitespace if it is next.
    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        if self.eat(b) { Ok(()) } else { Err(NotPlain) }
    }

    /// Enters one more level of brackets; see [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(NotPlain)
        } else {
            Ok(())
        }
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// An identifier: `[A-Za-z_][A-Za-z0-9_]*` followed by a byte that ends
    /// it (see [`ends_token`]). Within those limits ron's `identifier` and
    /// `consume_ident` read exactly the same characters; raw identifiers
    /// (`r#…`) and non-ASCII ones are declined.
    fn ident(&mut self) -> Result<&'de str> {
        self.skip_ws();
        let start = self.pos;
        match self.bytes.get(start) {
            Some(&b) if b.is_ascii_alphabetic() || b == b'_' => {}
            _ => return Err(NotPlain),
        }
        let mut end = start + 1;
        while self.bytes.get(end).is_some_and(|&b| is_ident_byte(b)) {
            end += 1;
        }
        if !ends_token(self.bytes.get(end).copied()) {
            return Err(NotPlain);
        }
        self.pos = end;
        // ASCII bytes only, so both ends are character boundaries.
        self.text.get(start..end).ok_or(NotPlain)
    }

    /// The text of a decimal number: `-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    /// followed by a byte that ends it. `with_fraction` allows the fraction
    /// and exponent. ron reads a number as the longest run of number
    /// characters (digits, hex letters, `_`, `.`, `e`, `+`, `-`), then looks
    /// for a suffix; because the byte after ours ends the token, ron's run
    /// is exactly our text and there is no suffix.
    fn number(&mut self, with_fraction: bool) -> Result<&'de str> {
        self.skip_ws();
        let start = self.pos;
        let mut end = start;
        let digits = |bytes: &[u8], mut at: usize| {
            let from = at;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            (at > from).then_some(at)
        };
        if self.bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        end = digits(self.bytes, end).ok_or(NotPlain)?;
        if with_fraction {
            if self.bytes.get(end) == Some(&b'.') {
                end = digits(self.bytes, end + 1).ok_or(NotPlain)?;
            }
            if matches!(self.bytes.get(end), Some(b'e' | b'E')) {
                end += 1;
                if matches!(self.bytes.get(end), Some(b'+' | b'-')) {
                    end += 1;
                }
                end = digits(self.bytes, end).ok_or(NotPlain)?;
            }
        }
        if !ends_token(self.bytes.get(end).copied()) {
            return Err(NotPlain);
        }
        self.pos = end;
        self.text.get(start..end).ok_or(NotPlain)
    }

    /// An unsigned integer. ron accumulates the digits in the target type
    /// and refuses overflow; out of range here is declined, so the values
    /// read are the same. A sign is declined (ron reads `-0` as 0).
    fn unsigned<T: TryFrom<u64>>(&mut self) -> Result<T> {
        let text = self.number(false)?;
        if text.starts_with('-') {
            return Err(NotPlain);
        }
        let mut value: u64 = 0;
        for b in text.bytes() {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(b - b'0')))
                .ok_or(NotPlain)?;
        }
        T::try_from(value).map_err(|_| NotPlain)
    }

    /// A signed integer; negative ones accumulate downwards like ron's
    /// `checked_sub_ext`, so the minimum of each type is read.
    fn signed<T: TryFrom<i64>>(&mut self) -> Result<T> {
        let text = self.number(false)?;
        let (negative, digits) = match text.strip_prefix('-') {
            Some(digits) => (true, digits),
            None => (false, text),
        };
        let mut value: i64 = 0;
        for b in digits.bytes() {
            let digit = i64::from(b - b'0');
            value = value
                .checked_mul(10)
                .and_then(|v| {
                    if negative {
                        v.checked_sub(digit)
                    } else {
                        v.checked_add(digit)
                    }
                })
                .ok_or(NotPlain)?;
        }
        T::try_from(value).map_err(|_| NotPlain)
    }

    /// A double-quoted string, as ron's `escaped_string`: every byte up to
    /// the closing quote is taken as it is (newlines and control characters
    /// included), except the escapes ron's writer produces. `\x..` and line
    /// continuations (`\` before a newline) are declined.
    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.expect(b'"')?;
        let start = self.pos;
        let mut at = start;
        // Until the first escape the string is a slice of the text.
        loop {
            match self.bytes.get(at) {
                None => return Err(NotPlain),
                Some(b'"') => {
                    self.pos = at + 1;
                    // `"` is ASCII, so `at` is a character boundary.
                    return self.text.get(start..at).map(Cow::Borrowed).ok_or(NotPlain);
                }
                Some(b'\\') => break,
                Some(_) => at += 1,
            }
        }
        let mut out = String::with_capacity(at - start + 16);
        out.push_str(self.text.get(start..at).ok_or(NotPlain)?);
        loop {
            // Here `at` is at a backslash.
            let escaped = match self.bytes.get(at + 1) {
                Some(b'"') => '"',
                Some(b'\\') => '\\',
                Some(b'\'') => '\'',
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'0') => '\0',
                Some(b'u') => {
                    let (c, next) = self.unicode_escape(at + 2)?;
                    out.push(c);
                    at = next;
                    self.copy_until_escape(&mut out, &mut at)?;
                    if self.bytes.get(at) == Some(&b'"') {
                        self.pos = at + 1;
                        return Ok(Cow::Owned(out));
                    }
                    continue;
                }
                _ => return Err(NotPlain),
            };
            out.push(escaped);
            at += 2;
            self.copy_until_escape(&mut out, &mut at)?;
            if self.bytes.get(at) == Some(&b'"') {
                self.pos = at + 1;
                return Ok(Cow::Owned(out));
            }
        }
    }

    /// Copies the text from `at` up to the next `"` or `\`, leaving `at` there.
    fn copy_until_escape(&self, out: &mut String, at: &mut usize) -> Result<()> {
        let from = *at;
        loop {
            match self.bytes.get(*at) {
                None => return Err(NotPlain),
                Some(b'"' | b'\\') => break,
                Some(_) => *at += 1,
            }
        }
        out.push_str(self.text.get(from..*at).ok_or(NotPlain)?);
        Ok(())
    }

    /// `\u{…}` after the `u`, as ron's `parse_escape`: `{`, one to six hex
    /// digits, `}`, and a valid `char`. Returns it and the index after `}`.
    fn unicode_escape(&self, mut at: usize) -> Result<(char, usize)> {
        if self.bytes.get(at) != Some(&b'{') {
            return Err(NotPlain);
        }
        at += 1;
        let mut code: u32 = 0;
        let mut digits = 0;
        while digits < 6 {
            let Some(&b) = self.bytes.get(at) else {
                return Err(NotPlain);
            };
            if b == b'}' {
                break;
            }
            let digit = char::from(b).to_digit(16).ok_or(NotPlain)?;
            code = (code << 4) | digit;
            digits += 1;
            at += 1;
        }
        if digits == 0 || self.bytes.get(at) != Some(&b'}') {
            return Err(NotPlain);
        }
        let c = char::from_u32(code).ok_or(NotPlain)?;
        Ok((c, at + 1))
    }

    /// Skips any value for `deserialize_ignored_any`, accepting only what
    /// ron's `deserialize_any` surely accepts: strings, booleans, `None`,
    /// `Some(…)`, decimal integers that fit 64 bits, floats with a
    /// fraction, `[…]`, `{…}`, `(…)` and identifiers with an optional
    /// `(…)` payload. `inf`/`NaN` and anything else are declined.
    fn skip_any(&mut self) -> Result<()> {
        match self.peek() {
            Some(b'"') => self.string().map(drop),
            Some(b'[') => {
                self.pos += 1;
                self.enter()?;
                let mut had_comma = true;
                while self.has_element(b']', had_comma)? {
                    self.skip_any()?;
                    had_comma = self.eat(b',');
                }
                self.expect(b']')?;
                self.leave();
                Ok(())
            }
            Some(b'{') => {
                self.pos += 1;
                self.enter()?;
                let mut had_comma = true;
                while self.has_element(b'}', had_comma)? {
                    self.skip_any()?;
                    self.expect(b':')?;
                    self.skip_any()?;
                    had_comma = self.eat(b',');
                }
                self.expect(b'}')?;
                self.leave();
                Ok(())
            }
            Some(b'(') => self.skip_parens(),
            Some(b'-' | b'0'..=b'9') => {
                // ron's `any_number`: an integer that fits, or else a float;
                // without a fraction, only integers that fit are accepted.
                let start = self.pos;
                if self.number(false).is_ok() {
                    self.pos = start;
                    let fits = if self.bytes.get(start) == Some(&b'-') {
                        self.signed::<i64>().is_ok()
                    } else {
                        self.unsigned::<u64>().is_ok()
                    };
                    return if fits { Ok(()) } else { Err(NotPlain) };
                }
                self.pos = start;
                let text = self.number(true)?;
                if !text.contains('.') {
                    return Err(NotPlain);
                }
                text.parse::<f64>().map(drop).map_err(|_| NotPlain)
            }
            _ => match self.ident()? {
                "true" | "false" | "None" => Ok(()),
                "Some" => {
                    self.expect(b'(')?;
                    self.enter()?;
                    self.skip_any()?;
                    self.eat(b',');
                    self.expect(b')')?;
                    self.leave();
                    Ok(())
                }
                "inf" | "inff32" | "inff64" | "NaN" | "NaNf32" | "NaNf64" => Err(NotPlain),
                // An enum variant or named struct: unit without parentheses.
                _ => {
                    if self.peek() == Some(b'(') {
                        self.skip_parens()
                    } else {
                        Ok(())
                    }
                }
            },
        }
    }

    /// `( … )` in `skip_any`. ron's `check_struct_type` takes it as a struct
    /// when an identifier and `:` come first, as a tuple otherwise.
    fn skip_parens(&mut self) -> Result<()> {
        self.expect(b'(')?;
        self.enter()?;
        let start = self.pos;
        let named = self.ident().is_ok() && self.peek() == Some(b':');
        self.pos = start;
        let mut had_comma = true;
        while self.has_element(b')', had_comma)? {
            if named {
                self.ident()?;
                self.expect(b':')?;
            }
            self.skip_any()?;
            had_comma = self.eat(b',');
        }
        self.expect(b')')?;
        self.leave();
        Ok(())
    }

    /// ron's `CommaSeparated::has_element`: another element follows unless
    /// the terminator is next; without a comma before it, only the
    /// terminator may follow.
    fn has_element(&mut self, terminator: u8, had_comma: bool) -> Result<bool> {
        match self.peek() {
            Some(b) if b == terminator => Ok(false),
            Some(_) if had_comma => Ok(true),
            _ => Err(NotPlain),
        }
    }
}

/// Elements of a sequence or tuple, or entries of a map or struct: ron's
/// `CommaSeparated`.
struct Commas<'a, 'de> {
    reader: &'a mut Reader<'de>,
    terminator: u8,
    had_comma: bool,
    /// Struct keys are identifiers; map keys are values.
    struct_keys: bool,
}

impl<'a, 'de> Commas<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>, terminator: u8, struct_keys: bool) -> Self {
        Commas {
            reader,
            terminator,
            had_comma: true,
            struct_keys,
        }
    }
}

impl<'de> de::SeqAccess<'de> for Commas<'_, 'de> {
    type Error = NotPlain;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.reader.has_element(self.terminator, self.had_comma)? {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.eat(b',');
        Ok(Some(value))
    }
}

impl<'de> de::MapAccess<'de> for Commas<'_, 'de> {
    type Error = NotPlain;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.reader.has_element(self.terminator, self.had_comma)? {
            return Ok(None);
        }
        if self.struct_keys {
            seed.deserialize(StructKey(&mut *self.reader)).map(Some)
        } else {
            seed.deserialize(&mut *self.reader).map(Some)
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        self.reader.expect(b':')?;
        let value = seed.deserialize(&mut *self.reader)?;
        self.had_comma = self.reader.eat(b',');
        Ok(value)
    }
}

/// A struct field name: ron's `de::id::Deserializer`, which reads an
/// identifier. serde's derived field visitors ask for `identifier`; any
/// other request is declined.
struct StructKey<'a, 'de>(&'a mut Reader<'de>);

impl<'de> de::Deserializer<'de> for StructKey<'_, 'de> {
    type Error = NotPlain;

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0.ident()?)
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotPlain)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum ignored_any
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = NotPlain;

    /// The model has no untagged or flattened types, so nothing needs to
    /// guess a value's type; declining keeps ron's many guesses out.
    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(NotPlain)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(NotPlain),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i8(self.signed()?)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i16(self.signed()?)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i32(self.signed()?)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u8(self.unsigned()?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u16(self.unsigned()?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.unsigned()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }

    /// ron's `float::<f32>` parses the text straight to `f32` with
    /// `f32::from_str` (not through `f64`); so does this.
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text = self.number(true)?;
        visitor.visit_f32(text.parse().map_err(|_| NotPlain)?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let text = self.number(true)?;
        visitor.visit_f64(text.parse().map_err(|_| NotPlain)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    /// ron's `deserialize_option` without extensions: `None`, or `Some`,
    /// `(`, the value, an optional comma and `)`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.expect(b'(')?;
                self.enter()?;
                let value = visitor.visit_some(&mut *self)?;
                self.eat(b',');
                self.expect(b')')?;
                self.leave();
                Ok(value)
            }
            _ => Err(NotPlain),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        self.enter()?;
        let value = visitor.visit_seq(Commas::new(self, b']', false))?;
        self.expect(b']')?;
        self.leave();
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_seq(Commas::new(self, b')', false))?;
        self.expect(b')')?;
        self.leave();
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // ron reads the keys of a map as identifiers when the visitor
        // expects "struct …" (serde's flatten); the model has no such map.
        struct Expecting<'v, V>(&'v V);
        impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.expecting(f)
            }
        }
        if Expecting(&visitor).to_string().starts_with("struct ") {
            return Err(NotPlain);
        }
        self.expect(b'{')?;
        self.enter()?;
        let value = visitor.visit_map(Commas::new(self, b'}', false))?;
        self.expect(b'}')?;
        self.leave();
        Ok(value)
    }

    /// An unnamed struct, as ron's `deserialize_struct` and
    /// `handle_struct_after_name`. A struct name before `(` is declined, and
    /// so are the `Range…` types ron reads as `a..b`.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        if name.starts_with("Range") {
            return Err(NotPlain);
        }
        self.struct_body(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Enum(self))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    /// An unknown field's value (only in types without
    /// `deny_unknown_fields`): skipped if ron would surely read it.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.skip_any()?;
        visitor.visit_unit()
    }

    // The model has no chars, bytes, unit values or newtype and tuple
    // structs; ron has special rules for each, so they are declined.
    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct newtype_struct tuple_struct
    }
}

impl<'de> Reader<'de> {
    /// `( field: value, … )`.
    fn struct_body<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        self.enter()?;
        let value = visitor.visit_map(Commas::new(self, b')', true))?;
        self.expect(b')')?;
        self.leave();
        Ok(value)
    }
}

/// An enum variant: ron's `Enum` access. The variant is an identifier; its
/// payload, if any, is in parentheses.
struct Enum<'a, 'de>(&'a mut Reader<'de>);

impl<'a, 'de> de::EnumAccess<'de> for Enum<'a, 'de> {
    type Error = NotPlain;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let variant = seed.deserialize(StructKey(&mut *self.0))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de> {
    type Error = NotPlain;

    /// Nothing follows a unit variant; if `(` does, the comma check after
    /// the value fails, as in ron.
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.0.expect(b'(')?;
        self.0.enter()?;
        let value = seed.deserialize(&mut *self.0)?;
        self.0.eat(b',');
        self.0.expect(b')')?;
        self.0.leave();
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_tuple(self.0, len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.0.struct_body(visitor)
    }
}
