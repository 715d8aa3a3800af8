//! Annual cost fan chart: for each option, the P10–P90 band of nominal cost in each financial year
//! and the median line.

use egui::Ui;
use egui_plot::{FilledArea, HoverPosition, Line, PlotPoints};

use super::{
    ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, year_axis, year_of, year_spacer,
};
use crate::app::palette;

pub fn fan_chart_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    chart_heading(
        ui,
        "Annual cost",
        "Nominal cost each financial year, £m: line = median, band = P10–P90 of simulated futures.",
    );
    base_plot("fan-chart", height)
        .x_axis_label("Financial year")
        .y_axis_label("Cost a year (£m, nominal)")
        .x_axis_formatter(year_axis)
        .x_grid_spacer(year_spacer)
        .y_axis_formatter(gbp_m_axis)
        .label_formatter(hover_money_by_year)
        .show(ui, |plot| {
            for (i, o) in input.results.options.iter().enumerate() {
                let colour = palette::option_colour(i);
                let xs: Vec<f64> = o.years.iter().map(|y| f64::from(y.year)).collect();
                let p10: Vec<f64> = o.years.iter().map(|y| y.cost_p10 / 1e6).collect();
                let p90: Vec<f64> = o.years.iter().map(|y| y.cost_p90 / 1e6).collect();
                let median: Vec<[f64; 2]> = o
                    .years
                    .iter()
                    .map(|y| [f64::from(y.year), y.cost_p50 / 1e6])
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
        });
}

/// "Children's trust / 2028/29: £61.2m".
pub fn hover_money_by_year(pos: &HoverPosition<'_>) -> Option<String> {
    match pos {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => Some(format!(
            "{plot_name}\n{}: {}",
            year_of(position.x),
            gbp_m_value(position.y)
        )),
        HoverPosition::Elsewhere { .. } => None,
    }
}
