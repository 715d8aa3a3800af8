//! "Use as starting values": a council's own published workforce figures as the scenario's
//! starting distributions, each with a note saying where it came from.
//!
//! What is set, from which indicator:
//! - `workforce.initial_vacancy_rate` ← the vacancy rate;
//! - `workforce.reference_caseload` ← the average caseload;
//! - every option's `annual_turnover` ← turnover, and `agency_cover` ← the share of vacancies
//!   covered by agency staff: whoever runs the service starts from the council's workforce, so
//!   that setting only the in-house option would tilt the comparison;
//! - `demand.open_cases` ← the cases held at the latest 30 September, fixed: the count that
//!   drives cost (the reference caseload moves only pressure and quality).
//!
//! Each becomes `Pert(min, mode, max)`: the mode is the council's most recent figure; min and max
//! are the lowest and highest of its last [`YEARS_SPANNED`] years, widened where needed to reach at
//! least [`MIN_RELATIVE_HALF_WIDTH`] of the most recent figure either side of it, so that three
//! similar years do not pass for certainty. The range is judgement, and each note says so.

use crate::model::dist::{Dist, Range};
use crate::model::{OptionInput, ScenarioFile, WorldInput};

use super::census::{Area, Census, Indicator, LICENCE, SOURCE};

/// Years of the council's figures a starting range spans (the census's most recent years).
pub const YEARS_SPANNED: usize = 3;

/// The least a starting range reaches either side of the most recent figure, as a share of it.
pub const MIN_RELATIVE_HALF_WIDTH: f64 = 0.10;

/// One input to set, with the note that says where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct StartingValue {
    pub path: String,
    pub dist: Dist,
    pub note: String,
}

/// What "use as starting values" would do for one council.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub council: String,
    pub set: Vec<StartingValue>,
    /// Inputs left as they are, and why ("no in-house option", "no figure published").
    pub skipped: Vec<String>,
}

/// Where each indicator goes in a scenario.
enum Target {
    World(WorldInput),
    EveryOption(OptionInput),
}

const MAPPING: [(Indicator, Target); 4] = [
    (
        Indicator::VacancyRate,
        Target::World(WorldInput::InitialVacancyRate),
    ),
    (
        Indicator::Turnover,
        Target::EveryOption(OptionInput::AnnualTurnover),
    ),
    (
        Indicator::VacanciesCoveredByAgency,
        Target::EveryOption(OptionInput::AgencyCover),
    ),
    (
        Indicator::Caseload,
        Target::World(WorldInput::ReferenceCaseload),
    ),
];

/// The starting values for `council` in `file`, without changing it.
pub fn plan(census: &Census, council: &Area, file: &ScenarioFile) -> Plan {
    let years: Vec<i32> = census.years();
    let recent = &years[years.len().saturating_sub(YEARS_SPANNED)..];
    let options: Vec<&str> = file.options.iter().map(|o| o.name.as_str()).collect();
    let mut set = Vec::new();
    let mut skipped = Vec::new();
    for (indicator, target) in MAPPING {
        let (paths, range, what) = match target {
            Target::World(input) => (
                vec![input.path().to_string()],
                input.range(),
                words(indicator),
            ),
            Target::EveryOption(input) => (
                options.iter().map(|name| input.path(name)).collect(),
                input.range(),
                words(indicator),
            ),
        };
        if paths.is_empty() {
            skipped.push(format!(
                "{}: the scenario has no option to set it on",
                indicator.title()
            ));
            continue;
        }
        let figures: Vec<(i32, f64)> = recent
            .iter()
            .filter_map(|&y| council.value(indicator, y).map(|v| (y, v)))
            .collect();
        let Some(&(latest_year, latest)) = figures.last() else {
            skipped.push(format!(
                "{}: DfE published no figure for {} in {}",
                indicator.title(),
                council.name,
                span(recent)
            ));
            continue;
        };
        let lowest = figures.iter().map(|f| f.1).fold(f64::INFINITY, f64::min);
        let highest = figures
            .iter()
            .map(|f| f.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let half = latest.abs() * MIN_RELATIVE_HALF_WIDTH;
        let scale = if indicator.is_percent() { 100.0 } else { 1.0 };
        let stored = |x: f64| round_stored((x / scale).clamp(range.min, range.max), indicator);
        let dist = Dist::Pert {
            min: stored(lowest.min(latest - half)),
            mode: stored(latest),
            max: stored(highest.max(latest + half)),
        };
        let years_used: Vec<i32> = figures.iter().map(|f| f.0).collect();
        let note = format!(
            "From {council}'s published figures: {what} {latest} in {latest_year} (the most \
             likely value), {history}; the range is widened where needed to at least {pct}% \
             either side of the {latest_year} figure{clamped}, and is judgement. Source: \
             {SOURCE}. {LICENCE}",
            council = council.name,
            latest = indicator.format(latest),
            history = if figures.len() > 1 {
                format!(
                    "{} over {}",
                    indicator.format_range(lowest, highest),
                    span(&years_used)
                )
            } else {
                format!("the only figure published for {}", span(recent))
            },
            pct = (MIN_RELATIVE_HALF_WIDTH * 100.0).round(),
            clamped = clamp_words(
                range,
                scale,
                lowest.min(latest - half),
                highest.max(latest + half)
            ),
        );
        for path in paths {
            set.push(StartingValue {
                path,
                dist,
                note: note.clone(),
            });
        }
    }
    match recent
        .iter()
        .rev()
        .find_map(|&y| council.cases(y).filter(|c| *c > 0.0).map(|c| (y, c)))
    {
        Some((year, cases)) => set.push(StartingValue {
            path: WorldInput::OpenCases.path().to_string(),
            dist: Dist::Fixed(cases),
            note: format!(
                "From {council}'s published figures: {cases} cases held at 30 September {year}, \
                 the count that drives the cost of the service. Source: {SOURCE}. {LICENCE}",
                council = council.name,
                cases = group_thousands(cases),
            ),
        }),
        None => skipped.push(format!(
            "Open cases: DfE published no count of cases held for {} in {}",
            council.name,
            span(recent)
        )),
    }
    Plan {
        council: council.name.clone(),
        set,
        skipped,
    }
}

/// `2297` → `2,297`.
fn group_thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Sets every input of the plan and its note. The app applies this as one undoable edit.
pub fn apply(file: &mut ScenarioFile, plan: &Plan) {
    for value in &plan.set {
        if let Some(slot) = dist_at(file, &value.path) {
            *slot = value.dist;
            file.notes.insert(value.path.clone(), value.note.clone());
        }
    }
}

/// The distribution at a path of the input registry.
fn dist_at<'a>(file: &'a mut ScenarioFile, path: &str) -> Option<&'a mut Dist> {
    if let Some(input) = WorldInput::ALL.iter().find(|i| i.path() == path) {
        return input.get_mut(file);
    }
    let rest = path.strip_prefix("options[")?;
    let (name, field) = rest.split_once("].")?;
    let input = OptionInput::ALL.iter().find(|i| i.field() == field)?;
    let option = file.options.iter_mut().find(|o| o.name == name)?;
    input.get_mut(option)
}

/// "vacancy rate", "turnover"… as they read inside a sentence.
fn words(indicator: Indicator) -> &'static str {
    match indicator {
        Indicator::Turnover => "social-worker turnover",
        Indicator::AgencyRate => "agency rate",
        Indicator::VacancyRate => "vacancy rate",
        Indicator::VacanciesCoveredByAgency => "vacancies covered by agency staff",
        Indicator::Caseload => "average caseload",
    }
}

/// "2021–2023", "2021 and 2023", "2023".
fn span(years: &[i32]) -> String {
    match years {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [first, .., last] if (last - first) as usize + 1 == years.len() => {
            format!("{first}–{last}")
        }
        _ => years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Said when the widened range had to be cut to the field's allowed range.
fn clamp_words(range: Range, scale: f64, low: f64, high: f64) -> &'static str {
    if low / scale < range.min || high / scale > range.max {
        ", within the field's allowed range"
    } else {
        ""
    }
}

/// Stored values without binary noise: 13.4% is stored as 0.134, not 0.13400000000000001.
fn round_stored(x: f64, indicator: Indicator) -> f64 {
    let places = if indicator.is_percent() { 1e4 } else { 1e2 };
    (x * places).round() / places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_read_as_written() {
        assert_eq!(span(&[2021, 2022, 2023]), "2021–2023");
        assert_eq!(span(&[2021, 2023]), "2021 and 2023");
        assert_eq!(span(&[2019, 2021, 2023]), "2019, 2021, 2023");
        assert_eq!(round_stored(13.4 / 100.0, Indicator::Turnover), 0.134);
    }
}
