//! What would change the verdict: each option's switching-value sentence under the summary, and
//! its table of the ten most influential inputs, folded. Reads results only.

use egui::{RichText, Ui};

use crate::app::runner::Finished;
use crate::present::switching::{SWITCHING_HEADINGS, switching_rows, switching_sentence};

/// Each option's switching-value sentence stays in view (it says which assumption decides the
/// verdict); the cost by budget block, the two-by-two tables and the tables of switching values
/// fold under one heading, so that on a laptop the summary, the sentences and a whole chart are
/// on screen together.
pub fn switching_ui(ui: &mut Ui, finished: &Finished, pending: bool) {
    let r = &finished.results;
    if r.switching_values.is_none() && pending {
        // A still line, not a spinner: the job asks for a redraw when it ends, and a spinner
        // would redraw the window for as long as it works.
        ui.label(
            RichText::new(
                "Working out switching values: the value each key input would need to turn the \
                 verdict…",
            )
            .weak(),
        );
    }
    for sentence in sentences(finished) {
        ui.label(RichText::new(sentence).strong());
    }
    let title = if finished.file.is_whole_budget() {
        "Tables: cost by budget block, outcomes two by two, switching values"
    } else {
        "Tables: outcomes two by two"
    };
    egui::CollapsingHeader::new(title)
        .id_salt("verdict-section")
        .show(ui, |ui| {
            super::budget::block_table_ui(ui, &finished.file, &finished.results);
            outcomes_ui(ui, finished);
            tail_ui(ui, finished);
            if r.switching_values.is_some() {
                switching_tables_ui(ui, finished);
            }
        });
}

/// Each option's switching-value sentence, once the values are worked out.
pub fn sentences(finished: &Finished) -> Vec<String> {
    let r = &finished.results;
    if r.switching_values.is_none() {
        return Vec::new();
    }
    r.options
        .iter()
        .filter_map(|option| switching_sentence(r, option, &finished.file))
        .collect()
}

fn switching_tables_ui(ui: &mut Ui, finished: &Finished) {
    let r = &finished.results;
    ui.add_space(6.0);
    for option in &r.options {
        if switching_sentence(r, option, &finished.file).is_none() {
            continue;
        }
        let rows = switching_rows(r, &option.name, &finished.file);
        egui::CollapsingHeader::new(format!("Switching values: {}", option.name))
            .id_salt(("switching", &option.name))
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "The value each input (its distribution's mean) would need for the \
                         mean difference from {} to be zero, or for the option to cost less in \
                         50% of futures: the same {} futures run again with only that input \
                         moved, its shape kept. Most fragile first.",
                        r.baseline_option,
                        crate::present::thousands(r.iterations)
                    ))
                    .weak(),
                );
                egui::Grid::new(("switching-grid", &option.name))
                    .striped(true)
                    .show(ui, |ui| {
                        for heading in SWITCHING_HEADINGS {
                            ui.label(RichText::new(heading).strong());
                        }
                        ui.end_row();
                        for row in &rows {
                            for cell in [
                                &row.input,
                                &row.assumed,
                                &row.p10_p90,
                                &row.zero_mean,
                                &row.even_chance,
                            ] {
                                ui.label(cell.as_str());
                            }
                            ui.label(row.inside);
                            ui.end_row();
                        }
                    });
            });
    }
}

/// Each option against the baseline, two by two: cheaper or not, higher quality or not, as
/// shares of futures. Its "cheaper, higher quality" cell is the summary's P(cheaper and better).
fn outcomes_ui(ui: &mut Ui, finished: &Finished) {
    use crate::present::outcomes::{COLUMNS, ROWS, outcomes};
    let r = &finished.results;
    ui.horizontal_wrapped(|ui| {
        for (o, option) in r.options.iter().enumerate() {
            let Some(table) = outcomes(r, o) else {
                continue;
            };
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(format!("{} against {}", option.name, r.baseline_option))
                        .strong(),
                );
                egui::Grid::new(("outcomes", o))
                    .striped(true)
                    .show(ui, |ui| {
                        ui.label("");
                        for c in COLUMNS {
                            ui.label(c);
                        }
                        ui.end_row();
                        for (row, cells) in ROWS.iter().zip(table.cells()) {
                            ui.label(*row);
                            for cell in cells {
                                ui.label(crate::present::percent(cell));
                            }
                            ui.end_row();
                        }
                    });
            });
            ui.add_space(16.0);
        }
    });
}

/// What stands apart in each option's costliest tenth of futures, one sentence per option.
fn tail_ui(ui: &mut Ui, finished: &Finished) {
    use crate::present::switching::{TAIL_HEADING, tail_sentences};
    let sentences = tail_sentences(&finished.results, &finished.file);
    if sentences.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(TAIL_HEADING).strong())
        .on_hover_text(
            "Each input's mean in the option's costliest tenth of futures (against the baseline; \
             the baseline's own by its net present cost), and in brackets over all futures: the \
             inputs that stand furthest apart, in their own spread, first.",
        );
    for sentence in sentences {
        ui.add(egui::Label::new(sentence).wrap());
    }
}
