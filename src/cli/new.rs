//! `care-options new --council NAME_OR_ONS_CODE [--out FILE]`: a complete whole-budget scenario
//! for one English council from the published figures embedded in the program, and a table of
//! its year-0 cost by part beside the revenue outturn lines each part stands for.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::evidence::council::{
    CouncilError, CouncilScenario, LineFit, OUTTURN_YEAR, TEAM_LINES, council_file, find,
    uprating_years,
};
use crate::model::scenario::SOCIAL_WORK;

/// Width of the table's first column.
const W: usize = 72;
use crate::evidence::data::published;
use crate::evidence::published::LICENCE;
use crate::io::{atomic_write, parse_scenario, scenario_to_ron};
use crate::present::format::{millions, slug};

use super::{EXIT_BUG, EXIT_INVALID, EXIT_UNREADABLE};

pub fn new_command(council: &str, out: Option<&Path>) -> ExitCode {
    let published = match published() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("care-options: the embedded published figures are unreadable: {e}");
            return ExitCode::from(EXIT_BUG);
        }
    };
    let found = match find(published, council) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let base = match parse_scenario(crate::DEFAULT_SCENARIO) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("care-options: the built-in default scenario is unreadable: {e}");
            return ExitCode::from(EXIT_BUG);
        }
    };
    let built = match council_file(published, &base, found) {
        Ok(b) => b,
        Err(e @ CouncilError::Figures { .. }) | Err(e @ CouncilError::Invalid { .. }) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_INVALID);
        }
        Err(e) => {
            eprintln!("care-options: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let path: PathBuf = match out {
        Some(p) => p.to_path_buf(),
        None => {
            let p = PathBuf::from(format!("{}.ron", slug(&found.name, "council")));
            if p.exists() {
                eprintln!(
                    "care-options: {} exists already; name the file to write with --out",
                    p.display()
                );
                return ExitCode::from(EXIT_UNREADABLE);
            }
            p
        }
    };
    let written = scenario_to_ron(&built.file)
        .map_err(|e| e.to_string())
        .and_then(|text| atomic_write(&path, text.as_bytes()).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("care-options: cannot write {}: {e}", path.display());
        return ExitCode::from(EXIT_UNREADABLE);
    }
    print_summary(&built, &path);
    ExitCode::SUCCESS
}

fn print_summary(built: &CouncilScenario, path: &Path) {
    let c = &built.council;
    let file = &built.file;
    let start = format!("{}/{:02}", file.start_year, (file.start_year + 1) % 100);
    outln!(
        "Wrote {}: {} ({}, {}, {}), format version 3, options: {}.",
        path.display(),
        c.name,
        c.ons_code_current,
        c.kind,
        c.region,
        file.options
            .iter()
            .map(|o| {
                if o.name == file.appraisal.baseline_option {
                    format!("{} (baseline)", o.name)
                } else {
                    o.name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(v) = &built.vehicle {
        outln!(
            "Runs today: {} ({}, since {}); its contract sum starts from what {} paid.",
            v.name,
            v.kind,
            v.start,
            c.name
        );
    }
    outln!();
    outln!(
        "Year 0 ({start}) in-house, central case, beside RO3 {OUTTURN_YEAR} gross, uprated {} \
         years to {start} at each part's mean cost growth (£m):",
        uprating_years(file.start_year)
    );
    outln!(
        "{:<W$} {:>9} {:>9} {:>9}",
        "part (RO3 lines)",
        OUTTURN_YEAR,
        "uprated",
        "year 0"
    );
    let cell = |x: Option<f64>| x.map_or("—".to_string(), |v| millions(v, false));
    for f in &built.fit {
        let name = format!("{} ({})", f.name, f.lines.join(" + "));
        outln!(
            "{:<W$} {:>9} {:>9} {:>9}",
            truncate(&name, W),
            cell(f.published),
            cell(f.uprated),
            millions(f.year0, false)
        );
    }
    let group: Vec<&LineFit> = built
        .fit
        .iter()
        .filter(|f| {
            f.part == SOCIAL_WORK || f.lines.iter().any(|l| TEAM_LINES.contains(&l.as_str()))
        })
        .collect();
    let sum = |get: fn(&LineFit) -> Option<f64>| group.iter().map(|f| get(f)).sum::<Option<f64>>();
    outln!(
        "{:<W$} {:>9} {:>9} {:>9}",
        "  teams with the lines they share, together (see the notes)",
        cell(sum(|f| f.published)),
        cell(sum(|f| f.uprated)),
        millions(group.iter().map(|f| f.year0).sum(), false)
    );
    let uprated: Option<f64> = built
        .fit
        .iter()
        .map(|f| f.uprated)
        .sum::<Option<f64>>()
        .filter(|_| built.ro3_total.is_some());
    outln!(
        "{:<W$} {:>9} {:>9} {:>9}",
        "Total (total_csc)",
        cell(built.ro3_total),
        cell(uprated),
        millions(built.year0_total(), false)
    );
    if !built.fallbacks.is_empty() {
        outln!();
        outln!("Not published for {}, and what stands in:", c.name);
        for f in &built.fallbacks {
            outln!("- {f}");
        }
    }
    outln!();
    outln!(
        "Every input the council's figures set has a note naming the figure, its year and its \
         source; run it with `care-options run {}`.",
        path.display()
    );
    outln!("{LICENCE}");
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}
