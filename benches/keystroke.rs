//! One keystroke handled and the frame redrawn, in a 120×40 terminal, with a
//! 100 KB answer in the editor.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::model::Theme;
use quire::tui::{App, to_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_with_long_answer(dir: &std::path::Path) -> App {
    let q = Questionnaire::builtin().expect("valid");
    let store = DraftStore::open(dir).expect("store");
    let mut draft = Draft::new(
        DraftId::parse("bench-0001").expect("id"),
        &q,
        quire::draft::now(),
    );
    draft
        .answers
        .header
        .insert("organization".into(), "Benchmark".into());
    let paragraph =
        "Values and ethics conversations were held with every team in the region. ".repeat(12);
    let text = (0..115)
        .map(|i| {
            if i % 5 == 0 {
                format!("- item {i}: {paragraph}")
            } else {
                paragraph.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(text.len() > 100_000, "answer is {} bytes", text.len());
    draft.answers.set(FieldKey::main("q8"), Value::Text(text));
    draft.position = Some(FieldKey::main("q8"));
    store.save(&draft).expect("saved");
    let mut app = App::new(q, store, (120, 40), Theme { color: true });
    app.open("bench-0001");
    app
}

fn keystroke(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_with_long_answer(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| view::view(&app.model, f)).expect("draw");
    assert_eq!(app.model.mode(), quire::tui::keymap::Mode::Text);
    // A character, then Backspace: the answer stays at its size however
    // many iterations criterion runs.
    let keys = [
        Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
        Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
    ];
    let mut n = 0usize;
    c.bench_function("keystroke + redraw (120x40, 100 KB answer)", |b| {
        b.iter(|| {
            n += 1;
            let msg = to_msg(app.model.mode(), keys[n % 2].clone()).expect("typing");
            app.dispatch(msg, &mut |_| Err("no editor".into()));
            terminal.draw(|f| view::view(&app.model, f)).expect("draw");
        })
    });
}

/// The two halves apart, to see where the time goes.
fn halves(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut app = app_with_long_answer(dir.path());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let keys = [
        Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
        Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
    ];
    let mut n = 0usize;
    c.bench_function("keystroke only (100 KB answer)", |b| {
        b.iter(|| {
            n += 1;
            let msg = to_msg(app.model.mode(), keys[n % 2].clone()).expect("typing");
            app.dispatch(msg, &mut |_| Err("no editor".into()));
        })
    });
    c.bench_function("redraw only (120x40, 100 KB answer)", |b| {
        b.iter(|| {
            terminal.draw(|f| view::view(&app.model, f)).expect("draw");
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = keystroke, halves
}
criterion_main!(benches);
