//! The inputs that differ between A and each other scenario, as `care-options diff` lists them.

use egui::{Grid, RichText, Ui};

use crate::app::editor::fields::input_title;
use crate::model::diff::diff;

use super::Entry;

/// The inputs that differ between A and each other scenario.
pub(super) fn differences_ui(ui: &mut Ui, entries: &[Entry<'_>]) {
    let Some(a) = entries.first() else { return };
    ui.label(RichText::new("Inputs that differ").strong().size(15.0));
    ui.label(
        RichText::new(
            "Every field that differs between the inputs each run came from, with its value in \
             each, as the scenario file writes it (care-options diff gives the same list).",
        )
        .weak()
        .size(12.5),
    );
    for e in entries.iter().skip(1) {
        let differences = diff(&a.finished.file, &e.finished.file);
        egui::CollapsingHeader::new(format!(
            "A and {}: {} field{} differ{}",
            e.letter,
            differences.len(),
            if differences.len() == 1 { "" } else { "s" },
            if differences.len() == 1 { "s" } else { "" }
        ))
        .id_salt(("compare-diff", e.letter))
        .default_open(true)
        .show(ui, |ui| {
            if differences.is_empty() {
                ui.label("The two runs come from the same inputs.");
                return;
            }
            diff_grid(ui, &differences, e.letter);
        });
    }
}

pub(super) fn diff_grid(ui: &mut Ui, differences: &[crate::model::diff::Difference], letter: char) {
    let value_width = ((ui.available_width() - 260.0) / 2.0).max(200.0);
    Grid::new(("compare-diff-grid", letter))
        .striped(true)
        .spacing([14.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Field").strong());
            ui.label(RichText::new("A").strong());
            ui.label(RichText::new(letter.to_string()).strong());
            ui.end_row();
            for d in differences {
                ui.label(input_title(&d.path)).on_hover_text(&d.path);
                for value in [&d.a, &d.b] {
                    ui.scope(|ui| {
                        ui.set_max_width(value_width);
                        ui.add(
                            egui::Label::new(RichText::new(value).monospace().size(12.0)).wrap(),
                        );
                    });
                }
                ui.end_row();
            }
        });
}
