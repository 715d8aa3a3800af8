//! The summary of a run: the plain-English headline sentences, then a table with one row per
//! option — net present cost, difference from the baseline, and the chances that matter.

use egui::{Grid, RichText, Ui};

use crate::model::{OptionResult, RunResults};
use crate::present::{financial_year, gbp_m, gbp_m_signed, headlines, percent};

use super::palette;

/// Column headings with what each means.
const COLUMNS: [(&str, &str); 11] = [
    (
        "NPC mean",
        "Net present cost: mean over the simulated futures, £m at start-year prices.",
    ),
    ("P10", "10% of futures cost less than this."),
    ("P50", "The median: half the futures cost less."),
    ("P90", "90% of futures cost less than this."),
    (
        "vs baseline",
        "Mean difference in NPC from the baseline, in the same futures (negative = cheaper).",
    ),
    ("Δ P10", "10% of futures have a difference below this."),
    ("Δ P90", "90% of futures have a difference below this."),
    (
        "P(cheaper)",
        "Share of futures in which the option costs less than the baseline.",
    ),
    (
        "Mean quality",
        "Quality index (0–100), averaged over the years and the futures.",
    ),
    (
        "P(quality at risk)",
        "Share of futures in which quality falls below the threshold in at least one year.",
    ),
    (
        "P(cheaper & better)",
        "Share of futures in which the option is both cheaper than the baseline and of higher \
         mean quality.",
    ),
];

/// Headlines and the table.
pub fn summary_ui(ui: &mut Ui, results: &RunResults, discount_rate: f64) {
    for line in headlines(results) {
        ui.label(RichText::new(format!("• {line}")).size(15.0));
    }
    ui.add_space(6.0);
    let last = results.start_year + results.horizon_years as i32 - 1;
    ui.label(
        RichText::new(format!(
            "Net present cost (NPC) over {} to {}, £m at {} prices, discounted at {:.1}% a year \
             real.",
            financial_year(results.start_year),
            financial_year(last),
            financial_year(results.start_year),
            discount_rate * 100.0
        ))
        .weak(),
    );
    egui::ScrollArea::horizontal()
        .id_salt("summary-table")
        .show(ui, |ui| {
            Grid::new("summary")
                .striped(true)
                .num_columns(COLUMNS.len() + 1)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Option").strong());
                    for (title, help) in COLUMNS {
                        ui.label(RichText::new(title).strong()).on_hover_text(help);
                    }
                    ui.end_row();
                    for (i, o) in results.options.iter().enumerate() {
                        row(ui, i, o, o.name == results.baseline_option);
                    }
                });
        });
}

fn row(ui: &mut Ui, index: usize, o: &OptionResult, is_baseline: bool) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 2.0, palette::option_colour(index));
        let name = if is_baseline {
            format!("{} (baseline)", o.name)
        } else {
            o.name.clone()
        };
        ui.label(name);
    });
    let number = |ui: &mut Ui, text: String| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(text);
        });
    };
    number(ui, gbp_m(o.npc.mean));
    number(ui, gbp_m(o.npc.p10));
    number(ui, gbp_m(o.npc.p50));
    number(ui, gbp_m(o.npc.p90));
    let dash = || "—".to_string();
    let d = &o.npc_vs_baseline;
    number(
        ui,
        if is_baseline {
            dash()
        } else {
            gbp_m_signed(d.mean)
        },
    );
    number(
        ui,
        if is_baseline {
            dash()
        } else {
            gbp_m_signed(d.p10)
        },
    );
    number(
        ui,
        if is_baseline {
            dash()
        } else {
            gbp_m_signed(d.p90)
        },
    );
    number(
        ui,
        if is_baseline {
            dash()
        } else {
            percent(o.p_cheaper)
        },
    );
    number(ui, format!("{:.1}", mean_quality(o)));
    number(ui, percent(o.p_quality_at_risk));
    number(
        ui,
        if is_baseline {
            dash()
        } else {
            percent(o.p_cheaper_and_better)
        },
    );
    ui.end_row();
}

/// Mean quality over the horizon: the mean of the yearly means (every year has twelve months).
pub fn mean_quality(o: &OptionResult) -> f64 {
    o.years.iter().map(|y| y.quality_mean).sum::<f64>() / o.years.len().max(1) as f64
}
