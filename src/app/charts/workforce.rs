//! Workforce: mean FTE of permanent social workers, agency social workers and vacancies left
//! uncovered, for each option in each financial year.

use egui::{Align2, Ui};
use egui_plot::{HoverPosition, Line, LineStyle, PlotPoint, PlotPoints, Text};

use super::{ChartInput, base_plot, chart_heading, year_axis, year_of, year_spacer};
use crate::app::palette;
use crate::model::YearResult;

/// Reads one staff figure of a year.
type Figure = fn(&YearResult) -> f64;

/// The three staff series, as (label, figure).
const SERIES: [(&str, Figure); 3] = [
    ("permanent", |y| y.permanent_fte),
    ("agency", |y| y.agency_fte),
    ("uncovered", |y| y.uncovered_fte),
];

fn style(series: usize) -> LineStyle {
    match series {
        0 => LineStyle::Solid,
        1 => LineStyle::dashed_dense(),
        _ => LineStyle::dotted_dense(),
    }
}

pub fn workforce_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    chart_heading(
        ui,
        "Social-work workforce",
        "Mean FTE each year: solid = permanent staff, dashed = agency, dotted = vacancies left uncovered.",
    );
    let last_year = input
        .results
        .options
        .first()
        .and_then(|o| o.years.last())
        .map(|y| f64::from(y.year));
    let mut plot = base_plot("workforce", height)
        .x_axis_label("Financial year")
        .y_axis_label("Social workers (FTE)")
        .x_axis_formatter(year_axis)
        .x_grid_spacer(year_spacer)
        .include_y(0.0)
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.1} FTE",
                year_of(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        });
    if let Some(last) = last_year {
        // Room on the right for the series names.
        plot = plot.include_x(last + 1.6);
    }
    plot.show(ui, |plot| {
        for (i, o) in input.results.options.iter().enumerate() {
            let colour = palette::option_colour(i);
            for (s, (series, value)) in SERIES.iter().enumerate() {
                let points: Vec<[f64; 2]> = o
                    .years
                    .iter()
                    .map(|y| [f64::from(y.year), value(y)])
                    .collect();
                plot.line(
                    Line::new(format!("{}: {series}", o.name), PlotPoints::from(points))
                        .color(colour)
                        .style(style(s))
                        .width(2.0),
                );
            }
        }
        // Name the three series once, at the end of the first option's lines.
        if let (Some(first), Some(last)) = (input.results.options.first(), last_year)
            && let Some(y) = first.years.last()
        {
            for (series, value) in SERIES {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(last + 0.15, value(y)),
                        series.to_string(),
                    )
                    .anchor(Align2::LEFT_CENTER),
                );
            }
        }
    });
}
