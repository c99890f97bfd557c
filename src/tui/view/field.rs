//! The focused field: a list of options, or the answer box and how it prints.

use super::super::keymap::Mode;
use super::super::layout::{self, hang, wrap};
use super::super::model::{Editor, Model, Session, single};
use super::question::field_label;
use super::theme::shown_printed;
use super::{shown, styles};
use crate::answers::{Chosen, FieldKey, Value};
use crate::flow::FieldState;
use crate::questionnaire::Question;
use crate::report::freetext;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

pub(super) fn expanded(
    m: &Model,
    session: &Session,
    question: &Question,
    key: &FieldKey,
    state: FieldState,
    f: &mut Frame,
    area: Rect,
) {
    let s = styles(m);
    if key.field.is_none() && question.kind.is_choice() {
        let chosen = match session.draft.answers.get(key) {
            Some(Value::Choice(c)) => c.clone(),
            _ => vec![],
        };
        let width = usize::from(area.width.saturating_sub(6)).max(10);
        let items: Vec<ListItem> = question
            .options
            .iter()
            .map(|o| {
                let on = chosen.contains(&Chosen::Option(o.id.clone()));
                let mark = match (single(question.kind), on) {
                    (true, true) => "(•)",
                    (true, false) => "( )",
                    (false, true) => "[x]",
                    (false, false) => "[ ]",
                };
                let label = shown(o.label.as_str());
                let lines: Vec<Line> = wrap(&label, width)
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        Line::from(if i == 0 {
                            format!("{mark} {l}")
                        } else {
                            format!("    {l}")
                        })
                    })
                    .collect();
                ListItem::new(lines)
            })
            .collect();
        let unlisted: Vec<String> = chosen
            .iter()
            .filter_map(|c| match c {
                Chosen::Unlisted(l) => Some(format!(
                    "{} (from an imported report; not an option)",
                    shown(l)
                )),
                Chosen::Option(_) => None,
            })
            .collect();
        let title = if single(question.kind) {
            " Choose one "
        } else {
            " Choose all that apply "
        };
        let rows: usize = items.iter().map(ListItem::height).sum();
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(title)
            .border_style(s.accent);
        if rows + 2 > usize::from(area.height) {
            block = block.title_bottom(Line::from(" more options: ↑↓ ").right_aligned());
        }
        let list = List::new(items).block(block).highlight_style(s.selected);
        let mut state = ListState::default().with_selected(Some(session.option_cursor));
        let list_area = if unlisted.is_empty() {
            area
        } else {
            let [a, b] = Layout::vertical([
                Constraint::Min(3),
                Constraint::Length(unlisted.len() as u16),
            ])
            .areas(area);
            f.render_widget(Paragraph::new(unlisted.join("\n")).style(s.bad), b);
            a
        };
        f.render_stateful_widget(list, list_area, &mut state);
        return;
    }
    let Some(editor) = &session.editor else {
        return;
    };
    let label = field_label(question, key);
    // The whole prompt (it was cut at three lines, without a sign), unless
    // the answer box would get fewer than six rows: then it scrolls
    // (Alt-↑↓), "…" ending a row where more follows, and its first row
    // starting with "…" when rows are scrolled away above it.
    let width = usize::from(area.width.max(1));
    let mut prompt_lines = if key.field.is_some() {
        wrap(&label, width)
    } else {
        Vec::new()
    };
    let room = usize::from(area.height.saturating_sub(6)).max(1);
    let cut = prompt_lines.len() > room;
    if cut {
        // Room for a mark at either end of a row, so that none hides text.
        prompt_lines = wrap(&label, width.saturating_sub(2).max(1));
    }
    let shown_rows = prompt_lines.len().min(room);
    let prompt_height = u16::try_from(shown_rows).unwrap_or(u16::MAX);
    editor.note_prompt(
        u16::try_from(prompt_lines.len()).unwrap_or(u16::MAX),
        prompt_height,
    );
    let [prompt_area, rest] =
        Layout::vertical([Constraint::Length(prompt_height), Constraint::Min(1)]).areas(area);
    if prompt_height > 0 {
        let top = usize::from(editor.prompt_top());
        let last = top + shown_rows - 1;
        let shown_lines: Vec<String> = (top..=last)
            .map(|i| {
                let before = if i == top && top > 0 { "…" } else { "" };
                let after = if i == last && last + 1 < prompt_lines.len() {
                    "…"
                } else {
                    ""
                };
                format!("{before}{}{after}", prompt_lines[i])
            })
            .collect();
        f.render_widget(
            Paragraph::new(Text::styled(shown_lines.join("\n"), s.title)),
            prompt_area,
        );
    }
    let rest = match super::side::split(m, rest) {
        (Some(left), right) => {
            super::side::source(m, session, key, f, left);
            right
        }
        (None, rest) => rest,
    };
    let preview_height = layout::preview_height(rest.height);
    let preview = preview_height > 0;
    let [edit_area, preview_area] = Layout::vertical([
        Constraint::Length(rest.height - preview_height),
        Constraint::Length(preview_height),
    ])
    .areas(rest);
    let prints =
        crate::report::empty_field_prints(m.texts(), question, key, state == FieldState::Skipped);
    let title = if let Some(title) = super::side::title(m, key) {
        title
    } else if editor.is_blank() {
        match (state, prints.clone()) {
            // Export refuses it empty (unless asked for an incomplete one).
            (FieldState::Required, _) => " Your answer (required) ".to_owned(),
            (FieldState::Optional, Some(t)) => {
                format!(" Your answer (optional; empty prints {t}) ")
            }
            (FieldState::Optional, None) => {
                " Your answer (optional; left out when empty) ".to_owned()
            }
            (FieldState::Skipped, Some(t)) => format!(" Your answer (not asked; prints {t}) "),
            (FieldState::Skipped, None) => " Your answer (not asked; left out) ".to_owned(),
        }
    } else {
        " Your answer ".to_owned()
    };
    let mut block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(s.accent);
    if cut {
        block = block.title_bottom(Line::from(" the question above: Alt-↑↓ ").right_aligned());
    }
    let inner = block.inner(edit_area);
    f.render_widget(block, edit_area);
    editor.note_drawn(inner.width, inner.height);
    f.render_widget(&editor.area, inner);
    if m.mode() == Mode::Text {
        super::place_cursor(&editor.area, inner, f);
    }
    if preview {
        // A required answer left empty does not print: export refuses it
        // (an incomplete export, asked for, marks it N/A).
        let empty = match (state, prints) {
            (FieldState::Required, _) => "(missing: required before export)".into(),
            (_, Some(t)) => t,
            (_, None) => "(nothing: left out of the report)".into(),
        };
        let block = Block::default()
            .borders(Borders::TOP)
            .title(" Prints as ")
            .border_style(s.dim);
        let inside = block.inner(preview_area);
        let (rows, scroll) = preview_window(editor, inside.width, inside.height, &empty);
        // Wrapped as the report reads: list items hang under their text.
        f.render_widget(
            Paragraph::new(rows.join("\n"))
                .block(block)
                .style(s.dim)
                .scroll((scroll, 0)),
            preview_area,
        );
    }
}

/// Marks where the window starts inside a line, and where the cursor is,
/// in the source given to the printer: control characters, which answers
/// never hold (`crate::text::clean`) and printing keeps as they are.
const CUT: char = '\u{1}';
const CURSOR: char = '\u{2}';

/// How the answer prints around the cursor, in rows wrapped as the report
/// reads (list items hanging under their text), and the row to scroll the
/// preview to so that the cursor's row shows. Only a few previews' worth
/// of text around the cursor is printed and wrapped, also inside one long
/// paragraph or word: the whole answer, wrapped on every frame, cost
/// milliseconds per keystroke, and showed its beginning, not the cursor.
fn preview_window(editor: &Editor, width: u16, height: u16, empty: &str) -> (Vec<String>, u16) {
    let wrapped = |t: &str| hang(t, usize::from(width.max(1)));
    if editor.is_blank() {
        return (wrapped(empty), 0);
    }
    let lines = editor.area.lines();
    let ratatui_textarea::DataCursor(row, col) = editor.area.cursor();
    let (w, h) = (usize::from(width.max(1)), usize::from(height.max(1)));
    let room = w * h;
    // About what the preview shows: half of it before the cursor's row,
    // half after.
    let (before_max, after_max) = (room / 2 + 2 * w, room / 2 + w);
    let at = |line: &str, chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let cursor = at(&lines[row], col);
    // Where the shown text starts: whole lines back from the cursor's, or
    // inside the cursor's line when it is long. Inside a line the start
    // moves by steps of whole rows of characters, from points that typing
    // at the cursor does not move, so that the rows stay put as one types.
    let (mut first, mut start) = (row, 0);
    if cursor > before_max {
        let chars = lines[row][..cursor].chars().count();
        let step = w * 8;
        let cut = chars.saturating_sub(w * (h / 2).max(1)) / step * step;
        start = at(&lines[row], cut);
    } else {
        let mut size = cursor;
        while first > 0 && row - first < h && size + lines[first - 1].len() < before_max {
            first -= 1;
            size += lines[first].len() + 1;
        }
    }
    let (above, below) = editor.windowed();
    let mid_line = start > 0 || (first == 0 && editor.starts_mid_line());
    // Where it ends: whole lines after the cursor's, the last cut short.
    let mut source = String::new();
    let mut left = after_max;
    let mut last = row;
    let mut cut_short = false;
    for (i, line) in lines.iter().enumerate().skip(first) {
        if i > first {
            source.push('\n');
        }
        let from = if i == first { start } else { 0 };
        if i == first && mid_line {
            // The line's own beginning, for what it is (a list item or a
            // paragraph), then the mark the shown text starts after.
            let head = if i == 0 && editor.starts_mid_line() {
                editor.line_head()
            } else {
                &line[..floor(line, line.len().min(16))]
            };
            source.push_str(head);
            source.push(CUT);
        }
        let text = &line[from..];
        if i < row {
            source.push_str(text);
            continue;
        }
        if i == row {
            // The cursor's mark goes past a list marker, so that the line
            // still reads as what it is. On a blank line it would print as
            // a paragraph of its own: it goes after the text before the
            // line instead, so that the preview still shows where the
            // cursor is (after a paste that ends with a line end, as
            // Word's do, it showed the window's top).
            let mark = if line.trim().is_empty() {
                let end = source.trim_end().len();
                if end > 0 {
                    source.insert(end, CURSOR);
                }
                None
            } else {
                Some(floor(line, cursor.max(at(line, 8).min(line.len()))))
            };
            let end = ceil(line, (cursor + after_max).min(line.len()));
            let cut_at = mark.map_or(from, |m| m.max(from));
            source.push_str(&line[from..cut_at]);
            if mark.is_some() {
                source.push(CURSOR);
            }
            source.push_str(&line[cut_at..end]);
            left = left.saturating_sub(end - cursor);
            last = i;
            cut_short = end < line.len();
            if cut_short {
                break;
            }
            continue;
        }
        if left == 0 {
            source.pop();
            break;
        }
        let end = ceil(line, left.min(line.len()));
        source.push_str(&line[..end]);
        left = left.saturating_sub(line.len() + 1);
        last = i;
        cut_short = end < line.len();
        if cut_short {
            break;
        }
    }
    let mut printed = String::new();
    freetext::render(&freetext::parse(&source), &mut printed);
    if let Some(i) = printed.find(CUT) {
        printed.replace_range(..i + CUT.len_utf8(), "…");
    } else if first > 0 || above {
        printed.insert_str(0, "…\n");
    }
    let cursor_at = printed.find(CURSOR);
    if let Some(i) = cursor_at {
        printed.remove(i);
    }
    if cut_short {
        printed.push('…');
    } else if last + 1 < lines.len() || below {
        printed.push_str("\n…");
    }
    let rows = wrapped(&shown_printed(&printed));
    let Some(i) = cursor_at else {
        return (rows, 0);
    };
    let cursor_row = wrapped(&shown_printed(&printed[..i]))
        .len()
        .saturating_sub(1);
    let mut scroll = cursor_row.saturating_sub(h / 2);
    if scroll > 0 {
        // Not past the end of the text: no empty rows under it.
        scroll = scroll.min(rows.len().saturating_sub(h));
    }
    (rows, u16::try_from(scroll).unwrap_or(u16::MAX))
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
