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
//! diagram). Targets: a median frame of at most 1 ms at 200 elements and
//! 4 ms at 5,000.

mod support;

use std::hint::black_box;

use archdesk::generate;
use archdesk::ui::ArchdeskApp;
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
        let ctx = egui::Context::default();
        ctx.set_theme(egui::Theme::Light);
        let mut app = ArchdeskApp::with_settings(Default::default(), false);
        app.doc = generate::single_view(SEED, elements);
        app.generation += 1;
        app.current_view = app.doc.views.first().map(|v| v.id.clone());
        app.selection.clear();
        app.canvas = Default::default();
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
        &[200, 1000, 5000]
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

criterion_group!(benches, frames);
criterion_main!(benches);
