//! Our writer against libyaml's emitter ([`super::reference`]): the same
//! bytes for every tree. Explicit cases for each kind of string and
//! structure that makes libyaml change style or layout, then random trees
//! built mostly from those pieces.

use proptest::prelude::*;

use super::super::node::{Map, Node};
use super::{reference, to_yaml};

/// Asserts both writers give the same bytes, and returns them.
fn same(node: &Node) -> String {
    let ours = to_yaml(node);
    let theirs = reference::to_yaml(node).unwrap_or_else(|e| panic!("libyaml: {e}\n{node:?}"));
    assert_eq!(
        ours, theirs,
        "ours differs from libyaml's for {node:?}\n--- ours:\n{ours}\n--- libyaml:\n{theirs}"
    );
    ours
}

fn map<const N: usize>(entries: [(&str, Node); N]) -> Node {
    Node::Map(
        entries
            .into_iter()
            .fold(Map::new(), |m, (k, v)| m.with(k, v)),
    )
}

fn s(text: &str) -> Node {
    Node::from(text)
}

/// Every place a string can go: document root, key, value, list item,
/// nested list item, complex key and its value, literal block neighbours.
fn placements(text: &str) -> Vec<Node> {
    let long_key = "k".repeat(129);
    vec![
        s(text),
        map([("k", s(text))]),
        map([(text, s("v"))]),
        map([(text, s(text)), ("next", s("v"))]),
        Node::List(vec![s(text), s(text)]),
        Node::List(vec![Node::List(vec![s(text)]), s("after")]),
        map([("list", Node::List(vec![s(text), map([(text, s(text))])]))]),
        map([(
            "deep",
            map([
                (text, Node::List(vec![s(text)])),
                ("x", map([("y", s(text))])),
            ]),
        )]),
        map([(long_key.as_str(), s(text)), (text, map([("a", s(text))]))]),
        Node::List(vec![map([
            (text, Node::List(vec![s(text)])),
            ("b", s(text)),
        ])]),
        map([(text, Node::List(Vec::new())), ("e", Node::Map(Map::new()))]),
    ]
}

fn same_everywhere(text: &str) {
    for node in placements(text) {
        same(&node);
    }
}

/// Strings that make libyaml pick another style or layout.
const HOSTILE: &[&str] = &[
    // Words and numbers YAML 1.1 misreads (single quotes, ours).
    "",
    "yes",
    "No",
    "off",
    "ON",
    "y",
    "n",
    "null",
    "Null",
    "~",
    "true",
    "FALSE",
    "<<",
    "=",
    "1",
    "-1",
    "+.5",
    ".inf",
    "1.0",
    "1.3.0",
    "007",
    "0x1F",
    "1_000",
    "1:30",
    "2024-01-01",
    "2024-01-01T10:00:00Z",
    "-",
    "+",
    "1'2",
    "1\t",
    "yes\u{feff}",
    // Indicators (quoted by libyaml).
    ": ",
    ":",
    "a:",
    "a: b",
    "a:b",
    "- item",
    "-item",
    "--",
    "---",
    "--- x",
    "...",
    "....",
    "? key",
    "?key",
    "?",
    "# c",
    "#",
    "a #b",
    "a#b",
    "a\t#b",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "|",
    ">",
    "[flow]",
    "{flow}",
    ",",
    "a,b",
    "a[b]",
    "a?b",
    "'single'",
    "it's",
    "\"double\"",
    "say \"hi\"",
    "back\\slash",
    // Spaces.
    " ",
    "  ",
    " leading",
    "trailing ",
    " both ",
    "in  side",
    // Control and special characters (double quotes).
    "tab\there",
    "\t",
    "bell\u{7}",
    "nul\u{0}",
    "esc\u{1b}",
    "del\u{7f}",
    "c1\u{80}control",
    "\u{9f}",
    "nbsp\u{a0}",
    "\u{feff}bom",
    "not a bom \u{7eff}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{d7ff}\u{e000}",
    "\u{8}\u{b}\u{c}",
    "\u{1}\u{1f}",
    "quote \" and \\ and \t",
    // Line breaks other than \n (double quotes, ours).
    "carriage\r\nreturn",
    "\r",
    "next\u{85}line",
    "line\u{2028}separator",
    "para\u{2029}separator",
    "a\r",
    "\u{85}",
    // Multi-line (literal blocks, or double quotes where a block cannot).
    "line\nbreak",
    "trailing newline\n",
    "two trailing\n\n",
    "\n",
    "\n\n",
    "\n\n\n",
    "\n\nleading newlines",
    "  indented\nblock",
    " x\ny",
    "x\n  y\n",
    "x\n\ny",
    "spaces at end of line   \nnext",
    "x \n",
    "x\n ",
    "x\n \ny",
    "tab\tin\nblock",
    "yes\nno",
    "- a\n- b",
    "# h\n: x",
    "'q'\n\"d\"",
    "\u{feff}\nx",
    "é\n🦀\n",
    "\u{7eff}\nx",
    // Unicode.
    "emoji 🦀🚀 and ünïcödé",
    "🦀",
    "\u{10ffff}",
    "日本語",
    "</text><script>alert(1)</script>",
    "'; DROP TABLE users; --",
];

#[test]
fn hostile_strings_in_every_place() {
    for text in HOSTILE {
        same_everywhere(text);
    }
}

#[test]
fn keys_over_128_bytes_are_complex_keys() {
    for n in [127, 128, 129, 300] {
        same_everywhere(&"x".repeat(n));
    }
    // Bytes, not characters: 65 × "é" is 130 bytes.
    same_everywhere(&"é".repeat(64));
    same_everywhere(&"é".repeat(65));
    same_everywhere(&format!("{}: x", "a".repeat(130)));
    same_everywhere(&format!("{}\nb", "a".repeat(130)));
    same_everywhere(&format!("yes{}", "\u{85}".repeat(70)));
    let text = same(&map([(&"x".repeat(129), s("v"))]));
    assert_eq!(text, format!("? {}\n: v\n", "x".repeat(129)));
    let text = same(&map([("a\nb", map([("c", s("d")), ("e", s("f"))]))]));
    assert_eq!(text, "? |-\n  a\n  b\n: c: d\n  e: f\n");
    let text = same(&map([("a\nb\n", Node::List(vec![s("c"), s("d")]))]));
    assert_eq!(text, "? |\n  a\n  b\n: - c\n  - d\n");
}

#[test]
fn literal_blocks_indentation_and_chomping() {
    let text = same(&map([("k", s("  indented\nblock"))]));
    assert_eq!(text, "k: |2-\n    indented\n  block\n");
    let text = same(&map([("k", s("a\n")), ("m", s("v"))]));
    assert_eq!(text, "k: |\n  a\nm: v\n");
    // Kept trailing line breaks (`|+`) make libyaml end the document.
    let text = same(&map([("k", s("a\n\n"))]));
    assert_eq!(text, "k: |+\n  a\n\n...\n");
    let text = same(&map([("k", s("a\n\n")), ("m", s("v"))]));
    assert_eq!(text, "k: |+\n  a\n\nm: v\n...\n");
    let text = same(&map([("k", s("a\n\n")), ("m", s("b\n"))]));
    assert_eq!(text, "k: |+\n  a\n\nm: |\n  b\n");
    let text = same(&Node::List(vec![s("\n\nx\n\n  y")]));
    assert_eq!(text, "- |2-\n\n\n  x\n\n    y\n");
    let text = same(&s("a\nb"));
    assert_eq!(text, "|-\n  a\n  b\n");
    // Trailing spaces and unprintable characters: double quotes.
    let text = same(&map([("k", s("a \nb"))]));
    assert_eq!(text, "k: \"a \\nb\"\n");
    for text in ["x\n", "x\n\n", "\nx", " x\n", "x\n y", "x\n\n\n", "\n \n"] {
        same_everywhere(text);
    }
}

#[test]
fn empty_and_nested_collections() {
    let empty_map = Node::Map(Map::new());
    let empty_list = Node::List(Vec::new());
    assert_eq!(same(&empty_map), "{}\n");
    assert_eq!(same(&empty_list), "[]\n");
    let text = same(&map([
        ("m", empty_map.clone()),
        ("l", empty_list.clone()),
        (
            "in",
            Node::List(vec![empty_map.clone(), empty_list.clone()]),
        ),
    ]));
    assert_eq!(text, "m: {}\nl: []\nin:\n- {}\n- []\n");
    let text = same(&map([(
        "k",
        Node::List(vec![
            Node::List(vec![s("a"), Node::List(vec![s("b")])]),
            map([("c", Node::List(vec![s("d")])), ("e", s("f"))]),
            s("g"),
        ]),
    )]));
    assert_eq!(text, "k:\n- - a\n  - - b\n- c:\n  - d\n  e: f\n- g\n");
    let text = same(&map([(
        "a",
        map([("b", map([("c", Node::List(vec![map([("d", s("e"))])]))]))]),
    )]));
    assert_eq!(text, "a:\n  b:\n    c:\n    - d: e\n");
}

#[test]
fn numbers_and_booleans_are_plain() {
    let node = Node::List(vec![
        Node::Int(i64::MIN),
        Node::Int(i64::MAX),
        Node::Int(0),
        Node::Float(-0.0),
        Node::Float(1e21),
        Node::Float(-1.5e-300),
        Node::Float(f64::MAX),
        Node::Float(f64::MIN_POSITIVE),
        Node::Bool(true),
        Node::Bool(false),
    ]);
    same(&node);
    same(&Node::Int(-3));
    same(&map([("n", Node::Float(0.1)), ("b", Node::Bool(false))]));
}

/// Pieces that random strings are made of, mostly ones libyaml treats
/// specially.
const PIECES: &[&str] = &[
    " ",
    " ",
    "  ",
    "\n",
    "\n",
    "\n",
    "\t",
    "\r",
    "\r\n",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{7eff}",
    "\u{a0}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\u{7f}",
    "\u{80}",
    "\u{9f}",
    "#",
    " #",
    ": ",
    ":",
    "-",
    "- ",
    "--",
    "---",
    "...",
    ".",
    "?",
    "? ",
    "*",
    "&",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "'",
    "\"",
    "\\",
    ",",
    "[",
    "]",
    "{",
    "}",
    "yes",
    "off",
    "null",
    "~",
    "1",
    "0x1F",
    "2024-01-01",
    "<<",
    "=",
    "+",
    "é",
    "🦀",
    "日",
    "\u{10ffff}",
    "a",
    "word",
    "x y",
];

/// Whole strings that YAML 1.1 or 1.2 could misread.
const WORDS: &[&str] = &[
    "",
    "~",
    "null",
    "yes",
    "No",
    "OFF",
    "y",
    "true",
    "<<",
    "=",
    "1",
    "-2",
    ".5",
    "+1.0e3",
    "1:30",
    "2024-01-01",
    "-",
    "---",
    "...",
    "x",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_owned),
        3 => "[a-z]{1,5}",
        1 => any::<char>().prop_map(String::from),
        1 => (0_u8..0x21).prop_map(|b| char::from(b).to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(WORDS).prop_map(str::to_owned),
        10 => prop::collection::vec(piece(), 0..7).prop_map(|pieces| pieces.concat()),
        1 => "[a-z]{125,132}",
        1 => "[a-zé🦀 #:\n-]{40,140}",
    ]
}

fn leaf() -> impl Strategy<Value = Node> {
    prop_oneof![
        1 => any::<bool>().prop_map(Node::Bool),
        1 => any::<i64>().prop_map(Node::Int),
        1 => (prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO)
            .prop_map(Node::Float),
        8 => text().prop_map(Node::Str),
    ]
}

fn tree() -> impl Strategy<Value = Node> {
    leaf().prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Node::List),
            prop::collection::vec((text(), inner), 0..6).prop_map(|entries| {
                Node::Map(
                    entries
                        .into_iter()
                        .fold(Map::new(), |m, (k, v)| m.with(k, v)),
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_in_every_place_match_libyaml(text in text()) {
        same_everywhere(&text);
    }

    #[test]
    fn random_trees_match_libyaml(node in tree()) {
        same(&node);
    }
}
