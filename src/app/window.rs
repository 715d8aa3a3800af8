//! The native window: a thin eframe wrapper around [`CareOptionsApp`], and the app icon.

use super::CareOptionsApp;

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
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.show(ui);
    }
}

/// Opens the window on the embedded default scenario and returns when it is closed.
pub fn run() -> Result<(), String> {
    let app = CareOptionsApp::new();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.title())
        .with_inner_size([1600.0, 1000.0])
        .with_min_inner_size([900.0, 600.0]);
    if let Some(icon) = icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Care Options",
        options,
        Box::new(|cc| {
            cc.egui_ctx.set_theme(egui::ThemePreference::Light);
            Ok(Box::new(Window { app }))
        }),
    )
    .map_err(|e| e.to_string())
}
