//! Cost against quality: each dot is one simulated future of one option (up to 2,000 per
//! option), with lines at the baseline's median NPC and median quality splitting the four
//! quadrants.

use egui::{Align2, RichText, Ui};
use egui_plot::{Corner, HLine, LineStyle, PlotPoint, Points, Text, VLine};

use super::{
    ChartInput, SCATTER_POINTS, base_plot, chart_heading, gbp_m_axis, gbp_m_value, legend,
};
use crate::app::palette;
use crate::present::thousands;

pub fn cost_quality_scatter_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    chart_heading(
        ui,
        "Cost against quality",
        &format!(
            "One dot per simulated future (up to {} per option); lines at the baseline's medians.",
            thousands(SCATTER_POINTS as u64)
        ),
    );
    let (mut x_lo, mut x_hi, mut y_lo, mut y_hi) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for [x, y] in input.data.options.iter().flat_map(|d| d.scatter.iter()) {
        x_lo = x_lo.min(*x);
        x_hi = x_hi.max(*x);
        y_lo = y_lo.min(*y);
        y_hi = y_hi.max(*y);
    }
    base_plot("cost-quality", height)
        .legend(legend(Corner::RightTop))
        .x_axis_label("Net present cost (£m, start-year prices)")
        .y_axis_label("Mean quality over the horizon (points)")
        .x_axis_formatter(gbp_m_axis)
        .label_formatter(super::near_point(|position| {
            format!("NPC {}, quality {:.1}", gbp_m_value(position.x), position.y)
        }))
        .show(ui, |plot| {
            for (i, (o, d)) in input
                .results
                .options
                .iter()
                .zip(&input.data.options)
                .enumerate()
            {
                plot.points(
                    Points::new(&o.name, d.scatter.clone())
                        .color(palette::translucent(palette::option_colour(i), 0.55))
                        .radius(1.6),
                );
            }
            if let Some([npc, quality]) = input.data.baseline_medians {
                let grey = egui::Color32::from_gray(110);
                plot.vline(
                    VLine::new("Baseline medians", npc)
                        .color(grey)
                        .style(LineStyle::dashed_dense()),
                );
                plot.hline(
                    HLine::new("Baseline medians", quality)
                        .color(grey)
                        .style(LineStyle::dashed_dense()),
                );
                if x_lo.is_finite() && y_hi.is_finite() {
                    plot.text(
                        Text::new(
                            "",
                            PlotPoint::new(x_lo, y_hi),
                            RichText::new("Cheaper and better").weak(),
                        )
                        .anchor(Align2::LEFT_TOP),
                    );
                    plot.text(
                        Text::new(
                            "",
                            PlotPoint::new(x_hi, y_lo),
                            RichText::new("Dearer and worse").weak(),
                        )
                        .anchor(Align2::RIGHT_BOTTOM),
                    );
                }
            }
        });
}
