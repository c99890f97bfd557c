//! Reading what the user typed at a prompt: a command, option numbers, the
//! first line of a text answer, or an empty line that keeps the answer.
//! Every refusal is one sentence that quotes what was typed and says what
//! would be understood.

use crate::workspace::no_such_question;

/// A command, typed alone on a line at any prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Back,
    Next,
    Go(usize),
    Review,
    Missing,
    Export,
    Save,
    Quit,
    Edit,
    /// Questions and answers in the language named (a code or a name);
    /// `None`: say which languages there are.
    Lang(Option<String>),
    /// Keep an outdated translation: the answer changed, the translation
    /// still holds.
    Keep,
}

/// Every command as typed, with what it does: the `help` listing.
pub const COMMANDS: [(&str, &str); 12] = [
    ("help", "list these commands and how to answer this prompt"),
    ("back", "go back to the prompt before this one"),
    (
        "next",
        "go on to the next question, leaving this question's other prompts as they are",
    ),
    ("go N", "go to question N, for example go 7"),
    (
        "review",
        "read the report exactly as it will be exported, then what is missing",
    ),
    ("missing", "list the required answers still missing"),
    ("export", "write the report to a file (you are asked where)"),
    (
        "save",
        "save the draft now (each answer is saved as you give it)",
    ),
    (
        "quit",
        "save the draft and leave; it resumes at this prompt",
    ),
    (
        "edit",
        "open this text answer in your editor ($VISUAL or $EDITOR)",
    ),
    (
        "lang fr",
        "questions and answers in French (lang en: in English); text answers are then their translations",
    ),
    (
        "keep",
        "keep an outdated translation as it is: the answer changed, the translation still holds",
    ),
];

fn named(word: &str) -> Option<Command> {
    Some(match word {
        "help" | "?" => Command::Help,
        "back" => Command::Back,
        "next" => Command::Next,
        "review" => Command::Review,
        "missing" => Command::Missing,
        "export" => Command::Export,
        "save" => Command::Save,
        "quit" | "exit" => Command::Quit,
        "edit" => Command::Edit,
        "keep" => Command::Keep,
        "lang" | "language" => Command::Lang(None),
        _ => return None,
    })
}

/// The command a line holds, if it is one: a command word alone, or `go`
/// and a number. `None` for anything else (text, option numbers), so that
/// a text answer that merely starts with "next" stays text. Questions are
/// numbered from 1 to `questions`.
pub fn command(line: &str, questions: usize) -> Option<Result<Command, String>> {
    let lower = line.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    match words.as_slice() {
        ["go"] => Some(Err(format!(
            "Say which question to go to, for example go 7; questions go from 1 to {questions}."
        ))),
        [word] => named(word).map(Ok),
        ["lang" | "language", l] => Some(Ok(Command::Lang(Some((*l).to_owned())))),
        ["go", n] if n.chars().all(|c| c.is_ascii_digit()) => Some(match n.parse::<usize>() {
            Ok(number) if (1..=questions).contains(&number) => Ok(Command::Go(number)),
            _ => Err(no_such_question_typed(n, questions)),
        }),
        _ => None,
    }
}

/// [`no_such_question`] for a number as typed (it may not fit a `usize`).
fn no_such_question_typed(typed: &str, questions: usize) -> String {
    match typed.parse::<usize>() {
        Ok(n) => no_such_question(n, questions),
        Err(_) => format!("There is no question {typed}; questions go from 1 to {questions}."),
    }
}

/// What a line typed at a prompt means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An empty line: keep the answer as it is and go on.
    Keep,
    Command(Command),
    /// Option indices (0-based, in the options' order); empty for `none`.
    Choose(Vec<usize>),
    /// The first line of a text answer.
    Text(String),
}

/// A line typed at a choice prompt with `options` (their labels): option
/// numbers (several, for `multiple`, as `1,3` or `1 3`), an option's label
/// typed whole, `none`, a command, or Enter.
pub fn choice_reply(
    line: &str,
    options: &[&str],
    multiple: bool,
    questions: usize,
) -> Result<Reply, String> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Ok(Reply::Keep);
    }
    if let Some(c) = command(trimmed, questions) {
        return c.map(Reply::Command);
    }
    if trimmed.eq_ignore_ascii_case("none") {
        return Ok(Reply::Choose(Vec::new()));
    }
    if let Some(i) = options
        .iter()
        .position(|o| o.trim().eq_ignore_ascii_case(trimmed))
    {
        return Ok(Reply::Choose(vec![i]));
    }
    choice(trimmed, options.len(), multiple).map(Reply::Choose)
}

/// Option numbers typed as `2`, `1,3`, `1 3` or `1, 3`: their indices,
/// sorted, each once.
pub fn choice(typed: &str, options: usize, multiple: bool) -> Result<Vec<usize>, String> {
    let range = if options == 2 {
        "choose 1 or 2".to_owned()
    } else {
        format!("choose from 1 to {options}")
    };
    let tokens: Vec<&str> = typed
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .collect();
    let mut chosen = Vec::new();
    for token in &tokens {
        let number = token.parse::<usize>().ok();
        let problem = match number {
            None if tokens.len() == 1 => {
                return Err(format!(
                    "\"{typed}\" is neither an option number nor a command; {range}, or type help."
                ));
            }
            None => format!("{token} is not an option number"),
            Some(n) if n == 0 || n > options => format!("{token} is not an option"),
            Some(n) => {
                chosen.push(n - 1);
                continue;
            }
        };
        return Err(if tokens.len() == 1 {
            format!("{problem}; {range}.")
        } else {
            format!("{typed}: {problem}; {range}.")
        });
    }
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.len() > 1 && !multiple {
        return Err(format!(
            "{typed}: this question takes one answer; {range} (one number)."
        ));
    }
    Ok(chosen)
}

/// The first line typed at a text prompt: Enter keeps the answer, a
/// command line is a command, anything else starts the answer.
pub fn text_reply(line: &str, questions: usize) -> Result<Reply, String> {
    if line.trim().is_empty() {
        return Ok(Reply::Keep);
    }
    match command(line, questions) {
        Some(c) => c.map(Reply::Command),
        None => Ok(Reply::Text(line.to_owned())),
    }
}

/// A line of a text answer after the first: `None` for the line holding
/// only a dot, which ends the answer; a line of two dots stands for a
/// line of one (a dot alone cannot be typed otherwise).
pub fn text_line(line: &str) -> Option<&str> {
    match line {
        "." => None,
        ".." => Some("."),
        other => Some(other),
    }
}

/// A yes-or-no answer: `None` when it is neither. Enter means no: nothing
/// is replaced or exported by a stray key.
pub fn yes_no(line: &str) -> Option<bool> {
    match line.trim().to_lowercase().as_str() {
        "y" | "yes" => Some(true),
        "" | "n" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const FOUR: [&str; 4] = ["Alpha", "Beta", "Gamma", "Delta"];
    const YES_NO: [&str; 2] = ["Yes", "No"];

    #[rstest]
    #[case("help", Some(Ok(Command::Help)))]
    #[case("  BACK ", Some(Ok(Command::Back)))]
    #[case("next", Some(Ok(Command::Next)))]
    #[case("go 7", Some(Ok(Command::Go(7))))]
    #[case("Go 13", Some(Ok(Command::Go(13))))]
    #[case("review", Some(Ok(Command::Review)))]
    #[case("missing", Some(Ok(Command::Missing)))]
    #[case("export", Some(Ok(Command::Export)))]
    #[case("save", Some(Ok(Command::Save)))]
    #[case("quit", Some(Ok(Command::Quit)))]
    #[case("edit", Some(Ok(Command::Edit)))]
    #[case("keep", Some(Ok(Command::Keep)))]
    #[case("lang fr", Some(Ok(Command::Lang(Some("fr".into())))))]
    #[case("LANG English", Some(Ok(Command::Lang(Some("english".into())))))]
    #[case("lang", Some(Ok(Command::Lang(None))))]
    #[case::text_starting_with_lang("lang is a word we use", None)]
    #[case(
        "go 99",
        Some(Err("There is no question 99; questions go from 1 to 13.".to_owned()))
    )]
    #[case(
        "go 0",
        Some(Err("There is no question 0; questions go from 1 to 13.".to_owned()))
    )]
    #[case(
        "go 99999999999999999999999",
        Some(Err("There is no question 99999999999999999999999; questions go from 1 to 13.".to_owned()))
    )]
    #[case(
        "go",
        Some(Err("Say which question to go to, for example go 7; questions go from 1 to 13.".to_owned()))
    )]
    #[case::text_starting_with_a_command("next year we will", None)]
    #[case::go_and_words("go team", None)]
    #[case::unknown_word("frobnicate", None)]
    #[case::empty("", None)]
    fn commands(#[case] line: &str, #[case] want: Option<Result<Command, String>>) {
        assert_eq!(command(line, 13), want);
    }

    #[rstest]
    #[case("", Ok(Reply::Keep))]
    #[case("   ", Ok(Reply::Keep))]
    #[case("2", Ok(Reply::Choose(vec![1])))]
    #[case("1,3", Ok(Reply::Choose(vec![0, 2])))]
    #[case("3 1", Ok(Reply::Choose(vec![0, 2])))]
    #[case("1, 3, 3", Ok(Reply::Choose(vec![0, 2])))]
    #[case("none", Ok(Reply::Choose(vec![])))]
    #[case("gamma", Ok(Reply::Choose(vec![2])))]
    #[case("go 4", Ok(Reply::Command(Command::Go(4))))]
    #[case(
        "3,x",
        Err("3,x: x is not an option number; choose from 1 to 4.".to_owned())
    )]
    #[case("5", Err("5 is not an option; choose from 1 to 4.".to_owned()))]
    #[case("0", Err("0 is not an option; choose from 1 to 4.".to_owned()))]
    #[case("2,9", Err("2,9: 9 is not an option; choose from 1 to 4.".to_owned()))]
    #[case(
        "maybe",
        Err("\"maybe\" is neither an option number nor a command; choose from 1 to 4, or type help.".to_owned())
    )]
    #[case(
        "go 99",
        Err("There is no question 99; questions go from 1 to 13.".to_owned())
    )]
    fn replies_to_a_multiple_choice(#[case] line: &str, #[case] want: Result<Reply, String>) {
        assert_eq!(choice_reply(line, &FOUR, true, 13), want);
    }

    #[rstest]
    #[case("1", Ok(Reply::Choose(vec![0])))]
    #[case("no", Ok(Reply::Choose(vec![1])))]
    #[case("YES", Ok(Reply::Choose(vec![0])))]
    #[case(
        "1,2",
        Err("1,2: this question takes one answer; choose 1 or 2 (one number).".to_owned())
    )]
    #[case("3", Err("3 is not an option; choose 1 or 2.".to_owned()))]
    #[case(
        "-1",
        Err("\"-1\" is neither an option number nor a command; choose 1 or 2, or type help.".to_owned())
    )]
    fn replies_to_a_single_choice(#[case] line: &str, #[case] want: Result<Reply, String>) {
        assert_eq!(choice_reply(line, &YES_NO, false, 13), want);
    }

    #[rstest]
    #[case("", Ok(Reply::Keep))]
    #[case("quit", Ok(Reply::Command(Command::Quit)))]
    #[case("Next steps are planned.", Ok(Reply::Text("Next steps are planned.".into())))]
    #[case("  indented", Ok(Reply::Text("  indented".into())))]
    #[case(
        "go 14",
        Err("There is no question 14; questions go from 1 to 13.".to_owned())
    )]
    fn replies_to_a_text_prompt(#[case] line: &str, #[case] want: Result<Reply, String>) {
        assert_eq!(text_reply(line, 13), want);
    }

    #[test]
    fn a_dot_ends_a_text_answer_and_two_dots_type_one() {
        assert_eq!(text_line("."), None);
        assert_eq!(text_line(".."), Some("."));
        assert_eq!(text_line(". "), Some(". "));
        assert_eq!(text_line(""), Some(""));
    }

    #[rstest]
    #[case("y", Some(true))]
    #[case("Yes", Some(true))]
    #[case("", Some(false))]
    #[case("no", Some(false))]
    #[case("perhaps", None)]
    fn yes_or_no(#[case] line: &str, #[case] want: Option<bool>) {
        assert_eq!(yes_no(line), want);
    }
}
