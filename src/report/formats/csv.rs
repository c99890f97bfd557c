//! The report as CSV, in the shape open-data portals take: one row per
//! question, one per option for choice questions (chosen or not), and one
//! per follow-up and comment; every row repeats the header fields, the
//! questionnaire and the date, so that the reports of many organizations
//! can be put one after the other. Columns: `docs/export-formats.md`.
//!
//! UTF-8 without a byte-order mark, RFC 4180 quoting (a field holding a
//! comma, a quote or a line end is quoted, quotes doubled), CRLF between
//! records; line ends inside an answer stay `\n`.

use super::outline::{Outline, Printed, QuestionOut};
use crate::report::freetext;

/// The fixed columns, after one column per header field.
pub const COLUMNS: [&str; 15] = [
    "questionnaire_id",
    "questionnaire_version",
    "date_modified",
    "part_id",
    "part_heading",
    "question_number",
    "question_id",
    "field_id",
    "kind",
    "prompt",
    "option_id",
    "option_label",
    "selected",
    "status",
    "answer",
];

/// One row, by column.
struct Row<'a> {
    field: &'a str,
    kind: &'a str,
    prompt: &'a str,
    option_id: &'a str,
    option_label: &'a str,
    selected: &'a str,
    status: &'a str,
    answer: String,
}

fn status(p: &Printed) -> &'static str {
    match p {
        Printed::Chosen(_) | Printed::Text(_) => "answered",
        Printed::NoResponse => "no-response",
        Printed::NotApplicable => "not-applicable",
    }
}

fn text(p: &Printed) -> String {
    match p {
        Printed::Text(blocks) => {
            let mut out = String::new();
            freetext::render(blocks, &mut out);
            out
        }
        _ => String::new(),
    }
}

/// The rows of one question.
fn rows<'a>(x: &'a QuestionOut<'a>) -> Vec<Row<'a>> {
    let question = x.question;
    let kind = question.kind.name();
    let mut out = Vec::new();
    let row = |field, kind, prompt, answer| Row {
        field,
        kind,
        prompt,
        option_id: "",
        option_label: "",
        selected: "",
        status: "",
        answer,
    };
    if question.kind.is_choice() {
        let chosen = match &x.answer {
            Printed::Chosen(c) => c.as_slice(),
            _ => &[],
        };
        for o in &question.options {
            let picked = chosen.iter().any(|c| c.option.as_deref() == Some(&o.id));
            out.push(Row {
                option_id: &o.id,
                option_label: o.label.as_str(),
                selected: if picked { "true" } else { "false" },
                status: status(&x.answer),
                ..row("", kind, question.text.as_str(), text(&x.answer))
            });
        }
        // Labels kept from a report that match no option.
        for c in chosen.iter().filter(|c| c.option.is_none()) {
            out.push(Row {
                option_label: &c.label,
                selected: "true",
                status: status(&x.answer),
                ..row("", kind, question.text.as_str(), String::new())
            });
        }
    } else {
        out.push(Row {
            status: status(&x.answer),
            ..row("", kind, question.text.as_str(), text(&x.answer))
        });
    }
    if let Some(c) = &question.comment {
        let printed = x
            .comment
            .clone()
            .map_or(Printed::NotApplicable, Printed::Text);
        out.push(Row {
            status: status(&printed),
            ..row(&c.id, "comment", c.label.as_str(), text(&printed))
        });
    }
    for f in &x.follow_ups {
        out.push(Row {
            status: status(&f.answer),
            ..row(
                &f.follow_up.id,
                f.follow_up.kind.name(),
                f.follow_up.prompt.as_str(),
                text(&f.answer),
            )
        });
    }
    out
}

/// The CSV report.
pub fn render(outline: &Outline) -> String {
    let q = outline.questionnaire;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header: Vec<&str> = q.header_fields.iter().map(|f| f.id.as_str()).collect();
    header.extend(COLUMNS);
    let _ = w.write_record(&header);
    let fields: Vec<&str> = q
        .header_fields
        .iter()
        .map(|f| outline.answers.header.get(&f.id).map_or("", String::as_str))
        .collect();
    let date = outline
        .date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    for part in &outline.parts {
        for x in &part.questions {
            let number = x.question.number.to_string();
            for r in rows(x) {
                let mut record: Vec<&str> = fields.clone();
                record.extend([
                    q.id.as_str(),
                    q.version.as_str(),
                    &date,
                    &part.part.id,
                    &part.heading,
                    &number,
                    &x.question.id,
                    r.field,
                    r.kind,
                    r.prompt,
                    r.option_id,
                    r.option_label,
                    r.selected,
                    r.status,
                    &r.answer,
                ]);
                let _ = w.write_record(&record);
            }
        }
    }
    // Writing to memory cannot fail, and every field is a `&str`.
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
