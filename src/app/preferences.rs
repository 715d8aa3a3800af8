//! What the window remembers between sessions: recently opened files, the theme and the zoom.
//!
//! Lenient by design: every field has a default, a field that is missing or unknown is no error,
//! and a store that cannot be read at all gives the defaults with a line on stderr, never a
//! refusal to start. (Scenario files are the opposite: strict.) The editor's width is kept as a
//! share of the window's, so the split holds on a laptop and on a large screen alike. Only the
//! eframe wrapper ([`super::window`]) reads and writes the real store; the window itself is
//! handed a [`Preferences`] and asked for one, so tests never touch a person's settings. The
//! window's size and position are kept by eframe itself.

use serde::{Deserialize, Serialize};

use super::recent::RecentFiles;
use super::zoom;

/// The key the preferences are stored under in eframe's storage.
pub const STORAGE_KEY: &str = "care-options-preferences";

/// Settings kept between sessions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Most recent first.
    pub recent_files: RecentFiles,
    /// Dark theme rather than light.
    pub dark: bool,
    /// egui's zoom factor (1.0 is 100%).
    pub zoom: f32,
    /// The editor's share of the window's width, as last dragged; None until the divider is
    /// moved, when the editor is as wide as its options need.
    pub editor_share: Option<f32>,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            recent_files: RecentFiles::default(),
            dark: false,
            zoom: 1.0,
            editor_share: None,
        }
    }
}

impl Preferences {
    /// Reads preferences written by [`Self::to_ron`]; fields missing are defaults, a zoom out of
    /// bounds is brought within them.
    pub fn from_ron(text: &str) -> Result<Self, ron::error::SpannedError> {
        let mut preferences: Preferences = ron::from_str(text)?;
        preferences.zoom = zoom::clamp_zoom(preferences.zoom);
        preferences.editor_share = preferences.editor_share.and_then(clamp_share);
        Ok(preferences)
    }

    /// The preferences in store, if any; the defaults when there are none (the first session) or
    /// they cannot be read, which is said on stderr.
    pub fn load_or_default(stored: Option<&str>) -> Self {
        match stored.map(Self::from_ron) {
            None => Preferences::default(),
            Some(Ok(preferences)) => preferences,
            Some(Err(e)) => {
                eprintln!(
                    "care-options: the saved preferences cannot be read ({e}); using defaults"
                );
                Preferences::default()
            }
        }
    }

    pub fn to_ron(&self) -> Result<String, ron::Error> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
    }
}

/// The narrowest and widest share of the window the editor may be given.
pub const EDITOR_SHARE: std::ops::RangeInclusive<f32> = 0.2..=0.8;

/// A share within [`EDITOR_SHARE`]; None for one that is not a number.
pub fn clamp_share(share: f32) -> Option<f32> {
    share
        .is_finite()
        .then(|| share.clamp(*EDITOR_SHARE.start(), *EDITOR_SHARE.end()))
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn some_preferences() -> Preferences {
        let mut recent_files = RecentFiles::default();
        recent_files.add(Path::new("/councils/older.ron"));
        recent_files.add(Path::new("/councils/latest option appraisal.ron"));
        Preferences {
            recent_files,
            dark: true,
            zoom: 1.3,
            editor_share: Some(0.55),
        }
    }

    #[test]
    fn preferences_round_trip() {
        let preferences = some_preferences();
        let text = preferences.to_ron().unwrap();
        assert_eq!(Preferences::from_ron(&text).unwrap(), preferences);
        assert_eq!(
            Preferences::load_or_default(Some(&text)),
            preferences,
            "{text}"
        );
    }

    #[test]
    fn corrupt_or_missing_preferences_fall_back_to_defaults() {
        assert_eq!(Preferences::load_or_default(None), Preferences::default());
        for corrupt in [
            "",
            "not ron at all",
            "(recent_files: [\"/a.ron\"], dark: tru",
            "(zoom: \"large\")",
            "(recent_files: 42)",
            "\u{0}\u{1}binary",
        ] {
            assert_eq!(
                Preferences::load_or_default(Some(corrupt)),
                Preferences::default(),
                "{corrupt:?}"
            );
        }
    }

    #[test]
    fn missing_and_unknown_fields_and_odd_values_are_tolerated() {
        let text = "(dark: true, colour_scheme: \"sepia\", zoom: 12.0, \
                    recent_files: [\"/a.ron\", \"/a.ron\", \"\", \"/b.ron\"])";
        let preferences = Preferences::load_or_default(Some(text));
        assert!(preferences.dark);
        assert_eq!(preferences.zoom, zoom::MAX_ZOOM);
        assert_eq!(
            preferences.recent_files.paths(),
            [PathBuf::from("/a.ron"), PathBuf::from("/b.ron")]
        );
        assert_eq!(
            Preferences::load_or_default(Some("(dark: true)")),
            Preferences {
                dark: true,
                ..Preferences::default()
            }
        );
        assert_eq!(
            Preferences::load_or_default(Some("()")),
            Preferences::default()
        );
    }
}
