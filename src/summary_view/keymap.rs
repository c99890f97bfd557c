//! The one key map of the summary view: lookup and the help line both
//! read this table.

use super::model::Tab;
use super::update::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a key applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Where {
    Lists,
    Reader,
    Both,
}

pub struct Binding {
    pub codes: &'static [KeyCode],
    pub msg: Msg,
    pub applies: Where,
    /// On the help line, as this.
    pub hint: Option<&'static str>,
}

const fn key(
    codes: &'static [KeyCode],
    msg: Msg,
    applies: Where,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        codes,
        msg,
        applies,
        hint,
    }
}

use KeyCode::*;
use Where::*;

pub const KEYS: &[Binding] = &[
    key(&[Up, Char('k')], Msg::Up, Lists, Some("↑↓ select")),
    key(
        &[Up, Char('k')],
        Msg::Up,
        Reader,
        Some("↑↓ PgUp PgDn scroll"),
    ),
    key(&[Down, Char('j')], Msg::Down, Both, None),
    key(&[PageUp], Msg::PageUp, Both, None),
    key(&[PageDown, Char(' ')], Msg::PageDown, Both, None),
    key(&[Home, Char('g')], Msg::Home, Both, None),
    key(&[End, Char('G')], Msg::End, Both, None),
    key(&[Left, Char('h')], Msg::Left, Lists, Some("←→ column")),
    key(&[Right, Char('l')], Msg::Right, Lists, None),
    key(&[Enter], Msg::Enter, Lists, Some("Enter open")),
    key(&[Tab], Msg::NextTab, Lists, Some("Tab/1-3 tabs")),
    key(&[BackTab], Msg::PrevTab, Lists, None),
    key(&[Char('1')], Msg::Tab(Tab::Questions), Lists, None),
    key(&[Char('2')], Msg::Tab(Tab::Themes), Lists, None),
    key(&[Char('3')], Msg::Tab(Tab::Dates), Lists, None),
    key(
        &[Esc, Left, Char('h')],
        Msg::Back,
        Reader,
        Some("Esc close"),
    ),
    key(&[Esc], Msg::Back, Lists, None),
    key(&[Char('q')], Msg::Quit, Lists, Some("q/Esc quit")),
    key(&[Char('q')], Msg::Quit, Reader, Some("q quit")),
];

fn applies(b: &Binding, reading: bool) -> bool {
    match b.applies {
        Both => true,
        Lists => !reading,
        Reader => reading,
    }
}

/// The message for a key; `reading` when a report is open.
pub fn lookup(reading: bool, key: &KeyEvent) -> Option<Msg> {
    if key.modifiers == KeyModifiers::CONTROL && key.code == Char('c') {
        return Some(Msg::Quit);
    }
    if !(key.modifiers - KeyModifiers::SHIFT).is_empty() {
        return None;
    }
    KEYS.iter()
        .find(|b| applies(b, reading) && b.codes.contains(&key.code))
        .map(|b| b.msg)
}

/// The keys that matter here, for the line at the foot of the screen.
pub fn help_line(reading: bool) -> String {
    KEYS.iter()
        .filter(|b| applies(b, reading))
        .filter_map(|b| b.hint)
        .collect::<Vec<_>>()
        .join("  ")
}
