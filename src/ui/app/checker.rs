//! The review on its own thread, so that an edit in a big model never waits
//! for it: the thread keeps a copy of the document in step by replaying
//! the edits the editor applies ([`crate::model::History::take_applied`]),
//! checks after each batch, and sends the findings back tagged with the
//! document generation they are for. Moving elements changes no finding
//! (no rule reads positions), so a batch of moves only re-tags the last
//! findings. The copy is made once per opened document; if the thread
//! cannot be started or stops, the check runs on the UI thread instead.

use std::sync::mpsc::{Receiver, Sender, channel};

use crate::check::{self, Finding};
use crate::model::{Document, Edit};
use crate::ui::problems;

/// What the thread is asked to do.
enum Job {
    /// Check this document from now on.
    Reset(Box<Document>, u64),
    /// Apply these edits to the copy; the document is then at this generation.
    Edits(Vec<Edit>, u64),
}

/// The findings of one generation of the document.
pub(super) struct Checked {
    pub generation: u64,
    pub findings: Vec<Finding>,
    /// [`problems::finding_names`] of the findings.
    pub names: Vec<String>,
}

/// The editor's side of the review thread.
pub(super) struct Checker {
    worker: Option<(Sender<Job>, Receiver<Checked>)>,
    /// The generation the thread's copy is at (or will be, once it has
    /// read what was sent); `None` before the first document.
    synced: Option<u64>,
    /// The generation of the last findings received.
    received: Option<u64>,
}

impl Checker {
    pub fn new() -> Self {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, results) = channel::<Checked>();
        let spawned = std::thread::Builder::new()
            .name("archdesk-check".into())
            .spawn(move || run(&inbox, &outbox));
        Self {
            worker: spawned.ok().map(|_| (jobs, results)),
            synced: None,
            received: None,
        }
    }

    /// Brings the thread's copy to `generation`: by the edits applied since
    /// it was last told, or, when those do not lead there (a new document),
    /// by a copy. Returns false when there is no thread to tell.
    pub fn sync(&mut self, doc: &Document, generation: u64, edits: Vec<Edit>) -> bool {
        let Some((jobs, _)) = &self.worker else {
            return false;
        };
        if self.synced == Some(generation) && edits.is_empty() {
            return true;
        }
        let job = match self.synced {
            Some(_) if !edits.is_empty() => Job::Edits(edits, generation),
            _ => Job::Reset(Box::new(doc.clone()), generation),
        };
        if jobs.send(job).is_err() {
            self.worker = None;
            return false;
        }
        self.synced = Some(generation);
        true
    }

    /// Says the document was replaced: the next sync sends a copy.
    pub fn forget(&mut self) {
        self.synced = None;
    }

    /// The newest findings the thread has sent, if any; `wait` blocks until
    /// those of `generation` arrive (tests and benchmarks, which step
    /// frames faster than a check runs).
    pub fn latest(&mut self, generation: u64, wait: bool) -> Option<Checked> {
        let (_, results) = self.worker.as_ref()?;
        let mut newest: Option<Checked> = None;
        loop {
            let have = newest.as_ref().map(|c| c.generation).or(self.received);
            let next = if wait && have != Some(generation) {
                results
                    .recv_timeout(std::time::Duration::from_secs(120))
                    .ok()
            } else {
                results.try_recv().ok()
            };
            match next {
                Some(c) => newest = Some(c),
                None => break,
            }
        }
        if let Some(c) = &newest {
            self.received = Some(c.generation);
        }
        newest
    }
}

/// The thread: waits for jobs, applies all that are waiting, checks.
fn run(inbox: &Receiver<Job>, outbox: &Sender<Checked>) {
    let mut doc = Document::default();
    let mut last: Option<(Vec<Finding>, Vec<String>)> = None;
    while let Ok(first) = inbox.recv() {
        let mut generation = 0;
        let mut changed = false;
        for job in std::iter::once(first).chain(inbox.try_iter()) {
            match job {
                Job::Reset(d, g) => {
                    doc = *d;
                    generation = g;
                    changed = true;
                }
                Job::Edits(edits, g) => {
                    for edit in edits {
                        changed |= !only_moves(&edit);
                        // Replays what applied on the editor's copy.
                        let _ = edit.apply(&mut doc);
                    }
                    generation = g;
                }
            }
        }
        let (findings, names) = match last.take() {
            Some(same) if !changed => same,
            _ => {
                let findings = check::check(&doc);
                let names = problems::finding_names(&doc, &findings);
                (findings, names)
            }
        };
        let sent = outbox.send(Checked {
            generation,
            findings: findings.clone(),
            names: names.clone(),
        });
        if sent.is_err() {
            return;
        }
        last = Some((findings, names));
    }
}

/// Whether an edit only moves elements in views (which no rule reads).
fn only_moves(edit: &Edit) -> bool {
    match edit {
        Edit::Move { .. } => true,
        Edit::Batch(edits) => edits.iter().all(only_moves),
        _ => false,
    }
}
