//! The window: a tab per open scenario, its editor on the left, its results in the middle, the
//! status bar at the bottom. This file holds the window's state and lays out its panels.
//!
//! [`CareOptionsApp::show`] draws the whole window into any [`egui::Ui`], so tests drive it with
//! egui_kittest exactly as eframe does ([`window`] is a thin eframe wrapper). The panels
//! ([`panels`], [`editor`], [`charts`]) draw and record what the person asked for as
//! [`Command`]s ([`command`]); `apply.rs` carries them out at the end of the frame, through the
//! file flows (`open_save.rs`), the run scheduling (`runs.rs`) and the exports ([`export`]).
//! Work that takes time runs as a [`job::Job`] on a worker thread: runs ([`runner`]), exports
//! and file dialogs ([`files`]); a frame never waits for one.
//!
//! Depends on the model, io, present, evidence, render and report; never on the command line.

mod apply;
pub mod charts;
pub mod clock;
pub mod command;
pub mod crash;
pub mod document;
pub mod drop;
pub mod editor;
pub mod examples;
pub mod export;
pub mod files;
pub mod job;
mod log;
mod open_save;
pub mod opening;
pub mod palette;
pub mod panels;
pub mod preferences;
pub mod recent;
mod recovery;
pub mod renderer;
pub mod runner;
mod runs;
pub mod switching;
pub mod tab;
pub mod window;
pub mod zoom;

#[cfg(test)]
mod tests;

use egui::{Context, ViewportCommand};

use crate::model::ScenarioFile;

use document::Document;
use files::FileDialogs;
use panels::dialogs::{self, Modal};
use panels::{
    benchmarks, compare, menu, new_council, presentation, results as results_panel, status, tab_bar,
};
use preferences::Preferences;
use recent::RecentFiles;
use runner::Finished;
use tab::Tab;

use crate::present::chart_data::ChartKind;
pub use command::{ChartFormat, Command, DialogPurpose, Export, Pending, TabId};
pub use document::default_scenario_file;
pub use runs::PREVIEW_DELAY_SECONDS;

/// How often the window redraws while a run is under way, for its progress bar.
const PROGRESS_REDRAW: std::time::Duration = std::time::Duration::from_millis(100);

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
    /// Whether each finished run of a version 3 scenario is followed by the work on its
    /// switching values and swings. The window tests turn it off but where they test it: in a
    /// debug build those dozens of runs would take the machine from every other test.
    pub switching_enabled: bool,
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
    exporter: export::Exporter,
    /// Presentation mode, while it is on.
    presentation: Option<presentation::Presentation>,
    /// The council benchmarks window.
    benchmarks: benchmarks::BenchmarksState,
    /// File > New from council…
    new_council: new_council::NewCouncilState,
    /// The compare view and the pinned snapshots.
    compare: compare::CompareState,
    /// Files being read and checked on a worker ([`opening`]).
    opening: opening::Opening,
    /// The window's context as of the last frame, for workers to wake it.
    repaint: Context,
    /// The editor's share of the window's width once the divider has been dragged
    /// ([`Preferences::editor_share`]).
    editor_share: Option<f32>,
    /// Bumped when a share comes from the preferences, so the panel starts afresh at it.
    split_generation: u64,
    /// Where the editor panel was drawn in the last frame.
    editor_rect: Option<egui::Rect>,
    /// The last export written, for the status bar's Open and Show in folder.
    exported: Option<std::path::PathBuf>,
    /// The log file, and what of the window's messages it has been given.
    log: log::Log,
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
            switching_enabled: true,
            dark: false,
            zoom: 1.0,
            view_applied: false,
            recent: RecentFiles::default(),
            message: None,
            now: 0.0,
            title_sent: String::new(),
            quitting: false,
            safety: recovery::Safety::default(),
            exporter: export::Exporter::default(),
            presentation: None,
            benchmarks: benchmarks::BenchmarksState::default(),
            new_council: new_council::NewCouncilState::default(),
            compare: compare::CompareState::default(),
            opening: opening::Opening::default(),
            repaint: Context::default(),
            editor_share: None,
            split_generation: 0,
            editor_rect: None,
            exported: None,
            log: log::Log::default(),
        }
    }

    /// Takes on the settings of an earlier session; they reach egui on the next frame.
    pub fn set_preferences(&mut self, preferences: Preferences) {
        self.recent = preferences.recent_files;
        self.dark = preferences.dark;
        self.zoom = zoom::clamp_zoom(preferences.zoom);
        self.editor_share = preferences.editor_share.and_then(preferences::clamp_share);
        self.split_generation += 1;
        self.view_applied = false;
    }

    /// The settings to keep for the next session.
    pub fn preferences(&self) -> Preferences {
        Preferences {
            recent_files: self.recent.clone(),
            dark: self.dark,
            zoom: self.zoom,
            editor_share: self.editor_share,
        }
    }

    /// Where the editor panel was drawn in the last frame, if it was.
    pub fn editor_rect(&self) -> Option<egui::Rect> {
        self.editor_rect
    }

    /// The charts of the tab on show drawn in the last frame, and the part of the results panel
    /// that was on screen.
    pub fn drawn_charts(&self) -> (&[(ChartKind, egui::Rect)], Option<egui::Rect>) {
        let charts = &self.tab().charts;
        (&charts.drawn, charts.viewport)
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

    /// The problems of the scenario on show, as last checked.
    pub fn problem_count(&self) -> usize {
        self.tab().doc.problem_list().len()
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

    /// Draws the whole window and applies what was asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.repaint = ctx.clone();
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
                can_upgrade: !doc.file.is_whole_budget(),
            };
            menu::menu_bar_ui(ui, &state, &mut self.commands);
        });
        egui::Panel::top("tab-bar").show(ui, |ui| {
            tab_bar::tab_bar_ui(ui, &self.tabs, self.active, &mut self.commands);
        });
        let tab = &self.tabs[self.active];
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            let view = status::StatusView {
                doc: &tab.doc,
                shown: tab.shown.as_deref(),
                message: self.message.as_deref(),
                exported: self.exported.as_deref(),
            };
            status::status_bar_ui(ui, &view, &mut self.commands);
        });
        if self.opening.is_busy() {
            egui::Panel::bottom("opening").show(ui, |ui| {
                opening::opening_ui(ui, &self.opening, &mut self.commands);
            });
        }
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
            let total = ui.available_width();
            // As wide as the scenario's options need side by side, unless the divider was moved;
            // the results keep at least 40% of the window.
            let editor_width = match self.editor_share {
                Some(share) => share * total,
                None => {
                    editor::options::width_for(tab.doc.file.options.len().max(3)).max(total * 0.36)
                }
            }
            .clamp(320.0, (total * 0.6).max(320.0));
            let panel = egui::Panel::left(("editor", self.split_generation))
                .resizable(true)
                .default_size(editor_width)
                .min_size(320.0)
                .show(ui, |ui| {
                    // Each tab's widgets keep their own state (folded sections, text being typed).
                    ui.push_id(tab.id, |ui| {
                        editor::editor_ui(ui, &mut tab.editor, &mut tab.doc, &mut self.commands);
                    });
                });
            let drawn = panel.response.rect;
            // The divider was dragged: the new split is kept, as a share of the width.
            if (drawn.width() - editor_width).abs() > 1.0
                && total > 0.0
                && ctx.input(|i| i.pointer.any_down())
            {
                self.editor_share = preferences::clamp_share(drawn.width() / total);
            }
            self.editor_rect = Some(drawn);
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
                    switching_pending: tab.switching.is_some(),
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
            self.tabs[self.active].shown.as_deref(),
            &mut self.commands,
        );
        new_council::new_council_window(&ctx, &mut self.new_council, &mut self.commands);
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
        self.log_shown();
        self.update_title(&ctx);
        if self.tabs.iter().any(|t| t.runner.is_running())
            || self.file_dialogs.is_open()
            || self.exporter.is_busy()
            || self.opening.is_busy()
        {
            ctx.request_repaint_after(PROGRESS_REDRAW);
        }
    }

    /// What finished in the background since the last frame: exports, runs, file dialogs.
    fn poll_background(&mut self, ctx: &Context) {
        self.poll_exports(ctx);
        for (path, result) in self.opening.poll() {
            self.finish_opening(&path, result);
            // Each file's problems, before the next file's replace them on screen.
            self.log_shown();
        }
        self.poll_runs(ctx);
        self.poll_file_dialogs(ctx);
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

    fn update_title(&mut self, ctx: &Context) {
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}
