//! Opening and saving scenario files from the window: reading with every problem located by line
//! and column, and native file dialogs run on a worker thread so the window keeps drawing while
//! one is open.
//!
//! A dialog that returns no path may mean Cancel or that no dialog could be shown at all (no
//! desktop portal and no zenity): the two cannot be told apart, so the window says so and offers
//! File > Type a path… instead.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::io::{DiskStamp, LoadError, LocatedProblem, open_scenario};
use crate::model::ScenarioFile;

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
    let fail = |problems: Vec<String>, parsed: Option<Box<ScenarioFile>>| {
        Box::new(LoadProblems {
            path: path.to_path_buf(),
            problems,
            parsed,
        })
    };
    match open_scenario(path) {
        Ok(loaded) => Ok(Opened {
            file: loaded.file,
            stamp: loaded.stamp,
            written_version: loaded.written_version,
        }),
        Err(LoadError::Read { source, .. }) => {
            Err(fail(vec![format!("cannot read it: {source}")], None))
        }
        Err(LoadError::NotText { .. }) => Err(fail(
            vec!["it is not a text file (not UTF-8): is it really a .ron scenario?".to_string()],
            None,
        )),
        Err(LoadError::Parse { error, .. }) => Err(fail(vec![error.to_string()], None)),
        Err(LoadError::Invalid { file, problems, .. }) => {
            let problems = problems
                .iter()
                .map(|LocatedProblem { at, problem: p }| match at {
                    Some((line, column)) => {
                        format!("line {line}, column {column}: {}: {}", p.path, p.message)
                    }
                    None => format!("{}: {}", p.path, p.message),
                })
                .collect();
            Err(fail(problems, Some(file)))
        }
    }
}

/// What a file dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogPurpose {
    Open,
    /// Save As for one tab; `then` continues what was waiting for the save (closing the tab or
    /// quitting).
    SaveAs {
        tab: super::tab::TabId,
        then: Option<super::Pending>,
    },
    /// Where to export one tab's results: a file, or a folder for every chart.
    Export {
        tab: super::tab::TabId,
        export: super::export_menu::Export,
    },
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
    open: Option<(DialogPurpose, Receiver<Option<PathBuf>>)>,
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
    ) -> Result<(), String> {
        let (sender, receiver) = mpsc::channel();
        let (ask, what, extensions) = purpose.ask();
        let show = move || {
            let mut dialog = rfd::FileDialog::new();
            if !extensions.is_empty() {
                dialog = dialog.add_filter(what, extensions);
            }
            if let Some(folder) = folder {
                dialog = dialog.set_directory(folder);
            }
            let chosen = match ask {
                Ask::SaveFile => {
                    if let Some(name) = file_name {
                        dialog = dialog.set_file_name(name);
                    }
                    dialog.save_file()
                }
                Ask::OpenFile => dialog.pick_file(),
                Ask::Folder => dialog.pick_folder(),
            };
            let _ = sender.send(chosen);
            repaint.request_repaint();
        };
        // macOS only shows dialogs from the main thread; elsewhere a worker keeps the window live.
        #[cfg(target_os = "macos")]
        show();
        #[cfg(not(target_os = "macos"))]
        std::thread::Builder::new()
            .name("care-options-file-dialog".to_string())
            .spawn(show)
            .map_err(|e| format!("could not show a file dialog: {e}"))?;
        self.open = Some((purpose, receiver));
        Ok(())
    }

    /// The dialog's answer, once there is one: the purpose and the chosen path, if any.
    pub fn poll(&mut self) -> Option<(DialogPurpose, Option<PathBuf>)> {
        let (_, receiver) = self.open.as_ref()?;
        let chosen = match receiver.try_recv() {
            Ok(chosen) => chosen,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => None,
        };
        let (purpose, _) = self.open.take()?;
        Some((purpose, chosen))
    }
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
    let stem: String = scenario_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let stem: Vec<&str> = stem.split('-').filter(|s| !s.is_empty()).take(6).collect();
    if stem.is_empty() {
        "scenario.ron".to_string()
    } else {
        format!("{}.ron", stem.join("-"))
    }
}
