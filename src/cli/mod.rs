//! The command line: `run`, `report`, `validate`, `diff`, `upgrade`, `calibrate` and `new`. With no
//! arguments the binary opens the window instead (`main.rs` chooses); built without the window, it
//! prints this usage.
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

use crate::io::{LoadError, load_scenario, read_scenario, same_file};
use crate::model::diff::{Difference, diff};
use crate::model::{RunControl, RunResults, RunSettings, Scenario, run};
use crate::present::chart_data::ChartData;
use crate::present::format::trim_number;
use crate::present::summary_table::{self, COLUMNS, GROUPS, PrecisionTarget};
use crate::present::{financial_year, headlines, thousands};
use crate::report::{ReportInput, results_csv, results_json, write_bundle, write_workbook};

/// Monte Carlo appraisal of children's social care delivery options.
#[derive(Debug, Parser)]
#[command(
    name = "care-options",
    version,
    about,
    long_about = None,
    // `care-options plan.ron` opens the file in the window; after a file, a word is another
    // file, never a command.
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Scenario files to open in the window, each in a tab of its own (what double-clicking a
    /// file does). With no files and no command, the window opens on the default scenario.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
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
        #[arg(long, value_parser = iterations_argument)]
        iterations: Option<u64>,
        /// Seed instead of the file's own.
        #[arg(long)]
        seed: Option<u64>,
        /// Run until the 95% interval of every option's mean difference from the baseline is
        /// within ±£M m and of its P(cheaper) within ±P points, as `--precision 0.5,1`: a first
        /// run of 2,000 iterations, then as many as its spread says are needed (at most
        /// 1,000,000).
        #[arg(long, value_name = "M,P", value_parser = precision_argument, conflicts_with = "iterations")]
        precision: Option<PrecisionTarget>,
        /// Write the full results (MODEL.md §10) as JSON to this file.
        #[arg(long, value_name = "OUT")]
        json: Option<PathBuf>,
        /// Write per-option per-year figures as CSV to this file.
        #[arg(long, value_name = "OUT")]
        csv: Option<PathBuf>,
        /// Write an Excel workbook to this file: the summary, every per-year figure, each
        /// iteration's net present cost, the assumptions, the method and two native charts.
        #[arg(long, value_name = "OUT")]
        xlsx: Option<PathBuf>,
        /// Work out switching values for a format version 1 or 2 scenario too (version 3
        /// scenarios always have them). Adds `switching_values` to the JSON.
        #[arg(long)]
        switching: bool,
        /// Skip the switching values of a format version 3 scenario (a quicker run).
        #[arg(long, conflicts_with = "switching")]
        no_switching: bool,
    },
    /// Run a scenario and write a report into a folder: report.html (self-contained, prints to
    /// A4), every chart as PNG and SVG, summary.csv, years.csv and results.json (and with
    /// --xlsx, results.xlsx).
    Report {
        /// Scenario file (.ron).
        file: PathBuf,
        /// Folder to write into (created if missing; files of the same name are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Iterations to run instead of the file's own count (1 to 1,000,000).
        #[arg(long, value_parser = iterations_argument)]
        iterations: Option<u64>,
        /// Seed instead of the file's own.
        #[arg(long)]
        seed: Option<u64>,
        /// Run until the 95% interval of every option's mean difference from the baseline is
        /// within ±£M m and of its P(cheaper) within ±P points, as `--precision 0.5,1`: a first
        /// run of 2,000 iterations, then as many as its spread says are needed (at most
        /// 1,000,000).
        #[arg(long, value_name = "M,P", value_parser = precision_argument, conflicts_with = "iterations")]
        precision: Option<PrecisionTarget>,
        /// Add the Excel workbook, results.xlsx, to the folder.
        #[arg(long)]
        xlsx: bool,
        /// Work out switching values for a format version 1 or 2 scenario too (version 3
        /// scenarios always have them).
        #[arg(long)]
        switching: bool,
        /// Skip the switching values of a format version 3 scenario (a quicker run).
        #[arg(long, conflicts_with = "switching")]
        no_switching: bool,
    },
    /// Check a scenario file and list every problem with its line and column.
    Validate {
        /// Scenario file (.ron).
        file: PathBuf,
    },
    /// Compare the national defaults with every council's published spending: each council's
    /// published demand and workforce, run with the defaults, against its gross spend in the
    /// revenue outturn. Prints the ratios and writes calibration.csv and calibration.png.
    Calibrate {
        /// Folder of the published data files (csww_2017_2025.csv, cin_2013_2025.csv,
        /// cla_2013_2025.csv, la_lookup.csv, la_delivery_vehicles.csv, ro3_<year>.csv).
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// The outturn year to compare with, e.g. 2023-24 (default: the latest ro3_*.csv).
        #[arg(long)]
        year: Option<String>,
        /// Folder to write calibration.csv and calibration.png into (default: here).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Scenario whose defaults to calibrate, instead of the built-in default.
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
    },
    /// Write a complete scenario for one English council from its published figures (embedded:
    /// DfE workforce, children in need and looked after; MHCLG revenue outturn 2023-24 by line),
    /// and print its year-0 cost beside the outturn lines. Each input it sets has a note.
    New {
        /// The council: its name (or enough of it to be the only match) or its ONS code.
        #[arg(long, value_name = "NAME_OR_ONS_CODE")]
        council: String,
        /// The file to write (default: the council's name, e.g. sunderland.ron, not overwritten).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Upgrade a format version 1 or 2 scenario to format version 3 (the whole-budget model),
    /// written to a new file. The inputs version 3 adds come from the built-in national
    /// defaults, each with a note; the old file is left as it was.
    Upgrade {
        /// Scenario file of format version 1 or 2.
        file: PathBuf,
        /// The new file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
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

/// `--iterations` takes a whole number from 1 to 1,000,000; anything else is a wrong argument
/// (exit 2, as for every argument), refused before the file is read.
/// `--precision M,P`: ±£M m on a mean difference, ±P points on P(cheaper), both above zero.
fn precision_argument(text: &str) -> Result<PrecisionTarget, String> {
    let wrong = || {
        format!(
            "\"{text}\" is not a precision: give £m on a mean difference and points on \
             P(cheaper), both above zero, as 0.5,1"
        )
    };
    let (m, p) = text.split_once(',').ok_or_else(wrong)?;
    let number = |t: &str| {
        t.trim()
            .trim_start_matches('£')
            .trim_end_matches('m')
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    match (number(m), number(p.trim_end_matches("points").trim())) {
        (Some(m), Some(p)) => Ok(PrecisionTarget {
            difference_mean: m * 1e6,
            p_cheaper: p / 100.0,
        }),
        _ => Err(wrong()),
    }
}

fn iterations_argument(text: &str) -> Result<u64, String> {
    let max = crate::model::validate::MAX_ITERATIONS as u64;
    match text.trim().parse::<u64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        Ok(n) => Err(crate::model::RunError::Iterations { iterations: n }.to_string()),
        Err(_) => Err(format!(
            "\"{text}\" is not a whole number of iterations from 1 to {}",
            thousands(max)
        )),
    }
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

mod calibrate;
mod new;
mod upgrade;

/// Exit codes.
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_UNREADABLE: u8 = 2;
pub const EXIT_INTERRUPTED: u8 = 3;
pub const EXIT_TOO_LARGE: u8 = 4;
pub const EXIT_BUG: u8 = 70;

/// Entry point of the command line: reads the arguments and carries out the command.
pub fn main() -> ExitCode {
    match parse() {
        Ok(cli) => carry_out(cli),
        Err(code) => code,
    }
}

/// Reads the program's arguments. Wrong arguments, --help and --version are answered here, and
/// come back as the exit code to end with.
pub fn parse() -> Result<Cli, ExitCode> {
    Cli::try_parse().map_err(|e| {
        // --help and --version land here too, and print to stdout with exit 0.
        let _ = e.print();
        ExitCode::from(if e.use_stderr() { EXIT_UNREADABLE } else { 0 })
    })
}

/// A first argument that is neither a file nor a command: a bare word with no extension that
/// names no file, such as `rnu` for `run`. Says so, with the commands there are, and gives the
/// usage exit code, rather than opening the window on a file that does not exist.
pub fn mistyped_command(files: &[PathBuf]) -> Option<ExitCode> {
    use clap::CommandFactory;
    let first = files.first()?;
    let word = first.to_str()?;
    let bare = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !bare || first.exists() {
        return None;
    }
    let commands: Vec<String> = Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect();
    let nearest = commands
        .iter()
        .min_by_key(|c| strsim::osa_distance(c, word))
        .filter(|c| strsim::osa_distance(c, word) <= 2)
        .map_or(String::new(), |c| format!(" Did you mean `{c}`?"));
    eprintln!(
        "care-options: `{word}` is neither a command nor a scenario file.{nearest} The commands \
         are: {}. `care-options --help` says more; `care-options FILE.ron` opens a file in the \
         window.",
        commands.join(", ")
    );
    Some(ExitCode::from(EXIT_UNREADABLE))
}

/// Carries out the command the arguments name.
pub fn carry_out(cli: Cli) -> ExitCode {
    without_panics(|| dispatch(cli))
}

/// Runs `work` so that a bug in this program never surfaces as a raw panic and exit code 101: it
/// is reported with a message and exit code [`EXIT_BUG`]. The window runs under it too.
pub fn without_panics(work: impl FnOnce() -> ExitCode + std::panic::UnwindSafe) -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("care-options: internal error, please report it: {info}");
    }));
    std::panic::catch_unwind(work).unwrap_or(ExitCode::from(EXIT_BUG))
}

fn dispatch(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Run {
            file,
            iterations,
            seed,
            precision,
            json,
            csv,
            xlsx,
            switching,
            no_switching,
        }) => run_command(
            &file,
            Count {
                iterations,
                precision,
            },
            seed,
            Outputs {
                json: json.as_deref(),
                csv: csv.as_deref(),
                xlsx: xlsx.as_deref(),
            },
            Switching::from_flags(switching, no_switching),
        ),
        Some(Command::Report {
            file,
            out,
            iterations,
            seed,
            precision,
            xlsx,
            switching,
            no_switching,
        }) => report_command(
            &file,
            &out,
            xlsx,
            Count {
                iterations,
                precision,
            },
            seed,
            Switching::from_flags(switching, no_switching),
        ),
        Some(Command::Validate { file }) => validate_command(&file),
        Some(Command::Diff { a, b }) => diff_command(&a, &b),
        Some(Command::Upgrade { file, out }) => upgrade::upgrade_command(&file, &out),
        Some(Command::New { council, out }) => new::new_command(&council, out.as_deref()),
        Some(Command::Calibrate {
            data,
            year,
            out,
            scenario,
        }) => calibrate::calibrate_command(
            &data,
            year.as_deref(),
            out.as_deref(),
            scenario.as_deref(),
        ),
        None if cli.files.is_empty() => usage(),
        // Files to open reach here only in a build without the window (`main.rs` chooses).
        None => {
            eprintln!(
                "care-options: this build has no window to open files in; to run one: \
                 care-options run FILE"
            );
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// With no command: how to use the command line.
fn usage() -> ExitCode {
    use clap::CommandFactory;
    let _ = Cli::command().print_help();
    outln!();
    ExitCode::SUCCESS
}

/// Loads and validates, printing every problem as `FILE:LINE:COL: field.path: message`.
fn load_checked(path: &Path) -> Result<Scenario, u8> {
    let error = match load_scenario(path) {
        Ok((_, scenario)) => return Ok(scenario),
        Err(error) => error,
    };
    let problems = error.problems();
    for problem in &problems {
        // A name may hold control characters (that is one of the problems): shown escaped,
        // never sent raw to the terminal.
        eprintln!("{}", printable(&problem.at_file(path)));
    }
    match error {
        LoadError::Read { .. } | LoadError::NotText { .. } => Err(EXIT_UNREADABLE),
        LoadError::Parse { .. } => Err(EXIT_INVALID),
        LoadError::Invalid { .. } => {
            eprintln!(
                "{}: {} problem(s); the scenario was not run",
                path.display(),
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

/// Whether a run works out switching values: by default for format version 3 scenarios only, so
/// that older files give the JSON they always gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Switching {
    Default,
    On,
    Off,
}

impl Switching {
    fn from_flags(on: bool, off: bool) -> Switching {
        match (on, off) {
            (true, _) => Switching::On,
            (_, true) => Switching::Off,
            _ => Switching::Default,
        }
    }

    fn wanted(self, file: &crate::model::ScenarioFile) -> bool {
        match self {
            Switching::On => true,
            Switching::Off => false,
            Switching::Default => file.is_whole_budget(),
        }
    }
}

/// Loads, validates and runs a scenario with the given overrides, printing the summary.
/// How many iterations to run: a count (the file's own when `None`), or as many as a precision
/// needs.
#[derive(Debug, Clone, Copy)]
struct Count {
    iterations: Option<u64>,
    precision: Option<PrecisionTarget>,
}

fn load_and_run(
    path: &Path,
    count: Count,
    seed: Option<u64>,
    switching: Switching,
) -> Result<(Scenario, RunResults), u8> {
    let scenario = load_checked(path)?;
    let defaults = RunSettings::from_scenario(&scenario);
    let mut settings = RunSettings {
        iterations: match count.precision {
            Some(_) => summary_table::PILOT_ITERATIONS,
            None => count.iterations.unwrap_or(defaults.iterations),
        },
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
    let run_once = |settings: RunSettings| {
        run_with_progress(&scenario, settings).map_err(|e| {
            eprintln!("care-options: {e}");
            match e {
                crate::model::RunError::Cancelled => EXIT_INTERRUPTED,
                crate::model::RunError::OutOfMemory { .. } => EXIT_TOO_LARGE,
                crate::model::RunError::Iterations { .. }
                | crate::model::RunError::Overflow { .. }
                | crate::model::RunError::ExpectedCost(_) => EXIT_INVALID,
            }
        })
    };
    let started = Instant::now();
    let mut results = run_once(settings)?;
    let mut reached = None;
    if let Some(target) = count.precision {
        // A run depends only on the seed and its count (under Monte Carlo sampling a longer run
        // repeats the shorter one's futures and adds more): the result is `--iterations N`'s.
        let most = crate::model::validate::MAX_ITERATIONS as u64;
        while let Some(wanted) = summary_table::iterations_for(&results, target) {
            if settings.iterations >= most {
                break;
            }
            settings.iterations = wanted.clamp(settings.iterations + 1, most);
            if let Err(e) = crate::io::machine::check_run_fits(&scenario, settings.iterations) {
                eprintln!("care-options: {e}");
                return Err(EXIT_TOO_LARGE);
            }
            results = run_once(settings)?;
        }
        reached = Some(precision_text(&results, target));
    }
    let elapsed = started.elapsed();
    // Version 3 scenarios always carry their switching values; older ones when asked, so that
    // their JSON stays what it was.
    let mut switching_time = None;
    if switching.wanted(scenario.file()) {
        let started = Instant::now();
        let values = crate::model::switching::switching_values(
            &scenario,
            &results,
            crate::model::switching::SWITCHING_TOP,
            &RunControl::new(),
        )
        .map_err(|e| {
            eprintln!("care-options: switching values: {e}");
            EXIT_INVALID
        })?;
        let swings = crate::model::swing::swings(
            &scenario,
            &results,
            crate::model::switching::SWITCHING_TOP,
            &RunControl::new(),
        )
        .map_err(|e| {
            eprintln!("care-options: swings: {e}");
            EXIT_INVALID
        })?;
        results.switching_values = Some(values);
        results.swings = Some(swings);
        switching_time = Some(started.elapsed());
    }
    out!(
        "{}",
        summary_text(&scenario, &results, elapsed, switching_time)
    );
    if let Some(line) = reached {
        outln!("{line}");
    }
    Ok((scenario, results))
}

/// Whether a run to a precision got there, and how to run the same futures again.
fn precision_text(results: &RunResults, target: PrecisionTarget) -> String {
    let wanted = format!(
        "±£{}m on a mean difference and ±{} points on P(cheaper)",
        trim_number(target.difference_mean / 1e6, 2),
        trim_number(target.p_cheaper * 100.0, 2)
    );
    let n = thousands(results.iterations);
    match summary_table::iterations_for(results, target) {
        None => format!(
            "Precision {wanted} reached at {n} iterations; `--iterations {}` with the same seed \
             gives these results again.",
            results.iterations
        ),
        Some(_) => format!(
            "Precision {wanted} not reached at {n} iterations, the most a run may have: the \
             figures above carry the simulation error they state."
        ),
    }
}

fn diff_command(a: &Path, b: &Path) -> ExitCode {
    let read = |path: &Path| {
        read_scenario(path).map_err(|e| {
            let lines: Vec<String> = e.problems().iter().map(|p| p.at_file(path)).collect();
            lines.join("\n")
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
        let _ = writeln!(
            s,
            "\n{}\n  A  {}\n  B  {}",
            printable(&d.path),
            printable(&d.a),
            printable(&d.b)
        );
    }
    s
}

/// Refuses outputs that would overwrite the scenario file, or each other, before anything runs.
fn distinct_outputs(scenario: &Path, outputs: &[(&str, Option<&Path>)]) -> Result<(), String> {
    let given: Vec<(&str, &Path)> = outputs
        .iter()
        .filter_map(|(flag, out)| out.map(|o| (*flag, o)))
        .collect();
    for (k, (flag, out)) in given.iter().enumerate() {
        if same_file(out, scenario) {
            return Err(format!(
                "{flag} {} is the scenario file itself: writing there would replace the scenario. \
                 Choose another name.",
                out.display()
            ));
        }
        if let Some((other, _)) = given[..k].iter().find(|(_, o)| same_file(o, out)) {
            return Err(format!(
                "{other} and {flag} both name {}: give each its own file.",
                out.display()
            ));
        }
    }
    Ok(())
}

/// The files `run` writes, each when asked for.
struct Outputs<'a> {
    json: Option<&'a Path>,
    csv: Option<&'a Path>,
    xlsx: Option<&'a Path>,
}

fn run_command(
    path: &Path,
    count: Count,
    seed: Option<u64>,
    outputs: Outputs<'_>,
    switching: Switching,
) -> ExitCode {
    let Outputs { json, csv, xlsx } = outputs;
    if let Err(e) = distinct_outputs(path, &[("--json", json), ("--csv", csv), ("--xlsx", xlsx)]) {
        eprintln!("care-options: {e}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let (scenario, results) = match load_and_run(path, count, seed, switching) {
        Ok(done) => done,
        Err(code) => return ExitCode::from(code),
    };
    // Each encoded only when asked for; the error is only ever printed, here at the edge.
    type Encode = fn(&RunResults) -> Result<String, String>;
    let exports: [(Option<&Path>, Encode, &str); 2] = [
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
    for (out, encode, what) in exports {
        let Some(out) = out else { continue };
        let written = encode(&results).and_then(|text| {
            crate::io::atomic_write(out, text.as_bytes()).map_err(|e| e.to_string())
        });
        if let Err(e) = written {
            eprintln!("cannot write {}: {e}", out.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
        outln!("{what} written to {}", out.display());
    }
    if let Some(out) = xlsx {
        let stamp = crate::report::stamp::stamp(
            &results,
            Some(path),
            scenario.file(),
            std::time::SystemTime::now(),
        );
        if let Err(e) = write_workbook(out, &results, scenario.file(), &stamp) {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
        outln!("Workbook written to {}", out.display());
    }
    ExitCode::SUCCESS
}

fn report_command(
    path: &Path,
    out: &Path,
    xlsx: bool,
    count: Count,
    seed: Option<u64>,
    switching: Switching,
) -> ExitCode {
    let workbook = out.join(crate::report::WORKBOOK_FILE);
    if let Err(e) = distinct_outputs(
        path,
        &[("--out", Some(out)), ("--xlsx", xlsx.then_some(&*workbook))],
    ) {
        eprintln!("care-options: {e}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let (scenario, results) = match load_and_run(path, count, seed, switching) {
        Ok(done) => done,
        Err(code) => return ExitCode::from(code),
    };
    let stamp = crate::report::stamp::stamp(
        &results,
        Some(path),
        scenario.file(),
        std::time::SystemTime::now(),
    );
    let data = ChartData::new(&results);
    let input = ReportInput {
        results: &results,
        data: &data,
        file: scenario.file(),
        stamp: &stamp,
    };
    match write_bundle(out, &input, xlsx) {
        Ok(written) => {
            let charts = written
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "png"))
                .count();
            outln!(
                "Report written to {}: {} and {} other files ({} charts as PNG and SVG, {}, \
                 {}, {}{}).",
                out.display(),
                crate::report::REPORT_FILE,
                written.len().saturating_sub(1),
                charts,
                crate::report::SUMMARY_FILE,
                crate::report::YEARS_FILE,
                crate::report::RESULTS_FILE,
                if xlsx {
                    format!(", {}", crate::report::WORKBOOK_FILE)
                } else {
                    String::new()
                }
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
pub fn summary_text(
    scenario: &Scenario,
    r: &RunResults,
    elapsed: Duration,
    switching_time: Option<Duration>,
) -> String {
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
    s.push_str(&summary_table_text(r));
    let _ = writeln!(s);
    for line in headlines(r) {
        let _ = writeln!(s, "{line}");
    }
    if let Some(scope) = crate::present::budget::scope_sentence(r) {
        let _ = writeln!(s, "\n{scope}");
    }
    if let Some(table) = crate::present::budget::block_table(file, r, 0) {
        let _ = writeln!(s);
        s.push_str(&block_table_text(&table));
    }
    s.push_str(&outcomes_text(r));
    let tails = crate::present::switching::tail_sentences(r, file);
    if !tails.is_empty() {
        let _ = writeln!(
            s,
            "\n{} (each input's mean there, and in brackets over all futures; for an option \
             other than the baseline, costliest against the baseline):",
            crate::present::switching::TAIL_HEADING
        );
        for line in tails {
            let _ = writeln!(s, "  {line}");
        }
    }
    s.push_str(&switching_text(file, r));
    let _ = writeln!(
        s,
        "\nQuality: workforce-driven index 0–100, mean over the horizon; P(quality at risk): share \
         of futures with any year below {:.0}.{} Ran in {:.2} s{}.",
        file.appraisal.quality_threshold,
        crate::present::summary_table::precision_sentence(r)
            .map_or(String::new(), |p| format!(" {p}")),
        elapsed.as_secs_f64(),
        switching_time.map_or(String::new(), |t| format!(
            "; switching values and swings in {:.2} s",
            t.as_secs_f64()
        ))
    );
    s
}

/// The first year's cost by block ([`crate::present::budget::block_table`]) as fixed-width text,
/// £m nominal, one column per option.
fn block_table_text(table: &crate::present::budget::BlockTable) -> String {
    use std::fmt::Write;
    let chars = |t: &str| t.chars().count();
    let name_width = table
        .rows
        .iter()
        .map(|r| chars(&r.name))
        .max()
        .unwrap_or(5)
        .clamp(5, 64);
    let width: Vec<usize> = table
        .options
        .iter()
        .map(|o| chars(o).clamp(8, 28))
        .collect();
    let mut s = format!(
        "Cost in {} by block, £m nominal (mean over the futures):\n",
        financial_year(table.year)
    );
    let _ = write!(s, "{:<name_width$}", "Block");
    for (o, w) in table.options.iter().zip(&width) {
        let _ = write!(s, "{GAP}{:>w$}", truncate(o, *w));
    }
    let _ = writeln!(s);
    for row in &table.rows {
        let _ = write!(s, "{:<name_width$}", truncate(&row.name, name_width));
        for (v, w) in row.values.iter().zip(&width) {
            let _ = write!(s, "{GAP}{:>w$.1}", v / 1e6);
        }
        let _ = writeln!(s);
    }
    s
}

/// Each option against the baseline, two by two: cheaper or not, higher quality or not, as
/// shares of futures.
fn outcomes_text(r: &RunResults) -> String {
    use crate::present::outcomes::{COLUMNS, ROWS, outcomes};
    use std::fmt::Write;
    let mut s = String::new();
    for (o, option) in r.options.iter().enumerate() {
        let Some(table) = outcomes(r, o) else {
            continue;
        };
        let _ = writeln!(
            s,
            "\n{} against {}, share of futures (cost: net present cost; quality: mean over the \
             horizon):",
            option.name, r.baseline_option
        );
        let width = ROWS.iter().map(|x| x.chars().count()).max().unwrap_or(0);
        let _ = writeln!(s, "  {:width$}  {:>14}  {:>21}", "", COLUMNS[0], COLUMNS[1]);
        for (row, cells) in ROWS.iter().zip(table.cells()) {
            let _ = writeln!(
                s,
                "  {row:width$}  {:>14}  {:>21}",
                crate::present::percent(cells[0]),
                crate::present::percent(cells[1])
            );
        }
    }
    s
}

/// The switching values as text: each option's sentence, then its table, most fragile first.
fn switching_text(file: &crate::model::ScenarioFile, r: &RunResults) -> String {
    use crate::present::switching::{SWITCHING_HEADINGS, switching_rows, switching_sentence};
    use std::fmt::Write;
    let mut s = String::new();
    if r.switching_values.is_none() {
        return s;
    }
    let _ = writeln!(
        s,
        "\nSwitching values: the central value each input would need for the option's mean \
         difference from {} to be zero, or for it to cost less in 50% of futures (same futures, \
         the input's distribution moved, its shape kept).",
        r.baseline_option
    );
    for option in &r.options {
        let Some(sentence) = switching_sentence(r, option, file) else {
            continue;
        };
        let rows = switching_rows(r, &option.name, file);
        let _ = writeln!(s, "\n{sentence}");
        let cells: Vec<[String; 6]> = std::iter::once(SWITCHING_HEADINGS.map(str::to_string))
            .chain(rows.iter().map(|row| {
                [
                    row.input.clone(),
                    row.assumed.clone(),
                    row.p10_p90.clone(),
                    row.zero_mean.clone(),
                    row.even_chance.clone(),
                    row.inside.to_string(),
                ]
            }))
            .collect();
        let widths: Vec<usize> = (0..6)
            .map(|c| {
                cells
                    .iter()
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in &cells {
            let line: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, w)| format!("{cell:<w$}"))
                .collect();
            let _ = writeln!(s, "  {}", line.join(GAP).trim_end());
        }
    }
    s
}

/// Width of the option column of the summary table; longer names are cut with "…".
const NAME_WIDTH: usize = 34;
/// Space between two columns of the summary table.
const GAP: &str = "  ";

/// The summary table ([`crate::present::summary_table`]) as fixed-width text: the group headings,
/// the column headings, then one row per option, numbers right-aligned.
pub fn summary_table_text(r: &RunResults) -> String {
    use std::fmt::Write;
    let rows = summary_table::rows(r);
    let chars = |t: &str| t.chars().count();
    let mut widths: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(k, c)| {
            rows.iter()
                .filter_map(|row| row.cells.get(k))
                .map(|cell| chars(&cell.text))
                .fold(chars(c.title), usize::max)
        })
        .collect();
    // A group heading longer than its columns widens the last of them.
    for g in GROUPS {
        let under = &mut widths[g.first..g.first + g.span];
        let spanned = under.iter().sum::<usize>() + GAP.len() * (g.span - 1);
        if let Some(last) = under.last_mut() {
            *last += chars(g.title).saturating_sub(spanned);
        }
    }
    let mut groups = format!("{:NAME_WIDTH$}", "");
    for g in GROUPS {
        let spanned =
            widths[g.first..g.first + g.span].iter().sum::<usize>() + GAP.len() * (g.span - 1);
        let _ = write!(groups, "{GAP}{:<spanned$}", g.title);
    }
    let mut s = format!("{}\n", groups.trim_end());
    let line = |s: &mut String, name: &str, texts: Vec<&str>| {
        let _ = write!(s, "{:<NAME_WIDTH$}", truncate(name, NAME_WIDTH));
        for (text, width) in texts.into_iter().zip(&widths) {
            let _ = write!(s, "{GAP}{text:>width$}");
        }
        let _ = writeln!(s);
    };
    line(&mut s, "Option", COLUMNS.iter().map(|c| c.title).collect());
    for row in &rows {
        line(
            &mut s,
            &row.name,
            row.cells.iter().map(|c| c.text.as_str()).collect(),
        );
    }
    s
}

/// Text from a file as it is safe to print to a terminal: control characters (which could move
/// the cursor, change colours or ring the bell) are shown as escapes such as `\u{1b}`.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let cut: String = s.chars().take(width - 1).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("care-options").chain(args.iter().copied()))
    }

    #[test]
    fn files_alone_are_opened_and_commands_still_work() {
        let cli = parsed(&["plan.ron", "other plan.ron"]).unwrap();
        assert_eq!(
            cli.files,
            [PathBuf::from("plan.ron"), PathBuf::from("other plan.ron")]
        );
        assert!(cli.command.is_none());

        let cli = parsed(&[]).unwrap();
        assert!(cli.files.is_empty() && cli.command.is_none());

        let cli = parsed(&["validate", "plan.ron"]).unwrap();
        assert!(cli.files.is_empty());
        let Some(Command::Validate { file }) = cli.command else {
            panic!("validate is a command");
        };
        assert_eq!(file, Path::new("plan.ron"));

        let cli = parsed(&["run", "plan.ron", "--iterations", "100"]).unwrap();
        assert!(cli.files.is_empty());
        assert!(matches!(
            cli.command,
            Some(Command::Run {
                iterations: Some(100),
                ..
            })
        ));
    }

    #[test]
    fn after_a_file_every_word_is_a_file_and_options_are_refused() {
        // The files conflict with the commands: "validate" is a third file here.
        assert_eq!(
            parsed(&["plan.ron", "validate", "other.ron"])
                .unwrap()
                .files,
            [
                PathBuf::from("plan.ron"),
                PathBuf::from("validate"),
                PathBuf::from("other.ron")
            ]
        );
        let e = parsed(&["plan.ron", "--iterations", "5"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::UnknownArgument);
    }
}
