//! One frame of the editor, on the CPU: egui runs the real app
//! (`ArchdeskApp::frame_ui`, with its menu, outline, inspector, problems
//! panel and canvas) in a 1400 × 900 window and tessellates what it drew,
//! as eframe does before handing triangles to the GPU (not timed here).
//!
//! The canvas shows one view of 200, 1,000 or 5,000 elements with 1.5 times
//! as many arrows (`archdesk::generate::single_view`), every element placed
//! (nothing waits for a layout), after a few warm-up frames: the steady
//! state. Two cameras: fit to screen, and 100 % while the view pans under a
//! stream of scroll-wheel events (back and forth, so it stays over the
//! diagram). Targets: a median frame of at most 1 ms at 200 elements,
//! 4 ms at 5,000 and 8 ms at 20,000.
//!
//! Latency of an edit (`edit/…`): on a 10,000-element model
//! (`archdesk::generate::model`, its first containers view open and one of
//! its elements selected), a rename as the inspector sends it and a move
//! of that element by one grid step as a drag sends it, each timed from
//! the command to the end of the next finished frame: the frame that
//! applies it (at its end, as the app does) and the one that draws the
//! result. Target: a median of at most 16 ms. `rename-reviewed` waits,
//! before that second frame, for the review thread's findings of the
//! renamed model: the time until the problems panel is up to date.

mod support;

use std::hint::black_box;

use archdesk::generate;
use archdesk::model::Edit;
use archdesk::ui::ArchdeskApp;
use archdesk::ui::commands::{AppCommand, Command};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase};

const SEED: u64 = 2024;
/// The window, in points (pixels at 100 %).
const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);
/// A point over the canvas (between the outline and the inspector).
const OVER_CANVAS: Pos2 = egui::pos2(700.0, 420.0);

/// The editor without a window: an egui context and the app.
struct Editor {
    ctx: egui::Context,
    app: ArchdeskApp,
    frame: u64,
}

impl Editor {
    fn new(elements: usize) -> Self {
        Self::on(generate::single_view(SEED, elements))
    }

    /// The editor on a model, on its default view.
    fn on(doc: archdesk::model::Document) -> Self {
        let ctx = egui::Context::default();
        ctx.set_theme(egui::Theme::Light);
        let mut app = ArchdeskApp::with_settings(Default::default(), false);
        app.show_document(doc);
        let mut editor = Self { ctx, app, frame: 0 };
        // The pointer rests over the canvas; the scene gets built and cached.
        editor.frame(vec![Event::PointerMoved(OVER_CANVAS)]);
        for _ in 0..4 {
            editor.frame(Vec::new());
        }
        editor
    }

    /// Runs one frame with these input events and tessellates it; returns
    /// the number of meshes, so nothing is optimised away.
    fn frame(&mut self, events: Vec<Event>) -> usize {
        self.frame += 1;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, WINDOW)),
            time: Some(self.frame as f64 / 60.0),
            predicted_dt: 1.0 / 60.0,
            events,
            ..RawInput::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let shapes = std::mem::take(&mut output.shapes);
        let meshes = self.ctx.tessellate(shapes, output.pixels_per_point);
        output.drop_without_applying_deltas();
        meshes.len()
    }

    /// A few quiet frames (a camera change animates nothing, but lets the
    /// canvas settle).
    fn settle(&mut self) {
        for _ in 0..3 {
            self.frame(Vec::new());
        }
    }
}

/// A scroll-wheel step: right and down for 60 frames, then back.
fn wheel(frame: u64) -> Event {
    let sign = if (frame / 60).is_multiple_of(2) {
        -1.0
    } else {
        1.0
    };
    Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: egui::vec2(12.0, 8.0) * sign,
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    }
}

fn frames(c: &mut Criterion) {
    let sizes: &[usize] = if support::measuring() {
        &[200, 1000, 5000, 20000]
    } else {
        &[200]
    };
    let mut group = c.benchmark_group("canvas");
    group.sample_size(30);
    for &n in sizes {
        let mut editor = Editor::new(n);
        editor.app.canvas.request_fit();
        editor.settle();
        group.bench_with_input(BenchmarkId::new("fit", n), &n, |b, _| {
            b.iter(|| black_box(editor.frame(Vec::new())));
        });
        editor.app.canvas.zoom_to(1.0);
        editor.settle();
        group.bench_with_input(BenchmarkId::new("pan-100%", n), &n, |b, _| {
            b.iter(|| {
                let event = wheel(editor.frame);
                black_box(editor.frame(vec![event]))
            });
        });
    }
    group.finish();
}

/// From an edit to the end of the next finished frame, on a big model.
fn edits(c: &mut Criterion) {
    let elements = if support::measuring() { 10_000 } else { 300 };
    let mut editor = Editor::on(generate::model(SEED, elements));
    // Wait for the view's layout (the worker) so every frame is the steady one.
    for _ in 0..1000 {
        if !editor.app.canvas.visible_ids().is_empty() {
            break;
        }
        editor.frame(Vec::new());
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    editor.settle();
    let id = editor
        .app
        .canvas
        .visible_ids()
        .into_iter()
        .find(|id| editor.app.doc.container(id).is_some())
        .expect("a container in sight");
    editor.app.push(AppCommand::Select(vec![id.clone()]));
    editor.settle();
    let mut group = c.benchmark_group("edit");
    group.sample_size(30);
    // Typing in the Name field: one letter more, one letter less.
    let mut n = 0_u64;
    let rename = |editor: &mut Editor, n: &mut u64| {
        *n += 1;
        let mut item = editor.app.doc.item(&id).expect("there").to_owned();
        item.set_name(if n.is_multiple_of(2) {
            "Orders"
        } else {
            "Orders 2"
        });
        editor.app.push(AppCommand::EditMerge {
            edit: Edit::Replace { item },
            label: "Edit container".into(),
            key: Some("bench rename".into()),
        });
        editor.frame(Vec::new());
    };
    group.bench_with_input(BenchmarkId::new("rename", elements), &elements, |b, _| {
        b.iter(|| {
            rename(&mut editor, &mut n);
            black_box(editor.frame(Vec::new()))
        });
    });
    // The same, until the problems panel shows the findings of the renamed
    // model (the review runs on its own thread).
    group.bench_with_input(
        BenchmarkId::new("rename-reviewed", elements),
        &elements,
        |b, _| {
            b.iter(|| {
                rename(&mut editor, &mut n);
                editor.app.wait_for_findings();
                black_box(editor.frame(Vec::new()))
            });
        },
    );
    editor.app.push(AppCommand::EndGesture);
    editor.settle();
    // A one-step move of the element (the arrow keys), right then left.
    let mut step = 0_u64;
    group.bench_with_input(BenchmarkId::new("move", elements), &elements, |b, _| {
        b.iter(|| {
            step += 1;
            let nudge = if step.is_multiple_of(2) {
                Command::NudgeRight
            } else {
                Command::NudgeLeft
            };
            editor.app.push(AppCommand::Run(nudge));
            editor.frame(Vec::new());
            black_box(editor.frame(Vec::new()))
        });
    });
    group.finish();
}

criterion_group!(benches, frames, edits);
criterion_main!(benches);
