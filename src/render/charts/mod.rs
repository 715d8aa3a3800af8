//! The exported charts, one file per chart as in the window (`app/charts`), drawn from the
//! same numbers ([`crate::present::chart_data`]) in the same option colours; here the parts they
//! share: axes and grid in the house style, padding, ticks, fans and dashed lines.

mod budget_risk;
mod cost_breakdown;
mod cost_quality_scatter;
mod difference;
mod fan_chart;
mod npc_distribution;
mod quality_fan;
mod s_curve;
mod tornado;
mod workforce;

use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::model::YearResult;
use crate::present::chart_data::ChartKind;
use crate::present::colours::{Rgb, option_colour};
use crate::present::financial_year;

use crate::render::ChartSource;
use crate::render::frame::{
    AXIS_TITLE, Area, DrawError, Drawn, GRID, INK, LegendEntry, Mark, Scale, TICK, colour, frame,
};

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws `kind` on `root`.
pub fn draw<DB: DrawingBackend>(
    root: Area<DB>,
    kind: ChartKind,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    match kind {
        ChartKind::AnnualCost => fan_chart::annual_cost(&root, src)?,
        ChartKind::NpcDistribution => npc_distribution::npc_distribution(&root, src)?,
        ChartKind::SCurve => s_curve::s_curve(&root, src)?,
        ChartKind::Difference => difference::difference(&root, src)?,
        ChartKind::Quality => quality_fan::quality(&root, src)?,
        ChartKind::Workforce => workforce::workforce(&root, src)?,
        ChartKind::CostBreakdown => cost_breakdown::cost_breakdown(&root, src)?,
        ChartKind::Tornado => tornado::tornado(&root, src)?,
        ChartKind::CostQuality => cost_quality_scatter::cost_quality(&root, src)?,
        ChartKind::BudgetRisk => budget_risk::budget_risk(&root, src)?,
    }
    root.present().drawn()
}

fn option_legend(src: &ChartSource<'_>, mark: Mark) -> Vec<LegendEntry> {
    src.results
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| LegendEntry::new(o.name.clone(), option_colour(i), mark))
        .collect()
}

fn framed<DB: DrawingBackend>(
    root: &Area<DB>,
    kind: ChartKind,
    src: &ChartSource<'_>,
    legend: &[LegendEntry],
) -> Result<Area<DB>, DrawError> {
    frame(
        root,
        &kind.title(src.results),
        &kind.subtitle(src.results, false),
        legend,
        &src.stamp.line(),
    )
}

/// `[lo, hi]` widened by `share` of its span on each side; a single value gets a span of its own.
/// The top of a histogram chart's share axis: 12% above the tallest bar, or 1 with no bars.
fn histogram_top<'a>(
    hists: impl IntoIterator<Item = &'a crate::present::chart_data::Histogram>,
) -> f64 {
    let top = crate::present::chart_data::tallest_percent(hists) * 1.12;
    if top > 0.0 { top } else { 1.0 }
}

fn padded(lo: f64, hi: f64, share: f64) -> (f64, f64) {
    if !(lo.is_finite() && hi.is_finite()) {
        return (0.0, 1.0);
    }
    let span = if hi > lo {
        hi - lo
    } else {
        (lo.abs() * 0.02).max(1.0)
    };
    (lo - span * share, hi + span * share)
}

fn bounds(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}

/// £m tick labels: whole millions unless the axis spans less than about £8m.
fn money_ticks(span_m: f64) -> impl Fn(&f64) -> String {
    let step = span_m / 8.0;
    move |v: &f64| crate::present::format::gbp_m_tick(*v, step)
}

fn percent_ticks(v: &f64) -> String {
    format!("{v:.0}%")
}

fn year_tick(v: &f64) -> String {
    if (v - v.round()).abs() < 1e-6 {
        financial_year(v.round() as i32)
    } else {
        String::new()
    }
}

/// The x range of a by-year chart and how many ticks to ask for: plotters puts them on round
/// steps, so on every year while at most twelve fit.
fn years(src: &ChartSource<'_>) -> (std::ops::Range<f64>, usize) {
    let first = src.results.start_year;
    let last = first + src.results.horizon_years.max(1) as i32 - 1;
    let count = ((last - first + 1) as usize).min(12);
    (f64::from(first) - 0.3..f64::from(last) + 0.3, count)
}

/// Axes, grid and tick labels in the house style.
fn mesh<DB, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    s: Scale,
    x_title: &str,
    y_title: &str,
    (x_ticks, x_count): (&dyn Fn(&f64) -> String, usize),
    (y_ticks, y_count): (&dyn Fn(&f64) -> String, usize),
) -> Result<(), DrawError>
where
    DB: DrawingBackend,
    X: Ranged<ValueType = f64> + ValueFormatter<f64>,
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .x_desc(x_title)
        .y_desc(y_title)
        .x_labels(x_count)
        .y_labels(y_count)
        .x_label_formatter(x_ticks)
        .y_label_formatter(y_ticks)
        .label_style(s.font(TICK))
        .axis_desc_style(s.font(AXIS_TITLE))
        .bold_line_style(GRID.stroke_width(s.stroke(1.5)))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(s.stroke(2.0)))
        .set_all_tick_mark_size(s.px(8.0))
        .draw()
        .drawn()
}

fn builder<'a, 'b, DB: DrawingBackend>(
    area: &'a Area<DB>,
    s: Scale,
    y_label_width: i32,
) -> ChartBuilder<'a, 'b, DB> {
    let mut b = ChartBuilder::on(area);
    b.margin_right(s.px(36.0))
        .margin_top(s.px(12.0))
        .x_label_area_size(s.px(96.0))
        .y_label_area_size(y_label_width);
    b
}

fn line_style(c: Rgb, s: Scale, width: f64) -> ShapeStyle {
    colour(c).stroke_width(s.stroke(width))
}

/// A line at x from `y0` to `y1`, solid, dashed or dotted.
fn vline<DB: DrawingBackend>(
    chart: &mut Chart<'_, DB>,
    x: f64,
    (y0, y1): (f64, f64),
    style: ShapeStyle,
    mark: Mark,
    s: Scale,
) -> Result<(), DrawError> {
    styled_line(chart, vec![(x, y0), (x, y1)], style, mark, s)
}

fn styled_line<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    points: Vec<(f64, f64)>,
    style: ShapeStyle,
    mark: Mark,
    s: Scale,
) -> Result<(), DrawError>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    match mark {
        Mark::Dashed => chart
            .draw_series(DashedLineSeries::new(points, s.px(16.0), s.px(9.0), style))
            .map(|_| ())
            .drawn(),
        Mark::Dotted => chart
            .draw_series(DashedLineSeries::new(points, s.px(4.0), s.px(8.0), style))
            .map(|_| ())
            .drawn(),
        _ => chart
            .draw_series(LineSeries::new(points, style))
            .map(|_| ())
            .drawn(),
    }
}

/// A message where a chart has nothing to draw.
fn nothing_to_draw<DB: DrawingBackend>(plot: &Area<DB>, text: &str) -> Result<(), DrawError> {
    let s = Scale::of(plot);
    let (w, h) = plot.dim_in_pixel();
    plot.draw_text(
        text,
        &s.font(AXIS_TITLE).pos(Pos::new(HPos::Center, VPos::Center)),
        (w as i32 / 2, h as i32 / 2),
    )
    .drawn()
}

/// One option's fan: the P10–P90 band with thin edges and the median line, per financial year.
fn fan<DB: DrawingBackend, X: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, RangedCoordf64>>,
    c: Rgb,
    years: &[YearResult],
    pick: impl Fn(&YearResult) -> (f64, f64, f64),
    s: Scale,
) -> Result<(), DrawError> {
    let x = |y: &YearResult| f64::from(y.year);
    let mut band: Vec<(f64, f64)> = years.iter().map(|y| (x(y), pick(y).2)).collect();
    band.extend(years.iter().rev().map(|y| (x(y), pick(y).0)));
    let rgb = colour(c);
    chart
        .draw_series(std::iter::once(Polygon::new(band, rgb.mix(0.15).filled())))
        .drawn()?;
    for edge in [
        years.iter().map(|y| (x(y), pick(y).0)).collect::<Vec<_>>(),
        years.iter().map(|y| (x(y), pick(y).2)).collect(),
    ] {
        chart
            .draw_series(LineSeries::new(
                edge,
                rgb.mix(0.7).stroke_width(s.stroke(1.5)),
            ))
            .drawn()?;
    }
    chart
        .draw_series(LineSeries::new(
            years.iter().map(|y| (x(y), pick(y).1)),
            line_style(c, s, 5.0),
        ))
        .drawn()?;
    Ok(())
}

/// Width in pixels of the widest of `labels` at tick size, plus room for the ticks.
fn label_width<DB: DrawingBackend>(
    area: &Area<DB>,
    labels: &[String],
    s: Scale,
) -> Result<i32, DrawError> {
    let style = s.font(TICK);
    let mut widest = 0;
    for l in labels {
        widest = widest.max(area.estimate_text_size(l, &style).drawn()?.0 as i32);
    }
    let (w, _) = area.dim_in_pixel();
    Ok((widest + s.px(30.0)).min(w as i32 * 45 / 100))
}

/// Tick labels at whole positions of a categorical axis: position `k` shows `names[n − 1 − k]`
/// (the first name on top).
fn category_ticks(names: Vec<String>) -> impl Fn(&f64) -> String {
    move |v: &f64| {
        let k = v.round();
        if (v - k).abs() > 1e-6 || k < 0.0 {
            return String::new();
        }
        names
            .len()
            .checked_sub(1 + k as usize)
            .and_then(|i| names.get(i))
            .cloned()
            .unwrap_or_default()
    }
}
