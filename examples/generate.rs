//! Writes a made-up model of N elements to standard output, for trying the
//! editor, the exports and the benchmarks on a big file:
//!
//! ```sh
//! cargo run --release --example generate -- 1000 > big.ron
//! cargo run --release --example generate -- 10000 --seed 7 > huge.ron
//! ```
//!
//! The same N and seed always give the same file (`archdesk::generate`).
//! With `--one-view`, the model is one view of N elements with 1.5 × N
//! arrows, every element placed: what the canvas benchmark paints.

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage: generate ELEMENTS [--seed N] [--no-positions | --one-view]";

fn main() -> ExitCode {
    let mut elements: Option<usize> = None;
    let mut seed = 1_u64;
    let mut positions = true;
    let mut one_view = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage("--seed needs a whole number"),
            },
            "--no-positions" => positions = false,
            "--one-view" => one_view = true,
            "-h" | "--help" => return usage(""),
            other => match other.replace(['_', ','], "").parse() {
                Ok(n) if elements.is_none() => elements = Some(n),
                _ => return usage(&format!("unexpected argument {other:?}")),
            },
        }
    }
    let Some(elements) = elements else {
        return usage("give the number of elements");
    };
    let doc = if one_view {
        archdesk::generate::single_view(seed, elements)
    } else {
        let mut spec = archdesk::generate::Spec::elements(elements);
        spec.positions = positions;
        archdesk::generate::model_with(seed, &spec)
    };
    let text = archdesk::store::to_ron(&doc).expect("the model turns into text");
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    let mut err = std::io::stderr().lock();
    if !problem.is_empty() {
        let _ = writeln!(err, "generate: {problem}");
    }
    let _ = writeln!(err, "{USAGE}");
    ExitCode::from(2)
}
