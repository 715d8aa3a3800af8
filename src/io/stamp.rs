//! What a scenario file on disk looked like when it was opened or saved: its modification time,
//! length and a hash of its bytes. Before a save, the window compares the file on disk with the
//! stamp it remembers, so that a change made meanwhile by someone else (a colleague on a shared
//! drive) is never overwritten without asking.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

/// A file's identity at one moment. Two stamps of the same bytes have the same `hash` whatever the
/// program version (the first 64 bits of SHA-256), so a stamp can be kept in an autosave and
/// compared after a restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskStamp {
    /// Last modification, when the file system reports one.
    pub modified: Option<SystemTime>,
    /// Length in bytes.
    pub len: u64,
    /// Hash of the content.
    pub hash: u64,
}

/// Hash of a file's content, the same in every program version: the first 64 bits of its SHA-256
/// (the hash the exports' stamps show), plenty to tell two versions of one file apart.
pub fn content_hash(bytes: &[u8]) -> u64 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

impl DiskStamp {
    /// The stamp of `bytes` just read from (or written to) `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        DiskStamp {
            modified: fs::metadata(path).and_then(|m| m.modified()).ok(),
            len: bytes.len() as u64,
            hash: content_hash(bytes),
        }
    }

    /// The stamp of the file at `path` now; `Ok(None)` when there is no file there. Read as a
    /// scenario is ([`super::reading::read_file`]), so that nothing put in the file's place (a
    /// named pipe, a device) can hold up the window.
    pub fn read(path: &Path) -> std::io::Result<Option<Self>> {
        use super::reading::{ReadError, read_file};
        match read_file(path, &|| false) {
            Ok(bytes) => Ok(Some(Self::of(path, &bytes))),
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(ReadError::Io(e)) => Err(e),
            Err(other) => Err(std::io::Error::other(other.to_string())),
        }
    }
}

/// How the file on disk compares with the stamp remembered for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskChange {
    /// Same content (the modification time alone may differ: a sync tool touched it).
    Unchanged,
    /// Different content; `modified` is when, if known.
    Changed { modified: Option<SystemTime> },
    /// No file there any more (moved or deleted): saving creates it again.
    Missing,
    /// It cannot be read now; the save itself will say why if it fails.
    Unreadable(String),
}

/// Compares the file at `path` with `remembered`. Content decides, not the time: a file touched
/// but not changed is unchanged, and a change within the file system's time resolution is seen.
pub fn disk_change(path: &Path, remembered: &DiskStamp) -> DiskChange {
    match DiskStamp::read(path) {
        Ok(None) => DiskChange::Missing,
        Ok(Some(now)) if now.len == remembered.len && now.hash == remembered.hash => {
            DiskChange::Unchanged
        }
        Ok(Some(now)) => DiskChange::Changed {
            modified: now.modified,
        },
        Err(e) => DiskChange::Unreadable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_of_content_is_seen_and_a_touch_is_not() {
        let dir = std::env::temp_dir().join(format!("care-options-stamp-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.ron");
        fs::write(&path, "(a: 1)").unwrap();
        let stamp = DiskStamp::read(&path).unwrap().unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Unchanged);
        // Same length, other content, within the same second: content decides.
        fs::write(&path, "(a: 2)").unwrap();
        assert!(matches!(
            disk_change(&path, &stamp),
            DiskChange::Changed { .. }
        ));
        fs::write(&path, "(a: 1)").unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Unchanged);
        fs::remove_file(&path).unwrap();
        assert_eq!(disk_change(&path, &stamp), DiskChange::Missing);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn the_hash_is_stable_across_program_versions() {
        // Kept in autosaves: it must not depend on the process or the build.
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(content_hash(b"abc"), 0xba78_16bf_8f01_cfea);
        assert_ne!(content_hash(b"(a: 1)"), content_hash(b"(a: 2)"));
    }
}
