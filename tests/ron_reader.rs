//! The fast reader for plain RON (`store::read`) against ron itself: for
//! every text, the fast reader either declines or gives exactly the model
//! ron gives, and for the text archdesk writes it does not decline.
//!
//! Models are compared by their `Debug` text as well as with `==`: `Debug`
//! prints every `f32` in its shortest exact form, sign of zero included, so
//! equal text means equal bit patterns (`==` alone takes -0.0 for 0.0).

use std::collections::BTreeMap;
use std::path::Path;

use archdesk::generate;
use archdesk::model::{
    Body, Container, ContainerKind, DefaultValue, Document, Endpoint, Entity, EventType, Field,
    FieldType, Method, Person, Point, Response, RuleSetting, View, ViewKind,
};
use archdesk::store::{self, read::parse_plain};
use proptest::prelude::*;

mod common;

fn by_ron(text: &str) -> Option<Document> {
    ron::Options::default().from_str::<Document>(text).ok()
}

/// ron's own pretty text, as `store::to_ron` configures it (`to_ron` may use
/// a faster writer; this is the reference it must match).
fn ron_pretty(doc: &Document) -> String {
    store::ron_text(doc).expect("ron writes the model")
}

fn assert_same(fast: &Document, slow: &Document, what: &str) {
    assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{what}");
    assert!(fast == slow, "{what}");
}

/// The text must be read by the fast reader, to exactly ron's model.
fn assert_fast_reads(text: &str, what: &str) {
    let slow = by_ron(text).unwrap_or_else(|| panic!("ron must read {what}"));
    let fast = parse_plain(text).unwrap_or_else(|| panic!("the fast reader declined {what}"));
    assert_same(&fast, &slow, what);
}

/// The fast reader may decline, but if it reads the text, ron must read it
/// to the same model.
fn assert_agrees_or_declines(text: &str, what: &str) -> bool {
    let fast = parse_plain(text);
    let slow = by_ron(text);
    match (&fast, &slow) {
        (Some(fast), Some(slow)) => assert_same(fast, slow, what),
        (Some(_), None) => panic!("the fast reader accepted what ron rejects: {what}\n{text}"),
        (None, _) => {}
    }
    fast.is_some()
}

fn samples() -> Vec<(String, String)> {
    let out: Vec<(String, String)> = common::sample_paths()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("sample text");
            (p.display().to_string(), text)
        })
        .collect();
    assert!(out.len() >= 3, "samples found: {}", out.len());
    out
}

#[test]
fn every_sample_is_read_fast_and_exactly() {
    for (name, text) in samples() {
        assert_fast_reads(&text, &name);
        // Through `store::parse` too, with the integrity checks.
        let doc = store::parse(&text, Path::new(&name)).expect("sample loads");
        assert_same(&doc, &by_ron(&text).expect("ron"), &name);
    }
}

#[test]
fn generated_models_are_read_fast_and_exactly() {
    for seed in [1, 2, 3, 2024] {
        for n in [100, 1000] {
            let doc = generate::model(seed, n);
            let text = store::to_ron(&doc).expect("the model turns into text");
            let what = format!("model({seed}, {n})");
            assert_fast_reads(&text, &what);
            assert_same(&parse_plain(&text).expect("read"), &doc, &what);
            // ron's own writer, pretty and compact (no whitespace at all,
            // no trailing commas).
            assert_fast_reads(&ron_pretty(&doc), &format!("{what}, ron pretty"));
            let compact = ron::to_string(&doc).expect("compact");
            assert_fast_reads(&compact, &format!("{what}, ron compact"));
        }
    }
    for seed in [1, 7] {
        let doc = generate::single_view(seed, 300);
        let text = store::to_ron(&doc).expect("the model turns into text");
        let what = format!("single_view({seed}, 300)");
        assert_fast_reads(&text, &what);
        assert_same(&parse_plain(&text).expect("read"), &doc, &what);
    }
}

/// Valid RON that archdesk does not write: the fast reader reads it exactly
/// or declines. `true` marks texts it is expected to read.
const VARIANTS: &[(&str, bool, &str)] = &[
    ("plain", true, r#"(format: 1, name: "x")"#),
    (
        "no trailing comma",
        true,
        "(\n    format: 1,\n    name: \"x\"\n)",
    ),
    ("trailing comma", true, "(format: 1, name: \"x\",)"),
    ("reordered fields", true, r#"(name: "x", format: 1)"#),
    (
        "tabs and CRLF",
        true,
        "(\r\n\tformat:\t1 ,\r\n\tname :\"x\"\r\n)\r\n",
    ),
    (
        "no whitespace at all",
        true,
        r#"(format:1,name:"x",people:[(id:"a",name:"A",external:true)])"#,
    ),
    (
        "leading and trailing whitespace",
        true,
        "\n\n  (format: 1, name: \"x\")  \n\n",
    ),
    (
        "empty review",
        true,
        r#"(format: 1, name: "x", review: ())"#,
    ),
    (
        "empty lists",
        true,
        r#"(format: 1, name: "x", people: [], views: [])"#,
    ),
    (
        "integer as f32",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 5, y: -7)})])"#,
    ),
    (
        "exponent f32",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1e-40, y: 3.4028235e38)})])"#,
    ),
    (
        "f32 rounding",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 0.1000000000000000055511151231257827, y: 16777217.0)})])"#,
    ),
    (
        "f32 overflow",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1e39, y: -1e39)})])"#,
    ),
    (
        "negative zero",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: -0.0, y: -0)})])"#,
    ),
    (
        "some with spaces",
        true,
        r#"(format: 1, name: "x", events: [(id: "e", name: "E", channel: "c", key: Some ( "k" , ))])"#,
    ),
    (
        "variant with spaces",
        true,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: Varchar ( 3 , ))])])"#,
    ),
    (
        "tuple variant with trailing comma",
        true,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: Decimal(1, 2,))])])"#,
    ),
    (
        "nested arrays",
        true,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: Array(Array(Enum("z"))))])])"#,
    ),
    (
        "escapes",
        true,
        r#"(format: 1, name: "a\"b\\c\nd\re\tf\0g\'h\u{1F980}i\u{0}j\u{10FFFF}")"#,
    ),
    (
        "raw control characters in a string",
        true,
        "(format: 1, name: \"a\u{1}b\u{7f}c\nd\")",
    ),
    (
        "map with duplicate keys",
        true,
        r#"(format: 1, name: "x", review: (rules: {"a": Off, "a": Error}))"#,
    ),
    (
        "struct variants",
        true,
        r#"(format: 1, name: "x", apis: [(id: "a", service: "s", name: "A", endpoints: [(method: Get, path: "/", operation_id: "o", request: Some(Entity(shape: Create, entity: "e")), responses: [(status: 200, body: Some(Fields([(name: "f", type: Int)])))])])])"#,
    ),
    (
        "unknown point field, simple",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: 3)})])"#,
    ),
    (
        "unknown point field, nested",
        true,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (z: [1, -2, 3.5, "s", true, None, Some(Foo), Bar(1, 2), Baz(a: (), b: ( )), {"k": [], 4: 5}, (c: 1,), (1, 2), ()], x: 1.0, y: 2.0)})])"#,
    ),
    (
        "unknown point field, big integer",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: 99999999999999999999999)})])"#,
    ),
    (
        "unknown point field, inf",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: inf)})])"#,
    ),
    (
        "unknown point field, byte string",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: b"ab")})])"#,
    ),
    (
        "unknown point field, char",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: 'c')})])"#,
    ),
    (
        "unknown point field, range",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: 1..2)})])"#,
    ),
    // Declined: ron reads these, the fast reader leaves them to it.
    (
        "line comment",
        false,
        "// a model\n(format: 1, name: \"x\")",
    ),
    (
        "block comment",
        false,
        "(format: 1, /* the name */ name: \"x\")",
    ),
    ("trailing comment", false, "(format: 1, name: \"x\") // end"),
    (
        "raw string",
        false,
        r##"(format: 1, name: r#"a "quoted" name"#)"##,
    ),
    ("struct name", false, r#"Document(format: 1, name: "x")"#),
    (
        "extension",
        false,
        "#![enable(implicit_some)]\n(format: 1, name: \"x\", events: [(id: \"e\", name: \"E\", channel: \"c\", key: \"k\")])",
    ),
    (
        "type attribute",
        false,
        "#![type = \"archdesk\"]\n(format: 1, name: \"x\")",
    ),
    ("hex integer", false, r#"(format: 0x1, name: "x")"#),
    ("binary integer", false, r#"(format: 0b1, name: "x")"#),
    ("underscore integer", false, r#"(format: 1_0, name: "x")"#),
    ("plus sign", false, r#"(format: +1, name: "x")"#),
    ("integer suffix", false, r#"(format: 1u32, name: "x")"#),
    ("minus zero unsigned", false, r#"(format: -0, name: "x")"#),
    (
        "byte literal integer",
        false,
        r#"(format: b'a', name: "x")"#,
    ),
    (
        "float suffix",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1f32, y: 2.0)})])"#,
    ),
    (
        "float underscore",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1_000.5, y: 2.0)})])"#,
    ),
    (
        "float inf",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: inf, y: -inf)})])"#,
    ),
    (
        "float NaN",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: NaN, y: 2.0)})])"#,
    ),
    (
        "float leading dot",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: .5, y: 2.)})])"#,
    ),
    (
        "raw identifier field",
        false,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", r#type: Int)])])"#,
    ),
    (
        "raw identifier variant",
        false,
        r#"(format: 1, name: "x", containers: [(id: "c", system: "s", name: "C", kind: r#Service)])"#,
    ),
    ("hex escape", false, r#"(format: 1, name: "\x41")"#),
    (
        "string continuation",
        false,
        "(format: 1, name: \"a\\\n    b\")",
    ),
    (
        "vertical tab whitespace",
        false,
        "(format: 1,\u{b}name: \"x\")",
    ),
    (
        "unicode whitespace",
        false,
        "(format: 1,\u{2028}name: \"x\")",
    ),
    ("byte order mark", false, "\u{feff}(format: 1, name: \"x\")"),
    // Not models, or not RON: both refuse (the fast reader must decline).
    (
        "unknown field",
        false,
        r#"(format: 1, name: "x", colour: "red")"#,
    ),
    (
        "duplicate field",
        false,
        r#"(format: 1, name: "x", name: "y")"#,
    ),
    ("missing field", false, r#"(format: 1)"#),
    ("u32 overflow", false, r#"(format: 4294967296, name: "x")"#),
    (
        "u16 overflow",
        false,
        r#"(format: 1, name: "x", apis: [(id: "a", service: "s", name: "A", endpoints: [(method: Get, path: "/", operation_id: "o", responses: [(status: 65536)])])])"#,
    ),
    (
        "u8 overflow",
        false,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: Decimal(256, 2))])])"#,
    ),
    ("float for integer", false, r#"(format: 1.0, name: "x")"#),
    ("exponent for integer", false, r#"(format: 1e2, name: "x")"#),
    (
        "tuple too long",
        false,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: Decimal(1, 2, 3))])])"#,
    ),
    (
        "tuple too short",
        false,
        r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: Decimal(1))])])"#,
    ),
    (
        "unit variant with parentheses",
        false,
        r#"(format: 1, name: "x", containers: [(id: "c", system: "s", name: "C", kind: Service())])"#,
    ),
    (
        "unknown variant",
        false,
        r#"(format: 1, name: "x", containers: [(id: "c", system: "s", name: "C", kind: Mainframe)])"#,
    ),
    (
        "bare option",
        false,
        r#"(format: 1, name: "x", events: [(id: "e", name: "E", channel: "c", key: "k")])"#,
    ),
    ("missing comma", false, r#"(format: 1 name: "x")"#),
    ("double comma", false, r#"(format: 1,, name: "x")"#),
    ("leading comma", false, r#"(, format: 1, name: "x")"#),
    (
        "trailing text",
        false,
        r#"(format: 1, name: "x") (format: 1, name: "y")"#,
    ),
    ("unclosed string", false, "(format: 1, name: \"x)"),
    ("bad escape", false, r#"(format: 1, name: "\q")"#),
    (
        "bad unicode escape",
        false,
        r#"(format: 1, name: "\u{D800}")"#,
    ),
    (
        "long unicode escape",
        false,
        r#"(format: 1, name: "\u{0000041}")"#,
    ),
    (
        "empty unicode escape",
        false,
        r#"(format: 1, name: "\u{}")"#,
    ),
    (
        "wrong bracket",
        false,
        r#"(format: 1, name: "x", people: ((id: "a", name: "A")))"#,
    ),
    ("list where struct", false, r#"[format: 1, name: "x"]"#),
    ("empty", false, ""),
    (
        "unknown point field, named then positional",
        false,
        r#"(format: 1, name: "x", views: [(id: "v", kind: Landscape, positions: {"a": (x: 1.0, y: 2.0, z: (a: 1, 2))})])"#,
    ),
];

#[test]
fn variants_are_read_exactly_or_declined() {
    for (what, expect_fast, text) in VARIANTS {
        let read = assert_agrees_or_declines(text, what);
        if *expect_fast {
            assert!(read, "the fast reader declined {what}: {text}");
        }
    }
}

/// Nesting deeper than the fast reader allows is left to ron, which itself
/// refuses more than 128 levels of serde calls.
#[test]
fn deep_nesting_is_declined_or_agrees() {
    // The field's type sits inside five brackets, so 27 `Array(` make 32.
    for depth in [1, 5, 20, 26, 27, 28, 29, 35, 40, 45, 60, 130, 500] {
        let ty = format!("{}Int{}", "Array(".repeat(depth), ")".repeat(depth));
        let text = format!(
            r#"(format: 1, name: "x", entities: [(id: "e", store: "s", name: "E", fields: [(name: "a", type: {ty})])])"#
        );
        let read = assert_agrees_or_declines(&text, &format!("depth {depth}"));
        assert_eq!(read, depth <= 27, "depth {depth}");
    }
}

/// Cutting a canonical text anywhere never makes the fast reader panic or
/// accept what ron rejects.
#[test]
fn truncated_texts_are_declined() {
    let text = store::to_ron(&generate::model(11, 100)).expect("the model turns into text");
    let shop = &std::fs::read_to_string(common::sample("shop")).expect("sample text");
    for text in [&text, shop] {
        let len = text.len();
        let cuts = (0..len)
            .filter(|i| *i < 300 || *i > len - 300 || i % 101 == 0)
            .filter(|i| text.is_char_boundary(*i));
        for cut in cuts {
            let what = format!("cut at {cut}");
            let read = assert_agrees_or_declines(&text[..cut], &what);
            // Only the final newline can go.
            assert!(!read || cut >= len - 1, "{what}");
        }
    }
}

/// Strings no name should contain, in pieces to be combined.
fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\\\"".to_owned()),
        Just("\\u{41}".to_owned()),
        Just("'".to_owned()),
        Just("\0".to_owned()),
        Just("\u{1}\u{1f}\u{7f}".to_owned()),
        Just("</text><script>alert(1)</script>".to_owned()),
        Just("'; DROP TABLE users; --".to_owned()),
        Just("🦀👩‍👩‍👧".to_owned()),
        Just("x".repeat(300)),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just("\u{2028}\u{2029}\u{85}\u{200e}\u{feff}".to_owned()),
        Just("e\u{301}\u{301}".to_owned()),
        Just("r#\"".to_owned()),
        Just("/* // */".to_owned()),
        Just("#![enable(implicit_some)]".to_owned()),
        Just("), (".to_owned()),
        Just("\u{10ffff}\u{e000}\u{fffd}".to_owned()),
        any::<char>().prop_map(String::from),
        ".{0,12}",
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_piece(), 0..5).prop_map(|pieces| pieces.concat())
}

fn position() -> impl Strategy<Value = f32> {
    prop_oneof![
        any::<f32>(),
        -1.0e6f32..1.0e6f32,
        Just(-0.0f32),
        Just(0.0f32),
        Just(f32::MIN_POSITIVE),
        Just(1.0e-45f32),
        Just(-1.0e-45f32),
        Just(f32::MAX),
        Just(f32::MIN),
        Just(f32::EPSILON),
        Just(1.0e16f32),
        Just(1.0e-5f32),
        Just(16_777_217.0f32),
    ]
}

/// A small model with hostile text wherever there is text, and the given
/// positions in one view.
fn hostile_model(strings: &[String], positions: &[(f32, f32)]) -> Document {
    let s = |i: usize| strings[i % strings.len()].clone();
    let mut doc = Document::new(s(0));
    doc.description = s(1);
    doc.review.rules.insert(s(2), RuleSetting::Warning);
    let mut person = Person::new(s(3), s(4));
    person.description = s(5);
    person.tags = vec![s(6), s(7)];
    doc.people.push(person);
    let mut container = Container::new(s(8), s(9), s(10), ContainerKind::Database);
    container.technology = s(11);
    doc.containers.push(container);
    let mut entity = Entity::new(s(12), s(13), s(14));
    entity.comment = s(15);
    let mut field = Field::new(s(16), FieldType::Varchar(255));
    field.default = Some(DefaultValue::Value(s(17)));
    field.comment = s(18);
    entity.fields.push(field);
    let mut field = Field::new(s(19), FieldType::Array(Box::new(FieldType::Enum(s(20)))));
    field.default = Some(DefaultValue::Sql(s(21)));
    entity.fields.push(field);
    entity
        .fields
        .push(Field::new(s(22), FieldType::Decimal(255, 0)));
    doc.entities.push(entity);
    let mut event = EventType::new(s(23), s(24), s(25));
    event.key = Some(s(26));
    event.payload.push(Field::new(s(27), FieldType::Text));
    doc.events.push(event);
    let mut api = archdesk::model::Api::new(s(28), s(29), s(30));
    let mut endpoint = Endpoint::new(Method::Post, s(31), s(32));
    endpoint.request = Some(Body::Entity {
        entity: s(33),
        shape: archdesk::model::Shape::Create,
    });
    endpoint.responses.push(Response {
        status: u16::MAX,
        description: s(34),
        body: Some(Body::Fields(vec![Field::new(s(35), FieldType::Json)])),
    });
    api.endpoints.push(endpoint);
    doc.apis.push(api);
    let mut view = View::new(s(36), ViewKind::Containers { system: s(37) });
    view.title = s(38);
    view.positions = positions
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| (format!("{}{i}", s(39 + i)), Point::new(x, y)))
        .collect::<BTreeMap<_, _>>();
    doc.views.push(view);
    doc
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_and_any_positions_read_exactly(
        strings in prop::collection::vec(hostile_string(), 1..50),
        positions in prop::collection::vec((position(), position()), 0..6),
    ) {
        let doc = hostile_model(&strings, &positions);
        let finite = positions.iter().all(|(x, y)| x.is_finite() && y.is_finite());
        for text in [store::to_ron(&doc).expect("the model turns into text"), ron_pretty(&doc), ron::to_string(&doc).expect("compact")] {
            let read = assert_agrees_or_declines(&text, "hostile model");
            // ron writes `NaN` and `inf`, which the fast reader leaves to ron.
            prop_assert_eq!(read, finite, "{}", text);
            if finite {
                let fast = parse_plain(&text).expect("read");
                prop_assert_eq!(format!("{fast:?}"), format!("{doc:?}"));
            }
        }
    }
}
