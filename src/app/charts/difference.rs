//! Difference from the baseline: for each other option, a histogram of its net present cost minus
//! the baseline's in the same simulated future, with the zero line and the chance it is cheaper.

use egui::{Align2, RichText, Ui};
use egui_plot::{Corner, Line, LineStyle, PlotPoint, PlotPoints, Text, VLine};

use super::{
    ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, legend, percent_axis, titled,
};
use crate::app::palette;
use crate::present::chart_data::ChartKind;
use crate::present::percent;

pub fn difference_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::Difference;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    let shown = input.data.with_difference();
    if shown.is_empty() {
        ui.label(RichText::new("Add a second option to compare it with the baseline.").weak());
        return;
    }
    let tallest = shown
        .iter()
        .filter_map(|i| input.data.options.get(*i)?.difference.as_ref())
        .map(|h| h.tallest_percent())
        .fold(0.0, f64::max);
    let (lo, hi) = shown
        .iter()
        .filter_map(|i| input.data.options.get(*i)?.difference.as_ref())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), h| {
            (
                lo.min(h.start),
                hi.max(h.start + h.width * h.shares.len() as f64),
            )
        });
    // Headroom above the bars for the written probabilities.
    let top = tallest * (1.15 + 0.12 * shown.len() as f64);
    titled(
        base_plot("difference", height),
        ChartKind::Difference.axis_titles(),
    )
    .legend(legend(Corner::RightTop))
    .x_axis_formatter(gbp_m_axis)
    .y_axis_formatter(percent_axis)
    .include_x(0.0)
    .include_y(0.0)
    .include_y(top)
    .label_formatter(super::near_point(|position| {
        format!(
            "Difference around {}: {:.1}% of futures",
            signed(position.x),
            position.y
        )
    }))
    .show(ui, |plot| {
        plot.vline(
            VLine::new("No difference", 0.0)
                .color(ui_neutral())
                .width(1.5)
                .style(LineStyle::Solid),
        );
        for (row, i) in shown.iter().enumerate() {
            let (Some(o), Some(Some(h))) = (
                input.results.options.get(*i),
                input.data.options.get(*i).map(|d| d.difference.as_ref()),
            ) else {
                continue;
            };
            let colour = palette::option_colour(*i);
            plot.line(
                Line::new(&o.name, PlotPoints::from(h.outline()))
                    .color(colour)
                    // Steps put two points on each bin edge; draw them, not a band.
                    .allow_band(false)
                    .width(2.0),
            );
            let x = lo.min(0.0) + (hi.max(0.0) - lo.min(0.0)) * 0.01;
            plot.text(
                Text::new(
                    &o.name,
                    PlotPoint::new(x, top * (0.98 - 0.1 * row as f64)),
                    RichText::new(format!(
                        "{}: cheaper in {} of futures",
                        o.name,
                        percent(o.p_cheaper)
                    ))
                    .strong()
                    .size(14.0)
                    .color(colour),
                )
                .color(colour)
                .anchor(Align2::LEFT_TOP),
            );
        }
    });
}

fn ui_neutral() -> egui::Color32 {
    egui::Color32::from_gray(120)
}

fn signed(value_m: f64) -> String {
    if value_m > 0.0 {
        format!("+{}", gbp_m_value(value_m))
    } else {
        gbp_m_value(value_m)
    }
}
