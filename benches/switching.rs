//! `cargo bench --bench switching`: wall time of the switching values of the default scenario,
//! ten inputs for each of its two options other than the baseline at 10,000 iterations (the
//! target is 2 s on the 2-core development machine), and of the swings of the tornado in pounds
//! that go with them. A plain timing binary, like `run`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use care_options::io::parse_scenario;
use care_options::model::swing::swings;
use care_options::model::switching::{SWITCHING_TOP, switching_values};
use care_options::model::{RunControl, RunSettings, run, validate};

fn main() {
    let file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
    let scenario = validate(&file).unwrap();
    let settings = RunSettings {
        iterations: 10_000,
        seed: scenario.seed(),
    };
    let start = Instant::now();
    let results = run(&scenario, settings, &RunControl::new()).unwrap();
    let run_time = start.elapsed();
    let repeats = 3;
    let mut times: Vec<Duration> = Vec::new();
    let mut last = Vec::new();
    for _ in 0..repeats {
        let start = Instant::now();
        last = switching_values(&scenario, &results, SWITCHING_TOP, &RunControl::new()).unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    let runs: usize = last.iter().map(|v| v.runs).sum();
    println!(
        "switching values, default scenario, 10,000 iterations: {} inputs over {} options, {} \
         runs; median {:.2} s, fastest {:.2} s (target 2 s); the run explained took {:.2} s",
        last.len(),
        results.options.len() - 1,
        runs,
        times[times.len() / 2].as_secs_f64(),
        times[0].as_secs_f64(),
        run_time.as_secs_f64(),
    );
    let start = Instant::now();
    let swung = swings(&scenario, &results, SWITCHING_TOP, &RunControl::new()).unwrap();
    println!(
        "swings (tornado in £m), same run: {} option-input pairs in {:.2} s",
        swung.len(),
        start.elapsed().as_secs_f64()
    );
    for v in &last {
        println!(
            "  {:<28} {:<60} central {:>12.4} zero mean {:>14} even chance {:>14} ({} runs)",
            v.option,
            v.input,
            v.central,
            v.zero_mean_difference
                .map_or("none".to_string(), |x| format!("{x:.4}")),
            v.even_chance
                .map_or("none".to_string(), |x| format!("{x:.4}")),
            v.runs
        );
    }
}
