//! The journal: what changed in a draft since its file was last written
//! whole, appended at each autosave so that saving costs the size of the
//! change, not of the draft (a 50 MB answer was written twice per pause).
//!
//! ```text
//! quire-journal 1 base=<sha-256 of the draft file's bytes>
//! @ <payload bytes> <first 16 hex digits of the payload's sha-256>
//! <payload: TOML, one change set>
//! @ ...
//! ```
//!
//! A journal applies only to the file whose digest it names: once the draft
//! is written whole again the journal is stale and ignored. A record cut
//! off at the end (a kill mid-append) is ignored; a damaged record with
//! more after it means the file was changed by something else, and the
//! draft is refused rather than opened without part of its text.

use super::{Draft, TextKey, Translation};
use crate::answers::{Chosen, FieldKey, Value};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const MAGIC: &str = "quire-journal 1";

/// Why a draft was saved: recorded with each change set and each version,
/// so that a person choosing a version to restore knows what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveReason {
    /// Typing paused.
    Pause,
    /// The user left a text field.
    Field,
    /// An option was chosen or cleared.
    Choice,
    /// The draft was opened (the questionnaire changed, answers set aside).
    Open,
    /// The user quit.
    Quit,
    /// A new draft.
    Create,
    /// A new draft from a published report.
    Import,
    /// An earlier version was brought back.
    Restore,
    /// Any other change (a failed save tried again, a script).
    Other,
}

impl SaveReason {
    const ALL: [SaveReason; 9] = [
        Self::Pause,
        Self::Field,
        Self::Choice,
        Self::Open,
        Self::Quit,
        Self::Create,
        Self::Import,
        Self::Restore,
        Self::Other,
    ];

    /// The word written in files.
    pub fn word(self) -> &'static str {
        match self {
            Self::Pause => "pause",
            Self::Field => "field",
            Self::Choice => "choice",
            Self::Open => "open",
            Self::Quit => "quit",
            Self::Create => "create",
            Self::Import => "import",
            Self::Restore => "restore",
            Self::Other => "other",
        }
    }

    /// What it means, for people.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Pause => "pause in typing",
            Self::Field => "left a text field",
            Self::Choice => "chose an option",
            Self::Open => "opened",
            Self::Quit => "quit",
            Self::Create => "created",
            Self::Import => "imported",
            Self::Restore => "restored a version",
            Self::Other => "saved",
        }
    }

    pub fn from_word(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.word() == word)
    }
}

/// One change to one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Text replaced inside a text answer: `remove` bytes at byte `at`.
    Splice {
        key: FieldKey,
        at: usize,
        remove: usize,
        insert: String,
    },
    /// A whole answer set.
    Set { key: FieldKey, value: Value },
    /// An answer removed.
    Unset { key: FieldKey },
    /// Text replaced inside the `lang` translation of a text answer, which
    /// is now a translation of the source text with hash `source`.
    TranslationSplice {
        key: FieldKey,
        lang: String,
        at: usize,
        remove: usize,
        insert: String,
        source: String,
    },
    /// A whole translation set.
    TranslationSet {
        key: FieldKey,
        lang: String,
        translation: Translation,
    },
    /// A translation removed.
    TranslationUnset { key: FieldKey, lang: String },
}

/// One change set: everything one save changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub updated: DateTime<FixedOffset>,
    pub why: SaveReason,
    pub position: Option<FieldKey>,
    pub edits: Vec<Edit>,
}

/// The translations of header fields, which are written whole.
fn header_translations(d: &Draft) -> Vec<(&str, &TextKey, &Translation)> {
    d.translations
        .iter()
        .filter(|(_, k, _)| matches!(k, TextKey::Header(_)))
        .collect()
}

/// The changes from `old` to `new` as a record, or `None` when something
/// other than answers, their translations, position and time changed
/// (header, source language, set-aside answers, questionnaire): those are
/// written whole.
pub fn diff(old: &Draft, new: &Draft, why: SaveReason) -> Option<Record> {
    if old.id != new.id
        || old.questionnaire != new.questionnaire
        || old.created != new.created
        || old.answers.header != new.answers.header
        || old.language != new.language
        || header_translations(old) != header_translations(new)
        || old.orphans != new.orphans
    {
        return None;
    }
    let mut edits = Vec::new();
    for (key, value) in new.answers.iter() {
        match (old.answers.get(key), value) {
            (Some(a), b) if a == b => {}
            (Some(Value::Text(a)), Value::Text(b)) => edits.push(splice(key, a, b)),
            _ => edits.push(Edit::Set {
                key: key.clone(),
                value: value.clone(),
            }),
        }
    }
    for (key, _) in old.answers.iter() {
        if new.answers.get(key).is_none() {
            edits.push(Edit::Unset { key: key.clone() });
        }
    }
    // Translations after the answers: replaying a translation never
    // depends on its source, and a source edit and its translation's
    // edit in one record stay in the order they are read.
    for (lang, text_key, t) in new.translations.iter() {
        let TextKey::Answer(key) = text_key else {
            continue;
        };
        match old.translations.get(lang, text_key) {
            Some(a) if a == t => {}
            Some(a) => {
                let (at, remove, insert) = splice_parts(&a.text, &t.text);
                edits.push(Edit::TranslationSplice {
                    key: key.clone(),
                    lang: lang.to_owned(),
                    at,
                    remove,
                    insert,
                    source: t.source.clone(),
                });
            }
            None => edits.push(Edit::TranslationSet {
                key: key.clone(),
                lang: lang.to_owned(),
                translation: t.clone(),
            }),
        }
    }
    for (lang, text_key, _) in old.translations.iter() {
        if let TextKey::Answer(key) = text_key
            && new.translations.get(lang, text_key).is_none()
        {
            edits.push(Edit::TranslationUnset {
                key: key.clone(),
                lang: lang.to_owned(),
            });
        }
    }
    Some(Record {
        updated: new.updated,
        why,
        position: new.position.clone(),
        edits,
    })
}

/// The one splice that turns `a` into `b`: what lies between their common
/// start and common end. Typing changes one place at a time, so this is
/// the size of the change.
fn splice(key: &FieldKey, a: &str, b: &str) -> Edit {
    let (at, remove, insert) = splice_parts(a, b);
    Edit::Splice {
        key: key.clone(),
        at,
        remove,
        insert,
    }
}

/// `(at, remove, insert)` of [`splice`].
fn splice_parts(a: &str, b: &str) -> (usize, usize, String) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut start = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    while !a.is_char_boundary(start) || !b.is_char_boundary(start) {
        start -= 1;
    }
    let room = x.len().min(y.len()) - start;
    let mut end = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(p, q)| p == q)
        .count();
    while !a.is_char_boundary(x.len() - end) || !b.is_char_boundary(y.len() - end) {
        end -= 1;
    }
    (
        start,
        x.len() - end - start,
        b[start..y.len() - end].to_owned(),
    )
}

/// Applies a record to a draft, or says why it does not fit.
pub fn apply(draft: &mut Draft, record: &Record) -> Result<(), String> {
    for edit in &record.edits {
        match edit {
            Edit::Splice {
                key,
                at,
                remove,
                insert,
            } => {
                let Some(Value::Text(text)) = draft.answers.get(key) else {
                    return Err(format!("a change to `{key}`, which holds no text"));
                };
                let end = at.checked_add(*remove).unwrap_or(usize::MAX);
                if end > text.len() || !text.is_char_boundary(*at) || !text.is_char_boundary(end) {
                    return Err(format!(
                        "a change to `{key}` at byte {at} that its text ({} bytes) cannot hold",
                        text.len()
                    ));
                }
                let mut text = text.clone();
                text.replace_range(*at..end, insert);
                draft.answers.set(key.clone(), Value::Text(text));
            }
            Edit::Set { key, value } => draft.answers.set(key.clone(), value.clone()),
            Edit::Unset { key } => {
                draft.answers.remove(key);
            }
            Edit::TranslationSplice {
                key,
                lang,
                at,
                remove,
                insert,
                source,
            } => {
                let text_key = TextKey::Answer(key.clone());
                let Some(t) = draft.translations.get(lang, &text_key) else {
                    return Err(format!(
                        "a change to the `{lang}` translation of `{key}`, which has none"
                    ));
                };
                let text = spliced(&t.text, *at, *remove, insert).ok_or_else(|| {
                    format!(
                        "a change to the `{lang}` translation of `{key}` at byte {at} that its text ({} bytes) cannot hold",
                        t.text.len()
                    )
                })?;
                draft.translations.set(
                    lang,
                    text_key,
                    Translation {
                        text,
                        source: source.clone(),
                    },
                );
            }
            Edit::TranslationSet {
                key,
                lang,
                translation,
            } => draft
                .translations
                .set(lang, TextKey::Answer(key.clone()), translation.clone()),
            Edit::TranslationUnset { key, lang } => {
                draft
                    .translations
                    .remove(lang, &TextKey::Answer(key.clone()));
            }
        }
    }
    draft.updated = record.updated;
    draft.position.clone_from(&record.position);
    Ok(())
}

/// `text` with `remove` bytes at byte `at` replaced by `insert`, or `None`
/// when that range is not in the text.
fn spliced(text: &str, at: usize, remove: usize, insert: &str) -> Option<String> {
    let end = at.checked_add(remove)?;
    if end > text.len() || !text.is_char_boundary(at) || !text.is_char_boundary(end) {
        return None;
    }
    let mut text = text.to_owned();
    text.replace_range(at..end, insert);
    Some(text)
}

/// The digest a journal names its base by.
pub fn digest(base: &[u8]) -> String {
    hex(&Sha256::digest(base))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first line of a journal on the base with digest `base`.
pub fn header(base: &str) -> String {
    format!("{MAGIC} base={base}\n")
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordFile {
    updated: DateTime<FixedOffset>,
    why: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    position: Option<String>,
    #[serde(default, rename = "edit", skip_serializing_if = "Vec::is_empty")]
    edits: Vec<EditFile>,
}

#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct EditFile {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    remove: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    insert: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// Chosen option ids; an unlisted label is `=label`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    choice: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    unset: bool,
    /// Set on a change to a translation: its language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    /// The hash of the source text the changed translation was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

/// A record as it is appended: a line with its length and check, then the
/// payload and a line feed.
pub fn encode(record: &Record) -> String {
    let edits = record
        .edits
        .iter()
        .map(|e| match e {
            Edit::Splice {
                key,
                at,
                remove,
                insert,
            } => EditFile {
                key: key.to_string(),
                at: Some(*at),
                remove: Some(*remove),
                insert: Some(insert.clone()),
                ..EditFile::default()
            },
            Edit::Set {
                key,
                value: Value::Text(t),
            } => EditFile {
                key: key.to_string(),
                text: Some(t.clone()),
                ..EditFile::default()
            },
            Edit::Set {
                key,
                value: Value::Choice(c),
            } => EditFile {
                key: key.to_string(),
                choice: Some(
                    c.iter()
                        .map(|c| match c {
                            Chosen::Option(id) => id.clone(),
                            Chosen::Unlisted(label) => format!("={label}"),
                        })
                        .collect(),
                ),
                ..EditFile::default()
            },
            Edit::Unset { key } => EditFile {
                key: key.to_string(),
                unset: true,
                ..EditFile::default()
            },
            Edit::TranslationSplice {
                key,
                lang,
                at,
                remove,
                insert,
                source,
            } => EditFile {
                key: key.to_string(),
                at: Some(*at),
                remove: Some(*remove),
                insert: Some(insert.clone()),
                lang: Some(lang.clone()),
                source: Some(source.clone()),
                ..EditFile::default()
            },
            Edit::TranslationSet {
                key,
                lang,
                translation,
            } => EditFile {
                key: key.to_string(),
                text: Some(translation.text.clone()),
                lang: Some(lang.clone()),
                source: Some(translation.source.clone()),
                ..EditFile::default()
            },
            Edit::TranslationUnset { key, lang } => EditFile {
                key: key.to_string(),
                unset: true,
                lang: Some(lang.clone()),
                ..EditFile::default()
            },
        })
        .collect();
    let file = RecordFile {
        updated: record.updated,
        why: record.why.word().to_owned(),
        position: record.position.as_ref().map(ToString::to_string),
        edits,
    };
    // Strings, numbers and tables only: serializing cannot fail. Were it to,
    // an empty payload makes the record fail its check when read back, and
    // the save is reported rather than lost (the writer compacts instead).
    let payload = toml::to_string(&file).unwrap_or_default();
    let check = &hex(&Sha256::digest(payload.as_bytes()))[..16];
    format!("@ {} {check}\n{payload}\n", payload.len())
}

fn decode(payload: &str) -> Result<Record, String> {
    let file: RecordFile = toml::from_str(payload).map_err(|e| e.message().to_owned())?;
    let key = |k: &str| FieldKey::parse(k).ok_or_else(|| format!("`{k}` is not an answer key"));
    let why = SaveReason::from_word(&file.why).unwrap_or(SaveReason::Other);
    let position = file.position.as_deref().map(key).transpose()?;
    let mut edits = Vec::new();
    for e in file.edits {
        let k = key(&e.key)?;
        if e.lang.is_some() {
            edits.push(decode_translation(k, e)?);
            continue;
        }
        edits.push(match e {
            EditFile {
                at: Some(at),
                remove: Some(remove),
                insert: Some(insert),
                text: None,
                choice: None,
                unset: false,
                ..
            } => Edit::Splice {
                key: k,
                at,
                remove,
                insert,
            },
            EditFile {
                text: Some(t),
                at: None,
                remove: None,
                insert: None,
                choice: None,
                unset: false,
                ..
            } => Edit::Set {
                key: k,
                value: Value::Text(t),
            },
            EditFile {
                choice: Some(c),
                at: None,
                remove: None,
                insert: None,
                text: None,
                unset: false,
                ..
            } => Edit::Set {
                key: k,
                value: Value::Choice(
                    c.into_iter()
                        .map(|c| match c.strip_prefix('=') {
                            Some(label) => Chosen::Unlisted(label.to_owned()),
                            None => Chosen::Option(c),
                        })
                        .collect(),
                ),
            },
            EditFile {
                unset: true,
                at: None,
                remove: None,
                insert: None,
                text: None,
                choice: None,
                source: None,
                ..
            } => Edit::Unset { key: k },
            _ => return Err(format!("the change to `{}` is not one kind of change", k)),
        });
    }
    Ok(Record {
        updated: file.updated,
        why,
        position,
        edits,
    })
}

/// A change to a translation (an edit with `lang`).
fn decode_translation(key: FieldKey, e: EditFile) -> Result<Edit, String> {
    let lang = e.lang.unwrap_or_default();
    Ok(
        match (
            e.at, e.remove, e.insert, e.text, e.choice, e.unset, e.source,
        ) {
            (Some(at), Some(remove), Some(insert), None, None, false, Some(source)) => {
                Edit::TranslationSplice {
                    key,
                    lang,
                    at,
                    remove,
                    insert,
                    source,
                }
            }
            (None, None, None, Some(text), None, false, Some(source)) => Edit::TranslationSet {
                key,
                lang,
                translation: Translation { text, source },
            },
            (None, None, None, None, None, true, None) => Edit::TranslationUnset { key, lang },
            _ => {
                return Err(format!(
                    "the change to the `{lang}` translation of `{key}` is not one kind of change"
                ));
            }
        },
    )
}

/// What reading a journal found.
#[derive(Debug, PartialEq, Eq)]
pub enum Replayed {
    /// Its records, in order, and the length of the part that holds them
    /// (anything after is a record cut off by a kill).
    Records { records: Vec<Record>, good: usize },
    /// It belongs to an earlier state of the draft file: to be ignored.
    Stale,
}

/// A journal that was damaged or written by something else.
#[derive(Debug, PartialEq, Eq)]
pub struct Damaged {
    pub line: usize,
    pub message: String,
}

/// Reads a journal against the draft file whose digest is `base`.
pub fn read(journal: &[u8], base: &str) -> Result<Replayed, Damaged> {
    let line_at = |offset: usize| 1 + journal[..offset].iter().filter(|b| **b == b'\n').count();
    let damaged = |offset: usize, message: String| Damaged {
        line: line_at(offset),
        message,
    };
    let Some(end) = journal.iter().position(|b| *b == b'\n') else {
        // A header cut off by a kill before any record was written.
        return if MAGIC
            .as_bytes()
            .starts_with(&journal[..journal.len().min(MAGIC.len())])
        {
            Ok(Replayed::Records {
                records: vec![],
                good: 0,
            })
        } else {
            Err(damaged(0, "this is not a quire journal".into()))
        };
    };
    let first = String::from_utf8_lossy(&journal[..end]);
    let Some(named) = first
        .strip_prefix(MAGIC)
        .and_then(|rest| rest.strip_prefix(" base="))
    else {
        return Err(damaged(
            0,
            format!("`{first}` is not a quire journal header (`{MAGIC} base=…`)"),
        ));
    };
    if named != base {
        return Ok(Replayed::Stale);
    }
    let mut records = Vec::new();
    let mut at = end + 1;
    while at < journal.len() {
        let rest = &journal[at..];
        // A kill can cut a record anywhere: what is cut off is the tail.
        let Some(nl) = rest.iter().position(|b| *b == b'\n') else {
            break;
        };
        let line = String::from_utf8_lossy(&rest[..nl]);
        let mut words = line.split(' ');
        let (Some("@"), Some(len), Some(check), None) =
            (words.next(), words.next(), words.next(), words.next())
        else {
            return Err(damaged(at, format!("`{line}` does not start a record")));
        };
        let Ok(len) = len.parse::<usize>() else {
            return Err(damaged(at, format!("`{line}` does not start a record")));
        };
        let start = nl + 1;
        let Some(stop) = start.checked_add(len).filter(|s| *s < rest.len()) else {
            break;
        };
        let payload = &rest[start..stop];
        let whole = rest[stop] == b'\n' && hex(&Sha256::digest(payload)).get(..16) == Some(check);
        if !whole {
            if at + stop + 1 >= journal.len() {
                break;
            }
            return Err(damaged(
                at,
                "a record fails its check and more records follow: the journal was changed by something other than quire".into(),
            ));
        }
        let text = std::str::from_utf8(payload)
            .map_err(|_| damaged(at, "a record is not UTF-8".into()))?;
        records.push(decode(text).map_err(|m| damaged(at + start, m))?);
        at += stop + 1;
    }
    Ok(Replayed::Records { records, good: at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft() -> Draft {
        let now = DateTime::parse_from_rfc3339("2026-12-07T10:00:00+00:00").unwrap();
        let mut d = Draft {
            id: crate::draft::DraftId::parse("org-0001").unwrap(),
            questionnaire: crate::draft::QuestionnaireRef {
                id: "q".into(),
                version: "1".into(),
                digest: "sha256:0".into(),
            },
            created: now,
            updated: now,
            position: None,
            language: None,
            answers: crate::answers::Answers::new(),
            translations: crate::draft::Translations::default(),
            orphans: vec![],
        };
        d.answers
            .set(FieldKey::main("q1"), Value::Text("Héllo wörld".into()));
        d.answers.set(
            FieldKey::main("q2"),
            Value::Choice(vec![Chosen::Option("yes".into())]),
        );
        d
    }

    fn journal(base: &str, records: &[Record]) -> Vec<u8> {
        let mut out = header(base);
        for r in records {
            out.push_str(&encode(r));
        }
        out.into_bytes()
    }

    fn replay(old: &Draft, bytes: &[u8]) -> Draft {
        let Ok(Replayed::Records { records, .. }) = read(bytes, "b") else {
            panic!("not read")
        };
        let mut d = old.clone();
        for r in &records {
            apply(&mut d, r).unwrap();
        }
        d
    }

    #[test]
    fn a_change_set_round_trips_through_the_journal() {
        let old = draft();
        let mut new = old.clone();
        new.answers
            .set(FieldKey::main("q1"), Value::Text("Héllo, big wörld".into()));
        new.answers.set(
            FieldKey::main("q2"),
            Value::Choice(vec![Chosen::Unlisted("Maybe = so".into())]),
        );
        new.answers
            .set(FieldKey::sub("q3", "if-yes"), Value::Text("new".into()));
        new.position = Some(FieldKey::main("q3"));
        new.updated = old.updated + chrono::Duration::milliseconds(1500);
        let record = diff(&old, &new, SaveReason::Pause).unwrap();
        // The text answer is a splice of what changed, not the whole text.
        assert!(record.edits.contains(&Edit::Splice {
            key: FieldKey::main("q1"),
            at: 6,
            remove: 0,
            insert: ", big".into()
        }));
        assert_eq!(replay(&old, &journal("b", &[record])), new);
        let mut gone = new.clone();
        gone.answers.remove(&FieldKey::main("q1"));
        let record = diff(&new, &gone, SaveReason::Field).unwrap();
        assert_eq!(
            record.edits,
            vec![Edit::Unset {
                key: FieldKey::main("q1")
            }]
        );
        assert_eq!(replay(&new, &journal("b", &[record])), gone);
    }

    #[test]
    fn a_change_to_a_translation_round_trips_through_the_journal() {
        let old = draft();
        let mut new = old.clone();
        let q1 = TextKey::Answer(FieldKey::main("q1"));
        new.translations
            .set("fr", q1.clone(), Translation::of("Héllo wörld", "Bonjour"));
        let set = diff(&old, &new, SaveReason::Pause).unwrap();
        assert_eq!(replay(&old, &journal("b", std::slice::from_ref(&set))), new);
        // Typing in the translation is a splice of its text, in its language.
        let mut typed = new.clone();
        typed.translations.set(
            "fr",
            q1.clone(),
            Translation::of("Héllo wörld", "Bonjour à tous"),
        );
        let splice = diff(&new, &typed, SaveReason::Pause).unwrap();
        assert!(matches!(
            &splice.edits[..],
            [Edit::TranslationSplice { lang, at: 7, remove: 0, insert, .. }]
                if lang == "fr" && insert == " à tous"
        ));
        assert_eq!(
            replay(&old, &journal("b", &[set.clone(), splice.clone()])),
            typed
        );
        // A source edit and the translation's removal, in one record.
        let mut gone = typed.clone();
        gone.answers
            .set(FieldKey::main("q1"), Value::Text("Hello".into()));
        gone.translations.remove("fr", &q1);
        let unset = diff(&typed, &gone, SaveReason::Field).unwrap();
        assert_eq!(replay(&old, &journal("b", &[set, splice, unset])), gone);
    }

    #[test]
    fn a_change_of_source_language_or_header_translation_is_written_whole() {
        let old = draft();
        let mut new = old.clone();
        new.language = Some("fr".into());
        assert_eq!(diff(&old, &new, SaveReason::Pause), None);
        let mut new = old.clone();
        new.translations.set(
            "fr",
            TextKey::Header("organization".into()),
            Translation::of("", "X"),
        );
        assert_eq!(diff(&old, &new, SaveReason::Pause), None);
    }

    #[test]
    fn a_change_outside_the_answers_is_not_journaled() {
        let old = draft();
        let mut new = old.clone();
        new.answers.header.insert("organization".into(), "X".into());
        assert_eq!(diff(&old, &new, SaveReason::Pause), None);
    }

    #[test]
    fn a_cut_off_record_is_ignored_and_a_damaged_one_before_others_refused() {
        let old = draft();
        let mut a = old.clone();
        a.answers
            .set(FieldKey::main("q1"), Value::Text("one".into()));
        let mut b = a.clone();
        b.answers
            .set(FieldKey::main("q1"), Value::Text("one two".into()));
        let bytes = journal(
            "b",
            &[
                diff(&old, &a, SaveReason::Pause).unwrap(),
                diff(&a, &b, SaveReason::Pause).unwrap(),
            ],
        );
        let second = bytes.len() - encode(&diff(&a, &b, SaveReason::Pause).unwrap()).len();
        for cut in second..bytes.len() {
            assert_eq!(replay(&old, &bytes[..cut]), a, "cut at {cut}");
        }
        assert_eq!(replay(&old, &bytes), b);
        let mut flipped = bytes.clone();
        // A byte of the first record's payload changed: more follows.
        let first_payload = header("b").len() + 30;
        flipped[first_payload] ^= 1;
        let err = read(&flipped, "b").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("changed by something other"),
            "{err:?}"
        );
    }

    #[test]
    fn a_journal_of_another_base_is_stale_and_a_foreign_file_damaged() {
        let bytes = journal("a", &[]);
        assert_eq!(read(&bytes, "b"), Ok(Replayed::Stale));
        assert!(read(b"hello\nworld\n", "b").is_err());
        // Cut inside the header: nothing was journaled yet.
        assert!(matches!(
            read(b"quire-jour", "b"),
            Ok(Replayed::Records { records, .. }) if records.is_empty()
        ));
    }

    #[test]
    fn a_splice_that_does_not_fit_its_text_is_refused() {
        let mut d = draft();
        let bad = Record {
            updated: d.updated,
            why: SaveReason::Pause,
            position: None,
            edits: vec![Edit::Splice {
                key: FieldKey::main("q1"),
                at: 2, // inside "é"
                remove: 0,
                insert: "x".into(),
            }],
        };
        assert!(apply(&mut d, &bad).is_err());
        assert_eq!(d, draft(), "nothing applied");
    }

    proptest! {
        #[test]
        fn any_text_change_replays_to_the_new_text(
            a in "(\\PC|\n){0,40}",
            b in "(\\PC|\n){0,40}",
        ) {
            let mut old = draft();
            old.answers.set(FieldKey::main("q1"), Value::Text(a));
            let mut new = old.clone();
            new.answers.set(FieldKey::main("q1"), Value::Text(b));
            let record = diff(&old, &new, SaveReason::Pause).unwrap();
            prop_assert_eq!(replay(&old, &journal("b", &[record])), new);
        }

        #[test]
        fn any_translation_change_replays_to_the_new_translation(
            a in proptest::option::of("(\\PC|\n){0,40}"),
            b in proptest::option::of("(\\PC|\n){0,40}"),
            source in "(\\PC|\n){0,10}",
        ) {
            let key = TextKey::Answer(FieldKey::main("q1"));
            let with = |d: &mut Draft, t: &Option<String>| match t {
                Some(t) => d.translations.set("fr", key.clone(), Translation::of(&source, t.clone())),
                None => { d.translations.remove("fr", &key); }
            };
            let mut old = draft();
            with(&mut old, &a);
            let mut new = old.clone();
            with(&mut new, &b);
            let record = diff(&old, &new, SaveReason::Pause).unwrap();
            prop_assert_eq!(replay(&old, &journal("b", &[record])), new);
        }
    }
}
