//! Subcommands of the `quire` binary: thin wiring over the core.

pub mod drafts;
pub mod report;
pub mod summary;

use quire::accessible::{Conversation, Ending, Why};
use quire::draft::{Draft, DraftError, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::text::{for_stream, visible};
use quire::tui::Farewell;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A failure the user has to act on, already worded for them.
#[derive(Debug)]
pub struct Failure(pub String);

impl From<DraftError> for Failure {
    fn from(e: DraftError) -> Self {
        Failure(e.to_string())
    }
}

pub type Outcome = Result<ExitCode, Failure>;

/// Options every subcommand may use.
pub struct Context<'a> {
    pub questionnaire: Option<&'a Path>,
    pub drafts_dir: Option<&'a Path>,
}

impl Context<'_> {
    pub fn questionnaire(&self) -> Result<Questionnaire, Failure> {
        Questionnaire::load(self.questionnaire)
            .map_err(|e| Failure(format!("invalid questionnaire\n{e}")))
    }

    /// The drafts folder, to write drafts (made if missing).
    pub fn store(&self) -> Result<DraftStore, Failure> {
        let store = DraftStore::open(self.drafts_dir()?)?;
        warn_if_open_to_others(&store);
        Ok(store)
    }

    /// The drafts folder, only to read it: nothing is written, so that
    /// listing works on a read-only or someone else's folder.
    pub fn read_store(&self) -> Result<DraftStore, Failure> {
        let store = DraftStore::open_read_only(self.drafts_dir()?)?;
        warn_if_open_to_others(&store);
        Ok(store)
    }

    fn drafts_dir(&self) -> Result<PathBuf, Failure> {
        DraftStore::default_dir(self.drafts_dir).ok_or_else(|| {
            Failure("cannot tell where to keep drafts: no home folder; use --drafts-dir DIR or QUIRE_DRAFTS_DIR".into())
        })
    }
}

/// Says once per command that others can look into the drafts folder:
/// quire does not change the mode of a folder it did not make (a shared
/// folder would lose its sticky bit, a home folder its mode).
fn warn_if_open_to_others(store: &DraftStore) {
    let Some(mode) = store.open_to_others() else {
        return;
    };
    let what = match (mode & 0o044 != 0, mode & 0o022 != 0) {
        (true, true) => "they can see which drafts it holds and add files to it",
        (true, false) => "they can see which drafts it holds",
        _ => "they can add files to it",
    };
    let dir = store.dir().display();
    say(&format!(
        "warning: the drafts folder {dir} is open to other users (mode {mode:04o}): {what}. Drafts are still written private (0600); if the folder is not shared on purpose, `chmod 700 {dir}`"
    ));
}

/// Reads a file, or standard input for `-`, as UTF-8 text.
pub fn read_input(path: &Path) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        // A file cut in the middle of a character (a page saved
        // mid-download): the text before it is read, and that is said.
        Err(e) if e.utf8_error().error_len().is_none() => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            say(&format!(
                "{}: warning: the file ends inside a character (cut off?); its last {} left out",
                shown(path),
                if bytes.len() - valid == 1 {
                    "byte is".to_owned()
                } else {
                    format!("{} bytes are", bytes.len() - valid)
                }
            ));
            bytes.truncate(valid);
            String::from_utf8(bytes)
                .map_err(|_| Failure(format!("{}: not UTF-8 text", path.display())))
        }
        Err(e) => Err(Failure(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))),
    }
}

/// How a path is shown in messages.
pub fn shown(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

/// Writes command output that is data (a report, an id); a reader that
/// went away (`| head`) is not an error. On a terminal, whatever would not
/// print as itself is shown by name; a file or a pipe gets the text
/// exactly (a report stays canonical).
pub fn emit(text: &str) -> Outcome {
    let terminal = std::io::stdout().is_terminal();
    write_out(&for_stream(text, terminal))
}

/// Writes command output meant for people (listings, a draft shown):
/// whatever would not print as itself is shown by name wherever it goes,
/// as in messages (see [`say`]).
pub fn emit_for_people(text: &str) -> Outcome {
    write_out(&visible(text))
}

fn write_out(text: &str) -> Outcome {
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Failure(format!("cannot write to standard output: {e}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Writes a message line to standard error. Messages quote user data (a
/// file name, a line of a report, a draft's text), so what would not print
/// as itself is shown by name whether or not this is a terminal: a log
/// read later with `cat` reaches one too. A failed write is ignored: after
/// a hang-up there is no terminal left to tell.
pub fn say(message: &str) {
    let _ = writeln!(std::io::stderr(), "{}", visible(message));
}

/// [`say`] without the line end, for a question.
pub fn ask(question: &str) {
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "{}", visible(question));
    let _ = stderr.flush();
}

/// A draft as read, by the one rule for user text: what it held that the
/// rule removes (a hand-edited file) is left out of what is shown or
/// exported, and said field by field. The file is not changed.
pub fn cleaned(mut draft: Draft) -> Draft {
    for c in draft.clean() {
        say(&format!(
            "warning: draft {}: {c} (the draft file is left as it is)",
            draft.id
        ));
    }
    draft
}

/// Runs the wizard; `open` resumes a draft.
pub fn wizard(cx: &Context, open: Option<&str>) -> Outcome {
    let q = cx.questionnaire()?;
    let store = cx.store()?;
    if let Some(id) = open {
        // Fail here, with a plain message, rather than inside the wizard.
        store.load(&DraftStore::id(id)?)?;
    }
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure(
            "the wizard needs a terminal; `quire --accessible` asks the questions line by line on standard input and output; for scripts, see `quire --help` (import, export, drafts, fmt)".into(),
        ));
    }
    let farewell =
        quire::tui::run(q, store, open).map_err(|e| Failure(format!("terminal error: {e}")))?;
    match farewell {
        Farewell::Unsaved(note) => Err(Failure(note)),
        Farewell::Closed { id, read_only } => {
            let dir = drafts_dir_words(cx);
            if read_only {
                eprintln!("Closed draft {id} (read-only: nothing was saved).");
            } else {
                eprintln!("Saved draft {id}; resume with: quire {dir}open {id}");
            }
            Ok(ExitCode::SUCCESS)
        }
        Farewell::Nothing => Ok(ExitCode::SUCCESS),
    }
}

/// `--drafts-dir DIR ` when one was given: the same folder next time.
fn drafts_dir_words(cx: &Context) -> String {
    cx.drafts_dir.map_or(String::new(), |d| {
        format!(
            "--drafts-dir {} ",
            visible(&shell_word(&d.display().to_string()))
        )
    })
}

/// Runs the accessible mode on standard input and output; `open` resumes
/// a draft. It needs no terminal: piped input works too.
pub fn accessible(cx: &Context, open: Option<&str>, why: Why) -> Outcome {
    let q = cx.questionnaire()?;
    let store = cx.store()?;
    if let Some(id) = open {
        // Fail here, with a plain message, rather than inside the mode.
        let draft = store.load(&DraftStore::id(id)?)?;
        quire::workspace::check(&q, &draft).map_err(|e| Failure(e.to_string()))?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if let Some(line) = quire::accessible::why_line(why) {
        let _ = writeln!(out, "{line}");
    }
    let mut conversation = Conversation::new(std::io::stdin().lock(), out);
    conversation.places = quire::paths::Places::from_env();
    // Started by TERM=dumb, it starts so again without the flag.
    let flag = if why == Why::DumbTerminal {
        ""
    } else {
        "--accessible "
    };
    conversation.resume = format!("quire {flag}{}open", drafts_dir_words(cx));
    match conversation.run(&q, &store, open) {
        Ok(Ending::Unsaved(note)) => Err(Failure(note)),
        Ok(Ending::Nothing | Ending::Closed { .. }) => Ok(ExitCode::SUCCESS),
        // The reader went away (`| head`): the draft is saved already.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Failure(format!("cannot read or write the terminal: {e}"))),
    }
}

/// `word` as one shell word: quoted when it holds anything but plain
/// path characters.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn a_folder_is_quoted_for_the_shell_only_when_it_must_be() {
        assert_eq!(shell_word("/home/ana/drafts"), "/home/ana/drafts");
        assert_eq!(shell_word("/home/ana/my drafts"), "'/home/ana/my drafts'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
