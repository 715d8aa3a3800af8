//! When runs happen: after the frame's edits each tab is revalidated, an edit that changes the
//! inputs schedules the live preview a moment after typing stops (cancelling a run of the older
//! inputs), and Run full starts the scenario's own count. A run that would not fit in the memory
//! available is refused with the estimate. Finished runs are taken in each frame.

use egui::Context;

use crate::model::RunSettings;
use crate::model::memory::check_fits;

use super::CareOptionsApp;
use super::runner::{Outcome, PREVIEW_ITERATIONS, RunKind};
use super::switching::SwitchingJob;

/// Seconds after the last edit before the live preview runs.
pub const PREVIEW_DELAY_SECONDS: f64 = 0.3;

impl CareOptionsApp {
    /// After the frame's edits: revalidate, schedule each tab's preview, record completed edits.
    pub(super) fn after_edits(&mut self, ctx: &Context) {
        let settled = !ctx.egui_is_using_pointer() && !ctx.egui_wants_keyboard_input();
        for i in 0..self.tabs.len() {
            let now = self.now;
            let tab = &mut self.tabs[i];
            if tab.doc.refresh() {
                // Results of the older scenario are no use: stop computing them.
                if tab.runner.cancel().is_some() {
                    tab.run_note = None;
                }
                tab.preview_due = Some(now + PREVIEW_DELAY_SECONDS);
            }
            // An edit is complete once nothing is being dragged or typed into.
            if settled || i != self.active {
                tab.doc.commit();
            }
            if let Some(due) = tab.preview_due {
                if tab.doc.scenario().is_none() {
                    // Nothing to run until the problems are fixed; results stay as they were.
                    tab.preview_due = None;
                } else if now >= due {
                    tab.preview_due = None;
                    self.start_run(i, RunKind::Preview, ctx);
                } else {
                    ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
                }
            }
        }
    }

    pub(super) fn start_run(&mut self, i: usize, kind: RunKind, ctx: &Context) {
        let available = self.available_memory();
        let tab = &mut self.tabs[i];
        let Some(scenario) = tab.doc.scenario() else {
            tab.run_note = Some("Fix the scenario's problems first.".to_string());
            return;
        };
        let mut settings = RunSettings::from_scenario(scenario);
        match kind {
            RunKind::Preview => settings.iterations = settings.iterations.min(PREVIEW_ITERATIONS),
            RunKind::Precise => {
                settings.iterations = tab
                    .precise_next
                    .take()
                    .unwrap_or(crate::present::summary_table::PILOT_ITERATIONS);
            }
            RunKind::Full => {}
        }
        tab.preview_due = None;
        if let Some(available) = available
            && let Err(e) = check_fits(scenario, settings.iterations, available)
        {
            tab.run_note = Some(format!("{} not started: {e}", kind.label()));
            return;
        }
        tab.run_note = None;
        // The switching values of the results on show are not wanted once newer ones come.
        tab.switching = None;
        if let Err(e) = tab.runner.start(scenario, kind, settings, ctx.clone()) {
            tab.run_note = Some(format!("Could not start a run: {e}"));
        }
        tab.preview_due = None;
    }

    /// Takes in each tab's finished run, if any, and starts working out its switching values;
    /// takes in switching values that are ready.
    pub(super) fn poll_runs(&mut self, ctx: &Context) {
        let switching_enabled = self.switching_enabled;
        let mut more_precise = Vec::new();
        for (i, tab) in self.tabs.iter_mut().enumerate() {
            if let Some(job) = &tab.switching
                && let Some(outcome) = job.poll()
            {
                let for_run = job.for_run;
                tab.switching = None;
                // Cancelled for a newer run, or a scenario that cannot be re-run: the results
                // stand without them.
                if let Ok((values, swings)) = outcome
                    && let Some(shown) = tab.shown.as_mut()
                    && shown.finished_at == for_run
                {
                    shown.results.switching_values = Some(values);
                    shown.results.swings = Some(swings);
                }
            }
            match tab.runner.poll() {
                Some(Outcome::Finished(finished)) => {
                    tab.run_note = None;
                    let mut last_step = true;
                    if finished.kind == RunKind::Precise {
                        let (note, next) = precision_step(&finished.results);
                        tab.run_note = Some(note);
                        tab.precise_next = next;
                        if next.is_some() {
                            last_step = false;
                            more_precise.push(i);
                        }
                    }
                    // Dropping an older job cancels it. Version 3 scenarios only, as on the
                    // command line: an older file's exported JSON stays what it always was.
                    tab.switching =
                        if switching_enabled && last_step && finished.file.is_whole_budget() {
                            SwitchingJob::start(&finished, ctx.clone()).ok()
                        } else {
                            None
                        };
                    tab.shown = Some(finished);
                }
                Some(Outcome::Cancelled(kind)) => {
                    tab.run_note = Some(format!("{} cancelled.", kind.label()));
                }
                Some(Outcome::Failed(why)) => {
                    tab.run_note = Some(format!("The run failed: {why}"));
                }
                None => {}
            }
        }
        for i in more_precise {
            self.start_run(i, RunKind::Precise, ctx);
        }
    }
}

/// After one step of a run to precision: what to tell the person, and the count of the next
/// step (none when the precision is reached, or the largest run allowed has been made).
fn precision_step(results: &crate::model::RunResults) -> (String, Option<u64>) {
    use crate::present::summary_table::{WINDOW_PRECISION, iterations_for};
    let most = crate::model::validate::MAX_ITERATIONS as u64;
    let n = crate::present::thousands(results.iterations);
    match iterations_for(results, WINDOW_PRECISION) {
        None => (
            format!(
                "Precise: every mean difference within ±£0.5m and every P(cheaper) within ±1 \
                 point (95%) at {n} iterations."
            ),
            None,
        ),
        Some(_) if results.iterations >= most => (
            format!(
                "Not within ±£0.5m and ±1 point even at {n} iterations, the most a run may have: \
                 the figures carry the simulation error shown."
            ),
            None,
        ),
        Some(wanted) => {
            let next = wanted.clamp(results.iterations + 1, most);
            (
                format!(
                    "Not yet within ±£0.5m and ±1 point at {n} iterations: running {}…",
                    crate::present::thousands(next)
                ),
                Some(next),
            )
        }
    }
}
