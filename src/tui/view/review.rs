//! The review: the report as it will be exported, and what is missing.

use super::super::model::Model;
use super::super::update::{ReviewEntry, review_entries_in};
use super::outline::mark;
use super::theme::shown_printed;
use super::{Current, shown, styles, truncate};
use crate::report;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

pub(super) fn review(m: &Model, cur: Option<&Current>, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let (Some(session), Some(cur)) = (&m.session, cur) else {
        return;
    };
    let text = report::render(&m.questionnaire, cur.answers, Some(m.now.date_naive()));
    let list = review_entries_in(m, &cur.flow);
    // A third of the screen, at least 3 rows. Not `clamp`: it panics when the
    // frame is under 9 rows, which happens before a resize message arrives
    // (the model still holds the old size, so the too-small screen is not up).
    let list_height = u16::try_from(list.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height / 3)
        .max(3);
    let [report_area, issues_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" The report, exactly as it will be exported ");
    f.render_widget(
        Paragraph::new(shown_printed(&text))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((session.review.scroll, 0)),
        report_area,
    );
    let width = usize::from(area.width.saturating_sub(4));
    let issues = list
        .iter()
        .filter(|e| matches!(e, ReviewEntry::Issue(_)))
        .count();
    let items: Vec<ListItem> = list
        .iter()
        .map(|entry| match entry {
            ReviewEntry::Issue(i) => {
                ListItem::new(Line::styled(truncate(&shown(&i.text), width), s.bad))
            }
            ReviewEntry::Question(i) => {
                let question = &m.questionnaire.questions[*i];
                let (mark, _) = mark(&cur.flow, cur.answers, *i, question);
                ListItem::new(truncate(
                    &format!(
                        "{mark} Question {}: {}",
                        question.number,
                        shown(question.text.as_str())
                    ),
                    width,
                ))
            }
        })
        .collect();
    let (title, border) = match issues {
        0 => (
            " Ready: nothing is missing (e exports) · Enter goes to a question ".to_owned(),
            s.good,
        ),
        n => (
            format!(
                " Before export: {} · then the questions ",
                crate::wording::count_s(n, "item")
            ),
            s.bad,
        ),
    };
    let widget = List::new(items)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(truncate(&title, usize::from(area.width.saturating_sub(2))))
                .border_style(border),
        )
        .highlight_style(s.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(session.review.cursor));
    f.render_stateful_widget(widget, issues_area, &mut state);
}
