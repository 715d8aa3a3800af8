//! The Monte Carlo engine: draws every input of every iteration on common random numbers, runs
//! demand, workforce, cost and quality for each option, and hands the per-iteration figures to
//! [`super::results`].
//!
//! Parallel across iterations with rayon, in chunks of a fixed size whose partial sums are added
//! in chunk order, so the result is bit-identical for any number of threads. Nothing is allocated
//! inside the monthly loop, and each iteration keeps per-year figures, not monthly paths.

use std::sync::atomic::Ordering;

use rand::RngExt;
use rayon::prelude::*;

use super::contract::ContractTerms;
pub use super::control::{RunControl, RunError, RunSettings};
use super::cost::{CostDraw, YearIndices, year_lines};
use super::demand::{DemandDraw, demand_factors, grow_paths, ramp_share};
use super::inputs::{BlockInput, ContractInput, OptionInput, WorldInput};
use super::latin::{Block, DrawPlan, Sampling};
pub use super::layout::CHUNK_ITERATIONS;
use super::layout::{
    ChunkTotals, Layout, MEAN_AGENCY, MEAN_PERMANENT, MEAN_UNCOVERED, Record, Records, slot,
};
use super::option_year::whole_budget_option;
use super::quality::QualityRules;
use super::results::{RunResults, summarise};
use super::rng::IterationStreams;
use super::simd::VectorBuild;
use super::validate::Scenario;
use super::workspace::{GROUP, LaneContract, WholeBudgetWorld, Workspace};

use super::workforce::{WorkforceDraw, simulate_workforce, sustaining_fill_rate};

/// Runs the scenario. Results are bit-identical for the same scenario and settings, whatever the
/// machine and the number of threads.
pub fn run(
    scenario: &Scenario,
    settings: RunSettings,
    control: &RunControl,
) -> Result<RunResults, RunError> {
    let Simulated {
        layout,
        records,
        means,
        clamps,
    } = simulate(scenario, settings, control)?;
    let Some(results) = summarise(
        scenario, &layout, settings, &records, &means, &clamps, control,
    ) else {
        super::results::release(records);
        return Err(RunError::Cancelled);
    };
    overflow_check(&results)?;
    Ok(results)
}

/// Each option's net present cost in every iteration (£, `[option][iteration]`), and nothing
/// else: the same futures and the same arithmetic as [`run`], without its statistics. For
/// analyses that re-run a scenario many times and need only the NPCs (switching values, swings).
pub fn run_npc(
    scenario: &Scenario,
    settings: RunSettings,
    control: &RunControl,
) -> Result<Vec<Vec<f64>>, RunError> {
    let Simulated {
        layout, records, ..
    } = simulate(scenario, settings, control)?;
    let horizon = layout.horizon_years;
    let npc: Vec<Vec<f64>> = (0..layout.option_count)
        .map(|o| records.column(layout.option_offset(o) + slot::npc(horizon)))
        .collect();
    super::results::release(records);
    if let Some((o, _)) = npc
        .iter()
        .enumerate()
        .find(|(_, col)| col.iter().any(|x| !x.is_finite()))
    {
        return Err(RunError::Overflow {
            option: scenario.options[o].name.clone(),
        });
    }
    Ok(npc)
}

/// What the iterations of a run leave behind, before any statistics.
struct Simulated {
    layout: Layout,
    records: Records,
    means: Vec<f64>,
    clamps: Vec<u64>,
}

/// Runs every iteration of the scenario into its records.
fn simulate(
    scenario: &Scenario,
    settings: RunSettings,
    control: &RunControl,
) -> Result<Simulated, RunError> {
    let iterations = settings.iterations;
    if iterations == 0 || iterations > super::validate::MAX_ITERATIONS as u64 {
        return Err(RunError::Iterations { iterations });
    }
    let layout = Layout::new(scenario);
    let expected = expected_provider_costs(scenario)?;
    let n = iterations as usize;
    let plan = draw_plan(scenario, &layout, settings);
    let mut records = super::columns::run_records(scenario, n, layout.record_len)?;
    let chunk_len = CHUNK_ITERATIONS * layout.record_len;
    let totals: Vec<ChunkTotals> = records
        .par_chunks_mut(chunk_len)
        .enumerate()
        .map_init(
            || {
                let ws = Workspace::new(
                    layout.horizon_years,
                    layout.option_count,
                    layout.means.blocks,
                );
                (ws, Block::default())
            },
            |(ws, block), (c, chunk)| {
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
                plan.cover(first as u64, stride, block);
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
                    ws.contracts.clear();
                    for g in 0..count {
                        let mut record = Record {
                            chunk,
                            stride,
                            k: start + g,
                        };
                        prepare_iteration(
                            scenario,
                            &layout,
                            &expected,
                            &plan,
                            block,
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
    Ok(Simulated {
        layout,
        records,
        means,
        clamps,
    })
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
    expected: &[f64],
    plan: &DrawPlan,
    block: &Block,
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
                let (x, clamped) =
                    plan.draw(block, sampler, layout.world_keys[k], iteration, &streams);
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
                let (x, clamped) = plan.draw(
                    block,
                    &p.weekly_cost,
                    layout.weekly_keys[k],
                    iteration,
                    &streams,
                );
                totals.clamps[layout.weekly_clamp_index(k)] += u64::from(clamped);
                x
            }
        };
        if let Some(slot) = layout.weekly_slot[k] {
            record.set(sampled_offset + slot, cost);
        }
        weekly_placement_cost += p.share * cost;
    }

    if layout.means.whole_budget {
        let blocks = layout.means.blocks;
        for (k, b) in s.blocks.iter().enumerate() {
            for input in BlockInput::ALL {
                let sampler = match input {
                    BlockInput::UnitCost => &b.unit_cost,
                    BlockInput::Inflation => &b.inflation,
                };
                let value = match sampler.fixed_value() {
                    Some(x) => x,
                    None => {
                        let (x, clamped) = plan.draw(
                            block,
                            sampler,
                            layout.block_keys[k][input as usize],
                            iteration,
                            &streams,
                        );
                        totals.clamps[layout.block_clamp_index(k, input)] += u64::from(clamped);
                        x
                    }
                };
                if let Some(slot) = layout.block_slot[k][input as usize] {
                    record.set(sampled_offset + slot, value);
                }
                match input {
                    BlockInput::UnitCost => ws.block_unit[g * blocks + k] = value,
                    BlockInput::Inflation => ws.block_inflation[g * blocks + k] = value,
                }
            }
        }
        let retained = match s.retained_overhead.fixed_value() {
            Some(x) => x,
            None => {
                let (x, clamped) = plan.draw(
                    block,
                    &s.retained_overhead,
                    layout.retained_key,
                    iteration,
                    &streams,
                );
                totals.clamps[layout.retained_clamp_index()] += u64::from(clamped);
                x
            }
        };
        if let Some(slot) = layout.retained_slot {
            record.set(sampled_offset + slot, retained);
        }
        let open_cases = w(WorldInput::OpenCases);
        ws.world_extra[g] = WholeBudgetWorld {
            establishment_scale: 1.0 + w(WorldInput::NonCaseHoldingRatio),
            children_in_need_per_case: w(WorldInput::ChildrenInNeed) / open_cases,
            child_population: w(WorldInput::ChildPopulation),
            child_population_growth: w(WorldInput::ChildPopulationGrowth),
            retained_overhead: retained,
        };
    }

    let demand = DemandDraw {
        open_cases: w(WorldInput::OpenCases),
        annual_growth: w(WorldInput::AnnualGrowth),
        monthly_volatility: w(WorldInput::MonthlyVolatility),
        shock_probability_per_year: w(WorldInput::ShockProbability),
        maths: s.maths(),
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
                    let (x, clamped) = plan.draw(
                        block,
                        sampler,
                        layout.option_keys[o][j],
                        iteration,
                        &streams,
                    );
                    totals.clamps[layout.option_clamp_index(o, input)] += u64::from(clamped);
                    x
                }
            };
            if let Some(slot) = layout.option_slot[o][j] {
                record.set(sampled_offset + slot, v[j]);
            }
        }
        let ov = |input: OptionInput| v[input.index()];

        let lane = lane_base + o;
        let failures = &mut ws.failed[lane * horizon..][..horizon];
        if layout.means.whole_budget {
            // The whole-budget model has no random provider failure.
            failures.fill(false);
        } else {
            let mut events = streams.stream(layout.failure_keys[o]);
            let failure_probability = ov(OptionInput::FailureProbability);
            for (y, failed) in failures.iter_mut().enumerate() {
                // One uniform per year, used or not, so year y's event does not depend on
                // earlier ones.
                let u: f64 = events.random();
                *failed = y >= 1 && u < failure_probability;
            }
        }

        let mut workforce = WorkforceDraw {
            target_caseload: ov(OptionInput::TargetCaseload),
            reference_caseload: w(WorldInput::ReferenceCaseload),
            initial_vacancy_rate: w(WorldInput::InitialVacancyRate),
            initial_new_starter_share: w(WorldInput::InitialNewStarterShare),
            new_starter_productivity: w(WorldInput::NewStarterProductivity),
            agency_cover: ov(OptionInput::AgencyCover),
            agency_beyond_vacancies: ov(OptionInput::AgencyBeyondVacancies),
            fill_rate: (1.0 / ov(OptionInput::TimeToFillMonths)).min(1.0),
            annual_turnover: ov(OptionInput::AnnualTurnover),
            turnover_pressure: w(WorldInput::TurnoverPressure),
            transition_turnover_uplift: ov(OptionInput::TransitionTurnoverUplift),
            transition_years: ov(OptionInput::TransitionYears),
            span_of_control: ov(OptionInput::SpanOfControl),
            support_staff_ratio: ov(OptionInput::SupportStaffRatio),
            maths: s.maths(),
        };
        if layout.means.whole_budget {
            workforce.fill_rate = sustaining_fill_rate(
                &workforce,
                w(WorldInput::OpenCases),
                ws.monthly_growth[g],
                ov(OptionInput::SustainedVacancyRate),
            );
        }
        ws.workforce.push(workforce);
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
            overhead_fixed: ov(OptionInput::OverheadFixed) / option.councils_served,
            governance_share: 1.0 / option.councils_served,
        });
        ws.reduction.push(ov(OptionInput::LookedAfterReduction));
        let contract = option.contract.as_ref().map(|c| {
            let mut v = [0.0; ContractInput::COUNT];
            for &j in ContractInput::ALL.iter() {
                let sampler = &c.inputs[j.index()];
                v[j.index()] = match sampler.fixed_value() {
                    Some(x) => x,
                    None => {
                        let (x, clamped) = plan.draw(
                            block,
                            sampler,
                            layout.contract_keys[o][j.index()],
                            iteration,
                            &streams,
                        );
                        totals.clamps[layout.contract_clamp_index(o, j)] += u64::from(clamped);
                        x
                    }
                };
                if let Some(slot) = layout.contract_slot[o][j.index()] {
                    record.set(sampled_offset + slot, v[j.index()]);
                }
            }
            let cv = |j: ContractInput| v[j.index()];
            let bidders = &mut ws.bidders[lane * horizon..][..horizon];
            let term = option.contract_years as usize;
            let bidder_sampler = &c.inputs[ContractInput::Bidders.index()];
            let mut events = streams.stream(layout.bidder_keys[o]);
            for (y, b) in bidders.iter_mut().enumerate() {
                // One draw at each re-procurement, in order; the first is the one drawn above.
                *b = if term >= 1 && y >= term && y.is_multiple_of(term) {
                    if y == term {
                        cv(ContractInput::Bidders)
                    } else {
                        bidder_sampler.draw(&mut events).0
                    }
                } else {
                    f64::NAN
                };
            }
            LaneContract {
                terms: ContractTerms {
                    first_sum: if c.from_expected_cost {
                        expected[o] * (1.0 - cv(ContractInput::Sum))
                    } else {
                        cv(ContractInput::Sum)
                    },
                    indexation: cv(ContractInput::Indexation),
                    renegotiation: c.renegotiation,
                    provider_share: cv(ContractInput::ProviderShare),
                    underspend_kept: cv(ContractInput::UnderspendKept),
                    initial_reserves: cv(ContractInput::InitialReserves),
                    return_lag_years: c.return_lag_years,
                    kpi_quality: c.kpi_quality,
                    kpi_years: c.kpi_years,
                    on_kpi_breach: c.on_kpi_breach,
                    on_reserves_exhausted: c.on_reserves_exhausted,
                    no_bidder_premium: cv(ContractInput::NoBidderPremium),
                    one_bidder_premium: cv(ContractInput::OneBidderPremium),
                },
                improvement_plan_cost: cv(ContractInput::ImprovementPlanCost),
                return_cost: cv(ContractInput::ReturnCost),
                return_turnover_uplift: cv(ContractInput::ReturnTurnoverUplift),
                return_years: cv(ContractInput::ReturnYears),
                return_new_starter_share: cv(ContractInput::ReturnNewStarterShare),
            }
        });
        ws.contracts.push(contract);
    }
}

/// Where each iteration takes each input from: independent Monte Carlo draws, or Latin hypercube
/// strata, with any rank correlations arranged in.
fn draw_plan(s: &Scenario, layout: &Layout, settings: RunSettings) -> DrawPlan {
    let sampling = s.sampling();
    if sampling == Sampling::MonteCarlo && s.correlations().is_empty() {
        return DrawPlan::monte_carlo();
    }
    let n = settings.iterations as usize;
    let arranged =
        super::correlation::arrange(s, layout, s.correlations(), sampling, settings.seed, n);
    let samplers = layout
        .sampled
        .iter()
        .filter_map(|x| super::correlation::key_and_sampler(s, layout, x.source));
    DrawPlan::new(
        sampling,
        settings.seed,
        settings.iterations,
        samplers,
        arranged,
    )
}

/// The provider's expected cost in year 0 of each option whose contract sum is set from it: its
/// year-0 cost with every input at its mean, no demand noise and no shocks (0 for the others).
fn expected_provider_costs(s: &Scenario) -> Result<Vec<f64>, RunError> {
    let wanted: Vec<bool> = s
        .options
        .iter()
        .map(|o| o.contract.as_ref().is_some_and(|c| c.from_expected_cost))
        .collect();
    if !wanted.contains(&true) {
        return Ok(vec![0.0; s.options.len()]);
    }
    let central = super::central::central_file(s.file());
    let checked =
        super::validate::validate(&central).map_err(|e| RunError::ExpectedCost(e.to_string()))?;
    let results = run(
        &checked,
        RunSettings {
            iterations: 1,
            seed: s.seed(),
        },
        &RunControl::new(),
    )?;
    Ok(results
        .options
        .iter()
        .zip(&wanted)
        .map(|(o, &w)| {
            let cost = o
                .years
                .first()
                .and_then(|y| y.contract.as_ref())
                .map_or(0.0, |c| c.provider_cost);
            if w { cost } else { 0.0 }
        })
        .collect())
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
    if layout.means.whole_budget {
        for o in 0..layout.option_count {
            whole_budget_option(s, layout, g, o, ws, record, totals);
        }
        return;
    }
    let horizon = layout.horizon_years;
    let file = s.file();
    let discount_rate = file.appraisal.discount_rate;
    let threshold = file.appraisal.quality_threshold;
    let looked_after_share = ws.looked_after_share[g];
    let year_cases = &ws.year_cases[g * horizon..][..horizon];
    let year_ramped = &ws.year_ramped[g * horizon..][..horizon];
    let stride = layout.means.stride;
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
            let means = &mut totals.means[(o * horizon + y) * stride..][..stride];
            let lines = year_lines(
                y,
                horizon,
                sums,
                looked_after_months,
                cost,
                ws.failed[lane * horizon + y],
                &index,
            );
            for (m, line) in means.iter_mut().zip(lines) {
                *m += line;
            }
            means[MEAN_PERMANENT] += sums.permanent / 12.0;
            means[MEAN_AGENCY] += sums.agency / 12.0;
            means[MEAN_UNCOVERED] += sums.uncovered / 12.0;
            let year_cost: f64 = lines.iter().sum();
            let quality = sums.quality / 12.0;
            npc += year_cost / index.general / discount;
            index = index.next(cost);
            discount *= 1.0 + discount_rate;
            record.set(block + slot::cost(y), year_cost);
            record.set(block + slot::quality(horizon, y), quality);
            quality_total += quality;
            at_risk |= quality < threshold;
        }
        record.set_totals(block, horizon, npc, quality_total, at_risk);
    }
}
