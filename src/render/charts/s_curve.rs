//! S-curve: for each option, the share of simulated futures in which net present cost is at or
//! below each amount.

use plotters::prelude::*;

use crate::present::chart_data::ChartKind;
use crate::present::colours::option_colour;
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, Mark, Scale};

use super::{
    bounds, builder, framed, line_style, mesh, money_ticks, nothing_to_draw, option_legend, padded,
    percent_ticks,
};

pub(super) fn s_curve<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::SCurve.axis_titles();
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
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
        (&money_ticks(hi - lo), 8),
        (&percent_ticks, 11),
    )?;
    for (i, d) in src.data.options.iter().enumerate() {
        chart
            .draw_series(LineSeries::new(
                d.s_curve.iter().map(|[x, p]| (*x, p * 100.0)),
                line_style(option_colour(i), s, 5.0),
            ))
            .drawn()?;
    }
    Ok(())
}
