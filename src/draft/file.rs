//! The draft file: TOML a person can read, diff and keep in git.

use super::journal::SaveReason;
use super::{Draft, DraftId, Orphan, QuestionnaireRef, TextKey, Translation, Translations};
use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::questionnaire::locate;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// A value written out, with no place in a source.
fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// The draft format this build writes and reads.
pub const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftFile {
    format: u32,
    id: Spanned<String>,
    created: DateTime<FixedOffset>,
    updated: DateTime<FixedOffset>,
    /// Why this state was saved (`pause`, `field`, `quit`…), for the history.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    saved_because: Option<String>,
    /// `question` or `question.field` where the user was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<Spanned<String>>,
    /// The language the answers are written in, when it is not the
    /// questionnaire's primary one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<Spanned<String>>,
    questionnaire: QuestionnaireFile,
    #[serde(default)]
    header: BTreeMap<String, String>,
    #[serde(default)]
    answers: BTreeMap<NaturalKey, Spanned<AnswerFile>>,
    /// Translations of the text answers, by language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    translation: BTreeMap<String, Spanned<TranslationsFile>>,
    #[serde(default, rename = "orphan", skip_serializing_if = "Vec::is_empty")]
    orphans: Vec<Spanned<OrphanFile>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionnaireFile {
    id: String,
    version: String,
    digest: String,
}

/// An answer key ordered as a person reads it: `q2` before `q10`.
#[derive(PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
struct NaturalKey(String);

impl NaturalKey {
    /// Runs of digits compare as numbers, the rest as text.
    fn parts(&self) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        let mut text = String::new();
        let mut digits = String::new();
        for c in self.0.chars() {
            if c.is_ascii_digit() {
                digits.push(c);
            } else {
                if !digits.is_empty() {
                    out.push((
                        std::mem::take(&mut text),
                        digits.parse().unwrap_or(u64::MAX),
                    ));
                    digits.clear();
                }
                text.push(c);
            }
        }
        out.push((text, digits.parse().unwrap_or(0)));
        out
    }
}

impl Ord for NaturalKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.parts()
            .cmp(&other.parts())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for NaturalKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Exactly one of `choice` or `text`.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<Vec<ChosenFile>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

/// The translations into one language: header fields, then answers.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TranslationsFile {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    header: BTreeMap<String, TranslationFile>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    answers: BTreeMap<NaturalKey, TranslationFile>,
}

/// A translated text and the hash of the source text it was made from.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationFile {
    text: String,
    source: String,
}

/// An option id, or `{ unlisted = "label" }` for a label read from a report.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum ChosenFile {
    Option(String),
    Unlisted { unlisted: String },
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrphanFile {
    key: String,
    reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<Vec<ChosenFile>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
}

fn to_file(value: &Value) -> AnswerFile {
    match value {
        Value::Choice(chosen) => AnswerFile {
            choice: Some(
                chosen
                    .iter()
                    .map(|c| match c {
                        Chosen::Option(id) => ChosenFile::Option(id.clone()),
                        Chosen::Unlisted(label) => ChosenFile::Unlisted {
                            unlisted: label.clone(),
                        },
                    })
                    .collect(),
            ),
            text: None,
        },
        Value::Text(t) => AnswerFile {
            choice: None,
            text: Some(t.clone()),
        },
    }
}

fn from_file(choice: Option<Vec<ChosenFile>>, text: Option<String>) -> Result<Value, String> {
    match (choice, text) {
        (Some(c), None) => Ok(Value::Choice(
            c.into_iter()
                .map(|c| match c {
                    ChosenFile::Option(id) => Chosen::Option(id),
                    ChosenFile::Unlisted { unlisted } => Chosen::Unlisted(unlisted),
                })
                .collect(),
        )),
        (None, Some(t)) => Ok(Value::Text(t)),
        (Some(_), Some(_)) => Err("has both `choice` and `text`".into()),
        (None, None) => Err("has neither `choice` nor `text`".into()),
    }
}

fn translations_file(translations: &Translations) -> BTreeMap<String, Spanned<TranslationsFile>> {
    let mut out: BTreeMap<String, TranslationsFile> = BTreeMap::new();
    for (lang, key, t) in translations.iter() {
        let file = out.entry(lang.to_owned()).or_default();
        let t = TranslationFile {
            text: t.text.clone(),
            source: t.source.clone(),
        };
        match key {
            TextKey::Header(id) => {
                file.header.insert(id.clone(), t);
            }
            TextKey::Answer(k) => {
                file.answers.insert(NaturalKey(k.to_string()), t);
            }
        }
    }
    out.into_iter().map(|(l, f)| (l, unplaced(f))).collect()
}

/// Writes a draft as TOML.
pub fn to_toml(draft: &Draft) -> String {
    to_toml_because(draft, None)
}

/// Writes a draft as TOML, with why it was saved.
pub fn to_toml_because(draft: &Draft, why: Option<SaveReason>) -> String {
    let file = DraftFile {
        format: FORMAT,
        id: unplaced(draft.id.to_string()),
        created: draft.created,
        updated: draft.updated,
        saved_because: why.map(|w| w.word().to_owned()),
        position: draft.position.as_ref().map(|p| unplaced(p.to_string())),
        language: draft.language.clone().map(unplaced),
        questionnaire: QuestionnaireFile {
            id: draft.questionnaire.id.clone(),
            version: draft.questionnaire.version.clone(),
            digest: draft.questionnaire.digest.clone(),
        },
        header: draft.answers.header.clone(),
        answers: draft
            .answers
            .iter()
            .map(|(k, v)| (NaturalKey(k.to_string()), unplaced(to_file(v))))
            .collect(),
        translation: translations_file(&draft.translations),
        orphans: draft
            .orphans
            .iter()
            .map(|o| {
                let AnswerFile { choice, text } = to_file(&o.value);
                unplaced(OrphanFile {
                    key: o.key.to_string(),
                    reason: o.reason.clone(),
                    choice,
                    text,
                })
            })
            .collect(),
    };
    let body = toml::to_string_pretty(&file).unwrap_or_else(|e| {
        // Every field is a string, number, table or array: serializing cannot
        // fail; if it ever did, the error is kept visible in the file rather
        // than losing the save.
        format!("# quire could not write this draft: {e}\n")
    });
    format!(
        "# quire draft: answers in progress. Format: docs/draft-format.md\n# Edit with care: quire keeps earlier versions (quire drafts history {}).\n\n{body}",
        draft.id
    )
}

/// A problem in a draft file, with the byte offset it concerns.
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads a draft file's text.
pub fn parse(text: &str) -> Result<Draft, ParseError> {
    parse_because(text).map(|(draft, _)| draft)
}

/// Reads a draft file's text, with why it was saved when it says so.
pub fn parse_because(text: &str) -> Result<(Draft, Option<SaveReason>), ParseError> {
    let at = |offset: usize, message: String| {
        let loc = locate(text, offset);
        ParseError {
            line: loc.line,
            column: loc.column,
            message,
        }
    };
    // The format is checked first, so that a newer file gets a clear message
    // rather than a complaint about fields this build does not know.
    #[derive(Deserialize)]
    struct Format {
        format: Option<toml::Spanned<i64>>,
    }
    // What quire writes starts with that line: parsing a 50 MB draft twice
    // to find it took a second more.
    let written_here = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l == format!("format = {FORMAT}"));
    let format = if written_here {
        Format { format: None }
    } else {
        toml::from_str::<Format>(text)
            .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_owned()))?
    };
    match format.format {
        None if written_here => {}
        None => return Err(at(0, "missing `format`: this is not a quire draft".into())),
        Some(f) if f.get_ref() != &i64::from(FORMAT) => {
            return Err(at(
                f.span().start,
                format!(
                    "unknown draft format {}; this quire reads format {FORMAT} (was it written by a newer quire?)",
                    f.get_ref()
                ),
            ));
        }
        Some(_) => {}
    }
    let file: DraftFile = toml::from_str(text)
        .map_err(|e| at(e.span().map_or(0, |s| s.start), e.message().to_owned()))?;
    let id = DraftId::parse(file.id.get_ref()).ok_or_else(|| {
        at(
            file.id.span().start,
            format!("`{}` is not a valid draft id", file.id.get_ref()),
        )
    })?;
    let key = |k: &str, offset: usize| {
        FieldKey::parse(k).ok_or_else(|| {
            at(
                offset,
                format!("`{k}` is not an answer key (`question` or `question.field`)"),
            )
        })
    };
    let mut answers = Answers::new();
    answers.header = file.header;
    for (NaturalKey(k), a) in file.answers {
        let offset = a.span().start;
        let a = a.into_inner();
        let value =
            from_file(a.choice, a.text).map_err(|m| at(offset, format!("answer `{k}` {m}")))?;
        answers.set(key(&k, offset)?, value);
    }
    let mut orphans = Vec::new();
    for o in file.orphans {
        let offset = o.span().start;
        let o = o.into_inner();
        let value = from_file(o.choice, o.text)
            .map_err(|m| at(offset, format!("orphan `{}` {m}", o.key)))?;
        orphans.push(Orphan {
            key: key(&o.key, offset)?,
            value,
            reason: o.reason,
        });
    }
    let mut translations = Translations::default();
    for (lang, t) in file.translation {
        let offset = t.span().start;
        if !is_language_code(&lang) {
            return Err(at(
                offset,
                format!("`{lang}` is not a language code (such as `en` or `fr`)"),
            ));
        }
        let t = t.into_inner();
        for (id, tr) in t.header {
            translations.set(&lang, TextKey::Header(id), translation(tr));
        }
        for (NaturalKey(k), tr) in t.answers {
            translations.set(&lang, TextKey::Answer(key(&k, offset)?), translation(tr));
        }
    }
    let language = match file.language {
        Some(l) if !is_language_code(l.get_ref()) => {
            return Err(at(
                l.span().start,
                format!(
                    "`{}` is not a language code (such as `en` or `fr`)",
                    l.get_ref()
                ),
            ));
        }
        l => l.map(Spanned::into_inner),
    };
    let position = match &file.position {
        Some(p) => Some(key(p.get_ref(), p.span().start)?),
        None => None,
    };
    let why = file
        .saved_because
        .as_deref()
        .and_then(SaveReason::from_word);
    let draft = Draft {
        id,
        questionnaire: QuestionnaireRef {
            id: file.questionnaire.id,
            version: file.questionnaire.version,
            digest: file.questionnaire.digest,
        },
        created: file.created,
        updated: file.updated,
        position,
        language,
        answers,
        translations,
        orphans,
    };
    Ok((draft, why))
}

fn translation(t: TranslationFile) -> Translation {
    Translation {
        text: t.text,
        source: t.source,
    }
}

/// A language code as definitions write them: ASCII letters, digits and
/// `-` (`fr`, `fr-CA`).
fn is_language_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 35
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}
