//! The window: scenario editor on the left, results in the middle, status bar at the bottom.
//!
//! [`CareOptionsApp::show`] draws the whole window into any [`egui::Ui`], so tests drive it with
//! egui_kittest exactly as eframe does ([`window`] is a thin eframe wrapper). Panels draw and
//! record what the person asked for as [`Command`]s; the app applies them at the end of the frame.
//! Runs happen on a worker thread ([`runner`]); a frame never waits for one.
//!
//! Depends on the model, io and present; never on the command line.

pub mod charts;
mod dialogs;
pub mod document;
pub mod drop;
pub mod editor;
pub mod files;
mod menu;
pub mod palette;
pub mod preferences;
pub mod recent;
mod results_panel;
pub mod runner;
mod status;
pub mod summary;
pub mod window;
pub mod zoom;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_session;

use std::path::{Path, PathBuf};

use egui::{Context, ViewportCommand};

use crate::io::{parse_scenario, save_scenario};
use crate::model::{OptionKind, RunSettings, ScenarioFile};

use charts::ChartsState;
use dialogs::Modal;
use document::Document;
use editor::EditorState;
use editor::shape::{
    add_option, add_placement, duplicate_option, remove_option, remove_placement, rename_option,
};
use files::{DialogPurpose, FileDialogs};
use preferences::Preferences;
use recent::RecentFiles;
use runner::{Finished, Outcome, PREVIEW_ITERATIONS, RunKind, Runner};

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

/// Something waiting for unsaved changes to be saved or discarded.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    New,
    /// Open with a file dialog.
    Open,
    OpenPath(PathBuf),
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
    /// Save, then carry on with what was waiting.
    SaveThen(Pending),
    /// Carry on without saving.
    Proceed(Pending),
    Quit,
    /// Empty File > Open Recent.
    ClearRecent,
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
}

/// The whole window's state.
pub struct CareOptionsApp {
    doc: Document,
    runner: Runner,
    /// The results on screen: the last run that finished.
    shown: Option<Box<Finished>>,
    /// Why the last run produced nothing ("Full run cancelled").
    run_note: Option<String>,
    /// When the live preview is due (egui time, seconds).
    preview_due: Option<f64>,
    commands: Vec<Command>,
    modal: Option<Modal>,
    editor: EditorState,
    charts: ChartsState,
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
            doc: Document::new(default_scenario_file(), None),
            runner: Runner::default(),
            shown: None,
            run_note: None,
            preview_due: Some(f64::NEG_INFINITY),
            commands: Vec::new(),
            modal: None,
            editor: EditorState::default(),
            charts: ChartsState::default(),
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

    /// The scenario as edited.
    pub fn scenario(&self) -> &ScenarioFile {
        &self.doc.file
    }

    /// The scenario to edit, as the editor does. Call [`Self::show`] afterwards to apply it.
    pub fn scenario_mut(&mut self) -> &mut ScenarioFile {
        &mut self.doc.file
    }

    /// The results on screen, if any.
    pub fn shown(&self) -> Option<&Finished> {
        self.shown.as_deref()
    }

    pub fn is_running(&self) -> bool {
        self.runner.is_running()
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

    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// "Care Options — name", with " *" while there are unsaved changes.
    pub fn title(&self) -> String {
        format!(
            "Care Options — {}{}",
            self.doc.file.name,
            if self.doc.is_dirty() { " *" } else { "" }
        )
    }

    /// Queues a command as if it came from the menus.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Opens a scenario file. A file that cannot be read, parsed or validated leaves the window's
    /// scenario as it was and shows every problem with its line and column.
    pub fn open_path(&mut self, path: &Path) {
        match files::load(path) {
            Ok(file) => self.replace_document(Document::new(file, Some(path.to_path_buf()))),
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

        egui::Panel::top("menu-bar").show(ui, |ui| {
            let state = menu::MenuState {
                can_undo: self.doc.can_undo(),
                can_redo: self.doc.can_redo(),
                dark: self.dark,
                zoom: self.zoom,
                recent: self.recent.paths(),
            };
            menu::menu_bar_ui(ui, &state, &mut self.commands);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let view = status::StatusView {
                doc: &self.doc,
                shown: self.shown.as_deref(),
                message: self.message.as_deref(),
            };
            status::status_bar_ui(ui, &view);
        });
        let editor_width = (ui.available_width() * 0.46).clamp(380.0, 900.0);
        egui::Panel::left("editor")
            .resizable(true)
            .default_size(editor_width)
            .min_size(320.0)
            .show(ui, |ui| {
                editor::editor_ui(ui, &mut self.editor, &mut self.doc, &mut self.commands);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let view = results_panel::ResultsView {
                shown: self.shown.as_deref(),
                progress: self.runner.progress(),
                full_iterations: self.doc.scenario().map(|s| s.iterations()),
                stale: self
                    .shown
                    .as_ref()
                    .is_some_and(|f| !f.file.same_inputs(&self.doc.file)),
                problem_count: self.doc.problem_list().len(),
                note: self.run_note.as_deref(),
            };
            results_panel::results_ui(ui, &view, &mut self.charts, &mut self.commands);
        });
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
        self.update_title(&ctx);
        if self.runner.is_running() || self.file_dialogs.is_open() {
            ctx.request_repaint_after(PROGRESS_REDRAW);
        }
    }

    fn poll_background(&mut self, ctx: &Context) {
        match self.runner.poll() {
            Some(Outcome::Finished(finished)) => {
                self.run_note = None;
                self.shown = Some(finished);
            }
            Some(Outcome::Cancelled(kind)) => {
                self.run_note = Some(format!("{} cancelled.", kind.label()));
            }
            Some(Outcome::Failed(why)) => {
                self.run_note = Some(format!("The run failed: {why}"));
            }
            None => {}
        }
        if let Some((purpose, chosen)) = self.file_dialogs.poll() {
            match (purpose, chosen) {
                (DialogPurpose::Open, Some(path)) => self.open_path(&path),
                (DialogPurpose::SaveAs { then }, Some(path)) => {
                    let path = files::with_ron_extension(path);
                    if self.save_to(&path)
                        && let Some(pending) = then
                    {
                        self.proceed(pending, ctx);
                    }
                }
                (_, None) => {
                    self.message = Some(
                        "No file chosen. If no file dialog appeared, use File > Type a path…"
                            .to_string(),
                    );
                }
            }
        }
    }

    /// Closing the window with unsaved changes asks first, like File > Quit.
    fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quitting && self.doc.is_dirty() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved(Pending::Quit));
        }
    }

    fn apply(&mut self, command: Command, ctx: &Context) {
        match command {
            Command::New => self.guard(Pending::New, ctx),
            Command::Open => self.guard(Pending::Open, ctx),
            Command::OpenPath(path) => self.guard(Pending::OpenPath(path), ctx),
            Command::RefuseDrop { title, text } => {
                self.message = Some("Nothing was opened from the drop.".to_string());
                self.modal = Some(Modal::Message { title, text });
            }
            Command::Quit => self.guard(Pending::Quit, ctx),
            Command::ClearRecent => self.recent.clear(),
            Command::Proceed(pending) => self.proceed(pending, ctx),
            Command::OpenAnyway(path, file) => {
                self.replace_document(Document::new(*file, Some(path)));
            }
            Command::Save => match self.doc.path.clone() {
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.save_dialog(None, ctx),
            },
            Command::SaveAs => self.save_dialog(None, ctx),
            Command::SaveTo(path) => {
                self.save_to(&files::with_ron_extension(path));
            }
            Command::SaveThen(pending) => match self.doc.path.clone() {
                Some(path) => {
                    if self.save_to(&path) {
                        self.proceed(pending, ctx);
                    }
                }
                None => self.save_dialog(Some(pending), ctx),
            },
            Command::Undo => {
                if !self.doc.undo() {
                    self.message = Some("Nothing to undo.".to_string());
                }
            }
            Command::Redo => {
                if !self.doc.redo() {
                    self.message = Some("Nothing to redo.".to_string());
                }
            }
            Command::RunFull => self.start_run(RunKind::Full, ctx),
            Command::Cancel => {
                if let Some(kind) = self.runner.cancel() {
                    self.run_note = Some(format!(
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
            Command::RemovePlacement(k) => self.edit_shape(|file| remove_placement(file, k)),
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

    /// Asks about unsaved changes before `pending`, or goes ahead.
    fn guard(&mut self, pending: Pending, ctx: &Context) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(pending, ctx);
        }
    }

    fn proceed(&mut self, pending: Pending, ctx: &Context) {
        match pending {
            Pending::New => {
                self.replace_document(Document::new(default_scenario_file(), None));
                self.message = Some("New scenario from the default.".to_string());
            }
            Pending::Open => {
                if !self.dialogs_enabled {
                    self.message = Some("File dialogs are off: use File > Type a path…".into());
                    return;
                }
                let folder = self.folder();
                if let Err(e) =
                    self.file_dialogs
                        .start(DialogPurpose::Open, folder, None, ctx.clone())
                {
                    self.message = Some(e);
                }
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::Quit => {
                self.quitting = true;
                self.runner.cancel();
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    fn save_dialog(&mut self, then: Option<Pending>, ctx: &Context) {
        if !self.dialogs_enabled {
            self.message = Some("File dialogs are off: use File > Type a path…".into());
            return;
        }
        let name = files::suggested_file_name(&self.doc.file.name);
        let folder = self.folder();
        if let Err(e) = self.file_dialogs.start(
            DialogPurpose::SaveAs { then },
            folder,
            Some(name),
            ctx.clone(),
        ) {
            self.message = Some(e);
        }
    }

    fn folder(&self) -> Option<PathBuf> {
        self.doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    /// Saves the working copy. Returns true on success; a failure is shown, never silent.
    fn save_to(&mut self, path: &Path) -> bool {
        self.doc.commit();
        match save_scenario(path, &self.doc.file) {
            Ok(()) => {
                self.doc.mark_saved(path.to_path_buf());
                self.recent.add(path);
                let problems = self.doc.problem_list().len();
                self.message = Some(if problems == 0 {
                    format!("Saved {}", path.display())
                } else {
                    format!(
                        "Saved {} (it still has {problems} problem{} to fix)",
                        path.display(),
                        if problems == 1 { "" } else { "s" }
                    )
                });
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Message {
                    title: "The scenario was not saved".to_string(),
                    text: e.to_string(),
                });
                false
            }
        }
    }

    /// Opens another scenario in the window: the old results go, a preview starts at once.
    fn replace_document(&mut self, doc: Document) {
        self.runner.cancel();
        self.doc = doc;
        self.shown = None;
        self.run_note = None;
        self.charts.tornado_option = None;
        self.preview_due = Some(f64::NEG_INFINITY);
        self.message = self
            .doc
            .path
            .as_ref()
            .map(|p| format!("Opened {}", p.display()));
        if let Some(path) = &self.doc.path {
            self.recent.add(path);
        }
    }

    /// A change to the shape of the scenario (options, placements): one undo step of its own.
    fn edit_shape(&mut self, change: impl FnOnce(&mut ScenarioFile)) {
        self.doc.commit();
        change(&mut self.doc.file);
        self.doc.commit();
    }

    /// After the frame's edits: revalidate, schedule the preview, record completed edits.
    fn after_edits(&mut self, ctx: &Context) {
        if self.doc.refresh() {
            // Results of the older scenario are no use: stop computing them.
            if self.runner.cancel().is_some() {
                self.run_note = None;
            }
            self.preview_due = Some(self.now + PREVIEW_DELAY_SECONDS);
        }
        // An edit is complete once nothing is being dragged or typed into.
        if !ctx.egui_is_using_pointer() && !ctx.egui_wants_keyboard_input() {
            self.doc.commit();
        }
        if let Some(due) = self.preview_due {
            if self.doc.scenario().is_none() {
                // Nothing to run until the problems are fixed; results stay as they were.
                self.preview_due = None;
            } else if self.now >= due {
                self.preview_due = None;
                self.start_run(RunKind::Preview, ctx);
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - self.now));
            }
        }
    }

    fn start_run(&mut self, kind: RunKind, ctx: &Context) {
        let Some(scenario) = self.doc.scenario() else {
            self.run_note = Some("Fix the scenario's problems first.".to_string());
            return;
        };
        let mut settings = RunSettings::from_scenario(scenario);
        if kind == RunKind::Preview {
            settings.iterations = settings.iterations.min(PREVIEW_ITERATIONS);
        }
        self.run_note = None;
        if let Err(e) = self.runner.start(scenario, kind, settings, ctx.clone()) {
            self.run_note = Some(e);
        }
        self.preview_due = None;
    }

    fn update_title(&mut self, ctx: &Context) {
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}
