//! Malformed and hostile files: each gives one error naming the file, line
//! and column, of the expected class, without a panic and without touching
//! the file.

use std::path::Path;

use archdesk::store::{self, LoadErrorKind as K};

/// A valid model to break in different ways.
const GOOD: &str = r#"(
    format: 1,
    name: "Mini",
    systems: [
        (id: "shop", name: "Shop"),
    ],
    containers: [
        (id: "api", system: "shop", name: "API", kind: Service),
        (id: "db", system: "shop", name: "DB", kind: Database),
    ],
    relationships: [
        (id: "api-db", from: "api", to: "db", description: "Reads from"),
    ],
)
"#;

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    kind: K,
    line: usize,
    column: usize,
    /// Words the message must contain.
    says: &'static [&'static str],
}

fn case(
    name: &'static str,
    text: impl Into<Vec<u8>>,
    kind: K,
    line: usize,
    column: usize,
    says: &'static [&'static str],
) -> Case {
    Case {
        name,
        bytes: text.into(),
        kind,
        line,
        column,
        says,
    }
}

fn cases() -> Vec<Case> {
    // Deep nesting where the model allows nesting at all (array types), so
    // that it reaches the parser's recursion limit rather than a type error.
    let deep = format!(
        "(format: 1, name: \"x\", entities: [(id: \"e\", store: \"db\", name: \"e\", fields: [(name: \"f\", type: {}Uuid{})])])",
        "Array(".repeat(5000),
        ")".repeat(5000)
    );
    // The same through a field the model does not know, which is skipped.
    let deep_unknown = format!(
        "(format: 1, name: \"x\", description: {}1{})",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let long_line = format!("(format: 1, name: \"{}\", bogus: 1)", "x".repeat(1_000_000));
    vec![
        case("empty", "", K::Syntax, 1, 1, &["empty"]),
        case("whitespace only", "  \n\n ", K::Syntax, 1, 1, &["empty"]),
        case(
            "truncated",
            &GOOD[..GOOD.len() / 2],
            K::Syntax,
            8,
            64,
            &["ends in the middle", "truncated"],
        ),
        case(
            "truncated inside a string",
            &GOOD[..GOOD.find("Reads").expect("text")],
            K::Syntax,
            12,
            60,
            &["ends in the middle", "truncated"],
        ),
        case(
            "truncated after a comma",
            &GOOD[..GOOD.find("    relationships").expect("text")],
            K::Syntax,
            11,
            1,
            &["ends in the middle", "truncated"],
        ),
        case(
            "wrong type",
            GOOD.replace("name: \"Mini\"", "name: 42"),
            K::Structure,
            3,
            11,
            &["string"],
        ),
        case(
            "unknown field",
            GOOD.replace("kind: Service)", "kind: Service, colour: \"red\")"),
            K::Structure,
            8,
            65,
            &["colour"],
        ),
        case(
            "missing field",
            GOOD.replace("name: \"API\", ", ""),
            K::Structure,
            8,
            50,
            &["missing", "name"],
        ),
        case(
            "unknown enum value",
            GOOD.replace("kind: Service", "kind: Microservice"),
            K::Structure,
            8,
            56,
            &["Microservice"],
        ),
        case(
            "dangling id",
            GOOD.replace("to: \"db\"", "to: \"dbx\""),
            K::Reference,
            12,
            41,
            &["dbx", "api-db", "nothing has that id"],
        ),
        case(
            "wrong kind of reference",
            GOOD.replace(
                "system: \"shop\", name: \"DB\"",
                "system: \"api\", name: \"DB\"",
            ),
            K::Reference,
            9,
            28,
            &["api", "software system"],
        ),
        case(
            "duplicate id",
            GOOD.replace("(id: \"db\"", "(id: \"api\""),
            K::Id,
            9,
            14,
            &["api", "second time"],
        ),
        case(
            "invalid id",
            GOOD.replace("(id: \"db\"", "(id: \"Big DB\""),
            K::Id,
            9,
            14,
            &["Big DB", "not a valid id"],
        ),
        case(
            "newer format",
            GOOD.replace("format: 1", "format: 9"),
            K::Version,
            2,
            5,
            &["format 9", "newer"],
        ),
        case(
            "no format",
            GOOD.replace("format: 1,", ""),
            K::Version,
            1,
            1,
            &["no `format`"],
        ),
        case(
            "format zero",
            GOOD.replace("format: 1", "format: 0"),
            K::Version,
            2,
            5,
            &["format 0"],
        ),
        case(
            "binary garbage",
            vec![0x28, 0x0a, 0xff, 0xfe, 0x00, 0x13, 0x37],
            K::NotText,
            2,
            1,
            &["UTF-8"],
        ),
        case(
            "trailing text",
            format!("{GOOD})"),
            K::Syntax,
            15,
            1,
            &["more text"],
        ),
        case("deep nesting", deep, K::Syntax, 1, 450, &["nested"]),
        case(
            "deep nesting in an unknown field",
            deep_unknown,
            K::Structure,
            1,
            37,
            &["string"],
        ),
        case(
            "1 MB single line",
            long_line,
            K::Structure,
            1,
            1_000_023,
            &["bogus"],
        ),
        case(
            "not a struct",
            "[1, 2, 3]",
            K::Syntax,
            1,
            1,
            &["`(`", "Document"],
        ),
        case(
            "hostile names are data",
            GOOD.replace(
                "\"Mini\"",
                "\"</text><script>alert(1)</script> ; DROP TABLE x; -- 🦀\"",
            )
            .replace("to: \"db\"", "to: \"nope\""),
            K::Reference,
            12,
            41,
            &["nope"],
        ),
    ]
}

#[test]
fn malformed_files_give_one_clear_error_and_are_left_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = cases();
    assert!(cases.len() >= 15);
    let mut failures = Vec::new();
    for c in cases {
        let path = dir.path().join(format!("{}.ron", c.name.replace(' ', "-")));
        std::fs::write(&path, &c.bytes).expect("write case");
        let before = std::fs::metadata(&path)
            .expect("meta")
            .modified()
            .expect("mtime");
        let result = std::panic::catch_unwind(|| store::load(&path));
        let Ok(result) = result else {
            panic!("{}: load panicked", c.name);
        };
        let Err(err) = result else {
            panic!("{}: loaded without error", c.name);
        };
        let text = err.to_string();
        if (err.kind, err.line, err.column) != (c.kind, c.line, c.column) {
            failures.push(format!(
                "{}: expected {:?} at {}:{}, got {:?} at {}:{}: {text}",
                c.name, c.kind, c.line, c.column, err.kind, err.line, err.column
            ));
            continue;
        }
        assert!(
            text.starts_with(&format!("{}:{}:{}: ", path.display(), c.line, c.column)),
            "{}: {text}",
            c.name
        );
        for word in c.says {
            assert!(
                text.contains(word),
                "{}: {text:?} should mention {word:?}",
                c.name
            );
        }
        assert!(
            !text.contains('\n'),
            "{}: one sentence, one line: {text}",
            c.name
        );
        assert!(
            text.len() < 600,
            "{}: message too long ({} bytes)",
            c.name,
            text.len()
        );
        assert_eq!(
            std::fs::read(&path).expect("read back"),
            c.bytes,
            "{}: file changed",
            c.name
        );
        assert_eq!(
            std::fs::metadata(&path)
                .expect("meta")
                .modified()
                .expect("mtime"),
            before,
            "{}: file touched",
            c.name
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_missing_file_names_the_path() {
    let err = store::load(Path::new("/nonexistent/archdesk/model.ron")).expect_err("missing");
    assert_eq!(err.kind, K::Io);
    assert!(
        err.to_string()
            .starts_with("/nonexistent/archdesk/model.ron: cannot be read"),
        "{err}"
    );
}
