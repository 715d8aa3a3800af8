//! The Monte Carlo engine: draws every input of every iteration on common random numbers, runs
//! demand, workforce, cost and quality for each option, and hands the per-iteration figures to
//! [`super::results`].
//!
//! Parallel across iterations with rayon, in chunks of a fixed size whose partial sums are added
//! in chunk order, so the result is bit-identical for any number of threads. Nothing is allocated
//! inside the monthly loop, and each iteration keeps per-year figures, not monthly paths.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rand::RngExt;
use rayon::prelude::*;

use super::cost::{CostDraw, LINE_COUNT, YearIndices, year_lines};
use super::demand::{DemandDraw, demand_factors, grow_paths, ramp_share};
use super::inputs::{OptionInput, WorldInput};
use super::quality::QualityRules;
use super::results::{RunResults, summarise};
use super::rng::{IterationStreams, stream_key};
use super::simd::VectorBuild;
use super::validate::Scenario;
use super::workforce::{LANES, Lanes, WorkforceDraw, YearSums, simulate_workforce};

/// Iterations per unit of parallel work. Fixed (not derived from the thread count) so that the
/// order in which partial sums are added never changes.
pub const CHUNK_ITERATIONS: usize = 256;

/// Per-year means kept for each option and year: the cost lines, then three FTE figures.
pub(crate) const YEAR_MEANS: usize = LINE_COUNT + 3;
pub(crate) const MEAN_PERMANENT: usize = LINE_COUNT;
pub(crate) const MEAN_AGENCY: usize = LINE_COUNT + 1;
pub(crate) const MEAN_UNCOVERED: usize = LINE_COUNT + 2;

/// How many iterations to run, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings {
    pub iterations: u64,
    pub seed: u64,
}

impl RunSettings {
    /// The iterations and seed the scenario file asks for.
    pub fn from_scenario(scenario: &Scenario) -> Self {
        RunSettings {
            iterations: scenario.iterations(),
            seed: scenario.seed(),
        }
    }
}

/// Shared between a run and whoever watches it: progress, and a cancel flag.
#[derive(Debug, Default)]
pub struct RunControl {
    cancel: AtomicBool,
    done: AtomicU64,
}

impl RunControl {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to stop at its next chunk boundary (a few milliseconds at most).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Iterations finished so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }
}

/// Why a run produced no results.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    #[error("the run was cancelled")]
    Cancelled,
    #[error(
        "{iterations} iterations is outside 1…{max}",
        max = super::validate::MAX_ITERATIONS
    )]
    Iterations { iterations: u64 },
    /// Some figure passed the largest number a computer holds (about 1.8 × 10^308).
    #[error(
        "the costs of \"{option}\" grow past the largest number that can be computed (about \
         10^308), so there are no results to show: an input is implausibly large. Look at growth \
         and inflation rates (0.05 is 5% a year), salaries, costs and case numbers."
    )]
    Overflow { option: String },
}

/// Where each sampled input's per-iteration value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputSource {
    World(WorldInput),
    /// `demand.shock_size`: the sum of the iteration's shock draws.
    ShockTotal,
    WeeklyCost(usize),
    Option(usize, OptionInput),
}

/// A sampled (non-fixed) input, tracked for sensitivity and clamping.
#[derive(Debug, Clone)]
pub(crate) struct SampledInput {
    pub path: String,
    pub source: InputSource,
}

/// The memory layout of a run: what each iteration records and where.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub horizon_years: usize,
    pub option_count: usize,
    /// `f64`s per iteration.
    pub record_len: usize,
    pub sampled: Vec<SampledInput>,
    world_slot: Vec<Option<usize>>,
    weekly_slot: Vec<Option<usize>>,
    option_slot: Vec<Vec<Option<usize>>>,
    shock_slot: Option<usize>,
    world_keys: Vec<u64>,
    weekly_keys: Vec<u64>,
    option_keys: Vec<Vec<u64>>,
    failure_keys: Vec<u64>,
    noise_key: u64,
    occurrence_key: u64,
}

impl Layout {
    pub fn new(s: &Scenario) -> Self {
        let horizon_years = s.horizon_years();
        let option_count = s.options.len();
        let mut sampled = Vec::new();
        let mut slot = |path: String, source: InputSource, fixed: bool| {
            if fixed {
                None
            } else {
                sampled.push(SampledInput { path, source });
                Some(sampled.len() - 1)
            }
        };
        let world_slot: Vec<_> = WorldInput::ALL
            .iter()
            .map(|&w| {
                let fixed = s.world[w.index()].is_fixed();
                if w == WorldInput::ShockSize {
                    None
                } else {
                    slot(w.path().to_string(), InputSource::World(w), fixed)
                }
            })
            .collect();
        let shock_slot = slot(
            WorldInput::ShockSize.path().to_string(),
            InputSource::ShockTotal,
            // Shocks are random events: the total varies unless there can be none.
            s.world[WorldInput::ShockSize.index()].fixed_value() == Some(0.0)
                || s.world[WorldInput::ShockProbability.index()].fixed_value() == Some(0.0),
        );
        let weekly_slot: Vec<_> = s
            .placements
            .iter()
            .enumerate()
            .map(|(k, p)| {
                slot(
                    p.path.clone(),
                    InputSource::WeeklyCost(k),
                    p.weekly_cost.is_fixed(),
                )
            })
            .collect();
        let option_slot: Vec<Vec<_>> = s
            .options
            .iter()
            .enumerate()
            .map(|(o, opt)| {
                OptionInput::ALL
                    .iter()
                    .map(|&j| {
                        slot(
                            j.path(&opt.name),
                            InputSource::Option(o, j),
                            opt.inputs[j.index()].is_fixed(),
                        )
                    })
                    .collect()
            })
            .collect();
        let record_len = option_count * option_record_len(horizon_years) + sampled.len();
        Layout {
            horizon_years,
            option_count,
            record_len,
            sampled,
            world_slot,
            weekly_slot,
            option_slot,
            shock_slot,
            world_keys: WorldInput::ALL
                .iter()
                .map(|w| stream_key(w.path()))
                .collect(),
            weekly_keys: s.placements.iter().map(|p| stream_key(&p.path)).collect(),
            option_keys: s
                .options
                .iter()
                .map(|o| {
                    OptionInput::ALL
                        .iter()
                        .map(|j| stream_key(&j.path(&o.name)))
                        .collect()
                })
                .collect(),
            failure_keys: s
                .options
                .iter()
                .map(|o| stream_key(&format!("options[{}].failure_events", o.name)))
                .collect(),
            noise_key: stream_key("demand.monthly_noise"),
            occurrence_key: stream_key("demand.shock_occurrence"),
        }
    }

    /// Offset of option `o`'s block within an iteration's record.
    pub fn option_offset(&self, o: usize) -> usize {
        o * option_record_len(self.horizon_years)
    }

    /// Offset of the first sampled-input value within an iteration's record.
    pub fn sampled_offset(&self) -> usize {
        self.option_count * option_record_len(self.horizon_years)
    }

    /// Clamp counters: world inputs, then weekly costs, then each option's inputs.
    pub fn clamp_len(&self) -> usize {
        WorldInput::COUNT + self.weekly_keys.len() + self.option_count * OptionInput::COUNT
    }

    pub fn weekly_clamp_index(&self, k: usize) -> usize {
        WorldInput::COUNT + k
    }

    pub fn option_clamp_index(&self, o: usize, j: OptionInput) -> usize {
        WorldInput::COUNT + self.weekly_keys.len() + o * OptionInput::COUNT + j.index()
    }

    fn means_len(&self) -> usize {
        self.option_count * self.horizon_years * YEAR_MEANS
    }
}

/// Per option: cost per year, quality per year, NPC, mean quality, quality-at-risk flag.
pub(crate) fn option_record_len(horizon_years: usize) -> usize {
    2 * horizon_years + 3
}

/// Where, within an option's block, each figure sits.
pub(crate) mod slot {
    pub fn cost(y: usize) -> usize {
        y
    }
    pub fn quality(horizon: usize, y: usize) -> usize {
        horizon + y
    }
    pub fn npc(horizon: usize) -> usize {
        2 * horizon
    }
    pub fn mean_quality(horizon: usize) -> usize {
        2 * horizon + 1
    }
    pub fn at_risk(horizon: usize) -> usize {
        2 * horizon + 2
    }
}

/// Every iteration's recorded figures. Stored chunk by chunk, and within a chunk column by
/// column, so that statistics read each figure's values contiguously.
pub(crate) struct Records {
    data: Vec<f64>,
    record_len: usize,
    iterations: usize,
}

impl Records {
    /// The values of one recorded figure, in iteration order.
    pub fn column(&self, offset: usize) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.iterations);
        for (c, chunk) in self
            .data
            .chunks(CHUNK_ITERATIONS * self.record_len)
            .enumerate()
        {
            let iterations = (self.iterations - c * CHUNK_ITERATIONS).min(CHUNK_ITERATIONS);
            out.extend_from_slice(&chunk[offset * iterations..][..iterations]);
        }
        out
    }
}

/// One iteration's place in its chunk: figure `f` lives at `f * stride + k`.
struct Record<'a> {
    chunk: &'a mut [f64],
    stride: usize,
    k: usize,
}

impl Record<'_> {
    fn set(&mut self, figure: usize, value: f64) {
        self.chunk[figure * self.stride + self.k] = value;
    }
}

/// What one chunk of iterations adds up.
pub(crate) struct ChunkTotals {
    /// Sums of per-year means: `[option][year][YEAR_MEANS]`.
    pub means: Vec<f64>,
    pub clamps: Vec<u64>,
}

/// Iterations prepared together. Their options are stepped through the months together in
/// blocks of [`LANES`] (see [`simulate_workforce`]); with as many iterations as lanes, every
/// block is full whatever the number of options.
const GROUP: usize = LANES;

/// Scratch space reused by every group of iterations a worker runs. Per-iteration arrays are
/// indexed by the iteration's place `g` in its group; per-lane arrays by `g · options + o`.
struct Workspace {
    /// `[g][month]`: the demand path, after its noise factors (see [`demand_factors`]).
    cases: Vec<f64>,
    /// `[g][month]`: `1 + K_t`, or 1 in a month without a shock.
    shock_factors: Vec<f64>,
    /// `[g]`: `(1+g)^(1/12)`.
    monthly_growth: Vec<f64>,
    /// `[g]`: `effect_ramp_years`.
    ramp_years: Vec<f64>,
    /// `[g][year]`: Σ D_t over the year.
    year_cases: Vec<f64>,
    /// `[g][year]`: Σ D_t·ramp_t over the year.
    year_ramped: Vec<f64>,
    /// `[g]`.
    looked_after_share: Vec<f64>,
    /// `[lane][year]`.
    years: Vec<YearSums>,
    /// `[lane][year]`: did the provider fail that year?
    failed: Vec<bool>,
    workforce: Vec<WorkforceDraw>,
    rules: Vec<QualityRules>,
    cost: Vec<CostDraw>,
    reduction: Vec<f64>,
    lanes: Lanes,
}

impl Workspace {
    fn new(horizon_years: usize, options: usize) -> Self {
        let lanes = GROUP * options;
        Workspace {
            cases: vec![0.0; GROUP * 12 * horizon_years],
            shock_factors: vec![0.0; GROUP * 12 * horizon_years],
            monthly_growth: vec![0.0; GROUP],
            ramp_years: vec![0.0; GROUP],
            year_cases: vec![0.0; GROUP * horizon_years],
            year_ramped: vec![0.0; GROUP * horizon_years],
            looked_after_share: vec![0.0; GROUP],
            years: vec![YearSums::default(); lanes * horizon_years],
            failed: vec![false; lanes * horizon_years],
            workforce: Vec::with_capacity(lanes),
            rules: Vec::with_capacity(lanes),
            cost: Vec::with_capacity(lanes),
            reduction: Vec::with_capacity(lanes),
            lanes: Lanes::default(),
        }
    }
}

/// Runs the scenario. Results are bit-identical for the same scenario and settings, whatever the
/// machine and the number of threads.
pub fn run(
    scenario: &Scenario,
    settings: RunSettings,
    control: &RunControl,
) -> Result<RunResults, RunError> {
    let iterations = settings.iterations;
    if iterations == 0 || iterations > super::validate::MAX_ITERATIONS as u64 {
        return Err(RunError::Iterations { iterations });
    }
    let layout = Layout::new(scenario);
    let n = iterations as usize;
    let mut records = vec![0.0; n * layout.record_len];
    let chunk_len = CHUNK_ITERATIONS * layout.record_len;
    let totals: Vec<ChunkTotals> = records
        .par_chunks_mut(chunk_len)
        .enumerate()
        .map_init(
            || Workspace::new(layout.horizon_years, layout.option_count),
            |ws, (c, chunk)| {
                if control.is_cancelled() {
                    // Skipped whole: nothing allocated, so thousands of skipped chunks cost
                    // nothing.
                    return ChunkTotals {
                        means: Vec::new(),
                        clamps: Vec::new(),
                    };
                }
                let mut totals = ChunkTotals {
                    means: vec![0.0; layout.means_len()],
                    clamps: vec![0; layout.clamp_len()],
                };
                let first = c * CHUNK_ITERATIONS;
                let stride = chunk.len() / layout.record_len;
                for start in (0..stride).step_by(GROUP) {
                    // Checked per group of iterations, not only per chunk, so that a run of the
                    // largest scenarios stops within milliseconds of a cancel.
                    if control.is_cancelled() {
                        return totals;
                    }
                    let count = GROUP.min(stride - start);
                    ws.workforce.clear();
                    ws.rules.clear();
                    ws.cost.clear();
                    ws.reduction.clear();
                    for g in 0..count {
                        let mut record = Record {
                            chunk,
                            stride,
                            k: start + g,
                        };
                        prepare_iteration(
                            scenario,
                            &layout,
                            settings.seed,
                            (first + start + g) as u64,
                            g,
                            ws,
                            &mut record,
                            &mut totals,
                        );
                    }
                    let months = 12 * layout.horizon_years;
                    grow_paths(
                        &mut ws.cases[..count * months],
                        &ws.shock_factors[..count * months],
                        &ws.monthly_growth[..count],
                    );
                    for g in 0..count {
                        year_case_sums(ws, g, layout.horizon_years);
                    }
                    simulate_workforce(
                        VectorBuild::widest(),
                        &ws.workforce,
                        &ws.rules,
                        &ws.cases[..count * months],
                        layout.option_count,
                        &mut ws.lanes,
                        &mut ws.years,
                    );
                    for g in 0..count {
                        let mut record = Record {
                            chunk,
                            stride,
                            k: start + g,
                        };
                        cost_iteration(scenario, &layout, g, ws, &mut record, &mut totals);
                    }
                }
                control
                    .done
                    .fetch_add((chunk.len() / layout.record_len) as u64, Ordering::Relaxed);
                totals
            },
        )
        .collect();
    if control.is_cancelled() {
        // Handing gigabytes back to the system takes longer than stopping: do it on the pool,
        // not in the time of whoever pressed Cancel.
        super::results::release(records);
        return Err(RunError::Cancelled);
    }
    let mut means = vec![0.0; layout.means_len()];
    let mut clamps = vec![0u64; layout.clamp_len()];
    for t in &totals {
        for (m, x) in means.iter_mut().zip(&t.means) {
            *m += x;
        }
        for (m, x) in clamps.iter_mut().zip(&t.clamps) {
            *m += x;
        }
    }
    drop(totals);
    let records = Records {
        data: records,
        record_len: layout.record_len,
        iterations: n,
    };
    let Some(results) = summarise(
        scenario, &layout, settings, &records, &means, &clamps, control,
    ) else {
        super::results::release(records);
        return Err(RunError::Cancelled);
    };
    overflow_check(&results)?;
    Ok(results)
}

/// Refuses results with a figure that overflowed: valid inputs may still be large enough (growth
/// of 1,000% a year over 30 years) to pass the range of `f64`, and "£inf m" is no answer. A
/// non-finite figure in any iteration makes its option's NPC mean non-finite, and a non-finite
/// cost line or FTE makes the year's cost non-finite; the standard deviations overflow first of
/// all (they square the figures), so these are enough to look at.
fn overflow_check(results: &RunResults) -> Result<(), RunError> {
    for o in &results.options {
        let years_finite = o.years.iter().all(|y| {
            y.cost_mean.is_finite()
                && y.permanent_fte.is_finite()
                && y.agency_fte.is_finite()
                && y.uncovered_fte.is_finite()
        });
        let summaries_finite = [&o.npc, &o.npc_vs_baseline].iter().all(|s| {
            [s.mean, s.sd, s.p5, s.p10, s.p25, s.p50, s.p75, s.p90, s.p95]
                .iter()
                .all(|x| x.is_finite())
        });
        if !(summaries_finite && years_finite) {
            return Err(RunError::Overflow {
                option: o.name.clone(),
            });
        }
    }
    Ok(())
}

/// One possible future, first part: every input drawn and the factors of the demand path (the
/// group's paths are grown together afterwards, by [`grow_paths`]), for iteration `iteration` at
/// place `g` of its group. Pushes one workforce lane per option.
#[allow(clippy::too_many_arguments)]
fn prepare_iteration(
    s: &Scenario,
    layout: &Layout,
    seed: u64,
    iteration: u64,
    g: usize,
    ws: &mut Workspace,
    record: &mut Record<'_>,
    totals: &mut ChunkTotals,
) {
    let horizon = layout.horizon_years;
    let months = 12 * horizon;
    let sampled_offset = layout.sampled_offset();
    let streams = IterationStreams::new(seed, iteration);

    let mut world = [0.0; WorldInput::COUNT];
    for &input in WorldInput::ALL {
        let k = input.index();
        if input == WorldInput::ShockSize {
            continue;
        }
        let sampler = &s.world[k];
        world[k] = match sampler.fixed_value() {
            Some(x) => x,
            None => {
                let (x, clamped) = sampler.draw(&mut streams.stream(layout.world_keys[k]));
                totals.clamps[k] += u64::from(clamped);
                x
            }
        };
        if let Some(slot) = layout.world_slot[k] {
            record.set(sampled_offset + slot, world[k]);
        }
    }
    let w = |input: WorldInput| world[input.index()];

    let mut weekly_placement_cost = 0.0;
    for (k, p) in s.placements.iter().enumerate() {
        let cost = match p.weekly_cost.fixed_value() {
            Some(x) => x,
            None => {
                let (x, clamped) = p
                    .weekly_cost
                    .draw(&mut streams.stream(layout.weekly_keys[k]));
                totals.clamps[layout.weekly_clamp_index(k)] += u64::from(clamped);
                x
            }
        };
        if let Some(slot) = layout.weekly_slot[k] {
            record.set(sampled_offset + slot, cost);
        }
        weekly_placement_cost += p.share * cost;
    }

    let demand = DemandDraw {
        open_cases: w(WorldInput::OpenCases),
        annual_growth: w(WorldInput::AnnualGrowth),
        monthly_volatility: w(WorldInput::MonthlyVolatility),
        shock_probability_per_year: w(WorldInput::ShockProbability),
    };
    let shock_key = layout.world_keys[WorldInput::ShockSize.index()];
    let shocks = demand_factors(
        &demand,
        &s.world[WorldInput::ShockSize.index()],
        &mut streams.stream(layout.noise_key),
        &mut streams.stream(layout.occurrence_key),
        &mut streams.stream(shock_key),
        &mut ws.cases[g * months..][..months],
        &mut ws.shock_factors[g * months..][..months],
    );
    ws.monthly_growth[g] = demand.monthly_growth();
    totals.clamps[WorldInput::ShockSize.index()] += shocks.clamped;
    if let Some(slot) = layout.shock_slot {
        record.set(sampled_offset + slot, shocks.total_size);
    }
    ws.ramp_years[g] = w(WorldInput::EffectRampYears);
    ws.looked_after_share[g] = w(WorldInput::LookedAfterShare);
    let file = s.file();
    let lane_base = g * layout.option_count;
    for (o, option) in s.options.iter().enumerate() {
        let mut v = [0.0; OptionInput::COUNT];
        for &input in OptionInput::ALL {
            let j = input.index();
            let sampler = &option.inputs[j];
            v[j] = match sampler.fixed_value() {
                Some(x) => x,
                None => {
                    let (x, clamped) = sampler.draw(&mut streams.stream(layout.option_keys[o][j]));
                    totals.clamps[layout.option_clamp_index(o, input)] += u64::from(clamped);
                    x
                }
            };
            if let Some(slot) = layout.option_slot[o][j] {
                record.set(sampled_offset + slot, v[j]);
            }
        }
        let ov = |input: OptionInput| v[input.index()];

        let mut events = streams.stream(layout.failure_keys[o]);
        let failure_probability = ov(OptionInput::FailureProbability);
        let lane = lane_base + o;
        for (y, failed) in ws.failed[lane * horizon..][..horizon]
            .iter_mut()
            .enumerate()
        {
            // One uniform per year, used or not, so year y's event does not depend on earlier ones.
            let u: f64 = events.random();
            *failed = y >= 1 && u < failure_probability;
        }

        ws.workforce.push(WorkforceDraw {
            target_caseload: ov(OptionInput::TargetCaseload),
            reference_caseload: w(WorldInput::ReferenceCaseload),
            initial_vacancy_rate: w(WorldInput::InitialVacancyRate),
            initial_new_starter_share: w(WorldInput::InitialNewStarterShare),
            new_starter_productivity: w(WorldInput::NewStarterProductivity),
            agency_cover: ov(OptionInput::AgencyCover),
            fill_rate: (1.0 / ov(OptionInput::TimeToFillMonths)).min(1.0),
            annual_turnover: ov(OptionInput::AnnualTurnover),
            turnover_pressure: w(WorldInput::TurnoverPressure),
            transition_turnover_uplift: ov(OptionInput::TransitionTurnoverUplift),
            transition_years: ov(OptionInput::TransitionYears),
            span_of_control: ov(OptionInput::SpanOfControl),
            support_staff_ratio: ov(OptionInput::SupportStaffRatio),
        });
        ws.rules.push(QualityRules::new(
            &file.quality,
            ov(OptionInput::PracticeQualityDelta),
        ));
        ws.cost.push(CostDraw {
            salary_new_starter: w(WorldInput::SalaryNewStarter),
            salary_experienced: w(WorldInput::SalaryExperienced),
            salary_manager: w(WorldInput::SalaryManager),
            salary_support: w(WorldInput::SalarySupport),
            oncost_rate: w(WorldInput::OncostRate),
            pension_rate_delta: ov(OptionInput::PensionRateDelta),
            pay_inflation: w(WorldInput::PayInflation),
            agency_premium: w(WorldInput::AgencyPremium),
            cost_per_hire: w(WorldInput::CostPerHire),
            non_pay_per_fte: w(WorldInput::NonPayPerFte),
            general_inflation: w(WorldInput::GeneralInflation),
            placement_inflation: w(WorldInput::PlacementInflation),
            weekly_placement_cost,
            overhead_rate: ov(OptionInput::OverheadRate),
            vat_leakage: ov(OptionInput::VatLeakage),
            annual_efficiency: ov(OptionInput::AnnualEfficiency),
            governance_cost: ov(OptionInput::GovernanceCost),
            client_side_cost: ov(OptionInput::ClientSideCost),
            stranded_cost: ov(OptionInput::StrandedCost),
            stranded_years: ov(OptionInput::StrandedYears),
            setup_cost: ov(OptionInput::SetupCost),
            optimism_bias: ov(OptionInput::OptimismBias),
            contract_years: option.contract_years,
            reprocurement_cost: ov(OptionInput::ReprocurementCost),
            failure_cost: ov(OptionInput::FailureCost),
        });
        ws.reduction.push(ov(OptionInput::LookedAfterReduction));
    }
}

/// Σ D_t and Σ D_t·ramp_t over each year of the demand path of the iteration at place `g` of its
/// group.
fn year_case_sums(ws: &mut Workspace, g: usize, horizon: usize) {
    let months = 12 * horizon;
    let ramp_years = ws.ramp_years[g];
    let cases = &ws.cases[g * months..][..months];
    for (y, (sum, ramped)) in ws.year_cases[g * horizon..][..horizon]
        .iter_mut()
        .zip(ws.year_ramped[g * horizon..][..horizon].iter_mut())
        .enumerate()
    {
        *sum = 0.0;
        *ramped = 0.0;
        for m in 0..12 {
            let t = 12 * y + m;
            let d = cases[t];
            *sum += d;
            *ramped += d * ramp_share(t, ramp_years);
        }
    }
}

/// One possible future, last part: each option's costs, quality and NPC from its workforce
/// lane, for the iteration at place `g` of its group.
fn cost_iteration(
    s: &Scenario,
    layout: &Layout,
    g: usize,
    ws: &mut Workspace,
    record: &mut Record<'_>,
    totals: &mut ChunkTotals,
) {
    let horizon = layout.horizon_years;
    let file = s.file();
    let discount_rate = file.appraisal.discount_rate;
    let threshold = file.appraisal.quality_threshold;
    let looked_after_share = ws.looked_after_share[g];
    let year_cases = &ws.year_cases[g * horizon..][..horizon];
    let year_ramped = &ws.year_ramped[g * horizon..][..horizon];
    for o in 0..layout.option_count {
        let lane = g * layout.option_count + o;
        let cost = &ws.cost[lane];
        let reduction = ws.reduction[lane];
        let block = layout.option_offset(o);
        let mut quality_total = 0.0;
        let mut at_risk = false;
        let mut index = YearIndices::START;
        // (1 + r)^y, and NPC = Σ_y (C_y / I^gen_y) / (1 + r)^y (MODEL.md §7).
        let mut discount = 1.0;
        let mut npc = 0.0;
        for (y, sums) in ws.years[lane * horizon..][..horizon].iter().enumerate() {
            let looked_after_months =
                looked_after_share * (year_cases[y] - reduction * year_ramped[y]);
            let lines = year_lines(
                y,
                horizon,
                sums,
                looked_after_months,
                cost,
                ws.failed[lane * horizon + y],
                &index,
            );
            let year_cost: f64 = lines.iter().sum();
            let quality = sums.quality / 12.0;
            npc += year_cost / index.general / discount;
            index = index.next(cost);
            discount *= 1.0 + discount_rate;
            record.set(block + slot::cost(y), year_cost);
            record.set(block + slot::quality(horizon, y), quality);
            quality_total += quality;
            at_risk |= quality < threshold;

            let means = &mut totals.means[(o * horizon + y) * YEAR_MEANS..][..YEAR_MEANS];
            for (m, line) in means.iter_mut().zip(lines) {
                *m += line;
            }
            means[MEAN_PERMANENT] += sums.permanent / 12.0;
            means[MEAN_AGENCY] += sums.agency / 12.0;
            means[MEAN_UNCOVERED] += sums.uncovered / 12.0;
        }
        record.set(block + slot::npc(horizon), npc);
        record.set(
            block + slot::mean_quality(horizon),
            quality_total / horizon as f64,
        );
        record.set(
            block + slot::at_risk(horizon),
            if at_risk { 1.0 } else { 0.0 },
        );
    }
}
