//! The scenario editor in the left panel: every field of the file, grouped as in the file, each with
//! its unit, a tooltip saying what it means, and its validation problems where it is typed.
//!
//! Panels write plain edits straight into the working copy; anything that changes the shape of the
//! scenario (adding, removing or renaming an option) is sent as a [`Command`].

mod budget;
mod contract;
pub mod dist_editor;
pub use crate::present::fields;
pub mod notes;
pub mod options;
mod placements;

use egui::{CollapsingHeader, Grid, RichText, TextEdit, Ui};

use crate::model::dist::Dist;
use crate::model::{ScenarioFile, WorldInput};
use crate::present::financial_year;

use super::document::{Document, FlagsByPath, ProblemsByPath};
use super::palette;
use crate::app::command::Command;
use dist_editor::{DistCache, Layout, dist_editor, flag_lines, number_box, problem_lines};
use fields::{FieldSpec, Unit, world_spec};
use notes::{NoteState, Notes, note_button, note_editor, with_note};

/// What the editor remembers between frames.
#[derive(Default)]
pub struct EditorState {
    /// P10–P90 implied by each distribution, computed once.
    pub cache: DistCache,
    /// Option names as being typed; applied as a rename when the box is left.
    pub option_names: Vec<String>,
    /// Placement names as being typed; applied as a rename when the box is left.
    pub placement_names: Vec<String>,
    /// The note open for editing.
    pub note: NoteState,
    /// How far the option columns are scrolled sideways.
    pub options_scroll: options::OptionsScroll,
}

/// What every field row needs besides its value: its problems, the implied-range cache and the
/// notes.
pub struct Rows<'a> {
    pub problems: &'a ProblemsByPath,
    pub cache: &'a mut DistCache,
    /// The scenario's notes, taken out of the file while the editor draws so that a field and
    /// its note can be edited in the same row.
    pub notes: &'a mut Notes,
    pub note: &'a mut NoteState,
    /// Inputs far outside what English councils report, by path: a prompt to check.
    pub flags: &'a FlagsByPath,
}

/// The whole editor.
pub fn editor_ui(
    ui: &mut Ui,
    state: &mut EditorState,
    doc: &mut Document,
    commands: &mut Vec<Command>,
) {
    let Document {
        file,
        problems,
        flags,
        ..
    } = doc;
    let EditorState {
        cache,
        option_names,
        placement_names,
        note,
        options_scroll,
    } = state;
    let mut notes = std::mem::take(&mut file.notes);
    let mut rows = Rows {
        problems,
        cache,
        notes: &mut notes,
        note,
        flags,
    };
    if !problems.is_empty() {
        // Below the editor, not above it: a problem appearing while a value is typed or dragged
        // never moves the field under the pointer.
        egui::Panel::bottom("editor-problems").show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("editor-problems-scroll")
                .max_height(120.0)
                .show(ui, |ui| problem_summary(ui, problems));
        });
    }
    // Vertical only: the option columns scroll sideways on their own, under frozen row labels.
    let renamed = egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            scenario_section(ui, file, problems);
            simulation_section(ui, file, problems);
            appraisal_section(ui, file, &mut rows);
            world_section(ui, "Demand", "demand.", file, &mut rows);
            world_section(ui, "Workforce", "workforce.", file, &mut rows);
            let renamed =
                placements::placements_section(ui, file, &mut rows, placement_names, commands);
            budget::budget_section(ui, file, &mut rows);
            quality_section(ui, file, &mut rows);
            CollapsingHeader::new(RichText::new("Options").strong())
                .default_open(true)
                .show(ui, |ui| {
                    options::options_ui(
                        ui,
                        option_names,
                        options_scroll,
                        file,
                        &mut rows,
                        commands,
                    );
                });
            renamed
        })
        .inner;
    file.notes = notes;
    if let Some((k, name)) = renamed {
        commands.push(Command::RenamePlacement(k, name));
    }
}

fn problem_summary(ui: &mut Ui, problems: &ProblemsByPath) {
    if problems.is_empty() {
        return;
    }
    let count: usize = problems.values().map(Vec::len).sum();
    let colour = palette::problem_colour(ui);
    ui.label(
        RichText::new(format!(
            "{count} problem{} to fix before results can update; each is shown in red at its \
             field.",
            if count == 1 { "" } else { "s" }
        ))
        .color(colour),
    );
    let mut paths: Vec<&String> = problems.keys().collect();
    paths.sort();
    for path in paths {
        for message in &problems[path] {
            ui.label(
                RichText::new(format!("  {path}: {message}"))
                    .color(colour)
                    .size(12.5),
            );
        }
    }
    ui.add_space(4.0);
}

/// Width of the field names in the scenario-wide sections.
pub const LABEL_WIDTH: f32 = 210.0;

/// "Label (unit)" with the field's help, where its default comes from and `note` on hover,
/// wrapped to `width`; returns the label for `labelled_by`.
pub fn field_label(
    ui: &mut Ui,
    spec: &FieldSpec,
    path: &str,
    width: f32,
    note: Option<&String>,
) -> egui::Response {
    let text = if spec.unit.label().is_empty() {
        spec.label.to_string()
    } else {
        format!("{} ({})", spec.label, spec.unit.label())
    };
    let hover = if spec.source.is_empty() {
        format!("{}\n\nIn the file: {path}", spec.help)
    } else {
        format!(
            "{}\n\nDefault: {}\n\nIn the file: {path}",
            spec.help, spec.source
        )
    };
    ui.scope(|ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(text).wrap())
            .on_hover_text(with_note(hover, note))
    })
    .inner
}

/// Room the note button takes beside a label.
const NOTE_BUTTON_WIDTH: f32 = 24.0;

/// A field's label with its note button beside it.
fn label_with_note(
    ui: &mut Ui,
    spec: &FieldSpec,
    path: &str,
    rows: &mut Rows<'_>,
) -> egui::Response {
    ui.horizontal_top(|ui| {
        let label = field_label(
            ui,
            spec,
            path,
            LABEL_WIDTH - NOTE_BUTTON_WIDTH,
            rows.notes.get(path),
        );
        note_button(ui, rows.note, rows.notes, path, spec.label);
        label
    })
    .inner
}

fn section(ui: &mut Ui, title: &str, open: bool, add: impl FnOnce(&mut Ui)) {
    CollapsingHeader::new(RichText::new(title).strong())
        .default_open(open)
        .show(ui, |ui| {
            Grid::new(("section", title))
                .num_columns(2)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, add);
        });
}

/// Width of a note box under a field in the scenario-wide sections.
const NOTE_WIDTH: f32 = 420.0;

/// A plain number (not a distribution) with its unit, problems and note.
fn number_row(ui: &mut Ui, value: &mut f64, spec: &FieldSpec, path: &str, rows: &mut Rows<'_>) {
    let label = label_with_note(ui, spec, path, rows);
    ui.vertical(|ui| {
        number_box(ui, value, spec.unit, spec.label).labelled_by(label.id);
        problem_lines(ui, rows.problems.get(path));
        note_editor(ui, rows.note, rows.notes, path, spec.label, NOTE_WIDTH);
    });
    ui.end_row();
}

fn dist_row(
    ui: &mut Ui,
    dist: &mut Dist,
    spec: &FieldSpec,
    path: &str,
    range: crate::model::Range,
    rows: &mut Rows<'_>,
) {
    label_with_note(ui, spec, path, rows);
    ui.vertical(|ui| {
        dist_editor(
            ui,
            dist,
            spec,
            range,
            spec.label,
            rows.problems.get(path),
            rows.cache,
            Layout::Wide,
            None,
        );
        flag_lines(ui, rows.flags.get(path));
        note_editor(ui, rows.note, rows.notes, path, spec.label, NOTE_WIDTH);
    });
    ui.end_row();
}

/// A scenario-wide uncertain input's row: its label, distribution and note. A field of another
/// format version than the scenario's is not shown.
fn world_row(ui: &mut Ui, input: WorldInput, file: &mut ScenarioFile, rows: &mut Rows<'_>) {
    if let Some(dist) = input.get_mut(file) {
        dist_row(
            ui,
            dist,
            &world_spec(input),
            input.path(),
            input.range(),
            rows,
        );
    }
}

fn scenario_section(ui: &mut Ui, file: &mut ScenarioFile, problems: &ProblemsByPath) {
    section(ui, "Scenario", true, |ui| {
        let label = ui
            .label("Name")
            .on_hover_text("Shown in the title bar and on every report.");
        ui.add(TextEdit::singleline(&mut file.name).desired_width(440.0))
            .labelled_by(label.id);
        ui.end_row();

        let label = ui
            .label("Description")
            .on_hover_text("A sentence or two on what this scenario represents.");
        ui.add(
            TextEdit::multiline(&mut file.description)
                .desired_width(440.0)
                .desired_rows(2),
        )
        .labelled_by(label.id);
        ui.end_row();

        let label = ui
            .label("Start year")
            .on_hover_text("Calendar year in which financial year 0 starts (2026 for 2026/27).");
        ui.horizontal(|ui| {
            ui.add(egui::DragValue::new(&mut file.start_year).speed(0.1))
                .labelled_by(label.id);
            ui.label(RichText::new(financial_year(file.start_year)).weak());
        });
        ui.end_row();
        if let Some(p) = problems.get("start_year") {
            ui.label("");
            problem_lines(ui, Some(p));
            ui.end_row();
        }

        let label = ui
            .label("Horizon (years)")
            .on_hover_text("Length of the appraisal, 1 to 30 years.");
        ui.vertical(|ui| {
            ui.add(egui::DragValue::new(&mut file.horizon_years).speed(0.1))
                .labelled_by(label.id);
            problem_lines(ui, problems.get("horizon_years"));
        });
        ui.end_row();
    });
}

fn simulation_section(ui: &mut Ui, file: &mut ScenarioFile, problems: &ProblemsByPath) {
    section(ui, "Simulation", false, |ui| {
        let label = ui.label("Iterations").on_hover_text(
            "Simulated futures in a full run (1 to 1,000,000). The live preview after each \
             edit uses 2,000.",
        );
        ui.vertical(|ui| {
            ui.add(
                egui::DragValue::new(&mut file.simulation.iterations)
                    .speed(100.0)
                    .range(1..=1_000_000),
            )
            .labelled_by(label.id);
            problem_lines(ui, problems.get("simulation.iterations"));
        });
        ui.end_row();
        let label = ui.label("Seed").on_hover_text(
            "Starting point of the random numbers: the same file and seed give identical \
             results run after run; on any computer too when the file computes in portable \
             maths (simulation.maths: Portable, as every shipped scenario does).",
        );
        ui.add(egui::DragValue::new(&mut file.simulation.seed).speed(1.0))
            .labelled_by(label.id);
        ui.end_row();
    });
}

fn appraisal_section(ui: &mut Ui, file: &mut ScenarioFile, rows: &mut Rows<'_>) {
    section(ui, "Appraisal", false, |ui| {
        let spec = FieldSpec {
            label: "Discount rate",
            unit: Unit::PercentPerYear,
            help: "Real discount rate for the net present cost (HM Treasury Green Book: 3.5%).",
            source: "HM Treasury Green Book: 3.5% real for years 0–30 (a review may change it; test 1.5% and 3.0% as sensitivities).",
        };
        number_row(
            ui,
            &mut file.appraisal.discount_rate,
            &spec,
            "appraisal.discount_rate",
            rows,
        );
        world_row(ui, WorldInput::GeneralInflation, file, rows);
        let label = ui
            .label("Baseline option")
            .on_hover_text("The option every other option is compared with.");
        ui.vertical(|ui| {
            let names: Vec<String> = file.options.iter().map(|o| o.name.clone()).collect();
            let baseline = &mut file.appraisal.baseline_option;
            egui::ComboBox::from_id_salt("baseline")
                .selected_text(baseline.as_str())
                .show_ui(ui, |ui| {
                    for name in names {
                        ui.selectable_value(baseline, name.clone(), name);
                    }
                })
                .response
                .labelled_by(label.id);
            problem_lines(ui, rows.problems.get("appraisal.baseline_option"));
        });
        ui.end_row();
        let spec = FieldSpec {
            label: "Quality threshold",
            unit: Unit::IndexPoints,
            help: "Quality index (0–100) below which a year counts as at risk.",
            source: "Judgement: the index is not an Ofsted grade; 60% of councils were good or outstanding at 31 March 2024 (Ofsted).",
        };
        number_row(
            ui,
            &mut file.appraisal.quality_threshold,
            &spec,
            "appraisal.quality_threshold",
            rows,
        );
    });
}

fn world_section(
    ui: &mut Ui,
    title: &str,
    prefix: &str,
    file: &mut ScenarioFile,
    rows: &mut Rows<'_>,
) {
    section(ui, title, false, |ui| {
        for input in WorldInput::ALL
            .iter()
            .filter(|i| i.path().starts_with(prefix))
        {
            world_row(ui, *input, file, rows);
        }
    });
}

fn quality_section(ui: &mut Ui, file: &mut ScenarioFile, rows: &mut Rows<'_>) {
    section(ui, "Quality", false, |ui| {
        let q = &mut file.quality;
        let weights: [(&str, &str, &mut f64); 4] = [
            ("Weight: caseload", "caseload", &mut q.weights.caseload),
            ("Weight: stability", "stability", &mut q.weights.stability),
            ("Weight: agency", "agency", &mut q.weights.agency),
            (
                "Weight: experience",
                "experience",
                &mut q.weights.experience,
            ),
        ];
        for (label, key, value) in weights {
            let spec = FieldSpec {
                label,
                unit: Unit::Percent,
                help: "Weight of this workforce score in the quality index; the four weights add \
                       up to 100%.",
                source: "Judgement: inspection evidence links caseload, stability, agency use and experience with practice, without weights.",
            };
            number_row(ui, value, &spec, &format!("quality.weights.{key}"), rows);
        }
        if let Some(p) = rows.problems.get("quality.weights") {
            ui.label("");
            problem_lines(ui, Some(p));
            ui.end_row();
        }
        let thresholds: [(FieldSpec, &str, &mut f64); 4] = [
            (
                FieldSpec {
                    label: "Caseload score zero at",
                    unit: Unit::Multiple,
                    help: "Caseload, as a multiple of the reference caseload, at which the \
                           caseload score reaches zero (above 1).",
                    source: "Judgement: councils' 90th percentile caseload is about 1.2 times the national average (DfE, 2023); 1.5–2.0 puts zero beyond any observed average.",
                },
                "quality.caseload_zero_at",
                &mut q.caseload_zero_at,
            ),
            (
                FieldSpec {
                    label: "Stability score zero at",
                    unit: Unit::Percent,
                    help: "Annual turnover at which the stability score reaches zero.",
                    source: "Judgement: councils' 90th percentile turnover is about 23–25% (DfE, 2023), so zero at 30–45%.",
                },
                "quality.turnover_zero_at",
                &mut q.turnover_zero_at,
            ),
            (
                FieldSpec {
                    label: "Agency score zero at",
                    unit: Unit::Percent,
                    help: "Share of agency social workers at which the agency score reaches zero.",
                    source: "Judgement: inadequate councils averaged 27% agency staff (2020) and the 90th percentile is about 33% (DfE, 2023).",
                },
                "quality.agency_zero_at",
                &mut q.agency_zero_at,
            ),
            (
                FieldSpec {
                    label: "Experience score zero at",
                    unit: Unit::Percent,
                    help: "Share of new starters at which the experience score reaches zero.",
                    source: "Judgement: no published threshold.",
                },
                "quality.new_starter_zero_at",
                &mut q.new_starter_zero_at,
            ),
        ];
        for (spec, path, value) in thresholds {
            number_row(ui, value, &spec, path, rows);
        }
    });
}
