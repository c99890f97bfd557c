//! `update` for the start screen and the versions screen: open, delete
//! (to the trash, undoable), rename, list versions, open one read-only,
//! restore one. No I/O: the shell performs the effects (`drafts.rs`).

use super::model::{
    Action, Ask, DraftEntry, Group, Model, Overlay, Prompt, PromptKind, Screen, Trashed,
};
use super::msg::{Done, Effect, Msg};
use super::update::new_assessment;

/// The draft under the cursor, if it is one of this questionnaire's.
fn ours(m: &Model) -> Result<&DraftEntry, String> {
    let d = m
        .drafts
        .get(m.start_cursor)
        .ok_or_else(|| "No draft here: n starts a new assessment.".to_owned())?;
    match d.group() {
        Group::Ours => Ok(d),
        Group::Others => Err(format!(
            "Draft {} answers questionnaire `{}`: start quire with --questionnaire for it.",
            d.id,
            d.questionnaire.as_deref().unwrap_or_default()
        )),
        Group::Unreadable => Err(format!(
            "Draft {} cannot be read: {}",
            d.id,
            d.unreadable.as_deref().unwrap_or_default()
        )),
    }
}

/// How the list names a draft.
fn name(d: &DraftEntry) -> String {
    if d.organization.is_empty() {
        d.id.clone()
    } else {
        format!("{} ({})", d.organization, d.id)
    }
}

pub fn start(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let n = m.drafts.len();
    match msg {
        Msg::Up => m.start_cursor = m.start_cursor.saturating_sub(1),
        Msg::Down if n > 0 => m.start_cursor = (m.start_cursor + 1).min(n - 1),
        Msg::Enter if n == 0 => return new_assessment(m),
        Msg::Enter => match ours(m) {
            Ok(d) => return vec![Effect::Open(d.id.clone())],
            Err(e) => m.status = Some(e),
        },
        Msg::New => return new_assessment(m),
        Msg::Import => m.overlay = Some(Overlay::prompt(Prompt::new(PromptKind::ImportPath, ""))),
        Msg::Delete => match m.drafts.get(m.start_cursor) {
            // Any file listed can go to the trash, one that cannot be read
            // too: its bytes go as they are, and come back with `u`.
            Some(d) => {
                let t = Trashed {
                    id: d.id.clone(),
                    name: name(d),
                };
                m.overlay = Some(Overlay::Ask(Ask {
                    title: "Move to the trash?".into(),
                    question: format!(
                        "Move draft {} to the trash? u brings it back, and so does `quire drafts restore {}`.",
                        t.name, t.id
                    ),
                    action: Action::Trash(t),
                }));
            }
            None => m.status = Some("No draft here to delete.".into()),
        },
        Msg::Undo => match m.trashed.clone() {
            Some(t) => return vec![Effect::Untrash(t)],
            None => m.status = Some("Nothing to undo.".into()),
        },
        Msg::Rename => match ours(m) {
            Ok(d) => {
                let prompt = Prompt::new(PromptKind::Rename, &d.id);
                m.overlay = Some(Overlay::prompt(prompt));
            }
            Err(e) => m.status = Some(e),
        },
        Msg::Versions => match ours(m) {
            Ok(d) => {
                return vec![Effect::ReadVersions {
                    id: d.id.clone(),
                    organization: d.organization.clone(),
                }];
            }
            Err(e) => m.status = Some(e),
        },
        _ => {}
    }
    vec![]
}

/// The rename prompt's answer: the new id, checked by the shell.
pub fn accept_rename(m: &mut Model, value: &str) -> Vec<Effect> {
    let Some(d) = m.drafts.get(m.start_cursor) else {
        m.overlay = None;
        return vec![];
    };
    if value == d.id {
        m.overlay = None;
        m.status = Some(format!("Draft {} keeps its name.", d.id));
        return vec![];
    }
    vec![Effect::Rename {
        from: d.id.clone(),
        to: value.to_owned(),
    }]
}

/// The yes-or-no question answered.
pub fn ask(m: &mut Model, msg: Msg) -> Vec<Effect> {
    if !matches!(msg, Msg::Enter | Msg::Back) {
        return vec![];
    }
    let Some(Overlay::Ask(a)) = m.overlay.take() else {
        return vec![];
    };
    match (msg, a.action) {
        (Msg::Enter, Action::Trash(t)) => vec![Effect::Trash(t)],
        (Msg::Enter, Action::Restore { id, n }) => vec![Effect::RestoreVersion { id, n }],
        (_, Action::Trash(t)) => {
            m.status = Some(format!("Kept draft {}.", t.name));
            vec![]
        }
        (_, Action::Restore { id, .. }) => {
            m.status = Some(format!("Draft {id} is unchanged."));
            vec![]
        }
    }
}

/// The drafts folder after a change: the list as it is now, the cursor on
/// the draft concerned, and what happened in the status.
pub fn changed(
    m: &mut Model,
    outcome: Result<Done, String>,
    drafts: Vec<DraftEntry>,
) -> Vec<Effect> {
    m.drafts = drafts;
    let at = |m: &Model, id: &str| m.drafts.iter().position(|d| d.id == id);
    let cursor = match outcome {
        Err(e) => {
            // A rename refused says why in its prompt, the name there to
            // correct.
            match m.prompt_mut() {
                Some(p) if p.kind == PromptKind::Rename => p.error = Some(e),
                _ => m.status = Some(e),
            }
            None
        }
        Ok(Done::Trashed(t)) => {
            m.status = Some(format!("Moved {} to the trash; u undoes.", t.name));
            m.trashed = Some(t);
            None
        }
        Ok(Done::Untrashed(t)) => {
            m.status = Some(format!("Brought back {} from the trash.", t.name));
            m.trashed = None;
            at(m, &t.id)
        }
        Ok(Done::Renamed { from, to }) => {
            m.overlay = None;
            m.status = Some(format!(
                "Renamed {from} to {to}; its organization and answers are unchanged (open it with `quire open {to}`)."
            ));
            at(m, &to)
        }
        Ok(Done::Restored { id, n }) => {
            m.screen = Screen::Start;
            m.status = Some(format!(
                "Restored version {n} of {id}; the draft it replaced is now version 1 (v lists the versions)."
            ));
            at(m, &id)
        }
    };
    let last = m.drafts.len().saturating_sub(1);
    m.start_cursor = cursor.unwrap_or(m.start_cursor).min(last);
    vec![]
}

/// The versions of a draft, read: the versions screen.
pub fn versions_read(m: &mut Model, result: Result<super::model::Versions, String>) -> Vec<Effect> {
    match result {
        Ok(v) if v.rows.is_empty() => {
            m.status = Some(format!(
                "Draft {} has no earlier versions yet: one is kept each time it is saved whole.",
                v.id
            ));
        }
        Ok(mut v) => {
            // Back from a version: the cursor on it again.
            if let Some(past) = m.session().and_then(|s| s.version.as_ref()) {
                v.cursor = v.rows.iter().position(|r| r.n == past.n).unwrap_or(0);
            }
            m.screen = Screen::Versions(v);
        }
        Err(e) => m.status = Some(e),
    }
    vec![]
}

pub fn versions(m: &mut Model, msg: Msg) -> Vec<Effect> {
    let Screen::Versions(v) = &mut m.screen else {
        return vec![];
    };
    let n = v.rows.len();
    match msg {
        Msg::Up => v.cursor = v.cursor.saturating_sub(1),
        Msg::Down if n > 0 => v.cursor = (v.cursor + 1).min(n - 1),
        Msg::Enter => {
            if let Some(row) = v.rows.get(v.cursor) {
                return vec![Effect::OpenVersion {
                    id: v.id.clone(),
                    n: row.n,
                }];
            }
        }
        Msg::Restore => {
            if let Some(row) = v.rows.get(v.cursor) {
                let question = format!(
                    "Make version {} of {} the current draft? The draft as it is now is kept as a version first, so this can be undone from this list.",
                    row.n, v.id
                );
                m.overlay = Some(Overlay::Ask(Ask {
                    title: "Restore this version?".into(),
                    question,
                    action: Action::Restore {
                        id: v.id.clone(),
                        n: row.n,
                    },
                }));
            }
        }
        Msg::Back => m.screen = Screen::Start,
        _ => {}
    }
    vec![]
}

/// Esc on a past version open read-only: back to its versions.
pub fn leave_version(m: &mut Model) -> Option<Vec<Effect>> {
    let v = &m.session()?.version.as_ref()?.list;
    Some(vec![Effect::ReadVersions {
        id: v.id.clone(),
        organization: v.organization.clone(),
    }])
}
