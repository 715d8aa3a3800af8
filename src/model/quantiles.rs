//! Exact quantiles of an uncertain input as the engine uses it: drawn from its distribution, then
//! clamped to its field's range (MODEL.md §3). Clamping never reorders values, so the quantile of
//! a clamped draw is the clamped quantile of the distribution; the share at or below a value is
//! the distribution's, with the clamped tails piled up at the range's ends.
//!
//! Computed from each family's inverse cumulative distribution function in statrs (PERT through
//! the Beta distribution's), not estimated from draws: the same input always shows the same
//! range, to the last digit, however it is computed.

use super::dist::{Dist, DistError, Range, Shape};
use super::maths::Maths;

/// An input's distribution, ready for quantiles and shares, with its field's clamp range.
#[derive(Debug, Clone)]
pub struct Quantiles {
    shape: Shape,
    range: Range,
    maths: Maths,
}

impl Quantiles {
    /// The input `dist` clamped to `range`, or why it cannot be drawn from: the same rules as the
    /// engine's [`super::dist::Sampler`], so an input has quantiles exactly when it can be run.
    /// `maths` is the scenario's (`simulation.maths`).
    pub fn new(dist: &Dist, range: Range, maths: Maths) -> Result<Self, DistError> {
        Ok(Quantiles {
            shape: Shape::new(dist, range, maths)?,
            range,
            maths,
        })
    }

    /// The value below which a share `p` (0 to 1) of the clamped draws fall; NaN for a `p`
    /// outside 0 to 1.
    pub fn quantile(&self, p: f64) -> f64 {
        if !(0.0..=1.0).contains(&p) {
            return f64::NAN;
        }
        self.shape
            .inverse_cdf(p, self.maths)
            .clamp(self.range.min, self.range.max)
    }

    /// The share of clamped draws strictly below `x`.
    pub fn share_below(&self, x: f64) -> f64 {
        if x <= self.range.min {
            0.0
        } else if x > self.range.max {
            1.0
        } else {
            self.unclamped_cdf(x, false)
        }
    }

    /// The share of clamped draws at or below `x`.
    pub fn share_at_or_below(&self, x: f64) -> f64 {
        if x < self.range.min {
            0.0
        } else if x >= self.range.max {
            1.0
        } else {
            self.unclamped_cdf(x, true)
        }
    }

    /// The distribution's own share below `x` (at or below, with `inclusive`: only a fixed
    /// value, the one family with a point of its own, tells them apart).
    fn unclamped_cdf(&self, x: f64, inclusive: bool) -> f64 {
        match &self.shape {
            Shape::Fixed(v) => f64::from(u8::from(if inclusive { *v <= x } else { *v < x })),
            other => other.cdf(x, self.maths),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Closed-form quantiles are matched to rounding error.
    const EXACT: f64 = 1e-12;
    /// Quantiles found by statrs' iterative inverses (Beta) are matched to this.
    const ITERATIVE: f64 = 1e-9;

    fn q(dist: Dist, range: Range) -> Quantiles {
        Quantiles::new(&dist, range, Maths::Platform).unwrap()
    }

    #[test]
    fn portable_quantiles_and_shares_match_the_platform_ones() {
        let families = [
            Dist::Uniform { min: 2.0, max: 4.0 },
            Dist::Triangular {
                min: 0.0,
                mode: 0.3,
                max: 1.0,
            },
            Dist::Pert {
                min: 0.1,
                mode: 0.15,
                max: 0.4,
            },
            Dist::Pert {
                min: 0.0,
                mode: 0.0,
                max: 1.0,
            },
            Dist::Normal {
                mean: 10.0,
                sd: 2.0,
            },
            Dist::LogNormal { mean: 2.0, sd: 0.5 },
        ];
        for d in families {
            let platform = Quantiles::new(&d, Range::NON_NEGATIVE, Maths::Platform).unwrap();
            let portable = Quantiles::new(&d, Range::NON_NEGATIVE, Maths::Portable).unwrap();
            for i in 1..200 {
                let p = f64::from(i) / 200.0;
                let (a, b) = (platform.quantile(p), portable.quantile(p));
                assert!(
                    (a - b).abs() <= 1e-12 * a.abs().max(1.0),
                    "{d}, {p}: {a} against {b}"
                );
                // statrs' normal distribution function is good to about 1e-10 relative (1e-9 allowed).
                let (c, e) = (platform.share_below(a), portable.share_below(a));
                assert!((c - e).abs() <= 1e-9 * e, "{d}, {a}: {c} against {e}");
                let back = portable.share_below(b);
                assert!((back - p).abs() <= 1e-12, "{d}, {p}: back to {back}");
            }
        }
    }

    #[test]
    fn uniform_and_triangular_quantiles_are_their_closed_forms() {
        let u = q(Dist::Uniform { min: 2.0, max: 4.0 }, Range::NON_NEGATIVE);
        assert!((u.quantile(0.1) - 2.2).abs() < EXACT);
        assert!((u.quantile(0.9) - 3.8).abs() < EXACT);
        // Triangular(0, 0, 1): F(x) = 1 − (1 − x)², so the quantile is 1 − √(1 − p).
        let t = q(
            Dist::Triangular {
                min: 0.0,
                mode: 0.0,
                max: 1.0,
            },
            Range::UNIT,
        );
        assert!((t.quantile(0.75) - 0.5).abs() < EXACT);
    }

    #[test]
    fn pert_quantiles_invert_its_beta_distribution() {
        // Pert(0, 1, 4): Beta(2, 4) on [0, 4], whose distribution function is the binomial sum
        // Σ_{j=2..5} C(5, j) xʲ (1 − x)⁵⁻ʲ; its median, by bisection of that sum, is
        // 0.3138101704556974 of the width. Each quantile lands back on its share.
        let d = Dist::Pert {
            min: 0.0,
            mode: 1.0,
            max: 4.0,
        };
        let pert = q(d, Range::NON_NEGATIVE);
        for p in [0.1, 0.5, 0.9] {
            let x = pert.quantile(p);
            assert!(
                (pert.share_at_or_below(x) - p).abs() < ITERATIVE,
                "{p}: {x}"
            );
        }
        assert!((pert.quantile(0.5) / 4.0 - 0.313_810_170_455_697_4).abs() < ITERATIVE);
        // A symmetric PERT has its median at its mode.
        let symmetric = q(
            Dist::Pert {
                min: 1.0,
                mode: 2.0,
                max: 3.0,
            },
            Range::NON_NEGATIVE,
        );
        assert!((symmetric.quantile(0.5) - 2.0).abs() < ITERATIVE);
    }

    #[test]
    fn normal_and_lognormal_quantiles_match_the_standard_normal() {
        // z(0.9) = 1.2815515655446004.
        let z90 = 1.281_551_565_544_600_4;
        let n = q(
            Dist::Normal {
                mean: 10.0,
                sd: 2.0,
            },
            Range::new(f64::NEG_INFINITY, f64::INFINITY),
        );
        assert!((n.quantile(0.9) - (10.0 + 2.0 * z90)).abs() < 1e-9);
        let (mu, sigma) = crate::model::dist::lognormal_parameters(2.0, 0.5, Maths::Platform);
        let l = q(Dist::LogNormal { mean: 2.0, sd: 0.5 }, Range::NON_NEGATIVE);
        assert!((l.quantile(0.9) - (mu + sigma * z90).exp()).abs() < 1e-9);
    }

    #[test]
    fn clamping_piles_the_tails_at_the_ends_of_the_range() {
        // Normal(0.9, 0.1) on a rate capped at 0.95: 31% of draws are clamped to 0.95.
        let capped = q(Dist::Normal { mean: 0.9, sd: 0.1 }, Range::RATE_95);
        assert_eq!(capped.quantile(0.9), 0.95);
        assert!(capped.quantile(0.1) < 0.95);
        assert_eq!(capped.share_at_or_below(0.95), 1.0);
        let below_cap = capped.share_below(0.95);
        assert!(
            (below_cap - 0.691_462_461_274_013).abs() < 1e-9,
            "{below_cap}"
        );
        assert_eq!(capped.share_below(-0.1), 0.0);
    }

    #[test]
    fn a_fixed_or_zero_width_input_is_its_value_and_a_broken_one_has_no_quantiles() {
        let f = q(Dist::Fixed(0.3), Range::UNIT);
        assert_eq!((f.quantile(0.1), f.quantile(0.9)), (0.3, 0.3));
        assert_eq!((f.share_below(0.3), f.share_at_or_below(0.3)), (0.0, 1.0));
        let flat = q(Dist::Uniform { min: 2.0, max: 2.0 }, Range::UNIT);
        assert_eq!(flat.quantile(0.5), 1.0);
        assert!(
            Quantiles::new(
                &Dist::Pert {
                    min: 0.3,
                    mode: 0.2,
                    max: 0.5
                },
                Range::UNIT,
                Maths::Platform
            )
            .is_err()
        );
        assert!(f.quantile(1.5).is_nan());
    }
}
