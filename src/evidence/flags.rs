//! Inputs far outside what English councils report: an input whose central value lies beyond
//! every council's published figure in the census's latest year is flagged where it is typed
//! ("In-house: a turnover of 45% a year is above every English council in 2023 (the highest,
//! Slough, reported 39.6%)"). A flag is a prompt to check, not an error: the scenario still runs.

use crate::model::dist::Dist;
use crate::model::{OptionInput, ScenarioFile, WorldInput};

use super::census::{Census, Indicator};

/// One input beyond the national spread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    pub path: String,
    pub message: String,
}

/// Every input of `file` whose central value (its mean) lies outside the range of English
/// councils' figures in the census's latest year.
pub fn flags(file: &ScenarioFile, census: &Census) -> Vec<Flag> {
    let Some(year) = census.latest_year() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut check =
        |path: String, who: &str, what: &str, dist: Option<&Dist>, indicator: Indicator| {
            let (Some(dist), Some(spread)) = (dist, census.spread(indicator, year)) else {
                return;
            };
            let scale = if indicator.is_percent() { 100.0 } else { 1.0 };
            let value = dist.mean() * scale;
            let (side, (council, figure)) = if value > spread.highest.1 {
                ("above", &spread.highest)
            } else if value < spread.lowest.1 {
                ("below", &spread.lowest)
            } else {
                return;
            };
            out.push(Flag {
            path,
            message: format!(
                "{who}{what} of {} is {side} every English council in {year} (the {}, {council}, \
                 reported {}; DfE workforce statistics).",
                value_words(indicator, value),
                if side == "above" { "highest" } else { "lowest" },
                indicator.format(*figure),
            ),
        });
        };
    let world = [
        (
            WorldInput::InitialVacancyRate,
            "An initial vacancy rate",
            Indicator::VacancyRate,
        ),
        (
            WorldInput::ReferenceCaseload,
            "A reference caseload",
            Indicator::Caseload,
        ),
    ];
    for (input, what, indicator) in world {
        check(
            input.path().to_string(),
            "",
            what,
            input.get(file),
            indicator,
        );
    }
    let per_option = [
        (
            OptionInput::AnnualTurnover,
            "a turnover",
            Indicator::Turnover,
        ),
        (
            OptionInput::AgencyCover,
            "agency cover",
            Indicator::VacanciesCoveredByAgency,
        ),
        (
            OptionInput::TargetCaseload,
            "a target caseload",
            Indicator::Caseload,
        ),
    ];
    for option in &file.options {
        for (input, what, indicator) in per_option {
            check(
                input.path(&option.name),
                &format!("{}: ", option.name),
                what,
                input.get(option),
                indicator,
            );
        }
    }
    out
}

/// "45% a year", "25 cases per social worker".
fn value_words(indicator: Indicator, value: f64) -> String {
    let rounded = format!("{value:.1}");
    let number = rounded.strip_suffix(".0").unwrap_or(&rounded);
    match indicator {
        Indicator::Turnover => format!("{number}% a year"),
        Indicator::Caseload => format!("{number} cases per social worker"),
        _ => format!("{number}%"),
    }
}
