//! What an uncertain input implies: the P10–P90 range of its clamped draws and a sketch of its
//! shape, estimated from seeded draws so that the same distribution always shows the same range.
//! The editor shows it beside each input; the report's assumptions table prints it.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::model::dist::{Dist, Range, Sampler};
use crate::model::results::percentile_of_sorted;

use super::fields::{Unit, money, trim_number};

/// Draws used to estimate the P10–P90 a distribution implies.
pub const IMPLIED_DRAWS: usize = 4_000;
/// Fixed seed: the same distribution always shows the same range.
const IMPLIED_SEED: u64 = 0x0C4E_0B75;
/// Bars in the density sketch beside each distribution.
pub const SKETCH_BINS: usize = 24;

/// What a distribution implies, estimated once from seeded draws.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Implied {
    pub p10: f64,
    pub p90: f64,
    /// Share of draws in each of [`SKETCH_BINS`] equal bins from P1 to P99 (the far tails are
    /// left out so that one long tail does not flatten the sketch).
    pub density: [f32; SKETCH_BINS],
}

/// The P10–P90 of `dist` clamped to `range`, with its density sketch; None when the
/// distribution cannot be drawn from (invalid parameters).
pub fn implied_range(dist: &Dist, range: Range) -> Option<Implied> {
    let sampler = Sampler::new(dist, range).ok()?;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(IMPLIED_SEED);
    let mut draws: Vec<f64> = (0..IMPLIED_DRAWS)
        .map(|_| sampler.draw(&mut rng).0)
        .collect();
    draws.sort_unstable_by(f64::total_cmp);
    let (low, high) = (
        percentile_of_sorted(&draws, 0.01),
        percentile_of_sorted(&draws, 0.99),
    );
    let mut density = [0.0f32; SKETCH_BINS];
    let width = high - low;
    if width > 0.0 && width.is_finite() {
        let inside = draws.iter().filter(|x| (low..=high).contains(*x));
        let mut counted = 0usize;
        for x in inside {
            let bin = (((x - low) / width) * SKETCH_BINS as f64) as usize;
            density[bin.min(SKETCH_BINS - 1)] += 1.0;
            counted += 1;
        }
        for d in &mut density {
            *d /= counted.max(1) as f32;
        }
    }
    Some(Implied {
        p10: percentile_of_sorted(&draws, 0.10),
        p90: percentile_of_sorted(&draws, 0.90),
        density,
    })
}

/// The implied range, short enough for a narrow column: `£2.9m–£5.6m`, `10.4–17.2%`,
/// `0.9–3.8 pp` (a unit after a number is written once, after the second).
pub fn range_text(unit: Unit, p10: f64, p90: f64) -> String {
    if unit.is_money() {
        return format!("{}–{}", short_money(p10), short_money(p90));
    }
    let number = |stored: f64| {
        let scaled = stored * unit.scale();
        let shown = trim_number(scaled, if scaled.abs() >= 100.0 { 0 } else { 1 });
        if shown.starts_with('-') {
            shown.replacen('-', "−", 1)
        } else {
            shown
        }
    };
    let suffix = match unit {
        Unit::Percent | Unit::PercentPerYear => "%",
        Unit::PercentagePoints => " pp",
        Unit::Multiple => "×",
        _ => "",
    };
    format!("{}–{}{suffix}", number(p10), number(p90))
}

/// Short form of an amount of money: `£2.9m`, `£45k`, `£950`. An estimated percentile is not
/// worth its pennies, so small sums are whole pounds.
fn short_money(pounds: f64) -> String {
    let a = pounds.abs();
    let sign = if pounds < 0.0 { "−" } else { "" };
    if a >= 1e6 {
        format!("{sign}£{}m", trim_number(a / 1e6, 1))
    } else if a >= 1e4 {
        format!("{sign}£{}k", trim_number(a / 1e3, 0))
    } else {
        money(pounds.round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sketch_of_a_uniform_is_flat_and_of_a_pert_peaks_at_its_mode() {
        let flat = implied_range(&Dist::Uniform { min: 0.0, max: 1.0 }, Range::UNIT).unwrap();
        let total: f32 = flat.density.iter().sum();
        assert!((total - 1.0).abs() < 1e-4);
        for d in flat.density {
            assert!((d - 1.0 / SKETCH_BINS as f32).abs() < 0.02, "{d}");
        }
        let peaked = implied_range(
            &Dist::Pert {
                min: 0.0,
                mode: 0.2,
                max: 1.0,
            },
            Range::UNIT,
        )
        .unwrap();
        let top = peaked
            .density
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, _)| i)
            .unwrap();
        assert!(top < SKETCH_BINS / 2, "peak at bin {top}");
    }

    #[test]
    fn ranges_read_in_the_fields_unit() {
        assert_eq!(range_text(Unit::Percent, 0.104, 0.172), "10.4–17.2%");
        assert_eq!(
            range_text(Unit::PercentagePoints, -0.005, 0.017),
            "−0.5–1.7 pp"
        );
        assert_eq!(range_text(Unit::Pounds, 2.9e6, 5.6e6), "£2.9m–£5.6m");
        assert_eq!(range_text(Unit::PoundsPerWeek, 747.5, 869.91), "£748–£870");
    }
}
