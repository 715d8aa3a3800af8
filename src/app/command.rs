//! What the person can ask the window for, as values: the commands panels and menus record, and
//! the few types they carry (which tab, what to export, what a file dialog is for). The app
//! applies commands at the end of the frame ([`super::CareOptionsApp::show`]); nothing here acts.
//!
//! Every panel depends on this file and this file on no panel, so no circle runs through the
//! window's files.

use std::path::PathBuf;

use crate::model::{OptionKind, ScenarioFile};
use crate::present::chart_data::ChartKind;
use crate::present::format::slug;

/// Names a tab for as long as it is open, whatever is opened or closed around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TabId(pub u64);

/// Something waiting for a tab's unsaved changes to be saved or discarded.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Close this tab.
    Close(TabId),
    /// Close the window: asked about each tab with unsaved changes in turn.
    Quit,
}

/// What the person asked for, applied at the end of the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    New,
    /// File > New from council…: show the council picker.
    ShowNewFromCouncil,
    /// A new tab on this council's scenario from its published figures (by ONS code).
    NewFromCouncil(String),
    /// File > New from example: a new, unsaved tab on the example shipped as this file
    /// ([`super::examples`]).
    NewFromExample(&'static str),
    Open,
    OpenPath(PathBuf),
    /// Give up opening the files being opened.
    CancelOpening,
    /// Files dropped on the window that cannot be opened: a title and why.
    RefuseDrop {
        title: String,
        text: String,
    },
    /// Open a file that failed validation, to fix it in the editor.
    OpenAnyway(PathBuf, Box<ScenarioFile>),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    /// Save over a file as the person agreed: theirs changed on disk since it was opened, or it
    /// is another file of the name chosen.
    SaveOverwrite {
        tab: TabId,
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Open the autosaves of the last session, or discard them.
    RestoreAutosaves,
    DiscardAutosaves,
    /// Save, then carry on with what was waiting.
    SaveThen(Pending),
    /// Carry on without saving.
    Proceed(Pending),
    Quit,
    /// Empty File > Open Recent.
    ClearRecent,
    /// Show the tab at this position.
    SelectTab(usize),
    /// Show the next tab (Ctrl+Page Down), or the previous one (Ctrl+Page Up).
    NextTab,
    PreviousTab,
    /// Close a tab, asking about unsaved changes first.
    CloseTab(TabId),
    /// Close the tab on show (Ctrl+W).
    CloseActiveTab,
    Undo,
    Redo,
    RunFull,
    /// Runs until every headline figure is within the window's precision.
    RunToPrecision,
    Cancel,
    SetDark(bool),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ShowAbout,
    /// Help > Guide and glossary (F1).
    ShowGuide,
    /// Help > Open log folder.
    OpenLogFolder,
    ShowTypePath,
    AddOption(OptionKind),
    /// Turn a format version 1–2 scenario into a whole-budget one, as one step to undo.
    UpgradeToWholeBudget,
    DuplicateOption(usize),
    RemoveOption(usize),
    RenameOption(usize, String),
    /// Rename kind of placement `k`; its notes follow.
    RenamePlacement(usize, String),
    SetBaseline(String),
    AddPlacement,
    RemovePlacement(usize),
    /// Export the results on show: a dialog asks where, then a worker writes.
    Export(Export),
    /// Export the results on show to this path, without a dialog.
    ExportTo(Export, PathBuf),
    /// Ask for a typed path to export to, starting from the documents folder.
    ShowExportPath(Export),
    /// Open an exported file with the desktop's program for it.
    OpenExported(PathBuf),
    /// Show the folder an export was written to.
    ShowExportFolder(PathBuf),
    /// Copy a chart, as exported, to the clipboard.
    CopyChart(ChartKind),
    /// Enter or leave presentation mode (F5).
    Present,
    /// Evidence > Council benchmarks…
    ShowBenchmarks,
    /// Show the compare view.
    ShowCompare,
    /// Keep a copy of the results on show, to compare with later.
    PinSnapshot,
    /// Forget a pinned snapshot.
    RemoveSnapshot(u32),
    /// Set the scenario on show's starting values from this council's published figures.
    UseStartingValues(String),
}

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Png,
    Svg,
}

impl ChartFormat {
    pub fn extension(self) -> &'static str {
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
    /// The Excel workbook: the summary, the per-year figures, each iteration, the assumptions and
    /// the method, with native charts.
    Workbook,
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
            Export::Workbook => Some(("Excel workbook", &["xlsx"])),
            Export::Chart(_, ChartFormat::Png) => Some(("PNG image", &["png"])),
            Export::Chart(_, ChartFormat::Svg) => Some(("SVG image", &["svg"])),
        }
    }

    /// The file name the dialog suggests.
    pub fn suggested_name(self, scenario: &str) -> Option<String> {
        let stem = slug(scenario, "scenario");
        match self {
            Export::Report => Some(format!("{stem}-report.html")),
            Export::Charts => None,
            Export::Csv { .. } => Some(format!("{stem}-years.csv")),
            Export::Workbook => Some(format!("{stem}-results.xlsx")),
            Export::Chart(kind, format) => {
                Some(format!("{}.{}", kind.file_stem(), format.extension()))
            }
        }
    }

    /// What it is, in words: "the report", "every chart".
    pub fn what(self) -> String {
        match self {
            Export::Report => "the report".to_string(),
            Export::Charts => "every chart".to_string(),
            Export::Csv { iterations: false } => "the CSV".to_string(),
            Export::Csv { iterations: true } => "the CSV with each iteration".to_string(),
            Export::Workbook => "the Excel workbook".to_string(),
            Export::Chart(kind, format) => {
                format!(
                    "the {} chart as {}",
                    kind.tab(),
                    format.extension().to_uppercase()
                )
            }
        }
    }

    /// Adds the format's extension to a chosen name that has none.
    pub fn with_extension(self, path: PathBuf) -> PathBuf {
        match self.extension() {
            Some((_, [extension, ..])) if path.extension().is_none() => {
                path.with_extension(extension)
            }
            _ => path,
        }
    }
}

/// What a file dialog was opened for.
#[derive(Debug, Clone, PartialEq)]
pub enum DialogPurpose {
    Open,
    /// Save As for one tab; `then` continues what was waiting for the save (closing the tab or
    /// quitting).
    SaveAs {
        tab: TabId,
        then: Option<Pending>,
    },
    /// Where to export one tab's results: a file, or a folder for every chart.
    Export {
        tab: TabId,
        export: Export,
    },
}
