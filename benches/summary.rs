//! `quire summary` over many reports: N reports (about 15 KB each) made by
//! varying the four published ones (each its own organization), written to
//! a folder, then collected, read, counted, searched and rendered.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use quire::questionnaire::Questionnaire;
use quire::summary::{self, render};
use std::path::Path;

const REPORTS: [&str; 4] = [
    "canada-school-of-public-service.flat.txt",
    "correctional-service-canada.txt",
    "privacy-commissioner-canada.txt",
    "public-safety-canada.txt",
];

/// Writes `n` reports into `dir`: the fixtures in turn, each under a new
/// organization name.
fn make(dir: &Path, n: usize) {
    let texts: Vec<String> = REPORTS
        .iter()
        .map(|r| {
            std::fs::read_to_string(format!("{}/tests/fixtures/{r}", env!("CARGO_MANIFEST_DIR")))
                .expect("fixture")
        })
        .collect();
    for k in 0..n {
        let text = &texts[k % texts.len()];
        let first = text.lines().next().expect("a first line");
        let body = text.replacen(first, &format!("Organization {k:05}"), 1);
        std::fs::write(dir.join(format!("{k:05}.txt")), body).expect("written");
    }
}

fn summarize(c: &mut Criterion) {
    let q = Questionnaire::builtin().expect("valid");
    let mut group = c.benchmark_group("summary");
    group.sample_size(10);
    for n in [100, 1000] {
        let dir = tempfile::tempdir().expect("temp dir");
        make(dir.path(), n);
        let paths = vec![dir.path().display().to_string()];
        group.throughput(criterion::Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &paths, |b, paths| {
            b.iter(|| {
                let collected = summary::collect(paths);
                let read = summary::load(&q, &collected.inputs, None);
                let s = summary::summarize(&q, &q.analysis.themes, read);
                render::render(&s, render::Format::Text)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, summarize);
criterion_main!(benches);
