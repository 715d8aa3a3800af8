//! The nine exported charts, drawn from the same numbers as the window's charts
//! ([`crate::present::chart_data`]) in the same option colours.

use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::model::YearResult;
use crate::present::chart_data::{
    COST_GROUPS, ChartKind, cost_grand_totals, cost_group_totals, scatter_bounds, tornado_entries,
};
use crate::present::colours::{self, Rgb, option_colour};
use crate::present::{financial_year, gbp_m, percent};

use super::ChartSource;
use super::frame::{
    ANNOTATION, AXIS_TITLE, Area, GRID, INK, LegendEntry, Mark, OrText, Scale, TICK, colour, frame,
};

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws `kind` on `root`.
pub fn draw<DB: DrawingBackend>(
    root: Area<DB>,
    kind: ChartKind,
    src: &ChartSource<'_>,
) -> Result<(), String> {
    match kind {
        ChartKind::AnnualCost => annual_cost(&root, src)?,
        ChartKind::NpcDistribution => npc_distribution(&root, src)?,
        ChartKind::SCurve => s_curve(&root, src)?,
        ChartKind::Difference => difference(&root, src)?,
        ChartKind::Quality => quality(&root, src)?,
        ChartKind::Workforce => workforce(&root, src)?,
        ChartKind::CostBreakdown => cost_breakdown(&root, src)?,
        ChartKind::Tornado => tornado(&root, src)?,
        ChartKind::CostQuality => cost_quality(&root, src)?,
    }
    root.present().text()
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
) -> Result<Area<DB>, String> {
    frame(
        root,
        &kind.title(src.results),
        &kind.subtitle(src.results, false),
        legend,
        &src.stamp.line(),
    )
}

/// `[lo, hi]` widened by `share` of its span on each side; a single value gets a span of its own.
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
) -> Result<(), String>
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
        .text()
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
) -> Result<(), String> {
    styled_line(chart, vec![(x, y0), (x, y1)], style, mark, s)
}

fn styled_line<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, Y>>,
    points: Vec<(f64, f64)>,
    style: ShapeStyle,
    mark: Mark,
    s: Scale,
) -> Result<(), String>
where
    X: Ranged<ValueType = f64>,
    Y: Ranged<ValueType = f64>,
{
    match mark {
        Mark::Dashed => chart
            .draw_series(DashedLineSeries::new(points, s.px(16.0), s.px(9.0), style))
            .map(|_| ())
            .text(),
        Mark::Dotted => chart
            .draw_series(DashedLineSeries::new(points, s.px(4.0), s.px(8.0), style))
            .map(|_| ())
            .text(),
        _ => chart
            .draw_series(LineSeries::new(points, style))
            .map(|_| ())
            .text(),
    }
}

/// A message where a chart has nothing to draw.
fn nothing_to_draw<DB: DrawingBackend>(plot: &Area<DB>, text: &str) -> Result<(), String> {
    let s = Scale::of(plot);
    let (w, h) = plot.dim_in_pixel();
    plot.draw_text(
        text,
        &s.font(AXIS_TITLE).pos(Pos::new(HPos::Center, VPos::Center)),
        (w as i32 / 2, h as i32 / 2),
    )
    .text()
}

/// One option's fan: the P10–P90 band with thin edges and the median line, per financial year.
fn fan<DB: DrawingBackend, X: Ranged<ValueType = f64>>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<X, RangedCoordf64>>,
    c: Rgb,
    years: &[YearResult],
    pick: impl Fn(&YearResult) -> (f64, f64, f64),
    s: Scale,
) -> Result<(), String> {
    let x = |y: &YearResult| f64::from(y.year);
    let mut band: Vec<(f64, f64)> = years.iter().map(|y| (x(y), pick(y).2)).collect();
    band.extend(years.iter().rev().map(|y| (x(y), pick(y).0)));
    let rgb = colour(c);
    chart
        .draw_series(std::iter::once(Polygon::new(band, rgb.mix(0.15).filled())))
        .text()?;
    for edge in [
        years.iter().map(|y| (x(y), pick(y).0)).collect::<Vec<_>>(),
        years.iter().map(|y| (x(y), pick(y).2)).collect(),
    ] {
        chart
            .draw_series(LineSeries::new(
                edge,
                rgb.mix(0.7).stroke_width(s.stroke(1.5)),
            ))
            .text()?;
    }
    chart
        .draw_series(LineSeries::new(
            years.iter().map(|y| (x(y), pick(y).1)),
            line_style(c, s, 5.0),
        ))
        .text()?;
    Ok(())
}

fn annual_cost<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let plot = framed(
        root,
        ChartKind::AnnualCost,
        src,
        &option_legend(src, Mark::Band),
    )?;
    let (lo, hi) = bounds(src.results.options.iter().flat_map(|o| {
        o.years
            .iter()
            .flat_map(|y| [y.cost_p10 / 1e6, y.cost_p90 / 1e6])
    }));
    let (lo, hi) = padded(lo, hi, 0.06);
    let (xr, year_count) = years(src);
    let mut chart = builder(&plot, s, s.px(150.0))
        .build_cartesian_2d(xr, lo..hi)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Financial year",
        "Cost a year (£m, nominal)",
        (&year_tick, year_count),
        (&money_ticks(hi - lo), 8),
    )?;
    for (i, o) in src.results.options.iter().enumerate() {
        fan(
            &mut chart,
            option_colour(i),
            &o.years,
            |y| (y.cost_p10 / 1e6, y.cost_p50 / 1e6, y.cost_p90 / 1e6),
            s,
        )?;
    }
    Ok(())
}

fn npc_distribution<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), String> {
    let s = Scale::of(root);
    let mut legend = option_legend(src, Mark::Line);
    legend.push(LegendEntry::new(
        "P10 and P90",
        colours::REFERENCE,
        Mark::Dotted,
    ));
    legend.push(LegendEntry::new(
        "Median (P50)",
        colours::REFERENCE,
        Mark::Dashed,
    ));
    let plot = framed(root, ChartKind::NpcDistribution, src, &legend)?;
    let hists = src.data.options.iter().map(|d| &d.npc);
    let (lo, hi) = bounds(
        hists
            .clone()
            .flat_map(|h| [h.start, h.start + h.width * h.shares.len() as f64]),
    );
    if !lo.is_finite() {
        return nothing_to_draw(&plot, "No finite net present cost to draw.");
    }
    let (lo, hi) = padded(lo, hi, 0.03);
    let top = hists.map(|h| h.tallest_percent()).fold(0.0, f64::max) * 1.12;
    let top = if top > 0.0 { top } else { 1.0 };
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(lo..hi, 0.0..top)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Net present cost (£m, start-year prices)",
        "Share of futures (%)",
        (&money_ticks(hi - lo), 8),
        (&percent_ticks, 8),
    )?;
    for (i, (o, d)) in src
        .results
        .options
        .iter()
        .zip(&src.data.options)
        .enumerate()
    {
        let c = option_colour(i);
        chart
            .draw_series(LineSeries::new(
                d.npc.outline().into_iter().map(|[x, y]| (x, y)),
                line_style(c, s, 4.0),
            ))
            .text()?;
        for (value, mark) in [
            (o.npc.p10, Mark::Dotted),
            (o.npc.p50, Mark::Dashed),
            (o.npc.p90, Mark::Dotted),
        ] {
            vline(
                &mut chart,
                value / 1e6,
                (0.0, top),
                line_style(c, s, 3.0),
                mark,
                s,
            )?;
        }
    }
    Ok(())
}

fn s_curve<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let plot = framed(
        root,
        ChartKind::SCurve,
        src,
        &option_legend(src, Mark::Line),
    )?;
    let (lo, hi) = bounds(
        src.data
            .options
            .iter()
            .flat_map(|d| d.s_curve.iter().map(|p| p[0])),
    );
    if !lo.is_finite() {
        return nothing_to_draw(&plot, "No finite net present cost to draw.");
    }
    let (lo, hi) = padded(lo, hi, 0.03);
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(lo..hi, 0.0..100.0)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Net present cost (£m, start-year prices)",
        "Futures at or below (%)",
        (&money_ticks(hi - lo), 8),
        (&percent_ticks, 11),
    )?;
    for (i, d) in src.data.options.iter().enumerate() {
        chart
            .draw_series(LineSeries::new(
                d.s_curve.iter().map(|[x, p]| (*x, p * 100.0)),
                line_style(option_colour(i), s, 5.0),
            ))
            .text()?;
    }
    Ok(())
}

fn difference<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let shown = src.data.with_difference();
    let mut legend: Vec<LegendEntry> = shown
        .iter()
        .filter_map(|i| {
            let o = src.results.options.get(*i)?;
            Some(LegendEntry::new(
                format!("{}: cheaper in {} of futures", o.name, percent(o.p_cheaper)),
                option_colour(*i),
                Mark::Line,
            ))
        })
        .collect();
    legend.push(LegendEntry::new(
        "No difference",
        colours::REFERENCE,
        Mark::Line,
    ));
    let plot = framed(root, ChartKind::Difference, src, &legend)?;
    let hists: Vec<_> = shown
        .iter()
        .filter_map(|i| src.data.options.get(*i)?.difference.as_ref())
        .collect();
    if hists.is_empty() {
        return nothing_to_draw(
            &plot,
            "Add a second option to compare it with the baseline.",
        );
    }
    let (lo, hi) = bounds(
        hists
            .iter()
            .flat_map(|h| [h.start, h.start + h.width * h.shares.len() as f64, 0.0]),
    );
    let (lo, hi) = padded(lo, hi, 0.03);
    let top = hists
        .iter()
        .map(|h| h.tallest_percent())
        .fold(0.0, f64::max)
        * 1.12;
    let top = if top > 0.0 { top } else { 1.0 };
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(lo..hi, 0.0..top)
        .text()?;
    mesh(
        &mut chart,
        s,
        "NPC minus baseline NPC (£m, start-year prices)",
        "Share of futures (%)",
        (&money_ticks(hi - lo), 8),
        (&percent_ticks, 8),
    )?;
    vline(
        &mut chart,
        0.0,
        (0.0, top),
        line_style(colours::REFERENCE, s, 3.0),
        Mark::Line,
        s,
    )?;
    for i in &shown {
        let Some(Some(h)) = src.data.options.get(*i).map(|d| d.difference.as_ref()) else {
            continue;
        };
        chart
            .draw_series(LineSeries::new(
                h.outline().into_iter().map(|[x, y]| (x, y)),
                line_style(option_colour(*i), s, 4.0),
            ))
            .text()?;
    }
    Ok(())
}

fn quality<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let threshold = src.threshold;
    let mut legend = option_legend(src, Mark::Band);
    legend.push(LegendEntry::new(
        format!("At-risk threshold ({threshold:.0})"),
        colours::THRESHOLD,
        Mark::Dashed,
    ));
    let plot = framed(root, ChartKind::Quality, src, &legend)?;
    let (lo, hi) = bounds(
        src.results
            .options
            .iter()
            .flat_map(|o| o.years.iter().flat_map(|y| [y.quality_p10, y.quality_p90]))
            .chain([threshold]),
    );
    let (lo, hi) = padded(lo, hi, 0.08);
    let (lo, hi) = (lo.max(0.0), hi.min(100.0));
    let (xr, year_count) = years(src);
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(xr.clone(), lo..hi)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Financial year",
        "Quality index (points, 0–100)",
        (&year_tick, year_count),
        (&|v: &f64| format!("{v:.0}"), 8),
    )?;
    for (i, o) in src.results.options.iter().enumerate() {
        fan(
            &mut chart,
            option_colour(i),
            &o.years,
            |y| (y.quality_p10, y.quality_p50, y.quality_p90),
            s,
        )?;
    }
    styled_line(
        &mut chart,
        vec![(xr.start, threshold), (xr.end, threshold)],
        line_style(colours::THRESHOLD, s, 3.5),
        Mark::Dashed,
        s,
    )
}

fn workforce<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let mut legend = option_legend(src, Mark::Line);
    legend.push(LegendEntry::new("Agency", colours::REFERENCE, Mark::Dashed));
    legend.push(LegendEntry::new(
        "Vacancies uncovered",
        colours::REFERENCE,
        Mark::Dotted,
    ));
    let plot = framed(root, ChartKind::Workforce, src, &legend)?;
    let (_, h) = plot.dim_in_pixel();
    let (top_area, bottom_area) = plot.split_vertically(h as i32 * 52 / 100);
    let (xr, year_count) = years(src);
    let options = &src.results.options;
    let series = |pick: fn(&YearResult) -> f64| {
        bounds(options.iter().flat_map(|o| o.years.iter().map(pick)))
    };

    let (lo, hi) = series(|y| y.permanent_fte);
    let (lo, hi) = padded(lo, hi, 0.08);
    let mut chart = builder(&top_area, s, s.px(110.0))
        .build_cartesian_2d(xr.clone(), lo..hi)
        .text()?;
    mesh(
        &mut chart,
        s,
        "",
        "Permanent (FTE)",
        (&year_tick, year_count),
        (&|v: &f64| format!("{v:.0}"), 5),
    )?;
    for (i, o) in options.iter().enumerate() {
        chart
            .draw_series(LineSeries::new(
                o.years.iter().map(|y| (f64::from(y.year), y.permanent_fte)),
                line_style(option_colour(i), s, 5.0),
            ))
            .text()?;
    }

    let (_, a_hi) = series(|y| y.agency_fte);
    let (_, u_hi) = series(|y| y.uncovered_fte);
    let hi = a_hi.max(u_hi).max(1.0) * 1.1;
    let mut chart = builder(&bottom_area, s, s.px(110.0))
        .build_cartesian_2d(xr, 0.0..hi)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Financial year",
        "Agency / uncovered (FTE)",
        (&year_tick, year_count),
        (&|v: &f64| format!("{v:.0}"), 5),
    )?;
    for (i, o) in options.iter().enumerate() {
        let c = option_colour(i);
        for (pick, mark) in [
            (
                (|y: &YearResult| y.agency_fte) as fn(&YearResult) -> f64,
                Mark::Dashed,
            ),
            (|y: &YearResult| y.uncovered_fte, Mark::Dotted),
        ] {
            styled_line(
                &mut chart,
                o.years
                    .iter()
                    .map(|y| (f64::from(y.year), pick(y)))
                    .collect(),
                line_style(c, s, 4.0),
                mark,
                s,
            )?;
        }
    }
    Ok(())
}

/// Width in pixels of the widest of `labels` at tick size, plus room for the ticks.
fn label_width<DB: DrawingBackend>(
    area: &Area<DB>,
    labels: &[String],
    s: Scale,
) -> Result<i32, String> {
    let style = s.font(TICK);
    let mut widest = 0;
    for l in labels {
        widest = widest.max(area.estimate_text_size(l, &style).text()?.0 as i32);
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

fn cost_breakdown<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), String> {
    let s = Scale::of(root);
    let r = src.results;
    let totals = cost_group_totals(r);
    let used: Vec<usize> = (0..COST_GROUPS.len())
        .filter(|g| totals[*g].iter().any(|v| v.abs() > 1e-9))
        .collect();
    let legend: Vec<LegendEntry> = used
        .iter()
        .map(|g| {
            LegendEntry::new(
                COST_GROUPS[*g].0,
                colours::category_colour(*g),
                Mark::Box(1.0),
            )
        })
        .collect();
    let plot = framed(root, ChartKind::CostBreakdown, src, &legend)?;
    let n = r.options.len();
    let grand = cost_grand_totals(&totals, n);
    let widest = grand.iter().copied().fold(0.0, f64::max).max(1.0);
    let names: Vec<String> = r.options.iter().map(|o| o.name.clone()).collect();
    let y_width = label_width(&plot, &names, s)?;
    let hi = widest * 1.22;
    let mut chart = builder(&plot, s, y_width)
        .build_cartesian_2d(0.0..hi, -0.6..n as f64 - 0.4)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Mean nominal cost over the horizon (£m)",
        "",
        (&money_ticks(hi), 8),
        (&category_ticks(names), n + 1),
    )?;
    for i in 0..n {
        let y = (n - 1 - i) as f64;
        let mut from = 0.0;
        for g in &used {
            let v = totals[*g].get(i).copied().unwrap_or(0.0);
            let c = colour(colours::category_colour(*g));
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(from, y - 0.3), (from + v, y + 0.3)],
                    c.filled(),
                )))
                .text()?;
            from += v;
        }
        let total = grand.get(i).copied().unwrap_or(0.0);
        chart
            .draw_series(std::iter::once(Text::new(
                gbp_m(total * 1e6),
                (total + widest * 0.015, y),
                s.bold(ANNOTATION).pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .text()?;
    }
    Ok(())
}

fn tornado<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let r = src.results;
    let index = src.tornado_option.min(r.options.len().saturating_sub(1));
    let Some(option) = r.options.get(index) else {
        return Err("the results have no options".to_string());
    };
    let is_baseline = option.name == r.baseline_option;
    let c = option_colour(index);
    let legend = [
        LegendEntry::new("Higher input, higher cost", c, Mark::Box(1.0)),
        LegendEntry::new("Higher input, lower cost", c, Mark::Box(0.45)),
    ];
    let kind = ChartKind::Tornado;
    let plot = frame(
        root,
        &format!("{}: {}", kind.title(r), option.name),
        &kind.subtitle(r, is_baseline),
        &legend,
        &src.stamp.line(),
    )?;
    let entries = tornado_entries(option, is_baseline);
    if entries.is_empty() {
        return nothing_to_draw(&plot, "No uncertain inputs: every input is fixed.");
    }
    let n = entries.len();
    let names: Vec<String> = entries.iter().map(|(name, _)| name.clone()).collect();
    let y_width = label_width(&plot, &names, s)?;
    let mut chart = builder(&plot, s, y_width)
        .build_cartesian_2d(-1.0..1.0, -0.6..n as f64 - 0.4)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Rank correlation (Spearman ρ)",
        "",
        (
            &|v: &f64| {
                if v.abs() < 1e-9 {
                    "0".to_string()
                } else if *v < 0.0 {
                    format!("−{:.1}", -v)
                } else {
                    format!("+{v:.1}")
                }
            },
            5,
        ),
        (&category_ticks(names), n + 1),
    )?;
    let rgb = colour(c);
    for (k, (_, v)) in entries.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        let fill = if *v >= 0.0 {
            rgb.filled()
        } else {
            rgb.mix(0.45).filled()
        };
        chart
            .draw_series([
                Rectangle::new([(0.0, y - 0.35), (*v, y + 0.35)], fill),
                Rectangle::new(
                    [(0.0, y - 0.35), (*v, y + 0.35)],
                    rgb.stroke_width(s.stroke(1.5)),
                ),
            ])
            .text()?;
        let anchor = if *v >= 0.0 { HPos::Left } else { HPos::Right };
        let offset = if *v >= 0.0 { 0.015 } else { -0.015 };
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{v:+.2}").replace('-', "−"),
                (v + offset, y),
                s.font(ANNOTATION).pos(Pos::new(anchor, VPos::Center)),
            )))
            .text()?;
    }
    chart
        .draw_series(LineSeries::new(
            vec![(0.0, -0.6), (0.0, n as f64 - 0.4)],
            INK.stroke_width(s.stroke(2.0)),
        ))
        .text()?;
    Ok(())
}

fn cost_quality<DB: DrawingBackend>(root: &Area<DB>, src: &ChartSource<'_>) -> Result<(), String> {
    let s = Scale::of(root);
    let mut legend = option_legend(src, Mark::Dot);
    if src.data.baseline_medians.is_some() {
        legend.push(LegendEntry::new(
            "Baseline medians",
            colours::REFERENCE,
            Mark::Dashed,
        ));
    }
    let plot = framed(root, ChartKind::CostQuality, src, &legend)?;
    let (x_lo, x_hi, y_lo, y_hi) = scatter_bounds(src.data);
    if !(x_lo.is_finite() && y_lo.is_finite()) {
        return nothing_to_draw(&plot, "No finite results to draw.");
    }
    let (x_lo, x_hi) = padded(x_lo, x_hi, 0.04);
    let (y_lo, y_hi) = padded(y_lo, y_hi, 0.08);
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
        .text()?;
    mesh(
        &mut chart,
        s,
        "Net present cost (£m, start-year prices)",
        "Mean quality over the horizon (points)",
        (&money_ticks(x_hi - x_lo), 8),
        (&|v: &f64| format!("{v:.0}"), 8),
    )?;
    let radius = s.px(4.0);
    for (i, d) in src.data.options.iter().enumerate() {
        let c = colour(option_colour(i)).mix(0.5);
        chart
            .draw_series(
                d.scatter
                    .iter()
                    .map(|[x, y]| Circle::new((*x, *y), radius, c.filled())),
            )
            .text()?;
    }
    if let Some([npc, q]) = src.data.baseline_medians {
        let grey = line_style(colours::REFERENCE, s, 3.0);
        vline(&mut chart, npc, (y_lo, y_hi), grey, Mark::Dashed, s)?;
        styled_line(
            &mut chart,
            vec![(x_lo, q), (x_hi, q)],
            grey,
            Mark::Dashed,
            s,
        )?;
        let grey_ink = colour(colours::REFERENCE);
        let note = s.font(ANNOTATION).color(&grey_ink);
        chart
            .draw_series([
                Text::new(
                    "Cheaper and better".to_string(),
                    (x_lo + (x_hi - x_lo) * 0.01, y_hi - (y_hi - y_lo) * 0.02),
                    note.pos(Pos::new(HPos::Left, VPos::Top)),
                ),
                Text::new(
                    "Dearer and worse".to_string(),
                    (x_hi - (x_hi - x_lo) * 0.01, y_lo + (y_hi - y_lo) * 0.02),
                    note.pos(Pos::new(HPos::Right, VPos::Bottom)),
                ),
            ])
            .text()?;
    }
    Ok(())
}
