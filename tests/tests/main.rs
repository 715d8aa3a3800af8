//! The integration tests, one binary (`cargo test --test tests`), one module per subject: the
//! model against hand-worked figures (the team model and the whole-budget model), distributions
//! against their analytic moments,
//! reproducibility, every shipped scenario, bad input and fuzzing, property tests, the real
//! executable, the reports, the input diff, the council benchmarks, comparisons of runs, and the
//! dependency rule of the source itself. Shared helpers are below.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

/// The dependency rule of `src/lib.rs`, checked against the source.
mod architecture;
/// Bad input: every rule's message, line and column, no panic.
mod bad_input;
/// Council benchmarks: the DfE census, starting values, flags.
mod benchmarks;
/// Cancelling a run.
mod cancel;
/// The command line: `run`, `validate`, exit codes, broken files, format versions.
mod cli;
/// Two runs compared future by future.
mod compare_runs;
/// A scenario for any council from its published figures (`care-options new --council`).
mod council;
/// The input diff and `care-options diff`.
mod diff;
/// Distributions against their analytic moments.
mod distributions;
/// Extreme but valid inputs.
mod extreme_inputs;
/// Mutated scenario files through load, validate, run and save.
mod fuzzing;
/// Old scenario files give the JSON they gave before, byte for byte.
mod golden_json;
/// MODEL.md §11, worked by hand.
mod hand_worked;
/// Portable maths: the same bits everywhere, and the platform's for files that name none.
mod maths;
/// Random valid scenarios give sane figures.
mod properties;
/// `care-options report` and the exported charts.
mod reports;
/// Same seed, same bits.
mod reproducibility;
/// Files and settings meant to freeze, trick or outlast the program.
mod robustness;
/// Latin hypercube sampling and rank correlations between inputs.
mod sampling;
/// Every file in `scenarios/`.
mod shipped_scenarios;
/// Switching values, worked by hand.
mod switching;
/// The whole-budget model (format version 3) worked by hand, and its promises.
mod whole_budget;

/// Hostile scenario files, shared with the validation benchmark.
#[path = "../../benches/support/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::Command;

use care_options::io::{parse_scenario, scenario_to_ron};
use care_options::model::dist::Sampler;
use care_options::model::{
    CostLine, Dist, Range, RunControl, RunResults, RunSettings, ScenarioFile, run, validate,
};

/// Relative tolerance for figures worked by hand (MODEL.md §11, docs/MODEL.md).
const HAND_WORKED_TOLERANCE: f64 = 1e-9;

/// Checks a figure against one worked by hand, to [`HAND_WORKED_TOLERANCE`].
fn close(actual: f64, expected: f64, what: &str) {
    let scale = expected.abs().max(1e-300);
    assert!(
        ((actual - expected) / scale).abs() <= HAND_WORKED_TOLERANCE,
        "{what}: got {actual}, expected {expected}"
    );
}

/// Validates and runs `file`.
fn run_file(file: &ScenarioFile, iterations: u64, seed: u64) -> RunResults {
    let scenario = validate(file).unwrap_or_else(|e| panic!("{e}"));
    run(
        &scenario,
        RunSettings { iterations, seed },
        &RunControl::new(),
    )
    .unwrap()
}

/// The default scenario, as shipped.
fn default_file() -> ScenarioFile {
    parse_scenario(care_options::DEFAULT_SCENARIO).unwrap()
}

/// Every file in `scenarios/`, in name order.
fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
    files.sort();
    files
}

/// The program as built for these tests, started in the package's folder so that
/// `scenarios/default.ron` names the shipped file.
fn exe() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_care-options"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// A folder of the test's own, named after it and this process.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("care-options-test-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// How a run of the program ended: its exit code and what it wrote.
struct Ran {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `command` to the end and checks it exited with `code`, showing its stderr if not.
fn run_exit(command: &mut Command, code: i32) -> Ran {
    let out = command.output().unwrap();
    let ran = Ran {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(
        ran.code,
        Some(code),
        "{command:?} exited {:?}:\n{}",
        ran.code,
        ran.stderr
    );
    ran
}

/// Runs `command` to the end and checks it succeeded.
fn run_ok(command: &mut Command) -> Ran {
    run_exit(command, 0)
}
