//! The `.ron` file: reading, writing, format versions, and error messages
//! that point at a line and column.
//!
//! Loading never changes the file. A file from a newer format version is
//! refused; older versions would be migrated in memory (format 1 is the
//! first, so there is nothing to migrate yet). Saving is atomic: the new
//! text goes to a temporary file beside the target, is synced to disk and
//! renamed over the target, and the previous version is kept as `FILE.bak`.
//! A failed save leaves the old file as it was.

pub mod git;
mod locate;
// The fast reader for plain RON; public only for the differential tests.
#[doc(hidden)]
pub mod read;
pub mod recovery;
mod save;
mod write;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::index::{RefProblem, references};
use crate::model::{Document, FORMAT_VERSION, is_valid_id};

pub use locate::TextPos;
pub use save::{
    ExportWriteError, SaveError, SaveStage, backup_path, save, save_text_with_hook, write_atomic,
    write_atomic_like, write_export,
};

/// Why a file could not be read as a model. Displays as one sentence that
/// names the file, the line and column, what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: PathBuf,
    /// 1-based; 0 when the error is not about a place in the file.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub kind: LoadErrorKind,
    /// What is wrong, without the place: "unknown field `colour` in Container".
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

/// The class of a load error, for tests and for callers that react differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be read at all.
    Io,
    /// The bytes are not UTF-8 text.
    NotText,
    /// The text is not well-formed RON (truncated, stray characters…).
    Syntax,
    /// Well-formed RON, but not a model: unknown or missing fields, wrong types.
    Structure,
    /// Written by a newer archdesk, or no version at all.
    Version,
    /// An id that is malformed or used twice.
    Id,
    /// A reference to an id that does not exist, or to the wrong kind of item.
    Reference,
}

impl fmt::Display for LoadError {
    /// One line, with the names and ids it quotes made printable
    /// ([`crate::text::printable`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display().to_string();
        let line = if self.line == 0 {
            format!("{file}: {}; {}", self.message, self.hint)
        } else {
            format!(
                "{file}:{}:{}: {}; {}",
                self.line, self.column, self.message, self.hint
            )
        };
        f.write_str(&crate::text::printable(&line))
    }
}

impl std::error::Error for LoadError {}

/// Reads and checks a model file.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    let bytes = std::fs::read(path).map_err(|err| LoadError {
        file: path.to_owned(),
        line: 0,
        column: 0,
        kind: LoadErrorKind::Io,
        message: format!("cannot be read ({err})"),
        hint: "check that the path is right and the file is readable".into(),
    })?;
    parse_bytes(&bytes, path)
}

/// Parses a model from bytes; `file` is only used in messages.
pub fn parse_bytes(bytes: &[u8], file: &Path) -> Result<Document, LoadError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, file),
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            // The valid prefix is UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let pos = TextPos::at(prefix, prefix.len());
            Err(LoadError {
                file: file.to_owned(),
                line: pos.line,
                column: pos.column,
                kind: LoadErrorKind::NotText,
                message: format!(
                    "byte 0x{:02x} is not UTF-8 text, so this is not an archdesk model",
                    bytes[err.valid_up_to()]
                ),
                hint: format!("open the right file, or {}", restore_from(file)),
            })
        }
    }
}

/// The part of a file read first, to learn its format version whatever else it holds.
#[derive(Deserialize)]
struct Header {
    /// `i64::MIN` when the field is missing (RON writes options as `Some(..)`).
    #[serde(default = "no_format")]
    format: i64,
}

fn no_format() -> i64 {
    i64::MIN
}

fn ron_options() -> ron::Options {
    ron::Options::default()
}

/// What to restore a damaged file from: its backup, when there is one.
fn restore_from(file: &Path) -> String {
    let bak = backup_path(file);
    if bak.is_file() {
        format!("restore it from {} or version control", bak.display())
    } else {
        "restore it from version control".to_owned()
    }
}

/// The byte order mark some editors put at the start of a UTF-8 file. It is
/// not part of the model: loading skips it, and saving keeps it.
const BOM: char = '\u{feff}';

/// Parses a model from text; `file` is only used in messages.
pub fn parse(text: &str, file: &Path) -> Result<Document, LoadError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let err = |pos: TextPos, kind, message: String, hint: &str| LoadError {
        file: file.to_owned(),
        line: pos.line,
        column: pos.column,
        kind,
        message,
        hint: hint.to_owned(),
    };
    if text.trim().is_empty() {
        return Err(err(
            TextPos::START,
            LoadErrorKind::Syntax,
            "the file is empty".into(),
            &format!("open the right file, or {}", restore_from(file)),
        ));
    }
    // What is wrong with a format version, if anything.
    let version_error = |version: i64| {
        let pos = || locate::find_field(text, "format").unwrap_or(TextPos::START);
        match version {
            i64::MIN => Some(err(
                TextPos::START,
                LoadErrorKind::Version,
                "the file has no `format` version".into(),
                "add `format: 1,` as the first field if it was written for this version of archdesk",
            )),
            v if v > i64::from(FORMAT_VERSION) => Some(err(
                pos(),
                LoadErrorKind::Version,
                format!(
                    "the file is in format {v}, written by a newer archdesk; this one reads formats up to {FORMAT_VERSION}"
                ),
                &format!("open it with an archdesk that reads format {v} or newer"),
            )),
            v if v < 1 => Some(err(
                pos(),
                LoadErrorKind::Version,
                format!("format {v} is not a version archdesk ever wrote"),
                &format!("set `format: {FORMAT_VERSION}` if the rest of the file is right"),
            )),
            _ => None,
        }
    };
    // One pass over the text when it is a model. Only when it is not, a
    // second one reads just its version (whatever else the file holds),
    // since a file from a newer archdesk fails for reasons its version
    // explains.
    //
    // The fast reader goes first; it reads only plain RON as archdesk
    // writes it and gives the same model as ron. On anything else, and on
    // any error, ron reads the text, so every message stays ron's.
    let parsed = match read::parse_plain(text) {
        Some(doc) => Ok(doc),
        None => ron_options().from_str::<Document>(text),
    };
    let doc: Document = match parsed {
        Ok(doc) => {
            if let Some(e) = version_error(i64::from(doc.format)) {
                return Err(e);
            }
            doc
        }
        Err(e) => {
            if let Ok(header) = ron_options().from_str::<Header>(text)
                && let Some(version) = version_error(header.format)
            {
                return Err(version);
            }
            return Err({
                let reported = TextPos {
                    line: e.span.start.line.max(1),
                    column: e.span.start.col.max(1),
                };
                // ron points just before the offending token; point at the token.
                let (pos, start_at_end) = locate::skip_space(text, reported);
                let end = TextPos {
                    line: e.span.end.line.max(1),
                    column: e.span.end.col.max(1),
                };
                let at_end = start_at_end || locate::skip_space(text, end).1;
                if at_end && !matches!(e.code, ron::Error::TrailingCharacters) {
                    err(
                        pos,
                        LoadErrorKind::Syntax,
                        "the file ends in the middle of the model".into(),
                        &truncated_hint(file),
                    )
                } else {
                    let (kind, hint) = classify(&e.code, file);
                    err(pos, kind, describe(&e.code), &hint)
                }
            });
        }
    };
    check_integrity(&doc, text)
        .map_err(|(pos, kind, message, hint)| err(pos, kind, message, hint))?;
    Ok(doc)
}

type IntegrityError = (TextPos, LoadErrorKind, String, &'static str);

/// The invariants every loaded document must hold, which edits then keep:
/// well-formed unique ids and references that resolve to the right kind.
fn check_integrity(doc: &Document, text: &str) -> Result<(), IntegrityError> {
    for item in doc.items() {
        let id = item.id();
        if !is_valid_id(id) {
            let pos = locate::find_id(text, id, 0).unwrap_or(TextPos::START);
            return Err((
                pos,
                LoadErrorKind::Id,
                format!(
                    "{} has the id {:?}, which is not a valid id",
                    item.kind().article_label(),
                    id
                ),
                "use 1–100 lowercase letters, digits, '-', '_' or '.', starting with a letter or digit",
            ));
        }
    }
    for view in &doc.views {
        for (element, p) in &view.positions {
            if !p.is_usable() {
                let pos = locate::find_reference(text, &view.id, element).unwrap_or(TextPos::START);
                return Err((
                    pos,
                    LoadErrorKind::Structure,
                    format!(
                        "view “{}” places “{element}” at ({}, {}), which is not a position on a canvas",
                        view.id, p.x, p.y
                    ),
                    "write two numbers within ±10,000,000 there, or remove the entry and the layout places the element",
                ));
            }
        }
    }
    let index = doc.index();
    if let Some((id, _)) = index.duplicates.first() {
        let pos = locate::find_id(text, id, 1).unwrap_or(TextPos::START);
        return Err((
            pos,
            LoadErrorKind::Id,
            format!("the id “{id}” is used a second time here"),
            "give one of the two items another id (and update what refers to it)",
        ));
    }
    for item in doc.items() {
        for r in references(item) {
            let Some(problem) = index.violation(&r) else {
                continue;
            };
            let pos = locate::find_reference(text, r.owner, r.id).unwrap_or(TextPos::START);
            let owner_kind = item.kind().label();
            return Err(match problem {
                RefProblem::Missing => (
                    pos,
                    LoadErrorKind::Reference,
                    format!(
                        "the {} of {owner_kind} “{}” refers to “{}”, but nothing has that id",
                        r.field, r.owner, r.id
                    ),
                    "fix the id, or add the missing item",
                ),
                RefProblem::WrongKind(actual) => (
                    pos,
                    LoadErrorKind::Reference,
                    format!(
                        "the {} of {owner_kind} “{}” refers to “{}”, which is {}, but it must be {}",
                        r.field,
                        r.owner,
                        r.id,
                        actual.article_label(),
                        r.expect.describe()
                    ),
                    "point it at an item of the right kind",
                ),
            });
        }
    }
    Ok(())
}

fn truncated_hint(file: &Path) -> String {
    format!("it may be truncated; {}", restore_from(file))
}

fn classify(code: &ron::Error, file: &Path) -> (LoadErrorKind, String) {
    use ron::Error as E;
    let (kind, hint) = match code {
        E::Eof | E::ExpectedStringEnd | E::UnclosedBlockComment | E::UnclosedLineComment => {
            return (LoadErrorKind::Syntax, truncated_hint(file));
        }
        E::ExceededRecursionLimit => (
            LoadErrorKind::Syntax,
            "no archdesk model nests this deep; this is not a model file",
        ),
        E::NoSuchStructField { .. } => (
            LoadErrorKind::Structure,
            "fix the spelling or remove the field",
        ),
        E::MissingStructField { .. } => (LoadErrorKind::Structure, "add the missing field"),
        E::DuplicateStructField { .. } => (LoadErrorKind::Structure, "keep only one of the two"),
        E::NoSuchEnumVariant { .. } => (LoadErrorKind::Structure, "use one of the listed values"),
        E::InvalidValueForType { .. }
        | E::ExpectedBoolean
        | E::ExpectedInteger
        | E::ExpectedFloat
        | E::ExpectedString
        | E::IntegerOutOfBounds
        | E::ExpectedArray
        | E::ExpectedMap
        | E::ExpectedStructLike
        | E::ExpectedOption
        | E::Message(_)
        | E::ExpectedDifferentLength { .. } => (
            LoadErrorKind::Structure,
            "write a value of the expected type (see docs/FORMAT.md)",
        ),
        _ => {
            return (
                LoadErrorKind::Syntax,
                format!(
                    "fix the RON syntax there (see docs/FORMAT.md), or {}",
                    restore_from(file)
                ),
            );
        }
    };
    (kind, hint.to_owned())
}

/// ron's message for an error, as a clause that continues a sentence.
fn describe(code: &ron::Error) -> String {
    let text = match code {
        ron::Error::Eof => "the file ends in the middle of the model".to_owned(),
        ron::Error::ExpectedStringEnd => "a string is not closed before the file ends".to_owned(),
        ron::Error::ExceededRecursionLimit => {
            "the values are nested more than 128 levels deep".to_owned()
        }
        ron::Error::TrailingCharacters => {
            "there is more text after the end of the model".to_owned()
        }
        other => other.to_string(),
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

/// The model as the text of its file: pretty RON, deterministic, ending in a newline.
///
/// The text is exactly what ron's own pretty serializer writes with the
/// configuration below. `write` produces it several times faster; for any
/// value it is not sure to write the same way it declines, and ron writes it.
///
/// An error means neither writer could turn the model into text; callers
/// then write nothing, so no file is ever replaced by an empty or partial
/// model.
pub fn to_ron(doc: &Document) -> Result<String, ron::Error> {
    let mut text = match write::to_string_pretty(doc, write::size_hint(doc)) {
        Ok(text) => text,
        Err(_) => ron_text(doc)?,
    };
    text.push('\n');
    Ok(text)
}

/// The text ron's own pretty serializer writes for `value` with the file's
/// configuration (without the final newline): what `to_ron` writes, more
/// slowly; the reference the fast writer is tested against.
#[doc(hidden)]
pub fn ron_text<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .struct_names(false)
        .depth_limit(5)
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    ron::Options::default().to_string_pretty(value, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_format_is_refused_with_the_needed_version() {
        let err = parse("(format: 7, name: \"x\", future: [1])", Path::new("m.ron"))
            .expect_err("newer format must be refused");
        assert_eq!(err.kind, LoadErrorKind::Version);
        assert_eq!((err.line, err.column), (1, 2));
        assert!(err.to_string().contains("format 7"), "{err}");
    }
}
