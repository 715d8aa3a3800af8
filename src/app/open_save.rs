//! Opening, saving and closing: File > Open and Save (through a native dialog or a typed path),
//! the check before saving over a file someone else changed on disk, opening a file in a tab of
//! its own, and closing a tab or the window with unsaved changes, which asks first.

use std::path::{Path, PathBuf};

use egui::{Context, ViewportCommand};

use crate::io::{DiskChange, disk_change, same_file, save_scenario};
use crate::model::scenario::FORMAT_VERSION;

use super::command::{DialogPurpose, Pending, TabId};
use super::document::{Document, default_scenario_file};
use super::panels::dialogs::Modal;
use super::tab::Tab;
use super::{CareOptionsApp, files, opening};

impl CareOptionsApp {
    /// Opens a scenario file in a tab of its own (or shows its tab if it is open already). The
    /// file is read, parsed and validated on a worker ([`opening`]), so the window keeps drawing;
    /// it opens when ready. A file that cannot be read, parsed or validated opens nothing and
    /// shows every problem with its line and column.
    pub fn open_path(&mut self, path: &Path) {
        if let Some(i) = self.tab_of(path) {
            self.active = i;
            self.message = Some(format!("{} is open already", path.display()));
            return;
        }
        if self.opening.is_opening(path) {
            self.message = Some(format!("{} is being opened already", path.display()));
            return;
        }
        self.message = Some(
            match self.opening.start(path.to_path_buf(), self.repaint.clone()) {
                Ok(()) => format!("Opening {}…", path.display()),
                Err(e) => e,
            },
        );
    }

    /// Opens the files the program was started with (double-clicked, or named on the command
    /// line), each in a tab of its own and in their order, from the first frame on. A file that
    /// cannot be opened shows its problems as File > Open does; the others open all the same.
    pub fn open_at_start(&mut self, files: Vec<PathBuf>) {
        for path in files {
            // The full path, as a file dialog gives: it is kept in the tab and in Open Recent.
            let path = std::path::absolute(&path).unwrap_or(path);
            self.push(super::Command::OpenPath(path));
        }
    }

    /// Whether files are being opened.
    pub fn is_opening(&self) -> bool {
        self.opening.is_busy()
    }

    /// Shows a file whose opening has finished: in a tab, or its problems.
    pub(super) fn finish_opening(&mut self, path: &Path, result: opening::OpenResult) {
        match result {
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

    /// Closing the window with unsaved changes asks first, like File > Quit.
    pub(super) fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quitting
            && self.tabs.iter().any(|t| t.doc.is_dirty())
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.quit_discarded.clear();
            self.guard(Pending::Quit, ctx);
        }
    }

    /// Asks about a tab's unsaved changes before `pending`, showing that tab, or goes ahead.
    pub(super) fn guard(&mut self, pending: Pending, ctx: &Context) {
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
    pub(super) fn proceed(&mut self, pending: Pending, ctx: &Context) {
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

    pub(super) fn open_dialog(&mut self, ctx: &Context) {
        if !self.dialogs_enabled {
            self.message = Some("File dialogs are off: use File > Type a path…".into());
            return;
        }
        let folder = self.folder();
        if let Err(e) = self
            .file_dialogs
            .start(DialogPurpose::Open, folder, None, ctx.clone())
        {
            self.message = Some(format!("could not show a file dialog: {e}"));
        }
    }

    pub(super) fn save_dialog(&mut self, then: Option<Pending>, ctx: &Context) {
        let name = files::suggested_file_name(&self.tab().doc.file.name);
        if !self.dialogs_enabled {
            self.message = Some("File dialogs are off: use File > Type a path…".into());
            return;
        }
        if !files::native_dialogs_available() {
            // Straight to a typed path, starting where exports go, rather than a dialog that
            // would come back at once as if cancelled.
            let path = files::default_export_folder()
                .map(|folder| folder.join(&name))
                .unwrap_or_else(|| PathBuf::from(&name));
            self.message = Some(
                "No file dialog can open on this desktop: type where to save, then Save here."
                    .into(),
            );
            self.modal = Some(Modal::TypePath {
                text: path.display().to_string(),
                focus: true,
            });
            return;
        }
        let folder = self.folder();
        let tab = self.tab().id;
        if let Err(e) = self.file_dialogs.start(
            DialogPurpose::SaveAs { tab, then },
            folder,
            Some(name),
            ctx.clone(),
        ) {
            self.message = Some(format!("could not show a file dialog: {e}"));
        }
    }

    pub(super) fn folder(&self) -> Option<PathBuf> {
        self.tab()
            .doc
            .path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    /// The position of a tab, if it is still open.
    pub(super) fn index_of(&self, id: TabId) -> Option<usize> {
        self.tabs.iter().position(|t| t.id == id)
    }

    /// The tab holding this file, if one does.
    pub(super) fn tab_of(&self, path: &Path) -> Option<usize> {
        self.tabs
            .iter()
            .position(|t| t.doc.path.as_deref().is_some_and(|a| same_file(a, path)))
    }

    /// Saves tab `i` to `path`, then carries on with `then`; but if the file there changed on
    /// disk since this tab read or wrote it (a colleague saved over it), asks first.
    pub(super) fn save_checked(
        &mut self,
        i: usize,
        path: &Path,
        then: Option<Pending>,
        ctx: &Context,
    ) {
        let doc = &self.tabs[i].doc;
        let ours = doc.path.as_deref().is_some_and(|p| same_file(p, path));
        // Another file already there (a name typed or chosen for Save As): asked first.
        if !ours && let Ok(existing) = std::fs::symlink_metadata(path) {
            self.active = i;
            self.modal = Some(Modal::ReplaceOther {
                tab: self.tabs[i].id,
                path: path.to_path_buf(),
                modified: existing.modified().ok().map(when),
                then,
            });
            return;
        }
        if ours
            && let Some(stamp) = &doc.disk
            && let DiskChange::Changed { modified } = disk_change(path, stamp)
        {
            self.active = i;
            self.modal = Some(Modal::ChangedOnDisk {
                tab: self.tabs[i].id,
                path: path.to_path_buf(),
                modified: modified.map(when),
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
    pub(super) fn save_to(&mut self, i: usize, path: &Path) -> bool {
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
    pub(super) fn open_document(&mut self, doc: Document) {
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
    pub(super) fn add_tab(&mut self, doc: Document) {
        self.tabs.push(Tab::new(TabId(self.next_tab), doc));
        self.next_tab += 1;
        self.active = self.tabs.len() - 1;
    }

    /// Closes a tab (its changes saved or discarded already). The window always keeps one tab:
    /// closing the last opens the default scenario.
    pub(super) fn close_tab(&mut self, id: TabId) {
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

    /// Acts on the answer of a file dialog, once there is one.
    pub(super) fn poll_file_dialogs(&mut self, ctx: &Context) {
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
}

/// "3 minutes ago (2026-11-22 02:47:10 UTC)": when a file was changed, for a question about it.
fn when(time: std::time::SystemTime) -> String {
    format!(
        "{} ({})",
        crate::io::autosave::ago(time),
        crate::present::utc(time, crate::present::UtcPrecision::Second)
    )
}

/// What a dialog closed without a file means, and the way round a dialog that never appeared.
pub(super) fn no_file_chosen(purpose: &DialogPurpose) -> String {
    match purpose {
        DialogPurpose::Open | DialogPurpose::SaveAs { .. } => {
            "No file chosen. If no file dialog appeared, use File > Type a path…".to_string()
        }
        DialogPurpose::Export { .. } => "No file chosen: nothing was exported. If no file dialog \
             appeared, use File > Export to a typed path; the command line also writes the same \
             report, charts and tables: care-options report FILE --out FOLDER"
            .to_string(),
    }
}
