//! The simulation core: scenario types, validation, distributions, the monthly engine and the
//! run statistics. No UI, files, printing or threads of its own beyond rayon's parallel iterator.
//!
//! ```
//! use care_options::model::{RunControl, RunSettings, run, validate};
//! use care_options::io::parse_scenario;
//!
//! let file = parse_scenario(care_options::DEFAULT_SCENARIO).unwrap();
//! let scenario = validate(&file).unwrap();
//! let settings = RunSettings { iterations: 200, seed: 7 };
//! let results = run(&scenario, settings, &RunControl::new()).unwrap();
//! assert_eq!(results.options.len(), 3);
//! assert!(results.options[0].npc.mean > 0.0);
//! ```

pub mod appraisal;
pub mod budget_results;
pub mod central;
mod columns;
pub mod compare;
pub mod contract;
pub mod control;
pub mod correlation;
pub mod cost;
pub mod demand;
pub mod diff;
pub mod dist;
pub mod edit;
pub mod engine;
pub mod inputs;
pub mod latin;
pub(crate) mod layout;
pub mod maths;
pub mod memory;
pub mod names;
mod option_year;
pub mod prices;
pub mod quality;
pub mod quantiles;
pub mod results;
pub mod rng;
pub mod scenario;
mod simd;
pub mod swing;
pub mod switching;
pub mod upgrade;
pub mod validate;
pub mod workforce;
mod workspace;

pub use cost::CostLine;
pub use dist::{Dist, Family, Range};
pub use engine::{RunControl, RunError, RunSettings, run};
pub use inputs::{OptionInput, WorldInput};
pub use memory::{MemoryEstimate, TooLarge};
pub use results::{OptionResult, RunResults, ScopeLine, Sensitivity, Summary, YearResult};
pub use scenario::{DeliveryOption, OptionKind, Placement, ScenarioFile};
pub use simd::VectorBuild;
pub use validate::{Invalid, Problem, Scenario, validate};

/// Helpers shared by the model's unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::scenario::{Quality, QualityWeights};

    /// The quality rules of MODEL.md §11's hand-worked scenario.
    pub fn hand_worked_quality() -> Quality {
        Quality {
            weights: QualityWeights {
                caseload: 0.35,
                stability: 0.25,
                agency: 0.2,
                experience: 0.2,
            },
            caseload_zero_at: 1.5,
            turnover_zero_at: 0.35,
            agency_zero_at: 0.45,
            new_starter_zero_at: 0.5,
        }
    }

    /// Test values in [0, 1) from a fixed linear congruential sequence (Knuth's MMIX constants).
    pub fn uniforms(seed: u64) -> impl FnMut() -> f64 {
        let mut state = seed;
        move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }
}
