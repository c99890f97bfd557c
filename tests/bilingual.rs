//! Both official languages: the definition's French, French reports read
//! and printed, the two pages of one report paired into one draft, and
//! exports that refuse missing or outdated translations.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use quire::answers::FieldKey;
use quire::draft::{DraftId, DraftStore, TextKey, TranslationState};
use quire::report::{detect_language, import_any, publish_in};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const EN: &str = "bilingual/example-agency.en.txt";
const FR: &str = "bilingual/example-agency.fr.txt";
const FR_FLAT: &str = "bilingual/example-agency.fr.flat.txt";

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn quire(dir: &TempDir) -> Command {
    let mut c = Command::cargo_bin("quire").expect("binary");
    c.env("QUIRE_DRAFTS_DIR", dir.path().join("drafts"))
        .env_remove("QUIRE_DRAFTS_DIR_UNUSED");
    c
}

fn sandbox() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Runs `quire import ARGS…` and returns the new draft's id.
fn import(dir: &TempDir, args: &[&Path]) -> String {
    let out = quire(dir).arg("import").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

fn export(dir: &TempDir, id: &str, lang: &str) -> String {
    let out = quire(dir)
        .args(["export", id, "--date", "2024-08-23", "--lang", lang])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn store(dir: &TempDir) -> DraftStore {
    DraftStore::open_read_only(dir.path().join("drafts")).expect("store")
}

// ---------------------------------------------------------------- definition

#[test]
fn validate_lists_unofficial_french_as_warnings_and_strict_refuses_them() {
    let dir = sandbox();
    quire(&dir)
        .arg("validate")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(": valid: "))
        .stderr(
            predicate::str::is_match(
                r"<built-in questionnaire.toml>:\d+:\d+: warning: the `fr` text of `label` .Organization name. is an unofficial translation",
            )
            .unwrap()
            .and(predicate::str::contains(
                "0 missing translations and 46 unofficial translations (languages: en, fr)",
            )),
        );
    quire(&dir)
        .args(["validate", "--strict-languages"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("warning:")
                .not()
                .and(predicate::str::contains(
                    "not valid with --strict-languages",
                )),
        );
}

#[test]
fn validate_gives_the_place_of_each_text_that_lacks_a_language() {
    let dir = sandbox();
    let file = dir.path().join("q.toml");
    std::fs::write(
        &file,
        r#"id = "x"
version = "1"
title = { en = "Check-in", fr = "Bilan" }
languages = ["en", "fr"]

[report]
header = ["{title}"]

[[part]]
id = "p"
title.en = "First"
title.fr = "Premier"
title.unofficial = ["fr"]

[[part.question]]
id = "q1"
kind = "yes-no"
text = "Ready?"
"#,
    )
    .unwrap();
    let name = file.display().to_string();
    quire(&dir)
        .arg("validate")
        .arg(&file)
        .assert()
        .code(0)
        .stderr(
        predicate::str::contains(format!(
            "{name}:12:7: warning: the `fr` text of `title` \"First\" is an unofficial translation"
        ))
        .and(predicate::str::contains(format!(
            "{name}:18:8: warning: `text` \"Ready?\" has no `fr` text"
        )))
        // Built-in options (Oui / Non) and a template of placeholders
        // only need no translation.
        .and(predicate::str::contains(
            "1 missing translation and 1 unofficial translation",
        )),
    );
    quire(&dir)
        .args(["validate", "--strict-languages"])
        .arg(&file)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "{name}:18:8: `text` \"Ready?\" has no `fr` text"
        )));
}

#[test]
fn unofficial_must_name_a_translation_the_label_has() {
    let dir = sandbox();
    let file = dir.path().join("q.toml");
    std::fs::write(
        &file,
        r#"id = "x"
version = "1"
title = { en = "Check-in", unofficial = ["fr", "en"] }
languages = ["en", "fr"]
[report]
[[part]]
id = "p"
title = { en = "P", fr = "P" }
[[part.question]]
id = "q1"
kind = "text"
text = { en = "Why?", fr = "Pourquoi?" }
"#,
    )
    .unwrap();
    quire(&dir)
        .arg("validate")
        .arg(&file)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains(
                ":3:42: `unofficial` names `fr`, but this label has no `fr` text",
            )
            .and(predicate::str::contains(
                ":3:48: the primary language, `en`, cannot be marked unofficial",
            )),
        );
}

// ------------------------------------------------------------------ reports

#[rstest::rstest]
#[case(EN, "en")]
#[case(FR, "fr")]
#[case(FR_FLAT, "fr")]
fn the_language_of_a_page_is_recognised(#[case] name: &str, #[case] want: &str) {
    let q = common::builtin();
    assert_eq!(
        detect_language(&q, &common::fixture(name)).as_deref(),
        Some(want)
    );
}

#[test]
fn french_pages_are_canonical_and_the_flat_one_formats_to_them() {
    let dir = sandbox();
    quire(&dir)
        .args(["fmt", "--check"])
        .arg(path(FR))
        .assert()
        .code(0);
    let out = quire(&dir).arg("fmt").arg(path(FR_FLAT)).output().unwrap();
    assert!(out.status.success());
    let canonical = String::from_utf8(out.stdout).unwrap();
    // The flat layout shows no nesting nor numbers: the rest is the same.
    let flat_of = |t: &str| common::flatten(t);
    assert_eq!(flat_of(&canonical), flat_of(&common::fixture(FR)));
    assert!(canonical.starts_with("Agence exemple du Canada\n\nAutoévaluation"));
}

#[test]
fn a_french_page_with_a_different_option_gets_the_english_warnings() {
    let q = common::builtin();
    let page = common::fixture(FR).replace(
        "  • Mon organisation est en train de revoir son code de conduite.",
        "  • Mon organisation est en train de revoir son code de conduite",
    );
    let (lang, imported) = import_any(&q, &page).unwrap();
    assert_eq!(lang, "fr");
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("differs slightly from the option")),
        "{:?}",
        imported.warnings
    );
}

#[test]
fn a_page_in_neither_language_is_refused_naming_the_languages() {
    let dir = sandbox();
    let page = dir.path().join("de.txt");
    std::fs::write(
        &page,
        "Beispielamt\n\nSelbstbewertung\n\nTeil I. Schulungspläne\n\nFrage 1\n\nJa\n",
    )
    .unwrap();
    quire(&dir)
        .arg("import")
        .arg(&page)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "in any of its languages (en, fr); the page is in none of them",
        ));
}

#[test]
fn every_fixture_prints_the_same_structure_in_english_and_french() {
    let q = common::builtin();
    let now = quire::draft::now();
    for name in common::REPORTS.iter().chain(&[EN, FR, FR_FLAT]) {
        let (lang, imported) = import_any(&q, &common::fixture(name)).unwrap();
        let mut draft = quire::draft::Draft::new(DraftId::parse("x").unwrap(), &q, now);
        draft.answers = imported.answers;
        draft.language = Some(lang);
        let en = publish_in(&q, &draft, "en", None).unwrap().text;
        let fr = publish_in(&q, &draft, "fr", None).unwrap().text;
        assert_eq!(common::structure(&en), common::structure(&fr), "{name}");
        assert_ne!(en, fr, "{name}");
    }
}

// ------------------------------------------------------------------ pairing

#[test]
fn two_pages_of_one_report_pair_into_one_draft_that_exports_both() {
    let dir = sandbox();
    // The French page first: the English one (the primary language) is the source.
    let id = import(&dir, &[&path(FR), &path(EN)]);
    let draft = store(&dir).load(&DraftId::parse(&id).unwrap()).unwrap();
    assert_eq!(draft.language, None);
    let q = common::builtin();
    let states = draft.translation_states(&q, "fr");
    assert_eq!(states.len(), 10);
    assert!(states.iter().all(|(_, s)| *s == TranslationState::Done));
    // Each page comes back as it was (published pages end without a line end).
    assert_eq!(export(&dir, &id, "fr"), common::fixture(FR) + "\n");
    assert_eq!(export(&dir, &id, "en"), common::fixture(EN) + "\n");
    quire(&dir)
        .args(["drafts", "show", &id])
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("[fr: done]")
                .and(predicate::str::contains("Translations into `fr` (answers written in `en`): 10 done, 0 same text, 0 outdated, 0 missing")),
        );
}

#[test]
fn a_french_page_alone_is_a_french_draft_and_the_english_page_pairs_into_it() {
    let dir = sandbox();
    let id = import(&dir, &[&path(FR)]);
    let draft = store(&dir).load(&DraftId::parse(&id).unwrap()).unwrap();
    assert_eq!(draft.language.as_deref(), Some("fr"));
    // Exported in its own language by default.
    let out = quire(&dir)
        .args(["export", &id, "--date", "2024-08-23"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        common::fixture(FR) + "\n"
    );
    // English is missing: refused, each text named.
    quire(&dir)
        .args(["export", &id, "--lang", "en"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("10 translations are missing or outdated:")
                .and(predicate::str::contains(
                    "Question 4 (q4): the `en` translation is missing",
                ))
                .and(predicate::str::contains("--allow-incomplete")),
        );
    quire(&dir)
        .args(["import", "--into", &id])
        .arg(path(EN))
        .assert()
        .code(0)
        .stdout(format!("{id}\n"))
        .stderr(predicate::str::contains("10/10 translations into en done"));
    assert_eq!(export(&dir, &id, "en"), common::fixture(EN) + "\n");
}

#[test]
fn pages_that_do_not_belong_together_are_refused() {
    let dir = sandbox();
    quire(&dir)
        .arg("import")
        .arg(path(EN))
        .arg(path("public-safety-canada.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("are both in English (en)"));
    let other = dir.path().join("other.fr.txt");
    std::fs::write(
        &other,
        common::fixture(FR).replace("  • Oui\n", "  • Non\n"),
    )
    .unwrap();
    quire(&dir)
        .arg("import")
        .arg(path(EN))
        .arg(&other)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "does not choose the same options as the `en` answers (Question 2)",
        ));
    assert!(
        !dir.path().join("drafts").exists() || store(&dir).list().unwrap().is_empty(),
        "no draft is made"
    );
    quire(&dir)
        .args(["import", "--into", "no-such-draft-0000"])
        .arg(path(FR))
        .arg(path(EN))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--into takes one page"));
    quire(&dir)
        .args(["import", "--into", "no-such-draft-0000"])
        .arg(path(FR))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no draft `no-such-draft-0000`"));
}

#[test]
fn a_page_in_the_drafts_own_language_is_not_paired_into_it() {
    let dir = sandbox();
    let id = import(&dir, &[&path(EN)]);
    quire(&dir)
        .args(["import", "--into", &id])
        .arg(path(EN))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the draft is written in `en` already",
        ));
}

#[test]
fn a_page_is_not_paired_into_a_draft_of_another_questionnaire() {
    let dir = sandbox();
    let id = import(&dir, &[&path(EN)]);
    let file = dir.path().join("drafts").join(format!("{id}.toml"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("values-ethics-self-assessment", "other-questionnaire"),
    )
    .unwrap();
    quire(&dir)
        .args(["import", "--into", &id])
        .arg(path(FR))
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: draft `{id}` answers questionnaire `other-questionnaire`, not `values-ethics-self-assessment`; pass its definition with --questionnaire\n"
        ));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text.replace("values-ethics-self-assessment", "other-questionnaire"),
        "the draft is left as it was"
    );
}

// ------------------------------------------------------------------ exports

#[test]
fn an_outdated_translation_is_refused_until_allowed() {
    let dir = sandbox();
    let id = import(&dir, &[&path(EN), &path(FR)]);
    // The source changes after the translation was written.
    let s = DraftStore::open(dir.path().join("drafts")).unwrap();
    let did = DraftId::parse(&id).unwrap();
    let mut draft = s.load(&did).unwrap();
    let q = common::builtin();
    draft.set_answer_in(
        &q,
        "en",
        TextKey::Answer(FieldKey::main("q4")),
        "The review will end in January 2025.".into(),
    );
    s.save(&draft).unwrap();
    quire(&dir)
        .args(["export", &id, "--lang", "fr"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "1 translation is missing or outdated:\n  Question 4 (q4): the `fr` translation is outdated",
        ));
    // English needs no translation.
    quire(&dir)
        .args(["export", &id, "--lang", "en"])
        .assert()
        .code(0);
    quire(&dir)
        .args(["export", &id, "--lang", "fr", "--allow-incomplete"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "L’examen prendra fin en décembre 2024.",
        ))
        .stderr(predicate::str::contains(
            "the French (fr) report is incomplete: 1 translation is missing or outdated",
        ));
}

#[test]
fn both_languages_are_written_beside_each_other_or_not_at_all() {
    let dir = sandbox();
    let id = import(&dir, &[&path(EN), &path(FR)]);
    quire(&dir)
        .args(["export", &id, "--lang", "both"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "--lang both writes 2 reports: give -o FILE to write FILE.en.txt and FILE.fr.txt",
        ));
    let out = dir.path().join("report.txt");
    std::fs::write(dir.path().join("report.fr.txt"), "keep").unwrap();
    quire(&dir)
        .args([
            "export",
            &id,
            "--lang",
            "both",
            "--date",
            "2024-08-23",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "report.fr.txt exists; not overwritten",
        ));
    assert!(
        !dir.path().join("report.en.txt").exists(),
        "nothing written"
    );
    quire(&dir)
        .args([
            "export",
            &id,
            "--lang",
            "both",
            "--date",
            "2024-08-23",
            "--force",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0);
    let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).unwrap();
    assert_eq!(read("report.en.txt"), common::fixture(EN) + "\n");
    assert_eq!(read("report.fr.txt"), common::fixture(FR) + "\n");
}

#[test]
fn an_unknown_language_is_refused_naming_the_known_ones() {
    let dir = sandbox();
    let id = import(&dir, &[&path(EN)]);
    quire(&dir)
        .args(["export", &id, "--lang", "de"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the questionnaire has no language `de`; --lang takes one of en, fr, or `both`",
        ));
}

#[test]
fn a_report_file_exports_in_its_own_language() {
    let dir = sandbox();
    let out = quire(&dir)
        .args(["export", "--date", "2024-08-23"])
        .arg(path(FR_FLAT))
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("Agence exemple du Canada\n\nAutoévaluation")
    );
    quire(&dir)
        .args(["export", "--lang", "en"])
        .arg(path(FR))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the `en` translation is missing"));
}
