//! Saving and opening drafts. A whole save of a draft with 100 KB of
//! answers: atomic write with fsync, plus the history copy of the version it
//! replaces. An autosave of a draft with one 5 MB answer, through the
//! journal, against writing it whole. Opening a 100 KB draft.

use criterion::{Criterion, criterion_group, criterion_main};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore, DraftWriter, SaveReason};
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

/// One answer of `bytes` bytes, in paragraphs.
fn draft_with_one_answer(q: &Questionnaire, id: &str, bytes: usize, paragraphs: bool) -> Draft {
    let now = quire::draft::now();
    let mut d = Draft::new(DraftId::parse(id).expect("id"), q, now);
    let sentence = "Values and ethics conversations were held with every team. ";
    let mut text = String::new();
    while text.len() < bytes {
        text.push_str(sentence);
        if paragraphs && text.len() % 1500 < sentence.len() {
            text.push_str("\n\n");
        }
    }
    d.answers.set(FieldKey::main("q8"), Value::Text(text));
    d
}

fn type_a_word(draft: &mut Draft) {
    let key = FieldKey::main("q8");
    if let Some(Value::Text(mut t)) = draft.answers.remove(&key) {
        t.push_str("word ");
        draft.answers.set(key, Value::Text(t));
    }
}

fn autosave(c: &mut Criterion) {
    let q = Questionnaire::builtin().expect("valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::open(dir.path()).expect("store");
    let mut draft = draft_with_one_answer(&q, "big-0001", 5 << 20, true);
    let lock = store.lock(&draft.id).expect("lock");
    let mut writer = DraftWriter::create(&store, lock, &draft, SaveReason::Create).expect("create");
    let mut group = c.benchmark_group("autosave, 5 MB answer");
    group.bench_function("journal (append the change, fsync)", |b| {
        b.iter(|| {
            // A word typed at the end, as the wizard saves it.
            type_a_word(&mut draft);
            writer.save(&draft, SaveReason::Pause).expect("saved");
        })
    });
    drop(writer);
    let whole = draft_with_one_answer(&q, "whole-0001", 5 << 20, true);
    let mut draft = whole;
    group.bench_function("whole draft (before the journal)", |b| {
        b.iter(|| {
            type_a_word(&mut draft);
            store.save(&draft).expect("saved");
        })
    });
    group.finish();
}

fn open(c: &mut Criterion) {
    let q = Questionnaire::builtin().expect("valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::open(dir.path()).expect("store");
    let mut group = c.benchmark_group("open a 100 KB draft");
    for (name, paragraphs) in [("in paragraphs", true), ("one paragraph", false)] {
        let d = draft_with_one_answer(&q, "open-0001", 100_000, paragraphs);
        store.save(&d).expect("saved");
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut draft = store.load(&d.id).expect("load");
                quire::draft::reconcile(&mut draft, &q);
                draft
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = save, autosave, open
}
criterion_main!(benches);
