//! The fuzz harness, on stable Rust: seeded mutations of the samples, each
//! run through everything a file reaches — the loader, the review, every
//! export and the scene of every view. Nothing may panic; a file that does
//! not load must give one printable line that names the file; and loading
//! never changes a file.
//!
//! Whatever the fast reader accepts, ron must accept to the same model.
//!
//! Mutations are structural (a number becomes `inf`, `NaN`, huge or
//! negative; a string becomes another string of the file, an empty one or
//! a hostile one; a line is dropped, doubled or moved; the text is cut) and
//! byte-level (bytes flipped, inserted, deleted). Every case is made from
//! its seed alone, so a failure names the seed that repeats it.
//!
//! `cargo test --test fuzz` runs 4,000 cases. The long run of
//! docs/RELIABILITY.md:
//! `ARCHDESK_FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture`
//! (`ARCHDESK_FUZZ_SEED=N` starts at another seed).

use std::panic::AssertUnwindSafe;
use std::path::Path;

use archdesk::export::{self, Format, Options};
use archdesk::{check, diagram, store};

mod common;

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A byte range of a text.
type Span = (usize, usize);

/// Where the number and string literals of a text are.
fn literals(text: &str) -> (Vec<Span>, Vec<Span>) {
    let b = text.as_bytes();
    let (mut numbers, mut strings) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            strings.push((start, (i + 1).min(b.len())));
        } else if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            numbers.push((start, i));
            continue;
        }
        i += 1;
    }
    (numbers, strings)
}

const NUMBERS: &[&str] = &[
    "inf",
    "-inf",
    "NaN",
    "1e39",
    "-1e39",
    "0",
    "-1",
    "4294967296",
    "18446744073709551616",
    "99999999999999999999",
    "0.000001",
    "65535",
    "1.5",
];
const STRINGS: &[&str] = &[
    "\"\"",
    "\"\\u{1b}[2J\\u{7}\"",
    "\"a\\nb\"",
    "\"\\u{202e}x\"",
    "\"x\\u{0}y\"",
    "\"💥\"",
    "\"'; DROP TABLE t; --\"",
    "\"true)); CREATE TABLE pwned (x int); --\"",
    "\"{id}\"",
    "\"/../../etc/passwd\"",
];

/// One mutated text, made from `seed` alone.
fn mutate(text: &str, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut s = text.to_owned();
    for _ in 0..1 + rng.below(3) {
        let (numbers, strings) = literals(&s);
        match rng.below(9) {
            0 | 1 if !numbers.is_empty() => {
                let (a, b) = numbers[rng.below(numbers.len())];
                s.replace_range(a..b, NUMBERS[rng.below(NUMBERS.len())]);
            }
            2 | 3 if strings.len() > 1 => {
                let (a, b) = strings[rng.below(strings.len())];
                let other = if rng.below(2) == 0 {
                    let (c, d) = strings[rng.below(strings.len())];
                    s[c..d].to_owned()
                } else {
                    STRINGS[rng.below(STRINGS.len())].to_owned()
                };
                s.replace_range(a..b, &other);
            }
            4 => {
                let lines: Vec<&str> = s.lines().collect();
                let i = rng.below(lines.len());
                let mut out: Vec<&str> = lines.clone();
                match rng.below(3) {
                    0 => {
                        out.remove(i);
                    }
                    1 => out.insert(i, lines[i]),
                    _ => {
                        let line = out.remove(i);
                        let j = rng.below(out.len() + 1);
                        out.insert(j, line);
                    }
                }
                s = out.join("\n");
            }
            5 => {
                let mut cut = rng.below(s.len());
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                s.truncate(cut);
            }
            _ => {
                // Bytes: flipped, inserted or deleted, anywhere.
                let mut bytes = s.into_bytes();
                for _ in 0..1 + rng.below(4) {
                    let at = rng.below(bytes.len());
                    match rng.below(3) {
                        0 if !bytes.is_empty() => bytes[at] ^= 1 << rng.below(8),
                        1 => bytes.insert(at, rng.next() as u8),
                        _ if !bytes.is_empty() => {
                            bytes.remove(at);
                        }
                        _ => {}
                    }
                }
                return bytes;
            }
        }
    }
    s.into_bytes()
}

/// What one case did.
#[derive(Default)]
struct Tally {
    cases: u64,
    loaded: u64,
    exports: u64,
    scenes: u64,
}

/// Runs one case through everything a file reaches; `Err` says what broke.
fn run_case(bytes: &[u8], file: &Path, tally: &mut Tally) -> Result<(), String> {
    let result = std::panic::catch_unwind(AssertUnwindSafe(|| {
        readers_agree(bytes)?;
        let doc = match store::parse_bytes(bytes, file) {
            Ok(doc) => doc,
            Err(e) => {
                let line = e.to_string();
                if !line.starts_with(&file.display().to_string()) {
                    return Err(format!("the error does not name the file: {line}"));
                }
                if line.chars().any(char::is_control) {
                    return Err(format!("the error is not one printable line: {line:?}"));
                }
                return Ok((false, 0, 0));
            }
        };
        let findings = check::check(&doc);
        let _ = cli_report(file, &findings);
        let mut exports = 0;
        for format in Format::ALL {
            if export::export(&doc, format, &Options::default()).is_ok() {
                exports += 1;
            }
        }
        let mut scenes = 0;
        for view in &doc.views {
            if diagram::scene_of(&doc, view).is_ok() {
                scenes += 1;
            }
        }
        Ok((true, exports, scenes))
    }));
    match result {
        Ok(Ok((loaded, exports, scenes))) => {
            tally.cases += 1;
            tally.loaded += u64::from(loaded);
            tally.exports += exports;
            tally.scenes += scenes;
            Ok(())
        }
        Ok(Err(e)) => Err(e),
        Err(panic) => Err(format!(
            "panicked: {}",
            panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default()
        )),
    }
}

/// Whatever the fast reader accepts, ron accepts, to the same model: the
/// fast reader only ever saves time.
fn readers_agree(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let Some(fast) = store::read::parse_plain(text) else {
        return Ok(());
    };
    match ron::Options::default().from_str::<archdesk::Document>(text) {
        // Debug text, as NaN positions are never equal to themselves.
        Ok(slow) if format!("{slow:?}") == format!("{fast:?}") => Ok(()),
        Ok(_) => Err("the fast reader and ron read different models".into()),
        Err(e) => Err(format!("the fast reader accepted what ron rejects: {e}")),
    }
}

/// The report `archdesk check` prints: it must be printable too.
fn cli_report(file: &Path, findings: &[check::Finding]) -> Result<(), String> {
    let report = archdesk::cli::human_report(file, findings);
    if report.chars().any(|c| c.is_control() && c != '\n') {
        return Err(format!("the report holds a control character: {report:?}"));
    }
    Ok(())
}

#[test]
fn mutated_samples_never_panic_and_fail_with_one_printable_line() {
    let cases: u64 = std::env::var("ARCHDESK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4_000);
    let first: u64 = std::env::var("ARCHDESK_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut samples: Vec<(String, String)> = common::sample_paths()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("sample");
            (
                p.file_name().expect("name").to_string_lossy().into_owned(),
                text,
            )
        })
        .collect();
    samples.push(("shop-placed.ron".into(), placed_shop()));
    // The panics a case's catch_unwind catches would print to stderr.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for seed in first..first + cases {
        let (name, text) = &samples[(seed % samples.len() as u64) as usize];
        let bytes = mutate(text, seed);
        let file = Path::new(name);
        if let Err(e) = run_case(&bytes, file, &mut tally) {
            failures.push(format!("seed {seed} ({name}): {e}"));
            if failures.len() >= 10 {
                break;
            }
        }
    }
    std::panic::set_hook(hook);
    assert!(
        failures.is_empty(),
        "{} of the cases failed (rerun one with ARCHDESK_FUZZ_SEED=N ARCHDESK_FUZZ_CASES=1):\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        tally.loaded > 0 && tally.loaded < tally.cases,
        "both kinds of case ran"
    );
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "{} cases from seed {first}: 0 panics; {} loaded, {} exports and {} scenes made",
            tally.cases, tally.loaded, tally.exports, tally.scenes
        );
    }
}

/// The shop sample with every element of every view at a saved position,
/// so that mutations reach positions too.
fn placed_shop() -> String {
    let mut doc = common::load_sample("shop");
    for i in 0..doc.views.len() {
        let scene = diagram::scene_of(&doc, &doc.views[i]).expect("scene");
        for n in &scene.nodes {
            doc.views[i].positions.insert(
                n.id.clone(),
                archdesk::model::Point::new(n.rect.x, n.rect.y),
            );
        }
    }
    store::to_ron(&doc).expect("text")
}

#[test]
fn the_same_seed_makes_the_same_case() {
    let text = std::fs::read_to_string(common::sample("shop")).expect("sample");
    for seed in [0, 1, 77, 123_456] {
        assert_eq!(mutate(&text, seed), mutate(&text, seed));
    }
    assert_ne!(mutate(&text, 1), mutate(&text, 2));
}
