//! Exports: every format (`archdesk::export::export`, which checks the model
//! first, as the command line and the editor do) on a generated model of
//! 1,000 tables and 500 endpoints, with its views laid out and saved; SVG
//! writes every view. Also the check alone, which each export includes.
//! Target: all exports together in at most 100 ms.
//!
//! Each export must succeed with the files the model calls for (one per
//! database, API or view); run once by `cargo test`, that is checked.

mod support;

use std::hint::black_box;

use archdesk::export::{self, Format, Options};
use archdesk::{check, generate};
use criterion::{Criterion, criterion_group, criterion_main};

const SEED: u64 = 2024;

#[allow(clippy::print_stdout)]
fn exports(c: &mut Criterion) {
    let mut spec = generate::Spec::elements(1_000);
    spec.tables = 1_000;
    spec.endpoints = 500;
    let doc = generate::model_with(SEED, &spec);
    support::record(
        "export-model",
        &format!(
            "{} tables, {} endpoints, {} views, {} elements",
            doc.entities.len(),
            doc.apis.iter().map(|a| a.endpoints.len()).sum::<usize>(),
            doc.views.len(),
            generate::element_count(&doc)
        ),
    );
    let options = Options::default();
    let mut group = c.benchmark_group("export");
    group.sample_size(20);
    group.bench_function("check", |b| b.iter(|| check::check(black_box(&doc))));
    let databases = doc
        .entities
        .iter()
        .map(|e| e.store.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    for format in Format::ALL {
        let artifacts = export::export(&doc, format, &options)
            .unwrap_or_else(|e| panic!("export/{format} refused the generated model: {e}"));
        let expected = match format {
            Format::Postgres | Format::Mysql | Format::Sqlite => databases,
            Format::Openapi | Format::OpenapiJson => doc.apis.len(),
            Format::Svg => doc.views.len(),
        };
        assert_eq!(artifacts.len(), expected, "export/{format}: one file each");
        support::record(
            &format!("export-{format}-output"),
            &format!(
                "{} files, {:.1} MiB",
                artifacts.len(),
                artifacts.iter().map(|a| a.text.len()).sum::<usize>() as f64 / (1024.0 * 1024.0)
            ),
        );
        group.bench_function(format.name(), |b| {
            b.iter(|| export::export(black_box(&doc), format, &options));
        });
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
