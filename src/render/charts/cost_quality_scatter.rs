//! Cost against quality: one dot per simulated future of each option, with lines at the
//! baseline's median cost and quality.

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
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
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
            .drawn()?;
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
            .drawn()?;
    }
    Ok(())
}
