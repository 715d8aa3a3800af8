//! Colours. Each option keeps one colour everywhere — editor column, summary table, every chart in
//! the window and every exported chart — taken from the Okabe–Ito palette, which stays
//! distinguishable under the common forms of colour blindness. Cost-line groups use Paul Tol's
//! "muted" palette so they are never mistaken for options. Plain RGB here, so that the headless
//! chart renderer and the window read the same table.

/// A colour as 8-bit red, green and blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#0072B2`, for HTML and SVG.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }
}

/// Okabe & Ito (2008), in the order options get them. Yellow is left out: it vanishes on a light
/// background; black is replaced by grey so it shows on a dark one.
const OPTION_COLOURS: [Rgb; 7] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0x88, 0x88, 0x88), // grey
];

/// The colour of the option at `index` in the scenario (and in its results).
pub fn option_colour(index: usize) -> Rgb {
    OPTION_COLOURS[index % OPTION_COLOURS.len()]
}

/// Paul Tol's "muted" scheme, for categories that are not options (cost-line groups).
const CATEGORY_COLOURS: [Rgb; 9] = [
    Rgb(0x33, 0x22, 0x88), // indigo
    Rgb(0x88, 0xCC, 0xEE), // cyan
    Rgb(0x44, 0xAA, 0x99), // teal
    Rgb(0x11, 0x77, 0x33), // green
    Rgb(0x99, 0x99, 0x33), // olive
    Rgb(0xDD, 0xCC, 0x77), // sand
    Rgb(0xCC, 0x66, 0x77), // rose
    Rgb(0x88, 0x22, 0x55), // wine
    Rgb(0xAA, 0x44, 0x99), // purple
];

/// The colour of the cost-line group (or other non-option category) at `index`.
pub fn category_colour(index: usize) -> Rgb {
    CATEGORY_COLOURS[index % CATEGORY_COLOURS.len()]
}

/// Threshold lines and problem markers on charts, readable on light and dark backgrounds.
pub const THRESHOLD: Rgb = Rgb(0xD0, 0x30, 0x30);

/// Reference lines (zero, baseline medians): a neutral grey.
pub const REFERENCE: Rgb = Rgb(110, 110, 110);
