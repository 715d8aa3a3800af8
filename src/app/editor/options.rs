//! The delivery options side by side: one column per option, one row per input, so differences
//! between options read across a row. Add an option from a template, duplicate, rename, remove,
//! and choose the baseline.

use egui::{RichText, TextEdit, Ui};

use crate::model::{OptionInput, OptionKind, ScenarioFile};

use super::dist_editor::{Layout, dist_editor, flag_lines, problem_lines};
use super::fields::{self, option_spec};
use super::notes::{Notes, note_button, note_editor};
use super::{Rows, field_label};
use crate::app::command::Command;
use crate::app::document::ProblemsByPath;
use crate::app::palette;

/// The narrowest an option's column gets: a distribution's three value boxes and its note
/// button side by side.
pub const COLUMN_MIN_WIDTH: f32 = 176.0;
/// The widest an option's column gets when the editor has room to spare.
const COLUMN_MAX_WIDTH: f32 = 240.0;
/// Width of the row labels, which wrap; they stay put while the options scroll sideways.
pub const LABEL_WIDTH: f32 = 132.0;
/// Room between two columns.
const COLUMN_GAP: f32 = 8.0;

/// The editor width at which `count` options sit side by side with the row labels, panel margins
/// and the vertical scrollbar included.
pub fn width_for(count: usize) -> f32 {
    let count = count.max(1) as f32;
    LABEL_WIDTH + COLUMN_GAP + count * COLUMN_MIN_WIDTH + (count - 1.0) * COLUMN_GAP + 36.0
}

/// Where the option columns are scrolled to, shared by every row so that they move together
/// while the row labels stay where they are.
#[derive(Debug, Default, Clone)]
pub struct OptionsScroll {
    /// Points scrolled to the right.
    pub offset: f32,
    /// A row scrolled itself this frame (a widget was brought into view): every row follows.
    moved: Option<f32>,
    /// The width of all the columns and of the part on show, as of the last frame.
    pub content_width: f32,
    pub view_width: f32,
}

/// The columns' geometry for this frame.
#[derive(Debug, Clone, Copy)]
pub(super) struct Columns {
    pub width: f32,
    count: usize,
}

pub fn options_ui(
    ui: &mut Ui,
    option_names: &mut Vec<String>,
    scroll: &mut OptionsScroll,
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
    ui.add(
        egui::Label::new(
            RichText::new(
                "Grey ranges are the P10–P90 each distribution implies. Hover over a row's name \
                 for what it means. The names stay put while the options scroll sideways.",
            )
            .weak()
            .size(12.0),
        )
        .wrap(),
    );
    ui.add_space(4.0);
    option_names.resize(file.options.len(), String::new());
    let count = file.options.len();
    if let Some(moved) = scroll.moved.take() {
        scroll.offset = moved;
    }
    let room = ui.available_width() - LABEL_WIDTH - COLUMN_GAP;
    let columns = Columns {
        width: ((room - COLUMN_GAP * (count as f32 - 1.0)) / count.max(1) as f32)
            .clamp(COLUMN_MIN_WIDTH, COLUMN_MAX_WIDTH),
        count,
    };
    scroll_bar(ui, scroll);
    let mut index = 0;
    header_rows(
        ui,
        &mut index,
        scroll,
        columns,
        option_names,
        file,
        rows.problems,
        commands,
    );
    for &input in OptionInput::ALL {
        // Fields of another format version than the scenario's are not shown.
        if file.options.iter().all(|o| input.get(o).is_none()) {
            continue;
        }
        let spec = option_spec(input);
        let notes = notes_of_row(file, rows.notes, |name| input.path(name));
        row(ui, &mut index, |ui| {
            label_cell(ui, |ui| {
                wrapped_label(ui, &spec, &format!("options[…].{}", input.field()), notes);
            });
            option_cells(ui, scroll, |ui| {
                for option in file.options.iter_mut() {
                    let path = input.path(&option.name);
                    let name = format!("{}: {}", option.name, spec.label);
                    cell(ui, columns, |ui| {
                        // At the right end of the values, so that the buttons line up.
                        let (note, notes) = (&mut *rows.note, &*rows.notes);
                        let mut button = |ui: &mut Ui| note_button(ui, note, notes, &path, &name);
                        let Some(dist) = input.get_mut(option) else {
                            ui.label("—");
                            return;
                        };
                        dist_editor(
                            ui,
                            dist,
                            &spec,
                            input.range(),
                            &name,
                            rows.problems.get(&path),
                            rows.cache,
                            Layout::Compact,
                            Some(&mut button),
                        );
                        flag_lines(ui, rows.flags.get(&path));
                        note_editor(ui, rows.note, rows.notes, &path, &name, columns.width);
                    });
                }
            });
        });
    }
    let spec = fields::CONTRACT_YEARS;
    let contract_path = |name: &str| format!("options[{name}].contract_years");
    let notes = notes_of_row(file, rows.notes, contract_path);
    row(ui, &mut index, |ui| {
        let label = label_cell(ui, |ui| {
            wrapped_label(ui, &spec, "options[…].contract_years", notes)
        });
        option_cells(ui, scroll, |ui| {
            for option in file.options.iter_mut() {
                let path = contract_path(&option.name);
                let name = format!("{}: {}", option.name, spec.label);
                cell(ui, columns, |ui| {
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
                    note_editor(ui, rows.note, rows.notes, &path, &name, columns.width);
                });
            }
        });
    });
    let mut grid = OptionsGrid {
        index,
        scroll,
        columns,
    };
    super::contract::contract_rows(ui, file, rows, &mut grid);
}

/// The rows of the options as another file lays them out (the contract rows): frozen labels,
/// the option columns scrolled together, every other row striped.
pub(super) struct OptionsGrid<'a> {
    index: usize,
    scroll: &'a mut OptionsScroll,
    /// The columns' width this frame.
    pub columns: Columns,
}

impl OptionsGrid<'_> {
    /// One row: `add` draws its label in the frozen column ([`GridRow::label`]), then each
    /// option's cell ([`GridRow::cells`], with [`cell`] once per option, in order).
    pub fn row(&mut self, ui: &mut Ui, add: impl FnOnce(&mut Ui, &mut GridRow<'_>)) {
        let scroll = &mut *self.scroll;
        row(ui, &mut self.index, |ui| {
            add(ui, &mut GridRow { scroll });
        });
    }
}

/// A row of [`OptionsGrid`] being drawn.
pub(super) struct GridRow<'a> {
    scroll: &'a mut OptionsScroll,
}

impl GridRow<'_> {
    /// The row's label, in the frozen column.
    pub fn label(&mut self, ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
        label_cell(ui, add);
    }

    /// The row's option cells, scrolled with every other row.
    pub fn cells(&mut self, ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
        option_cells(ui, self.scroll, add);
    }
}

/// The one visible scrollbar of the option columns, above them, shown only when they do not all
/// fit; every row follows it.
fn scroll_bar(ui: &mut Ui, scroll: &mut OptionsScroll) {
    if scroll.content_width <= scroll.view_width + 0.5 {
        return;
    }
    ui.horizontal(|ui| {
        ui.add_sized(
            egui::vec2(LABEL_WIDTH, 0.0),
            egui::Label::new(RichText::new("More options:").weak().size(12.0)),
        );
        let output = egui::ScrollArea::horizontal()
            .id_salt("options-scrollbar")
            .horizontal_scroll_offset(scroll.offset)
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.allocate_space(egui::vec2(scroll.content_width, 1.0));
            });
        if (output.state.clamped_offset().x - scroll.offset).abs() > 0.5 {
            scroll.moved = Some(output.state.clamped_offset().x);
        }
    });
}

/// One row of the options: label and cells side by side, every other row on a faint stripe.
fn row(ui: &mut Ui, index: &mut usize, add: impl FnOnce(&mut Ui)) {
    let background = ui.painter().add(egui::Shape::Noop);
    let drawn = ui.horizontal_top(add);
    if *index % 2 == 1 {
        ui.painter().set(
            background,
            egui::Shape::rect_filled(
                drawn.response.rect.expand2(egui::vec2(2.0, 2.0)),
                2.0,
                ui.visuals().faint_bg_color,
            ),
        );
    }
    *index += 1;
    ui.add_space(4.0);
}

/// The row's label, in the frozen column at the left.
fn label_cell<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        egui::vec2(LABEL_WIDTH, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(LABEL_WIDTH);
            add(ui)
        },
    )
    .inner
}

/// The row's option cells, shifted sideways by the shared offset and clipped to the room right
/// of the labels. Not a scroll area of its own: a nested horizontal scroll area would swallow
/// the editor's vertical scroll requests (Tab to a field below, scrolling to a problem).
fn option_cells(ui: &mut Ui, scroll: &mut OptionsScroll, add: impl FnOnce(&mut Ui)) {
    let room = ui.available_rect_before_wrap();
    let view_width = room.width().max(0.0);
    let max_offset = (scroll.content_width - view_width).max(0.0);
    let offset = scroll.offset.clamp(0.0, max_offset);
    let shifted = egui::Rect::from_min_max(
        egui::pos2(room.left() - offset, room.top()),
        egui::pos2(f32::INFINITY, f32::INFINITY),
    );
    let mut cells = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(shifted)
            .layout(egui::Layout::left_to_right(egui::Align::Min)),
    );
    // Clipped at the sides only: a row is as tall as its tallest cell.
    let clip = ui.clip_rect();
    cells.set_clip_rect(egui::Rect::from_x_y_ranges(
        room.x_range().intersection(clip.x_range()),
        clip.y_range(),
    ));
    cells.spacing_mut().item_spacing.x = COLUMN_GAP;
    add(&mut cells);
    let used = cells.min_rect();
    scroll.content_width = used.width();
    scroll.view_width = view_width;
    // Take the row's height (and the room's width) in the editor's layout.
    ui.allocate_rect(
        egui::Rect::from_min_max(room.min, egui::pos2(room.right(), used.bottom())),
        egui::Sense::hover(),
    );
}

/// One option's cell: exactly the column's width.
pub(super) fn cell(ui: &mut Ui, columns: Columns, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(
        egui::vec2(columns.width, 0.0),
        egui::Layout::top_down(egui::Align::Min),
        |ui| {
            ui.set_width(columns.width);
            ui.spacing_mut().item_spacing.x = 4.0;
            add(ui);
        },
    );
}

#[allow(clippy::too_many_arguments)]
fn header_rows(
    ui: &mut Ui,
    index: &mut usize,
    scroll: &mut OptionsScroll,
    columns: Columns,
    option_names: &mut [String],
    file: &mut ScenarioFile,
    problems: &ProblemsByPath,
    commands: &mut Vec<Command>,
) {
    let count = columns.count;
    row(ui, index, |ui| {
        label_cell(ui, |ui| ui.label(RichText::new("Option").strong()));
        option_cells(ui, scroll, |ui| {
            for (i, option) in file.options.iter().enumerate() {
                cell(ui, columns, |ui| {
                    ui.horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                        ui.painter()
                            .rect_filled(rect, 2.0, palette::option_colour(i));
                        let buffer = &mut option_names[i];
                        let response = ui
                            .add(TextEdit::singleline(buffer).desired_width(columns.width - 20.0))
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
        });
    });

    row(ui, index, |ui| {
        let kind_label = label_cell(ui, |ui| {
            ui.label("Kind").on_hover_text(
                "Who delivers the service. Sets colours and wording, never the arithmetic.",
            )
        });
        option_cells(ui, scroll, |ui| {
            for (i, option) in file.options.iter_mut().enumerate() {
                cell(ui, columns, |ui| {
                    egui::ComboBox::from_id_salt(("option-kind", i))
                        .selected_text(kind_title(option.kind))
                        .width(columns.width - 8.0)
                        .show_ui(ui, |ui| {
                            for kind in OptionKind::ALL {
                                ui.selectable_value(&mut option.kind, kind, kind_title(kind));
                            }
                        })
                        .response
                        .labelled_by(kind_label.id)
                        .accessible_name(format!("{}: kind", option.name));
                });
            }
        });
    });

    row(ui, index, |ui| {
        label_cell(ui, |ui| ui.label(""));
        option_cells(ui, scroll, |ui| {
            let baseline = file.appraisal.baseline_option.clone();
            for (i, option) in file.options.iter().enumerate() {
                cell(ui, columns, |ui| {
                    ui.horizontal_wrapped(|ui| {
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
                });
            }
        });
    });
}

/// A row label that wraps to the label column's width; its tooltip ends with each option's note.
pub(super) fn wrapped_label(
    ui: &mut Ui,
    spec: &fields::FieldSpec,
    path: &str,
    notes: Option<String>,
) -> egui::Response {
    field_label(ui, spec, path, LABEL_WIDTH, notes.as_ref())
}

/// The notes of one row's inputs, one line per option that has one ("Children's trust: …").
pub(super) fn notes_of_row(
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
