//! Each option's S-curves overlaid, one line per scenario in the scenario's colour.

use egui::{Grid, RichText, Ui};
use egui_plot::{Line, PlotPoints};

use crate::app::charts::{
    ChartKind, base_plot, gbp_m_axis, gbp_m_value, near_point, percent_axis, titled,
};

use super::table::Row;
use super::{Entry, MAX_COMPARED, SCENARIO_COLOURS};

/// Each option's S-curve in every scenario, one small chart per option.
pub(super) fn s_curves_ui(ui: &mut Ui, entries: &[Entry<'_>], groups: &[Vec<Row<'_>>]) {
    ui.label(
        RichText::new("Net present cost: S-curves")
            .strong()
            .size(15.0),
    );
    ui.label(
        RichText::new(
            "For each option, the share of simulated futures in which its NPC is at or below each \
             amount, one line per scenario (read P80 at 80%). A curve to the left is cheaper.",
        )
        .weak()
        .size(12.5),
    );
    let width = ((ui.available_width() - 16.0) / 2.0).max(300.0);
    Grid::new("compare-s-curves")
        .num_columns(2)
        .spacing([16.0, 12.0])
        .show(ui, |ui| {
            for (g, group) in groups.iter().enumerate() {
                let Some(first) = group.first() else { continue };
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.label(RichText::new(&first.option.name).strong());
                    titled(
                        base_plot(&format!("compare-s-curve-{g}"), 220.0),
                        ChartKind::SCurve.axis_titles(),
                    )
                    .x_axis_formatter(gbp_m_axis)
                    .y_axis_formatter(percent_axis)
                    .include_y(0.0)
                    .include_y(100.0)
                    .label_formatter(near_point(|p| format!("P{:.0}: {}", p.y, gbp_m_value(p.x))))
                    .show(ui, |plot| {
                        for row in group {
                            let e = &entries[row.entry];
                            let Some(index) = e
                                .finished
                                .results
                                .options
                                .iter()
                                .position(|o| std::ptr::eq(o, row.option))
                            else {
                                continue;
                            };
                            let Some(data) = e.finished.charts.options.get(index) else {
                                continue;
                            };
                            let points: Vec<[f64; 2]> =
                                data.s_curve.iter().map(|[x, p]| [*x, p * 100.0]).collect();
                            plot.line(
                                Line::new(
                                    format!("{}: {}", e.letter, row.option.name),
                                    PlotPoints::from(points),
                                )
                                .color(SCENARIO_COLOURS[row.entry % MAX_COMPARED])
                                // A drawn widest, so that identical curves still show
                                // each scenario's colour at their edges.
                                .width((4.0 - row.entry as f32 * 0.9).max(1.2)),
                            );
                        }
                    });
                });
                if g % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}
