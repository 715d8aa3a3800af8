//! Under the summary of a whole-budget run, in the fold of tables: the first year's cost by
//! budget block for every option ([`crate::present::budget::block_table`]), so a finance officer
//! can set the figures beside their own budget lines.

use egui::{Grid, RichText, Ui};

use crate::model::{RunResults, ScenarioFile};
use crate::present::budget::block_table;
use crate::present::financial_year;

/// The table; nothing for a format version 1–2 run.
pub fn block_table_ui(ui: &mut Ui, file: &ScenarioFile, results: &RunResults) {
    let Some(table) = block_table(file, results, 0) else {
        return;
    };
    ui.label(
        RichText::new(format!(
            "Cost in {} by budget block (£m, nominal)",
            financial_year(table.year)
        ))
        .strong(),
    );
    ui.label(
        RichText::new(
            "Mean over the futures. Each block stands for a line of the revenue outturn \
             (RO3); social-work teams for safeguarding, placements for residential care \
             and fostering.",
        )
        .weak(),
    );
    Grid::new("block-grid")
        .striped(true)
        .num_columns(table.options.len() + 1)
        .show(ui, |ui| {
            ui.label(RichText::new("Block").strong());
            for o in &table.options {
                ui.label(RichText::new(o).strong());
            }
            ui.end_row();
            for row in &table.rows {
                ui.label(&row.name)
                    .on_hover_text(if row.ro3_line.is_empty() {
                        "Not a line of its own in the revenue outturn.".to_string()
                    } else {
                        format!("RO3 line: {}", row.ro3_line)
                    });
                for v in &row.values {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(format!("{:.1}", v / 1e6));
                    });
                }
                ui.end_row();
            }
        });
    ui.add_space(8.0);
}
