//! The recently opened or saved scenario files, most recent first, for File > Open Recent.
//!
//! Paths are kept absolute, so a file opened by a relative typed path still opens next session
//! from wherever the program was started. Whether a file still exists is checked when the menu is
//! drawn, not here: files come and go while the window is open.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many files File > Open Recent lists.
pub const MAX_RECENT_FILES: usize = 10;

/// Recently opened or saved files, most recent first, without repeats.
///
/// Stored as a plain list of paths; a list read back goes through [`RecentFiles::from_paths`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<PathBuf>", into = "Vec<PathBuf>")]
pub struct RecentFiles(Vec<PathBuf>);

impl From<Vec<PathBuf>> for RecentFiles {
    fn from(paths: Vec<PathBuf>) -> Self {
        RecentFiles::from_paths(paths)
    }
}

impl From<RecentFiles> for Vec<PathBuf> {
    fn from(recent: RecentFiles) -> Self {
        recent.0
    }
}

impl RecentFiles {
    /// The list as read back from preferences: repeats and empty paths dropped, at most
    /// [`MAX_RECENT_FILES`] kept.
    pub fn from_paths(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        let mut recent = RecentFiles::default();
        for path in paths {
            if path.as_os_str().is_empty() || recent.0.contains(&path) {
                continue;
            }
            recent.0.push(path);
        }
        recent.0.truncate(MAX_RECENT_FILES);
        recent
    }

    /// Puts `path` at the top; it leaves its old place if it was already listed.
    pub fn add(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.0.retain(|p| *p != path);
        self.0.insert(0, path);
        self.0.truncate(MAX_RECENT_FILES);
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Most recent first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_goes_first_without_repeats_and_the_list_stops_at_ten() {
        let mut recent = RecentFiles::default();
        for k in 0..12 {
            recent.add(Path::new(&format!("/scenarios/{k}.ron")));
        }
        recent.add(Path::new("/scenarios/5.ron"));
        let names: Vec<String> = recent
            .paths()
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["5", "11", "10", "9", "8", "7", "6", "4", "3", "2"]);
    }

    #[test]
    fn a_relative_path_is_kept_absolute() {
        let mut recent = RecentFiles::default();
        recent.add(Path::new("some/folder/scenario.ron"));
        assert!(recent.paths()[0].is_absolute());
        assert!(recent.paths()[0].ends_with("some/folder/scenario.ron"));
    }

    #[test]
    fn a_list_read_back_drops_repeats_and_blanks() {
        let paths = ["/a.ron", "", "/b.ron", "/a.ron"].map(PathBuf::from);
        let recent = RecentFiles::from_paths(paths);
        assert_eq!(recent.paths(), [PathBuf::from("/a.ron"), "/b.ron".into()]);
    }
}
