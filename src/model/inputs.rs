//! The registry of uncertain inputs: every `Dist` field of a scenario, with its path as users see
//! it (`workforce.agency_premium`, `options[Children's trust].setup_cost`) and its clamp range.
//!
//! Validation, the engine, sensitivity names and the editor all read this one table, so a field
//! cannot be clamped one way in the engine and described another way in the window.

use super::dist::{Dist, Range};
use super::scenario::{DeliveryOption, ScenarioFile};

macro_rules! input_table {
    (
        $(#[$meta:meta])*
        $name:ident on $target:ty {
            $( $variant:ident => $($field:ident).+ : $range:expr ),* $(,)?
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

            pub fn get(self, target: &$target) -> &Dist {
                match self { $( $name::$variant => &target.$($field).+ ),* }
            }

            pub fn get_mut(self, target: &mut $target) -> &mut Dist {
                match self { $( $name::$variant => &mut target.$($field).+ ),* }
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
    /// Placement weekly costs are listed per mix entry, outside this table.
    WorldInput on ScenarioFile {
        GeneralInflation => appraisal.general_inflation: Range::GROWTH,
        OpenCases => demand.open_cases: Range::AT_LEAST_ONE,
        LookedAfterShare => demand.looked_after_share: Range::UNIT,
        AnnualGrowth => demand.annual_growth: Range::GROWTH,
        MonthlyVolatility => demand.monthly_volatility: Range::NON_NEGATIVE,
        ShockProbability => demand.shock_probability_per_year: Range::UNIT,
        ShockSize => demand.shock_size: Range::GROWTH,
        EffectRampYears => demand.effect_ramp_years: Range::RAMP_YEARS,
        InitialVacancyRate => workforce.initial_vacancy_rate: Range::RATE_95,
        InitialNewStarterShare => workforce.initial_new_starter_share: Range::UNIT,
        NewStarterProductivity => workforce.new_starter_productivity: Range::UNIT,
        ReferenceCaseload => workforce.reference_caseload: Range::AT_LEAST_ONE,
        TurnoverPressure => workforce.turnover_pressure: Range::NON_NEGATIVE,
        SalaryNewStarter => workforce.salary_new_starter: Range::NON_NEGATIVE,
        SalaryExperienced => workforce.salary_experienced: Range::NON_NEGATIVE,
        SalaryManager => workforce.salary_manager: Range::NON_NEGATIVE,
        SalarySupport => workforce.salary_support: Range::NON_NEGATIVE,
        OncostRate => workforce.oncost_rate: Range::NON_NEGATIVE,
        PayInflation => workforce.pay_inflation: Range::GROWTH,
        AgencyPremium => workforce.agency_premium: Range::GROWTH,
        CostPerHire => workforce.cost_per_hire: Range::NON_NEGATIVE,
        NonPayPerFte => workforce.non_pay_per_fte: Range::NON_NEGATIVE,
        PlacementInflation => placements.inflation: Range::GROWTH,
    }
}

input_table! {
    /// An option's own inputs, drawn for each option separately.
    OptionInput on DeliveryOption {
        TargetCaseload => target_caseload: Range::AT_LEAST_ONE,
        AgencyCover => agency_cover: Range::UNIT,
        TimeToFillMonths => time_to_fill_months: Range::AT_LEAST_ONE,
        SpanOfControl => span_of_control: Range::AT_LEAST_ONE,
        SupportStaffRatio => support_staff_ratio: Range::NON_NEGATIVE,
        AnnualTurnover => annual_turnover: Range::RATE_95,
        TransitionTurnoverUplift => transition_turnover_uplift: Range::SIGNED_95,
        TransitionYears => transition_years: Range::NON_NEGATIVE,
        PensionRateDelta => pension_rate_delta: Range::GROWTH,
        OverheadRate => overhead_rate: Range::NON_NEGATIVE,
        VatLeakage => vat_leakage: Range::UNIT,
        AnnualEfficiency => annual_efficiency: Range::EFFICIENCY,
        LookedAfterReduction => looked_after_reduction: Range::REDUCTION,
        PracticeQualityDelta => practice_quality_delta: Range::QUALITY_DELTA,
        SetupCost => setup_cost: Range::NON_NEGATIVE,
        OptimismBias => optimism_bias: Range::NON_NEGATIVE,
        GovernanceCost => governance_cost: Range::NON_NEGATIVE,
        ClientSideCost => client_side_cost: Range::NON_NEGATIVE,
        StrandedCost => stranded_cost: Range::NON_NEGATIVE,
        StrandedYears => stranded_years: Range::NON_NEGATIVE,
        ReprocurementCost => reprocurement_cost: Range::NON_NEGATIVE,
        FailureProbability => failure_probability: Range::UNIT,
        FailureCost => failure_cost: Range::NON_NEGATIVE,
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
