use super::*;
use crate::answers::{Chosen, FieldKey, Value};
use crate::draft::DraftId;
use chrono::NaiveDate;
use rstest::rstest;
use tempfile::TempDir;

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("built-in questionnaire is valid")
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-06-14T09:30:00-04:00").expect("date")
}

fn store(dir: &TempDir) -> DraftStore {
    DraftStore::open(dir.path().join("drafts")).expect("drafts folder")
}

fn organization(name: &str) -> Answers {
    let mut a = Answers::new();
    a.header.insert("organization".into(), name.into());
    a
}

/// A new draft of the built-in questionnaire, open for answering.
fn session(dir: &TempDir) -> Session {
    let store = store(dir);
    let q = builtin();
    let opened = create(
        &store,
        &q,
        organization("Office"),
        now(),
        SaveReason::Create,
    )
    .expect("created");
    Session::new(q, store, opened)
}

fn option(id: &str) -> Option<Value> {
    Some(Value::Choice(vec![Chosen::Option(id.into())]))
}

fn at(s: &Session) -> String {
    match s.place() {
        Place::Field(k) => k.to_string(),
        Place::End => "end".into(),
    }
}

/// The draft as saved on disk.
fn saved(dir: &TempDir, id: &DraftId) -> Draft {
    store(dir).load(id).expect("saved draft")
}

#[test]
fn a_draft_of_another_questionnaire_is_refused_with_both_ids() {
    let q = builtin();
    let mut other = q.clone();
    other.id = "other-questionnaire".into();
    let draft = Draft::new(DraftId::parse("office-1a2b").expect("id"), &other, now());
    let refused = check(&q, &draft).expect_err("foreign");
    assert_eq!(
        refused.to_string(),
        "draft `office-1a2b` answers questionnaire `other-questionnaire`, not `values-ethics-self-assessment`; pass its definition with --questionnaire"
    );
    assert_eq!(
        refused.clone().named("./x.toml").to_string(),
        "draft `./x.toml` answers questionnaire `other-questionnaire`, not `values-ethics-self-assessment`; pass its definition with --questionnaire"
    );
    assert_eq!(
        refused.short(),
        "a draft of another questionnaire (other-questionnaire)"
    );
    assert_eq!(check(&other, &draft), Ok(()));
}

#[test]
fn the_list_says_why_a_foreign_draft_cannot_be_opened_and_counts_the_others() {
    let dir = TempDir::new().expect("temp");
    let store = store(&dir);
    let q = builtin();
    let mut other = q.clone();
    other.id = "other".into();
    let mine = create(&store, &q, organization("Mine"), now(), SaveReason::Create)
        .expect("mine")
        .draft;
    drop(
        create(
            &store,
            &other,
            organization("Theirs"),
            now(),
            SaveReason::Create,
        )
        .expect("theirs"),
    );
    let listed = list(&store, &q);
    assert_eq!(listed.len(), 2);
    let row = |org: &str| {
        listed
            .iter()
            .find(|d| d.organization == org)
            .expect("listed")
            .clone()
    };
    assert_eq!(row("Mine").id, mine.id.to_string());
    assert_eq!(row("Mine").unreadable, None);
    assert_eq!(row("Mine").progress, Some((1, 14)));
    assert_eq!(
        row("Theirs").unreadable.as_deref(),
        Some("a draft of another questionnaire (other)")
    );
    assert_eq!(row("Theirs").progress, None);
}

#[test]
fn opening_a_foreign_draft_fails_and_a_locked_one_opens_read_only() {
    let dir = TempDir::new().expect("temp");
    let store = store(&dir);
    let q = builtin();
    let mut other = q.clone();
    other.id = "other".into();
    let theirs = create(
        &store,
        &other,
        organization("Theirs"),
        now(),
        SaveReason::Create,
    )
    .expect("theirs");
    let id = theirs.draft.id.to_string();
    drop(theirs);
    let err = open(&store, &q, &id).expect_err("foreign");
    assert!(err.contains("answers questionnaire `other`"), "{err}");

    let held = create(&store, &q, organization("Mine"), now(), SaveReason::Create).expect("mine");
    let second = open(&store, &q, &held.draft.id.to_string()).expect("opens");
    assert!(second.writer.is_none());
    assert!(
        second
            .read_only
            .as_deref()
            .is_some_and(|w| w.contains("is being edited by")),
        "{:?}",
        second.read_only
    );
    let mut s = Session::new(q, store, second);
    let err = s.answer(option("yes")).expect_err("read-only");
    assert!(err.starts_with("This draft is open read-only"), "{err}");
}

#[test]
fn answers_are_saved_at_once_and_the_follow_ups_come_next() {
    let dir = TempDir::new().expect("temp");
    let mut s = session(&dir);
    let id = s.draft().id.clone();
    assert_eq!(at(&s), "q1");
    let step = s.answer(option("no")).expect("answered");
    assert!(step.changed);
    assert_eq!(step.facts, ["The follow-up of Question 1 is now required."]);
    assert_eq!(at(&s), "q1.if-not");
    let on_disk = saved(&dir, &id);
    assert_eq!(on_disk.answers.main("q1"), option("no").as_ref());
    assert_eq!(on_disk.position, Some(FieldKey::sub("q1", "if-not")));

    s.answer(Some(Value::Text("By March.".into())))
        .expect("answered");
    assert_eq!(at(&s), "q2");
    assert_eq!(
        saved(&dir, &id).answers.get(&FieldKey::sub("q1", "if-not")),
        Some(&Value::Text("By March.".into()))
    );
    // Blank text is no answer: it removes the one there was.
    s.back().expect("back");
    s.answer(Some(Value::Text("  \n".into()))).expect("cleared");
    assert_eq!(
        saved(&dir, &id).answers.get(&FieldKey::sub("q1", "if-not")),
        None
    );
}

#[test]
fn the_branching_skips_question_4_and_says_why() {
    let dir = TempDir::new().expect("temp");
    let mut s = session(&dir);
    s.go(3).expect("go 3");
    let step = s.answer(option("reviewed")).expect("answered");
    assert_eq!(
        step.facts,
        ["Question 4 is no longer asked because of your answer to Question 3."]
    );
    assert_eq!(at(&s), "q5");
    assert_eq!(s.asked_count(), 12);
    assert_eq!(
        s.go(4),
        Err("Question 4 is not asked, because of your answer to Question 3.".into())
    );
    s.back().expect("back");
    assert_eq!(at(&s), "q3", "back passes over Question 4");
}

#[rstest]
#[case(0)]
#[case(14)]
#[case(99)]
fn going_to_a_question_that_does_not_exist_says_the_range(#[case] n: usize) {
    let dir = TempDir::new().expect("temp");
    let mut s = session(&dir);
    assert_eq!(
        s.go(n),
        Err(format!(
            "There is no question {n}; questions go from 1 to 13."
        ))
    );
    assert_eq!(at(&s), "q1", "the place is unchanged");
}

#[test]
fn the_ends_of_the_questionnaire() {
    let dir = TempDir::new().expect("temp");
    let mut s = session(&dir);
    assert!(s.back().is_err(), "nothing before the first question");
    s.go(13).expect("go 13");
    s.advance();
    assert_eq!(s.place(), &Place::End);
    s.advance();
    assert_eq!(s.place(), &Place::End);
    s.back().expect("back from the end");
    assert_eq!(at(&s), "q13");
    s.go(12).expect("go 12");
    s.next_question();
    assert_eq!(at(&s), "q13", "next skips the comment of Question 12");
}

#[test]
fn a_reopened_draft_resumes_where_it_was_left() {
    let dir = TempDir::new().expect("temp");
    let mut s = session(&dir);
    let id = s.draft().id.to_string();
    s.go(5).expect("go 5");
    s.answer(option("updated")).expect("answered");
    assert_eq!(at(&s), "q5.description");
    s.close().expect("saved");
    drop(s);
    let q = builtin();
    let opened = open(&store(&dir), &q, &id).expect("reopens");
    let s = Session::new(q, store(&dir), opened);
    assert_eq!(at(&s), "q5.description");
}

#[test]
fn a_position_on_a_question_now_skipped_resumes_at_the_next_one_asked() {
    let dir = TempDir::new().expect("temp");
    let mut s = session(&dir);
    let id = s.draft().id.to_string();
    s.go(4).expect("asked while Question 3 is unanswered");
    s.close().expect("saved");
    drop(s);
    // Question 3 answered elsewhere (the command line, another version).
    let store = store(&dir);
    let mut draft = store
        .load(&DraftId::parse(&id).expect("id"))
        .expect("draft");
    draft.answers.set(
        FieldKey::main("q3"),
        Value::Choice(vec![Chosen::Option("reviewed".into())]),
    );
    store.save(&draft).expect("saved");
    let q = builtin();
    let opened = open(&store, &q, &id).expect("reopens");
    let s = Session::new(q, store, opened);
    assert_eq!(at(&s), "q5");
}

#[test]
fn an_incomplete_report_is_refused_unless_asked_for() {
    let dir = TempDir::new().expect("temp");
    let s = session(&dir);
    let date = NaiveDate::from_ymd_opt(2024, 6, 14).expect("date");
    let publication = s.publication(date);
    assert_eq!(
        publication.permit(false),
        Err("13 required answers are missing".into())
    );
    assert_eq!(publication.permit(true), Ok(()));
    assert!(publication.text.ends_with("Date modified: 2024-06-14\n"));
    assert_eq!(
        missing_line(&publication.missing[0]),
        "Question 1: Has your organization developed department-specific values and ethics training plans down to the divisional level?"
    );
    assert_eq!(s.proposed_name(), "office.txt");
}
