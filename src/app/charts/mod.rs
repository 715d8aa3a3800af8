//! The charts of a run in the window, one file per chart. [`ChartData`] (in
//! [`crate::present::chart_data`], shared with the exported charts) is derived once per result on
//! the worker thread; drawing only reads it and the run's per-year figures, never the raw samples.
//!
//! Money on every axis is £m; years are financial years (2026/27); each option keeps its colour
//! from [`super::palette`].

pub mod budget_risk;
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
use crate::present::financial_year;

pub use crate::present::chart_data::{
    AxisTitles, ChartData, ChartKind, HISTOGRAM_BINS, Histogram, OptionCharts, SCATTER_POINTS,
};
pub use crate::present::format::gbp_m_tick;

/// Which charts to show and how.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartsState {
    /// One chart at a time, filling the panel, instead of the grid.
    pub single: Option<ChartKind>,
    /// The option whose sensitivity the tornado shows (by name).
    pub tornado_option: Option<String>,
    /// The tornado in rank correlations instead of its default, the swing in £m.
    pub tornado_in_rank: bool,
    /// Drawn on a presentation slide: no Export menus.
    pub presenting: bool,
    /// What a chart's Export menu asked for this frame, for the panel to send on.
    pub requested: Option<crate::app::command::Command>,
    /// Each chart drawn in the last frame and where, heading and axes included.
    pub drawn: Vec<(ChartKind, egui::Rect)>,
    /// The part of the results panel on screen in the last frame.
    pub viewport: Option<egui::Rect>,
}

/// The shortest a chart gets, heading and axes included, however little room there is.
pub const MIN_CHART_HEIGHT: f32 = 200.0;
/// The tallest a chart in the grid gets: taller charts read no better.
const MAX_GRID_CHART_HEIGHT: f32 = 440.0;
/// Room for a chart's title and sentence before the first frame has measured it.
const HEADING_GUESS: f32 = 48.0;

/// What a chart draws from.
pub struct ChartInput<'a> {
    pub results: &'a RunResults,
    pub data: &'a ChartData,
    pub threshold: f64,
    /// The scenario run, for the units and sources of its inputs.
    pub file: &'a crate::model::ScenarioFile,
}

/// The chart picker: every chart in a grid, or one at a time; `kinds` are the charts that have
/// something to show ([`ChartKind::shown`]). One line, so the first chart starts as high as it
/// can.
pub fn chart_picker_ui(ui: &mut Ui, state: &mut ChartsState, kinds: &[ChartKind]) {
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("Charts:").strong());
        let shown = state
            .single
            .filter(|k| kinds.contains(k))
            .map_or("All, in a grid", |k| k.tab());
        egui::ComboBox::from_id_salt("chart-picker")
            .selected_text(shown)
            .width(200.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.single, None, "All, in a grid")
                    .on_hover_text("Every chart in a grid.");
                for &kind in kinds {
                    ui.selectable_value(&mut state.single, Some(kind), kind.tab())
                        .on_hover_text("Show this chart alone, as large as the panel.");
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Every chart in a grid, or one alone filling the panel.");
    });
}

/// The charts, inside the results panel's scroll area. `room` is the height left on screen below
/// the header when the panel is scrolled to the top: one chart shown alone fills it, and the
/// grid's charts take it (within bounds), so the first row is whole on screen, axes included.
pub fn charts_ui(ui: &mut Ui, input: &ChartInput<'_>, state: &mut ChartsState, room: f32) {
    state.drawn.clear();
    let kinds = ChartKind::shown(input.results);
    match state.single.filter(|k| kinds.contains(k)) {
        Some(kind) => {
            let height = room.max(MIN_CHART_HEIGHT + 40.0);
            chart(ui, kind, input, state, height);
        }
        None => {
            let columns = if ui.available_width() > 900.0 { 2 } else { 1 };
            let height = room.clamp(MIN_CHART_HEIGHT, MAX_GRID_CHART_HEIGHT);
            for row in kinds.chunks(columns) {
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

/// One chart at `height` points.
pub fn chart(
    ui: &mut Ui,
    kind: ChartKind,
    input: &ChartInput<'_>,
    state: &mut ChartsState,
    height: f32,
) {
    // `height` is the whole chart's; the plot gets what its heading leaves, as measured on the
    // last frame (headings wrap in narrow columns).
    let heading_id = ui.scope_id().with(("heading-height", kind.tab()));
    let heading = ui
        .data(|d| d.get_temp::<f32>(heading_id))
        .unwrap_or(HEADING_GUESS);
    let height = (height - heading).max(MIN_CHART_HEIGHT - HEADING_GUESS);
    let drawn = ui.push_id(kind.tab(), |ui| match kind {
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
        ChartKind::BudgetRisk => budget_risk::budget_risk_ui(ui, input, height),
    });
    let measured = (drawn.response.rect.height() - height).max(0.0);
    if (measured - heading).abs() > 0.5 {
        ui.data_mut(|d| d.insert_temp(heading_id, measured));
        ui.ctx().request_repaint();
    }
    state.drawn.push((kind, drawn.response.rect));
    if !state.presenting {
        // On the title's line, at the right: titles are short, so it covers nothing.
        let rect = drawn.response.rect;
        let size = egui::vec2(64.0, 18.0);
        let corner = egui::Rect::from_min_size(rect.right_top() - egui::vec2(size.x, 0.0), size);
        ui.put(corner, |ui: &mut Ui| {
            ui.push_id(("export", kind.tab()), |ui| {
                crate::app::panels::export_menu::chart_export_menu(ui, kind, &mut state.requested);
            })
            .response
        });
    }
}

/// Title and one line saying how to read the chart.
pub fn chart_heading(ui: &mut Ui, title: &str, subtitle: &str) {
    ui.label(RichText::new(title).strong().size(15.0));
    ui.label(RichText::new(subtitle).weak().size(12.5));
}

/// The chart's axis titles on `plot`, as the exported chart has them.
pub fn titled<'a>(plot: Plot<'a>, titles: AxisTitles) -> Plot<'a> {
    let plot = if titles.x.is_empty() {
        plot
    } else {
        plot.x_axis_label(titles.x)
    };
    if titles.y.is_empty() {
        plot
    } else {
        plot.y_axis_label(titles.y)
    }
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
