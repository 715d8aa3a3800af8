//! The calibration chart: each council's modelled first-year cost against its published gross
//! spend, on logarithmic axes (councils range from £5m to £400m), with the line of equality and
//! the ±25% band around it.

use plotters::prelude::*;

use super::frame::{
    AXIS_TITLE, Area, DrawError, Drawn, GRID, INK, LegendEntry, Mark, Scale, TICK, frame,
};
use super::{EXPORT_SIZE, RenderError, encode_png, register_fonts};
use crate::present::colours;

/// What the calibration chart draws.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationChart {
    pub title: String,
    pub subtitle: String,
    /// `(published £m, modelled £m)` per council.
    pub points: Vec<(f64, f64)>,
    /// The line at the foot: sources and licence.
    pub footnote: String,
}

fn failed(reason: impl ToString) -> RenderError {
    RenderError {
        chart: "calibration".to_string(),
        reason: reason.to_string(),
    }
}

/// The chart as a PNG file's bytes, at the size of every exported chart.
pub fn calibration_png(chart: &CalibrationChart) -> Result<Vec<u8>, RenderError> {
    register_fonts().map_err(failed)?;
    let (width, height) = EXPORT_SIZE;
    let mut pixels = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        draw(&root, chart).map_err(failed)?;
        root.present().map_err(failed)?;
    }
    encode_png(&pixels, EXPORT_SIZE).map_err(failed)
}

fn draw<DB: DrawingBackend>(root: &Area<DB>, chart: &CalibrationChart) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let council = colours::option_colour(0);
    let legend = [
        LegendEntry::new("A council (one dot each)", council, Mark::Dot),
        LegendEntry::new("Model = published", colours::REFERENCE, Mark::Line),
        LegendEntry::new("±25%", colours::REFERENCE, Mark::Dashed),
    ];
    let plot = frame(
        root,
        &chart.title,
        &chart.subtitle,
        &legend,
        &chart.footnote,
    )?;
    let finite: Vec<(f64, f64)> = chart
        .points
        .iter()
        .copied()
        .filter(|(x, y)| x.is_finite() && y.is_finite() && *x > 0.0 && *y > 0.0)
        .collect();
    let lo = finite
        .iter()
        .map(|(x, y)| x.min(*y))
        .fold(f64::INFINITY, f64::min)
        .max(0.1)
        * 0.8;
    let hi = finite
        .iter()
        .map(|(x, y)| x.max(*y))
        .fold(0.0, f64::max)
        .max(lo * 2.0)
        * 1.25;
    let mut c = ChartBuilder::on(&plot)
        .margin(s.px(10.0))
        .x_label_area_size(s.px(90.0))
        .y_label_area_size(s.px(120.0))
        .build_cartesian_2d((lo..hi).log_scale(), (lo..hi).log_scale())
        .drawn()?;
    c.configure_mesh()
        .light_line_style(GRID)
        .bold_line_style(GRID)
        .axis_style(INK)
        .label_style(s.font(TICK))
        .axis_desc_style(s.font(AXIS_TITLE))
        .x_desc("Published gross spend on children's social care (£m, RO3)")
        .y_desc("Model: first year's cost (£m, same prices)")
        .x_labels(12)
        .y_labels(12)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.0}"))
        .draw()
        .drawn()?;
    let grey = super::frame::colour(colours::REFERENCE);
    let steps = 60;
    // y = k·x, drawn only where it stays inside the plot.
    let line = |k: f64| {
        let (from, to) = (lo / k.min(1.0), hi / k.max(1.0));
        (0..=steps).map(move |i| {
            let x = from * (to / from).powf(i as f64 / steps as f64);
            (x, x * k)
        })
    };
    c.draw_series(LineSeries::new(line(1.0), grey.stroke_width(s.stroke(3.0))))
        .drawn()?;
    for k in [0.75, 1.25] {
        c.draw_series(DashedLineSeries::new(
            line(k),
            s.px(14.0) as u32,
            s.px(10.0) as u32,
            grey.stroke_width(s.stroke(2.0)),
        ))
        .drawn()?;
    }
    let dot = super::frame::colour(council).mix(0.75).filled();
    c.draw_series(
        finite
            .iter()
            .map(|&(x, y)| Circle::new((x, y), s.px(7.0), dot)),
    )
    .drawn()?;
    Ok(())
}
