//! A model difference ([`crate::model::diff`]) written out: plain text for a terminal, Markdown for a
//! pull-request comment (grouped by area, with a summary line), JSON for
//! programs. Each is deterministic: the same two documents give the same
//! bytes.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::model::diff::{Area, Change, Counts, Diff, ItemChange, PropertyChange};
use crate::text::printable;

/// The summary line: "2 added, 1 removed, 3 changed (1 renamed); 1 breaking".
pub fn summary(diff: &Diff) -> String {
    let c = diff.counts();
    if diff.is_empty() {
        return "No changes".into();
    }
    let mut parts = Vec::new();
    for (n, what) in [
        (c.added, "added"),
        (c.removed, "removed"),
        (c.changed, "changed"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    if parts.is_empty() {
        parts.push("the model's own properties changed".into());
    }
    let mut line = parts.join(", ");
    if c.renamed > 0 {
        let _ = write!(line, " ({} renamed)", c.renamed);
    }
    if c.breaking > 0 {
        let _ = write!(line, "; {} breaking", c.breaking);
    } else {
        line.push_str("; nothing breaking");
    }
    line
}

/// The properties whose values are variants of the model's enums (types,
/// kinds, methods…): shown bare, as the file writes them. Other text is
/// quoted.
const VARIANT_KEYS: [&str; 13] = [
    "type",
    "kind",
    "method",
    "in",
    "shape",
    "sensitivity",
    "protection",
    "default",
    "on_delete",
    "on_update",
    "interaction",
    "location",
    "severity",
];

fn holds_variants(key: &str) -> bool {
    VARIANT_KEYS.contains(&key)
}

/// The value of the property at `path` as the file would show it: names
/// and text quoted, enum variants bare, `(none)` when absent.
pub fn show(path: &str, v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "(none)".into();
    };
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    let mut out = String::new();
    write_value(
        &mut out,
        v,
        holds_variants(last) || path.starts_with("review"),
    );
    out
}

fn write_value(out: &mut String, v: &Value, bare: bool) {
    match v {
        Value::Null => out.push_str("none"),
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) if bare && is_variant_name(s) => out.push_str(s),
        Value::String(s) => {
            let _ = write!(out, "{s:?}");
        }
        Value::Array(a) => {
            out.push('[');
            write_list(out, a, bare);
            out.push(']');
        }
        Value::Object(o) if o.len() == 1 && o.keys().all(|k| is_variant_name(k)) => {
            for (k, x) in o {
                // Inside a variant, a nested variant (`Array(Int)`) is bare.
                out.push_str(k);
                out.push('(');
                match x {
                    Value::Array(a) => write_list(out, a, true),
                    Value::Object(fields) => write_fields(out, fields),
                    y => write_value(out, y, true),
                }
                out.push(')');
            }
        }
        Value::Object(o) => {
            out.push('(');
            write_fields(out, o);
            out.push(')');
        }
    }
}

fn write_list(out: &mut String, a: &[Value], bare: bool) {
    for (i, x) in a.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_value(out, x, bare);
    }
}

fn write_fields(out: &mut String, o: &serde_json::Map<String, Value>) {
    for (i, (k, x)) in o.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{k}: ");
        write_value(out, x, holds_variants(k));
    }
}

/// `Uuid`, `Decimal`, `Path`: a variant of one of the model's enums.
fn is_variant_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The changes of each area, in the order of [`Area::ALL`].
fn by_area(diff: &Diff) -> Vec<(Area, Vec<&ItemChange>)> {
    Area::ALL
        .iter()
        .map(|a| {
            let items = diff
                .items
                .iter()
                .filter(|i| Area::of(i.kind) == *a)
                .collect();
            (*a, items)
        })
        .filter(|(a, items): &(Area, Vec<&ItemChange>)| {
            !items.is_empty() || (*a == Area::Model && !diff.model.is_empty())
        })
        .collect()
}

fn sign(change: Change) -> char {
    match change {
        Change::Added => '+',
        Change::Removed => '-',
        Change::Changed => '~',
    }
}

/// Plain text, one line per item and one per property, names printable.
pub fn text(diff: &Diff) -> String {
    let mut out = String::new();
    for (area, items) in by_area(diff) {
        let _ = writeln!(out, "{}", area.title());
        if area == Area::Model {
            for p in &diff.model {
                text_property(&mut out, p, "  ~ ");
            }
        }
        for i in items {
            let _ = write!(
                out,
                "  {} {} {} {}",
                sign(i.change),
                i.kind.label(),
                printable(&i.id),
                printable(&format!("{:?}", i.name))
            );
            if let Some(from) = &i.renamed_from {
                let _ = write!(out, " (renamed from {})", printable(&format!("{from:?}")));
            }
            out.push('\n');
            if let Some(why) = &i.breaking {
                let _ = writeln!(out, "      breaking: {}", printable(why));
            }
            for p in &i.properties {
                text_property(&mut out, p, "      ");
            }
        }
    }
    let _ = writeln!(out, "{}", summary(diff));
    out
}

/// A list of plain values (enum values, roles, tags, producers) that
/// gained or lost some: what went in and what came out, each shown as
/// `show` would, rather than both whole lists.
pub fn list_change(p: &PropertyChange) -> Option<(Vec<String>, Vec<String>)> {
    let items = |v: Option<&Value>| -> Option<Vec<Value>> {
        match v {
            None => Some(Vec::new()),
            Some(Value::Array(a)) if a.iter().all(|x| !x.is_object() && !x.is_array()) => {
                Some(a.clone())
            }
            _ => None,
        }
    };
    let (old, new) = (items(p.old.as_ref())?, items(p.new.as_ref())?);
    let one = |v: &Value| show(&p.path, Some(&Value::Array(vec![v.clone()])));
    let unwrap = |s: String| s.trim_start_matches('[').trim_end_matches(']').to_owned();
    let added: Vec<String> = new
        .iter()
        .filter(|v| !old.contains(v))
        .map(|v| unwrap(one(v)))
        .collect();
    let removed: Vec<String> = old
        .iter()
        .filter(|v| !new.contains(v))
        .map(|v| unwrap(one(v)))
        .collect();
    (!added.is_empty() || !removed.is_empty()).then_some((added, removed))
}

/// "added "refunded"; removed "paid"", each value through `quote`.
pub fn list_words(added: &[String], removed: &[String], quote: impl Fn(&str) -> String) -> String {
    let mut parts = Vec::new();
    if !added.is_empty() {
        let list: Vec<String> = added.iter().map(|a| quote(a)).collect();
        parts.push(format!("added {}", list.join(", ")));
    }
    if !removed.is_empty() {
        let list: Vec<String> = removed.iter().map(|a| quote(a)).collect();
        parts.push(format!("removed {}", list.join(", ")));
    }
    parts.join("; ")
}

fn text_property(out: &mut String, p: &PropertyChange, indent: &str) {
    match list_change(p) {
        Some((added, removed)) => {
            let words = list_words(&added, &removed, str::to_owned);
            let _ = writeln!(out, "{indent}{}: {}", printable(&p.path), printable(&words));
        }
        None => {
            let _ = writeln!(
                out,
                "{indent}{}: {} -> {}",
                printable(&p.path),
                printable(&show(&p.path, p.old.as_ref())),
                printable(&show(&p.path, p.new.as_ref()))
            );
        }
    }
    if let Some(why) = &p.breaking {
        let _ = writeln!(out, "{indent}  breaking: {}", printable(why));
    }
}

/// Markdown for a pull-request comment: a summary line, then a section per
/// area with a list of items and their property changes.
pub fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Model changes\n\n**{}**", summary(diff));
    for (area, items) in by_area(diff) {
        let _ = writeln!(out, "\n### {}\n", area.title());
        if area == Area::Model {
            for p in &diff.model {
                md_property(&mut out, p, "");
            }
        }
        for i in items {
            let verb = match i.change {
                Change::Added => "Added",
                Change::Removed => "Removed",
                Change::Changed if i.renamed_from.is_some() => "Renamed",
                Change::Changed => "Changed",
            };
            let _ = write!(
                out,
                "- **{verb}** {} {} {}",
                i.kind.label(),
                code(&i.id),
                code(&i.name)
            );
            if let Some(from) = &i.renamed_from {
                let _ = write!(out, " (was {})", code(from));
            }
            if let Some(why) = &i.breaking {
                let _ = write!(out, " — **breaking**: {}", plain(why));
            }
            out.push('\n');
            for p in &i.properties {
                md_property(&mut out, p, "  ");
            }
        }
    }
    out
}

fn md_property(out: &mut String, p: &PropertyChange, indent: &str) {
    match list_change(p) {
        Some((added, removed)) => {
            let words = list_words(&added, &removed, code);
            let _ = write!(out, "{indent}- {}: {words}", code(&p.path));
        }
        None => {
            let _ = write!(
                out,
                "{indent}- {}: {} → {}",
                code(&p.path),
                code(&show(&p.path, p.old.as_ref())),
                code(&show(&p.path, p.new.as_ref()))
            );
        }
    }
    if let Some(why) = &p.breaking {
        let _ = write!(out, " — **breaking**: {}", plain(why));
    }
    out.push('\n');
}

/// Text as an inline code span that nothing in it can end: a fence longer
/// than any run of backticks inside, line breaks as spaces, control
/// characters escaped.
fn code(s: &str) -> String {
    let s = printable(&s.replace(['\n', '\r'], " ")).into_owned();
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Our own sentences (reasons), with names in them: Markdown's special
/// characters escaped.
fn plain(s: &str) -> String {
    let mut out = String::new();
    for c in printable(&s.replace(['\n', '\r'], " ")).chars() {
        if "\\`*_[]<>|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    summary: JsonCounts,
    #[serde(flatten)]
    diff: &'a Diff,
}

#[derive(Serialize)]
struct JsonCounts {
    added: usize,
    removed: usize,
    changed: usize,
    renamed: usize,
    breaking: usize,
}

/// JSON: the counts, the model's property changes and every item's change.
pub fn json(diff: &Diff) -> String {
    let Counts {
        added,
        removed,
        changed,
        renamed,
        breaking,
    } = diff.counts();
    let report = JsonReport {
        summary: JsonCounts {
            added,
            removed,
            changed,
            renamed,
            breaking,
        },
        diff,
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
