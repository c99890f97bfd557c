//! The summary as CSV (RFC 4180): one row per option, text field, theme,
//! theme per question, target date and excerpt, with the organizations
//! behind each figure, for spreadsheets and open-data portals.

use crate::summary::{Place, Summary, percent};

const HEADER: [&str; 11] = [
    "section",
    "question",
    "field",
    "item",
    "count",
    "of",
    "percent",
    "organizations",
    "source",
    "line",
    "text",
];

/// One field, quoted when it holds a comma, a quote or a line end. A
/// leading `=`, `+`, `-` or `@` is kept, but quoted with a `'` before it,
/// so that a spreadsheet does not run it as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

struct Row<'a> {
    section: &'a str,
    question: String,
    field: String,
    item: String,
    count: Option<usize>,
    of: Option<usize>,
    organizations: String,
    place: Option<&'a Place>,
    text: String,
}

fn push(out: &mut String, r: Row<'_>) {
    let num = |n: Option<usize>| n.map_or(String::new(), |n| n.to_string());
    let pct = match (r.count, r.of) {
        (Some(c), Some(o)) => percent(c, o).to_string(),
        _ => String::new(),
    };
    let cells = [
        r.section.to_owned(),
        r.question,
        r.field,
        r.item,
        num(r.count),
        num(r.of),
        pct,
        r.organizations,
        r.place.map_or(String::new(), |p| p.source.clone()),
        r.place
            .and_then(|p| p.line)
            .map_or(String::new(), |l| l.to_string()),
        r.text,
    ];
    let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

pub fn render(s: &Summary) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    let total = s.organizations.len();
    for q in &s.questions {
        if let Some(c) = &q.choice {
            let answered = c.answered.len();
            for o in &c.options {
                push(
                    &mut out,
                    Row {
                        section: "option",
                        question: q.number.to_string(),
                        field: q.id.clone(),
                        item: o.label.clone(),
                        count: Some(o.organizations.len()),
                        of: Some(answered),
                        organizations: o.organizations.join("; "),
                        place: None,
                        text: String::new(),
                    },
                );
            }
            for (item, list) in [
                ("no response", &c.no_response),
                ("not reached", &c.not_reached),
                ("several options on a single choice", &c.several),
            ] {
                push(
                    &mut out,
                    Row {
                        section: "choice",
                        question: q.number.to_string(),
                        field: q.id.clone(),
                        item: item.into(),
                        count: Some(list.len()),
                        of: Some(total),
                        organizations: list.join("; "),
                        place: None,
                        text: String::new(),
                    },
                );
            }
        }
        for t in &q.texts {
            for (item, list) in [
                ("answered", &t.answered),
                ("N/A", &t.not_applicable),
                ("not reached", &t.not_reached),
            ] {
                push(
                    &mut out,
                    Row {
                        section: "text",
                        question: q.number.to_string(),
                        field: t.field.clone(),
                        item: item.into(),
                        count: Some(list.len()),
                        of: Some(total),
                        organizations: list.join("; "),
                        place: None,
                        text: String::new(),
                    },
                );
            }
        }
    }
    for t in &s.themes {
        push(
            &mut out,
            Row {
                section: "theme",
                question: String::new(),
                field: String::new(),
                item: t.name.clone(),
                count: Some(t.organizations.len()),
                of: Some(total),
                organizations: t.organizations.join("; "),
                place: None,
                text: String::new(),
            },
        );
        for q in &t.questions {
            push(
                &mut out,
                Row {
                    section: "theme-question",
                    question: q.question.to_string(),
                    field: String::new(),
                    item: t.name.clone(),
                    count: Some(q.organizations),
                    of: Some(total),
                    organizations: String::new(),
                    place: None,
                    text: String::new(),
                },
            );
        }
        for e in &t.excerpts {
            push(
                &mut out,
                Row {
                    section: "excerpt",
                    question: e.place.question.to_string(),
                    field: e.place.field.clone(),
                    item: t.name.clone(),
                    count: None,
                    of: None,
                    organizations: e.place.organization.clone(),
                    place: Some(&e.place),
                    text: e.sentence.clone(),
                },
            );
        }
    }
    for d in &s.target_dates {
        for m in &d.dates {
            push(
                &mut out,
                Row {
                    section: "target-date",
                    question: d.place.question.to_string(),
                    field: d.place.field.clone(),
                    item: m.value.clone(),
                    count: None,
                    of: None,
                    organizations: d.place.organization.clone(),
                    place: Some(&d.place),
                    text: d.sentence.clone(),
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;
    use rstest::rstest;

    #[rstest]
    #[case("plain", "plain")]
    #[case("a, b", "\"a, b\"")]
    #[case("say \"hi\"", "\"say \"\"hi\"\"\"")]
    #[case("two\nlines", "\"two\nlines\"")]
    #[case("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    #[case("-5", "'-5")]
    fn fields_are_quoted_and_formulas_defused(#[case] s: &str, #[case] want: &str) {
        assert_eq!(field(s), want);
    }
}
