//! Evidence > Council benchmarks: pick a council and see its published workforce figures by year
//! beside England's and the spread of all councils, then use them as the scenario's starting
//! values. The figures come from [`crate::evidence`]; this only draws them and records the
//! person's choice as a [`Command`].

use std::collections::BTreeMap;

use egui::{Color32, Context, RichText, ScrollArea, TextEdit, Ui};
use egui_plot::{FilledArea, Line, LineStyle, PlotPoints, Points};

use crate::app::charts::{near_point, plain_plot};
use crate::app::command::Command;
use crate::app::editor::fields::input_title;
use crate::app::palette;
use crate::app::panels::council_spend;
use crate::app::runner::Finished;
use crate::evidence::census::{LICENCE, SOURCE, Spread};
use crate::evidence::{Area, Census, Indicator, plan};
use crate::model::{Dist, ScenarioFile};
use crate::present::format::trim_number;
use crate::present::plain::{family_plain_name, parameter_plain_name};

/// What the benchmarks window remembers.
#[derive(Default)]
pub struct BenchmarksState {
    pub open: bool,
    /// What is typed in the search box.
    pub search: String,
    /// The council picked, by its DfE name.
    pub council: Option<String>,
    /// The councils' spread per indicator and year, computed once.
    spreads: Option<BTreeMap<(Indicator, i32), Spread>>,
}

/// Height of one small chart.
const CHART_HEIGHT: f32 = 170.0;
/// The council's line; England's is the text colour, the councils' band grey.
const COUNCIL_COLOUR: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
const BAND_GREY: Color32 = Color32::from_rgb(0x99, 0x99, 0x99);

/// The window, when open. `scenario` is the scenario on show, which "Use as starting values"
/// changes.
pub fn benchmarks_window(
    ctx: &Context,
    state: &mut BenchmarksState,
    scenario: &ScenarioFile,
    shown: Option<&Finished>,
    commands: &mut Vec<Command>,
) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Council benchmarks")
        .open(&mut open)
        .default_size([860.0, 880.0])
        .default_pos([16.0, 40.0])
        .vscroll(true)
        .show(ctx, |ui| match crate::evidence::census() {
            Ok(census) => window_body(ui, state, census, scenario, shown, commands),
            Err(e) => {
                ui.label(RichText::new(e.to_string()).color(palette::problem_colour(ui)));
            }
        });
    state.open = open;
}

fn window_body(
    ui: &mut Ui,
    state: &mut BenchmarksState,
    census: &Census,
    scenario: &ScenarioFile,
    shown: Option<&Finished>,
    commands: &mut Vec<Command>,
) {
    ui.label(
        "Your council's social-work workforce as published by the Department for Education, \
         beside England and the spread of all English councils, and its spending by line as \
         published by MHCLG.",
    );
    ui.add_space(4.0);
    picker(ui, state, census);
    ui.separator();
    let Some(council) = state.council.as_deref().and_then(|n| census.council(n)) else {
        ui.label(RichText::new("Pick a council above to see its figures.").weak());
        source_line(ui);
        return;
    };
    let spreads = state.spreads.get_or_insert_with(|| {
        let mut map = BTreeMap::new();
        for indicator in Indicator::ALL {
            for year in census.years() {
                if let Some(s) = census.spread(indicator, year) {
                    map.insert((indicator, year), s);
                }
            }
        }
        map
    });
    ui.heading(format!("{} ({})", council.name, council.region));
    legend_row(ui, &council.name);
    let width = ((ui.available_width() - 16.0) / 2.0).max(260.0);
    egui::Grid::new("benchmark-charts")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            for (k, indicator) in Indicator::ALL.into_iter().enumerate() {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    indicator_chart(ui, census, council, spreads, indicator);
                });
                if k % 2 == 1 {
                    ui.end_row();
                }
            }
        });
    ui.add_space(6.0);
    source_line(ui);
    ui.separator();
    match crate::evidence::data::published() {
        Ok(published) => match published.councils.iter().find(|c| c.name == council.name) {
            Some(c) => council_spend::spending_ui(ui, published, c, shown),
            None => {
                ui.label(format!(
                    "No spending figures are matched to {}.",
                    council.name
                ));
            }
        },
        Err(e) => {
            ui.label(RichText::new(e.to_string()).color(palette::problem_colour(ui)));
        }
    }
    ui.separator();
    starting_values_ui(ui, census, council, scenario, commands);
}

/// The search box and the councils that match it.
fn picker(ui: &mut Ui, state: &mut BenchmarksState, census: &Census) {
    ui.horizontal(|ui| {
        let label = ui.label("Find a council");
        ui.add(
            TextEdit::singleline(&mut state.search)
                .hint_text("Name or region, e.g. Sunderland or North East")
                .desired_width(320.0),
        )
        .labelled_by(label.id);
    });
    let matches: Vec<&Area> = census.find(&state.search).collect();
    ui.label(
        RichText::new(format!(
            "{} of {} councils",
            matches.len(),
            census.councils.len()
        ))
        .weak()
        .size(12.0),
    );
    ScrollArea::vertical()
        .id_salt("council-list")
        .max_height(130.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                for area in matches {
                    let picked = state.council.as_deref() == Some(area.name.as_str());
                    if ui
                        .selectable_label(picked, &area.name)
                        .on_hover_text(&area.region)
                        .clicked()
                    {
                        state.council = Some(area.name.clone());
                    }
                }
            });
        });
}

/// Which line is which, once for every chart.
fn legend_row(ui: &mut Ui, council: &str) {
    ui.horizontal_wrapped(|ui| {
        let text = ui.visuals().text_color();
        swatch_line(ui, COUNCIL_COLOUR, false);
        ui.label(council);
        ui.add_space(10.0);
        swatch_line(ui, text, false);
        ui.label("England");
        ui.add_space(10.0);
        let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 10.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 0.0, palette::translucent(BAND_GREY, 0.35));
        ui.label("Councils' 10th to 90th percentile");
        ui.add_space(10.0);
        swatch_line(ui, BAND_GREY, true);
        ui.label("Median council");
    });
}

fn swatch_line(ui: &mut Ui, colour: Color32, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 10.0), egui::Sense::hover());
    let y = rect.center().y;
    let stroke = egui::Stroke::new(2.0, colour);
    if dashed {
        for k in 0..3 {
            let x = rect.left() + k as f32 * 8.0;
            ui.painter()
                .line_segment([egui::pos2(x, y), egui::pos2(x + 5.0, y)], stroke);
        }
    } else {
        ui.painter().line_segment(
            [egui::pos2(rect.left(), y), egui::pos2(rect.right(), y)],
            stroke,
        );
    }
}

/// One indicator by year: the council, England, and the councils' band and median.
fn indicator_chart(
    ui: &mut Ui,
    census: &Census,
    council: &Area,
    spreads: &BTreeMap<(Indicator, i32), Spread>,
    indicator: Indicator,
) {
    ui.label(
        RichText::new(format!("{} ({})", indicator.title(), indicator.unit()))
            .strong()
            .size(14.0),
    )
    .on_hover_text(indicator.definition());
    ui.label(RichText::new(indicator.definition()).weak().size(11.5));
    let band: Vec<(i32, &Spread)> = census
        .years()
        .into_iter()
        .filter_map(|y| spreads.get(&(indicator, y)).map(|s| (y, s)))
        .collect();
    let xs: Vec<f64> = band.iter().map(|(y, _)| f64::from(*y)).collect();
    let p10: Vec<f64> = band.iter().map(|(_, s)| s.p10).collect();
    let p90: Vec<f64> = band.iter().map(|(_, s)| s.p90).collect();
    let median: Vec<[f64; 2]> = band
        .iter()
        .map(|(y, s)| [f64::from(*y), s.median])
        .collect();
    let series = |area: &Area| -> Vec<[f64; 2]> {
        area.series(indicator)
            .into_iter()
            .map(|(y, v)| [f64::from(y), v])
            .collect()
    };
    let own = series(council);
    let england = series(&census.england);
    let text_colour = ui.visuals().text_color();
    let unit = unit_short(indicator);
    plain_plot(&format!("benchmark-{}", indicator.column()), CHART_HEIGHT)
        .x_axis_formatter(|mark, _| {
            if (mark.value - mark.value.round()).abs() < 1e-6 {
                format!("{:.0}", mark.value)
            } else {
                String::new()
            }
        })
        .x_grid_spacer(latest_year_marks)
        .y_axis_formatter(move |mark, _| format!("{}{unit}", trim_number(mark.value, 1)))
        .include_y(0.0)
        .label_formatter(near_point(move |p| {
            format!("{:.0}: {}", p.x, indicator.format(p.y))
        }))
        .show(ui, |plot| {
            plot.add(
                FilledArea::new("Councils' 10th to 90th percentile", &xs, &p10, &p90)
                    .fill_color(palette::translucent(BAND_GREY, 0.35)),
            );
            plot.line(
                Line::new("Median council", PlotPoints::from(median))
                    .color(BAND_GREY)
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            plot.line(
                Line::new("England", PlotPoints::from(england))
                    .color(text_colour)
                    .width(1.5),
            );
            plot.line(
                Line::new(&council.name, PlotPoints::from(own.clone()))
                    .color(COUNCIL_COLOUR)
                    .width(2.5),
            );
            plot.points(
                Points::new(&council.name, PlotPoints::from(own))
                    .color(COUNCIL_COLOUR)
                    .radius(3.0),
            );
        });
    // The latest year in words, so the figures can be quoted.
    if let Some(year) = census.latest_year() {
        let short = |v: f64| {
            if indicator.is_percent() {
                format!("{v:.1}%")
            } else {
                format!("{v:.1}")
            }
        };
        let mut parts = vec![match council.value(indicator, year) {
            Some(v) => format!("{} {}", council.name, short(v)),
            None => format!("{}: not published", council.name),
        }];
        if let Some(v) = census.england.value(indicator, year) {
            parts.push(format!("England {}", short(v)));
        }
        if let Some(s) = spreads.get(&(indicator, year)) {
            parts.push(format!(
                "councils {} to {} (median {}, {} councils)",
                short(s.p10),
                short(s.p90),
                short(s.median),
                s.councils
            ));
        }
        let unit = if indicator.is_percent() {
            String::new()
        } else {
            format!(" ({})", indicator.unit())
        };
        ui.label(RichText::new(format!("{year}{unit}: {}", parts.join(" · "))).size(12.0));
    }
}

/// Year marks far enough apart for their labels, counted back from the latest year so that it is
/// always labelled (2017, 2019, 2021, 2023).
fn latest_year_marks(input: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let (lo, hi) = input.bounds;
    // `base_step_size` is the span of 8 points; a "2023" label needs about 60.
    let needed = input.base_step_size * 60.0 / 8.0;
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|s| *s >= needed)
        .unwrap_or(10.0);
    if !(lo.is_finite() && hi.is_finite()) || hi - lo > 1_000.0 {
        return Vec::new();
    }
    let mut marks = Vec::new();
    let mut year = hi.floor();
    while year >= lo {
        marks.push(egui_plot::GridMark {
            value: year,
            step_size: step,
        });
        year -= step;
    }
    marks
}

/// "%" after a number on an axis; nothing for caseload, whose unit is in the title.
fn unit_short(indicator: Indicator) -> &'static str {
    if indicator.is_percent() { "%" } else { "" }
}

fn source_line(ui: &mut Ui) {
    ui.label(
        RichText::new(format!("Source: {SOURCE}. {LICENCE}"))
            .weak()
            .size(12.0),
    );
    ui.hyperlink_to(
        RichText::new("Open Government Licence v3.0").size(12.0),
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    );
}

/// What "Use as starting values" would set in the scenario on show, and the button.
fn starting_values_ui(
    ui: &mut Ui,
    census: &Census,
    council: &Area,
    scenario: &ScenarioFile,
    commands: &mut Vec<Command>,
) {
    let plan = plan(census, council, scenario);
    ui.label(RichText::new("Use as starting values").strong().size(15.0));
    ui.label(format!(
        "Changes these inputs of \"{}\" to {}'s own figures, for every option (whoever runs the \
         service starts from the council's workforce): each rate as a smooth peak (PERT) from the \
         lowest through the most recent to the highest of the last three years published, widened to at least 10% either side of \
         the most recent figure, and the cases held, which drive the cost, as published. Each \
         gets a note saying so. One step to undo. For a whole scenario from the council's \
         figures, budget included, use File > New from council…",
        scenario.name, council.name
    ));
    egui::Grid::new("starting-values")
        .num_columns(3)
        .striped(true)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Input").strong());
            ui.label(RichText::new("Now").strong());
            ui.label(RichText::new("Becomes").strong());
            ui.end_row();
            for value in &plan.set {
                ui.label(input_title(&value.path))
                    .on_hover_text(&value.path);
                ui.label(
                    current_dist(scenario, &value.path)
                        .map_or("—".to_string(), |d| dist_words(&value.path, &d)),
                );
                ui.label(dist_words(&value.path, &value.dist))
                    .on_hover_text(&value.note);
                ui.end_row();
            }
        });
    for why in &plan.skipped {
        ui.label(RichText::new(format!("Not set: {why}")).weak());
    }
    if ui
        .add_enabled(
            !plan.set.is_empty(),
            egui::Button::new(format!("Use {}'s figures as starting values", council.name)),
        )
        .clicked()
    {
        commands.push(Command::UseStartingValues(council.name.clone()));
    }
}

/// The distribution a path holds in `file` now.
fn current_dist(file: &ScenarioFile, path: &str) -> Option<Dist> {
    use crate::model::{OptionInput, WorldInput};
    if let Some(input) = WorldInput::ALL.iter().find(|i| i.path() == path) {
        return input.get(file).copied();
    }
    let (name, field) = path.strip_prefix("options[")?.split_once("].")?;
    let input = OptionInput::ALL.iter().find(|i| i.field() == field)?;
    let option = file.options.iter().find(|o| o.name == name)?;
    input.get(option).copied()
}

/// A starting value as people read it, in the editor's words: `Smooth peak: 12.1% / 13.4% /
/// 14.7% (Low / Most likely / High)`, `2,297 cases`.
fn dist_words(path: &str, dist: &Dist) -> String {
    let cases = path == "demand.open_cases";
    let caseload = path.ends_with("caseload");
    let show = |x: f64| {
        if cases {
            format!(
                "{} cases",
                crate::present::thousands(x.round().max(0.0) as u64)
            )
        } else if caseload {
            trim_number(x, 2)
        } else {
            format!("{}%", trim_number(x * 100.0, 2))
        }
    };
    if let Dist::Fixed(x) = dist {
        return show(*x);
    }
    let parameters = dist.parameters();
    let values: Vec<String> = parameters.iter().map(|(_, x)| show(*x)).collect();
    let names: Vec<&str> = parameters
        .iter()
        .map(|(name, _)| parameter_plain_name(name))
        .collect();
    format!(
        "{}: {} ({})",
        family_plain_name(dist.family()),
        values.join(" / "),
        names.join(" / ")
    )
}

#[cfg(test)]
mod tests {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;

    use crate::app::Command;
    use crate::app::tests::{app, harness};

    #[test]
    fn picking_a_council_shows_its_figures_and_uses_them_as_one_undoable_edit() {
        let mut h = harness(app());
        h.state_mut().push(Command::ShowBenchmarks);
        h.run();
        h.get_by_label("Find a council").click();
        h.run();
        h.get_by_label("Find a council").type_text("Sunder");
        h.run();
        assert_eq!(h.state().benchmarks.search, "Sunder");
        h.get_by_label("Sunderland").click();
        h.run();
        // The latest year in words beside each chart, from the published rows.
        h.get_by_label_contains("2025: Sunderland 11.8% · England 11.8%");
        // Its spending by line, published, and what it becomes before the button is pressed.
        h.get_by_label_contains("Spending on children's social care, 2023-24");
        h.get_by_label("2,297 cases");
        h.get_by_label_contains("Contains public sector information licensed under the Open");

        let before = h.state().scenario().clone();
        let button = "Use Sunderland's figures as starting values";
        h.get_by_label(button).scroll_to_me();
        h.run();
        h.get_by_label(button).click();
        h.run();
        let after = h.state().scenario().clone();
        let changed: Vec<String> = crate::model::diff::diff(&before, &after)
            .into_iter()
            .map(|d| d.path)
            .filter(|p| !p.starts_with("notes["))
            .collect();
        assert_eq!(
            changed,
            [
                "demand.open_cases",
                "workforce.initial_vacancy_rate",
                "workforce.reference_caseload",
                "options[In-house].agency_cover",
                "options[In-house].annual_turnover",
                "options[Children's trust].agency_cover",
                "options[Children's trust].annual_turnover",
                "options[Community interest company].agency_cover",
                "options[Community interest company].annual_turnover",
            ]
        );
        assert!(after.notes["options[In-house].annual_turnover"].contains("Sunderland"));
        assert!(after.notes["demand.open_cases"].contains("2,297"));
        // One edit: one undo takes every input and note back.
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
        assert_eq!(h.state().scenario(), &before);
    }

    #[test]
    fn an_input_beyond_every_council_is_flagged_where_it_is_typed() {
        let mut h = harness(app());
        h.run();
        assert!(
            h.query_by_label_contains("above every English council")
                .is_none()
        );
        h.get_by_label("In-house: Annual staff turnover — High")
            .set_value_accesskit(60.0);
        h.run();
        h.get_by_label("In-house: Annual staff turnover — Most likely")
            .set_value_accesskit(45.0);
        h.run();
        // Mean of a PERT of 8%, 45% and 60% is 41.3%, above the highest council in 2025 (Sutton, 34.9%).
        h.get_by_label_contains(
            "In-house: a turnover of 41.3% a year is above every English council in 2025",
        );
    }
}
