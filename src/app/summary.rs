//! The summary of a run: the plain-English headline sentences, then a table with one row per
//! option — net present cost, difference from the baseline, and the chances that matter.

use egui::{Grid, RichText, Ui};

use crate::model::{OptionResult, RunResults};
use crate::present::{financial_year, headlines, millions, percent};

use super::palette;

/// Column headings with what each means. Money columns are £m, written once in the group row.
const COLUMNS: [(&str, &str); 11] = [
    (
        "Mean",
        "Net present cost: mean over the simulated futures, £m at start-year prices.",
    ),
    ("P10", "10% of futures cost less than this (£m)."),
    ("P50", "The median: half the futures cost less (£m)."),
    ("P90", "90% of futures cost less than this (£m)."),
    (
        "Mean",
        "Mean difference in NPC from the baseline in the same futures, £m (negative = cheaper).",
    ),
    ("P10", "10% of futures have a difference below this (£m)."),
    ("P90", "90% of futures have a difference below this (£m)."),
    (
        "P(cheaper)",
        "Share of futures in which the option costs less than the baseline.",
    ),
    (
        "Quality",
        "Quality index (0–100), averaged over the years and the futures.",
    ),
    (
        "P(quality\nat risk)",
        "Share of futures in which quality falls below the threshold in at least one year.",
    ),
    (
        "P(cheaper\n& better)",
        "Share of futures in which the option is both cheaper than the baseline and of higher \
         mean quality.",
    ),
];

/// Group headings over the columns, by the column they start at.
const GROUPS: [(usize, &str); 3] = [
    (0, "Net present cost (£m)"),
    (4, "vs baseline (£m)"),
    (7, "Chances and quality"),
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
             real. Quality: workforce-driven index 0–100.",
            financial_year(results.start_year),
            financial_year(last),
            financial_year(results.start_year),
            discount_rate * 100.0
        ))
        .weak(),
    );
    ui.add_space(2.0);
    egui::ScrollArea::horizontal()
        .id_salt("summary-table")
        .show(ui, |ui| {
            Grid::new("summary")
                .striped(true)
                // One empty column more: egui gives the last column all the remaining width,
                // which would push its right-aligned numbers to the panel's edge.
                .num_columns(COLUMNS.len() + 2)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    group_row(ui);
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

/// The group headings, painted so each spans the columns after it without widening its own.
fn group_row(ui: &mut Ui) {
    ui.label("");
    for column in 0..COLUMNS.len() {
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(0.0, ui.text_style_height(&egui::TextStyle::Body)),
            egui::Sense::hover(),
        );
        if let Some((_, title)) = GROUPS.iter().find(|(start, _)| *start == column) {
            ui.painter().text(
                rect.left_center(),
                egui::Align2::LEFT_CENTER,
                *title,
                egui::TextStyle::Body.resolve(ui.style()),
                ui.visuals().weak_text_color(),
            );
        }
    }
    ui.end_row();
}

fn right(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), add);
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
        right(ui, |ui| {
            ui.label(text);
        });
    };
    number(ui, millions(o.npc.mean, false));
    number(ui, millions(o.npc.p10, false));
    number(ui, millions(o.npc.p50, false));
    number(ui, millions(o.npc.p90, false));
    let dash = || "—".to_string();
    let d = &o.npc_vs_baseline;
    for value in [d.mean, d.p10, d.p90] {
        number(
            ui,
            if is_baseline {
                dash()
            } else {
                millions(value, true)
            },
        );
    }
    number(
        ui,
        if is_baseline {
            dash()
        } else {
            percent(o.p_cheaper)
        },
    );
    number(ui, format!("{:.1}", o.mean_quality()));
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
