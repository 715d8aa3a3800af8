//! Opening scenario files off the window's thread: reading, parsing and validating happen on a
//! worker, so that a large file, a slow network drive or a drive that has stopped answering never
//! stops the window from drawing. While a file is being opened, a line above the status bar says
//! which and how far it has got, with **Cancel opening**; a cancelled opening opens nothing (a
//! worker stuck in a read the system cannot interrupt is simply left to finish, unheard).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use egui::{Context, Ui};

use crate::io::reading::read_file;
use crate::io::{DiskStamp, LoadError, scenario_from_bytes};

use super::Command;
use super::files::{LoadProblems, Opened, opened};

/// How far a worker has got.
const READING: u8 = 0;
const CHECKING: u8 = 1;

/// What opening a file came to.
pub type OpenResult = Result<Opened, Box<LoadProblems>>;

/// One file being opened.
struct Job {
    path: PathBuf,
    cancel: Arc<AtomicBool>,
    stage: Arc<AtomicU8>,
    /// The file's size once the worker knows it.
    bytes: Arc<AtomicU64>,
    receiver: Receiver<OpenResult>,
}

/// The files being opened.
#[derive(Default)]
pub struct Opening {
    jobs: Vec<Job>,
    /// Holds the next worker before it reads until the test sends (or drops) the other end.
    #[cfg(test)]
    pub(crate) hold_next: Option<Receiver<()>>,
}

impl Opening {
    pub fn is_busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// Whether `path` is being opened now.
    pub fn is_opening(&self, path: &Path) -> bool {
        self.jobs.iter().any(|j| j.path == path)
    }

    /// Starts opening `path` on a worker thread; `repaint` wakes the window when it is done.
    pub fn start(&mut self, path: PathBuf, repaint: Context) -> Result<(), String> {
        let (sender, receiver) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let stage = Arc::new(AtomicU8::new(READING));
        let bytes = Arc::new(AtomicU64::new(0));
        let job = Job {
            path: path.clone(),
            cancel: cancel.clone(),
            stage: stage.clone(),
            bytes: bytes.clone(),
            receiver,
        };
        #[cfg(test)]
        let hold = self.hold_next.take();
        let shown = path.display().to_string();
        std::thread::Builder::new()
            .name("care-options-open".to_string())
            .spawn(move || {
                #[cfg(test)]
                if let Some(hold) = hold {
                    let _ = hold.recv();
                }
                let cancelled = || cancel.load(Ordering::Relaxed);
                if let Ok(m) = std::fs::metadata(&path) {
                    bytes.store(m.len(), Ordering::Relaxed);
                }
                let loaded = read_file(&path, &cancelled)
                    .map_err(|source| LoadError::Read {
                        path: path.clone(),
                        source,
                    })
                    .and_then(|read| {
                        stage.store(CHECKING, Ordering::Relaxed);
                        let stamp = DiskStamp::of(&path, &read);
                        scenario_from_bytes(&path, read, stamp)
                    });
                if !cancelled() {
                    let _ = sender.send(opened(&path, loaded));
                    repaint.request_repaint();
                }
            })
            .map_err(|e| format!("could not start opening {shown}: {e}"))?;
        self.jobs.push(job);
        Ok(())
    }

    /// Files whose opening has finished, with what it came to, in the order they were asked for
    /// (a file waits for those asked for before it, so several dropped files open in their
    /// order). Never blocks.
    pub fn poll(&mut self) -> Vec<(PathBuf, OpenResult)> {
        let mut finished = Vec::new();
        while let Some(job) = self.jobs.first() {
            let result = match job.receiver.try_recv() {
                Ok(result) => result,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => Err(Box::new(LoadProblems {
                    path: job.path.clone(),
                    problems: vec!["the opening stopped unexpectedly".to_string()],
                    parsed: None,
                })),
            };
            let job = self.jobs.remove(0);
            finished.push((job.path, result));
        }
        finished
    }

    /// Gives up every opening under way; returns the files that were being opened.
    pub fn cancel_all(&mut self) -> Vec<PathBuf> {
        self.jobs
            .drain(..)
            .map(|job| {
                job.cancel.store(true, Ordering::Relaxed);
                job.path
            })
            .collect()
    }

    /// "Opening plan.ron (16.0 MB): checking the scenario…".
    pub fn describe(&self) -> String {
        let Some(job) = self.jobs.first() else {
            return String::new();
        };
        let name = job.path.file_name().map_or_else(
            || job.path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let bytes = job.bytes.load(Ordering::Relaxed);
        let size = if bytes > 0 {
            format!(" ({})", crate::model::memory::size(bytes))
        } else {
            String::new()
        };
        let stage = match job.stage.load(Ordering::Relaxed) {
            READING => "reading",
            _ => "checking the scenario",
        };
        let others = match self.jobs.len() - 1 {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        format!("Opening {name}{size}{others}: {stage}…")
    }
}

/// The line above the status bar while files are being opened.
pub fn opening_ui(ui: &mut Ui, opening: &Opening, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(opening.describe());
        if ui
            .button("Cancel opening")
            .on_hover_text("Stop opening; nothing is opened and the window stays as it is.")
            .clicked()
        {
            commands.push(Command::CancelOpening);
        }
    });
}

#[cfg(test)]
impl super::CareOptionsApp {
    /// [`Self::open_path`], then waits for the worker and shows what it came to, as the next
    /// frames would: for tests that open a file and go on at once.
    pub fn open_path_now(&mut self, path: &Path) {
        self.open_path(path);
        let start = std::time::Instant::now();
        while self.opening.is_busy() {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "timed out opening {}",
                path.display()
            );
            std::thread::sleep(std::time::Duration::from_millis(2));
            for (path, result) in self.opening.poll() {
                self.finish_opening(&path, result);
            }
        }
    }
}
