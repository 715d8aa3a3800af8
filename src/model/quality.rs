//! Quality (MODEL.md §8): a workforce-driven index from 0 to 100, scored each month from
//! caseload, staff stability, agency reliance and experience.

use super::scenario::Quality;

use super::simd::V;
use super::workforce::{Row, clamp, load};

/// The quality rules of a scenario plus the option's own practice effect.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QualityRules {
    pub weight_caseload: f64,
    pub weight_stability: f64,
    pub weight_agency: f64,
    pub weight_experience: f64,
    pub caseload_zero_at: f64,
    pub turnover_zero_at: f64,
    pub agency_zero_at: f64,
    pub new_starter_zero_at: f64,
    /// `practice_quality_delta` of the option, in index points.
    pub practice_delta: f64,
}

impl QualityRules {
    pub fn new(q: &Quality, practice_delta: f64) -> Self {
        QualityRules {
            weight_caseload: q.weights.caseload,
            weight_stability: q.weights.stability,
            weight_agency: q.weights.agency,
            weight_experience: q.weights.experience,
            caseload_zero_at: q.caseload_zero_at,
            turnover_zero_at: q.turnover_zero_at,
            agency_zero_at: q.agency_zero_at,
            new_starter_zero_at: q.new_starter_zero_at,
            practice_delta,
        }
    }
}

/// The quality rules of a block of workforce lanes, one array per quantity, with each divisor
/// turned into a multiplier once.
#[derive(Debug, Clone, Default)]
pub(crate) struct QualityRows {
    weight_caseload: Row,
    weight_stability: Row,
    weight_agency: Row,
    weight_experience: Row,
    /// `1 / (z_case − 1)`.
    caseload_slope: Row,
    /// `1 / z_turn`.
    turnover_slope: Row,
    /// `1 / z_agcy`.
    agency_slope: Row,
    /// `1 / z_new`.
    new_starter_slope: Row,
    practice_delta: Row,
}

#[inline(always)]
fn unit_clamp(x: V) -> V {
    clamp(x, V::ZERO, V::ONE)
}

/// A ratio whose zero denominator counts as 0 (MODEL.md §8).
#[inline(always)]
fn ratio(numerator: V, denominator: V) -> V {
    denominator
        .simd_eq(V::ZERO)
        .select(V::ZERO, numerator / denominator)
}

impl QualityRows {
    /// Puts `rules` in lane `k`.
    pub fn set(&mut self, k: usize, rules: &QualityRules) {
        self.weight_caseload[k] = rules.weight_caseload;
        self.weight_stability[k] = rules.weight_stability;
        self.weight_agency[k] = rules.weight_agency;
        self.weight_experience[k] = rules.weight_experience;
        self.caseload_slope[k] = 1.0 / (rules.caseload_zero_at - 1.0);
        self.turnover_slope[k] = 1.0 / rules.turnover_zero_at;
        self.agency_slope[k] = 1.0 / rules.agency_zero_at;
        self.new_starter_slope[k] = 1.0 / rules.new_starter_zero_at;
        self.practice_delta[k] = rules.practice_delta;
    }

    /// `Q_t` of the lanes of vector `b`, clamped to [0, 100], from the month's caseload ratio
    /// `load_t / k_ref`, turnover rate `τ_t` and staff `P_t`, `A_t`, `N_t`.
    #[inline(always)]
    pub fn score(
        &self,
        b: usize,
        caseload_ratio: V,
        turnover: V,
        permanent: V,
        agency: V,
        new_starters: V,
    ) -> V {
        let one = V::ONE;
        let s_case = unit_clamp(one - (caseload_ratio - one) * load(&self.caseload_slope, b));
        let s_stab = unit_clamp(one - turnover * load(&self.turnover_slope, b));
        let s_agcy =
            unit_clamp(one - ratio(agency, permanent + agency) * load(&self.agency_slope, b));
        let s_exp =
            unit_clamp(one - ratio(new_starters, permanent) * load(&self.new_starter_slope, b));
        let weighted = load(&self.weight_caseload, b) * s_case
            + load(&self.weight_stability, b) * s_stab
            + load(&self.weight_agency, b) * s_agcy
            + load(&self.weight_experience, b) * s_exp;
        clamp(
            V::splat(100.0) * weighted + load(&self.practice_delta, b),
            V::ZERO,
            V::splat(100.0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_support::hand_worked_quality;

    #[test]
    fn month_zero_of_the_hand_worked_scenario() {
        // Month 0 of the fixed scenario in tests/tests.rs, with pencil and paper: 1,200 cases,
        // target caseload 15 → R = 80; vacancy 20% → P = 64; new starters N = 16; gap 16 half
        // covered → A = 8; capacity = 64 − 0.5·16 + 8 = 64; load = 18.75 against 15;
        // τ = 0.2·(1 + 0.25) + 0.05 = 0.3.
        // Scores: caseload 1 − 0.25/0.5 = 0.5; stability 1 − 0.3/0.35 = 1/7;
        // agency 1 − (8/72)/0.45 = 1 − 20/81; experience 1 − 0.25/0.5 = 0.5; delta +2.
        let expected =
            100.0 * (0.35 * 0.5 + 0.25 / 7.0 + 0.2 * (1.0 - 20.0 / 81.0) + 0.2 * 0.5) + 2.0;
        let q = hand_worked_quality();
        let mut rows = QualityRows::default();
        rows.set(3, &QualityRules::new(&q, 2.0));
        let got = rows.score(
            0,
            V::splat(18.75 / 15.0),
            V::splat(0.3),
            V::splat(64.0),
            V::splat(8.0),
            V::splat(16.0),
        );
        let got = got.to_array()[3];
        assert!(
            (got - expected).abs() <= 1e-9 * expected,
            "{got} vs {expected}"
        );
    }
}
