//! From submissions to a [`Summary`]: who is counted, the tallies of each
//! question, and what each organization's sentences say.

use super::dates::{self, DateMention};
use super::sentences;
use super::themes::Matcher;
use super::{
    ChoiceTally, DateFinding, Excerpt, FORMAT_VERSION, LeftOut, OptionTally, Organization, Place,
    QuestionSummary, QuestionnaireInfo, Submission, Summary, TextTally, ThemeInQuestion,
    ThemeSummary, parallel, percent,
};
use crate::answers::{Chosen, FieldKey, Value};
use crate::questionnaire::{Kind, Question, Questionnaire, Theme};
use crate::report::{Piece, pieces, question_heading};
use crate::text::{Folding, folded};
use std::collections::{BTreeMap, HashMap};

/// One organization as counted.
struct Counted {
    name: String,
    sub: Submission,
}

/// Where each piece of a report comes in its order, to tell whether a
/// cut-off report holds it.
struct Order(HashMap<Piece, usize>);

impl Order {
    fn new(q: &Questionnaire) -> Self {
        Self(
            pieces(q)
                .into_iter()
                .enumerate()
                .map(|(i, p)| (p, i))
                .collect(),
        )
    }

    fn holds(&self, sub: &Submission, piece: Piece) -> bool {
        match sub.reached {
            None => true,
            Some(last) => match (self.0.get(&piece), self.0.get(&last)) {
                (Some(p), Some(l)) => p <= l,
                _ => false,
            },
        }
    }
}

/// The text fields of a question: its own answer (text kinds), its
/// follow-ups, its comment; each with the piece that holds it and its label.
fn text_fields(question: &Question, i: usize) -> Vec<(FieldKey, Piece, String)> {
    let mut out = Vec::new();
    if !question.kind.is_choice() {
        out.push((
            FieldKey::main(&question.id),
            Piece::Answer(i),
            "answer".to_owned(),
        ));
    }
    for (f, fu) in question.follow_ups.iter().enumerate() {
        out.push((
            FieldKey::sub(&question.id, &fu.id),
            Piece::FollowUp(i, f),
            fu.prompt.to_string(),
        ));
    }
    if let Some(c) = &question.comment {
        out.push((
            FieldKey::sub(&question.id, &c.id),
            Piece::Answer(i),
            "comment".to_owned(),
        ));
    }
    out
}

fn text_of<'a>(sub: &'a Submission, key: &FieldKey) -> Option<&'a str> {
    match sub.answers.get(key) {
        Some(Value::Text(t)) if !t.trim().is_empty() => Some(t),
        _ => None,
    }
}

/// Who is counted: each organization once (the first input that names it),
/// sorted by name. Says who was given twice, and who has no name.
fn identify(read: Vec<Submission>, notes: &mut Vec<String>) -> Vec<Counted> {
    let mut by_key: BTreeMap<String, Counted> = BTreeMap::new();
    for sub in read {
        let mut name = sub.answers.organization().trim().to_owned();
        if name.is_empty() {
            notes.push(format!(
                "{}: no organization is named in its header; counted under its file name",
                sub.source
            ));
            name = format!("({})", sub.source);
        }
        let key = folded(&name, Folding::PHRASE);
        match by_key.get(&key) {
            Some(first) => notes.push(format!(
                "{} is given twice ({} and {}): counted once, from {}",
                first.name, first.sub.source, sub.source, first.sub.source
            )),
            None => {
                by_key.insert(key, Counted { name, sub });
            }
        }
    }
    by_key.into_values().collect()
}

fn choice_tally(q: &Questionnaire, i: usize, orgs: &[Counted], order: &Order) -> ChoiceTally {
    let question = &q.questions[i];
    let mut t = ChoiceTally {
        answered: Vec::new(),
        no_response: Vec::new(),
        not_reached: Vec::new(),
        several: Vec::new(),
        options: Vec::new(),
    };
    let mut chose: Vec<Vec<String>> = vec![Vec::new(); question.options.len()];
    let mut unlisted: Vec<(String, Vec<String>)> = Vec::new();
    for o in orgs {
        if !order.holds(&o.sub, Piece::Answer(i)) {
            t.not_reached.push(o.name.clone());
            continue;
        }
        let chosen = match o.sub.answers.main(&question.id) {
            Some(Value::Choice(c)) if !c.is_empty() => c,
            _ => {
                t.no_response.push(o.name.clone());
                continue;
            }
        };
        t.answered.push(o.name.clone());
        if chosen.len() > 1 && question.kind != Kind::MultipleChoice {
            t.several.push(o.name.clone());
        }
        for c in chosen {
            match c {
                Chosen::Option(id) => {
                    if let Some(k) = question.options.iter().position(|x| &x.id == id) {
                        chose[k].push(o.name.clone());
                    }
                }
                Chosen::Unlisted(label) => match unlisted.iter_mut().find(|(l, _)| l == label) {
                    Some((_, names)) => names.push(o.name.clone()),
                    None => unlisted.push((label.clone(), vec![o.name.clone()])),
                },
            }
        }
    }
    let answered = t.answered.len();
    let rows = question
        .options
        .iter()
        .zip(chose)
        .map(|(opt, names)| (Some(opt.id.clone()), opt.label.to_string(), names))
        .chain(unlisted.into_iter().map(|(l, names)| (None, l, names)));
    t.options = rows
        .map(|(id, label, organizations)| OptionTally {
            percent: percent(organizations.len(), answered),
            id,
            label,
            organizations,
        })
        .collect();
    t
}

fn text_tallies(q: &Questionnaire, i: usize, orgs: &[Counted], order: &Order) -> Vec<TextTally> {
    text_fields(&q.questions[i], i)
        .into_iter()
        .map(|(key, piece, label)| {
            let mut t = TextTally {
                field: key.to_string(),
                label,
                answered: Vec::new(),
                not_applicable: Vec::new(),
                not_reached: Vec::new(),
            };
            for o in orgs {
                let list = if !order.holds(&o.sub, piece) {
                    &mut t.not_reached
                } else if text_of(&o.sub, &key).is_some() {
                    &mut t.answered
                } else {
                    &mut t.not_applicable
                };
                list.push(o.name.clone());
            }
            t
        })
        .collect()
}

/// A report's lines, to tell where a sentence is.
struct Lines<'a> {
    raw: Vec<&'a str>,
    /// Folded, made only when a sentence is not found as written.
    folded: std::cell::OnceCell<Vec<String>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            raw: text.lines().collect(),
            folded: std::cell::OnceCell::new(),
        }
    }

    fn folded(&self) -> &[String] {
        self.folded.get_or_init(|| {
            self.raw
                .iter()
                .map(|l| folded(l, Folding::PHRASE))
                .collect()
        })
    }

    /// The first line at or after `from` that is `want` (compared folded).
    fn find_line(&self, from: usize, want: &str) -> Option<usize> {
        let exact = want.trim();
        if let Some(k) = (from..self.raw.len()).find(|&k| self.raw[k].trim() == exact) {
            return Some(k);
        }
        let want = folded(want, Folding::PHRASE);
        let want = want.trim();
        let lines = self.folded();
        (from..lines.len()).find(|&k| lines[k].trim() == want)
    }

    /// Where the field's answer starts: after its question's heading, and
    /// after the follow-up's prompt.
    fn anchor(&self, q: &Questionnaire, i: usize, key: &FieldKey) -> usize {
        let question = &q.questions[i];
        let heading = self
            .find_line(0, &question_heading(q, question))
            .unwrap_or(0);
        match key.field.as_deref().and_then(|f| question.follow_up(f)) {
            Some(fu) => self
                .find_line(heading, fu.prompt.as_str())
                .unwrap_or(heading),
            None => heading,
        }
    }

    /// The 1-based line holding `sentence`, searched from `from`: as
    /// written, else folded (white space or quotes changed on the way).
    fn line_of(&self, from: usize, sentence: &str) -> Option<usize> {
        let search = |lines: &[&str], probe: &str| {
            (from..lines.len())
                .find(|&k| lines[k].contains(probe))
                .or_else(|| (0..from.min(lines.len())).find(|&k| lines[k].contains(probe)))
        };
        if let Some(k) = search(&self.raw, sentence) {
            return Some(k + 1);
        }
        let f = folded(sentence, Folding::PHRASE);
        let mut cut = f.len().min(60);
        while !f.is_char_boundary(cut) {
            cut -= 1;
        }
        let lines: Vec<&str> = self.folded().iter().map(String::as_str).collect();
        search(&lines, f[..cut].trim()).map(|k| k + 1)
    }
}

/// What one organization's sentences say.
#[derive(Default)]
struct Findings {
    /// (theme, excerpt), in question order.
    excerpts: Vec<(usize, Excerpt)>,
    dates: Vec<DateFinding>,
}

fn analyze(q: &Questionnaire, matcher: &Matcher, order: &Order, o: &Counted) -> Findings {
    let mut out = Findings::default();
    let lines = o.sub.text.as_deref().map(Lines::new);
    for (i, question) in q.questions.iter().enumerate() {
        for (key, piece, _) in text_fields(question, i) {
            if !order.holds(&o.sub, piece) {
                continue;
            }
            let Some(text) = text_of(&o.sub, &key) else {
                continue;
            };
            let wants_dates = q.analysis.target_dates.iter().any(|k| k.value == key);
            let anchor = lines.as_ref().map_or(0, |l| l.anchor(q, i, &key));
            for unit in sentences::units(text) {
                for sentence in sentences::split(&unit) {
                    let found = matcher.find(sentence);
                    let dates: Vec<DateMention> = if wants_dates {
                        dates::find(sentence)
                    } else {
                        Vec::new()
                    };
                    if found.is_empty() && dates.is_empty() {
                        continue;
                    }
                    let place = Place {
                        organization: o.name.clone(),
                        source: o.sub.source.clone(),
                        question: question.number,
                        field: key.to_string(),
                        line: lines.as_ref().and_then(|l| l.line_of(anchor, sentence)),
                    };
                    for f in found {
                        out.excerpts.push((
                            f.theme,
                            Excerpt {
                                place: place.clone(),
                                sentence: sentence.to_owned(),
                                words: f.words,
                            },
                        ));
                    }
                    if !dates.is_empty() {
                        out.dates.push(DateFinding {
                            place,
                            sentence: sentence.to_owned(),
                            dates,
                        });
                    }
                }
            }
        }
    }
    out
}

fn theme_summaries(themes: &[Theme], findings: &[Findings]) -> Vec<ThemeSummary> {
    themes
        .iter()
        .enumerate()
        .map(|(t, theme)| {
            let excerpts: Vec<Excerpt> = findings
                .iter()
                .flat_map(|f| f.excerpts.iter().filter(|(x, _)| *x == t))
                .map(|(_, e)| e.clone())
                .collect();
            let mut organizations: Vec<String> = Vec::new();
            let mut by_question: BTreeMap<usize, (Vec<&str>, usize)> = BTreeMap::new();
            for e in &excerpts {
                if organizations.last() != Some(&e.place.organization) {
                    organizations.push(e.place.organization.clone());
                }
                let entry = by_question.entry(e.place.question).or_default();
                if entry.0.last() != Some(&e.place.organization.as_str()) {
                    entry.0.push(&e.place.organization);
                }
                entry.1 += 1;
            }
            let questions = by_question
                .into_iter()
                .map(|(question, (orgs, excerpts))| ThemeInQuestion {
                    question,
                    organizations: orgs.len(),
                    excerpts,
                })
                .collect();
            ThemeSummary {
                name: theme.name.to_string(),
                organizations,
                questions,
                excerpts,
            }
        })
        .collect()
}

/// The summary of what was read. `read` is every input's result in input
/// order; `themes` is the codebook (the definition's, or one given apart).
pub fn summarize(
    q: &Questionnaire,
    themes: &[Theme],
    read: Vec<Result<Submission, LeftOut>>,
) -> Summary {
    let mut left_out = Vec::new();
    let mut ok = Vec::new();
    for r in read {
        match r {
            Ok(sub) => ok.push(sub),
            Err(l) => left_out.push(l),
        }
    }
    let mut notes = Vec::new();
    let orgs = identify(ok, &mut notes);
    for o in &orgs {
        if let Some(cut) = &o.sub.cut {
            notes.push(format!(
                "{}: {cut}; what it holds is counted, the rest is \"not reached\"",
                o.sub.source
            ));
        }
    }
    let order = Order::new(q);
    let questions = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, question)| QuestionSummary {
            number: question.number,
            id: question.id.clone(),
            text: question.text.to_string(),
            kind: question.kind.name(),
            choice: question
                .kind
                .is_choice()
                .then(|| choice_tally(q, i, &orgs, &order)),
            texts: text_tallies(q, i, &orgs, &order),
        })
        .collect();
    let matcher = Matcher::new(themes);
    let findings = parallel::map(&orgs, |o| analyze(q, &matcher, &order, o));
    let themes = theme_summaries(themes, &findings);
    let target_dates = findings.into_iter().flat_map(|f| f.dates).collect();
    Summary {
        format_version: FORMAT_VERSION,
        questionnaire: QuestionnaireInfo {
            id: q.id.clone(),
            version: q.version.clone(),
            title: q.title.to_string(),
        },
        organizations: orgs
            .iter()
            .map(|o| Organization {
                name: o.name.clone(),
                source: o.sub.source.clone(),
                cut: o.sub.cut.clone(),
            })
            .collect(),
        left_out,
        notes,
        questions,
        target_dates,
        themes,
    }
}
