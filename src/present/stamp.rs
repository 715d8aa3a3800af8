//! The stamp on every exported chart and report: which scenario (its name, its file and a short
//! hash of the file's contents), how it was run (iterations, seed), by which program version and
//! when. Anyone holding the file can check the hash with `sha256sum` and reproduce the figures
//! with `care-options report FILE --iterations N --seed S`.
//!
//! A scenario that is not saved, or has changed since it was saved, has no file to hold: its stamp
//! hashes the scenario serialised as RON (as File > Save would write it) and says "unsaved".
//!
//! Reads no files: whoever holds the file hands over its name and hash ([`crate::report::stamp`]
//! does so for the command line and the window).

use std::time::SystemTime;

use crate::model::RunResults;

use super::format::{UtcPrecision, thousands, utc};

/// Hex digits of the content hash kept in the stamp: 48 bits, far more than enough to tell two
/// versions of a file apart, short enough to read aloud.
pub const HASH_DIGITS: usize = 12;

/// The first [`HASH_DIGITS`] hex digits of a content hash. For the first 64 bits of a SHA-256
/// (the hash of every file the program reads) that is the start of what `sha256sum` prints.
pub fn short_hash(content_hash: u64) -> String {
    let mut hex = format!("{content_hash:016x}");
    hex.truncate(HASH_DIGITS);
    hex
}

/// Where the scenario behind a run came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk, exactly as run: its name and the short hash of its bytes.
    File { name: String, hash: String },
    /// Not saved (or changed since it was saved, when `name` is the file it came from): the short
    /// hash of the scenario serialised as RON.
    Unsaved { name: Option<String>, hash: String },
}

impl Source {
    /// A file named `name` that holds exactly the scenario run, whose bytes hash to
    /// `content_hash`.
    pub fn file(name: impl Into<String>, content_hash: u64) -> Source {
        Source::File {
            name: name.into(),
            hash: short_hash(content_hash),
        }
    }

    /// A scenario with no file that holds it (last saved as `name`, if ever), whose RON, as
    /// File > Save would write it, hashes to `content_hash`.
    pub fn unsaved(name: Option<String>, content_hash: u64) -> Source {
        Source::Unsaved {
            name,
            hash: short_hash(content_hash),
        }
    }

    pub fn hash(&self) -> &str {
        match self {
            Source::File { hash, .. } | Source::Unsaved { hash, .. } => hash,
        }
    }

    /// `default.ron, SHA-256 3f2a…` or `unsaved (changed since default.ron), SHA-256 of its RON …`.
    pub fn describe(&self) -> String {
        match self {
            Source::File { name, hash } => format!("{name}, SHA-256 {hash}"),
            Source::Unsaved {
                name: Some(name),
                hash,
            } => format!("unsaved changes to {name}, SHA-256 of its RON {hash}"),
            Source::Unsaved { name: None, hash } => {
                format!("unsaved scenario, SHA-256 of its RON {hash}")
            }
        }
    }
}

/// Everything needed to reproduce an exported figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub scenario: String,
    pub source: Source,
    pub iterations: u64,
    pub seed: u64,
    /// This program's version.
    pub version: String,
    /// When the run finished, in UTC: `2026-11-21 14:05 UTC`.
    pub run_at: String,
}

impl Stamp {
    /// The stamp of `results`, run from `source` and finished at `finished`.
    pub fn new(results: &RunResults, source: Source, finished: SystemTime) -> Stamp {
        Stamp {
            scenario: results.scenario.clone(),
            source,
            iterations: results.iterations,
            seed: results.seed,
            version: env!("CARGO_PKG_VERSION").to_string(),
            run_at: utc(finished, UtcPrecision::Minute),
        }
    }

    /// One line for the foot of a chart or slide.
    pub fn line(&self) -> String {
        format!(
            "{} · {} · {} iterations · seed {} · Care Options {} · run {}",
            self.scenario,
            self.source.describe(),
            thousands(self.iterations),
            self.seed,
            self.version,
            self.run_at
        )
    }

    /// Label and value of each part, for the report's table.
    pub fn parts(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Scenario", self.scenario.clone()),
            ("File", self.source.describe()),
            ("Iterations", thousands(self.iterations)),
            ("Seed", self.seed.to_string()),
            ("Program", format!("Care Options {}", self.version)),
            ("Run", self.run_at.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn the_short_hash_is_the_start_of_the_hex_digits() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(short_hash(0xba78_16bf_8f01_cfea), "ba7816bf8f01");
        assert_eq!(short_hash(0x0000_0000_0000_00ff), "000000000000");
    }

    #[test]
    fn a_source_says_whether_the_scenario_is_saved() {
        let saved = Source::file("default.ron", 0xba78_16bf_8f01_cfea);
        assert_eq!(saved.describe(), "default.ron, SHA-256 ba7816bf8f01");
        let unsaved = Source::unsaved(None, 1);
        assert!(unsaved.describe().starts_with("unsaved scenario"));
        assert_eq!(unsaved.hash(), "000000000000");
    }

    #[test]
    fn the_stamp_line_names_everything_needed_to_reproduce_a_figure() {
        let stamp = Stamp {
            scenario: "Example".to_string(),
            source: Source::file("default.ron", 0xba78_16bf_8f01_cfea),
            iterations: 10_000,
            seed: 7,
            version: "0.2.0".to_string(),
            // 2026-11-21 14:05:59 UTC.
            run_at: utc(
                UNIX_EPOCH + Duration::from_secs(1_795_269_959),
                UtcPrecision::Minute,
            ),
        };
        assert_eq!(
            stamp.line(),
            "Example · default.ron, SHA-256 ba7816bf8f01 · 10,000 iterations · seed 7 · Care \
             Options 0.2.0 · run 2026-11-21 14:05 UTC"
        );
    }
}
