//! `cargo bench --bench frame`: the cost of one window frame with every chart on screen, on the
//! results of 100,000 iterations of the default scenario. A frame here is the app's layout and
//! plotting (`Context::run_ui`) plus tessellation into triangles: everything but the GPU upload,
//! which a real window adds on top.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use care_options::app::{CareOptionsApp, Command};

/// Tall enough that the summary and all nine charts are on screen at once.
const SCREEN: [f32; 2] = [1600.0, 4200.0];
const ITERATIONS: i64 = 100_000;

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(SCREEN[0], SCREEN[1]),
        )),
        ..Default::default()
    }
}

fn main() {
    let mut app = CareOptionsApp::new();
    app.scenario_mut().simulation.iterations = ITERATIONS;
    let ctx = egui::Context::default();
    let frames_until =
        |app: &mut CareOptionsApp, what: &str, done: &dyn Fn(&CareOptionsApp) -> bool| {
            let start = Instant::now();
            while !done(app) {
                let _ = ctx.run_ui(input(), |ui| app.show(ui));
                assert!(
                    start.elapsed() < Duration::from_secs(120),
                    "{what} did not finish"
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        };
    // The edit above starts a preview; let it finish, then ask for the full run.
    frames_until(&mut app, "the preview", &|a| {
        a.shown().is_some() && !a.is_running()
    });
    app.push(Command::RunFull);
    frames_until(&mut app, "the full run", &|a| {
        a.shown()
            .is_some_and(|f| f.settings.iterations == ITERATIONS as u64)
            && !a.is_running()
    });
    // Settle layout (first frames size the panels).
    for _ in 0..5 {
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
    }

    let out = ctx.run_ui(input(), |ui| app.show(ui));
    let vertices: usize = ctx
        .tessellate(out.shapes, out.pixels_per_point)
        .iter()
        .map(|p| match &p.primitive {
            egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
            egui::epaint::Primitive::Callback(_) => 0,
        })
        .sum();
    println!("a frame draws {vertices} vertices");

    let mut times: Vec<Duration> = (0..60)
        .map(|_| {
            let t = Instant::now();
            let out = ctx.run_ui(input(), |ui| app.show(ui));
            let primitives = ctx.tessellate(out.shapes, out.pixels_per_point);
            assert!(!primitives.is_empty());
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "one frame, every chart on screen ({}x{} points), 100,000 iterations: median {:.1} ms, slowest of 60 {:.1} ms",
        SCREEN[0],
        SCREEN[1],
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}
