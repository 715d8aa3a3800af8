//! The window's log: the program's version at start, and everything the window told the person —
//! the status bar's messages, a tab's note on why a run produced nothing, the messages and file
//! problems shown in a window of their own — written to `care-options.log` in the data folder
//! ([`crate::io::log_file`]), so that whoever supports Care Options can see afterwards what went
//! wrong. Help > Open log folder shows where it is.
//!
//! What was shown is read off the window's state ([`CareOptionsApp::log_shown`]), once a frame and
//! after each file whose opening finishes, rather than at each of the many places that say
//! something: whichever flow shows a message, it reaches the log through the one function
//! [`Log::write`]. Writing never stops the window: a failure is said once in the status bar, and
//! from then on ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::io::log_file;

use super::CareOptionsApp;
use super::panels::dialogs::Modal;
use super::tab::TabId;

/// The problems of a file that would not open listed in the log; the rest are counted.
const PROBLEMS_LOGGED: usize = 20;

/// Where the log goes and what of the window's state has been logged already.
#[derive(Default)]
pub struct Log {
    /// The data folder; none: nothing is logged (tests, and systems without one).
    folder: Option<PathBuf>,
    /// A write has failed and been said; later failures are not.
    failed: bool,
    /// The status bar's message as last logged.
    message: Option<String>,
    /// What the modal window gave the log when last looked at.
    modal: Option<String>,
    /// Each tab's run note as last logged.
    notes: HashMap<TabId, String>,
}

impl Log {
    /// The data folder the log is written in, once logging has started.
    pub fn folder(&self) -> Option<&Path> {
        self.folder.as_deref()
    }

    /// Appends one entry. The first failure comes back as a note to show; later ones, and every
    /// entry while there is no data folder, are dropped without a word.
    pub fn write(&mut self, entry: &str) -> Option<String> {
        let folder = self.folder.as_ref()?;
        match log_file::append(folder, SystemTime::now(), entry) {
            Ok(()) => None,
            Err(_) if self.failed => None,
            Err(e) => {
                self.failed = true;
                Some(format!(
                    "The log file {} cannot be written ({e}); Care Options carries on without it.",
                    log_file::log_path(folder).display()
                ))
            }
        }
    }
}

/// The line a modal window gives the log, if it tells of a problem.
fn modal_entry(modal: &Modal) -> Option<String> {
    match modal {
        Modal::Message { title, text } => Some(format!("shown: {title}: {text}")),
        Modal::LoadProblems(load) => {
            let listed = load.problems.iter().take(PROBLEMS_LOGGED);
            let more = load.problems.len().saturating_sub(PROBLEMS_LOGGED);
            Some(format!(
                "could not open {}: {}{}",
                load.path.display(),
                listed.cloned().collect::<Vec<_>>().join(" / "),
                if more > 0 {
                    format!(" / and {more} more problem(s)")
                } else {
                    String::new()
                }
            ))
        }
        Modal::Recover { items, crash, .. } => Some(format!(
            "offered to restore {} autosaved scenario(s): {}{}",
            items.len(),
            items.join(" / "),
            crash
                .as_deref()
                .map(|c| format!(" / {c}"))
                .unwrap_or_default()
        )),
        Modal::ChangedOnDisk { path, modified, .. } => Some(format!(
            "asked before saving over {}, changed on disk {}",
            path.display(),
            modified.as_deref().unwrap_or("at an unknown time")
        )),
        Modal::About
        | Modal::Licences
        | Modal::Guide
        | Modal::Unsaved(..)
        | Modal::TypePath { .. }
        | Modal::ExportPath { .. }
        | Modal::ReplaceOther { .. } => None,
    }
}

impl CareOptionsApp {
    /// Starts the log in `folder` with the program's version and system.
    pub(super) fn start_log(&mut self, folder: PathBuf) {
        self.log.folder = Some(folder);
        let entry = format!(
            "Care Options {} started ({} {})",
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS,
            std::env::consts::ARCH
        );
        self.log_entry(&entry);
    }

    /// The folder holding the log, if there is one.
    pub fn log_folder(&self) -> Option<&Path> {
        self.log.folder()
    }

    /// Writes one entry to the log; a first failure is said in the status bar.
    pub fn log_entry(&mut self, entry: &str) {
        if let Some(note) = self.log.write(entry) {
            self.message = Some(match self.message.take() {
                Some(shown) => format!("{shown} {note}"),
                None => note,
            });
            // Said, not logged: the log is what failed.
            self.log.message = self.message.clone();
        }
    }

    /// Logs what the window shows that it had not shown when last looked at: the status bar's
    /// message, a modal window that tells of a problem, a tab's run note.
    pub(super) fn log_shown(&mut self) {
        if self.log.folder.is_none() {
            return;
        }
        let mut entries = Vec::new();
        if self.message != self.log.message {
            if let Some(message) = &self.message {
                entries.push(format!("status: {message}"));
            }
            self.log.message = self.message.clone();
        }
        // Compared as the entry, not the window: a window's own state (where the keyboard is)
        // changes while it shows the same thing.
        let modal = self.modal.as_ref().and_then(modal_entry);
        if modal != self.log.modal {
            entries.extend(modal.clone());
            self.log.modal = modal;
        }
        for tab in &self.tabs {
            match &tab.run_note {
                Some(note) if self.log.notes.get(&tab.id) != Some(note) => {
                    entries.push(format!("{}: {note}", tab.doc.file.name));
                    self.log.notes.insert(tab.id, note.clone());
                }
                Some(_) => {}
                None => {
                    self.log.notes.remove(&tab.id);
                }
            }
        }
        for entry in entries {
            self.log_entry(&entry);
        }
    }

    /// Help > Open log folder: the data folder, with the desktop's file manager. Off where file
    /// dialogs are off (tests), which only says where it is.
    pub(super) fn open_log_folder(&mut self) {
        let Some(folder) = self.log.folder.clone() else {
            self.message = Some(format!(
                "There is no log: this system has no data folder for Care Options (set {} to \
                 name one).",
                super::window::DATA_FOLDER_VARIABLE
            ));
            return;
        };
        let log = log_file::log_path(&folder);
        if !self.dialogs_enabled {
            self.message = Some(format!("Opening is off here: the log is {}", log.display()));
            return;
        }
        self.message = Some(match opener::open(&folder) {
            Ok(()) => format!("The log is {}", log.display()),
            Err(e) => format!(
                "Could not open {} ({e}); the log is {} to open by hand.",
                folder.display(),
                log.display()
            ),
        });
    }
}
