//! The report of a run, and the files that go with it: one self-contained HTML file (charts
//! embedded, an A4 print stylesheet), every chart as PNG and SVG, the summary and per-year CSVs,
//! the JSON of MODEL.md §10 and, when asked for, the Excel workbook. `care-options report` and
//! the window's File > Export menu both write through here, so they write the same content.
//!
//! Depends on the model, io, present and render; no window.

mod data;
mod html;
pub mod stamp;
mod text;
mod workbook;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::io::atomic_write;
use crate::io::staging::{Staging, unique_stems};
use crate::model::{RunResults, ScenarioFile};
use crate::present::chart_data::{ChartData, ChartKind};
use crate::present::format::slug;
use crate::present::stamp::Stamp;
use crate::render::{self, ChartSource, EXPORT_SIZE};

pub use data::{
    Measure, Value, YearTable, iterations_csv, results_csv, results_json, summary_csv, year_table,
};
pub use html::report_html;
pub use text::{AssumptionRow, assumption_rows, dist_text, is_judgement};
pub use workbook::{
    ASSUMPTIONS_SHEET, ITERATIONS_SHEET, METHOD_SHEET, SUMMARY_SHEET, YEARS_SHEET, workbook_bytes,
    write_workbook,
};

/// Everything a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub results: &'a RunResults,
    pub data: &'a ChartData,
    /// The scenario as run.
    pub file: &'a ScenarioFile,
    pub stamp: &'a Stamp,
}

/// Why an export failed: what could not be written or drawn, and why.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot create the folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot format the {what}: {reason}")]
    Format { what: &'static str, reason: String },
}

/// One exported chart: which chart, which option its tornado shows, and its file name stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartFile {
    pub kind: ChartKind,
    pub tornado_option: usize,
    /// `annual-cost`, `sensitivity-childrens-trust`.
    pub stem: String,
}

/// Every chart of a run, in the order the window shows them. The sensitivity tornado is drawn
/// once for each option other than the baseline (for the baseline when it is the only option),
/// since each has its own drivers. Every chart has a file name of its own: options whose names
/// make the same file name ("A B" and "A-B") get `-2`, `-3`… in the order of the options.
pub fn chart_files(results: &RunResults) -> Vec<ChartFile> {
    let mut out = Vec::new();
    for kind in ChartKind::shown(results) {
        if kind == ChartKind::Tornado {
            let mut shown: Vec<usize> = results
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.name != results.baseline_option)
                .map(|(i, _)| i)
                .collect();
            if shown.is_empty() && !results.options.is_empty() {
                shown.push(0);
            }
            for i in shown {
                let name = results.options.get(i).map_or("", |o| o.name.as_str());
                out.push(ChartFile {
                    kind,
                    tornado_option: i,
                    stem: format!("{}-{}", kind.file_stem(), slug(name, "option")),
                });
            }
        } else {
            out.push(ChartFile {
                kind,
                tornado_option: 0,
                stem: kind.file_stem().to_string(),
            });
        }
    }
    let stems = unique_stems(out.iter().map(|c| c.stem.clone()));
    for (chart, stem) in out.iter_mut().zip(stems) {
        chart.stem = stem;
    }
    out
}

impl ReportInput<'_> {
    /// What the renderer needs to draw `chart`.
    pub fn source(&self, chart: &ChartFile) -> ChartSource<'_> {
        ChartSource {
            results: self.results,
            data: self.data,
            threshold: self.file.appraisal.quality_threshold,
            tornado_option: chart.tornado_option,
            stamp: self.stamp,
        }
    }
}

/// A rendered chart: its PNG and SVG.
pub struct Rendered {
    pub chart: ChartFile,
    pub png: Vec<u8>,
    pub svg: String,
}

/// Draws every chart as PNG and SVG, several at a time.
pub fn render_all(input: &ReportInput<'_>) -> Result<Vec<Rendered>, ExportError> {
    chart_files(input.results)
        .into_par_iter()
        .map(|chart| {
            let source = input.source(&chart);
            let png = render::png(chart.kind, &source, EXPORT_SIZE)?;
            let svg = render::svg(chart.kind, &source, EXPORT_SIZE)?;
            Ok(Rendered { chart, png, svg })
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> Result<PathBuf, ExportError> {
    atomic_write(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(path.to_path_buf())
}

fn format_error(what: &'static str, e: impl std::fmt::Display) -> ExportError {
    ExportError::Format {
        what,
        reason: e.to_string(),
    }
}

/// Starts a set of files for `dir`, written whole or not at all ([`Staging`]).
fn staging(dir: &Path) -> Result<Staging, ExportError> {
    Staging::beside(dir).map_err(|source| ExportError::Folder {
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes one file of the set for `dir`.
fn stage(staging: &mut Staging, dir: &Path, name: &str, bytes: &[u8]) -> Result<(), ExportError> {
    staging
        .write(name, bytes)
        .map_err(|source| ExportError::Write {
            path: dir.join(name),
            source,
        })
}

/// Moves the set into `dir`; returns the files written.
fn commit(staging: Staging, dir: &Path) -> Result<Vec<PathBuf>, ExportError> {
    staging.commit().map_err(|source| ExportError::Folder {
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes rendered charts as `STEM.png` and `STEM.svg`.
fn stage_rendered(
    staging: &mut Staging,
    dir: &Path,
    rendered: &[Rendered],
) -> Result<(), ExportError> {
    for r in rendered {
        stage(staging, dir, &format!("{}.png", r.chart.stem), &r.png)?;
        stage(
            staging,
            dir,
            &format!("{}.svg", r.chart.stem),
            r.svg.as_bytes(),
        )?;
    }
    Ok(())
}

/// Every chart as PNG and SVG in `dir` (created if missing), all of them or, on failure, none.
/// Returns the files written.
pub fn write_charts(dir: &Path, input: &ReportInput<'_>) -> Result<Vec<PathBuf>, ExportError> {
    let rendered = render_all(input)?;
    let mut staging = staging(dir)?;
    stage_rendered(&mut staging, dir, &rendered)?;
    commit(staging, dir)
}

/// The self-contained HTML report at `path`.
pub fn write_report(path: &Path, input: &ReportInput<'_>) -> Result<PathBuf, ExportError> {
    let rendered = render_all(input)?;
    write(path, report_html(input, &rendered).as_bytes())
}

/// File names of the bundle `care-options report` writes besides the charts.
pub const REPORT_FILE: &str = "report.html";
pub const SUMMARY_FILE: &str = "summary.csv";
pub const YEARS_FILE: &str = "years.csv";
pub const RESULTS_FILE: &str = "results.json";
pub const WORKBOOK_FILE: &str = "results.xlsx";

/// The whole bundle in `dir` (created if missing): `report.html`, every chart as PNG and SVG,
/// `summary.csv` (one row per option), `years.csv` (one row per option and year),
/// `results.json` (MODEL.md §10) and, `with_workbook`, `results.xlsx`. Written whole or not at
/// all: on any failure the folder is left as it was. Returns the files written.
pub fn write_bundle(
    dir: &Path,
    input: &ReportInput<'_>,
    with_workbook: bool,
) -> Result<Vec<PathBuf>, ExportError> {
    let rendered = render_all(input)?;
    let summary = summary_csv(input.results).map_err(|e| format_error("summary CSV", e))?;
    let years = results_csv(input.results).map_err(|e| format_error("per-year CSV", e))?;
    let json = results_json(input.results).map_err(|e| format_error("results JSON", e))?;
    let workbook = if with_workbook {
        Some(workbook_bytes(input.results, input.file, input.stamp)?)
    } else {
        None
    };
    let mut staging = staging(dir)?;
    stage_rendered(&mut staging, dir, &rendered)?;
    stage(&mut staging, dir, SUMMARY_FILE, summary.as_bytes())?;
    stage(&mut staging, dir, YEARS_FILE, years.as_bytes())?;
    stage(&mut staging, dir, RESULTS_FILE, json.as_bytes())?;
    if let Some(bytes) = &workbook {
        stage(&mut staging, dir, WORKBOOK_FILE, bytes)?;
    }
    // The report last: it is the largest, and it names the rest.
    let html = report_html(input, &rendered);
    stage(&mut staging, dir, REPORT_FILE, html.as_bytes())?;
    commit(staging, dir)
}
