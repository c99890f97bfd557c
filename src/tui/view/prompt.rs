//! Drawing the one-line prompts (header fields, import and export paths)
//! and the "export anyway?" question. Changes nothing.
//!
//! Each box is as tall as its text wrapped to its width, measured by the
//! wrapper that draws it: an error naming a long path is shown whole, never
//! cut at the box's edge.

use super::super::model::{Found, IncompleteExport, Model, Prompt, PromptKind};
use super::{Styles, centered, shown, styles, truncate};
use crate::paths;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The widest a dialog is drawn.
const WIDTH: u16 = 64;
/// The most rows of names Tab lists; the rest are counted.
const CANDIDATE_ROWS: usize = 5;
/// The most missing answers the "export anyway?" question lists.
const MISSING_ROWS: usize = 8;

/// Rows `lines` take wrapped to `width`.
fn rows(lines: &[Line], width: u16) -> u16 {
    let n = Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(width);
    u16::try_from(n).unwrap_or(u16::MAX)
}

fn wrapped(lines: Vec<Line<'_>>) -> Paragraph<'_> {
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// A bordered box of `height` inner rows centred in `area`, cleared.
fn open_box(m: &Model, f: &mut Frame, area: Rect, title: &str, height: u16) -> Rect {
    let s = styles(m);
    let rect = centered(area, WIDTH, height.saturating_add(2));
    f.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(s.accent);
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    inner
}

/// What a prompt asks, and its title.
fn wording(m: &Model, p: &Prompt) -> (String, String) {
    let fields = &m.questionnaire.header_fields;
    match p.kind {
        PromptKind::Header(n) => {
            let label = fields
                .get(n)
                .map_or_else(String::new, |f| shown(f.label.as_str()));
            let optional = fields.get(n).is_some_and(|f| !f.required);
            let title = if fields.len() > 1 {
                format!("New assessment ({} of {})", n + 1, fields.len())
            } else {
                "New assessment".to_owned()
            };
            let note = if optional {
                " (optional)"
            } else {
                " (printed in the report)"
            };
            (title, format!("{label}{note}:"))
        }
        PromptKind::HeaderTranslation(n) => {
            let label = fields
                .get(n)
                .map_or_else(String::new, |f| shown(f.label.as_str()));
            let language = crate::workspace::language::name(m.language());
            let source = m.session()
                .and_then(|s| {
                    fields
                        .get(n)
                        .and_then(|f| s.draft.answers.header.get(&f.id))
                })
                .map_or_else(String::new, |t| shown(t));
            (
                format!("{label} in {language}"),
                format!("{label}: {source}. In {language} (printed in that report):"),
            )
        }
        PromptKind::ImportPath => (
            "Import a published report".to_owned(),
            "Path of the report file (plain text):".to_owned(),
        ),
        PromptKind::ExportPath => (
            "Export the report".to_owned(),
            "Write the report to:".to_owned(),
        ),
        PromptKind::Rename => (
            "Rename the draft".to_owned(),
            "New id (lowercase letters, digits and dashes; the organization, printed in the report, stays):".to_owned(),
        ),
    }
}

/// The width `text` takes on screen.
fn width_of(text: &str) -> usize {
    Span::raw(text).width()
}

/// Names laid out in rows of `width` columns, two spaces apart; past
/// [`CANDIDATE_ROWS`] rows the rest are counted.
fn candidate_rows(names: &[String], width: usize) -> Vec<String> {
    let join = |row: &[String]| row.join("  ");
    let mut rows: Vec<Vec<String>> = vec![vec![]];
    for (i, name) in names.iter().enumerate() {
        let name = truncate(&shown(name), width);
        let row = rows.last_mut().expect("never empty");
        if row.is_empty() || width_of(&join(row)) + 2 + width_of(&name) <= width {
            row.push(name);
            continue;
        }
        let full = rows.len() == CANDIDATE_ROWS;
        if !full {
            rows.push(vec![name]);
            continue;
        }
        // Full: the count takes the place of the names it stands for.
        let row = rows.last_mut().expect("never empty");
        let mut left = names.len() - i;
        loop {
            let more = format!("… {left} more");
            if row.is_empty() || width_of(&join(row)) + 2 + width_of(&more) <= width {
                row.push(more);
                break;
            }
            row.pop();
            left += 1;
        }
        break;
    }
    rows.iter().map(|r| join(r)).collect()
}

/// What a path prompt says under its input: the error, what Tab found,
/// how to complete, and where a relative path starts.
fn below_input(m: &Model, p: &Prompt, s: &Styles, width: u16) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(e) = &p.error {
        lines.push(Line::styled(shown(e), s.bad));
    }
    if !p.is_path() {
        return lines;
    }
    match &p.found {
        Some(Found::Several(names)) => lines.extend(
            candidate_rows(names, usize::from(width))
                .into_iter()
                .map(Line::raw),
        ),
        Some(Found::Nothing(why)) => lines.push(Line::styled(shown(why), s.dim)),
        None if p.error.is_none() => lines.push(Line::styled(
            "Tab completes a name; ~ is your home folder.",
            s.dim,
        )),
        None => {}
    }
    let value = p.value();
    if paths::is_relative(&value)
        && let Some(current) = &m.places.current
    {
        let home = m.places.home.as_deref();
        let current = paths::typed_form(current, home)
            .unwrap_or_else(|| current.to_string_lossy().into_owned());
        lines.push(Line::styled(
            format!("Relative to the current folder, {}.", shown(&current)),
            s.dim,
        ));
    }
    lines
}

/// A prompt over the screen: what it asks, the input, and below it the
/// error and the help of a path prompt, wrapped.
pub fn prompt(m: &Model, p: &Prompt, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let (title, question) = wording(m, p);
    let inner_width = WIDTH.min(area.width).saturating_sub(2).max(1);
    let question = vec![Line::raw(question)];
    let below = below_input(m, p, &s, inner_width);
    let (q_rows, b_rows) = (rows(&question, inner_width), rows(&below, inner_width));
    // One empty row below the input at least, as before any error.
    let height = q_rows.saturating_add(1).saturating_add(b_rows.max(1));
    let inner = open_box(m, f, area, &title, height);
    let [q_area, input_area, below_area] = Layout::vertical([
        Constraint::Length(q_rows),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    f.render_widget(wrapped(question), q_area);
    f.render_widget(&p.input, input_area);
    super::place_cursor(&p.input, input_area, f);
    f.render_widget(wrapped(below), below_area);
}

/// "3 required answers are missing: export anyway (incomplete)?", with
/// the first of them listed and the keys to answer.
pub fn export_anyway(m: &Model, q: &IncompleteExport, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let width = WIDTH.min(area.width).saturating_sub(2).max(1);
    let mut lines = vec![Line::styled(
        format!("{}: export anyway (incomplete)?", q.refusal),
        s.title,
    )];
    let item_width = usize::from(width).saturating_sub(2);
    for missing in q.missing.iter().take(MISSING_ROWS) {
        let what = shown(&crate::wording::missing_line(missing));
        lines.push(Line::raw(format!("  {}", truncate(&what, item_width))));
    }
    let room = MISSING_ROWS.saturating_sub(q.missing.len());
    for t in q.untranslated.iter().take(room) {
        lines.push(Line::raw(format!(
            "  {}",
            truncate(&t.message(), item_width)
        )));
    }
    let listed = q.missing.len().min(MISSING_ROWS) + q.untranslated.len().min(room);
    let all = q.missing.len() + q.untranslated.len();
    if all > listed {
        lines.push(Line::styled(
            format!("  … and {} more, listed on the review screen", all - listed),
            s.dim,
        ));
    }
    lines.push(Line::raw(""));
    lines.push(super::hint_line(m));
    let height = rows(&lines, width);
    let inner = open_box(m, f, area, "Export an incomplete report?", height);
    f.render_widget(wrapped(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("report-{i:02}.txt")).collect()
    }

    #[rstest]
    #[case::short("abc", 5, "abc")]
    #[case::exact("abcde", 5, "abcde")]
    #[case::cut("abcdef", 5, "abcd…")]
    #[case::wide("日本語です", 5, "日本…")]
    fn names_are_cut_by_columns(#[case] text: &str, #[case] width: usize, #[case] want: &str) {
        assert_eq!(truncate(text, width), want);
        assert!(width_of(&truncate(text, width)) <= width);
    }

    #[test]
    fn candidates_fill_rows_and_count_the_rest() {
        // 13 columns a name, 4 to a row of 62.
        let rows = candidate_rows(&names(30), 62);
        assert_eq!(rows.len(), CANDIDATE_ROWS);
        assert_eq!(
            rows[0],
            "report-00.txt  report-01.txt  report-02.txt  report-03.txt"
        );
        assert_eq!(
            rows[4],
            "report-16.txt  report-17.txt  report-18.txt  … 11 more"
        );
        assert!(rows.iter().all(|r| width_of(r) <= 62));
        assert_eq!(candidate_rows(&names(2), 62).len(), 1);
    }

    #[test]
    fn a_name_wider_than_the_box_is_cut() {
        let long = vec!["x".repeat(100), "y".into()];
        let rows = candidate_rows(&long, 20);
        assert_eq!(rows, vec![format!("{}…", "x".repeat(19)), "y".to_owned()]);
    }
}
