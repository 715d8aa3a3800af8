//! The Beta distribution's function and normalising constant (what a PERT input is made of).

use super::Maths;

/// `ln B(a, b)`: statrs' on the platform; `libm`'s log-gamma when portable.
pub fn ln_beta(maths: Maths, a: f64, b: f64) -> f64 {
    match maths {
        Maths::Platform => statrs::function::beta::ln_beta(a, b),
        Maths::Portable => libm::lgamma(a) + libm::lgamma(b) - libm::lgamma(a + b),
    }
}

/// The Beta(a, b) distribution function at `x` (the regularised incomplete beta function
/// `I_x(a, b)`), for `a, b > 0`: statrs' on the platform; when portable, the same method
/// (the continued fraction of Numerical Recipes §6.4, by the modified Lentz algorithm) on
/// `libm`, converged to rounding.
pub fn beta_cdf(maths: Maths, a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    match maths {
        Maths::Platform => {
            use statrs::distribution::{Beta, ContinuousCDF};
            Beta::new(a, b).map_or(f64::NAN, |d| d.cdf(x))
        }
        Maths::Portable => {
            // x^a (1−x)^b / B(a, b), the factor in front of the continued fraction.
            let front = libm::exp(a * libm::log(x) + b * libm::log1p(-x) - ln_beta(maths, a, b));
            // The fraction converges fast below (a+1)/(a+b+2); above it, I_x(a,b) = 1 − I_{1−x}(b,a).
            if x < (a + 1.0) / (a + b + 2.0) {
                front * continued_fraction(a, b, x) / a
            } else {
                1.0 - front * continued_fraction(b, a, 1.0 - x) / b
            }
        }
    }
}

/// The continued fraction of `I_x(a, b)` (Numerical Recipes, 3rd ed., §6.4, `betacf`).
fn continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let guard = |v: f64| if v.abs() < TINY { TINY } else { v };
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 / guard(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / guard(1.0 + even * d);
        c = guard(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / guard(1.0 + odd * d);
        c = guard(1.0 + odd / c);
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() <= f64::EPSILON {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_beta_matches_statrs_over_pert_shapes() {
        for a in [1.0, 1.2, 1.9, 2.5, 3.0, 4.1, 5.0] {
            for b in [1.0, 1.3, 2.0, 3.7, 5.0] {
                let (p, q) = (
                    ln_beta(Maths::Platform, a, b),
                    ln_beta(Maths::Portable, a, b),
                );
                assert!((p - q).abs() <= 1e-13 * p.abs().max(1.0), "ln B({a}, {b})");
                for i in 0..=400 {
                    let x = f64::from(i) / 400.0;
                    let (p, q) = (
                        beta_cdf(Maths::Platform, a, b, x),
                        beta_cdf(Maths::Portable, a, b, x),
                    );
                    assert!((p - q).abs() <= 1e-13, "I_{x}({a}, {b}): {p} against {q}");
                }
            }
        }
    }
}
