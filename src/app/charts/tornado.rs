//! Sensitivity tornado: for a chosen option, the ten sampled inputs whose draws move its cost
//! compared with the baseline the most (Spearman rank correlation), biggest at the top.

use egui::{RichText, Ui};
use egui_plot::{AxisHints, Bar, BarChart, Corner, GridMark};

use super::{ChartInput, ChartsState, base_plot, chart_heading, legend};
use crate::app::palette;
use crate::present::chart_data::{ChartKind, tornado_entries, tornado_option};

pub fn tornado_ui(ui: &mut Ui, input: &ChartInput<'_>, state: &mut ChartsState, height: f32) {
    let r = input.results;
    let chosen_index = tornado_option(r, state.tornado_option.as_deref());
    let Some(option) = r.options.get(chosen_index) else {
        return;
    };
    let is_baseline = option.name == r.baseline_option;
    let kind = ChartKind::Tornado;
    chart_heading(ui, &kind.title(r), &kind.subtitle(r, is_baseline));
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
    });
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
    let formatter = || {
        Box::new(|bar: &Bar, _: &BarChart| format!("{}\nρ = {:+.2}", bar.name, bar.value))
            as Box<dyn Fn(&Bar, &BarChart) -> String>
    };
    base_plot("tornado", height - 26.0)
        .legend(legend(Corner::RightBottom))
        .x_axis_label("Rank correlation")
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
        .include_x(1.0)
        .include_y(-0.6)
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
                // One label per bar, however close: never fade or drop them.
                .label_spacing(12.0..=14.0),
        ])
        .show(ui, |plot| {
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
}
