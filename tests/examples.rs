//! The shipped example questionnaire and the documentation's examples: they
//! load, branch as described, and survive a round trip through the report.

use chrono::NaiveDate;
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::flow::{FieldState, Flow};
use quire::questionnaire::{Kind, Questionnaire};
use quire::report::{freetext, import, render};
use std::path::{Path, PathBuf};

fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn retrospective() -> Questionnaire {
    Questionnaire::from_file(&repo_file("examples/retrospective.toml"))
        .unwrap_or_else(|e| panic!("the example does not load:\n{e}"))
}

fn choice(ids: &[&str]) -> Value {
    Value::Choice(ids.iter().map(|id| Chosen::Option((*id).into())).collect())
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn main_key(question: &str) -> FieldKey {
    FieldKey::main(question)
}

fn sub_key(question: &str, field: &str) -> FieldKey {
    FieldKey::sub(question, field)
}

fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 5, 6)
}

fn with_header(team: &str, sprint: &str) -> Answers {
    let mut a = Answers::new();
    a.header.insert("team".into(), team.into());
    a.header.insert("sprint".into(), sprint.into());
    a
}

/// The goal was met: no follow-up on the blockers, no carry-over.
fn goal_met() -> Answers {
    let mut a = with_header("Les Loutres", "24");
    a.set(main_key("goal"), choice(&["yes"]));
    a.set(sub_key("goal", "why-not"), text("  \n"));
    a.set(main_key("mood"), choice(&["great"]));
    a.set(
        sub_key("mood", "comment"),
        text("The demo went well.\nEveryone joined."),
    );
    a.set(main_key("blockers"), choice(&["tooling", "nothing"]));
    a.set(
        main_key("keep"),
        text(
            "We kept:\n\n- pairing on hard stories\n  - rotating pairs daily\n\
             1. the demo on Friday\n\n\\- and this dash is text",
        ),
    );
    a.set(main_key("change"), text("Shorter stand-ups."));
    a
}

/// The goal was missed: every conditional field is asked.
fn goal_missed() -> Answers {
    let mut a = with_header("Otters", "Sprint 25");
    a.set(main_key("goal"), choice(&["no"]));
    a.set(
        sub_key("goal", "why-not"),
        text("Two people were ill.\n\nThe payments API changed under us."),
    );
    a.set(main_key("mood"), choice(&["rough"]));
    a.set(
        main_key("blockers"),
        choice(&["scope-change", "dependencies"]),
    );
    a.set(sub_key("blockers", "details"), text("Payments API rewrite"));
    a.set(main_key("carry-over"), text("STORY-12, STORY-15"));
    a.set(main_key("keep"), text("- reviews within a day"));
    a
}

#[test]
fn the_retrospective_example_loads() {
    let q = retrospective();
    assert_eq!(q.id, "sprint-retrospective");
    assert_eq!(q.languages, ["en", "fr"]);
    assert_eq!(q.parts.len(), 3);
    let ids: Vec<_> = q.questions.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        ["goal", "mood", "blockers", "carry-over", "keep", "change"]
    );
    let numbers: Vec<_> = q.questions.iter().map(|x| x.number).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);

    // Every kind is used.
    for kind in Kind::ALL {
        assert!(
            q.questions.iter().any(|x| x.kind == kind),
            "no {} question",
            kind.name()
        );
    }
    // Translations: the primary language is printed, French is kept.
    assert_eq!(q.title.as_str(), "Sprint retrospective");
    assert_eq!(q.title.translation("fr"), Some("Rétrospective de sprint"));
    let goal = q.question("goal").unwrap();
    let yes_no: Vec<_> = goal.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(yes_no, ["yes", "no"]);
    // The comment takes its default id; the instruction is there for the wizard.
    let mood = q.question("mood").unwrap();
    assert_eq!(
        mood.comment.as_ref().map(|c| c.id.as_str()),
        Some("comment")
    );
    assert!(q.question("blockers").unwrap().instruction.is_some());
    assert!(q.header_fields.iter().all(|f| f.required));
}

#[test]
fn the_details_follow_up_is_asked_only_for_scope_changes_and_dependencies() {
    let q = retrospective();
    let blockers = q.question_index("blockers").unwrap();
    let details = q.questions[blockers].follow_up("details").unwrap();
    for (chosen, want) in [
        (&["scope-change"][..], FieldState::Required),
        (&["dependencies"][..], FieldState::Required),
        (&["tooling", "dependencies"][..], FieldState::Required),
        (&["tooling"][..], FieldState::Skipped),
        (&["nothing"][..], FieldState::Skipped),
        (&[][..], FieldState::Skipped),
    ] {
        let mut a = Answers::new();
        a.set(main_key("blockers"), choice(chosen));
        let flow = Flow::new(&q, &a);
        assert_eq!(flow.follow_up_state(blockers, details), want, "{chosen:?}");
    }
}

#[test]
fn the_goal_decides_what_else_is_asked_and_required() {
    let q = retrospective();
    let goal = q.question_index("goal").unwrap();
    let why_not = q.questions[goal].follow_up("why-not").unwrap();
    let carry_over = q.question_index("carry-over").unwrap();
    for (answer, why_not_state, carry_over_state) in [
        (None, FieldState::Optional, FieldState::Skipped),
        (Some("yes"), FieldState::Optional, FieldState::Skipped),
        (Some("no"), FieldState::Required, FieldState::Required),
    ] {
        let mut a = Answers::new();
        if let Some(id) = answer {
            a.set(main_key("goal"), choice(&[id]));
        }
        let flow = Flow::new(&q, &a);
        assert_eq!(
            flow.follow_up_state(goal, why_not),
            why_not_state,
            "{answer:?}"
        );
        assert_eq!(
            flow.question_state(carry_over),
            carry_over_state,
            "{answer:?}"
        );
    }
    // A label read from a report that names no option is an answer, but
    // not "no": the carry-over question is asked, and is not required.
    let mut a = Answers::new();
    a.set(
        main_key("goal"),
        Value::Choice(vec![Chosen::Unlisted("Almost".into())]),
    );
    let flow = Flow::new(&q, &a);
    assert_eq!(flow.question_state(carry_over), FieldState::Required);
    assert_eq!(flow.follow_up_state(goal, why_not), FieldState::Optional);
}

fn missing_keys(q: &Questionnaire, a: &Answers) -> Vec<String> {
    Flow::new(q, a)
        .missing()
        .iter()
        .map(|m| m.key.to_string())
        .collect()
}

#[test]
fn missing_lists_exactly_the_required_fields_without_an_answer() {
    let q = retrospective();
    assert_eq!(
        missing_keys(&q, &Answers::new()),
        ["team", "sprint", "goal", "mood", "blockers", "keep"]
    );
    let missing = Flow::new(&q, &Answers::new()).missing();
    assert_eq!((missing[0].number, missing[2].number), (0, 1));
    assert_eq!(missing[0].prompt, "Team name");

    // Once the goal is missed with a dependency in the way, its follow-ups
    // and the carry-over are required too.
    let mut a = goal_missed();
    a.header.insert("sprint".into(), " ".into());
    a.remove(&sub_key("goal", "why-not"));
    a.remove(&sub_key("blockers", "details"));
    a.set(main_key("carry-over"), text("\n  \n"));
    assert_eq!(
        missing_keys(&q, &a),
        ["sprint", "goal.why-not", "blockers.details", "carry-over"]
    );

    assert!(missing_keys(&q, &goal_met()).is_empty());
    assert!(missing_keys(&q, &goal_missed()).is_empty());
}

#[test]
fn a_published_report_reads_back_as_the_same_answers() {
    let q = retrospective();
    for answers in [goal_met(), goal_missed()] {
        let published = render(&q, &answers, date());
        let imported =
            import(&q, &published).unwrap_or_else(|e| panic!("{e}\nin the report:\n{published}"));
        assert_eq!(imported.warnings, [], "{published}");
        assert_eq!(
            imported.answers,
            answers.without_blank_text(),
            "{published}"
        );
        assert_eq!(imported.date, date());
        assert!(!imported.flat);
        // With nothing skipped, both renderings agree, and `quire fmt`
        // leaves the published report as it is.
        assert_eq!(render(&q, &imported.answers, imported.date), published);
    }
}

#[test]
fn the_published_layout_follows_the_report_table() {
    let q = retrospective();
    let published = render(&q, &goal_met(), date());
    let start = "Sprint retrospective\n\nTeam: Les Loutres\n\nSprint: 24\n\n\
                 Part I: How the sprint went\n\nQ1\n\nDid the team meet the sprint goal?\n\n  • Yes\n\n\
                 If not, what got in the way?\n\nN/A\n\n\
                 Q2\n\nHow did the sprint feel overall?\n\n\
                 • Great: we would run it the same way again\n\n\
                 The demo went well.\nEveryone joined.\n\n";
    assert!(
        published.starts_with(&start.replace("\n• ", "\n  • ")),
        "{published}"
    );
    assert!(published.contains(
        "What slowed the team down?\n\n  • Tooling or environment problems\n  • Nothing in particular\n\n\
         Which change or dependency hurt most?\n\nN/A\n\n"
    ));
    assert!(published.contains(
        "We kept:\n\n  • pairing on hard stories\n    • rotating pairs daily\n  1. the demo on Friday\n\n\
         - and this dash is text\n\n"
    ));
    assert!(published.ends_with("End of retrospective\n\nHeld on: 2024-05-06\n"));
    // The instruction is for the wizard only.
    assert!(!published.contains("Select all that apply."));
}

#[test]
fn a_skipped_answer_is_published_as_written_with_a_warning() {
    let q = retrospective();
    // The goal was missed, then the answers changed: the goal was met after
    // all, and only tooling got in the way. The carry-over and the details
    // are now skipped, but kept.
    let mut answers = goal_missed();
    answers.set(main_key("goal"), choice(&["yes"]));
    answers.set(main_key("blockers"), choice(&["tooling"]));
    let flow = Flow::new(&q, &answers);
    assert_eq!(
        flow.skipped_answers(),
        [sub_key("blockers", "details"), main_key("carry-over")]
    );
    assert!(flow.missing().is_empty());
    assert_eq!(
        answers.main("carry-over"),
        Some(&text("STORY-12, STORY-15"))
    );

    // What the respondent wrote is published as written, with a warning;
    // a skipped question with no answer prints N/A.
    let publication = quire::report::publish(&q, &answers, date());
    let published = &publication.text;
    assert!(
        published
            .contains("Which stories carry over to the next sprint?\n\nSTORY-12, STORY-15\n\n"),
        "{published}"
    );
    assert!(
        published.contains("Which change or dependency hurt most?\n\nPayments API rewrite\n\n")
    );
    assert_eq!(
        publication
            .skipped
            .iter()
            .map(|s| s.key.clone())
            .collect::<Vec<_>>(),
        [sub_key("blockers", "details"), main_key("carry-over")]
    );
    let mut without = answers.clone();
    without.remove(&main_key("carry-over"));
    assert!(
        render(&q, &without, date())
            .contains("Which stories carry over to the next sprint?\n\nN/A\n\n")
    );

    // Reading it back keeps them, says so, and prints the same.
    let back = import(&q, published).unwrap();
    assert_eq!(back.answers, answers);
    assert_eq!(back.warnings.len(), 2, "{:?}", back.warnings);
    assert!(
        back.warnings
            .iter()
            .all(|w| w.message.contains("although the branching skips it")),
        "{:?}",
        back.warnings
    );
    assert_eq!(&render(&q, &back.answers, back.date), published);
}

/// The fenced blocks of a markdown page: (info string, contents).
fn fenced_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, Vec<&str>)> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), Vec::new())),
            (Some(_), Some("")) => {
                let (info, lines) = open.take().unwrap();
                blocks.push((info, lines.join("\n") + "\n"));
            }
            (Some((_, lines)), _) => lines.push(line),
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a fenced block is not closed");
    blocks
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_file(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_complete_example_of_the_format_reference_loads_and_prints_as_shown() {
    let page = read("docs/questionnaire-format.md");
    let blocks = fenced_blocks(&page);
    let first_toml = blocks
        .iter()
        .position(|(info, _)| info == "toml")
        .expect("no ```toml block in docs/questionnaire-format.md");
    let source = &blocks[first_toml].1;
    let q = Questionnaire::from_toml(source, "docs/questionnaire-format.md")
        .unwrap_or_else(|e| panic!("the documented example does not load:\n{e}"));
    assert_eq!(q.languages, ["en", "fr"]);

    // The block right after it is the example published.
    let (info, shown) = &blocks[first_toml + 1];
    assert_eq!(info, "");
    let mut a = Answers::new();
    a.header.insert("name".into(), "Ada".into());
    a.set(main_key("access"), choice(&["no"]));
    a.set(sub_key("access", "waiting-for"), text("The build server."));
    a.set(main_key("buddy"), choice(&["weekly"]));
    a.set(
        main_key("help"),
        text("A walk through the release process."),
    );
    assert!(Flow::new(&q, &a).missing().is_empty());
    assert_eq!(&render(&q, &a, date()), shown);
}

#[test]
fn the_format_reference_names_every_kind() {
    let page = read("docs/questionnaire-format.md");
    for kind in Kind::ALL {
        assert!(
            page.contains(&format!("| `{}`", kind.name())),
            "docs/questionnaire-format.md does not describe kind `{}`",
            kind.name()
        );
    }
}

#[test]
fn the_free_text_example_of_the_report_reference_holds() {
    let page = read("docs/report-format.md");
    let blocks = fenced_blocks(&page);
    let at = page
        .find("Example: the source")
        .expect("the example is gone");
    // The two blocks after "Example: the source".
    let index = blocks
        .iter()
        .position(|(_, body)| page[at..].contains(body.as_str()))
        .unwrap();
    let (source, printed) = (&blocks[index].1, &blocks[index + 1].1);
    let mut out = String::new();
    freetext::render(&freetext::parse(source), &mut out);
    assert_eq!(out + "\n", *printed);
    let back = freetext::to_source(&freetext::from_canonical(printed.lines()));
    assert_eq!(
        back,
        source.trim_end().replace("\\- and this", "\n\\- and this")
    );
}
