//! The standard normal distribution written on `libm`: a ziggurat sampler and a quantile.

use rand::distr::Open01;
use rand::{Rng, RngExt};

use super::ziggurat_tables::{ZIG_NORM_F, ZIG_NORM_R, ZIG_NORM_X};

/// One standard normal draw: the ziggurat method as rand_distr 0.6 implements it (Marsaglia &
/// Tsang 2000, in Doornik's ZIGNOR form), the same random numbers consumed the same way, with
/// `libm`'s `exp` for the wedges and `ln` for the tail.
pub(super) fn ziggurat<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    loop {
        // The lowest 8 bits pick the layer; the highest 52 make u uniform on [−1, 1): a number
        // in [2, 4) from its bits, less 3.
        let bits = rng.next_u64();
        let i = (bits & 0xff) as usize;
        let u = f64::from_bits((bits >> 12) | (1024_u64 << 52)) - 3.0;
        let x = u * ZIG_NORM_X[i];
        if x.abs() < ZIG_NORM_X[i + 1] {
            return x;
        }
        if i == 0 {
            return tail(rng, u);
        }
        let f: f64 = rng.random();
        if ZIG_NORM_F[i + 1] + (ZIG_NORM_F[i] - ZIG_NORM_F[i + 1]) * f < libm::exp(-x * x / 2.0) {
            return x;
        }
    }
}

/// A draw beyond the base layer's edge `R` (Marsaglia 1964), on the side of `u`.
fn tail<R: Rng + ?Sized>(rng: &mut R, u: f64) -> f64 {
    let mut x = 1.0_f64;
    let mut y = 0.0_f64;
    while -2.0 * y < x * x {
        let a: f64 = rng.sample(Open01);
        let b: f64 = rng.sample(Open01);
        x = libm::log(a) / ZIG_NORM_R;
        y = libm::log(b);
    }
    if u < 0.0 {
        x - ZIG_NORM_R
    } else {
        ZIG_NORM_R - x
    }
}

/// The standard normal quantile: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37,
/// 1988, 477–484), accurate to about 1 part in 10^16; −∞ at 0, +∞ at 1, NaN outside.
#[allow(clippy::excessive_precision)]
pub(super) fn quantile(p: f64) -> f64 {
    const A: [f64; 8] = [
        3.3871328727963666080e0,
        1.3314166789178437745e+2,
        1.9715909503065514427e+3,
        1.3731693765509461125e+4,
        4.5921953931549871457e+4,
        6.7265770927008700853e+4,
        3.3430575583588128105e+4,
        2.5090809287301226727e+3,
    ];
    const B: [f64; 8] = [
        1.0,
        4.2313330701600911252e+1,
        6.8718700749205790830e+2,
        5.3941960214247511077e+3,
        2.1213794301586595867e+4,
        3.9307895800092710610e+4,
        2.8729085735721942674e+4,
        5.2264952788528545610e+3,
    ];
    const C: [f64; 8] = [
        1.42343711074968357734e0,
        4.63033784615654529590e0,
        5.76949722146069140550e0,
        3.64784832476320460504e0,
        1.27045825245236838258e0,
        2.41780725177450611770e-1,
        2.27238449892691845833e-2,
        7.74545014278341407640e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.05319162663775882187e0,
        1.67638483018380384940e0,
        6.89767334985100004550e-1,
        1.48103976427480074590e-1,
        1.51986665636164571966e-2,
        5.47593808499534494600e-4,
        1.05075007164441684324e-9,
    ];
    const E: [f64; 8] = [
        6.65790464350110377720e0,
        5.46378491116411436990e0,
        1.78482653991729133580e0,
        2.96560571828504891230e-1,
        2.65321895265761230930e-2,
        1.24266094738807843860e-3,
        2.71155556874348757815e-5,
        2.01033439929228813265e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        5.99832206555887937690e-1,
        1.36929880922735805310e-1,
        1.48753612908506148525e-2,
        7.86869131145613259100e-4,
        1.84631831751005468180e-5,
        1.42151175831644588870e-7,
        2.04426310338993978564e-15,
    ];
    /// `c[0] + c[1]·r + … + c[7]·r^7` by Horner's rule, highest power first.
    fn poly(c: &[f64; 8], r: f64) -> f64 {
        c.iter().rev().fold(0.0, |acc, &k| acc * r + k)
    }
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    if tail <= 0.0 {
        return if q < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let r = (-libm::log(tail)).sqrt();
    let z = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 { -z } else { z }
}
