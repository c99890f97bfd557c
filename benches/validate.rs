//! Loading and validating long chains of conditions (and one very wide
//! condition): the cost must grow with the size of the definition, not with
//! its square. Figures are in `docs/performance.md`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use quire::questionnaire::Questionnaire;
use quire::questionnaire::generate::{Tail, chain, wide};
use std::hint::black_box;

/// Makes a definition of `n` questions.
type Shape = fn(usize) -> String;

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    let shapes: [(&str, Shape); 2] = [("chain", |n| chain(n, Tail::Valid)), ("wide", wide)];
    for (shape, make) in shapes {
        for n in [200, 1_600, 10_000] {
            let source = make(n);
            // Per question, so that linear growth shows as a flat line.
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(shape, n), &source, |b, s| {
                b.iter(|| Questionnaire::from_toml(black_box(s), "bench.toml").expect("valid"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
