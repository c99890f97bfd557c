//! The focused field: a list of options, or the answer box and how it prints.

use super::super::keymap::Mode;
use super::super::layout::wrap;
use super::super::model::{Model, Session, single};
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
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

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
    // the answer box would get fewer than six rows: then its last line
    // ends in "…".
    let prompt_lines = if key.field.is_some() {
        wrap(&label, usize::from(area.width.max(1)))
    } else {
        Vec::new()
    };
    let room = usize::from(area.height.saturating_sub(6)).max(1);
    let prompt_height = u16::try_from(prompt_lines.len().min(room)).unwrap_or(u16::MAX);
    let [prompt_area, rest] =
        Layout::vertical([Constraint::Length(prompt_height), Constraint::Min(1)]).areas(area);
    if prompt_height > 0 {
        let mut shown_lines: Vec<String> = prompt_lines.iter().take(room).cloned().collect();
        if prompt_lines.len() > room
            && let Some(last) = shown_lines.last_mut()
        {
            let keep = usize::from(area.width).saturating_sub(1);
            *last = format!("{}…", last.chars().take(keep).collect::<String>());
        }
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
    let preview = rest.height >= 14;
    let [edit_area, preview_area] = if preview {
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(rest)
    } else {
        [rest, Rect::default()]
    };
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
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(s.accent);
    let inner = block.inner(edit_area);
    f.render_widget(block, edit_area);
    f.render_widget(&editor.area, inner);
    if m.mode() == Mode::Text {
        super::place_cursor(&editor.area, inner, f);
    }
    if preview {
        let empty = prints.unwrap_or_else(|| "(nothing: left out of the report)".into());
        let printed = preview_window(&editor.area, usize::from(preview_area.height), &empty);
        let block = Block::default()
            .borders(Borders::TOP)
            .title(" Prints as ")
            .border_style(s.dim);
        f.render_widget(
            Paragraph::new(printed)
                .block(block)
                .style(s.dim)
                .wrap(Wrap { trim: false }),
            preview_area,
        );
    }
}

/// How the part of the answer around the cursor prints: rendering only a
/// window keeps a keystroke cheap in a long answer.
fn preview_window(area: &ratatui_textarea::TextArea, height: usize, empty: &str) -> String {
    let lines = area.lines();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return empty.into();
    }
    let size: usize = lines.iter().map(String::len).sum();
    if size <= 4096 {
        let mut printed = String::new();
        freetext::render(&freetext::parse(&lines.join("\n")), &mut printed);
        return shown_printed(&printed);
    }
    let row = area.cursor().0.min(lines.len().saturating_sub(1));
    let mut start = row.saturating_sub(height / 2);
    // Start at a block boundary, so that a list is not read as paragraphs.
    let floor = start.saturating_sub(40);
    while start > floor && !lines[start - 1].trim().is_empty() {
        start -= 1;
    }
    let end = (row + height * 2).min(lines.len());
    let mut printed = String::new();
    if start > 0 {
        printed.push_str("…\n");
    }
    freetext::render(
        &freetext::parse(&lines[start..end].join("\n")),
        &mut printed,
    );
    if end < lines.len() {
        printed.push_str("\n…");
    }
    shown_printed(&printed)
}
