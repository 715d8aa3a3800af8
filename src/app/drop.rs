//! Scenario files dragged onto the window from a file manager: while one is over the window a
//! translucent overlay says what dropping it does; each dropped `.ron` file opens in a tab of its
//! own through the same path as File > Open; anything else is refused with a message and changes
//! nothing.

use std::path::{Path, PathBuf};

use egui::{
    Align, Color32, Context, Id, Layout, Order, Rect, RichText, StrokeKind, UiBuilder, vec2,
};

use super::command::Command;
use super::palette;

/// What the overlay says while a file is dragged over the window.
pub const DROP_HINT: &str = "Drop a .ron scenario to open it";

/// Scenario files are `.ron` (in any case: `.RON` from a Windows share is the same file type).
pub fn is_scenario_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Reads this frame's dropped files into commands.
pub fn dropped_files(ctx: &Context, commands: &mut Vec<Command>) {
    let paths: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .collect()
    });
    commands.extend(commands_for_drop(&paths));
}

/// Each `.ron` file opens in its own tab. If any dropped file is not a scenario, nothing opens,
/// and the message names the files refused.
pub fn commands_for_drop(paths: &[PathBuf]) -> Vec<Command> {
    let refused: Vec<String> = paths
        .iter()
        .filter(|p| !is_scenario_path(p))
        .map(|p| file_name(p))
        .collect();
    if refused.is_empty() {
        return paths.iter().cloned().map(Command::OpenPath).collect();
    }
    let what = if refused.len() == 1 {
        format!("{} is not a scenario file", refused[0])
    } else {
        format!("{} are not scenario files", refused.join(", "))
    };
    vec![Command::RefuseDrop {
        title: "Only .ron scenarios can be opened".to_string(),
        text: format!(
            "{what}: only .ron scenario files can be opened. Nothing was opened from this drop."
        ),
    }]
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
        several => {
            let refused: Vec<String> = several
                .iter()
                .flatten()
                .filter(|p| !is_scenario_path(p))
                .map(|p| file_name(p))
                .collect();
            (!refused.is_empty()).then(|| format!("{} is not a .ron scenario", refused.join(", ")))
        }
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
    fn every_ron_file_opens_and_anything_else_refuses_the_drop() {
        let ron = PathBuf::from("/scenarios/Option Appraisal.RON");
        let other = PathBuf::from("/scenarios/variant.ron");
        assert_eq!(
            commands_for_drop(&[ron.clone(), other.clone()]),
            vec![Command::OpenPath(ron.clone()), Command::OpenPath(other)]
        );
        assert!(commands_for_drop(&[]).is_empty());
        let refused = commands_for_drop(&[ron, "/tmp/notes.txt".into()]);
        let [Command::RefuseDrop { text: why, .. }] = refused.as_slice() else {
            panic!("a drop with a .txt file is refused whole");
        };
        assert!(why.starts_with("notes.txt is not a scenario file"), "{why}");
        assert!(why.contains("Nothing was opened"), "{why}");
        assert!(!is_scenario_path(Path::new("/scenarios/ron")));
    }
}
