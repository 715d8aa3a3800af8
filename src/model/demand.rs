//! Demand (MODEL.md §4): the monthly path of open cases, shared by every option of an iteration,
//! and the looked-after children that follow from it.

use rand::distr::Distribution;
use rand::{Rng, RngExt};
use rand_distr::StandardNormal;

use super::dist::Sampler;

/// Demand inputs drawn for one iteration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DemandDraw {
    pub open_cases: f64,
    pub annual_growth: f64,
    pub monthly_volatility: f64,
    pub shock_probability_per_year: f64,
}

/// What happened to shocks in one iteration.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Shocks {
    /// Sum of the shock sizes drawn (the value sensitivity uses for `demand.shock_size`).
    pub total_size: f64,
    /// Draws of `shock_size` that were clamped to its range.
    pub clamped: u64,
}

/// Fills `cases[t]` for `t = 0 … T−1` (T = `cases.len()`):
/// `D_t = max(1, D_{t−1} · (1+g)^(1/12) · exp(σ·z_t − σ²/2) · (1 + K_t))`.
///
/// `noise` gives `z_t`, `occurrence` decides whether a shock happens in a month (probability
/// `p/12`), and `sizes` draws each shock's size: three streams, so that turning volatility or
/// shocks off leaves the other draws as they were.
pub(crate) fn simulate_cases<R: Rng>(
    draw: &DemandDraw,
    shock_size: &Sampler,
    noise: &mut R,
    occurrence: &mut R,
    sizes: &mut R,
    cases: &mut [f64],
) -> Shocks {
    let mut shocks = Shocks::default();
    let Some(first) = cases.first_mut() else {
        return shocks;
    };
    *first = draw.open_cases;
    let monthly_growth = (1.0 + draw.annual_growth).powf(1.0 / 12.0);
    let sigma = draw.monthly_volatility;
    let drift = -sigma * sigma / 2.0;
    let monthly_shock_probability = draw.shock_probability_per_year / 12.0;
    let mut previous = draw.open_cases;
    for d in cases.iter_mut().skip(1) {
        let mut next = previous * monthly_growth;
        if sigma > 0.0 {
            let z: f64 = StandardNormal.sample(noise);
            next *= (sigma * z + drift).exp();
        }
        if monthly_shock_probability > 0.0 && occurrence.random::<f64>() < monthly_shock_probability
        {
            let (k, clamped) = shock_size.draw(sizes);
            shocks.total_size += k;
            shocks.clamped += u64::from(clamped);
            next *= 1.0 + k;
        }
        previous = next.max(1.0);
        *d = previous;
    }
    shocks
}

/// Share of an option's reduction in looked-after children reached by month `t`:
/// `min(1, t / (12·ramp))`.
pub(crate) fn ramp_share(month: usize, effect_ramp_years: f64) -> f64 {
    (month as f64 / (12.0 * effect_ramp_years)).min(1.0)
}
