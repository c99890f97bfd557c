//! Helpers shared by the integration tests: the built-in questionnaire,
//! fixtures, and the flat layout of a canonical report.
#![allow(dead_code)]

pub mod app;
pub mod browser;

use quire::questionnaire::Questionnaire;

/// The built-in questionnaire.
pub fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("built-in questionnaire is valid")
}

/// The built-in questionnaire's source as it was before it had French:
/// for what quire does with a definition in one language.
pub fn english_only_source() -> String {
    quire::questionnaire::BUILTIN_SOURCE
        .lines()
        .filter(|l| !l.contains(".fr = ") && !l.contains(".unofficial = "))
        .map(|l| match l {
            "languages = [\"en\", \"fr\"]" => "languages = [\"en\"]".to_owned(),
            l if l.starts_with("  { en = ") => {
                let en = l.split('"').nth(1).expect("en text");
                format!("  \"{en}\",")
            }
            l => l.to_owned(),
        })
        .map(|l| l + "\n")
        .collect()
}

/// [`english_only_source`], loaded.
pub fn english_only() -> Questionnaire {
    Questionnaire::from_toml(&english_only_source(), "en.toml").expect("valid")
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The published reports kept as fixtures.
pub const REPORTS: [&str; 4] = [
    "canada-school-of-public-service.flat.txt",
    "correctional-service-canada.txt",
    "privacy-commissioner-canada.txt",
    "public-safety-canada.txt",
];

/// A canonical report written in the `.flat` layout of published pages: no
/// empty lines, every option and list item `- item` at the margin.
pub fn flatten(canonical: &str) -> String {
    canonical
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let t = l.trim_start();
            let indented = t.len() < l.len();
            if let Some(rest) = t.strip_prefix("• ") {
                format!("- {rest}")
            } else if indented
                && let Some((n, rest)) = t.split_once(". ")
                && !n.is_empty()
                && n.len() <= 3
                && n.chars().all(|c| c.is_ascii_digit())
            {
                format!("- {rest}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines compared as import compares them: white space runs folded, curly
/// quotes straightened.
pub fn loose(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
}

use quire::answers::{Answers, Chosen, FieldKey, Value};

/// A choice of options by id.
pub fn options(ids: &[&str]) -> Value {
    Value::Choice(ids.iter().map(|id| Chosen::Option((*id).into())).collect())
}

/// A short, complete assessment of the built-in questionnaire, written for
/// the tests (no organization's published text).
pub fn synthetic_answers() -> Answers {
    let mut a = Answers::new();
    a.header
        .insert("organization".into(), "Office of Examples".into());
    let text = |t: &str| Value::Text(t.into());
    let main = FieldKey::main;
    let sub = FieldKey::sub;
    a.set(main("q1"), options(&["yes"]));
    a.set(main("q2"), options(&["no"]));
    a.set(sub("q2", "if-not"), text("By March 2025."));
    a.set(main("q3"), options(&["reviewing"]));
    a.set(main("q4"), text("Consultations end in June."));
    a.set(main("q5"), options(&["updating"]));
    a.set(
        sub("q5", "description"),
        text("We will:\n\n- clarify duties\n- add social media"),
    );
    a.set(
        main("q6"),
        options(&["executive-discussions", "equity-groups"]),
    );
    a.set(sub("q6", "details"), text("Town halls twice a year."));
    a.set(main("q7"), options(&["onboarding"]));
    a.set(main("q8"), text("Social media and AI."));
    a.set(main("q9"), text("New case studies."));
    a.set(main("q10"), text("Small groups."));
    a.set(main("q11"), text("Survey results."));
    a.set(main("q12"), options(&["yes"]));
    a.set(sub("q12", "comment"), text("By region."));
    a.set(main("q13"), text("Not applicable at this time."));
    a
}

use quire::flow::Flow;
use quire::questionnaire::Kind;

/// The fields the accessible mode and the wizard ask for question
/// `index`, given the final answers (conditions look only at earlier
/// questions, so these are the fields asked when the question comes).
pub fn asked_fields(q: &Questionnaire, answers: &Answers, index: usize) -> Vec<FieldKey> {
    let flow = Flow::new(q, answers);
    Flow::fields(&q.questions[index])
        .into_iter()
        .filter(|k| {
            k.field.is_none() || flow.field_state(index, k) != quire::flow::FieldState::Skipped
        })
        .collect()
}

/// The questions asked with `answers`, in order.
pub fn asked_questions(q: &Questionnaire, answers: &Answers) -> Vec<usize> {
    let flow = Flow::new(q, answers);
    (0..q.questions.len())
        .filter(|&i| flow.is_asked(i))
        .collect()
}

/// The lines typed in the accessible mode to give field `key` of question
/// `index` the value `answers` holds: option numbers, or the text and a
/// line holding only a dot (a line of one dot typed as two), or an empty
/// line to leave it unanswered.
pub fn typed_lines(
    q: &Questionnaire,
    answers: &Answers,
    index: usize,
    key: &FieldKey,
) -> Vec<String> {
    let question = &q.questions[index];
    match answers.get(key).filter(|v| v.is_answered()) {
        None => vec![String::new()],
        Some(Value::Choice(chosen)) => {
            let numbers: Vec<String> = chosen
                .iter()
                .map(|c| match c {
                    Chosen::Option(id) => {
                        let i = question.options.iter().position(|o| &o.id == id);
                        (i.expect("an option of the question") + 1).to_string()
                    }
                    Chosen::Unlisted(l) => panic!("unlisted option {l:?} cannot be typed"),
                })
                .collect();
            vec![numbers.join(",")]
        }
        Some(Value::Text(t)) => {
            let one_line = key
                .field
                .as_ref()
                .map_or(question.kind == Kind::ShortText, |f| {
                    question
                        .follow_up(f)
                        .is_some_and(|fu| fu.kind == Kind::ShortText)
                });
            if one_line {
                return vec![t.clone()];
            }
            let mut lines: Vec<String> = t
                .split('\n')
                .map(|l| {
                    if l == "." {
                        "..".to_owned()
                    } else {
                        l.to_owned()
                    }
                })
                .collect();
            lines.push(".".into());
            lines
        }
    }
}

/// Everything typed in the accessible mode to answer every question of
/// `answers` from field `from` on (all of them for `None`), in order.
pub fn accessible_script(
    q: &Questionnaire,
    answers: &Answers,
    from: Option<&FieldKey>,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut started = from.is_none();
    for index in asked_questions(q, answers) {
        for key in asked_fields(q, answers, index) {
            started |= from == Some(&key);
            if started {
                lines.extend(typed_lines(q, answers, index, &key));
            }
        }
    }
    lines
}

/// The shape of a report: each line reduced to what its layout says (an
/// empty line, an option or list item at its indent, a numbered item, a
/// line of text), so that two reports in different languages compare.
pub fn structure(report: &str) -> Vec<String> {
    report
        .lines()
        .map(|l| {
            let t = l.trim_start_matches(' ');
            let indent = l.len() - t.len();
            let numbered = t.split_once(". ").is_some_and(|(n, _)| {
                (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit())
            });
            if l.trim().is_empty() {
                String::new()
            } else if t.starts_with("• ") {
                format!("{indent}•")
            } else if indent > 0 && numbered {
                format!("{indent}1.")
            } else {
                "text".to_owned()
            }
        })
        .collect()
}
