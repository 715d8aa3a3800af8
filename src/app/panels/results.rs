//! The central panel: run controls and progress, which run the results come from, the summary and
//! the charts. Reads results only; running and cancelling are commands.

use egui::{ProgressBar, RichText, Ui};

use crate::present::thousands;

use super::summary::{HEADLINES_SHOWN, summary_ui};
use crate::app::charts::{ChartInput, ChartKind, ChartsState, chart_picker_ui, charts_ui};
use crate::app::command::Command;
use crate::app::palette;
use crate::app::runner::{Finished, Progress, RunKind};

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
    /// True while the switching values of the results on show are being worked out.
    pub switching_pending: bool,
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
    let output = egui::ScrollArea::vertical()
        .id_salt("results-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let visible = ui.clip_rect();
            let content_top = ui.min_rect().top();
            source_line(ui, finished, view);
            egui::CollapsingHeader::new(RichText::new("Headlines and summary table").strong())
                .id_salt("results-header")
                .default_open(true)
                // Unindented: the table needs every point of a laptop's width.
                .show_unindented(ui, |ui| {
                    // With the switching sentences below, only the verdicts stay in view (the
                    // quality headline folds: the table's P(quality at risk) says it too).
                    let verdicts = finished.results.options.len().saturating_sub(1).max(1);
                    let fold_after = if super::switching::sentences(finished).is_empty() {
                        HEADLINES_SHOWN
                    } else {
                        verdicts
                    };
                    summary_ui(
                        ui,
                        &finished.results,
                        finished.file.appraisal.discount_rate,
                        fold_after,
                    );
                    super::switching::switching_ui(ui, finished, view.switching_pending);
                })
                .header_response
                .on_hover_text(
                    "Fold the headlines and the tables away to give the charts the whole panel.",
                );
            ui.add_space(4.0);
            ui.separator();
            chart_picker_ui(ui, charts, &ChartKind::shown(&finished.results));
            ui.add_space(4.0);
            let input = ChartInput {
                results: &finished.results,
                data: &finished.charts,
                threshold: finished.file.appraisal.quality_threshold,
                file: &finished.file,
            };
            // The room below the header when the panel is scrolled to the top, so the first row
            // of charts, axes included, fits on screen without scrolling.
            let above = ui.cursor().top() - content_top;
            let room = visible.height() - above - 8.0;
            charts_ui(ui, &input, charts, room);
        });
    charts.viewport = Some(output.inner_rect);
    if let Some(asked) = charts.requested.take() {
        commands.push(asked);
    }
}

fn run_controls(ui: &mut Ui, view: &ResultsView<'_>, commands: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
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
            .add_enabled(can_run, egui::Button::new("Run until precise"))
            .on_hover_text(
                "Runs 2,000 iterations, then as many as their spread says are needed for every \
                 mean difference from the baseline to be within ±£0.5m and every P(cheaper) \
                 within ±1 point (95% intervals), and stops by itself. The same as the command \
                 line's --precision 0.5,1.",
            )
            .on_disabled_hover_text("Fix the scenario's problems first.")
            .clicked()
        {
            commands.push(Command::RunToPrecision);
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
                let summarising = p.total > 0 && p.done >= p.total;
                let fraction = if p.total > 0 {
                    p.done as f32 / p.total as f32
                } else {
                    0.0
                };
                ui.add(
                    ProgressBar::new(fraction)
                        .desired_width(260.0)
                        // Every future is simulated; the statistics take a while on large runs.
                        .animate(summarising)
                        .text(progress_text(&p)),
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
    let kind = match finished.kind {
        RunKind::Preview => "Preview",
        RunKind::Full => "Full run",
        RunKind::Precise => "Run to precision",
    };
    // The scenario's name is on its tab and in the title bar: here only the run the figures
    // come from, on one line.
    // How the inputs were drawn, on the same line (the whole sentence on hover), so that the
    // first chart still fits on a laptop screen.
    let how = crate::present::summary_table::sampling_sentence(r);
    let method = match (&how, r.correlations.len()) {
        (None, _) => String::new(),
        (Some(_), 0) => format!(", {}", r.sampling.label()),
        (Some(_), 1) => format!(", {}, 1 rank correlation", r.sampling.label()),
        (Some(_), n) => format!(", {}, {n} rank correlations", r.sampling.label()),
    };
    let line = ui.label(
        RichText::new(format!(
            "{kind}: {} iterations, seed {}{method}.",
            thousands(r.iterations),
            r.seed
        ))
        .weak(),
    );
    if let Some(how) = how {
        line.on_hover_text(how);
    }
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

/// What the progress bar says: the iterations so far, then, once every future is simulated, that
/// the statistics are being worked out ("Summarising 1,000,000 futures…").
pub fn progress_text(p: &Progress) -> String {
    if p.total > 0 && p.done >= p.total {
        format!(
            "{}: summarising {} futures…",
            p.kind.label(),
            thousands(p.total)
        )
    } else {
        format!(
            "{}: {} of {} iterations",
            p.kind.label(),
            thousands(p.done),
            thousands(p.total)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_past_its_last_iteration_says_it_is_summarising() {
        let mut p = Progress {
            kind: RunKind::Full,
            done: 999_999,
            total: 1_000_000,
        };
        assert_eq!(
            progress_text(&p),
            "Full run: 999,999 of 1,000,000 iterations"
        );
        p.done = 1_000_000;
        assert_eq!(
            progress_text(&p),
            "Full run: summarising 1,000,000 futures…"
        );
    }
}
