//! What a run is asked for and how it can end: the iterations and seed, the shared progress and
//! cancel flag, and the reasons a run produces no results.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// How many iterations to run, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings {
    pub iterations: u64,
    pub seed: u64,
}

impl RunSettings {
    /// The iterations and seed the scenario file asks for.
    pub fn from_scenario(scenario: &super::validate::Scenario) -> Self {
        RunSettings {
            iterations: scenario.iterations(),
            seed: scenario.seed(),
        }
    }
}

/// Shared between a run and whoever watches it: progress, and a cancel flag.
#[derive(Debug, Default)]
pub struct RunControl {
    cancel: AtomicBool,
    pub(crate) done: AtomicU64,
}

impl RunControl {
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to stop at its next chunk boundary (a few milliseconds at most).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Iterations finished so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }
}

/// Why a run produced no results.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RunError {
    #[error("the run was cancelled")]
    Cancelled,
    #[error(
        "{iterations} iterations is outside 1…{max}",
        max = super::validate::MAX_ITERATIONS
    )]
    Iterations { iterations: u64 },
    /// Some figure passed the largest number a computer holds (about 1.8 × 10^308).
    #[error(
        "the costs of \"{option}\" grow past the largest number that can be computed (about \
         10^308), so there are no results to show: an input is implausibly large. Look at growth \
         and inflation rates (0.05 is 5% a year), salaries, costs and case numbers."
    )]
    Overflow { option: String },
    /// The central case a contract sum is set from could not be run.
    #[error("the expected cost a contract sum is set from could not be worked out: {0}")]
    ExpectedCost(String),
    /// The system would not give the memory the run needs (a limit the estimate could not see).
    #[error(
        "a run of {count} iterations of this scenario needs about {size} of memory, and the \
         system would not give it, so it was not started. Run fewer iterations, shorten the \
         horizon or remove options, or close other programs and try again.",
        count = num_format::ToFormattedString::to_formatted_string(iterations, &num_format::Locale::en),
        size = super::memory::size(*bytes)
    )]
    OutOfMemory { bytes: u64, iterations: u64 },
}
