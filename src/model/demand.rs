//! Demand (MODEL.md §4): the monthly path of open cases, shared by every option of an iteration,
//! and the looked-after children that follow from it.

use rand::{Rng, RngExt};

use super::dist::Sampler;
use super::maths::Maths;
use super::simd::{V, VectorBuild, WIDTH, builds};

/// Demand inputs drawn for one iteration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DemandDraw {
    pub open_cases: f64,
    pub annual_growth: f64,
    pub monthly_volatility: f64,
    pub shock_probability_per_year: f64,
    /// The elementary functions of the scenario (`simulation.maths`).
    pub maths: Maths,
}

/// What happened to shocks in one iteration.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shocks {
    /// Sum of the shock sizes drawn (the value sensitivity uses for `demand.shock_size`).
    pub total_size: f64,
    /// Draws of `shock_size` that were clamped to its range.
    pub clamped: u64,
}

impl DemandDraw {
    /// `(1+g)^(1/12)`: the growth of one month.
    pub fn monthly_growth(&self) -> f64 {
        self.maths.powf(1.0 + self.annual_growth, 1.0 / 12.0)
    }
}

/// Draws what one iteration's demand path `D_t = max(1, D_{t−1} · (1+g)^(1/12) · exp(σ·z_t −
/// σ²/2) · (1 + K_t))` is made of, for `t = 0 … T−1` (T = `cases.len()`): `cases[0] = D_0`, and
/// for `t ≥ 1` the month's noise factor `exp(σ·z_t − σ²/2)` in `cases[t]` and its shock factor
/// `1 + K_t` in `shock_factors[t]` (1 in a month without a shock). [`grow_paths`] then turns
/// the factors into the path.
///
/// `noise` gives `z_t`, `occurrence` the months between shocks (each month has one with
/// probability `p/12`), and `sizes` draws each shock's size: three streams, so that turning
/// volatility or shocks off leaves the other draws as they were.
pub(crate) fn demand_factors<R: Rng>(
    draw: &DemandDraw,
    shock_size: &Sampler,
    noise: &mut R,
    occurrence: &mut R,
    sizes: &mut R,
    cases: &mut [f64],
    shock_factors: &mut [f64],
) -> Shocks {
    let mut shocks = Shocks::default();
    shock_factors.fill(1.0);
    let Some((first, rest)) = cases.split_first_mut() else {
        return shocks;
    };
    *first = draw.open_cases;
    let sigma = draw.monthly_volatility;
    // The noise factors of all months are worked out first, so that the exponentials run several
    // at a time. Without volatility the factor is exactly 1, which leaves the product unchanged.
    if sigma > 0.0 {
        let drift = -sigma * sigma / 2.0;
        for factor in rest.iter_mut() {
            let z = draw.maths.standard_normal(noise);
            *factor = sigma * z + drift;
        }
        exp_in_place(rest);
    } else {
        rest.fill(1.0);
    }
    // Each month t ≥ 1 has a shock with probability q = p/12, independently. Rather than a
    // uniform draw every month, draw the number of months from one shock to the next, which is
    // geometric on 1, 2, …: ⌊ln U / ln(1 − q)⌋ + 1 for U uniform on (0, 1].
    let monthly_shock_probability = draw.shock_probability_per_year / 12.0;
    if monthly_shock_probability <= 0.0 {
        return shocks;
    }
    let log_no_shock = draw.maths.ln(1.0 - monthly_shock_probability);
    let mut months_to_shock = || -> usize {
        let u = 1.0 - occurrence.random::<f64>();
        // Saturates for a gap too long to happen within any horizon.
        (draw.maths.ln(u) / log_no_shock).floor() as usize + 1
    };
    let mut shock_month = months_to_shock();
    while let Some(factor) = shock_factors.get_mut(shock_month) {
        let (k, clamped) = shock_size.draw(sizes);
        shocks.total_size += k;
        shocks.clamped += u64::from(clamped);
        *factor = 1.0 + k;
        shock_month = shock_month.saturating_add(months_to_shock());
    }
    shocks
}

/// Turns the factors [`demand_factors`] drew for several iterations into their demand paths, in
/// place: path `p` is `cases[p·T ..][..T]`, with shock factors `shock_factors[p·T ..][..T]` and
/// monthly growth `monthly_growth[p]`. Month by month,
/// `D_t = max(1, ((D_{t−1} · growth) · noise_t) · shock_t)`.
///
/// Each path is a chain of dependent multiplications; stepping the paths through the months
/// together lets the processor work on several chains at once.
pub(crate) fn grow_paths(cases: &mut [f64], shock_factors: &[f64], monthly_growth: &[f64]) {
    let paths = monthly_growth.len();
    if paths == 0 || cases.len() != shock_factors.len() || !cases.len().is_multiple_of(paths) {
        return;
    }
    let months = cases.len() / paths;
    for t in 1..months {
        for (p, growth) in monthly_growth.iter().enumerate() {
            let i = p * months + t;
            cases[i] = (cases[i - 1] * growth * cases[i] * shock_factors[i]).max(1.0);
        }
    }
}

/// `1/k!` for k = 0 … 13: the Taylor series of `e^r`, whose first omitted term is below 5e-18
/// relative for `|r| ≤ ln 2 / 2`.
const EXP_SERIES: [f64; 14] = [
    1.0,
    1.0,
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362880.0,
    1.0 / 3628800.0,
    1.0 / 39916800.0,
    1.0 / 479001600.0,
    1.0 / 6227020800.0,
];

/// `e^x` for every element, within a few ulps of `f64::exp`, several at a time and without
/// calling the C library (whose result may depend on the processor). Arguments are limited to
/// [−708, 709], where `e^x` is a normal number. Runs the widest build the processor has.
pub(crate) fn exp_in_place(values: &mut [f64]) {
    exp_in_place_with(VectorBuild::widest(), values);
}

builds!(
    /// [`exp_in_place`] with the given build.
    fn exp_in_place_with(values: &mut [f64]) => exp_loop
);

#[inline(always)]
fn exp_loop(values: &mut [f64]) {
    let mut chunks = values.chunks_exact_mut(WIDTH);
    for chunk in &mut chunks {
        let x = std::array::from_fn(|j| chunk[j]);
        chunk.copy_from_slice(&exp_lanes(x));
    }
    let rest = chunks.into_remainder();
    let mut x = [0.0; WIDTH];
    x[..rest.len()].copy_from_slice(rest);
    let e = exp_lanes(x);
    let n = rest.len();
    rest.copy_from_slice(&e[..n]);
}

/// `e^x` for each lane. A function rather than a closure, so that it is always inlined into the
/// build that calls it and compiled with that build's instructions.
#[inline(always)]
fn exp_lanes(x: [f64; WIDTH]) -> [f64; WIDTH] {
    // x = k·ln 2 + r: k by adding and subtracting 1.5·2^52, which rounds to the nearest integer;
    // ln 2 split in two (Cody & Waite) so that k·LN2_HIGH is exact.
    const ROUND: f64 = 6_755_399_441_055_744.0;
    // 0.693147180369123816490 and 1.90821492927058770002e-10, as in fdlibm.
    const LN2_HIGH: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
    const LN2_LOW: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
    let x = V::new(x.map(|x| x.clamp(-708.0, 709.0)));
    let k = (x * V::splat(std::f64::consts::LOG2_E) + V::splat(ROUND)) - V::splat(ROUND);
    let r = (x - k * V::splat(LN2_HIGH)) - k * V::splat(LN2_LOW);
    let c = EXP_SERIES.map(V::splat);
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let p01 = c[0] + c[1] * r;
    let p23 = c[2] + c[3] * r;
    let p45 = c[4] + c[5] * r;
    let p67 = c[6] + c[7] * r;
    let p89 = c[8] + c[9] * r;
    let p1011 = c[10] + c[11] * r;
    let p1213 = c[12] + c[13] * r;
    let low = (p01 + r2 * p23) + r4 * (p45 + r2 * p67);
    let high = (p89 + r2 * p1011) + r4 * p1213;
    let e = (low + r8 * high).to_array();
    let k = k.to_array();
    std::array::from_fn(|j| {
        // 2^k built from its bits; k is an integer in [−1022, 1023].
        let scale = f64::from_bits(((k[j] as i64 + 1023) as u64) << 52);
        e[j] * scale
    })
}

/// Share of an option's reduction in looked-after children reached by month `t`:
/// `min(1, t / (12·ramp))`.
pub(crate) fn ramp_share(month: usize, effect_ramp_years: f64) -> f64 {
    (month as f64 / (12.0 * effect_ramp_years)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few ulps: the series, the reduction and the final scaling each round once or twice.
    const EXP_RELATIVE_TOLERANCE: f64 = 1e-15;

    #[test]
    fn each_month_has_a_shock_with_a_twelfth_of_the_annual_probability() {
        use rand::SeedableRng;
        let draw = DemandDraw {
            open_cases: 1000.0,
            annual_growth: 0.0,
            monthly_volatility: 0.0,
            shock_probability_per_year: 0.6,
            maths: Maths::Portable,
        };
        // Every shock adds 1 to the total size, so the total counts them.
        let size = Sampler::constant(1.0);
        let mut rng = rand_xoshiro::SplitMix64::seed_from_u64(3);
        let mut cases = vec![0.0; 121];
        let mut shock_factors = vec![0.0; 121];
        let runs = 4000;
        let mut shocks = 0.0;
        for _ in 0..runs {
            let mut noise = rng.clone();
            let mut sizes = rng.clone();
            shocks += demand_factors(
                &draw,
                &size,
                &mut noise,
                &mut rng,
                &mut sizes,
                &mut cases,
                &mut shock_factors,
            )
            .total_size;
        }
        // Months 1 … 120 each with probability 0.05: mean 24,000, sd about 151.
        let trials = f64::from(runs) * 120.0;
        let expected = trials * 0.05;
        let sd = (trials * 0.05 * 0.95).sqrt();
        assert!(
            (shocks - expected).abs() <= 5.0 * sd,
            "{shocks} vs {expected}"
        );
    }

    /// Paths grown together are, bit for bit, paths grown one at a time by MODEL.md §4's
    /// recurrence: with and without noise, with shocks, and falling to the floor of one case.
    #[test]
    fn paths_grown_together_match_the_recurrence_one_path_at_a_time() {
        let mut u = crate::model::test_support::uniforms(4);
        let (paths, months) = (5, 40);
        let growth: Vec<f64> = (0..paths)
            .map(|p| 1.0 + 0.05 * u() - 0.03 * p as f64)
            .collect();
        let mut cases = vec![0.0; paths * months];
        let mut shocks = vec![1.0; paths * months];
        for p in 0..paths {
            cases[p * months] = 1.0 + 500.0 * u();
            for t in 1..months {
                // Path 1 has no noise; path 4 falls steeply and meets the floor.
                cases[p * months + t] = match p {
                    1 => 1.0,
                    4 => 0.5,
                    _ => 0.8 + 0.4 * u(),
                };
                if u() < 0.1 {
                    shocks[p * months + t] = 1.0 + u() - 0.5;
                }
            }
        }
        let mut expected = cases.clone();
        for p in 0..paths {
            let mut previous = expected[p * months];
            for t in 1..months {
                let i = p * months + t;
                let mut next = previous * growth[p];
                next *= expected[i];
                next *= shocks[i];
                previous = next.max(1.0);
                expected[i] = previous;
            }
        }
        grow_paths(&mut cases, &shocks, &growth);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&cases), bits(&expected));
        assert_eq!(cases[5 * months - 1], 1.0, "path 4 reaches the floor");
    }

    #[test]
    fn every_build_of_exp_gives_the_same_bits() {
        let x: Vec<f64> = (-30_000..=30_000).map(|i| f64::from(i) * 0.0237).collect();
        let bits = |build: VectorBuild| {
            let mut y = x.clone();
            exp_in_place_with(build, &mut y);
            y.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        };
        let portable = bits(VectorBuild::Portable);
        for build in VectorBuild::ALL.into_iter().filter(|b| b.available()) {
            assert!(
                bits(build) == portable,
                "the {} build differs",
                build.name()
            );
        }
    }

    #[test]
    fn exp_matches_the_standard_library() {
        let mut x: Vec<f64> = (-2000..=2000)
            .map(|i| f64::from(i) * 0.01)
            .chain([-700.0, -100.0, -1e-12, 0.0, 1e-12, 50.0, 700.0])
            .collect();
        let exact: Vec<f64> = x.iter().map(|x| x.exp()).collect();
        exp_in_place(&mut x);
        for (got, want) in x.iter().zip(&exact) {
            assert!(
                (got - want).abs() <= EXP_RELATIVE_TOLERANCE * want,
                "{got} vs {want}"
            );
        }
    }
}
