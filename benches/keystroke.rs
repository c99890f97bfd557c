//! One keystroke handled and the frame redrawn, in a 120×40 terminal, with a
//! 100 KB answer in the editor, in each shape an answer takes: many
//! paragraphs, one paragraph, one word without spaces (a pasted blob).
//!
//! `cargo bench --bench keystroke`; one shape: `cargo bench --bench
//! keystroke -- 'one paragraph'`.

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::model::Theme;
use quire::tui::{App, to_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The answers, each over 100 KB.
fn shapes() -> Vec<(&'static str, String)> {
    let sentence = "Values and ethics conversations were held with every team in the region. ";
    let paragraph = sentence.repeat(12);
    let paragraphs = (0..115)
        .map(|i| {
            if i % 5 == 0 {
                format!("- item {i}: {paragraph}")
            } else {
                paragraph.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let one_paragraph = sentence.repeat(1_400);
    let one_word = "Qm9hcmRPZkRpcmVjdG9ycw".repeat(4_700);
    let shapes = vec![
        ("paragraphs", paragraphs),
        ("one paragraph", one_paragraph),
        ("one word", one_word),
    ];
    for (name, text) in &shapes {
        assert!(text.len() > 100_000, "{name} is {} bytes", text.len());
    }
    // What a frame costs with a short answer, for comparison.
    let mut shapes = shapes;
    shapes.push(("short (1 KB)", sentence.repeat(14)));
    shapes
}

fn app_with(dir: &std::path::Path, text: &str) -> App {
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
    draft
        .answers
        .set(FieldKey::main("q8"), Value::Text(text.to_owned()));
    draft.position = Some(FieldKey::main("q8"));
    store.save(&draft).expect("saved");
    let mut app = App::new(q, store, (120, 40), Theme { color: true });
    app.open("bench-0001");
    assert_eq!(app.model.mode(), quire::tui::keymap::Mode::Text);
    app
}

/// A character, then Backspace: the answer stays at its size however many
/// iterations criterion runs.
fn keys() -> [Event; 2] {
    [
        Event::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)),
        Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
    ]
}

fn keystroke(c: &mut Criterion) {
    for (name, text) in shapes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = app_with(dir.path(), &text);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| view::view(&app.model, f)).expect("draw");
        let keys = keys();
        let mut n = 0usize;
        c.bench_function(&format!("keystroke + redraw/{name}"), |b| {
            b.iter(|| {
                n += 1;
                let msg = to_msg(app.model.mode(), keys[n % 2].clone()).expect("typing");
                app.dispatch(msg, &mut |_| Err("no editor".into()));
                terminal.draw(|f| view::view(&app.model, f)).expect("draw");
            })
        });
    }
}

/// The two halves apart, to see where the time goes.
fn halves(c: &mut Criterion) {
    for (name, text) in shapes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut app = app_with(dir.path(), &text);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| view::view(&app.model, f)).expect("draw");
        let keys = keys();
        let mut n = 0usize;
        c.bench_function(&format!("keystroke only/{name}"), |b| {
            b.iter(|| {
                n += 1;
                let msg = to_msg(app.model.mode(), keys[n % 2].clone()).expect("typing");
                app.dispatch(msg, &mut |_| Err("no editor".into()));
            })
        });
        c.bench_function(&format!("redraw only/{name}"), |b| {
            b.iter(|| {
                terminal.draw(|f| view::view(&app.model, f)).expect("draw");
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = keystroke, halves
}
criterion_main!(benches);
