//! Cost breakdown: for each option, the mean nominal cost over the whole horizon split into groups
//! of cost lines, as stacked horizontal bars.

use egui::{Align2, RichText, Ui};
use egui_plot::{Bar, BarChart, Corner, PlotPoint, Text};

use super::{ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, legend, titled};
use crate::app::palette;
use crate::present::chart_data::{
    ChartKind, cost_grand_totals, cost_group_names, cost_group_totals,
};

pub fn cost_breakdown_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let r = input.results;
    let kind = ChartKind::CostBreakdown;
    chart_heading(ui, &kind.title(r), &kind.subtitle(r, false));
    let n = r.options.len();
    // totals[g][i]: group g of option i, £m.
    let totals = cost_group_totals(r);
    let grand = cost_grand_totals(&totals, n);
    let widest = grand.iter().copied().fold(0.0, f64::max);
    // Option i sits at y = n − 1 − i, so the first option is on top.
    let position = |i: usize| (n - 1 - i) as f64;
    let mut charts: Vec<BarChart> = Vec::new();
    for (g, name) in cost_group_names(r).into_iter().enumerate() {
        let values = &totals[g];
        if values.iter().all(|v| v.abs() < 1e-9) {
            continue;
        }
        let colour = palette::category_colour(g);
        let bars: Vec<Bar> = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                Bar::new(position(i), *v)
                    .width(0.5)
                    .fill(colour)
                    .stroke(egui::Stroke::new(1.0, colour))
                    .name(r.options.get(i).map_or("", |o| o.name.as_str()))
            })
            .collect();
        let group = (*name).to_string();
        let chart = BarChart::new(name, bars)
            .horizontal()
            .color(colour)
            .element_formatter(Box::new(move |bar: &Bar, _| {
                format!("{}\n{group}: {}", bar.name, gbp_m_value(bar.value))
            }));
        let below: Vec<&BarChart> = charts.iter().collect();
        let chart = chart.stack_on(&below);
        charts.push(chart);
    }
    titled(
        base_plot("cost-breakdown", height),
        ChartKind::CostBreakdown.axis_titles(),
    )
    .legend(legend(Corner::RightTop))
    .x_axis_formatter(gbp_m_axis)
    .show_axes([true, false])
    .show_grid([true, false])
    .include_x(0.0)
    .include_x(widest * 1.6)
    .include_y(-0.5)
    .include_y(n as f64 - 0.2)
    .show(ui, |plot| {
        for chart in charts {
            plot.bar_chart(chart);
        }
        for (i, o) in r.options.iter().enumerate() {
            plot.text(
                Text::new(
                    "",
                    PlotPoint::new(0.0, position(i) + 0.28),
                    RichText::new(format!(
                        "{}: {}",
                        o.name,
                        gbp_m_value(grand.get(i).copied().unwrap_or(0.0))
                    ))
                    .strong()
                    .size(14.0),
                )
                .color(palette::option_colour(i))
                .anchor(Align2::LEFT_BOTTOM),
            );
        }
    });
}
