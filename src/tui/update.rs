//! `update`: the only place the model changes. No I/O: what needs the
//! world is returned as effects for the shell to perform.

use super::editing;
use super::editor::Group;
use super::keymap::Mode;
use super::layout;
use super::model::{
    Editor, Issue, Model, Overlay, Page, PastVersion, Prompt, PromptKind, RETRY_SAVE_SECS,
    ReviewState, SaveState, Screen, Session, Showing, TranslationStates, from_external_editor,
    set_text, single,
};
use super::msg::{Effect, Msg, Opened};
use super::path_prompt;
use super::start;
use crate::answers::{Chosen, FieldKey, Value};
use crate::draft::{SaveReason, TextKey, TranslationState};
use crate::flow::Flow;
use crate::report;
use crate::text::{self, Removed};
use crate::workspace::language;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Whether a message comes from the user: a user's action replaces the
/// last status message.
fn from_user(msg: &Msg) -> bool {
    !matches!(
        msg,
        Msg::Tick(_)
            | Msg::Resize(..)
            | Msg::Saved(_)
            | Msg::Edited(_)
            | Msg::Exported(_)
            | Msg::Opened(_)
            | Msg::Listed { .. }
            | Msg::Drafts { .. }
            | Msg::VersionsRead(_)
    )
}

/// Applies a message; returns the effects to perform.
pub fn update(m: &mut Model, msg: Msg) -> Vec<Effect> {
    // The "too small" screen hides the answer: keys typed blind must not
    // change it. Quitting still works (and saves).
    if m.too_small() && from_user(&msg) && !matches!(msg, Msg::Quit) {
        return vec![];
    }
    if from_user(&msg) {
        m.status = None;
    }
    match msg {
        Msg::Quit => quit(m),
        Msg::Resize(w, h) => {
            if w != m.size.0 {
                refit_editor(m);
            }
            // A prompt cut at the old size starts again from its top.
            if let Some(e) = m.session_mut().and_then(|s| s.editor.as_mut()) {
                e.prompt_scroll = 0;
            }
            m.size = (w, h);
            vec![]
        }
        Msg::Tick(now) => {
            m.now = now;
            let mut effects = autosave(m);
            effects.extend(retry_save(m));
            effects
        }
        Msg::Saved(result) => {
            let now = m.now;
            if let Screen::Session(s) = &mut m.screen {
                let failed_before = matches!(s.save, SaveState::Failed(_));
                // Saves are made in the background: one that reports while
                // a later change waits (typing, or a save still queued)
                // leaves the draft pending.
                let later = s.editor.as_ref().is_some_and(|e| e.unsaved_since.is_some());
                s.save = match result {
                    Ok(t) if later || t != s.draft.updated => {
                        s.retry_at = None;
                        if failed_before {
                            m.status = None;
                        }
                        SaveState::Pending
                    }
                    Ok(t) => {
                        s.retry_at = None;
                        if failed_before {
                            // The header says "Saved" again; the warning goes.
                            m.status = None;
                        }
                        SaveState::Saved(t)
                    }
                    Err(e) => {
                        m.status = Some(format!(
                            "Could not save: {e}. Your answers are kept here; quire tries again every {RETRY_SAVE_SECS} seconds."
                        ));
                        s.retry_at = Some(now + chrono::Duration::seconds(RETRY_SAVE_SECS));
                        SaveState::Failed(e)
                    }
                };
            }
            vec![]
        }
        Msg::Edited(result) => edited(m, result),
        Msg::Exported(outcome) => path_prompt::exported(m, outcome),
        Msg::Opened(result) => opened(m, result),
        Msg::Drafts { outcome, drafts } => start::changed(m, outcome, drafts),
        Msg::VersionsRead(result) => start::versions_read(m, result),
        // Esc on a past version, nothing else to forget: back to the list.
        Msg::Back
            if matches!(m.mode(), Mode::Choice | Mode::Browse)
                && m.session().is_some_and(|s| s.goto.is_empty())
                && let Some(effects) = start::leave_version(m) =>
        {
            effects
        }
        Msg::Listed { typed, entries } => path_prompt::listed(m, &typed, entries),
        Msg::Unbound(key) => {
            m.status = Some(match m.mode() {
                Mode::Browse => format!(
                    "{key} does nothing here: Enter writes in the answer box (? lists the keys)."
                ),
                Mode::Text => format!("{key} does nothing in an answer box (F1 lists the keys)."),
                _ => format!("{key} does nothing here."),
            });
            vec![]
        }
        Msg::Help => {
            if m.help_open() {
                m.overlay = None;
            } else if m.overlay.is_none() {
                m.overlay = Some(Overlay::Help { scroll: 0 });
            }
            vec![]
        }
        msg => match m.mode() {
            Mode::Help => {
                let help = layout::help_of(m);
                if let Some(Overlay::Help { scroll }) = &mut m.overlay {
                    *scroll = match msg {
                        Msg::Up => help.stepped(*scroll, false),
                        Msg::Down => help.stepped(*scroll, true),
                        Msg::ScrollUp => help.paged(*scroll, false),
                        Msg::ScrollDown => help.paged(*scroll, true),
                        _ => *scroll,
                    };
                }
                vec![]
            }
            Mode::Confirm => confirm(m, msg),
            Mode::ExportAnyway => path_prompt::export_anyway(m, msg),
            Mode::Prompt => prompt(m, msg),
            Mode::Start => start::start(m, msg),
            Mode::Versions => start::versions(m, msg),
            Mode::Ask => start::ask(m, msg),
            Mode::Review => review(m, msg),
            Mode::Outline => outline(m, msg),
            Mode::Choice | Mode::Text | Mode::Browse => question(m, msg),
        },
    }
}

fn quit(m: &mut Model) -> Vec<Effect> {
    m.quitting = true;
    let mut effects = commit(m, SaveReason::Quit);
    let key = m.session().map(|s| current_key(m, s));
    if let Screen::Session(s) = &mut m.screen
        && !matches!(s.save, SaveState::ReadOnly(_))
    {
        s.draft.position = key;
        effects.push(Effect::Save(Box::new(s.draft.clone()), SaveReason::Quit));
    }
    effects.push(Effect::Quit);
    dedupe_saves(effects)
}

/// Only the last save of a batch matters: it holds every change.
fn dedupe_saves(effects: Vec<Effect>) -> Vec<Effect> {
    let last = effects.iter().rposition(|e| matches!(e, Effect::Save(..)));
    effects
        .into_iter()
        .enumerate()
        .filter(|(i, e)| !matches!(e, Effect::Save(..)) || Some(*i) == last)
        .map(|(_, e)| e)
        .collect()
}

/// The key of the focused field.
fn current_key(m: &Model, s: &Session) -> FieldKey {
    if m.focusable(s.question).iter().any(|(k, _)| *k == s.focus) {
        s.focus.clone()
    } else {
        FieldKey::main(&m.questionnaire.questions[s.question].id)
    }
}

/// Commits the editor's text to the answers, if it changed.
fn commit(m: &mut Model, why: SaveReason) -> Vec<Effect> {
    let now = m.now;
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    let Some(editor) = &mut s.editor else {
        return vec![];
    };
    let text = editor.text();
    editor.unsaved_since = None;
    if text == editor.committed || matches!(s.save, SaveState::ReadOnly(_)) {
        // Typing undone back to what was kept: nothing is left to save, and
        // the header must not stay on "Saving…".
        if s.save == SaveState::Pending {
            s.save = SaveState::Saved(s.draft.updated);
        }
        return vec![];
    }
    // Input is cleaned as it comes in, and the user told; what only the
    // whole text can tell is caught here, when it is kept: a joiner typed
    // on its own that ends up joining nothing. Not on every frame: the
    // answer may be long.
    let cleaned = text::clean(&text).text;
    let key = editor.key.clone();
    editor.committed = text;
    keep_text(&m.questionnaire, s, key, cleaned);
    changed(s, now, why)
}

/// Keeps `text` as the answer `key` in the language shown: the answer
/// itself in the source language, else its translation, made from the
/// source text as it is now (so an outdated translation written again is
/// up to date). Blank text removes it.
fn keep_text(
    q: &crate::questionnaire::Questionnaire,
    s: &mut Session,
    key: FieldKey,
    text: String,
) {
    let text_key = TextKey::Answer(key.clone());
    if s.language == s.draft.source_language(q) {
        set_text(&mut s.draft.answers, &key, text);
    } else if text.trim().is_empty() {
        s.draft.translations.remove(&s.language, &text_key);
    } else {
        let language = s.language.clone();
        s.draft.set_answer_in(q, &language, text_key.clone(), text);
    }
    s.states.refresh(q, &s.draft, &text_key);
}

/// Marks the draft changed and asks for a save.
fn changed(
    s: &mut Session,
    now: chrono::DateTime<chrono::FixedOffset>,
    why: SaveReason,
) -> Vec<Effect> {
    s.draft.updated = now;
    s.save = SaveState::Pending;
    vec![Effect::Save(Box::new(s.draft.clone()), why)]
}

fn autosave(m: &mut Model) -> Vec<Effect> {
    if m.autosave_at().is_some_and(|t| m.now >= t) {
        commit(m, SaveReason::Pause)
    } else {
        vec![]
    }
}

/// Tries a failed save again once its time has come.
fn retry_save(m: &mut Model) -> Vec<Effect> {
    let now = m.now;
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    match s.retry_at {
        Some(t) if now >= t && matches!(s.save, SaveState::Failed(_)) => {
            s.retry_at = Some(now + chrono::Duration::seconds(RETRY_SAVE_SECS));
            vec![Effect::Save(Box::new(s.draft.clone()), SaveReason::Other)]
        }
        Some(_) if !matches!(s.save, SaveState::Failed(_)) => {
            s.retry_at = None;
            vec![]
        }
        _ => vec![],
    }
}

fn edited(m: &mut Model, result: Result<String, String>) -> Vec<Effect> {
    match result {
        Ok(text) => {
            let text = cleaned(m, &text, "text from the editor");
            if let Some(e) = m.session_mut().and_then(|s| s.editor.as_mut()) {
                e.replace_from_external(from_external_editor(&text));
            }
            commit(m, SaveReason::Field)
        }
        Err(why) => {
            m.status = Some(format!(
                "The editor failed ({why}); your text is unchanged."
            ));
            vec![]
        }
    }
}

fn opened(m: &mut Model, result: Result<Opened, String>) -> Vec<Effect> {
    let o = match result {
        Ok(o) => o,
        Err(e) => {
            // An import that fails says why in its prompt, whole, with the
            // path there to correct.
            match m.prompt_mut() {
                Some(p) if p.kind == PromptKind::ImportPath => p.error = Some(e),
                _ => m.status = Some(e),
            }
            return vec![];
        }
    };
    let save = match &o.read_only {
        Some(why) => SaveState::ReadOnly(why.clone()),
        None => SaveState::Saved(o.draft.updated),
    };
    let position = o.draft.position.clone();
    m.status = match (&o.read_only, o.orphans_moved.len(), &o.note) {
        (Some(why), ..) => Some(format!("Read-only: {why}")),
        (None, n, _) if n > 0 => Some(format!("{} (see Review).", crate::wording::set_aside(n))),
        (None, _, note) => note.clone(),
    };
    let language = o.draft.source_language(&m.questionnaire).to_owned();
    // A past version is opened from the versions list, and goes back to it.
    let list = std::mem::replace(&mut m.screen, Screen::Start);
    let version = match (o.version, list) {
        (Some(n), Screen::Versions(list)) => Some(PastVersion { n, list }),
        (_, list) => {
            m.screen = list;
            None
        }
    };
    let states = TranslationStates::of(&m.questionnaire, &o.draft);
    m.screen = Screen::Session(Box::new(Session {
        language: String::new(),
        states,
        draft: *o.draft,
        question: 0,
        // Set by `focus` below, once the resume point is known.
        focus: FieldKey::main(""),
        option_cursor: 0,
        editor: None,
        histories: Default::default(),
        editing: true,
        outline_cursor: None,
        save,
        review: ReviewState::default(),
        orphans_moved: o.orphans_moved,
        retry_at: None,
        export_folder: o.export_folder,
        version,
        page: Page::Question,
        goto: String::new(),
        exporting: None,
    }));
    m.overlay = None;
    set_language(m, &language);
    let (question, field) = resume_point(m, position.as_ref());
    focus(m, question, field);
    vec![]
}

/// The question and field to resume at: the core's rule
/// (`workspace::resume_place`), shared with the accessible mode. At the end
/// (nothing asked after the saved place), the last question asked.
fn resume_point(m: &Model, position: Option<&FieldKey>) -> (usize, usize) {
    let q = &m.questionnaire;
    let Some(answers) = m.current_answers() else {
        return (0, 0);
    };
    let flow = Flow::new(q, &answers);
    let key = match crate::workspace::resume_place(q, &flow, position) {
        crate::workspace::Place::Field(key) => key,
        crate::workspace::Place::End => {
            let last = flow.last().unwrap_or(0);
            return (last, 0);
        }
    };
    let Some(i) = q.question_index(&key.question) else {
        return (0, 0);
    };
    let field = m
        .focusable(i)
        .iter()
        .position(|(k, _)| *k == key)
        .unwrap_or(0);
    (i, field)
}

/// Moves the focus to field `field` of question `question`.
fn focus(m: &mut Model, question: usize, field: usize) {
    let fields = {
        let Screen::Session(s) = &mut m.screen else {
            return;
        };
        s.question = question;
        m.focusable(question)
    };
    let field = field.min(fields.len().saturating_sub(1));
    let q = &m.questionnaire.questions[question];
    let Screen::Session(s) = &mut m.screen else {
        return;
    };
    s.focus = fields
        .get(field)
        .map_or_else(|| FieldKey::main(&q.id), |(k, _)| k.clone());
    if let Some(left) = s.editor.take() {
        s.histories.keep(&s.language, left);
    }
    s.editing = true;
    s.outline_cursor = None;
    s.option_cursor = 0;
    match fields.get(field) {
        Some((key, true)) => {
            let text = if s.language == s.draft.source_language(&m.questionnaire) {
                match s.draft.answers.get(key) {
                    Some(Value::Text(t)) => text::clean(t).text,
                    _ => String::new(),
                }
            } else {
                s.draft
                    .translations
                    .get(&s.language, &TextKey::Answer(key.clone()))
                    .map_or_else(String::new, |t| text::clean(&t.text).text)
            };
            s.editor = Some(s.histories.editor(&s.language, key.clone(), &text));
        }
        Some((key, false)) => {
            if let Some(Value::Choice(chosen)) = s.draft.answers.get(key) {
                let first = chosen.iter().find_map(|c| match c {
                    Chosen::Option(id) => q.options.iter().position(|o| &o.id == id),
                    Chosen::Unlisted(_) => None,
                });
                s.option_cursor = first.unwrap_or(0);
            }
        }
        None => {}
    }
}

/// Starts a new assessment: asks the header fields, or creates the draft
/// at once when the questionnaire has none.
pub(super) fn new_assessment(m: &mut Model) -> Vec<Effect> {
    m.header.clear();
    if m.questionnaire.header_fields.is_empty() {
        return vec![Effect::Create(vec![])];
    }
    m.overlay = Some(Overlay::prompt(Prompt::new(PromptKind::Header(0), "")));
    vec![]
}

fn prompt(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let msg_is_paste = matches!(msg, Msg::Paste(_));
    let Some(p) = m.prompt_mut() else {
        return vec![];
    };
    match msg {
        Msg::Back => {
            m.overlay = None;
            vec![]
        }
        Msg::Complete => path_prompt::complete(m),
        Msg::Key(key) => {
            p.error = None;
            p.found = None;
            if let Some(key) = typed_key(m, key, false)
                && let Some(p) = m.prompt_mut()
            {
                typed_into(&mut p.input, key);
            }
            vec![]
        }
        Msg::Paste(t) | Msg::Typed(t) => {
            p.error = None;
            p.found = None;
            let from = if msg_is_paste {
                "pasted text"
            } else {
                "typed text"
            };
            let t = cleaned(m, &t, from).replace(['\n', '\t'], " ");
            if let Some(p) = m.prompt_mut() {
                p.input.insert_str(t);
            }
            vec![]
        }
        Msg::Enter => accept(m),
        Msg::Edit(edit) => {
            p.error = None;
            p.found = None;
            editing::apply(&mut p.input, edit);
            vec![]
        }
        _ => vec![],
    }
}

fn accept(m: &mut Model) -> Vec<Effect> {
    let Some(p) = m.prompt() else {
        return vec![];
    };
    let value = text::clean(p.value().trim()).text;
    let kind = p.kind;
    if let PromptKind::HeaderTranslation(n) = kind {
        return accept_header_translation(m, n, value);
    }
    let optional = match kind {
        PromptKind::Header(n) => m
            .questionnaire
            .header_fields
            .get(n)
            .is_some_and(|f| !f.required),
        _ => false,
    };
    if value.is_empty() && !optional {
        let error = match kind {
            PromptKind::Header(n) => format!(
                "{} is required.",
                m.questionnaire
                    .header_fields
                    .get(n)
                    .map_or("This field", |f| f.label.as_str())
            ),
            PromptKind::Rename => "Type the draft's new name.".into(),
            _ => "Type a file path.".into(),
        };
        if let Some(p) = m.prompt_mut() {
            p.error = Some(error);
        }
        return vec![];
    }
    match kind {
        PromptKind::Header(n) => {
            if let Some(f) = m.questionnaire.header_fields.get(n)
                && !value.is_empty()
            {
                m.header.push((f.id.clone(), value));
            }
            if n + 1 < m.questionnaire.header_fields.len() {
                m.overlay = Some(Overlay::prompt(Prompt::new(PromptKind::Header(n + 1), "")));
                vec![]
            } else {
                vec![Effect::Create(std::mem::take(&mut m.header))]
            }
        }
        PromptKind::ImportPath => path_prompt::accept_import(m, &value),
        PromptKind::ExportPath => path_prompt::accept_export(m, &value),
        PromptKind::Rename => start::accept_rename(m, &value),
        // Taken above: a translation may be blank.
        PromptKind::HeaderTranslation(_) => vec![],
    }
}

fn confirm(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if !matches!(msg, Msg::Enter | Msg::Back) {
        return vec![];
    }
    let Some(Overlay::Confirm(c)) = m.overlay.take() else {
        return vec![];
    };
    if msg == Msg::Enter {
        return vec![Effect::Export {
            path: c.path,
            text: c.text,
            overwrite: true,
        }];
    }
    if let Screen::Session(s) = &mut m.screen {
        s.exporting = None;
    }
    m.status = Some(format!("Kept {}; nothing was written.", c.path.display()));
    vec![]
}

/// Everything the review screen lists: missing answers, answers kept on
/// skipped questions, answers set aside.
pub fn issues(m: &Model) -> Vec<Issue> {
    match m.current_answers() {
        Some(answers) => issues_in(m, &Flow::new(&m.questionnaire, &answers)),
        None => vec![],
    }
}

/// [`issues`] with the flow of the current answers already computed.
pub fn issues_in(m: &Model, flow: &Flow) -> Vec<Issue> {
    let Screen::Session(s) = &m.screen else {
        return vec![];
    };
    let q = &m.questionnaire;
    let mut out: Vec<Issue> = flow
        .missing()
        .into_iter()
        .map(|miss| Issue {
            text: crate::wording::missing_item(&miss),
            key: miss.key,
            orphan: None,
            skipped: false,
        })
        .collect();
    // Short enough for an 80-column review: the full sentence is in the
    // status after an export and in `quire export`'s warning.
    for skipped in report::publish::skipped_answers(q, flow) {
        let because = match skipped.because_of.as_slice() {
            [] => String::new(),
            ns => format!(
                " by Q{}",
                ns.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", Q")
            ),
        };
        let what = if skipped.key.field.is_some() {
            "'s follow-up"
        } else {
            ""
        };
        out.push(Issue {
            text: format!(
                "Question {}{what} skipped{because}, yet answered: published as written (d discards)",
                skipped.number
            ),
            key: skipped.key,
            orphan: None,
            skipped: true,
        });
    }
    for (i, o) in s.draft.orphans.iter().enumerate() {
        out.push(Issue {
            text: format!("Set aside ({}): {} (d discards)", o.key, o.reason),
            key: o.key.clone(),
            orphan: Some(i),
            skipped: false,
        });
    }
    out
}

/// An entry of the review's list: something to see to before export, or
/// one of the questions asked, to go to.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewEntry {
    Issue(Issue),
    /// A translation missing or outdated: Enter goes to it in its
    /// language, `c` keeps an outdated one.
    Translation {
        language: String,
        key: TextKey,
        state: TranslationState,
    },
    /// Index of a question asked.
    Question(usize),
}

/// The review's list: the issues first (what `d` discards is counted
/// among them), then the translations missing or outdated in each
/// language but the source, then every question asked.
pub fn review_entries(m: &Model) -> Vec<ReviewEntry> {
    match m.current_answers() {
        Some(answers) => review_entries_in(m, &Flow::new(&m.questionnaire, &answers)),
        None => vec![],
    }
}

/// [`review_entries`] with the flow already computed.
pub fn review_entries_in(m: &Model, flow: &Flow) -> Vec<ReviewEntry> {
    let mut entries: Vec<ReviewEntry> = issues_in(m, flow)
        .into_iter()
        .map(ReviewEntry::Issue)
        .collect();
    if let Screen::Session(s) = &m.screen {
        let q = &m.questionnaire;
        let source = s.draft.source_language(q);
        for language in q.languages.iter().filter(|l| *l != source) {
            entries.extend(
                s.states
                    .issues(q, language)
                    .into_iter()
                    .map(|(key, state)| ReviewEntry::Translation {
                        language: language.clone(),
                        key,
                        state,
                    }),
            );
        }
    }
    entries.extend(
        (0..m.questionnaire.questions.len())
            .filter(|&i| flow.is_asked(i))
            .map(ReviewEntry::Question),
    );
    entries
}

/// The report in the language shown, as it stands (the text being typed
/// included), on the model's day: what the review shows and `e` exports.
pub fn report_shown(m: &Model) -> Option<report::Publication> {
    let draft = m.current_draft()?;
    report::publish_in(
        &m.questionnaire,
        &draft,
        m.language(),
        Some(m.now.date_naive()),
    )
}

/// The text of [`report_shown`], without what stands in its way: what
/// the review draws on every frame (the translations' states are not
/// worked out again: that hashes every answer).
pub fn report_text(m: &Model) -> Option<String> {
    let s = m.session()?;
    let q = &m.questionnaire;
    let unsaved = s.editor.as_ref().is_some_and(|e| e.unsaved_since.is_some());
    let answers = if unsaved {
        m.current_draft()?.answers_in(q, m.language())
    } else {
        s.draft.answers_in(q, m.language())
    };
    Some(report::render(
        m.texts(),
        &answers,
        Some(m.now.date_naive()),
    ))
}

/// How many rows the review's report takes, wrapped to the screen.
fn review(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let n = review_entries(m).len();
    // The report as the view draws it, measured only when it scrolls.
    let report = match msg {
        Msg::ScrollDown | Msg::ScrollUp => layout::review_of(m).map(|r| r.scroll),
        _ => None,
    };
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    s.review.cursor = s.review.cursor.min(n.saturating_sub(1));
    match msg {
        Msg::Up => s.review.cursor = s.review.cursor.saturating_sub(1),
        Msg::Down if n > 0 => s.review.cursor = (s.review.cursor + 1).min(n - 1),
        Msg::ScrollDown | Msg::ScrollUp => {
            if let Some(report) = report {
                s.review.scroll = report.paged(s.review.scroll, msg == Msg::ScrollDown);
            }
        }
        Msg::Back => s.page = Page::Question,
        Msg::Enter => {
            let cursor = m.session().map_or(0, |s| s.review.cursor);
            let key = match review_entries(m).into_iter().nth(cursor) {
                Some(ReviewEntry::Issue(issue)) => issue.key,
                Some(ReviewEntry::Question(i)) => FieldKey::main(&m.questionnaire.questions[i].id),
                Some(ReviewEntry::Translation { language, key, .. }) => {
                    go_to_translation(m, &language, &key);
                    return vec![];
                }
                None => return vec![],
            };
            jump(m, &key);
        }
        Msg::Language => {
            let effects = switch_language(m);
            enter_review(m);
            return effects;
        }
        Msg::ConfirmTranslation => {
            let cursor = m.session().map_or(0, |s| s.review.cursor);
            return match review_entries(m).into_iter().nth(cursor) {
                Some(ReviewEntry::Translation { language, key, .. }) => {
                    let effects = confirm_translation(m, &language, &key);
                    enter_review(m);
                    effects
                }
                _ => {
                    m.status = Some(
                        "c keeps an outdated translation: choose one in the list first.".into(),
                    );
                    vec![]
                }
            };
        }
        Msg::Discard => return discard(m),
        Msg::Export => return path_prompt::begin_export(m),
        _ => {}
    }
    vec![]
}

/// Goes to the translation of `key` into `language`: its answer box, in
/// that language; for a header field (the organization), a prompt.
fn go_to_translation(m: &mut Model, language: &str, key: &TextKey) {
    match key {
        TextKey::Answer(k) => {
            set_language(m, language);
            jump(m, k);
        }
        TextKey::Header(id) => {
            // The question behind the prompt is shown in that language
            // too, its answer box holding that language's text.
            show_in(m, language);
            let Some(n) = m
                .questionnaire
                .header_fields
                .iter()
                .position(|f| f.id == *id)
            else {
                return;
            };
            let text = m
                .session()
                .and_then(|s| s.draft.translations.get(language, key))
                .map_or_else(String::new, |t| t.text.clone());
            m.overlay = Some(Overlay::prompt(Prompt::new(
                PromptKind::HeaderTranslation(n),
                &text,
            )));
        }
    }
}

/// Enter in the prompt of a header field's translation: kept (blank
/// removes it), saved.
fn accept_header_translation(m: &mut Model, n: usize, value: String) -> Vec<Effect> {
    m.overlay = None;
    if read_only(m) {
        return vec![];
    }
    let now = m.now;
    let q = &m.questionnaire;
    let (Some(field), Screen::Session(s)) = (q.header_fields.get(n), &mut m.screen) else {
        return vec![];
    };
    let key = TextKey::Header(field.id.clone());
    let language = s.language.clone();
    if value.is_empty() {
        s.draft.translations.remove(&language, &key);
    } else {
        s.draft.set_answer_in(q, &language, key.clone(), value);
    }
    s.states.refresh(q, &s.draft, &key);
    let effects = changed(s, now, SaveReason::Other);
    enter_review(m);
    effects
}

/// Shows the review screen, its list cursor on an item that exists.
fn enter_review(m: &mut Model) {
    let n = review_entries(m).len();
    if let Screen::Session(s) = &mut m.screen {
        s.review.cursor = s.review.cursor.min(n.saturating_sub(1));
        s.page = Page::Review;
    }
}

/// Discards the answer under the review cursor: one set aside, or one kept
/// on a question the branching skips (which then prints `N/A`). The saved
/// version before keeps it in the draft's history.
fn discard(m: &mut Model) -> Vec<Effect> {
    let cursor = m.session().map_or(0, |s| s.review.cursor);
    let Some(issue) = issues(m)
        .into_iter()
        .nth(cursor)
        .filter(|i| i.orphan.is_some() || i.skipped)
    else {
        m.status = Some(
            "Only an answer set aside, or one on a skipped question, can be discarded.".into(),
        );
        return vec![];
    };
    if read_only(m) {
        return vec![];
    }
    let mut effects = commit(m, SaveReason::Field);
    let now = m.now;
    let translating = m.translating().is_some();
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    let what = match issue.orphan {
        Some(index) => {
            s.draft.orphans.remove(index);
            format!("the answer set aside for {}", issue.key)
        }
        None => {
            s.draft.answers.remove(&issue.key);
            // Its translation stays, outdated: the source is gone.
            let text_key = TextKey::Answer(issue.key.clone());
            s.states.refresh(&m.questionnaire, &s.draft, &text_key);
            if let Some(e) = &mut s.editor
                && e.key == issue.key
                && !translating
            {
                *e = Editor::new(issue.key.clone(), "");
            }
            format!("the answer to skipped {}; it now prints N/A", issue.key)
        }
    };
    let id = s.draft.id.clone();
    effects.extend(changed(s, now, SaveReason::Other));
    m.status = Some(format!(
        "Discarded {what} (`quire drafts history {id}` keeps it)."
    ));
    enter_review(m);
    effects
}

/// Shows questions and answers in `language`: the questionnaire's texts in
/// it, and text answers as their translations unless it is the draft's
/// source language. The editor is not touched: see [`switch_language`].
fn set_language(m: &mut Model, language: &str) {
    m.shown = if language == m.questionnaire.primary_language() {
        None
    } else {
        m.questionnaire.in_language(language)
    };
    if let Screen::Session(s) = &mut m.screen {
        // The field's history belongs to the language it was typed in. An
        // editor holding text not yet kept stays (callers commit first).
        if s.editor.as_ref().is_some_and(|e| e.text() == e.committed)
            && let Some(left) = s.editor.take()
        {
            s.histories.keep(&s.language, left);
        }
        s.language = language.to_owned();
    }
}

/// The language key: what was typed is kept in its language, then the
/// questions and the focused answer come back in the next language, on
/// the same field.
fn switch_language(m: &mut Model) -> Vec<Effect> {
    if !m.bilingual() {
        m.status = Some(format!(
            "This questionnaire has one language ({}).",
            language::listed(&m.questionnaire)
        ));
        return vec![];
    }
    let effects = commit(m, SaveReason::Field);
    let next = language::next(&m.questionnaire, m.language());
    show_in(m, &next);
    let Screen::Session(s) = &m.screen else {
        return effects;
    };
    let source = s.draft.source_language(&m.questionnaire);
    m.status = Some(if next == source {
        format!(
            "In {}: the language the answers are written in.",
            language::name(&next)
        )
    } else {
        format!(
            "In {}: text answers are translations of the {} ones; choices are shared.",
            language::name(&next),
            language::name(source)
        )
    });
    effects
}

/// [`set_language`], then the field in focus again (its answer box now
/// holds that language's text), as it was: writing or not, the outline's
/// cursor where it was.
fn show_in(m: &mut Model, language: &str) {
    set_language(m, language);
    let Screen::Session(s) = &m.screen else {
        return;
    };
    let (question, field) = (s.question, m.field_index());
    let (editing, outline_cursor, option_cursor) = (s.editing, s.outline_cursor, s.option_cursor);
    focus(m, question, field);
    if let Screen::Session(s) = &mut m.screen {
        s.editing = editing;
        s.outline_cursor = outline_cursor;
        s.option_cursor = option_cursor;
    }
    refit_editor(m);
}

/// The side-by-side key.
fn toggle_side_by_side(m: &mut Model) {
    if !m.bilingual() {
        m.status = Some("This questionnaire has one language: there is no translation to write beside its source.".into());
        return;
    }
    if m.translating().is_none() {
        m.status = Some(format!(
            "Side by side shows the answer beside its translation: switch to {} first ({}).",
            language::name(&language::next(&m.questionnaire, m.language())),
            if m.mode() == Mode::Text {
                "Ctrl-T"
            } else {
                "l"
            }
        ));
        return;
    }
    m.side_by_side = Some(!m.side_by_side_shown());
    refit_editor(m);
}

/// Keeps the translation of `key` into `language` as up to date: its text
/// unchanged, made from the source as it is now.
fn confirm_translation(m: &mut Model, language: &str, key: &TextKey) -> Vec<Effect> {
    if read_only(m) {
        return vec![];
    }
    let mut effects = commit(m, SaveReason::Field);
    let now = m.now;
    let q = &m.questionnaire;
    let Screen::Session(s) = &mut m.screen else {
        return effects;
    };
    let state = s.states.get(language, key);
    if state != Some(TranslationState::Outdated) {
        m.status = Some(match state {
            Some(state) => format!(
                "This translation is {}: only an outdated one needs keeping.",
                state.word()
            ),
            None => "There is no translation here to keep.".into(),
        });
        return effects;
    }
    if !s.draft.confirm_translation(language, key) {
        return effects;
    }
    s.states.refresh(q, &s.draft, key);
    effects.extend(changed(s, now, SaveReason::Field));
    m.status = Some(format!(
        "Kept the {} translation as up to date with the {} answer.",
        language::name(language),
        language::name(s.draft.source_language(q))
    ));
    dedupe_saves(effects)
}

/// `c` on a question: the focused answer's translation, in the language
/// shown.
fn confirm_focused(m: &mut Model) -> Vec<Effect> {
    let Some(language) = m.translating().map(str::to_owned) else {
        m.status = Some(format!(
            "These are the answers themselves; c keeps an outdated translation (switch with l to {}).",
            language::name(&language::next(&m.questionnaire, m.language()))
        ));
        return vec![];
    };
    let Some(key) = m.session().map(|s| current_key(m, s)) else {
        return vec![];
    };
    confirm_translation(m, &language, &TextKey::Answer(key))
}

/// The answer box changes width: its view is fitted again.
fn refit_editor(m: &mut Model) {
    if let Some(e) = m.session_mut().and_then(|s| s.editor.as_mut()) {
        e.refit();
    }
}

/// Goes to the question numbered `number` (as printed), if it is asked.
fn go_to_number(m: &mut Model, number: &str) -> Vec<Effect> {
    go_to(m, |m, flow| {
        let n = m.questionnaire.questions.len();
        match number
            .parse::<usize>()
            .ok()
            .and_then(|n| m.questionnaire.questions.iter().position(|q| q.number == n))
        {
            Some(i) if flow.is_asked(i) => Ok(i),
            Some(i) => Err(crate::workspace::not_asked(&m.questionnaire, i)),
            None => Err(crate::workspace::no_such_question(
                number.parse().unwrap_or(0),
                n,
            )),
        }
    })
}

/// Commits the editor, then goes to the question `pick` chooses in the
/// flow of the answers as they now stand, or shows why it cannot.
fn go_to(m: &mut Model, pick: impl FnOnce(&Model, &Flow) -> Result<usize, String>) -> Vec<Effect> {
    let effects = commit(m, SaveReason::Field);
    let Some(answers) = m.current_answers() else {
        return effects;
    };
    let picked = pick(m, &Flow::new(&m.questionnaire, &answers));
    match picked {
        Ok(i) => focus(m, i, 0),
        Err(why) => m.status = Some(why),
    }
    effects
}

/// Goes to the question and field of `key`.
fn jump(m: &mut Model, key: &FieldKey) {
    let Some(i) = m.questionnaire.question_index(&key.question) else {
        return;
    };
    let field = m
        .focusable(i)
        .iter()
        .position(|(k, _)| k == key)
        .unwrap_or(0);
    if let Screen::Session(s) = &mut m.screen {
        s.page = Page::Question;
    }
    focus(m, i, field);
}

fn read_only(m: &mut Model) -> bool {
    let ro = m
        .session()
        .is_some_and(|s| matches!(s.save, SaveState::ReadOnly(_)));
    if ro {
        m.status = Some("This draft is open read-only: another quire is editing it.".into());
    }
    ro
}

fn question(m: &mut Model, msg: Msg) -> Vec<Effect> {
    // A question number being typed: Enter goes there, Esc forgets it,
    // anything else forgets it and does what it does.
    let number = m
        .session_mut()
        .map(|s| std::mem::take(&mut s.goto))
        .unwrap_or_default();
    match msg {
        Msg::Digit(d) => {
            let typed = format!("{number}{d}").trim_start_matches('0').to_owned();
            let n = m.questionnaire.questions.len();
            if typed.parse::<usize>().ok().is_none_or(|t| t > n) {
                m.status = Some(format!("There are {n} questions."));
                return vec![];
            }
            m.status = Some(format!("Go to question {typed}: Enter (Esc forgets it)."));
            if let Screen::Session(s) = &mut m.screen {
                s.goto = typed;
            }
            return vec![];
        }
        Msg::Enter if !number.is_empty() => return go_to_number(m, &number),
        Msg::Back if m.mode() == Mode::Text => return leave_answer_box(m),
        Msg::Back => return vec![],
        Msg::Enter if m.mode() == Mode::Browse => {
            if let Screen::Session(s) = &mut m.screen {
                s.editing = true;
            }
            return vec![];
        }
        // A paste goes into the answer box, as a click into it would: the
        // box is written in again.
        Msg::Paste(_) if m.mode() == Mode::Browse => {
            if let Screen::Session(s) = &mut m.screen {
                s.editing = true;
            }
        }
        Msg::FocusOutline => {
            let effects = commit(m, SaveReason::Field);
            if let Screen::Session(s) = &mut m.screen {
                s.outline_cursor = Some(s.question);
            }
            return effects;
        }
        Msg::PromptUp | Msg::PromptDown => {
            if let Screen::Session(s) = &mut m.screen
                && let Some(e) = &mut s.editor
            {
                e.scroll_prompt(msg == Msg::PromptDown);
            }
            return vec![];
        }
        Msg::FirstQuestion => {
            return go_to(m, |_, flow| {
                flow.first().ok_or_else(|| "No question is asked.".into())
            });
        }
        Msg::LastQuestion => {
            return go_to(m, |_, flow| {
                flow.last().ok_or_else(|| "No question is asked.".into())
            });
        }
        _ => {}
    }
    match msg {
        Msg::Up | Msg::Down => {
            move_option(m, matches!(msg, Msg::Down));
            vec![]
        }
        Msg::Toggle => choose(m, false),
        Msg::Enter => {
            let mut effects = choose(m, true);
            effects.extend(step_field(m, true));
            effects
        }
        Msg::NextField => step_field(m, true),
        Msg::PrevField => step_field(m, false),
        Msg::NextQuestion => step_question(m, true),
        Msg::PrevQuestion => step_question(m, false),
        Msg::Review => {
            let effects = commit(m, SaveReason::Field);
            enter_review(m);
            effects
        }
        Msg::ToggleOutline => {
            m.outline = Some(!m.outline_shown());
            refit_editor(m);
            vec![]
        }
        Msg::Language => switch_language(m),
        Msg::SideBySide => {
            toggle_side_by_side(m);
            vec![]
        }
        Msg::ConfirmTranslation => confirm_focused(m),
        Msg::ExternalEditor => {
            let text = m
                .session()
                .and_then(|s| s.editor.as_ref())
                .map(Editor::text);
            match text {
                Some(t) if !read_only(m) => vec![Effect::OpenEditor(t)],
                _ => vec![],
            }
        }
        Msg::Undo | Msg::Redo | Msg::Key(_) | Msg::Paste(_) | Msg::Typed(_) | Msg::Edit(_) => {
            edit(m, msg)
        }
        _ => vec![],
    }
}

/// Esc in the answer box: what was written is kept, and keys now move
/// between fields and questions until Enter goes back in.
fn leave_answer_box(m: &mut Model) -> Vec<Effect> {
    let effects = commit(m, SaveReason::Field);
    if let Screen::Session(s) = &mut m.screen {
        s.editing = false;
    }
    effects
}

/// Keys while the outline has the focus: its cursor moves over every
/// question, and Enter goes to one that is asked.
fn outline(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let n = m.questionnaire.questions.len();
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    let Some(cursor) = s.outline_cursor else {
        return vec![];
    };
    if msg == Msg::Language {
        return switch_language(m);
    }
    let last = n.saturating_sub(1);
    s.outline_cursor = match msg {
        Msg::Up => Some(cursor.saturating_sub(1)),
        Msg::Down => Some((cursor + 1).min(last)),
        Msg::FirstQuestion => Some(0),
        Msg::LastQuestion => Some(last),
        Msg::Back => None,
        Msg::ToggleOutline => {
            m.outline = Some(false);
            None
        }
        Msg::Enter => {
            return go_to(m, |m, flow| {
                if flow.is_asked(cursor) {
                    Ok(cursor)
                } else {
                    Err(crate::workspace::not_asked(&m.questionnaire, cursor))
                }
            });
        }
        _ => Some(cursor),
    };
    refit_editor(m);
    vec![]
}

fn move_option(m: &mut Model, down: bool) {
    let Screen::Session(s) = &mut m.screen else {
        return;
    };
    let n = m.questionnaire.questions[s.question].options.len();
    if n == 0 {
        return;
    }
    s.option_cursor = if down {
        (s.option_cursor + 1).min(n - 1)
    } else {
        s.option_cursor.saturating_sub(1)
    };
}

/// Chooses (single) or toggles (several) the option under the cursor;
/// `enter` only ever chooses.
fn choose(m: &mut Model, enter: bool) -> Vec<Effect> {
    if m.session().is_none_or(|s| s.editor.is_some()) || read_only(m) {
        return vec![];
    }
    let now = m.now;
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    let question = &m.questionnaire.questions[s.question];
    let Some(option) = question.options.get(s.option_cursor) else {
        return vec![];
    };
    let key = FieldKey::main(&question.id);
    let mut chosen = match s.draft.answers.get(&key) {
        Some(Value::Choice(c)) => c.clone(),
        _ => Vec::new(),
    };
    let this = Chosen::Option(option.id.clone());
    let had = chosen.contains(&this);
    if single(question.kind) {
        if had && enter {
            return vec![];
        }
        chosen = if had { vec![] } else { vec![this] };
    } else if enter {
        return vec![];
    } else if had {
        chosen.retain(|c| c != &this);
    } else {
        // Keep the definition's order: it is the report's order.
        chosen.push(this);
        let rank = |c: &Chosen| match c {
            Chosen::Option(id) => question
                .options
                .iter()
                .position(|o| &o.id == id)
                .unwrap_or(usize::MAX),
            Chosen::Unlisted(_) => usize::MAX,
        };
        chosen.sort_by_key(rank);
    }
    if chosen.is_empty() {
        s.draft.answers.remove(&key);
    } else {
        s.draft.answers.set(key, Value::Choice(chosen));
    }
    changed(s, now, SaveReason::Choice)
}

fn step_field(m: &mut Model, forward: bool) -> Vec<Effect> {
    let mut effects = commit(m, SaveReason::Field);
    let Screen::Session(s) = &m.screen else {
        return effects;
    };
    let (question, field) = (s.question, m.field_index());
    let n = m.focusable(question).len();
    if forward && field + 1 < n {
        focus(m, question, field + 1);
    } else if !forward && field > 0 {
        focus(m, question, field - 1);
    } else {
        // The editor is committed already: this adds no second save.
        effects.extend(step_question(m, forward));
        let now = m.session().map(|s| s.question);
        // Going back lands on the previous question's last field (`focus`
        // clamps to it).
        if let Some(q) = now
            && !forward
            && m.showing() == Showing::Question
            && q != question
        {
            focus(m, q, usize::MAX);
        }
    }
    effects
}

fn step_question(m: &mut Model, forward: bool) -> Vec<Effect> {
    let effects = commit(m, SaveReason::Field);
    let Some(answers) = m.current_answers() else {
        return effects;
    };
    let Screen::Session(s) = &m.screen else {
        return effects;
    };
    let flow = Flow::new(&m.questionnaire, &answers);
    let target = if forward {
        flow.next(s.question)
    } else {
        flow.previous(s.question)
    };
    match target {
        Some(i) => focus(m, i, 0),
        None if forward => enter_review(m),
        None => {}
    }
    effects
}

fn edit(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if m.session().is_none_or(|s| s.editor.is_none()) {
        return vec![];
    }
    let moves = matches!(msg, Msg::Edit(e) if !e.modifies());
    if !moves && read_only(m) {
        return vec![];
    }
    let msg = match msg {
        Msg::Paste(t) => Msg::Paste(inserted(m, &t, "pasted text")),
        Msg::Typed(t) => Msg::Typed(inserted(m, &t, "typed text")),
        Msg::Key(key) => match typed_key(m, key, true) {
            Some(key) => Msg::Key(key),
            None => return vec![],
        },
        msg => msg,
    };
    let now = m.now;
    let Some(e) = m.session_mut().and_then(|s| s.editor.as_mut()) else {
        return vec![];
    };
    let modified = match msg {
        Msg::Undo => e.undo(),
        Msg::Redo => e.redo(),
        Msg::Edit(edit) => match editing::apply_to_answer(e, edit) {
            Ok(changed) => changed,
            Err(why) => {
                m.status = Some(why.to_owned());
                return vec![];
            }
        },
        Msg::Key(key) => e.change(Group::Typing, |area| typed_into(area, key)),
        // Keys typed (one or a burst read together) are undone a word at a
        // time; a paste at once.
        Msg::Typed(text) => e.change(Group::Typing, |area| area.insert_str(&text)),
        Msg::Paste(text) => e.insert(&text),
        _ => false,
    };
    if moves {
        // Typing after a move is not joined to the word typed before it.
        e.seal();
    }
    e.follow_cursor();
    if modified {
        e.unsaved_since.get_or_insert(now);
        if let Screen::Session(s) = &mut m.screen {
            s.save = SaveState::Pending;
        }
    }
    vec![]
}

/// A key that types: its character, or a new line for Enter. Nothing
/// else reaches a text area (its own key bindings are not used: every
/// key that edits is in the key map).
fn typed_into(area: &mut ratatui_textarea::TextArea<'static>, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(c) => {
            area.insert_char(c);
            true
        }
        KeyCode::Enter => {
            area.insert_newline();
            true
        }
        _ => false,
    }
}

/// Text pasted or typed in a burst into the editor: cleaned, and with a
/// word processor's list lines (`•<Tab>item`) in the editor's list syntax,
/// so that the editor shows them as what they print as: list items.
fn inserted(m: &mut Model, text: &str, from: &str) -> String {
    let at_line_start = m
        .session()
        .and_then(|s| s.editor.as_ref())
        .is_some_and(Editor::at_line_start);
    let text = cleaned(m, text, from);
    report::bullets::normalize_insert(&text, at_line_start).into_owned()
}

/// User text by the one rule (`crate::text`), whatever its source; the
/// status says what was removed, and from what.
fn cleaned(m: &mut Model, text: &str, from: &str) -> String {
    let cleaned = text::clean(text);
    say_removed(m, &cleaned.removed, from);
    cleaned.text
}

fn say_removed(m: &mut Model, removed: &Removed, from: &str) {
    if !removed.is_empty() {
        m.status = Some(format!("Removed {removed} from the {from}."));
    }
}

/// A key that types one character, by the same rule: one that would be
/// removed is dropped (and said), a line break is a new line in a text
/// field and nothing in a one-line prompt. ZWJ and ZWNJ go in as typed:
/// whether they join anything shows only once the next letter is typed,
/// and the answer as a whole is cleaned when it is kept (`commit`).
fn typed_key(m: &mut Model, key: KeyEvent, multiline: bool) -> Option<KeyEvent> {
    let KeyCode::Char(c) = key.code else {
        return Some(key);
    };
    if matches!(c, '\u{200c}' | '\u{200d}') {
        return Some(key);
    }
    let mut buf = [0; 4];
    let cleaned = text::clean(c.encode_utf8(&mut buf));
    match cleaned.text.as_str() {
        "" => {
            say_removed(m, &cleaned.removed, "typed text");
            None
        }
        "\n" if c != '\n' => multiline.then(|| KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
        _ => Some(key),
    }
}
