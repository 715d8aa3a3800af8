//! The central panel: run controls and progress, which run the results come from, the summary and
//! the charts. Reads results only; running and cancelling are commands.

use egui::{ProgressBar, RichText, Ui};

use crate::present::thousands;

use super::charts::{ChartInput, ChartsState, chart_picker_ui, charts_ui};
use super::runner::{Finished, Progress, RunKind};
use super::summary::summary_ui;
use super::{Command, palette};

/// What the results panel shows.
pub struct ResultsView<'a> {
    pub shown: Option<&'a Finished>,
    pub progress: Option<Progress>,
    /// The iterations a full run of the current scenario would take, when it is valid.
    pub full_iterations: Option<u64>,
    /// True when the shown results were computed from an earlier version of the scenario.
    pub stale: bool,
    /// Problems in the current scenario.
    pub problem_count: usize,
    /// Why the last run ended without results, if it did.
    pub note: Option<&'a str>,
}

pub fn results_ui(
    ui: &mut Ui,
    view: &ResultsView<'_>,
    charts: &mut ChartsState,
    commands: &mut Vec<Command>,
) {
    run_controls(ui, view, commands);
    ui.separator();
    let Some(finished) = view.shown else {
        let text = if view.problem_count > 0 {
            "Fix the problems marked in red in the editor to see results."
        } else {
            "Running the first preview…"
        };
        ui.add_space(20.0);
        ui.label(RichText::new(text).size(16.0).weak());
        return;
    };
    let view_height = ui.available_height();
    egui::ScrollArea::vertical()
        .id_salt("results-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            source_line(ui, finished, view);
            summary_ui(ui, &finished.results, finished.file.appraisal.discount_rate);
            ui.add_space(8.0);
            ui.separator();
            chart_picker_ui(ui, charts);
            ui.add_space(4.0);
            let input = ChartInput {
                results: &finished.results,
                data: &finished.charts,
                threshold: finished.file.appraisal.quality_threshold,
            };
            charts_ui(ui, &input, charts, view_height);
        });
    if let Some(asked) = charts.requested.take() {
        commands.push(asked);
    }
}

fn run_controls(ui: &mut Ui, view: &ResultsView<'_>, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let label = match view.full_iterations {
            Some(n) => format!("Run full ({} iterations)", thousands(n)),
            None => "Run full".to_string(),
        };
        let can_run = view.full_iterations.is_some();
        if ui
            .add_enabled(can_run, egui::Button::new(label))
            .on_hover_text(
                "Runs the scenario's own number of iterations. The preview after each edit uses \
                 2,000.",
            )
            .on_disabled_hover_text("Fix the scenario's problems first.")
            .clicked()
        {
            commands.push(Command::RunFull);
        }
        if ui
            .add_enabled(view.shown.is_some(), egui::Button::new("Pin as snapshot"))
            .on_hover_text(
                "Keeps a copy of these results, to compare with after you change the inputs \
                 (Compare menu).",
            )
            .clicked()
        {
            commands.push(Command::PinSnapshot);
        }
        if ui
            .button("Compare…")
            .on_hover_text("Open tabs and pinned snapshots side by side.")
            .clicked()
        {
            commands.push(Command::ShowCompare);
        }
        match view.progress {
            Some(p) => {
                let fraction = if p.total > 0 {
                    p.done as f32 / p.total as f32
                } else {
                    0.0
                };
                ui.add(
                    ProgressBar::new(fraction)
                        .desired_width(260.0)
                        .text(format!(
                            "{}: {} of {} iterations",
                            p.kind.label(),
                            thousands(p.done),
                            thousands(p.total)
                        )),
                );
                if ui
                    .button("Cancel")
                    .on_hover_text("Stops the run; the results shown stay as they are.")
                    .clicked()
                {
                    commands.push(Command::Cancel);
                }
            }
            None => {
                if let Some(note) = view.note {
                    ui.label(RichText::new(note).weak());
                }
            }
        }
    });
}

fn source_line(ui: &mut Ui, finished: &Finished, view: &ResultsView<'_>) {
    let r = &finished.results;
    ui.horizontal_wrapped(|ui| {
        ui.heading(&r.scenario);
    });
    let kind = match finished.kind {
        RunKind::Preview => "Preview",
        RunKind::Full => "Full run",
    };
    ui.label(
        RichText::new(format!(
            "{kind}: {} iterations, seed {}.",
            thousands(r.iterations),
            r.seed
        ))
        .weak(),
    );
    if view.stale {
        let text = if view.problem_count > 0 {
            "The scenario now has problems (see the editor): these are the results of the last \
             valid version."
        } else {
            "These results are from before your last edit; updating…"
        };
        let colour = if view.problem_count > 0 {
            palette::problem_colour(ui)
        } else {
            ui.visuals().weak_text_color()
        };
        ui.label(RichText::new(text).color(colour));
    }
    ui.add_space(4.0);
}
