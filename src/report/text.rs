//! The words of the report: the assumptions table (every uncertain input, its distribution, the
//! P10–P90 it implies and its source or judgement note), the caveats and the method.

use crate::model::dist::{Dist, Range};
use crate::model::inputs::{
    BlockInput, ContractInput, RETAINED_OVERHEAD_PATH, RETAINED_OVERHEAD_RANGE, WEEKLY_COST_RANGE,
    weekly_cost_path,
};
use crate::model::maths::Maths;
use crate::model::{OptionInput, RunResults, ScenarioFile, WorldInput};
use crate::present::fields::{
    FieldSpec, Unit, WEEKLY_COST, contract_spec, option_spec, world_spec,
};
use crate::present::implied::{implied_range, range_text};
use crate::present::{financial_year, thousands};

/// One row of the assumptions table.
#[derive(Debug, Clone, PartialEq)]
pub struct AssumptionRow {
    /// The group the input belongs to: "Demand", "Workforce", "Option: Children's trust".
    pub group: String,
    pub label: String,
    /// The field path, as in validation messages and the scenario's notes.
    pub path: String,
    /// The distribution in the field's unit: `Pert: min 10%, mode 15%, max 20%`.
    pub distribution: String,
    /// The distribution itself and the unit its field is shown in, for a front that words it
    /// otherwise (the window's slides say "Smooth peak: Low 10%, …").
    pub dist: Dist,
    pub unit: Unit,
    /// The P10–P90 the distribution implies after clamping; empty for a fixed value.
    pub implied: String,
    /// Where the default comes from, or that it is judgement.
    pub source: String,
    /// The scenario's own note on this input (the file's `notes` map), if any.
    pub note: Option<String>,
}

/// True when a source note says the value rests on judgement alone (no published figure).
pub fn is_judgement(source: &str) -> bool {
    source.starts_with("Judgement")
}

/// A distribution in its field's unit.
pub fn dist_text(dist: &Dist, unit: Unit) -> String {
    match dist {
        Dist::Fixed(x) => format!("Fixed: {}", unit.format(*x)),
        _ => {
            let parameters: Vec<String> = dist
                .parameters()
                .into_iter()
                .map(|(name, value)| format!("{name} {}", unit.format(value)))
                .collect();
            format!("{}: {}", dist.family(), parameters.join(", "))
        }
    }
}

fn implied(dist: &Dist, unit: Unit, range: Range) -> String {
    if dist.is_fixed() {
        return String::new();
    }
    implied_range(dist, range, Maths::Portable).map_or_else(
        || "cannot be drawn from".to_string(),
        |i| range_text(unit, i.p10, i.p90),
    )
}

fn group_of(path: &str) -> String {
    let section = path.split('.').next().unwrap_or(path);
    let mut chars = section.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Every uncertain input of the scenario, scenario-wide inputs first, then the placements' weekly
/// costs, then each option's own inputs.
pub fn assumption_rows(file: &ScenarioFile) -> Vec<AssumptionRow> {
    let row = |group: String, label: String, dist: &Dist, spec: &FieldSpec, range, path: String| {
        AssumptionRow {
            group,
            label,
            distribution: dist_text(dist, spec.unit),
            dist: *dist,
            unit: spec.unit,
            implied: implied(dist, spec.unit, range),
            source: spec.source.to_string(),
            note: file.notes.get(&path).cloned(),
            path,
        }
    };
    let mut rows = Vec::new();
    for &input in WorldInput::ALL {
        let spec = world_spec(input);
        let path = input.path().to_string();
        let group = group_of(&path);
        let label = spec.label.to_string();
        let Some(dist) = input.get(file) else {
            continue;
        };
        rows.push(row(group, label, dist, &spec, input.range(), path));
    }
    if let Some(budget) = &file.budget {
        let spec = crate::present::fields::RETAINED_OVERHEAD;
        rows.push(row(
            "Budget".to_string(),
            spec.label.to_string(),
            &budget.retained_overhead_rate,
            &spec,
            RETAINED_OVERHEAD_RANGE,
            RETAINED_OVERHEAD_PATH.to_string(),
        ));
        for block in &budget.blocks {
            for input in BlockInput::ALL {
                let spec = crate::present::fields::block_spec(input, block.driver);
                rows.push(row(
                    "Budget".to_string(),
                    format!("{}: {}", block.name, spec.label),
                    input.get(block),
                    &spec,
                    input.range(),
                    input.path(&block.name),
                ));
            }
        }
    }
    for placement in &file.placements.mix {
        rows.push(row(
            "Placements".to_string(),
            format!("Weekly cost: {}", placement.name),
            &placement.weekly_cost,
            &WEEKLY_COST,
            WEEKLY_COST_RANGE,
            weekly_cost_path(&placement.name),
        ));
    }
    for option in &file.options {
        for &input in OptionInput::ALL {
            let spec = option_spec(input);
            let Some(dist) = input.get(option) else {
                continue;
            };
            rows.push(row(
                format!("Option: {}", option.name),
                spec.label.to_string(),
                dist,
                &spec,
                input.range(),
                input.path(&option.name),
            ));
        }
        if let Some(contract) = &option.contract {
            for input in ContractInput::ALL {
                let spec = contract_spec(input, contract);
                rows.push(row(
                    format!("Option: {}", option.name),
                    spec.label.to_string(),
                    input.get(contract),
                    &spec,
                    input.range(contract),
                    input.path(&option.name),
                ));
            }
        }
    }
    rows
}

/// The caveats at the top of the report: what the model leaves out and how far to trust it.
pub fn caveats(file: &ScenarioFile, results: &RunResults) -> Vec<String> {
    let mut out = Vec::new();
    let planned = u64::try_from(file.simulation.iterations).unwrap_or(0);
    if results.iterations < planned {
        out.push(format!(
            "These results come from a {}-iteration preview, not the scenario's full {} \
             iterations: run the full count before relying on them.",
            thousands(results.iterations),
            thousands(planned)
        ));
    }
    // Binomial standard error of a share near one half: the widest the sampling noise gets.
    let noise = 100.0 * (0.25 / results.iterations.max(1) as f64).sqrt();
    out.extend([
        "The quality index measures the workforce conditions that inspection evidence links to \
         good practice (caseloads, staff stability, reliance on agency staff, experience) plus \
         each option's assumed effect on practice. It does not measure outcomes for children, and \
         the weights that combine its parts are judgement."
            .to_string(),
        "Demand is the same under every option except for each option's assumed effect on the \
         number of looked-after children. Changes in referrals, thresholds or early help that an \
         option might bring are not modelled."
            .to_string(),
        "Costs are those to the council that the inputs describe. The model leaves out \
         redundancy and TUPE negotiation costs, pension deficits transferred with staff, \
         buildings and other capital costs, financing costs, and any grant towards set-up, unless \
         they are entered as part of an input."
            .to_string(),
        "Uncertain inputs are drawn independently of each other: the model does not know, for \
         example, that high pay inflation and high agency premiums tend to come together. Every \
         option shares the same draws of the scenario-wide inputs and the same demand path, so \
         differences between options are fair, but the spread of each option's cost may be \
         understated where inputs move together in reality."
            .to_string(),
        format!(
            "Percentages come from {} simulated futures: a share such as P(cheaper) is within \
             about ±{:.1} percentage points of what an endless run would give (one standard \
             error). Run more iterations where a decision turns on a few points.",
            thousands(results.iterations),
            noise
        ),
    ]);
    match crate::present::budget::scope_sentence(results) {
        Some(scope) => {
            out.push(scope);
            out.push(
                "Contracts follow their terms year by year: the sum, its indexation or re-basing, \
                 the provider's share of an overspend up to its reserves, the council's share, \
                 and the triggers that bring an improvement plan or the service back in-house. \
                 Most contract terms are judgement, informed by the published record of \
                 England's trusts and companies (see their notes); the disruption a failing \
                 contract brings to children is not costed."
                    .to_string(),
            );
        }
        None => {
            out.push(format!(
                "This scenario (format version {}) models the social-work teams and placements \
                 only, about half of a council's children's social care spending: leaving care, \
                 adoption and special guardianship, early help, youth justice and the other \
                 lines of the revenue outturn are not in its figures. `care-options upgrade` \
                 turns it into a whole-budget scenario (format version 3).",
                file.format_version
            ));
            out.push(
                "A provider failure is modelled as a cost the council absorbs; the disruption \
                 to children, the service's rating and the council's intervention are not."
                    .to_string(),
            );
        }
    }
    out
}

/// How many of `rows` rest wholly on judgement.
pub fn judgement_count(rows: &[AssumptionRow]) -> usize {
    rows.iter().filter(|r| is_judgement(&r.source)).count()
}

/// The method in plain English, paragraph by paragraph.
pub fn method(file: &ScenarioFile, results: &RunResults) -> Vec<String> {
    let last = results.start_year + results.horizon_years as i32 - 1;
    vec![
        format!(
            "A Monte Carlo run simulates the service {} times. Each time, every uncertain input \
             is drawn at random from the distribution in the assumptions table, and the model \
             steps through {} months ({} to {}), following open cases, the social workers \
             needed and in post, agency cover, vacancies, leavers and hires, and fifteen lines \
             of cost. Each simulated future gives one cost and one quality path for every \
             option; the report's percentiles describe the spread over those futures. P10 is the \
             amount that 10% of futures fall below, P50 the median, P90 the amount 90% fall \
             below.",
            thousands(results.iterations),
            results.horizon_years * 12,
            financial_year(results.start_year),
            financial_year(last)
        ),
        format!(
            "Every option is simulated under the same draws of the scenario-wide inputs and the \
             same demand path, so a difference between two options within one future comes from \
             the options, not from chance. The random numbers follow from the seed ({}): the \
             same file, iterations and seed give the same figures {}",
            results.seed,
            match results.maths {
                crate::model::maths::Maths::Portable => {
                    "on any computer, to the last digit: the file computes in portable maths, \
                     built into the program, never in the computer's own maths library."
                }
                crate::model::maths::Maths::Platform => {
                    "on any computer to about thirteen significant digits, and to the last digit \
                     on the same kind of computer: the file uses the computer's own maths \
                     library, whose last digits differ between Windows, macOS and Linux \
                     (`simulation.maths: Portable` makes them identical)."
                }
            }
        ),
        format!(
            "Net present cost follows HM Treasury's Green Book: each year's nominal cost is \
             turned into {} prices by removing general inflation (the GDP deflator, itself an \
             uncertain input), then discounted at {:.1}% a year in real terms. The first year is \
             not discounted. Net present cost is therefore in today's money and comparable \
             between options whose costs fall in different years.",
            financial_year(results.start_year),
            file.appraisal.discount_rate * 100.0
        ),
        format!(
            "The quality index runs from 0 to 100 each month. It combines four scores: cases per \
             effective social worker against a reference caseload, staff turnover, the share of \
             the workforce from agencies, and the share in their first year, weighted {:.0}%, \
             {:.0}%, {:.0}% and {:.0}%, plus each option's own effect on practice. A year counts \
             as at risk when its average falls below {:.0}. The index reflects the conditions for \
             good social work, not what happens to children and families, and should be read \
             alongside inspection evidence.",
            file.quality.weights.caseload * 100.0,
            file.quality.weights.stability * 100.0,
            file.quality.weights.agency * 100.0,
            file.quality.weights.experience * 100.0,
            file.appraisal.quality_threshold
        ),
        "The sensitivity chart ranks inputs by the Spearman rank correlation between an \
         input's draws and the option's net present cost (or its difference from the baseline) \
         across the futures: near ±1, the input decides the result; near 0, it hardly matters. \
         The P10–P90 of each input in the assumptions table is its distribution's own (its \
         exact 10th and 90th percentiles) after clamping to the input's allowed range."
            .to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distributions_read_in_their_unit() {
        let d = Dist::Pert {
            min: 0.1,
            mode: 0.15,
            max: 0.2,
        };
        assert_eq!(
            dist_text(&d, Unit::Percent),
            "Pert: min 10%, mode 15%, max 20%"
        );
        assert_eq!(
            dist_text(&Dist::Fixed(4e6), Unit::Pounds),
            "Fixed: £4,000,000"
        );
    }

    #[test]
    fn every_input_of_the_default_scenario_has_a_row() {
        let file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let rows = assumption_rows(&file);
        // Counted from the file itself: every uncertain input it holds, once.
        let world = WorldInput::ALL
            .iter()
            .filter(|i| i.get(&file).is_some())
            .count();
        let options: usize = file
            .options
            .iter()
            .map(|o| {
                OptionInput::ALL
                    .iter()
                    .filter(|i| i.get(o).is_some())
                    .count()
                    + o.contract.as_ref().map_or(0, |_| ContractInput::COUNT)
            })
            .sum();
        let budget = file
            .budget
            .as_ref()
            .map_or(0, |b| 1 + b.blocks.len() * BlockInput::ALL.len());
        assert_eq!(
            rows.len(),
            world + budget + file.placements.mix.len() + options
        );
        assert!(file.options.iter().any(|o| o.contract.is_some()));
        assert!(
            rows.iter()
                .any(|r| r.path.ends_with(".contract.provider_share"))
        );
        assert!(rows.iter().all(|r| !r.source.is_empty()));
        assert!(judgement_count(&rows) > 0);
    }
}
