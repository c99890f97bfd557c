//! Issue 8's defects on the real wizard, each at 80×24 and 120×40 (the
//! most common terminal and a roomy one), with what a snapshot alone would
//! not catch asserted plainly: the review and the help scrolled to their
//! ends, a long answer after Ctrl-O and after a resize, a word longer than
//! the answer box, Q6's details under seven chosen options, bullets pasted
//! from Word and Outlook, Q5's long follow-up prompt, the too-small screen,
//! and the labels of empty fields.

mod common;

use common::app::{
    CTRL, Result, answer_everything, drawn, event, go_to, key, keys, new_session, on_question,
    paste, press, rows, screen, type_text,
};
use crossterm::event::{Event, KeyCode, KeyModifiers};
use quire::tui::App;
use quire::tui::model::Showing;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use rstest::rstest;
use tempfile::TempDir;

/// Q13's answer on the review: long enough that the report ends well
/// below the first page at either size.
const Q13: &str = "Our next steps, in order:\n\n- a survey of every branch on what the code asks of them\n- sessions for managers on conflicts of interest and on social media\n- a yearly report to the deputy head on what was learned\n\nWe will publish the results on the intranet once the deputy head has read them.";

/// A complete assessment with Q13 answered, on the review.
fn review(w: u16, h: u16) -> Result<(TempDir, App)> {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    answer_everything(&mut app);
    key(&mut app, KeyCode::Esc);
    go_to(&mut app, "q13");
    type_text(&mut app, Q13);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.model.showing(), Showing::Review, "{}", screen(&app));
    Ok((dir, app))
}

/// A frame on the drawn screen: the rows inside it (trailing spaces cut)
/// and where its inside starts.
struct Frame {
    rows: Vec<String>,
    x: u16,
    y: u16,
    width: u16,
}

/// The frame whose top border holds `title`, as drawn.
fn frame(app: &App, title: &str) -> Frame {
    let terminal = drawn(app);
    let buffer = terminal.backend().buffer();
    let (w, h) = (buffer.area.width, buffer.area.height);
    let cell = |x: u16, y: u16| buffer[(x, y)].symbol();
    let row = |y: u16, from: u16, to: u16| (from..to).map(|x| cell(x, y)).collect::<String>();
    for y in 0..h {
        for x in 0..w {
            if cell(x, y) == "┌" && row(y, x, w).contains(title) {
                let right = (x + 1..w)
                    .find(|&r| cell(r, y) == "┐")
                    .expect("the frame's right corner");
                let rows = (y + 1..h)
                    .take_while(|&inner| cell(x, inner) != "└")
                    .map(|inner| row(inner, x + 1, right).trim_end_matches(' ').to_owned())
                    .collect();
                return Frame {
                    rows,
                    x: x + 1,
                    y: y + 1,
                    width: right - x - 1,
                };
            }
        }
    }
    panic!("no frame titled {title:?}:\n{}", screen(app));
}

/// The rows inside the frame whose top border holds `title`.
fn framed(app: &App, title: &str) -> Vec<String> {
    frame(app, title).rows
}

/// `text` wrapped as a frame `width` columns wide inside draws it, row by
/// row, trailing spaces cut: what the frame shows scrolled to each row.
fn as_drawn(text: &str, width: u16) -> Vec<String> {
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let height = u16::try_from(paragraph.line_count(width)).expect("rows");
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    paragraph.render(area, &mut buffer);
    (0..height)
        .map(|y| {
            let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end_matches(' ').to_owned()
        })
        .collect()
}

/// Where `window` starts in `rows`, at or after `from`.
fn found_at(rows: &[String], window: &[String], from: usize) -> Option<usize> {
    (from..=rows.len().saturating_sub(window.len())).find(|&i| rows[i..i + window.len()] == *window)
}

/// Pages down the frame titled `title` from its top until the last of
/// `want` (its text as drawn) shows, checking on the drawn screen that
/// each page starts at or before the row after the last one. Returns the
/// row the last page starts at and the number of pages.
fn page_down(app: &mut App, title: &str, want: &[String]) -> (usize, usize) {
    let (mut start, mut end, mut pages) = (0, 0, 0);
    while end < want.len() && pages <= want.len() {
        if pages > 0 {
            key(app, KeyCode::PageDown);
        }
        let shown = framed(app, title);
        let from = if pages == 0 { 0 } else { start + 1 };
        start = found_at(want, &shown, from).unwrap_or_else(|| {
            panic!("not the next rows of the text:\n{}\n{want:#?}", screen(app))
        });
        assert!(
            start <= end,
            "rows {end}..{start} of the text never showed:\n{}",
            screen(app)
        );
        end = start + shown.len();
        pages += 1;
    }
    assert_eq!(end, want.len(), "the end never showed:\n{}", screen(app));
    (start, pages)
}

/// Pages up the frame titled `title` from row `start` to the top,
/// checking that each page ends at or after the row the last one
/// started at.
fn page_up(app: &mut App, title: &str, want: &[String], mut start: usize) {
    while start > 0 {
        key(app, KeyCode::PageUp);
        let shown = framed(app, title);
        let up = found_at(want, &shown, 0).expect("rows of the text");
        assert!(up < start, "PgUp did not go back:\n{}", screen(app));
        assert!(
            up + shown.len() >= start,
            "rows {}..{start} skipped going up:\n{}",
            up + shown.len(),
            screen(app)
        );
        start = up;
    }
    assert_eq!(framed(app, title)[0], want[0]);
}

const REPORT: &str = "report, exactly as it will be exported";

/// PgDn on the review shows the report a page at a time, every row of it
/// (a page scrolled more rows than showed, so rows were skipped), down to
/// its last line ("Date modified"), which could not be reached; PgUp goes
/// back to the top. Checked on the drawn screen.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn the_review_pages_through_every_row_of_the_report(#[case] w: u16, #[case] h: u16) -> Result {
    let (_dir, mut app) = review(w, h)?;
    let text = quire::tui::update::report_text(&app.model).expect("a report");
    assert!(text.contains("publish the results"), "{text}");
    let want = as_drawn(&text, w - 2);
    let last = want.last().expect("rows").clone();
    assert!(last.starts_with("Date modified"), "{last:?}");
    let (start, pages) = page_down(&mut app, REPORT, &want);
    assert!(pages > 2, "the report fits in two pages: too short a test");
    let bottom = screen(&app);
    assert!(bottom.contains(&last), "{bottom}");
    insta::assert_snapshot!(format!("review_end_{w}x{h}"), bottom);
    // The end stays the end.
    keys(&mut app, KeyCode::PageDown, 3);
    assert_eq!(screen(&app), bottom);
    page_up(&mut app, REPORT, &want, start);
    Ok(())
}

const HELP: &str = "Keys (Esc closes";

/// The help pages down to its last line and stops there (it scrolled on
/// into empty rows, as far as PgDn was pressed); PgUp then goes straight
/// back.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn the_help_stops_at_its_end(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    // The whole help, on a terminal as wide and tall enough for it.
    event(&mut app, Event::Resize(w, 400));
    key(&mut app, KeyCode::Char('?'));
    let mut want = framed(&app, HELP);
    while want.last().is_some_and(String::is_empty) {
        want.pop();
    }
    assert!(
        want.last().is_some_and(|l| l.ends_with("saved as you go.")),
        "{want:#?}\n{}",
        screen(&app)
    );
    event(&mut app, Event::Resize(w, h));
    let (start, pages) = page_down(&mut app, HELP, &want);
    assert!(pages > 1, "the help fits: nothing scrolled");
    let bottom = screen(&app);
    insta::assert_snapshot!(format!("help_end_{w}x{h}"), bottom);
    keys(&mut app, KeyCode::PageDown, 5);
    keys(&mut app, KeyCode::Down, 5);
    assert_eq!(screen(&app), bottom, "it scrolled past the end");
    page_up(&mut app, HELP, &want, start);
    Ok(())
}

/// Where the terminal's cursor is drawn, if it is shown.
fn cursor(app: &App) -> Option<(u16, u16)> {
    let terminal = drawn(app);
    let backend = terminal.backend();
    let at = backend.cursor_position();
    backend.cursor_visible().then_some((at.x, at.y))
}

const ANSWER: &str = "Your answer";

/// The answer box filled with text down to the cursor, which is just
/// after the text on the box's last row: the answer did not look deleted
/// (it showed one line and empty rows after a width change).
#[track_caller]
fn assert_fills_its_box_to_the_cursor(app: &App, last_words: &str) {
    let answer = frame(app, ANSWER);
    assert!(
        answer.rows.iter().all(|r| !r.is_empty()),
        "empty rows in the answer box:\n{}",
        screen(app)
    );
    let last = answer.rows.last().expect("rows");
    assert!(last.ends_with(last_words), "{}", screen(app));
    let bottom = answer.y + u16::try_from(answer.rows.len()).expect("rows") - 1;
    let after = answer.x + u16::try_from(last.chars().count()).expect("columns");
    assert_eq!(cursor(app), Some((after, bottom)), "{}", screen(app));
}

/// Q1 answered Yes, and its follow-up holding 27 lines that wrap, the
/// cursor at the end.
fn long_answer(w: u16, h: u16) -> Result<(TempDir, App)> {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    key(&mut app, KeyCode::Enter);
    let text: Vec<String> = (1..=27)
        .map(|i| format!("Line {i} of a long answer about values and ethics, long enough to wrap beside the outline."))
        .collect();
    paste(&mut app, &text.join("\n"));
    Ok((dir, app))
}

/// Issue 8, item 1: after Ctrl-O (the outline shown at 80 columns, hidden
/// at 120) the long answer still fills its box around the cursor.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn a_long_answer_fills_its_box_after_ctrl_o(#[case] w: u16, #[case] h: u16) -> Result {
    let (_dir, mut app) = long_answer(w, h)?;
    assert_fills_its_box_to_the_cursor(&app, "outline.");
    let outline = app.model.outline_shown();
    press(&mut app, KeyCode::Char('o'), CTRL);
    assert_ne!(app.model.outline_shown(), outline, "Ctrl-O toggles it");
    assert_fills_its_box_to_the_cursor(&app, "outline.");
    assert!(screen(&app).contains("Line 27 of"), "{}", screen(&app));
    insta::assert_snapshot!(format!("long_answer_after_ctrl_o_{w}x{h}"), screen(&app));
    Ok(())
}

/// Issue 8, item 1: after the terminal is widened (80×24 from 64, 120×40
/// from 100) the long answer still fills its box around the cursor.
#[rstest]
#[case(64, 80, 24)]
#[case(100, 120, 40)]
fn a_long_answer_fills_its_box_after_widening(
    #[case] from: u16,
    #[case] w: u16,
    #[case] h: u16,
) -> Result {
    let (_dir, mut app) = long_answer(from, h)?;
    assert_fills_its_box_to_the_cursor(&app, "outline.");
    let narrow = frame(&app, ANSWER).width;
    event(&mut app, Event::Resize(w, h));
    assert!(frame(&app, ANSWER).width > narrow, "a wider box");
    assert_fills_its_box_to_the_cursor(&app, "outline.");
    insta::assert_snapshot!(format!("long_answer_after_widening_{w}x{h}"), screen(&app));
    Ok(())
}

/// Issue 8, item 2: a 180-character URL, longer than the answer box at
/// either size, is broken across rows and shown whole, the cursor after
/// its last character; and again after Ctrl-O changes the box's width.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn a_word_longer_than_the_box_is_wrapped_with_the_cursor_shown(
    #[case] w: u16,
    #[case] h: u16,
) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    key(&mut app, KeyCode::Enter);
    let url = format!("https://example.gc.ca/{}/end", "segment".repeat(22));
    assert_eq!(url.len(), 180);
    type_text(&mut app, &url);
    for (step, name) in [
        ("typed", "long_word_wrapped"),
        ("ctrl-o", "long_word_after_ctrl_o"),
    ] {
        if step == "ctrl-o" {
            press(&mut app, KeyCode::Char('o'), CTRL);
        }
        let answer = frame(&app, ANSWER);
        assert!(
            usize::from(w) < url.len() + 4,
            "the URL is longer than the box"
        );
        assert_eq!(answer.rows.concat(), url, "{}", screen(&app));
        // The cursor just after `end`, inside the box.
        let rows = answer.rows.iter().filter(|r| !r.is_empty()).count();
        let last = &answer.rows[rows - 1];
        let at = (
            answer.x + u16::try_from(last.len()).expect("columns"),
            answer.y + u16::try_from(rows).expect("rows") - 1,
        );
        assert!(last.ends_with("/end"), "{}", screen(&app));
        assert_eq!(cursor(&app), Some(at), "{}", screen(&app));
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(&app));
    }
    Ok(())
}

/// Issue 8, item 3: with all seven options of Q6 chosen, the details box
/// keeps at least six rows (it had two at 80×24), what is above it folds
/// ("and 6 more ▸"), Ctrl-E stays in the footer, and the "Prints as"
/// preview shows, what the empty answer prints (N/A) in it.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn q6_details_keep_six_rows_under_seven_chosen_options(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    go_to(&mut app, "q6");
    for _ in 0..7 {
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Tab);
    let s = screen(&app);
    let answer = frame(&app, ANSWER);
    assert!(answer.rows.len() >= 6, "{} rows:\n{s}", answer.rows.len());
    let footer = &rows(&app)[usize::from(h) - 1];
    assert!(footer.contains("Ctrl-E editor"), "{s}");
    if h < 30 {
        assert!(s.contains("6 more ▸"), "{s}");
    }
    let printed = preview(&app).unwrap_or_else(|| panic!("no preview:\n{s}"));
    assert_eq!(printed.first().map(String::as_str), Some("N/A"), "{s}");
    insta::assert_snapshot!(format!("q6_details_under_seven_chosen_{w}x{h}"), s);
    Ok(())
}

/// The "Prints as" preview's rows, as drawn under the answer box (trailing
/// spaces cut), if it is shown.
fn preview(app: &App) -> Option<Vec<String>> {
    let answer = frame(app, ANSWER);
    let terminal = drawn(app);
    let buffer = terminal.backend().buffer();
    let (w, h) = (buffer.area.width, buffer.area.height);
    let row = |y: u16| {
        (answer.x - 1..w)
            .map(|x| buffer[(x, y)].symbol())
            .collect::<String>()
    };
    let top = (answer.y..h).find(|&y| row(y).starts_with(" Prints as "))?;
    // Down to the status line, two rows above the bottom (one when the
    // status line is a message of one row).
    let status = (top..h)
        .find(|&y| row(y).contains("required answers"))
        .unwrap_or(h - 2);
    Some(
        (top + 1..status)
            .map(|y| row(y).trim_end_matches(' ').to_owned())
            .collect(),
    )
}

/// One run of each: Word's bullet and its second-level `o` before a tab,
/// Outlook's middle dot and a web page's white bullet before a space, as
/// they come from the clipboard (CRLF, a final line end).
const PASTED_BULLETS: &str = "Word:\r\n•\tsocial media\r\nOutlook:\r\n· conflicts of interest\r\nA web page:\r\n◦ emerging technology\r\nWord's second level, alone:\r\no\tofficial accounts\r\n";

/// Issue 8, item 4: bullets pasted from Word and Outlook become list items
/// (they were exported as they came, the tab hidden by the preview), and
/// the preview shows the lines the export holds, down to the last item
/// where the cursor is.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn pasted_bullets_become_list_items_and_print_as_exported(
    #[case] w: u16,
    #[case] h: u16,
) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    // Q3: in the process of reviewing, which asks Q4 (short enough for the
    // preview to show at 80×24).
    keys(&mut app, KeyCode::PageDown, 2);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::PageDown);
    assert_eq!(on_question(&app), "q4");
    paste(&mut app, PASTED_BULLETS);
    let text = app
        .model
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.text());
    assert_eq!(
        text.as_deref(),
        Some(
            "Word:\n- social media\nOutlook:\n- conflicts of interest\nA web page:\n- emerging technology\nWord's second level, alone:\n- official accounts\n"
        )
    );
    let report = quire::tui::update::report_text(&app.model).expect("a report");
    for item in [
        "social media",
        "conflicts of interest",
        "emerging technology",
        "official accounts",
    ] {
        assert!(report.contains(&format!("\n  • {item}\n")), "{report}");
    }
    assert!(!report.contains('\t'), "{report}");
    let s = screen(&app);
    let shown = preview(&app).unwrap_or_else(|| panic!("no preview:\n{s}"));
    for row in shown.iter().filter(|r| *r != "…" && !r.is_empty()) {
        assert!(
            report.lines().any(|l| l == row),
            "{row:?} is not a line of the report:\n{s}"
        );
    }
    assert!(
        shown.iter().any(|r| r == "  • official accounts"),
        "the preview is not where the cursor is:\n{s}"
    );
    insta::assert_snapshot!(format!("pasted_bullets_{w}x{h}"), s);
    Ok(())
}

/// Issue 8, item 5: Q5's follow-up prompt is shown whole, down to its
/// last word ("necessary."), which was cut with no "…".
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn a_long_follow_up_prompt_is_shown_whole(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    go_to(&mut app, "q5");
    // Yes, updated: the description is asked.
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    let prompt = app.model.texts().questions[4].follow_ups[0]
        .prompt
        .as_str()
        .to_owned();
    assert!(prompt.ends_with("necessary."), "{prompt}");
    // Its words in order, on the rows above the answer box, beside the
    // outline if it is shown.
    let answer = frame(&app, ANSWER);
    let terminal = drawn(&app);
    let buffer = terminal.backend().buffer();
    let words: Vec<String> = (0..answer.y - 1)
        .flat_map(|y| {
            let row: String = (answer.x - 1..w).map(|x| buffer[(x, y)].symbol()).collect();
            row.split_whitespace()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let want: Vec<&str> = prompt.split_whitespace().collect();
    assert!(
        words.windows(want.len()).any(|w| w == want.as_slice()),
        "the prompt is not whole:\n{s}"
    );
    insta::assert_snapshot!(format!("q5_follow_up_prompt_whole_{w}x{h}"), s);
    Ok(())
}

/// Issue 8, item 7: keys typed while the terminal is too small do not
/// reach the answer; back at its size the answer and the cursor are as
/// they were.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn keys_on_the_too_small_screen_do_not_reach_the_answer(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    // Q1: No, then its follow-up.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "By March.");
    let before = screen(&app);
    event(&mut app, Event::Resize(50, 12));
    let small = screen(&app);
    assert!(small.contains("Terminal too small"), "{small}");
    assert!(
        small.contains("50×12: quire needs at least 60×16."),
        "{small}"
    );
    type_text(&mut app, "typed blind\n");
    key(&mut app, KeyCode::Backspace);
    paste(&mut app, "pasted blind");
    event(&mut app, Event::Resize(w, h));
    let editor = app.model.session().and_then(|s| s.editor.as_ref());
    assert_eq!(editor.map(|e| e.text()).as_deref(), Some("By March."));
    assert_eq!(screen(&app), before);
    insta::assert_snapshot!(format!("resized_back_after_too_small_{w}x{h}"), before);
    Ok(())
}

/// Issue 8, item 8: an empty optional comment says it is left out (it said
/// "prints N/A" and printed nothing), without "(optional)" twice.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn an_empty_optional_comment_says_it_is_left_out(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    go_to(&mut app, "q12");
    // Yes, then Enter moves to the comment.
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(
        s.contains("Your answer (optional; left out when empty)"),
        "{s}"
    );
    assert!(s.contains("(nothing: left out of the report)"), "{s}");
    assert!(!s.contains("N/A"), "{s}");
    insta::assert_snapshot!(format!("empty_optional_comment_{w}x{h}"), s);
    // Back on the answer: the comment's summary.
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    let s = screen(&app);
    assert!(
        s.contains("Comment (optional, printed under the answer)"),
        "{s}"
    );
    assert!(s.contains("(left out when empty)"), "{s}");
    assert!(!s.contains("(optional)  (optional)"), "{s}");
    assert!(!s.contains("N/A"), "{s}");
    insta::assert_snapshot!(format!("empty_optional_comment_summary_{w}x{h}"), s);
    Ok(())
}

/// Issue 8, item 8: a required field says it is required and missing,
/// never that it prints N/A (the export refuses it empty).
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn an_empty_required_field_says_it_is_missing(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    // Q1: No makes its follow-up required.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    let s = screen(&app);
    assert!(s.contains("(required)"), "{s}");
    assert!(s.contains("(missing)"), "{s}");
    assert!(!s.contains("N/A"), "{s}");
    insta::assert_snapshot!(format!("empty_required_follow_up_{w}x{h}"), s);
    key(&mut app, KeyCode::Tab);
    let s = screen(&app);
    assert!(s.contains("┌ Your answer (required) "), "{s}");
    assert!(!s.contains("N/A"), "{s}");
    Ok(())
}

/// Issue 8, polish: no row of the answer box starts with the space it was
/// soft-wrapped at (the space hangs past the row's end, as in a word
/// processor), and the rows still hold every word, in order. The text is
/// Public Safety Canada's answer to Q9, whose third row started with a
/// space at 80×24.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn wrapped_rows_of_the_answer_box_do_not_start_with_a_space(
    #[case] w: u16,
    #[case] h: u16,
) -> Result {
    const TEXT: &str = "Starting in June 2024, the onboarding program also now includes special quarterly sessions for new employees and students offered by the V&E team to present services available and initiate a discussion on Values and Ethics.";
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    key(&mut app, KeyCode::Enter);
    paste(&mut app, TEXT);
    let answer = frame(&app, ANSWER);
    let rows: Vec<&String> = answer.rows.iter().filter(|r| !r.is_empty()).collect();
    assert!(rows.len() > 2, "the text wraps:\n{}", screen(&app));
    for row in &rows {
        assert!(
            !row.starts_with(' '),
            "a row starts with a space:\n{}",
            screen(&app)
        );
    }
    let shown: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
    let words: Vec<&str> = TEXT.split_whitespace().collect();
    assert!(words.ends_with(&shown), "words lost:\n{}", screen(&app));
    // A space typed at the end of a full row: the cursor waits at the
    // start of the next row, where the next word goes.
    type_text(&mut app, " next");
    let answer = frame(&app, ANSWER);
    assert!(
        answer.rows.iter().all(|r| !r.starts_with(' ')),
        "{}",
        screen(&app)
    );
    let last = answer.rows.iter().rfind(|r| !r.is_empty()).expect("rows");
    assert!(
        last.ends_with("Ethics. next") || last == "next",
        "{}",
        screen(&app)
    );
    Ok(())
}

/// Issue 8, item 1 again, by a jump: in a 100 KB answer, Ctrl-End from the
/// top, and an undo that takes the cursor back to the end, show the text
/// filling the box down to the cursor (the cursor's line showed alone
/// above empty rows, the answer looking deleted).
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn a_jump_to_the_end_of_a_long_answer_fills_its_box(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    key(&mut app, KeyCode::Enter);
    let sentence = "Values and ethics conversations were held with every team in the region. ";
    paste(&mut app, sentence.repeat(1_400).trim_end());
    press(&mut app, KeyCode::Home, CTRL);
    press(&mut app, KeyCode::End, CTRL);
    assert_fills_its_box_to_the_cursor(&app, "region.");
    type_text(&mut app, " End");
    press(&mut app, KeyCode::Home, CTRL);
    type_text(&mut app, "Top ");
    press(&mut app, KeyCode::Char('z'), CTRL);
    assert!(
        screen(&app).contains("│Values and ethics"),
        "{}",
        screen(&app)
    );
    // "End", then the space before it (a word and the spaces after it
    // are one step).
    press(&mut app, KeyCode::Char('z'), CTRL);
    assert!(!screen(&app).contains("End"), "{}", screen(&app));
    press(&mut app, KeyCode::Char('z'), CTRL);
    assert_fills_its_box_to_the_cursor(&app, "region.");
    Ok(())
}

/// On the space a full row broke at (it hangs past the row's end), the
/// terminal cursor is shown just after the row's text, in the box's border
/// column: not at the next row's start, which is where the cursor after
/// the space is shown.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn the_cursor_on_a_hanging_space_is_shown_after_its_row(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    key(&mut app, KeyCode::Enter);
    let width = usize::from(frame(&app, ANSWER).width);
    paste(&mut app, &format!("{} next", "a".repeat(width)));
    let answer = frame(&app, ANSWER);
    assert_eq!(answer.rows[..2], ["a".repeat(width), "next".to_owned()]);
    keys(&mut app, KeyCode::Left, 4);
    let after_space = cursor(&app);
    assert_eq!(
        after_space,
        Some((answer.x, answer.y + 1)),
        "{}",
        screen(&app)
    );
    key(&mut app, KeyCode::Left);
    let border = answer.x + answer.width;
    assert_eq!(cursor(&app), Some((border, answer.y)), "{}", screen(&app));
    // Typing there goes after the row's text, before the space: the word,
    // now wider than the box, is broken, and "next" follows its end.
    type_text(&mut app, "b");
    let rows = frame(&app, ANSWER).rows;
    assert_eq!(
        rows[..2],
        ["a".repeat(width), "b next".to_owned()],
        "{}",
        screen(&app)
    );
    Ok(())
}

/// Issue 8, polish: at 80×24 the title bar shows the whole title on two
/// rows (it was cut after 25 characters), and the question keeps its rows:
/// its part follows its number on one row.
#[test]
fn the_whole_title_shows_at_80x24_and_the_question_keeps_its_rows() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 80, 24)?;
    let shown = rows(&app);
    let title = format!("{} {}", shown[0].trim_end(), shown[1].trim_start());
    assert!(
        title.contains(
            "Self-assessment on actions undertaken to advance a renewed conversation on values and ethics"
        ),
        "{}",
        screen(&app)
    );
    assert!(
        shown[2].contains("Question 1 of 13") && shown[2].contains("Part I. Values and ethics"),
        "{}",
        screen(&app)
    );
    // Where the answer starts, as with a title on one row.
    assert_eq!(frame(&app, "Choose one").y, 7, "{}", screen(&app));
    // Elsewhere than on a question, below 30 rows, the title keeps one row.
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.model.showing(), Showing::Review);
    let shown = rows(&app);
    assert!(
        shown[0].contains('…') && !shown[1].contains("on values and ethics"),
        "{}",
        screen(&app)
    );
    Ok(())
}

/// The rows of the focused field's prompt, as drawn between the field
/// above it and the answer box's top border.
fn prompt_rows(app: &App) -> Vec<String> {
    let answer = frame(app, ANSWER);
    let all = rows(app);
    let mut out: Vec<String> = (0..usize::from(answer.y) - 1)
        .rev()
        .map(|y| all[y].trim().to_owned())
        .take_while(|r| !r.is_empty() && !r.starts_with('•'))
        .collect();
    out.reverse();
    out
}

/// Issue 8, item 5, below 80×24: Q5's follow-up prompt is cut so that the
/// answer box keeps its rows, and Alt-↓ / Alt-↑ scroll it a row at a time:
/// every word shows, in order, the ends stop without a dead key press, and
/// the box does not move.
#[rstest]
#[case(60, 16)]
#[case(80, 17)]
fn a_cut_follow_up_prompt_scrolls_to_its_last_word(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    go_to(&mut app, "q5");
    key(&mut app, KeyCode::Enter);
    let prompt = app.model.texts().questions[4].follow_ups[0]
        .prompt
        .as_str()
        .to_owned();
    let box_rows = framed(&app, ANSWER).len();
    let mut views = vec![prompt_rows(&app)];
    assert!(
        views[0].last().is_some_and(|r| r.ends_with('…')),
        "not cut at {w}×{h}:\n{}",
        screen(&app)
    );
    assert!(
        screen(&app).contains("Alt-↑↓"),
        "no hint:\n{}",
        screen(&app)
    );
    let alt = KeyModifiers::ALT;
    for _ in 0..30 {
        press(&mut app, KeyCode::Down, alt);
        let now = prompt_rows(&app);
        if Some(&now) == views.last() {
            break;
        }
        views.push(now);
    }
    assert!(views.len() > 1, "it did not scroll:\n{}", screen(&app));
    assert_eq!(framed(&app, ANSWER).len(), box_rows, "the box moved");
    // A row at a time: each view is the one before moved up a row.
    let bare = |r: &str| r.trim_matches('…').to_owned();
    for pair in views.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let moved: Vec<String> = a.iter().skip(1).map(|r| bare(r)).collect();
        let kept: Vec<String> = b.iter().take(a.len() - 1).map(|r| bare(r)).collect();
        assert_eq!(moved, kept, "not a row at a time: {a:?} then {b:?}");
    }
    let mut read: Vec<String> = views[0].iter().map(|r| bare(r)).collect();
    read.extend(views[1..].iter().filter_map(|v| v.last()).map(|r| bare(r)));
    let words: Vec<&str> = read.iter().flat_map(|r| r.split_whitespace()).collect();
    let want: Vec<&str> = prompt.split_whitespace().collect();
    assert_eq!(words, want, "the prompt read by scrolling");
    assert!(
        !views
            .last()
            .expect("a view")
            .last()
            .expect("a row")
            .ends_with('…')
    );
    insta::assert_snapshot!(
        format!("q5_follow_up_prompt_scrolled_{w}x{h}"),
        screen(&app)
    );
    // The first Alt-↑ moves back at once.
    press(&mut app, KeyCode::Up, alt);
    assert_eq!(&prompt_rows(&app), &views[views.len() - 2]);
    for _ in 0..30 {
        press(&mut app, KeyCode::Up, alt);
    }
    assert_eq!(prompt_rows(&app), views[0]);
    // Typing still goes to the answer.
    type_text(&mut app, "Clarified.");
    assert_eq!(framed(&app, ANSWER)[0], "Clarified.");
    // The help names the keys once, as the footer's hint does.
    press(&mut app, KeyCode::F(1), KeyModifiers::NONE);
    event(&mut app, Event::Resize(w, 400));
    let help = screen(&app);
    assert_eq!(help.matches("Alt-↑↓").count(), 2, "{help}");
    assert!(!help.contains("Alt-↓ "), "{help}");
    Ok(())
}
