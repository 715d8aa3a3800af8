//! The window's colours as egui colours. The tables live in [`crate::present::colours`], shared
//! with the exported charts, so an option has the same colour on screen and on paper.

use egui::Color32;

use crate::present::colours::{self, Rgb};

fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// The colour of the option at `index` in the scenario (and in its results).
pub fn option_colour(index: usize) -> Color32 {
    colour(colours::option_colour(index))
}

/// A see-through version of a colour, for bands and filled areas.
pub fn translucent(colour: Color32, alpha: f32) -> Color32 {
    colour.gamma_multiply(alpha)
}

/// The colour of the cost-line group at `index`.
pub fn category_colour(index: usize) -> Color32 {
    colour(colours::category_colour(index))
}

/// Text and markers for problems.
pub const PROBLEM: Color32 = Color32::from_rgb(0xC0, 0x1C, 0x28);

/// Problem colour readable on the current theme.
pub fn problem_colour(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0xFF, 0x7B, 0x72)
    } else {
        PROBLEM
    }
}

/// The problem colour for plot lines, readable on both themes.
pub fn problem_colour_plain() -> Color32 {
    colour(colours::THRESHOLD)
}

/// Reference lines (zero, baseline medians).
pub fn reference_colour() -> Color32 {
    colour(colours::REFERENCE)
}
