//! Validation: turns a parsed [`ScenarioFile`] into a checked [`Scenario`], the only type the
//! engine accepts. Every problem is reported, not just the first, each with the field path and
//! the rule it breaks.

use std::collections::HashSet;
use std::fmt;

use super::dist::Sampler;
use super::inputs::{
    BlockInput, ContractInput, OptionInput, RETAINED_OVERHEAD_PATH, RETAINED_OVERHEAD_RANGE,
    WEEKLY_COST_RANGE, WorldInput, weekly_cost_path,
};
use super::names::{self, MAX_NAME_CHARS, MAX_SCENARIO_NAME_CHARS, SeenNames};
use super::scenario::{
    ContractSum, Driver, FORMAT_VERSION, Intervention, OptionKind, PLACEMENTS, RO3_LINES,
    Renegotiation, SOCIAL_WORK, ScenarioFile, newer_format_message,
};

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
    /// What keys its random streams: its id, or for a version 1–2 file its name.
    pub stream_id: String,
    pub kind: OptionKind,
    pub inputs: Vec<Sampler>,
    pub contract_years: u32,
    /// Whether its provider runs the placements (version 3; always for versions 1–2).
    pub runs_placements: bool,
    /// Whether its provider runs each block of `budget.blocks`, in order.
    pub runs_block: Vec<bool>,
    /// Councils the provider serves (1 for versions 1–2).
    pub councils_served: f64,
    /// The contract of an outsourced option (version 3).
    pub contract: Option<CheckedContract>,
}

/// A contract ready to draw from (version 3).
#[derive(Debug, Clone)]
pub(crate) struct CheckedContract {
    /// One sampler per [`ContractInput`], in its order.
    pub inputs: Vec<Sampler>,
    /// The sum is the expected cost less a savings target (else typed).
    pub from_expected_cost: bool,
    pub renegotiation: Renegotiation,
    pub return_lag_years: usize,
    pub kpi_quality: f64,
    pub kpi_years: usize,
    pub on_kpi_breach: Intervention,
    pub on_reserves_exhausted: Intervention,
}

/// A budget block ready to draw from (version 3).
#[derive(Debug, Clone)]
pub(crate) struct CheckedBlock {
    pub id: String,
    pub name: String,
    pub driver: Driver,
    pub unit_cost: Sampler,
    pub inflation: Sampler,
}

/// Which model's arithmetic a scenario follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelVersion {
    /// MODEL.md, format versions 1 and 2: hires after a time to fill, a random provider
    /// failure, streams keyed by option name.
    Reference,
    /// docs/MODEL.md, format version 3: the whole budget.
    WholeBudget,
}

/// A scenario that passed validation. Built only by [`validate`]; the engine accepts nothing else.
#[derive(Debug, Clone)]
pub struct Scenario {
    file: ScenarioFile,
    pub(crate) world: Vec<Sampler>,
    pub(crate) placements: Vec<CheckedPlacement>,
    pub(crate) options: Vec<CheckedOption>,
    pub(crate) blocks: Vec<CheckedBlock>,
    /// The council's overhead on blocks it keeps (0 without a budget).
    pub(crate) retained_overhead: Sampler,
    pub(crate) model: ModelVersion,
    /// The first in-house option: where a contract that ends brings the service back to.
    pub(crate) in_house: Option<usize>,
    pub(crate) baseline: usize,
    pub(crate) horizon_years: usize,
    pub(crate) iterations: u64,
    pub(crate) correlations: super::correlation::CheckedCorrelations,
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

    /// How the run draws its inputs (Monte Carlo where the file names no method).
    pub fn sampling(&self) -> super::latin::Sampling {
        self.file.simulation.sampling
    }

    /// The elementary functions the run computes with (`simulation.maths`).
    pub fn maths(&self) -> super::maths::Maths {
        self.file.simulation.maths
    }

    /// The checked rank correlations between inputs.
    pub fn correlations(&self) -> &super::correlation::CheckedCorrelations {
        &self.correlations
    }

    pub fn horizon_years(&self) -> usize {
        self.horizon_years
    }

    /// Index of the baseline option in `file().options`.
    pub fn baseline_index(&self) -> usize {
        self.baseline
    }

    /// Which model's arithmetic the scenario follows.
    pub fn model(&self) -> ModelVersion {
        self.model
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
    if let Some(wrong) = names::check_text(&file.name, MAX_SCENARIO_NAME_CHARS) {
        problem("name", wrong);
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

    let whole_budget = file.is_whole_budget();
    // A field of one model's format in a file of the other is a mistake worth naming: it would
    // be silently ignored otherwise.
    let version_field = |path: &str, present: bool, absent: Option<f64>| {
        let v3_only = absent.is_some() && !LEGACY_ONLY.iter().any(|f| path.ends_with(f));
        let legacy_only = LEGACY_ONLY.iter().any(|f| path.ends_with(f));
        if whole_budget && legacy_only && present {
            Some(format!(
                "is a field of format versions 1–2; version {} files do not use it (see \
                 docs/MODEL.md)",
                file.format_version
            ))
        } else if whole_budget && v3_only && !present {
            Some(format!(
                "is missing: format version {} files need it (see docs/MODEL.md)",
                file.format_version
            ))
        } else if !whole_budget && v3_only && present {
            Some(
                "is a field of format version 3; set format_version: 3 and add the other \
                 version-3 fields, or remove it"
                    .to_string(),
            )
        } else if !whole_budget && legacy_only && !present {
            Some("is missing".to_string())
        } else {
            None
        }
    };
    let mut version_problems = Vec::new();

    let mut world = Vec::with_capacity(WorldInput::COUNT);
    for &input in WorldInput::ALL {
        let dist = input.get(file);
        if let Some(message) = version_field(input.path(), dist.is_some(), input.absent()) {
            version_problems.push((input.path().to_string(), message));
        }
        let sampler = match (dist, input.absent()) {
            (Some(d), _) => Sampler::new(d, input.range(), file.simulation.maths).map_err(|e| e.0),
            (None, Some(value)) => Ok(Sampler::constant(value)),
            (None, None) => Ok(placeholder()),
        };
        match sampler {
            Ok(s) => world.push(s),
            Err(e) => {
                problem(input.path(), e);
                world.push(placeholder());
            }
        }
    }

    let mut placements = Vec::new();
    let mut placement_names = SeenNames::default();
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
        } else if let Some(wrong) = names::check_text(&p.name, MAX_NAME_CHARS) {
            problem(&base, wrong);
        } else if let Some(repeat) = placement_names.repeat_of(&p.name) {
            problem(&base, format!("the name \"{}\" {repeat}", p.name));
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
        match Sampler::new(&p.weekly_cost, WEEKLY_COST_RANGE, file.simulation.maths) {
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

    let (blocks, retained_overhead) = check_budget(file, &mut problem, &mut version_problems);
    let block_ids: Vec<String> = blocks.iter().map(|b| b.id.clone()).collect();

    let mut options = Vec::new();
    let mut option_names = SeenNames::default();
    let mut option_ids = HashSet::new();
    if file.options.is_empty() {
        problem("options", "needs at least one delivery option".to_string());
    }
    for o in &file.options {
        let base = format!("options[{}]", o.name);
        if o.name.trim().is_empty() {
            problem(&base, "an option needs a name".to_string());
        } else if let Some(wrong) = names::check_text(&o.name, MAX_NAME_CHARS) {
            problem(&base, wrong);
        } else if let Some(repeat) = option_names.repeat_of(&o.name) {
            problem(&base, format!("the option name \"{}\" {repeat}", o.name));
        }
        let mut inputs = Vec::with_capacity(OptionInput::COUNT);
        for &input in OptionInput::ALL {
            let dist = input.get(o);
            let path = input.path(&o.name);
            if let Some(message) = version_field(&path, dist.is_some(), input.absent()) {
                version_problems.push((path.clone(), message));
            }
            let sampler = match (dist, input.absent()) {
                (Some(d), _) => {
                    Sampler::new(d, input.range(), file.simulation.maths).map_err(|e| e.0)
                }
                (None, Some(value)) => Ok(Sampler::constant(value)),
                (None, None) => Ok(placeholder()),
            };
            match sampler {
                Ok(s) => inputs.push(s),
                Err(e) => {
                    problem(&path, e);
                    inputs.push(placeholder());
                }
            }
        }
        let stream_id = o.stream_id().to_string();
        if whole_budget {
            match &o.id {
                None => version_problems.push((
                    format!("{base}.id"),
                    "is missing: format version 3 options need a stable id".to_string(),
                )),
                Some(id) if id.trim().is_empty() => problem(
                    &format!("{base}.id"),
                    "an option id must not be empty".to_string(),
                ),
                Some(id) if !option_ids.insert(id.as_str()) => problem(
                    &format!("{base}.id"),
                    format!("the option id \"{id}\" is used twice"),
                ),
                Some(_) => {}
            }
        } else if o.id.is_some() {
            version_problems.push((
                format!("{base}.id"),
                "is a field of format version 3; remove it or upgrade the file".to_string(),
            ));
        }
        let (runs_placements, runs_block) = match (&o.provider_runs, whole_budget) {
            (Some(runs), true) => {
                check_provider_runs(
                    runs,
                    &block_ids,
                    &format!("{base}.provider_runs"),
                    &mut problem,
                );
                (
                    runs.iter().any(|r| r == PLACEMENTS),
                    block_ids
                        .iter()
                        .map(|id| runs.iter().any(|r| r == id))
                        .collect(),
                )
            }
            (None, true) => {
                version_problems.push((
                    format!("{base}.provider_runs"),
                    "is missing: format version 3 options list the budget blocks their \
                     provider runs"
                        .to_string(),
                ));
                (true, Vec::new())
            }
            (Some(_), false) => {
                version_problems.push((
                    format!("{base}.provider_runs"),
                    "is a field of format version 3; remove it or upgrade the file".to_string(),
                ));
                (true, Vec::new())
            }
            (None, false) => (true, Vec::new()),
        };
        let councils_served = match (o.councils_served, whole_budget) {
            (Some(n), true) if n.is_finite() && n >= 1.0 => n,
            (Some(n), true) => {
                problem(
                    &format!("{base}.councils_served"),
                    format!("{n} must be a number of councils, 1 or more"),
                );
                1.0
            }
            (None, true) => {
                version_problems.push((
                    format!("{base}.councils_served"),
                    "is missing: format version 3 options say how many councils the provider \
                     serves (1 for one council)"
                        .to_string(),
                ));
                1.0
            }
            (Some(_), false) => {
                version_problems.push((
                    format!("{base}.councils_served"),
                    "is a field of format version 3; remove it or upgrade the file".to_string(),
                ));
                1.0
            }
            (None, false) => 1.0,
        };
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
        let contract = check_contract(
            o,
            file.simulation.maths,
            whole_budget,
            &base,
            &mut problem,
            &mut version_problems,
        );
        options.push(CheckedOption {
            contract,
            name: o.name.clone(),
            stream_id,
            kind: o.kind,
            inputs,
            contract_years,
            runs_placements,
            runs_block,
            councils_served,
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

    for (path, message) in version_problems {
        problem(&path, message);
    }
    let in_house = file
        .options
        .iter()
        .position(|o| o.kind == OptionKind::InHouse);
    if in_house.is_none() {
        for o in &file.options {
            if let Some(c) = &o.contract
                && (c.on_kpi_breach == Intervention::ReturnInHouse
                    || c.on_reserves_exhausted == Intervention::ReturnInHouse)
            {
                problem(
                    &format!("options[{}].contract", o.name),
                    "can bring the service back in-house, but the scenario has no in-house \
                     option to say what in-house costs: add one, or choose ImprovementPlan or \
                     Nothing"
                        .to_string(),
                );
            }
        }
    }

    let checked = match baseline {
        Some(baseline) if problems.is_empty() => Scenario {
            file: file.clone(),
            world,
            placements,
            options,
            blocks,
            retained_overhead,
            in_house,
            model: if whole_budget {
                ModelVersion::WholeBudget
            } else {
                ModelVersion::Reference
            },
            baseline,
            horizon_years: file.horizon_years as usize,
            iterations: iterations as u64,
            correlations: Default::default(),
        },
        _ => return Err(Invalid { problems }),
    };
    // Correlations name inputs by the paths of the checked scenario's sampled inputs.
    match super::correlation::check(&checked) {
        Ok(correlations) => Ok(Scenario {
            correlations,
            ..checked
        }),
        Err(problems) => Err(Invalid { problems }),
    }
}

/// Stands in for an input that failed its check, so that checking can go on and report the rest.
fn placeholder() -> Sampler {
    Sampler::constant(0.0)
}

/// Option fields of format versions 1–2 only.
const LEGACY_ONLY: &[&str] = &["time_to_fill_months", "failure_probability", "failure_cost"];

/// The `budget` section: present exactly in version-3 files, with unique block ids and names, a
/// known RO3 line or none, and valid distributions.
fn check_budget(
    file: &ScenarioFile,
    problem: &mut impl FnMut(&str, String),
    version_problems: &mut Vec<(String, String)>,
) -> (Vec<CheckedBlock>, Sampler) {
    let Some(budget) = &file.budget else {
        if file.is_whole_budget() {
            version_problems.push((
                "budget".to_string(),
                "is missing: format version 3 files describe the council's budget beyond \
                 social-work teams and placements (it may have no blocks)"
                    .to_string(),
            ));
        }
        return (Vec::new(), Sampler::constant(0.0));
    };
    if !file.is_whole_budget() {
        version_problems.push((
            "budget".to_string(),
            "is a section of format version 3; set format_version: 3 or remove it".to_string(),
        ));
    }
    let retained = Sampler::new(
        &budget.retained_overhead_rate,
        RETAINED_OVERHEAD_RANGE,
        file.simulation.maths,
    )
    .unwrap_or_else(|e| {
        problem(RETAINED_OVERHEAD_PATH, e.0);
        placeholder()
    });
    let mut ids = HashSet::new();
    let mut block_names = SeenNames::default();
    let mut blocks = Vec::new();
    for b in &budget.blocks {
        let base = format!("budget.blocks[{}]", b.name);
        if b.name.trim().is_empty() {
            problem(&base, "a block needs a name".to_string());
        } else if let Some(wrong) = names::check_text(&b.name, MAX_NAME_CHARS) {
            problem(&base, wrong);
        } else if let Some(repeat) = block_names.repeat_of(&b.name) {
            problem(&base, format!("the name \"{}\" {repeat}", b.name));
        }
        if b.id.trim().is_empty() {
            problem(&format!("{base}.id"), "a block needs an id".to_string());
        } else if b.id == SOCIAL_WORK || b.id == PLACEMENTS {
            problem(
                &format!("{base}.id"),
                format!(
                    "\"{}\" names the engine's own costs; choose another id",
                    b.id
                ),
            );
        } else if !ids.insert(b.id.as_str()) {
            problem(
                &format!("{base}.id"),
                format!("the block id \"{}\" is used twice", b.id),
            );
        }
        if !b.ro3_line.is_empty() && !RO3_LINES.iter().any(|(key, _)| *key == b.ro3_line) {
            let known: Vec<&str> = RO3_LINES.iter().map(|(key, _)| *key).collect();
            problem(
                &format!("{base}.ro3_line"),
                format!(
                    "\"{}\" is not an RO3 line; use one of {} or \"\" for none",
                    b.ro3_line,
                    known.join(", ")
                ),
            );
        }
        let mut sampler = |input: BlockInput| {
            Sampler::new(input.get(b), input.range(), file.simulation.maths).unwrap_or_else(|e| {
                problem(&input.path(&b.name), e.0);
                placeholder()
            })
        };
        blocks.push(CheckedBlock {
            id: b.id.clone(),
            name: b.name.clone(),
            driver: b.driver,
            unit_cost: sampler(BlockInput::UnitCost),
            inflation: sampler(BlockInput::Inflation),
        });
    }
    (blocks, retained)
}

/// An option's contract: required of an outsourced option in version 3, refused elsewhere.
fn check_contract(
    o: &crate::model::DeliveryOption,
    maths: crate::model::maths::Maths,
    whole_budget: bool,
    base: &str,
    problem: &mut impl FnMut(&str, String),
    version_problems: &mut Vec<(String, String)>,
) -> Option<CheckedContract> {
    let path = format!("{base}.contract");
    let Some(c) = &o.contract else {
        if whole_budget && o.kind != OptionKind::InHouse {
            version_problems.push((
                path,
                format!(
                    "is missing: a {} option of format version 3 needs a contract (its sum, \
                     risk share, reserves, triggers and re-procurement)",
                    o.kind.label()
                ),
            ));
        }
        return None;
    };
    if !whole_budget {
        version_problems.push((
            path,
            "is a field of format version 3; remove it or upgrade the file".to_string(),
        ));
        return None;
    }
    if o.kind == OptionKind::InHouse {
        problem(
            &path,
            "an in-house option has no contract: remove it, or make the option a Trust or a Cic"
                .to_string(),
        );
        return None;
    }
    let inputs = ContractInput::ALL
        .iter()
        .map(|&input| {
            Sampler::new(input.get(c), input.range(c), maths).unwrap_or_else(|e| {
                problem(&input.path(&o.name), e.0);
                placeholder()
            })
        })
        .collect();
    let return_lag_years = match c.return_lag_years {
        0 => 0,
        1 => 1,
        n => {
            problem(
                &format!("{path}.return_lag_years"),
                format!("{n} must be 0 (the same year) or 1 (the next year)"),
            );
            0
        }
    };
    if !(c.kpi_quality.is_finite() && (0.0..=100.0).contains(&c.kpi_quality)) {
        problem(
            &format!("{path}.kpi_quality"),
            format!(
                "{} must be a quality index between 0 and 100",
                c.kpi_quality
            ),
        );
    }
    let kpi_years = match usize::try_from(c.kpi_years) {
        Ok(n) if (1..=30).contains(&n) => n,
        _ => {
            problem(
                &format!("{path}.kpi_years"),
                format!(
                    "{} must be a whole number of years from 1 to 30",
                    c.kpi_years
                ),
            );
            1
        }
    };
    Some(CheckedContract {
        inputs,
        from_expected_cost: matches!(c.sum, ContractSum::ExpectedCostLess(_)),
        renegotiation: c.renegotiation,
        return_lag_years,
        kpi_quality: c.kpi_quality,
        kpi_years,
        on_kpi_breach: c.on_kpi_breach,
        on_reserves_exhausted: c.on_reserves_exhausted,
    })
}

/// An option's `provider_runs`: the social-work teams always, each entry known, none twice.
fn check_provider_runs(
    runs: &[String],
    block_ids: &[String],
    path: &str,
    problem: &mut impl FnMut(&str, String),
) {
    if !runs.iter().any(|r| r == SOCIAL_WORK) {
        problem(
            path,
            format!(
                "must include \"{SOCIAL_WORK}\": the option's provider employs the social-work \
                 teams"
            ),
        );
    }
    let mut seen = HashSet::new();
    for r in runs {
        if !seen.insert(r.as_str()) {
            problem(path, format!("\"{r}\" is listed twice"));
        } else if r != SOCIAL_WORK && r != PLACEMENTS && !block_ids.iter().any(|id| id == r) {
            problem(
                path,
                format!(
                    "\"{r}\" is not a block: use \"{SOCIAL_WORK}\", \"{PLACEMENTS}\" or the id \
                     of one of budget.blocks ({})",
                    block_ids.join(", ")
                ),
            );
        }
    }
}
