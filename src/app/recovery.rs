//! Nothing lost: each tab's unsaved edits autosaved every half minute to the data folder, the
//! offer to restore them after a crash or a killed process, the mention of a crash report left
//! by the last session, and the memory check before a run.
//!
//! The autosave timer runs on the window's own [`Clock`], and is looked at by
//! [`CareOptionsApp::logic`], which eframe calls whether the window is visible, covered or
//! minimised (a hidden window has no UI pass, and egui's time stands still in it).
//!
//! The window is handed its data folder by the eframe wrapper ([`super::window`]), or by a test a
//! folder of its own; without one (the default) it autosaves nothing, so tests never touch a
//! person's files.

use std::collections::HashMap;
use std::path::PathBuf;

use egui::Context;

use crate::io::autosave::{self, AutosaveMeta, Recovered, Session};
use crate::io::crash_log;
use crate::io::{DiskStamp, parse_scenario};
use crate::model::ScenarioFile;

use super::clock::Clock;
use super::document::Document;
use super::panels::dialogs::Modal;
use super::tab::TabId;
use super::{CareOptionsApp, default_scenario_file};

/// Seconds between a change and its autosave.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// The window's autosave session and what it has written.
pub struct Safety {
    session: Option<Session>,
    /// The working copy of each tab as last autosaved.
    autosaved: HashMap<TabId, ScenarioFile>,
    /// When the next autosave is due ([`Self::clock`] seconds), while some tab has changes not
    /// yet autosaved.
    pub(super) due: Option<f64>,
    /// The clock the autosave timer runs on; replaced in tests.
    pub(crate) clock: Clock,
    /// Autosaves of an earlier session waiting for Restore or Discard.
    offered: Vec<Recovered>,
    /// The last autosave failure shown, so it is said once, not every half minute.
    last_error: Option<String>,
    /// Bytes of memory available now; replaced in tests.
    pub(crate) available_memory: fn() -> Option<u64>,
}

impl Default for Safety {
    fn default() -> Self {
        Safety {
            session: None,
            autosaved: HashMap::new(),
            due: None,
            clock: Clock::default(),
            offered: Vec::new(),
            last_error: None,
            available_memory: crate::io::machine::available_memory,
        }
    }
}

/// One line of the restore offer: which scenario, from which file, saved when, by which version.
pub fn describe(r: &Recovered) -> String {
    let from = match &r.meta.original {
        Some(p) => format!("from {}", p.display()),
        None => "never saved to a file".to_string(),
    };
    let unreadable = match &r.file {
        Ok(_) => String::new(),
        Err(e) => format!(" — cannot be read back: {e}"),
    };
    format!(
        "\u{201c}{}\u{201d}, {from}; saved automatically {} ({}) by Care Options {}{unreadable}",
        r.meta.scenario_name,
        autosave::ago(r.meta.saved_at),
        crate::present::utc(r.meta.saved_at, crate::present::UtcPrecision::Second),
        r.meta.program_version
    )
}

impl CareOptionsApp {
    /// Starts the log and autosaving in `folder`, offers to restore what an earlier session left
    /// unsaved, and mentions a crash report it left, once.
    pub fn use_data_folder(&mut self, folder: PathBuf) {
        self.start_log(folder.clone());
        match Session::start(&folder) {
            Ok(session) => {
                self.safety.offered = autosave::find_recoverable(&folder, Some(&session));
                self.safety.session = Some(session);
            }
            Err(e) => {
                self.message = Some(format!(
                    "Unsaved changes cannot be autosaved: the folder {} is not usable ({e}). \
                     Save often.",
                    folder.display()
                ));
            }
        }
        let crashes = crash_log::unreported(&folder);
        let crash_note = crashes.last().map(|log| {
            format!(
                "Care Options stopped because of an internal error last time. A crash report was \
                 written to {}: please send it to whoever supports Care Options for you.",
                log.display()
            )
        });
        // Mentioned now; never again.
        let _ = crash_log::mark_reported(&folder, &crashes);
        if !self.safety.offered.is_empty() {
            self.modal = Some(Modal::Recover {
                items: self.safety.offered.iter().map(describe).collect(),
                crash: crash_note,
                focus: true,
            });
        } else if let Some(text) = crash_note {
            self.modal = Some(Modal::Message {
                title: "Care Options stopped unexpectedly".to_string(),
                text,
            });
        }
    }

    /// The autosave session's folder, if autosaving.
    pub fn autosave_folder(&self) -> Option<PathBuf> {
        self.safety
            .session
            .as_ref()
            .map(|s| s.folder().to_path_buf())
    }

    /// What must go on whether or not the window is drawn; eframe calls it before every frame,
    /// and also while the window is covered or minimised and draws nothing. Only the autosave
    /// timer is kept ticking: nothing here draws or changes what the window shows.
    pub fn logic(&mut self, ctx: &Context) {
        self.autosave_tick(ctx);
    }

    /// Removes autosaves that are no longer needed (saved cleanly, back to the saved state, or tab
    /// closed), and writes the others half a minute after a change; until then, asks to be woken
    /// when the next is due.
    pub(super) fn autosave_tick(&mut self, ctx: &Context) {
        if self.safety.session.is_none() {
            return;
        }
        let clean: Vec<TabId> = self
            .safety
            .autosaved
            .keys()
            .copied()
            .filter(|id| {
                self.index_of(*id)
                    .is_none_or(|i| !self.tabs[i].doc.is_dirty())
            })
            .collect();
        for id in clean {
            self.forget_autosave(id);
        }
        let waiting = self.tabs.iter().any(|t| self.needs_autosave(t.id));
        if !waiting {
            self.safety.due = None;
            return;
        }
        let now = self.safety.clock.seconds();
        let due = *self.safety.due.get_or_insert(now + AUTOSAVE_SECONDS);
        if now >= due {
            self.autosave_now();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due - now));
        }
    }

    fn needs_autosave(&self, id: TabId) -> bool {
        self.index_of(id).is_some_and(|i| {
            let doc = &self.tabs[i].doc;
            doc.is_dirty() && self.safety.autosaved.get(&id) != Some(&doc.file)
        })
    }

    /// Writes the autosave of every tab with changes not yet autosaved, now.
    pub fn autosave_now(&mut self) {
        self.safety.due = None;
        let Some(session) = &self.safety.session else {
            return;
        };
        for tab in &self.tabs {
            let doc = &tab.doc;
            if !doc.is_dirty() || self.safety.autosaved.get(&tab.id) == Some(&doc.file) {
                continue;
            }
            let meta = AutosaveMeta::now(&doc.file, doc.path.clone(), doc.disk);
            match session.write(tab.id.0, &doc.file, &meta) {
                Ok(()) => {
                    self.safety.autosaved.insert(tab.id, doc.file.clone());
                    self.safety.last_error = None;
                }
                Err(e) => {
                    let text = format!(
                        "Autosave failed ({e}); your changes are still in the window: save them."
                    );
                    if self.safety.last_error.as_ref() != Some(&text) {
                        self.message = Some(text.clone());
                        self.safety.last_error = Some(text);
                    }
                }
            }
        }
    }

    fn forget_autosave(&mut self, id: TabId) {
        if let Some(session) = &self.safety.session {
            session.remove(id.0);
        }
        self.safety.autosaved.remove(&id);
    }

    /// Opens each offered autosave in a tab, with its changes unsaved, and autosaves them at once
    /// in this session before removing the earlier session's copies.
    pub(super) fn restore_autosaves(&mut self) {
        let offered = std::mem::take(&mut self.safety.offered);
        let mut restored = 0;
        for r in &offered {
            let Ok(file) = &r.file else { continue };
            let path = r.meta.original.clone();
            // What the file on disk holds now, to tell which changes are unsaved.
            let on_disk = path
                .as_ref()
                .and_then(|p| std::fs::read_to_string(p).ok())
                .and_then(|t| parse_scenario(&t).ok())
                .unwrap_or_else(default_scenario_file);
            let mut doc = Document::new(file.clone(), path.clone()).with_saved(on_disk);
            // The file as it was when opened in the earlier session: a change since then by
            // someone else is asked about before saving over it.
            doc.disk = r.meta.original_stamp.or_else(|| {
                path.as_deref()
                    .and_then(|p| DiskStamp::read(p).ok().flatten())
            });
            self.open_document(doc);
            restored += 1;
        }
        self.autosave_now();
        autosave::discard(&offered);
        self.message = Some(format!(
            "Restored {restored} scenario{} from the last session's autosave; save to keep the \
             changes.",
            if restored == 1 { "" } else { "s" }
        ));
    }

    /// Removes the offered autosaves without opening them.
    pub(super) fn discard_autosaves(&mut self) {
        let offered = std::mem::take(&mut self.safety.offered);
        autosave::discard(&offered);
        self.message = Some("The autosaved changes of the last session were discarded.".into());
    }

    /// A clean quit: this session's autosaves go (every change was saved or discarded by choice).
    pub fn end_session(&mut self) {
        if let Some(session) = self.safety.session.take() {
            session.end();
        }
    }

    /// True while unsaved changes are autosaved.
    pub(super) fn safety_autosaving(&self) -> bool {
        self.safety.session.is_some()
    }

    /// Memory available for a run, as the system says (or a test pretends).
    pub(super) fn available_memory(&self) -> Option<u64> {
        (self.safety.available_memory)()
    }
}
