//! Cost against quality: each dot is one simulated future of one option (up to 2,000 per
//! option), with lines at the baseline's median NPC and median quality splitting the four
//! quadrants.

use egui::{Align2, RichText, Ui};
use egui_plot::{Corner, HLine, LineStyle, PlotPoint, Points, Text, VLine};

use super::{ChartInput, base_plot, chart_heading, gbp_m_axis, gbp_m_value, legend, titled};
use crate::app::palette;
use crate::present::chart_data::{ChartKind, scatter_bounds};

pub fn cost_quality_scatter_ui(ui: &mut Ui, input: &ChartInput<'_>, height: f32) {
    let kind = ChartKind::CostQuality;
    chart_heading(
        ui,
        &kind.title(input.results),
        &kind.subtitle(input.results, false),
    );
    let (x_lo, x_hi, y_lo, y_hi) = scatter_bounds(input.data);
    titled(
        base_plot("cost-quality", height),
        ChartKind::CostQuality.axis_titles(),
    )
    .legend(legend(Corner::RightTop))
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
            let grey = palette::reference_colour();
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
