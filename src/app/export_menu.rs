//! Exports from the window: File > Export report…, Export charts…, Export CSV…, and each chart's
//! own Export menu (PNG, SVG, copy to the clipboard). Every picture is drawn by the same headless
//! renderer as `care-options report` ([`crate::render`]), and the report by [`crate::report`], so
//! the window and the command line export the same thing.
//!
//! A file dialog asks where (through [`super::files`], on its own thread); the export then runs on
//! a worker thread, so drawing ten charts never holds up a frame. The result comes back over a
//! channel and is shown in the status bar.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::SystemTime;

use egui::{Context, Ui};

use crate::io::{atomic_write, iterations_csv, results_csv};
use crate::model::{RunResults, ScenarioFile};
use crate::present::chart_data::{ChartData, ChartKind, tornado_option};
use crate::present::stamp::{Source, Stamp};
use crate::render::{self, ChartSource, EXPORT_SIZE};
use crate::report::{self, ReportInput};

use super::files::DialogPurpose;
use super::tab::TabId;
use super::{CareOptionsApp, Command};

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Png,
    Svg,
}

impl ChartFormat {
    fn extension(self) -> &'static str {
        match self {
            ChartFormat::Png => "png",
            ChartFormat::Svg => "svg",
        }
    }
}

/// Something to export from the results on show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// The self-contained HTML report.
    Report,
    /// Every chart as PNG and SVG, into a folder.
    Charts,
    /// Per-option per-year figures; with `iterations`, also each iteration's NPC per option.
    Csv { iterations: bool },
    /// One chart in one format.
    Chart(ChartKind, ChartFormat),
}

impl Export {
    /// What the file dialog lists (description, extensions); None when it asks for a folder.
    pub fn extension(self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            Export::Report => Some(("Web page (HTML)", &["html"])),
            Export::Charts => None,
            Export::Csv { .. } => Some(("Comma-separated values", &["csv"])),
            Export::Chart(_, ChartFormat::Png) => Some(("PNG image", &["png"])),
            Export::Chart(_, ChartFormat::Svg) => Some(("SVG image", &["svg"])),
        }
    }

    /// The file name the dialog suggests.
    fn suggested_name(self, scenario: &str) -> Option<String> {
        let stem = report::slug(scenario);
        match self {
            Export::Report => Some(format!("{stem}-report.html")),
            Export::Charts => None,
            Export::Csv { .. } => Some(format!("{stem}-years.csv")),
            Export::Chart(kind, format) => {
                Some(format!("{}.{}", kind.file_stem(), format.extension()))
            }
        }
    }

    /// Adds the format's extension to a chosen name that has none.
    fn with_extension(self, path: PathBuf) -> PathBuf {
        match self.extension() {
            Some((_, [extension, ..])) if path.extension().is_none() => {
                path.with_extension(extension)
            }
            _ => path,
        }
    }
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
        let source = Source::of(self.path.as_deref(), &self.file);
        Stamp::new(&self.results, source, self.finished_at)
    }
}

/// What came of an export.
pub enum ExportOutcome {
    /// Written; what to say in the status bar.
    Done(String),
    /// A chart to put on the clipboard, and what to say.
    Copy(egui::ColorImage, String),
    Failed(String),
}

/// At most one export under way, on a worker thread.
#[derive(Default)]
pub struct Exporter {
    job: Option<Receiver<ExportOutcome>>,
}

impl Exporter {
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    fn start(
        &mut self,
        work: impl FnOnce() -> ExportOutcome + Send + 'static,
        repaint: Context,
    ) -> Result<(), String> {
        if self.is_busy() {
            return Err("An export is under way: wait for it to finish.".to_string());
        }
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("care-options-export".to_string())
            .spawn(move || {
                let _ = sender.send(work());
                repaint.request_repaint();
            })
            .map_err(|e| format!("could not start the export: {e}"))?;
        self.job = Some(receiver);
        Ok(())
    }

    /// The outcome, once there is one. Never blocks.
    pub fn poll(&mut self) -> Option<ExportOutcome> {
        let receiver = self.job.as_ref()?;
        let outcome = match receiver.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => {
                ExportOutcome::Failed("the export stopped unexpectedly".to_string())
            }
        };
        self.job = None;
        Some(outcome)
    }
}

/// The File menu's export items. `can_export` is false until there are results.
pub fn file_menu_items(ui: &mut Ui, can_export: bool, commands: &mut Vec<Command>) {
    let item = |ui: &mut Ui, text: &str, help: &str| {
        ui.add_enabled(can_export, egui::Button::new(text))
            .on_hover_text(help)
            .on_disabled_hover_text("Nothing to export until the first run finishes.")
            .clicked()
    };
    if item(
        ui,
        "Export report…",
        "One HTML file with caveats, headlines, the summary, every chart, the assumptions and \
         the method; it prints to A4.",
    ) {
        commands.push(Command::Export(Export::Report));
    }
    if item(
        ui,
        "Export charts…",
        "Every chart as PNG (1,600 pixels wide) and SVG, into a folder you choose.",
    ) {
        commands.push(Command::Export(Export::Charts));
    }
    if item(
        ui,
        "Export CSV…",
        "Each option's figures for each year: cost, quality, staff and every cost line.",
    ) {
        commands.push(Command::Export(Export::Csv { iterations: false }));
    }
    if item(
        ui,
        "Export CSV with each iteration…",
        "The per-year CSV, and beside it a second CSV with each simulated future's net present \
         cost for every option.",
    ) {
        commands.push(Command::Export(Export::Csv { iterations: true }));
    }
}

/// A chart's own Export menu, at the top right of the chart. The choice is recorded in `requested`
/// for the results panel to turn into a command.
pub fn chart_export_menu(ui: &mut Ui, kind: ChartKind, requested: &mut Option<Command>) {
    ui.menu_button("Export", |ui| {
        if ui
            .button("Save as PNG…")
            .on_hover_text("1,600 × 1,000 pixels, white background, with the stamp.")
            .clicked()
        {
            *requested = Some(Command::Export(Export::Chart(kind, ChartFormat::Png)));
        }
        if ui
            .button("Save as SVG…")
            .on_hover_text("A vector picture that stays sharp at any size.")
            .clicked()
        {
            *requested = Some(Command::Export(Export::Chart(kind, ChartFormat::Svg)));
        }
        if ui
            .button("Copy image")
            .on_hover_text("The PNG picture, to paste into a document or slide.")
            .clicked()
        {
            *requested = Some(Command::CopyChart(kind));
        }
    })
    .response
    .on_hover_text("Save or copy this chart as it will print, with the stamp.");
}

/// Writes `export` of `snapshot` at `path`; returns what to say.
fn write_export(export: Export, snapshot: &Snapshot, path: &Path) -> Result<String, String> {
    let stamp = snapshot.stamp();
    let input = ReportInput {
        results: &snapshot.results,
        data: &snapshot.data,
        file: &snapshot.file,
        stamp: &stamp,
    };
    let shown = path.display();
    match export {
        Export::Report => {
            report::write_report(path, &input).map_err(|e| e.to_string())?;
            Ok(format!("Report written to {shown}"))
        }
        Export::Charts => {
            let written = report::write_charts(path, &input).map_err(|e| e.to_string())?;
            Ok(format!(
                "{} charts written to {shown} as PNG and SVG",
                written.len() / 2
            ))
        }
        Export::Csv { iterations } => {
            let years = results_csv(&snapshot.results).map_err(|e| e.to_string())?;
            atomic_write(path, years.as_bytes()).map_err(|e| format!("{shown}: {e}"))?;
            if !iterations {
                return Ok(format!("Per-year figures written to {shown}"));
            }
            let stem = path
                .file_stem()
                .map_or("results".into(), |s| s.to_string_lossy().into_owned());
            let each = path.with_file_name(format!("{stem}-iterations.csv"));
            let text = iterations_csv(&snapshot.results).map_err(|e| e.to_string())?;
            atomic_write(&each, text.as_bytes()).map_err(|e| format!("{}: {e}", each.display()))?;
            Ok(format!(
                "Per-year figures written to {shown}; each iteration's NPC to {}",
                each.display()
            ))
        }
        Export::Chart(kind, format) => {
            let source = chart_source(snapshot, &stamp);
            let bytes = match format {
                ChartFormat::Png => {
                    render::png(kind, &source, EXPORT_SIZE).map_err(|e| e.to_string())?
                }
                ChartFormat::Svg => render::svg(kind, &source, EXPORT_SIZE)
                    .map_err(|e| e.to_string())?
                    .into_bytes(),
            };
            atomic_write(path, &bytes).map_err(|e| format!("{shown}: {e}"))?;
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
    fn snapshot(&self, i: usize) -> Result<Snapshot, String> {
        let tab = self.tabs.get(i).ok_or("That tab has been closed.")?;
        let finished = tab
            .shown
            .as_ref()
            .ok_or("Nothing to export yet: wait for the first run to finish.")?;
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
            self.message = Some(e);
            return;
        }
        if !self.dialogs_enabled {
            self.message = Some("File dialogs are off: nothing was exported.".into());
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
            self.message = Some(e);
        }
    }

    /// Exports tab `tab`'s results to `path` on a worker thread.
    pub(super) fn export_to(&mut self, tab: TabId, export: Export, path: PathBuf, ctx: &Context) {
        let snapshot = match self.index_of(tab).ok_or("That tab has been closed.") {
            Ok(i) => self.snapshot(i),
            Err(e) => Err(e.to_string()),
        };
        let snapshot = match snapshot {
            Ok(s) => s,
            Err(e) => {
                self.message = Some(e);
                return;
            }
        };
        let path = export.with_extension(path);
        let work = move || match write_export(export, &snapshot, &path) {
            Ok(done) => ExportOutcome::Done(done),
            Err(e) => ExportOutcome::Failed(format!("Nothing exported: {e}")),
        };
        self.message = Some(match self.exporter.start(work, ctx.clone()) {
            Ok(()) => "Exporting…".to_string(),
            Err(e) => e,
        });
    }

    /// Puts one chart, as exported, on the clipboard.
    pub(super) fn copy_chart(&mut self, kind: ChartKind, ctx: &Context) {
        let snapshot = match self.snapshot(self.active) {
            Ok(s) => s,
            Err(e) => {
                self.message = Some(e);
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
            Err(e) => e,
        });
    }

    /// Shows what a finished export did.
    pub(super) fn poll_exports(&mut self, ctx: &Context) {
        match self.exporter.poll() {
            Some(ExportOutcome::Done(text) | ExportOutcome::Failed(text)) => {
                self.message = Some(text);
            }
            Some(ExportOutcome::Copy(image, text)) => {
                ctx.copy_image(image);
                self.message = Some(text);
            }
            None => {}
        }
    }
}
