//! The kinds of placement for looked-after children: the inflation of their weekly costs, and
//! the mix: each kind's name, share and weekly cost, with adding, renaming and removing a kind.
//! A rename is applied when its box is left, as a command, so it is one step to undo and its
//! notes follow it.

use egui::{CollapsingHeader, Grid, RichText, TextEdit, Ui};

use crate::app::command::Command;
use crate::model::inputs::{WEEKLY_COST_RANGE, weekly_cost_path};
use crate::model::{ScenarioFile, WorldInput};

use super::dist_editor::{Layout, dist_editor, number_box, problem_lines};
use super::fields::{self, Unit};
use super::notes::{note_button, note_editor};
use super::{Rows, world_row};

/// The placements section. Returns the kind of placement renamed this frame, and its new name.
pub(super) fn placements_section(
    ui: &mut Ui,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
    names: &mut Vec<String>,
    commands: &mut Vec<Command>,
) -> Option<(usize, String)> {
    CollapsingHeader::new(RichText::new("Placements").strong())
        .default_open(false)
        .show(ui, |ui| {
            Grid::new("placements")
                .num_columns(2)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    world_row(ui, WorldInput::PlacementInflation, file, rows);
                });
            ui.add_space(4.0);
            ui.label(RichText::new("Mix of placements").strong())
                .on_hover_text(
                    "Kinds of placement for looked-after children: the share in each (the shares \
                 must add up to 100%) and its weekly cost.",
                );
            let count = file.placements.mix.len();
            names.resize(count, String::new());
            let mut renamed = None;
            Grid::new("placement-mix")
                .num_columns(4)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Placement").weak());
                    ui.label(RichText::new("Share (%)").weak());
                    ui.label(RichText::new("Weekly cost (£/week)").weak())
                        .on_hover_text(fields::WEEKLY_COST.help);
                    ui.end_row();
                    for (k, p) in file.placements.mix.iter_mut().enumerate() {
                        let base = format!("placements.mix[{}]", p.name);
                        let buffer = &mut names[k];
                        let label = ui
                            .add(TextEdit::singleline(buffer).desired_width(190.0))
                            .accessible_name(format!("Placement {} name", k + 1))
                            .on_hover_text("The placement's name; press Enter to rename it.");
                        let typed = buffer.trim();
                        if label.lost_focus() {
                            if !typed.is_empty() && typed != p.name {
                                renamed = Some((k, typed.to_string()));
                            }
                        } else if !label.has_focus() {
                            // Not being typed in: follow the scenario (undo, another rename).
                            buffer.clone_from(&p.name);
                        }
                        let share_path = format!("{base}.share");
                        let share_name = format!("{} share", p.name);
                        ui.vertical(|ui| {
                            ui.horizontal(|ui| {
                                // Named on its own: labelled by the name box, it would
                                // take that box's accessible name.
                                number_box(ui, &mut p.share, Unit::Percent, &share_name);
                                note_button(ui, rows.note, rows.notes, &share_path, &share_name);
                            });
                            problem_lines(ui, rows.problems.get(&share_path));
                            problem_lines(ui, rows.problems.get(&base));
                            note_editor(ui, rows.note, rows.notes, &share_path, &share_name, 180.0);
                        });
                        let cost_path = weekly_cost_path(&p.name);
                        let cost_name = format!("{}: weekly cost", p.name);
                        ui.vertical(|ui| {
                            let (note, notes) = (&mut *rows.note, &*rows.notes);
                            let mut button =
                                |ui: &mut Ui| note_button(ui, note, notes, &cost_path, &cost_name);
                            dist_editor(
                                ui,
                                &mut p.weekly_cost,
                                &fields::WEEKLY_COST,
                                WEEKLY_COST_RANGE,
                                &cost_name,
                                rows.problems.get(&cost_path),
                                rows.cache,
                                Layout::Compact,
                                Some(&mut button),
                            );
                            note_editor(ui, rows.note, rows.notes, &cost_path, &cost_name, 220.0);
                        });
                        if ui
                            .add_enabled(count > 1, egui::Button::new("Remove").small())
                            .on_hover_text("Removes this kind of placement.")
                            .on_disabled_hover_text("At least one kind of placement is needed.")
                            .accessible_name(format!("Remove placement {}", p.name))
                            .clicked()
                        {
                            commands.push(Command::RemovePlacement(k));
                        }
                        ui.end_row();
                    }
                });
            if ui
                .button("+ Add a placement")
                .on_hover_text(
                    "Adds a kind of placement with a 0% share; take its share from the others.",
                )
                .clicked()
            {
                commands.push(Command::AddPlacement);
            }
            let total: f64 = file.placements.mix.iter().map(|p| p.share).sum();
            ui.label(
                RichText::new(format!(
                    "Shares add up to {}%",
                    crate::present::format::trim_number(total * 100.0, 2)
                ))
                .weak(),
            );
            problem_lines(ui, rows.problems.get("placements.mix"));
            renamed
        })
        .body_returned
        .flatten()
}
