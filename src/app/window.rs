//! The native window: a thin eframe wrapper around [`CareOptionsApp`], and the app icon.
//!
//! The one place that reads and writes the preferences store (eframe's `persistence`, in the
//! platform's data folder), so the window itself and its tests never touch a person's settings.

use super::CareOptionsApp;
use super::preferences::{Preferences, STORAGE_KEY};

/// The app icon (64×64 PNG), embedded in the program.
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// Decodes the embedded icon; None if it cannot be (the window then has the default icon).
pub fn icon() -> Option<egui::IconData> {
    let image = image::load_from_memory(ICON_PNG).ok()?.into_rgba8();
    Some(egui::IconData {
        width: image.width(),
        height: image.height(),
        rgba: image.into_raw(),
    })
}

struct Window {
    app: CareOptionsApp,
}

impl eframe::App for Window {
    /// Called before every frame and also while the window is covered or minimised, when no
    /// frame is drawn: the autosave keeps its half-minute promise either way.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.app.logic(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
    }

    /// A clean close (every change saved, or discarded by choice): the autosaves go.
    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.app.end_session();
    }

    /// Called by eframe on closing and every half minute; eframe also keeps the window's size
    /// and position and egui's own memory (the editor panel's width among it).
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        match self.app.preferences().to_ron() {
            Ok(text) => storage.set_string(STORAGE_KEY, text),
            Err(e) => {
                let text = format!("the preferences were not saved: {e}");
                self.app.log_entry(&text);
                eprintln!("care-options: {text}");
            }
        }
    }
}

/// The name eframe keeps the window's storage under, and so names the data folder after.
pub const APP_ID: &str = "Care Options";

/// Overrides the data folder (autosaves, crash reports), for tests and for running a copy apart.
pub const DATA_FOLDER_VARIABLE: &str = "CARE_OPTIONS_DATA_DIR";

/// Where the window keeps autosaves and crash reports: the platform's standard place for the
/// app's data (`~/.local/share/careoptions` on Linux, `%APPDATA%\Care Options\data` on Windows,
/// `~/Library/Application Support/Care-Options` on macOS: eframe's own storage folder, beside the
/// preferences), unless `CARE_OPTIONS_DATA_DIR` names another.
pub fn data_folder() -> Option<std::path::PathBuf> {
    std::env::var_os(DATA_FOLDER_VARIABLE)
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| eframe::storage_dir(APP_ID))
}

/// Opens the window with the last session's preferences, and returns when it is closed: on
/// `files`, each in a tab of its own (a file double-clicked, or named on the command line), or
/// with none on the embedded default scenario.
pub fn run(files: Vec<std::path::PathBuf>) -> Result<(), eframe::Error> {
    let mut app = CareOptionsApp::new();
    app.open_at_start(files);
    match data_folder() {
        Some(folder) => {
            super::crash::install_panic_hook(folder.clone());
            app.use_data_folder(folder);
            if let Some(super::panels::dialogs::Modal::Recover { items, .. }) = app.modal() {
                eprintln!(
                    "care-options: offering to restore {} autosaved scenario(s) left by a window \
                     that did not close cleanly",
                    items.len()
                );
            }
        }
        None => eprintln!(
            "care-options: this system has no data folder; set {DATA_FOLDER_VARIABLE} to keep \
             autosaves and crash reports"
        ),
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.title())
        .with_inner_size([1600.0, 1000.0])
        .with_min_inner_size([900.0, 600.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(|cc| {
            let stored = cc.storage.and_then(|s| s.get_string(STORAGE_KEY));
            app.set_preferences(Preferences::load_or_default(stored.as_deref()));
            app.apply_view(&cc.egui_ctx);
            Ok(Box::new(Window { app }))
        }),
    )
}
