//! The file: loading (`store::load`: read and parse, with the integrity
//! checks), parsing alone (`store::parse`), writing the text
//! (`store::to_ron`) and saving (`store::save`: temporary file, fsync,
//! backup of the previous file, rename) of generated models of 1,000 and
//! 10,000 elements (`archdesk::generate::model`), and the peak memory of
//! a fresh process that loads the file, and of one that loads it and saves
//! it again (VmHWM from /proc/self/status, Linux only), and the difference
//! (`model::diff`) between a model and a copy with one item in twenty
//! changed. Targets: load, save and diff of 10,000 elements in at most
//! 100 ms each, at most 150 MB.
//!
//! Each memory measurement runs this benchmark's own executable again with
//! `ARCHDESK_BENCH_PROBE` set, so nothing else in the process counts.

mod support;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use archdesk::{generate, store};
use criterion::{BatchSize, BenchmarkId, Criterion};

const SEED: u64 = 2024;
const PROBE: &str = "ARCHDESK_BENCH_PROBE";

fn main() {
    if let Ok(probe) = std::env::var(PROBE) {
        std::process::exit(run_probe(&probe));
    }
    let mut c = Criterion::default().configure_from_args();
    file(&mut c);
    c.final_summary();
}

/// The memory figures of this process, in KiB, by /proc/self/status name.
fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// In a child process: `load PATH` loads the file; `save PATH` loads it and
/// saves it beside itself. Prints the peak resident set (VmHWM) in KiB.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn run_probe(probe: &str) -> i32 {
    let (what, path) = probe.split_once(' ').unwrap_or((probe, ""));
    let path = Path::new(path);
    let doc = match store::load(path) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("probe: {e}");
            return 1;
        }
    };
    if what == "save" {
        let target = path.with_extension("saved.ron");
        if let Err(e) = store::save(&target, black_box(&doc)) {
            eprintln!("probe: {e}");
            return 1;
        }
    }
    match status_kib("VmHWM") {
        Some(kib) => {
            println!("VmHWM {kib}");
            0
        }
        None => 2,
    }
}

/// Runs a probe in a fresh process; its peak memory in MiB.
fn peak_mib(what: &str, path: &Path) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .env(PROBE, format!("{what} {}", path.display()))
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let kib: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM "))?
        .trim()
        .parse()
        .ok()?;
    Some(kib / 1024.0)
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("archdesk-bench-file-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

#[allow(clippy::print_stdout)]
fn file(c: &mut Criterion) {
    let sizes: &[usize] = if support::measuring() {
        &[1_000, 10_000]
    } else {
        &[1_000]
    };
    let dir = scratch_dir();
    let mut group = c.benchmark_group("file");
    group.sample_size(20);
    for &n in sizes {
        let doc = generate::model(SEED, n);
        let text = store::to_ron(&doc).expect("the model turns into text");
        let path = dir.join(format!("model-{n}.ron"));
        std::fs::write(&path, &text)
            .unwrap_or_else(|e| panic!("file: cannot write {}: {e}", path.display()));
        support::record(
            &format!("file-size-{n}-mib"),
            &format!("{:.1}", text.len() as f64 / (1024.0 * 1024.0)),
        );
        // Load and parse end when the model is ready; freeing it is timed on
        // its own ("drop"): the editor frees a replaced model on another
        // thread, and the command line when it exits.
        group.bench_with_input(BenchmarkId::new("load", n), &n, |b, _| {
            b.iter_with_large_drop(|| store::load(black_box(&path)));
        });
        group.bench_with_input(BenchmarkId::new("parse", n), &n, |b, _| {
            b.iter_with_large_drop(|| store::parse(black_box(&text), &path));
        });
        group.bench_with_input(BenchmarkId::new("drop", n), &n, |b, _| {
            b.iter_batched(|| doc.clone(), drop, BatchSize::LargeInput);
        });
        group.bench_with_input(BenchmarkId::new("to_ron", n), &n, |b, _| {
            b.iter(|| store::to_ron(black_box(&doc)).expect("the model turns into text"));
        });
        let target = dir.join(format!("saved-{n}.ron"));
        group.bench_with_input(BenchmarkId::new("save", n), &n, |b, _| {
            b.iter(|| store::save(black_box(&target), black_box(&doc)));
        });
        // Two versions of the model, one item in twenty changed (a
        // container's technology, a relationship's words, an entity's last
        // column dropped): what a week's pull request might hold.
        let mut changed = doc.clone();
        for c in changed.containers.iter_mut().step_by(20) {
            c.technology.push_str(" 2");
        }
        for r in changed.relationships.iter_mut().step_by(20) {
            r.description.push_str(", and more");
        }
        for e in changed.entities.iter_mut().step_by(20) {
            e.fields.pop();
        }
        let d = archdesk::model::diff::diff(&doc, &changed);
        assert!(
            d.items.len() * 15 >= generate::element_count(&doc),
            "file: the changed model differs in {} items",
            d.items.len()
        );
        group.bench_with_input(BenchmarkId::new("diff", n), &n, |b, _| {
            b.iter(|| archdesk::model::diff::diff(black_box(&doc), black_box(&changed)));
        });
        for what in ["load", "save"] {
            match peak_mib(what, &path) {
                Some(mib) => {
                    support::record(&format!("file-rss-{what}-{n}-mib"), &format!("{mib:.0}"));
                }
                None => println!(
                    "file: the peak memory of {what} could not be measured (needs Linux /proc)"
                ),
            }
        }
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}
