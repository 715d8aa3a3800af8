//! Cost and quality against the baseline: one dot per simulated future of each option other
//! than the baseline, its NPC and mean quality minus the baseline's in the same future, with
//! lines at no difference (the two-by-two table's quadrants).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::present::chart_data::{ChartKind, scatter_bounds};
use crate::present::colours::{self, option_colour};
use crate::render::ChartSource;
use crate::render::frame::{ANNOTATION, Area, DrawError, Drawn, LegendEntry, Mark, Scale, colour};

use super::{
    builder, framed, line_style, mesh, money_ticks, nothing_to_draw, option_legend, padded,
    styled_line, vline,
};

pub(super) fn cost_quality<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::CostQuality.axis_titles();
    // The baseline has no dots of its own: it is the lines of no difference.
    let mut legend: Vec<LegendEntry> = option_legend(src, Mark::Dot)
        .into_iter()
        .zip(&src.data.options)
        .filter(|(_, d)| !d.scatter.is_empty())
        .map(|(entry, _)| entry)
        .collect();
    legend.push(LegendEntry::new(
        "No difference",
        colours::REFERENCE,
        Mark::Line,
    ));
    let plot = framed(root, ChartKind::CostQuality, src, &legend)?;
    let (x_lo, x_hi, y_lo, y_hi) = scatter_bounds(src.data);
    if !(x_lo.is_finite() && y_lo.is_finite()) {
        return nothing_to_draw(&plot, "No finite results to draw.");
    }
    let (x_lo, x_hi) = padded(x_lo, x_hi, 0.04);
    let (y_lo, y_hi) = padded(y_lo, y_hi, 0.08);
    let mut chart = builder(&plot, s, s.px(110.0))
        .build_cartesian_2d(x_lo..x_hi, y_lo..y_hi)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
        (&money_ticks(x_hi - x_lo), 8),
        (&signed_points, 8),
    )?;
    let radius = s.px(4.0);
    for (i, d) in src
        .data
        .options
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.scatter.is_empty())
    {
        let c = colour(option_colour(i)).mix(0.5);
        chart
            .draw_series(
                d.scatter
                    .iter()
                    .map(|[x, y]| Circle::new((*x, *y), radius, c.filled())),
            )
            .drawn()?;
    }
    {
        let grey = line_style(colours::REFERENCE, s, 3.0);
        vline(&mut chart, 0.0, (y_lo, y_hi), grey, Mark::Line, s)?;
        styled_line(
            &mut chart,
            vec![(x_lo, 0.0), (x_hi, 0.0)],
            grey,
            Mark::Line,
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
            .drawn()?;
    }
    Ok(())
}

/// A quality difference on the axis: "+10", "0", "−10" (a true minus sign, as the money axis).
fn signed_points(v: &f64) -> String {
    if v.abs() < 0.05 {
        "0".to_string()
    } else if *v < 0.0 {
        format!("−{:.0}", -v)
    } else {
        format!("+{v:.0}")
    }
}
