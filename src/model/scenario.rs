//! The scenario file's types (MODEL.md §9), field for field as users write them.
//!
//! These types only deserialise: they hold whatever a file says. [`crate::model::validate`] turns
//! them into a checked [`crate::model::Scenario`], the only type the engine accepts. Strict serde
//! policy: unknown fields are refused by name and no `Dist` field has a silent default.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dist::Dist;

/// The newest `format_version` this program reads and writes.
///
/// - 1: MODEL.md §9, the first format.
/// - 2: adds the optional `notes` map (a free-text note per input, keyed by field path).
/// - 3: the whole-budget model (docs/MODEL.md): the `budget` section and its blocks, the whole
///   social-work establishment, a recruitment market that sustains a stated vacancy rate, fixed
///   overheads shared between the councils a provider serves, stable option ids, and contracts.
///
/// A file keeps the model of the version it was written in: version 1 and 2 files load with
/// their own arithmetic (MODEL.md), unchanged, and are written back at the oldest of versions 1
/// and 2 that holds their content ([`ScenarioFile::version_needed`]). A version-1 or 2 file
/// becomes a version-3 file only by an explicit upgrade (`crate::model::upgrade`), which adds the
/// new inputs.
pub const FORMAT_VERSION: u32 = 3;

/// The first release of Care Options that reads each format version, for the message that asks
/// for a newer program.
pub const FORMAT_FIRST_RELEASE: &[(u32, &str)] = &[(1, "0.1.0"), (2, "0.2.0"), (3, "0.3.0")];

/// A scenario as written in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub format_version: u32,
    pub name: String,
    pub description: String,
    /// Calendar year in which financial year 0 starts (2026 → "2026/27").
    pub start_year: i32,
    pub horizon_years: i64,
    pub simulation: Simulation,
    pub appraisal: Appraisal,
    pub demand: Demand,
    pub workforce: Workforce,
    pub placements: Placements,
    /// Version 3: every other line of the council's children's social care budget, as cost
    /// blocks. Absent in version 1 and 2 files.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub budget: Option<Budget>,
    pub quality: Quality,
    pub options: Vec<DeliveryOption>,
    /// Free-text notes on inputs (source, justification, who agreed it), keyed by field path as
    /// in validation messages: `workforce.agency_premium`, `options[Children's trust].setup_cost`.
    /// Optional: files without it (every version-1 file) load with no notes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
}

/// An optional field written as its bare value (`budget: (…)`, `councils_served: 1.0`) rather
/// than `Some(…)`, as every other field of a scenario file is; absent when `None`.
mod implicit_some {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, T: Serialize>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => v.serialize(serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
}

/// What to tell someone whose file is newer than this program.
pub fn newer_format_message(version: u32) -> String {
    let needed = FORMAT_FIRST_RELEASE
        .iter()
        .find(|(v, _)| *v == version)
        .map(|(_, release)| format!("Care Options {release} or later"))
        .unwrap_or_else(|| "a newer Care Options".to_string());
    format!(
        "this file is format_version {version}, written by a newer Care Options; this program \
         (version {}) reads format_version {FORMAT_VERSION} and older. Open it with {needed}.",
        env!("CARGO_PKG_VERSION")
    )
}

impl ScenarioFile {
    /// The oldest format version that holds this scenario's content: 3 for the whole-budget
    /// model, else 1, or 2 when there are notes.
    pub fn version_needed(&self) -> u32 {
        if self.is_whole_budget() {
            3
        } else if self.notes.is_empty() {
            1
        } else {
            2
        }
    }

    /// True for a scenario of the whole-budget model (format version 3 and later), whose
    /// arithmetic is docs/MODEL.md's; false for the model of MODEL.md (versions 1 and 2).
    pub fn is_whole_budget(&self) -> bool {
        self.format_version >= 3
    }

    /// True when the two scenarios hold the same inputs, whatever their notes say: a note changes
    /// no result, so results of one stand for the other.
    pub fn same_inputs(&self, other: &Self) -> bool {
        if self == other {
            return true;
        }
        if self.notes == other.notes {
            return false;
        }
        let mut without_notes = self.clone();
        without_notes.notes.clone_from(&other.notes);
        without_notes == *other
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    pub iterations: i64,
    pub seed: u64,
    /// How the inputs are drawn; a file that names no method is Monte Carlo, as files were
    /// before the choice existed, so its numbers do not change.
    #[serde(
        default,
        skip_serializing_if = "super::latin::Sampling::is_monte_carlo"
    )]
    pub sampling: super::latin::Sampling,
    /// The elementary functions a run computes with; a file that names none uses the
    /// platform's, as files did before the choice existed, so its numbers do not change.
    #[serde(default, skip_serializing_if = "super::maths::Maths::is_platform")]
    pub maths: super::maths::Maths,
    /// Rank correlations between uncertain inputs (none: independent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub correlations: Vec<super::correlation::Correlation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appraisal {
    /// Real discount rate per year (Green Book 0.035).
    pub discount_rate: f64,
    pub general_inflation: Dist,
    pub baseline_option: String,
    /// Quality index (0–100) below which a year counts as "at risk".
    pub quality_threshold: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    pub open_cases: Dist,
    pub looked_after_share: Dist,
    pub annual_growth: Dist,
    pub monthly_volatility: Dist,
    pub shock_probability_per_year: Dist,
    pub shock_size: Dist,
    pub effect_ramp_years: Dist,
    /// Version 3: children in need at the start (DfE children in need at 31 March). They move
    /// with open cases.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub children_in_need: Option<Dist>,
    /// Version 3: children aged 0 to 17 living in the council's area (ONS mid-year estimate).
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub child_population: Option<Dist>,
    /// Version 3: growth of the child population a year (0.004 = 0.4%).
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub child_population_growth: Option<Dist>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workforce {
    pub initial_vacancy_rate: Dist,
    pub initial_new_starter_share: Dist,
    pub new_starter_productivity: Dist,
    pub reference_caseload: Dist,
    pub turnover_pressure: Dist,
    pub salary_new_starter: Dist,
    pub salary_experienced: Dist,
    pub salary_manager: Dist,
    pub salary_support: Dist,
    pub oncost_rate: Dist,
    pub pay_inflation: Dist,
    pub agency_premium: Dist,
    pub cost_per_hire: Dist,
    pub non_pay_per_fte: Dist,
    /// Version 3: qualified social workers who hold no cases (reviewing officers, fostering,
    /// adoption and court teams, practice leads, managers above team level), per case-holding
    /// social worker. Vacancies, agency cover and turnover apply to them as to case holders.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub non_case_holding_ratio: Option<Dist>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placements {
    pub inflation: Dist,
    pub mix: Vec<Placement>,
}

/// One kind of placement for looked-after children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    pub name: String,
    /// Share of looked-after children in this kind of placement (a plain number).
    pub share: f64,
    /// £ per child per week at start-year prices.
    pub weekly_cost: Dist,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    pub weights: QualityWeights,
    pub caseload_zero_at: f64,
    pub turnover_zero_at: f64,
    pub agency_zero_at: f64,
    pub new_starter_zero_at: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityWeights {
    pub caseload: f64,
    pub stability: f64,
    pub agency: f64,
    pub experience: f64,
}

/// Who delivers the service. Sets colours, icons and wording, never the arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OptionKind {
    InHouse,
    Trust,
    Cic,
}

impl OptionKind {
    pub const ALL: [OptionKind; 3] = [OptionKind::InHouse, OptionKind::Trust, OptionKind::Cic];

    /// The name written in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            OptionKind::InHouse => "InHouse",
            OptionKind::Trust => "Trust",
            OptionKind::Cic => "Cic",
        }
    }

    /// Plain-English name for people.
    pub fn label(self) -> &'static str {
        match self {
            OptionKind::InHouse => "in-house",
            OptionKind::Trust => "children's trust",
            OptionKind::Cic => "community interest company",
        }
    }
}

/// One way of delivering the service.
///
/// Fields marked "version 3" are those of the whole-budget model; fields marked "versions 1–2"
/// belong to the model of MODEL.md and are absent from version-3 files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryOption {
    /// Version 3: a stable identifier that keys the option's random streams, so that renaming
    /// an option changes no number. Versions 1–2 key them by name.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    pub name: String,
    pub kind: OptionKind,
    pub target_caseload: Dist,
    pub agency_cover: Dist,
    /// Version 3: agency social workers beyond those covering vacancies (cover for absence and
    /// maternity leave, project teams), as a share of the establishment.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub agency_beyond_vacancies: Option<Dist>,
    /// Versions 1–2: months to fill a vacancy; hires are the gap over this each month.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_to_fill_months: Option<Dist>,
    /// Version 3: the vacancy rate the labour market sustains for this employer, from which the
    /// monthly hire rate follows (docs/MODEL.md §5).
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub sustained_vacancy_rate: Option<Dist>,
    pub span_of_control: Dist,
    pub support_staff_ratio: Dist,
    pub annual_turnover: Dist,
    pub transition_turnover_uplift: Dist,
    pub transition_years: Dist,
    pub pension_rate_delta: Dist,
    pub overhead_rate: Dist,
    /// Version 3: the fixed part of the provider's overhead, £ a year at start-year prices
    /// (senior management, finance, HR, systems), shared between the councils it serves.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub overhead_fixed: Option<Dist>,
    pub vat_leakage: Dist,
    pub annual_efficiency: Dist,
    pub looked_after_reduction: Dist,
    pub practice_quality_delta: Dist,
    pub setup_cost: Dist,
    pub optimism_bias: Dist,
    pub governance_cost: Dist,
    pub client_side_cost: Dist,
    pub stranded_cost: Dist,
    pub stranded_years: Dist,
    pub contract_years: i64,
    pub reprocurement_cost: Dist,
    /// Versions 1–2: the chance of a provider failure each year.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub failure_probability: Option<Dist>,
    /// Versions 1–2: the cost of a provider failure.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub failure_cost: Option<Dist>,
    /// Version 3: how many councils the provider serves; its fixed overhead and governance are
    /// shared equally between them, and this scenario bears one share.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub councils_served: Option<f64>,
    /// Version 3: the budget blocks the option's provider runs, by id: `social_work` (always),
    /// `placements`, and the ids of `budget.blocks`. The council keeps the rest.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub provider_runs: Option<Vec<String>>,
    /// Version 3, outsourced options (a trust or a company): the contract with the council.
    #[serde(
        default,
        with = "implicit_some",
        skip_serializing_if = "Option::is_none"
    )]
    pub contract: Option<Contract>,
}

/// Version 3: the contract between the council and the provider of an outsourced option
/// (docs/MODEL.md §8). Money in £ at start-year prices; rates as fractions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// How the sum of year 0 is set.
    pub sum: ContractSum,
    /// Yearly uplift of the sum (0.03 = 3%).
    pub indexation: Dist,
    /// Whether the sum is fixed for the term (and indexed) or re-based each year to the
    /// provider's cost of the year before.
    pub renegotiation: Renegotiation,
    /// Share of an overspend the provider bears, from its reserves (0.3 under a 70/30
    /// council/provider risk share); the council bears the rest.
    pub provider_share: Dist,
    /// Share of an underspend the provider keeps, into its reserves (1 kept, 0 returned).
    pub underspend_kept: Dist,
    /// The provider's reserves at the start, £.
    pub initial_reserves: Dist,
    /// Years before an overspend comes back to the council: 0 (the same year) or 1.
    pub return_lag_years: i64,
    /// Quality index (0–100) below which a year breaches the quality KPI.
    pub kpi_quality: f64,
    /// Consecutive years below the KPI that trigger `on_kpi_breach`.
    pub kpi_years: i64,
    pub on_kpi_breach: Intervention,
    /// What happens when an overspend exhausts the provider's reserves.
    pub on_reserves_exhausted: Intervention,
    /// One-off cost to the council of an improvement plan, £.
    pub improvement_plan_cost: Dist,
    /// One-off cost to the council of taking the service back in-house, £.
    pub return_cost: Dist,
    /// Extra turnover a year after the service returns in-house (0.05 = 5 points).
    pub return_turnover_uplift: Dist,
    /// Years the extra turnover lasts.
    pub return_years: Dist,
    /// Share of staff in their first year just after the return (leavers replaced).
    pub return_new_starter_share: Dist,
    /// Credible bidders at each re-procurement (rounded down).
    pub bidders: Dist,
    /// Extra on the sum when nobody bids and the incumbent is extended.
    pub no_bidder_premium: Dist,
    /// Extra on the sum when the incumbent is the only bidder.
    pub one_bidder_premium: Dist,
}

impl Contract {
    /// Every field of a contract, in file order: the paths a note can sit on
    /// (`options[…].contract.<field>`).
    pub const FIELDS: [&'static str; 19] = [
        "sum",
        "indexation",
        "renegotiation",
        "provider_share",
        "underspend_kept",
        "initial_reserves",
        "return_lag_years",
        "kpi_quality",
        "kpi_years",
        "on_kpi_breach",
        "on_reserves_exhausted",
        "improvement_plan_cost",
        "return_cost",
        "return_turnover_uplift",
        "return_years",
        "return_new_starter_share",
        "bidders",
        "no_bidder_premium",
        "one_bidder_premium",
    ];
}

/// How a contract's first-year sum is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ContractSum {
    /// A sum typed by the council, £ a year at start-year prices.
    Typed(Dist),
    /// The provider's expected cost in year 0 (every input at its mean) less this savings
    /// target (0.03 = 3% less).
    ExpectedCostLess(Dist),
}

/// Whether a contract's sum is fixed for its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Renegotiation {
    /// Indexed each year, re-based only at re-procurement.
    FixedForTerm,
    /// Re-based each year to the provider's cost of the year before, then indexed.
    Yearly,
}

/// What a contract does when a trigger fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Intervention {
    #[default]
    Nothing,
    /// An improvement plan, at its cost to the council.
    ImprovementPlan,
    /// The service comes back in-house from the next year, at the return cost, with the
    /// disruption a transfer brings.
    ReturnInHouse,
}

impl DeliveryOption {
    /// The key of the option's random streams: its id, or for a version 1–2 file its name.
    pub fn stream_id(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
}

/// Version 3: the council's children's social care budget beyond the social-work teams and the
/// placements that the workforce and placement models cost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The council's overhead on the blocks it keeps when a provider runs the rest, as a share
    /// of their cost.
    pub retained_overhead_rate: Dist,
    pub blocks: Vec<Block>,
}

/// Version 3: one block of the budget: a service whose cost follows one driver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Stable identifier, used in `provider_runs` and for the block's random streams.
    pub id: String,
    pub name: String,
    /// The line of the MHCLG revenue outturn (RO3) the block stands for, by its key
    /// ([`RO3_LINES`]); empty for a block outside RO3.
    pub ro3_line: String,
    pub driver: Driver,
    /// £ a year per unit of the driver (per child, per case; per year for `Fixed`), at
    /// start-year prices, before overheads.
    pub unit_cost: Dist,
    /// Growth of the unit cost a year (0.04 = 4%).
    pub inflation: Dist,
}

/// What a block's cost follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Driver {
    /// Open cases held by social workers (`demand.open_cases` and its path).
    Cases,
    /// Children in need, which move with open cases.
    ChildrenInNeed,
    /// Children looked after under the option (after its own reduction).
    LookedAfter,
    /// Children aged 0 to 17 in the area.
    ChildPopulation,
    /// A fixed sum a year.
    Fixed,
}

impl Driver {
    pub const ALL: [Driver; 5] = [
        Driver::Cases,
        Driver::ChildrenInNeed,
        Driver::LookedAfter,
        Driver::ChildPopulation,
        Driver::Fixed,
    ];

    /// The name written in files.
    pub fn key(self) -> &'static str {
        match self {
            Driver::Cases => "Cases",
            Driver::ChildrenInNeed => "ChildrenInNeed",
            Driver::LookedAfter => "LookedAfter",
            Driver::ChildPopulation => "ChildPopulation",
            Driver::Fixed => "Fixed",
        }
    }

    /// The unit of the unit cost, for people.
    pub fn unit(self) -> &'static str {
        match self {
            Driver::Cases => "£ a year per open case",
            Driver::ChildrenInNeed => "£ a year per child in need",
            Driver::LookedAfter => "£ a year per child looked after",
            Driver::ChildPopulation => "£ a year per child aged 0–17",
            Driver::Fixed => "£ a year",
        }
    }
}

/// The id of the social-work teams in `provider_runs`: every provider runs them.
pub const SOCIAL_WORK: &str = "social_work";
/// The id of the placements in `provider_runs`.
pub const PLACEMENTS: &str = "placements";

/// The children's social care lines of the MHCLG revenue outturn (RO3), by the key the published
/// data uses, with their names. Social-work teams stand for `safeguarding`; placements for
/// `cla_residential` and `cla_fostering`; each other line has a home only where a block names it.
pub const RO3_LINES: &[(&str, &str)] = &[
    (
        "safeguarding",
        "Safeguarding children and young people's services",
    ),
    ("cla_residential", "Children looked after: residential care"),
    ("cla_fostering", "Children looked after: fostering services"),
    (
        "cla_other",
        "Children looked after: other (leaving care, adoption, special guardianship, short breaks)",
    ),
    (
        "cla_uasc",
        "Children looked after: unaccompanied asylum-seeking children",
    ),
    ("family_support", "Family support services (early help)"),
    ("youth_justice", "Youth justice"),
    (
        "sure_start_early_years",
        "Sure Start children's centres and early years",
    ),
    ("services_young_people", "Services for young people"),
    ("asylum_seekers", "Asylum seekers (not looked after)"),
    (
        "other_children_family_services",
        "Other children's and families services",
    ),
];

/// The RO3 lines the social-work teams and the placements stand for.
pub const CORE_RO3_LINES: &[(&str, &str)] = &[
    (SOCIAL_WORK, "safeguarding"),
    (PLACEMENTS, "cla_residential"),
    (PLACEMENTS, "cla_fostering"),
];
