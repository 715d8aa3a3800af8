//! Scenario files dragged onto the window from a file manager: while one is over the window a
//! translucent overlay says what dropping it does; a dropped `.ron` file opens through the same
//! path as File > Open (unsaved changes are asked about first); anything else is refused with a
//! message and changes nothing.

use std::path::{Path, PathBuf};

use egui::{
    Align, Color32, Context, Id, Layout, Order, Rect, RichText, StrokeKind, UiBuilder, vec2,
};

use super::{Command, palette};

/// What the overlay says while a file is dragged over the window.
pub const DROP_HINT: &str = "Drop a .ron scenario to open it";

/// Scenario files are `.ron` (in any case: `.RON` from a Windows share is the same file type).
pub fn is_scenario_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Reads this frame's dropped files into a command.
pub fn dropped_files(ctx: &Context, commands: &mut Vec<Command>) {
    let paths: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    commands.extend(command_for_drop(&paths));
}

/// One `.ron` file opens; anything else is refused, saying why.
pub fn command_for_drop(paths: &[PathBuf]) -> Option<Command> {
    match paths {
        [] => None,
        [path] if is_scenario_path(path) => Some(Command::OpenPath(path.clone())),
        [path] => Some(Command::RefuseDrop {
            title: "Only .ron scenarios can be opened".to_string(),
            text: format!(
                "{} is not a scenario file: only .ron scenario files can be opened. The scenario \
                 in the window has not changed.",
                file_name(path)
            ),
        }),
        several => Some(Command::RefuseDrop {
            title: "One scenario at a time".to_string(),
            text: format!(
                "{} files were dropped: drop one .ron scenario at a time. The scenario in the \
                 window has not changed.",
                several.len()
            ),
        }),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The overlay over the whole window while files are dragged over it.
pub fn hover_overlay_ui(ctx: &Context) {
    let hovered: Vec<Option<PathBuf>> =
        ctx.input(|i| i.raw.hovered_files.iter().map(|f| f.path.clone()).collect());
    if hovered.is_empty() {
        return;
    }
    // Said before the drop where the platform tells which file it is.
    let warning = match hovered.as_slice() {
        [Some(path)] if !is_scenario_path(path) => {
            Some(format!("{} is not a .ron scenario", file_name(path)))
        }
        [_] => None,
        several => Some(format!("{} files: one at a time, please", several.len())),
    };
    let rect = ctx.content_rect();
    egui::Area::new(Id::unique("care-options-drop-overlay"))
        // Above menus and dialogs: it is what the pointer is doing right now.
        .order(Order::Tooltip)
        .fixed_pos(rect.min)
        .interactable(false)
        .show(ctx, |ui| {
            let visuals = ui.visuals().clone();
            ui.painter()
                .rect_filled(rect, 0.0, Color32::from_black_alpha(150));
            // A card in the middle, drawn like a window, so the words stand clear of the charts.
            let card_size = vec2(
                CARD_WIDTH.min(rect.width() - 2.0 * CARD_MARGIN),
                if warning.is_some() { 110.0 } else { 70.0 },
            );
            let card = Rect::from_center_size(rect.center(), card_size);
            ui.painter().rect(
                card,
                visuals.window_corner_radius,
                visuals.window_fill,
                visuals.window_stroke,
                StrokeKind::Outside,
            );
            let inner = card.shrink(CARD_MARGIN);
            ui.scope_builder(
                UiBuilder::new()
                    .max_rect(inner)
                    .layout(Layout::top_down(Align::Center)),
                |ui| {
                    ui.label(RichText::new(DROP_HINT).size(22.0).strong());
                    if let Some(warning) = warning {
                        ui.add_space(8.0);
                        // One line, however long the file's name: the card does not grow.
                        ui.add(
                            egui::Label::new(
                                RichText::new(warning)
                                    .size(16.0)
                                    .color(palette::problem_colour(ui)),
                            )
                            .truncate(),
                        );
                    }
                },
            );
        });
}

/// Width of the overlay's card, in points; it is narrower in a narrower window.
const CARD_WIDTH: f32 = 520.0;
/// Space inside the card around its words, and outside it at the least.
const CARD_MARGIN: f32 = 20.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_ron_file_is_opened() {
        let ron = PathBuf::from("/scenarios/Option Appraisal.RON");
        assert_eq!(
            command_for_drop(std::slice::from_ref(&ron)),
            Some(Command::OpenPath(ron.clone()))
        );
        assert_eq!(command_for_drop(&[]), None);
        let Some(Command::RefuseDrop { text: why, .. }) =
            command_for_drop(&["/tmp/notes.txt".into()])
        else {
            panic!("a .txt file is refused");
        };
        assert!(why.starts_with("notes.txt is not a scenario file"), "{why}");
        let Some(Command::RefuseDrop { text: why, .. }) = command_for_drop(&[ron.clone(), ron])
        else {
            panic!("two files are refused");
        };
        assert!(why.starts_with("2 files were dropped"), "{why}");
        assert!(!is_scenario_path(Path::new("/scenarios/ron")));
    }
}
