//! Property: any answers, rendered and read back, give the same answers.

mod common;

use chrono::NaiveDate;
use proptest::prelude::*;
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, TextKey, parse, to_toml};
use quire::questionnaire::{Kind, Question, Questionnaire};
use quire::report::freetext::{Block, Item, Marker, to_source};
use quire::report::{import, import_any, publish, publish_in, reformat, render};

/// Letters, digits, punctuation, accents, curly quotes, no-break spaces,
/// tabs and dashes: what real answers hold.
const ALPHABET: &str = "[A-Za-z0-9 ,.;:()’“”éàÇ—\u{a0}\t«»\\-]";

/// A line of text. A line that reads as a canonical list item, or says
/// nothing, cannot be told apart in a report, so it is not generated.
fn line() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{ALPHABET}{{1,40}}"))
        .expect("valid regex")
        .prop_filter("blank or list-like", |l| {
            let indent = l.len() - l.trim_start_matches(' ').len();
            let rest = &l[indent..];
            let numbered = rest.split_once(". ").is_some_and(|(n, _)| {
                (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit())
            });
            let blank = l.chars().all(|c| c == ' ' || c == '\t');
            let list_like = indent >= 2 && numbered;
            !blank && !list_like
        })
}

fn item() -> impl Strategy<Value = Item> {
    let marker = prop_oneof![
        Just(Marker::Bullet),
        (1u16..1000).prop_map(|n| Marker::Number(n.to_string())),
    ];
    (0usize..3, marker, line()).prop_map(|(level, marker, text)| Item {
        level,
        marker,
        text,
    })
}

fn block() -> impl Strategy<Value = Block> {
    prop_oneof![
        proptest::collection::vec(line(), 1..3).prop_map(Block::Paragraph),
        proptest::collection::vec(item(), 1..5).prop_map(Block::List),
    ]
}

/// A free-text answer in source form; sometimes empty.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        6 => proptest::collection::vec(block(), 1..4).prop_map(|b| to_source(&b)),
    ]
}

fn choice(question: &Question) -> BoxedStrategy<Vec<Chosen>> {
    let ids: Vec<Chosen> = question
        .options
        .iter()
        .map(|o| Chosen::Option(o.id.clone()))
        .collect();
    let unlisted = "[A-Z][a-z ]{0,20}[a-z]".prop_map(|l| Chosen::Unlisted(format!("Other: {l}")));
    match question.kind {
        Kind::MultipleChoice => proptest::sample::subsequence(ids.clone(), 0..=ids.len()).boxed(),
        _ => prop_oneof![
            4 => proptest::sample::select(ids.clone()).prop_map(|c| vec![c]),
            1 => Just(vec![]),
            1 => unlisted.prop_map(|c| vec![c]),
            // Published pages choose several options on a single choice.
            1 => proptest::sample::subsequence(ids.clone(), 2..=ids.len().max(2)),
        ]
        .boxed(),
    }
}

/// Every field of the questionnaire, each with a generated value.
fn answers(q: &Questionnaire) -> impl Strategy<Value = Answers> + use<> {
    let mut fields: Vec<BoxedStrategy<(FieldKey, Value)>> = Vec::new();
    for question in &q.questions {
        let main = FieldKey::main(&question.id);
        fields.push(if question.kind.is_choice() {
            choice(question)
                .prop_map(move |c| (main.clone(), Value::Choice(c)))
                .boxed()
        } else {
            text()
                .prop_map(move |t| (main.clone(), Value::Text(t)))
                .boxed()
        });
        let subs = question.comment.iter().map(|c| c.id.clone());
        for id in subs.chain(question.follow_ups.iter().map(|f| f.id.clone())) {
            let key = FieldKey::sub(&question.id, &id);
            fields.push(
                text()
                    .prop_map(move |t| (key.clone(), Value::Text(t)))
                    .boxed(),
            );
        }
    }
    let organization = "[A-Z][A-Za-zé’ ]{0,30}[a-z]";
    (fields, organization).prop_map(|(fields, org)| {
        let mut a = Answers::new();
        a.header.insert("organization".into(), org);
        for (k, v) in fields {
            a.set(k, v);
        }
        a
    })
}

fn date() -> impl Strategy<Value = Option<NaiveDate>> {
    proptest::option::of((2000i32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| {
        NaiveDate::from_ymd_opt(y, m, d).expect("day 1 to 28 exists in every month")
    }))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn render_then_import_gives_the_same_answers(
        a in answers(&Questionnaire::builtin().expect("valid")),
        date in date(),
    ) {
        let q = Questionnaire::builtin().expect("valid");
        let text = render(&q, &a, date);
        let back = import(&q, &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back.answers, &a.without_blank_text());
        prop_assert_eq!(back.date, date);
        // Canonical output is a fixed point.
        prop_assert_eq!(render(&q, &back.answers, back.date), text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// For every report `fmt` accepts, `export` of the draft that `import`
    /// makes prints the same text through "Page details": answers on
    /// questions the branching skips and several options on a single
    /// choice included.
    #[test]
    fn export_of_an_imported_report_is_what_fmt_prints(
        a in answers(&Questionnaire::builtin().expect("valid")),
        date in date(),
    ) {
        let q = Questionnaire::builtin().expect("valid");
        let report = render(&q, &a, date);
        let imported = import(&q, &report).map_err(|e| TestCaseError::fail(format!("{e}\n{report}")))?;
        prop_assert!(imported.cut.is_none());
        let formatted = reformat(&q, &imported, None);
        let now = chrono::DateTime::parse_from_rfc3339("2024-08-23T10:00:00-04:00").expect("date");
        let mut draft = Draft::new(DraftId::parse("roundtrip").expect("id"), &q, now);
        draft.answers = imported.answers.clone();
        let draft = parse(&to_toml(&draft)).map_err(|e| TestCaseError::fail(format!("{}:{}: {}", e.line, e.column, e.message)))?;
        let exported = publish(&q, &draft.answers, date).text;
        let through = |t: &str| t[..t.find("\nPage details").expect("footer")].to_owned();
        prop_assert_eq!(through(&exported), through(&formatted));
        prop_assert_eq!(exported, formatted);
    }
}

/// A stand-in translation that keeps the text's layout: letters change,
/// list marks, indents and line breaks do not.
fn translated(text: &str) -> String {
    text.replace('a', "à").replace('e', "é").replace('o', "ô")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The French report reads back as the same answers, and is its own
    /// canonical form, as the English one.
    #[test]
    fn a_french_report_renders_then_imports_as_the_same_answers(
        a in answers(&Questionnaire::builtin().expect("valid")),
        date in date(),
    ) {
        let q = Questionnaire::builtin().expect("valid");
        let fr = q.in_language("fr").expect("French");
        let text = render(&fr, &a, date);
        let (language, back) = import_any(&q, &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(language, "fr");
        prop_assert_eq!(&back.answers, &a.without_blank_text());
        prop_assert_eq!(back.date, date);
        prop_assert_eq!(render(&fr, &back.answers, back.date), text);
    }

    /// The English and French reports of one draft have the same
    /// structure: the same questions, options and lists in the same
    /// places, whether a text is translated or not.
    #[test]
    fn the_english_and_french_reports_of_a_draft_have_the_same_structure(
        a in answers(&Questionnaire::builtin().expect("valid")),
        translate in proptest::collection::vec(any::<bool>(), 32),
        date in date(),
    ) {
        let q = Questionnaire::builtin().expect("valid");
        let now = chrono::DateTime::parse_from_rfc3339("2024-08-23T10:00:00-04:00").expect("date");
        let mut draft = Draft::new(DraftId::parse("structure").expect("id"), &q, now);
        draft.answers = a.clone();
        let texts: Vec<(TextKey, String)> = a
            .iter()
            .filter_map(|(k, v)| match v {
                Value::Text(t) => Some((TextKey::Answer(k.clone()), t.clone())),
                Value::Choice(_) => None,
            })
            .chain([(TextKey::Header("organization".into()), a.organization().to_owned())])
            .collect();
        for ((key, text), yes) in texts.into_iter().zip(translate.iter().cycle()) {
            if *yes {
                draft.set_answer_in(&q, "fr", key, translated(&text));
            }
        }
        let en = publish_in(&q, &draft, "en", date).expect("en").text;
        let fr = publish_in(&q, &draft, "fr", date).expect("fr").text;
        prop_assert_eq!(common::structure(&en), common::structure(&fr), "{}\n----\n{}", en, fr);
    }
}
