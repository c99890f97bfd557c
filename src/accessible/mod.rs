//! The accessible mode: the same questionnaire, drafts, review and export
//! as the wizard, line by line, for screen readers and plain terminals.
//!
//! No alternate screen, no cursor addressing, no colour, no redraws: each
//! prompt is printed once, and answers are read as lines from standard
//! input (cooked mode, so it works piped, under `script`, over a serial
//! console and in an Emacs shell buffer). Everything written passes
//! through `text::visible`, so no escape byte from user data (or a
//! questionnaire file) ever reaches the terminal. The rules are the
//! core's (`crate::workspace`); this module only reads and writes lines.
//! What each prompt prints, and why: `docs/accessibility.md`.

pub mod command;
mod conversation;
pub mod prompts;

pub use conversation::{Conversation, Ending};

use std::ffi::OsString;

/// Why the accessible mode is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `--accessible`.
    Flag,
    /// `QUIRE_ACCESSIBLE` or `ACCESSIBLE` is set.
    Env(&'static str),
    /// `TERM=dumb`: the terminal cannot do full screen.
    DumbTerminal,
}

/// Whether an environment variable turns the mode on: set, not empty, and
/// not `0`, `false`, `no` or `off` (as `NO_COLOR`-style switches are read).
fn switched_on(value: &OsString) -> Option<bool> {
    let v = value.to_string_lossy().trim().to_lowercase();
    if v.is_empty() {
        return None;
    }
    Some(!matches!(v.as_str(), "0" | "false" | "no" | "off"))
}

/// Whether to run the accessible mode, and why: the flag, then
/// `QUIRE_ACCESSIBLE` (which, set to `0`, also overrides `ACCESSIBLE`),
/// then `ACCESSIBLE` (the variable other command-line tools read), then a
/// terminal that cannot do full screen (`TERM=dumb`).
pub fn wanted(flag: bool, var: impl Fn(&str) -> Option<OsString>) -> Option<Why> {
    if flag {
        return Some(Why::Flag);
    }
    match var("QUIRE_ACCESSIBLE").as_ref().and_then(switched_on) {
        Some(true) => return Some(Why::Env("QUIRE_ACCESSIBLE")),
        Some(false) => {}
        None => {
            if var("ACCESSIBLE").as_ref().and_then(switched_on) == Some(true) {
                return Some(Why::Env("ACCESSIBLE"));
            }
        }
    }
    (var("TERM").is_some_and(|t| t == "dumb")).then_some(Why::DumbTerminal)
}

/// The line said first when the mode was not asked for.
pub fn why_line(why: Why) -> Option<&'static str> {
    match why {
        Why::DumbTerminal => Some(
            "This terminal (TERM=dumb) cannot show the full-screen wizard, so quire asks its questions line by line (the accessible mode).",
        ),
        Why::Flag | Why::Env(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[rstest]
    #[case::nothing(false, &[], None)]
    #[case::flag(true, &[("QUIRE_ACCESSIBLE", "0")], Some(Why::Flag))]
    #[case::quire_var(false, &[("QUIRE_ACCESSIBLE", "1")], Some(Why::Env("QUIRE_ACCESSIBLE")))]
    #[case::generic_var(false, &[("ACCESSIBLE", "yes")], Some(Why::Env("ACCESSIBLE")))]
    #[case::generic_var_any_value(false, &[("ACCESSIBLE", "screenreader")], Some(Why::Env("ACCESSIBLE")))]
    #[case::empty_is_unset(false, &[("ACCESSIBLE", "")], None)]
    #[case::zero_is_off(false, &[("ACCESSIBLE", "0")], None)]
    #[case::false_is_off(false, &[("QUIRE_ACCESSIBLE", "False")], None)]
    #[case::quire_off_wins(false, &[("QUIRE_ACCESSIBLE", "0"), ("ACCESSIBLE", "1")], None)]
    #[case::dumb(false, &[("TERM", "dumb")], Some(Why::DumbTerminal))]
    #[case::dumb_even_when_off(false, &[("TERM", "dumb"), ("QUIRE_ACCESSIBLE", "0")], Some(Why::DumbTerminal))]
    #[case::xterm(false, &[("TERM", "xterm-256color")], None)]
    fn turning_it_on(#[case] flag: bool, #[case] vars: &[(&str, &str)], #[case] want: Option<Why>) {
        assert_eq!(wanted(flag, env(vars)), want);
    }
}
