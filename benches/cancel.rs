//! `cargo bench --bench cancel`: how long a run takes to stop after Cancel, the worst case over
//! cancels spread across the whole run (the draws and the statistics after them), for the default
//! scenario at 1,000,000 iterations and for a 30-year scenario with twelve options.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use care_options::io::parse_scenario;
use care_options::model::{
    RunControl, RunError, RunSettings, Scenario, ScenarioFile, run, validate,
};

/// Points in the draws, as shares of their uncancelled duration, at which Cancel is pressed.
const DRAWS_AT: [f64; 6] = [0.05, 0.25, 0.5, 0.7, 0.85, 0.95];
/// Points in the statistics after the draws, as shares of their uncancelled duration.
const STATISTICS_AT: [f64; 10] = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

fn default_file() -> ScenarioFile {
    parse_scenario(care_options::DEFAULT_SCENARIO).expect("default scenario parses")
}

/// The default scenario over 30 years with each of its options four times over.
fn large_file() -> ScenarioFile {
    let mut file = default_file();
    file.horizon_years = 30;
    let originals = file.options.clone();
    for copy in 2..=4 {
        for o in &originals {
            let mut o = o.clone();
            o.name = format!("{} {copy}", o.name);
            file.options.push(o);
        }
    }
    file
}

/// When Cancel is pressed: so long after the run starts, or so long after its draws end (the
/// second lands in the statistics however long the draws took this time).
#[derive(Clone, Copy)]
enum Press {
    AfterStart(Duration),
    AfterDraws(Duration),
}

/// Cancels a run at `press`; returns how long it took to stop and whether the draws were still
/// under way (rather than the statistics after them), or None if it had finished first.
fn latency(scenario: &Scenario, settings: RunSettings, press: Press) -> Option<(Duration, bool)> {
    let control = RunControl::new();
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let r = run(scenario, settings, &control);
            (Instant::now(), r)
        });
        match press {
            Press::AfterStart(after) => std::thread::sleep(after),
            Press::AfterDraws(after) => {
                while control.done() < settings.iterations && !worker.is_finished() {
                    std::thread::sleep(Duration::from_micros(200));
                }
                std::thread::sleep(after);
            }
        }
        let drawing = control.done() < settings.iterations;
        let pressed = Instant::now();
        control.cancel();
        let (stopped, result) = worker.join().unwrap();
        match result {
            Err(RunError::Cancelled) => Some((stopped.saturating_duration_since(pressed), drawing)),
            Ok(_) => None,
            Err(e) => panic!("{e}"),
        }
    })
}

/// "at most 12.3 ms (median 4.5 ms, 6 cancels)".
fn describe(mut v: Vec<Duration>) -> String {
    v.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1e3;
    match (v.last(), v.get(v.len() / 2)) {
        (Some(worst), Some(median)) => format!(
            "at most {:.1} ms (median {:.1} ms, {} cancels)",
            ms(worst),
            ms(median),
            v.len()
        ),
        _ => "no cancel landed there".to_string(),
    }
}

/// An uncancelled run's duration, and when its draws ended (the statistics take the rest).
fn timings(scenario: &Scenario, settings: RunSettings) -> (Duration, Duration) {
    let control = RunControl::new();
    let start = Instant::now();
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            run(scenario, settings, &control).unwrap();
            start.elapsed()
        });
        while control.done() < settings.iterations && !worker.is_finished() {
            std::thread::sleep(Duration::from_micros(200));
        }
        let draws = start.elapsed();
        (worker.join().unwrap(), draws)
    })
}

fn measure(what: &str, file: &ScenarioFile, iterations: u64) {
    let scenario = validate(file).unwrap();
    let settings = RunSettings {
        iterations,
        seed: 1,
    };
    let (full, draws_end) = timings(&scenario, settings);
    let statistics_time = full.saturating_sub(draws_end);
    let points = DRAWS_AT
        .iter()
        .map(|s| Press::AfterStart(draws_end.mul_f64(*s)))
        .chain(
            STATISTICS_AT
                .iter()
                .map(|s| Press::AfterDraws(statistics_time.mul_f64(*s))),
        );
    let mut draws = Vec::new();
    let mut statistics = Vec::new();
    for press in points {
        match latency(&scenario, settings, press) {
            Some((l, true)) => draws.push(l),
            Some((l, false)) => statistics.push(l),
            None => {}
        }
    }
    println!(
        "{what}, {iterations} iterations (uncancelled run {:.2} s, of which statistics {:.2} s): \
         a cancel during the draws stops it {}; during the statistics {}",
        full.as_secs_f64(),
        statistics_time.as_secs_f64(),
        describe(draws),
        describe(statistics)
    );
}

fn main() {
    println!("{} threads", rayon::current_num_threads());
    measure(
        "default scenario (3 options, 10 years)",
        &default_file(),
        1_000_000,
    );
    measure("12 options, 30 years", &large_file(), 250_000);
}
