//! Difference from the baseline: for each other option, the histogram of its net present cost
//! minus the baseline's in the same future, with the zero line and the chance it is cheaper.

use plotters::prelude::*;

use crate::present::chart_data::ChartKind;
use crate::present::colours::{self, option_colour};
use crate::present::percent;
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, LegendEntry, Mark, Scale};

use super::{
    bounds, builder, framed, histogram_top, line_style, mesh, money_ticks, nothing_to_draw, padded,
    percent_ticks, vline,
};

pub(super) fn difference<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::Difference.axis_titles();
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
    let top = histogram_top(hists.iter().copied());
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(lo..hi, 0.0..top)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
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
            .drawn()?;
    }
    Ok(())
}
