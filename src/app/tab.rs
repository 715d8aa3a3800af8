//! One open scenario: its file, undo history, runs and results. The window holds several, one
//! tab each, so that a base case and its variants can be open side by side.

use super::charts::ChartsState;
use super::document::Document;
use super::document::default_scenario_file;
use super::editor::EditorState;
use super::runner::{Finished, Runner};
use super::switching::SwitchingJob;

pub use super::command::TabId;

/// One open scenario and everything that belongs to it alone.
pub struct Tab {
    pub id: TabId,
    pub doc: Document,
    pub runner: Runner,
    /// The switching values of the results on show, being worked out.
    pub switching: Option<SwitchingJob>,
    /// The results on screen: the last run that finished.
    pub shown: Option<Box<Finished>>,
    /// Why the last run produced nothing ("Full run cancelled").
    pub run_note: Option<String>,
    /// The count the next step of a run to precision asks for (none: start with the pilot).
    pub precise_next: Option<u64>,
    /// When the live preview is due (egui time, seconds).
    pub preview_due: Option<f64>,
    pub editor: EditorState,
    pub charts: ChartsState,
}

impl Tab {
    /// A tab on `doc`, whose first preview runs at once.
    pub fn new(id: TabId, doc: Document) -> Self {
        Tab {
            id,
            doc,
            runner: Runner::default(),
            switching: None,
            shown: None,
            run_note: None,
            precise_next: None,
            preview_due: Some(f64::NEG_INFINITY),
            editor: EditorState::default(),
            charts: ChartsState::default(),
        }
    }

    /// The scenario as edited.
    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// The results on screen, if any.
    pub fn shown(&self) -> Option<&Finished> {
        self.shown.as_deref()
    }

    /// The tab's name: the scenario's, and " *" while it has unsaved changes.
    pub fn label(&self) -> String {
        let name = if self.doc.file.name.trim().is_empty() {
            "Untitled"
        } else {
            self.doc.file.name.as_str()
        };
        format!("{name}{}", if self.doc.is_dirty() { " *" } else { "" })
    }

    /// Still the default scenario, untouched and never saved: opening a file replaces it rather
    /// than leaving an unused tab beside it.
    pub fn is_pristine(&self) -> bool {
        self.doc.path.is_none()
            && !self.doc.is_dirty()
            && !self.doc.can_undo()
            && self.doc.file == default_scenario_file()
    }
}
