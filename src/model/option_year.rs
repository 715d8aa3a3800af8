//! One option's years in one iteration under the whole-budget model (docs/MODEL.md §6 and §8):
//! its cost lines and blocks, the split between what its provider spends and what the council
//! keeps, and, for an outsourced option, its contract year by year, with the improvement plans
//! and the return in-house that the contract's triggers bring.
//!
//! After a return, the option runs on the in-house option's draws of the same iteration: its
//! workforce is simulated again from the staff in post at that point, with the disruption of
//! the transfer, and its costs are the in-house option's.

use super::contract::{ContractRun, Market};
use super::cost::{
    BudgetIndices, CostDraw, CostLine, Drivers, LINE_COUNT, MAX_INLINE_BLOCKS, WholeBudgetYear,
    YearIndices, whole_budget_lines, year_lines,
};
use super::layout::{
    ChunkTotals, Extra, Layout, MEAN_AGENCY, MEAN_PERMANENT, MEAN_UNCOVERED, Record, slot,
};
use super::scenario::Intervention;
use super::validate::Scenario;
use super::workforce::resume_workforce;
use super::workspace::Workspace;

/// Cost lines a provider spends; the rest (client side, stranded costs, set-up,
/// re-procurement) are the council's own.
const PROVIDER_LINES: [CostLine; 9] = [
    CostLine::Permanent,
    CostLine::Agency,
    CostLine::Managers,
    CostLine::Support,
    CostLine::Recruitment,
    CostLine::NonPay,
    CostLine::Overhead,
    CostLine::Vat,
    CostLine::Governance,
];

/// What the year costs and who spends it.
#[derive(Default)]
struct YearCost {
    lines: [f64; LINE_COUNT],
    /// Each block's cost.
    blocks: [f64; MAX_INLINE_BLOCKS],
    /// What the provider spends: its lines, the placements if it runs them, its blocks.
    provider: f64,
    /// Everything: the year's cost before any contract.
    total: f64,
}

/// Option `o` of the iteration at place `g` of its group: its years, NPC and quality into
/// `record`, its per-year figures into `totals`.
pub(crate) fn whole_budget_option(
    s: &Scenario,
    layout: &Layout,
    g: usize,
    o: usize,
    ws: &mut Workspace,
    record: &mut Record<'_>,
    totals: &mut ChunkTotals,
) {
    let horizon = layout.horizon_years;
    let options = layout.option_count;
    let file = s.file();
    let discount_rate = file.appraisal.discount_rate;
    let threshold = file.appraisal.quality_threshold;
    let lane = g * options + o;
    let world = ws.world_extra[g];
    let blocks = layout.means.blocks;
    let stride = layout.means.stride;
    let lm = layout.means;
    let base = layout.option_offset(o);
    let months = 12 * horizon;

    ws.resumed
        .copy_from_slice(&ws.years[lane * horizon..][..horizon]);
    // Who runs the service, and on whose draws: this option's, or after a return in-house the
    // in-house option's.
    let mut runner = o;
    let mut cost: CostDraw = ws.cost[lane];
    let mut index = YearIndices::START;
    let mut budget_index = BudgetIndices::start(blocks);
    let mut discount = 1.0;
    let (mut npc, mut quality_total, mut at_risk) = (0.0, 0.0, false);
    let lane_contract = ws.contracts[lane];
    let mut contract = lane_contract.map(|c| ContractRun::new(c.terms));
    let mut returned_in: Option<usize> = None;
    let mut plan_due = false;
    let (mut overspent, mut overspent_5, mut returned_total) = (false, false, 0.0);
    let mut year = YearCost::default();
    for y in 0..horizon {
        // The workforce as simulated, or after a return in-house as simulated again.
        let sums = if returned_in.is_some() {
            ws.resumed[y]
        } else {
            ws.years[lane * horizon + y]
        };
        let runner_lane = g * options + runner;
        let reduction = ws.reduction[runner_lane];
        let looked_after_months = ws.looked_after_share[g]
            * (ws.year_cases[g * horizon + y] - reduction * ws.year_ramped[g * horizon + y]);
        let cases = ws.year_cases[g * horizon + y];
        let drivers = Drivers {
            cases: cases / 12.0,
            looked_after: looked_after_months / 12.0,
            children_in_need: world.children_in_need_per_case * cases / 12.0,
            child_population: world.child_population * budget_index.population,
        };
        let scaled = sums.scaled(world.establishment_scale);
        year_cost(
            &mut year,
            s,
            runner,
            y,
            horizon,
            &scaled,
            looked_after_months,
            &cost,
            &index,
            &budget_index,
            &drivers,
            &ws.block_unit[g * blocks..][..blocks],
            world.retained_overhead,
        );
        let quality = sums.quality / 12.0;

        // The council's cost: the year's cost, with the provider's cost replaced by what the
        // contract makes the council pay for it, plus plans and a return.
        let mut adjustment = 0.0;
        let mut plan = 0.0;
        let mut return_cost = 0.0;
        let means = &mut totals.means[(o * horizon + y) * stride..][..stride];
        if plan_due {
            plan = lane_contract.map_or(0.0, |c| c.improvement_plan_cost) * index.general;
            plan_due = false;
        }
        if returned_in == Some(y) {
            return_cost = lane_contract.map_or(0.0, |c| c.return_cost) * index.general;
            // What the ended contract still owed is settled now.
            if let Some(run) = contract.take() {
                adjustment += run.owed();
            }
        }
        if let (Some(run), Some(c)) = (contract.as_mut(), lane_contract) {
            let term = s.options[o].contract_years as usize;
            let market = if term >= 1 && y >= term && y.is_multiple_of(term) {
                Market::Bidders(ws.bidders[lane * horizon + y].floor())
            } else {
                Market::None
            };
            let cy = run.year(y, year.provider, quality, market);
            let mut settled = cy.settled;
            if y + 1 == horizon {
                // The last year: what is still owed is settled within the appraisal.
                settled += run.owed();
            }
            adjustment += cy.sum + settled - year.provider;
            overspent |= cy.overspend > 0.01 * cy.sum;
            overspent_5 |= cy.overspend > 0.05 * cy.sum;
            returned_total += (cy.overspend - cy.absorbed).max(0.0);
            record.set(base + slot::provider_cost(horizon, y), cy.provider_cost);
            record.set(base + slot::contract_sum(horizon, y), cy.sum);
            means[lm.extra(Extra::ContractSum)] += cy.sum;
            means[lm.extra(Extra::ProviderCost)] += cy.provider_cost;
            means[lm.extra(Extra::Overspend)] += cy.overspend;
            means[lm.extra(Extra::Settled)] += settled;
            means[lm.extra(Extra::Reserves)] += cy.reserves;
            match cy.intervention {
                Intervention::ImprovementPlan => plan_due = y + 1 < horizon,
                Intervention::ReturnInHouse if y + 1 < horizon => {
                    if let Some(h) = s.in_house {
                        returned_in = Some(y + 1);
                        ws.resumed
                            .copy_from_slice(&ws.years[lane * horizon..][..horizon]);
                        bring_in_house(s, layout, g, o, h, y + 1, c, ws);
                        runner = h;
                        cost = ws.cost[g * options + h];
                        cost.setup_cost = 0.0;
                    }
                }
                _ => {}
            }
        } else if layout.has_contract[o] {
            // Back in-house: the provider's cost is the service's cost, recorded for the
            // budget-risk chart, with no sum.
            record.set(base + slot::provider_cost(horizon, y), year.provider);
            record.set(base + slot::contract_sum(horizon, y), f64::NAN);
            means[lm.extra(Extra::ProviderCost)] += year.provider;
            means[lm.extra(Extra::Settled)] += adjustment;
            means[lm.extra(Extra::InHouse)] += 1.0;
        }
        let year_cost = year.total + adjustment + plan + return_cost;

        for (m, line) in means.iter_mut().zip(year.lines) {
            *m += line;
        }
        means[MEAN_PERMANENT] += scaled.permanent / 12.0;
        means[MEAN_AGENCY] += scaled.agency / 12.0;
        means[MEAN_UNCOVERED] += scaled.uncovered / 12.0;
        means[lm.extra(Extra::CaseHolding)] += (sums.permanent + sums.agency) / 12.0;
        means[lm.extra(Extra::Vacant)] += scaled.vacant / 12.0;
        means[lm.extra(Extra::Managers)] += scaled.managers / 12.0;
        means[lm.extra(Extra::Support)] += scaled.support / 12.0;
        means[lm.extra(Extra::Cases)] += drivers.cases;
        means[lm.extra(Extra::LookedAfter)] += drivers.looked_after;
        means[lm.extra(Extra::ChildrenInNeed)] += drivers.children_in_need;
        means[lm.extra(Extra::ChildPopulation)] += drivers.child_population;
        means[lm.extra(Extra::ContractAdjustment)] += adjustment;
        means[lm.extra(Extra::ImprovementPlan)] += plan;
        means[lm.extra(Extra::ReturnCost)] += return_cost;
        for (k, c) in year.blocks[..blocks.min(MAX_INLINE_BLOCKS)]
            .iter()
            .enumerate()
        {
            means[lm.block(k)] += c;
        }

        npc += year_cost / index.general / discount;
        index = index.next(&cost);
        budget_index.advance(
            &ws.block_inflation[g * blocks..][..blocks],
            world.child_population_growth,
        );
        discount *= 1.0 + discount_rate;
        record.set(base + slot::cost(y), year_cost);
        record.set(base + slot::quality(horizon, y), quality);
        quality_total += quality;
        at_risk |= quality < threshold;
    }
    record.set_totals(base, horizon, npc, quality_total, at_risk);
    if layout.has_contract[o] {
        record.set(
            base + slot::overspent(horizon),
            f64::from(u8::from(overspent)),
        );
        record.set(
            base + slot::overspent_5(horizon),
            f64::from(u8::from(overspent_5)),
        );
        record.set(base + slot::returned_total(horizon), returned_total);
        record.set(
            base + slot::return_year(horizon),
            returned_in.unwrap_or(horizon) as f64,
        );
    }
    let _ = months;
}

/// Year `y` of the service run by option `runner` (an option's own, or the in-house option's
/// after a return).
#[allow(clippy::too_many_arguments)]
fn year_cost(
    out: &mut YearCost,
    s: &Scenario,
    runner: usize,
    y: usize,
    horizon: usize,
    sums: &super::workforce::YearSums,
    looked_after_months: f64,
    cost: &CostDraw,
    index: &YearIndices,
    budget_index: &BudgetIndices,
    drivers: &Drivers,
    units: &[f64],
    retained_overhead: f64,
) {
    out.lines = year_lines(y, horizon, sums, looked_after_months, cost, false, index);
    let n = s.blocks.len().min(MAX_INLINE_BLOCKS);
    whole_budget_lines(
        &mut out.lines,
        &mut out.blocks[..n],
        &WholeBudgetYear {
            scenario: s,
            option: runner,
            cost,
            index,
            budget: budget_index,
            drivers,
            units,
            retained_overhead,
        },
    );
    let option = &s.options[runner];
    let mut provider: f64 = PROVIDER_LINES.iter().map(|l| out.lines[l.index()]).sum();
    if option.runs_placements {
        provider += out.lines[CostLine::Placements.index()];
    }
    for (k, b) in out.blocks[..n].iter().enumerate() {
        if option.runs_block.get(k).copied().unwrap_or(false) {
            provider += b;
        }
    }
    out.provider = provider;
    out.total = out.lines.iter().sum::<f64>() + out.blocks[..n].iter().sum::<f64>();
}

/// Re-simulates option `o`'s workforce from the start of year `from` on the in-house option
/// `h`'s draws, with the disruption of the transfer back: extra turnover for the contract's
/// return years, and at least its share of new starters.
#[allow(clippy::too_many_arguments)]
fn bring_in_house(
    s: &Scenario,
    layout: &Layout,
    g: usize,
    o: usize,
    h: usize,
    from: usize,
    contract: super::workspace::LaneContract,
    ws: &mut Workspace,
) {
    let horizon = layout.horizon_years;
    let options = layout.option_count;
    let months = 12 * horizon;
    let _ = s;
    let state = ws.resumed[from];
    let (permanent, new_starters) = (state.start_permanent, state.start_new_starters);
    let mut draw = ws.workforce[g * options + h];
    draw.transition_turnover_uplift = contract.return_turnover_uplift;
    draw.transition_years = from as f64 + contract.return_years;
    let rules = ws.rules[g * options + h];
    let new_starters = new_starters.max(contract.return_new_starter_share * permanent);
    let _ = o;
    resume_workforce(
        &draw,
        &rules,
        &ws.cases[g * months..][..months],
        from,
        permanent,
        new_starters,
        &mut ws.resume_lanes,
        &mut ws.resumed,
    );
}
