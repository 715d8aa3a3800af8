//! One open scenario: its file, undo history, runs and results. The window holds several, one
//! tab each, so that a base case and its variants can be open side by side.

use egui::{RichText, Ui};

use super::charts::ChartsState;
use super::document::Document;
use super::editor::EditorState;
use super::runner::{Finished, Runner};
use super::{Command, default_scenario_file};

/// Names a tab for as long as it is open, whatever is opened or closed around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TabId(pub u64);

/// One open scenario and everything that belongs to it alone.
pub struct Tab {
    pub id: TabId,
    pub doc: Document,
    pub runner: Runner,
    /// The results on screen: the last run that finished.
    pub shown: Option<Box<Finished>>,
    /// Why the last run produced nothing ("Full run cancelled").
    pub run_note: Option<String>,
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
            shown: None,
            run_note: None,
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

/// The row of tabs under the menu: click one to show it, × to close it (asking about unsaved
/// changes first).
pub fn tab_bar_ui(ui: &mut Ui, tabs: &[Tab], active: usize, commands: &mut Vec<Command>) {
    egui::ScrollArea::horizontal()
        .id_salt("tab-bar")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for (i, tab) in tabs.iter().enumerate() {
                    let path = tab
                        .doc
                        .path
                        .as_ref()
                        .map_or("Not saved to a file yet".to_string(), |p| {
                            p.display().to_string()
                        });
                    let label = RichText::new(tab.label());
                    let response = ui
                        .selectable_label(
                            i == active,
                            if i == active { label.strong() } else { label },
                        )
                        .on_hover_text(path);
                    if response.clicked() && i != active {
                        commands.push(Command::SelectTab(i));
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text(format!("Close {} (Ctrl+W)", tab.doc.file.name))
                        .clicked()
                    {
                        commands.push(Command::CloseTab(tab.id));
                    }
                    ui.separator();
                }
                if ui
                    .small_button("+")
                    .on_hover_text("A new tab on the default scenario (Ctrl+N)")
                    .clicked()
                {
                    commands.push(Command::New);
                }
            });
        });
}
