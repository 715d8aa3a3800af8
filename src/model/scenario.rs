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
///
/// A file is written at the oldest version that holds its content ([`ScenarioFile::version_needed`]),
/// so a scenario without notes stays a version-1 file that any reader of MODEL.md's format reads.
pub const FORMAT_VERSION: u32 = 2;

/// The first release of Care Options that reads each format version, for the message that asks
/// for a newer program.
pub const FORMAT_FIRST_RELEASE: &[(u32, &str)] = &[(1, "0.1.0"), (2, "0.2.0")];

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
    pub quality: Quality,
    pub options: Vec<DeliveryOption>,
    /// Free-text notes on inputs (source, justification, who agreed it), keyed by field path as
    /// in validation messages: `workforce.agency_premium`, `options[Children's trust].setup_cost`.
    /// Optional: files without it (every version-1 file) load with no notes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub notes: BTreeMap<String, String>,
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
    /// The oldest format version that holds this scenario's content.
    pub fn version_needed(&self) -> u32 {
        if self.notes.is_empty() { 1 } else { 2 }
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryOption {
    pub name: String,
    pub kind: OptionKind,
    pub target_caseload: Dist,
    pub agency_cover: Dist,
    pub time_to_fill_months: Dist,
    pub span_of_control: Dist,
    pub support_staff_ratio: Dist,
    pub annual_turnover: Dist,
    pub transition_turnover_uplift: Dist,
    pub transition_years: Dist,
    pub pension_rate_delta: Dist,
    pub overhead_rate: Dist,
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
    pub failure_probability: Dist,
    pub failure_cost: Dist,
}
