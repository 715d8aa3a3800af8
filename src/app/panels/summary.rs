//! The summary of a run: the plain-English headline sentences, then a table with one row per
//! option — net present cost, difference from the baseline, and the chances that matter. The
//! table's columns are [`crate::present::summary_table`]'s, as in the report and on the command
//! line; this lays them out in a grid.

use egui::{RichText, Ui};

use crate::model::RunResults;
use crate::present::summary_table::{self, COLUMNS, GROUPS, Row};
use crate::present::{financial_year, headlines};

use crate::app::palette;

/// Headline sentences the window shows before folding the rest away, so the table and a chart
/// still fit a laptop's screen when a whole-budget scenario adds its contract sentences.
pub const HEADLINES_SHOWN: usize = 3;

/// Headlines, the first `fold_after` in view and the rest folded, and the table.
pub fn summary_ui(ui: &mut Ui, results: &RunResults, discount_rate: f64, fold_after: usize) {
    headlines_ui(ui, results, discount_rate, Some(fold_after));
    ui.add_space(2.0);
    table_ui(ui, results);
}

/// The headline sentences, and what the table's figures are. With `fold_after`, the sentences
/// past that many are folded under "N more headlines".
pub fn headlines_ui(
    ui: &mut Ui,
    results: &RunResults,
    discount_rate: f64,
    fold_after: Option<usize>,
) {
    let lines = headlines(results);
    let shown = fold_after.unwrap_or(lines.len()).min(lines.len());
    for line in &lines[..shown] {
        ui.label(RichText::new(format!("• {line}")).size(14.5));
    }
    if lines.len() > shown {
        let more = lines.len() - shown;
        egui::CollapsingHeader::new(format!(
            "{more} more headline{}",
            if more == 1 { "" } else { "s" }
        ))
        .id_salt("more-headlines")
        .default_open(false)
        .show_unindented(ui, |ui| {
            for line in &lines[shown..] {
                ui.label(RichText::new(format!("• {line}")).size(14.5));
            }
        });
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
}

/// Room between two columns of the table.
const GAP: f32 = 6.0;
/// The narrowest the option-name column gets; names wrap within it.
const NAME_MIN_WIDTH: f32 = 86.0;
/// The widest the option-name column gets.
const NAME_MAX_WIDTH: f32 = 230.0;
/// The colour swatch before an option's name and the gap after it.
const SWATCH_ROOM: f32 = 16.0;
/// The smallest type the table steps down to before its names and headings wrap harder.
const SMALLEST_TEXT: f32 = 11.0;

/// How the table fits the width it has: the text size and each column's width.
#[derive(Debug, Clone, PartialEq)]
struct Fit {
    text_size: f32,
    name_width: f32,
    widths: Vec<f32>,
}

/// The whole table within `available` points: each figure column as wide as its widest figure
/// or the widest word of its heading (headings wrap), the names taking what is left. The type
/// steps down a point at a time until it fits, so no column ever hides behind a scrollbar.
fn fit(ui: &Ui, rows: &[Row], available: f32) -> Fit {
    let body = egui::TextStyle::Body.resolve(ui.style()).size;
    let mut size = body;
    loop {
        let font = egui::FontId::proportional(size);
        let width = |text: &str| text_width(ui, text, &font);
        let widths: Vec<f32> = COLUMNS
            .iter()
            .enumerate()
            .map(|(c, column)| {
                let figures = rows
                    .iter()
                    .filter_map(|r| r.cells.get(c))
                    .map(|cell| width(&cell.text));
                let words = column.narrow_title.split(['\n', ' ']).map(&width);
                figures.chain(words).fold(0.0, f32::max).ceil() + 2.0
            })
            .collect();
        let figures: f32 = widths.iter().sum::<f32>() + GAP * widths.len() as f32;
        // The swatch and its gaps come before the name; a few points spare for rounding.
        let name_room = available - figures - SWATCH_ROOM - 4.0;
        if name_room >= NAME_MIN_WIDTH || size <= SMALLEST_TEXT {
            let longest = rows
                .iter()
                .map(|r| width(&r.name))
                .fold(0.0, f32::max)
                .ceil();
            return Fit {
                text_size: size,
                name_width: name_room.clamp(
                    NAME_MIN_WIDTH,
                    NAME_MAX_WIDTH.min(longest + 2.0).max(NAME_MIN_WIDTH),
                ),
                widths,
            };
        }
        size -= 1.0;
    }
}

fn text_width(ui: &Ui, text: &str, font: &egui::FontId) -> f32 {
    ui.ctx().fonts_mut(|f| {
        f.layout_no_wrap(text.to_string(), font.clone(), egui::Color32::PLACEHOLDER)
            .size()
            .x
    })
}

/// The table: group headings, column headings (wrapped to their column), a row per option.
pub fn table_ui(ui: &mut Ui, results: &RunResults) {
    let rows = summary_table::rows(results);
    let fit = fit(ui, &rows, ui.available_width());
    let size = fit.text_size;
    ui.scope(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(GAP, 2.0);
        let weak = ui.visuals().weak_text_color();
        // Group headings, each over the columns it spans.
        ui.horizontal(|ui| {
            ui.add_space(fit.name_width + SWATCH_ROOM);
            for group in GROUPS {
                let span: f32 = fit.widths[group.first..group.first + group.span]
                    .iter()
                    .sum::<f32>()
                    + GAP * (group.span as f32 - 1.0);
                cell(ui, span, egui::Align::Min, |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(group.title).size(size).color(weak))
                            .truncate(),
                    );
                });
            }
        });
        ui.horizontal_top(|ui| {
            cell(
                ui,
                fit.name_width + SWATCH_ROOM - GAP,
                egui::Align::Min,
                |ui| {
                    ui.label(RichText::new("Option").strong().size(size));
                },
            );
            for (c, column) in COLUMNS.iter().enumerate() {
                cell(ui, fit.widths[c], egui::Align::Max, |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(column.narrow_title).strong().size(size))
                            .wrap(),
                    )
                    .on_hover_text(column.help);
                });
            }
        });
        for (i, row) in rows.iter().enumerate() {
            let background = ui.painter().add(egui::Shape::Noop);
            let drawn = ui.horizontal_top(|ui| {
                let (rect, _) = ui
                    .allocate_exact_size(egui::vec2(SWATCH_ROOM - GAP, 10.0), egui::Sense::hover());
                let swatch = egui::Rect::from_min_size(
                    rect.min + egui::vec2(0.0, 3.0),
                    egui::vec2(10.0, 10.0),
                );
                ui.painter()
                    .rect_filled(swatch, 2.0, palette::option_colour(i));
                cell(ui, fit.name_width, egui::Align::Min, |ui| {
                    ui.add(egui::Label::new(RichText::new(row.name.as_str()).size(size)).wrap());
                });
                for (c, value) in row.cells.iter().enumerate() {
                    let width = fit.widths.get(c).copied().unwrap_or(40.0);
                    cell(ui, width, egui::Align::Max, |ui| {
                        ui.label(RichText::new(value.text.as_str()).size(size));
                    });
                }
            });
            if i % 2 == 1 {
                ui.painter().set(
                    background,
                    egui::Shape::rect_filled(
                        drawn.response.rect.expand2(egui::vec2(2.0, 1.0)),
                        2.0,
                        ui.visuals().faint_bg_color,
                    ),
                );
            }
        }
    });
}

/// A column's cell: exactly `width` wide, its contents aligned left (`Min`) or right (`Max`).
fn cell(ui: &mut Ui, width: f32, align: egui::Align, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(width, 0.0),
        egui::Layout::top_down(align),
        |ui| {
            ui.set_width(width);
            add(ui);
        },
    );
}
