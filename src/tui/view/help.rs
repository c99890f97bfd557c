//! The help screen: every key of every mode, from the key map.

use super::super::keymap::{KEYMAP, Mode, about_languages};
use super::super::layout::{self, columns, wrap};
use super::super::model::Model;
use super::styles;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Whether help label `a` already names key `b` (`PgUp/PgDn` names `PgUp`,
/// `↑↓` names `↓`, `Alt-↑↓` names `Alt-↓`).
fn covers(a: &str, b: &str) -> bool {
    a == b
        || a.split('/').any(|t| t == b)
        || a.strip_suffix("↑↓").is_some_and(|with| {
            b.strip_prefix(with)
                .is_some_and(|arrow| arrow == "↑" || arrow == "↓")
        })
}

pub(super) fn help(m: &Model, scroll: u16, f: &mut Frame, area: Rect) {
    let lines = help_lines(m, area.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (Esc closes, PgUp/PgDn scroll) ");
    // Within the text, should the screen have grown since it was scrolled.
    let scroll = scroll.min(layout::help(m, area).last());
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

/// The help's text for a frame `inner` columns wide inside: the keys of
/// the screen it was opened from first, then every other mode's.
pub(in crate::tui) fn help_lines(m: &Model, inner: u16) -> Vec<Line<'static>> {
    let s = styles(m);
    let inner = usize::from(inner);
    let mut sections = vec![
        (Mode::Start, "Start screen"),
        (Mode::Versions, "Versions of a draft"),
        (Mode::Choice, "Question, choosing options"),
        (Mode::Text, "Question, writing in the answer box"),
        (Mode::Browse, "Question, answer box left with Esc"),
        (Mode::Outline, "Outline"),
        (Mode::Review, "Review"),
        (Mode::Prompt, "Prompts"),
        (Mode::Confirm, "Confirmations"),
        (Mode::Ask, "Questions before deleting or restoring"),
        (Mode::ExportAnyway, "Exporting with answers missing"),
        (Mode::Help, "This help"),
    ];
    // The keys of the screen the help was opened from come first.
    let here = m.screen_mode();
    sections.sort_by_key(|(mode, _)| *mode != here);
    let mut lines = Vec::new();
    for (mode, name) in sections {
        lines.push(Line::styled(name, s.title));
        let mut seen: Vec<&str> = Vec::new();
        let mut listed = Vec::new();
        for b in KEYMAP
            .iter()
            .filter(|b| b.modes.contains(&mode))
            .filter(|b| m.bilingual() || !about_languages(b))
        {
            // `↓` is listed with `↑↓`, `PgUp` with `PgUp/PgDn`.
            if seen.iter().any(|l| covers(l, b.label)) {
                continue;
            }
            seen.push(b.label);
            listed.push(b);
        }
        // The keys in one column, as wide as the longest (within reason:
        // a longer one gets its description after two spaces).
        let column = listed
            .iter()
            .map(|b| columns(b.label))
            .filter(|&w| w <= 18)
            .max()
            .unwrap_or(10);
        // A description that wraps continues under itself.
        let indent = column + 4;
        for b in listed {
            let pad = column.saturating_sub(columns(b.label)) + 2;
            let label = format!("  {}{}", b.label, " ".repeat(pad));
            let room = inner.saturating_sub(columns(&label).max(indent)).max(10);
            for (i, row) in wrap(b.help, room).into_iter().enumerate() {
                lines.push(if i == 0 {
                    Line::from(vec![Span::styled(label.clone(), s.accent), Span::raw(row)])
                } else {
                    Line::raw(format!("{}{row}", " ".repeat(indent)))
                });
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(
        "Lists in answers: write `- item` or `1. item`, two spaces more per level. Everything is saved as you go.",
        s.dim,
    ));
    lines
}
