//! Exports from the window: the report, every chart, the CSVs, the Excel workbook and one chart
//! as PNG or SVG, or on the clipboard. Every picture is drawn by the same headless renderer as
//! `care-options report` ([`crate::render`]), and the report and workbook by [`crate::report`],
//! so the window and the command line export the same thing.
//!
//! A file dialog asks where (through [`super::files`]); the export then runs as a [`Job`] on a
//! worker thread, so drawing ten charts never holds up a frame, and what came of it is shown in
//! the status bar. The menus that ask for exports are in [`super::panels::export_menu`].

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use egui::Context;

use crate::io::atomic_write;
use crate::model::{RunResults, ScenarioFile};
use crate::present::chart_data::{ChartData, ChartKind, tornado_option};
use crate::present::stamp::Stamp;
use crate::render::{self, ChartSource, EXPORT_SIZE};
use crate::report::{self, ExportError, ReportInput, iterations_csv, results_csv};

use super::CareOptionsApp;
use super::command::{ChartFormat, DialogPurpose, Export, TabId};
use super::job::{Job, Poll};

/// Why an export was not started.
#[derive(Debug, thiserror::Error)]
pub enum NotExported {
    #[error("That tab has been closed.")]
    TabClosed,
    #[error("Nothing to export yet: wait for the first run to finish.")]
    NoResults,
    #[error("An export is under way: wait for it to finish.")]
    Busy,
    #[error("could not start the export: {0}")]
    NoThread(std::io::Error),
}

/// What an export needs, copied from a tab so that the worker owns it.
struct Snapshot {
    results: RunResults,
    data: ChartData,
    file: ScenarioFile,
    path: Option<PathBuf>,
    finished_at: SystemTime,
    tornado_option: usize,
}

impl Snapshot {
    /// The stamp: read from the file on disk (off the window's thread), or "unsaved".
    fn stamp(&self) -> Stamp {
        report::stamp::stamp(
            &self.results,
            self.path.as_deref(),
            &self.file,
            self.finished_at,
        )
    }
}

/// What came of an export.
pub enum ExportOutcome {
    /// Written at the path; what to say in the status bar.
    Done(String, PathBuf),
    /// A chart to put on the clipboard, and what to say.
    Copy(egui::ColorImage, String),
    Failed(String),
}

/// At most one export under way, on a worker thread.
#[derive(Default)]
pub struct Exporter {
    job: Option<Job<ExportOutcome>>,
}

impl Exporter {
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    fn start(
        &mut self,
        work: impl FnOnce() -> ExportOutcome + Send + 'static,
        repaint: Context,
    ) -> Result<(), NotExported> {
        if self.is_busy() {
            return Err(NotExported::Busy);
        }
        let job =
            Job::spawn("care-options-export", repaint, work).map_err(NotExported::NoThread)?;
        self.job = Some(job);
        Ok(())
    }

    /// The outcome, once there is one. Never blocks.
    pub fn poll(&mut self) -> Option<ExportOutcome> {
        let outcome = match self.job.as_ref()?.poll() {
            Poll::Pending => return None,
            Poll::Done(outcome) => outcome,
            Poll::Lost => ExportOutcome::Failed("the export stopped unexpectedly".to_string()),
        };
        self.job = None;
        Some(outcome)
    }
}

/// Writes `export` of `snapshot` at `path`; returns what to say.
fn write_export(export: Export, snapshot: &Snapshot, path: &Path) -> Result<String, ExportError> {
    let stamp = snapshot.stamp();
    let input = ReportInput {
        results: &snapshot.results,
        data: &snapshot.data,
        file: &snapshot.file,
        stamp: &stamp,
    };
    let write = |path: &Path, bytes: &[u8]| {
        atomic_write(path, bytes).map_err(|source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        })
    };
    let csv_error = |what: &'static str| {
        move |e: csv::Error| ExportError::Format {
            what,
            reason: e.to_string(),
        }
    };
    let shown = path.display();
    match export {
        Export::Report => {
            report::write_report(path, &input)?;
            Ok(format!("Report written to {shown}"))
        }
        Export::Charts => {
            let written = report::write_charts(path, &input)?;
            Ok(format!(
                "{} charts written to {shown} as PNG and SVG",
                written.len() / 2
            ))
        }
        Export::Csv { iterations } => {
            let years = results_csv(&snapshot.results).map_err(csv_error("per-year CSV"))?;
            write(path, years.as_bytes())?;
            if !iterations {
                return Ok(format!("Per-year figures written to {shown}"));
            }
            let stem = path
                .file_stem()
                .map_or("results".into(), |s| s.to_string_lossy().into_owned());
            let each = path.with_file_name(format!("{stem}-iterations.csv"));
            let text = iterations_csv(&snapshot.results).map_err(csv_error("iterations CSV"))?;
            write(&each, text.as_bytes())?;
            Ok(format!(
                "Per-year figures written to {shown}; each iteration's NPC to {}",
                each.display()
            ))
        }
        Export::Workbook => {
            report::write_workbook(path, &snapshot.results, &snapshot.file, &stamp)?;
            Ok(format!("Workbook written to {shown}"))
        }
        Export::Chart(kind, format) => {
            let source = chart_source(snapshot, &stamp);
            let bytes = match format {
                ChartFormat::Png => render::png(kind, &source, EXPORT_SIZE)?,
                ChartFormat::Svg => render::svg(kind, &source, EXPORT_SIZE)?.into_bytes(),
            };
            write(path, &bytes)?;
            Ok(format!("Chart written to {shown}"))
        }
    }
}

fn chart_source<'a>(snapshot: &'a Snapshot, stamp: &'a Stamp) -> ChartSource<'a> {
    ChartSource {
        results: &snapshot.results,
        data: &snapshot.data,
        threshold: snapshot.file.appraisal.quality_threshold,
        tornado_option: snapshot.tornado_option,
        stamp,
    }
}

impl CareOptionsApp {
    /// A copy of tab `i`'s results for an export, or why there is none.
    fn snapshot(&self, i: usize) -> Result<Snapshot, NotExported> {
        let tab = self.tabs.get(i).ok_or(NotExported::TabClosed)?;
        let finished = tab.shown.as_ref().ok_or(NotExported::NoResults)?;
        Ok(Snapshot {
            results: finished.results.clone(),
            data: finished.charts.clone(),
            file: finished.file.clone(),
            path: tab.doc.path.clone(),
            finished_at: finished.finished_at,
            tornado_option: tornado_option(&finished.results, tab.charts.tornado_option.as_deref()),
        })
    }

    /// File > Export…: asks where, then exports.
    pub(super) fn export(&mut self, export: Export, ctx: &Context) {
        if let Err(e) = self.snapshot(self.active) {
            self.message = Some(e.to_string());
            return;
        }
        if !self.dialogs_enabled || !super::files::native_dialogs_available() {
            let why = if self.dialogs_enabled {
                "No file dialog can open on this desktop (no desktop portal and no zenity)."
            } else {
                "File dialogs are off."
            };
            self.offer_export_path(export, Some(why.to_string()));
            return;
        }
        let tab = self.tab();
        let name = export.suggested_name(&tab.doc.file.name);
        let folder = self.folder();
        let purpose = DialogPurpose::Export {
            tab: tab.id,
            export,
        };
        if let Err(e) = self.file_dialogs.start(purpose, folder, name, ctx.clone()) {
            self.message = Some(format!("could not show a file dialog: {e}"));
        }
    }

    /// Asks for a typed path to export to, starting from `Care Options` in the documents folder.
    pub(super) fn offer_export_path(&mut self, export: Export, why: Option<String>) {
        let tab = self.tab();
        let name = export
            .suggested_name(&tab.doc.file.name)
            .unwrap_or_else(|| {
                format!(
                    "{}-charts",
                    crate::present::format::slug(&tab.doc.file.name, "scenario")
                )
            });
        let path = super::files::default_export_folder()
            .map(|folder| folder.join(&name))
            .unwrap_or_else(|| PathBuf::from(&name));
        if let Some(why) = &why {
            self.message = Some(format!("{why} Type where to export instead."));
        }
        self.modal = Some(super::panels::dialogs::Modal::ExportPath {
            export,
            text: path.display().to_string(),
            why,
            focus: true,
        });
    }

    /// Exports tab `tab`'s results to `path` on a worker thread.
    pub(super) fn export_to(&mut self, tab: TabId, export: Export, path: PathBuf, ctx: &Context) {
        let snapshot = self
            .index_of(tab)
            .ok_or(NotExported::TabClosed)
            .and_then(|i| self.snapshot(i));
        let snapshot = match snapshot {
            Ok(s) => s,
            Err(e) => {
                self.message = Some(e.to_string());
                return;
            }
        };
        let path = export.with_extension(path);
        if snapshot
            .path
            .as_deref()
            .is_some_and(|scenario| crate::io::same_file(scenario, &path))
        {
            self.message = Some(format!(
                "Nothing exported: {} is the scenario file itself, and exporting there would \
                 replace it. Choose another name.",
                path.display()
            ));
            return;
        }
        let work = move || {
            // A typed path may name a folder that does not exist yet (the default one, the first
            // time): it is made, as `care-options report --out` makes its folder.
            let folder = match export {
                Export::Charts => Some(path.as_path()),
                _ => path.parent().filter(|p| !p.as_os_str().is_empty()),
            };
            if let Some(folder) = folder
                && let Err(e) = std::fs::create_dir_all(folder)
            {
                return ExportOutcome::Failed(format!(
                    "Nothing exported: the folder {} cannot be made: {e}",
                    folder.display()
                ));
            }
            match write_export(export, &snapshot, &path) {
                Ok(done) => ExportOutcome::Done(done, path),
                Err(e) => ExportOutcome::Failed(format!("Nothing exported: {e}")),
            }
        };
        self.message = Some(match self.exporter.start(work, ctx.clone()) {
            Ok(()) => "Exporting…".to_string(),
            Err(e) => e.to_string(),
        });
    }

    /// Opens what was exported (the file, or with `folder` the folder it is in) with the
    /// desktop's own program. Off where file dialogs are off (tests), which only says where it is.
    pub(super) fn open_exported(&mut self, path: &Path, folder: bool) {
        let target = if folder && !path.is_dir() {
            path.parent().unwrap_or(path)
        } else {
            path
        };
        if !self.dialogs_enabled {
            self.message = Some(format!(
                "Opening is off here: it is at {}",
                target.display()
            ));
            return;
        }
        if let Err(e) = opener::open(target) {
            self.message = Some(format!(
                "Could not open {} ({e}); it is there to open by hand.",
                target.display()
            ));
        }
    }

    /// Puts one chart, as exported, on the clipboard.
    pub(super) fn copy_chart(&mut self, kind: ChartKind, ctx: &Context) {
        let snapshot = match self.snapshot(self.active) {
            Ok(s) => s,
            Err(e) => {
                self.message = Some(e.to_string());
                return;
            }
        };
        let work = move || {
            let stamp = snapshot.stamp();
            let source = chart_source(&snapshot, &stamp);
            match render::rgb(kind, &source, EXPORT_SIZE) {
                Ok(pixels) => {
                    let size = [EXPORT_SIZE.0 as usize, EXPORT_SIZE.1 as usize];
                    let image = egui::ColorImage::from_rgb(size, &pixels);
                    ExportOutcome::Copy(
                        image,
                        format!(
                            "Copied \"{}\" to the clipboard ({} × {} pixels)",
                            kind.title(&snapshot.results),
                            EXPORT_SIZE.0,
                            EXPORT_SIZE.1
                        ),
                    )
                }
                Err(e) => ExportOutcome::Failed(format!("Nothing copied: {e}")),
            }
        };
        self.message = Some(match self.exporter.start(work, ctx.clone()) {
            Ok(()) => "Drawing the chart for the clipboard…".to_string(),
            Err(e) => e.to_string(),
        });
    }

    /// Shows what a finished export did.
    pub(super) fn poll_exports(&mut self, ctx: &Context) {
        match self.exporter.poll() {
            Some(ExportOutcome::Done(text, path)) => {
                self.message = Some(text);
                self.exported = Some(path);
            }
            Some(ExportOutcome::Failed(text)) => {
                self.message = Some(text);
                self.exported = None;
            }
            Some(ExportOutcome::Copy(image, text)) => {
                ctx.copy_image(image);
                self.message = Some(text);
            }
            None => {}
        }
    }
}
