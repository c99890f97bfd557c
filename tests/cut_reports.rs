//! Reports that stop early, misplaced text, and texts that must be refused,
//! each in both layouts (canonical and `.flat`), built from a short
//! synthetic report.

mod common;

use common::{builtin, flatten, options, synthetic_answers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::report::{self, Imported, Piece, import, reformat, render};
use rstest::rstest;

#[derive(Debug, Clone, Copy)]
enum Layout {
    Canonical,
    Flat,
}

/// The synthetic report in a layout, without its footer.
fn report_in(layout: Layout) -> String {
    let text = render(&builtin(), &synthetic_answers(), None);
    let body = &text[..text.find("\n\nPage details").expect("a footer")];
    match layout {
        Layout::Canonical => body.to_owned(),
        Layout::Flat => flatten(body),
    }
}

/// The whole synthetic report, footer included.
fn whole_report(layout: Layout) -> String {
    let gap = gap(layout);
    format!(
        "{}{gap}Page details{gap}Date modified: 2024-08-23",
        report_in(layout)
    )
}

/// The blank lines between blocks in a layout.
fn gap(layout: Layout) -> &'static str {
    match layout {
        Layout::Canonical => "\n\n",
        Layout::Flat => "\n",
    }
}

/// The report cut just after the first occurrence of `after`, then `tail`
/// added (the start of the line the page stopped in).
fn cut_after(layout: Layout, after: &str, tail: &str) -> String {
    let text = report_in(layout);
    let at = text
        .find(after)
        .unwrap_or_else(|| panic!("{after:?} in the report"))
        + after.len();
    let sep = match layout {
        Layout::Canonical => "\n\n",
        Layout::Flat => "\n",
    };
    if tail.is_empty() {
        text[..at].to_owned()
    } else {
        format!("{}{sep}{tail}", &text[..at])
    }
}

fn read(text: &str) -> Imported {
    import(&builtin(), text).unwrap_or_else(|e| panic!("import failed: {e}\n{text}"))
}

fn cut_message(imported: &Imported) -> &str {
    &imported.cut.as_ref().expect("the report is cut").message
}

fn text_of(imported: &Imported, key: &FieldKey) -> Option<String> {
    match imported.answers.get(key) {
        Some(Value::Text(t)) => Some(t.clone()),
        None => None,
        other => panic!("{key}: {other:?}"),
    }
}

/// A cut heading, question text or prompt is read as that line, cut off:
/// it never ends up in the answer before it.
#[rstest]
#[case::part_heading(
    "Town halls twice a year.",
    "Question 7",
    "Part IV. Additio",
    "inside the heading of Part IV"
)]
#[case::question_heading(
    "By March 2025.",
    "Part II",
    "Questio",
    "inside the heading of Question 3"
)]
#[case::question_heading_after_part(
    "Part II. Codes of conduct",
    "Question 3",
    "Questio",
    "inside the heading of Question 3"
)]
#[case::question_text(
    "Survey results.",
    "Question 12",
    "Question 12\n\nWill these ind",
    "inside the text of Question 12"
)]
#[case::prompt(
    "Engagement sessions with equity groups, employee groups, networks and communities",
    "Please provide additional",
    "Please provide a",
    "inside a follow-up prompt of Question 6"
)]
fn a_cut_known_line_is_not_answer_text(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
    #[case] after: &str,
    #[case] next: &str,
    #[case] tail: &str,
    #[case] at: &str,
) {
    let tail = match layout {
        Layout::Canonical => tail.to_owned(),
        Layout::Flat => tail.replace("\n\n", "\n"),
    };
    let text = cut_after(layout, after, &tail);
    let imported = read(&text);
    let message = cut_message(&imported);
    assert!(message.contains(at), "{message}");
    let last = text.lines().count();
    assert!(
        message.starts_with(&format!("the report seems cut off at line {last}, ")),
        "{message}"
    );
    for (_, value) in imported.answers.iter() {
        if let Value::Text(t) = value {
            assert!(
                !t.contains(tail.lines().last().unwrap()),
                "{t:?} holds the cut line"
            );
        }
    }
    // fmt --partial prints what is there, and nothing it does not reach.
    let out = reformat(&builtin(), &imported, None);
    assert!(!out.contains(next) || text.contains(next), "{out}");
    assert!(!out.contains("Page details"));
    assert!(text.starts_with(out.lines().next().unwrap()));
}

#[rstest]
fn an_na_cut_off_by_a_heading_is_no_answer(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
) {
    // Q1's follow-up prints N/A; the page stops inside the next heading.
    let text = cut_after(layout, "N/A", "Questio");
    let imported = read(&text);
    assert_eq!(text_of(&imported, &FieldKey::sub("q1", "if-not")), None);
    assert_eq!(
        imported.cut.as_ref().unwrap().reached,
        Piece::FollowUp(0, 0)
    );
    assert!(cut_message(&imported).contains("inside the heading of Question 2"));
}

#[rstest]
fn an_na_followed_by_text_is_warned_about(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
) {
    let text = report_in(layout).replacen(
        "N/A",
        &format!("N/A{}We will report later.", gap(layout)),
        1,
    );
    let imported = read(&text);
    let line = text.lines().position(|l| l == "N/A").unwrap() + 1;
    assert!(
        imported.warnings.iter().any(|w| w.line == line
            && w.message
                .contains("the follow-up answer of Question 1 starts with \"N/A\" and goes on")),
        "{:?}",
        imported.warnings
    );
}

#[rstest]
#[case::cut_na(
    "N/",
    None,
    "at the start of the answer to Question 13",
    "the rest of Question 13 and the footer are missing"
)]
#[case::cut_answer(
    "Not appl",
    Some("Not appl"),
    "in the answer to Question 13",
    "the footer is missing"
)]
fn a_cut_last_answer(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
    #[case] tail: &str,
    #[case] want: Option<&str>,
    #[case] at: &str,
    #[case] missing: &str,
) {
    let text = cut_after(layout, "Task Team on Values and Ethics Report)?", tail);
    let imported = read(&text);
    assert_eq!(text_of(&imported, &FieldKey::main("q13")).as_deref(), want);
    let message = cut_message(&imported);
    assert!(
        message.contains(&format!(", {at} (the line reads \"{tail}\")")),
        "{message}"
    );
    assert!(
        message.ends_with(&format!(
            ": {missing}; the answers before are kept, and nothing after is made up"
        )),
        "{message}"
    );
    let out = reformat(&builtin(), &imported, None);
    match want {
        Some(t) => assert!(out.ends_with(&format!("Report)?\n\n{t}")), "{out}"),
        None => assert!(out.ends_with("Report)?"), "{out}"),
    }
}

#[rstest]
fn a_lone_bullet_mark_at_the_cut_is_no_text(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
) {
    let mark = match layout {
        Layout::Canonical => "  •",
        Layout::Flat => "-",
    };
    let text = cut_after(layout, "clarify duties", mark);
    let imported = read(&text);
    let description = text_of(&imported, &FieldKey::sub("q5", "description")).unwrap();
    assert!(description.ends_with("- clarify duties"), "{description:?}");
}

/// A cut option label is the option it starts; one that could be several
/// is kept as written; both layouts read the same.
#[rstest]
#[case::unique("Engagement ses", Some(Chosen::Option("equity-groups".into())), "read as the option")]
#[case::ambiguous("Focused engagement sessions", Some(Chosen::Unlisted("Focused engagement sessions".into())), "may be any of")]
fn a_cut_option_label(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
    #[case] cut: &str,
    #[case] want: Option<Chosen>,
    #[case] says: &str,
) {
    let text = report_in(layout);
    let first = match layout {
        Layout::Canonical => {
            "  • Dedicated discussions at executive and management committee meetings"
        }
        Layout::Flat => "- Dedicated discussions at executive and management committee meetings",
    };
    let at = text.find(first).unwrap() + first.len();
    let mark = match layout {
        Layout::Canonical => "  • ",
        Layout::Flat => "- ",
    };
    let text = format!("{}\n{mark}{cut}", &text[..at]);
    let imported = read(&text);
    let Some(Value::Choice(chosen)) = imported.answers.main("q6") else {
        panic!("q6 has options")
    };
    assert_eq!(chosen.len(), 2);
    assert_eq!(chosen.get(1), want.as_ref());
    let last = text.lines().count();
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.line == last && w.message.contains(says)),
        "{:?}",
        imported.warnings
    );
    assert_eq!(imported.cut.as_ref().unwrap().reached, Piece::Answer(5));
}

#[rstest]
fn an_option_lacking_its_final_full_stop_is_that_option(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
) {
    let text = whole_report(layout).replacen(
        "My organization is in the process of reviewing its code of conduct.",
        "My organization is in the process of reviewing its code of conduct",
        1,
    );
    let imported = read(&text);
    assert_eq!(imported.answers.main("q3"), Some(&options(&["reviewing"])));
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("differs slightly"))
    );
    assert!(imported.cut.is_none());
}

#[rstest]
fn an_unlisted_option_is_kept_in_both_layouts(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
) {
    let mark = match layout {
        Layout::Canonical => "  • ",
        Layout::Flat => "- ",
    };
    let text = whole_report(layout).replacen(
        &format!("{mark}My organization is in the process of reviewing its code of conduct."),
        &format!("{mark}My organization is in the process of reviewing its code of conduct.\n{mark}Partly"),
        1,
    );
    let imported = read(&text);
    let Some(Value::Choice(chosen)) = imported.answers.main("q3") else {
        panic!()
    };
    assert_eq!(chosen[1], Chosen::Unlisted("Partly".into()));
    assert!(imported.warnings.iter().any(|w| {
        w.message
            .contains("\"Partly\" is not an option of Question 3")
    }));
}

/// A report that stops after a question's options names the prompt and
/// answer it lacks.
#[rstest]
fn a_partly_missing_question_is_named(#[values(Layout::Canonical, Layout::Flat)] layout: Layout) {
    let text = cut_after(
        layout,
        "Included as part of the onboarding process for new employees",
        "",
    );
    let imported = read(&text);
    let message = cut_message(&imported);
    assert!(
        message.contains("in the answer to Question 7")
            && message
                .contains("the rest of Question 7, Questions 8 to 13 and the footer are missing"),
        "{message}"
    );
}

#[rstest]
#[case::label("Date mod")]
#[case::date("Date modified: 2024-0")]
fn a_cut_footer(#[values(Layout::Canonical, Layout::Flat)] layout: Layout, #[case] tail: &str) {
    let text = format!(
        "{body}{gap}Page details{gap}{tail}",
        body = report_in(layout),
        gap = gap(layout)
    );
    let imported = read(&text);
    assert!(
        cut_message(&imported).contains("inside the footer"),
        "{}",
        cut_message(&imported)
    );
    assert_eq!(imported.date, None);
    assert!(reformat(&builtin(), &imported, None).ends_with("Page details"));
}

#[rstest]
fn a_complete_report_is_not_cut(#[values(Layout::Canonical, Layout::Flat)] layout: Layout) {
    let text = whole_report(layout);
    let imported = read(&text);
    assert_eq!(imported.cut, None);
    assert_eq!(imported.warnings, [], "{text}");
    assert_eq!(imported.answers, synthetic_answers());
}

/// French pages, in both layouts and cut short, are refused with the reason.
#[rstest]
#[case::page("Bureau des exemples\n\nAutoévaluation des mesures prises pour faire progresser la discussion renouvelée sur les valeurs et l’éthique\n\n\u{a0}\n\nPartie I. Plans de formation en matière de valeurs et d’éthique\n\nQuestion 1\n\nVotre organisation a-t-elle élaboré des plans de formation propres au ministère concernant les valeurs et l’éthique, et ce, jusqu’au niveau divisionnaire?\n\n  • Non", (3, 2))]
#[case::fragment("Question 1\n\nVotre organisation a-t-elle élaboré des plans de formation?\n\n  • Non\n\nSi non, quelle échéance vous êtes-vous fixée?\n\ns.o.", (5, 3))]
fn a_french_report_is_refused(
    #[values(Layout::Canonical, Layout::Flat)] layout: Layout,
    #[case] text: &str,
    #[case] lines: (usize, usize),
) {
    let text = match layout {
        Layout::Canonical => text.to_owned(),
        Layout::Flat => flatten(text),
    };
    let err = import(&common::english_only(), &text).expect_err("French is refused");
    assert!(
        err.message.starts_with("this report is in French"),
        "{}",
        err.message
    );
    assert!(err.message.contains("the questionnaire has no French text"));
    let want = match layout {
        Layout::Canonical => lines.0,
        Layout::Flat => lines.1,
    };
    assert_eq!(err.line, want, "{}", err.message);
}

#[test]
fn an_english_page_with_one_unlisted_non_is_still_read() {
    let text = report_in(Layout::Canonical).replacen("  • Yes\n", "  • Non\n", 1);
    let imported = read(&text);
    assert_eq!(
        imported.answers.main("q1"),
        Some(&Value::Choice(vec![Chosen::Unlisted("Non".into())]))
    );
}

/// The blank questionnaire lists every option; it is not a report.
#[rstest]
fn the_blank_questionnaire_is_refused(#[values(Layout::Canonical, Layout::Flat)] layout: Layout) {
    let q = builtin();
    let mut a = quire::answers::Answers::new();
    for question in q.questions.iter().filter(|x| x.kind.is_choice()) {
        let all: Vec<Chosen> = question
            .options
            .iter()
            .map(|o| Chosen::Option(o.id.clone()))
            .collect();
        a.set(FieldKey::main(&question.id), Value::Choice(all));
    }
    let text = render(&q, &a, None);
    let text = match layout {
        Layout::Canonical => text,
        Layout::Flat => flatten(&text),
    };
    let err = import(&q, &text).expect_err("refused");
    assert!(
        err.message
            .starts_with("this looks like the blank questionnaire, not a completed report"),
        "{}",
        err.message
    );
    let q1_yes = text.lines().position(|l| l.ends_with("Yes")).unwrap() + 1;
    assert_eq!(err.line, q1_yes);
}

/// Question 4 is asked when "reviewing" is among the Q3 options, even with
/// "reviewed" beside it; with "reviewed" alone its answer is published as
/// written, with a warning.
#[rstest]
#[case::both(&["reviewed", "reviewing"], false)]
#[case::reviewed(&["reviewed"], true)]
fn question_4_and_the_options_of_question_3(#[case] q3: &[&str], #[case] skipped: bool) {
    let q = builtin();
    let mut a = synthetic_answers();
    a.set(FieldKey::main("q3"), options(q3));
    let publication = report::publish(&q, &a, None);
    assert!(
        publication
            .text
            .contains("review?\n\nConsultations end in June.\n")
    );
    assert_eq!(!publication.skipped.is_empty(), skipped);
    let imported = read(&publication.text);
    assert_eq!(imported.answers.main("q4"), a.main("q4"));
    let warned = imported.warnings.iter().any(|w| {
        w.message
            .contains("Question 4 is answered although the branching skips it")
    });
    assert_eq!(warned, skipped, "{:?}", imported.warnings);
    assert_eq!(
        report::publish(&q, &imported.answers, None).text,
        publication.text
    );
}
