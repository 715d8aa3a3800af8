//! Opening and saving scenario files from the window: reading with every problem located by line
//! and column, and native file dialogs run on a worker thread so the window keeps drawing while
//! one is open.
//!
//! A dialog that returns no path may mean Cancel or that no dialog could be shown at all (no
//! desktop portal and no zenity): the two cannot be told apart, so the window says so and offers
//! File > Type a path… instead.

use std::path::{Path, PathBuf};

use crate::io::{DiskStamp, FileProblem, LoadError, Loaded, open_scenario};
use crate::model::ScenarioFile;

use super::command::DialogPurpose;
use super::job::{Job, Poll};

/// Why a file could not be opened, with every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadProblems {
    pub path: PathBuf,
    /// Each problem as a sentence, with "line L, column C" where it is known.
    pub problems: Vec<String>,
    /// The file as read, when it parsed but failed validation (it can be opened to be fixed).
    pub parsed: Option<Box<ScenarioFile>>,
}

/// A file opened in the window.
#[derive(Debug, Clone)]
pub struct Opened {
    pub file: ScenarioFile,
    /// The file as read, to notice changes made to it later by others.
    pub stamp: DiskStamp,
    /// The `format_version` it was written in (older ones are upgraded on reading).
    pub written_version: u32,
}

/// Reads, parses and validates a scenario file.
pub fn load(path: &Path) -> Result<Opened, Box<LoadProblems>> {
    opened(path, open_scenario(path))
}

/// What reading `path` came to, as the window shows it: the file, or every problem found.
pub fn opened(path: &Path, loaded: Result<Loaded, LoadError>) -> Result<Opened, Box<LoadProblems>> {
    let fail = |problems: Vec<String>, parsed: Option<Box<ScenarioFile>>| {
        Box::new(LoadProblems {
            path: path.to_path_buf(),
            problems,
            parsed,
        })
    };
    match loaded {
        Ok(loaded) => Ok(Opened {
            file: loaded.file,
            stamp: loaded.stamp,
            written_version: loaded.written_version,
        }),
        Err(error) => {
            let problems = error.problems().iter().map(FileProblem::in_words).collect();
            let parsed = match error {
                LoadError::Invalid { file, .. } => Some(file),
                _ => None,
            };
            Err(fail(problems, parsed))
        }
    }
}

/// What a dialog asks for.
enum Ask {
    OpenFile,
    SaveFile,
    Folder,
}

impl DialogPurpose {
    /// The kind of dialog, and the files it lists: (description, extensions).
    fn ask(&self) -> (Ask, &'static str, &'static [&'static str]) {
        match self {
            DialogPurpose::Open => (Ask::OpenFile, "Care Options scenario", &["ron"]),
            DialogPurpose::SaveAs { .. } => (Ask::SaveFile, "Care Options scenario", &["ron"]),
            DialogPurpose::Export { export, .. } => match export.extension() {
                Some((what, extension)) => (Ask::SaveFile, what, extension),
                None => (Ask::Folder, "", &[]),
            },
        }
    }
}

/// A file dialog that may be open.
#[derive(Default)]
pub struct FileDialogs {
    open: Option<(DialogPurpose, Job<Option<PathBuf>>)>,
}

impl FileDialogs {
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Shows a native dialog without blocking the window.
    pub fn start(
        &mut self,
        purpose: DialogPurpose,
        folder: Option<PathBuf>,
        file_name: Option<String>,
        repaint: egui::Context,
    ) -> std::io::Result<()> {
        let (ask, what, extensions) = purpose.ask();
        let show = move || {
            let mut dialog = rfd::FileDialog::new();
            if !extensions.is_empty() {
                dialog = dialog.add_filter(what, extensions);
            }
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            match ask {
                Ask::SaveFile => {
                    if let Some(name) = file_name {
                        dialog = dialog.set_file_name(name);
                    }
                    dialog.save_file()
                }
                Ask::OpenFile => dialog.pick_file(),
                Ask::Folder => dialog.pick_folder(),
            }
        };
        // macOS only shows dialogs from the main thread; elsewhere a worker keeps the window live.
        #[cfg(target_os = "macos")]
        let job = {
            let _ = repaint;
            Job::here(show)
        };
        #[cfg(not(target_os = "macos"))]
        let job = Job::spawn("care-options-file-dialog", repaint, show)?;
        self.open = Some((purpose, job));
        Ok(())
    }

    /// The dialog's answer, once there is one: the purpose and the chosen path, if any.
    pub fn poll(&mut self) -> Option<(DialogPurpose, Option<PathBuf>)> {
        let (_, job) = self.open.as_ref()?;
        let chosen = match job.poll() {
            Poll::Pending => return None,
            Poll::Done(chosen) => chosen,
            Poll::Lost => None,
        };
        let (purpose, _) = self.open.take()?;
        Some((purpose, chosen))
    }
}

/// Whether a native file dialog can appear at all. On Linux and the BSDs rfd asks the desktop
/// portal over the session bus, then falls back to `zenity`: with neither, a dialog returns at
/// once as if cancelled, so the window asks for a typed path instead. Elsewhere the system
/// dialogs are always there.
pub fn native_dialogs_available() -> bool {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
        let zenity = std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
        });
        bus || zenity
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    {
        true
    }
}

/// Where exports go when a path is typed rather than chosen: `Care Options` in the person's
/// documents folder (their home folder when the system names none).
pub fn default_export_folder() -> Option<PathBuf> {
    dirs::document_dir()
        .or_else(dirs::home_dir)
        .map(|folder| folder.join("Care Options"))
}

/// Adds `.ron` when a typed or chosen name has no extension.
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension("ron")
    } else {
        path
    }
}

/// A file name suggested for Save As, from the scenario's name.
pub fn suggested_file_name(scenario_name: &str) -> String {
    format!(
        "{}.ron",
        crate::present::format::slug(scenario_name, "scenario")
    )
}
