//! The wizard in two languages: the language key, translations typed in
//! the answer box (saved and journaled like answers), their states as the
//! source changes, the review's list of translations to do, and exporting
//! the report of the language shown. Sequences of messages through
//! `update`, and the real `App` on a temporary drafts folder where the
//! files matter.

mod common;

use chrono::{DateTime, FixedOffset, TimeDelta};
use common::{builtin, english_only, options};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore, TextKey, TranslationState, source_hash};
use quire::questionnaire::Questionnaire;
use quire::tui::keymap::{Mode, hints};
use quire::tui::model::{Model, Overlay, PromptKind, Showing, Theme};
use quire::tui::msg::{Effect, Msg, Opened};
use quire::tui::update::{ReviewEntry, review_entries, update};
use quire::tui::{App, to_msg};
use tempfile::TempDir;

const ID: &str = "public-safety-canada-7f3a";

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date")
}

fn text(t: &str) -> Value {
    Value::Text(t.into())
}

fn draft(q: &Questionnaire, position: &str, answers: &[(&str, Value)]) -> Draft {
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), q, t0());
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    for (key, value) in answers {
        d.answers
            .set(FieldKey::parse(key).expect("key"), value.clone());
    }
    d.position = Some(FieldKey::parse(position).expect("key"));
    d
}

fn opened_with(q: Questionnaire, d: Draft) -> Model {
    let mut m = Model::new(q, vec![], t0(), (80, 24), Theme { color: false });
    let effects = update(
        &mut m,
        Msg::Opened(Ok(Opened {
            draft: Box::new(d),
            read_only: None,
            orphans_moved: vec![],
            note: None,
            export_folder: None,
            version: None,
        })),
    );
    assert_eq!(effects, vec![]);
    m
}

/// The built-in questionnaire's draft, on question 8, answered in English.
fn on_q8() -> Model {
    let q = builtin();
    let d = draft(
        &q,
        "q8",
        &[
            ("q3", options(&["reviewed"])),
            ("q8", text("Social media.")),
        ],
    );
    opened_with(q, d)
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn typing(m: &mut Model, s: &str) {
    for c in s.chars() {
        assert_eq!(update(m, key(c)), vec![]);
    }
}

/// The draft of the one save among `effects`.
fn saved(effects: &[Effect]) -> &Draft {
    let saves: Vec<&Draft> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Save(d, _) => Some(&**d),
            _ => None,
        })
        .collect();
    assert_eq!(saves.len(), 1, "{effects:?}");
    saves[0]
}

fn q8() -> TextKey {
    TextKey::Answer(FieldKey::main("q8"))
}

fn editor_text(m: &Model) -> String {
    m.session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.text())
        .expect("an answer box")
}

/// The wizard's state after typing `fr` as the French translation of Q8
/// and a pause: the translation kept.
fn translated_q8(fr: &str) -> Model {
    let mut m = on_q8();
    assert!(update(&mut m, Msg::Language).is_empty());
    typing(&mut m, fr);
    let later = t0() + TimeDelta::seconds(2);
    let effects = update(&mut m, Msg::Tick(later));
    let d = saved(&effects);
    assert_eq!(
        d.translations.get("fr", &q8()).map(|t| t.text.as_str()),
        Some(fr)
    );
    m
}

#[test]
fn the_language_key_shows_the_french_questions_and_edits_the_translation() {
    let mut m = on_q8();
    assert_eq!(m.language(), "en");
    assert_eq!(m.mode(), Mode::Text);
    assert_eq!(editor_text(&m), "Social media.");
    // What was typed in English is kept before the switch.
    typing(&mut m, " Ethics.");
    let effects = update(&mut m, Msg::Language);
    assert_eq!(
        saved(&effects).answers.main("q8"),
        Some(&text("Social media. Ethics."))
    );
    assert_eq!(m.language(), "fr");
    assert_eq!(m.translating(), Some("fr"));
    let french = m.questionnaire.in_language("fr").expect("French");
    assert_eq!(m.texts().questions[7].text, french.questions[7].text);
    assert_ne!(
        m.texts().questions[7].text,
        m.questionnaire.questions[7].text
    );
    assert_eq!(m.mode(), Mode::Text, "still writing, on the same field");
    assert_eq!(editor_text(&m), "", "no translation yet");
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Missing));
    // The state follows the typing before it is kept.
    typing(&mut m, "Médias sociaux.");
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Done));
    let later = t0() + TimeDelta::seconds(2);
    let effects = update(&mut m, Msg::Tick(later));
    let d = saved(&effects);
    let t = d.translations.get("fr", &q8()).expect("a translation");
    assert_eq!(t.text, "Médias sociaux.");
    assert_eq!(t.source, source_hash("Social media. Ethics."));
    assert_eq!(
        d.answers.main("q8"),
        Some(&text("Social media. Ethics.")),
        "the answer itself is untouched"
    );
    // And back: the English answer in the box again.
    assert_eq!(update(&mut m, Msg::Language), vec![]);
    assert_eq!(m.language(), "en");
    assert_eq!(editor_text(&m), "Social media. Ethics.");
}

#[test]
fn editing_the_source_makes_the_translation_outdated_and_c_keeps_it() {
    let mut m = translated_q8("Médias sociaux.");
    assert_eq!(update(&mut m, Msg::Language), vec![]);
    assert_eq!(m.language(), "en");
    typing(&mut m, " And ethics.");
    let effects = update(&mut m, Msg::Language);
    assert_eq!(
        saved(&effects).answers.main("q8"),
        Some(&text("Social media. And ethics."))
    );
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Outdated));
    assert_eq!(editor_text(&m), "Médias sociaux.", "kept as it was");
    // c is a key once out of the answer box.
    assert_eq!(update(&mut m, Msg::Back), vec![]);
    assert_eq!(m.mode(), Mode::Browse);
    let c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    assert_eq!(to_msg(m.mode(), c), Some(Msg::ConfirmTranslation));
    let effects = update(&mut m, Msg::ConfirmTranslation);
    let t = saved(&effects).translations.get("fr", &q8()).expect("kept");
    assert_eq!(t.text, "Médias sociaux.");
    assert_eq!(t.source, source_hash("Social media. And ethics."));
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Done));
    // A translation up to date needs no keeping: nothing is saved.
    assert_eq!(update(&mut m, Msg::ConfirmTranslation), vec![]);
    assert!(m.status.as_deref().is_some_and(|s| s.contains("done")));
}

#[test]
fn writing_in_an_outdated_translation_brings_it_up_to_date() {
    let mut m = translated_q8("Médias sociaux.");
    update(&mut m, Msg::Language);
    typing(&mut m, "!");
    update(&mut m, Msg::Language);
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Outdated));
    typing(&mut m, " Et l’éthique.");
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Done));
    let effects = update(&mut m, Msg::NextField);
    let t = saved(&effects).translations.get("fr", &q8()).expect("kept");
    assert_eq!(t.text, "Médias sociaux. Et l’éthique.");
    assert_eq!(t.source, source_hash("Social media.!"));
}

#[test]
fn the_source_text_typed_as_the_translation_is_same_text_and_a_blank_one_is_removed() {
    let mut m = translated_q8("Social media.");
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::SameText));
    update(&mut m, Msg::Edit(quire::tui::editing::Edit::Clear));
    assert_eq!(m.translation_state(&q8()), Some(TranslationState::Missing));
    let effects = update(&mut m, Msg::NextField);
    assert_eq!(saved(&effects).translations.get("fr", &q8()), None);
}

#[test]
fn choices_are_shared_by_both_languages() {
    let q = builtin();
    let d = draft(&q, "q1", &[]);
    let mut m = opened_with(q, d);
    update(&mut m, Msg::Language);
    assert_eq!(m.mode(), Mode::Choice);
    let effects = update(&mut m, Msg::Toggle);
    assert_eq!(saved(&effects).answers.main("q1"), Some(&options(&["yes"])));
    assert!(saved(&effects).translations.is_empty());
}

#[test]
fn the_review_lists_translations_to_do_and_enter_goes_there_in_that_language() {
    let mut m = on_q8();
    update(&mut m, Msg::Review);
    assert_eq!(m.showing(), Showing::Review);
    let entries = review_entries(&m);
    let translations: Vec<(String, TextKey)> = entries
        .iter()
        .filter_map(|e| match e {
            ReviewEntry::Translation {
                language,
                key,
                state,
            } => {
                assert_eq!(*state, TranslationState::Missing);
                Some((language.clone(), key.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        translations,
        vec![
            ("fr".to_owned(), TextKey::Header("organization".into())),
            ("fr".to_owned(), q8()),
        ]
    );
    let at = entries
        .iter()
        .position(|e| matches!(e, ReviewEntry::Translation { key, .. } if *key == q8()))
        .expect("Q8's translation");
    for _ in 0..at {
        update(&mut m, Msg::Down);
    }
    assert_eq!(update(&mut m, Msg::Enter), vec![]);
    assert_eq!(m.showing(), Showing::Question);
    assert_eq!(m.language(), "fr");
    let s = m.session().expect("session");
    assert_eq!(s.focus, FieldKey::main("q8"));
    assert_eq!(m.mode(), Mode::Text);
    assert_eq!(editor_text(&m), "");
}

#[test]
fn the_organization_is_translated_in_a_prompt_from_the_review() {
    let mut m = on_q8();
    update(&mut m, Msg::Review);
    // The organization's translation is the first translation listed,
    // after the answers missing.
    let at = review_entries(&m)
        .iter()
        .position(|e| matches!(e, ReviewEntry::Translation { .. }))
        .expect("translations listed");
    assert!(matches!(
        &review_entries(&m)[at],
        ReviewEntry::Translation {
            key: TextKey::Header(_),
            ..
        }
    ));
    for _ in 0..at {
        update(&mut m, Msg::Down);
    }
    assert_eq!(update(&mut m, Msg::Enter), vec![]);
    assert!(matches!(
        m.prompt().map(|p| p.kind),
        Some(PromptKind::HeaderTranslation(0))
    ));
    assert_eq!(
        update(&mut m, Msg::Typed("Sécurité publique Canada".into())),
        vec![]
    );
    let effects = update(&mut m, Msg::Enter);
    let t = saved(&effects)
        .translations
        .get("fr", &TextKey::Header("organization".into()))
        .expect("kept");
    assert_eq!(t.text, "Sécurité publique Canada");
    assert_eq!(t.source, source_hash("Public Safety Canada"));
    assert_eq!(m.showing(), Showing::Review);
    assert!(m.prompt().is_none());
    // Back to the question: its answer box, in French, takes typing.
    update(&mut m, Msg::Back);
    assert_eq!(m.showing(), Showing::Question);
    assert_eq!(m.language(), "fr");
    assert_eq!(m.mode(), Mode::Text, "the answer box is there");
    typing(&mut m, "Médias");
    assert_eq!(editor_text(&m), "Médias");
}

#[test]
fn exporting_the_french_report_is_refused_while_translations_are_missing_unless_asked() {
    let mut m = on_q8();
    update(&mut m, Msg::Language);
    update(&mut m, Msg::Review);
    assert_eq!(update(&mut m, Msg::Export), vec![]);
    let Some(Overlay::ExportAnyway(q)) = &m.overlay else {
        panic!("export anyway? not asked: {:?}", m.overlay);
    };
    assert_eq!(q.untranslated.len(), 2, "{:?}", q.untranslated);
    assert!(
        q.refusal.contains("2 translations are missing or outdated"),
        "{}",
        q.refusal
    );
    // Yes: the prompt proposes the French file.
    assert_eq!(update(&mut m, Msg::Enter), vec![]);
    let value = m.prompt().expect("the export prompt").value();
    assert!(value.ends_with("public-safety-canada.fr.txt"), "{value}");
    let effects = update(&mut m, Msg::Enter);
    let Some(Effect::Export { text, .. }) = effects.first() else {
        panic!("no export: {effects:?}");
    };
    // The French report: French wording, the English text standing in.
    let french = m.questionnaire.in_language("fr").expect("French");
    assert!(text.contains(french.questions[0].text.as_str()));
    assert!(text.contains("Social media."));
}

#[test]
fn the_english_report_exports_whatever_the_french_translations() {
    let q = builtin();
    let mut d = draft(&q, "q1", &[]);
    d.answers = common::synthetic_answers();
    let mut m = opened_with(q, d);
    assert!(!review_entries(&m).is_empty());
    update(&mut m, Msg::Review);
    update(&mut m, Msg::Export);
    assert!(
        matches!(m.prompt().map(|p| p.kind), Some(PromptKind::ExportPath)),
        "{:?}",
        m.overlay
    );
    let value = m.prompt().expect("prompt").value();
    assert!(value.ends_with("office-of-examples.txt"), "{value}");
}

#[test]
fn a_questionnaire_in_one_language_has_no_language_keys() {
    let q = english_only();
    let d = draft(&q, "q8", &[("q8", text("Social media."))]);
    let mut m = opened_with(q, d);
    assert!(!m.bilingual());
    assert!(
        hints(Mode::Choice, false)
            .iter()
            .all(|(_, what)| *what != "lang")
    );
    assert!(
        hints(Mode::Choice, true)
            .iter()
            .any(|(_, what)| *what == "lang")
    );
    assert_eq!(update(&mut m, Msg::Language), vec![]);
    assert_eq!(m.language(), "en");
    assert_eq!(
        m.status.as_deref(),
        Some("This questionnaire has one language (en (English)).")
    );
}

#[test]
fn the_outline_keeps_the_focus_across_a_switch() {
    let mut m = on_q8();
    update(&mut m, Msg::Back);
    update(&mut m, Msg::FocusOutline);
    update(&mut m, Msg::Up);
    assert_eq!(m.mode(), Mode::Outline);
    assert_eq!(update(&mut m, Msg::Language), vec![]);
    assert_eq!(m.mode(), Mode::Outline);
    assert_eq!(m.session().and_then(|s| s.outline_cursor), Some(6));
    assert_eq!(m.language(), "fr");
}

#[test]
fn side_by_side_follows_the_width_and_its_key() {
    let mut m = on_q8();
    assert!(!m.side_by_side_shown(), "not translating");
    update(&mut m, Msg::SideBySide);
    assert!(m.status.as_deref().is_some_and(|s| s.contains("français")));
    update(&mut m, Msg::Language);
    assert!(!m.side_by_side_shown(), "80 columns");
    update(&mut m, Msg::Resize(160, 40));
    assert!(m.side_by_side_shown());
    update(&mut m, Msg::Back);
    update(&mut m, Msg::SideBySide);
    assert!(!m.side_by_side_shown(), "the user's choice wins");
}

// ---------------------------------------------------------------------------
// On disk

fn app(dir: &TempDir) -> App {
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let mut app = App::new(builtin(), store, (80, 24), Theme { color: false });
    app.model.now = t0();
    app
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let msg = to_msg(app.model.mode(), Event::Key(KeyEvent::new(code, modifiers)))
        .expect("a key that means something");
    assert!(!app.dispatch(msg, &mut |_| Err("no editor".into())));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c), KeyModifiers::NONE);
    }
}

#[test]
fn a_translation_typed_in_the_wizard_is_journaled_and_survives_quit_and_resume() {
    let dir = TempDir::new().expect("temp dir");
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let q = builtin();
    store
        .save(&draft(&q, "q8", &[("q8", text("Social media."))]))
        .expect("save");
    let id = DraftId::parse(ID).expect("id");
    let mut app = app(&dir);
    app.open(ID);
    assert_eq!(app.model.mode(), Mode::Text);
    press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    assert_eq!(app.model.language(), "fr");
    type_text(&mut app, "Médias sociaux.");
    // A pause: the translation goes to the journal, as typing does.
    let later = t0() + TimeDelta::seconds(2);
    app.dispatch(Msg::Tick(later), &mut |_| Err("no editor".into()));
    let journal = std::fs::read_to_string(dir.path().join("drafts").join(format!("{ID}.journal")))
        .expect("a journal");
    assert!(journal.contains("lang = \"fr\""), "{journal}");
    assert!(journal.contains("Médias sociaux."), "{journal}");
    let on_disk = store.load(&id).expect("load");
    assert_eq!(
        on_disk.translation_state(&q, "fr", &q8()),
        Some(TranslationState::Done)
    );
    // Quit, then resume: the draft opens in its source language, and the
    // translation is there to switch to.
    assert!(app.dispatch(Msg::Quit, &mut |_| Err("no editor".into())));
    drop(app);
    let on_disk = store.load(&id).expect("load");
    assert_eq!(
        on_disk
            .translations
            .get("fr", &q8())
            .map(|t| t.text.as_str()),
        Some("Médias sociaux.")
    );
    let mut app = App::opening(
        builtin(),
        DraftStore::open(dir.path().join("drafts")).expect("store"),
        (80, 24),
        Theme { color: false },
        ID,
    );
    assert_eq!(app.model.language(), "en");
    assert_eq!(editor_text(&app.model), "Social media.");
    press(&mut app, KeyCode::Char('t'), KeyModifiers::CONTROL);
    assert_eq!(editor_text(&app.model), "Médias sociaux.");
}

#[test]
fn the_review_draws_the_report_that_e_exports() {
    let mut m = translated_q8("Médias sociaux.");
    update(&mut m, Msg::Review);
    let shown = quire::tui::update::report_text(&m).expect("a report");
    let exported = quire::tui::update::report_shown(&m).expect("a report");
    assert_eq!(shown, exported.text);
    assert!(shown.contains("Médias sociaux."), "{shown}");
    assert!(!shown.contains("Social media."), "{shown}");
}

#[test]
fn discarding_an_answer_on_a_skipped_question_leaves_its_translation_outdated() {
    let q = builtin();
    // Q4 is skipped once Q3 is reviewed; its answer and translation stay.
    let mut d = draft(
        &q,
        "q4",
        &[("q3", options(&["reviewed"])), ("q4", text("By March."))],
    );
    let q4 = TextKey::Answer(FieldKey::main("q4"));
    d.set_answer_in(&q, "fr", q4.clone(), "D’ici mars.".into());
    let mut m = opened_with(q, d);
    update(&mut m, Msg::Language);
    update(&mut m, Msg::Review);
    let at = review_entries(&m)
        .iter()
        .position(|e| matches!(e, ReviewEntry::Issue(i) if i.skipped))
        .expect("the skipped answer listed");
    for _ in 0..at {
        update(&mut m, Msg::Down);
    }
    let effects = update(&mut m, Msg::Discard);
    let d = saved(&effects);
    assert_eq!(d.answers.main("q4"), None);
    assert!(d.translations.get("fr", &q4).is_some(), "kept");
    assert_eq!(m.translation_state(&q4), Some(TranslationState::Outdated));
}

/// Undo in a field belongs to the language it was typed in: after the
/// language key and back, each answer box takes back its own typing, and
/// never the other language's.
#[test]
fn undo_takes_back_the_typing_of_the_language_shown() {
    let mut m = translated_q8("Médias sociaux.");
    // In French: one more word, then back to English and a word there.
    typing(&mut m, " Éthique.");
    update(&mut m, Msg::Language);
    assert_eq!(m.language(), "en");
    assert_eq!(editor_text(&m), "Social media.");
    assert_eq!(
        update(&mut m, Msg::Undo),
        vec![],
        "nothing typed in English yet"
    );
    assert_eq!(editor_text(&m), "Social media.");
    typing(&mut m, " More");
    update(&mut m, Msg::Language);
    assert_eq!(m.language(), "fr");
    // French: the word typed before the switch, and then the rest, a word
    // (with the spaces after it) at a time.
    update(&mut m, Msg::Undo);
    assert_eq!(editor_text(&m), "Médias sociaux. ");
    update(&mut m, Msg::Undo);
    assert_eq!(editor_text(&m), "Médias ");
    update(&mut m, Msg::Undo);
    assert_eq!(editor_text(&m), "");
    update(&mut m, Msg::Language);
    update(&mut m, Msg::Undo);
    assert_eq!(editor_text(&m), "Social media. ");
    update(&mut m, Msg::Undo);
    assert_eq!(editor_text(&m), "Social media.");
}
