//! Styles and how text from definitions, drafts and users is drawn.

use super::super::model::Model;
use ratatui::style::{Color, Modifier, Style};

/// Text from a definition, a draft or the user as drawn: whatever would
/// not print as itself is shown by name (`crate::text::visible`), so that
/// no control, bidirectional override or invisible character reaches a cell.
pub(in crate::tui) fn shown(text: &str) -> String {
    crate::text::visible(text).into_owned()
}

/// Report text as drawn: [`shown`], and each tab as the spaces to its tab
/// stop. A widget drops a tab (a control character) while the exported
/// file keeps it; this is how the file shows in a terminal.
pub(super) fn shown_printed(text: &str) -> String {
    crate::text::expand_tabs(&shown(text)).into_owned()
}

/// Styles, with or without colour (NO_COLOR).
pub(in crate::tui) struct Styles {
    pub accent: Style,
    pub dim: Style,
    pub bad: Style,
    pub good: Style,
    pub selected: Style,
    pub title: Style,
}

pub(in crate::tui) fn styles(m: &Model) -> Styles {
    let color = |c: Color| {
        if m.theme.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    };
    Styles {
        accent: color(Color::Cyan).add_modifier(Modifier::BOLD),
        dim: if m.theme.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        },
        bad: color(Color::Yellow).add_modifier(Modifier::BOLD),
        good: color(Color::Green),
        selected: Style::default().add_modifier(Modifier::REVERSED),
        title: Style::default().add_modifier(Modifier::BOLD),
    }
}
