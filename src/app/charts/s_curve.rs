//! S-curve: for each option, the share of simulated futures in which net present cost is at or
//! below each amount (the cumulative distribution), read off as "P80 = £640m".

use egui::Ui;
use egui_plot::{Line, PlotPoints};

use super::{ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, percent_axis, titled};
use crate::app::palette;
use crate::present::chart_data::ChartKind;

pub fn s_curve_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::SCurve;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    titled(
        base_plot("s-curve", height),
        ChartKind::SCurve.axis_titles(),
    )
    .x_axis_formatter(gbp_m_axis)
    .y_axis_formatter(percent_axis)
    .include_y(0.0)
    .include_y(100.0)
    .label_formatter(super::near_point(|position| {
        format!("P{:.0}: {}", position.y, gbp_m_value(position.x))
    }))
    .show(ui, |plot| {
        for (i, (o, data)) in input
            .results
            .options
            .iter()
            .zip(&input.data.options)
            .enumerate()
        {
            let points: Vec<[f64; 2]> = data.s_curve.iter().map(|[x, p]| [*x, p * 100.0]).collect();
            plot.line(
                Line::new(&o.name, PlotPoints::from(points))
                    .color(palette::option_colour(i))
                    .width(2.0),
            );
        }
    });
}
