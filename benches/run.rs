//! `cargo bench`: wall time and peak memory of the default scenario at the sizes the README
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! quotes. A plain timing binary (median of several runs) rather than criterion, because peak
//! memory of the whole process is part of the target.

use std::time::{Duration, Instant};

use care_options::io::parse_scenario;
use care_options::model::{RunControl, RunSettings, Scenario, VectorBuild, run, validate};

/// Median and fastest of several timings. On a machine shared with other work the fastest run is
/// the steadier figure; on a quiet machine the two agree.
fn median_and_min(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0])
}

fn time_runs(scenario: &Scenario, iterations: u64, repeats: usize) -> (Duration, Duration) {
    let settings = RunSettings {
        iterations,
        seed: scenario.seed(),
    };
    let times = (0..repeats)
        .map(|_| {
            let start = Instant::now();
            let results = run(scenario, settings, &RunControl::new());
            let elapsed = start.elapsed();
            assert!(results.is_ok());
            elapsed
        })
        .collect();
    median_and_min(times)
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The default of format version 2 (the model before the whole budget), kept as a test fixture:
/// the speed target is set against it.
const PREVIOUS_DEFAULT: &str = include_str!("../tests/fixtures/v2/default.ron");

/// Times the two scenarios alternately, `repeats` runs each, so that a machine whose speed
/// drifts treats both alike; returns (median, fastest) of each.
fn alternating(
    a: &Scenario,
    b: &Scenario,
    iterations: u64,
    repeats: usize,
) -> ((Duration, Duration), (Duration, Duration)) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for _ in 0..repeats {
        ta.push(time_runs(a, iterations, 1).0);
        tb.push(time_runs(b, iterations, 1).0);
    }
    (median_and_min(ta), median_and_min(tb))
}

fn main() {
    let file = parse_scenario(care_options::DEFAULT_SCENARIO).expect("default scenario parses");
    let scenario = validate(&file).expect("default scenario is valid");
    let previous =
        validate(&parse_scenario(PREVIOUS_DEFAULT).expect("the previous default parses"))
            .expect("the previous default is valid");
    let threads = rayon::current_num_threads();
    println!(
        "default scenario (whole budget): 3 options, 10 years, {} blocks, monthly; {threads} \
         threads; {} builds of the vector loops",
        file.budget.as_ref().map_or(0, |b| b.blocks.len()),
        VectorBuild::widest().name()
    );
    // Warm up the thread pool and caches.
    time_runs(&scenario, 2_000, 3);
    time_runs(&previous, 2_000, 3);
    let ((small, small_min), (old_small, _)) = alternating(&scenario, &previous, 2_000, 21);
    println!(
        "2,000 iterations (live preview): median {:.1} ms (fastest {:.1} ms); the format-2 \
         default {:.1} ms",
        small.as_secs_f64() * 1e3,
        small_min.as_secs_f64() * 1e3,
        old_small.as_secs_f64() * 1e3
    );
    let ((large, large_min), (old_large, _)) = alternating(&scenario, &previous, 100_000, 5);
    println!(
        "100,000 iterations: median {:.3} s (fastest {:.3} s); the format-2 default {:.3} s; \
         ratio {:.2}",
        large.as_secs_f64(),
        large_min.as_secs_f64(),
        old_large.as_secs_f64(),
        large.as_secs_f64() / old_large.as_secs_f64()
    );
    if let Some(mb) = peak_memory_mb() {
        println!("peak resident memory: {mb:.0} MB");
    }
}
