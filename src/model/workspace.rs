//! Scratch space the engine reuses from one group of iterations to the next: demand paths,
//! each lane's draws, the workforce's yearly sums, and the whole-budget model's extra draws.

use super::contract::ContractTerms;
use super::cost::CostDraw;
use super::quality::QualityRules;
use super::workforce::{LANES, Lanes, WorkforceDraw, YearSums};

/// Iterations prepared together. Their options are stepped through the months together in
/// blocks of [`LANES`] (see [`simulate_workforce`]); with as many iterations as lanes, every
/// block is full whatever the number of options.
pub(crate) const GROUP: usize = LANES;

/// Scratch space reused by every group of iterations a worker runs. Per-iteration arrays are
/// indexed by the iteration's place `g` in its group; per-lane arrays by `g · options + o`.
pub(crate) struct Workspace {
    /// `[g][month]`: the demand path, after its noise factors (see [`demand_factors`]).
    pub(crate) cases: Vec<f64>,
    /// `[g][month]`: `1 + K_t`, or 1 in a month without a shock.
    pub(crate) shock_factors: Vec<f64>,
    /// `[g]`: `(1+g)^(1/12)`.
    pub(crate) monthly_growth: Vec<f64>,
    /// `[g]`: `effect_ramp_years`.
    pub(crate) ramp_years: Vec<f64>,
    /// `[g][year]`: Σ D_t over the year.
    pub(crate) year_cases: Vec<f64>,
    /// `[g][year]`: Σ D_t·ramp_t over the year.
    pub(crate) year_ramped: Vec<f64>,
    /// `[g]`.
    pub(crate) looked_after_share: Vec<f64>,
    /// `[lane][year]`.
    pub(crate) years: Vec<YearSums>,
    /// `[lane][year]`: did the provider fail that year?
    pub(crate) failed: Vec<bool>,
    pub(crate) workforce: Vec<WorkforceDraw>,
    pub(crate) rules: Vec<QualityRules>,
    pub(crate) cost: Vec<CostDraw>,
    pub(crate) reduction: Vec<f64>,
    pub(crate) lanes: Lanes,
    /// Whole-budget model: `[g]`, the iteration's scenario-wide draws beyond MODEL.md's.
    pub(crate) world_extra: Vec<WholeBudgetWorld>,
    /// Whole-budget model: `[g][block]`, each block's unit cost and inflation.
    pub(crate) block_unit: Vec<f64>,
    pub(crate) block_inflation: Vec<f64>,
    /// Whole-budget model: `[lane]`, the contract of an outsourced option.
    pub(crate) contracts: Vec<Option<LaneContract>>,
    /// Whole-budget model: `[lane][year]`, credible bidders at a re-procurement in that year.
    pub(crate) bidders: Vec<f64>,
    /// One lane's years, re-simulated after its service comes back in-house.
    pub(crate) resumed: Vec<YearSums>,
    pub(crate) resume_lanes: Lanes,
}

/// The scenario-wide draws of one iteration that only the whole-budget model has.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WholeBudgetWorld {
    /// `1 + ν`: all qualified social workers per case-holding one.
    pub(crate) establishment_scale: f64,
    /// Children in need per open case at the start.
    pub(crate) children_in_need_per_case: f64,
    pub(crate) child_population: f64,
    pub(crate) child_population_growth: f64,
    /// The council's overhead on the blocks it keeps.
    pub(crate) retained_overhead: f64,
}

impl Workspace {
    pub(crate) fn new(horizon_years: usize, options: usize, blocks: usize) -> Self {
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
            world_extra: vec![WholeBudgetWorld::default(); GROUP],
            block_unit: vec![0.0; GROUP * blocks],
            block_inflation: vec![0.0; GROUP * blocks],
            contracts: Vec::with_capacity(lanes),
            bidders: vec![0.0; lanes * horizon_years],
            resumed: vec![YearSums::default(); horizon_years],
            resume_lanes: Lanes::default(),
        }
    }
}

/// What a contract adds to a lane beyond its yearly terms: the costs and disruption of its
/// triggers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LaneContract {
    pub terms: ContractTerms,
    pub improvement_plan_cost: f64,
    pub return_cost: f64,
    pub return_turnover_uplift: f64,
    pub return_years: f64,
    pub return_new_starter_share: f64,
}
