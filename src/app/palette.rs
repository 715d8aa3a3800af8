//! Colours. Each option keeps one colour everywhere — editor column, summary table and every
//! chart — taken from the Okabe–Ito palette, which stays distinguishable under the common forms
//! of colour blindness. Cost-line groups use Paul Tol's "muted" palette so they are never
//! mistaken for options.

use egui::Color32;

/// Okabe & Ito (2008), in the order options get them. Yellow is left out: it vanishes on a light
/// background; black is replaced by grey so it shows on a dark one.
const OPTION_COLOURS: [Color32; 7] = [
    Color32::from_rgb(0x00, 0x72, 0xB2), // blue
    Color32::from_rgb(0xD5, 0x5E, 0x00), // vermillion
    Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
    Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
    Color32::from_rgb(0x56, 0xB4, 0xE9), // sky blue
    Color32::from_rgb(0x88, 0x88, 0x88), // grey
];

/// The colour of the option at `index` in the scenario (and in its results).
pub fn option_colour(index: usize) -> Color32 {
    OPTION_COLOURS[index % OPTION_COLOURS.len()]
}

/// A see-through version of a colour, for bands and filled areas.
pub fn translucent(colour: Color32, alpha: f32) -> Color32 {
    colour.gamma_multiply(alpha)
}

/// Paul Tol's "muted" scheme, for categories that are not options (cost-line groups).
const CATEGORY_COLOURS: [Color32; 9] = [
    Color32::from_rgb(0x33, 0x22, 0x88), // indigo
    Color32::from_rgb(0x88, 0xCC, 0xEE), // cyan
    Color32::from_rgb(0x44, 0xAA, 0x99), // teal
    Color32::from_rgb(0x11, 0x77, 0x33), // green
    Color32::from_rgb(0x99, 0x99, 0x33), // olive
    Color32::from_rgb(0xDD, 0xCC, 0x77), // sand
    Color32::from_rgb(0xCC, 0x66, 0x77), // rose
    Color32::from_rgb(0x88, 0x22, 0x55), // wine
    Color32::from_rgb(0xAA, 0x44, 0x99), // purple
];

pub fn category_colour(index: usize) -> Color32 {
    CATEGORY_COLOURS[index % CATEGORY_COLOURS.len()]
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
    Color32::from_rgb(0xD0, 0x30, 0x30)
}
