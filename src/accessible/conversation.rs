//! The accessible mode's loop: read a line, do what it says through the
//! core's session, say what happened in a sentence. Generic over where
//! lines come from and go to, so that tests hold the whole conversation
//! in memory.

use super::command::{self, Command, Reply, text_line, yes_no};
use super::prompts::{self, FieldKind, current, field_kind};
use crate::answers::{Answers, Chosen, Value};
use crate::draft::{DraftStore, SaveReason};
use crate::paths::{self, Places};
use crate::questionnaire::Questionnaire;
use crate::text::{self, visible};
use crate::workspace::{self, Place, Session, language};
use chrono::NaiveDate;
use std::io::{self, BufRead, Write};

/// How the conversation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// No draft was open.
    Nothing,
    /// Draft `id` was saved (or open read-only) and closed.
    Closed { id: String, read_only: bool },
    /// The draft could not be saved: where the answers went instead.
    Unsaved(String),
}

type Editor<'a> = Box<dyn FnMut(&str) -> Result<String, String> + 'a>;

/// Lines in, lines out.
pub struct Conversation<'a, R, W> {
    input: R,
    out: W,
    editor: Editor<'a>,
    /// Where the user's files are: what `~` means, where an export starts.
    pub places: Places,
    /// The report's date; `None` for today.
    pub date: Option<NaiveDate>,
    /// What resumes a draft, said when quitting (`quire --accessible open`).
    pub resume: String,
}

/// What the start screen led to.
enum Start {
    Open(Box<Session>),
    Again,
    Quit,
}

impl<'a, R: BufRead, W: Write> Conversation<'a, R, W> {
    /// A conversation on `input` and `out`, editing in the user's editor.
    pub fn new(input: R, out: W) -> Self {
        Self {
            input,
            out,
            editor: Box::new(crate::external_editor::run),
            places: Places::default(),
            date: None,
            resume: "quire --accessible open".into(),
        }
    }

    /// Edits text answers with `editor` instead of the user's editor.
    pub fn with_editor(mut self, editor: impl FnMut(&str) -> Result<String, String> + 'a) -> Self {
        self.editor = Box::new(editor);
        self
    }

    /// Writes a line; what it quotes never reaches the terminal as an
    /// escape (`text::visible`).
    fn say(&mut self, line: &str) -> io::Result<()> {
        writeln!(self.out, "{}", visible(line))?;
        self.out.flush()
    }

    fn say_all(&mut self, lines: &[String]) -> io::Result<()> {
        for l in lines {
            writeln!(self.out, "{}", visible(l))?;
        }
        self.out.flush()
    }

    /// Writes a prompt, the cursor left after it.
    fn ask(&mut self, prompt: &str) -> io::Result<()> {
        write!(self.out, "{}", visible(prompt))?;
        self.out.flush()
    }

    /// The next line typed, by the one rule for user text (what it removes
    /// is said); `None` at the end of input.
    fn read(&mut self) -> io::Result<Option<String>> {
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        let end = bytes.len()
            - usize::from(bytes.ends_with(b"\n"))
            - usize::from(bytes.ends_with(b"\r\n"));
        let line = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let cleaned = text::clean(&line);
        if !cleaned.removed.is_empty() {
            self.say(&format!("Removed {} from what you typed.", cleaned.removed))?;
        }
        // A line break inside the line (a lone CR, U+2028) is a space.
        Ok(Some(cleaned.text.replace('\n', " ")))
    }

    /// Runs the conversation: opens draft `open`, or lists the drafts,
    /// then asks the questions until `quit` or the end of input.
    pub fn run(
        &mut self,
        q: &Questionnaire,
        store: &DraftStore,
        open: Option<&str>,
    ) -> io::Result<Ending> {
        self.say(&format!("quire: {}", q.title))?;
        self.say("Accessible mode: each prompt is printed once. Type help at any prompt for the commands.")?;
        let mut opened = match open {
            Some(id) => match workspace::open(store, q, id) {
                Ok(o) => Some(Session::new(q.clone(), store.clone(), o)),
                Err(e) => {
                    self.say(&format!("Cannot open draft {id}: {e}"))?;
                    None
                }
            },
            None => None,
        };
        loop {
            if let Some(s) = opened.take() {
                return self.answering(s);
            }
            match self.start(q, store)? {
                Start::Open(s) => opened = Some(*s),
                Start::Again => {}
                Start::Quit => return Ok(Ending::Nothing),
            }
        }
    }

    /// The start screen: the drafts by number, `new`, `import`, `quit`.
    fn start(&mut self, q: &Questionnaire, store: &DraftStore) -> io::Result<Start> {
        let drafts = workspace::list(store, q);
        if drafts.is_empty() {
            self.say("There are no drafts yet, so a new assessment starts.")?;
            return self.new_assessment(q, store);
        }
        self.say("Drafts, the most recently saved first:")?;
        for (i, d) in drafts.iter().enumerate() {
            let line = match (&d.unreadable, d.progress) {
                (Some(why), _) => format!("{}. {}: cannot be opened: {why}.", i + 1, d.id),
                (None, progress) => {
                    let (done, total) = progress.unwrap_or_default();
                    let saved = d
                        .updated
                        .map(|t| format!(", last saved {}", t.format("%Y-%m-%d %H:%M")))
                        .unwrap_or_default();
                    format!(
                        "{}. {}: {}, {done} of {total} required answers{saved}.",
                        i + 1,
                        d.id,
                        d.organization
                    )
                }
            };
            self.say(&line)?;
        }
        loop {
            self.ask("Type a draft's number to open it, new for a new assessment, import to import a published report, or quit: ")?;
            let Some(line) = self.read()? else {
                return Ok(Start::Quit);
            };
            let typed = line.trim();
            let lower = typed.to_lowercase();
            match lower.as_str() {
                "" => {}
                "quit" | "exit" => return Ok(Start::Quit),
                "help" | "?" => self.say("Type the number of a draft listed above to go on answering it, new to start a new assessment, import and a file name to make a draft from a published report, or quit to leave.")?,
                "new" => return self.new_assessment(q, store),
                _ if lower == "import" || lower.starts_with("import ") => {
                    return self.import(q, store, typed["import".len()..].trim());
                }
                _ => match typed.parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|n| drafts.get(n)) {
                    Some(d) if d.unreadable.is_some() => self.say(&format!(
                        "Draft {} cannot be opened: {}.",
                        d.id,
                        d.unreadable.as_deref().unwrap_or_default()
                    ))?,
                    Some(d) => match workspace::open(store, q, &d.id) {
                        Ok(o) => return Ok(Start::Open(Box::new(Session::new(q.clone(), store.clone(), o)))),
                        Err(e) => self.say(&format!("Cannot open draft {}: {e}", d.id))?,
                    },
                    None => self.say(&format!(
                        "\"{typed}\" is not a draft number or a command; type a number from 1 to {}, new, import or quit.",
                        drafts.len()
                    ))?,
                },
            }
        }
    }

    /// Asks the header fields (the organization), then creates the draft.
    fn new_assessment(&mut self, q: &Questionnaire, store: &DraftStore) -> io::Result<Start> {
        let mut answers = Answers::new();
        for f in &q.header_fields {
            let need = if f.required { "required" } else { "optional" };
            loop {
                self.ask(&format!("{} ({need}): ", f.label))?;
                let Some(line) = self.read()? else {
                    return Ok(Start::Quit);
                };
                let value = line.trim();
                if value.is_empty() && f.required {
                    self.say(&format!("{} is required.", f.label))?;
                    continue;
                }
                if !value.is_empty() {
                    answers.header.insert(f.id.clone(), value.to_owned());
                }
                break;
            }
        }
        match workspace::create(store, q, answers, crate::draft::now(), SaveReason::Create) {
            Ok(o) => {
                let s = Session::new(q.clone(), store.clone(), o);
                self.say(&format!("Created draft {}.", s.draft().id))?;
                Ok(Start::Open(Box::new(s)))
            }
            Err(e) => {
                self.say(&format!("Cannot create the draft: {e}"))?;
                Ok(Start::Again)
            }
        }
    }

    fn import(&mut self, q: &Questionnaire, store: &DraftStore, typed: &str) -> io::Result<Start> {
        let typed = if typed.is_empty() {
            self.ask("Import which report file? ")?;
            match self.read()? {
                Some(l) => l.trim().to_owned(),
                None => return Ok(Start::Quit),
            }
        } else {
            typed.to_owned()
        };
        if typed.is_empty() {
            return Ok(Start::Again);
        }
        let path = paths::resolve(&typed, &self.places);
        match workspace::import(store, q, &path, crate::draft::now()) {
            Ok(o) => Ok(Start::Open(Box::new(Session::new(
                q.clone(),
                store.clone(),
                o,
            )))),
            Err(e) => {
                self.say(&e)?;
                Ok(Start::Again)
            }
        }
    }

    /// Says what opening the draft found: read-only, answers set aside.
    fn opened(&mut self, s: &Session) -> io::Result<()> {
        let d = s.draft();
        self.say(&format!("Draft {}: {}.", d.id, d.organization()))?;
        if let Some(why) = s.read_only() {
            self.say(&format!("Read-only: {why}. Nothing you answer is saved."))?;
        }
        if !s.orphans_moved.is_empty() {
            let n = s.orphans_moved.len();
            self.say(&format!(
                "{} (review lists them).",
                crate::wording::set_aside(n)
            ))?;
        }
        if let Some(note) = s.note.clone() {
            self.say(&note)?;
        }
        Ok(())
    }

    /// Asks the questions of `s` until `quit` or the end of input.
    fn answering(&mut self, mut s: Session) -> io::Result<Ending> {
        self.opened(&s)?;
        let questions = s.questionnaire().questions.len();
        let mut shown: Option<Place> = None;
        loop {
            if shown.as_ref() != Some(s.place()) {
                self.say("")?;
                self.say_all(&prompts::field_block(&s))?;
                shown = Some(s.place().clone());
            }
            self.ask(&prompts::prompt_line(&s))?;
            let Some(line) = self.read()? else {
                return self.close(&mut s, true);
            };
            let reply = match current(&s).map(|(q, k)| field_kind(q, k)) {
                None => match command::command(&line, questions) {
                    Some(c) => c.map(Reply::Command),
                    None if line.trim().is_empty() => Ok(Reply::Keep),
                    None => Err(format!(
                        "\"{}\" is not a command; type help for the commands.",
                        line.trim()
                    )),
                },
                Some(FieldKind::Choice { multiple }) => {
                    let question = current(&s)
                        .and_then(|(q, _)| s.texts().question(&q.id))
                        .cloned();
                    let labels: Vec<String> = question
                        .iter()
                        .flat_map(|q| q.options.iter().map(|o| o.label.to_string()))
                        .collect();
                    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                    command::choice_reply(&line, &labels, multiple, questions)
                }
                Some(FieldKind::Text | FieldKind::Line) => command::text_reply(&line, questions),
            };
            match reply {
                Err(why) => self.say(&why)?,
                Ok(Reply::Keep) if s.place() == &Place::End => {
                    self.say("Type review, export, back, go and a number, or quit.")?;
                }
                Ok(Reply::Keep) => {
                    s.advance();
                    self.persist(&mut s)?;
                }
                Ok(Reply::Command(c)) => {
                    if matches!(c, Command::Go(_)) {
                        shown = None;
                    }
                    if let Some(end) = self.command(&mut s, c)? {
                        return Ok(end);
                    }
                }
                Ok(Reply::Choose(indices)) => {
                    let value = choice_value(&s, &indices);
                    self.give(&mut s, value)?;
                }
                Ok(Reply::Text(first)) => {
                    let kind = current(&s).map(|(q, k)| field_kind(q, k));
                    let (text, ended) = match kind {
                        Some(FieldKind::Line) => (text_line(&first).unwrap_or("").to_owned(), true),
                        _ => self.rest_of_text(&first)?,
                    };
                    let text = crate::report::bullets::normalize_insert(&text, true).into_owned();
                    self.give(&mut s, Some(Value::Text(text)))?;
                    if !ended {
                        self.say("End of input: the answer typed so far is kept.")?;
                        return self.close(&mut s, false);
                    }
                }
            }
        }
    }

    /// The lines of a text answer up to the line holding only a dot; the
    /// answer, and whether that line came (else the input ended).
    fn rest_of_text(&mut self, first: &str) -> io::Result<(String, bool)> {
        let mut lines: Vec<String> = Vec::new();
        let mut next = Some(first.to_owned());
        let ended = loop {
            let Some(line) = next.take() else {
                match self.read()? {
                    Some(l) => next = Some(l),
                    None => break false,
                }
                continue;
            };
            match text_line(&line) {
                None => break true,
                Some(t) => lines.push(t.to_owned()),
            }
        };
        // Blank lines before or after the answer say nothing.
        let start = lines.iter().position(|l| !l.trim().is_empty());
        let end = lines.iter().rposition(|l| !l.trim().is_empty());
        let text = match (start, end) {
            (Some(a), Some(b)) => lines[a..=b].join("\n"),
            _ => String::new(),
        };
        Ok((text, ended))
    }

    /// Applies an answer, saves it, and says what changed.
    fn give(&mut self, s: &mut Session, value: Option<Value>) -> io::Result<()> {
        match s.answer(value) {
            Ok(step) => {
                self.say_all(&step.facts)?;
                if step.changed {
                    self.say("Saved.")?;
                }
                Ok(())
            }
            Err(why) => self.say(&why),
        }
    }

    /// Keeps the new position in the draft; a failure is said.
    fn persist(&mut self, s: &mut Session) -> io::Result<()> {
        match s.persist(SaveReason::Field) {
            Ok(()) => Ok(()),
            Err(why) => self.say(&why),
        }
    }

    /// Does a command; `Some` when the conversation ends.
    fn command(&mut self, s: &mut Session, c: Command) -> io::Result<Option<Ending>> {
        match c {
            Command::Help => self.say_all(&prompts::help(s))?,
            Command::Back => match s.back() {
                Ok(()) => self.persist(s)?,
                Err(why) => self.say(&why)?,
            },
            Command::Next if s.place() == &Place::End => {
                self.say("There is no question after this; type review, export or quit.")?;
            }
            Command::Next => {
                s.next_question();
                self.persist(s)?;
            }
            Command::Go(n) => match s.go(n) {
                Ok(()) => self.persist(s)?,
                Err(why) => self.say(&why)?,
            },
            Command::Review => {
                let publication = s.publication(self.today());
                self.say_all(&prompts::review(s, &publication))?;
            }
            Command::Missing => self.say_all(&prompts::missing(s))?,
            Command::Export => self.export(s)?,
            Command::Save => match s.persist(SaveReason::Other) {
                Ok(()) if s.read_only().is_some() => {
                    self.say("This draft is open read-only: nothing is saved.")?;
                }
                Ok(()) => self.say("Saved.")?,
                Err(why) => self.say(&why)?,
            },
            Command::Quit => return self.close(s, false).map(Some),
            Command::Edit => self.edit(s)?,
            Command::Lang(typed) => self.language(s, typed.as_deref())?,
            Command::Keep => match s.confirm_translation() {
                Ok(()) => self.say("Kept the translation as up to date. Saved.")?,
                Err(why) => self.say(&why)?,
            },
        }
        Ok(None)
    }

    /// `lang fr`: the questions, options and text answers in that
    /// language from the next prompt on; the field is said again in it.
    fn language(&mut self, s: &mut Session, typed: Option<&str>) -> io::Result<()> {
        let q = s.questionnaire();
        let Some(typed) = typed else {
            let line = format!(
                "Questions and answers are in {}. This questionnaire has {}: type lang and a language, for example lang {}.",
                language::name(s.language()),
                language::listed(q),
                language::next(q, s.language())
            );
            return self.say(&line);
        };
        if let Err(why) = s.set_language(typed) {
            return self.say(&why);
        }
        let source = s.draft().source_language(s.questionnaire()).to_owned();
        let line = match s.translating() {
            None => format!(
                "Questions and answers in {}, the language the answers are written in.",
                language::name(s.language())
            ),
            Some(l) => format!(
                "Questions and answers in {}: text answers are now their {} translations, beside the {} answer; choices are shared.",
                language::name(l),
                language::name(l),
                language::name(&source)
            ),
        };
        self.say(&line)?;
        self.say("")?;
        self.say_all(&prompts::field_block(s))
    }

    fn today(&self) -> NaiveDate {
        self.date
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// `edit`: the text answer goes through the user's editor.
    fn edit(&mut self, s: &mut Session) -> io::Result<()> {
        let Some((question, key)) = current(s) else {
            return self.say("There is no answer here to edit.");
        };
        if matches!(field_kind(question, key), FieldKind::Choice { .. }) {
            return self.say(
                "edit opens a text answer in your editor; this question is answered with option numbers.",
            );
        }
        if let Some(why) = s.read_only() {
            let why = format!("This draft is open read-only ({why}); nothing is saved.");
            return self.say(&why);
        }
        let text = s.text_shown(key).unwrap_or_default().to_owned();
        self.say("Opening your editor; save the file and close the editor to come back.")?;
        match (self.editor)(&text) {
            Ok(raw) => {
                let cleaned = text::clean(crate::external_editor::from_external_editor(&raw));
                if !cleaned.removed.is_empty() {
                    self.say(&format!(
                        "Removed {} from the text from the editor.",
                        cleaned.removed
                    ))?;
                }
                self.give(s, Some(Value::Text(cleaned.text)))
            }
            Err(why) => self.say(&format!(
                "The editor failed ({why}); your answer is unchanged."
            )),
        }
    }

    /// Asks yes or no until one is typed; the end of input is no.
    fn confirm(&mut self, question: &str) -> io::Result<bool> {
        loop {
            self.ask(question)?;
            let Some(line) = self.read()? else {
                return Ok(false);
            };
            match yes_no(&line) {
                Some(answer) => return Ok(answer),
                None => self.say("Type yes or no.")?,
            }
        }
    }

    /// `export`: the rules of `quire export`. Refused while required
    /// answers are missing unless the user agrees to an incomplete report;
    /// a file that exists is replaced only when the user says so.
    fn export(&mut self, s: &mut Session) -> io::Result<()> {
        let publication = s.publication(self.today());
        let refusal = publication.refusal();
        if refusal.is_some() {
            self.say_all(&prompts::missing(s))?;
            if !self.confirm("Export anyway, as an incomplete report? Type yes or no: ")? {
                return self.say("Nothing was exported.");
            }
        }
        let name = s.proposed_name();
        let folder = paths::export_folder(s.export_folder.as_deref(), &self.places);
        let proposal = paths::export_proposal(folder, &name, self.places.home.as_deref());
        self.ask(&format!(
            "Write the report to which file? Enter writes {proposal}: "
        ))?;
        let Some(typed) = self.read()? else {
            return Ok(());
        };
        let typed = match typed.trim() {
            "" => proposal,
            t => t.to_owned(),
        };
        let path = paths::resolve(&paths::export_target(&typed, &name), &self.places);
        if path.exists()
            && !self.confirm(&format!(
                "{} exists. Replace it? Type yes or no: ",
                path.display()
            ))?
        {
            return self.say(&format!("Kept {}; nothing was written.", path.display()));
        }
        match crate::draft::write_file(&path, &publication.text) {
            Ok(()) => {
                let written = std::path::absolute(&path).unwrap_or(path);
                self.say(&format!("Report written to {}.", written.display()))?;
                if let Some(r) = refusal {
                    self.say(&format!("It is incomplete: {r}."))?;
                }
                for skipped in &publication.skipped {
                    self.say(&format!("Note: {}.", skipped.message()))?;
                }
                s.exported_to(&written);
                Ok(())
            }
            Err(e) => self.say(&format!("Export failed: {e}")),
        }
    }

    /// Saves for the last time and says how to resume.
    fn close(&mut self, s: &mut Session, end_of_input: bool) -> io::Result<Ending> {
        if end_of_input {
            self.say("")?;
            self.say("End of input.")?;
        }
        let id = s.draft().id.to_string();
        let read_only = s.read_only().is_some();
        if let Err(note) = s.close() {
            return Ok(Ending::Unsaved(note));
        }
        if read_only {
            self.say(&format!(
                "Closed draft {id} (read-only: nothing was saved)."
            ))?;
        } else {
            let resume = self.resume.clone();
            self.say(&format!("Saved draft {id}; resume with: {resume} {id}"))?;
        }
        Ok(Ending::Closed { id, read_only })
    }
}

/// The answer the option indices give the question the user is on; `None`
/// for none. On a multiple choice, labels an imported report named that
/// are not options of the question stay (the numbers replace only the
/// listed options); a single choice holds what was typed, as in the
/// wizard.
fn choice_value(s: &Session, indices: &[usize]) -> Option<Value> {
    let (question, key) = current(s)?;
    if indices.is_empty() {
        return None;
    }
    let mut chosen: Vec<Chosen> = indices
        .iter()
        .filter_map(|&i| question.options.get(i))
        .map(|o| Chosen::Option(o.id.clone()))
        .collect();
    if let (Some(Value::Choice(before)), crate::questionnaire::Kind::MultipleChoice) =
        (s.answers().get(key), question.kind)
    {
        chosen.extend(
            before
                .iter()
                .filter(|c| matches!(c, Chosen::Unlisted(_)))
                .cloned(),
        );
    }
    Some(Value::Choice(chosen))
}
