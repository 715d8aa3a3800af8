//! What each scenario field means to a person: its label, its unit and a sentence of help. The
//! model's input table ([`WorldInput`], [`OptionInput`]) gives paths and ranges; this adds words.
//! Shared by the editor, the charts' input names and the report's assumptions table.

use crate::model::{OptionInput, WorldInput};

/// The unit a field is shown and typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A one-off sum in £.
    Pounds,
    /// £ a year.
    PoundsPerYear,
    /// £ per child per week.
    PoundsPerWeek,
    /// £ per FTE a year.
    PoundsPerFte,
    /// A share or rate, stored as a fraction and shown as a percentage.
    Percent,
    /// A yearly rate, stored as a fraction and shown as a percentage.
    PercentPerYear,
    /// A change in a rate, stored as a fraction and shown in percentage points.
    PercentagePoints,
    /// Full-time equivalent staff per social worker or per manager.
    Fte,
    Cases,
    CasesPerWorker,
    Years,
    Months,
    /// Points on the 0–100 quality index.
    IndexPoints,
    /// A multiple of something else, stated in the help.
    Multiple,
    /// A plain count.
    Count,
}

impl Unit {
    /// Stored value × scale = the number people type.
    pub fn scale(self) -> f64 {
        match self {
            Unit::Percent | Unit::PercentPerYear | Unit::PercentagePoints => 100.0,
            _ => 1.0,
        }
    }

    pub fn is_money(self) -> bool {
        matches!(
            self,
            Unit::Pounds | Unit::PoundsPerYear | Unit::PoundsPerWeek | Unit::PoundsPerFte
        )
    }

    /// Written after a field's label: "Set-up cost (£)".
    pub fn label(self) -> &'static str {
        match self {
            Unit::Pounds => "£",
            Unit::PoundsPerYear => "£ a year",
            Unit::PoundsPerWeek => "£/week",
            Unit::PoundsPerFte => "£ per FTE a year",
            Unit::Percent => "%",
            Unit::PercentPerYear => "% a year",
            Unit::PercentagePoints => "% points",
            Unit::Fte => "FTE",
            Unit::Cases => "cases",
            Unit::CasesPerWorker => "cases per social worker",
            Unit::Years => "years",
            Unit::Months => "months",
            Unit::IndexPoints => "index points",
            Unit::Multiple => "×",
            Unit::Count => "",
        }
    }

    /// Written after a number inside a value box.
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Percent | Unit::PercentPerYear => "%",
            Unit::PercentagePoints => " pp",
            Unit::Multiple => "×",
            _ => "",
        }
    }

    /// A stored value as people read it: `£4,000,000`, `15.5%`, `16 cases per social worker`.
    pub fn format(self, stored: f64) -> String {
        if !stored.is_finite() {
            return stored.to_string();
        }
        let shown = stored * self.scale();
        if self.is_money() {
            return money(shown);
        }
        // A typographic minus, as in every other figure people read; thousands separated.
        let number = if shown.abs() >= 1000.0 && shown.fract() == 0.0 {
            let sign = if shown < 0.0 { "−" } else { "" };
            format!("{sign}{}", crate::present::thousands(shown.abs() as u64))
        } else {
            trim_number(shown, 2).replacen('-', "−", 1)
        };
        match self {
            Unit::Percent | Unit::PercentPerYear => format!("{number}%"),
            Unit::PercentagePoints => format!("{number} pp"),
            Unit::Multiple => format!("{number}×"),
            Unit::Count => number,
            _ => format!("{number} {}", self.label()),
        }
    }

    /// The step a value box moves by per pixel of dragging, in shown units.
    pub fn drag_speed(self, shown: f64) -> f64 {
        let magnitude = shown.abs().max(match self {
            Unit::Percent | Unit::PercentPerYear | Unit::PercentagePoints => 1.0,
            _ if self.is_money() => 100.0,
            _ => 1.0,
        });
        magnitude * 0.005
    }
}

/// `£4,000,000`, `£950`, `−£1,200`.
pub fn money(pounds: f64) -> String {
    let sign = if pounds < 0.0 { "−" } else { "" };
    let whole = pounds.abs();
    if whole >= 1000.0 || whole.fract() == 0.0 {
        format!("{sign}£{}", crate::present::thousands(whole.round() as u64))
    } else {
        format!("{sign}£{}", trim_number(whole, 2))
    }
}

/// A number with at most `decimals` decimals and no trailing zeros.
pub fn trim_number(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Label, unit and help of one field.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    pub label: &'static str,
    pub unit: Unit,
    pub help: &'static str,
    /// Where the default comes from (a published figure or judgement); empty when it is the
    /// user's own choice.
    pub source: &'static str,
}

const fn spec(label: &'static str, unit: Unit, help: &'static str) -> FieldSpec {
    FieldSpec {
        label,
        unit,
        help,
        source: "",
    }
}

/// Words for a scenario-wide input.
pub fn world_spec(input: WorldInput) -> FieldSpec {
    use Unit::*;
    use WorldInput as W;
    let words = match input {
        W::GeneralInflation => spec(
            "General inflation",
            PercentPerYear,
            "GDP-deflator inflation. Uprates non-pay and other costs, and turns nominal costs into \
             start-year prices for the net present cost.",
        ),
        W::OpenCases => spec(
            "Open cases",
            Cases,
            "Children's social care cases open at the start: children in need, on child \
             protection plans and looked after.",
        ),
        W::LookedAfterShare => spec(
            "Looked-after share",
            Percent,
            "Share of open cases who are looked-after children and need a placement.",
        ),
        W::AnnualGrowth => spec(
            "Annual demand growth",
            PercentPerYear,
            "Underlying growth in open cases a year, before noise and shocks.",
        ),
        W::MonthlyVolatility => spec(
            "Monthly volatility",
            Percent,
            "Month-to-month random variation in the caseload (standard deviation of the monthly \
             change).",
        ),
        W::ShockProbability => spec(
            "Shock probability",
            PercentPerYear,
            "Chance a year of a sudden jump or fall in demand (a pandemic, a serious case review).",
        ),
        W::ShockSize => spec(
            "Shock size",
            Percent,
            "Change in the caseload when a shock happens (negative for a fall).",
        ),
        W::EffectRampYears => spec(
            "Effect ramp-up",
            Years,
            "Years for an option's effect on looked-after numbers to build up in full.",
        ),
        W::InitialVacancyRate => spec(
            "Initial vacancy rate",
            Percent,
            "Share of social-worker posts vacant at the start (the same for every option: staff \
             transfer under TUPE).",
        ),
        W::InitialNewStarterShare => spec(
            "New starters at the start",
            Percent,
            "Share of social workers in their first year of practice at the start.",
        ),
        W::NewStarterProductivity => spec(
            "New-starter productivity",
            Percent,
            "Caseload a first-year social worker carries, as a share of an experienced worker's.",
        ),
        W::ReferenceCaseload => spec(
            "Reference caseload",
            CasesPerWorker,
            "Caseload per effective social worker above which turnover rises and quality falls.",
        ),
        W::TurnoverPressure => spec(
            "Turnover pressure",
            Multiple,
            "How strongly turnover rises when caseloads exceed the reference: turnover is \
             multiplied by 1 + this × the excess.",
        ),
        W::SalaryNewStarter => spec(
            "Salary: new starter",
            PoundsPerYear,
            "Annual salary of a social worker in their first year, at start-year prices.",
        ),
        W::SalaryExperienced => spec(
            "Salary: experienced social worker",
            PoundsPerYear,
            "Annual salary of an experienced social worker, at start-year prices.",
        ),
        W::SalaryManager => spec(
            "Salary: team manager",
            PoundsPerYear,
            "Annual salary of a line manager of social workers.",
        ),
        W::SalarySupport => spec(
            "Salary: support staff",
            PoundsPerYear,
            "Annual salary of family-support and business-support staff.",
        ),
        W::OncostRate => spec(
            "On-costs",
            Percent,
            "Employer national insurance and pension contributions, as a share of salary.",
        ),
        W::PayInflation => spec(
            "Pay inflation",
            PercentPerYear,
            "Yearly pay award for every salary.",
        ),
        W::AgencyPremium => spec(
            "Agency premium",
            Percent,
            "Extra an agency social worker costs over an employed one (salary plus on-costs).",
        ),
        W::CostPerHire => spec(
            "Cost per hire",
            Pounds,
            "Advertising, interviews, agency finder's fees and golden hellos for each hire.",
        ),
        W::NonPayPerFte => spec(
            "Non-pay per FTE",
            PoundsPerFte,
            "Accommodation, IT, travel and training for each member of staff.",
        ),
        W::PlacementInflation => spec(
            "Placement inflation",
            PercentPerYear,
            "Yearly rise in the weekly cost of every placement.",
        ),
    };
    FieldSpec {
        source: crate::present::sources::world_source(input),
        ..words
    }
}

/// Words for an option's own input.
pub fn option_spec(input: OptionInput) -> FieldSpec {
    use OptionInput as O;
    use Unit::*;
    let words = match input {
        O::TargetCaseload => spec(
            "Target caseload",
            CasesPerWorker,
            "Cases per social worker the option plans for: sets the social-worker establishment.",
        ),
        O::AgencyCover => spec(
            "Agency cover",
            Percent,
            "Share of vacant posts filled by agency social workers; the rest stay uncovered.",
        ),
        O::TimeToFillMonths => spec(
            "Time to fill a vacancy",
            Months,
            "Average months to recruit to a vacant post.",
        ),
        O::SpanOfControl => spec(
            "Span of control",
            Fte,
            "Social workers (FTE) per line manager.",
        ),
        O::SupportStaffRatio => spec(
            "Support staff ratio",
            Fte,
            "Support staff (FTE) per social worker.",
        ),
        O::AnnualTurnover => spec(
            "Annual staff turnover",
            PercentPerYear,
            "Share of social workers who leave in a year at normal caseloads.",
        ),
        O::TransitionTurnoverUplift => spec(
            "Turnover uplift in transition",
            PercentagePoints,
            "Extra turnover while the service moves to the new provider.",
        ),
        O::TransitionYears => spec(
            "Transition length",
            Years,
            "How long the transition disruption lasts.",
        ),
        O::PensionRateDelta => spec(
            "Pension rate change",
            PercentagePoints,
            "Change in the employer pension rate (an admitted body's own LGPS rate).",
        ),
        O::OverheadRate => spec(
            "Overheads",
            Percent,
            "Back-office overheads as a share of staff and non-pay costs.",
        ),
        O::VatLeakage => spec(
            "Irrecoverable VAT",
            Percent,
            "Share of non-pay and overheads on which VAT cannot be recovered.",
        ),
        O::AnnualEfficiency => spec(
            "Annual efficiency",
            PercentPerYear,
            "Yearly saving on non-pay and overheads (negative for creeping cost).",
        ),
        O::LookedAfterReduction => spec(
            "Looked-after reduction",
            Percent,
            "Fall in looked-after children the option achieves once its effect has built up.",
        ),
        O::PracticeQualityDelta => spec(
            "Practice quality effect",
            IndexPoints,
            "The option's own effect on practice, leadership and culture, added to the quality \
             index.",
        ),
        O::SetupCost => spec(
            "Set-up cost",
            Pounds,
            "One-off cost of setting up the new provider, in year 0.",
        ),
        O::OptimismBias => spec(
            "Optimism bias",
            Percent,
            "Green Book uplift on the set-up cost for over-optimistic estimates.",
        ),
        O::GovernanceCost => spec(
            "Governance cost",
            PoundsPerYear,
            "Board, directors and company secretariat a year.",
        ),
        O::ClientSideCost => spec(
            "Client-side cost",
            PoundsPerYear,
            "The council's own commissioning and contract-management team a year.",
        ),
        O::StrandedCost => spec(
            "Stranded costs",
            PoundsPerYear,
            "Council overheads left behind after the transfer, a year at first.",
        ),
        O::StrandedYears => spec(
            "Stranded costs wind down over",
            Years,
            "Years over which stranded costs fall to zero.",
        ),
        O::ReprocurementCost => spec(
            "Re-procurement cost",
            Pounds,
            "Cost of re-letting the contract, each time it ends.",
        ),
        O::FailureProbability => spec(
            "Provider failure chance",
            PercentPerYear,
            "Chance a year that the provider fails and the council absorbs its deficit.",
        ),
        O::FailureCost => spec(
            "Provider failure cost",
            Pounds,
            "Cost to the council when the provider fails.",
        ),
    };
    FieldSpec {
        source: crate::present::sources::option_source(input),
        ..words
    }
}

/// Words for an option's contract length (a whole number, not a distribution).
pub const CONTRACT_YEARS: FieldSpec = spec(
    "Contract length",
    Unit::Years,
    "Years between re-procurements; 0 means the contract is never re-let.",
);

/// Words for a placement's weekly cost.
pub const WEEKLY_COST: FieldSpec = FieldSpec {
    source: crate::present::sources::WEEKLY_COST_SOURCE,
    ..spec(
        "Weekly cost",
        Unit::PoundsPerWeek,
        "Cost of one child in this kind of placement for a week, at start-year prices.",
    )
};

/// A sampled input's path in people's words: `workforce.agency_premium` → "Agency premium",
/// `options[Children's trust].setup_cost` → "Set-up cost (Children's trust)",
/// `placements.mix[Children's homes].weekly_cost` → "Weekly cost: Children's homes".
pub fn input_title(path: &str) -> String {
    if let Some(rest) = path.strip_prefix("options[")
        && let Some((option, field)) = rest.split_once("].")
        && let Some(input) = OptionInput::ALL.iter().find(|i| i.field() == field)
    {
        return format!("{} ({option})", option_spec(*input).label);
    }
    if let Some(rest) = path.strip_prefix("placements.mix[")
        && let Some((placement, _)) = rest.split_once(']')
    {
        return format!("Weekly cost: {placement}");
    }
    match WorldInput::ALL.iter().find(|i| i.path() == path) {
        Some(input) => world_spec(*input).label.to_string(),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_paths_read_as_words() {
        assert_eq!(input_title("workforce.agency_premium"), "Agency premium");
        assert_eq!(
            input_title("options[Children's trust].setup_cost"),
            "Set-up cost (Children's trust)"
        );
        assert_eq!(
            input_title("placements.mix[Children's homes].weekly_cost"),
            "Weekly cost: Children's homes"
        );
        assert_eq!(input_title("something.else"), "something.else");
    }

    #[test]
    fn units_format_as_people_read_them() {
        assert_eq!(Unit::Percent.format(0.155), "15.5%");
        assert_eq!(Unit::Pounds.format(4_000_000.0), "£4,000,000");
        assert_eq!(Unit::PoundsPerWeek.format(-1200.0), "−£1,200");
        assert_eq!(Unit::Months.format(4.0), "4 months");
        assert_eq!(Unit::Percent.format(-0.05), "−5%");
        assert_eq!(Unit::Cases.format(2200.0), "2,200 cases");
    }
}
