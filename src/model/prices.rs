//! Restating a scenario's money at the prices of another year: each sum of money moves with the
//! inflation rate the model applies to it (pay with pay inflation, placements with placement
//! inflation, each budget block with its own, the rest with general inflation), at the rate's
//! mean. Used to compare a scenario stated at 2026/27 prices with published 2023-24 spending,
//! and to carry published figures forward to a scenario's start year.

use super::dist::Dist;
use super::scenario::ScenarioFile;

/// The factor that carries a sum from one year's prices to a year `years` later (negative to go
/// back) at `rate` a year.
pub fn uprating(rate: f64, years: i32) -> f64 {
    (1.0 + rate).powi(years)
}

/// Restates every sum of money in `file` at the prices of `years` later (negative: earlier),
/// and moves its start year by as much. Rates, counts and shares are unchanged.
pub fn restate(file: &mut ScenarioFile, years: i32) {
    let pay = uprating(file.workforce.pay_inflation.mean(), years);
    let general = uprating(file.appraisal.general_inflation.mean(), years);
    let placements = uprating(file.placements.inflation.mean(), years);
    let scale = |d: &mut Dist, k: f64| *d = d.scaled(k);
    let w = &mut file.workforce;
    for salary in [
        &mut w.salary_new_starter,
        &mut w.salary_experienced,
        &mut w.salary_manager,
        &mut w.salary_support,
    ] {
        scale(salary, pay);
    }
    scale(&mut w.cost_per_hire, general);
    scale(&mut w.non_pay_per_fte, general);
    for p in &mut file.placements.mix {
        scale(&mut p.weekly_cost, placements);
    }
    if let Some(budget) = &mut file.budget {
        for b in &mut budget.blocks {
            let k = uprating(b.inflation.mean(), years);
            scale(&mut b.unit_cost, k);
        }
    }
    for o in &mut file.options {
        for d in [
            &mut o.setup_cost,
            &mut o.governance_cost,
            &mut o.client_side_cost,
            &mut o.stranded_cost,
            &mut o.reprocurement_cost,
        ] {
            scale(d, general);
        }
        for d in [&mut o.overhead_fixed, &mut o.failure_cost]
            .into_iter()
            .flatten()
        {
            scale(d, general);
        }
    }
    file.start_year += years;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uprating_compounds_and_goes_back() {
        assert!((uprating(0.05, 3) - 1.157_625).abs() < 1e-12);
        assert!((uprating(0.05, 3) * uprating(0.05, -3) - 1.0).abs() < 1e-12);
    }
}
