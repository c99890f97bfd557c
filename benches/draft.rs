//! Saving a draft with 100 KB of answers: atomic write with fsync, plus the
//! history copy of the version it replaces. Autosave runs this after every
//! answer, so it must stay cheap.

use criterion::{Criterion, criterion_group, criterion_main};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;

fn draft_of_100_kb(q: &Questionnaire) -> Draft {
    let now = quire::draft::now();
    let mut d = Draft::new(DraftId::parse("bench-0001").expect("id"), q, now);
    let paragraph = "Values and ethics conversations were held with every team; ".repeat(20);
    let texts: Vec<&str> = ["q4", "q8", "q9", "q10", "q11", "q13"].to_vec();
    // 6 answers of ~17 KB each: ~100 KB in all.
    for id in texts {
        let text = (0..14)
            .map(|i| format!("{i}. {paragraph}"))
            .collect::<Vec<_>>()
            .join("\n\n");
        d.answers.set(FieldKey::main(id), Value::Text(text));
    }
    d
}

fn save(c: &mut Criterion) {
    let q = Questionnaire::builtin().expect("valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::open(dir.path()).expect("store");
    let mut draft = draft_of_100_kb(&q);
    let size = quire::draft::to_toml(&draft).len();
    assert!(size > 100_000, "draft is {size} bytes");
    let mut n = 0u64;
    c.bench_function("save draft (100 KB, atomic, fsync, history)", |b| {
        b.iter(|| {
            // A change each time, as when the user types: a save that
            // changes nothing writes nothing.
            n += 1;
            draft
                .answers
                .set(FieldKey::main("q13"), Value::Text(format!("edit {n}")));
            store.save(&draft).expect("saved");
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = save
}
criterion_main!(benches);
