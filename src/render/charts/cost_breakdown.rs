//! Cost breakdown: each option's mean nominal cost over the horizon as a bar split into groups
//! of cost lines, with its total.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::present::chart_data::{
    ChartKind, cost_grand_totals, cost_group_names, cost_group_totals,
};
use crate::present::colours::{self};
use crate::present::gbp_m;
use crate::render::ChartSource;
use crate::render::frame::{ANNOTATION, Area, DrawError, Drawn, LegendEntry, Mark, Scale, colour};

use super::{builder, category_ticks, framed, label_width, mesh, money_ticks};

pub(super) fn cost_breakdown<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::CostBreakdown.axis_titles();
    let r = src.results;
    let totals = cost_group_totals(r);
    let group_names = cost_group_names(r);
    let used: Vec<usize> = (0..group_names.len())
        .filter(|g| totals[*g].iter().any(|v| v.abs() > 1e-9))
        .collect();
    let legend: Vec<LegendEntry> = used
        .iter()
        .map(|g| {
            LegendEntry::new(
                group_names[*g],
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
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
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
                .drawn()?;
            from += v;
        }
        let total = grand.get(i).copied().unwrap_or(0.0);
        chart
            .draw_series(std::iter::once(Text::new(
                gbp_m(total * 1e6),
                (total + widest * 0.015, y),
                s.bold(ANNOTATION).pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .drawn()?;
    }
    Ok(())
}
