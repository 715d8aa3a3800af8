//! Quality fan chart: the workforce-driven quality index (0–100) of each option in each financial
//! year, P10–P90 band and median, against the threshold below which a year counts as at risk.

use egui::Ui;
use egui_plot::{HLine, LineStyle};

use super::{ChartInput, base_plot, chart_heading, titled, year_axis, year_of, year_spacer};
use crate::app::palette;
use crate::present::chart_data::ChartKind;

pub fn quality_fan_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::Quality;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    let threshold = input.threshold;
    titled(
        base_plot("quality-fan", height),
        ChartKind::Quality.axis_titles(),
    )
    .x_axis_formatter(year_axis)
    .x_grid_spacer(year_spacer)
    .include_y(threshold)
    .label_formatter(super::near_point(|position| {
        format!("{}: {:.1} points", year_of(position.x), position.y)
    }))
    .show(ui, |plot| {
        for (i, o) in input.results.options.iter().enumerate() {
            let colour = palette::option_colour(i);
            super::fan(plot, &o.name, colour, &o.years, |y| {
                (y.quality_p10, y.quality_p50, y.quality_p90)
            });
        }
        plot.hline(
            HLine::new(format!("At-risk threshold ({threshold:.0})"), threshold)
                .color(palette::problem_colour_plain())
                .style(LineStyle::dashed_loose()),
        );
    });
}
