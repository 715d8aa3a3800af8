//! Saving without ever losing the file on disk, and without taking over, loosening or bypassing
//! it: the new content goes to a fresh temporary file in the same folder (created exclusively,
//! with a name no one can guess, never through an existing path or link), is flushed to the disk,
//! given the old file's permissions and owner, and only then renamed over the old file, so that at
//! every instant the file's name holds either the old content or the new, whole. The versions
//! before are kept beside it as `NAME.ron.bak`, `.bak2` and `.bak3`.
//!
//! - A file the person may not write (another user's, or one whose permissions say no) is not
//!   replaced: that is checked before anything is written, and said.
//! - A file opened through a link is saved where the link points; the link stays a link.
//! - Where the owner cannot be kept (a file of a colleague's that the person may write to, on a
//!   system where only the administrator may give files away), the new content is written into
//!   the file itself instead of replacing it, after the backup is made, so it stays theirs.
//! - On Windows, a rename refused because another program holds the file for a moment (OneDrive
//!   syncing it, an antivirus scanning it) is tried again for up to two seconds.
//!
//! A save that cannot be made (a read-only folder or file, a full disk, a missing folder, a file
//! locked by another program) changes nothing on disk and says which file, what the system said
//! and what to do. No temporary file outlives a failure.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tempfile::NamedTempFile;

use crate::model::ScenarioFile;

use super::scenario_file::scenario_to_ron;
use super::stamp::DiskStamp;

/// How many earlier versions a save keeps: `NAME.ron.bak` (the newest), `.bak2`, `.bak3`.
pub const KEPT_VERSIONS: usize = 3;

/// A temporary file left behind by a save that was killed part way is removed by a later save of
/// the same file once it is this old (a save in progress in another window takes far less).
const STALE_TEMPORARY: Duration = Duration::from_secs(10 * 60);

/// Where the previous version of `path` is kept: `NAME.ron.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    backup_paths(path).swap_remove(0)
}

/// Where each kept version of `path` is, newest first: `NAME.ron.bak`, `NAME.ron.bak2`, …
pub fn backup_paths(path: &Path) -> Vec<PathBuf> {
    let name = file_name(path);
    (1..=KEPT_VERSIONS)
        .map(|k| match k {
            1 => folder(path).join(format!("{name}.bak")),
            k => folder(path).join(format!("{name}.bak{k}")),
        })
        .collect()
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

/// The file a path names in the end: a link (or a chain of links) is followed to its target, even
/// a target that does not exist yet.
pub fn real_file(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    // As many links as a system follows before giving up (Linux's limit).
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = if target.is_absolute() {
                    target
                } else {
                    folder(&current).join(target)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other(format!(
        "{} is a link that leads round in circles",
        path.display()
    )))
}

/// Whether two paths name the same file: the same path, the same file through links or `..`,
/// or (on Unix) two names of one file. A path with no file yet counts by its folder and name.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let resolved = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let name = p.file_name()?;
            let parent = match p.parent() {
                Some(f) if !f.as_os_str().is_empty() => f,
                _ => Path::new("."),
            };
            Some(parent.canonicalize().ok()?.join(name))
        })
    };
    if a == b || matches!((resolved(a), resolved(b)), (Some(x), Some(y)) if x == y) {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

#[cfg(test)]
thread_local! {
    /// A failure the next temporary file on this thread meets, as a full disk would give.
    static FAIL_NEXT_WRITE: std::cell::Cell<Option<std::io::ErrorKind>> =
        const { std::cell::Cell::new(None) };
}

/// Makes the next write of a temporary file on this thread fail with `kind`, for tests of what a
/// failed save leaves (any user, root included, meets it).
#[cfg(test)]
pub(crate) fn fail_next_write(kind: std::io::ErrorKind) {
    FAIL_NEXT_WRITE.set(Some(kind));
}

/// Writes and flushes a fresh temporary file beside `path`, created exclusively under an
/// unguessable name. With `like`, it is given that file's permissions and, where the system
/// allows, its owner and group; the answer says whether the owner could be kept. The file is
/// removed again if anything fails (and whenever the returned handle is dropped unused).
fn write_temp(
    path: &Path,
    contents: &[u8],
    like: Option<&fs::Metadata>,
) -> std::io::Result<(NamedTempFile, bool)> {
    let prefix = format!(".{}.", file_name(path));
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // As a new file would be made (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder(path))?;
    #[cfg(test)]
    if let Some(kind) = FAIL_NEXT_WRITE.take() {
        return Err(std::io::Error::new(kind, "a failure made by a test"));
    }
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    let owner_kept = match like {
        Some(original) => keep_rights(temp.as_file(), original)?,
        None => true,
    };
    Ok((temp, owner_kept))
}

/// Gives `file` the permissions of `original`, and its owner and group where the system allows.
/// Returns false when the owner could not be kept.
fn keep_rights(file: &fs::File, original: &fs::Metadata) -> std::io::Result<bool> {
    file.set_permissions(original.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        let ours = file.metadata()?;
        if ours.uid() == original.uid() && ours.gid() == original.gid() {
            return Ok(true);
        }
        if fchown(file, Some(original.uid()), Some(original.gid())).is_ok() {
            return Ok(true);
        }
        // Not allowed to give the file away: keep at least the group where we are in it.
        let _ = fchown(file, None, Some(original.gid()));
        // Set again: changing the owner may clear the set-id bits.
        file.set_permissions(original.permissions())?;
        Ok(ours.uid() == original.uid())
    }
    #[cfg(not(unix))]
    Ok(true)
}

/// Renames the flushed temporary file over `path`, then flushes the folder so the rename itself
/// survives a power cut (where the system allows a folder to be flushed). On failure the
/// temporary file is removed.
fn replace(temp: NamedTempFile, path: &Path) -> std::io::Result<()> {
    let mut temp = temp;
    let mut attempt = 0;
    loop {
        match temp.persist(path) {
            Ok(_) => break,
            Err(e) if attempt < RENAME_RETRIES && is_held_by_another_program(&e.error) => {
                temp = e.file;
                attempt += 1;
                std::thread::sleep(Duration::from_millis(50 * attempt as u64));
            }
            // Dropping the temporary file (`e.file`) removes it.
            Err(e) => return Err(e.error),
        }
    }
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder(path)) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Renames tried again while another program holds the file (on Windows only): 50 ms, 100 ms …
/// in all about 2 s.
const RENAME_RETRIES: usize = 8;

/// Windows refuses to replace a file another program has open (a sharing or lock violation, or
/// "access denied" while an antivirus scanner or OneDrive holds it).
fn is_held_by_another_program(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// Writes `contents` to `path` so that the old file survives any failure: write a temporary file
/// in the same folder, flush it to disk, then rename it over the target. A link is followed to
/// its target, and a file replaced keeps its permissions.
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = real_file(path)?;
    let previous = fs::metadata(&target).ok().filter(fs::Metadata::is_file);
    let (temp, _) = write_temp(&target, contents, previous.as_ref())?;
    replace(temp, &target)
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
    /// The file written, when the path saved to is a link to it.
    pub through_link: Option<PathBuf>,
}

impl Saved {
    /// "Saved …" for a status line, naming the backup or why there is none.
    pub fn describe(&self, path: &Path) -> String {
        let saved = match &self.through_link {
            Some(real) => format!(
                "Saved {} (a link: the file written is {})",
                path.display(),
                real.display()
            ),
            None => format!("Saved {}", path.display()),
        };
        match &self.backup {
            Backup::Kept(bak) => format!(
                "{saved}; the previous version is kept as {}",
                bak.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            ),
            Backup::NoPrevious => saved,
            Backup::Failed { path: bak, why } => format!(
                "{saved}, but the previous version could not be kept as {}: {why}",
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
        "{} is not yours to change: it belongs to someone else or its permissions do not let \
         your account write to it, so it was not replaced; the file on disk is unchanged. Use \
         File > Save As… to save your version under another name.",
        path.display()
    )]
    NotYours { path: PathBuf },
    #[error(
        "{} is not a file (it is a folder or a device), so nothing was saved there. Use File > \
         Save As… to choose a file name.",
        path.display()
    )]
    NotAFile { path: PathBuf },
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
    if is_held_by_another_program(e) {
        return "Another program has the file open: Excel or another editor, OneDrive or another \
                sync tool, or an antivirus scanner. Close it, or wait a moment, and save again; \
                or use File > Save As… to save under another name.";
    }
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

/// Whether this account may write to the existing file at `path`: opening it for writing (without
/// changing a byte) asks the system itself, so every rule counts (permissions, owner, access
/// lists, and on Windows a file another program holds).
fn may_write(path: &Path) -> std::io::Result<()> {
    fs::OpenOptions::new().write(true).open(path).map(drop)
}

/// Saves a scenario as pretty RON, atomically, keeping the versions before as `NAME.ron.bak`,
/// `.bak2` and `.bak3`.
///
/// Order: the file's own rights are checked first (a file the person may not write is refused
/// before anything is written); the new content is written and flushed to a temporary file, with
/// the old file's permissions and owner (a full disk or a read-only folder fails here, before
/// anything else is touched); then the earlier versions move down one place and the current file
/// is copied to the `.bak` (itself written atomically, so a failed backup never leaves half a
/// `.bak`); then the temporary file is renamed over the target.
pub fn save_scenario(path: &Path, file: &ScenarioFile) -> Result<Saved, SaveError> {
    let text = scenario_to_ron(file).map_err(SaveError::Serialise)?;
    let write_error = |source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    };
    let target = real_file(path).map_err(write_error)?;
    let previous = match fs::metadata(&target) {
        Ok(m) if !m.is_file() => {
            return Err(SaveError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Ok(m) if m.permissions().readonly() => {
            return Err(SaveError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Ok(m) => {
            match may_write(&target) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    return Err(SaveError::NotYours {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) => return Err(write_error(e)),
            }
            Some(m)
        }
        Err(_) => None,
    };
    let (temp, owner_kept) =
        write_temp(&target, text.as_bytes(), previous.as_ref()).map_err(write_error)?;
    remove_stale_temporaries(&target);
    let backup = match &previous {
        Some(m) => keep_backups(&target, m),
        None => Backup::NoPrevious,
    };
    if owner_kept {
        replace(temp, &target).map_err(write_error)?;
    } else {
        drop(temp);
        write_in_place(&target, text.as_bytes()).map_err(write_error)?;
    }
    Ok(Saved {
        stamp: DiskStamp::of(path, text.as_bytes()),
        backup,
        through_link: (target != path).then_some(target),
    })
}

/// Writes `contents` into the existing file at `path` (keeping its owner), flushed. Used only when
/// a replacement could not be given the file's owner, after the backup is made; if the write
/// fails part way, the old content is put back.
fn write_in_place(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let old = fs::read(path)?;
    let write = |bytes: &[u8]| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(path)?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    write(contents).inspect_err(|_| {
        let _ = write(&old);
    })
}

/// Removes temporary files of earlier saves of `path` that were killed part way (the program or
/// the computer stopped mid-save): hidden `.NAME.…tmp` files beside it, old enough that no save
/// can still be writing them.
fn remove_stale_temporaries(path: &Path) {
    let prefix = format!(".{}.", file_name(path));
    let Ok(entries) = fs::read_dir(folder(path)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(&prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let stale = entry.metadata().is_ok_and(|m| {
            m.is_file()
                && m.modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_TEMPORARY)
        });
        if stale {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Moves the kept versions of `path` down one place (`.bak2` → `.bak3`, `.bak` → `.bak2`; the
/// oldest goes), then copies the file at `path` to `.bak`. The copy is a fresh file, not a hard
/// link, so the backup never shares the old file's read-only mark or its later fate; it has the
/// file's permissions, so a private file's backup is private too.
fn keep_backups(path: &Path, original: &fs::Metadata) -> Backup {
    let versions = backup_paths(path);
    let bak = versions[0].clone();
    let failed = |why: String| Backup::Failed {
        path: bak.clone(),
        why,
    };
    for k in (1..versions.len()).rev() {
        let (newer, older) = (&versions[k - 1], &versions[k]);
        if fs::symlink_metadata(newer).is_ok()
            && let Err(e) = fs::rename(newer, older)
        {
            return failed(e.to_string());
        }
    }
    let copied = fs::read(path)
        .and_then(|bytes| write_temp(&bak, &bytes, Some(original)))
        .and_then(|(temp, _)| replace(temp, &bak));
    match copied {
        Ok(()) => Backup::Kept(bak),
        Err(e) => failed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::test_support::{fresh_dir, names_in};

    fn dir(name: &str) -> PathBuf {
        fresh_dir(&format!("save-{name}"))
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
        assert_eq!(names_in(&d), ["plan.ron", "plan.ron.bak"]);
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn the_last_three_versions_are_kept_newest_first() {
        let d = dir("versions");
        let path = d.join("plan.ron");
        let mut file = scenario();
        for k in 1..=5 {
            file.name = format!("Version {k}");
            save_scenario(&path, &file).unwrap();
        }
        let holds = |p: &Path, k: u32| {
            fs::read_to_string(p)
                .unwrap()
                .contains(&format!("\"Version {k}\""))
        };
        assert!(holds(&path, 5));
        let versions = backup_paths(&path);
        assert_eq!(versions[1], d.join("plan.ron.bak2"));
        assert!(holds(&versions[0], 4) && holds(&versions[1], 3) && holds(&versions[2], 2));
        assert_eq!(
            names_in(&d),
            ["plan.ron", "plan.ron.bak", "plan.ron.bak2", "plan.ron.bak3"]
        );
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
    fn a_failed_write_leaves_the_old_file_no_temporary_and_says_why() {
        let d = dir("full");
        let path = d.join("plan.ron");
        fs::write(&path, "old content").unwrap();
        fail_next_write(std::io::ErrorKind::StorageFull);
        let e = save_scenario(&path, &scenario()).unwrap_err();
        assert!(matches!(e, SaveError::Write { .. }), "{e}");
        assert_failed_save_leaves_file(&path, &e);
        assert!(e.to_string().contains("The disk is full"), "{e}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
        assert_eq!(names_in(&d), ["plan.ron"], "no backup, no temporary file");
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
    fn a_folder_in_the_files_place_is_not_saved_over() {
        let d = dir("isfolder");
        let path = d.join("plan.ron");
        fs::create_dir(&path).unwrap();
        let e = save_scenario(&path, &scenario()).unwrap_err();
        assert!(matches!(e, SaveError::NotAFile { .. }), "{e}");
        assert!(path.is_dir());
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

    #[cfg(unix)]
    #[test]
    fn a_save_keeps_the_files_permissions_and_its_backups_are_as_private() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("mode");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        for wanted in [0o664, 0o600, 0o640] {
            let path = d.join(format!("plan-{wanted:o}.ron"));
            fs::write(&path, "old content").unwrap();
            fs::set_permissions(&path, fs::Permissions::from_mode(wanted)).unwrap();
            save_scenario(&path, &scenario()).unwrap();
            assert_eq!(mode(&path), wanted, "{}", path.display());
            assert_eq!(
                mode(&backup_path(&path)),
                wanted,
                "the backup of {wanted:o}"
            );
        }
        // A new file is made as any new file is (0666 less the umask), not private to tempfile.
        let new = d.join("new.ron");
        save_scenario(&new, &scenario()).unwrap();
        let plain = d.join("plain");
        fs::write(&plain, "").unwrap();
        assert_eq!(mode(&new), mode(&plain));
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_this_account_may_not_write_is_refused_before_anything_is_written() {
        use std::os::unix::fs::PermissionsExt;
        let d = dir("not-yours");
        let path = d.join("plan.ron");
        fs::write(&path, "their content").unwrap();
        // Its owner may only read it (a group may write): not "read-only", but not ours to write.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o464)).unwrap();
        // Root may write it anyway: then there is no refusal to test.
        let privileged = fs::OpenOptions::new().write(true).open(&path).is_ok();
        let result = save_scenario(&path, &scenario());
        if !privileged {
            let e = result.unwrap_err();
            assert!(matches!(e, SaveError::NotYours { .. }), "{e}");
            assert!(e.to_string().contains("not yours to change"), "{e}");
            assert_failed_save_leaves_file(&path, &e);
            assert_eq!(fs::read_to_string(&path).unwrap(), "their content");
            assert_eq!(names_in(&d), ["plan.ron"], "nothing written beside it");
        }
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_saved_by_the_administrator_stays_its_owners() {
        use std::os::unix::fs::MetadataExt;
        let d = dir("owner");
        let path = d.join("plan.ron");
        fs::write(&path, "their content").unwrap();
        // Only an administrator may give a file away; for anyone else there is nothing to test.
        if std::os::unix::fs::chown(&path, Some(65534), Some(65534)).is_err() {
            let _ = fs::remove_dir_all(d);
            return;
        }
        save_scenario(&path, &scenario()).unwrap();
        let m = fs::metadata(&path).unwrap();
        assert_eq!((m.uid(), m.gid()), (65534, 65534));
        let bak = fs::metadata(backup_path(&path)).unwrap();
        assert_eq!((bak.uid(), bak.gid()), (65534, 65534), "the backup too");
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn writing_in_place_keeps_the_file_itself() {
        use std::os::unix::fs::MetadataExt;
        let d = dir("in-place");
        let path = d.join("plan.ron");
        fs::write(&path, "a longer old content").unwrap();
        let inode = fs::metadata(&path).unwrap().ino();
        write_in_place(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::metadata(&path).unwrap().ino(), inode);
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_opened_through_a_link_is_saved_where_the_link_points() {
        let d = dir("link");
        let real_dir = d.join("shared");
        fs::create_dir(&real_dir).unwrap();
        let real = real_dir.join("plan.ron");
        fs::write(&real, "old content").unwrap();
        let link = d.join("my-plan.ron");
        std::os::unix::fs::symlink("shared/plan.ron", &link).unwrap();
        let mut file = scenario();
        file.name = "Saved through the link".to_string();
        let saved = save_scenario(&link, &file).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            fs::read_to_string(&real)
                .unwrap()
                .contains("Saved through the link")
        );
        assert_eq!(
            fs::read_to_string(real_dir.join("plan.ron.bak")).unwrap(),
            "old content"
        );
        assert_eq!(saved.through_link.as_deref(), Some(real.as_path()));
        assert!(
            saved.describe(&link).contains("the file written is"),
            "{}",
            saved.describe(&link)
        );
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn the_same_file_is_recognised_under_other_names() {
        let d = dir("same");
        let path = d.join("plan.ron");
        fs::write(&path, "x").unwrap();
        assert!(same_file(&path, &d.join(".").join("plan.ron")));
        // A file not written yet: by its folder and name.
        assert!(same_file(
            &d.join("new.json"),
            &d.join(".").join("new.json")
        ));
        assert!(!same_file(&path, &d.join("other.ron")));
        #[cfg(unix)]
        {
            fs::hard_link(&path, d.join("hard.ron")).unwrap();
            assert!(same_file(&path, &d.join("hard.ron")));
            std::os::unix::fs::symlink(&path, d.join("soft.ron")).unwrap();
            assert!(same_file(&path, &d.join("soft.ron")));
        }
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn an_old_temporary_file_of_a_killed_save_is_cleared_and_a_new_one_is_not() {
        let d = dir("stale");
        let path = d.join("plan.ron");
        let stale = d.join(".plan.ron.AbC123.tmp");
        let fresh = d.join(".plan.ron.XyZ789.tmp");
        let other = d.join(".other.ron.AbC123.tmp");
        for p in [&stale, &fresh, &other] {
            fs::write(p, "half a save").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        for p in [&stale, &other] {
            fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        save_scenario(&path, &scenario()).unwrap();
        assert!(!stale.exists(), "left by a killed save of this file");
        assert!(fresh.exists(), "may be another window's save in progress");
        assert!(other.exists(), "another file's");
        let _ = fs::remove_dir_all(d);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_at_a_temporary_name_is_never_followed() {
        // Whatever a temporary name might be, a link there is not written through: temporary
        // files are created exclusively, under names that cannot be guessed.
        let d = dir("planted");
        let outside = d.join("outside.txt");
        fs::write(&outside, "not to be touched").unwrap();
        let path = d.join("out.json");
        for guess in [".out.json.tmp", ".out.json.1.tmp", "out.json.tmp"] {
            std::os::unix::fs::symlink(&outside, d.join(guess)).unwrap();
        }
        atomic_write(&path, b"{}").unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "not to be touched");
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}");
        let _ = fs::remove_dir_all(d);
    }
}
