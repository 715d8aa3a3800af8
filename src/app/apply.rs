//! Applying what was asked for: each [`Command`] recorded during a frame is carried out here, at
//! the end of the frame, by the flow it belongs to (files, runs, exports, the view). A change to
//! the shape of the scenario is one step to undo.

use egui::Context;

use crate::io::DiskStamp;
use crate::model::ScenarioFile;
use crate::model::edit::{
    add_option, add_placement, duplicate_option, remove_option, remove_placement, rename_option,
    rename_placement, template,
};

use super::command::{Command, Pending};
use super::document::{Document, default_scenario_file};
use super::panels::compare;
use super::panels::dialogs::Modal;
use super::runner::RunKind;
use super::{CareOptionsApp, files, zoom};

impl CareOptionsApp {
    pub(super) fn apply(&mut self, command: Command, ctx: &Context) {
        match command {
            Command::New => {
                self.add_tab(Document::new(default_scenario_file(), None));
                self.message = Some("New scenario from the default.".to_string());
            }
            Command::ShowNewFromCouncil => self.new_council.open = true,
            Command::NewFromCouncil(code) => self.new_from_council(&code),
            Command::NewFromExample(file) => self.new_from_example(file),
            Command::Open => self.open_dialog(ctx),
            Command::OpenPath(path) => self.open_path(&path),
            Command::CancelOpening => {
                let cancelled = self.opening.cancel_all();
                let names: Vec<String> =
                    cancelled.iter().map(|p| p.display().to_string()).collect();
                self.message = Some(format!(
                    "Opening {} cancelled; nothing was opened.",
                    names.join(", ")
                ));
            }
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
                // The folder offered when no dialog can open is made the first time it is used.
                if let Some(folder) = files::default_export_folder()
                    && path.parent() == Some(folder.as_path())
                    && let Err(e) = std::fs::create_dir_all(&folder)
                {
                    self.message = Some(format!(
                        "Not saved: {} cannot be made: {e}",
                        folder.display()
                    ));
                    return;
                }
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
            Command::RunToPrecision => {
                if let Some(tab) = self.tabs.get_mut(self.active) {
                    tab.precise_next = None;
                }
                self.start_run(self.active, RunKind::Precise, ctx);
            }
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
            Command::ShowGuide => self.modal = Some(Modal::Guide),
            Command::OpenLogFolder => self.open_log_folder(),
            Command::ShowTypePath => {
                self.modal = Some(Modal::TypePath {
                    text: String::new(),
                    focus: true,
                });
            }
            Command::AddOption(kind) => {
                if let Some(option) = template(&default_scenario_file(), kind) {
                    self.edit_shape(|file| add_option(file, option));
                }
            }
            Command::UpgradeToWholeBudget => self.upgrade_to_whole_budget(),
            Command::DuplicateOption(i) => self.edit_shape(|file| duplicate_option(file, i)),
            Command::RemoveOption(i) => self.edit_shape(|file| remove_option(file, i)),
            Command::RenameOption(i, name) => {
                self.edit_shape(|file| rename_option(file, i, &name));
            }
            Command::RenamePlacement(k, name) => {
                self.edit_shape(|file| rename_placement(file, k, &name));
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
            Command::ShowExportPath(export) => self.offer_export_path(export, None),
            Command::OpenExported(path) => self.open_exported(&path, false),
            Command::ShowExportFolder(path) => self.open_exported(&path, true),
            Command::Present => self.toggle_presentation(ctx),
        }
    }

    /// A change to the shape of the scenario (options, placements): one undo step of its own.
    pub(super) fn edit_shape(&mut self, change: impl FnOnce(&mut ScenarioFile)) {
        let doc = &mut self.tab_mut().doc;
        doc.commit();
        change(&mut doc.file);
        doc.commit();
    }

    /// Turns the scenario on show into a whole-budget one from the built-in defaults, as one step
    /// to undo, and says what was added.
    pub(super) fn upgrade_to_whole_budget(&mut self) {
        let defaults = default_scenario_file();
        let doc = &self.tab().doc;
        match crate::model::upgrade::to_whole_budget(&doc.file, &defaults) {
            Ok(upgraded) => {
                let added = upgraded.notes.len().saturating_sub(doc.file.notes.len());
                self.edit_shape(|file| *file = upgraded);
                self.message = Some(format!(
                    "Upgraded to the whole budget (format version 3): {added} inputs added from \
                     the national defaults, each with a note. Saving writes format version 3; \
                     Undo takes it back."
                ));
            }
            Err(e) => self.message = Some(format!("Not upgraded: {e}")),
        }
    }

    /// Sets the scenario on show's starting values from a council's published figures, as one
    /// step to undo, and says what was set.
    pub(super) fn use_starting_values(&mut self, council: &str) {
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

    /// A new tab on a council's scenario, built from its published figures.
    pub(super) fn new_from_council(&mut self, code: &str) {
        let built = crate::evidence::data::published()
            .map_err(|e| e.to_string())
            .and_then(|published| {
                let council =
                    crate::evidence::council::find(published, code).map_err(|e| e.to_string())?;
                crate::evidence::council::council_file(published, &default_scenario_file(), council)
                    .map_err(|e| e.to_string())
            });
        match built {
            Ok(b) => {
                let total = match b.ro3_total {
                    Some(t) => format!(
                        "year 0 in-house £{:.1}m (central case), against its RO3 2023-24 total \
                         of £{:.1}m before uprating",
                        b.year0_total() / 1e6,
                        t / 1e6
                    ),
                    None => format!(
                        "year 0 in-house £{:.1}m (central case; it returned no RO3 2023-24, so \
                         national unit costs)",
                        b.year0_total() / 1e6
                    ),
                };
                let name = b.council.name.clone();
                let fallbacks = b.fallbacks.len();
                self.add_tab(Document::new(b.file, None));
                self.message = Some(format!(
                    "New scenario for {name} from its published figures: {total}. {} Each \
                     input's note says where its figure came from.",
                    if fallbacks == 0 {
                        "Every figure is its own.".to_string()
                    } else {
                        format!(
                            "{fallbacks} figure{} not published for it stand{} in from \
                             elsewhere, as the notes say.",
                            if fallbacks == 1 { "" } else { "s" },
                            if fallbacks == 1 { "s" } else { "" }
                        )
                    }
                ));
            }
            Err(e) => self.message = Some(format!("No scenario built: {e}")),
        }
    }
}
