//! The outline beside a question: parts and questions with their marks.

use super::super::model::{Model, Session};
use super::{Current, shown, styles, truncate};
use crate::answers::{FieldKey, Value};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::Question;
use crate::report;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

/// The mark of a question in the outline.
fn mark(
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
    if missing {
        ("!", true)
    } else if answers
        .get(&FieldKey::main(&q.id))
        .is_some_and(Value::is_answered)
    {
        ("✓", false)
    } else {
        ("·", false)
    }
}

pub(super) fn outline(m: &Model, cur: &Current, session: &Session, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let (answers, flow) = (cur.answers, &cur.flow);
    let q = &m.questionnaire;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();
    let mut current_line = 0;
    for (p, part) in q.parts.iter().enumerate() {
        lines.push(Line::styled(
            truncate(
                &format!("{}. {}", report::roman(p + 1), shown(part.title.as_str())),
                width,
            ),
            s.title,
        ));
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            let (mark, bad) = mark(flow, answers, i, question);
            let current = i == session.question;
            let text = truncate(
                &format!(
                    " {mark} {:>2} {}",
                    question.number,
                    shown(question.text.as_str())
                ),
                width,
            );
            let style = match (current, bad, mark) {
                (true, ..) => s.selected,
                (_, true, _) => s.bad,
                (_, _, "–") => s.dim,
                _ => Style::default(),
            };
            if current {
                current_line = lines.len();
            }
            lines.push(Line::styled(text, style));
        }
    }
    let height = usize::from(area.height.saturating_sub(2));
    let scroll = current_line.saturating_sub(height / 2) as u16;
    let block = Block::default().borders(Borders::RIGHT).title(" Outline ");
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
