//! Answering one draft: where the user is, moving through the questions
//! the branching asks, applying an answer and saving it at once.
//!
//! The position is a field key (`q1.if-not`), the same one the wizard
//! keeps in the draft, so that a draft left in one front end resumes in
//! the other on the same field.

use super::{OpenDraft, branching_facts, rescue};
use crate::answers::{Answers, FieldKey, Value};
use crate::draft::{Draft, DraftStore, DraftWriter, Orphan, SaveReason, TextKey, TranslationState};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::Questionnaire;
use crate::report::{self, Publication};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Where the user is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A field of a question: its own answer, comment or follow-up.
    Field(FieldKey),
    /// Past the last question asked.
    End,
}

/// What applying an answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stepped {
    /// How the branching changed, in sentences.
    pub facts: Vec<String>,
    /// Whether the answer changed (and so was saved).
    pub changed: bool,
}

/// A draft open for answering, with the writer that saves it.
#[derive(Debug)]
pub struct Session {
    q: Questionnaire,
    store: DraftStore,
    draft: Draft,
    writer: Option<DraftWriter>,
    read_only: Option<String>,
    place: Place,
    /// Why the last save failed, until a save succeeds.
    unsaved: Option<String>,
    /// Answers set aside when the draft was opened (the questionnaire
    /// changed), to tell the user.
    pub orphans_moved: Vec<Orphan>,
    /// What to tell the user on opening.
    pub note: Option<String>,
    /// The folder the draft was last exported to.
    pub export_folder: Option<PathBuf>,
    /// The language questions and answers are shown in: the draft's source
    /// language, or one its text answers are translated into.
    language: String,
    /// The questionnaire in that language, when it is not the primary one.
    texts: Option<Questionnaire>,
}

impl Session {
    /// A session on an opened draft, at its saved position.
    pub fn new(q: Questionnaire, store: DraftStore, opened: OpenDraft) -> Self {
        let mut s = Self {
            q,
            store,
            draft: opened.draft,
            writer: opened.writer,
            read_only: opened.read_only,
            place: Place::End,
            unsaved: None,
            orphans_moved: opened.orphans_moved,
            note: opened.note,
            export_folder: opened.export_folder,
            language: String::new(),
            texts: None,
        };
        let source = s.draft.source_language(&s.q).to_owned();
        s.show_in(&source);
        s.place = s.resume_place();
        s
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.q
    }

    /// The questionnaire's texts in the language shown (ids, options and
    /// branching are [`Session::questionnaire`]'s).
    pub fn texts(&self) -> &Questionnaire {
        self.texts.as_ref().unwrap_or(&self.q)
    }

    /// The language questions and answers are shown in.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The language being translated into, when the language shown is not
    /// the draft's source language: text answers are then its
    /// translations.
    pub fn translating(&self) -> Option<&str> {
        (self.language != self.draft.source_language(&self.q)).then_some(&self.language)
    }

    /// Shows questions and answers in `language`, one of the
    /// questionnaire's.
    fn show_in(&mut self, language: &str) {
        self.texts = if language == self.q.primary_language() {
            None
        } else {
            self.q.in_language(language)
        };
        self.language = language.to_owned();
    }

    /// Shows questions and answers in the language `typed` names (a code
    /// or a name); the error names the questionnaire's languages.
    pub fn set_language(&mut self, typed: &str) -> Result<(), String> {
        let language = super::language::resolve(&self.q, typed)?;
        self.show_in(&language);
        Ok(())
    }

    /// The text answer `key` in the language shown: the answer, or its
    /// translation.
    pub fn text_shown(&self, key: &FieldKey) -> Option<&str> {
        self.draft
            .answer_in(&self.q, &self.language, &TextKey::Answer(key.clone()))
            .filter(|t| !t.trim().is_empty())
    }

    /// Where the translation of `key` stands in the language shown, when
    /// translating.
    pub fn translation_state(&self, key: &FieldKey) -> Option<TranslationState> {
        let language = self.translating()?;
        self.draft
            .translation_state(&self.q, language, &TextKey::Answer(key.clone()))
    }

    /// Keeps an outdated translation of the answer the user is on as up
    /// to date (the source changed, the translation still holds), and
    /// saves.
    pub fn confirm_translation(&mut self) -> Result<(), String> {
        let (Some(language), Place::Field(key)) =
            (self.translating().map(str::to_owned), self.place.clone())
        else {
            return Err("There is no translation here to keep.".into());
        };
        let text = TextKey::Answer(key.clone());
        match self.draft.translation_state(&self.q, &language, &text) {
            Some(TranslationState::Outdated) => {}
            Some(state) => {
                return Err(format!(
                    "This translation is {}: only an outdated one needs keeping.",
                    state.word()
                ));
            }
            None => return Err("There is no translation here to keep.".into()),
        }
        self.draft.confirm_translation(&language, &text);
        self.draft.updated = crate::draft::now();
        self.persist(SaveReason::Field)
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    pub fn answers(&self) -> &Answers {
        &self.draft.answers
    }

    pub fn place(&self) -> &Place {
        &self.place
    }

    /// Why the draft is open read-only, if it is.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Why the last save failed, if it did and none has succeeded since.
    pub fn unsaved(&self) -> Option<&str> {
        self.unsaved.as_deref()
    }

    pub fn flow(&self) -> Flow<'_> {
        Flow::new(&self.q, &self.draft.answers)
    }

    /// The index of the question the user is on.
    pub fn question_index(&self) -> Option<usize> {
        match &self.place {
            Place::Field(k) => self.q.question_index(&k.question),
            Place::End => None,
        }
    }

    /// The state of the field the user is on.
    pub fn field_state(&self) -> Option<FieldState> {
        match &self.place {
            Place::Field(k) => Some(self.flow().field_state(self.question_index()?, k)),
            Place::End => None,
        }
    }

    /// How many questions the branching asks with the answers as they are.
    pub fn asked_count(&self) -> usize {
        let flow = self.flow();
        (0..self.q.questions.len())
            .filter(|&i| flow.is_asked(i))
            .count()
    }

    /// The fields of question `index` to answer now, in report order: its
    /// own answer always, then its comment and the follow-ups the
    /// branching asks (the wizard's focusable fields).
    pub fn fields(&self, index: usize) -> Vec<FieldKey> {
        fields(&self.q, &self.flow(), index)
    }

    fn resume_place(&self) -> Place {
        resume_place(&self.q, &self.flow(), self.draft.position.as_ref())
    }

    /// On to the next field to answer: the next field of this question,
    /// else the next question asked, else the end.
    pub fn advance(&mut self) {
        let Place::Field(key) = &self.place else {
            return;
        };
        let Some(i) = self.q.question_index(&key.question) else {
            self.place = Place::End;
            return;
        };
        let flow = self.flow();
        let here = fields(&self.q, &flow, i);
        let next = match here.iter().position(|k| k == key) {
            Some(n) if n + 1 < here.len() => Place::Field(here[n + 1].clone()),
            _ => self.after(&flow, i),
        };
        self.place = next;
    }

    /// The next question asked after question `index`, or the end.
    fn after(&self, flow: &Flow, index: usize) -> Place {
        match flow.next(index) {
            Some(n) => Place::Field(FieldKey::main(&self.q.questions[n].id)),
            None => Place::End,
        }
    }

    /// On to the next question asked, leaving this question's other
    /// fields as they are.
    pub fn next_question(&mut self) {
        if let Some(i) = self.question_index() {
            self.place = self.after(&self.flow(), i);
        }
    }

    /// Back to the field before this one: the previous field of this
    /// question, else the last field of the previous question asked.
    pub fn back(&mut self) -> Result<(), String> {
        let flow = self.flow();
        let last_of = |i: usize| {
            fields(&self.q, &flow, i)
                .pop()
                .map_or(Place::End, Place::Field)
        };
        let previous = match &self.place {
            Place::End => flow.last().map(last_of),
            Place::Field(key) => {
                let i = self.q.question_index(&key.question).unwrap_or(0);
                let here = fields(&self.q, &flow, i);
                match here.iter().position(|k| k == key) {
                    Some(n) if n > 0 => Some(Place::Field(here[n - 1].clone())),
                    _ => flow.previous(i).map(last_of),
                }
            }
        };
        match previous {
            Some(p) => {
                self.place = p;
                Ok(())
            }
            None => Err("This is the first question; there is nothing before it.".into()),
        }
    }

    /// Goes to question `number` (as printed), when the branching asks it.
    pub fn go(&mut self, number: usize) -> Result<(), String> {
        let n = self.q.questions.len();
        let Some(i) = self.q.questions.iter().position(|q| q.number == number) else {
            return Err(no_such_question(number, n));
        };
        if !self.flow().is_asked(i) {
            return Err(not_asked(&self.q, i));
        }
        self.place = Place::Field(FieldKey::main(&self.q.questions[i].id));
        Ok(())
    }

    /// Sets (or with `None` removes) the answer of the field the user is
    /// on, saves the draft at once, and goes on to the next field. Text is
    /// kept as given: the caller has cleaned it by the one rule.
    pub fn answer(&mut self, value: Option<Value>) -> Result<Stepped, String> {
        let Place::Field(key) = self.place.clone() else {
            return Err("There is no question here to answer.".into());
        };
        if let Some(why) = &self.read_only {
            return Err(format!(
                "This draft is open read-only ({why}); nothing is saved."
            ));
        }
        let value = value.filter(Value::is_answered);
        // Follow-ups and comments take text; a question, by its kind.
        let text_field = key.field.is_some()
            || self
                .q
                .question(&key.question)
                .is_some_and(|x| !x.kind.is_choice());
        if let Some(language) = self.translating().filter(|_| text_field) {
            let language = language.to_owned();
            return self.translate(&language, key, value);
        }
        let before = self.draft.answers.clone();
        match &value {
            Some(v) => self.draft.answers.set(key.clone(), v.clone()),
            None => {
                self.draft.answers.remove(&key);
            }
        }
        let changed = self.draft.answers != before;
        let facts = if changed {
            self.draft.updated = crate::draft::now();
            branching_facts(&self.q, &before, &self.draft.answers, &key)
        } else {
            Vec::new()
        };
        self.advance();
        let why = match value {
            Some(Value::Choice(_)) => SaveReason::Choice,
            _ => SaveReason::Field,
        };
        self.persist(why)?;
        Ok(Stepped { facts, changed })
    }

    /// [`Session::answer`] in a translation: the text (or, with `None`,
    /// no text) is the `language` translation of answer `key`, made from
    /// its source as it is now. Choices are shared, and not set here.
    fn translate(
        &mut self,
        language: &str,
        key: FieldKey,
        value: Option<Value>,
    ) -> Result<Stepped, String> {
        let text_key = TextKey::Answer(key);
        let before = self.draft.translations.get(language, &text_key).cloned();
        match value {
            Some(Value::Text(t)) => {
                self.draft
                    .set_answer_in(&self.q, language, text_key.clone(), t)
            }
            _ => {
                self.draft.translations.remove(language, &text_key);
            }
        }
        let changed = self.draft.translations.get(language, &text_key).cloned() != before;
        if changed {
            self.draft.updated = crate::draft::now();
        }
        self.advance();
        self.persist(SaveReason::Field)?;
        Ok(Stepped {
            facts: Vec::new(),
            changed,
        })
    }

    /// The position to keep in the draft: the field the user is on; at the
    /// end, the last field of the last question asked.
    fn position(&self) -> Option<FieldKey> {
        match &self.place {
            Place::Field(k) => Some(k.clone()),
            Place::End => {
                let flow = self.flow();
                flow.last().and_then(|i| fields(&self.q, &flow, i).pop())
            }
        }
    }

    /// Saves the draft and the position. Read-only: nothing is written.
    /// A failure is kept (see [`Session::unsaved`]) and returned; the
    /// answers stay here and the next save tries again.
    pub fn persist(&mut self, why: SaveReason) -> Result<(), String> {
        self.draft.position = self.position();
        let Some(writer) = &mut self.writer else {
            return Ok(());
        };
        match writer.save(&self.draft, why) {
            Ok(()) => {
                self.unsaved = None;
                Ok(())
            }
            Err(e) => {
                let why = format!(
                    "Could not save: {e}. Your answers are kept here; the next answer or `save` tries again."
                );
                self.unsaved = Some(why.clone());
                Err(why)
            }
        }
    }

    /// Saves for the last time. When that fails the answers are rescued to
    /// a file of their own; the error says where.
    pub fn close(&mut self) -> Result<(), String> {
        if self.persist(SaveReason::Quit).is_ok() {
            return Ok(());
        }
        Err(match rescue(&self.draft) {
            Ok(path) => format!(
                "the draft could not be saved when quitting; your answers are in {} (copy it over the draft, or `quire export {}`)",
                path.display(),
                path.display()
            ),
            Err(e) => format!("the draft could not be saved when quitting, nor rescued: {e}"),
        })
    }

    /// The report as it would be exported on `date`, with what is missing
    /// and what the branching skips.
    pub fn publication(&self, date: NaiveDate) -> Publication {
        report::publish_in(&self.q, &self.draft, &self.language, Some(date))
            .unwrap_or_else(|| report::publish(&self.q, &self.draft.answers, Some(date)))
    }

    /// The file name an export proposes: the organization's slug.
    pub fn proposed_name(&self) -> String {
        super::language::report_name(&self.q, self.draft.organization(), &self.language)
    }

    /// Keeps the folder of a written report as the draft's export folder
    /// (a convenience: failing costs only the proposal next time).
    pub fn exported_to(&mut self, written: &Path) {
        let Some(folder) = written.parent().filter(|f| f.is_absolute()) else {
            return;
        };
        if self.export_folder.as_deref() == Some(folder) {
            return;
        }
        self.export_folder = Some(folder.to_owned());
        if self.read_only.is_none() {
            let _ = self.store.remember_export_folder(&self.draft.id, folder);
        }
    }
}

/// "There is no question 99; questions go from 1 to 13."
pub fn no_such_question(number: usize, count: usize) -> String {
    format!("There is no question {number}; questions go from 1 to {count}.")
}

/// The fields of question `index` to answer in `flow`: its own answer,
/// then the comment and follow-ups that are not skipped.
/// The place a draft resumes at, for every front end: its saved field
/// when that field is still asked, else that question's own answer, else
/// the next asked question; a new draft starts at the first question asked.
pub fn resume_place(q: &Questionnaire, flow: &Flow, position: Option<&FieldKey>) -> Place {
    let first_from = |index: usize| {
        let at = if flow.is_asked(index) {
            Some(index)
        } else {
            flow.next(index)
        };
        match at.and_then(|i| q.questions.get(i)) {
            Some(question) => Place::Field(FieldKey::main(&question.id)),
            None => Place::End,
        }
    };
    let Some(p) = position else {
        return first_from(0);
    };
    let Some(i) = q.question_index(&p.question) else {
        return first_from(0);
    };
    if !flow.is_asked(i) {
        return first_from(i);
    }
    if fields(q, flow, i).contains(p) {
        Place::Field(p.clone())
    } else {
        Place::Field(FieldKey::main(&p.question))
    }
}

/// Why question `index` cannot be gone to: the branching does not ask it,
/// because of the answers to the questions its condition names.
pub fn not_asked(q: &Questionnaire, index: usize) -> String {
    let number = q.questions[index].number;
    let why: Vec<String> = q.questions[index]
        .ask_when
        .as_ref()
        .map(|c| {
            c.questions()
                .iter()
                .filter_map(|id| q.question(id))
                .map(|x| format!("Question {}", x.number))
                .collect()
        })
        .unwrap_or_default();
    match why.as_slice() {
        [] => format!("Question {number} is not asked, because of earlier answers."),
        [one] => format!("Question {number} is not asked, because of your answer to {one}."),
        many => format!(
            "Question {number} is not asked, because of your answers to {}.",
            many.join(", ")
        ),
    }
}

/// The fields of question `index` to answer with the answers of `flow`:
/// its own answer always, then its comment and the follow-ups the
/// branching asks, in report order. The wizard's focusable fields and the
/// accessible mode's prompts are these.
pub fn fields(q: &Questionnaire, flow: &Flow, index: usize) -> Vec<FieldKey> {
    let Some(question) = q.questions.get(index) else {
        return Vec::new();
    };
    Flow::fields(question)
        .into_iter()
        .filter(|k| k.field.is_none() || flow.field_state(index, k) != FieldState::Skipped)
        .collect()
}
