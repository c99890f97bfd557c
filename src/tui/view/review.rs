//! The review: the report as it will be exported, and what is missing.

use super::super::layout;
use super::super::model::{Model, Session};
use super::super::update::{ReviewEntry, report_text, review_entries_in};
use super::outline::mark;
use super::theme::shown_printed;
use super::{Current, shown, styles, truncate};
use crate::draft::{TextKey, TranslationState};
use crate::workspace::language;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// The report as the review draws it: [`shown_printed`].
pub(in crate::tui) fn review_text(m: &Model) -> Option<String> {
    report_text(m).map(|text| shown_printed(&text))
}

pub(super) fn review(m: &Model, session: &Session, cur: &Current, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let text = review_text(m).unwrap_or_default();
    let list = review_entries_in(m, &cur.flow);
    let geometry = layout::review(area, list.len(), &text);
    let (report_area, issues_area) = (geometry.report, geometry.list);
    let report_title = if m.bilingual() {
        format!(
            " The {} report, exactly as it will be exported (l: {}) ",
            language::name(m.language()),
            language::name(&language::next(&m.questionnaire, m.language()))
        )
    } else {
        " The report, exactly as it will be exported ".to_owned()
    };
    let block = Block::default().borders(Borders::ALL).title(truncate(
        &report_title,
        usize::from(area.width.saturating_sub(2)),
    ));
    f.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            // Within the report, should the screen have changed since
            // it was scrolled.
            .scroll((session.review.scroll.min(geometry.scroll.last()), 0)),
        report_area,
    );
    let width = usize::from(area.width.saturating_sub(4));
    // What stops the report shown: its missing answers, and in a
    // translation, its own missing and outdated translations.
    let issues = list
        .iter()
        .filter(|e| match e {
            ReviewEntry::Issue(_) => true,
            ReviewEntry::Translation { language, .. } => language == m.language(),
            ReviewEntry::Question(_) => false,
        })
        .count();
    let translations = list
        .iter()
        .filter(|e| matches!(e, ReviewEntry::Translation { .. }))
        .count();
    let items: Vec<ListItem> = list
        .iter()
        .map(|entry| match entry {
            ReviewEntry::Issue(i) => {
                ListItem::new(Line::styled(truncate(&shown(&i.text), width), s.bad))
            }
            ReviewEntry::Translation {
                language,
                key,
                state,
            } => {
                let what = translation_place(m, key);
                let keep = if *state == TranslationState::Outdated {
                    " (c keeps it)"
                } else {
                    ""
                };
                ListItem::new(Line::styled(
                    truncate(
                        &format!(
                            "{what}: {} translation {}{keep}",
                            language::name(language),
                            state.word()
                        ),
                        width,
                    ),
                    s.bad,
                ))
            }
            ReviewEntry::Question(i) => {
                let question = &m.questionnaire.questions[*i];
                let (mark, _) = mark(m, &cur.flow, cur.answers, *i, question);
                let text = &m.texts().questions[*i].text;
                ListItem::new(truncate(
                    &format!(
                        "{mark} Question {}: {}",
                        question.number,
                        shown(text.as_str())
                    ),
                    width,
                ))
            }
        })
        .collect();
    let (title, border) = match issues {
        0 if translations > 0 => (
            format!(
                " Ready: nothing is missing (e exports) · {} to do ",
                crate::wording::count_s(translations, "translation")
            ),
            s.good,
        ),
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

/// Where a translation is, for a list: `Question 4`, `Question 5's
/// follow-up`, or a header field's label.
fn translation_place(m: &Model, key: &TextKey) -> String {
    let q = &m.questionnaire;
    match key {
        TextKey::Header(id) => q
            .header_fields
            .iter()
            .find(|f| f.id == *id)
            .map_or_else(|| id.clone(), |f| shown(f.label.as_str())),
        TextKey::Answer(k) => {
            let number = q.question(&k.question).map_or(0, |x| x.number);
            match &k.field {
                None => format!("Question {number}"),
                Some(f)
                    if q.question(&k.question)
                        .is_some_and(|x| x.follow_up(f).is_some()) =>
                {
                    format!("Question {number}'s follow-up")
                }
                Some(_) => format!("Question {number}'s comment"),
            }
        }
    }
}
