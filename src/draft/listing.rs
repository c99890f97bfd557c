//! The drafts folder as the front ends list it: the drafts of the
//! questionnaire in use, the drafts of other questionnaires apart (they
//! are fine drafts, only not for this one), and the files that cannot be
//! read, with the reason.

use super::exports::Exported;
use super::{Draft, DraftError, DraftStore, Listed};

/// A draft in a listing, with its last export.
#[derive(Debug)]
pub struct Entry {
    pub draft: Draft,
    pub exported: Option<Exported>,
}

/// Every draft of the folder, grouped.
#[derive(Debug, Default)]
pub struct Listing {
    /// Drafts of the questionnaire in use, by id.
    pub ours: Vec<Entry>,
    /// Drafts of other questionnaires, by questionnaire id then draft id.
    pub others: Vec<Entry>,
    /// Files that cannot be read: their id (file name) and why.
    pub unreadable: Vec<(String, DraftError)>,
}

impl Listing {
    pub fn is_empty(&self) -> bool {
        self.ours.is_empty() && self.others.is_empty() && self.unreadable.is_empty()
    }
}

impl DraftStore {
    /// The drafts of the folder, grouped by whether they answer the
    /// questionnaire `questionnaire` (its id).
    pub fn listing(&self, questionnaire: &str) -> Result<Listing, DraftError> {
        let mut out = Listing::default();
        for listed in self.list()? {
            match listed {
                Listed::Draft(d) => {
                    let exported = self.exported(&d.id, &d.answers);
                    let entry = Entry {
                        draft: *d,
                        exported,
                    };
                    if entry.draft.answers_questionnaire(questionnaire) {
                        out.ours.push(entry);
                    } else {
                        out.others.push(entry);
                    }
                }
                Listed::Unreadable { id, error } => out.unreadable.push((id, error)),
            }
        }
        out.others
            .sort_by(|a, b| a.draft.questionnaire.id.cmp(&b.draft.questionnaire.id));
        Ok(out)
    }
}
