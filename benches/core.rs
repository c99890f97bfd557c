//! Loading the built-in questionnaire, `fmt` (import + render) of each
//! published report, and rendering one report in each export format.

use criterion::{Criterion, criterion_group, criterion_main};
use quire::questionnaire::{BUILTIN_NAME, BUILTIN_SOURCE, Questionnaire};
use quire::report::formats::{self, Format};
use quire::report::{answers_file, import, render};
use std::hint::black_box;

const REPORTS: [&str; 4] = [
    "canada-school-of-public-service.flat.txt",
    "correctional-service-canada.txt",
    "privacy-commissioner-canada.txt",
    "public-safety-canada.txt",
];

fn load(c: &mut Criterion) {
    c.bench_function("load built-in questionnaire", |b| {
        b.iter(|| Questionnaire::from_toml(black_box(BUILTIN_SOURCE), BUILTIN_NAME))
    });
}

fn fmt(c: &mut Criterion) {
    let q = Questionnaire::builtin().expect("valid");
    let mut group = c.benchmark_group("fmt");
    for name in REPORTS {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("fixture");
        group.throughput(criterion::Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let imported = import(&q, black_box(&text)).expect("imports");
                render(&q, &imported.answers, imported.date)
            })
        });
    }
    group.finish();
}

/// Rendering one report in each export format (answers already read).
fn export_formats(c: &mut Criterion) {
    let q = Questionnaire::builtin().expect("valid");
    let path = format!(
        "{}/tests/fixtures/privacy-commissioner-canada.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture");
    let imported = import(&q, &text).expect("imports");
    let mut group = c.benchmark_group("export");
    for format in Format::ALL {
        group.bench_function(format.name(), |b| {
            b.iter(|| formats::render(format, &q, black_box(&imported.answers), imported.date))
        });
    }
    // Reading the JSON export back (`quire import`, `quire fill`).
    let json = formats::render(Format::Json, &q, &imported.answers, imported.date);
    group.bench_function("read json", |b| {
        b.iter(|| answers_file::read(&q, "x.json", black_box(&json)).expect("reads"))
    });
    group.finish();
}

criterion_group!(benches, load, fmt, export_formats);
criterion_main!(benches);
