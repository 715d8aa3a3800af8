//! Quality (MODEL.md §8): a workforce-driven index from 0 to 100, scored each month from
//! caseload, staff stability, agency reliance and experience.

use super::scenario::Quality;

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

/// The workforce state of one month that quality is scored from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthState {
    /// Cases per effective social worker, `load_t`.
    pub load: f64,
    pub reference_caseload: f64,
    /// Annual turnover rate this month, `τ_t`.
    pub turnover: f64,
    pub permanent: f64,
    pub agency: f64,
    pub new_starters: f64,
}

/// A ratio whose zero denominator counts as 0 (MODEL.md §8).
fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator == 0.0 {
        0.0
    } else {
        numerator / denominator
    }
}

/// `Q_t`, clamped to [0, 100].
pub(crate) fn month_index(rules: &QualityRules, m: &MonthState) -> f64 {
    let s_case = (1.0 - (m.load / m.reference_caseload - 1.0) / (rules.caseload_zero_at - 1.0))
        .clamp(0.0, 1.0);
    let s_stab = (1.0 - m.turnover / rules.turnover_zero_at).clamp(0.0, 1.0);
    let s_agcy =
        (1.0 - ratio(m.agency, m.permanent + m.agency) / rules.agency_zero_at).clamp(0.0, 1.0);
    let s_exp =
        (1.0 - ratio(m.new_starters, m.permanent) / rules.new_starter_zero_at).clamp(0.0, 1.0);
    let weighted = rules.weight_caseload * s_case
        + rules.weight_stability * s_stab
        + rules.weight_agency * s_agcy
        + rules.weight_experience * s_exp;
    (100.0 * weighted + rules.practice_delta).clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::QualityWeights;

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
        let q = Quality {
            weights: QualityWeights {
                caseload: 0.35,
                stability: 0.25,
                agency: 0.2,
                experience: 0.2,
            },
            caseload_zero_at: 1.5,
            turnover_zero_at: 0.35,
            agency_zero_at: 0.45,
            new_starter_zero_at: 0.5,
        };
        let got = month_index(
            &QualityRules::new(&q, 2.0),
            &MonthState {
                load: 18.75,
                reference_caseload: 15.0,
                turnover: 0.3,
                permanent: 64.0,
                agency: 8.0,
                new_starters: 16.0,
            },
        );
        assert!(
            (got - expected).abs() <= 1e-9 * expected,
            "{got} vs {expected}"
        );
    }
}
