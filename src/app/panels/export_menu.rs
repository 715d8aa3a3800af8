//! The export items of the File menu (report, charts, CSV, Excel workbook) and each chart's own
//! Export menu (PNG, SVG, copy to the clipboard). They only record commands;
//! [`crate::app::export`] does the work.

use egui::Ui;

use crate::app::command::{ChartFormat, Command, Export};
use crate::present::chart_data::ChartKind;

/// The File menu's export items. `can_export` is false until there are results.
pub fn file_menu_items(ui: &mut Ui, can_export: bool, commands: &mut Vec<Command>) {
    let item = |ui: &mut Ui, text: &str, help: &str| {
        ui.add_enabled(can_export, egui::Button::new(text))
            .on_hover_text(help)
            .on_disabled_hover_text("Nothing to export until the first run finishes.")
            .clicked()
    };
    if item(
        ui,
        "Export report…",
        "One HTML file with caveats, headlines, the summary, every chart, the assumptions and \
         the method; it prints to A4.",
    ) {
        commands.push(Command::Export(Export::Report));
    }
    if item(
        ui,
        "Export charts…",
        "Every chart as PNG (1,600 pixels wide) and SVG, into a folder you choose.",
    ) {
        commands.push(Command::Export(Export::Charts));
    }
    if item(
        ui,
        "Export CSV…",
        "Each option's figures for each year: cost, quality, staff and every cost line.",
    ) {
        commands.push(Command::Export(Export::Csv { iterations: false }));
    }
    if item(
        ui,
        "Export CSV with each iteration…",
        "The per-year CSV, and beside it a second CSV with each simulated future's net present \
         cost for every option.",
    ) {
        commands.push(Command::Export(Export::Csv { iterations: true }));
    }
    if item(
        ui,
        "Export Excel workbook…",
        "One .xlsx file: the summary and headlines, each option's figures for each year, each \
         simulated future's net present cost, the assumptions and the method, with Excel charts \
         of annual cost and of the difference from the baseline.",
    ) {
        commands.push(Command::Export(Export::Workbook));
    }
    ui.add_enabled_ui(can_export, |ui| {
        ui.menu_button("Export to a typed path", |ui| {
            for (text, export) in [
                ("Report…", Export::Report),
                ("Charts…", Export::Charts),
                ("CSV…", Export::Csv { iterations: false }),
                ("CSV with each iteration…", Export::Csv { iterations: true }),
                ("Excel workbook…", Export::Workbook),
            ] {
                if ui
                    .button(text)
                    .on_hover_text(
                        "Type where to write it, starting in Care Options in your documents \
                         folder. Offered by itself when no file dialog can open.",
                    )
                    .clicked()
                {
                    commands.push(Command::ShowExportPath(export));
                }
            }
        });
    });
}

/// A chart's own Export menu, at the top right of the chart. The choice is recorded in `requested`
/// for the results panel to turn into a command.
pub fn chart_export_menu(ui: &mut Ui, kind: ChartKind, requested: &mut Option<Command>) {
    ui.menu_button("Export", |ui| {
        if ui
            .button("Save as PNG…")
            .on_hover_text("1,600 × 1,000 pixels, white background, with the stamp.")
            .clicked()
        {
            *requested = Some(Command::Export(Export::Chart(kind, ChartFormat::Png)));
        }
        if ui
            .button("Save as SVG…")
            .on_hover_text("A vector picture that stays sharp at any size.")
            .clicked()
        {
            *requested = Some(Command::Export(Export::Chart(kind, ChartFormat::Svg)));
        }
        if ui
            .button("Copy image")
            .on_hover_text("The PNG picture, to paste into a document or slide.")
            .clicked()
        {
            *requested = Some(Command::CopyChart(kind));
        }
    })
    .response
    .on_hover_text("Save or copy this chart as it will print, with the stamp.");
}
