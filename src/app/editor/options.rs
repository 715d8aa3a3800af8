//! The delivery options side by side: one column per option, one row per input, so differences
//! between options read across a row. Add an option from a template, duplicate, rename, remove,
//! and choose the baseline.

use egui::{Grid, RichText, TextEdit, Ui};

use crate::model::{OptionInput, OptionKind, ScenarioFile};

use super::dist_editor::{Layout, dist_editor, flag_lines, problem_lines};
use super::fields::{self, option_spec};
use super::notes::{Notes, note_button, note_editor};
use super::{Rows, field_label};
use crate::app::Command;
use crate::app::document::ProblemsByPath;
use crate::app::palette;

/// Width of one option's column.
const COLUMN_WIDTH: f32 = 170.0;
/// Width of the row labels, which wrap.
const LABEL_WIDTH: f32 = 140.0;

pub fn options_ui(
    ui: &mut Ui,
    option_names: &mut Vec<String>,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Add an option:");
        for kind in OptionKind::ALL {
            if ui
                .button(format!("+ {}", kind_title(kind)))
                .on_hover_text(format!(
                    "Adds a {} option with the default scenario's values for that kind.",
                    kind.label()
                ))
                .clicked()
            {
                commands.push(Command::AddOption(kind));
            }
        }
    });
    ui.label(
        RichText::new(
            "Grey ranges are the P10–P90 each distribution implies. Hover over a row's name for \
             what it means.",
        )
        .weak()
        .size(12.0),
    );
    ui.add_space(4.0);
    option_names.resize(file.options.len(), String::new());
    let count = file.options.len();
    egui::ScrollArea::horizontal()
        .id_salt("options-columns")
        .show(ui, |ui| {
            Grid::new("options-grid")
                .num_columns(count + 1)
                .striped(true)
                .min_col_width(60.0)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    header_rows(ui, option_names, file, rows.problems, commands);
                    for &input in OptionInput::ALL {
                        let spec = option_spec(input);
                        let notes = notes_of_row(file, rows.notes, |name| input.path(name));
                        wrapped_label(ui, &spec, &format!("options[…].{}", input.field()), notes);
                        for option in file.options.iter_mut() {
                            let path = input.path(&option.name);
                            let name = format!("{}: {}", option.name, spec.label);
                            ui.vertical(|ui| {
                                ui.set_width(COLUMN_WIDTH);
                                // At the right end of the values, so that the buttons line up.
                                let (note, notes) = (&mut *rows.note, &*rows.notes);
                                let mut button =
                                    |ui: &mut Ui| note_button(ui, note, notes, &path, &name);
                                dist_editor(
                                    ui,
                                    input.get_mut(option),
                                    &spec,
                                    input.range(),
                                    &name,
                                    rows.problems.get(&path),
                                    rows.cache,
                                    Layout::Compact,
                                    Some(&mut button),
                                );
                                flag_lines(ui, rows.flags.get(&path));
                                note_editor(ui, rows.note, rows.notes, &path, &name, COLUMN_WIDTH);
                            });
                        }
                        ui.end_row();
                    }
                    let spec = fields::CONTRACT_YEARS;
                    let contract_path = |name: &str| format!("options[{name}].contract_years");
                    let notes = notes_of_row(file, rows.notes, contract_path);
                    let label = wrapped_label(ui, &spec, "options[…].contract_years", notes);
                    for option in file.options.iter_mut() {
                        let path = contract_path(&option.name);
                        let name = format!("{}: {}", option.name, spec.label);
                        ui.vertical(|ui| {
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::DragValue::new(&mut option.contract_years)
                                        .speed(0.1)
                                        .suffix(" years"),
                                )
                                .labelled_by(label.id)
                                .accessible_name(name.as_str());
                                note_button(ui, rows.note, rows.notes, &path, &name);
                            });
                            problem_lines(ui, rows.problems.get(&path));
                            note_editor(ui, rows.note, rows.notes, &path, &name, COLUMN_WIDTH);
                        });
                    }
                    ui.end_row();
                });
        });
}

fn header_rows(
    ui: &mut Ui,
    option_names: &mut [String],
    file: &mut ScenarioFile,
    problems: &ProblemsByPath,
    commands: &mut Vec<Command>,
) {
    let count = file.options.len();
    ui.label(RichText::new("Option").strong());
    for (i, option) in file.options.iter().enumerate() {
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 2.0, palette::option_colour(i));
                let buffer = &mut option_names[i];
                let response = ui
                    .add(TextEdit::singleline(buffer).desired_width(COLUMN_WIDTH - 24.0))
                    .accessible_name(format!("Option {} name", i + 1))
                    .on_hover_text("The option's name; press Enter to rename it.");
                let typed = buffer.trim();
                if response.lost_focus() {
                    if !typed.is_empty() && typed != option.name {
                        commands.push(Command::RenameOption(i, typed.to_string()));
                    }
                } else if !response.has_focus() {
                    // Not being typed in: follow the scenario (undo, another rename).
                    buffer.clone_from(&option.name);
                }
            });
            problem_lines(ui, problems.get(&format!("options[{}]", option.name)));
        });
    }
    ui.end_row();

    let kind_label = ui
        .label("Kind")
        .on_hover_text("Who delivers the service. Sets colours and wording, never the arithmetic.");
    for (i, option) in file.options.iter_mut().enumerate() {
        egui::ComboBox::from_id_salt(("option-kind", i))
            .selected_text(kind_title(option.kind))
            .width(COLUMN_WIDTH - 20.0)
            .show_ui(ui, |ui| {
                for kind in OptionKind::ALL {
                    ui.selectable_value(&mut option.kind, kind, kind_title(kind));
                }
            })
            .response
            .labelled_by(kind_label.id)
            .accessible_name(format!("{}: kind", option.name));
    }
    ui.end_row();

    ui.label("");
    let baseline = file.appraisal.baseline_option.clone();
    for option in &file.options {
        let is_baseline = option.name == baseline;
        if ui
            .radio(is_baseline, "Baseline")
            .on_hover_text("Compare every other option with this one.")
            .accessible_name(format!("Make {} the baseline", option.name))
            .clicked()
            && !is_baseline
        {
            commands.push(Command::SetBaseline(option.name.clone()));
        }
    }
    ui.end_row();

    ui.label("");
    for (i, option) in file.options.iter().enumerate() {
        ui.horizontal(|ui| {
            if ui
                .small_button("Duplicate")
                .on_hover_text("Adds a copy of this option to change.")
                .accessible_name(format!("Duplicate {}", option.name))
                .clicked()
            {
                commands.push(Command::DuplicateOption(i));
            }
            if ui
                .add_enabled(count > 1, egui::Button::new("Remove").small())
                .on_hover_text("Removes this option (Edit, Undo brings it back).")
                .on_disabled_hover_text("A scenario needs at least one option.")
                .accessible_name(format!("Remove {}", option.name))
                .clicked()
            {
                commands.push(Command::RemoveOption(i));
            }
        });
    }
    ui.end_row();
}

/// A row label that wraps to the label column's width; its tooltip ends with each option's note.
fn wrapped_label(
    ui: &mut Ui,
    spec: &fields::FieldSpec,
    path: &str,
    notes: Option<String>,
) -> egui::Response {
    field_label(ui, spec, path, LABEL_WIDTH, notes.as_ref())
}

/// The notes of one row's inputs, one line per option that has one ("Children's trust: …").
fn notes_of_row(
    file: &ScenarioFile,
    notes: &Notes,
    path_of: impl Fn(&str) -> String,
) -> Option<String> {
    let lines: Vec<String> = file
        .options
        .iter()
        .filter_map(|o| {
            notes
                .get(&path_of(&o.name))
                .filter(|n| !n.trim().is_empty())
                .map(|n| format!("\n• {}: {n}", o.name))
        })
        .collect();
    (!lines.is_empty()).then(|| lines.concat())
}

/// The kind as a title: "In-house", "Children's trust", "Community interest company".
pub fn kind_title(kind: OptionKind) -> &'static str {
    match kind {
        OptionKind::InHouse => "In-house",
        OptionKind::Trust => "Children's trust",
        OptionKind::Cic => "Community interest company",
    }
}
