//! The charts of a run, one file per chart. [`ChartData`] is derived once per result on the worker
//! thread (histograms, sorted curves, thinned scatter points); drawing only reads it and the
//! run's per-year figures, never the raw samples.
//!
//! Money on every axis is £m; years are financial years (2026/27); each option keeps its colour
//! from [`super::palette`].

pub mod cost_breakdown;
pub mod cost_quality_scatter;
pub mod difference;
pub mod fan_chart;
pub mod npc_distribution;
pub mod quality_fan;
pub mod s_curve;
pub mod tornado;
pub mod workforce;

use std::ops::RangeInclusive;

use egui::{RichText, Ui};
use egui_plot::{ColorConflictHandling, Corner, GridMark, Legend, Plot};

use crate::app::palette;
use crate::model::RunResults;
use crate::model::results::percentile_of_sorted;
use crate::present::financial_year;

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
    /// (NPC £m, mean quality) of up to [`SCATTER_POINTS`] iterations.
    pub scatter: Vec<[f64; 2]>,
}

/// Everything the charts draw beyond the per-year figures, computed once per result.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub options: Vec<OptionCharts>,
    /// Median NPC (£m) and median mean quality of the baseline: the scatter's quadrant lines.
    pub baseline_medians: Option<[f64; 2]>,
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
                let scatter = npc
                    .iter()
                    .zip(&o.samples.mean_quality)
                    .take(SCATTER_POINTS)
                    .map(|(c, q)| [*c, *q])
                    .collect();
                OptionCharts {
                    npc: Histogram::new(npc, lo, hi, HISTOGRAM_BINS),
                    s_curve,
                    difference,
                    scatter,
                }
            })
            .collect();
        let baseline_medians = base.and_then(|b| {
            let o = results.options.get(b)?;
            let mut quality = o.samples.mean_quality.clone();
            quality.sort_unstable_by(f64::total_cmp);
            (!quality.is_empty()).then(|| [o.npc.p50 / 1e6, percentile_of_sorted(&quality, 0.5)])
        });
        ChartData {
            options,
            baseline_medians,
        }
    }
}

/// Which charts to show and how.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartsState {
    /// One chart at a time, filling the panel, instead of the grid.
    pub single: Option<ChartKind>,
    /// The option whose sensitivity the tornado shows (by name).
    pub tornado_option: Option<String>,
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
}

impl ChartKind {
    pub const ALL: [ChartKind; 9] = [
        ChartKind::AnnualCost,
        ChartKind::NpcDistribution,
        ChartKind::SCurve,
        ChartKind::Difference,
        ChartKind::Quality,
        ChartKind::Workforce,
        ChartKind::CostBreakdown,
        ChartKind::Tornado,
        ChartKind::CostQuality,
    ];

    /// Short name for the chart picker.
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
        }
    }
}

/// What a chart draws from.
pub struct ChartInput<'a> {
    pub results: &'a RunResults,
    pub data: &'a ChartData,
    pub threshold: f64,
}

/// The chart picker: every chart in a grid, or one at a time.
pub fn chart_picker_ui(ui: &mut Ui, state: &mut ChartsState) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Charts:").strong());
        if ui
            .selectable_label(state.single.is_none(), "All")
            .on_hover_text("Every chart in a grid.")
            .clicked()
        {
            state.single = None;
        }
        for kind in ChartKind::ALL {
            if ui
                .selectable_label(state.single == Some(kind), kind.tab())
                .on_hover_text("Show this chart alone, as large as the panel.")
                .clicked()
            {
                state.single = Some(kind);
            }
        }
    });
}

/// The charts, inside the results panel's scroll area. `view_height` is the height of the
/// panel, so one chart shown alone fills it.
pub fn charts_ui(ui: &mut Ui, input: &ChartInput<'_>, state: &mut ChartsState, view_height: f32) {
    match state.single {
        Some(kind) => {
            let height = (view_height - 90.0).max(300.0);
            chart(ui, kind, input, state, height);
        }
        None => {
            let columns = if ui.available_width() > 900.0 { 2 } else { 1 };
            let height = 320.0;
            for row in ChartKind::ALL.chunks(columns) {
                ui.columns(columns, |cols| {
                    for (col, kind) in cols.iter_mut().zip(row) {
                        chart(col, *kind, input, state, height);
                    }
                });
                ui.add_space(14.0);
            }
        }
    }
}

fn chart(
    ui: &mut Ui,
    kind: ChartKind,
    input: &ChartInput<'_>,
    state: &mut ChartsState,
    height: f32,
) {
    ui.push_id(kind.tab(), |ui| match kind {
        ChartKind::AnnualCost => fan_chart::fan_chart_ui(ui, input, height),
        ChartKind::NpcDistribution => npc_distribution::npc_distribution_ui(ui, input, height),
        ChartKind::SCurve => s_curve::s_curve_ui(ui, input, height),
        ChartKind::Difference => difference::difference_ui(ui, input, height),
        ChartKind::Quality => quality_fan::quality_fan_ui(ui, input, height),
        ChartKind::Workforce => workforce::workforce_ui(ui, input, height),
        ChartKind::CostBreakdown => cost_breakdown::cost_breakdown_ui(ui, input, height),
        ChartKind::Tornado => tornado::tornado_ui(ui, input, state, height),
        ChartKind::CostQuality => {
            cost_quality_scatter::cost_quality_scatter_ui(ui, input, height);
        }
    });
}

/// Title and one line saying how to read the chart.
pub fn chart_heading(ui: &mut Ui, title: &str, subtitle: &str) {
    ui.label(RichText::new(title).strong().size(15.0));
    ui.label(RichText::new(subtitle).weak().size(12.5));
}

/// A plot with the house settings and a legend at the top left.
pub fn base_plot<'a>(id: &str, height: f32) -> Plot<'a> {
    plain_plot(id, height).legend(legend(Corner::LeftTop))
}

/// A plot with the house settings and no legend: no zoom or drag (the page scrolls instead),
/// round grid steps, and room for the axes.
pub fn plain_plot<'a>(id: &str, height: f32) -> Plot<'a> {
    Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_crosshair(false)
        .y_axis_min_width(56.0)
        .x_grid_spacer(x_steps)
        .y_grid_spacer(y_steps)
}

/// The house legend: entries in the order drawn (options in scenario order), over a
/// half-opaque background.
pub fn legend(corner: Corner) -> Legend {
    Legend::default()
        .position(corner)
        .background_alpha(0.85)
        .follow_insertion_order(true)
        // A band and its median line share a name: the entry takes the line's colour.
        .color_conflict_handling(ColorConflictHandling::PickFirst)
}

/// `£612m` on an axis; one decimal when the grid steps are finer than £1m.
pub fn gbp_m_axis(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    gbp_m_tick(mark.value, mark.step_size)
}

pub fn gbp_m_tick(value_m: f64, step_m: f64) -> String {
    let sign = if value_m < -1e-9 { "−" } else { "" };
    let a = value_m.abs();
    if step_m >= 1.0 || a == 0.0 {
        format!("{sign}£{a:.0}m")
    } else {
        format!("{sign}£{a:.1}m")
    }
}

/// `£12.3m`, signed when asked.
pub fn gbp_m_value(value_m: f64) -> String {
    crate::present::gbp_m(value_m * 1e6)
}

/// Financial-year labels on whole years only.
pub fn year_axis(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let v = mark.value;
    if (v - v.round()).abs() < 1e-6 {
        financial_year(v.round() as i32)
    } else {
        String::new()
    }
}

/// Grid marks on whole years: every year when there is room for the labels, else every 2, 5 or 10.
pub fn year_spacer(input: egui_plot::GridInput) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    // `base_step_size` is the span of 8 points; a "2026/27" label needs about 80.
    let needed = input.base_step_size * 10.0;
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|s| *s >= needed)
        .unwrap_or(10.0);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// Grid marks at round steps (1, 2 or 5 × a power of ten) far enough apart for their labels:
/// `£600m, £700m, £800m` rather than egui_plot's powers of ten (`£500m, £1000m`).
fn round_steps(input: egui_plot::GridInput, min_points: f64) -> Vec<GridMark> {
    let (lo, hi) = input.bounds;
    // `base_step_size` is the span of 8 points.
    let min_step = input.base_step_size * min_points / 8.0;
    if !(min_step.is_finite() && min_step > 0.0 && lo.is_finite() && hi.is_finite()) {
        return Vec::new();
    }
    let magnitude = 10f64.powf(min_step.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= min_step)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    // A degenerate range cannot ask for millions of marks.
    if last - first > 1_000 {
        return Vec::new();
    }
    (first..=last)
        .map(|k| GridMark {
            value: k as f64 * step,
            step_size: step,
        })
        .collect()
}

/// Round steps on a horizontal axis: 80 points apart, where egui_plot shows labels in full.
pub fn x_steps(input: egui_plot::GridInput) -> Vec<GridMark> {
    round_steps(input, 80.0)
}

/// Round steps on a vertical axis: 40 points apart.
pub fn y_steps(input: egui_plot::GridInput) -> Vec<GridMark> {
    round_steps(input, 40.0)
}

/// `12%` on a share axis.
pub fn percent_axis(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    if mark.step_size >= 1.0 {
        format!("{:.0}%", mark.value)
    } else {
        format!("{:.1}%", mark.value)
    }
}

/// The financial year of a fractional x position (the nearest whole year).
pub fn year_of(x: f64) -> String {
    financial_year(x.round() as i32)
}

/// Hover text for a plot: near a data point, the series' name over `describe(point)`; nothing
/// elsewhere.
pub fn near_point<'a>(
    describe: impl Fn(egui_plot::PlotPoint) -> String + 'a,
) -> impl Fn(&egui_plot::HoverPosition<'_>) -> Option<String> + 'a {
    move |pos| match pos {
        egui_plot::HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => Some(format!("{plot_name}\n{}", describe(*position))),
        egui_plot::HoverPosition::Elsewhere { .. } => None,
    }
}

/// One option's fan: the P10–P90 band with thin edges and the median line, per financial year.
/// `pick` gives (P10, P50, P90) of a year in the chart's unit.
pub fn fan(
    plot: &mut egui_plot::PlotUi<'_>,
    name: &str,
    colour: egui::Color32,
    years: &[crate::model::YearResult],
    pick: impl Fn(&crate::model::YearResult) -> (f64, f64, f64),
) {
    use egui_plot::{FilledArea, Line, PlotPoints};
    let xs: Vec<f64> = years.iter().map(|y| f64::from(y.year)).collect();
    let p10: Vec<f64> = years.iter().map(|y| pick(y).0).collect();
    let p90: Vec<f64> = years.iter().map(|y| pick(y).2).collect();
    let median: Vec<[f64; 2]> = years
        .iter()
        .map(|y| [f64::from(y.year), pick(y).1])
        .collect();
    plot.line(
        Line::new(name, PlotPoints::from(median))
            .color(colour)
            .width(2.0),
    );
    plot.add(FilledArea::new(name, &xs, &p10, &p90).fill_color(palette::translucent(colour, 0.12)));
    // Thin edges keep each band readable where bands overlap.
    for edge in [&p10, &p90] {
        let points: Vec<[f64; 2]> = xs.iter().zip(edge.iter()).map(|(x, y)| [*x, *y]).collect();
        plot.line(
            Line::new(name, PlotPoints::from(points))
                .color(palette::translucent(colour, 0.7))
                .width(1.0),
        );
    }
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

    #[test]
    fn round_steps_are_one_two_or_five() {
        let input = egui_plot::GridInput {
            bounds: (430.0, 870.0),
            // 8 points = £5m: labels 80 points apart need £50m steps.
            base_step_size: 5.0,
        };
        let marks = round_steps(input, 80.0);
        assert_eq!(marks.first().map(|m| m.value), Some(450.0));
        assert!(marks.iter().all(|m| m.step_size == 50.0));
        assert_eq!(marks.len(), 9);
    }

    #[test]
    fn axis_labels_read_as_money_and_years() {
        assert_eq!(gbp_m_tick(600.0, 20.0), "£600m");
        assert_eq!(gbp_m_tick(-2.5, 0.5), "−£2.5m");
        assert_eq!(year_of(2026.4), "2026/27");
    }
}
