//! The outline beside a question: parts and questions with their marks.

use super::super::layout::columns;
use super::super::model::{Model, Session};
use super::{Current, memo, styles, truncate};
use crate::answers::{FieldKey, Value};
use crate::draft::{TextKey, TranslationState};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::Question;
use crate::report;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// The mark of a question in the outline: `–` not asked, `!` a required
/// answer missing; in a translation, `?` a translation missing and `≠` one
/// outdated; then `✓` answered, `·` not.
pub(super) fn mark(
    m: &Model,
    flow: &Flow,
    answers: &crate::answers::Answers,
    i: usize,
    q: &Question,
) -> (&'static str, bool) {
    if !flow.is_asked(i) {
        return ("–", false);
    }
    let missing = Flow::fields(q).iter().any(|k| {
        flow.field_state(i, k) == FieldState::Required
            && !answers.get(k).is_some_and(Value::is_answered)
    });
    let translations: Vec<TranslationState> = if m.translating().is_some() {
        Flow::fields(q)
            .into_iter()
            .filter_map(|k| m.translation_state(&TextKey::Answer(k)))
            .collect()
    } else {
        Vec::new()
    };
    if missing {
        ("!", true)
    } else if translations.contains(&TranslationState::Missing) {
        ("?", true)
    } else if translations.contains(&TranslationState::Outdated) {
        ("≠", true)
    } else if answers
        .get(&FieldKey::main(&q.id))
        .is_some_and(Value::is_answered)
    {
        ("✓", false)
    } else {
        ("·", false)
    }
}

/// Rows a question's text may take in the outline.
const ROWS_PER_QUESTION: usize = 3;

/// What the outline shows of the questionnaire's own texts, for telling
/// one questionnaire or language from another.
fn texts_hash(q: &crate::questionnaire::Questionnaire) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    for part in &q.parts {
        part.title.as_str().hash(&mut h);
    }
    for question in &q.questions {
        (question.part, &question.number, question.text.as_str()).hash(&mut h);
    }
    h.finish()
}

pub(super) fn outline(m: &Model, cur: &Current, session: &Session, f: &mut Frame, area: Rect) {
    let q = m.texts();
    let marks: Vec<(&'static str, bool)> = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, question)| mark(m, &cur.flow, cur.answers, i, question))
        .collect();
    let focused = session.outline_cursor;
    let translating = m.translating().is_some();
    // While one types the outline stays the same: it is copied from the
    // frame before, and its lines are not even built.
    let inputs = (
        texts_hash(q),
        &marks,
        focused,
        session.question,
        translating,
        m.theme.color,
    );
    memo::region("outline", inputs, area, f.buffer_mut(), |area, buf| {
        draw(m, &marks, session, area, buf);
    });
}

fn draw(
    m: &Model,
    marks: &[(&'static str, bool)],
    session: &Session,
    area: Rect,
    buf: &mut Buffer,
) {
    let s = styles(m);
    let q = m.texts();
    let width = usize::from(area.width.saturating_sub(2));
    // With the focus, the cursor is the highlighted row and the question
    // on screen is in bold; without it, the question on screen is.
    let focused = session.outline_cursor;
    let highlighted = focused.unwrap_or(session.question);
    let mut lines = Vec::new();
    let mut highlighted_line = 0;
    for (p, part) in q.parts.iter().enumerate() {
        for (i, row) in memo::wrapped(
            &format!("{}. {}", report::roman(p + 1), part.title.as_str()),
            width,
        )
        .iter()
        .take(2)
        .enumerate()
        {
            let row = if i == 0 {
                row.clone()
            } else {
                format!("   {row}")
            };
            lines.push(Line::styled(truncate(&row, width), s.title));
        }
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            let (mark, bad) = marks[i];
            let style = match (i == highlighted, bad, mark) {
                (true, ..) => s.selected,
                (_, true, _) => s.bad,
                (_, _, "–") => s.dim,
                _ => Style::default(),
            };
            let style = if focused.is_some() && i == session.question {
                style.add_modifier(Modifier::BOLD)
            } else {
                style
            };
            if i == highlighted {
                highlighted_line = lines.len();
            }
            // The text wraps under itself (a hanging indent), at most
            // three rows; the last ends in `…` if there is more.
            let head = format!(" {mark} {:>2} ", question.number);
            let indent = columns(&head);
            let rows = memo::wrapped(question.text.as_str(), width.saturating_sub(indent).max(1));
            let more = rows.len() > ROWS_PER_QUESTION;
            let kept = rows.len().min(ROWS_PER_QUESTION);
            for (r, row) in rows.iter().take(kept).enumerate() {
                let row = if more && r + 1 == kept {
                    truncate(&format!("{row} …"), width.saturating_sub(indent))
                } else {
                    row.clone()
                };
                let prefix = if r == 0 {
                    head.clone()
                } else {
                    " ".repeat(indent)
                };
                lines.push(Line::styled(format!("{prefix}{row}"), style));
            }
        }
    }
    let height = usize::from(area.height.saturating_sub(2));
    let scroll = highlighted_line.saturating_sub(height / 2);
    let title = if focused.is_some() {
        " Outline: Enter goes there "
    } else {
        " Outline (o) "
    };
    let border = if focused.is_some() { s.accent } else { s.dim };
    let mut block = Block::default()
        .borders(Borders::RIGHT)
        .title(title)
        .border_style(border);
    if m.translating().is_some() {
        block = block.title_bottom(" ? to translate  ≠ outdated ");
    }
    // Only the rows shown go to the paragraph: it lays out every line it
    // is given, scrolled away or not, on each frame.
    let rows = usize::from(block.inner(area).height);
    let shown_rows: Vec<Line> = lines.into_iter().skip(scroll).take(rows).collect();
    Paragraph::new(shown_rows).block(block).render(area, buf);
}
