//! Annual cost fan chart: for each option, the P10–P90 band of nominal cost in each financial
//! year and the median line.

use plotters::prelude::*;

use crate::present::chart_data::ChartKind;
use crate::present::colours::option_colour;
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, Mark, Scale};

use super::{
    bounds, builder, fan, framed, mesh, money_ticks, option_legend, padded, year_tick, years,
};

pub(super) fn annual_cost<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::AnnualCost.axis_titles();
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
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
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
