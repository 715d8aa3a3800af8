//! `cargo bench --bench cancel`: how long a run takes to stop after Cancel, the worst case over
//! cancels spread across the whole run (the draws and the statistics after them), for the default
//! scenario at 1,000,000 iterations and for a 30-year scenario with twelve options.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use care_options::io::parse_scenario;
use care_options::model::{
    RunControl, RunError, RunSettings, Scenario, ScenarioFile, run, validate,
};

/// Points in the run, as shares of its uncancelled duration, at which Cancel is pressed.
const CANCEL_AT: [f64; 9] = [0.05, 0.25, 0.5, 0.7, 0.8, 0.86, 0.9, 0.94, 0.97];

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

/// Cancels a run `after` its start; returns how long it took to stop and whether the draws were
/// still under way (rather than the statistics after them), or None if it had finished first.
fn latency(
    scenario: &Scenario,
    settings: RunSettings,
    after: Duration,
) -> Option<(Duration, bool)> {
    let control = RunControl::new();
    std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let r = run(scenario, settings, &control);
            (Instant::now(), r)
        });
        std::thread::sleep(after);
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

fn measure(what: &str, file: &ScenarioFile, iterations: u64) {
    let scenario = validate(file).unwrap();
    let settings = RunSettings {
        iterations,
        seed: 1,
    };
    let start = Instant::now();
    run(&scenario, settings, &RunControl::new()).unwrap();
    let full = start.elapsed();
    let mut draws = Vec::new();
    let mut statistics = Vec::new();
    for share in CANCEL_AT {
        match latency(&scenario, settings, full.mul_f64(share)) {
            Some((l, true)) => draws.push(l),
            Some((l, false)) => statistics.push(l),
            None => {}
        }
    }
    println!(
        "{what}, {iterations} iterations (uncancelled run {:.2} s): a cancel during the draws \
         stops it {}; during the statistics {}",
        full.as_secs_f64(),
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
