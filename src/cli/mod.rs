//! The command line: `run`, `report`, `validate`, `diff`, and (with no arguments) the window.
//!
//! Exit codes: 0 success; 1 the scenario is invalid; 2 a file could not be read or written, or the
//! arguments are wrong; 3 the run was interrupted; 4 the run would not fit in the memory available
//! (the message gives the estimate). `diff` follows the Unix `diff` instead: 0 the scenarios are
//! the same, 1 they differ, 2 a file could not be read or parsed. A bug in this program is
//! reported as exit 70 with a message, never as a raw panic.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use crate::io::{
    LoadError, LocatedProblem, load_scenario, read_scenario, results_csv, results_json,
};
use crate::model::diff::{Difference, diff};
use crate::model::{RunControl, RunResults, RunSettings, Scenario, run};
use crate::present::chart_data::ChartData;
use crate::present::stamp::{Source, Stamp};
use crate::present::{financial_year, gbp_m, gbp_m_signed, headlines, percent, thousands};
use crate::report::{ReportInput, write_bundle};

/// Monte Carlo appraisal of children's social care delivery options.
#[derive(Debug, Parser)]
#[command(name = "care-options", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario and print a summary per option.
    Run {
        /// Scenario file (.ron).
        file: PathBuf,
        /// Iterations to run instead of the file's own count (1 to 1,000,000).
        #[arg(long)]
        iterations: Option<u64>,
        /// Seed instead of the file's own.
        #[arg(long)]
        seed: Option<u64>,
        /// Write the full results (MODEL.md §10) as JSON to this file.
        #[arg(long, value_name = "OUT")]
        json: Option<PathBuf>,
        /// Write per-option per-year figures as CSV to this file.
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
    },
    /// Run a scenario and write a report into a folder: report.html (self-contained, prints to
    /// A4), every chart as PNG and SVG, summary.csv, years.csv and results.json.
    Report {
        /// Scenario file (.ron).
        file: PathBuf,
        /// Folder to write into (created if missing; files of the same name are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Iterations to run instead of the file's own count (1 to 1,000,000).
        #[arg(long)]
        iterations: Option<u64>,
        /// Seed instead of the file's own.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Check a scenario file and list every problem with its line and column.
    Validate {
        /// Scenario file (.ron).
        file: PathBuf,
    },
    /// List every input that differs between two scenarios, with its value in each.
    ///
    /// Exit status as for the Unix diff: 0 the same, 1 different, 2 a file could not be read or
    /// parsed. Files that break validation rules are still compared.
    Diff {
        /// The first scenario (A).
        a: PathBuf,
        /// The second scenario (B).
        b: PathBuf,
    },
}

/// Writes to standard output. A reader that has stopped reading (`care-options run … | head`) is
/// not an error: the command carries on, writes its files and exits as it would have.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

/// [`out!`] with a newline.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Exit codes.
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_UNREADABLE: u8 = 2;
pub const EXIT_INTERRUPTED: u8 = 3;
pub const EXIT_TOO_LARGE: u8 = 4;
pub const EXIT_BUG: u8 = 70;

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version land here too, and print to stdout with exit 0.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_UNREADABLE } else { 0 });
        }
    };
    // A bug must never surface as a raw panic and exit code 101.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("care-options: internal error, please report it: {info}");
    }));
    match std::panic::catch_unwind(|| dispatch(cli)) {
        Ok(code) => code,
        Err(_) => ExitCode::from(EXIT_BUG),
    }
}

fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Run {
            file,
            iterations,
            seed,
            json,
            csv,
        }) => run_command(&file, iterations, seed, json.as_deref(), csv.as_deref()),
        Some(Command::Report {
            file,
            out,
            iterations,
            seed,
        }) => report_command(&file, &out, iterations, seed),
        Some(Command::Validate { file }) => validate_command(&file),
        Some(Command::Diff { a, b }) => diff_command(&a, &b),
        None => open_window(),
    }
}

/// With no arguments: the window on the default scenario (usage when built without the window).
#[cfg(feature = "gui")]
fn open_window() -> ExitCode {
    match crate::app::window::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("care-options: cannot open the window: {e}");
            eprintln!("(the command line still works: care-options --help)");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// With no arguments: the window on the default scenario (usage when built without the window).
#[cfg(not(feature = "gui"))]
fn open_window() -> ExitCode {
    use clap::CommandFactory;
    let _ = Cli::command().print_help();
    outln!();
    ExitCode::SUCCESS
}

/// Loads and validates, printing every problem as `FILE:LINE:COL: field.path: message`.
fn load_checked(path: &Path) -> Result<Scenario, u8> {
    let shown = path.display();
    match load_scenario(path) {
        Ok((_, scenario)) => Ok(scenario),
        Err(e @ (LoadError::Read { .. } | LoadError::NotText { .. })) => {
            eprintln!("{e}");
            Err(EXIT_UNREADABLE)
        }
        Err(LoadError::Parse { error, .. }) => {
            match (error.line, error.column) {
                (Some(l), Some(c)) => eprintln!("{shown}:{l}:{c}: {}", error.message),
                _ => eprintln!("{shown}: {}", error.message),
            }
            Err(EXIT_INVALID)
        }
        Err(LoadError::Invalid { problems, .. }) => {
            for LocatedProblem { at, problem: p } in &problems {
                match at {
                    Some((l, c)) => eprintln!("{shown}:{l}:{c}: {}: {}", p.path, p.message),
                    None => eprintln!("{shown}: {}: {}", p.path, p.message),
                }
            }
            eprintln!(
                "{shown}: {} problem(s); the scenario was not run",
                problems.len()
            );
            Err(EXIT_INVALID)
        }
    }
}

fn validate_command(path: &Path) -> ExitCode {
    match load_checked(path) {
        Ok(s) => {
            outln!(
                "{}: valid — \"{}\", {} option(s), {} years, {} iterations",
                path.display(),
                s.name(),
                s.file().options.len(),
                s.horizon_years(),
                thousands(s.iterations())
            );
            ExitCode::SUCCESS
        }
        Err(code) => ExitCode::from(code),
    }
}

/// Loads, validates and runs a scenario with the given overrides, printing the summary.
fn load_and_run(
    path: &Path,
    iterations: Option<u64>,
    seed: Option<u64>,
) -> Result<(Scenario, RunResults), u8> {
    let scenario = load_checked(path)?;
    let defaults = RunSettings::from_scenario(&scenario);
    let settings = RunSettings {
        iterations: iterations.unwrap_or(defaults.iterations),
        seed: seed.unwrap_or(defaults.seed),
    };
    // The limit first, so that a count past it is told so, not that it would not fit.
    if !(1..=crate::model::validate::MAX_ITERATIONS as u64).contains(&settings.iterations) {
        let e = crate::model::RunError::Iterations {
            iterations: settings.iterations,
        };
        eprintln!("care-options: {e}");
        return Err(EXIT_INVALID);
    }
    if let Err(e) = crate::io::machine::check_run_fits(&scenario, settings.iterations) {
        eprintln!("care-options: {e}");
        return Err(EXIT_TOO_LARGE);
    }
    let started = Instant::now();
    let results = run_with_progress(&scenario, settings).map_err(|e| {
        eprintln!("care-options: {e}");
        match e {
            crate::model::RunError::Cancelled => EXIT_INTERRUPTED,
            crate::model::RunError::Iterations { .. } | crate::model::RunError::Overflow { .. } => {
                EXIT_INVALID
            }
        }
    })?;
    out!("{}", summary_text(&scenario, &results, started.elapsed()));
    Ok((scenario, results))
}

fn diff_command(a: &Path, b: &Path) -> ExitCode {
    let read = |path: &Path| {
        read_scenario(path).map_err(|e| match e {
            LoadError::Parse { error, .. } => match (error.line, error.column) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}: {}", path.display(), error.message),
                _ => format!("{}: {}", path.display(), error.message),
            },
            other => other.to_string(),
        })
    };
    match (read(a), read(b)) {
        (Ok(file_a), Ok(file_b)) => {
            let differences = diff(&file_a, &file_b);
            out!("{}", diff_text(a, b, &differences));
            ExitCode::from(u8::from(!differences.is_empty()))
        }
        (ra, rb) => {
            for e in [ra.err(), rb.err()].into_iter().flatten() {
                eprintln!("{e}");
            }
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// What `diff` prints: each differing field's path, then its value in A and in B.
pub fn diff_text(a: &Path, b: &Path, differences: &[Difference]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "A: {}", a.display());
    let _ = writeln!(s, "B: {}", b.display());
    if differences.is_empty() {
        let _ = writeln!(s, "The two scenarios hold the same inputs.");
        return s;
    }
    let count = differences.len();
    let _ = writeln!(
        s,
        "{count} field{} differ{}:",
        if count == 1 { "" } else { "s" },
        if count == 1 { "s" } else { "" }
    );
    for d in differences {
        let _ = writeln!(s, "\n{}\n  A  {}\n  B  {}", d.path, d.a, d.b);
    }
    s
}

fn run_command(
    path: &Path,
    iterations: Option<u64>,
    seed: Option<u64>,
    json: Option<&Path>,
    csv: Option<&Path>,
) -> ExitCode {
    let (_, results) = match load_and_run(path, iterations, seed) {
        Ok(done) => done,
        Err(code) => return ExitCode::from(code),
    };
    let exports: [Export<'_>; 2] = [
        (
            json,
            |r| results_json(r).map_err(|e| e.to_string()),
            "Results",
        ),
        (
            csv,
            |r| results_csv(r).map_err(|e| e.to_string()),
            "Per-year figures",
        ),
    ];
    for (out, render, what) in exports {
        let Some(out) = out else { continue };
        let written = render(&results).and_then(|text| {
            crate::io::atomic_write(out, text.as_bytes()).map_err(|e| e.to_string())
        });
        if let Err(e) = written {
            eprintln!("cannot write {}: {e}", out.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
        outln!("{what} written to {}", out.display());
    }
    ExitCode::SUCCESS
}

fn report_command(path: &Path, out: &Path, iterations: Option<u64>, seed: Option<u64>) -> ExitCode {
    let (scenario, results) = match load_and_run(path, iterations, seed) {
        Ok(done) => done,
        Err(code) => return ExitCode::from(code),
    };
    let source = Source::of(Some(path), scenario.file());
    let stamp = Stamp::new(&results, source, std::time::SystemTime::now());
    let data = ChartData::new(&results);
    let input = ReportInput {
        results: &results,
        data: &data,
        file: scenario.file(),
        stamp: &stamp,
    };
    match write_bundle(out, &input) {
        Ok(written) => {
            outln!(
                "Report written to {}: {} and {} other files ({} charts as PNG and SVG, {}, \
                 {}, {}).",
                out.display(),
                crate::report::REPORT_FILE,
                written.len() - 1,
                (written.len() - 4) / 2,
                crate::report::SUMMARY_FILE,
                crate::report::YEARS_FILE,
                crate::report::RESULTS_FILE
            );
            outln!("Stamp: {}", stamp.line());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("care-options: {e}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// An optional export: where to write it, how to render it, and what to call it.
type Export<'a> = (
    Option<&'a Path>,
    fn(&RunResults) -> Result<String, String>,
    &'static str,
);

/// Runs on a worker thread while this one draws a progress bar (only when stderr is a terminal).
fn run_with_progress(
    scenario: &Scenario,
    settings: RunSettings,
) -> Result<RunResults, crate::model::RunError> {
    let control = RunControl::new();
    if !std::io::stderr().is_terminal() {
        return run(scenario, settings, &control);
    }
    let bar = indicatif::ProgressBar::new(settings.iterations);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} iterations ({eta} left)")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| run(scenario, settings, &control));
        while !worker.is_finished() {
            bar.set_position(control.done());
            std::thread::sleep(Duration::from_millis(50));
        }
        worker.join()
    });
    bar.finish_and_clear();
    match result {
        Ok(r) => r,
        Err(payload) => std::panic::resume_unwind(payload),
    }
}

/// The readable summary `run` prints.
pub fn summary_text(scenario: &Scenario, r: &RunResults, elapsed: Duration) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let file = scenario.file();
    let last = r.start_year + r.horizon_years as i32 - 1;
    let _ = writeln!(s, "{}", r.scenario);
    let _ = writeln!(
        s,
        "{} iterations, seed {}, {} to {} ({} years). Net present cost (NPC) in £m at {} prices, \
         discounted at {:.1}% a year real.",
        thousands(r.iterations),
        r.seed,
        financial_year(r.start_year),
        financial_year(last),
        r.horizon_years,
        financial_year(r.start_year),
        file.appraisal.discount_rate * 100.0
    );
    let _ = writeln!(s);
    let base = &r.baseline_option;
    let _ = writeln!(
        s,
        "{:<34} {:>9} {:>9} {:>9} {:>9} {:>13} {:>10} {:>8} {:>10}",
        "Option",
        "NPC mean",
        "P10",
        "P50",
        "P90",
        "vs baseline",
        "P(cheaper)",
        "Quality",
        "P(at risk)"
    );
    for o in &r.options {
        let is_base = &o.name == base;
        let name = if is_base {
            format!("{} (baseline)", o.name)
        } else {
            o.name.clone()
        };
        let mean_quality = o.mean_quality();
        let _ = writeln!(
            s,
            "{:<34} {:>9} {:>9} {:>9} {:>9} {:>13} {:>10} {:>8.1} {:>10}",
            truncate(&name, 34),
            gbp_m(o.npc.mean),
            gbp_m(o.npc.p10),
            gbp_m(o.npc.p50),
            gbp_m(o.npc.p90),
            if is_base {
                "—".to_string()
            } else {
                gbp_m_signed(o.npc_vs_baseline.mean)
            },
            if is_base {
                "—".to_string()
            } else {
                percent(o.p_cheaper)
            },
            mean_quality,
            percent(o.p_quality_at_risk)
        );
    }
    let _ = writeln!(s);
    for line in headlines(r) {
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(
        s,
        "\nQuality: workforce-driven index 0–100, mean over the horizon; P(at risk): share of \
         futures with any year below {:.0}. Ran in {:.2} s.",
        file.appraisal.quality_threshold,
        elapsed.as_secs_f64()
    );
    s
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let cut: String = s.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}
