//! Workforce: mean FTE of permanent social workers, and of agency social workers and vacancies
//! left uncovered, for each option in each financial year. Two plots one above the other, because
//! agency and uncovered staff are a tenth of the permanent workforce and would vanish on its scale.

use egui::Ui;
use egui_plot::{Line, LineStyle, PlotPoint, PlotPoints};

use super::{
    ChartInput, base_plot, chart_heading, plain_plot, titled, year_axis, year_of, year_spacer,
};
use crate::app::palette;
use crate::model::{OptionResult, YearResult};
use crate::present::chart_data::ChartKind;

/// "2028/29: 12.3 FTE".
fn fte_by_year(position: PlotPoint) -> String {
    format!("{}: {:.1} FTE", year_of(position.x), position.y)
}

fn series(o: &OptionResult, value: fn(&YearResult) -> f64) -> PlotPoints<'static> {
    o.years
        .iter()
        .map(|y| [f64::from(y.year), value(y)])
        .collect()
}

pub fn workforce_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::Workforce;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    let options = &input.results.options;
    let half = (height - 8.0) / 2.0;
    titled(
        base_plot("workforce-permanent", half),
        ChartKind::Workforce.axis_titles(),
    )
    .x_axis_formatter(year_axis)
    .x_grid_spacer(year_spacer)
    .label_formatter(super::near_point(fte_by_year))
    .show(ui, |plot| {
        for (i, o) in options.iter().enumerate() {
            plot.line(
                Line::new(&o.name, series(o, |y| y.permanent_fte))
                    .color(palette::option_colour(i))
                    .width(2.0),
            );
        }
    });
    ui.add_space(8.0);
    // Colours as in the legend above; the line styles are named in the subtitle.
    let lower = ChartKind::Workforce
        .lower_axis_titles()
        .unwrap_or(ChartKind::Workforce.axis_titles());
    titled(plain_plot("workforce-agency", half), lower)
        .x_axis_formatter(year_axis)
        .x_grid_spacer(year_spacer)
        .include_y(0.0)
        .label_formatter(super::near_point(fte_by_year))
        .show(ui, |plot| {
            for (i, o) in options.iter().enumerate() {
                let colour = palette::option_colour(i);
                plot.line(
                    Line::new(format!("{}: agency", o.name), series(o, |y| y.agency_fte))
                        .color(colour)
                        .style(LineStyle::dashed_dense())
                        .width(2.0),
                );
                plot.line(
                    Line::new(
                        format!("{}: uncovered", o.name),
                        series(o, |y| y.uncovered_fte),
                    )
                    .color(colour)
                    .style(LineStyle::dotted_dense())
                    .width(2.0),
                );
            }
        });
}
