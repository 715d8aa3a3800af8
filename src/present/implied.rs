//! What an uncertain input implies: the P10–P90 range of its clamped draws and a sketch of its
//! shape, both exact ([`crate::model::quantiles`]), so the same distribution always shows the
//! same range. The editor shows them beside each input; the report's assumptions table prints
//! the range.

use crate::model::dist::{Dist, Range};
use crate::model::maths::Maths;
use crate::model::quantiles::Quantiles;

use super::fields::Unit;
use super::format::{MoneyDetail, short_money, trim_number};

/// Bars in the density sketch beside each distribution.
pub const SKETCH_BINS: usize = 24;

/// What a distribution implies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Implied {
    pub p10: f64,
    pub p90: f64,
    /// Share of draws in each of [`SKETCH_BINS`] equal bins from P1 to P99 (the far tails are
    /// left out so that one long tail does not flatten the sketch).
    pub density: [f32; SKETCH_BINS],
}

/// The P10–P90 of `dist` clamped to `range`, with its density sketch; None when the
/// distribution cannot be drawn from (invalid parameters). The window and the report work them
/// out in [`Maths::Portable`], so that the same input reads the same on every computer.
pub fn implied_range(dist: &Dist, range: Range, maths: Maths) -> Option<Implied> {
    let q = Quantiles::new(dist, range, maths).ok()?;
    let (low, high) = (q.quantile(0.01), q.quantile(0.99));
    let mut density = [0.0f32; SKETCH_BINS];
    let width = high - low;
    if width > 0.0 && width.is_finite() {
        // Each bin holds the draws from its left edge up to its right; the last also those
        // exactly at P99 (a clamped tail piles up there).
        let edge = |k: usize| low + width * k as f64 / SKETCH_BINS as f64;
        let shares: Vec<f64> = (0..SKETCH_BINS)
            .map(|k| {
                let right = if k + 1 == SKETCH_BINS {
                    q.share_at_or_below(high)
                } else {
                    q.share_below(edge(k + 1))
                };
                (right - q.share_below(edge(k))).max(0.0)
            })
            .collect();
        let total: f64 = shares.iter().sum();
        if total > 0.0 {
            for (d, share) in density.iter_mut().zip(shares) {
                *d = (share / total) as f32;
            }
        }
    }
    Some(Implied {
        p10: q.quantile(0.10),
        p90: q.quantile(0.90),
        density,
    })
}

/// The implied range, short enough for a narrow column: `£2.9m–£5.6m`, `10.4–17.2%`,
/// `0.9–3.8 pp` (a unit after a number is written once, after the second).
pub fn range_text(unit: Unit, p10: f64, p90: f64) -> String {
    if unit.is_money() {
        return format!(
            "{}–{}",
            short_money(p10, MoneyDetail::Estimate),
            short_money(p90, MoneyDetail::Estimate)
        );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sketch_of_a_uniform_is_flat_and_of_a_pert_peaks_at_its_mode() {
        let flat = implied_range(
            &Dist::Uniform { min: 0.0, max: 1.0 },
            Range::UNIT,
            Maths::Portable,
        )
        .unwrap();
        let total: f32 = flat.density.iter().sum();
        assert!((total - 1.0).abs() < 1e-4);
        for d in flat.density {
            assert!((d - 1.0 / SKETCH_BINS as f32).abs() < 1e-6, "{d}");
        }
        assert!((flat.p10 - 0.1).abs() < 1e-12 && (flat.p90 - 0.9).abs() < 1e-12);
        let peaked = implied_range(
            &Dist::Pert {
                min: 0.0,
                mode: 0.2,
                max: 1.0,
            },
            Range::UNIT,
            Maths::Portable,
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
    fn a_clamped_tail_shows_as_a_bar_at_the_end_of_the_range() {
        // Normal(0.9, 0.1) on a rate capped at 95%: 31% of draws are clamped to 0.95, which is
        // both P90 and P99.
        let capped = implied_range(
            &Dist::Normal { mean: 0.9, sd: 0.1 },
            Range::RATE_95,
            Maths::Portable,
        )
        .unwrap();
        assert_eq!(capped.p90, 0.95);
        let last = capped.density[SKETCH_BINS - 1];
        assert!((0.3..0.4).contains(&last), "{last}");
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
