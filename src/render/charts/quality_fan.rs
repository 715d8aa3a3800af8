//! Quality fan chart: each option's quality index by financial year, P10–P90 band and median,
//! against the at-risk threshold.

use plotters::prelude::*;

use crate::present::chart_data::ChartKind;
use crate::present::colours::{self, option_colour};
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, LegendEntry, Mark, Scale};

use super::{
    bounds, builder, fan, framed, line_style, mesh, option_legend, padded, styled_line, year_tick,
    years,
};

pub(super) fn quality<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::Quality.axis_titles();
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
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
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
