//! The review: the report as it will be exported, and what is missing.

use super::super::model::Model;
use super::super::update::issues_in;
use super::theme::shown_printed;
use super::{Current, shown, styles, truncate};
use crate::report;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

pub(super) fn review(m: &Model, cur: Option<&Current>, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let (Some(session), Some(cur)) = (&m.session, cur) else {
        return;
    };
    let text = report::render(&m.questionnaire, cur.answers, Some(m.now.date_naive()));
    let list = issues_in(m, &cur.flow);
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
    if list.is_empty() {
        let block = Block::default().borders(Borders::ALL).title(" Ready ");
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Nothing is missing. ", s.good),
                Span::raw("Press "),
                Span::styled("e", s.accent),
                Span::raw(" to export."),
            ]))
            .block(block),
            issues_area,
        );
        return;
    }
    let width = usize::from(area.width.saturating_sub(4));
    let items: Vec<ListItem> = list
        .iter()
        .map(|i| ListItem::new(truncate(&shown(&i.text), width)))
        .collect();
    let title = format!(
        " Before export: {} item{} ",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    );
    let widget = List::new(items)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .border_style(s.bad),
        )
        .highlight_style(s.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(session.review.cursor));
    f.render_stateful_widget(widget, issues_area, &mut state);
}
