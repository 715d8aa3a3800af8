//! The menu bar and the keyboard shortcuts. Both only record commands.

use egui::{Context, Key, KeyboardShortcut, Modifiers, Ui};

use super::Command;

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const REDO_SHIFT_Z: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);

/// What the menus need to know to grey out what cannot be done.
pub struct MenuState {
    pub can_undo: bool,
    pub can_redo: bool,
    pub dark: bool,
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

pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState, commands: &mut Vec<Command>) {
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
            if item(ui, "Open…", Some(&OPEN)) {
                commands.push(Command::Open);
            }
            if item(ui, "Save", Some(&SAVE)) {
                commands.push(Command::Save);
            }
            if item(ui, "Save As…", Some(&SAVE_AS)) {
                commands.push(Command::SaveAs);
            }
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
        });
        ui.menu_button("View", |ui| {
            if ui.radio(!state.dark, "Light theme").clicked() {
                commands.push(Command::SetDark(false));
            }
            if ui.radio(state.dark, "Dark theme").clicked() {
                commands.push(Command::SetDark(true));
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("About Care Options").clicked() {
                commands.push(Command::ShowAbout);
            }
        });
    });
}
