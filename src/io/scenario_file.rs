//! Reading and writing scenario files.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::scenario::{FORMAT_VERSION, newer_format_message};
use crate::model::{Problem, Scenario, ScenarioFile, validate};

use super::locate::locate;

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
    if text.trim().is_empty() {
        return Err(ParseError {
            line: None,
            column: None,
            message: "the file is empty: a scenario starts with `(` and `format_version: 1,`"
                .to_string(),
        });
    }
    // A file from a newer program may have fields this one does not know: say which program it
    // needs rather than naming the first unknown field.
    if let Ok(header) = ron::from_str::<Header>(text)
        && header.format_version > FORMAT_VERSION
    {
        return Err(ParseError {
            line: None,
            column: None,
            message: format!(
                "format_version: {}",
                newer_format_message(header.format_version)
            ),
        });
    }
    let mut file = ron::from_str::<ScenarioFile>(text).map_err(|e| ParseError {
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        message: user_words(e.code.to_string()),
    })?;
    upgrade(&mut file);
    Ok(file)
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
    read_text_and_parse(path).map(|(_, file)| file)
}

fn read_text_and_parse(path: &Path) -> Result<(String, ScenarioFile), LoadError> {
    let bytes = fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::NotText {
        path: path.to_path_buf(),
    })?;
    let file = parse_scenario(&text).map_err(|error| LoadError::Parse {
        path: path.to_path_buf(),
        error,
    })?;
    Ok((text, file))
}

/// Reads, parses and validates a scenario file; every validation problem comes with the line and
/// column of its field. The one loading path of the command line and the window.
pub fn load_scenario(path: &Path) -> Result<(ScenarioFile, Scenario), LoadError> {
    let (text, file) = read_text_and_parse(path)?;
    match validate(&file) {
        Ok(scenario) => Ok((file, scenario)),
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

/// Writes `contents` to `path` so that the old file survives any failure: write a temporary file
/// in the same folder, flush it to disk, then rename it over the target.
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "scenario".to_string());
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&temp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        // Best effort: the temporary file is ours and useless now.
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Saves a scenario as pretty RON, atomically.
pub fn save_scenario(path: &Path, file: &ScenarioFile) -> Result<(), SaveError> {
    let text = scenario_to_ron(file).map_err(SaveError::Serialise)?;
    atomic_write(path, text.as_bytes()).map_err(|source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Why a save failed. The file on disk is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot turn the scenario into RON: {0}")]
    Serialise(ron::Error),
    #[error("cannot write {path}: {source}; the file on disk is unchanged")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}
