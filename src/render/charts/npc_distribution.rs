//! Distribution of net present cost: each option's histogram (as an outline), with its P10, P50
//! and P90 marked.

use plotters::prelude::*;

use crate::present::chart_data::ChartKind;
use crate::present::colours::{self, option_colour};
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, LegendEntry, Mark, Scale};

use super::{
    bounds, builder, framed, histogram_top, line_style, mesh, money_ticks, nothing_to_draw,
    option_legend, padded, percent_ticks, vline,
};

pub(super) fn npc_distribution<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::NpcDistribution.axis_titles();
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
    let top = histogram_top(hists);
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
            .drawn()?;
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
