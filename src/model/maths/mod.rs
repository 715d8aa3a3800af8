//! The elementary functions a run computes with (`simulation.maths`), so that a file can promise
//! the same bits on every computer.
//!
//! `ln`, `exp`, `pow` and the trigonometric functions are not defined to the last bit: Rust calls
//! the platform's C library for them (glibc on Linux, the Universal C Runtime on Windows, Apple's
//! libm on macOS), and their results differ in the last bit for some arguments. So do the
//! samplers and inverse distribution functions of rand_distr and statrs, which are written on
//! them. A run with [`Maths::Portable`] never calls them: every one goes through the `libm`
//! crate (a port of musl's C library, compiled into the program, so the same code on every
//! machine) and the samplers and inverses of this module, written on it. A run with
//! [`Maths::Platform`] calls the platform's functions as Care Options always did, so that a file
//! that names no choice gives the bits it always gave on the computer it was run on.
//!
//! The rest of the model is arithmetic (`+ − × ÷`, square roots, `powi` by repeated
//! multiplication), which IEEE 754 defines to the last bit on every machine.

mod beta;
mod normal;
mod ziggurat_tables;

use rand::Rng;
use serde::{Deserialize, Serialize};

pub use beta::{beta_cdf, ln_beta};

/// Which elementary functions a run uses (`simulation.maths`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Maths {
    /// The platform's C library and the samplers of rand_distr and statrs: what every file that
    /// names no choice was run with, whose numbers must not change. Results may differ in the
    /// last bits between Linux, Windows and macOS.
    #[default]
    Platform,
    /// The `libm` crate and this program's own samplers: the same bits on every machine.
    Portable,
}

impl Maths {
    /// True for [`Maths::Platform`], which a file need not name.
    pub fn is_platform(&self) -> bool {
        *self == Maths::Platform
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Maths::Platform => "the computer's own maths library",
            Maths::Portable => "portable (the same bits on every computer)",
        }
    }

    /// Natural logarithm.
    #[inline]
    pub fn ln(self, x: f64) -> f64 {
        match self {
            Maths::Platform => x.ln(),
            Maths::Portable => libm::log(x),
        }
    }

    /// `ln(1 + x)`, accurate for small `x`.
    #[inline]
    pub fn ln_1p(self, x: f64) -> f64 {
        match self {
            Maths::Platform => x.ln_1p(),
            Maths::Portable => libm::log1p(x),
        }
    }

    /// `e^x`.
    #[inline]
    pub fn exp(self, x: f64) -> f64 {
        match self {
            Maths::Platform => x.exp(),
            Maths::Portable => libm::exp(x),
        }
    }

    /// `x^y`.
    #[inline]
    pub fn powf(self, x: f64, y: f64) -> f64 {
        match self {
            Maths::Platform => x.powf(y),
            Maths::Portable => libm::pow(x, y),
        }
    }

    /// Sine.
    #[inline]
    pub fn sin(self, x: f64) -> f64 {
        match self {
            Maths::Platform => x.sin(),
            Maths::Portable => libm::sin(x),
        }
    }

    /// Cosine.
    #[inline]
    pub fn cos(self, x: f64) -> f64 {
        match self {
            Maths::Platform => x.cos(),
            Maths::Portable => libm::cos(x),
        }
    }

    /// One standard normal draw by the ziggurat method: rand_distr's `StandardNormal` on the
    /// platform, and the same algorithm on the same tables, with `libm`'s `exp` and `ln`, when
    /// portable; the two use the same random numbers, so they differ at most in the last bits.
    #[inline]
    pub fn standard_normal<R: Rng + ?Sized>(self, rng: &mut R) -> f64 {
        match self {
            Maths::Platform => {
                use rand::distr::Distribution;
                rand_distr::StandardNormal.sample(rng)
            }
            Maths::Portable => normal::ziggurat(rng),
        }
    }

    /// The standard normal quantile: statrs' (through its inverse error function) on the
    /// platform, Wichura's algorithm AS 241 (accurate to about 1 part in 10^16) when portable.
    pub fn normal_quantile(self, p: f64) -> f64 {
        match self {
            Maths::Platform => {
                use statrs::distribution::{ContinuousCDF, Normal};
                Normal::standard().inverse_cdf(p)
            }
            Maths::Portable => normal::quantile(p),
        }
    }

    /// The standard normal distribution function: statrs' on the platform, `libm`'s
    /// complementary error function when portable.
    pub fn normal_cdf(self, x: f64) -> f64 {
        match self {
            Maths::Platform => {
                use statrs::distribution::{ContinuousCDF, Normal};
                Normal::standard().cdf(x)
            }
            Maths::Portable => 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_libraries_agree_to_rounding() {
        for i in 1..2_000 {
            let x = f64::from(i) * 0.013 - 3.0;
            let close = |a: f64, b: f64| (a - b).abs() <= 4.0 * f64::EPSILON * a.abs().max(1e-300);
            assert!(close(Maths::Platform.exp(x), Maths::Portable.exp(x)));
            assert!(close(Maths::Platform.sin(x), Maths::Portable.sin(x)));
            let y = x.abs() + 0.01;
            assert!(close(Maths::Platform.ln(y), Maths::Portable.ln(y)) || y.ln().abs() < 1e-10);
            assert!(close(
                Maths::Platform.powf(y, 1.0 / 12.0),
                Maths::Portable.powf(y, 1.0 / 12.0)
            ));
        }
    }

    #[test]
    fn portable_normal_quantile_and_cdf_match_statrs() {
        for i in 1..10_000 {
            let p = f64::from(i) / 10_000.0;
            let (a, b) = (
                Maths::Platform.normal_quantile(p),
                Maths::Portable.normal_quantile(p),
            );
            assert!(
                (a - b).abs() <= 1e-14 * a.abs().max(1.0),
                "p = {p}: {a} against {b}"
            );
            // statrs' distribution function is good to about 1e-10 relative (1e-9 allowed); the
            // portable one gives back p to rounding.
            let (c, d) = (Maths::Platform.normal_cdf(a), Maths::Portable.normal_cdf(a));
            assert!((c - d).abs() <= 1e-9 * d, "x = {a}: {c} against {d}");
            let back = Maths::Portable.normal_cdf(b);
            assert!(
                (back - p).abs() <= 1e-14 * p.min(1.0 - p),
                "p = {p}: back to {back}"
            );
        }
        for p in [1e-300, 1e-100, 1e-20, 1e-10, 1.0 - 1e-10, 1.0 - 1e-16] {
            let (a, b) = (
                Maths::Platform.normal_quantile(p),
                Maths::Portable.normal_quantile(p),
            );
            assert!((a - b).abs() <= 1e-13 * a.abs(), "p = {p}: {a} against {b}");
        }
    }

    #[test]
    fn portable_normal_draws_follow_the_platform_sampler() {
        // Same algorithm, same tables, same random numbers: equal but for the last bits of the
        // rare draws that need `exp` or `ln`.
        let mut a = crate::model::rng::stream(11, 3, 5);
        let mut b = crate::model::rng::stream(11, 3, 5);
        let mut differing = 0;
        for _ in 0..200_000 {
            let (x, y) = (
                Maths::Platform.standard_normal(&mut a),
                Maths::Portable.standard_normal(&mut b),
            );
            assert!((x - y).abs() <= 1e-13 * x.abs().max(1.0), "{x} against {y}");
            differing += usize::from(x != y);
        }
        assert!(differing < 200, "{differing} draws differ");
    }
}
