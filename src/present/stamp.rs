//! The stamp on every exported chart and report: which scenario (its name, its file and a short
//! hash of the file's contents), how it was run (iterations, seed), by which program version and
//! when. Anyone holding the file can check the hash with `sha256sum` and reproduce the figures
//! with `care-options report FILE --iterations N --seed S`.
//!
//! A scenario that is not saved, or has changed since it was saved, has no file to hold: its stamp
//! hashes the scenario serialised as RON (as File > Save would write it) and says "unsaved".

use std::fmt::Write as _;
use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use crate::io::{parse_scenario, scenario_to_ron};
use crate::model::{RunResults, ScenarioFile};

use super::format::thousands;

/// Hex digits of SHA-256 kept in the stamp: 48 bits, far more than enough to tell two versions
/// of a file apart, short enough to read aloud.
pub const HASH_DIGITS: usize = 12;

/// The first [`HASH_DIGITS`] hex digits of the SHA-256 of `bytes` (the start of what
/// `sha256sum` prints).
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex.truncate(HASH_DIGITS);
    hex
}

/// Where the scenario behind a run came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk, exactly as run: its name and the hash of its bytes.
    File { name: String, hash: String },
    /// Not saved (or changed since it was saved, when `name` is the file it came from): the hash
    /// of the scenario serialised as RON.
    Unsaved { name: Option<String>, hash: String },
}

impl Source {
    /// The stamp's source for `file`, last saved at `path` if it has been. When the file on disk
    /// still holds exactly this scenario, the stamp names it and hashes its bytes; otherwise the
    /// scenario is "unsaved" and its RON is hashed.
    pub fn of(path: Option<&Path>, file: &ScenarioFile) -> Source {
        let name = path
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        if let (Some(path), Some(name)) = (path, &name)
            && let Ok(bytes) = std::fs::read(path)
            && let Ok(text) = std::str::from_utf8(&bytes)
            && parse_scenario(text).as_ref() == Ok(file)
        {
            return Source::File {
                name: name.clone(),
                hash: content_hash(&bytes),
            };
        }
        // Serialising a scenario that exists in memory does not fail in practice; if it ever
        // did, the debug form still identifies the content.
        let text = scenario_to_ron(file).unwrap_or_else(|_| format!("{file:?}"));
        Source::Unsaved {
            name,
            hash: content_hash(text.as_bytes()),
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
            run_at: utc_minute(finished),
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

/// `2026-11-21 14:05 UTC`. UTC rather than local time: the offset cannot be read safely from a
/// program with several threads on every platform, and an auditor compares stamps from anywhere.
pub fn utc_minute(at: SystemTime) -> String {
    let t = time::OffsetDateTime::from(at);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn the_hash_is_the_start_of_sha256() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(content_hash(b"abc"), "ba7816bf8f01");
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
    }

    #[test]
    fn dates_are_utc_to_the_minute() {
        // 2026-11-21 14:05:59 UTC.
        let t = UNIX_EPOCH + Duration::from_secs(1_795_269_959);
        assert_eq!(utc_minute(t), "2026-11-21 14:05 UTC");
    }

    #[test]
    fn an_unsaved_scenario_hashes_its_ron_and_a_change_changes_it() {
        let mut file = crate::io::parse_scenario(crate::DEFAULT_SCENARIO).unwrap();
        let a = Source::of(None, &file);
        file.simulation.seed += 1;
        let b = Source::of(None, &file);
        assert!(matches!(a, Source::Unsaved { name: None, .. }));
        assert_ne!(a.hash(), b.hash());
        assert!(a.describe().starts_with("unsaved scenario"));
    }
}
