//! The summary as text for a terminal, within 80 columns, with bar charts
//! of block characters.

use super::{bar, choice_counts, dates, names, pct, share, theme_places, wrap};
use crate::summary::{QuestionSummary, Summary, TextTally, text_place as place};
use crate::wording::count_s;
use std::fmt::Write as _;

const WIDTH: usize = 80;
const BAR: usize = 30;

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(
        out,
        "\n{title}\n{}",
        "=".repeat(title.chars().count().min(WIDTH))
    );
}

fn text_tally(out: &mut String, t: &TextTally) {
    let what = if t.label == "answer" || t.label == "comment" {
        format!("{} ({})", capital(&t.label), t.field)
    } else {
        format!("Follow-up ({}): {}", t.field, t.label)
    };
    out.push_str(&wrap(&what, WIDTH, "  "));
    out.push_str(&wrap(
        &format!(
            "answered {} · N/A {} · not reached {}",
            t.answered.len(),
            t.not_applicable.len(),
            t.not_reached.len()
        ),
        WIDTH,
        "    ",
    ));
    for (label, list) in [
        ("answered", &t.answered),
        ("N/A", &t.not_applicable),
        ("not reached", &t.not_reached),
    ] {
        if !list.is_empty() {
            out.push_str(&wrap(&format!("{label}: {}", names(list)), WIDTH, "      "));
        }
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn question(out: &mut String, q: &QuestionSummary) {
    let _ = writeln!(out, "\nQuestion {} ({}, {})", q.number, q.id, q.kind);
    out.push_str(&wrap(&q.text, WIDTH, "  "));
    if let Some(c) = &q.choice {
        out.push_str(&wrap(&choice_counts(c), WIDTH, "  "));
        let answered = c.answered.len();
        for o in &c.options {
            out.push('\n');
            let label = match &o.id {
                Some(_) => o.label.clone(),
                None => format!("{} (not an option of the questionnaire)", o.label),
            };
            out.push_str(&wrap(&label, WIDTH, "  "));
            let _ = writeln!(
                out,
                "    {}  {} of {} ({})",
                bar(o.organizations.len(), answered, BAR),
                o.organizations.len(),
                answered,
                pct(o.percent)
            );
            if !o.organizations.is_empty() {
                out.push_str(&wrap(&names(&o.organizations), WIDTH, "    "));
            }
        }
        for (label, list) in [
            ("No response", &c.no_response),
            ("Not reached (report cut off)", &c.not_reached),
            (
                "Several options on a single-choice question (each counted, as published)",
                &c.several,
            ),
        ] {
            if !list.is_empty() {
                out.push('\n');
                out.push_str(&wrap(&format!("{label}: {}", names(list)), WIDTH, "  "));
            }
        }
        if !q.texts.is_empty() {
            out.push('\n');
        }
    }
    for t in &q.texts {
        text_tally(out, t);
    }
}

/// The whole summary as text.
pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    out.push_str(&wrap(
        &format!(
            "Summary of {}: {} ({} v{})",
            count_s(s.organizations.len(), "organization"),
            s.questionnaire.title,
            s.questionnaire.id,
            s.questionnaire.version
        ),
        WIDTH,
        "",
    ));
    heading(&mut out, "Organizations");
    for o in &s.organizations {
        out.push_str(&wrap(&format!("{} ({})", o.name, o.source), WIDTH, "  "));
    }
    if !s.left_out.is_empty() {
        heading(&mut out, "Left out (not counted)");
        for l in &s.left_out {
            out.push_str(&wrap(&format!("{}: {}", l.source, l.reason), WIDTH, "  "));
        }
    }
    if !s.notes.is_empty() {
        heading(&mut out, "Notes");
        for n in &s.notes {
            out.push_str(&wrap(n, WIDTH, "  "));
        }
    }
    heading(&mut out, "Questions");
    for q in &s.questions {
        question(&mut out, q);
    }
    heading(&mut out, "Target dates");
    if s.target_dates.is_empty() {
        out.push_str("  none found\n");
    }
    let mut last_org = None;
    for d in &s.target_dates {
        if last_org != Some(&d.place.organization) {
            let _ = writeln!(out, "\n  {}", d.place.organization);
            last_org = Some(&d.place.organization);
        }
        out.push_str(&wrap(
            &format!("{}: {}", place(&d.place), dates(d)),
            WIDTH,
            "    ",
        ));
        out.push_str(&wrap(&format!("“{}”", d.sentence), WIDTH, "      "));
    }
    heading(&mut out, "Themes");
    let total = s.organizations.len();
    for t in &s.themes {
        let n = t.organizations.len();
        let _ = writeln!(out, "\n{}", t.name);
        let _ = writeln!(out, "  {}  {}", bar(n, total, BAR), share(t, total));
        if n == 0 {
            continue;
        }
        out.push_str(&wrap(&names(&t.organizations), WIDTH, "  "));
        out.push_str(&wrap(&theme_places(t), WIDTH, "  "));
        for e in &t.excerpts {
            out.push_str(&wrap(
                &format!(
                    "{} — {} [{}]",
                    e.place.organization,
                    place(&e.place),
                    e.words.join(", ")
                ),
                WIDTH,
                "    ",
            ));
            out.push_str(&wrap(&format!("“{}”", e.sentence), WIDTH, "      "));
        }
    }
    out
}
