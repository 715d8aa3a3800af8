//! The parts every exported chart shares: white background, title, the sentence that says how to
//! read it, a legend in rows above the plot, and the stamp at the foot. Sizes are set for a
//! 1,600-pixel picture and scale with its width.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::present::colours::Rgb;

use super::FAMILY;

pub type Area<DB> = DrawingArea<DB, Shift>;

/// Why plotters could not draw a chart, in its own words: its error types differ with each
/// backend (bitmap or SVG), so only their message is kept. The caller names the chart.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DrawError(pub String);

/// Turns any drawing error into a [`DrawError`].
pub trait Drawn<T> {
    fn drawn(self) -> Result<T, DrawError>;
}

impl<T, E: std::fmt::Display> Drawn<T> for Result<T, E> {
    fn drawn(self) -> Result<T, DrawError> {
        self.map_err(|e| DrawError(e.to_string()))
    }
}

/// Type sizes, pixels at 1,600 wide. A chart pasted full width into an A4 report (16 cm) shows
/// the title at about 13 pt, tick labels at about 7 pt and the stamp at about 5 pt.
pub const TITLE: f64 = 46.0;
pub const SUBTITLE: f64 = 28.0;
pub const LEGEND: f64 = 28.0;
pub const TICK: f64 = 26.0;
pub const AXIS_TITLE: f64 = 28.0;
pub const ANNOTATION: f64 = 26.0;
pub const STAMP: f64 = 19.0;

/// Colours of text and lines that are not data.
pub const INK: RGBColor = RGBColor(0, 0, 0);
pub const SUBTLE_INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
pub const STAMP_INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

pub fn colour(rgb: Rgb) -> RGBColor {
    RGBColor(rgb.0, rgb.1, rgb.2)
}

/// Scales sizes with the picture's width.
#[derive(Debug, Clone, Copy)]
pub struct Scale(pub f64);

impl Scale {
    pub fn of<DB: DrawingBackend>(area: &Area<DB>) -> Scale {
        Scale(f64::from(area.dim_in_pixel().0) / 1600.0)
    }

    /// A length in pixels.
    pub fn px(self, at_1600: f64) -> i32 {
        (at_1600 * self.0).round() as i32
    }

    /// A line width in pixels, at least one.
    pub fn stroke(self, at_1600: f64) -> u32 {
        (at_1600 * self.0).round().max(1.0) as u32
    }

    pub fn font(self, size: f64) -> TextStyle<'static> {
        TextStyle::from((FAMILY, size * self.0).into_font()).color(&INK)
    }

    pub fn bold(self, size: f64) -> TextStyle<'static> {
        TextStyle::from((FAMILY, size * self.0, FontStyle::Bold).into_font()).color(&INK)
    }
}

/// How a legend entry's sample is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Line,
    Dashed,
    Dotted,
    /// A filled box, at this opacity, outlined in the full colour.
    Box(f64),
    Dot,
    /// A median line over a translucent band.
    Band,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub label: String,
    pub colour: Rgb,
    pub mark: Mark,
}

impl LegendEntry {
    pub fn new(label: impl Into<String>, colour: Rgb, mark: Mark) -> Self {
        LegendEntry {
            label: label.into(),
            colour,
            mark,
        }
    }
}

/// Breaks `text` into lines no wider than `width` pixels at `style`.
pub fn wrap<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle<'_>,
    width: i32,
) -> Result<Vec<String>, DrawError> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        let (w, _) = area.estimate_text_size(&candidate, style).drawn()?;
        if w as i32 > width && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// Draws lines of text from `top`, returning the y below the last.
fn text_lines<DB: DrawingBackend>(
    area: &Area<DB>,
    lines: &[String],
    style: &TextStyle<'_>,
    left: i32,
    top: i32,
    line_height: i32,
) -> Result<i32, DrawError> {
    let style = style.pos(Pos::new(HPos::Left, VPos::Top));
    let mut y = top;
    for line in lines {
        area.draw_text(line, &style, (left, y)).drawn()?;
        y += line_height;
    }
    Ok(y)
}

/// The chart's frame. Returns the area left for the plot.
pub fn frame<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    subtitle: &str,
    legend: &[LegendEntry],
    stamp: &str,
) -> Result<Area<DB>, DrawError> {
    let s = Scale::of(root);
    let (width, height) = root.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    root.fill(&WHITE).drawn()?;
    let margin = s.px(40.0);
    let inner = width - 2 * margin;

    // Title and subtitle.
    let title_style = s.bold(TITLE);
    let title_lines = wrap(root, title, &title_style, inner)?;
    let mut y = text_lines(
        root,
        &title_lines,
        &title_style,
        margin,
        s.px(28.0),
        s.px(TITLE * 1.2),
    )?;
    y += s.px(6.0);
    let subtitle_style = s.font(SUBTITLE).color(&SUBTLE_INK);
    let subtitle_lines = wrap(root, subtitle, &subtitle_style, inner)?;
    y = text_lines(
        root,
        &subtitle_lines,
        &subtitle_style,
        margin,
        y,
        s.px(SUBTITLE * 1.3),
    )?;
    y += s.px(14.0);

    // Legend, in rows.
    y = legend_rows(root, legend, margin, y, inner)?;

    // Stamp at the foot, wrapped if long.
    let stamp_style = s.font(STAMP).color(&STAMP_INK);
    let stamp_lines = wrap(root, stamp, &stamp_style, inner)?;
    let stamp_height = s.px(STAMP * 1.35) * stamp_lines.len() as i32;
    let stamp_top = height - s.px(22.0) - stamp_height;
    text_lines(
        root,
        &stamp_lines,
        &stamp_style,
        margin,
        stamp_top,
        s.px(STAMP * 1.35),
    )?;

    let plot_top = y + s.px(8.0);
    let plot_bottom = stamp_top - s.px(18.0);
    let plot = root.clone().shrink(
        (margin, plot_top),
        (inner, (plot_bottom - plot_top).max(s.px(200.0))),
    );
    Ok(plot)
}

/// Draws the legend entries left to right, wrapping to new rows; returns the y below them.
fn legend_rows<DB: DrawingBackend>(
    root: &Area<DB>,
    legend: &[LegendEntry],
    left: i32,
    top: i32,
    width: i32,
) -> Result<i32, DrawError> {
    if legend.is_empty() {
        return Ok(top);
    }
    let s = Scale::of(root);
    let style = s.font(LEGEND).pos(Pos::new(HPos::Left, VPos::Center));
    let sample = s.px(56.0);
    let gap = s.px(12.0);
    let between = s.px(40.0);
    let row_height = s.px(LEGEND * 1.5);
    let (mut x, mut row_mid) = (left, top + row_height / 2);
    for entry in legend {
        let (text_width, _) = root.estimate_text_size(&entry.label, &style).drawn()?;
        let item = sample + gap + text_width as i32;
        if x > left && x + item > left + width {
            x = left;
            row_mid += row_height;
        }
        draw_mark(root, entry, (x, row_mid), sample)?;
        root.draw_text(&entry.label, &style, (x + sample + gap, row_mid))
            .drawn()?;
        x += item + between;
    }
    Ok(row_mid + row_height / 2)
}

/// A legend sample `length` pixels long, centred vertically on `mid.1`.
fn draw_mark<DB: DrawingBackend>(
    root: &Area<DB>,
    entry: &LegendEntry,
    (x, y): (i32, i32),
    length: i32,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let c = colour(entry.colour);
    let line = |width: f64| c.stroke_width(s.stroke(width));
    match entry.mark {
        Mark::Line => root
            .draw(&PathElement::new(vec![(x, y), (x + length, y)], line(5.0)))
            .drawn()?,
        Mark::Dashed | Mark::Dotted => {
            let (dash, gap) = if entry.mark == Mark::Dashed {
                (s.px(14.0), s.px(7.0))
            } else {
                (s.px(4.0), s.px(7.0))
            };
            let mut at = x;
            while at < x + length {
                let end = (at + dash).min(x + length);
                root.draw(&PathElement::new(vec![(at, y), (end, y)], line(4.0)))
                    .drawn()?;
                at = end + gap;
            }
        }
        Mark::Box(alpha) => {
            let h = s.px(13.0);
            root.draw(&Rectangle::new(
                [(x + s.px(8.0), y - h), (x + length - s.px(8.0), y + h)],
                c.mix(alpha).filled(),
            ))
            .drawn()?;
            root.draw(&Rectangle::new(
                [(x + s.px(8.0), y - h), (x + length - s.px(8.0), y + h)],
                line(2.0),
            ))
            .drawn()?;
        }
        Mark::Dot => root
            .draw(&Circle::new((x + length / 2, y), s.px(9.0), c.filled()))
            .drawn()?,
        Mark::Band => {
            let h = s.px(14.0);
            root.draw(&Rectangle::new(
                [(x, y - h), (x + length, y + h)],
                c.mix(0.18).filled(),
            ))
            .drawn()?;
            root.draw(&PathElement::new(vec![(x, y), (x + length, y)], line(5.0)))
                .drawn()?;
        }
    }
    Ok(())
}
