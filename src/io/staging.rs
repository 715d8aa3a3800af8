//! A set of files written into a folder whole or not at all: a report's HTML, charts, CSVs and
//! JSON. Every file is first written into a fresh hidden folder beside the target (created
//! exclusively, under a name no one can guess); a failure there (a name the system refuses, a
//! full disk) removes it and leaves the target folder exactly as it was. Only when every file is
//! written are they moved into place: the whole folder in one rename when the target does not
//! exist yet, or file by file into an existing folder, where any file they replace is put back if
//! a move fails.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// Files being written for a folder.
pub struct Staging {
    target: PathBuf,
    staging: TempDir,
    names: Vec<String>,
}

/// Where the files a move into an existing folder replaces wait, inside the staging folder, until
/// every move has been made.
const REPLACED: &str = ".replaced";

impl Staging {
    /// Starts writing for the folder `target` (its parent folders are created if missing).
    pub fn beside(target: &Path) -> std::io::Result<Staging> {
        if target.exists() && !target.is_dir() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                "there is a file of that name, not a folder",
            ));
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let stem = target
            .file_name()
            .map_or("report".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{stem}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".partial");
        // As a new folder would be made (0777 less the umask), not tempfile's private 0700.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o777));
        }
        Ok(Staging {
            target: target.to_path_buf(),
            staging: builder.tempdir_in(parent)?,
            names: Vec::new(),
        })
    }

    /// Writes one file of the set. Two files of one name are refused: one would hide the other.
    pub fn write(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        if self.names.iter().any(|n| n == name) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("two files of the set are both named {name}"),
            ));
        }
        // `create_new`: never through anything already there.
        let mut file = fs::File::create_new(self.staging.path().join(name))?;
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
        self.names.push(name.to_string());
        Ok(())
    }

    /// Moves every file written into the target folder and returns their paths there, in the
    /// order written. On failure nothing has changed in the target folder.
    pub fn commit(self) -> std::io::Result<Vec<PathBuf>> {
        let written: Vec<PathBuf> = self.names.iter().map(|n| self.target.join(n)).collect();
        if !self.target.exists() {
            let staging = self.staging.keep();
            if let Err(e) = fs::rename(&staging, &self.target) {
                let _ = fs::remove_dir_all(&staging);
                return Err(e);
            }
            sync_folder(&self.target);
            return Ok(written);
        }
        let staged = self.staging.path();
        let replaced = staged.join(REPLACED);
        fs::create_dir(&replaced)?;
        // Moves made so far: (name, whether a file it replaced waits in `replaced`).
        let mut done: Vec<(&str, bool)> = Vec::new();
        let mut failure = None;
        for name in &self.names {
            let there = self.target.join(name);
            let had = fs::symlink_metadata(&there).is_ok();
            if had && let Err(e) = fs::rename(&there, replaced.join(name)) {
                failure = Some(e);
                break;
            }
            if let Err(e) = move_into_place(&staged.join(name), &there) {
                if had {
                    let _ = fs::rename(replaced.join(name), &there);
                }
                failure = Some(e);
                break;
            }
            done.push((name, had));
        }
        if let Some(e) = failure {
            // Put everything back as it was.
            for (name, had) in done.into_iter().rev() {
                let there = self.target.join(name);
                let _ = fs::rename(&there, staged.join(name));
                if had {
                    let _ = fs::rename(replaced.join(name), &there);
                }
            }
            return Err(e);
        }
        sync_folder(&self.target);
        // Dropping the staging folder removes it, with the files replaced.
        Ok(written)
    }
}

#[cfg(test)]
thread_local! {
    /// A file whose move into place fails, as a disconnected drive would make it.
    static FAIL_MOVE_OF: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

fn move_into_place(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(test)]
    if FAIL_MOVE_OF.with_borrow(|name| {
        name.as_deref()
            .is_some_and(|n| to.file_name().is_some_and(|f| f == n))
    }) {
        return Err(std::io::Error::other("a failure made by a test"));
    }
    fs::rename(from, to)
}

/// Flushes a folder, so that renames into it survive a power cut (where the system allows).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// File name stems made unique within one set: a stem met again gets `-2`, `-3`… (in the order
/// given, so the first keeps its plain name and the names are the same every time).
pub fn unique_stems(stems: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut taken = HashSet::new();
    stems
        .into_iter()
        .map(|stem| {
            let mut candidate = stem.clone();
            let mut k = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{stem}-{k}");
                k += 1;
            }
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::test_support::{fresh_dir, names_in};

    fn dir(name: &str) -> PathBuf {
        fresh_dir(&format!("staging-{name}"))
    }

    #[test]
    fn a_new_folder_appears_whole() {
        let d = dir("new");
        let target = d.join("nested").join("report");
        let mut staging = Staging::beside(&target).unwrap();
        staging.write("a.txt", b"A").unwrap();
        staging.write("b.txt", b"B").unwrap();
        assert!(!target.exists(), "nothing in place until committed");
        let written = staging.commit().unwrap();
        assert_eq!(written, [target.join("a.txt"), target.join("b.txt")]);
        assert_eq!(names_in(&target), ["a.txt", "b.txt"]);
        assert_eq!(names_in(&d.join("nested")), ["report"], "no staging left");
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn an_existing_folder_keeps_its_other_files_and_gets_the_new_versions() {
        let d = dir("existing");
        let target = d.join("report");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("a.txt"), "old A").unwrap();
        fs::write(target.join("notes.txt"), "mine").unwrap();
        let mut staging = Staging::beside(&target).unwrap();
        staging.write("a.txt", b"new A").unwrap();
        staging.write("b.txt", b"new B").unwrap();
        staging.commit().unwrap();
        assert_eq!(names_in(&target), ["a.txt", "b.txt", "notes.txt"]);
        assert_eq!(fs::read_to_string(target.join("a.txt")).unwrap(), "new A");
        assert_eq!(
            fs::read_to_string(target.join("notes.txt")).unwrap(),
            "mine"
        );
        assert_eq!(names_in(&d), ["report"]);
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn a_failure_while_writing_leaves_the_folder_as_it_was() {
        let d = dir("failed");
        let target = d.join("report");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("a.txt"), "old A").unwrap();
        {
            let mut staging = Staging::beside(&target).unwrap();
            staging.write("a.txt", b"new A").unwrap();
            // A name no file system takes (over 255 bytes).
            assert!(staging.write(&"x".repeat(300), b"X").is_err());
            assert!(
                staging.write("a.txt", b"again").is_err(),
                "one name, one file"
            );
            // Given up: dropped without committing.
        }
        assert_eq!(names_in(&target), ["a.txt"]);
        assert_eq!(fs::read_to_string(target.join("a.txt")).unwrap(), "old A");
        assert_eq!(names_in(&d), ["report"], "no staging left");
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn a_failed_move_puts_back_what_it_replaced() {
        let d = dir("rollback");
        let target = d.join("report");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("a.txt"), "old A").unwrap();
        fs::write(target.join("b.txt"), "old B").unwrap();
        let mut staging = Staging::beside(&target).unwrap();
        staging.write("a.txt", b"new A").unwrap();
        staging.write("b.txt", b"new B").unwrap();
        staging.write("c.txt", b"new C").unwrap();
        FAIL_MOVE_OF.set(Some("b.txt".to_string()));
        assert!(staging.commit().is_err());
        FAIL_MOVE_OF.set(None);
        assert_eq!(names_in(&target), ["a.txt", "b.txt"]);
        assert_eq!(fs::read_to_string(target.join("a.txt")).unwrap(), "old A");
        assert_eq!(fs::read_to_string(target.join("b.txt")).unwrap(), "old B");
        assert_eq!(names_in(&d), ["report"], "no staging left");
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn a_file_in_the_folders_place_is_refused() {
        let d = dir("isfile");
        let target = d.join("report");
        fs::write(&target, "a file").unwrap();
        assert!(Staging::beside(&target).is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "a file");
        let _ = fs::remove_dir_all(d);
    }

    #[test]
    fn stems_met_again_get_a_number() {
        let stems = ["a-b", "a-b", "c", "a-b", "a-b-2"].map(String::from);
        assert_eq!(
            unique_stems(stems),
            ["a-b", "a-b-2", "c", "a-b-3", "a-b-2-2"]
        );
    }
}
