//! The command-line contract of DESIGN.md: commands, exit codes and one-sentence errors.

mod common;
use common::{archdesk, sample, sample_arg, stderr, temp_dir};

#[test]
fn check_passes_the_samples() {
    for s in ["shop", "saas"] {
        let out = archdesk(&["check", &sample_arg(s)]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{s}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 errors"));
    }
}

#[test]
fn check_json_is_an_array() {
    let out = archdesk(&["check", "--json", &sample_arg("shop")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(value.is_array());
}

#[test]
fn a_dangling_id_is_an_invalid_file_named_with_its_line() {
    let dir = temp_dir();
    let path = dir.path().join("broken.ron");
    let text = std::fs::read_to_string(sample("shop")).expect("read");
    // The first relationship's target, on its own line in the canonical file.
    let broken = text.replacen("to: \"web-shop\"", "to: \"web-shopp\"", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).expect("write");
    let line = broken
        .lines()
        .position(|l| l.contains("web-shopp"))
        .expect("line")
        + 1;
    let out = archdesk(&["check", path.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("broken.ron:{line}:")), "{err}");
    assert!(err.contains("web-shopp"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one sentence: {err}");
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        broken,
        "file untouched"
    );
}

#[test]
fn a_model_with_errors_exits_1_and_lists_them() {
    let dir = temp_dir();
    let path = dir.path().join("nopk.ron");
    let text = std::fs::read_to_string(sample("shop")).expect("read");
    // Take the primary key off the first entity (users).
    let broken = text.replacen(
        "            primary_key: [\n                \"id\",\n            ],\n",
        "",
        1,
    );
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).expect("write");
    let out = archdesk(&["check", path.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("error[data/no-primary-key] Shop › User database › users"),
        "{report}"
    );

    let out = archdesk(&["export", path.to_str().expect("utf8"), "--to", "postgres"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("nopk.ron") && err.contains("cannot be exported"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing exported");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        archdesk(&["export", &sample_arg("shop"), "--to", "pdf"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(archdesk(&["check"]).status.code(), Some(2));
    assert_eq!(archdesk(&["frobnicate", "x", "y"]).status.code(), Some(2));
    let out = archdesk(&["check", "/no/such/file.ron"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("/no/such/file.ron: cannot be read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_lists_the_commands_and_exit_codes() {
    let out = archdesk(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout);
    for word in ["check", "export", "Exit codes"] {
        assert!(help.contains(word), "{help}");
    }
    let out = archdesk(&["export", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for f in archdesk::export::Format::ALL {
        assert!(help.contains(f.name()), "{help}");
    }
}

/// The files the library makes for the shop sample.
fn library_export(
    format: archdesk::export::Format,
    only: Option<&str>,
) -> Vec<archdesk::export::Artifact> {
    let doc = common::load_sample("shop");
    let options = archdesk::export::Options {
        only: only.map(str::to_owned),
    };
    archdesk::export::export(&doc, format, &options).expect("the library exports the sample")
}

#[test]
fn one_output_goes_to_stdout_byte_for_byte() {
    use archdesk::export::Format;
    for (format, only) in [
        (Format::Openapi, "catalog-api"),
        (Format::OpenapiJson, "catalog-api"),
        (Format::Svg, "landscape"),
        (Format::Postgres, "order-db"),
        (Format::Mysql, "order-db"),
        (Format::Sqlite, "order-db"),
    ] {
        let out = archdesk(&[
            "export",
            &sample_arg("shop"),
            "--to",
            format.name(),
            "--view",
            only,
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        let files = library_export(format, Some(only));
        assert_eq!(files.len(), 1, "{format} {only}");
        assert!(
            out.stdout == files[0].text.as_bytes(),
            "{format} {only}: stdout is the library's text"
        );
        assert!(stderr(&out).is_empty(), "{format}: {}", stderr(&out));
    }
}

#[test]
fn several_outputs_without_a_folder_are_refused_and_nothing_is_written() {
    let out = archdesk(&["export", &sample_arg("shop"), "--to", "svg"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("-o FOLDER") && err.contains("landscape.svg"),
        "{err}"
    );
}

#[test]
fn output_to_a_file_and_to_a_folder_is_the_library_s_text() {
    use archdesk::export::Format;
    let dir = temp_dir();
    // -o FILE, for one output.
    let file = dir.path().join("catalog.yaml");
    let out = archdesk(&[
        "export",
        &sample_arg("shop"),
        "--to",
        "openapi",
        "--api",
        "catalog-api",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&file).expect("written"),
        library_export(Format::Openapi, Some("catalog-api"))[0].text
    );
    // -o FOLDER, for several: each file under its name, nothing else.
    for format in [Format::Svg, Format::Postgres, Format::OpenapiJson] {
        let folder = dir.path().join(format.name());
        let out = archdesk(&[
            "export",
            &sample_arg("shop"),
            "--to",
            format.name(),
            "-o",
            folder.to_str().expect("utf-8"),
        ]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        let files = library_export(format, None);
        let mut written: Vec<String> = std::fs::read_dir(&folder)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        let mut names: Vec<String> = files.iter().map(|a| a.file_name.clone()).collect();
        names.sort();
        assert_eq!(written, names, "{format}");
        for a in &files {
            assert!(
                std::fs::read_to_string(folder.join(&a.file_name)).expect("read") == a.text,
                "{format} {}",
                a.file_name
            );
        }
    }
}
