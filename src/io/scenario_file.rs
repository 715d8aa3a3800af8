//! Reading and writing scenario files.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::scenario::{FORMAT_VERSION, newer_format_message};
use crate::model::{Problem, Scenario, ScenarioFile, validate};

use super::locate::Locator;
use super::reading::{ReadError, read_file};
use super::stamp::{DiskStamp, content_hash};

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
    Read { path: PathBuf, source: ReadError },
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

/// One thing wrong with a file that could not be loaded, with where it is in the file when that is
/// known: what the command line and the window both list, each problem once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong: `options[Children's trust].annual_turnover: min 0.3 is above mode 0.14`.
    pub message: String,
}

impl FileProblem {
    /// `FILE:LINE:COL: message`, as compilers write it (editors jump to it), or `FILE: message`
    /// where the position is not known.
    pub fn at_file(&self, file: &Path) -> String {
        let file = file.display();
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}: {}", self.message),
            (Some(l), None) => format!("{file}:{l}: {}", self.message),
            _ => format!("{file}: {}", self.message),
        }
    }

    /// `line L, column C: message`, under a heading that names the file.
    pub fn in_words(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("line {l}, column {c}: {}", self.message),
            (Some(l), None) => format!("line {l}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Read { path, .. }
            | LoadError::NotText { path }
            | LoadError::Parse { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }

    /// Every problem, in the order found: the one reason a file could not be read or parsed, or
    /// each rule its scenario breaks, at its field.
    pub fn problems(&self) -> Vec<FileProblem> {
        let unplaced = |message: String| {
            vec![FileProblem {
                line: None,
                column: None,
                message,
            }]
        };
        match self {
            LoadError::Read { source, .. } => unplaced(format!("cannot read it: {source}")),
            LoadError::NotText { .. } => unplaced(
                "it is not a text file (not UTF-8): is it really a .ron scenario?".to_string(),
            ),
            LoadError::Parse { error, .. } => vec![FileProblem {
                line: error.line,
                column: error.column,
                message: error.message.clone(),
            }],
            LoadError::Invalid { problems, .. } => problems
                .iter()
                .map(|LocatedProblem { at, problem }| FileProblem {
                    line: at.map(|(l, _)| l),
                    column: at.map(|(_, c)| c),
                    message: format!("{}: {}", problem.path, problem.message),
                })
                .collect(),
        }
    }
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

/// The text of a file without the byte-order mark some Windows editors put at its start.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// [`parse_scenario`], also returning the `format_version` the text was written in (older than
/// [`FORMAT_VERSION`] when the file was upgraded on reading). A leading byte-order mark is
/// skipped.
pub fn parse_versioned(text: &str) -> Result<(ScenarioFile, u32), ParseError> {
    let text = without_bom(text);
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

/// Brings a version-1 file up to version 2 in memory, so that notes can be added to it. Saving
/// writes the oldest version that holds the content ([`ScenarioFile::version_needed`]).
///
/// Version 1 → 2 added only the optional `notes` map, which a version-1 file loads without.
/// Version 3 is another model (the whole budget), so a version 1–2 file stays with its own model
/// until it is upgraded on purpose ([`crate::model::upgrade::to_whole_budget`]).
pub fn upgrade(file: &mut ScenarioFile) {
    if file.format_version == 1 {
        file.format_version = 2;
    }
}

/// Reads and parses a scenario file without validating it: for comparing files, where a
/// scenario with broken rules is still worth reading.
pub fn read_scenario(path: &Path) -> Result<ScenarioFile, LoadError> {
    let bytes = read_bytes(path, &|| false)?;
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
    open_scenario_unless(path, &|| false)
}

/// [`open_scenario`], giving up with [`ReadError::Cancelled`] while reading once `cancelled`
/// says so. Only regular files up to [`super::reading::MAX_SCENARIO_BYTES`] are read.
pub fn open_scenario_unless(
    path: &Path,
    cancelled: &dyn Fn() -> bool,
) -> Result<Loaded, LoadError> {
    let bytes = read_bytes(path, cancelled)?;
    let stamp = DiskStamp::of(path, &bytes);
    scenario_from_bytes(path, bytes, stamp)
}

fn read_bytes(path: &Path, cancelled: &dyn Fn() -> bool) -> Result<Vec<u8>, LoadError> {
    read_file(path, cancelled).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })
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
    let text = without_bom(&text);
    let (file, written_version) = parse_versioned(text).map_err(|error| LoadError::Parse {
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
        Err(invalid) => {
            // One reading of the text locates every problem.
            let locator = Locator::new(text);
            Err(LoadError::Invalid {
                path: path.to_path_buf(),
                problems: invalid
                    .problems
                    .into_iter()
                    .map(|problem| LocatedProblem {
                        at: locator.locate(&problem.path),
                        problem,
                    })
                    .collect(),
                file: Box::new(file),
                written_version,
                stamp,
            })
        }
    }
}

/// The content hash of the file at `path` when it holds exactly `file` (its text parses to the same
/// scenario); `None` when it holds something else or cannot be read.
pub fn hash_if_holds(path: &Path, file: &ScenarioFile) -> Option<u64> {
    let bytes = read_file(path, &|| false).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    (parse_scenario(text).as_ref() == Ok(file)).then(|| content_hash(&bytes))
}

/// The content hash of `file` serialised as File > Save would write it.
pub fn ron_hash(file: &ScenarioFile) -> u64 {
    // Serialising a scenario that exists in memory does not fail in practice; if it ever did,
    // the debug form still identifies the content.
    let text = scenario_to_ron(file).unwrap_or_else(|_| format!("{file:?}"));
    content_hash(text.as_bytes())
}

/// Pretty RON that loads back equal.
pub fn scenario_to_ron(file: &ScenarioFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(4)
        .indentor("    ".to_string())
        .separate_tuple_members(false)
        .enumerate_arrays(false)
        // Names and notes as people typed them (`children's`, not `children\'s`); RON still
        // escapes quotes, so every string reads back the same.
        .escape_strings(false);
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
