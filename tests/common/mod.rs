//! Helpers shared by the integration tests: the built-in questionnaire,
//! fixtures, and the flat layout of a canonical report.
#![allow(dead_code)]

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
