//! Workforce: mean FTE of permanent social workers (above), and of agency staff and vacancies
//! left uncovered (below), for each option in each financial year.

use plotters::prelude::*;

use crate::model::YearResult;
use crate::present::chart_data::ChartKind;
use crate::present::colours::{self, option_colour};
use crate::render::ChartSource;
use crate::render::frame::{Area, DrawError, Drawn, LegendEntry, Mark, Scale};

use super::{
    bounds, builder, framed, line_style, mesh, option_legend, padded, styled_line, year_tick, years,
};

pub(super) fn workforce<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::Workforce.axis_titles();
    let lower = ChartKind::Workforce.lower_axis_titles().unwrap_or(titles);
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
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
        (&year_tick, year_count),
        (&|v: &f64| format!("{v:.0}"), 5),
    )?;
    for (i, o) in options.iter().enumerate() {
        chart
            .draw_series(LineSeries::new(
                o.years.iter().map(|y| (f64::from(y.year), y.permanent_fte)),
                line_style(option_colour(i), s, 5.0),
            ))
            .drawn()?;
    }

    let (_, a_hi) = series(|y| y.agency_fte);
    let (_, u_hi) = series(|y| y.uncovered_fte);
    let hi = a_hi.max(u_hi).max(1.0) * 1.1;
    let mut chart = builder(&bottom_area, s, s.px(110.0))
        .build_cartesian_2d(xr, 0.0..hi)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        lower.x,
        lower.y,
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
