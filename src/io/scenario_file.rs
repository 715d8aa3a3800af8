//! Reading and writing scenario files.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::model::scenario::{FORMAT_VERSION, newer_format_message};
use crate::model::{Problem, Scenario, ScenarioFile, validate};

use super::locate::locate;
use super::stamp::DiskStamp;

/// A file that is not a well-formed scenario: a RON syntax or type error, with its position.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "line {l}, column {c}: {}", self.message),
            (Some(l), None) => write!(f, "line {l}: {}", self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

/// Why a scenario file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a text file (it is not UTF-8): is it really a .ron scenario?")]
    NotText { path: PathBuf },
    #[error("{path}: {error}")]
    Parse { path: PathBuf, error: ParseError },
    #[error("{path}: {} problem(s)", problems.len())]
    Invalid {
        path: PathBuf,
        /// The file as parsed, so that it can still be opened to be fixed.
        file: Box<ScenarioFile>,
        problems: Vec<LocatedProblem>,
        /// As in [`Loaded`].
        written_version: u32,
        stamp: DiskStamp,
    },
}

/// A validation problem with the line and column of its field in the file, where found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedProblem {
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
    pub problem: Problem,
}

/// Rust type names in RON messages, as the sections of the file users see.
const SECTION_NAMES: &[(&str, &str)] = &[
    ("`ScenarioFile`", "the scenario"),
    ("`Simulation`", "`simulation`"),
    ("`Appraisal`", "`appraisal`"),
    ("`Demand`", "`demand`"),
    ("`Workforce`", "`workforce`"),
    ("`Placements`", "`placements`"),
    ("`Placement`", "a `placements.mix` entry"),
    ("`QualityWeights`", "`quality.weights`"),
    ("`Quality`", "`quality`"),
    ("`DeliveryOption`", "an `options` entry"),
    ("`OptionKind`", "`kind` (InHouse, Trust or Cic)"),
];

fn user_words(message: String) -> String {
    let mut out = message;
    for (from, to) in SECTION_NAMES {
        out = out.replace(from, to);
    }
    out
}

/// Parses scenario text. Never panics, whatever the text.
pub fn parse_scenario(text: &str) -> Result<ScenarioFile, ParseError> {
    parse_versioned(text).map(|(file, _)| file)
}

/// [`parse_scenario`], also returning the `format_version` the text was written in (older than
/// [`FORMAT_VERSION`] when the file was upgraded on reading).
pub fn parse_versioned(text: &str) -> Result<(ScenarioFile, u32), ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError {
            line: None,
            column: None,
            message: "the file is empty: a scenario starts with `(` and `format_version: 1,`"
                .to_string(),
        });
    }
    let newer = |version| ParseError {
        line: None,
        column: None,
        message: format!("format_version: {}", newer_format_message(version)),
    };
    match ron::from_str::<ScenarioFile>(text) {
        Ok(mut file) => {
            let written = file.format_version;
            if written > FORMAT_VERSION {
                return Err(newer(written));
            }
            upgrade(&mut file);
            Ok((file, written))
        }
        Err(e) => {
            // A file from a newer program may have fields this one does not know: say which
            // program it needs rather than naming the first unknown field.
            if let Ok(header) = ron::from_str::<Header>(text)
                && header.format_version > FORMAT_VERSION
            {
                return Err(newer(header.format_version));
            }
            Err(ParseError {
                line: Some(e.span.start.line),
                column: Some(e.span.start.col),
                message: user_words(e.code.to_string()),
            })
        }
    }
}

/// Just the version of a scenario file; every other field is skipped unread.
#[derive(serde::Deserialize)]
struct Header {
    format_version: u32,
}

/// Brings a file of an older format version up to [`FORMAT_VERSION`] in memory. Saving writes the
/// oldest version that holds the content ([`ScenarioFile::version_needed`]).
///
/// Version 1 → 2 added only the optional `notes` map, which a version-1 file loads without.
pub fn upgrade(file: &mut ScenarioFile) {
    if (1..FORMAT_VERSION).contains(&file.format_version) {
        file.format_version = FORMAT_VERSION;
    }
}

/// Reads and parses a scenario file without validating it: for comparing files, where a
/// scenario with broken rules is still worth reading.
pub fn read_scenario(path: &Path) -> Result<ScenarioFile, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText {
        path: path.to_path_buf(),
    })?;
    parse_scenario(&text).map_err(|error| LoadError::Parse {
        path: path.to_path_buf(),
        error,
    })
}

/// A scenario file as opened: the file, its checked scenario, the format version it was written
/// in (before any upgrade) and its stamp, to notice later changes on disk.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub file: ScenarioFile,
    pub scenario: Scenario,
    /// `format_version` as written in the file; older than [`FORMAT_VERSION`] when it was
    /// upgraded on loading.
    pub written_version: u32,
    pub stamp: DiskStamp,
}

/// Reads, parses and validates a scenario file; every validation problem comes with the line and
/// column of its field. The one loading path of the command line and the window.
pub fn load_scenario(path: &Path) -> Result<(ScenarioFile, Scenario), LoadError> {
    open_scenario(path).map(|l| (l.file, l.scenario))
}

/// [`load_scenario`], also telling the version the file was written in and its stamp.
pub fn open_scenario(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let stamp = DiskStamp::of(path, &bytes);
    scenario_from_bytes(path, bytes, stamp)
}

/// Parses and validates the bytes of a file read from `path` (named in messages only). Never
/// panics, whatever the bytes.
pub fn scenario_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
    stamp: DiskStamp,
) -> Result<Loaded, LoadError> {
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText {
        path: path.to_path_buf(),
    })?;
    let (file, written_version) = parse_versioned(&text).map_err(|error| LoadError::Parse {
        path: path.to_path_buf(),
        error,
    })?;
    match validate(&file) {
        Ok(scenario) => Ok(Loaded {
            file,
            scenario,
            written_version,
            stamp,
        }),
        Err(invalid) => Err(LoadError::Invalid {
            path: path.to_path_buf(),
            problems: invalid
                .problems
                .into_iter()
                .map(|problem| LocatedProblem {
                    at: locate(&text, &problem.path),
                    problem,
                })
                .collect(),
            file: Box::new(file),
            written_version,
            stamp,
        }),
    }
}

/// Pretty RON that loads back equal.
pub fn scenario_to_ron(file: &ScenarioFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(6)
        .indentor("    ".to_string())
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    let mut file = file.clone();
    file.format_version = file.version_needed();
    let body = ron::ser::to_string_pretty(&file, config)?;
    Ok(format!(
        "// Care Options scenario (format_version {}). Every numeric input may be a distribution:\n\
         // Fixed(x), Uniform(min, max), Triangular(min, mode, max), Pert(min, mode, max),\n\
         // Normal(mean, sd) or LogNormal(mean, sd).\n{body}\n",
        file.format_version
    ))
}
