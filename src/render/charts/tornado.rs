//! Sensitivity tornado: for one option, the ten inputs whose draws move its cost (against the
//! baseline) the most, by Spearman rank correlation, biggest at the top.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::present::chart_data::{
    ChartKind, SWING_AXIS, SwingBar, swing_bars, swing_subtitle, tornado_entries,
};
use crate::present::colours::option_colour;
use crate::present::format::gbp_m_signed;
use crate::render::ChartSource;
use crate::render::frame::{
    ANNOTATION, Area, DrawError, Drawn, INK, LegendEntry, Mark, Scale, colour, frame,
};

use super::{builder, category_ticks, label_width, mesh, nothing_to_draw};

pub(super) fn tornado<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let titles = ChartKind::Tornado.axis_titles();
    let r = src.results;
    let index = src.tornado_option.min(r.options.len().saturating_sub(1));
    let Some(option) = r.options.get(index) else {
        return Err(DrawError("the results have no options".to_string()));
    };
    let is_baseline = option.name == r.baseline_option;
    let bars = swing_bars(r, &option.name);
    if !is_baseline && !bars.is_empty() {
        return swing_tornado(root, src, index, &bars);
    }
    let c = option_colour(index);
    let legend = [
        LegendEntry::new("Higher input, higher cost", c, Mark::Box(1.0)),
        LegendEntry::new("Higher input, lower cost", c, Mark::Box(0.45)),
    ];
    let kind = ChartKind::Tornado;
    let plot = frame(
        root,
        &format!("{}: {}", kind.title(r), option.name),
        &kind.subtitle(r, is_baseline),
        &legend,
        &src.stamp.line(),
    )?;
    let entries = tornado_entries(option, is_baseline);
    if entries.is_empty() {
        return nothing_to_draw(&plot, "No uncertain inputs: every input is fixed.");
    }
    let n = entries.len();
    let names: Vec<String> = entries.iter().map(|(name, _)| name.clone()).collect();
    let y_width = label_width(&plot, &names, s)?;
    let mut chart = builder(&plot, s, y_width)
        .build_cartesian_2d(-1.0..1.0, -0.6..n as f64 - 0.4)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        titles.x,
        titles.y,
        (
            &|v: &f64| {
                if v.abs() < 1e-9 {
                    "0".to_string()
                } else if *v < 0.0 {
                    format!("−{:.1}", -v)
                } else {
                    format!("+{v:.1}")
                }
            },
            5,
        ),
        (&category_ticks(names), n + 1),
    )?;
    let rgb = colour(c);
    for (k, (_, v)) in entries.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        let fill = if *v >= 0.0 {
            rgb.filled()
        } else {
            rgb.mix(0.45).filled()
        };
        chart
            .draw_series([
                Rectangle::new([(0.0, y - 0.35), (*v, y + 0.35)], fill),
                Rectangle::new(
                    [(0.0, y - 0.35), (*v, y + 0.35)],
                    rgb.stroke_width(s.stroke(1.5)),
                ),
            ])
            .drawn()?;
        let anchor = if *v >= 0.0 { HPos::Left } else { HPos::Right };
        let offset = if *v >= 0.0 { 0.015 } else { -0.015 };
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{v:+.2}").replace('-', "−"),
                (v + offset, y),
                s.font(ANNOTATION).pos(Pos::new(anchor, VPos::Center)),
            )))
            .drawn()?;
    }
    chart
        .draw_series(LineSeries::new(
            vec![(0.0, -0.6), (0.0, n as f64 - 0.4)],
            INK.stroke_width(s.stroke(2.0)),
        ))
        .drawn()?;
    Ok(())
}

/// The tornado in pounds: for each input a bar from the option's mean difference from the
/// baseline with the input at its P10 to that at its P90, £m, biggest swing at the top, and a
/// line at the run's own mean difference.
fn swing_tornado<DB: DrawingBackend>(
    root: &Area<DB>,
    src: &ChartSource<'_>,
    index: usize,
    bars: &[SwingBar],
) -> Result<(), DrawError> {
    let s = Scale::of(root);
    let r = src.results;
    let Some(option) = r.options.get(index) else {
        return Err(DrawError("the results have no options".to_string()));
    };
    let c = option_colour(index);
    let legend = [
        LegendEntry::new("Higher input, dearer option", c, Mark::Box(1.0)),
        LegendEntry::new("Higher input, cheaper option", c, Mark::Box(0.45)),
    ];
    let kind = ChartKind::Tornado;
    let plot = frame(
        root,
        &format!("{}: {}", kind.title(r), option.name),
        &swing_subtitle(&r.baseline_option),
        &legend,
        &src.stamp.line(),
    )?;
    let n = bars.len();
    let mean_m = option.npc_vs_baseline.mean / 1e6;
    let (mut lo, mut hi) = (mean_m.min(0.0), mean_m.max(0.0));
    for b in bars {
        lo = lo.min(b.at_p10_m).min(b.at_p90_m);
        hi = hi.max(b.at_p10_m).max(b.at_p90_m);
    }
    // Room either side for the labels of the swings.
    let pad = ((hi - lo) * 0.18).max(0.5);
    let names: Vec<String> = bars.iter().map(|b| b.title.clone()).collect();
    let y_width = label_width(&plot, &names, s)?;
    let mut chart = builder(&plot, s, y_width)
        .build_cartesian_2d((lo - pad)..(hi + pad), -0.6..n as f64 - 0.4)
        .drawn()?;
    mesh(
        &mut chart,
        s,
        SWING_AXIS,
        "",
        (&|v: &f64| gbp_m_signed(*v * 1e6), 6),
        (&category_ticks(names), n + 1),
    )?;
    let rgb = colour(c);
    for (k, b) in bars.iter().enumerate() {
        let y = (n - 1 - k) as f64;
        let (low, high) = (b.at_p10_m.min(b.at_p90_m), b.at_p10_m.max(b.at_p90_m));
        let fill = if b.swing_m() >= 0.0 {
            rgb.filled()
        } else {
            rgb.mix(0.45).filled()
        };
        chart
            .draw_series([
                Rectangle::new([(low, y - 0.35), (high, y + 0.35)], fill),
                Rectangle::new(
                    [(low, y - 0.35), (high, y + 0.35)],
                    rgb.stroke_width(s.stroke(1.5)),
                ),
            ])
            .drawn()?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("swing {}", gbp_m_signed(b.swing_m() * 1e6)),
                (high + pad * 0.05, y),
                s.font(ANNOTATION).pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .drawn()?;
    }
    chart
        .draw_series(LineSeries::new(
            vec![(mean_m, -0.6), (mean_m, n as f64 - 0.4)],
            INK.stroke_width(s.stroke(2.0)),
        ))
        .drawn()?;
    Ok(())
}
