//! Autosaves: unsaved edits written to the data folder, so that a crash or a killed process loses
//! at most the last half minute of work.
//!
//! Each running window is a *session*: a folder `autosave/<session>/` holding a lock file that the
//! window keeps locked while it runs, and per open scenario `<slot>.ron` (an ordinary scenario
//! file) and `<slot>.meta.ron` (when, from which file, by which program version). The operating
//! system drops a process's locks when it dies however it dies, so at the next start a session
//! folder whose lock can be taken belongs to a window that did not close cleanly: its autosaves
//! are offered for restoring. A clean quit removes its session folder; a clean save removes that
//! scenario's autosave.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::ScenarioFile;

use super::save::atomic_write;
use super::scenario_file::{parse_scenario, scenario_to_ron};
use super::stamp::DiskStamp;

/// The folder of autosaves within the data folder.
pub const AUTOSAVE_FOLDER: &str = "autosave";
const LOCK_FILE: &str = "session.lock";
const META: &str = ".meta.ron";

/// What is known about one autosave besides the scenario itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutosaveMeta {
    /// When it was written.
    pub saved_at: SystemTime,
    /// The file the scenario was opened from or last saved to; `None` if never saved.
    pub original: Option<PathBuf>,
    /// That file as it was when opened or saved, to notice changes made to it since.
    pub original_stamp: Option<DiskStamp>,
    /// The program version that wrote it.
    pub program_version: String,
    /// The scenario's name, to list it even if its file cannot be read back.
    pub scenario_name: String,
}

impl AutosaveMeta {
    /// Metadata for an autosave written now by this program.
    pub fn now(
        file: &ScenarioFile,
        original: Option<PathBuf>,
        original_stamp: Option<DiskStamp>,
    ) -> Self {
        AutosaveMeta {
            saved_at: SystemTime::now(),
            original,
            original_stamp,
            program_version: env!("CARGO_PKG_VERSION").to_string(),
            scenario_name: file.name.clone(),
        }
    }
}

/// This window's own session: its folder, locked for as long as the window runs.
#[derive(Debug)]
pub struct Session {
    folder: PathBuf,
    /// Holds the lock; dropping it (or the process dying) releases it.
    _lock: fs::File,
}

impl Session {
    /// Starts a session under `data_folder`.
    pub fn start(data_folder: &Path) -> std::io::Result<Session> {
        let millis = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let folder = data_folder
            .join(AUTOSAVE_FOLDER)
            .join(format!("{millis}-{}", std::process::id()));
        fs::create_dir_all(&folder)?;
        let lock = fs::File::create(folder.join(LOCK_FILE))?;
        lock.try_lock().map_err(std::io::Error::other)?;
        Ok(Session {
            folder,
            _lock: lock,
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Writes (or replaces) the autosave in `slot`: the scenario, then its metadata, each
    /// atomically, so a reader never finds half of either.
    pub fn write(&self, slot: u64, file: &ScenarioFile, meta: &AutosaveMeta) -> Result<(), String> {
        let text = scenario_to_ron(file).map_err(|e| e.to_string())?;
        let meta_text = ron::ser::to_string_pretty(meta, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        atomic_write(&self.folder.join(format!("{slot}.ron")), text.as_bytes())
            .and_then(|()| {
                atomic_write(
                    &self.folder.join(format!("{slot}{META}")),
                    meta_text.as_bytes(),
                )
            })
            .map_err(|e| e.to_string())
    }

    /// Removes the autosave in `slot` (saved cleanly, or closed with its changes discarded).
    pub fn remove(&self, slot: u64) {
        // Metadata first: without it, what is left is never offered.
        let _ = fs::remove_file(self.folder.join(format!("{slot}{META}")));
        let _ = fs::remove_file(self.folder.join(format!("{slot}.ron")));
    }

    /// A clean quit: every autosave of this session goes.
    pub fn end(self) {
        let _ = fs::remove_dir_all(&self.folder);
    }
}

/// An autosave left by a window that did not close cleanly.
#[derive(Debug, Clone)]
pub struct Recovered {
    pub meta: AutosaveMeta,
    /// The scenario as autosaved, or why it cannot be read back.
    pub file: Result<ScenarioFile, String>,
    /// The session folder it belongs to.
    pub session: PathBuf,
}

/// Autosaves of every session under `data_folder` whose window is gone (its lock can be taken),
/// oldest first. `own` is skipped.
pub fn find_recoverable(data_folder: &Path, own: Option<&Session>) -> Vec<Recovered> {
    let Ok(sessions) = fs::read_dir(data_folder.join(AUTOSAVE_FOLDER)) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for session in sessions.filter_map(Result::ok).map(|e| e.path()) {
        if own.is_some_and(|s| s.folder == session) || !session.is_dir() || is_alive(&session) {
            continue;
        }
        let Ok(entries) = fs::read_dir(&session) else {
            continue;
        };
        let before = found.len();
        for meta_path in entries.filter_map(Result::ok).map(|e| e.path()) {
            let Some(slot) = meta_path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(META))
            else {
                continue;
            };
            let Ok(meta) = fs::read_to_string(&meta_path)
                .map_err(|e| e.to_string())
                .and_then(|t| ron::from_str::<AutosaveMeta>(&t).map_err(|e| e.to_string()))
            else {
                continue;
            };
            let file = fs::read_to_string(session.join(format!("{slot}.ron")))
                .map_err(|e| e.to_string())
                .and_then(|t| parse_scenario(&t).map_err(|e| e.to_string()));
            found.push(Recovered {
                meta,
                file,
                session: session.clone(),
            });
        }
        if found.len() == before {
            // A window that died before its first autosave: nothing to offer, nothing to keep.
            let _ = fs::remove_dir_all(&session);
        }
    }
    found.sort_by_key(|r| r.meta.saved_at);
    found
}

/// True while the window that owns `session` runs (it holds the lock). A session folder without
/// a lock file, or one just made by a window starting this instant, counts as alive until it is a
/// minute old, so a window never removes another's folder while it is being set up.
fn is_alive(session: &Path) -> bool {
    let lock_path = session.join(LOCK_FILE);
    let young = |p: &Path| {
        fs::metadata(p)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_none_or(|age| age < Duration::from_secs(60))
    };
    match fs::OpenOptions::new().write(true).open(&lock_path) {
        Ok(f) => match f.try_lock() {
            // We got the lock, so nobody holds it; it is released again when `f` drops.
            Ok(()) => false,
            Err(_) => true,
        },
        Err(_) => young(session),
    }
}

/// Removes the sessions these autosaves came from (declined, or restored and saved again by this
/// session).
pub fn discard(recovered: &[Recovered]) {
    let mut sessions: Vec<&PathBuf> = recovered.iter().map(|r| &r.session).collect();
    sessions.sort();
    sessions.dedup();
    for s in sessions {
        let _ = fs::remove_dir_all(s);
    }
}

/// "3 minutes ago", "2 hours ago", "yesterday or earlier": how long ago `time` was.
pub fn ago(time: SystemTime) -> String {
    let seconds = time.elapsed().map(|d| d.as_secs()).unwrap_or(0);
    let plural = |n: u64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match seconds {
        0..60 => "less than a minute ago".to_string(),
        60..3600 => plural(seconds / 60, "minute"),
        3600..86_400 => plural(seconds / 3600, "hour"),
        _ => plural(seconds / 86_400, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "care-options-autosave-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&d);
        d
    }

    fn scenario(name: &str) -> ScenarioFile {
        let mut f = parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        f.name = name.to_string();
        f
    }

    #[test]
    fn a_live_session_is_not_offered_and_a_dead_one_is() {
        let root = root("live");
        let first = Session::start(&root).unwrap();
        let edited = scenario("Edited but not saved");
        let original = PathBuf::from("/shared/plan.ron");
        first
            .write(
                7,
                &edited,
                &AutosaveMeta::now(&edited, Some(original.clone()), None),
            )
            .unwrap();
        // A second window, while the first runs: nothing to offer.
        let second = Session::start(&root).unwrap();
        assert!(find_recoverable(&root, Some(&second)).is_empty());
        // The first window dies without cleaning up: its lock goes with it.
        drop(first);
        let found = find_recoverable(&root, Some(&second));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file.as_ref().unwrap(), &edited);
        assert_eq!(found[0].meta.original.as_ref(), Some(&original));
        assert_eq!(found[0].meta.program_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(found[0].meta.scenario_name, "Edited but not saved");
        discard(&found);
        assert!(find_recoverable(&root, Some(&second)).is_empty());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_saved_scenario_and_a_clean_quit_leave_nothing() {
        let root = root("clean");
        let session = Session::start(&root).unwrap();
        let a = scenario("A");
        session
            .write(1, &a, &AutosaveMeta::now(&a, None, None))
            .unwrap();
        session
            .write(2, &a, &AutosaveMeta::now(&a, None, None))
            .unwrap();
        session.remove(1);
        let folder = session.folder().to_path_buf();
        assert!(!folder.join("1.ron").exists() && folder.join("2.ron").exists());
        session.end();
        assert!(!folder.exists());
        assert!(find_recoverable(&root, None).is_empty());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn an_unreadable_autosave_is_listed_with_why() {
        let root = root("broken");
        let session = Session::start(&root).unwrap();
        let a = scenario("A");
        session
            .write(3, &a, &AutosaveMeta::now(&a, None, None))
            .unwrap();
        fs::write(session.folder().join("3.ron"), "(format_version: 1, nam").unwrap();
        drop(session);
        let found = find_recoverable(&root, None);
        assert_eq!(found.len(), 1);
        assert!(found[0].file.is_err());
        assert_eq!(found[0].meta.scenario_name, "A");
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn ages_read_naturally() {
        let now = SystemTime::now();
        assert_eq!(ago(now), "less than a minute ago");
        assert_eq!(ago(now - Duration::from_secs(61)), "1 minute ago");
        assert_eq!(ago(now - Duration::from_secs(7300)), "2 hours ago");
        assert_eq!(ago(now - Duration::from_secs(3 * 86_400)), "3 days ago");
    }
}
