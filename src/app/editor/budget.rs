//! The Budget section of a whole-budget scenario (format version 3): the council's overhead on
//! the blocks it keeps, and each budget block beyond the social-work teams and placements — its
//! unit cost (per open case, child in need, child looked after, child aged 0–17, or a fixed sum
//! a year) and its yearly growth, with the RO3 line it stands for.

use egui::{RichText, Ui};

use crate::model::ScenarioFile;
use crate::model::inputs::{BlockInput, RETAINED_OVERHEAD_PATH, RETAINED_OVERHEAD_RANGE};
use crate::present::fields::{RETAINED_OVERHEAD, block_spec};

use super::dist_editor::{Layout, dist_editor};
use super::notes::note_editor;
use super::{NOTE_WIDTH, Rows, dist_row, label_with_note, section};

/// The section; nothing for a format version 1–2 scenario, which has no budget.
pub fn budget_section(ui: &mut Ui, file: &mut ScenarioFile, rows: &mut Rows<'_>) {
    let Some(budget) = file.budget.as_mut() else {
        return;
    };
    section(ui, "Budget", false, |ui| {
        dist_row(
            ui,
            &mut budget.retained_overhead_rate,
            &RETAINED_OVERHEAD,
            RETAINED_OVERHEAD_PATH,
            RETAINED_OVERHEAD_RANGE,
            rows,
        );
        for block in &mut budget.blocks {
            ui.label(RichText::new(&block.name).strong())
                .on_hover_text(format!(
                    "Stands for the RO3 line \"{}\"; id {}.",
                    block.ro3_line, block.id
                ));
            ui.label(RichText::new(format!("RO3 line: {}", block.ro3_line)).weak());
            ui.end_row();
            for input in BlockInput::ALL {
                let spec = block_spec(input, block.driver);
                let path = input.path(&block.name);
                // The block's name in the field's accessible name, so each names its own block.
                let name = format!("{}: {}", block.name, spec.label);
                label_with_note(ui, &spec, &path, rows);
                ui.vertical(|ui| {
                    dist_editor(
                        ui,
                        input.get_mut(block),
                        &spec,
                        input.range(),
                        &name,
                        rows.problems.get(&path),
                        rows.cache,
                        Layout::Wide,
                        None,
                    );
                    note_editor(ui, rows.note, rows.notes, &path, &name, NOTE_WIDTH);
                });
                ui.end_row();
            }
        }
    });
}
