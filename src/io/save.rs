//! Saving without ever losing the file on disk: the new content goes to a temporary file in the
//! same folder, is flushed to the disk, and only then renamed over the old file, so that at every
//! instant the file's name holds either the old content or the new, whole. The previous version
//! is kept beside it as `NAME.ron.bak`.
//!
//! A save that cannot be made (a read-only folder or file, a full disk, a missing folder, a file
//! locked by another program) changes nothing on disk and says which file, what the system said
//! and what to do.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::ScenarioFile;

use super::scenario_file::scenario_to_ron;
use super::stamp::DiskStamp;

/// The temporary file a save of `path` writes first: hidden, in the same folder (a rename within
/// one file system is atomic), named after the process so two programs never share one.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = file_name(path);
    folder(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Where the previous version of `path` is kept: `NAME.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    folder(path).join(format!("{}.bak", file_name(path)))
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".to_string())
}

/// Writes `contents` to `path` so that the old file survives any failure: write a temporary file
/// in the same folder, flush it to disk, then rename it over the target.
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let temp = write_temp(path, contents)?;
    replace(&temp, path)
}

/// Writes and flushes the temporary file for `path`; removes it again on failure.
fn write_temp(path: &Path, contents: &[u8]) -> std::io::Result<PathBuf> {
    let temp = temp_path(path);
    let result = (|| {
        let mut f = fs::File::create(&temp)?;
        f.write_all(contents)?;
        f.sync_all()
    })();
    match result {
        Ok(()) => Ok(temp),
        Err(e) => {
            // Best effort: the temporary file is ours and useless now.
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Renames the flushed temporary file over `path`, then flushes the folder so the rename itself
/// survives a power cut (where the system allows a folder to be flushed).
fn replace(temp: &Path, path: &Path) -> std::io::Result<()> {
    if let Err(e) = fs::rename(temp, path) {
        let _ = fs::remove_file(temp);
        return Err(e);
    }
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// What became of the previous version of a saved file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backup {
    /// Kept at this path.
    Kept(PathBuf),
    /// There was no file before this save.
    NoPrevious,
    /// The save went ahead but the previous version could not be kept: where and why.
    Failed { path: PathBuf, why: String },
}

/// A save that succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file as now on disk, to notice later changes by others.
    pub stamp: DiskStamp,
    pub backup: Backup,
}

impl Saved {
    /// "Saved …" for a status line, naming the backup or why there is none.
    pub fn describe(&self, path: &Path) -> String {
        match &self.backup {
            Backup::Kept(bak) => format!(
                "Saved {} (the previous version is kept as {})",
                path.display(),
                bak.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            Backup::NoPrevious => format!("Saved {}", path.display()),
            Backup::Failed { path: bak, why } => format!(
                "Saved {}, but the previous version could not be kept as {}: {why}",
                path.display(),
                bak.display()
            ),
        }
    }
}

/// Why a save failed. The file on disk is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot turn the scenario into RON: {0}")]
    Serialise(ron::Error),
    #[error(
        "{} is marked read-only, so it was not overwritten; the file on disk is unchanged. Use \
         File > Save As… to save under another name, or clear its read-only mark first.",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "cannot write {}: {source}. The file on disk is unchanged. {}",
        path.display(),
        what_to_do(source)
    )]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Advice for a failed write, from what the system said.
fn what_to_do(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied | K::ReadOnlyFilesystem => {
            "You may not write to that folder (it is read-only, or belongs to someone else): use \
             File > Save As… to save somewhere you can write, such as your Documents folder."
        }
        K::StorageFull | K::QuotaExceeded => {
            "The disk is full: free some space, or use File > Save As… to save on another drive."
        }
        K::NotFound | K::NotADirectory => {
            "The folder does not exist (a drive may have been disconnected): reconnect it, or use \
             File > Save As… to save somewhere else."
        }
        _ => {
            "Another program may have the file open or locked: close it and save again, or use \
             File > Save As… to save under another name."
        }
    }
}

/// Saves a scenario as pretty RON, atomically, keeping the previous version as `NAME.ron.bak`.
///
/// Order: the new content is written and flushed to a temporary file first (a full disk or a
/// read-only folder fails here, before anything else is touched); then the current file is copied
/// to the backup (itself written atomically, so a failed backup never leaves half a `.bak`); then
/// the temporary file is renamed over the target.
pub fn save_scenario(path: &Path, file: &ScenarioFile) -> Result<Saved, SaveError> {
    let text = scenario_to_ron(file).map_err(SaveError::Serialise)?;
    let write_error = |source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    };
    let previous = match fs::metadata(path) {
        Ok(m) if m.permissions().readonly() => {
            return Err(SaveError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Ok(m) => Some(m),
        Err(_) => None,
    };
    let temp = write_temp(path, text.as_bytes()).map_err(write_error)?;
    let backup = match previous {
        Some(_) => keep_backup(path),
        None => Backup::NoPrevious,
    };
    replace(&temp, path).map_err(write_error)?;
    Ok(Saved {
        stamp: DiskStamp::of(path, text.as_bytes()),
        backup,
    })
}

/// Copies the file at `path` to its backup. The copy is a fresh file, not a hard link, so the
/// backup never shares the old file's read-only mark or its later fate.
fn keep_backup(path: &Path) -> Backup {
    let bak = backup_path(path);
    match fs::read(path).and_then(|bytes| atomic_write(&bak, &bytes)) {
        Ok(()) => Backup::Kept(bak),
        Err(e) => Backup::Failed {
            path: bak,
            why: e.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("care-options-save-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn scenario() -> ScenarioFile {
        super::super::parse_scenario(crate::DEFAULT_SCENARIO).unwrap()
    }

    #[test]
    fn saving_keeps_the_previous_version_as_bak() {
        let d = dir("bak");
        let path = d.join("plan.ron");
        let mut file = scenario();
        let saved = save_scenario(&path, &file).unwrap();
        assert_eq!(saved.backup, Backup::NoPrevious);
        assert!(!backup_path(&path).exists());
        let first = fs::read_to_string(&path).unwrap();
        assert_eq!(saved.stamp, DiskStamp::read(&path).unwrap().unwrap());

        file.name = "Second version".to_string();
        let saved = save_scenario(&path, &file).unwrap();
        assert_eq!(saved.backup, Backup::Kept(d.join("plan.ron.bak")));
        assert_eq!(fs::read_to_string(d.join("plan.ron.bak")).unwrap(), first);
        assert!(
            fs::read_to_string(&path)
                .unwrap()
                .contains("Second version")
        );
        assert!(saved.describe(&path).contains("plan.ron.bak"));
        // No temporary files are left behind.
        let names: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        let _ = fs::remove_dir_all(d);
    }

    /// The file on disk after a failed save is byte for byte what it was.
    fn assert_failed_save_leaves_file(path: &Path, error: &SaveError) {
        let text = error.to_string();
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("unchanged"), "{text}");
        assert!(text.contains("Save As"), "{text}");
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_says_why() {
        // A folder where the temporary file should go: creating it fails for any user, root too.
        let d = dir("blocked");
        let path = d.join("plan.ron");
        fs::write(&path, "old content").unwrap();
        fs::create_dir(temp_path(&path)).unwrap();
        let e = save_scenario(&path, &scenario()).unwrap_err();
        assert!(matches!(e, SaveError::Write { .. }), "{e}");
        assert_failed_save_leaves_file(&path, &e);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
        assert!(!backup_path(&path).exists(), "nothing else was touched");
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn a_missing_folder_is_a_clear_failure() {
        // The "folder" is a plain file: as if a drive had gone.
        let d = dir("nofolder");
        let not_a_folder = d.join("drive");
        fs::write(&not_a_folder, "").unwrap();
        let path = not_a_folder.join("plan.ron");
        let e = save_scenario(&path, &scenario()).unwrap_err();
        assert_failed_save_leaves_file(&path, &e);
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn a_read_only_file_is_not_overwritten() {
        let d = dir("readonly-file");
        let path = d.join("plan.ron");
        fs::write(&path, "old content").unwrap();
        let mut permissions = fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions.clone()).unwrap();
        let e = save_scenario(&path, &scenario()).unwrap_err();
        assert!(matches!(e, SaveError::ReadOnly { .. }), "{e}");
        assert_failed_save_leaves_file(&path, &e);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        fs::set_permissions(&path, permissions).unwrap();
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_folder_loses_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("readonly-folder");
        let path = d.join("plan.ron");
        fs::write(&path, "old content").unwrap();
        fs::set_permissions(&d, fs::Permissions::from_mode(0o555)).unwrap();
        // Root (and some CI containers) may write to a read-only folder anyway: then there is no
        // failure to test, only the success path that the other tests cover.
        let privileged = fs::write(d.join("probe"), "").is_ok();
        let result = save_scenario(&path, &scenario());
        fs::set_permissions(&d, fs::Permissions::from_mode(0o755)).unwrap();
        if !privileged {
            let e = result.unwrap_err();
            assert_failed_save_leaves_file(&path, &e);
            assert!(e.to_string().contains("read-only"), "{e}");
            assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
        }
        let _ = fs::remove_dir_all(d);
    }
}
