//! The window: a tab per open scenario, its editor on the left, its results in the middle, the
//! status bar at the bottom.
//!
//! [`CareOptionsApp::show`] draws the whole window into any [`egui::Ui`], so tests drive it with
//! egui_kittest exactly as eframe does ([`window`] is a thin eframe wrapper). Panels draw and
//! record what the person asked for as [`Command`]s; the app applies them at the end of the frame.
//! Runs happen on a worker thread ([`runner`]); a frame never waits for one.
//!
//! Depends on the model, io and present; never on the command line.

mod benchmarks;
pub mod charts;
pub mod compare;
pub mod crash;
mod dialogs;
pub mod document;
pub mod drop;
pub mod editor;
pub mod export_menu;
pub mod files;
mod menu;
pub mod palette;
pub mod preferences;
pub mod presentation;
pub mod recent;
mod recovery;
mod results_panel;
pub mod runner;
mod status;
pub mod summary;
pub mod tab;
pub mod window;
pub mod zoom;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_cabinet;
#[cfg(test)]
mod tests_safety;
#[cfg(test)]
mod tests_session;

use std::path::{Path, PathBuf};

use egui::{Context, ViewportCommand};

use crate::io::{DiskChange, DiskStamp, disk_change, parse_scenario, save_scenario};
use crate::model::memory::check_fits;
use crate::model::scenario::FORMAT_VERSION;
use crate::model::{OptionKind, RunSettings, ScenarioFile};

use dialogs::Modal;
use document::Document;
use editor::shape::{
    add_option, add_placement, duplicate_option, remove_option, remove_placement, rename_option,
};
use files::{DialogPurpose, FileDialogs};
use preferences::Preferences;
use recent::RecentFiles;
use runner::{Finished, Outcome, PREVIEW_ITERATIONS, RunKind};
use tab::{Tab, TabId};

/// Seconds after the last edit before the live preview runs.
pub const PREVIEW_DELAY_SECONDS: f64 = 0.3;
/// How often the window redraws while a run is under way, for its progress bar.
const PROGRESS_REDRAW: std::time::Duration = std::time::Duration::from_millis(100);

/// The default scenario embedded in the program.
pub fn default_scenario_file() -> ScenarioFile {
    // The embedded scenario is part of the program and a test loads it; a failure here is a bug
    // in the program, never something a file or a person did.
    #[allow(clippy::expect_used)]
    parse_scenario(crate::DEFAULT_SCENARIO).expect("the embedded default scenario parses")
}

/// Something waiting for a tab's unsaved changes to be saved or discarded.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Close this tab.
    Close(TabId),
    /// Close the window: asked about each tab with unsaved changes in turn.
    Quit,
}

/// What the person asked for, applied at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    /// Files dropped on the window that cannot be opened: a title and why.
    RefuseDrop {
        title: String,
        text: String,
    },
    /// Open a file that failed validation, to fix it in the editor.
    OpenAnyway(PathBuf, Box<ScenarioFile>),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    /// Save over a file that changed on disk since it was opened, as the person agreed.
    SaveOverwrite {
        tab: TabId,
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Open the autosaves of the last session, or discard them.
    RestoreAutosaves,
    DiscardAutosaves,
    /// Save, then carry on with what was waiting.
    SaveThen(Pending),
    /// Carry on without saving.
    Proceed(Pending),
    Quit,
    /// Empty File > Open Recent.
    ClearRecent,
    /// Show the tab at this position.
    SelectTab(usize),
    /// Show the next tab (Ctrl+Page Down), or the previous one (Ctrl+Page Up).
    NextTab,
    PreviousTab,
    /// Close a tab, asking about unsaved changes first.
    CloseTab(TabId),
    /// Close the tab on show (Ctrl+W).
    CloseActiveTab,
    Undo,
    Redo,
    RunFull,
    Cancel,
    SetDark(bool),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ShowAbout,
    ShowTypePath,
    AddOption(OptionKind),
    DuplicateOption(usize),
    RemoveOption(usize),
    RenameOption(usize, String),
    SetBaseline(String),
    AddPlacement,
    RemovePlacement(usize),
    /// Export the results on show: a dialog asks where, then a worker writes.
    Export(export_menu::Export),
    /// Export the results on show to this path, without a dialog.
    ExportTo(export_menu::Export, PathBuf),
    /// Copy a chart, as exported, to the clipboard.
    CopyChart(crate::present::chart_data::ChartKind),
    /// Enter or leave presentation mode (F5).
    Present,
    /// Evidence > Council benchmarks…
    ShowBenchmarks,
    /// Show the compare view.
    ShowCompare,
    /// Keep a copy of the results on show, to compare with later.
    PinSnapshot,
    /// Forget a pinned snapshot.
    RemoveSnapshot(u32),
    /// Set the scenario on show's starting values from this council's published figures.
    UseStartingValues(String),
}

/// The whole window's state.
pub struct CareOptionsApp {
    /// The open scenarios; never empty.
    tabs: Vec<Tab>,
    /// The position of the tab on show.
    active: usize,
    /// The next tab's id.
    next_tab: u64,
    /// Tabs whose unsaved changes the person chose to discard while quitting.
    quit_discarded: Vec<TabId>,
    commands: Vec<Command>,
    modal: Option<Modal>,
    file_dialogs: FileDialogs,
    /// Native file dialogs; off in tests, which must never open one.
    pub dialogs_enabled: bool,
    dark: bool,
    /// How large the window is drawn, as egui's zoom factor (1.0 is 100%).
    zoom: f32,
    /// The theme and zoom have been handed to egui (on the first frame).
    view_applied: bool,
    /// Files opened or saved, for File > Open Recent.
    recent: RecentFiles,
    /// The last thing that happened, for the status bar.
    message: Option<String>,
    /// egui time at the start of this frame.
    now: f64,
    title_sent: String,
    /// Set once the person has agreed to quit, so the close request goes through.
    quitting: bool,
    /// Autosave, restore and the memory check ([`recovery`]).
    safety: recovery::Safety,
    /// An export under way on a worker thread.
    exporter: export_menu::Exporter,
    /// Presentation mode, while it is on.
    presentation: Option<presentation::Presentation>,
    /// The council benchmarks window.
    benchmarks: benchmarks::BenchmarksState,
    /// The compare view and the pinned snapshots.
    compare: compare::CompareState,
}

impl Default for CareOptionsApp {
    fn default() -> Self {
        Self::new()
    }
}

impl CareOptionsApp {
    /// The window on the embedded default scenario; the first preview runs on the first frame.
    pub fn new() -> Self {
        CareOptionsApp {
            tabs: vec![Tab::new(
                TabId(0),
                Document::new(default_scenario_file(), None),
            )],
            active: 0,
            next_tab: 1,
            quit_discarded: Vec::new(),
            commands: Vec::new(),
            modal: None,
            file_dialogs: FileDialogs::default(),
            dialogs_enabled: true,
            dark: false,
            zoom: 1.0,
            view_applied: false,
            recent: RecentFiles::default(),
            message: None,
            now: 0.0,
            title_sent: String::new(),
            quitting: false,
            safety: recovery::Safety::default(),
            exporter: export_menu::Exporter::default(),
            presentation: None,
            benchmarks: benchmarks::BenchmarksState::default(),
            compare: compare::CompareState::default(),
        }
    }

    /// Takes on the settings of an earlier session; they reach egui on the next frame.
    pub fn set_preferences(&mut self, preferences: Preferences) {
        self.recent = preferences.recent_files;
        self.dark = preferences.dark;
        self.zoom = zoom::clamp_zoom(preferences.zoom);
        self.view_applied = false;
    }

    /// The settings to keep for the next session.
    pub fn preferences(&self) -> Preferences {
        Preferences {
            recent_files: self.recent.clone(),
            dark: self.dark,
            zoom: self.zoom,
        }
    }

    /// The open scenarios, in tab order.
    pub fn tabs(&self) -> &[Tab] {
        &self.tabs
    }

    /// The position of the tab on show.
    pub fn active_index(&self) -> usize {
        self.active
    }

    fn tab(&self) -> &Tab {
        &self.tabs[self.active]
    }

    fn tab_mut(&mut self) -> &mut Tab {
        &mut self.tabs[self.active]
    }

    /// The scenario on show, as edited.
    pub fn scenario(&self) -> &ScenarioFile {
        &self.tab().doc.file
    }

    /// The scenario on show, to edit as the editor does. Call [`Self::show`] afterwards to apply it.
    pub fn scenario_mut(&mut self) -> &mut ScenarioFile {
        &mut self.tab_mut().doc.file
    }

    /// The results on show, if any.
    pub fn shown(&self) -> Option<&Finished> {
        self.tab().shown()
    }

    /// Whether the tab on show is running.
    pub fn is_running(&self) -> bool {
        self.tab().runner.is_running()
    }

    /// The modal window showing, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// How large the window is drawn (1.0 is 100%).
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// Files opened or saved, most recent first.
    pub fn recent_files(&self) -> &RecentFiles {
        &self.recent
    }

    /// Whether the tab on show has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.tab().doc.is_dirty()
    }

    /// "Care Options — name" of the tab on show, with " *" while it has unsaved changes.
    pub fn title(&self) -> String {
        let doc = &self.tab().doc;
        format!(
            "Care Options — {}{}",
            doc.file.name,
            if doc.is_dirty() { " *" } else { "" }
        )
    }

    /// Queues a command as if it came from the menus.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Opens a scenario file in a tab of its own (or shows its tab if it is open already). A file
    /// that cannot be read, parsed or validated opens nothing and shows every problem with its
    /// line and column.
    pub fn open_path(&mut self, path: &Path) {
        if let Some(i) = self.tab_of(path) {
            self.active = i;
            self.message = Some(format!("{} is open already", path.display()));
            return;
        }
        match files::load(path) {
            Ok(opened) => {
                let mut doc = Document::new(opened.file, Some(path.to_path_buf()));
                doc.disk = Some(opened.stamp);
                let needed = doc.file.version_needed();
                self.open_document(doc);
                if opened.written_version < FORMAT_VERSION {
                    self.message = Some(format!(
                        "Opened {}: a format-version-{} file from an older Care Options, upgraded \
                         on reading. Saving writes format version {needed}, the oldest that holds \
                         its content{}.",
                        path.display(),
                        opened.written_version,
                        if needed < FORMAT_VERSION {
                            ", so older programs still open it"
                        } else {
                            ""
                        }
                    ));
                }
            }
            Err(problems) => {
                self.message = Some(format!("Could not open {}", path.display()));
                self.modal = Some(Modal::LoadProblems(problems));
            }
        }
    }

    /// Draws the whole window and applies what was asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.now = ui.input(|i| i.time);
        if !self.view_applied {
            self.apply_view(&ctx);
        }
        self.poll_background(&ctx);
        menu::shortcuts(&ctx, &mut self.commands);
        drop::dropped_files(&ctx, &mut self.commands);
        self.handle_close_request(&ctx);
        if self.presentation.is_some() {
            self.presentation_frame(ui, &ctx);
            return;
        }

        egui::Panel::top("menu-bar").show(ui, |ui| {
            let doc = &self.tabs[self.active].doc;
            let state = menu::MenuState {
                can_undo: doc.can_undo(),
                can_redo: doc.can_redo(),
                dark: self.dark,
                zoom: self.zoom,
                recent: self.recent.paths(),
                can_export: self.tabs[self.active].shown.is_some(),
                can_pin: self.tabs[self.active].shown.is_some(),
            };
            menu::menu_bar_ui(ui, &state, &mut self.commands);
        });
        egui::Panel::top("tab-bar").show(ui, |ui| {
            tab::tab_bar_ui(ui, &self.tabs, self.active, &mut self.commands);
        });
        let tab = &self.tabs[self.active];
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let view = status::StatusView {
                doc: &tab.doc,
                shown: tab.shown.as_deref(),
                message: self.message.as_deref(),
            };
            status::status_bar_ui(ui, &view);
        });
        if self.compare.open {
            egui::CentralPanel::default().show(ui, |ui| {
                compare::compare_ui(
                    ui,
                    &mut self.compare,
                    &self.tabs,
                    self.active,
                    &mut self.commands,
                );
            });
        } else {
            let tab = &mut self.tabs[self.active];
            let editor_width = (ui.available_width() * 0.46).clamp(380.0, 900.0);
            egui::Panel::left("editor")
                .resizable(true)
                .default_size(editor_width)
                .min_size(320.0)
                .show(ui, |ui| {
                    // Each tab's widgets keep their own state (folded sections, text being typed).
                    ui.push_id(tab.id, |ui| {
                        editor::editor_ui(ui, &mut tab.editor, &mut tab.doc, &mut self.commands);
                    });
                });
            egui::CentralPanel::default().show(ui, |ui| {
                let view = results_panel::ResultsView {
                    shown: tab.shown.as_deref(),
                    progress: tab.runner.progress(),
                    full_iterations: tab.doc.scenario().map(|s| s.iterations()),
                    stale: tab
                        .shown
                        .as_ref()
                        .is_some_and(|f| !f.file.same_inputs(&tab.doc.file)),
                    problem_count: tab.doc.problem_list().len(),
                    note: tab.run_note.as_deref(),
                };
                ui.push_id(tab.id, |ui| {
                    results_panel::results_ui(ui, &view, &mut tab.charts, &mut self.commands);
                });
            });
        }
        benchmarks::benchmarks_window(
            &ctx,
            &mut self.benchmarks,
            &self.tabs[self.active].doc.file,
            &mut self.commands,
        );
        self.modal = dialogs::modal_ui(&ctx, self.modal.take(), &mut self.commands);
        drop::hover_overlay_ui(&ctx);

        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // What the commands changed shows on the next frame.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(command, &ctx);
        }
        self.after_edits(&ctx);
        self.autosave_tick(&ctx);
        self.update_title(&ctx);
        if self.tabs.iter().any(|t| t.runner.is_running())
            || self.file_dialogs.is_open()
            || self.exporter.is_busy()
        {
            ctx.request_repaint_after(PROGRESS_REDRAW);
        }
    }

    fn poll_background(&mut self, ctx: &Context) {
        self.poll_exports(ctx);
        for tab in &mut self.tabs {
            match tab.runner.poll() {
                Some(Outcome::Finished(finished)) => {
                    tab.run_note = None;
                    tab.shown = Some(finished);
                }
                Some(Outcome::Cancelled(kind)) => {
                    tab.run_note = Some(format!("{} cancelled.", kind.label()));
                }
                Some(Outcome::Failed(why)) => {
                    tab.run_note = Some(format!("The run failed: {why}"));
                }
                None => {}
            }
        }
        if let Some((purpose, chosen)) = self.file_dialogs.poll() {
            match (purpose, chosen) {
                (DialogPurpose::Open, Some(path)) => self.open_path(&path),
                (DialogPurpose::SaveAs { tab, then }, Some(path)) => {
                    let path = files::with_ron_extension(path);
                    // The tab that asked, even if another is on show now.
                    if let Some(i) = self.index_of(tab) {
                        self.save_checked(i, &path, then, ctx);
                    }
                }
                (DialogPurpose::Export { tab, export }, Some(path)) => {
                    self.export_to(tab, export, path, ctx);
                }
                (purpose, None) => self.message = Some(no_file_chosen(&purpose)),
            }
        }
    }

    /// Closing the window with unsaved changes asks first, like File > Quit.
    fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quitting
            && self.tabs.iter().any(|t| t.doc.is_dirty())
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.quit_discarded.clear();
            self.guard(Pending::Quit, ctx);
        }
    }

    fn apply(&mut self, command: Command, ctx: &Context) {
        match command {
            Command::New => {
                self.add_tab(Document::new(default_scenario_file(), None));
                self.message = Some("New scenario from the default.".to_string());
            }
            Command::Open => self.open_dialog(ctx),
            Command::OpenPath(path) => self.open_path(&path),
            Command::RefuseDrop { title, text } => {
                self.message = Some("Nothing was opened from the drop.".to_string());
                self.modal = Some(Modal::Message { title, text });
            }
            Command::Quit => {
                self.quit_discarded.clear();
                self.guard(Pending::Quit, ctx);
            }
            Command::ClearRecent => self.recent.clear(),
            Command::SelectTab(i) => {
                if i < self.tabs.len() {
                    self.active = i;
                }
            }
            Command::NextTab => self.active = (self.active + 1) % self.tabs.len(),
            Command::PreviousTab => {
                self.active = (self.active + self.tabs.len() - 1) % self.tabs.len();
            }
            Command::CloseTab(id) => self.guard(Pending::Close(id), ctx),
            Command::CloseActiveTab => self.guard(Pending::Close(self.tab().id), ctx),
            Command::Proceed(pending) => self.proceed(pending, ctx),
            Command::OpenAnyway(path, file) => {
                let mut doc = Document::new(*file, Some(path.clone()));
                doc.disk = DiskStamp::read(&path).ok().flatten();
                self.open_document(doc);
            }
            Command::Save => match self.tab().doc.path.clone() {
                Some(path) => self.save_checked(self.active, &path, None, ctx),
                None => self.save_dialog(None, ctx),
            },
            Command::SaveAs => self.save_dialog(None, ctx),
            Command::SaveTo(path) => {
                self.save_checked(self.active, &files::with_ron_extension(path), None, ctx);
            }
            Command::SaveThen(pending) => match self.tab().doc.path.clone() {
                Some(path) => self.save_checked(self.active, &path, Some(pending), ctx),
                None => self.save_dialog(Some(pending), ctx),
            },
            Command::SaveOverwrite { tab, path, then } => {
                if let Some(i) = self.index_of(tab)
                    && self.save_to(i, &path)
                    && let Some(pending) = then
                {
                    self.proceed(pending, ctx);
                }
            }
            Command::RestoreAutosaves => self.restore_autosaves(),
            Command::DiscardAutosaves => self.discard_autosaves(),
            Command::Undo => {
                if !self.tab_mut().doc.undo() {
                    self.message = Some("Nothing to undo.".to_string());
                }
            }
            Command::Redo => {
                if !self.tab_mut().doc.redo() {
                    self.message = Some("Nothing to redo.".to_string());
                }
            }
            Command::RunFull => self.start_run(self.active, RunKind::Full, ctx),
            Command::Cancel => {
                let tab = self.tab_mut();
                if let Some(kind) = tab.runner.cancel() {
                    tab.run_note = Some(format!(
                        "{} cancelled; the results shown are unchanged.",
                        kind.label()
                    ));
                }
            }
            Command::SetDark(dark) => {
                self.dark = dark;
                self.apply_view(ctx);
            }
            Command::ZoomIn => self.set_zoom(zoom::zoom_in(self.zoom), ctx),
            Command::ZoomOut => self.set_zoom(zoom::zoom_out(self.zoom), ctx),
            Command::ZoomReset => self.set_zoom(1.0, ctx),
            Command::ShowAbout => self.modal = Some(Modal::About),
            Command::ShowTypePath => {
                self.modal = Some(Modal::TypePath {
                    text: String::new(),
                    focus: true,
                });
            }
            Command::AddOption(kind) => self.edit_shape(|file| add_option(file, kind)),
            Command::DuplicateOption(i) => self.edit_shape(|file| duplicate_option(file, i)),
            Command::RemoveOption(i) => self.edit_shape(|file| remove_option(file, i)),
            Command::RenameOption(i, name) => {
                self.edit_shape(|file| rename_option(file, i, &name));
            }
            Command::SetBaseline(name) => {
                self.edit_shape(|file| file.appraisal.baseline_option = name);
            }
            Command::AddPlacement => self.edit_shape(add_placement),
            Command::ShowBenchmarks => self.benchmarks.open = true,
            Command::ShowCompare => self.compare.open_on(&self.tabs, self.active),
            Command::PinSnapshot => {
                if let Some(finished) = self.tabs[self.active].shown.as_deref() {
                    let label = self.compare.pin(finished);
                    self.message = Some(format!(
                        "Pinned as \"{label}\". Change the inputs, then Compare to set the new \
                         results against it."
                    ));
                }
            }
            Command::RemoveSnapshot(id) => {
                self.compare.snapshots.retain(|s| s.id != id);
                self.compare
                    .chosen
                    .retain(|s| *s != compare::Source::Snapshot(id));
            }
            Command::UseStartingValues(council) => self.use_starting_values(&council),
            Command::RemovePlacement(k) => self.edit_shape(|file| remove_placement(file, k)),
            Command::Export(export) => self.export(export, ctx),
            Command::ExportTo(export, path) => {
                let tab = self.tab().id;
                self.export_to(tab, export, path, ctx);
            }
            Command::CopyChart(kind) => self.copy_chart(kind, ctx),
            Command::Present => self.toggle_presentation(ctx),
        }
    }

    /// Hands the theme and zoom to egui. The window handles the zoom shortcuts itself, so that
    /// they stay within its bounds and show in the View menu. Done on the first frame, or before
    /// it by the eframe wrapper so that the first frame is drawn right.
    pub fn apply_view(&mut self, ctx: &Context) {
        self.view_applied = true;
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        ctx.set_theme(if self.dark {
            egui::ThemePreference::Dark
        } else {
            egui::ThemePreference::Light
        });
        ctx.set_zoom_factor(self.zoom);
    }

    fn set_zoom(&mut self, zoom: f32, ctx: &Context) {
        self.zoom = zoom::clamp_zoom(zoom);
        ctx.set_zoom_factor(self.zoom);
        self.message = Some(format!("Zoom {}", zoom::percent(self.zoom)));
    }

    /// Asks about a tab's unsaved changes before `pending`, showing that tab, or goes ahead.
    fn guard(&mut self, pending: Pending, ctx: &Context) {
        let waiting = match &pending {
            Pending::Close(id) => self.index_of(*id).filter(|&i| self.tabs[i].doc.is_dirty()),
            Pending::Quit => self
                .tabs
                .iter()
                .position(|t| t.doc.is_dirty() && !self.quit_discarded.contains(&t.id)),
        };
        match waiting {
            Some(i) => {
                self.active = i;
                let name = self.tabs[i].doc.file.name.clone();
                self.modal = Some(Modal::Unsaved(pending, name));
            }
            None => self.proceed(pending, ctx),
        }
    }

    /// Carries on once the tab on show has been saved, or its changes discarded.
    fn proceed(&mut self, pending: Pending, ctx: &Context) {
        match pending {
            Pending::Close(id) => self.close_tab(id),
            Pending::Quit => {
                let id = self.tab().id;
                if self.tab().doc.is_dirty() && !self.quit_discarded.contains(&id) {
                    self.quit_discarded.push(id);
                }
                // The next tab with unsaved changes, if any, asks in turn.
                if self
                    .tabs
                    .iter()
                    .any(|t| t.doc.is_dirty() && !self.quit_discarded.contains(&t.id))
                {
                    self.guard(Pending::Quit, ctx);
                } else {
                    self.quitting = true;
                    for tab in &mut self.tabs {
                        tab.runner.cancel();
                    }
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
        }
    }

    fn open_dialog(&mut self, ctx: &Context) {
        if !self.dialogs_enabled {
            self.message = Some("File dialogs are off: use File > Type a path…".into());
            return;
        }
        let folder = self.folder();
        if let Err(e) = self
            .file_dialogs
            .start(DialogPurpose::Open, folder, None, ctx.clone())
        {
            self.message = Some(e);
        }
    }

    fn save_dialog(&mut self, then: Option<Pending>, ctx: &Context) {
        if !self.dialogs_enabled {
            self.message = Some("File dialogs are off: use File > Type a path…".into());
            return;
        }
        let name = files::suggested_file_name(&self.tab().doc.file.name);
        let folder = self.folder();
        let tab = self.tab().id;
        if let Err(e) = self.file_dialogs.start(
            DialogPurpose::SaveAs { tab, then },
            folder,
            Some(name),
            ctx.clone(),
        ) {
            self.message = Some(e);
        }
    }

    fn folder(&self) -> Option<PathBuf> {
        self.tab()
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    /// The position of a tab, if it is still open.
    fn index_of(&self, id: TabId) -> Option<usize> {
        self.tabs.iter().position(|t| t.id == id)
    }

    /// The tab holding this file, if one does.
    fn tab_of(&self, path: &Path) -> Option<usize> {
        let same = |a: &Path| {
            a == path || matches!((a.canonicalize(), path.canonicalize()), (Ok(x), Ok(y)) if x == y)
        };
        self.tabs
            .iter()
            .position(|t| t.doc.path.as_deref().is_some_and(same))
    }

    /// Saves tab `i` to `path`, then carries on with `then`; but if the file there changed on
    /// disk since this tab read or wrote it (a colleague saved over it), asks first.
    fn save_checked(&mut self, i: usize, path: &Path, then: Option<Pending>, ctx: &Context) {
        let doc = &self.tabs[i].doc;
        let ours = doc.path.as_deref() == Some(path);
        if ours
            && let Some(stamp) = &doc.disk
            && let DiskChange::Changed { modified } = disk_change(path, stamp)
        {
            self.active = i;
            self.modal = Some(Modal::ChangedOnDisk {
                tab: self.tabs[i].id,
                path: path.to_path_buf(),
                modified: modified.map(|t| {
                    format!(
                        "{} ({})",
                        crate::io::autosave::ago(t),
                        crate::io::crash_log::utc_seconds(t)
                    )
                }),
                then,
            });
            return;
        }
        if self.save_to(i, path)
            && let Some(pending) = then
        {
            self.proceed(pending, ctx);
        }
    }

    /// Saves tab `i`'s working copy. Returns true on success; a failure is shown, never silent,
    /// and leaves the file on disk and the working copy (with its unsaved mark) as they were.
    fn save_to(&mut self, i: usize, path: &Path) -> bool {
        let doc = &mut self.tabs[i].doc;
        doc.commit();
        match save_scenario(path, &doc.file) {
            Ok(saved) => {
                doc.disk = Some(saved.stamp);
                doc.mark_saved(path.to_path_buf());
                self.recent.add(path);
                let problems = doc.problem_list().len();
                self.message = Some(if problems == 0 {
                    saved.describe(path)
                } else {
                    format!(
                        "{} (it still has {problems} problem{} to fix)",
                        saved.describe(path),
                        if problems == 1 { "" } else { "s" }
                    )
                });
                true
            }
            Err(e) => {
                self.message = Some(format!("Not saved: {}", path.display()));
                self.modal = Some(Modal::Message {
                    title: "The scenario was not saved".to_string(),
                    text: format!(
                        "{e}\n\nYour changes are still here in the window, marked unsaved{}.",
                        if self.safety_autosaving() {
                            ", and the autosave keeps a copy every half minute"
                        } else {
                            ""
                        }
                    ),
                });
                false
            }
        }
    }

    /// Shows an opened file in a tab of its own, or in place of the untouched default scenario;
    /// its preview starts at once.
    fn open_document(&mut self, doc: Document) {
        self.message = doc.path.as_ref().map(|p| format!("Opened {}", p.display()));
        if let Some(path) = &doc.path {
            self.recent.add(path);
        }
        if self.tab().is_pristine() {
            self.tab_mut().runner.cancel();
            self.tabs[self.active] = Tab::new(TabId(self.next_tab), doc);
            self.next_tab += 1;
        } else {
            self.add_tab(doc);
        }
    }

    /// Shows a scenario in a new tab at the end; its preview starts at once.
    fn add_tab(&mut self, doc: Document) {
        self.tabs.push(Tab::new(TabId(self.next_tab), doc));
        self.next_tab += 1;
        self.active = self.tabs.len() - 1;
    }

    /// Closes a tab (its changes saved or discarded already). The window always keeps one tab:
    /// closing the last opens the default scenario.
    fn close_tab(&mut self, id: TabId) {
        let Some(i) = self.index_of(id) else { return };
        let mut tab = self.tabs.remove(i);
        tab.runner.cancel();
        self.message = Some(format!("Closed {}", tab.doc.file.name));
        if self.tabs.is_empty() {
            self.tabs.push(Tab::new(
                TabId(self.next_tab),
                Document::new(default_scenario_file(), None),
            ));
            self.next_tab += 1;
        }
        if self.active > i || self.active >= self.tabs.len() {
            self.active = self.active.saturating_sub(1);
        }
    }

    /// Sets the scenario on show's starting values from a council's published figures, as one
    /// step to undo, and says what was set.
    fn use_starting_values(&mut self, council: &str) {
        let Ok(census) = crate::evidence::census() else {
            return;
        };
        let Some(area) = census.council(council) else {
            self.message = Some(format!("No published figures for {council}."));
            return;
        };
        let plan = crate::evidence::plan(census, area, &self.tab().doc.file);
        self.edit_shape(|file| crate::evidence::apply(file, &plan));
        self.message = Some(format!(
            "Starting values from {council}'s published figures: {} input{} set, each with a \
             note{}. Edit > Undo takes them back.",
            plan.set.len(),
            if plan.set.len() == 1 { "" } else { "s" },
            if plan.skipped.is_empty() {
                String::new()
            } else {
                format!(" ({} not set)", plan.skipped.len())
            }
        ));
    }

    /// A change to the shape of the scenario (options, placements): one undo step of its own.
    fn edit_shape(&mut self, change: impl FnOnce(&mut ScenarioFile)) {
        let doc = &mut self.tab_mut().doc;
        doc.commit();
        change(&mut doc.file);
        doc.commit();
    }

    /// After the frame's edits: revalidate, schedule each tab's preview, record completed edits.
    fn after_edits(&mut self, ctx: &Context) {
        let settled = !ctx.egui_is_using_pointer() && !ctx.egui_wants_keyboard_input();
        for i in 0..self.tabs.len() {
            let now = self.now;
            let tab = &mut self.tabs[i];
            if tab.doc.refresh() {
                // Results of the older scenario are no use: stop computing them.
                if tab.runner.cancel().is_some() {
                    tab.run_note = None;
                }
                tab.preview_due = Some(now + PREVIEW_DELAY_SECONDS);
            }
            // An edit is complete once nothing is being dragged or typed into.
            if settled || i != self.active {
                tab.doc.commit();
            }
            if let Some(due) = tab.preview_due {
                if tab.doc.scenario().is_none() {
                    // Nothing to run until the problems are fixed; results stay as they were.
                    tab.preview_due = None;
                } else if now >= due {
                    tab.preview_due = None;
                    self.start_run(i, RunKind::Preview, ctx);
                } else {
                    ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
                }
            }
        }
    }

    fn start_run(&mut self, i: usize, kind: RunKind, ctx: &Context) {
        let available = self.available_memory();
        let tab = &mut self.tabs[i];
        let Some(scenario) = tab.doc.scenario() else {
            tab.run_note = Some("Fix the scenario's problems first.".to_string());
            return;
        };
        let mut settings = RunSettings::from_scenario(scenario);
        if kind == RunKind::Preview {
            settings.iterations = settings.iterations.min(PREVIEW_ITERATIONS);
        }
        tab.preview_due = None;
        if let Some(available) = available
            && let Err(e) = check_fits(scenario, settings.iterations, available)
        {
            tab.run_note = Some(format!("{} not started: {e}", kind.label()));
            return;
        }
        tab.run_note = None;
        if let Err(e) = tab.runner.start(scenario, kind, settings, ctx.clone()) {
            tab.run_note = Some(e);
        }
        tab.preview_due = None;
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}

/// What a dialog closed without a file means, and the way round a dialog that never appeared.
fn no_file_chosen(purpose: &DialogPurpose) -> String {
    match purpose {
        DialogPurpose::Open | DialogPurpose::SaveAs { .. } => {
            "No file chosen. If no file dialog appeared, use File > Type a path…".to_string()
        }
        DialogPurpose::Export { .. } => "No file chosen: nothing was exported. If no file dialog \
             appeared, the command line writes the same report, charts and tables: \
             care-options report FILE --out FOLDER"
            .to_string(),
    }
}
