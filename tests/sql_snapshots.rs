//! The DDL of `samples/shop.ron` and of the hostile-names model, for each
//! dialect, as insta snapshots: reviewers see every change to the SQL in the
//! diff of `tests/snapshots/`. Also: the output is deterministic, and the
//! command line writes the same bytes as the library.
//!
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test
//! sql_snapshots`) accepts a change after reading it.

use archdesk::export::{self, ExportError, Format, Options};
use archdesk::model::Document;

mod common;
use common::{load_sample, sample, temp_dir};

#[path = "sql/hostile.rs"]
mod hostile;
use hostile::{checked, hostile};

const DIALECTS: [Format; 3] = [Format::Postgres, Format::Mysql, Format::Sqlite];

/// Every artifact of an export, one after the other, each under its file
/// name. Carriage returns (in hostile names) are shown as `␍` so that no
/// tool rewrites the snapshot's line endings.
fn all_files(doc: &Document, format: Format) -> String {
    let artifacts = export::export(doc, format, &Options::default())
        .unwrap_or_else(|e| panic!("{format} export of “{}”: {e}", doc.name));
    artifacts
        .iter()
        .map(|a| format!("==> {} <==\n{}", a.file_name, a.text.replace('\r', "␍")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn shop_ddl_per_dialect() {
    let doc = load_sample("shop");
    for format in DIALECTS {
        insta::assert_snapshot!(format!("shop-{format}"), all_files(&doc, format));
    }
}

#[test]
fn hostile_names_ddl_per_dialect() {
    for format in DIALECTS {
        let doc = checked(hostile(format == Format::Mysql));
        insta::assert_snapshot!(format!("hostile-{format}"), all_files(&doc, format));
    }
}

#[test]
fn output_is_deterministic_and_well_formed() {
    for doc in [load_sample("shop"), checked(hostile(true))] {
        for format in DIALECTS {
            let first = export::export(&doc, format, &Options::default()).expect("export");
            for _ in 0..5 {
                // A fresh clone each time: hash maps inside get new seeds.
                let again =
                    export::export(&doc.clone(), format, &Options::default()).expect("export");
                assert_eq!(first, again, "{format} export of {} changed", doc.name);
            }
            for a in &first {
                assert!(a.text.starts_with("-- "), "{}: no header", a.file_name);
                assert!(a.text.ends_with(";\n"), "{}: no final newline", a.file_name);
                assert!(
                    !a.text.contains("\r"),
                    "{}: a raw carriage return",
                    a.file_name
                );
                let header: Vec<&str> =
                    a.text.lines().take_while(|l| l.starts_with("--")).collect();
                let header = header.join("\n");
                let name: String = doc
                    .name
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                assert!(header.contains(&format!("“{name}”")), "{header}");
                assert!(!looks_like_a_time(&header), "a timestamp in {header}");
            }
        }
    }
}

/// `2026-01-31` or `12:30` anywhere.
fn looks_like_a_time(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        (i + 10 <= b.len()
            && digits(i..i + 4)
            && b[i + 4] == b'-'
            && digits(i + 5..i + 7)
            && b[i + 7] == b'-'
            && digits(i + 8..i + 10))
            || (i + 5 <= b.len() && digits(i..i + 2) && b[i + 2] == b':' && digits(i + 3..i + 5))
    })
}

#[test]
fn one_database_or_a_clear_error() {
    let doc = load_sample("shop");
    let only = |id: &str| Options {
        only: Some(id.to_owned()),
    };
    let one = export::export(&doc, Format::Postgres, &only("order-db")).expect("order-db");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].file_name, "order-db.sql");
    assert!(one[0].text.contains("CREATE TABLE \"orders\""));
    assert!(!one[0].text.contains("CREATE TABLE \"users\""));

    match export::export(&doc, Format::Mysql, &only("order-service")) {
        Err(ExportError::UnknownTarget {
            what,
            id,
            available,
        }) => {
            assert_eq!(what, "database");
            assert_eq!(id, "order-service");
            assert!(available.contains("order-db"), "{available}");
        }
        other => panic!("expected UnknownTarget, got {other:?}"),
    }
    let mut empty = Document::new("Empty");
    assert!(matches!(
        export::export(&empty, Format::Sqlite, &Options::default()),
        Err(ExportError::Nothing { .. })
    ));
    empty.containers = doc.containers.clone();
    empty.systems = doc.systems.clone();
    assert!(matches!(
        export::export(&empty, Format::Sqlite, &only("order-db")),
        Err(ExportError::Nothing { .. })
    ));
}

/// `archdesk export --to DIALECT -o DIR` writes one file per database,
/// byte-identical to the library's artifacts.
#[test]
fn the_command_line_writes_the_same_bytes() {
    let dir = temp_dir();
    let sample = sample("shop");
    for format in DIALECTS {
        let out = dir.path().join(format.name());
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_archdesk"))
            .arg("export")
            .arg(&sample)
            .args(["--to", format.name(), "-o"])
            .arg(&out)
            .status()
            .expect("run archdesk");
        assert!(status.success(), "{format}: {status}");
        for a in export::export(&load_sample("shop"), format, &Options::default()).expect("export")
        {
            let written = std::fs::read_to_string(out.join(&a.file_name)).expect("written file");
            assert_eq!(written, a.text, "{format} {}", a.file_name);
        }
    }
}
