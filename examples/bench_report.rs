//! The tables of docs/PERFORMANCE.md, from the last `cargo bench` run:
//! criterion's medians (`target/criterion/GROUP/…/new/estimates.json`) and
//! the numbers the benchmarks keep beside them (`archdesk-extra/*.txt`:
//! peak memory, crossings). Prints Markdown to standard output.
//!
//! ```sh
//! cargo bench && cargo run --release --example bench_report
//! ```
//! (`scripts/bench` does both.) A benchmark that has not run shows as “–”.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Where criterion wrote: as the benchmarks find it.
fn criterion_dir() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        PathBuf::from(home)
    } else if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        PathBuf::from(target).join("criterion")
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("criterion")
    }
}

/// A median and its median absolute deviation, in milliseconds.
#[derive(Clone, Copy)]
struct Median {
    ms: f64,
    mad_ms: f64,
}

struct Report {
    dir: PathBuf,
}

impl Report {
    fn median(&self, id: &str) -> Option<Median> {
        let path = self.dir.join(id).join("new").join("estimates.json");
        let text = std::fs::read_to_string(path).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        let ns = |key: &str| json.get(key)?.get("point_estimate")?.as_f64();
        Some(Median {
            ms: ns("median")? / 1e6,
            mad_ms: ns("median_abs_dev").unwrap_or(0.0) / 1e6,
        })
    }

    fn extra(&self, name: &str) -> Option<String> {
        let path = self.dir.join("archdesk-extra").join(format!("{name}.txt"));
        std::fs::read_to_string(path)
            .ok()
            .map(|s| s.trim().to_owned())
    }

    fn extra_f64(&self, name: &str) -> Option<f64> {
        self.extra(name)?.parse().ok()
    }
}

/// `1.23 ms ± 0.04`, in the unit that suits.
fn time(m: Option<Median>) -> String {
    let Some(m) = m else {
        return "–".to_owned();
    };
    if m.ms < 1.0 {
        format!("{:.0} µs ± {:.0}", m.ms * 1000.0, m.mad_ms * 1000.0)
    } else if m.ms < 100.0 {
        format!("{:.2} ms ± {:.2}", m.ms, m.mad_ms)
    } else {
        format!("{:.0} ms ± {:.0}", m.ms, m.mad_ms)
    }
}

/// A single time (no spread), in the unit that suits.
fn one_time(ms: f64) -> String {
    if ms < 100.0 {
        format!("{ms:.1} ms")
    } else if ms < 10_000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "–".to_owned())
}

/// `met (0.42× the target)` or `missed (3.1× the target)`.
fn verdict(value: Option<f64>, target: f64) -> String {
    match value {
        Some(v) if v <= target => format!("met ({:.2}× the target)", v / target),
        Some(v) => format!("**missed** ({:.2}× the target)", v / target),
        None => "not measured".to_owned(),
    }
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or_else(|| "unknown CPU".to_owned(), |(_, m)| m.trim().to_owned());
    let cpus = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or_else(String::new, |kib| {
            format!(", {:.0} GiB RAM", kib / (1024.0 * 1024.0))
        });
    let rustc = std::process::Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("{model}, {cpus} logical CPUs{mem_gib}; {rustc}")
}

fn main() -> ExitCode {
    let r = Report {
        dir: criterion_dir(),
    };
    let mut s = String::new();
    let _ = writeln!(s, "Machine: {}.\n", machine());

    // The canvas.
    let _ = writeln!(
        s,
        "### The editor: one frame (egui run + tessellation, no GPU)\n\n| Elements in the view | Fit to screen | 100 %, panning |\n|---:|---:|---:|"
    );
    for n in [200, 1000, 5000, 20000] {
        let _ = writeln!(
            s,
            "| {n} | {} | {} |",
            time(r.median(&format!("canvas/fit/{n}"))),
            time(r.median(&format!("canvas/pan-100%/{n}")))
        );
    }

    // The latency of an edit.
    let _ = writeln!(
        s,
        "\n### The editor: an edit on a 10,000-element model, to the next finished frame\n\nFrom the command (as the inspector or the arrow keys send it) to the end of the frame that shows the result; the review runs on its own thread, and the last row waits for its findings too.\n\n| Edit | Median |\n|---|---:|"
    );
    for (what, id) in [
        ("Rename (typing in the inspector)", "edit/rename/10000"),
        ("Move one element by a grid step", "edit/move/10000"),
        (
            "Rename, until the problems panel is up to date",
            "edit/rename-reviewed/10000",
        ),
    ] {
        let _ = writeln!(s, "| {what} | {} |", time(r.median(id)));
    }

    // The file.
    let _ = writeln!(
        s,
        "\n### The file\n\nLoad and parse end when the model is ready; freeing a model is timed on its own (the editor frees a replaced model on another thread).\n\n| Elements | File | Load | Parse | Write text | Save | Free the model | Peak memory: load | Peak memory: load + save |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for n in [1000, 10000] {
        let _ = writeln!(
            s,
            "| {n} | {} MiB | {} | {} | {} | {} | {} | {} MiB | {} MiB |",
            or_dash(r.extra(&format!("file-size-{n}-mib"))),
            time(r.median(&format!("file/load/{n}"))),
            time(r.median(&format!("file/parse/{n}"))),
            time(r.median(&format!("file/to_ron/{n}"))),
            time(r.median(&format!("file/save/{n}"))),
            time(r.median(&format!("file/drop/{n}"))),
            or_dash(r.extra(&format!("file-rss-load-{n}-mib"))),
            or_dash(r.extra(&format!("file-rss-save-{n}-mib"))),
        );
    }

    // Exports.
    let _ = writeln!(
        s,
        "\n### Exports ({})\n\nEach export first asks `check::errors`, as the command line and the editor do; the first row is the whole check, as `archdesk check` runs it.\n\n| Format | Median | Output |\n|---|---:|---|",
        or_dash(r.extra("export-model"))
    );
    let _ = writeln!(s, "| (check only) | {} | |", time(r.median("export/check")));
    let mut total = Some(0.0);
    for f in [
        "postgres",
        "mysql",
        "sqlite",
        "openapi",
        "openapi-json",
        "svg",
    ] {
        let m = r.median(&format!("export/{f}"));
        total = total.zip(m).map(|(t, m)| t + m.ms);
        let _ = writeln!(
            s,
            "| {f} | {} | {} |",
            time(m),
            or_dash(r.extra(&format!("export-{f}-output")))
        );
    }
    let _ = writeln!(
        s,
        "| **all six** | **{}** | |",
        total.map_or_else(|| "–".to_owned(), |t| format!("{t:.0} ms"))
    );

    // Layout.
    let _ = writeln!(
        s,
        "\n### Layout against Graphviz `dot`, same graph, same run\n\n`dot -Tplain` includes starting the process ({} for an empty graph). Crossings: pairs of edges whose straight segments between node centres cross, counted the same way for both.\n\n| Nodes | archdesk | dot | Time ratio | Crossings: archdesk | Crossings: dot | Crossings ratio |\n|---:|---:|---:|---:|---:|---:|---:|",
        time(r.median("layout-vs-dot/dot-startup"))
    );
    let mut layout_ratios = Vec::new();
    for n in [50, 200, 500, 1000] {
        let ours = r.median(&format!("layout-vs-dot/archdesk/{n}"));
        let dot = r.median(&format!("layout-vs-dot/dot/{n}"));
        let ratio = ours.zip(dot).map(|(a, b)| a.ms / b.ms);
        let c_ours = r.extra_f64(&format!("layout-crossings-archdesk-{n}"));
        let c_dot = r.extra_f64(&format!("layout-crossings-dot-{n}"));
        let c_ratio = c_ours.zip(c_dot).map(|(a, b)| a / b.max(1.0));
        layout_ratios.push((n, ratio, c_ratio));
        let _ = writeln!(
            s,
            "| {n} | {} | {} | {} | {} | {} | {} |",
            time(ours),
            time(dot),
            ratio.map_or_else(|| "–".to_owned(), |x| format!("{x:.2}")),
            c_ours.map_or_else(|| "–".to_owned(), |x| format!("{x:.0}")),
            c_dot.map_or_else(|| "–".to_owned(), |x| format!("{x:.0}")),
            c_ratio.map_or_else(|| "–".to_owned(), |x| format!("{x:.2}")),
        );
    }
    let _ = writeln!(
        s,
        "\n#### Before: layout-rs 0.1.3 alone, as archdesk first drove it\n\nThe same graphs, with cycles broken and edges in topological order (its exponential validation off). Median of three runs below 500 nodes, one run from there.\n\n| Nodes | layout-rs | archdesk | archdesk faster by | Crossings: layout-rs | Crossings: archdesk | Crossings: dot |\n|---:|---:|---:|---:|---:|---:|---:|"
    );
    for n in [50, 200, 500, 1000] {
        let before = r.extra_f64(&format!("layout-rs-ms-{n}"));
        let after = r.median(&format!("layout-vs-dot/archdesk/{n}"));
        let dash = || "–".to_owned();
        let _ = writeln!(
            s,
            "| {n} | {} | {} | {} | {} | {} | {} |",
            before.map_or_else(dash, one_time),
            time(after),
            before
                .zip(after)
                .map_or_else(dash, |(b, a)| format!("{:.0}×", b / a.ms)),
            or_dash(r.extra(&format!("layout-crossings-layout-rs-{n}"))),
            or_dash(r.extra(&format!("layout-crossings-archdesk-{n}"))),
            or_dash(r.extra(&format!("layout-crossings-dot-{n}"))),
        );
    }
    let seeds_ours = r.extra_f64("layout-crossings-archdesk-200-seeds-1-10");
    let seeds_dot = r.extra_f64("layout-crossings-dot-200-seeds-1-10");
    if let (Some(a), Some(b)) = (seeds_ours, seeds_dot) {
        let _ = writeln!(
            s,
            "\nOver ten other 200-node graphs (seeds 1–10): archdesk {a:.0} crossings, dot {b:.0}, ratio {:.2}.",
            a / b.max(1.0)
        );
    }

    // Targets.
    let ms = |id: &str| r.median(id).map(|m| m.ms);
    let worst = |ids: &[&str]| {
        ids.iter()
            .map(|id| ms(id))
            .try_fold(0.0_f64, |acc, v| v.map(|v| acc.max(v)))
    };
    let _ = writeln!(
        s,
        "\n### Targets\n\n| Target | Where it stands |\n|---|---|"
    );
    let rss = r
        .extra_f64("file-rss-load-10000-mib")
        .zip(r.extra_f64("file-rss-save-10000-mib"))
        .map(|(a, b)| a.max(b));
    let targets = [
        (
            "Frame ≤ 1 ms at 200 elements (slower of fit and pan)",
            worst(&["canvas/fit/200", "canvas/pan-100%/200"]),
            1.0,
        ),
        (
            "Frame ≤ 4 ms at 5,000 elements, fit to screen",
            ms("canvas/fit/5000"),
            4.0,
        ),
        (
            "Frame ≤ 4 ms at 5,000 elements, 100 % panning",
            ms("canvas/pan-100%/5000"),
            4.0,
        ),
        (
            "Frame ≤ 8 ms at 20,000 elements (slower of fit and pan)",
            worst(&["canvas/fit/20000", "canvas/pan-100%/20000"]),
            8.0,
        ),
        (
            "Rename ≤ 16 ms to the next frame, 10,000 elements",
            ms("edit/rename/10000"),
            16.0,
        ),
        (
            "Move ≤ 16 ms to the next frame, 10,000 elements",
            ms("edit/move/10000"),
            16.0,
        ),
        (
            "Load ≤ 100 ms, 10,000 elements",
            ms("file/load/10000"),
            100.0,
        ),
        (
            "Save ≤ 100 ms, 10,000 elements",
            ms("file/save/10000"),
            100.0,
        ),
        (
            "Diff ≤ 100 ms, 10,000 elements, one item in twenty changed",
            ms("file/diff/10000"),
            100.0,
        ),
        (
            "Peak memory ≤ 150 MB (150 MB = 143 MiB), 10,000 elements",
            rss,
            150.0 * 1e6 / (1024.0 * 1024.0),
        ),
        ("All exports ≤ 100 ms, 1,000 tables", total, 100.0),
    ];
    for (label, value, limit) in targets {
        let _ = writeln!(s, "| {label} | {} |", verdict(value, limit));
    }
    for (n, ratio, c_ratio) in layout_ratios {
        if n == 200 || n == 1000 {
            let _ = writeln!(
                s,
                "| Layout of {n} nodes not slower than dot | {} |",
                verdict(ratio, 1.0)
            );
            let _ = writeln!(
                s,
                "| Layout of {n} nodes ≤ 1.1× dot's crossings | {} |",
                verdict(c_ratio, 1.1)
            );
        }
    }
    let mut out = std::io::stdout().lock();
    if out.write_all(s.as_bytes()).is_err() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
