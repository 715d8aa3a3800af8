//! The registry of uncertain inputs: every `Dist` field of a scenario, with its path as users see
//! it (`workforce.agency_premium`, `options[Children's trust].setup_cost`) and its clamp range.
//!
//! Validation, the engine, sensitivity names and the editor all read this one table, so a field
//! cannot be clamped one way in the engine and described another way in the window.

use super::dist::{Dist, Range};
use super::scenario::{Block, Contract, ContractSum, DeliveryOption, ScenarioFile};

/// A scenario field that holds a `Dist`: always (`Dist`), or only in some format versions
/// (`Option<Dist>`).
pub trait DistField {
    fn dist(&self) -> Option<&Dist>;
    fn dist_mut(&mut self) -> Option<&mut Dist>;
}

impl DistField for Dist {
    fn dist(&self) -> Option<&Dist> {
        Some(self)
    }
    fn dist_mut(&mut self) -> Option<&mut Dist> {
        Some(self)
    }
}

impl DistField for Option<Dist> {
    fn dist(&self) -> Option<&Dist> {
        self.as_ref()
    }
    fn dist_mut(&mut self) -> Option<&mut Dist> {
        self.as_mut()
    }
}

macro_rules! input_table {
    (
        $(#[$meta:meta])*
        $name:ident on $target:ty {
            $( $variant:ident => $($field:ident).+ : $range:expr, absent $absent:expr ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $( $variant ),* }

        impl $name {
            /// Every input, in file order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),* ];
            /// How many inputs the table holds.
            pub const COUNT: usize = [$( stringify!($variant) ),*].len();

            /// The field's path below its section, as written in the file.
            pub fn field(self) -> &'static str {
                match self { $( $name::$variant => concat!($(stringify!($field), ".",)+) ),* }
                    .trim_end_matches('.')
            }

            /// Where a drawn value is clamped (MODEL.md §3).
            pub fn range(self) -> Range {
                match self { $( $name::$variant => $range ),* }
            }

            /// The field's distribution, or `None` where the scenario's format version has no
            /// such field.
            pub fn get(self, target: &$target) -> Option<&Dist> {
                match self { $( $name::$variant => DistField::dist(&target.$($field).+) ),* }
            }

            pub fn get_mut(self, target: &mut $target) -> Option<&mut Dist> {
                match self {
                    $( $name::$variant => DistField::dist_mut(&mut target.$($field).+) ),*
                }
            }

            /// The value that stands for the field where the scenario has none: one that
            /// leaves the arithmetic of the older model exactly as it was (`None` for fields
            /// every version has).
            pub fn absent(self) -> Option<f64> {
                match self { $( $name::$variant => $absent ),* }
            }

            /// Position in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
        }
    };
}

input_table! {
    /// The scenario-wide inputs, drawn once per iteration and shared by every option.
    /// Placement weekly costs and budget blocks are listed per entry, outside this table.
    WorldInput on ScenarioFile {
        GeneralInflation => appraisal.general_inflation: Range::GROWTH, absent None,
        OpenCases => demand.open_cases: Range::AT_LEAST_ONE, absent None,
        LookedAfterShare => demand.looked_after_share: Range::UNIT, absent None,
        AnnualGrowth => demand.annual_growth: Range::GROWTH, absent None,
        MonthlyVolatility => demand.monthly_volatility: Range::NON_NEGATIVE, absent None,
        ShockProbability => demand.shock_probability_per_year: Range::UNIT, absent None,
        ShockSize => demand.shock_size: Range::GROWTH, absent None,
        EffectRampYears => demand.effect_ramp_years: Range::RAMP_YEARS, absent None,
        ChildrenInNeed => demand.children_in_need: Range::NON_NEGATIVE, absent Some(0.0),
        ChildPopulation => demand.child_population: Range::NON_NEGATIVE, absent Some(0.0),
        ChildPopulationGrowth => demand.child_population_growth: Range::GROWTH, absent Some(0.0),
        InitialVacancyRate => workforce.initial_vacancy_rate: Range::RATE_95, absent None,
        InitialNewStarterShare => workforce.initial_new_starter_share: Range::UNIT, absent None,
        NewStarterProductivity => workforce.new_starter_productivity: Range::UNIT, absent None,
        ReferenceCaseload => workforce.reference_caseload: Range::AT_LEAST_ONE, absent None,
        TurnoverPressure => workforce.turnover_pressure: Range::NON_NEGATIVE, absent None,
        SalaryNewStarter => workforce.salary_new_starter: Range::NON_NEGATIVE, absent None,
        SalaryExperienced => workforce.salary_experienced: Range::NON_NEGATIVE, absent None,
        SalaryManager => workforce.salary_manager: Range::NON_NEGATIVE, absent None,
        SalarySupport => workforce.salary_support: Range::NON_NEGATIVE, absent None,
        OncostRate => workforce.oncost_rate: Range::NON_NEGATIVE, absent None,
        PayInflation => workforce.pay_inflation: Range::GROWTH, absent None,
        AgencyPremium => workforce.agency_premium: Range::GROWTH, absent None,
        CostPerHire => workforce.cost_per_hire: Range::NON_NEGATIVE, absent None,
        NonPayPerFte => workforce.non_pay_per_fte: Range::NON_NEGATIVE, absent None,
        NonCaseHoldingRatio => workforce.non_case_holding_ratio: Range::NON_NEGATIVE,
            absent Some(0.0),
        PlacementInflation => placements.inflation: Range::GROWTH, absent None,
    }
}

input_table! {
    /// An option's own inputs, drawn for each option separately.
    OptionInput on DeliveryOption {
        TargetCaseload => target_caseload: Range::AT_LEAST_ONE, absent None,
        AgencyCover => agency_cover: Range::UNIT, absent None,
        AgencyBeyondVacancies => agency_beyond_vacancies: Range::UNIT, absent Some(0.0),
        // Version 3 files have no time to fill: the hire rate follows from the sustained
        // vacancy rate instead (the engine knows which rule a scenario uses).
        TimeToFillMonths => time_to_fill_months: Range::AT_LEAST_ONE, absent Some(1.0),
        SustainedVacancyRate => sustained_vacancy_rate: Range::RATE_95, absent Some(0.0),
        SpanOfControl => span_of_control: Range::AT_LEAST_ONE, absent None,
        SupportStaffRatio => support_staff_ratio: Range::NON_NEGATIVE, absent None,
        AnnualTurnover => annual_turnover: Range::RATE_95, absent None,
        TransitionTurnoverUplift => transition_turnover_uplift: Range::SIGNED_95, absent None,
        TransitionYears => transition_years: Range::NON_NEGATIVE, absent None,
        PensionRateDelta => pension_rate_delta: Range::GROWTH, absent None,
        OverheadRate => overhead_rate: Range::NON_NEGATIVE, absent None,
        OverheadFixed => overhead_fixed: Range::NON_NEGATIVE, absent Some(0.0),
        VatLeakage => vat_leakage: Range::UNIT, absent None,
        AnnualEfficiency => annual_efficiency: Range::EFFICIENCY, absent None,
        LookedAfterReduction => looked_after_reduction: Range::REDUCTION, absent None,
        PracticeQualityDelta => practice_quality_delta: Range::QUALITY_DELTA, absent None,
        SetupCost => setup_cost: Range::NON_NEGATIVE, absent None,
        OptimismBias => optimism_bias: Range::NON_NEGATIVE, absent None,
        GovernanceCost => governance_cost: Range::NON_NEGATIVE, absent None,
        ClientSideCost => client_side_cost: Range::NON_NEGATIVE, absent None,
        StrandedCost => stranded_cost: Range::NON_NEGATIVE, absent None,
        StrandedYears => stranded_years: Range::NON_NEGATIVE, absent None,
        ReprocurementCost => reprocurement_cost: Range::NON_NEGATIVE, absent None,
        FailureProbability => failure_probability: Range::UNIT, absent Some(0.0),
        FailureCost => failure_cost: Range::NON_NEGATIVE, absent Some(0.0),
    }
}

/// Clamp range of a placement's weekly cost.
pub const WEEKLY_COST_RANGE: Range = Range::NON_NEGATIVE;

impl WorldInput {
    /// Full path, e.g. `workforce.agency_premium`.
    pub fn path(self) -> &'static str {
        self.field()
    }
}

impl OptionInput {
    /// Full path for the named option, e.g. `options[Children's trust].setup_cost`.
    pub fn path(self, option_name: &str) -> String {
        format!("options[{option_name}].{}", self.field())
    }
}

/// Path of a placement's weekly cost, e.g. `placements.mix[Children's homes].weekly_cost`.
pub fn weekly_cost_path(placement_name: &str) -> String {
    format!("placements.mix[{placement_name}].weekly_cost")
}

/// The two uncertain inputs of a budget block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockInput {
    UnitCost,
    Inflation,
}

impl BlockInput {
    pub const ALL: [BlockInput; 2] = [BlockInput::UnitCost, BlockInput::Inflation];

    pub fn field(self) -> &'static str {
        match self {
            BlockInput::UnitCost => "unit_cost",
            BlockInput::Inflation => "inflation",
        }
    }

    pub fn range(self) -> Range {
        match self {
            BlockInput::UnitCost => Range::NON_NEGATIVE,
            BlockInput::Inflation => Range::GROWTH,
        }
    }

    pub fn get(self, block: &Block) -> &Dist {
        match self {
            BlockInput::UnitCost => &block.unit_cost,
            BlockInput::Inflation => &block.inflation,
        }
    }

    pub fn get_mut(self, block: &mut Block) -> &mut Dist {
        match self {
            BlockInput::UnitCost => &mut block.unit_cost,
            BlockInput::Inflation => &mut block.inflation,
        }
    }

    /// Path for the named block, e.g. `budget.blocks[Youth justice].unit_cost`.
    pub fn path(self, block_name: &str) -> String {
        format!("budget.blocks[{block_name}].{}", self.field())
    }
}

/// The uncertain inputs of an option's contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContractInput {
    /// The typed sum, or the savings target below the expected cost.
    Sum,
    Indexation,
    ProviderShare,
    UnderspendKept,
    InitialReserves,
    ImprovementPlanCost,
    ReturnCost,
    ReturnTurnoverUplift,
    ReturnYears,
    ReturnNewStarterShare,
    Bidders,
    NoBidderPremium,
    OneBidderPremium,
}

impl ContractInput {
    pub const ALL: [ContractInput; 13] = [
        ContractInput::Sum,
        ContractInput::Indexation,
        ContractInput::ProviderShare,
        ContractInput::UnderspendKept,
        ContractInput::InitialReserves,
        ContractInput::ImprovementPlanCost,
        ContractInput::ReturnCost,
        ContractInput::ReturnTurnoverUplift,
        ContractInput::ReturnYears,
        ContractInput::ReturnNewStarterShare,
        ContractInput::Bidders,
        ContractInput::NoBidderPremium,
        ContractInput::OneBidderPremium,
    ];
    pub const COUNT: usize = 13;

    pub fn field(self) -> &'static str {
        match self {
            ContractInput::Sum => "sum",
            ContractInput::Indexation => "indexation",
            ContractInput::ProviderShare => "provider_share",
            ContractInput::UnderspendKept => "underspend_kept",
            ContractInput::InitialReserves => "initial_reserves",
            ContractInput::ImprovementPlanCost => "improvement_plan_cost",
            ContractInput::ReturnCost => "return_cost",
            ContractInput::ReturnTurnoverUplift => "return_turnover_uplift",
            ContractInput::ReturnYears => "return_years",
            ContractInput::ReturnNewStarterShare => "return_new_starter_share",
            ContractInput::Bidders => "bidders",
            ContractInput::NoBidderPremium => "no_bidder_premium",
            ContractInput::OneBidderPremium => "one_bidder_premium",
        }
    }

    /// Where a drawn value is clamped. The sum is money when typed, a savings target (a share
    /// of the expected cost, at most 90%) otherwise.
    pub fn range(self, contract: &Contract) -> Range {
        match self {
            ContractInput::Sum => match contract.sum {
                ContractSum::Typed(_) => Range::NON_NEGATIVE,
                ContractSum::ExpectedCostLess(_) => Range::REDUCTION,
            },
            ContractInput::Indexation
            | ContractInput::NoBidderPremium
            | ContractInput::OneBidderPremium => Range::GROWTH,
            ContractInput::ProviderShare
            | ContractInput::UnderspendKept
            | ContractInput::ReturnNewStarterShare => Range::UNIT,
            ContractInput::ReturnTurnoverUplift => Range::SIGNED_95,
            ContractInput::InitialReserves
            | ContractInput::ImprovementPlanCost
            | ContractInput::ReturnCost
            | ContractInput::ReturnYears
            | ContractInput::Bidders => Range::NON_NEGATIVE,
        }
    }

    pub fn get(self, c: &Contract) -> &Dist {
        match self {
            ContractInput::Sum => match &c.sum {
                ContractSum::Typed(d) | ContractSum::ExpectedCostLess(d) => d,
            },
            ContractInput::Indexation => &c.indexation,
            ContractInput::ProviderShare => &c.provider_share,
            ContractInput::UnderspendKept => &c.underspend_kept,
            ContractInput::InitialReserves => &c.initial_reserves,
            ContractInput::ImprovementPlanCost => &c.improvement_plan_cost,
            ContractInput::ReturnCost => &c.return_cost,
            ContractInput::ReturnTurnoverUplift => &c.return_turnover_uplift,
            ContractInput::ReturnYears => &c.return_years,
            ContractInput::ReturnNewStarterShare => &c.return_new_starter_share,
            ContractInput::Bidders => &c.bidders,
            ContractInput::NoBidderPremium => &c.no_bidder_premium,
            ContractInput::OneBidderPremium => &c.one_bidder_premium,
        }
    }

    pub fn get_mut(self, c: &mut Contract) -> &mut Dist {
        match self {
            ContractInput::Sum => match &mut c.sum {
                ContractSum::Typed(d) | ContractSum::ExpectedCostLess(d) => d,
            },
            ContractInput::Indexation => &mut c.indexation,
            ContractInput::ProviderShare => &mut c.provider_share,
            ContractInput::UnderspendKept => &mut c.underspend_kept,
            ContractInput::InitialReserves => &mut c.initial_reserves,
            ContractInput::ImprovementPlanCost => &mut c.improvement_plan_cost,
            ContractInput::ReturnCost => &mut c.return_cost,
            ContractInput::ReturnTurnoverUplift => &mut c.return_turnover_uplift,
            ContractInput::ReturnYears => &mut c.return_years,
            ContractInput::ReturnNewStarterShare => &mut c.return_new_starter_share,
            ContractInput::Bidders => &mut c.bidders,
            ContractInput::NoBidderPremium => &mut c.no_bidder_premium,
            ContractInput::OneBidderPremium => &mut c.one_bidder_premium,
        }
    }

    /// Path for the named option, e.g. `options[Children's trust].contract.provider_share`.
    pub fn path(self, option_name: &str) -> String {
        format!("options[{option_name}].contract.{}", self.field())
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Path of the council's overhead on the blocks it keeps.
pub const RETAINED_OVERHEAD_PATH: &str = "budget.retained_overhead_rate";
/// Clamp range of the council's overhead on the blocks it keeps.
pub const RETAINED_OVERHEAD_RANGE: Range = Range::NON_NEGATIVE;

/// The input at `path` (as sensitivity, validation messages and notes write it), with its clamp
/// range; `None` for a path the file does not hold.
pub fn dist_at<'a>(file: &'a ScenarioFile, path: &str) -> Option<(&'a Dist, Range)> {
    match locate(path)? {
        Located::World(w) => w.get(file).map(|d| (d, w.range())),
        Located::Option(name, j) => {
            let o = file.options.iter().find(|o| o.name == name)?;
            j.get(o).map(|d| (d, j.range()))
        }
        Located::Contract(name, j) => {
            let c = file
                .options
                .iter()
                .find(|o| o.name == name)?
                .contract
                .as_ref()?;
            Some((j.get(c), j.range(c)))
        }
        Located::Weekly(name) => file
            .placements
            .mix
            .iter()
            .find(|p| p.name == name)
            .map(|p| (&p.weekly_cost, WEEKLY_COST_RANGE)),
        Located::Block(name, b) => {
            let block = file
                .budget
                .as_ref()?
                .blocks
                .iter()
                .find(|k| k.name == name)?;
            Some((b.get(block), b.range()))
        }
        Located::Retained => file
            .budget
            .as_ref()
            .map(|b| (&b.retained_overhead_rate, RETAINED_OVERHEAD_RANGE)),
    }
}

/// The input at `path`, to change it; `None` for a path the file does not hold.
pub fn dist_at_mut<'a>(file: &'a mut ScenarioFile, path: &str) -> Option<&'a mut Dist> {
    match locate(path)? {
        Located::World(w) => w.get_mut(file),
        Located::Option(name, j) => {
            let o = file.options.iter_mut().find(|o| o.name == name)?;
            j.get_mut(o)
        }
        Located::Contract(name, j) => {
            let c = file
                .options
                .iter_mut()
                .find(|o| o.name == name)?
                .contract
                .as_mut()?;
            Some(j.get_mut(c))
        }
        Located::Weekly(name) => file
            .placements
            .mix
            .iter_mut()
            .find(|p| p.name == name)
            .map(|p| &mut p.weekly_cost),
        Located::Block(name, b) => {
            let block = file
                .budget
                .as_mut()?
                .blocks
                .iter_mut()
                .find(|k| k.name == name)?;
            Some(b.get_mut(block))
        }
        Located::Retained => file.budget.as_mut().map(|b| &mut b.retained_overhead_rate),
    }
}

/// Where a path points, with the name of the option, placement or block it names.
enum Located<'p> {
    World(WorldInput),
    Option(&'p str, OptionInput),
    Contract(&'p str, ContractInput),
    Weekly(&'p str),
    Block(&'p str, BlockInput),
    Retained,
}

fn locate(path: &str) -> Option<Located<'_>> {
    if let Some(w) = WorldInput::ALL.iter().find(|w| w.path() == path) {
        return Some(Located::World(*w));
    }
    if path == RETAINED_OVERHEAD_PATH {
        return Some(Located::Retained);
    }
    // Names may hold "]" but fields never do: split at the last "].".
    let split = |rest| str::rsplit_once(rest, "].");
    if let Some(rest) = path.strip_prefix("options[") {
        let (name, field) = split(rest)?;
        if let Some(field) = field.strip_prefix("contract.") {
            let j = ContractInput::ALL
                .into_iter()
                .find(|j| j.field() == field)?;
            return Some(Located::Contract(name, j));
        }
        let j = OptionInput::ALL.iter().find(|j| j.field() == field)?;
        return Some(Located::Option(name, *j));
    }
    if let Some(rest) = path.strip_prefix("placements.mix[") {
        let (name, field) = split(rest)?;
        return (field == "weekly_cost").then_some(Located::Weekly(name));
    }
    if let Some(rest) = path.strip_prefix("budget.blocks[") {
        let (name, field) = split(rest)?;
        let b = BlockInput::ALL.into_iter().find(|b| b.field() == field)?;
        return Some(Located::Block(name, b));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_the_file() {
        assert_eq!(WorldInput::AgencyPremium.path(), "workforce.agency_premium");
        assert_eq!(
            WorldInput::GeneralInflation.path(),
            "appraisal.general_inflation"
        );
        assert_eq!(
            OptionInput::SetupCost.path("Children's trust"),
            "options[Children's trust].setup_cost"
        );
        assert_eq!(WorldInput::COUNT, WorldInput::ALL.len());
        assert_eq!(OptionInput::COUNT, OptionInput::ALL.len());
        for (i, w) in WorldInput::ALL.iter().enumerate() {
            assert_eq!(w.index(), i);
        }
    }
}
