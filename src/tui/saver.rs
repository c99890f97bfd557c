//! Saving on a thread of its own, so that a save (a journal record and its
//! fsync, now and then the whole draft written again) never delays the
//! echo of a key. The wizard sends each save in order; the thread performs
//! them one after the other with the draft's writer, in the order sent, and
//! reports each result back. Quitting waits for the last of them.

use crate::draft::{Draft, DraftWriter, SaveReason};
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;

/// What a save came to: when the draft saved was last changed, or why it
/// could not be saved.
pub type Saved = Result<DateTime<FixedOffset>, String>;

/// Called on the saver's thread with each result, in order.
pub type Report = Box<dyn Fn(Saved) + Send>;

struct Job {
    draft: Box<Draft>,
    why: SaveReason,
}

/// The thread that saves one open draft.
pub struct Saver {
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<JoinHandle<Option<Box<Draft>>>>,
    /// The last draft sent: rescued if the thread is lost.
    last: Option<Box<Draft>>,
    /// Saves sent and not yet reported.
    queued: Arc<AtomicUsize>,
}

impl Saver {
    /// Starts saving with `writer` (which holds the draft's lock until the
    /// saver finishes); `report` hears each result.
    pub fn start(writer: DraftWriter, report: Report) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queued = Arc::new(AtomicUsize::new(0));
        let done = Arc::clone(&queued);
        let thread = std::thread::Builder::new()
            .name("quire-saver".into())
            .spawn(move || {
                let mut writer = writer;
                let mut unsaved = None;
                while let Ok(Job { draft, why }) = queue.recv() {
                    let result = writer
                        .save(&draft, why)
                        .map(|()| draft.updated)
                        .map_err(|e| e.to_string());
                    unsaved = if result.is_ok() { None } else { Some(draft) };
                    report(result);
                    // After the report: whoever sees the count drop finds
                    // the result already sent.
                    done.fetch_sub(1, Ordering::AcqRel);
                }
                unsaved
            })
            .ok();
        Self {
            jobs: Some(jobs),
            thread,
            last: None,
            queued,
        }
    }

    /// Queues a save of `draft`; its result is reported once written.
    pub fn save(&mut self, draft: Box<Draft>, why: SaveReason) -> Result<(), String> {
        self.last = Some(draft.clone());
        let job = Job { draft, why };
        match &self.jobs {
            Some(jobs) if self.thread.is_some() => {
                self.queued.fetch_add(1, Ordering::AcqRel);
                jobs.send(job).map_err(|_| {
                    self.queued.fetch_sub(1, Ordering::AcqRel);
                    "the saving thread stopped".to_owned()
                })
            }
            _ => Err("the saving thread could not be started".to_owned()),
        }
    }

    /// Whether a save sent is not reported yet.
    pub fn busy(&self) -> bool {
        // A thread that died reports nothing more.
        self.queued.load(Ordering::Acquire) > 0
            && self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Waits for every queued save to be written (or to fail), then lets
    /// the draft go. Returns the draft if its last save failed, for the
    /// caller to rescue.
    pub fn finish(mut self) -> Option<Box<Draft>> {
        self.jobs = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(unsaved)) => unsaved,
            // The thread died (or never ran): what it was given may not be
            // on disk.
            Some(Err(_)) | None => self.last.take(),
        }
    }
}

impl Drop for Saver {
    /// A saver let go without [`Saver::finish`] (the wizard unwinding
    /// from a panic) still writes what it was given before the process
    /// ends.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{DraftId, DraftStore};
    use crate::questionnaire::Questionnaire;

    fn draft(q: &Questionnaire, answer: &str, minute: u32) -> Box<Draft> {
        let t =
            chrono::DateTime::parse_from_rfc3339(&format!("2031-02-03T04:{minute:02}:00+00:00"))
                .expect("time");
        let mut d = Draft::new(DraftId::parse("saver-0001").expect("id"), q, t);
        d.answers
            .header
            .insert("organization".into(), "Saver".into());
        d.answers.set(
            crate::answers::FieldKey::main("q8"),
            crate::answers::Value::Text(answer.to_owned()),
        );
        Box::new(d)
    }

    fn writer(store: &DraftStore, first: &Draft) -> DraftWriter {
        let lock = store.lock(&first.id).expect("lock");
        DraftWriter::create(store, lock, first, SaveReason::Create).expect("created")
    }

    #[test]
    fn saves_are_written_and_reported_in_the_order_sent_and_finish_waits_for_the_last() {
        let tmp = tempfile::tempdir().expect("tmp");
        let store = DraftStore::open(tmp.path()).expect("store");
        let q = Questionnaire::builtin().expect("valid");
        let first = draft(&q, "0", 0);
        let (tx, results) = mpsc::channel();
        let mut saver = Saver::start(
            writer(&store, &first),
            Box::new(move |r| tx.send(r).expect("test listening")),
        );
        // Each save extends the answer: a record written out of order
        // would leave a shorter answer on disk, or fail to apply.
        let mut answer = String::new();
        for i in 1..=40u32 {
            answer.push_str(&format!(" {i}"));
            let why = if i % 7 == 0 {
                SaveReason::Field
            } else {
                SaveReason::Pause
            };
            saver.save(draft(&q, &answer, i), why).expect("queued");
        }
        // No waiting before finishing: finishing is what waits.
        assert!(saver.finish().is_none(), "every save succeeded");
        let reported: Vec<Saved> = results.try_iter().collect();
        let expected: Vec<Saved> = (1..=40u32).map(|i| Ok(draft(&q, "", i).updated)).collect();
        assert_eq!(reported, expected);
        let on_disk = store.load(&first.id).expect("loads");
        assert_eq!(on_disk.answers, draft(&q, &answer, 40).answers);
    }

    #[test]
    fn a_failed_last_save_is_reported_and_handed_back_for_rescue() {
        let tmp = tempfile::tempdir().expect("tmp");
        let store = DraftStore::open(tmp.path()).expect("store");
        let q = Questionnaire::builtin().expect("valid");
        let first = draft(&q, "first", 0);
        let (tx, results) = mpsc::channel();
        // The saver's thread holds here after its first result, until the
        // test has broken the draft file.
        let (go_tx, go) = mpsc::channel::<()>();
        let go = std::sync::Mutex::new(go);
        let mut saver = Saver::start(
            writer(&store, &first),
            Box::new(move |r| {
                tx.send(r).expect("test listening");
                let _ = go.lock().expect("lock").recv();
            }),
        );
        saver
            .save(draft(&q, "second", 1), SaveReason::Pause)
            .expect("queued");
        assert_eq!(
            results.recv().expect("first result"),
            Ok(draft(&q, "", 1).updated)
        );
        // Someone replaces the draft with something unreadable: the next
        // save must not write over it blindly, and fails.
        std::fs::write(store.path(&first.id), "this is = not [a draft").expect("break");
        saver
            .save(draft(&q, "third", 2), SaveReason::Pause)
            .expect("queued");
        go_tx.send(()).expect("thread waiting");
        drop(go_tx);
        let unsaved = saver.finish().expect("the last save failed");
        assert_eq!(unsaved.answers, draft(&q, "third", 2).answers);
        let reported: Vec<Saved> = results.try_iter().collect();
        assert!(
            matches!(reported.as_slice(), [Err(_)]),
            "the failure is reported: {reported:?}"
        );
    }
}
