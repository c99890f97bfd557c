//! Keys to changes of the model; no I/O.

use super::model::{Model, Tab, reader_page, reader_rows};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// The column to the left (back from the organizations to the bars).
    Left,
    Right,
    /// Into the next column; on an organization, excerpt or date, open
    /// its report.
    Enter,
    /// Close the report; in the lists, quit.
    Back,
    Quit,
    NextTab,
    PrevTab,
    Tab(Tab),
    Resize(u16, u16),
}

/// Applies `msg`; returns whether to quit.
pub fn update(m: &mut Model, msg: Msg) -> bool {
    m.note = None;
    if let Msg::Resize(w, h) = msg {
        m.size = (w, h);
        clamp_reader(m);
        return false;
    }
    if m.reader.is_some() {
        return read(m, msg);
    }
    let page = usize::from(m.size.1.saturating_sub(8)).max(1);
    match msg {
        Msg::Quit | Msg::Back => return true,
        Msg::Up => step(m, -1),
        Msg::Down => step(m, 1),
        Msg::PageUp => step(m, -(page as isize)),
        Msg::PageDown => step(m, page as isize),
        Msg::Home => step(m, isize::MIN / 2),
        Msg::End => step(m, isize::MAX / 2),
        Msg::Left => m.focus = m.focus.saturating_sub(1),
        Msg::Right => right(m),
        Msg::Enter => {
            if m.focus < m.tab.last_column() {
                right(m);
            } else {
                open(m);
            }
        }
        Msg::NextTab | Msg::PrevTab => {
            let k = Tab::ALL.iter().position(|t| *t == m.tab).unwrap_or(0);
            let n = Tab::ALL.len();
            let k = if msg == Msg::NextTab {
                k + 1
            } else {
                k + n - 1
            };
            switch(m, Tab::ALL[k % n]);
        }
        Msg::Tab(t) => switch(m, t),
        Msg::Resize(..) => {}
    }
    false
}

fn switch(m: &mut Model, tab: Tab) {
    if m.tab != tab {
        m.tab = tab;
        m.focus = 0;
    }
}

/// Moves the focus right when the next column has something to select.
fn right(m: &mut Model) {
    if m.focus < m.tab.last_column() && m.len(m.focus + 1) > 0 {
        m.focus += 1;
    }
}

/// Moves the selection of the focused column by `by`, within its list;
/// the columns to its right start again at their first entry.
fn step(m: &mut Model, by: isize) {
    let len = m.len(m.focus);
    if len == 0 {
        return;
    }
    let now = m.selected(m.focus) as isize;
    let to = now.saturating_add(by).clamp(0, len as isize - 1) as usize;
    match (m.tab, m.focus) {
        (Tab::Questions, 0) => {
            m.question = to;
            m.row = 0;
            m.organization = 0;
        }
        (Tab::Questions, 1) => {
            m.row = to;
            m.organization = 0;
        }
        (Tab::Questions, _) => m.organization = to,
        (Tab::Themes, 0) => {
            m.theme = to;
            m.excerpt = 0;
        }
        (Tab::Themes, _) => m.excerpt = to,
        (Tab::Dates, _) => m.date = to,
    }
}

/// Opens the report behind the selected organization, excerpt or date.
fn open(m: &mut Model) {
    let reader = match m.tab {
        Tab::Questions => {
            let Some(name) = m.organizations().into_iter().nth(m.organization) else {
                return;
            };
            let source = m
                .summary
                .organizations
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.source.clone());
            source.and_then(|s| m.reader_for(&s, &name, None, ""))
        }
        Tab::Themes | Tab::Dates => {
            let Some((source, heading, line, sentence)) = m.place_of() else {
                return;
            };
            m.reader_for(&source, &heading, line, &sentence)
        }
    };
    match reader {
        Some(r) => m.reader = Some(r),
        None => m.note = Some("its report is not at hand to open".into()),
    }
}

/// Keys while a report is open: scrolling, and closing it.
fn read(m: &mut Model, msg: Msg) -> bool {
    let (w, h) = m.size;
    let page = reader_page(h);
    let Some(r) = m.reader.as_mut() else {
        return false;
    };
    let last = reader_rows(r, w).len().saturating_sub(page);
    r.scroll = match msg {
        Msg::Quit => return true,
        Msg::Back | Msg::Left => {
            m.reader = None;
            return false;
        }
        Msg::Up => r.scroll.saturating_sub(1),
        Msg::Down => r.scroll + 1,
        Msg::PageUp => r.scroll.saturating_sub(page),
        Msg::PageDown => r.scroll + page,
        Msg::Home => 0,
        Msg::End => last,
        _ => r.scroll,
    }
    .min(last);
    false
}

fn clamp_reader(m: &mut Model) {
    let (w, h) = m.size;
    if let Some(r) = m.reader.as_mut() {
        let last = reader_rows(r, w).len().saturating_sub(reader_page(h));
        r.scroll = r.scroll.min(last);
    }
}
