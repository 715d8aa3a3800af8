//! Budget risk: for each option under a contract, the provider's cost (P10–P90 band and median)
//! against the median contract sum in each financial year, and below it the mean overspend the
//! council bore. Two plots, because what comes back to the council is a few £m a year beside a
//! contract of a hundred.

use egui::Ui;
use egui_plot::{Line, LineStyle, PlotPoints};

use super::{
    ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, plain_plot, titled, year_axis,
    year_of, year_spacer,
};
use crate::app::palette;
use crate::model::OptionResult;
use crate::model::budget_results::ContractYearResult;
use crate::present::chart_data::ChartKind;

/// Each year's `value` of an option's contract, £m.
fn series(o: &OptionResult, value: fn(&ContractYearResult) -> f64) -> PlotPoints<'static> {
    o.years
        .iter()
        .filter_map(|y| {
            y.contract
                .as_ref()
                .map(|c| [f64::from(y.year), value(c) / 1e6])
        })
        .collect()
}

pub fn budget_risk_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::BudgetRisk;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    let contracted: Vec<(usize, &OptionResult)> = input
        .results
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.contract.is_some())
        .collect();
    if contracted.is_empty() {
        ui.label("No option runs under a contract.");
        return;
    }
    let label = super::near_point(|position| {
        format!("{}: {}", year_of(position.x), gbp_m_value(position.y))
    });
    let upper = (height - 8.0) * 0.62;
    titled(base_plot("budget-risk", upper), kind.axis_titles())
        .x_axis_formatter(year_axis)
        .x_grid_spacer(year_spacer)
        .y_axis_formatter(gbp_m_axis)
        .label_formatter(label)
        .show(ui, |plot| {
            for (i, o) in &contracted {
                let colour = palette::option_colour(*i);
                super::fan(plot, &o.name, colour, &o.years, |y| {
                    y.contract
                        .as_ref()
                        .map_or((f64::NAN, f64::NAN, f64::NAN), |c| {
                            (
                                c.provider_cost_p10 / 1e6,
                                c.provider_cost_p50 / 1e6,
                                c.provider_cost_p90 / 1e6,
                            )
                        })
                });
                plot.line(
                    Line::new(
                        format!("{}: contract sum", o.name),
                        series(o, |c| c.contract_sum_p50),
                    )
                    .color(colour)
                    .style(LineStyle::dashed_dense())
                    .width(2.0),
                );
            }
        });
    ui.add_space(8.0);
    let lower = kind.lower_axis_titles().unwrap_or(kind.axis_titles());
    titled(
        plain_plot("budget-risk-returned", height - 8.0 - upper),
        lower,
    )
    .x_axis_formatter(year_axis)
    .x_grid_spacer(year_spacer)
    .y_axis_formatter(gbp_m_axis)
    .include_y(0.0)
    .label_formatter(super::near_point(|position| {
        format!("{}: {}", year_of(position.x), gbp_m_value(position.y))
    }))
    .show(ui, |plot| {
        for (i, o) in &contracted {
            plot.line(
                Line::new(
                    format!("{}: borne by the council", o.name),
                    series(o, |c| c.returned_to_council),
                )
                .color(palette::option_colour(*i))
                .width(2.0),
            );
        }
    });
}
