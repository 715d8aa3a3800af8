//! `care-options upgrade`: a format version 1–2 scenario as a format version 3 (whole-budget)
//! scenario, in a new file. The old file is left as it was.

use std::path::Path;
use std::process::ExitCode;

use crate::io::{atomic_write, parse_scenario, parse_versioned, read_scenario, scenario_to_ron};
use crate::model::upgrade::to_whole_budget;

use super::{EXIT_BUG, EXIT_INVALID, EXIT_UNREADABLE};

pub fn upgrade_command(file: &Path, out: &Path) -> ExitCode {
    if same_file(file, out) {
        eprintln!(
            "care-options: the upgraded scenario must go to a new file, not over {} (which keeps \
             its own model and numbers)",
            file.display()
        );
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let old = match read_scenario(file) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    // The version as written, before the upgrade on reading (1 → 2) that every load makes.
    let written_version = std::fs::read_to_string(file)
        .ok()
        .and_then(|text| parse_versioned(&text).ok())
        .map_or(old.format_version, |(_, version)| version);
    let defaults = match parse_scenario(crate::DEFAULT_SCENARIO) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("care-options: the built-in default scenario is unreadable: {e}");
            return ExitCode::from(EXIT_BUG);
        }
    };
    let new = match to_whole_budget(&old, &defaults) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("care-options: {}: {e}", file.display());
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let written = scenario_to_ron(&new)
        .map_err(|e| e.to_string())
        .and_then(|text| atomic_write(out, text.as_bytes()).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("care-options: cannot write {}: {e}", out.display());
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let blocks = new.budget.as_ref().map_or(0, |b| b.blocks.len());
    outln!(
        "Upgraded {} (format version {}) to format version 3 in {}: the whole budget ({blocks} \
         blocks beside the social-work teams and placements), every qualified social worker, a \
         labour market that holds the vacancy rate at the scenario's initial rate, fixed \
         overheads and stable option ids. Each added input has a note saying where it came from. \
         The figures will differ from the old file's: they now cover the whole budget. {} is \
         unchanged.",
        file.display(),
        written_version,
        out.display(),
        file.display()
    );
    ExitCode::SUCCESS
}

/// True when the two paths name one file (or would, once `out` is written).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
