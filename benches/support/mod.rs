//! What the benchmarks share: whether criterion is measuring or only
//! testing (`cargo test --benches` runs each benchmark once, in a debug
//! build, so setups shrink there), and a place for the numbers criterion
//! does not keep (peak memory, crossings, Graphviz times), which
//! `examples/bench_report.rs` puts in the table of docs/PERFORMANCE.md.

#![allow(dead_code)]

use std::path::PathBuf;

/// The allocator the archdesk binary uses (src/main.rs), so the benchmarks
/// measure what a user runs: the library itself sets none.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Whether this is a measuring run (`cargo bench`), not a test run.
pub fn measuring() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test")
}

/// Where criterion writes (as it finds it), and in it our extra numbers.
pub fn extra_dir() -> PathBuf {
    let criterion = if let Some(home) = std::env::var_os("CRITERION_HOME") {
        PathBuf::from(home)
    } else if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        PathBuf::from(target).join("criterion")
    } else {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("criterion")
    };
    criterion.join("archdesk-extra")
}

/// Prints a number that criterion does not measure, and, when measuring,
/// keeps it as `NAME.txt` for the report.
#[allow(clippy::print_stdout)]
pub fn record(name: &str, value: &str) {
    println!("{name}: {value}");
    if measuring() {
        let dir = extra_dir();
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(format!("{name}.txt")), value);
        }
    }
}
