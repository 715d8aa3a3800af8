//! How much memory a run will need, estimated before it starts from what the engine keeps per
//! iteration, so that a run too large for the computer is refused with the estimate instead of
//! failing part way (or taking the computer down with it).
//!
//! Reads nothing from the machine: the caller says how much memory is available.

use num_format::{Locale, ToFormattedString};

use super::layout::Layout;
use super::validate::Scenario;

/// `f64`s the statistics hold per iteration beside the records, for each option: its NPC,
/// difference from baseline and mean-quality columns, their ranks (two), and room for copies
/// being summarised. (The sample columns kept in the results are those same columns, moved.)
const STATISTICS_PER_OPTION: u64 = 10;
/// `f64`s per iteration the statistics hold whatever the scenario: one year's cost and quality
/// columns, the at-risk column, and the sort buffer of a rank computation (16 bytes a value, plus
/// its output) on each of up to four threads at once.
const STATISTICS_FIXED: u64 = 3 + 4 * 3;
/// Margin over the sum above, for the window: it keeps the results on show (their three sample
/// columns per option) while the next run computes, and its chart data.
///
/// Calibration, release build, peak resident memory from `/usr/bin/time -v care-options run`,
/// less the peak of the same run at 1,000 iterations, per iteration:
///
/// | scenario | iterations | measured | sum above | with the margin |
/// |---|---|---|---|---|
/// | default (3 options, 10 years, 60 sampled inputs) | 1,000,000 | 1,665 B | 1,872 B | 2,059 B |
/// | 12 options, 30 years, 177 sampled inputs | 250,000 | 9,402 B | 9,960 B | 10,956 B |
///
/// The sum alone is 6–12% above the measured peaks, so the estimate errs 17–24% high: a run it
/// lets through fits.
const OVERHEAD_PERCENT: u64 = 10;
/// What the program holds besides a run's figures: code, fonts, the window's textures. The
/// command line's own peak at 1,000 iterations is 8 MB; the window's is several times that.
pub const BASE_BYTES: u64 = 64 * 1024 * 1024;

/// The memory a run will take: a fixed part and a part per iteration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MemoryEstimate {
    pub bytes_per_iteration: u64,
    pub fixed_bytes: u64,
}

impl MemoryEstimate {
    /// The estimate for a scenario, from the engine's own record layout.
    pub fn of(scenario: &Scenario) -> Self {
        let layout = Layout::new(scenario);
        let options = layout.option_count as u64;
        let sampled = layout.sampled.len() as u64;
        // Per iteration: the record (every year's cost and quality of every option, NPC, mean
        // quality, at-risk flag and every sampled input), then the ranks of every sampled input
        // (held together for the sensitivity of every option) and the statistics' columns.
        let f64s =
            layout.record_len as u64 + sampled + STATISTICS_PER_OPTION * options + STATISTICS_FIXED;
        MemoryEstimate {
            bytes_per_iteration: f64s * 8 * (100 + OVERHEAD_PERCENT) / 100,
            fixed_bytes: BASE_BYTES,
        }
    }

    /// Bytes for a run of `iterations`.
    pub fn bytes(&self, iterations: u64) -> u64 {
        self.fixed_bytes
            .saturating_add(self.bytes_per_iteration.saturating_mul(iterations))
    }

    /// The most iterations that fit in `available` bytes (0 when not even one does).
    pub fn iterations_within(&self, available: u64) -> u64 {
        available.saturating_sub(self.fixed_bytes) / self.bytes_per_iteration.max(1)
    }
}

/// A run refused because it would not fit in the memory available.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a run of {} iterations of this scenario needs about {} of memory, but this computer has {} \
     available, so it was not started. {}",
    iterations.to_formatted_string(&Locale::en),
    size(*needed_bytes),
    size(*available_bytes),
    advice(*fitting_iterations)
)]
pub struct TooLarge {
    pub iterations: u64,
    pub needed_bytes: u64,
    pub available_bytes: u64,
    /// The most iterations that would fit now.
    pub fitting_iterations: u64,
}

/// "1.2 GB", "640 MB": decimal units, as file managers show them.
pub fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else {
        format!("{:.0} MB", (b / 1e6).max(1.0))
    }
}

fn advice(fitting: u64) -> String {
    // Round down to a figure people type.
    let round = if fitting >= 10_000 { 1_000 } else { 100 };
    let fitting = fitting / round * round;
    if fitting >= 100 {
        format!(
            "Run at most about {} iterations here, or shorten the horizon, remove options, or \
             close other programs and try again.",
            fitting.to_formatted_string(&Locale::en)
        )
    } else {
        "Shorten the horizon or remove options, or close other programs and try again.".to_string()
    }
}

/// Checks that a run of `iterations` fits in `available_bytes`.
pub fn check_fits(
    scenario: &Scenario,
    iterations: u64,
    available_bytes: u64,
) -> Result<MemoryEstimate, TooLarge> {
    let estimate = MemoryEstimate::of(scenario);
    let needed_bytes = estimate.bytes(iterations);
    if needed_bytes <= available_bytes {
        Ok(estimate)
    } else {
        Err(TooLarge {
            iterations,
            needed_bytes,
            available_bytes,
            fitting_iterations: estimate.iterations_within(available_bytes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parse_scenario;
    use crate::model::validate;

    fn default_scenario() -> Scenario {
        validate(&parse_scenario(crate::DEFAULT_SCENARIO).unwrap()).unwrap()
    }

    #[test]
    fn the_estimate_grows_with_iterations_options_and_years() {
        let s = default_scenario();
        let e = MemoryEstimate::of(&s);
        assert_eq!(e.bytes(0), e.fixed_bytes);
        assert_eq!(
            e.bytes(2_000_000) - e.bytes(1_000_000),
            e.bytes_per_iteration * 1_000_000
        );
        let mut longer = s.file().clone();
        longer.horizon_years = 30;
        let longer = MemoryEstimate::of(&validate(&longer).unwrap());
        assert!(longer.bytes_per_iteration > e.bytes_per_iteration);
        // At least the record the engine keeps: 2 figures a year and 3 more per option.
        assert!(e.bytes_per_iteration >= 8 * 3 * (2 * 10 + 3));
    }

    #[test]
    fn a_run_that_does_not_fit_is_refused_with_the_estimate_and_what_would_fit() {
        let s = default_scenario();
        let e = MemoryEstimate::of(&s);
        let available = e.bytes(250_000);
        assert!(check_fits(&s, 250_000, available).is_ok());
        let refused = check_fits(&s, 1_000_000, available).unwrap_err();
        assert_eq!(refused.needed_bytes, e.bytes(1_000_000));
        assert_eq!(refused.fitting_iterations, 250_000);
        let text = refused.to_string();
        assert!(text.contains("a run of 1,000,000 iterations"), "{text}");
        assert!(text.contains(&size(e.bytes(1_000_000))), "{text}");
        assert!(text.contains("at most about 250,000 iterations"), "{text}");
        // Nothing fits: no iteration count to suggest.
        let none = check_fits(&s, 10, 1).unwrap_err();
        assert_eq!(none.fitting_iterations, 0);
        assert!(!none.to_string().contains("at most"));
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(1_500_000_000), "1.5 GB");
        assert_eq!(size(640_000_000), "640 MB");
        assert_eq!(size(10), "1 MB");
    }
}
