//! Switching values worked out off the window's thread, after a run has shown its results: a
//! second job per tab, on the same iterations and seed as the run it explains, cancelled when a
//! newer run starts or the tab closes. Its values join the results on show only if they are
//! still the results it was started for.

use std::sync::Arc;
use std::time::SystemTime;

use crate::model::swing::{Swing, swings};
use crate::model::switching::{SWITCHING_TOP, SwitchingValue, switching_values};
use crate::model::{RunControl, validate};

use super::job::{Job, Poll};
use super::runner::Finished;

/// What the job works out: the switching values and the swings of the tornado in pounds.
pub type Decided = (Vec<SwitchingValue>, Vec<Swing>);

/// The switching values of one finished run, being worked out.
pub struct SwitchingJob {
    job: Job<Result<Decided, String>>,
    control: Arc<RunControl>,
    /// When the run explained finished: tells its results from any newer ones.
    pub for_run: SystemTime,
}

impl SwitchingJob {
    /// Starts on the results of `finished`; `repaint` is asked to redraw when the values are
    /// ready.
    pub fn start(finished: &Finished, repaint: egui::Context) -> std::io::Result<Self> {
        let control = Arc::new(RunControl::new());
        let worker_control = Arc::clone(&control);
        let file = finished.file.clone();
        let results = finished.results.clone();
        let job = Job::spawn("care-options-switching", repaint, move || {
            let scenario = validate(&file).map_err(|e| e.to_string())?;
            let values = switching_values(&scenario, &results, SWITCHING_TOP, &worker_control)
                .map_err(|e| e.to_string())?;
            let swings = swings(&scenario, &results, SWITCHING_TOP, &worker_control)
                .map_err(|e| e.to_string())?;
            Ok((values, swings))
        })?;
        Ok(SwitchingJob {
            job,
            control,
            for_run: finished.finished_at,
        })
    }

    /// The values (or why there are none), once ready. Never blocks.
    pub fn poll(&self) -> Option<Result<Decided, String>> {
        match self.job.poll() {
            Poll::Pending => None,
            Poll::Done(outcome) => Some(outcome),
            Poll::Lost => Some(Err("the worker stopped unexpectedly".to_string())),
        }
    }
}

impl Drop for SwitchingJob {
    fn drop(&mut self) {
        // Nobody wants the values of results that are gone.
        self.control.cancel();
    }
}
