//! Distribution of net present cost: a histogram of each option's NPC over the simulated futures
//! (binned once per result), with its P10, P50 and P90 marked.

use egui::Ui;
use egui_plot::{Line, LineStyle, PlotPoints, VLine};

use super::{ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, percent_axis, titled};
use crate::app::palette;
use crate::present::chart_data::ChartKind;

/// The plot's height as a multiple of the tallest bar: the top part holds the legend.
const LEGEND_HEADROOM: f64 = 1.6;

pub fn npc_distribution_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::NpcDistribution;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    // Headroom above the tallest bar for the legend, which would otherwise cover the peaks.
    let tallest =
        crate::present::chart_data::tallest_percent(input.data.options.iter().map(|d| &d.npc));
    titled(
        base_plot("npc-distribution", height),
        ChartKind::NpcDistribution.axis_titles(),
    )
    .x_axis_formatter(gbp_m_axis)
    .y_axis_formatter(percent_axis)
    .include_y(0.0)
    .include_y(tallest * LEGEND_HEADROOM)
    .label_formatter(super::near_point(|position| {
        format!(
            "NPC around {}: {:.1}% of futures",
            gbp_m_value(position.x),
            position.y
        )
    }))
    .show(ui, |plot| {
        for (i, (o, data)) in input
            .results
            .options
            .iter()
            .zip(&input.data.options)
            .enumerate()
        {
            let colour = palette::option_colour(i);
            plot.line(
                Line::new(&o.name, PlotPoints::from(data.npc.outline()))
                    .color(colour)
                    // Steps put two points on each bin edge; draw them, not a band.
                    .allow_band(false)
                    .width(2.0),
            );
            for (value, style) in [
                (o.npc.p10, LineStyle::dotted_dense()),
                (o.npc.p50, LineStyle::dashed_dense()),
                (o.npc.p90, LineStyle::dotted_dense()),
            ] {
                plot.vline(
                    VLine::new(&o.name, value / 1e6)
                        .color(colour)
                        .style(style)
                        .width(1.5),
                );
            }
        }
    });
}
