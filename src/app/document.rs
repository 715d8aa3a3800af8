//! The scenario being edited: the working copy the editor changes, where it lives on disk, whether
//! it has unsaved changes, its validation and its evidence flags (both worked out when it
//! changes, not every frame), and the undo history of completed edits.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;

use crate::io::{DiskStamp, parse_scenario};
use crate::model::{Invalid, Scenario, ScenarioFile, validate};

/// The default scenario embedded in the program.
pub fn default_scenario_file() -> ScenarioFile {
    // The embedded scenario is part of the program and a test loads it; a failure here is a bug
    // in the program, never something a file or a person did.
    #[allow(clippy::expect_used)]
    parse_scenario(crate::DEFAULT_SCENARIO).expect("the embedded default scenario parses")
}

/// Completed edits kept for undo. Each is a full snapshot: a scenario is a few kilobytes.
pub const UNDO_STEPS: usize = 200;

/// Snapshots of completed edits.
#[derive(Debug, Clone)]
pub struct History {
    undo: VecDeque<ScenarioFile>,
    redo: Vec<ScenarioFile>,
    /// The state after the last completed edit.
    current: ScenarioFile,
}

impl History {
    pub fn new(file: ScenarioFile) -> Self {
        History {
            undo: VecDeque::new(),
            redo: Vec::new(),
            current: file,
        }
    }

    /// Records `file` as a completed edit if it differs from the last one.
    pub fn commit(&mut self, file: &ScenarioFile) -> bool {
        if *file == self.current {
            return false;
        }
        let previous = std::mem::replace(&mut self.current, file.clone());
        self.undo.push_back(previous);
        if self.undo.len() > UNDO_STEPS {
            self.undo.pop_front();
        }
        self.redo.clear();
        true
    }

    pub fn undo(&mut self) -> Option<ScenarioFile> {
        let previous = self.undo.pop_back()?;
        let now = std::mem::replace(&mut self.current, previous.clone());
        self.redo.push(now);
        Some(previous)
    }

    pub fn redo(&mut self) -> Option<ScenarioFile> {
        let next = self.redo.pop()?;
        let now = std::mem::replace(&mut self.current, next.clone());
        self.undo.push_back(now);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// Validation problems by field path, for showing each where it is typed.
pub type ProblemsByPath = HashMap<String, Vec<String>>;

/// Inputs far outside what English councils report, by field path: a prompt to check.
pub type FlagsByPath = HashMap<String, String>;

/// The open scenario.
pub struct Document {
    /// The working copy; the editor writes to it directly.
    pub file: ScenarioFile,
    /// Where it was opened from or last saved to.
    pub path: Option<PathBuf>,
    /// As last opened or saved, to tell whether there are unsaved changes.
    saved: ScenarioFile,
    history: History,
    /// The copy `validation` was computed from.
    checked: ScenarioFile,
    pub validation: Result<Scenario, Invalid>,
    pub problems: ProblemsByPath,
    /// Inputs beyond every council's published figure ([`crate::evidence::flags`]).
    pub flags: FlagsByPath,
    /// The file at `path` as last read or written by this window, to notice changes made to it
    /// since by someone else; `None` when there is no file or it was not read.
    pub disk: Option<DiskStamp>,
}

impl Document {
    pub fn new(file: ScenarioFile, path: Option<PathBuf>) -> Self {
        let validation = validate(&file);
        let problems = index_problems(&validation);
        let flags = evidence_flags(&file);
        Document {
            saved: file.clone(),
            history: History::new(file.clone()),
            checked: file.clone(),
            file,
            path,
            validation,
            problems,
            flags,
            disk: None,
        }
    }

    /// A document whose file on disk holds `on_disk` rather than the working copy: a restored
    /// autosave, whose changes are unsaved.
    pub fn with_saved(mut self, on_disk: ScenarioFile) -> Self {
        self.saved = on_disk;
        self
    }

    /// True when the working copy differs from the file on disk (or from the template).
    pub fn is_dirty(&self) -> bool {
        self.file != self.saved
    }

    /// Revalidates after a change. Returns true when the scenario's inputs changed since the last
    /// call; a change to notes alone returns false, as it changes no result.
    pub fn refresh(&mut self) -> bool {
        if self.file == self.checked {
            return false;
        }
        let inputs_changed = !self.file.same_inputs(&self.checked);
        self.checked = self.file.clone();
        self.validation = validate(&self.file);
        self.problems = index_problems(&self.validation);
        if inputs_changed {
            self.flags = evidence_flags(&self.file);
        }
        inputs_changed
    }

    /// Records the working copy as a completed edit, for undo.
    pub fn commit(&mut self) -> bool {
        self.history.commit(&self.file)
    }

    /// Goes back one completed edit (an edit in progress counts as completed first).
    pub fn undo(&mut self) -> bool {
        self.commit();
        match self.history.undo() {
            Some(file) => {
                self.file = file;
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        if self.commit() {
            // A new edit since the last undo: there is nothing to redo.
            return false;
        }
        match self.history.redo() {
            Some(file) => {
                self.file = file;
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo() || self.file != self.history.current
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The file on disk now holds the working copy.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.file.clone();
        self.path = Some(path);
    }

    /// The checked scenario, when the working copy is valid.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.validation.as_ref().ok()
    }

    /// Every problem, in the order validation found them.
    pub fn problem_list(&self) -> &[crate::model::Problem] {
        match &self.validation {
            Ok(_) => &[],
            Err(invalid) => &invalid.problems,
        }
    }
}

fn evidence_flags(file: &ScenarioFile) -> FlagsByPath {
    crate::evidence::census()
        .map(|census| {
            crate::evidence::flags(file, census)
                .into_iter()
                .map(|f| (f.path, f.message))
                .collect()
        })
        .unwrap_or_default()
}

fn index_problems(validation: &Result<Scenario, Invalid>) -> ProblemsByPath {
    let mut map = ProblemsByPath::new();
    if let Err(invalid) = validation {
        for p in &invalid.problems {
            map.entry(p.path.clone())
                .or_default()
                .push(p.message.clone());
        }
    }
    map
}
