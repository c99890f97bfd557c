//! Screen snapshots of the real wizard: `App` on a temporary drafts
//! folder, driven by key events through the key map, drawn on a test
//! backend. Each snapshot is the screen's text followed by the runs of
//! reversed cells (selection, cursor, highlighted outline line), which the
//! text alone cannot show. The harness is `tests/common/app.rs`.

mod common;

use chrono::DateTime;
use common::app::{
    CTRL, NONE, Result, answer_everything, app_in, drawn, event, key, keys, new_session,
    on_question, pause, press, screen, type_text,
};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::model::Showing;
use quire::tui::msg::Msg;
use quire::tui::{App, to_msg};
use tempfile::TempDir;

#[test]
fn start_with_no_drafts_asks_for_the_organization() -> Result {
    let dir = TempDir::new()?;
    let mut app = app_in(&dir, 80, 24)?;
    insta::assert_snapshot!("start_new_assessment_prompt", screen(&app));
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("start_organization_required", screen(&app));
    key(&mut app, KeyCode::Esc);
    insta::assert_snapshot!("start_no_drafts", screen(&app));
    Ok(())
}

fn stored_draft(
    store: &DraftStore,
    id: &str,
    organization: &str,
    updated: &str,
    answers: &[(&str, &str)],
) -> Result {
    let q = Questionnaire::builtin()?;
    let updated = DateTime::parse_from_rfc3339(updated)?;
    let mut draft = Draft::new(DraftId::parse(id).expect("id"), &q, updated);
    draft
        .answers
        .header
        .insert("organization".into(), organization.into());
    for (question, option) in answers {
        draft.answers.set(
            FieldKey::main(question),
            Value::Choice(vec![Chosen::Option((*option).into())]),
        );
    }
    store.save(&draft)?;
    Ok(())
}

#[test]
fn start_lists_two_drafts() -> Result {
    let dir = TempDir::new()?;
    let store = DraftStore::open(dir.path().join("drafts"))?;
    stored_draft(
        &store,
        "public-safety-canada-7f3a",
        "Public Safety Canada",
        "2024-11-04T09:30:00-05:00",
        &[("q1", "yes"), ("q2", "yes"), ("q3", "reviewed")],
    )?;
    stored_draft(
        &store,
        "canada-school-of-public-service-01c2",
        "Canada School of Public Service",
        "2024-11-05T11:15:00-05:00",
        &[],
    )?;
    let mut app = app_in(&dir, 80, 24)?;
    insta::assert_snapshot!("start_two_drafts", screen(&app));
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!("start_two_drafts_second_selected", screen(&app));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.model.showing(), Showing::Question);
    assert_eq!(
        app.model.draft_id().map(DraftId::as_str),
        Some("public-safety-canada-7f3a")
    );
    Ok(())
}

#[test]
fn yes_no_question() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    insta::assert_snapshot!("q1_yes_no_unanswered", screen(&app));
    key(&mut app, KeyCode::Char(' '));
    insta::assert_snapshot!("q1_yes_no_yes", screen(&app));
    Ok(())
}

#[test]
fn no_on_q1_makes_the_follow_up_required() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    insta::assert_snapshot!("q1_no_follow_up_required", screen(&app));
    key(&mut app, KeyCode::Tab);
    insta::assert_snapshot!("q1_no_follow_up_focused", screen(&app));
    Ok(())
}

#[test]
fn single_choice() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 2);
    assert_eq!(on_question(&app), "q3");
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    insta::assert_snapshot!("q3_single_choice_reviewing", screen(&app));
    Ok(())
}

#[test]
fn q3_in_the_process_asks_q4() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 2);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::PageDown);
    assert_eq!(on_question(&app), "q4");
    insta::assert_snapshot!("q4_asked_when_q3_reviewing", screen(&app));
    Ok(())
}

#[test]
fn q3_reviewed_skips_q4() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 2);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::PageDown);
    assert_eq!(on_question(&app), "q5");
    insta::assert_snapshot!("q5_after_q3_reviewed_skips_q4", screen(&app));
    Ok(())
}

#[test]
fn multiple_choice_with_several_toggled() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 5);
    assert_eq!(on_question(&app), "q6");
    key(&mut app, KeyCode::Char(' '));
    keys(&mut app, KeyCode::Down, 2);
    key(&mut app, KeyCode::Char(' '));
    keys(&mut app, KeyCode::Down, 3);
    key(&mut app, KeyCode::Char(' '));
    insta::assert_snapshot!("q6_multiple_choice", screen(&app));
    // The seventh option does not fit at 80×24: the list scrolls to it.
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!("q6_multiple_choice_last_option", screen(&app));
    Ok(())
}

#[test]
fn free_text_with_paragraphs_and_a_nested_list() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 100, 40)?;
    keys(&mut app, KeyCode::PageDown, 7);
    assert_eq!(on_question(&app), "q8");
    type_text(
        &mut app,
        "Employees raised three themes again and again.\n\
         \n\
         The themes, by how often they came up:\n\
         - social media\n  \
           - personal accounts\n  \
           - official accounts\n\
         - conflicts of interest\n\
         - emerging technologies\n\
         \n\
         Managers asked for case studies on each.",
    );
    pause(&mut app, 2);
    // Back to the top of the answer, to read it over.
    keys(&mut app, KeyCode::Up, 10);
    insta::assert_snapshot!("q8_free_text_prints_as", screen(&app));
    Ok(())
}

#[test]
fn the_preview_shows_the_whole_answer_when_it_fits() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 100, 40)?;
    keys(&mut app, KeyCode::PageDown, 7);
    type_text(
        &mut app,
        "First paragraph.\n\nSecond:\n- one\n  - one a\n  - one b\n- two\n- three\n\nLast paragraph.",
    );
    // The preview follows the cursor (issue 8): at the end, the end shows.
    let shown = screen(&app);
    assert_eq!(
        shown.matches("Last paragraph.").count(),
        2,
        "in the editor and in the preview:\n{shown}"
    );
    keys(&mut app, KeyCode::Up, 10);
    let shown = screen(&app);
    assert_eq!(
        shown.matches("First paragraph.").count(),
        2,
        "in the editor and in the preview:\n{shown}"
    );
    Ok(())
}

#[test]
fn outline_marks() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 120, 40)?;
    key(&mut app, KeyCode::Char(' ')); // Q1 yes: ✓
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' ')); // Q2 no, follow-up empty: !
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::Char(' ')); // Q3 reviewed: ✓, Q4 –
    key(&mut app, KeyCode::PageDown);
    assert_eq!(on_question(&app), "q5");
    keys(&mut app, KeyCode::PageDown, 3);
    assert_eq!(on_question(&app), "q8");
    type_text(&mut app, "Social media.");
    keys(&mut app, KeyCode::PageDown, 4);
    assert_eq!(on_question(&app), "q12");
    key(&mut app, KeyCode::Char(' ')); // Q12 yes: ✓ ; Q13 optional: ·
    keys(&mut app, KeyCode::PageUp, 6);
    assert_eq!(on_question(&app), "q6");
    insta::assert_snapshot!("outline_marks_120x40", screen(&app));
    Ok(())
}

#[test]
fn review_with_missing_items() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' ')); // Q1 no: its follow-up is missing too
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.model.showing(), Showing::Review);
    insta::assert_snapshot!("review_missing", screen(&app));
    // Told first, and asked; `y` then asks where.
    key(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("export_asks_when_incomplete", screen(&app));
    key(&mut app, KeyCode::Char('y'));
    assert!(app.model.prompt().is_some(), "the export prompt");
    Ok(())
}

#[test]
fn review_complete_and_export_prompt() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    answer_everything(&mut app);
    insta::assert_snapshot!("review_complete", screen(&app));
    key(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("export_prompt", screen(&app));
    Ok(())
}

/// The confirmation names the file: it is put in a folder of a known
/// length, whatever `TMPDIR` says, and its random part is masked.
#[cfg(unix)]
#[test]
fn export_over_an_existing_file_asks_first() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    answer_everything(&mut app);
    let out = tempfile::Builder::new()
        .prefix("quire-snap-")
        .rand_bytes(6)
        .tempdir_in("/tmp")?;
    let target = out.path().join("report.txt");
    std::fs::write(&target, "an earlier report\n")?;
    key(&mut app, KeyCode::Char('e'));
    keys(&mut app, KeyCode::Backspace, 40);
    type_text(&mut app, &target.display().to_string());
    key(&mut app, KeyCode::Enter);
    let random = out
        .path()
        .file_name()
        .and_then(|n| n.to_str())
        .expect("temp dir name")
        .to_owned();
    let masked = screen(&app).replace(&random, "quire-snap-XXXXXX");
    insta::assert_snapshot!("export_confirm_overwrite", masked);
    assert_eq!(std::fs::read_to_string(&target)?, "an earlier report\n");
    Ok(())
}

#[test]
fn help_screen() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("help", screen(&app));
    // All of it, on a tall terminal.
    event(&mut app, Event::Resize(80, 70));
    insta::assert_snapshot!("help_80x70", screen(&app));
    event(&mut app, Event::Resize(80, 24));
    key(&mut app, KeyCode::Esc);
    assert!(!app.model.help_open());
    // In a text editor, `?` is text and F1 is help.
    keys(&mut app, KeyCode::PageDown, 3);
    assert_eq!(on_question(&app), "q4");
    press(&mut app, KeyCode::F(1), NONE);
    assert!(app.model.help_open());
    Ok(())
}

#[test]
fn too_small_then_resized_back() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    key(&mut app, KeyCode::Char(' '));
    event(&mut app, Event::Resize(50, 12));
    insta::assert_snapshot!("too_small_50x12", screen(&app));
    event(&mut app, Event::Resize(80, 24));
    insta::assert_snapshot!("resized_back_80x24", screen(&app));
    Ok(())
}

#[test]
fn quit_from_a_question_saves_the_position() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 3);
    type_text(&mut app, "By March.");
    let msg = to_msg(
        app.model.mode(),
        Event::Key(KeyEvent::new(KeyCode::Char('c'), CTRL)),
    )
    .expect("Ctrl-C is bound");
    assert!(app.dispatch(msg, &mut |_| Err("no editor".into())));
    let id = app.model.draft_id().expect("a draft").clone();
    let saved = app.shell.store.load(&id)?;
    assert_eq!(saved.position, Some(FieldKey::main("q4")));
    assert_eq!(
        saved.answers.main("q4"),
        Some(&Value::Text("By March.".into()))
    );
    Ok(())
}

/// The labels say what an empty field prints: a comment is left out, not
/// `N/A`, and a label that says "optional" is not followed by "(optional)".
#[test]
fn an_empty_comment_says_it_is_left_out() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 100, 30)?;
    for _ in 0..20 {
        if on_question(&app) == "q12" {
            break;
        }
        key(&mut app, KeyCode::PageDown);
    }
    assert_eq!(on_question(&app), "q12", "{}", screen(&app));
    // Yes, then Enter moves to the comment.
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("Your answer (optional; left out when empty)"),
        "{s}"
    );
    assert!(s.contains("(nothing: left out of the report)"), "{s}");
    assert!(!s.contains("N/A"), "{s}");
    // Back on the answer: the comment's summary.
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    let s = screen(&app);
    assert!(
        s.contains("Comment (optional, printed under the answer)"),
        "{s}"
    );
    assert!(!s.contains("(optional)  (optional)"), "{s}");
    assert!(!s.contains("answer)  (optional)"), "{s}");
    assert!(s.contains("(left out when empty)"), "{s}");
    Ok(())
}

/// A follow-up prompt is shown whole (Q5's lost its last words beside the
/// outline).
#[test]
fn a_long_follow_up_prompt_is_shown_whole() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 100, 30)?;
    for _ in 0..20 {
        if on_question(&app) == "q5" {
            break;
        }
        key(&mut app, KeyCode::PageDown);
    }
    assert_eq!(on_question(&app), "q5", "{}", screen(&app));
    // The first option ("updated") asks for the description.
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Your answer"), "{s}");
    assert!(s.contains("necessary."), "the prompt's last words:\n{s}");
    insta::assert_snapshot!("q5_description_prompt_whole", s);
    Ok(())
}

/// A word wider than the answer box is wrapped, not cut at its edge with
/// the cursor in it (issue 8, item 2).
#[test]
fn a_word_longer_than_the_box_is_wrapped() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    // Q1: Yes, then its follow-up.
    key(&mut app, KeyCode::Enter);
    let url = format!(
        "https://example.gc.ca/{}/end-of-the-url",
        "segment".repeat(24)
    );
    type_text(&mut app, &url);
    let s = screen(&app);
    // Both ends of the word are on screen, and every piece of it.
    assert!(
        s.contains("https://example.gc.ca/"),
        "the start is cut:\n{s}"
    );
    assert!(s.contains("end-of-the-url"), "the end is cut:\n{s}");
    let shown: String = s
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .map(str::trim)
        .collect();
    assert!(shown.contains(&url), "the word is not shown whole:\n{s}");
    Ok(())
}

/// At 80×24, Q6's details box keeps six rows of text with seven options
/// chosen above it: the list folds to its first line (issue 8, item 3).
#[test]
fn the_details_box_keeps_six_rows_under_many_chosen_options() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 5);
    assert_eq!(on_question(&app), "q6");
    for _ in 0..7 {
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Tab);
    let s = screen(&app);
    let rows: Vec<&str> = s.lines().collect();
    let top = rows.iter().position(|l| l.contains("┌ Your answer"));
    let bottom = rows.iter().position(|l| l.contains('└'));
    let (Some(top), Some(bottom)) = (top, bottom) else {
        panic!("no answer box:\n{s}");
    };
    assert!(bottom - top > 6, "{} rows of text:\n{s}", bottom - top - 1);
    assert!(s.contains("more ▸"), "{s}");
    insta::assert_snapshot!("q6_details_under_seven_chosen", s);
    Ok(())
}

/// After the width changes (Ctrl-O hides the outline, the window grows),
/// a long answer still fills its box around the cursor: it showed its last
/// line alone, as if the rest were gone (issue 8, item 1).
#[test]
fn a_long_answer_fills_its_box_after_a_width_change() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 100, 30)?;
    // Q1: Yes, then its follow-up.
    key(&mut app, KeyCode::Enter);
    let text: Vec<String> = (1..=27)
        .map(|i| format!("Line {i} of a long answer about values and ethics, long enough to wrap beside the outline."))
        .collect();
    app.dispatch(
        Msg::Paste(text.join("\n")),
        &mut |_| Err("no editor".into()),
    );
    let filled = |s: &str| {
        s.lines()
            .filter(|l| l.contains("│Line ") || l.contains("│ Line "))
            .count()
    };
    let before = filled(&screen(&app));
    assert!(before >= 6, "{}", screen(&app));
    press(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL);
    let s = screen(&app);
    assert!(s.contains("Line 27 of"), "{s}");
    assert!(
        filled(&s) >= before,
        "{} lines shown after Ctrl-O:\n{s}",
        filled(&s)
    );
    event(&mut app, Event::Resize(140, 40));
    let s = screen(&app);
    assert!(
        filled(&s) >= before,
        "{} lines shown after a resize:\n{s}",
        filled(&s)
    );
    Ok(())
}

/// A new session with Question 8 answered in English, then on it in
/// French: the question's French text, the answer box holding the
/// translation, its state in the box's title.
fn q8_in_french(dir: &TempDir, w: u16, h: u16) -> Result<App> {
    let mut app = new_session(dir, w, h)?;
    type_text(&mut app, "8");
    key(&mut app, KeyCode::Enter);
    assert_eq!(on_question(&app), "q8");
    type_text(
        &mut app,
        "Social media, conflicts of interest and the\nuse of generative AI tools.",
    );
    press(&mut app, KeyCode::Char('t'), CTRL);
    assert_eq!(app.model.language(), "fr");
    Ok(app)
}

#[test]
fn a_question_in_french_with_its_translation_being_written() -> Result {
    let dir = TempDir::new()?;
    let mut app = q8_in_french(&dir, 80, 24)?;
    let s = screen(&app);
    assert!(s.contains("français translation: missing"), "{s}");
    insta::assert_snapshot!("q8_french_translation_missing_80x24", s);
    type_text(&mut app, "Médias sociaux, conflits d’intérêts");
    let s = screen(&app);
    assert!(s.contains("français translation: done"), "{s}");
    Ok(())
}

#[test]
fn the_outline_in_french_marks_what_is_left_to_translate() -> Result {
    let dir = TempDir::new()?;
    let mut app = q8_in_french(&dir, 120, 40)?;
    type_text(&mut app, "Médias sociaux.");
    // Q9 answered in English, not translated: `?` in the outline.
    press(&mut app, KeyCode::Char('t'), CTRL);
    key(&mut app, KeyCode::PageDown);
    type_text(&mut app, "Case studies.");
    press(&mut app, KeyCode::Char('t'), CTRL);
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(s.contains(" ?  9 Comment"), "{s}");
    insta::assert_snapshot!("q9_french_outline_120x40", s);
    Ok(())
}

#[test]
fn side_by_side_the_source_answer_is_beside_its_translation() -> Result {
    let dir = TempDir::new()?;
    let mut app = q8_in_french(&dir, 160, 40)?;
    type_text(
        &mut app,
        "Médias sociaux, conflits d’intérêts et\nutilisation d’outils d’IA générative.",
    );
    // The English answer changes: the translation is outdated, beside it.
    press(&mut app, KeyCode::Char('t'), CTRL);
    type_text(&mut app, " And ethics.");
    press(&mut app, KeyCode::Char('t'), CTRL);
    let s = screen(&app);
    assert!(s.contains("English answer (read-only)"), "{s}");
    assert!(s.contains("translation: outdated"), "{s}");
    insta::assert_snapshot!("q8_side_by_side_outdated_160x40", s);
    // c keeps it, once out of the answer box.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('c'));
    assert!(screen(&app).contains("français translation: done"));
    Ok(())
}

/// A row of the answer box filled to its last column: the terminal's
/// cursor is where the next character goes, at the start of the next row.
/// It was hidden there (one column past the box), and a screen reader lost
/// the place.
#[rstest::rstest]
#[case(80, 24)]
#[case(120, 40)]
fn the_cursor_after_a_full_row_is_shown_at_the_next_row(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    keys(&mut app, KeyCode::PageDown, 7);
    assert_eq!(on_question(&app), "q8");
    type_text(&mut app, "a");
    let terminal = drawn(&app);
    let backend = terminal.backend();
    assert!(backend.cursor_visible(), "{}", screen(&app));
    let start = backend.cursor_position();
    let (x0, y0) = (start.x - 1, start.y);
    // The box's inside ends at its right border on that row.
    let buffer = backend.buffer();
    let border = (x0..w)
        .find(|&x| buffer[(x, y0)].symbol() == "│")
        .expect("the box's right border");
    let width = usize::from(border - x0);
    type_text(&mut app, &"b".repeat(width - 1));
    let terminal = drawn(&app);
    let backend = terminal.backend();
    assert!(
        backend.cursor_visible(),
        "the cursor is hidden after a full row:\n{}",
        screen(&app)
    );
    assert_eq!(
        (backend.cursor_position().x, backend.cursor_position().y),
        (x0, y0 + 1),
        "{}",
        screen(&app)
    );
    // The next character goes there.
    type_text(&mut app, "c");
    let terminal = drawn(&app);
    assert_eq!(terminal.backend().buffer()[(x0, y0 + 1)].symbol(), "c");
    Ok(())
}

/// At 80×24, the most common size, a free-text question still shows how
/// its answer prints, under an answer box of six rows: the preview was
/// dropped below 14 rows, and the user lost sight of the exported text.
#[test]
fn at_80x24_the_answer_prints_as_under_a_box_of_six_rows() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    keys(&mut app, KeyCode::PageDown, 7);
    assert_eq!(on_question(&app), "q8");
    type_text(&mut app, "- social media\n- conflicts of interest");
    let s = screen(&app);
    let rows: Vec<&str> = s.lines().collect();
    let top = rows.iter().position(|l| l.contains("┌ Your answer"));
    let bottom = rows.iter().position(|l| l.contains('└'));
    let (Some(top), Some(bottom)) = (top, bottom) else {
        panic!("no answer box:\n{s}");
    };
    assert!(bottom - top > 6, "{} rows of text:\n{s}", bottom - top - 1);
    let preview = rows
        .iter()
        .position(|l| l.contains("Prints as"))
        .unwrap_or_else(|| panic!("no preview at 80×24:\n{s}"));
    assert!(rows[preview + 1].contains("• social media"), "{s}");
    assert!(rows[preview + 2].contains("• conflicts of interest"), "{s}");
    Ok(())
}
