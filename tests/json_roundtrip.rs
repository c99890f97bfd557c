//! Property: any answers exported as JSON read back as the same answers,
//! and so print the same report (text → json → draft → text is the
//! identity); hostile text in any answer never becomes markup in HTML.
//! The published reports make the same trip.

mod common;

use chrono::NaiveDate;
use common::{REPORTS, builtin, fixture};
use proptest::prelude::*;
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::questionnaire::{Kind, Question, Questionnaire};
use quire::report::answers_file;
use quire::report::formats::{Format, render};
use quire::report::{import, reformat};

fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 8, 23)
}

/// Text as respondents and hostile pastes write it, without what the one
/// rule for user text removes (controls), which could not come back.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[ -~éà’“”«»—•\u{a0}\t\n<>&\"'\\\\]{0,80}").expect("regex")
}

fn choice(question: &Question) -> BoxedStrategy<Vec<Chosen>> {
    let ids: Vec<Chosen> = question
        .options
        .iter()
        .map(|o| Chosen::Option(o.id.clone()))
        .collect();
    let unlisted = text()
        .prop_filter("a label", |l| !l.trim().is_empty())
        .prop_map(Chosen::Unlisted);
    match question.kind {
        Kind::MultipleChoice => proptest::sample::subsequence(ids.clone(), 0..=ids.len()).boxed(),
        _ => prop_oneof![
            4 => proptest::sample::select(ids.clone()).prop_map(|c| vec![c]),
            1 => Just(vec![]),
            1 => unlisted.prop_map(|c| vec![c]),
            1 => proptest::sample::subsequence(ids.clone(), 2..=ids.len().max(2)),
        ]
        .boxed(),
    }
}

/// Any answers: each field answered or not.
fn answers(q: &Questionnaire) -> impl Strategy<Value = Answers> + use<> {
    let mut fields: Vec<BoxedStrategy<Option<(FieldKey, Value)>>> = Vec::new();
    for x in &q.questions {
        let key = FieldKey::main(&x.id);
        let value = if x.kind.is_choice() {
            choice(x).prop_map(Value::Choice).boxed()
        } else {
            text().prop_map(Value::Text).boxed()
        };
        fields.push(
            proptest::option::weighted(0.8, value.prop_map(move |v| (key.clone(), v))).boxed(),
        );
        let subs = x
            .follow_ups
            .iter()
            .map(|f| f.id.clone())
            .chain(x.comment.iter().map(|c| c.id.clone()));
        for id in subs {
            let key = FieldKey::sub(&x.id, &id);
            fields.push(
                proptest::option::weighted(
                    0.5,
                    text().prop_map(move |t| (key.clone(), Value::Text(t))),
                )
                .boxed(),
            );
        }
    }
    (fields, proptest::option::of(text())).prop_map(|(fields, org)| {
        let mut a = Answers::new();
        if let Some(org) = org {
            a.header.insert("organization".into(), org);
        }
        for (k, v) in fields.into_iter().flatten() {
            a.set(k, v);
        }
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn json_reads_back_as_the_same_answers_and_report(a in answers(&builtin())) {
        let q = builtin();
        let json = render(Format::Json, &q, &a, date());
        let back = answers_file::read(&q, "x.json", &json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back.answers, &a);
        prop_assert_eq!(back.date, date());
        prop_assert_eq!(
            render(Format::Text, &q, &back.answers, date()),
            render(Format::Text, &q, &a, date())
        );
    }

    #[test]
    fn no_answer_becomes_markup_in_html(a in answers(&builtin())) {
        let page = render(Format::Html, &builtin(), &a, date());
        prop_assert_eq!(page.matches("<script").count(), 0);
        prop_assert_eq!(page.matches("<style>").count(), 1);
        // Every tag is one the page writes itself.
        let tags = ["!DOCTYPE", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style",
            "body", "/body", "header", "/header", "h1", "/h1", "span", "/span", "br", "main", "/main",
            "section", "/section", "h2", "/h2", "h3", "/h3", "p", "/p", "ul", "/ul", "ol", "/ol", "li", "/li",
            "div", "/div", "footer", "/footer", "time", "/time"];
        for tag in page.split('<').skip(1) {
            let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '!').collect();
            prop_assert!(tags.contains(&name.as_str()), "unexpected tag <{}", name);
        }
    }

    #[test]
    fn csv_has_the_same_columns_on_every_row(a in answers(&builtin())) {
        let out = render(Format::Csv, &builtin(), &a, date());
        let mut reader = csv::Reader::from_reader(out.as_bytes());
        let width = reader.headers().map(|h| h.len()).unwrap_or(0);
        let mut rows = 0;
        for r in reader.records() {
            let r = r.map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(r.len(), width);
            rows += 1;
        }
        prop_assert!(rows >= builtin().questions.len());
    }
}

#[test]
fn published_reports_go_text_to_json_to_draft_to_text_unchanged() {
    let q = builtin();
    for name in REPORTS {
        let imported = import(&q, &fixture(name)).expect("imports");
        let json = render(Format::Json, &q, &imported.answers, imported.date);
        let back = answers_file::read(&q, name, &json).expect("reads");
        assert_eq!(back.answers, imported.answers, "{name}");
        assert_eq!(back.date, imported.date, "{name}");
        let mut again = imported.clone();
        again.answers = back.answers;
        assert_eq!(
            reformat(&q, &again, None),
            reformat(&q, &imported, None),
            "{name}"
        );
    }
}
