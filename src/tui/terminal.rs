//! Taking the terminal and giving it back: raw mode, the alternate screen
//! and bracketed paste, for the wizard and the summary view alike.

use std::io;

/// The signals that save and quit: a terminal closed, a shutdown, a
/// Ctrl-C that reached the process as a signal.
pub const QUIT_SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// The terminal of the wizard and the summary view.
pub type Term = ratatui::Terminal<super::backend::Lean<io::Stdout>>;

/// Raw mode, the alternate screen and bracketed paste. Done by hand rather
/// than with `ratatui::try_init`, whose own panic hook prints (and so panics
/// again, aborting) when the terminal is gone; ours is `run`'s.
pub fn enter() -> io::Result<Term> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(
        io::stdout(),
        crossterm::terminal::EnterAlternateScreen,
        crossterm::event::EnableBracketedPaste
    )?;
    ratatui::Terminal::new(super::backend::Lean::new(io::stdout()))
}

/// Restores the terminal. Never panics, never prints: it runs in the panic
/// hook and after a hang-up, when there may be no terminal to print to (a
/// panic inside the hook would abort the process before the draft is saved).
pub fn leave() {
    let _ = crossterm::terminal::disable_raw_mode();
    // The screen is cleared before it is left: after a resize, tmux kept
    // the rows around the cursor (answers) on the shell's screen.
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::event::DisableBracketedPaste,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        crossterm::cursor::MoveTo(0, 0),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}
