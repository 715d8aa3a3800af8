//! The native window: a thin eframe wrapper around [`CareOptionsApp`], and the app icon.
//!
//! The one place that reads and writes the preferences store (eframe's `persistence`, in the
//! platform's data folder), so the window itself and its tests never touch a person's settings.

use super::CareOptionsApp;
use super::preferences::{Preferences, STORAGE_KEY};
use super::renderer::{self, RENDERER_VARIABLE, Renderer};

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
///
/// The renderers are tried in the order [`renderer::plan_here`] gives; one that cannot start
/// (eframe's error comes back before the app was handed to it) is logged and the next is tried.
/// The log records the renderer that drew the window.
pub fn run(files: Vec<std::path::PathBuf>) -> Result<(), WindowError> {
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
    let plan = renderer::plan_here();
    if let Some(ignored) = &plan.ignored {
        eprintln!("care-options: {ignored}");
        app.log_entry(ignored);
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.title())
        .with_inner_size([1600.0, 1000.0])
        .with_min_inner_size([900.0, 600.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    // The app waits here until a renderer takes it; one that fails before that leaves it for the
    // next.
    let mut waiting = Some(app);
    let mut tried: Vec<(Renderer, String)> = Vec::new();
    for &renderer in &plan.order {
        let options = eframe::NativeOptions {
            viewport: viewport.clone(),
            persist_window: true,
            renderer: renderer.eframe(),
            ..Default::default()
        };
        let after = tried.last().map(|(failed, _)| *failed);
        let result = eframe::run_native(
            APP_ID,
            options,
            Box::new(|cc| {
                let Some(mut app) = waiting.take() else {
                    return Err("the window was created twice".into());
                };
                app.log_entry(&drawn_by(renderer, after, cc));
                let stored = cc.storage.and_then(|s| s.get_string(STORAGE_KEY));
                app.set_preferences(Preferences::load_or_default(stored.as_deref()));
                app.apply_view(&cc.egui_ctx);
                Ok(Box::new(Window { app }))
            }),
        );
        let Err(error) = result else {
            return Ok(());
        };
        let Some(app) = waiting.as_mut() else {
            // The window had opened: its app is gone with it, so this is not a renderer that
            // could not start, and trying the other would lose the session.
            return Err(WindowError::Stopped {
                renderer,
                error: error.to_string(),
            });
        };
        app.log_entry(&format!("the {renderer} renderer could not start: {error}"));
        tried.push((renderer, error.to_string()));
    }
    let log = waiting
        .as_ref()
        .and_then(|app| app.log_folder())
        .map(crate::io::log_file::log_path);
    let error = WindowError::CannotOpen {
        tried,
        forced: plan.forced(),
        log,
    };
    if let Some(app) = waiting.as_mut() {
        app.log_entry(&format!(
            "said in a message box and on standard error: {error}"
        ));
    }
    Err(error)
}

/// The log's line on the renderer that drew the window: its name, the adapter wgpu chose (a
/// software one such as WARP or llvmpipe tells whoever supports the program why it is slow), and
/// the renderer that could not start before it, if any.
fn drawn_by(renderer: Renderer, after: Option<Renderer>, cc: &eframe::CreationContext) -> String {
    let adapter = cc.wgpu_render_state.as_ref().map(|state| {
        let info = state.adapter.get_info();
        format!(
            " ({:?}, {}, {:?})",
            info.backend, info.name, info.device_type
        )
    });
    format!(
        "window drawn by the {renderer} renderer{}{}",
        adapter.unwrap_or_default(),
        after
            .map(|failed| format!(", as {failed} could not start"))
            .unwrap_or_default()
    )
}

/// Why the window is not showing.
#[derive(Debug)]
pub enum WindowError {
    /// No renderer could open the window: each one tried, with eframe's error, whether only one
    /// was tried because `CARE_OPTIONS_RENDERER` forced it, and the log file, if there is one.
    CannotOpen {
        tried: Vec<(Renderer, String)>,
        forced: bool,
        log: Option<std::path::PathBuf>,
    },
    /// The window opened, then eframe stopped with an error.
    Stopped { renderer: Renderer, error: String },
}

impl std::fmt::Display for WindowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WindowError::CannotOpen { tried, forced, log } => {
                writeln!(f, "Care Options could not open its window.")?;
                for (renderer, error) in tried {
                    writeln!(f, "The {renderer} renderer could not start: {error}")?;
                }
                writeln!(f)?;
                writeln!(
                    f,
                    "This computer's graphics could not start the renderers Care Options draws \
                     with (OpenGL, and wgpu: Direct3D 12, Metal or Vulkan). It happens over some \
                     Remote Desktop connections and on virtual desktops without graphics; an \
                     updated graphics driver, or running Care Options on the computer itself, \
                     may help."
                )?;
                if *forced {
                    writeln!(
                        f,
                        "Only this renderer was tried, as {RENDERER_VARIABLE} asks: remove the \
                         setting to try both."
                    )?;
                }
                writeln!(f)?;
                match log {
                    Some(log) => writeln!(f, "The log is {}", log.display())?,
                    None => writeln!(f, "There is no log: this system has no data folder.")?,
                }
                write!(f, "The command line still works: care-options --help")
            }
            WindowError::Stopped { renderer, error } => write!(
                f,
                "The window closed because of an error in its {renderer} renderer: {error}"
            ),
        }
    }
}

impl std::error::Error for WindowError {}

impl WindowError {
    /// Says why in a native message box, for whoever double-clicked the program and has no
    /// console to read (on Linux the box is zenity's, if installed; there is none without it).
    pub fn show_message_box(&self) {
        let title = match self {
            WindowError::CannotOpen { .. } => "Care Options could not open its window",
            WindowError::Stopped { .. } => "Care Options stopped",
        };
        rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title(title)
            .set_description(self.to_string())
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
}
