//! Cost and quality against the baseline: each dot is one simulated future of one option (up to
//! 2,000 per option), its NPC and mean quality minus the baseline's in the same future, with
//! lines at no difference. The quadrants are the two-by-two table's cells, so the top-left share
//! is P(cheaper and better).

use egui::{Align2, RichText, Ui};
use egui_plot::{Corner, HLine, PlotPoint, Points, Text, VLine};

use super::{ChartInput, base_plot, chart_heading, gbp_m_axis, legend, titled};
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
        format!(
            "NPC {} against the baseline, quality {:+.1} points",
            crate::present::gbp_m_signed(position.x * 1e6),
            position.y
        )
    }))
    .show(ui, |plot| {
        for (i, (o, d)) in input
            .results
            .options
            .iter()
            .zip(&input.data.options)
            .enumerate()
        {
            if d.scatter.is_empty() {
                continue;
            }
            plot.points(
                Points::new(&o.name, d.scatter.clone())
                    .color(palette::translucent(palette::option_colour(i), 0.55))
                    .radius(1.6),
            );
        }
        if x_lo.is_finite() && y_hi.is_finite() {
            let grey = palette::reference_colour();
            plot.vline(VLine::new("No difference", 0.0).color(grey));
            plot.hline(HLine::new("No difference", 0.0).color(grey));
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
    });
}
