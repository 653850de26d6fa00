//! `store::to_ron` writes exactly the bytes ron's own pretty serializer
//! writes with the file's configuration, for the samples, generated models
//! and models full of hostile strings and awkward floats; and what it writes
//! loads back to the same model.

use std::path::Path;

use archdesk::model::{DefaultValue, Document, Point, RuleSetting};
use archdesk::{generate, store};
use proptest::prelude::*;

mod common;

/// The text as ron 0.12 writes it: the reference `to_ron` must match.
fn reference(doc: &Document) -> String {
    let mut text = store::ron_text(doc).expect("ron serializes the model");
    text.push('\n');
    text
}

/// Byte equality with ron, with the first difference in the message (the
/// texts run to megabytes, too long for `assert_eq!` to show usefully).
fn assert_same_as_ron(doc: &Document, what: &str) -> String {
    let fast = store::to_ron(doc).expect("the model turns into text");
    let slow = reference(doc);
    if fast != slow {
        let at = fast
            .bytes()
            .zip(slow.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| fast.len().min(slow.len()));
        let from = at.saturating_sub(80);
        panic!(
            "{what}: to_ron differs from ron at byte {at} (lengths {} and {})\n\
             to_ron: {:?}\nron:    {:?}",
            fast.len(),
            slow.len(),
            fast.get(from..(at + 80).min(fast.len())),
            slow.get(from..(at + 80).min(slow.len())),
        );
    }
    fast
}

/// The text loads back to an equal model, and saving that writes the same
/// text again (which also covers NaN, where `==` cannot).
fn assert_round_trips(doc: &Document, text: &str, what: &str) {
    let usable = doc
        .views
        .iter()
        .flat_map(|v| v.positions.values())
        .all(|p| p.is_usable());
    if !usable {
        // Positions that are not numbers on a canvas are load errors; the
        // text still reads back, as ron reads it, to the same text.
        let err = store::parse(text, Path::new("model.ron")).expect_err("refused");
        assert!(err.to_string().contains("not a position"), "{what}: {err}");
        let again: Document = ron::Options::default()
            .from_str(text)
            .unwrap_or_else(|e| panic!("{what}: ron does not read the text: {e}"));
        assert!(
            store::to_ron(&again).expect("the model turns into text") == text,
            "{what}: writing what ron read gives other bytes"
        );
        return;
    }
    let again = store::parse(text, Path::new("model.ron"))
        .unwrap_or_else(|e| panic!("{what}: the written text does not load: {e}"));
    let has_nan = doc
        .views
        .iter()
        .flat_map(|v| v.positions.values())
        .any(|p| p.x.is_nan() || p.y.is_nan());
    if !has_nan {
        assert!(again == *doc, "{what}: load(to_ron(doc)) differs from doc");
    }
    assert!(
        store::to_ron(&again).expect("the model turns into text") == text,
        "{what}: saving the loaded model writes other bytes"
    );
}

#[test]
fn samples_are_written_as_ron_writes_them() {
    let mut count = 0;
    for path in common::sample_paths() {
        let text = std::fs::read_to_string(&path).expect("read sample");
        let doc = store::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        let what = path.display().to_string();
        let written = assert_same_as_ron(&doc, &what);
        assert_round_trips(&doc, &written, &what);
        count += 1;
    }
    assert!(count >= 3, "expected the samples, found {count}");
}

#[test]
fn generated_models_are_written_as_ron_writes_them() {
    for seed in [1, 7, 2024, 0xdead_beef] {
        for n in [100, 1000] {
            let doc = generate::model(seed, n);
            let what = format!("generate::model({seed}, {n})");
            let written = assert_same_as_ron(&doc, &what);
            assert_round_trips(&doc, &written, &what);
        }
    }
    for seed in [3, 2024] {
        let doc = generate::single_view(seed, 300);
        let what = format!("generate::single_view({seed}, 300)");
        let written = assert_same_as_ron(&doc, &what);
        assert_round_trips(&doc, &written, &what);
    }
}

#[test]
fn an_empty_model_is_written_as_ron_writes_it() {
    let doc = Document::default();
    let written = assert_same_as_ron(&doc, "Document::default()");
    assert_eq!(written, "(\n    format: 0,\n    name: \"\",\n)\n");
}

/// Pieces of text that strain quoting and escaping.
fn hostile_piece() -> impl Strategy<Value = String> {
    let fixed: Vec<String> = [
        "\"",
        "\\",
        "'",
        "\\\"",
        "\"#",
        "r#\"",
        "##",
        "</text><script>alert(1)</script>",
        "'; DROP TABLE users; --",
        "\r",
        "\r\n",
        "\n",
        "\t",
        "\u{7f}",
        "\u{85}",
        "\u{a0}",
        "\u{ad}",
        "\u{200b}",
        "\u{200d}",
        "\u{2028}",
        "\u{2029}",
        "\u{feff}",
        "\u{fffd}",
        "\u{301}",
        "e\u{301}",
        "\u{10ffff}",
        "\u{e000}",
        "🦀",
        "👩‍👩‍👧",
        "🇩🇪",
        "ß",
        "名前",
        "{}",
        "${x}",
        "%s",
        " ",
        "",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain((0u32..0x20).filter_map(char::from_u32).map(String::from))
    .chain(["n".repeat(300), "é".repeat(150)])
    .collect();
    prop_oneof![
        3 => prop::sample::select(fixed),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,8}",
        1 => ".{0,8}",
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_piece(), 0..6).prop_map(|pieces| pieces.concat())
}

/// Positions with signs, zeros, extremes, subnormals and the formats where
/// `{:?}` switches to exponent notation.
fn awkward_f32() -> impl Strategy<Value = f32> {
    prop_oneof![
        2 => any::<f32>(),
        1 => -1.0e6f32..1.0e6,
        1 => prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            -0.3,
            1.0e-4,
            9.9e-5,
            1.0e15,
            1.0e16,
            -1.0e16,
            16_777_216.0,
            16_777_217.0,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
            -f32::MIN_POSITIVE,
            1.0e-45,
            -1.0e-45,
            f32::EPSILON,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
            -f32::NAN,
        ]),
    ]
}

/// Puts the strings and floats into a generated model: names, descriptions,
/// comments, field defaults (both kinds), enum values, an optional index
/// name, view titles, review rule names (map keys), and view positions.
fn hostile_model(seed: u64, strings: &[String], floats: &[f32]) -> Document {
    let mut doc = generate::model(seed, 100);
    let mut s = strings.iter().cycle();
    let mut next = || s.next().cloned().unwrap_or_default();
    doc.name = next();
    doc.description = next();
    for p in &mut doc.people {
        p.name = next();
        p.description = next();
    }
    for c in doc.containers.iter_mut().take(5) {
        c.technology = next();
        c.description = next();
    }
    for r in doc.relationships.iter_mut().take(5) {
        r.description = next();
        r.technology = next();
    }
    for e in doc.entities.iter_mut().take(4) {
        e.comment = next();
        e.retention = next();
        for (i, f) in e.fields.iter_mut().enumerate() {
            f.comment = next();
            f.default = Some(if i % 2 == 0 {
                DefaultValue::Value(next())
            } else {
                DefaultValue::Sql(next())
            });
        }
        if let Some(index) = e.indexes.first_mut() {
            index.name = Some(next());
            index.predicate = Some(next());
        }
    }
    for t in &mut doc.enums {
        t.values = vec![next(), next()];
        t.comment = next();
    }
    for rule in 0..3 {
        doc.review.rules.insert(next(), RuleSetting::ALL[rule % 4]);
    }
    let mut f = floats.iter().copied().cycle();
    for v in &mut doc.views {
        v.title = next();
        for point in v.positions.values_mut() {
            *point = Point::new(f.next().unwrap_or(0.0), f.next().unwrap_or(-0.0));
        }
    }
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_and_floats_are_written_as_ron_writes_them(
        seed in 0u64..1000,
        strings in prop::collection::vec(hostile_string(), 1..40),
        floats in prop::collection::vec(awkward_f32(), 1..40),
    ) {
        let doc = hostile_model(seed, &strings, &floats);
        let written = assert_same_as_ron(&doc, "hostile model");
        assert_round_trips(&doc, &written, "hostile model");
    }
}
