//! Folders for the file tests: a fresh one for each test, and the names of what is in one.

use std::fs;
use std::path::{Path, PathBuf};

/// An empty folder of its own under the system's temporary folder, for the test `what`.
pub(crate) fn fresh_dir(what: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("care-options-{what}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

/// The names of the files and folders in `dir`, sorted.
pub(crate) fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
