//! Long answers in the wizard at 120×40, in each shape (many paragraphs,
//! one paragraph, one word without spaces): the answer box shows the text
//! at the cursor wrapped as the whole answer would be, and "Prints as"
//! shows the printed text at the cursor, not the answer's beginning.
//! Saves made in the background report back and are all on disk at quit.

use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::model::{SaveState, Theme};
use quire::tui::msg::Msg;
use quire::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use rstest::rstest;

const ID: &str = "long-0001";

fn app_with(dir: &std::path::Path, text: &str) -> App {
    let q = Questionnaire::builtin().expect("valid");
    let store = DraftStore::open(dir).expect("store");
    let mut draft = Draft::new(DraftId::parse(ID).expect("id"), &q, quire::draft::now());
    draft
        .answers
        .header
        .insert("organization".into(), "Long Answers".into());
    draft
        .answers
        .set(FieldKey::main("q8"), Value::Text(text.to_owned()));
    draft.position = Some(FieldKey::main("q8"));
    store.save(&draft).expect("saved");
    let mut app = App::new(q, store, (120, 40), Theme { color: false });
    app.open(ID);
    app
}

/// Draws as the wizard does: once, then again if the editor's window was
/// cut before the box's width was known.
fn draw(app: &mut App, terminal: &mut Terminal<TestBackend>) -> Buffer {
    terminal.draw(|f| view::view(&app.model, f)).expect("draw");
    if app.settle_editor() {
        terminal.draw(|f| view::view(&app.model, f)).expect("draw");
    }
    terminal.backend().buffer().clone()
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol())
        .collect::<String>()
}

/// The rows inside the answer box (between its borders), and the rows of
/// the "Prints as" preview.
fn regions(buf: &Buffer) -> (Vec<String>, Vec<String>) {
    let rows: Vec<String> = (0..buf.area.height).map(|y| row(buf, y)).collect();
    let top = rows
        .iter()
        .position(|r| r.contains(" Your answer "))
        .expect("the answer box");
    let preview = rows
        .iter()
        .position(|r| r.contains(" Prints as "))
        .expect("the preview");
    let left = rows[top]
        .chars()
        .position(|c| c == '┌')
        .expect("box corner");
    let inside = |r: &String| -> String {
        let chars: Vec<char> = r.chars().collect();
        let start = left + 1;
        let end = chars[start..]
            .iter()
            .position(|&c| c == '│')
            .map_or(chars.len(), |i| start + i);
        chars[start..end].iter().collect()
    };
    let boxed = rows[top + 1..preview - 1].iter().map(inside).collect();
    // The preview runs to the status and key lines at the bottom.
    let printed = rows[preview + 1..rows.len() - 2]
        .iter()
        .map(|r| r.trim_end().to_owned())
        .collect();
    (boxed, printed)
}

fn shapes() -> Vec<(&'static str, String)> {
    let paragraphs = (0..1_600)
        .map(|i| format!("Paragraph {i}: values and ethics were discussed with the team."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let one_paragraph = "Values and ethics conversations were held with every team. ".repeat(1_800);
    let one_word = "Qm9hcmRPZkRpcmVjdG9ycw".repeat(4_700);
    vec![
        ("paragraphs", format!("{paragraphs}\n\nENDMARK")),
        ("one paragraph", format!("{one_paragraph}ENDMARK")),
        ("one word", format!("{one_word}ENDMARK")),
    ]
}

#[rstest]
#[case(0)]
#[case(1)]
#[case(2)]
fn prints_as_shows_the_printed_text_at_the_cursor_at_the_end_of_a_long_answer(
    #[case] shape: usize,
) {
    let (name, text) = shapes().swap_remove(shape);
    assert!(text.len() > 100_000, "{name}");
    let tmp = tempfile::tempdir().expect("tmp");
    let mut app = app_with(tmp.path(), &text);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let buf = draw(&mut app, &mut terminal);
    let (boxed, printed) = regions(&buf);
    let joined: String = printed.iter().map(|r| r.trim_end()).collect();
    assert!(
        joined.contains("ENDMARK"),
        "{name}: the preview shows the end, where the cursor is:\n{}",
        printed.join("\n")
    );
    assert!(
        !joined.contains("Paragraph 0:") && !joined.contains("Paragraph 1:"),
        "{name}: not the beginning:\n{}",
        printed.join("\n")
    );
    assert!(
        boxed
            .iter()
            .map(|r| r.trim_end())
            .collect::<String>()
            .contains("ENDMARK"),
        "{name}: the box shows the cursor's text"
    );
    // Typing at the cursor shows in both at once.
    app.dispatch(Msg::Typed("!".into()), &mut |_| Err("no editor".into()));
    let buf = draw(&mut app, &mut terminal);
    let (boxed, printed) = regions(&buf);
    let flat = |rows: &[String]| rows.iter().map(|r| r.trim_end()).collect::<String>();
    assert!(flat(&printed).contains("ENDMARK!"), "{name}");
    assert!(flat(&boxed).contains("ENDMARK!"), "{name}");
}

#[rstest]
#[case(1)]
#[case(2)]
fn a_long_paragraph_is_drawn_in_the_box_as_the_whole_of_it_would_be(#[case] shape: usize) {
    let (name, text) = shapes().swap_remove(shape);
    let tmp = tempfile::tempdir().expect("tmp");
    let mut app = app_with(tmp.path(), &text);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let buf = draw(&mut app, &mut terminal);
    let (boxed, _) = regions(&buf);
    // The whole answer in one editor, as before windows, at the box's size.
    let (w, h) = (boxed[0].chars().count() as u16, boxed.len() as u16);
    let mut whole = ratatui_textarea::TextArea::new(vec![text.clone()]);
    whole.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    whole.move_cursor(ratatui_textarea::CursorMove::End);
    let rect = ratatui::layout::Rect::new(0, 0, w, h);
    let mut expected = Buffer::empty(rect);
    ratatui::widgets::Widget::render(&whole, rect, &mut expected);
    let expected: Vec<String> = (0..h).map(|y| row(&expected, y)).collect();
    assert_eq!(boxed, expected, "{name}");
}

#[test]
fn saves_in_the_background_report_back_and_quitting_waits_for_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut app = app_with(tmp.path(), "Short answer.");
    let (tx, saved) = std::sync::mpsc::channel();
    app.shell.save_in_background(move |s| {
        let _ = tx.send(s);
    });
    let mut no_editor = |_: &str| Err("no editor".to_owned());
    app.dispatch(Msg::Typed(" More.".into()), &mut no_editor);
    let later = app.model.now + chrono::Duration::seconds(2);
    app.dispatch(Msg::Tick(later), &mut no_editor);
    let session = app.model.session().expect("open");
    assert_eq!(session.save, SaveState::Pending, "saving, not saved yet");
    // The result comes back as a message, as the loop delivers it.
    let result = saved.recv().expect("a result");
    assert_eq!(result, Ok(later));
    app.dispatch(Msg::Saved(result), &mut no_editor);
    let session = app.model.session().expect("open");
    assert_eq!(session.save, SaveState::Saved(later));
    // Typed, then quit at once: the quit's save is on disk when quitting
    // returns.
    app.dispatch(Msg::Typed(" Last.".into()), &mut no_editor);
    assert!(app.dispatch(Msg::Quit, &mut no_editor));
    assert!(app.shell.rescued.is_none());
    let store = DraftStore::open(tmp.path()).expect("store");
    let draft = store.load(&DraftId::parse(ID).expect("id")).expect("loads");
    assert_eq!(
        draft.answers.get(&FieldKey::main("q8")),
        Some(&Value::Text("Short answer. More. Last.".into()))
    );
}
