//! Work off the window's thread: a named worker thread whose one result comes back over a
//! channel. The window starts a job, polls it each frame with `try_recv` (never waiting), and is
//! asked to redraw when the result is ready. Runs, exports and file dialogs are all jobs.

use std::sync::mpsc::{self, Receiver, TryRecvError};

/// A result being worked out on another thread.
pub struct Job<T> {
    receiver: Receiver<T>,
}

/// What a poll found.
#[derive(Debug)]
pub enum Poll<T> {
    /// Still working.
    Pending,
    Done(T),
    /// The worker ended without a result: a bug in it (a panic) that it did not catch.
    Lost,
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a thread called `name`; `repaint` is asked to redraw when it ends, so the
    /// result shows without waiting for input.
    pub fn spawn(
        name: impl Into<String>,
        repaint: egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                // The window may have moved on and dropped the job: nobody to tell.
                let _ = sender.send(work());
                repaint.request_repaint();
            })?;
        Ok(Job { receiver })
    }

    /// Runs `work` on this thread now, for what must run on the main thread (a file dialog on
    /// macOS); the result is there at the first poll.
    pub fn here(work: impl FnOnce() -> T) -> Self {
        let (sender, receiver) = mpsc::channel();
        let _ = sender.send(work());
        Job { receiver }
    }

    /// The result, once there is one. Never blocks.
    pub fn poll(&self) -> Poll<T> {
        match self.receiver.try_recv() {
            Ok(result) => Poll::Done(result),
            Err(TryRecvError::Empty) => Poll::Pending,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(job: &Job<T>) -> Poll<T> {
        let start = std::time::Instant::now();
        loop {
            match job.poll() {
                Poll::Pending if start.elapsed().as_secs() < 30 => {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                other => return other,
            }
        }
    }

    #[test]
    fn a_result_comes_back_and_a_worker_that_dies_is_told_apart() {
        let ctx = egui::Context::default();
        let job = Job::spawn("care-options-test-job", ctx.clone(), || 6 * 7).unwrap();
        assert!(matches!(wait(&job), Poll::Done(42)));
        let lost: Job<u8> = Job::spawn("care-options-test-lost", ctx, || {
            #[allow(clippy::panic)]
            {
                panic!("a test asked the job to fail")
            }
        })
        .unwrap();
        assert!(matches!(wait(&lost), Poll::Lost));
        assert!(matches!(Job::here(|| "now").poll(), Poll::Done("now")));
    }
}
