//! Annual cost fan chart: for each option, the P10–P90 band of nominal cost in each financial year
//! and the median line.

use egui::Ui;

use super::{
    ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, titled, year_axis, year_of,
    year_spacer,
};
use crate::app::palette;
use crate::present::chart_data::ChartKind;

pub fn fan_chart_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::AnnualCost;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    titled(
        base_plot("fan-chart", height),
        ChartKind::AnnualCost.axis_titles(),
    )
    .x_axis_formatter(year_axis)
    .x_grid_spacer(year_spacer)
    .y_axis_formatter(gbp_m_axis)
    .label_formatter(super::near_point(|position| {
        format!("{}: {}", year_of(position.x), gbp_m_value(position.y))
    }))
    .show(ui, |plot| {
        for (i, o) in input.results.options.iter().enumerate() {
            let colour = palette::option_colour(i);
            super::fan(plot, &o.name, colour, &o.years, |y| {
                (y.cost_p10 / 1e6, y.cost_p50 / 1e6, y.cost_p90 / 1e6)
            });
        }
    });
}
