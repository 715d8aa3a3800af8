//! The numbers every chart draws, computed once per result (histograms, sorted curves, thinned
//! scatter points, cost groups, sensitivity bars) and shared by the window's charts and the
//! exported ones, so that a chart on screen and on paper show the same figures. Also the chart
//! titles, the sentence under each that says how to read it, and its axis titles.
//!
//! Money is in £m; years are financial years (2026/27).

use crate::model::results::percentile_of_sorted;
use crate::model::{CostLine, OptionResult, RunResults, Sensitivity};
use crate::present::{financial_year, thousands};

use super::fields::input_title;

/// Bins of the NPC and difference histograms.
pub const HISTOGRAM_BINS: usize = 40;
/// Points on each S-curve.
const CURVE_POINTS: usize = 200;
/// Iterations per option on the cost–quality scatter.
pub const SCATTER_POINTS: usize = 2_000;

/// Shares of iterations in equal-width bins, in £m.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Left edge of the first bin, £m.
    pub start: f64,
    /// Bin width, £m.
    pub width: f64,
    /// Share of iterations in each bin (sums to 1).
    pub shares: Vec<f64>,
}

impl Histogram {
    /// Bins `values_m` (already in £m) over `[lo, hi]`.
    pub fn new(values_m: &[f64], lo: f64, hi: f64, bins: usize) -> Self {
        if !(lo.is_finite() && hi.is_finite()) {
            // No finite value to bin: nothing to draw.
            return Histogram {
                start: 0.0,
                width: 1.0,
                shares: Vec::new(),
            };
        }
        let bins = bins.max(1);
        let width = if hi > lo {
            (hi - lo) / bins as f64
        } else {
            // Every value equal (a fixed scenario): one narrow bin around it.
            (lo.abs() * 0.01).max(0.1)
        };
        let start = if hi > lo { lo } else { lo - width / 2.0 };
        let bins = if hi > lo { bins } else { 1 };
        let mut counts = vec![0u64; bins];
        for v in values_m.iter().filter(|v| v.is_finite()) {
            let k = (((v - start) / width).floor().max(0.0) as usize).min(bins - 1);
            counts[k] += 1;
        }
        let n = values_m.len().max(1) as f64;
        Histogram {
            start,
            width,
            shares: counts.iter().map(|c| *c as f64 / n).collect(),
        }
    }

    /// Centre of bin `k`.
    pub fn centre(&self, k: usize) -> f64 {
        self.start + (k as f64 + 0.5) * self.width
    }

    /// The outline of the bars as a step line, closed to zero at both ends.
    pub fn outline(&self) -> Vec<[f64; 2]> {
        let mut points = Vec::with_capacity(self.shares.len() * 2 + 2);
        points.push([self.start, 0.0]);
        for (k, share) in self.shares.iter().enumerate() {
            let left = self.start + k as f64 * self.width;
            points.push([left, share * 100.0]);
            points.push([left + self.width, share * 100.0]);
        }
        points.push([self.start + self.shares.len() as f64 * self.width, 0.0]);
        points
    }

    pub fn tallest_percent(&self) -> f64 {
        self.shares.iter().copied().fold(0.0, f64::max) * 100.0
    }
}

/// Chart data for one option.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCharts {
    pub npc: Histogram,
    /// (NPC £m, share of futures at or below it).
    pub s_curve: Vec<[f64; 2]>,
    /// Histogram of NPC minus the baseline's; None for the baseline itself.
    pub difference: Option<Histogram>,
    /// (NPC minus the baseline's, £m; mean quality minus the baseline's, points) of up to
    /// [`SCATTER_POINTS`] futures, each against the baseline in the same future; empty for the
    /// baseline itself. The quadrants split at zero are the two-by-two table's cells.
    pub scatter: Vec<[f64; 2]>,
}

/// Everything the charts draw beyond the per-year figures, computed once per result.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub options: Vec<OptionCharts>,
}

fn to_m(values: &[f64]) -> Vec<f64> {
    values.iter().map(|v| v / 1e6).collect()
}

fn finite_bounds<'a>(values: impl Iterator<Item = &'a f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        })
}

impl ChartData {
    /// The options with a difference from the baseline to draw (every option but the baseline).
    pub fn with_difference(&self) -> Vec<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, d)| d.difference.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    pub fn new(results: &RunResults) -> Self {
        let npc_m: Vec<Vec<f64>> = results
            .options
            .iter()
            .map(|o| to_m(&o.samples.npc))
            .collect();
        let (lo, hi) = finite_bounds(npc_m.iter().flatten());
        let base = results
            .options
            .iter()
            .position(|o| o.name == results.baseline_option);
        let diff_m: Vec<Vec<f64>> = results
            .options
            .iter()
            .map(|o| to_m(&o.samples.npc_vs_baseline))
            .collect();
        let (dlo, dhi) = finite_bounds(
            diff_m
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != base)
                .flat_map(|(_, d)| d.iter()),
        );
        let options = results
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let npc = &npc_m[i];
                let mut sorted = npc.clone();
                sorted.sort_unstable_by(f64::total_cmp);
                let s_curve = (0..=CURVE_POINTS)
                    .filter(|_| !sorted.is_empty())
                    .map(|k| {
                        let p = k as f64 / CURVE_POINTS as f64;
                        [percentile_of_sorted(&sorted, p), p]
                    })
                    .collect();
                let difference = (Some(i) != base && dlo.is_finite())
                    .then(|| Histogram::new(&diff_m[i], dlo, dhi, HISTOGRAM_BINS));
                let scatter = match base.and_then(|b| results.options.get(b)) {
                    Some(b) if Some(i) != base => diff_m[i]
                        .iter()
                        .zip(o.samples.mean_quality.iter().zip(&b.samples.mean_quality))
                        .take(SCATTER_POINTS)
                        .map(|(d, (q, bq))| [*d, q - bq])
                        .collect(),
                    _ => Vec::new(),
                };
                OptionCharts {
                    npc: Histogram::new(npc, lo, hi, HISTOGRAM_BINS),
                    s_curve,
                    difference,
                    scatter,
                }
            })
            .collect();
        ChartData { options }
    }
}

/// Every chart, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    AnnualCost,
    NpcDistribution,
    SCurve,
    Difference,
    Quality,
    Workforce,
    CostBreakdown,
    Tornado,
    CostQuality,
    /// An outsourced option's contract sum against its provider's cost, and what came back to
    /// the council (whole-budget runs with a contract only).
    BudgetRisk,
}

impl ChartKind {
    pub const ALL: [ChartKind; 10] = [
        ChartKind::AnnualCost,
        ChartKind::NpcDistribution,
        ChartKind::SCurve,
        ChartKind::Difference,
        ChartKind::Quality,
        ChartKind::Workforce,
        ChartKind::CostBreakdown,
        ChartKind::Tornado,
        ChartKind::CostQuality,
        ChartKind::BudgetRisk,
    ];

    /// Whether the chart has anything to show for `results`: the budget-risk chart needs an
    /// option under a contract.
    pub fn applies(self, results: &RunResults) -> bool {
        match self {
            ChartKind::BudgetRisk => results.options.iter().any(|o| o.contract.is_some()),
            _ => true,
        }
    }

    /// The charts that have something to show for `results`, in order.
    pub fn shown(results: &RunResults) -> Vec<ChartKind> {
        ChartKind::ALL
            .into_iter()
            .filter(|k| k.applies(results))
            .collect()
    }

    /// Short name for the chart picker and the presentation's slide list.
    pub fn tab(self) -> &'static str {
        match self {
            ChartKind::AnnualCost => "Annual cost",
            ChartKind::NpcDistribution => "NPC distribution",
            ChartKind::SCurve => "S-curve",
            ChartKind::Difference => "Difference",
            ChartKind::Quality => "Quality",
            ChartKind::Workforce => "Workforce",
            ChartKind::CostBreakdown => "Cost breakdown",
            ChartKind::Tornado => "Sensitivity",
            ChartKind::CostQuality => "Cost vs quality",
            ChartKind::BudgetRisk => "Budget risk",
        }
    }
}

/// The titles of a plot's axes, with their units; empty where an axis needs none (the names of
/// the options or inputs along it say what it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AxisTitles {
    pub x: &'static str,
    pub y: &'static str,
}

const fn axes(x: &'static str, y: &'static str) -> AxisTitles {
    AxisTitles { x, y }
}

/// Axis titles several charts share.
const FINANCIAL_YEAR: &str = "Financial year";
const NPC_M: &str = "Net present cost (£m, start-year prices)";
const SHARE_OF_FUTURES: &str = "Share of futures (%)";

impl ChartKind {
    /// The titles of the chart's axes. The workforce chart has two plots one above the other:
    /// these are the upper one's, [`Self::lower_axis_titles`] the lower one's.
    pub fn axis_titles(self) -> AxisTitles {
        match self {
            ChartKind::AnnualCost => axes(FINANCIAL_YEAR, "Cost a year (£m, nominal)"),
            ChartKind::NpcDistribution => axes(NPC_M, SHARE_OF_FUTURES),
            ChartKind::SCurve => axes(NPC_M, "Futures at or below (%)"),
            ChartKind::Difference => axes(
                "NPC minus baseline NPC (£m, start-year prices)",
                SHARE_OF_FUTURES,
            ),
            ChartKind::Quality => axes(FINANCIAL_YEAR, "Quality index (points, 0–100)"),
            ChartKind::Workforce => axes("", "Permanent (FTE)"),
            ChartKind::CostBreakdown => axes("Mean nominal cost over the horizon (£m)", ""),
            ChartKind::Tornado => axes("Rank correlation (Spearman ρ)", ""),
            ChartKind::CostQuality => axes(
                "NPC minus baseline NPC (£m, start-year prices)",
                "Mean quality minus the baseline's (points)",
            ),
            ChartKind::BudgetRisk => axes("", "£m a year, nominal"),
        }
    }

    /// The lower plot's axis titles, for a chart of two plots (the workforce chart).
    pub fn lower_axis_titles(self) -> Option<AxisTitles> {
        match self {
            ChartKind::Workforce => Some(axes(FINANCIAL_YEAR, "Agency / uncovered (FTE)")),
            ChartKind::BudgetRisk => Some(axes(FINANCIAL_YEAR, "To council (£m)")),
            _ => None,
        }
    }

    /// The chart's title; the difference chart names the baseline.
    pub fn title(self, results: &RunResults) -> String {
        match self {
            ChartKind::AnnualCost => "Annual cost".to_string(),
            ChartKind::NpcDistribution => "Net present cost: distribution".to_string(),
            ChartKind::SCurve => "Net present cost: S-curve".to_string(),
            ChartKind::Difference => {
                format!("Difference from the baseline ({})", results.baseline_option)
            }
            ChartKind::Quality => "Quality".to_string(),
            ChartKind::Workforce => "Social-work workforce".to_string(),
            ChartKind::CostBreakdown => "Cost breakdown".to_string(),
            ChartKind::Tornado => "Sensitivity: what drives the result".to_string(),
            ChartKind::CostQuality => {
                format!("Cost and quality against {}", results.baseline_option)
            }
            ChartKind::BudgetRisk => {
                "Budget risk: the contract against the provider's cost".to_string()
            }
        }
    }

    /// One line under the title saying how to read the chart. `tornado_baseline` is true when the
    /// tornado shows the baseline itself (correlation with NPC rather than with the difference).
    pub fn subtitle(self, results: &RunResults, tornado_baseline: bool) -> String {
        match self {
            ChartKind::AnnualCost => "Nominal cost each financial year, £m: line = median, band = \
                                      P10–P90 of simulated futures."
                .to_string(),
            ChartKind::NpcDistribution => "Share of simulated futures in each £m band; dotted = \
                                           P10 and P90, dashed = median (P50)."
                .to_string(),
            ChartKind::SCurve => "Share of simulated futures in which the NPC is at or below \
                                  each amount (read P80 at 80%)."
                .to_string(),
            ChartKind::Difference => "NPC minus the baseline's in the same future, £m: left of \
                                      zero = cheaper than the baseline."
                .to_string(),
            ChartKind::Quality => "Quality index each year (0–100): line = median, band = \
                                   P10–P90; dashed = at-risk threshold."
                .to_string(),
            ChartKind::Workforce => "Mean FTE each year. Top: permanent social workers. Bottom: \
                                     agency staff (dashed) and vacancies left uncovered (dotted)."
                .to_string(),
            ChartKind::CostBreakdown => {
                let last = results.start_year + results.horizon_years as i32 - 1;
                format!(
                    "Mean nominal cost, £m, summed over {} to {}, by kind of cost.",
                    financial_year(results.start_year),
                    financial_year(last)
                )
            }
            ChartKind::Tornado => if tornado_baseline {
                "Rank correlation of each uncertain input with the option's NPC (top 10)."
            } else {
                "Rank correlation of each uncertain input with the NPC difference from the \
                 baseline (top 10)."
            }
            .to_string(),
            ChartKind::CostQuality => format!(
                "One dot per simulated future (up to {} per option): the option's NPC and mean \
                 quality minus the baseline's in the same future. Top left: cheaper and better.",
                thousands(SCATTER_POINTS as u64)
            ),
            ChartKind::BudgetRisk => "Each outsourced option, £m a year: band = P10–P90 of the \
                                      provider's cost, solid = its median, dashed = median \
                                      contract sum. Below: mean overspend borne by the council \
                                      (after the settlement lag)."
                .to_string(),
        }
    }

    /// The file name of an exported chart, without extension: `annual-cost`.
    pub fn file_stem(self) -> &'static str {
        match self {
            ChartKind::AnnualCost => "annual-cost",
            ChartKind::NpcDistribution => "npc-distribution",
            ChartKind::SCurve => "npc-s-curve",
            ChartKind::Difference => "difference-from-baseline",
            ChartKind::Quality => "quality",
            ChartKind::Workforce => "workforce",
            ChartKind::CostBreakdown => "cost-breakdown",
            ChartKind::Tornado => "sensitivity",
            ChartKind::CostQuality => "cost-vs-quality",
            ChartKind::BudgetRisk => "budget-risk",
        }
    }
}

/// Cost lines grouped as a finance officer reads a budget.
pub const COST_GROUPS: [(&str, &[CostLine]); 7] = [
    ("Permanent social workers", &[CostLine::Permanent]),
    ("Agency social workers", &[CostLine::Agency]),
    (
        "Managers and support staff",
        &[CostLine::Managers, CostLine::Support],
    ),
    ("Placements", &[CostLine::Placements]),
    (
        "Recruitment, non-pay, overheads and VAT",
        &[
            CostLine::Recruitment,
            CostLine::NonPay,
            CostLine::Overhead,
            CostLine::Vat,
        ],
    ),
    (
        "Governance and client side",
        &[CostLine::Governance, CostLine::ClientSide],
    ),
    (
        "Set-up, stranded, re-procurement and failure",
        &[
            CostLine::Setup,
            CostLine::Stranded,
            CostLine::Reprocurement,
            CostLine::Failure,
        ],
    ),
];

/// The group that holds, for a whole-budget run, everything beyond the cost lines: the budget
/// blocks (leaving care, early help, youth justice…) and what the contract settles.
pub const BLOCKS_GROUP: &str = "Other budget blocks and contract settlements";

/// The names of the cost groups of `results`: [`COST_GROUPS`], then [`BLOCKS_GROUP`] for a
/// whole-budget run, in the order of [`cost_group_totals`].
pub fn cost_group_names(results: &RunResults) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = COST_GROUPS.iter().map(|(name, _)| *name).collect();
    if results.scope.is_some() {
        names.push(BLOCKS_GROUP);
    }
    names
}

/// `totals[g][i]`: mean nominal cost of group `g` of [`cost_group_names`] for option `i`, summed
/// over the horizon, £m. For a whole-budget run the last group is the cost beyond the lines, so
/// the groups add up to the option's whole cost.
pub fn cost_group_totals(results: &RunResults) -> Vec<Vec<f64>> {
    let mut totals: Vec<Vec<f64>> = COST_GROUPS
        .iter()
        .map(|(_, lines)| {
            results
                .options
                .iter()
                .map(|o| {
                    o.years
                        .iter()
                        .map(|y| lines.iter().map(|l| y.lines.get(*l)).sum::<f64>())
                        .sum::<f64>()
                        / 1e6
                })
                .collect()
        })
        .collect();
    if results.scope.is_some() {
        totals.push(
            results
                .options
                .iter()
                .map(|o| {
                    o.years
                        .iter()
                        .map(|y| y.cost_mean - y.lines.0.iter().sum::<f64>())
                        .sum::<f64>()
                        / 1e6
                })
                .collect(),
        );
    }
    totals
}

/// Each option's total of [`cost_group_totals`] over the groups, £m: the length of its bar.
pub fn cost_grand_totals(totals: &[Vec<f64>], options: usize) -> Vec<f64> {
    (0..options)
        .map(|i| {
            totals
                .iter()
                .map(|g| g.get(i).copied().unwrap_or(0.0))
                .sum()
        })
        .collect()
}

/// Inputs shown on the sensitivity tornado.
pub const TORNADO_TOP: usize = 10;

/// The option the tornado shows: the one picked (by name), else the first that is not the
/// baseline, else the first.
pub fn tornado_option(results: &RunResults, picked: Option<&str>) -> usize {
    picked
        .and_then(|name| results.options.iter().position(|o| o.name == name))
        .or_else(|| {
            results
                .options
                .iter()
                .position(|o| o.name != results.baseline_option)
        })
        .unwrap_or(0)
}

/// The inputs that move `option`'s result most, by path, with their rank correlation, biggest
/// first: for the baseline the correlation with its NPC, for any other option with its difference
/// from the baseline.
pub fn key_inputs(option: &OptionResult, is_baseline: bool, count: usize) -> Vec<(String, f64)> {
    let metric = |s: &Sensitivity| {
        if is_baseline {
            s.npc
        } else {
            s.npc_vs_baseline
        }
    };
    let mut entries: Vec<(String, f64)> = option
        .sensitivity
        .iter()
        .map(|s| (s.input.clone(), metric(s)))
        .filter(|(_, v)| v.is_finite())
        .collect();
    entries.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    entries.truncate(count);
    entries
}

/// The tornado's bars for `option`: the [`TORNADO_TOP`] [`key_inputs`], named in people's words.
pub fn tornado_entries(option: &OptionResult, is_baseline: bool) -> Vec<(String, f64)> {
    key_inputs(option, is_baseline, TORNADO_TOP)
        .into_iter()
        .map(|(path, rho)| (input_title(&path), rho))
        .collect()
}

/// One bar of the tornado in pounds: the option's mean difference from the baseline, £m NPC,
/// with the input held at its P10 and at its P90.
#[derive(Debug, Clone, PartialEq)]
pub struct SwingBar {
    /// The input in people's words.
    pub title: String,
    pub at_p10_m: f64,
    pub at_p90_m: f64,
}

impl SwingBar {
    /// P90 minus P10, £m: positive when a higher input makes the option dearer.
    pub fn swing_m(&self) -> f64 {
        self.at_p90_m - self.at_p10_m
    }
}

/// The tornado in pounds for `option`: its [`TORNADO_TOP`] largest swings, biggest first;
/// empty when the run has no swings (not worked out, or the baseline).
pub fn swing_bars(results: &RunResults, option: &str) -> Vec<SwingBar> {
    let Some(swings) = results.swings.as_ref() else {
        return Vec::new();
    };
    let mut bars: Vec<SwingBar> = swings
        .iter()
        .filter(|s| s.option == option && s.swing().is_finite())
        .map(|s| SwingBar {
            title: input_title(&s.input),
            at_p10_m: s.at_p10 / 1e6,
            at_p90_m: s.at_p90 / 1e6,
        })
        .collect();
    bars.sort_by(|a, b| b.swing_m().abs().total_cmp(&a.swing_m().abs()));
    bars.truncate(TORNADO_TOP);
    bars
}

/// The x-axis title of the tornado in pounds.
pub const SWING_AXIS: &str =
    "Mean NPC difference from the baseline (£m): input at its P10 to its P90";

/// How to read the tornado in pounds.
pub fn swing_subtitle(baseline: &str) -> String {
    format!(
        "Mean NPC difference from {baseline}, £m, with each input held at its P10 and at its P90 \
         (everything else drawn as usual); line = the run's mean difference. Top 10 swings."
    )
}

/// The tallest bar of any of `hists`, as a percentage of futures (0 when there are none).
pub fn tallest_percent<'a>(hists: impl IntoIterator<Item = &'a Histogram>) -> f64 {
    hists
        .into_iter()
        .map(Histogram::tallest_percent)
        .fold(0.0, f64::max)
}

/// Bounds of the finite values of a scatter, zero included on both axes so that the lines of
/// no difference are on the chart: `(x_lo, x_hi, y_lo, y_hi)`.
pub fn scatter_bounds(data: &ChartData) -> (f64, f64, f64, f64) {
    let mut b = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for [x, y] in data.options.iter().flat_map(|d| d.scatter.iter()) {
        if x.is_finite() && y.is_finite() {
            b = (b.0.min(*x), b.1.max(*x), b.2.min(*y), b.3.max(*y));
        }
    }
    // Zero on both axes, where there is anything to draw.
    if b.0.is_finite() {
        b = (b.0.min(0.0), b.1.max(0.0), b.2.min(0.0), b.3.max(0.0));
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_shares_sum_to_one_and_cover_the_range() {
        let values: Vec<f64> = (0..1000).map(|i| i as f64 / 10.0).collect();
        let h = Histogram::new(&values, 0.0, 99.9, 10);
        assert_eq!(h.shares.len(), 10);
        assert!((h.shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((h.shares[0] - 0.1).abs() < 1e-12);
        // The maximum lands in the last bin, not past it.
        assert!((h.shares[9] - 0.1).abs() < 1e-12);
    }

    #[test]
    fn no_finite_values_give_an_empty_histogram() {
        let h = Histogram::new(&[f64::NAN], f64::INFINITY, f64::NEG_INFINITY, 40);
        assert!(h.shares.is_empty());
        assert_eq!(h.tallest_percent(), 0.0);
    }

    #[test]
    fn a_fixed_scenario_gives_one_bin() {
        let h = Histogram::new(&[5.0, 5.0, 5.0], 5.0, 5.0, 40);
        assert_eq!(h.shares, vec![1.0]);
        assert!(h.start < 5.0 && h.start + h.width > 5.0);
    }
}
