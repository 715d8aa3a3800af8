//! What each scenario field means to a person: its label, its unit and a sentence of help. The
//! model's input table ([`WorldInput`], [`OptionInput`]) gives paths and ranges; this adds words.
//! Shared by the editor, the charts' input names and the report's assumptions table.

use crate::model::inputs::{BlockInput, ContractInput};
use crate::model::scenario::{Contract, ContractSum, Driver};
use crate::model::{OptionInput, WorldInput};

use super::format::{money, trim_number};

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

    /// The spread an input of this unit is given when it stops being fixed and its value leaves
    /// none to take a tenth of (a fixed zero): one percentage point for a share or rate, one of
    /// the unit otherwise.
    pub fn min_spread(self) -> f64 {
        if self.scale() > 1.0 { 0.01 } else { 1.0 }
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
        W::ChildrenInNeed => spec(
            "Children in need",
            Count,
            "Children in need at the start (DfE counts them at 31 March). They move with open \
             cases and drive the cost of blocks such as family support.",
        ),
        W::ChildPopulation => spec(
            "Child population",
            Count,
            "Children aged 0 to 17 living in the area (ONS mid-year estimate). Drives the cost of \
             blocks such as youth services.",
        ),
        W::ChildPopulationGrowth => spec(
            "Child population growth",
            PercentPerYear,
            "Yearly change in the number of children aged 0 to 17.",
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
        W::NonCaseHoldingRatio => spec(
            "Social workers holding no cases",
            Fte,
            "Qualified social workers who hold no cases (reviewing officers, fostering, adoption \
             and court teams, practice leads, managers above team level) per case-holding social \
             worker. Vacancies, agency cover and turnover apply to them too.",
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
        O::AgencyBeyondVacancies => spec(
            "Agency beyond vacancies",
            Percent,
            "Agency social workers who do not fill a vacancy (cover for absence and maternity \
             leave, project teams), as a share of the establishment.",
        ),
        O::SustainedVacancyRate => spec(
            "Vacancy rate the market sustains",
            Percent,
            "The vacancy rate this employer's labour market holds over time: hires keep pace with \
             leavers at this rate. Check it against the DfE workforce census.",
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
        O::OverheadFixed => spec(
            "Fixed overheads",
            PoundsPerYear,
            "Overheads that do not grow with the service (senior management, finance, HR, \
             systems), £ a year at start-year prices; shared between the councils the provider \
             serves.",
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

/// The council's overhead on the blocks it keeps.
pub const RETAINED_OVERHEAD: FieldSpec = FieldSpec {
    label: "Council overhead on retained blocks",
    unit: Unit::Percent,
    help: "The council's own overhead (finance, HR, systems, accommodation) on the budget blocks \
           it keeps when a provider runs the rest, as a share of their cost.",
    source: "Judgement: the in-house overhead rate, since the council's central services stay as \
             they are for the services it keeps.",
};

/// Words for a budget block's unit cost or inflation.
pub fn block_spec(input: BlockInput, driver: Driver) -> FieldSpec {
    match input {
        BlockInput::UnitCost => FieldSpec {
            label: match driver {
                Driver::Cases => "Cost per open case",
                Driver::ChildrenInNeed => "Cost per child in need",
                Driver::LookedAfter => "Cost per child looked after",
                Driver::ChildPopulation => "Cost per child aged 0–17",
                Driver::Fixed => "Cost a year",
            },
            unit: Unit::PoundsPerYear,
            help: "The block's cost a year for each unit of its driver, at start-year prices, \
                   before overheads. The provider's overhead, VAT leakage and efficiency apply \
                   where the option's provider runs the block; the council's overhead where it \
                   keeps it.",
            source: "Calibrated on the MHCLG revenue outturn (RO3) 2023-24 line the block stands \
                     for, over every council with figures, uprated to the start year; see the \
                     block's note and docs/MODEL.md.",
        },
        BlockInput::Inflation => FieldSpec {
            label: "Yearly cost growth",
            unit: Unit::PercentPerYear,
            help: "Yearly rise in the block's unit cost.",
            source: "Judgement anchored on pay awards and recent growth in council spend; see \
                     the block's note.",
        },
    }
}

/// Words for an outsourced option's contract input. The sum reads as money when typed and as a
/// savings target when set from the provider's expected cost.
pub fn contract_spec(input: ContractInput, contract: &Contract) -> FieldSpec {
    use ContractInput as C;
    use Unit::*;
    let judgement = "Judgement; see the input's note and docs/MODEL.md §8.";
    let (label, unit, help, source) = match input {
        C::Sum => match contract.sum {
            ContractSum::Typed(_) => (
                "Contract sum in year 0",
                PoundsPerYear,
                "What the council pays the provider in the first year for the blocks it runs.",
                "The council's own figure, or what it paid its provider (budget papers).",
            ),
            ContractSum::ExpectedCostLess(_) => (
                "Contract savings target",
                Percent,
                "The year-0 sum is the provider's expected cost (every input at its mean) less \
                 this share.",
                "Judgement, informed by the savings plans set for trusts (council papers).",
            ),
        },
        C::Indexation => (
            "Contract indexation",
            PercentPerYear,
            "The yearly uplift of the sum where it is not re-based to the outturn.",
            "NJC pay award 2025/26 (3.2%) as the centre; the range is judgement.",
        ),
        C::ProviderShare => (
            "Provider's share of an overspend",
            Percent,
            "The share of an overspend the provider bears, up to its reserves; the council \
             pays the rest.",
            "Doncaster's 70/30 council/trust risk share (council and DfE reports).",
        ),
        C::UnderspendKept => (
            "Underspend the provider keeps",
            Percent,
            "The share of an underspend that stays with the provider as reserves.",
            judgement,
        ),
        C::InitialReserves => (
            "Provider's reserves at the start",
            Pounds,
            "What the provider holds to absorb its share of overspends.",
            judgement,
        ),
        C::ImprovementPlanCost => (
            "Cost of an improvement plan",
            Pounds,
            "The council's cost each time a trigger brings an improvement plan.",
            judgement,
        ),
        C::ReturnCost => (
            "Cost of a return in-house",
            Pounds,
            "The one-off cost of taking the service back.",
            "Judgement, informed by Worcestershire's winding-up (2024).",
        ),
        C::ReturnTurnoverUplift => (
            "Extra turnover after a return",
            PercentagePoints,
            "Added to turnover while a return settles.",
            judgement,
        ),
        C::ReturnYears => (
            "Years a return disrupts",
            Years,
            "How long the extra turnover of a return lasts.",
            judgement,
        ),
        C::ReturnNewStarterShare => (
            "New starters after a return",
            Percent,
            "The share of staff new after a return.",
            judgement,
        ),
        C::Bidders => (
            "Credible bidders at re-procurement",
            Count,
            "How many credible bidders each re-procurement draws; fewer cost more.",
            "Judgement: the trust model is 'the main, if not sole' vehicle and local markets \
             are thin.",
        ),
        C::NoBidderPremium => (
            "Premium when nobody bids",
            Percent,
            "Extra on the sum when nobody bids and the incumbent is extended.",
            judgement,
        ),
        C::OneBidderPremium => (
            "Premium with one bidder",
            Percent,
            "Extra on the sum when the incumbent is the only bidder.",
            judgement,
        ),
    };
    FieldSpec {
        label,
        unit,
        help,
        source,
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
