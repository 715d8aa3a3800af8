//! The central case of a scenario: every uncertain input at its mean (clamped to its range), no
//! demand noise and no shocks. A contract whose sum is "the provider's expected cost less a
//! savings target" takes the expected cost from it.

use super::dist::{Dist, Range};
use super::inputs::WEEKLY_COST_RANGE;
use super::inputs::{BlockInput, ContractInput, OptionInput, RETAINED_OVERHEAD_RANGE, WorldInput};
use super::scenario::{ContractSum, ScenarioFile};

fn central(d: &mut Dist, range: Range) {
    *d = Dist::Fixed(d.mean().clamp(range.min, range.max));
}

/// `file`'s central case. Contract sums become typed zeros: the central case is what a contract
/// is set from, not the contract itself.
pub fn central_file(file: &ScenarioFile) -> ScenarioFile {
    let mut c = file.clone();
    for &w in WorldInput::ALL {
        let range = w.range();
        if let Some(d) = w.get_mut(&mut c) {
            central(d, range);
        }
    }
    // Every input at its mean: nothing left to correlate.
    c.simulation.correlations.clear();
    c.demand.monthly_volatility = Dist::Fixed(0.0);
    c.demand.shock_probability_per_year = Dist::Fixed(0.0);
    for p in &mut c.placements.mix {
        central(&mut p.weekly_cost, WEEKLY_COST_RANGE);
    }
    if let Some(budget) = &mut c.budget {
        central(&mut budget.retained_overhead_rate, RETAINED_OVERHEAD_RANGE);
        for b in &mut budget.blocks {
            for input in BlockInput::ALL {
                central(input.get_mut(b), input.range());
            }
        }
    }
    for o in &mut c.options {
        for &j in OptionInput::ALL {
            let range = j.range();
            if let Some(d) = j.get_mut(o) {
                central(d, range);
            }
        }
        if let Some(contract) = &mut o.contract {
            for j in ContractInput::ALL {
                let range = j.range(contract);
                central(j.get_mut(contract), range);
            }
            contract.sum = ContractSum::Typed(Dist::Fixed(0.0));
        }
    }
    c.simulation.iterations = 1;
    c
}
