//! Choice answers: the chosen options' lines, the no-response line, and
//! the comment after them.

use super::anchors::{loose, trim_region};
use super::{ImportError, Reader};
use crate::answers::{Chosen, FieldKey, Value};
use crate::questionnaire::{Kind, Question};

/// How a label names an option.
enum Match<'q> {
    /// Exactly, or loosely (`false`: white space, quotes, a final full stop).
    Option(&'q str, bool),
    /// A label cut off: the start of these options.
    Start(Vec<&'q str>),
    None,
}

/// The comparable form of a label: loose, without a final full stop.
fn label_key(s: &str) -> String {
    let l = loose(s);
    match l.strip_suffix('.') {
        Some(t) => t.trim_end().to_owned(),
        None => l,
    }
}

fn option_for<'q>(question: &'q Question, label: &str, cut: bool) -> Match<'q> {
    if let Some(o) = question.options.iter().find(|o| o.label.as_str() == label) {
        return Match::Option(&o.id, true);
    }
    let want = label_key(label);
    if let Some(o) = question
        .options
        .iter()
        .find(|o| label_key(o.label.as_str()) == want)
    {
        return Match::Option(&o.id, false);
    }
    let want = loose(label);
    if !cut || want.is_empty() {
        return Match::None;
    }
    let starts: Vec<&str> = question
        .options
        .iter()
        .filter(|o| loose(o.label.as_str()).starts_with(&want))
        .map(|o| o.id.as_str())
        .collect();
    if starts.is_empty() {
        Match::None
    } else {
        Match::Start(starts)
    }
}

impl Reader<'_> {
    fn is_option_line(&self, line: &str) -> bool {
        if self.flat {
            line.starts_with("- ")
        } else {
            line.trim_start().starts_with("• ")
        }
    }

    fn option_label<'l>(&self, line: &'l str) -> &'l str {
        let line = line.trim_end_matches([' ', '\t']);
        if self.flat {
            line.strip_prefix("- ").unwrap_or(line)
        } else {
            line.trim_start().strip_prefix("• ").unwrap_or(line)
        }
    }

    /// A choice question's answer; says whether the report holds it.
    pub(super) fn choice_answer(
        &mut self,
        i: usize,
        at: usize,
        region: &[(usize, &str)],
    ) -> Result<bool, ImportError> {
        let question = &self.q.questions[i];
        let key = FieldKey::main(&question.id);
        let region = self.without_cut_mark(region);
        let Some(&(first, first_line)) = region.first() else {
            if !self.is_last_region(at) {
                self.warn(at, format!("Question {} has no answer", question.number));
            }
            return Ok(false);
        };
        let na = loose(self.q.layout.not_applicable.as_str());
        let no_response = loose(self.q.layout.no_response.as_str());
        let only = loose(first_line);
        if region.len() == 1
            && self.is_cut(first)
            && ((only != na && na.starts_with(&only))
                || (only != no_response && no_response.starts_with(&only)))
        {
            // Too little left to tell "N/A" from "No response submitted.".
            self.cut_where = Some(format!(
                "at the start of the answer to Question {}",
                question.number
            ));
            return Ok(false);
        }
        // A choice question that branching skips prints as not applicable.
        if region.len() == 1 && only == na {
            self.na_choices.push((i, first));
            return Ok(true);
        }
        self.lines_of.insert(key.clone(), first);
        let mut chosen = Vec::new();
        let mut said_none = None;
        let mut rest = region;
        while let [(n, line), tail @ ..] = rest {
            if loose(line) == no_response {
                said_none = Some(*n);
            } else if self.is_option_line(line) {
                let label = self.option_label(line);
                let cut = self.is_cut(*n);
                let matched = option_for(question, label, cut);
                // In a flat report, a dash line that names no option after
                // the options starts the comment, when there is one.
                let after_options = !chosen.is_empty() || said_none.is_some();
                if self.flat
                    && matches!(matched, Match::None)
                    && after_options
                    && question.comment.is_some()
                    && !cut
                {
                    break;
                }
                chosen.push(self.choose(question, *n, label, matched));
            } else {
                break;
            }
            rest = tail;
        }
        if chosen.is_empty() && said_none.is_none() {
            let message = format!(
                "expected the chosen options of Question {} (lines \"{}\"), found \"{}\"",
                question.number,
                super::super::option_line("…").trim_end(),
                first_line.trim()
            );
            self.unplaced(first, first_line, message)?;
            return Ok(false);
        }
        if let Some(n) = said_none {
            let note = if chosen.is_empty() {
                "read as no option chosen"
            } else {
                "but options are chosen too; the options are kept"
            };
            self.warn(
                n,
                format!(
                    "Question {}: \"{}\" ({note})",
                    question.number, self.q.layout.no_response
                ),
            );
        }
        if chosen.len() > 1 && question.kind != Kind::MultipleChoice {
            self.warn(
                first,
                format!(
                    "Question {} takes one option, but {} are chosen; all are kept",
                    question.number,
                    chosen.len()
                ),
            );
        }
        self.answers.set(key, Value::Choice(chosen));
        let rest = trim_region(rest);
        match (rest.first(), &question.comment) {
            (None, _) => {}
            (Some(_), Some(c)) => {
                let key = FieldKey::sub(&question.id, &c.id);
                self.text_answer(key, rest);
            }
            (Some(&(n, line)), None) => {
                let message = format!(
                    "unexpected text after the options of Question {}: \"{}\"",
                    question.number,
                    line.trim()
                );
                if rest.len() == 1 {
                    self.unplaced(n, line, message)?;
                } else {
                    return Err(ImportError { line: n, message });
                }
            }
        }
        Ok(true)
    }

    fn choose(&mut self, question: &Question, line: usize, label: &str, matched: Match) -> Chosen {
        let number = question.number;
        let label_of = |id: &str| question.option(id).map_or("", |o| o.label.as_str());
        match matched {
            Match::Option(id, true) => Chosen::Option(id.to_owned()),
            Match::Option(id, false) => {
                self.warn(line, format!("\"{label}\" differs slightly from the option \"{}\" of Question {number}; read as that option", label_of(id)));
                Chosen::Option(id.to_owned())
            }
            Match::Start(ids) if ids.len() == 1 => {
                self.warn(line, format!("\"{label}\" is cut off where the report stops; read as the option \"{}\" of Question {number}, which it starts", label_of(ids[0])));
                Chosen::Option(ids[0].to_owned())
            }
            Match::Start(ids) => {
                let names: Vec<String> = ids
                    .iter()
                    .map(|id| format!("\"{}\"", label_of(id)))
                    .collect();
                self.warn(line, format!("\"{label}\" is cut off where the report stops and may be any of {} (Question {number}); kept as written", names.join(", ")));
                Chosen::Unlisted(label.to_owned())
            }
            Match::None => {
                self.warn(
                    line,
                    format!("\"{label}\" is not an option of Question {number}; kept as written"),
                );
                Chosen::Unlisted(label.to_owned())
            }
        }
    }
}
