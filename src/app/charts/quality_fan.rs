//! Quality fan chart: the workforce-driven quality index (0–100) of each option in each financial
//! year, P10–P90 band and median, against the threshold below which a year counts as at risk.

use egui::Ui;
use egui_plot::{FilledArea, HLine, HoverPosition, Line, LineStyle, PlotPoints};

use super::{ChartInput, base_plot, chart_heading, year_axis, year_of, year_spacer};
use crate::app::palette;

pub fn quality_fan_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    chart_heading(
        ui,
        "Quality",
        "Quality index each year (0–100): line = median, band = P10–P90; dashed = at-risk threshold.",
    );
    let threshold = input.threshold;
    base_plot("quality-fan", height)
        .x_axis_label("Financial year")
        .y_axis_label("Quality index (points)")
        .x_axis_formatter(year_axis)
        .x_grid_spacer(year_spacer)
        .include_y(threshold)
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}\n{}: {:.1} points",
                year_of(position.x),
                position.y
            )),
            HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            for (i, o) in input.results.options.iter().enumerate() {
                let colour = palette::option_colour(i);
                let xs: Vec<f64> = o.years.iter().map(|y| f64::from(y.year)).collect();
                let p10: Vec<f64> = o.years.iter().map(|y| y.quality_p10).collect();
                let p90: Vec<f64> = o.years.iter().map(|y| y.quality_p90).collect();
                let median: Vec<[f64; 2]> = o
                    .years
                    .iter()
                    .map(|y| [f64::from(y.year), y.quality_p50])
                    .collect();
                plot.line(
                    Line::new(&o.name, PlotPoints::from(median))
                        .color(colour)
                        .width(2.0),
                );
                plot.add(
                    FilledArea::new(&o.name, &xs, &p10, &p90)
                        .fill_color(palette::translucent(colour, 0.12)),
                );
                // Thin edges keep each band readable where bands overlap.
                for edge in [&p10, &p90] {
                    let points: Vec<[f64; 2]> =
                        xs.iter().zip(edge.iter()).map(|(x, y)| [*x, *y]).collect();
                    plot.line(
                        Line::new(&o.name, PlotPoints::from(points))
                            .color(palette::translucent(colour, 0.7))
                            .width(1.0),
                    );
                }
            }
            plot.hline(
                HLine::new(format!("At-risk threshold ({threshold:.0})"), threshold)
                    .color(palette::problem_colour_plain())
                    .style(LineStyle::dashed_loose()),
            );
        });
}
