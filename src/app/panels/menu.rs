//! The menu bar and the keyboard shortcuts. Both only record commands.

use std::path::PathBuf;

use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_IN_SECONDARY, ZOOM_OUT, ZOOM_RESET};
use egui::{Context, Key, KeyboardShortcut, Modifiers, Ui};

use crate::app::command::Command;
use crate::app::zoom;

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
/// Presentation mode, as in slide software.
pub const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
pub const GUIDE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
pub const REDO_SHIFT_Z: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const CLOSE_TAB: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::W);
pub const NEXT_TAB: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::PageDown);
pub const PREVIOUS_TAB: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::PageUp);

/// What the menus need to know to grey out what cannot be done.
pub struct MenuState<'a> {
    pub can_undo: bool,
    pub can_redo: bool,
    pub dark: bool,
    /// The zoom factor (1.0 is 100%).
    pub zoom: f32,
    /// Recently opened or saved files, most recent first.
    pub recent: &'a [PathBuf],
    /// There are results to export.
    pub can_export: bool,
    /// The tab on show has results to pin as a snapshot.
    pub can_pin: bool,
    /// The scenario on show is of format version 1 or 2, which the whole-budget model extends.
    pub can_upgrade: bool,
}

/// Reads the shortcuts into commands. Undo and redo are left to a text box being typed in, which
/// has its own.
pub fn shortcuts(ctx: &Context, commands: &mut Vec<Command>) {
    let typing = ctx.egui_wants_keyboard_input();
    ctx.input_mut(|i| {
        // Shift variants first: the plain shortcut would also match them.
        if i.consume_shortcut(&SAVE_AS) {
            commands.push(Command::SaveAs);
        }
        if i.consume_shortcut(&SAVE) {
            commands.push(Command::Save);
        }
        if i.consume_shortcut(&NEW) {
            commands.push(Command::New);
        }
        if i.consume_shortcut(&OPEN) {
            commands.push(Command::Open);
        }
        if i.consume_shortcut(&CLOSE_TAB) {
            commands.push(Command::CloseActiveTab);
        }
        if i.consume_shortcut(&NEXT_TAB) {
            commands.push(Command::NextTab);
        }
        if i.consume_shortcut(&PREVIOUS_TAB) {
            commands.push(Command::PreviousTab);
        }
        // Ctrl+= as well as Ctrl+Plus, as in browsers: on many keyboards + needs Shift.
        if i.consume_shortcut(&ZOOM_IN) || i.consume_shortcut(&ZOOM_IN_SECONDARY) {
            commands.push(Command::ZoomIn);
        }
        if i.consume_shortcut(&ZOOM_OUT) {
            commands.push(Command::ZoomOut);
        }
        if i.consume_shortcut(&ZOOM_RESET) {
            commands.push(Command::ZoomReset);
        }
        if i.consume_shortcut(&PRESENT) {
            commands.push(Command::Present);
        }
        if i.consume_shortcut(&GUIDE) {
            commands.push(Command::ShowGuide);
        }
        if !typing {
            if i.consume_shortcut(&REDO_SHIFT_Z) || i.consume_shortcut(&REDO) {
                commands.push(Command::Redo);
            }
            if i.consume_shortcut(&UNDO) {
                commands.push(Command::Undo);
            }
        }
    });
}

pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let ctx = ui.ctx().clone();
            let item = |ui: &mut Ui, text: &str, shortcut: Option<&KeyboardShortcut>| {
                let mut button = egui::Button::new(text);
                if let Some(s) = shortcut {
                    button = button.shortcut_text(ctx.format_shortcut(s));
                }
                ui.add(button).clicked()
            };
            if item(ui, "New", Some(&NEW)) {
                commands.push(Command::New);
            }
            if ui
                .button("New from council…")
                .on_hover_text(
                    "A scenario from an English council's published figures: demand, workforce \
                     and every line of its budget.",
                )
                .clicked()
            {
                commands.push(Command::ShowNewFromCouncil);
            }
            ui.menu_button("New from example", |ui| examples_ui(ui, commands));
            if item(ui, "Open…", Some(&OPEN)) {
                commands.push(Command::Open);
            }
            ui.menu_button("Open Recent", |ui| recent_ui(ui, state.recent, commands));
            if item(ui, "Save", Some(&SAVE)) {
                commands.push(Command::Save);
            }
            if item(ui, "Save As…", Some(&SAVE_AS)) {
                commands.push(Command::SaveAs);
            }
            if item(ui, "Close tab", Some(&CLOSE_TAB)) {
                commands.push(Command::CloseActiveTab);
            }
            ui.separator();
            super::export_menu::file_menu_items(ui, state.can_export, commands);
            ui.separator();
            if ui
                .button("Type a path…")
                .on_hover_text("Open or save by typing a path, when no file dialog appears.")
                .clicked()
            {
                commands.push(Command::ShowTypePath);
            }
            ui.separator();
            if item(ui, "Quit", None) {
                commands.push(Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let ctx = ui.ctx().clone();
            if ui
                .add_enabled(
                    state.can_undo,
                    egui::Button::new("Undo").shortcut_text(ctx.format_shortcut(&UNDO)),
                )
                .clicked()
            {
                commands.push(Command::Undo);
            }
            if ui
                .add_enabled(
                    state.can_redo,
                    egui::Button::new("Redo").shortcut_text(ctx.format_shortcut(&REDO)),
                )
                .clicked()
            {
                commands.push(Command::Redo);
            }
            ui.separator();
            if ui
                .add_enabled(
                    state.can_upgrade,
                    egui::Button::new("Upgrade to the whole budget…"),
                )
                .on_hover_text(
                    "Turns a format version 1–2 scenario (social-work teams and placements only) \
                     into a whole-budget one (format version 3): every budget block and a \
                     contract for each outsourced option, from the national defaults, each \
                     with a note. One step to undo.",
                )
                .on_disabled_hover_text("The scenario already covers the whole budget.")
                .clicked()
            {
                commands.push(Command::UpgradeToWholeBudget);
            }
        });
        ui.menu_button("View", |ui| {
            if ui.radio(!state.dark, "Light theme").clicked() {
                commands.push(Command::SetDark(false));
            }
            if ui.radio(state.dark, "Dark theme").clicked() {
                commands.push(Command::SetDark(true));
            }
            ui.separator();
            ui.label(format!("Zoom: {}", zoom::percent(state.zoom)));
            let ctx = ui.ctx().clone();
            let zoom_button = |ui: &mut Ui, enabled: bool, text: &str, s: &KeyboardShortcut| {
                ui.add_enabled(
                    enabled,
                    egui::Button::new(text).shortcut_text(ctx.format_shortcut(s)),
                )
                .clicked()
            };
            if zoom_button(ui, state.zoom < zoom::MAX_ZOOM, "Zoom in", &ZOOM_IN) {
                commands.push(Command::ZoomIn);
            }
            if zoom_button(ui, state.zoom > zoom::MIN_ZOOM, "Zoom out", &ZOOM_OUT) {
                commands.push(Command::ZoomOut);
            }
            if zoom_button(ui, state.zoom != 1.0, "Reset zoom", &ZOOM_RESET) {
                commands.push(Command::ZoomReset);
            }
            ui.separator();
            if ui
                .add(
                    egui::Button::new("Presentation mode")
                        .shortcut_text(ctx.format_shortcut(&PRESENT)),
                )
                .on_hover_text(
                    "Full screen, large type, one chart at a time. Arrow keys or Page Up/Down \
                     move; Esc leaves.",
                )
                .clicked()
            {
                commands.push(Command::Present);
            }
        });
        ui.menu_button("Compare", |ui| {
            if ui
                .button("Compare scenarios…")
                .on_hover_text(
                    "Open tabs and pinned snapshots side by side: costs, the chance each option \
                     costs less, S-curves and the inputs that differ.",
                )
                .clicked()
            {
                commands.push(Command::ShowCompare);
            }
            if ui
                .add_enabled(state.can_pin, egui::Button::new("Pin results as snapshot"))
                .on_hover_text(
                    "Keeps a copy of the results on show, to compare with after you change the \
                     inputs.",
                )
                .on_disabled_hover_text("No results on show yet.")
                .clicked()
            {
                commands.push(Command::PinSnapshot);
            }
        });
        ui.menu_button("Evidence", |ui| {
            if ui
                .button("Council benchmarks…")
                .on_hover_text(
                    "Your council's published social-work workforce figures beside England's, \
                     and as starting values for the scenario.",
                )
                .clicked()
            {
                commands.push(Command::ShowBenchmarks);
            }
        });
        ui.menu_button("Help", |ui| {
            if ui
                .add(
                    egui::Button::new("Guide and glossary")
                        .shortcut_text(ui.ctx().format_shortcut(&GUIDE)),
                )
                .clicked()
            {
                commands.push(Command::ShowGuide);
            }
            if ui
                .button("Open log folder")
                .on_hover_text(
                    "The folder of care-options.log: when Care Options started, and every \
                     message it showed, for whoever supports Care Options for you.",
                )
                .clicked()
            {
                commands.push(Command::OpenLogFolder);
            }
            if ui.button("About Care Options").clicked() {
                commands.push(Command::ShowAbout);
            }
        });
    });
}

/// File > New from example: each example shipped with the program by its title, what it is for
/// on hover.
fn examples_ui(ui: &mut Ui, commands: &mut Vec<Command>) {
    for example in crate::app::examples::EXAMPLES {
        if ui
            .button(example.title)
            .on_hover_text(example.about)
            .clicked()
        {
            commands.push(Command::NewFromExample(example.file));
        }
    }
}

/// File > Open Recent: each file by name, its full path on hover. A file no longer at its path is
/// listed greyed out, so the list does not silently change under the person's eyes; "Clear recent
/// files" empties it.
fn recent_ui(ui: &mut Ui, recent: &[PathBuf], commands: &mut Vec<Command>) {
    if recent.is_empty() {
        ui.add_enabled(false, egui::Button::new("No recent files"));
    }
    for path in recent {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let full = path.display().to_string();
        // Checked as the menu is drawn: files come and go while the window is open.
        if path.is_file() {
            if ui.button(name).on_hover_text(full).clicked() {
                commands.push(Command::OpenPath(path.clone()));
            }
        } else {
            ui.add_enabled(false, egui::Button::new(format!("{name} (missing)")))
                .on_disabled_hover_text(format!("No longer at {full}"));
        }
    }
    ui.separator();
    if ui
        .add_enabled(!recent.is_empty(), egui::Button::new("Clear recent files"))
        .clicked()
    {
        commands.push(Command::ClearRecent);
    }
}
