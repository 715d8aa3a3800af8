//! Sensitivity tornado: for a chosen option, the ten sampled inputs whose draws move its cost
//! compared with the baseline the most (Spearman rank correlation), biggest at the top.

use egui::{RichText, Ui};
use egui_plot::{AxisHints, Bar, BarChart, Corner, GridMark};

use super::{ChartInput, ChartsState, base_plot, chart_heading, legend, titled};
use crate::app::palette;
use crate::present::chart_data::{
    ChartKind, SWING_AXIS, SwingBar, swing_bars, swing_subtitle, tornado_entries, tornado_option,
};

pub fn tornado_ui(ui: &mut Ui, input: &ChartInput<'_>, state: &mut ChartsState, height: f32) {
    let r = input.results;
    let chosen_index = tornado_option(r, state.tornado_option.as_deref());
    let Some(option) = r.options.get(chosen_index) else {
        return;
    };
    let is_baseline = option.name == r.baseline_option;
    let kind = ChartKind::Tornado;
    let in_pounds =
        !state.tornado_in_rank && !is_baseline && !swing_bars(r, &option.name).is_empty();
    let subtitle = if in_pounds {
        swing_subtitle(&r.baseline_option)
    } else {
        kind.subtitle(r, is_baseline)
    };
    chart_heading(ui, &kind.title(r), &subtitle);
    // A slide is about one option already: no picker to show on a projector.
    if !state.presenting {
        ui.horizontal(|ui| {
            let label = ui.label("Option:");
            let mut selected = option.name.clone();
            egui::ComboBox::from_id_salt("tornado-option")
                .selected_text(selected.as_str())
                .show_ui(ui, |ui| {
                    for o in &r.options {
                        ui.selectable_value(&mut selected, o.name.clone(), o.name.as_str());
                    }
                })
                .response
                .labelled_by(label.id);
            if selected != option.name {
                state.tornado_option = Some(selected);
            }
            ui.separator();
            ui.selectable_value(&mut state.tornado_in_rank, false, "£m swing")
                .on_hover_text(
                    "How far the option's mean difference from the baseline moves, in £m of net \
                     present cost, as each input goes from its P10 to its P90, everything else drawn \
                     as usual.",
                );
            ui.selectable_value(&mut state.tornado_in_rank, true, "Rank correlation")
                .on_hover_text(
                    "Spearman's rank correlation of each input's draws with the option's difference \
                     from the baseline, from −1 to +1.",
                );
        });
    }
    let bars = swing_bars(r, &option.name);
    if !state.tornado_in_rank && !is_baseline {
        if bars.is_empty() {
            ui.label(
                RichText::new(
                    "The £m swings are worked out after the run (version 3 scenarios); until \
                     then, and for older files, the rank correlations are shown.",
                )
                .weak(),
            );
        } else {
            swing_plot(ui, input, &bars, chosen_index, height);
            return;
        }
    }
    let entries = tornado_entries(option, is_baseline);
    if entries.is_empty() {
        ui.label(RichText::new("No uncertain inputs: every input is fixed.").weak());
        return;
    }
    let n = entries.len();
    let colour = palette::option_colour(chosen_index);
    let lighter = palette::translucent(colour, 0.45);
    let bar = |k: usize, (name, v): &(String, f64)| {
        let fill = if *v >= 0.0 { colour } else { lighter };
        Bar::new((n - 1 - k) as f64, *v)
            .width(0.7)
            .fill(fill)
            .stroke(egui::Stroke::new(1.0, colour))
            .name(name)
    };
    let raises: Vec<Bar> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.1 >= 0.0)
        .map(|(k, e)| bar(k, e))
        .collect();
    let lowers: Vec<Bar> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.1 < 0.0)
        .map(|(k, e)| bar(k, e))
        .collect();
    let names: Vec<String> = entries.iter().map(|(name, _)| name.clone()).collect();
    // Each bar's break-even, where the run has switching values: in its hover text and listed
    // under the chart.
    let breaks_even = breaks_even_by_title(input, &option.name, is_baseline);
    let hover = breaks_even.clone();
    let formatter = move || {
        let hover = hover.clone();
        Box::new(move |bar: &Bar, _: &BarChart| {
            let switch = hover
                .iter()
                .find(|(title, _)| *title == bar.name)
                .map_or(String::new(), |(_, text)| format!("\n{text}"));
            format!("{}\nρ = {:+.2}{switch}", bar.name, bar.value)
        }) as Box<dyn Fn(&Bar, &BarChart) -> String>
    };
    let plot = titled(
        base_plot("tornado", height - 26.0),
        ChartKind::Tornado.axis_titles(),
    )
    .legend(legend(Corner::RightBottom))
    .x_axis_formatter(|mark, _| {
        let v = mark.value;
        if v.abs() < 1e-9 {
            "0".to_string()
        } else if v < 0.0 {
            format!("−{:.1}", -v)
        } else {
            format!("+{v:.1}")
        }
    })
    .include_x(-1.0)
    .include_x(1.0);
    one_row_per_input(plot, names).show(ui, |plot| {
        plot.bar_chart(
            BarChart::new("Higher input, higher cost", raises)
                .horizontal()
                .color(colour)
                .element_formatter(formatter()),
        );
        plot.bar_chart(
            BarChart::new("Higher input, lower cost", lowers)
                .horizontal()
                .color(lighter)
                .element_formatter(formatter()),
        );
    });
    if !breaks_even.is_empty() {
        ui.label(
            RichText::new(format!(
                "Breaks even (mean difference from {} zero) at: {}.",
                r.baseline_option,
                breaks_even
                    .iter()
                    .map(|(title, text)| format!("{title}: {text}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
            .weak(),
        );
    }
}

/// For each input of `option` with a switching value, its tornado title and "breaks even at
/// 8.2% (file 2.2%)" or "no break-even within 0.0% to 20.0%". Empty for the baseline, or
/// before the values are worked out.
fn breaks_even_by_title(
    input: &ChartInput<'_>,
    option: &str,
    is_baseline: bool,
) -> Vec<(String, String)> {
    use crate::present::fields::input_title;
    use crate::present::switching::{input_words, value_text};
    let Some(values) = input.results.switching_values.as_ref() else {
        return Vec::new();
    };
    if is_baseline {
        return Vec::new();
    }
    values
        .iter()
        .filter(|v| v.option == option)
        .map(|v| {
            let unit = input_words(&v.input, input.file).unit;
            let text = match v.zero_mean_difference {
                Some(x) => format!(
                    "breaks even at {} (file {})",
                    value_text(unit, x),
                    value_text(unit, v.central)
                ),
                None => format!(
                    "no break-even within {} to {}",
                    value_text(unit, v.search_low),
                    value_text(unit, v.search_high)
                ),
            };
            (input_title(&v.input), text)
        })
        .collect()
}

/// The tornado in pounds: for each input a bar from the option's mean difference from the
/// baseline with the input at its P10 to that with it at its P90, £m, biggest swing at the top,
/// and a line at the run's own mean difference.
fn swing_plot(ui: &mut Ui, input: &ChartInput<'_>, bars: &[SwingBar], index: usize, height: f32) {
    let r = input.results;
    let Some(option) = r.options.get(index) else {
        return;
    };
    let n = bars.len();
    let colour = palette::option_colour(index);
    let lighter = palette::translucent(colour, 0.45);
    let bar = |k: usize, b: &SwingBar| {
        let (low, high) = (b.at_p10_m.min(b.at_p90_m), b.at_p10_m.max(b.at_p90_m));
        let fill = if b.swing_m() >= 0.0 { colour } else { lighter };
        Bar::new((n - 1 - k) as f64, high - low)
            .base_offset(low)
            .width(0.7)
            .fill(fill)
            .stroke(egui::Stroke::new(1.0, colour))
            .name(&b.title)
    };
    let (raises, lowers): (Vec<_>, Vec<_>) = bars
        .iter()
        .enumerate()
        .partition(|(_, b)| b.swing_m() >= 0.0);
    let raises: Vec<Bar> = raises.into_iter().map(|(k, b)| bar(k, b)).collect();
    let lowers: Vec<Bar> = lowers.into_iter().map(|(k, b)| bar(k, b)).collect();
    let names: Vec<String> = bars.iter().map(|b| b.title.clone()).collect();
    let hover: Vec<(String, f64, f64)> = bars
        .iter()
        .map(|b| (b.title.clone(), b.at_p10_m, b.at_p90_m))
        .collect();
    let formatter = move || {
        let hover = hover.clone();
        Box::new(move |bar: &Bar, _: &BarChart| {
            let Some((_, p10, p90)) = hover.iter().find(|(t, _, _)| *t == bar.name) else {
                return bar.name.clone();
            };
            format!(
                "{}\nMean difference at its P10: {}\nat its P90: {}\nSwing: {}",
                bar.name,
                crate::present::gbp_m_signed(p10 * 1e6),
                crate::present::gbp_m_signed(p90 * 1e6),
                crate::present::gbp_m_signed((p90 - p10) * 1e6)
            )
        }) as Box<dyn Fn(&Bar, &BarChart) -> String>
    };
    let mean_m = option.npc_vs_baseline.mean / 1e6;
    let plot = titled(
        base_plot("tornado-swing", height - 26.0),
        crate::present::chart_data::AxisTitles {
            x: SWING_AXIS,
            y: "",
        },
    )
    .legend(legend(Corner::RightBottom))
    .include_x(0.0);
    one_row_per_input(plot, names).show(ui, |plot| {
        plot.bar_chart(
            BarChart::new("Higher input, dearer option", raises)
                .horizontal()
                .color(colour)
                .element_formatter(formatter()),
        );
        plot.bar_chart(
            BarChart::new("Higher input, cheaper option", lowers)
                .horizontal()
                .color(lighter)
                .element_formatter(formatter()),
        );
        plot.vline(
            egui_plot::VLine::new("Mean difference of the run", mean_m)
                .color(palette::reference_colour()),
        );
    });
}

/// One horizontal bar a row, the top row the first input: a grid line and a label for each row
/// (its input's name), never faded or dropped however close the rows are.
fn one_row_per_input(plot: egui_plot::Plot<'_>, names: Vec<String>) -> egui_plot::Plot<'_> {
    let n = names.len();
    plot.include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|k| GridMark {
                    value: k as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .custom_y_axes(vec![
            AxisHints::new_y()
                .formatter(move |mark, _| {
                    let k = mark.value.round();
                    if (mark.value - k).abs() > 1e-6 || k < 0.0 {
                        return String::new();
                    }
                    names
                        .get(n.saturating_sub(1).saturating_sub(k as usize))
                        .cloned()
                        .unwrap_or_default()
                })
                .label_spacing(12.0..=14.0),
        ])
}
