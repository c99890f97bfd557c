//! The accessible mode's `lang` command: questions, options and text
//! answers in the questionnaire's other language, text answers then typed
//! as translations (saved as the wizard saves them), `keep` for an
//! outdated one, and a sentence naming the languages for any other name.

mod common;

use common::{builtin, english_only, options};
use quire::accessible::{Conversation, Ending};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore, TextKey, Translation, TranslationState};
use quire::questionnaire::Questionnaire;
use tempfile::TempDir;

const ID: &str = "public-safety-canada-7f3a";

fn store(dir: &TempDir) -> DraftStore {
    DraftStore::open(dir.path().join("drafts")).expect("drafts folder")
}

/// A draft on `position`, with Q3 reviewed and Q8 answered in English.
fn saved_draft(dir: &TempDir, q: &Questionnaire, position: &str) -> Draft {
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), q, quire::draft::now());
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    d.answers.set(FieldKey::main("q3"), options(&["reviewed"]));
    d.answers
        .set(FieldKey::main("q8"), Value::Text("Social media.".into()));
    d.position = Some(FieldKey::parse(position).expect("key"));
    store(dir).save(&d).expect("save");
    d
}

fn converse(dir: &TempDir, q: &Questionnaire, lines: &[&str]) -> String {
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let mut out = Vec::new();
    let ending = {
        let mut c = Conversation::new(input.as_bytes(), &mut out);
        c.date = Some("2024-06-14".parse().expect("date"));
        c.run(q, &store(dir), Some(ID)).expect("runs")
    };
    assert!(matches!(ending, Ending::Closed { .. }), "{ending:?}");
    String::from_utf8(out).expect("UTF-8")
}

fn load(dir: &TempDir) -> Draft {
    store(dir)
        .load(&DraftId::parse(ID).expect("id"))
        .expect("saved")
}

fn q8() -> TextKey {
    TextKey::Answer(FieldKey::main("q8"))
}

#[test]
fn lang_fr_asks_in_french_and_a_text_typed_is_the_translation() {
    let dir = TempDir::new().expect("temp dir");
    let q = builtin();
    saved_draft(&dir, &q, "q8");
    let out = converse(&dir, &q, &["lang fr", "Médias sociaux.", ".", "quit"]);
    let french = q.in_language("fr").expect("French");
    assert!(
        out.contains("Questions and answers in français: text answers are now their français translations, beside the English answer; choices are shared."),
        "{out}"
    );
    assert!(out.contains(french.questions[7].text.as_str()), "{out}");
    assert!(out.contains("The English answer:\nSocial media.\nEnd of the English answer.\nNo français translation yet."), "{out}");
    assert!(out.contains("Question 8, français translation: "), "{out}");
    let d = load(&dir);
    assert_eq!(
        d.translations.get("fr", &q8()).map(|t| t.text.as_str()),
        Some("Médias sociaux.")
    );
    assert_eq!(
        d.translation_state(&q, "fr", &q8()),
        Some(TranslationState::Done)
    );
    assert_eq!(
        d.answers.main("q8"),
        Some(&Value::Text("Social media.".into())),
        "the English answer is untouched"
    );
}

#[test]
fn options_are_read_and_typed_in_french_and_shared() {
    let dir = TempDir::new().expect("temp dir");
    let q = builtin();
    saved_draft(&dir, &q, "q1");
    let out = converse(&dir, &q, &["lang français", "oui", "quit"]);
    assert!(out.contains("1. Oui"), "{out}");
    assert_eq!(load(&dir).answers.main("q1"), Some(&options(&["yes"])));
}

#[test]
fn an_unknown_language_is_named_with_those_there_are() {
    let dir = TempDir::new().expect("temp dir");
    let q = builtin();
    saved_draft(&dir, &q, "q8");
    let out = converse(&dir, &q, &["lang de", "lang", "help", "quit"]);
    assert!(
        out.contains("\"de\" is not one of this questionnaire's languages; it has en (English) and fr (français)."),
        "{out}"
    );
    assert!(
        out.contains("Questions and answers are in English. This questionnaire has en (English) and fr (français): type lang and a language, for example lang fr."),
        "{out}"
    );
    assert!(
        out.contains("lang fr: questions and answers in French"),
        "{out}"
    );
    let english = english_only();
    let dir = TempDir::new().expect("temp dir");
    saved_draft(&dir, &english, "q8");
    let out = converse(&dir, &english, &["lang fr", "quit"]);
    assert!(
        out.contains("\"fr\": this questionnaire has one language only, en (English)."),
        "{out}"
    );
}

#[test]
fn an_outdated_translation_is_said_and_keep_keeps_it() {
    let dir = TempDir::new().expect("temp dir");
    let q = builtin();
    let mut d = saved_draft(&dir, &q, "q8");
    d.translations
        .set("fr", q8(), Translation::of("Social", "Médias sociaux."));
    store(&dir).save(&d).expect("save");
    let out = converse(&dir, &q, &["lang fr", "keep", "keep", "quit"]);
    assert!(
        out.contains(
            "Your français translation now, outdated:\nMédias sociaux.\nEnd of your translation."
        ),
        "{out}"
    );
    assert!(
        out.contains("Kept the translation as up to date. Saved."),
        "{out}"
    );
    assert!(
        out.contains("This translation is done: only an outdated one needs keeping."),
        "{out}"
    );
    let d = load(&dir);
    assert_eq!(
        d.translation_state(&q, "fr", &q8()),
        Some(TranslationState::Done)
    );
    assert_eq!(
        d.translations.get("fr", &q8()).map(|t| t.text.as_str()),
        Some("Médias sociaux.")
    );
}

#[test]
fn the_french_review_is_the_french_report_with_the_translations_to_do() {
    let dir = TempDir::new().expect("temp dir");
    let q = builtin();
    saved_draft(&dir, &q, "q8");
    let out = converse(
        &dir,
        &q,
        &["lang fr", "review", "lang en", "missing", "quit"],
    );
    let french = q.in_language("fr").expect("French");
    let start = out
        .find("The report, exactly as it will be exported:")
        .expect("the review");
    let review = &out[start..];
    assert!(review.contains(french.title.as_str()), "{review}");
    assert!(
        review.contains("2 français translations are missing or outdated:\nHeader (organization): the `fr` translation is missing\nQuestion 8 (q8): the `fr` translation is missing"),
        "{review}"
    );
    // Back in English, `missing` lists no translation.
    let after = &out[out
        .rfind("Questions and answers in English")
        .expect("lang en")..];
    assert!(!after.contains("translations are missing"), "{after}");
}
