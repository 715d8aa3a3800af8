//! Workforce (MODEL.md §5): permanent staff, new starters, agency cover, leavers and hires month by
//! month for one option, with the month's quality score. Keeps per-year sums, not monthly paths.

use super::quality::{MonthState, QualityRules, month_index};

/// Workforce inputs of one option in one iteration.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WorkforceDraw {
    /// `k_o`: cases per qualified social worker the establishment is sized for.
    pub target_caseload: f64,
    pub reference_caseload: f64,
    pub initial_vacancy_rate: f64,
    pub initial_new_starter_share: f64,
    pub new_starter_productivity: f64,
    pub agency_cover: f64,
    /// `f_o = min(1, 1 / time_to_fill_months)`.
    pub fill_rate: f64,
    pub annual_turnover: f64,
    pub turnover_pressure: f64,
    pub transition_turnover_uplift: f64,
    pub transition_years: f64,
    pub span_of_control: f64,
    pub support_staff_ratio: f64,
}

/// Sums over the twelve months of one year (FTE-months, hires, quality points).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct YearSums {
    /// Σ `P_t`, permanent qualified social workers.
    pub permanent: f64,
    /// Σ `N_t`, staff in their first year.
    pub new_starters: f64,
    /// Σ `A_t`, agency social workers.
    pub agency: f64,
    /// Σ `U_t`, vacancies left uncovered.
    pub uncovered: f64,
    /// Σ `h_t`, hires.
    pub hires: f64,
    /// Σ `M_t`, line managers.
    pub managers: f64,
    /// Σ `S_t`, other staff.
    pub support: f64,
    /// Σ `Q_t`, quality index.
    pub quality: f64,
}

/// `(1 − τ)^(1/12)` for a turnover rate that changes a little from month to month.
///
/// `powf` dominated the run time and sits on the month-to-month dependency chain. So each month
/// scales last month's root by `(x/x₀)^(1/12) = (1 + δ)^(1/12)`, summed as its binomial series to
/// δ⁷: for |δ| ≤ 1% the first omitted term is below 1e-18. A larger jump (and the first month)
/// uses `powf`; an unchanged rate reuses the root.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TwelfthRoot {
    x: f64,
    inverse_x: f64,
    root: f64,
}

/// `C(1/12, k)` for k = 0 … 7: the binomial series of `(1 + δ)^(1/12)`.
const SERIES: [f64; 8] = [
    1.0,
    1.0 / 12.0,
    -11.0 / 288.0,
    253.0 / 10368.0,
    -8855.0 / 497664.0,
    416185.0 / 29859840.0,
    -24554915.0 / 2149908480.0,
    1743398965.0 / 180592312320.0,
];

impl TwelfthRoot {
    pub fn new() -> Self {
        TwelfthRoot {
            x: f64::NAN,
            inverse_x: f64::NAN,
            root: f64::NAN,
        }
    }

    /// `x^(1/12)` for `x` in [0.05, 1].
    pub fn of(&mut self, x: f64) -> f64 {
        if x == self.x {
            return self.root;
        }
        let d = (x - self.x) * self.inverse_x;
        if d.abs() <= 0.01 {
            // Estrin's scheme: short dependency chains.
            let [c0, c1, c2, c3, c4, c5, c6, c7] = SERIES;
            let d2 = d * d;
            let d4 = d2 * d2;
            let low = (c0 + c1 * d) + d2 * (c2 + c3 * d);
            let high = (c4 + c5 * d) + d2 * (c6 + c7 * d);
            self.root *= low + d4 * high;
        } else {
            self.root = x.powf(1.0 / 12.0);
        }
        self.x = x;
        self.inverse_x = 1.0 / x;
        self.root
    }
}

/// The running state of one option's workforce, with its per-run constants.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lane {
    permanent: f64,
    new_starters: f64,
    root: TwelfthRoot,
    inverse_target: f64,
    inverse_reference: f64,
    inverse_span: f64,
    transition_months: f64,
    /// Where this lane's iteration's demand starts in `cases`.
    cases_offset: usize,
    /// Where this lane's first year sits in `years`.
    years_offset: usize,
}

/// Runs the monthly workforce model for several lanes at once, writing `years[l * H + y]` for
/// lane `l` and year `y`. Lanes come `options` to an iteration; `cases` holds each of those
/// iterations' monthly demand one after another (whole years).
///
/// Each month depends on the one before, so one option alone leaves the processor waiting; the
/// options are independent, so stepping them side by side within each month lets their work
/// overlap.
pub(crate) fn simulate_workforce(
    draws: &[WorkforceDraw],
    rules: &[QualityRules],
    cases: &[f64],
    options: usize,
    lanes: &mut Vec<Lane>,
    years: &mut [YearSums],
) {
    let iterations = draws.len() / options.max(1);
    if iterations == 0 || !cases.len().is_multiple_of(iterations) {
        return;
    }
    let months = cases.len() / iterations;
    let horizon = months / 12;
    lanes.clear();
    lanes.extend(draws.iter().enumerate().map(|(l, w)| {
        let first = cases[(l / options) * months];
        let permanent = first / w.target_caseload * (1.0 - w.initial_vacancy_rate);
        Lane {
            permanent,
            new_starters: permanent * w.initial_new_starter_share,
            root: TwelfthRoot::new(),
            inverse_target: 1.0 / w.target_caseload,
            inverse_reference: 1.0 / w.reference_caseload,
            inverse_span: 1.0 / w.span_of_control,
            transition_months: 12.0 * w.transition_years,
            cases_offset: (l / options) * months,
            years_offset: l * horizon,
        }
    }));
    years[..draws.len() * horizon].fill(YearSums::default());
    for t in 0..months {
        let y = t / 12;
        for ((w, rules), lane) in draws.iter().zip(rules).zip(lanes.iter_mut()) {
            let d = cases[lane.cases_offset + t];
            let Some(sums) = years.get_mut(lane.years_offset + y) else {
                continue;
            };
            let permanent = lane.permanent;
            let new_starters = lane.new_starters;
            let required = d * lane.inverse_target;
            let gap = (required - permanent).max(0.0);
            let agency = w.agency_cover * gap;
            let capacity = permanent - (1.0 - w.new_starter_productivity) * new_starters + agency;
            let load = d / capacity.max(0.1);
            let pressure = (load * lane.inverse_reference - 1.0).max(0.0);
            let uplift = if (t as f64) < lane.transition_months {
                w.transition_turnover_uplift
            } else {
                0.0
            };
            let turnover = (w.annual_turnover * (1.0 + w.turnover_pressure * pressure) + uplift)
                .clamp(0.0, 0.95);
            let leaving = 1.0 - lane.root.of(1.0 - turnover);
            let leavers = leaving * permanent;
            let hires = w.fill_rate * (required - (permanent - leavers)).max(0.0);
            sums.permanent += permanent;
            sums.new_starters += new_starters;
            sums.agency += agency;
            sums.uncovered += gap - agency;
            sums.hires += hires;
            sums.managers += (permanent + agency) * lane.inverse_span;
            sums.support += (permanent + agency) * w.support_staff_ratio;
            sums.quality += month_index(
                rules,
                &MonthState {
                    load,
                    reference_caseload: w.reference_caseload,
                    turnover,
                    permanent,
                    agency,
                    new_starters,
                },
            );
            lane.permanent = permanent - leavers + hires;
            lane.new_starters = (new_starters - leaving * new_starters) * (11.0 / 12.0) + hires;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few ulps of rounding in the eleven multiplications; far inside MODEL.md's 1e-9.
    const ROOT_RELATIVE_TOLERANCE: f64 = 1e-13;

    #[test]
    fn twelfth_root_matches_powf_along_a_path() {
        let mut root = TwelfthRoot::new();
        let mut x = 0.85;
        for step in 0..500 {
            // Small drifts, an occasional jump, and repeats.
            x = match step % 97 {
                0 => 0.3 + (step as f64 / 1000.0),
                50 => x,
                _ => (x * (1.0 + 0.004 * ((step as f64).sin()))).clamp(0.05, 1.0),
            };
            let exact = x.powf(1.0 / 12.0);
            let got = root.of(x);
            assert!(
                (got - exact).abs() <= ROOT_RELATIVE_TOLERANCE * exact,
                "x={x}: {got} vs {exact}"
            );
        }
    }
}
