//! What a run of the whole-budget model reports beyond MODEL.md §10 (docs/MODEL.md §10): each
//! block's cost, the whole establishment and the drivers per year; the scope of the budget; and
//! for an outsourced option its contract: the sum against the provider's cost, what came back to
//! the council, the provider's reserves, and how often the service came back in-house.

use serde::{Serialize, Serializer};

use super::layout::{Extra, Layout, MEAN_AGENCY, MEAN_PERMANENT, Records, slot};
use super::results::{Summary, percentiles, summary};
use super::validate::Scenario;

/// One year of one option in the whole-budget model (docs/MODEL.md §10): each block's cost, the
/// whole establishment and the drivers, as means over the iterations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearBudget {
    /// Mean nominal £ of each budget block, by block id, in file order.
    pub blocks: Named,
    /// Case-holding social workers in post or agency, FTE (the DfE census's case holders).
    pub case_holding_fte: f64,
    /// Line managers, FTE.
    pub managers_fte: f64,
    /// Support staff, FTE.
    pub support_fte: f64,
    /// Every qualified social worker in post or agency, managers included, FTE (the DfE
    /// census's in post plus agency).
    pub social_workers_fte: f64,
    /// Vacancies over posts (the DfE census's vacancy rate), from the year's mean FTE.
    pub vacancy_rate: f64,
    /// Agency over in post plus agency (the DfE census's agency rate), from the year's mean FTE.
    pub agency_rate: f64,
    /// Mean open cases.
    pub cases: f64,
    /// Mean children looked after under this option.
    pub looked_after: f64,
    pub children_in_need: f64,
    pub child_population: f64,
    /// What the council paid beyond the provider's cost under the contract (the sum and any
    /// settlement, less the provider's cost): negative where the provider bore part of an
    /// overspend.
    pub contract_adjustment: f64,
    /// Improvement plans the contract's triggers brought.
    pub improvement_plan: f64,
    /// Bringing the service back in-house.
    pub return_to_in_house: f64,
}

/// One year of an outsourced option's contract (docs/MODEL.md §8), over the iterations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractYearResult {
    /// Mean sum paid under the contract, in the futures where it still runs, £.
    pub contract_sum: f64,
    /// Mean cost of what the provider (or, back in-house, the council) runs, £.
    pub provider_cost: f64,
    /// Mean provider cost less sum, in the futures where the contract runs, £.
    pub overspend: f64,
    /// Mean overspend settled by the council this year (negative: underspend returned), £.
    pub returned_to_council: f64,
    /// Mean reserves of the provider at the end of the year, where the contract runs, £.
    pub provider_reserves: f64,
    /// Share of futures in which the service is back in-house this year.
    pub p_in_house: f64,
    pub provider_cost_p10: f64,
    pub provider_cost_p50: f64,
    pub provider_cost_p90: f64,
    pub contract_sum_p10: f64,
    pub contract_sum_p50: f64,
    pub contract_sum_p90: f64,
}

/// An outsourced option's contract over the whole horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractSummary {
    /// Share of futures in which the provider overspends its sum by more than 1% in some year.
    pub p_overspend_any_year: f64,
    /// The same, by more than 5%.
    pub p_overspend_over_5pct_any_year: f64,
    /// Mean total of overspends the council bore over the horizon (nominal £).
    pub mean_returned_total: f64,
    /// Share of futures in which the service comes back in-house within the horizon.
    pub p_return_in_house: f64,
    /// Share of futures in which it is back in-house by each year (cumulative).
    pub p_return_in_house_by_year: Vec<f64>,
    /// The first year's overspend as a share of its sum (negative: underspend).
    pub first_year_overspend_share: Summary,
}

impl ContractSummary {
    /// The contract of option `o` from its recorded columns; `None` if `go` says stop.
    pub(crate) fn of(
        layout: &Layout,
        records: &Records,
        o: usize,
        go: &dyn Fn() -> bool,
    ) -> Option<(ContractSummary, Vec<[f64; 6]>)> {
        let h = layout.horizon_years;
        let base = layout.option_offset(o);
        let column = |s: usize| records.column(base + s);
        let n = records.iterations as f64;
        let share = |s: usize| column(s).iter().filter(|&&x| x > 0.5).count() as f64 / n;
        let return_year = column(slot::return_year(h));
        let returned = column(slot::returned_total(h));
        let mut first: Vec<f64> = column(slot::provider_cost(h, 0))
            .iter()
            .zip(column(slot::contract_sum(h, 0)))
            .map(|(c, s)| if s > 0.0 { c / s - 1.0 } else { 0.0 })
            .collect();
        let mut quantiles = Vec::with_capacity(h);
        for y in 0..h {
            let known = |s: usize| -> Vec<f64> {
                column(s).into_iter().filter(|x| x.is_finite()).collect()
            };
            let p = |mut v: Vec<f64>| -> Option<Vec<f64>> {
                if v.is_empty() {
                    Some(vec![f64::NAN; 3])
                } else {
                    percentiles(&mut v, &[0.1, 0.5, 0.9], go)
                }
            };
            let cost = p(known(slot::provider_cost(h, y)))?;
            let sum = p(known(slot::contract_sum(h, y)))?;
            quantiles.push([cost[0], cost[1], cost[2], sum[0], sum[1], sum[2]]);
        }
        Some((
            ContractSummary {
                p_overspend_any_year: share(slot::overspent(h)),
                p_overspend_over_5pct_any_year: share(slot::overspent_5(h)),
                mean_returned_total: returned.iter().sum::<f64>() / n,
                p_return_in_house: return_year.iter().filter(|&&y| y < h as f64).count() as f64 / n,
                p_return_in_house_by_year: (0..h)
                    .map(|y| return_year.iter().filter(|&&r| r <= y as f64).count() as f64 / n)
                    .collect(),
                first_year_overspend_share: summary(&mut first, go)?,
            },
            quantiles,
        ))
    }
}

/// Figures by name, serialised as a JSON object in their order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Named(pub Vec<(String, f64)>);

impl Named {
    pub fn get(&self, key: &str) -> Option<f64> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }
}

impl Serialize for Named {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// What the scenario's budget covers (docs/MODEL.md §6): every line of the MHCLG revenue outturn
/// for children's social care (RO3), and what in the model stands for it, or nothing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scope {
    pub included: Vec<ScopeLine>,
    /// RO3 lines no part of the model stands for: not in the figures.
    pub excluded: Vec<ScopeLine>,
}

/// One RO3 line and what stands for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeLine {
    /// The line's key in the published data (`cla_other`).
    pub line: String,
    pub name: String,
    /// What in the model stands for it: "social-work teams", "placements" or a block's name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modelled_by: Vec<String>,
}

impl Scope {
    /// The scope of a scenario: `None` for a format version 1–2 scenario, which models only the
    /// social-work teams and placements and says so in its caveats.
    pub fn of(file: &crate::model::ScenarioFile) -> Option<Scope> {
        use crate::model::scenario::{CORE_RO3_LINES, PLACEMENTS, RO3_LINES};
        let budget = file.budget.as_ref()?;
        let mut included = Vec::new();
        let mut excluded = Vec::new();
        for (key, name) in RO3_LINES {
            let mut by: Vec<String> = CORE_RO3_LINES
                .iter()
                .filter(|(_, line)| line == key)
                .map(|(core, _)| {
                    if *core == PLACEMENTS {
                        "placements".to_string()
                    } else {
                        "social-work teams".to_string()
                    }
                })
                .collect();
            by.extend(
                budget
                    .blocks
                    .iter()
                    .filter(|b| b.ro3_line == *key)
                    .map(|b| b.name.clone()),
            );
            let line = ScopeLine {
                line: key.to_string(),
                name: name.to_string(),
                modelled_by: by,
            };
            if line.modelled_by.is_empty() {
                excluded.push(line);
            } else {
                included.push(line);
            }
        }
        Some(Scope { included, excluded })
    }
}

/// Who runs what under one option (whole-budget model).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionScope {
    /// Blocks the option's provider runs, by id (`social_work`, `placements`, block ids).
    pub provider_runs: Vec<String>,
    /// Blocks the council keeps.
    pub council_keeps: Vec<String>,
}

/// The whole-budget figures of one option and year from its per-year means `m` (sums over `n`
/// iterations).
pub(crate) fn year_budget(scenario: &Scenario, layout: &Layout, m: &[f64], n: f64) -> YearBudget {
    let lm = layout.means;
    let mean = |i: usize| m[i] / n;
    let permanent = mean(MEAN_PERMANENT);
    let agency = mean(MEAN_AGENCY);
    let managers = mean(lm.extra(Extra::Managers));
    let vacancies = mean(lm.extra(Extra::Vacant));
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    YearBudget {
        blocks: Named(
            scenario
                .blocks
                .iter()
                .enumerate()
                .map(|(k, b)| (b.id.clone(), mean(lm.block(k))))
                .collect(),
        ),
        case_holding_fte: mean(lm.extra(Extra::CaseHolding)),
        managers_fte: managers,
        support_fte: mean(lm.extra(Extra::Support)),
        social_workers_fte: permanent + agency + managers,
        vacancy_rate: ratio(vacancies, vacancies + permanent),
        agency_rate: ratio(agency, agency + permanent),
        cases: mean(lm.extra(Extra::Cases)),
        looked_after: mean(lm.extra(Extra::LookedAfter)),
        children_in_need: mean(lm.extra(Extra::ChildrenInNeed)),
        child_population: mean(lm.extra(Extra::ChildPopulation)),
        contract_adjustment: mean(lm.extra(Extra::ContractAdjustment)),
        improvement_plan: mean(lm.extra(Extra::ImprovementPlan)),
        return_to_in_house: mean(lm.extra(Extra::ReturnCost)),
    }
}

/// The contract figures of one option and year from its per-year means `m` (sums over `n`
/// iterations) and the year's quantiles `[cost P10, P50, P90, sum P10, P50, P90]`.
pub(crate) fn contract_year(layout: &Layout, m: &[f64], n: f64, q: [f64; 6]) -> ContractYearResult {
    let lm = layout.means;
    let in_house = m[lm.extra(Extra::InHouse)];
    let running = (n - in_house).max(1.0);
    ContractYearResult {
        contract_sum: m[lm.extra(Extra::ContractSum)] / running,
        provider_cost: m[lm.extra(Extra::ProviderCost)] / n,
        overspend: m[lm.extra(Extra::Overspend)] / running,
        returned_to_council: m[lm.extra(Extra::Settled)] / n,
        provider_reserves: m[lm.extra(Extra::Reserves)] / running,
        p_in_house: in_house / n,
        provider_cost_p10: q[0],
        provider_cost_p50: q[1],
        provider_cost_p90: q[2],
        contract_sum_p10: q[3],
        contract_sum_p50: q[4],
        contract_sum_p90: q[5],
    }
}
