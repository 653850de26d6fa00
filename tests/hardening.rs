//! The faults a hostile test found (issue 13), each through the command
//! line as a user meets it: no panic, no lost or changed file, no raw
//! control character on the terminal, and one sentence that names the file,
//! line and column.

mod common;
use common::{archdesk, sample, stderr, temp_dir};

/// The shop sample with `edit` applied to its text, written to `dir/name`.
fn shop_with(dir: &std::path::Path, name: &str, edit: impl FnOnce(&str) -> String) -> String {
    let text = std::fs::read_to_string(sample("shop")).expect("read the sample");
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed the text");
    let path = dir.join(name);
    std::fs::write(&path, &changed).expect("write");
    path.to_str().expect("utf-8 path").to_owned()
}

/// The line and column (1-based) where `needle` first starts in `text`.
fn place(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Asserts one printable line on stderr: no control character but its end.
fn one_printable_line(err: &str) {
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(
        !err.trim_end()
            .chars()
            .any(|c| c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "no control or bidi character: {err:?}"
    );
}

#[test]
fn a_position_that_is_not_a_number_is_a_load_error_at_its_entry() {
    let dir = temp_dir();
    for (i, value) in ["inf", "-inf", "NaN", "1e39", "20000000.0"]
        .into_iter()
        .enumerate()
    {
        let entry = format!("positions: {{\"customer\": (x: {value}, y: 0.0)}},");
        let path = shop_with(dir.path(), &format!("m{i}.ron"), |t| {
            t.replacen(
                "id: \"landscape\",",
                &format!("id: \"landscape\",\n            {entry}"),
                1,
            )
        });
        let text = std::fs::read_to_string(&path).expect("read");
        let (line, column) = place(&text, "\"customer\": (x:");
        for args in [
            vec!["check", path.as_str()],
            vec![
                "export",
                path.as_str(),
                "--to",
                "svg",
                "--view",
                "landscape",
            ],
        ] {
            let out = archdesk(&args);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{value}, {args:?}: {err}");
            assert!(
                err.contains(&format!("m{i}.ron:{line}:{column}:")) && err.contains("“customer”"),
                "{value}: {err}"
            );
            one_printable_line(&err);
        }
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            text,
            "untouched"
        );
    }
}

/// `archdesk export MODEL --to svg --view landscape -o TARGET`.
fn export_landscape(model: &str, target: &std::path::Path) -> std::process::Output {
    archdesk(&[
        "export",
        model,
        "--to",
        "svg",
        "--view",
        "landscape",
        "-o",
        target.to_str().expect("utf-8"),
    ])
}

#[test]
fn an_export_is_never_written_over_a_model_its_backup_or_its_recovery_copy() {
    let dir = temp_dir();
    let model = shop_with(dir.path(), "m.ron", |t| t.replacen("Shop", "Shop ", 1));
    let original = std::fs::read(&model).expect("read");
    let other = dir.path().join("other.ron");
    std::fs::write(&other, b"(format: 1, name: \"other\")").expect("write");
    let bak = dir.path().join("m.ron.bak");
    std::fs::write(&bak, &original).expect("write");
    let link = dir.path().join("diagram.svg");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&model, &link).expect("link");
    let targets = [
        dir.path().join("m.ron"),
        dir.path().join(".").join("m.ron"),
        other.clone(),
        bak.clone(),
        dir.path().join("fresh.bak"),
        dir.path().join(".m.ron.recovery"),
        link,
    ];
    for target in &targets {
        let before = std::fs::read(target).ok();
        let out = export_landscape(&model, target);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", target.display());
        assert!(err.contains("not written"), "{err}");
        one_printable_line(&err);
        assert_eq!(
            std::fs::read(target).ok(),
            before,
            "{} unchanged",
            target.display()
        );
    }
    assert_eq!(
        std::fs::read(&model).expect("read"),
        original,
        "the model is intact"
    );
    // Next to the model, an ordinary name is written.
    let svg = dir.path().join("landscape.svg");
    let out = export_landscape(&model, &svg);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&svg).expect("svg").contains("<svg"));
}

#[test]
fn hostile_ids_and_names_reach_the_terminal_escaped_on_one_line() {
    let dir = temp_dir();
    for (i, hostile) in [
        "\\u{1b}]0;owned\\u{7}\\u{1b}[2J",
        "s\\nFAKE: all is well",
        "abc\\u{202e}fed",
        "\\u{9b}31m",
    ]
    .into_iter()
    .enumerate()
    {
        // A relationship to an id that does not exist: the load error quotes it.
        let path = shop_with(dir.path(), &format!("h{i}.ron"), |t| {
            t.replacen("to: \"web-shop\"", &format!("to: \"{hostile}\""), 1)
        });
        let out = archdesk(&["check", &path]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        one_printable_line(&err);
        assert!(
            err.contains("\\u{"),
            "the characters are shown as escapes: {err}"
        );
    }
    // A name in a review finding: the report is printable too.
    // Order service without a technology: arch/no-technology quotes its name.
    let path = shop_with(dir.path(), "named.ron", |t| {
        t.replacen(
            "name: \"Order service\",\n            kind: Service,\n            technology: \"Java 21, Spring Boot\",",
            "name: \"Order\\u{1b}[2J service\",\n            kind: Service,",
            1,
        )
    });
    let out = archdesk(&["check", &path]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        report.contains("Order\\u{1b}[2J service"),
        "the finding quotes the name, escaped: {report}"
    );
    assert!(!report.contains('\u{1b}'), "{report:?}");
}

#[test]
fn a_load_error_points_at_the_backup_only_when_there_is_one() {
    let dir = temp_dir();
    let path = shop_with(dir.path(), "cut.ron", |t| t[..t.len() / 2].to_owned());
    let err = stderr(&archdesk(&["check", &path]));
    assert!(err.contains("restore it from version control"), "{err}");
    assert!(!err.contains(".bak"), "no backup to name: {err}");
    let bak = dir.path().join("cut.ron.bak");
    std::fs::copy(sample("shop"), &bak).expect("backup");
    let err = stderr(&archdesk(&["check", &path]));
    assert!(
        err.contains(&format!(
            "restore it from {} or version control",
            bak.display()
        )),
        "{err}"
    );
}

#[test]
fn an_id_that_ron_escapes_is_reported_where_it_is() {
    let dir = temp_dir();
    // An invalid id with an apostrophe (which ron's writer escapes as \').
    let path = shop_with(dir.path(), "quote.ron", |t| {
        t.replacen("id: \"customer\",", "id: \"b'c\",", 1)
    });
    let text = std::fs::read_to_string(&path).expect("read");
    let (line, column) = place(&text, "\"b'c\"");
    let err = stderr(&archdesk(&["check", &path]));
    assert!(
        err.contains(&format!("quote.ron:{line}:{column}:")),
        "{err}"
    );
}

#[test]
fn a_byte_order_mark_is_read_past_and_kept_on_save() {
    let dir = temp_dir();
    let path = dir.path().join("bom.ron");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(sample("shop")).expect("read"));
    std::fs::write(&path, &bytes).expect("write");
    let out = archdesk(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut doc = archdesk::store::load(&path).expect("loads");
    doc.name.push_str(" (edited)");
    archdesk::store::save(&path, &doc).expect("saves");
    let saved = std::fs::read(&path).expect("read");
    assert!(saved.starts_with("\u{feff}(".as_bytes()), "the BOM stays");
    assert_eq!(
        archdesk::store::load(&path).expect("loads again").name,
        doc.name
    );
}
