//! Validation: turns a parsed [`ScenarioFile`] into a checked [`Scenario`], the only type the
//! engine accepts. Every problem is reported, not just the first, each with the field path and
//! the rule it breaks.

use std::collections::HashSet;
use std::fmt;

use super::dist::Sampler;
use super::inputs::{OptionInput, WEEKLY_COST_RANGE, WorldInput, weekly_cost_path};
use super::scenario::{FORMAT_VERSION, OptionKind, ScenarioFile, newer_format_message};

/// Largest number of iterations a run accepts.
pub const MAX_ITERATIONS: i64 = 1_000_000;
/// Longest appraisal horizon in years.
pub const MAX_HORIZON_YEARS: i64 = 30;
/// Tolerance for shares and weights that must sum to 1.
pub const SUM_TOLERANCE: f64 = 1e-6;

/// One broken rule, at one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Field path as in the file: `options[Children's trust].annual_turnover`.
    pub path: String,
    /// The rule broken, in plain words: `min 0.3 is above mode 0.2`.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every problem found in a scenario.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid {
    pub problems: Vec<Problem>,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the scenario has {} problem(s)", self.problems.len())?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

/// A placement kind ready to draw from.
#[derive(Debug, Clone)]
pub(crate) struct CheckedPlacement {
    pub share: f64,
    pub weekly_cost: Sampler,
    pub path: String,
}

/// A delivery option ready to draw from.
#[derive(Debug, Clone)]
pub(crate) struct CheckedOption {
    pub name: String,
    pub kind: OptionKind,
    pub inputs: Vec<Sampler>,
    pub contract_years: u32,
}

/// A scenario that passed validation. Built only by [`validate`]; the engine accepts nothing else.
#[derive(Debug, Clone)]
pub struct Scenario {
    file: ScenarioFile,
    pub(crate) world: Vec<Sampler>,
    pub(crate) placements: Vec<CheckedPlacement>,
    pub(crate) options: Vec<CheckedOption>,
    pub(crate) baseline: usize,
    pub(crate) horizon_years: usize,
    pub(crate) iterations: u64,
}

impl Scenario {
    /// The file this scenario was checked from.
    pub fn file(&self) -> &ScenarioFile {
        &self.file
    }

    pub fn name(&self) -> &str {
        &self.file.name
    }

    /// The iteration count the file asks for.
    pub fn iterations(&self) -> u64 {
        self.iterations
    }

    pub fn seed(&self) -> u64 {
        self.file.simulation.seed
    }

    pub fn horizon_years(&self) -> usize {
        self.horizon_years
    }

    /// Index of the baseline option in `file().options`.
    pub fn baseline_index(&self) -> usize {
        self.baseline
    }
}

/// Checks every rule of MODEL.md §3 and §9 and returns the checked scenario, or every problem.
pub fn validate(file: &ScenarioFile) -> Result<Scenario, Invalid> {
    let mut problems = Vec::new();
    let mut problem = |path: &str, message: String| {
        problems.push(Problem {
            path: path.to_string(),
            message,
        })
    };

    if file.format_version > FORMAT_VERSION {
        problem("format_version", newer_format_message(file.format_version));
    } else if file.format_version == 0 {
        problem(
            "format_version",
            "must be 1 or more (the first file format is 1)".to_string(),
        );
    }
    if !(1..=MAX_HORIZON_YEARS).contains(&file.horizon_years) {
        problem(
            "horizon_years",
            format!(
                "{} is outside 1…{MAX_HORIZON_YEARS} years",
                file.horizon_years
            ),
        );
    }
    if !(1900..=2200).contains(&file.start_year) {
        problem(
            "start_year",
            format!("{} is not a year between 1900 and 2200", file.start_year),
        );
    }
    let iterations = file.simulation.iterations;
    if !(1..=MAX_ITERATIONS).contains(&iterations) {
        problem(
            "simulation.iterations",
            format!("{iterations} is outside 1…{MAX_ITERATIONS}"),
        );
    }
    let a = &file.appraisal;
    if !(a.discount_rate.is_finite() && (0.0..=1.0).contains(&a.discount_rate)) {
        problem(
            "appraisal.discount_rate",
            format!("{} must be a rate between 0 and 1", a.discount_rate),
        );
    }
    if !(a.quality_threshold.is_finite() && (0.0..=100.0).contains(&a.quality_threshold)) {
        problem(
            "appraisal.quality_threshold",
            format!(
                "{} must be a quality index between 0 and 100",
                a.quality_threshold
            ),
        );
    }

    let mut world = Vec::with_capacity(WorldInput::COUNT);
    for &input in WorldInput::ALL {
        match Sampler::new(input.get(file), input.range()) {
            Ok(s) => world.push(s),
            Err(e) => {
                problem(input.path(), e.0);
                world.push(placeholder());
            }
        }
    }

    let mut placements = Vec::new();
    let mut names = HashSet::new();
    if file.placements.mix.is_empty() {
        problem(
            "placements.mix",
            "needs at least one kind of placement".to_string(),
        );
    }
    let mut share_sum = 0.0;
    let mut shares_ok = true;
    for p in &file.placements.mix {
        let base = format!("placements.mix[{}]", p.name);
        if p.name.trim().is_empty() {
            problem(&base, "a placement needs a name".to_string());
        } else if !names.insert(p.name.as_str()) {
            problem(&base, format!("the name \"{}\" is used twice", p.name));
        }
        if !(p.share.is_finite() && (0.0..=1.0).contains(&p.share)) {
            problem(
                &format!("{base}.share"),
                format!("share {} is out of [0, 1]", p.share),
            );
            shares_ok = false;
        }
        share_sum += p.share;
        let path = weekly_cost_path(&p.name);
        match Sampler::new(&p.weekly_cost, WEEKLY_COST_RANGE) {
            Ok(s) => placements.push(CheckedPlacement {
                share: p.share,
                weekly_cost: s,
                path,
            }),
            Err(e) => problem(&path, e.0),
        }
    }
    if shares_ok && !file.placements.mix.is_empty() && (share_sum - 1.0).abs() > SUM_TOLERANCE {
        problem(
            "placements.mix",
            format!("shares sum to {share_sum}, not 1"),
        );
    }

    let q = &file.quality;
    let w = &q.weights;
    let weights = [
        ("caseload", w.caseload),
        ("stability", w.stability),
        ("agency", w.agency),
        ("experience", w.experience),
    ];
    let mut weights_ok = true;
    for (name, value) in weights {
        if !(value.is_finite() && value >= 0.0) {
            problem(
                &format!("quality.weights.{name}"),
                format!("weight {value} must be 0 or more"),
            );
            weights_ok = false;
        }
    }
    let weight_sum: f64 = weights.iter().map(|(_, v)| v).sum();
    if weights_ok && (weight_sum - 1.0).abs() > SUM_TOLERANCE {
        problem(
            "quality.weights",
            format!("weights sum to {weight_sum}, not 1"),
        );
    }
    if !(q.caseload_zero_at.is_finite() && q.caseload_zero_at > 1.0) {
        problem(
            "quality.caseload_zero_at",
            format!(
                "{} must be above 1 (a multiple of the reference caseload)",
                q.caseload_zero_at
            ),
        );
    }
    for (name, value) in [
        ("turnover_zero_at", q.turnover_zero_at),
        ("agency_zero_at", q.agency_zero_at),
        ("new_starter_zero_at", q.new_starter_zero_at),
    ] {
        if !(value.is_finite() && value > 0.0) {
            problem(
                &format!("quality.{name}"),
                format!("{value} must be above 0"),
            );
        }
    }

    let mut options = Vec::new();
    let mut option_names = HashSet::new();
    if file.options.is_empty() {
        problem("options", "needs at least one delivery option".to_string());
    }
    for o in &file.options {
        let base = format!("options[{}]", o.name);
        if o.name.trim().is_empty() {
            problem(&base, "an option needs a name".to_string());
        } else if !option_names.insert(o.name.as_str()) {
            problem(
                &base,
                format!("the option name \"{}\" is used twice", o.name),
            );
        }
        let mut inputs = Vec::with_capacity(OptionInput::COUNT);
        for &input in OptionInput::ALL {
            match Sampler::new(input.get(o), input.range()) {
                Ok(s) => inputs.push(s),
                Err(e) => {
                    problem(&input.path(&o.name), e.0);
                    inputs.push(placeholder());
                }
            }
        }
        let contract_years = match u32::try_from(o.contract_years) {
            Ok(years) if years <= 100 => years,
            _ => {
                problem(
                    &format!("{base}.contract_years"),
                    format!(
                        "{} must be a whole number of years from 0 (no re-procurement) to 100",
                        o.contract_years
                    ),
                );
                0
            }
        };
        options.push(CheckedOption {
            name: o.name.clone(),
            kind: o.kind,
            inputs,
            contract_years,
        });
    }

    let baseline = file
        .options
        .iter()
        .position(|o| o.name == file.appraisal.baseline_option);
    if baseline.is_none() {
        let known: Vec<String> = file
            .options
            .iter()
            .map(|o| format!("\"{}\"", o.name))
            .collect();
        problem(
            "appraisal.baseline_option",
            format!(
                "\"{}\" is not one of the options ({})",
                file.appraisal.baseline_option,
                known.join(", ")
            ),
        );
    }

    match baseline {
        Some(baseline) if problems.is_empty() => Ok(Scenario {
            file: file.clone(),
            world,
            placements,
            options,
            baseline,
            horizon_years: file.horizon_years as usize,
            iterations: iterations as u64,
        }),
        _ => Err(Invalid { problems }),
    }
}

/// Stands in for an input that failed its check, so that checking can go on and report the rest.
fn placeholder() -> Sampler {
    Sampler::constant(0.0)
}
