//! Exported charts: every chart of the results as a PNG (white background, at least 1,600 pixels
//! wide) and as an SVG, drawn headless with plotters in the typeface bundled in `assets/fonts`.
//! The window's "Export PNG/SVG" and "Copy image", the report and `care-options report` all draw
//! through here, so a chart exported from the window and from the command line is the same
//! picture.
//!
//! Each picture has the chart's title, the sentence that says how to read it, a legend above the
//! plot (never over the data), axis titles with units, and the stamp in small type at the foot.
//! The numbers come from [`crate::present::chart_data`], the same as the window's charts.
//!
//! Depends on the model and present; no window, no files.

pub mod calibration;
mod charts;
mod frame;

use std::sync::OnceLock;

use plotters::prelude::*;

use crate::model::RunResults;
use crate::present::chart_data::{ChartData, ChartKind};
use crate::present::stamp::Stamp;

pub use frame::DrawError;

/// Width and height of an exported chart, pixels (SVG user units). 16:10, wide enough for a
/// projector and for a full-width figure in an A4 report.
pub const EXPORT_SIZE: (u32, u32) = (1600, 1000);

/// The family name every text element uses. Registered with the bundled font, and written into
/// SVG files as is, so an SVG viewer falls back to its own sans-serif.
const FAMILY: &str = "sans-serif";

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not draw the chart \"{chart}\": {reason}")]
pub struct RenderError {
    pub chart: String,
    pub reason: String,
}

/// What a chart is drawn from.
#[derive(Debug, Clone, Copy)]
pub struct ChartSource<'a> {
    pub results: &'a RunResults,
    pub data: &'a ChartData,
    /// The quality threshold of the scenario (0–100).
    pub threshold: f64,
    /// The option the sensitivity tornado shows (its index in the results).
    pub tornado_option: usize,
    pub stamp: &'a Stamp,
}

/// Registers the bundled typeface with plotters, once per process.
fn register_fonts() -> Result<(), DrawError> {
    static DONE: OnceLock<Result<(), DrawError>> = OnceLock::new();
    DONE.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR)
            .map_err(|_| DrawError("the bundled regular font is unreadable".to_string()))?;
        plotters::style::register_font(FAMILY, FontStyle::Bold, BOLD)
            .map_err(|_| DrawError("the bundled bold font is unreadable".to_string()))
    })
    .clone()
}

fn error(kind: ChartKind, reason: impl ToString) -> RenderError {
    RenderError {
        chart: kind.file_stem().to_string(),
        reason: reason.to_string(),
    }
}

/// The chart as 8-bit RGB pixels, row by row: `width × height × 3` bytes.
pub fn rgb(
    kind: ChartKind,
    source: &ChartSource<'_>,
    (width, height): (u32, u32),
) -> Result<Vec<u8>, RenderError> {
    register_fonts().map_err(|e| error(kind, e))?;
    let mut pixels = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        charts::draw(root, kind, source).map_err(|e| error(kind, e))?;
    }
    Ok(pixels)
}

/// The chart as a PNG file's bytes.
pub fn png(
    kind: ChartKind,
    source: &ChartSource<'_>,
    size: (u32, u32),
) -> Result<Vec<u8>, RenderError> {
    let pixels = rgb(kind, source, size)?;
    encode_png(&pixels, size).map_err(|e| error(kind, e))
}

/// Encodes RGB pixels as PNG.
pub fn encode_png(pixels: &[u8], (width, height): (u32, u32)) -> Result<Vec<u8>, DrawError> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(pixels, width, height, image::ExtendedColorType::Rgb8)
        .map_err(|e| DrawError(format!("PNG encoding failed: {e}")))?;
    Ok(out)
}

/// The chart as an SVG document.
pub fn svg(
    kind: ChartKind,
    source: &ChartSource<'_>,
    size: (u32, u32),
) -> Result<String, RenderError> {
    register_fonts().map_err(|e| error(kind, e))?;
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, size).into_drawing_area();
        charts::draw(root, kind, source).map_err(|e| error(kind, e))?;
    }
    Ok(text)
}
