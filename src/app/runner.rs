//! Runs the model off the UI thread. One run at a time, as a [`Job`] on a named worker thread;
//! progress is read from the shared [`RunControl`], and the window polls for the outcome each
//! frame, so a frame never waits for the model. The worker also precomputes the chart data, so
//! charts never touch raw samples while drawing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::model::{RunControl, RunError, RunResults, RunSettings, Scenario, ScenarioFile, run};
use crate::present::chart_data::ChartData;

use super::job::{Job, Poll};

/// Iterations of the live preview that follows every edit.
pub const PREVIEW_ITERATIONS: u64 = 2_000;

/// Which kind of run produced a set of results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// The quick run after each edit.
    Preview,
    /// The scenario's own iteration count.
    Full,
    /// As many iterations as the window's precision needs: a first run of 2,000, then the
    /// count its spread asks for.
    Precise,
}

impl RunKind {
    pub fn label(self) -> &'static str {
        match self {
            RunKind::Preview => "Preview",
            RunKind::Full => "Full run",
            RunKind::Precise => "Run to precision",
        }
    }
}

/// A finished run: the results, what produced them, and the chart data derived once from them.
/// Cloned when pinned as a snapshot for comparison.
#[derive(Debug, Clone)]
pub struct Finished {
    pub kind: RunKind,
    pub settings: RunSettings,
    pub elapsed: Duration,
    /// When the run finished, for the stamp on exports.
    pub finished_at: std::time::SystemTime,
    /// The scenario as it was when the run started, to tell whether results are out of date.
    pub file: ScenarioFile,
    pub results: RunResults,
    pub charts: ChartData,
}

/// What a worker reports back.
#[derive(Debug)]
pub enum Outcome {
    Finished(Box<Finished>),
    Cancelled(RunKind),
    Failed(String),
}

/// The run under way.
struct Current {
    kind: RunKind,
    settings: RunSettings,
    control: Arc<RunControl>,
    job: Job<Outcome>,
}

/// Progress of the run under way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub kind: RunKind,
    pub done: u64,
    pub total: u64,
}

/// Owns at most one run under way.
#[derive(Default)]
pub struct Runner {
    current: Option<Current>,
    /// Makes the next run's worker panic, to test that a bug in the model is caught and shown.
    #[cfg(test)]
    pub(crate) panic_next_run: bool,
}

impl Runner {
    /// Starts a run, cancelling any run under way (its outcome is dropped unread). `repaint` is
    /// asked to redraw when the run ends, so results appear without waiting for input.
    pub fn start(
        &mut self,
        scenario: &Scenario,
        kind: RunKind,
        settings: RunSettings,
        repaint: egui::Context,
    ) -> std::io::Result<()> {
        self.cancel();
        let control = Arc::new(RunControl::new());
        let scenario = scenario.clone();
        let worker_control = Arc::clone(&control);
        #[cfg(test)]
        let panic_now = std::mem::take(&mut self.panic_next_run);
        let name = format!("care-options-{}", kind.label().to_lowercase());
        let job = Job::spawn(name, repaint, move || {
            let started = Instant::now();
            // A panic here is a bug in the program: it ends this run, never the window. The
            // model holds no state between runs, so nothing is left half-changed.
            let computed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                #[cfg(test)]
                if panic_now {
                    #[allow(clippy::panic)]
                    {
                        panic!("a test asked the run to panic");
                    }
                }
                run(&scenario, settings, &worker_control).map(|results| {
                    let charts = ChartData::new(&results);
                    (results, charts)
                })
            }));
            match computed {
                Ok(Ok((results, charts))) => Outcome::Finished(Box::new(Finished {
                    kind,
                    settings,
                    elapsed: started.elapsed(),
                    finished_at: std::time::SystemTime::now(),
                    file: scenario.file().clone(),
                    results,
                    charts,
                })),
                Ok(Err(RunError::Cancelled)) => Outcome::Cancelled(kind),
                Ok(Err(e)) => Outcome::Failed(e.to_string()),
                Err(payload) => Outcome::Failed(format!(
                    "an internal error in Care Options stopped it ({}). Please report it{}. \
                         The scenario is unchanged and the window carries on.",
                    super::crash::panic_text(payload.as_ref()),
                    super::crash::last_log()
                        .map(|p| format!(" with the crash report {}", p.display()))
                        .unwrap_or_default()
                )),
            }
        })?;
        self.current = Some(Current {
            kind,
            settings,
            control,
            job,
        });
        Ok(())
    }

    /// Asks the run under way to stop and forgets it. Returns its kind if there was one.
    pub fn cancel(&mut self) -> Option<RunKind> {
        let current = self.current.take()?;
        current.control.cancel();
        Some(current.kind)
    }

    pub fn is_running(&self) -> bool {
        self.current.is_some()
    }

    pub fn progress(&self) -> Option<Progress> {
        self.current.as_ref().map(|current| Progress {
            kind: current.kind,
            done: current.control.done().min(current.settings.iterations),
            total: current.settings.iterations,
        })
    }

    /// The outcome of the run under way, once it has one. Never blocks.
    pub fn poll(&mut self) -> Option<Outcome> {
        let outcome = match self.current.as_ref()?.job.poll() {
            Poll::Pending => return None,
            Poll::Done(outcome) => outcome,
            Poll::Lost => {
                Outcome::Failed("the run stopped unexpectedly (please report this)".to_string())
            }
        };
        self.current = None;
        Some(outcome)
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        // Don't leave a worker computing for a window that has gone.
        self.cancel();
    }
}
