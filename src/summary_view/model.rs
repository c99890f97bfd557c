//! What the summary view shows and what is selected in it.

use crate::questionnaire::Questionnaire;
use crate::summary::{LeftOut, QuestionSummary, Submission, Summary, text_place};

/// What one organization's figures come from, to read from the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// As in [`crate::summary::Organization::source`].
    pub source: String,
    pub text: String,
    /// The file as read: its lines are the lines excerpts name. Otherwise
    /// (a draft, a JSON export) the canonical report of its answers.
    pub from_file: bool,
}

/// The documents behind what was read: a report's own text, or the
/// canonical report of a draft's answers (up to where a cut-off report
/// stops).
pub fn documents(q: &Questionnaire, read: &[Result<Submission, LeftOut>]) -> Vec<Document> {
    read.iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|s| match &s.text {
            Some(text) => Document {
                source: s.source.clone(),
                text: text.clone(),
                from_file: true,
            },
            None => Document {
                source: s.source.clone(),
                text: crate::report::render_through(q, &s.answers, None, s.reached),
                from_file: false,
            },
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Questions,
    Themes,
    Dates,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Questions, Tab::Themes, Tab::Dates];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Questions => "Questions",
            Tab::Themes => "Themes",
            Tab::Dates => "Target dates",
        }
    }

    /// The last column that can have the focus.
    pub fn last_column(self) -> usize {
        match self {
            Tab::Questions => 2,
            Tab::Themes => 1,
            Tab::Dates => 0,
        }
    }
}

/// One bar of a question: an option and who chose it, or who gave no
/// response, or who answered a text field.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub count: usize,
    /// What the bar is a share of.
    pub of: usize,
    /// The summary's percentage, for an option.
    pub percent: Option<f64>,
    pub organizations: Vec<String>,
}

/// The bars of a question, from the summary's tallies: options (a share
/// of those who answered, as every output gives it), then no response,
/// not reached and several options, then each text field's answers.
pub fn rows(s: &Summary, q: &QuestionSummary) -> Vec<Row> {
    let total = s.organizations.len();
    let mut out = Vec::new();
    let row = |label: String, list: &[String], of: usize, percent| Row {
        label,
        count: list.len(),
        of,
        percent,
        organizations: list.to_vec(),
    };
    if let Some(c) = &q.choice {
        for o in &c.options {
            let label = match o.id {
                Some(_) => o.label.clone(),
                None => format!("{} (not an option)", o.label),
            };
            out.push(row(
                label,
                &o.organizations,
                c.answered.len(),
                Some(o.percent),
            ));
        }
        for (label, list) in [
            ("No response", &c.no_response),
            ("Not reached (cut off)", &c.not_reached),
            ("Several options on a single choice", &c.several),
        ] {
            if !list.is_empty() {
                out.push(row(label.into(), list, total, None));
            }
        }
    }
    for t in &q.texts {
        let reached = t.answered.len() + t.not_applicable.len();
        out.push(row(
            format!("{}: answered", t.field),
            &t.answered,
            reached,
            None,
        ));
        if !t.not_applicable.is_empty() {
            out.push(row(
                format!("{}: N/A", t.field),
                &t.not_applicable,
                reached,
                None,
            ));
        }
        if !t.not_reached.is_empty() {
            out.push(row(
                format!("{}: not reached", t.field),
                &t.not_reached,
                total,
                None,
            ));
        }
    }
    out
}

/// A report open read-only, over the lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub title: String,
    /// Its lines as drawn (through `text::visible`, tabs expanded).
    pub lines: Vec<String>,
    /// The first row shown, in rows wrapped to the screen.
    pub scroll: usize,
    /// The line the excerpt or date came from, highlighted.
    pub mark: Option<usize>,
}

/// The whole state of the view.
#[derive(Debug, Clone)]
pub struct Model {
    pub summary: Summary,
    pub documents: Vec<Document>,
    pub size: (u16, u16),
    pub color: bool,
    pub tab: Tab,
    /// Which column of the tab has the focus (0: the list on the left).
    pub focus: usize,
    pub question: usize,
    pub row: usize,
    pub organization: usize,
    pub theme: usize,
    pub excerpt: usize,
    pub date: usize,
    pub reader: Option<Reader>,
    /// Said on the help line once (a report that cannot be opened).
    pub note: Option<String>,
}

impl Model {
    pub fn new(summary: Summary, documents: Vec<Document>, size: (u16, u16), color: bool) -> Self {
        Self {
            summary,
            documents,
            size,
            color,
            tab: Tab::Questions,
            focus: 0,
            question: 0,
            row: 0,
            organization: 0,
            theme: 0,
            excerpt: 0,
            date: 0,
            reader: None,
            note: None,
        }
    }

    /// The bars of the selected question.
    pub fn rows(&self) -> Vec<Row> {
        self.summary
            .questions
            .get(self.question)
            .map(|q| rows(&self.summary, q))
            .unwrap_or_default()
    }

    /// The organizations behind the selected bar.
    pub fn organizations(&self) -> Vec<String> {
        self.rows()
            .into_iter()
            .nth(self.row)
            .map(|r| r.organizations)
            .unwrap_or_default()
    }

    /// How many entries column `column` of the current tab holds.
    pub fn len(&self, column: usize) -> usize {
        let s = &self.summary;
        match (self.tab, column) {
            (Tab::Questions, 0) => s.questions.len(),
            (Tab::Questions, 1) => self.rows().len(),
            (Tab::Questions, _) => self.organizations().len(),
            (Tab::Themes, 0) => s.themes.len(),
            (Tab::Themes, _) => s.themes.get(self.theme).map_or(0, |t| t.excerpts.len()),
            (Tab::Dates, _) => s.target_dates.len(),
        }
    }

    /// The selection in column `column` of the current tab.
    pub fn selected(&self, column: usize) -> usize {
        match (self.tab, column) {
            (Tab::Questions, 0) => self.question,
            (Tab::Questions, 1) => self.row,
            (Tab::Questions, _) => self.organization,
            (Tab::Themes, 0) => self.theme,
            (Tab::Themes, _) => self.excerpt,
            (Tab::Dates, _) => self.date,
        }
    }

    /// The report of `source`, open at `line` (1-based) when known.
    pub fn reader_for(
        &self,
        source: &str,
        heading: &str,
        line: Option<usize>,
        hint: &str,
    ) -> Option<Reader> {
        let doc = self.documents.iter().find(|d| d.source == source)?;
        let lines: Vec<String> = doc.text.lines().map(shown).collect();
        let mark = match line {
            Some(l) if doc.from_file && l >= 1 && l <= lines.len() => Some(l - 1),
            // A draft has no lines: the sentence's start finds it.
            _ => {
                let start: String = shown(hint).chars().take(40).collect();
                (!start.trim().is_empty())
                    .then(|| lines.iter().position(|l| l.contains(start.trim())))
                    .flatten()
            }
        };
        let mut reader = Reader {
            // Read-only first: a long path is cut at the right.
            title: format!("{} (read-only) — {}", shown(heading), shown(source)),
            lines,
            scroll: 0,
            mark,
        };
        if let Some(m) = mark {
            let rows = reader_rows(&reader, self.size.0);
            let first = rows.iter().position(|(i, _)| *i == m).unwrap_or(0);
            reader.scroll = first.saturating_sub(2);
        }
        Some(reader)
    }

    /// The excerpt's or date's place, as the text summary gives it.
    pub fn place_of(&self) -> Option<(String, String, Option<usize>, String)> {
        let s = &self.summary;
        let (place, sentence) = match self.tab {
            Tab::Themes => {
                let e = s.themes.get(self.theme)?.excerpts.get(self.excerpt)?;
                (&e.place, &e.sentence)
            }
            Tab::Dates => {
                let d = s.target_dates.get(self.date)?;
                (&d.place, &d.sentence)
            }
            Tab::Questions => return None,
        };
        Some((
            place.source.clone(),
            format!("{}, {}", place.organization, text_place(place)),
            place.line,
            sentence.clone(),
        ))
    }
}

/// Text from reports as drawn: whatever would not print as itself shown
/// by name, tabs as spaces.
pub fn shown(text: &str) -> String {
    crate::text::expand_tabs(&crate::text::visible(text)).into_owned()
}

/// The reader's text width in a terminal `width` wide (less its border).
pub fn reader_width(width: u16) -> usize {
    usize::from(width.saturating_sub(2)).max(1)
}

/// Rows of the reader's page: the screen less its border and help line.
pub fn reader_page(height: u16) -> usize {
    usize::from(height.saturating_sub(3)).max(1)
}

/// The reader's lines wrapped to the screen, each row with its line.
pub fn reader_rows(r: &Reader, width: u16) -> Vec<(usize, String)> {
    let w = reader_width(width);
    r.lines
        .iter()
        .enumerate()
        .flat_map(|(i, l)| {
            let indent = l.chars().take_while(|c| c.is_whitespace()).count();
            let rows = crate::tui::layout::wrap(l.trim_start(), w.saturating_sub(indent).max(1));
            rows.into_iter()
                .map(move |row| (i, format!("{}{row}", " ".repeat(indent))))
        })
        .collect()
}
