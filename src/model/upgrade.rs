//! Upgrading a scenario of format version 1 or 2 (MODEL.md: social-work teams and placements) to
//! the whole-budget model of format version 3 (docs/MODEL.md). The inputs version 3 adds come
//! from a version-3 scenario of national defaults (normally the built-in default), scaled to the
//! scenario's own size where they are counts, and each carries a note saying so. Inputs the
//! scenario already has keep their values, except where version 3 reads them differently (the
//! support staff ratio, now per social worker of the whole establishment).

use super::dist::Dist;
use super::prices;
use super::scenario::{DeliveryOption, FORMAT_VERSION, ScenarioFile};

/// Why a scenario could not be upgraded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpgradeError {
    #[error("the scenario is format version {0} already: it has the whole-budget model")]
    AlreadyWholeBudget(u32),
    #[error("the national defaults are not a format version 3 scenario")]
    DefaultsNotWholeBudget,
    #[error("the national defaults have no option to take the new inputs from")]
    NoDefaultOption,
}

/// The note that opens every input the upgrade adds.
pub const ADDED: &str = "Added by the upgrade to format version 3 (the whole-budget model)";

/// A stable id from an option's name: lower case letters and digits joined by hyphens
/// (`Children's trust` → `childrens-trust`), made unique among `taken`.
pub fn option_id(name: &str, taken: &[String]) -> String {
    let mut id = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            continue;
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let base = id.trim_end_matches('-').to_string();
    let base = if base.is_empty() {
        "option".to_string()
    } else {
        base
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// `old` (format version 1 or 2) as a format version 3 scenario, with the new inputs taken from
/// `defaults` (format version 3).
pub fn to_whole_budget(
    old: &ScenarioFile,
    defaults: &ScenarioFile,
) -> Result<ScenarioFile, UpgradeError> {
    if old.is_whole_budget() {
        return Err(UpgradeError::AlreadyWholeBudget(old.format_version));
    }
    if !defaults.is_whole_budget() || defaults.budget.is_none() {
        return Err(UpgradeError::DefaultsNotWholeBudget);
    }
    // The defaults' money at the scenario's own prices.
    let mut defaults = defaults.clone();
    let years = old.start_year - defaults.start_year;
    prices::restate(&mut defaults, years);
    let default_baseline = defaults
        .options
        .iter()
        .find(|o| o.name == defaults.appraisal.baseline_option)
        .or(defaults.options.first())
        .ok_or(UpgradeError::NoDefaultOption)?;
    let from_defaults = |path: &str| {
        let source = defaults
            .notes
            .get(path)
            .map(|n| format!(" Its note there: {n}"))
            .unwrap_or_default();
        format!(
            "{ADDED}, from the national defaults of ‘{}’.{source}",
            defaults.name
        )
    };

    let mut new = old.clone();
    new.format_version = FORMAT_VERSION;
    new.budget = defaults.budget.clone();
    // Counts scale with the scenario's caseload; rates are taken as they are.
    let size = old.demand.open_cases.mean() / defaults.demand.open_cases.mean();
    let scaled = |d: &Option<Dist>| d.map(|d| Dist::Fixed((d.mean() * size).round()));
    new.demand.children_in_need = scaled(&defaults.demand.children_in_need);
    new.demand.child_population = scaled(&defaults.demand.child_population);
    new.demand.child_population_growth = defaults.demand.child_population_growth;
    new.workforce.non_case_holding_ratio = defaults.workforce.non_case_holding_ratio;
    let mut notes = Vec::new();
    for (path, what) in [
        (
            "demand.children_in_need",
            "scaled to this scenario's open cases",
        ),
        (
            "demand.child_population",
            "scaled to this scenario's open cases",
        ),
        ("demand.child_population_growth", ""),
        ("workforce.non_case_holding_ratio", ""),
        ("budget.retained_overhead_rate", ""),
    ] {
        let how = if what.is_empty() {
            String::new()
        } else {
            format!(" ({what})")
        };
        notes.push((path.to_string(), format!("{}{how}", from_defaults(path))));
    }
    if let Some(budget) = &defaults.budget {
        for b in &budget.blocks {
            for field in ["unit_cost", "inflation"] {
                let path = format!("budget.blocks[{}].{field}", b.name);
                notes.push((path.clone(), from_defaults(&path)));
            }
        }
    }
    let establishment = 1.0
        + defaults
            .workforce
            .non_case_holding_ratio
            .map_or(0.0, |d| d.mean());
    let mut ids: Vec<String> = Vec::new();
    for o in &mut new.options {
        let like = defaults
            .options
            .iter()
            .find(|d| d.kind == o.kind)
            .unwrap_or(default_baseline);
        let id = option_id(&o.name, &ids);
        ids.push(id.clone());
        upgrade_option(o, like, id, establishment, &mut notes, &from_defaults);
        // Version 3 takes the vacancy rate the market sustains from the evidence that vacancies
        // persist: the rate the scenario starts with.
        o.sustained_vacancy_rate = Some(old.workforce.initial_vacancy_rate);
        notes.push((
            format!("options[{}].sustained_vacancy_rate", o.name),
            format!(
                "{ADDED}: the initial vacancy rate of this scenario, since England's vacancy \
                 rate has stayed at 14-20% for years (DfE workforce census 2017-2025). It \
                 replaces the time to fill, which let vacancies heal within a year."
            ),
        ));
    }
    for key in old.notes.keys() {
        if key.ends_with(".time_to_fill_months")
            || key.ends_with(".failure_probability")
            || key.ends_with(".failure_cost")
        {
            new.notes.remove(key);
        }
    }
    for (path, note) in notes {
        // A note the scenario had is kept, after what the upgrade changed.
        let note = match old.notes.get(&path) {
            Some(earlier) if path.ends_with(".support_staff_ratio") => {
                format!("{note} Note before the upgrade: {earlier}")
            }
            Some(earlier) => earlier.clone(),
            None => note,
        };
        new.notes.insert(path, note);
    }
    Ok(new)
}

fn upgrade_option(
    o: &mut DeliveryOption,
    like: &DeliveryOption,
    id: String,
    establishment: f64,
    notes: &mut Vec<(String, String)>,
    from_defaults: &dyn Fn(&str) -> String,
) {
    let default_path = |field: &str| format!("options[{}].{field}", like.name);
    let path = |field: &str| format!("options[{}].{field}", o.name);
    o.id = Some(id);
    o.time_to_fill_months = None;
    o.failure_probability = None;
    o.failure_cost = None;
    o.agency_beyond_vacancies = like.agency_beyond_vacancies;
    o.overhead_fixed = like.overhead_fixed;
    o.councils_served = Some(1.0);
    o.provider_runs = like.provider_runs.clone();
    for field in ["agency_beyond_vacancies", "overhead_fixed", "provider_runs"] {
        notes.push((path(field), from_defaults(&default_path(field))));
    }
    // An outsourced option gets the contract of the defaults' option of its kind; the random
    // provider failure it replaces is gone.
    if o.kind != super::scenario::OptionKind::InHouse {
        o.contract = like.contract.clone();
        if o.contract.is_some() {
            for field in super::scenario::Contract::FIELDS {
                let field = format!("contract.{field}");
                notes.push((path(&field), from_defaults(&default_path(&field))));
            }
        }
    }
    notes.push((
        path("councils_served"),
        format!("{ADDED}: one council, so the provider's fixed costs are this scenario's alone."),
    ));
    // Version 3 counts support staff per social worker of the whole establishment, which is
    // `establishment` times the case holders version 1–2 counted them per.
    let old = o.support_staff_ratio;
    o.support_staff_ratio = old.scaled(1.0 / establishment);
    notes.push((
        path("support_staff_ratio"),
        format!(
            "{ADDED}: the ratio per case holder of format version 2 ({old}) divided by \
             {establishment:.2}, the social workers of the whole establishment per case holder, \
             so that the number of support staff stays the same."
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs_made_unique() {
        assert_eq!(option_id("Children's trust", &[]), "childrens-trust");
        assert_eq!(
            option_id("In-house (each council alone)", &[]),
            "in-house-each-council-alone"
        );
        assert_eq!(option_id("  ", &[]), "option");
        let taken = vec!["cic".to_string()];
        assert_eq!(option_id("CIC", &taken), "cic-2");
    }
}
