//! The row of tabs under the menu: one per open scenario, with its name and " *" while it has
//! unsaved changes; click one to show it, × to close it (asking about unsaved changes first), +
//! for a new tab on the default scenario.

use egui::{RichText, Ui};

use crate::app::command::Command;
use crate::app::tab::Tab;

/// The row of tabs under the menu: click one to show it, × to close it (asking about unsaved
/// changes first).
pub fn tab_bar_ui(ui: &mut Ui, tabs: &[Tab], active: usize, commands: &mut Vec<Command>) {
    egui::ScrollArea::horizontal()
        .id_salt("tab-bar")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                for (i, tab) in tabs.iter().enumerate() {
                    let path = tab
                        .doc
                        .path
                        .as_ref()
                        .map_or("Not saved to a file yet".to_string(), |p| {
                            p.display().to_string()
                        });
                    let label = RichText::new(tab.label());
                    let response = ui
                        .selectable_label(
                            i == active,
                            if i == active { label.strong() } else { label },
                        )
                        .on_hover_text(path);
                    if response.clicked() && i != active {
                        commands.push(Command::SelectTab(i));
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text(format!("Close {} (Ctrl+W)", tab.doc.file.name))
                        .clicked()
                    {
                        commands.push(Command::CloseTab(tab.id));
                    }
                    ui.separator();
                }
                if ui
                    .small_button("+")
                    .on_hover_text("A new tab on the default scenario (Ctrl+N)")
                    .clicked()
                {
                    commands.push(Command::New);
                }
            });
        });
}
