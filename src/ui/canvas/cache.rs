//! The scene of the current view, cached until the document or an
//! automatic layout changes, and the layout worker: the same steps as the
//! SVG export ([`crate::diagram::scene_with`]), with the layout of elements that
//! have no saved position on the `archdesk-layout` thread.

use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::Receiver;
use std::time::Instant;

use egui::{Rect, pos2};

use super::{CanvasContext, CanvasState};
use crate::check::Severity;
use crate::diagram::{ContentsLookup, Draft, LayoutInput, Positions, Scene};
use crate::model::{Id, Point, View};
use crate::ui::commands::AppCommand;

/// A layout job on the worker thread.
pub(super) struct LayoutJob {
    view: Id,
    key: u64,
    /// Save the result in the model (Auto-arrange) rather than just show it.
    commit: bool,
    rx: Receiver<Positions>,
    started: Instant,
}

/// The cached scene of the current view, with what painting it needs from
/// the document, so that a frame does not look anything up there.
pub(super) struct Cached {
    pub view: Id,
    generation: u64,
    auto_version: u64,
    pub scene: Scene,
    /// The name shown for each node of the scene, in scene order.
    pub names: Vec<String>,
    /// Each edge's bounding box in the scene, grown by 40 (its label and
    /// arrowhead stay inside), in scene order.
    pub edge_boxes: Vec<Rect>,
    /// The badge of each node (its worst finding), in scene order, made
    /// again when the findings change.
    pub badges: Vec<Option<Severity>>,
    findings_version: u64,
}

impl CanvasState {
    /// How long the layout on the worker thread has run, if one runs.
    pub(super) fn layout_running(&self) -> Option<std::time::Duration> {
        self.job.as_ref().map(|j| j.started.elapsed())
    }

    /// Waits for the layout running on the worker thread, if any, and
    /// leaves its result for the next frame to take, as it would once the
    /// worker is done: UI tests step frames far faster than a busy machine
    /// lays out.
    #[cfg(test)]
    pub(in crate::ui) fn finish_layout(&mut self) {
        if let Some(job) = &mut self.job
            && let Ok(positions) = job.rx.recv_timeout(std::time::Duration::from_secs(120))
        {
            let (tx, rx) = std::sync::mpsc::channel();
            let _ = tx.send(positions);
            job.rx = rx;
        }
    }
}

/// The scene for the view: cached per document generation; starts layout
/// for elements without positions on the worker thread.
pub(super) fn scene_for(
    st: &mut CanvasState,
    cx: &CanvasContext<'_>,
    view: &View,
) -> Option<Cached> {
    // The scene only changes with the document or a new automatic layout.
    if let Some(mut c) = st.cached.take()
        && c.view == view.id
        && c.generation == cx.generation
        && c.auto_version == st.auto_version
    {
        if c.findings_version != cx.findings_version {
            c.badges = badges(&c.scene, cx);
            c.findings_version = cx.findings_version;
        }
        return Some(c);
    }
    // The same steps as the SVG export ([`crate::diagram::scene_with`]), with the
    // layout on the worker thread when something has no saved position.
    let lookup = ContentsLookup::new(cx.doc);
    let draft = Draft::new(&lookup, view).ok()?;
    let input = draft.layout_input(&view.positions);
    let positions = if input.all_saved() {
        input.run()
    } else {
        let key = input.key();
        match st.auto.get(&view.id) {
            Some((k, p)) if *k == key => p.clone(),
            other => {
                let previous = other.map(|(_, p)| p.clone());
                start_layout(st, &view.id, input, key, false);
                // While the worker runs, show the last layout with the saved
                // positions on top (a drag moves at once).
                let mut p = previous?;
                for (id, at) in &view.positions {
                    p.nodes.insert(id.clone(), *at);
                }
                p
            }
        }
    };
    let scene = draft.scene(cx.doc, view, &positions);
    let index = cx.doc.index();
    let names = scene
        .nodes
        .iter()
        .map(|n| {
            index
                .item(&n.id)
                .map_or_else(|| n.id.clone(), |i| i.label().to_owned())
        })
        .collect();
    let badges = badges(&scene, cx);
    let edge_boxes = scene
        .edges
        .iter()
        .map(|e| {
            Rect::from_points(&e.points.iter().map(|p| pos2(p.x, p.y)).collect::<Vec<_>>())
                .expand(40.0)
        })
        .collect();
    Some(Cached {
        view: view.id.clone(),
        generation: cx.generation,
        auto_version: st.auto_version,
        scene,
        names,
        edge_boxes,
        badges,
        findings_version: cx.findings_version,
    })
}

/// The worst finding of each node of the scene, in scene order.
fn badges(scene: &Scene, cx: &CanvasContext<'_>) -> Vec<Option<Severity>> {
    let mut worst: HashMap<&str, Severity> = HashMap::new();
    for f in cx.findings {
        let e = worst.entry(f.element.as_str()).or_insert(f.severity);
        if f.severity < *e {
            *e = f.severity;
        }
    }
    scene
        .nodes
        .iter()
        .map(|n| worst.get(n.id.as_str()).copied())
        .collect()
}

/// Runs `input` on the worker thread, unless that job is running already.
pub(super) fn start_layout(
    st: &mut CanvasState,
    view: &Id,
    input: LayoutInput,
    key: u64,
    commit: bool,
) {
    if st
        .job
        .as_ref()
        .is_some_and(|j| j.view == *view && j.key == key && j.commit == commit)
    {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("archdesk-layout".into())
        .spawn(move || {
            let _ = tx.send(input.run());
        });
    if spawned.is_err() {
        // No thread to be had: the view keeps its last layout until the
        // next change asks again.
        return;
    }
    st.job = Some(LayoutJob {
        view: view.clone(),
        key,
        commit,
        rx,
        started: Instant::now(),
    });
}

pub(super) fn poll_layout(st: &mut CanvasState, cx: &CanvasContext<'_>, out: &mut Vec<AppCommand>) {
    if let Some(view) = st.arrange.take()
        && let Some(v) = cx.doc.view(&view)
    {
        // Auto-arrange: everything laid out afresh, nothing pinned.
        let lookup = ContentsLookup::new(cx.doc);
        if let Ok(draft) = Draft::new(&lookup, v) {
            let input = draft.layout_input(&BTreeMap::new());
            let key = input.key();
            start_layout(st, &view, input, key, true);
        }
    }
    let Some(job) = &st.job else { return };
    match job.rx.try_recv() {
        Ok(positions) => {
            let job = st.job.take();
            let Some(job) = job else { return };
            if job.commit {
                let moves: Vec<(Id, Option<Point>)> = positions
                    .nodes
                    .iter()
                    .map(|(id, p)| (id.clone(), Some(*p)))
                    .collect();
                out.push(AppCommand::Edit {
                    edit: crate::model::Edit::Move {
                        view: job.view.clone(),
                        positions: moves,
                    },
                    label: "Auto-arrange".into(),
                });
                st.fit_requested = true;
            } else {
                st.auto.insert(job.view, (job.key, positions));
                st.auto_version += 1;
            }
        }
        Err(std::sync::mpsc::TryRecvError::Empty) => {}
        Err(std::sync::mpsc::TryRecvError::Disconnected) => st.job = None,
    }
}
